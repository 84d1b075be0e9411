/* test_components.c - the partition of a fused module into components
 * (synth_module_components, core/ABI.md "Components"; issue 10 item 7),
 * and the names the compiler and the planner give after it.
 *
 * Usage: test_components fused3.wasm mixed.wasm foreign.wasm plain.wasm
 *   fused3   three components in the shape of meld's multi-memory lowering:
 *            every function's role and component (transitive attribution
 *            through a call chain, call_indirect filtered by type, export
 *            pins, the result-copy adapter c1->c2, a shared function);
 *            compiled: requests and header name the components, the object
 *            holds M__func_domains and routes calls between components
 *            through M__xcall<g>; planned: a default domain per component
 *            and one for the adapter (exactly memories 1 and 2)
 *   mixed    a function loading from two components' memories: refused by
 *            name, by the analysis and by synth_compile
 *   foreign  an adapter called from a third component and an export pinned
 *            to the wrong component: both named
 *   plain    a multi-memory module outside the contract: no components
 *            named anywhere, and it still compiles
 * Then every allocation of partitioning and compiling fused3, mixed and
 * foreign made to fail in turn: a clean SYNTH_ERR_NOMEM each time (or the
 * refusal), nothing leaked.
 * Exit 1 on any failed check. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "obj/elf.h"
#include "synth/plan.h"
#include "synth/synth.h"

static int failures;

#define CHECK(cond, ...)                                                                  \
	do {                                                                              \
		if (!(cond)) {                                                            \
			fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, __LINE__, #cond); \
			fprintf(stderr, __VA_ARGS__);                                     \
			fputc('\n', stderr);                                              \
			failures++;                                                       \
		}                                                                         \
	} while (0)

static SynthModule *load(SynthContext *ctx, const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "cannot open %s\n", path);
		exit(1);
	}
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	uint8_t *p = malloc(n > 0 ? (size_t)n : 1);
	size_t len = p ? fread(p, 1, n > 0 ? (size_t)n : 0, f) : 0;
	fclose(f);
	SynthModule *mod = NULL;
	if (synth_module_load(ctx, p, len, NULL, &mod) != SYNTH_OK) {
		fprintf(stderr, "%s: %s\n", path, synth_context_diag(ctx)->message);
		exit(1);
	}
	free(p);
	return mod;
}

/* Expected partition of fused3.wat, by function index. */
static const struct {
	SynthFuncRole role;
	int32_t component, peer;
	const char *direct, *reach;
} fused3[] = {
	{SYNTH_FUNC_COMPONENT, 0, -1, "", ""},      /* cabi_realloc: export pin */
	{SYNTH_FUNC_COMPONENT, 1, -1, "", ""},      /* cabi_realloc$1 */
	{SYNTH_FUNC_COMPONENT, 2, -1, "", ""},      /* cabi_realloc$2 */
	{SYNTH_FUNC_COMPONENT, 2, -1, "2", "2"},    /* encode$2 */
	{SYNTH_FUNC_ADAPTER, 1, 2, "12", "12"},     /* adapt_encode: c1 -> c2 */
	{SYNTH_FUNC_COMPONENT, 1, -1, "1", "12"},   /* filter$1 */
	{SYNTH_FUNC_COMPONENT, 1, -1, "1", "1"},    /* leaf */
	{SYNTH_FUNC_COMPONENT, 1, -1, "", "1"},     /* mid: through leaf */
	{SYNTH_FUNC_COMPONENT, 1, -1, "", "1"},     /* outer: through mid, leaf */
	{SYNTH_FUNC_COMPONENT, 0, -1, "0", "012"},  /* run */
	{SYNTH_FUNC_COMPONENT, 0, -1, "0", "0"},    /* h0a */
	{SYNTH_FUNC_COMPONENT, 0, -1, "0", "0"},    /* h0b */
	{SYNTH_FUNC_COMPONENT, 0, -1, "", "0"},     /* dispatch: call_indirect of type $h */
	{SYNTH_FUNC_COMPONENT, 2, -1, "2", "2"},    /* h2: in the table, other type */
	{SYNTH_FUNC_SHARED, -1, -1, "", ""},        /* square */
};

static void list_str(const uint32_t *v, uint32_t n, char *buf)
{
	for (uint32_t i = 0; i < n; i++)
		buf[i] = (char)('0' + v[i]);
	buf[n] = 0;
}

static void check_fused3(SynthContext *ctx, const char *path)
{
	SynthModule *mod = load(ctx, path);
	SynthComponents *c = NULL;
	SynthStatus st = synth_module_components(ctx, mod, &c);
	CHECK(st == SYNTH_OK, "%s", synth_context_diag(ctx)->message);
	if (!c) {
		synth_module_free(mod);
		return;
	}
	CHECK(c->contract && c->partitionable && c->nmixed == 0 && !strcmp(c->error, ""), "contract %d", c->contract);
	CHECK(c->ncomponents == 3, "%u components", c->ncomponents);
	static const char *const exp_mem[] = {"memory", "memory$1", "memory$2"};
	static const uint32_t exp_funcs[] = {5, 5, 3}, exp_adapters[] = {0, 1, 0};
	for (uint32_t k = 0; k < 3 && k < c->ncomponents; k++) {
		const SynthComponent *m = &c->components[k];
		char name[8];
		snprintf(name, sizeof name, "c%u", k);
		CHECK(!strcmp(m->name, name) && m->memidx == k, "component %u is %s", k, m->name);
		CHECK(m->memory_export && !strcmp(m->memory_export, exp_mem[k]), "component %u exports %s", k,
		      m->memory_export ? m->memory_export : "nothing");
		CHECK(m->realloc_func == k, "component %u: cabi_realloc is function %lld", k, (long long)m->realloc_func);
		CHECK(m->nfuncs == exp_funcs[k] && m->nadapters == exp_adapters[k], "component %u: %u functions, %u adapters",
		      k, m->nfuncs, m->nadapters);
	}
	uint32_t n = sizeof fused3 / sizeof fused3[0];
	CHECK(c->nfuncs == n, "%u functions", c->nfuncs);
	/* the calls that cross: adapter -> c1's allocator (back into its
	 * caller's domain), adapter -> encode, filter -> adapter, run -> filter,
	 * run -> outer; all direct (dispatch's call_indirect stays in c0) */
	static const SynthCrossing want_x[] = {{4, 1, true, false}, {4, 3, true, false}, {5, 4, true, false},
	                                       {9, 5, true, false}, {9, 8, true, false}};
	CHECK(c->ncrossings == 5, "%u crossings", c->ncrossings);
	for (uint32_t i = 0; i < 5 && i < c->ncrossings; i++)
		CHECK(c->crossings[i].caller == want_x[i].caller && c->crossings[i].callee == want_x[i].callee &&
		      c->crossings[i].direct == want_x[i].direct && c->crossings[i].indirect == want_x[i].indirect,
		      "crossing %u: %u -> %u", i, c->crossings[i].caller, c->crossings[i].callee);
	CHECK(synth_call_crosses(c, 4, 1) && !synth_call_crosses(c, 3, 2) && !synth_call_crosses(c, 8, 7) &&
	      !synth_call_crosses(c, 9, 14) && synth_call_crosses(c, 5, 4), "synth_call_crosses");
	/* each allocator's bump pointer is set by that component alone */
	CHECK(c->nglobals == 3 && c->global_component[0] == 0 && c->global_component[1] == 1 &&
	      c->global_component[2] == 2, "globals");
	for (uint32_t f = 0; f < n && f < c->nfuncs; f++) {
		const SynthFuncPart *p = &c->funcs[f];
		char dir[40], reach[40];
		list_str(p->direct, p->ndirect, dir);
		list_str(p->reach, p->nreach, reach);
		CHECK(p->role == fused3[f].role && p->component == fused3[f].component && p->peer == fused3[f].peer,
		      "function %u: %s %d/%d", f, synth_func_role_name(p->role), p->component, p->peer);
		CHECK(!strcmp(dir, fused3[f].direct) && !strcmp(reach, fused3[f].reach),
		      "function %u touches {%s} reaches {%s}", f, dir, reach);
		CHECK(p->role != SYNTH_FUNC_ADAPTER || p->directed, "function %u: adapter without direction", f);
		CHECK(!p->why, "function %u: %s", f, p->why);
	}
	synth_components_free(c);

	/* Compiled: requests, header and object name the components. */
	SynthCompileOptions opt = {.target = SYNTH_TARGET_CORTEX_M3, .name = "app", .want_header = true};
	SynthOutput out;
	st = synth_compile(ctx, mod, &opt, &out);
	CHECK(st == SYNTH_OK, "compile: %s", synth_context_diag(ctx)->message);
	if (st == SYNTH_OK) {
		CHECK(strstr(out.requests, "\"memidx\": 1, ") &&
		      strstr(out.requests, "\"component\": \"c1\", \"export\": \"memory$1\", \"adapters\": [\"c1_c2\"]}"),
		      "requests:\n%s", out.requests);
		CHECK(strstr(out.requests, "\"component\": \"c0\", \"export\": \"memory\"}") &&
		      strstr(out.requests, "\"component\": \"c2\", \"export\": \"memory$2\", \"adapters\": [\"c1_c2\"]}"),
		      "requests:\n%s", out.requests);
		CHECK(strstr(out.header, "#define app__NCOMPONENTS 3\n"), "header:\n%s", out.header);
		CHECK(strstr(out.header, "#define app__COMPONENT_c2 2 /* memory 2 \"memory$2\", 3 functions, 0 adapters */\n"),
		      "header:\n%s", out.header);
		CHECK(strstr(out.header, "extern SynthRtMemory app__memctl1; /* 65536 bytes reserved; component c1's */"),
		      "header:\n%s", out.header);
		CHECK(strstr(out.header, "extern const uint16_t app__func_domains[15][2];"), "header:\n%s", out.header);
		CHECK(strstr(out.header, "/* function 4: adapter c1->c2 */\nint32_t app__entry4(int32_t);\nint32_t app__xcall4(int32_t);\n"),
		      "header:\n%s", out.header);
		CHECK(strstr(out.header, "\tX(2, 4, app_c1_c2, 0, int32_t, (int32_t a0)) \\\n") &&
		      strstr(out.header, "#define app__XCALL4_CALLERS(Y) Y(app_c1)\n") &&
		      strstr(out.header, "#define app__XCALL1_CALLERS(Y) Y(app_c1_c2)\n") &&
		      strstr(out.header, "#define app__XCALL1_FLAGS (SYNTH_RT_GATE_LISTED | SYNTH_RT_GATE_REENTER)\n") &&
		      strstr(out.header, "#define app__XCALL3_FLAGS SYNTH_RT_GATE_LISTED\n") &&
		      strstr(out.header, "#define app__XCALL3_CALLERS(Y) Y(app_c1_c2)\n"), "header:\n%s", out.header);
		ElfImage img;
		CHECK(elf_image_open(&img, out.object, out.object_size) == ELF_OK, "object does not read back");
		ElfSym s;
		uint32_t i = elf_image_find_symbol(&img, "app__func_domains");
		CHECK(i && elf_image_symbol(&img, i, &s) && s.size == 4 * n, "app__func_domains");
		const uint8_t *b = i ? elf_image_bytes_at(&img, s.shndx, s.value, 4 * n) : NULL;
		CHECK(b != NULL, "app__func_domains has no bytes");
		for (uint32_t f = 0; b && f < n; f++) {
			uint16_t comp = (uint16_t)(b[4 * f] | b[4 * f + 1] << 8), peer = (uint16_t)(b[4 * f + 2] | b[4 * f + 3] << 8);
			uint16_t ec = fused3[f].component < 0 ? 0xffff : (uint16_t)fused3[f].component;
			uint16_t ep = fused3[f].peer < 0 ? 0xffff : (uint16_t)fused3[f].peer;
			CHECK(comp == ec && peer == ep, "app__func_domains[%u] = {%u, %u}", f, comp, peer);
		}
		/* Calls between components go to weak M__xcall<g> thunks; the
		 * callee gets a global M__entry<g>. From fused3: run -> outer (8)
		 * and filter (5), filter -> adapter (4), adapter -> encode (3)
		 * and back into c1's allocator (1); calls inside a component and
		 * into shared functions stay direct. */
		static const uint32_t crossed[] = {1, 3, 4, 5, 8};
		for (uint32_t g = 0; g < n; g++) {
			bool want = false;
			for (uint32_t j = 0; j < 5; j++)
				want |= crossed[j] == g;
			char xn[32], en[32];
			snprintf(xn, sizeof xn, "app__xcall%u", g);
			snprintf(en, sizeof en, "app__entry%u", g);
			uint32_t xi = elf_image_find_symbol(&img, xn), ei = elf_image_find_symbol(&img, en);
			CHECK(!!xi == want && !!ei == want, "%s/%s %s", xn, en, want ? "missing" : "unexpected");
			ElfSym xs, es;
			if (xi && ei && elf_image_symbol(&img, xi, &xs) && elf_image_symbol(&img, ei, &es))
				CHECK(xs.bind == STB_WEAK && es.bind == STB_GLOBAL && xs.shndx == es.shndx,
				      "%s bind %u, %s bind %u", xn, xs.bind, en, es.bind);
		}
		/* and the code calls them: relocations of .text name them, and
		 * calls inside c1 name M__func<g>: outer -> mid (7) stays a call
		 * (mid calls, and in a fused module only leaves are inlined);
		 * mid -> leaf (6) is inlined (a small leaf of the caller's own
		 * component, core/src/ir/inline.c), so nothing calls func6 */
		uint32_t relsec = elf_image_find_section(&img, ".rel.text");
		bool seen_x[5] = {false}, seen_func6 = false, seen_func7 = false;
		for (uint32_t r = 0; relsec && r < elf_image_nrelocs(&img, relsec); r++) {
			ElfRel rel;
			ElfSym rs;
			if (!elf_image_reloc(&img, relsec, r, &rel) || !elf_image_symbol(&img, rel.sym, &rs))
				continue;
			for (uint32_t j = 0; j < 5; j++) {
				char xn[32];
				snprintf(xn, sizeof xn, "app__xcall%u", crossed[j]);
				seen_x[j] |= !strcmp(rs.name, xn);
			}
			seen_func6 |= !strcmp(rs.name, "app__func6");
			seen_func7 |= !strcmp(rs.name, "app__func7");
		}
		CHECK(relsec && seen_x[0] && seen_x[1] && seen_x[2] && seen_x[3] && seen_x[4] && !seen_func6 && seen_func7,
		      "calls: xcall1 %d xcall3 %d xcall4 %d xcall5 %d xcall8 %d func6 %d func7 %d", seen_x[0], seen_x[1],
		      seen_x[2], seen_x[3], seen_x[4], seen_func6, seen_func7);
		i = elf_image_find_symbol(&img, "app__ncomponents");
		CHECK(i && elf_image_symbol(&img, i, &s) && s.value == 3, "app__ncomponents");
		i = elf_image_find_symbol(&img, "app__func_domains_count");
		CHECK(i && elf_image_symbol(&img, i, &s) && s.value == n, "app__func_domains_count");

		/* Planned: the requests read back keep the names; one domain per component. */
		SynthPlanInput *in = synth_plan_input_new(ctx);
		SynthPlanError err;
		st = synth_plan_input_add_json(in, out.requests, strlen(out.requests), "app.requests.json", &err);
		CHECK(st == SYNTH_OK, "plan input: %s", err.message);
		st = st ? st : synth_plan_input_finish(in, &err);
		CHECK(st == SYNTH_OK, "plan input: %s", err.message);
		const SynthPlanInputDesc *pd = synth_plan_input_desc(in);
		CHECK(st || pd->ndomains == 4, "%u domains", pd->ndomains);
		if (!st && pd->ndomains == 4) {
			/* the adapter's domain: exactly its caller's and its callee's memories */
			const SynthDomain *dm = &pd->domains[3];
			CHECK(!strcmp(dm->name, "app_c1_c2") && dm->nmems == 2 && pd->requests[dm->mems[0]].memidx == 1 &&
			      pd->requests[dm->mems[1]].memidx == 2, "domain 3 is %s with %u memories", dm->name, dm->nmems);
		}
		for (uint32_t k = 0; !st && k < pd->ndomains && k < 3; k++) {
			char name[16];
			snprintf(name, sizeof name, "app_c%u", k);
			const SynthDomain *dm = &pd->domains[k];
			CHECK(!strcmp(dm->name, name) && dm->nmems == 1 && pd->requests[dm->mems[0]].memidx == k,
			      "domain %u is %s", k, dm->name);
			CHECK(pd->requests[k].component && !strcmp(pd->requests[k].component, name + 4), "request %u", k);
		}
		char *text = NULL;
		st = synth_plan_input_write_requests(ctx, in, &text, &err);
		CHECK(st == SYNTH_OK && strstr(text, "\"component\": \"c2\"") && strstr(text, "\"export\": \"memory$2\"") &&
		      strstr(text, "\"adapters\": [\"c1_c2\"]"),
		      "written back:\n%s", text ? text : "");
		synth_plan_text_free(ctx, text);
		synth_plan_input_free(in);
		synth_output_free(ctx, &out);
	}
	synth_module_free(mod);
}

/* A module refused: the analysis names every offender, synth_compile refuses. */
static void check_refused(SynthContext *ctx, const char *path, int64_t first, const char *const *want, uint32_t nmixed)
{
	SynthModule *mod = load(ctx, path);
	SynthComponents *c = NULL;
	SynthStatus st = synth_module_components(ctx, mod, &c);
	const SynthDiag *dg = synth_context_diag(ctx);
	CHECK(st == SYNTH_ERR_UNSUPPORTED && c, "%s: status %s", path, synth_status_name(st));
	CHECK(dg->funcidx == first && strstr(dg->message, want[0]), "%s: diag (function %lld) %s", path,
	      (long long)dg->funcidx, dg->message);
	if (c) {
		CHECK(c->contract && !c->partitionable && c->nmixed == nmixed, "%s: %u mixed", path, c->nmixed);
		for (uint32_t i = 0; i < nmixed; i++)
			CHECK(strstr(c->error, want[i]) != NULL, "%s: error lacks \"%s\":\n%s", path, want[i], c->error);
		if (first == 1) /* mixed.wat: $g set by c0 and by the mixed "peek", $h by nobody */
			CHECK(c->nglobals == 2 && c->global_component[0] == -2 && c->global_component[1] == -1, "%s: globals",
			      path);
	}
	synth_components_free(c);
	SynthCompileOptions opt = {.target = SYNTH_TARGET_CORTEX_M3, .name = "bad"};
	SynthOutput out;
	st = synth_compile(ctx, mod, &opt, &out);
	CHECK(st == SYNTH_ERR_UNSUPPORTED && strstr(synth_context_diag(ctx)->message, want[0]), "%s: compile: %s", path,
	      synth_context_diag(ctx)->message);
	if (st == SYNTH_OK)
		synth_output_free(ctx, &out);
	synth_module_free(mod);
}

/* Allocation failures: the N-th allocation through the context's hook
 * fails, for every N, while fused3 is partitioned and compiled; each run
 * ends in SYNTH_ERR_NOMEM (nothing in *out) or success, and every byte is
 * freed. */
typedef struct Counting {
	long calls, fail_at, live_blocks;
	size_t live_bytes;
	int failed; /* the failure was injected: 1, or 2 when it was a block shrinking */
} Counting;

static void *counting_realloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	Counting *c = ud;
	if (nsize == 0) {
		if (ptr) {
			c->live_blocks--;
			c->live_bytes -= osize;
			free(ptr);
		}
		return NULL;
	}
	if (++c->calls == c->fail_at) {
		c->failed = ptr && nsize < osize ? 2 : 1;
		return NULL;
	}
	void *p = realloc(ptr, nsize);
	if (!p)
		return NULL;
	if (!ptr)
		c->live_blocks++;
	c->live_bytes += nsize - (ptr ? osize : 0);
	return p;
}

static void check_alloc_fail(const char *path, SynthStatus final)
{
	SynthContext *lctx = synth_context_new(NULL, NULL);
	SynthModule *mod = load(lctx, path);
	for (int what = 0; what < 2; what++) {
		long swallowed = 0;
		for (long n = 1;; n++) {
			Counting c = {.fail_at = n};
			SynthContext *ctx = synth_context_new(counting_realloc, &c);
			if (!ctx)
				continue;
			SynthStatus st;
			if (what == 0) {
				SynthComponents *comps = NULL;
				st = synth_module_components(ctx, mod, &comps);
				CHECK(st == final || (st == SYNTH_ERR_NOMEM && !comps), "components, failure %ld: %s", n,
				      synth_status_name(st));
				synth_components_free(comps);
				if (st == final)
					st = SYNTH_OK;
			} else {
				SynthCompileOptions opt = {.target = SYNTH_TARGET_CORTEX_M3, .name = "app", .want_header = true};
				SynthOutput out;
				st = synth_compile(ctx, mod, &opt, &out);
				CHECK(st == final || st == SYNTH_ERR_NOMEM, "compile, failure %ld: %s", n, synth_status_name(st));
				if (st == SYNTH_OK)
					synth_output_free(ctx, &out);
				if (st == final)
					st = SYNTH_OK;
			}
			synth_context_free(ctx);
			CHECK(c.live_blocks == 0 && c.live_bytes == 0, "%s, failure %ld: %ld blocks, %zu bytes leaked",
			      what ? "compile" : "components", n, c.live_blocks, c.live_bytes);
			/* Nothing goes on without memory it asked for, but a finished
			 * text that could not shrink (sy_str_take) keeps its block. */
			CHECK(st != SYNTH_OK || c.failed != 1, "%s went on after failure %ld", what ? "compile" : "components", n);
			swallowed += st == SYNTH_OK && c.failed;
			if (st == SYNTH_OK && c.failed && getenv("VERBOSE"))
				printf("swallowed: %ld\n", n);
			if ((st == SYNTH_OK && !c.failed) || c.live_blocks || n > 100000) {
				CHECK(n > 3, "%s succeeded after only %ld allocations", what ? "compile" : "components", n);
				if (getenv("VERBOSE"))
					printf("%s: %ld allocation points, %ld failures swallowed\n", what ? "compile" : "components",
					       n, swallowed);
				break;
			}
		}
	}
	synth_module_free(mod);
	synth_context_free(lctx);
}

static void check_plain(SynthContext *ctx, const char *path)
{
	SynthModule *mod = load(ctx, path);
	SynthComponents *c = NULL;
	SynthStatus st = synth_module_components(ctx, mod, &c);
	CHECK(c && !c->contract, "%s: follows the contract?", path);
	(void)st;
	synth_components_free(c);
	SynthCompileOptions opt = {.target = SYNTH_TARGET_CORTEX_M3, .name = "plain", .want_header = true};
	SynthOutput out;
	st = synth_compile(ctx, mod, &opt, &out);
	CHECK(st == SYNTH_OK, "%s: compile: %s", path, synth_context_diag(ctx)->message);
	if (st == SYNTH_OK) {
		CHECK(!strstr(out.requests, "component") && !strstr(out.header, "COMPONENT"), "%s names components", path);
		ElfImage img;
		CHECK(elf_image_open(&img, out.object, out.object_size) == ELF_OK &&
		      !elf_image_find_symbol(&img, "plain__func_domains"), "%s: func_domains", path);
		synth_output_free(ctx, &out);
	}
	synth_module_free(mod);
}

/* icall.wat: the calls that take gates because the callee is known only
 * at run time (call_indirect) or the caller's domain is (shared functions),
 * where shared functions run, and the object's M__xgates table. */
static void check_icall(SynthContext *ctx, const char *path)
{
	SynthModule *mod = load(ctx, path);
	SynthComponents *c = NULL;
	SynthStatus st = synth_module_components(ctx, mod, &c);
	CHECK(st == SYNTH_OK && c, "%s: %s", path, synth_context_diag(ctx)->message);
	if (!c) {
		synth_module_free(mod);
		return;
	}
	/* apply (10) runs in c0 (via_apply, 12) and c1 (via_apply1, 14); both
	 * (11) in c0 (via_both, 13); a component's function has no runners */
	const SynthFuncPart *apply = &c->funcs[10], *both = &c->funcs[11];
	CHECK(apply->role == SYNTH_FUNC_SHARED && apply->nrunners == 2 && apply->runners[0] == 12 &&
	      apply->runners[1] == 14, "apply runs in %u domains", apply->nrunners);
	CHECK(both->role == SYNTH_FUNC_SHARED && both->nrunners == 1 && both->runners[0] == 13, "both runs in %u domains",
	      both->nrunners);
	CHECK(c->funcs[7].nrunners == 0, "run_ind has runners");
	CHECK(c->funcs[19].role == SYNTH_FUNC_SHARED && c->funcs[19].nrunners == 0, "peek runs somewhere");
	/* crossings: 17, among them run_ind -> scale1 by call_indirect only,
	 * both -> own0 by call (shared caller), adapter -> c1's allocator */
	CHECK(c->ncrossings == 17, "%u crossings", c->ncrossings);
	bool ind = false, shared_direct = false, back = false, own_from_c0 = false;
	for (uint32_t i = 0; i < c->ncrossings; i++) {
		const SynthCrossing *x = &c->crossings[i];
		ind |= x->caller == 7 && x->callee == 4 && x->indirect && !x->direct;
		shared_direct |= x->caller == 11 && x->callee == 3 && x->direct && !x->indirect;
		back |= x->caller == 16 && x->callee == 1 && x->direct;
		own_from_c0 |= x->caller == 7 && x->callee == 3;
	}
	CHECK(ind && shared_direct && back && !own_from_c0, "crossings: indirect %d shared %d back %d own %d", ind,
	      shared_direct, back, own_from_c0);
	CHECK(synth_call_crosses(c, 10, 3) && synth_call_crosses(c, 11, 4) && !synth_call_crosses(c, 7, 3) &&
	      !synth_call_crosses(c, 12, 10) && synth_call_crosses(c, 16, 1), "synth_call_crosses");
	synth_components_free(c);
	/* M__xgates names the gates of the call_indirect targets (3, 4, 5, 6),
	 * not those only called directly (1, 15, 16, 18) */
	SynthCompileOptions opt = {.target = SYNTH_TARGET_CORTEX_M3, .name = "app"};
	SynthOutput out;
	st = synth_compile(ctx, mod, &opt, &out);
	CHECK(st == SYNTH_OK, "compile: %s", synth_context_diag(ctx)->message);
	if (st == SYNTH_OK) {
		ElfImage img;
		CHECK(elf_image_open(&img, out.object, out.object_size) == ELF_OK, "object does not read back");
		ElfSym xg;
		uint32_t i = elf_image_find_symbol(&img, "app__xgates");
		CHECK(i && elf_image_symbol(&img, i, &xg) && xg.size == 4 * 20, "app__xgates");
		bool seen[20] = {false};
		uint32_t sec = elf_image_find_section(&img, ".rel.rodata.app.const");
		CHECK(sec, "no .rel.rodata.app.const");
		{
			for (uint32_t r = 0; i && sec && r < elf_image_nrelocs(&img, sec); r++) {
				ElfRel rel;
				ElfSym rs;
				unsigned g;
				if (!elf_image_reloc(&img, sec, r, &rel) || !elf_image_symbol(&img, rel.sym, &rs) ||
				    sscanf(rs.name, "app__xcall%u", &g) != 1 || g >= 20)
					continue;
				if (rel.offset >= xg.value && rel.offset < xg.value + xg.size) {
					CHECK(rel.offset == xg.value + 4 * g, "app__xgates[%u] names app__xcall%u",
					      (rel.offset - xg.value) / 4, g);
					seen[g] = true;
				}
			}
		}
		for (uint32_t g = 0; g < 20; g++)
			CHECK(seen[g] == (g >= 3 && g <= 6), "app__xgates[%u] %s", g, seen[g] ? "set" : "unset");
		synth_output_free(ctx, &out);
	}
	synth_module_free(mod);
}

int main(int argc, char **argv)
{
	if (argc != 6) {
		fprintf(stderr, "usage: test_components fused3.wasm mixed.wasm foreign.wasm icall.wasm plain.wasm\n");
		return 2;
	}
	SynthContext *ctx = synth_context_new(NULL, NULL);
	check_fused3(ctx, argv[1]);
	static const char *const mixed[] = {
		"function 1 \"peek\": touches memory 1 (c1) and memory 2 (c2) and does not copy from one to the other"};
	check_refused(ctx, argv[2], 1, mixed, 1);
	static const char *const foreign[] = {
		"function 0 \"copy12\": copies between memory 1 (c1) and memory 2 (c2) but is called from c0",
		"function 2 \"liar\": exported as component c2's but touches memory 1 (c1)"};
	check_refused(ctx, argv[3], 0, foreign, 2);
	check_icall(ctx, argv[4]);
	check_plain(ctx, argv[5]);
	check_alloc_fail(argv[1], SYNTH_OK);
	check_alloc_fail(argv[2], SYNTH_ERR_UNSUPPORTED);
	check_alloc_fail(argv[3], SYNTH_ERR_UNSUPPORTED);
	synth_context_free(ctx);
	if (failures)
		fprintf(stderr, "%d check(s) failed\n", failures);
	else
		printf("components: all checks passed\n");
	return failures ? 1 : 0;
}
