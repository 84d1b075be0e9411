/* phi.c - complete trivial-phi removal.
 *
 * Lowering removes a phi that is trivial when its operands are known
 * (Braun et al., "Simple and Efficient Construction of SSA Form", CC 2013,
 * tryRemoveTrivialPhi), but not the phis that become trivial only when a
 * phi they read goes: `v14 = PHI v4, v14` in a loop header whose other
 * operand was itself a removed phi. Here a phi whose operands, apart from
 * itself, are all one value v is replaced by v, and the sweep repeats until
 * a round removes nothing -- the fixpoint Braun's recursion on the users
 * reaches. Sweeping in reverse post-order removes chains running forward in
 * one round. A phi reading only itself is in unreachable code and stays. */
#include "opt.h"

/* The one value phi i merges, or 0 when it merges several (or none). */
static IrVal trivial(IrFunc *f, IrIns *i)
{
	IrVal same = 0;
	IrVal *a = ir_args(i);
	for (uint32_t k = 0; k < i->nargs; k++) {
		IrVal v = ir_resolve(f, a[k]);
		if (v == same || v == i->val)
			continue;
		if (same)
			return 0;
		same = v;
	}
	return same;
}

SynthStatus ir_pass_phi(IrOpt *o)
{
	IrFunc *f = o->f;
	if (!ir_cfg(o))
		return sy_nomem(o->ctx);
	o->same = true; /* until a phi is replaced (the pass only replaces) */
	for (bool again = true; again;) {
		again = false;
		for (uint32_t r = 0; r < o->nrpo; r++) {
			IrBlock *b = f->blocks[o->rpo[r]];
			for (uint32_t k = 0; k < b->nins && b->ins[k].op == IR_PHI; k++) {
				IrIns *i = &b->ins[k];
				IrVal v;
				if (i->dead || !(v = trivial(f, i)))
					continue;
				ir_replace(f, i, v);
				again = true;
				o->same = false;
			}
		}
	}
	return SYNTH_OK;
}
