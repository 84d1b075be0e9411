/* opt.c - the optimizer's pass list: what runs on the SSA IR between
 * lowering and instruction selection, in order. Each pass is one file of
 * this folder with one entry point (opt.h); after each, the function is
 * compacted (dead instructions out, arguments resolved; not after a pass
 * that reports it changed nothing in a clean function), and the IR after
 * any pass can be dumped (synth compile --emit=ir --after=PASS). */
#include <string.h>

#include "opt.h"

static const struct {
	const char *name;
	SynthStatus (*run)(IrOpt *);
} passes[] = {
	{"inline", ir_pass_inline},     /* small callees copied into their callers */
	{"phi", ir_pass_phi},           /* trivial phis out, completely */
	{"fold", ir_pass_fold},         /* constants folded and propagated */
	{"rotate", ir_pass_rotate},     /* top-tested loops tested at the bottom */
	{"gvn", ir_pass_gvn},           /* redundant pure instructions out */
	{"licm", ir_pass_licm},         /* invariants out of loops */
	{"bce", ir_pass_bce},           /* bounds checks proved, merged, covered */
	{"sr", ir_pass_sr},             /* loop indices into machine pointers */
	{"dce", ir_pass_dce},           /* unused values out, loops of them too */
	{"shifts", ir_pass_shifts},     /* i32 shift counts proved below 32: no mask */
	{"renumber", ir_pass_renumber}, /* dense value numbers for isel */
};

#define NPASSES (sizeof passes / sizeof passes[0])

bool ir_pass_known(const char *name)
{
	if (!strcmp(name, "lower"))
		return true;
	for (size_t k = 0; k < NPASSES; k++)
		if (!strcmp(name, passes[k].name))
			return true;
	return false;
}

const char *ir_pass_name(size_t k)
{
	if (k == 0)
		return "lower";
	return k <= NPASSES ? passes[k - 1].name : NULL;
}

SynthStatus ir_optimize(SynthContext *ctx, IrFunc *f, IrInline *inl, const char *after, SyStr *dump)
{
	IrOpt o = {.ctx = ctx, .f = f, .inl = inl};
	sy_arena_init(&o.scratch, &ctx->alloc);
	SynthStatus st = SYNTH_OK;
	if (dump && after && !strcmp(after, "lower"))
		ir_dump(f, dump);
	bool clean = false; /* compacted since the last change (lowering's output is not) */
	for (size_t k = 0; k < NPASSES; k++) {
		o.same = false;
		if ((st = passes[k].run(&o)) != SYNTH_OK)
			break;
		if (!clean || !o.same)
			ir_compact(f);
		clean = true;
		if (dump && (after ? !strcmp(after, passes[k].name) : k + 1 == NPASSES))
			ir_dump(f, dump);
	}
	sy_arena_free(&o.scratch);
	return st;
}
