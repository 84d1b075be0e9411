/* project_env.c - where a project build runs, as its build folder sees it:
 * shared by `synth ninja` and `synth project steps --build-dir/--format
 * cmake`, so both hand the library (synth_project_steps) the same paths and
 * flags, and a CMake build runs the commands a Ninja build runs.
 *
 * The build runs in the build folder, so the project's folder, the project
 * file and a runtime given as a relative path are rewritten relative to it
 * (through realpath, so "..", symlinks and the current folder do not
 * matter); an absolute path stays absolute, and the runtime found next to
 * this program is absolute. The board's CPU flags are the first line of
 * RUNTIME/BOARD/synth-rt-BOARD.cflags. */
#define _XOPEN_SOURCE 700 /* realpath */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

int cli_make_dirs(const char *path)
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

void cli_dir_of(const char *path, char *out, size_t cap)
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

int cli_rebase(const char *path, const char *bdir, char *out, size_t cap)
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

int cli_project_env(CliProjectEnv *e, const char *file, const char *board, const char *build_dir,
                    const char *runtime)
{
	char pdir_in[PATH_MAX], pdir[PATH_MAX];
	memset(e, 0, sizeof *e);

	/* The build folder, and the project as it sees it. */
	if (cli_make_dirs(build_dir) != 0 || !realpath(build_dir, e->bdir)) {
		fprintf(stderr, "%s: error: cannot create the build folder: %s\n", build_dir, strerror(errno));
		return -1;
	}
	cli_dir_of(file, pdir_in, sizeof pdir_in);
	if (!realpath(pdir_in, pdir)) {
		fprintf(stderr, "%s: error: %s\n", pdir_in, strerror(errno));
		return -1;
	}
	rel_path(pdir, e->bdir, e->src_rel, sizeof e->src_rel);
	const char *base = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
	if (!strcmp(e->src_rel, "."))
		snprintf(e->proj_rel, sizeof e->proj_rel, "%s", base);
	else
		snprintf(e->proj_rel, sizeof e->proj_rel, "%s/%s", e->src_rel, base);

	/* The runtime, and the board's CPU flags from it. */
	if (runtime) {
		snprintf(e->rt_in, sizeof e->rt_in, "%s", runtime);
		if (cli_rebase(runtime, e->bdir, e->rt_bd, sizeof e->rt_bd) != 0)
			return -1;
	} else {
		if (!cli_find_runtime(e->rt_in, sizeof e->rt_in)) {
			fprintf(stderr, "synth: error: the Synth runtime was not found (use --runtime DIR)\n");
			return -1;
		}
		char abs[PATH_MAX];
		snprintf(e->rt_bd, sizeof e->rt_bd, "%s", realpath(e->rt_in, abs) ? abs : e->rt_in);
	}
	snprintf(e->cflags_path, sizeof e->cflags_path, "%s/%s/synth-rt-%s.cflags", e->rt_in, board, board);
	snprintf(e->cflags_dep, sizeof e->cflags_dep, "%s/%s/synth-rt-%s.cflags", e->rt_bd, board, board);
	FILE *cf = fopen(e->cflags_path, "r");
	if (!cf || !fgets(e->cflags, sizeof e->cflags, cf)) {
		fprintf(stderr, "%s: error: cannot read the board's compiler flags (is \"%s\" a board of this runtime?)\n",
		        e->cflags_path, board);
		if (cf)
			fclose(cf);
		return -1;
	}
	fclose(cf);
	e->cflags[strcspn(e->cflags, "\r\n")] = 0;

	e->env.project_file = e->proj_rel;
	e->env.source_dir = e->src_rel;
	e->env.runtime_dir = e->rt_bd;
	e->env.board_cflags = e->cflags;
	return 0;
}
