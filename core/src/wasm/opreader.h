/* opreader.h - one WebAssembly operator at a time, with all its immediates
 * decoded into a SyOp. Shared by the walkers that only need to see every
 * instruction of a body (components, the may-grow scan) so that each does not
 * decode the immediates of every opcode again by hand.
 *
 * The reader checks the encoding only (LEB128 forms, bytes present, known
 * opcodes); indices are not checked against the module: that is the
 * validator's job (validate.c), and the callers check what they use. */
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
 *  BLOCK, LOOP, IF        imm = block type (s33: -0x40 empty, <0 a value type, else a typeidx)
 *  BR, BR_IF              x = labelidx
 *  BR_TABLE               n = targets before the default, vec = their LEBs
 *                         (read them with sy_op_vec_u32), x = the default label
 *  CALL, REF_FUNC         x = funcidx
 *  CALL_INDIRECT          x = typeidx, y = tableidx
 *  SELECT_T               n = type count, vec = the types (one byte each)
 *  LOCAL_*, GLOBAL_*      x = the index
 *  TABLE_GET, TABLE_SET   x = tableidx
 *  MEM, VLOAD, VSTORE     mem
 *  VLOADLANE, VSTORELANE  mem, lane
 *  MEMORY_SIZE, _GROW     x = memidx
 *  I32_CONST, I64_CONST   imm
 *  F32_CONST, F64_CONST   bits (little-endian bit pattern)
 *  REF_NULL               x = the reference type byte (0x70, 0x6f)
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

/* Reads one operator and its immediates at r->p into *op. Malformed input
 * (end of the bytes, a bad LEB128, an unknown opcode) is reported through
 * sy_malformed with the walkers' messages: "unexpected end of section or
 * function", "illegal opcode", and the LEB readers' own. */
SynthStatus sy_op_next(SyReader *r, SyOp *op);

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

#endif
