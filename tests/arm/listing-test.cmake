# listing-test.cmake - `synth compile --emit=asm` on a small module
# (data/listing.wat), for an FPU core and for cortex-m3:
#   - the listing names relocated operands (`bl listing__func1`,
#     a literal pool's `.word <global>`, the B.W thunk of a re-exported
#     import) and labels local branch targets (.L<n>), each label defined;
#   - two runs print the same text, and --emit=mir shows the allocated MIR;
#   - with OBJDUMP: the listing holds exactly the code of the object, each
#     instruction objdump -d finds in .text at the same offset with the same
#     halfwords and, where no relocation applies, the same text once
#     objdump's <symbol+off> names are dropped and blanks collapsed.
# Variables: SYNTH (the command), MODULE (.wasm), OBJDUMP (may be empty),
# WORK (a scratch folder).
function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${ARGN}: exit ${rc}\n${out}${err}")
  endif()
  set(out "${out}" PARENT_SCOPE)
endfunction()

function(must_match text what)
  foreach(re ${ARGN})
    if(NOT text MATCHES "${re}")
      message(FATAL_ERROR "${what} lacks ${re}:\n${text}")
    endif()
  endforeach()
endfunction()

# Instruction lines "  1a:\tb510      \tpush\t{r4, lr}" as variables
# <prefix>_<addr> = "<halfwords>|<text>", and their count in <prefix>_n.
function(parse text prefix)
  string(REPLACE ";" "<semicolon>" text "${text}")
  string(REGEX MATCHALL "[^\n]+" lines "${text}")
  set(n 0)
  foreach(line IN LISTS lines)
    if(line MATCHES "^ *([0-9a-f]+):\t[0-9a-f]+ *\t\\.(word|short)\t")
      continue() # jump-table data: .word in objdump (the $d mapping symbol), .short in the listing
    endif()
    if(line MATCHES "^ *([0-9a-f]+):\t([0-9a-f]+( [0-9a-f]+)?) *\t(.*)$")
      set(${prefix}_${CMAKE_MATCH_1} "${CMAKE_MATCH_2}|${CMAKE_MATCH_4}" PARENT_SCOPE)
      list(APPEND addrs ${CMAKE_MATCH_1})
      math(EXPR n "${n} + 1")
    endif()
  endforeach()
  set(${prefix}_n ${n} PARENT_SCOPE)
  set(${prefix}_addrs "${addrs}" PARENT_SCOPE)
endfunction()

function(normalize text var)
  string(REGEX REPLACE " <[^>]*>" "" text "${text}")
  string(REGEX REPLACE "[ \t]+" " " text "${text}")
  set(${var} "${text}" PARENT_SCOPE)
endfunction()

foreach(target cortex-m4f cortex-m3)
  set(obj ${WORK}/listing-${target}.o)
  run(${SYNTH} compile --target ${target} --emit=asm -o ${obj} ${MODULE})
  set(listing "${out}")
  run(${SYNTH} compile --target ${target} --emit=asm -o ${obj} ${MODULE})
  if(NOT out STREQUAL listing)
    message(FATAL_ERROR "${target}: two listings of the same module differ")
  endif()
  file(WRITE ${WORK}/listing-${target}.lst "${listing}")
  must_match("${listing}" "${target} listing"
    "\n00000000 <listing__func1>:\n"
    "\n[0-9a-f]+ <listing__init>:\n"
    "\tudf\t#5\n"
    "\tbl\tlisting__import_env_tick\n"
    "\tbl\tlisting__func1\n"
    "\tldr(\\.w)?\t[a-z0-9]+, \\[pc, #[0-9]+\\]\t@ "
    "\t\\.word\tlisting__global0\n"
    "\t\\.word\t__synth_stack_limit\n"
    "\tb\\.w\tlisting__import_env_tick\n"
    "\tb[a-z]*\\.n\t[0-9a-f]+ <\\.L[0-9]+>\n"
    "\n[0-9a-f]+ <\\.L1>:\n")
  if(target STREQUAL "cortex-m4f")
    must_match("${listing}" "${target} listing" "\tvmul\\.f32\ts0, s0, s1\n" "\tvadd\\.f32\t")
  elseif(listing MATCHES "\tv[a-z]+")
    message(FATAL_ERROR "cortex-m3 listing has VFP instructions:\n${listing}")
  endif()
  # every label referred to is defined
  string(REGEX MATCHALL "<\\.L[0-9]+>\n" refs "${listing}")
  foreach(ref IN LISTS refs)
    string(STRIP "${ref}" ref)
    if(NOT listing MATCHES "\n[0-9a-f]+ ${ref}:\n")
      message(FATAL_ERROR "${target}: label ${ref} is used but not defined:\n${listing}")
    endif()
  endforeach()

  if(OBJDUMP)
    run(${OBJDUMP} -d ${obj})
    if(NOT out MATCHES "\ttbh\t\\[pc, [a-z0-9]+, lsl #1\\]\n[^\n]*\t\\.word\t0x")
      message(FATAL_ERROR "${target}: objdump does not see the jump table after TBH as data ($d)")
    endif()
    if(NOT listing MATCHES "\ttbh\t\\[pc, [a-z0-9]+, lsl #1\\]\n[^\n]*\t\\.short\t0x")
      message(FATAL_ERROR "${target}: the listing does not show the jump table after TBH as .short")
    endif()
    parse("${out}" T)
    parse("${listing}" O)
    if(NOT T_n EQUAL O_n OR T_n LESS 40)
      message(FATAL_ERROR "${target}: objdump lists ${T_n} instructions, the listing ${O_n}")
    endif()
    foreach(a IN LISTS T_addrs)
      if(NOT DEFINED O_${a})
        message(FATAL_ERROR "${target}: objdump has an instruction at ${a}, the listing not")
      endif()
      string(REPLACE "|" ";" t "${T_${a}}")
      string(REPLACE "|" ";" o "${O_${a}}")
      list(GET t 0 thex)
      list(GET o 0 ohex)
      list(GET t 1 ttext)
      list(GET o 1 otext)
      if(NOT thex STREQUAL ohex)
        message(FATAL_ERROR "${target} ${a}: halfwords ${ohex}, objdump ${thex}")
      endif()
      if(otext MATCHES "#:(lower|upper)16:|^(bl|b\\.w)\t[A-Za-z_]")
        continue() # relocated: objdump shows the field, the listing the symbol
      endif()
      normalize("${ttext}" ttext)
      normalize("${otext}" otext)
      if(NOT ttext STREQUAL otext)
        message(FATAL_ERROR "${target} ${a}: listing `${otext}`, objdump `${ttext}`")
      endif()
    endforeach()
    message(STATUS "${target}: ${O_n} instructions, as in the object")
  endif()
endforeach()

run(${SYNTH} compile --target cortex-m4f --emit=mir -o ${WORK}/listing-mir.o ${MODULE})
must_match("${out}" "--emit=mir" "(^|\n)listing__func1:\n" "\nlisting__func1 after register allocation:\n"
           "\nlisting__init after register allocation:\n")
if(NOT OBJDUMP)
  message("SKIP: arm-none-eabi-objdump not found; the listing was not compared with the object")
endif()
