/* opreader.h - one WebAssembly operator at a time, with all its immediates
 * decoded into a SyOp, and the local declarations of a function body
 * (sy_locals_read). The one place that decodes operators and local
 * declarations: the validator (validate.c), the lowering to IR
 * (ir/lower.c) and the walkers that only need to see every instruction of
 * a body (wasm/components.c, arm/grows.c) all read bodies through it, and
 * the decoder (decode.c) reads constant expressions through sy_op_next,
 * refusing any operator but their eight and end once it is read whole
 * ("constant expression required"), so an operator's encoding errors are
 * the same in a body and in a constant expression.
 *
 * The reader checks the encoding (LEB128 forms, bytes present, known
 * opcodes, the zero bytes of WebAssembly 2.0, value and reference types):
 * the malformed-module errors, worded as the spec tests' assert_malformed
 * texts. Indices are not checked against the module: that is the
 * validator's job, and the other callers read validated bodies. */
#ifndef SYNTH_OPREADER_H
#define SYNTH_OPREADER_H

#include <stdbool.h>
#include <stdint.h>

#include "../internal.h"
#include "opcodes.h"

/* A memarg: flags (alignment, and 0x40 when a memidx follows), offset. */
typedef struct SyMemarg {
	uint32_t align;    /* log2 of the alignment, the 0x40 memidx flag removed */
	uint32_t memidx;   /* the memory; 0 when not explicit */
	uint64_t offset;   /* the offset (read as a u32, as the walkers do) */
	bool has_memidx;   /* the memidx was written (multi-memory form) */
} SyMemarg;

/* One operator. Which fields are set depends on kind:
 *  BLOCK, LOOP, IF        imm = block type (s33: -0x40 empty, <0 a value type
 *                         sy_op_valtype_ok accepts, else a typeidx)
 *  BR, BR_IF              x = labelidx
 *  BR_TABLE               n = targets before the default, vec = their LEBs
 *                         (read them with sy_op_vec_u32), x = the default label
 *  CALL, REF_FUNC         x = funcidx
 *  CALL_INDIRECT          x = typeidx, y = tableidx
 *  SELECT_T               n = type count, vec = the types (one byte each, each a
 *                         value type sy_op_valtype_ok accepts)
 *  LOCAL_*, GLOBAL_*      x = the index
 *  TABLE_GET, TABLE_SET   x = tableidx
 *  MEM, VLOAD, VSTORE     mem
 *  VLOADLANE, VSTORELANE  mem, lane
 *  MEMORY_SIZE, _GROW     x = memidx (a zero byte without SY_OPR_MULTI_MEMORY)
 *  I32_CONST, I64_CONST   imm
 *  F32_CONST, F64_CONST   bits (little-endian bit pattern)
 *  REF_NULL               x = the reference type byte (0x70, 0x6f), imm its s7 value
 *  MEMORY_INIT            x = dataidx, y = memidx
 *  DATA_DROP              x = dataidx
 *  MEMORY_COPY            x = destination memidx, y = source memidx
 *  MEMORY_FILL            x = memidx
 *  TABLE_INIT             x = elemidx, y = tableidx
 *  ELEM_DROP              x = elemidx
 *  TABLE_COPY             x = destination tableidx, y = source tableidx
 *  TABLE_GROW/SIZE/FILL   x = tableidx
 *  VCONST, VSHUFFLE       vec = the 16 immediate bytes
 *  VEXTRACT, VREPLACE     lane
 * Every other kind has no immediate. */
typedef struct SyOp {
	uint64_t at;           /* offset of the first byte (opcode or prefix) */
	uint8_t code;          /* the first byte: the opcode, or 0xfc / 0xfd */
	uint32_t sub;          /* the sub-opcode after a 0xfc / 0xfd prefix, else 0 */
	uint8_t kind;          /* OPK_* */
	const SyOpInfo *info;  /* its row in sy_ops, sy_ops_fc or sy_ops_fd */
	uint32_t x, y;         /* index immediates */
	int64_t imm;           /* signed immediate */
	uint64_t bits;         /* float bit pattern */
	SyMemarg mem;          /* memarg */
	uint8_t lane;          /* lane index */
	uint32_t n;            /* vector length (br_table, select t*) */
	const uint8_t *vec;    /* vector bytes, inside the reader's buffer */
} SyOp;

/* Reader options (flags): which proposals' encodings apply. */
#define SY_OPR_MULTI_MEMORY 1u  /* memidx immediates are u32s, memarg flag 0x40 names a memory */
#define SY_OPR_SIMD 2u          /* v128 is a value type (block types, select t*) */
#define SY_OPR_ALL (SY_OPR_MULTI_MEMORY | SY_OPR_SIMD) /* for bodies already validated */

/* Reads one operator and its immediates at r->p into *op: sy_op_head then
 * sy_op_imm. Malformed input is reported through the context with the spec
 * tests' messages: "unexpected end of section or function", "illegal opcode
 * XX" (or "fc X", "fd X", at the opcode's first byte), "zero byte
 * expected", "malformed value type", "malformed reference type", and the
 * LEB readers' own. Only the fields of op->kind (above) are set. */
static inline SynthStatus sy_op_next(SyReader *r, unsigned flags, SyOp *op);

/* Reads the opcode (and the sub-opcode after 0xfc / 0xfd) into op->at,
 * code, sub, info and kind, for a caller that refuses some operators before
 * their immediates are read (the validator's "SIMD is not supported"). On
 * an illegal opcode op->kind is OPK_ILLEGAL (op->code and op->sub say which). */
static inline SynthStatus sy_op_head(SyReader *r, SyOp *op);

/* Reads the immediates of the operator sy_op_head read into op. */
static inline SynthStatus sy_op_imm(SyReader *r, unsigned flags, SyOp *op);

/* The out-of-line paths of the two (prefixed or illegal opcodes, errors;
 * immediates other than one index or an i32.const). */
SynthStatus sy_op_head_slow(SyReader *r, SyOp *op);
SynthStatus sy_op_imm_slow(SyReader *r, unsigned flags, SyOp *op);

/* The kinds with immediates, as a bit set (kinds are below 64). */
#define SY_OPK_BIT(k) (UINT64_C(1) << (k))
#define SY_OPK_HAS_IMM \
	(SY_OPK_BIT(OPK_BLOCK) | SY_OPK_BIT(OPK_LOOP) | SY_OPK_BIT(OPK_IF) | SY_OPK_BIT(OPK_BR) | \
	 SY_OPK_BIT(OPK_BR_IF) | SY_OPK_BIT(OPK_BR_TABLE) | SY_OPK_BIT(OPK_CALL) | SY_OPK_BIT(OPK_CALL_INDIRECT) | \
	 SY_OPK_BIT(OPK_SELECT_T) | SY_OPK_BIT(OPK_LOCAL_GET) | SY_OPK_BIT(OPK_LOCAL_SET) | \
	 SY_OPK_BIT(OPK_LOCAL_TEE) | SY_OPK_BIT(OPK_GLOBAL_GET) | SY_OPK_BIT(OPK_GLOBAL_SET) | \
	 SY_OPK_BIT(OPK_TABLE_GET) | SY_OPK_BIT(OPK_TABLE_SET) | SY_OPK_BIT(OPK_MEM) | \
	 SY_OPK_BIT(OPK_MEMORY_SIZE) | SY_OPK_BIT(OPK_MEMORY_GROW) | SY_OPK_BIT(OPK_I32_CONST) | \
	 SY_OPK_BIT(OPK_I64_CONST) | SY_OPK_BIT(OPK_F32_CONST) | SY_OPK_BIT(OPK_F64_CONST) | \
	 SY_OPK_BIT(OPK_REF_NULL) | SY_OPK_BIT(OPK_REF_FUNC) | SY_OPK_BIT(OPK_MEMORY_INIT) | \
	 SY_OPK_BIT(OPK_DATA_DROP) | SY_OPK_BIT(OPK_MEMORY_COPY) | SY_OPK_BIT(OPK_MEMORY_FILL) | \
	 SY_OPK_BIT(OPK_TABLE_INIT) | SY_OPK_BIT(OPK_ELEM_DROP) | SY_OPK_BIT(OPK_TABLE_COPY) | \
	 SY_OPK_BIT(OPK_TABLE_GROW) | SY_OPK_BIT(OPK_TABLE_SIZE) | SY_OPK_BIT(OPK_TABLE_FILL) | \
	 SY_OPK_BIT(OPK_VLOAD) | SY_OPK_BIT(OPK_VSTORE) | SY_OPK_BIT(OPK_VCONST) | SY_OPK_BIT(OPK_VSHUFFLE) | \
	 SY_OPK_BIT(OPK_VEXTRACT) | SY_OPK_BIT(OPK_VREPLACE) | SY_OPK_BIT(OPK_VLOADLANE) | \
	 SY_OPK_BIT(OPK_VSTORELANE))

/* Inline, as the validator reads every operator of every body through
 * them: a single-byte legal opcode, and an operator without immediates or
 * with one LEB index or an i32.const, never leave the caller. */
static inline SynthStatus sy_op_head(SyReader *r, SyOp *op)
{
	op->at = sy_pos(r);
	op->sub = 0;
	if (SY_LIKELY(r->p < r->end)) {
		uint8_t c = *r->p;
		const SyOpInfo *info = &sy_ops[c];
		if (SY_LIKELY(info->kind != OPK_ILLEGAL)) { /* 0xfc and 0xfd are not in sy_ops */
			r->p++;
			op->code = c;
			op->info = info;
			op->kind = info->kind;
			return SYNTH_OK;
		}
	}
	return sy_op_head_slow(r, op);
}

/* The kinds whose one immediate is an index (u32), read inline. */
#define SY_OPK_IMM_X \
	(SY_OPK_BIT(OPK_LOCAL_GET) | SY_OPK_BIT(OPK_LOCAL_SET) | SY_OPK_BIT(OPK_LOCAL_TEE) | \
	 SY_OPK_BIT(OPK_GLOBAL_GET) | SY_OPK_BIT(OPK_GLOBAL_SET) | SY_OPK_BIT(OPK_BR) | SY_OPK_BIT(OPK_BR_IF) | \
	 SY_OPK_BIT(OPK_CALL))

static inline SynthStatus sy_op_imm(SyReader *r, unsigned flags, SyOp *op)
{
	uint64_t bit = SY_OPK_BIT(op->kind);
	if (!(SY_OPK_HAS_IMM & bit))
		return SYNTH_OK;
	if (SY_OPK_IMM_X & bit)
		return sy_u32(r, &op->x);
	if (op->kind == OPK_I32_CONST)
		return sy_sleb(r, 32, &op->imm);
	return sy_op_imm_slow(r, flags, op);
}

static inline SynthStatus sy_op_next(SyReader *r, unsigned flags, SyOp *op)
{
	SynthStatus st = sy_op_head(r, op);
	if (st != SYNTH_OK)
		return st;
	return sy_op_imm(r, flags, op);
}

/* The reader flags of a module's features. */
static inline unsigned sy_op_flags(const SynthFeatures *f)
{
	return (f->multi_memory ? SY_OPR_MULTI_MEMORY : 0) | (f->simd ? SY_OPR_SIMD : 0);
}

/* Whether t, a value type read as an s7, may be used under flags. */
bool sy_op_valtype_ok(unsigned flags, int64_t t);

/* Reads the next LEB128 u32 of a vector sy_op_next has already checked
 * (br_table targets) and advances *p past it. */
static inline uint32_t sy_op_vec_u32(const uint8_t **p)
{
	uint32_t v = 0;
	unsigned shift = 0;
	uint8_t b;
	do {
		b = *(*p)++;
		if (shift < 32)
			v |= (uint32_t)(b & 0x7f) << shift;
		shift += 7;
	} while (b & 0x80);
	return v;
}

/* The local declarations at the start of a function body: a vector of
 * groups, each a count (u32) and a value type. */
typedef struct SyLocals {
	const uint8_t *groups;  /* the first group, inside the reader's buffer */
	uint32_t ngroups;       /* groups */
	uint32_t count;         /* locals they declare (parameters not included) */
} SyLocals;

/* Reads the local declarations at r->p into *out and leaves r at the first
 * operator; every consumer of bodies reads them through it. Checked like
 * the reference interpreter: the groups in order (the LEB readers' errors,
 * "unexpected end of section or function", "malformed value type" for a
 * type sy_op_valtype_ok refuses under flags), then "too many locals", at
 * the vector's first byte, when the counts add up to 2^32 or more. */
SynthStatus sy_locals_read(SyReader *r, unsigned flags, SyLocals *out);

/* Reads the next group of declarations sy_locals_read has already checked:
 * returns its count, *type its value type byte (T_I32, ...); advances *p. */
static inline uint32_t sy_locals_group(const uint8_t **p, uint8_t *type)
{
	uint32_t n = sy_op_vec_u32(p);
	*type = *(*p)++;
	return n;
}

#endif
