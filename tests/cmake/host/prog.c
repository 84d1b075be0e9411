/* prog.c - links against libsynth through `pkg-config --cflags --libs synth`
 * alone (the default, static build): plans the two-memory hello module's
 * requests on a built-in target, which needs the planner and json-c. */
#include <stdio.h>
#include <string.h>

#include "synth/plan.h"
#include "synth/synth.h"

static const char requests[] =
	"{\"format\":\"synth-requests\",\"version\":1,\"memories\":["
	"{\"module\":\"hello\",\"memidx\":0,\"min\":65536,\"max\":65536},"
	"{\"module\":\"hello\",\"memidx\":1,\"min\":65536,\"max\":65536}]}";

int main(void)
{
	SynthPlanError err;
	SynthContext *ctx = synth_context_new(NULL, NULL);
	SynthPlanTarget *t = NULL;
	SynthPlanInput *in = ctx ? synth_plan_input_new(ctx) : NULL;
	SynthPlan *plan = NULL;
	int rc = 1;
	if (!in || synth_plan_target_open(ctx, "mps2-an386", &t, &err) ||
	    synth_plan_input_add_json(in, requests, strlen(requests), "requests", &err) ||
	    synth_plan_input_finish(in, &err) || synth_plan_compute(ctx, t, in, SYNTH_MODEL_B, &plan, &err)) {
		fprintf(stderr, "prog: error: %s\n", err.message);
		goto done;
	}
	const SynthPlanDesc *d = synth_plan_desc(plan);
	printf("planned %u items on %s: %s\n", d->nitems, synth_plan_target_desc(t)->name,
	       d->feasible ? "feasible" : "infeasible");
	rc = d->feasible ? 0 : 1;
done:
	synth_plan_free(plan);
	synth_plan_input_free(in);
	synth_plan_target_free(t);
	synth_context_free(ctx);
	return rc;
}
