/* ninja.c - `synth ninja PROJECT.json -o build.ninja`: loads the project,
 * turns it into build steps (libsynth, synth/project.h) as seen from the
 * folder of build.ninja, and writes them with the generator in ninja-gen/.
 *
 * Paths: the build runs in the folder holding build.ninja; the project's
 * folder, the runtime and the board's flags as that folder sees them come
 * from cli_project_env() (project_env.c, shared with `synth project steps
 * --format cmake`), and a synth given as a relative path is rewritten
 * relative to it; the file holds an absolute path only where one was given,
 * or for the runtime and synth found next to this program. */
#define _XOPEN_SOURCE 700 /* readlink */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ninja_gen.h" /* ninja-gen/ */
#include "cli.h"
#include "synth/project.h"

static const char ninja_usage[] =
	"usage: synth ninja PROJECT.json [-o build.ninja] [--synth CMD] [--cc CC] [--runtime DIR]\n"
	"\n"
	"Writes a Ninja build file for a project: compile every module, merge the\n"
	"memory requests, plan (or check the committed layout), export the layout,\n"
	"cross-compile the firmware's sources, link with the MCU runtime and check\n"
	"the image against the layout. Run it with `ninja -C DIR` where DIR holds\n"
	"the file; it regenerates itself when the project file changes.\n"
	"\n"
	"options:\n"
	"  -o FILE        the file to write (default build.ninja); its folder is the\n"
	"                 build folder, created when missing\n"
	"  --synth CMD    the synth the build runs (default: this program)\n"
	"  --cc CC        the cross compiler (default $SYNTH_CROSS_CC or arm-none-eabi-gcc)\n"
	"  --runtime DIR  the MCU runtime (default: the one next to this program)\n";

int cli_ninja(int argc, char **argv)
{
	const char *file = NULL, *out = "build.ninja", *synth = NULL, *cc = NULL, *runtime = NULL;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(ninja_usage, stdout);
			return 0;
		} else if (!strcmp(a, "-o") && v) {
			out = v, i++;
		} else if (!strcmp(a, "--synth") && v) {
			synth = v, i++;
		} else if (!strcmp(a, "--cc") && v) {
			cc = v, i++;
		} else if (!strcmp(a, "--runtime") && v) {
			runtime = v, i++;
		} else if (a[0] == '-' || file) {
			fprintf(stderr, "synth ninja: error: unexpected \"%s\"\n%s", a, ninja_usage);
			return 2;
		} else {
			file = a;
		}
	}
	if (!file) {
		fputs(ninja_usage, stderr);
		return 2;
	}
	if (!cc)
		cc = getenv("SYNTH_CROSS_CC") ? getenv("SYNTH_CROSS_CC") : "arm-none-eabi-gcc";

	int status = 1;
	SynthContext *ctx = synth_context_new(NULL, NULL);
	SynthProject *p = NULL;
	SynthProjectSteps *steps = NULL;
	SynthPlanError err;
	char *text = NULL;
	size_t len = 0;
	static CliProjectEnv pe;
	static char synth_bd[PATH_MAX];
	if (!ctx) {
		fprintf(stderr, "synth ninja: error: out of memory\n");
		return 1;
	}
	if (synth_project_load_file(ctx, file, &p, &err)) {
		fprintf(stderr, "%s: ", err.file[0] ? err.file : file);
		if (err.path[0])
			fprintf(stderr, "%s: ", err.path);
		fprintf(stderr, "error: %s\n", err.message);
		goto done;
	}
	const SynthProjectDesc *d = synth_project_desc(p);

	/* The build folder, the project, the runtime and the board's flags. */
	char bdir_in[PATH_MAX];
	cli_dir_of(out, bdir_in, sizeof bdir_in);
	if (cli_project_env(&pe, file, d->opt.board, bdir_in, runtime) != 0)
		goto done;
	const char *obase = strrchr(out, '/') ? strrchr(out, '/') + 1 : out;

	/* synth: as given (a bare name stays a PATH lookup), else this program. */
	if (synth && strchr(synth, '/')) {
		if (cli_rebase(synth, pe.bdir, synth_bd, sizeof synth_bd) != 0)
			goto done;
	} else if (synth) {
		snprintf(synth_bd, sizeof synth_bd, "%s", synth);
	} else {
		ssize_t k = readlink("/proc/self/exe", synth_bd, sizeof synth_bd - 1);
		if (k <= 0) {
			fprintf(stderr, "synth ninja: error: cannot find this program (use --synth CMD)\n");
			goto done;
		}
		synth_bd[k] = 0;
	}

	if (synth_project_steps(ctx, p, &pe.env, &steps, &err)) {
		fprintf(stderr, "%s: %s%serror: %s\n", file, err.path, err.path[0] ? ": " : "", err.message);
		goto done;
	}
	const char *regen_args[] = {"--synth", synth_bd, "--cc", cc, "--runtime", pe.rt_bd};
	const char *regen_deps[] = {pe.cflags_dep};
	NinjaGenOptions opt = {.project_file = pe.proj_rel, .output = obase, .synth = synth_bd, .cc = cc,
	                       .nregen_args = 6, .regen_args = regen_args, .nregen_deps = 1, .regen_deps = regen_deps};
	char why[512];
	if (!ninja_gen_write(steps, &opt, NULL, NULL, &text, &len, why, sizeof why)) {
		fprintf(stderr, "%s: error: %s\n", file, why);
		goto done;
	}
	/* Always written, even unchanged: ninja checks that regenerating the
	 * manifest made it newer than its inputs. */
	if (cli_write_file(out, text, len) != 0)
		goto done;
	status = 0;
done:
	ninja_gen_text_free(NULL, NULL, text, len);
	if (steps)
		synth_project_steps_free(ctx, steps);
	synth_project_free(p);
	synth_context_free(ctx);
	return status;
}
