/* synth.h - public API of libsynth, the Synth WebAssembly toolchain library.
 *
 * A SynthContext owns the allocator hook and the last diagnostic. Every
 * function that can fail returns a SynthStatus and, on failure, leaves a
 * diagnostic (status, message worded like the WebAssembly spec tests, byte
 * offset into the module and, where it applies, the function index) in the
 * context. The library never prints, exits or aborts on bad input.
 *
 * A SynthModule is decoded from the binary format with synth_module_decode()
 * and checked with synth_module_validate(). Its description (types, imports,
 * functions, tables, memories, globals, exports, segments, custom sections)
 * is plain read-only data reachable through synth_module_desc(); all of it
 * lives in the module's arena and dies with synth_module_free().
 */
#ifndef SYNTH_SYNTH_H
#define SYNTH_SYNTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SYNTH_VERSION_MAJOR 0
#define SYNTH_VERSION_MINOR 1
#define SYNTH_VERSION_PATCH 0
#define SYNTH_VERSION_STRING "0.1.0"

/* Outcome of a library call; the context holds the details. */
typedef enum SynthStatus {
	SYNTH_OK = 0,
	SYNTH_ERR_MALFORMED,   /* bytes are not a WebAssembly binary (decode error) */
	SYNTH_ERR_INVALID,     /* well-formed but fails validation */
	SYNTH_ERR_UNSUPPORTED, /* a feature Synth refuses; the message names it */
	SYNTH_ERR_NOMEM,       /* the allocator hook returned NULL */
	SYNTH_ERR_ARGUMENT,    /* the caller passed something unusable */
	SYNTH_ERR_INTERNAL,    /* a compiler bug: valid input Synth should handle but could not */
} SynthStatus;

/* Allocator hook, Lua style: nsize == 0 frees ptr and returns NULL;
 * otherwise behaves like realloc(ptr, nsize). osize is the size of the
 * block at ptr (0 when ptr is NULL). Returning NULL fails the request. */
typedef void *(*SynthReallocFn)(void *ud, void *ptr, size_t osize, size_t nsize);

/* Optional features of the binary format the decoder and validator accept. */
typedef struct SynthFeatures {
	bool multi_memory;      /* multi-memory proposal (more than one memory, memidx immediates) */
	bool custom_page_sizes; /* custom-page-sizes proposal: page size 1 or 65536 in memory limits */
	bool simd;              /* fixed-width SIMD: decoded and validated (the compiler refuses it) */
} SynthFeatures;

/* The diagnostic of the last failed call. */
typedef struct SynthDiag {
	SynthStatus status; /* SYNTH_OK when there is no error */
	const char *message;/* spec-test wording, e.g. "type mismatch"; never NULL */
	uint64_t offset;    /* byte offset into the module binary */
	int64_t funcidx;    /* function index, or -1 when not inside a function */
} SynthDiag;

typedef struct SynthContext SynthContext;
typedef struct SynthModule SynthModule;

/* Value types, by their binary encoding. */
typedef enum SynthValType {
	SYNTH_I32 = 0x7f,
	SYNTH_I64 = 0x7e,
	SYNTH_F32 = 0x7d,
	SYNTH_F64 = 0x7c,
	SYNTH_V128 = 0x7b,
	SYNTH_FUNCREF = 0x70,
	SYNTH_EXTERNREF = 0x6f,
} SynthValType;

/* External kinds, by their binary encoding. */
typedef enum SynthExternKind {
	SYNTH_EXTERN_FUNC = 0,
	SYNTH_EXTERN_TABLE = 1,
	SYNTH_EXTERN_MEMORY = 2,
	SYNTH_EXTERN_GLOBAL = 3,
} SynthExternKind;

/* A function type: parameter and result value types (SynthValType bytes). */
typedef struct SynthFuncType {
	uint32_t nparams;        /* number of parameters */
	uint32_t nresults;       /* number of results */
	const uint8_t *params;   /* nparams value types */
	const uint8_t *results;  /* nresults value types */
} SynthFuncType;

/* Limits of a table or memory (in elements or pages). */
typedef struct SynthLimits {
	uint64_t min;  /* initial size */
	uint64_t max;  /* maximum size; meaningful only when has_max */
	bool has_max;  /* a maximum was declared */
} SynthLimits;

/* A length-counted name, UTF-8, not NUL-terminated in the binary (but the
 * library always NUL-terminates its copy). */
typedef struct SynthName {
	const char *str; /* bytes, NUL-terminated copy */
	uint32_t len;    /* length in bytes without the NUL */
} SynthName;

/* Kinds of constant expression (the single instruction of a valid one). */
typedef enum SynthConstKind {
	SYNTH_CONST_I32,
	SYNTH_CONST_I64,
	SYNTH_CONST_F32,
	SYNTH_CONST_F64,
	SYNTH_CONST_V128,
	SYNTH_CONST_REF_NULL,
	SYNTH_CONST_REF_FUNC,
	SYNTH_CONST_GLOBAL_GET,
} SynthConstKind;

/* A decoded constant expression (offsets, global and element initializers). */
typedef struct SynthConstExpr {
	SynthConstKind kind; /* which instruction */
	uint64_t bits;       /* value bits, type of ref.null, funcidx or globalidx */
	uint64_t bits_hi;    /* upper 64 bits of a v128 constant */
	uint32_t offset;     /* byte offset of the expression */
} SynthConstExpr;

/* An import. index is the index in its kind's index space. */
typedef struct SynthImport {
	SynthName module;     /* module name */
	SynthName name;       /* field name */
	SynthExternKind kind; /* what is imported */
	uint32_t index;       /* index of the imported item in its space */
} SynthImport;

/* An export. */
typedef struct SynthExport {
	SynthName name;       /* export name */
	SynthExternKind kind; /* what is exported */
	uint32_t index;       /* index in that kind's space */
} SynthExport;

/* A function, imported or defined. */
typedef struct SynthFunc {
	uint32_t typeidx;      /* index into the type section */
	bool imported;         /* true for imports (no body) */
	bool exported;         /* named by at least one export */
	uint32_t body_offset;  /* offset of the body (locals then code) in the binary */
	uint32_t body_size;    /* size of the body in bytes */
	SynthName debug_name;  /* from the name section, or empty */
} SynthFunc;

/* A table, imported or defined. */
typedef struct SynthTable {
	uint8_t elemtype;   /* SYNTH_FUNCREF or SYNTH_EXTERNREF */
	SynthLimits limits; /* in elements */
	bool imported;      /* comes from an import */
	bool exported;      /* named by at least one export */
} SynthTable;

/* A memory, imported or defined. */
typedef struct SynthMemory {
	SynthLimits limits;      /* in pages */
	uint32_t page_size_log2; /* 16 (64 KiB pages) unless custom-page-sizes says 0 */
	bool imported;           /* comes from an import */
	bool exported;           /* named by at least one export */
} SynthMemory;

/* A global, imported or defined. */
typedef struct SynthGlobal {
	uint8_t type;        /* value type */
	bool is_mutable;     /* declared mut */
	bool imported;       /* comes from an import (init unused) */
	bool exported;       /* named by at least one export */
	SynthConstExpr init; /* initializer of a defined global */
} SynthGlobal;

/* Segment modes. */
typedef enum SynthSegMode {
	SYNTH_SEG_ACTIVE,
	SYNTH_SEG_PASSIVE,
	SYNTH_SEG_DECLARATIVE,
} SynthSegMode;

/* An element segment. Items are constant expressions (ref.func/ref.null/global.get). */
typedef struct SynthElem {
	SynthSegMode mode;      /* active, passive or declarative */
	uint8_t reftype;        /* SYNTH_FUNCREF or SYNTH_EXTERNREF */
	uint32_t tableidx;      /* table of an active segment */
	SynthConstExpr offset;  /* offset of an active segment */
	uint32_t nitems;        /* number of items */
	SynthConstExpr *items;  /* the items */
} SynthElem;

/* A data segment; bytes point into the module's copy of the binary. */
typedef struct SynthData {
	SynthSegMode mode;      /* active or passive */
	uint32_t memidx;        /* memory of an active segment */
	SynthConstExpr offset;  /* offset of an active segment */
	uint32_t size;          /* number of bytes */
	uint32_t data_offset;   /* offset of the bytes in the binary */
	const uint8_t *bytes;   /* the bytes */
} SynthData;

/* A custom section, kept for diagnostics. */
typedef struct SynthCustom {
	SynthName name;        /* section name */
	uint32_t offset;       /* offset of the payload after the name */
	uint32_t size;         /* payload size */
} SynthCustom;

/* Everything a decoded module declares. Index spaces put imports first. */
typedef struct SynthModuleDesc {
	uint32_t ntypes;            /* type section */
	SynthFuncType *types;
	uint32_t nimports;          /* import section */
	SynthImport *imports;
	uint32_t nfuncs;            /* all functions, imported first */
	uint32_t nfuncs_imported;
	SynthFunc *funcs;
	uint32_t ntables;           /* all tables, imported first */
	uint32_t ntables_imported;
	SynthTable *tables;
	uint32_t nmems;             /* all memories, imported first */
	uint32_t nmems_imported;
	SynthMemory *mems;
	uint32_t nglobals;          /* all globals, imported first */
	uint32_t nglobals_imported;
	SynthGlobal *globals;
	uint32_t nexports;          /* export section */
	SynthExport *exports;
	bool has_start;             /* a start section is present */
	uint32_t start;             /* start function index */
	uint32_t nelems;            /* element section */
	SynthElem *elems;
	bool has_datacount;         /* a data count section is present */
	uint32_t datacount;         /* its value */
	uint32_t ndatas;            /* data section */
	SynthData *datas;
	uint32_t ncustoms;          /* custom sections in order of appearance */
	SynthCustom *customs;
	SynthName module_name;      /* from the name section, or empty */
	const uint8_t *bytes;       /* the module's copy of the binary */
	size_t size;                /* its size */
} SynthModuleDesc;

/* Library version string, "MAJOR.MINOR.PATCH". */
const char *synth_version(void);

/* Features a default build accepts: multi-memory, custom page sizes, SIMD. */
SynthFeatures synth_features_default(void);

/* Creates a context. realloc_fn may be NULL for the C library allocator.
 * Returns NULL only when the first allocation fails. */
SynthContext *synth_context_new(SynthReallocFn realloc_fn, void *ud);

/* Frees a context. Modules created with it must be freed first. */
void synth_context_free(SynthContext *ctx);

/* The last diagnostic (borrowed; valid until the next call on ctx). */
const SynthDiag *synth_context_diag(const SynthContext *ctx);

/* Clears the last diagnostic. */
void synth_context_clear(SynthContext *ctx);

/* Name of a status, e.g. "malformed". */
const char *synth_status_name(SynthStatus status);

/* Decodes a binary module (the bytes are copied). On success *out owns the
 * module. features may be NULL for synth_features_default(). */
SynthStatus synth_module_decode(SynthContext *ctx, const uint8_t *bytes, size_t size,
                                const SynthFeatures *features, SynthModule **out);

/* Validates a decoded module (module-level rules and every function body). */
SynthStatus synth_module_validate(SynthContext *ctx, SynthModule *mod);

/* Decodes then validates; *out is set only when both succeed. */
SynthStatus synth_module_load(SynthContext *ctx, const uint8_t *bytes, size_t size,
                              const SynthFeatures *features, SynthModule **out);

/* Frees a module and everything it owns. NULL is allowed. */
void synth_module_free(SynthModule *mod);

/* The module's description (borrowed from the module). */
const SynthModuleDesc *synth_module_desc(const SynthModule *mod);

/* Name of a value type, e.g. "i32"; "?" for an unknown byte. */
const char *synth_valtype_name(uint8_t type);

/* Name of an external kind, e.g. "memory". */
const char *synth_extern_kind_name(SynthExternKind kind);


/* ---- components of a fused module (core/src/wasm/components.c) ----
 *
 * After dissolve, the components of an application arrive fused into one
 * core module by meld's multi-memory lowering: memory k is component k's;
 * component 0 exports its memory as "memory" and component k > 0 as
 * "memory$k", likewise its allocator "cabi_realloc" / "cabi_realloc$k";
 * adapters copy between two components' memories with explicit memory
 * indices. synth_module_components() derives which function belongs to
 * which component (core/ABI.md, "Components"):
 *   - the memories each function touches itself (loads, stores,
 *     memory.size/grow/fill/copy/init with their memory indices);
 *   - the memories it reaches through every function it may call (call,
 *     and call_indirect conservatively: every function of the same type
 *     the table may hold);
 *   - export names: "name$k" pins a function to component k ("memory" and
 *     "cabi_realloc" without a suffix are component 0's).
 * A function that touches one component's memory is that component's; one
 * that touches none is attributed through its callees (adapters aside) or
 * its export name, and is shared (runs in its caller's domain) when
 * neither says anything. A function touching two components' memories is
 * an adapter when it only copies between them (memory.copy from one to the
 * other, or loads from one and stores to the other) and is called from one
 * of the two components: it runs with exactly its caller's and its
 * callee's memories. Any other function reaching two components' memories
 * makes the module non-partitionable. */

/* The role of a function in the partition. */
typedef enum SynthFuncRole {
	SYNTH_FUNC_SHARED,    /* touches no memory and belongs to no component: runs in its caller's domain */
	SYNTH_FUNC_COMPONENT, /* belongs to one component */
	SYNTH_FUNC_ADAPTER,   /* copies between its caller's and its callee's memories */
	SYNTH_FUNC_MIXED,     /* reaches two components' memories and is no adapter */
} SynthFuncRole;

/* Where one function (of the whole index space, imports first) belongs. */
typedef struct SynthFuncPart {
	SynthFuncRole role;     /* see above */
	int32_t component;      /* COMPONENT: its component; ADAPTER: its caller's; else -1 */
	int32_t peer;           /* ADAPTER: its callee's component; else -1 */
	bool directed;          /* ADAPTER: the caller side is known (from its callers or export) */
	int32_t pinned;         /* component its export name ("name$k") names, or -1 */
	uint32_t ndirect;       /* memories it touches itself, ascending */
	const uint32_t *direct;
	uint32_t nreach;        /* memories it or any function it may call touches, ascending */
	const uint32_t *reach;
	const char *why;        /* MIXED: what it touches and how, one line; else NULL */
	uint32_t nrunners;      /* SHARED: the domains it may run in, one function each (below) */
	const uint32_t *runners; /* SHARED: for each domain that may run it, the lowest component
	                           or adapter function of that domain calling it (through shared
	                           functions only, call_indirect included), ascending */
} SynthFuncPart;

/* A component: memory k and what the contract names for it. */
typedef struct SynthComponent {
	const char *name;          /* "c<k>" */
	uint32_t memidx;           /* its memory, k */
	const char *memory_export; /* "memory" or "memory$k"; NULL when the memory is not so exported */
	int64_t realloc_func;      /* function exported as "cabi_realloc"/"cabi_realloc$k", or -1 */
	uint32_t nfuncs;           /* functions of role COMPONENT that are its */
	uint32_t nadapters;        /* adapters called from it */
} SynthComponent;

/* A call that crosses from one protection domain into another (or may:
 * from a shared function), see synth_call_crosses(). */
typedef struct SynthCrossing {
	uint32_t caller;           /* function index of the caller */
	uint32_t callee;           /* function index of the callee */
	bool direct;               /* by a `call` */
	bool indirect;             /* by a call_indirect (the callee may be in a table, of the
	                              call's type) */
} SynthCrossing;

/* The partition of a module into components. */
typedef struct SynthComponents {
	bool contract;             /* two or more memories, each exported as "memory"/"memory$k" */
	bool partitionable;        /* no function of role MIXED */
	uint32_t ncomponents;      /* one per memory */
	const SynthComponent *components;
	uint32_t nfuncs;           /* one entry per function index */
	const SynthFuncPart *funcs;
	uint32_t nmixed;           /* functions of role MIXED */
	const char *error;         /* when not partitionable: the offenders, one per line; else "" */
	uint32_t nglobals;         /* one entry per global index */
	const int32_t *global_component; /* the component whose functions alone set the global
	                              (global.set), -1 when no function sets it, -2 when
	                              several components, an adapter or a shared or mixed
	                              function do */
	uint32_t ncrossings;       /* calls (`call`, and call_indirect to every function it may
	                              reach) that cross, each pair once, */
	const SynthCrossing *crossings; /* by callee, then caller */
	/* Whose state section holds each state item (core/ABI.md, "State of a
	 * fused module"): a component k >= 0 (its functions write it);
	 * SYNTH_STATE_SHARED when functions use it but none writes it once
	 * M__init is done (the module's read-only section); SYNTH_STATE_HOST
	 * when no function uses it (outside every component's domain). Items
	 * that are not state read SYNTH_STATE_HOST too. */
	const int32_t *global_state;  /* per global (nglobals) */
	uint32_t ntables;             /* one entry per table index */
	const int32_t *table_state;   /* per table: entries and control block */
	uint32_t nelems;              /* one entry per element segment */
	const int32_t *elem_state;    /* per element segment: its descriptor */
	uint32_t ndatas;              /* one entry per data segment */
	const int32_t *data_state;    /* per data segment: its descriptor */
	const char *state_error;      /* state no single component may own (written by two
	                                 components, or by one and used by another or by a
	                                 shared function; ...), one item per line; else "" */
} SynthComponents;

/* SynthComponents.*_state: the item is in no component's state section. */
#define SYNTH_STATE_HOST (-1)
/* SynthComponents.*_state: the item is in the module's read-only section. */
#define SYNTH_STATE_SHARED (-2)

/* Derives the partition of a validated module. On SYNTH_OK or
 * SYNTH_ERR_UNSUPPORTED (not partitionable: the diagnostic names the first
 * offending function, out->error all of them) *out is set; free it with
 * synth_components_free(). Other failures leave *out NULL. */
SynthStatus synth_module_components(SynthContext *ctx, const SynthModule *mod, SynthComponents **out);

/* True when a call from function caller to function callee goes through a
 * gate: the two run in different domains (a component's, or an adapter's
 * pair; an adapter's call back into its caller's component too, so that
 * its allocator runs with that component's regions only), or the caller is
 * shared (it runs in its caller's domain, known only at run time: the gate
 * switches when the callee's domain differs and is a plain call when not).
 * Calls into shared functions, and from or into mixed ones, do not cross. */
bool synth_call_crosses(const SynthComponents *c, uint32_t caller, uint32_t callee);

/* Frees a partition. NULL is allowed. */
void synth_components_free(SynthComponents *c);

/* "shared", "component", "adapter" or "mixed". */
const char *synth_func_role_name(SynthFuncRole role);

/* ---- compiling (core/src/driver/compile.c) ---- */

/* Target cores. */
typedef enum SynthTarget {
	SYNTH_TARGET_CORTEX_M3,   /* ARMv7-M, no FPU */
	SYNTH_TARGET_CORTEX_M4,   /* ARMv7E-M, no FPU */
	SYNTH_TARGET_CORTEX_M4F,  /* ARMv7E-M, FPv4-SP */
	SYNTH_TARGET_CORTEX_M7,   /* ARMv7E-M, FPv5-SP */
	SYNTH_TARGET_CORTEX_M7DP, /* ARMv7E-M, FPv5-D16 */
	SYNTH_TARGET_CORTEX_M33,  /* ARMv8-M Mainline, FPv5-SP */
} SynthTarget;

/* How memory accesses are confined to their memory. */
typedef enum SynthBounds {
	SYNTH_BOUNDS_TRAP, /* exact spec traps (default) */
	SYNTH_BOUNDS_MASK, /* addresses wrap inside the power-of-two reservation */
	SYNTH_BOUNDS_NONE, /* no check: unsafe, for MPU-only builds that accept it */
} SynthBounds;

/* How function prologues guard against call-stack exhaustion (core/ABI.md,
 * "Stack checks"). */
typedef enum SynthStackCheck {
	SYNTH_STACK_CHECK_DEFAULT,  /* HARDWARE on an ARMv8-M Mainline target
	                             * (cortex-m33), GLOBAL on the others */
	SYNTH_STACK_CHECK_GLOBAL,   /* software: compare against __synth_stack_limit */
	SYNTH_STACK_CHECK_NONE,     /* no check: the stack is guarded by hardware (a
	                             * protection domain's stack region, PSPLIM) */
	SYNTH_STACK_CHECK_HARDWARE, /* no check in the code: the runtime's MSPLIM/PSPLIM
	                             * bound every stack (ARMv8-M Mainline only); the
	                             * object references __synth_hw_stack_limit, which
	                             * only such a runtime defines */
} SynthStackCheck;

/* Options of synth_compile(). Zero-initialized means the defaults. */
typedef struct SynthCompileOptions {
	SynthTarget target;     /* core to generate code for */
	const char *name;       /* module identifier M of the symbols (required) */
	const char *prefix;     /* prefix of exported function symbols; NULL = "M_" */
	SynthBounds bounds;     /* bounds-check mode */
	SynthStackCheck stack_check; /* prologue stack check (core/ABI.md, "Traps") */
	uint64_t mem_cap;       /* most bytes reserved per memory (0: 16 MiB); a memory
	                         * without a maximum reserves min(cap, max(min, mem_reserve)) */
	uint64_t mem_reserve;   /* bytes a memory without a maximum reserves (0: 1 MiB) */
	const uint64_t *mem_caps; /* per-memory caps by index (0: mem_cap), or NULL */
	uint32_t nmem_caps;     /* entries of mem_caps */
	bool want_ir;           /* fill SynthOutput.ir with the SSA IR dump */
	const char *ir_after;   /* with want_ir: the IR after this pass ("lower": before
	                         * optimizing; NULL: after the last pass) */
	bool want_mir;          /* fill SynthOutput.ir with the machine IR before and after allocation */
	bool want_asm;          /* fill SynthOutput.listing with the final code, objdump-style */
	bool want_header;       /* fill SynthOutput.header with the C header */
} SynthCompileOptions;

/* What synth_compile() produces; free with synth_output_free(). */
typedef struct SynthOutput {
	uint8_t *object;        /* ELF32 relocatable object */
	size_t object_size;
	char *ir;               /* IR dump (want_ir), NUL-terminated */
	char *listing;          /* assembly listing (want_asm) */
	char *header;           /* C header (want_header) */
	char *requests;         /* memory and state requests (JSON, format synth-requests v2) */
} SynthOutput;

/* What a memory needs from the layout: the "memory request" the region
 * planner consumes (synth compile writes them next to the object). */
typedef struct SynthMemoryRequest {
	uint32_t memidx;         /* memory index */
	uint64_t min_bytes;      /* initial size */
	uint64_t max_bytes;      /* declared maximum (when has_max) */
	bool has_max;            /* a maximum was declared */
	uint32_t page_size_log2; /* 16, or 0 for 1-byte pages */
	uint64_t reserve;        /* bytes the compiled code reserves (its section size) */
	uint64_t align;          /* alignment its base needs (a power of two) */
	bool imported;           /* imported (its bytes live in the exporter) */
	bool exported;           /* exported */
} SynthMemoryRequest;

/* The request of memory memidx when compiled with cap (0: 16 MiB),
 * unbounded (what a memory without a maximum reserves; 0: 1 MiB) and the
 * bounds mode: reserve = the declared maximum, or max(min, unbounded)
 * without one, within the cap, whole pages (a power of two in mask mode).
 * Fails (clear error) when the minimum does not fit the cap. */
SynthStatus synth_memory_request(SynthContext *ctx, const SynthModuleDesc *d, uint32_t memidx,
                                 uint64_t cap, uint64_t unbounded, SynthBounds bounds,
                                 SynthMemoryRequest *out);

/* The size of the module's state section .synth_state.M (core/ABI.md,
 * "State"), as synth compile lays it out: a multiple of 32, 0 when the
 * module has no state. */
SynthStatus synth_state_size(SynthContext *ctx, const SynthModuleDesc *d, uint64_t *size);
/* The sizes of a fused module's state sections as synth compile lays them
 * out (core/ABI.md, "State of a fused module"): sizes[0] the host section
 * .synth_state.M.host, sizes[1 + k] component k's .synth_state.M.c<k>,
 * sizes[1 + ncomponents] the read-only .synth_state.M; n must be
 * 2 + comps->ncomponents. With comps NULL, n is 1 and sizes[0] is
 * synth_state_size(). */
SynthStatus synth_state_sections(SynthContext *ctx, const SynthModuleDesc *d, const SynthComponents *comps,
                                 uint64_t *sizes, uint32_t n);

/* Writes the symbol of an export: prefix, then the name with every byte
 * outside [A-Za-z0-9_] as _xHH (what synth compile defines). False when it
 * does not fit in n bytes. */
bool synth_export_symbol(const char *prefix, const SynthName *name, char *buf, size_t n);

/* Parses a target name such as "cortex-m4f"; false when unknown. */
bool synth_target_parse(const char *name, SynthTarget *out);
/* Name of a target. */
const char *synth_target_name(SynthTarget t);

/* Compiles a validated module. On failure nothing is left in *out. */
SynthStatus synth_compile(SynthContext *ctx, const SynthModule *mod, const SynthCompileOptions *opt,
                          SynthOutput *out);

/* Frees what synth_compile() produced (malloc'd through the context's hook). */
void synth_output_free(SynthContext *ctx, SynthOutput *out);

#ifdef __cplusplus
}
#endif

#endif
