/* planner-render.h - the headless view: the project's maps and comparison
 * drawn to a PNG (through GtkSnapshot and GskCairoRenderer, no display) or
 * an SVG (cairo), for docs and CI. */
#pragma once

#include "planner-document.h"

/* Loads project, plans it (waiting for the run), and writes out (.png or
 * .svg). FALSE with error when the project cannot be read or the image written. */
gboolean planner_render_file(const char *project, const char *out, GError **error);
