/* planner-suggest.c - suggestions, figures and the recommendation.
 *
 * Suggestions come from three places: the chosen plan's diagnostics (a pin
 * to a bank the target lacks, or one that no longer fits: unpin it; an
 * address pin the target cannot honour: take the address pin away), the
 * memories' reservations (a memory that reserves far more than it starts
 * with: cap it at its initial size, which is what it uses until it grows),
 * a memory held to fewer regions than would cut its rounding (a region cap:
 * allow one more), and the other model (when it is feasible and the chosen
 * one is not). What a smaller reservation or one more region saves (bytes,
 * regions) is measured: the planning run plans the chosen model again with
 * it (PlannerTrial).
 * Nothing here does region arithmetic: every number is the planner's. */
#include <string.h>

#include "planner-suggest.h"

char *planner_size_str(guint64 n)
{
	/* Exact, never rounded: a state section of 32 bytes beside a memory
	 * makes sizes like 80 KiB - 32 B, which "80.0 KiB" would hide. */
	static const char *const unit[] = {"B", "KiB", "MiB", "GiB"};
	int u = 0;
	guint64 v = n;
	while (u < 3 && v >= 1024)
		v /= 1024, u++;
	guint64 whole = v << (10 * u), rest = n - whole;
	if (!rest)
		return g_strdup_printf("%" G_GUINT64_FORMAT " %s", v, unit[u]);
	char *r = planner_size_str(rest);
	char *t = g_strdup_printf("%" G_GUINT64_FORMAT " %s + %s", v, unit[u], r);
	g_free(r);
	return t;
}

static void suggestion_free(gpointer p)
{
	PlannerSuggestion *s = p;
	g_free(s->text);
	g_free(s->action);
	g_free(s->memory);
	g_free(s);
}

static PlannerSuggestion *add(GPtrArray *out, PlannerFixKind fix, const char *memory, guint64 value,
                              char *action, char *text)
{
	PlannerSuggestion *s = g_new0(PlannerSuggestion, 1);
	s->fix = fix;
	s->memory = g_strdup(memory);
	s->value = value;
	s->action = action;
	s->text = text;
	g_ptr_array_add(out, s);
	return s;
}

static const SynthProjectPin *find_pin(const SynthProjectDesc *p, const char *memory)
{
	for (uint32_t i = 0; p && i < p->opt.npins; i++)
		if (strcmp(p->opt.pins[i].memory, memory) == 0)
			return &p->opt.pins[i];
	return NULL;
}

GPtrArray *planner_suggest(const PlannerResult *r, const SynthProjectDesc *project)
{
	GPtrArray *out = g_ptr_array_new_with_free_func(suggestion_free);
	if (!r || r->error)
		return out;
	const SynthPlanDesc *c = synth_plan_desc(r->plan[r->chosen]);
	const SynthPlanDesc *o = synth_plan_desc(r->plan[!r->chosen]);
	const char *cn = c->model == SYNTH_MODEL_A ? "A" : "B", *on = o->model == SYNTH_MODEL_A ? "A" : "B";
	/* Pins the target cannot honour. */
	GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
	for (uint32_t i = 0; i < c->ndiags; i++) {
		const SynthPlanDiag *g = &c->diags[i];
		if (!g->item || g_hash_table_contains(seen, g->item))
			continue;
		const SynthProjectPin *pin = find_pin(project, g->item);
		if (pin && pin->has_address && (g->code == SYNTH_DIAG_PIN_OUTSIDE || g->code == SYNTH_DIAG_PIN_ALIGN ||
		                                g->code == SYNTH_DIAG_PIN_OVERLAP)) {
			g_hash_table_add(seen, (gpointer)g->item);
			add(out, PLANNER_FIX_UNPIN_ADDRESS, g->item, 0, g_strdup_printf("Unpin %s from its address", g->item),
			    g_strdup_printf("warning: %s: %s; without the address pin the planner chooses its place", g->item,
			                    g->message));
			continue;
		}
		if (!pin || !(g->code == SYNTH_DIAG_UNKNOWN_BANK || g->code == SYNTH_DIAG_NO_BANK ||
		              g->code == SYNTH_DIAG_NO_FIT))
			continue;
		g_hash_table_add(seen, (gpointer)g->item);
		add(out, PLANNER_FIX_UNPIN, g->item, 0, g_strdup_printf("Unpin %s", g->item),
		    g_strdup_printf("warning: %s: %s; unpinned, the planner chooses its bank on %s", g->item, g->message,
		                    c->target->name));
	}
	g_hash_table_destroy(seen);
	if (!c->feasible && o->feasible) {
		char *res = planner_size_str(o->reserved);
		add(out, PLANNER_FIX_MODEL, NULL, o->model, g_strdup_printf("Use model %s", on),
		    g_strdup_printf("warning: model %s is infeasible on %s, model %s is feasible (%s reserved, %u of %u "
		                    "regions in the busiest domain)", cn, c->target->name, on, res, o->max_used,
		                    o->target->nregions));
		g_free(res);
	}
	/* Reservations far above the initial size, as the run's trials found them. */
	for (guint i = 0; i < r->ntrials; i++) {
		const PlannerTrial *t = &r->trials[i];
		if (c->feasible && !t->feasible)
			continue; /* capping it would break the plan */
		if (t->max_regions) {
			/* More regions for a memory its region cap holds down. */
			if (t->bytes_saved <= 0 && (c->feasible || !t->feasible))
				continue;
			char *save = planner_size_str((guint64)MAX(t->bytes_saved, 0));
			char *cost = t->regions_saved < 0 ? g_strdup_printf(" for %d more region%s", -t->regions_saved,
			                                                   t->regions_saved == -1 ? "" : "s")
			                                  : g_strdup("");
			char *why = !c->feasible && t->feasible ? g_strdup(", and the plan becomes feasible") : g_strdup("");
			add(out, PLANNER_FIX_REGIONS, t->memory, t->max_regions,
			    g_strdup_printf("Allow %u regions", t->max_regions),
			    g_strdup_printf("warning: %s is held to %u region%s: allowing %u saves %s%s%s", t->memory,
			                    t->max_regions - 1, t->max_regions == 2 ? "" : "s", t->max_regions, save, cost, why));
			g_free(save);
			g_free(cost);
			g_free(why);
			continue;
		}
		char *res = planner_size_str(t->size), *min = planner_size_str(t->cap);
		char *save = planner_size_str((guint64)MAX(t->bytes_saved, 0));
		char *regions = t->regions_saved > 0 ? g_strdup_printf(" and %d region%s", t->regions_saved,
		                                                          t->regions_saved == 1 ? "" : "s")
		                                     : g_strdup("");
		char *why = !c->feasible && t->feasible ? g_strdup(", and the plan becomes feasible") : g_strdup("");
		add(out, PLANNER_FIX_RESERVE, t->memory, t->cap, g_strdup_printf("Reserve %s", min),
		    g_strdup_printf("warning: %s reserves %s, starts at %s: a %s reservation saves %s%s%s "
		                    "(memory.grow beyond it fails)", t->memory, res, min, min, save, regions, why));
		g_free(res);
		g_free(min);
		g_free(save);
		g_free(regions);
		g_free(why);
	}
	/* Exposure of a carving nobody accepted. */
	for (uint32_t d = 0; d < c->ndomains; d++) {
		const SynthDomainPlan *dp = &c->domains[d];
		if (dp->exposed && !dp->accepted) {
			char *s = planner_size_str(dp->exposed);
			add(out, c->model == SYNTH_MODEL_A && o->feasible && o->enforced ? PLANNER_FIX_MODEL : PLANNER_FIX_NONE,
			    NULL, o->model, c->model == SYNTH_MODEL_A && o->feasible && o->enforced ? g_strdup("Use model B") : NULL,
			    g_strdup_printf("warning: domain %s can write %s of other domains (model %s carving, not enforced)",
			                    dp->name, s, cn));
			g_free(s);
		}
	}
	return out;
}

gboolean planner_suggestion_apply(const PlannerSuggestion *s, PlannerDocument *doc, GError **error)
{
	switch (s->fix) {
	case PLANNER_FIX_RESERVE: return planner_document_set_reserve(doc, s->memory, s->value, error);
	case PLANNER_FIX_REGIONS: return planner_document_set_max_regions(doc, s->memory, (guint)s->value, error);
	case PLANNER_FIX_UNPIN: return planner_document_set_pin(doc, s->memory, NULL, error);
	case PLANNER_FIX_MODEL: return planner_document_set_model(doc, (SynthPlanModel)s->value, error);
	case PLANNER_FIX_UNPIN_ADDRESS: return planner_document_set_pin_address(doc, s->memory, FALSE, 0, error);
	case PLANNER_FIX_NONE: break;
	}
	return TRUE;
}

char *planner_figures_text(const PlannerResult *r, SynthPlanModel m)
{
	if (!r)
		return g_strdup("planning…");
	if (r->error)
		return g_strdup_printf("cannot plan\t%s", r->error);
	const SynthPlanDesc *d = synth_plan_desc(r->plan[m]);
	GString *s = g_string_new(NULL);
	char *a = planner_size_str(d->reserved), *b = planner_size_str(d->rounding_waste + d->padding_waste);
	char *fx = planner_size_str(d->fixed_bytes);
	g_string_append_printf(s, "bytes reserved\t%s (%" G_GUINT64_FORMAT ")\n", a, d->reserved);
	g_string_append_printf(s, "waste\t%s (rounding %" G_GUINT64_FORMAT ", padding %" G_GUINT64_FORMAT ")\n", b,
	                       d->rounding_waste, d->padding_waste);
	g_string_append_printf(s, "fixed in RAM\t%s\n", fx);
	g_free(a);
	g_free(b);
	g_free(fx);
	for (uint32_t k = 0; k < d->ndomains; k++) {
		const SynthDomainPlan *dp = &d->domains[k];
		g_string_append_printf(s, "domain %s\t%u of %u regions%s", dp->name, dp->used, dp->budget,
		                       dp->used > dp->budget ? " (over budget)" : "");
		if (dp->exposed) {
			char *e = planner_size_str(dp->exposed);
			g_string_append_printf(s, ", exposes %s%s", e, dp->accepted ? " (accepted)" : "");
			g_free(e);
		} else {
			g_string_append(s, ", enforced");
		}
		g_string_append_c(s, '\n');
	}
	g_string_append_printf(s, "boundaries\t%s\n", d->enforced ? "all enforced by the MPU" : "NOT all enforced");
	if (d->feasible) {
		g_string_append(s, "feasible\tyes");
	} else {
		g_string_append(s, "feasible\tNO");
		for (uint32_t k = 0; k < d->ndiags; k++) {
			SynthPlanDiagCode c = d->diags[k].code;
			gboolean detail = c == SYNTH_DIAG_BANK_FULL || c == SYNTH_DIAG_BANK_FRAGMENTED;
			g_string_append_printf(s, "\n%s\t%s%s", k ? "" : "why", detail ? "    " : "", d->diags[k].message);
		}
	}
	return g_string_free(s, FALSE);
}

char *planner_recommendation(const PlannerResult *r)
{
	if (!r || r->error)
		return g_strdup("");
	const SynthPlanDesc *a = synth_plan_desc(r->plan[SYNTH_MODEL_A]), *b = synth_plan_desc(r->plan[SYNTH_MODEL_B]);
	char *s = NULL, *da = NULL;
	if (!a->feasible && !b->feasible)
		return g_strdup("Neither model is feasible on this target: see why under each, and the suggestions.");
	if (a->feasible != b->feasible)
		return g_strdup_printf("Model %s: the only one feasible on %s.", b->feasible ? "B" : "A", b->target->name);
	gint64 delta = (gint64)b->reserved - (gint64)a->reserved;
	da = planner_size_str((guint64)(delta < 0 ? -delta : delta));
	if (b->enforced && !a->enforced)
		s = g_strdup_printf("Model B: every boundary is enforced by the MPU, model A exposes bytes between "
		                    "domains; B reserves %s %s.", da, delta >= 0 ? "more" : "less");
	else if (b->enforced && a->enforced)
		s = delta == 0 ? g_strdup_printf("Model B: both are enforced and reserve the same bytes; B gives each memory "
		                                 "its own region and link section (%u regions at most per domain, A %u).",
		                                 b->max_used, a->max_used)
		    : delta < 0 ? g_strdup_printf("Model B: both are enforced and B reserves %s less (%u regions at most per domain).",
		                                 da, b->max_used)
		               : g_strdup_printf("Model B: both are enforced; B keeps each memory its own region and "
		                                 "link section for %s more than A's one linear memory.", da);
	else
		s = g_strdup_printf("Model %s: it reserves fewer bytes.", delta <= 0 ? "B" : "A");
	g_free(da);
	return s;
}
