/* attacks.c - attacks made from inside one fused module (attack3.wat, three
 * components in the shape of meld's multi-memory lowering contract), run on
 * mps2-an386 (PMSAv7) and mps2-an505 (PMSAv8) with each component in its
 * planned domain: the planner's default domains app_c0, app_c1, app_c2 and
 * the adapters' app_c1_c2, their exported MPU tables and stacks, and the
 * gates of the header (app__XCALLS, app__XCALL<g>_CALLERS). Nothing here
 * names an address: the victims are the module's own symbols.
 *
 * Each component's state is its own section (.synth_state.app.c<k>, core/ABI.md
 * "State of a fused module") placed by the planner at the end of its memory,
 * inside its domain only (and its adapters'); what two components use but
 * none writes once app__init is done ($cfg, read by c0 and c1) is the
 * read-only .synth_state.app, which every component's domain may read but
 * none write. So c1 - compiled, like the
 * whole module, with --bounds=none: poke$1(a, v) stores v at memory 1's base
 * + a, anywhere - cannot reach another component's memory, memory base or
 * size, globals, table entries, the runtime's state or another stack. Each
 * attack is one line "ok: attack NAME: ..." (or "FAIL: attack NAME: ...");
 * a CTest case per NAME fails when its line is not ok. An attack is ok when
 * the store faulted (EFAULT, c1 stopped) and the victim's bytes did not
 * change; the control case shows the same store lands in c1's own state.
 *
 * Then the measurements (bench: lines, exact under -icount): a call from c0
 * into c1 through a gate (two domain switches) against the same call as a
 * direct branch (the weak thunks: this file built with FUSED_DIRECT), and a
 * call from c1 through the adapter's gate into c2 copying 64 bytes back
 * into memory 1. */
#include <stddef.h>
#include <stdint.h>

#include "app.h"
#include "synth_layout.h"
#include "synth_rt.h"

#if !defined(FUSED_DIRECT)
static SynthRtDomain domains[SYNTH_NDOMAINS];

#define STUB(id, g, dom, n, ret, params) SYNTH_RT_GATE_STUB(ret, app__xcall##g, params, id)
app__XCALLS(STUB)

#define BIT(dom) | 1u << SYNTH_DOMAIN_##dom
#define GATE(id, g, dom, n, ret, params) \
	[id] = {&domains[SYNTH_DOMAIN_##dom], (void *)app__entry##g, n, 0 app__XCALL##g##_CALLERS(BIT)},
static const SynthRtGate gates[] = {app__XCALLS(GATE)};

extern uint8_t app__mem0[], app__mem1[], app__mem2[];
extern uint32_t app__table0[];
extern SynthRtMemory app__memctl0, app__memctl1, app__memctl2;
extern int synth_rt_domain_verbose;

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
#define C2 (&domains[SYNTH_DOMAIN_app_c2])

static int failures;

static void line(int ok, const char *kind, const char *name, const char *what)
{
	synth_rt_print(ok ? "ok: " : "FAIL: ");
	synth_rt_print(kind);
	synth_rt_print(name);
	synth_rt_print(": ");
	synth_rt_print(what);
	synth_rt_print("\n");
	failures += !ok;
}

static void check(int ok, const char *what)
{
	line(ok, "", "check", what);
}

/* Domain c runs f(a0, a1); the status, *ret its result. */
static int call(SynthRtDomain *c, void *f, uint32_t a0, uint32_t a1, uint32_t *ret)
{
	uint32_t r = 0;
	int st = synth_rt_domain_call4(c, f, a0, a1, 0, 0, &r);
	if (ret)
		*ret = r;
	return st;
}

/* c1 stores v at address target (memory 1's base + offset: --bounds=none
 * wraps); ok when it faulted, stopped c1 and the 4 victim bytes at target
 * kept their value. c1 starts again for the next attack. */
static void wild_store(const char *name, uintptr_t target, const char *what)
{
	volatile uint32_t *victim = (volatile uint32_t *)target;
	uint32_t before = *victim, v = before ^ 0x5a5a5a5au;
	int st = call(C1, (void *)app_poke_x241, (uint32_t)(target - (uintptr_t)app__mem1), v, NULL);
	int ok = st == SYNTH_RT_DOMAIN_EFAULT && *victim == before && C1->state == SYNTH_RT_DOMAIN_STOPPED;
	line(ok, "attack ", name, what);
	synth_rt_domain_restart(C1);
}

/* The planned state sections, filled with garbage before the reset code
 * runs (synth_rt_early): the runtime must zero them (synth_layout_zero[])
 * and app__init set them up. */
static const uintptr_t state_sections[4][2] = {
	{SYNTH_STATE_app_c0_BASE, SYNTH_STATE_app_c0_SIZE},
	{SYNTH_STATE_app_c1_BASE, SYNTH_STATE_app_c1_SIZE},
	{SYNTH_STATE_app_c2_BASE, SYNTH_STATE_app_c2_SIZE},
	{SYNTH_STATE_app_BASE, SYNTH_STATE_app_SIZE},
};

void synth_rt_early(void)
{
	for (unsigned k = 0; k < 4; k++)
		for (uintptr_t p = state_sections[k][0]; p < state_sections[k][0] + state_sections[k][1]; p += 4)
			*(volatile uint32_t *)p = 0xa5a5a5a5u;
}

static int all_zero(uintptr_t base, uintptr_t size)
{
	for (uintptr_t p = base; p < base + size; p += 4)
		if (*(volatile uint32_t *)p)
			return 0;
	return 1;
}

/* Instructions per iteration of f(n) in domain d, from runs of n and 2n. */
static uint32_t per_iteration(SynthRtDomain *d, void *f, uint32_t n, uint32_t *result)
{
	uint32_t r;
	synth_rt_counter_start();
	uint32_t t0 = synth_rt_counter_insns();
	call(d, f, n, 0, &r);
	uint32_t t1 = synth_rt_counter_insns();
	call(d, f, 2 * n, 0, result);
	uint32_t t2 = synth_rt_counter_insns();
	return ((t2 - t1) - (t1 - t0)) / n;
}

int main(void)
{
	int zero = 1;
	for (unsigned k = 0; k < 4; k++)
		zero &= all_zero(state_sections[k][0], state_sections[k][1]);
	if (app__init() != 0) {
		synth_rt_print("FAIL: app__init\n");
		return 1;
	}
	line(zero && app__global0 == 1024 && app__global1 == 1024 && app__global2 == 1024 && app__memctl1.base == app__mem1 &&
	         app__table0[0] != 0 && app__global4 == 100,
	     "reset ", "zero", "every component's state section zeroed at reset (filled with garbage before), then set up by app__init");
	for (unsigned i = 0; i < SYNTH_NDOMAINS; i++) {
		int st = synth_rt_domain_init(&domains[i], names[i],
		                              (const SynthRtMpuRegion *)(const void *)synth_mpu_tables[i].region,
		                              SYNTH_MPU_NREGIONS, stacks[i][0], (uint32_t)stacks[i][1]);
#if defined(SYNTH_MPU_PMSAV8)
		synth_rt_domain_set_mair(&domains[i], synth_mpu_tables[i].MAIR0, synth_mpu_tables[i].MAIR1);
#endif
		check(st == 0 && domains[i].index == i, names[i]);
	}
	synth_rt_gates_init(gates, sizeof gates / sizeof gates[0]);
	C2->restart = (uint32_t (*)(void))app__init_c2;

	uint32_t r = 0;
	int st = call(C0, (void *)app_run, 5, 0, &r);
	check(st == 0 && r == 15, "run(5) in app_c0 = 15 through the gates into app_c1, app_c1_c2 and app_c2");

	/* the control: the wild store is real (it lands in c1's own state) */
	{
		volatile int32_t *own = &app__global1;
		int32_t before = *own;
		st = call(C1, (void *)app_poke_x241, (uint32_t)((uintptr_t)own - (uintptr_t)app__mem1), 0x1234, NULL);
		line(st == 0 && *own == 0x1234, "attack ", "control",
		     "c1's wild store into its own global lands (c1's state is c1's to break)");
		*own = before;
	}
	wild_store("oob-memory", (uintptr_t)app__mem2 + 64, "c1 writing past memory 1 into c2's memory faults");
	wild_store("oob-memory-c0", (uintptr_t)app__mem0, "c1 writing into c0's memory faults");
	wild_store("state-memory-base", (uintptr_t)&app__memctl2.base, "c1 rewriting c2's memory base faults");
	wild_store("state-memory-size", (uintptr_t)&app__memctl0.bytes, "c1 rewriting c0's memory size faults");
	wild_store("state-global", (uintptr_t)&app__global0, "c1 rewriting c0's global (its allocator's bump) faults");
	wild_store("state-global-c2", (uintptr_t)&app__global2, "c1 rewriting c2's global faults");
	wild_store("state-table", (uintptr_t)&app__table0[0], "c1 rewriting c0's table entry faults");
	wild_store("state-readonly", (uintptr_t)&app__global4,
	           "c1 rewriting the global it reads in the module's read-only state section faults");
	wild_store("runtime-state", (uintptr_t)&synth_rt_domain_verbose, "c1 rewriting the runtime's data faults");
	wild_store("runtime-domain", (uintptr_t)&C0->state, "c1 rewriting c0's domain record faults");
	wild_store("stack", SYNTH_FIXED_stack_app_c0_BASE + SYNTH_FIXED_stack_app_c0_SIZE - 64,
	           "c1 writing into c0's stack faults");
	wild_store("stack-adapter", SYNTH_FIXED_stack_app_c1_c2_BASE + SYNTH_FIXED_stack_app_c1_c2_SIZE - 64,
	           "c1 writing into the adapter's stack faults");
#if defined(__ARM_ARCH_8M_MAIN__)
	/* c1's runaway recursion, compiled with the cortex-m33 default
	 * --stack-check=hardware (no prologue check): PSPLIM stops it at its
	 * stack's base, the runtime reports the trap "call stack exhausted"
	 * against c1 and stops it; c0 and the adapter into c2 go on, and c1
	 * works again once restarted. */
	{
		uint32_t rd = 0, rp = 0;
		uint32_t before = *(volatile uint32_t *)(SYNTH_FIXED_stack_app_c1_BASE - 4);
		st = call(C1, (void *)app_recurse_x241, 0, 0, NULL);
		int trapped = st == SYNTH_RT_DOMAIN_EFAULT && C1->state == SYNTH_RT_DOMAIN_STOPPED &&
		              C1->last.trap == SYNTH_TRAP_CALL_STACK_EXHAUSTED;
		int s1 = call(C0, (void *)app_dispatch, 1, 7, &rd);
		int rs = synth_rt_domain_restart(C1);
		int s3 = call(C1, (void *)app_ping_x241, 41, 0, &rp);
		line(trapped && *(volatile uint32_t *)(SYNTH_FIXED_stack_app_c1_BASE - 4) == before && s1 == 0 &&
		         rd == 207 && rs == 0 && s3 == 0 && rp == 42,
		     "attack ", "recursion",
		     "c1's runaway recursion trapped (call stack exhausted) at its stack's base by PSPLIM and "
		     "c1 stopped; c0 went on; c1 restarted answers ping");
	}
#endif

	/* A forged pointer: c1 passes c2 the offset, from memory 2's base, of
	 * c0's memory base; c2 writes through it, faults and is stopped, c1
	 * gets EFAULT from its gate. */
	{
		volatile uint32_t *victim = (volatile uint32_t *)&app__memctl0.base;
		uint32_t before = *victim, g;
		st = call(C1, (void *)app_forge_x241, (uint32_t)((uintptr_t)victim - (uintptr_t)app__mem2), 0x77, &r);
		g = C2->state == SYNTH_RT_DOMAIN_STOPPED;
		line(st == 0 && *victim == before && g, "attack ", "forged-pointer",
		     "c2 writing through a pointer forged by c1 faults in c2's domain; c0's memory base is unchanged");
	}
	/* c2 is stopped; the others go on and produce their results. */
	{
		uint32_t rc = 0, rd = 0, rp = 0;
		int s1 = call(C0, (void *)app_count, 0, 0, &rc);
		int s2 = call(C0, (void *)app_dispatch, 1, 7, &rd);
		int s3 = call(C1, (void *)app_ping_x241, 41, 0, &rp);
		int s4 = call(C2, (void *)app_encode_x242, 1, 0, NULL);
		line(s1 == 0 && rc == 1 && s2 == 0 && rd == 207 && s3 == 0 && rp == 42 && s4 == SYNTH_RT_DOMAIN_ESTOPPED,
		     "attack ", "stop", "with c2 stopped, c0 (count, dispatch) and c1 (ping) still give their results");
		st = call(C0, (void *)app_run, 5, 0, &r);
		line(st == 0 && r == 0, "attack ", "stop-crossing",
		     "c0's run into c1 -> adapter -> stopped c2 returns 0 instead of entering c2");
	}
	/* On request: c2 starts again (its state section re-initialised in its
	 * own domain), the whole chain works again. */
	{
		app__global2 = 0x12345;
		int rs = synth_rt_domain_restart(C2);
		st = call(C0, (void *)app_run, 6, 0, &r);
		line(rs == 0 && st == 0 && r == 18 && app__global2 == 1024, "attack ", "restart",
		     "c2 restarted (app__init_c2 in its domain: its state as at start), run(6) = 18 again");
	}

	/* Measurements (exact under -icount). */
	{
		uint32_t res = 0;
		uint32_t call_gated = per_iteration(C0, (void *)app_call_loop, 100, &res);
		check(res == 200 * 199 / 2 + 200, "call_loop(200) in app_c0 = sum of i + 1");
		uint32_t copy_gated = per_iteration(C1, (void *)app_copy_loop_x241, 100, &res);
		check(res == 199, "copy_loop$1(200) in app_c1: the last copy's last byte is 199");
		synth_rt_print("bench: ");
		synth_rt_print(synth_rt_board);
		synth_rt_print(": cross-component call c0 -> c1 (gate, 2 domain switches): ");
		synth_rt_print_u32(call_gated);
		synth_rt_print(" instructions per call with its loop\nbench: ");
		synth_rt_print(synth_rt_board);
		synth_rt_print(": call c1 -> adapter c1->c2 -> c2 copying 64 bytes (2 gates, 4 switches): ");
		synth_rt_print_u32(copy_gated);
		synth_rt_print(" instructions per call with its loop\n");
	}
	if (failures)
		return 1;
	synth_rt_print("fused-attacks: ok\n");
	return 0;
}
#else
/* The same module linked without gates (the weak thunks: direct branches),
 * run privileged: the baseline of the measurements. */
static uint32_t loops(uint32_t (*f)(uint32_t), uint32_t n)
{
	synth_rt_counter_start();
	uint32_t t0 = synth_rt_counter_insns();
	f(n);
	uint32_t t1 = synth_rt_counter_insns();
	f(2 * n);
	uint32_t t2 = synth_rt_counter_insns();
	return ((t2 - t1) - (t1 - t0)) / n;
}

int main(void)
{
	if (app__init() != 0) {
		synth_rt_print("FAIL: app__init\n");
		return 1;
	}
	uint32_t c = loops((uint32_t (*)(uint32_t))app_call_loop, 100);
	uint32_t k = loops((uint32_t (*)(uint32_t))app_copy_loop_x241, 100);
	synth_rt_print("bench: ");
	synth_rt_print(synth_rt_board);
	synth_rt_print(": direct call c0 -> c1 (no gate): ");
	synth_rt_print_u32(c);
	synth_rt_print(" instructions per call with its loop\nbench: ");
	synth_rt_print(synth_rt_board);
	synth_rt_print(": direct call c1 -> adapter -> c2 copying 64 bytes (no gate): ");
	synth_rt_print_u32(k);
	synth_rt_print(" instructions per call with its loop\nfused-direct: ok\n");
	return 0;
}
#endif
