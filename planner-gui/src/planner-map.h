/* planner-map.h - the memory map: every RAM bank of a plan drawn to scale,
 * one row per bank. PlannerMap is the widget (zoom, hover tooltip, click to
 * select); planner_map_draw() is the drawing itself, which the headless
 * renderer calls without a widget. */
#pragma once

#include <gtk/gtk.h>

#include "planner-document.h"

G_BEGIN_DECLS

/* The colour of the strip over exposed bytes (a domain can write another's). */
#define EXPOSURE_RGB 0xc8102eu
/* The colour of the head of the pin drawn on a pinned item (an address pin). */
#define PIN_RGB 0xffd400u

/* Height the map of a result takes (independent of width). */
double planner_map_height(const PlannerResult *r);
/* Draws model m of r into cr, width wide; selected names an item to outline
 * (or NULL); fg is the text colour (the theme's, light or dark). */
void planner_map_draw(cairo_t *cr, const PlannerResult *r, SynthPlanModel m, double width, const char *selected,
                      const GdkRGBA *fg);
/* Index of the plan item drawn at (x, y), or -1. */
int planner_map_item_at(const PlannerResult *r, SynthPlanModel m, double width, double x, double y);
/* Colour of domain d (a fixed palette, the same in every view). */
void planner_domain_color(int d, GdkRGBA *out);
/* Tooltip text (Pango markup) of item i of model m: addresses, sizes, domains, region registers. */
char *planner_item_tooltip(const PlannerResult *r, SynthPlanModel m, int i);
/* The memory or state section sharing a region of its domain's table with
 * item i of plan d (model B's one cover of a memory and the state section
 * at its end), or -1. */
int planner_item_shared_with(const SynthPlanDesc *d, int i);
/* What became of memory's address pin at address in each plan of r: "" when
 * memory is NULL (no pin) or nothing is planned, "Pinned at 0x...: both plans
 * put it there." when both did, else each plan's reason (its SYNTH_DIAG_PIN_*
 * message, or why it was not placed), one line per model. */
char *planner_pin_status(const PlannerResult *r, const char *memory, guint64 address);

#define PLANNER_TYPE_MAP (planner_map_get_type())
G_DECLARE_FINAL_TYPE(PlannerMap, planner_map, PLANNER, MAP, GtkWidget)

/* Shows model m of a result (borrowed until the next call; NULL clears). */
void planner_map_set_result(PlannerMap *map, const PlannerResult *r, SynthPlanModel m);
/* 1.0 fits the view; 2.0 is twice as wide. */
void planner_map_set_zoom(PlannerMap *map, double zoom);
/* Outlines the item of that name (NULL: none). */
void planner_map_set_selected(PlannerMap *map, const char *name);

G_END_DECLS
