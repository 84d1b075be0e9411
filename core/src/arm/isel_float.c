/* isel_float.c - instruction selection of f32/f64: VFP registers (f32 and,
 * on fpu64 targets, f64 in D registers), rounding, min/max, truncation, and
 * the soft-float runtime helpers on the bits (see isel.c). */
#include "isel_internal.h"

/* The integer type carrying a value's bits to a runtime helper. */
static IrType bits_type(IrType t) { return t == IR_F32 ? IR_I32 : t == IR_F64 ? IR_I64 : t; }

/* Floating point: sign operations inline on the bits, everything else
 * through the exact helpers of core/runtime/src/float.c (see IR.md). */
static void sel_float_bits(S *s, IrIns *i, uint32_t d, uint32_t dh, IrType *types, uint32_t *alo,
                           uint32_t *ahi, bool dbl, IrType rt);

/* A VFP register holding constant bits; materialized in the prologue when
 * the current block is in a loop (like IR constants, see IR_CONST). */
static uint32_t vkonst(S *s, uint32_t bits)
{
	MBlock *cur = s->b;
	uint32_t r = mir_vreg_class(s->m, MIR_VFP);
	if (cur->loop_depth > 0)
		s->b = &s->m->blocks[0];
	is_movi(s, r, bits);
	s->b = cur;
	return r;
}

static uint32_t fvreg(S *s) { return mir_vreg_class(s->m, MIR_VFP); }

static void vcvt(S *s, ArmVcvt op, uint32_t d, uint32_t x)
{
	MIns *m = is_ins(s, MIR_VCVT);
	m->aux = op, m->r[0] = d, m->r[1] = x;
}

static void vcmp(S *s, uint32_t x, uint32_t y)
{
	MIns *m = is_ins(s, MIR_VCMP);
	m->r[0] = x, m->r[1] = y;
}

void is_csel(S *s, ArmCond c, uint32_t d, uint32_t x, uint32_t y)
{
	MIns *m = is_ins(s, MIR_CSEL);
	m->cond = (uint8_t)c, m->r[0] = d, m->r[1] = x, m->r[2] = y;
}


/* ---- f64 in D registers (fpu64) ---- */

uint32_t is_dvreg(S *s) { return mir_vreg_class(s->m, MIR_DFP); }

uint32_t is_get_dhome(S *s, uint32_t lo)
{
	return lo >= MIR_VREG0 && lo - MIR_VREG0 < s->ndhome ? s->dhome[lo - MIR_VREG0] : 0;
}

void is_set_dhome(S *s, uint32_t lo, uint32_t d)
{
	uint32_t k = lo - MIR_VREG0;
	if (k >= s->ndhome) {
		uint32_t n = s->ndhome ? s->ndhome : 256;
		while (n <= k)
			n *= 2;
		uint32_t *h = sy_arena_array(s->m->ar, n, sizeof *h);
		if (!h) {
			s->oom = true;
			return;
		}
		memset(h, 0, n * sizeof *h);
		if (s->ndhome)
			memcpy(h, s->dhome, s->ndhome * sizeof *h);
		s->dhome = h, s->ndhome = n;
	}
	s->dhome[k] = d;
}

/* A D register holding the f64 pair (lo, hi): its home, or a move in. */
uint32_t is_dreg_of(S *s, uint32_t lo, uint32_t hi)
{
	uint32_t d = is_get_dhome(s, lo);
	if (d)
		return d;
	d = is_dvreg(s);
	MIns *m = is_ins(s, MIR_DTOV);
	m->r[0] = d, m->r[1] = lo, m->r[2] = hi;
	return d;
}

/* Gives the pair (lo, hi) the value of D register d, which becomes its home
 * (the pair's words are only computed when something reads them). */
void is_pair_from_d(S *s, uint32_t lo, uint32_t hi, uint32_t d)
{
	MIns *m = is_ins(s, MIR_DFROMV);
	m->r[0] = lo, m->r[1] = hi, m->r[2] = d;
	is_set_dhome(s, lo, d);
}

/* Where a pair is defined: a D register copy of it, so FPU operations read
 * it without a move (removed as dead code when none does). */
void is_home_pair(S *s, uint32_t lo, uint32_t hi)
{
	if (is_get_dhome(s, lo))
		return;
	uint32_t d = is_dvreg(s);
	MIns *m = is_ins(s, MIR_DTOV);
	m->r[0] = d, m->r[1] = lo, m->r[2] = hi;
	is_set_dhome(s, lo, d);
}

/* A D register holding a constant (in the prologue within loops). */
static uint32_t dkonst(S *s, uint64_t bits)
{
	MBlock *cur = s->b;
	if (cur->loop_depth > 0)
		s->b = &s->m->blocks[0];
	uint32_t lo = is_vreg(s), hi = is_vreg(s), d = is_dvreg(s);
	is_movi(s, lo, (uint32_t)bits);
	is_movi(s, hi, (uint32_t)(bits >> 32));
	MIns *m = is_ins(s, MIR_DTOV);
	m->r[0] = d, m->r[1] = lo, m->r[2] = hi;
	s->b = cur;
	return d;
}

static void vop(S *s, MirOp op, uint32_t aux, uint32_t d, uint32_t x, uint32_t y)
{
	MIns *m = is_ins(s, op);
	m->aux = aux, m->r[0] = d, m->r[1] = x, m->r[2] = y;
}

/* f32 ceil (k 2), floor (3), trunc (4), nearest (5) on FPv4, which has no
 * VRINT. When |x| < 2^23 the result goes through a 32-bit integer: VCVT
 * rounds toward zero, VCVTR by the FPSCR mode, set to RP (ceil) or RM
 * (floor) around it and RN (the mode compiled code always runs in) for
 * nearest; the result then takes x's sign (ceil(-0.5) is -0). Otherwise x
 * is integral already or infinite, or a NaN, which is quieted. */
static void sel_round_fpv4(S *s, unsigned k, uint32_t d, uint32_t x)
{
	uint32_t n = fvreg(s), f = fvreg(s);
	if (k == 2 || k == 3) {
		uint32_t save = is_vreg(s), cleared = is_vreg(s), mode = is_vreg(s);
		MIns *m = is_ins(s, MIR_VMRS);
		m->r[0] = save;
		is_dpi(s, ARM_BIC, cleared, save, 3u << 22);
		is_dpi(s, ARM_ORR, mode, cleared, k == 2 ? 1u << 22 : 2u << 22);
		m = is_ins(s, MIR_VMSR);
		m->r[0] = mode;
		vcvt(s, ARM_VCVTR_S32, n, x);
		m = is_ins(s, MIR_VMSR);
		m->r[0] = save;
	} else {
		vcvt(s, k == 4 ? ARM_VCVT_S32 : ARM_VCVTR_S32, n, x);
	}
	vcvt(s, ARM_VCVT_FROM_S32, f, n);
	uint32_t rf = is_core_of(s, f), rx = is_core_of(s, x), sign = is_vreg(s), small = is_vreg(s), quiet = is_vreg(s);
	uint32_t ax = fvreg(s), r1 = is_vreg(s), r2 = is_vreg(s);
	is_dpi(s, ARM_AND, sign, rx, 0x80000000u);
	is_dp(s, ARM_ORR, small, rf, sign);
	is_dpi(s, ARM_ORR, quiet, rx, 0x00400000u);
	MIns *m = is_ins(s, MIR_VOP2);
	m->aux = ARM_VABS, m->r[0] = ax, m->r[1] = x;
	vcmp(s, ax, vkonst(s, 0x4b000000u)); /* 2^23 */
	is_csel(s, ARM_MI, r1, small, rx);       /* |x| < 2^23 (ordered) */
	is_csel(s, ARM_VS, r2, quiet, r1);       /* NaN */
	is_fmov(s, MIR_FMOVTO, d, r2);
}

/* min (max when max): a NaN operand gives x + y (a quiet NaN), equal
 * operands the OR (AND) of their bits, so min(-0, +0) is -0 and max +0.
 * FPv5 has VMINNM/VMAXNM, which order the zeros but return the number
 * beside a NaN, so a VSEL on "unordered" picks x + y instead (f32, or f64
 * in D registers when dbl). FPv4: compares and selects on the f32 bits. */
static void sel_minmax(S *s, bool dbl, bool max, uint32_t d, uint32_t x, uint32_t y)
{
	uint32_t fl = dbl ? MIR_DBL : 0, sum = dbl ? is_dvreg(s) : fvreg(s);
	vop(s, MIR_VOP3, fl | ARM_VADD, sum, x, y);
	if (s->im->fpv5) {
		uint32_t mm = dbl ? is_dvreg(s) : fvreg(s);
		vop(s, MIR_VOP3, fl | (max ? ARM_VMAXNM : ARM_VMINNM), mm, x, y);
		vop(s, MIR_VCMP, fl, x, y, 0);
		MIns *m = is_ins(s, MIR_VSEL);
		m->aux = fl, m->cond = ARM_VS, m->r[0] = d, m->r[1] = sum, m->r[2] = mm;
		return;
	}
	uint32_t rs = is_core_of(s, sum), rx = is_core_of(s, x), ry = is_core_of(s, y), eq = is_vreg(s);
	uint32_t r1 = is_vreg(s), r2 = is_vreg(s), r3 = is_vreg(s);
	is_dp(s, max ? ARM_AND : ARM_ORR, eq, rx, ry);
	vcmp(s, x, y);
	is_csel(s, max ? ARM_GT : ARM_MI, r1, rx, ry);
	is_csel(s, ARM_EQ, r2, eq, r1);
	is_csel(s, ARM_VS, r3, rs, r2);
	is_fmov(s, MIR_FMOVTO, d, r3);
}

/* i32 from f32 (f64 in a D register when dbl) on the FPU: VCVT rounds
 * toward zero, saturates and gives 0 for NaN, which is trunc_sat exactly;
 * the trapping forms first trap on NaN and on values whose truncation is
 * out of range: at or above 2^31 (2^32), at or below -2^31 - 1 (-1). */
static void sel_trunc(S *s, bool dbl, bool sgn, bool sat, uint32_t d, uint32_t x)
{
	uint32_t fl = dbl ? MIR_DBL : 0;
	if (!sat) {
		vop(s, MIR_VCMP, fl, x, x, 0);
		is_trapcc(s, ARM_VS, TRAP_INVALID_CONVERSION);
		uint32_t hi = dbl ? dkonst(s, sgn ? 0x41e0000000000000ull : 0x41f0000000000000ull)
		                  : vkonst(s, sgn ? 0x4f000000u : 0x4f800000u);
		vop(s, MIR_VCMP, fl, x, hi, 0);
		is_trapcc(s, ARM_GE, TRAP_INT_OVERFLOW);
		/* f32: -2^31 is the lowest valid value, -2^31 - 1 is not representable */
		uint32_t lo = dbl ? dkonst(s, sgn ? 0xc1e0000000200000ull : 0xbff0000000000000ull)
		                  : vkonst(s, sgn ? 0xcf000000u : 0xbf800000u);
		vop(s, MIR_VCMP, fl, x, lo, 0);
		is_trapcc(s, sgn && !dbl ? ARM_LT : ARM_LE, TRAP_INT_OVERFLOW);
	}
	uint32_t n = fvreg(s);
	vop(s, MIR_VCVT, fl | (sgn ? ARM_VCVT_S32 : ARM_VCVT_U32), n, x, 0);
	is_fmov(s, MIR_FMOVFROM, d, n);
}

void is_sel_float(S *s, IrIns *i)
{
	IrVal *a = ir_args(i);
	IrType ot = (IrType)i->optype, rt = (IrType)i->type;
	bool dbl = ot == IR_F64;
	/* f32 on the FPU: arithmetic, sqrt, sign operations, compares and (on
	 * FPv5) rounding as VFP instructions on VFP registers. */
	/* f32 from i32 on the FPU (round to nearest, the FPSCR mode). */
	if (s->im->fpu32 && i->op == IR_CVT && (i->imm == 0xb2 || i->imm == 0xb3) && is_vfp(s, s->lo[i->val])) {
		uint32_t n = fvreg(s);
		is_fmov(s, MIR_FMOVTO, n, s->lo[a[0]]);
		vcvt(s, i->imm == 0xb2 ? ARM_VCVT_FROM_S32 : ARM_VCVT_FROM_U32, s->lo[i->val], n);
		return;
	}
	if (s->im->fpu32 && ot == IR_F32 && is_vfp(s, s->lo[a[0]])) {
		uint32_t d = s->lo[i->val], x = s->lo[a[0]], y = i->nargs > 1 ? s->lo[a[1]] : 0;
		if (i->op == IR_CVT && (i->imm == 0xa8 || i->imm == 0xa9 || i->imm == 0x100 || i->imm == 0x101)) {
			sel_trunc(s, false, i->imm == 0xa8 || i->imm == 0x100, i->imm >= 0x100, d, x);
			return;
		}
		if (i->op == IR_FBIN && (i->imm == 0x96 || i->imm == 0x97)) {
			sel_minmax(s, false, i->imm == 0x97, d, x, y);
			return;
		}
		if (i->op == IR_FUN && !s->im->fpv5 && i->imm >= 0x8d && i->imm <= 0x90) {
			sel_round_fpv4(s, (unsigned)i->imm - 0x8b, d, x);
			return;
		}
		static const ArmVOp3 v3[4] = {ARM_VADD, ARM_VSUB, ARM_VMUL, ARM_VDIV};
		static const ArmVOp2 v2[7] = {ARM_VABS, ARM_VNEG, ARM_VRINTP, ARM_VRINTM, ARM_VRINTZ, ARM_VRINTN,
		                              ARM_VSQRT};
		static const ArmCond cc[6] = {ARM_EQ, ARM_NE, ARM_MI, ARM_GT, ARM_LS, ARM_GE};
		if (i->op == IR_FBIN && i->imm - 0x92 < 4) {
			MIns *o = is_ins(s, MIR_VOP3);
			o->aux = v3[i->imm - 0x92], o->r[0] = d, o->r[1] = x, o->r[2] = y;
			return;
		}
		unsigned k = (unsigned)i->imm - 0x8b;
		if (i->op == IR_FUN && (k <= 1 || k == 6 || s->im->fpv5)) {
			MIns *o = is_ins(s, MIR_VOP2);
			o->aux = v2[k], o->r[0] = d, o->r[1] = x;
			return;
		}
		if (i->op == IR_FCMP) {
			MIns *o = is_ins(s, MIR_VCMP);
			o->r[0] = x, o->r[1] = y;
			is_setcc(s, cc[i->imm - 0x5b], d);
			return;
		}
	}
	/* f64 on an FPv5-D16: operands in D registers (dreg_of), the result
	 * in a new one that becomes the home of the result's pair. */
	if (s->im->fpu64 && (ot == IR_F64 || (i->op == IR_CVT && rt == IR_F64))) {
		static const ArmVOp3 v3[4] = {ARM_VADD, ARM_VSUB, ARM_VMUL, ARM_VDIV};
		static const ArmVOp2 v2[7] = {ARM_VABS, ARM_VNEG, ARM_VRINTP, ARM_VRINTM, ARM_VRINTZ, ARM_VRINTN,
		                              ARM_VSQRT};
		static const ArmCond cc[6] = {ARM_EQ, ARM_NE, ARM_MI, ARM_GT, ARM_LS, ARM_GE};
		uint32_t code = (uint32_t)i->imm, v = i->val;
		uint32_t x = ot == IR_F64 ? is_dreg_of(s, s->lo[a[0]], s->hi[a[0]]) : 0;
		uint32_t y = i->nargs > 1 && ot == IR_F64 ? is_dreg_of(s, s->lo[a[1]], s->hi[a[1]]) : 0;
		uint32_t r = is_dvreg(s);
		bool done = true;
		if (i->op == IR_FBIN && code - 0xa0 < 4)
			vop(s, MIR_VOP3, MIR_DBL | v3[code - 0xa0], r, x, y);
		else if (i->op == IR_FBIN && (code == 0xa4 || code == 0xa5))
			sel_minmax(s, true, code == 0xa5, r, x, y);
		else if (i->op == IR_FUN)
			vop(s, MIR_VOP2, MIR_DBL | v2[code - 0x99], r, x, 0);
		else if (i->op == IR_FCMP) {
			vop(s, MIR_VCMP, MIR_DBL, x, y, 0);
			is_setcc(s, cc[code - 0x61], s->lo[v]);
			return;
		} else if (i->op == IR_CVT && (code == 0xaa || code == 0xab || code == 0x102 || code == 0x103)) {
			sel_trunc(s, true, code == 0xaa || code == 0x102, code >= 0x100, s->lo[v], x);
			return;
		} else if (i->op == IR_CVT && code == 0xb6 && is_vfp(s, s->lo[v])) { /* f32.demote_f64 */
			vop(s, MIR_VCVTFP, 0, s->lo[v], x, 0);
			return;
		} else if (i->op == IR_CVT && code == 0xbb && is_vfp(s, s->lo[a[0]])) { /* f64.promote_f32 */
			vop(s, MIR_VCVTFP, 1, r, s->lo[a[0]], 0);
		} else if (i->op == IR_CVT && (code == 0xb7 || code == 0xb8)) { /* f64.convert_i32_s/u */
			uint32_t n = fvreg(s);
			is_fmov(s, MIR_FMOVTO, n, s->lo[a[0]]);
			vop(s, MIR_VCVT, MIR_DBL | (code == 0xb7 ? ARM_VCVT_FROM_S32 : ARM_VCVT_FROM_U32), r, n, 0);
		} else {
			done = false;
		}
		if (done) {
			is_pair_from_d(s, s->lo[v], s->hi[v], r);
			return;
		}
	}
	uint32_t d = is_bits_dst(s, s->lo[i->val]), dh = s->hi[i->val];
	IrType types[2] = {bits_type(ot), bits_type(ot)};
	uint32_t alo[2] = {is_core_of(s, s->lo[a[0]]), i->nargs > 1 ? is_core_of(s, s->lo[a[1]]) : 0};
	uint32_t ahi[2] = {s->hi[a[0]], i->nargs > 1 ? s->hi[a[1]] : 0};
	sel_float_bits(s, i, d, dh, types, alo, ahi, dbl, rt);
	is_set_bits(s, s->lo[i->val], d);
}

/* The same operations on bits in core registers (and runtime helpers). */
static void sel_float_bits(S *s, IrIns *i, uint32_t d, uint32_t dh, IrType *types, uint32_t *alo,
                           uint32_t *ahi, bool dbl, IrType rt)
{
	char name[64];
	static const char *const bin[7] = {"add", "sub", "mul", "div", "min", "max", "copysign"};
	static const char *const un[7] = {"abs", "neg", "ceil", "floor", "trunc", "nearest", "sqrt"};
	static const char *const cmpn[6] = {"eq", "ne", "lt", "gt", "le", "ge"};
	static const char *const cvt[24] = {
		"i32_trunc_f32_s", "i32_trunc_f32_u", "i32_trunc_f64_s", "i32_trunc_f64_u", "", "",
		"i64_trunc_f32_s", "i64_trunc_f32_u", "i64_trunc_f64_s", "i64_trunc_f64_u",
		"f32_convert_i32_s", "f32_convert_i32_u", "f32_convert_i64_s", "f32_convert_i64_u",
		"f32_demote_f64", "f64_convert_i32_s", "f64_convert_i32_u", "f64_convert_i64_s",
		"f64_convert_i64_u", "f64_promote_f32"};
	static const char *const sat[8] = {"i32_trunc_sat_f32_s", "i32_trunc_sat_f32_u", "i32_trunc_sat_f64_s",
	                                   "i32_trunc_sat_f64_u", "i64_trunc_sat_f32_s", "i64_trunc_sat_f32_u",
	                                   "i64_trunc_sat_f64_s", "i64_trunc_sat_f64_u"};
	/* Integer to float, correctly rounded (f32 from i32/i64, f64 from
	 * i32/i64; 0xb6, the demotion, stays with the runtime for its NaNs). */
	static const char *const aeabi_cvt[9] = {"i2f", "ui2f", "l2f", "ul2f", "", "i2d", "ui2d", "l2d", "ul2d"};
	switch (i->op) {
	case IR_FUN: {
		unsigned k = (unsigned)i->imm - (dbl ? 0x99 : 0x8b);
		if (k <= 1) { /* abs, neg: on the sign bit of the high word */
			if (dbl)
				is_mov(s, d, alo[0]);
			is_dpi(s, k ? ARM_EOR : ARM_BIC, dbl ? dh : d, dbl ? ahi[0] : alo[0], 0x80000000u);
			return;
		}
		snprintf(name, sizeof name, "synth_rt_%s_%s", dbl ? "f64" : "f32", un[k]);
		is_helper(s, name, 1, types, alo, ahi, bits_type(rt), d, dh);
		return;
	}
	case IR_FBIN: {
		unsigned k = (unsigned)i->imm - (dbl ? 0xa0 : 0x92);
		if (k == 6) { /* copysign */
			uint32_t t = is_vreg(s), u = is_vreg(s);
			if (dbl)
				is_mov(s, d, alo[0]);
			is_dpi(s, ARM_BIC, t, dbl ? ahi[0] : alo[0], 0x80000000u);
			is_dpi(s, ARM_AND, u, dbl ? ahi[1] : alo[1], 0x80000000u);
			is_dp(s, ARM_ORR, dbl ? dh : d, t, u);
			return;
		}
		if (k < 4) /* libgcc's routine itself (see aeabi above) */
			snprintf(name, sizeof name, "__aeabi_%s%s", dbl ? "d" : "f", bin[k]);
		else
			snprintf(name, sizeof name, "synth_rt_%s_%s", dbl ? "f64" : "f32", bin[k]);
		is_helper(s, name, 2, types, alo, ahi, bits_type(rt), d, dh);
		return;
	}
	case IR_FCMP: { /* __aeabi_[df]cmp<cc>: 1 or 0, 0 when unordered; ne is !eq */
		unsigned k = (unsigned)i->imm - (dbl ? 0x61 : 0x5b);
		snprintf(name, sizeof name, "__aeabi_%scmp%s", dbl ? "d" : "f", k == 1 ? "eq" : cmpn[k]);
		if (k != 1) {
			is_helper(s, name, 2, types, alo, ahi, IR_I32, d, 0);
			return;
		}
		uint32_t t = is_vreg(s);
		is_helper(s, name, 2, types, alo, ahi, IR_I32, t, 0);
		is_dpi(s, ARM_EOR, d, t, 1);
		return;
	}
	case IR_CVT: {
		uint32_t code = (uint32_t)i->imm;
		if (code >= 0xbc && code <= 0xbf) { /* reinterpret: the bits stay */
			is_mov(s, d, alo[0]);
			if (pair(rt))
				is_mov(s, dh, ahi[0]);
			return;
		}
		const char *n = code >= 0x100 ? sat[code - 0x100] : cvt[code - 0xa8];
		if (code >= 0xb2 && code <= 0xba && code != 0xb6)
			snprintf(name, sizeof name, "__aeabi_%s", aeabi_cvt[code - 0xb2]);
		else
			snprintf(name, sizeof name, "synth_rt_%s", n);
		is_helper(s, name, 1, types, alo, ahi, bits_type(rt), d, dh);
		return;
	}
	}
}
