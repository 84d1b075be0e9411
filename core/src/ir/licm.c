/* licm.c - loop-invariant code motion.
 *
 * Loops are found from their back edges (an edge t -> h where h dominates
 * t): the natural loop of h is h and every block that reaches a back
 * edge's source without passing h. A loop has a preheader when exactly one
 * predecessor of h lies outside it and that block's only successor is h
 * (lowering makes one for every wasm loop: the block that enters it). In a
 * loop with a preheader, each speculable instruction -- pure and never
 * trapping, so running it when the loop body would not have is harmless --
 * whose operands are all defined outside the loop moves to the end of the
 * preheader. Blocks are visited in reverse post-order, so an instruction
 * whose operands were hoisted follows them out; loops are taken smallest
 * first, so what leaves an inner loop can leave the outer one next.
 * Constants move only as operands of what moves (instruction selection
 * takes them as immediates or hoists the costly ones itself). Compares
 * and i32 shifts by a constant stay (ir_fused): in the loop they cost
 * nothing beside their user, out of it an instruction and a register; so
 * do one-instruction operations with a constant operand (ir_cheap): a
 * register held across the loop costs more than the instruction. */
#include <stdlib.h>
#include <string.h>

#include "opt.h"

typedef struct Loop {
	uint32_t header;
	uint32_t size;   /* blocks in the body */
} Loop;

static int by_size(const void *a, const void *b)
{
	const Loop *x = a, *y = b;
	if (x->size != y->size)
		return x->size < y->size ? -1 : 1;
	return x->header < y->header ? -1 : x->header > y->header;
}

/* Marks the natural loop of header h with stamp in mark[]; returns its size. */
static uint32_t body(IrOpt *o, uint32_t h, uint32_t *mark, uint32_t stamp, uint32_t *stack)
{
	IrFunc *f = o->f;
	IrBlock *hb = f->blocks[h];
	uint32_t sp = 0, n = 1;
	mark[h] = stamp;
	for (uint32_t p = 0; p < hb->npreds; p++) {
		uint32_t t = hb->preds[p]->id;
		if (o->rpo_index[t] == UINT32_MAX || !ir_dominates(o, h, t) || mark[t] == stamp)
			continue;
		mark[t] = stamp;
		stack[sp++] = t;
		n++;
	}
	while (sp) {
		IrBlock *b = f->blocks[stack[--sp]];
		for (uint32_t p = 0; p < b->npreds; p++) {
			uint32_t q = b->preds[p]->id;
			if (o->rpo_index[q] == UINT32_MAX || mark[q] == stamp)
				continue;
			mark[q] = stamp;
			stack[sp++] = q;
			n++;
		}
	}
	return n;
}

/* Moves instruction i to the end of block p, before its terminator. */
static bool hoist(IrFunc *f, IrBlock *p, IrIns *i)
{
	IrIns copy = *i;
	if (!sy_arena_grow(f->ar, (void **)&p->ins, &p->capins, p->nins + 1, sizeof(IrIns)))
		return false;
	p->ins[p->nins] = p->ins[p->nins - 1];
	p->ins[p->nins - 1] = copy;
	f->def[copy.val].block = p;
	f->def[copy.val].index = p->nins - 1;
	p->nins++;
	i->dead = 1; /* the copy in p is the definition now */
	return true;
}

SynthStatus ir_pass_licm(IrOpt *o)
{
	IrFunc *f = o->f;
	SyArena *ar = &o->scratch;
	if (!ir_cfg(o))
		return sy_nomem(o->ctx);
	uint32_t n = f->nblocks;
	uint32_t *mark = sy_arena_array(ar, n, sizeof *mark);
	uint32_t *stack = sy_arena_array(ar, n, sizeof *stack);
	Loop *loops = sy_arena_array(ar, n, sizeof *loops);
	if (!mark || !stack || !loops)
		return sy_nomem(o->ctx);
	uint32_t nloops = 0;
	bool moved = false;
	for (uint32_t r = 0; r < o->nrpo; r++) {
		IrBlock *h = f->blocks[o->rpo[r]];
		bool header = false;
		for (uint32_t p = 0; p < h->npreds && !header; p++)
			header = o->rpo_index[h->preds[p]->id] != UINT32_MAX && ir_dominates(o, h->id, h->preds[p]->id);
		if (header) {
			uint32_t stamp = nloops + 1;
			loops[nloops].header = h->id;
			loops[nloops].size = body(o, h->id, mark, stamp, stack);
			nloops++;
		}
	}
	qsort(loops, nloops, sizeof *loops, by_size);
	for (uint32_t l = 0; l < nloops; l++) {
		uint32_t stamp = n + 2 + l; /* distinct from the stamps used while sizing */
		IrBlock *h = f->blocks[loops[l].header];
		body(o, h->id, mark, stamp, stack);
		IrBlock *pre = NULL;
		uint32_t outside = 0;
		for (uint32_t p = 0; p < h->npreds; p++)
			if (mark[h->preds[p]->id] != stamp) {
				pre = h->preds[p];
				outside++;
			}
		if (outside != 1 || pre->nsuccs != 1 || o->rpo_index[pre->id] == UINT32_MAX || !pre->nins)
			continue;
		for (uint32_t r = o->rpo_index[h->id]; r < o->nrpo; r++) {
			IrBlock *b = f->blocks[o->rpo[r]];
			if (mark[b->id] != stamp)
				continue;
			for (uint32_t k = 0; k < b->nins; k++) {
				IrIns *i = &b->ins[k];
				if (i->dead || !i->val || i->op == IR_CONST || !ir_speculable(i) || ir_fused(f, i) ||
				    ir_cheap(f, i))
					continue;
				IrVal *a = ir_args(i);
				bool invariant = true;
				uint64_t c;
				for (uint32_t j = 0; j < i->nargs && invariant; j++) {
					IrBlock *d = f->def[ir_resolve(f, a[j])].block;
					invariant = d && (mark[d->id] != stamp || ir_const_of(f, a[j], &c));
				}
				if (!invariant)
					continue;
				moved = true;
				/* constant operands defined in the loop go first */
				for (uint32_t j = 0; j < i->nargs; j++) {
					IrDef *d = &f->def[ir_resolve(f, a[j])];
					if (mark[d->block->id] == stamp && !hoist(f, pre, &d->block->ins[d->index]))
						return sy_nomem(o->ctx);
				}
				if (!hoist(f, pre, i))
					return sy_nomem(o->ctx);
			}
		}
	}
	o->same = !moved;
	return SYNTH_OK;
}
