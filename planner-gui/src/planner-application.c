/* planner-application.c - application actions (quit, about), keyboard
 * accelerators for the window's actions, the style sheet, and one window
 * per project opened (or one empty window). GtkApplication adds the
 * shortcuts window from the resource gtk/help-overlay.ui. */
#include "planner-application.h"
#include "planner-window.h"

struct _PlannerApplication {
	GtkApplication parent_instance;
};

G_DEFINE_FINAL_TYPE(PlannerApplication, planner_application, GTK_TYPE_APPLICATION)

static void act_quit(GSimpleAction *a, GVariant *p, gpointer app)
{
	g_application_quit(G_APPLICATION(app));
}

static void act_about(GSimpleAction *a, GVariant *p, gpointer app)
{
	GtkWindow *w = gtk_application_get_active_window(GTK_APPLICATION(app));
	gtk_show_about_dialog(w, "program-name", "Synth Planner", "version", "0.1",
	                      "comments", "Places WebAssembly memories into MPU regions: model A and model B side by side.",
	                      "license-type", GTK_LICENSE_MIT_X11, NULL);
}

static void planner_application_startup(GApplication *app)
{
	planner_resources_ensure();
	G_APPLICATION_CLASS(planner_application_parent_class)->startup(app);
	static const GActionEntry entries[] = {{.name = "quit", .activate = act_quit},
	                                       {.name = "about", .activate = act_about}};
	g_action_map_add_action_entries(G_ACTION_MAP(app), entries, G_N_ELEMENTS(entries), app);
	static const struct {
		const char *action;
		const char *accels[3];
	} accels[] = {
		{"app.quit", {"<Control>q", NULL}},
		{"win.open", {"<Control>o", NULL}},
		{"win.save", {"<Control>s", NULL}},
		{"win.accept", {"<Control>e", NULL}},
		{"win.zoom-in", {"<Control>plus", "<Control>equal", NULL}},
		{"win.zoom-out", {"<Control>minus", NULL}},
		{"win.zoom-reset", {"<Control>0", NULL}},
		{"win.show-help-overlay", {"<Control>question", NULL}},
	};
	for (size_t i = 0; i < G_N_ELEMENTS(accels); i++)
		gtk_application_set_accels_for_action(GTK_APPLICATION(app), accels[i].action, accels[i].accels);
	GtkCssProvider *css = gtk_css_provider_new();
	gtk_css_provider_load_from_resource(css, "/org/synth/Planner/style.css");
	gtk_style_context_add_provider_for_display(gdk_display_get_default(), GTK_STYLE_PROVIDER(css),
	                                           GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
	g_object_unref(css);
}

static void planner_application_activate(GApplication *app)
{
	PlannerWindow *w = planner_window_new(GTK_APPLICATION(app));
	gtk_window_present(GTK_WINDOW(w));
}

static void planner_application_open(GApplication *app, GFile **files, int n, const char *hint)
{
	for (int i = 0; i < n; i++) {
		PlannerWindow *w = planner_window_new(GTK_APPLICATION(app));
		char *path = g_file_get_path(files[i]);
		if (path)
			planner_window_open(w, path);
		g_free(path);
		gtk_window_present(GTK_WINDOW(w));
	}
}

static void planner_application_class_init(PlannerApplicationClass *klass)
{
	GApplicationClass *ac = G_APPLICATION_CLASS(klass);
	ac->startup = planner_application_startup;
	ac->activate = planner_application_activate;
	ac->open = planner_application_open;
}

static void planner_application_init(PlannerApplication *app)
{
}

PlannerApplication *planner_application_new(void)
{
	return g_object_new(PLANNER_TYPE_APPLICATION, "application-id", "org.synth.Planner", "flags",
	                    G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE, NULL);
}
