/* planner-memory.c - rows of the memories table. "used" is the memory's
 * initial size (what it holds until memory.grow), "waste" what its range
 * takes beyond that: rounding to the region shape plus the part of the
 * reservation not yet used. */
#include <string.h>

#include "planner-memory.h"
#include "planner-suggest.h"

struct _PlannerMemory {
	GObject parent_instance;
	char *name;     /* module.memidx */
	char *domain;   /* domains holding it, comma-separated */
	char *bank;     /* bank, or "-" */
	guint64 base;   /* first address */
	guint64 size;   /* bytes its range takes */
	guint64 used;   /* initial size */
	guint64 waste;  /* size - used */
	char *problem;  /* why it cannot be placed as asked, or "" */
};

G_DEFINE_FINAL_TYPE(PlannerMemory, planner_memory, G_TYPE_OBJECT)

static void planner_memory_finalize(GObject *o)
{
	PlannerMemory *m = PLANNER_MEMORY(o);
	g_free(m->name);
	g_free(m->domain);
	g_free(m->bank);
	g_free(m->problem);
	G_OBJECT_CLASS(planner_memory_parent_class)->finalize(o);
}

static void planner_memory_class_init(PlannerMemoryClass *k)
{
	G_OBJECT_CLASS(k)->finalize = planner_memory_finalize;
}

static void planner_memory_init(PlannerMemory *m)
{
}

GListStore *planner_memory_rows(const SynthPlanDesc *d)
{
	GListStore *s = g_list_store_new(PLANNER_TYPE_MEMORY);
	for (uint32_t i = 0; d && i < d->nitems; i++) {
		const SynthPlanItem *it = &d->items[i];
		if (it->kind != SYNTH_ITEM_MEMORY && it->kind != SYNTH_ITEM_STATE)
			continue; /* memories, and the state sections the build links beside them */
		PlannerMemory *m = g_object_new(PLANNER_TYPE_MEMORY, NULL);
		GString *doms = g_string_new(NULL);
		for (uint32_t k = 0; k < d->ndomains; k++)
			for (uint32_t j = 0; j < d->domains[k].nitems; j++)
				if (d->domains[k].items[j] == i)
					g_string_append_printf(doms, "%s%s", doms->len ? ", " : "", d->domains[k].name);
		m->name = g_strdup(it->name);
		m->domain = g_string_free(doms, FALSE);
		m->bank = g_strdup(it->bank ? it->bank : "-");
		m->base = it->base;
		m->size = it->size;
		m->used = it->min_bytes;
		m->waste = it->size > it->min_bytes ? it->size - it->min_bytes : 0;
		m->problem = g_strdup("");
		for (uint32_t k = 0; k < d->ndiags && !*m->problem; k++) {
			const SynthPlanDiag *g = &d->diags[k];
			gboolean mine = g->item && strcmp(g->item, it->name) == 0;
			for (uint32_t dd = 0; !mine && g->domain && dd < d->ndomains; dd++)
				if (strcmp(d->domains[dd].name, g->domain) == 0)
					for (uint32_t j = 0; j < d->domains[dd].nitems; j++)
						mine |= d->domains[dd].items[j] == i;
			if (mine) {
				g_free(m->problem);
				m->problem = g_strdup(g->message);
			}
		}
		g_list_store_append(s, m);
		g_object_unref(m);
	}
	return s;
}

const char *planner_memory_get_name(PlannerMemory *m)
{
	return m->name;
}

char *planner_memory_text(PlannerMemory *m, PlannerMemoryField f)
{
	switch (f) {
	case PLANNER_MEMORY_NAME: return g_strdup(m->name);
	case PLANNER_MEMORY_DOMAIN: return g_strdup(m->domain);
	case PLANNER_MEMORY_BANK: return g_strdup(m->bank);
	case PLANNER_MEMORY_BASE: return m->bank[0] == '-' ? g_strdup("-") : g_strdup_printf("0x%08" G_GINT64_MODIFIER "x", m->base);
	case PLANNER_MEMORY_SIZE: return planner_size_str(m->size);
	case PLANNER_MEMORY_USED: return planner_size_str(m->used);
	case PLANNER_MEMORY_WASTE: return planner_size_str(m->waste);
	case PLANNER_MEMORY_PROBLEM: return g_strdup(m->problem);
	default: return g_strdup("");
	}
}

static int cmp_u64(guint64 a, guint64 b)
{
	return a < b ? -1 : a > b;
}

int planner_memory_compare(PlannerMemory *a, PlannerMemory *b, PlannerMemoryField f)
{
	switch (f) {
	case PLANNER_MEMORY_NAME: return strcmp(a->name, b->name);
	case PLANNER_MEMORY_DOMAIN: return strcmp(a->domain, b->domain);
	case PLANNER_MEMORY_BANK: return strcmp(a->bank, b->bank);
	case PLANNER_MEMORY_BASE: return cmp_u64(a->base, b->base);
	case PLANNER_MEMORY_SIZE: return cmp_u64(a->size, b->size);
	case PLANNER_MEMORY_USED: return cmp_u64(a->used, b->used);
	case PLANNER_MEMORY_WASTE: return cmp_u64(a->waste, b->waste);
	case PLANNER_MEMORY_PROBLEM: return strcmp(a->problem, b->problem);
	default: return 0;
	}
}
