/* spec_exec_gen.h - what the parts of spec-exec-gen share: the planner
 * (spec_exec_gen.c: instances, imports, compiling, images) and the image
 * writer (spec_exec_emit.c). Not an interface of anything else.
 */
#ifndef SPEC_EXEC_GEN_H
#define SPEC_EXEC_GEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <synth/synth.h>

#include "spec_json.h"

/* Longest symbol name handled (escaped export names grow fourfold). */
#define SYM_MAX 4096

/* A board the images run on, with the room its memory map gives the
 * modules of one image (runtime, harness and table take the rest). */
typedef struct Board {
	const char *name;
	SynthTarget target;
	uint64_t wasm; /* the WASM region (spectest's memory is in RAM) */
	uint64_t code; /* CODE region for module text and rodata */
	uint64_t ram;  /* RAM for module data, minus stack and harness */
} Board;

/* What an import is bound to: an entity of an instance or of spectest. */
typedef struct Binding {
	SynthExternKind kind;     /* what it is */
	int provider;             /* defining instance, or -1 for spectest */
	char sym[SYM_MAX];        /* function to call, or the storage / control block */
	const SynthFuncType *ft;  /* function type */
	uint8_t valtype;          /* global type */
	bool mut;                 /* global mutability */
	SynthLimits limits;       /* memory or table limits */
	uint8_t elemtype;         /* table element type */
} Binding;

/* One instantiation (module or assert_uninstantiable command). */
typedef struct Inst {
	int cmd;                     /* command that creates it */
	int line;                    /* its line in the .wast */
	const char *name;            /* $name, or NULL */
	bool uninst;                 /* from assert_uninstantiable */
	SynthModule *mod;            /* loaded module, NULL when loading failed */
	const SynthModuleDesc *d;    /* its description */
	bool unlink;                 /* from assert_unlinkable: linked, never instantiated */
	char *skip;                  /* why it cannot run, NULL when it can */
	const char *skip_class;      /* ...its SKIP_* class, when that is a refusal */
	bool broken;                 /* ...and that is a compiler bug, not a refusal */
	int image;                   /* image that instantiates it */
	int *from;                   /* per import: provider instance, -1 spectest, -2 none */
	Binding *imports;            /* per import: the binding (after planning) */
	uint64_t wasm, code, ram;    /* bytes the object needs per region */
	int last_use;                /* last command that refers to it */
	char **syms;                 /* global symbols its object defines, sorted */
	size_t nsyms;
} Inst;

/* The fate of one command. */
typedef struct Plan {
	bool counted;   /* an execution command (counted as passed/failed/skipped) */
	int inst;       /* instance it creates or acts on, -1 none */
	int image;      /* image it belongs to */
	char *skip;     /* why it is skipped, or NULL */
	const char *skip_class; /* ...its SKIP_* class */
	char *fail;     /* why it failed at generation time, or NULL */
	bool linkfail;  /* assert_unlinkable whose link failed as expected (passes) */
	bool linkmin;   /* assert_unlinkable that fails only if an imported memory or
	                 * table is smaller than its minimum when the image runs */
} Plan;

/* Why a command may be skipped: the third column of skips.txt, each held
 * to a committed ceiling by run-spec-exec.sh. Anything else that keeps a
 * command from passing is a failure. */
#define SKIP_UNSUPPORTED "unsupported"  /* a feature the compiler refuses (SYNTH_ERR_UNSUPPORTED) */
#define SKIP_VALUES "harness-values"    /* values the harness cannot pass (v128, non-null refs) */
#define SKIP_IMAGE "image-size"         /* modules that share state do not fit in one image */
#define SKIP_ABI "abi-limit"            /* two imports that are one symbol (core/ABI.md) */

/* A name given by `register`. */
typedef struct Reg {
	const char *as; /* registered name */
	int inst;       /* instance */
} Reg;

typedef struct Gen {
	const Board *board;
	uint64_t mem_reserve; /* SynthCompileOptions.mem_reserve */
	SpecScript *script;
	const char *outdir;
	const char *file;     /* .wast base name */
	SynthContext *ctx;
	SynthFeatures features; /* what the decoder accepts (--multi-memory) */
	Inst *insts;
	int ninsts;
	Plan *plans;
	size_t ncmds;
	Reg *regs;
	int nregs;
	int nimages;
	int status;           /* exit status so far */
} Gen;

/* The error of resolve_export() for a symbol the object lacks. */
extern const char missing_symbol[];

/* calloc that exits on failure (a host tool: nothing to recover). */
void *xcalloc(size_t n, size_t size);
/* printf into a malloc'd string; exits on failure. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Appends len bytes of name to the string in buf with characters outside
 * [A-Za-z0-9_] as _xHH, the way synth_compile names symbols (core/ABI.md). */
void escape(char *buf, size_t n, const char *name, size_t len);
/* M__import_<module>_<name> of an import of instance n. */
void import_symbol(int n, const SynthImport *im, char *buf, size_t size);
/* The C type of a value type under the ABI (references are uint32_t). */
const char *ctype(uint8_t t);
/* Resolves export `field` (len bytes) of instance n into b; returns an
 * error (missing_symbol when the object lacks b->sym) or NULL. */
const char *resolve_export(Gen *g, int n, const char *field, size_t len, Binding *b);

/* Writes OUTDIR/image<image>.{c,ld,objs,hdr.c}; counts its commands. */
bool write_image(Gen *g, int image, unsigned *runnable, unsigned *skipped);
/* Writes OUTDIR/skips.txt and OUTDIR/summary.txt. */
bool write_reports(Gen *g, const unsigned *runnable, const unsigned *skipped);

#endif
