/* spec_compile.c - compiles every module of converted spec scripts for
 * every target and bounds mode, with no board: the compiler's back end on
 * real inputs, meant for the sanitizer build (no QEMU needed).
 *
 * Usage: spec-compile [--multi-memory] [--min-modules N] [--max-refused N] JSON...
 *
 * Each JSON is a wast2json command script (spec_json.h). Every module of a
 * `module`, `assert_uninstantiable`, `assert_unlinkable`, `assert_trap`
 * (module form) or `assert_exhaustion` command that loads (the library's
 * default features; multi-memory only with --multi-memory) is compiled
 * for each of the six cores and the three bounds modes, with a header, IR,
 * machine IR and listing. A compile must succeed, or be refused with
 * SYNTH_ERR_UNSUPPORTED (a feature outside the supported set); any other
 * status (an internal error, out of memory) is printed as
 * `FILE:LINE: TARGET BOUNDS: STATUS: MESSAGE` and fails the run. A module
 * that does not load is not this tool's business (spec-validate checks
 * loading) and is not counted.
 *
 * Prints `modules M compiled C refused R failed F` (C, R and F count
 * module x target x bounds compiles). Exit status: 0 no failure, at least
 * N modules (--min-modules) loaded and compiled, and at most N compiles
 * refused (--max-refused: without a ceiling, a compiler that refused every
 * module would pass); 1 otherwise or a script could not be read; 2 usage
 * error. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "spec_json.h"
#include "synth/synth.h"

static const SynthTarget targets[] = {SYNTH_TARGET_CORTEX_M3,  SYNTH_TARGET_CORTEX_M4,
                                      SYNTH_TARGET_CORTEX_M4F, SYNTH_TARGET_CORTEX_M7,
                                      SYNTH_TARGET_CORTEX_M7DP, SYNTH_TARGET_CORTEX_M33};
static const SynthBounds bounds[] = {SYNTH_BOUNDS_TRAP, SYNTH_BOUNDS_MASK, SYNTH_BOUNDS_NONE};
static const char *const bounds_names[] = {"trap", "mask", "none"};

typedef struct Counts {
	unsigned long modules, compiled, refused, failed;
} Counts;

static void compile_all(SynthContext *ctx, const SynthModule *mod, const char *file, int line, Counts *n)
{
	n->modules++;
	for (size_t t = 0; t < sizeof targets / sizeof targets[0]; t++)
		for (size_t b = 0; b < sizeof bounds / sizeof bounds[0]; b++) {
			SynthCompileOptions opt = {.target = targets[t], .bounds = bounds[b], .name = "m",
			                           .want_header = true, .want_ir = true, .want_mir = true,
			                           .want_asm = true};
			SynthOutput out;
			SynthStatus st = synth_compile(ctx, mod, &opt, &out);
			if (st == SYNTH_OK) {
				n->compiled++;
				synth_output_free(ctx, &out);
			} else if (st == SYNTH_ERR_UNSUPPORTED) {
				n->refused++;
			} else {
				n->failed++;
				printf("%s:%d: %s %s: %s: %s\n", file, line, synth_target_name(targets[t]), bounds_names[b],
				       synth_status_name(st), synth_context_diag(ctx)->message);
			}
		}
}

static bool has_module(SpecCommandKind k)
{
	return k == SPEC_CMD_MODULE || k == SPEC_CMD_ASSERT_UNINSTANTIABLE || k == SPEC_CMD_ASSERT_UNLINKABLE;
}

int main(int argc, char **argv)
{
	SynthFeatures features = synth_features_default();
	features.multi_memory = false;
	unsigned long min_modules = 0;
	long max_refused = -1; /* no ceiling */
	int first = 1;
	for (; first < argc && argv[first][0] == '-'; first++) {
		if (!strcmp(argv[first], "--multi-memory")) {
			features.multi_memory = true;
		} else if (!strcmp(argv[first], "--min-modules") && first + 1 < argc) {
			min_modules = strtoul(argv[++first], NULL, 10);
		} else if (!strcmp(argv[first], "--max-refused") && first + 1 < argc) {
			max_refused = strtol(argv[++first], NULL, 10);
		} else {
			fputs("usage: spec-compile [--multi-memory] [--min-modules N] [--max-refused N] JSON...\n", stderr);
			return 2;
		}
	}
	if (first == argc) {
		fputs("usage: spec-compile [--multi-memory] [--min-modules N] [--max-refused N] JSON...\n", stderr);
		return 2;
	}
	SynthContext *ctx = synth_context_new(NULL, NULL);
	if (!ctx) {
		fputs("spec-compile: out of memory\n", stderr);
		return 1;
	}
	Counts n = {0};
	int status = 0;
	for (int a = first; a < argc; a++) {
		char err[256];
		SpecScript *s = spec_script_load(argv[a], err, sizeof err);
		if (!s) {
			fprintf(stderr, "spec-compile: %s: %s\n", argv[a], err);
			status = 1;
			continue;
		}
		const char *file = spec_script_source_base(s);
		for (size_t i = 0; i < spec_script_count(s); i++) {
			const SpecCommand *c = spec_script_command(s, i);
			if (!has_module(c->kind) || !c->filename)
				continue;
			char *path = spec_script_path(s, c->filename);
			uint8_t *bytes = NULL;
			size_t size = 0;
			if (!path || spec_read_file(path, &bytes, &size) != 0) {
				fprintf(stderr, "spec-compile: %s: cannot read %s\n", argv[a], c->filename);
				status = 1;
			} else {
				SynthModule *mod = NULL;
				if (synth_module_load(ctx, bytes, size, &features, &mod) == SYNTH_OK)
					compile_all(ctx, mod, file, c->line, &n);
				synth_module_free(mod);
			}
			free(path);
			free(bytes);
		}
		spec_script_free(s);
	}
	synth_context_free(ctx);
	printf("modules %lu compiled %lu refused %lu failed %lu\n", n.modules, n.compiled, n.refused, n.failed);
	if (n.failed)
		status = 1;
	if (n.modules < min_modules) {
		printf("FAIL: %lu modules compiled, fewer than the %lu expected\n", n.modules, min_modules);
		status = 1;
	}
	if (max_refused >= 0 && n.refused > (unsigned long)max_refused) {
		printf("FAIL: %lu compiles refused, above the ceiling of %ld\n", n.refused, max_refused);
		status = 1;
	} else if (max_refused >= 0 && n.refused < (unsigned long)max_refused) {
		printf("HINT: %lu compiles refused, below the ceiling of %ld: lower it\n", n.refused, max_refused);
	}
	return status;
}
