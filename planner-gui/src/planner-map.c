/* planner-map.c - the memory map widget and its drawing.
 *
 * Geometry: one row per RAM bank of the plan's target, every bank on the
 * same scale (bytes per pixel fixed by the largest bank), so sizes compare
 * across banks. A row shows, left to right at their addresses: memories (or
 * model A's slices inside the linear memory, outlined) in their domain's
 * colour and labelled module.memidx, with the bytes rounding added hatched
 * in white; fixed regions in grey, reserved ranges (no domain may touch
 * them) dark and hatched; holes between placed ranges (alignment padding)
 * hatched in red; bytes a domain can write of another's (exposure) hatched
 * crimson under a solid strip; and above the bar each domain's MPU regions, one line per
 * domain, dashed over PMSAv7 subregions that are disabled, with a dark edge
 * across a memory where one of its regions ends and the next begins. Arrow keys move
 * the selection from memory to memory in address order. The drawing is
 * cairo inside a snapshot node so the headless renderer draws the same. */
#include <string.h>

#include "planner-map.h"
#include "planner-suggest.h"

enum {
	LABEL_W = 104,  /* bank names */
	RIGHT_PAD = 10,
	TOP = 8,
	ROW_H = 34,     /* the bar */
	ROW_GAP = 26,   /* above each bar: region lines */
};

/* Where the regions of item i's first domain's table meet inside it, by
 * address: the inner edges of a memory covered by several regions. Returns
 * how many (at most max). */
static int region_cuts(const SynthPlanDesc *d, uint32_t i, uint64_t *out, int max)
{
	const SynthPlanItem *it = &d->items[i];
	int dom = planner_plan_item_domain(d, i), n = 0;
	if (dom < 0 || it->kind == SYNTH_ITEM_LINEAR || it->parent >= 0)
		return 0;
	const SynthDomainPlan *dp = &d->domains[dom];
	for (uint32_t q = 0; q < dp->nregions && n < max; q++) {
		const SynthHwRegion *hr = &dp->regions[q];
		/* The first byte the region grants (PMSAv7: its first enabled
		 * subregion); inside the item it starts one of the item's regions
		 * (its own, or the one it shares with the state section at its end). */
		uint64_t lo = hr->base;
		for (int e = 0; hr->srd && e < 8 && (hr->srd >> e & 1); e++)
			lo += hr->size / 8;
		if (lo > it->base && lo < it->base + it->size)
			out[n++] = lo;
	}
	return n;
}

static const guint32 palette[] = {0x4e79a7, 0xf28e2b, 0x59a14f, 0xe15759, 0x76b7b2,
                                  0xedc948, 0xb07aa1, 0xff9da7, 0x9c755f, 0x17becf};

void planner_domain_color(int d, GdkRGBA *out)
{
	guint32 c = d < 0 ? 0x8c8c8c : palette[(guint)d % G_N_ELEMENTS(palette)];
	*out = (GdkRGBA){((c >> 16) & 255) / 255.f, ((c >> 8) & 255) / 255.f, (c & 255) / 255.f, 1.f};
}

static const SynthPlanDesc *plan_of(const PlannerResult *r, SynthPlanModel m)
{
	return r && !r->error && r->plan[m] ? synth_plan_desc(r->plan[m]) : NULL;
}

double planner_map_height(const PlannerResult *r)
{
	const SynthPlanDesc *d = plan_of(r, SYNTH_MODEL_B);
	guint n = d ? d->target->nbanks : 1;
	return TOP + n * (ROW_H + ROW_GAP) + 4;
}

/* Scale and row of a bank. */
typedef struct Geo {
	double scale;  /* pixels per byte */
	double x0;     /* x of a bank's first byte */
} Geo;

static Geo geometry(const SynthPlanDesc *d, double width)
{
	uint64_t maxs = 1;
	for (uint32_t b = 0; b < d->target->nbanks; b++)
		maxs = MAX(maxs, d->target->banks[b].size);
	double w = MAX(width - LABEL_W - RIGHT_PAD, 10);
	return (Geo){w / (double)maxs, LABEL_W};
}

static double row_y(uint32_t b)
{
	return TOP + b * (ROW_H + ROW_GAP) + ROW_GAP;
}

static int bank_index(const SynthPlanDesc *d, const char *bank)
{
	for (uint32_t b = 0; bank && b < d->target->nbanks; b++)
		if (strcmp(d->target->banks[b].name, bank) == 0)
			return (int)b;
	return -1;
}

/* Orders ranges by base (g_array_sort). */
static gint range_cmp(gconstpointer a, gconstpointer b)
{
	const SynthRange *x = a, *y = b;
	return x->base < y->base ? -1 : x->base > y->base;
}

/* Where item i is drawn; FALSE when it is not in a RAM bank. */
static gboolean item_rect(const SynthPlanDesc *d, Geo g, uint32_t i, graphene_rect_t *out)
{
	const SynthPlanItem *it = &d->items[i];
	int b = bank_index(d, it->bank);
	if (b < 0 || !it->size)
		return FALSE;
	const SynthBank *bk = &d->target->banks[b];
	double x = g.x0 + (double)(it->base - bk->base) * g.scale;
	double w = MAX((double)it->size * g.scale, 1.0);
	double y = row_y((uint32_t)b);
	if (it->kind == SYNTH_ITEM_LINEAR)
		graphene_rect_init(out, (float)x, (float)y - 3, (float)w, ROW_H + 6);
	else
		graphene_rect_init(out, (float)x, (float)y, (float)w, ROW_H);
	return TRUE;
}

static void hatch(cairo_t *cr, double x, double y, double w, double h, double r, double g, double b, double a)
{
	cairo_save(cr);
	cairo_rectangle(cr, x, y, w, h);
	cairo_clip(cr);
	cairo_set_source_rgba(cr, r, g, b, a);
	cairo_set_line_width(cr, 1.2);
	for (double k = x - h; k < x + w; k += 6) {
		cairo_move_to(cr, k, y + h);
		cairo_line_to(cr, k + h, y);
	}
	cairo_stroke(cr);
	cairo_restore(cr);
}

/* Whether a region of a domain holding both items grants bytes of each:
 * one region covering a memory and the state section at its end
 * (PMSAv7: its enabled subregions; srd is 0 on the other units, whose
 * base and size are the granted range). */
static gboolean region_has(const SynthHwRegion *g, const SynthPlanItem *it)
{
	for (int k = 0; k < 8; k++) {
		uint64_t lo = g->srd ? g->base + g->size / 8 * (uint64_t)k : g->base;
		uint64_t hi = g->srd ? lo + g->size / 8 : g->base + g->size;
		if (!(g->srd >> k & 1) && lo < it->base + it->size && it->base < hi)
			return TRUE;
		if (!g->srd)
			break;
	}
	return FALSE;
}

static gboolean shares_region(const SynthPlanDesc *d, const SynthPlanItem *a, const SynthPlanItem *b)
{
	if (a->base + a->size != b->base && b->base + b->size != a->base)
		return FALSE;
	for (uint32_t k = 0; k < d->ndomains; k++)
		for (uint32_t q = 0; q < d->domains[k].nregions; q++) {
			const SynthHwRegion *g = &d->domains[k].regions[q];
			if (g->item < 0 && region_has(g, a) && region_has(g, b))
				return TRUE;
		}
	return FALSE;
}

int planner_item_shared_with(const SynthPlanDesc *d, int i)
{
	if (!d || i < 0 || (uint32_t)i >= d->nitems)
		return -1;
	const SynthPlanItem *it = &d->items[i];
	if ((it->kind != SYNTH_ITEM_MEMORY && it->kind != SYNTH_ITEM_STATE) || it->parent >= 0 || !it->bank)
		return -1;
	for (uint32_t j = 0; j < d->nitems; j++) {
		const SynthPlanItem *o = &d->items[j];
		if (j != (uint32_t)i && o->parent < 0 && o->bank && strcmp(o->bank, it->bank) == 0 &&
		    (o->kind == SYNTH_ITEM_MEMORY || o->kind == SYNTH_ITEM_STATE) && o->kind != it->kind &&
		    shares_region(d, it, o))
			return (int)j;
	}
	return -1;
}

/* Draws text centred in [x, x+w) when it fits; returns whether it did. */
static gboolean label(cairo_t *cr, PangoLayout *pl, const char *text, double x, double y, double w, double h,
                      const GdkRGBA *c)
{
	int tw, th;
	pango_layout_set_text(pl, text, -1);
	pango_layout_get_pixel_size(pl, &tw, &th);
	if (tw + 4 > w)
		return FALSE;
	cairo_set_source_rgba(cr, c->red, c->green, c->blue, c->alpha);
	cairo_move_to(cr, x + (w - tw) / 2, y + (h - th) / 2);
	pango_cairo_show_layout(cr, pl);
	return TRUE;
}

static gboolean dark_on(const GdkRGBA *c)
{
	return 0.299 * c->red + 0.587 * c->green + 0.114 * c->blue > 0.6;
}

void planner_map_draw(cairo_t *cr, const PlannerResult *r, SynthPlanModel m, double width, const char *selected,
                      const GdkRGBA *fg)
{
	const SynthPlanDesc *d = plan_of(r, m);
	PangoLayout *pl = pango_cairo_create_layout(cr);
	PangoFontDescription *font = pango_font_description_from_string("Sans 9");
	pango_layout_set_font_description(pl, font);
	if (!d) {
		cairo_set_source_rgba(cr, fg->red, fg->green, fg->blue, 0.7);
		cairo_move_to(cr, 8, 8);
		pango_layout_set_text(pl, r ? (r->error ? r->error : "") : "planning…", -1);
		pango_layout_set_width(pl, (int)(width - 16) * PANGO_SCALE);
		pango_layout_set_wrap(pl, PANGO_WRAP_WORD_CHAR);
		pango_cairo_show_layout(cr, pl);
		goto done;
	}
	Geo g = geometry(d, width);
	const SynthFreeSpace *fs = r->space[m];
	int sel = -1;
	for (uint32_t i = 0; selected && i < d->nitems; i++)
		if (strcmp(d->items[i].name, selected) == 0)
			sel = (int)i;
	GdkRGBA white = {1, 1, 1, 1}, black = {0, 0, 0, 1};
	/* Bank rows: name, size, background, padding holes. */
	for (uint32_t b = 0; b < d->target->nbanks; b++) {
		const SynthBank *bk = &d->target->banks[b];
		double y = row_y(b), w = (double)bk->size * g.scale;
		char *sz = planner_size_str(bk->size);
		char *txt = g_strdup_printf("%s\n%s", bk->name, sz);
		pango_layout_set_text(pl, txt, -1);
		cairo_set_source_rgba(cr, fg->red, fg->green, fg->blue, 0.9);
		cairo_move_to(cr, 4, y + 2);
		pango_cairo_show_layout(cr, pl);
		g_free(txt);
		g_free(sz);
		cairo_set_source_rgba(cr, fg->red, fg->green, fg->blue, 0.08);
		cairo_rectangle(cr, g.x0, y, w, ROW_H);
		cairo_fill(cr);
		cairo_set_source_rgba(cr, fg->red, fg->green, fg->blue, 0.35);
		cairo_set_line_width(cr, 1);
		cairo_rectangle(cr, g.x0 + 0.5, y + 0.5, w - 1, ROW_H - 1);
		cairo_stroke(cr);
		if (fs && b < fs->nbanks) {
			const SynthBankSpace *s = &fs->banks[b];
			for (uint32_t h = 0; h < s->nholes; h++) {
				/* Padding as the planner counts it: a hole between two placed ranges
				 * (free space at a bank's ends or next to a reserved range is not). */
				uint64_t lo = s->holes[h].base, end = lo + s->holes[h].size;
				gboolean after = FALSE, before = FALSE;
				for (uint32_t i = 0; i < d->nitems; i++) {
					const SynthPlanItem *it = &d->items[i];
					if (it->parent >= 0 || !it->bank || strcmp(it->bank, bk->name) != 0)
						continue;
					after |= it->base + it->size == lo;
					before |= it->base == end;
				}
				if (!after || !before)
					continue;
				double hx = g.x0 + (double)(s->holes[h].base - bk->base) * g.scale;
				hatch(cr, hx, y, MAX((double)s->holes[h].size * g.scale, 1.5), ROW_H, 0.85, 0.2, 0.15, 0.9);
			}
		}
	}
	/* Ranges reserved for the runtime (no plan item: no domain may touch them). */
	for (uint32_t f = 0; f < d->target->nfixed; f++) {
		const SynthFixedRegion *fx = &d->target->fixed[f];
		for (uint32_t b = 0; fx->regions == 0 && fx->has_base && b < d->target->nbanks; b++) {
			const SynthBank *bk = &d->target->banks[b];
			uint64_t lo = MAX(fx->base, bk->base), hi = MIN(fx->base + fx->size, bk->base + bk->size);
			if (lo >= hi)
				continue;
			double x = g.x0 + (double)(lo - bk->base) * g.scale, w = MAX((double)(hi - lo) * g.scale, 1.0);
			double y = row_y(b);
			cairo_set_source_rgb(cr, 0.30, 0.30, 0.30);
			cairo_rectangle(cr, x, y, w, ROW_H);
			cairo_fill(cr);
			hatch(cr, x, y, w, ROW_H, 1, 1, 1, 0.3);
			cairo_set_source_rgba(cr, 0, 0, 0, 0.6);
			cairo_set_line_width(cr, 1);
			cairo_rectangle(cr, x + 0.5, y + 0.5, MAX(w - 1, 0.5), ROW_H - 1);
			cairo_stroke(cr);
			label(cr, pl, fx->name, x, y, w, ROW_H, &white);
		}
	}
	/* Items: the linear memory first (slices go over it), then the rest. */
	for (int pass = 0; pass < 2; pass++) {
		for (uint32_t i = 0; i < d->nitems; i++) {
			const SynthPlanItem *it = &d->items[i];
			graphene_rect_t rc;
			if ((it->kind == SYNTH_ITEM_LINEAR) != (pass == 0) || !item_rect(d, g, i, &rc))
				continue;
			double x = rc.origin.x, y = rc.origin.y, w = rc.size.width, h = rc.size.height;
			if (it->kind == SYNTH_ITEM_LINEAR) {
				cairo_set_source_rgba(cr, fg->red, fg->green, fg->blue, 0.15);
				cairo_rectangle(cr, x, y, w, h);
				cairo_fill(cr);
				cairo_set_source_rgba(cr, fg->red, fg->green, fg->blue, 0.9);
				cairo_set_line_width(cr, 2);
				cairo_rectangle(cr, x + 1, y + 1, w - 2, h - 2);
				cairo_stroke(cr);
				continue;
			}
			int dom = planner_plan_item_domain(d, i);
			GdkRGBA c;
			const GdkRGBA *tc = &white;
			if (it->kind == SYNTH_ITEM_MEMORY) {
				planner_domain_color(dom, &c);
			} else {
				c = (GdkRGBA){0.62, 0.62, 0.62, 1};
				tc = &black;
			}
			gdk_cairo_set_source_rgba(cr, &c);
			cairo_rectangle(cr, x, y, w, h);
			cairo_fill(cr);
			if (it->kind == SYNTH_ITEM_FIXED && it->domain >= 0) {
				GdkRGBA dc;
				planner_domain_color(it->domain, &dc);
				gdk_cairo_set_source_rgba(cr, &dc);
				cairo_rectangle(cr, x, y + h - 6, w, 6);
				cairo_fill(cr);
			}
			if (it->kind == SYNTH_ITEM_MEMORY && it->size > it->want) {
				/* Rounding: what the region shape added beyond the reserve. */
				double wx = x + (double)it->want * g.scale;
				hatch(cr, wx, y, x + w - wx, h, 1, 1, 1, 0.8);
			}
			cairo_set_source_rgba(cr, 0, 0, 0, 0.45);
			cairo_set_line_width(cr, 1);
			cairo_rectangle(cr, x + 0.5, y + 0.5, MAX(w - 1, 0.5), h - 1);
			cairo_stroke(cr);
			/* A memory under several regions: each region outlined, a
			 * solid dark edge where one region ends and the next starts. */
			uint64_t cut[16];
			int ncut = region_cuts(d, i, cut, 16);
			for (int k = 0; k < ncut; k++) {
				double cx = x + (double)(cut[k] - it->base) * g.scale;
				cairo_set_source_rgba(cr, 0, 0, 0, 0.85);
				cairo_set_line_width(cr, 2);
				cairo_move_to(cr, cx, y);
				cairo_line_to(cr, cx, y + h);
				cairo_stroke(cr);
			}
			if (!dark_on(&c) || tc == &black)
				label(cr, pl, it->name, x, y, w, h - (it->domain >= 0 ? 6 : 0), tc);
			else
				label(cr, pl, it->name, x, y, w, h, &black);
		}
	}
	/* Exposure: bytes a domain's regions let it write of another domain's
	 * (model A's coarse carving), hatched crimson over the range with a solid
	 * strip along the bar's top edge, at least 2 px wide however small. The
	 * ranges of every domain are merged first: bytes several domains can
	 * write (a state slice next to two domains' memories) are hatched once,
	 * not darker for each. */
	for (uint32_t b = 0; b < d->target->nbanks; b++) {
		const SynthBank *bk = &d->target->banks[b];
		GArray *rs = g_array_new(FALSE, FALSE, sizeof(SynthRange));
		for (uint32_t k = 0; k < d->ndomains; k++)
			for (uint32_t q = 0; q < d->domains[k].nexposures; q++) {
				const SynthRange *er = &d->domains[k].exposures[q];
				uint64_t lo = MAX(er->base, bk->base), hi = MIN(er->base + er->size, bk->base + bk->size);
				if (lo < hi)
					g_array_append_val(rs, ((SynthRange){lo, hi - lo}));
			}
		g_array_sort(rs, range_cmp);
		for (guint q = 0; q < rs->len;) {
			uint64_t lo = g_array_index(rs, SynthRange, q).base, hi = lo;
			for (; q < rs->len && g_array_index(rs, SynthRange, q).base <= hi; q++)
				hi = MAX(hi, g_array_index(rs, SynthRange, q).base + g_array_index(rs, SynthRange, q).size);
			double x = g.x0 + (double)(lo - bk->base) * g.scale, w = MAX((double)(hi - lo) * g.scale, 2.0);
			double y = row_y(b);
			hatch(cr, x, y, w, ROW_H, 0.78, 0.06, 0.18, 0.9);
			cairo_set_source_rgb(cr, (EXPOSURE_RGB >> 16 & 255) / 255.0, (EXPOSURE_RGB >> 8 & 255) / 255.0,
			                     (EXPOSURE_RGB & 255) / 255.0);
			cairo_rectangle(cr, x, y, w, 4);
			cairo_fill(cr);
		}
		g_array_unref(rs);
	}
	/* MPU regions: one line per domain above the bars (only the selected
	 * item's domains when something is selected). */
	int seldom = sel >= 0 ? planner_plan_item_domain(d, (uint32_t)sel) : -1;
	for (uint32_t k = 0; k < d->ndomains; k++) {
		const SynthDomainPlan *dp = &d->domains[k];
		gboolean mine = sel < 0;
		for (uint32_t j = 0; sel >= 0 && j < dp->nitems; j++)
			mine |= dp->items[j] == (uint32_t)sel;
		mine |= seldom == (int)k;
		if (!mine)
			continue;
		GdkRGBA c;
		planner_domain_color((int)k, &c);
		for (uint32_t q = 0; q < dp->nregions; q++) {
			const SynthHwRegion *hr = &dp->regions[q];
			if (sel < 0 && hr->item >= 0 && d->items[hr->item].kind == SYNTH_ITEM_FIXED)
				continue; /* stacks and the like: shown with their domain when selected */
			for (uint32_t b = 0; b < d->target->nbanks; b++) {
				const SynthBank *bk = &d->target->banks[b];
				uint64_t lo = MAX(hr->base, bk->base), hi = MIN(hr->base + hr->size, bk->base + bk->size);
				if (lo >= hi)
					continue;
				double ly = row_y(b) - 6 - 4.0 * (k % 7);
				double sub = d->target->mpu == SYNTH_MPU_PMSAV7 && hr->size >= 256 ? (double)hr->size / 8 : 0;
				gdk_cairo_set_source_rgba(cr, &c);
				cairo_set_line_width(cr, 2.5);
				for (int e = 0; e < (sub ? 8 : 1); e++) {
					uint64_t slo = sub ? hr->base + (uint64_t)(sub * e) : hr->base;
					uint64_t shi = sub ? slo + (uint64_t)sub : hr->base + hr->size;
					slo = MAX(slo, lo);
					shi = MIN(shi, hi);
					if (slo >= shi)
						continue;
					gboolean off = sub && (hr->srd >> e) & 1;
					double dash[] = {3, 3};
					cairo_set_dash(cr, dash, off ? 2 : 0, 0);
					cairo_move_to(cr, g.x0 + (double)(slo - bk->base) * g.scale, ly);
					cairo_line_to(cr, g.x0 + (double)(shi - bk->base) * g.scale, ly);
					cairo_stroke(cr);
				}
				cairo_set_dash(cr, NULL, 0, 0);
				/* Ends: ticks down to the bar. */
				cairo_set_line_width(cr, 1);
				double x1 = g.x0 + (double)(lo - bk->base) * g.scale, x2 = g.x0 + (double)(hi - bk->base) * g.scale;
				cairo_move_to(cr, x1 + 0.5, ly - 3);
				cairo_line_to(cr, x1 + 0.5, ly + 3);
				cairo_move_to(cr, x2 - 0.5, ly - 3);
				cairo_line_to(cr, x2 - 0.5, ly + 3);
				cairo_stroke(cr);
			}
		}
	}
	/* Items a diagnostic names: dashed red. */
	for (uint32_t k = 0; k < d->ndiags; k++) {
		graphene_rect_t rc;
		for (uint32_t i = 0; d->diags[k].item && i < d->nitems; i++) {
			if (strcmp(d->items[i].name, d->diags[k].item) != 0 || !item_rect(d, g, i, &rc))
				continue;
			double dash[] = {4, 3};
			cairo_set_dash(cr, dash, 2, 0);
			cairo_set_source_rgb(cr, 0.9, 0.22, 0.2);
			cairo_set_line_width(cr, 2);
			cairo_rectangle(cr, rc.origin.x + 1, rc.origin.y + 1, rc.size.width - 2, rc.size.height - 2);
			cairo_stroke(cr);
			cairo_set_dash(cr, NULL, 0, 0);
		}
	}
	/* Pinned items (an address pin): a pin head in the top left corner. */
	for (uint32_t i = 0; i < d->nitems; i++) {
		graphene_rect_t pr;
		if (!d->items[i].pinned || !item_rect(d, g, i, &pr))
			continue;
		double px = pr.origin.x + MIN(6.0, pr.size.width / 2), py = pr.origin.y + 6;
		cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
		cairo_set_line_width(cr, 1.5);
		cairo_move_to(cr, px, py);
		cairo_line_to(cr, px, py + 8);
		cairo_stroke(cr);
		cairo_arc(cr, px, py, 4, 0, 2 * G_PI);
		cairo_set_source_rgb(cr, (PIN_RGB >> 16 & 255) / 255.0, (PIN_RGB >> 8 & 255) / 255.0, (PIN_RGB & 255) / 255.0);
		cairo_fill_preserve(cr);
		cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
		cairo_set_line_width(cr, 1);
		cairo_stroke(cr);
	}
	/* The selected item, outlined. */
	graphene_rect_t rc;
	if (sel >= 0 && item_rect(d, g, (uint32_t)sel, &rc)) {
		cairo_set_source_rgba(cr, fg->red, fg->green, fg->blue, 1);
		cairo_set_line_width(cr, 3);
		cairo_rectangle(cr, rc.origin.x - 1.5, rc.origin.y - 1.5, rc.size.width + 3, rc.size.height + 3);
		cairo_stroke(cr);
	}
done:
	pango_font_description_free(font);
	g_object_unref(pl);
}

int planner_map_item_at(const PlannerResult *r, SynthPlanModel m, double width, double x, double y)
{
	const SynthPlanDesc *d = plan_of(r, m);
	if (!d)
		return -1;
	Geo g = geometry(d, width);
	int best = -1;
	for (uint32_t i = 0; i < d->nitems; i++) {
		graphene_rect_t rc;
		if (!item_rect(d, g, i, &rc))
			continue;
		graphene_rect_t hit = rc;
		if (hit.size.width < 4) /* tiny ranges stay reachable */
			graphene_rect_inset(&hit, -2, 0);
		if (!graphene_rect_contains_point(&hit, &GRAPHENE_POINT_INIT((float)x, (float)y)))
			continue;
		/* Innermost wins: a slice over its linear memory. */
		if (best < 0 || d->items[i].size < d->items[best].size)
			best = (int)i;
	}
	return best;
}

char *planner_pin_status(const PlannerResult *r, const char *memory, guint64 address)
{
	if (!memory || !plan_of(r, SYNTH_MODEL_A) || !plan_of(r, SYNTH_MODEL_B))
		return g_strdup("");
	GString *s = g_string_new(NULL);
	for (int m = 0; m < 2; m++) {
		const SynthPlanDesc *d = plan_of(r, (SynthPlanModel)m);
		const char *why = NULL;
		for (uint32_t k = 0; k < d->ndiags && !why; k++) {
			SynthPlanDiagCode c = d->diags[k].code;
			if ((c == SYNTH_DIAG_PIN_OUTSIDE || c == SYNTH_DIAG_PIN_ALIGN || c == SYNTH_DIAG_PIN_OVERLAP) &&
			    d->diags[k].item && strcmp(d->diags[k].item, memory) == 0)
				why = d->diags[k].message;
		}
		const SynthPlanItem *it = NULL;
		for (uint32_t i = 0; i < d->nitems; i++)
			if (d->items[i].kind == SYNTH_ITEM_MEMORY && strcmp(d->items[i].name, memory) == 0)
				it = &d->items[i];
		if (why)
			g_string_append_printf(s, "%sModel %c: %s", s->len ? "\n" : "", m ? 'B' : 'A', why);
		else if (!it || !it->bank || it->base != address)
			g_string_append_printf(s, "%sModel %c: not placed there (the plan is infeasible: %.*s)", s->len ? "\n" : "",
			                       m ? 'B' : 'A', (int)strcspn(d->why, "\n"), d->why);
	}
	if (!s->len)
		g_string_append_printf(s, "Pinned at 0x%08" G_GINT64_MODIFIER "x: both plans put it there.", address);
	return g_string_free(s, FALSE);
}

char *planner_item_tooltip(const PlannerResult *r, SynthPlanModel m, int i)
{
	const SynthPlanDesc *d = plan_of(r, m);
	if (!d || i < 0 || (uint32_t)i >= d->nitems)
		return NULL;
	const SynthPlanItem *it = &d->items[i];
	GString *s = g_string_new(NULL);
	char *sz = planner_size_str(it->size), *want = planner_size_str(it->want);
	char *esc = g_markup_escape_text(it->name, -1);
	g_string_append_printf(s, "<b>%s</b>  (%s)\n", esc,
	                       it->kind == SYNTH_ITEM_MEMORY   ? "memory"
	                       : it->kind == SYNTH_ITEM_LINEAR ? "linear memory"
	                       : it->kind == SYNTH_ITEM_STATE  ? "state section: memory control blocks, globals, tables"
	                                                       : "fixed region");
	g_free(esc);
	g_string_append_printf(s, "bank %s: 0x%08" G_GINT64_MODIFIER "x – 0x%08" G_GINT64_MODIFIER "x\n",
	                       it->bank ? it->bank : "-", it->base, it->base + it->size - 1);
	g_string_append_printf(s, "size %s (%" G_GUINT64_FORMAT " bytes), asked %s", sz, it->size, want);
	if (it->kind == SYNTH_ITEM_MEMORY) {
		char *min = planner_size_str(it->min_bytes);
		g_string_append_printf(s, ", starts at %s", min);
		g_free(min);
	}
	if (it->kind == SYNTH_ITEM_MEMORY || it->kind == SYNTH_ITEM_STATE) {
		guint nreg = it->parent < 0 ? synth_plan_item_regions(r->plan[m], (uint32_t)i) : 0;
		if (nreg)
			g_string_append_printf(s, "\ncovered by %u region%s", nreg, nreg == 1 ? "" : "s");
		/* A state section model B put at the end of a memory's range, under
		 * its regions (one cover of both, held by the memory's cap). */
		int j = nreg ? planner_item_shared_with(d, i) : -1;
		if (j >= 0) {
			char *on = g_markup_escape_text(d->items[j].name, -1);
			g_string_append_printf(s, ", shared with <b>%s</b>", on);
			g_free(on);
		}
	}
	if (it->pinned)
		g_string_append_printf(s, "\npinned at 0x%08" G_GINT64_MODIFIER "x (an address pin)", it->base);
	g_free(sz);
	g_free(want);
	for (uint32_t k = 0; k < d->ndomains; k++) {
		const SynthDomainPlan *dp = &d->domains[k];
		gboolean in = it->domain == (int32_t)k;
		for (uint32_t j = 0; j < dp->nitems; j++)
			in |= dp->items[j] == (uint32_t)i || (int32_t)dp->items[j] == i;
		if (!in && it->kind == SYNTH_ITEM_LINEAR)
			in = TRUE;
		if (!in)
			continue;
		g_string_append_printf(s, "\ndomain <b>%s</b>: %u of %u regions", dp->name, dp->used, dp->budget);
		SynthRegTable tab;
		SynthPlanError e;
		gboolean regs = synth_regs_encode(r->plan[m], k, &tab, &e) == SYNTH_OK && tab.n >= dp->nregions &&
		                tab.kind != SYNTH_MPU_PMP;
		for (uint32_t q = 0; q < dp->nregions; q++) {
			const SynthHwRegion *hr = &dp->regions[q];
			if (hr->base >= it->base + it->size || hr->base + hr->size <= it->base)
				continue;
			g_string_append_printf(s, "\n  region %u: 0x%08" G_GINT64_MODIFIER "x +%" G_GUINT64_FORMAT, q, hr->base,
			                       hr->size);
			if (d->target->mpu == SYNTH_MPU_PMSAV7 && hr->srd)
				g_string_append_printf(s, " SRD 0x%02x", hr->srd);
			if (regs)
				g_string_append_printf(s, "  <tt>%s 0x%08x %s 0x%08x</tt>", "RBAR", tab.words[2 * q],
				                       tab.kind == SYNTH_MPU_PMSAV7 ? "RASR" : "RLAR", tab.words[2 * q + 1]);
		}
	}
	/* Exposure: other domains whose regions reach into this item. */
	for (uint32_t k = 0; it->kind != SYNTH_ITEM_LINEAR && k < d->ndomains; k++) {
		uint64_t n = 0;
		for (uint32_t q = 0; q < d->domains[k].nexposures; q++) {
			const SynthRange *er = &d->domains[k].exposures[q];
			uint64_t lo = MAX(er->base, it->base), hi = MIN(er->base + er->size, it->base + it->size);
			n += hi > lo ? hi - lo : 0;
		}
		if (!n)
			continue;
		char *dn = g_markup_escape_text(d->domains[k].name, -1), *nb = planner_size_str(n);
		g_string_append_printf(s, "\n<span foreground='#c8102e'>exposed: domain <b>%s</b> can write %s of it "
		                          "(not enforced%s)</span>", dn, nb,
		                       d->domains[k].accepted ? ", accepted" : "");
		g_free(nb);
		g_free(dn);
	}
	for (uint32_t k = 0; k < d->ndiags; k++) {
		const SynthPlanDiag *g = &d->diags[k];
		gboolean mine = g->item && strcmp(g->item, it->name) == 0;
		for (uint32_t dd = 0; !mine && g->domain && dd < d->ndomains; dd++)
			if (strcmp(d->domains[dd].name, g->domain) == 0)
				for (uint32_t j = 0; j < d->domains[dd].nitems; j++)
					mine |= d->domains[dd].items[j] == (uint32_t)i;
		if (mine) {
			char *msg = g_markup_escape_text(g->message, -1);
			g_string_append_printf(s, "\n<span foreground='#e53935'>%s: %s</span>", synth_plan_diag_code_name(g->code), msg);
			g_free(msg);
		}
	}
	return g_string_free(s, FALSE);
}

/* ---- the widget ---- */

struct _PlannerMap {
	GtkWidget parent_instance;
	const PlannerResult *result; /* borrowed */
	SynthPlanModel model;
	double zoom;
	char *selected;
	int hover;                   /* item under the pointer, or -1 */
};

G_DEFINE_FINAL_TYPE(PlannerMap, planner_map, GTK_TYPE_WIDGET)

enum { SIGNAL_SELECTED, N_SIGNALS };
static guint map_signals[N_SIGNALS];

static void planner_map_snapshot(GtkWidget *w, GtkSnapshot *snap)
{
	PlannerMap *self = PLANNER_MAP(w);
	double width = gtk_widget_get_width(w), height = gtk_widget_get_height(w);
	GdkRGBA fg;
	gtk_style_context_get_color(gtk_widget_get_style_context(w), &fg);
	cairo_t *cr = gtk_snapshot_append_cairo(snap, &GRAPHENE_RECT_INIT(0, 0, (float)width, (float)height));
	planner_map_draw(cr, self->result, self->model, width, self->selected, &fg);
	cairo_destroy(cr);
}

static void planner_map_measure(GtkWidget *w, GtkOrientation o, int for_size, int *min, int *nat, int *minb, int *natb)
{
	PlannerMap *self = PLANNER_MAP(w);
	if (o == GTK_ORIENTATION_HORIZONTAL)
		*min = *nat = (int)(400 * self->zoom);
	else
		*min = *nat = (int)planner_map_height(self->result);
}

static gboolean query_tooltip(GtkWidget *w, int x, int y, gboolean kb, GtkTooltip *tip, gpointer data)
{
	PlannerMap *self = PLANNER_MAP(w);
	int i = planner_map_item_at(self->result, self->model, gtk_widget_get_width(w), x, y);
	char *t = planner_item_tooltip(self->result, self->model, i);
	if (!t)
		return FALSE;
	gtk_tooltip_set_markup(tip, t);
	g_free(t);
	return TRUE;
}

static void pressed(GtkGestureClick *g, int n, double x, double y, gpointer data)
{
	PlannerMap *self = data;
	int i = planner_map_item_at(self->result, self->model, gtk_widget_get_width(GTK_WIDGET(self)), x, y);
	const char *name = i >= 0 ? synth_plan_desc(self->result->plan[self->model])->items[i].name : NULL;
	gtk_widget_grab_focus(GTK_WIDGET(self));
	g_signal_emit(self, map_signals[SIGNAL_SELECTED], 0, name);
}

/* Placed memories in address order (banks do not overlap): the keyboard moves along it. */
static int step_item(const SynthPlanDesc *d, const char *current, int dir)
{
	int n = 0, at = -1;
	int *order = g_new(int, d->nitems + 1);
	for (uint32_t i = 0; i < d->nitems; i++)
		if (d->items[i].kind == SYNTH_ITEM_MEMORY && d->items[i].bank)
			order[n++] = (int)i;
	for (int a = 1; a < n; a++) /* few items: insertion sort by base */
		for (int b = a; b > 0; b--) {
			if (d->items[order[b - 1]].base <= d->items[order[b]].base)
				break;
			int t = order[b - 1];
			order[b - 1] = order[b];
			order[b] = t;
		}
	for (int k = 0; k < n && current; k++)
		if (strcmp(d->items[order[k]].name, current) == 0)
			at = k;
	int next = n == 0 ? -1 : at < 0 ? (dir > 0 ? order[0] : order[n - 1]) : order[(at + dir + n) % n];
	g_free(order);
	return next;
}

static gboolean key_pressed(GtkEventControllerKey *k, guint keyval, guint code, GdkModifierType mods, gpointer data)
{
	PlannerMap *self = data;
	int dir = keyval == GDK_KEY_Right || keyval == GDK_KEY_Down ? 1 : keyval == GDK_KEY_Left || keyval == GDK_KEY_Up ? -1 : 0;
	if (!dir || !self->result || self->result->error)
		return FALSE;
	const SynthPlanDesc *d = synth_plan_desc(self->result->plan[self->model]);
	int i = step_item(d, self->selected, dir);
	if (i < 0)
		return FALSE;
	g_signal_emit(self, map_signals[SIGNAL_SELECTED], 0, d->items[i].name);
	return TRUE;
}

static void planner_map_finalize(GObject *o)
{
	g_free(PLANNER_MAP(o)->selected);
	G_OBJECT_CLASS(planner_map_parent_class)->finalize(o);
}

static void planner_map_class_init(PlannerMapClass *klass)
{
	GtkWidgetClass *wc = GTK_WIDGET_CLASS(klass);
	G_OBJECT_CLASS(klass)->finalize = planner_map_finalize;
	wc->snapshot = planner_map_snapshot;
	wc->measure = planner_map_measure;
	gtk_widget_class_set_css_name(wc, "plannermap");
	gtk_widget_class_set_accessible_role(wc, GTK_ACCESSIBLE_ROLE_IMG);
	/* An item was clicked (its name, or NULL for none). */
	map_signals[SIGNAL_SELECTED] = g_signal_new("item-selected", G_TYPE_FROM_CLASS(klass), G_SIGNAL_RUN_LAST, 0,
	                                            NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void planner_map_init(PlannerMap *self)
{
	self->zoom = 1;
	self->hover = -1;
	gtk_widget_set_has_tooltip(GTK_WIDGET(self), TRUE);
	gtk_widget_set_focusable(GTK_WIDGET(self), TRUE);
	g_signal_connect(self, "query-tooltip", G_CALLBACK(query_tooltip), NULL);
	GtkGesture *click = gtk_gesture_click_new();
	g_signal_connect(click, "pressed", G_CALLBACK(pressed), self);
	gtk_widget_add_controller(GTK_WIDGET(self), GTK_EVENT_CONTROLLER(click));
	GtkEventController *keys = gtk_event_controller_key_new();
	g_signal_connect(keys, "key-pressed", G_CALLBACK(key_pressed), self);
	gtk_widget_add_controller(GTK_WIDGET(self), keys);
}

void planner_map_set_result(PlannerMap *map, const PlannerResult *r, SynthPlanModel m)
{
	map->result = r;
	map->model = m;
	gtk_widget_queue_resize(GTK_WIDGET(map));
}

void planner_map_set_zoom(PlannerMap *map, double zoom)
{
	zoom = CLAMP(zoom, 1.0, 32.0);
	if (zoom == map->zoom)
		return;
	map->zoom = zoom;
	gtk_widget_queue_resize(GTK_WIDGET(map));
}

void planner_map_set_selected(PlannerMap *map, const char *name)
{
	if (g_strcmp0(name, map->selected) == 0)
		return;
	g_free(map->selected);
	map->selected = g_strdup(name);
	gtk_widget_queue_draw(GTK_WIDGET(map));
}
