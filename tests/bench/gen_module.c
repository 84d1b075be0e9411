/* gen_module.c - writes a large, valid WebAssembly module for the decoder
 * benchmark: FUNCS functions whose bodies mix the instruction kinds real
 * compilers emit (locals, i32/i64/f64 arithmetic, loads and stores, blocks,
 * loops, branches, calls). Deterministic: the same arguments give the same
 * bytes. Usage: gen_module OUT.wasm [MEGABYTES] */
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

int main(int argc, char **argv)
{
	if (argc < 2) { fprintf(stderr, "usage: gen_module OUT.wasm [MEGABYTES]\n"); return 2; }
	size_t target = (size_t)(argc > 2 ? atof(argv[2]) : 32) * 1024 * 1024;
	Buf out = {0}, s = {0}, code = {0}, body = {0};
	bytes(&out, "\0asm\1\0\0\0", 8);
	/* type 0: (i32 i32) -> i32 */
	uleb(&s, 1); bytes(&s, "\x60\x02\x7f\x7f\x01\x7f", 6); section(&out, 1, &s);
	unsigned nfuncs = 0;
	while (code.n < target) {
		body.n = 0;
		bytes(&body, "\x03\x04\x7f\x02\x7e\x01\x7c", 7); /* locals: 4 i32, 2 i64, 1 f64 */
		unsigned n = 20 + rnd(200);
		for (unsigned i = 0; i < n; i++) stmt(&body, nfuncs, 0);
		byte(&body, 0x20); uleb(&body, 2); byte(&body, 0x0b);
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
