/* fuzz_decode.c - libFuzzer target for the decoder and validator: every
 * input is loaded with all features on and again as plain WebAssembly 2.0,
 * and inspected when valid. Built with -fsanitize=fuzzer when SYNTH_FUZZ is
 * on; otherwise linked with replay.c so the regression inputs run in every
 * build (ASan/UBSan included). */
#include <stddef.h>
#include <stdint.h>

#include "synth/synth.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void touch(const SynthModuleDesc *d)
{
	/* Read what inspect reads, so ASan sees any bad pointer. */
	volatile uint32_t sum = 0;
	for (uint32_t i = 0; i < d->ntypes; i++)
		for (uint32_t k = 0; k < d->types[i].nparams; k++)
			sum += d->types[i].params[k];
	for (uint32_t i = 0; i < d->nimports; i++)
		sum += (uint32_t)d->imports[i].name.str[d->imports[i].name.len];
	for (uint32_t i = 0; i < d->nelems; i++)
		for (uint32_t k = 0; k < d->elems[i].nitems; k++)
			sum += (uint32_t)d->elems[i].items[k].bits;
	for (uint32_t i = 0; i < d->ndatas; i++)
		if (d->datas[i].size)
			sum += d->datas[i].bytes[d->datas[i].size - 1];
	for (uint32_t i = 0; i < d->nfuncs; i++)
		sum += d->funcs[i].debug_name.len;
	(void)sum;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	SynthContext *ctx = synth_context_new(NULL, NULL);
	if (!ctx)
		return 0;
	SynthFeatures f = synth_features_default();
	for (int pass = 0; pass < 2; pass++) {
		SynthModule *mod = NULL;
		if (synth_module_load(ctx, data, size, &f, &mod) == SYNTH_OK)
			touch(synth_module_desc(mod));
		synth_module_free(mod);
		f.multi_memory = false;
		f.simd = false;
	}
	synth_context_free(ctx);
	return 0;
}
