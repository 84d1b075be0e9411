/* isel_internal.h - private to the instruction selector (core/src/arm/isel*.c):
 * the selection context S and the helpers its files share (prefix is_). See
 * isel.c for the overview. */
#ifndef SYNTH_ARM_ISEL_INTERNAL_H
#define SYNTH_ARM_ISEL_INTERNAL_H

#include <stdio.h>
#include <string.h>

#include "ir/ir.h"
#include "mir.h"
#include "encode.h"
#include "obj/symbols.h"

#define TRY(x) do { SynthStatus st_ = (x); if (st_ != SYNTH_OK) return st_; } while (0)

/* Trap codes of core/runtime/include/synth_rt.h. */
enum { TRAP_UNREACHABLE = 1, TRAP_INT_OVERFLOW = 2, TRAP_INT_DIV_ZERO = 3,
       TRAP_INVALID_CONVERSION = 4, TRAP_OOB_MEMORY = 5 };

typedef struct Hoisted {
	uint64_t bits;
	uint8_t type;
	uint32_t lo, hi;
} Hoisted;

typedef struct S {
	SynthContext *ctx;
	const IselModule *im;
	IrFunc *ir;
	MFunc *m;
	MBlock *b;           /* block being filled */
	uint32_t *lo, *hi;   /* vregs of each IR value */
	uint32_t *mblock;    /* IR block id -> MBlock index (UINT32_MAX: unreachable) */
	uint32_t *memctl;    /* per memory: vreg holding &M__memctl<k> (0: unused) */
	uint32_t *membase;   /* per memory: vreg holding its base */
	uint32_t *membytes;  /* per memory: vreg caching its current size (trap mode) */
	uint32_t (*memlimit)[4]; /* per memory: vregs caching size - 1, 2, 4, 8 (trap mode),
	                      * for the access sizes the function uses at offset 0 */
	uint32_t retptr;     /* vreg of the hidden result-area pointer (multi-value) */
	bool int_abi;        /* the call being emitted passes floats as bits in core registers */
	bool keep_sizes;     /* the call being emitted cannot grow a memory (no size reload) */
	uint32_t stamp;      /* br_table deduplication marks on IR blocks */
	uint32_t *dhome;     /* fpu64: per core vreg (low word of an f64 pair), the D
	                      * register holding the same value, defined where the
	                      * pair is (so valid wherever the pair is), or 0 */
	uint32_t ndhome;
	uint32_t *anchor;     /* per block made during selection (index - nfixed): the
	                      * block it was made from */
	uint32_t nfixed;      /* blocks before selection (prologue + IR blocks) */
	uint32_t capblocks;   /* room in m->blocks (and capblocks - nfixed in anchor) */
	struct { uint32_t k, a; uint64_t end; } chk[16]; /* bounds checks done in block chkblk */
	uint32_t nchk, chkblk;
	IrVal *valof;         /* vreg -> the IR value it holds (vregs made before selection), or 0 */
	uint32_t nvalof;      /* vregs valof covers */
	uint32_t *xstamp;     /* per IR value: block (MBlock index) its xgain is for */
	uint16_t *xgain;      /* per IR value x: instructions that block saves by a base + x register */
	const uint32_t *uses; /* per IR value: its uses in the IR */
	uint8_t *addr_only;   /* per IR value: every use is an access's index reg_form can take (is_mark_addr_only) */
	struct { uint32_t k, x, add, p; } abase[16]; /* base + x + add registers made in block abaseblk */
	uint32_t nabase, abaseblk;
	struct { uint32_t k, disp, r; } symbase[4]; /* M__mem<k> + disp registers made in the prologue */
	uint32_t nsymbase;
	uint8_t *folded;      /* per IR value: 1, a shift by a constant selected as the
	                      * shifted operand of its only user (fold_shifts); 2, a
	                      * compare whose only user (a select or the block's
	                      * branch) sets the flags itself (fuse_compares); 3, a
	                      * multiply in its user's mla (fold_muls); 4, a NOT in its
	                      * user's bic/orn (fold_nots); 6, an operation whose only
	                      * user is a phi on a conditional branch's edge, selected
	                      * in that edge's block (isel.c sink_to_edges) */
	IrVal flags_val;      /* the compare whose flags were set last (is_flags_of), 0: none */
	uint32_t flags_blk, flags_n; /* ... in block flags_blk, before its instruction flags_n */
	uint8_t flags_cond;   /* ... and the condition they give */
	IrLowBits *lowbits;   /* known low bits of the IR's i32 values (ir_low_bits), made
	                      * at the first f32/f64 access that could use vldr/vstr */
	Hoisted hoisted[64];  /* constants materialized in the prologue */
	uint32_t nhoisted;
	uint32_t *repeated;   /* two-instruction i32 constants the IR defines more than once, sorted */
	uint32_t nrepeated;
	uint32_t *gaddr;      /* per global: a register holding its address in MIR block gblk[g] - 1 */
	uint32_t *gblk;
	bool oom;
	MIns sink;            /* what is_ins() returns once memory ran out */
} S;

/* Whether values of type t take two core registers (low, high word). */
static inline bool pair(IrType t) { return t == IR_I64 || t == IR_F64; }

/* Trap codes of core/runtime/include/synth_rt.h (tables and call_indirect). */
enum { TRAP_OOB_TABLE = 6, TRAP_UNDEFINED_ELEMENT = 7, TRAP_UNINITIALIZED = 8, TRAP_SIG_MISMATCH = 9 };

/* Where an argument goes under AAPCS: ARG_CORE + word (r0-r3), ARG_STACK +
 * word of the stack area, or ARG_VFP + S register (hard-float ABI only).
 * A pair (i64, f64) occupies two consecutive places. */
enum { ARG_CORE = 0, ARG_STACK = 1u << 16, ARG_VFP = 1u << 30 };

/* isel.c: emission helpers, IR queries, sel_ins and block layout */
MIns *is_ins(S *s, MirOp op);
uint32_t is_vreg(S *s);
void is_mov(S *s, uint32_t d, uint32_t r);
bool is_vfp(S *s, uint32_t r);
void is_fmov(S *s, MirOp op, uint32_t d, uint32_t x);
void is_movi(S *s, uint32_t d, uint32_t imm);
uint32_t is_core_of(S *s, uint32_t r);
uint32_t is_bits_dst(S *s, uint32_t d);
void is_set_bits(S *s, uint32_t d, uint32_t t);
uint32_t is_konst(S *s, uint32_t imm);
void is_movsym(S *s, uint32_t d, uint32_t sym, int32_t addend);
void is_dp(S *s, ArmDpOp op, uint32_t d, uint32_t a, uint32_t b);
void is_dps(S *s, ArmDpOp op, uint32_t d, uint32_t a, uint32_t b);
void is_dpi(S *s, ArmDpOp op, uint32_t d, uint32_t a, uint32_t imm);
void is_dpis(S *s, ArmDpOp op, uint32_t d, uint32_t a, uint32_t imm);
void is_cmp(S *s, ArmDpOp op, uint32_t a, uint32_t b);
void is_cmpi(S *s, ArmDpOp op, uint32_t a, uint32_t imm);
void is_shifti(S *s, ArmShift sh, uint32_t d, uint32_t a, uint32_t amount);
void is_shiftr(S *s, ArmShift sh, uint32_t d, uint32_t a, uint32_t b);
void is_setcc(S *s, ArmCond c, uint32_t d);
void is_trapcc(S *s, ArmCond c, int code);
void is_ldr(S *s, ArmMemOp op, uint32_t d, uint32_t base, int32_t off);
void is_str(S *s, ArmMemOp op, uint32_t v, uint32_t base, int32_t off);
void is_ldr_aligned(S *s, uint32_t d, uint32_t base, int32_t off);
uint32_t is_sym(S *s, bool func, const char *name);
IrIns *is_def(S *s, IrVal v);
bool is_const(S *s, IrVal v, uint64_t *bits);

/* isel_call.c: calls (AAPCS), call_indirect and component gates */
uint32_t is_aapcs(const IrType *types, uint32_t n, bool hard, uint32_t *loc);
void is_dmov(S *s, uint32_t d, uint32_t x);
void is_vmov_to_s(S *s, unsigned sreg, uint32_t r);
void is_vmov_from_s(S *s, uint32_t d, unsigned sreg);
bool is_in_vfp(const S *s, IrType t);
uint32_t is_res_layout(const IrType *t, uint32_t n, uint32_t *off);
void is_helper(S *s, const char *name, uint32_t nargs, const IrType *types, const uint32_t *alo, const uint32_t *ahi, IrType rtype, uint32_t rlo, uint32_t rhi);
void is_sel_call(S *s, IrBlock *b, IrIns *i);
void is_sel_call_indirect(S *s, IrBlock *b, IrIns *i);

/* isel_mem.c: memories, bounds checks, globals, tables, bulk operations, size reloads */
void is_need_mem(S *s, uint32_t k);
void is_reload_sizes(S *s);
void is_sel_load(S *s, IrIns *i);
/* d = the address of defined memory k's byte 0 (IR_MEMBASE). */
void is_sel_membase(S *s, uint32_t k, uint32_t d);
void is_sel_store(S *s, IrIns *i);
void is_global_addr(S *s, uint32_t g, uint32_t d);
void is_table_ctl(S *s, uint32_t t, uint32_t d);
void is_sel_bulk(S *s, IrIns *i);
bool is_drop_dead_sizes(S *s);
void is_count_addr_bases(S *s, IrBlock *b);
bool is_mark_addr_only(S *s);

/* isel_int.c: compares, i32 and i64 arithmetic */
ArmCond is_flags_of(S *s, IrIns *i);
bool is_compare(IrOp op);
void is_fold_shifts(S *s, const uint32_t *uses);
void is_fold_muls(S *s, const uint32_t *uses);
void is_fold_nots(S *s, const uint32_t *uses);
bool is_fuse_compares(S *s, const uint32_t *uses);
void is_sel_binop32(S *s, IrIns *i);
void is_sel_binop64(S *s, IrIns *i);
void is_sel_unop(S *s, IrIns *i);

/* isel_float.c: f32/f64 (VFP, D registers, soft-float helpers) */
void is_csel(S *s, ArmCond c, uint32_t d, uint32_t x, uint32_t y);
uint32_t is_dvreg(S *s);
uint32_t is_get_dhome(S *s, uint32_t lo);
void is_set_dhome(S *s, uint32_t lo, uint32_t d);
uint32_t is_dreg_of(S *s, uint32_t lo, uint32_t hi);
void is_pair_from_d(S *s, uint32_t lo, uint32_t hi, uint32_t d);
void is_home_pair(S *s, uint32_t lo, uint32_t hi);
void is_sel_float(S *s, IrIns *i);

#endif
