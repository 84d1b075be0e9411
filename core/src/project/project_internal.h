/* project_internal.h - internal interfaces of the project model
 * (core/src/project/), sectioned by file; internal names carry pj_. */
#ifndef SYNTH_PROJECT_INTERNAL_H
#define SYNTH_PROJECT_INTERNAL_H

#include "../plan/plan_internal.h"
#include "synth/project.h"

/* A project: its description and the arena that owns all of it. */
struct SynthProject {
	SynthContext *ctx;       /* whose hook the arena draws on */
	PlArena arena;           /* owns every string and array below */
	SynthProjectDesc d;      /* the description handed out */
	SynthProjectModule *mods;/* d.modules, growable */
	uint32_t cap_mods;       /* capacity of mods */
	SynthProjectDomain *doms;/* d.domains, growable */
	uint32_t cap_doms;       /* capacity of doms */
};

/* ---- edit.c ---- */

/* Checks one module's own fields; errors name path (e.g. "modules[2]"). */
SynthStatus pj_module_check(const SynthProjectModule *m, const char *file, const char *path,
                            SynthPlanError *err);
/* Appends a copy of m (no duplicate check); SYNTH_ERR_NOMEM on failure. */
SynthStatus pj_module_append(SynthProject *p, const SynthProjectModule *m, SynthPlanError *err);
/* Appends a copy of d (no duplicate check). */
SynthStatus pj_domain_append(SynthProject *p, const SynthProjectDomain *d, SynthPlanError *err);
/* Checks the project-wide options' own fields. */
SynthStatus pj_options_check(const SynthProjectOptions *o, const char *file, SynthPlanError *err);
/* Copies the options into the project's arena. */
SynthStatus pj_options_copy(SynthProject *p, const SynthProjectOptions *o, SynthPlanError *err);
/* Name of a bounds mode: "trap", "mask", "none". */
const char *pj_bounds_name(SynthBounds b);
/* Checks a string used as a path or command-line word: non-empty, no
 * newline or other control character; NULL when fine, else why. */
const char *pj_text_problem(const char *s);
/* Splits a member "module" or "module.memidx"; the module name goes to
 * name (cap bytes), the index to *memidx (-1 when absent). False when malformed. */
bool pj_member_split(const char *s, char *name, size_t cap, long *memidx);
/* Splits what a pin names: "module.memidx" (*memidx >= 0) or "module.state"
 * (*memidx == PJ_STATE, a module's state section). False when malformed. */
#define PJ_STATE (-2L)
bool pj_pin_split(const char *s, char *name, size_t cap, long *memidx);
/* Index of the module named name, or -1. */
int pj_module_find(const SynthProjectDesc *d, const char *name);

/* ---- regions.c ---- */

/* Applies the project's and its modules' max_regions to a plan input holding
 * the modules' requests; errors name the module's max_regions entry. */
SynthStatus pj_apply_max_regions(const SynthProject *p, SynthPlanInput *in, SynthPlanError *err);

#endif
