# SynthFirmware.cmake - synth_add_firmware(): link modules, a layout and the
# MCU runtime into a firmware image for a board, checked against the layout.
#
#   synth_add_firmware(<target> BOARD <board> LAYOUT <layout-target>
#                      [MODULES <module-target>...] [SOURCES <file>...])
#
# Needs a project cross-compiling for the board with arm-none-eabi-gcc (a
# toolchain file). Adds the executable <target> (<target>.elf) built from
# SOURCES (your main(), which calls the modules' exports) and linked with:
# the layout (its synth_layout.c, ld fragment and MPU tables), the MODULES'
# objects (default: the layout's modules; each must be in the layout and
# compiled for a core the board runs) and Synth::runtime-<board> (start-up,
# traps, the board's linker script and CPU flags, libgcc). The modules and
# the layout may come from other directories (with policy CMP0118 NEW,
# cmake_minimum_required 3.20 or later: synth_layout.c is generated where the
# layout is). Sources are
# compiled with the board's CPU flags and with the source and build folders
# mapped to "." in debug information, so the image does not depend on where
# it is built.
#
# After the link, `synth layout check <layout> --elf <image>` fails the build
# when the image put a memory (or the MPU table) anywhere else than the
# layout says.
#
# Example:
#   synth_add_firmware(hello-fw BOARD mps2-an386 LAYOUT hello-layout SOURCES main.c)
include_guard(GLOBAL)

function(synth_add_firmware target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "BOARD;LAYOUT" "MODULES;SOURCES")
  _synth_check_args(synth_add_firmware arg)
  if(NOT arg_BOARD OR NOT arg_LAYOUT)
    message(FATAL_ERROR "synth_add_firmware(${target}): BOARD and LAYOUT are required")
  endif()
  if(NOT TARGET Synth::runtime-${arg_BOARD})
    get_property(boards GLOBAL PROPERTY SYNTH_BOARDS)
    message(FATAL_ERROR "synth_add_firmware(${target}): no runtime for board '${arg_BOARD}' "
                        "(installed: ${boards})")
  endif()
  if(NOT TARGET ${arg_LAYOUT})
    message(FATAL_ERROR "synth_add_firmware(${target}): no layout target '${arg_LAYOUT}' (synth_add_layout first)")
  endif()
  get_target_property(layout ${arg_LAYOUT} SYNTH_LAYOUT_FILE)
  if(NOT layout)
    message(FATAL_ERROR "synth_add_firmware(${target}): '${arg_LAYOUT}' was not made by synth_add_layout")
  endif()
  get_target_property(planned ${arg_LAYOUT} SYNTH_LAYOUT_MODULES)
  if(NOT arg_MODULES)
    set(arg_MODULES ${planned})
  endif()
  _synth_board_cores(${arg_BOARD} cores)
  foreach(m IN LISTS arg_MODULES)
    # A module outside the layout would land wherever the runtime's script
    # puts leftovers, unchecked, possibly on a planned memory.
    if(NOT m IN_LIST planned)
      message(FATAL_ERROR "synth_add_firmware(${target}): module '${m}' is not in layout "
                          "'${arg_LAYOUT}' (its MODULES: ${planned})")
    endif()
    get_target_property(cpu ${m} SYNTH_TARGET_CPU)
    if(cores AND NOT cpu IN_LIST cores)
      list(JOIN cores " or " want)
      message(FATAL_ERROR "synth_add_firmware(${target}): module '${m}' is compiled for ${cpu}, "
                          "board ${arg_BOARD} needs ${want} code: synth_add_module(${m} ... TARGET_CPU ${want})")
    endif()
  endforeach()
  if(NOT CMAKE_C_COMPILER_ID STREQUAL "GNU" OR NOT CMAKE_SYSTEM_PROCESSOR MATCHES "^arm")
    message(WARNING "synth_add_firmware(${target}): the C compiler (${CMAKE_C_COMPILER}) does not "
                    "look like arm-none-eabi-gcc: use an arm-none-eabi toolchain file")
  endif()
  _synth_tool(synth synth_dep)

  add_executable(${target} ${arg_SOURCES})
  set_target_properties(${target} PROPERTIES
    SUFFIX .elf
    SYNTH_BOARD ${arg_BOARD}
    SYNTH_LAYOUT_FILE ${layout})
  # The layout first: its ld fragment must precede the runtime's script.
  target_link_libraries(${target} PRIVATE ${arg_LAYOUT} ${arg_MODULES} Synth::runtime-${arg_BOARD})
  target_compile_options(${target} PRIVATE
    "-ffile-prefix-map=${CMAKE_SOURCE_DIR}=." "-ffile-prefix-map=${CMAKE_BINARY_DIR}=.")
  # The layout's fragment before the runtime's script (-T options are read
  # in order and ld gives an input section to the first statement matching
  # it), relative to where the link runs: CMake does not quote every path in
  # a link option for the shell (a '$' in a build folder's name breaks it).
  get_target_property(ld ${arg_LAYOUT} SYNTH_LAYOUT_LD)
  if(CMAKE_GENERATOR MATCHES "Ninja")
    file(RELATIVE_PATH ld ${CMAKE_BINARY_DIR} ${ld})
  else()
    file(RELATIVE_PATH ld ${CMAKE_CURRENT_BINARY_DIR} ${ld})
  endif()
  target_link_options(${target} PRIVATE "-T${ld}" LINKER:--gc-sections LINKER:--build-id=none)
  add_custom_command(TARGET ${target} POST_BUILD
    COMMAND ${synth} layout check ${layout} --elf $<TARGET_FILE:${target}>
    COMMENT "Checking ${target} against its layout"
    VERBATIM)
endfunction()

# _synth_board_cores(<board> <out_var>)
#   The synth cores whose code links with the board's runtime (same float
#   ABI, an instruction set the core runs), from the runtime's CPU flags.
function(_synth_board_cores board out)
  get_target_property(flags Synth::runtime-${board} INTERFACE_COMPILE_OPTIONS)
  set(cores)
  if("-mfloat-abi=hard" IN_LIST flags)
    if("-mcpu=cortex-m4" IN_LIST flags)
      set(cores cortex-m4f)
    elseif("-mcpu=cortex-m7" IN_LIST flags)
      set(cores cortex-m7 cortex-m7dp)
    elseif("-mcpu=cortex-m33" IN_LIST flags)
      set(cores cortex-m33)
    endif()
  elseif("-mcpu=cortex-m3" IN_LIST flags)
    set(cores cortex-m3)
  elseif("-mcpu=cortex-m4" IN_LIST flags)
    set(cores cortex-m3 cortex-m4)
  endif()
  set(${out} ${cores} PARENT_SCOPE)
endfunction()
