/* encode.c - Thumb-2 encoder: buffer, IT state, constants, integer
 * data processing, multiply/divide, bit-field and extension instructions,
 * loads and stores, and system instructions.
 *
 * Each emitter validates its operands against the ARMv7-M ARM (a register
 * that makes an encoding UNPREDICTABLE is an operand error), then tries the
 * 16-bit encodings before the 32-bit ones. Where two encodings of the same
 * length exist, the order of the attempts is the GNU assembler's, so that
 * the bytes match `as` for the same source text. The per-operation bits
 * live in the tables below; the functions only decide which form applies.
 * Encodings are written as in the ARM ARM: a 32-bit instruction is a
 * uint32_t with the first halfword in bits 31:16.
 */
#include "arm/encode_int.h"

#include <string.h>

/* --- buffer and state --- */

void arm_buf_init(ArmBuf *b, ArmReallocFn alloc, void *ud)
{
	memset(b, 0, sizeof *b);
	b->alloc = alloc;
	b->ud = ud;
}

void arm_buf_free(ArmBuf *b)
{
	if (b->data)
		b->alloc(b->ud, b->data, b->cap, 0);
	b->data = NULL;
	b->len = b->cap = 0;
}

int arm_grow(ArmBuf *b, void **arr, size_t *cap, size_t n, size_t elt)
{
	size_t ncap = *cap ? *cap : 16;
	void *p;

	if (n <= *cap)
		return 1;
	while (ncap < n) {
		if (ncap > SIZE_MAX / 2 / elt)
			return 0;
		ncap *= 2;
	}
	p = b->alloc(b->ud, *arr, *cap * elt, ncap * elt);
	if (!p)
		return 0;
	*arr = p;
	*cap = ncap;
	return 1;
}

void arm_init(ArmAsm *a, ArmBuf *buf, unsigned feat)
{
	memset(a, 0, sizeof *a);
	a->buf = buf;
	a->feat = feat;
}

void arm_free(ArmAsm *a)
{
	if (a->labels)
		a->buf->alloc(a->buf->ud, a->labels, a->caplabels * sizeof *a->labels, 0);
	if (a->fix)
		a->buf->alloc(a->buf->ud, a->fix, a->capfix * sizeof *a->fix, 0);
	if (a->pool)
		a->buf->alloc(a->buf->ud, a->pool, a->cappool * sizeof *a->pool, 0);
	a->labels = NULL;
	a->fix = NULL;
	a->pool = NULL;
	a->nlabels = a->caplabels = a->nfix = a->capfix = a->npool = a->cappool = 0;
}

ArmErr arm_error(const ArmAsm *a)
{
	if (a->err == ARM_OK && a->buf->oom)
		return ARM_ERR_NOMEM;
	return a->err;
}

ArmErr arm_take_error(ArmAsm *a)
{
	ArmErr e = arm_error(a);

	a->err = ARM_OK;
	return e;
}

const char *arm_error_str(ArmErr e)
{
	switch (e) {
	case ARM_OK: return "no error";
	case ARM_ERR_NOMEM: return "out of memory";
	case ARM_ERR_OPERAND: return "operands not encodable";
	case ARM_ERR_FEATURE: return "instruction not available on the target";
	case ARM_ERR_IT: return "instruction not allowed here in an IT block";
	case ARM_ERR_RANGE: return "branch target out of range";
	case ARM_ERR_LABEL: return "bad or unbound label";
	}
	return "unknown error";
}

void arm_fail(ArmAsm *a, ArmErr err)
{
	if (a->err == ARM_OK) {
		a->err = err;
		a->err_pos = a->buf->len;
	}
}

size_t arm_here(const ArmAsm *a)
{
	return a->buf->len;
}

static void put_bytes(ArmBuf *b, uint32_t hw)
{
	if (b->oom)
		return;
	if (b->len + 2 > b->cap) {
		void *p = b->data;
		if (!arm_grow(b, &p, &b->cap, b->len + 2, 1)) {
			b->oom = 1;
			return;
		}
		b->data = p;
	}
	b->data[b->len++] = (uint8_t)hw;
	b->data[b->len++] = (uint8_t)(hw >> 8);
}

static void it_step(ArmAsm *a)
{
	if (a->it_left) {
		memmove(a->it_cond, a->it_cond + 1, 3);
		a->it_left--;
	}
}

void arm_emit16(ArmAsm *a, uint32_t hw)
{
	put_bytes(a->buf, hw & 0xffff);
	it_step(a);
}

void arm_emit32(ArmAsm *a, uint32_t w)
{
	put_bytes(a->buf, w >> 16);
	put_bytes(a->buf, w & 0xffff);
	it_step(a);
}

void arm_raw16(ArmAsm *a, uint16_t hw)
{
	arm_emit16(a, hw);
}

/* Whether a 16-bit "S" data-processing encoding suits fl: outside an IT
 * block it sets the flags, inside one it does not. */
static bool narrow_ok(const ArmAsm *a, ArmFlags fl)
{
	return arm_in_it(a) ? fl != ARM_SETS : fl != ARM_KEEP;
}

/* --- modified immediates --- */

uint32_t arm_modimm_expand(unsigned imm12)
{
	uint32_t v = imm12 & 0xff;
	unsigned rot;

	imm12 &= 0xfff;
	switch (imm12 >> 8) {
	case 0: return v;
	case 1: return v << 16 | v;
	case 2: return v << 24 | v << 8;
	case 3: return v << 24 | v << 16 | v << 8 | v;
	}
	rot = imm12 >> 7;
	v = 0x80 | (imm12 & 0x7f);
	return v >> rot | v << (32 - rot);
}

int arm_modimm(uint32_t x)
{
	uint32_t b = x & 0xff;
	unsigned rot;

	if (x <= 0xff)
		return (int)x;
	if (x == (b << 16 | b))
		return (int)(0x100 | b);
	if (x == (b << 24 | b << 16 | b << 8 | b))
		return (int)(0x300 | b);
	b = x >> 8 & 0xff;
	if (x == (b << 24 | b << 8))
		return (int)(0x200 | b);
	/* 1bcdefgh rotated right by 8..31: find the rotation that brings the
	 * top set bit to bit 7 of the byte. */
	for (rot = 8; rot < 32; rot++) {
		uint32_t v = x << rot | x >> (32 - rot);
		if (v >= 0x80 && v <= 0xff)
			return (int)(rot << 7 | (v & 0x7f));
	}
	return -1;
}

bool arm_modimm_ok(uint32_t value)
{
	return arm_modimm(value) >= 0;
}

/* --- data processing --- */

enum { DP_PLAIN, DP_COMM, DP_CMP, DP_MOV };
enum { FLIP_NONE, FLIP_NOT, FLIP_NEG };

/* Per-operation encoding data. */
typedef struct DpInfo {
	uint8_t op32;   /* op field (bits 24:21) of the 32-bit encodings */
	int8_t op16;    /* op of the 16-bit 010000 op Rm Rdn form, -1 if none */
	uint8_t kind;   /* DP_PLAIN, DP_COMM (commutative), DP_CMP (no Rd), DP_MOV (no Rn) */
	uint8_t flip;   /* FLIP_* relation to the complementary op for immediates */
	uint8_t other;  /* the complementary op */
} DpInfo;

static const DpInfo dp_tab[ARM_DP_COUNT] = {
	[ARM_AND] = {0x0, 0x0, DP_COMM, FLIP_NOT, ARM_BIC},
	[ARM_BIC] = {0x1, 0xE, DP_PLAIN, FLIP_NOT, ARM_AND},
	[ARM_ORR] = {0x2, 0xC, DP_COMM, FLIP_NOT, ARM_ORN},
	[ARM_ORN] = {0x3, -1, DP_PLAIN, FLIP_NOT, ARM_ORR},
	[ARM_EOR] = {0x4, 0x1, DP_COMM, FLIP_NONE, 0},
	[ARM_ADD] = {0x8, -1, DP_COMM, FLIP_NEG, ARM_SUB},
	[ARM_ADC] = {0xA, 0x5, DP_COMM, FLIP_NOT, ARM_SBC},
	[ARM_SBC] = {0xB, 0x6, DP_PLAIN, FLIP_NOT, ARM_ADC},
	[ARM_SUB] = {0xD, -1, DP_PLAIN, FLIP_NEG, ARM_ADD},
	[ARM_RSB] = {0xE, -1, DP_PLAIN, FLIP_NONE, 0},
	[ARM_MOV] = {0x2, -1, DP_MOV, FLIP_NOT, ARM_MVN},
	[ARM_MVN] = {0x3, 0xF, DP_MOV, FLIP_NOT, ARM_MOV},
	[ARM_TST] = {0x0, 0x8, DP_CMP, FLIP_NONE, 0},
	[ARM_TEQ] = {0x4, -1, DP_CMP, FLIP_NONE, 0},
	[ARM_CMP] = {0xD, 0xA, DP_CMP, FLIP_NEG, ARM_CMN},
	[ARM_CMN] = {0x8, 0xB, DP_CMP, FLIP_NEG, ARM_CMP},
};

/* Splits a shift into its type and imm5 fields; false if out of range. */
static bool shift_field(ArmShift sh, unsigned amount, unsigned *type, unsigned *imm5)
{
	*type = sh == ARM_RRX ? 3u : amount ? (unsigned)sh : 0u; /* any shift by 0 is LSL #0 */
	*imm5 = sh == ARM_RRX ? 0 : amount & 31;
	switch (sh) {
	case ARM_LSL: case ARM_ROR: return amount <= 31;
	case ARM_LSR: case ARM_ASR: return amount <= 32;
	case ARM_RRX: return true;
	}
	return false;
}

/* Whether the 32-bit register form of op accepts these registers (ARMv7-M
 * UNPREDICTABLE rules; ADD/SUB allow SP as Rn and then as Rd). */
static bool dp_reg_regs_ok(ArmDpOp op, bool s, ArmReg rd, ArmReg rn, ArmReg rm,
                           ArmShift sh, unsigned amount)
{
	switch (dp_tab[op].kind) {
	case DP_CMP:
		if (op == ARM_CMP || op == ARM_CMN)
			return rn != ARM_PC && !arm_bad(rm);
		return !arm_bad(rn) && !arm_bad(rm);
	case DP_MOV:
		if (op == ARM_MOV && sh == ARM_LSL && amount == 0) {
			if (s)
				return !arm_bad(rd) && !arm_bad(rm);
			return rd != ARM_PC && rm != ARM_PC && !(rd == ARM_SP && rm == ARM_SP);
		}
		return !arm_bad(rd) && !arm_bad(rm);
	}
	if ((op == ARM_ADD || op == ARM_SUB) && rn == ARM_SP) {
		if (rd == ARM_PC || arm_bad(rm))
			return false;
		return rd != ARM_SP || (sh == ARM_LSL && amount <= 3);
	}
	return !arm_bad(rd) && !arm_bad(rn) && !arm_bad(rm);
}

/* The 16-bit register forms; true if one was emitted. */
static bool dp_reg16(ArmAsm *a, ArmDpOp op, ArmFlags fl, ArmReg rd, ArmReg rn, ArmReg rm)
{
	const DpInfo *d = &dp_tab[op];
	bool lo3 = arm_lo(rd) && arm_lo(rn) && arm_lo(rm);

	switch (op) {
	case ARM_MOV:
		if (fl != ARM_SETS && rd != ARM_PC && rm != ARM_PC && !(rd == ARM_SP && rm == ARM_SP)) {
			arm_emit16(a, 0x4600 | (rd & 8) << 4 | rm << 3 | (rd & 7));
			return true;
		}
		if (fl != ARM_KEEP && !arm_in_it(a) && arm_lo(rd) && arm_lo(rm)) {
			arm_emit16(a, rm << 3 | rd); /* MOVS = LSLS #0 */
			return true;
		}
		return false;
	case ARM_ADD: {
		/* ADD Rdn, Rm (any registers, never sets flags) */
		bool t2 = fl != ARM_SETS && (rd == rn || rd == rm) && rd != ARM_PC &&
		          rn != ARM_PC && rm != ARM_PC;
		ArmReg other = rd == rn ? rm : rn;
		bool t1 = lo3 && narrow_ok(a, fl);
		/* Inside an IT block `as` prefers the three-register form. */
		if (t1 && arm_in_it(a)) {
			arm_emit16(a, 0x1800 | rm << 6 | rn << 3 | rd);
			return true;
		}
		if (t2) {
			arm_emit16(a, 0x4400 | (rd & 8) << 4 | other << 3 | (rd & 7));
			return true;
		}
		if (t1) {
			arm_emit16(a, 0x1800 | rm << 6 | rn << 3 | rd);
			return true;
		}
		return false;
	}
	case ARM_SUB:
		if (lo3 && narrow_ok(a, fl)) {
			arm_emit16(a, 0x1a00 | rm << 6 | rn << 3 | rd);
			return true;
		}
		return false;
	case ARM_CMP:
		if (arm_lo(rn) && arm_lo(rm)) {
			arm_emit16(a, 0x4280 | rm << 3 | rn);
			return true;
		}
		if (rn != ARM_PC && !arm_bad(rm)) { /* CMP Rn, SP is deprecated */
			arm_emit16(a, 0x4500 | (rn & 8) << 4 | rm << 3 | (rn & 7));
			return true;
		}
		return false;
	case ARM_CMN: case ARM_TST:
		if (arm_lo(rn) && arm_lo(rm)) {
			arm_emit16(a, 0x4000 | d->op16 << 6 | rm << 3 | rn);
			return true;
		}
		return false;
	case ARM_MVN:
		if (arm_lo(rd) && arm_lo(rm) && narrow_ok(a, fl)) {
			arm_emit16(a, 0x4000 | d->op16 << 6 | rm << 3 | rd);
			return true;
		}
		return false;
	default:
		break;
	}
	if (d->op16 < 0 || !lo3 || !narrow_ok(a, fl))
		return false;
	if (rd == rn) {
		arm_emit16(a, 0x4000 | d->op16 << 6 | rm << 3 | rd);
		return true;
	}
	if (d->kind == DP_COMM && rd == rm) {
		arm_emit16(a, 0x4000 | d->op16 << 6 | rn << 3 | rd);
		return true;
	}
	return false;
}

void arm_dp_reg(ArmAsm *a, ArmDpOp op, ArmFlags fl, ArmReg rd, ArmReg rn, ArmReg rm,
                ArmShift sh, unsigned amount)
{
	unsigned type, imm5;
	bool s;

	if ((unsigned)op >= ARM_DP_COUNT || (unsigned)fl > ARM_ANY || !arm_reg_ok(rd) ||
	    !arm_reg_ok(rn) || !arm_reg_ok(rm) || !shift_field(sh, amount, &type, &imm5)) {
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	if (sh != ARM_RRX && amount == 0)
		sh = ARM_LSL;
	if (op == ARM_MOV && !(sh == ARM_LSL && amount == 0)) {
		arm_shift_imm(a, sh, fl, rd, rm, amount);
		return;
	}
	if (dp_tab[op].kind == DP_CMP) {
		rd = ARM_PC;
		fl = ARM_SETS;
	} else if (dp_tab[op].kind == DP_MOV) {
		rn = ARM_PC;
	}
	if (sh == ARM_LSL && amount == 0 && dp_reg16(a, op, fl, rd, rn, rm))
		return;
	s = fl == ARM_SETS;
	if (op == ARM_ADD && rm == ARM_SP && rn != ARM_SP && sh == ARM_LSL && amount == 0) {
		rm = rn; /* add rd, rn, sp is add rd, sp, rn */
		rn = ARM_SP;
	}
	if (!dp_reg_regs_ok(op, s, dp_tab[op].kind == DP_CMP ? ARM_R0 : rd,
	                    dp_tab[op].kind == DP_MOV ? ARM_R0 : rn, rm, sh, amount)) {
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	arm_emit32(a, 0xEA000000u | (uint32_t)dp_tab[op].op32 << 21 | (uint32_t)s << 20 |
	              (uint32_t)rn << 16 | (imm5 >> 2) << 12 | (uint32_t)rd << 8 |
	              (imm5 & 3) << 6 | type << 4 | rm);
}

void arm_mov(ArmAsm *a, ArmFlags fl, ArmReg rd, ArmReg rm)
{
	arm_dp_reg(a, ARM_MOV, fl, rd, ARM_R0, rm, ARM_LSL, 0);
}

void arm_shift_imm(ArmAsm *a, ArmShift sh, ArmFlags fl, ArmReg rd, ArmReg rm,
                   unsigned amount)
{
	unsigned type, imm5;

	if ((unsigned)fl > ARM_ANY || !arm_reg_ok(rd) || !arm_reg_ok(rm) ||
	    !shift_field(sh, amount, &type, &imm5)) {
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	if (sh != ARM_RRX && amount == 0) {
		arm_mov(a, fl, rd, rm);
		return;
	}
	if (sh <= ARM_ASR && arm_lo(rd) && arm_lo(rm) && narrow_ok(a, fl)) {
		arm_emit16(a, (uint32_t)sh << 11 | imm5 << 6 | rm << 3 | rd);
		return;
	}
	if (arm_bad(rd) || arm_bad(rm)) {
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	arm_emit32(a, 0xEA4F0000u | (uint32_t)(fl == ARM_SETS) << 20 | (imm5 >> 2) << 12 |
	              (uint32_t)rd << 8 | (imm5 & 3) << 6 | type << 4 | rm);
}

void arm_shift_reg(ArmAsm *a, ArmShift sh, ArmFlags fl, ArmReg rd, ArmReg rn, ArmReg rm)
{
	static const uint8_t op16[4] = {0x2, 0x3, 0x4, 0x7};

	if ((unsigned)fl > ARM_ANY || (unsigned)sh > ARM_ROR || !arm_reg_ok(rd) ||
	    !arm_reg_ok(rn) || !arm_reg_ok(rm)) {
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	if (rd == rn && arm_lo(rd) && arm_lo(rm) && narrow_ok(a, fl)) {
		arm_emit16(a, 0x4000 | (uint32_t)op16[sh] << 6 | rm << 3 | rd);
		return;
	}
	if (arm_bad(rd) || arm_bad(rn) || arm_bad(rm)) {
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	arm_emit32(a, 0xFA00F000u | (uint32_t)sh << 21 | (uint32_t)(fl == ARM_SETS) << 20 |
	              (uint32_t)rn << 16 | (uint32_t)rd << 8 | rm);
}

/* The immediate the complementary op needs for the same result. */
static uint32_t flip_imm(const DpInfo *d, uint32_t imm)
{
	return d->flip == FLIP_NOT ? ~imm : 0u - imm;
}

/* The 16-bit immediate forms of op; true if one was emitted. */
static bool dp_imm16(ArmAsm *a, ArmDpOp op, ArmFlags fl, ArmReg rd, ArmReg rn, uint32_t imm)
{
	bool lo2 = arm_lo(rd) && arm_lo(rn);

	switch (op) {
	case ARM_MOV:
		if (arm_lo(rd) && imm <= 0xff && narrow_ok(a, fl)) {
			arm_emit16(a, 0x2000 | rd << 8 | imm);
			return true;
		}
		return false;
	case ARM_ADD: case ARM_SUB: {
		uint32_t sub = op == ARM_SUB;
		if (rd == ARM_SP && rn == ARM_SP && fl != ARM_SETS && imm % 4 == 0 && imm <= 508) {
			arm_emit16(a, 0xB000 | sub << 7 | imm >> 2);
			return true;
		}
		if (!sub && arm_lo(rd) && rn == ARM_SP && fl != ARM_SETS && imm % 4 == 0 &&
		    imm <= 1020) {
			arm_emit16(a, 0xA800 | rd << 8 | imm >> 2);
			return true;
		}
		if (!lo2 || !narrow_ok(a, fl))
			return false;
		if (rd == rn && imm <= 0xff) {
			arm_emit16(a, 0x3000 | sub << 11 | rd << 8 | imm);
			return true;
		}
		if (imm <= 7) {
			arm_emit16(a, 0x1C00 | sub << 9 | imm << 6 | rn << 3 | rd);
			return true;
		}
		return false;
	}
	case ARM_RSB:
		if (imm == 0 && lo2 && narrow_ok(a, fl)) {
			arm_emit16(a, 0x4240 | rn << 3 | rd);
			return true;
		}
		return false;
	case ARM_CMP:
		if (arm_lo(rn) && imm <= 0xff) {
			arm_emit16(a, 0x2800 | rn << 8 | imm);
			return true;
		}
		return false;
	default:
		return false;
	}
}

/* Whether the 32-bit immediate forms of op accept these registers. */
static bool dp_imm_regs_ok(ArmDpOp op, ArmReg rd, ArmReg rn)
{
	switch (op) {
	case ARM_ADD: case ARM_SUB:
		if (rn == ARM_PC)
			return false; /* ADR */
		return rn == ARM_SP ? rd != ARM_PC : !arm_bad(rd);
	case ARM_CMP: case ARM_CMN:
		return rn != ARM_PC;
	case ARM_TST: case ARM_TEQ:
		return !arm_bad(rn);
	case ARM_MOV: case ARM_MVN:
		return !arm_bad(rd);
	default:
		return !arm_bad(rd) && !arm_bad(rn);
	}
}

/* The 32-bit modified-immediate form; true if emitted. */
static bool dp_imm32(ArmAsm *a, ArmDpOp op, bool s, ArmReg rd, ArmReg rn, uint32_t imm)
{
	int m = arm_modimm(imm);
	uint32_t u = (uint32_t)m;

	if (m < 0)
		return false;
	arm_emit32(a, 0xF0000000u | (u >> 11) << 26 | (uint32_t)dp_tab[op].op32 << 21 |
	              (uint32_t)s << 20 | (uint32_t)rn << 16 | (u >> 8 & 7) << 12 |
	              (uint32_t)rd << 8 | (u & 0xff));
	return true;
}

/* The plain 16-bit-immediate forms ADDW/SUBW/MOVW/MOVT (base opcode). */
static void emit_imm16(ArmAsm *a, uint32_t base, ArmReg rd, ArmReg rn, uint32_t imm)
{
	arm_emit32(a, base | (imm >> 11 & 1) << 26 | (imm >> 12 & 0xf) << 16 | (uint32_t)rn << 16 |
	              (imm >> 8 & 7) << 12 | (uint32_t)rd << 8 | (imm & 0xff));
}

void arm_dp_imm(ArmAsm *a, ArmDpOp op, ArmFlags fl, ArmReg rd, ArmReg rn, uint32_t imm)
{
	const DpInfo *d;
	uint32_t fimm;
	bool s;

	if ((unsigned)op >= ARM_DP_COUNT || (unsigned)fl > ARM_ANY || !arm_reg_ok(rd) ||
	    !arm_reg_ok(rn)) {
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	d = &dp_tab[op];
	if (d->kind == DP_CMP) {
		rd = ARM_PC;
		fl = ARM_SETS;
	} else if (d->kind == DP_MOV) {
		rn = ARM_PC;
	}
	fimm = flip_imm(d, imm);
	if (dp_imm16(a, op, fl, rd, rn, imm))
		return;
	if (d->flip != FLIP_NONE && dp_imm16(a, d->other, fl, rd, rn, fimm))
		return;
	if (!dp_imm_regs_ok(op, d->kind == DP_CMP ? ARM_R0 : rd, d->kind == DP_MOV ? ARM_R0 : rn)) {
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	s = fl == ARM_SETS;
	if (dp_imm32(a, op, s, rd, rn, imm))
		return;
	if (d->flip != FLIP_NONE && dp_imm32(a, d->other, s, rd, rn, fimm))
		return;
	if (!s && (op == ARM_ADD || op == ARM_SUB)) {
		if (imm <= 0xfff) {
			emit_imm16(a, op == ARM_ADD ? 0xF2000000u : 0xF2A00000u, rd, rn, imm);
			return;
		}
		if (fimm <= 0xfff) {
			emit_imm16(a, op == ARM_ADD ? 0xF2A00000u : 0xF2000000u, rd, rn, fimm);
			return;
		}
	}
	if (!s && op == ARM_MOV && imm <= 0xffff) {
		emit_imm16(a, 0xF2400000u, rd, ARM_R0, imm);
		return;
	}
	arm_fail(a, ARM_ERR_OPERAND);
}

bool arm_dp_imm_ok(ArmDpOp op, ArmFlags fl, uint32_t imm)
{
	const DpInfo *d;

	if ((unsigned)op >= ARM_DP_COUNT)
		return false;
	d = &dp_tab[op];
	if (d->kind == DP_CMP)
		fl = ARM_SETS;
	if (arm_modimm_ok(imm) || (d->flip != FLIP_NONE && arm_modimm_ok(flip_imm(d, imm))))
		return true;
	if (fl == ARM_SETS)
		return false;
	if (op == ARM_ADD || op == ARM_SUB)
		return imm <= 0xfff || 0u - imm <= 0xfff;
	return op == ARM_MOV && imm <= 0xffff;
}

void arm_movw(ArmAsm *a, ArmReg rd, uint32_t imm16)
{
	if (!arm_reg_ok(rd) || arm_bad(rd) || imm16 > 0xffff) {
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	emit_imm16(a, 0xF2400000u, rd, ARM_R0, imm16);
}

void arm_movt(ArmAsm *a, ArmReg rd, uint32_t imm16)
{
	if (!arm_reg_ok(rd) || arm_bad(rd) || imm16 > 0xffff) {
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	emit_imm16(a, 0xF2C00000u, rd, ARM_R0, imm16);
}

void arm_const(ArmAsm *a, ArmReg rd, uint32_t value, ArmFlags fl)
{
	if (fl == ARM_SETS || (unsigned)fl > ARM_ANY || !arm_reg_ok(rd) || arm_bad(rd)) {
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	if (arm_dp_imm_ok(ARM_MOV, fl, value)) {
		arm_dp_imm(a, ARM_MOV, fl, rd, ARM_R0, value);
		return;
	}
	/* The low half by its shortest form (MOVS when flags may go), then MOVT. */
	arm_dp_imm(a, ARM_MOV, fl, rd, ARM_R0, value & 0xffff);
	arm_movt(a, rd, value >> 16);
}

/* --- multiply, divide, bit operations --- */

/* Whether any of n registers is invalid or BadReg. */
static bool any_bad(int n, const ArmReg *r)
{
	for (int i = 0; i < n; i++)
		if (!arm_reg_ok(r[i]) || arm_bad(r[i]))
			return true;
	return false;
}

void arm_mul(ArmAsm *a, ArmFlags fl, ArmReg rd, ArmReg rn, ArmReg rm)
{
	ArmReg r[3] = {rd, rn, rm};

	if ((unsigned)fl > ARM_ANY || any_bad(3, r)) {
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	if (arm_lo(rd) && arm_lo(rn) && arm_lo(rm) && narrow_ok(a, fl) && (rd == rm || rd == rn)) {
		arm_emit16(a, 0x4340 | (rd == rm ? rn : rm) << 3 | rd);
		return;
	}
	if (fl == ARM_SETS) {
		arm_fail(a, ARM_ERR_OPERAND); /* no 32-bit MULS */
		return;
	}
	arm_emit32(a, 0xFB00F000u | (uint32_t)rn << 16 | (uint32_t)rd << 8 | rm);
}

void arm_mla(ArmAsm *a, bool sub, ArmReg rd, ArmReg rn, ArmReg rm, ArmReg ra)
{
	ArmReg r[4] = {rd, rn, rm, ra};

	if (any_bad(4, r)) {
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	arm_emit32(a, 0xFB000000u | (uint32_t)rn << 16 | (uint32_t)ra << 12 | (uint32_t)rd << 8 |
	              (uint32_t)sub << 4 | rm);
}

void arm_mull(ArmAsm *a, ArmMulLong op, ArmReg rdlo, ArmReg rdhi, ArmReg rn, ArmReg rm)
{
	static const uint32_t base[4] = {0xFB800000u, 0xFBA00000u, 0xFBC00000u, 0xFBE00000u};
	ArmReg r[4] = {rdlo, rdhi, rn, rm};

	if ((unsigned)op > ARM_UMLAL || any_bad(4, r) || rdlo == rdhi) {
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	arm_emit32(a, base[op] | (uint32_t)rn << 16 | (uint32_t)rdlo << 12 | (uint32_t)rdhi << 8 | rm);
}

void arm_div(ArmAsm *a, bool is_signed, ArmReg rd, ArmReg rn, ArmReg rm)
{
	ArmReg r[3] = {rd, rn, rm};

	if (any_bad(3, r)) {
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	arm_emit32(a, (is_signed ? 0xFB90F0F0u : 0xFBB0F0F0u) | (uint32_t)rn << 16 |
	              (uint32_t)rd << 8 | rm);
}

void arm_bitop(ArmAsm *a, ArmBitOp op, ArmReg rd, ArmReg rm)
{
	/* 32-bit encoding (Rm in both register fields), 16-bit one or 0 */
	static const struct { uint32_t w; uint16_t n; } tab[] = {
		[ARM_CLZ] = {0xFAB0F080u, 0}, [ARM_RBIT] = {0xFA90F0A0u, 0},
		[ARM_REV] = {0xFA90F080u, 0xBA00}, [ARM_REV16] = {0xFA90F090u, 0xBA40},
		[ARM_REVSH] = {0xFA90F0B0u, 0xBAC0},
	};
	ArmReg r[2] = {rd, rm};

	if ((unsigned)op > ARM_REVSH || any_bad(2, r)) {
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	if (tab[op].n && arm_lo(rd) && arm_lo(rm)) {
		arm_emit16(a, tab[op].n | rm << 3 | rd);
		return;
	}
	arm_emit32(a, tab[op].w | (uint32_t)rm << 16 | (uint32_t)rd << 8 | rm);
}

void arm_extend(ArmAsm *a, ArmExtOp op, ArmReg rd, ArmReg rm, unsigned rot)
{
	static const uint32_t w[4] = {0xFA0FF080u, 0xFA4FF080u, 0xFA1FF080u, 0xFA5FF080u};
	ArmReg r[2] = {rd, rm};

	if ((unsigned)op > ARM_UXTB || any_bad(2, r) || rot % 8 || rot > 24) {
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	if (rot == 0 && arm_lo(rd) && arm_lo(rm)) {
		arm_emit16(a, 0xB200 | (uint32_t)op << 6 | rm << 3 | rd);
		return;
	}
	arm_emit32(a, w[op] | (uint32_t)rd << 8 | (rot / 8) << 4 | rm);
}

/* The shared layout of SBFX/UBFX/BFI/BFC: lsb split in imm3:imm2, last field. */
static void emit_bitfield(ArmAsm *a, uint32_t base, ArmReg rd, ArmReg rn, unsigned lsb,
                          unsigned last)
{
	arm_emit32(a, base | (uint32_t)rn << 16 | (lsb >> 2) << 12 | (uint32_t)rd << 8 |
	              (lsb & 3) << 6 | last);
}

void arm_bfx(ArmAsm *a, bool is_signed, ArmReg rd, ArmReg rn, unsigned lsb, unsigned width)
{
	ArmReg r[2] = {rd, rn};

	if (any_bad(2, r) || lsb > 31 || width < 1 || width > 32 - lsb) {
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	emit_bitfield(a, is_signed ? 0xF3400000u : 0xF3C00000u, rd, rn, lsb, width - 1);
}

void arm_bfi(ArmAsm *a, ArmReg rd, ArmReg rn, unsigned lsb, unsigned width)
{
	ArmReg r[2] = {rd, rn};

	if (any_bad(2, r) || lsb > 31 || width < 1 || width > 32 - lsb) {
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	emit_bitfield(a, 0xF3600000u, rd, rn, lsb, lsb + width - 1);
}

void arm_bfc(ArmAsm *a, ArmReg rd, unsigned lsb, unsigned width)
{
	if (!arm_reg_ok(rd) || arm_bad(rd) || lsb > 31 || width < 1 || width > 32 - lsb) {
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	emit_bitfield(a, 0xF3600000u, rd, ARM_PC, lsb, lsb + width - 1);
}

/* --- loads and stores --- */

/* Per-width encoding data. */
typedef struct MemInfo {
	uint8_t size;   /* log2 of the access size */
	uint8_t sign;   /* sign-extending load */
	uint8_t load;   /* load (else store) */
	uint16_t imm16; /* 16-bit [Rn, #imm5 << size] opcode, 0 if none */
	uint16_t reg16; /* 16-bit [Rn, Rm] opcode */
} MemInfo;

static const MemInfo mem_tab[] = {
	[ARM_LDR] = {2, 0, 1, 0x6800, 0x5800},
	[ARM_LDRB] = {0, 0, 1, 0x7800, 0x5C00},
	[ARM_LDRH] = {1, 0, 1, 0x8800, 0x5A00},
	[ARM_LDRSB] = {0, 1, 1, 0, 0x5600},
	[ARM_LDRSH] = {1, 1, 1, 0, 0x5E00},
	[ARM_STR] = {2, 0, 0, 0x6000, 0x5000},
	[ARM_STRB] = {0, 0, 0, 0x7000, 0x5400},
	[ARM_STRH] = {1, 0, 0, 0x8000, 0x5200},
};

/* First halfword of the 32-bit encodings (imm8 and register forms). */
static uint32_t mem_hw1(const MemInfo *m, ArmReg rn)
{
	return 0xF800u | (uint32_t)m->sign << 8 | (uint32_t)m->size << 5 | (uint32_t)m->load << 4 | rn;
}

/* Whether Rt is allowed: SP only for word accesses, PC only for LDR (a
 * branch, so outside IT blocks or last in one). */
static bool mem_rt_ok(ArmAsm *a, const MemInfo *m, ArmReg rt)
{
	if (rt == ARM_PC && m->size == 2 && m->load && !arm_branch_ok(a)) {
		arm_fail(a, ARM_ERR_IT);
		return false;
	}
	return arm_reg_ok(rt) && (m->size == 2 || !arm_bad(rt)) && (rt != ARM_PC || m->load);
}

void arm_ldst(ArmAsm *a, ArmMemOp op, ArmReg rt, ArmReg rn, int32_t off, ArmIndex idx)
{
	const MemInfo *m;
	uint32_t hw1;

	if ((unsigned)op > ARM_STRH || (unsigned)idx > ARM_POST || !mem_rt_ok(a, &mem_tab[op], rt) ||
	    !arm_reg_ok(rn) || rn == ARM_PC ||
	    (idx != ARM_OFFSET && (rn == rt || (rt == ARM_SP && mem_tab[op].load)))) {
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	m = &mem_tab[op];
	hw1 = mem_hw1(m, rn);
	if (idx == ARM_OFFSET && off >= 0) {
		uint32_t scaled = (uint32_t)off >> m->size;
		bool aligned = ((uint32_t)off & ((1u << m->size) - 1)) == 0;
		if (m->imm16 && arm_lo(rt) && arm_lo(rn) && aligned && scaled <= 31) {
			arm_emit16(a, m->imm16 | scaled << 6 | rn << 3 | rt);
			return;
		}
		if (m->size == 2 && !m->sign && rn == ARM_SP && arm_lo(rt) && aligned && scaled <= 0xff) {
			arm_emit16(a, (m->load ? 0x9800 : 0x9000) | rt << 8 | scaled);
			return;
		}
		if (off <= 0xfff) {
			arm_emit32(a, (hw1 | 0x80) << 16 | (uint32_t)rt << 12 | (uint32_t)off);
			return;
		}
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	if (off < -255 || off > 255) {
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	arm_emit32(a, hw1 << 16 | (uint32_t)rt << 12 | 0x800 | (uint32_t)(idx != ARM_POST) << 10 |
	              (uint32_t)(off >= 0) << 9 | (uint32_t)(idx != ARM_OFFSET) << 8 |
	              (uint32_t)(off < 0 ? -off : off));
}

void arm_ldst_reg(ArmAsm *a, ArmMemOp op, ArmReg rt, ArmReg rn, ArmReg rm, unsigned shift)
{
	const MemInfo *m;

	if ((unsigned)op > ARM_STRH || !mem_rt_ok(a, &mem_tab[op], rt) || !arm_reg_ok(rn) ||
	    rn == ARM_PC || !arm_reg_ok(rm) || arm_bad(rm) || shift > 3) {
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	m = &mem_tab[op];
	if (shift == 0 && arm_lo(rt) && arm_lo(rn) && arm_lo(rm)) {
		arm_emit16(a, m->reg16 | rm << 6 | rn << 3 | rt);
		return;
	}
	arm_emit32(a, mem_hw1(m, rn) << 16 | (uint32_t)rt << 12 | shift << 4 | rm);
}

void arm_ldstd(ArmAsm *a, bool load, ArmReg rt, ArmReg rt2, ArmReg rn, int32_t off,
               ArmIndex idx)
{
	ArmReg r[2] = {rt, rt2};
	bool wb = idx != ARM_OFFSET;
	uint32_t mag = (uint32_t)(off < 0 ? -(int64_t)off : off);

	if ((unsigned)idx > ARM_POST || any_bad(2, r) || !arm_reg_ok(rn) || rn == ARM_PC ||
	    (load && rt == rt2) || (wb && (rn == rt || rn == rt2)) || mag % 4 || mag > 1020) {
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	arm_emit32(a, 0xE8400000u | (uint32_t)(idx != ARM_POST) << 24 | (uint32_t)(off >= 0) << 23 |
	              (uint32_t)wb << 21 | (uint32_t)load << 20 | (uint32_t)rn << 16 |
	              (uint32_t)rt << 12 | (uint32_t)rt2 << 8 | mag / 4);
}

static unsigned popcount16(uint16_t x)
{
	unsigned n = 0;

	for (; x; x &= x - 1)
		n++;
	return n;
}

static unsigned lowest(uint16_t x)
{
	unsigned i = 0;

	while (!(x >> i & 1))
		i++;
	return i;
}

void arm_ldstm(ArmAsm *a, bool load, bool db, ArmReg rn, uint16_t regs, bool wb)
{
	bool in_list = regs >> (rn & 15) & 1;
	unsigned n = popcount16(regs);

	if (!arm_reg_ok(rn) || rn == ARM_PC || n == 0 || (regs & 1u << ARM_SP) ||
	    (!load && (regs & 1u << ARM_PC)) || (regs & 0xC000) == 0xC000 || (wb && in_list)) {
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	if ((regs & 1u << ARM_PC) && !arm_branch_ok(a)) {
		arm_fail(a, ARM_ERR_IT);
		return;
	}
	/* LDMIA SP! is POP and STMDB SP! is PUSH, which have 16-bit forms */
	if (rn == ARM_SP && wb && load == !db) {
		(load ? arm_pop : arm_push)(a, regs);
		return;
	}
	/* 16-bit LDMIA writes back exactly when Rn is not in the list. */
	if (!db && arm_lo(rn) && regs <= 0xff && (load ? wb == !in_list : wb)) {
		arm_emit16(a, (load ? 0xC800 : 0xC000) | rn << 8 | regs);
		return;
	}
	if (n == 1) {
		ArmReg rt = (ArmReg)lowest(regs);
		ArmMemOp op = load ? ARM_LDR : ARM_STR;
		if (!db)
			arm_ldst(a, op, rt, rn, wb ? 4 : 0, wb ? ARM_POST : ARM_OFFSET);
		else
			arm_ldst(a, op, rt, rn, -4, wb ? ARM_PRE : ARM_OFFSET);
		return;
	}
	arm_emit32(a, (db ? 0xE9000000u : 0xE8800000u) | (uint32_t)wb << 21 | (uint32_t)load << 20 |
	              (uint32_t)rn << 16 | regs);
}

void arm_push(ArmAsm *a, uint16_t regs)
{
	if (regs == 0 || (regs & (1u << ARM_SP | 1u << ARM_PC))) {
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	if (!(regs & ~(0xffu | 1u << ARM_LR))) {
		arm_emit16(a, 0xB400 | (regs >> ARM_LR & 1) << 8 | (regs & 0xff));
		return;
	}
	if (popcount16(regs) == 1) {
		arm_emit32(a, 0xF84D0D04u | (uint32_t)lowest(regs) << 12); /* str rt, [sp, #-4]! */
		return;
	}
	arm_emit32(a, 0xE92D0000u | regs);
}

void arm_pop(ArmAsm *a, uint16_t regs)
{
	if (regs == 0 || (regs & 1u << ARM_SP) || (regs & 0xC000) == 0xC000) {
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	if ((regs & 1u << ARM_PC) && !arm_branch_ok(a)) {
		arm_fail(a, ARM_ERR_IT);
		return;
	}
	if (!(regs & ~(0xffu | 1u << ARM_PC))) {
		arm_emit16(a, 0xBC00 | (regs >> ARM_PC & 1) << 8 | (regs & 0xff));
		return;
	}
	if (popcount16(regs) == 1) {
		arm_emit32(a, 0xF85D0B04u | (uint32_t)lowest(regs) << 12); /* ldr rt, [sp], #4 */
		return;
	}
	arm_emit32(a, 0xE8BD0000u | regs);
}

/* --- IT blocks and system --- */

void arm_it(ArmAsm *a, ArmCond cond, const char *te)
{
	size_t n = te ? strlen(te) : 0;
	unsigned mask = 0, c0 = cond & 1;

	if (arm_in_it(a)) {
		arm_fail(a, ARM_ERR_IT);
		return;
	}
	if ((unsigned)cond >= ARM_AL || n > 3) {
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (te[i] != 't' && te[i] != 'e') {
			arm_fail(a, ARM_ERR_OPERAND);
			return;
		}
		mask |= (te[i] == 't' ? c0 : !c0) << (3 - i);
	}
	mask |= 1u << (3 - n);
	arm_emit16(a, 0xBF00 | (uint32_t)cond << 4 | mask);
	a->it_left = (uint8_t)(n + 1);
	a->it_cond[0] = (uint8_t)cond;
	for (size_t i = 0; i < n; i++)
		a->it_cond[i + 1] = (uint8_t)(te[i] == 't' ? cond : cond ^ 1);
}

/* Whether sys names a special register MRS/MSR can reach on this target. */
static bool sysreg_ok(const ArmAsm *a, ArmSysReg sys, bool write)
{
	switch (sys) {
	case ARM_SYS_APSR: case ARM_SYS_IAPSR: case ARM_SYS_EAPSR: case ARM_SYS_XPSR:
	case ARM_SYS_MSP: case ARM_SYS_PSP: case ARM_SYS_PRIMASK: case ARM_SYS_BASEPRI:
	case ARM_SYS_BASEPRI_MAX: case ARM_SYS_FAULTMASK: case ARM_SYS_CONTROL:
		return true;
	case ARM_SYS_IPSR: case ARM_SYS_EPSR: case ARM_SYS_IEPSR:
		return !write;
	case ARM_SYS_MSPLIM: case ARM_SYS_PSPLIM:
		return (a->feat & ARM_FEAT_V8M) != 0;
	}
	return false;
}

void arm_mrs(ArmAsm *a, ArmReg rd, ArmSysReg sys)
{
	if (!arm_reg_ok(rd) || arm_bad(rd) || !sysreg_ok(a, sys, false)) {
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	arm_emit32(a, 0xF3EF8000u | (uint32_t)rd << 8 | sys);
}

void arm_msr(ArmAsm *a, ArmSysReg sys, ArmReg rn)
{
	if (!arm_reg_ok(rn) || arm_bad(rn) || !sysreg_ok(a, sys, true)) {
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	arm_emit32(a, 0xF3808800u | (uint32_t)rn << 16 | sys);
}

void arm_svc(ArmAsm *a, unsigned imm8)
{
	if (imm8 > 0xff) {
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	arm_emit16(a, 0xDF00 | imm8);
}

void arm_bkpt(ArmAsm *a, unsigned imm8)
{
	if (imm8 > 0xff) {
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	arm_emit16(a, 0xBE00 | imm8);
}

void arm_udf(ArmAsm *a, unsigned imm)
{
	if (imm > 0xffff) {
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	if (imm <= 0xff)
		arm_emit16(a, 0xDE00 | imm);
	else
		arm_emit32(a, 0xF7F0A000u | (imm >> 12) << 16 | (imm & 0xfff));
}

void arm_hint(ArmAsm *a, ArmHint h)
{
	if ((unsigned)h > ARM_SEV) {
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	arm_emit16(a, 0xBF00 | (uint32_t)h << 4);
}

void arm_barrier(ArmAsm *a, ArmBarrier b, unsigned option)
{
	static const uint32_t w[3] = {0xF3BF8F40u, 0xF3BF8F50u, 0xF3BF8F60u};

	if ((unsigned)b > ARM_ISB || option > 15) {
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	arm_emit32(a, w[b] | option);
}

void arm_cps(ArmAsm *a, bool disable, bool i, bool f)
{
	if (!i && !f) {
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	if (arm_in_it(a)) {
		arm_fail(a, ARM_ERR_IT);
		return;
	}
	arm_emit16(a, 0xB660 | (uint32_t)disable << 4 | (uint32_t)i << 1 | f);
}
