/* load.c - reading a project file.
 *
 * The project file (JSON, UTF-8) describes one firmware build:
 *
 *   {
 *     "synth_project": 1,                 format version (required, first thing checked)
 *     "name": "hello",                    firmware name, a C identifier (default "firmware")
 *     "board": "mps2-an386",              board of the MCU runtime (required); also the
 *                                         built-in planner target unless "target" is given
 *     "target": "targets/my-board.json",  planner target description file (optional)
 *     "model": "B",                       isolation model: "A" (shared memory, carved) or
 *                                         "B" (one region per memory, the default)
 *     "layout": "layout.json",            the accepted, committed layout (optional): the
 *                                         build checks the modules against it; without
 *                                         it the build plans a layout of its own
 *     "modules": [                        at least one
 *       { "name": "hello",                module identifier, a C identifier, unique
 *         "wasm": "hello.wasm",           the module (required)
 *         "target_cpu": "cortex-m4f",     core (default: the board's core)
 *         "bounds": "trap",               "trap" (default), "mask" or "none"
 *         "prefix": "hello_",             prefix of exported symbols (default "name_")
 *         "mem_cap": 1048576,             most bytes reserved per memory (optional)
 *         "mem_caps": [0, 4096],          per-memory caps by index, 0 = mem_cap (optional)
 *         "max_regions": [0, 2],          per-memory region caps by index, 1 to 64; 0 = the
 *                                         project's max_regions (optional)
 *         "mem_reserve": 65536 }          what a memory without a maximum reserves (optional)
 *     ],
 *     "domains": [                        protection domains (default: one per module)
 *       { "name": "app", "members": ["hello", "net.1"] }   "module" or "module.memidx"
 *     ],
 *     "pins": [                           where the planner must put a memory (optional)
 *       { "memory": "net.0", "bank": "sram1", "needs": ["dma"] }   bank and/or needs
 *       { "memory": "app.0", "address": "0x20010000" }   and/or an address: its
 *       { "memory": "app.state", "address": "0x20020000" }  a state section: address only
 *     ],                                  base exactly there (a "0x" hex string as
 *                                         saved, or any synth_plan_parse_size text
 *                                         or integer, below 4 GiB)
 *     "max_regions": 1,                   most MPU regions (PMP entries) model B covers a
 *                                         memory with, 1 to 64 (optional; default: as many
 *                                         as its domains have spare)
 *     "sources": ["main.c"],              the firmware's own C sources (optional)
 *     "cflags": ["-O2"]                   extra cross-compiler flags (optional)
 *   }
 *
 * Every path in the file is relative to the folder holding the file, unless
 * absolute. Sizes are non-negative JSON integers. Unknown keys are errors
 * (a misspelt key would otherwise be silently ignored), as are strings with
 * a newline or another control character (they cannot be build paths).
 * synth_project_save() writes the canonical form: keys sorted at every
 * level, 2-space indentation, keys with default values ("bounds", "model")
 * always written, absent optional keys left out.
 *
 * Errors name the file and the JSON path without "$", e.g.
 * "proj.json", "modules[2].wasm", "expected a string". Syntax errors come
 * from json-c with a line and column. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "project_internal.h"

/* JSON type of v, as an article + noun for messages. */
static bool is_type(json_object *v, json_type t)
{
	return v && json_object_is_type(v, t);
}

static void key_path(char *out, size_t cap, const char *path, const char *key)
{
	snprintf(out, cap, "%s%s%s", path, *path ? "." : "", key);
}

/* Checks every key of obj is in allowed (NULL-terminated). */
static bool keys_ok(PlJr *r, json_object *obj, const char *path, const char *const *allowed)
{
	json_object_object_foreach(obj, key, val) {
		(void)val;
		bool ok = false;
		for (const char *const *a = allowed; *a; a++)
			ok |= strcmp(*a, key) == 0;
		if (!ok) {
			char p[300];
			key_path(p, sizeof p, path, key);
			pl_jr_fail(r, p, "unknown key");
			return false;
		}
	}
	return true;
}

/* A string member: NULL when absent (an error when required) or bad. */
static const char *get_str(PlJr *r, json_object *obj, const char *path, const char *key, bool required)
{
	char p[300];
	key_path(p, sizeof p, path, key);
	json_object *v = NULL;
	if (!json_object_object_get_ex(obj, key, &v)) {
		if (required)
			pl_jr_fail(r, p, "required key missing");
		return NULL;
	}
	if (!is_type(v, json_type_string)) {
		pl_jr_fail(r, p, "expected a string");
		return NULL;
	}
	const char *s = json_object_get_string(v);
	if ((size_t)json_object_get_string_len(v) != strlen(s)) {
		pl_jr_fail(r, p, "contains a NUL character");
		return NULL;
	}
	return s;
}

/* A non-negative integer member; false when absent or bad. */
static bool get_u64(PlJr *r, json_object *v, const char *p, uint64_t *out)
{
	if (!is_type(v, json_type_int)) {
		pl_jr_fail(r, p, "expected a non-negative integer");
		return false;
	}
	int64_t i = json_object_get_int64(v);
	if (i < 0) {
		pl_jr_fail(r, p, "expected a non-negative integer");
		return false;
	}
	*out = (uint64_t)i;
	return true;
}

static bool get_u64_key(PlJr *r, json_object *obj, const char *path, const char *key, uint64_t *out)
{
	json_object *v = NULL;
	*out = 0;
	if (!json_object_object_get_ex(obj, key, &v))
		return true;
	char p[300];
	key_path(p, sizeof p, path, key);
	return get_u64(r, v, p, out);
}

/* An array member, or NULL when absent (an error when required) or not an array. */
static json_object *get_array(PlJr *r, json_object *obj, const char *path, const char *key, bool required)
{
	char p[300];
	key_path(p, sizeof p, path, key);
	json_object *v = NULL;
	if (!json_object_object_get_ex(obj, key, &v)) {
		if (required)
			pl_jr_fail(r, p, "required key missing");
		return NULL;
	}
	if (!is_type(v, json_type_array)) {
		pl_jr_fail(r, p, "expected an array");
		return NULL;
	}
	return v;
}

/* An array of strings, copied into a; *n its length. NULL (and *n = 0) when absent. */
static const char *const *get_strv(PlJr *r, PlArena *a, json_object *obj, const char *path, const char *key,
                                   bool required, uint32_t *n)
{
	*n = 0;
	json_object *arr = get_array(r, obj, path, key, required);
	if (!arr)
		return NULL;
	size_t len = json_object_array_length(arr);
	if (len > 65536) {
		char p[300];
		key_path(p, sizeof p, path, key);
		pl_jr_fail(r, p, "too many entries");
		return NULL;
	}
	const char **v = len ? pl_alloc(a, sizeof *v * len) : NULL;
	if (len && !v) {
		pl_jr_nomem(r, path);
		return NULL;
	}
	for (size_t i = 0; i < len; i++) {
		json_object *e = json_object_array_get_idx(arr, i);
		char p[300];
		snprintf(p, sizeof p, "%s%s%s[%zu]", path, *path ? "." : "", key, i);
		if (!is_type(e, json_type_string)) {
			pl_jr_fail(r, p, "expected a string");
			return NULL;
		}
		const char *s = json_object_get_string(e);
		if ((size_t)json_object_get_string_len(e) != strlen(s)) {
			pl_jr_fail(r, p, "contains a NUL character");
			return NULL;
		}
		v[i] = s; /* borrowed from the tree: the edit functions copy */
	}
	*n = (uint32_t)len;
	return v;
}

static bool need_object(PlJr *r, json_object *v, const char *path)
{
	if (!is_type(v, json_type_object)) {
		pl_jr_fail(r, path, "expected an object");
		return false;
	}
	return true;
}

/* Reports a check's failure (which names no file) as the reader's. */
static bool take(PlJr *r, SynthStatus st, SynthPlanError *e)
{
	if (st == SYNTH_OK)
		return true;
	if (st == SYNTH_ERR_NOMEM)
		pl_jr_nomem(r, e->path);
	else
		pl_jr_fail(r, e->path, "%s", e->message);
	return false;
}

/* A module's "max_regions": region caps by memory index (checked by pj_module_check). */
static bool read_max_regions(PlJr *r, PlArena *tmp, json_object *o, const char *path, SynthProjectModule *m)
{
	json_object *a = get_array(r, o, path, "max_regions", false);
	if (r->failed)
		return false;
	if (!a)
		return true;
	size_t n = json_object_array_length(a);
	char kp[300];
	key_path(kp, sizeof kp, path, "max_regions");
	if (n > 64) {
		pl_jr_fail(r, kp, "more than 64 memories");
		return false;
	}
	uint32_t *c = n ? pl_alloc(tmp, sizeof *c * n) : NULL;
	if (n && !c) {
		pl_jr_nomem(r, kp);
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		char ip[320];
		uint64_t v;
		snprintf(ip, sizeof ip, "%s[%zu]", kp, i);
		if (!get_u64(r, json_object_array_get_idx(a, i), ip, &v))
			return false;
		c[i] = v > 0xffffffffu ? 0xffffffffu : (uint32_t)v;
	}
	m->max_regions = c;
	m->nmax_regions = (uint32_t)n;
	return true;
}

static bool read_module(PlJr *r, PlArena *tmp, json_object *o, const char *path, SynthProject *p)
{
	static const char *const keys[] = {"name", "wasm", "target_cpu", "bounds", "prefix", "mem_cap",
	                                   "mem_caps", "mem_reserve", "max_regions", NULL};
	if (!need_object(r, o, path) || !keys_ok(r, o, path, keys))
		return false;
	SynthProjectModule m = {0};
	m.name = get_str(r, o, path, "name", true);
	m.wasm = get_str(r, o, path, "wasm", true);
	m.target_cpu = get_str(r, o, path, "target_cpu", false);
	m.prefix = get_str(r, o, path, "prefix", false);
	const char *b = get_str(r, o, path, "bounds", false);
	if (r->failed)
		return false;
	if (b) {
		if (!strcmp(b, "trap"))
			m.bounds = SYNTH_BOUNDS_TRAP;
		else if (!strcmp(b, "mask"))
			m.bounds = SYNTH_BOUNDS_MASK;
		else if (!strcmp(b, "none"))
			m.bounds = SYNTH_BOUNDS_NONE;
		else {
			char kp[300];
			key_path(kp, sizeof kp, path, "bounds");
			pl_jr_fail(r, kp, "expected \"trap\", \"mask\" or \"none\"");
			return false;
		}
	}
	if (!get_u64_key(r, o, path, "mem_cap", &m.mem_cap) || !get_u64_key(r, o, path, "mem_reserve", &m.mem_reserve))
		return false;
	json_object *caps = get_array(r, o, path, "mem_caps", false);
	if (r->failed)
		return false;
	if (caps) {
		size_t n = json_object_array_length(caps);
		char kp[300];
		key_path(kp, sizeof kp, path, "mem_caps");
		if (n > 64) {
			pl_jr_fail(r, kp, "more than 64 memories");
			return false;
		}
		uint64_t *c = n ? pl_alloc(tmp, sizeof *c * n) : NULL;
		if (n && !c) {
			pl_jr_nomem(r, kp);
			return false;
		}
		for (size_t i = 0; i < n; i++) {
			char ip[320];
			snprintf(ip, sizeof ip, "%s[%zu]", kp, i);
			if (!get_u64(r, json_object_array_get_idx(caps, i), ip, &c[i]))
				return false;
		}
		m.mem_caps = c;
		m.nmem_caps = (uint32_t)n;
	}
	if (!read_max_regions(r, tmp, o, path, &m))
		return false;
	SynthPlanError e;
	if (!take(r, pj_module_check(&m, "", path, &e), &e))
		return false;
	return take(r, pj_module_append(p, &m, &e), &e);
}

static bool read_domain(PlJr *r, PlArena *tmp, json_object *o, const char *path, SynthProject *p)
{
	static const char *const keys[] = {"name", "members", NULL};
	if (!need_object(r, o, path) || !keys_ok(r, o, path, keys))
		return false;
	SynthProjectDomain d = {0};
	d.name = get_str(r, o, path, "name", true);
	if (r->failed)
		return false;
	char kp[300];
	key_path(kp, sizeof kp, path, "name");
	if (!pl_is_ident(d.name)) {
		pl_jr_fail(r, kp, "expected a C identifier");
		return false;
	}
	d.members = get_strv(r, tmp, o, path, "members", true, &d.nmembers);
	if (r->failed)
		return false;
	key_path(kp, sizeof kp, path, "members");
	if (!d.nmembers) {
		pl_jr_fail(r, kp, "expected at least one member");
		return false;
	}
	for (uint32_t i = 0; i < d.nmembers; i++) {
		char name[256], ip[320];
		long idx;
		if (!pj_member_split(d.members[i], name, sizeof name, &idx)) {
			snprintf(ip, sizeof ip, "%s[%u]", kp, i);
			pl_jr_fail(r, ip, "expected \"module\" or \"module.memidx\"");
			return false;
		}
	}
	SynthPlanError e;
	return take(r, pj_domain_append(p, &d, &e), &e);
}

static bool read_pins(PlJr *r, PlArena *tmp, json_object *root, SynthProjectOptions *o)
{
	static const char *const keys[] = {"memory", "bank", "needs", "address", NULL};
	json_object *arr = get_array(r, root, "", "pins", false);
	if (!arr)
		return !r->failed;
	size_t n = json_object_array_length(arr);
	if (n > 65536) {
		pl_jr_fail(r, "pins", "too many entries");
		return false;
	}
	SynthProjectPin *pins = n ? pl_alloc(tmp, sizeof *pins * n) : NULL;
	if (n && !pins) {
		pl_jr_nomem(r, "pins");
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		char path[64];
		snprintf(path, sizeof path, "pins[%zu]", i);
		json_object *po = json_object_array_get_idx(arr, i);
		if (!need_object(r, po, path) || !keys_ok(r, po, path, keys))
			return false;
		pins[i].memory = get_str(r, po, path, "memory", true);
		pins[i].bank = get_str(r, po, path, "bank", false);
		pins[i].needs = get_strv(r, tmp, po, path, "needs", false, &pins[i].nneeds);
		if (r->failed)
			return false;
		json_object *av = NULL;
		if (json_object_object_get_ex(po, "address", &av)) {
			char ap[96];
			key_path(ap, sizeof ap, path, "address");
			SynthPlanError e;
			if (is_type(av, json_type_string)) {
				if (synth_plan_parse_size(json_object_get_string(av), &pins[i].address, &e)) {
					pl_jr_fail(r, ap, "%s", e.message);
					return false;
				}
			} else if (!get_u64(r, av, ap, &pins[i].address)) {
				return false;
			}
			if (pins[i].address >= (1ULL << 32)) {
				pl_jr_fail(r, ap, "address 0x%llx is not below 4 GiB", (unsigned long long)pins[i].address);
				return false;
			}
			pins[i].has_address = true;
		}
	}
	o->pins = pins;
	o->npins = (uint32_t)n;
	return true;
}

static bool read_root(PlJr *r, PlArena *tmp, json_object *root, SynthProject *p)
{
	static const char *const keys[] = {SYNTH_PROJECT_KEY, "name", "board", "target", "model", "layout",
	                                   "modules", "domains", "pins", "sources", "cflags", "max_regions", NULL};
	if (!is_type(root, json_type_object)) {
		pl_jr_fail(r, "", "expected an object");
		return false;
	}
	json_object *ver = NULL;
	if (!json_object_object_get_ex(root, SYNTH_PROJECT_KEY, &ver)) {
		pl_jr_fail(r, SYNTH_PROJECT_KEY, "required key missing: not a Synth project file");
		return false;
	}
	uint64_t v;
	if (!get_u64(r, ver, SYNTH_PROJECT_KEY, &v))
		return false;
	if (v != SYNTH_PROJECT_VERSION) {
		pl_jr_fail(r, SYNTH_PROJECT_KEY, "unsupported version %llu (this synth reads version %d)",
		           (unsigned long long)v, SYNTH_PROJECT_VERSION);
		return false;
	}
	if (!keys_ok(r, root, "", keys))
		return false;
	SynthProjectOptions o = {.model = SYNTH_MODEL_B};
	o.name = get_str(r, root, "", "name", false);
	o.board = get_str(r, root, "", "board", true);
	o.target = get_str(r, root, "", "target", false);
	o.layout = get_str(r, root, "", "layout", false);
	const char *model = get_str(r, root, "", "model", false);
	if (r->failed)
		return false;
	if (model) {
		if (!strcmp(model, "A") || !strcmp(model, "a"))
			o.model = SYNTH_MODEL_A;
		else if (!strcmp(model, "B") || !strcmp(model, "b"))
			o.model = SYNTH_MODEL_B;
		else {
			pl_jr_fail(r, "model", "expected \"A\" or \"B\"");
			return false;
		}
	}
	o.sources = get_strv(r, tmp, root, "", "sources", false, &o.nsources);
	o.cflags = get_strv(r, tmp, root, "", "cflags", false, &o.ncflags);
	uint64_t mr = 0;
	if (!get_u64_key(r, root, "", "max_regions", &mr))
		return false;
	if (json_object_object_get_ex(root, "max_regions", NULL) && mr == 0) {
		pl_jr_fail(r, "max_regions", "expected a number of regions from 1 to 64");
		return false;
	}
	o.max_regions = mr > 0xffffffffu ? 0xffffffffu : (uint32_t)mr;
	if (r->failed || !read_pins(r, tmp, root, &o))
		return false;
	SynthPlanError e;
	if (!take(r, pj_options_check(&o, "", &e), &e) || !take(r, pj_options_copy(p, &o, &e), &e))
		return false;

	json_object *mods = get_array(r, root, "", "modules", true);
	if (!mods)
		return false;
	size_t n = json_object_array_length(mods);
	if (n == 0) {
		pl_jr_fail(r, "modules", "expected at least one module");
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		char path[64];
		snprintf(path, sizeof path, "modules[%zu]", i);
		if (!read_module(r, tmp, json_object_array_get_idx(mods, i), path, p))
			return false;
	}
	json_object *doms = get_array(r, root, "", "domains", false);
	if (r->failed)
		return false;
	n = doms ? json_object_array_length(doms) : 0;
	for (size_t i = 0; i < n; i++) {
		char path[64];
		snprintf(path, sizeof path, "domains[%zu]", i);
		if (!read_domain(r, tmp, json_object_array_get_idx(doms, i), path, p))
			return false;
	}
	return take(r, synth_project_check(p, &e), &e);
}

SynthStatus synth_project_load_json(SynthContext *ctx, const char *text, size_t len, const char *file,
                                    SynthProject **out, SynthPlanError *err)
{
	*out = NULL;
	pl_error_clear(err);
	SynthPlanError local;
	if (!err)
		err = &local;
	PlJr r = {.file = file, .err = err};
	SynthProject *p = synth_project_new(ctx);
	if (!p)
		return pl_error(err, SYNTH_ERR_NOMEM, file, "", "out of memory");
	PlArena tmp;
	pl_arena_init(&tmp, &ctx->alloc);
	json_object *root = pl_json_parse(&r, text, len);
	bool ok = root && read_root(&r, &tmp, root, p);
	json_object_put(root);
	pl_arena_free(&tmp);
	if (!ok) {
		synth_project_free(p);
		if (err->status == SYNTH_OK)
			err->status = SYNTH_ERR_INVALID;
		return err->status;
	}
	*out = p;
	return SYNTH_OK;
}

SynthStatus synth_project_load_file(SynthContext *ctx, const char *path, SynthProject **out, SynthPlanError *err)
{
	*out = NULL;
	pl_error_clear(err);
	SyStr buf = {.alloc = &ctx->alloc};
	if (!pl_read_file(&buf, path, err))
		return err ? err->status : SYNTH_ERR_ARGUMENT;
	SynthStatus st = synth_project_load_json(ctx, buf.s ? buf.s : "", buf.n, path, out, err);
	sy_str_free(&buf);
	return st;
}
