/* planner-render.c - the headless renderer. The picture is what the window
 * shows in its upper half: a title (project, target, layout), each model's
 * heading, map and figures side by side, and the recommendation, 1280
 * pixels wide on a light background. The maps come from planner_map_draw(),
 * the words from planner-suggest.c: the window and this share both. */
#include <cairo-svg.h>
#include <gtk/gtk.h>
#include <string.h>

#include "planner-map.h"
#include "planner-render.h"
#include "planner-suggest.h"

enum { WIDTH = 1280, MARGIN = 16, COL_GAP = 24, LINE = 17 };

static int text(cairo_t *cr, PangoLayout *pl, double x, double y, double w, const char *markup, double alpha)
{
	pango_layout_set_width(pl, (int)(w * PANGO_SCALE));
	pango_layout_set_markup(pl, markup, -1);
	cairo_set_source_rgba(cr, 0.1, 0.1, 0.12, alpha);
	cairo_move_to(cr, x, y);
	pango_cairo_show_layout(cr, pl);
	int tw, th;
	pango_layout_get_pixel_size(pl, &tw, &th);
	return th;
}

/* Draws everything at width WIDTH; returns the height used. */
static double draw(cairo_t *cr, const PlannerResult *r, const SynthProjectDesc *pd, const char *path)
{
	GdkRGBA fg = {0.1, 0.1, 0.12, 1};
	PangoLayout *pl = pango_cairo_create_layout(cr);
	PangoFontDescription *font = pango_font_description_from_string("Sans 10");
	pango_layout_set_font_description(pl, font);
	pango_layout_set_wrap(pl, PANGO_WRAP_WORD_CHAR);
	double y = MARGIN;
	char *base = g_path_get_basename(path);
	char *t = g_markup_printf_escaped("<span size='x-large' weight='bold'>%s</span>   %s · target %s · layout %s%s%s",
	                                  pd->opt.name ? pd->opt.name : base, base,
	                                  r->target ? synth_plan_target_desc(r->target)->name
	                                  : pd->opt.target ? pd->opt.target : pd->opt.board,
	                                  pd->opt.layout ? pd->opt.layout : "(none)",
	                                  r->committed_hash ? " sha256 " : "", r->committed_hash ? r->committed_hash : "");
	y += text(cr, pl, MARGIN, y, WIDTH - 2 * MARGIN, t, 1) + 10;
	g_free(t);
	g_free(base);
	double colw = (WIDTH - 2 * MARGIN - COL_GAP) / 2.0, ybottom = y;
	for (int m = 0; m < 2; m++) {
		double x = MARGIN + m * (colw + COL_GAP), yy = y;
		const SynthPlanDesc *d = r->error ? NULL : synth_plan_desc(r->plan[m]);
		t = g_strdup_printf("<b>%s</b>%s  %s", m == 0 ? "Model A: shared memory, carved" : "Model B: one region per memory",
		                    r->chosen == (SynthPlanModel)m ? " (the project's model)" : "",
		                    !d ? "" : d->feasible ? "<span foreground='#43a047'>feasible</span>"
		                                          : "<span foreground='#e53935'><b>infeasible</b></span>");
		yy += text(cr, pl, x, yy, colw, t, 1) + 4;
		g_free(t);
		cairo_save(cr);
		cairo_translate(cr, x, yy);
		planner_map_draw(cr, r, (SynthPlanModel)m, colw, NULL, &fg);
		cairo_restore(cr);
		yy += planner_map_height(r) + 6;
		/* Figures: label column, value column. */
		char *fig = planner_figures_text(r, (SynthPlanModel)m);
		char **lines = g_strsplit(fig, "\n", -1);
		for (char **l = lines; *l; l++) {
			char *tab = strchr(*l, '\t');
			char *k = g_markup_escape_text(*l, tab ? (gssize)(tab - *l) : 0);
			char *v = g_markup_escape_text(tab ? tab + 1 : *l, -1);
			text(cr, pl, x, yy, 150, k, 0.65);
			gboolean bad = g_str_has_prefix(v, "NO") || (tab && !*k) || strcmp(k, "why") == 0;
			char *vm = bad ? g_strdup_printf("<span foreground='#e53935'>%s</span>", v) : g_strdup(v);
			yy += MAX(text(cr, pl, x + 155, yy, colw - 155, vm, 1), LINE);
			g_free(vm);
			g_free(k);
			g_free(v);
		}
		g_strfreev(lines);
		g_free(fig);
		ybottom = MAX(ybottom, yy);
	}
	y = ybottom + 8;
	char *rec = planner_recommendation(r);
	t = g_markup_printf_escaped("<b>Recommendation:</b> %s", rec);
	y += text(cr, pl, MARGIN, y, WIDTH - 2 * MARGIN, t, 1) + 4;
	g_free(t);
	g_free(rec);
	/* Suggestions, as the window lists them. */
	GPtrArray *sg = planner_suggest(r, pd);
	for (guint i = 0; i < sg->len; i++) {
		const PlannerSuggestion *s = g_ptr_array_index(sg, i);
		t = g_markup_printf_escaped("<tt>%s</tt>", s->text);
		y += text(cr, pl, MARGIN, y, WIDTH - 2 * MARGIN, t, 0.85) + 2;
		g_free(t);
	}
	g_ptr_array_unref(sg);
	pango_font_description_free(font);
	g_object_unref(pl);
	return y + MARGIN;
}

static void planned(PlannerDocument *doc, gpointer done)
{
	*(gboolean *)done = TRUE;
}

gboolean planner_render_file(const char *project, const char *out, GError **error)
{
	PlannerDocument *doc = planner_document_new();
	gboolean done = FALSE, ok = FALSE;
	g_signal_connect(doc, "planned", G_CALLBACK(planned), &done);
	if (!planner_document_load(doc, project, error))
		goto fail;
	while (!done)
		g_main_context_iteration(NULL, TRUE);
	const PlannerResult *r = planner_document_get_result(doc);
	const SynthProjectDesc *pd = planner_document_get_project(doc);
	/* Measure on a scratch surface, then draw for real. */
	cairo_surface_t *scratch = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
	cairo_t *cr = cairo_create(scratch);
	double h = draw(cr, r, pd, planner_document_get_path(doc));
	cairo_destroy(cr);
	cairo_surface_destroy(scratch);
	if (g_str_has_suffix(out, ".svg")) {
		cairo_surface_t *svg = cairo_svg_surface_create(out, WIDTH, h);
		cr = cairo_create(svg);
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_paint(cr);
		draw(cr, r, pd, planner_document_get_path(doc));
		cairo_destroy(cr);
		cairo_surface_finish(svg);
		ok = cairo_surface_status(svg) == CAIRO_STATUS_SUCCESS;
		cairo_surface_destroy(svg);
		if (!ok)
			g_set_error(error, PLANNER_ERROR, 0, "%s: cannot write the SVG", out);
		goto fail;
	}
	/* PNG: the same drawing as a snapshot node, rendered by a cairo renderer
	 * that has no surface (no display needed). */
	g_type_ensure(GSK_TYPE_COLOR_NODE);
	graphene_rect_t bounds = GRAPHENE_RECT_INIT(0, 0, WIDTH, (float)h);
	GtkSnapshot *snap = gtk_snapshot_new();
	gtk_snapshot_append_color(snap, &(GdkRGBA){1, 1, 1, 1}, &bounds);
	cr = gtk_snapshot_append_cairo(snap, &bounds);
	draw(cr, r, pd, planner_document_get_path(doc));
	cairo_destroy(cr);
	GskRenderNode *node = gtk_snapshot_free_to_node(snap);
	GskRenderer *renderer = gsk_cairo_renderer_new();
	if (gsk_renderer_realize(renderer, NULL, error)) {
		GdkTexture *tex = gsk_renderer_render_texture(renderer, node, &bounds);
		ok = gdk_texture_save_to_png(tex, out);
		if (!ok)
			g_set_error(error, PLANNER_ERROR, 0, "%s: cannot write the PNG", out);
		g_object_unref(tex);
		gsk_renderer_unrealize(renderer);
	}
	g_object_unref(renderer);
	gsk_render_node_unref(node);
fail:
	g_object_unref(doc);
	return ok;
}
