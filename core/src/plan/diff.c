/* diff.c - what changed between two layouts (or plans): items matched by
 * name (moved: another base or bank; resized: same base, another size;
 * added; removed; pinned: its address pin came or went; with their covers'
 * region counts), domains matched by name (their region tables compared
 * register by register), and the target or model. The GUI shows it before
 * an accepted plan overwrites a committed layout; the text form is one
 * change a line so it reads like a patch summary. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan_internal.h"

/* The result and the arena owning it (the public struct comes first). */
typedef struct PlDiff {
	SynthLayoutDiff d;       /* what the caller sees */
	PlArena arena;           /* owns everything d points to */
	SynthDiffEntry *entries; /* == d.entries */
	uint32_t cap;            /* allocated entries */
} PlDiff;

static SynthDiffEntry *add_entry(PlDiff *r, SynthDiffKind kind, const char *name)
{
	if (!sy_arena_grow(&r->arena.ar, (void **)&r->entries, &r->cap, r->d.n + 1, sizeof *r->entries)) {
		r->arena.oom = true;
		return NULL;
	}
	SynthDiffEntry *e = &r->entries[r->d.n++];
	memset(e, 0, sizeof *e);
	e->kind = kind;
	e->name = pl_strdup(&r->arena, name);
	r->d.entries = r->entries;
	return e;
}

static const SynthPlanItem *find_item(const SynthPlanDesc *d, const char *name)
{
	for (uint32_t i = 0; i < d->nitems; i++)
		if (strcmp(d->items[i].name, name) == 0)
			return &d->items[i];
	return NULL;
}

static const SynthDomainPlan *find_domain(const SynthPlanDesc *d, const char *name)
{
	for (uint32_t i = 0; i < d->ndomains; i++)
		if (strcmp(d->domains[i].name, name) == 0)
			return &d->domains[i];
	return NULL;
}

static bool same_regions(const SynthDomainPlan *a, const SynthDomainPlan *b)
{
	if (a->nregions != b->nregions)
		return false;
	for (uint32_t i = 0; i < a->nregions; i++) {
		const SynthHwRegion *x = &a->regions[i], *y = &b->regions[i];
		if (x->base != y->base || x->size != y->size || x->srd != y->srd || x->pmp_mode != y->pmp_mode ||
		    x->access != y->access)
			return false;
	}
	return true;
}

static int cmp_entry(const void *a, const void *b)
{
	const SynthDiffEntry *x = a, *y = b;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return strcmp(x->name, y->name);
}

SynthStatus synth_layout_diff(SynthContext *ctx, const SynthPlan *old_layout, const SynthPlan *new_layout,
                              SynthLayoutDiff **out, SynthPlanError *err)
{
	*out = NULL;
	pl_error_clear(err);
	if (!ctx || !old_layout || !new_layout)
		return pl_error(err, SYNTH_ERR_ARGUMENT, "", "", "no context or layout");
	PlDiff *r = sy_malloc(&ctx->alloc, sizeof *r);
	if (!r)
		return pl_error(err, SYNTH_ERR_NOMEM, "", "", "out of memory");
	memset(r, 0, sizeof *r);
	pl_arena_init(&r->arena, &ctx->alloc);
	const SynthPlanDesc *o = synth_plan_desc(old_layout), *n = synth_plan_desc(new_layout);
	if (strcmp(o->target->name, n->target->name) != 0 || o->model != n->model) {
		SynthDiffEntry *e = add_entry(r, SYNTH_DIFF_TARGET, n->target->name);
		if (e) {
			e->old_bank = pl_strdup(&r->arena, o->target->name);
			e->new_bank = pl_strdup(&r->arena, n->target->name);
			e->old_size = (uint64_t)o->model;
			e->new_size = (uint64_t)n->model;
		}
	}
	for (uint32_t i = 0; i < n->nitems; i++) {
		const SynthPlanItem *ni = &n->items[i], *oi = find_item(o, ni->name);
		SynthDiffKind kind;
		if (!oi)
			kind = SYNTH_DIFF_ADDED, r->d.added++;
		else if (oi->base != ni->base || (oi->bank == NULL) != (ni->bank == NULL) ||
		         (oi->bank && strcmp(oi->bank, ni->bank) != 0))
			kind = SYNTH_DIFF_MOVED, r->d.moved++, r->d.bytes_moved += ni->size;
		else if (oi->size != ni->size)
			kind = SYNTH_DIFF_RESIZED, r->d.resized++;
		else
			continue;
		SynthDiffEntry *e = add_entry(r, kind, ni->name);
		if (!e)
			goto nomem;
		e->new_bank = pl_strdup(&r->arena, ni->bank);
		e->new_base = ni->base;
		e->new_size = ni->size;
		e->new_regions = ni->parent < 0 ? synth_plan_item_regions(new_layout, i) : 0;
		if (oi) {
			e->old_bank = pl_strdup(&r->arena, oi->bank);
			e->old_base = oi->base;
			e->old_size = oi->size;
			e->old_regions = oi->parent < 0 ? synth_plan_item_regions(old_layout, (uint32_t)(oi - o->items)) : 0;
		}
	}
	for (uint32_t i = 0; i < n->nitems; i++) {
		const SynthPlanItem *ni = &n->items[i], *oi = find_item(o, ni->name);
		if (!oi || oi->pinned == ni->pinned)
			continue;
		SynthDiffEntry *e = add_entry(r, SYNTH_DIFF_PINNED, ni->name);
		if (!e)
			goto nomem;
		r->d.pins_changed++;
		e->old_bank = pl_strdup(&r->arena, oi->bank);
		e->new_bank = pl_strdup(&r->arena, ni->bank);
		e->old_base = oi->base;
		e->new_base = ni->base;
		e->old_size = oi->pinned;
		e->new_size = ni->pinned;
	}
	for (uint32_t i = 0; i < o->nitems; i++) {
		const SynthPlanItem *oi = &o->items[i];
		if (find_item(n, oi->name))
			continue;
		SynthDiffEntry *e = add_entry(r, SYNTH_DIFF_REMOVED, oi->name);
		if (!e)
			goto nomem;
		r->d.removed++;
		e->old_bank = pl_strdup(&r->arena, oi->bank);
		e->old_base = oi->base;
		e->old_size = oi->size;
		e->old_regions = oi->parent < 0 ? synth_plan_item_regions(old_layout, i) : 0;
	}
	for (uint32_t k = 0; k < 2; k++) {
		const SynthPlanDesc *a = k ? o : n, *b = k ? n : o;
		for (uint32_t i = 0; i < a->ndomains; i++) {
			const SynthDomainPlan *da = &a->domains[i], *db = find_domain(b, da->name);
			if (k && db)
				continue; /* seen from the new side */
			if (db && same_regions(da, db))
				continue;
			SynthDiffEntry *e = add_entry(r, SYNTH_DIFF_REGIONS, da->name);
			if (!e)
				goto nomem;
			const SynthDomainPlan *dn = k ? NULL : da, *dold = k ? da : db;
			e->new_size = dn ? dn->used : 0;
			e->new_regions = dn ? dn->nregions : 0;
			e->old_size = dold ? dold->used : 0;
			e->old_regions = dold ? dold->nregions : 0;
			r->d.domains_changed++;
		}
	}
	if (r->arena.oom)
		goto nomem;
	if (r->d.n)
		qsort(r->entries, r->d.n, sizeof *r->entries, cmp_entry);
	r->d.reserved_delta = (int64_t)n->reserved - (int64_t)o->reserved;
	*out = &r->d;
	return SYNTH_OK;
nomem:
	synth_layout_diff_free(ctx, &r->d);
	return pl_error(err, SYNTH_ERR_NOMEM, "", "", "out of memory");
}

/* Ends a moved or resized item's line, with its cover's region count when that changed. */
static void item_regions(SyStr *s, const SynthDiffEntry *e)
{
	if (e->old_regions != e->new_regions && e->old_regions && e->new_regions)
		sy_str_printf(s, ", %u region%s -> %u", e->old_regions, e->old_regions == 1 ? "" : "s", e->new_regions);
	sy_str_printf(s, "\n");
}

static void place_str(SyStr *s, const char *bank, uint64_t base)
{
	sy_str_printf(s, "%s 0x%08llx", bank ? bank : "-", (unsigned long long)base);
}

SynthStatus synth_layout_diff_text(SynthContext *ctx, const SynthLayoutDiff *diff, char **text,
                                   SynthPlanError *err)
{
	*text = NULL;
	pl_error_clear(err);
	SyStr s = {.alloc = &ctx->alloc};
	char a[32], b[32];
	for (uint32_t i = 0; i < diff->n; i++) {
		const SynthDiffEntry *e = &diff->entries[i];
		switch (e->kind) {
		case SYNTH_DIFF_TARGET:
			sy_str_printf(&s, "target   %s model %s -> %s model %s\n", e->old_bank,
			              synth_plan_model_name((SynthPlanModel)e->old_size), e->new_bank,
			              synth_plan_model_name((SynthPlanModel)e->new_size));
			break;
		case SYNTH_DIFF_ADDED:
			sy_str_printf(&s, "added    %s  ", e->name);
			place_str(&s, e->new_bank, e->new_base);
			sy_str_printf(&s, " (%s)\n", pl_size_str(e->new_size, b));
			break;
		case SYNTH_DIFF_REMOVED:
			sy_str_printf(&s, "removed  %s  ", e->name);
			place_str(&s, e->old_bank, e->old_base);
			sy_str_printf(&s, " (%s)\n", pl_size_str(e->old_size, a));
			break;
		case SYNTH_DIFF_MOVED:
			sy_str_printf(&s, "moved    %s  ", e->name);
			place_str(&s, e->old_bank, e->old_base);
			sy_str_printf(&s, " -> ");
			place_str(&s, e->new_bank, e->new_base);
			if (e->old_size != e->new_size)
				sy_str_printf(&s, " (%s -> %s)", pl_size_str(e->old_size, a), pl_size_str(e->new_size, b));
			else
				sy_str_printf(&s, " (%s)", pl_size_str(e->new_size, b));
			item_regions(&s, e);
			break;
		case SYNTH_DIFF_RESIZED:
			sy_str_printf(&s, "resized  %s  0x%08llx %s -> %s", e->name, (unsigned long long)e->new_base,
			              pl_size_str(e->old_size, a), pl_size_str(e->new_size, b));
			item_regions(&s, e);
			break;
		case SYNTH_DIFF_REGIONS:
			if (e->old_regions == e->new_regions && e->old_size == e->new_size)
				sy_str_printf(&s, "regions  domain %s: %u regions (%llu used), other bases or sizes\n", e->name,
				              e->new_regions, (unsigned long long)e->new_size);
			else
				sy_str_printf(&s, "regions  domain %s: %u regions (%llu used) -> %u regions (%llu used)\n", e->name,
				              e->old_regions, (unsigned long long)e->old_size, e->new_regions,
				              (unsigned long long)e->new_size);
			break;
		case SYNTH_DIFF_PINNED:
			sy_str_printf(&s, "%s %s  ", e->new_size ? "pinned  " : "unpinned", e->name);
			place_str(&s, e->new_bank, e->new_base);
			sy_str_printf(&s, e->new_size ? " (its address pin)\n" : " (no longer pinned)\n");
			break;
		}
	}
	if (!diff->n) {
		sy_str_printf(&s, "no changes\n");
	} else {
		uint64_t mag = diff->reserved_delta < 0 ? (uint64_t)-diff->reserved_delta : (uint64_t)diff->reserved_delta;
		sy_str_printf(&s, "%u moved, %u resized, %u added, %u removed, %u domain table%s changed; %s moved; "
		              "reserved %s%s", diff->moved, diff->resized, diff->added, diff->removed,
		              diff->domains_changed, diff->domains_changed == 1 ? "" : "s", pl_size_str(diff->bytes_moved, a),
		              diff->reserved_delta < 0 ? "-" : "+", pl_size_str(mag, b));
		if (diff->pins_changed)
			sy_str_printf(&s, "; %u pin%s changed", diff->pins_changed, diff->pins_changed == 1 ? "" : "s");
		sy_str_printf(&s, "\n");
	}
	if (s.oom) {
		sy_str_free(&s);
		return pl_error(err, SYNTH_ERR_NOMEM, "", "", "out of memory");
	}
	*text = sy_str_take(&s);
	if (!*text)
		return pl_error(err, SYNTH_ERR_NOMEM, "", "", "out of memory");
	return SYNTH_OK;
}

void synth_layout_diff_free(SynthContext *ctx, SynthLayoutDiff *diff)
{
	if (!diff)
		return;
	PlDiff *r = (PlDiff *)diff;
	pl_arena_free(&r->arena);
	sy_free(&ctx->alloc, r, sizeof *r);
}
