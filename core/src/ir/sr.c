/* sr.c - pointer strength reduction (see core/IR.md, "Pointer strength
 * reduction").
 *
 * A wasm loop steps an index i (or a wasm pointer, which is an index too)
 * and reads memory at [membase + i*m + c + offset]: instruction selection
 * makes membase + i (+ the shift) in every block of every iteration. Here
 * an i32 phi i of a loop header (one predecessor outside, one latch)
 * stepped by a constant, every use of which -- through values i*m + c + x
 * computed in the loop (add and subtract of constants, an add of one
 * loop-invariant x, shifts and multiplications by constants) -- is the
 * address of a load or store, its own step, or an `eq`/`ne` against a
 * loop-invariant value (with m = 1), is replaced by pointers
 *   p = PHI (MEMBASE k + x + init*m + delta, p + step*m)
 * one per memory, m, x and window of displacements (c + offset within
 * SR_SPAN, so each is an immediate offset from p; at most SR_MAX_GROUPS),
 * and each access of i*m + c + x at offset o becomes an access of the
 * machine address p at offset c + o - delta (IR_CHK_ABS; isel addresses
 * it [p, #c+o-delta]). delta moves the pointer so that the latch's last
 * access is at offset 0, where the emitter fuses the step into it (`ldr r,
 * [p], #4`), or to the window's start when it is beyond the immediates.
 * A compare `i + c + x == B` becomes `p == MEMBASE k + B - c + delta`
 * (computed before the loop; with a pointer's x and a compared value
 * without one, MEMBASE k + x + B - c + delta), the same test: p minus the
 * pointer's start is i, and adding a constant modulo 2^32 is a bijection.
 * i and what was computed from it then die (dce). An index that would stay
 * alive for a use not listed is left alone: a pointer beside the index
 * costs a register and saves little (an index access with a folded shift
 * is one instruction already). What goes before the loop goes at the end
 * of the predecessor outside, before its branch (which may lead elsewhere
 * too, as bce_loop.c's guard does: those instructions never trap).
 *
 * Which accesses may leave the index: --bounds=none addresses membase +
 * index modulo 2^32 anyway, so all; trap mode only the accesses needing no
 * check (`inbounds`, or `covered`: proven, or checked by a dominating
 * access or a versioned loop's guard), mask mode only `inbounds` ones (the
 * masked index is not the index). Only defined memories: their base never
 * moves (M__mem<k>, core/IR.md "Memory base and sizes"), so memory.grow
 * and calls that may grow a memory change nothing here; an imported
 * memory's base could move and is left alone. Not run on a callee
 * optimized for inlining (the caller's passes would see machine
 * addresses). */
#include <string.h>

#include "opt.h"

#define SR_MAX_GROUPS 2   /* pointers per index (each holds a register) */
#define SR_MAX_CMPS 2
#define SR_MAX_DONE 32    /* indices reduced per function (each rebuilds the use lists) */

typedef struct Use {
	IrIns *ins;
	uint32_t block;
} Use;

typedef struct Grp {
	uint32_t k, m;
	IrVal x;
	IrVal p, pn;      /* the pointer and its step */
	uint32_t delta;   /* p is MEMBASE k + x + i*m + delta */
	uint32_t last;    /* the offset of the latch's last access of it, or UINT32_MAX */
	int32_t lo, hi;   /* the displacements c + offset of its accesses */
} Grp;

typedef struct Cmp {
	IrIns *ins;
	uint32_t block, pos;
	IrVal w;          /* the derived value compared */
	uint32_t g;       /* group */
} Cmp;

typedef struct Sr {
	IrOpt *o;
	IrFunc *f;
	uint32_t *mark, stamp;
	uint32_t *first;  /* users of v: use[first[v] .. first[v + 1]) */
	Use *use;
	uint32_t *dstamp, *dm, *dc; /* derived values: v*m + c + x */
	IrVal *dx;
	uint32_t cur;
	IrVal *work;
	Grp g[SR_MAX_GROUPS];
	uint32_t ng;
	Cmp cmp[SR_MAX_CMPS];
	uint32_t ncmp;
} Sr;

/* The users of every value (CSR), rebuilt after each reduction. */
static bool build_uses(Sr *s)
{
	IrFunc *f = s->f;
	SyArena *ar = &s->o->scratch;
	uint32_t n = f->nvals;
	s->first = sy_arena_array(ar, (size_t)n + 1, sizeof *s->first);
	s->dstamp = sy_arena_array(ar, n, sizeof *s->dstamp);
	s->dm = sy_arena_array(ar, n, sizeof *s->dm);
	s->dc = sy_arena_array(ar, n, sizeof *s->dc);
	s->dx = sy_arena_array(ar, n, sizeof *s->dx);
	s->work = sy_arena_array(ar, n, sizeof *s->work);
	if (!s->first || !s->dstamp || !s->dm || !s->dc || !s->dx || !s->work)
		return false;
	memset(s->first, 0, ((size_t)n + 1) * sizeof *s->first);
	memset(s->dstamp, 0, (size_t)n * sizeof *s->dstamp);
	s->cur = 0;
	size_t total = 0;
	for (uint32_t bi = 0; bi < f->nblocks; bi++)
		for (uint32_t k = 0; k < f->blocks[bi]->nins; k++) {
			IrIns *i = &f->blocks[bi]->ins[k];
			if (i->dead)
				continue;
			IrVal *a = ir_args(i);
			for (uint32_t j = 0; j < i->nargs; j++)
				if (a[j] < n)
					s->first[a[j]]++, total++;
		}
	s->use = sy_arena_array(ar, total ? total : 1, sizeof *s->use);
	if (!s->use)
		return false;
	uint32_t sum = 0;
	for (uint32_t v = 0; v <= n; v++) {
		uint32_t c = v < n ? s->first[v] : 0;
		s->first[v] = sum;
		sum += c;
	}
	/* first[v] is now the start; fill, advancing first[v], then shift back */
	for (uint32_t bi = 0; bi < f->nblocks; bi++)
		for (uint32_t k = 0; k < f->blocks[bi]->nins; k++) {
			IrIns *i = &f->blocks[bi]->ins[k];
			if (i->dead)
				continue;
			IrVal *a = ir_args(i);
			for (uint32_t j = 0; j < i->nargs; j++)
				if (a[j] < n) {
					/* an instruction using a value twice is listed twice */
					s->use[s->first[a[j]]++] = (Use){i, bi};
				}
		}
	for (uint32_t v = n; v > 0; v--)
		s->first[v] = s->first[v - 1];
	s->first[0] = 0;
	return true;
}

/* Marks the natural loop of header h with s->stamp (as licm.c does). */
static void body(Sr *s, uint32_t h, uint32_t *stack)
{
	IrFunc *f = s->f;
	IrOpt *o = s->o;
	uint32_t sp = 0;
	s->mark[h] = s->stamp;
	IrBlock *hb = f->blocks[h];
	for (uint32_t p = 0; p < hb->npreds; p++) {
		uint32_t t = hb->preds[p]->id;
		if (o->rpo_index[t] == UINT32_MAX || !ir_dominates(o, h, t) || s->mark[t] == s->stamp)
			continue;
		s->mark[t] = s->stamp;
		stack[sp++] = t;
	}
	while (sp) {
		IrBlock *b = f->blocks[stack[--sp]];
		for (uint32_t p = 0; p < b->npreds; p++) {
			uint32_t q = b->preds[p]->id;
			if (o->rpo_index[q] == UINT32_MAX || s->mark[q] == s->stamp)
				continue;
			s->mark[q] = s->stamp;
			stack[sp++] = q;
		}
	}
}

static bool in_loop(Sr *s, IrVal v)
{
	IrBlock *d = s->f->def[v].block;
	return d && s->mark[d->id] == s->stamp;
}

/* v defined outside the loop (so before its preheader's end), or a constant. */
static bool invariant(Sr *s, IrVal v)
{
	uint64_t c;
	return s->f->def[v].block && (!in_loop(s, v) || ir_const_of(s->f, v, &c));
}

static bool derive(Sr *s, IrVal v, uint32_t m, uint32_t c, IrVal x, uint32_t *nw)
{
	if (s->dstamp[v] == s->cur)
		return false; /* reached twice (i + i): not affine in one way */
	s->dstamp[v] = s->cur, s->dm[v] = m, s->dc[v] = c, s->dx[v] = x;
	s->work[(*nw)++] = v;
	return true;
}

static bool derived(Sr *s, IrVal v) { return s->dstamp[v] == s->cur; }

/* The displacements of one pointer's accesses span at most this much, so
 * each is an immediate offset (-255..4095, 4091 for a pair) from it. */
#define SR_SPAN (4087 + 255)

/* Adds an access of memory k through v*m + x at displacement d (c +
 * offset, as int32) to a group: one of the same memory, m and x whose
 * displacements stay within SR_SPAN, or a new one; false when there would
 * be too many. */
static bool group_add(Sr *s, uint32_t k, uint32_t m, IrVal x, int32_t d)
{
	for (uint32_t q = 0; q < s->ng; q++) {
		Grp *g = &s->g[q];
		if (g->k != k || g->m != m || g->x != x)
			continue;
		int64_t lo = d < g->lo ? d : g->lo, hi = d > g->hi ? d : g->hi;
		if (hi - lo <= SR_SPAN) {
			g->lo = (int32_t)lo, g->hi = (int32_t)hi;
			return true;
		}
	}
	if (s->ng == SR_MAX_GROUPS)
		return false;
	s->g[s->ng++] = (Grp){k, m, x, 0, 0, 0, UINT32_MAX, d, d};
	return true;
}

/* The group of such an access, once the groups are made. */
static uint32_t group(Sr *s, uint32_t k, uint32_t m, IrVal x, int32_t d)
{
	for (uint32_t q = 0; q < s->ng; q++)
		if (s->g[q].k == k && s->g[q].m == m && s->g[q].x == x && d >= s->g[q].lo && d <= s->g[q].hi)
			return q;
	return UINT32_MAX;
}

/* The displacement of access i through derived value w. */
static int32_t disp(Sr *s, IrIns *i, IrVal w) { return (int32_t)(s->dc[w] + (uint32_t)i->imm); }

/* Whether access i (of memory k) may be addressed from a machine pointer. */
static bool access_ok(Sr *s, IrIns *i)
{
	uint32_t k = i->aux >> 16;
	const SynthModuleDesc *md = s->f->mod;
	if (k >= md->nmems || md->mems[k].imported)
		return false;
	switch (s->f->bounds) {
	case SYNTH_BOUNDS_NONE: return i->chk != IR_CHK_ABS;
	case SYNTH_BOUNDS_TRAP: return i->chk == IR_CHK_INBOUNDS || i->chk == IR_CHK_COVERED;
	default: return i->chk == IR_CHK_INBOUNDS;
	}
}

/* Inserts at b->ins[pos] an instruction defining the preallocated value val. */
static bool put(IrFunc *f, IrBlock *b, uint32_t pos, IrVal val, IrOp op, uint32_t n, IrVal a0, IrVal a1,
                uint64_t imm, uint32_t aux)
{
	if (!sy_arena_grow(f->ar, (void **)&b->ins, &b->capins, b->nins + 1, sizeof(IrIns)))
		return false;
	memmove(&b->ins[pos + 1], &b->ins[pos], (size_t)(b->nins - pos) * sizeof(IrIns));
	b->nins++;
	IrIns *i = &b->ins[pos];
	memset(i, 0, sizeof *i);
	i->op = (uint8_t)op, i->type = IR_I32, i->val = val, i->nargs = n;
	if (op != IR_CONST && op != IR_PHI && op != IR_MEMBASE)
		i->optype = IR_I32;
	i->args[0] = a0, i->args[1] = a1, i->imm = imm, i->aux = aux;
	return true;
}

/* A new i32 constant at the end of the preheader (before its branch). */
static IrVal pre_const(IrFunc *f, IrBlock *pre, uint32_t c)
{
	IrVal v = ir_new_val(f, IR_I32);
	if (!v || !put(f, pre, pre->nins - 1, v, IR_CONST, 0, 0, 0, c, 0))
		return 0;
	return v;
}

static IrVal pre_op(IrFunc *f, IrBlock *pre, IrOp op, IrVal a, IrVal b)
{
	if (!a || !b)
		return 0; /* out of memory before */
	IrVal v = ir_new_val(f, IR_I32);
	if (!v || !put(f, pre, pre->nins - 1, v, op, 2, a, b, 0, 0))
		return 0;
	return v;
}

/* Tries to reduce phi number j of header h (preds pi outside, li latch).
 * 1 done, 0 not applicable, -1 out of memory. */
static int reduce(Sr *s, IrBlock *h, uint32_t j, uint32_t pi, uint32_t li)
{
	IrFunc *f = s->f;
	IrIns *phi = &h->ins[j];
	if (phi->dead || phi->type != IR_I32 || phi->nargs != 2)
		return 0;
	IrVal v = phi->val, init = ir_args(phi)[pi], nx = ir_args(phi)[li];
	if (nx == v || !in_loop(s, nx) || init == v)
		return 0;
	IrIns *nd = &f->def[nx].block->ins[f->def[nx].index];
	uint64_t kb;
	uint32_t step;
	if (nd->op == IR_ADD && nd->args[0] == v && ir_const_of(f, nd->args[1], &kb))
		step = (uint32_t)kb;
	else if (nd->op == IR_ADD && nd->args[1] == v && ir_const_of(f, nd->args[0], &kb))
		step = (uint32_t)kb;
	else if (nd->op == IR_SUB && nd->args[0] == v && ir_const_of(f, nd->args[1], &kb))
		step = 0u - (uint32_t)kb;
	else
		return 0;
	if (!step)
		return 0;
	IrBlock *pre = h->preds[pi], *latch = h->preds[li];
	s->cur++;
	s->ng = 0, s->ncmp = 0;
	uint32_t nw = 0, naccess = 0;
	derive(s, v, 1, 0, 0, &nw);
	/* every use of every derived value is accounted for, or nothing is done */
	for (uint32_t q = 0; q < nw; q++) {
		IrVal w = s->work[q];
		for (uint32_t u = s->first[w]; u < s->first[w + 1]; u++) {
			IrIns *i = s->use[u].ins;
			if (s->mark[s->use[u].block] != s->stamp)
				return 0; /* read after the loop */
			IrVal *a = ir_args(i);
			uint32_t m = s->dm[w], c = s->dc[w];
			IrVal x = s->dx[w];
			switch (i->op) {
			case IR_PHI:
				if (i != phi || w != nx || a[pi] == nx)
					return 0;
				break;
			case IR_LOAD: case IR_STORE:
				if (a[0] != w || (i->op == IR_STORE && a[1] == w) || !access_ok(s, i) ||
				    !group_add(s, i->aux >> 16, m, x, disp(s, i, w)))
					return 0;
				naccess++;
				break;
			case IR_EQ: case IR_NE: {
				IrVal b = a[0] == w ? a[1] : a[0];
				if (i->optype != IR_I32 || m != 1 || derived(s, b) || !invariant(s, b) ||
				    s->ncmp == SR_MAX_CMPS)
					return 0;
				s->cmp[s->ncmp++] = (Cmp){i, s->use[u].block, 0, w, 0};
				break;
			}
			case IR_ADD: case IR_SUB: case IR_SHL: case IR_MUL: {
				if (i->type != IR_I32 || !i->val)
					return 0;
				IrVal y = a[0] == w ? a[1] : a[0];
				uint64_t kc;
				bool yc = ir_const_of(f, y, &kc);
				uint32_t K = (uint32_t)kc;
				if (derived(s, y) || (i->op != IR_ADD && i->op != IR_MUL && a[0] != w))
					return 0; /* K - w, K << w: not affine */
				bool ok;
				if (i->op == IR_ADD && yc)
					ok = derive(s, i->val, m, c + K, x, &nw);
				else if (i->op == IR_ADD)
					ok = !x && invariant(s, y) && derive(s, i->val, m, c, y, &nw);
				else if (i->op == IR_SUB)
					ok = yc && derive(s, i->val, m, c - K, x, &nw);
				else if (i->op == IR_SHL)
					ok = yc && !x && derive(s, i->val, m << (K & 31), c << (K & 31), 0, &nw);
				else
					ok = yc && !x && derive(s, i->val, m * K, c * K, 0, &nw);
				if (!ok)
					return 0;
				break;
			}
			default:
				return 0;
			}
		}
	}
	if (!naccess)
		return 0;
	for (uint32_t q = 0; q < s->ng; q++)
		if (!s->g[q].m)
			return 0;
	/* a compare needs a pointer with m = 1 and the compared value's x
	 * (or a compared value without one) */
	for (uint32_t q = 0; q < s->ncmp; q++) {
		Cmp *cp = &s->cmp[q];
		uint32_t g = 0;
		while (g < s->ng && !(s->g[g].m == 1 && s->g[g].x == s->dx[cp->w]))
			g++;
		for (uint32_t h2 = 0; g == s->ng && h2 < s->ng; h2++)
			if (s->g[h2].m == 1 && !s->dx[cp->w])
				g = h2;
		if (g == s->ng)
			return 0;
		cp->g = g;
	}
	/* the step goes after the latch's last reduced access (the emitter
	 * fuses it into an access at offset 0 right before it) */
	uint32_t pos = 0;
	while (pos < latch->nins && latch->ins[pos].op == IR_PHI)
		pos++;
	for (uint32_t k = pos; k < latch->nins; k++) {
		IrIns *i = &latch->ins[k];
		IrVal w = ir_args(i)[0];
		if ((i->op == IR_LOAD || i->op == IR_STORE) && !i->dead && derived(s, w) && i->chk != IR_CHK_ABS) {
			pos = k + 1;
			uint32_t g = group(s, i->aux >> 16, s->dm[w], s->dx[w], disp(s, i, w));
			for (uint32_t q = 0; q < s->ng; q++)
				s->g[q].last = UINT32_MAX;
			s->g[g].last = s->dc[w] + (uint32_t)i->imm;
		}
	}
	/* A pointer moves by delta (its accesses' offsets less delta): by the
	 * smallest displacement (+255) when some are beyond the immediate
	 * range, and by d when the latch ends with an access at displacement d,
	 * so that access is [p, #0] and takes the step as a post-index
	 * (`ldr r, [p], #step`), when every access of it stays within the
	 * immediate range (-255..4095) and the step fits (|step| <= 255). */
	for (uint32_t q = 0; q < s->ng; q++) {
		Grp *g = &s->g[q];
		int32_t st = (int32_t)(step * g->m);
		/* displacements beyond the immediates from MEMBASE + x + i*m
		 * (clang's static arrays at 0x90b0): the pointer starts there */
		if (g->lo < -255 || g->hi > 4087)
			g->delta = (uint32_t)g->lo + 255;
		if (g->last == UINT32_MAX || st < -255 || st > 255)
			continue;
		bool fits = true;
		for (uint32_t a = 0; a < nw && fits; a++) {
			IrVal w = s->work[a];
			for (uint32_t u = s->first[w]; u < s->first[w + 1] && fits; u++) {
				IrIns *i = s->use[u].ins;
				if ((i->op != IR_LOAD && i->op != IR_STORE) || ir_args(i)[0] != w ||
				    group(s, i->aux >> 16, s->dm[w], s->dx[w], disp(s, i, w)) != q)
					continue;
				int32_t d = (int32_t)(s->dc[w] + (uint32_t)i->imm - g->last);
				fits = d >= -255 && d <= ((i->aux & 0xff) > 4 ? 4091 : 4095);
			}
		}
		if (fits)
			g->delta = g->last;
	}
	for (uint32_t q = 0; q < s->ncmp; q++) {
		Cmp *cp = &s->cmp[q];
		cp->pos = UINT32_MAX;
		if (cp->block == latch->id)
			cp->pos = (uint32_t)(cp->ins - latch->ins);
	}
	/* values first (no instruction moves), then the rewrite, then the
	 * definitions */
	for (uint32_t q = 0; q < s->ng; q++) {
		s->g[q].p = ir_new_val(f, IR_I32);
		s->g[q].pn = ir_new_val(f, IR_I32);
		if (!s->g[q].p || !s->g[q].pn)
			return -1;
	}
	for (uint32_t q = 0; q < nw; q++) {
		IrVal w = s->work[q];
		for (uint32_t u = s->first[w]; u < s->first[w + 1]; u++) {
			IrIns *i = s->use[u].ins;
			if ((i->op != IR_LOAD && i->op != IR_STORE) || ir_args(i)[0] != w)
				continue;
			uint32_t g = group(s, i->aux >> 16, s->dm[w], s->dx[w], disp(s, i, w));
			ir_args(i)[0] = s->g[g].p;
			i->imm = (uint32_t)(s->dc[w] + (uint32_t)i->imm - s->g[g].delta);
			i->chk = IR_CHK_ABS;
			i->chkend = 0;
		}
	}
	IrVal mbase[SR_MAX_GROUPS] = {0}, basex[SR_MAX_GROUPS] = {0}, p0[SR_MAX_GROUPS] = {0};
	for (uint32_t q = 0; q < s->ng; q++) {
		Grp *g = &s->g[q];
		IrVal mb = ir_new_val(f, IR_I32);
		if (!mb || !put(f, pre, pre->nins - 1, mb, IR_MEMBASE, 0, 0, 0, 0, g->k << 16))
			return -1;
		mbase[q] = mb;
		IrVal t = mb;
		if (g->x && !(t = pre_op(f, pre, IR_ADD, t, g->x)))
			return -1;
		basex[q] = t;
		uint64_t ic;
		IrVal off;
		if (g->delta && !(t = pre_op(f, pre, IR_ADD, t, pre_const(f, pre, g->delta))))
			return -1;
		if (ir_const_of(f, init, &ic) && (uint32_t)ic * g->m == 0)
			off = t; /* p0 = MEMBASE k + x + delta */
		else if (ir_const_of(f, init, &ic))
			off = pre_const(f, pre, (uint32_t)ic * g->m);
		else if (g->m == 1)
			off = init;
		else if (!(g->m & (g->m - 1)))
			off = pre_op(f, pre, IR_SHL, init, pre_const(f, pre, (uint32_t)__builtin_ctz(g->m)));
		else
			off = pre_op(f, pre, IR_MUL, init, pre_const(f, pre, g->m));
		if (!(p0[q] = off == t ? t : pre_op(f, pre, IR_ADD, t, off)))
			return -1;
	}
	for (uint32_t q = 0; q < s->ncmp; q++) {
		Cmp *cp = &s->cmp[q];
		/* w = i + c + x and p = MEMBASE + x + i + delta, so
		 * w == B  <=>  p == MEMBASE + B - c + delta  <=>  pn == that + step;
		 * a w without the pointer's x (a counter beside base + i):
		 * w == B  <=>  p == MEMBASE + x + B - c + delta */
		bool after = cp->pos != UINT32_MAX && cp->pos >= pos;
		uint32_t d = s->dc[cp->w] - (after ? step : 0) - s->g[cp->g].delta;
		IrVal *a = ir_args(cp->ins);
		bool left = a[0] == cp->w;
		IrVal b = left ? a[1] : a[0];
		uint64_t bc;
		IrVal t, mb = s->dx[cp->w] ? mbase[cp->g] : basex[cp->g];
		if (ir_const_of(f, b, &bc))
			t = (uint32_t)bc - d ? pre_op(f, pre, IR_ADD, mb, pre_const(f, pre, (uint32_t)bc - d)) : mb;
		else
			t = pre_op(f, pre, IR_ADD, mb, d ? pre_op(f, pre, IR_SUB, b, pre_const(f, pre, d)) : b);
		if (!t)
			return -1;
		a[left ? 0 : 1] = after ? s->g[cp->g].pn : s->g[cp->g].p;
		a[left ? 1 : 0] = t;
	}
	/* the phis (p0 from the preheader, p + step from the latch), after the
	 * compares were rewritten through pointers into h */
	for (uint32_t q = 0; q < s->ng; q++) {
		if (!put(f, h, 0, s->g[q].p, IR_PHI, 2, 0, 0, 0, 0))
			return -1;
		h->ins[0].args[pi] = p0[q], h->ins[0].args[li] = s->g[q].pn;
	}
	/* the steps (h and latch may be one block: its phis moved down by one each) */
	if (latch == h)
		pos += s->ng;
	for (uint32_t q = 0; q < s->ng; q++) {
		IrVal k = ir_new_val(f, IR_I32);
		if (!k || !put(f, latch, pos, k, IR_CONST, 0, 0, 0, step * s->g[q].m, 0) ||
		    !put(f, latch, pos + 1, s->g[q].pn, IR_ADD, 2, s->g[q].p, k, 0, 0))
			return -1;
		pos += 2;
	}
	return 1;
}

SynthStatus ir_pass_sr(IrOpt *o)
{
	IrFunc *f = o->f;
	if (f->inline_copy)
		return SYNTH_OK;
	/* dead values first: the passes before leave phis of the exit that
	 * read an index and that nothing reads */
	SynthStatus st0 = ir_pass_dce(o);
	if (st0 != SYNTH_OK)
		return st0;
	if (!o->same) /* the function was clean: nothing removed, nothing to compact */
		ir_compact(f);
	o->same = false;
	if (!ir_cfg(o))
		return sy_nomem(o->ctx);
	Sr s = {.o = o, .f = f};
	uint32_t n = f->nblocks;
	s.mark = sy_arena_array(&o->scratch, n, sizeof *s.mark);
	uint32_t *stack = sy_arena_array(&o->scratch, n, sizeof *stack);
	if (!s.mark || !stack)
		return sy_nomem(o->ctx);
	memset(s.mark, 0, (size_t)n * sizeof *s.mark);
	bool fresh = false;
	uint32_t done = 0;
	for (uint32_t r = 0; r < o->nrpo && done < SR_MAX_DONE; r++) {
		IrBlock *h = f->blocks[o->rpo[r]];
		if (h->npreds != 2)
			continue;
		uint32_t li = 2;
		for (uint32_t p = 0; p < 2; p++)
			if (o->rpo_index[h->preds[p]->id] != UINT32_MAX && ir_dominates(o, h->id, h->preds[p]->id))
				li = p;
		if (li == 2)
			continue;
		uint32_t pi = 1 - li;
		IrBlock *pre = h->preds[pi];
		if (!pre->nins || o->rpo_index[pre->id] == UINT32_MAX)
			continue;
		s.stamp++;
		body(&s, h->id, stack);
		if (s.mark[pre->id] == s.stamp)
			continue;
		for (uint32_t j = 0; j < h->nins && h->ins[j].op == IR_PHI && done < SR_MAX_DONE; j++) {
			if (!fresh) {
				if (!build_uses(&s))
					return sy_nomem(o->ctx);
				fresh = true;
			}
			int st = reduce(&s, h, j, pi, li);
			if (st < 0)
				return sy_nomem(o->ctx);
			if (st) {
				/* definition sites and users changed: recompute */
				ir_compact(f);
				fresh = false;
				done++;
				/* the new phis come first: look again from the top (a
				 * reduced phi and the new ones have no accesses left) */
				j = UINT32_MAX;
			}
		}
	}
	return SYNTH_OK;
}
