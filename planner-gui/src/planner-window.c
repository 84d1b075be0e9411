/* planner-window.c - the main window: shows the document's latest result
 * (both models' maps and figures, the recommendation, the memories table,
 * suggestions, the diff against the committed layout) and turns the
 * window's controls and actions into document edits. Every error goes to
 * the banner at the top; nothing here ends the program. */
#include <string.h>

#include "planner-map.h"
#include "planner-memory.h"
#include "planner-suggest.h"
#include "planner-window.h"

struct _PlannerWindow {
	GtkApplicationWindow parent_instance;
	PlannerDocument *doc;
	double zoom;
	char *selected;           /* selected item name, or NULL */
	gboolean updating;        /* setting controls from the result: ignore their signals */
	GPtrArray *suggestions;   /* PlannerSuggestion of the rows shown */
	GtkStringList *targets, *memories, *banks;
	GListStore *rows;         /* the table's rows */
	GtkSingleSelection *selection;
	/* template children */
	GtkLabel *title_label, *subtitle_label, *banner_label, *heading_a, *heading_b, *recommendation;
	GtkInfoBar *banner;
	GtkStack *stack;
	PlannerMap *map_a, *map_b;
	GtkGrid *figures_a, *figures_b;
	GtkColumnView *columns;
	GtkListBox *suggestions_list;
	GtkLabel *suggestions_tab;
	GtkDropDown *target_drop, *model_drop, *memory_drop, *bank_drop;
	GtkEntry *domain_entry, *reserve_entry;
	GtkButton *zoom_button, *pin_button, *domain_button, *reserve_button;
	GtkTextView *diff_view;
};

G_DEFINE_FINAL_TYPE(PlannerWindow, planner_window, GTK_TYPE_APPLICATION_WINDOW)

/* ---- banner ---- */

static void show_banner(PlannerWindow *w, GtkMessageType type, const char *text)
{
	gtk_info_bar_set_message_type(w->banner, type);
	gtk_label_set_text(w->banner_label, text);
	gtk_info_bar_set_revealed(w->banner, TRUE);
}

static void show_error(PlannerWindow *w, GError *e)
{
	show_banner(w, GTK_MESSAGE_ERROR, e->message);
	g_error_free(e);
}

static void banner_response(GtkInfoBar *bar, int response, gpointer data)
{
	gtk_info_bar_set_revealed(bar, FALSE);
}

const char *planner_window_get_banner(PlannerWindow *w)
{
	return gtk_info_bar_get_revealed(w->banner) ? gtk_label_get_text(w->banner_label) : NULL;
}

/* ---- showing a result ---- */

static void fill_figures(GtkGrid *grid, const PlannerResult *r, SynthPlanModel m, const char *selected)
{
	GtkWidget *c;
	while ((c = gtk_widget_get_first_child(GTK_WIDGET(grid))))
		gtk_grid_remove(grid, c);
	char *text = planner_figures_text(r, m);
	char **lines = g_strsplit(text, "\n", -1);
	int row = 0;
	for (char **l = lines; *l; l++, row++) {
		char *tab = strchr(*l, '\t');
		char *key = tab ? g_strndup(*l, (gsize)(tab - *l)) : g_strdup("");
		GtkWidget *k = gtk_label_new(key), *v = gtk_label_new(tab ? tab + 1 : *l);
		gtk_label_set_xalign(GTK_LABEL(k), 0);
		gtk_label_set_xalign(GTK_LABEL(v), 0);
		gtk_label_set_wrap(GTK_LABEL(v), TRUE);
		gtk_label_set_selectable(GTK_LABEL(v), TRUE);
		gtk_widget_add_css_class(k, "figure-label");
		if (g_str_has_prefix(tab ? tab + 1 : "", "NO") || strcmp(key, "why") == 0 || (!*key && row > 0 && strstr(text, "feasible\tNO")))
			gtk_widget_add_css_class(v, "figure-bad");
		gtk_grid_attach(grid, k, 0, row, 1, 1);
		gtk_grid_attach(grid, v, 1, row, 1, 1);
		g_free(key);
	}
	/* The selected memory in this model. */
	const SynthPlanDesc *d = r && !r->error ? synth_plan_desc(r->plan[m]) : NULL;
	for (uint32_t i = 0; d && selected && i < d->nitems; i++) {
		const SynthPlanItem *it = &d->items[i];
		if (strcmp(it->name, selected) != 0)
			continue;
		char *sz = planner_size_str(it->size);
		char *t = it->bank ? g_strdup_printf("<b>%s</b>: %s at 0x%08" G_GINT64_MODIFIER "x, %s, %u region%s", it->name,
		                                     it->bank, it->base, sz, it->nregions, it->nregions == 1 ? "" : "s")
		                   : g_strdup_printf("<b>%s</b>: not placed", it->name);
		GtkWidget *k = gtk_label_new("selected"), *v = gtk_label_new(NULL);
		gtk_label_set_markup(GTK_LABEL(v), t);
		gtk_label_set_xalign(GTK_LABEL(k), 0);
		gtk_label_set_xalign(GTK_LABEL(v), 0);
		gtk_widget_add_css_class(k, "figure-label");
		gtk_grid_attach(grid, k, 0, row, 1, 1);
		gtk_grid_attach(grid, v, 1, row, 1, 1);
		g_free(t);
		g_free(sz);
	}
	g_strfreev(lines);
	g_free(text);
}

static void heading(GtkLabel *l, const PlannerResult *r, SynthPlanModel m)
{
	const char *name = m == SYNTH_MODEL_A ? "Model A: shared memory, carved" : "Model B: one region per memory";
	const SynthPlanDesc *d = r && !r->error ? synth_plan_desc(r->plan[m]) : NULL;
	char *t = g_strdup_printf("<b>%s</b>%s%s", name, r && r->chosen == m ? "  (the project's model)" : "",
	                          !d ? "" : d->feasible ? "  <span foreground='#2e7d32'>feasible</span>"
	                                                : "  <span foreground='#c62828'><b>infeasible</b></span>");
	gtk_label_set_markup(l, t);
	g_free(t);
}

static void suggestion_clicked(GtkButton *b, gpointer data)
{
	PlannerWindow *w = data;
	guint i = GPOINTER_TO_UINT(g_object_get_data(G_OBJECT(b), "index"));
	GError *e = NULL;
	if (w->suggestions && i < w->suggestions->len &&
	    !planner_suggestion_apply(g_ptr_array_index(w->suggestions, i), w->doc, &e))
		show_error(w, e);
}

static void fill_suggestions(PlannerWindow *w, const PlannerResult *r)
{
	GtkWidget *row;
	while ((row = gtk_widget_get_first_child(GTK_WIDGET(w->suggestions_list))))
		gtk_list_box_remove(w->suggestions_list, row);
	if (w->suggestions)
		g_ptr_array_unref(w->suggestions);
	w->suggestions = planner_suggest(r, planner_document_get_project(w->doc));
	for (guint i = 0; i < w->suggestions->len; i++) {
		const PlannerSuggestion *s = g_ptr_array_index(w->suggestions, i);
		GtkWidget *box = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 12);
		GtkWidget *l = gtk_label_new(s->text);
		gtk_label_set_wrap(GTK_LABEL(l), TRUE);
		gtk_label_set_xalign(GTK_LABEL(l), 0);
		gtk_widget_set_hexpand(l, TRUE);
		gtk_widget_add_css_class(l, "suggestion");
		gtk_box_append(GTK_BOX(box), l);
		if (s->fix != PLANNER_FIX_NONE && s->action) {
			GtkWidget *b = gtk_button_new_with_label(s->action);
			gtk_widget_set_valign(b, GTK_ALIGN_CENTER);
			g_object_set_data(G_OBJECT(b), "index", GUINT_TO_POINTER(i));
			g_signal_connect(b, "clicked", G_CALLBACK(suggestion_clicked), w);
			gtk_box_append(GTK_BOX(box), b);
		}
		gtk_widget_set_margin_start(box, 8);
		gtk_widget_set_margin_end(box, 8);
		gtk_widget_set_margin_top(box, 4);
		gtk_widget_set_margin_bottom(box, 4);
		gtk_list_box_append(w->suggestions_list, box);
	}
	if (!w->suggestions->len) {
		GtkWidget *l = gtk_label_new("No suggestions: nothing to fix or save.");
		gtk_widget_add_css_class(l, "dim-label");
		gtk_widget_set_margin_top(l, 12);
		gtk_list_box_append(w->suggestions_list, l);
	}
	char *tab = w->suggestions->len ? g_strdup_printf("_Suggestions (%u)", w->suggestions->len) : g_strdup("_Suggestions");
	gtk_label_set_text_with_mnemonic(w->suggestions_tab, tab);
	g_free(tab);
}

static void update_titles(PlannerWindow *w)
{
	const SynthProjectDesc *pd = planner_document_get_project(w->doc);
	const PlannerResult *r = planner_document_get_result(w->doc);
	if (!pd) {
		gtk_label_set_text(w->title_label, "Synth Planner");
		gtk_label_set_text(w->subtitle_label, "no project");
		return;
	}
	char *base = g_path_get_basename(planner_document_get_path(w->doc));
	char *t = g_strdup_printf("%s%s — %s", planner_document_get_modified(w->doc) ? "• " : "",
	                          pd->opt.name ? pd->opt.name : base, base);
	gtk_label_set_text(w->title_label, t);
	gtk_window_set_title(GTK_WINDOW(w), t);
	g_free(t);
	g_free(base);
	char *lp = planner_document_layout_path(w->doc);
	char *lb = g_path_get_basename(lp);
	const char *target = r && r->target ? synth_plan_target_desc(r->target)->name : pd->opt.board;
	if (!pd->opt.layout)
		t = g_strdup_printf("%s · no committed layout (Accept writes %s)", target, lb);
	else if (r && r->committed_hash)
		t = g_strdup_printf("%s · layout %s · sha256 %s%s", target, lb, r->committed_hash,
		                    r->committed_error ? " (unreadable)" : "");
	else
		t = g_strdup_printf("%s · layout %s (not written yet)", target, lb);
	if (planner_document_is_planning(w->doc)) {
		char *p = g_strconcat(t, " · planning…", NULL);
		g_free(t);
		t = p;
	}
	gtk_label_set_text(w->subtitle_label, t);
	g_free(t);
	g_free(lp);
	g_free(lb);
}

static void select_row(PlannerWindow *w, const char *name)
{
	GListModel *m = gtk_single_selection_get_model(w->selection);
	guint n = g_list_model_get_n_items(m), found = GTK_INVALID_LIST_POSITION;
	for (guint i = 0; i < n && name; i++) {
		PlannerMemory *row = g_list_model_get_item(m, i);
		if (strcmp(planner_memory_get_name(row), name) == 0)
			found = i;
		g_object_unref(row);
	}
	gtk_single_selection_set_selected(w->selection, found);
}

static guint string_list_find(GtkStringList *l, const char *s)
{
	guint n = g_list_model_get_n_items(G_LIST_MODEL(l));
	for (guint i = 0; s && i < n; i++)
		if (strcmp(gtk_string_list_get_string(l, i), s) == 0)
			return i;
	return GTK_INVALID_LIST_POSITION;
}

static void string_list_set(GtkStringList *l, const char *const *items)
{
	guint n = g_list_model_get_n_items(G_LIST_MODEL(l));
	gtk_string_list_splice(l, 0, n, items);
}

/* The adjustment controls for the memory chosen in memory_drop. */
static void update_memory_controls(PlannerWindow *w)
{
	const PlannerResult *r = planner_document_get_result(w->doc);
	const SynthProjectDesc *pd = planner_document_get_project(w->doc);
	guint sel = gtk_drop_down_get_selected(w->memory_drop);
	const char *mem = sel != GTK_INVALID_LIST_POSITION && sel < g_list_model_get_n_items(G_LIST_MODEL(w->memories))
	                      ? gtk_string_list_get_string(w->memories, sel) : NULL;
	gboolean on = mem && pd;
	gtk_widget_set_sensitive(GTK_WIDGET(w->pin_button), on);
	gtk_widget_set_sensitive(GTK_WIDGET(w->domain_button), on);
	gtk_widget_set_sensitive(GTK_WIDGET(w->reserve_button), on);
	if (!on)
		return;
	w->updating = TRUE;
	const char *bank = NULL;
	for (uint32_t i = 0; i < pd->opt.npins; i++)
		if (strcmp(pd->opt.pins[i].memory, mem) == 0)
			bank = pd->opt.pins[i].bank;
	guint b = string_list_find(w->banks, bank);
	gtk_drop_down_set_selected(w->bank_drop, b == GTK_INVALID_LIST_POSITION ? 0 : b);
	const SynthPlanDesc *d = r && !r->error ? synth_plan_desc(r->plan[r->chosen]) : NULL;
	GString *doms = g_string_new(NULL);
	for (uint32_t k = 0; d && k < d->ndomains; k++)
		for (uint32_t j = 0; j < d->domains[k].nitems; j++)
			if (strcmp(d->items[d->domains[k].items[j]].name, mem) == 0)
				g_string_append_printf(doms, "%s%s", doms->len ? "," : "", d->domains[k].name);
	gtk_editable_set_text(GTK_EDITABLE(w->domain_entry), doms->str);
	g_string_free(doms, TRUE);
	const char *dot = strrchr(mem, '.');
	guint64 cap = 0;
	for (uint32_t i = 0; dot && i < pd->nmodules; i++) {
		const SynthProjectModule *m = &pd->modules[i];
		if (strlen(m->name) == (size_t)(dot - mem) && strncmp(m->name, mem, (size_t)(dot - mem)) == 0) {
			guint idx = (guint)atoi(dot + 1);
			cap = idx < m->nmem_caps && m->mem_caps[idx] ? m->mem_caps[idx] : m->mem_cap;
		}
	}
	char *cs = cap ? planner_size_str(cap) : g_strdup("");
	for (char *c = cs; *c; c++) /* "64 KiB" -> "64K": what the size parser takes */
		if (*c == ' ') {
			memmove(c, c + 1, strlen(c));
			if (c[0] == 'B')
				c[0] = 0;
			else if (c[1] == 'i')
				c[1] = 0;
		}
	gtk_editable_set_text(GTK_EDITABLE(w->reserve_entry), cs);
	g_free(cs);
	w->updating = FALSE;
}

static void show_result(PlannerWindow *w)
{
	const PlannerResult *r = planner_document_get_result(w->doc);
	const SynthProjectDesc *pd = planner_document_get_project(w->doc);
	update_titles(w);
	if (!pd)
		return;
	planner_map_set_result(w->map_a, r, SYNTH_MODEL_A);
	planner_map_set_result(w->map_b, r, SYNTH_MODEL_B);
	heading(w->heading_a, r, SYNTH_MODEL_A);
	heading(w->heading_b, r, SYNTH_MODEL_B);
	fill_figures(w->figures_a, r, SYNTH_MODEL_A, w->selected);
	fill_figures(w->figures_b, r, SYNTH_MODEL_B, w->selected);
	char *rec = planner_recommendation(r);
	char *esc = g_markup_escape_text(rec, -1);
	char *mk = g_strdup_printf("<b>Recommendation:</b> %s", esc);
	gtk_label_set_markup(w->recommendation, *rec ? mk : "");
	g_free(mk);
	g_free(esc);
	g_free(rec);
	if (r && r->error)
		show_banner(w, GTK_MESSAGE_ERROR, r->error);
	/* Table: the chosen model's memories. */
	GListStore *rows = planner_memory_rows(r && !r->error ? synth_plan_desc(r->plan[r->chosen]) : NULL);
	guint n = g_list_model_get_n_items(G_LIST_MODEL(w->rows));
	guint nn = g_list_model_get_n_items(G_LIST_MODEL(rows));
	GPtrArray *items = g_ptr_array_new_with_free_func(g_object_unref);
	for (guint i = 0; i < nn; i++)
		g_ptr_array_add(items, g_list_model_get_item(G_LIST_MODEL(rows), i));
	w->updating = TRUE;
	g_list_store_splice(w->rows, 0, n, items->pdata, items->len);
	select_row(w, w->selected);
	g_ptr_array_unref(items);
	g_object_unref(rows);
	/* Adjustments. */
	GPtrArray *mems = g_ptr_array_new_with_free_func(g_free);
	if (r && r->input) {
		const SynthPlanInputDesc *in = synth_plan_input_desc(r->input);
		for (uint32_t q = 0; q < in->nrequests; q++)
			g_ptr_array_add(mems, g_strdup_printf("%s.%u", in->requests[q].module, in->requests[q].memidx));
	}
	g_ptr_array_add(mems, NULL);
	guint memsel = gtk_drop_down_get_selected(w->memory_drop);
	char *oldmem = memsel != GTK_INVALID_LIST_POSITION && memsel < g_list_model_get_n_items(G_LIST_MODEL(w->memories))
	                   ? g_strdup(gtk_string_list_get_string(w->memories, memsel)) : NULL;
	string_list_set(w->memories, (const char *const *)mems->pdata);
	g_ptr_array_unref(mems);
	guint k = string_list_find(w->memories, w->selected ? w->selected : oldmem);
	gtk_drop_down_set_selected(w->memory_drop, k == GTK_INVALID_LIST_POSITION ? 0 : k);
	g_free(oldmem);
	GPtrArray *banks = g_ptr_array_new();
	g_ptr_array_add(banks, (gpointer) "(the planner's choice)");
	const SynthPlanTargetDesc *td = r && r->target ? synth_plan_target_desc(r->target) : NULL;
	for (uint32_t b = 0; td && b < td->nbanks; b++)
		g_ptr_array_add(banks, (gpointer)td->banks[b].name);
	g_ptr_array_add(banks, NULL);
	string_list_set(w->banks, (const char *const *)banks->pdata);
	g_ptr_array_unref(banks);
	guint t = string_list_find(w->targets, pd->opt.target ? NULL : pd->opt.board);
	gtk_drop_down_set_selected(w->target_drop, t);
	gtk_drop_down_set_selected(w->model_drop, pd->opt.model == SYNTH_MODEL_A ? 0 : 1);
	w->updating = FALSE;
	update_memory_controls(w);
	fill_suggestions(w, r);
	/* Changes against the committed layout. */
	char *diff = NULL;
	if (!r)
		diff = g_strdup("planning…");
	else if (!pd->opt.layout)
		diff = g_strdup("The project names no committed layout: Accept & Export writes one.");
	else if (r->committed_error)
		diff = g_strdup_printf("The committed layout cannot be read:\n%s", r->committed_error);
	else if (!r->committed)
		diff = g_strdup_printf("The committed layout %s does not exist yet.", pd->opt.layout);
	else if (!r->diff_text)
		diff = g_strdup("The chosen model is infeasible: nothing to compare.");
	else
		diff = g_strdup_printf("Committed layout %s (sha256 %s) -> the chosen model's plan:\n\n%s", pd->opt.layout,
		                       r->committed_hash ? r->committed_hash : "?", r->diff_text);
	gtk_text_buffer_set_text(gtk_text_view_get_buffer(w->diff_view), diff, -1);
	g_free(diff);
	if (r && r->committed_error)
		show_banner(w, GTK_MESSAGE_WARNING, r->committed_error);
}

char *planner_window_get_diff_text(PlannerWindow *w)
{
	GtkTextBuffer *b = gtk_text_view_get_buffer(w->diff_view);
	GtkTextIter s, e;
	gtk_text_buffer_get_bounds(b, &s, &e);
	return gtk_text_buffer_get_text(b, &s, &e, FALSE);
}

static void on_planned(PlannerDocument *doc, gpointer data)
{
	show_result(data);
}

static void on_changed(PlannerDocument *doc, gpointer data)
{
	PlannerWindow *w = data;
	gtk_stack_set_visible_child_name(w->stack, planner_document_get_project(doc) ? "project" : "empty");
	update_titles(w);
}

void planner_window_select(PlannerWindow *w, const char *name)
{
	if (g_strcmp0(name, w->selected) == 0)
		return;
	g_free(w->selected);
	w->selected = g_strdup(name);
	planner_map_set_selected(w->map_a, name);
	planner_map_set_selected(w->map_b, name);
	const PlannerResult *r = planner_document_get_result(w->doc);
	fill_figures(w->figures_a, r, SYNTH_MODEL_A, name);
	fill_figures(w->figures_b, r, SYNTH_MODEL_B, name);
	gboolean was = w->updating;
	w->updating = TRUE;
	select_row(w, name);
	guint k = string_list_find(w->memories, name);
	if (k != GTK_INVALID_LIST_POSITION)
		gtk_drop_down_set_selected(w->memory_drop, k);
	w->updating = was;
	update_memory_controls(w);
}

static void map_selected(PlannerMap *map, const char *name, gpointer data)
{
	planner_window_select(data, name);
}

static void row_selected(GtkSingleSelection *s, GParamSpec *p, gpointer data)
{
	PlannerWindow *w = data;
	if (w->updating)
		return;
	PlannerMemory *m = gtk_single_selection_get_selected_item(s);
	planner_window_select(w, m ? planner_memory_get_name(m) : NULL);
}

/* ---- opening ---- */

gboolean planner_window_open(PlannerWindow *w, const char *path)
{
	GError *e = NULL;
	if (!planner_document_load(w->doc, path, &e)) {
		char *msg = g_strdup_printf("Cannot open %s: %s", path, e->message);
		show_banner(w, GTK_MESSAGE_ERROR, msg);
		g_free(msg);
		g_error_free(e);
		return FALSE;
	}
	gtk_info_bar_set_revealed(w->banner, FALSE);
	g_free(w->selected);
	w->selected = NULL;
	char *uri = g_filename_to_uri(planner_document_get_path(w->doc), NULL, NULL);
	if (uri)
		gtk_recent_manager_add_item(gtk_recent_manager_get_default(), uri);
	g_free(uri);
	return TRUE;
}

PlannerDocument *planner_window_get_document(PlannerWindow *w)
{
	return w->doc;
}

static void open_response(GtkNativeDialog *d, int response, gpointer data)
{
	PlannerWindow *w = data;
	if (response == GTK_RESPONSE_ACCEPT) {
		GFile *f = gtk_file_chooser_get_file(GTK_FILE_CHOOSER(d));
		char *path = f ? g_file_get_path(f) : NULL;
		if (path)
			planner_window_open(w, path);
		g_free(path);
		if (f)
			g_object_unref(f);
	}
	g_object_unref(d);
}

static void act_open(GtkWidget *widget, const char *name, GVariant *param)
{
	GtkFileChooserNative *d = gtk_file_chooser_native_new("Open Project", GTK_WINDOW(widget),
	                                                      GTK_FILE_CHOOSER_ACTION_OPEN, "_Open", "_Cancel");
	GtkFileFilter *f = gtk_file_filter_new();
	gtk_file_filter_set_name(f, "Synth projects (*.json)");
	gtk_file_filter_add_pattern(f, "*.json");
	gtk_file_chooser_add_filter(GTK_FILE_CHOOSER(d), f);
	g_object_unref(f);
	g_signal_connect(d, "response", G_CALLBACK(open_response), widget);
	gtk_native_dialog_show(GTK_NATIVE_DIALOG(d));
}

static gboolean on_drop(GtkDropTarget *t, const GValue *v, double x, double y, gpointer data)
{
	if (!G_VALUE_HOLDS(v, G_TYPE_FILE))
		return FALSE;
	char *path = g_file_get_path(g_value_get_object(v));
	gboolean ok = path && planner_window_open(data, path);
	g_free(path);
	return ok;
}

static void act_save(GtkWidget *widget, const char *name, GVariant *param)
{
	PlannerWindow *w = PLANNER_WINDOW(widget);
	GError *e = NULL;
	if (!planner_document_save(w->doc, &e))
		show_error(w, e);
	else
		show_banner(w, GTK_MESSAGE_INFO, "Project saved.");
}

/* ---- accept and export ---- */

static void do_accept(PlannerWindow *w)
{
	GError *e = NULL;
	char **files = NULL;
	if (!planner_document_accept(w->doc, &files, &e)) {
		show_error(w, e);
		return;
	}
	GString *s = g_string_new("Accepted: wrote");
	for (char **f = files; *f; f++) {
		char *b = g_path_get_basename(*f);
		g_string_append_printf(s, "%s %s", f == files ? "" : ",", b);
		g_free(b);
	}
	if (planner_document_get_modified(w->doc))
		g_string_append(s, ". The project now names the layout: save it (Ctrl+S).");
	show_banner(w, GTK_MESSAGE_INFO, s->str);
	g_string_free(s, TRUE);
	g_strfreev(files);
}

static void confirm_response(GtkDialog *d, int response, gpointer data)
{
	PlannerWindow *w = data;
	gtk_window_destroy(GTK_WINDOW(d));
	if (response == GTK_RESPONSE_ACCEPT)
		do_accept(w);
}

void planner_window_accept(PlannerWindow *w, gboolean confirm)
{
	const PlannerResult *r = planner_document_get_result(w->doc);
	if (!confirm || !r || !r->diff || r->diff->n == 0) {
		do_accept(w);
		return;
	}
	/* A committed layout changes: show what, then ask. */
	GtkWidget *d = gtk_dialog_new_with_buttons("Overwrite the committed layout?", GTK_WINDOW(w),
	                                           GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT | GTK_DIALOG_USE_HEADER_BAR,
	                                           "_Cancel", GTK_RESPONSE_CANCEL, "_Overwrite and Export",
	                                           GTK_RESPONSE_ACCEPT, NULL);
	gtk_dialog_set_default_response(GTK_DIALOG(d), GTK_RESPONSE_CANCEL);
	gtk_window_set_default_size(GTK_WINDOW(d), 760, 360);
	GtkWidget *area = gtk_dialog_get_content_area(GTK_DIALOG(d));
	GtkWidget *sw = gtk_scrolled_window_new();
	GtkWidget *tv = gtk_text_view_new();
	gtk_text_view_set_monospace(GTK_TEXT_VIEW(tv), TRUE);
	gtk_text_view_set_editable(GTK_TEXT_VIEW(tv), FALSE);
	gtk_text_view_set_left_margin(GTK_TEXT_VIEW(tv), 10);
	gtk_text_view_set_top_margin(GTK_TEXT_VIEW(tv), 8);
	gtk_text_buffer_set_text(gtk_text_view_get_buffer(GTK_TEXT_VIEW(tv)), r->diff_text, -1);
	gtk_scrolled_window_set_child(GTK_SCROLLED_WINDOW(sw), tv);
	gtk_widget_set_vexpand(sw, TRUE);
	gtk_box_append(GTK_BOX(area), sw);
	g_signal_connect(d, "response", G_CALLBACK(confirm_response), w);
	gtk_window_present(GTK_WINDOW(d));
}

static void act_accept(GtkWidget *widget, const char *name, GVariant *param)
{
	planner_window_accept(PLANNER_WINDOW(widget), TRUE);
}

/* ---- zoom ---- */

static void set_zoom(PlannerWindow *w, double z)
{
	w->zoom = CLAMP(z, 1.0, 32.0);
	planner_map_set_zoom(w->map_a, w->zoom);
	planner_map_set_zoom(w->map_b, w->zoom);
	char *t = g_strdup_printf("%.0f%%", w->zoom * 100);
	gtk_button_set_label(w->zoom_button, t);
	g_free(t);
}

static void act_zoom(GtkWidget *widget, const char *name, GVariant *param)
{
	PlannerWindow *w = PLANNER_WINDOW(widget);
	set_zoom(w, strcmp(name, "win.zoom-in") == 0 ? w->zoom * 1.5 : strcmp(name, "win.zoom-out") == 0 ? w->zoom / 1.5 : 1);
}

/* ---- adjustments ---- */

static const char *chosen_memory(PlannerWindow *w)
{
	guint sel = gtk_drop_down_get_selected(w->memory_drop);
	return sel != GTK_INVALID_LIST_POSITION && sel < g_list_model_get_n_items(G_LIST_MODEL(w->memories))
	           ? gtk_string_list_get_string(w->memories, sel) : NULL;
}

static void target_changed(GtkDropDown *d, GParamSpec *p, gpointer data)
{
	PlannerWindow *w = data;
	guint sel = gtk_drop_down_get_selected(d);
	if (w->updating || sel == GTK_INVALID_LIST_POSITION)
		return;
	const SynthProjectDesc *pd = planner_document_get_project(w->doc);
	const char *t = gtk_string_list_get_string(w->targets, sel);
	GError *e = NULL;
	if (pd && g_strcmp0(pd->opt.board, t) != 0 && !planner_document_set_board(w->doc, t, &e))
		show_error(w, e);
}

static void model_changed(GtkDropDown *d, GParamSpec *p, gpointer data)
{
	PlannerWindow *w = data;
	GError *e = NULL;
	if (!w->updating && planner_document_get_project(w->doc) &&
	    !planner_document_set_model(w->doc, gtk_drop_down_get_selected(d) == 0 ? SYNTH_MODEL_A : SYNTH_MODEL_B, &e))
		show_error(w, e);
}

static void memory_changed(GtkDropDown *d, GParamSpec *p, gpointer data)
{
	PlannerWindow *w = data;
	if (!w->updating)
		planner_window_select(w, chosen_memory(w));
}

static void pin_clicked(GtkButton *b, gpointer data)
{
	PlannerWindow *w = data;
	guint sel = gtk_drop_down_get_selected(w->bank_drop);
	const char *bank = sel == 0 || sel == GTK_INVALID_LIST_POSITION ? NULL : gtk_string_list_get_string(w->banks, sel);
	GError *e = NULL;
	if (chosen_memory(w) && !planner_document_set_pin(w->doc, chosen_memory(w), bank, &e))
		show_error(w, e);
}

static void domain_clicked(GtkButton *b, gpointer data)
{
	PlannerWindow *w = data;
	char *dom = g_strstrip(g_strdup(gtk_editable_get_text(GTK_EDITABLE(w->domain_entry))));
	GError *e = NULL;
	if (!*dom || strchr(dom, ','))
		show_banner(w, GTK_MESSAGE_ERROR, "Give one domain name to move the memory into.");
	else if (chosen_memory(w) && !planner_document_set_domain(w->doc, chosen_memory(w), dom, &e))
		show_error(w, e);
	g_free(dom);
}

static void reserve_clicked(GtkButton *b, gpointer data)
{
	PlannerWindow *w = data;
	const char *t = gtk_editable_get_text(GTK_EDITABLE(w->reserve_entry));
	guint64 cap = 0;
	SynthPlanError pe;
	GError *e = NULL;
	if (*t && synth_plan_parse_size(t, &cap, &pe)) {
		char *m = g_strdup_printf("Reservation \"%s\": %s", t, pe.message);
		show_banner(w, GTK_MESSAGE_ERROR, m);
		g_free(m);
	} else if (chosen_memory(w) && !planner_document_set_reserve(w->doc, chosen_memory(w), cap, &e)) {
		show_error(w, e);
	}
}

/* ---- table ---- */

static void cell_setup(GtkSignalListItemFactory *f, GtkListItem *li, gpointer data)
{
	GtkWidget *l = gtk_label_new(NULL);
	gtk_label_set_xalign(GTK_LABEL(l), GPOINTER_TO_INT(data) >= PLANNER_MEMORY_BASE ? 1 : 0);
	if (GPOINTER_TO_INT(data) == PLANNER_MEMORY_BASE)
		gtk_widget_add_css_class(l, "monospace");
	gtk_list_item_set_child(li, l);
}

static void cell_bind(GtkSignalListItemFactory *f, GtkListItem *li, gpointer data)
{
	char *t = planner_memory_text(gtk_list_item_get_item(li), GPOINTER_TO_INT(data));
	gtk_label_set_text(GTK_LABEL(gtk_list_item_get_child(li)), t);
	g_free(t);
}

static int sort_rows(gconstpointer a, gconstpointer b, gpointer data)
{
	return planner_memory_compare((PlannerMemory *)a, (PlannerMemory *)b, GPOINTER_TO_INT(data));
}

static void setup_table(PlannerWindow *w)
{
	static const char *const titles[] = {"Memory", "Domain", "Bank", "Base", "Size", "Used", "Waste"};
	w->rows = g_list_store_new(PLANNER_TYPE_MEMORY);
	for (int f = 0; f < PLANNER_MEMORY_N_FIELDS; f++) {
		GtkListItemFactory *fac = gtk_signal_list_item_factory_new();
		g_signal_connect(fac, "setup", G_CALLBACK(cell_setup), GINT_TO_POINTER(f));
		g_signal_connect(fac, "bind", G_CALLBACK(cell_bind), GINT_TO_POINTER(f));
		GtkColumnViewColumn *c = gtk_column_view_column_new(titles[f], fac);
		GtkSorter *s = GTK_SORTER(gtk_custom_sorter_new(sort_rows, GINT_TO_POINTER(f), NULL));
		gtk_column_view_column_set_sorter(c, s);
		gtk_column_view_column_set_expand(c, f <= PLANNER_MEMORY_DOMAIN);
		g_object_unref(s);
		gtk_column_view_append_column(w->columns, c);
		g_object_unref(c);
	}
	GtkSorter *sorter = gtk_column_view_get_sorter(w->columns);
	GtkSortListModel *sorted = gtk_sort_list_model_new(G_LIST_MODEL(g_object_ref(w->rows)), g_object_ref(sorter));
	w->selection = gtk_single_selection_new(G_LIST_MODEL(sorted));
	gtk_single_selection_set_autoselect(w->selection, FALSE);
	gtk_single_selection_set_can_unselect(w->selection, TRUE);
	gtk_column_view_set_model(w->columns, GTK_SELECTION_MODEL(w->selection));
	g_signal_connect(w->selection, "notify::selected", G_CALLBACK(row_selected), w);
	/* Sorted by base until the user picks a column. */
	GtkColumnViewColumn *base = g_list_model_get_item(gtk_column_view_get_columns(w->columns), PLANNER_MEMORY_NAME);
	gtk_column_view_sort_by_column(w->columns, base, GTK_SORT_ASCENDING);
	g_object_unref(base);
}

/* ---- object ---- */

static void planner_window_dispose(GObject *o)
{
	PlannerWindow *w = PLANNER_WINDOW(o);
	if (w->doc)
		g_signal_handlers_disconnect_by_data(w->doc, w);
	g_clear_object(&w->doc);
	g_clear_object(&w->selection);
	g_clear_object(&w->rows);
	g_clear_pointer(&w->suggestions, g_ptr_array_unref);
	g_clear_pointer(&w->selected, g_free);
	gtk_widget_dispose_template(GTK_WIDGET(w), PLANNER_TYPE_WINDOW);
	G_OBJECT_CLASS(planner_window_parent_class)->dispose(o);
}

static void planner_window_class_init(PlannerWindowClass *klass)
{
	GtkWidgetClass *wc = GTK_WIDGET_CLASS(klass);
	G_OBJECT_CLASS(klass)->dispose = planner_window_dispose;
	g_type_ensure(PLANNER_TYPE_MAP);
	gtk_widget_class_set_template_from_resource(wc, "/org/synth/Planner/planner-window.ui");
#define CHILD(name) gtk_widget_class_bind_template_child(wc, PlannerWindow, name)
	CHILD(title_label);
	CHILD(subtitle_label);
	CHILD(banner);
	CHILD(banner_label);
	CHILD(stack);
	CHILD(heading_a);
	CHILD(heading_b);
	CHILD(map_a);
	CHILD(map_b);
	CHILD(figures_a);
	CHILD(figures_b);
	CHILD(recommendation);
	CHILD(columns);
	CHILD(suggestions_tab);
	CHILD(target_drop);
	CHILD(model_drop);
	CHILD(memory_drop);
	CHILD(bank_drop);
	CHILD(domain_entry);
	CHILD(reserve_entry);
	CHILD(zoom_button);
	CHILD(pin_button);
	CHILD(domain_button);
	CHILD(reserve_button);
	CHILD(diff_view);
#undef CHILD
	gtk_widget_class_bind_template_child_full(wc, "suggestions", FALSE, G_STRUCT_OFFSET(PlannerWindow, suggestions_list));
	gtk_widget_class_install_action(wc, "win.open", NULL, act_open);
	gtk_widget_class_install_action(wc, "win.save", NULL, act_save);
	gtk_widget_class_install_action(wc, "win.accept", NULL, act_accept);
	gtk_widget_class_install_action(wc, "win.zoom-in", NULL, act_zoom);
	gtk_widget_class_install_action(wc, "win.zoom-out", NULL, act_zoom);
	gtk_widget_class_install_action(wc, "win.zoom-reset", NULL, act_zoom);
}

static void planner_window_init(PlannerWindow *w)
{
	gtk_widget_init_template(GTK_WIDGET(w));
	w->zoom = 1;
	w->doc = planner_document_new();
	g_signal_connect(w->doc, "planned", G_CALLBACK(on_planned), w);
	g_signal_connect(w->doc, "changed", G_CALLBACK(on_changed), w);
	g_signal_connect(w->banner, "response", G_CALLBACK(banner_response), NULL);
	g_signal_connect(w->map_a, "item-selected", G_CALLBACK(map_selected), w);
	g_signal_connect(w->map_b, "item-selected", G_CALLBACK(map_selected), w);
	setup_table(w);
	GPtrArray *t = g_ptr_array_new();
	for (size_t i = 0; synth_plan_target_builtin_name(i); i++)
		g_ptr_array_add(t, (gpointer)synth_plan_target_builtin_name(i));
	g_ptr_array_add(t, NULL);
	w->targets = gtk_string_list_new((const char *const *)t->pdata);
	g_ptr_array_unref(t);
	w->memories = gtk_string_list_new(NULL);
	w->banks = gtk_string_list_new(NULL);
	gtk_drop_down_set_model(w->target_drop, G_LIST_MODEL(w->targets));
	gtk_drop_down_set_model(w->memory_drop, G_LIST_MODEL(w->memories));
	gtk_drop_down_set_model(w->bank_drop, G_LIST_MODEL(w->banks));
	g_object_unref(w->targets);
	g_object_unref(w->memories);
	g_object_unref(w->banks);
	g_signal_connect(w->target_drop, "notify::selected", G_CALLBACK(target_changed), w);
	g_signal_connect(w->model_drop, "notify::selected", G_CALLBACK(model_changed), w);
	g_signal_connect(w->memory_drop, "notify::selected", G_CALLBACK(memory_changed), w);
	g_signal_connect(w->pin_button, "clicked", G_CALLBACK(pin_clicked), w);
	g_signal_connect(w->domain_button, "clicked", G_CALLBACK(domain_clicked), w);
	g_signal_connect(w->reserve_button, "clicked", G_CALLBACK(reserve_clicked), w);
	g_signal_connect(w->domain_entry, "activate", G_CALLBACK(domain_clicked), w);
	g_signal_connect(w->reserve_entry, "activate", G_CALLBACK(reserve_clicked), w);
	GtkDropTarget *drop = gtk_drop_target_new(G_TYPE_FILE, GDK_ACTION_COPY);
	g_signal_connect(drop, "drop", G_CALLBACK(on_drop), w);
	gtk_widget_add_controller(GTK_WIDGET(w), GTK_EVENT_CONTROLLER(drop));
	update_memory_controls(w);
}

PlannerWindow *planner_window_new(GtkApplication *app)
{
	return g_object_new(PLANNER_TYPE_WINDOW, "application", app, NULL);
}
