/* opreader.c - sy_op_next: one operator and its immediates (opreader.h).
 * The immediates of each kind follow the binary format of the spec
 * (5.4 Instructions) plus the multi-memory memarg (flag 0x40 then a memidx)
 * and the fixed-width SIMD immediates. */
#include <string.h>

#include "opreader.h"

#define TRY(x) do { SynthStatus st_ = (x); if (st_ != SYNTH_OK) return st_; } while (0)

/* Points *out at the next n bytes and skips them. */
static SynthStatus take(SyReader *r, size_t n, const uint8_t **out)
{
	if ((size_t)(r->end - r->p) < n)
		return sy_malformed(r, sy_pos(r), "unexpected end of section or function");
	*out = r->p;
	r->p += n;
	return SYNTH_OK;
}

static SynthStatus memarg(SyReader *r, SyMemarg *m)
{
	uint32_t off;
	TRY(sy_u32(r, &m->align));
	if (m->align & 0x40) {
		m->align &= ~0x40u;
		m->has_memidx = true;
		TRY(sy_u32(r, &m->memidx));
	}
	TRY(sy_u32(r, &off));
	m->offset = off;
	return SYNTH_OK;
}

/* Little-endian bits of n bytes (4 or 8). */
static SynthStatus float_bits(SyReader *r, unsigned n, uint64_t *out)
{
	const uint8_t *b;
	TRY(take(r, n, &b));
	*out = 0;
	for (unsigned i = 0; i < n; i++)
		*out |= (uint64_t)b[i] << (8 * i);
	return SYNTH_OK;
}

static SynthStatus prefixed_fc(SyReader *r, SyOp *op)
{
	TRY(sy_u32(r, &op->sub));
	if (op->sub >= sizeof sy_ops_fc / sizeof sy_ops_fc[0] || !sy_ops_fc[op->sub].name)
		return sy_malformed(r, sy_pos(r), "illegal opcode");
	op->info = &sy_ops_fc[op->sub];
	op->kind = op->info->kind;
	switch (op->kind) {
	case OPK_DATA_DROP: case OPK_ELEM_DROP: case OPK_TABLE_GROW: case OPK_TABLE_SIZE:
	case OPK_TABLE_FILL: case OPK_MEMORY_FILL:
		return sy_u32(r, &op->x);
	case OPK_MEMORY_INIT: case OPK_MEMORY_COPY: case OPK_TABLE_INIT: case OPK_TABLE_COPY:
		TRY(sy_u32(r, &op->x));
		return sy_u32(r, &op->y);
	default:
		return SYNTH_OK;
	}
}

static SynthStatus prefixed_fd(SyReader *r, SyOp *op)
{
	TRY(sy_u32(r, &op->sub));
	if (op->sub >= 256 || !sy_ops_fd[op->sub].name)
		return sy_malformed(r, sy_pos(r), "illegal opcode");
	op->info = &sy_ops_fd[op->sub];
	op->kind = op->info->kind;
	switch (op->kind) {
	case OPK_VLOAD: case OPK_VSTORE: return memarg(r, &op->mem);
	case OPK_VLOADLANE: case OPK_VSTORELANE:
		TRY(memarg(r, &op->mem));
		return sy_u8(r, &op->lane);
	case OPK_VCONST: case OPK_VSHUFFLE:
		op->n = 16;
		return take(r, 16, &op->vec);
	case OPK_VEXTRACT: case OPK_VREPLACE: return sy_u8(r, &op->lane);
	default: return SYNTH_OK;
	}
}

SynthStatus sy_op_next(SyReader *r, SyOp *op)
{
	memset(op, 0, sizeof *op);
	op->at = sy_pos(r);
	TRY(sy_u8(r, &op->code));
	if (op->code == 0xfc)
		return prefixed_fc(r, op);
	if (op->code == 0xfd)
		return prefixed_fd(r, op);
	op->info = &sy_ops[op->code];
	op->kind = op->info->kind;
	int64_t s;
	switch (op->kind) {
	case OPK_ILLEGAL:
		return sy_malformed(r, op->at, "illegal opcode");
	case OPK_BLOCK: case OPK_LOOP: case OPK_IF:
		return sy_sleb(r, 33, &op->imm);
	case OPK_BR: case OPK_BR_IF: case OPK_CALL: case OPK_LOCAL_GET: case OPK_LOCAL_SET:
	case OPK_LOCAL_TEE: case OPK_GLOBAL_GET: case OPK_GLOBAL_SET: case OPK_TABLE_GET:
	case OPK_TABLE_SET: case OPK_REF_FUNC: case OPK_MEMORY_SIZE: case OPK_MEMORY_GROW:
		return sy_u32(r, &op->x);
	case OPK_BR_TABLE:
		TRY(sy_u32(r, &op->n));
		op->vec = r->p;
		for (uint32_t i = 0; i < op->n; i++)
			TRY(sy_u32(r, &op->x));
		return sy_u32(r, &op->x);
	case OPK_CALL_INDIRECT:
		TRY(sy_u32(r, &op->x));
		return sy_u32(r, &op->y);
	case OPK_SELECT_T:
		TRY(sy_u32(r, &op->n));
		op->vec = r->p;
		for (uint32_t i = 0; i < op->n; i++)
			TRY(sy_sleb(r, 7, &s));
		return SYNTH_OK;
	case OPK_MEM: return memarg(r, &op->mem);
	case OPK_I32_CONST: return sy_sleb(r, 32, &op->imm);
	case OPK_I64_CONST: return sy_sleb(r, 64, &op->imm);
	case OPK_F32_CONST: return float_bits(r, 4, &op->bits);
	case OPK_F64_CONST: return float_bits(r, 8, &op->bits);
	case OPK_REF_NULL:
		TRY(sy_sleb(r, 7, &op->imm));
		op->x = (uint32_t)op->imm & 0x7f;
		return SYNTH_OK;
	default:
		return SYNTH_OK;
	}
}
