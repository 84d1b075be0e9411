# isolation.cmake - examples/isolation in the main build (included from
# examples/CMakeLists.txt): for mps2-an386 (PMSAv7) and mps2-an505 (PMSAv8),
# with the committed model B layout and the committed model A layout:
#   clang: sensor.c, telemetry.c, hostile.c -> wasm32
#   synth compile (--stack-check=none; hostile also --bounds=none)
#   synth layout check (the modules still fit the committed layout) + export
#   synth glue (domains, gates, copies) -> synth_glue.c/.h
#   arm-none-eabi-gcc: main.c + glue + the layout's tables + the modules
#   synth layout check --elf (the image put everything where the layout says)
# and the CTest cases (labels qemu;isolation) of README.md. The same firmware
# is built by examples/isolation/CMakeLists.txt as a find_package(Synth)
# project. Sets SYNTH_ISOLATION_DEMO_COMMANDS for the demo target.
set(_iso_src ${CMAKE_CURRENT_LIST_DIR})
set(SYNTH_ISOLATION_DEMO_COMMANDS)
set(SYNTH_ISOLATION_DEMO_DEPENDS)
# synth glue on small modules: the gates and natives it writes, what it refuses.
find_program(SYNTH_WAT2WASM wat2wasm)
add_test(NAME isolation.glue
  COMMAND sh ${_iso_src}/tests/glue-test.sh $<TARGET_FILE:synth-cli> ${SYNTH_WAT2WASM}
             ${CMAKE_CURRENT_BINARY_DIR}/isolation/glue-test)
set_tests_properties(isolation.glue PROPERTIES LABELS "unit;isolation" SKIP_RETURN_CODE 77
                     PASS_REGULAR_EXPRESSION "glue-test: ok")
find_program(SYNTH_CLANG clang)
find_program(SYNTH_WASM_LD wasm-ld)
get_property(_iso_rt GLOBAL PROPERTY SYNTH_RT_AVAILABLE)
get_property(_iso_runner GLOBAL PROPERTY SYNTH_RT_RUNNER)
if(NOT SYNTH_CLANG OR NOT SYNTH_WASM_LD OR NOT _iso_rt)
  message(STATUS "examples/isolation: clang, wasm-ld or arm-none-eabi-gcc missing: not built")
  return()
endif()
include(${PROJECT_SOURCE_DIR}/tests/qemu/SynthQemuTest.cmake)

set(_iso_bin ${CMAKE_CURRENT_BINARY_DIR}/isolation)
# C -> wasm32: one 64 KiB page of memory (min = max), an 8 KiB shadow stack.
foreach(c sensor telemetry hostile)
  add_custom_command(OUTPUT ${_iso_bin}/${c}.wasm
    COMMAND ${SYNTH_CLANG} --target=wasm32 -O2 -nostdlib -ffreestanding -Wl,--no-entry
            -Wl,--allow-undefined -Wl,--initial-memory=65536 -Wl,--max-memory=65536
            -Wl,-z,stack-size=8192 -o ${_iso_bin}/${c}.wasm ${_iso_src}/${c}.c
    DEPENDS ${_iso_src}/${c}.c
    COMMENT "clang: ${c}.c -> ${c}.wasm" VERBATIM)
endforeach()

# synth compile --stack-check on sensor.wasm: the default reads
# __synth_stack_limit, none does not reference it.
find_program(SYNTH_ARM_NM arm-none-eabi-nm)
if(SYNTH_ARM_NM)
  add_test(NAME isolation.stack-check
    COMMAND sh ${_iso_src}/tests/stack-check-test.sh $<TARGET_FILE:synth-cli> ${SYNTH_ARM_NM}
               ${_iso_bin}/sensor.wasm ${_iso_bin}/stack-check-test)
  set_tests_properties(isolation.stack-check PROPERTIES LABELS "unit;isolation"
                       PASS_REGULAR_EXPRESSION "stack-check-test: ok")
endif()

set(_iso_hex "0x[0-9a-f]{8}")
foreach(board mps2-an386 mps2-an505)
  if(board STREQUAL "mps2-an386")
    set(cpu cortex-m4f)
  else()
    set(cpu cortex-m33)
  endif()
  foreach(model b a)
    if(model STREQUAL "b")
      set(layout ${_iso_src}/${board}.layout.json)
      set(dir ${_iso_bin}/${board})
      set(tag ${board})
    else()
      set(layout ${_iso_src}/${board}.model-a.layout.json)
      set(dir ${_iso_bin}/${board}-model-a)
      set(tag ${board}.model-a)
    endif()
    set(objs)
    set(reqs)
    set(mods)
    foreach(c sensor telemetry hostile)
      set(opts --target ${cpu} --name ${c} --stack-check=none)
      if(c STREQUAL "hostile")
        list(APPEND opts --bounds=none)
      endif()
      add_custom_command(OUTPUT ${dir}/${c}.o ${dir}/${c}.h ${dir}/${c}.requests.json
        COMMAND synth-cli compile ${opts} --header ${dir}/${c}.h --requests ${dir}/${c}.requests.json
                -o ${dir}/${c}.o ${_iso_bin}/${c}.wasm
        DEPENDS ${_iso_bin}/${c}.wasm synth-cli
        COMMENT "synth compile ${c} for ${board}" VERBATIM)
      list(APPEND objs ${dir}/${c}.o)
      list(APPEND reqs --requests ${dir}/${c}.requests.json)
      list(APPEND mods ${c}=${_iso_bin}/${c}.wasm)
    endforeach()
    add_custom_command(OUTPUT ${dir}/layout.ld ${dir}/synth_layout.h ${dir}/synth_layout.c ${dir}/layout.map
      COMMAND synth-cli layout check ${layout} ${reqs}
      COMMAND synth-cli layout export ${layout} --ld ${dir}/layout.ld --h ${dir}/synth_layout.h
              --c ${dir}/synth_layout.c --map ${dir}/layout.map
      DEPENDS ${layout} ${dir}/sensor.requests.json ${dir}/telemetry.requests.json
              ${dir}/hostile.requests.json synth-cli
      COMMENT "synth layout check + export ${tag}" VERBATIM)
    add_custom_command(OUTPUT ${dir}/synth_glue.c ${dir}/synth_glue.h
      COMMAND synth-cli glue -o ${dir}/synth_glue.c --header ${dir}/synth_glue.h ${mods}
      DEPENDS ${_iso_bin}/sensor.wasm ${_iso_bin}/telemetry.wasm ${_iso_bin}/hostile.wasm synth-cli
      COMMENT "synth glue ${tag}" VERBATIM)
    set(elf ${dir}/isolation.elf)
    synth_rt_add_executable(synth-isolation-${tag} BOARD ${board} OUTPUT ${elf}
      SOURCES ${_iso_src}/main.c ${dir}/synth_glue.c ${dir}/synth_layout.c
      OBJECTS ${objs}
      COMPILE_OPTIONS -I${dir}
      LAYOUT_LD ${dir}/layout.ld
      DEPENDS ${dir}/synth_glue.h ${dir}/synth_layout.h ${dir}/sensor.h ${dir}/telemetry.h ${dir}/hostile.h)
    add_custom_command(OUTPUT ${dir}/isolation.checked
      COMMAND synth-cli layout check ${layout} --elf ${elf}
      COMMAND ${CMAKE_COMMAND} -E touch ${dir}/isolation.checked
      DEPENDS ${elf} ${layout} synth-cli
      COMMENT "synth layout check --elf ${tag}" VERBATIM)
    add_custom_target(synth-isolation-${tag}-checked ALL DEPENDS ${dir}/isolation.checked)
    list(APPEND SYNTH_ISOLATION_DEMO_DEPENDS synth-isolation-${tag}-checked)
    if(model STREQUAL "b")
      list(APPEND SYNTH_ISOLATION_DEMO_COMMANDS
        COMMAND ${CMAKE_COMMAND} -E echo "=== examples/isolation on ${board} (model B layout) ==="
        COMMAND sh ${_iso_runner} --icount ${board} ${elf} 30)
    endif()

    # CTest: each case fails if its line says FAIL or is missing.
    set(t isolation.${tag})
    synth_qemu_add_test(${t}.pipeline BOARD ${board} ELF ${elf} ICOUNT RUNS 2 LABELS isolation
      MATCH "ok: domains registered from the layout's MPU table rows.*"
            "ok: pipeline: sensor and telemetry results equal the C reference"
            "switch: runtime -> sensor.publish -> gate -> telemetry.send .*"
            "placement \\(layout ${board}, model .*"
            "  domain 0 sensor: memory 0 ${_iso_hex} \\+65536, state ${_iso_hex} \\+64, stack ${_iso_hex} \\+4096, .*"
            "isolation: all attacks blocked"
            "domain: fault in \"hostile\" \\(domain 2\\): MemManage cfsr=0x00000082 addr=${_iso_hex} in region [0-9]+ of \"sensor\" \\(domain 0\\) pc=${_iso_hex}. stopped"
            "domain: fault in \"hostile\" \\(domain 2\\): MemManage cfsr=0x00000082 addr=${_iso_hex} in the stack of \"sensor\" \\(domain 0\\) pc=${_iso_hex}. stopped"
            "domain: gate copy refused: \"sensor\" \\(domain 0\\) copy_out dst=${_iso_hex} src=${_iso_hex} n=64: dst not in the caller's memory \\(\"hostile\" \\(domain 2\\)\\) in region [0-9]+ of \"telemetry\" \\(domain 1\\)"
      REJECT "^FAIL")
    foreach(a oob-memory-sensor oob-memory-telemetry state-memory-base state-memory-size
              state-global state-table runtime-domain runtime-data stack-sensor stack-runtime
              native-memory native-state forged-pointer foreign-gate stack-overflow trap-restart interrupts
              interrupts-pipeline stop restart)
      synth_qemu_add_test(${t}.${a} BOARD ${board} ELF ${elf} ICOUNT LABELS isolation
        MATCH "ok: attack ${a}: .*" REJECT "FAIL: attack ${a}: .*")
    endforeach()
  endforeach()
endforeach()
