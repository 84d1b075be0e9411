/* inline.c - inlining of small functions.
 *
 * A direct call to a small defined function is replaced by a copy of the
 * callee's IR: the calling block is split after the call, the copy's
 * entry follows the first half, its parameters are the call's arguments,
 * each of its returns branches to the second half, and the call's results
 * become that block's phis (or the returned values, when there is one
 * return). The caller's passes then run over the copy with the rest:
 * constant arguments fold, and the call's argument moves, spills around
 * it, return and stack check go.
 *
 * Each callee is looked at once per module (IrInline caches the verdict):
 * a function whose body has more than IR_INLINE_MAX_BYTES bytes of code is
 * not lowered at all; a smaller one is lowered and optimized (without
 * inlining, so there is no recursion) in a scratch arena, and when it has
 * at most IR_INLINE_MAX instructions (phis, parameters, constants and
 * jumps not counted: the back end folds the jumps away) a compact copy of
 * it is kept for the rest of the module; the scratch is freed. Calls
 * inside a loop (the block's loop_depth) take callees up to IR_INLINE_MAX
 * instructions, calls elsewhere only up to IR_INLINE_MAX_ANY, about what
 * the call itself costs. So the extra compile work is bounded by one
 * lowering of each small function, and the cache by IR_INLINE_MAX
 * instructions per function: the cost stays linear. Only one level is
 * inlined (the cached copy's own calls stay calls), so recursion cannot
 * unroll.
 *
 * Not inlined: calls to imports; a function calling itself (the copy
 * would hold the call); a callee that never returns (the rest of the
 * caller would have no predecessor); in a fused module, a call compiled to
 * an M__xcall gate (synth_call_crosses: it changes protection domain), and
 * any callee that is not of the caller's own component (or shared) or
 * that calls anything itself. Traps raise the same code with or without
 * inlining (synth_rt_trap takes no location); the inlined copy's stack
 * needs become the caller's, checked in its prologue. */
#include <string.h>

#include "opt.h"

/* Chosen by measurement (tests/bench/mcu/RESULTS.md, "Inlining and loop
 * rotation"): 12 anywhere and 20 in loops took the gains of 20 everywhere
 * on tests/programs at -O0 without interp's 2.7x code growth (its
 * straight-line program builder calls a 20-instruction emitter 40 times);
 * 24 and 32 made graph and bigint at -Os slower. */
#define IR_INLINE_MAX_ANY 12  /* instructions of a callee inlined anywhere */
#define IR_INLINE_MAX 20      /* ... inlined into a loop */
#define IR_INLINE_MAX_BYTES (IR_INLINE_MAX * 8)

enum { UNKNOWN, NO, SMALL };

typedef struct SBlock {
	uint32_t first, nins;   /* in Small.ins */
	uint32_t fsucc, nsuccs; /* in Small.succ (block indices of the copy) */
	uint32_t fpred, npreds; /* in Small.pred */
	uint32_t loop_depth;
} SBlock;

typedef struct Small {
	uint32_t nblocks, nvals, nrets;
	uint32_t size;  /* instructions counted against the limits */
	SBlock *blocks; /* blocks[0] is the entry */
	IrIns *ins;     /* xargs point into the cache */
	uint32_t *succ, *pred;
	IrType *valtype;
	bool calls;     /* it calls something itself */
} Small;

struct IrInline {
	SynthContext *ctx;
	const SynthModule *mod;
	const SynthModuleDesc *d;
	const SynthComponents *comps;
	const uint32_t *mem_reserve; /* the callers' IrFunc settings, for the callee's bce pass */
	uint8_t bounds;
	SyArena cache;
	uint8_t *state; /* per function: UNKNOWN, NO, SMALL */
	Small **small;
};

IrInline *ir_inline_new(SynthContext *ctx, const SynthModule *mod, const SynthComponents *comps,
                        const uint32_t *mem_reserve, uint8_t bounds)
{
	IrInline *in = sy_malloc(&ctx->alloc, sizeof *in);
	if (!in)
		return NULL;
	memset(in, 0, sizeof *in);
	in->ctx = ctx;
	in->mod = mod;
	in->d = synth_module_desc(mod);
	in->comps = comps;
	in->mem_reserve = mem_reserve;
	in->bounds = bounds;
	sy_arena_init(&in->cache, &ctx->alloc);
	in->state = sy_arena_array(&in->cache, in->d->nfuncs + 1, 1);
	in->small = sy_arena_array(&in->cache, in->d->nfuncs + 1, sizeof *in->small);
	if (!in->state || !in->small) {
		ir_inline_free(in);
		return NULL;
	}
	return in;
}

void ir_inline_free(IrInline *in)
{
	if (!in)
		return;
	SynthContext *ctx = in->ctx;
	sy_arena_free(&in->cache);
	sy_free(&ctx->alloc, in, sizeof *in);
}

/* Counts what inlining g would add; UINT32_MAX past the limit. */
static uint32_t size_of(IrFunc *g, bool *calls, uint32_t *nrets)
{
	uint32_t n = 0;
	for (uint32_t bi = 0; bi < g->nblocks; bi++)
		for (uint32_t k = 0; k < g->blocks[bi]->nins; k++) {
			IrIns *i = &g->blocks[bi]->ins[k];
			if (i->op == IR_CALL && i->imm == g->funcidx)
				return UINT32_MAX; /* recursive */
			*calls |= i->op == IR_CALL || i->op == IR_CALLIND;
			*nrets += i->op == IR_RET;
			if (i->op != IR_PHI && i->op != IR_PARAM && i->op != IR_CONST && i->op != IR_NOP && i->op != IR_BR &&
			    ++n > IR_INLINE_MAX)
				return UINT32_MAX;
		}
	return n;
}

/* Copies g (compacted: no dead instructions) into the cache. */
static Small *keep(IrInline *in, IrFunc *g, bool calls, uint32_t nrets)
{
	SyArena *ar = &in->cache;
	Small *s = sy_arena_alloc(ar, sizeof *s);
	if (!s)
		return NULL;
	uint32_t *id = sy_arena_array(ar, g->nblocks, sizeof *id); /* g block -> copy block, or UINT32_MAX */
	uint32_t nins = 0, nsucc = 0, npred = 0, nb = 0;
	if (!id)
		return NULL;
	for (uint32_t bi = 0; bi < g->nblocks; bi++) {
		IrBlock *b = g->blocks[bi];
		/* blocks left empty (unreachable) are dropped; no edge names them */
		id[bi] = bi == 0 || b->nins ? nb++ : UINT32_MAX;
		nins += b->nins;
		nsucc += b->nsuccs;
		npred += b->npreds;
	}
	s->nblocks = nb;
	s->nvals = g->nvals;
	s->nrets = nrets;
	s->calls = calls;
	s->blocks = sy_arena_array(ar, nb, sizeof *s->blocks);
	s->ins = sy_arena_array(ar, nins + 1, sizeof *s->ins);
	s->succ = sy_arena_array(ar, nsucc + 1, sizeof *s->succ);
	s->pred = sy_arena_array(ar, npred + 1, sizeof *s->pred);
	s->valtype = sy_arena_array(ar, g->nvals, sizeof *s->valtype);
	if (!s->blocks || !s->ins || !s->succ || !s->pred || !s->valtype)
		return NULL;
	memcpy(s->valtype, g->valtype, g->nvals * sizeof *s->valtype);
	nins = nsucc = npred = 0;
	for (uint32_t bi = 0; bi < g->nblocks; bi++) {
		IrBlock *b = g->blocks[bi];
		if (id[bi] == UINT32_MAX)
			continue;
		SBlock *sb = &s->blocks[id[bi]];
		*sb = (SBlock){.first = nins, .nins = b->nins, .fsucc = nsucc, .nsuccs = b->nsuccs, .fpred = npred,
		               .npreds = b->npreds, .loop_depth = b->loop_depth};
		for (uint32_t k = 0; k < b->nins; k++) {
			IrIns i = b->ins[k];
			if (i.nargs > 3) {
				IrVal *x = sy_arena_array(ar, i.nargs, sizeof *x);
				if (!x)
					return NULL;
				memcpy(x, i.xargs, i.nargs * sizeof *x);
				i.xargs = x;
				i.xcap = i.nargs;
			} else {
				i.xargs = NULL;
				i.xcap = 0;
			}
			s->ins[nins++] = i;
		}
		for (uint32_t k = 0; k < b->nsuccs; k++)
			s->succ[nsucc++] = id[b->succs[k]->id];
		for (uint32_t k = 0; k < b->npreds; k++)
			s->pred[npred++] = id[b->preds[k]->id];
	}
	return s;
}

/* The cached copy of function g, or NULL when g is not inlined. */
static Small *small_fn(IrInline *in, uint32_t g, SynthStatus *st)
{
	*st = SYNTH_OK;
	if (in->state[g] != UNKNOWN)
		return in->small[g];
	in->state[g] = NO;
	const SynthFunc *fn = &in->d->funcs[g];
	if (g < in->d->nfuncs_imported || fn->imported || fn->body_size > IR_INLINE_MAX_BYTES)
		return NULL;
	SyArena tmp;
	sy_arena_init(&tmp, &in->ctx->alloc);
	IrFunc *gf;
	SynthStatus s = ir_lower(in->ctx, &tmp, in->mod, g, &gf);
	if (s == SYNTH_OK) {
		/* optimized as it would be compiled: the checks bce leaves hold
		 * in any caller (they depend on the callee's code alone) */
		gf->mem_reserve = in->mem_reserve;
		gf->bounds = in->bounds;
		gf->inline_copy = true;
		s = ir_optimize(in->ctx, gf, NULL, NULL, NULL);
	}
	if (s == SYNTH_ERR_NOMEM) {
		*st = s;
	} else if (s != SYNTH_OK) {
		/* refused (e.g. v128): compiling g itself reports it */
		synth_context_clear(in->ctx);
	} else {
		bool calls = false;
		uint32_t nrets = 0;
		uint32_t size = size_of(gf, &calls, &nrets);
		if (size != UINT32_MAX && nrets) {
			in->small[g] = keep(in, gf, calls, nrets);
			if (!in->small[g]) {
				*st = sy_nomem(in->ctx);
			} else {
				in->small[g]->size = size;
				in->state[g] = SMALL;
			}
		}
	}
	sy_arena_free(&tmp);
	return in->small[g];
}

/* May f's call to g be replaced by s? */
static bool allowed(IrInline *in, uint32_t f, uint32_t g, const Small *s)
{
	if (f == g)
		return false;
	const SynthComponents *c = in->comps;
	if (!c)
		return true;
	if (synth_call_crosses(c, f, g) || s->calls || f >= c->nfuncs || g >= c->nfuncs)
		return false;
	const SynthFuncPart *pf = &c->funcs[f], *pg = &c->funcs[g];
	if (pg->role == SYNTH_FUNC_SHARED)
		return pf->role == SYNTH_FUNC_SHARED || pf->role == SYNTH_FUNC_COMPONENT;
	return pf->role == SYNTH_FUNC_COMPONENT && pg->role == SYNTH_FUNC_COMPONENT && pf->component == pg->component;
}

/* Replaces the call at b->ins[k] by a copy of s; *rest is the block now
 * holding what followed the call. */
static bool expand(IrOpt *o, IrBlock *b, uint32_t k, const Small *s, IrBlock **rest)
{
	IrFunc *f = o->f;
	IrIns call = b->ins[k];
	IrVal *cargs = ir_args(&call);
	const SynthFuncType *t = &f->mod->types[f->mod->funcs[call.imm].typeidx];
	IrVal *vmap = sy_arena_array(&o->scratch, s->nvals, sizeof *vmap);
	IrBlock **nb = sy_arena_array(&o->scratch, s->nblocks, sizeof *nb);
	IrBlock **rets = sy_arena_array(&o->scratch, s->nrets, sizeof *rets);
	IrVal *retargs = sy_arena_array(&o->scratch, (size_t)s->nrets * (t->nresults + 1), sizeof *retargs);
	if (!vmap || !nb || !rets || !retargs)
		return false;
	/* the rest of b */
	IrBlock *c = ir_block_new(f);
	if (!c)
		return false;
	c->loop_depth = b->loop_depth;
	uint32_t ntail = b->nins - k - 1;
	c->ins = sy_arena_array(f->ar, ntail + t->nresults + 1, sizeof *c->ins);
	if (!c->ins)
		return false;
	c->capins = ntail + t->nresults + 1;
	c->succs = b->succs;
	c->nsuccs = b->nsuccs;
	for (uint32_t j = 0; j < c->nsuccs; j++) {
		IrBlock *x = c->succs[j];
		for (uint32_t p = 0; p < x->npreds; p++)
			if (x->preds[p] == b)
				x->preds[p] = c;
	}
	/* the copy's blocks and values */
	for (uint32_t j = 0; j < s->nblocks; j++) {
		if (!(nb[j] = ir_block_new(f)))
			return false;
		nb[j]->loop_depth = s->blocks[j].loop_depth + b->loop_depth;
	}
	for (uint32_t v = 1; v < s->nvals; v++)
		vmap[v] = 0;
	for (uint32_t j = 0; j < s->nblocks; j++)
		for (uint32_t q = 0; q < s->blocks[j].nins; q++) {
			const IrIns *i = &s->ins[s->blocks[j].first + q];
			if (!i->val)
				continue;
			if (i->op == IR_PARAM)
				vmap[i->val] = cargs[i->imm];
			else if (!(vmap[i->val] = ir_new_val(f, s->valtype[i->val])))
				return false;
		}
	uint32_t nrets = 0;
	for (uint32_t j = 0; j < s->nblocks; j++) {
		const SBlock *sb = &s->blocks[j];
		IrBlock *x = nb[j];
		x->ins = sy_arena_array(f->ar, sb->nins ? sb->nins : 1, sizeof *x->ins);
		x->succs = sy_arena_array(f->ar, sb->nsuccs ? sb->nsuccs : 1, sizeof *x->succs);
		if (!x->ins || !x->succs)
			return false;
		x->capins = sb->nins ? sb->nins : 1;
		for (uint32_t q = 0; q < sb->nsuccs; q++)
			x->succs[q] = nb[s->succ[sb->fsucc + q]];
		x->nsuccs = sb->nsuccs;
		for (uint32_t q = 0; q < sb->npreds; q++)
			if (!ir_add_pred(f, x, nb[s->pred[sb->fpred + q]]))
				return false;
		for (uint32_t q = 0; q < sb->nins; q++) {
			IrIns i = s->ins[sb->first + q];
			if (i.op == IR_PARAM)
				continue;
			if (i.nargs > 3) {
				IrVal *a = sy_arena_array(f->ar, i.nargs, sizeof *a);
				if (!a)
					return false;
				memcpy(a, i.xargs, i.nargs * sizeof *a);
				i.xargs = a;
			}
			IrVal *a = ir_args(&i);
			for (uint32_t r = 0; r < i.nargs; r++)
				a[r] = a[r] ? vmap[a[r]] : 0;
			i.val = i.val ? vmap[i.val] : 0;
			if (i.op == IR_RET) {
				/* returns branch to the rest of the caller */
				rets[nrets] = x;
				memcpy(retargs + (size_t)nrets * (t->nresults + 1), a, t->nresults * sizeof *a);
				nrets++;
				memset(&i, 0, sizeof i);
				i.op = IR_BR;
				x->succs[0] = c;
				x->nsuccs = 1;
			}
			x->ins[x->nins++] = i;
		}
	}
	/* the results: one return gives them, several meet in phis */
	for (uint32_t r = 0; r < nrets; r++)
		if (!ir_add_pred(f, c, rets[r]))
			return false;
	IrVal res[16], *resv = res;
	if (t->nresults > 16 && !(resv = sy_arena_array(&o->scratch, t->nresults, sizeof *resv)))
		return false;
	for (uint32_t q = 0; q < t->nresults; q++) {
		if (nrets == 1) {
			resv[q] = retargs[q];
			continue;
		}
		IrIns *phi = &c->ins[c->nins++];
		memset(phi, 0, sizeof *phi);
		phi->op = IR_PHI;
		phi->type = (uint8_t)ir_type_of(t->results[q]);
		if (!(phi->val = ir_new_val(f, (IrType)phi->type)))
			return false;
		phi->nargs = nrets;
		if (nrets > 3 && !(phi->xargs = sy_arena_array(f->ar, nrets, sizeof *phi->xargs)))
			return false;
		phi->xcap = nrets > 3 ? nrets : 0;
		for (uint32_t r = 0; r < nrets; r++)
			ir_args(phi)[r] = retargs[(size_t)r * (t->nresults + 1) + q];
		resv[q] = phi->val;
	}
	for (uint32_t q = k + 1; q < b->nins; q++) {
		IrIns *i = &b->ins[q];
		if (i->op == IR_CALLRES && call.val && ir_args(i)[0] == call.val) {
			f->repl[i->val] = resv[i->imm];
			continue;
		}
		c->ins[c->nins++] = *i;
	}
	if (call.val)
		f->repl[call.val] = resv[0];
	/* b: up to the call, then the copy's entry */
	b->nins = k;
	IrIns *br = ir_emit(f, b, IR_BR, IR_NONE, 0, NULL);
	IrBlock **bs = sy_arena_array(f->ar, 1, sizeof *bs);
	if (!br || !bs)
		return false;
	bs[0] = nb[0];
	b->succs = bs;
	b->nsuccs = 1;
	if (!ir_add_pred(f, nb[0], b))
		return false;
	f->calls |= s->calls;
	*rest = c;
	return true;
}

SynthStatus ir_pass_inline(IrOpt *o)
{
	IrInline *in = o->inl;
	IrFunc *f = o->f;
	o->same = true; /* until a call is expanded */
	if (!in)
		return SYNTH_OK;
	uint32_t n = f->nblocks; /* the copies' blocks are not looked into */
	for (uint32_t bi = 0; bi < n; bi++) {
		IrBlock *b = f->blocks[bi];
		for (uint32_t k = 0; k < b->nins; k++) {
			IrIns *i = &b->ins[k];
			if (i->dead || i->op != IR_CALL)
				continue;
			uint32_t g = (uint32_t)i->imm;
			SynthStatus st;
			Small *s = small_fn(in, g, &st);
			if (st != SYNTH_OK)
				return st;
			if (!s || (s->size > IR_INLINE_MAX_ANY && !b->loop_depth) || !allowed(in, f->funcidx, g, s))
				continue;
			IrBlock *rest;
			o->same = false;
			if (!expand(o, b, k, s, &rest))
				return sy_nomem(o->ctx);
			b = rest; /* go on after the call */
			k = (uint32_t)-1;
			while (k + 1 < b->nins && b->ins[k + 1].op == IR_PHI)
				k++;
		}
	}
	return SYNTH_OK;
}
