/* planner-suggest.h - suggestions in the manner of compiler warnings, made
 * from a planning result (diagnostics, reservations, the models' figures),
 * each with the one edit that applies it; and the comparison's words
 * (figures per model, the recommendation). GTK-free. */
#pragma once

#include <glib.h>

#include "planner-document.h"

/* What applying a suggestion does. */
typedef enum PlannerFixKind {
	PLANNER_FIX_NONE,     /* a warning only */
	PLANNER_FIX_RESERVE,  /* planner_document_set_reserve(memory, value) */
	PLANNER_FIX_UNPIN,    /* planner_document_set_pin(memory, NULL) */
	PLANNER_FIX_MODEL,    /* planner_document_set_model(value) */
	PLANNER_FIX_REGIONS,  /* planner_document_set_max_regions(memory, value) */
	PLANNER_FIX_UNPIN_ADDRESS, /* planner_document_set_pin_address(memory, FALSE) */
} PlannerFixKind;

/* One suggestion. */
typedef struct PlannerSuggestion {
	char *text;           /* "sensor.0 reserves 128 KiB, starts at 64 KiB: ..." */
	char *action;         /* button label, e.g. "Reserve 64 KiB", or NULL */
	PlannerFixKind fix;   /* the edit */
	char *memory;         /* memory it edits, or NULL */
	guint64 value;        /* cap in bytes, the model, or a number of regions */
} PlannerSuggestion;

/* Suggestions for a result, most useful first (a GPtrArray of PlannerSuggestion, freeing them). */
GPtrArray *planner_suggest(const PlannerResult *r, const SynthProjectDesc *project);
/* Applies a suggestion to the document. */
gboolean planner_suggestion_apply(const PlannerSuggestion *s, PlannerDocument *doc, GError **error);
/* Exact: "64 KiB", "1 MiB + 512 KiB", "79 KiB + 992 B", "300 B". */
char *planner_size_str(guint64 n);
/* The figures of one model, one "label\tvalue" a line (feasibility and why last). */
char *planner_figures_text(const PlannerResult *r, SynthPlanModel m);
/* Which model to choose and why, one sentence. */
char *planner_recommendation(const PlannerResult *r);
