# SynthQemuTest.cmake - synth_add_qemu_test(): run a firmware under QEMU as
# a CTest test.
#
#   synth_add_qemu_test(<name> <firmware-target>
#                       [PASS_REGULAR_EXPRESSION <regex>...]
#                       [FAIL_REGULAR_EXPRESSION <regex>...]
#                       [TIMEOUT <seconds>] [ICOUNT] [LABELS <label>...])
#
# <firmware-target> is made by synth_add_firmware() or synth_add_project()
# (whose image is its SYNTH_IMAGE property).
# Runs the image on its board (the firmware's SYNTH_BOARD) with the runtime's
# qemu-run.sh: semihosting output on stdout, the program's exit status as the
# test's. The test fails when the status is not 0, even when a
# PASS_REGULAR_EXPRESSION matches; it is skipped (exit 77, SKIP_RETURN_CODE)
# when qemu-system-arm is missing. TIMEOUT (default 10) is QEMU's wall-clock
# limit; ICOUNT runs with exact instruction counting (-icount shift=7).
#
# Example:
#   enable_testing()
#   synth_add_qemu_test(hello-runs hello-fw PASS_REGULAR_EXPRESSION "demo\\(\\) => 2055")
include_guard(GLOBAL)

function(synth_add_qemu_test name firmware)
  cmake_parse_arguments(PARSE_ARGV 2 arg "ICOUNT" "TIMEOUT"
                        "PASS_REGULAR_EXPRESSION;FAIL_REGULAR_EXPRESSION;LABELS")
  _synth_check_args(synth_add_qemu_test arg)
  if(NOT TARGET ${firmware})
    message(FATAL_ERROR "synth_add_qemu_test(${name}): no target '${firmware}'")
  endif()
  get_target_property(board ${firmware} SYNTH_BOARD)
  if(NOT board)
    message(FATAL_ERROR "synth_add_qemu_test(${name}): '${firmware}' was not made by synth_add_firmware or synth_add_project")
  endif()
  get_target_property(image ${firmware} SYNTH_IMAGE)
  if(NOT image)
    set(image $<TARGET_FILE:${firmware}>)
  endif()
  get_property(rt GLOBAL PROPERTY SYNTH_RUNTIME_DIR)
  if(NOT arg_TIMEOUT)
    set(arg_TIMEOUT 10)
  endif()
  set(icount)
  if(arg_ICOUNT)
    set(icount --icount)
  endif()
  add_test(NAME ${name}
    COMMAND sh ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/synth-qemu-test.sh ${rt}/qemu-run.sh ${icount}
            ${board} ${image} ${arg_TIMEOUT})
  math(EXPR ctest_timeout "${arg_TIMEOUT} + 20")
  # The wrapper prints the exit status last: a nonzero one fails the test
  # even when a PASS_REGULAR_EXPRESSION (which makes CTest ignore the
  # status) matches.
  set(fail "synth-qemu-test: exit status [1-9]" ${arg_FAIL_REGULAR_EXPRESSION})
  set_tests_properties(${name} PROPERTIES
    SKIP_RETURN_CODE 77
    TIMEOUT ${ctest_timeout}
    FAIL_REGULAR_EXPRESSION "${fail}")
  if(arg_PASS_REGULAR_EXPRESSION)
    set_tests_properties(${name} PROPERTIES PASS_REGULAR_EXPRESSION "${arg_PASS_REGULAR_EXPRESSION}")
  endif()
  if(arg_LABELS)
    set_tests_properties(${name} PROPERTIES LABELS "${arg_LABELS}")
  endif()
endfunction()
