/* fuzz_compile.c - libFuzzer target for the whole compiler: every input
 * that validates is compiled for a core chosen by its last byte, with a
 * bounds mode chosen by the one before, and must give an object or a clean
 * refusal (never a crash, a hang, a sanitizer report or SYNTH_ERR_INTERNAL,
 * which aborts). Linked with replay.c in ordinary builds. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "synth/synth.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	SynthContext *ctx = synth_context_new(NULL, NULL);
	if (!ctx)
		return 0;
	SynthModule *mod = NULL;
	if (synth_module_load(ctx, data, size, NULL, &mod) == SYNTH_OK) {
		SynthCompileOptions opt = {.name = "f", .want_header = true, .want_ir = true,
		                           .want_mir = true, .want_asm = true};
		opt.target = (SynthTarget)(size ? data[size - 1] % 6 : 0);
		opt.bounds = (SynthBounds)(size > 1 ? data[size - 2] % 3 : 0);
		opt.mem_cap = 1u << 20;
		SynthOutput out;
		SynthStatus st = synth_compile(ctx, mod, &opt, &out);
		if (st == SYNTH_OK)
			synth_output_free(ctx, &out);
		if (st == SYNTH_ERR_INTERNAL) {
			fprintf(stderr, "fuzz_compile: internal error: %s\n", synth_context_diag(ctx)->message);
			abort();
		}
	}
	synth_module_free(mod);
	synth_context_free(ctx);
	return 0;
}
