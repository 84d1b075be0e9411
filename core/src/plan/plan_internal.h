/* plan_internal.h - internal interfaces of the region planner (core/src/plan/).
 * Sectioned by file; every internal name carries the pl_ prefix. */
#ifndef SYNTH_PLAN_INTERNAL_H
#define SYNTH_PLAN_INTERNAL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <json-c/json.h>

#include "internal.h"
#include "synth/plan.h"

#define PL_MAX_REGIONS 64    /* largest PMP entry count accepted */
#define PL_MAX_MPU_REGIONS 16
#define PL_ADDR_LIMIT (1ULL << 32) /* every range ends at or below 4 GiB */

/* ---- util.c: arenas, files, errors ---- */

/* A bump arena of one object's lifetime, drawing on its context's hook. */
typedef struct PlArena {
	SyArena ar; /* the chunks */
	bool oom;   /* an allocation failed */
} PlArena;

/* Initializes an empty arena drawing on alloc. */
void pl_arena_init(PlArena *a, const SyAlloc *alloc);
/* Zeroed memory from the arena, NULL when out of memory. */
void *pl_alloc(PlArena *a, size_t size);
/* Grows an array kept in the arena (copying); NULL when out of memory. */
void *pl_grow(PlArena *a, void *old, size_t oldsize, size_t newsize);
/* Copy of a string in the arena (NULL stays NULL). */
char *pl_strdup(PlArena *a, const char *s);
/* Frees every chunk. */
void pl_arena_free(PlArena *a);

/* Sets *err (when not NULL) and returns status. */
SynthStatus pl_error(SynthPlanError *err, SynthStatus status, const char *file, const char *path,
                     const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Clears *err. */
void pl_error_clear(SynthPlanError *err);

/* Reads a whole file into out (empty, with its alloc set): out->s holds the
 * bytes and a NUL, out->n their count. False with err set on failure; free
 * with sy_str_free. */
bool pl_read_file(SyStr *out, const char *path, SynthPlanError *err);

/* True when s is a C identifier. */
bool pl_is_ident(const char *s);
/* Human-readable size, e.g. "64 KiB", "70000 B". */
const char *pl_size_str(uint64_t n, char buf[32]);
/* Smallest power of two >= n (n <= 2^63); 1 for 0. */
uint64_t pl_pow2_ceil(uint64_t n);
/* Rounds n up to a multiple of the power of two a. */
static inline uint64_t pl_align_up(uint64_t n, uint64_t a) { return (n + a - 1) & ~(a - 1); }
/* True when n is a power of two. */
static inline bool pl_is_pow2(uint64_t n) { return n && !(n & (n - 1)); }
/* log2 of a power of two. */
unsigned pl_log2(uint64_t n);

/* ---- json.c: reading with paths, deterministic writing ---- */

/* What a reader needs to report errors. */
typedef struct PlJr {
	const char *file;     /* file name for errors */
	SynthPlanError *err;  /* where errors go */
	bool failed;          /* an error was reported */
	const char *text;     /* the text pl_json_parse parsed (for numbers' text), or NULL */
	size_t len;           /* its length */
} PlJr;

/* Parses JSON text strictly; on error reports line and column. */
json_object *pl_json_parse(PlJr *r, const char *text, size_t len);
/* Reports an error at path (formatted) and marks the reader failed. */
void pl_jr_fail(PlJr *r, const char *path, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Reports running out of memory at path (status SYNTH_ERR_NOMEM, not a bad file). */
void pl_jr_nomem(PlJr *r, const char *path);
/* Checks obj is an object whose keys are all in allowed (NULL-terminated). */
bool pl_json_object_keys(PlJr *r, json_object *obj, const char *path, const char *const *allowed);
/* Member key of obj; reports "missing field" when required and absent. */
json_object *pl_json_member(PlJr *r, json_object *obj, const char *path, const char *key, bool required);
/* Reads an unsigned size or address (number, "0x..", or "N[K|M|G]"); false when absent or bad
 * (negative, fractional, beyond 64 bits: reported with the file's own text). */
bool pl_json_u64(PlJr *r, json_object *obj, const char *path, const char *key, bool required,
                 uint64_t *out);
/* The text of number v at path as the parsed file writes it (json-c's when not found). */
void pl_json_number_text(PlJr *r, json_object *v, const char *path, char *out, size_t cap);
/* True when cap is a usable cap on a memory's reservation (1 byte to 4 GiB); else why says so. */
bool pl_cap_valid(uint64_t cap, char *why, size_t n);
/* Reads a string member; NULL when absent (an error when required) or bad. */
const char *pl_json_str(PlJr *r, json_object *obj, const char *path, const char *key, bool required);
/* Reads a boolean member; def when absent. */
bool pl_json_bool(PlJr *r, json_object *obj, const char *path, const char *key, bool def);
/* Reads an array member; NULL when absent (an error when required) or not an array. */
json_object *pl_json_array(PlJr *r, json_object *obj, const char *path, const char *key, bool required);
/* Checks "format" and "version" (1 to max_version, stored in *version when not NULL) of a file. */
bool pl_json_format(PlJr *r, json_object *root, const char *format, uint64_t max_version, uint64_t *version);
/* Serializes with keys sorted, 2-space indentation, trailing newline; the
 * text comes from a (free with sy_str_free_text), NULL when out of memory. */
char *pl_json_dump(const SyAlloc *a, json_object *o);
/* A "0x%08x" address string object. */
json_object *pl_json_hex(uint64_t v);
/* Access bits as "rwx"-style text ("rw", "rx", "rw-device"...). */
const char *pl_access_str(uint32_t access, char buf[16]);
/* Parses access text; false when malformed. */
bool pl_access_parse(const char *s, uint32_t *out);

/* ---- target.c ---- */

/* A loaded target. */
struct SynthPlanTarget {
	SynthContext *ctx;      /* whose hook it allocates with */
	PlArena arena;          /* owns everything below */
	SynthPlanTargetDesc d;      /* the description */
};

/* Loads a target from a parsed JSON object (used by layout files too). */
bool pl_target_from_json(PlJr *r, json_object *root, const char *path, PlArena *a,
                         SynthPlanTargetDesc *d);
/* The target as a JSON object (same schema as target files). */
json_object *pl_target_to_json(const SynthPlanTargetDesc *d);
/* Copies a target description into an arena. */
bool pl_target_copy(PlArena *a, const SynthPlanTargetDesc *src, SynthPlanTargetDesc *dst);
/* Index of the bank holding [base, base+size), or -1. */
int pl_target_bank_of(const SynthPlanTargetDesc *d, uint64_t base, uint64_t size);

/* ---- unit.c: protection unit rules ---- */

/* Regions (PMP entries) one hardware region costs. */
uint32_t pl_region_cost(const SynthPlanTargetDesc *t, const SynthHwRegion *r);
/* Address ranges a region grants (<= 8 for subregions); returns their count. */
int pl_region_ranges(const SynthHwRegion *r, uint64_t lo[8], uint64_t hi[8]);
/* Checks a region against the unit's rules; false with why filled when broken. */
bool pl_region_valid(const SynthPlanTargetDesc *t, const SynthHwRegion *r, char why[160]);
/* Covers exactly [lo, hi) with regions; returns how many were written to out
 * (at most max), or -1 when the range cannot be covered with max regions. */
int pl_cover(const SynthPlanTargetDesc *t, uint64_t lo, uint64_t hi, uint32_t access, int32_t item,
             SynthHwRegion *out, int max);
/* Cost (regions/entries) of an exact cover of [lo, hi); UINT32_MAX when impossible. */
uint32_t pl_cover_cost(const SynthPlanTargetDesc *t, uint64_t lo, uint64_t hi);

/* A way to reserve a request: size, base alignment and region cost. */
typedef struct PlShape {
	uint64_t size;    /* bytes reserved */
	uint64_t align;   /* base alignment */
	uint32_t cost;    /* regions (entries) its cover costs */
} PlShape;

/* Cheapest-in-bytes shapes for want bytes with cost 1..max; returns the count written
 * (shape i has cost <= i+1 and strictly less size than shape i-1, or is omitted). */
int pl_shapes(const SynthPlanTargetDesc *t, uint64_t want, uint64_t align, PlShape *out, int max);

/* ---- request.c ---- */

/* A plan input under construction. */
struct SynthPlanInput {
	SynthContext *ctx;          /* whose hook it allocates with; decodes .wasm inputs */
	PlArena arena;              /* owns everything below */
	SynthPlanInputDesc d;       /* the description */
	uint32_t capreq, capdom;    /* allocated lengths */
	SynthMemRequest *reqs;      /* == d.requests */
	SynthDomain *doms;          /* == d.domains */
	char ***members;            /* unresolved members per domain */
	uint32_t *nmembers;
	bool finished;              /* synth_plan_input_finish ran */
};

/* Index of request module.memidx, or -1. */
int pl_input_find(const SynthPlanInputDesc *d, const char *module, uint32_t memidx);
/* Adds what a .wasm module brings besides its memories' requests (already
 * added under name): its state request, as synth compile lays it out, and,
 * for a fused module, its components' names, adapters and one state request
 * per component (core/ABI.md, "State of a fused module"). path names the
 * file in errors. */
SynthStatus pl_input_add_module_state(SynthPlanInput *in, const SynthModule *mod, const char *name,
                                      const char *path, SynthPlanError *err);

/* ---- plan.c: plan objects, placement helpers shared by both models ---- */

/* A plan under construction or loaded. */
struct SynthPlan {
	SynthContext *ctx;          /* whose hook it allocates with */
	PlArena arena;              /* owns everything below */
	SynthPlanDesc d;            /* the description */
	SynthPlanTargetDesc target;     /* copy of the target */
	SynthPlanItem *items;       /* == d.items */
	uint32_t capitems;
	SynthDomainPlan *doms;      /* == d.domains */
	SyStr why;                  /* reasons of infeasibility */
	const bool *state_ro;       /* while planning: per state section, read-only (SynthStateRequest.readonly) */
	uint32_t nmemreq;           /* while planning: requests [0, nmemreq) are memories, the
	                               rest state sections (pl_plan_input) */
	SynthPlanDiag *diags;       /* == d.diags */
	uint32_t capdiags;          /* allocated length of diags */
};

/* Free space of one bank: a sorted list of holes. */
typedef struct PlFree {
	uint64_t lo[256], hi[256]; /* holes [lo, hi) */
	int n;                     /* number of holes */
	bool overflow;             /* too many holes */
} PlFree;

/* Creates an empty plan for a target, allocating through ctx. */
SynthPlan *pl_plan_new(SynthContext *ctx, const SynthPlanTargetDesc *t, SynthPlanModel model);
/* The plan item of a memory request (name "module.memidx" written to name,
 * read/write, no parent or domain yet). */
void pl_memory_item(const SynthMemRequest *q, char *name, size_t n, SynthPlanItem *it);
/* The plan item of request r of the planner's input (pl_plan_input): a
 * memory, or a state section "module.state" when r >= p->nmemreq. */
void pl_request_item(const SynthPlan *p, const SynthPlanInputDesc *in, uint32_t r, char *name, size_t n,
                     SynthPlanItem *it);
/* The names of a module's state section (component NULL) or of a fused
 * module's component's: item "M.state" / "M.c.state", section
 * ".synth_state.M" / ".synth_state.M.c", symbol "M__state" / "M__state_c",
 * stem of the fragment's symbols (__synth_state_<stem>_base) "M" / "M_c". */
typedef enum PlStateName { PL_STATE_ITEM, PL_STATE_SECTION, PL_STATE_SYMBOL, PL_STATE_STEM } PlStateName;
void pl_state_name(const char *module, const char *component, PlStateName what, char *buf, size_t n);
/* True when r is a state section of the planner's input. */
static inline bool pl_is_state(const SynthPlan *p, uint32_t r) { return r >= p->nmemreq; }
/* Appends an item (copied; strings duplicated); returns its index or -1. */
int pl_plan_add_item(SynthPlan *p, const SynthPlanItem *it);
/* Allocates the domain array. */
bool pl_plan_alloc_domains(SynthPlan *p, uint32_t n);
/* What a reason is about, besides its text (see SynthPlanDiag). */
typedef struct PlDiag {
	SynthPlanDiagCode code;  /* kind */
	const char *item;        /* item name, or NULL */
	const char *domain;      /* domain name, or NULL */
	const char *bank;        /* bank name, or NULL */
	uint64_t bytes_short;    /* bytes missing */
	uint32_t regions_over;   /* regions beyond the budget */
	bool detail;             /* a detail of the reason before it: indented in why */
	uint64_t address;        /* PIN_*: the pinned address */
} PlDiag;
/* Appends a reason: a line of why and a structured diagnostic (and marks the plan infeasible). */
void pl_plan_diag(SynthPlan *p, PlDiag dg, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Removes [lo, hi) from a free list. */
void pl_free_take(PlFree *f, uint64_t lo, uint64_t hi);
/* Best place in the free list for size bytes aligned to align: least padding, then
 * smallest hole, then lowest address; false when nothing fits. */
bool pl_free_find(const PlFree *f, uint64_t size, uint64_t align, uint64_t *base, uint64_t *pad);
/* Largest hole, and the sum of holes. */
void pl_free_stats(const PlFree *f, uint64_t *largest, uint64_t *total);
/* A range to place. */
typedef struct PlPlace {
	int item;         /* item index in the plan */
	const char *name; /* its name, for a deterministic order (set by pl_pack) */
	PlShape shape;    /* size, alignment, region cost (0: any cost) */
	uint64_t banks;   /* eligible banks (bit per bank) */
} PlPlace;

/* Adds fixed items: based ones reserved in free[] at once, bank ones appended
 * to v (one per domain when per_domain) for pl_pack. */
bool pl_fixed_items(SynthPlan *p, const SynthPlanInputDesc *in, PlFree *free, PlPlace *v, int *nv);
/* Regions the fixed regions cost in every domain, as the target declares. */
uint32_t pl_fixed_cost(const SynthPlanTargetDesc *t);
/* Places every range (sets base, size, bank, nregions); false when some did not fit (why filled). */
bool pl_pack(SynthPlan *p, PlFree *free, PlPlace *v, int n);
/* Sorts ranges and merges touching ones; returns the new count. */
int pl_ranges_norm(SynthRange *r, int n);
/* a minus b (both normalized) into out; returns the count, -1 past max. */
int pl_ranges_sub(const SynthRange *a, int na, const SynthRange *b, int nb, SynthRange *out, int max);
/* Initializes the free lists of every bank. */
void pl_free_init(const SynthPlanTargetDesc *t, PlFree *free);
/* Shapes of request q at its pinned address: sizes >= its reserve whose
 * exact cover there costs 1..max regions, cheapest first, each strictly
 * smaller than the one before (align 1: the base is given). 0 when none. */
int pl_pin_shapes(const SynthPlanTargetDesc *t, const SynthMemRequest *q, PlShape *out, int max);
/* Checks that a pinned item's base is aligned as the unit and the request
 * need (t->min_align, q->align); reports SYNTH_DIAG_PIN_ALIGN when not. */
bool pl_pin_aligned(SynthPlan *p, const SynthMemRequest *q, const char *name);
/* Takes [a, a + size) of a pinned item from the free lists: it must lie in
 * one bank of the mask banks and be free (no fixed or reserved range, no
 * other pin); with free NULL, only checks the bank. span words the range in reasons (a format taking its size;
 * NULL: "its %s"). Returns the bank's index, or -1 after a SYNTH_DIAG_PIN_* reason. */
int pl_pin_take(SynthPlan *p, PlFree *free, const char *name, const char *span, uint64_t banks, uint64_t a,
                uint64_t size);
/* Banks a request may go to (bitmask over banks). */
uint64_t pl_request_banks(const SynthPlanTargetDesc *t, const SynthMemRequest *r);
/* Finishes a plan: domain region tables from items (model B), totals, sorting. */
bool pl_plan_finish(SynthPlan *p, const SynthPlanInputDesc *in);
/* Computes totals (requested, reserved, waste, enforcement) from items and domains. */
void pl_plan_totals(SynthPlan *p);
/* Appends fixed regions to domain d's region table; returns false when out of memory. */
bool pl_domain_add_fixed(SynthPlan *p, uint32_t d, SynthHwRegion *tab, uint32_t *n, uint32_t cap);

/* True when requests a and b of in are in exactly the same domains. */
bool pl_same_domains(const SynthPlanInputDesc *in, uint32_t a, uint32_t b);

/* Plans model B / model A into p. */
bool pl_plan_model_b(SynthPlan *p, const SynthPlanInputDesc *in);
bool pl_plan_model_a(SynthPlan *p, const SynthPlanInputDesc *in);

/* ---- export.c ---- */

/* The ranges the start-up code zeroes (synth_layout_zero): every placed
 * memory and state section, adjacent ones merged, by address; writes them
 * to r (room for every item), returns their count. */
uint32_t pl_zero_ranges(const SynthPlan *p, SynthRange *r);

/* ---- check.c ---- */

/* Words one domain's table takes in synth_mpu_tables (the exported C). */
uint32_t pl_table_words(const SynthPlanTargetDesc *t);

/* ---- regs.c ---- */

/* Decodes a register table back into granted ranges with access rights;
 * returns the number of ranges, or -1 with why filled when the table is
 * malformed (misaligned base, overlapping PMSAv8 regions, ...). */
int pl_regs_decode(const SynthRegTable *t, uint64_t *lo, uint64_t *hi, uint32_t *access, int max,
                   char why[200]);

#endif
