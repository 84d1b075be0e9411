# SynthCheckLayout.cmake - script run by synth_add_layout() (cmake -P):
#
#   cmake -P SynthCheckLayout.cmake <stamp> <update-command> <layout>
#         -- <check command...> [--plan <fresh.json> <plan command...>]
#
# Runs the check command (`synth layout check LAYOUT --requests ...`, with
# SYNTH_LAUNCHER in front). With --plan (synth_add_layout EXACT) it also runs
# the plan command, which writes a fresh layout to <fresh.json>, and requires
# it to be the committed <layout>, byte for byte. On success touches <stamp>;
# on failure prints the message and the command that writes an updated layout,
# and fails.
set(i 0)
while(NOT CMAKE_ARGV${i} STREQUAL "-P")
  math(EXPR i "${i} + 1")
endwhile()
math(EXPR i "${i} + 2")
set(stamp "${CMAKE_ARGV${i}}")
math(EXPR i "${i} + 1")
set(update "${CMAKE_ARGV${i}}")
math(EXPR i "${i} + 1")
set(layout "${CMAKE_ARGV${i}}")
math(EXPR i "${i} + 2") # skip --
set(check)
set(plan)
set(fresh)
set(into check)
while(i LESS CMAKE_ARGC)
  set(a "${CMAKE_ARGV${i}}")
  if(a STREQUAL "--plan")
    math(EXPR i "${i} + 1")
    set(fresh "${CMAKE_ARGV${i}}")
    set(into plan)
  else()
    list(APPEND ${into} "${a}")
  endif()
  math(EXPR i "${i} + 1")
endwhile()

function(_synth_fail msg what)
  file(REMOVE "${stamp}")
  string(STRIP "${msg}" msg)
  # NOTICE prints as is (FATAL_ERROR would rewrap the command).
  message(NOTICE "${msg}\n"
    "${what} To accept a new layout, run\n"
    "  ${update}\n"
    "then review the result and commit it.")
  message(FATAL_ERROR "synth layout check failed")
endfunction()

execute_process(COMMAND ${check} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  _synth_fail("${err}${out}" "The modules no longer fit the committed layout.")
endif()
if(plan)
  execute_process(COMMAND ${plan} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    _synth_fail("${err}${out}" "Planning the modules failed.")
  endif()
  file(READ "${layout}" committed)
  file(READ "${fresh}" planned)
  if(NOT committed STREQUAL planned)
    _synth_fail("${layout}: error: differs from the layout planned from the modules now (${fresh})"
                "The committed layout is not the one the modules plan to.")
  endif()
endif()
file(TOUCH "${stamp}")
