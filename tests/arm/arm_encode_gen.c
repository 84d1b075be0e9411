/* arm_encode_gen.c - the operand sets of the Thumb-2 encoder cross-check
 * and the assembler spelling of every call.
 *
 * An Ins holds the operands of one emitter call; emit() makes the call,
 * fmt() writes the literal GNU assembler text for it. gen_at() runs a call
 * outside or inside an IT block and records either a case (our bytes and
 * every text that means the same instruction, see alternatives()) or a
 * rejection. Rejections go to `as` for confirmation unless policy() names a
 * reason the encoder is stricter than `as` on purpose (UNPREDICTABLE
 * registers, which `as` mostly lets through); feature gaps are checked
 * against needs(), an independent statement of what each instruction
 * requires. The generators below sweep registers over every field,
 * immediates over their boundaries, all conditions and all flag modes.
 */
#include "arm_encode_test.h"

#include <inttypes.h>

/* --- the instruction model: one struct per emitter call --- */

enum {
	K_DPR, K_DPI, K_SHI, K_SHR, K_CONST, K_MOVWT, K_MUL, K_MLA, K_MULL, K_DIV, K_BITOP,
	K_EXT, K_BFX, K_BFI, K_BFC, K_LDST, K_LDSTR, K_LDSTD, K_LDSTM, K_PUSHPOP, K_BX,
	K_SYSREG, K_EXC, K_HINT, K_BARRIER, K_CPS, K_VLDST, K_VMOVC, K_VMOVC2, K_VMOVI,
	K_VOP3, K_VOP2, K_VCMP, K_VCMPZ, K_VCVT, K_VCVTFP, K_VSEL, K_VMRS, K_VPUSH,
};

/* Operands of one call; meaning per kind is in emit(). */
typedef struct Ins {
	int k, op, fl; /* kind, operation, ArmFlags */
	int r[4];      /* registers (core or VFP numbers) */
	int x, y;      /* small integer operands */
	int64_t imm;   /* immediate / offset / register list */
	uint64_t bits; /* VFP immediate bit pattern */
} Ins;

static void emit(ArmAsm *a, const Ins *in)
{
	const int *r = in->r;
	ArmReg r0 = (ArmReg)r[0], r1 = (ArmReg)r[1], r2 = (ArmReg)r[2], r3 = (ArmReg)r[3];
	uint32_t u = (uint32_t)in->imm;

	switch (in->k) {
	case K_DPR: arm_dp_reg(a, (ArmDpOp)in->op, (ArmFlags)in->fl, r0, r1, r2, (ArmShift)in->x, (unsigned)in->y); break;
	case K_DPI: arm_dp_imm(a, (ArmDpOp)in->op, (ArmFlags)in->fl, r0, r1, u); break;
	case K_SHI: arm_shift_imm(a, (ArmShift)in->op, (ArmFlags)in->fl, r0, r1, (unsigned)in->y); break;
	case K_SHR: arm_shift_reg(a, (ArmShift)in->op, (ArmFlags)in->fl, r0, r1, r2); break;
	case K_CONST: arm_const(a, r0, u, (ArmFlags)in->fl); break;
	case K_MOVWT: (in->op ? arm_movt : arm_movw)(a, r0, u); break;
	case K_MUL: arm_mul(a, (ArmFlags)in->fl, r0, r1, r2); break;
	case K_MLA: arm_mla(a, in->op, r0, r1, r2, r3); break;
	case K_MULL: arm_mull(a, (ArmMulLong)in->op, r0, r1, r2, r3); break;
	case K_DIV: arm_div(a, in->op, r0, r1, r2); break;
	case K_BITOP: arm_bitop(a, (ArmBitOp)in->op, r0, r1); break;
	case K_EXT: arm_extend(a, (ArmExtOp)in->op, r0, r1, (unsigned)in->x); break;
	case K_BFX: arm_bfx(a, in->op, r0, r1, (unsigned)in->x, (unsigned)in->y); break;
	case K_BFI: arm_bfi(a, r0, r1, (unsigned)in->x, (unsigned)in->y); break;
	case K_BFC: arm_bfc(a, r0, (unsigned)in->x, (unsigned)in->y); break;
	case K_LDST: arm_ldst(a, (ArmMemOp)in->op, r0, r1, (int32_t)in->imm, (ArmIndex)in->x); break;
	case K_LDSTR: arm_ldst_reg(a, (ArmMemOp)in->op, r0, r1, r2, (unsigned)in->x); break;
	case K_LDSTD: arm_ldstd(a, in->op, r0, r1, r2, (int32_t)in->imm, (ArmIndex)in->x); break;
	case K_LDSTM: arm_ldstm(a, in->op, in->x, r0, (uint16_t)in->imm, in->y); break;
	case K_PUSHPOP: (in->op ? arm_push : arm_pop)(a, (uint16_t)in->imm); break;
	case K_BX: (in->op ? arm_blx : arm_bx)(a, r0); break;
	case K_SYSREG:
		if (in->op)
			arm_msr(a, (ArmSysReg)in->x, r0);
		else
			arm_mrs(a, r0, (ArmSysReg)in->x);
		break;
	case K_EXC: (in->op == 0 ? arm_svc : in->op == 1 ? arm_bkpt : arm_udf)(a, u); break;
	case K_HINT: arm_hint(a, (ArmHint)in->op); break;
	case K_BARRIER: arm_barrier(a, (ArmBarrier)in->op, (unsigned)in->x); break;
	case K_CPS: arm_cps(a, in->op, in->x, in->y); break;
	case K_VLDST: arm_vldst(a, in->op, (ArmFp)in->x, (unsigned)r[0], r1, (int32_t)in->imm); break;
	case K_VMOVC: arm_vmov_core(a, in->op, (unsigned)r[0], r1); break;
	case K_VMOVC2: arm_vmov_core2(a, in->op, (unsigned)r[0], r1, r2); break;
	case K_VMOVI: arm_vmov_imm(a, (ArmFp)in->x, (unsigned)r[0], in->bits); break;
	case K_VOP3: arm_vop3(a, (ArmVOp3)in->op, (ArmFp)in->x, (unsigned)r[0], (unsigned)r[1], (unsigned)r[2]); break;
	case K_VOP2: arm_vop2(a, (ArmVOp2)in->op, (ArmFp)in->x, (unsigned)r[0], (unsigned)r[1]); break;
	case K_VCMP: arm_vcmp(a, in->op, (ArmFp)in->x, (unsigned)r[0], (unsigned)r[1]); break;
	case K_VCMPZ: arm_vcmp_zero(a, in->op, (ArmFp)in->x, (unsigned)r[0]); break;
	case K_VCVT: arm_vcvt(a, (ArmVcvt)in->op, (ArmFp)in->x, (unsigned)r[0], (unsigned)r[1]); break;
	case K_VCVTFP: arm_vcvt_fp(a, in->op, (unsigned)r[0], (unsigned)r[1]); break;
	case K_VSEL: arm_vsel(a, (ArmCond)in->op, (ArmFp)in->x, (unsigned)r[0], (unsigned)r[1], (unsigned)r[2]); break;
	case K_VMRS: (in->op ? arm_vmsr : arm_vmrs)(a, r0); break;
	case K_VPUSH: arm_vpushpop(a, in->op, (ArmFp)in->x, (unsigned)r[0], (unsigned)in->y); break;
	}
}

/* --- assembler spelling --- */

const char *const condname[15] = {
	"eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le", "al",
};
static const char *const dpname[] = {
#define X(n) #n,
	ARM_DP_OPS(X)
#undef X
};
static const char *const shname[] = {"lsl", "lsr", "asr", "ror", "rrx"};
static const char *const memname[] = {"ldr", "ldrb", "ldrh", "ldrsb", "ldrsh", "str", "strb", "strh"};
static const char *const vop3name[] = {
#define X(n, bits, v5) #n,
	ARM_VOP3_OPS(X)
#undef X
};
static const char *const vop2name[] = {
#define X(n, bits, v5) #n,
	ARM_VOP2_OPS(X)
#undef X
};

static const char *reg(int r)
{
	static const char *const n[] = {"r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8",
	                                "r9", "r10", "r11", "r12", "sp", "lr", "pc"};
	return n[r & 15];
}

/* Lower-case copy of an upper-case table name (into a rotating buffer). */
static const char *lc(const char *s)
{
	static char buf[4][16];
	static int i;
	char *d = buf[i++ & 3];
	size_t k;

	for (k = 0; s[k] && k < 15; k++)
		d[k] = (char)(s[k] >= 'A' && s[k] <= 'Z' ? s[k] + 32 : s[k]);
	d[k] = 0;
	return d;
}

static const char *sysname(int sys, bool msr)
{
	switch (sys) {
	case ARM_SYS_APSR: return msr ? "apsr_nzcvq" : "apsr";
	case ARM_SYS_IAPSR: return msr ? "iapsr_nzcvq" : "iapsr";
	case ARM_SYS_EAPSR: return msr ? "eapsr_nzcvq" : "eapsr";
	case ARM_SYS_XPSR: return msr ? "xpsr_nzcvq" : "xpsr";
	case ARM_SYS_IPSR: return "ipsr";
	case ARM_SYS_EPSR: return "epsr";
	case ARM_SYS_IEPSR: return "iepsr";
	case ARM_SYS_MSP: return "msp";
	case ARM_SYS_PSP: return "psp";
	case ARM_SYS_MSPLIM: return "msplim";
	case ARM_SYS_PSPLIM: return "psplim";
	case ARM_SYS_PRIMASK: return "primask";
	case ARM_SYS_BASEPRI: return "basepri";
	case ARM_SYS_BASEPRI_MAX: return "basepri_max";
	case ARM_SYS_FAULTMASK: return "faultmask";
	case ARM_SYS_CONTROL: return "control";
	}
	return "?";
}

/* "{r0, r4, lr}" */
static void reglist(char *out, size_t n, unsigned regs)
{
	size_t len = 0;

	len += (size_t)snprintf(out + len, n - len, "{");
	for (int i = 0; i < 16; i++)
		if (regs >> i & 1)
			len += (size_t)snprintf(out + len, n - len, "%s%s", len > 1 ? ", " : "", reg(i));
	snprintf(out + len, n - len, "}");
}

static char vr(int fp) { return fp == ARM_F64 ? 'd' : 's'; }
static const char *ft(int fp) { return fp == ARM_F64 ? "f64" : "f32"; }

/* Formats a VFP immediate so that `as` reads back exactly bits. */
static void vimm_text(char *out, size_t n, int fp, uint64_t bits)
{
	double d;

	if (fp == ARM_F64) {
		memcpy(&d, &bits, 8);
	} else {
		uint32_t b = (uint32_t)bits;
		float f;
		memcpy(&f, &b, 4);
		d = f;
	}
	snprintf(out, n, "%.17g", d);
}

/* The literal assembler text of in, with condition suffix cc ("" outside IT). */
static void fmt(const Ins *in, const char *cc, char *out, size_t n)
{
	const int *r = in->r;
	const char *s = in->fl == ARM_SETS ? "s" : "";
	uint32_t u = (uint32_t)in->imm;
	char sh[32] = "", list[128], num[64];

	switch (in->k) {
	case K_DPR:
		if (in->x == ARM_RRX)
			snprintf(sh, sizeof sh, ", rrx");
		else if (in->y)
			snprintf(sh, sizeof sh, ", %s #%d", shname[in->x], in->y);
		if (in->op >= ARM_TST)
			snprintf(out, n, "%s%s %s, %s%s", lc(dpname[in->op]), cc, reg(r[1]), reg(r[2]), sh);
		else if (in->op == ARM_MOV || in->op == ARM_MVN)
			snprintf(out, n, "%s%s%s %s, %s%s", lc(dpname[in->op]), s, cc, reg(r[0]), reg(r[2]), sh);
		else
			snprintf(out, n, "%s%s%s %s, %s, %s%s", lc(dpname[in->op]), s, cc, reg(r[0]),
			         reg(r[1]), reg(r[2]), sh);
		break;
	case K_DPI:
		if (in->op >= ARM_TST)
			snprintf(out, n, "%s%s %s, #0x%" PRIx32, lc(dpname[in->op]), cc, reg(r[1]), u);
		else if (in->op == ARM_MOV || in->op == ARM_MVN)
			snprintf(out, n, "%s%s%s %s, #0x%" PRIx32, lc(dpname[in->op]), s, cc, reg(r[0]), u);
		else
			snprintf(out, n, "%s%s%s %s, %s, #0x%" PRIx32, lc(dpname[in->op]), s, cc, reg(r[0]),
			         reg(r[1]), u);
		break;
	case K_SHI:
		if (in->op == ARM_RRX)
			snprintf(out, n, "rrx%s%s %s, %s", s, cc, reg(r[0]), reg(r[1]));
		else
			snprintf(out, n, "%s%s%s %s, %s, #%d", shname[in->op], s, cc, reg(r[0]), reg(r[1]), in->y);
		break;
	case K_SHR:
		snprintf(out, n, "%s%s%s %s, %s, %s", shname[in->op], s, cc, reg(r[0]), reg(r[1]), reg(r[2]));
		break;
	case K_CONST: /* only the single-instruction spelling; see alternatives() */
		snprintf(out, n, "mov%s%s %s, #0x%" PRIx32, in->fl == ARM_ANY ? "s" : "", cc, reg(r[0]), u);
		break;
	case K_MOVWT:
		snprintf(out, n, "%s%s %s, #0x%" PRIx32, in->op ? "movt" : "movw", cc, reg(r[0]), u);
		break;
	case K_MUL:
		snprintf(out, n, "mul%s%s %s, %s, %s", s, cc, reg(r[0]), reg(r[1]), reg(r[2]));
		break;
	case K_MLA:
		snprintf(out, n, "%s%s %s, %s, %s, %s", in->op ? "mls" : "mla", cc, reg(r[0]), reg(r[1]),
		         reg(r[2]), reg(r[3]));
		break;
	case K_MULL: {
		static const char *const nm[] = {"smull", "umull", "smlal", "umlal"};
		snprintf(out, n, "%s%s %s, %s, %s, %s", nm[in->op], cc, reg(r[0]), reg(r[1]), reg(r[2]),
		         reg(r[3]));
		break;
	}
	case K_DIV:
		snprintf(out, n, "%s%s %s, %s, %s", in->op ? "sdiv" : "udiv", cc, reg(r[0]), reg(r[1]),
		         reg(r[2]));
		break;
	case K_BITOP: {
		static const char *const nm[] = {"clz", "rbit", "rev", "rev16", "revsh"};
		snprintf(out, n, "%s%s %s, %s", nm[in->op], cc, reg(r[0]), reg(r[1]));
		break;
	}
	case K_EXT: {
		static const char *const nm[] = {"sxth", "sxtb", "uxth", "uxtb"};
		if (in->x)
			snprintf(sh, sizeof sh, ", ror #%d", in->x);
		snprintf(out, n, "%s%s %s, %s%s", nm[in->op], cc, reg(r[0]), reg(r[1]), sh);
		break;
	}
	case K_BFX:
		snprintf(out, n, "%s%s %s, %s, #%d, #%d", in->op ? "sbfx" : "ubfx", cc, reg(r[0]),
		         reg(r[1]), in->x, in->y);
		break;
	case K_BFI:
		snprintf(out, n, "bfi%s %s, %s, #%d, #%d", cc, reg(r[0]), reg(r[1]), in->x, in->y);
		break;
	case K_BFC:
		snprintf(out, n, "bfc%s %s, #%d, #%d", cc, reg(r[0]), in->x, in->y);
		break;
	case K_LDST:
		if (in->x == ARM_OFFSET)
			snprintf(out, n, "%s%s %s, [%s, #%" PRId64 "]", memname[in->op], cc, reg(r[0]),
			         reg(r[1]), in->imm);
		else if (in->x == ARM_PRE)
			snprintf(out, n, "%s%s %s, [%s, #%" PRId64 "]!", memname[in->op], cc, reg(r[0]),
			         reg(r[1]), in->imm);
		else
			snprintf(out, n, "%s%s %s, [%s], #%" PRId64, memname[in->op], cc, reg(r[0]), reg(r[1]),
			         in->imm);
		break;
	case K_LDSTR:
		if (in->x)
			snprintf(sh, sizeof sh, ", lsl #%d", in->x);
		snprintf(out, n, "%s%s %s, [%s, %s%s]", memname[in->op], cc, reg(r[0]), reg(r[1]),
		         reg(r[2]), sh);
		break;
	case K_LDSTD: {
		const char *m = in->op ? "ldrd" : "strd";
		if (in->x == ARM_OFFSET)
			snprintf(out, n, "%s%s %s, %s, [%s, #%" PRId64 "]", m, cc, reg(r[0]), reg(r[1]),
			         reg(r[2]), in->imm);
		else if (in->x == ARM_PRE)
			snprintf(out, n, "%s%s %s, %s, [%s, #%" PRId64 "]!", m, cc, reg(r[0]), reg(r[1]),
			         reg(r[2]), in->imm);
		else
			snprintf(out, n, "%s%s %s, %s, [%s], #%" PRId64, m, cc, reg(r[0]), reg(r[1]),
			         reg(r[2]), in->imm);
		break;
	}
	case K_LDSTM:
		reglist(list, sizeof list, u);
		snprintf(out, n, "%s%s%s %s%s, %s", in->op ? "ldm" : "stm", in->x ? "db" : "", cc,
		         reg(r[0]), in->y ? "!" : "", list);
		break;
	case K_PUSHPOP:
		reglist(list, sizeof list, u);
		snprintf(out, n, "%s%s %s", in->op ? "push" : "pop", cc, list);
		break;
	case K_BX:
		snprintf(out, n, "%s%s %s", in->op ? "blx" : "bx", cc, reg(r[0]));
		break;
	case K_SYSREG:
		if (in->op)
			snprintf(out, n, "msr%s %s, %s", cc, sysname(in->x, true), reg(r[0]));
		else
			snprintf(out, n, "mrs%s %s, %s", cc, reg(r[0]), sysname(in->x, false));
		break;
	case K_EXC:
		snprintf(out, n, "%s%s #%" PRIu32, in->op == 0 ? "svc" : in->op == 1 ? "bkpt" : "udf",
		         in->op == 0 ? cc : "", u);
		break;
	case K_HINT: {
		static const char *const nm[] = {"nop", "yield", "wfe", "wfi", "sev"};
		snprintf(out, n, "%s%s", nm[in->op], cc);
		break;
	}
	case K_BARRIER: {
		static const char *const nm[] = {"dsb", "dmb", "isb"};
		snprintf(out, n, "%s%s #%d", nm[in->op], cc, in->x);
		break;
	}
	case K_CPS:
		snprintf(out, n, "cps%s %s%s", in->op ? "id" : "ie", in->x ? "i" : "", in->y ? "f" : "");
		break;
	case K_VLDST:
		snprintf(out, n, "%s%s %c%d, [%s, #%" PRId64 "]", in->op ? "vldr" : "vstr", cc, vr(in->x),
		         r[0], reg(r[1]), in->imm);
		break;
	case K_VMOVC:
		if (in->op)
			snprintf(out, n, "vmov%s %s, s%d", cc, reg(r[1]), r[0]);
		else
			snprintf(out, n, "vmov%s s%d, %s", cc, r[0], reg(r[1]));
		break;
	case K_VMOVC2:
		if (in->op)
			snprintf(out, n, "vmov%s %s, %s, d%d", cc, reg(r[1]), reg(r[2]), r[0]);
		else
			snprintf(out, n, "vmov%s d%d, %s, %s", cc, r[0], reg(r[1]), reg(r[2]));
		break;
	case K_VMOVI:
		vimm_text(num, sizeof num, in->x, in->bits);
		snprintf(out, n, "vmov%s.%s %c%d, #%s", cc, ft(in->x), vr(in->x), r[0], num);
		break;
	case K_VOP3:
		snprintf(out, n, "%s%s.%s %c%d, %c%d, %c%d", lc(vop3name[in->op]), cc, ft(in->x),
		         vr(in->x), r[0], vr(in->x), r[1], vr(in->x), r[2]);
		break;
	case K_VOP2:
		snprintf(out, n, "%s%s.%s %c%d, %c%d", lc(vop2name[in->op]), cc, ft(in->x), vr(in->x), r[0],
		         vr(in->x), r[1]);
		break;
	case K_VCMP:
		snprintf(out, n, "vcmp%s%s.%s %c%d, %c%d", in->op ? "e" : "", cc, ft(in->x), vr(in->x),
		         r[0], vr(in->x), r[1]);
		break;
	case K_VCMPZ:
		snprintf(out, n, "vcmp%s%s.%s %c%d, #0", in->op ? "e" : "", cc, ft(in->x), vr(in->x), r[0]);
		break;
	case K_VCVT: {
		static const char *const rnd[] = {"", "", "r", "r", "a", "a", "n", "n", "p", "p", "m", "m"};
		if (in->op >= ARM_VCVT_FROM_S32)
			snprintf(out, n, "vcvt%s.%s.%s %c%d, s%d", cc, ft(in->x),
			         in->op == ARM_VCVT_FROM_S32 ? "s32" : "u32", vr(in->x), r[0], r[1]);
		else
			snprintf(out, n, "vcvt%s%s.%s.%s s%d, %c%d", rnd[in->op], cc, in->op % 2 ? "u32" : "s32",
			         ft(in->x), r[0], vr(in->x), r[1]);
		break;
	}
	case K_VCVTFP:
		if (in->op)
			snprintf(out, n, "vcvt%s.f64.f32 d%d, s%d", cc, r[0], r[1]);
		else
			snprintf(out, n, "vcvt%s.f32.f64 s%d, d%d", cc, r[0], r[1]);
		break;
	case K_VSEL:
		snprintf(out, n, "vsel%s.%s %c%d, %c%d, %c%d", condname[in->op], ft(in->x), vr(in->x), r[0],
		         vr(in->x), r[1], vr(in->x), r[2]);
		break;
	case K_VMRS:
		if (in->op)
			snprintf(out, n, "vmsr%s fpscr, %s", cc, reg(r[0]));
		else if (r[0] == ARM_PC)
			snprintf(out, n, "vmrs%s APSR_nzcv, fpscr", cc);
		else
			snprintf(out, n, "vmrs%s %s, fpscr", cc, reg(r[0]));
		break;
	case K_VPUSH:
		if (in->y == 1)
			snprintf(out, n, "%s%s {%c%d}", in->op ? "vpush" : "vpop", cc, vr(in->x), r[0]);
		else
			snprintf(out, n, "%s%s {%c%d-%c%d}", in->op ? "vpush" : "vpop", cc, vr(in->x), r[0],
			         vr(in->x), r[0] + in->y - 1);
		break;
	}
}

/* --- alternatives, rejected calls --- */

#define MAXALT 8
typedef struct Alts {
	char t[MAXALT][320];
	int n;
} Alts;

static void alt_add(Alts *al, const char *prefix, const char *text)
{
	if (al->n == MAXALT)
		return;
	for (int i = 0; i < al->n; i++)
		if (!strcmp(al->t[i] + strlen(prefix), text))
			return;
	snprintf(al->t[al->n++], sizeof al->t[0], "%s%s", prefix, text);
}

/* Whether the encoder accepts in at the current IT position (of t->a). */
static bool probe(T *t, const Ins *in)
{
	t->sbuf.len = 0;
	t->s.it_left = t->a.it_left;
	memcpy(t->s.it_cond, t->a.it_cond, sizeof t->s.it_cond);
	arm_take_error(&t->s);
	emit(&t->s, in);
	return arm_take_error(&t->s) == ARM_OK;
}

static bool has_flags(const Ins *in)
{
	switch (in->k) {
	case K_DPR: case K_DPI: return in->op < ARM_TST;
	case K_SHI: case K_SHR: case K_MUL: return true;
	default: return false;
	}
}

/* The ADDW/SUBW/MOVW spelling of an immediate ADD/SUB/MOV, if it has one. */
static void wide_alt(const Ins *in, const char *cc, const char *prefix, Alts *al)
{
	char buf[256];
	uint32_t u = (uint32_t)in->imm;

	if (in->fl != ARM_KEEP)
		return;
	if ((in->op == ARM_ADD || in->op == ARM_SUB) && u <= 0xfff && in->r[1] != ARM_PC)
		snprintf(buf, sizeof buf, "%s%s %s, %s, #0x%" PRIx32, in->op == ARM_ADD ? "addw" : "subw",
		         cc, reg(in->r[0]), reg(in->r[1]), u);
	else if (in->op == ARM_MOV && u <= 0xffff)
		snprintf(buf, sizeof buf, "movw%s %s, #0x%" PRIx32, cc, reg(in->r[0]), u);
	else
		return;
	alt_add(al, prefix, buf);
}

/* All texts `as` may spell in with (see the file comment). */
static void alternatives(T *t, const Ins *in, const char *cc, const char *prefix, Alts *al)
{
	char buf[256];

	if (has_flags(in) && in->fl == ARM_ANY) {
		for (int fl = ARM_KEEP; fl <= ARM_SETS; fl++) {
			Ins v = *in;
			v.fl = fl;
			if (probe(t, &v))
				alternatives(t, &v, cc, prefix, al);
		}
		return;
	}
	if (in->k == K_CONST) {
		uint32_t v = (uint32_t)in->imm, lo = v & 0xffff;
		Ins m = {.k = K_DPI, .op = ARM_MOV, .fl = in->fl, .r = {in->r[0]}, .imm = v};
		if (arm_dp_imm_ok(ARM_MOV, (ArmFlags)in->fl, v))
			alternatives(t, &m, cc, prefix, al);
		if (*cc)
			return;
		snprintf(buf, sizeof buf, "movw %s, #0x%" PRIx32 "\n\tmovt %s, #0x%" PRIx32, reg(in->r[0]),
		         lo, reg(in->r[0]), v >> 16);
		alt_add(al, prefix, buf);
		if (in->fl == ARM_ANY && arm_modimm_ok(lo)) {
			snprintf(buf, sizeof buf, "movs %s, #0x%" PRIx32 "\n\tmovt %s, #0x%" PRIx32,
			         reg(in->r[0]), lo, reg(in->r[0]), v >> 16);
			alt_add(al, prefix, buf);
		}
		if (arm_modimm_ok(lo) || arm_modimm_ok(~lo)) {
			snprintf(buf, sizeof buf, "mov %s, #0x%" PRIx32 "\n\tmovt %s, #0x%" PRIx32,
			         reg(in->r[0]), lo, reg(in->r[0]), v >> 16);
			alt_add(al, prefix, buf);
		}
		return;
	}
	if (in->k == K_DPR && in->op == ARM_ADD && in->r[2] == ARM_SP && in->r[1] != ARM_SP &&
	    in->y == 0) {
		/* `as` takes add rd, rn, sp as add rd, sp, rn, except add rd, sp */
		Ins sw = *in;
		sw.r[1] = ARM_SP;
		sw.r[2] = in->r[1];
		fmt(&sw, cc, buf, sizeof buf);
		alt_add(al, prefix, buf);
		if (in->fl == ARM_SETS || in->r[0] != in->r[1])
			return;
	}
	if (in->k == K_SHI && in->op != ARM_RRX && in->y == 0) {
		/* a shift by 0 is a move */
		Ins m = {.k = K_DPR, .op = ARM_MOV, .fl = in->fl, .r = {in->r[0], 0, in->r[1]}};
		alternatives(t, &m, cc, prefix, al);
		return;
	}
	if (in->k == K_DPI && *cc && (in->op == ARM_ADD || in->op == ARM_SUB || in->op == ARM_MOV)) {
		uint32_t u = (uint32_t)in->imm;
		uint32_t f = in->op == ARM_MOV ? ~u : 0u - u;
		if (!arm_modimm_ok(u) && !arm_modimm_ok(f)) {
			/* inside IT blocks `as` only makes addw/subw/movw when spelled out */
			Ins g = *in;
			wide_alt(in, cc, prefix, al);
			g.op = in->op == ARM_ADD ? ARM_SUB : in->op == ARM_SUB ? ARM_ADD : ARM_MVN;
			g.imm = f;
			wide_alt(&g, cc, prefix, al);
			return;
		}
	}
	if (in->k == K_LDSTM && !in->op && !in->x && in->y && in->r[0] == ARM_SP) {
		/* GNU as 2.40 assembles `stmia sp!, {low regs}` as PUSH, which is
		 * STMDB: spell out the 32-bit form (or the STR of one register) */
		unsigned list = (unsigned)in->imm & 0xffff;
		if (list & (list - 1)) {
			char l[128];
			reglist(l, sizeof l, list);
			snprintf(buf, sizeof buf, "stmia%s.w sp!, %s", cc, l);
			alt_add(al, prefix, buf);
		} else if (list) {
			int r = 0;
			while (!(list >> r & 1))
				r++;
			snprintf(buf, sizeof buf, "str%s %s, [sp], #4", cc, reg(r));
			alt_add(al, prefix, buf);
		}
		return;
	}
	fmt(in, cc, buf, sizeof buf);
	alt_add(al, prefix, buf);
	if (in->k == K_DPI) {
		/* the complementary operation with the complementary immediate */
		static const int other[] = {
			[ARM_AND] = ARM_BIC, [ARM_BIC] = ARM_AND, [ARM_ORR] = ARM_ORN, [ARM_ORN] = ARM_ORR,
			[ARM_EOR] = -1, [ARM_ADD] = ARM_SUB, [ARM_ADC] = ARM_SBC, [ARM_SBC] = ARM_ADC,
			[ARM_SUB] = ARM_ADD, [ARM_RSB] = -1, [ARM_MOV] = ARM_MVN, [ARM_MVN] = ARM_MOV,
			[ARM_TST] = -1, [ARM_TEQ] = -1, [ARM_CMP] = ARM_CMN, [ARM_CMN] = ARM_CMP,
		};
		Ins f = *in;
		if (other[in->op] < 0)
			return;
		f.op = other[in->op];
		f.imm = (uint32_t)(in->op == ARM_ADD || in->op == ARM_SUB || in->op == ARM_CMP ||
		                   in->op == ARM_CMN ? 0u - (uint32_t)in->imm : ~(uint32_t)in->imm);
		if (probe(t, &f)) {
			fmt(&f, cc, buf, sizeof buf);
			alt_add(al, prefix, buf);
			/* (inside IT blocks `as` wants addw/subw/movw spelled out) */
			wide_alt(&f, cc, prefix, al);
		}
		wide_alt(in, cc, prefix, al);
	}

	if (in->k == K_LDSTM && in->r[0] == ARM_SP && in->y && in->op == !in->x) {
		/* ldmia sp! is pop, stmdb sp! is push */
		Ins p = {.k = K_PUSHPOP, .op = !in->op, .imm = in->imm};
		fmt(&p, cc, buf, sizeof buf);
		alt_add(al, prefix, buf);
	}
}

/* The core registers among the operands of in (PC meaning APSR_nzcv in
 * VMRS excluded). */
static int core_regs(const Ins *in, int *out)
{
	static const struct { int k; int mask; } tab[] = {
		{K_DPR, 7}, {K_DPI, 3}, {K_SHI, 3}, {K_SHR, 7}, {K_CONST, 1}, {K_MOVWT, 1},
		{K_MUL, 7}, {K_MLA, 15}, {K_MULL, 15}, {K_DIV, 7}, {K_BITOP, 3}, {K_EXT, 3},
		{K_BFX, 3}, {K_BFI, 3}, {K_BFC, 1}, {K_LDST, 3}, {K_LDSTR, 7}, {K_LDSTD, 7},
		{K_LDSTM, 1}, {K_BX, 1}, {K_SYSREG, 1}, {K_VLDST, 2}, {K_VMOVC, 2}, {K_VMOVC2, 6},
		{K_VMRS, 1},
	};
	int mask = 0, n = 0;

	for (int i = 0; i < N(tab); i++)
		if (tab[i].k == in->k)
			mask = tab[i].mask;
	if ((in->k == K_DPR || in->k == K_DPI) && in->op >= ARM_TST)
		mask &= ~1; /* no Rd */
	if ((in->k == K_DPR || in->k == K_DPI) && (in->op == ARM_MOV || in->op == ARM_MVN))
		mask &= ~2; /* no Rn */
	if (in->k == K_VMRS && in->op == 0 && in->r[0] == ARM_PC)
		mask = 0;
	for (int i = 0; i < 4; i++)
		if (mask >> i & 1)
			out[n++] = in->r[i];
	return n;
}

/* Why the encoder rejects in on purpose where `as` is more permissive, or
 * NULL: registers the ARM ARM makes UNPREDICTABLE (or deprecates) there,
 * which `as` mostly lets through, and special registers the target lacks.
 * Such calls are counted, not sent to `as`; the SP forms a compiler needs
 * are checked to be accepted by must_accept(). */
static const char *policy(const T *t, const Ins *in)
{
	int r[4], n = core_regs(in, r);
	unsigned list = (unsigned)in->imm;

	for (int i = 0; i < n; i++)
		if (r[i] == ARM_PC)
			return "PC operand";
	for (int i = 0; i < n; i++)
		if (r[i] == ARM_SP)
			return "SP operand";
	if ((in->k == K_VMOVC2 && in->r[0] >= 16) ||
	    (in->x == ARM_F64 && (in->k == K_VLDST || in->k == K_VOP3 || in->k == K_VOP2 ||
	                          in->k == K_VCMP || in->k == K_VCMPZ || in->k == K_VSEL ||
	                          in->k == K_VMOVI || in->k == K_VPUSH) &&
	     (in->r[0] >= 16 || ((in->k == K_VOP3 || in->k == K_VOP2 || in->k == K_VCMP ||
	                          in->k == K_VSEL) && in->r[1] >= 16) ||
	      ((in->k == K_VOP3 || in->k == K_VSEL) && in->r[2] >= 16))))
		return "D16-D31 (absent on M-profile)";
	switch (in->k) {
	case K_LDSTD:
		if ((in->op && in->r[0] == in->r[1]) ||
		    (in->x != ARM_OFFSET && (in->r[2] == in->r[0] || in->r[2] == in->r[1])))
			return "overlapping registers";
		break;
	case K_LDST:
		if (in->x != ARM_OFFSET && in->r[0] == in->r[1])
			return "overlapping registers";
		break;
	case K_MULL:
		if (in->r[0] == in->r[1])
			return "overlapping registers";
		break;
	case K_VMOVC2:
		if (in->op && in->r[1] == in->r[2])
			return "overlapping registers";
		break;
	case K_LDSTM:
		if (in->y && (list >> in->r[0] & 1))
			return "overlapping registers";
		/* fall through */
	case K_PUSHPOP:
		if ((list & 1u << ARM_SP) || (list & 0xc000) == 0xc000 ||
		    ((list & 1u << ARM_PC) && (in->k == K_LDSTM ? !in->op : in->op)))
			return "register list";
		break;
	case K_SYSREG:
		if ((in->op && (in->x == ARM_SYS_IPSR || in->x == ARM_SYS_EPSR || in->x == ARM_SYS_IEPSR)) ||
		    (!(t->p->feat & ARM_FEAT_V8M) && (in->x == ARM_SYS_MSPLIM || in->x == ARM_SYS_PSPLIM)))
			return "special register";
		break;
	}
	return NULL;
}

/* The ARM_FEAT_* in needs, restated from the architecture manuals
 * independently of the encoder: any VFP instruction needs an FPU, double
 * precision arithmetic (not loads, stores and moves of D registers) FP64,
 * and the ARMv8 additions FPv5. */
static unsigned needs(const Ins *in)
{
	bool dbl = in->x == ARM_F64;

	switch (in->k) {
	case K_VOP3:
		return ARM_FEAT_FP | (dbl ? ARM_FEAT_FP64 : 0u) |
		       (in->op >= ARM_VMAXNM ? ARM_FEAT_FPV5 : 0u);
	case K_VOP2:
		return ARM_FEAT_FP | (dbl ? ARM_FEAT_FP64 : 0u) |
		       (in->op >= ARM_VRINTR ? ARM_FEAT_FPV5 : 0u);
	case K_VCVT:
		return ARM_FEAT_FP | (dbl ? ARM_FEAT_FP64 : 0u) |
		       (in->op >= ARM_VCVTA_S32 && in->op <= ARM_VCVTM_U32 ? ARM_FEAT_FPV5 : 0u);
	case K_VSEL:
		return ARM_FEAT_FP | ARM_FEAT_FPV5 | (dbl ? ARM_FEAT_FP64 : 0u);
	case K_VMOVI: case K_VCMP: case K_VCMPZ:
		return ARM_FEAT_FP | (dbl ? ARM_FEAT_FP64 : 0u);
	case K_VCVTFP:
		return ARM_FEAT_FP | ARM_FEAT_FP64;
	case K_VLDST: case K_VMOVC: case K_VMOVC2: case K_VMRS: case K_VPUSH:
		return ARM_FEAT_FP;
	default:
		return 0;
	}
}

/* Rejections by reason (policy() or "cross-checked with as"). */
typedef struct Reason { const char *why; size_t n; } Reason;
static Reason reasons[16];

static void count_reason(const char *why)
{
	int i;
	for (i = 0; i < 15 && reasons[i].why && strcmp(reasons[i].why, why); i++)
		;
	reasons[i].why = why;
	reasons[i].n++;
}

/* Runs one call: outside an IT block (itcond < 0) or as the only
 * instruction of `it <itcond>`; records a case or a rejected call. */
static void gen_at(T *t, const Ins *in, int itcond)
{
	size_t start = t->buf.len;
	char prefix[32] = "", buf[256];
	const char *cc = "";
	Alts al = {.n = 0};
	ArmErr err;
	Case c;

	if (itcond >= 0) {
		arm_it(&t->a, (ArmCond)itcond, "");
		snprintf(prefix, sizeof prefix, "it %s\n\t", condname[itcond]);
		cc = condname[itcond];
	}
	alternatives(t, in, cc, prefix, &al);
	emit(&t->a, in);
	err = arm_take_error(&t->a);
	fmt(in, cc, buf, sizeof buf);
	if (err == ARM_OK && (needs(in) & ~t->p->feat))
		FAIL("%s: `%s` accepted on a target without the feature", t->p->name, buf);
	if ((err == ARM_ERR_FEATURE) != ((needs(in) & ~t->p->feat) != 0) && err != ARM_OK)
		FAIL("%s: `%s` rejected with \"%s\"", t->p->name, buf, arm_error_str(err));
	if (err == ARM_ERR_FEATURE) {
		/* to `as`, whose feature checks have gaps (see check_pass) */
		t->buf.len = start;
		t->a.it_left = 0;
		snprintf(al.t[0], sizeof al.t[0], "%s%s @ %s", prefix, buf, arm_error_str(err));
		PUSH(t->fnegs, t->nfnegs, t->capfnegs, xstrdup(al.t[0]));
		return;
	}
	if (err == ARM_ERR_OPERAND && in->k == K_DPI && in->r[0] < 13 && in->r[1] < 13 &&
	    arm_dp_imm_ok((ArmDpOp)in->op, (ArmFlags)in->fl, (uint32_t)in->imm))
		FAIL("%s: `%s` rejected, but arm_dp_imm_ok says yes", t->p->name, buf);
	if (err != ARM_OK) {
		const char *why = policy(t, in);
		t->buf.len = start;
		t->a.it_left = 0;
		if (why) {
			count_reason(why);
			return;
		}
		snprintf(al.t[0], sizeof al.t[0], "%s%s @ %s", prefix, buf, arm_error_str(err));
		PUSH(t->negs, t->nnegs, t->capnegs, xstrdup(al.t[0]));
		return;
	}
	if (t->a.it_left) {
		FAIL("%s: IT block still open after `%s`", t->p->name, al.t[0]);
		t->a.it_left = 0;
	}
	if (in->k == K_DPI && in->r[0] < 13 && in->r[1] < 13 &&
	    !arm_dp_imm_ok((ArmDpOp)in->op, (ArmFlags)in->fl, (uint32_t)in->imm))
		FAIL("%s: `%s` encoded, but arm_dp_imm_ok says no", t->p->name, buf);
	c.off = start;
	c.len = t->buf.len - start;
	c.alt0 = t->nalts;
	c.nalt = (size_t)al.n;
	for (int i = 0; i < al.n; i++)
		PUSH(t->alts, t->nalts, t->capalts, xstrdup(al.t[i]));
	PUSH(t->cases, t->ncases, t->capcases, c);
}

/* Outside an IT block only. */
static void gen(T *t, const Ins *in)
{
	gen_at(t, in, -1);
}

/* Outside and inside an IT block (conditions rotate through all 14). */
static void gen2(T *t, const Ins *in)
{
	gen_at(t, in, -1);
	gen_at(t, in, t->itc++ % 14);
}

/* --- the instruction set to check --- */

static const int S9[] = {0, 1, 2, 7, 8, 12, 13, 14, 15};
static const int S5[] = {0, 1, 7, 8, 13};

uint32_t lcg(void)
{
	static uint32_t state = 12345;

	state = state * 1103515245u + 12345u;
	return state >> 8 ^ state << 13;
}

static void gen_dp(T *t)
{
	static const uint32_t imms[] = {
		0, 1, 3, 4, 7, 8, 255, 256, 257, 508, 510, 512, 1020, 1024, 4095, 4096, 0xff00, 0xffff,
		0x10000, 0xff00ff, 0xff00ff00, 0xffffffff, 0xfffffffe, 0xffffff00, 0xfffff001, 0xfffff000,
		0xfffffff9, 0xfffffff8, 0xffffff01, 0xffffff00, 0x80000000, 0x12345678, 0x00ab00ab,
		0xabababab, 0xab00ab00, 0x3fc00, 0x7f8, 0x1fe, 0xfffffe04, 0xfffffc04, 0x1001,
	};
	static const int immregs[][2] = {
		{0, 0}, {0, 1}, {1, 7}, {7, 7}, {8, 8}, {8, 9}, {2, 13}, {13, 13}, {0, 15}, {13, 0},
		{15, 0}, {12, 14}, {10, 13},
	};

	for (int op = 0; op < ARM_DP_COUNT; op++) {
		bool cmp = op >= ARM_TST, mov = op == ARM_MOV || op == ARM_MVN;
		for (int fl = cmp ? ARM_SETS : ARM_KEEP; fl <= (cmp ? ARM_SETS : ARM_ANY); fl++) {
			/* register forms: register combinations, each field swept */
			if (cmp || mov) {
				for (int a = 0; a < 16; a++)
					for (int b = 0; b < 16; b++) {
						Ins in = {.k = K_DPR, .op = op, .fl = fl, .r = {a, a, b}};
						if (cmp)
							in.r[0] = 0, in.r[1] = a;
						gen2(t, &in);
					}
			} else {
				for (int a = 0; a < N(S9); a++)
					for (int b = 0; b < N(S9); b++)
						for (int c = 0; c < N(S9); c++) {
							Ins in = {.k = K_DPR, .op = op, .fl = fl, .r = {S9[a], S9[b], S9[c]}};
							gen(t, &in);
						}
				for (int a = 0; a < N(S5); a++)
					for (int b = 0; b < N(S5); b++)
						for (int c = 0; c < N(S5); c++) {
							Ins in = {.k = K_DPR, .op = op, .fl = fl, .r = {S5[a], S5[b], S5[c]}};
							gen_at(t, &in, t->itc++ % 14);
						}
				for (int f = 0; f < 3; f++)
					for (int r = 0; r < 16; r++) {
						Ins in = {.k = K_DPR, .op = op, .fl = fl, .r = {3, 5, 6}};
						in.r[f] = r;
						gen(t, &in);
					}
			}
			/* shifted register operands */
			for (int sh = ARM_LSL; sh <= ARM_RRX; sh++) {
				static const int amounts[] = {0, 1, 2, 3, 4, 15, 31, 32};
				for (int i = 0; i < N(amounts); i++) {
					static const int regs[][3] = {{1, 2, 3}, {8, 9, 10}, {13, 13, 4}, {4, 13, 5}, {0, 0, 1}};
					if (sh == ARM_RRX && amounts[i])
						continue;
					for (int j = 0; j < 5; j++) {
						Ins in = {.k = K_DPR, .op = op, .fl = fl,
						          .r = {regs[j][0], regs[j][1], regs[j][2]},
						          .x = sh, .y = amounts[i]};
						gen(t, &in);
					}
				}
			}
			/* immediates */
			for (int i = 0; i < N(imms); i++)
				for (int j = 0; j < N(immregs); j++) {
					Ins in = {.k = K_DPI, .op = op, .fl = fl, .r = {immregs[j][0], immregs[j][1]},
					          .imm = imms[i]};
					if (j < 5)
						gen2(t, &in);
					else
						gen(t, &in);
				}
		}
	}
	/* every modified immediate (and a non-encodable neighbour), in EOR,
	 * which has no complementary op to fall back on */
	for (unsigned imm12 = 0; imm12 < 4096; imm12++) {
		uint32_t v = arm_modimm_expand(imm12);
		if (arm_modimm((uint32_t)v) != (int)imm12)
			continue; /* not the canonical field of its value */
		Ins in = {.k = K_DPI, .op = ARM_EOR, .fl = ARM_KEEP, .r = {1, 2}, .imm = v};
		gen(t, &in);
		in.imm = v + 0x10001;
		gen(t, &in);
	}
	/* random immediates through the op choice of ADD and AND */
	for (int i = 0; i < 400; i++) {
		/* one call per statement: the order of evaluation is the seed's */
		uint32_t v = lcg();
		v >>= lcg() % 32;
		Ins in = {.k = K_DPI, .op = i % 2 ? ARM_ADD : ARM_AND, .imm = v};
		in.fl = (int)(lcg() % 3);
		in.r[0] = (int)(lcg() % 13);
		in.r[1] = (int)(lcg() % 13);
		gen(t, &in);
	}
}

static void gen_shift_mul(T *t)
{
	static const int amounts[] = {0, 1, 2, 15, 31, 32, 33};

	for (int sh = ARM_LSL; sh <= ARM_RRX; sh++)
		for (int fl = ARM_KEEP; fl <= ARM_ANY; fl++) {
			for (int i = 0; i < N(amounts); i++)
				for (int a = 0; a < N(S9); a++)
					for (int b = 0; b < N(S9); b++) {
						Ins in = {.k = K_SHI, .op = sh, .fl = fl, .r = {S9[a], S9[b]}, .y = amounts[i]};
						if (sh == ARM_RRX && amounts[i])
							continue;
						if (a < 5 && b < 5)
							gen2(t, &in);
						else
							gen(t, &in);
					}
			if (sh == ARM_RRX)
				continue;
			for (int a = 0; a < N(S5); a++)
				for (int b = 0; b < N(S5); b++)
					for (int c = 0; c < N(S5); c++) {
						Ins in = {.k = K_SHR, .op = sh, .fl = fl, .r = {S5[a], S5[b], S5[c]}};
						gen2(t, &in);
					}
		}
	for (int fl = ARM_KEEP; fl <= ARM_ANY; fl++)
		for (int a = 0; a < N(S9); a++)
			for (int b = 0; b < N(S9); b++)
				for (int c = 0; c < N(S9); c++) {
					Ins in = {.k = K_MUL, .fl = fl, .r = {S9[a], S9[b], S9[c]}};
					if (a < 5 && b < 5 && c < 5)
						gen2(t, &in);
					else
						gen(t, &in);
				}
	for (int f = 0; f < 4; f++)
		for (int r = 0; r < 16; r++) {
			Ins in = {.k = K_MLA, .r = {1, 2, 3, 4}};
			in.r[f] = r;
			for (in.op = 0; in.op < 2; in.op++)
				gen2(t, &in);
			in.k = K_MULL;
			for (in.op = 0; in.op < 4; in.op++)
				gen2(t, &in);
			if (f < 3) {
				in.k = K_DIV;
				for (in.op = 0; in.op < 2; in.op++)
					gen2(t, &in);
			}
		}
	for (int op = ARM_CLZ; op <= ARM_REVSH; op++)
		for (int a = 0; a < 16; a++)
			for (int b = 0; b < 16; b++) {
				Ins in = {.k = K_BITOP, .op = op, .r = {a, b}};
				gen(t, &in);
			}
	for (int op = ARM_SXTH; op <= ARM_UXTB; op++)
		for (int rot = 0; rot <= 32; rot += 4)
			for (int a = 0; a < N(S9); a++)
				for (int b = 0; b < N(S9); b++) {
					Ins in = {.k = K_EXT, .op = op, .r = {S9[a], S9[b]}, .x = rot};
					if (rot % 8 && (a || b))
						continue;
					gen(t, &in);
					if (a < 2 && b < 5)
						gen_at(t, &in, t->itc++ % 14);
				}
	{
		static const int lsbs[] = {0, 1, 7, 8, 15, 16, 31, 32};
		static const int regs[][2] = {{0, 1}, {8, 9}, {14, 12}, {13, 0}, {0, 13}, {15, 1}, {1, 15}};
		for (int i = 0; i < N(lsbs); i++)
			for (int w = 0; w <= 34; w++) {
				int lsb = lsbs[i];
				if (w > 2 && w != 8 && w != 16 && w < 31 - lsb)
					continue;
				for (int j = 0; j < N(regs); j++) {
					Ins in = {.r = {regs[j][0], regs[j][1]}, .x = lsb, .y = w};
					in.k = K_BFX;
					for (in.op = 0; in.op < 2; in.op++)
						gen(t, &in);
					in.k = K_BFI;
					gen(t, &in);
					in.k = K_BFC;
					gen(t, &in);
				}
			}
	}
}

static void gen_const(T *t)
{
	static const uint32_t vals[] = {
		0, 1, 255, 256, 0x1234, 0xffff, 0x10000, 0x12345678, 0xffffffff, 0xffffff00, 0xff00ff00,
		0x00ff00ff, 0x80000000, 0x0001ffff, 0xffff0000, 0xfffe0000, 0x12340000, 0x123400ff,
		0xabcd00ab, 0x00010001, 0xfffffffe, 0x7fffffff, 0xc0000001, 0x0000ff00, 0x00ab1234,
	};
	static const int rds[] = {0, 7, 8, 12, 13, 14, 15};

	for (int i = 0; i < N(vals) + 60; i++) {
		uint32_t v = i < N(vals) ? vals[i] : lcg();
		if (i >= N(vals))
			v >>= lcg() % 32;
		for (int j = 0; j < N(rds); j++)
			for (int fl = ARM_KEEP; fl <= ARM_ANY; fl += ARM_ANY - ARM_KEEP) {
				Ins in = {.k = K_CONST, .fl = fl, .r = {rds[j]}, .imm = v};
				if (arm_dp_imm_ok(ARM_MOV, (ArmFlags)fl, v) && j < 3)
					gen2(t, &in);
				else
					gen(t, &in);
			}
	}
	for (int r = 0; r < 16; r++) {
		static const uint32_t imms[] = {0, 1, 0xff, 0x100, 0x7ff, 0x800, 0xfff, 0x1000, 0xffff, 0x10000};
		for (int i = 0; i < N(imms); i++) {
			Ins in = {.k = K_MOVWT, .r = {r}, .imm = imms[i]};
			for (in.op = 0; in.op < 2; in.op++)
				if (r < 2)
					gen2(t, &in);
				else
					gen(t, &in);
		}
	}
}

static void gen_mem(T *t)
{
	static const int offs[] = {0, 1, 2, 3, 4, 31, 32, 62, 64, 124, 128, 252, 255, 256, 1020,
	                           1024, 4095, 4096, -1, -4, -255, -256};
	static const int S7[] = {0, 1, 7, 8, 13, 14, 15};

	for (int op = ARM_LDR; op <= ARM_STRH; op++) {
		for (int idx = ARM_OFFSET; idx <= ARM_POST; idx++)
			for (int i = 0; i < N(offs); i++)
				for (int a = 0; a < N(S7); a++)
					for (int b = 0; b < N(S7); b++) {
						Ins in = {.k = K_LDST, .op = op, .r = {S7[a], S7[b]}, .imm = offs[i], .x = idx};
						if (a < 2 && b < 5)
							gen2(t, &in);
						else
							gen(t, &in);
					}
		for (int f = 0; f < 2; f++)
			for (int r = 0; r < 16; r++) {
				Ins in = {.k = K_LDST, .op = op, .r = {3, 4}, .imm = 8};
				in.r[f] = r;
				gen(t, &in);
				in.imm = -8;
				gen(t, &in);
			}
		for (int sh = 0; sh <= 4; sh++)
			for (int a = 0; a < N(S5); a++)
				for (int b = 0; b < N(S5); b++)
					for (int c = 0; c < N(S7); c++) {
						Ins in = {.k = K_LDSTR, .op = op, .r = {S5[a], S5[b], S7[c]}, .x = sh};
						gen(t, &in);
						if (a < 2 && b < 2 && c < 2)
							gen_at(t, &in, t->itc++ % 14);
					}
	}
	for (int load = 0; load < 2; load++) {
		static const int doffs[] = {0, 4, -4, 8, 1020, -1020, 1024, 2, -256};
		for (int idx = ARM_OFFSET; idx <= ARM_POST; idx++)
			for (int i = 0; i < N(doffs); i++)
				for (int a = 0; a < N(S5); a++)
					for (int b = 0; b < N(S5); b++)
						for (int c = 0; c < N(S7); c++) {
							Ins in = {.k = K_LDSTD, .op = load, .r = {S5[a], S5[b], S7[c]},
							          .imm = doffs[i], .x = idx};
							gen(t, &in);
						}
		for (int f = 0; f < 3; f++)
			for (int r = 0; r < 16; r++) {
				Ins in = {.k = K_LDSTD, .op = load, .r = {2, 3, 4}, .imm = 16};
				in.r[f] = r;
				gen2(t, &in);
			}
	}
	{
		static const unsigned lists[] = {
			0x0001, 0x0002, 0x0003, 0x0006, 0x00ff, 0x0080, 0x0100, 0x4000, 0x8000, 0xc000,
			0x2000, 0x5f0f, 0x8ff0, 0x1ffe, 0x4010, 0x8010, 0x0110, 0x0c00, 0x1fff, 0x9fff,
			0x5fff, 0x000c, 0x0000, 0x1000,
		};
		static const int rns[] = {0, 1, 2, 7, 8, 12, 13, 14, 15};
		for (int load = 0; load < 2; load++)
			for (int db = 0; db < 2; db++)
				for (int wb = 0; wb < 2; wb++)
					for (int i = 0; i < N(lists); i++)
						for (int j = 0; j < N(rns); j++) {
							Ins in = {.k = K_LDSTM, .op = load, .x = db, .y = wb, .r = {rns[j]},
							          .imm = lists[i]};
							gen(t, &in);
						}
		for (int push = 0; push < 2; push++) {
			for (int i = 0; i < N(lists); i++) {
				Ins in = {.k = K_PUSHPOP, .op = push, .imm = lists[i]};
				gen2(t, &in);
			}
			for (int r = 0; r < 16; r++) {
				Ins in = {.k = K_PUSHPOP, .op = push, .imm = 1u << r};
				gen(t, &in);
				in.imm |= 0x10;
				gen(t, &in);
			}
		}
	}
}

static void gen_system(T *t)
{
	static const int sys[] = {0, 1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 16, 17, 18, 19, 20};
	static const int rs[] = {0, 5, 12, 13, 14, 15};

	for (int r = 0; r < 16; r++)
		for (int op = 0; op < 2; op++) {
			Ins in = {.k = K_BX, .op = op, .r = {r}};
			gen2(t, &in);
		}
	for (int i = 0; i < N(sys); i++)
		for (int j = 0; j < N(rs); j++)
			for (int op = 0; op < 2; op++) {
				Ins in = {.k = K_SYSREG, .op = op, .x = sys[i], .r = {rs[j]}};
				gen(t, &in);
			}
	for (int op = 0; op < 3; op++) {
		static const uint32_t imms[] = {0, 1, 171, 255, 256, 4095, 4096, 65535, 65536};
		for (int i = 0; i < N(imms); i++) {
			Ins in = {.k = K_EXC, .op = op, .imm = imms[i]};
			gen(t, &in);
		}
	}
	for (int h = ARM_NOP; h <= ARM_SEV; h++) {
		Ins in = {.k = K_HINT, .op = h};
		gen2(t, &in);
	}
	for (int b = ARM_DSB; b <= ARM_ISB; b++)
		for (int o = 0; o <= 16; o++) {
			Ins in = {.k = K_BARRIER, .op = b, .x = o};
			gen(t, &in);
		}
	for (int i = 0; i < 8; i++) {
		Ins in = {.k = K_CPS, .op = i & 1, .x = i >> 1 & 1, .y = i >> 2 & 1};
		gen2(t, &in);
	}
}

/* The SP forms a compiler needs: policy() must never hide them. */
static void must_accept(T *t)
{
	enum { SP = ARM_SP };
	static const Ins ins[] = {
		{.k = K_DPI, .op = ARM_ADD, .r = {SP, SP}, .imm = 8},
		{.k = K_DPI, .op = ARM_SUB, .r = {SP, SP}, .imm = 8},
		{.k = K_DPI, .op = ARM_ADD, .r = {SP, SP}, .imm = 4092},
		{.k = K_DPI, .op = ARM_SUB, .r = {SP, SP}, .imm = 0x10000},
		{.k = K_DPI, .op = ARM_ADD, .r = {0, SP}, .imm = 8},
		{.k = K_DPI, .op = ARM_ADD, .r = {8, SP}, .imm = 0x404},
		{.k = K_DPI, .op = ARM_SUB, .r = {0, SP}, .imm = 4},
		{.k = K_DPI, .op = ARM_CMP, .fl = ARM_SETS, .r = {0, SP}, .imm = 4},
		{.k = K_DPR, .op = ARM_ADD, .r = {0, SP, 1}},
		{.k = K_DPR, .op = ARM_ADD, .r = {SP, SP, 1}},
		{.k = K_DPR, .op = ARM_ADD, .r = {0, 0, SP}},
		{.k = K_DPR, .op = ARM_ADD, .r = {SP, SP, 1}, .x = ARM_LSL, .y = 2},
		{.k = K_DPR, .op = ARM_SUB, .r = {0, SP, 1}},
		{.k = K_DPR, .op = ARM_SUB, .r = {SP, SP, 1}},
		{.k = K_DPR, .op = ARM_MOV, .r = {SP, 0, 0}},
		{.k = K_DPR, .op = ARM_MOV, .r = {0, 0, SP}},
		{.k = K_DPR, .op = ARM_MOV, .r = {8, 0, SP}},
		{.k = K_DPR, .op = ARM_CMP, .fl = ARM_SETS, .r = {0, SP, 0}},
		{.k = K_LDST, .op = ARM_LDR, .r = {0, SP}, .imm = 4},
		{.k = K_LDST, .op = ARM_STR, .r = {0, SP}, .imm = 1020},
		{.k = K_LDST, .op = ARM_LDR, .r = {8, SP}, .imm = 4},
		{.k = K_LDST, .op = ARM_LDRB, .r = {0, SP}, .imm = 1},
		{.k = K_LDST, .op = ARM_STRH, .r = {0, SP}, .imm = 2},
		{.k = K_LDST, .op = ARM_LDRSH, .r = {0, SP}, .imm = 2},
		{.k = K_LDST, .op = ARM_LDR, .r = {0, SP}, .imm = -4},
		{.k = K_LDST, .op = ARM_STR, .r = {0, SP}, .imm = -4, .x = ARM_PRE},
		{.k = K_LDST, .op = ARM_LDR, .r = {0, SP}, .imm = 4, .x = ARM_POST},
		{.k = K_LDSTR, .op = ARM_LDR, .r = {0, SP, 1}, .x = 2},
		{.k = K_LDSTD, .op = 1, .r = {0, 1, SP}, .imm = 8},
		{.k = K_LDSTD, .op = 0, .r = {0, 1, SP}, .imm = -8, .x = ARM_PRE},
		{.k = K_LDSTM, .op = 1, .r = {SP}, .imm = 3},
		{.k = K_LDSTM, .op = 0, .x = 1, .y = 1, .r = {SP}, .imm = 0x30},
		{.k = K_VLDST, .op = 1, .r = {0, SP}, .imm = 4},
		{.k = K_VLDST, .op = 0, .x = ARM_F64, .r = {0, SP}, .imm = -8},
	};

	for (int i = 0; i < N(ins); i++) {
		char buf[256];
		if (ins[i].k == K_VLDST && !(t->p->feat & ARM_FEAT_FP))
			continue;
		if (!probe(t, &ins[i])) {
			fmt(&ins[i], "", buf, sizeof buf);
			FAIL("%s: `%s` rejected", t->p->name, buf);
		}
		gen(t, &ins[i]);
	}
}

/* IT blocks of every condition and shape, filled with conditional adds. */
static void gen_it(T *t)
{
	static const char *const shapes[] = {"", "t", "e", "tt", "te", "et", "ee", "ttt", "tte",
	                                     "tet", "tee", "ett", "ete", "eet", "eee", "x", "tttt"};

	for (int c = 0; c <= ARM_AL; c++)
		for (int s = 0; s < N(shapes); s++) {
			const char *te = shapes[s];
			size_t start = t->buf.len, n = strlen(te);
			char text[512];
			int len;
			Case cs;

			arm_it(&t->a, (ArmCond)c, te);
			len = snprintf(text, sizeof text, "it%s %s", te, condname[c]);
			if (arm_take_error(&t->a) != ARM_OK) {
				t->buf.len = start;
				t->a.it_left = 0;
				/* `as` refuses the 16-bit adds of an IT AL block, the
				 * only instructions that could make one useful */
				for (size_t i = 0; i <= n && n < 4; i++)
					len += snprintf(text + len, sizeof text - (size_t)len,
					                "\n\tadd%s r0, r1, r2", condname[c]);
				PUSH(t->negs, t->nnegs, t->capnegs, xstrdup(text));
				continue;
			}
			for (size_t i = 0; i <= n; i++) {
				int cond = i == 0 || te[i - 1] == 't' ? c : c ^ 1;
				/* add (no S) is 16-bit only inside the block */
				arm_dp_reg(&t->a, ARM_ADD, ARM_KEEP, ARM_R0, ARM_R1, (ArmReg)(i + 2), ARM_LSL, 0);
				len += snprintf(text + len, sizeof text - (size_t)len, "\n\tadd%s r0, r1, r%zu",
				                condname[cond], i + 2);
			}
			if (arm_take_error(&t->a) != ARM_OK || t->a.it_left)
				FAIL("%s: IT block `%s` not filled as expected", t->p->name, text);
			cs.off = start;
			cs.len = t->buf.len - start;
			cs.alt0 = t->nalts;
			cs.nalt = 1;
			PUSH(t->alts, t->nalts, t->capalts, xstrdup(text));
			PUSH(t->cases, t->ncases, t->capcases, cs);
		}
	/* misuse: IT inside IT, branch not last */
	size_t start = t->buf.len;
	arm_it(&t->a, ARM_EQ, "t");
	arm_it(&t->a, ARM_EQ, "");
	if (arm_take_error(&t->a) != ARM_ERR_IT)
		FAIL("%s: IT inside IT accepted", t->p->name);
	arm_bx(&t->a, ARM_LR);
	if (arm_take_error(&t->a) != ARM_ERR_IT)
		FAIL("%s: BX before the end of an IT block accepted", t->p->name);
	arm_hint(&t->a, ARM_NOP);
	arm_bx(&t->a, ARM_LR);
	if (arm_take_error(&t->a) != ARM_OK || t->a.it_left)
		FAIL("%s: BX as last instruction of an IT block rejected", t->p->name);
	{
		Case cs = {.off = start, .len = t->buf.len - start, .alt0 = t->nalts, .nalt = 1};
		PUSH(t->alts, t->nalts, t->capalts, xstrdup("itt eq\n\tnopeq\n\tbxeq lr"));
		PUSH(t->cases, t->ncases, t->capcases, cs);
	}
}

static void gen_vfp(T *t)
{
	static const int sregs[] = {0, 1, 2, 15, 16, 30, 31};
	static const int dregs[] = {0, 1, 7, 8, 15, 16};

	for (int fp = ARM_F32; fp <= ARM_F64; fp++) {
		const int *vr_ = fp ? dregs : sregs;
		int nv = fp ? N(dregs) : N(sregs);
		static const int offs[] = {0, 4, -4, 1020, -1020, 1024, 2};
		static const int rns[] = {0, 7, 8, 13, 14, 15};

		for (int load = 0; load < 2; load++)
			for (int i = 0; i < nv; i++)
				for (int j = 0; j < N(rns); j++)
					for (int k = 0; k < N(offs); k++) {
						Ins in = {.k = K_VLDST, .op = load, .x = fp, .r = {vr_[i], rns[j]},
						          .imm = offs[k]};
						if (i < 2 && j < 2 && k < 3)
							gen2(t, &in);
						else
							gen(t, &in);
					}
		for (int op = 0; op < ARM_VOP3_COUNT; op++)
			for (int f = 0; f < 3; f++)
				for (int i = 0; i < nv; i++) {
					Ins in = {.k = K_VOP3, .op = op, .x = fp, .r = {3, 5, 6}};
					in.r[f] = vr_[i];
					if (f == 0 && i < 2)
						gen2(t, &in);
					else
						gen(t, &in);
				}
		for (int op = 0; op < ARM_VOP2_COUNT; op++)
			for (int f = 0; f < 2; f++)
				for (int i = 0; i < nv; i++) {
					Ins in = {.k = K_VOP2, .op = op, .x = fp, .r = {3, 5}};
					in.r[f] = vr_[i];
					if (f == 0 && i < 2)
						gen2(t, &in);
					else
						gen(t, &in);
				}
		for (int e = 0; e < 2; e++)
			for (int i = 0; i < nv; i++) {
				Ins in = {.k = K_VCMP, .op = e, .x = fp, .r = {vr_[i], 3}};
				gen2(t, &in);
				in.r[0] = 4, in.r[1] = vr_[i];
				gen(t, &in);
				in.k = K_VCMPZ;
				in.r[0] = vr_[i];
				gen2(t, &in);
			}
		for (int op = ARM_VCVT_S32; op <= ARM_VCVT_FROM_U32; op++)
			for (int f = 0; f < 2; f++)
				for (int i = 0; i < N(sregs); i++) {
					bool dbl_m = fp && op < ARM_VCVT_FROM_S32, dbl_d = fp && op >= ARM_VCVT_FROM_S32;
					const int *rl = (f == 0 ? dbl_d : dbl_m) ? dregs : sregs;
					int nl = (f == 0 ? dbl_d : dbl_m) ? N(dregs) : N(sregs);
					Ins in = {.k = K_VCVT, .op = op, .x = fp, .r = {3, 5}};
					if (i >= nl)
						continue;
					in.r[f] = rl[i];
					if (f == 0 && i < 2)
						gen2(t, &in);
					else
						gen(t, &in);
				}
		for (int c = 0; c < ARM_AL; c++) {
			Ins in = {.k = K_VSEL, .op = c, .x = fp, .r = {1, 2, 3}};
			gen(t, &in);
			if (c == ARM_EQ || c == ARM_GT)
				for (int f = 0; f < 3; f++)
					for (int i = 0; i < nv; i++) {
						in.r[0] = 1, in.r[1] = 2, in.r[2] = 3;
						in.r[f] = vr_[i];
						gen(t, &in);
					}
		}
		for (int push = 0; push < 2; push++) {
			static const int firsts[] = {0, 1, 8, 15, 16, 31};
			static const int counts[] = {1, 2, 3, 8, 16, 17};
			for (int i = 0; i < N(firsts); i++)
				for (int j = 0; j < N(counts); j++) {
					Ins in = {.k = K_VPUSH, .op = push, .x = fp, .r = {firsts[i]}, .y = counts[j]};
					if (i == 0 && j < 2)
						gen2(t, &in);
					else
						gen(t, &in);
				}
		}
		/* every VMOV immediate, and some that are not */
		for (int imm8 = 0; imm8 < 256; imm8++) {
			int b6 = imm8 >> 6 & 1;
			Ins in = {.k = K_VMOVI, .x = fp, .r = {imm8 % 2 ? 3 : 14}};
			if (fp)
				in.bits = (uint64_t)(imm8 >> 7) << 63 | (uint64_t)!b6 << 62 |
				          (uint64_t)(b6 ? 0xff : 0) << 54 | (uint64_t)(imm8 & 0x3f) << 48;
			else
				in.bits = (uint32_t)(imm8 >> 7) << 31 | (uint32_t)!b6 << 30 |
				          (uint32_t)(b6 ? 0x1f : 0) << 25 | (uint32_t)(imm8 & 0x3f) << 19;
			if (imm8 < 4)
				gen2(t, &in);
			else
				gen(t, &in);
		}
		{
			static const double bad[] = {0.0, 0.1, 32.0, 0.0625, 1e10, -0.0};
			for (int i = 0; i < N(bad); i++) {
				Ins in = {.k = K_VMOVI, .x = fp, .r = {2}};
				if (fp) {
					memcpy(&in.bits, &bad[i], 8);
				} else {
					float f = (float)bad[i];
					uint32_t b;
					memcpy(&b, &f, 4);
					in.bits = b;
				}
				gen(t, &in);
			}
		}
	}
	for (int to64 = 0; to64 < 2; to64++)
		for (int f = 0; f < 2; f++)
			for (int i = 0; i < N(sregs); i++) {
				Ins in = {.k = K_VCVTFP, .op = to64, .r = {3, 5}};
				bool dbl = f == 0 ? to64 : !to64;
				if (dbl && i >= N(dregs))
					continue;
				in.r[f] = dbl ? dregs[i] : sregs[i];
				if (i < 2)
					gen2(t, &in);
				else
					gen(t, &in);
			}
	for (int to_core = 0; to_core < 2; to_core++) {
		for (int s = 0; s < 32; s++)
			for (int j = 0; j < N(S9); j++) {
				Ins in = {.k = K_VMOVC, .op = to_core, .r = {s, S9[j]}};
				if (s < 2 && j < 2)
					gen2(t, &in);
				else
					gen(t, &in);
			}
		for (int d = 0; d < 17; d++)
			for (int a = 0; a < N(S5); a++)
				for (int b = 0; b < N(S5); b++) {
					Ins in = {.k = K_VMOVC2, .op = to_core, .r = {d, S5[a], S5[b]}};
					if (d == 0 && a == 1 && b == 2)
						gen2(t, &in);
					else
						gen(t, &in);
				}
	}
	for (int r = 0; r < 16; r++)
		for (int op = 0; op < 2; op++) {
			Ins in = {.k = K_VMRS, .op = op, .r = {r}};
			gen2(t, &in);
		}
}

void gen_pass(T *t)
{
	gen_dp(t);
	gen_shift_mul(t);
	gen_const(t);
	gen_mem(t);
	gen_system(t);
	gen_it(t);
	gen_vfp(t);
	must_accept(t);
}

void print_reasons(void)
{
	printf("rejected on purpose (not sent to `as`):");
	for (int i = 0; i < 16 && reasons[i].why; i++)
		printf("%s %zu for %s", i ? "," : "", reasons[i].n, reasons[i].why);
	printf("\n");
}
