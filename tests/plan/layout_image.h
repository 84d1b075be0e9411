/* layout_image.h - stand-ins for linked images that `synth layout check`
 * reads (synth_layout_check_elf): used by test_plan's ELF checks, by the
 * fuzz target of the check (tests/fuzz/fuzz_layout_check.c) for its layouts,
 * and by `test_plan seeds DIR` for that target's seed corpus. */
#ifndef LAYOUT_IMAGE_H
#define LAYOUT_IMAGE_H

#include <stddef.h>
#include <stdint.h>

#include "synth/plan.h"

/* Number of layouts layout_image_plan() knows. */
#define LAYOUT_IMAGE_NPLANS 3

/* What an image gets wrong on purpose. */
typedef enum LayoutImageFlaw {
	LI_GOOD,        /* every symbol and synth_mpu_tables as planned */
	LI_NO_TABLES,   /* no synth_mpu_tables: an image that does not link the C tables */
	LI_MOVED,       /* the first base symbol 0x100 bytes off */
	LI_TABLE_WORD,  /* a wrong word in the first domain's table */
	LI_TABLES_CUT,  /* synth_mpu_tables runs 4 bytes past the end of its section */
	LI_CATCH_ALL,   /* every module memory in one .bss elsewhere, as a catch-all
	                 * *(.synth_mem.*) before the fragment links them; the fragment's
	                 * output sections and symbols are all still there */
	LI_MEM_MOVED,   /* the first memory's own symbol M__memK 0x100 bytes off (tampered) */
	LI_OVERLAP,     /* a .data section inside the first planned memory */
	LI_NFLAWS
} LayoutImageFlaw;

/* What an image gets wrong on purpose about the modules' state sections
 * (layout_image_states; plans of layout_image_state_plan). */
typedef enum LayoutImageStateFlaw {
	LIS_GOOD,      /* every M__state at its planned base in .synth_state.M */
	LIS_MOVED,     /* the first state's M__state 0x20 bytes off (tampered) */
	LIS_MISSING,   /* no M__state for the first state: the module is not linked */
	LIS_CATCH_ALL, /* every M__state in one .bss elsewhere, as a catch-all
	                * *(.synth_state.*) before the fragment links them */
	LIS_NFLAWS
} LayoutImageStateFlaw;

/* Name of a flaw for file names, e.g. "tables-cut". */
const char *layout_image_flaw_name(LayoutImageFlaw flaw);

/* Plan k of the two-domains scenario (tests/plan/data/two-domains.json):
 * 0 mps2-an385 model B (PMSAv7), 1 mps2-an505 model A (PMSAv8), 2 rv32-pmp16
 * model B (PMP); made with ctx; NULL when k is out of range or planning fails. */
SynthPlan *layout_image_plan(SynthContext *ctx, int k);

/* Number of layouts layout_image_state_plan() knows. */
#define LAYOUT_IMAGE_NSTATEPLANS 3

/* Plan k of the two-domains scenario with state sections (net 96 bytes,
 * app 4192 bytes, and cfg, a module with a 64-byte state and no memory, in
 * a third domain): 0 mps2-an505 model B (states merged into memories'
 * regions), 1 mps2-an386 model A, 2 rv32-pmp16 model B; NULL when k is out
 * of range or planning fails. */
SynthPlan *layout_image_state_plan(SynthContext *ctx, int k);

/* An ELF32 executable image standing in for a firmware linked with the ld
 * fragment of plan p: the fragment's output sections at the planned bases
 * with the modules' memory symbols (M__memK, M__memK_size) in them, the
 * fragment's absolute symbols, and synth_mpu_tables in .rodata, with flaw;
 * malloc'd (*size bytes), NULL on failure. */
uint8_t *layout_image(SynthContext *ctx, const SynthPlan *p, LayoutImageFlaw flaw, size_t *size);
/* layout_image with the state sections' flaw too: each planned state section
 * M.state is the fragment's output section .synth_state.M holding the
 * module's M__state (with M__state_size beside it), unless sflaw says otherwise. */
uint8_t *layout_image_states(SynthContext *ctx, const SynthPlan *p, LayoutImageFlaw flaw,
                             LayoutImageStateFlaw sflaw, size_t *size);

#endif
