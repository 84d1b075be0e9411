/* bench.c - exact instruction counts of domain switches under QEMU
 * `-icount shift=7` (qemu-run.sh --icount): timer0 ticks converted to
 * instructions (core/runtime src/counter.c), minus the cost of the two
 * timer reads themselves. All timing is done by the runtime (timer0 is not
 * reachable from unprivileged code on the an505); a gate call's cost is the
 * difference between calling A's a_gate_nop (one gate call into B) and
 * a_ret1 (none). Prints:
 *   mpu load: the MPU rewrite of a 2-region domain (MPU off, 2 slots, on)
 *   runtime -> A -> runtime: synth_rt_domain_call4() of an empty function
 *   A -> B -> A: a gate call of an empty function, no copy
 *   A -> B -> A + 64-byte copy: the same with B copying 64 bytes in
 * and the sizes of the runtime's per-domain structures. */
#include <stdint.h>

#include "synth_rt.h"

#define MEM 4096u
#define STK 2048u


static uint8_t a_mem[MEM] __attribute__((aligned(MEM)));
static uint8_t b_mem[MEM] __attribute__((aligned(MEM)));
static uint8_t a_stack[STK] __attribute__((aligned(STK)));
static uint8_t b_stack[STK] __attribute__((aligned(STK)));
static SynthRtDomain dom_a, dom_b;

static uint32_t b_nop(void) { return 1; }
static int32_t b_copy64(const void *src) { return synth_rt_gate_copy_in(b_mem, src, 64); }
static const SynthRtGate gates[] = {
	{&dom_b, (void *)b_nop, 0, 0},
	{&dom_b, (void *)b_copy64, 0, 0},
};
SYNTH_RT_GATE_STUB(uint32_t, gate_b_nop, (void), 0)
SYNTH_RT_GATE_STUB(int32_t, gate_b_copy64, (const void *src), 1)

__attribute__((noinline)) static uint32_t a_nop(void) { return 1; }
__attribute__((noinline)) static uint32_t a_ret1(void) { return 1; }
__attribute__((noinline)) static uint32_t a_gate_nop(void) { return gate_b_nop(); }
__attribute__((noinline)) static uint32_t a_gate_copy(void) { return gate_b_copy64(a_mem + 1024) == 0; }

/* Instructions of one synth_rt_domain_call4(A, fn) (A already loaded). */
static uint32_t time_call(void *fn, uint32_t base, uint32_t *ok)
{
	uint32_t t0, t1, r = 0;

	synth_rt_domain_load(&dom_a);
	t0 = synth_rt_counter_ticks();
	*ok &= synth_rt_domain_call4(&dom_a, fn, 0, 0, 0, 0, &r) == 0 && r == 1;
	t1 = synth_rt_counter_ticks();
	return synth_rt_ticks_to_insns(t1 - t0) - base;
}

static void show(const char *what, uint32_t v)
{
	synth_rt_print(what);
	synth_rt_print_u32(v);
	synth_rt_print_char('\n');
}

int main(void)
{
	SynthRtMpuRegion ra[2], rb[2];
	uint32_t t0, t1, base, r = 0, ok = 1, plain;
	volatile uint32_t sink;

	ra[0] = synth_rt_mpu_region((uintptr_t)a_mem, MEM, SYNTH_RT_ACCESS_R | SYNTH_RT_ACCESS_W);
	ra[1] = synth_rt_mpu_region((uintptr_t)a_stack, STK, SYNTH_RT_ACCESS_R | SYNTH_RT_ACCESS_W);
	rb[0] = synth_rt_mpu_region((uintptr_t)b_mem, MEM, SYNTH_RT_ACCESS_R | SYNTH_RT_ACCESS_W);
	rb[1] = synth_rt_mpu_region((uintptr_t)b_stack, STK, SYNTH_RT_ACCESS_R | SYNTH_RT_ACCESS_W);
	ok &= synth_rt_domain_init(&dom_a, "A", ra, 2, (uintptr_t)a_stack, STK) == 0;
	ok &= synth_rt_domain_init(&dom_b, "B", rb, 2, (uintptr_t)b_stack, STK) == 0;
	synth_rt_gates_init(gates, 2);
	for (unsigned i = 0; i < 64; i++)
		a_mem[1024 + i] = (uint8_t)i;

	synth_rt_counter_start();
	t0 = synth_rt_counter_ticks();
	t1 = synth_rt_counter_ticks();
	base = synth_rt_ticks_to_insns(t1 - t0);
	show("timer read pair (subtracted below): ", base);

	synth_rt_domain_load(&dom_b); /* warm: B loaded, A next */
	t0 = synth_rt_counter_ticks();
	synth_rt_domain_load(&dom_a);
	t1 = synth_rt_counter_ticks();
	show("mpu load of a 2-region domain (over a 2-region one): ", synth_rt_ticks_to_insns(t1 - t0) - base);

	t0 = synth_rt_counter_ticks();
	sink = a_nop();
	t1 = synth_rt_counter_ticks();
	show("direct call of the empty function: ", synth_rt_ticks_to_insns(t1 - t0) - base);

	synth_rt_domain_load(&dom_b); /* the call must switch */
	t0 = synth_rt_counter_ticks();
	ok &= synth_rt_domain_call4(&dom_a, (void *)a_nop, 0, 0, 0, 0, &r) == 0 && r == 1;
	t1 = synth_rt_counter_ticks();
	show("runtime -> A -> runtime (domain_call4, with MPU load): ", synth_rt_ticks_to_insns(t1 - t0) - base);
	t0 = synth_rt_counter_ticks();
	ok &= synth_rt_domain_call4(&dom_a, (void *)a_nop, 0, 0, 0, 0, &r) == 0 && r == 1;
	t1 = synth_rt_counter_ticks();
	show("runtime -> A -> runtime (domain_call4, A already loaded): ", synth_rt_ticks_to_insns(t1 - t0) - base);

	(void)sink;
	plain = time_call((void *)a_ret1, base, &ok);
	show("runtime -> A -> runtime (a_ret1, reference): ", plain);
	show("A -> gate -> B -> A (no copy, two MPU loads): ", time_call((void *)a_gate_nop, base, &ok) - plain);
	show("A -> gate -> B -> A (64-byte copy_in in B): ", time_call((void *)a_gate_copy, base, &ok) - plain);
	for (unsigned i = 0; i < 64; i++)
		ok &= b_mem[i] == (uint8_t)i;

	show("sizeof(SynthRtDomain): ", sizeof(SynthRtDomain));
	show("sizeof(SynthRtGate): ", sizeof(SynthRtGate));
	show("sizeof(SynthRtArgs): ", sizeof(SynthRtArgs));
	synth_rt_print(ok ? "bench: ok\n" : "bench: FAILED\n");
	return ok ? 0 : 1;
}
