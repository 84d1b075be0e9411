/* fuzz_layout.c - libFuzzer target for the planner's loaders of untrusted
 * JSON: layout files, target descriptions and request/plan-input files. The
 * first byte picks the loader; a loaded layout is also run through the
 * register check and every export, which must never crash. */
#include <string.h>

#include "synth/plan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	const char *text = (const char *)data + 1;
	size_t len = size - 1;
	SynthPlanError err;
	SynthContext *ctx = synth_context_new(NULL, NULL);
	if (!ctx)
		return 0;
	switch (data[0] % 3) {
	case 0: {
		SynthPlan *p = NULL;
		if (synth_layout_load_json(ctx, text, len, "fuzz", &p, &err) == SYNTH_OK) {
			char *out = NULL;
			if (synth_layout_check_regs(p, &err) == SYNTH_OK) {
				synth_export_ld(ctx, p, &out, &err);
				synth_plan_text_free(ctx, out);
				synth_export_c(ctx, p, "l.h", &out, &err);
				synth_plan_text_free(ctx, out);
				synth_export_map(ctx, p, &out, &err);
				synth_plan_text_free(ctx, out);
			}
			synth_layout_write(ctx, p, &out, &err);
			synth_plan_text_free(ctx, out);
			synth_plan_free(p);
		}
		break;
	}
	case 1: {
		SynthPlanTarget *t = NULL;
		synth_plan_target_load_json(ctx, text, len, "fuzz", &t, &err);
		synth_plan_target_free(t);
		break;
	}
	case 2: {
		SynthPlanInput *in = synth_plan_input_new(ctx);
		if (in && synth_plan_input_add_json(in, text, len, "fuzz", &err) == SYNTH_OK)
			synth_plan_input_finish(in, &err);
		synth_plan_input_free(in);
		break;
	}
	}
	synth_context_free(ctx);
	return 0;
}
