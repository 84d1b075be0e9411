/* fuzz_opreader.c - libFuzzer target for the shared operator reader
 * (core/src/wasm/opreader.c): the input is read as one operator stream to
 * its end or first error (the first byte chooses the reader's flags), then
 * again as local declarations (sy_locals_read) followed by operators, and,
 * when it loads as a module (all features on), every function body is read
 * the way components.c and grows.c read them.
 * Each call must either fail with a diagnostic inside the input or advance
 * within it. Built with -fsanitize=fuzzer when SYNTH_FUZZ is on; otherwise
 * linked with replay.c so the regression inputs run in every build. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "internal.h"
#include "wasm/opreader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Reads r to its end; aborts (a crash for the fuzzer) on a broken promise. */
static void walk(SyReader *r, unsigned flags)
{
	SyOp op;
	while (r->p < r->end) {
		const uint8_t *before = r->p;
		if (sy_op_next(r, flags, &op) != SYNTH_OK) {
			const SynthDiag *d = synth_context_diag(r->ctx);
			if (d->status != SYNTH_ERR_MALFORMED || d->offset > (uint64_t)(r->end - r->base))
				abort();
			return;
		}
		if (r->p <= before || r->p > r->end)
			abort();
		if ((op.kind == OPK_BR_TABLE || op.kind == OPK_SELECT_T) && op.vec + op.n > r->p)
			abort();
	}
}

/* Reads local declarations at r; aborts on a broken promise: a failure is
 * a malformed-module diagnostic inside the input, a success leaves r inside
 * it, at the end of the groups that sy_locals_group reads back, and their
 * counts add up to out->count. Returns whether they were read. */
static bool locals(SyReader *r, unsigned flags)
{
	SyLocals l;
	const uint8_t *before = r->p;
	if (sy_locals_read(r, flags, &l) != SYNTH_OK) {
		const SynthDiag *d = synth_context_diag(r->ctx);
		if (d->status != SYNTH_ERR_MALFORMED || d->offset > (uint64_t)(r->end - r->base))
			abort();
		return false;
	}
	if (r->p <= before || r->p > r->end || l.groups < before || l.groups > r->p)
		abort();
	const uint8_t *p = l.groups;
	uint64_t total = 0;
	for (uint32_t i = 0; i < l.ngroups; i++) {
		uint8_t t;
		total += sy_locals_group(&p, &t);
		if (!sy_op_valtype_ok(flags, (int64_t)t - 0x80))
			abort();
	}
	if (p != r->p || total != l.count)
		abort();
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	SynthContext *ctx = synth_context_new(NULL, NULL);
	if (!ctx)
		return 0;
	SyReader r = {.base = data, .p = data, .end = data + size, .ctx = ctx, .funcidx = -1};
	walk(&r, size ? data[0] & SY_OPR_ALL : 0); /* both encodings of memory indices */
	SyReader lr = {.base = data, .p = data, .end = data + size, .ctx = ctx, .funcidx = -1};
	if (locals(&lr, size ? data[0] & SY_OPR_ALL : 0))
		walk(&lr, SY_OPR_ALL);
	SynthFeatures f = {.multi_memory = true, .custom_page_sizes = true, .simd = true};
	SynthModule *mod = NULL;
	if (synth_module_load(ctx, data, size, &f, &mod) == SYNTH_OK) {
		const SynthModuleDesc *d = synth_module_desc(mod);
		for (uint32_t i = d->nfuncs_imported; i < d->nfuncs; i++) {
			SyReader b = {.base = d->bytes, .ctx = ctx, .funcidx = i};
			b.p = d->bytes + d->funcs[i].body_offset;
			b.end = b.p + d->funcs[i].body_size;
			if (!locals(&b, SY_OPR_ALL)) /* the validator read them */
				abort();
			walk(&b, SY_OPR_ALL);
		}
	}
	synth_module_free(mod);
	synth_context_free(ctx);
	return 0;
}
