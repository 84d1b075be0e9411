/* planner-application.h - the GtkApplication: windows, app actions, accelerators. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PLANNER_TYPE_APPLICATION (planner_application_get_type())
G_DECLARE_FINAL_TYPE(PlannerApplication, planner_application, PLANNER, APPLICATION, GtkApplication)

/* The application (id org.synth.Planner; opens the files it is given). */
PlannerApplication *planner_application_new(void);

G_END_DECLS
