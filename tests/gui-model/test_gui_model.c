/* test_gui_model.c - the library parts the planner GUI stands on (labels
 * plan;unit): structured diagnostics of infeasible plans, free space per
 * bank, layout diffs (and their text), a project's plan input (and an
 * address pin in it, issue 12), every
 * allocation of all that refused in turn with nothing leaked, and two threads
 * doing all of it at once with contexts of their own (the GUI plans on a
 * worker thread while the window reads the previous result).
 *
 * usage: test_gui_model SOURCE_DIR   (the tree's root: tests/plan/data, planner-gui/examples)
 * Any failed expectation prints FILE:LINE and makes the exit status 1. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "counting_alloc.h"
#include "synth/plan.h"
#include "synth/project.h"

static int failures;
static const char *root;

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

/* Five memories in one domain on an 8-region unit, and one too big for RAM. */
static SynthStatus infeasible(SynthContext *c, SynthPlan **out)
{
	SynthPlanError e;
	SynthPlanTarget *t = NULL;
	SynthPlanInput *in = NULL;
	SynthStatus st = synth_plan_target_builtin(c, "nrf52840", &t, &e);
	if (!st && !(in = synth_plan_input_new(c)))
		st = SYNTH_ERR_NOMEM;
	for (uint32_t k = 0; k < 5 && !st; k++) {
		SynthMemRequest q = {.module = "big", .memidx = k, .min_bytes = 1, .reserve = 1000};
		st = synth_plan_input_add_request(in, &q, &e);
	}
	SynthMemRequest h = {.module = "huge", .memidx = 0, .min_bytes = 65536 * 5, .page_size_log2 = 16,
	                     .reserve = 65536 * 5};
	if (!st)
		st = synth_plan_input_add_request(in, &h, &e);
	if (!st)
		st = synth_plan_input_finish(in, &e);
	if (!st)
		st = synth_plan_compute(c, t, in, SYNTH_MODEL_B, out, &e);
	synth_plan_input_free(in);
	synth_plan_target_free(t);
	return st;
}

static void test_diags(SynthContext *c)
{
	SynthPlan *p = NULL;
	CHECK(infeasible(c, &p) == SYNTH_OK);
	const SynthPlanDesc *d = synth_plan_desc(p);
	CHECK(!d->feasible);
	CHECK(d->ndiags >= 3);
	bool regions = false, nofit = false, full = false;
	size_t whylen = 0;
	for (uint32_t i = 0; i < d->ndiags; i++) {
		const SynthPlanDiag *g = &d->diags[i];
		CHECK_MSG(strstr(d->why, g->message) != NULL, "%s not in why", g->message);
		whylen += strlen(g->message) + 1;
		if (g->code == SYNTH_DIAG_REGIONS && g->domain && strcmp(g->domain, "big") == 0) {
			regions = true;
			CHECK_MSG(g->regions_over == 1, "%u", g->regions_over);
		}
		if (g->code == SYNTH_DIAG_NO_FIT && g->item && strcmp(g->item, "huge.0") == 0) {
			nofit = true;
			CHECK(g->bytes_short > 0);
		}
		if (g->code == SYNTH_DIAG_BANK_FULL) {
			full = true;
			CHECK(g->bank && strcmp(g->bank, "ram") == 0);
			CHECK(g->item && strcmp(g->item, "huge.0") == 0);
			CHECK(g->bytes_short > 0 && g->bytes_short < 65536 * 5);
			whylen += 2; /* indented in why */
		}
	}
	CHECK(regions && nofit && full);
	CHECK_MSG(whylen == strlen(d->why), "%zu vs %zu:\n%s", whylen, strlen(d->why), d->why);
	CHECK(strcmp(synth_plan_diag_code_name(SYNTH_DIAG_BANK_FULL), "bank_full") == 0);
	synth_plan_free(p);
}

/* Plans tests/plan/data/two-domains.json on target t under model m. */
static SynthStatus plan_file(SynthContext *c, const char *file, const char *target, SynthPlanModel m, SynthPlan **out)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/tests/plan/data/%s", root, file);
	SynthPlanError e;
	SynthPlanTarget *t = NULL;
	SynthPlanInput *in = synth_plan_input_new(c);
	SynthStatus st = in ? synth_plan_target_builtin(c, target, &t, &e) : SYNTH_ERR_NOMEM;
	if (!st)
		st = synth_plan_input_add_file(in, path, 0, &e);
	if (!st)
		st = synth_plan_input_finish(in, &e);
	if (!st)
		st = synth_plan_compute(c, t, in, m, out, &e);
	if (st && *out) {
		synth_plan_free(*out);
		*out = NULL;
	}
	synth_plan_input_free(in);
	synth_plan_target_free(t);
	return st;
}

static void test_free_space(SynthContext *c)
{
	for (int m = 0; m < 4; m++) {
		SynthPlan *p = NULL;
		/* stm32f407 reserves nothing; mps2-an385 reserves its sram for the runtime. */
		CHECK(plan_file(c, "two-domains.json", m < 2 ? "stm32f407" : "mps2-an385", m % 2 ? SYNTH_MODEL_B : SYNTH_MODEL_A,
		                &p) == SYNTH_OK);
		if (!p)
			continue;
		const SynthPlanDesc *d = synth_plan_desc(p);
		SynthFreeSpace *fs = NULL;
		SynthPlanError e;
		CHECK(synth_plan_free_space(c, p, &fs, &e) == SYNTH_OK);
		CHECK(fs->nbanks == d->target->nbanks);
		uint64_t used = 0;
		for (uint32_t b = 0; b < fs->nbanks; b++) {
			const SynthBankSpace *s = &fs->banks[b];
			CHECK(strcmp(s->bank, d->target->banks[b].name) == 0);
			CHECK(s->used + s->free == s->size);
			uint64_t sum = 0, largest = 0, at = s->base;
			for (uint32_t h = 0; h < s->nholes; h++) {
				CHECK(s->holes[h].base >= at && s->holes[h].size > 0);
				at = s->holes[h].base + s->holes[h].size;
				sum += s->holes[h].size;
				largest = s->holes[h].size > largest ? s->holes[h].size : largest;
				/* No top-level item overlaps a hole. */
				for (uint32_t i = 0; i < d->nitems; i++) {
					const SynthPlanItem *it = &d->items[i];
					if (it->parent < 0 && it->size)
						CHECK(it->base + it->size <= s->holes[h].base || it->base >= at);
				}
			}
			CHECK(at <= s->base + s->size);
			CHECK(sum == s->free && largest == s->largest);
			used += s->used - s->reserved;
		}
		/* Memories (or the linear memory) and fixed ranges in RAM, counted once. */
		CHECK_MSG(used == d->reserved + d->fixed_bytes, "model %s: %llu used, %llu + %llu planned",
		          synth_plan_model_name(d->model), (unsigned long long)used, (unsigned long long)d->reserved,
		          (unsigned long long)d->fixed_bytes);
		uint64_t reserved = 0;
		for (uint32_t b = 0; b < fs->nbanks; b++)
			reserved += fs->banks[b].reserved;
		CHECK(m < 2 ? reserved == 0 : reserved == 4u << 20); /* rt_stack + rt_data + rt_heap */
		synth_free_space_free(c, fs);
		synth_plan_free(p);
	}
}

static void test_diff(SynthContext *c)
{
	SynthPlan *b = NULL, *b2 = NULL, *a = NULL, *loaded = NULL;
	SynthPlanError e;
	CHECK(plan_file(c, "two-domains.json", "stm32f407", SYNTH_MODEL_B, &b) == SYNTH_OK);
	CHECK(plan_file(c, "two-domains.json", "stm32f407", SYNTH_MODEL_A, &a) == SYNTH_OK);
	CHECK(plan_file(c, "exposed.json", "stm32f407", SYNTH_MODEL_B, &b2) == SYNTH_OK);
	if (!a || !b || !b2)
		return;
	/* A layout written and read back is the same layout. */
	char *text = NULL;
	CHECK(synth_layout_write(c, b, &text, &e) == SYNTH_OK);
	CHECK(synth_layout_load_json(c, text, strlen(text), "b.json", &loaded, &e) == SYNTH_OK);
	synth_plan_text_free(c, text);
	SynthLayoutDiff *df = NULL;
	CHECK(synth_layout_diff(c, loaded, b, &df, &e) == SYNTH_OK);
	CHECK_MSG(df->n == 0, "%u changes", df->n);
	CHECK(synth_layout_diff_text(c, df, &text, &e) == SYNTH_OK && strcmp(text, "no changes\n") == 0);
	synth_plan_text_free(c, text);
	synth_layout_diff_free(c, df);
	/* Model B to model A: the model changes, every memory becomes a slice of "linear". */
	CHECK(synth_layout_diff(c, b, a, &df, &e) == SYNTH_OK);
	CHECK(df->n > 0 && df->entries[0].kind == SYNTH_DIFF_TARGET);
	CHECK(df->added >= 1); /* linear */
	bool linear = false;
	for (uint32_t i = 0; i < df->n; i++) {
		linear |= df->entries[i].kind == SYNTH_DIFF_ADDED && strcmp(df->entries[i].name, "linear") == 0;
		if (i)
			CHECK(df->entries[i - 1].kind <= df->entries[i].kind);
	}
	CHECK(linear);
	CHECK(df->reserved_delta == (int64_t)synth_plan_desc(a)->reserved - (int64_t)synth_plan_desc(b)->reserved);
	CHECK(synth_layout_diff_text(c, df, &text, &e) == SYNTH_OK);
	CHECK_MSG(strstr(text, "target   stm32f407 model b -> stm32f407 model a\n") && strstr(text, "added    linear  "),
	          "%s", text);
	synth_plan_text_free(c, text);
	synth_layout_diff_free(c, df);
	/* Other inputs: memories come and go, domains' tables change. */
	CHECK(synth_layout_diff(c, b, b2, &df, &e) == SYNTH_OK);
	CHECK(df->added + df->removed > 0 && df->domains_changed > 0);
	CHECK(synth_layout_diff_text(c, df, &text, &e) == SYNTH_OK);
	CHECK_MSG(strstr(text, "removed  net.0  ") && strstr(text, "regions  domain "), "%s", text);
	synth_plan_text_free(c, text);
	synth_layout_diff_free(c, df);
	synth_plan_free(a);
	synth_plan_free(b);
	synth_plan_free(b2);
	synth_plan_free(loaded);
}

/* A moved memory: the same inputs with one reservation changed. */
static void test_diff_moved(SynthContext *c)
{
	SynthPlanError e;
	SynthPlanTarget *t = NULL;
	SynthPlan *p[2] = {NULL, NULL};
	CHECK(synth_plan_target_builtin(c, "nrf52840", &t, &e) == SYNTH_OK);
	for (int k = 0; k < 2; k++) {
		SynthPlanInput *in = synth_plan_input_new(c);
		SynthMemRequest q0 = {.module = "a", .memidx = 0, .min_bytes = 1, .reserve = k ? 65536 : 4096};
		SynthMemRequest q1 = {.module = "b", .memidx = 0, .min_bytes = 1, .reserve = 8192};
		CHECK(synth_plan_input_add_request(in, &q0, &e) == SYNTH_OK);
		CHECK(synth_plan_input_add_request(in, &q1, &e) == SYNTH_OK);
		CHECK(synth_plan_input_finish(in, &e) == SYNTH_OK);
		CHECK(synth_plan_compute(c, t, in, SYNTH_MODEL_B, &p[k], &e) == SYNTH_OK);
		synth_plan_input_free(in);
	}
	SynthLayoutDiff *df = NULL;
	CHECK(synth_layout_diff(c, p[0], p[1], &df, &e) == SYNTH_OK);
	bool a0 = false;
	for (uint32_t i = 0; i < df->n; i++) {
		const SynthDiffEntry *x = &df->entries[i];
		if (strcmp(x->name, "a.0") == 0) {
			a0 = true;
			CHECK(x->kind == SYNTH_DIFF_MOVED || x->kind == SYNTH_DIFF_RESIZED);
			CHECK(x->old_size == 4096 && x->new_size == 65536);
		}
	}
	CHECK(a0);
	CHECK(df->reserved_delta == 65536 - 4096);
	CHECK(df->domains_changed >= 1);
	synth_layout_diff_free(c, df);
	synth_plan_free(p[0]);
	synth_plan_free(p[1]);
	synth_plan_target_free(t);
}

/* The example project of the planner GUI, as a plan input; with pin set,
 * that memory pinned at addr as the GUI's Adjust page pins it. */
static SynthStatus project_input_pinned(SynthContext *c, const char *pin, uint64_t addr, SynthPlanInput **in,
                                        SynthPlanTarget **t, SynthPlanError *e)
{
	char dir[1024], path[1100];
	snprintf(dir, sizeof dir, "%s/planner-gui/examples", root);
	snprintf(path, sizeof path, "%s/demo.synth.json", dir);
	SynthProject *p = NULL;
	SynthStatus st = synth_project_load_file(c, path, &p, e);
	const char *dma[] = {"dma"};
	SynthProjectPin pp = {.memory = pin, .nneeds = 1, .needs = dma, .has_address = true, .address = addr};
	if (!st && pin)
		st = synth_project_set_pin(p, &pp, e);
	if (!st)
		st = synth_project_plan_input(c, p, dir, in, e);
	if (!st)
		st = synth_project_target(c, p, dir, t, e);
	synth_project_free(p);
	return st;
}

static SynthStatus project_input(SynthContext *c, SynthPlanInput **in, SynthPlanTarget **t, SynthPlanError *e)
{
	return project_input_pinned(c, NULL, 0, in, t, e);
}

static const SynthPlanItem *find(const SynthPlan *p, const char *name)
{
	const SynthPlanDesc *d = synth_plan_desc(p);
	for (uint32_t i = 0; i < d->nitems; i++)
		if (strcmp(d->items[i].name, name) == 0)
			return &d->items[i];
	return NULL;
}

/* A memory of the GUI's example project pinned at an address, as the Adjust
 * page pins it: both plans put it there, the diff and free space see it, and
 * an address the unit cannot honour is a structured diagnostic. */
static void test_project_pin(SynthContext *c)
{
	SynthPlanInput *in = NULL;
	SynthPlanTarget *t = NULL;
	SynthPlanError e;
	CHECK_MSG(project_input_pinned(c, "net.0", 0x24000000, &in, &t, &e) == SYNTH_OK, "%s", e.message);
	if (!in)
		return;
	const SynthPlanInputDesc *d = synth_plan_input_desc(in);
	for (uint32_t i = 0; i < d->nrequests; i++)
		CHECK(d->requests[i].pinned == (strcmp(d->requests[i].module, "net") == 0) &&
		      (!d->requests[i].pinned || d->requests[i].address == 0x24000000));
	SynthPlan *p[2] = {NULL, NULL};
	for (int m = 0; m < 2; m++) {
		CHECK(synth_plan_compute(c, t, in, m ? SYNTH_MODEL_B : SYNTH_MODEL_A, &p[m], &e) == SYNTH_OK);
		const SynthPlanItem *it = find(p[m], "net.0");
		CHECK_MSG(synth_plan_desc(p[m])->feasible && it && it->base == 0x24000000 && it->pinned &&
		              !strcmp(it->bank, "axisram"),
		          "model %d: %s", m, synth_plan_desc(p[m])->why);
	}
	/* Free space: the pinned bytes are taken. */
	SynthFreeSpace *fs = NULL;
	CHECK(synth_plan_free_space(c, p[1], &fs, &e) == SYNTH_OK);
	for (uint32_t b = 0; fs && b < fs->nbanks; b++)
		for (uint32_t h = 0; h < fs->banks[b].nholes; h++) {
			const SynthRange *hr = &fs->banks[b].holes[h];
			CHECK(!(hr->base < 0x24010000 && 0x24000000 < hr->base + hr->size));
		}
	synth_free_space_free(c, fs);
	/* The diff from the unpinned plan: a pin came, net.0 moved. */
	SynthPlanInput *in0 = NULL;
	SynthPlanTarget *t0 = NULL;
	SynthPlan *p0 = NULL;
	CHECK(project_input(c, &in0, &t0, &e) == SYNTH_OK);
	CHECK(in0 && synth_plan_compute(c, t0, in0, SYNTH_MODEL_B, &p0, &e) == SYNTH_OK);
	SynthLayoutDiff *df = NULL;
	CHECK(p0 && synth_layout_diff(c, p0, p[1], &df, &e) == SYNTH_OK);
	bool pinned = false, moved = false;
	for (uint32_t i = 0; df && i < df->n; i++) {
		const SynthDiffEntry *x = &df->entries[i];
		pinned |= x->kind == SYNTH_DIFF_PINNED && !strcmp(x->name, "net.0") && x->new_size == 1 && x->old_size == 0 &&
		          x->new_base == 0x24000000;
		moved |= x->kind == SYNTH_DIFF_MOVED && !strcmp(x->name, "net.0");
	}
	CHECK(df && pinned && moved == (find(p0, "net.0")->base != 0x24000000) && df->pins_changed == 1);
	synth_layout_diff_free(c, df);
	synth_plan_free(p0);
	synth_plan_input_free(in0);
	synth_plan_target_free(t0);
	for (int m = 0; m < 2; m++)
		synth_plan_free(p[m]);
	/* Misaligned for the unit, and over another pin: structured reasons. */
	CHECK(synth_plan_input_pin_address(in, "net.0", 0x24000010, &e) == SYNTH_OK);
	CHECK(synth_plan_compute(c, t, in, SYNTH_MODEL_B, &p[1], &e) == SYNTH_OK);
	const SynthPlanDesc *pd = synth_plan_desc(p[1]);
	CHECK_MSG(!pd->feasible && pd->ndiags == 1 && pd->diags[0].code == SYNTH_DIAG_PIN_ALIGN &&
	              !strcmp(pd->diags[0].item, "net.0") && pd->diags[0].address == 0x24000010 && !pd->diags[0].bank &&
	              !strcmp(synth_plan_diag_code_name(pd->diags[0].code), "pin_align"),
	          "%s", pd->why);
	synth_plan_free(p[1]);
	CHECK(synth_plan_input_pin_address(in, "net.0", 0x24000000, &e) == SYNTH_OK &&
	      synth_plan_input_pin_address(in, "app.1", 0x24008000, &e) == SYNTH_OK);
	CHECK(synth_plan_compute(c, t, in, SYNTH_MODEL_B, &p[1], &e) == SYNTH_OK);
	pd = synth_plan_desc(p[1]);
	const SynthPlanDiag *g = pd->ndiags ? &pd->diags[pd->ndiags - 1] : NULL;
	CHECK_MSG(!pd->feasible && g && g->code == SYNTH_DIAG_PIN_OVERLAP && !strcmp(g->item, "app.1") &&
	              !strcmp(g->bank, "axisram") && g->address == 0x24008000 &&
	              strstr(g->message, "would overlap the pinned net.0 [0x24000000, 0x24010000)") &&
	              !strcmp(synth_plan_diag_code_name(g->code), "pin_overlap"),
	          "%s", pd->why);
	synth_plan_free(p[1]);
	synth_plan_input_free(in);
	synth_plan_target_free(t);
}

static void test_project_input(SynthContext *c)
{
	SynthPlanInput *in = NULL;
	SynthPlanTarget *t = NULL;
	SynthPlanError e;
	CHECK_MSG(project_input(c, &in, &t, &e) == SYNTH_OK, "%s: %s: %s", e.file, e.path, e.message);
	if (!in)
		return;
	const SynthPlanInputDesc *d = synth_plan_input_desc(in);
	CHECK(d->nrequests == 4 && d->ndomains == 3);
	for (uint32_t i = 0; i < d->nrequests; i++) {
		const SynthMemRequest *q = &d->requests[i];
		if (strcmp(q->module, "sensor") == 0)
			CHECK(q->reserve == 196608 && !q->has_max); /* mem_cap */
		CHECK(q->nneeds == 1 && strcmp(q->needs[0], "dma") == 0); /* the pins */
		if (strcmp(q->module, "net") == 0)
			CHECK(q->reserve == 65536 && q->exported);
	}
	CHECK(strcmp(synth_plan_target_desc(t)->name, "stm32h743") == 0);
	SynthPlan *p = NULL;
	CHECK(synth_plan_compute(c, t, in, SYNTH_MODEL_B, &p, &e) == SYNTH_OK);
	CHECK_MSG(p && synth_plan_desc(p)->feasible, "%s", p ? synth_plan_desc(p)->why : "");
	synth_plan_free(p);
	synth_plan_input_free(in);
	synth_plan_target_free(t);
	/* A corrupt module is an error naming the file. */
	SynthProject *pr = NULL;
	static const char bad[] = "{\"synth_project\":1,\"board\":\"nrf52840\",\"modules\":[{\"name\":\"x\",\"wasm\":\"app.wat\"}]}";
	char dir[1024];
	snprintf(dir, sizeof dir, "%s/planner-gui/examples", root);
	CHECK(synth_project_load_json(c, bad, strlen(bad), "bad.json", &pr, &e) == SYNTH_OK);
	CHECK(synth_project_plan_input(c, pr, dir, &in, &e) == SYNTH_ERR_MALFORMED && !in);
	CHECK_MSG(strstr(e.file, "app.wat") && strstr(e.message, "magic header not detected"), "%s", e.message);
	synth_project_free(pr);
}

/* Everything above through one context; no CHECK (runs under refusal). */
static SynthStatus everything(SynthContext *c, bool *clean)
{
	SynthPlanError e = {0};
	SynthPlan *p = NULL, *q = NULL;
	SynthFreeSpace *fs = NULL;
	SynthLayoutDiff *df = NULL;
	SynthPlanInput *in = NULL;
	SynthPlanTarget *t = NULL;
	char *text = NULL;
	SynthStatus st = infeasible(c, &p);
	if (!st && synth_plan_desc(p)->ndiags < 3)
		st = SYNTH_ERR_INTERNAL;
	synth_plan_free(p);
	p = NULL;
	if (!st)
		st = plan_file(c, "two-domains.json", "stm32f407", SYNTH_MODEL_B, &p);
	if (!st)
		st = plan_file(c, "two-domains.json", "stm32f407", SYNTH_MODEL_A, &q);
	if (!st)
		st = synth_plan_free_space(c, p, &fs, &e);
	if (!st)
		st = synth_layout_diff(c, p, q, &df, &e);
	if (!st)
		st = synth_layout_diff_text(c, df, &text, &e);
	if (!st)
		st = project_input(c, &in, &t, &e);
	synth_plan_input_free(in);
	in = NULL;
	synth_plan_target_free(t);
	t = NULL;
	if (!st) /* an address pin from the project, planned on both models */
		st = project_input_pinned(c, "net.0", 0x24000000, &in, &t, &e);
	for (int m = 0; m < 2 && !st; m++) {
		SynthPlan *pp = NULL;
		st = synth_plan_compute(c, t, in, m ? SYNTH_MODEL_B : SYNTH_MODEL_A, &pp, &e);
		if (!st && !synth_plan_desc(pp)->feasible)
			st = SYNTH_ERR_INTERNAL;
		synth_plan_free(pp);
	}
	*clean = st == SYNTH_OK || e.status == st || st == SYNTH_ERR_NOMEM;
	synth_plan_text_free(c, text);
	synth_layout_diff_free(c, df);
	synth_free_space_free(c, fs);
	synth_plan_free(p);
	synth_plan_free(q);
	synth_plan_input_free(in);
	synth_plan_target_free(t);
	return st;
}

static void test_oom(void)
{
	Counting solo = {0};
	SynthContext *c = synth_context_new(counting_realloc, &solo);
	size_t base = solo.live_bytes;
	bool clean;
	solo.calls = 0;
	CHECK(everything(c, &clean) == SYNTH_OK);
	CHECK(solo.live_bytes == base);
	synth_context_free(c);
	long n = solo.calls, nomem = 0;
	for (long k = 0; k < n; k++) {
		Counting b = {0};
		c = synth_context_new(counting_realloc, &b);
		base = b.live_bytes;
		b.calls = 0;
		b.fail_at = k + 1; /* counting_realloc counts from 1 */
		SynthStatus st = everything(c, &clean);
		CHECK_MSG(st == SYNTH_OK || st == SYNTH_ERR_NOMEM, "allocation %ld refused: %s", k, synth_status_name(st));
		CHECK_MSG(b.live_bytes == base, "allocation %ld refused: %lld bytes leaked", k, (long long)(b.live_bytes - base));
		synth_context_free(c);
		nomem += st == SYNTH_ERR_NOMEM;
	}
	CHECK(nomem > 0);
	printf("allocation failures: each of %ld allocations refused once: %ld out of memory, no leak\n", n, nomem);
}

/* One thread's runs: all of everything() through its own context. */
typedef struct Worker {
	Counting b;      /* its hook's state */
	int runs;      /* runs to do */
	long count;    /* allocations of the first run */
	int bad;       /* runs that failed or allocated differently */
} Worker;

static void *worker(void *arg)
{
	Worker *w = arg;
	SynthContext *c = synth_context_new(counting_realloc, &w->b);
	if (!c) {
		w->bad = w->runs;
		return NULL;
	}
	for (int i = 0; i < w->runs; i++) {
		bool clean;
		w->b.calls = 0;
		SynthStatus st = everything(c, &clean);
		if (i == 0)
			w->count = w->b.calls;
		w->bad += st != SYNTH_OK || w->b.calls != w->count;
	}
	synth_context_free(c);
	return NULL;
}

static void test_threads(void)
{
	Worker w[2] = {{.b = {0}, .runs = 8}, {.b = {0}, .runs = 8}};
	pthread_t t[2];
	for (int k = 0; k < 2; k++)
		CHECK(pthread_create(&t[k], NULL, worker, &w[k]) == 0);
	for (int k = 0; k < 2; k++)
		pthread_join(t[k], NULL);
	for (int k = 0; k < 2; k++) {
		CHECK_MSG(w[k].bad == 0, "thread %d: %d bad runs", k, w[k].bad);
		CHECK_MSG(w[k].b.live_bytes == 0, "thread %d: %lld bytes leaked", k, (long long)w[k].b.live_bytes);
	}
	CHECK(w[0].count == w[1].count && w[0].count > 0);
}

int main(int argc, char **argv)
{
	root = argc > 1 ? argv[1] : ".";
	SynthContext *c = synth_context_new(NULL, NULL);
	if (!c)
		return 1;
	test_diags(c);
	test_free_space(c);
	test_diff(c);
	test_diff_moved(c);
	test_project_input(c);
	test_project_pin(c);
	synth_context_free(c);
	test_oom();
	test_threads();
	if (failures)
		fprintf(stderr, "%d check(s) failed\n", failures);
	else
		printf("all gui-model tests passed\n");
	return failures ? 1 : 0;
}
