/* ninja_gen.h - build.ninja from a project's build steps (synth/project.h):
 * one rule per step kind, one build statement per step, a regenerate rule
 * (generator = 1) that reruns synth ninja when the project file changes,
 * and `all` / `default` naming the checked firmware image. */
#ifndef SYNTH_NINJA_GEN_H
#define SYNTH_NINJA_GEN_H

#include <stddef.h>

#include "synth/project.h"

/* How the generated file runs its tools and regenerates itself. Paths are
 * as the build folder sees them. */
typedef struct NinjaGenOptions {
	const char *project_file;        /* the project file (regenerate input) */
	const char *output;              /* the generated file's own path ("build.ninja") */
	const char *synth;               /* command that runs synth */
	const char *cc;                  /* the cross compiler */
	size_t nregen_args;              /* options synth ninja was given, for regenerating */
	const char *const *regen_args;
	size_t nregen_deps;              /* further files the generated file depends on */
	const char *const *regen_deps;
} NinjaGenOptions;

/* Writes build.ninja for steps into *text (len bytes, allocated through
 * fn/ud, NULL fn for realloc; free with ninja_gen_text_free). On failure
 * returns false with the reason in err (errcap bytes). */
bool ninja_gen_write(const SynthProjectSteps *steps, const NinjaGenOptions *opt, SynthReallocFn fn, void *ud,
                     char **text, size_t *len, char *err, size_t errcap);
/* Frees text from ninja_gen_write (same fn/ud). */
void ninja_gen_text_free(SynthReallocFn fn, void *ud, char *text, size_t len);

#endif
