/* main.c - synth-planner: the GTK planner, or with --render OUT PROJECT the
 * headless picture of a project's plans (no display needed).
 * Exit status: 0 success, 1 the project or the image failed, 2 usage. */
#include <stdio.h>
#include <string.h>

#include <gtk/gtk.h>

#include "planner-application.h"
#include "planner-render.h"

int main(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "--render") == 0) {
		if (argc != 4) {
			fprintf(stderr, "usage: synth-planner --render OUT.png|OUT.svg PROJECT.json\n");
			return 2;
		}
		GError *e = NULL;
		if (!planner_render_file(argv[3], argv[2], &e)) {
			fprintf(stderr, "synth-planner: error: %s\n", e ? e->message : "cannot render");
			g_clear_error(&e);
			return 1;
		}
		return 0;
	}
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		printf("usage: synth-planner [PROJECT.json...]\n"
		       "       synth-planner --render OUT.png|OUT.svg PROJECT.json\n"
		       "Plans a Synth project's memories into MPU regions with model A and model B side\n"
		       "by side; adjust, then accept and export the layout. --render draws the maps and\n"
		       "the comparison without a display.\n");
		return 0;
	}
	g_set_application_name("Synth Planner");
	PlannerApplication *app = planner_application_new();
	int st = g_application_run(G_APPLICATION(app), argc, argv);
	g_object_unref(app);
	return st;
}
