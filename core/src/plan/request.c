/* request.c - memory requests and protection domains: the planner's input.
 *
 * A request file (format "synth-requests", version 2; synth compile writes
 * one per module, core/src/driver/compile.c; version 1, without "state", is read
 * too):
 *   { "format": "synth-requests", "version": 2,
 *     "memories": [ { "module": "net", "memidx": 0,
 *                     "min": 65536, "max": 131072,    bytes (max optional)
 *                     "page_size": 65536,             65536 (default) or 1
 *                     "reserve": 131072,              default max, else min
 *                     "align": 4096,                  optional base alignment:
 *                                                     a power of two, 1 to 1 GiB
 *                     "imported": false, "exported": true,
 *                     "bank": "sram", "needs": ["dma"],       both optional
 *                     "address": "0x20010000",        optional address pin: the
 *                                                     memory's base, exactly
 *                     "component": "c1", "export": "memory$1", a fused module's
 *                     "adapters": ["c1_c2"],       component (all three optional)
 *                     "max_regions": 2 } ],        optional: most regions (PMP
 *                                                  entries) model B covers it with,
 *                                                  1 to 64 (synth_plan_input_set_max_regions)
 *     "state": [ { "kind": "state", "module": "net",   optional; at most one
 *                  "section": ".synth_state.net",      per module, the module's
 *                  "symbol": "net__state",             state section (optional)
 *                  "size": 96,                         bytes, a multiple of 32
 *                  "align": 32,                        optional, >= 32
 *                  "address": "0x20010000" } ] }       optional address pin
 * A state request stands for everything the module writes at run time
 * besides its memories (core/ABI.md, "State"): a region of size bytes that
 * belongs in the module's domain: the planner places it like a memory of
 * that domain (item "module.state"). A .wasm input gets one too, of the
 * size synth compile lays out (synth_state_size).
 * A plan-input file (format "synth-plan-input", version 1) adds domains:
 *   { "format": "synth-plan-input", "version": 1,
 *     "target": "mps2-an385",                         optional default target
 *     "inputs": ["net.wasm", "app.requests.json"],     relative to this file
 *     "cap": "256K",                                   cap for .wasm inputs (1 B to 4 GiB)
 *     "memories": [ ...as in a request file... ],
 *     "max_regions": 2,                                optional default of every
 *                                                      memory's max_regions
 *     "domains": [ { "name": "net", "memories": ["net", "shared.0"] } ] }
 * Numbers follow json.c (synth_plan_parse_size); min and max are at most
 * 4 GiB (a 32-bit memory), reserve 1 byte to 4 GiB.
 * A domain member is "module" (all its memories, and its state section),
 * "module.memidx" (memidx in decimal digits only) or "module.state" (the
 * state section alone). With no domain at all, every module is a domain
 * holding its own memories and state.
 * A state section belongs to the domains that name it most directly: those
 * naming "module.state" when one does, else those naming "module", else
 * those naming one of its memories; a state no domain names is an error.
 * A module whose every memory names its component (synth_module_components)
 * gets, with no domain given, a domain per component, "<module>_<component>",
 * and one per adapter, "<module>_<adapter>", with the memories that name it;
 * its state section then belongs to all of them (the third rule above).
 * A .wasm module becomes one request per memory, reserving what synth
 * compile reserves (synth_memory_request) for the same cap, and a state
 * request when it has state (synth_state_size).
 * An address pin ("address", or synth_plan_input_pin_address) is a number
 * or a string as synth_plan_parse_size reads it ("0x20010000", "512K"),
 * below 4 GiB; the writer writes it as "0x%08x". Whether the target can
 * honour it is the planner's question (plan.c), not the reader's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan_internal.h"

SynthPlanInput *synth_plan_input_new(SynthContext *ctx)
{
	SynthPlanInput *in = sy_malloc(&ctx->alloc, sizeof *in);
	if (!in)
		return NULL;
	memset(in, 0, sizeof *in);
	in->ctx = ctx;
	pl_arena_init(&in->arena, &ctx->alloc);
	return in;
}

void synth_plan_input_free(SynthPlanInput *in)
{
	if (!in)
		return;
	pl_arena_free(&in->arena);
	sy_free(&in->ctx->alloc, in, sizeof *in);
}

const SynthPlanInputDesc *synth_plan_input_desc(const SynthPlanInput *in)
{
	return &in->d;
}

int pl_input_find(const SynthPlanInputDesc *d, const char *module, uint32_t memidx)
{
	for (uint32_t i = 0; i < d->nrequests; i++)
		if (d->requests[i].memidx == memidx && strcmp(d->requests[i].module, module) == 0)
			return (int)i;
	return -1;
}

/* Checks and appends a request; file/path locate it for errors. */
static SynthStatus add_request(SynthPlanInput *in, const SynthMemRequest *q, const char *file,
                               const char *path, SynthPlanError *err)
{
	char name[300];
	snprintf(name, sizeof name, "%s.%u", q->module ? q->module : "?", q->memidx);
	if (in->finished)
		return pl_error(err, SYNTH_ERR_ARGUMENT, file, path, "the input is already finished");
	if (!pl_is_ident(q->module))
		return pl_error(err, SYNTH_ERR_INVALID, file, path,
		                "module name \"%s\" must be a C identifier (letters, digits, '_')",
		                q->module ? q->module : "");
	if (q->page_size_log2 != 0 && q->page_size_log2 != 16)
		return pl_error(err, SYNTH_ERR_INVALID, file, path, "memory %s: page size must be 1 or 65536 bytes", name);
	uint64_t page = 1ULL << q->page_size_log2;
	if (q->min_bytes % page || (q->has_max && q->max_bytes % page))
		return pl_error(err, SYNTH_ERR_INVALID, file, path,
		                "memory %s: min and max must be whole pages of %llu bytes", name,
		                (unsigned long long)page);
	if (q->has_max && q->max_bytes < q->min_bytes)
		return pl_error(err, SYNTH_ERR_INVALID, file, path, "memory %s: max %llu is below min %llu",
		                name, (unsigned long long)q->max_bytes, (unsigned long long)q->min_bytes);
	if (q->reserve < q->min_bytes)
		return pl_error(err, SYNTH_ERR_INVALID, file, path, "memory %s: reserve %llu is below min %llu",
		                name, (unsigned long long)q->reserve, (unsigned long long)q->min_bytes);
	if (q->has_max && q->reserve > q->max_bytes)
		return pl_error(err, SYNTH_ERR_INVALID, file, path, "memory %s: reserve %llu is above max %llu",
		                name, (unsigned long long)q->reserve, (unsigned long long)q->max_bytes);
	if (q->reserve == 0)
		return pl_error(err, SYNTH_ERR_INVALID, file, path,
		                "memory %s reserves 0 bytes: give a reserve (or a cap) of at least one byte", name);
	if (q->reserve > PL_ADDR_LIMIT)
		return pl_error(err, SYNTH_ERR_INVALID, file, path, "memory %s: reserve %llu is more than 4 GiB",
		                name, (unsigned long long)q->reserve);
	if (q->align && (!pl_is_pow2(q->align) || q->align > (1u << 30)))
		return pl_error(err, SYNTH_ERR_INVALID, file, path, "memory %s: align %llu is not a power of two",
		                name, (unsigned long long)q->align);
	if (q->bank && !*q->bank)
		return pl_error(err, SYNTH_ERR_INVALID, file, path, "memory %s: empty bank name", name);
	if (q->max_regions > PL_MAX_REGIONS)
		return pl_error(err, SYNTH_ERR_INVALID, file, path, "memory %s: max_regions %u is more than %u", name,
		                q->max_regions, PL_MAX_REGIONS);
	if (q->pinned && q->address >= PL_ADDR_LIMIT)
		return pl_error(err, SYNTH_ERR_INVALID, file, path, "memory %s: address 0x%llx is not below 4 GiB", name,
		                (unsigned long long)q->address);
	if (q->component && !pl_is_ident(q->component))
		return pl_error(err, SYNTH_ERR_INVALID, file, path,
		                "memory %s: component name \"%s\" must be a C identifier", name, q->component);
	for (uint32_t i = 0; i < q->nadapters; i++)
		if (!pl_is_ident(q->adapters[i]) || !q->component)
			return pl_error(err, SYNTH_ERR_INVALID, file, path,
			                "memory %s: adapter \"%s\" must be a C identifier, on a memory with a component",
			                name, q->adapters[i] ? q->adapters[i] : "");
	if (pl_input_find(&in->d, q->module, q->memidx) >= 0)
		return pl_error(err, SYNTH_ERR_INVALID, file, path, "memory %s is requested twice", name);
	if (in->d.nrequests == in->capreq) {
		uint32_t ncap = in->capreq ? in->capreq * 2 : 16;
		SynthMemRequest *n = pl_grow(&in->arena, in->reqs, sizeof *n * in->capreq, sizeof *n * ncap);
		if (!n)
			return pl_error(err, SYNTH_ERR_NOMEM, file, path, "out of memory");
		in->reqs = n;
		in->capreq = ncap;
		in->d.requests = n;
	}
	SynthMemRequest *r = &in->reqs[in->d.nrequests];
	*r = *q;
	r->module = pl_strdup(&in->arena, q->module);
	r->bank = pl_strdup(&in->arena, q->bank);
	r->component = pl_strdup(&in->arena, q->component);
	r->export_name = pl_strdup(&in->arena, q->export_name);
	const char **ads = q->nadapters ? pl_alloc(&in->arena, sizeof *ads * q->nadapters) : NULL;
	for (uint32_t i = 0; ads && i < q->nadapters; i++)
		ads[i] = pl_strdup(&in->arena, q->adapters[i]);
	r->adapters = ads;
	if (!r->pinned)
		r->address = 0;
	if (!r->align)
		r->align = 1;
	const char **needs = q->nneeds ? pl_alloc(&in->arena, sizeof *needs * q->nneeds) : NULL;
	for (uint32_t i = 0; needs && i < q->nneeds; i++)
		needs[i] = pl_strdup(&in->arena, q->needs[i]);
	r->needs = needs;
	if (in->arena.oom)
		return pl_error(err, SYNTH_ERR_NOMEM, file, path, "out of memory");
	in->d.nrequests++;
	return SYNTH_OK;
}

SynthStatus synth_plan_input_set_max_regions(SynthPlanInput *in, const char *memory, uint32_t n,
                                             SynthPlanError *err)
{
	pl_error_clear(err);
	if (n > PL_MAX_REGIONS)
		return pl_error(err, SYNTH_ERR_INVALID, "", "", "max_regions %u is more than %u", n, PL_MAX_REGIONS);
	if (!memory) {
		in->d.max_regions = n;
		return SYNTH_OK;
	}
	const char *dot = strrchr(memory, '.');
	char mod[256];
	if (dot && (size_t)(dot - memory) < sizeof mod && dot[1] >= '0' && dot[1] <= '9' &&
	    strspn(dot + 1, "0123456789") == strlen(dot + 1) && strlen(dot + 1) <= 9) {
		memcpy(mod, memory, (size_t)(dot - memory));
		mod[dot - memory] = 0;
		int r = pl_input_find(&in->d, mod, (uint32_t)strtoul(dot + 1, NULL, 10));
		if (r >= 0) {
			in->reqs[r].max_regions = n;
			return SYNTH_OK;
		}
	}
	return pl_error(err, SYNTH_ERR_INVALID, "", "", "no memory \"%s\" to cap (expected module.memidx)", memory);
}

uint32_t synth_plan_input_max_regions(const SynthPlanInput *in, uint32_t r)
{
	if (r < in->d.nrequests && in->d.requests[r].max_regions)
		return in->d.requests[r].max_regions;
	return in->d.max_regions;
}

SynthStatus synth_plan_input_add_request(SynthPlanInput *in, const SynthMemRequest *req,
                                         SynthPlanError *err)
{
	pl_error_clear(err);
	return add_request(in, req, "", "", err);
}

/* Checks and appends a state request. The array's capacity is the
 * smallest power of two (at least 4) holding nstates entries. */
static SynthStatus add_state(SynthPlanInput *in, const SynthStateRequest *q, const char *file, const char *path,
                             SynthPlanError *err)
{
	if (in->finished)
		return pl_error(err, SYNTH_ERR_ARGUMENT, file, path, "the input is already finished");
	if (!pl_is_ident(q->module))
		return pl_error(err, SYNTH_ERR_INVALID, file, path,
		                "module name \"%s\" must be a C identifier (letters, digits, '_')",
		                q->module ? q->module : "");
	if (q->component && q->readonly)
		return pl_error(err, SYNTH_ERR_INVALID, file, path,
		                "state of %s.%s: a component's state section is writable (\"access\": \"r\" is for the "
		                "module's read-only one)", q->module, q->component);
	if (q->component && !pl_is_ident(q->component))
		return pl_error(err, SYNTH_ERR_INVALID, file, path,
		                "state of %s: component name \"%s\" must be a C identifier", q->module, q->component);
	char want[300], who[300];
	pl_state_name(q->module, q->component, PL_STATE_ITEM, who, sizeof who);
	who[strlen(who) - 6] = 0; /* "M" or "M.c" */
	pl_state_name(q->module, q->component, PL_STATE_SECTION, want, sizeof want);
	if (!q->section || strcmp(q->section, want) != 0)
		return pl_error(err, SYNTH_ERR_INVALID, file, path, "state of %s: section must be \"%s\"", who, want);
	pl_state_name(q->module, q->component, PL_STATE_SYMBOL, want, sizeof want);
	if (q->symbol && strcmp(q->symbol, want) != 0)
		return pl_error(err, SYNTH_ERR_INVALID, file, path, "state of %s: symbol must be \"%s\"", who, want);
	if (q->size == 0 || q->size % 32 || q->size > PL_ADDR_LIMIT)
		return pl_error(err, SYNTH_ERR_INVALID, file, path,
		                "state of %s: size %llu is not a multiple of 32 bytes between 32 bytes and 4 GiB",
		                who, (unsigned long long)q->size);
	uint64_t align = q->align ? q->align : 32;
	if (!pl_is_pow2(align) || align < 32 || align > (1u << 30))
		return pl_error(err, SYNTH_ERR_INVALID, file, path,
		                "state of %s: align %llu is not a power of two of at least 32", who,
		                (unsigned long long)align);
	char stem[300], other[300];
	pl_state_name(q->module, q->component, PL_STATE_STEM, stem, sizeof stem);
	for (uint32_t i = 0; i < in->d.nstates; i++) {
		const SynthStateRequest *o = &in->d.states[i];
		if (strcmp(o->module, q->module) == 0 && (o->component == NULL) != (q->component == NULL) &&
		    !(q->component ? o->readonly : q->readonly))
			return pl_error(err, SYNTH_ERR_INVALID, file, path,
			                "state of %s: module %s has both one writable state section and per-component ones "
			                "(a fused module's module-wide section is read-only: \"access\": \"r\")",
			                who, q->module);
		if (strcmp(o->module, q->module) == 0 &&
		    ((!o->component && !q->component) ||
		     (o->component && q->component && strcmp(o->component, q->component) == 0)))
			return pl_error(err, SYNTH_ERR_INVALID, file, path, "state of %s is requested twice", who);
		/* the layout's fragment names it __synth_state_<stem>_base */
		pl_state_name(o->module, o->component, PL_STATE_STEM, other, sizeof other);
		if (strcmp(stem, other) == 0)
			return pl_error(err, SYNTH_ERR_INVALID, file, path,
			                "state of %s and state of %s%s%s would have the same linker symbols "
			                "__synth_state_%s_*: rename a module",
			                who, o->module, o->component ? "." : "", o->component ? o->component : "", stem);
	}
	if (q->pinned && q->address >= PL_ADDR_LIMIT)
		return pl_error(err, SYNTH_ERR_INVALID, file, path, "state of %s: address 0x%llx is not below 4 GiB",
		                who, (unsigned long long)q->address);
	uint32_t n = in->d.nstates, cap = 4;
	while (cap < n)
		cap *= 2;
	SynthStateRequest *v = (SynthStateRequest *)in->d.states;
	if (n == cap || n == 0) {
		v = pl_grow(&in->arena, v, n ? sizeof *v * cap : 0, sizeof *v * (n ? cap * 2 : cap));
		if (!v)
			return pl_error(err, SYNTH_ERR_NOMEM, file, path, "out of memory");
	}
	SynthStateRequest *r = &v[n];
	r->module = pl_strdup(&in->arena, q->module);
	r->component = pl_strdup(&in->arena, q->component);
	pl_state_name(q->module, q->component, PL_STATE_SECTION, want, sizeof want);
	r->section = pl_strdup(&in->arena, want);
	pl_state_name(q->module, q->component, PL_STATE_SYMBOL, want, sizeof want);
	r->symbol = pl_strdup(&in->arena, want);
	r->size = q->size;
	r->align = align;
	r->pinned = q->pinned;
	r->address = q->pinned ? q->address : 0;
	r->readonly = q->readonly;
	if (in->arena.oom)
		return pl_error(err, SYNTH_ERR_NOMEM, file, path, "out of memory");
	in->d.states = v;
	in->d.nstates = n + 1;
	return SYNTH_OK;
}

SynthStatus synth_plan_input_add_state(SynthPlanInput *in, const SynthStateRequest *req, SynthPlanError *err)
{
	pl_error_clear(err);
	return add_state(in, req, "", "", err);
}

static SynthStatus add_domain(SynthPlanInput *in, const char *name, const char *const *members,
                              size_t nmembers, const char *file, const char *path, SynthPlanError *err)
{
	if (in->finished)
		return pl_error(err, SYNTH_ERR_ARGUMENT, file, path, "the input is already finished");
	if (!pl_is_ident(name))
		return pl_error(err, SYNTH_ERR_INVALID, file, path, "domain name \"%s\" must be a C identifier",
		                name ? name : "");
	for (uint32_t i = 0; i < in->d.ndomains; i++)
		if (strcmp(in->doms[i].name, name) == 0)
			return pl_error(err, SYNTH_ERR_INVALID, file, path, "duplicate domain \"%s\"", name);
	if (nmembers == 0)
		return pl_error(err, SYNTH_ERR_INVALID, file, path, "domain \"%s\" has no memories", name);
	if (in->d.ndomains == in->capdom) {
		uint32_t ncap = in->capdom ? in->capdom * 2 : 8, o = in->capdom;
		SynthDomain *nd = pl_grow(&in->arena, in->doms, sizeof *nd * o, sizeof *nd * ncap);
		char ***nm = pl_grow(&in->arena, in->members, sizeof *nm * o, sizeof *nm * ncap);
		uint32_t *nn = pl_grow(&in->arena, in->nmembers, sizeof *nn * o, sizeof *nn * ncap);
		if (!nd || !nm || !nn)
			return pl_error(err, SYNTH_ERR_NOMEM, file, path, "out of memory");
		in->doms = nd;
		in->members = nm;
		in->nmembers = nn;
		in->capdom = ncap;
		in->d.domains = nd;
	}
	uint32_t k = in->d.ndomains;
	char **m = pl_alloc(&in->arena, sizeof *m * nmembers);
	if (!m)
		return pl_error(err, SYNTH_ERR_NOMEM, file, path, "out of memory");
	for (size_t i = 0; i < nmembers; i++)
		m[i] = pl_strdup(&in->arena, members[i]);
	memset(&in->doms[k], 0, sizeof in->doms[k]);
	in->doms[k].name = pl_strdup(&in->arena, name);
	in->members[k] = m;
	in->nmembers[k] = (uint32_t)nmembers;
	if (in->arena.oom)
		return pl_error(err, SYNTH_ERR_NOMEM, file, path, "out of memory");
	in->d.ndomains++;
	return SYNTH_OK;
}

SynthStatus synth_plan_input_add_domain(SynthPlanInput *in, const char *name,
                                        const char *const *members, size_t nmembers,
                                        SynthPlanError *err)
{
	pl_error_clear(err);
	return add_domain(in, name, members, nmembers, "", "", err);
}

/* Module name from a file name: the base name without extension, with every
 * character that cannot be in a C identifier replaced by '_'. */
static void module_name_from_path(const char *path, char *out, size_t cap)
{
	const char *b = strrchr(path, '/');
	b = b ? b + 1 : path;
	size_t n = strlen(b);
	const char *dot = strrchr(b, '.');
	if (dot && dot != b)
		n = (size_t)(dot - b);
	size_t k = 0;
	if (n == 0 || (b[0] >= '0' && b[0] <= '9'))
		out[k++] = '_';
	for (size_t i = 0; i < n && k + 1 < cap; i++) {
		char c = b[i];
		bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
		out[k++] = ok ? c : '_';
	}
	out[k] = 0;
}

/* The state request of a module, as synth compile lays its section out
 * (none when it has no state). */
static SynthStatus add_module_state(SynthPlanInput *in, const SynthModuleDesc *mod, const char *module_name,
                                    SynthPlanError *err)
{
	uint64_t size = 0;
	SynthStatus ss = synth_state_size(in->ctx, mod, &size);
	if (ss != SYNTH_OK)
		return pl_error(err, ss, module_name, "", "%s", synth_context_diag(in->ctx)->message);
	if (!size)
		return SYNTH_OK;
	char sec[300];
	snprintf(sec, sizeof sec, ".synth_state.%s", module_name);
	SynthStateRequest sq = {.module = module_name, .section = sec, .size = size, .align = 32};
	return add_state(in, &sq, module_name, "", err);
}

SynthStatus synth_plan_input_add_module(SynthPlanInput *in, const SynthModuleDesc *mod,
                                        const char *module_name, uint64_t cap_bytes,
                                        SynthPlanError *err)
{
	pl_error_clear(err);
	SynthContext *ctx = in->ctx;
	char why[128];
	if (cap_bytes && !pl_cap_valid(cap_bytes, why, sizeof why))
		return pl_error(err, SYNTH_ERR_ARGUMENT, module_name, "", "%s", why);
	for (uint32_t i = 0; i < mod->nmems; i++) {
		const SynthMemory *m = &mod->mems[i];
		SynthMemRequest q;
		memset(&q, 0, sizeof q);
		q.module = module_name;
		q.memidx = i;
		q.page_size_log2 = m->page_size_log2;
		if (m->page_size_log2 > 16)
			return pl_error(err, SYNTH_ERR_UNSUPPORTED, module_name, "", "memory %u: page size 2^%u", i,
			                m->page_size_log2);
		uint64_t lim = (PL_ADDR_LIMIT >> m->page_size_log2);
		if (m->limits.min > lim || (m->limits.has_max && m->limits.max > lim))
			return pl_error(err, SYNTH_ERR_UNSUPPORTED, module_name, "",
			                "memory %u is larger than 4 GiB (memory64 is not supported)", i);
		q.min_bytes = m->limits.min << m->page_size_log2;
		q.has_max = m->limits.has_max;
		q.max_bytes = m->limits.has_max ? m->limits.max << m->page_size_log2 : 0;
		/* Reserve what synth compile reserves for the same cap. */
		SynthMemoryRequest mr;
		SynthStatus rs = synth_memory_request(ctx, mod, i, cap_bytes, 0, SYNTH_BOUNDS_TRAP, &mr);
		if (rs == SYNTH_ERR_UNSUPPORTED) {
			/* synth compile's words name its own option; here the cap is the planner's. */
			char s1[32];
			return pl_error(err, rs, module_name, "",
			                "memory %u needs %llu bytes at start, more than %s%s lets it reserve "
			                "(raise the planner's cap: --cap SIZE, or \"cap\" in a plan-input file)",
			                i, (unsigned long long)q.min_bytes, cap_bytes ? "the cap of " : "the default cap",
			                cap_bytes ? pl_size_str(cap_bytes, s1) : " (16 MiB, as synth compile's)");
		}
		if (rs != SYNTH_OK)
			return pl_error(err, rs, module_name, "", "%s", synth_context_diag(ctx)->message);
		q.reserve = mr.reserve;
		q.imported = m->imported;
		q.exported = m->exported;
		q.align = mr.align;
		SynthStatus st = add_request(in, &q, module_name, "", err);
		if (st)
			return st;
	}
	return add_module_state(in, mod, module_name, err);
}

static const char *const req_keys[] = {"module", "memidx", "min", "max", "page_size", "reserve",
                                       "align", "imported", "exported", "bank", "needs",
                                       "component", "export", "adapters", "address", "max_regions", NULL};

/* Reads the optional member key of o as a region cap, 1 to PL_MAX_REGIONS;
 * false when present and bad (reported), *out untouched when absent. */
static bool max_regions_json(PlJr *r, json_object *o, const char *ip, uint32_t *out)
{
	uint64_t v = 0;
	if (!pl_json_member(r, o, ip, "max_regions", false))
		return !r->failed;
	if (!pl_json_u64(r, o, ip, "max_regions", true, &v))
		return false;
	if (v < 1 || v > PL_MAX_REGIONS) {
		char fp[400];
		snprintf(fp, sizeof fp, "%s.max_regions", ip);
		pl_jr_fail(r, fp, "max_regions %llu is not a number of regions from 1 to %u", (unsigned long long)v,
		           PL_MAX_REGIONS);
		return false;
	}
	*out = (uint32_t)v;
	return true;
}

/* Reads the optional array of strings o.key (at most 32) into out[0..*n);
 * example is shown when an element is not a string. */
static bool string_array(PlJr *r, json_object *o, const char *ip, const char *key, const char **out, size_t *n,
                         const char *example)
{
	json_object *a = pl_json_array(r, o, ip, key, false);
	if (r->failed)
		return false;
	*n = a ? json_object_array_length(a) : 0;
	if (*n > 32) {
		pl_jr_fail(r, ip, "too many %s", key);
		return false;
	}
	for (size_t k = 0; k < *n; k++) {
		json_object *s = json_object_array_get_idx(a, k);
		if (!json_object_is_type(s, json_type_string)) {
			char p[400];
			snprintf(p, sizeof p, "%s.%s[%zu]", ip, key, k);
			pl_jr_fail(r, p, "must be a string such as %s", example);
			return false;
		}
		out[k] = json_object_get_string(s);
	}
	return true;
}

static bool load_memories(PlJr *r, SynthPlanInput *in, json_object *arr, const char *path)
{
	size_t n = json_object_array_length(arr);
	for (size_t i = 0; i < n; i++) {
		char ip[320];
		snprintf(ip, sizeof ip, "%s[%zu]", path, i);
		json_object *o = json_object_array_get_idx(arr, i);
		if (!pl_json_object_keys(r, o, ip, req_keys))
			return false;
		SynthMemRequest q;
		memset(&q, 0, sizeof q);
		uint64_t v = 0;
		q.module = pl_json_str(r, o, ip, "module", true);
		if (!q.module || !pl_json_u64(r, o, ip, "memidx", true, &v))
			return false;
		char fp[400];
		if (v > UINT32_MAX) {
			snprintf(fp, sizeof fp, "%s.memidx", ip);
			pl_jr_fail(r, fp, "memidx %llu is too large (at most %u)", (unsigned long long)v, UINT32_MAX);
			return false;
		}
		q.memidx = (uint32_t)v;
		if (!pl_json_u64(r, o, ip, "min", true, &q.min_bytes))
			return false;
		q.has_max = pl_json_u64(r, o, ip, "max", false, &q.max_bytes);
		if (r->failed)
			return false;
		/* A 32-bit wasm memory holds at most 4 GiB: anything above is a typo or memory64. */
		if (q.min_bytes > PL_ADDR_LIMIT || (q.has_max && q.max_bytes > PL_ADDR_LIMIT)) {
			bool mn = q.min_bytes > PL_ADDR_LIMIT;
			snprintf(fp, sizeof fp, "%s.%s", ip, mn ? "min" : "max");
			pl_jr_fail(r, fp, "%s %llu is more than 4 GiB (memory64 is not supported)", mn ? "min" : "max",
			           (unsigned long long)(mn ? q.min_bytes : q.max_bytes));
			return false;
		}
		uint64_t ps = 65536;
		if (pl_json_member(r, o, ip, "page_size", false) && !pl_json_u64(r, o, ip, "page_size", true, &ps))
			return false;
		if (ps != 1 && ps != 65536) {
			char p[340];
			snprintf(p, sizeof p, "%s.page_size", ip);
			pl_jr_fail(r, p, "page size must be 1 or 65536, not %llu", (unsigned long long)ps);
			return false;
		}
		q.page_size_log2 = ps == 1 ? 0 : 16;
		q.reserve = q.has_max ? q.max_bytes : q.min_bytes;
		if (pl_json_member(r, o, ip, "reserve", false) && !pl_json_u64(r, o, ip, "reserve", true, &q.reserve))
			return false;
		if (pl_json_member(r, o, ip, "align", false)) {
			if (!pl_json_u64(r, o, ip, "align", true, &q.align))
				return false;
			/* 0 would read as "no alignment" in a SynthMemRequest: in a file it is a mistake. */
			if (!pl_is_pow2(q.align) || q.align > (1u << 30)) {
				snprintf(fp, sizeof fp, "%s.align", ip);
				pl_jr_fail(r, fp, "align %llu is not a power of two from 1 to 1 GiB", (unsigned long long)q.align);
				return false;
			}
		}
		if (!max_regions_json(r, o, ip, &q.max_regions))
			return false;
		q.imported = pl_json_bool(r, o, ip, "imported", false);
		q.exported = pl_json_bool(r, o, ip, "exported", false);
		q.bank = pl_json_str(r, o, ip, "bank", false);
		q.pinned = pl_json_u64(r, o, ip, "address", false, &q.address);
		if (r->failed)
			return false;
		q.component = pl_json_str(r, o, ip, "component", false);
		q.export_name = pl_json_str(r, o, ip, "export", false);
		const char *av[32];
		size_t na = 0;
		if (!string_array(r, o, ip, "adapters", av, &na, "\"c1_c2\""))
			return false;
		q.adapters = av;
		q.nadapters = (uint32_t)na;
		const char *nv[32];
		size_t nn = 0;
		if (!string_array(r, o, ip, "needs", nv, &nn, "\"dma\""))
			return false;
		q.needs = nv;
		q.nneeds = (uint32_t)nn;
		if (add_request(in, &q, r->file, ip, r->err)) {
			r->failed = true;
			return false;
		}
	}
	return true;
}

static bool load_states(PlJr *r, SynthPlanInput *in, json_object *arr, const char *path)
{
	static const char *const state_keys[] = {"kind", "module", "component", "access", "section", "symbol", "size",
	                                         "align", "address", NULL};
	size_t n = json_object_array_length(arr);
	for (size_t i = 0; i < n; i++) {
		char ip[320];
		snprintf(ip, sizeof ip, "%s[%zu]", path, i);
		json_object *o = json_object_array_get_idx(arr, i);
		if (!pl_json_object_keys(r, o, ip, state_keys))
			return false;
		SynthStateRequest q;
		memset(&q, 0, sizeof q);
		const char *kind = pl_json_str(r, o, ip, "kind", true);
		if (kind && strcmp(kind, "state") != 0) {
			char p[340];
			snprintf(p, sizeof p, "%s.kind", ip);
			pl_jr_fail(r, p, "expected \"state\", got \"%s\"", kind);
			return false;
		}
		q.module = kind ? pl_json_str(r, o, ip, "module", true) : NULL;
		q.section = q.module ? pl_json_str(r, o, ip, "section", true) : NULL;
		if (!q.section || !pl_json_u64(r, o, ip, "size", true, &q.size))
			return false;
		q.symbol = pl_json_str(r, o, ip, "symbol", false);
		q.component = pl_json_str(r, o, ip, "component", false);
		const char *acc = pl_json_str(r, o, ip, "access", false);
		if (acc && strcmp(acc, "r") != 0 && strcmp(acc, "rw") != 0) {
			char p[340];
			snprintf(p, sizeof p, "%s.access", ip);
			pl_jr_fail(r, p, "expected \"r\" or \"rw\", got \"%s\"", acc);
			return false;
		}
		q.readonly = acc && strcmp(acc, "r") == 0;
		if (pl_json_member(r, o, ip, "align", false) && !pl_json_u64(r, o, ip, "align", true, &q.align))
			return false;
		q.pinned = pl_json_u64(r, o, ip, "address", false, &q.address);
		if (r->failed)
			return false;
		if (pl_json_member(r, o, ip, "align", false) && q.align == 0) {
			char p[340];
			snprintf(p, sizeof p, "%s.align", ip);
			pl_jr_fail(r, p, "must be a power of two of at least 32, not 0");
			return false;
		}
		if (add_state(in, &q, r->file, ip, r->err)) {
			r->failed = true;
			return false;
		}
	}
	return true;
}

static bool load_domains(PlJr *r, SynthPlanInput *in, json_object *arr, const char *path)
{
	static const char *const dom_keys[] = {"name", "memories", NULL};
	size_t n = json_object_array_length(arr);
	for (size_t i = 0; i < n; i++) {
		char ip[320];
		snprintf(ip, sizeof ip, "%s[%zu]", path, i);
		json_object *o = json_object_array_get_idx(arr, i);
		if (!pl_json_object_keys(r, o, ip, dom_keys))
			return false;
		const char *name = pl_json_str(r, o, ip, "name", true);
		json_object *mem = name ? pl_json_array(r, o, ip, "memories", true) : NULL;
		if (!mem)
			return false;
		size_t nm = json_object_array_length(mem);
		const SyAlloc *a = &in->ctx->alloc;
		const char **mv = sy_malloc(a, sizeof *mv * (nm ? nm : 1));
		if (!mv) {
			pl_jr_nomem(r, ip);
			return false;
		}
		for (size_t k = 0; k < nm; k++) {
			json_object *s = json_object_array_get_idx(mem, k);
			if (!json_object_is_type(s, json_type_string)) {
				char p[400];
				snprintf(p, sizeof p, "%s.memories[%zu]", ip, k);
				pl_jr_fail(r, p, "must be \"module\" or \"module.memidx\"");
				sy_free(a, mv, sizeof *mv * (nm ? nm : 1));
				return false;
			}
			mv[k] = json_object_get_string(s);
		}
		SynthStatus st = add_domain(in, name, mv, nm, r->file, ip, r->err);
		sy_free(a, mv, sizeof *mv * (nm ? nm : 1));
		if (st) {
			r->failed = true;
			return false;
		}
	}
	return true;
}

static SynthStatus add_file_depth(SynthPlanInput *in, const char *path, uint64_t cap, int depth,
                                  SynthPlanError *err);

/* Joins dir(base) and rel unless rel is absolute. */
static void join_path(const char *base, const char *rel, char *out, size_t cap)
{
	const char *slash = base ? strrchr(base, '/') : NULL;
	if (rel[0] == '/' || !slash)
		snprintf(out, cap, "%s", rel);
	else
		snprintf(out, cap, "%.*s/%s", (int)(slash - base), base, rel);
}

static SynthStatus add_json_depth(SynthPlanInput *in, const char *text, size_t len, const char *file,
                                  int depth, SynthPlanError *err)
{
	pl_error_clear(err);
	PlJr r = {.file = file, .err = err};
	json_object *root = pl_json_parse(&r, text, len);
	if (!root)
		return err ? err->status : SYNTH_ERR_INVALID;
	const char *fmt = NULL;
	json_object *fo = NULL;
	if (json_object_is_type(root, json_type_object) && json_object_object_get_ex(root, "format", &fo) &&
	    json_object_is_type(fo, json_type_string))
		fmt = json_object_get_string(fo);
	bool is_plan = fmt && strcmp(fmt, SYNTH_PLAN_INPUT_FORMAT) == 0;
	if (fmt && !is_plan && strcmp(fmt, SYNTH_REQUESTS_FORMAT) != 0) {
		pl_jr_fail(&r, "$.format", "expected \"%s\" or \"%s\", got \"%s\"", SYNTH_REQUESTS_FORMAT,
		           SYNTH_PLAN_INPUT_FORMAT, fmt);
		goto fail;
	}
	uint64_t version = 0;
	if (!pl_json_format(&r, root, is_plan ? SYNTH_PLAN_INPUT_FORMAT : SYNTH_REQUESTS_FORMAT,
	                    is_plan ? SYNTH_PLAN_FORMAT_VERSION : SYNTH_REQUESTS_FORMAT_VERSION, &version))
		goto fail;
	static const char *const req_file_keys[] = {"format", "version", "memories", "state", NULL};
	static const char *const plan_keys[] = {"format", "version", "target", "inputs", "cap",
	                                        "memories", "domains", "max_regions", NULL};
	if (!pl_json_object_keys(&r, root, "$", is_plan ? plan_keys : req_file_keys))
		goto fail;
	json_object *mem = pl_json_array(&r, root, "$", "memories", !is_plan);
	if (r.failed || (mem && !load_memories(&r, in, mem, "$.memories")))
		goto fail;
	json_object *state = is_plan ? NULL : pl_json_member(&r, root, "$", "state", false);
	if (state && version < 2) {
		pl_jr_fail(&r, "$.state", "state requests need version 2 of \"%s\"", SYNTH_REQUESTS_FORMAT);
		goto fail;
	}
	state = state ? pl_json_array(&r, root, "$", "state", true) : NULL;
	if (r.failed || (state && !load_states(&r, in, state, "$.state")))
		goto fail;
	if (is_plan) {
		const char *target = pl_json_str(&r, root, "$", "target", false);
		uint64_t cap = 0;
		char why[128];
		if (pl_json_member(&r, root, "$", "cap", false) && pl_json_u64(&r, root, "$", "cap", true, &cap) &&
		    !pl_cap_valid(cap, why, sizeof why))
			pl_jr_fail(&r, "$.cap", "%s", why);
		if (!max_regions_json(&r, root, "$", &in->d.max_regions))
			goto fail;
		json_object *inputs = pl_json_array(&r, root, "$", "inputs", false);
		json_object *doms = pl_json_array(&r, root, "$", "domains", false);
		if (r.failed)
			goto fail;
		if (target) {
			in->d.target = pl_strdup(&in->arena, target);
			if (!in->d.target) {
				pl_jr_nomem(&r, "$.target");
				goto fail;
			}
		}
		size_t ni = inputs ? json_object_array_length(inputs) : 0;
		for (size_t i = 0; i < ni; i++) {
			json_object *s = json_object_array_get_idx(inputs, i);
			char p[64];
			snprintf(p, sizeof p, "$.inputs[%zu]", i);
			if (!json_object_is_type(s, json_type_string)) {
				pl_jr_fail(&r, p, "must be a file name");
				goto fail;
			}
			if (depth >= 4) {
				pl_jr_fail(&r, p, "plan inputs nest too deep");
				goto fail;
			}
			char full[1024];
			join_path(file, json_object_get_string(s), full, sizeof full);
			SynthStatus st = add_file_depth(in, full, cap, depth + 1, err);
			if (st) {
				json_object_put(root);
				return st;
			}
		}
		if (doms && !load_domains(&r, in, doms, "$.domains"))
			goto fail;
	}
	json_object_put(root);
	return SYNTH_OK;
fail:
	json_object_put(root);
	return err ? err->status : SYNTH_ERR_INVALID;
}

SynthStatus synth_plan_input_add_json(SynthPlanInput *in, const char *text, size_t len,
                                      const char *file, SynthPlanError *err)
{
	return add_json_depth(in, text, len, file, 0, err);
}

/* A fused module's memories name their components, as synth compile's
 * requests do (synth_module_components); one that cannot be partitioned
 * is refused. */
static SynthStatus name_components(SynthPlanInput *in, const SynthModule *mod, const char *name,
                                   const char *path, SynthPlanError *err)
{
	SynthComponents *c = NULL;
	SynthStatus st = synth_module_components(in->ctx, mod, &c);
	if (c && !c->contract) {
		synth_components_free(c);
		return SYNTH_OK;
	}
	if (st) {
		pl_error(err, st, path, "", "%s", synth_context_diag(in->ctx)->message);
		synth_components_free(c);
		return st;
	}
	for (uint32_t i = 0; i < in->d.nrequests; i++) {
		SynthMemRequest *r = &in->reqs[i];
		if (strcmp(r->module, name) != 0 || r->memidx >= c->ncomponents)
			continue;
		r->component = pl_strdup(&in->arena, c->components[r->memidx].name);
		r->export_name = pl_strdup(&in->arena, c->components[r->memidx].memory_export);
		const char **ads = pl_alloc(&in->arena, sizeof *ads * (c->nfuncs + 1));
		uint32_t na = 0;
		for (uint32_t f = 0; ads && f < c->nfuncs; f++) {
			const SynthFuncPart *p = &c->funcs[f];
			if (p->role != SYNTH_FUNC_ADAPTER || ((uint32_t)p->component != r->memidx && (uint32_t)p->peer != r->memidx))
				continue;
			char an[64];
			snprintf(an, sizeof an, "%s_%s", c->components[p->component].name, c->components[p->peer].name);
			bool seen = false;
			for (uint32_t j = 0; j < na; j++)
				seen |= !strcmp(ads[j], an);
			if (!seen)
				ads[na++] = pl_strdup(&in->arena, an);
		}
		r->adapters = ads;
		r->nadapters = na;
	}
	/* Its state: one section per component instead of the module's one
	 * (core/ABI.md, "State of a fused module"); the host section is in no
	 * domain. */
	if (c->state_error[0]) {
		const char *nl = strchr(c->state_error, '\n');
		st = pl_error(err, SYNTH_ERR_UNSUPPORTED, path, "",
		              "the module's state cannot be split into its components' domains: %.*s%s",
		              (int)(nl ? (size_t)(nl - c->state_error) : strlen(c->state_error)), c->state_error,
		              nl ? " (and more)" : "");
		synth_components_free(c);
		return st;
	}
	uint64_t *sizes = pl_alloc(&in->arena, sizeof *sizes * (c->ncomponents + 2));
	if (!sizes) {
		synth_components_free(c);
		return pl_error(err, SYNTH_ERR_NOMEM, path, "", "out of memory");
	}
	st = synth_state_sections(in->ctx, synth_module_desc(mod), c, sizes, c->ncomponents + 2);
	if (st) {
		synth_components_free(c);
		return pl_error(err, st, path, "", "%s", synth_context_diag(in->ctx)->message);
	}
	SynthStateRequest *sv = (SynthStateRequest *)in->d.states;
	for (uint32_t i = 0; i < in->d.nstates; i++)
		if (strcmp(sv[i].module, name) == 0 && !sv[i].component) {
			memmove(&sv[i], &sv[i + 1], sizeof *sv * (in->d.nstates - i - 1));
			in->d.nstates--;
			break;
		}
	for (uint32_t k = 0; k < c->ncomponents && !st; k++) {
		if (!sizes[1 + k])
			continue;
		char sec[300];
		pl_state_name(name, c->components[k].name, PL_STATE_SECTION, sec, sizeof sec);
		SynthStateRequest sq = {.module = name, .component = c->components[k].name, .section = sec,
		                        .size = sizes[1 + k], .align = 32};
		st = add_state(in, &sq, path, "", err);
	}
	if (!st && sizes[1 + c->ncomponents]) {
		char sec[300];
		pl_state_name(name, NULL, PL_STATE_SECTION, sec, sizeof sec);
		SynthStateRequest sq = {.module = name, .section = sec, .size = sizes[1 + c->ncomponents], .align = 32,
		                        .readonly = true};
		st = add_state(in, &sq, path, "", err);
	}
	synth_components_free(c);
	if (st)
		return st;
	return in->arena.oom ? pl_error(err, SYNTH_ERR_NOMEM, path, "", "out of memory") : SYNTH_OK;
}

SynthStatus pl_input_add_module_state(SynthPlanInput *in, const SynthModule *mod, const char *name,
                                      const char *path, SynthPlanError *err)
{
	SynthStatus st = add_module_state(in, synth_module_desc(mod), name, err);
	if (st && err)
		snprintf(err->file, sizeof err->file, "%s", path);
	return st ? st : name_components(in, mod, name, path, err);
}

static SynthStatus add_file_depth(SynthPlanInput *in, const char *path, uint64_t cap, int depth,
                                  SynthPlanError *err)
{
	SyStr text = {.alloc = &in->ctx->alloc};
	if (!pl_read_file(&text, path, err))
		return err ? err->status : SYNTH_ERR_ARGUMENT;
	SynthStatus st;
	if (text.n >= 4 && memcmp(text.s, "\0asm", 4) == 0) {
		SynthModule *mod = NULL;
		st = synth_module_load(in->ctx, (const uint8_t *)text.s, text.n, NULL, &mod);
		if (st) {
			const SynthDiag *dg = synth_context_diag(in->ctx);
			pl_error(err, st, path, "", "0x%llx: %s", (unsigned long long)dg->offset, dg->message);
		} else {
			char name[256];
			module_name_from_path(path, name, sizeof name);
			st = synth_plan_input_add_module(in, synth_module_desc(mod), name, cap, err);
			if (st && err) /* the file, not the module name made from it */
				snprintf(err->file, sizeof err->file, "%s", path);
			if (!st)
				st = name_components(in, mod, name, path, err);
		}
		synth_module_free(mod);
	} else {
		st = add_json_depth(in, text.s, text.n, path, depth, err);
	}
	sy_str_free(&text);
	return st;
}

SynthStatus synth_plan_input_add_file(SynthPlanInput *in, const char *path, uint64_t cap_bytes,
                                      SynthPlanError *err)
{
	pl_error_clear(err);
	return add_file_depth(in, path, cap_bytes, 0, err);
}

/* Sets or clears the address pin of item "module.memidx" or "module.state". */
static SynthStatus set_pin(SynthPlanInput *in, const char *item, bool pinned, uint64_t address, SynthPlanError *err)
{
	pl_error_clear(err);
	const char *dot = item ? strrchr(item, '.') : NULL;
	if (!dot || dot == item)
		return pl_error(err, SYNTH_ERR_ARGUMENT, "", "", "\"%s\" is not \"module.memidx\" or \"module.state\"",
		                item ? item : "");
	if (pinned && address >= PL_ADDR_LIMIT)
		return pl_error(err, SYNTH_ERR_ARGUMENT, "", "", "%s: address 0x%llx is not below 4 GiB", item,
		                (unsigned long long)address);
	size_t n = (size_t)(dot - item);
	if (strcmp(dot, ".state") == 0) {
		for (uint32_t i = 0; i < in->d.nstates; i++) {
			SynthStateRequest *q = (SynthStateRequest *)&in->d.states[i];
			char name[300]; /* "module.state" or, in a fused module, "module.component.state" */
			pl_state_name(q->module, q->component, PL_STATE_ITEM, name, sizeof name);
			if (strcmp(name, item) == 0) {
				q->pinned = pinned;
				q->address = pinned ? address : 0;
				return SYNTH_OK;
			}
		}
		return pl_error(err, SYNTH_ERR_ARGUMENT, "", "", "no state section %s among the inputs", item);
	}
	uint64_t idx = 0;
	bool digits = dot[1] != 0;
	for (const char *c = dot + 1; *c; c++)
		digits &= *c >= '0' && *c <= '9';
	if (!digits || synth_plan_parse_size(dot + 1, &idx, NULL) || idx > UINT32_MAX)
		return pl_error(err, SYNTH_ERR_ARGUMENT, "", "", "\"%s\" is not \"module.memidx\" or \"module.state\"",
		                item);
	for (uint32_t i = 0; i < in->d.nrequests; i++) {
		SynthMemRequest *q = &in->reqs[i];
		if (q->memidx == idx && strlen(q->module) == n && strncmp(q->module, item, n) == 0) {
			q->pinned = pinned;
			q->address = pinned ? address : 0;
			return SYNTH_OK;
		}
	}
	return pl_error(err, SYNTH_ERR_ARGUMENT, "", "", "no memory %s among the inputs", item);
}

SynthStatus synth_plan_input_pin_address(SynthPlanInput *in, const char *item, uint64_t address,
                                         SynthPlanError *err)
{
	return set_pin(in, item, true, address, err);
}

SynthStatus synth_plan_input_unpin_address(SynthPlanInput *in, const char *item, SynthPlanError *err)
{
	return set_pin(in, item, false, 0, err);
}

/* Raises to level the claim of domain d on every state request of module
 * module[0..len) whose component is comp (any when comp is NULL; a
 * module-wide state matches any comp unless exact); how many there are. */
static uint32_t claim_states(SynthPlanInput *in, uint8_t *claim, uint32_t d, const char *module, size_t len,
                             const char *comp, size_t clen, uint8_t level, bool exact)
{
	uint32_t n = 0;
	for (uint32_t i = 0; i < in->d.nstates; i++) {
		const SynthStateRequest *q = &in->d.states[i];
		if (strlen(q->module) != len || strncmp(q->module, module, len) != 0)
			continue;
		if (comp && exact && !q->component)
			continue;
		if (comp && q->component && (strlen(q->component) != clen || strncmp(q->component, comp, clen) != 0))
			continue;
		uint8_t *c = &claim[(size_t)i * in->d.ndomains + d];
		if (*c < level)
			*c = level;
		n++;
	}
	return n;
}

SynthStatus synth_plan_input_finish(SynthPlanInput *in, SynthPlanError *err)
{
	pl_error_clear(err);
	if (in->finished)
		return SYNTH_OK;
	if (in->d.nrequests == 0 && in->d.nstates == 0)
		return pl_error(err, SYNTH_ERR_ARGUMENT, "", "", "no memory to plan: the inputs declare no memory");
	if (in->d.ndomains == 0) {
		/* One domain per module, in order of first appearance (memories, then
		 * states); a fused module whose every memory names its component
		 * (meld's contract) gets one domain per component instead,
		 * "<module>_<component>", and one per adapter. */
		uint32_t n = in->d.nrequests + in->d.nstates;
		for (uint32_t i = 0; i < n; i++) {
			const char *m = i < in->d.nrequests ? in->reqs[i].module : in->d.states[i - in->d.nrequests].module;
			bool seen = false, fused = i < in->d.nrequests;
			for (uint32_t j = 0; j < i && !seen; j++)
				seen = strcmp(m, j < in->d.nrequests ? in->reqs[j].module
				                                     : in->d.states[j - in->d.nrequests].module) == 0;
			if (seen)
				continue;
			for (uint32_t j = i; j < in->d.nrequests; j++)
				if (strcmp(in->reqs[j].module, m) == 0)
					fused &= in->reqs[j].component != NULL;
			for (uint32_t j = i; fused && j < in->d.nrequests; j++) {
				const SynthMemRequest *q = &in->reqs[j];
				if (strcmp(q->module, m) != 0)
					continue;
				char dname[600], member[300];
				snprintf(dname, sizeof dname, "%s_%s", m, q->component);
				snprintf(member, sizeof member, "%s.%u", m, q->memidx);
				const char *mp = member;
				bool exists = false;
				for (uint32_t k = 0; k < in->d.ndomains; k++)
					if (!strcmp(in->doms[k].name, dname)) {
						/* two memories of one component: one domain holds both */
						char **nm = pl_alloc(&in->arena, sizeof *nm * (in->nmembers[k] + 1));
						if (!nm)
							return pl_error(err, SYNTH_ERR_NOMEM, "", "", "out of memory");
						memcpy(nm, in->members[k], sizeof *nm * in->nmembers[k]);
						nm[in->nmembers[k]] = pl_strdup(&in->arena, member);
						in->members[k] = nm;
						in->nmembers[k]++;
						exists = true;
					}
				if (exists)
					continue;
				SynthStatus st = add_domain(in, dname, &mp, 1, "", "", err);
				if (st)
					return st;
			}
			/* then one per adapter, holding exactly the memories of its
			 * caller's and its callee's components */
			for (uint32_t j = i; fused && j < in->d.nrequests; j++) {
				const SynthMemRequest *q = &in->reqs[j];
				for (uint32_t a = 0; strcmp(q->module, m) == 0 && a < q->nadapters; a++) {
					char dname[600];
					snprintf(dname, sizeof dname, "%s_%s", m, q->adapters[a]);
					bool exists = false;
					for (uint32_t k = 0; k < in->d.ndomains; k++)
						exists |= !strcmp(in->doms[k].name, dname);
					if (exists)
						continue;
					const char *mv[64];
					char mb[64][300];
					size_t nmv = 0;
					for (uint32_t t = j; t < in->d.nrequests && nmv < 64; t++) {
						const SynthMemRequest *o = &in->reqs[t];
						bool has = false;
						for (uint32_t b = 0; strcmp(o->module, m) == 0 && b < o->nadapters; b++)
							has |= !strcmp(o->adapters[b], q->adapters[a]);
						if (!has)
							continue;
						snprintf(mb[nmv], sizeof mb[nmv], "%s.%u", m, o->memidx);
						mv[nmv] = mb[nmv];
						nmv++;
					}
					SynthStatus st = add_domain(in, dname, mv, nmv, "", "", err);
					if (st)
						return st;
				}
			}
			if (fused)
				continue;
			SynthStatus st = add_domain(in, m, &m, 1, "", "", err);
			if (st)
				return st;
		}
	}
	uint32_t ns = in->d.nstates;
	bool *used = pl_alloc(&in->arena, sizeof *used * (in->d.nrequests + 1));
	/* Per state and domain: 3 named "M.state", 2 named "M", 1 named a memory "M.k". */
	uint8_t *claim = pl_alloc(&in->arena, (size_t)ns * in->d.ndomains + 1);
	if (!used || !claim)
		return pl_error(err, SYNTH_ERR_NOMEM, "", "", "out of memory");
	for (uint32_t d = 0; d < in->d.ndomains; d++) {
		uint32_t *mems = pl_alloc(&in->arena, sizeof *mems * (in->d.nrequests + 1));
		bool *in_dom = pl_alloc(&in->arena, sizeof *in_dom * (in->d.nrequests + 1));
		if (!mems || !in_dom)
			return pl_error(err, SYNTH_ERR_NOMEM, "", "", "out of memory");
		uint32_t n = 0;
		for (uint32_t k = 0; k < in->nmembers[d]; k++) {
			const char *s = in->members[d][k];
			const char *dot = strrchr(s, '.');
			char mod[256];
			bool found = false;
			if (dot && strcmp(dot, ".state") == 0) {
				/* "M.state": all of M's; "M.c.state": component c's */
				const char *c = memchr(s, '.', (size_t)(dot - s));
				size_t ml = c ? (size_t)(c - s) : (size_t)(dot - s);
				if (!claim_states(in, claim, d, s, ml, c ? c + 1 : NULL, c ? (size_t)(dot - c - 1) : 0, 3, true))
					return pl_error(err, SYNTH_ERR_INVALID, "", "",
					                "domain \"%s\": no state section \"%s\" among the inputs (module %.*s has no "
					                "such state request)", in->doms[d].name, s, (int)ml, s);
				continue;
			}
			if (dot) {
				uint64_t idx = 0;
				bool digits = dot[1] != 0;
				for (const char *c = dot + 1; *c; c++)
					digits &= *c >= '0' && *c <= '9';
				snprintf(mod, sizeof mod, "%.*s", (int)(dot - s), s);
				if (!digits || synth_plan_parse_size(dot + 1, &idx, NULL) || idx > UINT32_MAX)
					return pl_error(err, SYNTH_ERR_INVALID, "", "",
					                "domain \"%s\": \"%s\" is not \"module\", \"module.memidx\" or \"module.state\"",
					                in->doms[d].name, s);
				int r = pl_input_find(&in->d, mod, (uint32_t)idx);
				if (r >= 0) {
					found = true;
					if (!in_dom[r])
						mems[n++] = (uint32_t)r;
					in_dom[r] = true;
					/* a memory brings its module's state, or in a fused
					 * module its component's */
					const char *comp = in->reqs[r].component;
					claim_states(in, claim, d, mod, strlen(mod), comp ? comp : "", comp ? strlen(comp) : 0, 1, false);
				}
			} else {
				for (uint32_t r = 0; r < in->d.nrequests; r++) {
					if (strcmp(in->reqs[r].module, s) == 0) {
						found = true;
						if (!in_dom[r])
							mems[n++] = r;
						in_dom[r] = true;
					}
				}
				found |= claim_states(in, claim, d, s, strlen(s), NULL, 0, 2, false) > 0;
			}
			if (!found)
				return pl_error(err, SYNTH_ERR_INVALID, "", "",
				                "domain \"%s\": no memory \"%s\" among the inputs", in->doms[d].name, s);
		}
		for (uint32_t k = 0; k < n; k++)
			used[mems[k]] = true;
		/* A domain holding two components' memories of a fused module (an
		 * adapter's) does not get the module's read-only state through
		 * them (core/ABI.md, "State of a fused module"). */
		for (uint32_t s = 0; s < ns; s++) {
			const SynthStateRequest *q = &in->d.states[s];
			uint8_t *cl = &claim[(size_t)s * in->d.ndomains + d];
			const char *first = NULL;
			bool two = false;
			for (uint32_t k = 0; q->readonly && *cl == 1 && k < n; k++) {
				const SynthMemRequest *m = &in->reqs[mems[k]];
				if (strcmp(m->module, q->module) != 0 || !m->component)
					continue;
				if (!first)
					first = m->component;
				two |= strcmp(first, m->component) != 0;
			}
			if (two)
				*cl = 0;
		}
		in->doms[d].mems = mems;
		in->doms[d].nmems = n;
	}
	for (uint32_t r = 0; r < in->d.nrequests; r++)
		if (!used[r])
			return pl_error(err, SYNTH_ERR_INVALID, "", "",
			                "memory %s.%u is in no domain: no component could touch it",
			                in->reqs[r].module, in->reqs[r].memidx);
	/* A state section goes to the domains naming it most directly: "M.state",
	 * else "M", else a memory "M.k" of its module. */
	for (uint32_t d = 0; d < in->d.ndomains; d++) {
		uint32_t *sv = pl_alloc(&in->arena, sizeof *sv * (ns + 1));
		if (!sv)
			return pl_error(err, SYNTH_ERR_NOMEM, "", "", "out of memory");
		in->doms[d].states = sv;
	}
	for (uint32_t s = 0; s < ns; s++) {
		uint8_t best = 0;
		for (uint32_t d = 0; d < in->d.ndomains; d++)
			if (claim[(size_t)s * in->d.ndomains + d] > best)
				best = claim[(size_t)s * in->d.ndomains + d];
		if (!best)
			return pl_error(err, SYNTH_ERR_INVALID, "", "",
			                "the state section of module %s (%s) is in no domain: name \"%s\" or \"%s.state\" "
			                "in the domain that runs it", in->d.states[s].module, in->d.states[s].section,
			                in->d.states[s].module, in->d.states[s].section + 13);
		for (uint32_t d = 0; d < in->d.ndomains; d++)
			if (claim[(size_t)s * in->d.ndomains + d] == best)
				((uint32_t *)in->doms[d].states)[in->doms[d].nstates++] = s;
	}
	in->finished = true;
	return SYNTH_OK;
}

json_object *pl_request_to_json(const SynthMemRequest *q);
json_object *pl_request_to_json(const SynthMemRequest *q)
{
	json_object *o = json_object_new_object();
	json_object_object_add(o, "module", json_object_new_string(q->module));
	json_object_object_add(o, "memidx", json_object_new_int64(q->memidx));
	json_object_object_add(o, "min", json_object_new_int64((int64_t)q->min_bytes));
	if (q->has_max)
		json_object_object_add(o, "max", json_object_new_int64((int64_t)q->max_bytes));
	json_object_object_add(o, "page_size", json_object_new_int64(1LL << q->page_size_log2));
	json_object_object_add(o, "reserve", json_object_new_int64((int64_t)q->reserve));
	if (q->align > 1)
		json_object_object_add(o, "align", json_object_new_int64((int64_t)q->align));
	json_object_object_add(o, "imported", json_object_new_boolean(q->imported));
	json_object_object_add(o, "exported", json_object_new_boolean(q->exported));
	if (q->bank)
		json_object_object_add(o, "bank", json_object_new_string(q->bank));
	if (q->pinned)
		json_object_object_add(o, "address", pl_json_hex(q->address));
	if (q->component)
		json_object_object_add(o, "component", json_object_new_string(q->component));
	if (q->export_name)
		json_object_object_add(o, "export", json_object_new_string(q->export_name));
	if (q->nadapters) {
		json_object *a = json_object_new_array();
		for (uint32_t i = 0; i < q->nadapters; i++)
			json_object_array_add(a, json_object_new_string(q->adapters[i]));
		json_object_object_add(o, "adapters", a);
	}
	if (q->nneeds) {
		json_object *a = json_object_new_array();
		for (uint32_t i = 0; i < q->nneeds; i++)
			json_object_array_add(a, json_object_new_string(q->needs[i]));
		json_object_object_add(o, "needs", a);
	}
	if (q->max_regions)
		json_object_object_add(o, "max_regions", json_object_new_int64(q->max_regions));
	return o;
}

SynthStatus synth_plan_input_write_requests(SynthContext *ctx, const SynthPlanInput *in, char **text,
                                            SynthPlanError *err)
{
	pl_error_clear(err);
	json_object *root = json_object_new_object();
	json_object_object_add(root, "format", json_object_new_string(SYNTH_REQUESTS_FORMAT));
	json_object_object_add(root, "version", json_object_new_int(SYNTH_REQUESTS_FORMAT_VERSION));
	json_object *a = json_object_new_array();
	for (uint32_t i = 0; i < in->d.nrequests; i++) {
		SynthMemRequest q = in->reqs[i];
		q.max_regions = synth_plan_input_max_regions(in, i); /* a request file has no default */
		json_object_array_add(a, pl_request_to_json(&q));
	}
	json_object_object_add(root, "memories", a);
	if (in->d.nstates) {
		json_object *sa = json_object_new_array();
		for (uint32_t i = 0; i < in->d.nstates; i++) {
			const SynthStateRequest *q = &in->d.states[i];
			json_object *o = json_object_new_object();
			json_object_object_add(o, "kind", json_object_new_string("state"));
			json_object_object_add(o, "module", json_object_new_string(q->module));
			if (q->component)
				json_object_object_add(o, "component", json_object_new_string(q->component));
			if (q->readonly)
				json_object_object_add(o, "access", json_object_new_string("r"));
			json_object_object_add(o, "section", json_object_new_string(q->section));
			json_object_object_add(o, "symbol", json_object_new_string(q->symbol));
			json_object_object_add(o, "size", json_object_new_int64((int64_t)q->size));
			json_object_object_add(o, "align", json_object_new_int64((int64_t)q->align));
			if (q->pinned)
				json_object_object_add(o, "address", pl_json_hex(q->address));
			json_object_array_add(sa, o);
		}
		json_object_object_add(root, "state", sa);
	}
	*text = pl_json_dump(&ctx->alloc, root);
	json_object_put(root);
	return *text ? SYNTH_OK : pl_error(err, SYNTH_ERR_NOMEM, "", "", "out of memory");
}
