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
 * reload or spill temporary (at most 3 positions) is never chosen.
 *
 * A spilled register is then split (rewrite_spills): each definition writes
 * a fresh register stored once to the stack slot, and a use reloads the
 * value into a register that later uses share while each comes at most
 * SPLIT_GAP instructions after the previous one, in the same block and with
 * no call between (a longer reach took registers from long-lived loop
 * values: tests/bench/mcu/RESULTS.md), except in a loop that reads the
 * value without writing it: when a register is free over the whole loop
 * in the round's assignment (loop_regions, busy_build, region_busy), all
 * the loop's reads share one register, loaded once at the end of the
 * loop's preheader (split around the loop); such a register is split
 * again like the function's own vregs if it is spilled in turn. A value defined
 * once by a one-instruction constant, a frame address, an incoming stack
 * argument or a reload has no slot: it is recomputed there instead
 * (rematerialized). Allocation starts again; a register made by splitting
 * that is spilled in turn is rewritten per access (a reload or
 * recomputation before each use, its definition stored to the slot the
 * value already has), and those short intervals always find a register, so
 * this converges (the rounds are bounded at 256; reaching that is
 * SYNTH_ERR_INTERNAL). Registers are then renamed for code size
 * (rename_low: the most 16-bit-able instructions on r0-r7) and single
 * values moved to other free registers where that saves bytes (recolour). */
#include <stdlib.h>
#include <string.h>

#include "mir.h"
#include "encode.h"

#define TRY(x) do { SynthStatus st_ = (x); if (st_ != SYNTH_OK) return st_; } while (0)
#define CALLER_SAVED ((1ull << 0) | (1ull << 1) | (1ull << 2) | (1ull << 3) | (1ull << 12) | (1ull << 14) | \
                      (0xffffull << MIR_S0))
#define NPHYS 64

typedef struct Range { uint32_t from, to; } Range;

typedef struct RA {
	SynthContext *ctx;
	MFunc *f;
	SyArena tmp;            /* this round's tables, freed when the next round starts */
	uint32_t nv;            /* virtual registers (index = vreg - MIR_VREG0) */
	uint32_t *start, *end;  /* interval per vreg; start == UINT32_MAX: unused */
	float *weight;          /* uses and definitions, x8 per loop level: the cost of spilling */
	Range **rng;            /* live ranges per vreg, sorted, disjoint (lifetime holes between) */
	Range **thru;           /* while building: ranges over the blocks a vreg is live through */
	uint32_t *nthru;
	uint32_t *nrng, *caprng;
	Range *fixed[NPHYS];    /* busy ranges per physical register, by increasing `to`... */
	uint32_t nfixed[NPHYS], capfixed[NPHYS];
	Range *calls;           /* ...but a call's clobbers of the CALLER_SAVED ones are here, once
	                         * for all of them: {p, p} for a call at p - 1, increasing */
	uint32_t ncalls, capcalls;
	uint32_t fcur[NPHYS + 1]; /* per fixed list (calls last): none before ends at or after the
	                           * start of the vreg the scan is at (fixed_meet) */
	uint32_t callv;         /* the vreg whether a call is inside whose ranges is known... */
	bool callhit;           /* ...and that answer */
	uint32_t *assign;       /* physical register per vreg, or UINT32_MAX spilled */
	uint32_t *hint;         /* physical register a vreg is moved from/to, or UINT32_MAX */
	uint32_t *pstart;       /* partners (vregs joined by a MOV): CSR offsets per vreg... */
	uint32_t *partner;      /* ...and the partner lists */
	SyArena keep;           /* kept across rounds: */
	uint32_t *home;         /* per vreg: 1 + the slot holding its value wherever it is live, or 0 */
	uint8_t *derived;       /* per vreg: 1 made by spill rewriting (spilled again per access), 2 a
	                         * loop region's reload (split again like a function's vreg) */
	uint32_t caphome, capderived;
	uint32_t lv_nv;         /* vregs the kept block-level liveness covers (0: not made yet): */
	uint32_t *lv_tstart;    /* per vreg: offsets into lv_tb (CSR)... */
	uint32_t *lv_tb;        /* ...of the runs of consecutive blocks it is live through,
	                         * increasing, as first and last block */
	uint32_t *lv_ostart;    /* per block: offsets into lv_out (CSR)... */
	uint32_t *lv_out;       /* ...of the vregs live out that it names, increasing */
	uint8_t *gone;          /* per vreg < lv_nv: spilled, so rewritten out of the code */
	bool oom;
} RA;

/* memcpy of n elements' bytes that may be none: a list with no element
 * may have no storage (NULL), which memcpy must not be given. */
static void copy_bytes(void *dst, const void *src, size_t bytes)
{
	if (bytes)
		memcpy(dst, src, bytes);
}

static void *ra_alloc(RA *ra, size_t n, size_t el)
{
	void *p = sy_arena_array(&ra->tmp, n ? n : 1, el);
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
			copy_bytes(n, ra->fixed[p], ra->nfixed[p] * sizeof *n);
		ra->fixed[p] = n;
		ra->capfixed[p] = cap;
	}
	ra->fixed[p][ra->nfixed[p]++] = (Range){from, to};
}

/* The first of n ranges sorted by position whose `to` is at least pos. */
static uint32_t first_to(const Range *r, uint32_t n, uint32_t pos)
{
	uint32_t lo = 0, hi = n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (r[mid].to < pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Fixed ranges are recorded in one forward walk, so both their `from` and
 * their `to` never decrease: the first that ends at or after a range of v
 * starts is the only one that can meet it (later ones start no earlier).
 * The scan asks for vregs by increasing start, so the first range that
 * ends at or after v's start is found by walking on from where the last
 * question left *cur (each list walked once per round), then one binary
 * search per further range of v. A question out of that order (recolour,
 * after the scan) starts with a binary search: a cursor already past v's
 * start would miss fixed ranges, and recolour would move a value onto a
 * register a call or an argument holds there. */
static bool fixed_meet(const RA *ra, const Range *fx, uint32_t nf, uint32_t *cur, uint32_t v)
{
	const Range *r = ra->rng[v];
	uint32_t k = *cur;
	if (k > nf || (k > 0 && fx[k - 1].to >= ra->start[v]))
		k = first_to(fx, nf, ra->start[v]); /* asked out of order (recolour) */
	while (k < nf && fx[k].to < ra->start[v])
		k++;
	*cur = k;
	for (uint32_t q = 0; q < ra->nrng[v]; q++) {
		if (k < nf && fx[k].to < r[q].from)
			k += first_to(fx + k, nf - k, r[q].from);
		if (k == nf)
			return false;
		if (fx[k].from <= r[q].to)
			return true;
	}
	return false;
}

/* Whether physical register p is busy somewhere v is live: its own fixed
 * ranges, or a call that clobbers it (asked once per vreg, as every
 * caller-saved register gives the same answer). */
static bool fixed_conflict(RA *ra, uint32_t p, uint32_t v)
{
	if (fixed_meet(ra, ra->fixed[p], ra->nfixed[p], &ra->fcur[p], v))
		return true;
	if (!(CALLER_SAVED >> p & 1) || !ra->ncalls)
		return false;
	if (ra->callv != v) {
		ra->callv = v;
		ra->callhit = fixed_meet(ra, ra->calls, ra->ncalls, &ra->fcur[NPHYS], v);
	}
	return ra->callhit;
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
	/* one that touches the last (a value live through consecutive blocks)
	 * extends it, as the merge after reversal would */
	if (ra->nrng[v]) {
		Range *last = &ra->rng[v][ra->nrng[v] - 1];
		if (last->from <= to + 1 && from <= last->from) {
			last->from = from;
			if (to > last->to)
				last->to = to;
			return;
		}
	}
	if (ra->nrng[v] == ra->caprng[v]) {
		uint32_t cap = ra->caprng[v] ? ra->caprng[v] * 2 : 4;
		Range *n = ra_alloc(ra, cap, sizeof *n);
		if (!n)
			return;
		if (ra->nrng[v])
			copy_bytes(n, ra->rng[v], ra->nrng[v] * sizeof *n);
		ra->rng[v] = n;
		ra->caprng[v] = cap;
	}
	ra->rng[v][ra->nrng[v]++] = (Range){from, to};
}

/* Whether two sorted range lists overlap; the ranges of each that end
 * before the other starts are skipped by binary search. */
static bool ranges_meet(const Range *a, uint32_t na, const Range *b, uint32_t nb)
{
	if (!na || !nb)
		return false;
	uint32_t i = first_to(a, na, b[0].from), j = first_to(b, nb, a[0].from);
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

/* A growing list of (key, value) pairs in the round's arena. */
typedef struct Pairs { uint32_t *v; uint32_t n, cap; } Pairs;

static void pair_grow(RA *ra, Pairs *l)
{
	if (!sy_arena_grow(&ra->tmp, (void **)&l->v, &l->cap, l->n + 2, sizeof *l->v))
		ra->oom = true;
}

/* (the test for room inline: liveness adds a pair per operand) */
static inline void pair_add(RA *ra, Pairs *l, uint32_t key, uint32_t val)
{
	if (l->n + 2 > l->cap) {
		pair_grow(ra, l);
		if (l->n + 2 > l->cap)
			return;
	}
	l->v[l->n++] = key;
	l->v[l->n++] = val;
}

/* Groups the values of pairs by key (0..nkeys-1), keeping their order:
 * *start gets nkeys + 1 offsets into *vals (a counting sort). */
static void bucket(RA *ra, const Pairs *l, uint32_t nkeys, uint32_t **start, uint32_t **vals)
{
	uint32_t np = l->n / 2;
	uint32_t *st = ra_alloc(ra, (size_t)nkeys + 1, sizeof *st), *out = ra_alloc(ra, np, sizeof *out);
	uint32_t *fill = ra_alloc(ra, (size_t)nkeys + 1, sizeof *fill);
	*start = st, *vals = out;
	if (ra->oom)
		return;
	for (uint32_t k = 0; k < np; k++)
		st[l->v[2 * k]]++;
	uint32_t sum = 0;
	for (uint32_t k = 0; k <= nkeys; k++) {
		uint32_t c = k < nkeys ? st[k] : 0;
		st[k] = fill[k] = sum;
		sum += c;
	}
	for (uint32_t k = 0; k < np; k++)
		out[fill[l->v[2 * k]]++] = l->v[2 * k + 1];
}

/* Sorts n block indices, increasing (heap sort). */
static void sort_blocks(uint32_t *a, uint32_t n)
{
	for (uint32_t end = n, i = n / 2;;) {
		uint32_t root;
		if (i > 0) {
			root = --i;
		} else if (--end > 0) {
			uint32_t t = a[0]; a[0] = a[end]; a[end] = t;
			root = 0;
		} else {
			return;
		}
		for (uint32_t c; (c = 2 * root + 1) < end; root = c) {
			if (c + 1 < end && a[c + 1] > a[c])
				c++;
			if (a[root] >= a[c])
				break;
			uint32_t t = a[root]; a[root] = a[c]; a[c] = t;
		}
	}
}

/* Block-level liveness. Liveness is sparse, by path exploration: from
 * each block that reads a vreg before writing it, predecessors are walked
 * back (each reached block has it live out) until blocks that write it.
 * A block where the vreg is live out but that neither reads nor writes it
 * is one it is live through: those are listed per vreg (increasing), and
 * only the blocks that mention a vreg keep it in their live-out list for
 * the backward walk of build_intervals. So the memory is the size of the
 * lists plus the operands, never blocks x vregs; the result is the same as
 * the classic dataflow fixpoint's.
 *
 * It is computed once, in the first round, and kept (ra->keep): spill
 * rewriting leaves the blocks and every instruction naming a register it
 * did not spill as they were, and the registers it makes live within one
 * block (a reload before its use, a definition's register up to SPLIT_GAP
 * instructions on in the same block), so a later round's liveness is the
 * first's without the spilled vregs (ra->gone). Only the positions move,
 * so ranges are made from the lists in each round. A round that gives a
 * spilled vreg a loop region's register (rewrite_spills), live across the
 * region's blocks, breaks that: the next round computes liveness again. */
static void liveness(RA *ra)
{
	MFunc *f = ra->f;
	uint32_t nv = ra->nv, nb = f->nblocks;
	uint32_t *succ = ra_alloc(ra, max_successors(f), sizeof *succ);
	uint32_t *defmark = ra_alloc(ra, nv, sizeof *defmark), *usemark = ra_alloc(ra, nv, sizeof *usemark);
	Pairs ue = {0}, df = {0}, edges = {0}, lo = {0};
	if (ra->oom)
		return;
	/* Reads before writes (upward exposed) and writes, per block; stamps are
	 * block + 1. */
	for (uint32_t b = 0; b < nb; b++) {
		const MBlock *bl = &f->blocks[b];
		for (uint32_t k = 0; k < bl->n; k++) {
			const MIns *i = &bl->ins[k];
			unsigned nd = mir_ndefs[i->op], nu = mir_nuses[i->op];
			for (unsigned j = nd; j < nd + nu; j++) {
				uint32_t r = i->r[j];
				if (r >= MIR_VREG0 && defmark[r - MIR_VREG0] != b + 1 && usemark[r - MIR_VREG0] != b + 1) {
					usemark[r - MIR_VREG0] = b + 1;
					pair_add(ra, &ue, r - MIR_VREG0, b);
				}
			}
			for (unsigned j = 0; j < nd; j++)
				if (i->r[j] >= MIR_VREG0 && defmark[i->r[j] - MIR_VREG0] != b + 1) {
					defmark[i->r[j] - MIR_VREG0] = b + 1;
					pair_add(ra, &df, i->r[j] - MIR_VREG0, b);
				}
		}
		uint32_t ns = block_successors(f, bl, succ);
		for (uint32_t k = 0; k < ns; k++)
			pair_add(ra, &edges, succ[k], b);
	}
	uint32_t *ue_start, *ue_blk, *df_start, *df_blk, *pred_start, *pred;
	bucket(ra, &ue, nv, &ue_start, &ue_blk);
	bucket(ra, &df, nv, &df_start, &df_blk);
	bucket(ra, &edges, nb, &pred_start, &pred);
	/* per block: stamps (vreg + 1) for "writes v", "v live in", "v live out" */
	uint32_t *bdef = ra_alloc(ra, nb, sizeof *bdef), *bin = ra_alloc(ra, nb, sizeof *bin);
	uint32_t *bout = ra_alloc(ra, nb, sizeof *bout), *work = ra_alloc(ra, nb, sizeof *work);
	uint32_t *bocc = ra_alloc(ra, nb, sizeof *bocc), *thru = ra_alloc(ra, nb, sizeof *thru);
	uint64_t *tbits = ra_alloc(ra, nb / 64 + 1, sizeof *tbits); /* all clear between vregs */
	uint32_t *tstart = sy_arena_array(&ra->keep, (size_t)nv + 1, sizeof *tstart);
	uint32_t *tb = NULL, ntb = 0, captb = 0;
	if (!tstart)
		ra->oom = true;
	if (ra->oom)
		return;
	for (uint32_t v = 0; v < nv; v++) {
		uint32_t nwork = 0, nthru = 0, minb = UINT32_MAX, maxb = 0;
		tstart[v] = ntb;
		for (uint32_t k = df_start[v]; k < df_start[v + 1]; k++)
			bdef[df_blk[k]] = bocc[df_blk[k]] = v + 1;
		for (uint32_t k = ue_start[v]; k < ue_start[v + 1]; k++) {
			bin[ue_blk[k]] = bocc[ue_blk[k]] = v + 1;
			work[nwork++] = ue_blk[k];
		}
		while (nwork) {
			uint32_t b = work[--nwork];
			for (uint32_t k = pred_start[b]; k < pred_start[b + 1]; k++) {
				uint32_t p = pred[k];
				if (bout[p] != v + 1) {
					bout[p] = v + 1;
					if (bocc[p] == v + 1)
						pair_add(ra, &lo, p, v);
					else {
						thru[nthru++] = p;
						minb = p < minb ? p : minb;
						maxb = p > maxb ? p : maxb;
					}
				}
				if (bdef[p] != v + 1 && bin[p] != v + 1) {
					bin[p] = v + 1;
					work[nwork++] = p;
				}
			}
		}
		if (!nthru)
			continue;
		/* the blocks in order (a bit set over their span when that is short
		 * next to their number, else a sort) */
		uint32_t w0 = minb / 64, w1 = maxb / 64;
		if (w1 - w0 < 8 * (uint64_t)nthru) {
			for (uint32_t k = 0; k < nthru; k++)
				tbits[thru[k] / 64] |= 1ull << (thru[k] % 64);
			nthru = 0;
			for (uint32_t w = w0; w <= w1; w++) {
				for (uint64_t bits = tbits[w]; bits; bits &= bits - 1)
					thru[nthru++] = w * 64 + (uint32_t)__builtin_ctzll(bits);
				tbits[w] = 0;
			}
		} else {
			sort_blocks(thru, nthru);
		}
		/* kept as runs of consecutive blocks (a run always makes one range) */
		for (uint32_t k = 0; k < nthru; k++) {
			if (k && thru[k] == tb[ntb - 1] + 1) {
				tb[ntb - 1] = thru[k];
				continue;
			}
			if (!sy_arena_grow(&ra->tmp, (void **)&tb, &captb, ntb + 2, sizeof *tb)) {
				ra->oom = true;
				return;
			}
			tb[ntb++] = thru[k];
			tb[ntb++] = thru[k];
		}
	}
	tstart[nv] = ntb;
	uint32_t *runs = sy_arena_array(&ra->keep, ntb, sizeof *runs);
	if (!runs) {
		ra->oom = true;
		return;
	}
	copy_bytes(runs, tb, ntb * sizeof *runs);
	uint32_t *out_start, *out;
	bucket(ra, &lo, nb, &out_start, &out);
	uint32_t *ostart = sy_arena_array(&ra->keep, (size_t)nb + 1, sizeof *ostart);
	uint32_t *olist = sy_arena_array(&ra->keep, lo.n / 2, sizeof *olist);
	uint8_t *gone = sy_arena_array(&ra->keep, nv, 1);
	if (ra->oom || !ostart || !olist || !gone) {
		ra->oom = true;
		return;
	}
	memcpy(ostart, out_start, ((size_t)nb + 1) * sizeof *ostart);
	copy_bytes(olist, out, lo.n / 2 * sizeof *olist);
	ra->lv_nv = nv;
	ra->lv_tstart = tstart, ra->lv_tb = runs;
	ra->lv_ostart = ostart, ra->lv_out = olist;
	ra->gone = gone;
}

/* Intervals: the live-through ranges from the kept lists (whole blocks,
 * merged where they touch), fixed physical ranges and spill weights
 * (forwards), then the ranges within blocks (backwards), merged. */
static void build_intervals(RA *ra)
{
	MFunc *f = ra->f;
	uint32_t nv = ra->nv, nb = f->nblocks;
	uint32_t *bstart = ra_alloc(ra, nb, sizeof *bstart);
	uint32_t *bend = ra_alloc(ra, nb, sizeof *bend);
	if (ra->oom)
		return;
	uint32_t pos = 0;
	for (uint32_t b = 0; b < nb; b++) {
		bstart[b] = pos;
		pos += 2 * f->blocks[b].n;
		bend[b] = pos ? pos - 1 : 0;
	}
	if (!ra->lv_nv)
		liveness(ra);
	if (ra->oom)
		return;
	const uint32_t *ostart = ra->lv_ostart, *out = ra->lv_out;
	const uint8_t *gone = ra->gone;
	for (uint32_t v = 0; v < ra->lv_nv; v++) {
		const uint32_t *thru = ra->lv_tb + ra->lv_tstart[v];
		uint32_t nthru = ra->lv_tstart[v + 1] - ra->lv_tstart[v];
		if (!nthru || gone[v])
			continue;
		/* whole blocks merged where they touch (counted, then made); the
		 * blocks of a run always touch, and bend never decreases */
		uint32_t m = 0, to = 0;
		for (uint32_t k = 0; k < nthru; k += 2) {
			uint32_t a = thru[k], z = thru[k + 1];
			if (!m || bstart[a] > to + 1)
				m++, to = bend[a];
			else if (bend[a] > to)
				to = bend[a];
			if (bend[z] > to)
				to = bend[z];
		}
		Range *r = ra_alloc(ra, m, sizeof *r);
		if (!r)
			return;
		ra->thru[v] = r;
		ra->nthru[v] = m;
		m = 0;
		for (uint32_t k = 0; k < nthru; k += 2) {
			uint32_t a = thru[k], z = thru[k + 1];
			if (!m || bstart[a] > r[m - 1].to + 1)
				r[m++] = (Range){bstart[a], bend[a]};
			else if (bend[a] > r[m - 1].to)
				r[m - 1].to = bend[a];
			if (bend[z] > r[m - 1].to)
				r[m - 1].to = bend[z];
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
	ra->ncalls = 0;
	ra->callv = UINT32_MAX;
	/* Fixed physical ranges and spill weights, forwards. */
	pos = 0;
	for (uint32_t b = 0; b < nb; b++) {
		const MBlock *bl = &f->blocks[b];
		uint32_t lastdef[NPHYS];
		uint64_t set = 0; /* the registers written in this block so far; the others: bstart[b] */
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
			for (uint64_t m = uses; m; m &= m - 1) {
				uint32_t p = (uint32_t)__builtin_ctzll(m);
				add_fixed(ra, p, set >> p & 1 ? lastdef[p] : bstart[b], pos);
			}
			uint64_t own = defm;
			if (i->op == MIR_CALL || i->op == MIR_CALLR) {
				/* one entry for all the registers the call clobbers */
				if (ra->ncalls == ra->capcalls) {
					uint32_t cap = ra->capcalls ? ra->capcalls * 2 : 16;
					Range *n = ra_alloc(ra, cap, sizeof *n);
					if (!n)
						return;
					if (ra->ncalls)
						copy_bytes(n, ra->calls, ra->ncalls * sizeof *n);
					ra->calls = n;
					ra->capcalls = cap;
				}
				ra->calls[ra->ncalls++] = (Range){pos + 1, pos + 1};
				own &= ~CALLER_SAVED;
				for (uint64_t m = defm & CALLER_SAVED; m; m &= m - 1)
					lastdef[__builtin_ctzll(m)] = pos + 1;
				set |= defm & CALLER_SAVED;
			}
			for (uint64_t m = own; m; m &= m - 1) {
				uint32_t p = (uint32_t)__builtin_ctzll(m);
				add_fixed(ra, p, pos + 1, pos + 1);
				lastdef[p] = pos + 1;
				set |= 1ull << p;
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
		for (uint32_t k = ostart[b]; k < ostart[b + 1]; k++) {
			uint32_t v = out[k];
			if (gone[v])
				continue;
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
	/* Ranges came backwards: reverse, merge in the live-through ranges, merge
	 * touching ones, set start/end. */
	for (uint32_t v = 0; v < nv; v++) {
		Range *r = ra->rng[v];
		uint32_t n = ra->nrng[v];
		for (uint32_t a = 0, z = n ? n - 1 : 0; a < z; a++, z--) {
			Range t = r[a];
			r[a] = r[z];
			r[z] = t;
		}
		if (ra->nthru[v]) {
			const Range *t = ra->thru[v];
			uint32_t nt = ra->nthru[v], i = 0, j = 0;
			Range *all = ra_alloc(ra, (size_t)n + nt, sizeof *all);
			if (!all)
				return;
			while (i < n || j < nt) {
				if (j == nt || (i < n && r[i].from < t[j].from))
					all[i + j] = r[i], i++;
				else
					all[i + j] = t[j], j++;
			}
			ra->rng[v] = r = all;
			n += nt;
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
	uint32_t minend[NPHYS]; /* no interval held ends before this (a lower bound) */
} Held;

static bool held_add(RA *ra, Held *h, uint32_t p, uint32_t v)
{
	if (h->n[p] == h->cap[p]) {
		uint32_t cap = h->cap[p] ? h->cap[p] * 2 : 16;
		uint32_t *nh = ra_alloc(ra, cap, sizeof *nh);
		if (!nh)
			return false;
		if (h->n[p])
			copy_bytes(nh, h->v[p], h->n[p] * sizeof *nh);
		h->v[p] = nh;
		h->cap[p] = cap;
	}
	if (!h->n[p] || ra->end[v] < h->minend[p])
		h->minend[p] = ra->end[v];
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
static bool reg_free(RA *ra, const Held *h, uint8_t cls, uint32_t p, uint32_t v)
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
	memset(ra->fcur, 0, sizeof ra->fcur);
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
			if (h->minend[p] >= s)
				continue; /* none ended: skip the walk */
			uint32_t minend = UINT32_MAX;
			for (uint32_t j = 0; j < h->n[p];)
				if (ra->end[h->v[p][j]] < s) {
					h->v[p][j] = h->v[p][--h->n[p]];
				} else {
					minend = ra->end[h->v[p][j]] < minend ? ra->end[h->v[p][j]] : minend;
					j++;
				}
			h->minend[p] = minend;
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

/* Whether an instruction reads or writes a spilled vreg. */
static bool touches_spilled(const RA *ra, const MIns *i)
{
	for (unsigned j = 0; j < mir_ndefs[i->op] + mir_nuses[i->op]; j++)
		if (i->r[j] >= MIR_VREG0 && ra->assign[i->r[j] - MIR_VREG0] == UINT32_MAX)
			return true;
	return false;
}

/* Whether a vreg defined once by i can be recomputed at its uses instead of
 * living in a stack slot, in one instruction: a constant, an address in
 * the frame, an incoming stack argument, or a reload (of a slot that holds
 * the same value wherever the reloaded register is live, see below). */
static bool rematerializable(const MIns *i)
{
	switch (i->op) {
	case MIR_MOVI: /* one instruction (a movw/movt pair costs more than a reload) */
		return arm_dp_imm_ok(ARM_MOV, ARM_ANY, (uint32_t)i->imm);
	case MIR_FRAMEADDR: case MIR_LDARG: case MIR_RELOAD:
		return true;
	}
	return false;
}

/* A new register of class cls made by spill rewriting; home is 1 + the
 * slot that holds its value wherever it is live, or 0. UINT32_MAX on
 * failure. */
static uint32_t new_temp(RA *ra, uint8_t cls, uint32_t home)
{
	uint32_t t = mir_vreg_class(ra->f, cls);
	if (!t)
		return UINT32_MAX;
	uint32_t v = t - MIR_VREG0;
	if (!sy_arena_grow(&ra->keep, (void **)&ra->home, &ra->caphome, v + 1, sizeof *ra->home) ||
	    !sy_arena_grow(&ra->keep, (void **)&ra->derived, &ra->capderived, v + 1, sizeof *ra->derived))
		return UINT32_MAX;
	ra->home[v] = home;
	ra->derived[v] = 1;
	return t;
}

/* Loop regions for spill rewriting. A back edge e -> h (h at or before e in
 * layout) makes blocks h..e (the furthest such e) a region; regions that
 * overlap without nesting are dropped. A region is kept when it is entered
 * only at h, from exactly one block outside it (not the function entry),
 * and that block ends with its only branch, a B to h: its preheader, where
 * a value the region reads can be reloaded once. *reg gets, per block, the
 * innermost kept region holding it (its header) or UINT32_MAX; *rend the
 * last block and *pre the preheader per header. False when out of memory. */
static bool loop_regions(RA *ra, uint32_t **reg, uint32_t **rend, uint32_t **pre)
{
	MFunc *f = ra->f;
	uint32_t nb = f->nblocks;
	uint32_t *in = ra_alloc(ra, nb, sizeof *in);     /* innermost region (kept or not) */
	uint32_t *end = ra_alloc(ra, nb, sizeof *end);   /* per header: last block + 1, or 0 */
	uint32_t *up = ra_alloc(ra, nb, sizeof *up);     /* per header: enclosing region */
	uint32_t *ph = ra_alloc(ra, nb, sizeof *ph);     /* per header: preheader + 1, 0, or UINT32_MAX bad */
	uint32_t *kept = ra_alloc(ra, nb, sizeof *kept);
	uint32_t *succ = ra_alloc(ra, max_successors(f), sizeof *succ);
	*reg = kept, *rend = end, *pre = ph;
	if (ra->oom)
		return false;
	for (uint32_t b = 0; b < nb; b++) {
		in[b] = kept[b] = UINT32_MAX;
		uint32_t ns = block_successors(f, &f->blocks[b], succ);
		for (uint32_t k = 0; k < ns; k++)
			if (succ[k] <= b && end[succ[k]] < b + 1)
				end[succ[k]] = b + 1;
	}
	for (uint32_t h = 0; h < nb; h++) {
		if (!end[h])
			continue;
		up[h] = in[h];
		if (up[h] != UINT32_MAX && end[up[h]] < end[h]) {
			end[h] = 0; /* overlaps its enclosing region without nesting */
			continue;
		}
		ph[h] = h ? 0 : UINT32_MAX;
		for (uint32_t b = h; b < end[h]; b++)
			in[b] = h;
	}
	/* edges entering a region: each must be the preheader's B to the header */
	for (uint32_t p = 0; p < nb; p++) {
		const MBlock *bl = &f->blocks[p];
		uint32_t ns = block_successors(f, bl, succ);
		for (uint32_t k = 0; k < ns; k++)
			for (uint32_t h = in[succ[k]]; h != UINT32_MAX && !(p >= h && p < end[h]); h = up[h]) {
				bool only = ns == 1 && bl->ins[bl->n - 1].op == MIR_B && succ[k] == h;
				ph[h] = only && !ph[h] ? p + 1 : UINT32_MAX;
			}
	}
	for (uint32_t b = 0; b < nb; b++)
		for (uint32_t h = in[b]; h != UINT32_MAX && kept[b] == UINT32_MAX; h = up[h])
			if (ph[h] && ph[h] != UINT32_MAX)
				kept[b] = h;
	return true;
}

static bool range_lt(Range x, Range y)
{
	return x.from != y.from ? x.from < y.from : x.to < y.to;
}

/* Sorts r by (from, to) with tmp (n entries) as scratch: a merge sort of
 * the runs already in order (the lists busy_build joins are each sorted),
 * without qsort's call per comparison. Equal ranges are equal, so any
 * correct sort gives the same array. */
static void sort_ranges(Range *r, uint32_t n, Range *tmp)
{
	for (;;) {
		uint32_t runs = 0;
		for (uint32_t a = 0; a < n;) {
			uint32_t m = a + 1;
			while (m < n && !range_lt(r[m], r[m - 1]))
				m++;
			if (m == n) {
				if (a == 0)
					return; /* one run: sorted */
				memcpy(tmp + a, r + a, (size_t)(n - a) * sizeof *r);
				runs++;
				break;
			}
			uint32_t z = m + 1;
			while (z < n && !range_lt(r[z], r[z - 1]))
				z++;
			uint32_t i = a, j = m, k = a;
			while (i < m && j < z)
				tmp[k++] = range_lt(r[j], r[i]) ? r[j++] : r[i++];
			while (i < m)
				tmp[k++] = r[i++];
			while (j < z)
				tmp[k++] = r[j++];
			runs++;
			a = z;
		}
		copy_bytes(r, tmp, (size_t)n * sizeof *r);
		if (runs <= 1)
			return;
	}
}

/* Where each physical register is busy in this round's assignment: its
 * fixed ranges, calls (the caller-saved ones), and the ranges of the vregs
 * it holds, sorted and merged, for region_busy's binary searches (one list
 * per register instead of a walk over every vreg per loop). */
typedef struct Busy { Range *r[NPHYS]; uint32_t n[NPHYS]; } Busy;

static bool busy_build(RA *ra, Busy *bz)
{
	uint32_t cnt[NPHYS] = {0};
	for (uint32_t p = 0; p < NPHYS; p++)
		cnt[p] = ra->nfixed[p] + (CALLER_SAVED >> p & 1 ? ra->ncalls : 0);
	for (uint32_t u = 0; u < ra->nv; u++)
		if (ra->assign[u] < NPHYS)
			for (uint32_t q = ra->assign[u]; q < ra->assign[u] + width(vclass(ra, u)) && q < NPHYS; q++)
				cnt[q] += ra->nrng[u];
	uint32_t most = 1;
	for (uint32_t p = 0; p < NPHYS; p++) {
		bz->r[p] = ra_alloc(ra, cnt[p], sizeof *bz->r[p]);
		bz->n[p] = 0;
		most = cnt[p] > most ? cnt[p] : most;
	}
	Range *tmp = ra_alloc(ra, most, sizeof *tmp);
	if (ra->oom)
		return false;
	for (uint32_t p = 0; p < NPHYS; p++) {
		copy_bytes(bz->r[p], ra->fixed[p], ra->nfixed[p] * sizeof *bz->r[p]);
		bz->n[p] = ra->nfixed[p];
		if (CALLER_SAVED >> p & 1) {
			copy_bytes(bz->r[p] + bz->n[p], ra->calls, ra->ncalls * sizeof *bz->r[p]);
			bz->n[p] += ra->ncalls;
		}
	}
	for (uint32_t u = 0; u < ra->nv; u++)
		if (ra->assign[u] < NPHYS)
			for (uint32_t q = ra->assign[u]; q < ra->assign[u] + width(vclass(ra, u)) && q < NPHYS; q++) {
				copy_bytes(bz->r[q] + bz->n[q], ra->rng[u], ra->nrng[u] * sizeof *bz->r[q]);
				bz->n[q] += ra->nrng[u];
			}
	for (uint32_t p = 0; p < NPHYS; p++) {
		Range *r = bz->r[p];
		uint32_t m = 0;
		if (bz->n[p] > 1)
			sort_ranges(r, bz->n[p], tmp);
		for (uint32_t k = 0; k < bz->n[p]; k++)
			if (m && r[k].from <= r[m - 1].to + 1)
				r[m - 1].to = r[k].to > r[m - 1].to ? r[k].to : r[m - 1].to;
			else
				r[m++] = r[k];
		bz->n[p] = m;
	}
	return true;
}

/* The physical registers busy (bit p) somewhere in loop region h..end - 1
 * or at the B ending its preheader pre. */
static uint64_t region_busy(const Busy *bz, uint32_t h, uint32_t pre, uint32_t end, const uint32_t *bpos)
{
	Range r[2] = {{bpos[h], bpos[end] - 1}, {bpos[pre + 1] - 2, bpos[pre + 1] - 1}};
	if (pre < h) {
		Range t = r[0];
		r[0] = r[1], r[1] = t;
	}
	uint64_t busy = 0;
	for (uint32_t p = 0; p < NPHYS; p++)
		if (ranges_meet(bz->r[p], bz->n[p], r, 2))
			busy |= 1ull << p;
	return busy;
}

/* The first register of class cls, in preference order, not busy (bit
 * p: physical register p; a D register needs both S halves), or -1. */
static int first_free(uint64_t busy, uint8_t cls)
{
	const uint8_t *order = cls == MIR_DFP ? dpref : cls == MIR_VFP ? vpref : pref;
	size_t norder = cls == MIR_DFP ? sizeof dpref : cls == MIR_VFP ? sizeof vpref : sizeof pref;
	uint64_t need = cls == MIR_DFP ? 3 : 1;
	for (size_t q = 0; q < norder; q++)
		if (!(busy >> order[q] & need))
			return order[q];
	return -1;
}

/* Whether, with busy registers busy and a region register about to be
 * given to a spilled vreg of class cls (left counting it still), each
 * class whose spilled vregs would not all have one keeps a free register. */
static bool reserve_ok(uint64_t busy, const uint32_t *left, uint8_t cls)
{
	for (uint8_t c = MIR_CORE; c <= MIR_DFP; c++)
		if (left[c] - (c == cls) != 0 && first_free(busy, c) < 0)
			return false;
	return true;
}

/* Rewrites spilled vregs. A vreg of the function (not one made here) is
 * split: each definition writes a fresh register stored once to the vreg's
 * slot, and a use reloads it (or recomputes it, when it is
 * rematerializable: then it has no slot and its definition goes) unless
 * the register of its previous use or definition is at most SPLIT_GAP
 * instructions back in the same block with no call between, or the use is
 * in a loop region that does not write the vreg and gave it a register:
 * the region's register, loaded once before the preheader's B. Regions
 * hand out registers free over the whole region (and that B) in this
 * round's assignment, the most read vregs first, one to a vreg (its
 * innermost region), keeping one register of a class free while spilled
 * vregs of that class the region touches are left without one (their
 * short ranges need it); a region register is `derived` 2: spilled in a
 * later round, it is split like a vreg of the function but gets no region
 * register again. Those
 * registers are `derived`: if one of them is spilled in a later round it is
 * rewritten per access instead (a reload or recomputation before each use,
 * the stores of a definition to its home slot, which the value already
 * has), whose registers span at most 3 positions and are never spilled, so
 * the rounds converge. Only the blocks that touch a spilled vreg are
 * rebuilt, in place (from a copy in the round's arena). */
/* How far (instructions) a split value's register reaches to the next use. */
#define SPLIT_GAP 4
/* Appends to block b the load of spilled vreg v into t: its one
 * recomputable definition again (rematerialization, remat[v] = 1 + its
 * index in defi) or a reload from its slot. NULL when out of memory. */
static MIns *emit_reload(RA *ra, MBlock *b, uint32_t v, uint32_t t, const uint32_t *remat, const MIns *defi,
                         const uint32_t *slot)
{
	MIns *l = mir_emit(ra->f, b, remat[v] ? (MirOp)defi[remat[v] - 1].op : MIR_RELOAD);
	if (!l)
		return NULL;
	if (remat[v]) {
		*l = defi[remat[v] - 1];
	} else {
		l->imm = slot[v];
		l->aux = vclass(ra, v) == MIR_DFP ? MIR_DBL : 0;
	}
	l->r[0] = t;
	return l;
}

static bool rewrite_spills(RA *ra)
{
	MFunc *f = ra->f;
	uint32_t nv = ra->nv;
	uint32_t *slot = ra_alloc(ra, nv, sizeof *slot);
	uint32_t *ndef = ra_alloc(ra, nv, sizeof *ndef), *defk = ra_alloc(ra, nv, sizeof *defk);
	uint32_t *cur = ra_alloc(ra, nv, sizeof *cur), *curblk = ra_alloc(ra, nv, sizeof *curblk);
	uint32_t *lastk = ra_alloc(ra, nv, sizeof *lastk);
	if (ra->oom || !sy_arena_grow(&ra->keep, (void **)&ra->home, &ra->caphome, nv, sizeof *ra->home) ||
	    !sy_arena_grow(&ra->keep, (void **)&ra->derived, &ra->capderived, nv, sizeof *ra->derived))
		return false;
	/* definitions of the spilled vregs: how many, and the first */
	Pairs defs = {0}, defblk = {0};
	for (uint32_t b = 0; b < f->nblocks; b++)
		for (uint32_t k = 0; k < f->blocks[b].n; k++) {
			const MIns *i = &f->blocks[b].ins[k];
			for (unsigned j = 0; j < mir_ndefs[i->op]; j++) {
				uint32_t r = i->r[j];
				if (r < MIR_VREG0 || ra->assign[r - MIR_VREG0] != UINT32_MAX)
					continue;
				pair_add(ra, &defblk, r - MIR_VREG0, b);
				if (!ndef[r - MIR_VREG0]++) {
					defk[r - MIR_VREG0] = defs.n / 2;
					pair_add(ra, &defs, b, k);
				}
			}
		}
	if (ra->oom)
		return false;
	MIns *defi = ra_alloc(ra, defs.n / 2, sizeof *defi);
	if (!defi)
		return false;
	for (uint32_t k = 0; k < defs.n / 2; k++)
		defi[k] = f->blocks[defs.v[2 * k]].ins[defs.v[2 * k + 1]];
	/* remat: 1 + index into defi of the one recomputable definition */
	uint32_t *remat = ra_alloc(ra, nv, sizeof *remat);
	if (!remat)
		return false;
	for (uint32_t v = 0; v < nv; v++) {
		if (ra->assign[v] != UINT32_MAX)
			continue;
		if (ndef[v] == 1 && rematerializable(&defi[defk[v]]) && mir_ndefs[defi[defk[v]].op] == 1)
			remat[v] = defk[v] + 1;
		else if (ra->home[v])
			slot[v] = ra->home[v] - 1;
		else {
			slot[v] = f->nslots;
			f->nslots += width(vclass(ra, v));
		}
	}
	/* Loop regions: a vreg of the function that a region reads but does not
	 * write gets one register for all its reads there, reloaded (or
	 * recomputed) once at the end of the region's preheader. */
	uint32_t *lreg, *lend, *lpre, *dstart, *dblk, *ustart, *uv;
	if (!loop_regions(ra, &lreg, &lend, &lpre))
		return false;
	bucket(ra, &defblk, nv, &dstart, &dblk);
	Pairs luse = {0};
	for (uint32_t b = 0; b < f->nblocks; b++) {
		uint32_t h = lreg[b];
		if (h == UINT32_MAX)
			continue;
		for (uint32_t k = 0; k < f->blocks[b].n; k++) {
			const MIns *i = &f->blocks[b].ins[k];
			for (unsigned j = mir_ndefs[i->op]; j < mir_ndefs[i->op] + mir_nuses[i->op]; j++) {
				uint32_t r = i->r[j];
				if (r < MIR_VREG0 || ra->assign[r - MIR_VREG0] != UINT32_MAX || ra->derived[r - MIR_VREG0])
					continue;
				bool written = false;
				for (uint32_t d = dstart[r - MIR_VREG0]; d < dstart[r - MIR_VREG0 + 1] && !written; d++)
					written = dblk[d] >= h && dblk[d] < lend[h];
				if (!written)
					pair_add(ra, &luse, h, r - MIR_VREG0);
			}
		}
	}
	if (ra->oom)
		return false;
	bucket(ra, &luse, f->nblocks, &ustart, &uv);
	/* the region's register per entry of uv, UINT32_MAX none; uses per entry */
	uint32_t *ut = ra_alloc(ra, luse.n / 2, sizeof *ut), *un = ra_alloc(ra, luse.n / 2, sizeof *un);
	uint32_t *bpos = ra_alloc(ra, f->nblocks + 1, sizeof *bpos), *seen = ra_alloc(ra, nv, sizeof *seen);
	if (ra->oom)
		return false;
	Busy bz;
	bool built = false;
	bpos[0] = 0;
	for (uint32_t b = 0; b < f->nblocks; b++)
		bpos[b + 1] = bpos[b] + 2 * f->blocks[b].n;
	for (uint32_t h = 0; h < f->nblocks; h++) {
		uint32_t a = ustart[h], n = ustart[h + 1] - a, m = 0;
		if (!n)
			continue;
		if (n > 1)
			sort_blocks(uv + a, n);
		for (uint32_t k = 0; k < n; k++) {
			if (!m || uv[a + k] != uv[a + m - 1])
				uv[a + m] = uv[a + k], un[a + m++] = 0;
			un[a + m - 1]++;
		}
		for (uint32_t k = 0; k < n; k++) {
			ut[a + k] = UINT32_MAX;
			if (k >= m)
				uv[a + k] = UINT32_MAX; /* after the region's list: never found */
		}
		if (!built) {
			built = true;
			if (!busy_build(ra, &bz))
				return false;
		}
		uint64_t busy = region_busy(&bz, h, lpre[h] - 1, lend[h], bpos);
		/* spilled vregs the region reads or writes, per class: while some
		 * are left without a region register, one register of their
		 * class stays free for their short reload and spill ranges */
		uint32_t left[3] = {0, 0, 0};
		for (uint32_t b = h; b < lend[h]; b++)
			for (uint32_t k = 0; k < f->blocks[b].n; k++) {
				const MIns *i = &f->blocks[b].ins[k];
				for (unsigned j = 0; j < mir_ndefs[i->op] + mir_nuses[i->op]; j++) {
					uint32_t r = i->r[j];
					if (r < MIR_VREG0 || r - MIR_VREG0 >= nv || ra->assign[r - MIR_VREG0] != UINT32_MAX ||
					    seen[r - MIR_VREG0] == h + 1)
						continue;
					seen[r - MIR_VREG0] = h + 1;
					left[vclass(ra, r - MIR_VREG0)]++;
				}
			}
		/* the most used first, while a register of their class is free */
		for (;;) {
			uint32_t best = UINT32_MAX;
			for (uint32_t k = 0; k < m; k++)
				if (ut[a + k] == UINT32_MAX && un[a + k] && (best == UINT32_MAX || un[a + k] > un[best]))
					best = a + k;
			if (best == UINT32_MAX)
				break;
			uint32_t v = uv[best];
			uint8_t cls = vclass(ra, v);
			un[best] = 0; /* tried */
			uint64_t need = cls == MIR_DFP ? 3 : 1;
			int p = first_free(busy, cls);
			if (p < 0 || !reserve_ok(busy | need << p, left, cls))
				continue;
			busy |= need << p;
			left[cls]--;
			ut[best] = new_temp(ra, cls, remat[v] ? 0 : slot[v] + 1);
			if (ut[best] == UINT32_MAX)
				return false;
			ra->derived[ut[best] - MIR_VREG0] = 2;
			/* live across the region's blocks: the kept liveness (made for
			 * registers live within one block) is made again next round */
			ra->lv_nv = 0;
		}
	}
	uint32_t region = 0; /* stamps in curblk: a block, or its part after a call */
	for (uint32_t b = 0; b < f->nblocks; b++) {
		MBlock *bl = &f->blocks[b], *nbp = bl;
		uint32_t n = bl->n, first = 0;
		while (first < n && !touches_spilled(ra, &bl->ins[first]))
			first++;
		if (first == n)
			continue;
		MIns *old = ra_alloc(ra, n - first, sizeof *old);
		if (!old)
			return false;
		memcpy(old, bl->ins + first, (n - first) * sizeof *old);
		bl->n = first;
		region++;
		for (uint32_t k = 0; k < n - first; k++) {
			MIns i = old[k];
			if (k && (old[k - 1].op == MIR_CALL || old[k - 1].op == MIR_CALLR))
				region++;
			unsigned nd = mir_ndefs[i.op], nu = mir_nuses[i.op];
			/* the recomputable definition goes; a derived register's store
			 * to its home slot is made at its definition already */
			if (nd == 1 && i.r[0] >= MIR_VREG0 && i.r[0] - MIR_VREG0 < nv && remat[i.r[0] - MIR_VREG0])
				continue;
			if (i.op == MIR_SPILL && i.r[0] >= MIR_VREG0 && i.r[0] - MIR_VREG0 < nv &&
			    ra->assign[i.r[0] - MIR_VREG0] == UINT32_MAX && !remat[i.r[0] - MIR_VREG0] &&
			    ra->home[i.r[0] - MIR_VREG0] == (uint64_t)i.imm + 1)
				continue;
			for (unsigned j = nd; j < nd + nu; j++) {
				uint32_t r = i.r[j];
				/* r >= nv: a register made here for an earlier operand
				 * reading the same vreg (never spilled) */
				if (r < MIR_VREG0 || r - MIR_VREG0 >= nv || ra->assign[r - MIR_VREG0] != UINT32_MAX)
					continue;
				uint32_t v = r - MIR_VREG0, t = UINT32_MAX;
				bool split = ra->derived[v] != 1;
				if (!ra->derived[v] && lreg[b] != UINT32_MAX) {
					/* the loop region's register, when it has one for v */
					uint32_t lo = ustart[lreg[b]], hi = ustart[lreg[b] + 1];
					while (lo < hi) {
						uint32_t mid = lo + (hi - lo) / 2;
						if (uv[mid] < v)
							lo = mid + 1;
						else
							hi = mid;
					}
					if (lo < ustart[lreg[b] + 1] && uv[lo] == v)
						t = ut[lo];
				}
				if (t != UINT32_MAX) {
					/* shared over the region */
				} else if (split && curblk[v] == region && k - lastk[v] <= SPLIT_GAP) {
					t = cur[v];
					lastk[v] = k;
				} else {
					t = new_temp(ra, vclass(ra, v), 0);
					MIns *l = t == UINT32_MAX ? NULL : emit_reload(ra, nbp, v, t, remat, defi, slot);
					if (!l)
						return false;
					if (split)
						cur[v] = t, curblk[v] = region, lastk[v] = k;
				}
				/* the same spilled register may appear twice */
				for (unsigned q = j; q < nd + nu; q++)
					if (i.r[q] == r)
						i.r[q] = t;
			}
			uint32_t spills[2] = {0, 0}, sslot[2] = {0, 0};
			for (unsigned j = 0; j < nd; j++) {
				uint32_t r = i.r[j];
				if (r < MIR_VREG0 || r - MIR_VREG0 >= nv || ra->assign[r - MIR_VREG0] != UINT32_MAX)
					continue;
				uint32_t v = r - MIR_VREG0, t = new_temp(ra, vclass(ra, v), slot[v] + 1);
				if (t == UINT32_MAX)
					return false;
				spills[j] = t;
				sslot[j] = slot[v];
				i.r[j] = t;
				if (ra->derived[v] != 1)
					cur[v] = t, curblk[v] = region, lastk[v] = k;
			}
			MIns *c = mir_emit(f, nbp, (MirOp)i.op);
			if (!c)
				return false;
			*c = i;
			for (unsigned j = 0; j < nd; j++) {
				if (!spills[j])
					continue;
				MIns *s = mir_emit(f, nbp, MIR_SPILL);
				if (!s)
					return false;
				s->r[0] = spills[j], s->imm = sslot[j];
				s->aux = mir_class(f, spills[j]) == MIR_DFP ? MIR_DBL : 0;
			}
		}
	}
	/* the regions' registers are loaded before their preheaders' B */
	for (uint32_t h = 0; h < f->nblocks; h++) {
		bool any = false;
		for (uint32_t k = ustart[h]; k < ustart[h + 1]; k++)
			any = any || ut[k] != UINT32_MAX;
		if (!any)
			continue;
		MBlock *pb = &f->blocks[lpre[h] - 1];
		MIns br = pb->ins[--pb->n];
		for (uint32_t k = ustart[h]; k < ustart[h + 1] && uv[k] != UINT32_MAX; k++) {
			uint32_t v = uv[k];
			if (ut[k] == UINT32_MAX)
				continue;
			if (!emit_reload(ra, pb, v, ut[k], remat, defi, slot))
				return false;
		}
		MIns *c = mir_emit(f, pb, MIR_B);
		if (!c)
			return false;
		*c = br;
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
	case MIR_SETCC: case MIR_CSEL: case MIR_CSELI: case MIR_FRAMEADDR: case MIR_LDR: case MIR_LDRR: case MIR_RELOAD:
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
 * into immediates, copies made redundant), to a fixpoint. Uses are counted
 * once and decremented as their readers go; blocks and instructions are
 * swept backwards, so a chain of dead values usually goes in one sweep.
 * What remains does not depend on the order (nothing is removed that a
 * kept instruction reads). */
static bool dce(RA *ra)
{
	MFunc *f = ra->f;
	uint32_t nv = f->nvregs - MIR_VREG0;
	uint32_t *uses = ra_alloc(ra, nv, sizeof *uses);
	if (!uses)
		return false;
	for (uint32_t b = 0; b < f->nblocks; b++)
		for (uint32_t k = 0; k < f->blocks[b].n; k++) {
			const MIns *i = &f->blocks[b].ins[k];
			unsigned nd = mir_ndefs[i->op], nu = mir_nuses[i->op];
			for (unsigned j = nd; j < nd + nu; j++)
				if (i->r[j] >= MIR_VREG0)
					uses[i->r[j] - MIR_VREG0]++;
		}
	for (bool changed = true; changed;) {
		changed = false;
		for (uint32_t b = f->nblocks; b-- > 0;) {
			MBlock *bl = &f->blocks[b];
			uint32_t out = bl->n;
			for (uint32_t k = bl->n; k-- > 0;) {
				const MIns *i = &bl->ins[k];
				unsigned nd = mir_ndefs[i->op], nu = mir_nuses[i->op];
				bool dead = pure(i);
				for (unsigned j = 0; j < nd && dead; j++)
					if (uses[i->r[j] - MIR_VREG0])
						dead = false;
				if (!dead) {
					bl->ins[--out] = *i;
					continue;
				}
				for (unsigned j = nd; j < nd + nu; j++)
					if (i->r[j] >= MIR_VREG0)
						uses[i->r[j] - MIR_VREG0]--;
				changed = true;
			}
			if (out) {
				memmove(bl->ins, bl->ins + out, (bl->n - out) * sizeof *bl->ins);
				bl->n -= out;
			}
		}
	}
	return true;
}

/* Code size: the scan hands registers out in preference order by interval
 * start, so the values live from the entry (memory base, constants) take
 * r4-r7 (or r12) and the busy temporaries of a loop body get r8-r11, where
 * most instructions need a 32-bit encoding. Renaming whole registers after
 * the scan is free: the callee-saved registers r4-r11 are interchangeable
 * (the same number of them, so the same push, padding and instruction
 * count), so are r12 and the r0-r3 no instruction names (no argument or
 * result), and in a function without calls all of them together.
 * rename_low maps the k callee-saved registers used onto r4..r4+k-1 and
 * then swaps pairs of the registers used while the estimate below of the
 * bytes of the instructions naming them goes down. Functions that name
 * r4-r12 before allocation are left as they are. */

typedef struct Rename {
	const RA *ra;
	uint8_t map[13];   /* register after the scan -> register after renaming */
} Rename;

static uint32_t phys_of(const Rename *rn, uint32_t r)
{
	if (r >= MIR_VREG0)
		r = rn->ra->assign[r - MIR_VREG0];
	return r <= 12 ? rn->map[r] : r;
}

/* The bytes of instruction i under rn where they depend on which registers
 * it names (0 where they do not): the 16-bit forms of encode.c and their
 * register conditions, with the flags assumed free. An estimate only:
 * renaming never changes what the code does. */
static uint32_t ins_bytes(const Rename *rn, const MIns *i)
{
	uint32_t d = phys_of(rn, i->r[0]), x = phys_of(rn, i->r[1]), y = phys_of(rn, i->r[2]);
	bool ld = d < 8, lx = x < 8, ly = y < 8, lo2 = ld && lx, lo3 = lo2 && ly;
	int64_t imm = i->imm;
	switch (i->op) {
	case MIR_MOVI:
		return imm >= 0 && imm <= 255 ? (ld ? 2 : 4) : 0;
	case MIR_DP: case MIR_DPS:
		if (imm != 0) { /* a shifted operand: 32-bit but for MOV's LSL LSR ASR (lsls) */
			if (i->aux != ARM_MOV || (imm >> 8) == ARM_ROR || (imm >> 8) == ARM_RRX)
				return 0;
			return ld && ly ? 2 : 4;
		}
		switch (i->aux) {
		case ARM_ADD:
			return lo3 || (i->op == MIR_DP && (d == x || d == y)) ? 2 : 4;
		case ARM_SUB:
			return lo3 ? 2 : 4;
		case ARM_AND: case ARM_ORR: case ARM_EOR: case ARM_ADC:
			return lo3 && (d == x || d == y) ? 2 : 4;
		case ARM_BIC: case ARM_SBC:
			return lo3 && d == x ? 2 : 4;
		case ARM_MVN:
			return ld && ly ? 2 : 4;
		default:
			return 0;
		}
	case MIR_DPI: case MIR_DPIS:
		if (i->aux == ARM_RSB && imm == 0) /* negs */
			return lo2 ? 2 : 4;
		if (i->aux != ARM_ADD && i->aux != ARM_SUB)
			return 0;
		return (ld && d == x && imm >= 0 && imm <= 255) || (lo2 && imm >= 0 && imm <= 7) ? 2 : 4;
	case MIR_CMPI:
		return i->aux == ARM_CMP && imm >= 0 && imm <= 255 ? (ld ? 2 : 4) : 0;
	case MIR_CMP:
		return (i->aux & ~MIR_CMP_IF) == ARM_CMP ? 0 : (ld && lx ? 2 : 4);
	case MIR_SHIFTI:
		return i->aux == ARM_ROR ? 0 : (lo2 ? 2 : 4);
	case MIR_SHIFT:
		return lo3 && d == x ? 2 : 4;
	case MIR_MUL:
		return lo3 && (d == x || d == y) ? 2 : 4;
	case MIR_EXT:
		return lo2 ? 2 : 4;
	case MIR_BITOP:
		return i->aux == ARM_CLZ || i->aux == ARM_RBIT ? 0 : (lo2 ? 2 : 4);
	case MIR_LDR: case MIR_STR: {
		if (d >= MIR_S0)
			return 0;
		uint32_t max = i->aux == ARM_LDR || i->aux == ARM_STR ? 124 :
		               i->aux == ARM_LDRH || i->aux == ARM_STRH ? 62 :
		               i->aux == ARM_LDRB || i->aux == ARM_STRB ? 31 : 0;
		uint32_t align = max == 124 ? 3 : max == 62 ? 1 : 0;
		if (x == MIR_SP && max == 124)
			max = 1020;
		if (!max && imm) /* ldrsb, ldrsh: no 16-bit immediate form */
			return 0;
		if (imm < 0 || imm > max || (imm & align) || (!lx && x != MIR_SP))
			return 4;
		return ld ? 2 : 4;
	}
	case MIR_LDRR: case MIR_STRR:
		return imm == 0 && lo3 ? 2 : 4;
	case MIR_SETCC:
		return ld ? 4 : 8;
	case MIR_SPILL: case MIR_RELOAD: case MIR_LDARG: case MIR_STARG:
		return d < MIR_S0 ? (ld ? 2 : 4) : 0;
	default:
		return 0;
	}
}

/* The instructions of list naming each of r0-r12 of the scan: their
 * indices by register (start[p] .. start[p + 1] in idx), and per
 * instruction the mask of those it names. */
typedef struct Naming { uint32_t start[14]; uint32_t *idx; uint16_t *mask; } Naming;

/* The bytes of the instructions in list naming register a or b of the
 * scan (each once): those naming a, then those naming b but not a. Only
 * the registers' own instructions are visited (a walk over the whole
 * function per pair tried made a big function's renaming quadratic). */
static uint32_t pair_bytes(const Rename *rn, MIns *const *list, const Naming *nm, uint32_t a, uint32_t b)
{
	uint32_t sum = 0;
	for (uint32_t k = nm->start[a]; k < nm->start[a + 1]; k++)
		sum += ins_bytes(rn, list[nm->idx[k]]);
	for (uint32_t k = nm->start[b]; k < nm->start[b + 1]; k++)
		if (!(nm->mask[nm->idx[k]] >> a & 1))
			sum += ins_bytes(rn, list[nm->idx[k]]);
	return sum;
}

static bool rename_low(RA *ra)
{
	MFunc *f = ra->f;
	bool leaf = true;
	uint32_t n = 0, named = 0; /* r0-r15 an instruction names before allocation */
	for (uint32_t b = 0; b < f->nblocks; b++)
		for (uint32_t k = 0; k < f->blocks[b].n; k++) {
			const MIns *i = &f->blocks[b].ins[k];
			if (i->op == MIR_CALL || i->op == MIR_CALLR)
				leaf = false;
			for (unsigned j = 0; j < mir_ndefs[i->op] + mir_nuses[i->op]; j++)
				if (i->r[j] < 16)
					named |= 1u << i->r[j];
			named |= (uint32_t)((implicit_uses(i) | implicit_defs(i)) & 0xffff);
			n++;
		}
	if (named & 0x1ff0)
		return true; /* r4-r12 named: left as they are */
	bool used[13] = {false};
	for (uint32_t v = 0; v < ra->nv; v++)
		if (ra->start[v] != UINT32_MAX && ra->assign[v] <= 12)
			used[ra->assign[v]] = true;
	/* Two groups of interchangeable registers: the callee-saved ones, and
	 * the caller-saved ones no instruction names (r0-r3 carry arguments and
	 * results) with r12; in a function without calls, one group. */
	Rename rn = {.ra = ra};
	uint32_t src[13], group[13], ns = 0, ncallee = 0;
	for (uint32_t p = 0; p <= 12; p++)
		rn.map[p] = (uint8_t)p;
	for (uint32_t p = 4; p <= 11; p++)
		if (used[p]) {
			rn.map[p] = (uint8_t)(4 + ncallee++);
			group[ns] = 0;
			src[ns++] = p;
		}
	for (uint32_t p = 0; p <= 12; p++)
		if ((p < 4 || p == 12) && used[p] && !(named & 1u << p)) {
			group[ns] = leaf ? 0 : 1;
			src[ns++] = p;
		}
	MIns **list = ra_alloc(ra, n, sizeof *list);
	if (!list)
		return false;
	n = 0;
	for (uint32_t b = 0; b < f->nblocks; b++)
		for (uint32_t k = 0; k < f->blocks[b].n; k++)
			list[n++] = &f->blocks[b].ins[k];
	Naming nm = {.mask = ra_alloc(ra, n, sizeof *nm.mask)};
	if (!nm.mask)
		return false;
	uint32_t count[13] = {0}, total = 0;
	for (uint32_t k = 0; k < n; k++) {
		const MIns *i = list[k];
		for (unsigned j = 0; j < mir_ndefs[i->op] + mir_nuses[i->op]; j++) {
			uint32_t r = i->r[j] >= MIR_VREG0 ? ra->assign[i->r[j] - MIR_VREG0] : i->r[j];
			if (r <= 12 && !(nm.mask[k] >> r & 1)) {
				nm.mask[k] |= (uint16_t)(1u << r);
				count[r]++, total++;
			}
		}
	}
	nm.idx = ra_alloc(ra, total, sizeof *nm.idx);
	if (!nm.idx)
		return false;
	uint32_t fill[13];
	for (uint32_t p = 0, sum = 0; p <= 13; p++) {
		nm.start[p] = sum;
		if (p < 13)
			fill[p] = sum, sum += count[p];
	}
	for (uint32_t k = 0; k < n; k++)
		for (uint32_t m = nm.mask[k]; m; m &= m - 1)
			nm.idx[fill[__builtin_ctz(m)]++] = k;
	/* swap the targets of two registers while that saves bytes; each
	 * accepted swap saves at least 2, so this ends */
	for (bool better = true; better;) {
		better = false;
		for (uint32_t p = 0; p < ns; p++)
			for (uint32_t q = p + 1; q < ns; q++) {
				uint32_t a = src[p], b = src[q];
				if (group[p] != group[q])
					continue;
				uint32_t before = pair_bytes(&rn, list, &nm, a, b);
				uint8_t t = rn.map[a];
				rn.map[a] = rn.map[b];
				rn.map[b] = t;
				if (pair_bytes(&rn, list, &nm, a, b) < before) {
					better = true;
				} else {
					rn.map[b] = rn.map[a];
					rn.map[a] = t;
				}
			}
	}
	for (uint32_t v = 0; v < ra->nv; v++)
		if (ra->start[v] != UINT32_MAX && ra->assign[v] <= 12)
			ra->assign[v] = rn.map[ra->assign[v]];
	return true;
}

/* Recolouring for code size (recolour): rename_low moves whole registers,
 * so a register's values all go low or high together. This pass then
 * moves single core vregs, hottest first (uses and definitions weighted
 * x8 per loop level), to another register free over all of their live
 * ranges (no other vreg's range, no fixed range or call clobber there,
 * the same test as the scan's) when the estimated bytes of the
 * instructions naming them go down; and it moves a vreg in r8-r12 into a
 * low register whose one other occupant there moves to any register free
 * for it, when the pair costs less. Any assignment made is one the scan
 * could have made. A callee-saved register is never emptied nor a new one
 * taken (the push, its padding and the frame stay), and copies (MOV),
 * conditional moves (CSEL, CSELI) and `cmp #0` before cbz count their
 * instructions: the count never goes up (copies that come to share a
 * register go). Occupancy is kept per register and position, at most 13
 * vregs live at a position, so a sweep of moves costs 13 x 13 x positions;
 * evictions walk the evicted vreg's ranges, so their work is bounded per
 * function (RECOL_BUDGET) and each vreg's blocker per register is
 * remembered until that register's occupants change. */
#ifndef RECOL_BUDGET
#define RECOL_BUDGET 512 /* eviction work per position and instruction */
#endif
typedef struct Recol {
	RA *ra;
	MIns **list;         /* the function's instructions in layout order */
	uint32_t *istart;    /* per vreg: its instructions (indices into list), CSR offsets... */
	uint32_t *ins;       /* ...and the lists */
	uint32_t *owner;     /* [p * npos + pos]: the vreg in core register p at pos, or UINT32_MAX */
	uint32_t npos;
	uint32_t *stamp, now; /* per instruction: counted in this estimate */
	uint64_t work, budget; /* positions and instructions visited by evictions, and their bound */
	uint32_t gen[13];     /* per register: changes of its occupants so far */
	uint32_t *blk, *blkgen; /* [v * 13 + p]: recol_blocker(p, v), valid while blkgen == gen[p] + 1 */
	uint16_t *occ;        /* per pos: bit p when owner[p * npos + pos] is a vreg */
	uint32_t *cost;       /* [v * 13 + p]: recol_cost(v) with v in p... */
	uint16_t *cvalid;     /* ...known for the bits p here, cleared when a vreg
	                       * sharing an instruction with v moves */
	uint32_t moves;       /* changes of occ so far */
	uint16_t *taken;      /* per vreg: recol_taken(v)... */
	uint32_t *tgen;       /* ...valid while tgen == moves + 1 */
	uint16_t *fxk, *fxv;  /* per vreg: fixed_conflict(p, v) known (bit p) and its answer;
	                       * neither fixed ranges nor v's ranges change here */
} Recol;

/* An instruction's bytes as far as register choice decides them, with
 * copies and conditional moves that stop being free costed as 64 bytes
 * (never traded for encodings) and a `cmp rn, #0` that cannot become
 * cbz as 8. */
static uint32_t recol_bytes(const Rename *rn, const MIns *i)
{
	uint32_t d = phys_of(rn, i->r[0]), x = phys_of(rn, i->r[1]), y = phys_of(rn, i->r[2]);
	switch (i->op) {
	case MIR_MOV:
		return d == x ? 0 : 64;
	case MIR_CSEL:
		return d == x && d == y ? 0 : d == x || d == y ? 64 : 128;
	case MIR_CSELI:
		return d == x ? 64 : 128;
	case MIR_CMPI:
		if (i->aux == ARM_CMP && i->imm == 0)
			return d < 8 ? 2 : 8;
		return ins_bytes(rn, i);
	default:
		return ins_bytes(rn, i);
	}
}

/* The estimated bytes of the instructions naming v or u (each once). */
static uint32_t recol_cost(Recol *rc, const Rename *rn, uint32_t v, uint32_t u)
{
	uint32_t sum = 0;
	rc->now++;
	for (int t = 0; t < 2; t++) {
		uint32_t w = t ? u : v;
		if (w == UINT32_MAX)
			continue;
		for (uint32_t k = rc->istart[w]; k < rc->istart[w + 1]; k++)
			if (rc->stamp[rc->ins[k]] != rc->now) {
				const MIns *i = rc->list[rc->ins[k]];
				rc->stamp[rc->ins[k]] = rc->now;
				rc->work++;
				sum += 4 * recol_bytes(rn, i);
				/* between equal estimates, low registers (forms the
				 * estimate does not know, such as tst and cbz) */
				for (unsigned j = 0; j < mir_ndefs[i->op] + mir_nuses[i->op]; j++) {
					uint32_t r = phys_of(rn, i->r[j]);
					sum += r >= 8 && r <= 12;
				}
			}
	}
	return sum;
}

/* recol_cost(v, none) with v in register p, remembered: the same work
 * is counted as if it were walked again (the eviction budget sees it). */
static uint32_t recol_cost_in(Recol *rc, const Rename *rn, uint32_t v, uint32_t p)
{
	size_t k = (size_t)v * 13 + p;
	if (rc->cvalid[v] >> p & 1) {
		rc->work += rc->istart[v + 1] - rc->istart[v];
		return rc->cost[k];
	}
	uint32_t was = rc->ra->assign[v];
	rc->ra->assign[v] = p;
	rc->cost[k] = recol_cost(rc, rn, v, UINT32_MAX);
	rc->ra->assign[v] = was;
	rc->cvalid[v] |= (uint16_t)(1u << p);
	return rc->cost[k];
}

/* v moved: the costs remembered for the vregs sharing its instructions
 * (its own included) are stale. */
static void recol_moved(Recol *rc, uint32_t v)
{
	const RA *ra = rc->ra;
	for (uint32_t k = rc->istart[v]; k < rc->istart[v + 1]; k++) {
		const MIns *i = rc->list[rc->ins[k]];
		for (unsigned j = 0; j < mir_ndefs[i->op] + mir_nuses[i->op]; j++)
			if (i->r[j] >= MIR_VREG0 && i->r[j] - MIR_VREG0 < ra->nv)
				rc->cvalid[i->r[j] - MIR_VREG0] = 0;
	}
}

/* How many instructions name v or u. */
static uint32_t recol_union(const Recol *rc, uint32_t v, uint32_t u)
{
	uint32_t n = rc->istart[v + 1] - rc->istart[v] + rc->istart[u + 1] - rc->istart[u];
	for (uint32_t k = rc->istart[v]; k < rc->istart[v + 1]; k++) {
		const MIns *i = rc->list[rc->ins[k]];
		for (unsigned j = 0; j < mir_ndefs[i->op] + mir_nuses[i->op]; j++)
			if (i->r[j] == MIR_VREG0 + u) {
				n--;
				break;
			}
	}
	return n;
}

static void recol_set(Recol *rc, uint32_t v, uint32_t p, uint32_t val)
{
	const RA *ra = rc->ra;
	uint16_t bit = (uint16_t)(1u << p);
	rc->moves++;
	for (uint32_t q = 0; q < ra->nrng[v]; q++)
		for (uint32_t pos = ra->rng[v][q].from; pos <= ra->rng[v][q].to; pos++) {
			rc->owner[(size_t)p * rc->npos + pos] = val;
			rc->occ[pos] = val == UINT32_MAX ? rc->occ[pos] & (uint16_t)~bit : rc->occ[pos] | bit;
		}
}

/* The core registers some vreg holds somewhere v is live: a register
 * other than v's own is free for v when its bit is clear here and it has
 * no fixed range there (v is only ever in its own register). */
static uint32_t recol_taken(const Recol *rc, uint32_t v)
{
	const RA *ra = rc->ra;
	uint32_t m = 0;
	for (uint32_t q = 0; q < ra->nrng[v]; q++)
		for (uint32_t pos = ra->rng[v][q].from; pos <= ra->rng[v][q].to; pos++)
			m |= rc->occ[pos];
	return m;
}

static uint32_t recol_taken_c(Recol *rc, uint32_t v)
{
	if (rc->tgen[v] != rc->moves + 1) {
		rc->taken[v] = (uint16_t)recol_taken(rc, v);
		rc->tgen[v] = rc->moves + 1;
	}
	return rc->taken[v];
}

/* fixed_conflict(p, v), asked once per vreg and register. */
static bool recol_fixed(Recol *rc, uint32_t p, uint32_t v)
{
	uint16_t bit = (uint16_t)(1u << p);
	if (!(rc->fxk[v] & bit)) {
		rc->fxk[v] |= bit;
		if (fixed_conflict(rc->ra, p, v))
			rc->fxv[v] |= bit;
	}
	return rc->fxv[v] & bit;
}

/* The vreg other than v in register p somewhere v is live: none
 * (UINT32_MAX), exactly one (returned), or more or a fixed range (UINT32_MAX - 1). */
static uint32_t recol_blocker(Recol *rc, uint32_t p, uint32_t v)
{
	RA *ra = rc->ra;
	if (recol_fixed(rc, p, v))
		return UINT32_MAX - 1;
	uint32_t one = UINT32_MAX;
	for (uint32_t q = 0; q < ra->nrng[v]; q++) {
		rc->work += ra->rng[v][q].to - ra->rng[v][q].from + 1;
		for (uint32_t pos = ra->rng[v][q].from; pos <= ra->rng[v][q].to; pos++) {
			uint32_t o = rc->owner[(size_t)p * rc->npos + pos];
			if (o == UINT32_MAX || o == v || o == one)
				continue;
			if (one != UINT32_MAX)
				return UINT32_MAX - 1;
			one = o;
		}
	}
	return one;
}

/* recol_blocker(p, v), remembered until p's occupants change (the
 * same long-lived values block many short ones). */
static uint32_t recol_blocker_c(Recol *rc, uint32_t p, uint32_t v)
{
	size_t k = (size_t)v * 13 + p;
	if (rc->blkgen[k] != rc->gen[p] + 1) {
		rc->blk[k] = recol_blocker(rc, p, v);
		rc->blkgen[k] = rc->gen[p] + 1;
	}
	return rc->blk[k];
}

static bool recolour(RA *ra)
{
	MFunc *f = ra->f;
	Recol rc = {.ra = ra};
	Rename rn = {.ra = ra};
	for (uint32_t p = 0; p <= 12; p++)
		rn.map[p] = (uint8_t)p;
	uint32_t n = 0, nc = 0, callee[13] = {0};
	for (uint32_t b = 0; b < f->nblocks; b++)
		n += f->blocks[b].n;
	for (uint32_t v = 0; v < ra->nv; v++)
		if (ra->start[v] != UINT32_MAX && ra->nrng[v] && ra->assign[v] <= 12 && vclass(ra, v) == MIR_CORE) {
			nc++;
			callee[ra->assign[v]]++;
			if (ra->end[v] + 1 > rc.npos)
				rc.npos = ra->end[v] + 1;
		}
	if (!nc || !n)
		return true;
	rc.budget = (uint64_t)RECOL_BUDGET * (rc.npos + n);
	rc.list = ra_alloc(ra, n, sizeof *rc.list);
	rc.stamp = ra_alloc(ra, n, sizeof *rc.stamp);
	rc.istart = ra_alloc(ra, ra->nv + 1, sizeof *rc.istart);
	rc.owner = ra_alloc(ra, (size_t)13 * rc.npos, sizeof *rc.owner);
	rc.blk = ra_alloc(ra, (size_t)13 * ra->nv, sizeof *rc.blk);
	rc.blkgen = ra_alloc(ra, (size_t)13 * ra->nv, sizeof *rc.blkgen);
	rc.occ = ra_alloc(ra, rc.npos, sizeof *rc.occ);
	rc.cost = ra_alloc(ra, (size_t)13 * ra->nv, sizeof *rc.cost);
	rc.cvalid = ra_alloc(ra, ra->nv, sizeof *rc.cvalid);
	rc.taken = ra_alloc(ra, ra->nv, sizeof *rc.taken);
	rc.tgen = ra_alloc(ra, ra->nv, sizeof *rc.tgen);
	rc.fxk = ra_alloc(ra, ra->nv, sizeof *rc.fxk);
	rc.fxv = ra_alloc(ra, ra->nv, sizeof *rc.fxv);
	uint32_t *order = ra_alloc(ra, nc, sizeof *order);
	uint32_t *key = ra_alloc(ra, ra->nv, sizeof *key);
	if (ra->oom)
		return false;
	n = 0;
	for (uint32_t b = 0; b < f->nblocks; b++)
		for (uint32_t k = 0; k < f->blocks[b].n; k++)
			rc.list[n++] = &f->blocks[b].ins[k];
	/* per vreg, the instructions naming it (once each) */
	for (uint32_t pass = 0; pass < 2; pass++) {
		if (pass) {
			uint32_t sum = 0;
			for (uint32_t v = 0; v <= ra->nv; v++) {
				uint32_t c = v < ra->nv ? rc.istart[v] : 0;
				rc.istart[v] = sum;
				sum += c;
			}
			rc.ins = ra_alloc(ra, sum + 1, sizeof *rc.ins);
			if (!rc.ins)
				return false;
		}
		for (uint32_t k = 0; k < n; k++) {
			const MIns *i = rc.list[k];
			unsigned m = mir_ndefs[i->op] + mir_nuses[i->op];
			for (unsigned j = 0; j < m; j++) {
				uint32_t r = i->r[j];
				bool seen = false;
				for (unsigned jj = 0; jj < j; jj++)
					seen = seen || i->r[jj] == r;
				if (r < MIR_VREG0 || r - MIR_VREG0 >= ra->nv || seen)
					continue;
				if (pass)
					rc.ins[rc.istart[r - MIR_VREG0]++] = k; /* each offset ends at its end... */
				else
					rc.istart[r - MIR_VREG0]++;
			}
		}
	}
	/* ...the next one's start: shift back */
	for (uint32_t v = ra->nv; v > 0; v--)
		rc.istart[v] = rc.istart[v - 1];
	rc.istart[0] = 0;
	memset(rc.stamp, 0, n * sizeof *rc.stamp);
	memset(rc.blkgen, 0, (size_t)13 * ra->nv * sizeof *rc.blkgen);
	for (size_t k = 0; k < (size_t)13 * rc.npos; k++)
		rc.owner[k] = UINT32_MAX;
	memset(rc.occ, 0, rc.npos * sizeof *rc.occ);
	memset(rc.cvalid, 0, ra->nv * sizeof *rc.cvalid);
	memset(rc.tgen, 0, ra->nv * sizeof *rc.tgen);
	memset(rc.fxk, 0, ra->nv * sizeof *rc.fxk);
	memset(rc.fxv, 0, ra->nv * sizeof *rc.fxv);
	nc = 0;
	for (uint32_t v = 0; v < ra->nv; v++)
		if (ra->start[v] != UINT32_MAX && ra->nrng[v] && ra->assign[v] <= 12 && vclass(ra, v) == MIR_CORE) {
			recol_set(&rc, v, ra->assign[v], v);
			order[nc++] = v;
			float w = ra->weight[v] < 4e9f ? ra->weight[v] : 4e9f;
			key[v] = UINT32_MAX - (uint32_t)w;
		}
	/* hottest first: they pick first */
	sort_by_start(order, nc, key);
	for (int sweep = 0; sweep < 4; sweep++) {
		bool better = false;
		for (uint32_t k = 0; k < nc; k++) {
			uint32_t v = order[k], p = ra->assign[v];
			uint32_t cur = recol_cost_in(&rc, &rn, v, p), best = cur, bestq = UINT32_MAX;
			uint32_t taken = recol_taken_c(&rc, v);
			for (uint32_t q = 0; q <= 12; q++) {
				if (q == p || (q >= 4 && q <= 11 && !callee[q]) || (p >= 4 && p <= 11 && callee[p] == 1))
					continue;
				if (recol_fixed(&rc, q, v) || taken >> q & 1)
					continue;
				uint32_t c = recol_cost_in(&rc, &rn, v, q);
				if (c < best)
					best = c, bestq = q;
			}
			if (bestq != UINT32_MAX) {
				recol_set(&rc, v, p, UINT32_MAX);
				recol_set(&rc, v, bestq, v);
				ra->assign[v] = bestq;
				recol_moved(&rc, v);
				callee[p]--, callee[bestq]++;
				rc.gen[p]++, rc.gen[bestq]++;
				better = true;
				continue;
			}
			/* evictions cost up to 13 walks of the evicted vreg's ranges:
			 * bounded per function (a value live over a whole big
			 * function blocks thousands of short ones) */
			if (p < 8 || rc.work > rc.budget)
				continue;
			/* v into a low register q, the one vreg u keeping it out of q
			 * moving to a register r free for it (v's own register
			 * included): the best such pair when it saves bytes */
			uint32_t bq = UINT32_MAX, br = UINT32_MAX, bu = UINT32_MAX, gain = 0;
			for (uint32_t q = 0; q < 8; q++) {
				if (q >= 4 && !callee[q])
					continue;
				uint32_t u = recol_blocker_c(&rc, q, v);
				if (u >= UINT32_MAX - 1)
					continue;
				uint32_t own = recol_cost_in(&rc, &rn, v, q);
				if (own >= cur)
					continue; /* v gains nothing there */
				/* the estimate before, only when some r is free for u
				 * (counted as walked either way) */
				uint32_t before = UINT32_MAX;
				rc.work += recol_union(&rc, v, u);
				for (uint32_t r = 0; r <= 12; r++) {
					if (r == q || (r >= 4 && r <= 11 && !callee[r]) ||
					    (r != p && p >= 4 && p <= 11 && callee[p] == 1) ||
					    (recol_blocker_c(&rc, r, u) != UINT32_MAX &&
					     (r != p || recol_blocker_c(&rc, r, u) != v)))
						continue;
					if (before == UINT32_MAX) {
						uint64_t w = rc.work;
						before = recol_cost(&rc, &rn, v, u);
						rc.work = w;
					}
					ra->assign[v] = q, ra->assign[u] = r;
					uint32_t after = recol_cost(&rc, &rn, v, u);
					ra->assign[v] = p, ra->assign[u] = q;
					if (after < before && before - after > gain)
						gain = before - after, bq = q, br = r, bu = u;
				}
			}
			if (bq != UINT32_MAX) {
				recol_set(&rc, v, p, UINT32_MAX);
				recol_set(&rc, bu, bq, UINT32_MAX);
				recol_set(&rc, v, bq, v);
				recol_set(&rc, bu, br, bu);
				ra->assign[v] = bq, ra->assign[bu] = br;
				recol_moved(&rc, v);
				recol_moved(&rc, bu);
				callee[p]--, callee[br]++;
				rc.gen[p]++, rc.gen[bq]++, rc.gen[br]++;
				better = true;
			}
		}
		if (!better)
			break;
	}
	return true;
}

/* Allocates f's registers; the tables live in ra->tmp. */
static SynthStatus rega_run(RA *ra)
{
	SynthContext *ctx = ra->ctx;
	MFunc *f = ra->f;
	if (!dce(ra))
		return sy_nomem(ctx);
	for (int round = 0;; round++) {
		/* the previous round's tables are done with */
		sy_arena_free(&ra->tmp);
		memset(ra->fixed, 0, sizeof ra->fixed);
		memset(ra->capfixed, 0, sizeof ra->capfixed);
		ra->calls = NULL;
		ra->capcalls = 0;
		ra->nv = f->nvregs - MIR_VREG0;
		ra->start = ra_alloc(ra, ra->nv, sizeof *ra->start);
		ra->end = ra_alloc(ra, ra->nv, sizeof *ra->end);
		ra->assign = ra_alloc(ra, ra->nv, sizeof *ra->assign);
		ra->weight = ra_alloc(ra, ra->nv, sizeof *ra->weight);
		ra->rng = ra_alloc(ra, ra->nv, sizeof *ra->rng);
		ra->nrng = ra_alloc(ra, ra->nv, sizeof *ra->nrng);
		ra->caprng = ra_alloc(ra, ra->nv, sizeof *ra->caprng);
		ra->thru = ra_alloc(ra, ra->nv, sizeof *ra->thru);
		ra->nthru = ra_alloc(ra, ra->nv, sizeof *ra->nthru);
		if (ra->oom)
			return sy_nomem(ctx);
		build_intervals(ra);
		build_hints(ra);
		if (ra->oom)
			return sy_nomem(ctx);
		uint32_t spilled = scan(ra);
		if (ra->oom)
			return sy_nomem(ctx);
		if (!spilled)
			break;
		/* every round spills at least one interval into short ones, so this
		 * ends; the limit only bounds compile time on pathological code */
		if (round == 256)
			return sy_error(ctx, SYNTH_ERR_INTERNAL, 0, -1,
			                "register allocation did not converge (function too complex)");
		for (uint32_t v = 0; v < ra->lv_nv; v++)
			if (ra->assign[v] == UINT32_MAX)
				ra->gone[v] = 1;
		if (!rewrite_spills(ra))
			return sy_nomem(ctx);
	}
	if (!rename_low(ra) || !recolour(ra))
		return sy_nomem(ctx);
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
					w = width(vclass(ra, i->r[j] - MIR_VREG0));
					i->r[j] = ra->assign[i->r[j] - MIR_VREG0];
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

SynthStatus mir_rega(SynthContext *ctx, MFunc *f)
{
	RA ra = {.ctx = ctx, .f = f};
	sy_arena_init(&ra.tmp, f->ar->alloc);
	sy_arena_init(&ra.keep, f->ar->alloc);
	SynthStatus st = rega_run(&ra);
	sy_arena_free(&ra.tmp);
	sy_arena_free(&ra.keep);
	return st;
}
