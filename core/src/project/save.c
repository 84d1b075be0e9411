/* save.c - writing a project file in its canonical form (format in load.c):
 * keys in byte order at every level, 2-space indentation, arrays of
 * strings and numbers on one line, arrays of objects one element per line,
 * one trailing newline. Written by hand rather than through json-c so the
 * text allocates through the context's hook and its bytes depend on the
 * project alone; loading the text and saving again gives the same bytes.
 * Each writer below lists its keys already sorted. */
#include <stdio.h>
#include <string.h>

#include "project_internal.h"

/* A JSON string: escapes '"', '\\' and control characters, keeps UTF-8. */
static void str(SyStr *b, const char *s)
{
	sy_str_printf(b, "\"");
	for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
		switch (*c) {
		case '"': sy_str_printf(b, "\\\""); break;
		case '\\': sy_str_printf(b, "\\\\"); break;
		case '\n': sy_str_printf(b, "\\n"); break;
		case '\r': sy_str_printf(b, "\\r"); break;
		case '\t': sy_str_printf(b, "\\t"); break;
		default:
			if (*c < 0x20 || *c == 0x7f)
				sy_str_printf(b, "\\u%04x", *c);
			else
				sy_str_printf(b, "%c", *c);
		}
	}
	sy_str_printf(b, "\"");
}

/* Writes the separator before a key and the key itself. */
static void key(SyStr *b, int indent, bool *first, const char *k)
{
	sy_str_printf(b, "%s%*s", *first ? "\n" : ",\n", indent, "");
	*first = false;
	str(b, k);
	sy_str_printf(b, ": ");
}

static void strv(SyStr *b, const char *const *v, uint32_t n)
{
	sy_str_printf(b, "[");
	for (uint32_t i = 0; i < n; i++) {
		if (i)
			sy_str_printf(b, ", ");
		str(b, v[i]);
	}
	sy_str_printf(b, "]");
}

static void opt_str(SyStr *b, int indent, bool *first, const char *k, const char *v)
{
	if (v) {
		key(b, indent, first, k);
		str(b, v);
	}
}

static void opt_u64(SyStr *b, int indent, bool *first, const char *k, uint64_t v)
{
	if (v) {
		key(b, indent, first, k);
		sy_str_printf(b, "%llu", (unsigned long long)v);
	}
}

static void close_obj(SyStr *b, int indent)
{
	sy_str_printf(b, "\n%*s}", indent, "");
}

static void module(SyStr *b, const SynthProjectModule *m, int indent)
{
	bool first = true;
	sy_str_printf(b, "{");
	key(b, indent + 2, &first, "bounds");
	str(b, pj_bounds_name(m->bounds));
	opt_u64(b, indent + 2, &first, "mem_cap", m->mem_cap);
	if (m->nmem_caps) {
		key(b, indent + 2, &first, "mem_caps");
		sy_str_printf(b, "[");
		for (uint32_t i = 0; i < m->nmem_caps; i++)
			sy_str_printf(b, "%s%llu", i ? ", " : "", (unsigned long long)m->mem_caps[i]);
		sy_str_printf(b, "]");
	}
	if (m->nmax_regions) {
		key(b, indent + 2, &first, "max_regions");
		sy_str_printf(b, "[");
		for (uint32_t i = 0; i < m->nmax_regions; i++)
			sy_str_printf(b, "%s%u", i ? ", " : "", m->max_regions[i]);
		sy_str_printf(b, "]");
	}
	opt_u64(b, indent + 2, &first, "mem_reserve", m->mem_reserve);
	opt_str(b, indent + 2, &first, "name", m->name);
	opt_str(b, indent + 2, &first, "prefix", m->prefix);
	opt_str(b, indent + 2, &first, "target_cpu", m->target_cpu);
	opt_str(b, indent + 2, &first, "wasm", m->wasm);
	close_obj(b, indent);
}

static void domain(SyStr *b, const SynthProjectDomain *d, int indent)
{
	bool first = true;
	sy_str_printf(b, "{");
	key(b, indent + 2, &first, "members");
	strv(b, d->members, d->nmembers);
	opt_str(b, indent + 2, &first, "name", d->name);
	close_obj(b, indent);
}

static void pin(SyStr *b, const SynthProjectPin *p, int indent)
{
	bool first = true;
	sy_str_printf(b, "{");
	if (p->has_address) {
		char hex[24];
		snprintf(hex, sizeof hex, "0x%08llx", (unsigned long long)p->address);
		opt_str(b, indent + 2, &first, "address", hex);
	}
	opt_str(b, indent + 2, &first, "bank", p->bank);
	opt_str(b, indent + 2, &first, "memory", p->memory);
	if (p->nneeds) {
		key(b, indent + 2, &first, "needs");
		strv(b, p->needs, p->nneeds);
	}
	close_obj(b, indent);
}

/* An array of objects, one per line, each written by fn. */
#define OBJ_ARRAY(b, indent, arr, n, fn)                                          \
	do {                                                                      \
		sy_str_printf(b, "[");                                            \
		for (uint32_t i_ = 0; i_ < (n); i_++) {                           \
			sy_str_printf(b, "%s%*s", i_ ? ",\n" : "\n", (indent) + 2, ""); \
			fn(b, &(arr)[i_], (indent) + 2);                          \
		}                                                                 \
		sy_str_printf(b, "\n%*s]", (indent), "");                        \
	} while (0)

SynthStatus synth_project_save(SynthContext *ctx, const SynthProject *p, char **text, SynthPlanError *err)
{
	*text = NULL;
	pl_error_clear(err);
	const SynthProjectDesc *d = &p->d;
	const SynthProjectOptions *o = &d->opt;
	SyStr b = {.alloc = &ctx->alloc};
	bool first = true;
	sy_str_printf(&b, "{");
	opt_str(&b, 2, &first, "board", o->board);
	if (o->ncflags) {
		key(&b, 2, &first, "cflags");
		strv(&b, o->cflags, o->ncflags);
	}
	if (d->ndomains) {
		key(&b, 2, &first, "domains");
		OBJ_ARRAY(&b, 2, d->domains, d->ndomains, domain);
	}
	opt_str(&b, 2, &first, "layout", o->layout);
	opt_u64(&b, 2, &first, "max_regions", o->max_regions);
	key(&b, 2, &first, "model");
	str(&b, o->model == SYNTH_MODEL_A ? "A" : "B");
	if (d->nmodules) {
		key(&b, 2, &first, "modules");
		OBJ_ARRAY(&b, 2, d->modules, d->nmodules, module);
	}
	opt_str(&b, 2, &first, "name", o->name);
	if (o->npins) {
		key(&b, 2, &first, "pins");
		OBJ_ARRAY(&b, 2, o->pins, o->npins, pin);
	}
	if (o->nsources) {
		key(&b, 2, &first, "sources");
		strv(&b, o->sources, o->nsources);
	}
	key(&b, 2, &first, SYNTH_PROJECT_KEY);
	sy_str_printf(&b, "%d", SYNTH_PROJECT_VERSION);
	opt_str(&b, 2, &first, "target", o->target);
	sy_str_printf(&b, "\n}\n");
	*text = sy_str_take(&b);
	return *text ? SYNTH_OK : pl_error(err, SYNTH_ERR_NOMEM, "", "", "out of memory");
}

void synth_project_text_free(SynthContext *ctx, char *text)
{
	sy_str_free_text(&ctx->alloc, text);
}
