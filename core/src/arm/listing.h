/* listing.h - the assembly listing of `synth compile --emit=asm` (listing.c). */
#ifndef SYNTH_ARM_LISTING_H
#define SYNTH_ARM_LISTING_H

#include "../internal.h"
#include "emit.h"

struct MSymTab;

/* Appends the listing of one function to out, in objdump -d's layout: a
 * "<name>:" line, then per instruction its .text offset, halfwords and
 * text (disasm.h). code[0..len) sits at .text offset base; sites (offsets
 * relative to code, symbols in syms) name relocated operands (`bl sym`,
 * `movw rd, #:lower16:sym`); branch targets inside the function get .L
 * labels numbered from *nlabel, which is advanced. Running out of memory
 * sets out->oom. */
void arm_listing(SyStr *out, const char *name, const uint8_t *code, size_t len, uint32_t base,
                 const ArmRelocSite *sites, uint32_t nsites, const struct MSymTab *syms,
                 uint32_t *nlabel);

#endif
