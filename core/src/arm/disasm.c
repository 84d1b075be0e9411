/* disasm.c - Thumb-2 disassembler printing GNU objdump's syntax (disasm.h).
 *
 * The decoder follows the encoding tables of the ARMv7-M and ARMv8-M
 * Architecture Reference Manuals: 16-bit instructions by their top six
 * bits (A5.2), 32-bit ones by op1/op2 (A5.3), VFP by coprocessor group
 * (A6.4-A6.7). Each leaf formats its instruction the way binutils 2.40's
 * objdump does, which is not always the assembler's preferred spelling:
 * `mov.w r0, r1, lsl #3` for LSL.W with an immediate, `ldmia.w sp!, {..}`
 * rather than POP.W, `nop @ (mov r8, r8)`, VMOV immediates as their imm8
 * with the value in a comment. objdump appends `@ 0x<hex>` when an
 * immediate, offset or constant is above 32 or below -16; so does this.
 *
 * Text is built in a local buffer of fixed size (every instruction is far
 * shorter) and copied out, truncated if the caller's buffer is small.
 */
#include "arm/disasm.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static const char *const regname[16] = {
	"r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7",
	"r8", "r9", "sl", "fp", "ip", "sp", "lr", "pc",
};

static const char *const condname[16] = {
	"eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc",
	"hi", "ls", "ge", "lt", "gt", "le", "", "nv",
};

/* One instruction being printed. */
typedef struct X {
	char buf[192];       /* the text so far */
	size_t k;            /* its length */
	const char *cc;      /* condition of the IT block, "" outside one */
	const char *s16;     /* suffix of 16-bit flag-setting forms: "s" or cc */
	bool vic;            /* an immediate worth a hex comment was printed */
	int64_t value;       /* that immediate (objdump's value_in_comment) */
	uint32_t pc;         /* address of the instruction */
	uint32_t target;     /* branch or literal address, or ARM_DIS_NO_TARGET */
} X;

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void out(X *x, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (x->k + 1 >= sizeof x->buf)
		return;
	va_start(ap, fmt);
	n = vsnprintf(x->buf + x->k, sizeof x->buf - x->k, fmt, ap);
	va_end(ap);
	if (n > 0)
		x->k += (size_t)n < sizeof x->buf - x->k ? (size_t)n : sizeof x->buf - x->k - 1;
}

/* Notes an immediate for the trailing comment (the last one wins). */
static void note(X *x, int64_t v)
{
	x->vic = true;
	x->value = v;
}

/* "{r0, r4, lr}" */
static void reglist(X *x, unsigned regs)
{
	bool first = true;

	out(x, "{");
	for (int r = 0; r < 16; r++)
		if (regs >> r & 1) {
			out(x, "%s%s", first ? "" : ", ", regname[r]);
			first = false;
		}
	out(x, "}");
}

static uint32_t modimm(unsigned imm12)
{
	uint32_t v = imm12 & 0xff;
	unsigned rot;

	switch (imm12 >> 8 & 0xf) {
	case 0: return v;
	case 1: return v << 16 | v;
	case 2: return v << 24 | v << 8;
	case 3: return v << 24 | v << 16 | v << 8 | v;
	}
	rot = imm12 >> 7 & 0x1f;
	v = 0x80 | (imm12 & 0x7f);
	return v >> rot | v << (32 - rot);
}

static void branch(X *x, int32_t disp)
{
	x->target = x->pc + 4 + (uint32_t)disp;
	out(x, "%" PRIx32, x->target);
}

/* ", lsl #3" etc. for a shift type and 5-bit amount (DecodeImmShift). */
static void shift_imm(X *x, unsigned type, unsigned imm5)
{
	static const char *const nm[4] = {"lsl", "lsr", "asr", "ror"};

	if (type == 3 && imm5 == 0)
		out(x, ", rrx");
	else if (type == 0 && imm5 == 0)
		return;
	else
		out(x, ", %s #%u", nm[type], type != 3 && imm5 == 0 ? 32 : imm5);
}

/* --- 16-bit instructions --- */

static bool dis16(X *x, ArmDis *d, unsigned hw)
{
	unsigned rd = hw & 7, rn = hw >> 3 & 7, rm = hw >> 6 & 7, imm5 = hw >> 6 & 31;

	switch (hw >> 11) {
	case 0x00: /* LSL #imm, MOVS */
		if (imm5 == 0)
			out(x, "mov%s\t%s, %s", x->s16, regname[rd], regname[rn]);
		else
			out(x, "lsl%s\t%s, %s, #%u", x->s16, regname[rd], regname[rn], imm5);
		return true;
	case 0x01: case 0x02:
		out(x, "%s%s\t%s, %s, #%u", hw >> 11 == 1 ? "lsr" : "asr", x->s16, regname[rd], regname[rn],
		    imm5 ? imm5 : 32);
		return true;
	case 0x03: {
		const char *op = hw & 0x200 ? "sub" : "add";
		if (hw & 0x400)
			out(x, "%s%s\t%s, %s, #%u", op, x->s16, regname[rd], regname[rn], rm);
		else
			out(x, "%s%s\t%s, %s, %s", op, x->s16, regname[rd], regname[rn], regname[rm]);
		return true;
	}
	case 0x04: case 0x05: case 0x06: case 0x07: {
		static const char *const nm[4] = {"mov", "cmp", "add", "sub"};
		unsigned op = hw >> 11 & 3, r = hw >> 8 & 7;
		out(x, "%s%s\t%s, #%u", nm[op], op == 1 ? x->cc : x->s16, regname[r], hw & 0xff);
		note(x, hw & 0xff);
		return true;
	}
	case 0x08:
		if (!(hw & 0x400)) { /* data processing */
			static const char *const nm[16] = {"and", "eor", "lsl", "lsr", "asr", "adc", "sbc", "ror",
			                                   "tst", "neg", "cmp", "cmn", "orr", "mul", "bic", "mvn"};
			unsigned op = hw >> 6 & 15;
			bool cmp = op == 8 || op == 10 || op == 11;
			out(x, "%s%s\t%s, %s", nm[op], cmp ? x->cc : x->s16, regname[rd], regname[rn]);
			return true;
		}
		{ /* special data processing, branch and exchange */
			unsigned op = hw >> 8 & 3, dn = (hw >> 4 & 8) | rd, m = hw >> 3 & 15;
			switch (op) {
			case 0: out(x, "add%s\t%s, %s", x->cc, regname[dn], regname[m]); return true;
			case 1: out(x, "cmp%s\t%s, %s", x->cc, regname[dn], regname[m]); return true;
			case 2:
				if (hw == 0x46c0)
					out(x, "nop%s\t@ (mov r8, r8)", x->cc);
				else
					out(x, "mov%s\t%s, %s", x->cc, regname[dn], regname[m]);
				return true;
			case 3:
				if (hw & 7)
					return false;
				out(x, "%s%s\t%s", hw & 0x80 ? "blx" : "bx", x->cc, regname[m]);
				return true;
			}
		}
		return false;
	case 0x09: { /* LDR literal */
		unsigned imm = (hw & 0xff) * 4;
		x->target = ((x->pc + 4) & ~3u) + imm;
		out(x, "ldr%s\t%s, [pc, #%u]\t@ (%" PRIx32 ")", x->cc, regname[hw >> 8 & 7], imm, x->target);
		return true;
	}
	case 0x0a: case 0x0b: { /* load/store, register offset */
		static const char *const nm[8] = {"str", "strh", "strb", "ldrsb", "ldr", "ldrh", "ldrb", "ldrsh"};
		out(x, "%s%s\t%s, [%s, %s]", nm[hw >> 9 & 7], x->cc, regname[rd], regname[rn], regname[rm]);
		return true;
	}
	case 0x0c: case 0x0d: case 0x0e: case 0x0f: case 0x10: case 0x11: { /* load/store, immediate */
		static const char *const nm[6] = {"str", "ldr", "strb", "ldrb", "strh", "ldrh"};
		static const unsigned scale[6] = {4, 4, 1, 1, 2, 2};
		unsigned k = (hw >> 11) - 0x0c, off = imm5 * scale[k];
		out(x, "%s%s\t%s, [%s, #%u]", nm[k], x->cc, regname[rd], regname[rn], off);
		note(x, off);
		return true;
	}
	case 0x12: case 0x13: { /* SP-relative load/store */
		unsigned off = (hw & 0xff) * 4;
		out(x, "%s%s\t%s, [sp, #%u]", hw & 0x800 ? "ldr" : "str", x->cc, regname[hw >> 8 & 7], off);
		note(x, off);
		return true;
	}
	case 0x14: { /* ADR */
		unsigned imm = (hw & 0xff) * 4;
		x->target = ((x->pc + 4) & ~3u) + imm;
		out(x, "add%s\t%s, pc, #%u\t@ (adr %s, %" PRIx32 ")", x->cc, regname[hw >> 8 & 7], imm,
		    regname[hw >> 8 & 7], x->target);
		return true;
	}
	case 0x15: { /* ADD rd, sp, #imm */
		unsigned imm = (hw & 0xff) * 4;
		out(x, "add%s\t%s, sp, #%u", x->cc, regname[hw >> 8 & 7], imm);
		note(x, imm);
		return true;
	}
	case 0x16: case 0x17: /* miscellaneous */
		switch (hw >> 8 & 15) {
		case 0x0: {
			unsigned imm = (hw & 0x7f) * 4;
			out(x, "%s%s\tsp, #%u", hw & 0x80 ? "sub" : "add", x->cc, imm);
			note(x, imm);
			return true;
		}
		case 0x1: case 0x3: case 0x9: case 0xb: {
			unsigned imm = (hw >> 2 & 0x3e) | (hw >> 3 & 0x40);
			out(x, "cb%s\t%s, ", hw & 0x800 ? "nz" : "z", regname[rd]);
			branch(x, (int32_t)imm);
			return true;
		}
		case 0x2: {
			static const char *const nm[4] = {"sxth", "sxtb", "uxth", "uxtb"};
			out(x, "%s%s\t%s, %s", nm[hw >> 6 & 3], x->cc, regname[rd], regname[rn]);
			return true;
		}
		case 0x4: case 0x5:
			out(x, "push%s\t", x->cc);
			reglist(x, (hw & 0xff) | (hw & 0x100 ? 1u << 14 : 0));
			return true;
		case 0xc: case 0xd:
			out(x, "pop%s\t", x->cc);
			reglist(x, (hw & 0xff) | (hw & 0x100 ? 1u << 15 : 0));
			return true;
		case 0x6:
			if ((hw & 0xffe8) != 0xb660 || !(hw & 3))
				return false;
			out(x, "cps%s\t%s%s", hw & 0x10 ? "id" : "ie", hw & 2 ? "i" : "", hw & 1 ? "f" : "");
			return true;
		case 0xa: {
			static const char *const nm[4] = {"rev", "rev16", NULL, "revsh"};
			if (!nm[hw >> 6 & 3])
				return false;
			out(x, "%s%s\t%s, %s", nm[hw >> 6 & 3], x->cc, regname[rd], regname[rn]);
			return true;
		}
		case 0xe:
			out(x, "bkpt\t0x%04x", hw & 0xff);
			return true;
		case 0xf:
			if (hw & 0xf) { /* IT: the block starts after this instruction */
				unsigned cond = hw >> 4 & 15, mask = hw & 15, tz = 0;
				if (cond == 15 || (cond == 14 && (mask & (mask - 1))))
					return false;
				while (!(mask >> tz & 1))
					tz++;
				out(x, "it");
				for (unsigned b = 3; b > tz; b--)
					out(x, "%c", (mask >> b & 1) == (cond & 1) ? 't' : 'e');
				out(x, "\t%s", cond == 14 ? "al" : condname[cond]);
				d->it = (uint8_t)(hw & 0xff);
				return true;
			}
			{
				static const char *const nm[5] = {"nop", "yield", "wfe", "wfi", "sev"};
				unsigned h = hw >> 4 & 15;
				if (h > 4)
					return false;
				out(x, "%s%s", nm[h], x->cc);
				return true;
			}
		}
		return false;
	case 0x18: case 0x19: { /* STM/LDM */
		unsigned base = hw >> 8 & 7, list = hw & 0xff;
		bool load = hw & 0x800;
		out(x, "%s%s\t%s%s, ", load ? "ldmia" : "stmia", x->cc, regname[base],
		    !load || !(list >> base & 1) ? "!" : "");
		reglist(x, list);
		return true;
	}
	case 0x1a: case 0x1b: { /* B<c>, UDF, SVC */
		unsigned cond = hw >> 8 & 15;
		if (cond == 14) {
			out(x, "udf%s\t#%u", x->cc, hw & 0xff);
			note(x, hw & 0xff);
		} else if (cond == 15) {
			out(x, "svc%s\t%u", x->cc, hw & 0xff);
			note(x, hw & 0xff);
		} else {
			out(x, "b%s.n\t", condname[cond]);
			branch(x, ((int32_t)((hw & 0xff) ^ 0x80) - 0x80) * 2);
		}
		return true;
	}
	case 0x1c:
		out(x, "b%s.n\t", x->cc);
		branch(x, ((int32_t)((hw & 0x7ff) ^ 0x400) - 0x400) * 2);
		return true;
	}
	return false;
}

/* --- 32-bit integer instructions --- */

static const char *const dpname[16] = {
	"and", "bic", "orr", "orn", "eor", NULL, NULL, NULL,
	"add", NULL, "adc", "sbc", NULL, "sub", "rsb", NULL,
};

/* Data processing, modified immediate (op at hw1 8:5) and shifted
 * register: the same operations, the same spelling. */
static bool dis_dp(X *x, unsigned hw1, unsigned hw2, bool imm)
{
	unsigned op = hw1 >> 5 & 15, s = hw1 >> 4 & 1, rn = hw1 & 15, rd = hw2 >> 8 & 15;
	const char *name = dpname[op], *w = ".w";
	bool test = false, move = false;
	uint32_t value = 0;

	if (imm) {
		value = modimm((hw1 >> 10 & 1) << 11 | (hw2 >> 12 & 7) << 8 | (hw2 & 0xff));
	} else if (op == 6) {
		return false; /* PKHBT/PKHTB: never emitted */
	}
	if (!name)
		return false;
	if (rd == 15 && s && (op == 0 || op == 4 || op == 8 || op == 13)) {
		static const char *const t[16] = {[0] = "tst", [4] = "teq", [8] = "cmn", [13] = "cmp"};
		name = t[op];
		test = true;
	} else if (rn == 15 && (op == 2 || op == 3)) {
		name = op == 2 ? "mov" : "mvn";
		move = true;
	}
	/* objdump writes .w only where a 16-bit form of the name exists */
	if ((op == 3 && !move) || (op == 4 && test) || op == 14)
		w = "";
	out(x, "%s%s%s%s\t", name, s && !test ? "s" : "", x->cc, w);
	if (test)
		out(x, "%s, ", regname[rn]);
	else if (move)
		out(x, "%s, ", regname[rd]);
	else
		out(x, "%s, %s, ", regname[rd], regname[rn]);
	if (imm) {
		out(x, "#%" PRIu32, value);
		note(x, value);
	} else {
		out(x, "%s", regname[hw2 & 15]);
		shift_imm(x, hw2 >> 4 & 3, (hw2 >> 10 & 0x1c) | (hw2 >> 6 & 3));
	}
	return true;
}

/* Data processing, plain binary immediate. */
static bool dis_plain(X *x, unsigned hw1, unsigned hw2)
{
	unsigned op = hw1 >> 4 & 31, rn = hw1 & 15, rd = hw2 >> 8 & 15;
	unsigned imm12 = (hw1 >> 10 & 1) << 11 | (hw2 >> 12 & 7) << 8 | (hw2 & 0xff);
	unsigned lsb = (hw2 >> 10 & 0x1c) | (hw2 >> 6 & 3), low5 = hw2 & 31;

	if (hw2 & 0x8000)
		return false;
	switch (op) {
	case 0x00: case 0x0a:
		out(x, "%s%s\t%s, %s, #%u", op ? "subw" : "addw", x->cc, regname[rd], regname[rn], imm12);
		note(x, imm12);
		return true;
	case 0x04: case 0x0c: {
		unsigned imm16 = rn << 12 | imm12;
		out(x, "%s%s\t%s, #%u", op == 4 ? "movw" : "movt", x->cc, regname[rd], imm16);
		note(x, imm16);
		return true;
	}
	case 0x14: case 0x1c:
		if (hw2 & 0x20)
			return false;
		out(x, "%s%s\t%s, %s, #%u, #%u", op == 0x14 ? "sbfx" : "ubfx", x->cc, regname[rd],
		    regname[rn], lsb, low5 + 1);
		return true;
	case 0x16:
		if (hw2 & 0x20 || low5 < lsb)
			return false;
		if (rn == 15)
			out(x, "bfc%s\t%s, #%u, #%u", x->cc, regname[rd], lsb, low5 - lsb + 1);
		else
			out(x, "bfi%s\t%s, %s, #%u, #%u", x->cc, regname[rd], regname[rn], lsb, low5 - lsb + 1);
		return true;
	}
	return false;
}

static const char *sysreg(unsigned sysm)
{
	switch (sysm) {
	case 0: return "CPSR";
	case 1: return "IAPSR";
	case 2: return "EAPSR";
	case 3: return "PSR";
	case 5: return "IPSR";
	case 6: return "EPSR";
	case 7: return "IEPSR";
	case 8: return "MSP";
	case 9: return "PSP";
	case 10: return "MSPLIM";
	case 11: return "PSPLIM";
	case 16: return "PRIMASK";
	case 17: return "BASEPRI";
	case 18: return "BASEPRI_MAX";
	case 19: return "FAULTMASK";
	case 20: return "CONTROL";
	}
	return NULL;
}

/* The option of a DMB/DSB by objdump's name, or NULL for "#n". */
static const char *barrier_opt(unsigned opt)
{
	static const char *const nm[16] = {
		NULL, "oshld", "oshst", "osh", NULL, "nshld", "unst", "un",
		NULL, "ishld", "ishst", "ish", NULL, "ld", "st", "sy",
	};
	return nm[opt & 15];
}

/* Branches and miscellaneous control. */
static bool dis_branch(X *x, unsigned hw1, unsigned hw2)
{
	unsigned op1 = hw2 >> 12 & 7, s = hw1 >> 10 & 1;
	unsigned j1 = hw2 >> 13 & 1, j2 = hw2 >> 11 & 1;

	if (op1 & 1) { /* B.W (T4), BL */
		uint32_t i1 = !(j1 ^ s), i2 = !(j2 ^ s);
		uint32_t imm = s << 24 | i1 << 23 | i2 << 22 | (hw1 & 0x3ff) << 12 | (hw2 & 0x7ff) << 1;
		int32_t disp = (int32_t)(imm ^ 0x1000000) - 0x1000000;
		if (!(op1 & 4))
			out(x, "b%s.w\t", x->cc);
		else
			out(x, "bl%s\t", x->cc);
		branch(x, disp);
		return true;
	}
	if (op1 == 2 && (hw1 & 0x7f0) == 0x7f0) {
		unsigned imm16 = (hw1 & 15) << 12 | (hw2 & 0xfff);
		out(x, "udf%s.w\t#%u", x->cc, imm16);
		note(x, imm16);
		return true;
	}
	if (op1 & 4)
		return false; /* BLX (immediate): no ARM state on M-profile */
	if ((hw1 >> 6 & 15) < 14) { /* B<c>.W */
		uint32_t imm = s << 20 | j2 << 19 | j1 << 18 | (hw1 & 0x3f) << 12 | (hw2 & 0x7ff) << 1;
		out(x, "b%s.w\t", condname[hw1 >> 6 & 15]);
		branch(x, (int32_t)(imm ^ 0x100000) - 0x100000);
		return true;
	}
	if (op1 != 0)
		return false;
	switch (hw1 & 0x7f0) {
	case 0x380: { /* MSR */
		unsigned mask = hw2 >> 10 & 3, sysm = hw2 & 0xff;
		const char *name = sysreg(sysm);
		/* only the nzcvq mask (10) exists on M-profile; IPSR/EPSR are read-only */
		if (hw1 & 0x10 || (hw2 & 0x0300) || !name || mask != 2 || (sysm >= 5 && sysm <= 7))
			return false;
		out(x, "msr%s\t%s%s, %s", x->cc, name, sysm == 0 ? "_f" : "", regname[hw1 & 15]);
		return true;
	}
	case 0x3a0: { /* hints */
		static const char *const nm[5] = {"nop", "yield", "wfe", "wfi", "sev"};
		if ((hw1 & 15) != 15 || (hw2 & 0x7ff) > 4)
			return false;
		out(x, "%s%s.w", nm[hw2 & 7], x->cc);
		return true;
	}
	case 0x3b0: { /* barriers */
		unsigned opt = hw2 & 15;
		const char *name = NULL;
		if ((hw1 & 15) != 15 || (hw2 & 0xf00) != 0xf00)
			return false;
		switch (hw2 >> 4 & 15) {
		case 4:
			/* objdump's names for three options: ARMv8 speculation
			 * barriers and DFB (an encoding the ARM ARM leaves to cores) */
			if (opt == 0 || opt == 4 || opt == 12) {
				out(x, "%s", opt == 0 ? "ssbb" : opt == 4 ? "pssbb" : "dfb");
				return true;
			}
			name = barrier_opt(opt);
			out(x, "dsb%s\t", x->cc);
			break;
		case 5: name = barrier_opt(opt); out(x, "dmb%s\t", x->cc); break;
		case 6: name = opt == 15 ? "sy" : NULL; out(x, "isb%s\t", x->cc); break;
		default: return false;
		}
		if (name)
			out(x, "%s", name);
		else
			out(x, "#%u", opt);
		return true;
	}
	case 0x3e0: { /* MRS */
		const char *name = sysreg(hw2 & 0xff);
		if ((hw1 & 15) != 15 || !name)
			return false;
		out(x, "mrs%s\t%s, %s", x->cc, regname[hw2 >> 8 & 15], name);
		return true;
	}
	}
	return false;
}

/* Single loads and stores (LDR/STR{B,H,SB,SH}.W). */
static bool dis_ldst(X *x, unsigned hw1, unsigned hw2)
{
	static const char *const ld[2][3] = {{"ldrb", "ldrh", "ldr"}, {"ldrsb", "ldrsh", NULL}};
	static const char *const st[3] = {"strb", "strh", "str"};
	unsigned size = hw1 >> 5 & 3, sign = hw1 >> 8 & 1, load = hw1 >> 4 & 1;
	unsigned rn = hw1 & 15, rt = hw2 >> 12 & 15;
	const char *name;

	if (size == 3)
		return false;
	name = load ? ld[sign][size] : sign ? NULL : st[size];
	if (!name || (load && rt == 15 && size < 2))
		return false; /* PLD/PLI */
	if (rn == 15) {
		unsigned imm = hw2 & 0xfff;
		bool up = hw1 & 0x80;
		if (!load)
			return false;
		x->target = ((x->pc + 4) & ~3u) + (up ? imm : 0u - imm);
		out(x, "%s%s.w\t%s, [pc, #%s%u]\t@ %" PRIx32, name, x->cc, regname[rt], up ? "" : "-", imm,
		    x->target);
		return true;
	}
	if (hw1 & 0x80) { /* imm12 */
		unsigned imm = hw2 & 0xfff;
		out(x, "%s%s.w\t%s, [%s", name, x->cc, regname[rt], regname[rn]);
		if (imm)
			out(x, ", #%u", imm);
		out(x, "]");
		note(x, imm);
		return true;
	}
	if (hw2 & 0x800) { /* imm8: P U W at 10:8 */
		unsigned imm = hw2 & 0xff, p = hw2 >> 10 & 1, u = hw2 >> 9 & 1, w = hw2 >> 8 & 1;
		const char *sg = u ? "" : "-";
		if (p && u && !w) {
			out(x, "%st%s\t%s, [%s, #%u]", name, x->cc, regname[rt], regname[rn], imm);
			return true;
		}
		if (!p && !w)
			return false;
		out(x, "%s%s.w\t%s, [%s", name, x->cc, regname[rt], regname[rn]);
		if (!p)
			out(x, "], #%s%u", sg, imm);
		else if (imm || !u)
			out(x, ", #%s%u]%s", sg, imm, w ? "!" : "");
		else
			out(x, "]%s", w ? "!" : "");
		return true;
	}
	if (hw2 & 0xfc0)
		return false;
	out(x, "%s%s.w\t%s, [%s, %s", name, x->cc, regname[rt], regname[rn], regname[hw2 & 15]);
	if (hw2 >> 4 & 3)
		out(x, ", lsl #%u", hw2 >> 4 & 3);
	out(x, "]");
	return true;
}

/* LDM/STM, LDRD/STRD (exclusives and table branches are never emitted). */
static bool dis_ldstm(X *x, unsigned hw1, unsigned hw2)
{
	unsigned rn = hw1 & 15, w = hw1 >> 5 & 1, load = hw1 >> 4 & 1;

	if (!(hw1 & 0x40)) {
		unsigned op = hw1 >> 7 & 3;
		if (op != 1 && op != 2)
			return false;
		out(x, "%s%s%s\t%s%s, ", op == 1 ? load ? "ldmia" : "stmia" : load ? "ldmdb" : "stmdb", x->cc,
		    op == 1 ? ".w" : "", regname[rn], w ? "!" : "");
		reglist(x, hw2);
		return true;
	}
	if ((hw1 & 0xfff0) == 0xe8d0 && (hw2 & 0xffe0) == 0xf000) { /* TBB, TBH (the jump tables of br_table) */
		bool h = hw2 & 0x10;
		out(x, "%s%s\t[%s, %s%s]", h ? "tbh" : "tbb", x->cc, regname[rn], regname[hw2 & 15], h ? ", lsl #1" : "");
		return true;
	}
	{
		unsigned p = hw1 >> 8 & 1, u = hw1 >> 7 & 1, imm = (hw2 & 0xff) * 4;
		const char *sg = u ? "" : "-";
		if (!p && !w)
			return false;
		out(x, "%s%s\t%s, %s, [%s", load ? "ldrd" : "strd", x->cc, regname[hw2 >> 12 & 15],
		    regname[hw2 >> 8 & 15], regname[rn]);
		if (!p)
			out(x, "], #%s%u", sg, imm);
		else if (imm || !u)
			out(x, ", #%s%u]%s", sg, imm, w ? "!" : "");
		else
			out(x, "]"); /* objdump drops the `!` of a zero offset */
		note(x, imm);
		return true;
	}
}

/* Data processing (register), multiplies, divides. */
static bool dis_reg(X *x, unsigned hw1, unsigned hw2)
{
	unsigned rn = hw1 & 15, rd = hw2 >> 8 & 15, rm = hw2 & 15, ra = hw2 >> 12 & 15;

	if ((hw1 & 0xff00) == 0xfa00) {
		unsigned op1 = hw1 >> 4 & 15, op2 = hw2 >> 4 & 15;
		if ((hw2 & 0xf000) != 0xf000)
			return false;
		if (op1 < 8 && op2 == 0) {
			static const char *const nm[4] = {"lsl", "lsr", "asr", "ror"};
			out(x, "%s%s%s.w\t%s, %s, %s", nm[op1 >> 1], op1 & 1 ? "s" : "", x->cc, regname[rd],
			    regname[rn], regname[rm]);
			return true;
		}
		if (op2 & 8 && rn == 15 && (op1 == 0 || op1 == 1 || op1 == 4 || op1 == 5) && !(op2 & 4)) {
			static const char *const nm[6] = {"sxth", "uxth", NULL, NULL, "sxtb", "uxtb"};
			out(x, "%s%s.w\t%s, %s", nm[op1], x->cc, regname[rd], regname[rm]);
			if (op2 & 3)
				out(x, ", ror #%u", 8 * (op2 & 3));
			return true;
		}
		if ((op1 & 0xc) == 8 && (op2 & 0xc) == 8) {
			if ((op1 & 3) == 1) {
				static const char *const nm[4] = {"rev", "rev16", "rbit", "revsh"};
				out(x, "%s%s%s\t%s, %s", nm[op2 & 3], x->cc, (op2 & 3) == 2 ? "" : ".w", regname[rd],
				    regname[rm]);
				return true;
			}
			if ((op1 & 3) == 3 && (op2 & 3) == 0) {
				out(x, "clz%s\t%s, %s", x->cc, regname[rd], regname[rm]);
				return true;
			}
		}
		return false;
	}
	if ((hw1 & 0xff80) == 0xfb00) {
		unsigned op1 = hw1 >> 4 & 7, op2 = hw2 >> 4 & 3;
		if (op1 != 0 || op2 > 1 || (hw2 & 0xc0))
			return false;
		if (op2 == 0 && ra == 15)
			out(x, "mul%s.w\t%s, %s, %s", x->cc, regname[rd], regname[rn], regname[rm]);
		else
			out(x, "%s%s\t%s, %s, %s, %s", op2 ? "mls" : "mla", x->cc, regname[rd], regname[rn],
			    regname[rm], regname[ra]);
		return true;
	}
	if ((hw1 & 0xff80) == 0xfb80) {
		static const char *const nm[8] = {"smull", "sdiv", "umull", "udiv", "smlal", NULL, "umlal", NULL};
		unsigned op1 = hw1 >> 4 & 7, op2 = hw2 >> 4 & 15;
		if (!nm[op1])
			return false;
		if (op1 == 1 || op1 == 3) {
			if (op2 != 15 || ra != 15)
				return false;
			out(x, "%s%s\t%s, %s, %s", nm[op1], x->cc, regname[rd], regname[rn], regname[rm]);
		} else {
			if (op2 != 0)
				return false;
			out(x, "%s%s\t%s, %s, %s, %s", nm[op1], x->cc, regname[ra], regname[rd], regname[rn],
			    regname[rm]);
		}
		return true;
	}
	return false;
}

/* --- VFP --- */

/* An S or D register from a 4-bit field and its extra bit: S registers
 * put the extra bit low, D registers high. */
static void vreg(X *x, bool dbl, unsigned field, unsigned bit)
{
	if (dbl)
		out(x, "d%u", bit << 4 | field);
	else
		out(x, "s%u", field << 1 | bit);
}

#define VD(dbl) vreg(x, dbl, hw2 >> 12 & 15, hw1 >> 6 & 1)
#define VN(dbl) vreg(x, dbl, hw1 & 15, hw2 >> 7 & 1)
#define VM(dbl) vreg(x, dbl, hw2 & 15, hw2 >> 5 & 1)

/* VFPExpandImm's single-precision value, and objdump's comment for it. */
static void vmov_imm(X *x, unsigned imm8)
{
	uint32_t b6 = imm8 >> 6 & 1;
	uint32_t bits = (imm8 >> 7) << 31 | (b6 ? 0x3e000000u : 0x40000000u) | (imm8 & 0x3f) << 19;
	double v = (16.0 + (imm8 & 15)) / 16.0;
	int e = (int)((imm8 >> 4) & 7), prec;

	/* exponent: imm8<6:4> = NOT(b):b:b... gives 2^(-3..4) for 0..7 after the bias */
	e = (e ^ 4) - 3;
	for (; e > 0; e--)
		v *= 2;
	for (; e < 0; e++)
		v /= 2;
	if (imm8 & 0x80)
		v = -v;
	/* objdump prints 1, 3 or 7 decimals, the fewest that are exact */
	prec = v * 2 == (double)(long)(v * 2) ? 1 : v * 8 == (double)(long)(v * 8) ? 3 : 7;
	out(x, "#%u\t@ 0x%08" PRIx32 " % .*f", imm8, bits, prec, v);
}

static bool dis_vfp(X *x, unsigned hw1, unsigned hw2)
{
	bool dbl = hw2 >> 8 & 1;
	const char *ft = dbl ? "f64" : "f32";

	if ((hw2 & 0x0e00) != 0x0a00)
		return false;
	if ((hw1 & 0xffe0) == 0xec40) { /* 64-bit transfers */
		unsigned rt = hw2 >> 12 & 15, rt2 = hw1 & 15;
		bool to_core = hw1 & 0x10;
		if ((hw2 & 0xd0) != 0x10)
			return false;
		out(x, "vmov%s\t", x->cc);
		if (to_core)
			out(x, "%s, %s, ", regname[rt], regname[rt2]);
		if (dbl) {
			VM(true);
		} else {
			unsigned sm = (hw2 & 15) << 1 | (hw2 >> 5 & 1);
			if (sm == 31)
				return false;
			out(x, "s%u, s%u", sm, sm + 1);
		}
		if (!to_core)
			out(x, ", %s, %s", regname[rt], regname[rt2]);
		return true;
	}
	if ((hw1 & 0xfe00) == 0xec00) { /* extension register loads and stores */
		unsigned p = hw1 >> 8 & 1, u = hw1 >> 7 & 1, w = hw1 >> 5 & 1, load = hw1 >> 4 & 1;
		unsigned rn = hw1 & 15, imm8 = hw2 & 0xff;
		if (p && !w) { /* VLDR/VSTR */
			int32_t off = (int32_t)imm8 * 4 * (u ? 1 : -1);
			out(x, "%s%s\t", load ? "vldr" : "vstr", x->cc);
			VD(dbl);
			out(x, ", [%s", regname[rn]);
			if (off || !u)
				out(x, ", #%s%u", u ? "" : "-", imm8 * 4);
			out(x, "]");
			note(x, off);
			return true;
		}
		if (p == u || (p && !w))
			return false;
		{
			unsigned first = dbl ? (hw1 >> 6 & 1) << 4 | (hw2 >> 12 & 15) : (hw2 >> 12 & 15) << 1 | (hw1 >> 6 & 1);
			unsigned n = dbl ? imm8 / 2 : imm8;
			char r = dbl ? 'd' : 's';
			if (n == 0 || (dbl && (imm8 & 1)) || first + n > (dbl ? 16u : 32u))
				return false;
			if (rn == 13 && w && (p ? !load : load))
				out(x, "%s%s\t", p ? "vpush" : "vpop", x->cc);
			else
				out(x, "%s%s%s\t%s%s, ", load ? "vldm" : "vstm", p ? "db" : "ia", x->cc, regname[rn],
				    w ? "!" : "");
			if (n == 1)
				out(x, "{%c%u}", r, first);
			else
				out(x, "{%c%u-%c%u}", r, first, r, first + n - 1);
			return true;
		}
	}
	if ((hw1 & 0xef00) != 0xee00)
		return false;
	if (hw2 & 0x10) { /* 8, 16 and 32-bit transfers */
		unsigned rt = hw2 >> 12 & 15;
		if ((hw2 & 0x16f) || (hw1 & 0x1000))
			return false;
		switch (hw1 & 0xe0) {
		case 0x00:
			if (hw1 & 0x10) {
				out(x, "vmov%s\t%s, ", x->cc, regname[rt]);
				VN(false);
			} else {
				out(x, "vmov%s\t", x->cc);
				VN(false);
				out(x, ", %s", regname[rt]);
			}
			return true;
		case 0xe0:
			if ((hw1 & 15) != 1 || (hw2 & 0x80))
				return false;
			if (hw1 & 0x10) {
				if (rt == 15)
					out(x, "vmrs%s\tAPSR_nzcv, fpscr", x->cc);
				else
					out(x, "vmrs%s\t%s, fpscr", x->cc, regname[rt]);
			} else {
				out(x, "vmsr%s\tfpscr, %s", x->cc, regname[rt]);
			}
			return true;
		}
		return false;
	}
	if (hw1 & 0x1000) { /* ARMv8 additions: unconditional */
		unsigned op = hw2 >> 6 & 1;
		if ((hw1 & 0xff80) == 0xfe00) {
			static const char *const cc[4] = {"eq", "vs", "ge", "gt"};
			if (op)
				return false;
			out(x, "vsel%s.%s\t", cc[hw1 >> 4 & 3], ft);
			VD(dbl), out(x, ", "), VN(dbl), out(x, ", "), VM(dbl);
			return true;
		}
		if ((hw1 & 0xffb0) == 0xfe80) {
			out(x, "%s.%s\t", op ? "vminnm" : "vmaxnm", ft);
			VD(dbl), out(x, ", "), VN(dbl), out(x, ", "), VM(dbl);
			return true;
		}
		if ((hw1 & 0xffb8) == 0xfeb8 && op) {
			static const char rm[4] = {'a', 'n', 'p', 'm'};
			if (hw1 & 4) {
				out(x, "vcvt%c.%s32.%s\t", rm[hw1 & 3], hw2 & 0x80 ? "s" : "u", ft);
				VD(false), out(x, ", "), VM(dbl);
				return true;
			}
			if (hw2 & 0x80)
				return false;
			out(x, "vrint%c.%s\t", rm[hw1 & 3], ft);
			VD(dbl), out(x, ", "), VM(dbl);
			return true;
		}
		return false;
	}
	{
		unsigned opc1 = (hw1 >> 5 & 4) | (hw1 >> 4 & 3), op = hw2 >> 6 & 1;
		static const char *const nm[7][2] = {
			{"vmla", "vmls"}, {"vnmls", "vnmla"}, {"vmul", "vnmul"}, {"vadd", "vsub"},
			{"vdiv", NULL}, {"vfnms", "vfnma"}, {"vfma", "vfms"},
		};
		if (opc1 < 7) {
			if (!nm[opc1][op])
				return false;
			out(x, "%s%s.%s\t", nm[opc1][op], x->cc, ft);
			VD(dbl), out(x, ", "), VN(dbl), out(x, ", "), VM(dbl);
			return true;
		}
		if (!op) {
			out(x, "vmov%s.%s\t", x->cc, ft);
			VD(dbl);
			out(x, ", ");
			vmov_imm(x, (hw1 & 15) << 4 | (hw2 & 15));
			return true;
		}
		{
			bool b7 = hw2 & 0x80;
			switch (hw1 & 15) {
			case 0: case 1: {
				static const char *const n2[2][2] = {{"vmov", "vabs"}, {"vneg", "vsqrt"}};
				out(x, "%s%s.%s\t", n2[hw1 & 1][b7], x->cc, ft);
				VD(dbl), out(x, ", "), VM(dbl);
				return true;
			}
			case 4:
				out(x, "vcmp%s%s.%s\t", b7 ? "e" : "", x->cc, ft);
				VD(dbl), out(x, ", "), VM(dbl);
				return true;
			case 5:
				if (hw2 & 0x2f)
					return false;
				out(x, "vcmp%s%s.%s\t", b7 ? "e" : "", x->cc, ft);
				VD(dbl), out(x, ", #0.0");
				return true;
			case 6:
				out(x, "vrint%c%s.%s\t", b7 ? 'z' : 'r', x->cc, ft);
				VD(dbl), out(x, ", "), VM(dbl);
				return true;
			case 7:
				if (!b7) {
					out(x, "vrintx%s.%s\t", x->cc, ft);
					VD(dbl), out(x, ", "), VM(dbl);
				} else {
					out(x, "vcvt%s.%s.%s\t", x->cc, dbl ? "f32" : "f64", ft);
					VD(!dbl), out(x, ", "), VM(dbl);
				}
				return true;
			case 8:
				out(x, "vcvt%s.%s.%s32\t", x->cc, ft, b7 ? "s" : "u");
				VD(dbl), out(x, ", "), VM(false);
				return true;
			case 12: case 13:
				out(x, "vcvt%s%s.%s32.%s\t", b7 ? "" : "r", x->cc, hw1 & 1 ? "s" : "u", ft);
				VD(false), out(x, ", "), VM(dbl);
				return true;
			}
		}
	}
	return false;
}

static bool dis32(X *x, unsigned hw1, unsigned hw2)
{
	switch (hw1 >> 11) {
	case 0x1d: /* 11101 */
		if ((hw1 & 0x0600) == 0x0000)
			return dis_ldstm(x, hw1, hw2);
		if ((hw1 & 0x0600) == 0x0200)
			return dis_dp(x, hw1, hw2, false);
		return dis_vfp(x, hw1, hw2);
	case 0x1e: /* 11110 */
		if (hw2 & 0x8000)
			return dis_branch(x, hw1, hw2);
		if (hw1 & 0x0200)
			return dis_plain(x, hw1, hw2);
		return dis_dp(x, hw1, hw2, true);
	case 0x1f: /* 11111 */
		if ((hw1 & 0x0600) == 0x0600)
			return dis_vfp(x, hw1, hw2);
		if ((hw1 & 0x0e00) == 0x0800)
			return dis_ldst(x, hw1, hw2);
		if ((hw1 & 0x0e00) == 0x0a00 || (hw1 & 0x0f00) == 0x0b00)
			return dis_reg(x, hw1, hw2);
		return false;
	}
	return false;
}

/* --- entry points --- */

void arm_dis_init(ArmDis *d, uint32_t base)
{
	d->base = base;
	d->it = 0;
}

static void copy_out(const X *x, char *text, size_t textsz)
{
	if (!textsz)
		return;
	size_t n = x->k < textsz - 1 ? x->k : textsz - 1;
	memcpy(text, x->buf, n);
	text[n] = 0;
}

unsigned arm_disasm(ArmDis *d, const uint8_t *code, size_t len, size_t off, char *text,
                    size_t textsz, uint32_t *target)
{
	X x;
	unsigned hw, size = 2;
	uint8_t it = d->it;
	bool ok;

	if (target)
		*target = ARM_DIS_NO_TARGET;
	if (textsz)
		text[0] = 0;
	if (off >= len)
		return 0;
	memset(&x, 0, sizeof x);
	x.pc = d->base + (uint32_t)off;
	x.target = ARM_DIS_NO_TARGET;
	x.cc = it ? condname[it >> 4] : "";
	x.s16 = it ? x.cc : "s";
	if (off + 1 >= len) {
		out(&x, ".byte\t0x%02x", code[off]);
		copy_out(&x, text, textsz);
		return 1;
	}
	hw = code[off] | (unsigned)code[off + 1] << 8;
	/* the IT state steps over every instruction of the block; an IT
	 * instruction sets it afresh in dis16 */
	if (it)
		d->it = (it & 7) ? (uint8_t)((it & 0xe0) | ((it << 1) & 0x1f)) : 0;
	if (hw >= 0xe800) {
		if (off + 3 >= len) {
			out(&x, ".short\t0x%04x", hw);
			copy_out(&x, text, textsz);
			return 2;
		}
		size = 4;
		ok = dis32(&x, hw, code[off + 2] | (unsigned)code[off + 3] << 8);
	} else {
		ok = dis16(&x, d, hw);
	}
	if (!ok) {
		memset(x.buf, 0, sizeof x.buf);
		x.k = 0;
		x.vic = false;
		x.target = ARM_DIS_NO_TARGET;
		if (size == 4)
			out(&x, ".inst.w\t0x%04x%02x%02x", hw, code[off + 3], code[off + 2]);
		else
			out(&x, ".short\t0x%04x", hw);
	}
	if (x.vic && (x.value > 32 || x.value < -16))
		out(&x, "\t@ 0x%" PRIx32, (uint32_t)x.value);
	if (target)
		*target = x.target;
	copy_out(&x, text, textsz);
	return size;
}
