# SynthImport.cmake - the Synth targets from a prebuilt host synth, for a
# cross-compiling firmware project that add_subdirectory()s the Synth source
# tree (it cannot build the host tool with its cross compiler).
#
#   cmake -DSYNTH_EXECUTABLE=/opt/synth/bin/synth ...   (or synth on PATH)
#
# Defines, like find_package(Synth): Synth::synth (imported executable),
# Synth::runtime and Synth::runtime-<board> for each board folder of the
# runtime found next to the tool (<bindir>/runtime in a build folder,
# <bindir>/../share/synth/runtime installed; SYNTH_RUNTIME_DIR overrides),
# and sets SYNTH_RUNTIME_DIR.
include_guard(GLOBAL)

macro(_synth_import_tool)
  set(SYNTH_EXECUTABLE "" CACHE FILEPATH
      "synth host program (never searched in a target sysroot)")
  if(NOT SYNTH_EXECUTABLE)
    find_program(_synth_found synth NO_CMAKE_FIND_ROOT_PATH)
    if(NOT _synth_found)
      message(FATAL_ERROR "Synth: no host synth program: set SYNTH_EXECUTABLE")
    endif()
    set_property(CACHE SYNTH_EXECUTABLE PROPERTY VALUE ${_synth_found})
  endif()
  if(NOT SYNTH_RUNTIME_DIR)
    cmake_path(GET SYNTH_EXECUTABLE PARENT_PATH _synth_bindir)
    if(EXISTS ${_synth_bindir}/runtime/include/synth_rt.h)
      set(_synth_rt ${_synth_bindir}/runtime)
    else()
      cmake_path(ABSOLUTE_PATH _synth_bindir NORMALIZE OUTPUT_VARIABLE _synth_rt)
      cmake_path(APPEND _synth_rt .. share synth runtime)
      cmake_path(NORMAL_PATH _synth_rt)
    endif()
    set(SYNTH_RUNTIME_DIR ${_synth_rt} CACHE PATH "the Synth MCU runtime (share/synth/runtime)")
  endif()
  if(NOT EXISTS ${SYNTH_RUNTIME_DIR}/include/synth_rt.h)
    message(FATAL_ERROR "Synth: no runtime in ${SYNTH_RUNTIME_DIR}: set SYNTH_RUNTIME_DIR")
  endif()

  if(NOT TARGET Synth::synth)
    add_executable(Synth::synth IMPORTED GLOBAL)
    set_target_properties(Synth::synth PROPERTIES IMPORTED_LOCATION ${SYNTH_EXECUTABLE})
    add_library(Synth::runtime INTERFACE IMPORTED GLOBAL)
    set_target_properties(Synth::runtime PROPERTIES
      INTERFACE_INCLUDE_DIRECTORIES ${SYNTH_RUNTIME_DIR}/include)
    file(GLOB _synth_cflags LIST_DIRECTORIES false "${SYNTH_RUNTIME_DIR}/*/synth-rt-*.cflags")
    foreach(_f IN LISTS _synth_cflags)
      cmake_path(GET _f PARENT_PATH _d)
      cmake_path(GET _d FILENAME _b)
      file(STRINGS ${_f} _flags LIMIT_COUNT 1)
      separate_arguments(_flags UNIX_COMMAND "${_flags}")
      add_library(Synth::runtime-${_b} INTERFACE IMPORTED GLOBAL)
      set_target_properties(Synth::runtime-${_b} PROPERTIES
        SYNTH_BOARD ${_b}
        INTERFACE_COMPILE_OPTIONS "${_flags}"
        INTERFACE_LINK_OPTIONS "${_flags};-nostdlib;-nostartfiles;-T${_d}/synth-rt-${_b}.ld"
        INTERFACE_LINK_LIBRARIES "Synth::runtime;${_d}/libsynth-rt-${_b}.a;gcc"
        INTERFACE_LINK_DEPENDS ${_d}/synth-rt-${_b}.ld)
    endforeach()
  endif()
endmacro()
