/* encode.h - Thumb-2 machine-code encoder for ARMv7-M and ARMv8-M Mainline.
 *
 * An ArmAsm appends instructions to a caller-owned ArmBuf whose growth goes
 * through the library's allocator hook. Every emitter picks the shortest
 * valid encoding, choosing between equal-length encodings the way the GNU
 * assembler does (tests/arm cross-checks every form against it). Operands
 * that no single encoding accepts (an immediate out of range, a register the
 * architecture makes UNPREDICTABLE there, a feature the target lacks) emit
 * nothing and leave a sticky error in the ArmAsm; callers check arm_error()
 * once per function. Nothing is printed, nothing aborts.
 *
 * Flags: 16-bit data-processing encodings set NZCV outside an IT block and
 * leave them alone inside one. Each flag-setting-capable emitter takes an
 * ArmFlags saying whether the flags must be kept, must be set, or may be
 * clobbered; the encoder tracks the IT state (arm_it) to know which 16-bit
 * encodings qualify. Instructions inside an IT block take their condition
 * from the block; emitters have no condition argument.
 *
 * Branches to labels are recorded as fixups and materialized by
 * arm_resolve(), which starts every branch at its 16-bit form, grows the ones
 * whose target is out of range to 32 bits, iterates to a fixpoint and then
 * rewrites the buffer (buf->data is replaced; offsets taken with arm_here()
 * before it move, labels do not). Constants are materialized either
 * without memory (arm_const) or from a literal pool (arm_ldr_const: a
 * fixup like a branch, placed by arm_pool).
 *
 * The encoder is stricter than the GNU assembler about registers: SP and PC
 * are refused wherever the ARMv7-M ARM calls them UNPREDICTABLE or
 * deprecated, and so are overlapping registers (LDRD Rt == Rt2, write-back
 * base in the list or equal to Rt, ...). A compiler never needs them.
 */
#ifndef SYNTH_ARM_ENCODE_H
#define SYNTH_ARM_ENCODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Allocator hook (library style): nsize 0 frees, else realloc semantics. */
typedef void *(*ArmReallocFn)(void *ud, void *ptr, size_t osize, size_t nsize);

/* A growable byte buffer of little-endian Thumb halfwords. */
typedef struct ArmBuf {
	uint8_t *data;      /* code bytes */
	size_t len, cap;    /* bytes used, bytes allocated */
	int oom;            /* set when a growth failed; later appends are dropped */
	ArmReallocFn alloc; /* allocator hook used for every growth */
	void *ud;           /* the hook's user data */
} ArmBuf;

/* Core registers; SP and PC are only accepted where the ISA allows them. */
typedef enum ArmReg {
	ARM_R0, ARM_R1, ARM_R2, ARM_R3, ARM_R4, ARM_R5, ARM_R6, ARM_R7,
	ARM_R8, ARM_R9, ARM_R10, ARM_R11, ARM_R12, ARM_SP, ARM_LR, ARM_PC,
} ArmReg;

/* Condition codes, by their encoding. */
typedef enum ArmCond {
	ARM_EQ, ARM_NE, ARM_CS, ARM_CC, ARM_MI, ARM_PL, ARM_VS, ARM_VC,
	ARM_HI, ARM_LS, ARM_GE, ARM_LT, ARM_GT, ARM_LE, ARM_AL,
} ArmCond;

/* What an instruction may do to the NZCV flags. */
typedef enum ArmFlags {
	ARM_KEEP, /* must leave the flags alone (no S) */
	ARM_SETS, /* must set the flags (S) */
	ARM_ANY,  /* may clobber: the shortest of the two is chosen */
} ArmFlags;

/* Shift applied to a register operand, by its encoding (RRX = ROR #0). */
typedef enum ArmShift { ARM_LSL, ARM_LSR, ARM_ASR, ARM_ROR, ARM_RRX } ArmShift;

/* Errors, sticky in the ArmAsm (the first one wins). */
typedef enum ArmErr {
	ARM_OK,
	ARM_ERR_NOMEM,   /* the allocator hook failed */
	ARM_ERR_OPERAND, /* no encoding accepts these operands */
	ARM_ERR_FEATURE, /* the target lacks the instruction (FP, FP64, FPv5) */
	ARM_ERR_IT,      /* not allowed at this position of (or outside) an IT block */
	ARM_ERR_RANGE,   /* a branch target is out of reach of every encoding */
	ARM_ERR_LABEL,   /* a label was never bound, bound twice or is unknown */
} ArmErr;

/* Target features (ARMv7-M integer ISA incl. SDIV/UDIV is always present). */
enum {
	ARM_FEAT_FP = 1 << 0,   /* single-precision VFP (FPv4-SP, FPv5-SP) */
	ARM_FEAT_FP64 = 1 << 1, /* double precision (FPv5-D16) */
	ARM_FEAT_FPV5 = 1 << 2, /* VRINT*, VSEL, VMAXNM/VMINNM, VCVT{A,N,P,M} */
	ARM_FEAT_V8M = 1 << 3,  /* ARMv8-M Mainline: MSPLIM/PSPLIM */
};

/* Data-processing operations; table in encode.c. The compare ops
 * (TST TEQ CMP CMN) have no destination and always set the flags; MOV and
 * MVN have no first operand. */
#define ARM_DP_OPS(X) \
	X(AND) X(BIC) X(ORR) X(ORN) X(EOR) X(ADD) X(ADC) X(SBC) X(SUB) X(RSB) \
	X(MOV) X(MVN) X(TST) X(TEQ) X(CMP) X(CMN)
typedef enum ArmDpOp {
#define X(n) ARM_##n,
	ARM_DP_OPS(X)
#undef X
	ARM_DP_COUNT
} ArmDpOp;

/* Single-register loads and stores. */
typedef enum ArmMemOp {
	ARM_LDR, ARM_LDRB, ARM_LDRH, ARM_LDRSB, ARM_LDRSH, ARM_STR, ARM_STRB, ARM_STRH,
} ArmMemOp;

/* Addressing mode of an immediate-offset access. */
typedef enum ArmIndex {
	ARM_OFFSET, /* [rn, #off] */
	ARM_PRE,    /* [rn, #off]! */
	ARM_POST,   /* [rn], #off */
} ArmIndex;

/* One-register-in, one-out bit operations. */
typedef enum ArmBitOp { ARM_CLZ, ARM_RBIT, ARM_REV, ARM_REV16, ARM_REVSH } ArmBitOp;

/* Sign/zero extensions. */
typedef enum ArmExtOp { ARM_SXTH, ARM_SXTB, ARM_UXTH, ARM_UXTB } ArmExtOp;

/* Long multiplies. */
typedef enum ArmMulLong { ARM_SMULL, ARM_UMULL, ARM_SMLAL, ARM_UMLAL } ArmMulLong;

/* Hints and barriers. */
typedef enum ArmHint { ARM_NOP, ARM_YIELD, ARM_WFE, ARM_WFI, ARM_SEV } ArmHint;
typedef enum ArmBarrier { ARM_DSB, ARM_DMB, ARM_ISB } ArmBarrier;
#define ARM_BARRIER_SY 15 /* full-system barrier option */

/* Special registers for MRS/MSR, by their SYSm number. */
typedef enum ArmSysReg {
	ARM_SYS_APSR = 0, ARM_SYS_IAPSR = 1, ARM_SYS_EAPSR = 2, ARM_SYS_XPSR = 3,
	ARM_SYS_IPSR = 5, ARM_SYS_EPSR = 6, ARM_SYS_IEPSR = 7,
	ARM_SYS_MSP = 8, ARM_SYS_PSP = 9, ARM_SYS_MSPLIM = 10, ARM_SYS_PSPLIM = 11,
	ARM_SYS_PRIMASK = 16, ARM_SYS_BASEPRI = 17, ARM_SYS_BASEPRI_MAX = 18,
	ARM_SYS_FAULTMASK = 19, ARM_SYS_CONTROL = 20,
} ArmSysReg;

/* VFP precision of an operation: S registers 0-31 or D registers 0-15. */
typedef enum ArmFp { ARM_F32, ARM_F64 } ArmFp;

/* VFP three-register operations: name, encoding with the sz bit and the
 * register fields zero, FPv5-only flag. Encodings starting 0xF are
 * unconditional (not allowed in IT blocks). */
#define ARM_VOP3_OPS(X) \
	X(VADD, 0xEE300A00u, 0) X(VSUB, 0xEE300A40u, 0) X(VMUL, 0xEE200A00u, 0) \
	X(VNMUL, 0xEE200A40u, 0) X(VDIV, 0xEE800A00u, 0) X(VMLA, 0xEE000A00u, 0) \
	X(VMLS, 0xEE000A40u, 0) X(VNMLA, 0xEE100A40u, 0) X(VNMLS, 0xEE100A00u, 0) \
	X(VFMA, 0xEEA00A00u, 0) X(VFMS, 0xEEA00A40u, 0) X(VFNMA, 0xEE900A40u, 0) \
	X(VFNMS, 0xEE900A00u, 0) X(VMAXNM, 0xFE800A00u, 1) X(VMINNM, 0xFE800A40u, 1)
typedef enum ArmVOp3 {
#define X(n, bits, v5) ARM_##n,
	ARM_VOP3_OPS(X)
#undef X
	ARM_VOP3_COUNT
} ArmVOp3;

/* VFP two-register operations (Vd, Vm of the same precision). */
#define ARM_VOP2_OPS(X) \
	X(VMOV, 0xEEB00A40u, 0) X(VABS, 0xEEB00AC0u, 0) X(VNEG, 0xEEB10A40u, 0) \
	X(VSQRT, 0xEEB10AC0u, 0) X(VRINTR, 0xEEB60A40u, 1) X(VRINTZ, 0xEEB60AC0u, 1) \
	X(VRINTX, 0xEEB70A40u, 1) X(VRINTA, 0xFEB80A40u, 1) X(VRINTN, 0xFEB90A40u, 1) \
	X(VRINTP, 0xFEBA0A40u, 1) X(VRINTM, 0xFEBB0A40u, 1)
typedef enum ArmVOp2 {
#define X(n, bits, v5) ARM_##n,
	ARM_VOP2_OPS(X)
#undef X
	ARM_VOP2_COUNT
} ArmVOp2;

/* Float <-> integer conversions (the integer always lives in an S register). */
typedef enum ArmVcvt {
	ARM_VCVT_S32,  /* float -> s32, round toward zero (VCVT) */
	ARM_VCVT_U32,  /* float -> u32, round toward zero (VCVT) */
	ARM_VCVTR_S32, /* float -> s32, FPSCR rounding (VCVTR) */
	ARM_VCVTR_U32, /* float -> u32, FPSCR rounding (VCVTR) */
	ARM_VCVTA_S32, ARM_VCVTA_U32, /* FPv5: to nearest, ties away */
	ARM_VCVTN_S32, ARM_VCVTN_U32, /* FPv5: to nearest, ties even */
	ARM_VCVTP_S32, ARM_VCVTP_U32, /* FPv5: toward +inf */
	ARM_VCVTM_S32, ARM_VCVTM_U32, /* FPv5: toward -inf */
	ARM_VCVT_FROM_S32, /* s32 -> float */
	ARM_VCVT_FROM_U32, /* u32 -> float */
} ArmVcvt;

/* A branch target; created by arm_label_new, placed by arm_bind. */
typedef uint32_t ArmLabel;

/* A bound or pending label (internal). */
typedef struct ArmLabelRec {
	size_t pos;  /* buffer offset where bound; SIZE_MAX while unbound */
	size_t nfix; /* fixups recorded before it was bound */
} ArmLabelRec;

/* A branch to a label awaiting arm_resolve (internal). */
typedef struct ArmFixup {
	size_t pos;     /* buffer offset of the branch (its bytes are not in the buffer) */
	size_t addr;    /* offset in the resolved layout (scratch of arm_resolve) */
	ArmLabel label; /* target */
	ArmLabel base;  /* a table entry's table start (entry = (label - base) / 2) */
	uint8_t kind;   /* ARM_FIX_* in encode.c */
	uint8_t cond;   /* ArmCond of a conditional branch */
	uint8_t reg;    /* Rn of CBZ/CBNZ */
	uint8_t size;   /* current size in bytes, 2 or 4 (6: a relaxed CBZ, cmp + B<c>.W;
	                 * a literal load: 8 for MOVW+MOVT; a pool's alignment: 0 or 2) */
	uint32_t value; /* a literal load's constant */
} ArmFixup;

/* A constant of the pending literal pool (internal). */
typedef struct ArmPoolEnt {
	uint32_t value;
	uint32_t key;   /* the caller's symbol key (arm_ldr_sym), UINT32_MAX: a constant */
	ArmLabel label; /* its word, bound by arm_pool */
} ArmPoolEnt;

/* Encoder state for one code buffer. */
typedef struct ArmAsm {
	ArmBuf *buf;          /* where code goes (borrowed) */
	unsigned feat;        /* ARM_FEAT_* of the target */
	ArmErr err;           /* first error, ARM_OK if none */
	size_t err_pos;       /* buffer offset of the instruction that failed */
	uint8_t it_left;      /* instructions left in the current IT block */
	uint8_t it_cond[4];   /* their conditions, next one first */
	ArmLabelRec *labels;  /* label table, indexed by ArmLabel */
	size_t nlabels, caplabels;
	ArmFixup *fix;        /* pending branches, in buffer order */
	size_t nfix, capfix;
	ArmPoolEnt *pool;     /* the pending literal pool (arm_ldr_const, arm_pool) */
	size_t npool, cappool;
	size_t pool_pos, pool_nfix; /* buffer offset and fixup count at its first load */
} ArmAsm;

/* --- buffer and state --- */

/* Prepares an empty buffer that grows through alloc(ud, ...). */
void arm_buf_init(ArmBuf *b, ArmReallocFn alloc, void *ud);
/* Frees the buffer's storage and empties it. */
void arm_buf_free(ArmBuf *b);
/* Starts encoding into buf (appending) for a target with ARM_FEAT_* feat. */
void arm_init(ArmAsm *a, ArmBuf *buf, unsigned feat);
/* Frees labels and fixups (not the buffer). */
void arm_free(ArmAsm *a);
/* Returns the first error (ARM_ERR_NOMEM if the buffer ran out of memory). */
ArmErr arm_error(const ArmAsm *a);
/* Returns the first error and clears it (running out of memory stays). */
ArmErr arm_take_error(ArmAsm *a);
/* Short English description of an error code. */
const char *arm_error_str(ArmErr e);
/* Current buffer offset (before arm_resolve inserts pending branches). */
size_t arm_here(const ArmAsm *a);
/* Appends a raw halfword (padding, data, tests); steps an IT block. */
void arm_raw16(ArmAsm *a, uint16_t hw);

/* --- constants --- */

/* ThumbExpandImm of a 12-bit i:imm3:imm8 field. */
uint32_t arm_modimm_expand(unsigned imm12);
/* The i:imm3:imm8 field encoding value as a modified immediate, or -1. */
int arm_modimm(uint32_t value);
/* Whether value is a Thumb-2 modified immediate. */
bool arm_modimm_ok(uint32_t value);
/* Whether arm_dp_imm(op, fl, ...) has a single encoding for imm (ordinary registers). */
bool arm_dp_imm_ok(ArmDpOp op, ArmFlags fl, uint32_t imm);
/* Loads a 32-bit constant without a literal pool: MOVS/MOV/MVN/MOVW, else
 * MOVW+MOVT. fl is ARM_KEEP or ARM_ANY. */
void arm_const(ArmAsm *a, ArmReg rd, uint32_t value, ArmFlags fl);

/* ldr rd, =value: a PC-relative load of value from the pending literal
 * pool (identical values share a word), which arm_pool places. Relaxation
 * picks the 16-bit LDR (R0-R7, pool word 0..1020 bytes ahead of the
 * word-aligned PC), else LDR.W (+-4095), else MOVW+MOVT of the value (the
 * pool word then unused). Inside an IT block: arm_const(ARM_KEEP). The
 * flags are kept. */
void arm_ldr_const(ArmAsm *a, ArmReg rd, uint32_t value);
/* ldr rd, =sym+addend for the caller's symbol key: like arm_ldr_const
 * (the word holds addend; words of equal key and addend are shared) but
 * never MOVW+MOVT: a load out of LDR.W reach makes arm_resolve fail with
 * ARM_ERR_RANGE. Returns the word's label, *fresh telling whether the word
 * is new (the caller records one relocation per word); UINT32_MAX inside
 * an IT block, where it emits nothing. */
ArmLabel arm_ldr_sym(ArmAsm *a, ArmReg rd, uint32_t key, int32_t addend, bool *fresh);
/* An estimate of the bytes from the pending pool's first load to here,
 * counting each pending fixup as 4 bytes (0: no pool pending, or inside an
 * IT block, where no pool may go). */
size_t arm_pool_distance(const ArmAsm *a);
/* Places the pending literal pool here: a NOP when needed to align it to
 * 4 bytes (relative to the buffer start, which must be 4-aligned in
 * memory), then its words; never executed, so call it where control cannot
 * fall in (after an unconditional branch or return). Returns the number of
 * word bytes (0: nothing pending, nothing placed) and binds *start, a new
 * label, at the first word. */
uint32_t arm_pool(ArmAsm *a, ArmLabel *start);

/* --- data processing --- */

/* op rd, rn, rm {, sh #amount}: amount 0-31 for LSL/ROR, 0-32 for LSR/ASR
 * (a shift by 0 is no shift). */
void arm_dp_reg(ArmAsm *a, ArmDpOp op, ArmFlags fl, ArmReg rd, ArmReg rn, ArmReg rm,
                ArmShift sh, unsigned amount);
/* op rd, rn, #imm, flipping to the complementary op (ADD/SUB, AND/BIC, ...)
 * and using ADDW/SUBW/MOVW when that is what encodes imm. */
void arm_dp_imm(ArmAsm *a, ArmDpOp op, ArmFlags fl, ArmReg rd, ArmReg rn, uint32_t imm);
/* mov rd, rm. */
void arm_mov(ArmAsm *a, ArmFlags fl, ArmReg rd, ArmReg rm);
/* LSL/LSR/ASR/ROR rd, rm, #amount (ranges as arm_dp_reg, 0 is a MOV; RRX takes none). */
void arm_shift_imm(ArmAsm *a, ArmShift sh, ArmFlags fl, ArmReg rd, ArmReg rm,
                   unsigned amount);
/* LSL/LSR/ASR/ROR rd, rn, rm (shift amount in rm). */
void arm_shift_reg(ArmAsm *a, ArmShift sh, ArmFlags fl, ArmReg rd, ArmReg rn, ArmReg rm);
/* movw rd, #imm16 (low half, upper half zeroed). */
void arm_movw(ArmAsm *a, ArmReg rd, uint32_t imm16);
/* movt rd, #imm16 (upper half, low half kept). */
void arm_movt(ArmAsm *a, ArmReg rd, uint32_t imm16);

/* --- multiply, divide, bit operations --- */

/* mul rd, rn, rm (flag setting only in the 16-bit MULS form). */
void arm_mul(ArmAsm *a, ArmFlags fl, ArmReg rd, ArmReg rn, ArmReg rm);
/* mla rd, rn, rm, ra (rd = ra + rn*rm) or, with sub, mls (rd = ra - rn*rm). */
void arm_mla(ArmAsm *a, bool sub, ArmReg rd, ArmReg rn, ArmReg rm, ArmReg ra);
/* smull/umull/smlal/umlal rdlo, rdhi, rn, rm. */
void arm_mull(ArmAsm *a, ArmMulLong op, ArmReg rdlo, ArmReg rdhi, ArmReg rn, ArmReg rm);
/* sdiv (is_signed) or udiv rd, rn, rm. */
void arm_div(ArmAsm *a, bool is_signed, ArmReg rd, ArmReg rn, ArmReg rm);
/* clz/rbit/rev/rev16/revsh rd, rm. */
void arm_bitop(ArmAsm *a, ArmBitOp op, ArmReg rd, ArmReg rm);
/* sxth/sxtb/uxth/uxtb rd, rm, ror #rot (rot 0, 8, 16 or 24). */
void arm_extend(ArmAsm *a, ArmExtOp op, ArmReg rd, ArmReg rm, unsigned rot);
/* sbfx (is_signed) or ubfx rd, rn, #lsb, #width. */
void arm_bfx(ArmAsm *a, bool is_signed, ArmReg rd, ArmReg rn, unsigned lsb, unsigned width);
/* bfi rd, rn, #lsb, #width. */
void arm_bfi(ArmAsm *a, ArmReg rd, ArmReg rn, unsigned lsb, unsigned width);
/* bfc rd, #lsb, #width. */
void arm_bfc(ArmAsm *a, ArmReg rd, unsigned lsb, unsigned width);

/* --- loads and stores --- */

/* op rt, [rn, #off] / [rn, #off]! / [rn], #off. */
void arm_ldst(ArmAsm *a, ArmMemOp op, ArmReg rt, ArmReg rn, int32_t off, ArmIndex idx);
/* op rt, [rn, rm, lsl #shift] with shift 0-3. */
void arm_ldst_reg(ArmAsm *a, ArmMemOp op, ArmReg rt, ArmReg rn, ArmReg rm, unsigned shift);
/* ldrd (load) or strd rt, rt2, [rn, #off] (off a multiple of 4, |off| <= 1020). */
void arm_ldstd(ArmAsm *a, bool load, ArmReg rt, ArmReg rt2, ArmReg rn, int32_t off,
               ArmIndex idx);
/* ldm/stm (load) rn{!}, {regs}; db selects LDMDB/STMDB, else IA. */
void arm_ldstm(ArmAsm *a, bool load, bool db, ArmReg rn, uint16_t regs, bool wb);
/* push {regs}. */
void arm_push(ArmAsm *a, uint16_t regs);
/* pop {regs}. */
void arm_pop(ArmAsm *a, uint16_t regs);

/* --- branches and labels --- */

/* A new unbound label. */
ArmLabel arm_label_new(ArmAsm *a);
/* Binds label l to the current position. */
void arm_bind(ArmAsm *a, ArmLabel l);
/* b l (16-bit when in reach, else B.W). Not inside IT blocks. */
void arm_b(ArmAsm *a, ArmLabel l);
/* b<cond> l (16-bit when in reach, else B<cond>.W, +-1 MB). */
void arm_bcond(ArmAsm *a, ArmCond cond, ArmLabel l);
/* bl l. */
void arm_bl(ArmAsm *a, ArmLabel l);
/* bl to a fixed displacement from this instruction's address + 4 (relocations). */
void arm_bl_disp(ArmAsm *a, int32_t disp);
/* cbz (nonzero false) or cbnz rn, l: forward 0..126 bytes only, else
 * ARM_ERR_RANGE (a target right after it becomes a NOP). */
void arm_cbz(ArmAsm *a, bool nonzero, ArmReg rn, ArmLabel l);
/* cbz/cbnz rn, l where it reaches, else `cmp rn, #0; b<eq/ne> l` (any
 * distance, either direction; the flags are then set): relaxation chooses. */
void arm_cbz_relax(ArmAsm *a, bool nonzero, ArmReg rn, ArmLabel l);
/* TBH [pc, rm, lsl #1]: branches forward by twice the halfword at
 * table + 2 * rm, the table following the instruction (bind its label right
 * after); arm_table_entry() writes one entry, (target - base) / 2, which
 * must be reachable forward within 128 KiB (else ARM_ERR_RANGE). */
void arm_tbh(ArmAsm *a, ArmReg rm);
void arm_table_entry(ArmAsm *a, ArmLabel base, ArmLabel target);
/* bx rm. */
void arm_bx(ArmAsm *a, ArmReg rm);
/* blx rm. */
void arm_blx(ArmAsm *a, ArmReg rm);
/* Lays out pending branches (shortest forms, to a fixpoint) into the buffer. */
ArmErr arm_resolve(ArmAsm *a);
/* Offset of a bound label; final once arm_resolve has run. */
size_t arm_label_offset(const ArmAsm *a, ArmLabel l);

/* --- IT blocks and system --- */

/* it<te> cond (not AL): te is "" or up to three 't'/'e' for the following instructions. */
void arm_it(ArmAsm *a, ArmCond cond, const char *te);
/* mrs rd, sysreg. */
void arm_mrs(ArmAsm *a, ArmReg rd, ArmSysReg sys);
/* msr sysreg, rn (APSR means APSR_nzcvq). */
void arm_msr(ArmAsm *a, ArmSysReg sys, ArmReg rn);
/* svc #imm8. */
void arm_svc(ArmAsm *a, unsigned imm8);
/* bkpt #imm8. */
void arm_bkpt(ArmAsm *a, unsigned imm8);
/* udf #imm (16-bit up to 255, else UDF.W up to 65535). */
void arm_udf(ArmAsm *a, unsigned imm);
/* nop/yield/wfe/wfi/sev. */
void arm_hint(ArmAsm *a, ArmHint h);
/* dsb/dmb/isb #option (ARM_BARRIER_SY for the full system). */
void arm_barrier(ArmAsm *a, ArmBarrier b, unsigned option);
/* cpsie (disable false) or cpsid with i and/or f. */
void arm_cps(ArmAsm *a, bool disable, bool i, bool f);

/* --- VFP (FPv4-SP, FPv5-SP, FPv5-D16) --- */

/* Whether an f32 bit pattern is a VMOV immediate (VFPExpandImm). */
bool arm_vimm_ok_f32(uint32_t bits);
/* Whether an f64 bit pattern is a VMOV immediate. */
bool arm_vimm_ok_f64(uint64_t bits);
/* vldr (load) or vstr sd/dd, [rn, #off] (off multiple of 4, |off| <= 1020). */
void arm_vldst(ArmAsm *a, bool load, ArmFp fp, unsigned vd, ArmReg rn, int32_t off);
/* vmov sn, rt (to_core false) or vmov rt, sn. */
void arm_vmov_core(ArmAsm *a, bool to_core, unsigned sn, ArmReg rt);
/* vmov dm, rt, rt2 (to_core false) or vmov rt, rt2, dm. */
void arm_vmov_core2(ArmAsm *a, bool to_core, unsigned dm, ArmReg rt, ArmReg rt2);
/* vmov.f32/.f64 vd, #imm given as the bit pattern (see arm_vimm_ok_*). */
void arm_vmov_imm(ArmAsm *a, ArmFp fp, unsigned vd, uint64_t bits);
/* Three-register op vd, vn, vm. */
void arm_vop3(ArmAsm *a, ArmVOp3 op, ArmFp fp, unsigned vd, unsigned vn, unsigned vm);
/* Two-register op vd, vm (VMOV, VABS, VNEG, VSQRT, VRINT*). */
void arm_vop2(ArmAsm *a, ArmVOp2 op, ArmFp fp, unsigned vd, unsigned vm);
/* vcmp/vcmpe (quiet false/true) vd, vm. */
void arm_vcmp(ArmAsm *a, bool e, ArmFp fp, unsigned vd, unsigned vm);
/* vcmp/vcmpe vd, #0. */
void arm_vcmp_zero(ArmAsm *a, bool e, ArmFp fp, unsigned vd);
/* Float <-> integer conversion; fp is the float side, the integer is an S reg. */
void arm_vcvt(ArmAsm *a, ArmVcvt op, ArmFp fp, unsigned vd, unsigned vm);
/* vcvt.f64.f32 dd, sm (to_f64) or vcvt.f32.f64 sd, dm. */
void arm_vcvt_fp(ArmAsm *a, bool to_f64, unsigned vd, unsigned vm);
/* vsel<cond> vd, vn, vm; cond is EQ, VS, GE or GT. */
void arm_vsel(ArmAsm *a, ArmCond cond, ArmFp fp, unsigned vd, unsigned vn, unsigned vm);
/* vmrs APSR_nzcv, fpscr (rt PC) or vmrs rt, fpscr. */
void arm_vmrs(ArmAsm *a, ArmReg rt);
/* vmsr fpscr, rt. */
void arm_vmsr(ArmAsm *a, ArmReg rt);
/* vpush (push) or vpop {first .. first+count-1}. */
void arm_vpushpop(ArmAsm *a, bool push, ArmFp fp, unsigned first, unsigned count);

#endif
