/* test_decode.c - decoder and validator cases the spec suite does not cover:
 * the custom-page-sizes limits encoding, feature switches, refusals named by
 * feature, diagnostic offsets and function indices, and bounded allocation
 * for hostile counts. Modules are built byte by byte. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "synth/synth.h"

static int failures;

#define CHECK(cond, ...) do { if (!(cond)) { failures++; \
	fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, __LINE__, #cond); \
	fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); } } while (0)

typedef struct Buf { unsigned char b[4096]; size_t n; } Buf;

static void put(Buf *m, const char *bytes, size_t n) { memcpy(m->b + m->n, bytes, n); m->n += n; }
#define PUT(m, s) put(m, s, sizeof(s) - 1)

static void header(Buf *m) { m->n = 0; PUT(m, "\0asm\1\0\0\0"); }

/* Appends section id with contents (size is written as one LEB byte). */
static void section(Buf *m, unsigned char id, const char *c, size_t n)
{
	m->b[m->n++] = id;
	m->b[m->n++] = (unsigned char)n;
	put(m, c, n);
}
#define SEC(m, id, s) section(m, id, s, sizeof(s) - 1)

static size_t peak;
static size_t live;
static void *tracking_realloc(void *ud, void *p, size_t o, size_t n)
{
	(void)ud;
	if (!n) { if (p) live -= o; free(p); return NULL; }
	void *q = realloc(p, n);
	if (q) { live += n - (p ? o : 0); if (live > peak) peak = live; }
	return q;
}

static SynthStatus load(SynthContext *ctx, Buf *m, const SynthFeatures *f, SynthModule **mod)
{
	return synth_module_load(ctx, m->b, m->n, f, mod);
}

static void expect_error(SynthContext *ctx, Buf *m, const SynthFeatures *f, SynthStatus want,
                         const char *prefix, int line)
{
	SynthModule *mod;
	SynthStatus st = load(ctx, m, f, &mod);
	const SynthDiag *d = synth_context_diag(ctx);
	if (st != want || strncmp(d->message, prefix, strlen(prefix)) != 0) {
		failures++;
		fprintf(stderr, "%s:%d: expected %s \"%s...\", got %s \"%s\"\n", __FILE__, line,
		        synth_status_name(want), prefix, synth_status_name(st), d->message);
	}
	synth_module_free(mod);
}
#define EXPECT_ERROR(ctx, m, f, st, msg) expect_error(ctx, m, f, st, msg, __LINE__)

/* The exact diagnostic: status, whole message, offset. */
static void expect_at(SynthContext *ctx, Buf *m, const SynthFeatures *f, SynthStatus want, const char *msg,
                      uint64_t off, int line)
{
	SynthModule *mod;
	SynthStatus st = load(ctx, m, f, &mod);
	const SynthDiag *d = synth_context_diag(ctx);
	if (st != want || strcmp(d->message, msg) != 0 || d->offset != off) {
		failures++;
		fprintf(stderr, "%s:%d: expected %s \"%s\" at 0x%llx, got %s \"%s\" at 0x%llx\n", __FILE__, line,
		        synth_status_name(want), msg, (unsigned long long)off, synth_status_name(st), d->message,
		        (unsigned long long)d->offset);
	}
	synth_module_free(mod);
}
#define EXPECT_AT(ctx, m, f, st, msg, off) expect_at(ctx, m, f, st, msg, off, __LINE__)

/* A module of one immutable i32 global initialised by expr (its first
 * byte at offset 13). */
static void global_init(Buf *m, const char *expr, size_t n)
{
	char c[64] = "\x01\x7f\x00";
	memcpy(c + 3, expr, n);
	header(m);
	section(m, 6, c, 3 + n);
}
#define GLOBAL(m, s) global_init(m, s, sizeof(s) - 1)

/* Constant expressions are read by the shared operator reader: an
 * operator's encoding errors come before "constant expression required". */
static void test_const_exprs(SynthContext *ctx, const SynthFeatures *all)
{
	SynthModule *mod;
	Buf m;
	GLOBAL(&m, "\x41\x85\x7f\x0b"); /* i32.const -123 */
	CHECK(load(ctx, &m, all, &mod) == SYNTH_OK, "%s", synth_context_diag(ctx)->message);
	if (mod) {
		const SynthConstExpr *e = &synth_module_desc(mod)->globals[0].init;
		CHECK(e->kind == SYNTH_CONST_I32 && e->bits == 0xffffff85u && e->offset == 13, "i32.const %llx at %u",
		      (unsigned long long)e->bits, e->offset);
		synth_module_free(mod);
	}
	GLOBAL(&m, "\x6a\x0b");
	EXPECT_AT(ctx, &m, all, SYNTH_ERR_INVALID, "constant expression required", 13);
	GLOBAL(&m, "\x41\x01\x41\x02\x6a\x0b"); /* extended-const is not supported */
	EXPECT_AT(ctx, &m, all, SYNTH_ERR_INVALID, "constant expression required", 17);
	GLOBAL(&m, "\x41\x01\x41\x02\x0b");
	EXPECT_AT(ctx, &m, all, SYNTH_ERR_INVALID, "type mismatch", 13);
	GLOBAL(&m, "\x06\x0b");
	EXPECT_AT(ctx, &m, all, SYNTH_ERR_MALFORMED, "illegal opcode 06", 13);
	GLOBAL(&m, "\xfc\x12\x0b");
	EXPECT_AT(ctx, &m, all, SYNTH_ERR_MALFORMED, "illegal opcode fc 12", 13);
	GLOBAL(&m, "\xfd\x9a\x01\x0b");
	EXPECT_AT(ctx, &m, all, SYNTH_ERR_MALFORMED, "illegal opcode fd 9a", 13);
	/* A non-constant operator is read whole first, like in a body. */
	GLOBAL(&m, "\x10\x80\x80\x80\x80\x10\x0b"); /* call, index too large */
	EXPECT_AT(ctx, &m, all, SYNTH_ERR_MALFORMED, "integer too large", 18);
	GLOBAL(&m, "\x02\x6e\x0b"); /* block (result 0x6e) */
	EXPECT_AT(ctx, &m, all, SYNTH_ERR_MALFORMED, "malformed value type", 14);
	GLOBAL(&m, "\x41\x80\x80\x80\x80\x70\x0b");
	EXPECT_AT(ctx, &m, all, SYNTH_ERR_MALFORMED, "integer too large", 18);
	GLOBAL(&m, "\xd0\x7f\x0b");
	EXPECT_AT(ctx, &m, all, SYNTH_ERR_MALFORMED, "malformed reference type", 14);
	GLOBAL(&m, "\x23\x00\x0b");
	EXPECT_AT(ctx, &m, all, SYNTH_ERR_INVALID, "unknown global 0", 13);
	GLOBAL(&m, "\xd2\x00\x0b");
	EXPECT_AT(ctx, &m, all, SYNTH_ERR_INVALID, "unknown function 0", 13);
	GLOBAL(&m, "\x41\x01");
	EXPECT_AT(ctx, &m, all, SYNTH_ERR_MALFORMED, "unexpected end of section or function", 15);
	/* v128.const: a v128 constant with SIMD (a type mismatch here), not a
	 * constant without it. */
	GLOBAL(&m, "\xfd\x0c\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x0b");
	EXPECT_AT(ctx, &m, all, SYNTH_ERR_INVALID, "type mismatch", 13);
	SynthFeatures nosimd = *all;
	nosimd.simd = false;
	EXPECT_AT(ctx, &m, &nosimd, SYNTH_ERR_INVALID, "constant expression required", 13);
}

/* A function [] -> [] whose body is body (its first byte at offset 22). */
static void one_body(Buf *m, const char *body, size_t n)
{
	char c[64] = {1, (char)n};
	memcpy(c + 2, body, n);
	header(m);
	SEC(m, 1, "\x01\x60\x00\x00");
	SEC(m, 3, "\x01\x00");
	section(m, 10, c, 2 + n);
}
#define BODY(m, s) one_body(m, s, sizeof(s) - 1)

/* Local declarations: the groups in order, then the totals. */
static void test_locals(SynthContext *ctx, const SynthFeatures *all)
{
	Buf m;
	BODY(&m, "\x02\xff\xff\xff\xff\x0f\x7f\x01\x7e\x0b");
	EXPECT_AT(ctx, &m, all, SYNTH_ERR_MALFORMED, "too many locals", 22);
	BODY(&m, "\x02\xff\xff\xff\xff\x0f\x7f\x01\x40\x0b");
	EXPECT_AT(ctx, &m, all, SYNTH_ERR_MALFORMED, "malformed value type", 30);
	BODY(&m, "\x01\xd2\x86\x03\x7f\x0b"); /* 50002 locals */
	EXPECT_AT(ctx, &m, all, SYNTH_ERR_UNSUPPORTED, "too many locals: 50002 (Synth's limit is 50000)", 22);
	BODY(&m, "\x02\xd2\x86\x03\x7f\x01\x40\x0b");
	EXPECT_AT(ctx, &m, all, SYNTH_ERR_MALFORMED, "malformed value type", 28);
	BODY(&m, "\x01\xd0\x86\x03\x7f\x0b"); /* 50000 locals are fine */
	SynthModule *mod;
	CHECK(load(ctx, &m, all, &mod) == SYNTH_OK, "%s", synth_context_diag(ctx)->message);
	synth_module_free(mod);
}

int main(void)
{
	SynthContext *ctx = synth_context_new(tracking_realloc, NULL);
	SynthFeatures all = synth_features_default();
	SynthFeatures core = all;
	core.multi_memory = false;
	SynthModule *mod;
	Buf m;

	/* 1-byte pages: flags 0x08, min 100, page size 2^0. */
	header(&m);
	SEC(&m, 5, "\x01\x08\x64\x00");
	CHECK(load(ctx, &m, &all, &mod) == SYNTH_OK, "%s", synth_context_diag(ctx)->message);
	if (mod) {
		const SynthModuleDesc *d = synth_module_desc(mod);
		CHECK(d->nmems == 1 && d->mems[0].page_size_log2 == 0 && d->mems[0].limits.min == 100,
		      "page size %u min %llu", d->mems[0].page_size_log2,
		      (unsigned long long)d->mems[0].limits.min);
		synth_module_free(mod);
	}
	/* flags 0x09, max 2^32-1 one-byte pages, explicit 64 KiB pages elsewhere. */
	header(&m);
	SEC(&m, 5, "\x02\x09\x01\xff\xff\xff\xff\x0f\x00\x09\x01\x02\x10");
	CHECK(load(ctx, &m, &all, &mod) == SYNTH_OK, "%s", synth_context_diag(ctx)->message);
	if (mod) {
		const SynthModuleDesc *d = synth_module_desc(mod);
		CHECK(d->mems[0].limits.max == 0xffffffffu && d->mems[1].page_size_log2 == 16, "limits");
		synth_module_free(mod);
	}
	/* A page size other than 1 or 64 KiB is invalid. */
	header(&m);
	SEC(&m, 5, "\x01\x08\x01\x03");
	EXPECT_ERROR(ctx, &m, &all, SYNTH_ERR_INVALID, "invalid custom page size");
	/* With the feature off the flag is malformed, and says why. */
	SynthFeatures nocps = all;
	nocps.custom_page_sizes = false;
	EXPECT_ERROR(ctx, &m, &nocps, SYNTH_ERR_MALFORMED, "integer too large (custom page size");
	/* 64 KiB pages are limited to 4 GiB. */
	header(&m);
	SEC(&m, 5, "\x01\x00\x81\x80\x04");
	EXPECT_ERROR(ctx, &m, &all, SYNTH_ERR_INVALID, "memory size must be at most 65536 pages");
	/* Shared memories (threads) and memory64 are refused by name. */
	header(&m);
	SEC(&m, 5, "\x01\x03\x01\x01");
	EXPECT_ERROR(ctx, &m, &all, SYNTH_ERR_MALFORMED, "integer too large (shared memory");
	header(&m);
	SEC(&m, 5, "\x01\x04\x01");
	EXPECT_ERROR(ctx, &m, &all, SYNTH_ERR_MALFORMED, "integer too large (64-bit memory");
	/* Two memories: fine with multi-memory, invalid without. */
	header(&m);
	SEC(&m, 5, "\x02\x00\x01\x00\x01");
	CHECK(load(ctx, &m, &all, &mod) == SYNTH_OK, "%s", synth_context_diag(ctx)->message);
	synth_module_free(mod);
	EXPECT_ERROR(ctx, &m, &core, SYNTH_ERR_INVALID, "multiple memories");

	/* Type mismatch: offset of the instruction and the function index. */
	header(&m);
	SEC(&m, 1, "\x01\x60\x00\x01\x7f");        /* type 0: [] -> [i32] */
	SEC(&m, 3, "\x02\x00\x00");                /* two functions */
	SEC(&m, 10, "\x02\x04\x00\x41\x00\x0b\x04\x00\x42\x00\x0b");
	{
		SynthStatus st = load(ctx, &m, &all, &mod);
		const SynthDiag *d = synth_context_diag(ctx);
		CHECK(st == SYNTH_ERR_INVALID, "status %s", synth_status_name(st));
		CHECK(strncmp(d->message, "type mismatch", 13) == 0, "message %s", d->message);
		CHECK(d->funcidx == 1, "funcidx %lld", (long long)d->funcidx);
		/* The i64 is found wrong at the function's final end, the last byte. */
		CHECK(d->offset == m.n - 1, "offset 0x%llx, want 0x%zx", (unsigned long long)d->offset, m.n - 1);
	}

	/* SIMD: validated by default, refused by name when switched off. */
	header(&m);
	SEC(&m, 1, "\x01\x60\x00\x01\x7b");
	SEC(&m, 3, "\x01\x00");
	SEC(&m, 10, "\x01\x14\x00\xfd\x0c\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x0b");
	CHECK(load(ctx, &m, &all, &mod) == SYNTH_OK, "%s", synth_context_diag(ctx)->message);
	synth_module_free(mod);
	SynthFeatures nosimd = all;
	nosimd.simd = false;
	EXPECT_ERROR(ctx, &m, &nosimd, SYNTH_ERR_UNSUPPORTED, "malformed value type: v128 needs the SIMD");

	/* Empty and truncated inputs. */
	m.n = 0;
	EXPECT_ERROR(ctx, &m, &all, SYNTH_ERR_MALFORMED, "unexpected end");
	header(&m);
	m.n = 6;
	EXPECT_ERROR(ctx, &m, &all, SYNTH_ERR_MALFORMED, "unexpected end");

	/* A count of 2^32-1 types in a tiny module allocates little. */
	header(&m);
	SEC(&m, 1, "\xff\xff\xff\xff\x0f\x60\x00\x00");
	peak = live;
	size_t before = live;
	EXPECT_ERROR(ctx, &m, &all, SYNTH_ERR_MALFORMED, "unexpected end");
	CHECK(peak - before < (1u << 20), "peak allocation %zu bytes", peak - before);

	test_const_exprs(ctx, &all);
	test_locals(ctx, &all);

	/* Library names. */
	CHECK(strcmp(synth_valtype_name(0x7b), "v128") == 0, "valtype name");
	CHECK(strcmp(synth_version(), SYNTH_VERSION_STRING) == 0, "version");

	synth_context_free(ctx);
	CHECK(live == 0, "%zu bytes still allocated", live);
	if (failures) {
		fprintf(stderr, "%d check(s) failed\n", failures);
		return 1;
	}
	puts("test_decode: all checks passed");
	return 0;
}
