/* cfg.c - what the optimizer's passes share: reverse post-order and the
 * dominator tree of the reachable blocks, the classification of
 * instructions (pure, speculable), and the edits every pass makes
 * (replace a value, turn an instruction into a constant, compact).
 *
 * Dominators follow Cooper, Harvey and Kennedy ("A Simple, Fast Dominance
 * Algorithm", 2001): iterate intersect() over the predecessors in reverse
 * post-order until nothing changes; the children of each node are then
 * laid out in one array (dom_first/dom_kids) in reverse post-order, so a
 * walk of the tree is deterministic, and numbered in pre-order
 * (dom_pre/dom_end), so ir_dominates is O(1).
 *
 * Most passes leave the CFG as they found it, so ir_cfg keeps what it
 * computed last while every block's successors and predecessors are the
 * same (a compare per edge; computing again cost a dozen times that, seven
 * times per function). */
#include <string.h>

#include "opt.h"

/* Whether f's CFG is the one o->cfg_key describes. */
static bool same_cfg(const IrOpt *o)
{
	const IrFunc *f = o->f;
	const uint32_t *key = o->cfg_key, *end = key + o->ncfg_key;
	if (!key || !o->ncfg_key)
		return false;
	for (uint32_t b = 0; b < f->nblocks; b++) {
		const IrBlock *bl = f->blocks[b];
		if ((size_t)(end - key) < 2u + bl->nsuccs + bl->npreds || *key++ != bl->nsuccs)
			return false;
		for (uint32_t k = 0; k < bl->nsuccs; k++)
			if (*key++ != bl->succs[k]->id)
				return false;
		if (*key++ != bl->npreds)
			return false;
		for (uint32_t k = 0; k < bl->npreds; k++)
			if (*key++ != bl->preds[k]->id)
				return false;
	}
	return key == end;
}

/* Records f's CFG in o->cfg_key. False on OOM. */
static bool save_cfg(IrOpt *o)
{
	const IrFunc *f = o->f;
	uint32_t n = 0;
	for (uint32_t b = 0; b < f->nblocks; b++)
		n += 2 + f->blocks[b]->nsuccs + f->blocks[b]->npreds;
	if (!sy_arena_grow(&o->scratch, (void **)&o->cfg_key, &o->capcfg_key, n ? n : 1, sizeof *o->cfg_key))
		return false;
	uint32_t *key = o->cfg_key;
	for (uint32_t b = 0; b < f->nblocks; b++) {
		const IrBlock *bl = f->blocks[b];
		*key++ = bl->nsuccs;
		for (uint32_t k = 0; k < bl->nsuccs; k++)
			*key++ = bl->succs[k]->id;
		*key++ = bl->npreds;
		for (uint32_t k = 0; k < bl->npreds; k++)
			*key++ = bl->preds[k]->id;
	}
	o->ncfg_key = n;
	return true;
}

bool ir_cfg(IrOpt *o)
{
	IrFunc *f = o->f;
	SyArena *ar = &o->scratch;
	uint32_t n = f->nblocks;
	if (same_cfg(o))
		return true;
	o->ncfg_key = 0; /* nothing valid until done */
	o->rpo = sy_arena_array(ar, n, sizeof *o->rpo);
	o->rpo_index = sy_arena_array(ar, n, sizeof *o->rpo_index);
	o->idom = sy_arena_array(ar, n, sizeof *o->idom);
	o->dom_first = sy_arena_array(ar, (size_t)n + 1, sizeof *o->dom_first);
	o->dom_kids = sy_arena_array(ar, n, sizeof *o->dom_kids);
	uint32_t *stack = sy_arena_array(ar, n, sizeof *stack);
	uint32_t *next = sy_arena_array(ar, n, sizeof *next); /* next successor to visit */
	uint8_t *seen = sy_arena_array(ar, n, 1);
	if (!o->rpo || !o->rpo_index || !o->idom || !o->dom_first || !o->dom_kids || !stack || !next || !seen)
		return false;
	/* Iterative depth-first search; post-order written from the back. */
	uint32_t sp = 0, out = n;
	stack[sp++] = 0;
	seen[0] = 1;
	while (sp) {
		IrBlock *b = f->blocks[stack[sp - 1]];
		if (next[b->id] < b->nsuccs) {
			IrBlock *s = b->succs[next[b->id]++];
			if (!seen[s->id]) {
				seen[s->id] = 1;
				stack[sp++] = s->id;
			}
			continue;
		}
		o->rpo[--out] = b->id;
		sp--;
	}
	o->nrpo = n - out;
	memmove(o->rpo, o->rpo + out, o->nrpo * sizeof *o->rpo);
	for (uint32_t k = 0; k < n; k++)
		o->rpo_index[k] = UINT32_MAX;
	for (uint32_t k = 0; k < o->nrpo; k++)
		o->rpo_index[o->rpo[k]] = k;
	/* Dominators. */
	for (uint32_t k = 0; k < n; k++)
		o->idom[k] = UINT32_MAX;
	o->idom[0] = 0;
	for (bool changed = true; changed;) {
		changed = false;
		for (uint32_t k = 1; k < o->nrpo; k++) {
			IrBlock *b = f->blocks[o->rpo[k]];
			uint32_t d = UINT32_MAX;
			for (uint32_t p = 0; p < b->npreds; p++) {
				uint32_t q = b->preds[p]->id;
				if (o->rpo_index[q] == UINT32_MAX || o->idom[q] == UINT32_MAX)
					continue;
				if (d == UINT32_MAX) {
					d = q;
					continue;
				}
				uint32_t x = q, y = d;
				while (x != y) {
					while (o->rpo_index[x] > o->rpo_index[y])
						x = o->idom[x];
					while (o->rpo_index[y] > o->rpo_index[x])
						y = o->idom[y];
				}
				d = x;
			}
			if (d != o->idom[b->id]) {
				o->idom[b->id] = d;
				changed = true;
			}
		}
	}
	/* Children lists, in reverse post-order. */
	uint32_t *count = next;
	memset(count, 0, n * sizeof *count);
	for (uint32_t k = 1; k < o->nrpo; k++)
		count[o->idom[o->rpo[k]]]++;
	uint32_t sum = 0;
	for (uint32_t b = 0; b < n; b++) {
		o->dom_first[b] = sum;
		sum += count[b];
		count[b] = o->dom_first[b];
	}
	o->dom_first[n] = sum;
	for (uint32_t k = 1; k < o->nrpo; k++) {
		uint32_t b = o->rpo[k];
		o->dom_kids[count[o->idom[b]]++] = b;
	}
	/* Pre-order intervals of the tree (a deep one, such as a chain of
	 * thousands of ifs, made the walk up from b quadratic). */
	o->dom_pre = sy_arena_array(ar, n, sizeof *o->dom_pre);
	o->dom_end = sy_arena_array(ar, n, sizeof *o->dom_end);
	if (!o->dom_pre || !o->dom_end)
		return false;
	o->ndom = n;
	uint32_t pre = 0;
	sp = 0;
	stack[sp++] = 0;
	next[0] = o->dom_first[0];
	o->dom_pre[0] = pre++;
	while (sp) {
		uint32_t b = stack[sp - 1];
		if (next[b] < o->dom_first[b + 1]) {
			uint32_t c = o->dom_kids[next[b]++];
			next[c] = o->dom_first[c];
			o->dom_pre[c] = pre++;
			stack[sp++] = c;
			continue;
		}
		o->dom_end[b] = pre;
		sp--;
	}
	return save_cfg(o);
}

bool ir_dominates(const IrOpt *o, uint32_t a, uint32_t b)
{
	if (a == b)
		return true;
	if (a < o->ndom && b < o->ndom) {
		if (o->idom[a] == UINT32_MAX || o->idom[b] == UINT32_MAX)
			return false; /* unreachable: not in the tree */
		return o->dom_pre[a] <= o->dom_pre[b] && o->dom_pre[b] < o->dom_end[a];
	}
	for (;;) {
		if (a == b)
			return true;
		if (b == 0 || o->idom[b] == UINT32_MAX)
			return false;
		b = o->idom[b];
	}
}

void ir_compact(IrFunc *f)
{
	for (uint32_t bi = 0; bi < f->nblocks; bi++) {
		IrBlock *b = f->blocks[bi];
		/* Live phis first, in order, then the rest, in order. A phi
		 * folded into a constant is no phi any more and moves down. One
		 * sweep keeps the live ones (copying only once something before
		 * them went), resolves their arguments, records where they are
		 * and notes whether a phi follows a non-phi. */
		bool sorted = true, rest = false;
		uint32_t n = 0;
		for (uint32_t k = 0; k < b->nins; k++) {
			IrIns *i = &b->ins[k];
			if (i->dead)
				continue;
			if (i->op != IR_PHI)
				rest = true;
			else if (rest)
				sorted = false;
			if (n != k) {
				b->ins[n] = *i;
				i = &b->ins[n];
			}
			IrVal *a = ir_args(i);
			for (uint32_t j = 0; j < i->nargs; j++)
				a[j] = ir_resolve(f, a[j]);
			if (i->val) {
				f->def[i->val].block = b;
				f->def[i->val].index = n;
			}
			n++;
		}
		b->nins = n;
		if (sorted)
			continue;
		/* rare: rotate each out-of-place non-phi past the phis after it */
		for (uint32_t k = 1; k < n; k++) {
			if (b->ins[k].op != IR_PHI)
				continue;
			IrIns phi = b->ins[k];
			uint32_t j = k;
			while (j > 0 && b->ins[j - 1].op != IR_PHI) {
				b->ins[j] = b->ins[j - 1];
				j--;
			}
			b->ins[j] = phi;
		}
		for (uint32_t k = 0; k < n; k++)
			if (b->ins[k].val)
				f->def[b->ins[k].val].index = k;
	}
}

void ir_replace(IrFunc *f, IrIns *i, IrVal v)
{
	v = ir_resolve(f, v);
	if (v == i->val)
		return;
	f->repl[i->val] = v;
	i->dead = 1;
}

void ir_make_const(IrIns *i, uint64_t bits)
{
	if (i->type == IR_I32 || i->type == IR_F32)
		bits &= 0xffffffffu;
	i->op = IR_CONST;
	i->optype = 0;
	i->nargs = 0;
	i->xargs = NULL;
	i->xcap = 0;
	i->aux = 0;
	i->imm = bits;
}

bool ir_const_of(IrFunc *f, IrVal v, uint64_t *bits)
{
	v = ir_resolve(f, v);
	IrDef *d = &f->def[v];
	if (!d->block || d->index >= d->block->nins)
		return false;
	IrIns *i = &d->block->ins[d->index];
	if (i->val != v || i->op != IR_CONST || i->dead)
		return false;
	*bits = i->imm;
	return true;
}

bool ir_pure(const IrIns *i)
{
	switch (i->op) {
	case IR_CONST: case IR_COPY:
	case IR_ADD: case IR_SUB: case IR_MUL: case IR_DIVS: case IR_DIVU: case IR_REMS: case IR_REMU:
	case IR_AND: case IR_OR: case IR_XOR: case IR_SHL: case IR_SHRS: case IR_SHRU: case IR_ROTL: case IR_ROTR:
	case IR_CLZ: case IR_CTZ: case IR_POPCNT: case IR_EQZ:
	case IR_EQ: case IR_NE: case IR_LTS: case IR_LTU: case IR_GTS: case IR_GTU:
	case IR_LES: case IR_LEU: case IR_GES: case IR_GEU:
	case IR_EXT8S: case IR_EXT16S: case IR_EXT32S: case IR_WRAP: case IR_EXTS: case IR_EXTU:
	case IR_SELECT: case IR_FUN: case IR_FBIN: case IR_FCMP: case IR_CVT: case IR_FUNCREF:
		return true;
	}
	return false;
}

bool ir_speculable(const IrIns *i)
{
	if (!ir_pure(i))
		return false;
	switch (i->op) {
	case IR_DIVS: case IR_DIVU: case IR_REMS: case IR_REMU:
		return false; /* division by zero, INT_MIN / -1 */
	case IR_CVT:
		/* float -> int truncations trap on NaN and out-of-range values */
		return !((i->imm >= 0xa8 && i->imm <= 0xab) || (i->imm >= 0xae && i->imm <= 0xb1));
	}
	return true;
}

bool ir_fused(IrFunc *f, IrIns *i)
{
	uint64_t c;
	if (i->op == IR_EQZ || (i->op >= IR_EQ && i->op <= IR_GEU))
		return true;
	return i->optype == IR_I32 && i->nargs == 2 &&
	       (i->op == IR_SHL || i->op == IR_SHRS || i->op == IR_SHRU || i->op == IR_ROTL || i->op == IR_ROTR) &&
	       ir_const_of(f, ir_args(i)[1], &c);
}

bool ir_cheap(IrFunc *f, IrIns *i)
{
	uint64_t c;
	if (i->type != IR_I32 || i->optype != IR_I32)
		return false;
	switch (i->op) {
	case IR_ADD: case IR_SUB: case IR_AND: case IR_OR: case IR_XOR:
	case IR_SHL: case IR_SHRS: case IR_SHRU: case IR_ROTL: case IR_ROTR:
		return ir_const_of(f, ir_args(i)[0], &c) || ir_const_of(f, ir_args(i)[1], &c);
	case IR_EXT8S: case IR_EXT16S:
		return true;
	}
	return false;
}
