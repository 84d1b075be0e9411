/* project.c - `synth project`: commands on a project file (format in
 * core/src/project/load.c), around the project model in libsynth
 * (synth/project.h):
 *   synth project check PROJECT.json        load and check it
 *   synth project save PROJECT.json [-o F]  write it in canonical form
 *   synth project steps PROJECT.json [--runtime DIR] [--build-dir DIR] [--format text|cmake]
 *                                           list its build steps: as text, or as
 *                                           a CMake script (project_cmake.c)
 *   synth project requests PROJECT.json -o OUT REQUESTS.json...
 *                                           the build's requests step
 *   synth project plan PROJECT.json [-o F]  plan it (its model) and write the layout
 *   synth project pin PROJECT.json MEMORY ADDRESS|none [-o F]
 *                                           pin a memory to an address (or unpin)
 *   synth project regions PROJECT.json [MEMORY] N|none [-o F]
 *                                           cap a memory's regions (or the default)
 * Errors print as "FILE: JSON-PATH: error: message"; exit status 0
 * success, 1 failure of the input, 2 usage error. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "synth/project.h"

static const char project_usage[] =
	"usage: synth project check PROJECT.json\n"
	"       synth project save PROJECT.json [-o OUT.json]\n"
	"       synth project steps PROJECT.json [--runtime DIR] [--build-dir DIR] [--format text|cmake]\n"
	"       synth project requests PROJECT.json -o OUT.json REQUESTS.json...\n"
	"       synth project plan PROJECT.json [-o LAYOUT.json]\n"
	"       synth project pin PROJECT.json MEMORY ADDRESS|none [-o OUT.json]\n"
	"       synth project regions PROJECT.json [MEMORY] N|none [-o OUT.json]\n"
	"check: loads the project file and checks it.\n"
	"save: writes it in canonical form (sorted keys), to stdout without -o.\n"
	"steps: lists the build steps (what synth ninja writes as build.ninja).\n"
	"  --format cmake prints them as a CMake script (synth_add_project() runs it).\n"
	"  With --build-dir (default: the current folder for cmake) every path is as\n"
	"  that folder sees it and the board's CPU flags come from the runtime, as\n"
	"  synth ninja does it; --runtime then defaults to the one next to synth.\n"
	"  Without either, paths are as given and the runtime is \"runtime\".\n"
	"requests: merges the modules' memory requests and applies the project's\n"
	"  pins; OUT is rewritten only when its content changes.\n"
	"plan: plans the project's modules (its pins and domains) for its target\n"
	"  with its model and writes the layout (to stdout without -o), as the\n"
	"  planner GUI accepts it; an infeasible plan prints why and exits 1.\n"
	"pin: pins MEMORY (\"module.memidx\") to ADDRESS (0x20010000, 131072, 128K:\n"
	"  hex, decimal or a K/M/G suffix), keeping its bank pin; \"none\" removes the\n"
	"  address pin. Writes the project in canonical form (stdout without -o).\n"
	"  Whether the target can honour it is for synth project plan to say.\n"
	"regions: model B covers MEMORY (\"module.memidx\"; without it: every memory\n"
	"  without a cap of its own) with at most N regions (PMP entries), 1 to 64;\n"
	"  \"none\" removes the cap (then: as many as its domains have spare). Writes\n"
	"  the project in canonical form (stdout without -o).\n";

static void print_error(const char *file, const SynthPlanError *e)
{
	const char *f = e->file[0] ? e->file : file;
	if (f && f[0])
		fprintf(stderr, "%s: ", f);
	if (e->path[0])
		fprintf(stderr, "%s: ", e->path);
	fprintf(stderr, "error: %s\n", e->message);
}

static void print_list(const char *label, const char *const *v, uint32_t n)
{
	if (!n)
		return;
	printf("  %s:", label);
	for (uint32_t i = 0; i < n; i++)
		printf(" %s", v[i]);
	printf("\n");
}

/* The folder of file, for the project's relative paths ("." when none). */
static char *dir_of(const char *file)
{
	const char *slash = strrchr(file, '/');
	size_t n = slash ? (size_t)(slash - file) : 1;
	char *d = malloc(n + 1);
	if (d) {
		memcpy(d, slash ? file : ".", n);
		d[n] = 0;
	}
	return d;
}

/* synth project plan: the project's model planned, its layout written. */
static int project_plan(SynthContext *ctx, SynthProject *p, const char *file, const char *out)
{
	int status = 1;
	SynthPlanError err;
	SynthPlanTarget *t = NULL;
	SynthPlanInput *in = NULL;
	SynthPlan *plan = NULL;
	char *text = NULL, *dir = dir_of(file);
	SynthPlanModel model = synth_project_desc(p)->opt.model;
	if (!dir) {
		fprintf(stderr, "synth project: error: out of memory\n");
		return 1;
	}
	if (synth_project_target(ctx, p, dir, &t, &err) || synth_project_plan_input(ctx, p, dir, &in, &err) ||
	    synth_plan_compute(ctx, t, in, model, &plan, &err)) {
		print_error(file, &err);
		goto done;
	}
	const SynthPlanDesc *d = synth_plan_desc(plan);
	if (!d->feasible) {
		fprintf(stderr, "%s: error: model %s is infeasible on target %s:\n", file, model == SYNTH_MODEL_A ? "A" : "B",
		        synth_plan_target_desc(t)->name);
		for (uint32_t i = 0; i < d->ndiags; i++)
			fprintf(stderr, "  %s: %s\n", synth_plan_diag_code_name(d->diags[i].code), d->diags[i].message);
		goto done;
	}
	if (synth_layout_write(ctx, plan, &text, &err)) {
		print_error(file, &err);
		goto done;
	}
	if (out ? cli_write_if_changed(out, text, strlen(text)) != 0 : fputs(text, stdout) == EOF)
		goto done;
	status = 0;
done:
	synth_plan_text_free(ctx, text);
	synth_plan_free(plan);
	synth_plan_input_free(in);
	synth_plan_target_free(t);
	free(dir);
	return status;
}

/* synth project pin: MEMORY's address pin set (or removed with "none"), the project written. */
static int project_pin(SynthContext *ctx, SynthProject *p, const char *file, const char *memory, const char *addr,
                       const char *out)
{
	SynthPlanError err;
	SynthProjectPin pin = {.memory = memory};
	const SynthProjectDesc *d = synth_project_desc(p);
	for (uint32_t i = 0; i < d->opt.npins; i++)
		if (!strcmp(d->opt.pins[i].memory, memory))
			pin = d->opt.pins[i];
	if (!strcmp(addr, "none")) {
		pin.has_address = false;
		pin.address = 0;
	} else if (synth_plan_parse_size(addr, &pin.address, &err)) {
		fprintf(stderr, "synth project: error: pin %s %s: %s\n", memory, addr, err.message);
		return 2;
	} else {
		pin.has_address = true;
	}
	char *text = NULL;
	if (synth_project_set_pin(p, &pin, &err) || synth_project_save(ctx, p, &text, &err)) {
		print_error(file, &err);
		return 1;
	}
	int r = out ? cli_write_file(out, text, strlen(text)) : fputs(text, stdout) == EOF;
	synth_project_text_free(ctx, text);
	return r != 0;
}

/* synth project regions: a memory's (or the default) region cap set or removed, the project written. */
static int project_regions(SynthContext *ctx, SynthProject *p, const char *file, const char *memory, const char *n,
                           const char *out)
{
	SynthPlanError err;
	char *end = NULL;
	unsigned long v = strcmp(n, "none") == 0 ? 0 : *n >= '1' && *n <= '9' ? strtoul(n, &end, 10) : 65;
	if ((end && *end) || v > 64) {
		fprintf(stderr, "synth project: error: regions %s: want a number of regions from 1 to 64, or none\n", n);
		return 2;
	}
	char *text = NULL;
	if (synth_project_set_max_regions(p, memory, (uint32_t)v, &err) || synth_project_save(ctx, p, &text, &err)) {
		print_error(file, &err);
		return 1;
	}
	int r = out ? cli_write_file(out, text, strlen(text)) : fputs(text, stdout) == EOF;
	synth_project_text_free(ctx, text);
	return r != 0;
}

int cli_project(int argc, char **argv)
{
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		fputs(project_usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	const char *cmd = argv[1], *file = NULL, *out = NULL, *runtime = NULL, *format = "text", *build_dir = NULL;
	const char **inputs = calloc((size_t)argc, sizeof *inputs);
	size_t ninputs = 0;
	int status = 1;
	SynthContext *ctx = NULL;
	SynthProject *p = NULL;
	SynthPlanError err;
	char *text = NULL;
	if (!inputs) {
		fprintf(stderr, "synth project: error: out of memory\n");
		return 1;
	}
	for (int i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "-o") && i + 1 < argc)
			out = argv[++i];
		else if (!strcmp(argv[i], "--runtime") && i + 1 < argc)
			runtime = argv[++i];
		else if (!strcmp(argv[i], "--build-dir") && i + 1 < argc)
			build_dir = argv[++i];
		else if (!strcmp(argv[i], "--format") && i + 1 < argc)
			format = argv[++i];
		else if (argv[i][0] == '-' && argv[i][1]) {
			fprintf(stderr, "synth project: error: unexpected \"%s\"\n%s", argv[i], project_usage);
			status = 2;
			goto done;
		} else if (!file)
			file = argv[i];
		else
			inputs[ninputs++] = argv[i];
	}
	bool known = !strcmp(cmd, "check") || !strcmp(cmd, "save") || !strcmp(cmd, "steps") ||
	             !strcmp(cmd, "requests") || !strcmp(cmd, "plan") || !strcmp(cmd, "pin") || !strcmp(cmd, "regions");
	bool cmake = !strcmp(format, "cmake");
	bool is_pin = !strcmp(cmd, "pin"), is_regions = !strcmp(cmd, "regions");
	if (!known || !file || (strcmp(cmd, "requests") == 0 && !(out && ninputs)) ||
	    (ninputs && strcmp(cmd, "requests") != 0 && !is_pin && !is_regions) || (is_pin && ninputs != 2) ||
	    (is_regions && ninputs != 1 && ninputs != 2) || (!cmake && strcmp(format, "text") != 0) ||
	    ((cmake || build_dir) && strcmp(cmd, "steps") != 0)) {
		fprintf(stderr, "synth project: error: bad arguments\n%s", project_usage);
		status = 2;
		goto done;
	}
	ctx = synth_context_new(NULL, NULL);
	if (!ctx) {
		fprintf(stderr, "synth project: error: out of memory\n");
		goto done;
	}
	if (synth_project_load_file(ctx, file, &p, &err)) {
		print_error(file, &err);
		goto done;
	}
	if (!strcmp(cmd, "check")) {
		status = 0;
	} else if (!strcmp(cmd, "save")) {
		if (synth_project_save(ctx, p, &text, &err)) {
			print_error(file, &err);
			goto done;
		}
		if (out ? cli_write_file(out, text, strlen(text)) != 0 : fputs(text, stdout) == EOF)
			goto done;
		status = 0;
	} else if (!strcmp(cmd, "steps")) {
		/* As given (the text format of old), or as a build folder sees it. */
		SynthProjectEnv env = {.project_file = file, .source_dir = "",
		                       .runtime_dir = runtime ? runtime : "runtime"};
		static CliProjectEnv pe;
		const char *board = synth_project_desc(p)->opt.board; /* a loaded project has one */
		if (cmake || build_dir) {
			if (cli_project_env(&pe, file, board, build_dir ? build_dir : ".", runtime) != 0)
				goto done;
			env = pe.env;
		}
		SynthProjectSteps *s = NULL;
		if (synth_project_steps(ctx, p, &env, &s, &err)) {
			print_error(file, &err);
			goto done;
		}
		if (cmake) {
			const char *name = synth_project_desc(p)->opt.name;
			const char *deps[] = {pe.proj_rel, pe.cflags_dep};
			const char *bad = NULL;
			int r = cli_steps_cmake(stdout, name ? name : "firmware", board, s, deps, 2, &bad);
			synth_project_steps_free(ctx, s);
			if (r != 0) {
				if (bad)
					fprintf(stderr, "%s: error: \"%s\" cannot be written as a CMake bracket argument "
					        "(it holds \"]=]\", ends in \"]=\" or holds a line break)\n", file, bad);
				goto done;
			}
			status = 0;
			goto done;
		}
		for (uint32_t i = 0; i < s->nsteps; i++) {
			const SynthStep *st = &s->steps[i];
			printf("%s (%s%s%s)\n  %s", st->name, synth_step_kind_name(st->kind), st->restat ? ", restat" : "",
			       st->stamp ? ", stamp" : "", st->tool == SYNTH_TOOL_SYNTH ? "synth" : "cc");
			for (uint32_t k = 0; k < st->nargs; k++)
				printf(" %s", st->args[k]);
			printf("\n");
			print_list("inputs", st->inputs, st->ninputs);
			print_list("implicit", st->implicit, st->nimplicit);
			print_list("order-only", st->order, st->norder);
			print_list("outputs", st->outputs, st->noutputs);
			if (st->depfile)
				printf("  depfile: %s\n", st->depfile);
		}
		synth_project_steps_free(ctx, s);
		status = 0;
	} else if (!strcmp(cmd, "plan")) {
		status = project_plan(ctx, p, file, out);
	} else if (is_pin) {
		status = project_pin(ctx, p, file, inputs[0], inputs[1], out);
	} else if (is_regions) {
		status = project_regions(ctx, p, file, ninputs == 2 ? inputs[0] : NULL, inputs[ninputs - 1], out);
	} else {
		if (synth_project_merge_requests(ctx, p, inputs, ninputs, &text, &err)) {
			print_error(file, &err);
			goto done;
		}
		if (cli_write_if_changed(out, text, strlen(text)) != 0)
			goto done;
		status = 0;
	}
done:
	if (ctx)
		synth_project_text_free(ctx, text);
	synth_project_free(p);
	synth_context_free(ctx);
	free(inputs);
	return status;
}
