/* planner-window-actions.c - the window's actions: open (a file chooser,
 * a file dropped on the window, or the Open Recent menu), save, accept and
 * export (with the committed layout's diff shown first when it would
 * change), zoom, and a close request that asks before unsaved edits are lost. */
#include <string.h>

#include "planner-window-private.h"

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

/* ---- open recent ---- */

#define RECENT_MAX 10

static gboolean is_project(GtkRecentInfo *info)
{
	const char *uri = gtk_recent_info_get_uri(info);
	if (g_str_has_suffix(uri, ".synth.json"))
		return TRUE;
	const char *app = g_get_prgname();
	return g_str_has_suffix(uri, ".json") && app && gtk_recent_info_has_application(info, app);
}

static int newest_first(gconstpointer a, gconstpointer b)
{
	GDateTime *ta = gtk_recent_info_get_modified(*(GtkRecentInfo *const *)a);
	GDateTime *tb = gtk_recent_info_get_modified(*(GtkRecentInfo *const *)b);
	return ta && tb ? g_date_time_compare(tb, ta) : 0;
}

/* A menu label for a file: its name (underscores doubled: no mnemonics) and folder. */
static char *recent_label(const char *path)
{
	char *base = g_path_get_basename(path), *dir = g_path_get_dirname(path);
	char *dname = g_filename_display_name(dir), *bname = g_filename_display_name(base);
	char *label = g_strdup_printf("%s — %s", bname, dname);
	char **parts = g_strsplit(label, "_", -1);
	char *escaped = g_strjoinv("__", parts);
	g_strfreev(parts);
	g_free(label);
	g_free(bname);
	g_free(dname);
	g_free(base);
	g_free(dir);
	return escaped;
}

void planner_window_update_recent(PlannerWindow *w)
{
	if (!w->recent_menu)
		return;
	g_menu_remove_all(w->recent_menu);
	GList *all = gtk_recent_manager_get_items(gtk_recent_manager_get_default());
	GPtrArray *keep = g_ptr_array_new();
	for (GList *l = all; l; l = l->next)
		if (gtk_recent_info_is_local(l->data) && is_project(l->data) && gtk_recent_info_exists(l->data))
			g_ptr_array_add(keep, l->data);
	g_ptr_array_sort(keep, newest_first);
	for (guint i = 0; i < keep->len && i < RECENT_MAX; i++) {
		char *path = g_filename_from_uri(gtk_recent_info_get_uri(keep->pdata[i]), NULL, NULL);
		if (!path)
			continue;
		char *label = recent_label(path);
		GMenuItem *mi = g_menu_item_new(label, NULL);
		g_menu_item_set_action_and_target_value(mi, "win.open-recent", g_variant_new_string(path));
		g_menu_append_item(w->recent_menu, mi);
		g_object_unref(mi);
		g_free(label);
		g_free(path);
	}
	g_ptr_array_unref(keep);
	g_list_free_full(all, (GDestroyNotify)gtk_recent_info_unref);
}

GMenuModel *planner_window_get_recent_menu(PlannerWindow *w)
{
	return G_MENU_MODEL(w->recent_menu);
}

static void act_open_recent(GtkWidget *widget, const char *name, GVariant *param)
{
	planner_window_open(PLANNER_WINDOW(widget), g_variant_get_string(param, NULL));
}

static void recent_changed(GtkRecentManager *m, gpointer data)
{
	planner_window_update_recent(data);
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
		planner_window_show_error(w, e);
	else
		planner_window_show_banner(w, GTK_MESSAGE_INFO, "Project saved.");
}

/* ---- accept and export ---- */

static void do_accept(PlannerWindow *w, gboolean accept_exposure)
{
	GError *e = NULL;
	char **files = NULL;
	if (!planner_document_accept(w->doc, accept_exposure, &files, &e)) {
		planner_window_show_error(w, e);
		return;
	}
	GString *s = g_string_new("Accepted: wrote");
	for (char **f = files; *f; f++) {
		char *b = g_path_get_basename(*f);
		g_string_append_printf(s, "%s %s", f == files ? "" : ",", b);
		g_free(b);
	}
	if (accept_exposure)
		g_string_append(s, " (the layout accepts the exposure)");
	if (planner_document_get_modified(w->doc))
		g_string_append(s, ". The project now names the layout: save it (Ctrl+S).");
	planner_window_show_banner(w, GTK_MESSAGE_INFO, s->str);
	g_string_free(s, TRUE);
	g_strfreev(files);
}

static void confirm_response(GtkDialog *d, int response, gpointer data)
{
	PlannerWindow *w = data;
	gboolean exposure = GPOINTER_TO_INT(g_object_get_data(G_OBJECT(d), "exposure"));
	gtk_window_destroy(GTK_WINDOW(d));
	if (response == GTK_RESPONSE_ACCEPT)
		do_accept(w, exposure);
}

void planner_window_accept(PlannerWindow *w, gboolean confirm)
{
	const PlannerResult *r = planner_document_get_result(w->doc);
	gboolean changes = r && r->diff && r->diff->n > 0;
	guint64 exposure = planner_result_unaccepted_exposure(r);
	if (!confirm || (!changes && !exposure)) {
		do_accept(w, confirm && exposure);
		return;
	}
	/* Ask first: what the committed layout loses, what the plan exposes. */
	GString *text = g_string_new(NULL);
	if (exposure) {
		const SynthPlanDesc *pd = synth_plan_desc(planner_result_chosen(r));
		g_string_append(text, "This plan does NOT enforce every boundary between domains:\n");
		for (uint32_t d = 0; d < pd->ndomains; d++)
			if (pd->domains[d].exposed && !pd->domains[d].accepted)
				g_string_append_printf(text, "  domain %s can write %" G_GUINT64_FORMAT " bytes of other domains\n",
				                       pd->domains[d].name, pd->domains[d].exposed);
		g_string_append(text, "Accepting writes that acceptance into the layout (synth layout check then passes).\n\n");
	}
	if (changes)
		g_string_append(text, r->diff_text);
	char *lp = planner_document_layout_path(w->doc), *lb = g_path_get_basename(lp);
	char *title = changes ? g_strdup_printf("Overwrite %s?", lb) : g_strdup_printf("Accept the exposure in %s?", lb);
	GtkWidget *d = gtk_dialog_new_with_buttons(title, GTK_WINDOW(w),
	                                           GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT | GTK_DIALOG_USE_HEADER_BAR,
	                                           "_Cancel", GTK_RESPONSE_CANCEL,
	                                           exposure ? "_Accept Exposure and Export" : "_Overwrite and Export",
	                                           GTK_RESPONSE_ACCEPT, NULL);
	g_object_set_data(G_OBJECT(d), "exposure", GINT_TO_POINTER(exposure != 0));
	GtkWidget *ow = gtk_dialog_get_widget_for_response(GTK_DIALOG(d), GTK_RESPONSE_ACCEPT);
	if (ow)
		gtk_widget_add_css_class(ow, "destructive-action");
	gtk_window_set_default_size(GTK_WINDOW(d), 760, 360);
	GtkWidget *area = gtk_dialog_get_content_area(GTK_DIALOG(d));
	char *head = changes ? g_strdup_printf("Accepting this plan changes the committed layout %s:", lb)
	                     : g_strdup_printf("Accepting this plan writes %s with an exposure:", lb);
	GtkWidget *hl = gtk_label_new(head);
	gtk_label_set_xalign(GTK_LABEL(hl), 0);
	gtk_widget_set_margin_start(hl, 10);
	gtk_widget_set_margin_top(hl, 8);
	gtk_box_append(GTK_BOX(area), hl);
	GtkWidget *sw = gtk_scrolled_window_new();
	GtkWidget *tv = gtk_text_view_new();
	gtk_text_view_set_monospace(GTK_TEXT_VIEW(tv), TRUE);
	gtk_text_view_set_editable(GTK_TEXT_VIEW(tv), FALSE);
	gtk_text_view_set_cursor_visible(GTK_TEXT_VIEW(tv), FALSE);
	gtk_text_view_set_left_margin(GTK_TEXT_VIEW(tv), 10);
	gtk_text_view_set_top_margin(GTK_TEXT_VIEW(tv), 8);
	gtk_text_buffer_set_text(gtk_text_view_get_buffer(GTK_TEXT_VIEW(tv)), text->str, -1);
	gtk_scrolled_window_set_child(GTK_SCROLLED_WINDOW(sw), tv);
	gtk_widget_set_vexpand(sw, TRUE);
	gtk_box_append(GTK_BOX(area), sw);
	g_signal_connect(d, "response", G_CALLBACK(confirm_response), w);
	gtk_window_present(GTK_WINDOW(d));
	g_free(head);
	g_free(title);
	g_free(lb);
	g_free(lp);
	g_string_free(text, TRUE);
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

/* ---- closing ---- */

/* Closes the window once the dialog is gone: destroying a transient parent
 * from inside its dialog's "response" emission leaves GTK disconnecting
 * handlers from a finalized window (a GLib CRITICAL). */
static gboolean close_later(gpointer data)
{
	PlannerWindow *w = data;
	w->closing = TRUE;
	gtk_window_close(GTK_WINDOW(w));
	g_object_unref(w);
	return G_SOURCE_REMOVE;
}

static void close_response(GtkDialog *d, int response, gpointer data)
{
	PlannerWindow *w = data;
	gtk_window_destroy(GTK_WINDOW(d));
	GError *e = NULL;
	if (response == GTK_RESPONSE_ACCEPT && !planner_document_save(w->doc, &e)) {
		planner_window_show_error(w, e);
		return;
	}
	if (response == GTK_RESPONSE_ACCEPT || response == GTK_RESPONSE_REJECT)
		g_idle_add(close_later, g_object_ref(w));
}

static gboolean close_request(GtkWindow *win, gpointer data)
{
	PlannerWindow *w = PLANNER_WINDOW(win);
	if (w->closing || !planner_document_get_modified(w->doc))
		return FALSE;
	GtkWidget *d = gtk_message_dialog_new(win, GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT, GTK_MESSAGE_QUESTION,
	                                      GTK_BUTTONS_NONE, "Save the changes to the project?");
	gtk_message_dialog_format_secondary_text(GTK_MESSAGE_DIALOG(d), "Its edits (target, pins, domains, "
	                                         "reservations, layout) are lost otherwise.");
	gtk_dialog_add_buttons(GTK_DIALOG(d), "_Discard", GTK_RESPONSE_REJECT, "_Cancel", GTK_RESPONSE_CANCEL, "_Save",
	                       GTK_RESPONSE_ACCEPT, NULL);
	gtk_dialog_set_default_response(GTK_DIALOG(d), GTK_RESPONSE_ACCEPT);
	g_signal_connect(d, "response", G_CALLBACK(close_response), w);
	gtk_window_present(GTK_WINDOW(d));
	return TRUE;
}

void planner_window_class_actions_init(GtkWidgetClass *wc)
{
	gtk_widget_class_install_action(wc, "win.open", NULL, act_open);
	gtk_widget_class_install_action(wc, "win.open-recent", "s", act_open_recent);
	gtk_widget_class_install_action(wc, "win.save", NULL, act_save);
	gtk_widget_class_install_action(wc, "win.accept", NULL, act_accept);
	gtk_widget_class_install_action(wc, "win.zoom-in", NULL, act_zoom);
	gtk_widget_class_install_action(wc, "win.zoom-out", NULL, act_zoom);
	gtk_widget_class_install_action(wc, "win.zoom-reset", NULL, act_zoom);
}

void planner_window_actions_init(PlannerWindow *w)
{
	GtkDropTarget *drop = gtk_drop_target_new(G_TYPE_FILE, GDK_ACTION_COPY);
	g_signal_connect(drop, "drop", G_CALLBACK(on_drop), w);
	gtk_widget_add_controller(GTK_WIDGET(w), GTK_EVENT_CONTROLLER(drop));
	g_signal_connect(w, "close-request", G_CALLBACK(close_request), NULL);
	g_signal_connect(gtk_recent_manager_get_default(), "changed", G_CALLBACK(recent_changed), w);
	planner_window_update_recent(w);
}
