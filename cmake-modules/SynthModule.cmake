# SynthModule.cmake - synth_add_module(): compile a WebAssembly module.
#
#   synth_add_module(<target> WASM <file.wasm>
#                    [NAME <id>] [TARGET_CPU <cpu>] [BOUNDS trap|mask|none]
#                    [PREFIX <p>] [MEM_CAP [K=]BYTES...] [MEM_RESERVE BYTES])
#
# Runs `synth compile` on the module at build time and makes <target> an
# INTERFACE library that carries the results to whatever links it:
#   - the object <id>.o (on the link line; its memories are the sections
#     .synth_mem.<id>.<k>),
#   - the header <id>.h (on the include path; it includes synth_rt.h, which
#     Synth::runtime provides),
#   - the memory requests <id>.requests.json (property SYNTH_REQUESTS), which
#     synth_add_layout() plans from or checks.
# Outputs go to ${CMAKE_CURRENT_BINARY_DIR}/synth/<target>/. synth writes a
# depfile, and rewrites an output only when its contents change: rebuilding a
# module whose code did not change relinks nothing.
#
#   NAME        module identifier in symbol and section names (default: <target>,
#               which must then be a C identifier)
#   TARGET_CPU  cortex-m3, cortex-m4, cortex-m4f, cortex-m7, cortex-m7dp,
#               cortex-m33 (default: ${SYNTH_TARGET_CPU}, else cortex-m3); it
#               must match the firmware's board (its float ABI)
#   BOUNDS      memory bounds checks (default trap)
#   STACK_CHECK software (global): prologues check against
#               __synth_stack_limit; hardware (cortex-m33 only): no prologue
#               check, the runtime's MSPLIM/PSPLIM bound the stack (the
#               object then needs __synth_hw_stack_limit, defined by Synth's
#               ARMv8-M runtime); none, for a component run in a protection
#               domain (its stack region and PSPLIM guard the stack).
#               Default: hardware on cortex-m33, software on the others
#               (core/ABI.md, "Stack checks")
#   PREFIX      prefix of exported function symbols (default <id>_)
#   MEM_CAP, MEM_RESERVE   as `synth compile --mem-cap/--mem-reserve`
#
# Example:
#   synth_add_module(hello WASM ${CMAKE_CURRENT_BINARY_DIR}/hello.wasm
#                    TARGET_CPU cortex-m4f MEM_CAP 64K)
#   # hello.h declares hello_demo(), hello__init(), ...
include_guard(GLOBAL)

function(synth_add_module target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "WASM;NAME;TARGET_CPU;BOUNDS;STACK_CHECK;PREFIX;MEM_RESERVE"
                        "MEM_CAP")
  _synth_check_args(synth_add_module arg)
  if(NOT arg_WASM)
    message(FATAL_ERROR "synth_add_module(${target}): WASM <file> is required")
  endif()
  if(NOT arg_NAME)
    set(arg_NAME ${target})
  endif()
  if(NOT arg_NAME MATCHES "^[A-Za-z_][A-Za-z0-9_]*$")
    message(FATAL_ERROR "synth_add_module(${target}): '${arg_NAME}' is not a C identifier: give NAME <id>")
  endif()
  if(NOT arg_TARGET_CPU)
    if(SYNTH_TARGET_CPU)
      set(arg_TARGET_CPU ${SYNTH_TARGET_CPU})
    else()
      set(arg_TARGET_CPU cortex-m3)
    endif()
  endif()
  cmake_path(ABSOLUTE_PATH arg_WASM BASE_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR} NORMALIZE)
  _synth_tool(synth synth_dep)

  set(id ${arg_NAME})
  set(dir ${CMAKE_CURRENT_BINARY_DIR}/synth/${target})
  file(MAKE_DIRECTORY ${dir}/include)
  set(opts --target ${arg_TARGET_CPU} --name ${id})
  if(arg_BOUNDS)
    list(APPEND opts --bounds=${arg_BOUNDS})
  endif()
  if(arg_STACK_CHECK)
    list(APPEND opts --stack-check=${arg_STACK_CHECK})
  endif()
  if(arg_PREFIX)
    list(APPEND opts --prefix ${arg_PREFIX})
  endif()
  foreach(cap IN LISTS arg_MEM_CAP)
    list(APPEND opts --mem-cap ${cap})
  endforeach()
  if(arg_MEM_RESERVE)
    list(APPEND opts --mem-reserve ${arg_MEM_RESERVE})
  endif()

  set(obj ${dir}/${id}.o)
  set(hdr ${dir}/include/${id}.h)
  set(req ${dir}/${id}.requests.json)
  _synth_touch(touch ${obj} ${hdr} ${req})
  add_custom_command(OUTPUT ${obj} ${hdr} ${req}
    COMMAND ${synth} compile ${opts} --header ${hdr} --requests ${req}
            --depfile ${dir}/${id}.d -o ${obj} ${arg_WASM}
    ${touch}
    DEPENDS ${arg_WASM} ${synth_dep}
    DEPFILE ${dir}/${id}.d
    WORKING_DIRECTORY ${dir}
    COMMENT "Compiling wasm module ${id} for ${arg_TARGET_CPU}"
    VERBATIM)

  # An INTERFACE library with sources is a build target of its own: what
  # links it waits for the command (all generators) and gets the object.
  add_library(${target} INTERFACE ${obj} ${hdr} ${req})
  target_include_directories(${target} INTERFACE ${dir}/include)
  target_link_libraries(${target} INTERFACE ${obj} Synth::runtime)
  set_target_properties(${target} PROPERTIES
    SYNTH_MODULE_NAME ${id}
    SYNTH_TARGET_CPU ${arg_TARGET_CPU}
    SYNTH_WASM ${arg_WASM}
    SYNTH_OBJECT ${obj}
    SYNTH_HEADER ${hdr}
    SYNTH_REQUESTS ${req})
endfunction()
