/* steps.c - a project as its build steps, in build order:
 *
 *   compile      per module: synth compile -> modules/M.o, M.h, M.requests.json (+ M.d)
 *   requests     synth project requests -> layout/requests.json (pins applied)
 *   plan         without a committed layout: synth plan -> layout/layout.json
 *   check        with one: synth layout check LAYOUT --requests ... -> layout/check.stamp
 *   export       synth layout export -> layout/memories.ld, mpu.h, mpu.c, map.txt
 *   cc           per C source: the project's -> cc/SRC.o, layout/mpu.c -> layout/mpu.o (+ .d)
 *   link         the cross compiler: objects, layout fragment, runtime -> NAME.elf
 *   image_check  synth layout check LAYOUT --elf NAME.elf -> NAME.check.stamp
 *
 * Every path is as the build folder sees it (the generator runs the steps
 * there): outputs are relative to it, inputs are the project's paths joined
 * to env->source_dir unless absolute. No step depends on where the build
 * folder is, so two build folders produce the same files. The list is data
 * for any build tool: argument vectors, inputs, outputs, depfile, restat.
 * synth compile, synth plan and synth layout export rewrite an output only
 * when its content changes (restat); the stamp steps write no file of their
 * own, so the build tool touches their stamp after success. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "project_internal.h"

/* A step list and the arena owning it. */
typedef struct PjSteps {
	SynthProjectSteps pub; /* what the caller sees (first: the handle is its address) */
	PlArena arena;         /* owns every step, string and array */
	SynthContext *ctx;     /* whose hook the arena draws on */
	SynthStep *steps;      /* pub.steps, growable */
	uint32_t cap;          /* capacity of steps */
} PjSteps;

/* A growable list of strings in the arena. */
typedef struct PjVec {
	const char **v; /* the strings */
	uint32_t n;     /* how many */
	uint32_t cap;   /* capacity */
} PjVec;

static void push(PlArena *a, PjVec *v, const char *s)
{
	if (!s) {
		a->oom = true; /* a failed pl_strdup/format upstream */
		return;
	}
	if (v->n == v->cap) {
		uint32_t ncap = v->cap ? v->cap * 2 : 16;
		const char **nv = pl_grow(a, (void *)v->v, sizeof *nv * v->cap, sizeof *nv * ncap);
		if (!nv)
			return;
		v->v = nv;
		v->cap = ncap;
	}
	v->v[v->n++] = s;
}

static char *fmt(PlArena *a, const char *f, ...) __attribute__((format(printf, 2, 3)));
static char *fmt(PlArena *a, const char *f, ...)
{
	va_list ap;
	va_start(ap, f);
	int n = vsnprintf(NULL, 0, f, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	char *s = pl_alloc(a, (size_t)n + 1);
	if (!s)
		return NULL;
	va_start(ap, f);
	vsnprintf(s, (size_t)n + 1, f, ap);
	va_end(ap);
	return s;
}

static void pushf(PlArena *a, PjVec *v, const char *f, ...) __attribute__((format(printf, 3, 4)));
static void pushf(PlArena *a, PjVec *v, const char *f, ...)
{
	va_list ap;
	va_start(ap, f);
	int n = vsnprintf(NULL, 0, f, ap);
	va_end(ap);
	char *s = n < 0 ? NULL : pl_alloc(a, (size_t)n + 1);
	if (s) {
		va_start(ap, f);
		vsnprintf(s, (size_t)n + 1, f, ap);
		va_end(ap);
	}
	push(a, v, s);
}

/* Pushes the blank-separated words of s. */
static void push_words(PlArena *a, PjVec *v, const char *s)
{
	while (s && *s) {
		while (*s == ' ' || *s == '\t')
			s++;
		size_t n = strcspn(s, " \t");
		if (n)
			pushf(a, v, "%.*s", (int)n, s);
		s += n;
	}
}

/* A project path as the build folder sees it. */
static char *src_path(PlArena *a, const char *dir, const char *path)
{
	while (path[0] == '.' && path[1] == '/')
		path += 2;
	if (path[0] == '/' || !dir || !*dir || !strcmp(dir, "."))
		return pl_strdup(a, path);
	size_t n = strlen(dir);
	while (n > 1 && dir[n - 1] == '/')
		n--;
	return fmt(a, "%.*s/%s", (int)n, dir, path);
}

/* The object of a C source (a project path): cc/ + the path with ".." as "__", no leading "/", + .o. */
static char *obj_path(PlArena *a, const char *src)
{
	size_t n = strlen(src);
	char *o = pl_alloc(a, 2 * n + 8);
	if (!o)
		return NULL;
	size_t k = 0;
	memcpy(o, "cc/", 3);
	k = 3;
	const char *s = src;
	while (*s == '/')
		s++;
	while (*s) {
		size_t c = strcspn(s, "/");
		if (c == 2 && s[0] == '.' && s[1] == '.') {
			memcpy(o + k, "__", 2);
			k += 2;
		} else if (!(c == 1 && s[0] == '.')) {
			memcpy(o + k, s, c);
			k += c;
		} else {
			s += c + (s[c] == '/');
			continue;
		}
		s += c;
		if (*s == '/') {
			o[k++] = '/';
			while (*s == '/')
				s++;
		}
	}
	memcpy(o + k, ".o", 3);
	return o;
}

/* Appends a step whose vectors are v[0..4] = args, inputs, implicit, order, outputs. */
static SynthStep *add(PjSteps *s, SynthStepKind kind, SynthTool tool, const char *name, PjVec v[5])
{
	PlArena *a = &s->arena;
	if (a->oom)
		return NULL;
	if (s->pub.nsteps == s->cap) {
		uint32_t ncap = s->cap ? s->cap * 2 : 16;
		SynthStep *n = pl_grow(a, s->steps, sizeof *n * s->cap, sizeof *n * ncap);
		if (!n)
			return NULL;
		s->steps = n;
		s->cap = ncap;
		s->pub.steps = n;
	}
	SynthStep *st = &s->steps[s->pub.nsteps++];
	memset(st, 0, sizeof *st);
	st->kind = kind;
	st->tool = tool;
	st->name = name;
	st->nargs = v[0].n, st->args = v[0].v;
	st->ninputs = v[1].n, st->inputs = v[1].v;
	st->nimplicit = v[2].n, st->implicit = v[2].v;
	st->norder = v[3].n, st->order = v[3].v;
	st->noutputs = v[4].n, st->outputs = v[4].v;
	memset(v, 0, 5 * sizeof *v);
	return st;
}

static SynthStatus build(PjSteps *s, const SynthProject *p, const SynthProjectEnv *env, SynthPlanError *err)
{
	PlArena *a = &s->arena;
	const SynthProjectDesc *d = &p->d;
	const SynthProjectOptions *o = &d->opt;
	const char *sd = env->source_dir;
	const char *rt = env->runtime_dir;
	const char *board = o->board;
	const char *fw = o->name ? o->name : "firmware";
	PjVec v[5] = {{0}};
	PjVec headers = {0}, reqs = {0}, mobjs = {0};
	SynthStep *st;

	/* The board's core, for modules that name none: from the planner's built-in target. */
	const char *board_core = NULL;
	SynthPlanTarget *bt = NULL;
	SynthPlanError terr;
	if (synth_plan_target_builtin_json(board)) {
		SynthStatus ts = synth_plan_target_builtin(s->ctx, board, &bt, &terr);
		if (ts == SYNTH_ERR_NOMEM)
			return pl_error(err, SYNTH_ERR_NOMEM, "", "", "out of memory");
		if (ts) /* a built-in target that does not load is a bug of this build */
			return pl_error(err, ts, terr.file, terr.path, "%s", terr.message);
		const char *c = synth_plan_target_desc(bt)->core;
		board_core = c && *c ? pl_strdup(a, c) : NULL;
	}
	synth_plan_target_free(bt);
	if (a->oom)
		return pl_error(err, SYNTH_ERR_NOMEM, "", "", "out of memory");

	for (uint32_t i = 0; i < d->nmodules; i++) {
		const SynthProjectModule *m = &d->modules[i];
		const char *cpu = m->target_cpu ? m->target_cpu : board_core;
		if (!cpu) {
			char path[64];
			snprintf(path, sizeof path, "modules[%u].target_cpu", i);
			return pl_error(err, SYNTH_ERR_INVALID, "", path,
			                "required: board \"%s\" is not a built-in target, so its core is unknown", board);
		}
		char *obj = fmt(a, "modules/%s.o", m->name);
		char *hdr = fmt(a, "modules/%s.h", m->name);
		char *req = fmt(a, "modules/%s.requests.json", m->name);
		char *dep = fmt(a, "modules/%s.d", m->name);
		char *wasm = src_path(a, sd, m->wasm);
		push(a, &v[0], "compile");
		push(a, &v[0], "--target");
		push(a, &v[0], cpu);
		push(a, &v[0], "--name");
		push(a, &v[0], m->name);
		if (m->prefix) {
			push(a, &v[0], "--prefix");
			push(a, &v[0], m->prefix);
		}
		pushf(a, &v[0], "--bounds=%s", pj_bounds_name(m->bounds));
		if (m->mem_cap) {
			push(a, &v[0], "--mem-cap");
			pushf(a, &v[0], "%llu", (unsigned long long)m->mem_cap);
		}
		for (uint32_t k = 0; k < m->nmem_caps; k++) {
			if (!m->mem_caps[k])
				continue;
			push(a, &v[0], "--mem-cap");
			pushf(a, &v[0], "%u=%llu", k, (unsigned long long)m->mem_caps[k]);
		}
		if (m->mem_reserve) {
			push(a, &v[0], "--mem-reserve");
			pushf(a, &v[0], "%llu", (unsigned long long)m->mem_reserve);
		}
		push(a, &v[0], "--header");
		push(a, &v[0], hdr);
		push(a, &v[0], "--requests");
		push(a, &v[0], req);
		push(a, &v[0], "--depfile");
		push(a, &v[0], dep);
		push(a, &v[0], "-o");
		push(a, &v[0], obj);
		push(a, &v[0], wasm);
		push(a, &v[1], wasm);
		push(a, &v[4], obj);
		push(a, &v[4], hdr);
		push(a, &v[4], req);
		push(a, &headers, hdr);
		push(a, &reqs, req);
		push(a, &mobjs, obj);
		if ((st = add(s, SYNTH_STEP_COMPILE, SYNTH_TOOL_SYNTH, fmt(a, "compile %s", m->name), v))) {
			st->depfile = dep;
			st->restat = true; /* synth compile rewrites only changed outputs */
		}
	}

	/* requests: every module's requests, pins applied */
	const char *merged = "layout/requests.json";
	push(a, &v[0], "project");
	push(a, &v[0], "requests");
	push(a, &v[0], env->project_file);
	push(a, &v[0], "-o");
	push(a, &v[0], merged);
	for (uint32_t i = 0; i < reqs.n; i++) {
		push(a, &v[0], reqs.v[i]);
		push(a, &v[1], reqs.v[i]);
	}
	push(a, &v[2], env->project_file);
	push(a, &v[4], merged);
	if ((st = add(s, SYNTH_STEP_REQUESTS, SYNTH_TOOL_SYNTH, "requests", v)))
		st->restat = true;

	/* plan, or check against the committed layout */
	const char *layout, *check_stamp = NULL;
	if (!o->layout) {
		layout = "layout/layout.json";
		const char *target = o->target ? src_path(a, sd, o->target) : board;
		push(a, &v[0], "plan");
		push(a, &v[0], "--target");
		push(a, &v[0], target);
		push(a, &v[0], "--model");
		push(a, &v[0], o->model == SYNTH_MODEL_A ? "a" : "b");
		for (uint32_t i = 0; i < d->ndomains; i++) {
			const SynthProjectDomain *dm = &d->domains[i];
			size_t n = strlen(dm->name) + 2;
			for (uint32_t k = 0; k < dm->nmembers; k++)
				n += strlen(dm->members[k]) + 1;
			char *spec = pl_alloc(a, n);
			if (spec) {
				strcpy(spec, dm->name);
				strcat(spec, "=");
				for (uint32_t k = 0; k < dm->nmembers; k++) {
					if (k)
						strcat(spec, ",");
					strcat(spec, dm->members[k]);
				}
			}
			push(a, &v[0], "--domain");
			push(a, &v[0], spec);
		}
		push(a, &v[0], "-o");
		push(a, &v[0], layout);
		push(a, &v[0], merged);
		push(a, &v[1], merged);
		if (o->target)
			push(a, &v[2], target);
		push(a, &v[4], layout);
		if ((st = add(s, SYNTH_STEP_PLAN, SYNTH_TOOL_SYNTH, "plan", v)))
			st->restat = true;
	} else {
		layout = src_path(a, sd, o->layout);
		check_stamp = "layout/check.stamp";
		push(a, &v[0], "layout");
		push(a, &v[0], "check");
		push(a, &v[0], layout);
		push(a, &v[0], "--requests");
		push(a, &v[0], merged);
		push(a, &v[1], layout);
		push(a, &v[1], merged);
		push(a, &v[4], check_stamp);
		if ((st = add(s, SYNTH_STEP_CHECK, SYNTH_TOOL_SYNTH, "check layout", v)))
			st->stamp = true;
	}

	/* export */
	static const char *const exports[4][2] = {{"--ld", "layout/memories.ld"}, {"--h", "layout/mpu.h"},
	                                          {"--c", "layout/mpu.c"}, {"--map", "layout/map.txt"}};
	push(a, &v[0], "layout");
	push(a, &v[0], "export");
	push(a, &v[0], layout);
	for (int k = 0; k < 4; k++) {
		push(a, &v[0], exports[k][0]);
		push(a, &v[0], exports[k][1]);
		push(a, &v[4], exports[k][1]);
	}
	push(a, &v[1], layout);
	if (check_stamp)
		push(a, &v[2], check_stamp);
	if ((st = add(s, SYNTH_STEP_EXPORT, SYNTH_TOOL_SYNTH, "export layout", v)))
		st->restat = true;
	push(a, &headers, "layout/mpu.h");

	/* cc: the firmware's sources, then the MPU tables */
	char *rt_inc = fmt(a, "%s/include", rt);
	char *rt_lib = fmt(a, "%s/%s/libsynth-rt-%s.a", rt, board, board);
	char *rt_ld = fmt(a, "%s/%s/synth-rt-%s.ld", rt, board, board);
	PjVec objs = {0};
	for (uint32_t i = 0; i <= o->nsources; i++) {
		/* Objects are named after the source as the project names it, so
		 * they do not depend on where the build folder is. */
		const char *src = i < o->nsources ? src_path(a, sd, o->sources[i]) : "layout/mpu.c";
		char *obj = i < o->nsources ? obj_path(a, o->sources[i]) : pl_strdup(a, "layout/mpu.o");
		char *dep = obj ? fmt(a, "%s.d", obj) : NULL;
		push_words(a, &v[0], env->board_cflags);
		for (uint32_t k = 0; k < o->ncflags; k++)
			push(a, &v[0], o->cflags[k]);
		push(a, &v[0], "-ffreestanding");
		push(a, &v[0], "-I");
		push(a, &v[0], rt_inc);
		push(a, &v[0], "-I");
		push(a, &v[0], ".");
		push(a, &v[0], "-I");
		push(a, &v[0], "modules");
		push(a, &v[0], "-I");
		push(a, &v[0], "layout");
		push(a, &v[0], "-MD");
		push(a, &v[0], "-MF");
		push(a, &v[0], dep);
		push(a, &v[0], "-c");
		push(a, &v[0], src);
		push(a, &v[0], "-o");
		push(a, &v[0], obj);
		push(a, &v[1], src);
		for (uint32_t k = 0; k < headers.n; k++)
			if (i < o->nsources)
				push(a, &v[3], headers.v[k]);
		if (i == o->nsources)
			push(a, &v[3], "layout/mpu.h");
		push(a, &v[4], obj);
		push(a, &objs, obj);
		if ((st = add(s, SYNTH_STEP_CC, SYNTH_TOOL_CC, fmt(a, "cc %s", src ? src : ""), v)))
			st->depfile = dep;
	}

	/* link */
	char *image = fmt(a, "%s.elf", fw);
	push_words(a, &v[0], env->board_cflags);
	for (uint32_t k = 0; k < o->ncflags; k++)
		push(a, &v[0], o->cflags[k]);
	push(a, &v[0], "-nostdlib");
	push(a, &v[0], "-nostartfiles");
	push(a, &v[0], "-T");
	push(a, &v[0], rt_ld);
	push(a, &v[0], "-Wl,--gc-sections");
	push(a, &v[0], "-Wl,--build-id=none");
	for (uint32_t k = 0; k < objs.n; k++) {
		push(a, &v[0], objs.v[k]);
		push(a, &v[1], objs.v[k]);
	}
	for (uint32_t k = 0; k < mobjs.n; k++) {
		push(a, &v[0], mobjs.v[k]);
		push(a, &v[1], mobjs.v[k]);
	}
	/* The layout's fragment as a second script (-T), so ld places the
	 * memory sections by it without warning about an input script;
	 * -Xlinker keeps a path with commas whole. */
	push(a, &v[0], "-Xlinker");
	push(a, &v[0], "-T");
	push(a, &v[0], "-Xlinker");
	push(a, &v[0], "layout/memories.ld");
	push(a, &v[1], "layout/memories.ld");
	push(a, &v[0], rt_lib);
	push(a, &v[0], "-lgcc");
	push(a, &v[0], "-o");
	push(a, &v[0], image);
	push(a, &v[2], rt_lib);
	push(a, &v[2], rt_ld);
	push(a, &v[4], image);
	add(s, SYNTH_STEP_LINK, SYNTH_TOOL_CC, fmt(a, "link %s", image ? image : ""), v);

	/* image check */
	push(a, &v[0], "layout");
	push(a, &v[0], "check");
	push(a, &v[0], layout);
	push(a, &v[0], "--elf");
	push(a, &v[0], image);
	push(a, &v[1], layout);
	push(a, &v[1], image);
	push(a, &v[4], fmt(a, "%s.check.stamp", fw));
	if ((st = add(s, SYNTH_STEP_IMAGE_CHECK, SYNTH_TOOL_SYNTH, "check image", v)))
		st->stamp = true;
	s->pub.image = image;

	if (a->oom)
		return pl_error(err, SYNTH_ERR_NOMEM, "", "", "out of memory");
	return SYNTH_OK;
}

SynthStatus synth_project_steps(SynthContext *ctx, const SynthProject *p, const SynthProjectEnv *env,
                                SynthProjectSteps **out, SynthPlanError *err)
{
	*out = NULL;
	pl_error_clear(err);
	if (!env || !env->project_file || !*env->project_file || !env->runtime_dir || !*env->runtime_dir)
		return pl_error(err, SYNTH_ERR_ARGUMENT, "", "", "the project file and the runtime folder are required");
	SynthStatus st = synth_project_check(p, err);
	if (st)
		return st;
	PjSteps *s = sy_malloc(&ctx->alloc, sizeof *s);
	if (!s)
		return pl_error(err, SYNTH_ERR_NOMEM, "", "", "out of memory");
	memset(s, 0, sizeof *s);
	s->ctx = ctx;
	pl_arena_init(&s->arena, &ctx->alloc);
	st = build(s, p, env, err);
	if (st) {
		synth_project_steps_free(ctx, &s->pub);
		return st;
	}
	*out = &s->pub;
	return SYNTH_OK;
}

void synth_project_steps_free(SynthContext *ctx, SynthProjectSteps *steps)
{
	if (!steps)
		return;
	PjSteps *s = (PjSteps *)steps;
	pl_arena_free(&s->arena);
	sy_free(&ctx->alloc, s, sizeof *s);
}

const char *synth_step_kind_name(SynthStepKind kind)
{
	static const char *const names[SYNTH_STEP_KIND_COUNT] = {
		"compile", "requests", "plan", "check", "export", "cc", "link", "image_check",
	};
	return (unsigned)kind < SYNTH_STEP_KIND_COUNT ? names[kind] : "?";
}
