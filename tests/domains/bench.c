/* bench.c - exact instruction counts of domain switches under QEMU
 * `-icount shift=7` (qemu-run.sh --icount): timer0 ticks converted to
 * instructions (core/runtime src/counter.c), minus the cost of the two
 * timer reads themselves. Component A is given a device region over timer0
 * so it can time its own gate calls. Prints:
 *   mpu load: the MPU rewrite of a 3-region domain (MPU off, 3 slots, on)
 *   runtime -> A -> runtime: synth_rt_domain_call4() of an empty function
 *   A -> B -> A: a gate call of an empty function, no copy
 *   A -> B -> A + 64-byte copy: the same with B copying 64 bytes in
 * and the sizes of the runtime's per-domain structures. */
#include <stdint.h>

#include "synth_rt.h"

#define MEM 4096u
#define STK 2048u

#if defined(SYNTH_RT_MPU_PMSAV8)
#define TIMER0 0x50000000u
#else
#define TIMER0 0x40000000u
#endif

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

static uint32_t a_nop(void) { return 1; }

/* In A: m[0] = ticks of two back-to-back reads, m[1] = around a gate call
 * without copy, m[2] = around a gate call with a 64-byte copy. */
static uint32_t a_measure(void)
{
	volatile uint32_t *m = (volatile uint32_t *)a_mem;
	uint32_t t0, t1, ok = 1;

	t0 = synth_rt_counter_ticks();
	t1 = synth_rt_counter_ticks();
	m[0] = t1 - t0;
	t0 = synth_rt_counter_ticks();
	ok &= gate_b_nop() == 1;
	t1 = synth_rt_counter_ticks();
	m[1] = t1 - t0;
	t0 = synth_rt_counter_ticks();
	ok &= gate_b_copy64(a_mem + 1024) == 0;
	t1 = synth_rt_counter_ticks();
	m[2] = t1 - t0;
	return ok;
}

static void show(const char *what, uint32_t v)
{
	synth_rt_print(what);
	synth_rt_print_u32(v);
	synth_rt_print_char('\n');
}

int main(void)
{
	SynthRtMpuRegion ra[3], rb[2];
	uint32_t t0, t1, base, r = 0, ok = 1;
	volatile uint32_t *m = (volatile uint32_t *)a_mem;

	ra[0] = synth_rt_mpu_region((uintptr_t)a_mem, MEM, SYNTH_RT_ACCESS_R | SYNTH_RT_ACCESS_W);
	ra[1] = synth_rt_mpu_region((uintptr_t)a_stack, STK, SYNTH_RT_ACCESS_R | SYNTH_RT_ACCESS_W);
	ra[2] = synth_rt_mpu_region(TIMER0, 4096, SYNTH_RT_ACCESS_R | SYNTH_RT_ACCESS_W | SYNTH_RT_ACCESS_DEVICE);
	rb[0] = synth_rt_mpu_region((uintptr_t)b_mem, MEM, SYNTH_RT_ACCESS_R | SYNTH_RT_ACCESS_W);
	rb[1] = synth_rt_mpu_region((uintptr_t)b_stack, STK, SYNTH_RT_ACCESS_R | SYNTH_RT_ACCESS_W);
	ok &= synth_rt_domain_init(&dom_a, "A", ra, 3, (uintptr_t)a_stack, STK) == 0;
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
	show("mpu load of a 3-region domain (over a 2-region one): ", synth_rt_ticks_to_insns(t1 - t0) - base);

	t0 = synth_rt_counter_ticks();
	a_nop();
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

	ok &= synth_rt_domain_call4(&dom_a, (void *)a_measure, 0, 0, 0, 0, &r) == 0 && r == 1;
	show("A -> gate -> B -> A (no copy, two MPU loads): ", synth_rt_ticks_to_insns(m[1]) - synth_rt_ticks_to_insns(m[0]));
	show("A -> gate -> B -> A (64-byte copy_in in B): ", synth_rt_ticks_to_insns(m[2]) - synth_rt_ticks_to_insns(m[0]));
	for (unsigned i = 0; i < 64; i++)
		ok &= b_mem[i] == (uint8_t)i;

	show("sizeof(SynthRtDomain): ", sizeof(SynthRtDomain));
	show("sizeof(SynthRtGate): ", sizeof(SynthRtGate));
	show("sizeof(SynthRtArgs): ", sizeof(SynthRtArgs));
	synth_rt_print(ok ? "bench: ok\n" : "bench: FAILED\n");
	return ok ? 0 : 1;
}
