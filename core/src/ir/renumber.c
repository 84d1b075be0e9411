/* renumber.c - value renumbering: the live values get the numbers 1..n in
 * block order, so values removed by the other passes (trivial phis,
 * folded and redundant instructions) take no virtual register in
 * instruction selection, which makes one per value number. The forwarding
 * table is cleared: after this pass every argument names its definition. */
#include <string.h>

#include "opt.h"

SynthStatus ir_pass_renumber(IrOpt *o)
{
	IrFunc *f = o->f;
	IrVal *map = sy_arena_array(&o->scratch, f->nvals, sizeof *map);
	IrType *type = sy_arena_array(&o->scratch, f->nvals, sizeof *type);
	if (!map || !type)
		return sy_nomem(o->ctx);
	IrVal n = 1;
	for (uint32_t bi = 0; bi < f->nblocks; bi++) {
		IrBlock *b = f->blocks[bi];
		for (uint32_t k = 0; k < b->nins; k++)
			if (!b->ins[k].dead && b->ins[k].val) {
				type[n] = f->valtype[b->ins[k].val];
				map[b->ins[k].val] = n++;
			}
	}
	for (uint32_t bi = 0; bi < f->nblocks; bi++) {
		IrBlock *b = f->blocks[bi];
		for (uint32_t k = 0; k < b->nins; k++) {
			IrIns *i = &b->ins[k];
			if (i->dead)
				continue;
			IrVal *a = ir_args(i);
			for (uint32_t j = 0; j < i->nargs; j++) {
				IrVal v = map[ir_resolve(f, a[j])];
				if (!v && a[j]) /* v0 (a v128 value) is refused by isel */
					return sy_error(o->ctx, SYNTH_ERR_INTERNAL, 0, f->funcidx,
					                "internal error: v%u is used but not defined", a[j]);
				a[j] = v;
			}
			i->val = map[i->val];
		}
	}
	memcpy(f->valtype, type, n * sizeof *type);
	memset(f->repl, 0, f->capvals * sizeof *f->repl);
	memset(f->def, 0, f->capvals * sizeof *f->def);
	f->nvals = n;
	return SYNTH_OK;
}
