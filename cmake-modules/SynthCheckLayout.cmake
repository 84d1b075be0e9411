# SynthCheckLayout.cmake - script run by synth_add_layout() (cmake -P):
#
#   cmake -P SynthCheckLayout.cmake <stamp> <update-command> -- <check command...>
#
# Runs the check command (`synth layout check LAYOUT --requests ...`, with
# SYNTH_LAUNCHER in front); on success touches <stamp>, on failure fails with
# the check's message and the command that writes an updated layout.
set(i 0)
while(NOT CMAKE_ARGV${i} STREQUAL "-P")
  math(EXPR i "${i} + 1")
endwhile()
math(EXPR i "${i} + 2")
set(stamp "${CMAKE_ARGV${i}}")
math(EXPR i "${i} + 1")
set(update "${CMAKE_ARGV${i}}")
math(EXPR i "${i} + 2") # skip --
set(cmd)
while(i LESS CMAKE_ARGC)
  list(APPEND cmd "${CMAKE_ARGV${i}}")
  math(EXPR i "${i} + 1")
endwhile()
execute_process(COMMAND ${cmd} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  file(REMOVE "${stamp}")
  string(STRIP "${err}${out}" msg)
  # NOTICE prints as is (FATAL_ERROR would rewrap the command).
  message(NOTICE "${msg}\n"
    "The modules no longer fit the committed layout. To accept a new layout, run\n"
    "  ${update}\n"
    "then review the result and commit it.")
  message(FATAL_ERROR "synth layout check failed")
endif()
file(TOUCH "${stamp}")
