/* glue.c - `synth glue`: the firmware glue that runs compiled modules as
 * protection domains (core/runtime/README.md, "Protection domains").
 *
 *   synth glue -o OUT.c [--header OUT.h] NAME=FILE.wasm[:PREFIX] ...
 *
 * Each NAME is a component: a module compiled with `synth compile --name
 * NAME` (export prefix PREFIX, default NAME_), one domain of the layout
 * exported by `synth layout export` (SYNTH_DOMAIN_NAME, stack region
 * stack.NAME). The generated C file, compiled into the firmware next to the
 * layout's synth_layout.c, defines:
 *   - synth_glue_domains[], one SynthRtDomain per component, index
 *     SYNTH_GLUE_<NAME> (registration order = the runtime's domain index),
 *     and synth_glue_names[];
 *   - for each function import `M__import_<C>_<f>` whose module C is another
 *     component: a gate stub (SYNTH_RT_GATE_STUB) and its gate, open to M
 *     only, entering C's export <PREFIX of C><f>: the call switches domain and
 *     stack and back;
 *   - for each import of module "synth", natives that run in M's domain:
 *       addr(ptr, len) -> i32      native address of [ptr, ptr+len) in M's
 *                                  memory 0 (0 when out of bounds): what a
 *                                  caller passes to another component
 *       copy_in(dst, src, n) -> i32   synth_rt_gate_copy_in(M's dst, caller's src)
 *       copy_out(dst, src, n) -> i32  synth_rt_gate_copy_out(caller's dst, M's src)
 *       status() -> i32            synth_rt_gate_status()
 *     (copies are checked by the runtime against both domains' regions);
 *   - in the header (--header): SYNTH_GLUE_<NAME>, each gate's id as
 *     SYNTH_GLUE_GATE_<importer>__<module>_<name>, and
 *     synth_glue_components[] (where memory 0, the state section and the
 *     stack of each component are);
 *   - int synth_glue_init(void): registers every domain from its row of
 *     synth_mpu_tables[] and its planned stack, adds a 256-byte stack guard
 *     below the stack on PMSAv7 (synth_rt_domain_stack_guard; not where the
 *     component's own memory 0 or state lies), sets each restart hook to
 *     M__init, and installs the gates; int synth_glue_start(void) runs each
 *     M__init in its own domain. Both return 0 or the first failing status.
 * No address and no symbol name is written by hand: they come from the
 * modules (imports, exports, types) and the layout's macros.
 * Any other import is left to the firmware. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define GLUE_MAX 16

typedef struct Comp {
	const char *name;
	char prefix[128];
	SynthModule *mod;
	const SynthModuleDesc *d;
} Comp;

static const char *ctype(uint8_t t)
{
	switch (t) {
	case SYNTH_I32: return "int32_t";
	case SYNTH_I64: return "int64_t";
	case SYNTH_F32: return "float";
	case SYNTH_F64: return "double";
	default: return NULL;
	}
}

/* The export name as its symbol spells it (core/ABI.md, "Names"). */
static void mangle(FILE *f, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')
			fputc(c, f);
		else
			fprintf(f, "_x%02X", c);
	}
}

/* The same into out (cap bytes, truncated), after prefix. */
static void mangle_to(char *out, size_t cap, const char *prefix, const char *s)
{
	size_t n = (size_t)snprintf(out, cap, "%s", prefix);
	for (; *s && n + 5 < cap; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')
			out[n++] = (char)c;
		else
			n += (size_t)snprintf(out + n, cap - n, "_x%02X", c);
	}
	out[n < cap ? n : cap - 1] = 0;
}

static int find_comp(const Comp *c, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(c[i].name, name))
			return i;
	return -1;
}

static const SynthFuncType *func_type(const SynthModuleDesc *d, uint32_t funcidx)
{
	return &d->types[d->funcs[funcidx].typeidx];
}

static bool same_type(const SynthFuncType *a, const SynthFuncType *b)
{
	return a->nparams == b->nparams && a->nresults == b->nresults &&
	       !memcmp(a->params, b->params, a->nparams) && !memcmp(a->results, b->results, a->nresults);
}

/* Words of arguments that AAPCS passes on the stack: core registers r0-r3
 * take i32 (and i64 as an even-aligned pair); with the hard-float ABI f32/f64
 * go in s0-s15/d0-d7 (back-filling singles), with the soft-float ABI in core
 * registers like i32/i64. Once an argument of a kind goes to the stack, so do
 * the rest of that kind (AAPCS C.3, C.5). */
static unsigned stack_words(const SynthFuncType *t, bool hard)
{
	unsigned ncrn = 0, nsaa = 0, sfree = 0xffffu;
	bool vfp_full = false;
	for (uint32_t i = 0; i < t->nparams; i++) {
		uint8_t p = t->params[i];
		bool wide = p == SYNTH_I64 || p == SYNTH_F64;
		if (hard && (p == SYNTH_F32 || p == SYNTH_F64)) {
			unsigned k = 0;
			if (!vfp_full) {
				if (p == SYNTH_F32) {
					while (k < 16 && !(sfree >> k & 1u))
						k++;
				} else {
					while (k < 16 && (sfree >> k & 3u) != 3u)
						k += 2;
				}
			}
			if (!vfp_full && k < 16) {
				sfree &= ~((p == SYNTH_F32 ? 1u : 3u) << k);
				continue;
			}
			vfp_full = true;
			sfree = 0;
			if (wide)
				nsaa = (nsaa + 1u) & ~1u;
			nsaa += wide ? 2 : 1;
			continue;
		}
		if (wide && ncrn < 4)
			ncrn = (ncrn + 1u) & ~1u;
		if (ncrn + (wide ? 2u : 1u) <= 4) {
			ncrn += wide ? 2 : 1;
			continue;
		}
		ncrn = 4;
		if (wide)
			nsaa = (nsaa + 1u) & ~1u;
		nsaa += wide ? 2 : 1;
	}
	return nsaa;
}

static void proto(FILE *f, const SynthFuncType *t, const char *pre, const char *a, const char *b)
{
	fprintf(f, "%s, %s%s_%s, (", t->nresults ? ctype(t->results[0]) : "void", pre, a, b);
	if (!t->nparams)
		fputs("void", f);
	for (uint32_t i = 0; i < t->nparams; i++)
		fprintf(f, "%s%s p%u", i ? ", " : "", ctype(t->params[i]), i);
	fputs(")", f);
}

static const char synth_natives[] =
	"static uint32_t glue_addr_(const SynthRtMemory *m, uint32_t p, uint32_t n)\n"
	"{\n"
	"\tif (p > m->bytes || n > m->bytes - p)\n"
	"\t\treturn 0;\n"
	"\treturn (uint32_t)(uintptr_t)(m->base + p);\n"
	"}\n\n";

int cli_glue(int argc, char **argv)
{
	const char *out = NULL, *hdr = NULL;
	char *fbuf = NULL; /* the C file, made in memory */
	size_t flen = 0;
	Comp c[GLUE_MAX];
	int n = 0, rc = 1;
	SynthContext *ctx = synth_context_new(NULL, NULL);
	if (!ctx)
		return 1;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			puts("usage: synth glue -o OUT.c NAME=FILE.wasm[:PREFIX] ...\n"
			     "Writes the C glue that runs each module NAME (compiled with --name NAME)\n"
			     "as a protection domain of the exported layout: domains from synth_mpu_tables[],\n"
			     "a gate per import of another component's export, the \"synth\" imports\n"
			     "(addr, copy_in, copy_out, status). See core/cli/glue.c.");
			synth_context_free(ctx);
			return 0;
		}
		if (!strcmp(a, "-o") && i + 1 < argc) {
			out = argv[++i];
			continue;
		}
		if (!strcmp(a, "--header") && i + 1 < argc) {
			hdr = argv[++i];
			continue;
		}
		const char *eq = strchr(a, '=');
		if (a[0] == '-' || !eq || eq == a || n == GLUE_MAX) {
			fprintf(stderr, "synth glue: error: expected NAME=FILE.wasm[:PREFIX], got '%s'\n", a);
			goto done;
		}
		char *name = strndup(a, (size_t)(eq - a));
		char *file = strdup(eq + 1);
		if (!name || !file) {
			fputs("synth glue: error: out of memory\n", stderr);
			free(name);
			free(file);
			goto done;
		}
		bool ident = !(name[0] >= '0' && name[0] <= '9');
		for (const char *p = name; *p; p++)
			ident = ident && ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			                  (*p >= '0' && *p <= '9') || *p == '_');
		if (!ident || find_comp(c, n, name) >= 0) {
			fprintf(stderr, "synth glue: error: '%s' is %s\n", name,
			        ident ? "named twice" : "not a C identifier (the module's --name)");
			free(name);
			free(file);
			goto done;
		}
		char *colon = strrchr(file, ':');
		if (colon)
			*colon = 0;
		c[n].name = name;
		snprintf(c[n].prefix, sizeof c[n].prefix, "%s_", name);
		if (colon)
			snprintf(c[n].prefix, sizeof c[n].prefix, "%s", colon + 1);
		uint8_t *data;
		size_t size;
		if (cli_read_file(file, &data, &size) != 0) {
			free(file);
			free(name);
			goto done;
		}
		SynthStatus st = synth_module_load(ctx, data, size, NULL, &c[n].mod);
		free(data);
		if (st != SYNTH_OK) {
			fprintf(stderr, "%s: error: %s\n", file, synth_context_diag(ctx)->message);
			free(file);
			free(name);
			goto done;
		}
		c[n].d = synth_module_desc(c[n].mod);
		free(file);
		n++;
	}
	if (!out || !n) {
		fprintf(stderr, "synth glue: error: usage: synth glue -o OUT.c NAME=FILE.wasm[:PREFIX] ...\n");
		rc = 2;
		goto done;
	}
	/* Both files are made in memory and written only when they change
	 * (cli_write_if_changed), so Ninja's restat rebuilds nothing more. */
	if (hdr) {
		char *hbuf = NULL;
		size_t hlen = 0;
		FILE *h = open_memstream(&hbuf, &hlen);
		if (!h) {
			fputs("synth glue: error: out of memory\n", stderr);
			goto done;
		}
		fputs("/* Generated by synth glue (core/cli/glue.c). Do not edit. */\n"
		      "#ifndef SYNTH_GLUE_H\n#define SYNTH_GLUE_H\n\n#include \"synth_rt.h\"\n\n", h);
		for (int i = 0; i < n; i++)
			fprintf(h, "#define SYNTH_GLUE_%s %du\n", c[i].name, i);
		/* Gate ids, in the order the C file numbers them. */
		fputs("/* Gate ids: SYNTH_GLUE_GATE_<importer>__<module>_<name>. */\n", h);
		unsigned gid = 0;
		for (int i = 0; i < n; i++)
			for (uint32_t k = 0; k < c[i].d->nimports; k++) {
				const SynthImport *im = &c[i].d->imports[k];
				int j = find_comp(c, n, im->module.str);
				if (im->kind != SYNTH_EXTERN_FUNC || j < 0 || j == i)
					continue;
				char mod[512], nm[512];
				mangle_to(mod, sizeof mod, "", im->module.str);
				mangle_to(nm, sizeof nm, "", im->name.str);
				fprintf(h, "#define SYNTH_GLUE_GATE_%s__%s_%s %uu\n", c[i].name, mod, nm, gid++);
			}
		fprintf(h, "#define SYNTH_GLUE_N %du\n\n"
		           "/* Where each component's memory 0, state section and stack are. */\n"
		           "typedef struct SynthGlueComponent {\n"
		           "\tconst char *name;\n"
		           "\tuint8_t *mem;       /* memory 0 (NULL without one) */\n"
		           "\tuint32_t mem_size;\n"
		           "\tuint8_t *state;     /* .synth_state.M (NULL without one) */\n"
		           "\tuint32_t state_size;\n"
		           "\tuintptr_t stack;    /* the planned stack.M region */\n"
		           "\tuint32_t stack_size;\n"
		           "} SynthGlueComponent;\n"
		           "extern const SynthGlueComponent synth_glue_components[SYNTH_GLUE_N];\n"
		           "/* One domain per component, indexed by SYNTH_GLUE_<name>. */\n"
		           "extern SynthRtDomain synth_glue_domains[SYNTH_GLUE_N];\n"
		           "extern const char *const synth_glue_names[SYNTH_GLUE_N];\n"
		           "/* Registers the domains (layout tables, planned stacks, restart = M__init)\n"
		           " * and the gates; 0 or the first failing status. */\n"
		           "int synth_glue_init(void);\n"
		           "/* Runs each component's M__init in its own domain; 0 or a status. */\n"
		           "int synth_glue_start(void);\n\n#endif\n", n);
		int werr = fclose(h) != 0 || cli_write_if_changed(hdr, hbuf, hlen) != 0;
		free(hbuf);
		if (werr)
			goto done;
	}
	FILE *f = open_memstream(&fbuf, &flen);
	if (!f) {
		fputs("synth glue: error: out of memory\n", stderr);
		goto done;
	}
	fputs("/* Generated by synth glue (core/cli/glue.c). Do not edit. */\n"
	      "#include <stdint.h>\n\n#include \"synth_layout.h\"\n#include \"synth_rt.h\"\n\n", f);
	for (int i = 0; i < n; i++)
		fprintf(f, "#define SYNTH_GLUE_%s %du\n", c[i].name, i);
	fprintf(f, "#define SYNTH_GLUE_N %du\n\nSynthRtDomain synth_glue_domains[SYNTH_GLUE_N];\n", n);
	fputs("const char *const synth_glue_names[SYNTH_GLUE_N] = {", f);
	for (int i = 0; i < n; i++)
		fprintf(f, "%s\"%s\"", i ? ", " : "", c[i].name);
	fputs("};\n\n", f);
	for (int i = 0; i < n; i++)
		fprintf(f, "extern int32_t %s__init(void);\nextern SynthRtMemory %s__memctl0;\n", c[i].name, c[i].name);
	fputs("\n", f);
	fputs("/* Stack argument words of a gate: hard-float or soft-float AAPCS. */\n"
	      "#if defined(__ARM_PCS_VFP)\n#define SYNTH_GLUE_FP_(hard, soft) (hard)\n#else\n"
	      "#define SYNTH_GLUE_FP_(hard, soft) (soft)\n#endif\n\n", f);
	fputs(synth_natives, f);
	fputs("typedef struct SynthGlueComponent {\n\tconst char *name;\n\tuint8_t *mem;\n\tuint32_t mem_size;\n"
	      "\tuint8_t *state;\n\tuint32_t state_size;\n\tuintptr_t stack;\n\tuint32_t stack_size;\n"
	      "} SynthGlueComponent;\n", f);
	for (int i = 0; i < n; i++) {
		if (c[i].d->nmems > c[i].d->nmems_imported)
			fprintf(f, "extern uint8_t %s__mem0[], %s__mem0_size[];\n", c[i].name, c[i].name);
		fprintf(f, "extern uint8_t %s__state[] __attribute__((weak)), %s__state_size[] __attribute__((weak));\n", c[i].name, c[i].name);
	}
	fputs("const SynthGlueComponent synth_glue_components[SYNTH_GLUE_N] = {\n", f);
	for (int i = 0; i < n; i++) {
		const char *m = c[i].name;
		if (c[i].d->nmems > c[i].d->nmems_imported)
			fprintf(f, "\t{\"%s\", %s__mem0, (uint32_t)(uintptr_t)%s__mem0_size, ", m, m, m);
		else
			fprintf(f, "\t{\"%s\", 0, 0, ", m);
		fprintf(f, "%s__state, (uint32_t)(uintptr_t)%s__state_size, SYNTH_FIXED_stack_%s_BASE, SYNTH_FIXED_stack_%s_SIZE},\n",
		        m, m, m, m);
	}
	fputs("};\n\n", f);
	/* Gates: one per cross-component import. */
	char gates[16384] = "";
	size_t gl = 0;
	unsigned id = 0;
	for (int i = 0; i < n; i++) {
		const SynthModuleDesc *d = c[i].d;
		for (uint32_t k = 0; k < d->nimports; k++) {
			const SynthImport *im = &d->imports[k];
			if (im->kind != SYNTH_EXTERN_FUNC)
				continue;
			const SynthFuncType *t = func_type(d, im->index);
			int j = find_comp(c, n, im->module.str);
			if (!strcmp(im->module.str, "synth")) {
				const char *nm = im->name.str;
				const char *ret = "int32_t", *body;
				char params[128];
				if (!strcmp(nm, "addr")) {
					snprintf(params, sizeof params, "(int32_t p, int32_t n)");
					body = "return (int32_t)glue_addr_(&%s__memctl0, (uint32_t)p, (uint32_t)n);";
				} else if (!strcmp(nm, "copy_in")) {
					snprintf(params, sizeof params, "(int32_t dst, int32_t src, int32_t n)");
					body = "uint32_t p = glue_addr_(&%s__memctl0, (uint32_t)dst, (uint32_t)n);\n"
					       "\treturn p ? synth_rt_gate_copy_in((void *)(uintptr_t)p, (const void *)(uintptr_t)src, (uint32_t)n)\n"
					       "\t         : SYNTH_RT_DOMAIN_EDENIED;";
				} else if (!strcmp(nm, "copy_out")) {
					snprintf(params, sizeof params, "(int32_t dst, int32_t src, int32_t n)");
					body = "uint32_t p = glue_addr_(&%s__memctl0, (uint32_t)src, (uint32_t)n);\n"
					       "\treturn p ? synth_rt_gate_copy_out((void *)(uintptr_t)dst, (const void *)(uintptr_t)p, (uint32_t)n)\n"
					       "\t         : SYNTH_RT_DOMAIN_EDENIED;";
				} else if (!strcmp(nm, "status")) {
					snprintf(params, sizeof params, "(void)");
					body = "return synth_rt_gate_status();";
				} else {
					fprintf(stderr, "synth glue: error: %s imports synth.%s: not one of addr, copy_in, copy_out, status\n",
					        c[i].name, nm);
					fclose(f);
					goto done;
				}
				if (strstr(body, "%s") && c[i].d->nmems == c[i].d->nmems_imported) {
					fprintf(stderr, "synth glue: error: %s imports synth.%s but defines no memory\n", c[i].name, nm);
					fclose(f);
					goto done;
				}
				fprintf(f, "%s %s__import_synth_%s%s\n{\n\t", ret, c[i].name, nm, params);
				if (strstr(body, "%s"))
					fprintf(f, body, c[i].name);
				else
					fputs(body, f);
				fputs("\n}\n\n", f);
				continue;
			}
			if (j < 0)
				continue; /* the firmware's */
			if (j == i || t->nresults > 1) {
				fprintf(stderr, "synth glue: error: %s imports %s.%s: %s\n", c[i].name, im->module.str,
				        im->name.str, j == i ? "its own export" : "more than one result");
				fclose(f);
				goto done;
			}
			/* The callee's export of that name, with the same type. */
			const SynthModuleDesc *cd = c[j].d;
			bool found = false;
			for (uint32_t e = 0; e < cd->nexports; e++) {
				const SynthExport *ex = &cd->exports[e];
				if (ex->kind == SYNTH_EXTERN_FUNC && !strcmp(ex->name.str, im->name.str)) {
					if (!same_type(func_type(cd, ex->index), t)) {
						fprintf(stderr, "synth glue: error: %s imports %s.%s with another type than %s exports\n",
						        c[i].name, im->module.str, im->name.str, c[j].name);
						fclose(f);
						goto done;
					}
					found = true;
				}
			}
			for (uint32_t p = 0; p < t->nparams; p++)
				found = found && ctype(t->params[p]);
			if (!found || (t->nresults && !ctype(t->results[0]))) {
				fprintf(stderr, "synth glue: error: %s imports %s.%s: no such function export (of number types)\n",
				        c[i].name, im->module.str, im->name.str);
				fclose(f);
				goto done;
			}
			fprintf(f, "/* %s -> %s.%s: gate %u */\nextern void ", c[i].name, c[j].name, im->name.str, id);
			fputs(c[j].prefix, f);
			mangle(f, im->name.str);
			fputs("(void);\nSYNTH_RT_GATE_STUB(", f);
			char pre[160];
			snprintf(pre, sizeof pre, "%s__import_", c[i].name);
			/* the import's symbol: M__import_<module>_<name>, both mangled */
			char mod[512], nm[512], sym[512];
			mangle_to(mod, sizeof mod, "", im->module.str);
			mangle_to(nm, sizeof nm, "", im->name.str);
			mangle_to(sym, sizeof sym, c[j].prefix, im->name.str);
			proto(f, t, pre, mod, nm);
			fprintf(f, ", %u)\n\n", id);
			unsigned hw = stack_words(t, true), sw = stack_words(t, false);
			if (hw > 16 || sw > 16) {
				fprintf(stderr, "synth glue: error: %s imports %s.%s: more than 16 stack argument words\n",
				        c[i].name, im->module.str, im->name.str);
				fclose(f);
				goto done;
			}
			if (hw == sw)
				gl += (size_t)snprintf(gates + gl, sizeof gates - gl,
				                       "\t{&synth_glue_domains[SYNTH_GLUE_%s], (void *)%s, %u, 1u << SYNTH_GLUE_%s}, /* %u */\n",
				                       c[j].name, sym, hw, c[i].name, id);
			else
				gl += (size_t)snprintf(gates + gl, sizeof gates - gl,
				                       "\t{&synth_glue_domains[SYNTH_GLUE_%s], (void *)%s, SYNTH_GLUE_FP_(%u, %u), 1u << SYNTH_GLUE_%s}, /* %u */\n",
				                       c[j].name, sym, hw, sw, c[i].name, id);
			if (gl >= sizeof gates) {
				fprintf(stderr, "synth glue: error: too many gates\n");
				fclose(f);
				goto done;
			}
			id++;
		}
	}
	fprintf(f, "#define SYNTH_GLUE_NGATES %uu\n", id);
	fprintf(f, "static const SynthRtGate glue_gates_[%u] = {\n%s};\n\n", id ? id : 1, gates);
	fputs("/* A stack guard below each stack (synth_rt_domain_stack_guard: PMSAv7 has\n"
	      " * no PSPLIM), unless the component's own memory 0 or state lies there; a\n"
	      " * domain without a free slot keeps relying on its regions. */\n"
	      "#define SYNTH_GLUE_GUARD 256u\n"
	      "static void glue_guard_(SynthRtDomain *d, const SynthGlueComponent *c)\n{\n"
	      "\tuintptr_t lo = c->stack - SYNTH_GLUE_GUARD, hi = c->stack;\n"
	      "\tif (c->mem && (uintptr_t)c->mem < hi && lo < (uintptr_t)c->mem + c->mem_size)\n\t\treturn;\n"
	      "\tif (c->state && (uintptr_t)c->state < hi && lo < (uintptr_t)c->state + c->state_size)\n\t\treturn;\n"
	      "\t(void)synth_rt_domain_stack_guard(d, SYNTH_GLUE_GUARD);\n}\n\n", f);
	fputs("int synth_glue_init(void)\n{\n\tint st;\n", f);
	for (int i = 0; i < n; i++) {
		fprintf(f,
		        "\tst = synth_rt_domain_init(&synth_glue_domains[SYNTH_GLUE_%s], \"%s\",\n"
		        "\t                          (const SynthRtMpuRegion *)(const void *)synth_mpu_tables[SYNTH_DOMAIN_%s].region,\n"
		        "\t                          SYNTH_MPU_NREGIONS, SYNTH_FIXED_stack_%s_BASE, SYNTH_FIXED_stack_%s_SIZE);\n"
		        "\tif (st)\n\t\treturn st;\n"
		        "#if defined(SYNTH_MPU_PMSAV8)\n"
		        "\tsynth_rt_domain_set_mair(&synth_glue_domains[SYNTH_GLUE_%s], synth_mpu_tables[SYNTH_DOMAIN_%s].MAIR0,\n"
		        "\t                         synth_mpu_tables[SYNTH_DOMAIN_%s].MAIR1);\n"
		        "#endif\n"
		        "\tsynth_glue_domains[SYNTH_GLUE_%s].restart = (uint32_t (*)(void))%s__init;\n"
		        "\tglue_guard_(&synth_glue_domains[SYNTH_GLUE_%s], &synth_glue_components[SYNTH_GLUE_%s]);\n",
		        c[i].name, c[i].name, c[i].name, c[i].name, c[i].name, c[i].name, c[i].name, c[i].name, c[i].name,
		        c[i].name, c[i].name, c[i].name);
	}
	fprintf(f, "\tsynth_rt_gates_init(glue_gates_, %u);\n\treturn 0;\n}\n\n", id);
	fputs("int synth_glue_start(void)\n{\n\tuint32_t r;\n\tint st;\n", f);
	for (int i = 0; i < n; i++)
		fprintf(f,
		        "\tst = synth_rt_domain_call4(&synth_glue_domains[SYNTH_GLUE_%s], (void *)%s__init, 0, 0, 0, 0, &r);\n"
		        "\tif (st)\n\t\treturn st;\n",
		        c[i].name, c[i].name);
	fputs("\treturn 0;\n}\n", f);
	if (fclose(f) != 0 || cli_write_if_changed(out, fbuf, flen) != 0)
		goto done;
	rc = 0;
done:
	free(fbuf);
	for (int i = 0; i < n; i++) {
		synth_module_free(c[i].mod);
		free((char *)c[i].name);
	}
	synth_context_free(ctx);
	return rc;
}
