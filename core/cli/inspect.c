/* inspect.c - `synth validate` and `synth inspect`: load modules through
 * libsynth and report errors as FILE:0xOFFSET: error: MESSAGE, or list a
 * module's contents as text or as JSON (written with json-c). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "cli.h"
#include "synth/synth.h"

static const char validate_usage[] =
	"usage: synth validate [OPTIONS] FILE...\n"
	"\n"
	"Decodes and validates each WebAssembly binary. Prints nothing and exits 0\n"
	"when all are valid; otherwise prints FILE:0xOFFSET: error: MESSAGE for each\n"
	"invalid one on stderr and exits 1.\n"
	"\n"
	"options:\n"
	"  --disable-multi-memory      reject modules with more than one memory\n"
	"  --disable-simd              reject SIMD (v128) instead of validating it\n"
	"  --disable-custom-page-sizes reject the custom-page-sizes limits encoding\n"
	"  -q, --quiet                 print nothing, only the exit status\n"
	"  -v, --verbose               print FILE: ok for valid modules\n"
	"  -h, --help                  show this help\n";

static const char inspect_usage[] =
	"usage: synth inspect [OPTIONS] FILE\n"
	"\n"
	"Lists the types, imports, functions, tables, memories, globals, exports,\n"
	"data and element segments and custom sections of a valid module.\n"
	"\n"
	"options:\n"
	"  --json                      print JSON instead of text\n"
	"  --components                print the partition into components instead: each\n"
	"                              memory's component (meld's multi-memory lowering:\n"
	"                              memory k is component ck, exported as memory$k) and\n"
	"                              each function's component, \"adapter cA->cB\" or\n"
	"                              \"shared\"; exits 1 when a function that is no\n"
	"                              adapter reaches two components' memories (with\n"
	"                              --json: the same as JSON)\n"
	"  --disable-multi-memory, --disable-simd, --disable-custom-page-sizes\n"
	"                              as for synth validate\n"
	"  -h, --help                  show this help\n";

/* Applies a --disable-FEATURE option; returns 1 when arg was one. */
static int parse_feature(const char *arg, SynthFeatures *f)
{
	if (!strcmp(arg, "--disable-multi-memory"))
		f->multi_memory = false;
	else if (!strcmp(arg, "--disable-simd"))
		f->simd = false;
	else if (!strcmp(arg, "--disable-custom-page-sizes"))
		f->custom_page_sizes = false;
	else
		return 0;
	return 1;
}

/* Loads and validates path; prints the error unless quiet. */
static SynthModule *load(SynthContext *ctx, const char *path, const SynthFeatures *f, int quiet)
{
	uint8_t *data;
	size_t size;
	if (cli_read_file(path, &data, &size) != 0)
		return NULL;
	SynthModule *mod = NULL;
	SynthStatus st = synth_module_decode(ctx, data, size, f, &mod);
	free(data);
	if (st == SYNTH_OK)
		st = synth_module_validate(ctx, mod);
	if (st == SYNTH_OK)
		return mod;
	if (!quiet) {
		const SynthDiag *dg = synth_context_diag(ctx);
		fprintf(stderr, "%s:0x%" PRIx64 ": error: %s", path, dg->offset, dg->message);
		if (dg->funcidx >= 0) {
			const SynthFunc *fn = NULL;
			if (mod && (uint64_t)dg->funcidx < synth_module_desc(mod)->nfuncs)
				fn = &synth_module_desc(mod)->funcs[dg->funcidx];
			if (fn && fn->debug_name.len)
				fprintf(stderr, " (in function %" PRId64 " \"%s\")", dg->funcidx, fn->debug_name.str);
			else
				fprintf(stderr, " (in function %" PRId64 ")", dg->funcidx);
		}
		fputc('\n', stderr);
	}
	synth_module_free(mod);
	return NULL;
}

int cli_validate(int argc, char **argv)
{
	SynthFeatures f = synth_features_default();
	int quiet = 0, verbose = 0, nfiles = 0, bad = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(validate_usage, stdout);
			return 0;
		} else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
			quiet = 1;
		} else if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) {
			verbose = 1;
		} else if (parse_feature(a, &f)) {
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "synth validate: error: unknown option '%s'\n", a);
			return 2;
		} else {
			nfiles++;
		}
	}
	if (!nfiles) {
		fputs(validate_usage, stderr);
		return 2;
	}
	SynthContext *ctx = synth_context_new(NULL, NULL);
	if (!ctx) {
		fputs("synth: error: out of memory\n", stderr);
		return 1;
	}
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (a[0] == '-' && a[1])
			continue;
		SynthModule *mod = load(ctx, a, &f, quiet);
		if (!mod) {
			bad++;
			continue;
		}
		if (verbose)
			printf("%s: ok\n", a);
		synth_module_free(mod);
	}
	synth_context_free(ctx);
	return bad ? 1 : 0;
}

/* ---- text listing ---- */

static void print_types(const uint8_t *t, uint32_t n)
{
	putchar('(');
	for (uint32_t i = 0; i < n; i++)
		printf("%s%s", i ? " " : "", synth_valtype_name(t[i]));
	putchar(')');
}

static void print_limits(const SynthLimits *l)
{
	printf("min %" PRIu64, l->min);
	if (l->has_max)
		printf(" max %" PRIu64, l->max);
	else
		printf(" max none");
}

static void print_const(const SynthConstExpr *e)
{
	switch (e->kind) {
	case SYNTH_CONST_I32: printf("i32.const %" PRId32, (int32_t)e->bits); break;
	case SYNTH_CONST_I64: printf("i64.const %" PRId64, (int64_t)e->bits); break;
	case SYNTH_CONST_F32: printf("f32.const bits 0x%08" PRIx64, e->bits); break;
	case SYNTH_CONST_F64: printf("f64.const bits 0x%016" PRIx64, e->bits); break;
	case SYNTH_CONST_V128: printf("v128.const 0x%016" PRIx64 "%016" PRIx64, e->bits_hi, e->bits); break;
	case SYNTH_CONST_REF_NULL: printf("ref.null %s", synth_valtype_name((uint8_t)e->bits)); break;
	case SYNTH_CONST_REF_FUNC: printf("ref.func %" PRIu64, e->bits); break;
	case SYNTH_CONST_GLOBAL_GET: printf("global.get %" PRIu64, e->bits); break;
	}
}

/* Prints the import that defines item idx of kind, if any. */
static void print_import_of(const SynthModuleDesc *d, SynthExternKind kind, uint32_t idx)
{
	for (uint32_t i = 0; i < d->nimports; i++)
		if (d->imports[i].kind == kind && d->imports[i].index == idx) {
			printf(" imported \"%s\".\"%s\"", d->imports[i].module.str, d->imports[i].name.str);
			return;
		}
}

static void print_exports_of(const SynthModuleDesc *d, SynthExternKind kind, uint32_t idx)
{
	for (uint32_t i = 0; i < d->nexports; i++)
		if (d->exports[i].kind == kind && d->exports[i].index == idx)
			printf(" exported \"%s\"", d->exports[i].name.str);
}

static void inspect_text(const char *path, const SynthModuleDesc *d)
{
	printf("module %s (%zu bytes)", path, d->size);
	if (d->module_name.len)
		printf(" name \"%s\"", d->module_name.str);
	putchar('\n');
	printf("types (%u):\n", d->ntypes);
	for (uint32_t i = 0; i < d->ntypes; i++) {
		printf("  %u: ", i);
		print_types(d->types[i].params, d->types[i].nparams);
		printf(" -> ");
		print_types(d->types[i].results, d->types[i].nresults);
		putchar('\n');
	}
	printf("imports (%u):\n", d->nimports);
	for (uint32_t i = 0; i < d->nimports; i++)
		printf("  %u: \"%s\".\"%s\" %s %u\n", i, d->imports[i].module.str, d->imports[i].name.str,
		       synth_extern_kind_name(d->imports[i].kind), d->imports[i].index);
	printf("functions (%u, %u imported):\n", d->nfuncs, d->nfuncs_imported);
	for (uint32_t i = 0; i < d->nfuncs; i++) {
		const SynthFunc *f = &d->funcs[i];
		printf("  %u: type %u ", i, f->typeidx);
		print_types(d->types[f->typeidx].params, d->types[f->typeidx].nparams);
		printf(" -> ");
		print_types(d->types[f->typeidx].results, d->types[f->typeidx].nresults);
		if (f->imported)
			print_import_of(d, SYNTH_EXTERN_FUNC, i);
		else
			printf(" body 0x%x (%u bytes)", f->body_offset, f->body_size);
		print_exports_of(d, SYNTH_EXTERN_FUNC, i);
		if (f->debug_name.len)
			printf(" name \"%s\"", f->debug_name.str);
		putchar('\n');
	}
	printf("tables (%u):\n", d->ntables);
	for (uint32_t i = 0; i < d->ntables; i++) {
		printf("  %u: %s ", i, synth_valtype_name(d->tables[i].elemtype));
		print_limits(&d->tables[i].limits);
		print_import_of(d, SYNTH_EXTERN_TABLE, i);
		print_exports_of(d, SYNTH_EXTERN_TABLE, i);
		putchar('\n');
	}
	printf("memories (%u):\n", d->nmems);
	for (uint32_t i = 0; i < d->nmems; i++) {
		const SynthMemory *m = &d->mems[i];
		printf("  %u: ", i);
		print_limits(&m->limits);
		printf(" pages, page size %lu", 1ul << m->page_size_log2);
		print_import_of(d, SYNTH_EXTERN_MEMORY, i);
		print_exports_of(d, SYNTH_EXTERN_MEMORY, i);
		putchar('\n');
	}
	printf("globals (%u):\n", d->nglobals);
	for (uint32_t i = 0; i < d->nglobals; i++) {
		const SynthGlobal *g = &d->globals[i];
		printf("  %u: %s%s", i, g->is_mutable ? "mut " : "", synth_valtype_name(g->type));
		if (g->imported) {
			print_import_of(d, SYNTH_EXTERN_GLOBAL, i);
		} else {
			printf(" = ");
			print_const(&g->init);
		}
		print_exports_of(d, SYNTH_EXTERN_GLOBAL, i);
		putchar('\n');
	}
	printf("exports (%u):\n", d->nexports);
	for (uint32_t i = 0; i < d->nexports; i++)
		printf("  \"%s\": %s %u\n", d->exports[i].name.str,
		       synth_extern_kind_name(d->exports[i].kind), d->exports[i].index);
	if (d->has_start)
		printf("start: function %u\n", d->start);
	static const char *const modes[] = {"active", "passive", "declarative"};
	printf("element segments (%u):\n", d->nelems);
	for (uint32_t i = 0; i < d->nelems; i++) {
		const SynthElem *e = &d->elems[i];
		printf("  %u: %s %s, %u items", i, modes[e->mode], synth_valtype_name(e->reftype), e->nitems);
		if (e->mode == SYNTH_SEG_ACTIVE) {
			printf(", table %u offset ", e->tableidx);
			print_const(&e->offset);
		}
		putchar('\n');
	}
	printf("data segments (%u):\n", d->ndatas);
	for (uint32_t i = 0; i < d->ndatas; i++) {
		const SynthData *s = &d->datas[i];
		printf("  %u: %s, %u bytes at 0x%x", i, modes[s->mode], s->size, s->data_offset);
		if (s->mode == SYNTH_SEG_ACTIVE) {
			printf(", memory %u offset ", s->memidx);
			print_const(&s->offset);
		}
		putchar('\n');
	}
	printf("custom sections (%u):\n", d->ncustoms);
	for (uint32_t i = 0; i < d->ncustoms; i++)
		printf("  \"%s\": %u bytes at 0x%x\n", d->customs[i].name.str, d->customs[i].size,
		       d->customs[i].offset);
}

/* ---- JSON ---- */

static json_object *jtypes(const uint8_t *t, uint32_t n)
{
	json_object *a = json_object_new_array();
	for (uint32_t i = 0; i < n; i++)
		json_object_array_add(a, json_object_new_string(synth_valtype_name(t[i])));
	return a;
}

static json_object *jlimits(json_object *o, const SynthLimits *l)
{
	json_object_object_add(o, "min", json_object_new_int64((int64_t)l->min));
	json_object_object_add(o, "max", l->has_max ? json_object_new_int64((int64_t)l->max) : NULL);
	return o;
}

static json_object *jconst(const SynthConstExpr *e)
{
	static const char *const kinds[] = {"i32.const", "i64.const", "f32.const", "f64.const",
	                                    "v128.const", "ref.null", "ref.func", "global.get"};
	json_object *o = json_object_new_object();
	json_object_object_add(o, "op", json_object_new_string(kinds[e->kind]));
	char buf[48];
	switch (e->kind) {
	case SYNTH_CONST_I32: json_object_object_add(o, "value", json_object_new_int((int32_t)e->bits)); break;
	case SYNTH_CONST_I64: json_object_object_add(o, "value", json_object_new_int64((int64_t)e->bits)); break;
	case SYNTH_CONST_F32:
	case SYNTH_CONST_F64:
		snprintf(buf, sizeof buf, "0x%" PRIx64, e->bits);
		json_object_object_add(o, "bits", json_object_new_string(buf));
		break;
	case SYNTH_CONST_V128:
		snprintf(buf, sizeof buf, "0x%016" PRIx64 "%016" PRIx64, e->bits_hi, e->bits);
		json_object_object_add(o, "bits", json_object_new_string(buf));
		break;
	case SYNTH_CONST_REF_NULL:
		json_object_object_add(o, "type", json_object_new_string(synth_valtype_name((uint8_t)e->bits)));
		break;
	case SYNTH_CONST_REF_FUNC:
	case SYNTH_CONST_GLOBAL_GET:
		json_object_object_add(o, "index", json_object_new_int64((int64_t)e->bits));
		break;
	}
	return o;
}

static json_object *jexports_of(const SynthModuleDesc *d, SynthExternKind kind, uint32_t idx)
{
	json_object *a = json_object_new_array();
	for (uint32_t i = 0; i < d->nexports; i++)
		if (d->exports[i].kind == kind && d->exports[i].index == idx)
			json_object_array_add(a, json_object_new_string(d->exports[i].name.str));
	return a;
}

static json_object *jimport_of(const SynthModuleDesc *d, SynthExternKind kind, uint32_t idx)
{
	for (uint32_t i = 0; i < d->nimports; i++)
		if (d->imports[i].kind == kind && d->imports[i].index == idx) {
			json_object *o = json_object_new_object();
			json_object_object_add(o, "module", json_object_new_string(d->imports[i].module.str));
			json_object_object_add(o, "name", json_object_new_string(d->imports[i].name.str));
			return o;
		}
	return NULL;
}

/* Common fields of an item of an index space. */
static json_object *jitem(const SynthModuleDesc *d, SynthExternKind kind, uint32_t idx)
{
	json_object *o = json_object_new_object();
	json_object_object_add(o, "index", json_object_new_int64(idx));
	json_object_object_add(o, "import", jimport_of(d, kind, idx));
	json_object_object_add(o, "exports", jexports_of(d, kind, idx));
	return o;
}

static void inspect_json(SynthContext *ctx, const char *path, const SynthModuleDesc *d)
{
	json_object *root = json_object_new_object();
	json_object_object_add(root, "file", json_object_new_string(path));
	json_object_object_add(root, "size", json_object_new_int64((int64_t)d->size));
	json_object_object_add(root, "name", d->module_name.len ? json_object_new_string(d->module_name.str) : NULL);
	json_object *a = json_object_new_array();
	for (uint32_t i = 0; i < d->ntypes; i++) {
		json_object *o = json_object_new_object();
		json_object_object_add(o, "index", json_object_new_int64(i));
		json_object_object_add(o, "params", jtypes(d->types[i].params, d->types[i].nparams));
		json_object_object_add(o, "results", jtypes(d->types[i].results, d->types[i].nresults));
		json_object_array_add(a, o);
	}
	json_object_object_add(root, "types", a);
	a = json_object_new_array();
	for (uint32_t i = 0; i < d->nimports; i++) {
		json_object *o = json_object_new_object();
		json_object_object_add(o, "module", json_object_new_string(d->imports[i].module.str));
		json_object_object_add(o, "name", json_object_new_string(d->imports[i].name.str));
		json_object_object_add(o, "kind", json_object_new_string(synth_extern_kind_name(d->imports[i].kind)));
		json_object_object_add(o, "index", json_object_new_int64(d->imports[i].index));
		json_object_array_add(a, o);
	}
	json_object_object_add(root, "imports", a);
	a = json_object_new_array();
	for (uint32_t i = 0; i < d->nfuncs; i++) {
		const SynthFunc *f = &d->funcs[i];
		json_object *o = jitem(d, SYNTH_EXTERN_FUNC, i);
		json_object_object_add(o, "type", json_object_new_int64(f->typeidx));
		if (!f->imported) {
			json_object_object_add(o, "body_offset", json_object_new_int64(f->body_offset));
			json_object_object_add(o, "body_size", json_object_new_int64(f->body_size));
		}
		json_object_object_add(o, "name", f->debug_name.len ? json_object_new_string(f->debug_name.str) : NULL);
		json_object_array_add(a, o);
	}
	json_object_object_add(root, "functions", a);
	a = json_object_new_array();
	for (uint32_t i = 0; i < d->ntables; i++) {
		json_object *o = jitem(d, SYNTH_EXTERN_TABLE, i);
		json_object_object_add(o, "elemtype", json_object_new_string(synth_valtype_name(d->tables[i].elemtype)));
		json_object_array_add(a, jlimits(o, &d->tables[i].limits));
	}
	json_object_object_add(root, "tables", a);
	a = json_object_new_array();
	for (uint32_t i = 0; i < d->nmems; i++) {
		const SynthMemory *m = &d->mems[i];
		json_object *o = jitem(d, SYNTH_EXTERN_MEMORY, i);
		jlimits(o, &m->limits);
		json_object_object_add(o, "page_size", json_object_new_int64(1ll << m->page_size_log2));
		json_object_object_add(o, "imported", json_object_new_boolean(m->imported));
		json_object_object_add(o, "exported", json_object_new_boolean(m->exported));
		/* what synth compile reserves by default (the planner's input) */
		SynthMemoryRequest q;
		if (synth_memory_request(ctx, d, i, 0, 0, SYNTH_BOUNDS_TRAP, &q) == SYNTH_OK) {
			json_object *r = json_object_new_object();
			json_object_object_add(r, "min", json_object_new_int64((int64_t)q.min_bytes));
			json_object_object_add(r, "max", q.has_max ? json_object_new_int64((int64_t)q.max_bytes) : NULL);
			json_object_object_add(r, "page_size", json_object_new_int64(1ll << q.page_size_log2));
			json_object_object_add(r, "reserve", json_object_new_int64((int64_t)q.reserve));
			json_object_object_add(r, "align", json_object_new_int64((int64_t)q.align));
			json_object_object_add(o, "request", r);
		} else {
			json_object_object_add(o, "request", NULL);
		}
		json_object_array_add(a, o);
	}
	json_object_object_add(root, "memories", a);
	a = json_object_new_array();
	for (uint32_t i = 0; i < d->nglobals; i++) {
		const SynthGlobal *g = &d->globals[i];
		json_object *o = jitem(d, SYNTH_EXTERN_GLOBAL, i);
		json_object_object_add(o, "type", json_object_new_string(synth_valtype_name(g->type)));
		json_object_object_add(o, "mutable", json_object_new_boolean(g->is_mutable));
		json_object_object_add(o, "init", g->imported ? NULL : jconst(&g->init));
		json_object_array_add(a, o);
	}
	json_object_object_add(root, "globals", a);
	a = json_object_new_array();
	for (uint32_t i = 0; i < d->nexports; i++) {
		json_object *o = json_object_new_object();
		json_object_object_add(o, "name", json_object_new_string(d->exports[i].name.str));
		json_object_object_add(o, "kind", json_object_new_string(synth_extern_kind_name(d->exports[i].kind)));
		json_object_object_add(o, "index", json_object_new_int64(d->exports[i].index));
		json_object_array_add(a, o);
	}
	json_object_object_add(root, "exports", a);
	json_object_object_add(root, "start", d->has_start ? json_object_new_int64(d->start) : NULL);
	static const char *const modes[] = {"active", "passive", "declarative"};
	a = json_object_new_array();
	for (uint32_t i = 0; i < d->nelems; i++) {
		const SynthElem *e = &d->elems[i];
		json_object *o = json_object_new_object();
		json_object_object_add(o, "index", json_object_new_int64(i));
		json_object_object_add(o, "mode", json_object_new_string(modes[e->mode]));
		json_object_object_add(o, "type", json_object_new_string(synth_valtype_name(e->reftype)));
		if (e->mode == SYNTH_SEG_ACTIVE) {
			json_object_object_add(o, "table", json_object_new_int64(e->tableidx));
			json_object_object_add(o, "offset", jconst(&e->offset));
		}
		json_object *items = json_object_new_array();
		for (uint32_t k = 0; k < e->nitems; k++)
			json_object_array_add(items, jconst(&e->items[k]));
		json_object_object_add(o, "items", items);
		json_object_array_add(a, o);
	}
	json_object_object_add(root, "elements", a);
	a = json_object_new_array();
	for (uint32_t i = 0; i < d->ndatas; i++) {
		const SynthData *s = &d->datas[i];
		json_object *o = json_object_new_object();
		json_object_object_add(o, "index", json_object_new_int64(i));
		json_object_object_add(o, "mode", json_object_new_string(modes[s->mode]));
		if (s->mode == SYNTH_SEG_ACTIVE) {
			json_object_object_add(o, "memory", json_object_new_int64(s->memidx));
			json_object_object_add(o, "offset", jconst(&s->offset));
		}
		json_object_object_add(o, "size", json_object_new_int64(s->size));
		json_object_object_add(o, "file_offset", json_object_new_int64(s->data_offset));
		json_object_array_add(a, o);
	}
	json_object_object_add(root, "data", a);
	a = json_object_new_array();
	for (uint32_t i = 0; i < d->ncustoms; i++) {
		json_object *o = json_object_new_object();
		json_object_object_add(o, "name", json_object_new_string(d->customs[i].name.str));
		json_object_object_add(o, "offset", json_object_new_int64(d->customs[i].offset));
		json_object_object_add(o, "size", json_object_new_int64(d->customs[i].size));
		json_object_array_add(a, o);
	}
	json_object_object_add(root, "custom_sections", a);
	puts(json_object_to_json_string_ext(root, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
	                                              JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(root);
}

static void print_list(const uint32_t *v, uint32_t n)
{
	if (!n)
		printf("-");
	for (uint32_t i = 0; i < n; i++)
		printf("%s%u", i ? "," : "", v[i]);
}

static json_object *json_list(const uint32_t *v, uint32_t n)
{
	json_object *a = json_object_new_array();
	for (uint32_t i = 0; i < n; i++)
		json_object_array_add(a, json_object_new_int64(v[i]));
	return a;
}

/* The partition as JSON (--components --json). */
static void components_json(const char *path, const SynthModuleDesc *d, const SynthComponents *c)
{
	json_object *root = json_object_new_object();
	json_object_object_add(root, "file", json_object_new_string(path));
	json_object_object_add(root, "contract", json_object_new_boolean(c->contract));
	json_object_object_add(root, "partitionable", json_object_new_boolean(c->partitionable));
	json_object *a = json_object_new_array();
	for (uint32_t k = 0; k < c->ncomponents; k++) {
		const SynthComponent *m = &c->components[k];
		json_object *o = json_object_new_object();
		json_object_object_add(o, "name", json_object_new_string(m->name));
		json_object_object_add(o, "memory", json_object_new_int64(m->memidx));
		if (m->memory_export)
			json_object_object_add(o, "export", json_object_new_string(m->memory_export));
		if (m->realloc_func >= 0)
			json_object_object_add(o, "cabi_realloc", json_object_new_int64(m->realloc_func));
		json_object_object_add(o, "functions", json_object_new_int64(m->nfuncs));
		json_object_object_add(o, "adapters", json_object_new_int64(m->nadapters));
		json_object_array_add(a, o);
	}
	json_object_object_add(root, "components", a);
	a = json_object_new_array();
	for (uint32_t f = 0; f < c->nfuncs; f++) {
		const SynthFuncPart *p = &c->funcs[f];
		json_object *o = json_object_new_object();
		json_object_object_add(o, "index", json_object_new_int64(f));
		if (d->funcs[f].debug_name.len)
			json_object_object_add(o, "name", json_object_new_string(d->funcs[f].debug_name.str));
		json_object_object_add(o, "role", json_object_new_string(synth_func_role_name(p->role)));
		if (p->component >= 0)
			json_object_object_add(o, "component", json_object_new_string(c->components[p->component].name));
		if (p->peer >= 0)
			json_object_object_add(o, "callee", json_object_new_string(c->components[p->peer].name));
		if (p->role == SYNTH_FUNC_ADAPTER)
			json_object_object_add(o, "directed", json_object_new_boolean(p->directed));
		if (p->pinned >= 0)
			json_object_object_add(o, "export_component", json_object_new_string(c->components[p->pinned].name));
		json_object_object_add(o, "touches", json_list(p->direct, p->ndirect));
		json_object_object_add(o, "reaches", json_list(p->reach, p->nreach));
		if (p->nrunners)
			json_object_object_add(o, "runners", json_list(p->runners, p->nrunners));
		if (p->why)
			json_object_object_add(o, "error", json_object_new_string(p->why));
		json_object_array_add(a, o);
	}
	json_object_object_add(root, "functions", a);
	a = json_object_new_array();
	for (uint32_t g = 0; g < c->nglobals; g++) {
		int32_t k = c->global_component[g];
		json_object_array_add(a, json_object_new_string(k >= 0 ? c->components[k].name : k == -1 ? "none" : "several"));
	}
	json_object_object_add(root, "globals_set_by", a);
	a = json_object_new_array();
	for (uint32_t i = 0; i < c->ncrossings; i++) {
		json_object *o = json_object_new_object();
		json_object_object_add(o, "caller", json_object_new_int64(c->crossings[i].caller));
		json_object_object_add(o, "callee", json_object_new_int64(c->crossings[i].callee));
		if (c->crossings[i].indirect)
			json_object_object_add(o, "call_indirect", json_object_new_boolean(1));
		json_object_array_add(a, o);
	}
	json_object_object_add(root, "crossings", a);
	puts(json_object_to_json_string_ext(root, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
	                                              JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(root);
}

/* synth inspect --components: the partition, one line per component and
 * per function (or JSON); the offenders on stderr. */
static int inspect_components(SynthContext *ctx, const char *path, const SynthModule *mod, int json)
{
	SynthComponents *c = NULL;
	SynthStatus st = synth_module_components(ctx, mod, &c);
	if (!c) {
		fprintf(stderr, "%s: error: %s\n", path, synth_context_diag(ctx)->message);
		return 1;
	}
	const SynthModuleDesc *d = synth_module_desc(mod);
	if (json) {
		components_json(path, d, c);
		int rc = st == SYNTH_ERR_UNSUPPORTED;
		if (rc)
			fprintf(stderr, "%s: error: the module cannot be partitioned into components:\n%s\n", path, c->error);
		synth_components_free(c);
		return rc;
	}
	printf("%s: %u component%s, %s the multi-memory lowering contract, %s\n", path, c->ncomponents,
	       c->ncomponents == 1 ? "" : "s", c->contract ? "follows" : "does not follow",
	       c->partitionable ? "partitionable" : "NOT partitionable");
	for (uint32_t k = 0; k < c->ncomponents; k++) {
		const SynthComponent *m = &c->components[k];
		printf("  %s: memory %u", m->name, m->memidx);
		if (m->memory_export)
			printf(" \"%s\"", m->memory_export);
		if (m->realloc_func >= 0)
			printf(", cabi_realloc function %lld", (long long)m->realloc_func);
		printf(", %u function%s, %u adapter%s\n", m->nfuncs, m->nfuncs == 1 ? "" : "s", m->nadapters,
		       m->nadapters == 1 ? "" : "s");
	}
	printf("functions:\n");
	for (uint32_t f = 0; f < c->nfuncs; f++) {
		const SynthFuncPart *p = &c->funcs[f];
		const SynthFunc *fn = &d->funcs[f];
		const SynthName *n = fn->debug_name.len ? &fn->debug_name : NULL;
		for (uint32_t e = 0; !n && e < d->nexports; e++)
			if (d->exports[e].kind == SYNTH_EXTERN_FUNC && d->exports[e].index == f)
				n = &d->exports[e].name;
		printf("  %u%s%s%s%s: ", f, n ? " \"" : "", n ? n->str : "", n ? "\"" : "", fn->imported ? " (import)" : "");
		switch (p->role) {
		case SYNTH_FUNC_SHARED: printf("shared"); break;
		case SYNTH_FUNC_COMPONENT: printf("%s", c->components[p->component].name); break;
		case SYNTH_FUNC_ADAPTER:
			printf("adapter %s%s%s", c->components[p->component].name, p->directed ? "->" : "<->",
			       c->components[p->peer].name);
			break;
		case SYNTH_FUNC_MIXED: printf("MIXED"); break;
		}
		printf(" (touches ");
		print_list(p->direct, p->ndirect);
		printf(", reaches ");
		print_list(p->reach, p->nreach);
		printf(")");
		if (p->pinned >= 0)
			printf(" [export: c%d]", p->pinned);
		for (uint32_t r = 0; r < p->nrunners; r++) {
			const SynthFuncPart *q = &c->funcs[p->runners[r]];
			printf("%s", r ? ", " : " [runs in: ");
			if (q->role == SYNTH_FUNC_MIXED)
				printf("function %u (mixed)", p->runners[r]);
			else
				printf("%s", c->components[q->component].name);
			if (q->role == SYNTH_FUNC_ADAPTER)
				printf("_%s", c->components[q->peer].name);
			printf("%s", r + 1 == p->nrunners ? "]" : "");
		}
		printf("\n");
	}
	if (c->ncrossings)
		printf("calls between domains (gated: M__xcall<callee>):\n");
	for (uint32_t i = 0; i < c->ncrossings; i++) {
		for (int side = 0; side < 2; side++) {
			uint32_t f = side ? c->crossings[i].callee : c->crossings[i].caller;
			const SynthFuncPart *p = &c->funcs[f];
			const SynthName *n = d->funcs[f].debug_name.len ? &d->funcs[f].debug_name : NULL;
			printf("%s%u%s%s%s (", side ? " -> " : "  ", f, n ? " \"" : "", n ? n->str : "", n ? "\"" : "");
			if (p->role == SYNTH_FUNC_ADAPTER)
				printf("adapter %s->%s)", c->components[p->component].name, c->components[p->peer].name);
			else if (p->role == SYNTH_FUNC_SHARED)
				printf("shared: its caller's domain)");
			else
				printf("%s)", c->components[p->component].name);
		}
		if (c->crossings[i].indirect)
			printf(c->crossings[i].direct ? " [call and call_indirect]" : " [call_indirect]");
		printf("\n");
	}
	if (c->nglobals)
		printf("globals (which component's functions set them):\n");
	for (uint32_t g = 0; g < c->nglobals; g++) {
		int32_t k = c->global_component[g];
		printf("  %u: %s\n", g, k >= 0 ? c->components[k].name : k == -1 ? "none" : "several");
	}
	int rc = 0;
	if (st == SYNTH_ERR_UNSUPPORTED) {
		fprintf(stderr, "%s: error: the module cannot be partitioned into components:\n%s\n", path, c->error);
		rc = 1;
	}
	if (c->partitionable && c->contract && c->state_error[0]) {
		fprintf(stderr, "%s: error: the module's state cannot be split into its components' domains:\n%s\n", path,
		        c->state_error);
		rc = 1;
	}
	synth_components_free(c);
	return rc;
}

int cli_inspect(int argc, char **argv)
{
	SynthFeatures f = synth_features_default();
	int json = 0, comps = 0;
	const char *path = NULL;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(inspect_usage, stdout);
			return 0;
		} else if (!strcmp(a, "--json")) {
			json = 1;
		} else if (!strcmp(a, "--components")) {
			comps = 1;
		} else if (parse_feature(a, &f)) {
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "synth inspect: error: unknown option '%s'\n", a);
			return 2;
		} else if (path) {
			fprintf(stderr, "synth inspect: error: one file at a time\n");
			return 2;
		} else {
			path = a;
		}
	}
	if (!path) {
		fputs(inspect_usage, stderr);
		return 2;
	}
	SynthContext *ctx = synth_context_new(NULL, NULL);
	if (!ctx) {
		fputs("synth: error: out of memory\n", stderr);
		return 1;
	}
	SynthModule *mod = load(ctx, path, &f, 0);
	if (!mod) {
		synth_context_free(ctx);
		return 1;
	}
	int rc = 0;
	if (comps)
		rc = inspect_components(ctx, path, mod, json);
	else if (json)
		inspect_json(ctx, path, synth_module_desc(mod));
	else
		inspect_text(path, synth_module_desc(mod));
	synth_module_free(mod);
	synth_context_free(ctx);
	return rc;
}
