# SynthLayout.cmake - synth_add_layout(): plan or check where the modules'
# memories go, and export the linker fragment and the MPU/PMP table.
#
#   synth_add_layout(<target> MODULES <module-target>... TARGET <name|file.json>
#                    [LAYOUT <committed.layout.json> [EXACT]] [MODEL a|b]
#                    [DOMAINS <name>=<member>,...  ...] [CAP <size>])
#
# Without LAYOUT, `synth plan` plans the modules' memory requests on TARGET
# (a built-in target, `synth plan --list-targets`, or a target description
# file) at build time, into <target>.layout.json in the build folder.
#
# With LAYOUT, the committed layout file is the layout, and
# `synth layout check LAYOUT --requests ...` runs whenever a request or the
# layout changes: when a module no longer fits its place the build fails with
# the check's message and the `synth plan` command that writes an updated
# layout (review it, then commit it). EXACT also plans the modules afresh
# and fails the same way when that plan differs from the committed layout (a
# module shrank, a domain changed): the committed file is then always what
# the planner makes of the current modules.
#
# Either way `synth layout export` writes, in
# ${CMAKE_CURRENT_BINARY_DIR}/synth/<target>/, the GNU ld fragment
# <target>.ld (each memory section at its planned base), synth_layout.h and
# synth_layout.c (one MPU/PMP register table per domain,
# synth_mpu_load_domain()) and the map <target>.map. <target> is an
# INTERFACE library: linking it compiles synth_layout.c into the firmware,
# puts synth_layout.h on the include path and keeps synth_mpu_tables in the
# image for `synth layout check --elf`; synth_add_firmware() adds the
# fragment (property SYNTH_LAYOUT_LD) to the link line.
#
#   MODULES   targets made by synth_add_module()
#   TARGET    planner target: its banks must be where the firmware's linker
#             script puts wasm memories (for the runtime: its WASM region)
#   MODEL     a (one shared region, carved) or b (one region per memory, default)
#   DOMAINS   protection domains, as `synth plan --domain` (default: one per module)
#   CAP       as `synth plan --cap`
#
# Example:
#   synth_add_layout(app-layout MODULES net app TARGET mps2-an386
#                    LAYOUT app.layout.json DOMAINS net=net app=app)
include_guard(GLOBAL)

function(synth_add_layout target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "EXACT" "TARGET;LAYOUT;MODEL;CAP" "MODULES;DOMAINS")
  _synth_check_args(synth_add_layout arg)
  if(NOT arg_MODULES OR NOT arg_TARGET)
    message(FATAL_ERROR "synth_add_layout(${target}): MODULES and TARGET are required")
  endif()
  if(NOT arg_MODEL)
    set(arg_MODEL b)
  endif()
  _synth_tool(synth synth_dep)

  set(reqs)
  set(req_args)
  foreach(m IN LISTS arg_MODULES)
    if(NOT TARGET ${m})
      message(FATAL_ERROR "synth_add_layout(${target}): no module target '${m}' (synth_add_module first)")
    endif()
    get_target_property(req ${m} SYNTH_REQUESTS)
    if(NOT req)
      message(FATAL_ERROR "synth_add_layout(${target}): '${m}' was not made by synth_add_module")
    endif()
    list(APPEND reqs ${req})
    list(APPEND req_args --requests ${req})
  endforeach()
  set(target_dep)
  set(tgt ${arg_TARGET})
  if(tgt MATCHES "\\.json$")
    cmake_path(ABSOLUTE_PATH tgt BASE_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR} NORMALIZE)
    set(target_dep ${tgt})
  endif()
  set(plan_opts --target ${tgt} --model ${arg_MODEL})
  foreach(d IN LISTS arg_DOMAINS)
    list(APPEND plan_opts --domain ${d})
  endforeach()
  set(cap_opts)
  if(arg_CAP)
    set(cap_opts --cap ${arg_CAP})
    list(APPEND plan_opts ${cap_opts})
  endif()

  set(dir ${CMAKE_CURRENT_BINARY_DIR}/synth/${target})
  file(MAKE_DIRECTORY ${dir})
  set(stamp)
  if(arg_LAYOUT)
    set(layout ${arg_LAYOUT})
    cmake_path(ABSOLUTE_PATH layout BASE_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR} NORMALIZE)
    set(stamp ${dir}/${target}.checked)
    # What the integrator runs to accept a new layout (shown on failure).
    if(SYNTH_EXECUTABLE)
      set(shown ${SYNTH_EXECUTABLE})
    else()
      set(shown $<TARGET_FILE:Synth::synth>)
    endif()
    _synth_shell_join(update ${shown} plan ${plan_opts} ${reqs} -o ${layout})
    set(exact)
    if(arg_EXACT)
      set(fresh ${dir}/${target}.planned.layout.json)
      set(exact --plan ${fresh} ${synth} plan ${plan_opts} ${reqs} -o ${fresh})
    endif()
    add_custom_command(OUTPUT ${stamp}
      COMMAND ${CMAKE_COMMAND} -P ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/SynthCheckLayout.cmake
              ${stamp} ${update} ${layout} --
              ${synth} layout check ${layout} ${cap_opts} ${req_args} ${exact}
      DEPENDS ${layout} ${reqs} ${target_dep} ${synth_dep}
              ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/SynthCheckLayout.cmake
      COMMENT "Checking the modules of ${target} against ${arg_LAYOUT}"
      VERBATIM)
  else()
    set(layout ${dir}/${target}.layout.json)
    _synth_touch(touch ${layout})
    add_custom_command(OUTPUT ${layout}
      COMMAND ${synth} plan ${plan_opts} ${reqs} -o ${target}.layout.json
      ${touch}
      DEPENDS ${reqs} ${target_dep} ${synth_dep}
      WORKING_DIRECTORY ${dir}
      COMMENT "Planning the memories of ${target} on ${arg_TARGET}"
      VERBATIM)
  endif()

  set(ld ${dir}/${target}.ld)
  set(h ${dir}/synth_layout.h)
  set(c ${dir}/synth_layout.c)
  set(map ${dir}/${target}.map)
  _synth_touch(touch ${ld} ${h} ${c} ${map})
  add_custom_command(OUTPUT ${ld} ${h} ${c} ${map}
    COMMAND ${synth} layout export ${layout} --ld ${target}.ld --h synth_layout.h
            --c synth_layout.c --map ${target}.map
    ${touch}
    DEPENDS ${layout} ${synth_dep}
    WORKING_DIRECTORY ${dir}
    COMMENT "Exporting the linker fragment and MPU tables of ${target}"
    VERBATIM)

  add_library(${target} INTERFACE ${ld} ${h} ${map} ${stamp})
  target_sources(${target} INTERFACE ${c})
  target_include_directories(${target} INTERFACE ${dir})
  # The fragment itself goes on the link line in synth_add_firmware(), as a
  # path relative to where the link runs.
  target_link_options(${target} INTERFACE "LINKER:--undefined=synth_mpu_tables")
  set_property(TARGET ${target} PROPERTY INTERFACE_LINK_DEPENDS ${ld} ${stamp})
  set_target_properties(${target} PROPERTIES
    SYNTH_LAYOUT_FILE ${layout}
    SYNTH_LAYOUT_LD ${ld}
    SYNTH_LAYOUT_MODULES "${arg_MODULES}"
    SYNTH_REQUESTS "${reqs}")
endfunction()
