/* fuzz_layout_check.c - libFuzzer target for what `synth layout check`
 * reads from a linked image (synth_layout_check_elf: elf_read.c's reader,
 * the symbol lookups, the synth_mpu_tables read and decode). Every input is
 * checked against three layouts, one per protection unit (PMSAv7, PMSAv8,
 * PMP; tests/plan/layout_image.c), made once. Built with -fsanitize=fuzzer
 * when SYNTH_FUZZ is on, seeded with good and flawed images (test_plan
 * seeds DIR); otherwise linked with replay.c so the regression inputs run
 * in every build (ASan/UBSan included). */
#include <stdint.h>
#include <stdlib.h>

#include "layout_image.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* Made once and kept (reachable, so not a leak): planning is slow
	 * next to one check. */
	static SynthContext *ctx;
	static SynthPlan *plans[LAYOUT_IMAGE_NPLANS];
	if (!ctx) {
		ctx = synth_context_new(NULL, NULL);
		for (int k = 0; ctx && k < LAYOUT_IMAGE_NPLANS; k++)
			plans[k] = layout_image_plan(ctx, k);
	}
	for (int k = 0; k < LAYOUT_IMAGE_NPLANS; k++) {
		if (!plans[k])
			abort(); /* a target that checks nothing must not pass */
		SynthPlanError err;
		synth_layout_check_elf(plans[k], data, size, "fuzz", &err);
	}
	return 0;
}
