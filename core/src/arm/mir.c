/* mir.c - machine IR tables, building and dumping (see mir.h). */
#include <stdio.h>
#include <string.h>

#include "mir.h"

const uint8_t mir_ndefs[MIR_NOPS] = {
#define X(n, d, u) d,
	MIR_OPS(X)
#undef X
};
const uint8_t mir_nuses[MIR_NOPS] = {
#define X(n, d, u) u,
	MIR_OPS(X)
#undef X
};
const char *const mir_names[MIR_NOPS] = {
#define X(n, d, u) #n,
	MIR_OPS(X)
#undef X
};

MIns *mir_emit(MFunc *f, MBlock *b, MirOp op)
{
	if (b->n == b->cap) {
		uint32_t cap = b->cap ? b->cap * 2 : 16;
		MIns *n = sy_arena_array(f->ar, cap, sizeof *n);
		if (!n)
			return NULL;
		if (b->n)
			memcpy(n, b->ins, b->n * sizeof *n);
		b->ins = n;
		b->cap = cap;
	}
	MIns *i = &b->ins[b->n++];
	memset(i, 0, sizeof *i);
	i->op = (uint8_t)op;
	return i;
}

uint32_t mir_vreg(MFunc *f) { return mir_vreg_class(f, MIR_CORE); }

uint32_t mir_vreg_class(MFunc *f, uint8_t cls)
{
	uint32_t v = f->nvregs - MIR_VREG0;
	if (v >= f->capvclass) {
		uint32_t cap = f->capvclass ? f->capvclass * 2 : 256;
		while (cap <= v)
			cap *= 2;
		uint8_t *n = sy_arena_alloc(f->ar, cap);
		if (!n)
			return 0;
		if (f->capvclass)
			memcpy(n, f->vclass, f->capvclass);
		f->vclass = n;
		f->capvclass = cap;
	}
	f->vclass[v] = cls;
	return f->nvregs++;
}

uint8_t mir_class(const MFunc *f, uint32_t r)
{
	if (r < MIR_VREG0)
		return r >= MIR_S0 ? MIR_VFP : MIR_CORE;
	return f->vclass[r - MIR_VREG0];
}

/* FNV-1a of a symbol name. */
static uint32_t sym_hash(const char *name)
{
	uint32_t h = 2166136261u;
	for (const char *c = name; *c; c++)
		h = (h ^ (uint8_t)*c) * 16777619u;
	return h;
}

/* The hash slot holding name, or the empty slot where it would go. */
static uint32_t sym_slot(const MSymTab *t, const char *name)
{
	uint32_t slot = sym_hash(name) & (t->hcap - 1);
	while (t->hash[slot] && strcmp(t->syms[t->hash[slot] - 1].name, name))
		slot = (slot + 1) & (t->hcap - 1);
	return slot;
}

uint32_t mir_sym_find(const MSymTab *t, const char *name)
{
	if (!t->hcap)
		return UINT32_MAX;
	uint32_t slot = sym_slot(t, name);
	return t->hash[slot] ? t->hash[slot] - 1 : UINT32_MAX;
}

uint32_t mir_sym(MSymTab *t, bool func, const char *fmt, ...)
{
	char buf[SY_SYM_MAX + 64];
	va_list ap;
	va_start(ap, fmt);
	if (fmt[0] == '%' && fmt[1] == 's' && !fmt[2]) {
		/* a name made already (every call site): copied as vsnprintf would */
		const char *name = va_arg(ap, const char *);
		size_t len = strlen(name);
		len = len < sizeof buf - 1 ? len : sizeof buf - 1;
		memcpy(buf, name, len);
		buf[len] = 0;
	} else {
		vsnprintf(buf, sizeof buf, fmt, ap);
	}
	va_end(ap);
	/* hashed: a table of thousands of functions is searched in O(1) */
	if (2 * (t->n + 1) > t->hcap) {
		uint32_t hcap = t->hcap ? t->hcap * 2 : 64;
		uint32_t *nh = sy_arena_array(t->ar, hcap, sizeof *nh);
		if (!nh)
			return UINT32_MAX;
		for (uint32_t i = 0; i < t->n; i++) {
			uint32_t k = sym_hash(t->syms[i].name) & (hcap - 1);
			while (nh[k])
				k = (k + 1) & (hcap - 1);
			nh[k] = i + 1;
		}
		t->hash = nh;
		t->hcap = hcap;
	}
	uint32_t slot = sym_slot(t, buf);
	if (t->hash[slot]) {
		t->syms[t->hash[slot] - 1].func |= func;
		return t->hash[slot] - 1;
	}
	if (t->n == t->cap) {
		uint32_t cap = t->cap ? t->cap * 2 : 32;
		MSym *n = sy_arena_array(t->ar, cap, sizeof *n);
		if (!n)
			return UINT32_MAX;
		if (t->n)
			memcpy(n, t->syms, t->n * sizeof *n);
		t->syms = n;
		t->cap = cap;
	}
	size_t len = strlen(buf);
	char *name = sy_arena_alloc(t->ar, len + 1);
	if (!name)
		return UINT32_MAX;
	memcpy(name, buf, len + 1);
	t->syms[t->n].name = name;
	t->syms[t->n].func = func;
	t->hash[slot] = t->n + 1;
	return t->n++;
}

static void reg(SyStr *o, uint32_t r)
{
	static const char *const phys[16] = {"r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7",
	                                     "r8", "r9", "r10", "r11", "r12", "sp", "lr", "pc"};
	if (r >= MIR_S0 && r < MIR_VREG0)
		sy_str_printf(o, "s%u", r - MIR_S0);
	else if (r < 16)
		sy_str_printf(o, "%s", phys[r]);
	else
		sy_str_printf(o, "%%%u", r - MIR_VREG0);
}

void mir_dump(const MFunc *f, const MSymTab *syms, SyStr *o)
{
	static const char *const conds[] = {"eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc",
	                                    "hi", "ls", "ge", "lt", "gt", "le", "al"};
	for (uint32_t bi = 0; bi < f->nblocks; bi++) {
		const MBlock *b = &f->blocks[bi];
		sy_str_printf(o, ".L%u:\n", bi);
		for (uint32_t k = 0; k < b->n; k++) {
			const MIns *i = &b->ins[k];
			sy_str_printf(o, "    %s", mir_names[i->op]);
			if (i->op == MIR_SETCC || i->op == MIR_CSEL || i->op == MIR_CSELI || i->op == MIR_BCC || i->op == MIR_TRAPCC ||
			    i->op == MIR_VSEL)
				sy_str_printf(o, ".%s", conds[i->cond < 15 ? i->cond : 14]);
			unsigned n = mir_ndefs[i->op] + mir_nuses[i->op];
			for (unsigned j = 0; j < n; j++) {
				sy_str_printf(o, j ? ", " : " ");
				reg(o, i->r[j]);
			}
			switch (i->op) {
			case MIR_MOVI: case MIR_DPI: case MIR_DPIS: case MIR_CMPI: case MIR_SHIFTI:
			case MIR_LDR: case MIR_STR: case MIR_SPILL: case MIR_RELOAD: case MIR_LDARG:
			case MIR_STARG: case MIR_TRAP: case MIR_TRAPCC: case MIR_VMOVTS: case MIR_VMOVFS: case MIR_CSELI:
				sy_str_printf(o, ", #%lld", (long long)i->imm);
				break;
			case MIR_MOVSYM: case MIR_CALL:
				sy_str_printf(o, "%s%s", n ? ", " : " ", syms->syms[i->aux].name);
				break;
			case MIR_B: case MIR_BCC:
				sy_str_printf(o, " .L%u", i->aux);
				break;
			case MIR_JTAB:
				for (uint32_t j = 0; j < i->aux; j++)
					sy_str_printf(o, "%s.L%u", j ? ", " : ", [", f->jt[i->imm + j]);
				sy_str_printf(o, "]");
				break;
			}
			sy_str_printf(o, "\n");
		}
	}
}
