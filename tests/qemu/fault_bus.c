/* fault_bus.c - a load from unmapped memory is reported by the BusFault
 * handler (exit 104) with the address and the stacked pc, which the hook
 * checks lies in load_word(). */
#include <stdint.h>

#include "synth_rt.h"

#define UNMAPPED 0xc0000000u

__attribute__((noinline)) static uint32_t load_word(uintptr_t addr)
{
	return *(volatile uint32_t *)addr;
}

int synth_rt_fault_hook(SynthRtFault *f)
{
	uintptr_t fn = (uintptr_t)load_word & ~1u;

	synth_rt_print("hook: stacked pc ");
	synth_rt_print(f->frame[6] >= fn && f->frame[6] < fn + 16 ? "in load_word\n" : "ELSEWHERE\n");
	return 0;
}

int main(void)
{
	uint32_t v;

	synth_rt_print("loading from 0xc0000000: ");
	v = load_word(UNMAPPED);
	synth_rt_print("not reached ");
	synth_rt_print_hex32(v);
	return 0;
}
