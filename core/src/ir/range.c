/* range.c - value ranges of i32 values (an analysis for bce.c).
 *
 * Each i32 value gets an unsigned interval [lo, hi] that holds every value
 * it can take, in one sweep over the blocks in reverse post-order (linear
 * in the function). The rules follow WebAssembly's i32 arithmetic, which
 * wraps: an addition, subtraction, multiplication or left shift whose
 * result interval would cross 2^32 gives the full range, except when every
 * result wraps by the same amount (x + 0xffffffc0 with x >= 64 is x - 64).
 * Constants are exact; `and` is bounded by either operand, `shr_u` and
 * `rem_u`/`div_u` by their operands, 8- and 16-bit zero-extending loads by
 * 255 and 65535, compares by 1, `select` and a phi by the hull of their
 * operands. Anything else (i64 values included) is the full range.
 *
 * Induction variables. A phi of a loop header h with one argument from
 * outside the loop (init) and the others from back edges is read before
 * its back-edge operands are known; a phi that matches
 *     v = PHI init, next      next = v + s   (s a constant, add or sub)
 * on a header with exactly one back edge gets a range from the compare that
 * guards that back edge (the branch that ends the back edge's source, or
 * the one before it when that block only jumps to h). With B the bound and
 * U the largest value v can take:
 *   next <u B (or B >u next, or !(next >=u B)), s > 0:
 *       U = max(init.hi, B.hi - 1), valid when U + s < 2^32 (next never
 *       wraps, so it only grows);
 *   next <=u B: U = max(init.hi, B.hi) likewise;
 *   next <s B, next <=s B: the same with the signed maximum of B, valid
 *       when init and U + s stay below 2^31 (signed and unsigned agree);
 *   v <u B before the increment: U = max(init.hi, B.hi - 1 + s);
 *   next != B (or !(next == B), or br_if next: B = 0) with B invariant
 *       (a constant or defined before the loop): with s = 1 when
 *       init.hi < B.lo, U = B.hi - 1 (and with s = -1 when init.lo > B.hi,
 *       v in [B.lo + 1, init.hi]); with a constant init c and a constant B,
 *       when s divides the distance from c to B in the direction of s:
 *       c < B going up, v in [c, B - s]; B = 0 going up from c > 0 through
 *       2^32 (clang's count from -n to 0), v in [c, 2^32 - s]; c > B going
 *       down, v in [B - s, c]. Otherwise v can step over B and wrap.
 * Each is an induction on the iterations: v starts in range, and the
 * back edge is only taken with next in range. Such a phi controls the
 * loop: h is entered from its back edge at most K = (U - L) / |s|
 * times per entry of the loop, v being in [L, U] (the smallest K of its
 * controlling phis).
 * Every other phi w = PHI init_w, w + t of that header (a pointer or a
 * second counter stepping with the first) is then within
 * [init_w.lo, init_w.hi + K * t] (or [init_w.lo - K * |t|, init_w.hi] for
 * t < 0) when that does not cross 0 or 2^32. Phis of other shapes take the
 * full range; nothing is iterated, so the analysis stays one sweep. */
#include "opt.h"

#define FULL ((IrRange){0, UINT32_MAX})

typedef struct R {
	IrOpt *o;
	IrRange *rg;
	uint8_t *known;  /* rg[v] computed */
} R;

static IrRange get(R *r, IrVal v)
{
	IrFunc *f = r->o->f;
	v = ir_resolve(f, v);
	if (!v || v >= f->nvals || f->valtype[v] != IR_I32)
		return FULL;
	uint64_t c;
	if (ir_const_of(f, v, &c))
		return (IrRange){(uint32_t)c, (uint32_t)c};
	return r->known[v] ? r->rg[v] : FULL;
}

static IrRange hull(IrRange a, IrRange b)
{
	return (IrRange){a.lo < b.lo ? a.lo : b.lo, a.hi > b.hi ? a.hi : b.hi};
}

/* [lo, hi] as 64-bit signed bounds, folded back into 32 bits when every
 * value wraps alike, else the full range. */
static IrRange fit(int64_t lo, int64_t hi)
{
	const int64_t M = (int64_t)1 << 32;
	if (lo >= 0 && hi < M)
		return (IrRange){(uint32_t)lo, (uint32_t)hi};
	if (lo >= M && hi < 2 * M)
		return (IrRange){(uint32_t)(lo - M), (uint32_t)(hi - M)};
	if (lo >= -M && hi < 0)
		return (IrRange){(uint32_t)(lo + M), (uint32_t)(hi + M)};
	return FULL;
}

static uint32_t ones_above(uint32_t x) /* smallest 2^k - 1 >= x */
{
	uint32_t m = x;
	m |= m >> 1, m |= m >> 2, m |= m >> 4, m |= m >> 8, m |= m >> 16;
	return m;
}

static IrRange of_ins(R *r, IrIns *i)
{
	IrFunc *f = r->o->f;
	IrVal *a = ir_args(i);
	uint64_t c;
	IrRange x = i->nargs > 0 ? get(r, a[0]) : FULL, y = i->nargs > 1 ? get(r, a[1]) : FULL;
	bool yc = i->nargs > 1 && ir_const_of(f, a[1], &c);
	switch (i->op) {
	case IR_CONST: return (IrRange){(uint32_t)i->imm, (uint32_t)i->imm};
	case IR_COPY: return x;
	case IR_ADD: return fit((int64_t)x.lo + y.lo, (int64_t)x.hi + y.hi);
	case IR_SUB: return fit((int64_t)x.lo - y.hi, (int64_t)x.hi - y.lo);
	case IR_MUL: {
		uint64_t hi = (uint64_t)x.hi * y.hi;
		return hi <= UINT32_MAX ? (IrRange){x.lo * y.lo, (uint32_t)hi} : FULL;
	}
	case IR_SHL:
		if (yc) {
			unsigned k = (unsigned)(c & 31);
			if (((uint64_t)x.hi << k) <= UINT32_MAX)
				return (IrRange){x.lo << k, x.hi << k};
		}
		return FULL;
	case IR_SHRU:
		if (yc)
			return (IrRange){x.lo >> (c & 31), x.hi >> (c & 31)};
		return (IrRange){0, x.hi};
	case IR_SHRS:
		if (yc && x.hi < 0x80000000u)
			return (IrRange){x.lo >> (c & 31), x.hi >> (c & 31)};
		return FULL;
	case IR_AND: return (IrRange){0, x.hi < y.hi ? x.hi : y.hi};
	case IR_OR: return (IrRange){x.lo > y.lo ? x.lo : y.lo, ones_above(x.hi > y.hi ? x.hi : y.hi)};
	case IR_XOR: return (IrRange){0, ones_above(x.hi > y.hi ? x.hi : y.hi)};
	case IR_REMU: /* y == 0 traps: no result */
		return (IrRange){0, y.hi == 0 ? 0 : x.hi < y.hi - 1 ? x.hi : y.hi - 1};
	case IR_DIVU: return (IrRange){y.hi ? x.lo / y.hi : 0, x.hi / (y.lo ? y.lo : 1)};
	case IR_CLZ: case IR_CTZ: case IR_POPCNT: return (IrRange){0, 32};
	case IR_EQZ: case IR_EQ: case IR_NE: case IR_LTS: case IR_LTU: case IR_GTS: case IR_GTU:
	case IR_LES: case IR_LEU: case IR_GES: case IR_GEU: case IR_FCMP:
		return (IrRange){0, 1};
	case IR_SELECT: return hull(x, y);
	case IR_LOAD: {
		unsigned size = i->aux & 0xff;
		if (!(i->aux & IR_MEM_SIGNED) && size < 4)
			return (IrRange){0, size == 1 ? 0xff : 0xffff};
		return FULL;
	}
	default: return FULL;
	}
}

/* The step of next = v + s (or v - s'): true with *s when it matches. */
static bool step_of(IrFunc *f, IrVal v, IrVal next, int64_t *s)
{
	IrIns *n = ir_def_ins(f, ir_resolve(f, next));
	uint64_t c;
	if (!n || n->dead || n->type != IR_I32 || (n->op != IR_ADD && n->op != IR_SUB))
		return false;
	IrVal *a = ir_args(n);
	IrVal x = ir_resolve(f, a[0]), y = ir_resolve(f, a[1]);
	if (n->op == IR_ADD && y == v && ir_const_of(f, x, &c))
		y = x, x = v;
	if (x != v || !ir_const_of(f, y, &c))
		return false;
	int64_t k = (int32_t)(uint32_t)c;
	*s = n->op == IR_ADD ? k : -k;
	return *s != 0;
}

/* The branch deciding whether back edge t -> h is taken: the branch
 * instruction and whether h is reached when its condition holds. */
static IrIns *guard(IrFunc *f, IrBlock *t, IrBlock *h, bool *when)
{
	IrBlock *to = h;
	for (int hop = 0; hop < 2; hop++) {
		IrIns *term = &t->ins[t->nins - 1];
		if (term->op == IR_BRIF && t->nsuccs == 2 && t->succs[0] != t->succs[1]) {
			if (t->succs[0] != to && t->succs[1] != to)
				return NULL;
			*when = t->succs[0] == to;
			return term;
		}
		if (term->op != IR_BR || t->npreds != 1)
			return NULL;
		to = t, t = t->preds[0];
	}
	return NULL;
}

/* The range of a phi v = PHI init, v + s whose back edge is taken while
 * v + s != B, B invariant: false when v can step over B (and wrap). */
static bool ne_range(IrRange init, int64_t s, IrRange B, uint32_t *lo, uint32_t *U)
{
	const uint64_t M = (uint64_t)1 << 32;
	uint64_t as = (uint64_t)(s < 0 ? -s : s);
	bool cinit = init.lo == init.hi, cB = B.lo == B.hi;
	if (s == 1 && init.hi < B.lo) { /* up to B - 1 */
		*lo = init.lo, *U = B.hi - 1;
		return true;
	}
	if (s == -1 && init.lo > B.hi) { /* down to B + 1 */
		*lo = B.lo + 1, *U = init.hi;
		return true;
	}
	if (!cinit || !cB)
		return false;
	uint64_t c = init.lo, b = B.lo;
	if (s > 0 && c < b && (b - c) % as == 0) {
		*lo = (uint32_t)c, *U = (uint32_t)(b - as);
		return true;
	}
	if (s > 0 && b == 0 && c > 0 && (M - c) % as == 0) { /* up through 2^32 to 0 */
		*lo = (uint32_t)c, *U = (uint32_t)(M - as);
		return true;
	}
	if (s < 0 && c > b && (c - b) % as == 0) {
		*lo = (uint32_t)(b + as), *U = (uint32_t)c;
		return true;
	}
	return false;
}

/* The range [*lo, *U] of a controlling phi v (init, step s, next = v + s,
 * back-edge guard cond taken when `when`), or false. */
static bool bound_of(R *r, IrBlock *h, IrVal v, IrVal next, IrRange init, int64_t s, IrVal cond, bool when,
                     uint32_t *lo, uint32_t *U)
{
	IrFunc *f = r->o->f;
	IrOpt *o = r->o;
	cond = ir_resolve(f, cond);
	IrIns *c = ir_def_ins(f, cond);
	IrOp op;
	IrVal x, b = 0;
	if (c && !c->dead && c->op == IR_EQZ) { /* br_if (eqz t): t false */
		cond = ir_resolve(f, ir_args(c)[0]);
		c = ir_def_ins(f, cond);
		when = !when;
	}
	if (cond == next || !c || c->dead || c->optype != IR_I32 || c->nargs != 2 || c->op < IR_EQ ||
	    c->op > IR_GEU) {
		/* br_if t: taken while t != 0 */
		if (cond != next)
			return false;
		op = IR_NE, x = next;
	} else {
		op = (IrOp)c->op;
		x = ir_resolve(f, ir_args(c)[0]), b = ir_resolve(f, ir_args(c)[1]);
	}
	/* normalise to "x OP b" holding on the back edge, x the counter */
	if (x != v && x != next) {
		IrVal t = x;
		x = b, b = t;
		switch (op) {
		case IR_LTU: op = IR_GTU; break;
		case IR_GTU: op = IR_LTU; break;
		case IR_LEU: op = IR_GEU; break;
		case IR_GEU: op = IR_LEU; break;
		case IR_LTS: op = IR_GTS; break;
		case IR_GTS: op = IR_LTS; break;
		case IR_LES: op = IR_GES; break;
		case IR_GES: op = IR_LES; break;
		default: break;
		}
	}
	if (x != v && x != next)
		return false;
	if (!when) {
		switch (op) {
		case IR_GEU: op = IR_LTU; break;
		case IR_GTU: op = IR_LEU; break;
		case IR_GES: op = IR_LTS; break;
		case IR_GTS: op = IR_LES; break;
		case IR_EQ: op = IR_NE; break;
		default: return false;
		}
	}
	IrRange B = b ? get(r, b) : (IrRange){0, 0};
	const uint64_t M = (uint64_t)1 << 32, S = (uint64_t)1 << 31;
	*lo = init.lo;
	if (op == IR_NE) {
		uint64_t bc;
		IrBlock *bd = b ? f->def[b].block : NULL;
		bool invariant = !b || ir_const_of(f, b, &bc) ||
		                 (bd && bd != h && o->rpo_index[bd->id] != UINT32_MAX && ir_dominates(o, bd->id, h->id));
		return x == next && invariant && ne_range(init, s, B, lo, U);
	}
	if (s <= 0)
		return false;
	uint64_t u;
	switch (op) {
	case IR_LTU: case IR_LEU:
		if (op == IR_LTU && B.hi == 0)
			return false;
		u = op == IR_LTU ? (uint64_t)B.hi - 1 : B.hi;
		if (x == v) /* v checked before the increment: next goes one step past */
			u += (uint64_t)s;
		if (u < init.hi)
			u = init.hi;
		if (u + (uint64_t)s >= M)
			return false;
		*U = (uint32_t)u;
		return true;
	case IR_LTS: case IR_LES: {
		if (x != next)
			return false;
		uint64_t bs = B.hi < S ? B.hi : S - 1;
		if (op == IR_LTS && bs == 0)
			return false;
		u = op == IR_LTS ? bs - 1 : bs;
		if (u < init.hi)
			u = init.hi;
		if (init.hi >= S || u + (uint64_t)s >= S)
			return false;
		*U = (uint32_t)u;
		return true;
	}
	default: return false;
	}
}

/* Ranges of the phis of loop header h (with preds; back edges are the
 * preds h dominates). */
static void header_phis(R *r, IrBlock *h)
{
	IrOpt *o = r->o;
	IrFunc *f = o->f;
	uint32_t back = UINT32_MAX, nback = 0;
	for (uint32_t p = 0; p < h->npreds; p++) {
		uint32_t q = h->preds[p]->id;
		if (o->rpo_index[q] != UINT32_MAX && ir_dominates(o, h->id, q))
			back = p, nback++;
	}
	if (nback != 1 || h->npreds != 2)
		return;
	uint32_t in = 1 - back;
	IrBlock *t = h->preds[back];
	bool when = false;
	IrIns *g = guard(f, t, h, &when);
	uint64_t K = UINT64_MAX; /* most back edges taken per entry */
	for (uint32_t k = 0; k < h->nins && h->ins[k].op == IR_PHI; k++) {
		IrIns *i = &h->ins[k];
		int64_t s;
		if (i->dead || i->type != IR_I32 || i->nargs != 2 || !g)
			continue;
		IrVal v = i->val, next = ir_resolve(f, ir_args(i)[back]);
		if (!step_of(f, v, next, &s))
			continue;
		IrRange init = get(r, ir_args(i)[in]);
		uint32_t lo, U;
		if (!bound_of(r, h, v, next, init, s, ir_args(g)[0], when, &lo, &U))
			continue;
		r->rg[v] = (IrRange){lo, U};
		r->known[v] = 1;
		uint64_t steps = (uint64_t)(U - lo) / (uint64_t)(s < 0 ? -s : s);
		if (steps < K)
			K = steps;
	}
	if (K == UINT64_MAX)
		return;
	for (uint32_t k = 0; k < h->nins && h->ins[k].op == IR_PHI; k++) {
		IrIns *i = &h->ins[k];
		int64_t st;
		if (i->dead || i->type != IR_I32 || i->nargs != 2 || r->known[i->val])
			continue;
		if (!step_of(f, i->val, ir_resolve(f, ir_args(i)[back]), &st))
			continue;
		IrRange init = get(r, ir_args(i)[in]);
		int64_t span = (int64_t)K * st; /* K < 2^32, |st| <= 2^31: no overflow */
		int64_t lo = st < 0 ? init.lo + span : init.lo, hi = st < 0 ? (int64_t)init.hi : init.hi + span;
		if (lo < 0 || hi > UINT32_MAX)
			continue;
		r->rg[i->val] = (IrRange){(uint32_t)lo, (uint32_t)hi};
		r->known[i->val] = 1;
	}
}

IrRange *ir_ranges(IrOpt *o)
{
	IrFunc *f = o->f;
	R r = {.o = o};
	r.rg = sy_arena_array(&o->scratch, f->nvals + 1, sizeof *r.rg);
	r.known = sy_arena_array(&o->scratch, f->nvals + 1, 1);
	if (!r.rg || !r.known)
		return NULL;
	for (uint32_t v = 0; v <= f->nvals; v++)
		r.rg[v] = FULL;
	for (uint32_t q = 0; q < o->nrpo; q++) {
		IrBlock *b = f->blocks[o->rpo[q]];
		header_phis(&r, b);
		for (uint32_t k = 0; k < b->nins; k++) {
			IrIns *i = &b->ins[k];
			if (i->dead || !i->val || i->type != IR_I32 || r.known[i->val])
				continue;
			IrRange x = FULL;
			if (i->op == IR_PHI) {
				/* the hull of operands already known (all of them, or full) */
				bool all = i->nargs > 0;
				for (uint32_t j = 0; j < i->nargs && all; j++) {
					IrVal a = ir_resolve(f, ir_args(i)[j]);
					uint64_t c;
					all = ir_const_of(f, a, &c) || (a < f->nvals + 1 && r.known[a]);
					x = j ? hull(x, get(&r, a)) : get(&r, a);
				}
				if (!all)
					x = FULL;
			} else {
				x = of_ins(&r, i);
			}
			r.rg[i->val] = x;
			r.known[i->val] = 1;
		}
	}
	return r.rg;
}
