/* icall.c - the gates a fused module takes when the callee is known only at
 * run time (icall.wat; issue 10 item 7), with each component in its planned
 * domain (app_c0, app_c1, app_c2 and the adapter's app_c1_c2) on
 * mps2-an386 (PMSAv7) and mps2-an505 (PMSAv8). Domains, stacks and gates
 * come from the layout's export and the module's header, as in domains.c;
 * the module is compiled with --bounds=none (its hostile code may address
 * anything) and --stack-check=none (no prologue reads the runtime's RAM).
 *
 * Each check fails when its protection is missing:
 * - call_indirect from c0 into c1's and c2's functions runs them in their
 *   domains (results right); armed, c1's function stores into c0's memory
 *   and faults instead (c0's word unchanged, c1 stopped, c0 goes on);
 * - table.set of c2's function, then call_indirect: switched into c2;
 * - a forged table entry (a {sig, code} record in c0's memory naming c2's
 *   code) traps (indirect call type mismatch) and c2's memory is unchanged;
 * - a gate that only a shared function no domain runs takes (into c2's
 *   secret2) is open to no domain: c0's native code using it is refused;
 * - shared functions run in their caller's domain: from c0, their calls
 *   into c1 are switched (armed: the store into c0's memory faults), into
 *   c0 plain; from c1, the call into c1 is plain;
 * - the adapter c1->c2 calls c1's allocator through a gate back into c1's
 *   domain: armed, the allocator's store into memory 2 faults (memory 2
 *   unchanged), which the adapter's own domain (memories 1 and 2) would
 *   have let through; c1 is stopped, restarted, and filter$1 is right again.
 * Then a `bench:` line: instructions (exact under -icount) of run_ind
 * entered in c0 from the runtime, calling through the table into c0's own0
 * (a plain indirect call) and into c1's twin id1 (gated: SVC, c1's regions
 * and stack, back, c0's regions again), and their difference.
 * Prints "fused-icall: ok". */
#include <stdint.h>

#include "app.h"
#include "synth_layout.h"
#include "synth_rt.h"

static SynthRtDomain domains[SYNTH_NDOMAINS];

#define STUB(id, g, dom, n, ret, params) SYNTH_RT_GATE_STUB(ret, app__xcall##g, params, id)
app__XCALLS(STUB)

#define BIT(dom) | 1u << SYNTH_DOMAIN_##dom
#define GATE(id, g, dom, n, ret, params) \
	[id] = {&domains[SYNTH_DOMAIN_##dom], (void *)app__entry##g, n, app__XCALL##g##_FLAGS app__XCALL##g##_CALLERS(BIT)},
static const SynthRtGate gates[] = {app__XCALLS(GATE)};

extern uint8_t app__mem0[], app__mem1[], app__mem2[];
extern uint32_t app__table0[];

static const uintptr_t stacks[SYNTH_NDOMAINS][2] = {
	[SYNTH_DOMAIN_app_c0] = {SYNTH_FIXED_stack_app_c0_BASE, SYNTH_FIXED_stack_app_c0_SIZE},
	[SYNTH_DOMAIN_app_c1] = {SYNTH_FIXED_stack_app_c1_BASE, SYNTH_FIXED_stack_app_c1_SIZE},
	[SYNTH_DOMAIN_app_c2] = {SYNTH_FIXED_stack_app_c2_BASE, SYNTH_FIXED_stack_app_c2_SIZE},
	[SYNTH_DOMAIN_app_c1_c2] = {SYNTH_FIXED_stack_app_c1_c2_BASE, SYNTH_FIXED_stack_app_c1_c2_SIZE},
};
static const char *const names[SYNTH_NDOMAINS] = {
	[SYNTH_DOMAIN_app_c0] = "app_c0",
	[SYNTH_DOMAIN_app_c1] = "app_c1",
	[SYNTH_DOMAIN_app_c2] = "app_c2",
	[SYNTH_DOMAIN_app_c1_c2] = "app_c1_c2",
};
#define C0 (&domains[SYNTH_DOMAIN_app_c0])
#define C1 (&domains[SYNTH_DOMAIN_app_c1])

static int failures;

static void check(int ok, const char *what)
{
	synth_rt_print(ok ? "ok: " : "FAIL: ");
	synth_rt_print(what);
	synth_rt_print("\n");
	failures += !ok;
}

/* Each check on its own: a domain a failed check left stopped starts
 * again (the checks of a stop look at the state before the next call). */
static void revive(void)
{
	for (unsigned i = 0; i < SYNTH_NDOMAINS; i++)
		if (domains[i].state == SYNTH_RT_DOMAIN_STOPPED)
			synth_rt_domain_restart(&domains[i]);
}

static int call(SynthRtDomain *d, void *fn, uint32_t a0, uint32_t a1, uint32_t *ret)
{
	revive();
	*ret = 0xdeadbeefu;
	return synth_rt_domain_call4(d, fn, a0, a1, 0, 0, ret);
}

/* Arms c1's hostile code at the native address `target` (0 disarms). */
static void arm(uint32_t target)
{
	uint32_t ret;
	uint32_t off = target ? target - (uint32_t)(uintptr_t)app__mem1 : 0;
	int st = call(C1, (void *)app_arm_x241, off, 0, &ret);
	if (st != 0)
		check(0, "arm$1");
}

static volatile uint32_t *word(uint8_t *mem, uint32_t off)
{
	return (volatile uint32_t *)(void *)(mem + off);
}

/* c0's native code using the gate into c2's secret2 (function 18), which
 * only a shared function that no domain runs calls: listed for no domain. */
static int32_t c0_peek(void)
{
	int32_t r = app__xcall18();
	return r * 1000 + synth_rt_gate_status();
}

/* Instructions of one run_ind(slot, 4) in c0, entered from the runtime. */
static uint32_t insns(uint32_t slot)
{
	uint32_t ret, t0 = synth_rt_counter_insns();
	synth_rt_domain_call4(C0, (void *)app_run_ind, slot, 4, 0, 0, &ret);
	uint32_t t1 = synth_rt_counter_insns();
	uint32_t t2 = synth_rt_counter_insns();
	return (t1 - t0) - (t2 - t1);
}

int main(void)
{
	if (app__init() != 0) {
		synth_rt_print("FAIL: app__init\n");
		return 1;
	}
	for (unsigned i = 0; i < SYNTH_NDOMAINS; i++) {
		SynthRtMpuRegion r[SYNTH_MPU_NREGIONS];
		unsigned n = 0;
		for (unsigned k = 0; k < SYNTH_MPU_NREGIONS; k++)
#if defined(SYNTH_MPU_PMSAV7)
			if (synth_mpu_tables[i].region[k].RASR & 1u)
				r[n++] = (SynthRtMpuRegion){synth_mpu_tables[i].region[k].RBAR,
				                            synth_mpu_tables[i].region[k].RASR};
#else
			if (synth_mpu_tables[i].region[k].RLAR & 1u)
				r[n++] = (SynthRtMpuRegion){synth_mpu_tables[i].region[k].RBAR,
				                            synth_mpu_tables[i].region[k].RLAR};
#endif
		int st = synth_rt_domain_init(&domains[i], names[i], r, n, stacks[i][0], (uint32_t)stacks[i][1]);
#if !defined(SYNTH_MPU_PMSAV7)
		synth_rt_domain_set_mair(&domains[i], synth_mpu_tables[i].MAIR0, synth_mpu_tables[i].MAIR1);
#endif
		check(st == 0 && domains[i].index == i, names[i]);
	}
	synth_rt_gates_init(gates, sizeof gates / sizeof gates[0]);
	uint32_t ret;
	int st;

	/* call_indirect from c0: own, c1's (switched), c2's (switched) */
	st = call(C0, (void *)app_run_ind, 0, 4, &ret);
	check(st == 0 && ret == 1005 && *word(app__mem0, 8) == 4, "run_ind(0: c0's own0, 4) = 1005, a plain call");
	st = call(C0, (void *)app_run_ind, 1, 4, &ret);
	check(st == 0 && ret == 1012 && *word(app__mem1, 32) == 4, "run_ind(1: c1's scale1, 4) = 1012 in c1's domain");
	st = call(C0, (void *)app_run_ind, 2, 4, &ret);
	check(st == 0 && ret == 1020 && *word(app__mem2, 16) == 4, "run_ind(2: c2's enc2, 4) = 1020 in c2's domain");
	st = call(C0, (void *)app_set_call, 6, 0, &ret);
	check(st == 0 && ret == 1030 && *word(app__mem2, 16) == 6, "set_call(6): table.set of c2's enc2, then 1030 in c2's domain");

	/* armed, c1's function called indirectly from c0 stores into c0's memory */
	uint32_t victim = (uint32_t)(uintptr_t)app__mem0 + 64;
	*word(app__mem0, 64) = 0x600d;
	arm(victim);
	st = call(C0, (void *)app_run_ind, 1, 4, &ret);
	check(*word(app__mem0, 64) == 0x600d, "armed c1 called through the table from c0: c0's word unchanged");
	check(st == 0 && ret == 1000 && C1->state == SYNTH_RT_DOMAIN_STOPPED &&
	          C1->last.addr == victim && C0->state == SYNTH_RT_DOMAIN_READY,
	      "armed c1 called through the table from c0: its store into c0's memory faults in c1, c0 goes on (1000)");
	synth_rt_domain_restart(C1);
	arm(0);

	/* shared functions from c0: the call into c1 is switched, into c0 plain */
	st = call(C0, (void *)app_via_both, 4, 0, &ret);
	check(st == 0 && ret == 1017, "via_both(4) in c0 = 1017: shared both -> c0's own0 plain, c1's scale1 switched");
	st = call(C0, (void *)app_via_apply, 1, 4, &ret);
	check(st == 0 && ret == 1012, "via_apply(1, 4) in c0 = 1012: shared apply's call_indirect into c1 switched");
	st = call(C1, (void *)app_via_apply_x241, 1, 4, &ret);
	check(st == 0 && ret == 2012 && C1->state == SYNTH_RT_DOMAIN_READY,
	      "via_apply$1(1, 4) in c1 = 2012: shared apply's call_indirect into c1 stays in c1");
	st = call(C1, (void *)app_via_apply_x241, 2, 4, &ret);
	check(st == 0 && ret == 2020, "via_apply$1(2, 4) in c1 = 2020: into c2 switched");
	*word(app__mem0, 64) = 0x600d;
	arm(victim);
	st = call(C0, (void *)app_via_both, 4, 0, &ret);
	check(*word(app__mem0, 64) == 0x600d, "armed c1 called by a shared function running in c0: c0's word unchanged");
	check(st == 0 && ret == 1005 && C1->state == SYNTH_RT_DOMAIN_STOPPED,
	      "armed c1 called by a shared function running in c0: its store into c0's memory faults in c1");
	synth_rt_domain_restart(C1);
	arm(0);

	/* a forged table entry: a {sig, code} record in c0's memory naming c2's
	 * enc2; the call traps and c2's memory keeps its word */
	const uint32_t *real = (const uint32_t *)(uintptr_t)app__table0[2];
	volatile uint32_t *forged = word(app__mem0, 256);
	forged[0] = real[0];
	forged[1] = (uint32_t)(uintptr_t)app__entry5;
	app__table0[3] = (uint32_t)(uintptr_t)forged;
	*word(app__mem2, 16) = 0x600d;
	st = call(C0, (void *)app_run_ind, 3, 9, &ret);
	check(*word(app__mem2, 16) == 0x600d, "a forged table entry naming c2's code: memory 2 unchanged");
	check(st == SYNTH_RT_DOMAIN_EFAULT && C0->last.trap == SYNTH_TRAP_INDIRECT_CALL_MISMATCH,
	      "a forged table entry naming c2's code traps in c0 (indirect call type mismatch), memory 2 unchanged");
	app__table0[3] = app__table0[2];
	synth_rt_domain_restart(C0);

	/* a gate listed for no domain is refused to c0 */
	*word(app__mem2, 48) = 77;
	st = call(C0, (void *)c0_peek, 0, 0, &ret);
	check(st == 0 && (int32_t)ret == SYNTH_RT_DOMAIN_EDENIED,
	      "c0 using the gate into c2's secret2, listed for no domain, is refused (EDENIED)");

	/* the adapter c1->c2 calls c1's allocator back in c1's domain */
	st = call(C1, (void *)app_filter_x241, 7, 0, &ret);
	check(st == 0 && ret == 21, "filter$1(7) in c1 = 21: adapter -> c2's encode -> back into c1's allocator");
	uint32_t victim2 = (uint32_t)(uintptr_t)app__mem2 + 128;
	*word(app__mem2, 128) = 0x600d;
	arm(victim2);
	st = call(C1, (void *)app_filter_x241, 7, 0, &ret);
	check(*word(app__mem2, 128) == 0x600d, "armed c1's allocator, called by the adapter: memory 2 unchanged");
	check(st == SYNTH_RT_DOMAIN_EFAULT && C1->last.addr == victim2 &&
	          C1->state == SYNTH_RT_DOMAIN_STOPPED && domains[SYNTH_DOMAIN_app_c1_c2].state == SYNTH_RT_DOMAIN_READY,
	      "armed c1's allocator, called by the adapter, cannot write memory 2: it faults in c1, which is stopped");
	synth_rt_domain_restart(C1);
	arm(0);
	st = call(C1, (void *)app_filter_x241, 8, 0, &ret);
	check(st == 0 && ret == 24, "filter$1(8) in c1 = 24 after the restart");
	st = call(C0, (void *)app_run_ind, 1, 5, &ret);
	check(st == 0 && ret == 1015, "run_ind(1, 5) in c0 = 1015 after the restart");

	/* figures: a plain indirect call and a gated one, same callee body */
	synth_rt_counter_start();
	/* each measured again once c0's regions are the ones loaded (the
	 * runtime keeps the last domain's), so both start alike */
	uint32_t plain = insns(0);
	plain = insns(0);
	uint32_t gated = insns(4);
	gated = insns(4);
	synth_rt_print("bench: run_ind -> own0 (plain call_indirect, c0) ");
	synth_rt_print_u32(plain);
	synth_rt_print(" insns; run_ind -> id1 (gated call_indirect, c0 -> c1) ");
	synth_rt_print_u32(gated);
	synth_rt_print(" insns; the gate adds ");
	synth_rt_print_u32(gated - plain);
	synth_rt_print("\n");
	if (failures)
		return 1;
	synth_rt_print("fused-icall: ok\n");
	return 0;
}
