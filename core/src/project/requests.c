/* requests.c - the requests step: the memory requests of every module
 * (synth-requests files, as synth compile writes them) merged into one
 * request file, with the project's pins applied to the memories they name
 * (a bank the memory must go to, bank attributes it needs) and its region
 * caps (max_regions, in force per memory: a request file has no default). The planner and
 * the layout check then read one file whose content changes only when a
 * module's memories or a pin change, so the CLI rewrites it only then. */
#include <stdio.h>
#include <string.h>

#include "project_internal.h"

SynthStatus synth_project_merge_requests(SynthContext *ctx, const SynthProject *p, const char *const *files,
                                         size_t nfiles, char **text, SynthPlanError *err)
{
	*text = NULL;
	pl_error_clear(err);
	SynthPlanInput *in = synth_plan_input_new(ctx);
	if (!in)
		return pl_error(err, SYNTH_ERR_NOMEM, "", "", "out of memory");
	SynthStatus st = SYNTH_OK;
	for (size_t i = 0; i < nfiles && !st; i++)
		st = synth_plan_input_add_file(in, files[i], 0, err);
	const SynthProjectOptions *o = &p->d.opt;
	for (uint32_t i = 0; i < o->npins && !st; i++) {
		const SynthProjectPin *pin = &o->pins[i];
		char mod[256], path[64];
		long idx;
		snprintf(path, sizeof path, "pins[%u].memory", i);
		if (!pj_pin_split(pin->memory, mod, sizeof mod, &idx)) {
			st = pl_error(err, SYNTH_ERR_INVALID, "", path, "expected \"module.memidx\" or \"module.state\"");
			break;
		}
		if (idx == PJ_STATE) {
			if (synth_plan_input_pin_address(in, pin->memory, pin->address, err))
				st = pl_error(err, SYNTH_ERR_INVALID, "", path, "no state section %s in the modules' requests",
				              pin->memory);
			continue;
		}
		int r = pl_input_find(&in->d, mod, (uint32_t)idx);
		if (r < 0) {
			st = pl_error(err, SYNTH_ERR_INVALID, "", path, "no memory %s in the modules' requests",
			              pin->memory);
			break;
		}
		SynthMemRequest *q = &in->reqs[r];
		if (pin->bank)
			q->bank = pl_strdup(&in->arena, pin->bank);
		if (pin->nneeds) {
			const char **needs = pl_alloc(&in->arena, sizeof *needs * pin->nneeds);
			for (uint32_t k = 0; needs && k < pin->nneeds; k++)
				needs[k] = pl_strdup(&in->arena, pin->needs[k]);
			q->needs = needs;
			q->nneeds = pin->nneeds;
		}
		if (pin->has_address) {
			q->pinned = true;
			q->address = pin->address;
		}
		if (in->arena.oom)
			st = pl_error(err, SYNTH_ERR_NOMEM, "", "", "out of memory");
	}
	if (!st)
		st = pj_apply_max_regions(p, in, err);
	if (!st)
		st = synth_plan_input_write_requests(ctx, in, text, err);
	synth_plan_input_free(in);
	return st;
}
