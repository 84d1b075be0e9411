/* opreader.c - sy_op_next: one operator and its immediates (opreader.h).
 * The immediates of each kind follow the binary format of the spec
 * (5.4 Instructions) plus the multi-memory memarg (flag 0x40 then a memidx)
 * and the fixed-width SIMD immediates. The decode errors are worded as the
 * spec tests' assert_malformed texts, at the offsets the validator has
 * always reported them. */
#include "opreader.h"

#define TRY(x) do { SynthStatus st_ = (x); if (st_ != SYNTH_OK) return st_; } while (0)

_Static_assert(OPK_VSTORELANE < 64, "SY_OPK_HAS_IMM holds the kinds in 64 bits");

/* Points *out at the next n bytes and skips them. */
static SynthStatus take(SyReader *r, size_t n, const uint8_t **out)
{
	if ((size_t)(r->end - r->p) < n)
		return sy_malformed(r, sy_pos(r), "unexpected end of section or function");
	*out = r->p;
	r->p += n;
	return SYNTH_OK;
}

bool sy_op_valtype_ok(unsigned flags, int64_t t)
{
	switch (t) {
	case -0x01: case -0x02: case -0x03: case -0x04: case -0x10: case -0x11:
		return true;
	case -0x05:
		return (flags & SY_OPR_SIMD) != 0;
	}
	return false;
}

SynthStatus sy_locals_read(SyReader *r, unsigned flags, SyLocals *out)
{
	uint64_t at = sy_pos(r);
	uint64_t total = 0;
	TRY(sy_u32(r, &out->ngroups));
	out->groups = r->p;
	for (uint32_t i = 0; i < out->ngroups; i++) {
		uint32_t n;
		TRY(sy_u32(r, &n));
		uint64_t tat = sy_pos(r);
		int64_t t;
		TRY(sy_sleb(r, 7, &t));
		if (!sy_op_valtype_ok(flags, t))
			return sy_malformed(r, tat, "malformed value type");
		total += n;
	}
	if (total >= ((uint64_t)1 << 32))
		return sy_malformed(r, at, "too many locals");
	out->count = (uint32_t)total;
	return SYNTH_OK;
}

/* A value type (s7): select t*'s types. */
static SynthStatus valtype(SyReader *r, unsigned flags)
{
	uint64_t at = sy_pos(r);
	int64_t t;
	TRY(sy_sleb(r, 7, &t));
	if (!sy_op_valtype_ok(flags, t))
		return sy_malformed(r, at, "malformed value type");
	return SYNTH_OK;
}

/* The memory index of memory.size/grow/init/copy/fill: a zero byte in
 * WebAssembly 2.0, a memidx with multi-memory. */
static SynthStatus memidx(SyReader *r, unsigned flags, uint32_t *out)
{
	if (flags & SY_OPR_MULTI_MEMORY)
		return sy_u32(r, out);
	uint8_t b;
	TRY(sy_u8(r, &b));
	if (b != 0)
		return sy_malformed(r, sy_pos(r) - 1, "zero byte expected");
	*out = 0;
	return SYNTH_OK;
}

static SynthStatus memarg(SyReader *r, unsigned flags, SyMemarg *m)
{
	uint32_t off;
	m->memidx = 0;
	m->has_memidx = false;
	TRY(sy_u32(r, &m->align));
	if ((flags & SY_OPR_MULTI_MEMORY) && m->align >= 0x40 && m->align < 0x80) {
		m->align -= 0x40;
		m->has_memidx = true;
		TRY(sy_u32(r, &m->memidx));
	}
	TRY(sy_u32(r, &off));
	m->offset = off;
	return SYNTH_OK;
}

/* The little-endian value of 4 bytes, written out so the compiler reads it
 * in one load. */
static inline uint32_t le32(const uint8_t *b)
{
	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

/* Little-endian bits of n bytes (4 or 8). */
static SynthStatus float_bits(SyReader *r, unsigned n, uint64_t *out)
{
	const uint8_t *b;
	TRY(take(r, n, &b));
	*out = n == 4 ? le32(b) : le32(b) | (uint64_t)le32(b + 4) << 32;
	return SYNTH_OK;
}

SynthStatus sy_op_head_slow(SyReader *r, SyOp *op)
{
	op->at = sy_pos(r);
	op->sub = 0;
	TRY(sy_u8(r, &op->code));
	if (SY_LIKELY(op->code != 0xfc && op->code != 0xfd)) {
		op->info = &sy_ops[op->code];
		op->kind = op->info->kind;
		if (SY_UNLIKELY(op->kind == OPK_ILLEGAL))
			return sy_error(r->ctx, SYNTH_ERR_MALFORMED, op->at, r->funcidx, "illegal opcode %02x", op->code);
		return SYNTH_OK;
	}
	op->info = NULL;
	op->kind = OPK_ILLEGAL;
	TRY(sy_u32(r, &op->sub));
	if (op->code == 0xfc) {
		if (op->sub >= sizeof sy_ops_fc / sizeof sy_ops_fc[0] || !sy_ops_fc[op->sub].name)
			return sy_error(r->ctx, SYNTH_ERR_MALFORMED, op->at, r->funcidx, "illegal opcode fc %x", op->sub);
		op->info = &sy_ops_fc[op->sub];
	} else {
		if (op->sub >= 256 || !sy_ops_fd[op->sub].name)
			return sy_error(r->ctx, SYNTH_ERR_MALFORMED, op->at, r->funcidx, "illegal opcode fd %x", op->sub);
		op->info = &sy_ops_fd[op->sub];
	}
	op->kind = op->info->kind;
	return SYNTH_OK;
}

SynthStatus sy_op_imm_slow(SyReader *r, unsigned flags, SyOp *op)
{
	switch (op->kind) {
	case OPK_BLOCK: case OPK_LOOP: case OPK_IF: {
		uint64_t at = sy_pos(r);
		TRY(sy_sleb(r, 33, &op->imm));
		if (op->imm < 0 && op->imm != -0x40 && !sy_op_valtype_ok(flags, op->imm))
			return sy_malformed(r, at, "malformed value type");
		return SYNTH_OK;
	}
	case OPK_BR: case OPK_BR_IF: case OPK_CALL: case OPK_LOCAL_GET: case OPK_LOCAL_SET:
	case OPK_LOCAL_TEE: case OPK_GLOBAL_GET: case OPK_GLOBAL_SET: case OPK_TABLE_GET:
	case OPK_TABLE_SET: case OPK_REF_FUNC:
	case OPK_DATA_DROP: case OPK_ELEM_DROP: case OPK_TABLE_GROW: case OPK_TABLE_SIZE: case OPK_TABLE_FILL:
		return sy_u32(r, &op->x);
	case OPK_MEMORY_SIZE: case OPK_MEMORY_GROW: case OPK_MEMORY_FILL:
		return memidx(r, flags, &op->x);
	case OPK_MEMORY_INIT:
		TRY(sy_u32(r, &op->x));
		return memidx(r, flags, &op->y);
	case OPK_MEMORY_COPY:
		TRY(memidx(r, flags, &op->x));
		return memidx(r, flags, &op->y);
	case OPK_TABLE_INIT: case OPK_TABLE_COPY: case OPK_CALL_INDIRECT:
		TRY(sy_u32(r, &op->x));
		return sy_u32(r, &op->y);
	case OPK_BR_TABLE:
		TRY(sy_u32(r, &op->n));
		op->vec = r->p;
		for (uint32_t i = 0; i < op->n; i++)
			TRY(sy_u32(r, &op->x));
		return sy_u32(r, &op->x);
	case OPK_SELECT_T:
		TRY(sy_u32(r, &op->n));
		op->vec = r->p;
		for (uint32_t i = 0; i < op->n; i++)
			TRY(valtype(r, flags));
		return SYNTH_OK;
	case OPK_MEM: case OPK_VLOAD: case OPK_VSTORE:
		return memarg(r, flags, &op->mem);
	case OPK_VLOADLANE: case OPK_VSTORELANE:
		TRY(memarg(r, flags, &op->mem));
		return sy_u8(r, &op->lane);
	case OPK_I32_CONST: return sy_sleb(r, 32, &op->imm);
	case OPK_I64_CONST: return sy_sleb(r, 64, &op->imm);
	case OPK_F32_CONST: return float_bits(r, 4, &op->bits);
	case OPK_F64_CONST: return float_bits(r, 8, &op->bits);
	case OPK_REF_NULL: {
		uint64_t at = sy_pos(r);
		TRY(sy_sleb(r, 7, &op->imm));
		if (op->imm != -0x10 && op->imm != -0x11)
			return sy_malformed(r, at, "malformed reference type");
		op->x = (uint32_t)op->imm & 0x7f;
		return SYNTH_OK;
	}
	case OPK_VCONST: case OPK_VSHUFFLE:
		op->n = 16;
		return take(r, 16, &op->vec);
	case OPK_VEXTRACT: case OPK_VREPLACE:
		return sy_u8(r, &op->lane);
	default:
		return SYNTH_OK;
	}
}
