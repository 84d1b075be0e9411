/* domains.c - fused3 (three components fused into one module) run with each
 * component in its own protection domain on mps2-an505 (PMSAv8), from what
 * the build produces and nothing written by hand: the planner's default
 * domains (app_c0, app_c1, app_c2 and the adapter's app_c1_c2, exactly
 * memories 1 and 2), their exported MPU tables and stacks, and the gates of
 * the header (app__XCALLS, app__XCALL<g>_CALLERS).
 *
 * Each component's state is its own section (.synth_state.app.c<k>, core/ABI.md
 * "State of a fused module"), which the planner puts in that component's
 * domain and its adapters' only. One region is added to every domain: the 32 bytes holding the runtime's __synth_stack_limit
 * (read-only: every compiled prologue reads it, as run-fused.sh compiles with
 * --stack-check=software; the m33 default, hardware, and none avoid it). PMSAv8 has no "privileged read-write,
 * unprivileged read-only", so the word is moved out of the runtime's .bss
 * (whose neighbours the fault handler writes) into a block of its own:
 * run-fused.sh links with --defsym=__synth_stack_limit=fused_stack_limit.
 *
 * Checks: run(5) in c0 = 15, through gates c0 -> c1 (outer), c0 -> c1
 * (filter) -> adapter c1->c2 -> c2 (encode), and adapter -> c1 again (its
 * allocator, re-entering c1's domain below its suspended frame); c1's leaf entered in c2's
 * domain faults on memory 1 and leaves it unchanged (EFAULT), the others go
 * on; the adapter's gate refuses c0 (EDENIED). Prints "fused-domains: ok". */
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

extern uintptr_t __synth_stack_limit;
uintptr_t fused_stack_limit[8] __attribute__((aligned(32)));
extern uint8_t app__mem1[];

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

static int failures;

static void check(int ok, const char *what)
{
	synth_rt_print(ok ? "ok: " : "FAIL: ");
	synth_rt_print(what);
	synth_rt_print("\n");
	failures += !ok;
}

/* The adapter's gate (id 2: app__XCALLS lists it third) called from c0. */
SYNTH_RT_GATE_STUB(int32_t, c0_calls_adapter, (int32_t x), 2)
static int32_t c0_forged(int32_t x)
{
	int32_t r = c0_calls_adapter(x);
	return r * 1000 + synth_rt_gate_status();
}

int main(void)
{
	if (app__init() != 0) {
		synth_rt_print("FAIL: app__init\n");
		return 1;
	}
	uintptr_t lim = (uintptr_t)&__synth_stack_limit & ~(uintptr_t)31;
	for (unsigned i = 0; i < SYNTH_NDOMAINS; i++) {
		SynthRtMpuRegion r[SYNTH_MPU_NREGIONS + 2];
		unsigned n = 0;
		for (unsigned k = 0; k < SYNTH_MPU_NREGIONS; k++)
			if (synth_mpu_tables[i].region[k].RLAR & 1u)
				r[n++] = (SynthRtMpuRegion){synth_mpu_tables[i].region[k].RBAR, synth_mpu_tables[i].region[k].RLAR};
		r[n++] = synth_rt_mpu_region(lim, 32, SYNTH_RT_ACCESS_R);
		int st = synth_rt_domain_init(&domains[i], names[i], r, n, stacks[i][0], (uint32_t)stacks[i][1]);
		synth_rt_domain_set_mair(&domains[i], synth_mpu_tables[i].MAIR0, synth_mpu_tables[i].MAIR1);
		check(st == 0 && domains[i].index == i, names[i]);
	}
	synth_rt_gates_init(gates, sizeof gates / sizeof gates[0]);

	uint32_t ret = 0;
	int st = synth_rt_domain_call4(&domains[SYNTH_DOMAIN_app_c0], (void *)app_run, 5, 0, 0, 0, &ret);
	check(st == 0 && ret == 15, "run(5) in app_c0 = 15 through the gates into app_c1, app_c1_c2 and app_c2");
	st = synth_rt_domain_call4(&domains[SYNTH_DOMAIN_app_c1], (void *)app_filter_x241, 7, 0, 0, 0, &ret);
	check(st == 0 && ret == 21, "filter$1(7) in app_c1 = 21 through the adapter's domain");

	/* c1's code in c2's domain: memory 1 is out of reach. */
	volatile uint8_t *victim = app__mem1 + 16;
	uint8_t before = *victim;
	st = synth_rt_domain_call4(&domains[SYNTH_DOMAIN_app_c2], (void *)app__entry8, 0x77, 0, 0, 0, &ret);
	check(st == SYNTH_RT_DOMAIN_EFAULT && *victim == before, "c1's code run in app_c2 faults on memory 1, which keeps its byte");

	/* c0 may not enter the adapter: its gate is open to app_c1 only. */
	st = synth_rt_domain_call4(&domains[SYNTH_DOMAIN_app_c0], (void *)c0_forged, 3, 0, 0, 0, &ret);
	check(st == 0 && (int32_t)ret == SYNTH_RT_DOMAIN_EDENIED, "c0 calling the adapter's gate is refused (EDENIED)");

	/* the others went on; c2, stopped by its fault, starts again */
	check(domains[SYNTH_DOMAIN_app_c2].state == SYNTH_RT_DOMAIN_STOPPED, "app_c2 is stopped");
	synth_rt_domain_restart(&domains[SYNTH_DOMAIN_app_c2]);
	st = synth_rt_domain_call4(&domains[SYNTH_DOMAIN_app_c0], (void *)app_run, 6, 0, 0, 0, &ret);
	check(st == 0 && ret == 18, "run(6) in app_c0 = 18 afterwards");
	if (failures)
		return 1;
	synth_rt_print("fused-domains: ok\n");
	return 0;
}
