/* shifts.c - i32 shift counts proved below 32.
 *
 * WebAssembly takes an i32 shift count modulo 32, Thumb-2's register-
 * shifted LSL/LSR/ASR take the count's low byte as it is (32 and more give
 * 0, or the sign for ASR), so instruction selection masks the count with
 * `and #31` before the shift. When the range analysis (range.c) bounds
 * the count by [0, 31] -- a loop counter `for (i = 0; i < 16; i++) x >> i`
 * -- the mask changes nothing: this pass marks such shifts (IR_SHIFT_
 * COUNT_OK in IrIns.chk, `count-ok` in IR dumps) and selection shifts by
 * the count's register directly. Rotates need no mask (ROR takes its
 * count modulo 32) and i64 shifts by a register call runtime helpers, so
 * only shl, shr_s and shr_u of i32 values are marked. */
#include "opt.h"

SynthStatus ir_pass_shifts(IrOpt *o)
{
	IrFunc *f = o->f;
	bool any = false;
	for (uint32_t bi = 0; bi < f->nblocks && !any; bi++)
		for (uint32_t k = 0; k < f->blocks[bi]->nins; k++) {
			IrIns *i = &f->blocks[bi]->ins[k];
			uint64_t c;
			if (!i->dead && i->optype == IR_I32 && (i->op == IR_SHL || i->op == IR_SHRS || i->op == IR_SHRU) &&
			    !ir_const_of(f, ir_args(i)[1], &c)) {
				any = true;
				break;
			}
		}
	o->same = true; /* marks shifts (i->chk), removes and moves nothing */
	if (!any) /* no variable shift: no range analysis */
		return SYNTH_OK;
	if (!ir_cfg(o))
		return sy_nomem(o->ctx);
	IrRange *rg = ir_ranges(o);
	if (!rg)
		return sy_nomem(o->ctx);
	for (uint32_t r = 0; r < o->nrpo; r++) {
		IrBlock *b = f->blocks[o->rpo[r]];
		for (uint32_t k = 0; k < b->nins; k++) {
			IrIns *i = &b->ins[k];
			if (!i->dead && i->optype == IR_I32 && (i->op == IR_SHL || i->op == IR_SHRS || i->op == IR_SHRU) &&
			    rg[ir_resolve(f, ir_args(i)[1])].hi <= 31)
				i->chk = IR_SHIFT_COUNT_OK;
		}
	}
	return SYNTH_OK;
}
