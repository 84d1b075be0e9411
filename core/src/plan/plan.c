/* plan.c - plan objects and what both models share: free lists of the RAM
 * banks, placement of fixed regions, the packer, domain tables and totals.
 *
 * The packer places ranges largest alignment first (then largest size, then
 * name, so the result is deterministic), each in the hole that leaves the
 * least padding before it, then the smallest hole, then the lowest address;
 * a position is only taken when the range's exact cover there costs no more
 * regions than its shape promised. When that order leaves a range without a
 * place, the ranges fewer banks can hold go first instead (stacks in a TCM
 * before memories any bank can hold). Everything that does not fit is reported
 * with the bank's free space, its largest hole and by how much it is short.
 * Address pins are placed before the packer runs (after the target's own
 * fixed and reserved ranges): model B sizes a pinned range with the shapes
 * whose exact cover at the pinned base fits (pl_pin_shapes), and either
 * model takes it with pl_pin_take, which says why when it cannot. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan_internal.h"

const char *synth_plan_model_name(SynthPlanModel model)
{
	return model == SYNTH_MODEL_A ? "a" : "b";
}

uint32_t synth_plan_item_regions(const SynthPlan *p, uint32_t i)
{
	if (i >= p->d.nitems)
		return 0;
	const SynthPlanItem *it = &p->d.items[i];
	for (uint32_t d = 0; d < p->d.ndomains; d++) {
		const SynthDomainPlan *dp = &p->d.domains[d];
		bool holds = it->domain == (int32_t)d;
		for (uint32_t k = 0; k < dp->nitems; k++)
			holds |= dp->items[k] == i;
		if (!holds)
			continue;
		uint32_t n = 0;
		for (uint32_t r = 0; r < dp->nregions; r++) {
			uint64_t lo[8], hi[8];
			int nr = pl_region_ranges(&dp->regions[r], lo, hi);
			bool hit = false;
			for (int k = 0; k < nr; k++)
				hit |= lo[k] < it->base + it->size && it->base < hi[k];
			n += hit ? pl_region_cost(&p->target, &dp->regions[r]) : 0;
		}
		return n;
	}
	return 0;
}

void synth_plan_accept_exposure(SynthPlan *p)
{
	for (uint32_t d = 0; d < p->d.ndomains; d++)
		p->doms[d].accepted = p->doms[d].exposed;
}

SynthPlan *pl_plan_new(SynthContext *ctx, const SynthPlanTargetDesc *t, SynthPlanModel model)
{
	SynthPlan *p = sy_malloc(&ctx->alloc, sizeof *p);
	if (!p)
		return NULL;
	memset(p, 0, sizeof *p);
	p->ctx = ctx;
	pl_arena_init(&p->arena, &ctx->alloc);
	p->why.alloc = &ctx->alloc;
	if (!pl_target_copy(&p->arena, t, &p->target)) {
		synth_plan_free(p);
		return NULL;
	}
	p->d.model = model;
	p->d.target = &p->target;
	p->d.feasible = true;
	p->d.why = "";
	return p;
}

void synth_plan_free(SynthPlan *p)
{
	if (!p)
		return;
	sy_str_free(&p->why);
	pl_arena_free(&p->arena);
	sy_free(&p->ctx->alloc, p, sizeof *p);
}

const SynthPlanDesc *synth_plan_desc(const SynthPlan *p)
{
	return &p->d;
}

void pl_memory_item(const SynthMemRequest *q, char *name, size_t n, SynthPlanItem *it)
{
	memset(it, 0, sizeof *it);
	snprintf(name, n, "%s.%u", q->module, q->memidx);
	it->kind = SYNTH_ITEM_MEMORY;
	it->name = name;
	it->module = q->module;
	it->memidx = q->memidx;
	it->min_bytes = q->min_bytes;
	it->want = q->reserve;
	it->access = SYNTH_ACCESS_R | SYNTH_ACCESS_W;
	it->parent = -1;
	it->domain = -1;
	it->pinned = q->pinned;
}

void pl_request_item(const SynthPlan *p, const SynthPlanInputDesc *in, uint32_t r, char *name, size_t n,
                     SynthPlanItem *it)
{
	const SynthMemRequest *q = &in->requests[r];
	pl_memory_item(q, name, n, it);
	if (!pl_is_state(p, r))
		return;
	pl_state_name(q->module, q->component, PL_STATE_ITEM, name, n);
	it->kind = SYNTH_ITEM_STATE;
	it->component = q->component;
	it->memidx = 0;
	if (p->state_ro && p->state_ro[r - p->nmemreq])
		it->access = SYNTH_ACCESS_R;
}

void pl_state_name(const char *module, const char *component, PlStateName what, char *buf, size_t n)
{
	const char *c = component ? component : "";
	const char *sep = component ? (what == PL_STATE_ITEM || what == PL_STATE_SECTION ? "." : "_") : "";
	switch (what) {
	case PL_STATE_ITEM: snprintf(buf, n, "%s%s%s.state", module, sep, c); break;
	case PL_STATE_SECTION: snprintf(buf, n, ".synth_state.%s%s%s", module, sep, c); break;
	case PL_STATE_SYMBOL: snprintf(buf, n, "%s__state%s%s", module, sep, c); break;
	case PL_STATE_STEM: snprintf(buf, n, "%s%s%s", module, sep, c); break;
	}
}

int pl_plan_add_item(SynthPlan *p, const SynthPlanItem *it)
{
	if (p->d.nitems == p->capitems) {
		uint32_t ncap = p->capitems ? p->capitems * 2 : 32;
		SynthPlanItem *n = pl_grow(&p->arena, p->items, sizeof *n * p->capitems, sizeof *n * ncap);
		if (!n)
			return -1;
		p->items = n;
		p->capitems = ncap;
		p->d.items = n;
	}
	SynthPlanItem *d = &p->items[p->d.nitems];
	*d = *it;
	d->name = pl_strdup(&p->arena, it->name);
	d->module = pl_strdup(&p->arena, it->module);
	d->component = pl_strdup(&p->arena, it->component);
	d->bank = NULL;
	if (it->bank)
		for (uint32_t b = 0; b < p->target.nbanks; b++)
			if (strcmp(p->target.banks[b].name, it->bank) == 0)
				d->bank = p->target.banks[b].name;
	if (p->arena.oom)
		return -1;
	return (int)p->d.nitems++;
}

bool pl_plan_alloc_domains(SynthPlan *p, uint32_t n)
{
	p->doms = pl_alloc(&p->arena, sizeof *p->doms * (n ? n : 1));
	p->d.domains = p->doms;
	p->d.ndomains = n;
	return p->doms != NULL;
}

const char *synth_plan_diag_code_name(SynthPlanDiagCode code)
{
	static const char *const names[] = {"no_bank", "unknown_bank", "no_fit", "bank_full", "bank_fragmented",
	                                    "uncoverable", "regions", "linear", "name_clash", "pin_outside",
	                                    "pin_align", "pin_overlap"};
	return (unsigned)code < sizeof names / sizeof *names ? names[code] : "unknown";
}

void pl_plan_diag(SynthPlan *p, PlDiag dg, const char *fmt, ...)
{
	SyStr msg = {.alloc = &p->ctx->alloc};
	va_list ap;
	va_start(ap, fmt);
	sy_str_vprintf(&msg, fmt, ap);
	va_end(ap);
	sy_str_printf(&p->why, "%s%s\n", dg.detail ? "  " : "", msg.s ? msg.s : "");
	if (msg.oom)
		p->why.oom = true;
	p->d.feasible = false;
	p->d.why = p->why.s ? p->why.s : "out of memory";
	if (sy_arena_grow(&p->arena.ar, (void **)&p->diags, &p->capdiags, p->d.ndiags + 1, sizeof *p->diags)) {
		SynthPlanDiag *d = &p->diags[p->d.ndiags];
		d->code = dg.code;
		d->item = pl_strdup(&p->arena, dg.item);
		d->domain = pl_strdup(&p->arena, dg.domain);
		d->bank = pl_strdup(&p->arena, dg.bank);
		d->bytes_short = dg.bytes_short;
		d->regions_over = dg.regions_over;
		d->address = dg.address;
		d->message = pl_strdup(&p->arena, msg.s ? msg.s : "");
		p->d.diags = p->diags;
		p->d.ndiags++;
	} else {
		p->arena.oom = true;
	}
	sy_str_free(&msg);
}

void pl_free_init(const SynthPlanTargetDesc *t, PlFree *free)
{
	for (uint32_t b = 0; b < t->nbanks; b++) {
		free[b].n = 1;
		free[b].overflow = false;
		free[b].lo[0] = t->banks[b].base;
		free[b].hi[0] = t->banks[b].base + t->banks[b].size;
	}
}

void pl_free_take(PlFree *f, uint64_t lo, uint64_t hi)
{
	PlFree o = *f;
	f->n = 0;
	for (int i = 0; i < o.n; i++) {
		uint64_t a = o.lo[i], b = o.hi[i];
		if (hi <= a || lo >= b) {
			f->lo[f->n] = a, f->hi[f->n] = b, f->n++;
			continue;
		}
		if (a < lo && f->n < 256)
			f->lo[f->n] = a, f->hi[f->n] = lo, f->n++;
		if (hi < b) {
			if (f->n < 256)
				f->lo[f->n] = hi, f->hi[f->n] = b, f->n++;
			else
				f->overflow = true;
		}
	}
}

bool pl_free_find(const PlFree *f, uint64_t size, uint64_t align, uint64_t *base, uint64_t *pad)
{
	bool found = false;
	uint64_t bp = 0, bh = 0, bb = 0;
	for (int i = 0; i < f->n; i++) {
		uint64_t b = pl_align_up(f->lo[i], align);
		if (b < f->lo[i] || b >= f->hi[i] || f->hi[i] - b < size)
			continue;
		uint64_t pd = b - f->lo[i], hs = f->hi[i] - f->lo[i];
		if (!found || pd < bp || (pd == bp && (hs < bh || (hs == bh && b < bb)))) {
			found = true;
			bp = pd, bh = hs, bb = b;
		}
	}
	*base = bb;
	*pad = bp;
	return found;
}

void pl_free_stats(const PlFree *f, uint64_t *largest, uint64_t *total)
{
	*largest = *total = 0;
	for (int i = 0; i < f->n; i++) {
		uint64_t s = f->hi[i] - f->lo[i];
		*total += s;
		if (s > *largest)
			*largest = s;
	}
}

uint64_t pl_request_banks(const SynthPlanTargetDesc *t, const SynthMemRequest *r)
{
	uint64_t mask = 0;
	for (uint32_t b = 0; b < t->nbanks; b++) {
		const SynthBank *k = &t->banks[b];
		if (r->bank && strcmp(r->bank, k->name) != 0)
			continue;
		bool ok = true;
		for (uint32_t i = 0; i < r->nneeds; i++) {
			bool has = false;
			for (uint32_t j = 0; j < k->nattrs; j++)
				has |= strcmp(k->attrs[j], r->needs[i]) == 0;
			ok &= has;
		}
		if (ok)
			mask |= 1ULL << b;
	}
	return mask;
}

/* ---- address pins ---- */

int pl_pin_shapes(const SynthPlanTargetDesc *t, const SynthMemRequest *q, PlShape *out, int max)
{
	PlShape cand[PL_MAX_REGIONS + 1];
	int nc = pl_shapes(t, q->reserve, 1, cand, max < PL_MAX_REGIONS ? max : PL_MAX_REGIONS);
	cand[nc++] = (PlShape){pl_align_up(q->reserve, t->min_align), 1, 0};
	for (int i = 0; i < nc; i++) {
		cand[i].align = 1;
		cand[i].cost = q->address + cand[i].size > PL_ADDR_LIMIT
		                   ? UINT32_MAX
		                   : pl_cover_cost(t, q->address, q->address + cand[i].size);
	}
	/* cheapest first, then smallest; keep each only when smaller than the one before */
	for (int i = 1; i < nc; i++)
		for (int j = i; j > 0 && (cand[j].cost < cand[j - 1].cost ||
		                          (cand[j].cost == cand[j - 1].cost && cand[j].size < cand[j - 1].size)); j--) {
			PlShape x = cand[j];
			cand[j] = cand[j - 1];
			cand[j - 1] = x;
		}
	int n = 0;
	for (int i = 0; i < nc && n < max; i++) {
		if (cand[i].cost == UINT32_MAX || cand[i].cost > (uint32_t)max || (n && cand[i].size >= out[n - 1].size))
			continue;
		out[n++] = cand[i];
	}
	return n;
}

bool pl_pin_aligned(SynthPlan *p, const SynthMemRequest *q, const char *name)
{
	uint64_t need = q->align > p->target.min_align ? q->align : p->target.min_align;
	if (q->address % need == 0)
		return true;
	pl_plan_diag(p, (PlDiag){.code = SYNTH_DIAG_PIN_ALIGN, .item = name, .address = q->address},
	             "%s is pinned at 0x%08llx, which is not aligned to %llu bytes (%s)", name,
	             (unsigned long long)q->address, (unsigned long long)need,
	             q->align > p->target.min_align ? "its own alignment" : "the target's least alignment for a region");
	return false;
}

int pl_pin_take(SynthPlan *p, PlFree *free, const char *name, const char *span, uint64_t banks, uint64_t a,
                uint64_t size)
{
	const SynthPlanTargetDesc *t = &p->target;
	char s1[32];
	SyStr sp = {.alloc = &p->ctx->alloc};
	sy_str_printf(&sp, span ? span : "its %s", pl_size_str(size, s1));
	const char *spn = sp.s ? sp.s : "its range";
	int ret = -1;
	int b = a + size <= PL_ADDR_LIMIT ? pl_target_bank_of(t, a, size) : -1;
	if (b < 0) {
		int part = -1;
		for (uint32_t k = 0; k < t->nbanks; k++)
			if (a >= t->banks[k].base && a < t->banks[k].base + t->banks[k].size)
				part = (int)k;
		if (part >= 0)
			pl_plan_diag(p, (PlDiag){.code = SYNTH_DIAG_PIN_OUTSIDE, .item = name, .bank = t->banks[part].name,
			                         .address = a},
			             "%s is pinned at 0x%08llx: %s would run past the end of bank \"%s\" (0x%08llx)", name,
			             (unsigned long long)a, spn, t->banks[part].name,
			             (unsigned long long)(t->banks[part].base + t->banks[part].size));
		else
			pl_plan_diag(p, (PlDiag){.code = SYNTH_DIAG_PIN_OUTSIDE, .item = name, .address = a},
			             "%s is pinned at 0x%08llx, which is in no RAM bank of %s", name, (unsigned long long)a,
			             t->name);
		goto done;
	}
	if (!(banks & (1ULL << b))) {
		pl_plan_diag(p, (PlDiag){.code = SYNTH_DIAG_PIN_OUTSIDE, .item = name, .bank = t->banks[b].name,
		                         .address = a},
		             "%s is pinned at 0x%08llx in bank \"%s\", which is not a bank it may go to (its bank or "
		             "attributes)", name, (unsigned long long)a, t->banks[b].name);
		goto done;
	}
	if (!free) { /* only where it is */
		ret = b;
		goto done;
	}
	for (int h = 0; h < free[b].n; h++)
		if (free[b].lo[h] <= a && a + size <= free[b].hi[h]) {
			pl_free_take(&free[b], a, a + size);
			ret = b;
			goto done;
		}
	/* Name what is there: a placed item (a fixed range or another pin), else a reserved range. */
	const char *what = NULL, *kind = "the reserved range";
	uint64_t wlo = 0, whi = 0;
	for (uint32_t i = 0; i < p->d.nitems && !what; i++) {
		const SynthPlanItem *it = &p->items[i];
		if (it->bank && it->size && it->base < a + size && a < it->base + it->size)
			what = it->name, wlo = it->base, whi = it->base + it->size,
			kind = it->kind == SYNTH_ITEM_FIXED ? "the fixed region" : "the pinned";
	}
	for (uint32_t f = 0; f < t->nfixed && !what; f++) {
		const SynthFixedRegion *fx = &t->fixed[f];
		if (fx->has_base && fx->base < a + size && a < fx->base + fx->size)
			what = fx->name, wlo = fx->base, whi = fx->base + fx->size;
	}
	if (what)
		pl_plan_diag(p, (PlDiag){.code = SYNTH_DIAG_PIN_OVERLAP, .item = name, .bank = t->banks[b].name, .address = a},
		             "%s is pinned at 0x%08llx: %s would overlap %s %s [0x%08llx, 0x%08llx)", name,
		             (unsigned long long)a, spn, kind, what, (unsigned long long)wlo,
		             (unsigned long long)whi);
	else
		pl_plan_diag(p, (PlDiag){.code = SYNTH_DIAG_PIN_OVERLAP, .item = name, .bank = t->banks[b].name, .address = a},
		             "%s is pinned at 0x%08llx: %s would overlap a range already taken in bank \"%s\"", name,
		             (unsigned long long)a, spn, t->banks[b].name);
done:
	sy_str_free(&sp);
	return ret;
}

/* ---- packing ---- */

static int cmp_place(const void *a, const void *b)
{
	const PlPlace *x = a, *y = b;
	if (x->shape.align != y->shape.align)
		return x->shape.align > y->shape.align ? -1 : 1;
	if (x->shape.size != y->shape.size)
		return x->shape.size > y->shape.size ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* Most constrained first: the ranges fewer banks can take, then cmp_place. */
static int cmp_place_constrained(const void *a, const void *b)
{
	const PlPlace *x = a, *y = b;
	int nx = __builtin_popcountll(x->banks), ny = __builtin_popcountll(y->banks);
	if (nx != ny)
		return nx < ny ? -1 : 1;
	return cmp_place(a, b);
}

/* One packing pass over v in its order; with report, what does not fit is
 * explained in the plan (else the pass stops at the first range that does not). */
static bool pack_pass(SynthPlan *p, PlFree *free, PlPlace *v, int n, bool report)
{
	const SynthPlanTargetDesc *t = &p->target;
	bool ok = true;
	for (int i = 0; i < n; i++) {
		SynthPlanItem *it = &p->items[v[i].item];
		bool placed = false;
		/* Try holes in preference order; skip positions where the exact cover costs more. */
		PlFree tried[32];
		for (uint32_t b = 0; b < t->nbanks && b < 32; b++)
			tried[b] = free[b];
		for (int attempt = 0; attempt < 512 && !placed; attempt++) {
			int bestb = -1;
			uint64_t bestbase = 0, bestpad = 0, besthole = 0;
			for (uint32_t b = 0; b < t->nbanks && b < 32; b++) {
				if (!(v[i].banks & (1ULL << b)))
					continue;
				uint64_t base, pad;
				if (!pl_free_find(&tried[b], v[i].shape.size, v[i].shape.align, &base, &pad))
					continue;
				uint64_t hole = 0;
				for (int h = 0; h < tried[b].n; h++)
					if (tried[b].lo[h] <= base && base < tried[b].hi[h])
						hole = tried[b].hi[h] - tried[b].lo[h];
				if (bestb < 0 || pad < bestpad || (pad == bestpad && hole < besthole)) {
					bestb = (int)b;
					bestbase = base, bestpad = pad, besthole = hole;
				}
			}
			if (bestb < 0)
				break;
			uint32_t c = pl_cover_cost(t, bestbase, bestbase + v[i].shape.size);
			if (v[i].shape.cost == 0 || c <= v[i].shape.cost) {
				it->base = bestbase;
				it->size = v[i].shape.size;
				it->bank = t->banks[bestb].name;
				it->nregions = c;
				pl_free_take(&free[bestb], bestbase, bestbase + v[i].shape.size);
				placed = true;
			} else {
				/* Never offer this position again. */
				pl_free_take(&tried[bestb], bestbase, bestbase + v[i].shape.align);
			}
		}
		if (placed)
			continue;
		ok = false;
		if (!report)
			return false;
		char sz[32], al[32];
		if (!v[i].banks) {
			pl_plan_diag(p, (PlDiag){.code = SYNTH_DIAG_NO_BANK, .item = it->name},
			             "%s (%s): no bank has what it needs (bank or attributes)", it->name,
			            pl_size_str(v[i].shape.size, sz));
			continue;
		}
		uint64_t shortest = UINT64_MAX;
		for (uint32_t b = 0; b < t->nbanks && b < 32; b++) {
			uint64_t largest, total;
			if (!(v[i].banks & (1ULL << b)))
				continue;
			pl_free_stats(&free[b], &largest, &total);
			uint64_t sh = total < v[i].shape.size ? v[i].shape.size - total : 0;
			shortest = sh < shortest ? sh : shortest;
		}
		pl_plan_diag(p, (PlDiag){.code = SYNTH_DIAG_NO_FIT, .item = it->name,
		                         .bytes_short = shortest == UINT64_MAX ? 0 : shortest},
		             "%s does not fit: it needs %s aligned to %s", it->name,
		            pl_size_str(v[i].shape.size, sz), pl_size_str(v[i].shape.align, al));
		for (uint32_t b = 0; b < t->nbanks && b < 32; b++) {
			if (!(v[i].banks & (1ULL << b)))
				continue;
			uint64_t largest, total;
			char s1[32], s2[32], s3[32];
			pl_free_stats(&free[b], &largest, &total);
			if (total < v[i].shape.size)
				pl_plan_diag(p, (PlDiag){.code = SYNTH_DIAG_BANK_FULL, .item = it->name, .bank = t->banks[b].name,
				                         .bytes_short = v[i].shape.size - total, .detail = true},
				             "bank \"%s\" (%s) is full by %llu bytes: %s free", t->banks[b].name,
				            pl_size_str(t->banks[b].size, s1),
				            (unsigned long long)(v[i].shape.size - total), pl_size_str(total, s2));
			else
				pl_plan_diag(p, (PlDiag){.code = SYNTH_DIAG_BANK_FRAGMENTED, .item = it->name,
				                         .bank = t->banks[b].name, .detail = true},
				             "bank \"%s\" (%s) has %s free but no aligned hole that large (largest hole %s)",
				            t->banks[b].name, pl_size_str(t->banks[b].size, s1), pl_size_str(total, s2),
				            pl_size_str(largest, s3));
		}
	}
	return ok;
}

/* The packer takes ranges in cmp_place's order; when that leaves some range
 * without a place, the most constrained ranges go first instead (a range only
 * one bank may hold, such as a stack in a TCM, before a memory that any bank
 * may hold and that would otherwise take the TCM for its small padding). The
 * first order that places everything wins, so a plan the first order packs is
 * unchanged; when none does, the first order's failures are reported. */
bool pl_pack(SynthPlan *p, PlFree *free, PlPlace *v, int n)
{
	const SynthPlanTargetDesc *t = &p->target;
	uint32_t nb = t->nbanks;
	for (int i = 0; i < n; i++)
		v[i].name = p->items[v[i].item].name;
	PlFree *free0 = pl_alloc(&p->arena, sizeof *free0 * (nb ? nb : 1));
	SynthPlanItem *items0 = pl_alloc(&p->arena, sizeof *items0 * ((size_t)n + 1));
	if (!free0 || !items0) {
		qsort(v, (size_t)n, sizeof *v, cmp_place);
		return pack_pass(p, free, v, n, true);
	}
	memcpy(free0, free, sizeof *free0 * nb);
	qsort(v, (size_t)n, sizeof *v, cmp_place); /* items0 follows this order */
	for (int i = 0; i < n; i++)
		items0[i] = p->items[v[i].item];
	int (*const orders[])(const void *, const void *) = {cmp_place, cmp_place_constrained};
	for (size_t o = 0; o < sizeof orders / sizeof *orders; o++) {
		qsort(v, (size_t)n, sizeof *v, orders[o]);
		if (pack_pass(p, free, v, n, false))
			return true;
		/* Undo the pass: free space and the ranges' places. */
		memcpy(free, free0, sizeof *free0 * nb);
		qsort(v, (size_t)n, sizeof *v, cmp_place);
		for (int i = 0; i < n; i++)
			p->items[v[i].item] = items0[i];
	}
	qsort(v, (size_t)n, sizeof *v, cmp_place);
	return pack_pass(p, free, v, n, true);
}

/* ---- range sets ---- */

static int cmp_range(const void *a, const void *b)
{
	const SynthRange *x = a, *y = b;
	return x->base < y->base ? -1 : x->base > y->base;
}

int pl_ranges_norm(SynthRange *r, int n)
{
	if (n <= 0)
		return 0;
	qsort(r, (size_t)n, sizeof *r, cmp_range);
	int k = 0;
	for (int i = 0; i < n; i++) {
		if (!r[i].size)
			continue;
		if (k && r[k - 1].base + r[k - 1].size >= r[i].base) {
			uint64_t end = r[i].base + r[i].size;
			if (end > r[k - 1].base + r[k - 1].size)
				r[k - 1].size = end - r[k - 1].base;
		} else {
			r[k++] = r[i];
		}
	}
	return k;
}

int pl_ranges_sub(const SynthRange *a, int na, const SynthRange *b, int nb, SynthRange *out, int max)
{
	int n = 0;
	for (int i = 0; i < na; i++) {
		uint64_t lo = a[i].base, hi = a[i].base + a[i].size;
		for (int j = 0; j < nb && lo < hi; j++) {
			uint64_t blo = b[j].base, bhi = b[j].base + b[j].size;
			if (bhi <= lo || blo >= hi)
				continue;
			if (blo > lo) {
				if (n == max)
					return -1;
				out[n++] = (SynthRange){lo, blo - lo};
			}
			lo = bhi > lo ? bhi : lo;
		}
		if (lo < hi) {
			if (n == max)
				return -1;
			out[n++] = (SynthRange){lo, hi - lo};
		}
	}
	return n;
}

/* ---- fixed regions ---- */

/* Adds the fixed items: based ones reserved at once, bank ones appended to v
 * (one per domain when per_domain). A reserved region (0 regions: the
 * runtime's own sections) is only taken from its bank: not an item, in no
 * domain, never in a layout. */
bool pl_fixed_items(SynthPlan *p, const SynthPlanInputDesc *in, PlFree *free, PlPlace *v, int *nv)
{
	const SynthPlanTargetDesc *t = &p->target;
	for (uint32_t f = 0; f < t->nfixed; f++) {
		const SynthFixedRegion *fx = &t->fixed[f];
		if (fx->regions == 0) {
			int b = pl_target_bank_of(t, fx->base, fx->size);
			if (b >= 0)
				pl_free_take(&free[b], fx->base, fx->base + fx->size);
			continue;
		}
		uint32_t copies = fx->per_domain ? in->ndomains : 1;
		for (uint32_t c = 0; c < copies; c++) {
			SynthPlanItem it;
			char name[300];
			memset(&it, 0, sizeof it);
			if (fx->per_domain)
				snprintf(name, sizeof name, "%s.%s", fx->name, in->domains[c].name);
			else
				snprintf(name, sizeof name, "%s", fx->name);
			it.kind = SYNTH_ITEM_FIXED;
			it.name = name;
			it.access = fx->access;
			it.want = fx->size;
			it.parent = -1;
			it.domain = fx->per_domain ? (int32_t)c : -1;
			if (fx->has_base) {
				it.base = fx->base;
				it.size = fx->size;
				it.nregions = pl_cover_cost(t, fx->base, fx->base + fx->size);
				int b = pl_target_bank_of(t, fx->base, fx->size);
				if (b >= 0) {
					it.bank = t->banks[b].name;
					pl_free_take(&free[b], fx->base, fx->base + fx->size);
				}
				if (pl_plan_add_item(p, &it) < 0)
					return false;
				continue;
			}
			PlShape sh[PL_MAX_REGIONS];
			int ns = pl_shapes(t, fx->size, 1, sh, (int)fx->regions);
			int idx = pl_plan_add_item(p, &it);
			if (idx < 0)
				return false;
			if (ns == 0) {
				pl_plan_diag(p, (PlDiag){.code = SYNTH_DIAG_UNCOVERABLE, .item = name},
				             "fixed region %s cannot be shaped for this unit", name);
				continue;
			}
			v[*nv].item = idx;
			v[*nv].shape = sh[ns - 1];
			v[*nv].banks = 0;
			for (uint32_t b = 0; b < t->nbanks; b++)
				if (strcmp(t->banks[b].name, fx->bank) == 0)
					v[*nv].banks = 1ULL << b;
			(*nv)++;
		}
	}
	return true;
}

/* Regions fixed regions cost in domain d (as declared by the target). */
uint32_t pl_fixed_cost(const SynthPlanTargetDesc *t)
{
	uint32_t c = 0;
	for (uint32_t f = 0; f < t->nfixed; f++)
		c += t->fixed[f].regions;
	return c;
}

bool pl_domain_add_fixed(SynthPlan *p, uint32_t d, SynthHwRegion *tab, uint32_t *n, uint32_t cap)
{
	const SynthPlanTargetDesc *t = &p->target;
	for (uint32_t f = 0; f < t->nfixed; f++) {
		const SynthFixedRegion *fx = &t->fixed[f];
		for (uint32_t i = 0; i < p->d.nitems; i++) {
			const SynthPlanItem *it = &p->items[i];
			if (it->kind != SYNTH_ITEM_FIXED || !it->size)
				continue;
			char want[300];
			if (fx->per_domain)
				snprintf(want, sizeof want, "%s.%s", fx->name, p->doms[d].name ? p->doms[d].name : "");
			else
				snprintf(want, sizeof want, "%s", fx->name);
			bool mine = strcmp(it->name, want) == 0 && (!fx->per_domain || it->domain == (int32_t)d);
			if (!mine)
				continue;
			int k = pl_cover(t, it->base, it->base + it->size, it->access, (int32_t)i, tab + *n,
			                 (int)(cap - *n));
			if (k < 0)
				return false;
			*n += (uint32_t)k;
		}
	}
	return true;
}

/* ---- model B ---- */

bool pl_same_domains(const SynthPlanInputDesc *in, uint32_t a, uint32_t b)
{
	for (uint32_t d = 0; d < in->ndomains; d++) {
		bool ia = false, ib = false;
		for (uint32_t k = 0; k < in->domains[d].nmems; k++) {
			ia |= in->domains[d].mems[k] == a;
			ib |= in->domains[d].mems[k] == b;
		}
		if (ia != ib)
			return false;
	}
	return true;
}

/* The most regions model B may spend on request r's cover: its own
 * max_regions, else the input's, within maxk (the budget left by the fixed
 * regions; a merged state section then shares its memory's). */
static uint32_t req_max_regions(const SynthPlanInputDesc *in, uint32_t r, uint32_t maxk)
{
	uint32_t k = in->requests[r].max_regions ? in->requests[r].max_regions : in->max_regions;
	return k && k < maxk ? k : maxk;
}

/* Model B puts a state section at the end of a memory of exactly the same
 * domains when one cover of both is better than two: fewer regions for no
 * more bytes, or fewer bytes for no more regions (PMSAv8 and PMP TOR: one
 * region instead of two; PMSAv7: the state in the memory's rounding). The
 * memories of the state's own module are tried first, the others only when
 * none of those is better; among them the one saving the most regions, then
 * bytes (the lowest index on ties). A memory carries at most one state. The
 * memory's shapes become those of the pair; partner[] links the two. */
static bool merge_states(SynthPlan *p, const SynthPlanInputDesc *in, PlShape *shapes, int *nshape, uint32_t maxk,
                         int *partner)
{
	const SynthPlanTargetDesc *t = &p->target;
	uint32_t nr = in->nrequests;
	PlShape *g = pl_alloc(&p->arena, sizeof *g * (maxk + 1));
	PlShape *bg = pl_alloc(&p->arena, sizeof *bg * (maxk + 1));
	if (!g || !bg)
		return false;
	for (uint32_t s = p->nmemreq; s < nr; s++) {
		const SynthMemRequest *qs = &in->requests[s];
		if (!nshape[s] || qs->reserve % qs->align || qs->pinned || p->state_ro[s - p->nmemreq])
			continue; /* a pinned state keeps its own base, a read-only one its own read-only regions */
		int best = -1, nbg = 0;
		uint32_t bsave_r = 0;
		uint64_t bsave_b = 0;
		for (int pass = 0; pass < 2 && best < 0; pass++) {
			for (uint32_t r = 0; r < p->nmemreq; r++) {
				const SynthMemRequest *q = &in->requests[r];
				if ((strcmp(q->module, qs->module) == 0) != (pass == 0) || partner[r] >= 0 || !nshape[r] ||
				    q->pinned || !pl_same_domains(in, r, s))
					continue;
				uint64_t want = pl_align_up(q->reserve, qs->align) + qs->reserve;
				int ng = pl_shapes(t, want, q->align > qs->align ? q->align : qs->align, g,
				                   (int)req_max_regions(in, r, maxk));
				bool aligned = ng > 0;
				for (int j = 0; j < ng; j++)
					aligned &= g[j].size % qs->align == 0;
				const PlShape *a = &shapes[r * maxk], *b = &shapes[s * maxk];
				uint32_t cost = a->cost + b->cost;
				uint64_t bytes = a->size + b->size;
				/* The pair's best shape within the regions the two take apart:
				 * what it saves in regions, then in bytes. */
				bool better = false;
				uint32_t save_r = 0;
				uint64_t save_b = 0;
				for (int j = 0; j < ng && aligned; j++) {
					if (g[j].cost > cost || g[j].size > bytes || (g[j].cost == cost && g[j].size == bytes))
						continue;
					uint32_t sr = cost - g[j].cost;
					uint64_t sb = bytes - g[j].size;
					if (!better || sr > save_r || (sr == save_r && sb > save_b))
						save_r = sr, save_b = sb;
					better = true;
				}
				if (!better || (best >= 0 && (save_r < bsave_r || (save_r == bsave_r && save_b <= bsave_b))))
					continue;
				best = (int)r;
				bsave_r = save_r, bsave_b = save_b;
				memcpy(bg, g, sizeof *g * (size_t)ng);
				nbg = ng;
			}
		}
		if (best >= 0) {
			memcpy(&shapes[(uint32_t)best * maxk], bg, sizeof *bg * (size_t)nbg);
			nshape[best] = nbg;
			partner[best] = (int)s;
			partner[s] = best;
		}
	}
	return true;
}

/* Model B: every memory its own region or a few (at most its max_regions),
 * chosen to cut waste within every domain's budget, then packed into the banks. */
bool pl_plan_model_b(SynthPlan *p, const SynthPlanInputDesc *in)
{
	const SynthPlanTargetDesc *t = &p->target;
	uint32_t nr = in->nrequests, nd = in->ndomains;
	uint32_t fixed = pl_fixed_cost(t);
	uint32_t maxk = t->nregions - fixed;
	bool ok = false;
	PlShape *shapes = pl_alloc(&p->arena, sizeof *shapes * nr * maxk);
	int *nshape = pl_alloc(&p->arena, sizeof *nshape * nr);
	int *pick = pl_alloc(&p->arena, sizeof *pick * nr);
	uint32_t *spare = pl_alloc(&p->arena, sizeof *spare * nd);
	PlPlace *v = pl_alloc(&p->arena, sizeof *v * (nr + t->nfixed * (nd + 1) + 1));
	PlFree *free = pl_alloc(&p->arena, sizeof *free * t->nbanks);
	if (!shapes || !nshape || !pick || !spare || !v || !free || !pl_plan_alloc_domains(p, nd))
		return false;
	pl_free_init(t, free);
	int nv = 0;
	if (!pl_fixed_items(p, in, free, v, &nv))
		return false;

	for (uint32_t r = 0; r < nr; r++) {
		const SynthMemRequest *q = &in->requests[r];
		uint32_t kmax = req_max_regions(in, r, maxk); /* its max_regions within the budget */
		char iname[300];
		if (pl_is_state(p, r))
			pl_state_name(q->module, q->component, PL_STATE_ITEM, iname, sizeof iname);
		else
			snprintf(iname, sizeof iname, "%s.%u", q->module, q->memidx);
		if (q->pinned) {
			/* In a bank it may go to, aligned, and then only the shapes its
			 * cover at the pinned address allows. */
			bool where = pl_pin_take(p, NULL, iname, NULL, pl_request_banks(t, q), q->address,
			                         pl_align_up(q->reserve, t->min_align)) >= 0;
			nshape[r] = where && pl_pin_aligned(p, q, iname) ? pl_pin_shapes(t, q, shapes + r * maxk, (int)kmax) : -1;
			if (nshape[r] == 0) {
				/* Name the nearest base above it where one region covers it. */
				PlShape one[1];
				char s1[32], s2[64] = "";
				uint64_t near = 0;
				if (pl_shapes(t, q->reserve, q->align, one, 1) == 1)
					for (uint64_t c = pl_align_up(q->address, one[0].align), k = 0;
					     !near && k < 4096 && c + one[0].size <= PL_ADDR_LIMIT; k++, c += one[0].align)
						if (pl_cover_cost(t, c, c + one[0].size) <= 1)
							near = c;
				if (near)
					snprintf(s2, sizeof s2, "; one region covers it at 0x%08llx", (unsigned long long)near);
				pl_plan_diag(p, (PlDiag){.code = SYNTH_DIAG_PIN_ALIGN, .item = iname, .address = q->address},
				             "%s is pinned at 0x%08llx, where the %s unit cannot cover its %s with %u regions or "
				             "fewer: its regions need another alignment%s", iname, (unsigned long long)q->address,
				             synth_mpu_kind_name(t->mpu), pl_size_str(q->reserve, s1), kmax, s2);
			}
			if (nshape[r] < 0)
				nshape[r] = 0;
			continue;
		}
		nshape[r] = pl_shapes(t, q->reserve, q->align, shapes + r * maxk, (int)kmax);
		if (nshape[r] == 0) {
			pl_plan_diag(p, (PlDiag){.code = SYNTH_DIAG_UNCOVERABLE, .item = iname},
			             "%s %s (%llu bytes) cannot be covered by this unit",
			             pl_is_state(p, r) ? "state section" : "memory", iname,
			             (unsigned long long)in->requests[r].reserve);
		}
	}
	int *partner = pl_alloc(&p->arena, sizeof *partner * (nr + 1));
	if (!partner)
		return false;
	for (uint32_t r = 0; r < nr; r++)
		partner[r] = -1;
	if (!merge_states(p, in, shapes, nshape, maxk, partner))
		return false;
	/* Budgets with one region per memory first. */
	for (uint32_t d = 0; d < nd; d++) {
		uint32_t need = fixed, nstate = 0;
		for (uint32_t k = 0; k < in->domains[d].nmems; k++) {
			uint32_t m = in->domains[d].mems[k];
			nstate += pl_is_state(p, m);
			if (pl_is_state(p, m) && partner[m] >= 0)
				continue; /* at the end of its memory's range, under its regions */
			need += nshape[m] ? shapes[m * maxk].cost : 1;
		}
		if (need > t->nregions) {
			SyStr b = {.alloc = &p->ctx->alloc};
			for (uint32_t f = 0; f < t->nfixed; f++)
				sy_str_printf(&b, "%s%s %u", f ? ", " : "", t->fixed[f].name, t->fixed[f].regions);
			uint32_t nmem = in->domains[d].nmems - nstate;
			char st[64] = "";
			if (nstate)
				snprintf(st, sizeof st, " and %u state section%s", nstate, nstate == 1 ? "" : "s");
			pl_plan_diag(p, (PlDiag){.code = SYNTH_DIAG_REGIONS, .domain = in->domains[d].name,
			                         .regions_over = need - t->nregions},
			             "domain \"%s\" needs %u regions but the %s unit has %u: %u fixed (%s) + %u for its %u memor%s%s",
			            in->domains[d].name, need, synth_mpu_kind_name(t->mpu), t->nregions, fixed,
			            b.s ? b.s : "none", need - fixed, nmem, nmem == 1 ? "y" : "ies", st);
			if (b.oom)
				p->why.oom = true; /* the reason would be garbled: fail the plan */
			sy_str_free(&b);
			spare[d] = 0;
		} else {
			spare[d] = t->nregions - need;
		}
	}
	/* Spend spare regions where they save the most bytes per region. */
	for (;;) {
		int bm = -1, bj = 0;
		uint64_t bgain = 0;
		uint32_t bdc = 1;
		for (uint32_t r = 0; r < nr; r++) {
			if (!nshape[r] || (pl_is_state(p, r) && partner[r] >= 0))
				continue;
			const PlShape *s = shapes + r * maxk;
			for (int j = pick[r] + 1; j < nshape[r]; j++) {
				uint32_t dc = s[j].cost - s[pick[r]].cost;
				uint64_t gain = s[pick[r]].size - s[j].size;
				bool fits = true;
				for (uint32_t d = 0; d < nd && fits; d++)
					for (uint32_t k = 0; k < in->domains[d].nmems; k++)
						if (in->domains[d].mems[k] == r && spare[d] < dc)
							fits = false;
				if (!fits || !gain)
					continue;
				if (bm < 0 || gain * bdc > bgain * dc) {
					bm = (int)r, bj = j, bgain = gain, bdc = dc;
				}
			}
		}
		if (bm < 0)
			break;
		uint32_t dc = shapes[bm * maxk + bj].cost - shapes[bm * maxk + pick[bm]].cost;
		for (uint32_t d = 0; d < nd; d++)
			for (uint32_t k = 0; k < in->domains[d].nmems; k++)
				if (in->domains[d].mems[k] == (uint32_t)bm)
					spare[d] -= dc;
		pick[bm] = bj;
	}
	int *mem_item = pl_alloc(&p->arena, sizeof *mem_item * nr);
	if (!mem_item)
		return false;
	for (uint32_t r = 0; r < nr; r++) {
		const SynthMemRequest *q = &in->requests[r];
		SynthPlanItem it;
		char name[300];
		pl_request_item(p, in, r, name, sizeof name, &it);
		it.parent = -1;
		mem_item[r] = pl_plan_add_item(p, &it);
		if (mem_item[r] < 0)
			return false;
		if (!nshape[r] || (pl_is_state(p, r) && partner[r] >= 0))
			continue;
		if (q->pinned) {
			/* Placed here, before the packer places the rest around it. */
			const PlShape *sh = &shapes[r * maxk + pick[r]];
			int b = pl_pin_take(p, free, name, NULL, pl_request_banks(t, q), q->address, sh->size);
			if (b >= 0) {
				SynthPlanItem *pi = &p->items[mem_item[r]];
				pi->base = q->address;
				pi->size = sh->size;
				pi->bank = t->banks[b].name;
				pi->nregions = sh->cost;
			}
			continue;
		}
		v[nv].item = mem_item[r];
		v[nv].shape = shapes[r * maxk + pick[r]];
		v[nv].banks = pl_request_banks(t, q);
		if (q->bank && !v[nv].banks) {
			bool exists = false;
			for (uint32_t b = 0; b < t->nbanks; b++)
				exists |= strcmp(t->banks[b].name, q->bank) == 0;
			if (!exists)
				pl_plan_diag(p, (PlDiag){.code = SYNTH_DIAG_UNKNOWN_BANK, .item = name, .bank = q->bank},
				             "%s asks for bank \"%s\", which %s does not have", name, q->bank, t->name);
		}
		nv++;
	}
	ok = pl_pack(p, free, v, nv);
	(void)ok;
	/* A merged state section takes the end of its memory's range. */
	for (uint32_t r = 0; r < nr; r++) {
		if (!pl_is_state(p, r) || partner[r] < 0)
			continue;
		SynthPlanItem *m = &p->items[mem_item[partner[r]]], *st = &p->items[mem_item[r]];
		if (!m->bank)
			continue;
		uint64_t ss = in->requests[r].reserve;
		m->size -= ss;
		st->bank = m->bank;
		st->base = m->base + m->size;
		st->size = ss;
		uint32_t c = pl_cover_cost(t, m->base, m->base + m->size);
		m->nregions = c == UINT32_MAX ? 0 : c;
		c = pl_cover_cost(t, st->base, st->base + ss);
		st->nregions = c == UINT32_MAX ? 0 : c;
	}
	/* Domain tables: fixed regions, then each memory's cover. */
	for (uint32_t d = 0; d < nd; d++) {
		SynthDomainPlan *dp = &p->doms[d];
		SynthHwRegion tab[PL_MAX_REGIONS * 2];
		uint32_t n = 0;
		dp->name = pl_strdup(&p->arena, in->domains[d].name);
		dp->budget = t->nregions;
		dp->enforced = true;
		if (!pl_domain_add_fixed(p, d, tab, &n, PL_MAX_REGIONS * 2))
			return false;
		for (uint32_t i = 0; i < n; i++)
			dp->fixed_regions += pl_region_cost(t, &tab[i]);
		uint32_t *items = pl_alloc(&p->arena, sizeof *items * (in->domains[d].nmems + 1));
		if (!items)
			return false;
		for (uint32_t k = 0; k < in->domains[d].nmems; k++) {
			uint32_t m = in->domains[d].mems[k];
			int i = mem_item[m];
			const SynthPlanItem *it = &p->items[i];
			items[dp->nitems++] = (uint32_t)i;
			if (!it->bank || (pl_is_state(p, m) && partner[m] >= 0))
				continue; /* not placed, or covered with its memory */
			uint64_t hi = it->base + it->size;
			int32_t grants = i;
			if (!pl_is_state(p, m) && partner[m] >= 0) {
				/* One cover for the memory and the state section at its end. */
				const SynthPlanItem *st = &p->items[mem_item[partner[m]]];
				hi = st->base + st->size;
				grants = -1;
			}
			int c = pl_cover(t, it->base, hi, it->access, grants, tab + n,
			                 (int)(PL_MAX_REGIONS * 2 - n));
			if (c < 0) {
				pl_plan_diag(p, (PlDiag){.code = SYNTH_DIAG_REGIONS, .domain = dp->name, .regions_over = 1},
				             "domain \"%s\": too many regions", dp->name);
				break;
			}
			n += (uint32_t)c;
		}
		dp->items = items;
		SynthHwRegion *regs = pl_alloc(&p->arena, sizeof *regs * (n ? n : 1));
		if (!regs)
			return false;
		memcpy(regs, tab, sizeof *regs * n);
		dp->regions = regs;
		dp->nregions = n;
		for (uint32_t i = 0; i < n; i++)
			dp->used += pl_region_cost(t, &tab[i]);
		if (dp->used > dp->budget && p->d.feasible)
			pl_plan_diag(p, (PlDiag){.code = SYNTH_DIAG_REGIONS, .domain = dp->name,
			                         .regions_over = dp->used - dp->budget},
			             "domain \"%s\" uses %u regions, %u available", dp->name, dp->used, dp->budget);
	}
	return !p->arena.oom;
}

/* ---- totals and ordering ---- */

static int cmp_u64pair(const void *a, const void *b)
{
	const uint64_t *x = a, *y = b;
	return x[0] < y[0] ? -1 : x[0] > y[0];
}

void pl_plan_totals(SynthPlan *p)
{
	SynthPlanDesc *d = &p->d;
	d->requested = d->reserve = d->reserved = d->fixed_bytes = d->padding_waste = d->state_bytes = 0;
	for (uint32_t i = 0; i < d->nitems; i++) {
		const SynthPlanItem *it = &d->items[i];
		if (it->kind == SYNTH_ITEM_STATE)
			d->state_bytes += it->want;
		if (it->kind == SYNTH_ITEM_MEMORY || it->kind == SYNTH_ITEM_STATE) {
			d->requested += it->min_bytes;
			d->reserve += it->want;
			if (it->parent < 0)
				d->reserved += it->size;
		} else if (it->kind == SYNTH_ITEM_LINEAR) {
			d->reserved += it->size;
		} else if (it->bank) {
			d->fixed_bytes += it->size;
		}
	}
	d->rounding_waste = d->reserved > d->reserve ? d->reserved - d->reserve : 0;
	/* Holes between top-level ranges of a bank are padding. The scratch
	 * array stays in the arena (it is small); failing marks the arena, and
	 * callers fail the plan rather than report wrong totals. */
	uint64_t (*r)[2] = pl_alloc(&p->arena, sizeof *r * (d->nitems + 1));
	for (uint32_t b = 0; r && b < p->target.nbanks; b++) {
		int n = 0;
		for (uint32_t i = 0; i < d->nitems; i++) {
			const SynthPlanItem *it = &d->items[i];
			if (it->parent >= 0 || !it->bank || !it->size || strcmp(it->bank, p->target.banks[b].name))
				continue;
			r[n][0] = it->base;
			r[n][1] = it->base + it->size;
			n++;
		}
		qsort(r, (size_t)n, sizeof *r, cmp_u64pair);
		for (int i = 1; i < n; i++)
			if (r[i][0] > r[i - 1][1])
				d->padding_waste += r[i][0] - r[i - 1][1];
	}
	d->max_used = 0;
	d->enforced = true;
	for (uint32_t i = 0; i < d->ndomains; i++) {
		if (d->domains[i].used > d->max_used)
			d->max_used = d->domains[i].used;
		d->enforced &= d->domains[i].enforced;
	}
}

/* Item order in a plan: linear memory, memories, state sections, fixed
 * regions; by name within. */
static int item_rank(const SynthPlanItem *it)
{
	switch (it->kind) {
	case SYNTH_ITEM_LINEAR: return 0;
	case SYNTH_ITEM_MEMORY: return 1;
	case SYNTH_ITEM_STATE: return 2;
	case SYNTH_ITEM_FIXED: break;
	}
	return 3;
}

/* An item index with the item it names, for sorting without global state. */
typedef struct PlItemRef {
	uint32_t idx;
	const SynthPlanItem *it;
} PlItemRef;

static int cmp_item_ref(const void *a, const void *b)
{
	const SynthPlanItem *x = ((const PlItemRef *)a)->it, *y = ((const PlItemRef *)b)->it;
	int rx = item_rank(x), ry = item_rank(y);
	if (rx != ry)
		return rx - ry;
	if (x->kind == SYNTH_ITEM_MEMORY) {
		int c = strcmp(x->module, y->module);
		if (c)
			return c;
		return x->memidx < y->memidx ? -1 : x->memidx > y->memidx;
	}
	return strcmp(x->name, y->name);
}

/* Sorts items and renumbers every reference to them. */
static bool sort_plan_items(SynthPlan *p)
{
	uint32_t n = p->d.nitems;
	if (n == 0)
		return true;
	PlItemRef *order = pl_alloc(&p->arena, sizeof *order * n);
	uint32_t *newidx = pl_alloc(&p->arena, sizeof *newidx * n);
	SynthPlanItem *items = pl_alloc(&p->arena, sizeof *items * n);
	if (!order || !newidx || !items)
		return false;
	for (uint32_t i = 0; i < n; i++)
		order[i] = (PlItemRef){i, &p->items[i]};
	qsort(order, n, sizeof *order, cmp_item_ref);
	for (uint32_t i = 0; i < n; i++)
		newidx[order[i].idx] = i;
	for (uint32_t i = 0; i < n; i++) {
		items[i] = p->items[order[i].idx];
		if (items[i].parent >= 0)
			items[i].parent = (int32_t)newidx[items[i].parent];
	}
	for (uint32_t d = 0; d < p->d.ndomains; d++) {
		SynthDomainPlan *dp = &p->doms[d];
		uint32_t *it = (uint32_t *)dp->items;
		for (uint32_t k = 0; k < dp->nitems; k++)
			it[k] = newidx[it[k]];
		SynthHwRegion *r = (SynthHwRegion *)dp->regions;
		for (uint32_t k = 0; k < dp->nregions; k++)
			if (r[k].item >= 0)
				r[k].item = (int32_t)newidx[r[k].item];
	}
	p->items = items;
	p->capitems = n;
	p->d.items = items;
	return true;
}

bool pl_plan_finish(SynthPlan *p, const SynthPlanInputDesc *in)
{
	(void)in;
	if (!sort_plan_items(p))
		return false;
	pl_plan_totals(p);
	return !p->arena.oom;
}

/* The input the models plan: the memory requests, then one request per
 * state section (reserve = min = its size, its alignment, any bank), each
 * domain's members extended with the state sections it owns. Allocated in
 * the plan's arena; p->nmemreq tells the two apart. */
static bool pl_plan_input(SynthPlan *p, const SynthPlanInputDesc *in, SynthPlanInputDesc *out)
{
	uint32_t nm = in->nrequests, n = nm + in->nstates;
	*out = *in;
	p->nmemreq = nm;
	if (!in->nstates)
		return true;
	SynthMemRequest *req = pl_alloc(&p->arena, sizeof *req * n);
	SynthDomain *dom = pl_alloc(&p->arena, sizeof *dom * (in->ndomains + 1));
	if (!req || !dom)
		return false;
	if (nm) /* a plan of state sections alone has no memory request */
		memcpy(req, in->requests, sizeof *req * nm);
	bool *ro = pl_alloc(&p->arena, sizeof *ro * in->nstates);
	if (!ro)
		return false;
	p->state_ro = ro;
	for (uint32_t s = 0; s < in->nstates; s++) {
		SynthMemRequest *q = &req[nm + s];
		ro[s] = in->states[s].readonly;
		memset(q, 0, sizeof *q);
		q->module = in->states[s].module;
		q->component = in->states[s].component;
		q->min_bytes = q->reserve = in->states[s].size;
		q->align = in->states[s].align;
		q->pinned = in->states[s].pinned;
		q->address = in->states[s].address;
	}
	for (uint32_t d = 0; d < in->ndomains; d++) {
		const SynthDomain *x = &in->domains[d];
		uint32_t *m = pl_alloc(&p->arena, sizeof *m * (x->nmems + x->nstates + 1));
		if (!m)
			return false;
		if (x->nmems)
			memcpy(m, x->mems, sizeof *m * x->nmems);
		for (uint32_t k = 0; k < x->nstates; k++)
			m[x->nmems + k] = nm + x->states[k];
		dom[d] = *x;
		dom[d].mems = m;
		dom[d].nmems = x->nmems + x->nstates;
	}
	out->requests = req;
	out->nrequests = n;
	out->domains = dom;
	/* "M.state" must not also name a per-domain fixed region "F.D". */
	for (uint32_t s = 0; s < in->nstates; s++)
		for (uint32_t f = 0; f < p->target.nfixed; f++)
			for (uint32_t d = 0; d < in->ndomains; d++)
				if (p->target.fixed[f].per_domain && p->target.fixed[f].regions &&
				    strcmp(p->target.fixed[f].name, in->states[s].module) == 0 &&
				    strcmp(in->domains[d].name, "state") == 0)
					pl_plan_diag(p, (PlDiag){.code = SYNTH_DIAG_NAME_CLASH, .domain = "state"},
					             "the state section %s.state and the %s region of domain \"state\" would have "
					             "the same name: rename the domain", in->states[s].module, p->target.fixed[f].name);
	return true;
}

SynthStatus synth_plan_compute(SynthContext *ctx, const SynthPlanTarget *target, const SynthPlanInput *in,
                               SynthPlanModel model, SynthPlan **out, SynthPlanError *err)
{
	pl_error_clear(err);
	*out = NULL;
	if (!target || !in)
		return pl_error(err, SYNTH_ERR_ARGUMENT, "", "", "no target or no input");
	if (!in->finished)
		return pl_error(err, SYNTH_ERR_ARGUMENT, "", "", "call synth_plan_input_finish() before planning");
	SynthPlan *p = pl_plan_new(ctx, &target->d, model);
	if (!p)
		return pl_error(err, SYNTH_ERR_NOMEM, "", "", "out of memory");
	SynthPlanInputDesc work;
	bool ok = pl_plan_input(p, &in->d, &work);
	ok = ok && (model == SYNTH_MODEL_B ? pl_plan_model_b(p, &work) : pl_plan_model_a(p, &work));
	if (!ok || !pl_plan_finish(p, &work) || p->why.oom) {
		synth_plan_free(p);
		return pl_error(err, SYNTH_ERR_NOMEM, "", "", "out of memory");
	}
	*out = p;
	return SYNTH_OK;
}
