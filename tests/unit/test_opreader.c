/* test_opreader.c - the shared operator reader (core/src/wasm/opreader.c):
 * an operator stream with every immediate shape, decoded field by field;
 * malformed streams with the validator's messages and offsets (with all
 * features and with WebAssembly 2.0's encodings: zero bytes, no v128);
 * sy_op_head stopping before the immediates; every body of
 * a real module (argument 1, kitchen.wasm) read to its end; and a bounded
 * run over pseudo-random bytes (the fuzz target fuzz_opreader does the
 * same without a bound). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "wasm/opreader.h"

static int failures;

#define CHECK(cond, ...) do { if (!(cond)) { failures++; \
	fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, __LINE__, #cond); \
	fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); } } while (0)

static SyReader reader(SynthContext *ctx, const uint8_t *b, size_t n)
{
	return (SyReader){.base = b, .p = b, .end = b + n, .ctx = ctx, .funcidx = 7};
}

/* Every immediate shape, in order, as written by the binary format. */
static const uint8_t stream[] = {
	0x02, 0x40,                         /* block (empty) */
	0x03, 0x7f,                         /* loop (result i32) */
	0x04, 0x05,                         /* if (type 5) */
	0x0c, 0x03,                         /* br 3 */
	0x0e, 0x02, 0x01, 0x80, 0x01, 0x04, /* br_table 1 128 default 4 */
	0x10, 0xe5, 0x8e, 0x26,             /* call 624485 */
	0x11, 0x02, 0x01,                   /* call_indirect type 2 table 1 */
	0x1c, 0x01, 0x7e,                   /* select (result i64) */
	0x20, 0x09,                         /* local.get 9 */
	0x24, 0x02,                         /* global.set 2 */
	0x26, 0x01,                         /* table.set 1 */
	0x28, 0x02, 0x10,                   /* i32.load align=2 offset=16 */
	0x37, 0x43, 0x02, 0xff, 0xff, 0xff, 0xff, 0x0f, /* i64.store mem 2 align=3 offset=0xffffffff */
	0x3f, 0x01,                         /* memory.size 1 */
	0x40, 0x00,                         /* memory.grow 0 */
	0x41, 0x7f,                         /* i32.const -1 */
	0x42, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f, /* i64.const INT64_MIN */
	0x43, 0x00, 0x00, 0x80, 0x3f,       /* f32.const 1.0 */
	0x44, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xf0, 0x3f, /* f64.const 1.0 */
	0xd0, 0x6f,                         /* ref.null extern */
	0xd2, 0x03,                         /* ref.func 3 */
	0xfc, 0x08, 0x04, 0x01,             /* memory.init data 4 mem 1 */
	0xfc, 0x09, 0x05,                   /* data.drop 5 */
	0xfc, 0x0a, 0x01, 0x02,             /* memory.copy 1 <- 2 */
	0xfc, 0x0b, 0x03,                   /* memory.fill 3 */
	0xfc, 0x0c, 0x06, 0x01,             /* table.init elem 6 table 1 */
	0xfc, 0x0e, 0x02, 0x03,             /* table.copy 2 <- 3 */
	0xfc, 0x0f, 0x04,                   /* table.grow 4 */
	0xfc, 0x00,                         /* i32.trunc_sat_f32_s */
	0xfd, 0x00, 0x04, 0x20,             /* v128.load align=4 offset=32 */
	0xfd, 0x0c, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, /* v128.const */
	0xfd, 0x15, 0x0f,                   /* i8x16.extract_lane_s 15 */
	0xfd, 0x54, 0x40, 0x01, 0x08, 0x03, /* v128.load8_lane mem 1 align=0 offset=8 lane 3 */
	0xfd, 0x8c, 0x01,                   /* a sub-opcode in two LEB bytes (140) */
	0x6a,                               /* i32.add */
	0x0b,                               /* end */
};

static SyOp next(SyReader *r, const char *what)
{
	SyOp op;
	SynthStatus st = sy_op_next(r, SY_OPR_ALL, &op);
	CHECK(st == SYNTH_OK, "%s: status %d (%s)", what, st, synth_context_diag(r->ctx)->message);
	return op;
}

static void test_shapes(SynthContext *ctx)
{
	SyReader r = reader(ctx, stream, sizeof stream);
	SyOp op;
	op = next(&r, "block");
	CHECK(op.kind == OPK_BLOCK && op.imm == -0x40 && op.at == 0, "block %d %lld", op.kind, (long long)op.imm);
	op = next(&r, "loop");
	CHECK(op.kind == OPK_LOOP && op.imm == -1, "loop %lld", (long long)op.imm);
	op = next(&r, "if");
	CHECK(op.kind == OPK_IF && op.imm == 5 && op.at == 4, "if");
	op = next(&r, "br");
	CHECK(op.kind == OPK_BR && op.x == 3, "br %u", op.x);
	op = next(&r, "br_table");
	CHECK(op.kind == OPK_BR_TABLE && op.n == 2 && op.x == 4, "br_table n %u default %u", op.n, op.x);
	if (op.vec) {
		const uint8_t *p = op.vec;
		uint32_t t0 = sy_op_vec_u32(&p), t1 = sy_op_vec_u32(&p), t2 = sy_op_vec_u32(&p);
		CHECK(t0 == 1 && t1 == 128 && t2 == 4, "br_table targets %u %u %u", t0, t1, t2);
	}
	op = next(&r, "call");
	CHECK(op.kind == OPK_CALL && op.x == 624485, "call %u", op.x);
	op = next(&r, "call_indirect");
	CHECK(op.kind == OPK_CALL_INDIRECT && op.x == 2 && op.y == 1, "call_indirect %u %u", op.x, op.y);
	op = next(&r, "select t");
	CHECK(op.kind == OPK_SELECT_T && op.n == 1 && op.vec && op.vec[0] == 0x7e, "select t");
	op = next(&r, "local.get");
	CHECK(op.kind == OPK_LOCAL_GET && op.x == 9, "local.get %u", op.x);
	op = next(&r, "global.set");
	CHECK(op.kind == OPK_GLOBAL_SET && op.x == 2, "global.set %u", op.x);
	op = next(&r, "table.set");
	CHECK(op.kind == OPK_TABLE_SET && op.x == 1, "table.set %u", op.x);
	op = next(&r, "i32.load");
	CHECK(op.kind == OPK_MEM && op.code == 0x28 && op.mem.align == 2 && op.mem.offset == 16 && !op.mem.has_memidx &&
	      op.mem.memidx == 0, "i32.load %u %llu", op.mem.align, (unsigned long long)op.mem.offset);
	op = next(&r, "i64.store");
	CHECK(op.kind == OPK_MEM && op.info->r == 1 && op.mem.align == 3 && op.mem.has_memidx && op.mem.memidx == 2 &&
	      op.mem.offset == 0xffffffffu, "i64.store %u %u %llu", op.mem.align, op.mem.memidx,
	      (unsigned long long)op.mem.offset);
	op = next(&r, "memory.size");
	CHECK(op.kind == OPK_MEMORY_SIZE && op.x == 1, "memory.size %u", op.x);
	op = next(&r, "memory.grow");
	CHECK(op.kind == OPK_MEMORY_GROW && op.x == 0, "memory.grow %u", op.x);
	op = next(&r, "i32.const");
	CHECK(op.kind == OPK_I32_CONST && op.imm == -1, "i32.const %lld", (long long)op.imm);
	op = next(&r, "i64.const");
	CHECK(op.kind == OPK_I64_CONST && op.imm == INT64_MIN, "i64.const %lld", (long long)op.imm);
	op = next(&r, "f32.const");
	CHECK(op.kind == OPK_F32_CONST && op.bits == 0x3f800000u, "f32.const %llx", (unsigned long long)op.bits);
	op = next(&r, "f64.const");
	CHECK(op.kind == OPK_F64_CONST && op.bits == 0x3ff0000000000000ull, "f64.const %llx",
	      (unsigned long long)op.bits);
	op = next(&r, "ref.null");
	CHECK(op.kind == OPK_REF_NULL && op.x == 0x6f, "ref.null %x", op.x);
	op = next(&r, "ref.func");
	CHECK(op.kind == OPK_REF_FUNC && op.x == 3, "ref.func %u", op.x);
	op = next(&r, "memory.init");
	CHECK(op.code == 0xfc && op.sub == 8 && op.kind == OPK_MEMORY_INIT && op.x == 4 && op.y == 1, "memory.init");
	op = next(&r, "data.drop");
	CHECK(op.kind == OPK_DATA_DROP && op.x == 5, "data.drop %u", op.x);
	op = next(&r, "memory.copy");
	CHECK(op.kind == OPK_MEMORY_COPY && op.x == 1 && op.y == 2, "memory.copy %u %u", op.x, op.y);
	op = next(&r, "memory.fill");
	CHECK(op.kind == OPK_MEMORY_FILL && op.x == 3, "memory.fill %u", op.x);
	op = next(&r, "table.init");
	CHECK(op.kind == OPK_TABLE_INIT && op.x == 6 && op.y == 1, "table.init %u %u", op.x, op.y);
	op = next(&r, "table.copy");
	CHECK(op.kind == OPK_TABLE_COPY && op.x == 2 && op.y == 3, "table.copy %u %u", op.x, op.y);
	op = next(&r, "table.grow");
	CHECK(op.kind == OPK_TABLE_GROW && op.x == 4, "table.grow %u", op.x);
	op = next(&r, "trunc_sat");
	CHECK(op.code == 0xfc && op.sub == 0 && op.kind == OPK_NUM && !strcmp(op.info->name, "i32.trunc_sat_f32_s"),
	      "trunc_sat %s", op.info ? op.info->name : "?");
	op = next(&r, "v128.load");
	CHECK(op.code == 0xfd && op.kind == OPK_VLOAD && op.mem.align == 4 && op.mem.offset == 32, "v128.load");
	op = next(&r, "v128.const");
	CHECK(op.kind == OPK_VCONST && op.n == 16 && op.vec && op.vec[0] == 0 && op.vec[15] == 15, "v128.const");
	op = next(&r, "extract_lane");
	CHECK(op.kind == OPK_VEXTRACT && op.lane == 15, "extract_lane %u", op.lane);
	op = next(&r, "load8_lane");
	CHECK(op.kind == OPK_VLOADLANE && op.mem.memidx == 1 && op.mem.has_memidx && op.mem.align == 0 &&
	      op.mem.offset == 8 && op.lane == 3, "load8_lane %u %u %llu %u", op.mem.memidx, op.mem.align,
	      (unsigned long long)op.mem.offset, op.lane);
	op = next(&r, "simd 0x8c");
	CHECK(op.code == 0xfd && op.sub == 0x8c && op.info == &sy_ops_fd[0x8c], "simd sub %u", op.sub);
	op = next(&r, "i32.add");
	CHECK(op.kind == OPK_NUM && op.code == 0x6a, "i32.add");
	op = next(&r, "end");
	CHECK(op.kind == OPK_END && r.p == r.end && op.at == sizeof stream - 1, "end at %llu", (unsigned long long)op.at);
}

/* A malformed stream: the status, message and offset sy_op_next reports. */
static void expect_bad(SynthContext *ctx, unsigned flags, const uint8_t *b, size_t n, const char *msg, uint64_t off,
                       int line)
{
	SyReader r = reader(ctx, b, n);
	SyOp op;
	SynthStatus st = SYNTH_OK;
	while (st == SYNTH_OK && r.p < r.end)
		st = sy_op_next(&r, flags, &op);
	const SynthDiag *d = synth_context_diag(ctx);
	if (!msg) { /* a well-formed stream */
		if (st != SYNTH_OK) {
			failures++;
			fprintf(stderr, "%s:%d: expected well-formed, got \"%s\"\n", __FILE__, line, d->message);
		}
		synth_context_clear(ctx);
		return;
	}
	if (st != SYNTH_ERR_MALFORMED || strcmp(d->message, msg) || d->offset != off || d->funcidx != 7) {
		failures++;
		fprintf(stderr, "%s:%d: expected malformed \"%s\" at %llu, got %s \"%s\" at %llu\n", __FILE__, line, msg,
		        (unsigned long long)off, synth_status_name(st), d->message, (unsigned long long)d->offset);
	}
	synth_context_clear(ctx);
}
#define BAD(ctx, bytes, msg, off) \
	expect_bad(ctx, SY_OPR_ALL, (const uint8_t *)bytes, sizeof(bytes) - 1, msg, off, __LINE__)
/* The same under WebAssembly 2.0's encodings (no multi-memory, no SIMD). */
#define BAD2(ctx, bytes, msg, off) \
	expect_bad(ctx, 0, (const uint8_t *)bytes, sizeof(bytes) - 1, msg, off, __LINE__)

static void test_malformed(SynthContext *ctx)
{
	BAD(ctx, "\x01\x06", "illegal opcode 06", 1);                       /* no such opcode */
	BAD(ctx, "\x01\xfc\x12", "illegal opcode fc 12", 1);                /* 0xfc 18, at the prefix */
	BAD(ctx, "\xfd\x9a\x01", "illegal opcode fd 9a", 0);                /* 0xfd 154: unassigned */
	BAD(ctx, "\xfd\x80\x02", "illegal opcode fd 100", 0);               /* 0xfd 256 */
	BAD(ctx, "\xfc", "unexpected end of section or function", 1);      /* no sub-opcode */
	BAD(ctx, "\x44\x00\x00", "unexpected end of section or function", 1);
	BAD(ctx, "\xfd\x0c\x00", "unexpected end of section or function", 2);
	BAD(ctx, "\x28\x02", "unexpected end of section or function", 2);  /* memarg without offset */
	BAD(ctx, "\x0e\x02\x01", "unexpected end of section or function", 3);
	BAD(ctx, "\x10\x80\x80\x80\x80\x10", "integer too large", 5);
	BAD(ctx, "\x41\x80\x80\x80\x80\x70", "integer too large", 5);
	BAD(ctx, "\x01\x02\x6e", "malformed value type", 2);              /* block (result 0x6e) */
	BAD(ctx, "\x1c\x02\x7f\x60\x80", "malformed value type", 3);      /* select t: 2nd type bad... */
	BAD(ctx, "\x1c\x02\x7f\x80", "integer representation too long", 4); /* ...or cut */
	BAD(ctx, "\xd0\x7f", "malformed reference type", 1);               /* ref.null i32 */
	BAD(ctx, "\x04\x7b\x1c\x01\x7b", NULL, 0);                        /* v128 is a type with SIMD */
	/* WebAssembly 2.0: memory.* take a zero byte, memarg flag 0x40 is just
	 * an alignment (the validator rejects it), v128 is no type. */
	BAD2(ctx, "\x3f\x00\x40\x01", "zero byte expected", 3);
	BAD2(ctx, "\xfc\x08\x00\x02", "zero byte expected", 3);           /* memory.init's memidx */
	BAD2(ctx, "\xfc\x0a\x00\x01", "zero byte expected", 3);           /* memory.copy's source */
	BAD2(ctx, "\xfc\x0b\x81\x00", "zero byte expected", 2);           /* not even a LEB 0 */
	BAD2(ctx, "\x02\x7b", "malformed value type", 1);
	BAD2(ctx, "\x1c\x01\x7b", "malformed value type", 2);
	BAD2(ctx, "\x28\x40\x01\x28\x40", "unexpected end of section or function", 5);
}

/* sy_op_head reads the opcode only (the validator refuses SIMD by name
 * before its immediates); sy_op_imm then reads them; flags 0 reads a
 * memarg's 0x40 as an alignment. */
static void test_head(SynthContext *ctx)
{
	static const uint8_t b[] = {0xfd, 0x0c, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
	                            0x28, 0x42, 0x07, 0x28, 0x2a, 0x00, 0x3f, 0x00};
	static const uint8_t mm[] = {0x28, 0x42, 0x07, 0x05};
	SyReader r = reader(ctx, b, sizeof b);
	SyOp op;
	CHECK(sy_op_head(&r, &op) == SYNTH_OK && op.kind == OPK_VCONST && r.p == b + 2, "head of v128.const");
	CHECK(sy_op_imm(&r, 0, &op) == SYNTH_OK && op.vec == b + 2 && r.p == b + 18, "imm of v128.const");
	CHECK(sy_op_next(&r, 0, &op) == SYNTH_OK && op.kind == OPK_MEM && op.mem.align == 0x42 && !op.mem.has_memidx &&
	      op.mem.offset == 7, "flags 0: memarg align %u offset %llu", op.mem.align,
	      (unsigned long long)op.mem.offset);
	CHECK(sy_op_next(&r, 0, &op) == SYNTH_OK && op.kind == OPK_MEM && op.mem.align == 0x2a, "i32.load");
	CHECK(sy_op_next(&r, 0, &op) == SYNTH_OK && op.kind == OPK_MEMORY_SIZE && op.x == 0 && r.p == r.end,
	      "memory.size");
	r = reader(ctx, mm, sizeof mm);
	CHECK(sy_op_next(&r, SY_OPR_MULTI_MEMORY, &op) == SYNTH_OK && op.mem.align == 2 && op.mem.has_memidx &&
	      op.mem.memidx == 7 && op.mem.offset == 5 && r.p == r.end, "multi-memory memarg: align %u mem %u",
	      op.mem.align, op.mem.memidx);
	(void)ctx;
}

/* Local declarations: a reader for buffer b that expects status/message
 * msg at off (NULL: well-formed). */
static void expect_locals(SynthContext *ctx, unsigned flags, const uint8_t *b, size_t n, const char *msg,
                          uint64_t off, int line)
{
	SyReader r = reader(ctx, b, n);
	SyLocals l;
	SynthStatus st = sy_locals_read(&r, flags, &l);
	const SynthDiag *d = synth_context_diag(ctx);
	if (msg ? st != SYNTH_ERR_MALFORMED || strcmp(d->message, msg) || d->offset != off || d->funcidx != 7
	        : st != SYNTH_OK) {
		failures++;
		fprintf(stderr, "%s:%d: expected %s \"%s\" at %llu, got %s \"%s\" at %llu\n", __FILE__, line,
		        msg ? "malformed" : "well-formed", msg ? msg : "", (unsigned long long)off,
		        synth_status_name(st), d->message, (unsigned long long)d->offset);
	}
	synth_context_clear(ctx);
}
#define LOCALS(ctx, flags, bytes, msg, off) \
	expect_locals(ctx, flags, (const uint8_t *)bytes, sizeof(bytes) - 1, msg, off, __LINE__)

static void test_locals(SynthContext *ctx)
{
	/* 3 x i32, 200 x i64, 0 x f32, 1 x v128, then the first operator. */
	static const uint8_t b[] = {0x04, 0x03, 0x7f, 0xc8, 0x01, 0x7e, 0x00, 0x7d, 0x01, 0x7b, 0x0b};
	SyReader r = reader(ctx, b, sizeof b);
	SyLocals l;
	CHECK(sy_locals_read(&r, SY_OPR_ALL, &l) == SYNTH_OK, "locals: %s", synth_context_diag(ctx)->message);
	CHECK(l.ngroups == 4 && l.count == 204 && l.groups == b + 1 && r.p == b + 10, "locals: %u groups, %u locals",
	      l.ngroups, l.count);
	static const uint32_t counts[] = {3, 200, 0, 1};
	static const uint8_t types[] = {0x7f, 0x7e, 0x7d, 0x7b};
	const uint8_t *p = l.groups;
	for (unsigned i = 0; i < 4; i++) {
		uint8_t t;
		uint32_t n = sy_locals_group(&p, &t);
		CHECK(n == counts[i] && t == types[i], "group %u: %u x %02x", i, n, t);
	}
	CHECK(p == r.p, "groups end at the first operator");
	LOCALS(ctx, SY_OPR_ALL, "\x00", NULL, 0);
	LOCALS(ctx, SY_OPR_ALL, "\x02\xff\xff\xff\xff\x0f\x7f\x00\x70", NULL, 0); /* 2^32-1 locals */
	LOCALS(ctx, SY_OPR_ALL, "\x02\xff\xff\xff\xff\x0f\x7f\x01\x70", "too many locals", 0);
	/* The groups are read in order: a bad type wins over the total. */
	LOCALS(ctx, SY_OPR_ALL, "\x02\xff\xff\xff\xff\x0f\x7f\x01\x40", "malformed value type", 8);
	LOCALS(ctx, SY_OPR_ALL, "\x01\x01\xff\x00", "integer representation too long", 3); /* a 2-byte s7 */
	LOCALS(ctx, SY_OPR_ALL, "\x02\x01\x7f\x01", "unexpected end of section or function", 4);
	LOCALS(ctx, SY_OPR_ALL, "\x01\x80\x80\x80\x80\x10\x7f", "integer too large", 5);
	LOCALS(ctx, SY_OPR_ALL, "\x01\x01\x7b", NULL, 0);
	LOCALS(ctx, 0, "\x01\x01\x7b", "malformed value type", 2); /* v128 only with SIMD */
}

/* Every body of a real module, read to its end, ending with end. */
static void test_module(SynthContext *ctx, const char *path)
{
	FILE *f = fopen(path, "rb");
	CHECK(f != NULL, "cannot open %s", path);
	if (!f)
		return;
	static uint8_t buf[1 << 20];
	size_t n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	SynthFeatures feat = {.multi_memory = true, .custom_page_sizes = true, .simd = true};
	SynthModule *mod = NULL;
	SynthStatus st = synth_module_load(ctx, buf, n, &feat, &mod);
	CHECK(st == SYNTH_OK, "load %s: %s", path, synth_context_diag(ctx)->message);
	if (st != SYNTH_OK)
		return;
	const SynthModuleDesc *d = synth_module_desc(mod);
	unsigned ops = 0;
	for (uint32_t i = d->nfuncs_imported; i < d->nfuncs; i++) {
		SyReader r = reader(ctx, d->bytes, 0);
		r.p = d->bytes + d->funcs[i].body_offset;
		r.end = r.p + d->funcs[i].body_size;
		SyLocals l;
		st = sy_locals_read(&r, SY_OPR_ALL, &l);
		SyOp op = {0};
		while (st == SYNTH_OK && r.p < r.end) {
			st = sy_op_next(&r, SY_OPR_ALL, &op);
			ops++;
		}
		CHECK(st == SYNTH_OK && op.kind == OPK_END, "function %u: %s", i, synth_context_diag(ctx)->message);
	}
	CHECK(ops > 40, "only %u operators in %s", ops, path);
	synth_module_free(mod);
}

/* Pseudo-random bytes (xorshift, fixed seed): every call either fails or
 * advances, and nothing reads outside the buffer (under ASan). */
static void test_random(SynthContext *ctx)
{
	uint64_t s = 0x9e3779b97f4a7c15ull;
	for (int round = 0; round < 20000; round++) {
		uint8_t b[64];
		size_t n = 1 + round % 64;
		for (size_t i = 0; i < n; i++) {
			s ^= s << 13, s ^= s >> 7, s ^= s << 17;
			b[i] = (uint8_t)s;
		}
		uint8_t *heap = malloc(n); /* exact size, so ASan catches a read past the end */
		memcpy(heap, b, n);
		SyReader r = reader(ctx, heap, n);
		SyOp op;
		while (r.p < r.end) {
			const uint8_t *before = r.p;
			if (sy_op_next(&r, (unsigned)round & SY_OPR_ALL, &op) != SYNTH_OK)
				break;
			CHECK(r.p > before && r.p <= r.end, "round %d: no progress", round);
		}
		free(heap);
		synth_context_clear(ctx);
	}
}

int main(int argc, char **argv)
{
	SynthContext *ctx = synth_context_new(NULL, NULL);
	if (!ctx)
		return 1;
	test_shapes(ctx);
	test_malformed(ctx);
	test_head(ctx);
	test_locals(ctx);
	if (argc > 1)
		test_module(ctx, argv[1]);
	test_random(ctx);
	synth_context_free(ctx);
	if (failures)
		fprintf(stderr, "%d check(s) failed\n", failures);
	else
		printf("opreader: all checks passed\n");
	return failures ? 1 : 0;
}
