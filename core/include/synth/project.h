/* project.h - the project model of libsynth: one description of a firmware
 * build (modules and their options, the board or a target file, protection
 * domains, the chosen isolation model, pins, the accepted layout and the
 * firmware's own C sources), stored as a versioned JSON project file
 * ("synth_project": 1, described in core/src/project/load.c), and turned
 * into the ordered build steps compile -> requests -> plan/check -> export
 * -> cc -> link -> image check. The CMake functions, the Ninja generator
 * (ninja-gen/) and the GTK planner all work from this one model.
 *
 * Memory. A project allocates through the SynthContext it was made with
 * (which must outlive it), in one arena freed with synth_project_free();
 * strings an edit replaces stay in that arena until then. Step lists and
 * saved text allocate through the context they are given. There is no
 * process-wide state. As in plan.h, the one exception is the JSON tree
 * json-c builds while a file is read, which json-c allocates with malloc.
 *
 * Errors come back as a SynthPlanError whose path is a JSON path without
 * the leading "$", e.g. file "proj.json", path "modules[2].wasm", message
 * "expected a string". The library never prints or exits. */
#ifndef SYNTH_PROJECT_H
#define SYNTH_PROJECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "synth/plan.h"
#include "synth/synth.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The key naming the format, and the version this library reads and writes. */
#define SYNTH_PROJECT_KEY "synth_project"
#define SYNTH_PROJECT_VERSION 1

/* A module of the project: one .wasm compiled into one object. */
typedef struct SynthProjectModule {
	const char *name;        /* module identifier (C identifier, unique) */
	const char *wasm;        /* the .wasm file, relative to the project file */
	const char *target_cpu;  /* core, e.g. "cortex-m4f"; NULL: the board's core */
	SynthBounds bounds;      /* bounds-check mode */
	const char *prefix;      /* prefix of exported symbols; NULL: "name_" */
	uint64_t mem_cap;        /* most bytes reserved per memory; 0: the compiler's default */
	uint64_t mem_reserve;    /* what a memory without a maximum reserves; 0: default */
	uint32_t nmem_caps;      /* per-memory caps by memory index (0: mem_cap) */
	const uint64_t *mem_caps;
	uint32_t nmax_regions;   /* per-memory region caps by memory index, 1 to 64 (0: the */
	const uint32_t *max_regions; /* project's max_regions); see synth_plan_input_set_max_regions */
} SynthProjectModule;

/* A protection domain: the memories a component may touch. */
typedef struct SynthProjectDomain {
	const char *name;             /* unique name (C identifier) */
	uint32_t nmembers;            /* members: "module" (all its memories) or "module.memidx" */
	const char *const *members;
} SynthProjectDomain;

/* A pin: where the planner must put one memory (or a module's state section). */
typedef struct SynthProjectPin {
	const char *memory;           /* "module.memidx", or "module.state" (then an address alone) */
	const char *bank;             /* RAM bank it must go to, or NULL */
	uint32_t nneeds;              /* bank attributes it needs, e.g. "dma" */
	const char *const *needs;
	bool has_address;             /* pinned to an address: its base is exactly address */
	uint64_t address;             /* the address (below 4 GiB), when has_address */
} SynthProjectPin;

/* Project-wide options (everything but modules and domains). */
typedef struct SynthProjectOptions {
	const char *name;             /* firmware name (C identifier); NULL: "firmware" */
	const char *board;            /* board of the runtime, e.g. "mps2-an386" (required) */
	const char *target;           /* planner target file; NULL: the built-in target named board */
	SynthPlanModel model;         /* isolation model the layout uses */
	const char *layout;           /* accepted (committed) layout file, or NULL: plan in the build */
	uint32_t npins;               /* placement pins */
	const SynthProjectPin *pins;
	uint32_t nsources;            /* the firmware's own C sources */
	const char *const *sources;
	uint32_t ncflags;             /* extra flags for the cross compiler (compile and link) */
	const char *const *cflags;
	uint32_t max_regions;         /* most regions model B covers a memory with, 1 to 64 (0: as
	                                 many as its domains have spare); a module's max_regions wins */
} SynthProjectOptions;

/* Everything a project holds (borrowed from the project; an edit may move it). */
typedef struct SynthProjectDesc {
	SynthProjectOptions opt;               /* project-wide options */
	uint32_t nmodules;                     /* modules, in file order */
	const SynthProjectModule *modules;
	uint32_t ndomains;                     /* domains, in file order (none: one per module) */
	const SynthProjectDomain *domains;
} SynthProjectDesc;

typedef struct SynthProject SynthProject;

/* ---- load, edit, save (load.c, edit.c, save.c) ---- */

/* Creates an empty project (no board, model B) allocating through ctx; NULL when out of memory. */
SynthProject *synth_project_new(SynthContext *ctx);
/* Frees a project. NULL is allowed. */
void synth_project_free(SynthProject *p);
/* Loads a project from JSON text; file names it in errors. */
SynthStatus synth_project_load_json(SynthContext *ctx, const char *text, size_t len, const char *file,
                                    SynthProject **out, SynthPlanError *err);
/* Loads a project file (read through ctx's hook). */
SynthStatus synth_project_load_file(SynthContext *ctx, const char *path, SynthProject **out,
                                    SynthPlanError *err);
/* The project's description (borrowed; valid until the next edit). */
const SynthProjectDesc *synth_project_desc(const SynthProject *p);
/* Checks cross references: a board, unique names, members and pins naming modules. */
SynthStatus synth_project_check(const SynthProject *p, SynthPlanError *err);
/* Adds a module, or replaces the module of the same name (copied). */
SynthStatus synth_project_set_module(SynthProject *p, const SynthProjectModule *m, SynthPlanError *err);
/* Removes a module; fails when a domain or a pin still names it. */
SynthStatus synth_project_remove_module(SynthProject *p, const char *name, SynthPlanError *err);
/* Adds a domain, or replaces the domain of the same name (copied). */
SynthStatus synth_project_set_domain(SynthProject *p, const SynthProjectDomain *d, SynthPlanError *err);
/* Removes a domain; fails when there is none of that name. */
SynthStatus synth_project_remove_domain(SynthProject *p, const char *name, SynthPlanError *err);
/* Adds the pin of pin->memory, or replaces that memory's pin (copied); a
 * pin with no bank, needs or address removes it instead. */
SynthStatus synth_project_set_pin(SynthProject *p, const SynthProjectPin *pin, SynthPlanError *err);
/* Removes the pin of memory "module.memidx"; fails when it has none. */
SynthStatus synth_project_remove_pin(SynthProject *p, const char *memory, SynthPlanError *err);
/* Caps the regions model B covers memory "module.memidx" with (its module's
 * max_regions), or with memory NULL the project's default (max_regions);
 * n is 1 to 64, 0 removes the cap. */
SynthStatus synth_project_set_max_regions(SynthProject *p, const char *memory, uint32_t n, SynthPlanError *err);
/* The cap set for memory "module.memidx" (0: none of its own), or with NULL the project's default. */
uint32_t synth_project_max_regions(const SynthProject *p, const char *memory);
/* Replaces the project-wide options (copied). */
SynthStatus synth_project_set_options(SynthProject *p, const SynthProjectOptions *opt, SynthPlanError *err);
/* Writes the project file: keys sorted, 2-space indentation, one trailing
 * newline, so load + save is byte-identical. Text allocated through ctx;
 * free with synth_project_text_free. */
SynthStatus synth_project_save(SynthContext *ctx, const SynthProject *p, char **text, SynthPlanError *err);
/* Frees text the project library returned. NULL is allowed. */
void synth_project_text_free(SynthContext *ctx, char *text);

/* ---- build steps (steps.c) ---- */

/* What a step's program is. */
typedef enum SynthTool {
	SYNTH_TOOL_SYNTH, /* the synth command */
	SYNTH_TOOL_CC,    /* the cross compiler (arm-none-eabi-gcc) */
} SynthTool;

/* Kinds of build step, in build order. */
typedef enum SynthStepKind {
	SYNTH_STEP_COMPILE,     /* synth compile: module -> object, header, requests, depfile */
	SYNTH_STEP_REQUESTS,    /* synth project requests: every module's requests + pins -> one file */
	SYNTH_STEP_PLAN,        /* synth plan: requests + domains -> layout (no committed layout) */
	SYNTH_STEP_CHECK,       /* synth layout check: the requests still fit the committed layout */
	SYNTH_STEP_EXPORT,      /* synth layout export: ld fragment, MPU table C source + header, map */
	SYNTH_STEP_CC,          /* cross-compile one C source of the firmware */
	SYNTH_STEP_LINK,        /* link objects, runtime and layout into the image */
	SYNTH_STEP_IMAGE_CHECK, /* synth layout check --elf: the image matches the layout */
	SYNTH_STEP_KIND_COUNT
} SynthStepKind;

/* Where the build runs and what it runs with. Paths are as the build
 * folder sees them: relative to it, unless absolute. */
typedef struct SynthProjectEnv {
	const char *project_file; /* the project file itself (required) */
	const char *source_dir;   /* folder of the project file ("" or "." for the build folder) */
	const char *runtime_dir;  /* MCU runtime: <board>/libsynth-rt-<board>.a, include/ (required) */
	const char *board_cflags; /* the board's CPU flags, blank-separated (<board>/synth-rt-<board>.cflags) */
} SynthProjectEnv;

/* One build step. All paths are relative to the build folder unless absolute. */
typedef struct SynthStep {
	SynthStepKind kind;          /* what it does */
	SynthTool tool;              /* program to run */
	const char *name;            /* short name, e.g. "compile hello" */
	uint32_t nargs;              /* argument vector after the program name */
	const char *const *args;
	uint32_t ninputs;            /* explicit inputs (named in args) */
	const char *const *inputs;
	uint32_t nimplicit;          /* inputs not in args (runtime library, linker script) */
	const char *const *implicit;
	uint32_t norder;             /* inputs that must exist first (generated headers) */
	const char *const *order;
	uint32_t noutputs;           /* outputs; the first is the main one */
	const char *const *outputs;
	const char *depfile;         /* depfile (gcc format) the step writes, or NULL */
	bool restat;                 /* rewrites its outputs only when their content changes */
	bool stamp;                  /* the program writes no output: touch outputs[0] after success */
} SynthStep;

/* An ordered list of build steps. */
typedef struct SynthProjectSteps {
	uint32_t nsteps;             /* steps, in an order that satisfies every input */
	const SynthStep *steps;
	const char *image;           /* the firmware image */
} SynthProjectSteps;

/* Turns a checked project into its build steps (allocated through ctx;
 * free with synth_project_steps_free). */
SynthStatus synth_project_steps(SynthContext *ctx, const SynthProject *p, const SynthProjectEnv *env,
                                SynthProjectSteps **out, SynthPlanError *err);
/* Frees a step list. NULL is allowed. */
void synth_project_steps_free(SynthContext *ctx, SynthProjectSteps *s);
/* Name of a step kind, e.g. "compile", "image_check". */
const char *synth_step_kind_name(SynthStepKind kind);

/* ---- the requests step (requests.c) ---- */

/* Merges request files (synth-requests, as synth compile writes them) into
 * one request file with the project's pins applied (bank, needs, address). Text
 * allocated through ctx; free with synth_project_text_free. */
SynthStatus synth_project_merge_requests(SynthContext *ctx, const SynthProject *p, const char *const *files,
                                         size_t nfiles, char **text, SynthPlanError *err);

/* ---- the plan input (input.c) ---- */

/* Builds the plan input of a checked project: each module's .wasm (relative
 * to dir, the project file's folder) requested as synth compile requests it
 * for the module's options, the pins applied and the domains added; the
 * input is finished. Allocated through ctx; free with synth_plan_input_free. */
SynthStatus synth_project_plan_input(SynthContext *ctx, const SynthProject *p, const char *dir,
                                     SynthPlanInput **out, SynthPlanError *err);
/* Opens the project's planner target: its target file (relative to dir), else
 * the built-in target of its board. */
SynthStatus synth_project_target(SynthContext *ctx, const SynthProject *p, const char *dir, SynthPlanTarget **out,
                                 SynthPlanError *err);

#ifdef __cplusplus
}
#endif

#endif
