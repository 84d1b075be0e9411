/* grows.c - which functions may grow a memory (memory.grow reached through
 * the call graph), so that instruction selection reloads the cached memory
 * sizes only after calls that can change them.
 *
 * A function may grow a memory when its body has memory.grow, a
 * call_indirect (any function of a table may run), or a call of an import
 * (the embedder may call back into an export, or grow an imported memory)
 * or of a function that may grow one; everything else (runtime helpers,
 * soft-float, bulk memory operations) leaves the sizes alone. Bodies are
 * read once; the property spreads from callees to callers over the reversed
 * call edges with a work list, so the cost is linear in code size. */
#include <string.h>

#include "../internal.h"
#include "mir.h"
#include "wasm/opreader.h"

#define TRY(x) do { SynthStatus st_ = (x); if (st_ != SYNTH_OK) return st_; } while (0)

typedef struct Edge {
	uint32_t from, to;
} Edge;

typedef struct Edges {
	Edge *e;
	uint32_t n, cap;
} Edges;

/* Reads the body of defined function f: whether it grows a memory itself
 * (*grows), and its direct calls (appended to e). */
static SynthStatus scan(SynthContext *ctx, const SynthModuleDesc *d, SyArena *ar, uint32_t f, bool *grows,
                        Edges *e)
{
	const SynthFunc *fn = &d->funcs[f];
	SyReader r = {.base = d->bytes, .p = d->bytes + fn->body_offset, .ctx = ctx, .funcidx = f};
	r.end = r.p + fn->body_size;
	SyLocals locals;
	TRY(sy_locals_read(&r, SY_OPR_ALL, &locals));
	while (r.p < r.end) {
		SyOp op;
		TRY(sy_op_next(&r, SY_OPR_ALL, &op));
		switch (op.kind) {
		case OPK_CALL:
			if (op.x >= d->nfuncs)
				return sy_error(ctx, SYNTH_ERR_INVALID, sy_pos(&r), f, "unknown function %u", op.x);
			if (op.x < d->nfuncs_imported) {
				*grows = true;
				break;
			}
			if (!sy_arena_grow(ar, (void **)&e->e, &e->cap, e->n + 1, sizeof *e->e))
				return sy_nomem(ctx);
			e->e[e->n++] = (Edge){f, op.x};
			break;
		case OPK_CALL_INDIRECT: case OPK_MEMORY_GROW: *grows = true; break;
		default: break;
		}
	}
	return SYNTH_OK;
}

SynthStatus arm_may_grow(SynthContext *ctx, const SynthModuleDesc *d, SyArena *ar, bool **out)
{
	bool *g = sy_arena_array(ar, d->nfuncs + 1, sizeof *g);
	if (!g)
		return sy_nomem(ctx);
	*out = g;
	for (uint32_t f = 0; f < d->nfuncs_imported; f++)
		g[f] = true;
	/* no memory: nothing to grow, nothing to reload */
	if (!d->nmems)
		return SYNTH_OK;
	SyArena tmp;
	sy_arena_init(&tmp, &ctx->alloc);
	Edges e = {0};
	SynthStatus st = SYNTH_OK;
	for (uint32_t f = d->nfuncs_imported; f < d->nfuncs && st == SYNTH_OK; f++)
		st = scan(ctx, d, &tmp, f, &g[f], &e);
	/* callers of each function (CSR), then a work list from the growers */
	uint32_t *start = st == SYNTH_OK ? sy_arena_array(&tmp, d->nfuncs + 2, sizeof *start) : NULL;
	uint32_t *caller = start ? sy_arena_array(&tmp, e.n + 1, sizeof *caller) : NULL;
	uint32_t *work = caller ? sy_arena_array(&tmp, d->nfuncs + 1, sizeof *work) : NULL;
	if (st == SYNTH_OK && !work)
		st = sy_nomem(ctx);
	if (st == SYNTH_OK) {
		for (uint32_t k = 0; k < e.n; k++)
			start[e.e[k].to + 2]++;
		for (uint32_t f = 0; f < d->nfuncs; f++)
			start[f + 2] += start[f + 1];
		for (uint32_t k = 0; k < e.n; k++)
			caller[start[e.e[k].to + 1]++] = e.e[k].from;
		/* now the callers of f are caller[start[f] .. start[f + 1]) */
		uint32_t nw = 0;
		for (uint32_t f = d->nfuncs_imported; f < d->nfuncs; f++)
			if (g[f])
				work[nw++] = f;
		while (nw) {
			uint32_t f = work[--nw];
			for (uint32_t k = start[f]; k < start[f + 1]; k++)
				if (!g[caller[k]])
					g[caller[k]] = true, work[nw++] = caller[k];
		}
	}
	sy_arena_free(&tmp);
	return st;
}
