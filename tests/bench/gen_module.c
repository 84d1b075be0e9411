/* gen_module.c - writes a large, valid WebAssembly module for the decoder
 * and compile-cost benchmarks. Deterministic: the same arguments give the
 * same bytes. Three shapes:
 *   gen_module OUT.wasm [MEGABYTES]          many small functions (20-220
 *       statements each) mixing the instruction kinds real compilers emit
 *       (locals, i32/i64/f64 arithmetic, loads and stores, blocks, loops,
 *       branches, calls) until the code section reaches MEGABYTES (32);
 *   gen_module --small OUT.wasm [MEGABYTES]  the same with 10-50 statements
 *       per function (about 900 bytes: thousands of functions);
 *   gen_module --one OUT.wasm [MEGABYTES]    the same statements in one
 *       function of that size (after a small callee), straight-line and
 *       branchy code;
 *   gen_module --ifs N OUT.wasm              one loop over 64 i32 locals
 *       holding N `if`s (20,000), each reading two locals and writing one,
 *       so every local is live around the whole loop;
 *   gen_module --selects N OUT.wasm          one block of N conditional adds,
 *       x += (x > k ? y : 0); y ^= x (60,000: a pass that looks values up
 *       by scanning their block, or counts users by scanning the function,
 *       is quadratic here). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Buf { unsigned char *p; size_t n, cap; } Buf;

static void need(Buf *b, size_t k)
{
	if (b->n + k <= b->cap)
		return;
	while (b->n + k > b->cap)
		b->cap = b->cap ? b->cap * 2 : 4096;
	b->p = realloc(b->p, b->cap);
	if (!b->p) { perror("realloc"); exit(1); }
}
static void byte(Buf *b, unsigned v) { need(b, 1); b->p[b->n++] = (unsigned char)v; }
static void bytes(Buf *b, const void *s, size_t k) { need(b, k); memcpy(b->p + b->n, s, k); b->n += k; }
static void uleb(Buf *b, unsigned long long v) { do { unsigned c = v & 0x7f; v >>= 7; byte(b, c | (v ? 0x80 : 0)); } while (v); }
static void sleb(Buf *b, long long v)
{
	for (;;) {
		unsigned c = v & 0x7f;
		v >>= 7;
		if ((v == 0 && !(c & 0x40)) || (v == -1 && (c & 0x40))) { byte(b, c); return; }
		byte(b, c | 0x80);
	}
}
static void section(Buf *out, unsigned id, Buf *s) { byte(out, id); uleb(out, s->n); bytes(out, s->p, s->n); s->n = 0; }

static unsigned long long rng = 0x9e3779b97f4a7c15ull;
static unsigned rnd(unsigned n) { rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17; return (unsigned)(rng % n); }

/* One statement; leaves the operand stack as it found it. Locals: 0-1
 * params i32, 2-5 i32, 6-7 i64, 8 f64. */
static void stmt(Buf *b, unsigned fn, int depth)
{
	switch (rnd(depth < 3 ? 9 : 6)) {
	case 0: /* local.set $i32 (i32.add (local.get) (i32.const)) */
		byte(b, 0x20); uleb(b, rnd(6)); byte(b, 0x41); sleb(b, (int)rnd(100000) - 50000);
		byte(b, 0x6a + rnd(10)); byte(b, 0x21); uleb(b, 2 + rnd(4));
		break;
	case 1: /* i32.store offset=N (local.get 0) (i32.mul (local.get) (local.get)) */
		byte(b, 0x20); uleb(b, 0); byte(b, 0x20); uleb(b, rnd(6)); byte(b, 0x20); uleb(b, rnd(6));
		byte(b, 0x6c); byte(b, 0x36); uleb(b, 2); uleb(b, rnd(4096));
		break;
	case 2: /* local.set $i64 (i64.xor (i64.load (local.get 1)) (i64.extend_i32_u (local.get))) */
		byte(b, 0x20); uleb(b, 1); byte(b, 0x29); uleb(b, 3); uleb(b, rnd(256));
		byte(b, 0x20); uleb(b, rnd(6)); byte(b, 0xad); byte(b, 0x85); byte(b, 0x21); uleb(b, 6 + rnd(2));
		break;
	case 3: { /* local.set 8 (f64.mul (local.get 8) (f64.const)) */
		double d = 1.0 + rnd(1000) / 1000.0;
		byte(b, 0x20); uleb(b, 8); byte(b, 0x44); bytes(b, &d, 8); byte(b, 0xa2); byte(b, 0x21); uleb(b, 8);
		break;
	}
	case 4: /* local.set (call $prev (local.get) (local.get)) */
		if (fn == 0) { byte(b, 0x01); break; }
		byte(b, 0x20); uleb(b, rnd(6)); byte(b, 0x20); uleb(b, rnd(6));
		byte(b, 0x10); uleb(b, rnd(fn)); byte(b, 0x21); uleb(b, 2 + rnd(4));
		break;
	case 5: /* global-free compare and select */
		byte(b, 0x20); uleb(b, rnd(6)); byte(b, 0x20); uleb(b, rnd(6));
		byte(b, 0x20); uleb(b, rnd(6)); byte(b, 0x20); uleb(b, rnd(6)); byte(b, 0x48 + rnd(8));
		byte(b, 0x1b); byte(b, 0x21); uleb(b, 2 + rnd(4));
		break;
	case 6: { /* block ... br_if 0 ... end */
		byte(b, 0x02); byte(b, 0x40);
		unsigned n = 1 + rnd(4);
		for (unsigned i = 0; i < n; i++) stmt(b, fn, depth + 1);
		byte(b, 0x20); uleb(b, rnd(6)); byte(b, 0x0d); uleb(b, 0);
		stmt(b, fn, depth + 1);
		byte(b, 0x0b);
		break;
	}
	case 7: { /* loop: decrement local 5, branch back while non-zero */
		byte(b, 0x03); byte(b, 0x40);
		unsigned n = 1 + rnd(3);
		for (unsigned i = 0; i < n; i++) stmt(b, fn, depth + 1);
		byte(b, 0x20); uleb(b, 5); byte(b, 0x41); sleb(b, 1); byte(b, 0x6b); byte(b, 0x22); uleb(b, 5);
		byte(b, 0x0d); uleb(b, 0); byte(b, 0x0b);
		break;
	}
	case 8: { /* if (result i32) ... else ... end, set */
		byte(b, 0x20); uleb(b, rnd(6)); byte(b, 0x04); byte(b, 0x7f);
		stmt(b, fn, depth + 1); byte(b, 0x20); uleb(b, rnd(6)); byte(b, 0x05);
		stmt(b, fn, depth + 1); byte(b, 0x41); sleb(b, 7); byte(b, 0x0b);
		byte(b, 0x21); uleb(b, 2 + rnd(4));
		break;
	}
	}
}

/* The --ifs body: loop { N x (if (local.get a) (local.set c (i32.add
 * (local.get b) (i32.const k)))) ; br_if 0 (local.tee 0 (local.get 0 - 1)) },
 * then the sum of a few locals. Locals: 0-1 params, 2-65 i32. */
static void ifs_body(Buf *b, unsigned nifs)
{
	bytes(b, "\x01\x40\x7f", 3); /* 64 i32 locals */
	byte(b, 0x03); byte(b, 0x40);
	for (unsigned i = 0; i < nifs; i++) {
		byte(b, 0x20); uleb(b, 2 + rnd(64)); byte(b, 0x04); byte(b, 0x40);
		byte(b, 0x20); uleb(b, 2 + rnd(64)); byte(b, 0x41); sleb(b, (int)rnd(1000));
		byte(b, 0x6a + rnd(3)); byte(b, 0x21); uleb(b, 2 + rnd(64));
		byte(b, 0x0b);
	}
	byte(b, 0x20); uleb(b, 0); byte(b, 0x41); sleb(b, 1); byte(b, 0x6b); byte(b, 0x22); uleb(b, 0);
	byte(b, 0x0d); uleb(b, 0); byte(b, 0x0b);
	byte(b, 0x20); uleb(b, 2);
	for (unsigned k = 3; k < 66; k += 7) { byte(b, 0x20); uleb(b, k); byte(b, 0x6a); }
	byte(b, 0x0b);
}

/* The --selects body: N x (local.set 0 (i32.add (local.get 0) (select
 * (local.get 1) (i32.const 0) (i32.gt_u (local.get 0) (i32.const k)))))
 * (local.set 1 (i32.xor (local.get 1) (local.get 0))), then local 0. */
static void selects_body(Buf *b, unsigned n)
{
	byte(b, 0x00); /* no locals beyond the two parameters */
	for (unsigned i = 0; i < n; i++) {
		bytes(b, "\x20\x00\x20\x01\x41\x00\x20\x00\x41", 9);
		sleb(b, (int)i);
		bytes(b, "\x4b\x1b\x6a\x21\x00\x20\x01\x20\x00\x73\x21\x01", 12);
	}
	bytes(b, "\x20\x00\x0b", 3);
}

int main(int argc, char **argv)
{
	enum { MANY, ONE, IFS, SELECTS } shape = MANY;
	unsigned nifs = 20000, most = 200, least = 20;
	if (argc > 1 && !strcmp(argv[1], "--small")) {
		most = 40, least = 10, argv++, argc--;
	} else if (argc > 1 && !strcmp(argv[1], "--one")) {
		shape = ONE, argv++, argc--;
	} else if (argc > 2 && !strcmp(argv[1], "--ifs")) {
		shape = IFS, nifs = (unsigned)atoi(argv[2]), argv += 2, argc -= 2;
	} else if (argc > 2 && !strcmp(argv[1], "--selects")) {
		shape = SELECTS, nifs = (unsigned)atoi(argv[2]), argv += 2, argc -= 2;
	}
	if (argc < 2) {
		fprintf(stderr, "usage: gen_module [--small | --one | --ifs N | --selects N] OUT.wasm [MEGABYTES]\n");
		return 2;
	}
	size_t target = (size_t)((argc > 2 ? atof(argv[2]) : 32) * 1024 * 1024);
	Buf out = {0}, s = {0}, code = {0}, body = {0};
	bytes(&out, "\0asm\1\0\0\0", 8);
	/* type 0: (i32 i32) -> i32 */
	uleb(&s, 1); bytes(&s, "\x60\x02\x7f\x7f\x01\x7f", 6); section(&out, 1, &s);
	unsigned nfuncs = 0;
	while (shape == MANY ? code.n < target : nfuncs < 2) {
		body.n = 0;
		if (shape == IFS && nfuncs == 1) {
			ifs_body(&body, nifs);
		} else if (shape == SELECTS && nfuncs == 1) {
			selects_body(&body, nifs);
		} else {
			bytes(&body, "\x03\x04\x7f\x02\x7e\x01\x7c", 7); /* locals: 4 i32, 2 i64, 1 f64 */
			/* --one: a small callee, then statements up to the size */
			unsigned n = shape == MANY || nfuncs == 0 ? least + rnd(most) : 0;
			for (unsigned i = 0; i < n; i++) stmt(&body, nfuncs, 0);
			while (shape == ONE && nfuncs == 1 && body.n < target) stmt(&body, nfuncs, 0);
			byte(&body, 0x20); uleb(&body, 2); byte(&body, 0x0b);
		}
		uleb(&code, body.n); bytes(&code, body.p, body.n);
		nfuncs++;
	}
	uleb(&s, nfuncs); for (unsigned i = 0; i < nfuncs; i++) uleb(&s, 0); section(&out, 3, &s);
	bytes(&s, "\x01\x00\x01", 3); section(&out, 5, &s);                   /* memory 1 */
	uleb(&s, 1); uleb(&s, 3); bytes(&s, "run\x00", 4); uleb(&s, nfuncs - 1); section(&out, 7, &s);
	Buf cs = {0}; uleb(&cs, nfuncs); bytes(&cs, code.p, code.n); section(&out, 10, &cs);
	FILE *f = fopen(argv[1], "wb");
	if (!f || fwrite(out.p, 1, out.n, f) != out.n || fclose(f)) { perror(argv[1]); return 1; }
	printf("%s: %u functions, %zu bytes (code section %zu bytes)\n", argv[1], nfuncs, out.n, code.n);
	return 0;
}
