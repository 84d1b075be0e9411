# arm-none-eabi.cmake - CMake toolchain file for bare-metal Cortex-M firmware
# with Debian's gcc-arm-none-eabi and newlib:
#   cmake -S . -B build -G Ninja --toolchain arm-none-eabi.cmake
# The CPU flags come from the board's runtime target (Synth::runtime-<board>).
# Programs run on the build machine (synth, wat2wasm) are host programs; the
# rest is searched only under the cross toolchain's root, so a host package
# such as Synth must be found with NO_CMAKE_FIND_ROOT_PATH.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)
set(CMAKE_C_COMPILER arm-none-eabi-gcc)
set(CMAKE_ASM_COMPILER arm-none-eabi-gcc)
# No start-up files or semihosting stubs while CMake checks the compiler.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
set(CMAKE_FIND_ROOT_PATH /usr/lib/arm-none-eabi)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
