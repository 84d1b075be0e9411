# SynthQemuTest.cmake - CTest helpers for programs run on QEMU mps2 boards.
# include() it from any test folder; it needs core/runtime processed first
# (for the SYNTH_RT_RUNNER property) or falls back to the source path.
#
# synth_qemu_add_test(<name> BOARD <board> ELF <file.elf>
#                     [STATUS <n>] [EXPECT <file>] [MATCH <ERE>...]
#                     [REJECT <ERE>...] [RUNS <n>] [ICOUNT] [TIMEOUT <s>]
#                     [LABELS <label>...])
#   Runs ELF with qemu-run.sh (ICOUNT: exact instruction counting) through
#   qemu-check.sh, which fails unless the exit status is STATUS (default
#   0), stdout equals EXPECT, every MATCH regex matches a whole line, no
#   REJECT regex matches, and all RUNS runs printed the same. Labels
#   "qemu" plus LABELS; exit 77 (no QEMU) is a SKIP. TIMEOUT (default 10 s)
#   is QEMU's wall-clock limit; CTest's own is 20 s more.
#
# synth_qemu_add_skip_test(<name> <reason>)
#   A test that always reports SKIP with the reason, for when the cross
#   toolchain is missing and no image can be built.
include_guard(GLOBAL)

function(synth_qemu_add_test name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "ICOUNT" "BOARD;ELF;STATUS;EXPECT;RUNS;TIMEOUT"
                        "MATCH;REJECT;LABELS")
  if(NOT arg_BOARD OR NOT arg_ELF)
    message(FATAL_ERROR "synth_qemu_add_test: BOARD and ELF are required")
  endif()
  get_property(runner GLOBAL PROPERTY SYNTH_RT_RUNNER)
  if(NOT runner)
    set(runner ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/../../core/runtime/qemu-run.sh)
  endif()
  if(NOT DEFINED arg_STATUS)
    set(arg_STATUS 0)
  endif()
  if(NOT arg_TIMEOUT)
    set(arg_TIMEOUT 10)
  endif()
  set(check --status ${arg_STATUS})
  if(arg_EXPECT)
    list(APPEND check --expect ${arg_EXPECT})
  endif()
  foreach(re IN LISTS arg_MATCH)
    list(APPEND check --match ${re})
  endforeach()
  foreach(re IN LISTS arg_REJECT)
    list(APPEND check --reject ${re})
  endforeach()
  if(arg_RUNS)
    list(APPEND check --runs ${arg_RUNS})
  endif()
  set(run)
  if(arg_ICOUNT)
    set(run --icount)
  endif()
  add_test(NAME ${name}
    COMMAND sh ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/qemu-check.sh ${check} --
            sh ${runner} ${run} ${arg_BOARD} ${arg_ELF} ${arg_TIMEOUT})
  math(EXPR ctest_timeout "${arg_TIMEOUT} + 20")
  set_tests_properties(${name} PROPERTIES
    LABELS "qemu;${arg_LABELS}"
    SKIP_RETURN_CODE 77
    TIMEOUT ${ctest_timeout})
endfunction()

function(synth_qemu_add_skip_test name reason)
  add_test(NAME ${name} COMMAND sh -c "echo 'SKIP: ${reason}'; exit 77")
  set_tests_properties(${name} PROPERTIES LABELS qemu SKIP_RETURN_CODE 77)
endfunction()
