/* test_project.c - unit tests of the project model (synth/project.h):
 *   roundtrip  every data/NAME.json saves as golden/NAME.json, and each
 *              golden loads and saves to the same bytes
 *   errors     malformed project files, each with its expected
 *              "file: path: message"
 *   edits      add/replace/remove modules and domains, options, and what
 *              the edits refuse; the result against golden/edited.json
 *   steps      the build steps of data/full.json
 *   merge      the requests step: pins applied to the memory they name
 *   alloc      the N-th allocation fails, for every N, through load, edits,
 *              save and steps: each run ends in SYNTH_ERR_NOMEM or success
 *              and frees every byte
 * usage: test_project SRCDIR [--update] (SRCDIR: tests/project; --update
 * rewrites the goldens). Exit 0 when everything passes, 1 otherwise. */
#define _POSIX_C_SOURCE 200809L /* mkstemp, fdopen */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "synth/project.h"
#include "counting_alloc.h"

static int failures;
static const char *srcdir;
static int update;

#define CHECK(cond, ...)                                                   \
	do {                                                               \
		if (!(cond)) {                                             \
			fprintf(stderr, "%s:%d: FAIL: ", __FILE__, __LINE__); \
			fprintf(stderr, __VA_ARGS__);                      \
			fputc('\n', stderr);                               \
			failures++;                                        \
		}                                                          \
	} while (0)

static char *read_text(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *s = malloc((size_t)n + 1);
	if (s && fread(s, 1, (size_t)n, f) != (size_t)n) {
		free(s);
		s = NULL;
	}
	fclose(f);
	if (s)
		s[n] = 0;
	*len = (size_t)n;
	return s;
}

/* Compares text with golden/NAME (or writes it with --update). */
static void golden(const char *name, const char *text)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/golden/%s", srcdir, name);
	if (update) {
		FILE *f = fopen(path, "wb");
		CHECK(f && fputs(text, f) >= 0 && fclose(f) == 0, "cannot write %s", path);
		return;
	}
	size_t n;
	char *want = read_text(path, &n);
	CHECK(want, "cannot read %s", path);
	if (want) {
		CHECK(strcmp(want, text) == 0, "%s differs; got:\n%s", path, text);
		free(want);
	}
}

static char *load_save(SynthContext *ctx, const char *text, size_t len, const char *file)
{
	SynthProject *p = NULL;
	SynthPlanError err;
	SynthStatus st = synth_project_load_json(ctx, text, len, file, &p, &err);
	CHECK(st == SYNTH_OK, "%s: %s: %s", file, err.path, err.message);
	if (st)
		return NULL;
	char *out = NULL;
	CHECK(synth_project_save(ctx, p, &out, &err) == SYNTH_OK, "save %s", file);
	synth_project_free(p);
	return out;
}

static void test_roundtrip(SynthContext *ctx)
{
	static const char *const names[] = {"full", "minimal", "escapes", "pins"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		char path[1024], gname[64];
		size_t len;
		snprintf(path, sizeof path, "%s/data/%s.json", srcdir, names[i]);
		char *text = read_text(path, &len);
		CHECK(text, "cannot read %s", path);
		if (!text)
			continue;
		char *saved = load_save(ctx, text, len, path);
		free(text);
		if (!saved)
			continue;
		snprintf(gname, sizeof gname, "%s.json", names[i]);
		golden(gname, saved);
		/* The canonical text is a fixed point: load + save gives the same bytes. */
		char *again = load_save(ctx, saved, strlen(saved), gname);
		CHECK(again && strcmp(again, saved) == 0, "%s: second save differs:\n%s", gname, again ? again : "");
		synth_project_text_free(ctx, again);
		synth_project_text_free(ctx, saved);
	}
}

/* A malformed project file and the error it must give. */
static const struct {
	const char *text;
	const char *want; /* "file: path: message" */
} bad[] = {
	{"", "p.json: JSON syntax error at line 1, column 1: unexpected end of data"},
	{"{", "p.json: JSON syntax error at line 1, column 2: unexpected end of data"},
	{"[1]", "p.json: expected an object"},
	{"{}", "p.json: synth_project: required key missing: not a Synth project file"},
	{"{\"synth_project\": \"1\"}", "p.json: synth_project: expected a non-negative integer"},
	{"{\"synth_project\": 2}", "p.json: synth_project: unsupported version 2 (this synth reads version 1)"},
	{"{\"synth_project\": 1, \"modules\": []}", "p.json: board: required key missing"},
	{"{\"synth_project\": 1, \"board\": 7}", "p.json: board: expected a string"},
	{"{\"synth_project\": 1, \"board\": \"b\", \"bord\": 1}", "p.json: bord: unknown key"},
	{"{\"synth_project\": 1, \"board\": \"b\"}", "p.json: modules: required key missing"},
	{"{\"synth_project\": 1, \"board\": \"b\", \"modules\": {}}", "p.json: modules: expected an array"},
	{"{\"synth_project\": 1, \"board\": \"b\", \"modules\": []}", "p.json: modules: expected at least one module"},
	{"{\"synth_project\": 1, \"board\": \"b\", \"modules\": [1]}", "p.json: modules[0]: expected an object"},
	{"{\"synth_project\": 1, \"board\": \"b\", \"modules\": [{\"name\": \"a\", \"wasm\": \"a.wasm\"},"
	 " {\"name\": \"b\", \"wasm\": \"b.wasm\"}, {\"name\": \"c\", \"wasm\": 3}]}",
	 "p.json: modules[2].wasm: expected a string"},
	{"{\"synth_project\": 1, \"board\": \"b\", \"modules\": [{\"name\": \"a\"}]}",
	 "p.json: modules[0].wasm: required key missing"},
	{"{\"synth_project\": 1, \"board\": \"b\", \"modules\": [{\"name\": \"1a\", \"wasm\": \"a\"}]}",
	 "p.json: modules[0].name: expected a C identifier"},
	{"{\"synth_project\": 1, \"board\": \"b\", \"modules\": [{\"name\": \"a\", \"wasm\": \"a\\nb\"}]}",
	 "p.json: modules[0].wasm: contains a newline"},
	{"{\"synth_project\": 1, \"board\": \"b\", \"modules\": [{\"name\": \"a\", \"wasm\": \"\"}]}",
	 "p.json: modules[0].wasm: expected a non-empty string"},
	{"{\"synth_project\": 1, \"board\": \"b\", \"modules\": [{\"name\": \"a\", \"wasm\": \"a\\u0000b\"}]}",
	 "p.json: modules[0].wasm: contains a NUL character"},
	{"{\"synth_project\": 1, \"board\": \"b\", \"modules\": [{\"name\": \"a\", \"wasm\": \"a\", \"bounds\": \"off\"}]}",
	 "p.json: modules[0].bounds: expected \"trap\", \"mask\" or \"none\""},
	{"{\"synth_project\": 1, \"board\": \"b\", \"modules\": [{\"name\": \"a\", \"wasm\": \"a\", "
	 "\"target_cpu\": \"cortex-m9\"}]}",
	 "p.json: modules[0].target_cpu: unknown core (cortex-m3, cortex-m4, cortex-m4f, cortex-m7, cortex-m7dp, "
	 "cortex-m33)"},
	{"{\"synth_project\": 1, \"board\": \"b\", \"modules\": [{\"name\": \"a\", \"wasm\": \"a\", \"mem_cap\": -1}]}",
	 "p.json: modules[0].mem_cap: expected a non-negative integer"},
	{"{\"synth_project\": 1, \"board\": \"b\", \"modules\": [{\"name\": \"a\", \"wasm\": \"a\", "
	 "\"mem_caps\": [1, \"2\"]}]}",
	 "p.json: modules[0].mem_caps[1]: expected a non-negative integer"},
	{"{\"synth_project\": 1, \"board\": \"b\", \"modules\": [{\"name\": \"a\", \"wasm\": \"a\", "
	 "\"mem_cap\": 4294967296}]}",
	 "p.json: modules[0].mem_cap: expected at most 4294967295"},
	{"{\"synth_project\": 1, \"board\": \"b\", \"modules\": [{\"name\": \"a\", \"wasm\": \"a\", \"size\": 1}]}",
	 "p.json: modules[0].size: unknown key"},
	{"{\"synth_project\": 1, \"board\": \"b\", \"modules\": [{\"name\": \"a\", \"wasm\": \"a\"}, "
	 "{\"name\": \"a\", \"wasm\": \"b\"}]}",
	 "p.json: modules[1].name: duplicate module name \"a\""},
	{"{\"synth_project\": 1, \"board\": \"b\", \"model\": \"C\", \"modules\": [{\"name\": \"a\", \"wasm\": \"a\"}]}",
	 "p.json: model: expected \"A\" or \"B\""},
	{"{\"synth_project\": 1, \"board\": \"b\", \"modules\": [{\"name\": \"a\", \"wasm\": \"a\"}], "
	 "\"domains\": [{\"name\": \"d\", \"members\": [\"z\"]}]}",
	 "p.json: domains[0].members[0]: no module named \"z\""},
	{"{\"synth_project\": 1, \"board\": \"b\", \"modules\": [{\"name\": \"a\", \"wasm\": \"a\"}], "
	 "\"domains\": [{\"name\": \"d\", \"members\": [\"a.x\"]}]}",
	 "p.json: domains[0].members[0]: expected \"module\" or \"module.memidx\""},
	{"{\"synth_project\": 1, \"board\": \"b\", \"modules\": [{\"name\": \"a\", \"wasm\": \"a\"}], "
	 "\"domains\": [{\"name\": \"d\", \"members\": []}]}",
	 "p.json: domains[0].members: expected at least one member"},
	{"{\"synth_project\": 1, \"board\": \"b\", \"modules\": [{\"name\": \"a\", \"wasm\": \"a\"}], "
	 "\"domains\": [{\"name\": \"d\", \"members\": [\"a\"]}, {\"name\": \"d\", \"members\": [\"a\"]}]}",
	 "p.json: domains[1].name: duplicate domain name \"d\""},
	{"{\"synth_project\": 1, \"board\": \"b\", \"modules\": [{\"name\": \"a\", \"wasm\": \"a\"}], "
	 "\"pins\": [{\"memory\": \"a\", \"bank\": \"s\"}]}",
	 "p.json: pins[0].memory: expected \"module.memidx\" or \"module.state\""},
	{"{\"synth_project\": 1, \"board\": \"b\", \"modules\": [{\"name\": \"a\", \"wasm\": \"a\"}], "
	 "\"pins\": [{\"memory\": \"a.state\", \"bank\": \"s\", \"address\": 4096}]}",
	 "p.json: pins[0]: a state section's pin is an \"address\" alone"},
	{"{\"synth_project\": 1, \"board\": \"b\", \"modules\": [{\"name\": \"a\", \"wasm\": \"a\"}], "
	 "\"pins\": [{\"memory\": \"q.state\", \"address\": 4096}]}",
	 "p.json: pins[0].memory: no module named \"q\""},
	{"{\"synth_project\": 1, \"board\": \"b\", \"modules\": [{\"name\": \"a\", \"wasm\": \"a\"}], "
	 "\"pins\": [{\"memory\": \"a.0\"}]}",
	 "p.json: pins[0]: expected \"bank\", \"needs\" or \"address\""},
	{"{\"synth_project\": 1, \"board\": \"b\", \"modules\": [{\"name\": \"a\", \"wasm\": \"a\"}], "
	 "\"pins\": [{\"memory\": \"a.0\", \"address\": \"0x2001G\"}]}",
	 "p.json: pins[0].address: \"0x2001G\" is not a size or address (use an integer, \"0x...\" or a K/M/G suffix)"},
	{"{\"synth_project\": 1, \"board\": \"b\", \"modules\": [{\"name\": \"a\", \"wasm\": \"a\"}], "
	 "\"pins\": [{\"memory\": \"a.0\", \"address\": \"4G\"}]}",
	 "p.json: pins[0].address: address 0x100000000 is not below 4 GiB"},
	{"{\"synth_project\": 1, \"board\": \"b\", \"modules\": [{\"name\": \"a\", \"wasm\": \"a\"}], "
	 "\"pins\": [{\"memory\": \"a.0\", \"address\": -32}]}",
	 "p.json: pins[0].address: expected a non-negative integer"},
	{"{\"synth_project\": 1, \"board\": \"b\", \"modules\": [{\"name\": \"a\", \"wasm\": \"a\"}], "
	 "\"pins\": [{\"memory\": \"a.0\", \"address\": true}]}",
	 "p.json: pins[0].address: expected a non-negative integer"},
	{"{\"synth_project\": 1, \"board\": \"b\", \"modules\": [{\"name\": \"a\", \"wasm\": \"a\"}], "
	 "\"pins\": [{\"memory\": \"q.0\", \"bank\": \"s\"}]}",
	 "p.json: pins[0].memory: no module named \"q\""},
	{"{\"synth_project\": 1, \"board\": \"b\", \"modules\": [{\"name\": \"a\", \"wasm\": \"a\"}], "
	 "\"sources\": [\"x.c\", 5]}",
	 "p.json: sources[1]: expected a string"},
	{"{\"synth_project\": 1, \"board\": \"b\", \"modules\": [{\"name\": \"a\", \"wasm\": \"a\"}], "
	 "\"cflags\": [\"-O2\\r\"]}",
	 "p.json: cflags[0]: contains a newline"},
	{"{\"synth_project\": 1, \"board\": \"b\", \"modules\": [{\"name\": \"a\", \"wasm\": \"a\"}]} x",
	 "p.json: JSON syntax error at line 1, column 77: unexpected character"},
};

static void format_error(const SynthPlanError *e, char *out, size_t cap)
{
	snprintf(out, cap, "%s%s%s%s%s", e->file, e->file[0] ? ": " : "", e->path, e->path[0] ? ": " : "", e->message);
}

static void test_errors(SynthContext *ctx)
{
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		SynthProject *p = (SynthProject *)&p; /* must be reset to NULL */
		SynthPlanError err;
		SynthStatus st = synth_project_load_json(ctx, bad[i].text, strlen(bad[i].text), "p.json", &p, &err);
		char got[1400];
		format_error(&err, got, sizeof got);
		CHECK(st == SYNTH_ERR_INVALID && p == NULL, "case %zu: status %d", i, (int)st);
		CHECK(strcmp(got, bad[i].want) == 0, "case %zu:\n  got  %s\n  want %s", i, got, bad[i].want);
	}
	SynthProject *p = NULL;
	SynthPlanError err;
	CHECK(synth_project_load_file(ctx, "/nonexistent/p.json", &p, &err) == SYNTH_ERR_ARGUMENT && !p,
	      "missing file");
	CHECK(!strcmp(err.file, "/nonexistent/p.json") && !strcmp(err.message, "cannot open file"), "missing file: %s",
	      err.message);
}

static void test_edits(SynthContext *ctx)
{
	SynthProject *p = synth_project_new(ctx);
	SynthPlanError err;
	CHECK(p, "new");
	if (!p)
		return;
	CHECK(synth_project_check(p, &err) == SYNTH_ERR_INVALID && !strcmp(err.path, "board"), "empty check: %s",
	      err.path);
	const char *sources[] = {"main.c"};
	SynthProjectPin pin = {.memory = "b.0", .bank = "sram"};
	SynthProjectOptions o = {.name = "fw", .board = "mps2-an386", .model = SYNTH_MODEL_B, .nsources = 1,
	                         .sources = sources, .npins = 1, .pins = &pin};
	CHECK(synth_project_set_options(p, &o, &err) == SYNTH_OK, "options: %s", err.message);
	uint64_t caps[] = {0, 8192, 0, 0};
	SynthProjectModule a = {.name = "a", .wasm = "a.wasm"};
	SynthProjectModule b = {.name = "b", .wasm = "b.wasm", .bounds = SYNTH_BOUNDS_MASK, .nmem_caps = 4,
	                        .mem_caps = caps};
	CHECK(synth_project_set_module(p, &a, &err) == SYNTH_OK, "add a");
	CHECK(synth_project_set_module(p, &b, &err) == SYNTH_OK, "add b");
	SynthProjectModule a2 = {.name = "a", .wasm = "a2.wasm", .target_cpu = "cortex-m33"};
	CHECK(synth_project_set_module(p, &a2, &err) == SYNTH_OK, "replace a");
	CHECK(synth_project_desc(p)->nmodules == 2 && !strcmp(synth_project_desc(p)->modules[0].wasm, "a2.wasm"),
	      "replace keeps the place");
	SynthProjectModule badm = {.name = "c", .wasm = "c.wasm", .target_cpu = "cortex-a53"};
	CHECK(synth_project_set_module(p, &badm, &err) == SYNTH_ERR_INVALID && !strcmp(err.path, "module.target_cpu"),
	      "bad module: %s", err.path);
	const char *m1[] = {"a", "b.1"};
	SynthProjectDomain d1 = {.name = "one", .nmembers = 2, .members = m1};
	const char *m2[] = {"b"};
	SynthProjectDomain d2 = {.name = "two", .nmembers = 1, .members = m2};
	CHECK(synth_project_set_domain(p, &d1, &err) == SYNTH_OK, "domain one");
	CHECK(synth_project_set_domain(p, &d2, &err) == SYNTH_OK, "domain two");
	const char *mbad[] = {"b.x"};
	SynthProjectDomain d3 = {.name = "three", .nmembers = 1, .members = mbad};
	CHECK(synth_project_set_domain(p, &d3, &err) == SYNTH_ERR_INVALID && !strcmp(err.path, "domain.members[0]"),
	      "bad domain: %s", err.path);
	CHECK(synth_project_remove_module(p, "a", &err) == SYNTH_ERR_ARGUMENT &&
	      !strcmp(err.message, "module \"a\" is a member of domain \"one\""), "remove referenced: %s", err.message);
	CHECK(synth_project_remove_domain(p, "one", &err) == SYNTH_OK, "remove one");
	CHECK(synth_project_remove_domain(p, "one", &err) == SYNTH_ERR_ARGUMENT, "remove one twice");
	CHECK(synth_project_remove_module(p, "b", &err) == SYNTH_ERR_ARGUMENT &&
	      !strcmp(err.message, "module \"b\" is a member of domain \"two\""), "remove b: %s", err.message);
	CHECK(synth_project_remove_module(p, "a", &err) == SYNTH_OK, "remove a: %s", err.message);
	CHECK(synth_project_remove_module(p, "zz", &err) == SYNTH_ERR_ARGUMENT, "remove unknown");
	CHECK(synth_project_check(p, &err) == SYNTH_OK, "check: %s: %s", err.path, err.message);
	/* Address pins: set (keeping the place of b.0's pin), replace, refuse, remove. */
	SynthProjectPin ap = {.memory = "b.0", .bank = "sram", .has_address = true, .address = 0x20010000};
	CHECK(synth_project_set_pin(p, &ap, &err) == SYNTH_OK, "set pin: %s", err.message);
	const SynthProjectDesc *pd = synth_project_desc(p);
	CHECK(pd->opt.npins == 1 && pd->opt.pins[0].has_address && pd->opt.pins[0].address == 0x20010000 &&
	      !strcmp(pd->opt.pins[0].bank, "sram"), "pin set");
	SynthProjectPin ap2 = {.memory = "b.1", .has_address = true, .address = 0x20020000};
	CHECK(synth_project_set_pin(p, &ap2, &err) == SYNTH_OK && synth_project_desc(p)->opt.npins == 2, "second pin");
	SynthProjectPin far = {.memory = "b.1", .has_address = true, .address = 1ULL << 32};
	CHECK(synth_project_set_pin(p, &far, &err) == SYNTH_ERR_INVALID && !strcmp(err.path, "pins[1].address") &&
	      !strcmp(err.message, "not below 4 GiB"), "pin at 4 GiB: %s: %s", err.path, err.message);
	SynthProjectPin nomod = {.memory = "zz.0", .has_address = true, .address = 0x20000000};
	CHECK(synth_project_set_pin(p, &nomod, &err) == SYNTH_ERR_ARGUMENT &&
	      !strcmp(err.message, "no module named \"zz\""), "pin of no module: %s", err.message);
	SynthProjectPin notmem = {.memory = "b", .has_address = true};
	CHECK(synth_project_set_pin(p, &notmem, &err) == SYNTH_ERR_ARGUMENT, "pin of a module");
	SynthProjectPin empty = {.memory = "b.1"};
	CHECK(synth_project_set_pin(p, &empty, &err) == SYNTH_OK && synth_project_desc(p)->opt.npins == 1,
	      "an empty pin removes it");
	CHECK(synth_project_remove_pin(p, "b.1", &err) == SYNTH_ERR_ARGUMENT &&
	      !strcmp(err.message, "memory b.1 has no pin"), "remove absent pin: %s", err.message);
	CHECK(synth_project_set_pin(p, &ap2, &err) == SYNTH_OK && synth_project_remove_pin(p, "b.1", &err) == SYNTH_OK &&
	      synth_project_desc(p)->opt.npins == 1, "remove pin");
	char *text = NULL;
	CHECK(synth_project_save(ctx, p, &text, &err) == SYNTH_OK, "save");
	if (text)
		golden("edited.json", text);
	synth_project_text_free(ctx, text);
	synth_project_free(p);
}

static void test_steps(SynthContext *ctx)
{
	char path[1024];
	size_t len;
	snprintf(path, sizeof path, "%s/data/full.json", srcdir);
	char *text = read_text(path, &len);
	SynthProject *p = NULL;
	SynthPlanError err;
	CHECK(text && synth_project_load_json(ctx, text, len, "full.json", &p, &err) == SYNTH_OK, "load full");
	free(text);
	if (!p)
		return;
	SynthProjectEnv env = {.project_file = "../full.json", .source_dir = "..", .runtime_dir = "rt",
	                       .board_cflags = "-mcpu=cortex-m4  -mthumb"};
	SynthProjectSteps *s = NULL;
	CHECK(synth_project_steps(ctx, p, &env, &s, &err) == SYNTH_OK, "steps: %s", err.message);
	if (s) {
		static const SynthStepKind want[] = {SYNTH_STEP_COMPILE, SYNTH_STEP_COMPILE, SYNTH_STEP_REQUESTS,
		                                     SYNTH_STEP_CHECK, SYNTH_STEP_EXPORT, SYNTH_STEP_CC, SYNTH_STEP_CC,
		                                     SYNTH_STEP_CC, SYNTH_STEP_LINK, SYNTH_STEP_IMAGE_CHECK};
		CHECK(s->nsteps == sizeof want / sizeof want[0], "%u steps", s->nsteps);
		for (uint32_t i = 0; i < s->nsteps && i < sizeof want / sizeof want[0]; i++)
			CHECK(s->steps[i].kind == want[i], "step %u is %s", i, synth_step_kind_name(s->steps[i].kind));
		const SynthStep *c = &s->steps[0];
		/* compile net: its options, in order, and the depfile */
		static const char *const args[] = {"compile", "--target", "cortex-m4f", "--name", "net", "--prefix", "net_",
		                                   "--bounds=mask", "--mem-cap", "1048576", "--mem-cap", "1=4096",
		                                   "--mem-reserve", "65536", "--header", "modules/net.h", "--requests",
		                                   "modules/net.requests.json", "--depfile", "modules/net.d", "-o",
		                                   "modules/net.o", "../wasm/net.wasm"};
		CHECK(c->nargs == sizeof args / sizeof args[0], "compile has %u args", c->nargs);
		for (uint32_t i = 0; i < c->nargs && i < sizeof args / sizeof args[0]; i++)
			CHECK(!strcmp(c->args[i], args[i]), "compile arg %u: %s, want %s", i, c->args[i], args[i]);
		CHECK(c->depfile && !strcmp(c->depfile, "modules/net.d") && c->restat, "compile depfile, restat");
		/* app has no target_cpu: the board's core from the built-in target */
		CHECK(!strcmp(s->steps[1].args[2], "cortex-m4f"), "app core %s", s->steps[1].args[2]);
		CHECK(s->steps[2].restat && s->steps[3].stamp && s->steps[4].restat, "restat/stamp");
		CHECK(!strcmp(s->steps[3].args[2], "../layout/accepted.json"), "check layout %s", s->steps[3].args[2]);
		CHECK(s->steps[5].args[0] && !strcmp(s->steps[5].args[0], "-mcpu=cortex-m4") &&
		      !strcmp(s->steps[5].args[1], "-mthumb") && !strcmp(s->steps[5].args[2], "-O2"), "cc flags");
		CHECK(!strcmp(s->steps[5].outputs[0], "cc/src/main.c.o"), "cc output %s", s->steps[5].outputs[0]);
		CHECK(!strcmp(s->steps[7].outputs[0], "layout/mpu.o"), "cc output %s", s->steps[7].outputs[0]);
		CHECK(s->steps[5].norder == 3, "cc order-only %u", s->steps[5].norder);
		CHECK(!strcmp(s->image, "demo.elf"), "image %s", s->image);
		synth_project_steps_free(ctx, s);
	}
	/* A board that is no built-in target needs target_cpu. */
	SynthProjectOptions o = synth_project_desc(p)->opt;
	o.board = "custom-board";
	CHECK(synth_project_set_options(p, &o, &err) == SYNTH_OK, "options");
	CHECK(synth_project_steps(ctx, p, &env, &s, &err) == SYNTH_ERR_INVALID && !s &&
	      !strcmp(err.path, "modules[1].target_cpu"), "custom board: %s: %s", err.path, err.message);
	synth_project_free(p);
}

static void test_merge(SynthContext *ctx)
{
	char req[] = "/tmp/synth-test-project-XXXXXX";
	int fd = mkstemp(req);
	CHECK(fd >= 0, "mkstemp");
	if (fd < 0)
		return;
	static const char text[] =
		"{\"format\": \"synth-requests\", \"version\": 1, \"memories\": ["
		"{\"module\": \"net\", \"memidx\": 0, \"min\": 65536, \"reserve\": 65536},"
		"{\"module\": \"net\", \"memidx\": 1, \"min\": 65536, \"reserve\": 65536}]}";
	FILE *f = fdopen(fd, "w");
	CHECK(f && fputs(text, f) >= 0 && fclose(f) == 0, "write %s", req);
	static const char proj[] =
		"{\"synth_project\": 1, \"board\": \"mps2-an386\", \"modules\": [{\"name\": \"net\", \"wasm\": \"n\"}],"
		" \"pins\": [{\"memory\": \"net.1\", \"bank\": \"sram\", \"needs\": [\"dma\"], \"address\": \"0x20010000\"}]}";
	static const char proj_bad[] =
		"{\"synth_project\": 1, \"board\": \"mps2-an386\", \"modules\": [{\"name\": \"net\", \"wasm\": \"n\"}],"
		" \"pins\": [{\"memory\": \"net.5\", \"bank\": \"sram\"}]}";
	const char *files[] = {req};
	SynthProject *p = NULL;
	SynthPlanError err;
	char *out = NULL;
	CHECK(synth_project_load_json(ctx, proj, strlen(proj), "p.json", &p, &err) == SYNTH_OK, "load");
	CHECK(p && synth_project_merge_requests(ctx, p, files, 1, &out, &err) == SYNTH_OK, "merge: %s", err.message);
	/* the pin lands on net.1 only */
	const char *m0 = out ? strstr(out, "\"memidx\": 0") : NULL;
	const char *m1 = out ? strstr(out, "\"memidx\": 1") : NULL;
	const char *bank = out ? strstr(out, "\"bank\": \"sram\"") : NULL;
	CHECK(out && bank && m0 && m1 && m0 < bank && bank < m1 && strstr(out, "\"needs\": [\"dma\"]") && strstr(bank + 1, "\"bank\"") == NULL,
	      "merged:\n%s", out ? out : "");
	const char *addr = out ? strstr(out, "\"address\": \"0x20010000\"") : NULL;
	CHECK(addr && m0 < addr && addr < m1 && !strstr(addr + 1, "\"address\""), "address pin merged:\n%s", out ? out : "");
	synth_project_text_free(ctx, out);
	synth_project_free(p);
	p = NULL;
	/* A state section's address pin lands on the module's state request. */
	static const char sreq_text[] =
		"{\"format\": \"synth-requests\", \"version\": 2, \"memories\": ["
		"{\"module\": \"net\", \"memidx\": 0, \"min\": 65536, \"reserve\": 65536}],"
		" \"state\": [{\"kind\": \"state\", \"module\": \"net\", \"section\": \".synth_state.net\", \"size\": 64}]}";
	static const char sproj[] =
		"{\"synth_project\": 1, \"board\": \"mps2-an386\", \"modules\": [{\"name\": \"net\", \"wasm\": \"n\"}],"
		" \"pins\": [{\"memory\": \"net.state\", \"address\": \"0x20030000\"}]}";
	f = fopen(req, "w");
	CHECK(f && fputs(sreq_text, f) >= 0 && fclose(f) == 0, "write %s", req);
	CHECK(synth_project_load_json(ctx, sproj, strlen(sproj), "p.json", &p, &err) == SYNTH_OK, "load state pin: %s",
	      err.message);
	CHECK(p && synth_project_merge_requests(ctx, p, files, 1, &out, &err) == SYNTH_OK, "merge state: %s", err.message);
	const char *sst = out ? strstr(out, "\"state\": [") : NULL;
	CHECK(sst && strstr(out, "\"address\": \"0x20030000\"") > sst, "state pin merged, on the state only:\n%s",
	      out ? out : "");
	synth_project_text_free(ctx, out);
	out = NULL;
	synth_project_free(p);
	p = NULL;
	CHECK(synth_project_load_json(ctx, proj_bad, strlen(proj_bad), "p.json", &p, &err) == SYNTH_OK, "load bad");
	CHECK(p && synth_project_merge_requests(ctx, p, files, 1, &out, &err) == SYNTH_ERR_INVALID && !out &&
	      !strcmp(err.path, "pins[0].memory") && !strcmp(err.message, "no memory net.5 in the modules' requests"),
	      "bad pin: %s: %s", err.path, err.message);
	synth_project_free(p);
	remove(req);
}

/* ---- allocation failure ---- */

/* Counting and counting_realloc: tests/common/counting_alloc.h. */

/* Load, edit, save and steps on one context; returns the first failing status. */
static SynthPlanError last_err;

static SynthStatus workload(SynthContext *ctx, const char *text, size_t len)
{
	SynthProject *p = NULL;
	SynthProjectSteps *s = NULL;
	char *out = NULL;
	SynthPlanError err;
	SynthStatus st = synth_project_load_json(ctx, text, len, "full.json", &p, &err);
	SynthProjectModule m = {.name = "extra", .wasm = "extra.wasm", .nmem_caps = 0};
	const char *mem[] = {"extra"};
	SynthProjectDomain d = {.name = "extra", .nmembers = 1, .members = mem};
	SynthProjectEnv env = {.project_file = "p.json", .source_dir = "src", .runtime_dir = "rt",
	                       .board_cflags = "-mthumb"};
	if (!st)
		st = synth_project_set_module(p, &m, &err);
	if (!st)
		st = synth_project_set_domain(p, &d, &err);
	SynthProjectPin pin = {.memory = "extra.0", .has_address = true, .address = 0x20010000};
	if (!st)
		st = synth_project_set_pin(p, &pin, &err);
	if (!st)
		st = synth_project_save(ctx, p, &out, &err);
	if (!st)
		st = synth_project_steps(ctx, p, &env, &s, &err);
	if (st && err.status != st)
		st = SYNTH_ERR_ARGUMENT; /* the error must say what the status says */
	last_err = err;
	synth_project_steps_free(ctx, s);
	synth_project_text_free(ctx, out);
	synth_project_free(p);
	return st;
}

static void test_alloc_fail(void)
{
	char path[1024];
	size_t len;
	snprintf(path, sizeof path, "%s/data/full.json", srcdir);
	char *text = read_text(path, &len);
	CHECK(text, "read full.json");
	if (!text)
		return;
	long n;
	for (n = 1; n < 100000; n++) {
		Counting c = {.fail_at = n};
		SynthContext *ctx = synth_context_new(counting_realloc, &c);
		SynthStatus st = ctx ? workload(ctx, text, len) : SYNTH_ERR_NOMEM;
		synth_context_free(ctx);
		CHECK(c.live_blocks == 0 && c.live_bytes == 0, "fail at %ld: %ld blocks, %zu bytes leaked", n,
		      c.live_blocks, c.live_bytes);
		/* A failed shrink is absorbed (strbuf.c copies instead), so a run
		 * with a failure may still succeed; it must never fail otherwise. */
		if (c.failed)
			CHECK(st == SYNTH_ERR_NOMEM || st == SYNTH_OK, "fail at %ld: status %d, not nomem (%s: %s)", n, (int)st, last_err.path,
			      last_err.message);
		else {
			CHECK(st == SYNTH_OK, "no failure injected but status %d", (int)st);
			break;
		}
	}
	CHECK(n > 8, "only %ld allocations: the workload did not run", n);
	printf("alloc: %ld allocation points, each failed once\n", n - 1);
	free(text);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: test_project SRCDIR [--update]\n");
		return 2;
	}
	srcdir = argv[1];
	update = argc > 2 && !strcmp(argv[2], "--update");
	SynthContext *ctx = synth_context_new(NULL, NULL);
	test_roundtrip(ctx);
	test_errors(ctx);
	test_edits(ctx);
	test_steps(ctx);
	test_merge(ctx);
	test_alloc_fail();
	synth_context_free(ctx);
	if (failures) {
		fprintf(stderr, "%d failure(s)\n", failures);
		return 1;
	}
	printf("test_project: all passed\n");
	return 0;
}
