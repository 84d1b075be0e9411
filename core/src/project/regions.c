/* regions.c - the project's region caps applied to a plan input: the
 * project's "max_regions" (the default of every memory) and each module's
 * "max_regions" array (by memory index, 0: the default), as
 * synth_plan_input_set_max_regions() takes them. A cap on a memory the
 * module does not have is an error naming it, like a pin on one. */
#include <stdio.h>

#include "project_internal.h"

SynthStatus pj_apply_max_regions(const SynthProject *p, SynthPlanInput *in, SynthPlanError *err)
{
	SynthStatus st = synth_plan_input_set_max_regions(in, NULL, p->d.opt.max_regions, err);
	for (uint32_t i = 0; i < p->d.nmodules && !st; i++) {
		const SynthProjectModule *m = &p->d.modules[i];
		for (uint32_t k = 0; k < m->nmax_regions && !st; k++) {
			if (!m->max_regions[k])
				continue;
			char mem[300], path[64];
			snprintf(mem, sizeof mem, "%s.%u", m->name, k);
			snprintf(path, sizeof path, "modules[%u].max_regions[%u]", i, k);
			st = synth_plan_input_set_max_regions(in, mem, m->max_regions[k], err);
			if (st)
				pl_error(err, st, "", path, "module %s has no memory %u to cap", m->name, k);
		}
	}
	return st;
}
