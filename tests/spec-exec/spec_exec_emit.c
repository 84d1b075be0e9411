/* spec_exec_emit.c - writes the images that spec_exec_gen.c planned.
 *
 * OUTDIR/imageI.c is self-contained C: it includes only spec_exec_rt.h and
 * declares every symbol it uses from the module descriptions and the ABI
 * (core/ABI.md), so that one wrong generated header cannot break an image:
 *
 *   int m0__init(void);
 *   int32_t m0_e_add(int32_t, int32_t);
 *   void m0_e_pair(void *, int64_t);      several results: a hidden pointer
 *                                         to them comes first
 *   extern int32_t m0__global3;
 *
 * then a thunk per imported function that calls its provider,
 *
 *   int32_t m3__import_M_f(int32_t a0) { return m1_e_f(a0); }
 *
 * one invoker per signature (sx_call_<params>_<results>, letters i l f d
 * and r for references), the arguments and expected results of every
 * command (sx_types[], sx_vals[]) and the table sx_cmds[].
 *
 * OUTDIR/imageI.ld binds the other imports with linker assignments,
 * `PROVIDE(m3__import_spectest_memory = spectest_memory);` (memories and
 * tables are their control blocks, globals their storage).
 *
 * OUTDIR/imageI.hdr.c checks the generated headers instead: it includes
 * every mN.h of the image and asserts, with _Static_assert and
 * __builtin_types_compatible_p, that each function, global, memory and
 * table the header declares has the type the ABI gives it. The runner
 * compiles it with -fsyntax-only; a mismatch is reported without stopping
 * the image. (Functions with several results are not checked: the ABI
 * names no type for their result block.)
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "spec_exec_gen.h"
#define SPEC_EXEC_HOST
#include "spec_exec_rt.h"

/* Writes s as a C string literal (octal escapes, so nothing runs on). */
/* Writes n bytes of s as a C string literal (octal escapes). */
static void put_bytes(FILE *f, const char *s, size_t n)
{
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)s; p < (const unsigned char *)s + n; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p < 32 || *p > 126 || *p == '?')
			fprintf(f, "\\%03o", *p);
		else
			fputc(*p, f);
	}
	fputc('"', f);
}

static void put_cstr(FILE *f, const char *s) { put_bytes(f, s, strlen(s)); }

static char type_letter(uint8_t t)
{
	switch (t) {
	case SYNTH_I32: return 'i';
	case SYNTH_I64: return 'l';
	case SYNTH_F32: return 'f';
	case SYNTH_F64: return 'd';
	default: return 'r'; /* references: uint32_t */
	}
}

/* The suffix of the sx_<x> / sx_of_<x> conversions of spec_exec_rt.h. */
static const char *conv(uint8_t t)
{
	switch (t) {
	case SYNTH_I32: return "i32";
	case SYNTH_I64: return "i64";
	case SYNTH_F32: return "f32";
	case SYNTH_F64: return "f64";
	default: return "ref";
	}
}

/* The parameter list of a function type under the ABI, e.g.
 * "void *, int32_t" (named: "void *ret, int32_t a0"). */
static void put_params(FILE *f, const SynthFuncType *t, bool named)
{
	bool hidden = t->nresults > 1;
	if (hidden)
		fputs(named ? "void *ret" : "void *", f);
	for (uint32_t i = 0; i < t->nparams; i++) {
		fprintf(f, "%s%s", i || hidden ? ", " : "", ctype(t->params[i]));
		if (named)
			fprintf(f, " a%u", i);
	}
	if (!hidden && !t->nparams)
		fputs("void", f);
}

/* The return type of a function type under the ABI. */
static const char *ret_type(const SynthFuncType *t)
{
	return t->nresults == 1 ? ctype(t->results[0]) : "void";
}

/* A prototype: "RET NAME(PARAMS)". */
static void put_proto(FILE *f, const SynthFuncType *t, const char *name, bool named)
{
	fprintf(f, "%s %s(", ret_type(t), name);
	put_params(f, t, named);
	fputc(')', f);
}

/* The invoker name of a function type, e.g. sx_call_il_i. */
static void invoker_name(const SynthFuncType *t, char *buf, size_t n)
{
	size_t k = (size_t)snprintf(buf, n, "sx_call_");
	for (uint32_t i = 0; i < t->nparams && k + 2 < n; i++)
		buf[k++] = type_letter(t->params[i]);
	buf[k++] = '_';
	for (uint32_t i = 0; i < t->nresults && k + 2 < n; i++)
		buf[k++] = type_letter(t->results[i]);
	buf[k] = 0;
}

static void write_invoker(FILE *f, const SynthFuncType *t, const char *name)
{
	fprintf(f, "static void %s(const SxCmd *c, uint64_t *r)\n{\n\tconst uint64_t *a = c->vals;\n", name);
	if (t->nresults > 1) {
		/* The result block: in result order, natural alignment (ABI). */
		fputs("\tstruct {", f);
		for (uint32_t i = 0; i < t->nresults; i++)
			fprintf(f, " %s r%u;", ctype(t->results[i]), i);
		fputs(" } s;\n", f);
	}
	fputs("\t(void)a, (void)r;\n\t", f);
	if (t->nresults == 1)
		fprintf(f, "r[0] = sx_of_%s(", conv(t->results[0]));
	fprintf(f, "((%s (*)(", ret_type(t));
	put_params(f, t, false);
	fputs("))c->fn)(", f);
	if (t->nresults > 1)
		fputs(t->nparams ? "&s, " : "&s", f);
	for (uint32_t i = 0; i < t->nparams; i++)
		fprintf(f, "%ssx_%s(a[%u])", i ? ", " : "", conv(t->params[i]), i);
	fprintf(f, ")%s;\n", t->nresults == 1 ? ")" : "");
	for (uint32_t i = 0; t->nresults > 1 && i < t->nresults; i++)
		fprintf(f, "\tr[%u] = sx_of_%s(s.r%u);\n", i, conv(t->results[i]), i);
	fputs("}\n\n", f);
}

/* A value of the script as SX_T_* and bit pattern. References: null is
 * 0, `ref.extern N` is N + 1, no value means any non-null reference. */
static void value_bits(const SpecValue *v, uint8_t *type, uint64_t *bits)
{
	const char *s = v->nlanes ? v->lanes[0] : "0";
	*type = v->kind == SPEC_VAL_I32 ? SX_T_I32 : v->kind == SPEC_VAL_I64 ? SX_T_I64
	      : v->kind == SPEC_VAL_F32 ? SX_T_F32 : v->kind == SPEC_VAL_F64 ? SX_T_F64
	      : v->kind == SPEC_VAL_FUNCREF ? SX_T_FUNCREF : SX_T_EXTERNREF;
	*bits = 0;
	if (v->kind == SPEC_VAL_FUNCREF || v->kind == SPEC_VAL_EXTERNREF) {
		if (!v->nlanes)
			*type |= SX_REF_NONNULL;
		else if (strcmp(s, "null"))
			*bits = (uint32_t)(strtoull(s, NULL, 10) + 1);
		return;
	}
	if (!strcmp(s, "nan:canonical"))
		*type |= SX_NAN_CANONICAL;
	else if (!strcmp(s, "nan:arithmetic"))
		*type |= SX_NAN_ARITHMETIC;
	else
		*bits = strtoull(s, NULL, 10);
}

/* A set of strings (names already written). */
typedef struct Names {
	char **v;
	size_t n, cap;
} Names;

/* Adds name; false when it was there already. */
static bool names_add(Names *s, const char *name)
{
	for (size_t k = 0; k < s->n; k++)
		if (!strcmp(s->v[k], name))
			return false;
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 16;
		s->v = realloc(s->v, s->cap * sizeof *s->v);
		if (!s->v) {
			fputs("spec-exec-gen: out of memory\n", stderr);
			exit(1);
		}
	}
	s->v[s->n++] = xasprintf("%s", name);
	return true;
}

static void names_free(Names *s)
{
	for (size_t k = 0; k < s->n; k++)
		free(s->v[k]);
	free(s->v);
	memset(s, 0, sizeof *s);
}

/* What an action calls or reads, or why it cannot. */
static const char *action_target(Gen *g, const SpecCommand *c, int inst, Binding *b)
{
	const char *err = resolve_export(g, inst, c->action.field, c->action.field_len, b);
	if (err)
		return err == missing_symbol ? err : "no such export";
	if (c->action.kind == SPEC_ACTION_GET) {
		if (b->kind != SYNTH_EXTERN_GLOBAL)
			return "the export is not a global";
		if (c->kind == SPEC_CMD_ASSERT_RETURN && (c->nexpected != 1 || c->expected[0].kind == SPEC_VAL_UNKNOWN))
			return "a global has one value";
		return NULL;
	}
	if (c->action.kind != SPEC_ACTION_INVOKE)
		return "unknown action";
	if (b->kind != SYNTH_EXTERN_FUNC)
		return "the export is not a function";
	const SynthFuncType *t = b->ft;
	if (t->nparams != c->action.nargs)
		return "wrong number of arguments";
	for (uint32_t k = 0; k < t->nparams; k++)
		if (strcmp(synth_valtype_name(t->params[k]), c->action.args[k].type_name))
			return "argument type mismatch";
	if (c->kind == SPEC_CMD_ASSERT_RETURN) {
		if (t->nresults != c->nexpected)
			return "wrong number of results";
		for (uint32_t k = 0; k < t->nresults; k++)
			if (strcmp(synth_valtype_name(t->results[k]), c->expected[k].type_name))
				return "result type mismatch";
	}
	if (t->nresults > SX_MAX_RESULTS)
		return "more results than the harness reads";
	for (uint32_t k = 0; k < t->nresults; k++)
		if (t->results[k] == SYNTH_V128)
			return "a result type the harness cannot read";
	return NULL;
}

/* The commands of an image that run code (not skipped, not failed yet). */
static bool runs(const Plan *p, int image)
{
	return p->image == image && p->counted && !p->skip && !p->fail;
}

/* Declares a symbol of a module once: a function by its type, a global by
 * its value type. spectest's fields are declared by spec_exec_rt.h. */
static void declare(FILE *f, Names *done, const Binding *b)
{
	if (b->provider < 0 || !names_add(done, b->sym))
		return;
	if (b->kind == SYNTH_EXTERN_FUNC) {
		put_proto(f, b->ft, b->sym, false);
		fputs(";\n", f);
	} else if (b->kind == SYNTH_EXTERN_GLOBAL) {
		fprintf(f, "extern %s %s;\n", ctype(b->valtype), b->sym);
	}
}

/* OUTDIR/imageI.hdr.c: the headers against the ABI. */
static bool write_header_check(Gen *g, int image)
{
	char *path = xasprintf("%s/image%d.hdr.c", g->outdir, image);
	FILE *f = fopen(path, "w");
	free(path);
	if (!f)
		return false;
	fprintf(f, "/* Generated by spec-exec-gen from %s: do the headers of image %d declare what the ABI says? */\n"
	           "#include \"spec_exec_rt.h\"\n",
	        g->file, image + 1);
	for (int n = 0; n < g->ninsts; n++)
		if (g->insts[n].image == image && !g->insts[n].skip)
			fprintf(f, "#include \"m%d.h\"\n", n);
	fputs("\n#define SX_SAME(sym, type) _Static_assert(__builtin_types_compatible_p(__typeof__(sym), type), "
	      "#sym \": the header does not declare it as \" #type)\n\n",
	      f);
	char sym[SYM_MAX];
	for (int n = 0; n < g->ninsts; n++) {
		const Inst *in = &g->insts[n];
		if (in->image != image || in->skip)
			continue;
		const SynthModuleDesc *d = in->d;
		fprintf(f, "SX_SAME(m%d__init, int (void));\n", n);
		for (uint32_t e = 0; e < d->nexports; e++) {
			const SynthExport *x = &d->exports[e];
			if (x->kind != SYNTH_EXTERN_FUNC)
				continue;
			const SynthFuncType *t = &d->types[d->funcs[x->index].typeidx];
			snprintf(sym, sizeof sym, "m%d_e_", n);
			escape(sym, sizeof sym, x->name.str, x->name.len);
			if (t->nresults > 1) {
				fprintf(f, "/* %s: several results, not checked */\n", sym);
				continue;
			}
			fprintf(f, "SX_SAME(%s, ", sym);
			put_proto(f, t, "", false);
			fputs(");\n", f);
		}
		for (uint32_t i = 0; i < d->nimports; i++) {
			const SynthImport *im = &d->imports[i];
			import_symbol(n, im, sym, sizeof sym);
			switch (im->kind) {
			case SYNTH_EXTERN_FUNC: {
				const SynthFuncType *t = &d->types[d->funcs[im->index].typeidx];
				if (t->nresults > 1) {
					fprintf(f, "/* %s: several results, not checked */\n", sym);
					break;
				}
				fprintf(f, "SX_SAME(%s, ", sym);
				put_proto(f, t, "", false);
				fputs(");\n", f);
				break;
			}
			case SYNTH_EXTERN_MEMORY: fprintf(f, "SX_SAME(%s, SynthRtMemory);\n", sym); break;
			case SYNTH_EXTERN_TABLE: fprintf(f, "SX_SAME(%s, SynthRtTable);\n", sym); break;
			case SYNTH_EXTERN_GLOBAL:
				fprintf(f, "SX_SAME(%s, %s);\n", sym, ctype(d->globals[im->index].type));
				break;
			}
		}
		for (uint32_t k = d->nmems_imported; k < d->nmems; k++)
			fprintf(f, "SX_SAME(m%d__memctl%u, SynthRtMemory);\n", n, k);
		for (uint32_t k = d->ntables_imported; k < d->ntables; k++)
			fprintf(f, "SX_SAME(m%d__tablectl%u, SynthRtTable);\n", n, k);
		for (uint32_t k = d->nglobals_imported; k < d->nglobals; k++)
			if (d->globals[k].type != SYNTH_V128)
				fprintf(f, "SX_SAME(m%d__global%u, %s);\n", n, k, ctype(d->globals[k].type));
	}
	bool ok = !ferror(f);
	return fclose(f) == 0 && ok;
}

/* The function imports of the image's instances: C thunks calling their
 * providers; the other imports: linker assignments. */
static void write_imports(Gen *g, int image, FILE *f, FILE *ld, Names *decl)
{
	Names done = {0};
	char sym[SYM_MAX];
	fputs("\n/* Imported functions. */\n", f);
	for (int n = 0; n < g->ninsts; n++) {
		const Inst *in = &g->insts[n];
		if (in->image != image || in->skip)
			continue;
		for (uint32_t k = 0; k < in->d->nimports; k++) {
			const SynthImport *im = &in->d->imports[k];
			const Binding *b = &in->imports[k];
			import_symbol(n, im, sym, sizeof sym);
			if (!names_add(&done, sym))
				continue;
			if (im->kind != SYNTH_EXTERN_FUNC) {
				fprintf(ld, "PROVIDE(%s = %s);\n", sym, b->sym);
				continue;
			}
			const SynthFuncType *t = &in->d->types[in->d->funcs[im->index].typeidx];
			declare(f, decl, b);
			put_proto(f, t, sym, true);
			fprintf(f, "\n{\n\t%s%s(", t->nresults == 1 ? "return " : "", b->sym);
			if (t->nresults > 1)
				fputs(t->nparams ? "ret, " : "ret", f);
			for (uint32_t i = 0; i < t->nparams; i++)
				fprintf(f, "%sa%u", i ? ", " : "", i);
			fputs(");\n}\n\n", f);
		}
	}
	names_free(&done);
}

/* For each assert_unlinkable of the image decided at run time
 * (Plan.linkmin): `int sx_unlinkable_<command>(void)`, nonzero when some
 * imported memory or table is smaller than the import's minimum, so the
 * link fails. The providers are reached through names of their own
 * (sx_lm_<command>_<import>, bound in the .ld file), declared with their
 * control block's type. */
static void write_linkmin(Gen *g, int image, FILE *f, FILE *ld)
{
	for (size_t i = 0; i < g->ncmds; i++) {
		const Plan *p = &g->plans[i];
		if (p->image != image || !p->linkmin)
			continue;
		const Inst *in = &g->insts[p->inst];
		for (uint32_t k = 0; k < in->d->nimports; k++) {
			const SynthImport *im = &in->d->imports[k];
			if (im->kind == SYNTH_EXTERN_MEMORY || im->kind == SYNTH_EXTERN_TABLE) {
				fprintf(f, "extern %s sx_lm_%zu_%u;\n", im->kind == SYNTH_EXTERN_MEMORY ? "SynthRtMemory" : "SynthRtTable",
				        i, k);
				fprintf(ld, "sx_lm_%zu_%u = %s;\n", i, k, in->imports[k].sym);
			}
		}
		fprintf(f, "static int sx_unlinkable_%zu(void)\n{\n\treturn 0", i);
		for (uint32_t k = 0; k < in->d->nimports; k++) {
			const SynthImport *im = &in->d->imports[k];
			if (im->kind == SYNTH_EXTERN_MEMORY)
				fprintf(f, " ||\n\t       (sx_lm_%zu_%u.bytes >> sx_lm_%zu_%u.shift) < %" PRIu64 "u", i, k, i, k,
				        in->d->mems[im->index].limits.min);
			else if (im->kind == SYNTH_EXTERN_TABLE)
				fprintf(f, " ||\n\t       sx_lm_%zu_%u.size < %" PRIu64 "u", i, k, in->d->tables[im->index].limits.min);
		}
		fputs(";\n}\n\n", f);
	}
}

bool write_image(Gen *g, int image, unsigned *runnable, unsigned *skipped)
{
	char *cpath = xasprintf("%s/image%d.c", g->outdir, image);
	char *lpath = xasprintf("%s/image%d.ld", g->outdir, image);
	char *opath = xasprintf("%s/image%d.objs", g->outdir, image);
	FILE *f = fopen(cpath, "w"), *ld = fopen(lpath, "w"), *objs = fopen(opath, "w");
	bool ok = f && ld && objs;
	Names decl = {0}, invokers = {0};
	*runnable = *skipped = 0;
	if (!ok)
		goto done;
	fprintf(f, "/* Generated by spec-exec-gen from %s for %s: image %d of %d. Do not edit. */\n"
	           "#include \"spec_exec_rt.h\"\n\n/* Module symbols (core/ABI.md). */\n",
	        g->file, g->board->name, image + 1, g->nimages);
	fprintf(ld, "/* Generated by spec-exec-gen: imports of %s image %d bound to their providers. */\n",
	        g->file, image + 1);
	for (int n = 0; n < g->ninsts; n++)
		if (g->insts[n].image == image && !g->insts[n].skip) {
			fprintf(objs, "%s/m%d.o\n", g->outdir, n);
			fprintf(f, "int m%d__init(void);\n", n);
		}
	/* Resolve every action first: a failure becomes an SX_OP_FAIL entry. */
	Binding b;
	for (size_t i = 0; i < g->ncmds; i++) {
		const SpecCommand *c = spec_script_command(g->script, i);
		Plan *p = &g->plans[i];
		if (!runs(p, image) || !c->action.kind)
			continue;
		const char *err = action_target(g, c, p->inst, &b);
		if (err == missing_symbol)
			p->fail = xasprintf("%s %s: m%d.o does not define %s", spec_command_kind_name(c->kind),
			                    c->action.field, p->inst, b.sym);
		else if (err)
			p->fail = xasprintf("%s %s: %s", spec_command_kind_name(c->kind), c->action.field, err);
		else
			declare(f, &decl, &b);
	}
	write_imports(g, image, f, ld, &decl);
	write_linkmin(g, image, f, ld);
	fputs("/* Invokers, one per signature. */\n", f);
	for (size_t i = 0; i < g->ncmds; i++) {
		const SpecCommand *c = spec_script_command(g->script, i);
		const Plan *p = &g->plans[i];
		if (!runs(p, image) || c->action.kind != SPEC_ACTION_INVOKE)
			continue;
		char name[SYM_MAX];
		action_target(g, c, p->inst, &b);
		invoker_name(b.ft, name, sizeof name);
		if (names_add(&invokers, name))
			write_invoker(f, b.ft, name);
	}
	/* Arguments then expected results, per command, in two parallel arrays. */
	size_t nvals = 0;
	for (int pass = 0; pass < 2; pass++) {
		fprintf(f, pass ? "static const uint64_t sx_vals[] = {\n" : "static const uint8_t sx_types[] = {\n");
		for (size_t i = 0; i < g->ncmds; i++) {
			const SpecCommand *c = spec_script_command(g->script, i);
			if (!runs(&g->plans[i], image) || !c->action.kind)
				continue;
			uint32_t nres = c->kind == SPEC_CMD_ASSERT_RETURN ? c->nexpected : 0;
			fprintf(f, "\t/* %d */", c->line);
			for (uint32_t k = 0; k < c->action.nargs + nres; k++) {
				const SpecValue *v = k < c->action.nargs ? &c->action.args[k] : &c->expected[k - c->action.nargs];
				uint8_t t;
				uint64_t bits;
				value_bits(v, &t, &bits);
				if (pass)
					fprintf(f, " 0x%" PRIx64 "u,", bits);
				else
					fprintf(f, " %u,", t), nvals++;
			}
			fputc('\n', f);
		}
		fputs(nvals ? "};\n\n" : "\t0\n};\n\n", f);
	}
	fputs("const SxCmd sx_cmds[] = {\n", f);
	size_t off = 0;
	for (size_t i = 0; i < g->ncmds; i++) {
		const SpecCommand *c = spec_script_command(g->script, i);
		const Plan *p = &g->plans[i];
		if (p->image != image || !p->counted)
			continue;
		if (p->skip) {
			(*skipped)++;
			continue;
		}
		(*runnable)++;
		if (p->fail) {
			fprintf(f, "\t{.line = %d, .op = SX_OP_FAIL, .inst = -1, .what = \"\", .text = ", c->line);
			put_cstr(f, p->fail);
			fputs("},\n", f);
			continue;
		}
		if (p->linkfail || p->linkmin) {
			fprintf(f, "\t{.line = %d, .op = SX_OP_UNLINKABLE, .inst = -1, .what = \"\", .text = ", c->line);
			put_cstr(f, c->text ? c->text : "");
			if (p->linkmin)
				fprintf(f, ", .fn = (void (*)(void))sx_unlinkable_%zu", i);
			fputs("},\n", f);
			continue;
		}
		if (c->kind == SPEC_CMD_MODULE || c->kind == SPEC_CMD_ASSERT_UNINSTANTIABLE) {
			char what[64];
			snprintf(what, sizeof what, "m%d", p->inst);
			if (g->insts[p->inst].name)
				snprintf(what, sizeof what, "m%d %.40s", p->inst, g->insts[p->inst].name);
			fprintf(f, "\t{.line = %d, .op = %s, .inst = %d, .what = ", c->line,
			        c->kind == SPEC_CMD_MODULE ? "SX_OP_INIT" : "SX_OP_UNINST", p->inst);
			put_cstr(f, what);
			fprintf(f, ", .call = sx_init, .fn = (void (*)(void))m%d__init", p->inst);
			if (c->kind == SPEC_CMD_ASSERT_UNINSTANTIABLE) {
				fputs(", .text = ", f);
				put_cstr(f, c->text ? c->text : "");
			}
			fputs("},\n", f);
			continue;
		}
		action_target(g, c, p->inst, &b);
		uint32_t nres = c->kind == SPEC_CMD_ASSERT_RETURN ? c->nexpected : 0;
		const char *op = c->kind == SPEC_CMD_ASSERT_RETURN ? "SX_OP_RETURN"
		               : c->kind == SPEC_CMD_ASSERT_TRAP ? "SX_OP_TRAP"
		               : c->kind == SPEC_CMD_ASSERT_EXHAUSTION ? "SX_OP_EXHAUST" : "SX_OP_ACTION";
		fprintf(f, "\t{.line = %d, .op = %s, .nargs = %u, .nresults = %u, .inst = %d, .what = ", c->line, op,
		        c->action.nargs, nres, p->inst);
		put_bytes(f, c->action.field, c->action.field_len); /* (printed up to a NUL byte) */
		if (c->action.kind == SPEC_ACTION_GET) {
			fprintf(f, ", .call = sx_get, .addr = &%s", b.sym);
		} else {
			char name[SYM_MAX];
			invoker_name(b.ft, name, sizeof name);
			fprintf(f, ", .call = %s, .fn = (void (*)(void))%s", name, b.sym);
		}
		fprintf(f, ", .types = sx_types + %zu, .vals = sx_vals + %zu", off, off);
		if (c->kind == SPEC_CMD_ASSERT_TRAP) {
			fputs(", .text = ", f);
			put_cstr(f, c->text ? c->text : "");
		}
		fputs("},\n", f);
		off += c->action.nargs + nres;
	}
	if (!*runnable)
		fputs("\t{0}\n", f);
	fprintf(f, "};\n\nconst uint32_t sx_ncmds = %u;\nconst uint32_t sx_skipped = %u;\n", *runnable, *skipped);
	int slots = g->ninsts ? g->ninsts : 1;
	fprintf(f, "const uint32_t sx_ninst = %d;\nuint8_t sx_alive[%d];\nuint32_t sx_refused_at[%d];\n"
	           "uint32_t sx_refused_pages[%d];\nconst char sx_file[] = ", g->ninsts, slots, slots, slots);
	put_cstr(f, g->file);
	fputs(";\n", f);
	ok = write_header_check(g, image);
done:
	names_free(&decl);
	names_free(&invokers);
	if (f && (ferror(f) | fclose(f)))
		ok = false;
	if (ld && (ferror(ld) | fclose(ld)))
		ok = false;
	if (objs && (ferror(objs) | fclose(objs)))
		ok = false;
	if (!ok)
		fprintf(stderr, "spec-exec-gen: cannot write image %d in %s: %s\n", image, g->outdir, strerror(errno));
	free(cpath);
	free(lpath);
	free(opath);
	return ok;
}

bool write_reports(Gen *g, const unsigned *runnable, const unsigned *skipped)
{
	char *spath = xasprintf("%s/skips.txt", g->outdir), *mpath = xasprintf("%s/summary.txt", g->outdir);
	FILE *s = fopen(spath, "w"), *m = fopen(mpath, "w");
	bool ok = s && m;
	if (ok) {
		for (size_t i = 0; i < g->ncmds; i++) {
			const SpecCommand *c = spec_script_command(g->script, i);
			if (g->plans[i].counted && g->plans[i].skip)
				fprintf(s, "%d\t%s\t%s\t%s\n", c->line, spec_command_kind_name(c->kind),
				        g->plans[i].skip_class ? g->plans[i].skip_class : "unclassified", g->plans[i].skip);
		}
		unsigned ncounted = 0, compiled = 0;
		for (size_t i = 0; i < g->ncmds; i++)
			ncounted += g->plans[i].counted;
		for (int n = 0; n < g->ninsts; n++)
			compiled += g->insts[n].image >= 0 && !g->insts[n].skip;
		fprintf(m, "commands %u\nmodules %d\nmodules_compiled %u\nimages %d\n", ncounted, g->ninsts, compiled,
		        g->nimages);
		for (int k = 0; k < g->nimages; k++)
			fprintf(m, "image %d runnable %u skipped %u\n", k, runnable[k], skipped[k]);
	}
	if (s && (ferror(s) | fclose(s)))
		ok = false;
	if (m && (ferror(m) | fclose(m)))
		ok = false;
	if (!ok)
		fprintf(stderr, "spec-exec-gen: cannot write the reports in %s\n", g->outdir);
	free(spath);
	free(mpath);
	return ok;
}
