/* edit.c - creating and editing a project: every edit checks what it is
 * given, then copies it into the project's arena, so the caller's strings
 * and arrays may die right after the call. Cross references (domain members
 * and pins naming modules) are checked by synth_project_check(), which
 * loading runs and the steps require; removing a module still named by a
 * domain or pin fails instead of leaving a dangling name. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "project_internal.h"

SynthProject *synth_project_new(SynthContext *ctx)
{
	SynthProject *p = sy_malloc(&ctx->alloc, sizeof *p);
	if (!p)
		return NULL;
	memset(p, 0, sizeof *p);
	p->ctx = ctx;
	pl_arena_init(&p->arena, &ctx->alloc);
	p->d.opt.model = SYNTH_MODEL_B;
	return p;
}

void synth_project_free(SynthProject *p)
{
	if (!p)
		return;
	SynthContext *ctx = p->ctx;
	pl_arena_free(&p->arena);
	sy_free(&ctx->alloc, p, sizeof *p);
}

const SynthProjectDesc *synth_project_desc(const SynthProject *p)
{
	return &p->d;
}

const char *pj_bounds_name(SynthBounds b)
{
	switch (b) {
	case SYNTH_BOUNDS_TRAP: return "trap";
	case SYNTH_BOUNDS_MASK: return "mask";
	case SYNTH_BOUNDS_NONE: return "none";
	}
	return "?";
}

const char *pj_text_problem(const char *s)
{
	if (!s || !*s)
		return "expected a non-empty string";
	for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
		if (*c == '\n' || *c == '\r')
			return "contains a newline";
		if (*c < 0x20 || *c == 0x7f)
			return "contains a control character";
	}
	return NULL;
}

bool pj_member_split(const char *s, char *name, size_t cap, long *memidx)
{
	const char *dot = strchr(s, '.');
	size_t n = dot ? (size_t)(dot - s) : strlen(s);
	if (n == 0 || n >= cap)
		return false;
	memcpy(name, s, n);
	name[n] = 0;
	*memidx = -1;
	if (dot) {
		const char *q = dot + 1;
		if (!*q || strlen(q) > 9)
			return false;
		long v = 0;
		for (; *q; q++) {
			if (*q < '0' || *q > '9')
				return false;
			v = v * 10 + (*q - '0');
		}
		*memidx = v;
	}
	return pl_is_ident(name);
}

bool pj_pin_split(const char *s, char *name, size_t cap, long *memidx)
{
	const char *dot = strrchr(s, '.');
	if (dot && strcmp(dot, ".state") == 0) {
		size_t n = (size_t)(dot - s);
		if (n == 0 || n >= cap)
			return false;
		memcpy(name, s, n);
		name[n] = 0;
		*memidx = PJ_STATE;
		return pl_is_ident(name);
	}
	return pj_member_split(s, name, cap, memidx) && *memidx >= 0;
}

int pj_module_find(const SynthProjectDesc *d, const char *name)
{
	for (uint32_t i = 0; i < d->nmodules; i++)
		if (strcmp(d->modules[i].name, name) == 0)
			return (int)i;
	return -1;
}

static SynthStatus fail(SynthPlanError *err, const char *file, const char *path, const char *key,
                        const char *msg)
{
	char p[300];
	snprintf(p, sizeof p, "%s%s%s", path, *path && key && *key ? "." : "", key ? key : "");
	return pl_error(err, SYNTH_ERR_INVALID, file, p, "%s", msg);
}

/* True when s is a valid symbol prefix (C identifier characters, not starting with a digit). */
static bool prefix_ok(const char *s)
{
	return s && *s && pl_is_ident(s);
}

SynthStatus pj_module_check(const SynthProjectModule *m, const char *file, const char *path,
                            SynthPlanError *err)
{
	const char *why;
	SynthTarget t;
	if (!m->name)
		return fail(err, file, path, "name", "required key missing");
	if (!pl_is_ident(m->name))
		return fail(err, file, path, "name", "expected a C identifier");
	if (!m->wasm)
		return fail(err, file, path, "wasm", "required key missing");
	if ((why = pj_text_problem(m->wasm)))
		return fail(err, file, path, "wasm", why);
	if (m->target_cpu && !synth_target_parse(m->target_cpu, &t))
		return fail(err, file, path, "target_cpu",
		            "unknown core (cortex-m3, cortex-m4, cortex-m4f, cortex-m7, cortex-m7dp, cortex-m33)");
	if (m->bounds != SYNTH_BOUNDS_TRAP && m->bounds != SYNTH_BOUNDS_MASK && m->bounds != SYNTH_BOUNDS_NONE)
		return fail(err, file, path, "bounds", "expected \"trap\", \"mask\" or \"none\"");
	if (m->prefix && !prefix_ok(m->prefix))
		return fail(err, file, path, "prefix", "expected a C identifier");
	if (m->mem_cap > 0xffffffffu)
		return fail(err, file, path, "mem_cap", "expected at most 4294967295");
	if (m->mem_reserve > 0xffffffffu)
		return fail(err, file, path, "mem_reserve", "expected at most 4294967295");
	if (m->nmem_caps > 64)
		return fail(err, file, path, "mem_caps", "more than 64 memories");
	for (uint32_t i = 0; i < m->nmem_caps; i++) {
		if (m->mem_caps[i] > 0xffffffffu) {
			char p[300];
			snprintf(p, sizeof p, "%s%smem_caps[%u]", path, *path ? "." : "", i);
			return pl_error(err, SYNTH_ERR_INVALID, file, p, "expected at most 4294967295");
		}
	}
	if (m->nmax_regions > 64)
		return fail(err, file, path, "max_regions", "more than 64 memories");
	for (uint32_t i = 0; i < m->nmax_regions; i++) {
		if (m->max_regions[i] > 64) {
			char p[300];
			snprintf(p, sizeof p, "%s%smax_regions[%u]", path, *path ? "." : "", i);
			return pl_error(err, SYNTH_ERR_INVALID, file, p,
			                "expected a number of regions from 1 to 64 (0: the project's max_regions)");
		}
	}
	return SYNTH_OK;
}

static const char *const *dup_strv(PlArena *a, const char *const *v, uint32_t n)
{
	if (!n)
		return NULL;
	const char **out = pl_alloc(a, sizeof *out * n);
	for (uint32_t i = 0; out && i < n; i++)
		out[i] = pl_strdup(a, v[i]);
	return out;
}

static bool copy_module(PlArena *a, const SynthProjectModule *m, SynthProjectModule *dst)
{
	*dst = *m;
	dst->name = pl_strdup(a, m->name);
	dst->wasm = pl_strdup(a, m->wasm);
	dst->target_cpu = pl_strdup(a, m->target_cpu);
	dst->prefix = pl_strdup(a, m->prefix);
	/* Trailing zero caps say nothing: drop them so equal modules save equal. */
	uint32_t n = m->nmem_caps;
	while (n && m->mem_caps[n - 1] == 0)
		n--;
	dst->nmem_caps = n;
	dst->mem_caps = NULL;
	if (n) {
		uint64_t *c = pl_alloc(a, sizeof *c * n);
		if (c)
			memcpy(c, m->mem_caps, sizeof *c * n);
		dst->mem_caps = c;
	}
	n = m->nmax_regions;
	while (n && m->max_regions[n - 1] == 0)
		n--;
	dst->nmax_regions = n;
	dst->max_regions = NULL;
	if (n) {
		uint32_t *c = pl_alloc(a, sizeof *c * n);
		if (c)
			memcpy(c, m->max_regions, sizeof *c * n);
		dst->max_regions = c;
	}
	return !a->oom;
}

static SynthStatus nomem(SynthPlanError *err)
{
	return pl_error(err, SYNTH_ERR_NOMEM, "", "", "out of memory");
}

SynthStatus pj_module_append(SynthProject *p, const SynthProjectModule *m, SynthPlanError *err)
{
	if (p->d.nmodules == p->cap_mods) {
		uint32_t ncap = p->cap_mods ? p->cap_mods * 2 : 8;
		SynthProjectModule *nm = pl_grow(&p->arena, p->mods, sizeof *nm * p->cap_mods, sizeof *nm * ncap);
		if (!nm)
			return nomem(err);
		p->mods = nm;
		p->cap_mods = ncap;
		p->d.modules = nm;
	}
	SynthProjectModule tmp;
	if (!copy_module(&p->arena, m, &tmp))
		return nomem(err);
	p->mods[p->d.nmodules++] = tmp;
	return SYNTH_OK;
}

static bool copy_domain(PlArena *a, const SynthProjectDomain *d, SynthProjectDomain *dst)
{
	dst->name = pl_strdup(a, d->name);
	dst->nmembers = d->nmembers;
	dst->members = dup_strv(a, d->members, d->nmembers);
	return !a->oom;
}

SynthStatus pj_domain_append(SynthProject *p, const SynthProjectDomain *d, SynthPlanError *err)
{
	if (p->d.ndomains == p->cap_doms) {
		uint32_t ncap = p->cap_doms ? p->cap_doms * 2 : 8;
		SynthProjectDomain *nd = pl_grow(&p->arena, p->doms, sizeof *nd * p->cap_doms, sizeof *nd * ncap);
		if (!nd)
			return nomem(err);
		p->doms = nd;
		p->cap_doms = ncap;
		p->d.domains = nd;
	}
	SynthProjectDomain tmp;
	if (!copy_domain(&p->arena, d, &tmp))
		return nomem(err);
	p->doms[p->d.ndomains++] = tmp;
	return SYNTH_OK;
}

static SynthStatus domain_check(const SynthProjectDomain *d, const char *path, SynthPlanError *err)
{
	if (!d->name)
		return fail(err, "", path, "name", "required key missing");
	if (!pl_is_ident(d->name))
		return fail(err, "", path, "name", "expected a C identifier");
	if (!d->nmembers)
		return fail(err, "", path, "members", "expected at least one member");
	for (uint32_t i = 0; i < d->nmembers; i++) {
		char name[256], p[300];
		long idx;
		if (!d->members[i] || !pj_member_split(d->members[i], name, sizeof name, &idx)) {
			snprintf(p, sizeof p, "%s.members[%u]", path, i);
			return pl_error(err, SYNTH_ERR_INVALID, "", p, "expected \"module\" or \"module.memidx\"");
		}
	}
	return SYNTH_OK;
}

SynthStatus synth_project_set_module(SynthProject *p, const SynthProjectModule *m, SynthPlanError *err)
{
	pl_error_clear(err);
	SynthStatus st = pj_module_check(m, "", "module", err);
	if (st)
		return st;
	int i = pj_module_find(&p->d, m->name);
	if (i < 0)
		return pj_module_append(p, m, err);
	SynthProjectModule tmp;
	if (!copy_module(&p->arena, m, &tmp))
		return nomem(err);
	p->mods[i] = tmp;
	return SYNTH_OK;
}

SynthStatus synth_project_remove_module(SynthProject *p, const char *name, SynthPlanError *err)
{
	pl_error_clear(err);
	int i = name ? pj_module_find(&p->d, name) : -1;
	if (i < 0)
		return pl_error(err, SYNTH_ERR_ARGUMENT, "", "modules", "no module named \"%s\"", name ? name : "");
	for (uint32_t k = 0; k < p->d.ndomains; k++) {
		for (uint32_t j = 0; j < p->d.domains[k].nmembers; j++) {
			char mod[256];
			long idx;
			if (pj_member_split(p->d.domains[k].members[j], mod, sizeof mod, &idx) && !strcmp(mod, name))
				return pl_error(err, SYNTH_ERR_ARGUMENT, "", "modules",
				                "module \"%s\" is a member of domain \"%s\"", name, p->d.domains[k].name);
		}
	}
	for (uint32_t k = 0; k < p->d.opt.npins; k++) {
		char mod[256];
		long idx;
		if (pj_pin_split(p->d.opt.pins[k].memory, mod, sizeof mod, &idx) && !strcmp(mod, name))
			return pl_error(err, SYNTH_ERR_ARGUMENT, "", "modules", "module \"%s\" is pinned (pins[%u])",
			                name, k);
	}
	memmove(&p->mods[i], &p->mods[i + 1], sizeof *p->mods * (p->d.nmodules - (uint32_t)i - 1));
	p->d.nmodules--;
	return SYNTH_OK;
}

static int domain_find(const SynthProjectDesc *d, const char *name)
{
	for (uint32_t i = 0; i < d->ndomains; i++)
		if (strcmp(d->domains[i].name, name) == 0)
			return (int)i;
	return -1;
}

SynthStatus synth_project_set_domain(SynthProject *p, const SynthProjectDomain *d, SynthPlanError *err)
{
	pl_error_clear(err);
	SynthStatus st = domain_check(d, "domain", err);
	if (st)
		return st;
	int i = domain_find(&p->d, d->name);
	if (i < 0)
		return pj_domain_append(p, d, err);
	SynthProjectDomain tmp;
	if (!copy_domain(&p->arena, d, &tmp))
		return nomem(err);
	p->doms[i] = tmp;
	return SYNTH_OK;
}

SynthStatus synth_project_remove_domain(SynthProject *p, const char *name, SynthPlanError *err)
{
	pl_error_clear(err);
	int i = name ? domain_find(&p->d, name) : -1;
	if (i < 0)
		return pl_error(err, SYNTH_ERR_ARGUMENT, "", "domains", "no domain named \"%s\"", name ? name : "");
	memmove(&p->doms[i], &p->doms[i + 1], sizeof *p->doms * (p->d.ndomains - (uint32_t)i - 1));
	p->d.ndomains--;
	return SYNTH_OK;
}

SynthStatus pj_options_check(const SynthProjectOptions *o, const char *file, SynthPlanError *err)
{
	const char *why;
	if (o->name && !pl_is_ident(o->name))
		return fail(err, file, "", "name", "expected a C identifier");
	if (o->board && (why = pj_text_problem(o->board)))
		return fail(err, file, "", "board", why);
	if (o->target && (why = pj_text_problem(o->target)))
		return fail(err, file, "", "target", why);
	if (o->layout && (why = pj_text_problem(o->layout)))
		return fail(err, file, "", "layout", why);
	if (o->model != SYNTH_MODEL_A && o->model != SYNTH_MODEL_B)
		return fail(err, file, "", "model", "expected \"A\" or \"B\"");
	if (o->max_regions > 64)
		return fail(err, file, "", "max_regions", "expected a number of regions from 1 to 64");
	char p[300];
	for (uint32_t i = 0; i < o->nsources; i++) {
		if ((why = pj_text_problem(o->sources[i]))) {
			snprintf(p, sizeof p, "sources[%u]", i);
			return pl_error(err, SYNTH_ERR_INVALID, file, p, "%s", why);
		}
	}
	for (uint32_t i = 0; i < o->ncflags; i++) {
		if ((why = pj_text_problem(o->cflags[i]))) {
			snprintf(p, sizeof p, "cflags[%u]", i);
			return pl_error(err, SYNTH_ERR_INVALID, file, p, "%s", why);
		}
	}
	for (uint32_t i = 0; i < o->npins; i++) {
		const SynthProjectPin *pin = &o->pins[i];
		char name[256];
		long idx;
		snprintf(p, sizeof p, "pins[%u]", i);
		if (!pin->memory)
			return fail(err, file, p, "memory", "required key missing");
		if (!pj_pin_split(pin->memory, name, sizeof name, &idx))
			return fail(err, file, p, "memory", "expected \"module.memidx\" or \"module.state\"");
		if (idx == PJ_STATE && (pin->bank || pin->nneeds || !pin->has_address))
			return fail(err, file, p, "", "a state section's pin is an \"address\" alone");
		if (pin->bank && (why = pj_text_problem(pin->bank)))
			return fail(err, file, p, "bank", why);
		if (!pin->bank && !pin->nneeds && !pin->has_address)
			return fail(err, file, p, "", "expected \"bank\", \"needs\" or \"address\"");
		if (pin->has_address && pin->address >= PL_ADDR_LIMIT)
			return fail(err, file, p, "address", "not below 4 GiB");
		for (uint32_t k = 0; k < pin->nneeds; k++) {
			if ((why = pj_text_problem(pin->needs[k]))) {
				snprintf(p, sizeof p, "pins[%u].needs[%u]", i, k);
				return pl_error(err, SYNTH_ERR_INVALID, file, p, "%s", why);
			}
		}
	}
	return SYNTH_OK;
}

SynthStatus pj_options_copy(SynthProject *p, const SynthProjectOptions *o, SynthPlanError *err)
{
	PlArena *a = &p->arena;
	SynthProjectOptions n = *o;
	n.name = pl_strdup(a, o->name);
	n.board = pl_strdup(a, o->board);
	n.target = pl_strdup(a, o->target);
	n.layout = pl_strdup(a, o->layout);
	n.sources = dup_strv(a, o->sources, o->nsources);
	n.cflags = dup_strv(a, o->cflags, o->ncflags);
	SynthProjectPin *pins = o->npins ? pl_alloc(a, sizeof *pins * o->npins) : NULL;
	for (uint32_t i = 0; pins && i < o->npins; i++) {
		pins[i].memory = pl_strdup(a, o->pins[i].memory);
		pins[i].bank = pl_strdup(a, o->pins[i].bank);
		pins[i].nneeds = o->pins[i].nneeds;
		pins[i].needs = dup_strv(a, o->pins[i].needs, o->pins[i].nneeds);
		pins[i].has_address = o->pins[i].has_address;
		pins[i].address = o->pins[i].has_address ? o->pins[i].address : 0;
	}
	n.pins = pins;
	if (a->oom)
		return nomem(err);
	p->d.opt = n;
	return SYNTH_OK;
}

/* The options with memory's pin replaced by pin (NULL: removed), checked and copied in. */
static SynthStatus replace_pin(SynthProject *p, const char *memory, const SynthProjectPin *pin, SynthPlanError *err)
{
	SynthProjectOptions o = p->d.opt;
	uint32_t n = 0;
	size_t bytes = sizeof(SynthProjectPin) * (o.npins + 1);
	SynthProjectPin *v = sy_malloc(&p->ctx->alloc, bytes);
	if (!v)
		return nomem(err);
	for (uint32_t i = 0; i < o.npins; i++)
		if (strcmp(o.pins[i].memory, memory) != 0)
			v[n++] = o.pins[i];
	if (pin)
		v[n++] = *pin;
	o.pins = v;
	o.npins = n;
	SynthStatus st = synth_project_set_options(p, &o, err);
	sy_free(&p->ctx->alloc, v, bytes);
	return st;
}

SynthStatus synth_project_set_pin(SynthProject *p, const SynthProjectPin *pin, SynthPlanError *err)
{
	pl_error_clear(err);
	char name[256];
	long idx;
	if (!pin || !pin->memory || !pj_pin_split(pin->memory, name, sizeof name, &idx))
		return pl_error(err, SYNTH_ERR_ARGUMENT, "", "pins",
		                "a pin names a memory \"module.memidx\" or a state section \"module.state\", not \"%s\"",
		                pin && pin->memory ? pin->memory : "");
	if (pj_module_find(&p->d, name) < 0)
		return pl_error(err, SYNTH_ERR_ARGUMENT, "", "pins", "no module named \"%s\"", name);
	bool empty = !pin->bank && !pin->nneeds && !pin->has_address;
	return replace_pin(p, pin->memory, empty ? NULL : pin, err);
}

SynthStatus synth_project_remove_pin(SynthProject *p, const char *memory, SynthPlanError *err)
{
	pl_error_clear(err);
	bool found = false;
	for (uint32_t i = 0; memory && i < p->d.opt.npins; i++)
		found |= strcmp(p->d.opt.pins[i].memory, memory) == 0;
	if (!found)
		return pl_error(err, SYNTH_ERR_ARGUMENT, "", "pins", "memory %s has no pin", memory ? memory : "");
	return replace_pin(p, memory, NULL, err);
}

SynthStatus synth_project_set_options(SynthProject *p, const SynthProjectOptions *opt, SynthPlanError *err)
{
	pl_error_clear(err);
	SynthStatus st = pj_options_check(opt, "", err);
	return st ? st : pj_options_copy(p, opt, err);
}

SynthStatus synth_project_check(const SynthProject *p, SynthPlanError *err)
{
	pl_error_clear(err);
	const SynthProjectDesc *d = &p->d;
	char path[300], name[256];
	long idx;
	if (!d->opt.board)
		return pl_error(err, SYNTH_ERR_INVALID, "", "board", "required key missing");
	if (!d->nmodules)
		return pl_error(err, SYNTH_ERR_INVALID, "", "modules", "expected at least one module");
	for (uint32_t i = 0; i < d->nmodules; i++)
		for (uint32_t j = 0; j < i; j++)
			if (!strcmp(d->modules[i].name, d->modules[j].name)) {
				snprintf(path, sizeof path, "modules[%u].name", i);
				return pl_error(err, SYNTH_ERR_INVALID, "", path, "duplicate module name \"%s\"",
				                d->modules[i].name);
			}
	for (uint32_t i = 0; i < d->ndomains; i++) {
		const SynthProjectDomain *dm = &d->domains[i];
		for (uint32_t j = 0; j < i; j++)
			if (!strcmp(dm->name, d->domains[j].name)) {
				snprintf(path, sizeof path, "domains[%u].name", i);
				return pl_error(err, SYNTH_ERR_INVALID, "", path, "duplicate domain name \"%s\"", dm->name);
			}
		for (uint32_t k = 0; k < dm->nmembers; k++) {
			snprintf(path, sizeof path, "domains[%u].members[%u]", i, k);
			if (!pj_member_split(dm->members[k], name, sizeof name, &idx))
				return pl_error(err, SYNTH_ERR_INVALID, "", path, "expected \"module\" or \"module.memidx\"");
			if (pj_module_find(d, name) < 0)
				return pl_error(err, SYNTH_ERR_INVALID, "", path, "no module named \"%s\"", name);
		}
	}
	for (uint32_t i = 0; i < d->opt.npins; i++) {
		snprintf(path, sizeof path, "pins[%u].memory", i);
		if (!pj_pin_split(d->opt.pins[i].memory, name, sizeof name, &idx))
			return pl_error(err, SYNTH_ERR_INVALID, "", path, "expected \"module.memidx\" or \"module.state\"");
		if (pj_module_find(d, name) < 0)
			return pl_error(err, SYNTH_ERR_INVALID, "", path, "no module named \"%s\"", name);
		for (uint32_t j = 0; j < i; j++)
			if (!strcmp(d->opt.pins[i].memory, d->opt.pins[j].memory))
				return pl_error(err, SYNTH_ERR_INVALID, "", path, "memory %s is pinned twice",
				                d->opt.pins[i].memory);
	}
	return SYNTH_OK;
}
