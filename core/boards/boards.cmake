# boards.cmake - the board registry (boards.def) read by CMake at configure time.
#
# boards.def is an X-macro table for C; this file reads the same rows with
# regular expressions (comments dropped, one SYNTH_BOARD(...) call per row,
# fields split at commas, quotes stripped), so the runtime's cross-compile
# flags and linker scripts and the planner's built-in targets come from the
# one file the compiler and `synth run` include. It defines:
#   SYNTH_BOARDS                    board names, in file order
#   SYNTH_BOARD_<board>_<FIELD>     each field of the row (FIELD as in
#                                   _synth_board_fields below, upper case)
#   SYNTH_BOARD_<board>_RT_DATA_ORIGIN / _RT_DATA_LENGTH / _RT_HEAP_ORIGIN
#                                   the runtime's .data/.bss and heap sections
#                                   (same formulas as boards.h)
# and synth_board_target_json(<board> <out-var>): the planner's target
# description of the board (format synth-target, see core/src/plan/target.c).
include_guard(DIRECTORY)

set(SYNTH_BOARDS_DEF ${CMAKE_CURRENT_LIST_DIR}/boards.def)
set_property(DIRECTORY ${CMAKE_SOURCE_DIR} APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${SYNTH_BOARDS_DEF})

set(_synth_board_fields
  NAME MACHINE CORE CFLAGS CODE_ORIGIN CODE_LENGTH RAM_BANK RAM_ORIGIN RAM_LENGTH
  WASM_BANK WASM_ORIGIN WASM_LENGTH EXTRA_BANK EXTRA_ORIGIN EXTRA_LENGTH DEV_ORIGIN DEV_LENGTH
  TIMER0 TIMER_HZ MPU MPU_REGIONS MPU_ALIGN STACK_SIZE HEAP_SIZE DOMAIN_STACK SHARED_RUNTIME
  DESCRIPTION)
list(LENGTH _synth_board_fields _synth_board_nfields)

file(READ ${SYNTH_BOARDS_DEF} _synth_def)
string(REGEX REPLACE "/\\*([^*]|\\*+[^*/])*\\*+/" "" _synth_def "${_synth_def}")
string(REGEX MATCHALL "SYNTH_BOARD\\([^)]*\\)" _synth_rows "${_synth_def}")
set(SYNTH_BOARDS)
foreach(_row IN LISTS _synth_rows)
  string(REGEX REPLACE "^SYNTH_BOARD\\((.*)\\)$" "\\1" _row "${_row}")
  if(_row MATCHES ";")
    message(FATAL_ERROR "${SYNTH_BOARDS_DEF}: a field holds a ';': ${_row}")
  endif()
  string(REPLACE "," ";" _row "${_row}")
  list(LENGTH _row _n)
  if(NOT _n EQUAL _synth_board_nfields)
    message(FATAL_ERROR "${SYNTH_BOARDS_DEF}: a row has ${_n} fields, not ${_synth_board_nfields}: ${_row}")
  endif()
  set(_vals)
  foreach(_v IN LISTS _row)
    string(STRIP "${_v}" _v)
    string(REGEX REPLACE "^\"(.*)\"$" "\\1" _v "${_v}")
    list(APPEND _vals "${_v}")
  endforeach()
  list(GET _vals 0 _b)
  if(_b IN_LIST SYNTH_BOARDS)
    message(FATAL_ERROR "${SYNTH_BOARDS_DEF}: board ${_b} appears twice")
  endif()
  list(APPEND SYNTH_BOARDS ${_b})
  foreach(_f _v IN ZIP_LISTS _synth_board_fields _vals)
    set(SYNTH_BOARD_${_b}_${_f} "${_v}")
  endforeach()
  set(_p SYNTH_BOARD_${_b})
  math(EXPR ${_p}_RT_DATA_ORIGIN "${${_p}_RAM_ORIGIN} + ${${_p}_STACK_SIZE}" OUTPUT_FORMAT HEXADECIMAL)
  math(EXPR ${_p}_RT_DATA_LENGTH "${${_p}_RAM_LENGTH} - ${${_p}_STACK_SIZE} - ${${_p}_HEAP_SIZE}"
       OUTPUT_FORMAT HEXADECIMAL)
  math(EXPR ${_p}_RT_HEAP_ORIGIN "${${_p}_RAM_ORIGIN} + ${${_p}_RAM_LENGTH} - ${${_p}_HEAP_SIZE}"
       OUTPUT_FORMAT HEXADECIMAL)
  if(${_p}_RT_DATA_LENGTH LESS_EQUAL 0)
    message(FATAL_ERROR "${SYNTH_BOARDS_DEF}: ${_b}: stack and heap leave no RAM for .data and .bss")
  endif()
endforeach()
if(NOT SYNTH_BOARDS)
  message(FATAL_ERROR "${SYNTH_BOARDS_DEF}: no SYNTH_BOARD rows")
endif()

# synth_board_target_json(<board> <out-var>)
# The planner's target for <board>: the RAM bank with the runtime's main
# stack, .data/.bss and heap reserved (fixed regions with "regions": 0: no
# memory can be placed on them, and no domain is granted them), the wasm
# bank and the extra bank to fill, flash and peripherals as fixed regions,
# and the per-domain stack and shared runtime state placed in the wasm bank.
function(synth_board_target_json board out)
  set(p SYNTH_BOARD_${board})
  string(REPLACE "pmsav" "PMSAv" kind "${${p}_MPU}")
  set(align "")
  if(NOT ${p}_MPU_ALIGN EQUAL 32)
    set(align ", \"align\": ${${p}_MPU_ALIGN}")
  endif()
  set(banks "    {\"name\": \"${${p}_RAM_BANK}\", \"base\": \"${${p}_RAM_ORIGIN}\", \"size\": \"${${p}_RAM_LENGTH}\", \"attributes\": [\"dma\"]},\n")
  string(APPEND banks "    {\"name\": \"${${p}_WASM_BANK}\", \"base\": \"${${p}_WASM_ORIGIN}\", \"size\": \"${${p}_WASM_LENGTH}\"}")
  if(NOT "${${p}_EXTRA_BANK}" STREQUAL "")
    string(APPEND banks ",\n    {\"name\": \"${${p}_EXTRA_BANK}\", \"base\": \"${${p}_EXTRA_ORIGIN}\", \"size\": \"${${p}_EXTRA_LENGTH}\"}")
  endif()
  set(json "{
  \"format\": \"synth-target\",
  \"version\": 1,
  \"name\": \"${board}\",
  \"board\": \"${board}\",
  \"description\": \"QEMU ${${p}_MACHINE}: ${${p}_DESCRIPTION}, ${kind} with ${${p}_MPU_REGIONS} regions (generated from core/boards/boards.def)\",
  \"core\": \"${${p}_CORE}\",
  \"protection\": {\"kind\": \"${${p}_MPU}\", \"regions\": ${${p}_MPU_REGIONS}${align}},
  \"banks\": [
${banks}
  ],
  \"fixed\": [
    {\"name\": \"flash\", \"base\": \"${${p}_CODE_ORIGIN}\", \"size\": \"${${p}_CODE_LENGTH}\", \"access\": \"rx\", \"regions\": 1},
    {\"name\": \"peripherals\", \"base\": \"${${p}_DEV_ORIGIN}\", \"size\": \"${${p}_DEV_LENGTH}\", \"access\": \"rw-device\", \"regions\": 1},
    {\"name\": \"rt_stack\", \"base\": \"${${p}_RAM_ORIGIN}\", \"size\": \"${${p}_STACK_SIZE}\", \"access\": \"rw\", \"regions\": 0},
    {\"name\": \"rt_data\", \"base\": \"${${p}_RT_DATA_ORIGIN}\", \"size\": \"${${p}_RT_DATA_LENGTH}\", \"access\": \"rw\", \"regions\": 0},
    {\"name\": \"rt_heap\", \"base\": \"${${p}_RT_HEAP_ORIGIN}\", \"size\": \"${${p}_HEAP_SIZE}\", \"access\": \"rw\", \"regions\": 0},
    {\"name\": \"stack\", \"bank\": \"${${p}_WASM_BANK}\", \"size\": \"${${p}_DOMAIN_STACK}\", \"access\": \"rw\", \"regions\": 1, \"per_domain\": true},
    {\"name\": \"runtime\", \"bank\": \"${${p}_WASM_BANK}\", \"size\": \"${${p}_SHARED_RUNTIME}\", \"access\": \"rw\", \"regions\": 1}
  ]
}
")
  set(${out} "${json}" PARENT_SCOPE)
endfunction()
