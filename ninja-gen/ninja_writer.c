/* ninja_writer.c - the Ninja file writer (interface and rules in
 * ninja_writer.h). Each statement is rendered to its final text (escaped,
 * wrapped) when added and kept with its sort key; ninja_writer_finish()
 * sorts each kind, refuses duplicates and unknown rules or pools, and
 * concatenates: comment, variables, pools, rules, builds, defaults. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ninja_writer.h"

/* Kinds of statement, in the order they are written. */
enum { NW_VAR, NW_POOL, NW_RULE, NW_BUILD, NW_DEFAULT, NW_KINDS };

/* A rendered statement. */
typedef struct NwEntry {
	int kind;         /* NW_* */
	char *key;        /* sort key: name, first output or path */
	char *text;       /* rendered lines, newline-terminated */
	char *rule;       /* build: its rule; rule: NULL */
	char *pool;       /* rule or build: the pool it names, or NULL */
} NwEntry;

/* A growable string drawing on the writer's hook. */
typedef struct NwBuf {
	NinjaWriter *w; /* whose hook */
	char *s;        /* text, NUL-terminated once non-empty */
	size_t n, cap;  /* length, allocated bytes */
	bool oom;       /* an allocation failed */
} NwBuf;

struct NinjaWriter {
	SynthReallocFn fn; /* allocator hook */
	void *ud;          /* its user data */
	NwEntry *e;        /* statements */
	size_t ne, cape;   /* count, capacity */
	char **outs;       /* every output of every build, for the duplicate check */
	size_t nouts, capouts;
	char *comment;     /* header comment, or NULL */
	char error[512];   /* why the last call failed */
};

static void *default_realloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	(void)ud, (void)osize;
	if (nsize == 0) {
		free(ptr);
		return NULL;
	}
	return realloc(ptr, nsize);
}

static void *nw_realloc(NinjaWriter *w, void *p, size_t osize, size_t nsize)
{
	return w->fn(w->ud, p, p ? osize : 0, nsize);
}

static void nw_free(NinjaWriter *w, void *p, size_t size)
{
	if (p)
		w->fn(w->ud, p, size, 0);
}

static bool fail(NinjaWriter *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static bool fail(NinjaWriter *w, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(w->error, sizeof w->error, fmt, ap);
	va_end(ap);
	return false;
}

static char *dup(NinjaWriter *w, const char *s)
{
	if (!s)
		return NULL;
	size_t n = strlen(s) + 1;
	char *p = nw_realloc(w, NULL, 0, n);
	if (p)
		memcpy(p, s, n);
	return p;
}

static void str_free(NinjaWriter *w, char *s)
{
	if (s)
		nw_free(w, s, strlen(s) + 1);
}

static void put(NwBuf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->n + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap < b->n + n + 1)
			cap *= 2;
		char *p = nw_realloc(b->w, b->s, b->cap, cap);
		if (!p) {
			b->oom = true;
			return;
		}
		b->s = p;
		b->cap = cap;
	}
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = 0;
}

static void puts_(NwBuf *b, const char *s)
{
	put(b, s, strlen(s));
}

static void buf_free(NwBuf *b)
{
	nw_free(b->w, b->s, b->cap);
	b->s = NULL;
	b->n = b->cap = 0;
}

/* Hands the text over as a block of exactly strlen + 1 bytes (how str_free frees it). */
static char *buf_take(NwBuf *b)
{
	if (b->oom || !b->s) {
		buf_free(b);
		return b->oom ? NULL : dup(b->w, "");
	}
	char *p = nw_realloc(b->w, b->s, b->cap, b->n + 1);
	if (!p) {
		buf_free(b);
		return NULL;
	}
	b->s = NULL;
	b->n = b->cap = 0;
	return p;
}

/* ---- escaping ---- */

enum { ESC_PATH, ESC_VALUE, ESC_DEPFILE };

static size_t escape(const char *s, char *out, size_t cap, int mode)
{
	size_t k = 0;
#define EMIT(c) do { if (k + 1 < cap) out[k] = (c); k++; } while (0)
	for (const char *p = s; *p; p++) {
		char c = *p;
		if (c == '\n' || c == '\r') {
			if (cap)
				out[0] = 0;
			return (size_t)-1;
		}
		if (c == '$') {
			EMIT('$');
			EMIT('$');
		} else if (mode == ESC_PATH && (c == ' ' || c == ':')) {
			EMIT('$');
			EMIT(c);
		} else if (mode == ESC_VALUE && c == ' ' && p == s) {
			EMIT('$');
			EMIT(' ');
		} else if (mode == ESC_DEPFILE && (c == ' ' || c == '#')) {
			EMIT('\\');
			EMIT(c);
		} else {
			EMIT(c);
		}
	}
	if (cap)
		out[k < cap ? k : cap - 1] = 0;
	return k;
#undef EMIT
}

size_t ninja_escape_path(const char *s, char *out, size_t cap)
{
	return escape(s, out, cap, ESC_PATH);
}

size_t ninja_escape_value(const char *s, char *out, size_t cap)
{
	return escape(s, out, cap, ESC_VALUE);
}

size_t ninja_escape_depfile(const char *s, char *out, size_t cap)
{
	return escape(s, out, cap, ESC_DEPFILE);
}

static bool shell_safe(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       strchr("_@%+=:,./-", c) != NULL;
}

size_t ninja_shell_quote(const char *s, char *out, size_t cap)
{
	size_t k = 0;
	bool safe = *s != 0;
#define EMIT(c) do { if (k + 1 < cap) out[k] = (c); k++; } while (0)
	for (const char *p = s; *p; p++) {
		if (*p == '\n' || *p == '\r') {
			if (cap)
				out[0] = 0;
			return (size_t)-1;
		}
		safe &= shell_safe(*p);
	}
	if (!safe)
		EMIT('\'');
	for (const char *p = s; *p; p++) {
		if (*p == '\'' && !safe) {
			EMIT('\'');
			EMIT('\\');
			EMIT('\'');
			EMIT('\'');
		} else {
			EMIT(*p);
		}
	}
	if (!safe)
		EMIT('\'');
	if (cap)
		out[k < cap ? k : cap - 1] = 0;
	return k;
#undef EMIT
}

/* Appends s escaped by fn; false (with the error set) on a newline. */
static bool put_esc(NwBuf *b, const char *s, size_t (*fn)(const char *, char *, size_t), const char *what)
{
	size_t n = fn(s, NULL, 0);
	if (n == (size_t)-1)
		return fail(b->w, "%s contains a newline: \"%s\"", what, s);
	char small[256];
	char *tmp = n < sizeof small ? small : nw_realloc(b->w, NULL, 0, n + 1);
	if (!tmp) {
		b->oom = true;
		return true;
	}
	fn(s, tmp, n + 1);
	put(b, tmp, n);
	if (tmp != small)
		nw_free(b->w, tmp, n + 1);
	return true;
}

/* ---- lines ---- */

/* Number of '$' right before position i of s. */
static size_t dollars_before(const char *s, size_t i)
{
	size_t n = 0;
	while (i > 0 && s[i - 1] == '$')
		n++, i--;
	return n;
}

/* Writes one logical line, wrapped at NINJA_WIDTH columns the way
 * ninja_syntax.py does: break at the last unescaped blank that fits, else
 * at the first one after; continuation lines are indented two levels more. */
static void line(NwBuf *b, const char *text, int indent)
{
	size_t lead = 2 * (size_t)indent;
	size_t len = strlen(text);
	while (lead + len > NINJA_WIDTH) {
		long avail = NINJA_WIDTH - (long)lead - 2;
		long sp = -1;
		for (long i = avail < (long)len ? avail - 1 : (long)len - 1; i >= 0; i--) {
			if (text[i] == ' ' && dollars_before(text, (size_t)i) % 2 == 0) {
				sp = i;
				break;
			}
		}
		if (sp <= 0) {
			sp = -1;
			for (long i = avail > 0 ? avail : 1; i < (long)len; i++) {
				if (text[i] == ' ' && dollars_before(text, (size_t)i) % 2 == 0) {
					sp = i;
					break;
				}
			}
		}
		if (sp <= 0)
			break;
		for (size_t i = 0; i < lead; i++)
			put(b, " ", 1);
		put(b, text, (size_t)sp);
		puts_(b, " $\n");
		text += sp + 1;
		len -= (size_t)sp + 1;
		lead = 2 * (size_t)(indent + 2);
	}
	for (size_t i = 0; i < lead; i++)
		put(b, " ", 1);
	put(b, text, len);
	put(b, "\n", 1);
}

static bool name_ok(const char *s)
{
	if (!s || !*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
		      *s == '_' || *s == '-' || *s == '.'))
			return false;
	return true;
}

/* Renders "name = value" into b at the given indent. */
/* Rule bindings are raw: they exist to reference $in, $out and variables. */
static size_t raw_value(const char *s, char *out, size_t cap)
{
	if (strpbrk(s, "\n\r"))
		return (size_t)-1;
	size_t n = strlen(s);
	if (cap)
		snprintf(out, cap, "%s", s);
	return n;
}

static bool var_line(NinjaWriter *w, NwBuf *b, const char *name, const char *value, int indent, bool raw)
{
	if (!name_ok(name))
		return fail(w, "bad variable name \"%s\"", name ? name : "");
	NwBuf l = {.w = w};
	puts_(&l, name);
	puts_(&l, " = ");
	bool ok = put_esc(&l, value ? value : "", raw ? raw_value : ninja_escape_value, "variable value");
	if (ok && !l.oom)
		line(b, l.s, indent);
	b->oom |= l.oom;
	buf_free(&l);
	return ok;
}

/* ---- statements ---- */

NinjaWriter *ninja_writer_new(SynthReallocFn fn, void *ud)
{
	if (!fn)
		fn = default_realloc;
	NinjaWriter *w = fn(ud, NULL, 0, sizeof *w);
	if (!w)
		return NULL;
	memset(w, 0, sizeof *w);
	w->fn = fn;
	w->ud = ud;
	return w;
}

void ninja_writer_free(NinjaWriter *w)
{
	if (!w)
		return;
	for (size_t i = 0; i < w->ne; i++) {
		str_free(w, w->e[i].key);
		str_free(w, w->e[i].text);
		str_free(w, w->e[i].rule);
		str_free(w, w->e[i].pool);
	}
	nw_free(w, w->e, sizeof *w->e * w->cape);
	for (size_t i = 0; i < w->nouts; i++)
		str_free(w, w->outs[i]);
	nw_free(w, w->outs, sizeof *w->outs * w->capouts);
	str_free(w, w->comment);
	nw_free(w, w, sizeof *w);
}

const char *ninja_writer_error(const NinjaWriter *w)
{
	return w->error;
}

/* Adds a rendered statement (taking b's text); false when out of memory. */
static bool add(NinjaWriter *w, int kind, const char *key, NwBuf *b, const char *rule, const char *pool)
{
	if (b->oom) {
		buf_free(b);
		return fail(w, "out of memory");
	}
	if (w->ne == w->cape) {
		size_t ncap = w->cape ? w->cape * 2 : 32;
		NwEntry *e = nw_realloc(w, w->e, sizeof *e * w->cape, sizeof *e * ncap);
		if (!e) {
			buf_free(b);
			return fail(w, "out of memory");
		}
		w->e = e;
		w->cape = ncap;
	}
	NwEntry e = {.kind = kind, .key = dup(w, key), .text = buf_take(b), .rule = dup(w, rule), .pool = dup(w, pool)};
	if (!e.key || !e.text || (rule && !e.rule) || (pool && !e.pool)) {
		str_free(w, e.key);
		str_free(w, e.text);
		str_free(w, e.rule);
		str_free(w, e.pool);
		return fail(w, "out of memory");
	}
	w->e[w->ne++] = e;
	return true;
}

bool ninja_comment(NinjaWriter *w, const char *text)
{
	NwBuf b = {.w = w};
	for (const char *p = text; *p;) {
		size_t n = strcspn(p, "\n");
		puts_(&b, "# ");
		put(&b, p, n);
		puts_(&b, "\n");
		p += n + (p[n] == '\n');
	}
	if (b.oom) {
		buf_free(&b);
		return fail(w, "out of memory");
	}
	str_free(w, w->comment);
	w->comment = buf_take(&b);
	return w->comment != NULL || fail(w, "out of memory");
}

bool ninja_variable(NinjaWriter *w, const char *name, const char *value)
{
	NwBuf b = {.w = w};
	if (!var_line(w, &b, name, value, 0, false)) {
		buf_free(&b);
		return false;
	}
	return add(w, NW_VAR, name, &b, NULL, NULL);
}

bool ninja_pool(NinjaWriter *w, const char *name, unsigned depth)
{
	if (!name_ok(name))
		return fail(w, "bad pool name \"%s\"", name ? name : "");
	NwBuf b = {.w = w};
	char d[32];
	snprintf(d, sizeof d, "%u", depth);
	puts_(&b, "pool ");
	puts_(&b, name);
	puts_(&b, "\n");
	var_line(w, &b, "depth", d, 1, false);
	return add(w, NW_POOL, name, &b, NULL, NULL);
}

bool ninja_rule(NinjaWriter *w, const char *name, const NinjaVar *vars, size_t nvars)
{
	if (!name_ok(name) || !strcmp(name, "phony"))
		return fail(w, "bad rule name \"%s\"", name ? name : "");
	NwBuf b = {.w = w};
	const char *pool = NULL;
	puts_(&b, "rule ");
	puts_(&b, name);
	puts_(&b, "\n");
	for (size_t i = 0; i < nvars; i++) {
		if (!var_line(w, &b, vars[i].name, vars[i].value, 1, true)) {
			buf_free(&b);
			return false;
		}
		if (!strcmp(vars[i].name, "pool"))
			pool = vars[i].value;
	}
	return add(w, NW_RULE, name, &b, NULL, pool);
}

static bool paths(NinjaWriter *w, NwBuf *b, const char *sep, const char *const *v, size_t n, const char *what)
{
	if (n && sep)
		puts_(b, sep);
	for (size_t i = 0; i < n; i++) {
		if (!v[i] || !*v[i])
			return fail(w, "empty %s path", what);
		puts_(b, " ");
		if (!put_esc(b, v[i], ninja_escape_path, "path"))
			return false;
	}
	return true;
}

bool ninja_build(NinjaWriter *w, const NinjaBuild *bd)
{
	if (!bd->noutputs)
		return fail(w, "build statement without outputs");
	if (!name_ok(bd->rule))
		return fail(w, "bad rule name \"%s\"", bd->rule ? bd->rule : "");
	NwBuf l = {.w = w}, b = {.w = w};
	bool ok = true;
	const char *pool = NULL;
	puts_(&l, "build");
	ok = ok && paths(w, &l, NULL, bd->outputs, bd->noutputs, "output");
	if (ok) {
		puts_(&l, ": ");
		puts_(&l, bd->rule);
	}
	ok = ok && paths(w, &l, NULL, bd->inputs, bd->ninputs, "input");
	ok = ok && paths(w, &l, " |", bd->implicit, bd->nimplicit, "implicit input");
	ok = ok && paths(w, &l, " ||", bd->order, bd->norder, "order-only input");
	if (ok && !l.oom)
		line(&b, l.s, 0);
	b.oom |= l.oom;
	buf_free(&l);
	for (size_t i = 0; ok && i < bd->nvars; i++) {
		ok = var_line(w, &b, bd->vars[i].name, bd->vars[i].value, 1, false);
		if (ok && !strcmp(bd->vars[i].name, "pool"))
			pool = bd->vars[i].value;
	}
	/* Record the outputs for the duplicate check. */
	for (size_t i = 0; ok && i < bd->noutputs; i++) {
		if (w->nouts == w->capouts) {
			size_t ncap = w->capouts ? w->capouts * 2 : 64;
			char **o = nw_realloc(w, w->outs, sizeof *o * w->capouts, sizeof *o * ncap);
			if (!o) {
				b.oom = true;
				break;
			}
			w->outs = o;
			w->capouts = ncap;
		}
		char *s = dup(w, bd->outputs[i]);
		if (!s) {
			b.oom = true;
			break;
		}
		w->outs[w->nouts++] = s;
	}
	if (!ok) {
		buf_free(&b);
		return false;
	}
	return add(w, NW_BUILD, bd->outputs[0], &b, bd->rule, pool);
}

bool ninja_default(NinjaWriter *w, const char *path)
{
	NwBuf b = {.w = w};
	puts_(&b, "default ");
	if (!path || !*path || !put_esc(&b, path, ninja_escape_path, "path")) {
		buf_free(&b);
		return path && *path ? false : fail(w, "empty default path");
	}
	puts_(&b, "\n");
	return add(w, NW_DEFAULT, path, &b, NULL, NULL);
}

/* ---- finish ---- */

static int cmp_entry(const void *a, const void *b)
{
	const NwEntry *x = a, *y = b;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return strcmp(x->key, y->key);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool defined(const NinjaWriter *w, int kind, const char *name)
{
	for (size_t i = 0; i < w->ne; i++)
		if (w->e[i].kind == kind && !strcmp(w->e[i].key, name))
			return true;
	return false;
}

bool ninja_writer_finish(NinjaWriter *w, char **text, size_t *len)
{
	*text = NULL;
	*len = 0;
	w->error[0] = 0;
	qsort(w->e, w->ne, sizeof *w->e, cmp_entry);
	static const char *const kinds[NW_KINDS] = {"variable", "pool", "rule", "build output", "default"};
	for (size_t i = 1; i < w->ne; i++)
		if (w->e[i].kind == w->e[i - 1].kind && w->e[i].kind != NW_BUILD && !strcmp(w->e[i].key, w->e[i - 1].key))
			return fail(w, "duplicate %s \"%s\"", kinds[w->e[i].kind], w->e[i].key);
	qsort(w->outs, w->nouts, sizeof *w->outs, cmp_str);
	for (size_t i = 1; i < w->nouts; i++)
		if (!strcmp(w->outs[i], w->outs[i - 1]))
			return fail(w, "duplicate build output \"%s\"", w->outs[i]);
	for (size_t i = 0; i < w->ne; i++) {
		const NwEntry *e = &w->e[i];
		if (e->kind == NW_BUILD && strcmp(e->rule, "phony") && !defined(w, NW_RULE, e->rule))
			return fail(w, "build \"%s\" uses unknown rule \"%s\"", e->key, e->rule);
		if (e->pool && *e->pool && strcmp(e->pool, "console") && !defined(w, NW_POOL, e->pool))
			return fail(w, "%s uses unknown pool \"%s\"", e->key, e->pool);
	}
	NwBuf b = {.w = w};
	if (w->comment)
		puts_(&b, w->comment);
	int last = -1;
	for (size_t i = 0; i < w->ne; i++) {
		const NwEntry *e = &w->e[i];
		/* A blank line between sections and around multi-line statements. */
		bool multi = e->kind == NW_POOL || e->kind == NW_RULE || e->kind == NW_BUILD;
		if (b.n && (e->kind != last || multi))
			puts_(&b, "\n");
		puts_(&b, e->text);
		last = e->kind;
	}
	if (b.oom) {
		buf_free(&b);
		return fail(w, "out of memory");
	}
	*len = b.n;
	*text = buf_take(&b);
	if (!*text)
		return fail(w, "out of memory");
	return true;
}

void ninja_text_free(NinjaWriter *w, char *text, size_t len)
{
	if (text)
		nw_free(w, text, len + 1);
}
