/* mir.h - machine IR: Thumb-2 instructions over virtual registers, the
 * output of instruction selection (arm/isel*.c), the input of register
 * allocation (rega.c) and of the encoder driver (arm/emit.c).
 *
 * Registers: numbers below 16 are the physical core registers r0-r15, 32-63
 * the VFP registers s0-s31, numbers from MIR_VREG0 on are virtual, each of a
 * class (core, VFP single precision, or VFP double precision: a D register
 * d<k>, written as its even half s<2k> and occupying s<2k> and s<2k+1>).
 * VFP instructions on doubles carry MIR_DBL in aux. Each instruction lists its
 * register operands in r[], definitions first (MIR_OPS gives how many of
 * each). Calls and helpers clobber the AAPCS caller-saved registers; their
 * arguments and results are moved to and from physical registers by
 * explicit MOVs around them, so the allocator only ever sees single-register
 * operands and fixed physical registers. */
#ifndef SYNTH_MIR_H
#define SYNTH_MIR_H

#include "internal.h"

#define MIR_VREG0 64   /* first virtual register */
#define MIR_S0 32      /* physical VFP registers s0-s31 are 32..63 */
#define MIR_SP 13
#define MIR_LR 14

/* Longest symbol name the compiler makes (names are checked first). */
#define SY_SYM_MAX 8192

/* Register classes of virtual registers. */
enum { MIR_CORE = 0, MIR_VFP = 1, MIR_DFP = 2 };

/* In aux of MOV, SPILL, RELOAD, VOP3, VOP2, VCMP, VCVT, VSEL, and of LDR
 * and STR with a VFP r0 (vldr/vstr .64): the VFP operands are D registers
 * (VCVT: the float side). */
#define MIR_DBL 0x1000u

/* In aux of CMP: the compare runs only if cond holds (an IT block), and the
 * flags stay as they were otherwise: `cmp lo; it eq; cmpeq hi` tests two
 * words for equality. */
#define MIR_CMP_IF 0x100u

/* X(name, defs, uses) */
#define MIR_OPS(X) \
	X(MOV, 1, 1)      /* r0 = r1 */ \
	X(MOVI, 1, 0)     /* r0 = imm */ \
	X(MOVSYM, 1, 0)   /* r0 = &sym(aux) + imm (movw/movt with relocations) */ \
	X(DP, 1, 2)       /* r0 = r1 op(aux) r2, shifted by sh/amount in imm (bits 8..: sh) */ \
	X(DPI, 1, 1)      /* r0 = r1 op(aux) imm */ \
	X(CMP, 0, 2)      /* flags = r0 op(aux: CMP, CMN, TST, TEQ) r1 */ \
	X(CMPI, 0, 1)     /* flags = r0 op(aux) imm */ \
	X(DPS, 1, 2)      /* like DP but sets the flags (ADDS/SUBS/ADCS/SBCS/ORRS) */ \
	X(DPIS, 1, 1)     /* like DPI but sets the flags */ \
	X(SHIFT, 1, 2)    /* r0 = r1 sh(aux) r2 */ \
	X(SHIFTI, 1, 1)   /* r0 = r1 sh(aux) imm */ \
	X(MUL, 1, 2)      /* r0 = r1 * r2 */ \
	X(MLA, 1, 3)      /* r0 = r3 + r1 * r2 (aux 1: MLS, r3 - r1 * r2) */ \
	X(MULL, 2, 2)     /* r0:lo r1:hi = r2 * r3 (aux: ArmMulLong) */ \
	X(DIV, 1, 2)      /* r0 = r1 / r2 (aux 1 signed) */ \
	X(BITOP, 1, 1)    /* r0 = op(aux)(r1): CLZ, RBIT, REV... */ \
	X(EXT, 1, 1)      /* r0 = ext(aux)(r1) */ \
	X(UBFX, 1, 1)     /* r0 = bits [imm & 31, +(imm >> 8)) of r1, zero-extended (aux 1: sign-extended, sbfx) */ \
	X(LDR, 1, 1)      /* r0 = mem[r1 + imm], op(aux); VFP r0: vldr (4-aligned address) */ \
	X(LDRR, 1, 2)     /* r0 = mem[r1 + (r2 << imm)] */ \
	X(STR, 0, 2)      /* mem[r1 + imm] = r0; VFP r0: vstr (4-aligned address) */ \
	X(STRR, 0, 3)     /* mem[r1 + (r2 << imm)] = r0 */ \
	X(SETCC, 1, 0)    /* r0 = cond ? 1 : 0 (reads the flags) */ \
	X(CSEL, 1, 2)     /* r0 = cond ? r1 : r2 (reads the flags) */ \
	X(CSELI, 1, 1)    /* r0 = cond ? r1 : imm, imm one MOV/MVN immediate (reads the flags) */ \
	X(B, 0, 0)        /* goto block aux */ \
	X(JTAB, 0, 1)     /* goto block jt[imm + r0] (r0 < aux, checked before); ends the block */ \
	X(BCC, 0, 0)      /* if cond goto block aux */ \
	X(TRAPCC, 0, 0)   /* if cond trap with code imm (out-of-line stub) */ \
	X(TRAP, 0, 0)     /* trap with code imm */ \
	X(CALL, 0, 0)     /* bl sym(aux); uses r0-r3 as given by imm (arg mask), defines r0, r1 */ \
	X(CALLR, 0, 1)    /* blx r0; otherwise like CALL */ \
	X(FRAMEADDR, 1, 0) /* r0 = address of byte imm of the call-result area */ \
	X(RET, 0, 0)      /* epilogue and return; uses r0/r1 per imm (result words) */ \
	X(SPILL, 0, 1)    /* stack slot imm (two for a D register) = r0 */ \
	X(RELOAD, 1, 0)   /* r0 = stack slot imm */ \
	X(LDARG, 1, 0)    /* r0 = incoming stack argument word imm */ \
	X(STARG, 0, 1)    /* outgoing stack argument word imm = r0 */ \
	X(VMOVTS, 0, 1)   /* VFP register s<imm> = r0 (hard-float argument or result) */ \
	X(VMOVFS, 1, 0)   /* r0 = VFP register s<imm> */ \
	X(FMOVTO, 1, 1)   /* VFP r0 = core r1 (bits) */ \
	X(FMOVFROM, 1, 1) /* core r0 = VFP r1 (bits) */ \
	X(VOP3, 1, 2)     /* VFP r0 = r1 op(aux: ArmVOp3) r2 */ \
	X(VOP2, 1, 1)     /* VFP r0 = op(aux: ArmVOp2) r1 */ \
	X(VCMP, 0, 2)     /* flags = compare VFP r0, r1 (vcmp + vmrs) */ \
	X(DTOV, 1, 2)     /* D r0 = core pair r1 (low), r2 (high) */ \
	X(DFROMV, 2, 1)   /* core pair r0 (low), r1 (high) = D r2 */ \
	X(VCVTFP, 1, 1)   /* f64 r0 = (double) f32 r1 (aux 1), or f32 r0 = (float) f64 r1 (aux 0) */ \
	X(VCVT, 1, 1)     /* VFP r0 = convert(aux: ArmVcvt) r1, single precision (integers in S registers) */ \
	X(VSEL, 1, 2)     /* VFP r0 = cond ? r1 : r2 (FPv5 VSEL: EQ, VS, GE, GT; reads the flags) */ \
	X(VMRS, 1, 0)     /* core r0 = FPSCR */ \
	X(VMSR, 0, 1)     /* FPSCR = core r0 */

typedef enum MirOp {
#define X(n, d, u) MIR_##n,
	MIR_OPS(X)
#undef X
	MIR_NOPS
} MirOp;

extern const uint8_t mir_ndefs[MIR_NOPS];
extern const uint8_t mir_nuses[MIR_NOPS];
extern const char *const mir_names[MIR_NOPS];

typedef struct MIns {
	uint8_t op;     /* MirOp */
	uint8_t cond;   /* ArmCond of SETCC, CSEL, BCC, TRAPCC */
	uint16_t smask; /* CALL/CALLR/RET: VFP argument/result registers s0-s15 used */
	uint32_t aux;   /* sub-operation, target block, symbol index */
	uint32_t r[4];  /* register operands, definitions first */
	int64_t imm;    /* immediate, offset, slot, trap code, argument mask */
} MIns;

typedef struct MBlock {
	MIns *ins;
	uint32_t n, cap;
	uint32_t *succ;   /* successor block indices */
	uint32_t nsucc;
	uint32_t loop_depth;
} MBlock;

/* A symbol the code refers to (relocations) by name. */
typedef struct MSym {
	const char *name;
	bool func;        /* a function (BL target) */
} MSym;

typedef struct MFunc {
	SyArena *ar;
	MBlock *blocks;      /* in layout order */
	uint32_t nblocks;
	uint32_t nvregs;     /* MIR_VREG0 + number of virtual registers */
	uint32_t nslots;     /* spill slots (words) */
	uint32_t *slot_of;   /* per vreg: 1 + slot, or 0 (filled by rega) */
	uint32_t outargs;    /* words of outgoing stack arguments */
	uint32_t resarea;    /* bytes of the area receiving results of multi-value calls */
	uint32_t used_callee;/* callee-saved registers used (bitmask), from rega */
	uint32_t used_vcallee;/* callee-saved VFP registers s16-s31 used (bit k = s<k>) */
	uint8_t *vclass;     /* class per virtual register (index vreg - MIR_VREG0) */
	uint32_t capvclass;
	bool calls;          /* makes calls (needs lr saved) */
	uint32_t *phys;      /* per vreg: the physical register after allocation */
	uint32_t *jt;        /* jump-table targets (blocks) of the JTABs, back to back */
	uint32_t njt, capjt;
} MFunc;

/* The symbols a module's code refers to, interned by name. */
typedef struct MSymTab {
	SyArena *ar;
	MSym *syms;
	uint32_t n, cap;
	uint32_t *hash;      /* open addressing by name: index + 1, or 0 (empty) */
	uint32_t hcap;       /* slots in hash, a power of two above 2n */
} MSymTab;

/* Interns a symbol name (formatted); returns its index, or UINT32_MAX on OOM. */
uint32_t mir_sym(MSymTab *t, bool func, const char *fmt, ...) SY_PRINTF(3, 4);
/* The index of a symbol already interned, or UINT32_MAX. */
uint32_t mir_sym_find(const MSymTab *t, const char *name);

/* Appends an instruction to block b; returns NULL on allocation failure. */
MIns *mir_emit(MFunc *f, MBlock *b, MirOp op);
/* Allocates a new virtual register of the core class. */
uint32_t mir_vreg(MFunc *f);
/* Allocates a new virtual register of class cls (MIR_CORE, MIR_VFP); 0 on OOM. */
uint32_t mir_vreg_class(MFunc *f, uint8_t cls);
/* Class of a register (physical or virtual). */
uint8_t mir_class(const MFunc *f, uint32_t r);

/* Selection context shared by the functions of one module. */
typedef struct IselModule {
	const SynthModuleDesc *mod;
	const char *name;     /* module identifier M */
	MSymTab *syms;
	uint32_t *mem_shift;  /* page size log2 per memory */
	uint32_t *mem_bits;   /* log2 of the power-of-two reservation per memory (bounds mask) */
	int bounds;           /* SynthBounds */
	bool hard_float;      /* AAPCS-VFP */
	bool fpu32;           /* f32 values live in VFP registers */
	bool fpv5;            /* FPv5: VRINT* */
	bool fpu64;           /* f64 arithmetic on the FPU (FPv5-D16), values in D registers */
	const SynthComponents *comps; /* a fused module's partition, or NULL (calls between
	                                 components go to M__xcall<g>: synth_call_crosses) */
	const bool *may_grow; /* per function: a call of it may grow a memory (arm_may_grow);
	                         NULL: every call may */
} IselModule;

/* Computes, per function of the module (imports included), whether calling
 * it may grow a memory: memory.grow, call_indirect or a call of an import
 * reached through its calls (arm/grows.c). *out is allocated in ar. */
SynthStatus arm_may_grow(SynthContext *ctx, const SynthModuleDesc *d, SyArena *ar, bool **out);

struct IrFunc;
/* Selects Thumb-2 instructions for an IR function; the MFunc and everything
 * it holds is allocated in ar, so the IR can be freed once it is made. */
SynthStatus arm_isel(SynthContext *ctx, const IselModule *im, struct IrFunc *ir, SyArena *ar, MFunc **out);

/* Textual dump of MIR (after allocation: physical registers). */
void mir_dump(const MFunc *f, const MSymTab *syms, SyStr *out);

/* ---- rega.c ---- */

/* Allocates registers: rewrites every virtual register operand to a
 * physical register, inserting spill code where needed. */
SynthStatus mir_rega(SynthContext *ctx, MFunc *f);

#endif
