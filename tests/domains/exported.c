/* exported.c - the planner's exported MPU tables (`synth layout export`,
 * the golden two-domain layouts of tests/plan: PMSAv7 an385 tables on the
 * an386, PMSAv8 an505 tables on the an505) are accepted as they are by
 * synth_rt_domain_init(): each domain's row of synth_mpu_tables[] is passed
 * unchanged, the flash region is left to the runtime's shared code slot,
 * every other region is kept, and the planner's per-domain stack region
 * (SRD-carved on PMSAv7) is recognised as the domain's stack. A stack that
 * lies in another domain's region is refused.
 * (The golden layouts place memories over the runtime's own main stack,
 * issue 10 item 1, so these domains are registered but not entered.) */
#include <stdint.h>

#include "synth_layout.h"
#include "synth_rt.h"

#if defined(SYNTH_MPU_PMSAV8)
#define SYNTH_TEST_LIMIT RLAR
#else
#define SYNTH_TEST_LIMIT RASR
#endif

static SynthRtDomain net, app, wrong;
static int failures;

static void check(int ok, const char *what)
{
	synth_rt_print(ok ? "ok: " : "FAIL: ");
	synth_rt_print(what);
	synth_rt_print_char('\n');
	failures += !ok;
}

static unsigned used(const SynthMpuTable *t)
{
	unsigned n = 0;
	for (unsigned i = 0; i < SYNTH_MPU_NREGIONS; i++)
		n += t->region[i].SYNTH_TEST_LIMIT & 1u;
	return n;
}

int main(void)
{
	const SynthMpuTable *tn = &synth_mpu_tables[SYNTH_DOMAIN_net];
	const SynthMpuTable *ta = &synth_mpu_tables[SYNTH_DOMAIN_app];
	int st;

	st = synth_rt_domain_init(&net, "net", (const SynthRtMpuRegion *)(const void *)tn->region,
	                          SYNTH_MPU_NREGIONS, SYNTH_FIXED_stack_net_BASE, SYNTH_FIXED_stack_net_SIZE);
	check(st == 0, "domain net from the exported table");
	check(net.nregions == used(tn) - 1, "net: every region kept but flash (slot 0)");
	st = synth_rt_domain_init(&app, "app", (const SynthRtMpuRegion *)(const void *)ta->region,
	                          SYNTH_MPU_NREGIONS, SYNTH_FIXED_stack_app_BASE, SYNTH_FIXED_stack_app_SIZE);
	check(st == 0, "domain app from the exported table");
	check(app.nregions == used(ta) - 1, "app: every region kept but flash (slot 0)");
#if defined(SYNTH_MPU_PMSAV8)
	synth_rt_domain_set_mair(&net, tn->MAIR0, tn->MAIR1);
	synth_rt_domain_set_mair(&app, ta->MAIR0, ta->MAIR1);
	check(net.mair0 == 0x00aa04ffu, "net: MAIR0 from the table");
#endif
	st = synth_rt_domain_init(&wrong, "wrong", (const SynthRtMpuRegion *)(const void *)tn->region,
	                          SYNTH_MPU_NREGIONS, SYNTH_FIXED_stack_app_BASE, SYNTH_FIXED_stack_app_SIZE);
	check(st == SYNTH_RT_DOMAIN_EINVAL, "net's table with app's stack is refused");
	synth_rt_print(failures ? "exported: FAILED\n" : "exported: tables accepted\n");
	return failures;
}
