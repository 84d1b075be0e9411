/* rega.c - register allocation over machine IR: linear scan (Poletto and
 * Sarkar) on live intervals from block-level liveness, with fixed
 * physical-register ranges for calls, arguments and results.
 *
 * Instructions are numbered in layout order, two positions each: operands
 * are read at the even position and written at the odd one, so a result may
 * share a register with an operand that dies there. A virtual register's
 * live interval is a sorted list of disjoint ranges with lifetime holes
 * between them; two vregs may share a register when their ranges never
 * meet, even if their intervals (first to last position) overlap. A
 * physical register is busy from each write to its last read in the same
 * block (argument and result moves, parameters) and at every call that
 * clobbers it (r0-r3, r12, lr).
 *
 * Intervals are visited by start. A vreg tries the register it is moved
 * from or to (hint), then its copy partners' registers, then the
 * preference order. When none is free, the register whose meeting
 * intervals cost least to spill is freed, if that is cheaper than spilling
 * the new one; the cost of a vreg is its uses and definitions (x8 per loop
 * level) divided by the square root of the positions it spans, and a
 * reload or spill temporary (at most 3 positions) is never chosen. Every
 * definition of a spilled register then writes a fresh short-lived register
 * stored to its stack slot, every use reloads one, and allocation starts
 * again; short intervals always find a register, so this converges (the
 * rounds are bounded at 256; reaching that is SYNTH_ERR_INTERNAL). */
#include <stdlib.h>
#include <string.h>

#include "mir.h"

#define TRY(x) do { SynthStatus st_ = (x); if (st_ != SYNTH_OK) return st_; } while (0)
#define CALLER_SAVED ((1ull << 0) | (1ull << 1) | (1ull << 2) | (1ull << 3) | (1ull << 12) | (1ull << 14) | \
                      (0xffffull << MIR_S0))
#define NPHYS 64

typedef struct Range { uint32_t from, to; } Range;

typedef struct RA {
	SynthContext *ctx;
	MFunc *f;
	SyAlloc *a;
	uint32_t nv;            /* virtual registers (index = vreg - MIR_VREG0) */
	uint32_t *start, *end;  /* interval per vreg; start == UINT32_MAX: unused */
	float *weight;          /* uses and definitions, x8 per loop level: the cost of spilling */
	Range **rng;            /* live ranges per vreg, sorted, disjoint (lifetime holes between) */
	uint32_t *nrng, *caprng;
	Range *fixed[NPHYS];    /* busy ranges per physical register, by increasing `to` */
	uint32_t maxspan;       /* longest fixed range (to - from) */
	uint32_t nfixed[NPHYS], capfixed[NPHYS];
	uint32_t *assign;       /* physical register per vreg, or UINT32_MAX spilled */
	uint32_t *hint;         /* physical register a vreg is moved from/to, or UINT32_MAX */
	uint32_t *pstart;       /* partners (vregs joined by a MOV): CSR offsets per vreg... */
	uint32_t *partner;      /* ...and the partner lists */
	bool oom;
} RA;

static void *ra_alloc(RA *ra, size_t n, size_t el)
{
	void *p = sy_arena_array(ra->f->ar, n ? n : 1, el);
	if (!p)
		ra->oom = true;
	return p;
}

static void add_fixed(RA *ra, uint32_t p, uint32_t from, uint32_t to)
{
	if (p >= NPHYS)
		return;
	if (ra->nfixed[p] == ra->capfixed[p]) {
		uint32_t cap = ra->capfixed[p] ? ra->capfixed[p] * 2 : 16;
		Range *n = ra_alloc(ra, cap, sizeof *n);
		if (!n)
			return;
		if (ra->nfixed[p])
			memcpy(n, ra->fixed[p], ra->nfixed[p] * sizeof *n);
		ra->fixed[p] = n;
		ra->capfixed[p] = cap;
	}
	ra->fixed[p][ra->nfixed[p]++] = (Range){from, to};
	if (to - from > ra->maxspan)
		ra->maxspan = to - from;
}

/* Fixed ranges are recorded in increasing `to` order (one forward walk),
 * so the first that can meet v is found by binary search; none is longer
 * than maxspan, which bounds the scan. */
static bool fixed_conflict(const RA *ra, uint32_t p, uint32_t v)
{
	const Range *r = ra->rng[v], *fx = ra->fixed[p];
	uint32_t n = ra->nrng[v], lo = 0, hi = ra->nfixed[p];
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (fx[mid].to < ra->start[v])
			lo = mid + 1;
		else
			hi = mid;
	}
	for (uint32_t k = lo; k < ra->nfixed[p]; k++) {
		Range f = fx[k];
		if (f.to > ra->end[v] + ra->maxspan)
			break; /* every later range starts after v ends */
		for (uint32_t q = 0; q < n; q++)
			if (f.from <= r[q].to && r[q].from <= f.to)
				return true;
	}
	return false;
}

/* Implicit physical uses and definitions of an instruction (bit p for
 * physical register p: core 0-15, VFP s0-s31 at MIR_S0..). */
static uint64_t implicit_uses(const MIns *i)
{
	if (i->op == MIR_CALL || i->op == MIR_CALLR)
		return (uint64_t)i->imm | (uint64_t)i->smask << MIR_S0;
	if (i->op == MIR_RET)
		return ((1ull << (uint32_t)i->imm) - 1) | (uint64_t)i->smask << MIR_S0;
	if (i->op == MIR_VMOVFS)
		return 1ull << (MIR_S0 + i->imm);
	return 0;
}

static uint64_t implicit_defs(const MIns *i)
{
	if (i->op == MIR_CALL || i->op == MIR_CALLR)
		return CALLER_SAVED;
	if (i->op == MIR_VMOVTS)
		return 1ull << (MIR_S0 + i->imm);
	return 0;
}

static uint32_t block_successors(const MFunc *f, const MBlock *b, uint32_t *succ)
{
	uint32_t n = 0;
	for (uint32_t k = 0; k < b->n; k++)
		if (b->ins[k].op == MIR_B || b->ins[k].op == MIR_BCC)
			succ[n++] = b->ins[k].aux;
		else if (b->ins[k].op == MIR_JTAB)
			for (uint32_t j = 0; j < b->ins[k].aux; j++)
				succ[n++] = f->jt[b->ins[k].imm + j];
	return n;
}

/* Most successors block_successors() can list for a block of f. */
static uint32_t max_successors(const MFunc *f)
{
	uint32_t maxn = 1;
	for (uint32_t b = 0; b < f->nblocks; b++) {
		uint32_t n = f->blocks[b].n;
		for (uint32_t k = 0; k < f->blocks[b].n; k++)
			if (f->blocks[b].ins[k].op == MIR_JTAB)
				n += f->blocks[b].ins[k].aux;
		maxn = n > maxn ? n : maxn;
	}
	return maxn;
}

/* Appends a live range of v (ranges arrive in decreasing position order). */
static void add_range(RA *ra, uint32_t v, uint32_t from, uint32_t to)
{
	if (ra->nrng[v] == ra->caprng[v]) {
		uint32_t cap = ra->caprng[v] ? ra->caprng[v] * 2 : 4;
		Range *n = ra_alloc(ra, cap, sizeof *n);
		if (!n)
			return;
		if (ra->nrng[v])
			memcpy(n, ra->rng[v], ra->nrng[v] * sizeof *n);
		ra->rng[v] = n;
		ra->caprng[v] = cap;
	}
	ra->rng[v][ra->nrng[v]++] = (Range){from, to};
}

/* Whether two sorted range lists overlap. */
static bool ranges_meet(const Range *a, uint32_t na, const Range *b, uint32_t nb)
{
	uint32_t i = 0, j = 0;
	while (i < na && j < nb) {
		if (a[i].to < b[j].from)
			i++;
		else if (b[j].to < a[i].from)
			j++;
		else
			return true;
	}
	return false;
}

/* Liveness and intervals. */
static void build_intervals(RA *ra)
{
	MFunc *f = ra->f;
	uint32_t nv = ra->nv, words = (nv + 63) / 64, nb = f->nblocks;
	uint64_t *in = ra_alloc(ra, (size_t)nb * words, 8);
	uint64_t *out = ra_alloc(ra, (size_t)nb * words, 8);
	uint64_t *use = ra_alloc(ra, (size_t)nb * words, 8);
	uint64_t *defs = ra_alloc(ra, (size_t)nb * words, 8);
	uint32_t *bstart = ra_alloc(ra, nb, sizeof *bstart);
	uint32_t *bend = ra_alloc(ra, nb, sizeof *bend);
	uint32_t *succ = NULL;
	succ = ra_alloc(ra, max_successors(f), sizeof *succ);
	if (ra->oom)
		return;
#define BIT(set, b, v) ((set)[(size_t)(b) * words + ((v) >> 6)] & (1ull << ((v) & 63)))
#define SETBIT(set, b, v) ((set)[(size_t)(b) * words + ((v) >> 6)] |= (1ull << ((v) & 63)))
	uint32_t pos = 0;
	for (uint32_t b = 0; b < nb; b++) {
		const MBlock *bl = &f->blocks[b];
		bstart[b] = pos;
		for (uint32_t k = 0; k < bl->n; k++) {
			const MIns *i = &bl->ins[k];
			unsigned nd = mir_ndefs[i->op], nu = mir_nuses[i->op];
			for (unsigned j = nd; j < nd + nu; j++) {
				uint32_t r = i->r[j];
				if (r >= MIR_VREG0 && !BIT(defs, b, r - MIR_VREG0))
					SETBIT(use, b, r - MIR_VREG0);
			}
			for (unsigned j = 0; j < nd; j++)
				if (i->r[j] >= MIR_VREG0)
					SETBIT(defs, b, i->r[j] - MIR_VREG0);
			pos += 2;
		}
		bend[b] = pos ? pos - 1 : 0;
	}
	for (bool changed = true; changed;) {
		changed = false;
		for (uint32_t b = nb; b-- > 0;) {
			uint32_t ns = block_successors(f, &f->blocks[b], succ);
			for (uint32_t w = 0; w < words; w++) {
				uint64_t o = 0;
				for (uint32_t k = 0; k < ns; k++)
					o |= in[(size_t)succ[k] * words + w];
				uint64_t n = use[(size_t)b * words + w] | (o & ~defs[(size_t)b * words + w]);
				out[(size_t)b * words + w] = o;
				if (n != in[(size_t)b * words + w]) {
					in[(size_t)b * words + w] = n;
					changed = true;
				}
			}
		}
	}
	for (uint32_t v = 0; v < nv; v++) {
		ra->start[v] = UINT32_MAX;
		ra->end[v] = 0;
		ra->weight[v] = 0;
		ra->nrng[v] = 0;
	}
	for (uint32_t p = 0; p < NPHYS; p++)
		ra->nfixed[p] = 0;
	ra->maxspan = 0;
	/* Fixed physical ranges and spill weights, forwards. */
	pos = 0;
	for (uint32_t b = 0; b < nb; b++) {
		const MBlock *bl = &f->blocks[b];
		uint32_t lastdef[NPHYS];
		for (uint32_t p = 0; p < NPHYS; p++)
			lastdef[p] = bstart[b];
		float w = 1;
		for (uint32_t d = 0; d < bl->loop_depth && d < 6; d++)
			w *= 8;
		for (uint32_t k = 0; k < bl->n; k++, pos += 2) {
			const MIns *i = &bl->ins[k];
			unsigned nd = mir_ndefs[i->op], nu = mir_nuses[i->op];
			uint64_t uses = implicit_uses(i), defm = implicit_defs(i);
			for (unsigned j = 0; j < nd + nu; j++) {
				uint32_t r = i->r[j];
				if (r >= MIR_VREG0)
					ra->weight[r - MIR_VREG0] += w;
				else if (r < NPHYS && r != MIR_SP && r != 15) /* a physical D register: both halves */
					*(j < nd ? &defm : &uses) |= (i->op == MIR_MOV && (i->aux & MIR_DBL) ? 3ull : 1ull) << r;
			}
			for (uint32_t p = 0; p < NPHYS; p++)
				if (uses & (1ull << p))
					add_fixed(ra, p, lastdef[p], pos);
			for (uint32_t p = 0; p < NPHYS; p++)
				if (defm & (1ull << p)) {
					add_fixed(ra, p, pos + 1, pos + 1);
					lastdef[p] = pos + 1;
				}
		}
	}
	/* Live ranges, backwards: a value is live from its definition (or the
	 * block start) to its last use (or the block end when live out). */
	uint32_t *open = ra_alloc(ra, nv, sizeof *open);
	if (!open)
		return;
	for (uint32_t v = 0; v < nv; v++)
		open[v] = UINT32_MAX;
	uint32_t maxins = 0;
	for (uint32_t b = 0; b < nb; b++)
		maxins = f->blocks[b].n > maxins ? f->blocks[b].n : maxins;
	uint32_t *openlist = ra_alloc(ra, nv + 4 * (size_t)maxins + 1, sizeof *openlist);
	if (!openlist)
		return;
	for (uint32_t b = nb; b-- > 0;) {
		const MBlock *bl = &f->blocks[b];
		uint32_t nopen = 0;
		/* live out: walk the set bits only */
		for (uint32_t w = 0; w < words; w++)
			for (uint64_t bits = out[(size_t)b * words + w]; bits; bits &= bits - 1) {
				uint32_t v = w * 64 + (uint32_t)__builtin_ctzll(bits);
				open[v] = bend[b];
				openlist[nopen++] = v;
			}
		uint32_t p = bend[b] + 1;
		for (uint32_t k = bl->n; k-- > 0;) {
			p -= 2; /* position of instruction k: reads at p, writes at p + 1 */
			const MIns *i = &bl->ins[k];
			unsigned nd = mir_ndefs[i->op], nu = mir_nuses[i->op];
			for (unsigned j = 0; j < nd; j++) {
				uint32_t r = i->r[j];
				if (r < MIR_VREG0)
					continue;
				uint32_t v = r - MIR_VREG0;
				add_range(ra, v, p + 1, open[v] != UINT32_MAX ? open[v] : p + 1);
				open[v] = UINT32_MAX;
			}
			for (unsigned j = nd; j < nd + nu; j++) {
				uint32_t r = i->r[j];
				if (r >= MIR_VREG0 && open[r - MIR_VREG0] == UINT32_MAX) {
					open[r - MIR_VREG0] = p;
					openlist[nopen++] = r - MIR_VREG0;
				}
			}
		}
		for (uint32_t k = 0; k < nopen; k++) {
			uint32_t v = openlist[k];
			if (open[v] != UINT32_MAX) {
				add_range(ra, v, bstart[b], open[v]);
				open[v] = UINT32_MAX;
			}
		}
	}
	/* Ranges came backwards: reverse, merge touching ones, set start/end. */
	for (uint32_t v = 0; v < nv; v++) {
		Range *r = ra->rng[v];
		uint32_t n = ra->nrng[v];
		for (uint32_t a = 0, z = n ? n - 1 : 0; a < z; a++, z--) {
			Range t = r[a];
			r[a] = r[z];
			r[z] = t;
		}
		uint32_t m = 0;
		for (uint32_t k = 0; k < n; k++) {
			if (m && r[k].from <= r[m - 1].to + 1) {
				if (r[k].to > r[m - 1].to)
					r[m - 1].to = r[k].to;
			} else {
				r[m++] = r[k];
			}
		}
		ra->nrng[v] = m;
		if (m) {
			ra->start[v] = r[0].from;
			ra->end[v] = r[m - 1].to;
		}
	}
#undef BIT
#undef SETBIT
}

/* Sorts vreg indices by interval start. */
static void sort_by_start(uint32_t *idx, uint32_t n, const uint32_t *start)
{
	/* heap sort for O(n log n) without qsort's missing context argument */
	for (uint32_t i = n / 2; i-- > 0;) {
		uint32_t root = i;
		for (;;) {
			uint32_t c = 2 * root + 1;
			if (c >= n) break;
			if (c + 1 < n && start[idx[c + 1]] > start[idx[c]]) c++;
			if (start[idx[root]] >= start[idx[c]]) break;
			uint32_t t = idx[root]; idx[root] = idx[c]; idx[c] = t;
			root = c;
		}
	}
	for (uint32_t end = n; end-- > 1;) {
		uint32_t t = idx[0]; idx[0] = idx[end]; idx[end] = t;
		uint32_t root = 0;
		for (;;) {
			uint32_t c = 2 * root + 1;
			if (c >= end) break;
			if (c + 1 < end && start[idx[c + 1]] > start[idx[c]]) c++;
			if (start[idx[root]] >= start[idx[c]]) break;
			uint32_t tt = idx[root]; idx[root] = idx[c]; idx[c] = tt;
			root = c;
		}
	}
}

static const uint8_t pref[] = {0, 1, 2, 3, 12, 4, 5, 6, 7, 8, 9, 10, 11};
/* VFP: the caller-saved s0-s15 first, then the callee-saved s16-s31. */
static const uint8_t vpref[] = {32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47,
                                48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63};
/* D registers d0-d15 by their even halves, caller-saved d0-d7 first. */
static const uint8_t dpref[] = {32, 34, 36, 38, 40, 42, 44, 46, 48, 50, 52, 54, 56, 58, 60, 62};

/* Copy partners: a MOV between two registers is free when both get the same
 * one, so each vreg first tries its partners' registers (and a physical
 * register it is moved from or to). */
static void build_hints(RA *ra)
{
	MFunc *f = ra->f;
	uint32_t nv = ra->nv;
	ra->hint = ra_alloc(ra, nv, sizeof *ra->hint);
	ra->pstart = ra_alloc(ra, nv + 1, sizeof *ra->pstart);
	if (ra->oom)
		return;
	for (uint32_t v = 0; v < nv; v++)
		ra->hint[v] = UINT32_MAX;
	uint32_t npairs = 0;
	for (uint32_t b = 0; b < f->nblocks; b++)
		for (uint32_t k = 0; k < f->blocks[b].n; k++) {
			const MIns *i = &f->blocks[b].ins[k];
			if (i->op != MIR_MOV)
				continue;
			uint32_t d = i->r[0], x = i->r[1];
			if (d >= MIR_VREG0 && x >= MIR_VREG0) {
				ra->pstart[d - MIR_VREG0]++;
				ra->pstart[x - MIR_VREG0]++;
				npairs++;
			} else if (d >= MIR_VREG0 && (x < 13 || (x >= MIR_S0 && x < MIR_VREG0))) {
				ra->hint[d - MIR_VREG0] = x;
			} else if (x >= MIR_VREG0 && (d < 13 || (d >= MIR_S0 && d < MIR_VREG0))) {
				ra->hint[x - MIR_VREG0] = d;
			}
		}
	/* counts -> offsets */
	uint32_t sum = 0;
	for (uint32_t v = 0; v <= nv; v++) {
		uint32_t c = v < nv ? ra->pstart[v] : 0;
		ra->pstart[v] = sum;
		sum += c;
	}
	ra->partner = ra_alloc(ra, 2 * npairs + 1, sizeof *ra->partner);
	uint32_t *fill = ra_alloc(ra, nv + 1, sizeof *fill);
	if (ra->oom)
		return;
	memcpy(fill, ra->pstart, (nv + 1) * sizeof *fill);
	for (uint32_t b = 0; b < f->nblocks; b++)
		for (uint32_t k = 0; k < f->blocks[b].n; k++) {
			const MIns *i = &f->blocks[b].ins[k];
			if (i->op != MIR_MOV || i->r[0] < MIR_VREG0 || i->r[1] < MIR_VREG0)
				continue;
			uint32_t d = i->r[0] - MIR_VREG0, x = i->r[1] - MIR_VREG0;
			ra->partner[fill[d]++] = x;
			ra->partner[fill[x]++] = d;
		}
}

static bool reg_ok(const RA *ra, uint8_t cls, uint32_t p)
{
	(void)ra;
	if (cls == MIR_DFP)
		return p >= MIR_S0 && p < MIR_VREG0 && !((p - MIR_S0) & 1);
	return cls == MIR_VFP ? p >= MIR_S0 && p < MIR_VREG0 : p < 13;
}

/* The physical registers a vreg of class cls occupies from p: one, or both
 * halves of a D register. */
static uint32_t width(uint8_t cls) { return cls == MIR_DFP ? 2 : 1; }

static uint8_t vclass(const RA *ra, uint32_t v) { return ra->f->vclass ? ra->f->vclass[v] : MIR_CORE; }

static bool held_conflict(const RA *ra, const uint32_t *held, uint32_t n, uint32_t v)
{
	for (uint32_t j = 0; j < n; j++) {
		uint32_t u = held[j];
		if (ra->end[u] >= ra->start[v] && ra->start[u] <= ra->end[v] &&
		    ranges_meet(ra->rng[u], ra->nrng[u], ra->rng[v], ra->nrng[v]))
			return true;
	}
	return false;
}

/* One linear-scan pass over intervals with lifetime holes; returns the
 * number of spilled vregs. Each register keeps the intervals assigned to
 * it (a D register's in both of its S halves); a register is free for an
 * interval when none of them (nor a fixed range) overlaps it. */
typedef struct Held {
	uint32_t *v[NPHYS];
	uint32_t n[NPHYS], cap[NPHYS];
} Held;

static bool held_add(RA *ra, Held *h, uint32_t p, uint32_t v)
{
	if (h->n[p] == h->cap[p]) {
		uint32_t cap = h->cap[p] ? h->cap[p] * 2 : 16;
		uint32_t *nh = ra_alloc(ra, cap, sizeof *nh);
		if (!nh)
			return false;
		if (h->n[p])
			memcpy(nh, h->v[p], h->n[p] * sizeof *nh);
		h->v[p] = nh;
		h->cap[p] = cap;
	}
	h->v[p][h->n[p]++] = v;
	return true;
}

static void held_remove(Held *h, uint32_t p, uint32_t v)
{
	for (uint32_t j = 0; j < h->n[p]; j++)
		if (h->v[p][j] == v) {
			h->v[p][j] = h->v[p][--h->n[p]];
			return;
		}
}

/* What spilling v costs: its uses and definitions weighted by loop depth,
 * divided by the square root of the positions it spans (a long interval
 * frees more, but one used in hot loops everywhere, such as a memory base,
 * is still expensive). */
static float spill_cost(const RA *ra, uint32_t v)
{
	uint32_t n = ra->end[v] - ra->start[v] + 1, lo = 1, hi = 65536;
	while (hi - lo > 1) { /* integer square root by bisection */
		uint32_t mid = lo + (hi - lo) / 2;
		if ((uint64_t)mid * mid <= n)
			lo = mid;
		else
			hi = mid;
	}
	return ra->weight[v] / (float)lo;
}

/* Whether v (of class cls) can take physical register p. */
static bool reg_free(const RA *ra, const Held *h, uint8_t cls, uint32_t p, uint32_t v)
{
	if (!reg_ok(ra, cls, p))
		return false;
	for (uint32_t q = p; q < p + width(cls); q++)
		if (fixed_conflict(ra, q, v) || held_conflict(ra, h->v[q], h->n[q], v))
			return false;
	return true;
}

static uint32_t scan(RA *ra)
{
	uint32_t nv = ra->nv, n = 0;
	uint32_t *idx = ra_alloc(ra, nv, sizeof *idx);
	Held *h = ra_alloc(ra, 1, sizeof *h);
	if (ra->oom)
		return 0;
	memset(h, 0, sizeof *h);
	for (uint32_t v = 0; v < nv; v++) {
		ra->assign[v] = UINT32_MAX - 1; /* unassigned */
		if (ra->start[v] != UINT32_MAX && ra->nrng[v])
			idx[n++] = v;
	}
	sort_by_start(idx, n, ra->start);
	uint32_t spilled = 0;
	for (uint32_t k = 0; k < n; k++) {
		uint32_t v = idx[k], s = ra->start[v], e = ra->end[v];
		uint8_t cls = vclass(ra, v);
		/* forget intervals that ended: they cannot meet this or later ones */
		const uint8_t *regs = cls == MIR_CORE ? pref : vpref;
		size_t nregs = cls == MIR_CORE ? sizeof pref : sizeof vpref;
		for (size_t q = 0; q < nregs; q++) {
			uint32_t p = regs[q];
			for (uint32_t j = 0; j < h->n[p];)
				if (ra->end[h->v[p][j]] < s)
					h->v[p][j] = h->v[p][--h->n[p]];
				else
					j++;
		}
		uint32_t got = UINT32_MAX;
		if (ra->hint[v] != UINT32_MAX && reg_free(ra, h, cls, ra->hint[v], v))
			got = ra->hint[v];
		for (uint32_t q = ra->pstart[v]; q < ra->pstart[v + 1] && got == UINT32_MAX; q++) {
			uint32_t p = ra->assign[ra->partner[q]];
			if (p < NPHYS && reg_free(ra, h, cls, p, v))
				got = p;
		}
		const uint8_t *order = cls == MIR_DFP ? dpref : cls == MIR_VFP ? vpref : pref;
		size_t norder = cls == MIR_DFP ? sizeof dpref : cls == MIR_VFP ? sizeof vpref : sizeof pref;
		for (size_t q = 0; q < norder && got == UINT32_MAX; q++)
			if (reg_free(ra, h, cls, order[q], v))
				got = order[q];
		if (got == UINT32_MAX) {
			/* Free the register whose overlapping intervals cost least to
			 * spill (uses weighted by loop depth, per position covered),
			 * if that is cheaper than spilling this one; never a short
			 * reload or spill temporary. A D register held in both halves
			 * counts once. */
			float mine = e - s <= 3 ? 3.4e38f : spill_cost(ra, v);
			float best = mine;
			uint32_t bestp = UINT32_MAX;
			for (size_t q = 0; q < norder; q++) {
				uint32_t p = order[q];
				bool fixed = false;
				for (uint32_t w = p; w < p + width(cls); w++)
					fixed = fixed || fixed_conflict(ra, w, v);
				if (fixed)
					continue;
				float cost = 0;
				for (uint32_t w = p; w < p + width(cls) && cost < best; w++)
					for (uint32_t j = 0; j < h->n[w] && cost < best; j++) {
						uint32_t u = h->v[w][j];
						if (w > p && ra->assign[u] == p)
							continue; /* the same D register, counted in its first half */
						if (!ranges_meet(ra->rng[u], ra->nrng[u], ra->rng[v], ra->nrng[v]))
							continue;
						if (ra->end[u] - ra->start[u] <= 3)
							cost = 3.4e38f;
						else
							cost += spill_cost(ra, u);
					}
				if (cost < best)
					best = cost, bestp = p;
			}
			if (bestp == UINT32_MAX) {
				ra->assign[v] = UINT32_MAX;
				spilled++;
				continue;
			}
			for (uint32_t w = bestp; w < bestp + width(cls); w++)
				for (uint32_t j = 0; j < h->n[w];) {
					uint32_t u = h->v[w][j];
					if (!ranges_meet(ra->rng[u], ra->nrng[u], ra->rng[v], ra->nrng[v])) {
						j++;
						continue;
					}
					/* out of every register it holds */
					uint32_t at = ra->assign[u];
					ra->assign[u] = UINT32_MAX;
					spilled++;
					for (uint32_t x = at; x < at + width(vclass(ra, u)); x++)
						held_remove(h, x, u);
					j = 0; /* the list changed under us */
				}
			got = bestp;
		}
		ra->assign[v] = got;
		for (uint32_t w = got; w < got + width(cls); w++)
			if (!held_add(ra, h, w, v))
				return spilled;
	}
	return spilled;
}

/* Rewrites spilled vregs into reloads and spills around each access. */
static bool rewrite_spills(RA *ra)
{
	MFunc *f = ra->f;
	uint32_t nv = ra->nv;
	uint32_t *slot = ra_alloc(ra, nv, sizeof *slot);
	if (!slot)
		return false;
	for (uint32_t v = 0; v < nv; v++)
		if (ra->assign[v] == UINT32_MAX) {
			slot[v] = f->nslots;
			f->nslots += width(vclass(ra, v));
		}
	for (uint32_t b = 0; b < f->nblocks; b++) {
		MBlock *bl = &f->blocks[b];
		MBlock nb = {0};
		for (uint32_t k = 0; k < bl->n; k++) {
			MIns i = bl->ins[k];
			unsigned nd = mir_ndefs[i.op], nu = mir_nuses[i.op];
			for (unsigned j = nd; j < nd + nu; j++) {
				uint32_t r = i.r[j];
				if (r < MIR_VREG0 || ra->assign[r - MIR_VREG0] != UINT32_MAX)
					continue;
				uint32_t t = mir_vreg_class(f, mir_class(f, r));
				MIns *l = mir_emit(f, &nb, MIR_RELOAD);
				if (!l)
					return false;
				l->r[0] = t, l->imm = slot[r - MIR_VREG0];
				l->aux = vclass(ra, r - MIR_VREG0) == MIR_DFP ? MIR_DBL : 0;
				/* the same spilled register may appear twice */
				for (unsigned q = j; q < nd + nu; q++)
					if (i.r[q] == r)
						i.r[q] = t;
			}
			uint32_t spills[2] = {0, 0}, sslot[2] = {0, 0};
			for (unsigned j = 0; j < nd; j++) {
				uint32_t r = i.r[j];
				if (r < MIR_VREG0 || ra->assign[r - MIR_VREG0] != UINT32_MAX)
					continue;
				uint32_t t = mir_vreg_class(f, mir_class(f, r));
				spills[j] = t;
				sslot[j] = slot[r - MIR_VREG0];
				i.r[j] = t;
			}
			MIns *c = mir_emit(f, &nb, (MirOp)i.op);
			if (!c)
				return false;
			*c = i;
			for (unsigned j = 0; j < nd; j++) {
				if (!spills[j])
					continue;
				MIns *s = mir_emit(f, &nb, MIR_SPILL);
				if (!s)
					return false;
				s->r[0] = spills[j], s->imm = sslot[j];
				s->aux = mir_class(f, spills[j]) == MIR_DFP ? MIR_DBL : 0;
			}
		}
		nb.succ = bl->succ, nb.nsucc = bl->nsucc, nb.loop_depth = bl->loop_depth;
		*bl = nb;
	}
	return true;
}

/* Whether an instruction only computes its definitions (no memory write,
 * flags, control flow or trap), so it can go when they are unused. */
static bool pure(const MIns *i)
{
	switch (i->op) {
	case MIR_MOV: case MIR_MOVI: case MIR_MOVSYM: case MIR_DP: case MIR_DPI: case MIR_SHIFT:
	case MIR_SHIFTI: case MIR_MUL: case MIR_MLA: case MIR_MULL: case MIR_BITOP: case MIR_EXT: case MIR_UBFX:
	case MIR_SETCC: case MIR_CSEL: case MIR_FRAMEADDR: case MIR_LDR: case MIR_LDRR: case MIR_RELOAD:
	case MIR_LDARG: case MIR_VMOVFS: case MIR_FMOVTO: case MIR_FMOVFROM: case MIR_VOP3: case MIR_VOP2:
	case MIR_VCVT: case MIR_VSEL: case MIR_VMRS: case MIR_DTOV: case MIR_DFROMV: case MIR_VCVTFP:
		for (unsigned j = 0; j < mir_ndefs[i->op]; j++)
			if (i->r[j] < MIR_VREG0)
				return false;
		return true;
	}
	return false;
}

/* Removes pure instructions whose results are never read (constants folded
 * into immediates, copies made redundant), to a fixpoint. */
static bool dce(RA *ra)
{
	MFunc *f = ra->f;
	uint32_t nv = f->nvregs - MIR_VREG0;
	uint32_t *uses = ra_alloc(ra, nv, sizeof *uses);
	if (!uses)
		return false;
	for (bool changed = true; changed;) {
		changed = false;
		memset(uses, 0, nv * sizeof *uses);
		for (uint32_t b = 0; b < f->nblocks; b++)
			for (uint32_t k = 0; k < f->blocks[b].n; k++) {
				const MIns *i = &f->blocks[b].ins[k];
				unsigned nd = mir_ndefs[i->op], nu = mir_nuses[i->op];
				for (unsigned j = nd; j < nd + nu; j++)
					if (i->r[j] >= MIR_VREG0)
						uses[i->r[j] - MIR_VREG0]++;
			}
		for (uint32_t b = 0; b < f->nblocks; b++) {
			MBlock *bl = &f->blocks[b];
			uint32_t out = 0;
			for (uint32_t k = 0; k < bl->n; k++) {
				const MIns *i = &bl->ins[k];
				bool dead = pure(i);
				for (unsigned j = 0; j < mir_ndefs[i->op] && dead; j++)
					if (uses[i->r[j] - MIR_VREG0])
						dead = false;
				if (dead) {
					changed = true;
					continue;
				}
				bl->ins[out++] = *i;
			}
			bl->n = out;
		}
	}
	return true;
}

SynthStatus mir_rega(SynthContext *ctx, MFunc *f)
{
	RA ra = {.ctx = ctx, .f = f};
	if (!dce(&ra))
		return sy_nomem(ctx);
	for (int round = 0;; round++) {
		ra.nv = f->nvregs - MIR_VREG0;
		ra.start = ra_alloc(&ra, ra.nv, sizeof *ra.start);
		ra.end = ra_alloc(&ra, ra.nv, sizeof *ra.end);
		ra.assign = ra_alloc(&ra, ra.nv, sizeof *ra.assign);
		ra.weight = ra_alloc(&ra, ra.nv, sizeof *ra.weight);
		ra.rng = ra_alloc(&ra, ra.nv, sizeof *ra.rng);
		ra.nrng = ra_alloc(&ra, ra.nv, sizeof *ra.nrng);
		ra.caprng = ra_alloc(&ra, ra.nv, sizeof *ra.caprng);
		if (ra.oom)
			return sy_nomem(ctx);
		build_intervals(&ra);
		build_hints(&ra);
		if (ra.oom)
			return sy_nomem(ctx);
		uint32_t spilled = scan(&ra);
		if (ra.oom)
			return sy_nomem(ctx);
		if (!spilled)
			break;
		/* every round spills at least one interval into short ones, so this
		 * ends; the limit only bounds compile time on pathological code */
		if (round == 256)
			return sy_error(ctx, SYNTH_ERR_INTERNAL, 0, -1,
			                "register allocation did not converge (function too complex)");
		if (!rewrite_spills(&ra))
			return sy_nomem(ctx);
	}
	/* Apply the assignment. */
	f->used_callee = 0;
	f->used_vcallee = 0;
	for (uint32_t b = 0; b < f->nblocks; b++) {
		MBlock *bl = &f->blocks[b];
		uint32_t out = 0;
		for (uint32_t k = 0; k < bl->n; k++) {
			MIns *i = &bl->ins[k];
			unsigned n = mir_ndefs[i->op] + mir_nuses[i->op];
			for (unsigned j = 0; j < n; j++) {
				uint32_t w = 1;
				if (i->r[j] >= MIR_VREG0) {
					w = width(vclass(&ra, i->r[j] - MIR_VREG0));
					i->r[j] = ra.assign[i->r[j] - MIR_VREG0];
				}
				if (i->r[j] >= 4 && i->r[j] <= 11)
					f->used_callee |= 1u << i->r[j];
				if (i->r[j] >= MIR_S0 + 16 && i->r[j] < MIR_VREG0)
					f->used_vcallee |= (w == 2 ? 3u : 1u) << (i->r[j] - MIR_S0);
			}
			if (i->op == MIR_MOV && i->r[0] == i->r[1])
				continue; /* coalesced */
			bl->ins[out++] = *i;
		}
		bl->n = out;
	}
	return SYNTH_OK;
}
