# Synth.cmake - the functions of the Synth CMake package, and what they share.
#
# Included by SynthConfig.cmake (find_package(Synth)) and by cmake-modules/
# (add_subdirectory), after the targets Synth::synth and Synth::runtime-<board>
# exist. It includes one file per public function, each documented at its top
# with an example:
#   synth_add_module    SynthModule.cmake    wasm -> object, header, requests
#   synth_add_layout    SynthLayout.cmake    requests -> plan or check, ld
#                                            fragment, MPU/PMP table
#   synth_add_firmware  SynthFirmware.cmake  modules + layout + runtime -> ELF,
#                                            checked against the layout
#   synth_add_qemu_test SynthQemuTest.cmake  a CTest test running it on QEMU
#   synth_add_project   SynthProject.cmake   all of the above from a project
#                                            file, by the library's build steps
#
# A typical firmware project (cross-compiled with an arm-none-eabi toolchain
# file; synth itself is a host program):
#
#   cmake_minimum_required(VERSION 3.25)
#   project(hello C)
#   find_package(Synth 0.1 REQUIRED NO_CMAKE_FIND_ROOT_PATH)
#   synth_add_module(hello WASM hello.wasm TARGET_CPU cortex-m4f)
#   synth_add_layout(hello-layout MODULES hello TARGET target.json LAYOUT hello.layout.json)
#   synth_add_firmware(hello-fw BOARD mps2-an386 LAYOUT hello-layout SOURCES main.c)
#   enable_testing()
#   synth_add_qemu_test(hello-runs hello-fw PASS_REGULAR_EXPRESSION "demo\\(\\) => 2055")
#
# Variables read by every function:
#   SYNTH_EXECUTABLE  (cache) the synth program to run; default Synth::synth
#   SYNTH_LAUNCHER    a command (list) put in front of every synth command,
#                     like CMAKE_<LANG>_COMPILER_LAUNCHER, for a compiler
#                     cache or a remote-execution client
#
# Every synth command runs in the output's own folder with relative output
# names, and the generated files hold no absolute path, date or build-folder
# name: the same inputs give the same bytes in any build folder. synth writes
# its outputs only when their contents change, and CMake's Ninja generators
# give custom commands `restat = 1`, so what depends on an unchanged output
# does not rebuild.
include_guard(GLOBAL)
cmake_policy(VERSION 3.25) # CMP0116: DEPFILE paths relative to the command's folder

set(_SYNTH_CMAKE_DIR ${CMAKE_CURRENT_LIST_DIR})

# The boards whose runtime is installed (share/synth/runtime/<board>/).
set(SYNTH_BOARDS)
file(GLOB _synth_cflags LIST_DIRECTORIES false "${SYNTH_RUNTIME_DIR}/*/synth-rt-*.cflags")
foreach(_f IN LISTS _synth_cflags)
  cmake_path(GET _f PARENT_PATH _d)
  cmake_path(GET _d FILENAME _b)
  list(APPEND SYNTH_BOARDS ${_b})
endforeach()
list(SORT SYNTH_BOARDS)
unset(_synth_cflags)
# The functions read these from here (they may be called from a directory
# that does not see the variables, after add_subdirectory).
set_property(GLOBAL PROPERTY SYNTH_RUNTIME_DIR "${SYNTH_RUNTIME_DIR}")
set_property(GLOBAL PROPERTY SYNTH_BOARDS "${SYNTH_BOARDS}")

# _synth_tool(<out_command> <out_depends>)
#   The command prefix that runs synth (SYNTH_LAUNCHER, then SYNTH_EXECUTABLE
#   or Synth::synth) and what a custom command running it depends on.
function(_synth_tool out_cmd out_dep)
  if(SYNTH_EXECUTABLE)
    set(exe ${SYNTH_EXECUTABLE})
    set(dep ${SYNTH_EXECUTABLE})
  elseif(TARGET Synth::synth)
    set(exe $<TARGET_FILE:Synth::synth>)
    set(dep Synth::synth)
  else()
    message(FATAL_ERROR "Synth: no synth program: set SYNTH_EXECUTABLE")
  endif()
  set(${out_cmd} ${SYNTH_LAUNCHER} ${exe} PARENT_SCOPE)
  set(${out_dep} ${dep} PARENT_SCOPE)
endfunction()

# _synth_touch(<out_var> <file>...)
#   A COMMAND that marks outputs as made, for generators without restat (Unix
#   Makefiles): synth leaves an unchanged output alone, which Make would see
#   as out of date on every build. Empty for Ninja, where restat uses it.
function(_synth_touch out)
  if(CMAKE_GENERATOR MATCHES "Ninja")
    set(${out} "" PARENT_SCOPE)
  else()
    set(${out} COMMAND ${CMAKE_COMMAND} -E touch_nocreate ${ARGN} PARENT_SCOPE)
  endif()
endfunction()

# _synth_shell_join(<out_var> <arg>...)
#   The arguments as one POSIX shell command line, quoting those that need
#   it, for messages that tell the user what to run.
function(_synth_shell_join out)
  set(line)
  foreach(a IN LISTS ARGN)
    if(NOT a MATCHES "^[A-Za-z0-9_./:=,+@%-]+$" AND NOT a MATCHES "^\\$<")
      string(REPLACE "'" "'\\''" a "${a}")
      set(a "'${a}'")
    endif()
    list(APPEND line "${a}")
  endforeach()
  list(JOIN line " " line)
  set(${out} "${line}" PARENT_SCOPE)
endfunction()

# _synth_check_args(<function> <prefix>): fails on arguments a function did
# not take.
macro(_synth_check_args fn prefix)
  if(${prefix}_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "${fn}: unexpected arguments: ${${prefix}_UNPARSED_ARGUMENTS}")
  endif()
  if(${prefix}_KEYWORDS_MISSING_VALUES)
    message(FATAL_ERROR "${fn}: ${${prefix}_KEYWORDS_MISSING_VALUES} needs a value")
  endif()
endmacro()

include(${_SYNTH_CMAKE_DIR}/SynthModule.cmake)
include(${_SYNTH_CMAKE_DIR}/SynthLayout.cmake)
include(${_SYNTH_CMAKE_DIR}/SynthFirmware.cmake)
include(${_SYNTH_CMAKE_DIR}/SynthQemuTest.cmake)
include(${_SYNTH_CMAKE_DIR}/SynthProject.cmake)
