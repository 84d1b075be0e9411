/* dce.c - dead code elimination by marking (the "mark" half of
 * mark-sweep): instructions with an effect are live -- stores, calls,
 * terminators, everything that may trap (loads, division, float
 * truncation) -- and so is every instruction a live one reads; the rest
 * goes. Unlike the machine-level clean-up before register allocation, this
 * removes values that only feed themselves around a loop (a phi and the
 * increment of a counter nothing reads). */
#include "opt.h"

SynthStatus ir_pass_dce(IrOpt *o)
{
	IrFunc *f = o->f;
	/* each instruction enters the work list at most once */
	size_t total = 1;
	for (uint32_t bi = 0; bi < f->nblocks; bi++)
		total += f->blocks[bi]->nins;
	uint8_t *live = sy_arena_array(&o->scratch, f->nvals, 1);
	IrIns **work = sy_arena_array(&o->scratch, total, sizeof *work);
	if (!live || !work)
		return sy_nomem(o->ctx);
	uint32_t nwork = 0;
	bool killed = false;
	/* roots; instructions without a value are always roots */
	for (uint32_t bi = 0; bi < f->nblocks; bi++)
		for (uint32_t k = 0; k < f->blocks[bi]->nins; k++) {
			IrIns *i = &f->blocks[bi]->ins[k];
			if (i->dead)
				continue;
			if (!i->val) {
				work[nwork++] = i;
			} else if (i->op != IR_PHI && !ir_speculable(i)) {
				live[i->val] = 1;
				work[nwork++] = i;
			}
		}
	while (nwork) {
		IrIns *i = work[--nwork];
		IrVal *a = ir_args(i);
		for (uint32_t j = 0; j < i->nargs; j++) {
			IrVal v = ir_resolve(f, a[j]);
			IrDef *d = &f->def[v];
			/* v0 stands for a value of a type the IR lacks (v128):
			 * instruction selection refuses the function later */
			if (live[v] || !d->block)
				continue;
			live[v] = 1;
			work[nwork++] = &d->block->ins[d->index];
		}
	}
	for (uint32_t bi = 0; bi < f->nblocks; bi++)
		for (uint32_t k = 0; k < f->blocks[bi]->nins; k++) {
			IrIns *i = &f->blocks[bi]->ins[k];
			if (!i->dead && i->val && !live[i->val])
				i->dead = 1, killed = true;
		}
	o->same = !killed;
	return SYNTH_OK;
}
