/* layout.c - layout files: the accepted plan, committed by the integrator.
 *
 * Format "synth-layout", version 1 to 4; keys sorted, 2-space indentation,
 * one array element per line, addresses as "0x%08x" strings, sizes as integers:
 *   model: "a" | "b"
 *   target: the whole target description (same schema as a target file), so
 *           the layout exports and checks on its own
 *   memories: [ { name: "net.0", module, memidx, bank, base, size,
 *                 min (initial bytes), reserve } ]   sorted by module, memidx
 *   states: [ { name: "net.state", module, bank, base, size, reserve } ]
 *           version 3 only: the modules' state sections (.synth_state.M,
 *           core/ABI.md), sorted by module; reserve is the section's size
 *           (a multiple of 32), base 32-byte aligned; model A: inside the
 *           linear memory like the slices
 *   pinned: true    on a memory or state (version 4 only): it was pinned to
 *                   its base (an address pin); synth layout diff reports a
 *                   pin that came or went
 *   linear: { bank, base, size }                      model A only
 *   fixed: [ { name, access, base, size, bank?, domain? } ]   sorted by name
 *   domains: [ { name, memories: ["net.0", ...], states?: ["net.state", ...],
 *                exposed: [ {base, size} ], accepted_exposure?,
 *                regions: [ { base, size, srd?, mode?, access, grants } ] } ]
 *            in the input's order (that order numbers the domains in C);
 *            exposed: the bytes of other domains its regions grant (a model A
 *            carving that is not enforced); accepted_exposure (version 2
 *            only): the integrator accepted them (synth plan
 *            --accept-exposure); it must equal the sum of exposed, so a
 *            layout that exposes more than was accepted does not load, and
 *            synth layout check fails a domain that exposes bytes without it
 *   totals: { requested, reserve, reserved, rounding_waste, padding_waste,
 *             fixed_bytes }                     informational: recomputed on load,
 *                                               only their form is checked
 *            states (version 3 only): the state sections it owns
 * The writer uses the lowest version holding what the layout has: 4 for a
 * layout with a pinned item, else 3 for one with state sections, else 2 for
 * one that carries accepted_exposure, else 1, so a layout without them still
 * reads in a synth that knows only the older versions; the reader takes all.
 * The loader trusts nothing: every region must obey the unit's rules and fit
 * the budget, ranges must lie in their banks and not overlap, every fixed
 * region of the target must be there once (per domain where it says so),
 * except the reserved ones (the runtime's own), on which nothing may lie.
 * Whether the regions grant exactly the planned ranges is checked by
 * synth_layout_check_regs(), which export and check both run. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan_internal.h"

static json_object *item_json(const SynthPlan *p, const SynthPlanItem *it)
{
	json_object *o = json_object_new_object();
	char acc[16];
	json_object_object_add(o, "base", pl_json_hex(it->base));
	json_object_object_add(o, "size", json_object_new_int64((int64_t)it->size));
	if (it->bank)
		json_object_object_add(o, "bank", json_object_new_string(it->bank));
	if (it->kind == SYNTH_ITEM_LINEAR)
		return o;
	json_object_object_add(o, "name", json_object_new_string(it->name));
	if (it->kind == SYNTH_ITEM_MEMORY) {
		json_object_object_add(o, "module", json_object_new_string(it->module));
		json_object_object_add(o, "memidx", json_object_new_int64(it->memidx));
		json_object_object_add(o, "min", json_object_new_int64((int64_t)it->min_bytes));
		json_object_object_add(o, "reserve", json_object_new_int64((int64_t)it->want));
	} else if (it->kind == SYNTH_ITEM_STATE) {
		json_object_object_add(o, "module", json_object_new_string(it->module));
		if (!(it->access & SYNTH_ACCESS_W))
			json_object_object_add(o, "access", json_object_new_string(pl_access_str(it->access, acc)));
		if (it->component)
			json_object_object_add(o, "component", json_object_new_string(it->component));
		json_object_object_add(o, "reserve", json_object_new_int64((int64_t)it->want));
	}
	if (it->kind == SYNTH_ITEM_MEMORY || it->kind == SYNTH_ITEM_STATE) {
		if (it->pinned)
			json_object_object_add(o, "pinned", json_object_new_boolean(true));
	} else {
		json_object_object_add(o, "access", json_object_new_string(pl_access_str(it->access, acc)));
		if (it->domain >= 0)
			json_object_object_add(o, "domain", json_object_new_string(p->d.domains[it->domain].name));
	}
	return o;
}

SynthStatus synth_layout_write(SynthContext *ctx, const SynthPlan *p, char **text, SynthPlanError *err)
{
	pl_error_clear(err);
	*text = NULL;
	if (!p->d.feasible)
		return pl_error(err, SYNTH_ERR_ARGUMENT, "", "", "an infeasible plan has no layout:\n%s", p->d.why);
	json_object *root = json_object_new_object();
	json_object_object_add(root, "format", json_object_new_string(SYNTH_LAYOUT_FORMAT));
	bool accepted = false, states = false, pinned = false;
	for (uint32_t d = 0; d < p->d.ndomains; d++)
		accepted |= p->d.domains[d].accepted != 0;
	for (uint32_t i = 0; i < p->d.nitems; i++) {
		states |= p->d.items[i].kind == SYNTH_ITEM_STATE;
		pinned |= p->d.items[i].pinned;
	}
	json_object_object_add(root, "version", json_object_new_int(pinned ? 4 : states ? 3 : accepted ? 2 : 1));
	json_object_object_add(root, "model", json_object_new_string(synth_plan_model_name(p->d.model)));
	json_object_object_add(root, "target", pl_target_to_json(&p->target));
	json_object *mems = json_object_new_array(), *fixed = json_object_new_array(), *sts = json_object_new_array();
	for (uint32_t i = 0; i < p->d.nitems; i++) {
		const SynthPlanItem *it = &p->d.items[i];
		if (it->kind == SYNTH_ITEM_LINEAR)
			json_object_object_add(root, "linear", item_json(p, it));
		else
			json_object_array_add(it->kind == SYNTH_ITEM_MEMORY ? mems : it->kind == SYNTH_ITEM_STATE ? sts : fixed,
			                      item_json(p, it));
	}
	json_object_object_add(root, "memories", mems);
	json_object_object_add(root, "fixed", fixed);
	if (states)
		json_object_object_add(root, "states", sts);
	else
		json_object_put(sts);
	json_object *doms = json_object_new_array();
	for (uint32_t d = 0; d < p->d.ndomains; d++) {
		const SynthDomainPlan *dp = &p->d.domains[d];
		json_object *o = json_object_new_object();
		json_object_object_add(o, "name", json_object_new_string(dp->name));
		json_object *m = json_object_new_array(), *ms = json_object_new_array();
		for (uint32_t k = 0; k < dp->nitems; k++) {
			const SynthPlanItem *it = &p->d.items[dp->items[k]];
			json_object_array_add(it->kind == SYNTH_ITEM_STATE ? ms : m, json_object_new_string(it->name));
		}
		json_object_object_add(o, "memories", m);
		if (states)
			json_object_object_add(o, "states", ms);
		else
			json_object_put(ms);
		json_object *x = json_object_new_array();
		for (uint32_t k = 0; k < dp->nexposures; k++) {
			json_object *r = json_object_new_object();
			json_object_object_add(r, "base", pl_json_hex(dp->exposures[k].base));
			json_object_object_add(r, "size", json_object_new_int64((int64_t)dp->exposures[k].size));
			json_object_array_add(x, r);
		}
		json_object_object_add(o, "exposed", x);
		if (dp->accepted)
			json_object_object_add(o, "accepted_exposure", json_object_new_int64((int64_t)dp->accepted));
		json_object *regs = json_object_new_array();
		for (uint32_t k = 0; k < dp->nregions; k++) {
			const SynthHwRegion *r = &dp->regions[k];
			json_object *ro = json_object_new_object();
			char acc[16], srd[8];
			json_object_object_add(ro, "base", pl_json_hex(r->base));
			json_object_object_add(ro, "size", json_object_new_int64((int64_t)r->size));
			if (r->srd) {
				snprintf(srd, sizeof srd, "0x%02x", r->srd);
				json_object_object_add(ro, "srd", json_object_new_string(srd));
			}
			if (r->pmp_mode)
				json_object_object_add(ro, "mode", json_object_new_string(r->pmp_mode == SYNTH_PMP_NAPOT ? "napot" : "tor"));
			json_object_object_add(ro, "access", json_object_new_string(pl_access_str(r->access, acc)));
			json_object_object_add(ro, "grants", json_object_new_string(r->item >= 0 ? p->d.items[r->item].name : "*"));
			json_object_array_add(regs, ro);
		}
		json_object_object_add(o, "regions", regs);
		json_object_array_add(doms, o);
	}
	json_object_object_add(root, "domains", doms);
	json_object *tot = json_object_new_object();
	json_object_object_add(tot, "requested", json_object_new_int64((int64_t)p->d.requested));
	json_object_object_add(tot, "reserve", json_object_new_int64((int64_t)p->d.reserve));
	json_object_object_add(tot, "reserved", json_object_new_int64((int64_t)p->d.reserved));
	json_object_object_add(tot, "rounding_waste", json_object_new_int64((int64_t)p->d.rounding_waste));
	json_object_object_add(tot, "padding_waste", json_object_new_int64((int64_t)p->d.padding_waste));
	json_object_object_add(tot, "fixed_bytes", json_object_new_int64((int64_t)p->d.fixed_bytes));
	json_object_object_add(root, "totals", tot);
	*text = pl_json_dump(&ctx->alloc, root);
	json_object_put(root);
	return *text ? SYNTH_OK : pl_error(err, SYNTH_ERR_NOMEM, "", "", "out of memory");
}

/* ---- loading ---- */

static int find_item(const SynthPlan *p, const char *name)
{
	for (uint32_t i = 0; i < p->d.nitems; i++)
		if (p->items[i].name && strcmp(p->items[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* Reads base/size/bank of an item object and checks it lies in its bank. */
static bool read_range(PlJr *r, const SynthPlan *p, json_object *o, const char *path, SynthPlanItem *it,
                       bool bank_required)
{
	if (!pl_json_u64(r, o, path, "base", true, &it->base) || !pl_json_u64(r, o, path, "size", true, &it->size))
		return false;
	char fp[340];
	snprintf(fp, sizeof fp, "%s.size", path);
	if (it->size == 0 || it->base >= PL_ADDR_LIMIT || it->size > PL_ADDR_LIMIT - it->base) {
		pl_jr_fail(r, fp, "range [0x%08llx, +%llu) is empty or ends past 4 GiB", (unsigned long long)it->base,
		           (unsigned long long)it->size);
		return false;
	}
	const char *bank = pl_json_str(r, o, path, "bank", bank_required);
	if (r->failed)
		return false;
	it->bank = NULL;
	if (bank) {
		snprintf(fp, sizeof fp, "%s.bank", path);
		for (uint32_t b = 0; b < p->target.nbanks; b++)
			if (strcmp(p->target.banks[b].name, bank) == 0)
				it->bank = p->target.banks[b].name;
		if (!it->bank) {
			pl_jr_fail(r, fp, "the target has no bank \"%s\"", bank);
			return false;
		}
		int b = pl_target_bank_of(&p->target, it->base, it->size);
		if (b < 0 || strcmp(p->target.banks[b].name, bank) != 0) {
			snprintf(fp, sizeof fp, "%s.base", path);
			pl_jr_fail(r, fp, "[0x%08llx, 0x%08llx) is not inside bank \"%s\"", (unsigned long long)it->base,
			           (unsigned long long)(it->base + it->size), bank);
			return false;
		}
	}
	return true;
}

static const char *const layout_keys[] = {"format", "version", "model", "target", "memories", "linear",
                                          "fixed", "domains", "totals", "states", NULL};
static const char *const mem_keys[] = {"name", "module", "memidx", "bank", "base", "size", "min", "reserve",
                                       "pinned", NULL};
static const char *const lin_keys[] = {"bank", "base", "size", NULL};
static const char *const fix_keys[] = {"name", "access", "base", "size", "bank", "domain", NULL};
static const char *const state_keys[] = {"name", "module", "component", "access", "bank", "base", "size", "reserve",
                                         "pinned", NULL};

/* The "pinned" flag of an item (version 4). */
static bool read_pinned(PlJr *r, json_object *o, const char *ip, uint64_t version, bool *out)
{
	*out = pl_json_bool(r, o, ip, "pinned", false);
	if (r->failed)
		return false;
	if (pl_json_member(r, o, ip, "pinned", false) && version < 4) {
		char fp[96];
		snprintf(fp, sizeof fp, "%s.pinned", ip);
		pl_jr_fail(r, fp, "address pins need a layout of version 4");
		return false;
	}
	return true;
}
static const char *const dom_keys[] = {"name", "memories", "states", "exposed", "accepted_exposure", "regions", NULL};
static const char *const reg_keys[] = {"base", "size", "srd", "mode", "access", "grants", NULL};
static const char *const range_keys[] = {"base", "size", NULL};
static const char *const total_keys[] = {"requested", "reserve", "reserved", "rounding_waste", "padding_waste",
                                         "fixed_bytes", NULL};

/* Totals are recomputed on load, but a malformed figure is still an error,
 * never silently skipped. */
static bool load_totals(PlJr *r, json_object *root)
{
	json_object *t = pl_json_member(r, root, "$", "totals", false);
	if (!t)
		return !r->failed;
	if (!pl_json_object_keys(r, t, "$.totals", total_keys))
		return false;
	for (const char *const *k = total_keys; *k; k++) {
		uint64_t v;
		if (pl_json_member(r, t, "$.totals", *k, false) && !pl_json_u64(r, t, "$.totals", *k, true, &v))
			return false;
	}
	return true;
}

/* The state sections (version 3): "M.state" of a C-identifier module, a
 * 32-byte aligned range at least as large as the section. */
static bool load_states(PlJr *r, SynthPlan *p, json_object *root, uint64_t version, int linear)
{
	json_object *arr = pl_json_member(r, root, "$", "states", false);
	if (!arr)
		return !r->failed;
	if (version < 3) {
		pl_jr_fail(r, "$.states", "state sections need a layout of version 3");
		return false;
	}
	if (!(arr = pl_json_array(r, root, "$", "states", true)))
		return false;
	size_t n = json_object_array_length(arr);
	for (size_t i = 0; i < n; i++) {
		char ip[64], fp[96];
		snprintf(ip, sizeof ip, "$.states[%zu]", i);
		json_object *o = json_object_array_get_idx(arr, i);
		SynthPlanItem it;
		memset(&it, 0, sizeof it);
		if (!pl_json_object_keys(r, o, ip, state_keys))
			return false;
		const char *name = pl_json_str(r, o, ip, "name", true);
		it.module = name ? pl_json_str(r, o, ip, "module", true) : NULL;
		it.component = it.module ? pl_json_str(r, o, ip, "component", false) : NULL;
		if (!it.module || !pl_json_u64(r, o, ip, "reserve", true, &it.want) || !read_range(r, p, o, ip, &it, true))
			return false;
		char want[300];
		pl_state_name(it.module, it.component, PL_STATE_ITEM, want, sizeof want);
		snprintf(fp, sizeof fp, "%s.name", ip);
		if (!pl_is_ident(it.module) || (it.component && !pl_is_ident(it.component)) || strcmp(want, name) != 0) {
			pl_jr_fail(r, fp, "name \"%s\" must be \"module.state\" (\"module.component.state\" with a component) "
			           "of C identifiers (\"%s\")", name, want);
			return false;
		}
		if (find_item(p, name) >= 0) {
			pl_jr_fail(r, fp, "state \"%s\" appears twice", name);
			return false;
		}
		snprintf(fp, sizeof fp, "%s.size", ip);
		if (!it.want || it.want % 32 || it.size < it.want || it.base % 32) {
			pl_jr_fail(r, fp, "state \"%s\": size %llu at 0x%08llx must hold reserve %llu, a nonzero multiple of "
			           "32 bytes, from a 32-byte aligned base", name, (unsigned long long)it.size,
			           (unsigned long long)it.base, (unsigned long long)it.want);
			return false;
		}
		if (!read_pinned(r, o, ip, version, &it.pinned))
			return false;
		it.kind = SYNTH_ITEM_STATE;
		it.name = name;
		it.min_bytes = it.want;
		it.access = SYNTH_ACCESS_R | SYNTH_ACCESS_W;
		const char *acc = pl_json_str(r, o, ip, "access", false);
		if (acc && (!pl_access_parse(acc, &it.access) ||
		            (it.access != SYNTH_ACCESS_R && it.access != (SYNTH_ACCESS_R | SYNTH_ACCESS_W)) ||
		            (it.access == SYNTH_ACCESS_R && it.component))) {
			snprintf(fp, sizeof fp, "%s.access", ip);
			pl_jr_fail(r, fp, "state \"%s\": access \"%s\" must be \"rw\", or \"r\" for a module's read-only "
			           "section", name, acc);
			return false;
		}
		if (r->failed)
			return false;
		it.parent = linear;
		it.domain = -1;
		if (linear >= 0) {
			const SynthPlanItem *l = &p->items[linear];
			if (it.base < l->base || it.base + it.size > l->base + l->size) {
				snprintf(fp, sizeof fp, "%s.base", ip);
				pl_jr_fail(r, fp, "slice \"%s\" is not inside the linear memory", name);
				return false;
			}
		}
		if (pl_plan_add_item(p, &it) < 0) {
			pl_jr_nomem(r, ip);
			return false;
		}
	}
	return true;
}

static bool load_items(PlJr *r, SynthPlan *p, json_object *root, uint64_t version, int *linear)
{
	*linear = -1;
	json_object *lin = pl_json_member(r, root, "$", "linear", p->d.model == SYNTH_MODEL_A);
	if (r->failed)
		return false;
	if (lin && p->d.model == SYNTH_MODEL_B) {
		pl_jr_fail(r, "$.linear", "a model B layout has no linear memory");
		return false;
	}
	if (lin) {
		SynthPlanItem it;
		memset(&it, 0, sizeof it);
		if (!pl_json_object_keys(r, lin, "$.linear", lin_keys) || !read_range(r, p, lin, "$.linear", &it, true))
			return false;
		it.kind = SYNTH_ITEM_LINEAR;
		it.name = "linear";
		it.access = SYNTH_ACCESS_R | SYNTH_ACCESS_W;
		it.parent = it.domain = -1;
		*linear = pl_plan_add_item(p, &it);
	}
	json_object *mems = pl_json_array(r, root, "$", "memories", true);
	if (!mems)
		return false;
	size_t n = json_object_array_length(mems);
	json_object *sts = NULL;
	if (n == 0 && (!json_object_object_get_ex(root, "states", &sts) || !json_object_is_type(sts, json_type_array) ||
	               json_object_array_length(sts) == 0)) {
		pl_jr_fail(r, "$.memories", "a layout places at least one memory or state section");
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		char ip[64], fp[96];
		snprintf(ip, sizeof ip, "$.memories[%zu]", i);
		json_object *o = json_object_array_get_idx(mems, i);
		SynthPlanItem it;
		memset(&it, 0, sizeof it);
		if (!pl_json_object_keys(r, o, ip, mem_keys))
			return false;
		const char *name = pl_json_str(r, o, ip, "name", true);
		it.module = pl_json_str(r, o, ip, "module", true);
		uint64_t idx = 0;
		if (!name || !it.module || !pl_json_u64(r, o, ip, "memidx", true, &idx) ||
		    !pl_json_u64(r, o, ip, "min", true, &it.min_bytes) || !pl_json_u64(r, o, ip, "reserve", true, &it.want) ||
		    !read_range(r, p, o, ip, &it, true))
			return false;
		char want[300];
		snprintf(want, sizeof want, "%s.%llu", it.module, (unsigned long long)idx);
		snprintf(fp, sizeof fp, "%s.name", ip);
		if (!pl_is_ident(it.module) || idx > UINT32_MAX || strcmp(want, name) != 0) {
			pl_jr_fail(r, fp, "name \"%s\" must be \"module.memidx\" of a C-identifier module (\"%s\")", name, want);
			return false;
		}
		if (find_item(p, name) >= 0) {
			pl_jr_fail(r, fp, "memory \"%s\" appears twice", name);
			return false;
		}
		if (it.want < it.min_bytes || it.size < it.want) {
			snprintf(fp, sizeof fp, "%s.size", ip);
			pl_jr_fail(r, fp, "memory \"%s\": size %llu must hold reserve %llu, which must hold min %llu", name,
			           (unsigned long long)it.size, (unsigned long long)it.want, (unsigned long long)it.min_bytes);
			return false;
		}
		if (!read_pinned(r, o, ip, version, &it.pinned))
			return false;
		it.memidx = (uint32_t)idx;
		it.kind = SYNTH_ITEM_MEMORY;
		it.name = name;
		it.access = SYNTH_ACCESS_R | SYNTH_ACCESS_W;
		it.parent = *linear;
		it.domain = -1;
		if (*linear >= 0) {
			const SynthPlanItem *l = &p->items[*linear];
			if (it.base < l->base || it.base + it.size > l->base + l->size) {
				snprintf(fp, sizeof fp, "%s.base", ip);
				pl_jr_fail(r, fp, "slice \"%s\" is not inside the linear memory", name);
				return false;
			}
		}
		if (pl_plan_add_item(p, &it) < 0) {
			pl_jr_nomem(r, ip);
			return false;
		}
	}
	return load_states(r, p, root, version, *linear);
}

/* Fixed items, checked against the target's fixed regions; domains must be loaded. */
static bool load_fixed_items(PlJr *r, SynthPlan *p, json_object *root)
{
	const SynthPlanTargetDesc *t = &p->target;
	json_object *arr = pl_json_array(r, root, "$", "fixed", true);
	if (!arr)
		return false;
	size_t n = json_object_array_length(arr);
	for (size_t i = 0; i < n; i++) {
		char ip[64], fp[96];
		snprintf(ip, sizeof ip, "$.fixed[%zu]", i);
		json_object *o = json_object_array_get_idx(arr, i);
		SynthPlanItem it;
		memset(&it, 0, sizeof it);
		if (!pl_json_object_keys(r, o, ip, fix_keys))
			return false;
		const char *name = pl_json_str(r, o, ip, "name", true);
		const char *acc = name ? pl_json_str(r, o, ip, "access", true) : NULL;
		const char *dom = pl_json_str(r, o, ip, "domain", false);
		if (!acc || r->failed || !read_range(r, p, o, ip, &it, false))
			return false;
		snprintf(fp, sizeof fp, "%s.name", ip);
		/* Which fixed region of the target is it? */
		const SynthFixedRegion *f = NULL;
		it.domain = -1;
		for (uint32_t k = 0; k < t->nfixed && !f; k++) {
			const SynthFixedRegion *x = &t->fixed[k];
			size_t l = strlen(x->name);
			if (x->regions == 0 && strcmp(name, x->name) == 0) {
				pl_jr_fail(r, fp, "\"%s\" is reserved by target \"%s\" (the runtime's own): not a layout item",
				           name, t->name);
				return false;
			}
			if (!x->per_domain && strcmp(name, x->name) == 0)
				f = x;
			else if (x->per_domain && strncmp(name, x->name, l) == 0 && name[l] == '.' && dom &&
			         strcmp(name + l + 1, dom) == 0)
				f = x;
		}
		if (!f) {
			pl_jr_fail(r, fp, "\"%s\" is not a fixed region of target \"%s\"%s", name, t->name,
			           dom ? " for that domain" : "");
			return false;
		}
		if (f->per_domain) {
			for (uint32_t d = 0; d < p->d.ndomains; d++)
				if (strcmp(p->doms[d].name, dom) == 0)
					it.domain = (int32_t)d;
			if (it.domain < 0) {
				snprintf(fp, sizeof fp, "%s.domain", ip);
				pl_jr_fail(r, fp, "no domain \"%s\"", dom);
				return false;
			}
		} else if (dom) {
			snprintf(fp, sizeof fp, "%s.domain", ip);
			pl_jr_fail(r, fp, "\"%s\" is shared by every domain", name);
			return false;
		}
		if (find_item(p, name) >= 0) {
			pl_jr_fail(r, fp, "\"%s\" appears twice", name);
			return false;
		}
		uint32_t a = 0;
		if (!pl_access_parse(acc, &a) || a != f->access) {
			char a1[16];
			snprintf(fp, sizeof fp, "%s.access", ip);
			pl_jr_fail(r, fp, "access of \"%s\" is \"%s\" in the target, not \"%s\"", name, pl_access_str(f->access, a1), acc);
			return false;
		}
		snprintf(fp, sizeof fp, "%s.base", ip);
		if (f->has_base && (it.base != f->base || it.size != f->size)) {
			pl_jr_fail(r, fp, "\"%s\" is [0x%08llx, +%llu) in the target", name, (unsigned long long)f->base,
			           (unsigned long long)f->size);
			return false;
		}
		if (!f->has_base && (!it.bank || strcmp(it.bank, f->bank) != 0 || it.size < f->size)) {
			pl_jr_fail(r, fp, "\"%s\" must be %llu bytes or more in bank \"%s\"", name, (unsigned long long)f->size, f->bank);
			return false;
		}
		if (f->has_base) {
			int b = pl_target_bank_of(t, it.base, it.size);
			it.bank = b >= 0 ? t->banks[b].name : NULL;
		}
		it.kind = SYNTH_ITEM_FIXED;
		it.name = name;
		it.access = a;
		it.want = f->size;
		it.parent = -1;
		if (pl_plan_add_item(p, &it) < 0) {
			pl_jr_nomem(r, ip);
			return false;
		}
	}
	/* Every fixed region of the target, once (per domain where it says so). */
	for (uint32_t k = 0; k < t->nfixed; k++) {
		const SynthFixedRegion *x = &t->fixed[k];
		if (x->regions == 0)
			continue; /* reserved: the runtime's, not placed by the layout */
		for (uint32_t d = 0; d < (x->per_domain ? p->d.ndomains : 1); d++) {
			char want[300];
			if (x->per_domain)
				snprintf(want, sizeof want, "%s.%s", x->name, p->doms[d].name);
			else
				snprintf(want, sizeof want, "%s", x->name);
			if (find_item(p, want) < 0) {
				pl_jr_fail(r, "$.fixed", "fixed region \"%s\" of the target is missing", want);
				return false;
			}
		}
	}
	return true;
}

/* No two top-level ranges of a bank may overlap, nor two slices, and nothing
 * may lie on a range the target reserves (the runtime's stack, data, heap). */
static bool check_overlaps(PlJr *r, const SynthPlan *p)
{
	for (uint32_t i = 0; i < p->d.nitems; i++) {
		const SynthPlanItem *a = &p->items[i];
		if (!a->bank)
			continue;
		for (uint32_t k = 0; k < p->target.nfixed; k++) {
			const SynthFixedRegion *x = &p->target.fixed[k];
			if (x->regions == 0 && a->base < x->base + x->size && x->base < a->base + a->size) {
				pl_jr_fail(r, "$", "\"%s\" [0x%08llx, 0x%08llx) lies on \"%s\" [0x%08llx, 0x%08llx), which target \"%s\" reserves for the runtime",
				           a->name, (unsigned long long)a->base, (unsigned long long)(a->base + a->size), x->name,
				           (unsigned long long)x->base, (unsigned long long)(x->base + x->size), p->target.name);
				return false;
			}
		}
		for (uint32_t j = 0; j < i; j++) {
			const SynthPlanItem *b = &p->items[j];
			if (!b->bank || (a->parent >= 0) != (b->parent >= 0))
				continue;
			if (a->base < b->base + b->size && b->base < a->base + a->size) {
				pl_jr_fail(r, "$", "\"%s\" [0x%08llx, 0x%08llx) overlaps \"%s\" [0x%08llx, 0x%08llx)", a->name,
				           (unsigned long long)a->base, (unsigned long long)(a->base + a->size), b->name,
				           (unsigned long long)b->base, (unsigned long long)(b->base + b->size));
				return false;
			}
		}
	}
	return true;
}

static bool load_domains(PlJr *r, SynthPlan *p, json_object *root, json_object **arr_out)
{
	json_object *arr = pl_json_array(r, root, "$", "domains", true);
	if (!arr)
		return false;
	size_t n = json_object_array_length(arr);
	if (n == 0 || n > 4096) {
		pl_jr_fail(r, "$.domains", "a layout has 1 to 4096 domains, not %zu", n);
		return false;
	}
	if (!pl_plan_alloc_domains(p, (uint32_t)n)) {
		pl_jr_nomem(r, "$.domains");
		return false;
	}
	for (size_t d = 0; d < n; d++) {
		char ip[64], fp[96];
		snprintf(ip, sizeof ip, "$.domains[%zu]", d);
		json_object *o = json_object_array_get_idx(arr, d);
		if (!pl_json_object_keys(r, o, ip, dom_keys))
			return false;
		const char *name = pl_json_str(r, o, ip, "name", true);
		if (!name)
			return false;
		snprintf(fp, sizeof fp, "%s.name", ip);
		if (!pl_is_ident(name)) {
			pl_jr_fail(r, fp, "domain name \"%s\" must be a C identifier", name);
			return false;
		}
		for (size_t k = 0; k < d; k++)
			if (strcmp(p->doms[k].name, name) == 0) {
				pl_jr_fail(r, fp, "duplicate domain \"%s\"", name);
				return false;
			}
		p->doms[d].name = pl_strdup(&p->arena, name);
		p->doms[d].budget = p->target.nregions;
	}
	*arr_out = arr;
	return true;
}

static bool load_domain_tables(PlJr *r, SynthPlan *p, json_object *arr, uint64_t version)
{
	const SynthPlanTargetDesc *t = &p->target;
	bool *used = pl_alloc(&p->arena, sizeof *used * (p->d.nitems + 1));
	if (!used)
		return false;
	for (uint32_t d = 0; d < p->d.ndomains; d++) {
		SynthDomainPlan *dp = &p->doms[d];
		char ip[64], fp[128];
		snprintf(ip, sizeof ip, "$.domains[%u]", d);
		json_object *o = json_object_array_get_idx(arr, d);
		json_object *mems = pl_json_array(r, o, ip, "memories", true);
		json_object *sts = mems ? pl_json_array(r, o, ip, "states", false) : NULL;
		json_object *regs = mems ? pl_json_array(r, o, ip, "regions", true) : NULL;
		json_object *exp = regs ? pl_json_array(r, o, ip, "exposed", false) : NULL;
		if (!regs || r->failed)
			return false;
		if (sts && version < 3) {
			snprintf(fp, sizeof fp, "%s.states", ip);
			pl_jr_fail(r, fp, "state sections need a layout of version 3");
			return false;
		}
		size_t nm = json_object_array_length(mems), nst = sts ? json_object_array_length(sts) : 0;
		uint32_t *items = pl_alloc(&p->arena, sizeof *items * (nm + nst + 1));
		if (!items)
			return false;
		for (size_t k = 0; k < nm + nst; k++) {
			bool st = k >= nm;
			json_object *s = st ? json_object_array_get_idx(sts, k - nm) : json_object_array_get_idx(mems, k);
			snprintf(fp, sizeof fp, "%s.%s[%zu]", ip, st ? "states" : "memories", st ? k - nm : k);
			int it = json_object_is_type(s, json_type_string) ? find_item(p, json_object_get_string(s)) : -1;
			if (it < 0 || p->items[it].kind != (st ? SYNTH_ITEM_STATE : SYNTH_ITEM_MEMORY)) {
				pl_jr_fail(r, fp, "no %s %s in this layout", st ? "state section" : "memory",
				           json_object_to_json_string(s));
				return false;
			}
			for (uint32_t j = 0; j < dp->nitems; j++)
				if (items[j] == (uint32_t)it) {
					pl_jr_fail(r, fp, "%s listed twice", st ? "state section" : "memory");
					return false;
				}
			items[dp->nitems++] = (uint32_t)it;
			used[it] = true;
		}
		dp->items = items;
		size_t nx = exp ? json_object_array_length(exp) : 0;
		SynthRange *xr = pl_alloc(&p->arena, sizeof *xr * (nx + 1));
		if (!xr)
			return false;
		for (size_t k = 0; k < nx; k++) {
			snprintf(fp, sizeof fp, "%s.exposed[%zu]", ip, k);
			json_object *e = json_object_array_get_idx(exp, k);
			if (!pl_json_object_keys(r, e, fp, range_keys) || !pl_json_u64(r, e, fp, "base", true, &xr[k].base) ||
			    !pl_json_u64(r, e, fp, "size", true, &xr[k].size))
				return false;
			if (xr[k].size == 0 || xr[k].base >= PL_ADDR_LIMIT || xr[k].size > PL_ADDR_LIMIT - xr[k].base) {
				snprintf(fp, sizeof fp, "%s.exposed[%zu].size", ip, k);
				pl_jr_fail(r, fp, "range [0x%08llx, +%llu) is empty or ends past 4 GiB",
				           (unsigned long long)xr[k].base, (unsigned long long)xr[k].size);
				return false;
			}
			dp->exposed += xr[k].size;
		}
		if (pl_json_member(r, o, ip, "accepted_exposure", false)) {
			snprintf(fp, sizeof fp, "%s.accepted_exposure", ip);
			if (version < 2) {
				pl_jr_fail(r, fp, "accepted_exposure needs a layout of version 2");
				return false;
			}
			if (!pl_json_u64(r, o, ip, "accepted_exposure", true, &dp->accepted))
				return false;
			if (dp->accepted != dp->exposed || !dp->exposed) {
				pl_jr_fail(r, fp, "domain \"%s\" accepts %llu exposed bytes but its regions expose %llu: "
				           "plan again and write the layout with --accept-exposure to accept what it exposes now",
				           dp->name, (unsigned long long)dp->accepted, (unsigned long long)dp->exposed);
				return false;
			}
		}
		dp->exposures = xr;
		dp->nexposures = (uint32_t)nx;
		dp->enforced = nx == 0;
		size_t nr = json_object_array_length(regs);
		if (nr > PL_MAX_REGIONS) {
			pl_jr_fail(r, ip, "domain \"%s\" has %zu regions, the %s unit has %u", dp->name, nr,
			           synth_mpu_kind_name(t->mpu), t->nregions);
			return false;
		}
		SynthHwRegion *rv = pl_alloc(&p->arena, sizeof *rv * (nr + 1));
		if (!rv)
			return false;
		for (size_t k = 0; k < nr; k++) {
			snprintf(fp, sizeof fp, "%s.regions[%zu]", ip, k);
			json_object *ro = json_object_array_get_idx(regs, k);
			SynthHwRegion *hr = &rv[k];
			uint64_t srd = 0;
			if (!pl_json_object_keys(r, ro, fp, reg_keys) || !pl_json_u64(r, ro, fp, "base", true, &hr->base) ||
			    !pl_json_u64(r, ro, fp, "size", true, &hr->size))
				return false;
			if (pl_json_member(r, ro, fp, "srd", false) && !pl_json_u64(r, ro, fp, "srd", true, &srd))
				return false;
			const char *mode = pl_json_str(r, ro, fp, "mode", false);
			const char *acc = pl_json_str(r, ro, fp, "access", true);
			const char *grants = acc ? pl_json_str(r, ro, fp, "grants", true) : NULL;
			if (!grants)
				return false;
			char sp[160];
			if (srd > 0xff) {
				snprintf(sp, sizeof sp, "%s.srd", fp);
				pl_jr_fail(r, sp, "SRD is 8 bits");
				return false;
			}
			hr->srd = (uint8_t)srd;
			hr->pmp_mode = !mode ? 0 : strcmp(mode, "napot") == 0 ? SYNTH_PMP_NAPOT : strcmp(mode, "tor") == 0 ? SYNTH_PMP_TOR : 0xff;
			if (hr->pmp_mode == 0xff) {
				snprintf(sp, sizeof sp, "%s.mode", fp);
				pl_jr_fail(r, sp, "unknown PMP mode \"%s\" (expected \"napot\" or \"tor\")", mode);
				return false;
			}
			if (!pl_access_parse(acc, &hr->access)) {
				snprintf(sp, sizeof sp, "%s.access", fp);
				pl_jr_fail(r, sp, "bad access \"%s\"", acc);
				return false;
			}
			hr->item = strcmp(grants, "*") == 0 ? -1 : find_item(p, grants);
			if (hr->item < 0 && strcmp(grants, "*") != 0) {
				snprintf(sp, sizeof sp, "%s.grants", fp);
				pl_jr_fail(r, sp, "no item \"%s\" in this layout", grants);
				return false;
			}
			char why[160];
			if (!pl_region_valid(t, hr, why)) {
				pl_jr_fail(r, fp, "%s", why);
				return false;
			}
			uint32_t c = pl_region_cost(t, hr);
			dp->used += c;
			if (hr->item >= 0 && p->items[hr->item].kind == SYNTH_ITEM_FIXED)
				dp->fixed_regions += c;
		}
		if (dp->used > t->nregions) {
			snprintf(fp, sizeof fp, "%s.regions", ip);
			pl_jr_fail(r, fp, "domain \"%s\" uses %u %s, the %s unit has %u", dp->name, dp->used,
			           t->mpu == SYNTH_MPU_PMP ? "entries" : "regions", synth_mpu_kind_name(t->mpu), t->nregions);
			return false;
		}
		dp->regions = rv;
		dp->nregions = (uint32_t)nr;
	}
	for (uint32_t i = 0; i < p->d.nitems; i++)
		if ((p->items[i].kind == SYNTH_ITEM_MEMORY || p->items[i].kind == SYNTH_ITEM_STATE) && !used[i]) {
			pl_jr_fail(r, "$.domains", "%s \"%s\" is in no domain",
			           p->items[i].kind == SYNTH_ITEM_STATE ? "state section" : "memory", p->items[i].name);
			return false;
		}
	return true;
}

SynthStatus synth_layout_load_json(SynthContext *ctx, const char *text, size_t len, const char *file,
                                   SynthPlan **out, SynthPlanError *err)
{
	pl_error_clear(err);
	*out = NULL;
	PlJr r = {.file = file, .err = err};
	SynthPlan *p = NULL;
	json_object *root = pl_json_parse(&r, text, len), *doms = NULL;
	uint64_t version = 0;
	if (!root || !pl_json_format(&r, root, SYNTH_LAYOUT_FORMAT, SYNTH_LAYOUT_FORMAT_VERSION, &version) ||
	    !pl_json_object_keys(&r, root, "$", layout_keys))
		goto fail;
	const char *model = pl_json_str(&r, root, "$", "model", true);
	if (!model)
		goto fail;
	if (strcmp(model, "a") != 0 && strcmp(model, "b") != 0) {
		pl_jr_fail(&r, "$.model", "model is \"a\" or \"b\", not \"%s\"", model);
		goto fail;
	}
	json_object *tj = pl_json_member(&r, root, "$", "target", true);
	if (!tj)
		goto fail;
	{
		PlArena ta;
		SynthPlanTargetDesc td;
		pl_arena_init(&ta, &ctx->alloc);
		bool ok = pl_target_from_json(&r, tj, "$.target", &ta, &td);
		if (ok) {
			p = pl_plan_new(ctx, &td, model[0] == 'a' ? SYNTH_MODEL_A : SYNTH_MODEL_B);
			if (!p)
				pl_jr_nomem(&r, "$");
		}
		pl_arena_free(&ta);
		if (!p)
			goto fail;
	}
	int linear;
	if (!load_domains(&r, p, root, &doms) || !load_items(&r, p, root, version, &linear) || !load_fixed_items(&r, p, root) ||
	    !check_overlaps(&r, p) || !load_domain_tables(&r, p, doms, version) || !load_totals(&r, root))
		goto fail;
	for (uint32_t i = 0; i < p->d.nitems; i++) {
		uint32_t c = pl_cover_cost(&p->target, p->items[i].base, p->items[i].base + p->items[i].size);
		p->items[i].nregions = c == UINT32_MAX ? 0 : c;
	}
	pl_plan_totals(p);
	if (p->arena.oom) {
		pl_jr_nomem(&r, "$");
		goto fail;
	}
	json_object_put(root);
	*out = p;
	return SYNTH_OK;
fail:
	if (!r.failed)
		pl_jr_nomem(&r, "$");
	json_object_put(root);
	synth_plan_free(p);
	return err ? err->status : SYNTH_ERR_INVALID;
}

SynthStatus synth_layout_load_file(SynthContext *ctx, const char *path, SynthPlan **out, SynthPlanError *err)
{
	SyStr text = {.alloc = &ctx->alloc};
	*out = NULL;
	if (!pl_read_file(&text, path, err))
		return err ? err->status : SYNTH_ERR_ARGUMENT;
	SynthStatus st = synth_layout_load_json(ctx, text.s, text.n, path, out, err);
	sy_str_free(&text);
	return st;
}
