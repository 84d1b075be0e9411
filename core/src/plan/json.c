/* json.c - JSON reading with precise error paths, and deterministic writing.
 *
 * Reading: every getter takes the JSON path of the object it reads from
 * ("$.banks[1]") and reports errors as FILE + "$.banks[1].size" + message.
 * Sizes and addresses are accepted as integers, "0x..." hex strings, or
 * decimal strings with a binary K/M/G suffix ("112K", "4M").
 * Writing: keys are sorted at every level, 2-space indentation, one trailing
 * newline, no escaped slashes, so a layout file diffs cleanly. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan_internal.h"

void pl_jr_fail(PlJr *r, const char *path, const char *fmt, ...)
{
	if (r->failed)
		return; /* keep the first error: later ones are often consequences */
	r->failed = true;
	if (!r->err)
		return;
	r->err->status = SYNTH_ERR_INVALID;
	snprintf(r->err->file, sizeof r->err->file, "%s", r->file ? r->file : "");
	snprintf(r->err->path, sizeof r->err->path, "%s", path ? path : "");
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->err->message, sizeof r->err->message, fmt, ap);
	va_end(ap);
}

void pl_jr_nomem(PlJr *r, const char *path)
{
	if (r->failed)
		return;
	pl_jr_fail(r, path, "out of memory");
	if (r->err)
		r->err->status = SYNTH_ERR_NOMEM;
}

json_object *pl_json_parse(PlJr *r, const char *text, size_t len)
{
	if (len > 64u * 1024 * 1024) {
		pl_jr_fail(r, "", "file too large");
		return NULL;
	}
	for (size_t i = 0; i < len; i++) {
		if (text[i] == 0) {
			pl_jr_fail(r, "", "NUL byte at offset %zu: not a JSON text file", i);
			return NULL;
		}
	}
	json_tokener *tok = json_tokener_new_ex(64);
	if (!tok) {
		pl_jr_nomem(r, "");
		return NULL;
	}
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
	json_object *o = json_tokener_parse_ex(tok, text, (int)len);
	enum json_tokener_error e = json_tokener_get_error(tok);
	size_t end = json_tokener_get_parse_end(tok);
	if (!o && e == json_tokener_continue)
		e = json_tokener_error_parse_eof;
	if (e == json_tokener_success) {
		/* Only white space may follow the value. */
		for (size_t i = end; i < len; i++) {
			if (text[i] != ' ' && text[i] != '\n' && text[i] != '\r' && text[i] != '\t') {
				e = json_tokener_error_parse_unexpected;
				end = i;
				json_object_put(o);
				o = NULL;
				break;
			}
		}
	}
	if (e != json_tokener_success) {
		unsigned line = 1, col = 1;
		for (size_t i = 0; i < end && i < len; i++) {
			if (text[i] == '\n') {
				line++;
				col = 1;
			} else {
				col++;
			}
		}
		pl_jr_fail(r, "", "JSON syntax error at line %u, column %u: %s", line, col,
		           json_tokener_error_desc(e));
		json_object_put(o);
		o = NULL;
	}
	json_tokener_free(tok);
	return o;
}

bool pl_json_object_keys(PlJr *r, json_object *obj, const char *path, const char *const *allowed)
{
	if (!json_object_is_type(obj, json_type_object)) {
		pl_jr_fail(r, path, "must be an object");
		return false;
	}
	json_object_object_foreach(obj, key, val) {
		(void)val;
		bool ok = false;
		for (const char *const *a = allowed; *a; a++)
			ok |= strcmp(*a, key) == 0;
		if (!ok) {
			char p[300];
			snprintf(p, sizeof p, "%s.%s", path, key);
			pl_jr_fail(r, p, "unknown field \"%s\"", key);
			return false;
		}
	}
	return true;
}

json_object *pl_json_member(PlJr *r, json_object *obj, const char *path, const char *key, bool required)
{
	json_object *v = NULL;
	if (!json_object_object_get_ex(obj, key, &v) || !v) {
		if (required) {
			char p[300];
			snprintf(p, sizeof p, "%s.%s", path, key);
			pl_jr_fail(r, p, "missing field \"%s\"", key);
		}
		return NULL;
	}
	return v;
}

/* Parses "0x..", decimal, or decimal with K/M/G; false when malformed or too big. */
static bool parse_size(const char *s, uint64_t *out)
{
	if (!*s)
		return false;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		if (!s[2])
			return false;
		uint64_t v = 0;
		for (const char *p = s + 2; *p; p++) {
			int d;
			if (*p >= '0' && *p <= '9')
				d = *p - '0';
			else if (*p >= 'a' && *p <= 'f')
				d = *p - 'a' + 10;
			else if (*p >= 'A' && *p <= 'F')
				d = *p - 'A' + 10;
			else if (*p == '_')
				continue;
			else
				return false;
			if (v >> 60)
				return false;
			v = v * 16 + (uint64_t)d;
		}
		*out = v;
		return true;
	}
	uint64_t v = 0;
	const char *p = s;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (v > (UINT64_MAX - 9) / 10)
			return false;
		v = v * 10 + (uint64_t)(*p - '0');
	}
	if (p == s)
		return false;
	unsigned shift = 0;
	if (*p == 'K' || *p == 'k')
		shift = 10, p++;
	else if (*p == 'M' || *p == 'm')
		shift = 20, p++;
	else if (*p == 'G' || *p == 'g')
		shift = 30, p++;
	if (shift && (*p == 'i'))
		p++; /* "64Ki" */
	if (shift && (*p == 'B'))
		p++; /* "64KB", "64KiB" */
	if (*p)
		return false;
	if (shift && v > (UINT64_MAX >> shift))
		return false;
	*out = v << shift;
	return true;
}

bool pl_json_u64(PlJr *r, json_object *obj, const char *path, const char *key, bool required,
                 uint64_t *out)
{
	json_object *v = pl_json_member(r, obj, path, key, required);
	if (!v)
		return false;
	char p[300];
	snprintf(p, sizeof p, "%s.%s", path, key);
	if (json_object_is_type(v, json_type_int)) {
		errno = 0;
		int64_t i = json_object_get_int64(v);
		if (i < 0 || (i == INT64_MAX && errno)) {
			pl_jr_fail(r, p, "must be a non-negative integer, got %lld", (long long)i);
			return false;
		}
		*out = (uint64_t)i;
		return true;
	}
	if (json_object_is_type(v, json_type_string)) {
		const char *s = json_object_get_string(v);
		if (!parse_size(s, out)) {
			pl_jr_fail(r, p, "\"%s\" is not a size or address (use an integer, \"0x...\" or a K/M/G suffix)", s);
			return false;
		}
		return true;
	}
	pl_jr_fail(r, p, "must be an integer or a string such as \"0x20000000\" or \"64K\"");
	return false;
}

const char *pl_json_str(PlJr *r, json_object *obj, const char *path, const char *key, bool required)
{
	json_object *v = pl_json_member(r, obj, path, key, required);
	if (!v)
		return NULL;
	if (!json_object_is_type(v, json_type_string)) {
		char p[300];
		snprintf(p, sizeof p, "%s.%s", path, key);
		pl_jr_fail(r, p, "must be a string");
		return NULL;
	}
	return json_object_get_string(v);
}

bool pl_json_bool(PlJr *r, json_object *obj, const char *path, const char *key, bool def)
{
	json_object *v = pl_json_member(r, obj, path, key, false);
	if (!v)
		return def;
	if (!json_object_is_type(v, json_type_boolean)) {
		char p[300];
		snprintf(p, sizeof p, "%s.%s", path, key);
		pl_jr_fail(r, p, "must be true or false");
		return def;
	}
	return json_object_get_boolean(v);
}

json_object *pl_json_array(PlJr *r, json_object *obj, const char *path, const char *key, bool required)
{
	json_object *v = pl_json_member(r, obj, path, key, required);
	if (!v)
		return NULL;
	if (!json_object_is_type(v, json_type_array)) {
		char p[300];
		snprintf(p, sizeof p, "%s.%s", path, key);
		pl_jr_fail(r, p, "must be an array");
		return NULL;
	}
	return v;
}

bool pl_json_format(PlJr *r, json_object *root, const char *format)
{
	if (!json_object_is_type(root, json_type_object)) {
		pl_jr_fail(r, "$", "must be an object");
		return false;
	}
	const char *f = pl_json_str(r, root, "$", "format", true);
	if (!f)
		return false;
	if (strcmp(f, format) != 0) {
		pl_jr_fail(r, "$.format", "expected \"%s\", got \"%s\"", format, f);
		return false;
	}
	uint64_t v = 0;
	if (!pl_json_u64(r, root, "$", "version", true, &v))
		return false;
	if (v != SYNTH_PLAN_FORMAT_VERSION) {
		pl_jr_fail(r, "$.version", "unsupported version %llu (this synth reads version %d)",
		           (unsigned long long)v, SYNTH_PLAN_FORMAT_VERSION);
		return false;
	}
	return true;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void dump(SyStr *b, json_object *o, int indent)
{
	switch (json_object_get_type(o)) {
	case json_type_object: {
		int n = json_object_object_length(o);
		if (n == 0) {
			sy_str_printf(b, "{}");
			return;
		}
		const char **keys = sy_malloc(b->alloc, sizeof *keys * (size_t)n);
		if (!keys) {
			b->oom = true;
			return;
		}
		int k = 0;
		json_object_object_foreach(o, key, val) {
			(void)val;
			keys[k++] = key;
		}
		qsort(keys, (size_t)n, sizeof *keys, cmp_str);
		sy_str_printf(b, "{\n");
		for (int i = 0; i < n; i++) {
			json_object *v = json_object_object_get(o, keys[i]);
			/* Keys go through json-c so their escaping matches the values'. */
			json_object *ks = json_object_new_string(keys[i]);
			if (!ks) {
				b->oom = true;
				break;
			}
			sy_str_printf(b, "%*s%s: ", indent + 2, "",
			              json_object_to_json_string_ext(ks, JSON_C_TO_STRING_NOSLASHESCAPE));
			json_object_put(ks);
			dump(b, v, indent + 2);
			sy_str_printf(b, i + 1 < n ? ",\n" : "\n");
		}
		sy_str_printf(b, "%*s}", indent, "");
		sy_free(b->alloc, keys, sizeof *keys * (size_t)n);
		return;
	}
	case json_type_array: {
		size_t n = json_object_array_length(o);
		if (n == 0) {
			sy_str_printf(b, "[]");
			return;
		}
		/* Arrays of scalars stay on one line; arrays of objects get one per line. */
		bool flat = true;
		for (size_t i = 0; i < n; i++) {
			json_type t = json_object_get_type(json_object_array_get_idx(o, i));
			if (t == json_type_object || t == json_type_array)
				flat = false;
		}
		if (flat) {
			sy_str_printf(b, "[");
			for (size_t i = 0; i < n; i++) {
				dump(b, json_object_array_get_idx(o, i), indent);
				if (i + 1 < n)
					sy_str_printf(b, ", ");
			}
			sy_str_printf(b, "]");
			return;
		}
		sy_str_printf(b, "[\n");
		for (size_t i = 0; i < n; i++) {
			sy_str_printf(b, "%*s", indent + 2, "");
			dump(b, json_object_array_get_idx(o, i), indent + 2);
			sy_str_printf(b, i + 1 < n ? ",\n" : "\n");
		}
		sy_str_printf(b, "%*s]", indent, "");
		return;
	}
	default:
		sy_str_printf(b, "%s", json_object_to_json_string_ext(o, JSON_C_TO_STRING_NOSLASHESCAPE));
		return;
	}
}

char *pl_json_dump(const SyAlloc *a, json_object *o)
{
	SyStr b = {.alloc = a};
	dump(&b, o, 0);
	sy_str_printf(&b, "\n");
	return sy_str_take(&b);
}

json_object *pl_json_hex(uint64_t v)
{
	char s[24];
	snprintf(s, sizeof s, "0x%08llx", (unsigned long long)v);
	return json_object_new_string(s);
}

const char *pl_access_str(uint32_t access, char buf[16])
{
	size_t n = 0;
	if (access & SYNTH_ACCESS_R)
		buf[n++] = 'r';
	if (access & SYNTH_ACCESS_W)
		buf[n++] = 'w';
	if (access & SYNTH_ACCESS_X)
		buf[n++] = 'x';
	buf[n] = 0;
	if (access & SYNTH_ACCESS_DEVICE)
		strcat(buf, "-device");
	return buf;
}

bool pl_access_parse(const char *s, uint32_t *out)
{
	uint32_t a = 0;
	const char *dev = strstr(s, "-device");
	size_t n = dev ? (size_t)(dev - s) : strlen(s);
	if (dev && strcmp(dev, "-device") != 0)
		return false;
	for (size_t i = 0; i < n; i++) {
		uint32_t bit = s[i] == 'r' ? SYNTH_ACCESS_R : s[i] == 'w' ? SYNTH_ACCESS_W :
		               s[i] == 'x' ? SYNTH_ACCESS_X : 0;
		if (!bit || (a & bit))
			return false;
		a |= bit;
	}
	if (!(a & SYNTH_ACCESS_R))
		return false; /* write-only or execute-only is not expressible on every unit */
	if (dev)
		a |= SYNTH_ACCESS_DEVICE;
	*out = a;
	return true;
}
