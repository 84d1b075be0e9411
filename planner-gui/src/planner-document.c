/* planner-document.c - the project being planned, its edits, and planning
 * runs on a worker thread (GTask).
 *
 * A run gets the project as saved text, so the worker never touches the
 * document's project: it loads the text into a context of its own, builds
 * the plan input (synth_project_plan_input), plans both models, computes
 * free space, reads the committed layout and diffs it against the chosen
 * plan. The main thread takes the result over when the run finishes; a
 * result older than the latest edit is dropped (the newer run follows). */
#include <stdlib.h>
#include <string.h>

#include "planner-document.h"

G_DEFINE_QUARK(planner-error-quark, planner_error)

struct _PlannerDocument {
	GObject parent_instance;
	SynthContext *ctx;      /* the project's context (main thread only) */
	SynthProject *project;  /* NULL before a load */
	char *path;             /* project file */
	char *dir;              /* its folder */
	gboolean modified;      /* edited since loaded or saved */
	PlannerResult *result;  /* latest finished run, or NULL */
	guint64 generation;     /* edits made; a run answers one */
	guint running;          /* runs not yet finished */
};

G_DEFINE_FINAL_TYPE(PlannerDocument, planner_document, G_TYPE_OBJECT)

enum { SIGNAL_PLANNED, SIGNAL_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

void planner_result_free(PlannerResult *r)
{
	if (!r)
		return;
	SynthContext *ctx = r->ctx;
	if (ctx) {
		synth_plan_text_free(ctx, r->diff_text);
		synth_layout_diff_free(ctx, r->diff);
		for (int k = 0; k < 2; k++) {
			synth_free_space_free(ctx, r->space[k]);
			synth_plan_free(r->plan[k]);
		}
		synth_plan_free(r->committed);
		synth_plan_input_free(r->input);
		synth_plan_target_free(r->target);
		synth_context_free(ctx);
	}
	for (guint i = 0; i < r->ntrials; i++)
		g_free(r->trials[i].memory);
	g_free(r->trials);
	g_free(r->committed_path);
	g_free(r->committed_hash);
	g_free(r->committed_error);
	g_free(r->error);
	g_free(r);
}

const SynthPlan *planner_result_chosen(const PlannerResult *r)
{
	return r ? r->plan[r->chosen] : NULL;
}

int planner_plan_item_domain(const SynthPlanDesc *d, uint32_t i)
{
	if (d->items[i].domain >= 0)
		return d->items[i].domain;
	for (uint32_t k = 0; k < d->ndomains; k++)
		for (uint32_t j = 0; j < d->domains[k].nitems; j++)
			if (d->domains[k].items[j] == i)
				return (int)k;
	return -1;
}

static char *error_text(const SynthPlanError *e)
{
	return g_strdup_printf("%s%s%s%s%s", e->file, e->file[0] ? ": " : "", e->path, e->path[0] ? ": " : "",
	                       e->message);
}

static gboolean set_error(GError **error, const SynthPlanError *e)
{
	char *t = error_text(e);
	g_set_error_literal(error, PLANNER_ERROR, (int)e->status, t);
	g_free(t);
	return FALSE;
}

/* ---- planning runs ---- */

/* What a run starts from. */
typedef struct Job {
	char *text;          /* the project as saved */
	char *path;          /* project file, for messages */
	char *dir;           /* its folder */
	guint64 generation;  /* the edit it answers */
} Job;

static void job_free(gpointer p)
{
	Job *j = p;
	g_free(j->text);
	g_free(j->path);
	g_free(j->dir);
	g_free(j);
}

static void read_committed(PlannerResult *r, const char *path)
{
	char *bytes = NULL;
	gsize len = 0;
	GError *ge = NULL;
	r->committed_path = g_strdup(path);
	if (!g_file_test(path, G_FILE_TEST_EXISTS))
		return; /* named but not written yet */
	if (!g_file_get_contents(path, &bytes, &len, &ge)) {
		r->committed_error = g_strdup(ge->message);
		g_error_free(ge);
		return;
	}
	char *sum = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)bytes, len);
	r->committed_hash = g_strndup(sum, 12);
	g_free(sum);
	SynthPlanError e;
	if (synth_layout_load_json(r->ctx, bytes, len, path, &r->committed, &e))
		r->committed_error = error_text(&e);
	g_free(bytes);
}

/* Regions used by every domain of a plan, summed. */
static int regions_used(const SynthPlanDesc *d)
{
	int n = 0;
	for (uint32_t k = 0; k < d->ndomains; k++)
		n += (int)d->domains[k].used;
	return n;
}

/* Plans the chosen model again from the project (j: the run's) with
 * request q changed as applying the suggestion changes it: its reservation
 * capped at its initial size (min_reserve: the module's mem_caps entry), or
 * its region cap set to max_regions (when nonzero); the input is built again
 * by synth_project_plan_input, so it holds the state sections (and their
 * merging with a memory) exactly as the applied project will. Records what
 * that saves against the chosen plan as a trial. */
static void trial(PlannerResult *r, const Job *j, uint32_t q, gboolean min_reserve, guint max_regions)
{
	const SynthPlanInputDesc *in = synth_plan_input_desc(r->input);
	const SynthPlanDesc *c = synth_plan_desc(r->plan[r->chosen]);
	const SynthMemRequest *rq = &in->requests[q];
	char *memory = g_strdup_printf("%s.%u", rq->module, rq->memidx);
	SynthProject *pj = NULL;
	SynthPlanInput *t = NULL;
	SynthPlan *p = NULL;
	uint64_t *caps = NULL;
	SynthPlanError e;
	SynthStatus st = synth_project_load_json(r->ctx, j->text, strlen(j->text), j->path, &pj, &e);
	if (!st && min_reserve) {
		const SynthProjectDesc *pd = synth_project_desc(pj);
		st = SYNTH_ERR_INVALID;
		for (uint32_t i = 0; i < pd->nmodules; i++) {
			if (strcmp(pd->modules[i].name, rq->module) != 0 || rq->memidx >= 64)
				continue;
			SynthProjectModule m = pd->modules[i];
			uint32_t n = MAX(m.nmem_caps, rq->memidx + 1);
			caps = g_new0(uint64_t, n);
			for (uint32_t k = 0; k < m.nmem_caps; k++)
				caps[k] = m.mem_caps[k];
			caps[rq->memidx] = rq->min_bytes;
			m.mem_caps = caps;
			m.nmem_caps = n;
			st = synth_project_set_module(pj, &m, &e);
			break;
		}
	}
	if (!st && max_regions)
		st = synth_project_set_max_regions(pj, memory, max_regions, &e);
	if (!st)
		st = synth_project_plan_input(r->ctx, pj, j->dir, &t, &e);
	if (!st)
		st = synth_plan_compute(r->ctx, r->target, t, r->chosen, &p, &e);
	if (!st) {
		const SynthPlanDesc *d = synth_plan_desc(p);
		PlannerTrial *tr = &r->trials[r->ntrials++];
		tr->memory = memory;
		memory = NULL;
		tr->cap = min_reserve ? rq->min_bytes : 0;
		tr->size = rq->reserve;
		tr->max_regions = max_regions;
		tr->feasible = d->feasible;
		tr->bytes_saved = (gint64)(c->reserved + c->padding_waste) - (gint64)(d->reserved + d->padding_waste);
		tr->regions_saved = regions_used(c) - regions_used(d);
	}
	g_free(caps);
	g_free(memory);
	synth_plan_free(p);
	synth_plan_input_free(t);
	synth_project_free(pj);
}

/* Plans the chosen model again with memory q's reservation at its initial
 * size, for every memory reserving at least twice that (and 16 KiB more);
 * and, when the chosen model is B, with one more region for every memory
 * whose cover its region cap (its own or the default) holds down. */
static void try_reservations(PlannerResult *r, const Job *j)
{
	const SynthPlanInputDesc *in = synth_plan_input_desc(r->input);
	const SynthPlanDesc *c = synth_plan_desc(r->plan[r->chosen]);
	r->trials = g_new0(PlannerTrial, 2 * in->nrequests + 1);
	for (uint32_t q = 0; q < in->nrequests; q++) {
		const SynthMemRequest *rq = &in->requests[q];
		if (!rq->min_bytes || rq->reserve < 2 * rq->min_bytes || rq->reserve - rq->min_bytes < 16384)
			continue;
		trial(r, j, q, TRUE, 0);
	}
	for (uint32_t q = 0; c->model == SYNTH_MODEL_B && q < in->nrequests; q++) {
		const SynthMemRequest *rq = &in->requests[q];
		guint cap = synth_plan_input_max_regions(r->input, q);
		for (uint32_t i = 0; cap && cap < 64 && i < c->nitems; i++) {
			const SynthPlanItem *it = &c->items[i];
			if (it->kind == SYNTH_ITEM_MEMORY && it->memidx == rq->memidx && !strcmp(it->module, rq->module) &&
			    it->bank && synth_plan_item_regions(r->plan[r->chosen], i) == cap)
				trial(r, j, q, FALSE, cap + 1); /* the cover the cap holds: with a merged state's */
		}
	}
}

static void plan_thread(GTask *task, gpointer source, gpointer data, GCancellable *cancel)
{
	Job *j = data;
	PlannerResult *r = g_new0(PlannerResult, 1);
	SynthPlanError e;
	SynthProject *p = NULL;
	r->generation = j->generation;
	r->ctx = synth_context_new(NULL, NULL);
	if (!r->ctx) {
		r->error = g_strdup("out of memory");
		goto done;
	}
	if (synth_project_load_json(r->ctx, j->text, strlen(j->text), j->path, &p, &e)) {
		r->error = error_text(&e);
		goto done;
	}
	const SynthProjectDesc *pd = synth_project_desc(p);
	r->chosen = pd->opt.model;
	if (synth_project_target(r->ctx, p, j->dir, &r->target, &e) ||
	    synth_project_plan_input(r->ctx, p, j->dir, &r->input, &e)) {
		r->error = error_text(&e);
		goto done;
	}
	for (int k = 0; k < 2; k++) {
		if (synth_plan_compute(r->ctx, r->target, r->input, (SynthPlanModel)k, &r->plan[k], &e) ||
		    synth_plan_free_space(r->ctx, r->plan[k], &r->space[k], &e)) {
			r->error = error_text(&e);
			goto done;
		}
	}
	if (pd->opt.layout) {
		char *lp = g_path_is_absolute(pd->opt.layout) ? g_strdup(pd->opt.layout)
		                                              : g_build_filename(j->dir, pd->opt.layout, NULL);
		read_committed(r, lp);
		g_free(lp);
	}
	try_reservations(r, j);
	const SynthPlan *chosen = r->plan[r->chosen];
	if (r->committed && synth_plan_desc(chosen)->feasible) {
		if (synth_layout_diff(r->ctx, r->committed, chosen, &r->diff, &e) ||
		    synth_layout_diff_text(r->ctx, r->diff, &r->diff_text, &e))
			r->committed_error = error_text(&e);
	}
done:
	synth_project_free(p);
	g_task_return_pointer(task, r, (GDestroyNotify)planner_result_free);
}

static void plan_done(GObject *source, GAsyncResult *res, gpointer data)
{
	PlannerDocument *doc = PLANNER_DOCUMENT(source);
	PlannerResult *r = g_task_propagate_pointer(G_TASK(res), NULL);
	doc->running--;
	if (!r)
		return;
	if (r->generation != doc->generation) {
		planner_result_free(r); /* a newer edit's run is on its way */
		return;
	}
	PlannerResult *old = doc->result;
	doc->result = r;
	g_signal_emit(doc, signals[SIGNAL_PLANNED], 0);
	planner_result_free(old);
}

/* Starts a run for the project as it is now. */
static void replan(PlannerDocument *doc)
{
	char *text = NULL;
	SynthPlanError e;
	doc->generation++;
	if (synth_project_save(doc->ctx, doc->project, &text, &e))
		return;
	Job *j = g_new0(Job, 1);
	j->text = g_strdup(text);
	j->path = g_strdup(doc->path);
	j->dir = g_strdup(doc->dir);
	j->generation = doc->generation;
	synth_project_text_free(doc->ctx, text);
	GTask *task = g_task_new(doc, NULL, plan_done, NULL);
	g_task_set_task_data(task, j, job_free);
	doc->running++;
	g_task_run_in_thread(task, plan_thread);
	g_object_unref(task);
}

/* After an edit: mark, tell, plan again. */
static void edited(PlannerDocument *doc)
{
	doc->modified = TRUE;
	g_signal_emit(doc, signals[SIGNAL_CHANGED], 0);
	replan(doc);
}

/* ---- object ---- */

static void planner_document_finalize(GObject *obj)
{
	PlannerDocument *doc = PLANNER_DOCUMENT(obj);
	planner_result_free(doc->result);
	synth_project_free(doc->project);
	synth_context_free(doc->ctx);
	g_free(doc->path);
	g_free(doc->dir);
	G_OBJECT_CLASS(planner_document_parent_class)->finalize(obj);
}

static void planner_document_class_init(PlannerDocumentClass *klass)
{
	G_OBJECT_CLASS(klass)->finalize = planner_document_finalize;
	/* A run finished: the result changed. */
	signals[SIGNAL_PLANNED] = g_signal_new("planned", G_TYPE_FROM_CLASS(klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
	                                       NULL, G_TYPE_NONE, 0);
	/* The project changed (loaded, edited, saved). */
	signals[SIGNAL_CHANGED] = g_signal_new("changed", G_TYPE_FROM_CLASS(klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
	                                       NULL, G_TYPE_NONE, 0);
}

static void planner_document_init(PlannerDocument *doc)
{
	doc->ctx = synth_context_new(NULL, NULL);
}

PlannerDocument *planner_document_new(void)
{
	return g_object_new(PLANNER_TYPE_DOCUMENT, NULL);
}

gboolean planner_document_load(PlannerDocument *doc, const char *path, GError **error)
{
	char *bytes = NULL;
	gsize len = 0;
	if (!g_file_get_contents(path, &bytes, &len, error))
		return FALSE;
	SynthProject *p = NULL;
	SynthPlanError e;
	char *base = g_path_get_basename(path);
	SynthStatus st = synth_project_load_json(doc->ctx, bytes, len, base, &p, &e);
	if (!st && synth_project_check(p, &e)) {
		st = e.status;
		g_strlcpy(e.file, base, sizeof e.file);
	}
	g_free(bytes);
	g_free(base);
	if (st) {
		synth_project_free(p);
		return set_error(error, &e);
	}
	synth_project_free(doc->project);
	doc->project = p;
	g_free(doc->path);
	g_free(doc->dir);
	doc->path = g_canonicalize_filename(path, NULL);
	doc->dir = g_path_get_dirname(doc->path);
	doc->modified = FALSE;
	/* The previous result stays (views may still point into it) until this
	 * project's first run replaces it; it answers an older generation, so
	 * nothing accepts it. */
	g_signal_emit(doc, signals[SIGNAL_CHANGED], 0);
	replan(doc);
	return TRUE;
}

gboolean planner_document_save(PlannerDocument *doc, GError **error)
{
	if (!doc->project) {
		g_set_error_literal(error, PLANNER_ERROR, 0, "no project to save");
		return FALSE;
	}
	char *text = NULL;
	SynthPlanError e;
	if (synth_project_save(doc->ctx, doc->project, &text, &e))
		return set_error(error, &e);
	gboolean ok = g_file_set_contents(doc->path, text, -1, error);
	synth_project_text_free(doc->ctx, text);
	if (ok) {
		doc->modified = FALSE;
		g_signal_emit(doc, signals[SIGNAL_CHANGED], 0);
	}
	return ok;
}

const char *planner_document_get_path(PlannerDocument *doc)
{
	return doc->path;
}

const SynthProjectDesc *planner_document_get_project(PlannerDocument *doc)
{
	return doc->project ? synth_project_desc(doc->project) : NULL;
}

gboolean planner_document_get_modified(PlannerDocument *doc)
{
	return doc->modified;
}

const PlannerResult *planner_document_get_result(PlannerDocument *doc)
{
	return doc->result;
}

gboolean planner_document_is_planning(PlannerDocument *doc)
{
	return doc->running > 0 && (!doc->result || doc->result->generation != doc->generation);
}

/* ---- edits ---- */

static gboolean need_project(PlannerDocument *doc, GError **error)
{
	if (doc->project)
		return TRUE;
	g_set_error_literal(error, PLANNER_ERROR, 0, "no project is open");
	return FALSE;
}

static gboolean set_options(PlannerDocument *doc, const SynthProjectOptions *o, GError **error)
{
	SynthPlanError e;
	if (synth_project_set_options(doc->project, o, &e))
		return set_error(error, &e);
	edited(doc);
	return TRUE;
}

gboolean planner_document_set_board(PlannerDocument *doc, const char *board, GError **error)
{
	if (!need_project(doc, error))
		return FALSE;
	SynthProjectOptions o = synth_project_desc(doc->project)->opt;
	o.board = board;
	o.target = NULL;
	return set_options(doc, &o, error);
}

gboolean planner_document_set_model(PlannerDocument *doc, SynthPlanModel model, GError **error)
{
	if (!need_project(doc, error))
		return FALSE;
	SynthProjectOptions o = synth_project_desc(doc->project)->opt;
	if (o.model == model)
		return TRUE;
	o.model = model;
	return set_options(doc, &o, error);
}

/* Splits "module.memidx"; FALSE with error when malformed. */
static gboolean split_memory(const char *memory, char **module, guint *memidx, GError **error)
{
	const char *dot = memory ? strrchr(memory, '.') : NULL;
	char *end = NULL;
	guint64 k = dot && dot[1] ? g_ascii_strtoull(dot + 1, &end, 10) : 0;
	if (!dot || dot == memory || !end || *end || k > 1000000) {
		g_set_error(error, PLANNER_ERROR, 0, "\"%s\" is not a memory (module.memidx)", memory ? memory : "");
		return FALSE;
	}
	*module = g_strndup(memory, (gsize)(dot - memory));
	*memidx = (guint)k;
	return TRUE;
}

gboolean planner_document_set_pin(PlannerDocument *doc, const char *memory, const char *bank, GError **error)
{
	char *module;
	guint idx;
	if (!need_project(doc, error) || !split_memory(memory, &module, &idx, error))
		return FALSE;
	g_free(module);
	SynthProjectOptions o = synth_project_desc(doc->project)->opt;
	SynthProjectPin *pins = g_new0(SynthProjectPin, o.npins + 1);
	uint32_t n = 0;
	SynthProjectPin np = {.memory = memory, .bank = bank && *bank ? bank : NULL};
	for (uint32_t i = 0; i < o.npins; i++) {
		if (strcmp(o.pins[i].memory, memory) != 0)
			pins[n++] = o.pins[i];
		else
			np.has_address = o.pins[i].has_address, np.address = o.pins[i].address;
	}
	if (np.bank || np.has_address)
		pins[n++] = np;
	o.pins = pins;
	o.npins = n;
	gboolean ok = set_options(doc, &o, error);
	g_free(pins);
	return ok;
}

gboolean planner_document_set_pin_address(PlannerDocument *doc, const char *memory, gboolean pinned, guint64 address,
                                          GError **error)
{
	char *module;
	guint idx;
	if (!need_project(doc, error) || !split_memory(memory, &module, &idx, error))
		return FALSE;
	g_free(module);
	const SynthProjectOptions *o = &synth_project_desc(doc->project)->opt;
	SynthProjectPin pin = {.memory = memory};
	for (uint32_t i = 0; i < o->npins; i++)
		if (strcmp(o->pins[i].memory, memory) == 0)
			pin = o->pins[i];
	pin.has_address = pinned;
	pin.address = pinned ? address : 0;
	SynthPlanError e;
	if (synth_project_set_pin(doc->project, &pin, &e))
		return set_error(error, &e);
	edited(doc);
	return TRUE;
}

gboolean planner_document_set_reserve(PlannerDocument *doc, const char *memory, guint64 cap, GError **error)
{
	char *module;
	guint idx;
	if (!need_project(doc, error) || !split_memory(memory, &module, &idx, error))
		return FALSE;
	const SynthProjectDesc *pd = synth_project_desc(doc->project);
	const SynthProjectModule *src = NULL;
	for (uint32_t i = 0; i < pd->nmodules; i++)
		if (strcmp(pd->modules[i].name, module) == 0)
			src = &pd->modules[i];
	g_free(module);
	if (!src || idx >= 64) {
		g_set_error(error, PLANNER_ERROR, 0, "no memory %s in the project", memory);
		return FALSE;
	}
	SynthProjectModule m = *src;
	uint32_t n = MAX(m.nmem_caps, idx + 1);
	uint64_t *caps = g_new0(uint64_t, n);
	for (uint32_t i = 0; i < m.nmem_caps; i++)
		caps[i] = m.mem_caps[i];
	caps[idx] = cap;
	m.mem_caps = caps;
	m.nmem_caps = n;
	SynthPlanError e;
	gboolean ok = synth_project_set_module(doc->project, &m, &e) == SYNTH_OK;
	g_free(caps);
	if (!ok)
		return set_error(error, &e);
	edited(doc);
	return TRUE;
}

gboolean planner_document_set_domain(PlannerDocument *doc, const char *memory, const char *domain, GError **error)
{
	char *module;
	guint idx;
	if (!need_project(doc, error) || !split_memory(memory, &module, &idx, error))
		return FALSE;
	g_free(module);
	const PlannerResult *r = doc->result;
	if (!r || !r->input) {
		g_set_error_literal(error, PLANNER_ERROR, 0, "the project's memories are not known yet (it does not plan)");
		return FALSE;
	}
	/* Membership from the planned input (it resolved "module" members and
	 * made one domain per module when the project names none). */
	const SynthPlanInputDesc *in = synth_plan_input_desc(r->input);
	gboolean found = FALSE;
	for (uint32_t q = 0; q < in->nrequests; q++) {
		char *name = g_strdup_printf("%s.%u", in->requests[q].module, in->requests[q].memidx);
		found |= strcmp(name, memory) == 0;
		g_free(name);
	}
	if (!found) {
		g_set_error(error, PLANNER_ERROR, 0, "no memory %s in the project", memory);
		return FALSE;
	}
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	GPtrArray *members = g_ptr_array_new_with_free_func((GDestroyNotify)g_ptr_array_unref);
	gboolean placed = FALSE;
	for (uint32_t d = 0; d < in->ndomains; d++) {
		GPtrArray *m = g_ptr_array_new_with_free_func(g_free);
		gboolean target = strcmp(in->domains[d].name, domain) == 0;
		for (uint32_t k = 0; k < in->domains[d].nmems; k++) {
			const SynthMemRequest *q = &in->requests[in->domains[d].mems[k]];
			char *name = g_strdup_printf("%s.%u", q->module, q->memidx);
			if (strcmp(name, memory) == 0 && !target)
				g_free(name);
			else
				g_ptr_array_add(m, name);
		}
		if (target && !placed) {
			gboolean has = FALSE;
			for (guint k = 0; k < m->len; k++)
				has |= strcmp(g_ptr_array_index(m, k), memory) == 0;
			if (!has)
				g_ptr_array_add(m, g_strdup(memory));
			placed = TRUE;
		}
		g_ptr_array_add(names, g_strdup(in->domains[d].name));
		g_ptr_array_add(members, m);
	}
	if (!placed) {
		GPtrArray *m = g_ptr_array_new_with_free_func(g_free);
		g_ptr_array_add(m, g_strdup(memory));
		g_ptr_array_add(names, g_strdup(domain));
		g_ptr_array_add(members, m);
	}
	/* Replace the project's domains; domains left empty go. */
	SynthPlanError e;
	gboolean ok = TRUE;
	const SynthProjectDesc *pd = synth_project_desc(doc->project);
	GPtrArray *old = g_ptr_array_new_with_free_func(g_free);
	for (uint32_t d = 0; d < pd->ndomains; d++)
		g_ptr_array_add(old, g_strdup(pd->domains[d].name));
	for (guint d = 0; d < old->len && ok; d++)
		ok = synth_project_remove_domain(doc->project, g_ptr_array_index(old, d), &e) == SYNTH_OK;
	for (guint d = 0; d < names->len && ok; d++) {
		GPtrArray *m = g_ptr_array_index(members, d);
		if (!m->len)
			continue;
		SynthProjectDomain nd = {.name = g_ptr_array_index(names, d), .nmembers = m->len,
		                         .members = (const char *const *)m->pdata};
		ok = synth_project_set_domain(doc->project, &nd, &e) == SYNTH_OK;
	}
	g_ptr_array_unref(old);
	g_ptr_array_unref(names);
	g_ptr_array_unref(members);
	if (!ok)
		return set_error(error, &e);
	edited(doc);
	return TRUE;
}

/* ---- accept and export ---- */

gboolean planner_document_set_max_regions(PlannerDocument *doc, const char *memory, guint n, GError **error)
{
	if (!need_project(doc, error))
		return FALSE;
	if (planner_document_get_max_regions(doc, memory) == n)
		return TRUE;
	SynthPlanError e;
	if (synth_project_set_max_regions(doc->project, memory, n, &e))
		return set_error(error, &e);
	edited(doc);
	return TRUE;
}

guint planner_document_get_max_regions(PlannerDocument *doc, const char *memory)
{
	return doc->project ? synth_project_max_regions(doc->project, memory) : 0;
}

char *planner_document_layout_path(PlannerDocument *doc)
{
	const SynthProjectDesc *pd = planner_document_get_project(doc);
	if (!pd)
		return NULL;
	if (pd->opt.layout)
		return g_path_is_absolute(pd->opt.layout) ? g_strdup(pd->opt.layout)
		                                          : g_build_filename(doc->dir, pd->opt.layout, NULL);
	char *name = g_strdup_printf("%s.layout.json", pd->opt.name ? pd->opt.name : "firmware");
	char *p = g_build_filename(doc->dir, name, NULL);
	g_free(name);
	return p;
}

/* Writes text unless the file holds it already (as synth layout export does). */
static gboolean write_if_changed(const char *path, const char *text, GError **error)
{
	char *old = NULL;
	gsize n = 0;
	if (g_file_get_contents(path, &old, &n, NULL) && n == strlen(text) && memcmp(old, text, n) == 0) {
		g_free(old);
		return TRUE;
	}
	g_free(old);
	return g_file_set_contents(path, text, -1, error);
}

guint64 planner_result_unaccepted_exposure(const PlannerResult *r)
{
	const SynthPlan *p = planner_result_chosen(r);
	guint64 n = 0;
	for (uint32_t d = 0; p && !r->error && d < synth_plan_desc(p)->ndomains; d++) {
		const SynthDomainPlan *dp = &synth_plan_desc(p)->domains[d];
		n += dp->accepted ? 0 : dp->exposed;
	}
	return n;
}

gboolean planner_document_accept(PlannerDocument *doc, gboolean accept_exposure, char ***written, GError **error)
{
	if (written)
		*written = NULL;
	if (!need_project(doc, error))
		return FALSE;
	const PlannerResult *r = doc->result;
	if (!r || r->generation != doc->generation) {
		g_set_error_literal(error, PLANNER_ERROR, 0, "planning is still running; accept when it has finished");
		return FALSE;
	}
	if (r->error) {
		g_set_error(error, PLANNER_ERROR, 0, "nothing to accept: %s", r->error);
		return FALSE;
	}
	const SynthPlan *plan = planner_result_chosen(r);
	const SynthPlanDesc *pd = synth_plan_desc(plan);
	if (!pd->feasible) {
		g_set_error(error, PLANNER_ERROR, 0, "model %s is infeasible: %s", pd->model == SYNTH_MODEL_A ? "A" : "B",
		            pd->why);
		return FALSE;
	}
	if (planner_result_unaccepted_exposure(r) && !accept_exposure) {
		GString *m = g_string_new(NULL);
		for (uint32_t d = 0; d < pd->ndomains; d++)
			if (pd->domains[d].exposed && !pd->domains[d].accepted)
				g_string_append_printf(m, "%sdomain \"%s\" can write %" G_GUINT64_FORMAT " bytes of other domains",
				                       m->len ? "; " : "", pd->domains[d].name, pd->domains[d].exposed);
		g_set_error(error, PLANNER_ERROR, PLANNER_ERROR_EXPOSURE,
		            "model %s does not enforce every boundary (%s): accept that exposure to write the layout",
		            pd->model == SYNTH_MODEL_A ? "A" : "B", m->str);
		g_string_free(m, TRUE);
		return FALSE;
	}
	char *lpath = planner_document_layout_path(doc);
	char *base = g_strdup(lpath);
	if (g_str_has_suffix(base, ".json"))
		base[strlen(base) - 5] = 0;
	if (g_str_has_suffix(base, ".layout"))
		base[strlen(base) - 7] = 0;
	char *files[5] = {lpath, g_strconcat(base, ".ld", NULL), g_strconcat(base, ".h", NULL),
	                  g_strconcat(base, ".c", NULL), g_strconcat(base, ".map", NULL)};
	g_free(base);
	SynthContext *ctx = r->ctx;
	SynthPlanError e;
	char *text = NULL;
	SynthPlan *loaded = NULL;
	gboolean ok = FALSE;
	/* The exports come from the layout as written and read back, exactly as
	 * `synth layout export LAYOUT` makes them. */
	if (synth_layout_write(ctx, plan, &text, &e) ||
	    synth_layout_load_json(ctx, text, strlen(text), files[0], &loaded, &e)) {
		set_error(error, &e);
		goto done;
	}
	if (accept_exposure) {
		/* The acceptance goes into the layout (the result's plan stays as planned). */
		synth_plan_accept_exposure(loaded);
		synth_plan_text_free(ctx, text);
		text = NULL;
		if (synth_layout_write(ctx, loaded, &text, &e)) {
			set_error(error, &e);
			goto done;
		}
	}
	if (!write_if_changed(files[0], text, error))
		goto done;
	for (int k = 1; k < 5; k++) {
		char *out = NULL;
		SynthStatus st = k == 1 ? synth_export_ld(ctx, loaded, &out, &e)
		               : k == 2 ? synth_export_h(ctx, loaded, files[2], &out, &e)
		               : k == 3 ? synth_export_c(ctx, loaded, files[2], &out, &e)
		                        : synth_export_map(ctx, loaded, &out, &e);
		gboolean wrote = !st && write_if_changed(files[k], out, error);
		synth_plan_text_free(ctx, out);
		if (st) {
			set_error(error, &e);
			goto done;
		}
		if (!wrote)
			goto done;
	}
	ok = TRUE;
	if (!synth_project_desc(doc->project)->opt.layout) {
		SynthProjectOptions o = synth_project_desc(doc->project)->opt;
		char *rel = g_path_get_basename(files[0]);
		o.layout = rel;
		ok = set_options(doc, &o, error);
		g_free(rel);
	} else {
		replan(doc); /* the committed layout is now this one */
	}
done:
	synth_plan_free(loaded);
	synth_plan_text_free(ctx, text);
	if (ok && written) {
		*written = g_new0(char *, 6);
		for (int k = 0; k < 5; k++)
			(*written)[k] = files[k];
	} else {
		for (int k = 0; k < 5; k++)
			g_free(files[k]);
	}
	return ok;
}
