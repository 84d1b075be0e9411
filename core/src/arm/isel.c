/* isel.c - instruction selection: SSA IR to Thumb-2 machine IR over
 * virtual registers.
 *
 * Blocks are laid out in reverse post-order. Every IR value gets one
 * virtual register (two for i64: low and high word). Phis become parallel
 * copies at the end of each predecessor (through fresh temporaries, which
 * the allocator is free to coalesce); an edge from a block with several
 * successors into a block with phis is split. Calls follow AAPCS: argument
 * words go to r0-r3 and then the stack, results come back in r0/r1. i64
 * shifts, rotates, division and bit counts call exact runtime helpers;
 * everything else is inline. Memory accesses address memory k relative to
 * its base (the link-time constant M__mem<k> for a defined memory, read from
 * the import's control block otherwise), with exact bounds checks in the
 * default trap mode against its size cached in a register, reloaded from the
 * control block (M__memctl<k>) only after calls that may grow a memory
 * (IselModule.may_grow, arm/grows.c), and only where a later check reads
 * it (drop_dead_sizes removes the rest). This file holds the emission
 * helpers, sel_ins, block layout and the entry point arm_isel; calls,
 * memories, integer and floating-point operations are selected in
 * isel_call.c, isel_mem.c, isel_int.c and isel_float.c (shared declarations
 * in isel_internal.h). */
#include <stdlib.h>

#include "isel_internal.h"

/* ---- emission helpers ---- */

MIns *is_ins(S *s, MirOp op)
{
	MIns *i = mir_emit(s->m, s->b, op);
	if (!i) {
		/* written to and ignored: the function fails with SYNTH_ERR_NOMEM */
		s->oom = true;
		memset(&s->sink, 0, sizeof s->sink);
		return &s->sink;
	}
	return i;
}

uint32_t is_vreg(S *s) { return mir_vreg(s->m); }

/* d = r, converting between core and VFP registers when their classes differ. */
void is_mov(S *s, uint32_t d, uint32_t r)
{
	bool dv = is_vfp(s, d), rv = is_vfp(s, r);
	if (dv != rv) {
		is_fmov(s, dv ? MIR_FMOVTO : MIR_FMOVFROM, d, r);
		return;
	}
	MIns *i = is_ins(s, MIR_MOV);
	i->r[0] = d, i->r[1] = r;
}

bool is_vfp(S *s, uint32_t r) { return r >= MIR_VREG0 && mir_class(s->m, r) == MIR_VFP; }

void is_fmov(S *s, MirOp op, uint32_t d, uint32_t x)
{
	MIns *i = is_ins(s, op);
	i->r[0] = d, i->r[1] = x;
}

void is_movi(S *s, uint32_t d, uint32_t imm)
{
	if (is_vfp(s, d)) {
		uint32_t t = mir_vreg(s->m);
		is_movi(s, t, imm);
		is_fmov(s, MIR_FMOVTO, d, t);
		return;
	}
	MIns *i = is_ins(s, MIR_MOVI);
	i->r[0] = d, i->imm = imm;
}

/* A core register holding the bits of register r (r itself unless VFP). */
uint32_t is_core_of(S *s, uint32_t r)
{
	if (!is_vfp(s, r))
		return r;
	uint32_t t = mir_vreg(s->m);
	is_fmov(s, MIR_FMOVFROM, t, r);
	return t;
}

/* Register to write a result of bits into before is_set_bits(d, it). */
uint32_t is_bits_dst(S *s, uint32_t d) { return is_vfp(s, d) ? mir_vreg(s->m) : d; }

void is_set_bits(S *s, uint32_t d, uint32_t t)
{
	if (d != t)
		is_fmov(s, is_vfp(s, d) ? MIR_FMOVTO : MIR_MOV, d, t);
}

static bool repeated(const S *s, uint32_t bits);

/* A register holding imm, for an operand no immediate form encodes. In a
 * loop, a constant that takes two instructions (movw/movt) is made once in
 * the prologue and shared, as IR constants are (sel_ins, IR_CONST); so is
 * one the function defines more than once (find_repeated), and, with wide
 * set, a loop's one-movw constant: the operands of logical operations and
 * compares (crc16's `^ 0x1021`, a loop bound of 3000), not the offsets of
 * addresses, which get their own registers near their loads. */
static uint32_t konst(S *s, uint32_t imm, bool wide)
{
	bool mod = arm_modimm_ok(imm) || arm_modimm_ok(~imm);
	bool two = imm > 0xffff && !mod;
	bool costly = (two || (wide && imm > 0xff)) && !mod;
	if (s->b && ((s->b->loop_depth > 0 && costly) || (two && repeated(s, imm))) && s->b != &s->m->blocks[0]) {
		for (uint32_t h = 0; h < s->nhoisted; h++)
			if (s->hoisted[h].bits == imm && s->hoisted[h].type == IR_I32)
				return s->hoisted[h].lo;
		if (s->nhoisted < sizeof s->hoisted / sizeof s->hoisted[0]) {
			uint32_t d = is_vreg(s);
			s->hoisted[s->nhoisted++] = (Hoisted){imm, IR_I32, d, 0};
			MBlock *cur = s->b;
			s->b = &s->m->blocks[0];
			is_movi(s, d, imm);
			s->b = cur;
			return d;
		}
	}
	uint32_t d = is_vreg(s);
	is_movi(s, d, imm);
	return d;
}

uint32_t is_konst(S *s, uint32_t imm) { return konst(s, imm, false); }

void is_movsym(S *s, uint32_t d, uint32_t sym, int32_t addend)
{
	MIns *i = is_ins(s, MIR_MOVSYM);
	i->r[0] = d, i->aux = sym, i->imm = addend;
}

void is_dp(S *s, ArmDpOp op, uint32_t d, uint32_t a, uint32_t b)
{
	MIns *i = is_ins(s, MIR_DP);
	i->aux = op, i->r[0] = d, i->r[1] = a, i->r[2] = b;
}

void is_dps(S *s, ArmDpOp op, uint32_t d, uint32_t a, uint32_t b)
{
	MIns *i = is_ins(s, MIR_DPS);
	i->aux = op, i->r[0] = d, i->r[1] = a, i->r[2] = b;
}

void is_dpi(S *s, ArmDpOp op, uint32_t d, uint32_t a, uint32_t imm)
{
	if (arm_dp_imm_ok(op, ARM_KEEP, imm)) {
		MIns *i = is_ins(s, MIR_DPI);
		i->aux = op, i->r[0] = d, i->r[1] = a, i->imm = imm;
	} else if (op == ARM_AND && imm && !(imm & (imm + 1))) {
		/* x & (2^k - 1), no immediate (k = 9..31): ubfx d, x, #0, #k, no
		 * register for the mask (`& 0xffff`, clang's uint16_t) */
		MIns *i = is_ins(s, MIR_UBFX);
		i->r[0] = d, i->r[1] = a, i->imm = (uint64_t)__builtin_popcount(imm) << 8;
	} else {
		bool logic = op == ARM_AND || op == ARM_ORR || op == ARM_EOR || op == ARM_BIC || op == ARM_ORN;
		is_dp(s, op, d, a, konst(s, imm, logic));
	}
}

void is_dpis(S *s, ArmDpOp op, uint32_t d, uint32_t a, uint32_t imm)
{
	if (arm_dp_imm_ok(op, ARM_SETS, imm)) {
		MIns *i = is_ins(s, MIR_DPIS);
		i->aux = op, i->r[0] = d, i->r[1] = a, i->imm = imm;
	} else {
		is_dps(s, op, d, a, is_konst(s, imm));
	}
}

void is_cmp(S *s, ArmDpOp op, uint32_t a, uint32_t b)
{
	MIns *i = is_ins(s, MIR_CMP);
	i->aux = op, i->r[0] = a, i->r[1] = b;
}

void is_cmpi(S *s, ArmDpOp op, uint32_t a, uint32_t imm)
{
	if (arm_dp_imm_ok(op, ARM_SETS, imm)) {
		MIns *i = is_ins(s, MIR_CMPI);
		i->aux = op, i->r[0] = a, i->imm = imm;
	} else {
		is_cmp(s, op, a, konst(s, imm, true));
	}
}

void is_shifti(S *s, ArmShift sh, uint32_t d, uint32_t a, uint32_t amount)
{
	MIns *i = is_ins(s, MIR_SHIFTI);
	i->aux = sh, i->r[0] = d, i->r[1] = a, i->imm = amount;
}

void is_shiftr(S *s, ArmShift sh, uint32_t d, uint32_t a, uint32_t b)
{
	MIns *i = is_ins(s, MIR_SHIFT);
	i->aux = sh, i->r[0] = d, i->r[1] = a, i->r[2] = b;
}

void is_setcc(S *s, ArmCond c, uint32_t d)
{
	MIns *i = is_ins(s, MIR_SETCC);
	i->cond = (uint8_t)c, i->r[0] = d;
}

void is_trapcc(S *s, ArmCond c, int code)
{
	MIns *i = is_ins(s, MIR_TRAPCC);
	i->cond = (uint8_t)c, i->imm = code;
}

/* Loads into d (through a core register when d is VFP: no alignment
 * requirement, unlike VLDR). */
void is_ldr(S *s, ArmMemOp op, uint32_t d, uint32_t base, int32_t off)
{
	uint32_t t = is_bits_dst(s, d);
	MIns *i = is_ins(s, MIR_LDR);
	i->aux = op, i->r[0] = t, i->r[1] = base, i->imm = off;
	is_set_bits(s, d, t);
}

void is_str(S *s, ArmMemOp op, uint32_t v, uint32_t base, int32_t off)
{
	v = is_core_of(s, v);
	MIns *i = is_ins(s, MIR_STR);
	i->aux = op, i->r[0] = v, i->r[1] = base, i->imm = off;
}

/* A word at base + off where the address is known to be 4-aligned
 * (globals, multi-value result areas): an f32 in a VFP register is loaded
 * or stored directly with vldr/vstr (MIR_LDR/MIR_STR with a VFP r0).
 * VLDR/VSTR fault on an unaligned address, which a wasm access to linear
 * memory may have, so loads and stores of linear memory never come here. */
static bool vfp_word_ok(S *s, uint32_t r, int32_t off)
{
	return is_vfp(s, r) && !(off & 3) && off >= -1020 && off <= 1020;
}

void is_ldr_aligned(S *s, uint32_t d, uint32_t base, int32_t off)
{
	if (!vfp_word_ok(s, d, off)) {
		is_ldr(s, ARM_LDR, d, base, off);
		return;
	}
	MIns *i = is_ins(s, MIR_LDR);
	i->aux = ARM_LDR, i->r[0] = d, i->r[1] = base, i->imm = off;
}

static void str_aligned(S *s, uint32_t v, uint32_t base, int32_t off)
{
	if (!vfp_word_ok(s, v, off)) {
		is_str(s, ARM_STR, v, base, off);
		return;
	}
	MIns *i = is_ins(s, MIR_STR);
	i->aux = ARM_STR, i->r[0] = v, i->r[1] = base, i->imm = off;
}

uint32_t is_sym(S *s, bool func, const char *name)
{
	uint32_t k = mir_sym(s->im->syms, func, "%s", name);
	if (k == UINT32_MAX)
		s->oom = true;
	return k;
}

/* ---- IR queries ---- */

IrIns *is_def(S *s, IrVal v)
{
	IrDef *d = &s->ir->def[v];
	return d->block ? &d->block->ins[d->index] : NULL;
}

bool is_const(S *s, IrVal v, uint64_t *bits)
{
	IrIns *i = is_def(s, v);
	if (i && i->op == IR_CONST) {
		*bits = i->imm;
		return true;
	}
	return false;
}

/* One word of a select, d = cond ? x : y; an integer arm whose word (bits
 * shift..shift+31 of the constant) is one MOV or MVN immediate is not put
 * in a register: `it; mov d, #imm` when the other arm is d itself. */
static void sel_word(S *s, ArmCond cond, uint32_t d, uint32_t x, uint32_t y, bool ints, const IrVal *a,
                     unsigned shift)
{
	uint64_t c;
	for (int q = 1; ints && q >= 0; q--)
		if (is_const(s, a[q], &c) && arm_dp_imm_ok(ARM_MOV, ARM_ANY, (uint32_t)(c >> shift))) {
			MIns *m = is_ins(s, MIR_CSELI);
			m->cond = (uint8_t)(q == 1 ? cond : cond ^ 1), m->r[0] = d, m->r[1] = q == 1 ? x : y;
			m->imm = (uint32_t)(c >> shift);
			return;
		}
	MIns *m = is_ins(s, MIR_CSEL);
	m->cond = (uint8_t)cond, m->r[0] = d, m->r[1] = x, m->r[2] = y;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

/* Code size: a two-instruction (movw/movt, 8-byte) i32 constant defined
 * more than once in the function, in blocks GVN could not merge (neither
 * dominates the other: crc32's 0x01000193 three times), is made once in the
 * prologue like a loop's, and each use reads that register (the allocator
 * reloads it from a spill slot, one instruction, when registers run out).
 * Finds those constants; false only out of memory. */
static bool find_repeated(S *s)
{
	IrFunc *ir = s->ir;
	uint32_t n = 0;
	for (uint32_t bi = 0; bi < ir->nblocks; bi++)
		for (uint32_t j = 0; j < ir->blocks[bi]->nins; j++) {
			const IrIns *x = &ir->blocks[bi]->ins[j];
			uint32_t lo = (uint32_t)x->imm;
			n += x->op == IR_CONST && !x->dead && x->type == IR_I32 &&
			     lo > 0xffff && !arm_modimm_ok(lo) && !arm_modimm_ok(~lo);
		}
	if (n < 2)
		return true;
	uint32_t *all = sy_arena_array(s->m->ar, n, sizeof *all);
	if (!all)
		return false;
	n = 0;
	for (uint32_t bi = 0; bi < ir->nblocks; bi++)
		for (uint32_t j = 0; j < ir->blocks[bi]->nins; j++) {
			const IrIns *x = &ir->blocks[bi]->ins[j];
			uint32_t lo = (uint32_t)x->imm;
			if (x->op == IR_CONST && !x->dead && x->type == IR_I32 &&
			    lo > 0xffff && !arm_modimm_ok(lo) && !arm_modimm_ok(~lo))
				all[n++] = lo;
		}
	qsort(all, n, sizeof *all, cmp_u32);
	uint32_t out = 0;
	for (uint32_t k = 1; k < n; k++)
		if (all[k] == all[k - 1] && (out == 0 || all[out - 1] != all[k]))
			all[out++] = all[k];
	s->repeated = all;
	s->nrepeated = out;
	return true;
}

static bool repeated(const S *s, uint32_t bits)
{
	return s->nrepeated && bsearch(&bits, s->repeated, s->nrepeated, sizeof bits, cmp_u32);
}

/* A global's address is a movw/movt pair too: within a block, the later
 * accesses to a global read the register the first one made (json's
 * `global0 -= 64` was two pairs). Across blocks it is made again: keeping
 * it live from the prologue cost sha256 0.9 % more instructions (spills).
 * False only out of memory. */
static bool global_cache(S *s)
{
	uint32_t ng = s->im->mod->nglobals;
	if (!ng)
		return true;
	s->gaddr = sy_arena_array(s->m->ar, ng, sizeof *s->gaddr);
	s->gblk = sy_arena_array(s->m->ar, ng, sizeof *s->gblk);
	if (!s->gaddr || !s->gblk)
		return false;
	memset(s->gblk, 0, ng * sizeof *s->gblk);
	return true;
}

/* The register holding global g's address, for one access. */
static uint32_t global_reg(S *s, uint32_t g)
{
	uint32_t here = (uint32_t)(s->b - s->m->blocks) + 1;
	if (s->gblk && s->gblk[g] == here)
		return s->gaddr[g];
	uint32_t p = is_vreg(s);
	is_global_addr(s, g, p);
	if (s->gblk)
		s->gaddr[g] = p, s->gblk[g] = here;
	return p;
}

static SynthStatus sel_ins(S *s, IrBlock *b, IrIns *i)
{
	IrVal *a = ir_args(i);
	uint32_t d = i->val ? s->lo[i->val] : 0;
	switch (i->op) {
	case IR_NOP: case IR_PARAM: case IR_PHI:
		break;
	case IR_CONST: {
		/* Constants in loops that take more than one instruction are
		 * materialized once, in the prologue (it dominates everything). */
		size_t cur = (size_t)(s->b - s->m->blocks);
		uint32_t lo = (uint32_t)i->imm;
		bool costly = pair((IrType)i->type) || is_vfp(s, d) ||
		              (lo > 0xffff && !arm_modimm_ok(lo) && !arm_modimm_ok(~lo));
		if (costly && (b->loop_depth > 0 || (i->type == IR_I32 && !is_vfp(s, d) && repeated(s, lo)))) {
			/* one register per distinct hoisted constant */
			for (uint32_t h = 0; h < s->nhoisted; h++)
				if (s->hoisted[h].bits == (uint64_t)i->imm && s->hoisted[h].type == i->type) {
					s->lo[i->val] = s->hoisted[h].lo, s->hi[i->val] = s->hoisted[h].hi;
					return SYNTH_OK;
				}
			if (s->nhoisted < sizeof s->hoisted / sizeof s->hoisted[0])
				s->hoisted[s->nhoisted++] = (Hoisted){(uint64_t)i->imm, i->type, d, s->hi[i->val]};
			s->b = &s->m->blocks[0];
		}
		is_movi(s, d, (uint32_t)i->imm);
		if (pair((IrType)i->type))
			is_movi(s, s->hi[i->val], (uint32_t)(i->imm >> 32));
		if (s->im->fpu64 && i->type == IR_F64)
			is_home_pair(s, d, s->hi[i->val]);
		s->b = &s->m->blocks[cur];
		break;
	}
	case IR_COPY:
		if (s->im->fpu64 && i->type == IR_F64 && is_get_dhome(s, s->lo[a[0]]))
			is_set_dhome(s, d, is_get_dhome(s, s->lo[a[0]])); /* the same value */
		is_mov(s, d, s->lo[a[0]]);
		if (pair((IrType)i->type))
			is_mov(s, s->hi[i->val], s->hi[a[0]]);
		break;
	case IR_ADD: case IR_SUB: case IR_MUL: case IR_DIVS: case IR_DIVU: case IR_REMS: case IR_REMU:
	case IR_AND: case IR_OR: case IR_XOR: case IR_SHL: case IR_SHRS: case IR_SHRU: case IR_ROTL:
	case IR_ROTR:
		if (i->optype == IR_I64)
			is_sel_binop64(s, i);
		else
			is_sel_binop32(s, i);
		break;
	case IR_CLZ: case IR_CTZ: case IR_POPCNT: case IR_EXT8S: case IR_EXT16S: case IR_EXT32S:
	case IR_WRAP: case IR_EXTS: case IR_EXTU:
		is_sel_unop(s, i);
		break;
	case IR_EQZ: case IR_EQ: case IR_NE: case IR_LTS: case IR_LTU: case IR_GTS: case IR_GTU:
	case IR_LES: case IR_LEU: case IR_GES: case IR_GEU:
		is_setcc(s, is_flags_of(s, i), d);
		break;
	case IR_SELECT: {
		/* select(x, y, c) = c ? x : y, on the flags of c != 0 (VFP values
		 * are selected as bits in core registers) */
		uint32_t x = is_core_of(s, s->lo[a[0]]), y = is_core_of(s, s->lo[a[1]]), t = is_bits_dst(s, d);
		ArmCond cond = ARM_NE;
		if (s->folded[a[2]] == 2) /* a compare only this select reads (fuse_compares) */
			cond = is_flags_of(s, is_def(s, a[2]));
		else
			is_cmpi(s, ARM_CMP, s->lo[a[2]], 0);
		bool ints = i->type == IR_I32 || i->type == IR_I64;
		sel_word(s, cond, t, x, y, ints, a, 0);
		if (pair((IrType)i->type))
			sel_word(s, cond, s->hi[i->val], s->hi[a[0]], s->hi[a[1]], ints, a, 32);
		is_set_bits(s, d, t);
		break;
	}
	case IR_LOAD:
		is_sel_load(s, i);
		break;
	case IR_STORE:
		is_sel_store(s, i);
		break;
	case IR_MEMBASE: /* a defined memory's base (the sr pass makes them) */
		is_sel_membase(s, i->aux >> 16, d);
		break;
	case IR_MEMSIZE: {
		uint32_t k = i->aux >> 16, t = is_vreg(s);
		is_need_mem(s, k);
		is_ldr(s, ARM_LDR, t, s->memctl[k], 4);
		is_shifti(s, ARM_LSR, d, t, s->im->mem_shift[k] ? s->im->mem_shift[k] : 0);
		if (!s->im->mem_shift[k])
			is_mov(s, d, t);
		break;
	}
	case IR_MEMGROW: {
		uint32_t k = i->aux >> 16;
		is_need_mem(s, k);
		static const IrType two[2] = {IR_I32, IR_I32};
		uint32_t alo[2] = {s->memctl[k], s->lo[a[0]]}, ahi[2] = {0, 0};
		is_helper(s, "synth_rt_memory_grow", 2, two, alo, ahi, IR_I32, d, 0);
		is_reload_sizes(s);
		break;
	}
	case IR_MEMFILL: case IR_MEMCOPY: {
		uint32_t k = i->aux >> 16, k2 = i->aux & 0xffff;
		is_need_mem(s, k);
		static const IrType t4[5] = {IR_I32, IR_I32, IR_I32, IR_I32, IR_I32};
		uint32_t ahi[5] = {0};
		if (i->op == IR_MEMFILL) {
			uint32_t alo[4] = {s->memctl[k], s->lo[a[0]], s->lo[a[1]], s->lo[a[2]]};
			is_helper(s, "synth_rt_memory_fill", 4, t4, alo, ahi, IR_NONE, 0, 0);
		} else {
			is_need_mem(s, k2);
			uint32_t alo[5] = {s->memctl[k], s->memctl[k2], s->lo[a[0]], s->lo[a[1]], s->lo[a[2]]};
			is_helper(s, "synth_rt_memory_copy", 5, t4, alo, ahi, IR_NONE, 0, 0);
		}
		break;
	}
	case IR_GLOBALGET: {
		uint32_t p = global_reg(s, (uint32_t)i->imm);
		is_ldr_aligned(s, d, p, 0);
		if (pair((IrType)i->type))
			is_ldr(s, ARM_LDR, s->hi[i->val], p, 4);
		break;
	}
	case IR_GLOBALSET: {
		uint32_t p = global_reg(s, (uint32_t)i->imm);
		str_aligned(s, s->lo[a[0]], p, 0);
		if (pair(s->ir->valtype[a[0]]))
			is_str(s, ARM_STR, s->hi[a[0]], p, 4);
		break;
	}
	case IR_CALL:
		is_sel_call(s, b, i);
		break;
	case IR_CALLIND:
		is_sel_call_indirect(s, b, i);
		break;
	case IR_CALLRES:
		break; /* selected with its call */
	case IR_FUN: case IR_FBIN: case IR_FCMP: case IR_CVT:
		is_sel_float(s, i);
		break;
	case IR_FUNCREF: {
		char name[300];
		sym_name(name, sizeof name, s->im->name, SYM_FREF, (uint32_t)i->imm);
		is_movsym(s, d, is_sym(s, false, name), 0);
		break;
	}
	case IR_TABLEGET: case IR_TABLESET: {
		uint32_t ctl = is_vreg(s), size = is_vreg(s), elems = is_vreg(s), idx = s->lo[a[0]];
		is_table_ctl(s, i->aux, ctl);
		is_ldr(s, ARM_LDR, size, ctl, 4);
		is_cmp(s, ARM_CMP, idx, size);
		is_trapcc(s, ARM_CS, TRAP_OOB_TABLE);
		is_ldr(s, ARM_LDR, elems, ctl, 0);
		MIns *l = is_ins(s, i->op == IR_TABLEGET ? MIR_LDRR : MIR_STRR);
		if (i->op == IR_TABLEGET)
			l->aux = ARM_LDR, l->r[0] = d, l->r[1] = elems, l->r[2] = idx, l->imm = 2;
		else
			l->aux = ARM_STR, l->r[0] = s->lo[a[1]], l->r[1] = elems, l->r[2] = idx, l->imm = 2;
		break;
	}
	case IR_TABLESIZE: {
		uint32_t ctl = is_vreg(s);
		is_table_ctl(s, i->aux, ctl);
		is_ldr(s, ARM_LDR, d, ctl, 4);
		break;
	}
	case IR_TABLEGROW: case IR_TABLEFILL: case IR_TABLECOPY: case IR_TABLEINIT: case IR_MEMINIT:
	case IR_ELEMDROP: case IR_DATADROP:
		is_sel_bulk(s, i);
		break;
	default:
		return sy_error(s->ctx, SYNTH_ERR_INTERNAL, 0, s->ir->funcidx,
		                "instruction selection: IR %s not supported", ir_op_name((IrOp)i->op));
	}
	return SYNTH_OK;
}

/* ---- blocks, phis and terminators ---- */

static MBlock *new_mblock(S *s)
{
	MFunc *m = s->m;
	size_t cur = s->b ? (size_t)(s->b - m->blocks) : 0;
	if (m->nblocks == s->capblocks) {
		/* doubling: one copy per block on average, not one per block made */
		uint32_t cap = s->capblocks * 2 + 16;
		MBlock *nb = sy_arena_array(m->ar, cap, sizeof *nb);
		uint32_t *an = sy_arena_array(m->ar, cap - s->nfixed, sizeof *an);
		if (!nb || !an) {
			s->oom = true;
			return NULL;
		}
		memcpy(nb, m->blocks, m->nblocks * sizeof *nb);
		if (s->anchor)
			memcpy(an, s->anchor, (m->nblocks - s->nfixed) * sizeof *an);
		m->blocks = nb;
		s->anchor = an;
		s->capblocks = cap;
		if (s->b)
			s->b = &m->blocks[cur];
	}
	/* laid out right after the block being selected (see layout()) */
	s->anchor[m->nblocks - s->nfixed] = (uint32_t)cur;
	return &m->blocks[m->nblocks++];
}

/* Block order: each block created for an edge (phi copies) goes right
 * after the block it leaves, instead of at the end of the function, so
 * that a loop's back-edge copies sit inside the loop's code (compact live
 * intervals, short branches). Renumbers the branch targets. */
static bool layout(S *s)
{
	MFunc *m = s->m;
	uint32_t n = m->nblocks, fixed = s->nfixed;
	uint32_t *order = sy_arena_array(m->ar, n, sizeof *order);
	uint32_t *newidx = sy_arena_array(m->ar, n, sizeof *newidx);
	uint32_t *to = sy_arena_array(m->ar, n, sizeof *to);
	uint32_t *stack = sy_arena_array(m->ar, n, sizeof *stack);
	uint8_t *reach = sy_arena_array(m->ar, n, sizeof *reach);
	MBlock *nb = sy_arena_array(m->ar, n, sizeof *nb);
	if (!order || !newidx || !to || !stack || !reach || !nb)
		return false;
	/* Jump threading: a branch to a block holding nothing but `b T` goes
	 * to T (chains followed, cycles left alone). */
	for (uint32_t b = 0; b < n; b++) {
		uint32_t t = b, steps = 0;
		while (steps++ < n && m->blocks[t].n == 1 && m->blocks[t].ins[0].op == MIR_B &&
		       m->blocks[t].ins[0].aux != t)
			t = m->blocks[t].ins[0].aux;
		to[b] = steps > n ? b : t;
	}
	for (uint32_t b = 0; b < n; b++)
		for (uint32_t j = 0; j < m->blocks[b].n; j++)
			if (m->blocks[b].ins[j].op == MIR_B || m->blocks[b].ins[j].op == MIR_BCC)
				m->blocks[b].ins[j].aux = to[m->blocks[b].ins[j].aux];
	for (uint32_t q = 0; q < m->njt; q++)
		m->jt[q] = to[m->jt[q]];
	/* Blocks no branch reaches from the entry any more are dropped. */
	uint32_t sp = 0;
	reach[0] = 1, stack[sp++] = 0;
	while (sp) {
		const MBlock *bl = &m->blocks[stack[--sp]];
		for (uint32_t j = 0; j < bl->n; j++) {
			const MIns *in = &bl->ins[j];
			uint32_t cnt = in->op == MIR_JTAB ? in->aux : in->op == MIR_B || in->op == MIR_BCC ? 1 : 0;
			for (uint32_t q = 0; q < cnt; q++) {
				uint32_t t = in->op == MIR_JTAB ? m->jt[in->imm + q] : in->aux;
				if (!reach[t])
					reach[t] = 1, stack[sp++] = t;
			}
		}
	}
	/* the edge blocks made from each block, in the order made (CSR) */
	uint32_t *cstart = sy_arena_array(m->ar, (size_t)n + 1, sizeof *cstart);
	uint32_t *child = sy_arena_array(m->ar, n - fixed + 1, sizeof *child);
	if (!cstart || !child)
		return false;
	for (uint32_t e = fixed; e < n; e++)
		cstart[s->anchor[e - fixed] + 1]++;
	for (uint32_t b = 0; b < n; b++)
		cstart[b + 1] += cstart[b];
	for (uint32_t e = fixed; e < n; e++)
		child[cstart[s->anchor[e - fixed]]++] = e;
	for (uint32_t b = n; b > 0; b--) /* back to starts */
		cstart[b] = cstart[b - 1];
	cstart[0] = 0;
	uint32_t k = 0;
	/* edge blocks anchored to an edge block follow it (breadth-first from
	 * each block before selection) */
	for (uint32_t b = 0; b < fixed; b++) {
		uint32_t start = k;
		order[k++] = b;
		for (uint32_t q = start; q < k; q++)
			for (uint32_t c = cstart[order[q]]; c < cstart[order[q] + 1]; c++)
				order[k++] = child[c];
	}
	uint32_t kept = 0;
	for (uint32_t q = 0; q < n; q++)
		if (reach[order[q]]) {
			newidx[order[q]] = kept;
			nb[kept++] = m->blocks[order[q]];
		}
	for (uint32_t q = 0; q < kept; q++)
		for (uint32_t j = 0; j < nb[q].n; j++)
			if (nb[q].ins[j].op == MIR_B || nb[q].ins[j].op == MIR_BCC)
				nb[q].ins[j].aux = newidx[nb[q].ins[j].aux];
	for (uint32_t q = 0; q < m->njt; q++)
		m->jt[q] = newidx[m->jt[q]];
	m->blocks = nb;
	m->nblocks = kept;
	return true;
}

/* An f64 phi kept in a D register (fpu64): its home, made before
 * selection, is written on the incoming edges; its pair is read from it
 * at the block's start. */
static bool dphi(S *s, const IrIns *phi)
{
	return s->im->fpu64 && phi->type == IR_F64 && is_get_dhome(s, s->lo[phi->val]);
}

/* Parallel copies into the phis of succ for the edge from pred. */
static void phi_copies(S *s, IrBlock *pred, IrBlock *succ)
{
	uint32_t idx = 0;
	while (idx < succ->npreds && succ->preds[idx] != pred)
		idx++;
	uint32_t n = 0;
	for (uint32_t k = 0; k < succ->nins && succ->ins[k].op == IR_PHI; k++)
		n++;
	if (!n)
		return;
	/* When no phi of succ reads another phi of succ on this edge, the copies
	 * cannot interfere and go straight to the destinations. */
	bool direct = true;
	for (uint32_t k = 0; k < n && direct; k++) {
		IrVal src = ir_args(&succ->ins[k])[idx];
		for (uint32_t j = 0; j < n; j++)
			if (succ->ins[j].val == src)
				direct = false;
	}
	if (direct) {
		for (uint32_t k = 0; k < n; k++) {
			IrIns *phi = &succ->ins[k];
			IrVal src = ir_args(phi)[idx];
			if (dphi(s, phi)) {
				is_dmov(s, is_get_dhome(s, s->lo[phi->val]), is_dreg_of(s, s->lo[src], s->hi[src]));
				continue;
			}
			is_mov(s, s->lo[phi->val], s->lo[src]);
			if (pair((IrType)phi->type))
				is_mov(s, s->hi[phi->val], s->hi[src]);
		}
		return;
	}
	uint32_t tmp[2 * 64], *t = tmp;
	if (n > 64) {
		t = sy_arena_array(s->m->ar, 2 * (size_t)n, sizeof *t);
		if (!t) {
			s->oom = true;
			return;
		}
	}
	for (uint32_t k = 0; k < n; k++) {
		IrIns *phi = &succ->ins[k];
		IrVal src = ir_args(phi)[idx];
		if (dphi(s, phi)) {
			t[2 * k] = is_dvreg(s);
			is_dmov(s, t[2 * k], is_dreg_of(s, s->lo[src], s->hi[src]));
			continue;
		}
		t[2 * k] = is_vreg(s);
		is_mov(s, t[2 * k], s->lo[src]);
		if (pair((IrType)phi->type)) {
			t[2 * k + 1] = is_vreg(s);
			is_mov(s, t[2 * k + 1], s->hi[src]);
		}
	}
	for (uint32_t k = 0; k < n; k++) {
		IrIns *phi = &succ->ins[k];
		if (dphi(s, phi)) {
			is_dmov(s, is_get_dhome(s, s->lo[phi->val]), t[2 * k]);
			continue;
		}
		is_mov(s, s->lo[phi->val], t[2 * k]);
		if (pair((IrType)phi->type))
			is_mov(s, s->hi[phi->val], t[2 * k + 1]);
	}
}

static bool has_phis(IrBlock *b) { return b->nins && b->ins[0].op == IR_PHI; }

/* The MBlock an edge from pred (with several successors) to succ enters:
 * succ itself, or a new block holding the phi copies. */
/* The phi index of pred among succ's predecessors. */
static uint32_t pred_index(IrBlock *pred, IrBlock *succ)
{
	uint32_t idx = 0;
	while (idx < succ->npreds && succ->preds[idx] != pred)
		idx++;
	return idx;
}

/* Selects, in the edge block being filled, the operations of pred that
 * sink_to_edges moved onto its edge into succ (before the phi copies,
 * while succ's phis still hold the values they read). */
static void sel_sunk(S *s, IrBlock *pred, IrBlock *succ)
{
	uint32_t idx = pred_index(pred, succ);
	for (uint32_t k = 0; k < succ->nins && succ->ins[k].op == IR_PHI; k++) {
		IrVal v = ir_args(&succ->ins[k])[idx];
		if (v < s->ir->nvals && s->folded[v] == 6 && s->ir->def[v].block == pred) {
			IrIns *d = is_def(s, v);
			if (d && sel_ins(s, pred, d) != SYNTH_OK)
				s->oom = true;
		}
	}
}

static uint32_t edge_target(S *s, IrBlock *pred, IrBlock *succ)
{
	if (!has_phis(succ))
		return s->mblock[succ->id];
	MBlock *save = s->b;
	size_t cur = (size_t)(save - s->m->blocks);
	MBlock *e = new_mblock(s);
	if (!e)
		return 0;
	uint32_t ei = (uint32_t)(e - s->m->blocks);
	s->b = e;
	e->loop_depth = succ->loop_depth;
	sel_sunk(s, pred, succ);
	phi_copies(s, pred, succ);
	MIns *j = is_ins(s, MIR_B);
	j->aux = s->mblock[succ->id];
	s->b = &s->m->blocks[cur];
	return ei;
}

static void jump(S *s, uint32_t target)
{
	MIns *j = is_ins(s, MIR_B);
	j->aux = target;
}

/* For a branch on c = `x >u 2^k - 1` or `x <=u 2^k - 1` (i64, 1 <= k <=
 * 63) in block b, which also computes y = x >> k (shr_u): y, whose zero
 * test (orrs of its words) gives the same answer in one instruction
 * instead of cmp and sbcs, and leaves x dead at the shift, so that the
 * shift can write x's registers (clang tests `while (bit)` after `bit >>=
 * 2` as `bit > 3`: fixmath's integer square root). 0 when none. */
static uint32_t shifted_test(S *s, IrBlock *b, IrIns *c)
{
	uint64_t m, k;
	if ((c->op != IR_GTU && c->op != IR_LEU) || c->optype != IR_I64 || !is_const(s, ir_args(c)[1], &m) ||
	    !m || (m & (m + 1)) || m >> 63)
		return 0;
	IrVal x = ir_args(c)[0];
	unsigned n = (unsigned)__builtin_popcountll(m);
	for (uint32_t j = 0; j < b->nins; j++) {
		IrIns *y = &b->ins[j];
		if (!y->dead && y->op == IR_SHRU && y->optype == IR_I64 && ir_args(y)[0] == x &&
		    is_const(s, ir_args(y)[1], &k) && (k & 63) == n && y->val && s->lo[y->val] && !s->folded[y->val])
			return y->val;
	}
	return 0;
}

/* An integer operation (add, sub, and, or, xor, shifts) of a block ending
 * in a conditional branch whose only user is a phi of one successor, on
 * the edge from this block, is made on that edge (in the edge block of
 * phi copies) instead of before the branch: the values it reads, the
 * phis of a loop among them, are then dead there, so it can write their
 * registers and the phi needs no copy (fixmath's integer square root,
 * `while (bit > v) bit >>= 2`: `bit >> 2` was made before the test, into
 * other registers than bit's, which the exit still reads, then copied
 * back on the loop edge: 9 instructions an iteration, now 7). Only when
 * it reads a phi of that successor that is also read after the loop (in
 * a block nested in fewer loops: live at the exit, the case where the
 * copy stays); else the
 * copy coalesces anyway and the edge block would cost a branch (a loop
 * counter's `adds; cmp; bne` became `adds; cmp; beq; adds; b`). Not a
 * shift the branch's own test reads (shifted_test), not one reading
 * another sunk value (selected one level only). */
static void sink_to_edges(S *s)
{
	IrFunc *f = s->ir;
	/* per value: read in a block of a shallower loop nesting than its own
	 * (after the loop it is made in: live at the loop's exit) */
	uint8_t *outside = sy_arena_array(s->m->ar, f->nvals ? f->nvals : 1, 1);
	if (!outside) {
		s->oom = true;
		return;
	}
	memset(outside, 0, f->nvals);
	for (uint32_t bi = 0; bi < f->nblocks; bi++) {
		IrBlock *ub = f->blocks[bi];
		for (uint32_t k = 0; k < ub->nins; k++)
			for (uint32_t j = 0; j < ub->ins[k].nargs && !ub->ins[k].dead; j++) {
				IrVal a = ir_args(&ub->ins[k])[j];
				if (a < f->nvals && f->def[a].block && ub->loop_depth < f->def[a].block->loop_depth)
					outside[a] = 1;
			}
	}
	for (uint32_t bi = 0; bi < f->nblocks; bi++) {
		IrBlock *b = f->blocks[bi];
		if (!b->nins || b->ins[b->nins - 1].op != IR_BRIF || b->nsuccs != 2 || b->succs[0] == b->succs[1])
			continue;
		IrIns *t = &b->ins[b->nins - 1];
		IrIns *c = is_def(s, ir_args(t)[0]);
		uint32_t keep = c && c->val == ir_args(t)[0] && s->folded[c->val] != 5 ? shifted_test(s, b, c) : 0;
		for (unsigned q = 0; q < 2; q++) {
			IrBlock *succ = b->succs[q];
			uint32_t idx = pred_index(b, succ);
			for (uint32_t k = 0; k < succ->nins && succ->ins[k].op == IR_PHI; k++) {
				IrVal v = ir_args(&succ->ins[k])[idx];
				if (v >= f->nvals || f->def[v].block != b || v == keep || s->folded[v] || s->uses[v] != 1)
					continue;
				IrIns *d = is_def(s, v);
				if (!d || d->dead || d->val != v || (d->type != IR_I32 && d->type != IR_I64) ||
				    d->optype != d->type)
					continue;
				switch (d->op) {
				case IR_ADD: case IR_SUB: case IR_AND: case IR_OR: case IR_XOR:
				case IR_SHL: case IR_SHRS: case IR_SHRU:
					break;
				default:
					continue;
				}
				bool chain = false, live = false;
				for (uint32_t j = 0; j < d->nargs; j++) {
					IrVal a = ir_args(d)[j];
					chain |= a < f->nvals && s->folded[a] == 6;
					IrIns *ad = a < f->nvals && f->def[a].block == succ ? is_def(s, a) : NULL;
					live |= ad && ad->op == IR_PHI && outside[a];
				}
				if (!chain && live)
					s->folded[v] = 6;
			}
		}
	}
}

static void sel_term(S *s, IrBlock *b, IrIns *t)
{
	IrVal *a = ir_args(t);
	switch (t->op) {
	case IR_BR:
		phi_copies(s, b, b->succs[0]);
		jump(s, s->mblock[b->succs[0]->id]);
		return;
	case IR_BRIF: {
		uint32_t then_t = edge_target(s, b, b->succs[0]);
		uint32_t else_t = edge_target(s, b, b->succs[1]);
		IrIns *c = is_def(s, a[0]);
		ArmCond cond;
		if (s->folded[a[0]] == 5) {
			/* c1 && c2, c1 || c2 (fuse_compares): a branch per compare,
			 * the second in a block of its own laid out next; under an
			 * eqz, the targets swapped */
			if (c->op == IR_EQZ) {
				uint32_t sw = then_t;
				then_t = else_t, else_t = sw;
				c = is_def(s, ir_args(c)[0]);
			}
			IrIns *c1 = is_def(s, ir_args(c)[0]), *c2 = is_def(s, ir_args(c)[1]);
			bool and = c->op == IR_AND;
			ArmCond c1c = is_flags_of(s, c1);
			MBlock *nb = new_mblock(s);
			if (!nb)
				return;
			uint32_t ni = (uint32_t)(nb - s->m->blocks);
			size_t cur = (size_t)(s->b - s->m->blocks);
			nb->loop_depth = s->m->blocks[cur].loop_depth;
			MIns *j = is_ins(s, MIR_BCC);
			j->cond = (uint8_t)(and ? c1c ^ 1 : c1c), j->aux = and ? else_t : then_t;
			jump(s, ni);
			s->b = &s->m->blocks[ni];
			cond = is_flags_of(s, c2);
			j = is_ins(s, MIR_BCC);
			j->cond = (uint8_t)cond, j->aux = then_t;
			jump(s, else_t);
			s->b = &s->m->blocks[cur];
			return;
		}
		/* A compare used only here sets the flags for the branch itself. */
		uint32_t sh;
		if (c && c->val == a[0] && (sh = shifted_test(s, b, c)) != 0) {
			/* x >u 2^k - 1 is (x >> k) != 0, x >> k made in this block */
			uint32_t z = is_vreg(s);
			is_dps(s, ARM_ORR, z, s->lo[sh], s->hi[sh]);
			cond = c->op == IR_GTU ? ARM_NE : ARM_EQ;
		} else if (c && is_compare((IrOp)c->op) && c->val == a[0])
			cond = is_flags_of(s, c);
		else {
			is_cmpi(s, ARM_CMP, s->lo[a[0]], 0);
			cond = ARM_NE;
		}
		MIns *j = is_ins(s, MIR_BCC);
		j->cond = (uint8_t)cond, j->aux = then_t;
		jump(s, else_t);
		return;
	}
	case IR_BRTABLE: {
		uint32_t n = b->nsuccs - 1;
		uint32_t *tg = sy_arena_array(s->m->ar, b->nsuccs, sizeof *tg);
		if (!tg) {
			s->oom = true;
			return;
		}
		/* one edge block per distinct target (marks, not a quadratic search) */
		uint32_t stamp = ++s->stamp;
		for (uint32_t k = 0; k <= n; k++) {
			IrBlock *tb = b->succs[k];
			if (tb->mark != stamp) {
				tb->mark = stamp;
				tb->mark_val = edge_target(s, b, tb);
			}
			tg[k] = tb->mark_val;
		}
		uint32_t idx = s->lo[a[0]];
		if (n >= 4 && n <= 4096) {
			/* a jump table: TBH through a table of the targets (emit.c) */
			MFunc *m = s->m;
			if (m->njt + n > m->capjt) {
				uint32_t cap = m->capjt ? m->capjt : 64;
				while (cap < m->njt + n)
					cap *= 2;
				uint32_t *jt = sy_arena_array(m->ar, cap, sizeof *jt);
				if (!jt) {
					s->oom = true;
					return;
				}
				if (m->njt)
					memcpy(jt, m->jt, m->njt * sizeof *jt);
				m->jt = jt, m->capjt = cap;
			}
			memcpy(m->jt + m->njt, tg, n * sizeof *tg);
			is_cmpi(s, ARM_CMP, idx, n);
			MIns *j = is_ins(s, MIR_BCC);
			j->cond = ARM_CS, j->aux = tg[n];
			j = is_ins(s, MIR_JTAB);
			j->r[0] = idx, j->aux = n, j->imm = m->njt;
			m->njt += n;
			return;
		}
		for (uint32_t k = 0; k < n; k++) {
			if (tg[k] == tg[n])
				continue;
			is_cmpi(s, ARM_CMP, idx, k);
			MIns *j = is_ins(s, MIR_BCC);
			j->cond = ARM_EQ, j->aux = tg[k];
		}
		jump(s, tg[n]);
		return;
	}
	case IR_RET: {
		if (t->nargs > 1) {
			IrType rt[64];
			uint32_t off[64];
			uint32_t n = t->nargs < 64 ? t->nargs : 64;
			for (uint32_t k = 0; k < n; k++)
				rt[k] = s->ir->valtype[a[k]];
			is_res_layout(rt, n, off);
			for (uint32_t k = 0; k < n; k++) {
				str_aligned(s, s->lo[a[k]], s->retptr, (int32_t)off[k]);
				if (pair(rt[k]))
					is_str(s, ARM_STR, s->hi[a[k]], s->retptr, (int32_t)off[k] + 4);
			}
			MIns *r = is_ins(s, MIR_RET);
			r->imm = 0;
			return;
		}
		uint32_t w = 0;
		uint16_t smask = 0;
		for (uint32_t k = 0; k < t->nargs; k++) {
			IrType rt = s->ir->valtype[a[k]];
			if (is_in_vfp(s, rt)) {
				smask = pair(rt) ? 3 : 1;
				if (s->im->fpu64 && rt == IR_F64) {
					is_dmov(s, MIR_S0, is_dreg_of(s, s->lo[a[k]], s->hi[a[k]]));
					continue;
				}
				is_vmov_to_s(s, 0, s->lo[a[k]]);
				if (pair(rt))
					is_vmov_to_s(s, 1, s->hi[a[k]]);
				continue;
			}
			is_mov(s, w++, s->lo[a[k]]);
			if (pair(rt))
				is_mov(s, w++, s->hi[a[k]]);
		}
		MIns *r = is_ins(s, MIR_RET);
		r->imm = w;
		r->smask = smask;
		return;
	}
	case IR_UNREACH: {
		MIns *r = is_ins(s, MIR_TRAP);
		r->imm = t->imm ? (int64_t)t->imm : TRAP_UNREACHABLE;
		return;
	}
	}
}

/* Reverse post-order of the reachable blocks. */
static uint32_t rpo(S *s, uint32_t *order)
{
	IrFunc *f = s->ir;
	uint8_t *state = sy_arena_alloc(s->m->ar, f->nblocks);
	uint32_t *stack = sy_arena_array(s->m->ar, (size_t)f->nblocks + 1, sizeof *stack);
	uint32_t *next = sy_arena_array(s->m->ar, f->nblocks, sizeof *next);
	if (!state || !stack || !next) {
		s->oom = true;
		return 0;
	}
	uint32_t n = f->nblocks, sp = 0, out = n;
	stack[sp++] = 0;
	state[0] = 1;
	while (sp) {
		IrBlock *b = f->blocks[stack[sp - 1]];
		if (next[b->id] < b->nsuccs) {
			IrBlock *c = b->succs[next[b->id]++];
			if (!state[c->id]) {
				state[c->id] = 1;
				stack[sp++] = c->id;
			}
			continue;
		}
		order[--out] = b->id;
		sp--;
	}
	memmove(order, order + out, (n - out) * sizeof *order);
	return n - out;
}

SynthStatus arm_isel(SynthContext *ctx, const IselModule *im, IrFunc *ir, SyArena *ar, MFunc **out)
{
	MFunc *m = sy_arena_alloc(ar, sizeof *m);
	S s = {.ctx = ctx, .im = im, .ir = ir, .m = m};
	if (!m)
		return sy_nomem(ctx);
	m->ar = ar;
	m->nvregs = MIR_VREG0;
	s.lo = sy_arena_array(ar, ir->nvals, sizeof *s.lo);
	s.hi = sy_arena_array(ar, ir->nvals, sizeof *s.hi);
	s.mblock = sy_arena_array(ar, ir->nblocks, sizeof *s.mblock);
	s.memctl = sy_arena_array(ar, im->mod->nmems + 1, sizeof *s.memctl);
	s.membase = sy_arena_array(ar, im->mod->nmems + 1, sizeof *s.membase);
	s.membytes = sy_arena_array(ar, im->mod->nmems + 1, sizeof *s.membytes);
	s.memlimit = sy_arena_array(ar, im->mod->nmems + 1, sizeof *s.memlimit);
	uint32_t *order = sy_arena_array(ar, ir->nblocks, sizeof *order);
	if (!s.lo || !s.hi || !s.mblock || !s.memctl || !s.membase || !s.membytes || !s.memlimit || !order)
		return sy_nomem(ctx);
	for (IrVal v = 1; v < ir->nvals; v++) {
		s.lo[v] = mir_vreg_class(m, im->fpu32 && ir->valtype[v] == IR_F32 ? MIR_VFP : MIR_CORE);
		if (pair(ir->valtype[v]))
			s.hi[v] = mir_vreg(m);
	}
	s.nvalof = m->nvregs;
	s.valof = sy_arena_array(ar, s.nvalof, sizeof *s.valof);
	s.xstamp = sy_arena_array(ar, ir->nvals, sizeof *s.xstamp);
	s.xgain = sy_arena_array(ar, ir->nvals, sizeof *s.xgain);
	if (!s.valof || !s.xstamp || !s.xgain)
		return sy_nomem(ctx);
	for (IrVal v = 1; v < ir->nvals; v++)
		s.valof[s.lo[v]] = v;
	s.retptr = mir_vreg(m);
	/* Memories the function touches get their registers before selection,
	 * so every call reloads every cached size. */
	for (uint32_t bi = 0; bi < ir->nblocks; bi++)
		for (uint32_t j = 0; j < ir->blocks[bi]->nins; j++) {
			IrIns *x = &ir->blocks[bi]->ins[j];
			if (x->op == IR_LOAD || x->op == IR_STORE || x->op == IR_MEMSIZE || x->op == IR_MEMGROW ||
			    x->op == IR_MEMFILL || x->op == IR_MEMINIT)
				is_need_mem(&s, x->aux >> 16);
			/* accesses at offset 0 compare with a cached size - access size */
			uint32_t k = x->aux >> 16, sz = x->aux & 0xff;
			const SynthMemory *mem = k < im->mod->nmems ? &im->mod->mems[k] : NULL;
			if ((x->op == IR_LOAD || x->op == IR_STORE) && !x->imm && x->chk == IR_CHK_FULL && s.membytes[k] && sz <= 8 &&
			    !(sz & (sz - 1)) && sz <= (mem->limits.min << mem->page_size_log2) &&
			    !s.memlimit[k][__builtin_ctz(sz)])
				s.memlimit[k][__builtin_ctz(sz)] = is_vreg(&s);
			else if (x->op == IR_MEMCOPY) {
				is_need_mem(&s, x->aux >> 16);
				is_need_mem(&s, x->aux & 0xffff);
			}
		}
	uint32_t nb = rpo(&s, order);
	if (s.oom || !find_repeated(&s) || !global_cache(&s))
		return sy_nomem(ctx);
	for (uint32_t k = 0; k < ir->nblocks; k++)
		s.mblock[k] = UINT32_MAX;
	/* Block 0 of the MIR is a prologue block for parameters and hoisted
	 * memory bases; IR blocks follow in reverse post-order. */
	m->blocks = sy_arena_array(ar, (size_t)nb + 1, sizeof *m->blocks);
	if (!m->blocks)
		return sy_nomem(ctx);
	m->nblocks = nb + 1;
	s.nfixed = s.capblocks = nb + 1;
	for (uint32_t k = 0; k < nb; k++) {
		s.mblock[order[k]] = k + 1;
		m->blocks[k + 1].loop_depth = ir->blocks[order[k]]->loop_depth;
	}
	for (uint32_t bb = 0; bb < ir->nblocks; bb++)
		ir->blocks[bb]->mark = 0;
	/* Uses of each value, to fuse single-use compares into branches. */
	uint32_t *uses = sy_arena_array(ar, ir->nvals, sizeof *uses);
	if (!uses)
		return sy_nomem(ctx);
	for (uint32_t bb = 0; bb < ir->nblocks; bb++)
		for (uint32_t jj = 0; jj < ir->blocks[bb]->nins; jj++) {
			IrIns *u = &ir->blocks[bb]->ins[jj];
			IrVal *ua = ir_args(u);
			for (uint32_t q = 0; q < u->nargs && !u->dead; q++)
				uses[ua[q]]++;
		}
	s.uses = uses;
	s.folded = sy_arena_array(ar, ir->nvals, sizeof *s.folded);
	if (!s.folded)
		return sy_nomem(ctx);
	is_fold_shifts(&s, uses);
	is_fold_muls(&s, uses);
	is_fold_nots(&s, uses);
	if (!is_fuse_compares(&s, uses) || !is_mark_addr_only(&s))
		return sy_nomem(ctx);
	sink_to_edges(&s);
	/* f64 parameters and phis get their D register homes first (defined in
	 * the prologue, and on the edges into the phi's block) */
	for (uint32_t bb = 0; im->fpu64 && bb < ir->nblocks; bb++)
		for (uint32_t j = 0; j < ir->blocks[bb]->nins; j++) {
			IrIns *i = &ir->blocks[bb]->ins[j];
			if ((i->op == IR_PARAM || i->op == IR_PHI) && !i->dead && i->type == IR_F64)
				is_set_dhome(&s, s.lo[i->val], is_dvreg(&s));
		}
	for (uint32_t k = 0; k < nb; k++) {
		IrBlock *b = ir->blocks[order[k]];
		s.b = &m->blocks[k + 1];
		is_count_addr_bases(&s, b);
		/* f64 phis: a D register copy at the block's start (their pairs are
		 * written at the ends of the predecessors) */
		for (uint32_t j = 0; im->fpu64 && j < b->nins; j++)
			if (b->ins[j].op == IR_PHI && !b->ins[j].dead && b->ins[j].type == IR_F64) {
				MIns *mv = is_ins(&s, MIR_DFROMV);
				mv->r[0] = s.lo[b->ins[j].val], mv->r[1] = s.hi[b->ins[j].val];
				mv->r[2] = is_get_dhome(&s, s.lo[b->ins[j].val]);
			}
		for (uint32_t j = 0; j < b->nins; j++) {
			IrIns *i = &b->ins[j];
			if (i->dead)
				continue;
			if (j + 1 == b->nins && (i->op == IR_BR || i->op == IR_BRIF || i->op == IR_BRTABLE ||
			                         i->op == IR_RET || i->op == IR_UNREACH)) {
				sel_term(&s, b, i);
				break;
			}
			if (i->val && s.folded[i->val])
				continue; /* selected as its user's shifted operand */
			/* Compares feeding only the block's branch are selected there. */
			if (is_compare((IrOp)i->op) && j + 2 == b->nins && b->ins[j + 1].op == IR_BRIF &&
			    ir_args(&b->ins[j + 1])[0] == i->val && uses[i->val] == 1)
				continue;
			SynthStatus st = sel_ins(&s, b, i);
			if (st != SYNTH_OK)
				return st;
			/* every f64 value gets a D register home where it is defined
			 * (dead code elimination drops the unused ones) */
			if (im->fpu64 && i->val && i->type == IR_F64 && i->op != IR_PARAM && i->op != IR_PHI)
				is_home_pair(&s, s.lo[i->val], s.hi[i->val]);
		}
		if (s.oom)
			return sy_nomem(ctx);
	}
	/* Prologue: parameters from r0-r3 and the caller's stack, memory bases. */
	s.b = &m->blocks[0];
	const SynthFuncType *ft = ir->type;
	uint32_t hidden = ft->nresults > 1;
	IrType *pt = sy_arena_array(ar, ft->nparams + 1, sizeof *pt);
	uint32_t *pos = sy_arena_array(ar, ft->nparams + 1, sizeof *pos);
	if (!pt || !pos)
		return sy_nomem(ctx);
	pt[0] = IR_I32;
	for (uint32_t k = 0; k < ft->nparams; k++)
		pt[k + hidden] = ir_type_of(ft->params[k]);
	is_aapcs(pt, ft->nparams + hidden, im->hard_float, pos);
	if (hidden)
		is_mov(&s, s.retptr, 0);
	IrBlock *entry = ir->blocks[0];
	for (uint32_t j = 0; j < entry->nins; j++) {
		IrIns *i = &entry->ins[j];
		if (i->op != IR_PARAM || i->dead)
			continue;
		uint32_t p = (uint32_t)i->imm + hidden;
		/* an f64 parameter's D register home (fpu64) was made before selection */
		uint32_t home = im->fpu64 && i->type == IR_F64 ? is_get_dhome(&s, s.lo[i->val]) : 0;
		if (home && pos[p] >= ARG_VFP) {
			is_dmov(&s, home, MIR_S0 + pos[p] - ARG_VFP);
			MIns *mv = is_ins(&s, MIR_DFROMV);
			mv->r[0] = s.lo[i->val], mv->r[1] = s.hi[i->val], mv->r[2] = home;
			continue;
		}
		for (uint32_t h = 0; h < (pair((IrType)i->type) ? 2u : 1u); h++) {
			uint32_t d = h ? s.hi[i->val] : s.lo[i->val];
			if (pos[p] >= ARG_VFP) {
				is_vmov_from_s(&s, d, pos[p] - ARG_VFP + h);
			} else if (pos[p] >= ARG_STACK) {
				uint32_t t = is_bits_dst(&s, d);
				MIns *l = is_ins(&s, MIR_LDARG);
				l->r[0] = t, l->imm = pos[p] - ARG_STACK + h;
				is_set_bits(&s, d, t);
			} else {
				is_mov(&s, d, pos[p] + h);
			}
		}
		if (home) {
			MIns *mv = is_ins(&s, MIR_DTOV);
			mv->r[0] = home, mv->r[1] = s.lo[i->val], mv->r[2] = s.hi[i->val];
		}
	}
	for (uint32_t k = 0; k < im->mod->nmems; k++) {
		if (!s.memctl[k])
			continue;
		char name[SY_SYM_MAX];
		const SynthModuleDesc *md = im->mod;
		if (md->mems[k].imported) {
			for (uint32_t q = 0; q < md->nimports; q++)
				if (md->imports[q].kind == SYNTH_EXTERN_MEMORY && md->imports[q].index == k)
					sym_import(name, sizeof name, im->name, &md->imports[q]);
		} else {
			sym_name(name, sizeof name, im->name, SYM_MEMCTL, k);
		}
		is_movsym(&s, s.memctl[k], is_sym(&s, false, name), 0);
		if (md->mems[k].imported) {
			is_ldr(&s, ARM_LDR, s.membase[k], s.memctl[k], 0);
		} else {
			/* A defined memory never moves: its control block's base is
			 * M__mem<k> (core/ABI.md), a link-time constant, so no load;
			 * the control block's address goes unused (and away) unless
			 * the size is cached or memory.size/grow/fill/copy/init use it. */
			sym_name(name, sizeof name, im->name, SYM_MEM, k);
			is_movsym(&s, s.membase[k], is_sym(&s, false, name), 0);
		}
		if (s.membytes[k])
			is_ldr(&s, ARM_LDR, s.membytes[k], s.memctl[k], 4);
		for (unsigned w = 0; w < 4 && s.membytes[k]; w++)
			if (s.memlimit[k][w])
				is_dpi(&s, ARM_SUB, s.memlimit[k][w], s.membytes[k], 1u << w);
	}
	jump(&s, 1);
	if (s.oom || !layout(&s) || !is_drop_dead_sizes(&s))
		return sy_nomem(ctx);
	*out = m;
	return SYNTH_OK;
}
