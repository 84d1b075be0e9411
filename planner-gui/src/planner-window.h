/* planner-window.h - the planner's main window over one PlannerDocument. */
#pragma once

#include <gtk/gtk.h>

#include "planner-document.h"

G_BEGIN_DECLS

#define PLANNER_TYPE_WINDOW (planner_window_get_type())
G_DECLARE_FINAL_TYPE(PlannerWindow, planner_window, PLANNER, WINDOW, GtkApplicationWindow)

/* Registers the planner's GResource (once; the window's class does it too). */
void planner_resources_ensure(void);
/* A window with an empty document. */
PlannerWindow *planner_window_new(GtkApplication *app);
/* Opens a project file; errors show in the window's banner. Returns success. */
gboolean planner_window_open(PlannerWindow *win, const char *path);
/* The window's document (borrowed). */
PlannerDocument *planner_window_get_document(PlannerWindow *win);
/* The banner's text when shown, else NULL (for tests). */
const char *planner_window_get_banner(PlannerWindow *win);
/* The Changes page's text (for tests). */
char *planner_window_get_diff_text(PlannerWindow *win);
/* The main menu's Open Recent section: one item per recently opened project
 * file (*.synth.json, or a .json this program opened) that still exists,
 * newest first, each activating win.open-recent with the file's path. */
GMenuModel *planner_window_get_recent_menu(PlannerWindow *win);
/* Selects an item by name in maps, table and adjustments. */
void planner_window_select(PlannerWindow *win, const char *name);
/* Accepts and exports: with confirm, a changed committed layout or a plan
 * that exposes bytes between domains asks first (the diff and the exposure
 * shown; answering yes accepts the exposure); without, the layout is
 * written at once and an exposure is an error in the banner. */
void planner_window_accept(PlannerWindow *win, gboolean confirm);

G_END_DECLS
