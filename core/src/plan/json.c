/* json.c - JSON reading with precise error paths, and deterministic writing.
 *
 * Reading: every getter takes the JSON path of the object it reads from
 * ("$.banks[1]") and reports errors as FILE + "$.banks[1].size" + message.
 * Sizes and addresses are accepted as integers, "0x..." hex strings, or
 * decimal strings with a binary K/M/G suffix ("112K", "4M"), all through
 * synth_plan_parse_size(); a number json-c would clamp (beyond 64 bits), or
 * one that is negative or fractional, is reported with the text the file holds.
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
	r->text = o ? text : NULL;
	r->len = o ? len : 0;
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

/* The one parser of sizes and addresses, shared by every JSON reader and the
 * command line (synth plan --cap, synth layout check --cap): decimal digits,
 * "0x" and hex digits, or decimal digits with a binary K/M/G suffix,
 * optionally followed by "i" and/or "B" ("64K", "64KiB"); '_' may separate
 * hex digits. No sign, no white space, nothing after: "-1", "+5", " 7" and
 * "99999999999999999999999" are errors, never wrapped or clamped. */
SynthStatus synth_plan_parse_size(const char *s, uint64_t *out, SynthPlanError *err)
{
	pl_error_clear(err);
	if (!s || !*s)
		return pl_error(err, SYNTH_ERR_INVALID, "", "", "empty size (use an integer, \"0x...\" or a K/M/G suffix)");
	if (s[0] == '-')
		return pl_error(err, SYNTH_ERR_INVALID, "", "", "\"%s\" is negative: sizes and addresses are 0 or more", s);
	uint64_t v = 0;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		int digits = 0;
		for (const char *p = s + 2; *p; p++) {
			int d;
			if (*p >= '0' && *p <= '9')
				d = *p - '0';
			else if (*p >= 'a' && *p <= 'f')
				d = *p - 'a' + 10;
			else if (*p >= 'A' && *p <= 'F')
				d = *p - 'A' + 10;
			else if (*p == '_' && digits)
				continue;
			else
				goto malformed;
			if (v >> 60)
				return pl_error(err, SYNTH_ERR_INVALID, "", "", "\"%s\" is too large (more than 2^64 - 1)", s);
			v = v * 16 + (uint64_t)d;
			digits++;
		}
		if (!digits)
			goto malformed;
		*out = v;
		return SYNTH_OK;
	}
	const char *p = s;
	bool big = false;
	for (; *p >= '0' && *p <= '9'; p++) {
		uint64_t d = (uint64_t)(*p - '0');
		if (v > (UINT64_MAX - d) / 10)
			big = true;
		v = v * 10 + d;
	}
	if (p == s)
		goto malformed;
	unsigned shift = 0;
	if (*p == 'K' || *p == 'k')
		shift = 10, p++;
	else if (*p == 'M' || *p == 'm')
		shift = 20, p++;
	else if (*p == 'G' || *p == 'g')
		shift = 30, p++;
	if (shift && *p == 'i')
		p++; /* "64Ki" */
	if (shift && *p == 'B')
		p++; /* "64KB", "64KiB" */
	if (*p)
		goto malformed;
	if (big || (shift && v > (UINT64_MAX >> shift)))
		return pl_error(err, SYNTH_ERR_INVALID, "", "", "\"%s\" is too large (more than 2^64 - 1)", s);
	*out = v << shift;
	return SYNTH_OK;
malformed:
	return pl_error(err, SYNTH_ERR_INVALID, "", "",
	                "\"%s\" is not a size or address (use an integer, \"0x...\" or a K/M/G suffix)", s);
}

bool pl_cap_valid(uint64_t cap, char *why, size_t n)
{
	if (cap >= 1 && cap <= PL_ADDR_LIMIT)
		return true;
	snprintf(why, n, "a cap is from 1 byte to 4 GiB, not %llu", (unsigned long long)cap);
	return false;
}

SynthStatus synth_plan_parse_cap(const char *text, uint64_t *out, SynthPlanError *err)
{
	uint64_t v = 0;
	SynthStatus st = synth_plan_parse_size(text, &v, err);
	if (st)
		return st;
	char why[128];
	if (!pl_cap_valid(v, why, sizeof why))
		return pl_error(err, SYNTH_ERR_INVALID, "", "", "%s", why);
	*out = v;
	return SYNTH_OK;
}

/* ---- the text of a number ----
 * json-c clamps integers (above 2^64 - 1 to 2^64 - 1, below -2^63 to -2^63)
 * and keeps no text for them. An error about a number must show what the
 * file says, so the reader walks the (already validated) text again to the
 * value at a JSON path. Only error paths pay for the walk. */

typedef struct NumScan {
	const char *s;    /* the text */
	size_t n, i;      /* its length, the cursor */
	const char *want; /* path of the value sought */
	char path[512];   /* path of the value at the cursor */
	bool lost;        /* a step did not fit in path: nothing below matches */
	char *out;        /* where the number's text goes */
	size_t cap;
	bool found;
} NumScan;

static void ns_ws(NumScan *c)
{
	while (c->i < c->n && (c->s[c->i] == ' ' || c->s[c->i] == '\t' || c->s[c->i] == '\n' || c->s[c->i] == '\r'))
		c->i++;
}

static void ns_string(NumScan *c)
{
	c->i++; /* the opening quote */
	while (c->i < c->n && c->s[c->i] != '"')
		c->i += c->s[c->i] == '\\' ? 2 : 1;
	c->i++;
}

static void ns_value(NumScan *c, int depth)
{
	size_t plen = strlen(c->path);
	bool lost = c->lost;
	ns_ws(c);
	if (depth > 256)
		c->i = c->n; /* deeper than json-c parses: give up, the caller falls back */
	if (c->i >= c->n)
		return;
	char ch = c->s[c->i];
	if (ch == '{' || ch == '[') {
		c->i++;
		for (size_t idx = 0, prev = SIZE_MAX;; idx++) {
			if (c->i == prev)
				break; /* no progress: not JSON as json-c read it */
			prev = c->i;
			ns_ws(c);
			if (c->i >= c->n || c->s[c->i] == '}' || c->s[c->i] == ']')
				break;
			int k;
			if (ch == '{') {
				size_t k0 = c->i + 1;
				ns_string(c);
				k = snprintf(c->path + plen, sizeof c->path - plen, ".%.*s", (int)(c->i - 1 - k0), c->s + k0);
				ns_ws(c);
				c->i++; /* ':' */
			} else {
				k = snprintf(c->path + plen, sizeof c->path - plen, "[%zu]", idx);
			}
			c->lost = lost || k < 0 || (size_t)k >= sizeof c->path - plen;
			ns_value(c, depth + 1);
			c->path[plen] = 0;
			c->lost = lost;
			ns_ws(c);
			if (c->i < c->n && c->s[c->i] == ',')
				c->i++;
		}
		c->i++;
	} else if (ch == '"') {
		ns_string(c);
	} else {
		size_t b = c->i;
		while (c->i < c->n && c->s[c->i] && (strchr("+-.", c->s[c->i]) || (c->s[c->i] >= '0' && c->s[c->i] <= '9') ||
		                                     (c->s[c->i] >= 'a' && c->s[c->i] <= 'z') || c->s[c->i] == 'E'))
			c->i++;
		if (!c->lost && strcmp(c->path, c->want) == 0) { /* the last one wins, as in json-c */
			size_t len = c->i - b;
			if (len >= c->cap)
				snprintf(c->out, c->cap, "%.*s...", (int)(c->cap - 4), c->s + b);
			else
				snprintf(c->out, c->cap, "%.*s", (int)len, c->s + b);
			c->found = true;
		}
	}
}

void pl_json_number_text(PlJr *r, json_object *v, const char *path, char *out, size_t cap)
{
	NumScan c = {.s = r->text, .n = r->len, .want = path, .out = out, .cap = cap};
	c.path[0] = '$';
	if (r->text && cap > 8)
		ns_value(&c, 0);
	if (!c.found)
		snprintf(out, cap, "%s", json_object_to_json_string(v));
}

bool pl_json_u64(PlJr *r, json_object *obj, const char *path, const char *key, bool required,
                 uint64_t *out)
{
	json_object *v = pl_json_member(r, obj, path, key, required);
	if (!v)
		return false;
	char p[300], num[64];
	snprintf(p, sizeof p, "%s.%s", path, key);
	if (json_object_is_type(v, json_type_int)) {
		if (json_object_get_int64(v) < 0) {
			pl_json_number_text(r, v, p, num, sizeof num);
			pl_jr_fail(r, p, "%s is negative: sizes, addresses and counts are 0 or more", num);
			return false;
		}
		uint64_t u = json_object_get_uint64(v);
		if (u == UINT64_MAX) { /* or anything larger, clamped by json-c */
			SynthPlanError e;
			pl_json_number_text(r, v, p, num, sizeof num);
			if (synth_plan_parse_size(num, &u, &e)) {
				pl_jr_fail(r, p, "%s", e.message);
				return false;
			}
		}
		*out = u;
		return true;
	}
	if (json_object_is_type(v, json_type_double)) {
		pl_json_number_text(r, v, p, num, sizeof num);
		pl_jr_fail(r, p, "%s is not an integer", num);
		return false;
	}
	if (json_object_is_type(v, json_type_string)) {
		SynthPlanError e;
		if (synth_plan_parse_size(json_object_get_string(v), out, &e)) {
			pl_jr_fail(r, p, "%s", e.message);
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

bool pl_json_format(PlJr *r, json_object *root, const char *format, uint64_t max_version, uint64_t *version)
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
	if (v < 1 || v > max_version) {
		if (max_version == 1)
			pl_jr_fail(r, "$.version", "unsupported version %llu (this synth reads version 1)", (unsigned long long)v);
		else
			pl_jr_fail(r, "$.version", "unsupported version %llu (this synth reads versions 1 to %llu)",
			           (unsigned long long)v, (unsigned long long)max_version);
		return false;
	}
	if (version)
		*version = v;
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
