/* ninja.c - `synth ninja PROJECT.json -o build.ninja`: loads the project,
 * turns it into build steps (libsynth, synth/project.h) as seen from the
 * folder of build.ninja, and writes them with the generator in ninja-gen/.
 *
 * Paths: the build runs in the folder holding build.ninja, so the project's
 * folder, the runtime and a synth given as a relative path are rewritten
 * relative to it (through realpath, so "..", symlinks and the current folder
 * do not matter); the file holds an absolute path only where one was given,
 * or for the runtime and synth found next to this program. */
#define _XOPEN_SOURCE 700 /* realpath */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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

/* mkdir -p. */
static int make_dirs(const char *path)
{
	char tmp[PATH_MAX];
	snprintf(tmp, sizeof tmp, "%s", path);
	for (char *p = tmp + 1; *p; p++) {
		if (*p == '/') {
			*p = 0;
			if (mkdir(tmp, 0777) != 0 && errno != EEXIST)
				return -1;
			*p = '/';
		}
	}
	return mkdir(tmp, 0777) != 0 && errno != EEXIST ? -1 : 0;
}

/* The folder part of path ("." when it has none). */
static void dir_of(const char *path, char *out, size_t cap)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		snprintf(out, cap, ".");
	else if (slash == path)
		snprintf(out, cap, "/");
	else
		snprintf(out, cap, "%.*s", (int)(slash - path), path);
}

/* The path of absolute to, relative to absolute from ("." when equal). */
static void rel_path(const char *to, const char *from, char *out, size_t cap)
{
	size_t i = 0, common = 0;
	while (to[i] && to[i] == from[i]) {
		if (to[i] == '/')
			common = i;
		i++;
	}
	if (!to[i] && (!from[i] || from[i] == '/'))
		common = i;
	else if (!from[i] && to[i] == '/')
		common = i;
	size_t k = 0;
	out[0] = 0;
	for (const char *p = from + common; *p; p++)
		if (*p == '/' && k + 4 < cap)
			k += (size_t)snprintf(out + k, cap - k, "%s..", k ? "/" : "");
	const char *rest = to + common;
	while (*rest == '/')
		rest++;
	if (*rest)
		snprintf(out + k, cap - k, "%s%s", k ? "/" : "", rest);
	if (!out[0])
		snprintf(out, cap, ".");
}

/* Rewrites path (relative to the current folder) as the build folder
 * (absolute bdir) sees it; an absolute path stays as it is. */
static int rebase(const char *path, const char *bdir, char *out, size_t cap)
{
	if (path[0] == '/') {
		snprintf(out, cap, "%s", path);
		return 0;
	}
	char abs[PATH_MAX];
	if (!realpath(path, abs)) {
		fprintf(stderr, "%s: error: %s\n", path, strerror(errno));
		return -1;
	}
	rel_path(abs, bdir, out, cap);
	return 0;
}

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
	static char bdir_in[PATH_MAX], bdir[PATH_MAX], pdir_in[PATH_MAX], pdir[PATH_MAX], src_rel[PATH_MAX],
	            proj_rel[PATH_MAX + 256], rt_in[PATH_MAX], rt_bd[PATH_MAX], synth_bd[PATH_MAX],
	            cflags_path[PATH_MAX + 512], cflags_dep[PATH_MAX + 512], cflags[1024];
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

	/* The build folder, and the project as it sees it. */
	dir_of(out, bdir_in, sizeof bdir_in);
	if (make_dirs(bdir_in) != 0 || !realpath(bdir_in, bdir)) {
		fprintf(stderr, "%s: error: cannot create the build folder: %s\n", bdir_in, strerror(errno));
		goto done;
	}
	dir_of(file, pdir_in, sizeof pdir_in);
	if (!realpath(pdir_in, pdir)) {
		fprintf(stderr, "%s: error: %s\n", pdir_in, strerror(errno));
		goto done;
	}
	rel_path(pdir, bdir, src_rel, sizeof src_rel);
	const char *base = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
	if (!strcmp(src_rel, "."))
		snprintf(proj_rel, sizeof proj_rel, "%s", base);
	else
		snprintf(proj_rel, sizeof proj_rel, "%s/%s", src_rel, base);
	const char *obase = strrchr(out, '/') ? strrchr(out, '/') + 1 : out;

	/* The runtime, and the board's CPU flags from it. */
	if (runtime) {
		snprintf(rt_in, sizeof rt_in, "%s", runtime);
		if (rebase(runtime, bdir, rt_bd, sizeof rt_bd) != 0)
			goto done;
	} else {
		if (!cli_find_runtime(rt_in, sizeof rt_in)) {
			fprintf(stderr, "synth ninja: error: the Synth runtime was not found (use --runtime DIR)\n");
			goto done;
		}
		char abs[PATH_MAX];
		snprintf(rt_bd, sizeof rt_bd, "%s", realpath(rt_in, abs) ? abs : rt_in);
	}
	snprintf(cflags_path, sizeof cflags_path, "%s/%s/synth-rt-%s.cflags", rt_in, d->opt.board, d->opt.board);
	snprintf(cflags_dep, sizeof cflags_dep, "%s/%s/synth-rt-%s.cflags", rt_bd, d->opt.board, d->opt.board);
	FILE *cf = fopen(cflags_path, "r");
	if (!cf || !fgets(cflags, sizeof cflags, cf)) {
		fprintf(stderr, "%s: error: cannot read the board's compiler flags (is \"%s\" a board of this runtime?)\n",
		        cflags_path, d->opt.board);
		if (cf)
			fclose(cf);
		goto done;
	}
	fclose(cf);
	cflags[strcspn(cflags, "\r\n")] = 0;

	/* synth: as given (a bare name stays a PATH lookup), else this program. */
	if (synth && strchr(synth, '/')) {
		if (rebase(synth, bdir, synth_bd, sizeof synth_bd) != 0)
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

	SynthProjectEnv env = {.project_file = proj_rel, .source_dir = src_rel, .runtime_dir = rt_bd,
	                       .board_cflags = cflags};
	if (synth_project_steps(ctx, p, &env, &steps, &err)) {
		fprintf(stderr, "%s: %s%serror: %s\n", file, err.path, err.path[0] ? ": " : "", err.message);
		goto done;
	}
	const char *regen_args[] = {"--synth", synth_bd, "--cc", cc, "--runtime", rt_bd};
	const char *regen_deps[] = {cflags_dep};
	NinjaGenOptions opt = {.project_file = proj_rel, .output = obase, .synth = synth_bd, .cc = cc,
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
