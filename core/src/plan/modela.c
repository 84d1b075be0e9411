/* modela.c - model A: one shared linear memory holding every component's
 * slice, carved per domain with regions or subregions.
 *
 * Two layouts are tried and the better one kept (enforced first, then the
 * smaller linear memory):
 *  - subregions (PMSAv7 only): the linear memory is the first k eighths of one
 *    power-of-two block P; every slice is a whole number of eighths, and each
 *    domain gets one region over the block with SRD enabling its eighths;
 *  - tight: slices back to back at the unit's granule, grouped by domain; each
 *    domain covers its runs of slices exactly when its budget allows.
 * When a domain's exact cover does not fit its budget, ranges are coarsened
 * (one region over a superset) or merged with their neighbours, cheapest
 * exposure per saved region first; the bytes so granted are recorded as the
 * domain's exposures and its boundaries reported as not enforced.
 *
 * Address pins: the linear memory then starts at the lowest pinned address;
 * the pinned slices sit at their addresses (by address, none may overlap
 * the one before), the others follow the last one in the usual order, and
 * only the tight layout is tried. The carving then does what it can with
 * the bases it is given (a pin off the regions' alignment costs regions or
 * exposure, which the plan reports as usual). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan_internal.h"

/* One range of a domain's carving and how it is covered. */
typedef struct Carve {
	uint64_t lo, hi;      /* own bytes (after merges: gaps included) */
	uint32_t exact;       /* cost of the exact cover, UINT32_MAX when impossible */
	SynthHwRegion coarse; /* one region over a superset */
	bool has_coarse;      /* coarse is usable */
	bool use_coarse;      /* chosen */
} Carve;

/* Smallest single region granting a superset of [lo, hi). */
static bool coarse_region(const SynthPlanTargetDesc *t, uint64_t lo, uint64_t hi, SynthHwRegion *r)
{
	memset(r, 0, sizeof *r);
	switch (t->mpu) {
	case SYNTH_MPU_PMSAV8:
		r->base = lo & ~31ULL;
		r->size = pl_align_up(hi, 32) - r->base;
		return true;
	case SYNTH_MPU_PMP:
		if (!t->pmp_napot) {
			if (!t->pmp_tor)
				return false;
			r->base = lo & ~(t->granule - 1);
			r->size = pl_align_up(hi, t->granule) - r->base;
			r->pmp_mode = SYNTH_PMP_TOR;
			return true;
		}
		for (uint64_t p = t->granule > 8 ? t->granule : 8; p <= PL_ADDR_LIMIT; p *= 2) {
			uint64_t a = lo & ~(p - 1);
			if (a + p >= hi) {
				r->base = a, r->size = p, r->pmp_mode = SYNTH_PMP_NAPOT;
				return true;
			}
		}
		return false;
	case SYNTH_MPU_PMSAV7:
		for (uint64_t p = 32; p <= PL_ADDR_LIMIT; p *= 2) {
			uint64_t a = lo & ~(p - 1);
			if (a + p < hi)
				continue;
			r->base = a, r->size = p;
			if (p >= 256) {
				uint64_t s = p / 8;
				for (int i = 0; i < 8; i++) {
					uint64_t sl = a + s * (uint64_t)i;
					if (sl + s <= lo || sl >= hi)
						r->srd |= (uint8_t)(1u << i);
				}
			}
			return true;
		}
		return false;
	}
	return false;
}

static uint64_t granted_bytes(const SynthHwRegion *r)
{
	uint64_t lo[8], hi[8], n = 0;
	int k = pl_region_ranges(r, lo, hi);
	for (int i = 0; i < k; i++)
		n += hi[i] - lo[i];
	return n;
}

static void carve_eval(const SynthPlanTargetDesc *t, Carve *c)
{
	c->exact = pl_cover_cost(t, c->lo, c->hi);
	c->has_coarse = coarse_region(t, c->lo, c->hi, &c->coarse);
	c->use_coarse = c->exact == UINT32_MAX;
}

static uint32_t carve_cost(const SynthPlanTargetDesc *t, const Carve *c)
{
	return c->use_coarse ? pl_region_cost(t, &c->coarse) : c->exact;
}

static uint64_t carve_exposure(const Carve *c, uint64_t own)
{
	uint64_t g = c->use_coarse ? granted_bytes(&c->coarse) : c->hi - c->lo;
	return g > own ? g - own : 0;
}

/* Carves domain ranges within budget; fills the domain's table after the
 * fixed regions already in tab[0..*n). Returns false when impossible. */
static bool carve_domain(SynthPlan *p, SynthDomainPlan *dp, SynthRange *own, int nown, uint32_t budget,
                         SynthHwRegion *tab, uint32_t *n, uint32_t cap)
{
	const SynthPlanTargetDesc *t = &p->target;
	Carve c[PL_MAX_REGIONS * 4];
	uint64_t ownb[PL_MAX_REGIONS * 4];
	int nc = 0;
	nown = pl_ranges_norm(own, nown);
	if (nown > PL_MAX_REGIONS * 4)
		return false;
	for (int i = 0; i < nown; i++) {
		c[nc].lo = own[i].base;
		c[nc].hi = own[i].base + own[i].size;
		ownb[nc] = own[i].size;
		carve_eval(t, &c[nc]);
		nc++;
	}
	for (;;) {
		uint32_t total = 0;
		for (int i = 0; i < nc; i++)
			total += carve_cost(t, &c[i]);
		if (total <= budget)
			break;
		/* Cheapest exposure per saved region: coarsen one range, or merge two neighbours. */
		int bi = -1;
		bool bmerge = false;
		uint64_t bx = 0;
		uint32_t bs = 1;
		for (int i = 0; i < nc; i++) {
			if (!c[i].use_coarse && c[i].has_coarse) {
				Carve x = c[i];
				x.use_coarse = true;
				uint32_t save = carve_cost(t, &c[i]) > carve_cost(t, &x) ? carve_cost(t, &c[i]) - carve_cost(t, &x) : 0;
				uint64_t xp = carve_exposure(&x, ownb[i]);
				if (save && (bi < 0 || xp * bs < bx * save))
					bi = i, bmerge = false, bx = xp, bs = save;
			}
			if (i + 1 < nc) {
				Carve m = {.lo = c[i].lo, .hi = c[i + 1].hi};
				carve_eval(t, &m);
				uint32_t before = carve_cost(t, &c[i]) + carve_cost(t, &c[i + 1]);
				/* The merged range takes its cheaper option if exact is not cheaper than before. */
				if (m.exact >= before && m.has_coarse)
					m.use_coarse = true;
				uint32_t after = carve_cost(t, &m);
				uint32_t save = before > after ? before - after : 0;
				uint64_t xp = carve_exposure(&m, ownb[i] + ownb[i + 1]);
				if (save && (bi < 0 || xp * bs < bx * save))
					bi = i, bmerge = true, bx = xp, bs = save;
			}
		}
		if (bi < 0)
			return false;
		if (bmerge) {
			Carve m = {.lo = c[bi].lo, .hi = c[bi + 1].hi};
			carve_eval(t, &m);
			uint32_t before = carve_cost(t, &c[bi]) + carve_cost(t, &c[bi + 1]);
			if (m.exact >= before && m.has_coarse)
				m.use_coarse = true;
			c[bi] = m;
			ownb[bi] += ownb[bi + 1];
			memmove(&c[bi + 1], &c[bi + 2], sizeof *c * (size_t)(nc - bi - 2));
			memmove(&ownb[bi + 1], &ownb[bi + 2], sizeof *ownb * (size_t)(nc - bi - 2));
			nc--;
		} else {
			c[bi].use_coarse = true;
		}
	}
	/* Emit, and record what is granted beyond the own ranges. */
	SynthRange granted[PL_MAX_REGIONS * 8];
	int ng = 0;
	for (int i = 0; i < nc; i++) {
		uint32_t acc = SYNTH_ACCESS_R | SYNTH_ACCESS_W;
		if (c[i].use_coarse) {
			if (*n >= cap)
				return false;
			SynthHwRegion r = c[i].coarse;
			r.access = acc;
			r.item = -1;
			tab[(*n)++] = r;
		} else {
			int k = pl_cover(t, c[i].lo, c[i].hi, acc, -1, tab + *n, (int)(cap - *n));
			if (k < 0)
				return false;
			*n += (uint32_t)k;
		}
	}
	for (uint32_t i = 0; i < *n; i++) {
		if (tab[i].item != -1 || (tab[i].access & SYNTH_ACCESS_X))
			continue;
		uint64_t lo[8], hi[8];
		int k = pl_region_ranges(&tab[i], lo, hi);
		for (int j = 0; j < k && ng < PL_MAX_REGIONS * 8; j++)
			granted[ng++] = (SynthRange){lo[j], hi[j] - lo[j]};
	}
	ng = pl_ranges_norm(granted, ng);
	SynthRange ex[PL_MAX_REGIONS * 8];
	int nx = pl_ranges_sub(granted, ng, own, nown, ex, PL_MAX_REGIONS * 8);
	if (nx < 0)
		return false;
	dp->exposed = 0;
	for (int i = 0; i < nx; i++)
		dp->exposed += ex[i].size;
	dp->enforced = nx == 0;
	SynthRange *exr = pl_alloc(&p->arena, sizeof *exr * (nx ? (size_t)nx : 1));
	if (!exr)
		return false;
	memcpy(exr, ex, sizeof *ex * (size_t)nx);
	dp->exposures = exr;
	dp->nexposures = (uint32_t)nx;
	return true;
}

/* A candidate layout of the linear memory. */
typedef struct ALayout {
	uint64_t *off, *size;  /* per request: offset in the linear memory and slice size */
	uint64_t total;        /* linear memory size */
	uint64_t align;        /* its base alignment */
	uint64_t block;        /* subregion variant: the block P; 0 for tight */
} ALayout;

/* Slices grouped by domain, largest first within a domain. */
static uint32_t slice_order(PlArena *a, const SynthPlanInputDesc *in, const uint64_t *res, const int *partner,
                            uint32_t nmem, uint32_t *order)
{
	uint32_t n = 0;
	bool *done = pl_alloc(a, sizeof *done * in->nrequests);
	for (uint32_t d = 0; d < in->ndomains; d++) {
		uint32_t start = n;
		for (uint32_t k = 0; k < in->domains[d].nmems; k++) {
			uint32_t r = in->domains[d].mems[k];
			if ((done && done[r]) || (r >= nmem && partner[r] >= 0))
				continue; /* placed, or at the end of its memory's slice */
			if (done)
				done[r] = true;
			order[n++] = r;
		}
		for (uint32_t i = start + 1; i < n; i++) /* insertion sort, stable */
			for (uint32_t j = i; j > start && res[order[j]] > res[order[j - 1]]; j--) {
				uint32_t x = order[j];
				order[j] = order[j - 1];
				order[j - 1] = x;
			}
	}
	return n;
}

/* Model A puts a state section at the end of the slice of a memory of
 * exactly the same domains (its own module's first, the smallest: the one
 * whose rounding most likely has room), so that it costs no slice, no
 * alignment and no region of its own. partner[] links the two; res[] is what each slice
 * holds (the memory's reserve, then the state). */
static void state_slices(const SynthPlan *p, const SynthPlanInputDesc *in, int *partner, uint64_t *res)
{
	uint32_t nr = in->nrequests;
	for (uint32_t r = 0; r < nr; r++) {
		partner[r] = -1;
		res[r] = in->requests[r].reserve;
	}
	for (uint32_t s = p->nmemreq; s < nr; s++) {
		const SynthMemRequest *qs = &in->requests[s];
		if (qs->align != 32 || qs->pinned)
			continue; /* a pinned state keeps its own base */
		int best = -1;
		for (int pass = 0; pass < 2 && best < 0; pass++)
			for (uint32_t r = 0; r < p->nmemreq; r++)
				if ((strcmp(in->requests[r].module, qs->module) == 0) == (pass == 0) && partner[r] < 0 &&
				    !in->requests[r].pinned && pl_same_domains(in, r, s) && (best < 0 || res[r] < res[best]))
					best = (int)r;
		if (best < 0)
			continue;
		partner[best] = (int)s;
		partner[s] = best;
		res[best] = pl_align_up(res[best], 32) + qs->reserve;
	}
}

bool pl_plan_model_a(SynthPlan *p, const SynthPlanInputDesc *in)
{
	const SynthPlanTargetDesc *t = &p->target;
	uint32_t nr = in->nrequests, nd = in->ndomains;
	uint32_t budget = t->nregions - pl_fixed_cost(t);
	PlPlace *v = pl_alloc(&p->arena, sizeof *v * (t->nfixed * (nd + 1) + 2));
	PlFree *free = pl_alloc(&p->arena, sizeof *free * t->nbanks);
	uint32_t *order = pl_alloc(&p->arena, sizeof *order * nr);
	int *partner = pl_alloc(&p->arena, sizeof *partner * (nr + 1));
	uint64_t *res = pl_alloc(&p->arena, sizeof *res * (nr + 1));
	ALayout lay[2];
	for (int i = 0; i < 2; i++) {
		lay[i].off = pl_alloc(&p->arena, sizeof(uint64_t) * nr);
		lay[i].size = pl_alloc(&p->arena, sizeof(uint64_t) * nr);
		lay[i].total = lay[i].block = 0;
	}
	if (!v || !free || !order || !partner || !res || !lay[0].off || !lay[0].size || !lay[1].off || !lay[1].size ||
	    !pl_plan_alloc_domains(p, nd))
		return false;
	/* A fused module's read-only state would be a slice under its
	 * domains' read-write carving: model A cannot keep it read-only. */
	for (uint32_t r = p->nmemreq; r < nr; r++)
		if (p->state_ro && p->state_ro[r - p->nmemreq]) {
			char iname[300];
			pl_state_name(in->requests[r].module, in->requests[r].component, PL_STATE_ITEM, iname, sizeof iname);
			pl_plan_diag(p, (PlDiag){.code = SYNTH_DIAG_UNCOVERABLE, .item = iname},
			             "model A cannot keep the read-only state section %s (%llu bytes) read-only inside its "
			             "domains' read-write carving: plan model B", iname,
			             (unsigned long long)in->requests[r].reserve);
		}
	state_slices(p, in, partner, res);
	uint32_t ns = slice_order(&p->arena, in, res, partner, p->nmemreq, order);
	pl_free_init(t, free);
	int nv = 0;
	if (!pl_fixed_items(p, in, free, v, &nv))
		return false;

	/* Tight layout. */
	uint64_t g = t->min_align > 32 ? t->min_align : 32;
	if (t->mpu == SYNTH_MPU_PMP)
		g = t->min_align;
	uint64_t big = 0, maxalign = g;
	/* Pinned slices first, by address, each at its offset from the lowest. */
	uint32_t npin = 0;
	for (uint32_t i = 0; i < ns; i++) {
		if (!in->requests[order[i]].pinned)
			continue;
		uint32_t x = order[i];
		memmove(&order[npin + 1], &order[npin], sizeof *order * (i - npin));
		order[npin] = x;
		for (uint32_t j = npin; j > 0 && in->requests[order[j]].address < in->requests[order[j - 1]].address; j--) {
			x = order[j];
			order[j] = order[j - 1];
			order[j - 1] = x;
		}
		npin++;
	}
	uint64_t pin_base = npin ? in->requests[order[0]].address : 0;
	bool pins_ok = true;
	for (uint32_t i = 0; i < npin; i++) {
		uint32_t r = order[i];
		const SynthMemRequest *q = &in->requests[r];
		char name[300];
		SynthPlanItem tmp;
		pl_request_item(p, in, r, name, sizeof name, &tmp);
		uint64_t a = q->align > g ? q->align : g;
		bool ok = pl_pin_aligned(p, q, name);
		if (ok && q->address % a) {
			pl_plan_diag(p, (PlDiag){.code = SYNTH_DIAG_PIN_ALIGN, .item = name, .address = q->address},
			             "%s is pinned at 0x%08llx, which is not aligned to %llu bytes (its slice's alignment)",
			             name, (unsigned long long)q->address, (unsigned long long)a);
			ok = false;
		}
		if (ok && q->address - pin_base < lay[0].total) {
			char s1[32];
			pl_plan_diag(p, (PlDiag){.code = SYNTH_DIAG_PIN_OVERLAP, .item = name, .address = q->address},
			             "%s is pinned at 0x%08llx: its %s overlap the pinned slice before it, which ends at "
			             "0x%08llx", name, (unsigned long long)q->address, pl_size_str(res[r], s1),
			             (unsigned long long)(pin_base + lay[0].total));
			ok = false;
		}
		pins_ok &= ok;
		lay[0].off[r] = ok ? q->address - pin_base : pl_align_up(lay[0].total, a);
		lay[0].size[r] = pl_align_up(res[r], g);
		lay[0].total = lay[0].off[r] + lay[0].size[r];
		big = res[r] > big ? res[r] : big;
	}
	for (uint32_t i = npin; i < ns; i++) {
		const SynthMemRequest *q = &in->requests[order[i]];
		uint64_t a = q->align > g ? q->align : g;
		if (partner[order[i]] >= 0 && a < 32)
			a = 32; /* the state at the slice's end is 32-byte aligned */
		/* aligned in the address space: the base is a pin's, not aligned to a */
		lay[0].total = pl_align_up(pin_base + lay[0].total, a) - pin_base;
		lay[0].off[order[i]] = lay[0].total;
		lay[0].size[order[i]] = pl_align_up(res[order[i]], g);
		lay[0].total += lay[0].size[order[i]];
		if (res[order[i]] > big)
			big = res[order[i]];
		if (a > maxalign)
			maxalign = a;
	}
	lay[0].align = maxalign;
	if (t->mpu == SYNTH_MPU_PMSAV7 && pl_pow2_ceil(big) > lay[0].align && !npin)
		lay[0].align = pl_pow2_ceil(big); /* so the largest slice can have its own block */
	int nlay = 1;
	/* Subregion layout (PMSAv7): the smallest block whose eighths hold every slice. */
	if (t->mpu == SYNTH_MPU_PMSAV7 && ns <= 8 && !npin) {
		for (uint64_t P = 256; P <= PL_ADDR_LIMIT; P *= 2) {
			uint64_t s = P / 8, sum = 0;
			bool ok = true;
			for (uint32_t i = 0; i < ns; i++) {
				const SynthMemRequest *q = &in->requests[order[i]];
				ok &= q->align <= s || (sum % q->align == 0);
				sum += pl_align_up(res[order[i]], s);
			}
			if (!ok || sum > P)
				continue;
			uint64_t o = 0;
			for (uint32_t i = 0; i < ns; i++) {
				lay[1].off[order[i]] = o;
				lay[1].size[order[i]] = pl_align_up(res[order[i]], s);
				o += lay[1].size[order[i]];
			}
			lay[1].total = o;
			lay[1].align = P > t->min_align ? P : t->min_align;
			lay[1].block = P;
			nlay = 2;
			break;
		}
	}
	/* Pick: enforced first (subregions always are), then the smaller memory. */
	int pickl = 0;
	if (nlay == 2) {
		bool tight_ok = true;
		for (uint32_t d = 0; d < nd && tight_ok; d++) {
			uint32_t cost = 0;
			for (uint32_t k = 0; k < in->domains[d].nmems; k++) {
				uint32_t r = in->domains[d].mems[k];
				if (r >= p->nmemreq && partner[r] >= 0)
					continue; /* inside its memory's slice */
				uint64_t b = lay[0].align + lay[0].off[r];
				uint32_t c = pl_cover_cost(t, b, b + lay[0].size[r]);
				cost += c == UINT32_MAX ? budget + 1 : c;
			}
			tight_ok = cost <= budget;
		}
		if (!tight_ok || lay[1].total <= lay[0].total)
			pickl = 1;
	}
	ALayout *L = &lay[pickl];
	/* A merged state takes the end of its memory's slice. */
	for (uint32_t r = p->nmemreq; r < nr; r++) {
		if (partner[r] < 0)
			continue;
		uint32_t m = (uint32_t)partner[r];
		L->size[m] -= in->requests[r].reserve;
		L->off[r] = L->off[m] + L->size[m];
		L->size[r] = in->requests[r].reserve;
	}

	SynthPlanItem li;
	memset(&li, 0, sizeof li);
	li.kind = SYNTH_ITEM_LINEAR;
	li.name = "linear";
	li.access = SYNTH_ACCESS_R | SYNTH_ACCESS_W;
	li.parent = -1;
	li.domain = -1;
	li.want = 0;
	for (uint32_t r = 0; r < nr; r++)
		li.want += in->requests[r].reserve;
	int lidx = pl_plan_add_item(p, &li);
	if (lidx < 0)
		return false;
	v[nv].item = lidx;
	v[nv].shape = (PlShape){L->total, L->align, 0};
	v[nv].banks = ~0ULL;
	for (uint32_t r = 0; r < nr; r++)
		v[nv].banks &= pl_request_banks(t, &in->requests[r]);
	if (!v[nv].banks)
		pl_plan_diag(p, (PlDiag){.code = SYNTH_DIAG_NO_BANK, .item = "linear"},
		             "the linear memory holds every slice, but no single bank has what all of them need");
	if (npin) {
		/* At the lowest pin, before the packer places the fixed regions around it. */
		char name[300];
		SynthPlanItem tmp;
		pl_request_item(p, in, order[0], name, sizeof name, &tmp);
		int b = -1;
		if (pins_ok && v[nv].banks)
			b = pl_pin_take(p, free, name, "the linear memory from there (%s, every slice)", v[nv].banks, pin_base,
			                L->total);
		if (b >= 0) {
			p->items[lidx].base = pin_base;
			p->items[lidx].size = L->total;
			p->items[lidx].bank = t->banks[b].name;
		}
	} else {
		nv++;
	}
	bool placed = pl_pack(p, free, v, nv);
	if (!placed && p->items[lidx].bank == NULL && !npin) {
		char s1[32];
		uint64_t best = 0;
		for (uint32_t b = 0; b < t->nbanks; b++) {
			uint64_t largest, total;
			pl_free_stats(&free[b], &largest, &total);
			best = largest > best ? largest : best;
		}
		pl_plan_diag(p, (PlDiag){.code = SYNTH_DIAG_LINEAR, .item = "linear",
		                         .bytes_short = L->total > best ? L->total - best : 0},
		             "model A needs one bank with %s contiguous for the linear memory",
		            pl_size_str(L->total, s1));
	}
	const SynthPlanItem *lin = &p->items[lidx];
	int *mem_item = pl_alloc(&p->arena, sizeof *mem_item * nr);
	if (!mem_item)
		return false;
	for (uint32_t r = 0; r < nr; r++) {
		SynthPlanItem it;
		char name[300];
		pl_request_item(p, in, r, name, sizeof name, &it);
		it.parent = lidx;
		it.bank = lin->bank;
		it.base = lin->base + L->off[r];
		it.size = L->size[r];
		mem_item[r] = pl_plan_add_item(p, &it);
		if (mem_item[r] < 0)
			return false;
		lin = &p->items[lidx]; /* the item array may have moved */
	}
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
		SynthRange *own = pl_alloc(&p->arena, sizeof *own * (in->domains[d].nmems + 1));
		if (!items || !own)
			return false;
		for (uint32_t k = 0; k < in->domains[d].nmems; k++) {
			int i = mem_item[in->domains[d].mems[k]];
			items[dp->nitems] = (uint32_t)i;
			own[dp->nitems] = (SynthRange){p->items[i].base, p->items[i].size};
			dp->nitems++;
		}
		dp->items = items;
		if (lin->bank) {
			uint32_t first = n;
			SynthRange ownc[PL_MAX_REGIONS * 4];
			if (dp->nitems > PL_MAX_REGIONS * 4) {
				pl_plan_diag(p, (PlDiag){.code = SYNTH_DIAG_REGIONS, .domain = dp->name, .regions_over = 1},
				             "domain \"%s\" touches too many memories", dp->name);
				continue;
			}
			memcpy(ownc, own, sizeof *own * dp->nitems);
			if (L->block) {
				/* One region over the block, its eighths enabled where the domain's slices are. */
				SynthHwRegion r;
				memset(&r, 0, sizeof r);
				r.base = lin->base;
				r.size = L->block;
				r.access = SYNTH_ACCESS_R | SYNTH_ACCESS_W;
				r.item = dp->nitems == 1 ? (int32_t)items[0] : -1;
				uint8_t en = 0;
				uint64_t s = L->block / 8;
				for (uint32_t k = 0; k < dp->nitems; k++)
					for (int e = 0; e < 8; e++) {
						uint64_t sl = lin->base + s * (uint64_t)e;
						if (sl >= own[k].base && sl < own[k].base + own[k].size)
							en |= (uint8_t)(1u << e);
					}
				r.srd = (uint8_t)~en;
				tab[n++] = r;
				dp->exposures = pl_alloc(&p->arena, sizeof(SynthRange));
			} else if (!carve_domain(p, dp, ownc, (int)dp->nitems, dp->budget - dp->fixed_regions, tab, &n,
			                         PL_MAX_REGIONS * 2)) {
				pl_plan_diag(p, (PlDiag){.code = SYNTH_DIAG_REGIONS, .domain = dp->name, .regions_over = 1},
				             "domain \"%s\" cannot be carved within %u regions", dp->name,
				            dp->budget - dp->fixed_regions);
			}
			/* Name the item a region grants when it grants exactly one slice. */
			for (uint32_t i = first; i < n; i++) {
				if (tab[i].item != -1 || !dp->enforced)
					continue;
				uint64_t lo[8], hi[8];
				int kk = pl_region_ranges(&tab[i], lo, hi);
				for (uint32_t k = 0; k < dp->nitems && kk == 1; k++)
					if (lo[0] >= own[k].base && hi[0] <= own[k].base + own[k].size)
						tab[i].item = (int32_t)items[k];
			}
		}
		SynthHwRegion *regs = pl_alloc(&p->arena, sizeof *regs * (n ? n : 1));
		if (!regs)
			return false;
		memcpy(regs, tab, sizeof *regs * n);
		dp->regions = regs;
		dp->nregions = n;
		for (uint32_t i = 0; i < n; i++)
			dp->used += pl_region_cost(t, &tab[i]);
		if (dp->used > dp->budget)
			pl_plan_diag(p, (PlDiag){.code = SYNTH_DIAG_REGIONS, .domain = dp->name,
			                         .regions_over = dp->used - dp->budget},
			             "domain \"%s\" needs %u regions, %u available", dp->name, dp->used, dp->budget);
	}
	return !p->arena.oom;
}
