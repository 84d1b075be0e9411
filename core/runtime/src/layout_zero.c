/* layout_zero.c - zeroes at reset what a planned layout places.
 *
 * The runtime's linker script zeroes the wasm memories it places itself
 * (.synth_mem); the memories and state sections a layout places (the ld
 * fragment of `synth layout export`) are outside it. The layout's C table
 * (`synth layout export --c`, core/src/plan/export.c) lists them as
 * synth_layout_zero[synth_layout_nzero], {base, size} pairs by address, and
 * the reset handler calls synth_rt_zero_layout() after .bss, before
 * synth_rt_init() and main. Both symbols are weak here: a program linked
 * without a layout's table zeroes nothing more.
 *
 * synth_rt_early() is called by the reset handler before anything else is
 * set up (no .data, no .bss, no layout ranges yet); the default does
 * nothing, a program may define it (a test fills RAM with garbage there).
 */
#include "rt_internal.h"

/* The layout of SynthLayoutRange in the exported header. */
typedef struct RtLayoutRange {
	uint32_t base;
	uint32_t size;
} RtLayoutRange;

extern const RtLayoutRange synth_layout_zero[] __attribute__((weak));
extern const uint32_t synth_layout_nzero __attribute__((weak));

void synth_rt_zero_layout(void)
{
	const RtLayoutRange *r = synth_layout_zero;
	const uint32_t *n = &synth_layout_nzero;
	if (!r || !n)
		return;
	for (uint32_t i = 0; i < *n; i++) {
		uintptr_t p = r[i].base, end = (uintptr_t)r[i].base + r[i].size;
		/* Byte stores up to a word boundary, words, then the tail bytes. */
		for (; p < end && (p & 3u); p++)
			*(volatile uint8_t *)p = 0;
		for (; end - p >= 4; p += 4)
			*(volatile uint32_t *)p = 0;
		for (; p < end; p++)
			*(volatile uint8_t *)p = 0;
	}
}

__attribute__((weak)) void synth_rt_early(void)
{
}
