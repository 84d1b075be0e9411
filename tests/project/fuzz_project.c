/* fuzz_project.c - libFuzzer target for the project-file reader: every
 * input is loaded as a project file; one that loads must save, load again
 * and save to the same bytes (the canonical form is a fixed point), and
 * its build steps and build.ninja must be generated without error unless
 * the board's core is unknown. Built with -fsanitize=fuzzer when
 * SYNTH_FUZZ is on; otherwise linked with tests/fuzz/replay.c and run over
 * the test data in every build. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ninja_gen.h"
#include "synth/project.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	SynthContext *ctx = synth_context_new(NULL, NULL);
	if (!ctx)
		return 0;
	SynthProject *p = NULL, *q = NULL;
	SynthProjectSteps *s = NULL;
	SynthPlanError err;
	char *t1 = NULL, *t2 = NULL, *nin = NULL;
	size_t ninlen = 0;
	if (synth_project_load_json(ctx, (const char *)data, size, "fuzz.json", &p, &err) != SYNTH_OK)
		goto done;
	if (synth_project_save(ctx, p, &t1, &err) != SYNTH_OK)
		abort();
	if (synth_project_load_json(ctx, t1, strlen(t1), "saved.json", &q, &err) != SYNTH_OK)
		abort(); /* what save writes must load */
	if (synth_project_save(ctx, q, &t2, &err) != SYNTH_OK || strcmp(t1, t2) != 0)
		abort(); /* and save to the same bytes */
	SynthProjectEnv env = {.project_file = "p.json", .source_dir = "src", .runtime_dir = "rt",
	                       .board_cflags = "-mthumb"};
	if (synth_project_steps(ctx, p, &env, &s, &err) != SYNTH_OK) {
		if (strstr(err.path, "target_cpu") == NULL)
			abort(); /* a loaded project has steps unless its core is unknown */
		goto done;
	}
	NinjaGenOptions opt = {.project_file = "p.json", .output = "build.ninja", .synth = "synth", .cc = "cc"};
	char why[512];
	if (!ninja_gen_write(s, &opt, NULL, NULL, &nin, &ninlen, why, sizeof why)) {
		/* two sources naming the same object are refused, nothing else */
		if (strstr(why, "duplicate build output") == NULL)
			abort();
	}
done:
	ninja_gen_text_free(NULL, NULL, nin, ninlen);
	synth_project_steps_free(ctx, s);
	synth_project_text_free(ctx, t1);
	synth_project_text_free(ctx, t2);
	synth_project_free(q);
	synth_project_free(p);
	synth_context_free(ctx);
	return 0;
}
