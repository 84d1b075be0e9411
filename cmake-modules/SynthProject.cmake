# SynthProject.cmake - synth_add_project(): a whole firmware from a Synth
# project file.
#
#   synth_add_project(<target> PROJECT <file.json>
#                     [QEMU_TEST <name> [PASS_REGULAR_EXPRESSION <regex>...]])
#
# A project file (format in core/src/project/load.c, README "Projects and
# Ninja") names the modules, the board, the domains, the committed layout
# and the firmware's own C sources. synth_add_project() does not read it:
# at configure time it runs `synth project steps <file> --format cmake`,
# the build steps of the library (the ones `synth ninja` writes as
# build.ninja), and makes each step a custom command run in
# ${CMAKE_CURRENT_BINARY_DIR}/synth/<target>/: compile every module, merge
# the memory requests, plan (or check the committed layout), export the
# layout, cross-compile the sources, link with the board's runtime, check
# the image against the layout. A project file synth rejects fails
# configuring with synth's message (file, JSON path, error); CMake
# configures again when the project file or the board's flags change.
#
# <target> is a custom target (in ALL) building the image and its check;
# its properties SYNTH_IMAGE (the image, <name>.elf in that folder) and
# SYNTH_BOARD let synth_add_qemu_test() run it. QEMU_TEST <name> adds that
# CTest test here, PASS_REGULAR_EXPRESSION as in synth_add_qemu_test().
#
# The commands are those of the Ninja build, with the same arguments, run
# from a build folder laid out the same way: the same project gives the
# same image either way. synth commands get SYNTH_LAUNCHER in front. The
# cross compiler is CMAKE_C_COMPILER when this project cross-compiles with
# arm-none-eabi-gcc, else arm-none-eabi-gcc found on PATH (cache variable
# SYNTH_CROSS_CC), so a host project can build firmware too. Modules and
# C sources write depfiles, and synth rewrites an output only when its
# bytes change (restat), so a touched but unchanged .wasm reruns its compile
# and nothing else. (An order-only input of a step, a generated header a
# C source may include, is an ordinary dependency here: add_custom_command
# has no order-only kind. Headers change only when a module's interface
# does.)
#
# Needs a synth that runs at configure time: SYNTH_EXECUTABLE or an imported
# Synth::synth (find_package, an install or a build folder), not the one a
# project builds itself after add_subdirectory(<Synth source>).
#
# Example (examples/hello/project.json, its module, layout and main.c):
#   cmake_minimum_required(VERSION 3.25)
#   project(hello C)
#   find_package(Synth 0.1 REQUIRED NO_CMAKE_FIND_ROOT_PATH)
#   enable_testing()
#   synth_add_project(hello-fw PROJECT project.json
#                     QEMU_TEST hello-runs PASS_REGULAR_EXPRESSION "demo\\(\\) => 2055")
include_guard(GLOBAL)

function(synth_add_project target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "PROJECT;QEMU_TEST" "PASS_REGULAR_EXPRESSION")
  _synth_check_args(synth_add_project arg)
  if(NOT arg_PROJECT)
    message(FATAL_ERROR "synth_add_project(${target}): PROJECT <file.json> is required")
  endif()
  if(arg_PASS_REGULAR_EXPRESSION AND NOT arg_QEMU_TEST)
    message(FATAL_ERROR "synth_add_project(${target}): PASS_REGULAR_EXPRESSION needs QEMU_TEST <name>")
  endif()
  set(file ${arg_PROJECT})
  cmake_path(ABSOLUTE_PATH file BASE_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR} NORMALIZE)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${file})

  # The steps, from a synth that runs now.
  _synth_configure_tool(exe)
  get_property(rt GLOBAL PROPERTY SYNTH_RUNTIME_DIR)
  set(dir ${CMAKE_CURRENT_BINARY_DIR}/synth/${target})
  file(MAKE_DIRECTORY ${dir})
  execute_process(
    COMMAND ${exe} project steps ${file} --format cmake --build-dir ${dir} --runtime ${rt}
    RESULT_VARIABLE rc OUTPUT_VARIABLE script ERROR_VARIABLE msg)
  if(NOT rc EQUAL 0)
    string(STRIP "${msg}" msg)
    message(FATAL_ERROR "synth_add_project(${target}): ${msg}")
  endif()
  set(steps ${dir}/steps.cmake)
  if(EXISTS ${steps})
    file(READ ${steps} old)
  else()
    set(old)
  endif()
  if(NOT old STREQUAL script)
    file(WRITE ${steps} "${script}")
  endif()

  # What the steps run.
  _synth_tool(_synth_project_synth _synth_project_synth_dep)
  if(CMAKE_C_COMPILER_ID STREQUAL "GNU" AND CMAKE_C_COMPILER MATCHES "arm-none-eabi-gcc[^/]*$")
    set(_synth_project_cc ${CMAKE_C_COMPILER})
  else()
    find_program(SYNTH_CROSS_CC arm-none-eabi-gcc NO_CMAKE_FIND_ROOT_PATH
                 DOC "the cross compiler of synth_add_project() in a project that does not cross-compile")
    if(NOT SYNTH_CROSS_CC)
      message(FATAL_ERROR "synth_add_project(${target}): arm-none-eabi-gcc not found: "
                          "use an arm-none-eabi toolchain file or set SYNTH_CROSS_CC")
    endif()
    set(_synth_project_cc ${SYNTH_CROSS_CC})
  endif()

  # The steps' own folder is a binary directory of its own, so their paths
  # (relative to the build folder) are relative to CMAKE_CURRENT_BINARY_DIR
  # there, as CMake reads OUTPUT, DEPFILE and the paths inside depfiles
  # (CMP0116). project/CMakeLists.txt includes the steps.
  set(_synth_project_target ${target})
  set(_synth_project_steps ${steps})
  add_subdirectory(${CMAKE_CURRENT_FUNCTION_LIST_DIR}/project ${dir})

  if(arg_QEMU_TEST)
    set(pass)
    if(arg_PASS_REGULAR_EXPRESSION)
      set(pass PASS_REGULAR_EXPRESSION ${arg_PASS_REGULAR_EXPRESSION})
    endif()
    synth_add_qemu_test(${arg_QEMU_TEST} ${target} ${pass})
  endif()
endfunction()

# _synth_configure_tool(<out_var>)
#   The synth program as a path that runs at configure time: SYNTH_EXECUTABLE,
#   else the imported Synth::synth.
function(_synth_configure_tool out)
  if(SYNTH_EXECUTABLE)
    set(${out} ${SYNTH_EXECUTABLE} PARENT_SCOPE)
    return()
  endif()
  if(TARGET Synth::synth)
    get_target_property(imported Synth::synth IMPORTED)
    if(imported)
      get_target_property(cfgs Synth::synth IMPORTED_CONFIGURATIONS)
      set(props IMPORTED_LOCATION)
      foreach(c IN LISTS cfgs)
        list(APPEND props IMPORTED_LOCATION_${c})
      endforeach()
      foreach(p IN LISTS props)
        get_target_property(loc Synth::synth ${p})
        if(loc AND EXISTS ${loc})
          set(${out} ${loc} PARENT_SCOPE)
          return()
        endif()
      endforeach()
    endif()
  endif()
  message(FATAL_ERROR "synth_add_project: no synth to run at configure time: set SYNTH_EXECUTABLE "
                      "(a synth built by this project exists only at build time)")
endfunction()

# _synth_project(NAME <name> BOARD <board> IMAGE <image> [CONFIGURE_DEPENDS <file>...])
#   The first call of a steps script: what the project builds, and the files
#   its steps were made from. Called in the steps' folder.
function(_synth_project)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "NAME;BOARD;IMAGE" "CONFIGURE_DEPENDS")
  _synth_check_args(_synth_project arg)
  foreach(f IN LISTS arg_CONFIGURE_DEPENDS)
    cmake_path(ABSOLUTE_PATH f BASE_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR} NORMALIZE)
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${f})
  endforeach()
  set(image ${arg_IMAGE})
  cmake_path(ABSOLUTE_PATH image BASE_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR} NORMALIZE)
  set(_synth_project_board ${arg_BOARD} PARENT_SCOPE)
  set(_synth_project_image ${image} PARENT_SCOPE)
  set(_synth_project_outputs PARENT_SCOPE)
endfunction()

# _synth_project_step(KIND <kind> NAME <name> TOOL synth|cc [ARGS <arg>...]
#                     [INPUTS <file>...] [IMPLICIT <file>...] [ORDER <file>...]
#                     OUTPUTS <file>... [DEPFILE <file>] [RESTAT] [STAMP])
#   One step of a steps script as a custom command run in the steps' folder
#   (paths relative to it); appends its outputs to _synth_project_outputs.
function(_synth_project_step)
  cmake_parse_arguments(PARSE_ARGV 0 arg "RESTAT;STAMP" "KIND;NAME;TOOL;DEPFILE"
                        "ARGS;INPUTS;IMPLICIT;ORDER;OUTPUTS")
  _synth_check_args(_synth_project_step arg)
  set(here ${CMAKE_CURRENT_BINARY_DIR})
  if(arg_TOOL STREQUAL "synth")
    set(cmd ${_synth_project_synth})
    set(deps ${_synth_project_synth_dep})
  elseif(arg_TOOL STREQUAL "cc")
    set(cmd ${_synth_project_cc})
    set(deps)
  else()
    message(FATAL_ERROR "synth_add_project(${_synth_project_target}): unknown tool '${arg_TOOL}'")
  endif()
  foreach(a IN LISTS arg_ARGS)
    # add_custom_command would read these as generator expressions.
    if(a MATCHES "\\$<")
      message(FATAL_ERROR "synth_add_project(${_synth_project_target}): '${a}' holds '$<', "
                          "which add_custom_command would read as a generator expression")
    endif()
  endforeach()
  foreach(f IN LISTS arg_INPUTS arg_IMPLICIT arg_ORDER)
    cmake_path(ABSOLUTE_PATH f BASE_DIRECTORY ${here} NORMALIZE)
    list(APPEND deps ${f})
  endforeach()
  set(outs)
  foreach(f IN LISTS arg_OUTPUTS)
    cmake_path(ABSOLUTE_PATH f BASE_DIRECTORY ${here} NORMALIZE)
    list(APPEND outs ${f})
    # Ninja makes an output's folder, Make does not.
    cmake_path(GET f PARENT_PATH d)
    file(MAKE_DIRECTORY ${d})
  endforeach()
  set(extra)
  if(arg_STAMP)
    list(GET arg_OUTPUTS 0 stamp)
    set(extra COMMAND ${CMAKE_COMMAND} -E touch ${stamp})
  elseif(arg_RESTAT)
    _synth_touch(extra ${outs})
  endif()
  set(depfile)
  if(arg_DEPFILE)
    set(depfile DEPFILE ${arg_DEPFILE})
  endif()
  add_custom_command(OUTPUT ${outs}
    COMMAND ${cmd} ${arg_ARGS}
    ${extra}
    DEPENDS ${deps}
    ${depfile}
    WORKING_DIRECTORY ${here}
    COMMENT "${_synth_project_target}: ${arg_NAME}"
    VERBATIM)
  set(_synth_project_outputs ${_synth_project_outputs} ${outs} PARENT_SCOPE)
endfunction()
