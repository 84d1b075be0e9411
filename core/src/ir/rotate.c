/* rotate.c - loop rotation: a top-tested loop becomes a guarded
 * bottom-tested one.
 *
 * A top-tested loop (wasm `block loop br_if 1 ... br 0 end end`) runs, per
 * iteration, its header's test and conditional branch and, at the end of
 * the body, an unconditional branch back to the header. Rotated, the test
 * is made once before the loop (the guard, in the preheader) and at the
 * end of each iteration (in the latch), whose conditional branch goes back
 * to the body: one branch per iteration instead of two.
 *
 * The shape taken: a header H (not the entry) with exactly two
 * predecessors, a preheader P outside the loop ending in `BR -> H` and one
 * latch L inside it ending in `BR -> H` (L != H); H ends in `BRIF` to two
 * distinct blocks, B in the loop and E outside it, each with H as its only
 * predecessor and no phis; B dominates L (then E cannot reach L without
 * passing H, so E is outside the loop); H holds, besides its phis, at most
 * MAX_HEADER instructions without effects: pure ones and reads of memory
 * and globals (clang -O0 keeps its loop counters in memory). Each copy
 * runs exactly where H ran, so one that traps (a division, a load out of
 * bounds) traps at the same point of the run as before.
 *
 * The rewrite (H's instructions run exactly where they ran before: once on
 * entry, now in P, and once per back edge, now in L):
 * - P ends with a copy of H's instructions, H's phis read as their entry
 *   operands, and `BRIF` to H's two successors;
 * - L likewise, with H's phis read as their back-edge operands (an operand
 *   defined in H read through B's phi, see below); an instruction of H
 *   whose operands do not depend on H's phis is loop-invariant and only
 *   copied into P (never a read of memory or a global: the body may
 *   write it);
 * - P's branch into the loop goes through a new block ending in `BR -> B`,
 *   B's preheader, where LICM hoists to (it takes a preheader whose only
 *   successor is the header);
 * - B gets that preheader and L as predecessors, E gets P and L, and each
 *   a phi per value of H that differs between P and L (H's phis and the
 *   copies that depend on them);
 * - H is left empty and unreachable;
 * - every use of a value of H elsewhere reads B's phi when B dominates the
 *   use (the loop and what it exits to through another branch), E's when E
 *   does. A loop with a use of H's values dominated by neither (a block
 *   both B and E reach) is not rotated, nor one whose exit reads a value H
 *   computes (not a phi): that value would need a phi at E, merged from
 *   the guard and the latch, and the copies it costs on the exit edges
 *   outweighed the jump saved on tests/programs' strings at -O2 (+310
 *   instructions, the `while (*p == ' ') p++` loops whose character is
 *   read after them).
 * All candidate loops are found on one dominator tree and rewritten in one
 * sweep over the function, so the cost stays linear with nested loops (a
 * rotated inner loop's copies land in blocks of the outer loop's body,
 * dominated by the outer B, where the sweep rewrites them too). */
#include <string.h>

#include "opt.h"

#define MAX_HEADER 8 /* non-phi instructions of a header copied twice */

typedef struct Rot {
	IrBlock *h, *p, *l, *b, *e;
	uint32_t ip, il; /* positions of P and L in H's preds */
	bool ok;
} Rot;

typedef struct R {
	IrOpt *o;
	IrFunc *f;
	uint32_t *pre, *post; /* dominator-tree numbering: a dominates b iff pre/post nest */
	uint32_t *slot;       /* per value at the start: 1 + its index among the headers' values, or 0 */
	uint32_t *cand;       /* per header value: 1 + the candidate whose header defines it (0: none) */
	IrVal *mp, *ml;       /* per header value: its value on entry (P) and per back edge (L) */
	IrVal *mb, *me;       /* ... and as B and E see it (a phi, or mp for invariants) */
	uint32_t nvals;       /* values before the pass (slot's range) */
} R;

/* The header value index of v (valid when r->slot[v]), its candidate. */
#define SL(r, v) ((r)->slot[v] - 1)
static uint32_t own(const R *r, IrVal v) { return r->slot[v] ? r->cand[r->slot[v] - 1] : 0; }

static bool dom(const R *r, IrBlock *a, IrBlock *b)
{
	return r->pre[a->id] <= r->pre[b->id] && r->post[b->id] <= r->post[a->id];
}

static bool number_domtree(R *r)
{
	IrOpt *o = r->o;
	uint32_t n = r->f->nblocks;
	r->pre = sy_arena_array(&o->scratch, n, sizeof *r->pre);
	r->post = sy_arena_array(&o->scratch, n, sizeof *r->post);
	uint32_t *stack = sy_arena_array(&o->scratch, n, sizeof *stack);
	uint32_t *next = sy_arena_array(&o->scratch, n, sizeof *next);
	if (!r->pre || !r->post || !stack || !next)
		return false;
	/* unreachable blocks keep pre 0, post 0: dominated only by the entry's
	 * numbering... which never matters: they are skipped */
	uint32_t sp = 0, clock = 0;
	stack[sp++] = 0;
	r->pre[0] = clock++;
	next[0] = o->dom_first[0];
	while (sp) {
		uint32_t b = stack[sp - 1];
		if (next[b] < o->dom_first[b + 1]) {
			uint32_t c = o->dom_kids[next[b]++];
			r->pre[c] = clock++;
			next[c] = o->dom_first[c];
			stack[sp++] = c;
			continue;
		}
		r->post[b] = clock++;
		sp--;
	}
	return true;
}

static bool only_br(IrBlock *b, IrBlock *to)
{
	return b->nsuccs == 1 && b->succs[0] == to && b->nins && b->ins[b->nins - 1].op == IR_BR;
}

static bool has_phi(IrBlock *b) { return b->nins && b->ins[0].op == IR_PHI; }

/* Fills c when h heads a loop of the shape taken (see the top). */
static bool candidate(R *r, IrBlock *h, Rot *c)
{
	IrOpt *o = r->o;
	if (h->id == 0 || h->npreds != 2 || h->nsuccs != 2 || !h->nins || h->ins[h->nins - 1].op != IR_BRIF)
		return false;
	for (uint32_t k = 0; k < 2; k++)
		if (o->rpo_index[h->preds[k]->id] == UINT32_MAX)
			return false;
	uint32_t il = dom(r, h, h->preds[0]) ? 0 : 1;
	IrBlock *l = h->preds[il], *p = h->preds[1 - il];
	if (dom(r, h, p) || !dom(r, h, l) || l == h || !only_br(p, h) || !only_br(l, h))
		return false;
	IrBlock *b = h->succs[0], *e = h->succs[1];
	if (b == e || b == h || e == h)
		return false;
	if (!dom(r, b, l)) {
		IrBlock *t = b;
		b = e;
		e = t;
	}
	if (!dom(r, b, l) || b->npreds != 1 || e->npreds != 1 || has_phi(b) || has_phi(e))
		return false;
	uint32_t n = 0;
	for (uint32_t k = 0; k + 1 < h->nins; k++) {
		IrIns *i = &h->ins[k];
		if (i->dead || i->op == IR_PHI)
			continue;
		if (!(ir_pure(i) || i->op == IR_LOAD || i->op == IR_GLOBALGET || i->op == IR_MEMSIZE) || !i->val ||
		    i->nargs > 3 || ++n > MAX_HEADER)
			return false;
	}
	*c = (Rot){.h = h, .p = p, .l = l, .b = b, .e = e, .ip = 1 - il, .il = il, .ok = true};
	return true;
}

/* The value v of header c as read by the copies in P (entry) or L. */
static IrVal in_p(R *r, uint32_t c, IrVal v) { return own(r, v) == c + 1 ? r->mp[SL(r, v)] : v; }
static IrVal in_l(R *r, uint32_t c, IrVal v) { return own(r, v) == c + 1 ? r->ml[SL(r, v)] : v; }

/* Replaces b's terminator (BR) by the copies, then BRIF cond -> s0 s1. */
static bool end_with(IrFunc *f, IrBlock *b, const IrIns *copies, uint32_t n, IrVal cond, IrBlock *s0, IrBlock *s1)
{
	if (!sy_arena_grow(f->ar, (void **)&b->ins, &b->capins, b->nins + n, sizeof(IrIns)))
		return false;
	IrIns br = b->ins[b->nins - 1];
	b->nins--;
	memcpy(b->ins + b->nins, copies, n * sizeof(IrIns));
	b->nins += n;
	memset(&br, 0, sizeof br);
	br.op = IR_BRIF;
	br.nargs = 1;
	br.args[0] = cond;
	b->ins[b->nins++] = br;
	IrBlock **s = sy_arena_array(f->ar, 2, sizeof *s);
	if (!s)
		return false;
	s[0] = s0;
	s[1] = s1;
	b->succs = s;
	b->nsuccs = 2;
	return true;
}

/* Makes b's predecessors [p, l] and puts phis first (values vals[0..n) of
 * the header, with operands mp / ml and results map[]). */
static bool enter(R *r, IrBlock *b, IrBlock *p, IrBlock *l, const IrVal *vals, uint32_t n, const IrVal *map)
{
	IrFunc *f = r->f;
	b->npreds = 0;
	if (!ir_add_pred(f, b, p) || !ir_add_pred(f, b, l))
		return false;
	uint32_t m = 0;
	for (uint32_t k = 0; k < n; k++)
		m += map[SL(r, vals[k])] != r->mp[SL(r, vals[k])];
	if (!m)
		return true;
	IrIns *ins = sy_arena_array(f->ar, (size_t)b->nins + m, sizeof *ins);
	if (!ins)
		return false;
	uint32_t j = 0;
	for (uint32_t k = 0; k < n; k++) {
		IrVal v = vals[k];
		if (map[SL(r, v)] == r->mp[SL(r, v)])
			continue;
		IrIns *phi = &ins[j++];
		memset(phi, 0, sizeof *phi);
		phi->op = IR_PHI;
		phi->type = (uint8_t)f->valtype[map[SL(r, v)]];
		phi->val = map[SL(r, v)];
		phi->nargs = 2;
		phi->args[0] = r->mp[SL(r, v)];
		phi->args[1] = r->ml[SL(r, v)];
	}
	memcpy(ins + m, b->ins, b->nins * sizeof *ins);
	b->ins = ins;
	b->nins += m;
	b->capins = b->nins;
	return true;
}

static bool rotate(R *r, uint32_t c, Rot *x)
{
	IrFunc *f = r->f;
	IrBlock *h = x->h;
	IrIns *t = &h->ins[h->nins - 1];
	IrIns gp[MAX_HEADER], gl[MAX_HEADER];
	IrVal vals[MAX_HEADER + 64], *vs = vals;
	uint32_t ngp = 0, ngl = 0, nv = 0, nphis = 0;
	for (uint32_t k = 0; k + 1 < h->nins; k++)
		nphis += h->ins[k].op == IR_PHI && !h->ins[k].dead;
	if (nphis + MAX_HEADER > sizeof vals / sizeof vals[0] &&
	    !(vs = sy_arena_array(&r->o->scratch, nphis + MAX_HEADER, sizeof *vs)))
		return false;
	/* phis: entry operand, B and E phis (back-edge operand below) */
	for (uint32_t k = 0; k + 1 < h->nins; k++) {
		IrIns *i = &h->ins[k];
		if (i->dead || i->op != IR_PHI)
			continue;
		IrVal v = i->val;
		vs[nv++] = v;
		r->mp[SL(r, v)] = ir_args(i)[x->ip];
		if (!(r->mb[SL(r, v)] = ir_new_val(f, (IrType)i->type)) || !(r->me[SL(r, v)] = ir_new_val(f, (IrType)i->type)))
			return false;
	}
	/* the rest: copied into P; into L too unless invariant */
	for (uint32_t k = 0; k + 1 < h->nins; k++) {
		IrIns *i = &h->ins[k];
		if (i->dead || i->op == IR_PHI)
			continue;
		IrVal v = i->val, *a = ir_args(i);
		bool inv = ir_pure(i); /* a read of memory or a global may differ per iteration */
		for (uint32_t j = 0; j < i->nargs; j++) {
			IrVal u = ir_resolve(f, a[j]);
			inv &= own(r, u) != c + 1 || r->mb[SL(r, u)] == r->mp[SL(r, u)];
		}
		vs[nv++] = v;
		IrIns *g = &gp[ngp++];
		*g = *i;
		for (uint32_t j = 0; j < i->nargs; j++)
			g->args[j] = in_p(r, c, ir_resolve(f, a[j]));
		if (!(g->val = ir_new_val(f, (IrType)i->type)))
			return false;
		r->mp[SL(r, v)] = g->val;
		if (inv) {
			r->mb[SL(r, v)] = r->me[SL(r, v)] = r->ml[SL(r, v)] = g->val;
		} else if (!(r->mb[SL(r, v)] = ir_new_val(f, (IrType)i->type)) ||
		           !(r->me[SL(r, v)] = ir_new_val(f, (IrType)i->type))) {
			return false;
		}
	}
	/* per back edge: phis read their L operand as B sees it */
	for (uint32_t k = 0; k + 1 < h->nins; k++) {
		IrIns *i = &h->ins[k];
		if (i->dead || i->op != IR_PHI)
			continue;
		IrVal u = ir_resolve(f, ir_args(i)[x->il]);
		r->ml[SL(r, i->val)] = own(r, u) == c + 1 ? r->mb[SL(r, u)] : u;
	}
	for (uint32_t k = 0; k + 1 < h->nins; k++) {
		IrIns *i = &h->ins[k];
		if (i->dead || i->op == IR_PHI || r->mb[SL(r, i->val)] == r->mp[SL(r, i->val)])
			continue;
		IrIns *g = &gl[ngl++];
		*g = *i;
		IrVal *a = ir_args(i);
		for (uint32_t j = 0; j < i->nargs; j++)
			g->args[j] = in_l(r, c, ir_resolve(f, a[j]));
		if (!(g->val = ir_new_val(f, (IrType)i->type)))
			return false;
		r->ml[SL(r, i->val)] = g->val;
	}
	/* the guard enters the body through a new preheader (LICM's) */
	IrBlock *ph = ir_block_new(f);
	IrBlock **phs = sy_arena_array(f->ar, 1, sizeof *phs);
	if (!ph || !phs || !ir_add_pred(f, ph, x->p) || !ir_emit(f, ph, IR_BR, IR_NONE, 0, NULL))
		return false;
	ph->loop_depth = x->p->loop_depth;
	phs[0] = x->b;
	ph->succs = phs;
	ph->nsuccs = 1;
	IrVal cond = ir_resolve(f, t->args[0]);
	IrBlock *s0 = h->succs[0], *s1 = h->succs[1];
	if (!end_with(f, x->p, gp, ngp, in_p(r, c, cond), s0 == x->b ? ph : s0, s1 == x->b ? ph : s1) ||
	    !end_with(f, x->l, gl, ngl, in_l(r, c, cond), s0, s1) ||
	    !enter(r, x->b, ph, x->l, vs, nv, r->mb) || !enter(r, x->e, x->p, x->l, vs, nv, r->me))
		return false;
	h->nins = h->npreds = h->nsuccs = 0;
	return true;
}

SynthStatus ir_pass_rotate(IrOpt *o)
{
	IrFunc *f = o->f;
	SyArena *ar = &o->scratch;
	R r = {.o = o, .f = f, .nvals = f->nvals};
	if (!ir_cfg(o) || !number_domtree(&r))
		return sy_nomem(o->ctx);
	uint32_t nb = f->nblocks; /* blocks the dominator numbering knows */
	Rot *c = sy_arena_array(ar, f->nblocks, sizeof *c);
	if (!c)
		return sy_nomem(o->ctx);
	uint32_t nc = 0, nh = 0;
	for (uint32_t k = 0; k < o->nrpo; k++)
		nc += candidate(&r, f->blocks[o->rpo[k]], &c[nc]);
	if (!nc) {
		o->same = true;
		return SYNTH_OK;
	}
	if (!(r.slot = sy_arena_array(ar, f->nvals, sizeof *r.slot)))
		return sy_nomem(o->ctx);
	for (uint32_t k = 0; k < nc; k++)
		for (uint32_t j = 0; j + 1 < c[k].h->nins; j++)
			if (c[k].h->ins[j].val && !c[k].h->ins[j].dead)
				r.slot[c[k].h->ins[j].val] = ++nh;
	r.cand = sy_arena_array(ar, nh, sizeof *r.cand);
	r.mp = sy_arena_array(ar, nh, sizeof *r.mp);
	r.ml = sy_arena_array(ar, nh, sizeof *r.ml);
	r.mb = sy_arena_array(ar, nh, sizeof *r.mb);
	r.me = sy_arena_array(ar, nh, sizeof *r.me);
	if (!r.cand || !r.mp || !r.ml || !r.mb || !r.me)
		return sy_nomem(o->ctx);
	for (uint32_t k = 0; k < nc; k++) {
		IrBlock *h = c[k].h;
		for (uint32_t j = 0; j + 1 < h->nins; j++)
			if (h->ins[j].val && !h->ins[j].dead)
				r.cand[SL(&r, h->ins[j].val)] = k + 1;
	}
	/* every use of a header's value outside it must be dominated by B or E */
	for (uint32_t k = 0; k < o->nrpo; k++) {
		IrBlock *u = f->blocks[o->rpo[k]];
		for (uint32_t j = 0; j < u->nins; j++) {
			IrIns *i = &u->ins[j];
			IrVal *a = ir_args(i);
			for (uint32_t q = 0; q < i->nargs && !i->dead; q++) {
				IrVal v = ir_resolve(f, a[q]);
				uint32_t w = own(&r, v);
				IrBlock *at = i->op == IR_PHI ? u->preds[q] : u;
				if (!w || at == c[w - 1].h || dom(&r, c[w - 1].b, at))
					continue;
				/* after the loop: reading a phi's last value is free, a value
				 * H computes would need a phi of its own (measured: see the top) */
				if (!dom(&r, c[w - 1].e, at) || ir_def_ins(f, v)->op != IR_PHI)
					c[w - 1].ok = false;
			}
		}
	}
	for (uint32_t k = 0; k < nh; k++)
		if (!c[r.cand[k] - 1].ok)
			r.cand[k] = 0;
	bool any = false;
	for (uint32_t k = 0; k < nc; k++)
		if (c[k].ok) {
			if (!rotate(&r, k, &c[k]))
				return sy_nomem(o->ctx);
			any = true;
		}
	if (!any)
		return SYNTH_OK;
	/* uses of the headers' values read B's or E's view (old dominator
	 * tree: the rewrite moved no block's dominance but the headers') */
	for (uint32_t k = 0; k < o->nrpo; k++) {
		IrBlock *u = f->blocks[o->rpo[k]];
		for (uint32_t j = 0; j < u->nins; j++) {
			IrIns *i = &u->ins[j];
			IrVal *a = ir_args(i);
			for (uint32_t q = 0; q < i->nargs && !i->dead; q++) {
				IrVal v = ir_resolve(f, a[q]);
				uint32_t w = v < r.nvals ? own(&r, v) : 0;
				if (!w)
					continue;
				IrBlock *at = i->op == IR_PHI ? u->preds[q] : u;
				if (at->id >= nb) /* a new preheader: its guard's block */
					at = at->preds[0];
				a[q] = dom(&r, c[w - 1].b, at) ? r.mb[SL(&r, v)] : r.me[SL(&r, v)];
			}
		}
	}
	return SYNTH_OK;
}
