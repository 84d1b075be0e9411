/* vfp.c - VFP (FPv4-SP, FPv5-SP, FPv5-D16) part of the Thumb-2 encoder.
 *
 * All VFP instructions are 32 bits. A register number is split over a
 * 4-bit field and one extra bit: for S registers the extra bit is the low
 * bit (Sn = Vn:N), for D registers the high bit (Dn = N:Vn). The three
 * operand positions (d, n, m) put their field at bits 15:12, 19:16, 3:0
 * and their extra bit at 22, 7, 5. The opcodes are the X-macro tables of
 * encode.h; bit 8 (sz) selects double precision. The FPv5 additions with
 * 0xFE in the top byte are unconditional and may not sit in an IT block.
 * Loads, stores and moves of D registers only need an FPU (D registers
 * alias pairs of S registers); double-precision arithmetic needs FP64.
 */
#include "arm/encode_int.h"

/* Operand positions of a VFP register. */
enum { POS_D, POS_N, POS_M };

/* The bits placing VFP register r (S if !dbl, else D) at position pos. */
static uint32_t vreg(unsigned r, bool dbl, int pos)
{
	uint32_t field = dbl ? (r & 15) : r >> 1, bit = dbl ? r >> 4 : (r & 1);

	switch (pos) {
	case POS_D: return field << 12 | bit << 22;
	case POS_N: return field << 16 | bit << 7;
	default: return field | bit << 5;
	}
}

/* Whether r names an S (0-31) or D (0-15) register. */
static bool vreg_ok(unsigned r, bool dbl)
{
	return r < (dbl ? 16u : 32u);
}

enum { NEED_FP = 1, NEED_ARITH = 2, NEED_V5 = 4, UNCOND = 8 };

/* Checks the target features and the IT block for an instruction of
 * precision fp; records the error and returns false if it cannot go here. */
static bool vcheck(ArmAsm *a, ArmFp fp, unsigned need)
{
	if ((unsigned)fp > ARM_F64) {
		arm_fail(a, ARM_ERR_OPERAND);
		return false;
	}
	if (!(a->feat & ARM_FEAT_FP) || ((need & NEED_V5) && !(a->feat & ARM_FEAT_FPV5)) ||
	    ((need & NEED_ARITH) && fp == ARM_F64 && !(a->feat & ARM_FEAT_FP64))) {
		arm_fail(a, ARM_ERR_FEATURE);
		return false;
	}
	if ((need & UNCOND) && arm_in_it(a)) {
		arm_fail(a, ARM_ERR_IT);
		return false;
	}
	return true;
}

/* The VFPExpandImm imm8 of an f32, or -1. */
static int vimm8_f32(uint32_t bits)
{
	uint32_t e = bits >> 25 & 0x3f;

	if ((bits & 0x7ffff) || (e != 0x20 && e != 0x1f))
		return -1;
	return (int)((bits >> 31) << 7 | (bits >> 29 & 1) << 6 | (bits >> 19 & 0x3f));
}

/* The VFPExpandImm imm8 of an f64, or -1. */
static int vimm8_f64(uint64_t bits)
{
	uint64_t e = bits >> 54 & 0x1ff;

	if ((bits & 0xffffffffffffull) || (e != 0x100 && e != 0xff))
		return -1;
	return (int)((bits >> 63) << 7 | (bits >> 61 & 1) << 6 | (bits >> 48 & 0x3f));
}

bool arm_vimm_ok_f32(uint32_t bits)
{
	return vimm8_f32(bits) >= 0;
}

bool arm_vimm_ok_f64(uint64_t bits)
{
	return vimm8_f64(bits) >= 0;
}

void arm_vldst(ArmAsm *a, bool load, ArmFp fp, unsigned vd, ArmReg rn, int32_t off)
{
	bool dbl = fp == ARM_F64;
	uint32_t mag = (uint32_t)(off < 0 ? -(int64_t)off : off);

	if (!vcheck(a, fp, NEED_FP))
		return;
	if (!vreg_ok(vd, dbl) || !arm_reg_ok(rn) || rn == ARM_PC || mag % 4 || mag > 1020) {
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	arm_emit32(a, (load ? 0xED100A00u : 0xED000A00u) | (uint32_t)(off >= 0) << 23 |
	              (uint32_t)dbl << 8 | vreg(vd, dbl, POS_D) | (uint32_t)rn << 16 | mag / 4);
}

void arm_vmov_core(ArmAsm *a, bool to_core, unsigned sn, ArmReg rt)
{
	if (!vcheck(a, ARM_F32, NEED_FP))
		return;
	if (!vreg_ok(sn, false) || !arm_reg_ok(rt) || arm_bad(rt)) {
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	arm_emit32(a, (to_core ? 0xEE100A10u : 0xEE000A10u) | vreg(sn, false, POS_N) |
	              (uint32_t)rt << 12);
}

void arm_vmov_core2(ArmAsm *a, bool to_core, unsigned dm, ArmReg rt, ArmReg rt2)
{
	if (!vcheck(a, ARM_F64, NEED_FP))
		return;
	if (!vreg_ok(dm, true) || !arm_reg_ok(rt) || arm_bad(rt) || !arm_reg_ok(rt2) ||
	    arm_bad(rt2) || (to_core && rt == rt2)) {
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	arm_emit32(a, (to_core ? 0xEC500B10u : 0xEC400B10u) | (uint32_t)rt2 << 16 |
	              (uint32_t)rt << 12 | vreg(dm, true, POS_M));
}

void arm_vmov_imm(ArmAsm *a, ArmFp fp, unsigned vd, uint64_t bits)
{
	bool dbl = fp == ARM_F64;
	int imm8 = dbl ? vimm8_f64(bits) : (bits >> 32 ? -1 : vimm8_f32((uint32_t)bits));

	if (!vcheck(a, fp, NEED_FP | NEED_ARITH))
		return;
	if (!vreg_ok(vd, dbl) || imm8 < 0) {
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	arm_emit32(a, 0xEEB00A00u | (uint32_t)dbl << 8 | vreg(vd, dbl, POS_D) |
	              (uint32_t)(imm8 >> 4) << 16 | (uint32_t)(imm8 & 15));
}

/* Encoding and requirements of the table-driven operations. */
static const struct { uint32_t bits; uint8_t v5; } vop3_tab[] = {
#define X(n, bits, v5) {bits, v5},
	ARM_VOP3_OPS(X)
#undef X
}, vop2_tab[] = {
#define X(n, bits, v5) {bits, v5},
	ARM_VOP2_OPS(X)
#undef X
};

/* NEED_* flags of an opcode: FPv5 if flagged, unconditional if 0xFE.... */
static unsigned op_need(uint32_t bits, bool v5)
{
	return NEED_FP | NEED_ARITH | (v5 ? NEED_V5 : 0u) | (bits >> 28 == 0xF ? UNCOND : 0u);
}

void arm_vop3(ArmAsm *a, ArmVOp3 op, ArmFp fp, unsigned vd, unsigned vn, unsigned vm)
{
	bool dbl = fp == ARM_F64;

	if ((unsigned)op >= ARM_VOP3_COUNT) {
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	if (!vcheck(a, fp, op_need(vop3_tab[op].bits, vop3_tab[op].v5)))
		return;
	if (!vreg_ok(vd, dbl) || !vreg_ok(vn, dbl) || !vreg_ok(vm, dbl)) {
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	arm_emit32(a, vop3_tab[op].bits | (uint32_t)dbl << 8 | vreg(vd, dbl, POS_D) |
	              vreg(vn, dbl, POS_N) | vreg(vm, dbl, POS_M));
}

void arm_vop2(ArmAsm *a, ArmVOp2 op, ArmFp fp, unsigned vd, unsigned vm)
{
	bool dbl = fp == ARM_F64;

	if ((unsigned)op >= ARM_VOP2_COUNT) {
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	if (!vcheck(a, fp, op_need(vop2_tab[op].bits, vop2_tab[op].v5)))
		return;
	if (!vreg_ok(vd, dbl) || !vreg_ok(vm, dbl)) {
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	arm_emit32(a, vop2_tab[op].bits | (uint32_t)dbl << 8 | vreg(vd, dbl, POS_D) |
	              vreg(vm, dbl, POS_M));
}

void arm_vcmp(ArmAsm *a, bool e, ArmFp fp, unsigned vd, unsigned vm)
{
	bool dbl = fp == ARM_F64;

	if (!vcheck(a, fp, NEED_FP | NEED_ARITH))
		return;
	if (!vreg_ok(vd, dbl) || !vreg_ok(vm, dbl)) {
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	arm_emit32(a, 0xEEB40A40u | (uint32_t)e << 7 | (uint32_t)dbl << 8 | vreg(vd, dbl, POS_D) |
	              vreg(vm, dbl, POS_M));
}

void arm_vcmp_zero(ArmAsm *a, bool e, ArmFp fp, unsigned vd)
{
	bool dbl = fp == ARM_F64;

	if (!vcheck(a, fp, NEED_FP | NEED_ARITH))
		return;
	if (!vreg_ok(vd, dbl)) {
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	arm_emit32(a, 0xEEB50A40u | (uint32_t)e << 7 | (uint32_t)dbl << 8 | vreg(vd, dbl, POS_D));
}

void arm_vcvt(ArmAsm *a, ArmVcvt op, ArmFp fp, unsigned vd, unsigned vm)
{
	/* opcode; whether the integer is the destination; FPv5 */
	static const struct { uint32_t bits; uint8_t to_int, v5; } tab[] = {
		[ARM_VCVT_S32] = {0xEEBD0AC0u, 1, 0}, [ARM_VCVT_U32] = {0xEEBC0AC0u, 1, 0},
		[ARM_VCVTR_S32] = {0xEEBD0A40u, 1, 0}, [ARM_VCVTR_U32] = {0xEEBC0A40u, 1, 0},
		[ARM_VCVTA_S32] = {0xFEBC0AC0u, 1, 1}, [ARM_VCVTA_U32] = {0xFEBC0A40u, 1, 1},
		[ARM_VCVTN_S32] = {0xFEBD0AC0u, 1, 1}, [ARM_VCVTN_U32] = {0xFEBD0A40u, 1, 1},
		[ARM_VCVTP_S32] = {0xFEBE0AC0u, 1, 1}, [ARM_VCVTP_U32] = {0xFEBE0A40u, 1, 1},
		[ARM_VCVTM_S32] = {0xFEBF0AC0u, 1, 1}, [ARM_VCVTM_U32] = {0xFEBF0A40u, 1, 1},
		[ARM_VCVT_FROM_S32] = {0xEEB80AC0u, 0, 0}, [ARM_VCVT_FROM_U32] = {0xEEB80A40u, 0, 0},
	};
	bool dbl = fp == ARM_F64, dd, md;

	if ((unsigned)op > ARM_VCVT_FROM_U32) {
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	if (!vcheck(a, fp, op_need(tab[op].bits, tab[op].v5)))
		return;
	dd = dbl && !tab[op].to_int;
	md = dbl && tab[op].to_int;
	if (!vreg_ok(vd, dd) || !vreg_ok(vm, md)) {
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	arm_emit32(a, tab[op].bits | (uint32_t)dbl << 8 | vreg(vd, dd, POS_D) | vreg(vm, md, POS_M));
}

void arm_vcvt_fp(ArmAsm *a, bool to_f64, unsigned vd, unsigned vm)
{
	if (!vcheck(a, ARM_F64, NEED_FP | NEED_ARITH))
		return;
	if (!vreg_ok(vd, to_f64) || !vreg_ok(vm, !to_f64)) {
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	/* sz is the source precision */
	arm_emit32(a, 0xEEB70AC0u | (uint32_t)!to_f64 << 8 | vreg(vd, to_f64, POS_D) |
	              vreg(vm, !to_f64, POS_M));
}

void arm_vsel(ArmAsm *a, ArmCond cond, ArmFp fp, unsigned vd, unsigned vn, unsigned vm)
{
	bool dbl = fp == ARM_F64;
	uint32_t cc;

	if (!vcheck(a, fp, NEED_FP | NEED_ARITH | NEED_V5 | UNCOND))
		return;
	switch (cond) {
	case ARM_EQ: cc = 0; break;
	case ARM_VS: cc = 1; break;
	case ARM_GE: cc = 2; break;
	case ARM_GT: cc = 3; break;
	default:
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	if (!vreg_ok(vd, dbl) || !vreg_ok(vn, dbl) || !vreg_ok(vm, dbl)) {
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	arm_emit32(a, 0xFE000A00u | cc << 20 | (uint32_t)dbl << 8 | vreg(vd, dbl, POS_D) |
	              vreg(vn, dbl, POS_N) | vreg(vm, dbl, POS_M));
}

void arm_vmrs(ArmAsm *a, ArmReg rt)
{
	if (!vcheck(a, ARM_F32, NEED_FP))
		return;
	if (!arm_reg_ok(rt) || rt == ARM_SP) {
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	arm_emit32(a, 0xEEF10A10u | (uint32_t)rt << 12);
}

void arm_vmsr(ArmAsm *a, ArmReg rt)
{
	if (!vcheck(a, ARM_F32, NEED_FP))
		return;
	if (!arm_reg_ok(rt) || arm_bad(rt)) {
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	arm_emit32(a, 0xEEE10A10u | (uint32_t)rt << 12);
}

void arm_vpushpop(ArmAsm *a, bool push, ArmFp fp, unsigned first, unsigned count)
{
	bool dbl = fp == ARM_F64;

	if (!vcheck(a, fp, NEED_FP))
		return;
	if (count < 1 || first + count > (dbl ? 16u : 32u)) {
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	arm_emit32(a, (push ? 0xED2D0A00u : 0xECBD0A00u) | (uint32_t)dbl << 8 |
	              vreg(first, dbl, POS_D) | (dbl ? count * 2 : count));
}
