# golden.cmake - runs `synth inspect --components [--json] MODULE` (--json
# when JSON is set) and compares its
# stdout, stderr and exit status with EXPECTED:
#   <stdout>--- stderr ---\n<stderr>--- exit <status>\n
# Set UPDATE=1 to rewrite EXPECTED instead.
set(flags --components)
if(JSON)
  list(APPEND flags --json)
endif()
execute_process(COMMAND ${SYNTH} inspect ${flags} ${MODULE}
  OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
set(got "${out}--- stderr ---\n${err}--- exit ${rc}\n")
if(DEFINED ENV{UPDATE})
  file(WRITE ${EXPECTED} "${got}")
  return()
endif()
file(READ ${EXPECTED} want)
if(NOT got STREQUAL want)
  file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/${MODULE}.components.got "${got}")
  message(FATAL_ERROR "synth inspect --components ${MODULE} differs from ${EXPECTED}:\n${got}")
endif()
