/* icount.c - under -icount shift=7 the timer0 counter counts instructions
 * exactly. A loop of 2 instructions per iteration (subs; bne) is timed
 * for 1000, 2000 and 1000000 iterations: the differences must be exactly
 * 2000 and 1998000 instructions, and two runs must print the same
 * numbers (qemu-check.sh --runs 2). Also prints the ticks per 1000
 * instructions (3200 at 25 MHz, 2560 at 20 MHz). */
#include <stdint.h>

#include "synth_rt.h"

__attribute__((noinline)) static void spin(uint32_t n)
{
	__asm__ volatile("1: subs %0, %0, #1\n\tbne 1b" : "+r"(n) :: "cc");
}

__attribute__((noinline)) static uint32_t measure(uint32_t n)
{
	uint32_t t0 = synth_rt_counter_ticks();
	spin(n);
	return synth_rt_counter_ticks() - t0;
}

static void show(const char *what, uint32_t v)
{
	synth_rt_print(what);
	synth_rt_print_u32(v);
	synth_rt_print_char('\n');
}

int main(void)
{
	uint32_t t1, t2, t3, i1, i2, i3;
	int ok;

	synth_rt_counter_start();
	t1 = measure(1000);
	t2 = measure(2000);
	t3 = measure(1000000);
	i1 = synth_rt_ticks_to_insns(t1);
	i2 = synth_rt_ticks_to_insns(t2);
	i3 = synth_rt_ticks_to_insns(t3);
	show("ticks 1000: ", t1);
	show("ticks 2000: ", t2);
	show("ticks 1000000: ", t3);
	show("insns 1000: ", i1);
	show("insns 2000: ", i2);
	show("insns 1000000: ", i3);
	show("delta 2000-1000: ", i2 - i1);
	show("delta 1000000-1000: ", i3 - i1);
	show("ticks per 1000 insns: ", (uint32_t)((uint64_t)t3 * 1000 / i3));
	show("total insns: ", synth_rt_counter_insns());
	ok = i2 - i1 == 2000 && i3 - i1 == 1998000;
	synth_rt_print(ok ? "exact: yes\n" : "exact: NO\n");
	return ok ? 0 : 1;
}
