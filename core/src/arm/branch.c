/* branch.c - labels, branches and branch relaxation for the Thumb-2 encoder.
 *
 * A branch to a label does not write bytes when it is emitted: it records a
 * fixup holding the buffer offset it belongs at. A label records the buffer
 * offset where it is bound and how many fixups precede it, so after any
 * choice of branch sizes every address is the buffer offset plus the sizes
 * of the fixups before it. arm_resolve() starts each branch at its shortest
 * form (16 bits, except BL), grows every branch whose displacement does not
 * fit, and repeats until nothing grows; sizes only ever grow, so this ends.
 * It then writes a new buffer with the branches in place, turns every label
 * into a final offset and forgets the fixups, so encoding can continue and
 * arm_resolve() can run again (per function, say).
 *
 * A relaxable CBZ/CBNZ (arm_cbz_relax) starts as CBZ/CBNZ and, when the
 * target is behind it or too far ahead, grows into `cmp rn, #0` followed by
 * B<eq/ne> (4 bytes, or 6 with B<c>.W): the caller accepts the flags being
 * set. Its displacement is then measured from the B<c>, 2 bytes on.
 *
 * A TBH table entry is a fixup of fixed size 2 whose value is measured from
 * the table's label rather than from its own address.
 *
 * A literal load (arm_ldr_const) is a fixup too, its label the pool word:
 * 16-bit LDR (R0-R7, word 0..1020 bytes ahead of Align(PC, 4)), else LDR.W
 * (+-4095), else 8 bytes of MOVW+MOVT of the value itself (not for a
 * symbol's word, arm_ldr_sym: its cond is EQ, its limit LDR.W). A pool starts
 * with an alignment fixup of 0 or 2 bytes (a NOP), the only size that is
 * not sticky: each pass recomputes it from its address, which depends only
 * on the (growing) sizes before it, so the iteration still ends.
 *
 * Reach of each form, as displacement from the branch address + 4:
 *   B<c> T1 -256..254     B T2 -2048..2046     CBZ/CBNZ 0..126
 *   B<c> T3 +-1 MB        B T4, BL +-16 MB
 * A CBZ or CBNZ to the very next instruction (displacement -2, which it
 * cannot encode) does nothing whatever the register holds; it becomes a
 * NOP, as the GNU assembler makes it.
 */
#include "arm/encode_int.h"

#include <string.h>

enum { ARM_FIX_B, ARM_FIX_BCOND, ARM_FIX_BL, ARM_FIX_CBZ, ARM_FIX_CBNZ, ARM_FIX_TBH, ARM_FIX_CBZR,
       ARM_FIX_CBNZR, ARM_FIX_LIT, ARM_FIX_ALIGN };

static bool relaxable_cbz(int kind) { return kind == ARM_FIX_CBZR || kind == ARM_FIX_CBNZR; }

ArmLabel arm_label_new(ArmAsm *a)
{
	void *p = a->labels;

	if (!arm_grow(a->buf, &p, &a->caplabels, a->nlabels + 1, sizeof *a->labels)) {
		arm_fail(a, ARM_ERR_NOMEM);
		return UINT32_MAX;
	}
	a->labels = p;
	a->labels[a->nlabels].pos = SIZE_MAX;
	a->labels[a->nlabels].nfix = 0;
	return (ArmLabel)a->nlabels++;
}

void arm_bind(ArmAsm *a, ArmLabel l)
{
	if (l >= a->nlabels || a->labels[l].pos != SIZE_MAX) {
		arm_fail(a, ARM_ERR_LABEL);
		return;
	}
	a->labels[l].pos = a->buf->len;
	a->labels[l].nfix = a->nfix;
}

size_t arm_label_offset(const ArmAsm *a, ArmLabel l)
{
	const ArmLabelRec *r;
	const ArmFixup *f;

	if (l >= a->nlabels || a->labels[l].pos == SIZE_MAX)
		return SIZE_MAX;
	r = &a->labels[l];
	if (r->nfix == 0)
		return r->pos;
	f = &a->fix[r->nfix - 1];
	return r->pos + (f->addr - f->pos) + f->size;
}

static void add_fixup(ArmAsm *a, int kind, ArmCond cond, ArmReg reg, ArmLabel l)
{
	void *p = a->fix;
	ArmFixup *f;

	if (arm_in_it(a)) {
		arm_fail(a, ARM_ERR_IT);
		return;
	}
	if (l >= a->nlabels) {
		arm_fail(a, ARM_ERR_LABEL);
		return;
	}
	if (!arm_grow(a->buf, &p, &a->capfix, a->nfix + 1, sizeof *a->fix)) {
		arm_fail(a, ARM_ERR_NOMEM);
		return;
	}
	a->fix = p;
	f = &a->fix[a->nfix++];
	memset(f, 0, sizeof *f);
	f->pos = f->addr = a->buf->len;
	f->label = l;
	f->kind = (uint8_t)kind;
	f->cond = (uint8_t)cond;
	f->reg = (uint8_t)reg;
}

/* The pending pool's word for (key, value), added when new (*fresh), or
 * UINT32_MAX on failure. */
static ArmLabel pool_word(ArmAsm *a, uint32_t key, uint32_t value, bool *fresh)
{
	size_t k;
	void *p = a->pool;

	for (k = 0; k < a->npool && (a->pool[k].value != value || a->pool[k].key != key); k++)
		;
	*fresh = k == a->npool;
	if (k < a->npool)
		return a->pool[k].label;
	ArmLabel l = arm_label_new(a);
	if (l == UINT32_MAX)
		return l;
	if (!arm_grow(a->buf, &p, &a->cappool, a->npool + 1, sizeof *a->pool)) {
		arm_fail(a, ARM_ERR_NOMEM);
		return UINT32_MAX;
	}
	a->pool = p;
	if (a->npool == 0) {
		a->pool_pos = a->buf->len;
		a->pool_nfix = a->nfix;
	}
	a->pool[a->npool++] = (ArmPoolEnt){.value = value, .key = key, .label = l};
	return l;
}

/* The load of word l: a literal fixup (fixed: no MOVW+MOVT fallback). */
static void lit_fixup(ArmAsm *a, ArmReg rd, ArmLabel l, uint32_t value, bool fixed)
{
	add_fixup(a, ARM_FIX_LIT, fixed ? ARM_EQ : ARM_AL, rd, l);
	if (a->err == ARM_OK)
		a->fix[a->nfix - 1].value = value;
}

void arm_ldr_const(ArmAsm *a, ArmReg rd, uint32_t value)
{
	bool fresh;

	if (!arm_reg_ok(rd) || arm_bad(rd)) {
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	if (arm_in_it(a)) {
		arm_const(a, rd, value, ARM_KEEP);
		return;
	}
	ArmLabel l = pool_word(a, UINT32_MAX, value, &fresh);
	if (l != UINT32_MAX)
		lit_fixup(a, rd, l, value, false);
}

ArmLabel arm_ldr_sym(ArmAsm *a, ArmReg rd, uint32_t key, int32_t addend, bool *fresh)
{
	*fresh = false;
	if (!arm_reg_ok(rd) || arm_bad(rd) || key == UINT32_MAX) {
		arm_fail(a, ARM_ERR_OPERAND);
		return UINT32_MAX;
	}
	if (arm_in_it(a))
		return UINT32_MAX;
	ArmLabel l = pool_word(a, key, (uint32_t)addend, fresh);
	if (l != UINT32_MAX)
		lit_fixup(a, rd, l, (uint32_t)addend, true);
	return l;
}

size_t arm_pool_distance(const ArmAsm *a)
{
	if (a->npool == 0 || arm_in_it(a))
		return 0;
	return a->buf->len - a->pool_pos + 4 * (a->nfix - a->pool_nfix) + 2;
}

uint32_t arm_pool(ArmAsm *a, ArmLabel *start)
{
	uint32_t n = (uint32_t)a->npool;

	*start = UINT32_MAX;
	if (n == 0)
		return 0;
	if (arm_in_it(a)) {
		arm_fail(a, ARM_ERR_IT);
		return 0;
	}
	*start = arm_label_new(a);
	if (*start == UINT32_MAX)
		return 0;
	add_fixup(a, ARM_FIX_ALIGN, ARM_AL, ARM_R0, *start); /* its label: unused */
	arm_bind(a, *start);
	for (size_t k = 0; k < n; k++) {
		arm_bind(a, a->pool[k].label);
		arm_raw16(a, (uint16_t)(a->pool[k].value & 0xffff));
		arm_raw16(a, (uint16_t)(a->pool[k].value >> 16));
	}
	a->npool = 0;
	return 4 * n;
}

void arm_b(ArmAsm *a, ArmLabel l)
{
	add_fixup(a, ARM_FIX_B, ARM_AL, ARM_R0, l);
}

void arm_bcond(ArmAsm *a, ArmCond cond, ArmLabel l)
{
	if ((unsigned)cond >= ARM_AL) {
		if (cond == ARM_AL)
			arm_b(a, l);
		else
			arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	add_fixup(a, ARM_FIX_BCOND, cond, ARM_R0, l);
}

void arm_bl(ArmAsm *a, ArmLabel l)
{
	add_fixup(a, ARM_FIX_BL, ARM_AL, ARM_R0, l);
}

void arm_cbz(ArmAsm *a, bool nonzero, ArmReg rn, ArmLabel l)
{
	if (!arm_lo(rn)) {
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	add_fixup(a, nonzero ? ARM_FIX_CBNZ : ARM_FIX_CBZ, ARM_AL, rn, l);
}

void arm_cbz_relax(ArmAsm *a, bool nonzero, ArmReg rn, ArmLabel l)
{
	if (!arm_lo(rn)) {
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	add_fixup(a, nonzero ? ARM_FIX_CBNZR : ARM_FIX_CBZR, ARM_AL, rn, l);
}

void arm_tbh(ArmAsm *a, ArmReg rm)
{
	if (!arm_reg_ok(rm) || arm_bad(rm)) {
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	arm_emit32(a, 0xE8DFF010u | (uint32_t)rm);
}

void arm_table_entry(ArmAsm *a, ArmLabel base, ArmLabel target)
{
	if (base >= a->nlabels) {
		arm_fail(a, ARM_ERR_LABEL);
		return;
	}
	add_fixup(a, ARM_FIX_TBH, ARM_AL, ARM_R0, target);
	if (a->err == ARM_OK)
		a->fix[a->nfix - 1].base = base;
}

void arm_bx(ArmAsm *a, ArmReg rm)
{
	if (!arm_reg_ok(rm) || rm == ARM_PC) {
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	if (!arm_branch_ok(a)) {
		arm_fail(a, ARM_ERR_IT);
		return;
	}
	arm_emit16(a, 0x4700 | rm << 3);
}

void arm_blx(ArmAsm *a, ArmReg rm)
{
	if (!arm_reg_ok(rm) || rm == ARM_PC) {
		arm_fail(a, ARM_ERR_OPERAND);
		return;
	}
	if (!arm_branch_ok(a)) {
		arm_fail(a, ARM_ERR_IT);
		return;
	}
	arm_emit16(a, 0x4780 | rm << 3);
}

/* B T4 (link false) or BL with displacement disp (in range, even). */
static uint32_t enc_b32(int32_t disp, bool link)
{
	uint32_t d = (uint32_t)disp, s = d >> 24 & 1;
	uint32_t j1 = ~(d >> 23 ^ s) & 1, j2 = ~(d >> 22 ^ s) & 1;

	return (link ? 0xF000D000u : 0xF0009000u) | s << 26 | (d >> 12 & 0x3ff) << 16 |
	       j1 << 13 | j2 << 11 | (d >> 1 & 0x7ff);
}

void arm_bl_disp(ArmAsm *a, int32_t disp)
{
	if (disp % 2 || disp < -16777216 || disp > 16777214) {
		arm_fail(a, ARM_ERR_RANGE);
		return;
	}
	if (!arm_branch_ok(a)) {
		arm_fail(a, ARM_ERR_IT);
		return;
	}
	arm_emit32(a, enc_b32(disp, true));
}

/* Whether disp fits the fixup's encoding of the given size. */
static bool fits(const ArmFixup *f, int64_t disp, unsigned size)
{
	int64_t lo, hi;

	switch (f->kind) {
	case ARM_FIX_B:
		lo = size == 2 ? -2048 : -16777216;
		break;
	case ARM_FIX_BCOND:
		lo = size == 2 ? -256 : -1048576;
		break;
	case ARM_FIX_BL:
		lo = -16777216;
		break;
	case ARM_FIX_TBH:
		return disp >= 0 && disp <= 131070 && !(disp & 1);
	case ARM_FIX_LIT: /* disp from Align(PC, 4) */
		if (disp & 3)
			return size == 8;
		if (size == 2)
			return disp >= 0 && disp <= 1020;
		return size == 8 || (disp >= -4095 && disp <= 4095);
	case ARM_FIX_ALIGN:
		return true;
	case ARM_FIX_CBZR: case ARM_FIX_CBNZR:
		if (size == 2)
			return disp == -2 || (disp >= 0 && disp <= 126);
		lo = size == 4 ? -256 : -1048576;
		break;
	default: /* CBZ, CBNZ (-2: the next instruction, a NOP) */
		return disp == -2 || (disp >= 0 && disp <= 126);
	}
	hi = -lo - 2;
	return disp >= lo && disp <= hi;
}

/* The encoding of fixup f (of its chosen size) with displacement disp. */
static uint32_t enc_fixup(const ArmFixup *f, int32_t disp)
{
	uint32_t d = (uint32_t)disp;

	switch (f->kind) {
	case ARM_FIX_B:
		return f->size == 2 ? 0xE000u | (d >> 1 & 0x7ff) : enc_b32(disp, false);
	case ARM_FIX_BCOND:
		if (f->size == 2)
			return 0xD000u | (uint32_t)f->cond << 8 | (d >> 1 & 0xff);
		return 0xF0008000u | (d >> 20 & 1) << 26 | (uint32_t)f->cond << 22 |
		       (d >> 12 & 0x3f) << 16 | (d >> 18 & 1) << 13 | (d >> 19 & 1) << 11 |
		       (d >> 1 & 0x7ff);
	case ARM_FIX_BL:
		return enc_b32(disp, true);
	case ARM_FIX_TBH:
		return d >> 1 & 0xffff;
	case ARM_FIX_LIT: /* sizes 2 and 4; 8 is written by arm_resolve */
		if (f->size == 2)
			return 0x4800u | (uint32_t)f->reg << 8 | d >> 2;
		return (disp < 0 ? 0xF85F0000u : 0xF8DF0000u) | (uint32_t)f->reg << 12 |
		       (uint32_t)(disp < 0 ? -disp : disp);
	case ARM_FIX_ALIGN:
		return 0xBF00u; /* nop */
	case ARM_FIX_CBZR: case ARM_FIX_CBNZR: {
		/* the B<c> after `cmp rn, #0` (written by arm_resolve) */
		ArmFixup g = *f;
		if (f->size == 2) {
			g.kind = f->kind == ARM_FIX_CBZR ? ARM_FIX_CBZ : ARM_FIX_CBNZ;
		} else {
			g.kind = ARM_FIX_BCOND;
			g.cond = f->kind == ARM_FIX_CBZR ? ARM_EQ : ARM_NE;
			g.size = f->size - 2;
		}
		return enc_fixup(&g, disp);
	}
	default:
		if (disp == -2)
			return 0xBF00u;
		return 0xB100u | (uint32_t)(f->kind == ARM_FIX_CBNZ) << 11 | (d >> 6 & 1) << 9 |
		       (d >> 1 & 0x1f) << 3 | f->reg;
	}
}

/* Displacement of fixup f from its PC (address + 4) to its label. */
static int64_t fix_disp(const ArmAsm *a, const ArmFixup *f)
{
	if (f->kind == ARM_FIX_TBH)
		return (int64_t)arm_label_offset(a, f->label) - (int64_t)arm_label_offset(a, f->base);
	if (f->kind == ARM_FIX_LIT)
		return (int64_t)arm_label_offset(a, f->label) - (int64_t)((f->addr + 4) & ~(size_t)3);
	if (f->kind == ARM_FIX_ALIGN)
		return 0;
	if (relaxable_cbz(f->kind) && f->size > 2)
		return (int64_t)arm_label_offset(a, f->label) - (int64_t)(f->addr + 6);
	return (int64_t)arm_label_offset(a, f->label) - (int64_t)(f->addr + 4);
}

static void put16_at(uint8_t *p, uint32_t hw)
{
	p[0] = (uint8_t)hw;
	p[1] = (uint8_t)(hw >> 8);
}

/* MOVW (top false) or MOVT rd, #imm16. */
static uint32_t enc_movwt(bool top, unsigned rd, uint32_t imm16)
{
	return (top ? 0xF2C00000u : 0xF2400000u) | (imm16 >> 11 & 1) << 26 | (imm16 >> 12) << 16 |
	       (imm16 >> 8 & 7) << 12 | (uint32_t)rd << 8 | (imm16 & 0xff);
}

ArmErr arm_resolve(ArmAsm *a)
{
	ArmBuf *b = a->buf;
	size_t extra, i, src, dst;
	bool grew;
	uint8_t *out;

	if (arm_error(a) != ARM_OK)
		return arm_error(a);
	for (i = 0; i < a->nfix; i++) {
		if (a->labels[a->fix[i].label].pos == SIZE_MAX ||
		    (a->fix[i].kind == ARM_FIX_TBH && a->labels[a->fix[i].base].pos == SIZE_MAX)) {
			arm_fail(a, ARM_ERR_LABEL);
			return a->err;
		}
		a->fix[i].size = a->fix[i].kind == ARM_FIX_BL ? 4 : a->fix[i].kind == ARM_FIX_ALIGN ? 0 :
		                 a->fix[i].kind == ARM_FIX_LIT && !arm_lo((ArmReg)a->fix[i].reg) ? 4 : 2;
	}
	do {
		grew = false;
		extra = 0;
		for (i = 0; i < a->nfix; i++) {
			a->fix[i].addr = a->fix[i].pos + extra;
			if (a->fix[i].kind == ARM_FIX_ALIGN)
				a->fix[i].size = a->fix[i].addr & 2;
			extra += a->fix[i].size;
		}
		for (i = 0; i < a->nfix; i++) {
			ArmFixup *f = &a->fix[i];
			unsigned max = relaxable_cbz(f->kind) ? 6 : f->kind == ARM_FIX_LIT ? (f->cond == ARM_EQ ? 4 : 8) :
			               f->kind == ARM_FIX_CBZ || f->kind == ARM_FIX_CBNZ ||
			               f->kind == ARM_FIX_TBH || f->kind == ARM_FIX_ALIGN ? 2 : 4;
			if (f->size < max && !fits(f, fix_disp(a, f), f->size)) {
				f->size += 2;
				if (f->kind == ARM_FIX_LIT)
					f->size = f->size == 4 ? 4 : 8;
				else if (!relaxable_cbz(f->kind))
					f->size = 4;
				grew = true;
			}
		}
	} while (grew);
	for (i = 0; i < a->nfix; i++) {
		if (!fits(&a->fix[i], fix_disp(a, &a->fix[i]), a->fix[i].size)) {
			a->err = ARM_ERR_RANGE;
			a->err_pos = a->fix[i].pos;
			return a->err;
		}
	}
	if (a->nfix == 0)
		return ARM_OK;
	out = b->alloc(b->ud, NULL, 0, b->len + extra);
	if (!out) {
		arm_fail(a, ARM_ERR_NOMEM);
		return a->err;
	}
	for (i = src = dst = 0; i < a->nfix; i++) {
		const ArmFixup *f = &a->fix[i];
		uint32_t w = enc_fixup(f, (int32_t)fix_disp(a, f));
		if (f->pos > src)
			memcpy(out + dst, b->data + src, f->pos - src);
		dst += f->pos - src;
		src = f->pos;
		if (f->kind == ARM_FIX_ALIGN && f->size == 0)
			continue;
		if (f->kind == ARM_FIX_LIT && f->size == 8) {
			uint32_t lo = enc_movwt(false, f->reg, f->value & 0xffff);
			uint32_t hi = enc_movwt(true, f->reg, f->value >> 16);
			put16_at(out + dst, lo >> 16);
			put16_at(out + dst + 2, lo & 0xffff);
			put16_at(out + dst + 4, hi >> 16);
			put16_at(out + dst + 6, hi & 0xffff);
			dst += 8;
			continue;
		}
		if (relaxable_cbz(f->kind) && f->size > 2) {
			put16_at(out + dst, 0x2800u | (uint32_t)f->reg << 8); /* cmp rn, #0 */
			dst += 2;
			if (f->size == 6) {
				put16_at(out + dst, w >> 16);
				put16_at(out + dst + 2, w & 0xffff);
			} else {
				put16_at(out + dst, w);
			}
			dst += f->size - 2;
			continue;
		}
		if (f->size == 4) {
			put16_at(out + dst, w >> 16);
			put16_at(out + dst + 2, w & 0xffff);
		} else {
			put16_at(out + dst, w);
		}
		dst += f->size;
	}
	if (b->len > src)
		memcpy(out + dst, b->data + src, b->len - src);
	for (i = 0; i < a->nlabels; i++) {
		if (a->labels[i].pos != SIZE_MAX) {
			a->labels[i].pos = arm_label_offset(a, (ArmLabel)i);
			a->labels[i].nfix = 0;
		}
	}
	if (b->data)
		b->alloc(b->ud, b->data, b->cap, 0);
	b->data = out;
	b->len += extra;
	b->cap = b->len;
	a->nfix = 0;
	return ARM_OK;
}
