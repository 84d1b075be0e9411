/* planner-window-private.h - what planner-window.c and
 * planner-window-actions.c share: the window's fields and the banner. */
#pragma once

#include "planner-map.h"
#include "planner-window.h"

struct _PlannerWindow {
	GtkApplicationWindow parent_instance;
	PlannerDocument *doc;
	double zoom;
	char *selected;           /* selected item name, or NULL */
	gboolean updating;        /* setting controls from the result: ignore their signals */
	gboolean closing;         /* the close request was answered: close now */
	gboolean banner_planning; /* the banner shows a planning run's error */
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
	GtkEntry *domain_entry, *reserve_entry, *address_entry;
	GtkButton *zoom_button, *pin_button, *domain_button, *reserve_button, *address_button;
	GtkLabel *pin_status;     /* the chosen memory's address pin: where both plans put it, or why not */
	GtkTextView *diff_view;
	GtkSpinButton *regions_spin, *regions_default_spin; /* Adjust: regions per memory, and the default */
	GtkLabel *regions_note;   /* what the chosen memory's cover takes now */
	GtkNotebook *notebook;
	GMenu *recent_menu;       /* the main menu's Open Recent entries (template object) */
};

/* Shows text in the banner at the top of the window. */
void planner_window_show_banner(PlannerWindow *w, GtkMessageType type, const char *text);
/* Shows an error's message in the banner and frees the error. */
void planner_window_show_error(PlannerWindow *w, GError *e);
/* Installs the window's actions (class_init). */
void planner_window_class_actions_init(GtkWidgetClass *wc);
/* Refills the Open Recent menu from the recent manager. */
void planner_window_update_recent(PlannerWindow *w);
/* Connects what the actions need on a new window (drop target, close request). */
void planner_window_actions_init(PlannerWindow *w);
