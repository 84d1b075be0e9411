/* planner-memory.h - one row of the memories table: a memory or a state
 * section (or model A slice) of the chosen plan with its domain, bank, place
 * and bytes. */
#pragma once

#include <glib-object.h>

#include "planner-document.h"

G_BEGIN_DECLS

#define PLANNER_TYPE_MEMORY (planner_memory_get_type())
G_DECLARE_FINAL_TYPE(PlannerMemory, planner_memory, PLANNER, MEMORY, GObject)

/* Column of the table, for its sorter and its text. */
typedef enum PlannerMemoryField {
	PLANNER_MEMORY_NAME,
	PLANNER_MEMORY_DOMAIN,
	PLANNER_MEMORY_BANK,
	PLANNER_MEMORY_BASE,
	PLANNER_MEMORY_SIZE,
	PLANNER_MEMORY_USED,
	PLANNER_MEMORY_WASTE,
	PLANNER_MEMORY_PROBLEM,
	PLANNER_MEMORY_N_FIELDS
} PlannerMemoryField;

/* Rows of every memory item of plan d, in item order (a GListStore); a row's
 * problem is the first of the plan's diagnostics naming the memory or its domain. */
GListStore *planner_memory_rows(const SynthPlanDesc *d);
/* The memory's name, "module.memidx". */
const char *planner_memory_get_name(PlannerMemory *m);
/* A field as the table shows it (newly allocated). */
char *planner_memory_text(PlannerMemory *m, PlannerMemoryField f);
/* Orders two rows by a field (numbers as numbers). */
int planner_memory_compare(PlannerMemory *a, PlannerMemory *b, PlannerMemoryField f);

G_END_DECLS
