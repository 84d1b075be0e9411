/* gates.c - the gate table and stubs of a fused module, built from the
 * header synth compile writes (app__XCALLS) and the layout's domains
 * (SYNTH_DOMAIN_app_*, synth layout export --h): the stubs, strong, replace
 * the object's weak M__xcall<g> thunks at link time (run-fused.sh checks
 * the image), and the table names each callee's entry and domain. Domains
 * are not entered here: compiled code does not run unprivileged yet (its
 * prologue reads the runtime's __synth_stack_limit). */
#include "app.h"
#include "synth_layout.h"
#include "synth_rt.h"

static SynthRtDomain domains[SYNTH_NDOMAINS];

#define STUB(id, g, dom, n, ret, params) SYNTH_RT_GATE_STUB(ret, app__xcall##g, params, id)
app__XCALLS(STUB)

/* each gate open only to the domains whose functions call g */
#define BIT(dom) | 1u << SYNTH_DOMAIN_##dom
#define GATE(id, g, dom, n, ret, params) \
	[id] = {&domains[SYNTH_DOMAIN_##dom], (void *)app__entry##g, n, app__XCALL##g##_FLAGS app__XCALL##g##_CALLERS(BIT)},
static const SynthRtGate gates[] = {app__XCALLS(GATE)};

int main(void)
{
	synth_rt_gates_init(gates, sizeof gates / sizeof gates[0]);
	for (unsigned i = 0; i < sizeof gates / sizeof gates[0]; i++) {
		synth_rt_print("gate ");
		synth_rt_print_u32(i);
		synth_rt_print(": domain ");
		synth_rt_print_u32((uint32_t)(gates[i].callee - domains));
		synth_rt_print(gates[i].fn ? " entry set" : " entry missing");
		synth_rt_print(" callers ");
		synth_rt_print_u32(gates[i].callers);
		synth_rt_print("\n");
	}
	synth_rt_print("gates: ok\n");
	return 0;
}
