/* test_plan.c - tests of the region planner (labels plan;unit).
 *
 * usage: test_plan SOURCE_DIR   (SOURCE_DIR = tests/plan, holding data/ and golden/)
 *        test_plan seeds DIR    (writes the ELF seeds of fuzz_layout_check)
 * Sections: built-in and rejected targets, unit rules and covers, property
 * tests over random request sets (fixed seed) on every built-in target and
 * both models, golden exports, corrupt and hand-edited layouts, infeasible
 * plans explained, ELF image checks, state sections (owners, both models,
 * merges, budgets, exports, layout edits, images), allocation failures (every allocation
 * of a whole run refused in turn), two threads planning with contexts of
 * their own, and a timing of 64 memories on a 16-region target. SYNTH_UPDATE_GOLDEN=1 rewrites the goldens.
 * Any failed expectation prints FILE:LINE and makes the exit status 1. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "layout_image.h"
#include "plan/plan_internal.h"
#include "counting_alloc.h"
#include "synth/plan.h"

static int failures;
static const char *srcdir;
static SynthContext *ctx; /* the C library's allocator, for everything but the allocation tests */

#define CHECK(c) \
	do { \
		if (!(c)) { \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #c); \
			failures++; \
		} \
	} while (0)
#define CHECK_MSG(c, ...) \
	do { \
		if (!(c)) { \
			fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, __LINE__, #c); \
			fprintf(stderr, __VA_ARGS__); \
			fputc('\n', stderr); \
			failures++; \
		} \
	} while (0)

/* A file of the source folder, malloc'd and NUL-terminated. */
static char *slurp(const char *rel, size_t *len)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/%s", srcdir, rel);
	FILE *f = fopen(path, "rb");
	char *s = NULL;
	long n = -1;
	if (f && fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (s = malloc((size_t)n + 1)) && fread(s, 1, (size_t)n, f) == (size_t)n) {
		s[n] = 0;
		if (len)
			*len = (size_t)n;
	} else {
		fprintf(stderr, "cannot read %s\n", path);
		free(s);
		s = NULL;
	}
	if (f)
		fclose(f);
	return s;
}

/* ---- targets ---- */

static void test_builtin_targets(void)
{
	size_t n = 0;
	for (; synth_plan_target_builtin_name(n); n++) {
		SynthPlanTarget *t = NULL;
		SynthPlanError e;
		const char *name = synth_plan_target_builtin_name(n);
		SynthStatus st = synth_plan_target_builtin(ctx, name, &t, &e);
		CHECK_MSG(st == SYNTH_OK, "%s: %s %s", name, e.path, e.message);
		if (t)
			CHECK_MSG(strcmp(synth_plan_target_desc(t)->name, name) == 0, "file %s names target %s", name,
			          synth_plan_target_desc(t)->name);
		synth_plan_target_free(t);
	}
	CHECK(n >= 9);
	static const char *const want[] = {"mps2-an385", "mps2-an386", "mps2-an500", "mps2-an505", "stm32f407",
	                                   "nrf52840", "stm32h743", "rp2350", "rv32-pmp16"};
	for (size_t i = 0; i < sizeof want / sizeof *want; i++)
		CHECK_MSG(synth_plan_target_builtin_json(want[i]) != NULL, "missing built-in %s", want[i]);
	SynthPlanTarget *t = NULL;
	SynthPlanError e;
	CHECK(synth_plan_target_builtin(ctx, "no-such-board", &t, &e) == SYNTH_ERR_ARGUMENT);
	CHECK(strstr(e.message, "mps2-an385") != NULL);
}

/* A target file with one field replaced, and the error it must give. */
static const struct {
	const char *text;
	const char *path;
	const char *msg;
} bad_targets[] = {
	{"{\"format\":\"synth-target\",\"version\":1,\"name\":\"x\",\"protection\":{\"kind\":\"pmsav9\",\"regions\":8},\"banks\":[]}",
	 "$.protection.kind", "unknown protection unit kind \"pmsav9\""},
	{"{\"format\":\"synth-target\",\"version\":1,\"name\":\"x\",\"protection\":{\"kind\":\"pmsav7\",\"regions\":12},\"banks\":[]}",
	 "$.protection.regions", "8 or 16 regions, not 12"},
	{"{\"format\":\"synth-target\",\"version\":1,\"name\":\"x\",\"protection\":{\"kind\":\"pmp\",\"regions\":80},\"banks\":[]}",
	 "$.protection.regions", "1 to 64 entries"},
	{"{\"format\":\"synth-target\",\"version\":1,\"name\":\"x\",\"protection\":{\"kind\":\"pmsav7\",\"regions\":8},"
	 "\"banks\":[{\"name\":\"a\",\"base\":\"0x20000000\",\"size\":\"64K\"},{\"name\":\"b\",\"base\":\"0x2000f000\",\"size\":\"64K\"}]}",
	 "$.banks[1]", "bank \"b\" [0x2000f000, 0x2001f000) overlaps bank \"a\""},
	{"{\"format\":\"synth-target\",\"version\":1,\"name\":\"x\",\"protection\":{\"kind\":\"pmsav7\",\"regions\":8},"
	 "\"banks\":[{\"name\":\"a\",\"base\":\"0x20000000\",\"sise\":\"64K\"}]}",
	 "$.banks[0].sise", "unknown field \"sise\""},
	{"{\"format\":\"synth-target\",\"version\":1,\"name\":\"x\",\"protection\":{\"kind\":\"pmsav7\",\"regions\":8},"
	 "\"banks\":[{\"name\":\"a\",\"base\":\"0x20000000\",\"size\":\"64Q\"}]}",
	 "$.banks[0].size", "\"64Q\" is not a size"},
	{"{\"format\":\"synth-target\",\"version\":1,\"name\":\"x\",\"protection\":{\"kind\":\"pmsav7\",\"regions\":8},"
	 "\"banks\":[{\"name\":\"a\",\"base\":\"0x20000000\",\"size\":\"64K\"}],"
	 "\"fixed\":[{\"name\":\"flash\",\"base\":\"0x08010000\",\"size\":\"768K\",\"access\":\"rx\"}]}",
	 "$.fixed[0].base", "pmsav7 regions to cover exactly, but \"regions\" is 1"},
	{"{\"format\":\"synth-target\",\"version\":1,\"name\":\"x\",\"protection\":{\"kind\":\"pmsav7\",\"regions\":8},"
	 "\"banks\":[{\"name\":\"a\",\"base\":\"0x20000000\",\"size\":\"64K\"}],"
	 "\"fixed\":[{\"name\":\"s\",\"bank\":\"b\",\"size\":\"1K\",\"access\":\"rw\"}]}",
	 "$.fixed[0].bank", "no bank named \"b\""},
	{"{\"format\":\"synth-target\",\"version\":1,\"name\":\"x\",\"protection\":{\"kind\":\"pmsav7\",\"regions\":8},"
	 "\"banks\":[{\"name\":\"a\",\"base\":\"0x20000000\",\"size\":\"64K\"}],"
	 "\"fixed\":[{\"name\":\"f\",\"base\":\"0\",\"size\":\"1M\",\"access\":\"rx\",\"regions\":7},"
	 "{\"name\":\"g\",\"base\":\"0x40000000\",\"size\":\"1M\",\"access\":\"rw\"}]}",
	 "$.fixed", "fixed regions take 8 of 8 regions"},
	{"{\"format\":\"synth-target\",\"version\":2}", "$.version", "unsupported version 2"},
	{"{\"format\":\"synth-target\",\"version\":1,", "", "JSON syntax error at line 1"},
	{"[1, 2]", "$", "must be an object"},
	{"{\"format\":\"synth-target\",\"version\":1,\"name\":\"x\",\"protection\":{\"kind\":\"pmsav8\",\"regions\":8,\"grain\":8},\"banks\":[]}",
	 "$.protection.grain", "only a PMP has a grain"},
	{"{\"format\":\"synth-target\",\"version\":1,\"name\":\"x\",\"protection\":{\"kind\":\"pmsav8\",\"regions\":8},"
	 "\"banks\":[{\"name\":\"a\",\"base\":\"0x20000010\",\"size\":\"64K\"}]}",
	 "$.banks[0].base", "not a multiple of the pmsav8 granule"},
};

static void test_bad_targets(void)
{
	for (size_t i = 0; i < sizeof bad_targets / sizeof *bad_targets; i++) {
		SynthPlanTarget *t = NULL;
		SynthPlanError e;
		SynthStatus st = synth_plan_target_load_json(ctx, bad_targets[i].text, strlen(bad_targets[i].text), "bad.json", &t, &e);
		CHECK_MSG(st != SYNTH_OK && !t, "bad target %zu accepted", i);
		CHECK_MSG(strcmp(e.file, "bad.json") == 0, "file %s", e.file);
		CHECK_MSG(strcmp(e.path, bad_targets[i].path) == 0, "bad target %zu: path \"%s\", want \"%s\" (%s)", i,
		          e.path, bad_targets[i].path, e.message);
		CHECK_MSG(strstr(e.message, bad_targets[i].msg) != NULL, "bad target %zu: message \"%s\", want \"%s\"", i,
		          e.message, bad_targets[i].msg);
		synth_plan_target_free(t);
	}
}

/* ---- unit rules ---- */

static SynthPlanTarget *target(const char *name)
{
	SynthPlanTarget *t = NULL;
	SynthPlanError e;
	if (synth_plan_target_builtin(ctx, name, &t, &e))
		fprintf(stderr, "target %s: %s\n", name, e.message);
	return t;
}

static void test_units(void)
{
	SynthPlanTarget *t7 = target("mps2-an385");
	const SynthPlanTargetDesc *d7 = synth_plan_target_desc(t7);
	SynthHwRegion r[64];
	/* 5/8 of a 128 KiB block is one region with SRD 0xe0. */
	CHECK(pl_cover(d7, 0x20000000, 0x20014000, 3, -1, r, 8) == 1);
	CHECK(r[0].size == 0x20000 && r[0].srd == 0xe0 && r[0].base == 0x20000000);
	/* An unaligned 32-byte granule range: several regions, each valid, exact. */
	int n = pl_cover(d7, 0x20000020, 0x20011020, 3, -1, r, 64);
	CHECK(n > 1);
	uint64_t covered = 0;
	for (int i = 0; i < n; i++) {
		char why[160];
		CHECK_MSG(pl_region_valid(d7, &r[i], why), "%s", why);
		uint64_t lo[8], hi[8];
		int k = pl_region_ranges(&r[i], lo, hi);
		for (int j = 0; j < k; j++)
			covered += hi[j] - lo[j];
	}
	CHECK(covered == 0x11000);
	/* Hubris's example: 70,000 B costs 128 KiB as one plain region; subregions and
	 * extra regions cut that to 80 KiB with one and less than 71 KiB with two. */
	PlShape s[8];
	int ns = pl_shapes(d7, 70000, 1, s, 4);
	CHECK(ns >= 2);
	CHECK_MSG(s[0].size == 81920 && s[0].cost == 1, "one region: %llu", (unsigned long long)s[0].size);
	CHECK_MSG(s[1].size < 71 * 1024 && s[1].cost == 2, "two regions: %llu", (unsigned long long)s[1].size);
	for (int i = 1; i < ns; i++)
		CHECK(s[i].size < s[i - 1].size && s[i].cost > s[i - 1].cost);
	/* Invalid regions are named. */
	char why[160];
	SynthHwRegion bad = {0x20001000, 0x4000, 0, 0, 3, -1};
	CHECK(!pl_region_valid(d7, &bad, why) && strstr(why, "not aligned"));
	SynthHwRegion small = {0x20000000, 128, 0x01, 0, 3, -1};
	CHECK(!pl_region_valid(d7, &small, why) && strstr(why, "256 bytes"));
	synth_plan_target_free(t7);

	/* PMP: NAPOT when aligned power of two, TOR otherwise. */
	SynthPlanTarget *tp = target("rv32-pmp16");
	const SynthPlanTargetDesc *dp = synth_plan_target_desc(tp);
	CHECK(pl_cover(dp, 0x80000000, 0x80010000, 3, -1, r, 16) == 1 && r[0].pmp_mode == SYNTH_PMP_NAPOT);
	CHECK(pl_cover(dp, 0x80000000, 0x80011000, 3, -1, r, 16) == 1 && r[0].pmp_mode == SYNTH_PMP_TOR);
	CHECK(pl_cover_cost(dp, 0x80000000, 0x80011000) == 2);
	synth_plan_target_free(tp);

	/* Register round trip of a PMSAv8 table with overlapping regions is rejected. */
	SynthRegTable rt;
	memset(&rt, 0, sizeof rt);
	rt.kind = SYNTH_MPU_PMSAV8;
	rt.n = 8;
	rt.words[0] = 0x20000000 | 1 << 1 | 1;
	rt.words[1] = 0x20000fe0 | 1;
	rt.words[2] = 0x20000800 | 1 << 1 | 1;
	rt.words[3] = 0x20001fe0 | 1;
	uint64_t lo[64], hi[64];
	uint32_t acc[64];
	char w2[200];
	CHECK(pl_regs_decode(&rt, lo, hi, acc, 64, w2) < 0 && strstr(w2, "overlaps"));
	/* PMSAv7 misaligned base is reported, not silently truncated. */
	memset(&rt, 0, sizeof rt);
	rt.kind = SYNTH_MPU_PMSAV7;
	rt.n = 8;
	rt.words[0] = 0x20001000 | 1 << 4;
	rt.words[1] = 3u << 24 | (13u << 1) | 1; /* 16 KiB */
	CHECK(pl_regs_decode(&rt, lo, hi, acc, 64, w2) < 0 && strstr(w2, "truncates"));
}

/* ---- property tests ---- */

static uint64_t rng_state = 0x5eed1234abcdULL;
static uint64_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* A random input: 1-6 modules with 1-3 memories and half of them with a
 * state section, 1-4 domains of random members. */
static SynthPlanInput *random_input(uint64_t ram)
{
	SynthPlanInput *in = synth_plan_input_new(ctx);
	SynthPlanError e;
	int nmod = 1 + (int)(rnd() % 6);
	char names[8][16];
	for (int m = 0; m < nmod; m++) {
		snprintf(names[m], sizeof names[m], "m%d", m);
		int nmem = 1 + (int)(rnd() % 3);
		for (int k = 0; k < nmem; k++) {
			SynthMemRequest q;
			memset(&q, 0, sizeof q);
			q.module = names[m];
			q.memidx = (uint32_t)k;
			bool small = rnd() % 3 != 0;
			q.page_size_log2 = small ? 0 : 16;
			uint64_t max = ram / 12;
			uint64_t bytes = small ? 1 + rnd() % (max > 40000 ? 40000 : max) : 65536 * (1 + rnd() % 2);
			q.min_bytes = small ? bytes / 2 : 65536;
			q.reserve = bytes;
			q.has_max = false;
			if (q.reserve < q.min_bytes)
				q.reserve = q.min_bytes;
			q.align = rnd() % 5 == 0 ? 1024 : 1;
			if (synth_plan_input_add_request(in, &q, &e))
				fprintf(stderr, "random request: %s\n", e.message);
		}
		if (rnd() % 2) { /* a state section, placed like a memory of the module's domains */
			char sec[32];
			snprintf(sec, sizeof sec, ".synth_state.%s", names[m]);
			SynthStateRequest st = {.module = names[m], .section = sec, .size = 32 * (1 + rnd() % 160), .align = 32};
			if (synth_plan_input_add_state(in, &st, &e))
				fprintf(stderr, "random state: %s\n", e.message);
		}
	}
	int nd = 1 + (int)(rnd() % 4);
	for (int d = 0; d < nd; d++) {
		const char *members[8];
		size_t n = 0;
		for (int m = 0; m < nmod; m++)
			if (m % nd == d || rnd() % 5 == 0)
				members[n++] = names[m];
		if (!n)
			members[n++] = names[d % nmod];
		char dn[24];
		snprintf(dn, sizeof dn, "d%d", d);
		synth_plan_input_add_domain(in, dn, members, n, &e);
	}
	if (synth_plan_input_finish(in, &e)) {
		synth_plan_input_free(in);
		return NULL;
	}
	return in;
}

/* Every invariant a feasible plan must keep. */
static void check_plan_invariants(const SynthPlan *p, const SynthPlanInput *in, const char *what)
{
	const SynthPlanDesc *d = synth_plan_desc(p);
	const SynthPlanTargetDesc *t = d->target;
	SynthPlanError e;
	for (uint32_t i = 0; i < d->nitems; i++) {
		const SynthPlanItem *a = &d->items[i];
		if (!a->bank)
			continue;
		CHECK_MSG(pl_target_bank_of(t, a->base, a->size) >= 0, "%s: %s outside its bank", what, a->name);
		if (a->kind == SYNTH_ITEM_MEMORY || a->kind == SYNTH_ITEM_STATE)
			CHECK_MSG(a->size >= a->want, "%s: %s smaller than its reserve", what, a->name);
		if (a->kind == SYNTH_ITEM_STATE)
			CHECK_MSG(a->base % 32 == 0, "%s: %s at 0x%llx is not 32-byte aligned", what, a->name,
			          (unsigned long long)a->base);
		for (uint32_t j = 0; j < i; j++) {
			const SynthPlanItem *b = &d->items[j];
			if (!b->bank || (a->parent >= 0) != (b->parent >= 0))
				continue;
			CHECK_MSG(!(a->base < b->base + b->size && b->base < a->base + a->size), "%s: %s overlaps %s", what,
			          a->name, b->name);
		}
	}
	for (uint32_t k = 0; k < d->ndomains; k++) {
		const SynthDomainPlan *dp = &d->domains[k];
		CHECK_MSG(dp->used <= dp->budget, "%s: domain %s over budget", what, dp->name);
		for (uint32_t r = 0; r < dp->nregions; r++) {
			char why[160];
			CHECK_MSG(pl_region_valid(t, &dp->regions[r], why), "%s: domain %s region %u: %s", what, dp->name, r, why);
		}
	}
	/* Every state section has one item, owned by at least one domain. */
	const SynthPlanInputDesc *id = synth_plan_input_desc(in);
	uint32_t nstate = 0;
	for (uint32_t i = 0; i < d->nitems; i++) {
		const SynthPlanItem *a = &d->items[i];
		if (a->kind != SYNTH_ITEM_STATE)
			continue;
		nstate++;
		uint32_t owners = 0;
		for (uint32_t k = 0; k < d->ndomains; k++)
			for (uint32_t j = 0; j < d->domains[k].nitems; j++)
				owners += d->domains[k].items[j] == i;
		CHECK_MSG(owners >= 1, "%s: %s is in no domain", what, a->name);
	}
	CHECK_MSG(nstate == id->nstates, "%s: %u state items for %u state requests", what, nstate, id->nstates);
	CHECK_MSG(synth_layout_check_regs(p, &e) == SYNTH_OK, "%s: %s", what, e.message);
	CHECK_MSG(synth_layout_check_input(p, in, &e) == SYNTH_OK, "%s: %s", what, e.message);
	/* Layout round trip: write, load, check, write again identically. */
	char *t1 = NULL, *t2 = NULL;
	SynthPlan *l = NULL;
	CHECK(synth_layout_write(ctx, p, &t1, &e) == SYNTH_OK);
	if (t1) {
		CHECK_MSG(synth_layout_load_json(ctx, t1, strlen(t1), "rt.json", &l, &e) == SYNTH_OK, "%s: reload: %s %s", what,
		          e.path, e.message);
		if (l) {
			CHECK_MSG(synth_layout_check_regs(l, &e) == SYNTH_OK, "%s: reloaded: %s", what, e.message);
			CHECK(synth_layout_write(ctx, l, &t2, &e) == SYNTH_OK);
			CHECK_MSG(t2 && strcmp(t1, t2) == 0, "%s: layout not stable across a round trip", what);
		}
	}
	synth_plan_text_free(ctx, t1);
	synth_plan_text_free(ctx, t2);
	synth_plan_free(l);
}

static void test_properties(void)
{
	int feasible = 0, total = 0;
	for (size_t ti = 0; synth_plan_target_builtin_name(ti); ti++) {
		SynthPlanTarget *t = target(synth_plan_target_builtin_name(ti));
		uint64_t ram = 0;
		for (uint32_t b = 0; b < synth_plan_target_desc(t)->nbanks; b++)
			ram += synth_plan_target_desc(t)->banks[b].size;
		for (int iter = 0; iter < 40; iter++) {
			SynthPlanInput *in = random_input(ram);
			if (!in)
				continue;
			for (int m = 0; m < 2; m++) {
				SynthPlan *p = NULL;
				SynthPlanError e;
				char what[128];
				snprintf(what, sizeof what, "%s iter %d model %c", synth_plan_target_builtin_name(ti), iter, m ? 'b' : 'a');
				CHECK_MSG(synth_plan_compute(ctx, t, in, m ? SYNTH_MODEL_B : SYNTH_MODEL_A, &p, &e) == SYNTH_OK, "%s: %s",
				          what, e.message);
				total++;
				if (p && synth_plan_desc(p)->feasible) {
					feasible++;
					check_plan_invariants(p, in, what);
				} else if (p) {
					CHECK_MSG(synth_plan_desc(p)->why[0] != 0, "%s: infeasible without a reason", what);
				}
				synth_plan_free(p);
			}
			synth_plan_input_free(in);
		}
		synth_plan_target_free(t);
	}
	printf("property: %d of %d random plans feasible, all invariants checked\n", feasible, total);
	CHECK(feasible > total / 2);
}

/* ---- golden exports ---- */

static void compare_golden(const char *name, const char *text)
{
	char rel[512], path[1024];
	snprintf(rel, sizeof rel, "golden/%s", name);
	snprintf(path, sizeof path, "%s/%s", srcdir, rel);
	if (getenv("SYNTH_UPDATE_GOLDEN")) {
		FILE *f = fopen(path, "wb");
		if (f) {
			fputs(text, f);
			fclose(f);
		}
		return;
	}
	size_t n = 0;
	char *want = slurp(rel, &n);
	CHECK_MSG(want && strcmp(want, text) == 0, "%s differs from the golden file (SYNTH_UPDATE_GOLDEN=1 rewrites it)", name);
	free(want);
}

static SynthPlanInput *input_file(const char *rel)
{
	SynthPlanInput *in = synth_plan_input_new(ctx);
	SynthPlanError e;
	size_t n = 0;
	char *text = slurp(rel, &n);
	if (!text || synth_plan_input_add_json(in, text, n, rel, &e) || synth_plan_input_finish(in, &e)) {
		fprintf(stderr, "%s: %s %s\n", rel, e.path, e.message);
		failures++;
	}
	free(text);
	return in;
}

static void golden_scenario(const char *scenario, const char *data, const char *tname, SynthPlanModel model)
{
	SynthPlanTarget *t = target(tname);
	SynthPlanInput *in = input_file(data);
	SynthPlan *p = NULL;
	SynthPlanError e;
	CHECK(synth_plan_compute(ctx, t, in, model, &p, &e) == SYNTH_OK);
	CHECK_MSG(p && synth_plan_desc(p)->feasible, "%s: %s", scenario, p ? synth_plan_desc(p)->why : "");
	if (p && synth_plan_desc(p)->feasible) {
		char *text = NULL, name[256];
		static const char *const ext[] = {"layout.json", "ld", "h", "c", "map"};
		for (int k = 0; k < 5; k++) {
			SynthStatus st = k == 0 ? synth_layout_write(ctx, p, &text, &e)
			               : k == 1 ? synth_export_ld(ctx, p, &text, &e)
			               : k == 2 ? synth_export_h(ctx, p, "synth_layout.h", &text, &e)
			               : k == 3 ? synth_export_c(ctx, p, "synth_layout.h", &text, &e)
			                        : synth_export_map(ctx, p, &text, &e);
			CHECK_MSG(st == SYNTH_OK, "%s.%s: %s", scenario, ext[k], e.message);
			snprintf(name, sizeof name, "%s.%s", scenario, ext[k]);
			if (text)
				compare_golden(name, text);
			synth_plan_text_free(ctx, text);
			text = NULL;
		}
	}
	synth_plan_free(p);
	synth_plan_input_free(in);
	synth_plan_target_free(t);
}

static void test_golden(void)
{
	golden_scenario("an385-two-domains-b", "data/two-domains.json", "mps2-an385", SYNTH_MODEL_B);
	golden_scenario("an505-two-domains-a", "data/two-domains.json", "mps2-an505", SYNTH_MODEL_A);
	golden_scenario("nrf52840-sensor-a", "data/sensor.json", "nrf52840", SYNTH_MODEL_A);
	golden_scenario("rv32-sensor-b", "data/sensor.json", "rv32-pmp16", SYNTH_MODEL_B);
	/* With state sections (layout version 3). */
	golden_scenario("an505-state-b", "data/state.json", "mps2-an505", SYNTH_MODEL_B);
	golden_scenario("an386-state-a", "data/state.json", "mps2-an386", SYNTH_MODEL_A);
	golden_scenario("an386-state-b", "data/state.json", "mps2-an386", SYNTH_MODEL_B);
}

/* ---- corrupt and hand-edited layouts ---- */

/* The golden layout with the first occurrence of from replaced by to. */
static char *edited(const char *from, const char *to)
{
	size_t n = 0;
	char *s = slurp("golden/an385-two-domains-b.layout.json", &n);
	if (!s)
		return NULL;
	char *at = strstr(s, from);
	if (!at) {
		fprintf(stderr, "edit: \"%s\" not in the golden layout\n", from);
		free(s);
		return NULL;
	}
	size_t nf = strlen(from), nt = strlen(to);
	char *o = malloc(n - nf + nt + 1);
	memcpy(o, s, (size_t)(at - s));
	memcpy(o + (at - s), to, nt);
	strcpy(o + (at - s) + nt, at + nf);
	free(s);
	return o;
}

static const struct {
	const char *from, *to;
	const char *path;   /* expected JSON path; NULL: loads, then the register check must fail */
	const char *msg;
} bad_layouts[] = {
	{"  },\n  \"version\": 1\n}", "  },\n  \"version\": 7\n}", "$.version", "unsupported version 7"},
	{"\"model\": \"b\"", "\"model\": \"c\"", "$.model", "model is \"a\" or \"b\""},
	{"\"kind\": \"pmsav7\"", "\"kind\": \"mpu9\"", "$.target.protection.kind", "unknown protection unit kind"},
	{"\"base\": \"0x21010000\",\n          \"grants\": \"net.0\"", "\"base\": \"0x21018000\",\n          \"grants\": \"net.0\"",
	 "$.domains[0].regions[4]", "not aligned to its size"},
	{"\"name\": \"net.0\"", "\"name\": \"net.7\"", "$.memories[2].name", "must be \"module.memidx\""},
	{"\"grants\": \"shared.0\"", "\"grants\": \"nobody.0\"", "$.domains[0].regions[7].grants", "no item \"nobody.0\""},
	{"\"memories\": [\"net.0\", \"shared.0\"]", "\"memories\": [\"net.0\", \"shared.0\", \"ghost.0\"]",
	 "$.domains[0].memories[2]", "no memory \"ghost.0\""},
	{"\"size\": 8192,\n          \"srd\": \"0xe0\"", "\"size\": 8192,\n          \"srd\": \"0x60\"", NULL,
	 "grants [0x21023c00, 0x21024000) rw, which the layout does not give it"},
	{"\"srd\": \"0xe0\"", "\"srd\": \"0xf0\"", NULL, "does not grant [0x21023000, 0x21023400) rw of app.1"},
	{"\"access\": \"rx\"", "\"access\": \"rwx\"", NULL, "grants [0x00000000, 0x00400000) rwx"},
	{"\"bank\": \"psram\",\n      \"base\": \"0x21000000\"", "\"bank\": \"psram\",\n      \"base\": \"0x21010000\"",
	 "$", "overlaps \"app.0\" [0x21010000, 0x21020000)"},
	/* issue 10: a memory moved onto the runtime's main stack */
	{"\"bank\": \"psram\",\n      \"base\": \"0x21000000\"", "\"bank\": \"sram\",\n      \"base\": \"0x20010000\"",
	 "$", "lies on \"rt_stack\" [0x20000000, 0x20040000), which target \"mps2-an385\" reserves for the runtime"},
	{"\"format\": \"synth-layout\"", "\"format\": \"synth-target\"", "$.format", "expected \"synth-layout\""},
	{"\"exposed\": [],", "\"exposed\": [], \"colour\": 1,", "$.domains[0].colour", "unknown field \"colour\""},
	/* Issue 10: numbers as the file writes them, out-of-range ones refused. */
	{"\"exposed\": [],", "\"exposed\": [{\"base\": \"0x20000000\", \"size\": 0}],", "$.domains[0].exposed[0].size",
	 "is empty or ends past 4 GiB"},
	{"\"exposed\": [],", "\"exposed\": [], \"accepted_exposure\": 64,", "$.domains[0].accepted_exposure",
	 "accepted_exposure needs a layout of version 2"},
	{"\"fixed_bytes\": 12288", "\"fixed_bytes\": 18446744073709551616", "$.totals.fixed_bytes",
	 "\"18446744073709551616\" is too large (more than 2^64 - 1)"},
	{"\"fixed_bytes\": 12288", "\"fixed_bytes\": -12288", "$.totals.fixed_bytes", "-12288 is negative"},
	{"\"reserve\": 156920", "\"reserve\": 1.5e5", "$.totals.reserve", "1.5e5 is not an integer"},
	{"\"srd\": \"0xc0\"", "\"srd\": 18446744073709551615", "$.domains[0].regions[6].srd", "SRD is 8 bits"},
};

static void test_bad_layouts(void)
{
	for (size_t i = 0; i < sizeof bad_layouts / sizeof *bad_layouts; i++) {
		char *text = edited(bad_layouts[i].from, bad_layouts[i].to);
		CHECK_MSG(text != NULL, "edit %zu does not apply", i);
		if (!text)
			continue;
		SynthPlan *p = NULL;
		SynthPlanError e;
		SynthStatus st = synth_layout_load_json(ctx, text, strlen(text), "edited.json", &p, &e);
		if (bad_layouts[i].path) {
			CHECK_MSG(st != SYNTH_OK, "edited layout %zu accepted", i);
			CHECK_MSG(strcmp(e.path, bad_layouts[i].path) == 0, "edit %zu: path \"%s\", want \"%s\" (%s)", i, e.path,
			          bad_layouts[i].path, e.message);
		} else {
			CHECK_MSG(st == SYNTH_OK, "edit %zu: %s %s", i, e.path, e.message);
			if (p)
				st = synth_layout_check_regs(p, &e);
			CHECK_MSG(st != SYNTH_OK, "edited layout %zu passed the register check", i);
		}
		CHECK_MSG(strstr(e.message, bad_layouts[i].msg) != NULL, "edit %zu: message \"%s\", want \"%s\"", i, e.message,
		          bad_layouts[i].msg);
		synth_plan_free(p);
		free(text);
	}
	/* Requests that grew no longer fit. */
	size_t n = 0;
	char *text = slurp("golden/an385-two-domains-b.layout.json", &n);
	SynthPlan *p = NULL;
	SynthPlanError e;
	CHECK(text && synth_layout_load_json(ctx, text, n, "l.json", &p, &e) == SYNTH_OK);
	SynthPlanInput *in = synth_plan_input_new(ctx);
	SynthMemRequest q = {.module = "net", .memidx = 0, .min_bytes = 65536, .max_bytes = 131072, .has_max = true,
	                     .page_size_log2 = 16, .reserve = 131072};
	synth_plan_input_add_request(in, &q, &e);
	synth_plan_input_finish(in, &e);
	CHECK(p && synth_layout_check_input(p, in, &e) != SYNTH_OK);
	CHECK_MSG(strstr(e.message, "net.0 no longer fits: it reserves 128 KiB"), "%s", e.message);
	synth_plan_input_free(in);
	synth_plan_free(p);
	free(text);
}

/* ---- infeasible plans explained ---- */

static void test_infeasible(void)
{
	SynthPlanTarget *t = target("nrf52840");
	SynthPlanInput *in = synth_plan_input_new(ctx);
	SynthPlanError e;
	/* Five memories in one domain: 4 fixed + 5 > 8 regions. */
	for (uint32_t k = 0; k < 5; k++) {
		SynthMemRequest q = {.module = "big", .memidx = k, .min_bytes = 1, .page_size_log2 = 0, .reserve = 1000};
		synth_plan_input_add_request(in, &q, &e);
	}
	/* And one that cannot fit 256 KiB of RAM. */
	SynthMemRequest h = {.module = "huge", .memidx = 0, .min_bytes = 65536 * 5, .page_size_log2 = 16, .reserve = 65536 * 5};
	synth_plan_input_add_request(in, &h, &e);
	CHECK(synth_plan_input_finish(in, &e) == SYNTH_OK);
	SynthPlan *p = NULL;
	CHECK(synth_plan_compute(ctx, t, in, SYNTH_MODEL_B, &p, &e) == SYNTH_OK);
	const SynthPlanDesc *d = synth_plan_desc(p);
	CHECK(!d->feasible);
	CHECK_MSG(strstr(d->why, "domain \"big\" needs 9 regions but the pmsav7 unit has 8: 4 fixed (flash 1, peripherals 1, stack 1, runtime 1) + 5 for its 5 memories"),
	          "%s", d->why);
	CHECK_MSG(strstr(d->why, "huge.0 does not fit: it needs 320 KiB") && strstr(d->why, "bank \"ram\" (256 KiB) is full by"),
	          "%s", d->why);
	char *text = NULL;
	CHECK(synth_layout_write(ctx, p, &text, &e) != SYNTH_OK && !text);
	synth_plan_free(p);
	synth_plan_input_free(in);
	synth_plan_target_free(t);

	/* Unknown domain member. */
	in = synth_plan_input_new(ctx);
	SynthMemRequest q = {.module = "a", .memidx = 0, .min_bytes = 1, .reserve = 64};
	synth_plan_input_add_request(in, &q, &e);
	const char *m[] = {"b.0"};
	synth_plan_input_add_domain(in, "d", m, 1, &e);
	CHECK(synth_plan_input_finish(in, &e) != SYNTH_OK && strstr(e.message, "no memory \"b.0\""));
	synth_plan_input_free(in);
}

/* ---- address pins (issue 12) ---- */

static const SynthPlanItem *find_item(const SynthPlan *p, const char *name);

/* Plans data/two-domains.json on tname under model m with item pinned at
 * addr (and item2 at addr2 when item2 is set); the plan, or NULL. */
static SynthPlan *pinned_plan(const char *tname, SynthPlanModel m, const char *item, uint64_t addr, const char *item2,
                              uint64_t addr2, SynthPlanInput **inp)
{
	SynthPlanTarget *t = target(tname);
	SynthPlanInput *in = input_file("data/two-domains.json");
	SynthPlanError e;
	SynthPlan *p = NULL;
	CHECK_MSG(synth_plan_input_pin_address(in, item, addr, &e) == SYNTH_OK, "%s", e.message);
	if (item2)
		CHECK_MSG(synth_plan_input_pin_address(in, item2, addr2, &e) == SYNTH_OK, "%s", e.message);
	CHECK(t && synth_plan_compute(ctx, t, in, m, &p, &e) == SYNTH_OK);
	synth_plan_target_free(t);
	if (inp)
		*inp = in;
	else
		synth_plan_input_free(in);
	return p;
}

/* The one diagnostic of a pin on an infeasible plan: code, item, address, and
 * the message holding want. */
static void expect_pin_diag(const char *tname, SynthPlanModel m, const char *item, uint64_t addr, const char *item2,
                            uint64_t addr2, SynthPlanDiagCode code, const char *bank, const char *want)
{
	SynthPlan *p = pinned_plan(tname, m, item, addr, item2, addr2, NULL);
	const SynthPlanDesc *d = p ? synth_plan_desc(p) : NULL;
	const SynthPlanDiag *g = NULL;
	for (uint32_t i = 0; d && i < d->ndiags; i++)
		if (d->diags[i].code == code)
			g = &d->diags[i];
	const char *pinned = item2 ? item2 : item;
	uint64_t at = item2 ? addr2 : addr;
	CHECK_MSG(d && !d->feasible && g && g->item && !strcmp(g->item, pinned) && g->address == at &&
	              ((!bank && !g->bank) || (bank && g->bank && !strcmp(g->bank, bank))) && strstr(g->message, want),
	          "%s model %s, %s at 0x%llx: want %s \"%s\", got:\n%s", tname, synth_plan_model_name(m), pinned,
	          (unsigned long long)at, synth_plan_diag_code_name(code), want, d ? d->why : "(no plan)");
	synth_plan_free(p);
}

static void test_pins(void)
{
	/* Feasible pins: the base is exactly the address on either model, every
	 * invariant holds (the layout check with the pinned input included), and
	 * the layout records the pin (version 4) across a round trip. */
	static const struct {
		const char *target, *item;
		uint64_t addr;
		const char *item2;
		uint64_t addr2;
	} ok[] = {
		{"mps2-an385", "app.0", 0x21100000, NULL, 0},            /* PMSAv7, size-aligned */
		{"mps2-an385", "app.0", 0x21108000, NULL, 0},            /* PMSAv7, one region with subregions */
		{"mps2-an385", "net.0", 0x21200000, "app.1", 0x21300000}, /* two pins */
		{"mps2-an505", "net.0", 0x80100400, NULL, 0},            /* PMSAv8, its 1 KiB alignment */
		{"rv32-pmp16", "shared.0", 0x80010000, NULL, 0},          /* PMP */
		{"stm32h743", "app.0", 0x24010000, "net.0", 0x24020000},
	};
	for (size_t i = 0; i < sizeof ok / sizeof *ok; i++)
		for (int m = 0; m < 2; m++) {
			SynthPlanInput *in = NULL;
			SynthPlan *p = pinned_plan(ok[i].target, m ? SYNTH_MODEL_B : SYNTH_MODEL_A, ok[i].item, ok[i].addr,
			                           ok[i].item2, ok[i].addr2, &in);
			const SynthPlanDesc *d = p ? synth_plan_desc(p) : NULL;
			char what[128];
			snprintf(what, sizeof what, "%s model %s pin %s", ok[i].target, m ? "b" : "a", ok[i].item);
			CHECK_MSG(d && d->feasible, "%s: %s", what, d ? d->why : "");
			const SynthPlanItem *it = p ? find_item(p, ok[i].item) : NULL;
			CHECK_MSG(it && it->base == ok[i].addr && it->pinned, "%s: at 0x%llx", what,
			          it ? (unsigned long long)it->base : 0ULL);
			if (ok[i].item2) {
				it = find_item(p, ok[i].item2);
				CHECK_MSG(it && it->base == ok[i].addr2 && it->pinned, "%s: second pin", what);
			}
			const SynthPlanItem *other = p ? find_item(p, "shared.0") : NULL;
			CHECK_MSG(!other || strcmp(ok[i].item, "shared.0") == 0 || !other->pinned, "%s: unpinned item flagged", what);
			if (d && d->feasible) {
				check_plan_invariants(p, in, what);
				char *text = NULL;
				SynthPlanError e;
				CHECK(synth_layout_write(ctx, p, &text, &e) == SYNTH_OK);
				CHECK_MSG(text && strstr(text, "\"pinned\": true") && strstr(text, "\"version\": 4"), "%s", what);
				synth_plan_text_free(ctx, text);
			}
			synth_plan_free(p);
			synth_plan_input_free(in);
		}

	/* Infeasible pins: one structured reason each, on both models. */
	for (int m = 0; m < 2; m++) {
		SynthPlanModel mm = m ? SYNTH_MODEL_B : SYNTH_MODEL_A;
		expect_pin_diag("mps2-an385", mm, "app.0", 0x30000000, NULL, 0, SYNTH_DIAG_PIN_OUTSIDE, NULL,
		                "app.0 is pinned at 0x30000000, which is in no RAM bank of mps2-an385");
		expect_pin_diag("mps2-an385", mm, "app.0", 0xffffffe0, NULL, 0, SYNTH_DIAG_PIN_OUTSIDE, NULL,
		                "app.0 is pinned at 0xffffffe0, which is in no RAM bank of mps2-an385");
		expect_pin_diag("mps2-an385", mm, "app.0", 0x21ff8000, NULL, 0, SYNTH_DIAG_PIN_OUTSIDE, "psram",
		                "would run past the end of bank \"psram\" (0x22000000)");
		expect_pin_diag("mps2-an385", mm, "app.0", 0x21100010, NULL, 0, SYNTH_DIAG_PIN_ALIGN, NULL,
		                "app.0 is pinned at 0x21100010, which is not aligned to 32 bytes");
		expect_pin_diag("mps2-an505", mm, "net.0", 0x80100020, NULL, 0, SYNTH_DIAG_PIN_ALIGN, NULL,
		                "which is not aligned to 1024 bytes");
		expect_pin_diag("mps2-an385", mm, "app.0", 0x20000000, NULL, 0, SYNTH_DIAG_PIN_OVERLAP, "sram",
		                "would overlap the reserved range rt_stack [0x20000000, 0x20040000)");
	}
	/* Model B: PMSAv7 cannot cover 64 KiB at a 32-byte boundary with the
	 * regions left; the reason names where one region would do. */
	expect_pin_diag("mps2-an385", SYNTH_MODEL_B, "app.0", 0x21100020, NULL, 0, SYNTH_DIAG_PIN_ALIGN, NULL,
	                "where the pmsav7 unit cannot cover its 64 KiB with 4 regions or fewer: its regions need another "
	                "alignment; one region covers it at 0x21104000");
	/* Two pins on one another. */
	expect_pin_diag("mps2-an385", SYNTH_MODEL_B, "net.0", 0x21200000, "app.0", 0x21210000, SYNTH_DIAG_PIN_OVERLAP,
	                "psram", "its 64 KiB would overlap the pinned net.0 [0x21200000, 0x21211180)");
	expect_pin_diag("mps2-an385", SYNTH_MODEL_A, "net.0", 0x21200000, "app.0", 0x21210000, SYNTH_DIAG_PIN_OVERLAP,
	                NULL, "its 64 KiB overlap the pinned slice before it, which ends at 0x21211180");
	/* A pin in a bank its bank pin excludes. */
	{
		SynthPlanTarget *t = target("mps2-an385");
		SynthPlanInput *in = synth_plan_input_new(ctx);
		SynthPlanError e;
		SynthMemRequest q = {.module = "m", .memidx = 0, .min_bytes = 4096, .page_size_log2 = 0, .reserve = 4096,
		                     .bank = "psram", .pinned = true, .address = 0x20000000};
		CHECK(synth_plan_input_add_request(in, &q, &e) == SYNTH_OK && synth_plan_input_finish(in, &e) == SYNTH_OK);
		for (int m = 0; m < 2; m++) {
			SynthPlan *p = NULL;
			CHECK(synth_plan_compute(ctx, t, in, m ? SYNTH_MODEL_B : SYNTH_MODEL_A, &p, &e) == SYNTH_OK);
			const SynthPlanDesc *d = synth_plan_desc(p);
			CHECK_MSG(!d->feasible && d->ndiags >= 1 && d->diags[0].code == SYNTH_DIAG_PIN_OUTSIDE &&
			              !strcmp(d->diags[0].bank, "sram") &&
			              strstr(d->diags[0].message, "in bank \"sram\", which is not a bank it may go to"),
			          "%s", d->why);
			synth_plan_free(p);
		}
		/* Unpinned, it plans. */
		CHECK(synth_plan_input_unpin_address(in, "m.0", &e) == SYNTH_OK);
		SynthPlan *p = NULL;
		CHECK(synth_plan_compute(ctx, t, in, SYNTH_MODEL_B, &p, &e) == SYNTH_OK && synth_plan_desc(p)->feasible &&
		      !find_item(p, "m.0")->pinned);
		synth_plan_free(p);
		synth_plan_input_free(in);
		synth_plan_target_free(t);
	}

	/* The codes' names (name_clash had none before the pin codes came). */
	CHECK(!strcmp(synth_plan_diag_code_name(SYNTH_DIAG_NAME_CLASH), "name_clash") &&
	      !strcmp(synth_plan_diag_code_name(SYNTH_DIAG_PIN_OUTSIDE), "pin_outside") &&
	      !strcmp(synth_plan_diag_code_name(SYNTH_DIAG_PIN_ALIGN), "pin_align") &&
	      !strcmp(synth_plan_diag_code_name(SYNTH_DIAG_PIN_OVERLAP), "pin_overlap"));
	/* The pin API's own errors. */
	SynthPlanInput *in = input_file("data/two-domains.json");
	SynthPlanError e;
	CHECK(synth_plan_input_pin_address(in, "nope.0", 0x20000000, &e) == SYNTH_ERR_ARGUMENT &&
	      !strcmp(e.message, "no memory nope.0 among the inputs"));
	CHECK(synth_plan_input_pin_address(in, "app", 0x20000000, &e) == SYNTH_ERR_ARGUMENT &&
	      strstr(e.message, "is not \"module.memidx\" or \"module.state\""));
	CHECK(synth_plan_input_pin_address(in, "app.x", 0x20000000, &e) == SYNTH_ERR_ARGUMENT);
	CHECK(synth_plan_input_pin_address(in, "app.state", 0x20000000, &e) == SYNTH_ERR_ARGUMENT &&
	      !strcmp(e.message, "no state section app.state among the inputs"));
	CHECK(synth_plan_input_pin_address(in, "app.0", 1ULL << 32, &e) == SYNTH_ERR_ARGUMENT &&
	      strstr(e.message, "not below 4 GiB"));
	/* Written requests carry the pin, and read back with it. */
	CHECK(synth_plan_input_pin_address(in, "app.1", 0x21100000, &e) == SYNTH_OK);
	char *text = NULL;
	CHECK(synth_plan_input_write_requests(ctx, in, &text, &e) == SYNTH_OK);
	CHECK_MSG(text && strstr(text, "\"address\": \"0x21100000\""), "%s", text ? text : "");
	SynthPlanInput *back = synth_plan_input_new(ctx);
	CHECK(text && synth_plan_input_add_json(back, text, strlen(text), "r.json", &e) == SYNTH_OK);
	const SynthPlanInputDesc *bd = synth_plan_input_desc(back);
	int k = -1;
	for (uint32_t i = 0; i < bd->nrequests; i++)
		if (!strcmp(bd->requests[i].module, "app") && bd->requests[i].memidx == 1)
			k = (int)i;
	CHECK(k >= 0 && bd->requests[k].pinned && bd->requests[k].address == 0x21100000);
	synth_plan_input_free(back);
	synth_plan_text_free(ctx, text);

	/* The layout check: a layout planned without the pin fails the pinned requests. */
	SynthPlanTarget *t = target("mps2-an385");
	SynthPlanInput *plain = input_file("data/two-domains.json");
	SynthPlan *lp = NULL, *pp = NULL;
	CHECK(synth_plan_compute(ctx, t, plain, SYNTH_MODEL_B, &lp, &e) == SYNTH_OK);
	CHECK(synth_layout_check_input(lp, in, &e) == SYNTH_ERR_INVALID &&
	      strstr(e.message, "memory app.1 is pinned at 0x21100000, the layout puts it at 0x"));
	CHECK(synth_plan_compute(ctx, t, in, SYNTH_MODEL_B, &pp, &e) == SYNTH_OK && synth_plan_desc(pp)->feasible);
	CHECK_MSG(synth_layout_check_input(pp, in, &e) == SYNTH_OK, "%s", e.message);
	/* The diff reports the pin and the move. */
	SynthLayoutDiff *df = NULL;
	CHECK(synth_layout_diff(ctx, lp, pp, &df, &e) == SYNTH_OK);
	CHECK(df && df->pins_changed == 1 && df->moved >= 1);
	text = NULL;
	CHECK(df && synth_layout_diff_text(ctx, df, &text, &e) == SYNTH_OK);
	CHECK_MSG(text && strstr(text, "pinned   app.1  psram 0x21100000 (its address pin)\n") &&
	              strstr(text, "moved    app.1  ") && strstr(text, "; 1 pin changed\n"),
	          "%s", text ? text : "");
	synth_plan_text_free(ctx, text);
	synth_layout_diff_free(ctx, df);
	df = NULL;
	CHECK(synth_layout_diff(ctx, pp, lp, &df, &e) == SYNTH_OK);
	text = NULL;
	CHECK(df && synth_layout_diff_text(ctx, df, &text, &e) == SYNTH_OK && strstr(text, "unpinned app.1  "));
	synth_plan_text_free(ctx, text);
	synth_layout_diff_free(ctx, df);
	/* A layout of version 3 cannot say "pinned". */
	text = NULL;
	CHECK(synth_layout_write(ctx, pp, &text, &e) == SYNTH_OK);
	char *v3 = text ? strdup(text) : NULL;
	if (v3 && strstr(v3, "\"version\": 4")) {
		char *at = strstr(v3, "\"version\": 4");
		at[11] = '3';
		SynthPlan *bad = NULL;
		CHECK(synth_layout_load_json(ctx, v3, strlen(v3), "v3.json", &bad, &e) == SYNTH_ERR_INVALID && !bad &&
		      strstr(e.message, "address pins need a layout of version 4"));
		free(v3);
	}
	synth_plan_text_free(ctx, text);
	synth_plan_free(lp);
	synth_plan_free(pp);
	synth_plan_input_free(plain);
	synth_plan_input_free(in);
	synth_plan_target_free(t);

	/* A pinned state section, from a request file. */
	static const char req[] =
		"{\"format\": \"synth-requests\", \"version\": 2,"
		" \"memories\": [{\"module\": \"s\", \"memidx\": 0, \"min\": 65536, \"address\": \"0x21040000\"}],"
		" \"state\": [{\"kind\": \"state\", \"module\": \"s\", \"section\": \".synth_state.s\", \"size\": 96,"
		" \"address\": \"0x21100000\"}]}";
	static const char req_bad[] =
		"{\"format\": \"synth-requests\", \"version\": 2,"
		" \"memories\": [{\"module\": \"s\", \"memidx\": 0, \"min\": 65536, \"address\": \"0x2104G\"}]}";
	t = target("mps2-an385");
	in = synth_plan_input_new(ctx);
	CHECK(synth_plan_input_add_json(in, req, strlen(req), "s.json", &e) == SYNTH_OK &&
	      synth_plan_input_finish(in, &e) == SYNTH_OK);
	for (int m = 0; m < 2; m++) {
		SynthPlan *p = NULL;
		CHECK(synth_plan_compute(ctx, t, in, m ? SYNTH_MODEL_B : SYNTH_MODEL_A, &p, &e) == SYNTH_OK);
		const SynthPlanItem *s = find_item(p, "s.state"), *s0 = find_item(p, "s.0");
		CHECK_MSG(synth_plan_desc(p)->feasible && s && s->base == 0x21100000 && s->pinned && s0 &&
		              s0->base == 0x21040000,
		          "model %d: %s", m, synth_plan_desc(p)->why);
		if (synth_plan_desc(p)->feasible)
			check_plan_invariants(p, in, "pinned state");
		synth_plan_free(p);
	}
	synth_plan_input_free(in);
	in = synth_plan_input_new(ctx);
	CHECK(synth_plan_input_add_json(in, req_bad, strlen(req_bad), "s.json", &e) == SYNTH_ERR_INVALID &&
	      !strcmp(e.path, "$.memories[0].address"));
	synth_plan_input_free(in);
	synth_plan_target_free(t);

	/* Property: on random inputs, pinning a memory where the unpinned plan
	 * put it keeps the base exactly there whenever the plan stays feasible,
	 * and an infeasible one always says why with a reason. */
	int kept = 0, tried = 0;
	uint64_t rng_saved = rng_state; /* the tests after this one draw what they drew before */
	/* PMSAv7, PMSAv8 and PMP in turn. */
	static const char *const tnames[] = {"stm32h743", "mps2-an505", "rv32-pmp16"};
	static const uint64_t trams[] = {512 * 1024, 4 * 1024 * 1024, 256 * 1024};
	SynthPlanTarget *tts[3] = {target(tnames[0]), target(tnames[1]), target(tnames[2])};
	for (int round = 0; round < 180; round++) {
		SynthPlanTarget *tt = tts[round % 3];
		SynthPlanInput *ri = random_input(trams[round % 3]);
		SynthPlan *p0 = NULL, *p1 = NULL;
		if (!ri)
			continue;
		if (synth_plan_compute(ctx, tt, ri, SYNTH_MODEL_B, &p0, &e) || !synth_plan_desc(p0)->feasible) {
			synth_plan_free(p0);
			synth_plan_input_free(ri);
			continue;
		}
		const SynthPlanDesc *d0 = synth_plan_desc(p0);
		const SynthPlanItem *mi = NULL;
		for (uint32_t i = 0; i < d0->nitems && !mi; i++)
			if (d0->items[i].kind == SYNTH_ITEM_MEMORY && (i + (uint32_t)round) % 2)
				mi = &d0->items[i];
		if (!mi) {
			synth_plan_free(p0);
			synth_plan_input_free(ri);
			continue;
		}
		char name[300];
		snprintf(name, sizeof name, "%s", mi->name);
		uint64_t at = mi->base;
		CHECK(synth_plan_input_pin_address(ri, name, at, &e) == SYNTH_OK);
		for (int m = 0; m < 2; m++) {
			CHECK(synth_plan_compute(ctx, tt, ri, m ? SYNTH_MODEL_B : SYNTH_MODEL_A, &p1, &e) == SYNTH_OK);
			const SynthPlanDesc *d1 = synth_plan_desc(p1);
			tried++;
			if (d1->feasible) {
				kept++;
				CHECK_MSG(find_item(p1, name)->base == at && find_item(p1, name)->pinned, "round %d model %d", round, m);
				check_plan_invariants(p1, ri, "random pin");
			} else {
				CHECK_MSG(d1->ndiags > 0 && d1->why[0], "round %d model %d: infeasible without a reason", round, m);
			}
			synth_plan_free(p1);
			p1 = NULL;
		}
		synth_plan_free(p0);
		synth_plan_input_free(ri);
	}
	for (int q = 0; q < 3; q++)
		synth_plan_target_free(tts[q]);
	rng_state = rng_saved;
	CHECK_MSG(tried >= 90 && kept * 2 >= tried, "random pins: %d of %d plans feasible", kept, tried);
	printf("pins: %d of %d random pinned plans feasible, each pin exactly honoured\n", kept, tried);
}

/* ---- ELF image check ---- */

/* Counts the violations a check reports, keeping the last one. */
typedef struct Seen {
	int n;
	SynthPlanError last;
} Seen;

static void seen(void *ud, const SynthPlanError *e)
{
	Seen *s = ud;
	s->n++;
	s->last = *e;
}

static void test_elf(void)
{
	for (int k = 0; k < LAYOUT_IMAGE_NPLANS; k++) {
		SynthPlan *p = layout_image_plan(ctx, k);
		CHECK_MSG(p != NULL, "layout %d", k);
		if (!p)
			continue;
		const char *unit = synth_mpu_kind_name(synth_plan_desc(p)->target->mpu);
		static const char *const want[LI_NFLAWS] = {
			NULL, NULL, "in the image, the layout puts it at", "the image's synth_mpu_tables",
			"synth_mpu_tables has no contents in the image",
			"(a catch-all such as *(.synth_mem.*)?) placed .synth_mem.",
			"0x100 bytes off the planned base", "which the layout reserves for"};
		uint32_t nmem = 0;
		for (uint32_t i = 0; i < synth_plan_desc(p)->nitems; i++)
			nmem += synth_plan_desc(p)->items[i].kind == SYNTH_ITEM_MEMORY;
		/* Violations each flawed image has: all of them, not only the first. */
		const int count[LI_NFLAWS] = {0, 0, 1, 1, 1, (int)nmem, 1, 1};
		for (int f = 0; f < LI_NFLAWS; f++) {
			size_t size = 0;
			SynthPlanError e;
			uint8_t *img = layout_image(ctx, p, (LayoutImageFlaw)f, &size);
			CHECK_MSG(img != NULL, "%s: no %s image", unit, layout_image_flaw_name(f));
			if (!img)
				continue;
			SynthStatus st = synth_layout_check_elf(p, img, size, "img.elf", &e);
			if (!want[f])
				CHECK_MSG(st == SYNTH_OK, "%s, %s image: %s", unit, layout_image_flaw_name(f), e.message);
			else
				CHECK_MSG(st == SYNTH_ERR_INVALID && strstr(e.message, want[f]) && strcmp(e.file, "img.elf") == 0,
				          "%s, %s image: \"%s\", want \"%s\"", unit, layout_image_flaw_name(f), e.message, want[f]);
			Seen sn = {0};
			SynthStatus st2 = synth_layout_check_image(p, img, size, "img.elf", seen, &sn, &e);
			CHECK_MSG(st2 == st && sn.n == count[f], "%s, %s image: %d violations, want %d (last: %s)", unit,
			          layout_image_flaw_name(f), sn.n, count[f], sn.n ? sn.last.message : "-");
			if (count[f] > 1)
				CHECK_MSG(strstr(e.message, "more violations"), "%s", e.message);
			if (f == LI_GOOD) {
				/* Truncated images are rejected, never read out of bounds. */
				for (size_t cut = 0; cut < size; cut += 5)
					CHECK(synth_layout_check_elf(p, img, cut, "img.elf", &e) != SYNTH_OK);
				/* Without section headers there is no symbol table to read. */
				memset(img + 32, 0, 4); /* e_shoff */
				memset(img + 48, 0, 4); /* e_shnum, e_shstrndx */
				CHECK(synth_layout_check_elf(p, img, 52, "img.elf", &e) != SYNTH_OK);
				CHECK_MSG(strstr(e.message, "no symbol table"), "%s", e.message);
			}
			free(img);
		}
		/* The committed seed image the replay test runs must still pass, or
		 * the replay stops at the first symbol (regenerate with test_plan seeds). */
		char rel[256];
		size_t n = 0;
		snprintf(rel, sizeof rel, "../fuzz/regressions/layout-check-%s-good.elf", unit);
		char *img = slurp(rel, &n);
		SynthPlanError e;
		CHECK_MSG(img && synth_layout_check_elf(p, (const uint8_t *)img, n, rel, &e) == SYNTH_OK,
		          "%s: %s (test_plan seeds DIR writes it anew)", rel, img ? e.message : "missing");
		free(img);
		synth_plan_free(p);
	}
	SynthPlanError e;
	static const uint8_t text[] = "not an image";
	SynthPlan *p = layout_image_plan(ctx, 0);
	CHECK(p && synth_layout_check_elf(p, text, sizeof text, "x", &e) == SYNTH_ERR_INVALID &&
	      strstr(e.message, "not an ELF file"));
	synth_plan_free(p);
}

/* ---- state sections (.synth_state.M) ---- */

/* An input of memories a.0 (64 KiB) and b.0 (4000 B), states a (96 B), b
 * (4192 B) and c (64 B, no memory), and the given domains (none: one per module). */
static SynthPlanInput *state_input(const char *const *doms, SynthPlanError *e)
{
	SynthPlanInput *in = synth_plan_input_new(ctx);
	SynthMemRequest a = {.module = "a", .memidx = 0, .min_bytes = 65536, .page_size_log2 = 16, .reserve = 65536};
	SynthMemRequest b = {.module = "b", .memidx = 0, .min_bytes = 4000, .reserve = 4000};
	SynthStateRequest sa = {.module = "a", .section = ".synth_state.a", .size = 96};
	SynthStateRequest sb = {.module = "b", .section = ".synth_state.b", .size = 4192, .align = 32};
	SynthStateRequest sc = {.module = "c", .section = ".synth_state.c", .symbol = "c__state", .size = 64};
	CHECK(synth_plan_input_add_request(in, &a, e) == SYNTH_OK && synth_plan_input_add_request(in, &b, e) == SYNTH_OK);
	CHECK(synth_plan_input_add_state(in, &sa, e) == SYNTH_OK && synth_plan_input_add_state(in, &sb, e) == SYNTH_OK &&
	      synth_plan_input_add_state(in, &sc, e) == SYNTH_OK);
	for (size_t i = 0; doms && doms[i]; i++) {
		/* "name=m1,m2" */
		char buf[128], *members[8];
		size_t n = 0;
		snprintf(buf, sizeof buf, "%s", doms[i]);
		char *eq = strchr(buf, '=');
		*eq = 0;
		for (char *t = strtok(eq + 1, ","); t && n < 8; t = strtok(NULL, ","))
			members[n++] = t;
		CHECK(synth_plan_input_add_domain(in, buf, (const char *const *)members, n, e) == SYNTH_OK);
	}
	if (synth_plan_input_finish(in, e)) {
		synth_plan_input_free(in);
		return NULL;
	}
	return in;
}

/* Names of domain k's states, joined by ','. */
static const char *dom_states(const SynthPlanInputDesc *d, uint32_t k, char *buf, size_t cap)
{
	size_t n = 0;
	buf[0] = 0;
	for (uint32_t i = 0; i < d->domains[k].nstates && n + 1 < cap; i++)
		n += (size_t)snprintf(buf + n, cap - n, "%s%s", i ? "," : "", d->states[d->domains[k].states[i]].module);
	return buf;
}

static const SynthPlanItem *find_item(const SynthPlan *p, const char *name)
{
	const SynthPlanDesc *d = synth_plan_desc(p);
	for (uint32_t i = 0; i < d->nitems; i++)
		if (strcmp(d->items[i].name, name) == 0)
			return &d->items[i];
	return NULL;
}

static void test_states(void)
{
	SynthPlanError e;
	char buf[64];
	/* Which domains own a state: one per module by default (c, without a
	 * memory, gets its own); then "M.state", else "M", else a memory "M.k". */
	SynthPlanInput *in = state_input(NULL, &e);
	CHECK_MSG(in != NULL, "%s", e.message);
	if (in) {
		const SynthPlanInputDesc *d = synth_plan_input_desc(in);
		CHECK(d->ndomains == 3 && strcmp(d->domains[2].name, "c") == 0 && d->domains[2].nmems == 0);
		for (uint32_t k = 0; k < d->ndomains; k++)
			CHECK_MSG(strcmp(dom_states(d, k, buf, sizeof buf), d->domains[k].name) == 0, "domain %s owns %s",
			          d->domains[k].name, buf);
	}
	synth_plan_input_free(in);
	static const char *const doms1[] = {"x=a.0,b", "y=a,b.0", "z=c.state,a.0", NULL};
	in = state_input(doms1, &e);
	CHECK_MSG(in != NULL, "%s", e.message);
	if (in) {
		const SynthPlanInputDesc *d = synth_plan_input_desc(in);
		CHECK_MSG(strcmp(dom_states(d, 0, buf, sizeof buf), "b") == 0, "x owns %s", buf);
		CHECK_MSG(strcmp(dom_states(d, 1, buf, sizeof buf), "a") == 0, "y owns %s", buf);
		CHECK_MSG(strcmp(dom_states(d, 2, buf, sizeof buf), "c") == 0, "z owns %s", buf);
	}
	synth_plan_input_free(in);
	static const char *const doms2[] = {"x=a.0", "y=b.0", NULL};
	in = state_input(doms2, &e);
	CHECK_MSG(!in && strstr(e.message, "the state section of module c (.synth_state.c) is in no domain"), "%s",
	          e.message);
	static const char *const doms3[] = {"x=a,b,q.state", NULL};
	in = state_input(doms3, &e);
	CHECK_MSG(!in && strstr(e.message, "no state section \"q.state\""), "%s", e.message);

	/* A module "stack" and a domain "state": stack.state would name two items. */
	in = synth_plan_input_new(ctx);
	SynthStateRequest sst = {.module = "stack", .section = ".synth_state.stack", .size = 32};
	const char *stm[] = {"stack"};
	synth_plan_input_add_state(in, &sst, &e);
	synth_plan_input_add_domain(in, "state", stm, 1, &e);
	CHECK(synth_plan_input_finish(in, &e) == SYNTH_OK);
	{
		SynthPlanTarget *t1 = target("mps2-an386");
		SynthPlan *p1 = NULL;
		CHECK(synth_plan_compute(ctx, t1, in, SYNTH_MODEL_B, &p1, &e) == SYNTH_OK);
		CHECK_MSG(p1 && !synth_plan_desc(p1)->feasible &&
		              strstr(synth_plan_desc(p1)->why, "the state section stack.state and the stack region of domain \"state\""),
		          "%s", p1 ? synth_plan_desc(p1)->why : "");
		synth_plan_free(p1);
		synth_plan_target_free(t1);
	}
	synth_plan_input_free(in);

	/* Both models on every built-in target: invariants, totals, round trips. */
	in = state_input(NULL, &e);
	int feasible = 0;
	for (size_t ti = 0; in && synth_plan_target_builtin_name(ti); ti++) {
		SynthPlanTarget *t = target(synth_plan_target_builtin_name(ti));
		for (int m = 0; m < 2; m++) {
			SynthPlan *p = NULL;
			char what[96];
			snprintf(what, sizeof what, "states on %s model %c", synth_plan_target_builtin_name(ti), m ? 'b' : 'a');
			CHECK(synth_plan_compute(ctx, t, in, m ? SYNTH_MODEL_B : SYNTH_MODEL_A, &p, &e) == SYNTH_OK);
			if (p && synth_plan_desc(p)->feasible) {
				feasible++;
				const SynthPlanDesc *d = synth_plan_desc(p);
				check_plan_invariants(p, in, what);
				CHECK_MSG(d->state_bytes == 96 + 4192 + 64, "%s: state bytes %llu", what,
				          (unsigned long long)d->state_bytes);
				CHECK_MSG(d->requested == 65536 + 4000 + 96 + 4192 + 64, "%s: requested %llu", what,
				          (unsigned long long)d->requested);
				const SynthPlanItem *sa = find_item(p, "a.state");
				CHECK_MSG(sa && sa->kind == SYNTH_ITEM_STATE && strcmp(sa->module, "a") == 0 && sa->want == 96 &&
				              (m ? sa->parent < 0 : sa->parent >= 0),
				          "%s: a.state", what);
				char *text = NULL;
				CHECK(synth_layout_write(ctx, p, &text, &e) == SYNTH_OK);
				CHECK_MSG(text && strstr(text, "\n  \"version\": 3\n") && strstr(text, "\"states\": [\"c.state\"]"),
				          "%s: layout", what);
				synth_plan_text_free(ctx, text);
			}
			synth_plan_free(p);
		}
		synth_plan_target_free(t);
	}
	CHECK_MSG(feasible >= 10, "%d plans with states feasible", feasible);

	/* Model B on PMSAv8 puts a state at the end of its module's memory:
	 * one region for both, no more than the memories alone take. */
	SynthPlanTarget *t = target("mps2-an505");
	SynthPlan *p = NULL;
	CHECK(in && synth_plan_compute(ctx, t, in, SYNTH_MODEL_B, &p, &e) == SYNTH_OK);
	if (p) {
		const SynthPlanDesc *d = synth_plan_desc(p);
		const SynthPlanItem *m = find_item(p, "a.0"), *st = find_item(p, "a.state");
		CHECK(d->feasible && m && st && st->base == m->base + m->size && st->size == 96);
		CHECK_MSG(d->domains[0].used == d->domains[0].fixed_regions + 1, "domain a uses %u regions, %u fixed",
		          d->domains[0].used, d->domains[0].fixed_regions);
		CHECK_MSG(d->domains[2].used == d->domains[2].fixed_regions + 1, "domain c uses %u regions",
		          d->domains[2].used);
		char *ld = NULL, *h = NULL, *c = NULL, *map = NULL;
		CHECK(synth_export_ld(ctx, p, &ld, &e) == SYNTH_OK && synth_export_h(ctx, p, "l.h", &h, &e) == SYNTH_OK &&
		      synth_export_c(ctx, p, "l.h", &c, &e) == SYNTH_OK && synth_export_map(ctx, p, &map, &e) == SYNTH_OK);
		char want[256];
		snprintf(want, sizeof want, "  .synth_state.a 0x%08llx (NOLOAD) :\n  {\n    KEEP(*(.synth_state.a))\n    . = 0x60;\n  }\n",
		         (unsigned long long)st->base);
		CHECK_MSG(ld && strstr(ld, want), "%s", ld ? ld : "");
		CHECK(ld && strstr(ld, "ASSERT(!DEFINED(a__state) || a__state == ADDR(.synth_state.a), ") &&
		      strstr(ld, "__synth_state_c_size = 0x400;") /* 1 KiB: the an505's alignment */ && strstr(ld, "ASSERT(SIZEOF(.synth_state.b) == 0x1060, "));
		snprintf(want, sizeof want, "#define SYNTH_STATE_a_BASE 0x%08llxu\n#define SYNTH_STATE_a_SIZE 0x00000060u\n",
		         (unsigned long long)st->base);
		CHECK_MSG(h && strstr(h, want) && strstr(h, "extern const SynthLayoutRange synth_layout_zero[SYNTH_LAYOUT_NZERO];"),
		          "%s", h ? h : "");
		/* a.0 and a.state are one range to zero. */
		snprintf(want, sizeof want, "  { 0x%08llxu, 0x%08llxu },\n", (unsigned long long)m->base,
		         (unsigned long long)(m->size + st->size));
		CHECK_MSG(c && strstr(c, want) && strstr(c, "a.0+a.state ["), "%s", c ? c : "");
		CHECK_MSG(map && strstr(map, "a.state  state section .synth_state.a") && strstr(map, "  a.0+a.state\n") &&
		              strstr(map, "state sections: 4352 bytes"),
		          "%s", map ? map : "");
		synth_plan_text_free(ctx, ld);
		synth_plan_text_free(ctx, h);
		synth_plan_text_free(ctx, c);
		synth_plan_text_free(ctx, map);
		/* A grown state no longer fits; a state the layout lacks has no place. */
		SynthPlanInput *in2 = synth_plan_input_new(ctx);
		SynthStateRequest big = {.module = "b", .section = ".synth_state.b", .size = 8192};
		synth_plan_input_add_state(in2, &big, &e);
		CHECK(synth_plan_input_finish(in2, &e) == SYNTH_OK);
		CHECK(synth_layout_check_input(p, in2, &e) != SYNTH_OK);
		CHECK_MSG(strstr(e.message, "the state section of module b (.synth_state.b) no longer fits: it needs 8 KiB"),
		          "%s", e.message);
		synth_plan_input_free(in2);
		in2 = synth_plan_input_new(ctx);
		SynthStateRequest other = {.module = "z", .section = ".synth_state.z", .size = 32};
		synth_plan_input_add_state(in2, &other, &e);
		CHECK(synth_plan_input_finish(in2, &e) == SYNTH_OK);
		CHECK(synth_layout_check_input(p, in2, &e) != SYNTH_OK && strstr(e.message, "module z (.synth_state.z, 32 B) has no place"));
		synth_plan_input_free(in2);
	}
	synth_plan_free(p);
	synth_plan_target_free(t);
	synth_plan_input_free(in);

	/* States count in the regions-per-domain budget: on the nrf52840 (8
	 * regions, 4 fixed) domain "one" holds four memories, which "two"
	 * shares, and the state of their module, which "two" does not (it names
	 * only memories): the state cannot share a memory's region, and "one"
	 * needs a ninth region. Without the state both fit. */
	t = target("nrf52840");
	for (int with_state = 0; with_state < 2; with_state++) {
		in = synth_plan_input_new(ctx);
		for (uint32_t k = 0; k < 4; k++) {
			SynthMemRequest q = {.module = "big", .memidx = k, .min_bytes = 1, .reserve = 1024};
			synth_plan_input_add_request(in, &q, &e);
		}
		SynthStateRequest st = {.module = "big", .section = ".synth_state.big", .size = 2048};
		if (with_state)
			synth_plan_input_add_state(in, &st, &e);
		const char *one[] = {"big"}, *two[] = {"big.0", "big.1", "big.2", "big.3"};
		synth_plan_input_add_domain(in, "one", one, 1, &e);
		synth_plan_input_add_domain(in, "two", two, 4, &e);
		CHECK(synth_plan_input_finish(in, &e) == SYNTH_OK);
		p = NULL;
		CHECK(synth_plan_compute(ctx, t, in, SYNTH_MODEL_B, &p, &e) == SYNTH_OK);
		CHECK_MSG(p && synth_plan_desc(p)->feasible == !with_state, "with state %d: %s", with_state,
		          p ? synth_plan_desc(p)->why : "");
		if (with_state && p)
			CHECK_MSG(strstr(synth_plan_desc(p)->why, "domain \"one\" needs 9 regions but the pmsav7 unit has 8: 4 fixed "
			                                          "(flash 1, peripherals 1, stack 1, runtime 1) + 5 for its 4 memories "
			                                          "and 1 state section"),
			          "%s", synth_plan_desc(p)->why);
		synth_plan_free(p);
		synth_plan_input_free(in);
	}
	/* With one domain the state merges into a memory's region (SRD eighths). */
	in = synth_plan_input_new(ctx);
	for (uint32_t k = 0; k < 4; k++) {
		SynthMemRequest q = {.module = "big", .memidx = k, .min_bytes = 1, .reserve = 1024};
		synth_plan_input_add_request(in, &q, &e);
	}
	SynthStateRequest bst = {.module = "big", .section = ".synth_state.big", .size = 2048};
	synth_plan_input_add_state(in, &bst, &e);
	CHECK(synth_plan_input_finish(in, &e) == SYNTH_OK);
	p = NULL;
	CHECK(synth_plan_compute(ctx, t, in, SYNTH_MODEL_B, &p, &e) == SYNTH_OK);
	CHECK_MSG(p && synth_plan_desc(p)->feasible && synth_plan_desc(p)->domains[0].used == 8, "%s",
	          p ? synth_plan_desc(p)->why : "");
	synth_plan_free(p);
	synth_plan_input_free(in);
	synth_plan_target_free(t);

	/* Layout files: states need version 3; names, sizes and owners are checked. */
	size_t n = 0;
	char *gold = slurp("golden/an505-state-b.layout.json", &n);
	CHECK(gold != NULL);
	static const struct {
		const char *from, *to, *path, *msg;
	} edits[] = {
		{"\n  \"version\": 3\n", "\n  \"version\": 2\n", "$.states", "state sections need a layout of version 3"},
		{"\"name\": \"net.state\"", "\"name\": \"net.stat\"", "$.states[2].name", "must be \"module.state\""},
		{"\"reserve\": 96,", "\"reserve\": 100,", "$.states[2].size", "a nonzero multiple of 32 bytes"},
		{"\"states\": [\"net.state\"]", "\"states\": []", "$.domains", "state section \"net.state\" is in no domain"},
		{"\"states\": [\"net.state\"]", "\"states\": [\"net.0\"]", "$.domains[0].states[0]", "no state section \"net.0\""},
	};
	for (size_t i = 0; gold && i < sizeof edits / sizeof *edits; i++) {
		char *at = strstr(gold, edits[i].from);
		CHECK_MSG(at != NULL, "state edit %zu does not apply", i);
		if (!at)
			continue;
		size_t nf = strlen(edits[i].from), nt = strlen(edits[i].to);
		char *o = malloc(n - nf + nt + 1);
		memcpy(o, gold, (size_t)(at - gold));
		memcpy(o + (at - gold), edits[i].to, nt);
		strcpy(o + (at - gold) + nt, at + nf);
		p = NULL;
		SynthStatus st = synth_layout_load_json(ctx, o, strlen(o), "edited.json", &p, &e);
		CHECK_MSG(st != SYNTH_OK && strcmp(e.path, edits[i].path) == 0 && strstr(e.message, edits[i].msg),
		          "state edit %zu: %s: %s", i, e.path, e.message);
		synth_plan_free(p);
		free(o);
	}
	free(gold);

	/* Linked images: each state section the module's own, where planned. */
	for (int k = 0; k < LAYOUT_IMAGE_NSTATEPLANS; k++) {
		p = layout_image_state_plan(ctx, k);
		CHECK_MSG(p != NULL, "state layout %d", k);
		if (!p)
			continue;
		static const char *const want[LIS_NFLAWS] = {
			NULL, "0x20 bytes off the planned base", "the image does not define app__state",
			"(a catch-all such as *(.synth_state.*)?) placed .synth_state."};
		static const int count[LIS_NFLAWS] = {0, 1, 1, 3};
		for (int f = 0; f < LIS_NFLAWS; f++) {
			size_t size = 0;
			uint8_t *img = layout_image_states(ctx, p, LI_GOOD, (LayoutImageStateFlaw)f, &size);
			CHECK(img != NULL);
			Seen sn = {0};
			SynthStatus st = img ? synth_layout_check_image(p, img, size, "img.elf", seen, &sn, &e) : SYNTH_ERR_NOMEM;
			if (!want[f])
				CHECK_MSG(st == SYNTH_OK, "state layout %d, good image: %s", k, e.message);
			else
				CHECK_MSG(st == SYNTH_ERR_INVALID && strstr(e.message, want[f]) && sn.n == count[f],
				          "state layout %d, flaw %d: %d violations, \"%s\", want \"%s\"", k, f, sn.n, e.message, want[f]);
			free(img);
		}
		/* A memory catch-all leaves the states alone: only the memories show. */
		size_t size = 0;
		uint8_t *img = layout_image_states(ctx, p, LI_CATCH_ALL, LIS_GOOD, &size);
		Seen sn = {0};
		CHECK(img && synth_layout_check_image(p, img, size, "img.elf", seen, &sn, &e) == SYNTH_ERR_INVALID && sn.n == 4);
		free(img);
		synth_plan_free(p);
	}
}

/* ---- sizes and numbers (issue 10, item 6) ---- */

static void test_sizes(void)
{
	static const struct {
		const char *text;
		uint64_t value; /* when msg is NULL */
		const char *msg;
	} cases[] = {
		{"0", 0, NULL}, {"4096", 4096, NULL}, {"0x2000_0000", 0x20000000, NULL}, {"64K", 65536, NULL},
		{"64KiB", 65536, NULL}, {"4M", 4u << 20, NULL}, {"1G", 1u << 30, NULL},
		{"18446744073709551615", UINT64_MAX, NULL}, {"0xffffffffffffffff", UINT64_MAX, NULL},
		{"18446744073709551616", 0, "is too large"}, {"0x10000000000000000", 0, "is too large"},
		{"99999999999999999999999", 0, "is too large"}, {"17179869184G", 0, "is too large"},
		{"-1", 0, "is negative"}, {"-5K", 0, "is negative"}, {"+5", 0, "is not a size"}, {" 5", 0, "is not a size"},
		{"5 ", 0, "is not a size"}, {"5X", 0, "is not a size"}, {"0x", 0, "is not a size"}, {"0x_1", 0, "is not a size"},
		{"K", 0, "is not a size"}, {"", 0, "empty size"}, {"1.5K", 0, "is not a size"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		uint64_t v = 12345;
		SynthPlanError e;
		SynthStatus st = synth_plan_parse_size(cases[i].text, &v, &e);
		if (!cases[i].msg)
			CHECK_MSG(st == SYNTH_OK && v == cases[i].value, "\"%s\": %s", cases[i].text, e.message);
		else
			CHECK_MSG(st == SYNTH_ERR_INVALID && v == 12345 && strstr(e.message, cases[i].msg), "\"%s\": \"%s\"",
			          cases[i].text, e.message);
	}
	uint64_t v = 0;
	SynthPlanError e;
	CHECK(synth_plan_parse_cap("4G", &v, &e) == SYNTH_OK && v == 1ull << 32);
	CHECK(synth_plan_parse_cap("0", &v, &e) == SYNTH_ERR_INVALID && strstr(e.message, "from 1 byte to 4 GiB, not 0"));
	CHECK(synth_plan_parse_cap("0x100000001", &v, &e) == SYNTH_ERR_INVALID && strstr(e.message, "not 4294967297"));
	/* A number json-c clamps is shown as written, at its path, even nested
	 * deep or after a duplicate key (json-c keeps the last one, so does the report). */
	static const struct {
		const char *json, *path, *msg;
	} numbers[] = {
		{"{\"format\":\"synth-requests\",\"version\":1,\"memories\":[{\"module\":\"a\",\"memidx\":0,\"min\":1,"
		 "\"page_size\":1,\"reserve\":5,\"reserve\":36893488147419103232}]}",
		 "$.memories[0].reserve", "\"36893488147419103232\" is too large"},
		{"{\"format\":\"synth-requests\",\"version\":1,\"memories\":[{\"module\":\"a\",\"memidx\":0,\"min\":1,"
		 "\"page_size\":1,\"reserve\":5}],\"memories\":[{\"module\":\"b\",\"memidx\":0,\"min\":-18446744073709551617,"
		 "\"page_size\":1,\"reserve\":5}]}",
		 "$.memories[0].min", "-18446744073709551617 is negative"},
		{"{\"format\":\"synth-requests\",\"version\":18446744073709551616,\"memories\":[]}", "$.version",
		 "\"18446744073709551616\" is too large"},
		{"{\"format\":\"synth-requests\",\"version\":18446744073709551615,\"memories\":[]}", "$.version",
		 "unsupported version 18446744073709551615"},
	};
	for (size_t i = 0; i < sizeof numbers / sizeof *numbers; i++) {
		SynthPlanInput *in = synth_plan_input_new(ctx);
		CHECK(synth_plan_input_add_json(in, numbers[i].json, strlen(numbers[i].json), "n.json", &e) == SYNTH_ERR_INVALID);
		CHECK_MSG(strcmp(e.path, numbers[i].path) == 0 && strstr(e.message, numbers[i].msg), "number %zu: %s: %s", i,
		          e.path, e.message);
		synth_plan_input_free(in);
	}
	/* Targets: "align" 0, and a region count beyond 64 bits or at 2^64 - 1. */
	const char *t = synth_plan_target_builtin_json("mps2-an385");
	static const struct {
		const char *from, *to, *path, *msg;
	} edited_targets[] = {
		{"\"kind\": \"pmsav7\",", "\"kind\": \"pmsav7\", \"align\": 0,", "$.protection.align",
		 "align must be a power of two from 32 bytes, not 0"},
		{"\"regions\": 8", "\"regions\": 18446744073709551616", "$.protection.regions", "\"18446744073709551616\" is too large"},
		{"\"regions\": 8", "\"regions\": 18446744073709551615", "$.protection.regions",
		 "a pmsav7 MPU has 8 or 16 regions, not 18446744073709551615"},
	};
	for (size_t i = 0; t && i < sizeof edited_targets / sizeof *edited_targets; i++) {
		const char *at = strstr(t, edited_targets[i].from);
		CHECK_MSG(at != NULL, "target edit %zu does not apply", i);
		if (!at)
			continue;
		size_t n = strlen(t), nf = strlen(edited_targets[i].from), nt = strlen(edited_targets[i].to);
		char *s = malloc(n - nf + nt + 1);
		memcpy(s, t, (size_t)(at - t));
		memcpy(s + (at - t), edited_targets[i].to, nt);
		strcpy(s + (at - t) + nt, at + nf);
		SynthPlanTarget *tg = NULL;
		CHECK(synth_plan_target_load_json(ctx, s, strlen(s), "t.json", &tg, &e) == SYNTH_ERR_INVALID);
		CHECK_MSG(strcmp(e.path, edited_targets[i].path) == 0 && strstr(e.message, edited_targets[i].msg),
		          "target edit %zu: %s: %s", i, e.path, e.message);
		synth_plan_target_free(tg);
		free(s);
	}
}

/* ---- exposure accepted or not (issue 10, item 5) ---- */

static void test_exposure(void)
{
	SynthPlanTarget *t = target("mps2-an385");
	SynthPlanInput *in = input_file("data/exposed.json");
	SynthPlan *p = NULL, *l = NULL;
	SynthPlanError e;
	char *text = NULL;
	CHECK(t && in && synth_plan_compute(ctx, t, in, SYNTH_MODEL_A, &p, &e) == SYNTH_OK);
	if (!p)
		goto done;
	const SynthPlanDesc *d = synth_plan_desc(p);
	int exposed = 0;
	for (uint32_t k = 0; k < d->ndomains; k++)
		exposed += d->domains[k].exposed != 0;
	CHECK_MSG(d->feasible && !d->enforced && exposed == 4, "feasible %d, %d domains exposed", d->feasible, exposed);
	Seen sn = {0};
	CHECK(synth_layout_check_exposure(p, seen, &sn, &e) == SYNTH_ERR_INVALID && sn.n == exposed);
	CHECK_MSG(strstr(e.message, "domain \"pair0\" can write 192 bytes it does not own") &&
	          strstr(e.message, "(and 3 more violations)"), "%s", e.message);
	CHECK(synth_layout_write(ctx, p, &text, &e) == SYNTH_OK && strstr(text, "\n  \"version\": 1\n") &&
	      !strstr(text, "accepted_exposure"));
	synth_plan_text_free(ctx, text);
	text = NULL;
	synth_plan_accept_exposure(p);
	CHECK(synth_layout_check_exposure(p, NULL, NULL, &e) == SYNTH_OK);
	CHECK(synth_layout_write(ctx, p, &text, &e) == SYNTH_OK && strstr(text, "\n  \"version\": 2\n") &&
	      strstr(text, "\"accepted_exposure\": 192,"));
	/* The mark survives a round trip, and the loaded layout passes. */
	CHECK(text && synth_layout_load_json(ctx, text, strlen(text), "x.json", &l, &e) == SYNTH_OK);
	CHECK(l && synth_plan_desc(l)->domains[2].accepted == 192 && synth_layout_check_exposure(l, NULL, NULL, &e) == SYNTH_OK &&
	      synth_layout_check_regs(l, &e) == SYNTH_OK);
	char *h = NULL, *c = NULL, *m = NULL;
	CHECK(l && synth_export_h(ctx, l, "x.h", &h, &e) == SYNTH_OK && strstr(h, "#define SYNTH_DOMAIN_pair0_EXPOSURE_ACCEPTED 1"));
	CHECK(l && synth_export_c(ctx, l, "x.h", &c, &e) == SYNTH_OK && strstr(c, "ACCEPTED by the integrator"));
	CHECK(l && synth_export_map(ctx, l, &m, &e) == SYNTH_OK && strstr(m, "exposes 192 bytes (exposure ACCEPTED"));
	synth_plan_text_free(ctx, h);
	synth_plan_text_free(ctx, c);
	synth_plan_text_free(ctx, m);
	synth_plan_free(l);
	l = NULL;
	/* An acceptance that is not what the regions expose does not load. */
	char *at = text ? strstr(text, "\"accepted_exposure\": 192,") : NULL;
	CHECK(at != NULL);
	if (at) {
		memcpy(at, "\"accepted_exposure\": 193,", 25);
		CHECK(synth_layout_load_json(ctx, text, strlen(text), "x.json", &l, &e) == SYNTH_ERR_INVALID &&
		      strcmp(e.path, "$.domains[2].accepted_exposure") == 0 &&
		      strstr(e.message, "accepts 193 exposed bytes but its regions expose 192"));
	}
done:
	synth_plan_text_free(ctx, text);
	synth_plan_free(l);
	synth_plan_free(p);
	synth_plan_input_free(in);
	synth_plan_target_free(t);
}

/* Writes the fuzz target's seeds (fuzz_layout_check): every flawed image of
 * every layout, as DIR/layout-check-UNIT-FLAW.elf. */
static int write_seeds(const char *dir)
{
	int n = 0;
	for (int k = 0; k < LAYOUT_IMAGE_NPLANS; k++) {
		SynthPlan *p = layout_image_plan(ctx, k);
		for (int f = 0; p && f < LI_NFLAWS; f++) {
			size_t size = 0;
			uint8_t *img = layout_image(ctx, p, (LayoutImageFlaw)f, &size);
			char path[1024];
			snprintf(path, sizeof path, "%s/layout-check-%s-%s.elf", dir,
			         synth_mpu_kind_name(synth_plan_desc(p)->target->mpu), layout_image_flaw_name(f));
			FILE *out = img ? fopen(path, "wb") : NULL;
			if (out && fwrite(img, 1, size, out) == size && fclose(out) == 0)
				n++;
			else if (out)
				fclose(out);
			free(img);
		}
		synth_plan_free(p);
	}
	printf("wrote %d seed(s) to %s\n", n, dir);
	return n == LAYOUT_IMAGE_NPLANS * LI_NFLAWS ? 0 : 1;
}

/* ---- allocation failures, and one hook per context ---- */

/* FNV-1a of text, chained through *h. */
static void hash_text(uint64_t *h, const char *text)
{
	for (const char *s = text; s && *s; s++)
		*h = (*h ^ (uint8_t)*s) * 1099511628211ULL;
}

/* A module with one memory of one page (max 1), for the .wasm input path. */
static const uint8_t one_page_wasm[] = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
                                        0x05, 0x04, 0x01, 0x01, 0x01, 0x01};

/* Everything the planner does, through the one context c: a built-in target,
 * an input from a JSON file, a .wasm file and a domain, the requests written,
 * both models planned, each layout written, reloaded and exported four ways.
 * Returns the first failure (everything made is freed either way); *clean
 * says whether it came with a proper error; *hash covers every text made.
 * No CHECK here: threads run it. */
static SynthStatus pipeline(SynthContext *c, uint64_t *hash, bool *clean)
{
	SynthPlanTarget *t = NULL;
	SynthPlanInput *in = synth_plan_input_new(c);
	SynthPlanError e;
	char path[1024], *text = NULL;
	const char *mods[] = {"oom_mod"};
	SynthStatus st = in ? SYNTH_OK : SYNTH_ERR_NOMEM;
	memset(&e, 0, sizeof e);
	*hash = 1469598103934665603ULL;
	snprintf(path, sizeof path, "%s/data/two-domains.json", srcdir);
	if (!st)
		st = synth_plan_target_builtin(c, "stm32h743", &t, &e);
	if (!st)
		st = synth_plan_input_add_file(in, path, 0, &e);
	if (!st)
		st = synth_plan_input_add_file(in, "oom_mod.wasm", 0, &e);
	if (!st)
		st = synth_plan_input_add_domain(in, "oom", mods, 1, &e);
	if (!st)
		st = synth_plan_input_finish(in, &e);
	if (!st) /* an address pin: its paths run under refused allocations too */
		st = synth_plan_input_pin_address(in, "app.0", 0x24040000, &e);
	if (!st)
		st = synth_plan_input_write_requests(c, in, &text, &e);
	hash_text(hash, text);
	synth_plan_text_free(c, text);
	for (int m = 0; m < 2 && !st; m++) {
		SynthPlan *p = NULL, *l = NULL;
		st = synth_plan_compute(c, t, in, m ? SYNTH_MODEL_B : SYNTH_MODEL_A, &p, &e);
		if (!st && !synth_plan_desc(p)->feasible)
			st = SYNTH_ERR_INVALID; /* the scenario is feasible on both models */
		text = NULL;
		if (!st)
			st = synth_layout_write(c, p, &text, &e);
		if (!st)
			st = synth_layout_load_json(c, text, strlen(text), "l.json", &l, &e);
		hash_text(hash, text);
		synth_plan_text_free(c, text);
		for (int k = 0; k < 4 && !st; k++) {
			text = NULL;
			st = k == 0 ? synth_export_ld(c, l, &text, &e)
			   : k == 1 ? synth_export_h(c, l, "l.h", &text, &e)
			   : k == 2 ? synth_export_c(c, l, "l.h", &text, &e)
			            : synth_export_map(c, l, &text, &e);
			hash_text(hash, text);
			synth_plan_text_free(c, text);
		}
		synth_plan_free(l);
		synth_plan_free(p);
	}
	synth_plan_input_free(in);
	synth_plan_target_free(t);
	*clean = st == SYNTH_OK || !in ||
	         (e.status == st && strstr(e.message, "out of memory") != NULL);
	return st;
}

/* Writes oom_mod.wasm in the working folder; false when it cannot. */
static bool write_oom_module(void)
{
	FILE *f = fopen("oom_mod.wasm", "wb");
	bool ok = f && fwrite(one_page_wasm, 1, sizeof one_page_wasm, f) == sizeof one_page_wasm;
	if (f)
		ok &= fclose(f) == 0;
	return ok;
}

static void test_oom(void)
{
	CHECK(write_oom_module());
	Counting solo = {0};
	SynthContext *c = synth_context_new(counting_realloc, &solo);
	size_t base = solo.live_bytes;
	uint64_t want = 0, h = 0;
	bool clean = false;
	solo.calls = 0;
	SynthStatus st = pipeline(c, &want, &clean);
	CHECK_MSG(st == SYNTH_OK, "the allocation test's scenario fails: %s", synth_status_name(st));
	CHECK_MSG(solo.live_bytes == base, "%lld bytes leaked", (long long)(solo.live_bytes - base));
	synth_context_free(c);
	CHECK(solo.live_bytes == 0);
	/* Fail each allocation once: the result is the same (a failed shrink is
	 * survived) or SYNTH_ERR_NOMEM with its message, and nothing leaks. */
	long n = solo.calls, nomem = 0;
	for (long k = 0; k < n; k++) {
		Counting b = {0};
		c = synth_context_new(counting_realloc, &b);
		base = b.live_bytes;
		b.calls = 0;
		b.fail_at = k + 1; /* counting_realloc counts from 1 */
		st = pipeline(c, &h, &clean);
		CHECK_MSG((st == SYNTH_OK && h == want) || (st == SYNTH_ERR_NOMEM && clean),
		          "allocation %ld refused: %s%s", k, synth_status_name(st), clean ? "" : " without its message");
		CHECK_MSG(b.live_bytes == base, "allocation %ld refused: %lld bytes leaked", k, (long long)(b.live_bytes - base));
		synth_context_free(c);
		nomem += st == SYNTH_ERR_NOMEM;
	}
	CHECK(nomem > n / 2);
	printf("allocation failures: each of %ld allocations refused once: %ld out of memory, %ld survived, no leak\n",
	       n, nomem, n - nomem);
}

/* Two threads plan at once with contexts of their own: one never fails and
 * must get the same texts and allocation count every run, the other has an
 * allocation refused every run. With a process-wide hook they would mix. */
typedef struct Worker {
	Counting b;        /* this thread's hook state */
	bool failing;    /* refuse allocation run % nfail each run */
	long nfail;      /* allocations of one run */
	int runs;        /* runs to do */
	uint64_t want;   /* hash of a good run */
	long count;      /* allocations of a good run */
	int bad;         /* runs that went wrong */
	long long leaked;/* bytes live after the runs, the context aside */
} Worker;

static void *worker(void *arg)
{
	Worker *w = arg;
	SynthContext *c = synth_context_new(counting_realloc, &w->b);
	if (!c) {
		w->bad = w->runs;
		return NULL;
	}
	size_t base = w->b.live_bytes;
	for (int i = 0; i < w->runs; i++) {
		uint64_t h = 0;
		bool clean = false;
		w->b.calls = 0;
		w->b.fail_at = w->failing ? i % w->nfail + 1 : 0;
		SynthStatus st = pipeline(c, &h, &clean);
		if (w->failing)
			w->bad += !((st == SYNTH_OK && h == w->want) || (st == SYNTH_ERR_NOMEM && clean));
		else
			w->bad += st != SYNTH_OK || h != w->want || w->b.calls != w->count;
	}
	w->leaked = (long long)(w->b.live_bytes - base);
	synth_context_free(c);
	return NULL;
}

static void test_threads(void)
{
	Counting solo = {0};
	SynthContext *c = synth_context_new(counting_realloc, &solo);
	uint64_t want = 0;
	bool clean = false;
	solo.calls = 0;
	CHECK(pipeline(c, &want, &clean) == SYNTH_OK);
	synth_context_free(c);
	Worker w[2];
	for (int i = 0; i < 2; i++) {
		memset(&w[i], 0, sizeof w[i]);
		w[i].b.fail_at = 0;
		w[i].failing = i == 1;
		w[i].nfail = solo.calls;
		w[i].runs = 60;
		w[i].want = want;
		w[i].count = solo.calls;
	}
	pthread_t th[2];
	int started = 0;
	for (int i = 0; i < 2; i++)
		started += pthread_create(&th[i], NULL, worker, &w[i]) == 0;
	CHECK(started == 2);
	for (int i = 0; i < started; i++)
		pthread_join(th[i], NULL);
	CHECK_MSG(w[0].bad == 0, "%d of %d runs of the thread that never fails went wrong", w[0].bad, w[0].runs);
	CHECK_MSG(w[1].bad == 0, "%d of %d runs of the failing thread went wrong", w[1].bad, w[1].runs);
	CHECK_MSG(w[0].leaked == 0 && w[1].leaked == 0, "leaked %lld and %lld bytes", w[0].leaked, w[1].leaked);
	printf("threads: %d clean runs beside %d with a refused allocation, hooks kept apart\n", w[0].runs, w[1].runs);
}

/* ---- requests from a decoded module ---- */

static void test_module_requests(void)
{
	/* Two memories: (1 page, max 2) and (3 pages, no max). */
	static const uint8_t wasm[] = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
	                               0x05, 0x06, 0x02, 0x01, 0x01, 0x02, 0x00, 0x03};
	SynthModule *mod = NULL;
	CHECK(synth_module_load(ctx, wasm, sizeof wasm, NULL, &mod) == SYNTH_OK);
	if (!mod)
		return;
	/* The compiler's reservation (synth_memory_request): the declared max,
	 * else max(min, 1 MiB); a cap lowers it; a minimum over the cap fails. */
	static const uint64_t cap[2] = {0, 262144}, want0[2] = {131072, 131072}, want1[2] = {1 << 20, 262144};
	for (int k = 0; k < 2; k++) {
		SynthPlanInput *in = synth_plan_input_new(ctx);
		SynthPlanError e;
		CHECK_MSG(synth_plan_input_add_module(in, synth_module_desc(mod), "mod", cap[k], &e) == SYNTH_OK, "%s", e.message);
		const SynthPlanInputDesc *d = synth_plan_input_desc(in);
		CHECK(d->nrequests == 2);
		if (d->nrequests == 2) {
			CHECK(d->requests[0].reserve == want0[k] && d->requests[0].max_bytes == 131072 &&
			      d->requests[0].min_bytes == 65536 && d->requests[0].page_size_log2 == 16);
			CHECK(d->requests[1].reserve == want1[k] && !d->requests[1].has_max && d->requests[1].memidx == 1);
		}
		/* And its state, as synth compile lays it out: two memory control
		 * blocks (20 bytes each), padded to 64. */
		CHECK_MSG(d->nstates == 1 && d->states[0].size == 64 && strcmp(d->states[0].section, ".synth_state.mod") == 0,
		          "%u states, %llu bytes", d->nstates, d->nstates ? (unsigned long long)d->states[0].size : 0ull);
		synth_plan_input_free(in);
	}
	/* The planner's state size is synth compile's (the request file's). */
	SynthCompileOptions co;
	memset(&co, 0, sizeof co);
	co.name = "mod";
	synth_target_parse("cortex-m3", &co.target);
	SynthOutput out;
	if (synth_module_validate(ctx, mod) == SYNTH_OK && synth_compile(ctx, mod, &co, &out) == SYNTH_OK) {
		CHECK_MSG(out.requests && strstr(out.requests, "\"section\": \".synth_state.mod\", \"symbol\": \"mod__state\", \"size\": 64,"),
		          "%s", out.requests ? out.requests : "");
		synth_output_free(ctx, &out);
	} else {
		CHECK_MSG(0, "compile: %s", synth_context_diag(ctx)->message);
	}
	SynthPlanInput *in = synth_plan_input_new(ctx);
	SynthPlanError e;
	CHECK(synth_plan_input_add_module(in, synth_module_desc(mod), "mod", 65536, &e) != SYNTH_OK);
	/* Issue 10: the planner's hint names its own cap, not synth compile's --mem-cap. */
	CHECK_MSG(strstr(e.message, "more than the cap of 64 KiB") && strstr(e.message, "--cap SIZE") &&
	          !strstr(e.message, "--mem-cap"), "%s", e.message);
	synth_plan_input_free(in);
	/* A cap beyond the 32-bit address space is refused, not clamped. */
	in = synth_plan_input_new(ctx);
	CHECK(synth_plan_input_add_module(in, synth_module_desc(mod), "mod", (1ull << 32) + 1, &e) == SYNTH_ERR_ARGUMENT &&
	      strstr(e.message, "a cap is from 1 byte to 4 GiB, not 4294967297"));
	synth_plan_input_free(in);
	synth_module_free(mod);
}

/* ---- timing ---- */

static void test_timing(void)
{
	SynthPlanTarget *t = target("stm32h743");
	SynthPlanInput *in = synth_plan_input_new(ctx);
	SynthPlanError e;
	char names[16][8];
	for (int m = 0; m < 16; m++) {
		snprintf(names[m], sizeof names[m], "c%d", m);
		for (uint32_t k = 0; k < 4; k++) {
			SynthMemRequest q = {.module = names[m], .memidx = k, .min_bytes = 1, .page_size_log2 = 0,
			                     .reserve = 700 + (uint64_t)(rnd() % 9000)};
			synth_plan_input_add_request(in, &q, &e);
		}
	}
	CHECK(synth_plan_input_finish(in, &e) == SYNTH_OK);
	for (int m = 0; m < 2; m++) {
		struct timespec t0, t1;
		SynthPlan *p = NULL;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		CHECK(synth_plan_compute(ctx, t, in, m ? SYNTH_MODEL_B : SYNTH_MODEL_A, &p, &e) == SYNTH_OK);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		const SynthPlanDesc *d = synth_plan_desc(p);
		printf("timing: 64 memories, 16 domains on stm32h743, model %c: %.2f ms, %s, reserved %llu for %llu, max %u regions\n",
		       m ? 'B' : 'A', (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6,
		       d->feasible ? "feasible" : "infeasible", (unsigned long long)d->reserved,
		       (unsigned long long)d->reserve, d->max_used);
		if (d->feasible)
			check_plan_invariants(p, in, "timing");
		synth_plan_free(p);
	}
	synth_plan_input_free(in);
	synth_plan_target_free(t);
}

int main(int argc, char **argv)
{
	srcdir = argc > 1 ? argv[1] : ".";
	ctx = synth_context_new(NULL, NULL);
	if (!ctx)
		return 1;
	if (argc == 3 && strcmp(argv[1], "seeds") == 0) {
		int st = write_seeds(argv[2]);
		synth_context_free(ctx);
		return st;
	}
	test_builtin_targets();
	test_bad_targets();
	test_units();
	test_properties();
	test_golden();
	test_bad_layouts();
	test_infeasible();
	test_pins();
	test_elf();
	test_states();
	test_sizes();
	test_exposure();
	test_oom();
	test_threads();
	test_module_requests();
	test_timing();
	synth_context_free(ctx);
	if (failures)
		fprintf(stderr, "%d check(s) failed\n", failures);
	else
		printf("all plan tests passed\n");
	return failures ? 1 : 0;
}
