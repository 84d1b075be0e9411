/* fuzz_opreader.c - libFuzzer target for the shared operator reader
 * (core/src/wasm/opreader.c): the input is read as one operator stream to
 * its end or first error (the first byte chooses the reader's flags), and, when it loads as a module (all features on),
 * every function body is read the way components.c and grows.c read them.
 * Each call must either fail with a diagnostic inside the input or advance
 * within it. Built with -fsanitize=fuzzer when SYNTH_FUZZ is on; otherwise
 * linked with replay.c so the regression inputs run in every build. */
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	SynthContext *ctx = synth_context_new(NULL, NULL);
	if (!ctx)
		return 0;
	SyReader r = {.base = data, .p = data, .end = data + size, .ctx = ctx, .funcidx = -1};
	walk(&r, size ? data[0] & SY_OPR_ALL : 0); /* both encodings of memory indices */
	SynthFeatures f = {.multi_memory = true, .custom_page_sizes = true, .simd = true};
	SynthModule *mod = NULL;
	if (synth_module_load(ctx, data, size, &f, &mod) == SYNTH_OK) {
		const SynthModuleDesc *d = synth_module_desc(mod);
		for (uint32_t i = d->nfuncs_imported; i < d->nfuncs; i++) {
			SyReader b = {.base = d->bytes, .ctx = ctx, .funcidx = i};
			b.p = d->bytes + d->funcs[i].body_offset;
			b.end = b.p + d->funcs[i].body_size;
			uint32_t n, c;
			uint8_t t;
			SynthStatus st = sy_u32(&b, &n);
			for (uint32_t k = 0; k < n && st == SYNTH_OK; k++)
				if ((st = sy_u32(&b, &c)) == SYNTH_OK)
					st = sy_u8(&b, &t);
			if (st == SYNTH_OK)
				walk(&b, SY_OPR_ALL);
		}
	}
	synth_module_free(mod);
	synth_context_free(ctx);
	return 0;
}
