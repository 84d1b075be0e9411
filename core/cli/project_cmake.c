/* project_cmake.c - `synth project steps --format cmake`: a project's build
 * steps as a CMake script, which synth_add_project() (cmake-modules/
 * SynthProject.cmake) runs at configure time and includes, so the CMake
 * build runs the steps of the library (synth_project_steps()) instead of
 * reading the project file itself.
 *
 * The script is a comment line, one _synth_project() call, then one
 * _synth_project_step() call per step, in build order:
 *
 *   _synth_project(NAME [=[hello]=] BOARD [=[mps2-an386]=] IMAGE [=[hello.elf]=]
 *     CONFIGURE_DEPENDS [=[../src/project.json]=] [=[/rt/mps2-an386/synth-rt-mps2-an386.cflags]=])
 *   _synth_project_step(KIND compile NAME [=[compile hello]=] TOOL synth
 *     ARGS [=[compile]=] [=[--target]=] ...
 *     INPUTS [=[../src/hello.wasm]=]
 *     IMPLICIT ...  ORDER ...  OUTPUTS [=[modules/hello.o]=] ...
 *     DEPFILE [=[modules/hello.d]=] RESTAT STAMP)
 *
 * KIND is a step kind name (synth_step_kind_name), TOOL "synth" or "cc" (the
 * cross compiler); a list keyword is left out when its list is empty, DEPFILE
 * when the step writes none, RESTAT and STAMP when false (SynthStep in
 * synth/project.h says what each means). CONFIGURE_DEPENDS are the files the
 * steps were made from: when one changes, the steps must be made again.
 * Every path is as the build folder sees it (relative to it unless
 * absolute). Every string is a CMake bracket argument of level 1, taken
 * literally by CMake (no variable references, escapes or list splitting); a
 * string that would end the bracket early (holding "]=]", or ending in
 * "]=") or holding a line break is refused, and nothing is written. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

/* Whether s can be written as a level-1 bracket argument. */
static bool bracket_ok(const char *s)
{
	size_t n = strlen(s);
	return !strstr(s, "]=]") && !(n >= 2 && s[n - 2] == ']' && s[n - 1] == '=') && !strpbrk(s, "\r\n");
}

/* Checks a list of strings; the first bad one in *bad. */
static bool list_ok(const char *const *v, uint32_t n, const char **bad)
{
	for (uint32_t i = 0; i < n; i++)
		if (!bracket_ok(v[i])) {
			*bad = v[i];
			return false;
		}
	return true;
}

static void put_list(FILE *f, const char *kw, const char *const *v, uint32_t n)
{
	if (!n)
		return;
	fprintf(f, "\n  %s", kw);
	for (uint32_t i = 0; i < n; i++)
		fprintf(f, " [=[%s]=]", v[i]);
}

int cli_steps_cmake(FILE *f, const char *name, const char *board, const SynthProjectSteps *s,
                    const char *const *deps, uint32_t ndeps, const char **bad)
{
	const char *one[3] = {name, board, s->image};
	*bad = NULL;
	if (!list_ok(one, 3, bad) || !list_ok(deps, ndeps, bad))
		return -1;
	for (uint32_t i = 0; i < s->nsteps; i++) {
		const SynthStep *st = &s->steps[i];
		const char *dep = st->depfile ? st->depfile : "";
		if (!list_ok(&st->name, 1, bad) || !list_ok(st->args, st->nargs, bad) ||
		    !list_ok(st->inputs, st->ninputs, bad) || !list_ok(st->implicit, st->nimplicit, bad) ||
		    !list_ok(st->order, st->norder, bad) || !list_ok(st->outputs, st->noutputs, bad) ||
		    !list_ok(&dep, 1, bad))
			return -1;
	}
	fprintf(f, "# The build steps of project %s (synth project steps --format cmake).\n", name);
	fprintf(f, "_synth_project(NAME [=[%s]=] BOARD [=[%s]=] IMAGE [=[%s]=]", name, board, s->image);
	put_list(f, "CONFIGURE_DEPENDS", deps, ndeps);
	fprintf(f, ")\n");
	for (uint32_t i = 0; i < s->nsteps; i++) {
		const SynthStep *st = &s->steps[i];
		fprintf(f, "_synth_project_step(KIND %s NAME [=[%s]=] TOOL %s", synth_step_kind_name(st->kind), st->name,
		        st->tool == SYNTH_TOOL_SYNTH ? "synth" : "cc");
		put_list(f, "ARGS", st->args, st->nargs);
		put_list(f, "INPUTS", st->inputs, st->ninputs);
		put_list(f, "IMPLICIT", st->implicit, st->nimplicit);
		put_list(f, "ORDER", st->order, st->norder);
		put_list(f, "OUTPUTS", st->outputs, st->noutputs);
		if (st->depfile)
			fprintf(f, "\n  DEPFILE [=[%s]=]", st->depfile);
		if (st->restat || st->stamp)
			fprintf(f, "\n ");
		if (st->restat)
			fprintf(f, " RESTAT");
		if (st->stamp)
			fprintf(f, " STAMP");
		fprintf(f, ")\n");
	}
	return ferror(f) ? -1 : 0;
}
