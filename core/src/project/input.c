/* input.c - a project's plan input: each module's .wasm decoded and its
 * memories requested exactly as synth compile requests them for the
 * module's options (mem_caps[k] else mem_cap, mem_reserve, bounds), its
 * state section(s) (per component in a fused module), the
 * project's pins applied (bank, needs) and its domains added. The planner
 * GUI plans from this without running the build; the result equals the
 * requests step's file for the same project (see tests/project). */
#include <stdio.h>
#include <string.h>

#include "project_internal.h"

/* Joins dir and a path relative to it (absolute paths stay). */
static void join(const char *dir, const char *rel, char *out, size_t cap)
{
	if (rel[0] == '/' || !dir || !dir[0] || strcmp(dir, ".") == 0)
		snprintf(out, cap, "%s", rel);
	else
		snprintf(out, cap, "%s/%s", dir, rel);
}

/* Adds the requests of module m read from path. */
static SynthStatus add_module(SynthPlanInput *in, const SynthProjectModule *m, const char *path, const char *jpath,
                              SynthPlanError *err)
{
	SynthContext *ctx = in->ctx;
	SyStr text = {.alloc = &ctx->alloc};
	if (!pl_read_file(&text, path, err))
		return err ? err->status : SYNTH_ERR_ARGUMENT;
	SynthStatus st = SYNTH_OK;
	SynthModule *mod = NULL;
	if (text.n < 4 || memcmp(text.s, "\0asm", 4) != 0) {
		st = pl_error(err, SYNTH_ERR_MALFORMED, path, "", "not a WebAssembly module (magic header not detected)");
		goto done;
	}
	st = synth_module_load(ctx, (const uint8_t *)text.s, text.n, NULL, &mod);
	if (st) {
		const SynthDiag *dg = synth_context_diag(ctx);
		pl_error(err, st, path, "", "0x%llx: %s", (unsigned long long)dg->offset, dg->message);
		goto done;
	}
	const SynthModuleDesc *md = synth_module_desc(mod);
	for (uint32_t i = 0; i < md->nmems && !st; i++) {
		uint64_t cap = i < m->nmem_caps && m->mem_caps[i] ? m->mem_caps[i] : m->mem_cap;
		SynthMemoryRequest mr;
		st = synth_memory_request(ctx, md, i, cap, m->mem_reserve, m->bounds, &mr);
		if (st) {
			pl_error(err, st, path, jpath, "memory %u: %s", i, synth_context_diag(ctx)->message);
			break;
		}
		SynthMemRequest q = {
			.module = m->name, .memidx = i, .min_bytes = mr.min_bytes, .max_bytes = mr.max_bytes,
			.has_max = mr.has_max, .page_size_log2 = mr.page_size_log2, .reserve = mr.reserve,
			.align = mr.align, .imported = mr.imported, .exported = mr.exported,
		};
		st = synth_plan_input_add_request(in, &q, err);
		if (st && err && !err->file[0])
			snprintf(err->file, sizeof err->file, "%s", path);
	}
	/* its state section(s), as synth compile lays them out and the requests
	 * step requests them */
	if (!st)
		st = pl_input_add_module_state(in, mod, m->name, path, err);
done:
	synth_module_free(mod);
	sy_str_free(&text);
	return st;
}

SynthStatus synth_project_plan_input(SynthContext *ctx, const SynthProject *p, const char *dir,
                                     SynthPlanInput **out, SynthPlanError *err)
{
	*out = NULL;
	pl_error_clear(err);
	SynthStatus st = synth_project_check(p, err);
	if (st)
		return st;
	SynthPlanInput *in = synth_plan_input_new(ctx);
	if (!in)
		return pl_error(err, SYNTH_ERR_NOMEM, "", "", "out of memory");
	const SynthProjectDesc *d = &p->d;
	for (uint32_t i = 0; i < d->nmodules && !st; i++) {
		char path[1024], jpath[64];
		join(dir, d->modules[i].wasm, path, sizeof path);
		snprintf(jpath, sizeof jpath, "modules[%u]", i);
		st = add_module(in, &d->modules[i], path, jpath, err);
	}
	for (uint32_t i = 0; i < d->opt.npins && !st; i++) {
		const SynthProjectPin *pin = &d->opt.pins[i];
		char mod[256], path[64];
		long idx;
		snprintf(path, sizeof path, "pins[%u].memory", i);
		int r = -1;
		if (pj_pin_split(pin->memory, mod, sizeof mod, &idx) && idx == PJ_STATE) {
			/* a state section's pin is an address alone (pj_options_check) */
			if (synth_plan_input_pin_address(in, pin->memory, pin->address, err))
				st = pl_error(err, SYNTH_ERR_INVALID, "", path, "no state section %s in the modules (no module "
				              "state)", pin->memory);
			continue;
		}
		if (idx >= 0)
			r = pl_input_find(&in->d, mod, (uint32_t)idx);
		if (r < 0) {
			st = pl_error(err, SYNTH_ERR_INVALID, "", path, "no memory %s in the modules", pin->memory);
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
	for (uint32_t i = 0; i < d->ndomains && !st; i++)
		st = synth_plan_input_add_domain(in, d->domains[i].name, d->domains[i].members, d->domains[i].nmembers,
		                                 err);
	if (!st)
		st = synth_plan_input_finish(in, err);
	if (st) {
		synth_plan_input_free(in);
		return st;
	}
	*out = in;
	return SYNTH_OK;
}

SynthStatus synth_project_target(SynthContext *ctx, const SynthProject *p, const char *dir, SynthPlanTarget **out,
                                 SynthPlanError *err)
{
	*out = NULL;
	pl_error_clear(err);
	const SynthProjectOptions *o = &p->d.opt;
	if (o->target) {
		char path[1024];
		join(dir, o->target, path, sizeof path);
		return synth_plan_target_load_file(ctx, path, out, err);
	}
	if (!o->board)
		return pl_error(err, SYNTH_ERR_INVALID, "", "board", "the project names no board");
	return synth_plan_target_builtin(ctx, o->board, out, err);
}
