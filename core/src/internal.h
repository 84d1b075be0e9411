/* internal.h - shared internals of libsynth, sectioned by the file that
 * implements them. Nothing here is public API. */
#ifndef SYNTH_INTERNAL_H
#define SYNTH_INTERNAL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "synth/synth.h"

#if defined(__GNUC__)
#define SY_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define SY_LIKELY(x) __builtin_expect(!!(x), 1)
#define SY_UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define SY_PRINTF(f, a)
#define SY_LIKELY(x) (x)
#define SY_UNLIKELY(x) (x)
#endif

/* ---- alloc.c: the allocator hook and arenas ---- */

typedef struct SyAlloc {
	SynthReallocFn fn; /* the hook */
	void *ud;          /* its user data */
} SyAlloc;

/* Allocates size bytes through the hook; NULL on failure. */
void *sy_malloc(const SyAlloc *a, size_t size);
/* Resizes a block through the hook; NULL on failure (old block kept). */
void *sy_realloc(const SyAlloc *a, void *ptr, size_t osize, size_t nsize);
/* Frees a block of the given size through the hook. */
void sy_free(const SyAlloc *a, void *ptr, size_t size);

/* A bump arena: chunks from the hook, freed all at once. */
typedef struct SyArenaChunk SyArenaChunk;
typedef struct SyArena {
	const SyAlloc *alloc;  /* where chunks come from */
	SyArenaChunk *chunks;  /* newest first */
	uint8_t *cur;          /* next free byte in the newest chunk */
	uint8_t *end;          /* end of the newest chunk */
	uint8_t *zeroed;       /* cur .. zeroed is cleared already (see alloc.c) */
} SyArena;

/* Initializes an empty arena drawing on alloc. */
void sy_arena_init(SyArena *ar, const SyAlloc *alloc);
/* Allocates size zeroed bytes aligned to 8; NULL on failure. */
void *sy_arena_alloc(SyArena *ar, size_t size);
/* Allocates an array of n elements of size each, zeroed, with overflow check. */
void *sy_arena_array(SyArena *ar, size_t n, size_t size);
/* Frees every chunk. */
void sy_arena_free(SyArena *ar);
/* Gives back p (size bytes from ar) at once when it is a block bigger than
 * a chunk (always in a chunk of its own); anything else stays until
 * sy_arena_free. For arrays that grow by copying (their old copies). */
void sy_arena_release(SyArena *ar, void *p, size_t size);
/* Grows an arena array *arr of *cap elements of el bytes to hold need
 * (doubling; the old storage stays in the arena). False on OOM. */
bool sy_arena_grow(SyArena *ar, void **arr, uint32_t *cap, uint32_t need, size_t el);

/* ---- context.c: contexts and diagnostics ---- */

struct SynthContext {
	SyAlloc alloc;      /* the allocator hook */
	SynthDiag diag;     /* last diagnostic */
	char msg[256];      /* storage for diag.message */
};

/* Records a diagnostic and returns its status. */
SynthStatus sy_error(SynthContext *ctx, SynthStatus st, uint64_t offset, int64_t funcidx,
                     const char *fmt, ...) SY_PRINTF(5, 6);
/* va_list form of sy_error. */
SynthStatus sy_verror(SynthContext *ctx, SynthStatus st, uint64_t offset, int64_t funcidx,
                      const char *fmt, va_list ap);
/* Records an out-of-memory diagnostic. */
SynthStatus sy_nomem(SynthContext *ctx);

/* ---- decode.c: the module ---- */

struct SynthModule {
	SynthContext *ctx;        /* the context that decoded it */
	SyArena arena;            /* owns everything below */
	SynthModuleDesc desc;     /* the public description */
	SynthFeatures features;   /* features it was decoded with */
	uint8_t *declared_funcs;  /* bitmap of functions ref.func may name (C.refs) */
	bool validated;           /* synth_module_validate succeeded */
};

/* ---- validate.c ---- */

/* Validates the body of defined function funcidx. */
SynthStatus sy_validate_func(SynthModule *mod, uint32_t funcidx);

/* ---- reader (inline, shared by decode.c and validate.c) ----
 * Reads follow the reference interpreter: lengths are checked against the
 * end of the whole binary ("length out of bounds"), section and body sizes
 * are checked after their contents are read ("section size mismatch"). */

typedef struct SyReader {
	const uint8_t *base;  /* start of the binary (offsets are relative to it) */
	const uint8_t *p;     /* read position */
	const uint8_t *end;   /* end of readable bytes */
	SynthContext *ctx;    /* where errors go */
	int64_t funcidx;      /* function being read, or -1 */
} SyReader;

static inline uint64_t sy_pos(const SyReader *r) { return (uint64_t)(r->p - r->base); }

/* Reports a malformed-module error at offset off. */
SynthStatus sy_malformed(SyReader *r, uint64_t off, const char *msg);
/* Slow paths of the LEB readers (multi-byte or erroneous encodings). */
SynthStatus sy_read_uleb_slow(SyReader *r, unsigned bits, uint64_t *out);
SynthStatus sy_read_sleb_slow(SyReader *r, unsigned bits, int64_t *out);

/* Reads one byte. */
static inline SynthStatus sy_u8(SyReader *r, uint8_t *out)
{
	if (SY_UNLIKELY(r->p >= r->end))
		return sy_malformed(r, sy_pos(r), "unexpected end of section or function");
	*out = *r->p++;
	return SYNTH_OK;
}

/* Reads an unsigned LEB128 u32. */
static inline SynthStatus sy_u32(SyReader *r, uint32_t *out)
{
	if (SY_LIKELY(r->p < r->end && *r->p < 0x80)) {
		*out = *r->p++;
		return SYNTH_OK;
	}
	uint64_t v;
	SynthStatus st = sy_read_uleb_slow(r, 32, &v);
	*out = (uint32_t)v;
	return st;
}

/* Reads a signed LEB128 of bits (7, 32, 33 or 64). */
static inline SynthStatus sy_sleb(SyReader *r, unsigned bits, int64_t *out)
{
	if (SY_LIKELY(r->p < r->end && *r->p < 0x40)) {
		*out = *r->p++;
		return SYNTH_OK;
	}
	return sy_read_sleb_slow(r, bits, out);
}

/* Reads a u32 length and checks it against the bytes left in the binary. */
SynthStatus sy_len(SyReader *r, uint32_t *out);

/* ---- strbuf.c: growable text through the allocator hook ---- */

typedef struct SyStr {
	const SyAlloc *alloc; /* where the text lives */
	char *s;              /* NUL-terminated text (NULL while empty) */
	size_t n, cap;        /* length, allocated bytes */
	bool oom;             /* an allocation failed; further appends are dropped */
} SyStr;

/* Appends formatted text. */
void sy_str_printf(SyStr *s, const char *fmt, ...) SY_PRINTF(2, 3);
/* va_list form of sy_str_printf. */
void sy_str_vprintf(SyStr *s, const char *fmt, va_list ap);
/* Shrinks to exactly strlen+1 bytes and hands the text over (NULL on OOM);
 * free it with sy_str_free_text. */
char *sy_str_take(SyStr *s);
/* Frees text returned by sy_str_take. */
void sy_str_free_text(const SyAlloc *a, char *text);
/* Frees the buffer of an unfinished SyStr. */
void sy_str_free(SyStr *s);

/* ---- state (compile.c, components.c) ---- */

/* A global is state when it can change once M__init has begun: a mutable
 * one, or an immutable one M__init reads from an import. The others are
 * constants (.rodata.M.const). */
static inline bool sy_global_in_state(const SynthGlobal *g)
{
	return g->is_mutable || g->init.kind == SYNTH_CONST_GLOBAL_GET;
}

/* ---- names.c ---- */

/* Checks that s[0..n) is valid UTF-8. */
bool sy_utf8_valid(const uint8_t *s, size_t n);

#endif
