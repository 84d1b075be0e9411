/* planner-document.h - the planner's data model: one project file, its
 * edits, and the plans of both models computed off the UI thread. GTK-free
 * (GObject and GIO only), so the tests and the headless renderer use it
 * without a display. */
#pragma once

#include <gio/gio.h>

#include "synth/plan.h"
#include "synth/project.h"

G_BEGIN_DECLS

#define PLANNER_ERROR (planner_error_quark())
GQuark planner_error_quark(void);

/* What capping one memory's reservation at its initial size, or allowing it
 * one more region, would do to the chosen plan (the run plans it to find out). */
typedef struct PlannerTrial {
	char *memory;          /* "module.memidx" */
	guint max_regions;     /* a region trial: the cap tried (one above the one in force); 0: a reservation trial */
	guint64 cap;           /* a reservation trial: the reservation tried, the memory's initial size */
	guint64 size;          /* what it reserves now */
	gint64 bytes_saved;    /* reserved bytes (memories and padding) the plan saves */
	int regions_saved;     /* regions saved, summed over the domains */
	gboolean feasible;     /* the plan stays feasible */
} PlannerTrial;

/* Everything one planning run produced; owned by the document, replaced
 * (and freed) when the next run finishes, so borrow it only until the next
 * "planned" signal. */
typedef struct PlannerResult {
	SynthContext *ctx;          /* the run's own context; everything below allocates through it */
	SynthPlanTarget *target;    /* the target planned for, or NULL (see error) */
	SynthPlanInput *input;      /* the project's requests and domains, or NULL */
	SynthPlan *plan[2];         /* [SYNTH_MODEL_A], [SYNTH_MODEL_B]; NULL when error */
	SynthFreeSpace *space[2];   /* free space per bank of each plan */
	SynthPlanModel chosen;      /* the project's model: the one accepted and exported */
	SynthPlan *committed;       /* the committed layout, or NULL */
	char *committed_path;       /* its file (absolute), or NULL when the project names none */
	char *committed_hash;       /* first 12 hex digits of its SHA-256, or NULL */
	char *committed_error;      /* why it could not be read, or NULL */
	SynthLayoutDiff *diff;      /* committed -> chosen plan, when both exist and the plan is feasible */
	char *diff_text;            /* its text form */
	char *error;                /* why nothing could be planned (bad module, unknown target), or NULL */
	PlannerTrial *trials;       /* reservation trials of the chosen plan's memories */
	guint ntrials;
	guint64 generation;         /* which edit it answers */
} PlannerResult;

/* Frees a result. NULL is allowed. */
void planner_result_free(PlannerResult *r);
/* The chosen plan, or NULL. */
const SynthPlan *planner_result_chosen(const PlannerResult *r);
/* Index of the first domain of a plan holding item i (its domain for a per-domain fixed item), or -1. */
int planner_plan_item_domain(const SynthPlanDesc *d, uint32_t i);

#define PLANNER_TYPE_DOCUMENT (planner_document_get_type())
G_DECLARE_FINAL_TYPE(PlannerDocument, planner_document, PLANNER, DOCUMENT, GObject)

/* A document with no project. */
PlannerDocument *planner_document_new(void);
/* Loads a project file and starts planning; FALSE with error (the document
 * keeps its previous project) when the file cannot be read or is not a project. */
gboolean planner_document_load(PlannerDocument *doc, const char *path, GError **error);
/* Writes the project file back (canonical form). */
gboolean planner_document_save(PlannerDocument *doc, GError **error);
/* The project file's path, or NULL. */
const char *planner_document_get_path(PlannerDocument *doc);
/* The project (borrowed, valid until the next edit), or NULL. */
const SynthProjectDesc *planner_document_get_project(PlannerDocument *doc);
/* TRUE when edited since loaded or saved. */
gboolean planner_document_get_modified(PlannerDocument *doc);
/* The latest result (borrowed), or NULL before the first run finishes. */
const PlannerResult *planner_document_get_result(PlannerDocument *doc);
/* TRUE while a run is going on (the result is then of an older edit). */
gboolean planner_document_is_planning(PlannerDocument *doc);

/* Edits; each replans. */
/* Switches the board (its built-in target; a target file of the project is dropped). */
gboolean planner_document_set_board(PlannerDocument *doc, const char *board, GError **error);
/* Sets the model the layout uses. */
gboolean planner_document_set_model(PlannerDocument *doc, SynthPlanModel model, GError **error);
/* Pins memory "module.memidx" to bank; NULL bank removes the pin (bank and
 * needs); an address pin of the memory stays either way. */
gboolean planner_document_set_pin(PlannerDocument *doc, const char *memory, const char *bank, GError **error);
/* Pins memory "module.memidx" to address (its base exactly there in both
 * models), keeping its bank pin; pinned FALSE removes the address pin only. */
gboolean planner_document_set_pin_address(PlannerDocument *doc, const char *memory, gboolean pinned, guint64 address,
                                          GError **error);
/* Moves memory "module.memidx" into domain (created when new), out of every other. */
gboolean planner_document_set_domain(PlannerDocument *doc, const char *memory, const char *domain, GError **error);
/* Caps what memory "module.memidx" reserves (the module's mem_caps); 0 removes the cap. */
gboolean planner_document_set_reserve(PlannerDocument *doc, const char *memory, guint64 cap, GError **error);

/* Caps the regions model B covers memory "module.memidx" with (the module's
 * max_regions), or with memory NULL every memory without a cap of its own
 * (the project's max_regions); n 1 to 64, 0 removes the cap. */
gboolean planner_document_set_max_regions(PlannerDocument *doc, const char *memory, guint n, GError **error);
/* The cap set for memory (its own, 0: none), or with NULL the project's default (0: none). */
guint planner_document_get_max_regions(PlannerDocument *doc, const char *memory);

/* Where Accept writes the layout: the project's layout, else NAME.layout.json beside the project. */
char *planner_document_layout_path(PlannerDocument *doc);
/* Error codes of PLANNER_ERROR a caller acts on (others are 0). */
enum {
	PLANNER_ERROR_EXPOSURE = 1, /* the plan lets a domain reach others' bytes: accept that first */
};

/* Bytes the chosen plan lets domains reach beyond their own and nobody accepted (0: none). */
guint64 planner_result_unaccepted_exposure(const PlannerResult *r);
/* Accepts the chosen plan of the current result: writes the layout file and
 * its exports (BASE.ld, BASE.h, BASE.c, BASE.map beside it, BASE being the
 * layout's name without .json and .layout) exactly as `synth layout export`
 * writes them; the project then names the layout. A plan whose domains can
 * reach others' bytes fails with PLANNER_ERROR_EXPOSURE unless
 * accept_exposure, which records the acceptance in the layout (as `synth
 * plan --accept-exposure`). Fills *written (may be NULL) with the files
 * written (free with g_strfreev). */
gboolean planner_document_accept(PlannerDocument *doc, gboolean accept_exposure, char ***written, GError **error);

G_END_DECLS
