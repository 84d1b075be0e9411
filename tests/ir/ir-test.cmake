# ir-test.cmake - one IR-dump golden test: CASE.wat -> wat2wasm ->
# `synth compile --emit=ir --after=PASS` (PASS from the module's line
# `;; after: PASS`) -> compared with CASE.ir, which -DUPDATE=1 rewrites.
# The dump is also produced twice and must be the same (deterministic).
# With -DBOGUS=1 it checks instead that --after=bogus is refused.
# Variables: SYNTH, WAT2WASM, CASE (path without extension), WORK.
file(READ ${CASE}.wat wat)
if(NOT wat MATCHES ";; after: ([a-z]+)")
  message(FATAL_ERROR "${CASE}.wat has no ';; after: PASS' line")
endif()
set(pass ${CMAKE_MATCH_1})
get_filename_component(name ${CASE} NAME)
set(wasm ${WORK}/${name}.wasm)
execute_process(COMMAND ${WAT2WASM} ${CASE}.wat -o ${wasm} RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "wat2wasm ${CASE}.wat: ${err}")
endif()
if(BOGUS) # -DBOGUS=1: --after=bogus must fail and name the passes
  execute_process(COMMAND ${SYNTH} compile ${wasm} --emit=ir --after=bogus
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 1 OR NOT err MATCHES "error: unknown pass 'bogus' \\(passes: lower, inline, phi, fold, rotate, gvn, licm, bce, sr, dce, shifts, renumber\\)")
    message(FATAL_ERROR "--after=bogus: exit ${rc}, stderr:\n${err}")
  endif()
  message(STATUS "--after=bogus refused: ${err}")
  return()
endif()
foreach(run 1 2)
  execute_process(COMMAND ${SYNTH} compile ${wasm} --emit=ir --after=${pass}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out${run} ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "synth compile --emit=ir --after=${pass}: exit ${rc}\n${err}")
  endif()
endforeach()
if(NOT out1 STREQUAL out2)
  message(FATAL_ERROR "two runs printed different IR")
endif()
if(UPDATE)
  file(WRITE ${CASE}.ir "${out1}")
  message(STATUS "wrote ${CASE}.ir")
  return()
endif()
file(READ ${CASE}.ir expected)
if(NOT out1 STREQUAL expected)
  file(WRITE ${WORK}/${name}.actual.ir "${out1}")
  execute_process(COMMAND diff -u ${CASE}.ir ${WORK}/${name}.actual.ir OUTPUT_VARIABLE d)
  message(FATAL_ERROR "IR after ${pass} differs from ${name}.ir:\n${d}")
endif()
message(STATUS "ir-${name}: IR after ${pass} as expected")
