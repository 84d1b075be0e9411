/* plan.h - the region planner engine of libsynth.
 *
 * The planner places every wasm memory of a set of modules into the RAM banks
 * of a target so that each protection domain (a component and the memories it
 * may touch) can be enforced by the target's MPU (PMSAv7, PMSAv8) or PMP, and
 * computes the same placement for two isolation models side by side:
 *   model B - one native region (or a few) per wasm memory;
 *   model A - one shared linear memory holding every slice, carved per domain.
 * A memory or state section may be pinned to an address (its base exactly
 * there in both models, or a SYNTH_DIAG_PIN_* reason why not).
 * An accepted plan is saved as a layout file (JSON) and exported as a GNU ld
 * fragment, a C source + header holding one MPU/PMP register table per domain,
 * and a text map; a checker compares later builds against a saved layout.
 *
 * Targets, requests, plans and layouts are plain read-only data reachable
 * through the *_desc() functions; each object owns everything it points to.
 * Errors come back as a SynthPlanError (file, JSON path, message); the
 * library never prints or exits.
 *
 * Memory. Every call that creates an object (target, input, plan) takes the
 * SynthContext whose allocator hook it allocates with; the object keeps that
 * context for its whole life (it must outlive the object) and frees through
 * it. Every call that returns text takes the context to allocate the text
 * (and its scratch memory) with; free the text with synth_plan_text_free()
 * on that context. There is no process-wide state: threads that use
 * different contexts, or only read shared objects, do not meet; one context
 * or object is used by one thread at a time. Allocation failures come back
 * as SYNTH_ERR_NOMEM with nothing leaked and nothing returned. The JSON
 * trees json-c builds while a file is read or written are the one exception:
 * json-c allocates them with the C library's malloc (it has no hook).
 */
#ifndef SYNTH_PLAN_H
#define SYNTH_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "synth/synth.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Format names and versions of the JSON files the planner reads and writes. */
#define SYNTH_TARGET_FORMAT "synth-target"
#define SYNTH_REQUESTS_FORMAT "synth-requests"
#define SYNTH_PLAN_INPUT_FORMAT "synth-plan-input"
#define SYNTH_LAYOUT_FORMAT "synth-layout"
#define SYNTH_PLAN_FORMAT_VERSION 1
/* Layout files: version 2 adds a domain's "accepted_exposure", version 3 the
 * modules' state sections ("states", and a domain's "states"), version 4 an
 * item's "pinned" (an address pin); a writer uses the lowest version that
 * holds what the layout has, and a reader takes all. */
#define SYNTH_LAYOUT_FORMAT_VERSION 4
/* Version of synth-requests files: 2 adds the "state" array (one request
 * of kind "state" per module: its section .synth_state.M); 1 is still read. */
#define SYNTH_REQUESTS_FORMAT_VERSION 2

/* Where and why a planner call failed. All fields are NUL-terminated. */
typedef struct SynthPlanError {
	SynthStatus status; /* SYNTH_OK when nothing failed */
	char file[256];     /* file being read, or "" */
	char path[256];     /* JSON path in that file, e.g. "$.banks[1].size", or "" */
	char message[768];  /* what is wrong, one sentence (may hold several lines) */
} SynthPlanError;

/* Protection unit kinds. */
typedef enum SynthMpuKind {
	SYNTH_MPU_PMSAV7, /* ARMv7-M MPU: power-of-two regions, 8 subregions, overlap allowed */
	SYNTH_MPU_PMSAV8, /* ARMv8-M MPU: 32-byte granular base/limit, no overlap */
	SYNTH_MPU_PMP,    /* RISC-V PMP: TOR / NAPOT entries, lowest entry wins */
} SynthMpuKind;

/* Access rights of a region, as bits. */
enum {
	SYNTH_ACCESS_R = 1,      /* readable */
	SYNTH_ACCESS_W = 2,      /* writable */
	SYNTH_ACCESS_X = 4,      /* executable */
	SYNTH_ACCESS_DEVICE = 8, /* device (peripheral) memory attributes */
};

/* PMP address-matching modes of a hardware region (0 on MPUs). */
enum {
	SYNTH_PMP_NAPOT = 1, /* naturally aligned power of two: one entry */
	SYNTH_PMP_TOR = 2,   /* top of range: two entries (bottom, top) */
};

/* A RAM bank of a target. */
typedef struct SynthBank {
	const char *name;          /* unique name, e.g. "sram1" */
	uint64_t base;             /* first address */
	uint64_t size;             /* bytes */
	uint32_t nattrs;           /* number of attributes */
	const char *const *attrs;  /* attributes such as "dma", "tcm" */
} SynthBank;

/* A region every domain needs besides its memories (flash, stack, ...). */
typedef struct SynthFixedRegion {
	const char *name;    /* unique name, e.g. "stack" */
	uint32_t access;     /* SYNTH_ACCESS_* bits */
	bool has_base;       /* placed at base by the target; else the planner places it */
	uint64_t base;       /* fixed address when has_base */
	uint64_t size;       /* bytes */
	const char *bank;    /* bank to place it in when !has_base */
	uint32_t regions;    /* MPU regions (PMP entries) it costs in every domain; 0: reserved
	                        (a range of a bank no memory may take and no domain is granted,
	                        e.g. the privileged runtime's stack, data and heap) */
	bool per_domain;     /* one instance per domain (a stack), else one shared */
} SynthFixedRegion;

/* A target description: RAM banks, fixed regions and the protection unit. */
typedef struct SynthPlanTargetDesc {
	const char *name;        /* target name, e.g. "mps2-an385" */
	const char *description; /* one line, may be "" */
	const char *core;        /* core name, e.g. "cortex-m3", may be "" */
	SynthMpuKind mpu;        /* protection unit kind */
	uint32_t nregions;       /* MPU regions or PMP entries per domain */
	uint64_t granule;        /* smallest unit: 32 for MPUs, PMP grain in bytes */
	uint64_t min_align;      /* alignment every placed range gets (>= granule) */
	bool pmp_napot;          /* PMP: NAPOT entries allowed */
	bool pmp_tor;            /* PMP: TOR entries allowed */
	uint32_t nbanks;         /* RAM banks, sorted by base */
	const SynthBank *banks;
	uint32_t nfixed;         /* fixed regions, in file order */
	const SynthFixedRegion *fixed;
	const char *board;       /* registry board it describes (core/boards/boards.def), or "" */
} SynthPlanTargetDesc;

typedef struct SynthPlanTarget SynthPlanTarget;

/* One memory to place: a wasm memory of a module. */
typedef struct SynthMemRequest {
	const char *module;       /* module name, a C identifier */
	uint32_t memidx;          /* memory index in the module */
	uint64_t min_bytes;       /* initial size in bytes */
	uint64_t max_bytes;       /* declared maximum in bytes (when has_max) */
	bool has_max;             /* a maximum was declared */
	uint32_t page_size_log2;  /* 16 or 0 (custom page sizes) */
	uint64_t reserve;         /* bytes to reserve (>= min_bytes) */
	uint64_t align;           /* alignment the memory's base needs (power of two) */
	bool imported;            /* the module imports it */
	bool exported;            /* the module exports it */
	const char *bank;         /* bank it must go to, or NULL */
	uint32_t nneeds;          /* bank attributes it needs */
	const char *const *needs;
	const char *component;    /* component owning it in a fused module ("c<k>", a C
	                             identifier; synth_module_components), or NULL */
	const char *export_name;  /* its export under meld's contract ("memory", "memory$k"), or NULL */
	uint32_t nadapters;       /* adapters that run with it: "<caller>_<callee>" component pairs */
	const char *const *adapters; /* (e.g. "c1_c2"; each a C identifier), when component is set */
	uint32_t max_regions;     /* most regions (PMP entries) model B may cover it with, 1 to 64;
	                             0: the input's max_regions */
	bool pinned;              /* its base must be exactly address (an address pin) */
	uint64_t address;         /* the pinned base, when pinned */
} SynthMemRequest;

/* The state section of a module (.synth_state.<module>: memory and table
 * control blocks, mutable globals, table entries, segment state; see
 * core/ABI.md), which the module writes at run time and so must lie in its
 * domain: placed like a memory of size bytes. Requests of kind "state". */
typedef struct SynthStateRequest {
	const char *module;   /* module name, a C identifier */
	const char *component; /* a fused module's component whose section it is ("c<k>",
	                          a C identifier), or NULL for the module's one section */
	const char *section;  /* input section, ".synth_state.<module>" (".<component>") */
	const char *symbol;   /* its first byte, "<module>__state" ("_<component>") */
	uint64_t size;        /* bytes, a multiple of 32 */
	uint64_t align;       /* base alignment, a power of two >= 32 */
	bool pinned;          /* its base must be exactly address (an address pin) */
	uint64_t address;     /* the pinned base, when pinned */
	bool readonly;        /* "access": "r": a fused module's read-only section, granted
	                         read-only to its domains (model B only) */
} SynthStateRequest;

/* A protection domain: a component, the memories it may touch and the state
 * sections it owns. */
typedef struct SynthDomain {
	const char *name;      /* unique name */
	uint32_t nmems;        /* number of memories */
	const uint32_t *mems;  /* indices into the input's requests */
	uint32_t nstates;      /* number of state sections (after synth_plan_input_finish) */
	const uint32_t *states; /* indices into the input's states */
} SynthDomain;

typedef struct SynthPlanInput SynthPlanInput;

/* Everything a plan input holds. */
typedef struct SynthPlanInputDesc {
	const char *target;              /* target named by a plan-input file, or NULL */
	uint32_t nrequests;              /* memory requests */
	const SynthMemRequest *requests;
	uint32_t ndomains;               /* protection domains */
	const SynthDomain *domains;
	uint32_t nstates;                /* state sections, at most one per module, each */
	const SynthStateRequest *states; /* placed like a memory of its module's domain */
	uint32_t max_regions;            /* default of a memory's (and state's) max_regions;
	                                    0: as many as its domains have spare */
} SynthPlanInputDesc;

/* Isolation models. */
typedef enum SynthPlanModel {
	SYNTH_MODEL_A, /* shared linear memory, slices carved per domain */
	SYNTH_MODEL_B, /* one native region (or a few) per wasm memory */
} SynthPlanModel;

/* One hardware region (MPU region or PMP range) of a domain's table. */
typedef struct SynthHwRegion {
	uint64_t base;     /* PMSAv7/NAPOT: aligned base of the whole region */
	uint64_t size;     /* PMSAv7/NAPOT: power-of-two size; else exact size */
	uint8_t srd;       /* PMSAv7 subregion-disable bits */
	uint8_t pmp_mode;  /* SYNTH_PMP_NAPOT or SYNTH_PMP_TOR; 0 on MPUs */
	uint32_t access;   /* SYNTH_ACCESS_* bits */
	int32_t item;      /* plan item it grants, or -1 when it grants a slice's neighbour too */
} SynthHwRegion;

/* Kinds of placed item. */
typedef enum SynthItemKind {
	SYNTH_ITEM_MEMORY, /* a wasm memory (model A: a slice of the linear memory) */
	SYNTH_ITEM_FIXED,  /* an instance of a fixed region */
	SYNTH_ITEM_LINEAR, /* model A: the shared linear memory holding the slices */
	SYNTH_ITEM_STATE,  /* a module's state section .synth_state.M (model A: a slice) */
} SynthItemKind;

/* A placed range. */
typedef struct SynthPlanItem {
	SynthItemKind kind;   /* what it is */
	const char *name;     /* "module.memidx", "module.state", a fixed name, "stack.domain", "linear" */
	const char *module;   /* memory, state: module name; else NULL */
	const char *component; /* state: a fused module's component whose section it is, else NULL */
	uint32_t memidx;      /* memory: memory index */
	const char *bank;     /* bank holding it, or NULL for fixed ranges outside RAM */
	uint64_t base;        /* first address */
	uint64_t size;        /* bytes reserved (what its regions cover) */
	uint64_t min_bytes;   /* memory: bytes requested (initial size); state: its size */
	uint64_t want;        /* bytes asked for (memory: reserve; state, fixed: size) */
	uint32_t access;      /* SYNTH_ACCESS_* bits */
	int32_t parent;       /* model A: index of the linear item holding a slice, else -1 */
	int32_t domain;       /* per-domain fixed instance: its domain, else -1 */
	uint32_t nregions;    /* regions its own cover costs (model B shape) */
	bool pinned;          /* memory, state: pinned to its base (an address pin) */
} SynthPlanItem;

/* An address range [base, base + size). */
typedef struct SynthRange {
	uint64_t base; /* first address */
	uint64_t size; /* bytes */
} SynthRange;

/* A domain's side of a plan: its region table and budget. */
typedef struct SynthDomainPlan {
	const char *name;               /* domain name */
	uint32_t budget;                /* regions (PMP entries) the unit has */
	uint32_t fixed_regions;         /* regions fixed regions take */
	uint32_t used;                  /* regions used in total (fixed + memories) */
	bool enforced;                  /* every boundary of its memories is a region boundary */
	uint64_t exposed;               /* bytes its regions grant beyond its own items */
	uint64_t accepted;              /* exposed bytes the integrator accepted (synth_plan_accept_exposure), else 0 */
	uint32_t nexposures;            /* those bytes as ranges (model A coarse carving) */
	const SynthRange *exposures;
	uint32_t nitems;                /* items it may touch: memories, then state sections */
	const uint32_t *items;          /* indices into the plan's items */
	uint32_t nregions;              /* its region table, in register order */
	const SynthHwRegion *regions;
} SynthDomainPlan;

/* Kinds of reason a plan is infeasible (SynthPlanDiag.code). */
typedef enum SynthPlanDiagCode {
	SYNTH_DIAG_NO_BANK,        /* no bank has what the item needs (bank name or attributes) */
	SYNTH_DIAG_UNKNOWN_BANK,   /* the item asks for a bank the target does not have */
	SYNTH_DIAG_NO_FIT,         /* the item fits nowhere (details follow per bank) */
	SYNTH_DIAG_BANK_FULL,      /* a bank lacks bytes_short bytes for the item */
	SYNTH_DIAG_BANK_FRAGMENTED,/* a bank has the bytes but no aligned hole that large */
	SYNTH_DIAG_UNCOVERABLE,    /* the unit cannot cover the item with regions at all */
	SYNTH_DIAG_REGIONS,        /* a domain needs regions_over more regions than the unit has */
	SYNTH_DIAG_LINEAR,         /* model A: no bank holds the whole linear memory */
	SYNTH_DIAG_NAME_CLASH,     /* two items would have the same name (rename the domain) */
	SYNTH_DIAG_PIN_OUTSIDE,    /* an address pin is not inside one RAM bank the item may go to */
	SYNTH_DIAG_PIN_ALIGN,      /* an address pin is not aligned as the unit's regions need */
	SYNTH_DIAG_PIN_OVERLAP,    /* an address pin overlaps a fixed or reserved range or another pin */
} SynthPlanDiagCode;

/* One structured reason a plan is infeasible; its message is the line of
 * SynthPlanDesc.why it stands for. Strings are the plan's, or NULL. */
typedef struct SynthPlanDiag {
	SynthPlanDiagCode code;  /* what kind of problem */
	const char *item;        /* item concerned ("module.memidx", a fixed name, "linear"), or NULL */
	const char *domain;      /* domain concerned, or NULL */
	const char *bank;        /* bank concerned, or NULL */
	uint64_t bytes_short;    /* bytes missing (BANK_FULL, NO_FIT, LINEAR), else 0 */
	uint32_t regions_over;   /* regions beyond the budget (REGIONS), else 0 */
	const char *message;     /* the reason as one line, without indentation */
	uint64_t address;        /* PIN_*: the pinned address, else 0 */
} SynthPlanDiag;

/* Name of a diagnostic code, e.g. "bank_full". */
const char *synth_plan_diag_code_name(SynthPlanDiagCode code);

/* A plan (or a loaded layout). */
typedef struct SynthPlanDesc {
	SynthPlanModel model;           /* which model */
	bool feasible;                  /* every item placed, every domain within budget */
	const char *why;                /* when infeasible: why, one reason per line; else "" */
	const SynthPlanTargetDesc *target;  /* the target it was planned for */
	uint32_t nitems;                /* placed items, sorted by name within kind */
	const SynthPlanItem *items;
	uint32_t ndomains;              /* domains, in input order */
	const SynthDomainPlan *domains;
	uint64_t requested;             /* sum of memories' initial sizes and state sections' sizes */
	uint64_t reserve;               /* sum of memories' reserve and state sections' sizes */
	uint64_t reserved;              /* bytes the memories' and states' ranges take (model A: the linear memory) */
	uint64_t rounding_waste;        /* reserved - reserve: rounding to region shapes */
	uint64_t padding_waste;         /* holes left between placed ranges by alignment */
	uint64_t fixed_bytes;           /* bytes of fixed regions placed in RAM */
	uint32_t max_used;              /* most regions any domain uses */
	bool enforced;                  /* every domain's boundaries are enforced */
	uint64_t state_bytes;           /* sum of state sections' sizes (part of requested and reserve) */
	uint32_t ndiags;                /* why as structured reasons, in the same order (0 when feasible) */
	const SynthPlanDiag *diags;
} SynthPlanDesc;

typedef struct SynthPlan SynthPlan;

/* ---- sizes (json.c) ---- */

/* Parses a size or address as the planner's files and options write them:
 * decimal, "0x" hex, or decimal with a binary K/M/G suffix ("64K", "4MiB");
 * no sign, no spaces. Anything else, a negative number or one beyond 64 bits
 * is SYNTH_ERR_INVALID with the reason in err->message (never wrapped or clamped). */
SynthStatus synth_plan_parse_size(const char *text, uint64_t *out, SynthPlanError *err);
/* Parses a cap on what a .wasm memory reserves (synth plan --cap, "cap" of a
 * plan-input file): a size from 1 byte to 4 GiB. */
SynthStatus synth_plan_parse_cap(const char *text, uint64_t *out, SynthPlanError *err);

/* ---- targets (target.c) ---- */

/* Loads a target description from JSON text; file names it in errors. The
 * target allocates through ctx (which must outlive it). */
SynthStatus synth_plan_target_load_json(SynthContext *ctx, const char *text, size_t len, const char *file,
                                        SynthPlanTarget **out, SynthPlanError *err);
/* Loads a target description file (read through ctx's hook too). */
SynthStatus synth_plan_target_load_file(SynthContext *ctx, const char *path, SynthPlanTarget **out,
                                        SynthPlanError *err);
/* Loads a built-in target by name (see synth_plan_target_builtin_name()). */
SynthStatus synth_plan_target_builtin(SynthContext *ctx, const char *name, SynthPlanTarget **out,
                                      SynthPlanError *err);
/* Name of the i-th built-in target, or NULL past the end. */
const char *synth_plan_target_builtin_name(size_t i);
/* JSON text of a built-in target (static), or NULL when unknown. */
const char *synth_plan_target_builtin_json(const char *name);
/* Loads NAME as a built-in target, or as a file when it is none (or ends in .json). */
SynthStatus synth_plan_target_open(SynthContext *ctx, const char *name_or_file, SynthPlanTarget **out,
                                   SynthPlanError *err);
/* The target's description (borrowed). */
const SynthPlanTargetDesc *synth_plan_target_desc(const SynthPlanTarget *t);
/* Frees a target. NULL is allowed. */
void synth_plan_target_free(SynthPlanTarget *t);
/* Name of a protection unit kind: "pmsav7", "pmsav8", "pmp". */
const char *synth_mpu_kind_name(SynthMpuKind kind);

/* ---- requests and domains (request.c) ---- */

/* Creates an empty plan input allocating through ctx (which must outlive it;
 * it also decodes the .wasm inputs); NULL when out of memory. */
SynthPlanInput *synth_plan_input_new(SynthContext *ctx);
/* Frees a plan input. NULL is allowed. */
void synth_plan_input_free(SynthPlanInput *in);
/* Adds a request file or a plan-input file (told apart by "format"). */
SynthStatus synth_plan_input_add_json(SynthPlanInput *in, const char *text, size_t len,
                                      const char *file, SynthPlanError *err);
/* Adds a JSON file, or a .wasm module (decoded with synth_module_load on the
 * input's context, whose diagnostic it overwrites) by content. */
SynthStatus synth_plan_input_add_file(SynthPlanInput *in, const char *path, uint64_t cap_bytes,
                                      SynthPlanError *err);
/* Adds a request per memory of a module; reserve = max (else min) bytes, capped at cap_bytes when
 * nonzero (at most 4 GiB; 0: synth compile's default cap of 16 MiB); and its state section's
 * request when it has state (the size synth compile lays out). */
SynthStatus synth_plan_input_add_module(SynthPlanInput *in, const SynthModuleDesc *mod,
                                        const char *module_name, uint64_t cap_bytes,
                                        SynthPlanError *err);
/* Adds one request (copied). */
SynthStatus synth_plan_input_add_request(SynthPlanInput *in, const SynthMemRequest *req,
                                         SynthPlanError *err);
/* Adds a module's state section request (copied). */
SynthStatus synth_plan_input_add_state(SynthPlanInput *in, const SynthStateRequest *req,
                                       SynthPlanError *err);
/* Adds a domain; members are "module" (all its memories, and its state),
 * "module.memidx" or "module.state" (its state section alone). */
SynthStatus synth_plan_input_add_domain(SynthPlanInput *in, const char *name,
                                        const char *const *members, size_t nmembers,
                                        SynthPlanError *err);
/* Caps the regions (PMP entries) model B may cover a memory with: memory
 * "module.memidx", or with memory NULL the default of every memory (and
 * state section) without a cap of its own; n is 1 to 64, or 0 to lift the cap
 * (a memory then takes the default; the default: as many regions as the
 * memory's domains have spare, cheapest bytes per region first). Several
 * regions cut the rounding waste of PMSAv7 and PMP NAPOT covers (48 KiB:
 * 64 KiB with one region, 48 KiB with two); each counts in the budget of
 * every domain holding the memory. Model A carves per domain and ignores it. */
SynthStatus synth_plan_input_set_max_regions(SynthPlanInput *in, const char *memory, uint32_t n,
                                             SynthPlanError *err);
/* The cap in force for request r of the input (its own, else the default; 0: none). */
uint32_t synth_plan_input_max_regions(const SynthPlanInput *in, uint32_t r);
/* Pins item "module.memidx" (a memory) or "module.state" (a state section)
 * to address: both models then put its base exactly there and plan the
 * rest around it. Checked when planning (the address must be inside a RAM
 * bank, aligned for the unit's regions, free): an impossible pin makes the
 * plan infeasible with a SYNTH_DIAG_PIN_* reason, not an error here. Errors
 * are an unknown item or an address at or above 4 GiB. Allowed after
 * synth_plan_input_finish too (pins do not change the domains). */
SynthStatus synth_plan_input_pin_address(SynthPlanInput *in, const char *item, uint64_t address,
                                         SynthPlanError *err);
/* Removes the address pin of item; pinned or not, the item must exist. */
SynthStatus synth_plan_input_unpin_address(SynthPlanInput *in, const char *item, SynthPlanError *err);
/* Resolves domain members and, when no domain was given, makes one per module. */
SynthStatus synth_plan_input_finish(SynthPlanInput *in, SynthPlanError *err);
/* The input's description (borrowed; complete after synth_plan_input_finish). */
const SynthPlanInputDesc *synth_plan_input_desc(const SynthPlanInput *in);
/* Writes the requests as a request file (pretty JSON allocated through ctx;
 * free with synth_plan_text_free). */
SynthStatus synth_plan_input_write_requests(SynthContext *ctx, const SynthPlanInput *in, char **text,
                                            SynthPlanError *err);

/* ---- planning (plan.c: model B and the driver, modela.c: model A) ---- */

/* Plans the input for a target under a model; the plan allocates through ctx
 * (which must outlive it). An infeasible plan is still returned (feasible
 * false, why set); errors are only for bad arguments and out of memory. */
SynthStatus synth_plan_compute(SynthContext *ctx, const SynthPlanTarget *target, const SynthPlanInput *in,
                               SynthPlanModel model, SynthPlan **out, SynthPlanError *err);
/* The plan's description (borrowed). */
const SynthPlanDesc *synth_plan_desc(const SynthPlan *plan);
/* Frees a plan. NULL is allowed. */
void synth_plan_free(SynthPlan *plan);
/* Name of a model: "a" or "b". */
const char *synth_plan_model_name(SynthPlanModel model);
/* Regions (PMP entries) of the first domain holding item i that grant bytes
 * of it: its cover as the register table has it (a memory and the state
 * section at its end share one; SynthPlanItem.nregions counts the memory's
 * own range alone). 0 when no domain holds it. */
uint32_t synth_plan_item_regions(const SynthPlan *plan, uint32_t i);
/* Records that the integrator accepts every domain's exposure (the bytes a
 * model A carving lets it reach beyond its own): each domain's accepted
 * becomes its exposed. The mark goes into the layout file and the exports,
 * and synth_layout_check_exposure() then passes. */
void synth_plan_accept_exposure(SynthPlan *plan);

/* ---- free space (freespace.c) ---- */

/* Free space of one RAM bank under a plan. */
typedef struct SynthBankSpace {
	const char *bank;        /* bank name (the plan's) */
	uint64_t base;           /* bank's first address */
	uint64_t size;           /* bank's bytes */
	uint64_t used;           /* bytes placed items take (model A slices count once, in the linear
	                            memory), and the ranges reserved for the runtime */
	uint64_t reserved;       /* of used: the target's reserved ranges (fixed regions costing no region) */
	uint64_t free;           /* size - used */
	uint64_t largest;        /* largest hole */
	uint32_t nholes;         /* the holes, by address */
	const SynthRange *holes;
} SynthBankSpace;

/* Free space of every bank of a plan's target. */
typedef struct SynthFreeSpace {
	uint32_t nbanks;             /* in the target's bank order */
	const SynthBankSpace *banks;
} SynthFreeSpace;

/* Computes the free space of every bank of a plan (allocated through ctx;
 * free with synth_free_space_free on the same ctx). */
SynthStatus synth_plan_free_space(SynthContext *ctx, const SynthPlan *plan, SynthFreeSpace **out,
                                  SynthPlanError *err);
/* Frees free space. NULL is allowed. */
void synth_free_space_free(SynthContext *ctx, SynthFreeSpace *fs);

/* ---- layout diffs (diff.c) ---- */

/* Kinds of change between two layouts. */
typedef enum SynthDiffKind {
	SYNTH_DIFF_TARGET,     /* the target or the model changed */
	SYNTH_DIFF_ADDED,      /* an item only the new layout has */
	SYNTH_DIFF_REMOVED,    /* an item only the old layout has */
	SYNTH_DIFF_MOVED,      /* same item, another base or bank (size may change too) */
	SYNTH_DIFF_RESIZED,    /* same item and base, another size */
	SYNTH_DIFF_REGIONS,    /* a domain's region table changed (or the domain came or went) */
	SYNTH_DIFF_PINNED,     /* an item's address pin came or went (old_size, new_size: 0 or 1) */
} SynthDiffKind;

/* One change. Names are the diff's own copies. */
typedef struct SynthDiffEntry {
	SynthDiffKind kind;        /* what changed */
	const char *name;          /* item or domain name; target name for TARGET */
	const char *old_bank;      /* item's bank in each layout, or NULL */
	const char *new_bank;
	uint64_t old_base, new_base; /* item's base in each layout (0 when absent) */
	uint64_t old_size, new_size; /* item's size; REGIONS: regions used */
	uint32_t old_regions, new_regions; /* REGIONS: hardware regions in the table; an item:
	                                      synth_plan_item_regions (0 when absent or a slice) */
} SynthDiffEntry;

/* What changed from one layout (or plan) to another, sorted by kind, then name. */
typedef struct SynthLayoutDiff {
	uint32_t n;                  /* changes */
	const SynthDiffEntry *entries;
	uint32_t moved;              /* items moved */
	uint32_t resized;            /* items resized in place */
	uint32_t added, removed;     /* items only in one layout */
	uint32_t domains_changed;    /* domains whose region table changed */
	uint64_t bytes_moved;        /* new sizes of moved items */
	int64_t reserved_delta;      /* new reserved - old reserved (memories' bytes) */
	uint32_t pins_changed;       /* items whose address pin came or went */
} SynthLayoutDiff;

/* Compares two layouts or plans item by item (by name) and domain by domain;
 * the result allocates through ctx (free with synth_layout_diff_free). */
SynthStatus synth_layout_diff(SynthContext *ctx, const SynthPlan *old_layout, const SynthPlan *new_layout,
                              SynthLayoutDiff **out, SynthPlanError *err);
/* Writes a diff as text, one change a line ("moved  m.0  0x20000000 -> 0x20010000 (64 KiB)";
 * a moved or resized item whose cover takes another number of regions ends in ", 1 region -> 2")
 * and a summary line; "no changes\n" when empty. Free with synth_plan_text_free. */
SynthStatus synth_layout_diff_text(SynthContext *ctx, const SynthLayoutDiff *diff, char **text,
                                   SynthPlanError *err);
/* Frees a diff. NULL is allowed. */
void synth_layout_diff_free(SynthContext *ctx, SynthLayoutDiff *diff);

/* ---- layout files (layout.c) ---- */

/* Writes a feasible plan as a layout file (pretty, sorted JSON allocated
 * through ctx; free with synth_plan_text_free). */
SynthStatus synth_layout_write(SynthContext *ctx, const SynthPlan *plan, char **text, SynthPlanError *err);
/* Loads and validates a layout file's text; the result is a plan allocating
 * through ctx (which must outlive it). */
SynthStatus synth_layout_load_json(SynthContext *ctx, const char *text, size_t len, const char *file,
                                   SynthPlan **out, SynthPlanError *err);
/* Loads and validates a layout file. */
SynthStatus synth_layout_load_file(SynthContext *ctx, const char *path, SynthPlan **out, SynthPlanError *err);

/* ---- exports (export.c); each allocates its text through ctx ---- */

/* GNU ld fragment placing .synth_mem.<module>.<memidx> and .synth_state.<module>
 * sections at their bases. */
SynthStatus synth_export_ld(SynthContext *ctx, const SynthPlan *plan, char **text, SynthPlanError *err);
/* C header: bases, sizes, domain numbers and the table declarations. */
SynthStatus synth_export_h(SynthContext *ctx, const SynthPlan *plan, const char *header_name, char **text,
                           SynthPlanError *err);
/* C source: per-domain register tables, synth_mpu_load_domain(), and
 * synth_layout_zero[] (the memories and state sections the runtime's start-up
 * zeroes). */
SynthStatus synth_export_c(SynthContext *ctx, const SynthPlan *plan, const char *header_name, char **text,
                           SynthPlanError *err);
/* Text map of every bank with explicit padding rows. */
SynthStatus synth_export_map(SynthContext *ctx, const SynthPlan *plan, char **text, SynthPlanError *err);
/* Frees text a planner call returned, through the ctx it was given. NULL is allowed. */
void synth_plan_text_free(SynthContext *ctx, char *text);

/* ---- register tables (regs.c) ---- */

/* Register values of one domain. PMSAv7: pairs {RBAR, RASR}; PMSAv8: pairs
 * {RBAR, RLAR} plus mair[0..1]; PMP: pmpaddr[] and pmpcfg[] (4 entries per word). */
typedef struct SynthRegTable {
	SynthMpuKind kind;    /* unit kind */
	uint32_t n;           /* regions or PMP entries */
	uint32_t words[128];  /* PMSAv7/v8: 2*n words; PMP: n pmpaddr then (n+3)/4 pmpcfg */
	uint32_t mair[2];     /* PMSAv8 MAIR0, MAIR1 */
} SynthRegTable;

/* Encodes domain d of a plan into register values. */
SynthStatus synth_regs_encode(const SynthPlan *plan, uint32_t d, SynthRegTable *out,
                              SynthPlanError *err);

/* ---- checks (check.c) ---- */

/* Receives each violation a check finds, in order (the check goes on after
 * it); ud is the caller's. The check's own err holds the first violation,
 * and its message says how many more there were. */
typedef void SynthPlanIssueFn(void *ud, const SynthPlanError *issue);

/* Checks that the register tables of every domain, decoded back, grant exactly
 * the planned ranges with their access rights, and nothing more. */
SynthStatus synth_layout_check_regs(const SynthPlan *layout, SynthPlanError *err);
/* Checks that the requests still fit the layout (every memory present, reserve <= size,
 * covered by no more regions than its max_regions allows (model B);
 * every state section present, its size <= the planned size, its alignment kept;
 * a pinned memory or state section exactly at its pinned address). */
SynthStatus synth_layout_check_input(const SynthPlan *layout, const SynthPlanInput *in,
                                     SynthPlanError *err);
/* Checks that no domain can reach bytes of another that the layout does not
 * accept: a domain whose exposure was not accepted (synth_plan_accept_exposure,
 * the layout's "accepted_exposure") is a violation, reported to each (may be NULL). */
SynthStatus synth_layout_check_exposure(const SynthPlan *layout, SynthPlanIssueFn *each, void *ud,
                                        SynthPlanError *err);
/* Checks a linked ELF32 image and reports every violation to each (may be NULL):
 *  - each planned memory M.K is the module's own: its symbol M__memK (the object
 *    the module defines at the start of its section .synth_mem.M.K, not a
 *    symbol of the ld fragment or the linker script) is at the planned base, in the output section .synth_mem.M.K
 *    that starts there with the planned size, and the module reserves no more
 *    than that (M__memK's size, M__memK_size);
 *  - each planned state section M.state likewise: M__state, the object the
 *    module defines at the start of .synth_state.M, at the planned base in
 *    the output section .synth_state.M, no larger than planned (M__state_size);
 *    and a module whose memory the layout places but not its state (a layout
 *    planned without the state requests) is a violation when the image has M__state;
 *  - the ld fragment's __synth_* symbols hold the planned bases and sizes;
 *  - no other allocated section overlaps a planned range in RAM;
 *  - the register table it links (synth_mpu_tables), when present, equals the layout's;
 *  - the ranges it zeroes at start-up (synth_layout_zero, synth_layout_nzero),
 *    when present, are exactly the memories and state sections the layout places. */
SynthStatus synth_layout_check_image(const SynthPlan *layout, const uint8_t *elf, size_t size,
                                     const char *file, SynthPlanIssueFn *each, void *ud,
                                     SynthPlanError *err);
/* synth_layout_check_image without a callback: err holds the first violation. */
SynthStatus synth_layout_check_elf(const SynthPlan *layout, const uint8_t *elf, size_t size,
                                   const char *file, SynthPlanError *err);

#ifdef __cplusplus
}
#endif

#endif
