/* listing.c - the assembly listing of `synth compile --emit=asm`: each
 * function's final bytes decoded by disasm.c and laid out like objdump -d,
 *
 *   00000000 <M__func0>:
 *      0:	b510      	push	{r4, lr}
 *      2:	f7ff fffe 	bl	synth_rt_trap
 *   00000006 <.L1>:
 *      6:	d0fe      	beq.n	6 <.L1>
 *
 * with two differences that make it read better than objdump on the
 * object: a relocated operand is the symbol, spelled as GNU as takes it
 * (`bl sym`, `movw r0, #:lower16:sym`, `movt r0, #:upper16:sym`, with
 * `+addend` when the instruction holds one), where objdump shows the
 * unrelocated field; and branch targets inside the function carry .L
 * labels, numbered in address order across the whole listing.
 */
#include "listing.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "obj/elf.h"
#include "mir.h"
#include "disasm.h"

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

/* The relocation site at offset off of the code, or NULL. */
static const ArmRelocSite *site_at(const ArmRelocSite *s, uint32_t n, size_t off)
{
	for (uint32_t k = 0; k < n; k++)
		if (s[k].offset == off)
			return &s[k];
	return NULL;
}

/* The data range (ARM_SITE_DATA or ARM_SITE_WORDS) starting at offset
 * off, which other sites may share (a pool's first word), or NULL. */
static const ArmRelocSite *data_at(const ArmRelocSite *s, uint32_t n, size_t off)
{
	for (uint32_t k = 0; k < n; k++)
		if (s[k].offset == off && (s[k].type == ARM_SITE_DATA || s[k].type == ARM_SITE_WORDS))
			return &s[k];
	return NULL;
}

/* Whether text ends with the hex address a (a branch target operand). */
static bool ends_with_addr(const char *text, uint32_t a)
{
	char hex[16];
	size_t n = (size_t)snprintf(hex, sizeof hex, "%" PRIx32, a), k = strlen(text);
	return k > n && !strcmp(text + k - n, hex) && (text[k - n - 1] == '\t' || text[k - n - 1] == ' ');
}

/* "sym", "sym+0x8" or "sym-0x4". */
static void sym_addend(SyStr *out, const char *sym, int64_t addend)
{
	if (addend > 0)
		sy_str_printf(out, "%s+0x%" PRIx64, sym, (uint64_t)addend);
	else if (addend < 0)
		sy_str_printf(out, "%s-0x%" PRIx64, sym, (uint64_t)-addend);
	else
		sy_str_printf(out, "%s", sym);
}

/* The instruction text with its relocated operand replaced by the symbol. */
static void relocated(SyStr *out, const char *text, const ArmRelocSite *s, const char *sym,
                      const uint8_t *p, uint32_t pc, uint32_t target)
{
	size_t mn = strcspn(text, "\t");

	switch (s->type) {
	case R_ARM_THM_CALL: case R_ARM_THM_JUMP24: case R_ARM_THM_JUMP19:
		if (target != ARM_DIS_NO_TARGET) {
			sy_str_printf(out, "%.*s\t", (int)mn, text);
			/* the field holds A - 4 (A = -4 reaches the symbol itself) */
			sym_addend(out, sym, (int64_t)target - pc);
			return;
		}
		break;
	case R_ARM_THM_MOVW_ABS_NC: case R_ARM_THM_MOVT_ABS: {
		const char *hash = strchr(text, '#');
		if (hash) {
			unsigned hw1 = p[0] | (unsigned)p[1] << 8, hw2 = p[2] | (unsigned)p[3] << 8;
			unsigned imm16 = (hw1 & 15) << 12 | (hw1 >> 10 & 1) << 11 | (hw2 >> 12 & 7) << 8 | (hw2 & 0xff);
			sy_str_printf(out, "%.*s#:%s16:", (int)(hash - text), text,
			              s->type == R_ARM_THM_MOVW_ABS_NC ? "lower" : "upper");
			/* REL: the addend is the field, sign-extended */
			sym_addend(out, sym, (int16_t)imm16);
			return;
		}
		break;
	}
	}
	sy_str_printf(out, "%s\t@ relocation %" PRIu32 " against %s", text, s->type, sym);
}

void arm_listing(SyStr *out, const char *name, const uint8_t *code, size_t len, uint32_t base,
                 const ArmRelocSite *sites, uint32_t nsites, const MSymTab *syms, uint32_t *nlabel)
{
	size_t cap = len / 2 + 1, nt = 0;
	uint32_t *targets = sy_malloc(out->alloc, cap * sizeof *targets), first = *nlabel;
	ArmDis d;
	char text[128];
	int width = 4;

	if (!targets) {
		out->oom = true;
		return;
	}
	while (width < 8 && (base + len) >> (4 * width))
		width++;
	/* first pass: the branch targets inside the function, sorted and unique */
	arm_dis_init(&d, base);
	for (size_t off = 0; off < len;) {
		uint32_t t;
		const ArmRelocSite *s = data_at(sites, nsites, off);
		if (!s)
			s = site_at(sites, nsites, off);
		if (s && (s->type == ARM_SITE_DATA || s->type == ARM_SITE_WORDS)) { /* not instructions */
			off += s->sym;
			continue;
		}
		unsigned n = arm_disasm(&d, code, len, off, text, sizeof text, &t);
		if (t != ARM_DIS_NO_TARGET && t >= base && t - base < len && ends_with_addr(text, t) && !s &&
		    nt < cap)
			targets[nt++] = t;
		off += n;
	}
	qsort(targets, nt, sizeof *targets, cmp_u32);
	{
		size_t u = 0;
		for (size_t i = 0; i < nt; i++)
			if (!u || targets[u - 1] != targets[i])
				targets[u++] = targets[i];
		nt = u;
	}
	*nlabel += (uint32_t)nt;
	sy_str_printf(out, "\n%08" PRIx32 " <%s>:\n", base, name);
	arm_dis_init(&d, base);
	for (size_t off = 0, next = 0; off < len;) {
		uint32_t t, pc = base + (uint32_t)off;
		const ArmRelocSite *s = data_at(sites, nsites, off);
		char hex[16];

		if (!s)
			s = site_at(sites, nsites, off);

		if (s && s->type == ARM_SITE_DATA) { /* a jump table: halfword entries */
			for (size_t k = 0; k + 1 < s->sym && off + k + 1 < len; k += 2)
				sy_str_printf(out, "%*" PRIx32 ":\t%02x%02x      \t.short\t0x%04x\n", width,
				              pc + (uint32_t)k, code[off + k + 1], code[off + k],
				              code[off + k] | code[off + k + 1] << 8);
			off += s->sym;
			continue;
		}
		if (s && s->type == ARM_SITE_WORDS) { /* a literal pool: words, labelled when loaded */
			for (size_t k = 0; k + 3 < s->sym && off + k + 3 < len; k += 4) {
				const uint8_t *w = code + off + k;
				if (next < nt && targets[next] == pc + (uint32_t)k)
					sy_str_printf(out, "%08" PRIx32 " <.L%" PRIu32 ">:\n", pc + (uint32_t)k,
					              first + (uint32_t)++next);
				const ArmRelocSite *r = site_at(sites, nsites, off + k);
				sy_str_printf(out, "%*" PRIx32 ":\t%02x%02x%02x%02x  \t.word\t", width, pc + (uint32_t)k,
				              w[3], w[2], w[1], w[0]);
				if (r && r->type == ARM_R_ABS32 && r->sym < syms->n) /* REL: the word is the addend */
					sym_addend(out, syms->syms[r->sym].name,
					           (int32_t)((uint32_t)w[0] | (uint32_t)w[1] << 8 | (uint32_t)w[2] << 16 |
					                     (uint32_t)w[3] << 24));
				else
					sy_str_printf(out, "0x%02x%02x%02x%02x", w[3], w[2], w[1], w[0]);
				sy_str_printf(out, "\n");
			}
			off += s->sym;
			continue;
		}
		unsigned n = arm_disasm(&d, code, len, off, text, sizeof text, &t);
		if (next < nt && targets[next] == pc)
			sy_str_printf(out, "%08" PRIx32 " <.L%" PRIu32 ">:\n", pc, first + (uint32_t)++next);
		if (n == 4)
			snprintf(hex, sizeof hex, "%02x%02x %02x%02x", code[off + 1], code[off], code[off + 3],
			         code[off + 2]);
		else if (n == 2)
			snprintf(hex, sizeof hex, "%02x%02x", code[off + 1], code[off]);
		else
			snprintf(hex, sizeof hex, "%02x", code[off]);
		sy_str_printf(out, "%*" PRIx32 ":\t%-10s\t", width, pc, hex);
		if (s && n == 4 && s->sym < syms->n) {
			relocated(out, text, s, syms->syms[s->sym].name, code + off, pc, t);
		} else {
			sy_str_printf(out, "%s", text);
			if (t != ARM_DIS_NO_TARGET && ends_with_addr(text, t)) {
				uint32_t *l = t >= base && t - base < len
				            ? bsearch(&t, targets, nt, sizeof *targets, cmp_u32) : NULL;
				if (l)
					sy_str_printf(out, " <.L%" PRIu32 ">", first + 1 + (uint32_t)(l - targets));
				else
					sy_str_printf(out, " <%s%c0x%" PRIx32 ">", name, t < base ? '-' : '+',
					              t < base ? base - t : t - base);
			}
		}
		sy_str_printf(out, "\n");
		off += n;
	}
	sy_free(out->alloc, targets, cap * sizeof *targets);
}
