/* test_regions.c - region planner tests of issue 12's adjustments (labels plan;unit):
 *  - bank choice: the packer must not give a bank that only it can hold
 *    the stacks in (stm32h743's dtcm) to a memory any bank can hold
 *    (plan-dtcm-starved);
 *  - several regions per memory: a memory's (and the input's default)
 *    max_regions caps the regions model B covers it with, each region
 *    counted in its domain's budget; requests, plan inputs and layouts
 *    carry it through JSON (plan-max-regions), and so do project files
 *    (project-max-regions: load, save, edit, the merged requests);
 *  - every allocation of a capped plan, a project edit and a diff refused in
 *    turn: an error, nothing leaked.
 * Any failed expectation prints FILE:LINE and makes the exit status 1. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/counting_alloc.h"
#include "synth/plan.h"
#include "synth/project.h"

static int failures;
static SynthContext *ctx;

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

static SynthPlanTarget *target(const char *name)
{
	SynthPlanTarget *t = NULL;
	SynthPlanError e;
	if (synth_plan_target_builtin(ctx, name, &t, &e) != SYNTH_OK) {
		fprintf(stderr, "target %s: %s\n", name, e.message);
		exit(1);
	}
	return t;
}

static const SynthPlanItem *item(const SynthPlanDesc *d, const char *name)
{
	for (uint32_t i = 0; i < d->nitems; i++)
		if (strcmp(d->items[i].name, name) == 0)
			return &d->items[i];
	return NULL;
}

/* ---- plan-dtcm-starved ---- */

/* One 128 KiB memory without a bank on stm32h743: the dtcm (128 KiB, the
 * only bank of the stacks and the runtime region) is the tightest hole for
 * it, and packing it first left no room for them. Both models must place the
 * memory elsewhere and the fixed regions in the dtcm. */
static void test_dtcm_starved(void)
{
	SynthPlanTarget *t = target("stm32h743");
	for (int two = 0; two < 2; two++) {
		SynthPlanInput *in = synth_plan_input_new(ctx);
		SynthPlanError e;
		SynthMemRequest q = {.module = "a", .memidx = 0, .min_bytes = 1, .reserve = 128 * 1024, .align = 1};
		CHECK(synth_plan_input_add_request(in, &q, &e) == SYNTH_OK);
		if (two) {
			SynthMemRequest q2 = {.module = "b", .memidx = 0, .min_bytes = 1, .reserve = 64 * 1024, .align = 1};
			CHECK(synth_plan_input_add_request(in, &q2, &e) == SYNTH_OK);
		}
		CHECK(synth_plan_input_finish(in, &e) == SYNTH_OK);
		for (int m = 0; m < 2; m++) {
			SynthPlan *p = NULL;
			CHECK(synth_plan_compute(ctx, t, in, m ? SYNTH_MODEL_B : SYNTH_MODEL_A, &p, &e) == SYNTH_OK);
			const SynthPlanDesc *d = synth_plan_desc(p);
			CHECK_MSG(d->feasible, "model %s, %d memories: %s", m ? "b" : "a", two + 1, d->why);
			const SynthPlanItem *st = item(d, "stack.a"), *rt = item(d, "runtime");
			CHECK(st && st->bank && strcmp(st->bank, "dtcm") == 0);
			CHECK(rt && rt->bank && strcmp(rt->bank, "dtcm") == 0);
			const SynthPlanItem *a = item(d, "a.0");
			CHECK(a && a->bank && strcmp(a->bank, "dtcm") != 0);
			synth_plan_free(p);
		}
		synth_plan_input_free(in);
	}
	synth_plan_target_free(t);
}


/* ---- plan-max-regions ---- */

/* A plan of one 70000-byte memory "b.0" (and a 48 KiB "a.0" in its own
 * domain) on target T with the given caps (0: none). */
static SynthPlan *plan_caps(const char *t_name, uint32_t def, uint32_t cap_b, SynthPlanModel model)
{
	SynthPlanTarget *t = target(t_name);
	SynthPlanInput *in = synth_plan_input_new(ctx);
	SynthPlanError e;
	SynthMemRequest a = {.module = "a", .memidx = 0, .min_bytes = 1, .reserve = 48 * 1024};
	SynthMemRequest b = {.module = "b", .memidx = 0, .min_bytes = 1, .reserve = 70000};
	CHECK(synth_plan_input_add_request(in, &a, &e) == SYNTH_OK);
	CHECK(synth_plan_input_add_request(in, &b, &e) == SYNTH_OK);
	CHECK(synth_plan_input_set_max_regions(in, NULL, def, &e) == SYNTH_OK);
	CHECK(synth_plan_input_set_max_regions(in, "b.0", cap_b, &e) == SYNTH_OK);
	CHECK(synth_plan_input_max_regions(in, 1) == (cap_b ? cap_b : def));
	CHECK(synth_plan_input_finish(in, &e) == SYNTH_OK);
	SynthPlan *p = NULL;
	CHECK(synth_plan_compute(ctx, t, in, model, &p, &e) == SYNTH_OK);
	synth_plan_input_free(in);
	synth_plan_target_free(t);
	return p;
}

/* Regions of domain d's table that grant item name. */
static uint32_t regions_of(const SynthPlanDesc *d, const char *dom, const char *name)
{
	uint32_t n = 0;
	for (uint32_t k = 0; k < d->ndomains; k++) {
		if (strcmp(d->domains[k].name, dom) != 0)
			continue;
		for (uint32_t r = 0; r < d->domains[k].nregions; r++) {
			int32_t i = d->domains[k].regions[r].item;
			n += i >= 0 && strcmp(d->items[i].name, name) == 0;
		}
	}
	return n;
}

static uint32_t used_of(const SynthPlanDesc *d, const char *dom)
{
	for (uint32_t k = 0; k < d->ndomains; k++)
		if (strcmp(d->domains[k].name, dom) == 0)
			return d->domains[k].used;
	return 0;
}

static void test_max_regions(void)
{
	SynthPlanError e;
	/* PMSAv7 (mps2-an386: 8 regions, 4 fixed): 70000 bytes take a 128 KiB
	 * block's five eighths with one region, 64 KiB + 4.5 KiB (srd) with two,
	 * 64 KiB + 4 KiB + 512 B with three (as many as the domain has spare). */
	static const struct {
		uint32_t def, cap, regions;
		uint64_t size;
	} v7[] = {
		{0, 0, 3, 70016}, {0, 1, 1, 81920}, {1, 0, 1, 81920}, {1, 2, 2, 70656},
		{0, 2, 2, 70656}, {1, 3, 3, 70016}, {0, 4, 3, 70016}, {4, 64, 3, 70016},
	};
	for (size_t i = 0; i < sizeof v7 / sizeof *v7; i++) {
		SynthPlan *p = plan_caps("mps2-an386", v7[i].def, v7[i].cap, SYNTH_MODEL_B);
		const SynthPlanDesc *d = synth_plan_desc(p);
		const SynthPlanItem *b = item(d, "b.0"), *a = item(d, "a.0");
		CHECK_MSG(d->feasible, "%s", d->why);
		CHECK_MSG(b && b->size == v7[i].size && b->nregions == v7[i].regions,
		          "case %zu: b.0 %llu bytes, %u regions", i, b ? (unsigned long long)b->size : 0ULL,
		          b ? b->nregions : 0);
		/* Each region of the cover is in b's table and counts in its budget. */
		CHECK(regions_of(d, "b", "b.0") == v7[i].regions);
		CHECK(used_of(d, "b") == 4 + v7[i].regions);
		/* 48 KiB is one region with subregions (six eighths of 64 KiB): no cap changes it. */
		CHECK(a && a->size == 48 * 1024 && a->nregions == 1);
		CHECK(synth_layout_check_regs(p, &e) == SYNTH_OK);
		synth_plan_free(p);
	}
	/* PMP with NAPOT only is where one region wastes most: rv32-pmp16 allows
	 * TOR too, so use a copy of it without TOR. 48 KiB: 64 KiB with one
	 * entry, 32 + 16 KiB with two. */
	{
		const char *json = synth_plan_target_builtin_json("rv32-pmp16");
		CHECK(json != NULL);
		char *txt = malloc(strlen(json) + 1);
		strcpy(txt, json);
		char *tor = strstr(txt, "\"tor\"");
		CHECK(tor != NULL);
		if (tor) { /* ["napot", "tor"] -> ["napot"        ] */
			char *comma = tor;
			while (comma > txt && *comma != ',')
				comma--;
			memset(comma, ' ', (size_t)(tor + 5 - comma));
		}
		SynthPlanTarget *t = NULL;
		CHECK(synth_plan_target_load_json(ctx, txt, strlen(txt), "napot.json", &t, &e) == SYNTH_OK);
		CHECK(t && !synth_plan_target_desc(t)->pmp_tor);
		for (uint32_t cap = 1; t && cap <= 2; cap++) {
			SynthPlanInput *in = synth_plan_input_new(ctx);
			SynthMemRequest a = {.module = "a", .memidx = 0, .min_bytes = 1, .reserve = 48 * 1024, .max_regions = cap};
			CHECK(synth_plan_input_add_request(in, &a, &e) == SYNTH_OK);
			CHECK(synth_plan_input_finish(in, &e) == SYNTH_OK);
			SynthPlan *p = NULL;
			CHECK(synth_plan_compute(ctx, t, in, SYNTH_MODEL_B, &p, &e) == SYNTH_OK);
			const SynthPlanDesc *d = synth_plan_desc(p);
			const SynthPlanItem *it = item(d, "a.0");
			CHECK_MSG(d->feasible, "%s", d->why);
			CHECK_MSG(it && it->size == (cap == 1 ? 65536u : 49152u) && it->nregions == cap,
			          "napot cap %u: %llu bytes, %u entries", cap, it ? (unsigned long long)it->size : 0ULL,
			          it ? it->nregions : 0);
			CHECK(regions_of(d, "a", "a.0") == cap);
			CHECK(synth_layout_check_regs(p, &e) == SYNTH_OK);
			synth_plan_free(p);
			synth_plan_input_free(in);
		}
		synth_plan_target_free(t);
		free(txt);
	}
	/* The layout keeps every region of the cover: written, loaded, checked,
	 * exported; the C table lists both regions of b.0; the diff of the
	 * one-region and the two-region layout names the region count. */
	{
		SynthPlan *p1 = plan_caps("mps2-an386", 0, 1, SYNTH_MODEL_B);
		SynthPlan *p2 = plan_caps("mps2-an386", 0, 2, SYNTH_MODEL_B);
		char *t1 = NULL, *t2 = NULL, *c = NULL, *dt = NULL;
		CHECK(synth_layout_write(ctx, p1, &t1, &e) == SYNTH_OK);
		CHECK(synth_layout_write(ctx, p2, &t2, &e) == SYNTH_OK);
		SynthPlan *l1 = NULL, *l2 = NULL;
		CHECK(t1 && synth_layout_load_json(ctx, t1, strlen(t1), "one.json", &l1, &e) == SYNTH_OK);
		CHECK_MSG(t2 && synth_layout_load_json(ctx, t2, strlen(t2), "two.json", &l2, &e) == SYNTH_OK, "%s", e.message);
		if (l1 && l2) {
			const SynthPlanItem *b = item(synth_plan_desc(l2), "b.0");
			CHECK(b && b->nregions == 2 && b->size == 70656);
			CHECK(regions_of(synth_plan_desc(l2), "b", "b.0") == 2);
			CHECK(synth_layout_check_regs(l2, &e) == SYNTH_OK);
			CHECK(synth_export_c(ctx, l2, "l.h", &c, &e) == SYNTH_OK);
			/* b.0's two regions: 64 KiB at its base and 8 KiB with subregions above. */
			size_t nb = 0;
			for (const char *q = c; q && (q = strstr(q, "b.0")); q++)
				nb++;
			CHECK_MSG(nb >= 2, "b.0 named %zu times in the C table", nb);
			SynthLayoutDiff *df = NULL;
			CHECK(synth_layout_diff(ctx, l1, l2, &df, &e) == SYNTH_OK);
			CHECK(df && synth_layout_diff_text(ctx, df, &dt, &e) == SYNTH_OK);
			CHECK_MSG(dt && strstr(dt, "b.0") && strstr(dt, "1 region -> 2"), "%s", dt ? dt : "");
			CHECK_MSG(dt && strstr(dt, "regions  domain b: 5 regions (5 used) -> 6 regions (6 used)"), "%s", dt ? dt : "");
			synth_layout_diff_free(ctx, df);
		}
		synth_plan_text_free(ctx, t1);
		synth_plan_text_free(ctx, t2);
		synth_plan_text_free(ctx, c);
		synth_plan_text_free(ctx, dt);
		synth_plan_free(l1);
		synth_plan_free(l2);
		synth_plan_free(p1);
		synth_plan_free(p2);
	}
	/* Budget: four 70000-byte memories in one domain leave no spare region
	 * (4 fixed + 4): a cap of 3 changes nothing, every cover is one region. */
	{
		SynthPlanTarget *t = target("mps2-an386");
		SynthPlanInput *in = synth_plan_input_new(ctx);
		for (uint32_t k = 0; k < 4; k++) {
			SynthMemRequest q = {.module = "m", .memidx = k, .min_bytes = 1, .reserve = 70000, .max_regions = 3};
			CHECK(synth_plan_input_add_request(in, &q, &e) == SYNTH_OK);
		}
		CHECK(synth_plan_input_finish(in, &e) == SYNTH_OK);
		SynthPlan *p = NULL;
		CHECK(synth_plan_compute(ctx, t, in, SYNTH_MODEL_B, &p, &e) == SYNTH_OK);
		const SynthPlanDesc *d = synth_plan_desc(p);
		CHECK_MSG(d->feasible && used_of(d, "m") == 8, "%s", d->why);
		for (uint32_t i = 0; i < d->nitems; i++)
			if (d->items[i].kind == SYNTH_ITEM_MEMORY)
				CHECK(d->items[i].nregions == 1);
		synth_plan_free(p);
		synth_plan_input_free(in);
		synth_plan_target_free(t);
	}
	/* A memory and its module's state section under one cover: the cap holds
	 * for the pair, whose table entry is what synth_plan_item_regions counts
	 * (nregions counts the memory's range alone), and the layout passes the
	 * check of a request capped at one region. */
	{
		SynthPlanTarget *t = target("mps2-an386");
		SynthPlanInput *in = synth_plan_input_new(ctx);
		SynthMemRequest q = {.module = "m", .memidx = 0, .min_bytes = 1, .reserve = 70000};
		SynthStateRequest sq = {.module = "m", .section = ".synth_state.m", .symbol = "m__state", .size = 32, .align = 32};
		CHECK(synth_plan_input_add_request(in, &q, &e) == SYNTH_OK);
		CHECK(synth_plan_input_add_state(in, &sq, &e) == SYNTH_OK);
		CHECK(synth_plan_input_set_max_regions(in, NULL, 1, &e) == SYNTH_OK);
		CHECK(synth_plan_input_finish(in, &e) == SYNTH_OK);
		SynthPlan *p = NULL;
		CHECK(synth_plan_compute(ctx, t, in, SYNTH_MODEL_B, &p, &e) == SYNTH_OK);
		const SynthPlanDesc *d = synth_plan_desc(p);
		const SynthPlanItem *m = item(d, "m.0"), *st = item(d, "m.state");
		CHECK_MSG(d->feasible && m && st && st->base == m->base + m->size, "%s", d->why); /* merged */
		uint32_t mi = m ? (uint32_t)(m - d->items) : 0, si = st ? (uint32_t)(st - d->items) : 0;
		CHECK_MSG(synth_plan_item_regions(p, mi) == 1 && synth_plan_item_regions(p, si) == 1, "%u %u",
		          synth_plan_item_regions(p, mi), synth_plan_item_regions(p, si));
		CHECK(m && m->size + st->size == 81920);
		CHECK(synth_plan_item_regions(p, d->nitems) == 0);
		CHECK_MSG(synth_layout_check_input(p, in, &e) == SYNTH_OK, "%s", e.message);
		synth_plan_free(p);
		synth_plan_input_free(in);
		synth_plan_target_free(t);
	}
	/* A memory pinned to an address takes its cap too: at 0x21000000 one
	 * region makes it 80 KiB, two 69 KiB, three 70016 bytes. */
	for (uint32_t cap = 1; cap <= 3; cap++) {
		static const uint64_t want[] = {0, 81920, 70656, 70016};
		SynthPlanTarget *t = target("mps2-an386");
		SynthPlanInput *in = synth_plan_input_new(ctx);
		SynthMemRequest q = {.module = "b", .memidx = 0, .min_bytes = 1, .reserve = 70000, .max_regions = cap};
		CHECK(synth_plan_input_add_request(in, &q, &e) == SYNTH_OK);
		CHECK(synth_plan_input_pin_address(in, "b.0", 0x21000000, &e) == SYNTH_OK);
		CHECK(synth_plan_input_finish(in, &e) == SYNTH_OK);
		SynthPlan *p = NULL;
		CHECK(synth_plan_compute(ctx, t, in, SYNTH_MODEL_B, &p, &e) == SYNTH_OK);
		const SynthPlanDesc *d = synth_plan_desc(p);
		const SynthPlanItem *b = item(d, "b.0");
		CHECK_MSG(d->feasible && b && b->base == 0x21000000 && b->size == want[cap] &&
		              synth_plan_item_regions(p, (uint32_t)(b - d->items)) == cap,
		          "pinned, cap %u: %s %llu bytes", cap, d->why, b ? (unsigned long long)b->size : 0ULL);
		synth_plan_free(p);
		synth_plan_input_free(in);
		synth_plan_target_free(t);
	}
	/* Bad caps, by API and in files (named at their JSON path). */
	{
		SynthPlanInput *in = synth_plan_input_new(ctx);
		SynthMemRequest q = {.module = "m", .memidx = 0, .min_bytes = 1, .reserve = 64, .max_regions = 65};
		CHECK(synth_plan_input_add_request(in, &q, &e) != SYNTH_OK && strstr(e.message, "max_regions 65"));
		q.max_regions = 0;
		CHECK(synth_plan_input_add_request(in, &q, &e) == SYNTH_OK);
		CHECK(synth_plan_input_set_max_regions(in, "m.1", 2, &e) != SYNTH_OK && strstr(e.message, "no memory \"m.1\""));
		CHECK(synth_plan_input_set_max_regions(in, "m", 2, &e) != SYNTH_OK);
		CHECK(synth_plan_input_set_max_regions(in, NULL, 65, &e) != SYNTH_OK);
		CHECK(synth_plan_input_set_max_regions(in, "m.0", 2, &e) == SYNTH_OK);
		/* The request file written carries the cap in force. */
		char *txt = NULL;
		CHECK(synth_plan_input_write_requests(ctx, in, &txt, &e) == SYNTH_OK);
		CHECK_MSG(txt && strstr(txt, "\"max_regions\": 2"), "%s", txt ? txt : "");
		SynthPlanInput *back = synth_plan_input_new(ctx);
		CHECK(txt && synth_plan_input_add_json(back, txt, strlen(txt), "w.json", &e) == SYNTH_OK);
		CHECK(synth_plan_input_desc(back)->nrequests == 1 && synth_plan_input_desc(back)->requests[0].max_regions == 2);
		synth_plan_input_free(back);
		synth_plan_text_free(ctx, txt);
		synth_plan_input_free(in);
		static const struct {
			const char *json, *path, *msg;
		} bad[] = {
			{"{\"format\":\"synth-plan-input\",\"version\":1,\"max_regions\":0,\"memories\":[]}", "$.max_regions",
			 "max_regions 0 is not a number of regions from 1 to 64"},
			{"{\"format\":\"synth-plan-input\",\"version\":1,\"memories\":[{\"module\":\"m\",\"memidx\":0,\"min\":1,"
			 "\"page_size\":1,\"max_regions\":65}]}", "$.memories[0].max_regions", "max_regions 65"},
			{"{\"format\":\"synth-requests\",\"version\":2,\"memories\":[{\"module\":\"m\",\"memidx\":0,\"min\":1,"
			 "\"page_size\":1,\"max_regions\":-1}]}", "$.memories[0].max_regions", ""},
			{"{\"format\":\"synth-requests\",\"version\":2,\"max_regions\":2,\"memories\":[]}", "$.max_regions",
			 "unknown"},
		};
		for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
			in = synth_plan_input_new(ctx);
			CHECK_MSG(synth_plan_input_add_json(in, bad[i].json, strlen(bad[i].json), "bad.json", &e) != SYNTH_OK &&
			          strcmp(e.path, bad[i].path) == 0 && strstr(e.message, bad[i].msg),
			          "case %zu: %s: %s", i, e.path, e.message);
			synth_plan_input_free(in);
		}
		const char *good = "{\"format\":\"synth-plan-input\",\"version\":1,\"max_regions\":1,\"memories\":["
		                   "{\"module\":\"a\",\"memidx\":0,\"min\":1,\"page_size\":1,\"reserve\":70000},"
		                   "{\"module\":\"b\",\"memidx\":0,\"min\":1,\"page_size\":1,\"reserve\":70000,\"max_regions\":2}]}";
		in = synth_plan_input_new(ctx);
		CHECK(synth_plan_input_add_json(in, good, strlen(good), "good.json", &e) == SYNTH_OK);
		CHECK(synth_plan_input_desc(in)->max_regions == 1);
		CHECK(synth_plan_input_max_regions(in, 0) == 1 && synth_plan_input_max_regions(in, 1) == 2);
		CHECK(synth_plan_input_finish(in, &e) == SYNTH_OK);
		SynthPlanTarget *t = target("mps2-an386");
		SynthPlan *p = NULL;
		CHECK(synth_plan_compute(ctx, t, in, SYNTH_MODEL_B, &p, &e) == SYNTH_OK);
		const SynthPlanItem *a = item(synth_plan_desc(p), "a.0"), *b = item(synth_plan_desc(p), "b.0");
		CHECK(a && a->nregions == 1 && a->size == 81920 && b && b->nregions == 2 && b->size == 70656);
		synth_plan_free(p);
		synth_plan_target_free(t);
		synth_plan_input_free(in);
	}
}

/* ---- project-max-regions ---- */

static void test_project_max_regions(void)
{
	static const char proj[] =
		"{\n"
		"  \"board\": \"mps2-an386\",\n"
		"  \"max_regions\": 1,\n"
		"  \"model\": \"B\",\n"
		"  \"modules\": [\n"
		"    {\n"
		"      \"bounds\": \"trap\",\n"
		"      \"max_regions\": [0, 2],\n"
		"      \"name\": \"a\",\n"
		"      \"wasm\": \"a.wasm\"\n"
		"    }\n"
		"  ],\n"
		"  \"synth_project\": 1\n"
		"}\n";
	SynthPlanError e;
	SynthProject *p = NULL;
	CHECK_MSG(synth_project_load_json(ctx, proj, strlen(proj), "p.json", &p, &e) == SYNTH_OK, "%s: %s", e.path,
	          e.message);
	if (!p)
		return;
	const SynthProjectDesc *d = synth_project_desc(p);
	CHECK(d->opt.max_regions == 1 && d->modules[0].nmax_regions == 2 && d->modules[0].max_regions[1] == 2);
	char *text = NULL;
	CHECK(synth_project_save(ctx, p, &text, &e) == SYNTH_OK);
	CHECK_MSG(text && strcmp(text, proj) == 0, "saved:\n%s", text ? text : "");
	synth_project_text_free(ctx, text);
	/* The merged requests carry the cap in force per memory. */
	const char *req = "{\"format\":\"synth-requests\",\"version\":2,\"memories\":["
	                  "{\"module\":\"a\",\"memidx\":0,\"min\":1,\"page_size\":1,\"reserve\":70000},"
	                  "{\"module\":\"a\",\"memidx\":1,\"min\":1,\"page_size\":1,\"reserve\":70000}]}";
	char tmpl[] = "/tmp/synth-regions-XXXXXX";
	int fd = mkstemp(tmpl);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	CHECK(f && fputs(req, f) >= 0 && fclose(f) == 0);
	const char *files[] = {tmpl};
	text = NULL;
	CHECK_MSG(synth_project_merge_requests(ctx, p, files, 1, &text, &e) == SYNTH_OK, "%s", e.message);
	SynthPlanInput *in = synth_plan_input_new(ctx);
	CHECK(text && synth_plan_input_add_json(in, text, strlen(text), "merged.json", &e) == SYNTH_OK);
	const SynthPlanInputDesc *id = synth_plan_input_desc(in);
	CHECK_MSG(id->nrequests == 2 && id->requests[0].max_regions == 1 && id->requests[1].max_regions == 2, "%s",
	          text ? text : "");
	synth_plan_input_free(in);
	synth_project_text_free(ctx, text);
	/* Edits: a module's cap on a memory it lacks fails the merge, naming the entry. */
	SynthProjectModule m = d->modules[0];
	uint32_t caps[6] = {0, 2, 0, 0, 0, 3};
	m.max_regions = caps;
	m.nmax_regions = 6;
	CHECK(synth_project_set_module(p, &m, &e) == SYNTH_OK);
	text = NULL;
	CHECK(synth_project_merge_requests(ctx, p, files, 1, &text, &e) != SYNTH_OK && !text &&
	      strcmp(e.path, "modules[0].max_regions[5]") == 0 && strstr(e.message, "no memory 5"));
	caps[5] = 65;
	CHECK(synth_project_set_module(p, &m, &e) != SYNTH_OK && strcmp(e.path, "module.max_regions[5]") == 0);
	/* Trailing zeros say nothing and are dropped; a default of 0 is no cap. */
	caps[5] = 0;
	CHECK(synth_project_set_module(p, &m, &e) == SYNTH_OK);
	d = synth_project_desc(p);
	CHECK(d->modules[0].nmax_regions == 2);
	SynthProjectOptions o = d->opt;
	o.max_regions = 65;
	CHECK(synth_project_set_options(p, &o, &e) != SYNTH_OK && strcmp(e.path, "max_regions") == 0);
	o.max_regions = 0;
	CHECK(synth_project_set_options(p, &o, &e) == SYNTH_OK);
	text = NULL;
	CHECK(synth_project_save(ctx, p, &text, &e) == SYNTH_OK);
	CHECK_MSG(text && !strstr(text, "\"max_regions\": 1") && strstr(text, "\"max_regions\": [0, 2]"), "%s",
	          text ? text : "");
	synth_project_text_free(ctx, text);
	remove(tmpl);
	synth_project_free(p);
	/* Bad files, named at their path. */
	static const struct {
		const char *json, *path;
	} bad[] = {
		{"{\"synth_project\":1,\"board\":\"mps2-an386\",\"max_regions\":0,\"modules\":[{\"name\":\"a\",\"wasm\":\"a.wasm\"}]}",
		 "max_regions"},
		{"{\"synth_project\":1,\"board\":\"mps2-an386\",\"max_regions\":65,\"modules\":[{\"name\":\"a\",\"wasm\":\"a.wasm\"}]}",
		 "max_regions"},
		{"{\"synth_project\":1,\"board\":\"mps2-an386\",\"modules\":[{\"name\":\"a\",\"wasm\":\"a.wasm\",\"max_regions\":[1,99]}]}",
		 "modules[0].max_regions[1]"},
		{"{\"synth_project\":1,\"board\":\"mps2-an386\",\"modules\":[{\"name\":\"a\",\"wasm\":\"a.wasm\",\"max_regions\":2}]}",
		 "modules[0].max_regions"},
		{"{\"synth_project\":1,\"board\":\"mps2-an386\",\"modules\":[{\"name\":\"a\",\"wasm\":\"a.wasm\",\"max_regions\":[\"2\"]}]}",
		 "modules[0].max_regions[0]"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		p = NULL;
		CHECK_MSG(synth_project_load_json(ctx, bad[i].json, strlen(bad[i].json), "bad.json", &p, &e) != SYNTH_OK &&
		          !p && strcmp(e.path, bad[i].path) == 0,
		          "case %zu: %s: %s", i, e.path, e.message);
		synth_project_free(p);
	}
}

/* ---- allocation failures ---- */

/* Every allocation of a capped plan, a project edit and a layout diff
 * refused in turn: an error (never a crash), nothing leaked, and once none
 * is refused the same result as with the C library's allocator. */
static void test_oom(void)
{
	static const char proj[] = "{\"synth_project\": 1, \"board\": \"mps2-an386\", \"modules\": "
	                           "[{\"name\": \"a\", \"wasm\": \"a.wasm\"}]}";
	long refused = 0;
	for (long k = 1; k < 100000; k++) {
		Counting c = {.fail_at = k};
		SynthContext *cx = synth_context_new(counting_realloc, &c);
		if (!cx)
			continue;
		SynthPlanError e = {.status = SYNTH_ERR_NOMEM};
		SynthPlanTarget *t = NULL;
		SynthPlanInput *in = NULL;
		SynthPlan *p1 = NULL, *p2 = NULL;
		SynthLayoutDiff *df = NULL;
		SynthProject *pr = NULL;
		char *text = NULL;
		bool ok = synth_plan_target_builtin(cx, "mps2-an386", &t, &e) == SYNTH_OK;
		if (ok && !(in = synth_plan_input_new(cx))) {
			ok = false;
			e.status = SYNTH_ERR_NOMEM; /* synth_plan_input_new says it with NULL */
		}
		SynthMemRequest q = {.module = "b", .memidx = 0, .min_bytes = 1, .reserve = 70000};
		ok = ok && synth_plan_input_add_request(in, &q, &e) == SYNTH_OK &&
		     synth_plan_input_set_max_regions(in, NULL, 1, &e) == SYNTH_OK &&
		     synth_plan_input_finish(in, &e) == SYNTH_OK &&
		     synth_plan_compute(cx, t, in, SYNTH_MODEL_B, &p1, &e) == SYNTH_OK &&
		     synth_plan_input_set_max_regions(in, "b.0", 2, &e) == SYNTH_OK &&
		     synth_plan_compute(cx, t, in, SYNTH_MODEL_B, &p2, &e) == SYNTH_OK &&
		     synth_layout_diff(cx, p1, p2, &df, &e) == SYNTH_OK && synth_layout_diff_text(cx, df, &text, &e) == SYNTH_OK;
		synth_plan_text_free(cx, text);
		text = NULL;
		ok = ok && synth_project_load_json(cx, proj, strlen(proj), "p.json", &pr, &e) == SYNTH_OK &&
		     synth_project_set_max_regions(pr, "a.3", 2, &e) == SYNTH_OK &&
		     synth_project_set_max_regions(pr, NULL, 1, &e) == SYNTH_OK &&
		     synth_project_save(cx, pr, &text, &e) == SYNTH_OK;
		if (ok) {
			CHECK(strstr(text, "\"max_regions\": [0, 0, 0, 2]") && strstr(text, "\"max_regions\": 1,"));
			const SynthPlanItem *b = item(synth_plan_desc(p2), "b.0");
			CHECK(b && b->size == 70656 && b->nregions == 2 && df->n > 0);
		}
		if (!ok)
			CHECK_MSG(c.failed && e.status == SYNTH_ERR_NOMEM, "refusing allocation %ld: %s", k, e.message);
		synth_project_text_free(cx, text);
		synth_project_free(pr);
		synth_layout_diff_free(cx, df);
		synth_plan_free(p1);
		synth_plan_free(p2);
		synth_plan_input_free(in);
		synth_plan_target_free(t);
		synth_context_free(cx);
		CHECK_MSG(c.live_blocks == 0 && c.live_bytes == 0, "refusing allocation %ld leaks %ld blocks", k,
		          c.live_blocks);
		if (!c.failed) {
			CHECK(ok);
			break;
		}
		refused++;
	}
	CHECK_MSG(refused >= 15, "%ld allocations refused", refused); /* 18 when written */
}

int main(void)
{
	ctx = synth_context_new(NULL, NULL);
	if (!ctx)
		return 1;
	test_dtcm_starved();
	test_max_regions();
	test_project_max_regions();
	test_oom();
	synth_context_free(ctx);
	if (failures)
		fprintf(stderr, "%d check(s) failed\n", failures);
	else
		printf("all region tests passed\n");
	return failures ? 1 : 0;
}
