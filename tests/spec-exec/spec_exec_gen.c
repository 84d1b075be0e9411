/* spec_exec_gen.c - turns one spec test script into QEMU test images.
 *
 * Usage: spec-exec-gen --board BOARD [--multi-memory] [--wasm-budget BYTES]
 *                      JSON OUTDIR
 *
 * JSON is a wast2json command script (spec_json.h). Every module it
 * instantiates (`module`, `assert_uninstantiable`) is loaded with the
 * library's default features except multi-memory, which only
 * --multi-memory turns on (the core suite predates it), and compiled with
 * libsynth for the board's core as module mN (N counts them from 0,
 * export symbols prefixed `mN_e_`), giving OUTDIR/mN.o and mN.h. The
 * commands are then replayed, in order, by one or more images, each
 * written by spec_exec_emit.c as OUTDIR/imageI.c (the command table, with
 * thunks binding imported functions), imageI.ld (linker assignments
 * binding the other imports), imageI.objs (the module objects it links)
 * and imageI.hdr.c (a compile-time check of the generated headers). The
 * caller links an image with harness.c, spectest.c and the runtime.
 *
 * This file plans: pass 1 numbers the instances and resolves names (a
 * command's `$name`, `register`); pass 2 compiles; pass 3 binds imports as
 * the spec's `register` command says (a module name registered earlier
 * names that instance, "spectest" otherwise the host module of
 * spectest.c; an export is followed through re-exports to the instance
 * that defines it, and the symbol must be in that instance's object) and
 * cuts the command list into images.
 *
 * What runs: module, assert_uninstantiable, action, assert_return,
 * assert_trap and assert_exhaustion. assert_unlinkable is checked here, at
 * link time (for compiled modules an unlinkable import is a link error):
 * its imports are bound like a module's and the binding must fail with
 * the script's reason ("unknown import", "incompatible import type"); the
 * result is an entry of the image that passes or fails. A command is
 * skipped, with a reason and one of the SKIP_* classes of
 * spec_exec_gen.h, when its module was refused with SYNTH_ERR_UNSUPPORTED
 * (a feature outside the supported set; decided by that status, never by
 * the message), does not fit in an image, binds two imports to one
 * symbol, or when it needs values the harness cannot pass (v128); a
 * command that needs a skipped module inherits its class. A module that
 * does not load or compile in any other way (an internal error, a symbol
 * clash, a symbol missing from its object), or that does not link although
 * the script expects it to, fails, with every command that needs it: that
 * is a compiler bug. assert_malformed and assert_invalid are not execution
 * commands and are not counted at all (spec-validate checks them).
 *
 * Images: all commands go to one image unless the modules' reservations
 * (linear memories in WASM, code and data) would not fit the board's
 * regions; a new image then starts at a module command, provided no later
 * command uses an instance of the current image (state cannot move
 * between images). A module that fits nowhere is skipped.
 *
 * OUTDIR/skips.txt lists skipped commands as `LINE<TAB>KIND<TAB>CLASS<TAB>REASON`;
 * OUTDIR/summary.txt has `key value` lines: commands, modules,
 * modules_compiled, images, then per image `image I runnable R skipped S`.
 *
 * Exit status: 0 written, 1 the script or a file could not be read or
 * written, 2 usage error.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "spec_exec_gen.h"
#include "../../core/boards/boards.h"

/* Room an image's runtime, harness and tables keep in CODE and in the
 * runtime's .data/.bss region; the modules get the rest. */
#define CODE_KEEP (1u << 20)
#define RAM_KEEP (704u << 10)

/* The board named name from the registry (spec_exec_gen.h says what the
 * sizes are): its core, its whole WASM region, and CODE and .data/.bss less
 * what the image keeps. False when there is no such board. */
static bool board_info(const char *name, Board *out)
{
	const SynthBoard *b = synth_board_find(name);
	if (!b || !synth_target_parse(b->core, &out->target))
		return false;
	out->name = b->name;
	out->wasm = b->wasm_length;
	out->code = b->code_length - CODE_KEEP;
	out->ram = synth_board_rt_data_length(b) - RAM_KEEP;
	return true;
}


void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);
	if (!p) {
		fputs("spec-exec-gen: out of memory\n", stderr);
		exit(1);
	}
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *s = xcalloc((size_t)n + 1, 1);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}

void escape(char *buf, size_t n, const char *name, size_t len)
{
	size_t k = strlen(buf);
	const unsigned char *end = (const unsigned char *)name + len;
	for (const unsigned char *p = (const unsigned char *)name; p < end && k + 5 < n; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_')
			buf[k++] = (char)*p;
		else
			k += (size_t)snprintf(buf + k, n - k, "_x%02x", *p);
	}
	buf[k] = 0;
}

void import_symbol(int n, const SynthImport *im, char *buf, size_t size)
{
	snprintf(buf, size, "m%d__import_", n);
	escape(buf, size, im->module.str, im->module.len);
	size_t k = strlen(buf);
	if (k + 1 < size)
		buf[k] = '_', buf[k + 1] = 0;
	escape(buf, size, im->name.str, im->name.len);
}

const char *ctype(uint8_t t)
{
	switch (t) {
	case SYNTH_I32: return "int32_t";
	case SYNTH_I64: return "int64_t";
	case SYNTH_F32: return "float";
	case SYNTH_F64: return "double";
	default: return "uint32_t";
	}
}

/* ---- spectest ------------------------------------------------------------ */

static const uint8_t vt_i32[] = {SYNTH_I32}, vt_i64[] = {SYNTH_I64}, vt_f32[] = {SYNTH_F32},
                     vt_f64[] = {SYNTH_F64}, vt_i32_f32[] = {SYNTH_I32, SYNTH_F32},
                     vt_f64_f64[] = {SYNTH_F64, SYNTH_F64};

/* The fields of spectest (spectest.c defines spectest_<name>). */
static const struct Spectest {
	const char *name;
	SynthExternKind kind;
	SynthFuncType ft;     /* functions */
	uint8_t valtype;      /* globals */
	SynthLimits limits;   /* memory, table */
} spectest[] = {
	{"print", SYNTH_EXTERN_FUNC, {0, 0, NULL, NULL}, 0, {0, 0, false}},
	{"print_i32", SYNTH_EXTERN_FUNC, {1, 0, vt_i32, NULL}, 0, {0, 0, false}},
	{"print_i64", SYNTH_EXTERN_FUNC, {1, 0, vt_i64, NULL}, 0, {0, 0, false}},
	{"print_f32", SYNTH_EXTERN_FUNC, {1, 0, vt_f32, NULL}, 0, {0, 0, false}},
	{"print_f64", SYNTH_EXTERN_FUNC, {1, 0, vt_f64, NULL}, 0, {0, 0, false}},
	{"print_i32_f32", SYNTH_EXTERN_FUNC, {2, 0, vt_i32_f32, NULL}, 0, {0, 0, false}},
	{"print_f64_f64", SYNTH_EXTERN_FUNC, {2, 0, vt_f64_f64, NULL}, 0, {0, 0, false}},
	{"global_i32", SYNTH_EXTERN_GLOBAL, {0, 0, NULL, NULL}, SYNTH_I32, {0, 0, false}},
	{"global_i64", SYNTH_EXTERN_GLOBAL, {0, 0, NULL, NULL}, SYNTH_I64, {0, 0, false}},
	{"global_f32", SYNTH_EXTERN_GLOBAL, {0, 0, NULL, NULL}, SYNTH_F32, {0, 0, false}},
	{"global_f64", SYNTH_EXTERN_GLOBAL, {0, 0, NULL, NULL}, SYNTH_F64, {0, 0, false}},
	{"memory", SYNTH_EXTERN_MEMORY, {0, 0, NULL, NULL}, 0, {1, 2, true}},
	{"table", SYNTH_EXTERN_TABLE, {0, 0, NULL, NULL}, 0, {10, 20, true}},
};

/* ---- resolving exports and checking imports -------------------------------- */

static bool same_functype(const SynthFuncType *a, const SynthFuncType *b)
{
	return a->nparams == b->nparams && a->nresults == b->nresults &&
	       (!a->nparams || !memcmp(a->params, b->params, a->nparams)) &&
	       (!a->nresults || !memcmp(a->results, b->results, a->nresults));
}

/* Limits `have` of a provided entity match the import's `want` (spec: import
 * subtyping of limits). Only the maximum is checked: the spec compares the
 * provider's current size, which a memory.grow or table.grow before the
 * instantiation may have raised (imports.wast:583), and that is known only
 * when the image runs. */
static bool limits_match(const SynthLimits *have, const SynthLimits *want)
{
	if (want->has_max && (!have->has_max || have->max > want->max))
		return false;
	return true;
}

/* The error of resolve_export() for a symbol the object lacks (b->sym
 * names it): a compiler bug, the ABI says which symbol an export gets. */
const char missing_symbol[] = "missing symbol";

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Instance n's object defines the global symbol sym. */
static bool defines(const Gen *g, int n, const char *sym)
{
	const Inst *in = &g->insts[n];
	return in->nsyms && bsearch(&sym, in->syms, in->nsyms, sizeof *in->syms, cmp_str);
}

/* Resolves export `field` of spectest into b; returns an error or NULL. */
static const char *resolve_spectest(const char *field, Binding *b)
{
	for (size_t k = 0; k < sizeof spectest / sizeof spectest[0]; k++) {
		const struct Spectest *s = &spectest[k];
		if (strcmp(s->name, field) != 0)
			continue;
		memset(b, 0, sizeof *b);
		b->kind = s->kind;
		b->provider = -1;
		snprintf(b->sym, sizeof b->sym, "spectest_%s", s->name);
		b->ft = &s->ft;
		b->valtype = s->valtype;
		b->limits = s->limits;
		b->elemtype = SYNTH_FUNCREF;
		return NULL;
	}
	return "unknown import";
}

/* Resolves export `field` (len bytes) of instance n (already planned) into b. */
const char *resolve_export(Gen *g, int n, const char *field, size_t len, Binding *b)
{
	const Inst *in = &g->insts[n];
	const SynthModuleDesc *d = in->d;
	for (uint32_t e = 0; e < d->nexports; e++) {
		const SynthExport *x = &d->exports[e];
		if (x->name.len != len || memcmp(x->name.str, field, len) != 0)
			continue;
		memset(b, 0, sizeof *b);
		b->kind = x->kind;
		b->provider = n;
		/* An exported import is whatever the import was bound to. */
		uint32_t nimp = 0;
		switch (x->kind) {
		case SYNTH_EXTERN_FUNC: nimp = d->nfuncs_imported; break;
		case SYNTH_EXTERN_TABLE: nimp = d->ntables_imported; break;
		case SYNTH_EXTERN_MEMORY: nimp = d->nmems_imported; break;
		case SYNTH_EXTERN_GLOBAL: nimp = d->nglobals_imported; break;
		}
		if (x->index < nimp) {
			for (uint32_t i = 0; i < d->nimports; i++)
				if (d->imports[i].kind == x->kind && d->imports[i].index == x->index) {
					*b = in->imports[i];
					return NULL;
				}
			return "unknown import";
		}
		switch (x->kind) {
		case SYNTH_EXTERN_FUNC:
			snprintf(b->sym, sizeof b->sym, "m%d_e_", n);
			escape(b->sym, sizeof b->sym, x->name.str, x->name.len);
			b->ft = &d->types[d->funcs[x->index].typeidx];
			break;
		case SYNTH_EXTERN_MEMORY:
			snprintf(b->sym, sizeof b->sym, "m%d__memctl%u", n, x->index);
			b->limits = d->mems[x->index].limits;
			break;
		case SYNTH_EXTERN_GLOBAL:
			snprintf(b->sym, sizeof b->sym, "m%d__global%u", n, x->index);
			b->valtype = d->globals[x->index].type;
			b->mut = d->globals[x->index].is_mutable;
			break;
		case SYNTH_EXTERN_TABLE:
			snprintf(b->sym, sizeof b->sym, "m%d__tablectl%u", n, x->index);
			b->limits = d->tables[x->index].limits;
			b->elemtype = d->tables[x->index].elemtype;
			break;
		}
		return defines(g, n, b->sym) ? NULL : missing_symbol;
	}
	return "unknown import";
}

/* Checks that binding b satisfies import i of desc d (spec: import matching). */
static const char *import_matches(const SynthModuleDesc *d, const SynthImport *im, const Binding *b)
{
	if (b->kind != im->kind)
		return "incompatible import type";
	switch (im->kind) {
	case SYNTH_EXTERN_FUNC:
		return same_functype(&d->types[d->funcs[im->index].typeidx], b->ft) ? NULL
		                                                                    : "incompatible import type";
	case SYNTH_EXTERN_GLOBAL: {
		const SynthGlobal *gl = &d->globals[im->index];
		return gl->type == b->valtype && gl->is_mutable == b->mut ? NULL : "incompatible import type";
	}
	case SYNTH_EXTERN_MEMORY:
		return limits_match(&b->limits, &d->mems[im->index].limits) ? NULL : "incompatible import type";
	case SYNTH_EXTERN_TABLE: {
		const SynthTable *t = &d->tables[im->index];
		return t->elemtype == b->elemtype && limits_match(&b->limits, &t->limits) ? NULL
		                                                                          : "incompatible import type";
	}
	}
	return "incompatible import type";
}

/* ---- pass 1: instances, names, registrations, uses ------------------------ */

static int lookup_name(Gen *g, const char *name, int current)
{
	if (!name)
		return current;
	for (int k = g->ninsts - 1; k >= 0; k--)
		if (!g->insts[k].uninst && g->insts[k].name && !strcmp(g->insts[k].name, name))
			return k;
	return -2;
}

static int lookup_reg(Gen *g, const char *as)
{
	for (int k = g->nregs - 1; k >= 0; k--)
		if (!strcmp(g->regs[k].as, as))
			return g->regs[k].inst;
	return -2;
}

static void use(Gen *g, int inst, size_t cmd)
{
	if (inst >= 0 && g->insts[inst].last_use < (int)cmd)
		g->insts[inst].last_use = (int)cmd;
}

/* Loads the module of command i as a new instance. */
static int new_inst(Gen *g, size_t i, const SpecCommand *c, bool uninst)
{
	int n = g->ninsts++;
	Inst *in = &g->insts[n];
	in->cmd = (int)i;
	in->line = c->line;
	in->name = uninst ? NULL : c->name;
	in->uninst = uninst;
	in->image = -1;
	in->last_use = (int)i;
	char *path = spec_script_path(g->script, c->filename);
	uint8_t *bytes = NULL;
	size_t size = 0;
	if (!path || spec_read_file(path, &bytes, &size) != 0) {
		fprintf(stderr, "spec-exec-gen: %s: %s\n", path ? path : c->filename, strerror(errno));
		g->status = 1;
		in->skip = xasprintf("cannot read %s", c->filename);
		in->broken = true;
	} else if (synth_module_load(g->ctx, bytes, size, &g->features, &in->mod) != SYNTH_OK) {
		const SynthDiag *dg = synth_context_diag(g->ctx);
		in->skip = xasprintf("does not load: %s", dg->message);
		in->skip_class = SKIP_UNSUPPORTED;
		in->broken = dg->status != SYNTH_ERR_UNSUPPORTED;
		in->mod = NULL;
	} else {
		in->d = synth_module_desc(in->mod);
	}
	free(path);
	free(bytes);
	return n;
}

static void pass_resolve(Gen *g)
{
	int current = -1;
	for (size_t i = 0; i < g->ncmds; i++) {
		const SpecCommand *c = spec_script_command(g->script, i);
		Plan *p = &g->plans[i];
		p->inst = -1;
		switch (c->kind) {
		case SPEC_CMD_MODULE:
		case SPEC_CMD_ASSERT_UNINSTANTIABLE:
		case SPEC_CMD_ASSERT_UNLINKABLE: {
			int n = new_inst(g, i, c, c->kind != SPEC_CMD_MODULE);
			Inst *in = &g->insts[n];
			in->unlink = c->kind == SPEC_CMD_ASSERT_UNLINKABLE;
			p->counted = true;
			p->inst = n;
			if (c->kind == SPEC_CMD_MODULE)
				current = n;
			if (!in->d)
				break;
			in->from = xcalloc(in->d->nimports, sizeof *in->from);
			in->imports = xcalloc(in->d->nimports, sizeof *in->imports);
			for (uint32_t k = 0; k < in->d->nimports; k++) {
				const char *m = in->d->imports[k].module.str;
				int r = lookup_reg(g, m);
				in->from[k] = r >= 0 ? r : !strcmp(m, "spectest") ? -1 : -2;
				use(g, r, i);
			}
			break;
		}
		case SPEC_CMD_REGISTER: {
			int n = lookup_name(g, c->name, current);
			g->regs[g->nregs].as = c->as ? c->as : "";
			g->regs[g->nregs++].inst = n;
			use(g, n, i);
			p->inst = n;
			break;
		}
		case SPEC_CMD_ACTION:
		case SPEC_CMD_ASSERT_RETURN:
		case SPEC_CMD_ASSERT_TRAP:
		case SPEC_CMD_ASSERT_EXHAUSTION:
			p->counted = true;
			p->inst = lookup_name(g, c->action.module, current);
			use(g, p->inst, i);
			break;
		default:
			break;
		}
	}
}

/* ---- pass 2: compiling ------------------------------------------------------ */

static uint32_t rd16(const uint8_t *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8; }
static uint32_t rd32(const uint8_t *p) { return rd16(p) | rd16(p + 2) << 16; }

/* Bytes an ELF32 relocatable object needs in WASM (.synth_mem.*), CODE
 * (text, rodata and the load image of data) and RAM (data, bss). */
static void object_sizes(const uint8_t *b, size_t n, Inst *in)
{
	if (n < 52)
		return;
	uint32_t shoff = rd32(b + 0x20), shentsize = rd16(b + 0x2e), shnum = rd16(b + 0x30), shstrndx = rd16(b + 0x32);
	if (shoff > n || shentsize < 40 || (uint64_t)shnum * shentsize > n - shoff || shstrndx >= shnum)
		return;
	const uint8_t *strsh = b + shoff + (size_t)shstrndx * shentsize;
	uint32_t stroff = rd32(strsh + 16), strsize = rd32(strsh + 20);
	if (stroff > n || strsize > n - stroff)
		return;
	for (uint32_t k = 0; k < shnum; k++) {
		const uint8_t *sh = b + shoff + (size_t)k * shentsize;
		uint32_t name = rd32(sh), type = rd32(sh + 4), flags = rd32(sh + 8), size = rd32(sh + 20),
		         align = rd32(sh + 32);
		if (!(flags & 2u) || name >= strsize)
			continue;
		const char *nm = (const char *)b + stroff + name;
		uint64_t a = align > 1 ? align : 1;
		if (!strncmp(nm, ".synth_mem.", 11)) {
			in->wasm = (in->wasm + a - 1) / a * a + size;
		} else if (flags & 1u) {
			in->ram = (in->ram + a - 1) / a * a + size;
			if (type != 8) /* SHT_NOBITS has no load image */
				in->code += size;
		} else {
			in->code = (in->code + a - 1) / a * a + size;
		}
	}
}

/* The names of the global symbols an ELF32 relocatable object defines,
 * sorted, into in->syms. */
static void object_symbols(const uint8_t *b, size_t n, Inst *in)
{
	if (n < 52)
		return;
	uint32_t shoff = rd32(b + 0x20), shentsize = rd16(b + 0x2e), shnum = rd16(b + 0x30);
	if (shoff > n || shentsize < 40 || (uint64_t)shnum * shentsize > n - shoff)
		return;
	for (uint32_t k = 0; k < shnum; k++) {
		const uint8_t *sh = b + shoff + (size_t)k * shentsize;
		if (rd32(sh + 4) != 2) /* SHT_SYMTAB */
			continue;
		uint32_t off = rd32(sh + 16), size = rd32(sh + 20), link = rd32(sh + 24);
		if (link >= shnum || off > n || size > n - off)
			return;
		const uint8_t *str = b + shoff + (size_t)link * shentsize;
		uint32_t soff = rd32(str + 16), ssize = rd32(str + 20);
		if (soff > n || ssize > n - soff || !ssize)
			return;
		in->syms = xcalloc(size / 16, sizeof *in->syms);
		for (uint32_t s = 0; s + 16 <= size; s += 16) {
			const uint8_t *sym = b + off + s;
			uint32_t name = rd32(sym);
			uint8_t bind = sym[12] >> 4;
			if ((bind != 1 && bind != 2) || rd16(sym + 14) == 0 || name >= ssize) /* GLOBAL/WEAK, defined */
				continue;
			const char *nm = (const char *)b + soff + name;
			size_t len = strnlen(nm, ssize - name);
			char *copy = xcalloc(len + 1, 1);
			memcpy(copy, nm, len);
			in->syms[in->nsyms++] = copy;
		}
		qsort(in->syms, in->nsyms, sizeof *in->syms, cmp_str);
		return;
	}
}

static bool write_file(const char *path, const void *data, size_t n)
{
	FILE *f = fopen(path, "wb");
	bool ok = f && fwrite(data, 1, n, f) == n;
	if (f && fclose(f) != 0)
		ok = false;
	if (!ok)
		fprintf(stderr, "spec-exec-gen: cannot write %s: %s\n", path, strerror(errno));
	return ok;
}

static void pass_compile(Gen *g)
{
	for (int n = 0; n < g->ninsts; n++) {
		Inst *in = &g->insts[n];
		if (in->skip || in->unlink)
			continue;
		char id[32], prefix[40];
		snprintf(id, sizeof id, "m%d", n);
		snprintf(prefix, sizeof prefix, "m%d_e_", n);
		SynthCompileOptions opt = {.target = g->board->target, .name = id, .prefix = prefix,
		                           .mem_reserve = g->mem_reserve, .want_header = true};
		SynthOutput out;
		if (synth_compile(g->ctx, in->mod, &opt, &out) != SYNTH_OK) {
			const SynthDiag *dg = synth_context_diag(g->ctx);
			in->skip = xasprintf("not compiled: %s", dg->message);
			in->skip_class = SKIP_UNSUPPORTED;
			/* A refused feature has its own status; any other error
			 * (SYNTH_ERR_INTERNAL above all) is a bug of the compiler's. */
			in->broken = dg->status != SYNTH_ERR_UNSUPPORTED;
			continue;
		}
		object_sizes(out.object, out.object_size, in);
		object_symbols(out.object, out.object_size, in);
		char init[48];
		snprintf(init, sizeof init, "%s__init", id);
		if (!defines(g, n, init)) {
			in->skip = xasprintf("not compiled: the object does not define %s", init);
			in->broken = true;
		}
		char *o = xasprintf("%s/%s.o", g->outdir, id), *h = xasprintf("%s/%s.h", g->outdir, id);
		if (!write_file(o, out.object, out.object_size) || !write_file(h, out.header, strlen(out.header))) {
			g->status = 1;
			in->skip = xasprintf("cannot write its object");
			in->broken = true;
		}
		free(o);
		free(h);
		synth_output_free(g->ctx, &out);
	}
}

/* ---- pass 3: binding imports and cutting images ------------------------------- */

/* Binds the imports of instance n; returns why it cannot link, or NULL.
 * A link error in the spec's sense (an import that names nothing, or
 * something of another type) sets *spec_text to the spec's wording for it;
 * otherwise the reason is the provider's (in->skip_class, in->broken) or
 * an ABI limit. */
static char *bind_imports(Gen *g, int n, const char **spec_text)
{
	Inst *in = &g->insts[n];
	const SynthModuleDesc *d = in->d;
	*spec_text = NULL;
	for (uint32_t k = 0; k < d->nimports; k++) {
		const SynthImport *im = &d->imports[k];
		int p = in->from[k];
		const char *err;
		if (p == -2) {
			*spec_text = "unknown import";
			return xasprintf("import \"%s\" \"%s\": no module registered as \"%s\"", im->module.str,
			                 im->name.str, im->module.str);
		}
		if (p >= 0 && g->insts[p].skip) {
			in->broken = g->insts[p].broken;
			in->skip_class = g->insts[p].skip_class;
			return xasprintf("%s", g->insts[p].skip);
		}
		if (p >= 0 && g->insts[p].uninst) {
			*spec_text = "unknown import";
			return xasprintf("import \"%s\" \"%s\": its module did not instantiate", im->module.str,
			                 im->name.str);
		}
		err = p >= 0 ? resolve_export(g, p, im->name.str, im->name.len, &in->imports[k])
		             : resolve_spectest(im->name.str, &in->imports[k]);
		if (err == missing_symbol) {
			in->broken = true;
			return xasprintf("import \"%s\" \"%s\": m%d.o does not define %s", im->module.str, im->name.str, p,
			                 in->imports[k].sym);
		}
		if (!err)
			err = import_matches(d, im, &in->imports[k]);
		if (err) {
			*spec_text = err;
			return xasprintf("import \"%s\" \"%s\": %s", im->module.str, im->name.str, err);
		}
		/* Two imports with one symbol (M__import_<module>_<name> after
		 * escaping) must agree, or the object cannot be linked. */
		char s1[SYM_MAX], s2[SYM_MAX];
		import_symbol(n, im, s1, sizeof s1);
		for (uint32_t j = 0; j < k; j++) {
			import_symbol(n, &d->imports[j], s2, sizeof s2);
			if (!strcmp(s1, s2) && (d->imports[j].kind != im->kind ||
			                        strcmp(in->imports[j].sym, in->imports[k].sym) ||
			                        (im->kind == SYNTH_EXTERN_FUNC &&
			                         !same_functype(&d->types[d->funcs[im->index].typeidx],
			                                        &d->types[d->funcs[d->imports[j].index].typeidx])))) {
				in->skip_class = SKIP_ABI;
				return xasprintf("imports %u and %u are both the symbol %s (an ABI limit)", j, k, s1);
			}
		}
	}
	return NULL;
}

/* Checks the values of command c; returns why they cannot be passed, or NULL. */
static char *values_unsupported(const SpecCommand *c)
{
	const SpecValue *vs[2] = {c->action.args, c->expected};
	uint32_t ns[2] = {c->action.nargs, c->kind == SPEC_CMD_ASSERT_RETURN ? c->nexpected : 0};
	for (int w = 0; w < 2; w++)
		for (uint32_t k = 0; k < ns[w]; k++)
			switch (vs[w][k].kind) {
			case SPEC_VAL_I32: case SPEC_VAL_I64: case SPEC_VAL_F32: case SPEC_VAL_F64: break;
			case SPEC_VAL_V128: return xasprintf("v128 values cannot be passed by the harness yet");
			case SPEC_VAL_FUNCREF:
				if (vs[w][k].nlanes && strcmp(vs[w][k].lanes[0], "null"))
					return xasprintf("non-null funcref constants cannot be passed");
				break;
			case SPEC_VAL_EXTERNREF:
				if (vs[w][k].nlanes && strcmp(vs[w][k].lanes[0], "null") &&
				    strtoull(vs[w][k].lanes[0], NULL, 10) >= 0xffffffffu)
					return xasprintf("ref.extern 0xffffffff has no encoding");
				break;
			default: return xasprintf("values of type %s", vs[w][k].type_name);
			}
	return NULL;
}

/* assert_unlinkable: the module's imports are bound as a module's would
 * be, and that must fail for the script's reason. An imported memory or
 * table also needs its provider's current size to be at least its minimum,
 * which is known only when the image runs (a grow may come first,
 * imports.wast:583): when the rest binds, the image checks that
 * (p->linkmin; every such provider must be in this image). */
static void plan_unlinkable(Gen *g, const SpecCommand *c, Plan *p, int image)
{
	Inst *in = &g->insts[p->inst];
	const char *want = c->text ? c->text : "";
	if (in->skip && in->broken) {
		p->fail = xasprintf("assert_unlinkable m%d: %s", p->inst, in->skip);
		return;
	}
	if (in->skip) {
		p->skip = xasprintf("%s", in->skip), p->skip_class = in->skip_class;
		return;
	}
	const char *got;
	char *why = bind_imports(g, p->inst, &got);
	if (!why) {
		bool sized = false;
		for (uint32_t k = 0; k < in->d->nimports; k++) {
			const SynthImport *im = &in->d->imports[k];
			const SynthLimits *l = im->kind == SYNTH_EXTERN_MEMORY ? &in->d->mems[im->index].limits
			                     : im->kind == SYNTH_EXTERN_TABLE ? &in->d->tables[im->index].limits : NULL;
			if (!l || !l->min)
				continue;
			sized = true;
			if (in->from[k] >= 0 && g->insts[in->from[k]].image != image) {
				p->skip = xasprintf("imports from m%d, which is in another image", in->from[k]);
				p->skip_class = SKIP_IMAGE;
				return;
			}
		}
		if (sized && !strcmp(want, "incompatible import type"))
			p->linkmin = true;
		else
			p->fail = xasprintf("assert_unlinkable m%d: the module links; expected \"%s\"", p->inst, want);
	} else if (!got && in->broken) {
		p->fail = xasprintf("assert_unlinkable m%d: %s", p->inst, why);
	} else if (!got) {
		p->skip = xasprintf("%s", why), p->skip_class = in->skip_class;
	} else if (strncmp(got, want, strlen(want)) != 0) {
		p->fail = xasprintf("assert_unlinkable m%d: the link fails with \"%s\" (%s); expected \"%s\"", p->inst,
		                    got, why, want);
	} else {
		p->linkfail = true;
	}
	free(why);
}

static void pass_plan(Gen *g)
{
	int image = 0;
	uint64_t wasm = 0, code = 0, ram = 0;
	int nmembers = 0; /* instances placed in the current image */
	int first_member = 0;
	for (size_t i = 0; i < g->ncmds; i++) {
		const SpecCommand *c = spec_script_command(g->script, i);
		Plan *p = &g->plans[i];
		if (c->kind == SPEC_CMD_ASSERT_UNLINKABLE) {
			plan_unlinkable(g, c, p, image);
			p->image = image;
			continue;
		}
		if (c->kind == SPEC_CMD_MODULE || c->kind == SPEC_CMD_ASSERT_UNINSTANTIABLE) {
			Inst *in = &g->insts[p->inst];
			if (!in->skip) {
				const char *spec_text;
				in->skip = bind_imports(g, p->inst, &spec_text);
				if (spec_text) /* the script expects it to link */
					in->broken = true;
			}
			if (!in->skip) {
				const Board *b = g->board;
				if (wasm + in->wasm > b->wasm || code + in->code > b->code || ram + in->ram > b->ram) {
					bool safe = nmembers > 0;
					for (int k = first_member; k < p->inst && safe; k++)
						if (g->insts[k].image == image && g->insts[k].last_use >= (int)i)
							safe = false;
					if (safe && in->wasm <= b->wasm && in->code <= b->code && in->ram <= b->ram) {
						image++;
						wasm = code = ram = 0;
						nmembers = 0;
						first_member = p->inst;
					} else {
						in->skip = xasprintf("does not fit in an image with the modules it shares state with "
						                     "(%" PRIu64 " bytes of linear memory, %" PRIu64 " already used)",
						                     in->wasm, wasm);
						in->skip_class = SKIP_IMAGE;
					}
				}
			}
			for (uint32_t k = 0; !in->skip && in->d && k < in->d->nimports; k++)
				if (in->from[k] >= 0 && g->insts[in->from[k]].image != image) {
					in->skip = xasprintf("imports from m%d, which is in another image", in->from[k]);
					in->skip_class = SKIP_IMAGE;
				}
			if (!in->skip) {
				in->image = image;
				wasm += in->wasm, code += in->code, ram += in->ram;
				nmembers++;
			}
			p->image = image;
			if (in->skip && in->broken)
				p->fail = xasprintf("%s m%d: %s", spec_command_kind_name(c->kind), p->inst, in->skip);
			else if (in->skip)
				p->skip = xasprintf("%s", in->skip), p->skip_class = in->skip_class;
			continue;
		}
		p->image = image;
		if (!p->counted || p->skip)
			continue;
		if (p->inst == -2) {
			p->fail = xasprintf("%s: no module named %s", spec_command_kind_name(c->kind),
			                    c->action.module ? c->action.module : "(none instantiated yet)");
			continue;
		}
		if (p->inst < 0) {
			p->fail = xasprintf("%s: no module instantiated yet", spec_command_kind_name(c->kind));
			continue;
		}
		const Inst *in = &g->insts[p->inst];
		if (in->skip && in->broken) {
			p->fail = xasprintf("%s %s: its module m%d (line %d) failed to compile",
			                    spec_command_kind_name(c->kind), c->action.field, p->inst, in->line);
			continue;
		}
		if (in->skip) {
			p->skip = xasprintf("%s", in->skip);
			p->skip_class = in->skip_class;
			continue;
		}
		p->skip = values_unsupported(c);
		p->skip_class = SKIP_VALUES;
	}
	g->nimages = image + 1;
}

static void usage(FILE *out)
{
	fputs("usage: spec-exec-gen --board BOARD [--multi-memory] [--wasm-budget BYTES]\n"
	      "                     [--mem-reserve BYTES] [--target CORE] JSON OUTDIR\n"
	      "  --board BOARD        a board of core/boards/boards.def (mps2-an385 ...)\n"
	      "  --multi-memory       accept the multi-memory proposal (multi-memory suite only)\n"
	      "  --wasm-budget BYTES  linear memory one image may reserve (default: the board's)\n"
	      "  --mem-reserve BYTES  what a memory without a maximum reserves (synth compile\n"
	      "                       --mem-reserve; default: the compiler's)\n"
	      "  --target CORE        compile for CORE instead of the board's core (cortex-m7 on\n"
	      "                       mps2-an500: single precision on the double-precision FPU)\n",
	      out);
}

int main(int argc, char **argv)
{
	const char *board = NULL, *json = NULL, *outdir = NULL;
	uint64_t wasm_budget = 0, mem_reserve = 0;
	const char *target = NULL;
	bool multi_memory = false;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--board") && i + 1 < argc) {
			board = argv[++i];
		} else if (!strcmp(argv[i], "--multi-memory")) {
			multi_memory = true;
		} else if (!strcmp(argv[i], "--wasm-budget") && i + 1 < argc) {
			wasm_budget = strtoull(argv[++i], NULL, 0);
		} else if (!strcmp(argv[i], "--mem-reserve") && i + 1 < argc) {
			mem_reserve = strtoull(argv[++i], NULL, 0);
		} else if (!strcmp(argv[i], "--target") && i + 1 < argc) {
			target = argv[++i];
		} else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			usage(stdout);
			return 0;
		} else if (argv[i][0] == '-') {
			usage(stderr);
			return 2;
		} else if (!json) {
			json = argv[i];
		} else if (!outdir) {
			outdir = argv[i];
		} else {
			usage(stderr);
			return 2;
		}
	}
	if (!board || !json || !outdir) {
		usage(stderr);
		return 2;
	}
	Gen g = {.outdir = outdir, .features = synth_features_default(), .mem_reserve = mem_reserve};
	g.features.multi_memory = multi_memory;
	Board b;
	if (board_info(board, &b))
		g.board = &b;
	if (!g.board) {
		fprintf(stderr, "spec-exec-gen: unknown board '%s'\n", board);
		return 2;
	}
	if (wasm_budget)
		b.wasm = wasm_budget;
	/* Single-precision cortex-m7 code runs on a double-precision M7's board. */
	SynthTarget own = b.target;
	if (target && (!synth_target_parse(target, &b.target) ||
	               !(b.target == SYNTH_TARGET_CORTEX_M7 && own == SYNTH_TARGET_CORTEX_M7DP))) {
		fprintf(stderr, "spec-exec-gen: %s code does not run on %s\n", target, board);
		return 2;
	}
	char err[256];
	g.script = spec_script_load(json, err, sizeof err);
	if (!g.script) {
		fprintf(stderr, "spec-exec-gen: %s: %s\n", json, err);
		return 1;
	}
	g.file = spec_script_source_base(g.script);
	g.ncmds = spec_script_count(g.script);
	g.ctx = synth_context_new(NULL, NULL);
	if (!g.ctx) {
		fputs("spec-exec-gen: out of memory\n", stderr);
		return 1;
	}
	mkdir(outdir, 0777);
	g.insts = xcalloc(g.ncmds, sizeof *g.insts);
	g.plans = xcalloc(g.ncmds, sizeof *g.plans);
	g.regs = xcalloc(g.ncmds, sizeof *g.regs);
	pass_resolve(&g);
	pass_compile(&g);
	pass_plan(&g);
	unsigned *runnable = xcalloc((size_t)g.nimages, sizeof *runnable);
	unsigned *skipped = xcalloc((size_t)g.nimages, sizeof *skipped);
	for (int k = 0; k < g.nimages; k++)
		if (!write_image(&g, k, &runnable[k], &skipped[k]))
			g.status = 1;
	if (!write_reports(&g, runnable, skipped))
		g.status = 1;
	free(runnable);
	free(skipped);
	for (int n = 0; n < g.ninsts; n++) {
		synth_module_free(g.insts[n].mod);
		free(g.insts[n].skip);
		free(g.insts[n].from);
		free(g.insts[n].imports);
		for (size_t k = 0; k < g.insts[n].nsyms; k++)
			free(g.insts[n].syms[k]);
		free(g.insts[n].syms);
	}
	for (size_t i = 0; i < g.ncmds; i++) {
		free(g.plans[i].skip);
		free(g.plans[i].fail);
	}
	free(g.insts);
	free(g.plans);
	free(g.regs);
	synth_context_free(g.ctx);
	spec_script_free(g.script);
	return g.status;
}
