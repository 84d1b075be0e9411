/* bce_loop.c - one bounds check for a counted loop's whole range (part of
 * the bce pass, trap mode only): loop versioning.
 *
 * A loop whose trip count is known only at run time keeps a check per
 * access and iteration. Checking the whole range once in the preheader and
 * trapping there would be wrong: the iterations before the one that goes
 * out of bounds may store, and WebAssembly keeps those stores visible
 * after the trap. So the loop is versioned instead: the preheader checks
 * that every access of every iteration is in bounds and then runs a copy
 * of the loop whose covered accesses have no check (`covered` in the
 * dump); when the check fails (or the loop would not run its counted
 * range), the original loop runs with all its checks and traps where and
 * when the program says.
 *
 * The loops taken: one block h that branches back to itself (clang's
 * rotated inner loops), entered from a preheader p that only jumps to h,
 * leaving to a block x that has no other predecessor; a counter
 * v = PHI init, v + 1 with the back edge taken while v + 1 != B or
 * v + 1 <u B, B defined before the loop. When init <u B the loop runs
 * exactly the iterations j = 0 .. J, J = B - 1 - init, with v = init + j.
 * An access address is affine in j when it is built in h by i32 add, shl
 * and mul by constants from the counter, from phis w = PHI w0, w + t of h
 * (t >= 0: w = w0 + j * t), constants and at most one value from outside:
 * base + coef * j + c with coef, c >= 0. Its largest end is
 * base + coef * J + c + offset + size; the guard computes that in i64 (no
 * wrap) and compares it with the memory's current size in bytes: when it
 * fits, no i32 operation building the address wrapped in any iteration
 * (every term is non-negative and the sum is below 2^32), so each access
 * is in bounds. Accesses sharing base and coef share one comparison (at
 * most 4 per loop); the guard is `init <u B` and all of them.
 *
 * Values of the loop used after it get a phi in x (x dominates every such
 * use: it is the loop's only exit). At most 16 loops per function and 256
 * instructions per loop are versioned, and only loops with a check saved
 * per 16 instructions of body (on tests/bench/mcu, copying fsm's 100-
 * instruction byte loop for its one load grew .text by 12 % and saved
 * nothing measurable), so code growth stays bounded. */
#include <string.h>

#include "opt.h"

#define MAXLOOPS 16
#define MAXBODY 256
#define MAXGROUPS 4
#define PERCHECK 16 /* most instructions copied per check saved */

typedef struct Aff {
	bool ok;
	IrVal base;    /* the value from outside the loop, or 0 */
	uint64_t coef; /* per iteration */
	uint64_t c;    /* constant part */
} Aff;

typedef struct Group {
	uint32_t mem;
	IrVal base;
	uint64_t coef, end;
} Group;

static IrIns *emit(IrFunc *f, IrBlock *b, IrOp op, IrType t, IrType ot, uint32_t n, const IrVal *a)
{
	IrIns *i = ir_emit(f, b, op, t, n, a);
	if (i)
		i->optype = (uint8_t)ot;
	return i;
}

static IrVal cnst(IrFunc *f, IrBlock *b, IrType t, uint64_t bits)
{
	IrIns *i = emit(f, b, IR_CONST, t, IR_NONE, 0, NULL);
	if (!i)
		return 0;
	i->imm = bits;
	return i->val;
}

static IrVal op2(IrFunc *f, IrBlock *b, IrOp op, IrType t, IrType ot, IrVal x, IrVal y)
{
	IrVal a[2] = {x, y};
	IrIns *i = emit(f, b, op, t, ot, 2, a);
	return i ? i->val : 0;
}

static IrVal op1(IrFunc *f, IrBlock *b, IrOp op, IrType t, IrType ot, IrVal x)
{
	IrIns *i = emit(f, b, op, t, ot, 1, &x);
	return i ? i->val : 0;
}

/* The affine form of value x used in loop h (aff[] per instruction of h). */
static Aff aff_of(IrFunc *f, IrBlock *h, const Aff *aff, IrVal x)
{
	Aff r = {0};
	uint64_t c;
	x = ir_resolve(f, x);
	IrDef *d = &f->def[x];
	if (d->block == h)
		return aff[d->index];
	if (f->valtype[x] != IR_I32)
		return r;
	r.ok = true;
	if (ir_const_of(f, x, &c))
		r.c = (uint32_t)c;
	else
		r.base = x;
	return r;
}

static Aff combine(IrOp op, Aff x, Aff y, uint64_t k)
{
	Aff r = {0};
	const uint64_t M = (uint64_t)1 << 32;
	if (op == IR_ADD) {
		if (!x.ok || !y.ok || (x.base && y.base))
			return r;
		r = (Aff){true, x.base ? x.base : y.base, x.coef + y.coef, x.c + y.c};
	} else { /* x * k */
		if (!x.ok || x.base)
			return r;
		r = (Aff){true, 0, x.coef * k, x.c * k};
	}
	if (r.coef >= M || r.c >= M)
		r.ok = false;
	return r;
}

/* The counter of loop h (self loop, back-edge branch term): v, init, B and
 * the back edge's index in h's preds. */
static bool counter(IrFunc *f, IrBlock *h, uint32_t back, IrIns *term, IrIns **pv, IrVal *pinit, IrVal *pB)
{
	bool when = h->succs[0] == h;
	IrVal cond = ir_resolve(f, ir_args(term)[0]);
	IrIns *c = ir_def_ins(f, cond);
	if (c && !c->dead && c->op == IR_EQZ && c->optype == IR_I32) {
		c = ir_def_ins(f, ir_resolve(f, ir_args(c)[0]));
		when = !when;
	}
	if (!c || c->dead || c->nargs != 2 || c->optype != IR_I32)
		return false;
	IrOp op = (IrOp)c->op;
	IrVal x = ir_resolve(f, ir_args(c)[0]), B = ir_resolve(f, ir_args(c)[1]);
	if (!when)
		op = op == IR_EQ ? IR_NE : op == IR_GEU ? IR_LTU : op == IR_LEU ? IR_GTU : IR_NOP;
	if (op == IR_GTU) { /* B >u next */
		IrVal t = x;
		x = B, B = t, op = IR_LTU;
	}
	if (op != IR_NE && op != IR_LTU)
		return false;
	for (int swap = 0; swap < 2; swap++) {
		if (swap) {
			if (op != IR_NE)
				return false;
			IrVal t = x;
			x = B, B = t;
		}
		IrIns *n = ir_def_ins(f, x);
		if (!n || n->dead || n->op != IR_ADD || n->type != IR_I32 || f->def[x].block != h)
			continue;
		IrVal p = ir_resolve(f, ir_args(n)[0]), q = ir_resolve(f, ir_args(n)[1]);
		uint64_t one;
		if (ir_const_of(f, p, &one)) {
			IrVal t = p;
			p = q, q = t;
		}
		if (!ir_const_of(f, q, &one) || (uint32_t)one != 1)
			continue;
		IrIns *v = ir_def_ins(f, p);
		if (!v || v->dead || v->op != IR_PHI || f->def[p].block != h || v->nargs != 2 ||
		    ir_resolve(f, ir_args(v)[back]) != x)
			continue;
		uint64_t bc;
		if (!ir_const_of(f, B, &bc) && (f->def[B].block == h || !f->def[B].block))
			return false;
		*pv = v, *pinit = ir_resolve(f, ir_args(v)[1 - back]), *pB = B;
		return true;
	}
	return false;
}

/* Versions loop h when it qualifies; *done when it did. False on OOM. */
static bool version(IrOpt *o, IrBlock *h, IrVal *map, bool *done)
{
	IrFunc *f = o->f;
	SyArena *ar = &o->scratch;
	*done = false;
	if (h->npreds != 2 || h->nsuccs != 2 || h->nins > MAXBODY || !h->nins)
		return true;
	uint32_t back = h->preds[0] == h ? 0 : h->preds[1] == h ? 1 : 2;
	if (back == 2 || h->preds[1 - back] == h)
		return true;
	IrBlock *p = h->preds[1 - back], *x = h->succs[0] == h ? h->succs[1] : h->succs[0];
	IrIns *term = &h->ins[h->nins - 1];
	if (term->op != IR_BRIF || x == h || x->npreds != 1 || p->nsuccs != 1 || !p->nins ||
	    p->ins[p->nins - 1].op != IR_BR)
		return true;
	IrIns *v;
	IrVal init, B;
	if (!counter(f, h, back, term, &v, &init, &B))
		return true;
	/* affine forms, in order */
	Aff *aff = sy_arena_array(ar, h->nins, sizeof *aff);
	if (!aff)
		return false;
	uint64_t c;
	for (uint32_t k = 0; k < h->nins; k++) {
		IrIns *i = &h->ins[k];
		if (i->dead || !i->val || i->type != IR_I32)
			continue;
		IrVal *a = ir_args(i);
		if (i->op == IR_CONST) {
			aff[k] = (Aff){true, 0, 0, (uint32_t)i->imm};
		} else if (i == v) {
			aff[k] = ir_const_of(f, init, &c) ? (Aff){true, 0, 1, (uint32_t)c} : (Aff){true, init, 1, 0};
		} else if (i->op == IR_PHI && i->nargs == 2) {
			IrIns *n = ir_def_ins(f, ir_resolve(f, a[back]));
			IrVal w0 = ir_resolve(f, a[1 - back]);
			if (!n || n->op != IR_ADD || f->def[n->val].block != h)
				continue;
			IrVal s = ir_resolve(f, ir_args(n)[0]), t = ir_resolve(f, ir_args(n)[1]);
			if (s != i->val) {
				IrVal u = s;
				s = t, t = u;
			}
			if (s != i->val || !ir_const_of(f, t, &c) || (uint32_t)c >= 0x80000000u)
				continue;
			uint64_t w0c;
			aff[k] = ir_const_of(f, w0, &w0c) ? (Aff){true, 0, (uint32_t)c, (uint32_t)w0c}
			                                  : (Aff){true, w0, (uint32_t)c, 0};
		} else if (i->op == IR_ADD) {
			aff[k] = combine(IR_ADD, aff_of(f, h, aff, a[0]), aff_of(f, h, aff, a[1]), 0);
		} else if ((i->op == IR_SHL || i->op == IR_MUL) && ir_const_of(f, a[1], &c)) {
			uint64_t m = i->op == IR_SHL ? (uint64_t)1 << (c & 31) : (uint32_t)c;
			aff[k] = combine(IR_MUL, aff_of(f, h, aff, a[0]), (Aff){0}, m);
		} else if (i->op == IR_MUL && ir_const_of(f, a[0], &c)) {
			aff[k] = combine(IR_MUL, aff_of(f, h, aff, a[1]), (Aff){0}, (uint32_t)c);
		}
	}
	/* the ranges to check */
	Group g[MAXGROUPS];
	uint32_t ng = 0, ncover = 0;
	uint8_t *cover = sy_arena_array(ar, h->nins, 1);
	if (!cover)
		return false;
	for (uint32_t k = 0; k < h->nins; k++) {
		IrIns *i = &h->ins[k];
		if (i->dead || (i->op != IR_LOAD && i->op != IR_STORE) || i->chk == IR_CHK_INBOUNDS)
			continue;
		Aff a = aff_of(f, h, aff, ir_args(i)[0]);
		if (!a.ok)
			continue;
		uint32_t mem = i->aux >> 16;
		uint64_t end = a.c + i->imm + (i->aux & 0xff);
		uint32_t q = 0;
		while (q < ng && !(g[q].mem == mem && g[q].base == a.base && g[q].coef == a.coef))
			q++;
		if (q == ng) {
			if (ng == MAXGROUPS)
				continue;
			g[ng++] = (Group){mem, a.base, a.coef, end};
		} else if (end > g[q].end) {
			g[q].end = end;
		}
		cover[k] = 1;
		ncover++;
	}
	/* a copy costs code: only where it saves a check per few instructions */
	if (!ng || h->nins > PERCHECK * ncover)
		return true;
	/* a guard that cannot hold is not worth a copy: a constant trip count
	 * whose range ends past any size the memory can reach */
	uint64_t ic, bc;
	if (ir_const_of(f, init, &ic) && ir_const_of(f, B, &bc) && (uint32_t)ic < (uint32_t)bc)
		for (uint32_t q = 0; q < ng; q++)
			if (g[q].coef * ((uint32_t)bc - 1 - (uint32_t)ic) + g[q].end > bce_max_bytes(f, g[q].mem))
				return true;

	/* the copy h2 of h */
	uint32_t nvals = f->nvals;
	IrBlock *h2 = ir_block_new(f);
	if (!h2)
		return false;
	h2->loop_depth = h->loop_depth;
	h2->sealed = true;
	for (uint32_t k = 0; k < h->nins; k++) {
		IrIns *i = &h->ins[k];
		if (i->dead)
			continue;
		IrIns *j = ir_emit(f, h2, (IrOp)i->op, (IrType)i->type, i->nargs, ir_args(i));
		if (!j)
			return false;
		i = &h->ins[k];
		j->optype = i->optype, j->imm = i->imm, j->aux = i->aux, j->chk = i->chk, j->chkend = i->chkend;
		if (cover[k])
			j->chk = IR_CHK_COVERED;
		if (i->val)
			map[i->val] = j->val;
	}
	for (uint32_t k = 0; k < h2->nins; k++) {
		IrIns *j = &h2->ins[k];
		IrVal *a = ir_args(j);
		for (uint32_t q = 0; q < j->nargs; q++) {
			IrVal r = ir_resolve(f, a[q]);
			if (r < nvals && f->def[r].block == h && map[r] && !(j->op == IR_PHI && q != back))
				a[q] = map[r];
		}
	}
	for (uint32_t q = 0; q < 2; q++)
		if (!ir_add_pred(f, h2, q == back ? h2 : p))
			return false;
	h2->succs = sy_arena_array(f->ar, 2, sizeof *h2->succs);
	if (!h2->succs)
		return false;
	h2->nsuccs = 2;
	h2->succs[0] = h->succs[0] == h ? h2 : x;
	h2->succs[1] = h->succs[1] == h ? h2 : x;

	/* x: the new edge, its phis' operands and phis for the loop's values used after it */
	uint32_t xphis = 0;
	while (xphis < x->nins && x->ins[xphis].op == IR_PHI)
		xphis++;
	if (!ir_add_pred(f, x, h2))
		return false;
	for (uint32_t k = 0; k < xphis; k++) {
		IrVal r = ir_resolve(f, ir_args(&x->ins[k])[0]);
		if (!ir_push_arg(f, &x->ins[k], r < nvals && f->def[r].block == h && map[r] ? map[r] : r))
			return false;
	}
	uint8_t *out = sy_arena_array(ar, nvals, 1);
	IrVal *phi = sy_arena_array(ar, nvals, sizeof *phi);
	if (!out || !phi)
		return false;
	for (uint32_t bi = 0; bi < f->nblocks; bi++) {
		IrBlock *b = f->blocks[bi];
		if (b == h || b == h2)
			continue;
		for (uint32_t k = b == x ? xphis : 0; k < b->nins; k++) {
			IrIns *i = &b->ins[k];
			IrVal *a = ir_args(i);
			for (uint32_t q = 0; q < i->nargs; q++) {
				IrVal r = ir_resolve(f, a[q]);
				if (r < nvals && f->def[r].block == h)
					out[r] = 1;
			}
		}
	}
	uint32_t nold = x->nins, nnew = 0;
	for (uint32_t k = 0; k < h->nins; k++) {
		IrIns *i = &h->ins[k];
		if (i->dead || !i->val || !out[i->val])
			continue;
		IrVal a[2] = {i->val, map[i->val]};
		IrIns *ph = ir_emit(f, x, IR_PHI, (IrType)h->ins[k].type, 2, a);
		if (!ph)
			return false;
		phi[h->ins[k].val] = ph->val;
		nnew++;
	}
	if (nnew) { /* the new phis to the top of x */
		IrIns *tmp = sy_arena_array(ar, nnew, sizeof *tmp);
		if (!tmp)
			return false;
		memcpy(tmp, x->ins + nold, nnew * sizeof *tmp);
		memmove(x->ins + nnew, x->ins, nold * sizeof *tmp);
		memcpy(x->ins, tmp, nnew * sizeof *tmp);
		xphis += nnew;
		for (uint32_t bi = 0; bi < f->nblocks; bi++) {
			IrBlock *b = f->blocks[bi];
			if (b == h || b == h2)
				continue;
			for (uint32_t k = b == x ? xphis : 0; k < b->nins; k++) {
				IrIns *i = &b->ins[k];
				IrVal *a = ir_args(i);
				for (uint32_t q = 0; q < i->nargs; q++) {
					IrVal r = ir_resolve(f, a[q]);
					if (r < nvals && phi[r])
						a[q] = phi[r];
				}
			}
		}
	}

	/* p: the guard, then h2 when it holds, h otherwise */
	p->nins--; /* its BR h */
	uint32_t first = p->nins;
	const uint64_t M = (uint64_t)1 << 32;
	if (ir_const_of(f, B, &c)) /* a constant may be defined in h */
		B = cnst(f, p, IR_I32, (uint32_t)c);
	IrVal ok = op2(f, p, IR_LTU, IR_I32, IR_I32, init, B);
	IrVal one = cnst(f, p, IR_I32, 1);
	IrVal J = op2(f, p, IR_SUB, IR_I32, IR_I32, op2(f, p, IR_SUB, IR_I32, IR_I32, B, one), init);
	IrVal J64 = op1(f, p, IR_EXTU, IR_I64, IR_I32, J);
	IrVal size[MAXGROUPS] = {0}; /* bytes of g[q].mem, made once per memory */
	for (uint32_t q = 0; q < ng; q++) {
		IrVal bytes = 0;
		for (uint32_t e = 0; e < q && !bytes; e++)
			if (g[e].mem == g[q].mem)
				bytes = size[e];
		if (!bytes) {
			const SynthMemory *m = &f->mod->mems[g[q].mem];
			IrIns *ms = emit(f, p, IR_MEMSIZE, IR_I32, IR_NONE, 0, NULL);
			if (!ms)
				return false;
			ms->aux = g[q].mem << 16;
			bytes = op2(f, p, IR_MUL, IR_I64, IR_I64, op1(f, p, IR_EXTU, IR_I64, IR_I32, ms->val),
			            cnst(f, p, IR_I64, (uint64_t)1 << m->page_size_log2));
		}
		size[q] = bytes;
		IrVal t = op2(f, p, IR_ADD, IR_I64, IR_I64, op2(f, p, IR_MUL, IR_I64, IR_I64, J64,
		                                               cnst(f, p, IR_I64, g[q].coef)),
		              cnst(f, p, IR_I64, g[q].end < M ? g[q].end : M));
		if (g[q].base)
			t = op2(f, p, IR_ADD, IR_I64, IR_I64, t, op1(f, p, IR_EXTU, IR_I64, IR_I32, g[q].base));
		ok = op2(f, p, IR_AND, IR_I32, IR_I32, ok, op2(f, p, IR_LEU, IR_I32, IR_I64, t, bytes));
	}
	IrIns *br = emit(f, p, IR_BRIF, IR_NONE, IR_NONE, 1, &ok);
	if (!br)
		return false;
	for (uint32_t k = first; k < p->nins; k++) /* an operand 0: out of memory on the way */
		for (uint32_t q = 0; q < p->ins[k].nargs; q++)
			if (!ir_args(&p->ins[k])[q])
				return false;
	p->succs = sy_arena_array(f->ar, 2, sizeof *p->succs);
	if (!p->succs)
		return false;
	p->nsuccs = 2;
	p->succs[0] = h2, p->succs[1] = h;
	*done = true;
	return true;
}

bool ir_bce_loops(IrOpt *o, bool *changed)
{
	IrFunc *f = o->f;
	*changed = false;
	uint32_t n = 0, nb = o->nrpo;
	uint32_t *order = sy_arena_array(&o->scratch, nb, sizeof *order);
	if (!order)
		return false;
	memcpy(order, o->rpo, nb * sizeof *order);
	IrVal *map = NULL; /* per value of h: its copy (made for each loop versioned) */
	for (uint32_t r = 0; r < nb && n < MAXLOOPS; r++) {
		IrBlock *h = f->blocks[order[r]];
		if (h->npreds != 2 || h->nsuccs != 2 || (h->preds[0] != h && h->preds[1] != h))
			continue; /* not a single-block loop */
		if (!map && !(map = sy_arena_array(&o->scratch, f->nvals + 1, sizeof *map)))
			return false;
		bool done;
		if (!version(o, h, map, &done))
			return false;
		if (done) {
			n++;
			*changed = true;
			ir_compact(f);
			map = NULL; /* there are more values now */
		}
	}
	return true;
}
