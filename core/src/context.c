/* context.c - contexts, the default allocator and diagnostics. A context
 * holds the allocator hook and the last error; the library reports errors
 * only through it (never by printing). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static void *default_realloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	(void)ud;
	(void)osize;
	if (nsize == 0) {
		free(ptr);
		return NULL;
	}
	return realloc(ptr, nsize);
}

const char *synth_version(void) { return SYNTH_VERSION_STRING; }

SynthFeatures synth_features_default(void)
{
	SynthFeatures f = {.multi_memory = true, .custom_page_sizes = true, .simd = true};
	return f;
}

SynthContext *synth_context_new(SynthReallocFn realloc_fn, void *ud)
{
	if (!realloc_fn)
		realloc_fn = default_realloc;
	SynthContext *ctx = realloc_fn(ud, NULL, 0, sizeof *ctx);
	if (!ctx)
		return NULL;
	memset(ctx, 0, sizeof *ctx);
	ctx->alloc.fn = realloc_fn;
	ctx->alloc.ud = ud;
	synth_context_clear(ctx);
	return ctx;
}

void synth_context_free(SynthContext *ctx)
{
	if (ctx)
		ctx->alloc.fn(ctx->alloc.ud, ctx, sizeof *ctx, 0);
}

const SynthDiag *synth_context_diag(const SynthContext *ctx) { return &ctx->diag; }

void synth_context_clear(SynthContext *ctx)
{
	ctx->msg[0] = 0;
	ctx->diag.status = SYNTH_OK;
	ctx->diag.message = ctx->msg;
	ctx->diag.offset = 0;
	ctx->diag.funcidx = -1;
}

SynthStatus sy_verror(SynthContext *ctx, SynthStatus st, uint64_t offset, int64_t funcidx,
                      const char *fmt, va_list ap)
{
	vsnprintf(ctx->msg, sizeof ctx->msg, fmt, ap);
	ctx->diag.status = st;
	ctx->diag.message = ctx->msg;
	ctx->diag.offset = offset;
	ctx->diag.funcidx = funcidx;
	return st;
}

SynthStatus sy_error(SynthContext *ctx, SynthStatus st, uint64_t offset, int64_t funcidx,
                     const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sy_verror(ctx, st, offset, funcidx, fmt, ap);
	va_end(ap);
	return st;
}

SynthStatus sy_nomem(SynthContext *ctx)
{
	return sy_error(ctx, SYNTH_ERR_NOMEM, 0, -1, "out of memory");
}

const char *synth_status_name(SynthStatus status)
{
	switch (status) {
	case SYNTH_OK: return "ok";
	case SYNTH_ERR_MALFORMED: return "malformed";
	case SYNTH_ERR_INVALID: return "invalid";
	case SYNTH_ERR_UNSUPPORTED: return "unsupported";
	case SYNTH_ERR_NOMEM: return "out of memory";
	case SYNTH_ERR_ARGUMENT: return "bad argument";
	case SYNTH_ERR_INTERNAL: return "internal error";
	}
	return "unknown status";
}
