/* freespace.c - free space per RAM bank under a plan: every placed range
 * with a bank (memories in model B, the linear memory in model A, fixed
 * regions and their per-domain instances) is taken out of its bank, as is
 * every range the target reserves for the runtime (a fixed region costing no
 * region, which is no plan item), and what is left is listed hole by hole. Model A slices lie inside the linear
 * memory and are not counted again. Everything allocates through the
 * caller's context, in one arena held by the result. */
#include <string.h>

#include "plan_internal.h"

/* The result and the arena owning it (the public struct comes first). */
typedef struct PlFreeSpace {
	SynthFreeSpace fs; /* what the caller sees */
	PlArena arena;     /* owns everything fs points to */
} PlFreeSpace;

SynthStatus synth_plan_free_space(SynthContext *ctx, const SynthPlan *plan, SynthFreeSpace **out,
                                  SynthPlanError *err)
{
	*out = NULL;
	pl_error_clear(err);
	if (!ctx || !plan)
		return pl_error(err, SYNTH_ERR_ARGUMENT, "", "", "no context or plan");
	PlFreeSpace *r = sy_malloc(&ctx->alloc, sizeof *r);
	if (!r)
		return pl_error(err, SYNTH_ERR_NOMEM, "", "", "out of memory");
	memset(r, 0, sizeof *r);
	pl_arena_init(&r->arena, &ctx->alloc);
	const SynthPlanDesc *d = synth_plan_desc(plan);
	const SynthPlanTargetDesc *t = d->target;
	SynthBankSpace *banks = pl_alloc(&r->arena, sizeof *banks * (t->nbanks ? t->nbanks : 1));
	SynthRange *taken = pl_alloc(&r->arena, sizeof *taken * (d->nitems + t->nfixed + 1));
	if (!banks || !taken)
		goto nomem;
	for (uint32_t b = 0; b < t->nbanks; b++) {
		const SynthBank *bk = &t->banks[b];
		uint64_t lo = bk->base, hi = bk->base + bk->size;
		int n = 0;
		for (uint32_t i = 0; i < d->nitems; i++) {
			const SynthPlanItem *it = &d->items[i];
			if (it->parent >= 0 || !it->size)
				continue;
			uint64_t a = it->base > lo ? it->base : lo;
			uint64_t e = it->base + it->size < hi ? it->base + it->size : hi;
			if (a < e)
				taken[n++] = (SynthRange){a, e - a};
		}
		SynthBankSpace *s = &banks[b];
		for (uint32_t f = 0; f < t->nfixed; f++) {
			const SynthFixedRegion *fx = &t->fixed[f];
			uint64_t a = fx->base > lo ? fx->base : lo;
			uint64_t e = fx->base + fx->size < hi ? fx->base + fx->size : hi;
			if (fx->regions == 0 && fx->has_base && a < e) {
				taken[n++] = (SynthRange){a, e - a};
				s->reserved += e - a;
			}
		}
		n = pl_ranges_norm(taken, n);
		s->bank = pl_strdup(&r->arena, bk->name);
		s->base = bk->base;
		s->size = bk->size;
		SynthRange *holes = pl_alloc(&r->arena, sizeof *holes * ((size_t)n + 1));
		if (!holes || !s->bank)
			goto nomem;
		uint64_t at = lo;
		for (int k = 0; k <= n; k++) {
			uint64_t end = k < n ? taken[k].base : hi;
			if (end > at) {
				holes[s->nholes++] = (SynthRange){at, end - at};
				s->free += end - at;
				if (end - at > s->largest)
					s->largest = end - at;
			}
			if (k < n)
				at = taken[k].base + taken[k].size;
		}
		s->used = s->size - s->free;
		s->holes = holes;
	}
	r->fs.nbanks = t->nbanks;
	r->fs.banks = banks;
	*out = &r->fs;
	return SYNTH_OK;
nomem:
	synth_free_space_free(ctx, &r->fs);
	return pl_error(err, SYNTH_ERR_NOMEM, "", "", "out of memory");
}

void synth_free_space_free(SynthContext *ctx, SynthFreeSpace *fs)
{
	if (!fs)
		return;
	PlFreeSpace *r = (PlFreeSpace *)fs;
	pl_arena_free(&r->arena);
	sy_free(&ctx->alloc, r, sizeof *r);
}
