/* regions.c - the project's region caps: edited (one memory's, or the
 * default), and applied to a plan input: the
 * project's "max_regions" (the default of every memory) and each module's
 * "max_regions" array (by memory index, 0: the default), as
 * synth_plan_input_set_max_regions() takes them. A cap on a memory the
 * module does not have is an error naming it, like a pin on one. */
#include <stdio.h>
#include <string.h>

#include "project_internal.h"

SynthStatus synth_project_set_max_regions(SynthProject *p, const char *memory, uint32_t n, SynthPlanError *err)
{
	pl_error_clear(err);
	if (n > 64)
		return pl_error(err, SYNTH_ERR_INVALID, "", "max_regions", "%u regions: expected 1 to 64 (0: no cap)", n);
	const SynthProjectDesc *d = synth_project_desc(p);
	if (!memory) {
		SynthProjectOptions o = d->opt;
		o.max_regions = n;
		return synth_project_set_options(p, &o, err);
	}
	char name[256];
	long idx = -1;
	int m = pj_member_split(memory, name, sizeof name, &idx) && idx >= 0 && idx < 64 ? pj_module_find(d, name) : -1;
	if (m < 0)
		return pl_error(err, SYNTH_ERR_INVALID, "", "", "no memory \"%s\" in the project's modules (module.memidx)",
		                memory);
	SynthProjectModule mod = d->modules[m];
	uint32_t cnt = mod.nmax_regions > (uint32_t)idx + 1 ? mod.nmax_regions : (uint32_t)idx + 1;
	uint32_t *caps = sy_malloc(&p->ctx->alloc, sizeof *caps * cnt);
	if (!caps)
		return pl_error(err, SYNTH_ERR_NOMEM, "", "", "out of memory");
	memset(caps, 0, sizeof *caps * cnt);
	if (mod.nmax_regions)
		memcpy(caps, mod.max_regions, sizeof *caps * mod.nmax_regions);
	caps[idx] = n;
	mod.max_regions = caps;
	mod.nmax_regions = cnt;
	SynthStatus st = synth_project_set_module(p, &mod, err);
	sy_free(&p->ctx->alloc, caps, sizeof *caps * cnt);
	return st;
}

uint32_t synth_project_max_regions(const SynthProject *p, const char *memory)
{
	const SynthProjectDesc *d = synth_project_desc(p);
	if (!memory)
		return d->opt.max_regions;
	char name[256];
	long idx = -1;
	int m = pj_member_split(memory, name, sizeof name, &idx) && idx >= 0 ? pj_module_find(d, name) : -1;
	return m >= 0 && (uint32_t)idx < d->modules[m].nmax_regions ? d->modules[m].max_regions[idx] : 0;
}

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
