/* plan.c - `synth plan` and `synth layout export|check|diff`: argument parsing
 * and printing around the planner in libsynth (synth/plan.h).
 * Errors print as "FILE: JSON-PATH: error: message"; exit status 0 success,
 * 1 failure of the input (infeasible plan, failed check), 2 usage error. */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "synth/plan.h"
#include "synth/synth.h"

static void print_error(const SynthPlanError *e)
{
	if (e->file[0])
		fprintf(stderr, "%s: ", e->file);
	if (e->path[0])
		fprintf(stderr, "%s: ", e->path);
	fprintf(stderr, "error: %s\n", e->message);
}

/* A check's violations, each printed as it is found. */
typedef struct Violations {
	const char *file; /* named when the check's own is "" */
	unsigned n;       /* printed so far */
} Violations;

static void print_violation(void *ud, const SynthPlanError *e)
{
	Violations *v = ud;
	SynthPlanError c = *e;
	if (!c.file[0])
		snprintf(c.file, sizeof c.file, "%s", v->file);
	print_error(&c);
	v->n++;
}

/* Parses the value of --cap with the library's one size parser; prints the
 * error as "CMD: error: --cap VALUE: why" and returns -1 when it is bad. */
static int parse_cap(const char *cmd, const char *value, uint64_t *out)
{
	SynthPlanError e;
	if (synth_plan_parse_cap(value, out, &e) == SYNTH_OK)
		return 0;
	fprintf(stderr, "%s: error: --cap %s: %s\n", cmd, value, e.message);
	return -1;
}

static const char plan_usage[] =
	"usage: synth plan --target NAME|FILE.json [options] INPUT...\n"
	"Plans MPU/PMP regions for the memories of INPUTs and prints model A (shared\n"
	"linear memory, carved) and model B (one region per memory) side by side.\n"
	"INPUT is a .wasm module, a request file or a plan-input file (with domains).\n"
	"  --target T          built-in target name or target description file\n"
	"  --model a|b|both    models to plan (default both)\n"
	"  --cap SIZE          reserve at most SIZE bytes (1 byte to 4 GiB; 123, 0x1000,\n"
	"                      64K, 4M) for a .wasm memory (default: what synth compile\n"
	"                      reserves: the maximum, else max(min, 1 MiB), within 16 MiB)\n"
	"  --domain NAME=M,... a protection domain; M is \"module\" (its memories and\n"
	"                      state), \"module.memidx\" (with its state, or in a fused\n"
	"                      module its component's), \"module.state\" or\n"
	"                      \"module.component.state\" (default: one domain per\n"
	"                      module, or per component and adapter of a fused one)\n"
	"  --max-regions [M.K=]N  model B covers memory M.K (without M.K=: every\n"
	"                      memory without a cap of its own) with at most N regions\n"
	"                      (PMP entries), 1 to 64; default: as many as its domains\n"
	"                      have spare. Overrides max_regions of the input files\n"
	"  --pin ITEM=ADDRESS  pin memory \"module.memidx\" or state \"module.state\"\n"
	"                      (\"module.component.state\") to ADDRESS (0x20010000,\n"
	"                      131072, 128K): both models put its base exactly there,\n"
	"                      or are infeasible saying why (not in a RAM bank,\n"
	"                      misaligned for the unit's regions, over a fixed or\n"
	"                      reserved range or another pin)\n"
	"  -o LAYOUT.json      write the layout of model b (or the one --model names)\n"
	"  --accept-exposure   accept, in the layout written, that a domain's regions\n"
	"                      grant bytes of other domains (a model A carving that is\n"
	"                      NOT enforced); without it synth layout check fails\n"
	"  --map               also print the map of each feasible plan\n"
	"  --time              print the planning time\n"
	"  --list-targets      list the built-in targets\n"
	"Exit status: 0 when every model planned is feasible (with -o: the one\n"
	"written), 1 otherwise (reasons on stderr), 2 on a usage error.\n";

static void row(const char *label, const char *a, const char *b)
{
	printf("  %-26s %-24s %s\n", label, a, b);
}

static void fmt_plan_cell(const SynthPlan *p, int what, char *out, size_t cap)
{
	if (!p) {
		snprintf(out, cap, "-");
		return;
	}
	const SynthPlanDesc *d = synth_plan_desc(p);
	switch (what) {
	case 0: snprintf(out, cap, "%s", d->feasible ? "yes" : "NO"); break;
	case 1: snprintf(out, cap, "%llu", (unsigned long long)d->requested); break;
	case 2: snprintf(out, cap, "%llu", (unsigned long long)d->reserve); break;
	case 3: snprintf(out, cap, "%llu", (unsigned long long)d->reserved); break;
	case 4:
		snprintf(out, cap, "%llu (%.1f%%)", (unsigned long long)d->rounding_waste,
		         d->reserved ? 100.0 * (double)d->rounding_waste / (double)d->reserved : 0.0);
		break;
	case 5: snprintf(out, cap, "%llu", (unsigned long long)d->padding_waste); break;
	case 6: snprintf(out, cap, "%llu", (unsigned long long)d->fixed_bytes); break;
	case 7: snprintf(out, cap, "%u of %u", d->max_used, d->target->nregions); break;
	case 8: snprintf(out, cap, "%s", d->enforced ? "yes" : "NO"); break;
	}
}

static void print_side_by_side(const SynthPlanTargetDesc *t, SynthPlan *pa, SynthPlan *pb)
{
	printf("target %s: %s, %u %s", t->name, synth_mpu_kind_name(t->mpu), t->nregions,
	       t->mpu == SYNTH_MPU_PMP ? "entries" : "regions");
	if (t->nfixed) {
		printf("; fixed per domain:");
		for (uint32_t i = 0; i < t->nfixed; i++)
			printf("%s %s %u", i ? "," : "", t->fixed[i].name, t->fixed[i].regions);
	}
	printf("\n");
	static const char *const labels[] = {"feasible", "requested bytes", "reserve bytes", "reserved bytes",
	                                     "rounding waste", "padding waste", "fixed bytes in RAM",
	                                     "regions (busiest domain)", "boundaries enforced"};
	row("", "model A (shared)", "model B (per memory)");
	const SynthPlanDesc *sd = synth_plan_desc(pb ? pb : pa);
	for (int i = 0; i < 9; i++) {
		char a[64], b[64];
		fmt_plan_cell(pa, i, a, sizeof a);
		fmt_plan_cell(pb, i, b, sizeof b);
		row(labels[i], a, b);
		if (i == 2 && sd->state_bytes) {
			snprintf(a, sizeof a, "%llu", (unsigned long long)sd->state_bytes);
			row("  of which state sections", pa ? a : "-", pb ? a : "-");
		}
	}
	const SynthPlan *any = pb ? pb : pa;
	const SynthPlanDesc *ad = synth_plan_desc(any);
	for (uint32_t d = 0; d < ad->ndomains; d++) {
		char label[300], a[64] = "-", b[64] = "-";
		snprintf(label, sizeof label, "domain %s", ad->domains[d].name);
		const SynthPlan *pp[2] = {pa, pb};
		char *cell[2] = {a, b};
		for (int k = 0; k < 2; k++) {
			if (!pp[k])
				continue;
			const SynthDomainPlan *dp = &synth_plan_desc(pp[k])->domains[d];
			if (dp->exposed)
				snprintf(cell[k], 64, "%u/%u, exposes %llu B", dp->used, dp->budget, (unsigned long long)dp->exposed);
			else
				snprintf(cell[k], 64, "%u/%u", dp->used, dp->budget);
		}
		row(label, a, b);
	}
}

/* Prints why a plan is infeasible on stderr, one indented reason per line. */
static void print_why(const char *why)
{
	for (const char *l = why; *l;) {
		const char *e = strchr(l, '\n');
		int n = e ? (int)(e - l) : (int)strlen(l);
		fprintf(stderr, "  %.*s\n", n, l);
		l += n + (e != NULL);
	}
}

int cli_plan(int argc, char **argv)
{
	const char *target_name = NULL, *out = NULL;
	int models = 3; /* bit 0: A, bit 1: B */
	uint64_t cap = 0;
	bool show_map = false, show_time = false, accept_exposure = false;
	int status = 1;
	SynthPlanError err;
	SynthPlanTarget *target = NULL;
	SynthContext *ctx = synth_context_new(NULL, NULL);
	SynthPlanInput *in = ctx ? synth_plan_input_new(ctx) : NULL;
	SynthPlan *plans[2] = {NULL, NULL};
	const char **inputs = calloc((size_t)argc + 1, sizeof *inputs);
	char **domains = calloc((size_t)argc + 1, sizeof *domains);
	const char **caps = calloc((size_t)argc + 1, sizeof *caps);
	char **pins = calloc((size_t)argc + 1, sizeof *pins);
	int ninputs = 0, ndomains = 0, ncaps = 0, npins = 0;
	if (!in || !ctx || !inputs || !domains || !caps || !pins) {
		fprintf(stderr, "synth plan: error: out of memory\n");
		goto done;
	}
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		bool has_next = i + 1 < argc;
		static const char *const valued[] = {"--target", "--model", "--cap", "--domain", "--pin", "-o",
		                                     "--max-regions"};
		for (size_t k = 0; k < sizeof valued / sizeof *valued; k++) {
			if (strcmp(a, valued[k]) == 0 && !has_next) {
				fprintf(stderr, "synth plan: error: %s needs a value\n%s", a, plan_usage);
				status = 2;
				goto done;
			}
		}
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(plan_usage, stdout);
			status = 0;
			goto done;
		} else if (strcmp(a, "--list-targets") == 0) {
			for (size_t k = 0; synth_plan_target_builtin_name(k); k++)
				printf("%s\n", synth_plan_target_builtin_name(k));
			status = 0;
			goto done;
		} else if (strcmp(a, "--target") == 0 && has_next) {
			target_name = argv[++i];
		} else if (strcmp(a, "--model") == 0 && has_next) {
			const char *m = argv[++i];
			models = strcmp(m, "a") == 0 ? 1 : strcmp(m, "b") == 0 ? 2 : strcmp(m, "both") == 0 ? 3 : 0;
			if (!models) {
				fprintf(stderr, "synth plan: error: --model is a, b or both\n");
				status = 2;
				goto done;
			}
		} else if (strcmp(a, "--cap") == 0 && has_next) {
			if (parse_cap("synth plan", argv[++i], &cap)) {
				status = 2;
				goto done;
			}
		} else if (strcmp(a, "--domain") == 0 && has_next) {
			domains[ndomains++] = argv[++i];
		} else if (strcmp(a, "--max-regions") == 0 && has_next) {
			caps[ncaps++] = argv[++i];
		} else if (strcmp(a, "--pin") == 0 && has_next) {
			pins[npins++] = argv[++i];
		} else if (strcmp(a, "-o") == 0 && has_next) {
			out = argv[++i];
		} else if (strcmp(a, "--map") == 0) {
			show_map = true;
		} else if (strcmp(a, "--time") == 0) {
			show_time = true;
		} else if (strcmp(a, "--accept-exposure") == 0) {
			accept_exposure = true;
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "synth plan: error: unknown option \"%s\"\n%s", a, plan_usage);
			status = 2;
			goto done;
		} else {
			inputs[ninputs++] = a;
		}
	}
	if (ninputs == 0) {
		fprintf(stderr, "synth plan: error: no input\n%s", plan_usage);
		status = 2;
		goto done;
	}
	for (int i = 0; i < ninputs; i++) {
		if (synth_plan_input_add_file(in, inputs[i], cap, &err)) {
			print_error(&err);
			goto done;
		}
	}
	for (int i = 0; i < ncaps; i++) {
		const char *spec = caps[i], *eq = strchr(spec, '='), *num = eq ? eq + 1 : spec;
		char mem[300];
		char *end = NULL;
		unsigned long n = *num >= '1' && *num <= '9' ? strtoul(num, &end, 10) : 0;
		if (!end || *end || n > 64 || eq == spec || (eq && (size_t)(eq - spec) >= sizeof mem)) {
			fprintf(stderr, "synth plan: error: --max-regions %s: want [MODULE.MEMIDX=]N, N from 1 to 64\n", spec);
			status = 2;
			goto done;
		}
		if (eq) {
			memcpy(mem, spec, (size_t)(eq - spec));
			mem[eq - spec] = 0;
		}
		if (synth_plan_input_set_max_regions(in, eq ? mem : NULL, (uint32_t)n, &err)) {
			fprintf(stderr, "synth plan: error: --max-regions %s: %s\n", spec, err.message);
			status = 2;
			goto done;
		}
	}
	for (int i = 0; i < ndomains; i++) {
		char *spec = domains[i], *eq = strchr(spec, '=');
		const char *members[256];
		size_t nm = 0;
		if (!eq) {
			fprintf(stderr, "synth plan: error: --domain wants NAME=MEMBER,...\n");
			status = 2;
			goto done;
		}
		*eq = 0;
		for (char *tok = strtok(eq + 1, ","); tok && nm < 256; tok = strtok(NULL, ","))
			members[nm++] = tok;
		if (synth_plan_input_add_domain(in, spec, members, nm, &err)) {
			fprintf(stderr, "--domain %s: error: %s\n", spec, err.message);
			status = 2;
			goto done;
		}
	}
	for (int i = 0; i < npins; i++) {
		char *spec = pins[i], *eq = strchr(spec, '=');
		uint64_t addr = 0;
		if (!eq) {
			fprintf(stderr, "synth plan: error: --pin %s: expected ITEM=ADDRESS, e.g. net.0=0x20010000\n", spec);
			status = 2;
			goto done;
		}
		*eq = 0;
		if (synth_plan_parse_size(eq + 1, &addr, &err) ||
		    synth_plan_input_pin_address(in, spec, addr, &err)) {
			fprintf(stderr, "synth plan: error: --pin %s=%s: %s\n", spec, eq + 1, err.message);
			status = 2;
			goto done;
		}
	}
	if (synth_plan_input_finish(in, &err)) {
		if (!err.file[0]) /* domains come from --domain or several files */
			snprintf(err.file, sizeof err.file, "synth plan");
		print_error(&err);
		goto done;
	}
	if (!target_name)
		target_name = synth_plan_input_desc(in)->target;
	if (!target_name) {
		fprintf(stderr, "synth plan: error: no target: give --target (synth plan --list-targets)\n");
		status = 2;
		goto done;
	}
	if (synth_plan_target_open(ctx, target_name, &target, &err)) {
		if (!err.file[0])
			snprintf(err.file, sizeof err.file, "synth plan");
		print_error(&err);
		goto done;
	}
	for (int k = 0; k < 2; k++) {
		if (!(models & (1 << k)))
			continue;
		struct timespec t0, t1;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		if (synth_plan_compute(ctx, target, in, k ? SYNTH_MODEL_B : SYNTH_MODEL_A, &plans[k], &err)) {
			print_error(&err);
			goto done;
		}
		clock_gettime(CLOCK_MONOTONIC, &t1);
		if (show_time)
			printf("model %c planned in %.3f ms\n", k ? 'B' : 'A',
			       (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
	}
	print_side_by_side(synth_plan_target_desc(target), plans[0], plans[1]);
	if (show_map) {
		for (int k = 0; k < 2; k++) {
			char *map = NULL;
			if (plans[k] && synth_plan_desc(plans[k])->feasible && !synth_export_map(ctx, plans[k], &map, &err)) {
				printf("\n%s", map);
				synth_plan_text_free(ctx, map);
			}
		}
	}
	/* Infeasibility is an error of the input: reasons on stderr, exit 1. With
	 * -o only the model written decides; the other one is a warning. */
	SynthPlan *chosen = plans[1] ? plans[1] : plans[0];
	status = 0;
	for (int k = 0; k < 2; k++) {
		if (!plans[k] || synth_plan_desc(plans[k])->feasible)
			continue;
		bool fatal = !out || plans[k] == chosen;
		fprintf(stderr, "synth plan: %s: model %s is infeasible on target %s%s:\n", fatal ? "error" : "warning",
		        k ? "B" : "A", synth_plan_target_desc(target)->name,
		        out && plans[k] == chosen ? ", no layout written" : "");
		print_why(synth_plan_desc(plans[k])->why);
		if (fatal)
			status = 1;
	}
	if (out && status == 0) {
		char *text = NULL;
		if (accept_exposure)
			synth_plan_accept_exposure(chosen);
		const SynthPlanDesc *cd = synth_plan_desc(chosen);
		for (uint32_t d = 0; d < cd->ndomains; d++)
			if (cd->domains[d].exposed && !cd->domains[d].accepted)
				fprintf(stderr, "%s: warning: domain \"%s\" can write %llu bytes of other domains (model %s "
				        "carving, NOT enforced): synth layout check fails unless the layout is written "
				        "with --accept-exposure\n", out, cd->domains[d].name,
				        (unsigned long long)cd->domains[d].exposed, cd->model == SYNTH_MODEL_A ? "A" : "B");
		if (synth_layout_write(ctx, chosen, &text, &err) || cli_write_if_changed(out, text, strlen(text))) {
			if (!text)
				print_error(&err);
			status = 1;
		}
		synth_plan_text_free(ctx, text);
	}
done:
	for (int k = 0; k < 2; k++)
		synth_plan_free(plans[k]);
	synth_plan_target_free(target);
	synth_plan_input_free(in);
	synth_context_free(ctx); /* after everything made with it */
	free(inputs);
	free(domains);
	free(caps);
	free(pins);
	return status;
}

static const char layout_usage[] =
	"usage: synth layout export LAYOUT [--ld FILE] [--h FILE] [--c FILE] [--map FILE]\n"
	"       synth layout check LAYOUT [--requests FILE]... [--modules FILE.wasm]...\n"
	"                                 [--cap SIZE] [--elf IMAGE]\n"
	"       synth layout diff OLD NEW\n"
	"export: writes the GNU ld fragment, the C header and source holding one\n"
	"  MPU/PMP register table per domain, and the text map (files are rewritten\n"
	"  only when their contents change).\n"
	"check: fails when the register tables decoded back do not grant exactly the\n"
	"  planned ranges, when a domain can write another's bytes and the layout does\n"
	"  not accept that exposure (synth plan --accept-exposure), when a requested\n"
	"  memory or state section no longer fits its place (or, pinned to an\n"
	"  address in the requests, is not exactly there), or when a linked ELF\n"
	"  image put a module's memory or state section (or its MPU table) anywhere\n"
	"  else or anything else over a planned range. Every violation is printed;\n"
	"  exit status 1 when there is one.\n"
	"diff: what changed from layout OLD to NEW, one change a line (items moved,\n"
	"  resized, added, removed, with a memory's region count when it changed;\n"
	"  domain tables changed) and a summary; exit status 0 when nothing changed,\n"
	"  1 when something did, 2 on an error.\n";

static int layout_export(int argc, char **argv)
{
	const char *files[4] = {NULL, NULL, NULL, NULL}; /* ld, h, c, map */
	static const char *const opts[4] = {"--ld", "--h", "--c", "--map"};
	const char *layout = NULL;
	for (int i = 2; i < argc; i++) {
		int k = -1;
		for (int j = 0; j < 4; j++)
			if (strcmp(argv[i], opts[j]) == 0)
				k = j;
		if (strcmp(argv[i], "--help") == 0) {
			fputs(layout_usage, stdout);
			return 0;
		} else if (k >= 0 && i + 1 < argc) {
			files[k] = argv[++i];
		} else if (argv[i][0] != '-' && !layout) {
			layout = argv[i];
		} else {
			fprintf(stderr, "synth layout export: error: unexpected \"%s\"\n%s", argv[i], layout_usage);
			return 2;
		}
	}
	if (!layout || (!files[0] && !files[1] && !files[2] && !files[3])) {
		fprintf(stderr, "synth layout export: error: need LAYOUT and at least one output\n%s", layout_usage);
		return 2;
	}
	SynthPlanError err;
	SynthPlan *p = NULL;
	SynthContext *ctx = synth_context_new(NULL, NULL);
	if (!ctx) {
		fprintf(stderr, "synth layout export: error: out of memory\n");
		return 1;
	}
	if (synth_layout_load_file(ctx, layout, &p, &err)) {
		print_error(&err);
		synth_context_free(ctx);
		return 1;
	}
	int status = 0;
	for (int k = 0; k < 4 && !status; k++) {
		if (!files[k])
			continue;
		char *text = NULL;
		SynthStatus st = k == 0 ? synth_export_ld(ctx, p, &text, &err)
		               : k == 1 ? synth_export_h(ctx, p, files[1], &text, &err)
		               : k == 2 ? synth_export_c(ctx, p, files[1] ? files[1] : "synth_layout.h", &text, &err)
		                        : synth_export_map(ctx, p, &text, &err);
		if (st) {
			if (!err.file[0])
				snprintf(err.file, sizeof err.file, "%s", layout);
			print_error(&err);
			status = 1;
		} else if (cli_write_if_changed(files[k], text, strlen(text))) {
			status = 1;
		}
		synth_plan_text_free(ctx, text);
	}
	synth_plan_free(p);
	synth_context_free(ctx);
	return status;
}

static int layout_check(int argc, char **argv)
{
	const char *layout = NULL, *elf = NULL;
	uint64_t cap = 0;
	int status = 1;
	SynthPlanError err;
	SynthPlan *p = NULL;
	SynthContext *ctx = synth_context_new(NULL, NULL);
	SynthPlanInput *in = ctx ? synth_plan_input_new(ctx) : NULL;
	const char **inputs = calloc((size_t)argc + 1, sizeof *inputs);
	int ninputs = 0;
	uint8_t *image = NULL;
	size_t image_size = 0;
	if (!in || !ctx || !inputs) {
		fprintf(stderr, "synth layout check: error: out of memory\n");
		goto done;
	}
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0) {
			fputs(layout_usage, stdout);
			status = 0;
			goto done;
		} else if ((strcmp(a, "--requests") == 0 || strcmp(a, "--modules") == 0) && i + 1 < argc) {
			inputs[ninputs++] = argv[++i];
		} else if (strcmp(a, "--elf") == 0 && i + 1 < argc) {
			elf = argv[++i];
		} else if (strcmp(a, "--cap") == 0 && i + 1 < argc) {
			if (parse_cap("synth layout check", argv[++i], &cap)) {
				status = 2;
				goto done;
			}
		} else if (a[0] != '-' && !layout) {
			layout = a;
		} else if (a[0] != '-') {
			inputs[ninputs++] = a; /* more module or request files */
		} else {
			fprintf(stderr, "synth layout check: error: unexpected \"%s\"\n%s", a, layout_usage);
			status = 2;
			goto done;
		}
	}
	if (!layout) {
		fprintf(stderr, "synth layout check: error: no LAYOUT\n%s", layout_usage);
		status = 2;
		goto done;
	}
	if (synth_layout_load_file(ctx, layout, &p, &err)) {
		print_error(&err);
		goto done;
	}
	/* Every check runs, so one run shows every violation. */
	Violations v = {layout, 0};
	if (synth_layout_check_regs(p, &err))
		print_violation(&v, &err);
	synth_layout_check_exposure(p, print_violation, &v, &err);
	if (ninputs) {
		for (int i = 0; i < ninputs; i++) {
			if (synth_plan_input_add_file(in, inputs[i], cap, &err)) {
				print_error(&err);
				goto done;
			}
		}
		if (synth_layout_check_input(p, in, &err))
			print_violation(&v, &err);
	}
	if (elf) {
		if (cli_read_file(elf, &image, &image_size))
			goto done;
		Violations ve = {elf, 0};
		synth_layout_check_image(p, image, image_size, elf, print_violation, &ve, &err);
		v.n += ve.n;
	}
	if (v.n) {
		fprintf(stderr, "%s: error: the layout check failed with %u violation%s\n", layout, v.n, v.n == 1 ? "" : "s");
		goto done;
	}
	const SynthPlanDesc *pd = synth_plan_desc(p);
	unsigned nmem = 0, nstate = 0;
	for (uint32_t i = 0; i < pd->nitems; i++) {
		nmem += pd->items[i].kind == SYNTH_ITEM_MEMORY;
		nstate += pd->items[i].kind == SYNTH_ITEM_STATE;
	}
	char states[64] = "";
	if (nstate)
		snprintf(states, sizeof states, ", %u state section%s", nstate, nstate == 1 ? "" : "s");
	printf("%s: ok: %u memories%s, %u domains, register tables exact%s%s\n", layout, nmem, states, pd->ndomains,
	       ninputs ? ", inputs fit" : "", elf ? ", image matches" : "");
	for (uint32_t d = 0; d < pd->ndomains; d++)
		if (pd->domains[d].accepted)
			printf("%s: note: domain \"%s\" can write %llu bytes of other domains (NOT enforced); the layout "
			       "accepts this exposure (synth plan --accept-exposure)\n", layout, pd->domains[d].name,
			       (unsigned long long)pd->domains[d].accepted);
	status = 0;
done:
	free(image);
	free(inputs);
	synth_plan_free(p);
	synth_plan_input_free(in);
	synth_context_free(ctx);
	return status;
}

static int layout_diff(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[2], "--help") == 0) {
		fputs(layout_usage, stdout);
		return 0;
	}
	if (argc != 4 || argv[2][0] == '-' || argv[3][0] == '-') {
		fprintf(stderr, "synth layout diff: error: need OLD and NEW layouts\n%s", layout_usage);
		return 2;
	}
	SynthPlanError err;
	SynthPlan *p[2] = {NULL, NULL};
	SynthLayoutDiff *d = NULL;
	char *text = NULL;
	int status = 2;
	SynthContext *ctx = synth_context_new(NULL, NULL);
	if (!ctx) {
		fprintf(stderr, "synth layout diff: error: out of memory\n");
		return 2;
	}
	for (int k = 0; k < 2; k++)
		if (synth_layout_load_file(ctx, argv[2 + k], &p[k], &err)) {
			print_error(&err);
			goto done;
		}
	if (synth_layout_diff(ctx, p[0], p[1], &d, &err) || synth_layout_diff_text(ctx, d, &text, &err)) {
		print_error(&err);
		goto done;
	}
	fputs(text, stdout);
	status = d->n ? 1 : 0;
done:
	synth_plan_text_free(ctx, text);
	synth_layout_diff_free(ctx, d);
	synth_plan_free(p[0]);
	synth_plan_free(p[1]);
	synth_context_free(ctx);
	return status;
}

int cli_layout(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "diff") == 0)
		return layout_diff(argc, argv);
	if (argc >= 2 && strcmp(argv[1], "export") == 0)
		return layout_export(argc, argv);
	if (argc >= 2 && strcmp(argv[1], "check") == 0)
		return layout_check(argc, argv);
	if (argc >= 2 && strcmp(argv[1], "--help") == 0) {
		fputs(layout_usage, stdout);
		return 0;
	}
	fprintf(stderr, "%s", layout_usage);
	return 2;
}
