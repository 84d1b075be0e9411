# Thumb-2 encoder (ARMv7-M / ARMv8-M Mainline, VFP): see encode.h; its
# disassembler (disasm.h), cross-checked against objdump by tests/arm, and
# the --emit=asm listing built on it (listing.h).
list(APPEND SYNTH_LIB_SOURCES src/arm/encode.c src/arm/branch.c src/arm/vfp.c src/arm/disasm.c
     src/arm/listing.c
     src/arm/grows.c)
