/* opt.h - the SSA optimizer: the pass list (opt.c), the analyses the passes
 * share (cfg.c) and one entry point per pass, one file each (see core/IR.md,
 * "Optimizer").
 *
 * A pass works on a lowered IrFunc whose arguments are resolved. It removes
 * an instruction by setting `dead` and, when the instruction had users,
 * forwarding its value through f->repl (ir_resolve); opt.c then compacts
 * the blocks (dead instructions out, phis first, arguments resolved,
 * definition sites recomputed) before the next pass, so every pass starts
 * from a clean function. Scratch memory comes from IrOpt.scratch, freed
 * when the optimizer returns. A pass that sees it changed nothing may set
 * IrOpt.same to spare that compaction (most passes find nothing to do in
 * most small functions). */
#ifndef SYNTH_IR_OPT_H
#define SYNTH_IR_OPT_H

#include "ir.h"

typedef struct IrInline IrInline; /* inline.c: the module's small functions */

typedef struct IrOpt {
	SynthContext *ctx;
	IrFunc *f;
	IrInline *inl;       /* the functions that may be inlined, or NULL */
	bool same;           /* set by a pass that changed nothing (no instruction removed,
	                      * replaced, moved or added): opt.c skips the compaction after
	                      * it, which would find nothing to do in a clean function */
	SyArena scratch;     /* per-function scratch, freed by ir_optimize */
	/* cfg.c, valid after ir_cfg() until the CFG changes */
	uint32_t *rpo;       /* reachable block ids in reverse post-order */
	uint32_t nrpo;
	uint32_t *rpo_index; /* position of each block in rpo, UINT32_MAX if unreachable */
	uint32_t *idom;      /* immediate dominator of each reachable block (entry: itself) */
	uint32_t *dom_first; /* dominator-tree children of block b: dom_kids[dom_first[b] .. dom_first[b+1]) */
	uint32_t *dom_kids;
	uint32_t *dom_pre;   /* pre-order number of each reachable block in the dominator tree... */
	uint32_t *dom_end;   /* ...and one past its last descendant's: a dominates b iff
	                      * dom_pre[a] <= dom_pre[b] < dom_end[a] (an O(1) test) */
	uint32_t ndom;       /* blocks when ir_cfg ran (later ones are not in these tables) */
	uint32_t *cfg_key;   /* the CFG they were computed for: per block nsuccs, succ ids, npreds,
	                      * pred ids (ir_cfg computes them again only when it differs) */
	uint32_t ncfg_key, capcfg_key;
} IrOpt;

/* ---- opt.c ---- */

/* Runs the pass list on f (inlining calls to the small functions of inl,
 * unless NULL). With dump, appends the IR after the pass named
 * after ("lower" = before the first pass; NULL = after the last). */
SynthStatus ir_optimize(SynthContext *ctx, IrFunc *f, IrInline *inl, const char *after, SyStr *dump);
/* True when name is "lower" or the name of a pass. */
bool ir_pass_known(const char *name);
/* Name of the k-th point a dump can follow: 0 is "lower", then the passes
 * in order; NULL past the last. */
const char *ir_pass_name(size_t k);

/* ---- cfg.c ---- */

/* Computes reverse post-order and the dominator tree (Cooper, Harvey and
 * Kennedy, "A Simple, Fast Dominance Algorithm"), or keeps them when the
 * CFG is the one they were computed for. False on OOM. */
bool ir_cfg(IrOpt *o);
/* True when block a dominates block b (both reachable). */
bool ir_dominates(const IrOpt *o, uint32_t a, uint32_t b);
/* Compacts f: drops dead instructions, puts phis first, resolves every
 * argument and records definition sites. */
void ir_compact(IrFunc *f);
/* Replaces every use of instruction i's value by v and removes i. */
void ir_replace(IrFunc *f, IrIns *i, IrVal v);
/* Turns i into a constant of its type in place (its users keep its value). */
void ir_make_const(IrIns *i, uint64_t bits);
/* The constant bits of v when a CONST defines it. */
bool ir_const_of(IrFunc *f, IrVal v, uint64_t *bits);
/* True for instructions without side effects whose result depends only on
 * their arguments and immediates (they may trap). */
bool ir_pure(const IrIns *i);
/* True for pure instructions that never trap. */
bool ir_speculable(const IrIns *i);
/* True for instructions isel folds into a single user for free: integer
 * compares (compare-and-branch) and i32 shifts by a constant (a shifted
 * register operand). Duplicating them is cheaper than sharing them. */
bool ir_fused(IrFunc *f, IrIns *i);
/* True for one-instruction i32 operations with a constant operand (and
 * sign extensions): recomputing one costs less than a register held
 * across code, a call or a loop, with an allocator that neither splits
 * live ranges nor rematerializes (`sp + 48` reused from the entry, or
 * hoisted out of a loop, cost fsm 3 %). */
bool ir_cheap(IrFunc *f, IrIns *i);

/* ---- range.c ---- */

/* An unsigned interval of i32 values: every value v can take is in [lo, hi]. */
typedef struct IrRange {
	uint32_t lo, hi;
} IrRange;
/* Ranges of every value (index by value number; not i32: [0, UINT32_MAX]),
 * in o->scratch; needs ir_cfg(). NULL on OOM. */
IrRange *ir_ranges(IrOpt *o);

/* ---- inline.c: the small-function cache of a module ---- */

/* A cache of mod's small functions for ir_pass_inline (comps: the fused
 * module's partition, or NULL; mem_reserve and bounds: what the compile
 * sets in every IrFunc, for the callees' own optimization). NULL on
 * allocation failure. */
IrInline *ir_inline_new(SynthContext *ctx, const SynthModule *mod, const SynthComponents *comps,
                        const uint32_t *mem_reserve, uint8_t bounds);
void ir_inline_free(IrInline *in);

/* ---- the passes, in pipeline order ---- */

/* inline.c: direct calls to small functions replaced by their bodies. */
SynthStatus ir_pass_inline(IrOpt *o);

/* phi.c: removes trivial phis until none is left (Braun et al.). */
SynthStatus ir_pass_phi(IrOpt *o);
/* fold.c: constant folding and propagation, algebraic identities. */
SynthStatus ir_pass_fold(IrOpt *o);
/* rotate.c: top-tested loops become guarded bottom-tested ones. */
SynthStatus ir_pass_rotate(IrOpt *o);
/* gvn.c: global value numbering over the dominator tree. */
SynthStatus ir_pass_gvn(IrOpt *o);
/* licm.c: hoists speculable loop-invariant instructions to preheaders. */
SynthStatus ir_pass_licm(IrOpt *o);
/* bce.c: bounds checks proved in bounds, merged, or covered by a dominating one. */
SynthStatus ir_pass_bce(IrOpt *o);
/* sr.c: pointer strength reduction: a loop index used only as addresses
 * (and by eq/ne against an invariant) becomes machine pointers into a
 * defined memory, stepped with it (IR_MEMBASE, IR_CHK_ABS). */
SynthStatus ir_pass_sr(IrOpt *o);
/* bce_loop.c (for bce.c): versions counted single-block loops behind one
 * check of their whole range; *changed when the CFG changed. False on OOM. */
bool ir_bce_loops(IrOpt *o, bool *changed);
/* bce.c: the most bytes memory k can ever hold (its reservation, else its
 * declared maximum, else 4 GiB). */
uint64_t bce_max_bytes(IrFunc *f, uint32_t k);
/* dce.c: removes instructions whose values nothing needs (dead phi cycles too). */
SynthStatus ir_pass_dce(IrOpt *o);
/* i32 shifts whose count is proved below 32 marked IR_SHIFT_COUNT_OK (shifts.c). */
SynthStatus ir_pass_shifts(IrOpt *o);
/* renumber.c: numbers the live values densely, in block order. */
SynthStatus ir_pass_renumber(IrOpt *o);

#endif
