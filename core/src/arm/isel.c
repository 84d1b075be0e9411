/* isel.c - instruction selection: SSA IR to Thumb-2 machine IR over
 * virtual registers.
 *
 * Blocks are laid out in reverse post-order. Every IR value gets one
 * virtual register (two for i64: low and high word). Phis become parallel
 * copies at the end of each predecessor (through fresh temporaries, which
 * the allocator is free to coalesce); an edge from a block with several
 * successors into a block with phis is split. Calls follow AAPCS: argument
 * words go to r0-r3 and then the stack, results come back in r0/r1. i64
 * shifts, rotates, division and bit counts call exact runtime helpers;
 * everything else is inline. Memory accesses address memory k relative to
 * its base (the link-time constant M__mem<k> for a defined memory, read from
 * the import's control block otherwise), with exact bounds checks in the
 * default trap mode against its size cached in a register, reloaded from the
 * control block (M__memctl<k>) only after calls that may grow a memory
 * (IselModule.may_grow, arm/grows.c), and only where a later check reads
 * it (drop_dead_sizes removes the rest). */
#include <stdio.h>
#include <string.h>

#include "ir/ir.h"
#include "mir.h"
#include "encode.h"

#define TRY(x) do { SynthStatus st_ = (x); if (st_ != SYNTH_OK) return st_; } while (0)

/* Trap codes of core/runtime/include/synth_rt.h. */
enum { TRAP_UNREACHABLE = 1, TRAP_INT_OVERFLOW = 2, TRAP_INT_DIV_ZERO = 3,
       TRAP_INVALID_CONVERSION = 4, TRAP_OOB_MEMORY = 5 };

typedef struct Hoisted {
	uint64_t bits;
	uint8_t type;
	uint32_t lo, hi;
} Hoisted;

typedef struct S {
	SynthContext *ctx;
	const IselModule *im;
	IrFunc *ir;
	MFunc *m;
	MBlock *b;           /* block being filled */
	uint32_t *lo, *hi;   /* vregs of each IR value */
	uint32_t *mblock;    /* IR block id -> MBlock index (UINT32_MAX: unreachable) */
	uint32_t *memctl;    /* per memory: vreg holding &M__memctl<k> (0: unused) */
	uint32_t *membase;   /* per memory: vreg holding its base */
	uint32_t *membytes;  /* per memory: vreg caching its current size (trap mode) */
	uint32_t (*memlimit)[4]; /* per memory: vregs caching size - 1, 2, 4, 8 (trap mode),
	                      * for the access sizes the function uses at offset 0 */
	uint32_t retptr;     /* vreg of the hidden result-area pointer (multi-value) */
	bool int_abi;        /* the call being emitted passes floats as bits in core registers */
	bool keep_sizes;     /* the call being emitted cannot grow a memory (no size reload) */
	uint32_t stamp;      /* br_table deduplication marks on IR blocks */
	uint32_t *dhome;     /* fpu64: per core vreg (low word of an f64 pair), the D
	                      * register holding the same value, defined where the
	                      * pair is (so valid wherever the pair is), or 0 */
	uint32_t ndhome;
	uint32_t *anchor;     /* per block made during selection (index - nfixed): the
	                      * block it was made from */
	uint32_t nfixed;      /* blocks before selection (prologue + IR blocks) */
	uint32_t capblocks;   /* room in m->blocks (and capblocks - nfixed in anchor) */
	struct { uint32_t k, a; uint64_t end; } chk[16]; /* bounds checks done in block chkblk */
	uint32_t nchk, chkblk;
	uint8_t *folded;      /* per IR value: 1, a shift by a constant selected as the
	                      * shifted operand of its only user (fold_shifts); 2, a
	                      * compare whose only user (a select or the block's
	                      * branch) sets the flags itself (fuse_compares) */
	Hoisted hoisted[64];  /* constants materialized in the prologue */
	uint32_t nhoisted;
	bool oom;
	MIns sink;            /* what ins() returns once memory ran out */
} S;

/* Name of function f's symbol (imports: the embedder's); in compile.c. */
void arm_func_symbol(const IselModule *im, uint32_t f, char *buf, size_t n);
/* Name of the symbol an import binds to; in compile.c. */
void arm_import_symbol(const char *m, const SynthImport *im, char *buf, size_t n);

/* Whether values of type t take two core registers (low, high word). */
static inline bool pair(IrType t) { return t == IR_I64 || t == IR_F64; }

/* ---- emission helpers ---- */

static MIns *ins(S *s, MirOp op)
{
	MIns *i = mir_emit(s->m, s->b, op);
	if (!i) {
		/* written to and ignored: the function fails with SYNTH_ERR_NOMEM */
		s->oom = true;
		memset(&s->sink, 0, sizeof s->sink);
		return &s->sink;
	}
	return i;
}

static uint32_t vreg(S *s) { return mir_vreg(s->m); }

static bool is_vfp(S *s, uint32_t r);
static void fmov(S *s, MirOp op, uint32_t d, uint32_t x);

/* d = r, converting between core and VFP registers when their classes differ. */
static void mov(S *s, uint32_t d, uint32_t r)
{
	bool dv = is_vfp(s, d), rv = is_vfp(s, r);
	if (dv != rv) {
		fmov(s, dv ? MIR_FMOVTO : MIR_FMOVFROM, d, r);
		return;
	}
	MIns *i = ins(s, MIR_MOV);
	i->r[0] = d, i->r[1] = r;
}

static bool is_vfp(S *s, uint32_t r) { return r >= MIR_VREG0 && mir_class(s->m, r) == MIR_VFP; }

static void fmov(S *s, MirOp op, uint32_t d, uint32_t x)
{
	MIns *i = ins(s, op);
	i->r[0] = d, i->r[1] = x;
}

static void movi(S *s, uint32_t d, uint32_t imm)
{
	if (is_vfp(s, d)) {
		uint32_t t = mir_vreg(s->m);
		movi(s, t, imm);
		fmov(s, MIR_FMOVTO, d, t);
		return;
	}
	MIns *i = ins(s, MIR_MOVI);
	i->r[0] = d, i->imm = imm;
}

/* A core register holding the bits of register r (r itself unless VFP). */
static uint32_t core_of(S *s, uint32_t r)
{
	if (!is_vfp(s, r))
		return r;
	uint32_t t = mir_vreg(s->m);
	fmov(s, MIR_FMOVFROM, t, r);
	return t;
}

/* Register to write a result of bits into before set_bits(d, it). */
static uint32_t bits_dst(S *s, uint32_t d) { return is_vfp(s, d) ? mir_vreg(s->m) : d; }

static void set_bits(S *s, uint32_t d, uint32_t t)
{
	if (d != t)
		fmov(s, is_vfp(s, d) ? MIR_FMOVTO : MIR_MOV, d, t);
}

/* A register holding imm, for an operand no immediate form encodes. In a
 * loop, a constant that takes two instructions (movw/movt) is made once in
 * the prologue and shared, as IR constants are (sel_ins, IR_CONST). */
static uint32_t konst(S *s, uint32_t imm)
{
	bool costly = imm > 0xffff && !arm_modimm_ok(imm) && !arm_modimm_ok(~imm);
	if (s->b && s->b->loop_depth > 0 && costly && s->b != &s->m->blocks[0]) {
		for (uint32_t h = 0; h < s->nhoisted; h++)
			if (s->hoisted[h].bits == imm && s->hoisted[h].type == IR_I32)
				return s->hoisted[h].lo;
		if (s->nhoisted < sizeof s->hoisted / sizeof s->hoisted[0]) {
			uint32_t d = vreg(s);
			s->hoisted[s->nhoisted++] = (Hoisted){imm, IR_I32, d, 0};
			MBlock *cur = s->b;
			s->b = &s->m->blocks[0];
			movi(s, d, imm);
			s->b = cur;
			return d;
		}
	}
	uint32_t d = vreg(s);
	movi(s, d, imm);
	return d;
}

static void movsym(S *s, uint32_t d, uint32_t sym, int32_t addend)
{
	MIns *i = ins(s, MIR_MOVSYM);
	i->r[0] = d, i->aux = sym, i->imm = addend;
}

static void dp(S *s, ArmDpOp op, uint32_t d, uint32_t a, uint32_t b)
{
	MIns *i = ins(s, MIR_DP);
	i->aux = op, i->r[0] = d, i->r[1] = a, i->r[2] = b;
}

static void dps(S *s, ArmDpOp op, uint32_t d, uint32_t a, uint32_t b)
{
	MIns *i = ins(s, MIR_DPS);
	i->aux = op, i->r[0] = d, i->r[1] = a, i->r[2] = b;
}

static void dpi(S *s, ArmDpOp op, uint32_t d, uint32_t a, uint32_t imm)
{
	if (arm_dp_imm_ok(op, ARM_KEEP, imm)) {
		MIns *i = ins(s, MIR_DPI);
		i->aux = op, i->r[0] = d, i->r[1] = a, i->imm = imm;
	} else {
		dp(s, op, d, a, konst(s, imm));
	}
}

static void dpis(S *s, ArmDpOp op, uint32_t d, uint32_t a, uint32_t imm)
{
	if (arm_dp_imm_ok(op, ARM_SETS, imm)) {
		MIns *i = ins(s, MIR_DPIS);
		i->aux = op, i->r[0] = d, i->r[1] = a, i->imm = imm;
	} else {
		dps(s, op, d, a, konst(s, imm));
	}
}

static void cmp(S *s, ArmDpOp op, uint32_t a, uint32_t b)
{
	MIns *i = ins(s, MIR_CMP);
	i->aux = op, i->r[0] = a, i->r[1] = b;
}

static void cmpi(S *s, ArmDpOp op, uint32_t a, uint32_t imm)
{
	if (arm_dp_imm_ok(op, ARM_SETS, imm)) {
		MIns *i = ins(s, MIR_CMPI);
		i->aux = op, i->r[0] = a, i->imm = imm;
	} else {
		cmp(s, op, a, konst(s, imm));
	}
}

static void shifti(S *s, ArmShift sh, uint32_t d, uint32_t a, uint32_t amount)
{
	MIns *i = ins(s, MIR_SHIFTI);
	i->aux = sh, i->r[0] = d, i->r[1] = a, i->imm = amount;
}

static void shiftr(S *s, ArmShift sh, uint32_t d, uint32_t a, uint32_t b)
{
	MIns *i = ins(s, MIR_SHIFT);
	i->aux = sh, i->r[0] = d, i->r[1] = a, i->r[2] = b;
}

static void setcc(S *s, ArmCond c, uint32_t d)
{
	MIns *i = ins(s, MIR_SETCC);
	i->cond = (uint8_t)c, i->r[0] = d;
}

static void trapcc(S *s, ArmCond c, int code)
{
	MIns *i = ins(s, MIR_TRAPCC);
	i->cond = (uint8_t)c, i->imm = code;
}

/* Loads into d (through a core register when d is VFP: no alignment
 * requirement, unlike VLDR). */
static void ldr(S *s, ArmMemOp op, uint32_t d, uint32_t base, int32_t off)
{
	uint32_t t = bits_dst(s, d);
	MIns *i = ins(s, MIR_LDR);
	i->aux = op, i->r[0] = t, i->r[1] = base, i->imm = off;
	set_bits(s, d, t);
}

static void str(S *s, ArmMemOp op, uint32_t v, uint32_t base, int32_t off)
{
	v = core_of(s, v);
	MIns *i = ins(s, MIR_STR);
	i->aux = op, i->r[0] = v, i->r[1] = base, i->imm = off;
}

/* A word at base + off where the address is known to be 4-aligned
 * (globals, multi-value result areas): an f32 in a VFP register is loaded
 * or stored directly with vldr/vstr (MIR_LDR/MIR_STR with a VFP r0).
 * VLDR/VSTR fault on an unaligned address, which a wasm access to linear
 * memory may have, so loads and stores of linear memory never come here. */
static bool vfp_word_ok(S *s, uint32_t r, int32_t off)
{
	return is_vfp(s, r) && !(off & 3) && off >= -1020 && off <= 1020;
}

static void ldr_aligned(S *s, uint32_t d, uint32_t base, int32_t off)
{
	if (!vfp_word_ok(s, d, off)) {
		ldr(s, ARM_LDR, d, base, off);
		return;
	}
	MIns *i = ins(s, MIR_LDR);
	i->aux = ARM_LDR, i->r[0] = d, i->r[1] = base, i->imm = off;
}

static void str_aligned(S *s, uint32_t v, uint32_t base, int32_t off)
{
	if (!vfp_word_ok(s, v, off)) {
		str(s, ARM_STR, v, base, off);
		return;
	}
	MIns *i = ins(s, MIR_STR);
	i->aux = ARM_STR, i->r[0] = v, i->r[1] = base, i->imm = off;
}

static uint32_t sym(S *s, bool func, const char *name)
{
	uint32_t k = mir_sym(s->im->syms, func, "%s", name);
	if (k == UINT32_MAX)
		s->oom = true;
	return k;
}

/* ---- IR queries ---- */

static IrIns *def(S *s, IrVal v)
{
	IrDef *d = &s->ir->def[v];
	return d->block ? &d->block->ins[d->index] : NULL;
}

static bool is_const(S *s, IrVal v, uint64_t *bits)
{
	IrIns *i = def(s, v);
	if (i && i->op == IR_CONST) {
		*bits = i->imm;
		return true;
	}
	return false;
}

/* ---- calls (AAPCS, core registers) ---- */

/* Where an argument goes under AAPCS: ARG_CORE + word (r0-r3), ARG_STACK +
 * word of the stack area, or ARG_VFP + S register (hard-float ABI only).
 * A pair (i64, f64) occupies two consecutive places. */
enum { ARG_CORE = 0, ARG_STACK = 1u << 16, ARG_VFP = 1u << 30 };

/* Classifies arguments per AAPCS (with AAPCS-VFP rules for f32/f64 when
 * hard): i64/f64 in even-aligned core pairs, VFP registers back-filled,
 * stack slots 8-aligned for 8-byte values. Returns the stack words used. */
static uint32_t aapcs(const IrType *types, uint32_t n, bool hard, uint32_t *loc)
{
	uint32_t ncrn = 0, nsaa = 0, vfree = 0xffff;
	bool vfp_done = false;
	for (uint32_t i = 0; i < n; i++) {
		bool wide = pair(types[i]);
		if (hard && (types[i] == IR_F32 || types[i] == IR_F64) && !vfp_done) {
			int k = -1;
			for (int r = 0; r < 16 && k < 0; r += wide ? 2 : 1)
				if (wide ? ((vfree >> r) & 3) == 3 : (vfree >> r) & 1)
					k = r;
			if (k >= 0) {
				vfree &= ~((wide ? 3u : 1u) << k);
				loc[i] = ARG_VFP + (uint32_t)k;
				continue;
			}
			vfp_done = true;
		}
		if (hard && (types[i] == IR_F32 || types[i] == IR_F64)) {
			if (wide)
				nsaa = (nsaa + 1) & ~1u;
			loc[i] = ARG_STACK + nsaa;
			nsaa += wide ? 2 : 1;
			continue;
		}
		if (wide)
			ncrn = (ncrn + 1) & ~1u;
		if (ncrn + (wide ? 2 : 1) <= 4) {
			loc[i] = ARG_CORE + ncrn;
			ncrn += wide ? 2 : 1;
		} else {
			ncrn = 4;
			if (wide)
				nsaa = (nsaa + 1) & ~1u;
			loc[i] = ARG_STACK + nsaa;
			nsaa += wide ? 2 : 1;
		}
	}
	return nsaa;
}

/* A move between D registers (virtual or physical d<k> as s<2k>). */
static void dmov(S *s, uint32_t d, uint32_t x)
{
	MIns *i = ins(s, MIR_MOV);
	i->aux = MIR_DBL, i->r[0] = d, i->r[1] = x;
}

static uint32_t dreg_of(S *s, uint32_t lo, uint32_t hi);
static void pair_from_d(S *s, uint32_t lo, uint32_t hi, uint32_t d);
static uint32_t dvreg(S *s);

static void vmov_to_s(S *s, unsigned sreg, uint32_t r)
{
	if (is_vfp(s, r)) { /* a VFP move the allocator can coalesce */
		MIns *i = ins(s, MIR_MOV);
		i->r[0] = MIR_S0 + sreg, i->r[1] = r;
		return;
	}
	MIns *i = ins(s, MIR_VMOVTS);
	i->r[0] = r, i->imm = sreg;
}

static void vmov_from_s(S *s, uint32_t d, unsigned sreg)
{
	if (is_vfp(s, d)) {
		MIns *i = ins(s, MIR_MOV);
		i->r[0] = d, i->r[1] = MIR_S0 + sreg;
		return;
	}
	uint32_t t = bits_dst(s, d);
	MIns *i = ins(s, MIR_VMOVFS);
	i->r[0] = t, i->imm = sreg;
	set_bits(s, d, t);
}

static void reload_sizes(S *s);

/* Whether a value of type t travels in VFP registers at calls and returns. */
static bool in_vfp(const S *s, IrType t) { return s->im->hard_float && (t == IR_F32 || t == IR_F64); }

/* Byte offsets of results in a multi-value result area (natural alignment);
 * returns its size. */
static uint32_t res_layout(const IrType *t, uint32_t n, uint32_t *off)
{
	uint32_t o = 0;
	for (uint32_t i = 0; i < n; i++) {
		uint32_t size = t[i] == IR_I64 || t[i] == IR_F64 ? 8 : 4;
		o = (o + size - 1) & ~(size - 1);
		off[i] = o;
		o += size;
	}
	return (o + 7) & ~7u;
}

/* Emits a call of symbol symidx (or, when target is nonzero, of the code
 * address in vreg target) with argument vregs (lo/hi per argument) and
 * results into rlo/rhi. More than one result come back through a result
 * area in the caller's frame whose address is a hidden first argument. */
static void call_full(S *s, uint32_t symidx, uint32_t target, uint32_t nargs, const IrType *types,
                      const uint32_t *alo, const uint32_t *ahi, uint32_t nres, const IrType *rtypes,
                      const uint32_t *rlo, const uint32_t *rhi)
{
	uint32_t hidden = nres > 1;
	uint32_t n = nargs + hidden;
	IrType *t = sy_arena_array(s->m->ar, n + 1, sizeof *t);
	uint32_t *lo = sy_arena_array(s->m->ar, n + 1, sizeof *lo);
	uint32_t *hi = sy_arena_array(s->m->ar, n + 1, sizeof *hi);
	uint32_t *pos = sy_arena_array(s->m->ar, n + 1, sizeof *pos);
	uint32_t *roff = sy_arena_array(s->m->ar, nres + 1, sizeof *roff);
	if (!t || !lo || !hi || !pos || !roff) {
		s->oom = true;
		return;
	}
	if (hidden) {
		uint32_t size = res_layout(rtypes, nres, roff);
		if (size > s->m->resarea)
			s->m->resarea = size;
		t[0] = IR_I32;
		lo[0] = vreg(s);
		hi[0] = 0;
		MIns *fa = ins(s, MIR_FRAMEADDR);
		fa->r[0] = lo[0], fa->imm = 0;
	}
	for (uint32_t k = 0; k < nargs; k++) {
		t[k + hidden] = types[k];
		lo[k + hidden] = alo[k];
		hi[k + hidden] = ahi ? ahi[k] : 0;
	}
	uint32_t words = aapcs(t, n, s->im->hard_float && !s->int_abi, pos);
	if (words > s->m->outargs)
		s->m->outargs = words;
	uint32_t mask = 0;
	/* Stack words first: the register moves must sit right before the call. */
	for (uint32_t i = 0; i < n; i++)
		for (uint32_t h = 0; h < (pair(t[i]) ? 2u : 1u); h++) {
			if (pos[i] < ARG_STACK || pos[i] >= ARG_VFP)
				continue;
			uint32_t v = core_of(s, h ? hi[i] : lo[i]);
			MIns *st = ins(s, MIR_STARG);
			st->r[0] = v;
			st->imm = pos[i] - ARG_STACK + h;
		}
	uint16_t smask = 0;
	for (uint32_t i = 0; i < n; i++)
		for (uint32_t h = 0; h < (pair(t[i]) ? 2u : 1u); h++) {
			if (pos[i] >= ARG_VFP) {
				smask |= (uint16_t)(1u << (pos[i] - ARG_VFP + h));
				if (s->im->fpu64 && t[i] == IR_F64) { /* d<k> from its D register */
					if (!h)
						dmov(s, MIR_S0 + pos[i] - ARG_VFP, dreg_of(s, lo[i], hi[i]));
					continue;
				}
				vmov_to_s(s, pos[i] - ARG_VFP + h, h ? hi[i] : lo[i]);
				continue;
			}
			if (pos[i] >= ARG_STACK)
				continue;
			uint32_t w = pos[i] + h;
			mov(s, w, h ? hi[i] : lo[i]);
			mask |= 1u << w;
		}
	MIns *c = ins(s, target ? MIR_CALLR : MIR_CALL);
	if (target)
		c->r[0] = target;
	else
		c->aux = symidx;
	c->imm = mask;
	c->smask = smask;
	s->m->calls = true;
	if (!s->keep_sizes)
		reload_sizes(s);
	if (nres == 1 && in_vfp(s, rtypes[0]) && !s->int_abi && s->im->fpu64 && rtypes[0] == IR_F64) {
		uint32_t r = dvreg(s);
		dmov(s, r, MIR_S0);
		pair_from_d(s, rlo[0], rhi[0], r);
	} else if (nres == 1 && in_vfp(s, rtypes[0]) && !s->int_abi) {
		vmov_from_s(s, rlo[0], 0);
		if (pair(rtypes[0]))
			vmov_from_s(s, rhi[0], 1);
	} else if (nres == 1) {
		mov(s, rlo[0], 0);
		if (pair(rtypes[0]))
			mov(s, rhi[0], 1);
	} else if (nres > 1) {
		uint32_t p = vreg(s);
		MIns *fa = ins(s, MIR_FRAMEADDR);
		fa->r[0] = p, fa->imm = 0;
		for (uint32_t k = 0; k < nres; k++) {
			if (!rlo[k])
				continue;
			ldr_aligned(s, rlo[k], p, (int32_t)roff[k]);
			if (pair(rtypes[k]))
				ldr(s, ARM_LDR, rhi[k], p, (int32_t)roff[k] + 4);
		}
	}
}

static void call(S *s, uint32_t symidx, uint32_t nargs, const IrType *types, const uint32_t *alo,
                 const uint32_t *ahi, IrType rtype, uint32_t rlo, uint32_t rhi)
{
	call_full(s, symidx, 0, nargs, types, alo, ahi, rtype != IR_NONE, &rtype, &rlo, &rhi);
}

/* Calls a runtime helper: always the core-register ABI, floats as bits. */
static void helper(S *s, const char *name, uint32_t nargs, const IrType *types, const uint32_t *alo,
                   const uint32_t *ahi, IrType rtype, uint32_t rlo, uint32_t rhi)
{
	s->int_abi = true;
	s->keep_sizes = true; /* runtime helpers never grow a memory (memory.grow reloads itself) */
	call(s, sym(s, true, name), nargs, types, alo, ahi, rtype, rlo, rhi);
	s->int_abi = false;
	s->keep_sizes = false;
}

/* ---- memories ---- */

static void need_mem(S *s, uint32_t k)
{
	if (s->memctl[k])
		return;
	s->memctl[k] = vreg(s);
	s->membase[k] = vreg(s);
	if (s->im->bounds == SYNTH_BOUNDS_TRAP)
		s->membytes[k] = vreg(s);
}

/* Reloads the cached sizes of the memories after something that may have
 * grown one (a call); drop_dead_sizes later removes the reloads no check
 * reads. */
static void reload_sizes(S *s)
{
	s->nchk = 0; /* a call may have grown a memory: its checks start over */
	for (uint32_t k = 0; k < s->im->mod->nmems; k++)
		if (s->membytes[k]) {
			MIns *i = ins(s, MIR_LDR);
			i->aux = ARM_LDR, i->r[0] = s->membytes[k], i->r[1] = s->memctl[k], i->imm = 4;
			for (unsigned w = 0; w < 4; w++)
				if (s->memlimit[k][w])
					dpi(s, ARM_SUB, s->memlimit[k][w], s->membytes[k], 1u << w);
		}
}

/* Computes the address of an access of size bytes at a + offset in memory
 * k, with the bounds check of the mode as the optimizer's bce pass left it
 * (chk, chkend: IR_CHK_* of ir.h); returns the base register and the
 * immediate offset to use. */
static void mem_addr(S *s, uint32_t k, uint32_t a, uint64_t offset, unsigned size, uint32_t chk,
                     uint32_t chkend, uint32_t *preg, int32_t *poff, uint32_t *pidx)
{
	need_mem(s, k);
	*pidx = 0;
	uint64_t end = offset + size;
	if (chk == IR_CHK_MERGED && chkend > end)
		end = chkend;
	if (chk == IR_CHK_INBOUNDS && s->im->bounds == SYNTH_BOUNDS_MASK)
		goto plain; /* below the minimum size: inside the reservation, no wrap */
	if (s->im->bounds == SYNTH_BOUNDS_TRAP && (chk == IR_CHK_COVERED || chk == IR_CHK_INBOUNDS))
		goto checked;
	if (s->im->bounds == SYNTH_BOUNDS_TRAP) {
		if (end > 0xffffffffull) {
			MIns *t = ins(s, MIR_TRAP);
			t->imm = TRAP_OOB_MEMORY;
			*preg = s->membase[k];
			*poff = 0;
			return;
		}
		/* The size is cached in a register (reloaded after calls that may
		 * grow a memory, the only way it can change here). Memories never
		 * shrink, so when the access fits the declared minimum, size - end
		 * cannot wrap. */
		/* An address already checked in this block for an access reaching
		 * at least as far needs no check: the first would have trapped, and
		 * the size only changes at such calls (reload_sizes forgets). */
		uint32_t blk = (uint32_t)(s->b - s->m->blocks);
		if (s->chkblk != blk)
			s->nchk = 0, s->chkblk = blk;
		bool done = false;
		for (uint32_t q = 0; q < s->nchk && !done; q++)
			done = s->chk[q].k == k && s->chk[q].a == a && s->chk[q].end >= end;
		if (done)
			goto checked;
		if (s->nchk < sizeof s->chk / sizeof s->chk[0])
			s->chk[s->nchk].k = k, s->chk[s->nchk].a = a, s->chk[s->nchk].end = end, s->nchk++;
		const SynthMemory *mem = &s->im->mod->mems[k];
		uint64_t min_bytes = mem->limits.min << mem->page_size_log2;
		uint32_t t = vreg(s);
		uint32_t lim = !offset && end == size && size <= 8 && !(size & (size - 1))
		             ? s->memlimit[k][__builtin_ctz(size)] : 0;
		if (end <= min_bytes && lim) {
			cmp(s, ARM_CMP, a, lim);
			trapcc(s, ARM_HI, TRAP_OOB_MEMORY);
		} else if (end <= min_bytes) {
			dpi(s, ARM_SUB, t, s->membytes[k], (uint32_t)end);
			cmp(s, ARM_CMP, a, t);
			trapcc(s, ARM_HI, TRAP_OOB_MEMORY);
		} else {
			dpis(s, ARM_ADD, t, a, (uint32_t)end);
			trapcc(s, ARM_CS, TRAP_OOB_MEMORY);
			cmp(s, ARM_CMP, t, s->membytes[k]);
			trapcc(s, ARM_HI, TRAP_OOB_MEMORY);
		}
	}
checked:
	if (s->im->bounds == SYNTH_BOUNDS_MASK) {
		/* Containment: the effective address wraps inside the memory's
		 * power-of-two reservation (an access straddling its end is caught
		 * by the MPU region that mask mode is meant to run under). */
		uint32_t bits = s->im->mem_bits[k];
		uint32_t ea = a;
		if (offset) {
			ea = vreg(s);
			dpi(s, ARM_ADD, ea, a, (uint32_t)offset);
		}
		uint32_t p = vreg(s);
		if (bits < 32) {
			uint32_t m = vreg(s);
			MIns *u = ins(s, MIR_UBFX);
			u->r[0] = m, u->r[1] = ea, u->imm = (int64_t)bits << 8;
			ea = m;
		}
		if (size <= 4) { /* [base, ea] */
			*preg = s->membase[k];
			*poff = 0;
			*pidx = ea;
			return;
		}
		dp(s, ARM_ADD, p, s->membase[k], ea);
		*preg = p;
		*poff = 0;
		return;
	}
plain:
	if (!offset && size <= 4) { /* [base, a] */
		*preg = s->membase[k];
		*poff = 0;
		*pidx = a;
		return;
	}
	uint32_t p = vreg(s);
	dp(s, ARM_ADD, p, s->membase[k], a);
	if (offset + (size > 4 ? 4 : 0) <= 4095) {
		*preg = p;
		*poff = (int32_t)offset;
		return;
	}
	uint32_t q = vreg(s);
	dpi(s, ARM_ADD, q, p, (uint32_t)offset);
	*preg = q;
	*poff = 0;
}

static void sel_load(S *s, IrIns *i)
{
	IrVal a = ir_args(i)[0];
	uint32_t k = i->aux >> 16, size = i->aux & 0xff;
	bool sign = i->aux & IR_MEM_SIGNED;
	uint32_t p, x;
	int32_t off;
	mem_addr(s, k, s->lo[a], i->imm, size, i->chk, i->chkend, &p, &off, &x);
	ArmMemOp op = size == 1 ? (sign ? ARM_LDRSB : ARM_LDRB)
	            : size == 2 ? (sign ? ARM_LDRSH : ARM_LDRH) : ARM_LDR;
	uint32_t lo = s->lo[i->val];
	if (x) {
		uint32_t t = bits_dst(s, lo);
		MIns *l = ins(s, MIR_LDRR);
		l->aux = op, l->r[0] = t, l->r[1] = p, l->r[2] = x, l->imm = 0;
		set_bits(s, lo, t);
	} else {
		ldr(s, op, lo, p, off);
	}
	if (pair((IrType)i->type)) {
		uint32_t hi = s->hi[i->val];
		if (size == 8)
			ldr(s, ARM_LDR, hi, p, off + 4);
		else if (sign)
			shifti(s, ARM_ASR, hi, lo, 31);
		else
			movi(s, hi, 0);
	}
}

static void sel_store(S *s, IrIns *i)
{
	IrVal a = ir_args(i)[0], v = ir_args(i)[1];
	uint32_t k = i->aux >> 16, size = i->aux & 0xff;
	uint32_t p, x;
	int32_t off;
	mem_addr(s, k, s->lo[a], i->imm, size, i->chk, i->chkend, &p, &off, &x);
	ArmMemOp op = size == 1 ? ARM_STRB : size == 2 ? ARM_STRH : ARM_STR;
	if (x) {
		uint32_t val = core_of(s, s->lo[v]); /* (before ins(): it may emit a move) */
		MIns *st = ins(s, MIR_STRR);
		st->aux = op, st->r[0] = val, st->r[1] = p, st->r[2] = x, st->imm = 0;
		return;
	}
	str(s, op, s->lo[v], p, off);
	if (size == 8)
		str(s, ARM_STR, s->hi[v], p, off + 4);
}

/* ---- compares ---- */

static ArmCond cond_of(IrOp op)
{
	switch (op) {
	case IR_EQ: return ARM_EQ;
	case IR_NE: return ARM_NE;
	case IR_LTS: return ARM_LT;
	case IR_LTU: return ARM_CC;
	case IR_GTS: return ARM_GT;
	case IR_GTU: return ARM_HI;
	case IR_LES: return ARM_LE;
	case IR_LEU: return ARM_LS;
	case IR_GES: return ARM_GE;
	case IR_GEU: return ARM_CS;
	default: return ARM_AL;
	}
}

/* Sets the flags for compare op on i64 operands; returns the condition. */
static ArmCond cmp64(S *s, IrOp op, IrVal a, IrVal b)
{
	uint32_t al = s->lo[a], ah = s->hi[a], bl = s->lo[b], bh = s->hi[b];
	if (op == IR_EQ || op == IR_NE) {
		/* cmp lo; it eq; cmpeq hi: Z set only when both words are equal,
		 * no temporaries */
		cmp(s, ARM_CMP, al, bl);
		MIns *c = ins(s, MIR_CMP);
		c->aux = ARM_CMP | MIR_CMP_IF, c->cond = ARM_EQ, c->r[0] = ah, c->r[1] = bh;
		return op == IR_EQ ? ARM_EQ : ARM_NE;
	}
	/* a < b via the borrow of a - b; a > b as b < a; <= and >= negate. */
	bool swap = op == IR_GTS || op == IR_GTU || op == IR_LES || op == IR_LEU;
	if (swap) {
		uint32_t t;
		t = al, al = bl, bl = t;
		t = ah, ah = bh, bh = t;
	}
	/* cmp lo; sbcs hi: the flags of the 64-bit subtraction (only the high
	 * word's result is written, to a register nothing reads) */
	uint32_t t2 = vreg(s);
	cmp(s, ARM_CMP, al, bl);
	dps(s, ARM_SBC, t2, ah, bh);
	bool sign = op == IR_LTS || op == IR_GTS || op == IR_LES || op == IR_GES;
	bool lt = op == IR_LTS || op == IR_LTU || op == IR_GTS || op == IR_GTU;
	if (sign)
		return lt ? ARM_LT : ARM_GE;
	return lt ? ARM_CC : ARM_CS;
}

/* Sets the flags for an i32/i64 compare instruction; returns the condition. */
static ArmCond flags_of(S *s, IrIns *i)
{
	IrVal *a = ir_args(i);
	if (i->op == IR_EQZ) {
		if (i->optype == IR_I64) {
			uint32_t t = vreg(s);
			dps(s, ARM_ORR, t, s->lo[a[0]], s->hi[a[0]]);
		} else {
			cmpi(s, ARM_CMP, s->lo[a[0]], 0);
		}
		return ARM_EQ;
	}
	if (i->optype == IR_I64)
		return cmp64(s, (IrOp)i->op, a[0], a[1]);
	uint64_t c;
	if (is_const(s, a[1], &c))
		cmpi(s, ARM_CMP, s->lo[a[0]], (uint32_t)c);
	else
		cmp(s, ARM_CMP, s->lo[a[0]], s->lo[a[1]]);
	return cond_of((IrOp)i->op);
}

static bool is_compare(IrOp op) { return op == IR_EQZ || (op >= IR_EQ && op <= IR_GEU); }

/* ---- i32 and i64 arithmetic ---- */

static void sel_div32(S *s, IrIns *i, uint32_t d, uint32_t a, uint32_t b)
{
	bool sign = i->op == IR_DIVS || i->op == IR_REMS;
	/* A constant divisor needs no zero check (nor, unless it is -1, the
	 * overflow check); an unsigned one that is a power of two is a shift
	 * or a mask. */
	uint64_t c;
	bool k = is_const(s, ir_args(i)[1], &c);
	uint32_t cv = (uint32_t)c;
	if (k && !sign && cv && !(cv & (cv - 1))) {
		unsigned n = (unsigned)__builtin_ctz(cv);
		if (i->op == IR_REMU)
			dpi(s, ARM_AND, d, a, cv - 1);
		else if (n)
			shifti(s, ARM_LSR, d, a, n);
		else
			mov(s, d, a);
		return;
	}
	if (!k || !cv) {
		cmpi(s, ARM_CMP, b, 0);
		trapcc(s, ARM_EQ, TRAP_INT_DIV_ZERO);
	}
	if (i->op == IR_DIVS && (!k || cv == 0xffffffffu)) {
		/* INT_MIN / -1 overflows: (a ^ INT_MIN) | (b + 1) is zero exactly then. */
		uint32_t t1 = vreg(s), t2 = vreg(s), t3 = vreg(s);
		dpi(s, ARM_EOR, t1, a, 0x80000000u);
		dpi(s, ARM_ADD, t2, b, 1);
		dps(s, ARM_ORR, t3, t1, t2);
		trapcc(s, ARM_EQ, TRAP_INT_OVERFLOW);
	}
	MIns *q = ins(s, MIR_DIV);
	uint32_t qd = (i->op == IR_DIVS || i->op == IR_DIVU) ? d : vreg(s);
	q->r[0] = qd, q->r[1] = a, q->r[2] = b, q->aux = sign;
	if (i->op == IR_REMS || i->op == IR_REMU) {
		MIns *m = ins(s, MIR_MLA);
		m->r[0] = d, m->r[1] = qd, m->r[2] = b, m->r[3] = a, m->aux = 1; /* a - q*b */
	}
}

static void dpsh(S *s, ArmDpOp op, uint32_t d, uint32_t x, uint32_t y, ArmShift sh, unsigned n);

/* Whether IR instruction u is an i32 shift or rotate by a constant other
 * than 0 (mod 32): the kind of shifted operand it can become. */
static bool shift_operand(S *s, IrIns *u, ArmShift *kind, unsigned *n)
{
	uint64_t c;
	if (!u || u->dead || u->optype != IR_I32 || !is_const(s, ir_args(u)[1], &c) || !(c & 31))
		return false;
	*n = (unsigned)c & 31;
	switch (u->op) {
	case IR_SHL: *kind = ARM_LSL; return true;
	case IR_SHRU: *kind = ARM_LSR; return true;
	case IR_SHRS: *kind = ARM_ASR; return true;
	case IR_ROTR: *kind = ARM_ROR; return true;
	case IR_ROTL: *kind = ARM_ROR, *n = 32 - *n; return true;
	default: return false;
	}
}

/* Marks the shifts by a constant whose only use is an i32 add, subtract,
 * and, or, xor in the same block: they become that instruction's shifted
 * register operand (`eor r0, r1, r2, ror #7`) instead of an instruction. */
static void fold_shifts(S *s, const uint32_t *uses)
{
	IrFunc *ir = s->ir;
	for (uint32_t bb = 0; bb < ir->nblocks; bb++)
		for (uint32_t j = 0; j < ir->blocks[bb]->nins; j++) {
			IrIns *u = &ir->blocks[bb]->ins[j];
			if (u->dead || u->optype != IR_I32 ||
			    (u->op != IR_ADD && u->op != IR_SUB && u->op != IR_AND && u->op != IR_OR && u->op != IR_XOR))
				continue;
			IrVal *a = ir_args(u);
			uint64_t c;
			for (int q = 1; q >= 0; q--) {
				IrIns *d = def(s, a[q]);
				ArmShift kind;
				unsigned n;
				if (a[0] == a[1] || uses[a[q]] != 1 || !d || s->ir->def[a[q]].block != ir->blocks[bb] ||
				    !shift_operand(s, d, &kind, &n) || (q == 0 && is_const(s, a[1], &c)))
					continue;
				s->folded[a[q]] = 1;
				break;
			}
		}
}

/* An i32 multiply whose only user is an add (either operand) or a
 * subtraction (as the subtrahend) in its block is selected there as one
 * mla/mls (folded 3), unless the user already folds a shift or adds a
 * constant. */
static void fold_muls(S *s, const uint32_t *uses)
{
	IrFunc *ir = s->ir;
	for (uint32_t bb = 0; bb < ir->nblocks; bb++)
		for (uint32_t j = 0; j < ir->blocks[bb]->nins; j++) {
			IrIns *u = &ir->blocks[bb]->ins[j];
			if (u->dead || u->optype != IR_I32 || (u->op != IR_ADD && u->op != IR_SUB))
				continue;
			IrVal *a = ir_args(u);
			uint64_t c;
			if (a[0] == a[1] || s->folded[a[0]] || s->folded[a[1]] || is_const(s, a[0], &c) ||
			    is_const(s, a[1], &c))
				continue;
			for (int q = 1; q >= (u->op == IR_SUB ? 1 : 0); q--) {
				IrIns *d = def(s, a[q]);
				if (d && !d->dead && d->op == IR_MUL && d->optype == IR_I32 && d->val == a[q] &&
				    uses[a[q]] == 1 && s->ir->def[a[q]].block == ir->blocks[bb]) {
					s->folded[a[q]] = 3;
					break;
				}
			}
		}
}

static bool is_compare(IrOp op);

/* An integer compare whose only user is a select or the conditional branch
 * of its own block is not made into 0/1: its user sets the flags from the
 * operands itself (flags_of) right before the csel or the branch, and the
 * compare is marked 2 in folded (skipped where it stands). The operands are
 * SSA values, still the same at the user. */
static void fuse_compares(S *s, const uint32_t *uses)
{
	IrFunc *ir = s->ir;
	for (uint32_t bb = 0; bb < ir->nblocks; bb++) {
		IrBlock *b = ir->blocks[bb];
		for (uint32_t j = 0; j < b->nins; j++) {
			IrIns *u = &b->ins[j];
			IrVal c;
			if (u->dead)
				continue;
			if (u->op == IR_SELECT)
				c = ir_args(u)[2];
			else if (u->op == IR_BRIF && j + 1 == b->nins)
				c = ir_args(u)[0];
			else
				continue;
			IrIns *d = def(s, c);
			if (d && !d->dead && is_compare((IrOp)d->op) && d->val == c && uses[c] == 1 &&
			    s->ir->def[c].block == b && !s->folded[c])
				s->folded[c] = 2;
		}
	}
}

static void sel_binop32(S *s, IrIns *i)
{
	IrVal *a = ir_args(i);
	uint32_t d = s->lo[i->val], x = s->lo[a[0]], y = s->lo[a[1]];
	uint64_t c;
	bool k = is_const(s, a[1], &c);
	static const ArmDpOp dpop[] = {[IR_ADD] = ARM_ADD, [IR_SUB] = ARM_SUB, [IR_AND] = ARM_AND,
	                               [IR_OR] = ARM_ORR, [IR_XOR] = ARM_EOR};
	switch (i->op) {
	case IR_ADD: case IR_SUB: case IR_AND: case IR_OR: case IR_XOR:
		if (s->folded[a[1]] == 3 || s->folded[a[0]] == 3) {
			/* x + y*z, y*z + x: mla; x - y*z: mls (fold_muls) */
			bool second = s->folded[a[1]] == 3;
			IrIns *m = def(s, a[second ? 1 : 0]);
			MIns *ml = ins(s, MIR_MLA);
			ml->aux = i->op == IR_SUB, ml->r[0] = d, ml->r[1] = s->lo[ir_args(m)[0]];
			ml->r[2] = s->lo[ir_args(m)[1]], ml->r[3] = second ? x : y;
			return;
		}
		if (s->folded[a[1]] == 1 || s->folded[a[0]] == 1) {
			/* x op (z shifted), or (z shifted) op y: RSB for a subtraction */
			bool second = s->folded[a[1]] == 1;
			IrIns *sh = def(s, a[second ? 1 : 0]);
			ArmShift kind;
			unsigned n;
			shift_operand(s, sh, &kind, &n);
			ArmDpOp op = !second && i->op == IR_SUB ? ARM_RSB : dpop[i->op];
			dpsh(s, op, d, second ? x : y, s->lo[ir_args(sh)[0]], kind, n);
			return;
		}
		if (k)
			dpi(s, dpop[i->op], d, x, (uint32_t)c);
		else
			dp(s, dpop[i->op], d, x, y);
		return;
	case IR_MUL: {
		MIns *m = ins(s, MIR_MUL);
		m->r[0] = d, m->r[1] = x, m->r[2] = y;
		return;
	}
	case IR_DIVS: case IR_DIVU: case IR_REMS: case IR_REMU:
		sel_div32(s, i, d, x, y);
		return;
	case IR_SHL: case IR_SHRS: case IR_SHRU: {
		ArmShift sh = i->op == IR_SHL ? ARM_LSL : i->op == IR_SHRS ? ARM_ASR : ARM_LSR;
		IrIns *in = def(s, a[0]);
		uint64_t c2;
		if (k && i->op != IR_SHL && ((c & 31) == 16 || (c & 31) == 24) && in && in->op == IR_SHL &&
		    in->optype == IR_I32 && is_const(s, ir_args(in)[1], &c2) && (c2 & 31) == (c & 31)) {
			/* (x << 16) >> 16 and (x << 24) >> 24: one sign or zero
			 * extension of x (the shift goes when nothing else reads it) */
			MIns *e = ins(s, MIR_EXT);
			bool half = (c & 31) == 16;
			e->aux = i->op == IR_SHRS ? (half ? ARM_SXTH : ARM_SXTB) : (half ? ARM_UXTH : ARM_UXTB);
			e->r[0] = d, e->r[1] = s->lo[ir_args(in)[0]];
			return;
		}
		if (k) {
			if ((c & 31) == 0)
				mov(s, d, x);
			else
				shifti(s, sh, d, x, (uint32_t)(c & 31));
			return;
		}
		uint32_t t = vreg(s);
		dpi(s, ARM_AND, t, y, 31);
		shiftr(s, sh, d, x, t);
		return;
	}
	case IR_ROTL: case IR_ROTR: {
		if (k) {
			uint32_t n = (uint32_t)c & 31;
			if (i->op == IR_ROTL)
				n = (32 - n) & 31;
			if (n == 0)
				mov(s, d, x);
			else
				shifti(s, ARM_ROR, d, x, n);
			return;
		}
		uint32_t n = y;
		if (i->op == IR_ROTL) {
			n = vreg(s);
			dpi(s, ARM_RSB, n, y, 0); /* ROR uses the count mod 32: -n rotates left by n */
		}
		shiftr(s, ARM_ROR, d, x, n);
		return;
	}
	}
}

/* Whether the high word of i64 value v is known to be zero. */
static bool hi_zero_d(S *s, IrVal v, unsigned depth)
{
	uint64_t c;
	if (is_const(s, v, &c))
		return c >> 32 == 0;
	IrIns *d = def(s, v);
	if (!d || d->type != IR_I64)
		return false;
	switch (d->op) {
	case IR_EXTU: case IR_CLZ: case IR_CTZ: case IR_POPCNT:
		return true;
	case IR_LOAD: /* i64.load8/16/32_u */
		return (d->aux & 0xff) <= 4 && !(d->aux & IR_MEM_SIGNED);
	case IR_SHRU:
		return is_const(s, ir_args(d)[1], &c) && (c & 63) >= 32;
	case IR_AND:
		return depth && (hi_zero_d(s, ir_args(d)[0], depth - 1) || hi_zero_d(s, ir_args(d)[1], depth - 1));
	case IR_OR: case IR_XOR:
		return depth && hi_zero_d(s, ir_args(d)[0], depth - 1) && hi_zero_d(s, ir_args(d)[1], depth - 1);
	default:
		return false;
	}
}

static bool hi_zero(S *s, IrVal v) { return hi_zero_d(s, v, 4); }

/* Whether i64 value v is its low word sign-extended (i64.extend_i32_s,
 * extend32_s, a signed narrow load, a constant in int32 range). */
static bool hi_sign(S *s, IrVal v)
{
	uint64_t c;
	if (is_const(s, v, &c))
		return (int64_t)c == (int32_t)(uint32_t)c;
	IrIns *d = def(s, v);
	if (!d || d->type != IR_I64)
		return false;
	return d->op == IR_EXTS || d->op == IR_EXT32S ||
	       (d->op == IR_LOAD && (d->aux & 0xff) <= 4 && (d->aux & IR_MEM_SIGNED));
}

/* d = x op (y shifted by sh #n) */
static void dpsh(S *s, ArmDpOp op, uint32_t d, uint32_t x, uint32_t y, ArmShift sh, unsigned n)
{
	MIns *i = ins(s, MIR_DP);
	i->aux = op, i->r[0] = d, i->r[1] = x, i->r[2] = y, i->imm = (int64_t)sh << 8 | n;
}

/* i64 shifts and rotates by a constant n (mod 64), inline on the halves. */
static void sel_shift64_const(S *s, IrOp op, uint32_t dl, uint32_t dh, uint32_t xl, uint32_t xh, unsigned n)
{
	if (op == IR_ROTL) {
		op = IR_ROTR;
		n = (64 - n) & 63;
	}
	if (n == 0) {
		mov(s, dl, xl);
		mov(s, dh, xh);
		return;
	}
	switch (op) {
	case IR_SHL:
		if (n < 32) {
			uint32_t t = vreg(s);
			shifti(s, ARM_LSL, t, xh, n);
			dpsh(s, ARM_ORR, dh, t, xl, ARM_LSR, 32 - n);
			shifti(s, ARM_LSL, dl, xl, n);
		} else {
			if (n == 32)
				mov(s, dh, xl);
			else
				shifti(s, ARM_LSL, dh, xl, n - 32);
			movi(s, dl, 0);
		}
		return;
	case IR_SHRU: case IR_SHRS: {
		ArmShift sh = op == IR_SHRS ? ARM_ASR : ARM_LSR;
		if (n < 32) {
			uint32_t t = vreg(s);
			shifti(s, ARM_LSR, t, xl, n);
			dpsh(s, ARM_ORR, dl, t, xh, ARM_LSL, 32 - n);
			shifti(s, sh, dh, xh, n);
		} else {
			if (n == 32)
				mov(s, dl, xh);
			else
				shifti(s, sh, dl, xh, n - 32);
			if (op == IR_SHRS)
				shifti(s, ARM_ASR, dh, xh, 31);
			else
				movi(s, dh, 0);
		}
		return;
	}
	default: { /* IR_ROTR */
		if (n >= 32) { /* rotating by 32 swaps the halves */
			uint32_t t = xl;
			xl = xh, xh = t;
			n -= 32;
		}
		if (n == 0) {
			uint32_t t = vreg(s);
			mov(s, t, xl);
			mov(s, dh, xh);
			mov(s, dl, t);
			return;
		}
		uint32_t t = vreg(s), u = vreg(s);
		shifti(s, ARM_LSR, t, xl, n);
		shifti(s, ARM_LSR, u, xh, n);
		dpsh(s, ARM_ORR, dl, t, xh, ARM_LSL, 32 - n);
		dpsh(s, ARM_ORR, dh, u, xl, ARM_LSL, 32 - n);
		return;
	}
	}
}

/* i64 and/or/xor word by word: a constant word as an immediate, and a word
 * known to be zero (a zero-extended i32, an unsigned narrow load, a
 * constant's) folded: x & 0 = 0, x | 0 = x ^ 0 = x, x & ~0 = x. */
static void sel_logic64(S *s, IrIns *i)
{
	IrVal *a = ir_args(i);
	IrVal x = a[0], y = a[1];
	uint64_t c = 0;
	bool k = is_const(s, y, &c);
	if (!k && is_const(s, x, &c)) { /* the constant second */
		IrVal t = x;
		x = y, y = t;
		k = true;
	}
	static const ArmDpOp dpop[] = {[IR_AND] = ARM_AND, [IR_OR] = ARM_ORR, [IR_XOR] = ARM_EOR};
	ArmDpOp op = dpop[i->op];
	uint32_t d[2] = {s->lo[i->val], s->hi[i->val]};
	uint32_t xr[2] = {s->lo[x], s->hi[x]}, yr[2] = {s->lo[y], s->hi[y]};
	for (unsigned h = 0; h < 2; h++) {
		uint32_t cw = (uint32_t)(c >> (32 * h));
		bool yzero = k ? !cw : h && hi_zero(s, y), xzero = !k && h && hi_zero(s, x);
		if (i->op == IR_AND && (xzero || yzero))
			movi(s, d[h], 0);
		else if (i->op == IR_AND && k && cw == 0xffffffffu)
			mov(s, d[h], xr[h]);
		else if (yzero)
			mov(s, d[h], xr[h]);
		else if (xzero)
			mov(s, d[h], yr[h]);
		else if (k)
			dpi(s, op, d[h], xr[h], cw);
		else
			dp(s, op, d[h], xr[h], yr[h]);
	}
}

static void sel_binop64(S *s, IrIns *i)
{
	IrVal *a = ir_args(i);
	uint32_t dl = s->lo[i->val], dh = s->hi[i->val];
	uint32_t xl = s->lo[a[0]], xh = s->hi[a[0]], yl = s->lo[a[1]], yh = s->hi[a[1]];
	static const IrType two[2] = {IR_I64, IR_I64};
	static const IrType shift[2] = {IR_I64, IR_I32};
	uint32_t alo[2] = {xl, yl}, ahi[2] = {xh, yh};
	switch (i->op) {
	case IR_ADD: dps(s, ARM_ADD, dl, xl, yl); dp(s, ARM_ADC, dh, xh, yh); return;
	case IR_SUB: dps(s, ARM_SUB, dl, xl, yl); dp(s, ARM_SBC, dh, xh, yh); return;
	case IR_AND: case IR_OR: case IR_XOR:
		sel_logic64(s, i);
		return;
	case IR_MUL: {
		/* lo*lo in full, plus the cross products a high word that is known
		 * to be zero (a zero-extended i32, a small constant) does not need */
		bool xz = hi_zero(s, a[0]), yz = hi_zero(s, a[1]);
		if (!(xz && yz) && hi_sign(s, a[0]) && hi_sign(s, a[1])) {
			/* two sign-extended words: one smull */
			MIns *m = ins(s, MIR_MULL);
			m->aux = ARM_SMULL, m->r[0] = dl, m->r[1] = dh, m->r[2] = xl, m->r[3] = yl;
			return;
		}
		uint32_t t = xz && yz ? dh : vreg(s), u = xz ? t : vreg(s);
		MIns *m = ins(s, MIR_MULL);
		m->aux = ARM_UMULL, m->r[0] = dl, m->r[1] = t, m->r[2] = xl, m->r[3] = yl;
		if (!yz) {
			m = ins(s, MIR_MLA);
			m->r[0] = xz ? dh : u, m->r[1] = xl, m->r[2] = yh, m->r[3] = t;
		}
		if (!xz) {
			m = ins(s, MIR_MLA);
			m->r[0] = dh, m->r[1] = xh, m->r[2] = yl, m->r[3] = yz ? t : u;
		}
		return;
	}
	default: break;
	}
	uint64_t c;
	if (is_const(s, a[1], &c)) {
		switch (i->op) {
		case IR_SHL: case IR_SHRS: case IR_SHRU: case IR_ROTL: case IR_ROTR:
			sel_shift64_const(s, (IrOp)i->op, dl, dh, xl, xh, (unsigned)(c & 63));
			return;
		case IR_DIVU: case IR_REMU: /* by a power of two: shift or mask */
			if (c && !(c & (c - 1))) {
				if (i->op == IR_DIVU) {
					sel_shift64_const(s, IR_SHRU, dl, dh, xl, xh, (unsigned)__builtin_ctzll(c));
				} else {
					uint64_t m = c - 1;
					if ((uint32_t)m == 0xffffffffu)
						mov(s, dl, xl);
					else
						dpi(s, ARM_AND, dl, xl, (uint32_t)m);
					if (m >> 32)
						dpi(s, ARM_AND, dh, xh, (uint32_t)(m >> 32));
					else
						movi(s, dh, 0);
				}
				return;
			}
			break;
		default: break;
		}
	}
	switch (i->op) {
	case IR_DIVS: helper(s, "synth_rt_i64_div_s", 2, two, alo, ahi, IR_I64, dl, dh); return;
	case IR_DIVU: helper(s, "synth_rt_i64_div_u", 2, two, alo, ahi, IR_I64, dl, dh); return;
	case IR_REMS: helper(s, "synth_rt_i64_rem_s", 2, two, alo, ahi, IR_I64, dl, dh); return;
	case IR_REMU: helper(s, "synth_rt_i64_rem_u", 2, two, alo, ahi, IR_I64, dl, dh); return;
	case IR_SHL: helper(s, "synth_rt_i64_shl", 2, shift, alo, ahi, IR_I64, dl, dh); return;
	case IR_SHRS: helper(s, "synth_rt_i64_shr_s", 2, shift, alo, ahi, IR_I64, dl, dh); return;
	case IR_SHRU: helper(s, "synth_rt_i64_shr_u", 2, shift, alo, ahi, IR_I64, dl, dh); return;
	case IR_ROTL: helper(s, "synth_rt_i64_rotl", 2, shift, alo, ahi, IR_I64, dl, dh); return;
	case IR_ROTR: helper(s, "synth_rt_i64_rotr", 2, shift, alo, ahi, IR_I64, dl, dh); return;
	}
}

static void sel_unop(S *s, IrIns *i)
{
	IrVal a = ir_args(i)[0];
	uint32_t d = s->lo[i->val], x = s->lo[a];
	bool w = i->optype == IR_I64;
	static const IrType one64[1] = {IR_I64};
	static const IrType one32[1] = {IR_I32};
	uint32_t alo[1] = {x}, ahi[1] = {w ? s->hi[a] : 0};
	switch (i->op) {
	case IR_CLZ: case IR_CTZ: case IR_POPCNT:
		if (w) {
			const char *h = i->op == IR_CLZ ? "synth_rt_i64_clz" : i->op == IR_CTZ ? "synth_rt_i64_ctz"
			                                                               : "synth_rt_i64_popcnt";
			helper(s, h, 1, one64, alo, ahi, IR_I32, d, 0);
			movi(s, s->hi[i->val], 0);
			return;
		}
		if (i->op == IR_POPCNT) {
			helper(s, "synth_rt_i32_popcnt", 1, one32, alo, ahi, IR_I32, d, 0);
			return;
		}
		if (i->op == IR_CTZ) {
			uint32_t t = vreg(s);
			MIns *r = ins(s, MIR_BITOP);
			r->aux = ARM_RBIT, r->r[0] = t, r->r[1] = x;
			x = t;
		}
		MIns *c = ins(s, MIR_BITOP);
		c->aux = ARM_CLZ, c->r[0] = d, c->r[1] = x;
		return;
	case IR_EXT8S: case IR_EXT16S: {
		MIns *e = ins(s, MIR_EXT);
		e->aux = i->op == IR_EXT8S ? ARM_SXTB : ARM_SXTH, e->r[0] = d, e->r[1] = x;
		if (w)
			shifti(s, ARM_ASR, s->hi[i->val], d, 31);
		return;
	}
	case IR_EXT32S:
		mov(s, d, x);
		shifti(s, ARM_ASR, s->hi[i->val], x, 31);
		return;
	case IR_WRAP:
		mov(s, d, x);
		return;
	case IR_EXTS:
		mov(s, d, x);
		shifti(s, ARM_ASR, s->hi[i->val], x, 31);
		return;
	case IR_EXTU:
		mov(s, d, x);
		movi(s, s->hi[i->val], 0);
		return;
	}
}

static void global_addr(S *s, uint32_t g, uint32_t d)
{
	const SynthModuleDesc *md = s->im->mod;
	char name[SY_SYM_MAX];
	if (md->globals[g].imported) {
		for (uint32_t k = 0; k < md->nimports; k++)
			if (md->imports[k].kind == SYNTH_EXTERN_GLOBAL && md->imports[k].index == g)
				arm_import_symbol(s->im->name, &md->imports[k], name, sizeof name);
	} else {
		snprintf(name, sizeof name, "%s__global%u", s->im->name, g);
	}
	movsym(s, d, sym(s, false, name), 0);
}



/* Arguments and result registers of a CALL/CALLIND (results beyond the
 * first come from the CALLRES instructions after it in block b). */
static bool call_operands(S *s, IrBlock *b, IrIns *i, const SynthFuncType *t, IrType **types, uint32_t **alo,
                          uint32_t **ahi, IrType **rt, uint32_t **rlo, uint32_t **rhi)
{
	SyArena *ar = s->m->ar;
	uint32_t np = t->nparams, nr = t->nresults;
	*types = sy_arena_array(ar, np + 1, sizeof **types);
	*alo = sy_arena_array(ar, np + 1, sizeof **alo);
	*ahi = sy_arena_array(ar, np + 1, sizeof **ahi);
	*rt = sy_arena_array(ar, nr + 1, sizeof **rt);
	*rlo = sy_arena_array(ar, nr + 1, sizeof **rlo);
	*rhi = sy_arena_array(ar, nr + 1, sizeof **rhi);
	if (!*types || !*alo || !*ahi || !*rt || !*rlo || !*rhi) {
		s->oom = true;
		return false;
	}
	IrVal *a = ir_args(i);
	for (uint32_t k = 0; k < np; k++) {
		(*types)[k] = ir_type_of(t->params[k]);
		(*alo)[k] = s->lo[a[k]];
		(*ahi)[k] = s->hi[a[k]];
	}
	for (uint32_t k = 0; k < nr; k++)
		(*rt)[k] = ir_type_of(t->results[k]);
	if (nr) {
		(*rlo)[0] = s->lo[i->val];
		(*rhi)[0] = s->hi[i->val];
	}
	for (uint32_t j = (uint32_t)(i - b->ins) + 1; j < b->nins; j++) {
		IrIns *c = &b->ins[j];
		if (c->op == IR_CALLRES && ir_args(c)[0] == i->val && c->imm < nr) {
			(*rlo)[c->imm] = s->lo[c->val];
			(*rhi)[c->imm] = s->hi[c->val];
		}
	}
	return true;
}

static void sel_call(S *s, IrBlock *b, IrIns *i)
{
	const SynthModuleDesc *md = s->im->mod;
	uint32_t fi = (uint32_t)i->imm;
	const SynthFuncType *t = &md->types[md->funcs[fi].typeidx];
	IrType *types, *rt;
	uint32_t *alo, *ahi, *rlo, *rhi;
	if (!call_operands(s, b, i, t, &types, &alo, &ahi, &rt, &rlo, &rhi))
		return;
	char name[SY_SYM_MAX];
	bool crosses = s->im->comps && synth_call_crosses(s->im->comps, s->ir->funcidx, fi);
	if (crosses)
		snprintf(name, sizeof name, "%s__xcall%u", s->im->name, fi);
	else
		arm_func_symbol(s->im, fi, name, sizeof name);
	/* a callee that cannot grow a memory (arm_may_grow) keeps the cached
	 * sizes and the checks already made valid; a crossing call goes through
	 * a gate the integrator may define, so it is taken to grow */
	s->keep_sizes = !crosses && s->im->may_grow && !s->im->may_grow[fi];
	call_full(s, sym(s, true, name), 0, t->nparams, types, alo, ahi, t->nresults, rt, rlo, rhi);
	s->keep_sizes = false;
}

/* Name of the weak symbol whose address identifies a function type across
 * every object linked together (call_indirect compares these addresses). */
void arm_sig_symbol(const SynthFuncType *t, char *buf, size_t n);

static void table_ctl(S *s, uint32_t t, uint32_t d);

enum { TRAP_OOB_TABLE = 6, TRAP_UNDEFINED_ELEMENT = 7, TRAP_UNINITIALIZED = 8, TRAP_SIG_MISMATCH = 9 };

static void csel(S *s, ArmCond c, uint32_t d, uint32_t x, uint32_t y);

/* In a fused module (core/ABI.md, "Components"), where a call_indirect to
 * the function reference f goes: its code when the callee runs in the
 * caller's domain or is shared (it runs in its caller's), else the gate
 * into the callee's domain, M__xgates[g]. The callee g is f's index among
 * the module's consecutive {sig, code} records (M__frefs): a reference
 * that is not one of them (misaligned, or another module's) traps like a
 * type mismatch, and so does a callee in another domain without a gate.
 * A shared caller's domain is known only at run time: it takes the gate
 * for every callee that is not shared, and the runtime makes that a plain
 * call when the domains are the same. */
static uint32_t indirect_gate(S *s, uint32_t f, uint32_t code)
{
	const SynthComponents *c = s->im->comps;
	const SynthFuncPart *me = &c->funcs[s->ir->funcidx];
	char name[SY_SYM_MAX];
	uint32_t base = vreg(s), off = vreg(s), g = vreg(s), doms = vreg(s), dw = vreg(s), gates = vreg(s),
	         gate = vreg(s), to = vreg(s), to2 = vreg(s);
	snprintf(name, sizeof name, "%s__frefs", s->im->name);
	movsym(s, base, sym(s, false, name), 0);
	dp(s, ARM_SUB, off, f, base);
	shifti(s, ARM_ROR, g, off, 3); /* a misaligned offset becomes huge */
	cmpi(s, ARM_CMP, g, c->nfuncs);
	trapcc(s, ARM_CS, TRAP_SIG_MISMATCH);
	snprintf(name, sizeof name, "%s__func_domains", s->im->name);
	movsym(s, doms, sym(s, false, name), 0);
	MIns *l = ins(s, MIR_LDRR);
	l->aux = ARM_LDR, l->r[0] = dw, l->r[1] = doms, l->r[2] = g, l->imm = 2;
	snprintf(name, sizeof name, "%s__xgates", s->im->name);
	movsym(s, gates, sym(s, false, name), 0);
	l = ins(s, MIR_LDRR);
	l->aux = ARM_LDR, l->r[0] = gate, l->r[1] = gates, l->r[2] = g, l->imm = 2;
	if (me->role == SYNTH_FUNC_SHARED) {
		cmpi(s, ARM_CMN, dw, 1); /* {0xffff, 0xffff}: a shared callee */
		csel(s, ARM_EQ, to, code, gate);
	} else {
		uint32_t peer = me->role == SYNTH_FUNC_ADAPTER ? (uint32_t)me->peer : 0xffffu;
		cmp(s, ARM_CMP, dw, konst(s, ((uint32_t)me->component & 0xffffu) | peer << 16));
		csel(s, ARM_EQ, to, code, gate);
		cmpi(s, ARM_CMN, dw, 1);
		csel(s, ARM_EQ, to2, code, to);
		to = to2;
	}
	cmpi(s, ARM_CMP, to, 0);
	trapcc(s, ARM_EQ, TRAP_SIG_MISMATCH);
	return to;
}

static void sel_call_indirect(S *s, IrBlock *b, IrIns *i)
{
	const SynthModuleDesc *md = s->im->mod;
	const SynthFuncType *t = &md->types[i->imm];
	IrType *types, *rt;
	uint32_t *alo, *ahi, *rlo, *rhi;
	if (!call_operands(s, b, i, t, &types, &alo, &ahi, &rt, &rlo, &rhi))
		return;
	uint32_t idx = s->lo[ir_args(i)[t->nparams]];
	uint32_t ctl = vreg(s), size = vreg(s), elems = vreg(s), f = vreg(s), sig = vreg(s), want = vreg(s),
	         code = vreg(s);
	table_ctl(s, i->aux, ctl);
	ldr(s, ARM_LDR, size, ctl, 4);
	cmp(s, ARM_CMP, idx, size);
	trapcc(s, ARM_CS, TRAP_UNDEFINED_ELEMENT);
	ldr(s, ARM_LDR, elems, ctl, 0);
	MIns *l = ins(s, MIR_LDRR);
	l->aux = ARM_LDR, l->r[0] = f, l->r[1] = elems, l->r[2] = idx, l->imm = 2;
	cmpi(s, ARM_CMP, f, 0);
	trapcc(s, ARM_EQ, TRAP_UNINITIALIZED);
	ldr(s, ARM_LDR, sig, f, 0);
	char name[SY_SYM_MAX];
	arm_sig_symbol(t, name, sizeof name);
	movsym(s, want, sym(s, false, name), 0);
	cmp(s, ARM_CMP, sig, want);
	trapcc(s, ARM_NE, TRAP_SIG_MISMATCH);
	ldr(s, ARM_LDR, code, f, 4);
	if (s->im->comps)
		code = indirect_gate(s, f, code);
	call_full(s, 0, code, t->nparams, types, alo, ahi, t->nresults, rt, rlo, rhi);
}

static void sel_bulk(S *s, IrIns *i);

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
	movi(s, r, bits);
	s->b = cur;
	return r;
}

static uint32_t fvreg(S *s) { return mir_vreg_class(s->m, MIR_VFP); }

static void vcvt(S *s, ArmVcvt op, uint32_t d, uint32_t x)
{
	MIns *m = ins(s, MIR_VCVT);
	m->aux = op, m->r[0] = d, m->r[1] = x;
}

static void vcmp(S *s, uint32_t x, uint32_t y)
{
	MIns *m = ins(s, MIR_VCMP);
	m->r[0] = x, m->r[1] = y;
}

static void csel(S *s, ArmCond c, uint32_t d, uint32_t x, uint32_t y)
{
	MIns *m = ins(s, MIR_CSEL);
	m->cond = (uint8_t)c, m->r[0] = d, m->r[1] = x, m->r[2] = y;
}


/* ---- f64 in D registers (fpu64) ---- */

static uint32_t dvreg(S *s) { return mir_vreg_class(s->m, MIR_DFP); }

static uint32_t get_dhome(S *s, uint32_t lo)
{
	return lo >= MIR_VREG0 && lo - MIR_VREG0 < s->ndhome ? s->dhome[lo - MIR_VREG0] : 0;
}

static void set_dhome(S *s, uint32_t lo, uint32_t d)
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
static uint32_t dreg_of(S *s, uint32_t lo, uint32_t hi)
{
	uint32_t d = get_dhome(s, lo);
	if (d)
		return d;
	d = dvreg(s);
	MIns *m = ins(s, MIR_DTOV);
	m->r[0] = d, m->r[1] = lo, m->r[2] = hi;
	return d;
}

/* Gives the pair (lo, hi) the value of D register d, which becomes its home
 * (the pair's words are only computed when something reads them). */
static void pair_from_d(S *s, uint32_t lo, uint32_t hi, uint32_t d)
{
	MIns *m = ins(s, MIR_DFROMV);
	m->r[0] = lo, m->r[1] = hi, m->r[2] = d;
	set_dhome(s, lo, d);
}

/* Where a pair is defined: a D register copy of it, so FPU operations read
 * it without a move (removed as dead code when none does). */
static void home_pair(S *s, uint32_t lo, uint32_t hi)
{
	if (get_dhome(s, lo))
		return;
	uint32_t d = dvreg(s);
	MIns *m = ins(s, MIR_DTOV);
	m->r[0] = d, m->r[1] = lo, m->r[2] = hi;
	set_dhome(s, lo, d);
}

/* A D register holding a constant (in the prologue within loops). */
static uint32_t dkonst(S *s, uint64_t bits)
{
	MBlock *cur = s->b;
	if (cur->loop_depth > 0)
		s->b = &s->m->blocks[0];
	uint32_t lo = vreg(s), hi = vreg(s), d = dvreg(s);
	movi(s, lo, (uint32_t)bits);
	movi(s, hi, (uint32_t)(bits >> 32));
	MIns *m = ins(s, MIR_DTOV);
	m->r[0] = d, m->r[1] = lo, m->r[2] = hi;
	s->b = cur;
	return d;
}

static void vop(S *s, MirOp op, uint32_t aux, uint32_t d, uint32_t x, uint32_t y)
{
	MIns *m = ins(s, op);
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
		uint32_t save = vreg(s), cleared = vreg(s), mode = vreg(s);
		MIns *m = ins(s, MIR_VMRS);
		m->r[0] = save;
		dpi(s, ARM_BIC, cleared, save, 3u << 22);
		dpi(s, ARM_ORR, mode, cleared, k == 2 ? 1u << 22 : 2u << 22);
		m = ins(s, MIR_VMSR);
		m->r[0] = mode;
		vcvt(s, ARM_VCVTR_S32, n, x);
		m = ins(s, MIR_VMSR);
		m->r[0] = save;
	} else {
		vcvt(s, k == 4 ? ARM_VCVT_S32 : ARM_VCVTR_S32, n, x);
	}
	vcvt(s, ARM_VCVT_FROM_S32, f, n);
	uint32_t rf = core_of(s, f), rx = core_of(s, x), sign = vreg(s), small = vreg(s), quiet = vreg(s);
	uint32_t ax = fvreg(s), r1 = vreg(s), r2 = vreg(s);
	dpi(s, ARM_AND, sign, rx, 0x80000000u);
	dp(s, ARM_ORR, small, rf, sign);
	dpi(s, ARM_ORR, quiet, rx, 0x00400000u);
	MIns *m = ins(s, MIR_VOP2);
	m->aux = ARM_VABS, m->r[0] = ax, m->r[1] = x;
	vcmp(s, ax, vkonst(s, 0x4b000000u)); /* 2^23 */
	csel(s, ARM_MI, r1, small, rx);       /* |x| < 2^23 (ordered) */
	csel(s, ARM_VS, r2, quiet, r1);       /* NaN */
	fmov(s, MIR_FMOVTO, d, r2);
}

/* min (max when max): a NaN operand gives x + y (a quiet NaN), equal
 * operands the OR (AND) of their bits, so min(-0, +0) is -0 and max +0.
 * FPv5 has VMINNM/VMAXNM, which order the zeros but return the number
 * beside a NaN, so a VSEL on "unordered" picks x + y instead (f32, or f64
 * in D registers when dbl). FPv4: compares and selects on the f32 bits. */
static void sel_minmax(S *s, bool dbl, bool max, uint32_t d, uint32_t x, uint32_t y)
{
	uint32_t fl = dbl ? MIR_DBL : 0, sum = dbl ? dvreg(s) : fvreg(s);
	vop(s, MIR_VOP3, fl | ARM_VADD, sum, x, y);
	if (s->im->fpv5) {
		uint32_t mm = dbl ? dvreg(s) : fvreg(s);
		vop(s, MIR_VOP3, fl | (max ? ARM_VMAXNM : ARM_VMINNM), mm, x, y);
		vop(s, MIR_VCMP, fl, x, y, 0);
		MIns *m = ins(s, MIR_VSEL);
		m->aux = fl, m->cond = ARM_VS, m->r[0] = d, m->r[1] = sum, m->r[2] = mm;
		return;
	}
	uint32_t rs = core_of(s, sum), rx = core_of(s, x), ry = core_of(s, y), eq = vreg(s);
	uint32_t r1 = vreg(s), r2 = vreg(s), r3 = vreg(s);
	dp(s, max ? ARM_AND : ARM_ORR, eq, rx, ry);
	vcmp(s, x, y);
	csel(s, max ? ARM_GT : ARM_MI, r1, rx, ry);
	csel(s, ARM_EQ, r2, eq, r1);
	csel(s, ARM_VS, r3, rs, r2);
	fmov(s, MIR_FMOVTO, d, r3);
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
		trapcc(s, ARM_VS, TRAP_INVALID_CONVERSION);
		uint32_t hi = dbl ? dkonst(s, sgn ? 0x41e0000000000000ull : 0x41f0000000000000ull)
		                  : vkonst(s, sgn ? 0x4f000000u : 0x4f800000u);
		vop(s, MIR_VCMP, fl, x, hi, 0);
		trapcc(s, ARM_GE, TRAP_INT_OVERFLOW);
		/* f32: -2^31 is the lowest valid value, -2^31 - 1 is not representable */
		uint32_t lo = dbl ? dkonst(s, sgn ? 0xc1e0000000200000ull : 0xbff0000000000000ull)
		                  : vkonst(s, sgn ? 0xcf000000u : 0xbf800000u);
		vop(s, MIR_VCMP, fl, x, lo, 0);
		trapcc(s, sgn && !dbl ? ARM_LT : ARM_LE, TRAP_INT_OVERFLOW);
	}
	uint32_t n = fvreg(s);
	vop(s, MIR_VCVT, fl | (sgn ? ARM_VCVT_S32 : ARM_VCVT_U32), n, x, 0);
	fmov(s, MIR_FMOVFROM, d, n);
}

static void sel_float(S *s, IrIns *i)
{
	IrVal *a = ir_args(i);
	IrType ot = (IrType)i->optype, rt = (IrType)i->type;
	bool dbl = ot == IR_F64;
	/* f32 on the FPU: arithmetic, sqrt, sign operations, compares and (on
	 * FPv5) rounding as VFP instructions on VFP registers. */
	/* f32 from i32 on the FPU (round to nearest, the FPSCR mode). */
	if (s->im->fpu32 && i->op == IR_CVT && (i->imm == 0xb2 || i->imm == 0xb3) && is_vfp(s, s->lo[i->val])) {
		uint32_t n = fvreg(s);
		fmov(s, MIR_FMOVTO, n, s->lo[a[0]]);
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
			MIns *o = ins(s, MIR_VOP3);
			o->aux = v3[i->imm - 0x92], o->r[0] = d, o->r[1] = x, o->r[2] = y;
			return;
		}
		unsigned k = (unsigned)i->imm - 0x8b;
		if (i->op == IR_FUN && (k <= 1 || k == 6 || s->im->fpv5)) {
			MIns *o = ins(s, MIR_VOP2);
			o->aux = v2[k], o->r[0] = d, o->r[1] = x;
			return;
		}
		if (i->op == IR_FCMP) {
			MIns *o = ins(s, MIR_VCMP);
			o->r[0] = x, o->r[1] = y;
			setcc(s, cc[i->imm - 0x5b], d);
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
		uint32_t x = ot == IR_F64 ? dreg_of(s, s->lo[a[0]], s->hi[a[0]]) : 0;
		uint32_t y = i->nargs > 1 && ot == IR_F64 ? dreg_of(s, s->lo[a[1]], s->hi[a[1]]) : 0;
		uint32_t r = dvreg(s);
		bool done = true;
		if (i->op == IR_FBIN && code - 0xa0 < 4)
			vop(s, MIR_VOP3, MIR_DBL | v3[code - 0xa0], r, x, y);
		else if (i->op == IR_FBIN && (code == 0xa4 || code == 0xa5))
			sel_minmax(s, true, code == 0xa5, r, x, y);
		else if (i->op == IR_FUN)
			vop(s, MIR_VOP2, MIR_DBL | v2[code - 0x99], r, x, 0);
		else if (i->op == IR_FCMP) {
			vop(s, MIR_VCMP, MIR_DBL, x, y, 0);
			setcc(s, cc[code - 0x61], s->lo[v]);
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
			fmov(s, MIR_FMOVTO, n, s->lo[a[0]]);
			vop(s, MIR_VCVT, MIR_DBL | (code == 0xb7 ? ARM_VCVT_FROM_S32 : ARM_VCVT_FROM_U32), r, n, 0);
		} else {
			done = false;
		}
		if (done) {
			pair_from_d(s, s->lo[v], s->hi[v], r);
			return;
		}
	}
	uint32_t d = bits_dst(s, s->lo[i->val]), dh = s->hi[i->val];
	IrType types[2] = {bits_type(ot), bits_type(ot)};
	uint32_t alo[2] = {core_of(s, s->lo[a[0]]), i->nargs > 1 ? core_of(s, s->lo[a[1]]) : 0};
	uint32_t ahi[2] = {s->hi[a[0]], i->nargs > 1 ? s->hi[a[1]] : 0};
	sel_float_bits(s, i, d, dh, types, alo, ahi, dbl, rt);
	set_bits(s, s->lo[i->val], d);
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
	switch (i->op) {
	case IR_FUN: {
		unsigned k = (unsigned)i->imm - (dbl ? 0x99 : 0x8b);
		if (k <= 1) { /* abs, neg: on the sign bit of the high word */
			if (dbl)
				mov(s, d, alo[0]);
			dpi(s, k ? ARM_EOR : ARM_BIC, dbl ? dh : d, dbl ? ahi[0] : alo[0], 0x80000000u);
			return;
		}
		snprintf(name, sizeof name, "synth_rt_%s_%s", dbl ? "f64" : "f32", un[k]);
		helper(s, name, 1, types, alo, ahi, bits_type(rt), d, dh);
		return;
	}
	case IR_FBIN: {
		unsigned k = (unsigned)i->imm - (dbl ? 0xa0 : 0x92);
		if (k == 6) { /* copysign */
			uint32_t t = vreg(s), u = vreg(s);
			if (dbl)
				mov(s, d, alo[0]);
			dpi(s, ARM_BIC, t, dbl ? ahi[0] : alo[0], 0x80000000u);
			dpi(s, ARM_AND, u, dbl ? ahi[1] : alo[1], 0x80000000u);
			dp(s, ARM_ORR, dbl ? dh : d, t, u);
			return;
		}
		snprintf(name, sizeof name, "synth_rt_%s_%s", dbl ? "f64" : "f32", bin[k]);
		helper(s, name, 2, types, alo, ahi, bits_type(rt), d, dh);
		return;
	}
	case IR_FCMP: {
		unsigned k = (unsigned)i->imm - (dbl ? 0x61 : 0x5b);
		snprintf(name, sizeof name, "synth_rt_%s_%s", dbl ? "f64" : "f32", cmpn[k]);
		helper(s, name, 2, types, alo, ahi, IR_I32, d, 0);
		return;
	}
	case IR_CVT: {
		uint32_t code = (uint32_t)i->imm;
		if (code >= 0xbc && code <= 0xbf) { /* reinterpret: the bits stay */
			mov(s, d, alo[0]);
			if (pair(rt))
				mov(s, dh, ahi[0]);
			return;
		}
		const char *n = code >= 0x100 ? sat[code - 0x100] : cvt[code - 0xa8];
		snprintf(name, sizeof name, "synth_rt_%s", n);
		helper(s, name, 1, types, alo, ahi, bits_type(rt), d, dh);
		return;
	}
	}
}

static SynthStatus sel_ins(S *s, IrBlock *b, IrIns *i)
{
	IrVal *a = ir_args(i);
	uint32_t d = i->val ? s->lo[i->val] : 0;
	switch (i->op) {
	case IR_NOP: case IR_PARAM: case IR_PHI:
		break;
	case IR_CONST: {
		/* Constants in loops that take more than one instruction are
		 * materialized once, in the prologue (it dominates everything). */
		size_t cur = (size_t)(s->b - s->m->blocks);
		uint32_t lo = (uint32_t)i->imm;
		bool costly = pair((IrType)i->type) || is_vfp(s, d) ||
		              (lo > 0xffff && !arm_modimm_ok(lo) && !arm_modimm_ok(~lo));
		if (b->loop_depth > 0 && costly) {
			/* one register per distinct hoisted constant */
			for (uint32_t h = 0; h < s->nhoisted; h++)
				if (s->hoisted[h].bits == (uint64_t)i->imm && s->hoisted[h].type == i->type) {
					s->lo[i->val] = s->hoisted[h].lo, s->hi[i->val] = s->hoisted[h].hi;
					return SYNTH_OK;
				}
			if (s->nhoisted < sizeof s->hoisted / sizeof s->hoisted[0])
				s->hoisted[s->nhoisted++] = (Hoisted){(uint64_t)i->imm, i->type, d, s->hi[i->val]};
			s->b = &s->m->blocks[0];
		}
		movi(s, d, (uint32_t)i->imm);
		if (pair((IrType)i->type))
			movi(s, s->hi[i->val], (uint32_t)(i->imm >> 32));
		if (s->im->fpu64 && i->type == IR_F64)
			home_pair(s, d, s->hi[i->val]);
		s->b = &s->m->blocks[cur];
		break;
	}
	case IR_COPY:
		if (s->im->fpu64 && i->type == IR_F64 && get_dhome(s, s->lo[a[0]]))
			set_dhome(s, d, get_dhome(s, s->lo[a[0]])); /* the same value */
		mov(s, d, s->lo[a[0]]);
		if (pair((IrType)i->type))
			mov(s, s->hi[i->val], s->hi[a[0]]);
		break;
	case IR_ADD: case IR_SUB: case IR_MUL: case IR_DIVS: case IR_DIVU: case IR_REMS: case IR_REMU:
	case IR_AND: case IR_OR: case IR_XOR: case IR_SHL: case IR_SHRS: case IR_SHRU: case IR_ROTL:
	case IR_ROTR:
		if (i->optype == IR_I64)
			sel_binop64(s, i);
		else
			sel_binop32(s, i);
		break;
	case IR_CLZ: case IR_CTZ: case IR_POPCNT: case IR_EXT8S: case IR_EXT16S: case IR_EXT32S:
	case IR_WRAP: case IR_EXTS: case IR_EXTU:
		sel_unop(s, i);
		break;
	case IR_EQZ: case IR_EQ: case IR_NE: case IR_LTS: case IR_LTU: case IR_GTS: case IR_GTU:
	case IR_LES: case IR_LEU: case IR_GES: case IR_GEU:
		setcc(s, flags_of(s, i), d);
		break;
	case IR_SELECT: {
		/* select(x, y, c) = c ? x : y, on the flags of c != 0 (VFP values
		 * are selected as bits in core registers) */
		uint32_t x = core_of(s, s->lo[a[0]]), y = core_of(s, s->lo[a[1]]), t = bits_dst(s, d);
		ArmCond cond = ARM_NE;
		if (s->folded[a[2]] == 2) /* a compare only this select reads (fuse_compares) */
			cond = flags_of(s, def(s, a[2]));
		else
			cmpi(s, ARM_CMP, s->lo[a[2]], 0);
		MIns *c = ins(s, MIR_CSEL);
		c->cond = (uint8_t)cond, c->r[0] = t, c->r[1] = x, c->r[2] = y;
		if (pair((IrType)i->type)) {
			c = ins(s, MIR_CSEL);
			c->cond = (uint8_t)cond, c->r[0] = s->hi[i->val], c->r[1] = s->hi[a[0]], c->r[2] = s->hi[a[1]];
		}
		set_bits(s, d, t);
		break;
	}
	case IR_LOAD:
		sel_load(s, i);
		break;
	case IR_STORE:
		sel_store(s, i);
		break;
	case IR_MEMSIZE: {
		uint32_t k = i->aux >> 16, t = vreg(s);
		need_mem(s, k);
		ldr(s, ARM_LDR, t, s->memctl[k], 4);
		shifti(s, ARM_LSR, d, t, s->im->mem_shift[k] ? s->im->mem_shift[k] : 0);
		if (!s->im->mem_shift[k])
			mov(s, d, t);
		break;
	}
	case IR_MEMGROW: {
		uint32_t k = i->aux >> 16;
		need_mem(s, k);
		static const IrType two[2] = {IR_I32, IR_I32};
		uint32_t alo[2] = {s->memctl[k], s->lo[a[0]]}, ahi[2] = {0, 0};
		helper(s, "synth_rt_memory_grow", 2, two, alo, ahi, IR_I32, d, 0);
		reload_sizes(s);
		break;
	}
	case IR_MEMFILL: case IR_MEMCOPY: {
		uint32_t k = i->aux >> 16, k2 = i->aux & 0xffff;
		need_mem(s, k);
		static const IrType t4[5] = {IR_I32, IR_I32, IR_I32, IR_I32, IR_I32};
		uint32_t ahi[5] = {0};
		if (i->op == IR_MEMFILL) {
			uint32_t alo[4] = {s->memctl[k], s->lo[a[0]], s->lo[a[1]], s->lo[a[2]]};
			helper(s, "synth_rt_memory_fill", 4, t4, alo, ahi, IR_NONE, 0, 0);
		} else {
			need_mem(s, k2);
			uint32_t alo[5] = {s->memctl[k], s->memctl[k2], s->lo[a[0]], s->lo[a[1]], s->lo[a[2]]};
			helper(s, "synth_rt_memory_copy", 5, t4, alo, ahi, IR_NONE, 0, 0);
		}
		break;
	}
	case IR_GLOBALGET: {
		uint32_t p = vreg(s);
		global_addr(s, (uint32_t)i->imm, p);
		ldr_aligned(s, d, p, 0);
		if (pair((IrType)i->type))
			ldr(s, ARM_LDR, s->hi[i->val], p, 4);
		break;
	}
	case IR_GLOBALSET: {
		uint32_t p = vreg(s);
		global_addr(s, (uint32_t)i->imm, p);
		str_aligned(s, s->lo[a[0]], p, 0);
		if (pair(s->ir->valtype[a[0]]))
			str(s, ARM_STR, s->hi[a[0]], p, 4);
		break;
	}
	case IR_CALL:
		sel_call(s, b, i);
		break;
	case IR_CALLIND:
		sel_call_indirect(s, b, i);
		break;
	case IR_CALLRES:
		break; /* selected with its call */
	case IR_FUN: case IR_FBIN: case IR_FCMP: case IR_CVT:
		sel_float(s, i);
		break;
	case IR_FUNCREF: {
		char name[300];
		snprintf(name, sizeof name, "%s__fref%u", s->im->name, (uint32_t)i->imm);
		movsym(s, d, sym(s, false, name), 0);
		break;
	}
	case IR_TABLEGET: case IR_TABLESET: {
		uint32_t ctl = vreg(s), size = vreg(s), elems = vreg(s), idx = s->lo[a[0]];
		table_ctl(s, i->aux, ctl);
		ldr(s, ARM_LDR, size, ctl, 4);
		cmp(s, ARM_CMP, idx, size);
		trapcc(s, ARM_CS, TRAP_OOB_TABLE);
		ldr(s, ARM_LDR, elems, ctl, 0);
		MIns *l = ins(s, i->op == IR_TABLEGET ? MIR_LDRR : MIR_STRR);
		if (i->op == IR_TABLEGET)
			l->aux = ARM_LDR, l->r[0] = d, l->r[1] = elems, l->r[2] = idx, l->imm = 2;
		else
			l->aux = ARM_STR, l->r[0] = s->lo[a[1]], l->r[1] = elems, l->r[2] = idx, l->imm = 2;
		break;
	}
	case IR_TABLESIZE: {
		uint32_t ctl = vreg(s);
		table_ctl(s, i->aux, ctl);
		ldr(s, ARM_LDR, d, ctl, 4);
		break;
	}
	case IR_TABLEGROW: case IR_TABLEFILL: case IR_TABLECOPY: case IR_TABLEINIT: case IR_MEMINIT:
	case IR_ELEMDROP: case IR_DATADROP:
		sel_bulk(s, i);
		break;
	default:
		return sy_error(s->ctx, SYNTH_ERR_INTERNAL, 0, s->ir->funcidx,
		                "instruction selection: IR %s not supported", ir_op_name((IrOp)i->op));
	}
	return SYNTH_OK;
}

/* Address of table t's control block (or the import it comes from). */
static void table_ctl(S *s, uint32_t t, uint32_t d)
{
	const SynthModuleDesc *md = s->im->mod;
	char name[SY_SYM_MAX];
	if (md->tables[t].imported) {
		for (uint32_t k = 0; k < md->nimports; k++)
			if (md->imports[k].kind == SYNTH_EXTERN_TABLE && md->imports[k].index == t)
				arm_import_symbol(s->im->name, &md->imports[k], name, sizeof name);
	} else {
		snprintf(name, sizeof name, "%s__tablectl%u", s->im->name, t);
	}
	movsym(s, d, sym(s, false, name), 0);
}

static uint32_t seg_addr(S *s, const char *kind, uint32_t idx)
{
	char name[300];
	snprintf(name, sizeof name, "%s__%sseg%u", s->im->name, kind, idx);
	uint32_t d = vreg(s);
	movsym(s, d, sym(s, false, name), 0);
	return d;
}

/* Table and bulk-memory operations: runtime helpers with exact bounds. */
static void sel_bulk(S *s, IrIns *i)
{
	IrVal *a = ir_args(i);
	static const IrType t5[5] = {IR_I32, IR_I32, IR_I32, IR_I32, IR_I32};
	uint32_t lo[5] = {0}, ctl, ctl2;
	uint32_t d = i->val ? s->lo[i->val] : 0;
	switch (i->op) {
	case IR_TABLEGROW: /* table.grow(init, n) */
		ctl = vreg(s);
		table_ctl(s, i->aux, ctl);
		lo[0] = ctl, lo[1] = s->lo[a[0]], lo[2] = s->lo[a[1]];
		helper(s, "synth_rt_table_grow", 3, t5, lo, NULL, IR_I32, d, 0);
		return;
	case IR_TABLEFILL: /* (i, val, n) */
		ctl = vreg(s);
		table_ctl(s, i->aux, ctl);
		lo[0] = ctl, lo[1] = s->lo[a[0]], lo[2] = s->lo[a[1]], lo[3] = s->lo[a[2]];
		helper(s, "synth_rt_table_fill", 4, t5, lo, NULL, IR_NONE, 0, 0);
		return;
	case IR_TABLECOPY:
		ctl = vreg(s), ctl2 = vreg(s);
		table_ctl(s, i->aux >> 16, ctl);
		table_ctl(s, i->aux & 0xffff, ctl2);
		lo[0] = ctl, lo[1] = ctl2, lo[2] = s->lo[a[0]], lo[3] = s->lo[a[1]], lo[4] = s->lo[a[2]];
		helper(s, "synth_rt_table_copy", 5, t5, lo, NULL, IR_NONE, 0, 0);
		return;
	case IR_TABLEINIT:
		ctl = vreg(s);
		table_ctl(s, i->aux >> 16, ctl);
		lo[0] = ctl, lo[1] = seg_addr(s, "elem", i->aux & 0xffff);
		lo[2] = s->lo[a[0]], lo[3] = s->lo[a[1]], lo[4] = s->lo[a[2]];
		helper(s, "synth_rt_table_init", 5, t5, lo, NULL, IR_NONE, 0, 0);
		return;
	case IR_MEMINIT:
		need_mem(s, i->aux >> 16);
		lo[0] = s->memctl[i->aux >> 16], lo[1] = seg_addr(s, "data", i->aux & 0xffff);
		lo[2] = s->lo[a[0]], lo[3] = s->lo[a[1]], lo[4] = s->lo[a[2]];
		helper(s, "synth_rt_memory_init", 5, t5, lo, NULL, IR_NONE, 0, 0);
		return;
	case IR_ELEMDROP: case IR_DATADROP:
		lo[0] = seg_addr(s, i->op == IR_ELEMDROP ? "elem" : "data", (uint32_t)i->imm);
		helper(s, "synth_rt_segment_drop", 1, t5, lo, NULL, IR_NONE, 0, 0);
		return;
	}
}

/* ---- blocks, phis and terminators ---- */

static MBlock *new_mblock(S *s)
{
	MFunc *m = s->m;
	size_t cur = s->b ? (size_t)(s->b - m->blocks) : 0;
	if (m->nblocks == s->capblocks) {
		/* doubling: one copy per block on average, not one per block made */
		uint32_t cap = s->capblocks * 2 + 16;
		MBlock *nb = sy_arena_array(m->ar, cap, sizeof *nb);
		uint32_t *an = sy_arena_array(m->ar, cap - s->nfixed, sizeof *an);
		if (!nb || !an) {
			s->oom = true;
			return NULL;
		}
		memcpy(nb, m->blocks, m->nblocks * sizeof *nb);
		if (s->anchor)
			memcpy(an, s->anchor, (m->nblocks - s->nfixed) * sizeof *an);
		m->blocks = nb;
		s->anchor = an;
		s->capblocks = cap;
		if (s->b)
			s->b = &m->blocks[cur];
	}
	/* laid out right after the block being selected (see layout()) */
	s->anchor[m->nblocks - s->nfixed] = (uint32_t)cur;
	return &m->blocks[m->nblocks++];
}

/* Block order: each block created for an edge (phi copies) goes right
 * after the block it leaves, instead of at the end of the function, so
 * that a loop's back-edge copies sit inside the loop's code (compact live
 * intervals, short branches). Renumbers the branch targets. */
static bool layout(S *s)
{
	MFunc *m = s->m;
	uint32_t n = m->nblocks, fixed = s->nfixed;
	uint32_t *order = sy_arena_array(m->ar, n, sizeof *order);
	uint32_t *newidx = sy_arena_array(m->ar, n, sizeof *newidx);
	uint32_t *to = sy_arena_array(m->ar, n, sizeof *to);
	uint32_t *stack = sy_arena_array(m->ar, n, sizeof *stack);
	uint8_t *reach = sy_arena_array(m->ar, n, sizeof *reach);
	MBlock *nb = sy_arena_array(m->ar, n, sizeof *nb);
	if (!order || !newidx || !to || !stack || !reach || !nb)
		return false;
	/* Jump threading: a branch to a block holding nothing but `b T` goes
	 * to T (chains followed, cycles left alone). */
	for (uint32_t b = 0; b < n; b++) {
		uint32_t t = b, steps = 0;
		while (steps++ < n && m->blocks[t].n == 1 && m->blocks[t].ins[0].op == MIR_B &&
		       m->blocks[t].ins[0].aux != t)
			t = m->blocks[t].ins[0].aux;
		to[b] = steps > n ? b : t;
	}
	for (uint32_t b = 0; b < n; b++)
		for (uint32_t j = 0; j < m->blocks[b].n; j++)
			if (m->blocks[b].ins[j].op == MIR_B || m->blocks[b].ins[j].op == MIR_BCC)
				m->blocks[b].ins[j].aux = to[m->blocks[b].ins[j].aux];
	for (uint32_t q = 0; q < m->njt; q++)
		m->jt[q] = to[m->jt[q]];
	/* Blocks no branch reaches from the entry any more are dropped. */
	uint32_t sp = 0;
	reach[0] = 1, stack[sp++] = 0;
	while (sp) {
		const MBlock *bl = &m->blocks[stack[--sp]];
		for (uint32_t j = 0; j < bl->n; j++) {
			const MIns *in = &bl->ins[j];
			uint32_t cnt = in->op == MIR_JTAB ? in->aux : in->op == MIR_B || in->op == MIR_BCC ? 1 : 0;
			for (uint32_t q = 0; q < cnt; q++) {
				uint32_t t = in->op == MIR_JTAB ? m->jt[in->imm + q] : in->aux;
				if (!reach[t])
					reach[t] = 1, stack[sp++] = t;
			}
		}
	}
	/* the edge blocks made from each block, in the order made (CSR) */
	uint32_t *cstart = sy_arena_array(m->ar, (size_t)n + 1, sizeof *cstart);
	uint32_t *child = sy_arena_array(m->ar, n - fixed + 1, sizeof *child);
	if (!cstart || !child)
		return false;
	for (uint32_t e = fixed; e < n; e++)
		cstart[s->anchor[e - fixed] + 1]++;
	for (uint32_t b = 0; b < n; b++)
		cstart[b + 1] += cstart[b];
	for (uint32_t e = fixed; e < n; e++)
		child[cstart[s->anchor[e - fixed]]++] = e;
	for (uint32_t b = n; b > 0; b--) /* back to starts */
		cstart[b] = cstart[b - 1];
	cstart[0] = 0;
	uint32_t k = 0;
	/* edge blocks anchored to an edge block follow it (breadth-first from
	 * each block before selection) */
	for (uint32_t b = 0; b < fixed; b++) {
		uint32_t start = k;
		order[k++] = b;
		for (uint32_t q = start; q < k; q++)
			for (uint32_t c = cstart[order[q]]; c < cstart[order[q] + 1]; c++)
				order[k++] = child[c];
	}
	uint32_t kept = 0;
	for (uint32_t q = 0; q < n; q++)
		if (reach[order[q]]) {
			newidx[order[q]] = kept;
			nb[kept++] = m->blocks[order[q]];
		}
	for (uint32_t q = 0; q < kept; q++)
		for (uint32_t j = 0; j < nb[q].n; j++)
			if (nb[q].ins[j].op == MIR_B || nb[q].ins[j].op == MIR_BCC)
				nb[q].ins[j].aux = newidx[nb[q].ins[j].aux];
	for (uint32_t q = 0; q < m->njt; q++)
		m->jt[q] = newidx[m->jt[q]];
	m->blocks = nb;
	m->nblocks = kept;
	return true;
}

/* Removes the loads of a cached memory size (and the size - 1, 2, 4, 8
 * derived from it) that no later bounds check reads: reload_sizes reloads
 * after every call that may grow a memory, and the prologue loads once,
 * but the bce pass often leaves nothing after the call that compares with
 * the size (issue 13). These registers are written at several places, so
 * the register allocator's use-count dce cannot see such a write is dead;
 * this is a backward liveness over just these registers (at most 64, one
 * bit each), to a fixpoint, removing the writes nothing live follows,
 * repeated until none goes (a removed size - w can leave its size load
 * dead). A write that is kept is the same write as before, so every check
 * still compares with the size loaded after the last call that may grow. */
static bool drop_dead_sizes(S *s)
{
	MFunc *m = s->m;
	uint32_t nmem = s->im->mod->nmems, nt = 0;
	uint32_t tracked[64];
	for (uint32_t k = 0; k < nmem; k++) {
		if (!s->membytes[k])
			continue;
		if (nt + 5 > 64)
			return true; /* too many memories to track: keep every load */
		tracked[nt++] = s->membytes[k];
		for (unsigned w = 0; w < 4; w++)
			if (s->memlimit[k][w])
				tracked[nt++] = s->memlimit[k][w];
	}
	if (!nt)
		return true;
	uint32_t nb = m->nblocks;
	uint64_t *in = sy_arena_array(m->ar, nb, sizeof *in);
	uint64_t *gen = sy_arena_array(m->ar, nb, sizeof *gen);
	uint64_t *kill = sy_arena_array(m->ar, nb, sizeof *kill);
	if (!in || !gen || !kill)
		return false;
	for (bool removed = true; removed;) {
		removed = false;
		/* reads before writes (gen) and writes (kill) per block */
		for (uint32_t b = 0; b < nb; b++) {
			uint64_t g = 0, kl = 0;
			const MBlock *bl = &m->blocks[b];
			for (uint32_t j = bl->n; j-- > 0;) {
				const MIns *i = &bl->ins[j];
				unsigned nd = mir_ndefs[i->op], nu = mir_nuses[i->op];
				for (unsigned q = 0; q < nd; q++)
					for (uint32_t t = 0; t < nt; t++)
						if (i->r[q] == tracked[t])
							g &= ~(1ull << t), kl |= 1ull << t;
				for (unsigned q = nd; q < nd + nu; q++)
					for (uint32_t t = 0; t < nt; t++)
						if (i->r[q] == tracked[t])
							g |= 1ull << t;
			}
			gen[b] = g, kill[b] = kl, in[b] = g;
		}
		for (bool changed = true; changed;) {
			changed = false;
			for (uint32_t b = nb; b-- > 0;) {
				uint64_t out = 0;
				const MBlock *bl = &m->blocks[b];
				for (uint32_t j = 0; j < bl->n; j++) {
					const MIns *i = &bl->ins[j];
					if (i->op == MIR_B || i->op == MIR_BCC)
						out |= in[i->aux];
					else if (i->op == MIR_JTAB)
						for (uint32_t q = 0; q < i->aux; q++)
							out |= in[m->jt[i->imm + q]];
				}
				uint64_t x = gen[b] | (out & ~kill[b]);
				if (x != in[b])
					in[b] = x, changed = true;
			}
		}
		/* each block backwards from what its successors read */
		for (uint32_t b = 0; b < nb; b++) {
			MBlock *bl = &m->blocks[b];
			uint64_t live = 0;
			for (uint32_t j = 0; j < bl->n; j++) {
				const MIns *i = &bl->ins[j];
				if (i->op == MIR_B || i->op == MIR_BCC)
					live |= in[i->aux];
				else if (i->op == MIR_JTAB)
					for (uint32_t q = 0; q < i->aux; q++)
						live |= in[m->jt[i->imm + q]];
			}
			for (uint32_t j = bl->n; j-- > 0;) {
				MIns *i = &bl->ins[j];
				unsigned nd = mir_ndefs[i->op], nu = mir_nuses[i->op];
				uint32_t t = 0;
				while (t < nt && !(nd == 1 && i->r[0] == tracked[t]))
					t++;
				if (t < nt && (i->op == MIR_LDR || i->op == MIR_DPI) && !(live >> t & 1)) {
					i->op = MIR_NOPS; /* dropped below */
					removed = true;
					continue;
				}
				for (unsigned q = 0; q < nd; q++)
					for (uint32_t u = 0; u < nt; u++)
						if (i->r[q] == tracked[u])
							live &= ~(1ull << u);
				for (unsigned q = nd; q < nd + nu; q++)
					for (uint32_t u = 0; u < nt; u++)
						if (i->r[q] == tracked[u])
							live |= 1ull << u;
			}
			uint32_t keep = 0;
			for (uint32_t j = 0; j < bl->n; j++)
				if (bl->ins[j].op != MIR_NOPS)
					bl->ins[keep++] = bl->ins[j];
			bl->n = keep;
		}
	}
	return true;
}

/* An f64 phi kept in a D register (fpu64): its home, made before
 * selection, is written on the incoming edges; its pair is read from it
 * at the block's start. */
static bool dphi(S *s, const IrIns *phi)
{
	return s->im->fpu64 && phi->type == IR_F64 && get_dhome(s, s->lo[phi->val]);
}

/* Parallel copies into the phis of succ for the edge from pred. */
static void phi_copies(S *s, IrBlock *pred, IrBlock *succ)
{
	uint32_t idx = 0;
	while (idx < succ->npreds && succ->preds[idx] != pred)
		idx++;
	uint32_t n = 0;
	for (uint32_t k = 0; k < succ->nins && succ->ins[k].op == IR_PHI; k++)
		n++;
	if (!n)
		return;
	/* When no phi of succ reads another phi of succ on this edge, the copies
	 * cannot interfere and go straight to the destinations. */
	bool direct = true;
	for (uint32_t k = 0; k < n && direct; k++) {
		IrVal src = ir_args(&succ->ins[k])[idx];
		for (uint32_t j = 0; j < n; j++)
			if (succ->ins[j].val == src)
				direct = false;
	}
	if (direct) {
		for (uint32_t k = 0; k < n; k++) {
			IrIns *phi = &succ->ins[k];
			IrVal src = ir_args(phi)[idx];
			if (dphi(s, phi)) {
				dmov(s, get_dhome(s, s->lo[phi->val]), dreg_of(s, s->lo[src], s->hi[src]));
				continue;
			}
			mov(s, s->lo[phi->val], s->lo[src]);
			if (pair((IrType)phi->type))
				mov(s, s->hi[phi->val], s->hi[src]);
		}
		return;
	}
	uint32_t tmp[2 * 64], *t = tmp;
	if (n > 64) {
		t = sy_arena_array(s->m->ar, 2 * (size_t)n, sizeof *t);
		if (!t) {
			s->oom = true;
			return;
		}
	}
	for (uint32_t k = 0; k < n; k++) {
		IrIns *phi = &succ->ins[k];
		IrVal src = ir_args(phi)[idx];
		if (dphi(s, phi)) {
			t[2 * k] = dvreg(s);
			dmov(s, t[2 * k], dreg_of(s, s->lo[src], s->hi[src]));
			continue;
		}
		t[2 * k] = vreg(s);
		mov(s, t[2 * k], s->lo[src]);
		if (pair((IrType)phi->type)) {
			t[2 * k + 1] = vreg(s);
			mov(s, t[2 * k + 1], s->hi[src]);
		}
	}
	for (uint32_t k = 0; k < n; k++) {
		IrIns *phi = &succ->ins[k];
		if (dphi(s, phi)) {
			dmov(s, get_dhome(s, s->lo[phi->val]), t[2 * k]);
			continue;
		}
		mov(s, s->lo[phi->val], t[2 * k]);
		if (pair((IrType)phi->type))
			mov(s, s->hi[phi->val], t[2 * k + 1]);
	}
}

static bool has_phis(IrBlock *b) { return b->nins && b->ins[0].op == IR_PHI; }

/* The MBlock an edge from pred (with several successors) to succ enters:
 * succ itself, or a new block holding the phi copies. */
static uint32_t edge_target(S *s, IrBlock *pred, IrBlock *succ)
{
	if (!has_phis(succ))
		return s->mblock[succ->id];
	MBlock *save = s->b;
	size_t cur = (size_t)(save - s->m->blocks);
	MBlock *e = new_mblock(s);
	if (!e)
		return 0;
	uint32_t ei = (uint32_t)(e - s->m->blocks);
	s->b = e;
	e->loop_depth = succ->loop_depth;
	phi_copies(s, pred, succ);
	MIns *j = ins(s, MIR_B);
	j->aux = s->mblock[succ->id];
	s->b = &s->m->blocks[cur];
	return ei;
}

static void jump(S *s, uint32_t target)
{
	MIns *j = ins(s, MIR_B);
	j->aux = target;
}

static void sel_term(S *s, IrBlock *b, IrIns *t)
{
	IrVal *a = ir_args(t);
	switch (t->op) {
	case IR_BR:
		phi_copies(s, b, b->succs[0]);
		jump(s, s->mblock[b->succs[0]->id]);
		return;
	case IR_BRIF: {
		uint32_t then_t = edge_target(s, b, b->succs[0]);
		uint32_t else_t = edge_target(s, b, b->succs[1]);
		IrIns *c = def(s, a[0]);
		ArmCond cond;
		/* A compare used only here sets the flags for the branch itself. */
		if (c && is_compare((IrOp)c->op) && c->val == a[0])
			cond = flags_of(s, c);
		else {
			cmpi(s, ARM_CMP, s->lo[a[0]], 0);
			cond = ARM_NE;
		}
		MIns *j = ins(s, MIR_BCC);
		j->cond = (uint8_t)cond, j->aux = then_t;
		jump(s, else_t);
		return;
	}
	case IR_BRTABLE: {
		uint32_t n = b->nsuccs - 1;
		uint32_t *tg = sy_arena_array(s->m->ar, b->nsuccs, sizeof *tg);
		if (!tg) {
			s->oom = true;
			return;
		}
		/* one edge block per distinct target (marks, not a quadratic search) */
		uint32_t stamp = ++s->stamp;
		for (uint32_t k = 0; k <= n; k++) {
			IrBlock *tb = b->succs[k];
			if (tb->mark != stamp) {
				tb->mark = stamp;
				tb->mark_val = edge_target(s, b, tb);
			}
			tg[k] = tb->mark_val;
		}
		uint32_t idx = s->lo[a[0]];
		if (n >= 4 && n <= 4096) {
			/* a jump table: TBH through a table of the targets (emit.c) */
			MFunc *m = s->m;
			if (m->njt + n > m->capjt) {
				uint32_t cap = m->capjt ? m->capjt : 64;
				while (cap < m->njt + n)
					cap *= 2;
				uint32_t *jt = sy_arena_array(m->ar, cap, sizeof *jt);
				if (!jt) {
					s->oom = true;
					return;
				}
				if (m->njt)
					memcpy(jt, m->jt, m->njt * sizeof *jt);
				m->jt = jt, m->capjt = cap;
			}
			memcpy(m->jt + m->njt, tg, n * sizeof *tg);
			cmpi(s, ARM_CMP, idx, n);
			MIns *j = ins(s, MIR_BCC);
			j->cond = ARM_CS, j->aux = tg[n];
			j = ins(s, MIR_JTAB);
			j->r[0] = idx, j->aux = n, j->imm = m->njt;
			m->njt += n;
			return;
		}
		for (uint32_t k = 0; k < n; k++) {
			if (tg[k] == tg[n])
				continue;
			cmpi(s, ARM_CMP, idx, k);
			MIns *j = ins(s, MIR_BCC);
			j->cond = ARM_EQ, j->aux = tg[k];
		}
		jump(s, tg[n]);
		return;
	}
	case IR_RET: {
		if (t->nargs > 1) {
			IrType rt[64];
			uint32_t off[64];
			uint32_t n = t->nargs < 64 ? t->nargs : 64;
			for (uint32_t k = 0; k < n; k++)
				rt[k] = s->ir->valtype[a[k]];
			res_layout(rt, n, off);
			for (uint32_t k = 0; k < n; k++) {
				str_aligned(s, s->lo[a[k]], s->retptr, (int32_t)off[k]);
				if (pair(rt[k]))
					str(s, ARM_STR, s->hi[a[k]], s->retptr, (int32_t)off[k] + 4);
			}
			MIns *r = ins(s, MIR_RET);
			r->imm = 0;
			return;
		}
		uint32_t w = 0;
		uint16_t smask = 0;
		for (uint32_t k = 0; k < t->nargs; k++) {
			IrType rt = s->ir->valtype[a[k]];
			if (in_vfp(s, rt)) {
				smask = pair(rt) ? 3 : 1;
				if (s->im->fpu64 && rt == IR_F64) {
					dmov(s, MIR_S0, dreg_of(s, s->lo[a[k]], s->hi[a[k]]));
					continue;
				}
				vmov_to_s(s, 0, s->lo[a[k]]);
				if (pair(rt))
					vmov_to_s(s, 1, s->hi[a[k]]);
				continue;
			}
			mov(s, w++, s->lo[a[k]]);
			if (pair(rt))
				mov(s, w++, s->hi[a[k]]);
		}
		MIns *r = ins(s, MIR_RET);
		r->imm = w;
		r->smask = smask;
		return;
	}
	case IR_UNREACH: {
		MIns *r = ins(s, MIR_TRAP);
		r->imm = t->imm ? (int64_t)t->imm : TRAP_UNREACHABLE;
		return;
	}
	}
}

/* Reverse post-order of the reachable blocks. */
static uint32_t rpo(S *s, uint32_t *order)
{
	IrFunc *f = s->ir;
	uint8_t *state = sy_arena_alloc(s->m->ar, f->nblocks);
	uint32_t *stack = sy_arena_array(s->m->ar, (size_t)f->nblocks + 1, sizeof *stack);
	uint32_t *next = sy_arena_array(s->m->ar, f->nblocks, sizeof *next);
	if (!state || !stack || !next) {
		s->oom = true;
		return 0;
	}
	uint32_t n = f->nblocks, sp = 0, out = n;
	stack[sp++] = 0;
	state[0] = 1;
	while (sp) {
		IrBlock *b = f->blocks[stack[sp - 1]];
		if (next[b->id] < b->nsuccs) {
			IrBlock *c = b->succs[next[b->id]++];
			if (!state[c->id]) {
				state[c->id] = 1;
				stack[sp++] = c->id;
			}
			continue;
		}
		order[--out] = b->id;
		sp--;
	}
	memmove(order, order + out, (n - out) * sizeof *order);
	return n - out;
}

SynthStatus arm_isel(SynthContext *ctx, const IselModule *im, IrFunc *ir, SyArena *ar, MFunc **out)
{
	MFunc *m = sy_arena_alloc(ar, sizeof *m);
	S s = {.ctx = ctx, .im = im, .ir = ir, .m = m};
	if (!m)
		return sy_nomem(ctx);
	m->ar = ar;
	m->nvregs = MIR_VREG0;
	s.lo = sy_arena_array(ar, ir->nvals, sizeof *s.lo);
	s.hi = sy_arena_array(ar, ir->nvals, sizeof *s.hi);
	s.mblock = sy_arena_array(ar, ir->nblocks, sizeof *s.mblock);
	s.memctl = sy_arena_array(ar, im->mod->nmems + 1, sizeof *s.memctl);
	s.membase = sy_arena_array(ar, im->mod->nmems + 1, sizeof *s.membase);
	s.membytes = sy_arena_array(ar, im->mod->nmems + 1, sizeof *s.membytes);
	s.memlimit = sy_arena_array(ar, im->mod->nmems + 1, sizeof *s.memlimit);
	uint32_t *order = sy_arena_array(ar, ir->nblocks, sizeof *order);
	if (!s.lo || !s.hi || !s.mblock || !s.memctl || !s.membase || !s.membytes || !s.memlimit || !order)
		return sy_nomem(ctx);
	for (IrVal v = 1; v < ir->nvals; v++) {
		s.lo[v] = mir_vreg_class(m, im->fpu32 && ir->valtype[v] == IR_F32 ? MIR_VFP : MIR_CORE);
		if (pair(ir->valtype[v]))
			s.hi[v] = mir_vreg(m);
	}
	s.retptr = mir_vreg(m);
	/* Memories the function touches get their registers before selection,
	 * so every call reloads every cached size. */
	for (uint32_t bi = 0; bi < ir->nblocks; bi++)
		for (uint32_t j = 0; j < ir->blocks[bi]->nins; j++) {
			IrIns *x = &ir->blocks[bi]->ins[j];
			if (x->op == IR_LOAD || x->op == IR_STORE || x->op == IR_MEMSIZE || x->op == IR_MEMGROW ||
			    x->op == IR_MEMFILL || x->op == IR_MEMINIT)
				need_mem(&s, x->aux >> 16);
			/* accesses at offset 0 compare with a cached size - access size */
			uint32_t k = x->aux >> 16, sz = x->aux & 0xff;
			const SynthMemory *mem = k < im->mod->nmems ? &im->mod->mems[k] : NULL;
			if ((x->op == IR_LOAD || x->op == IR_STORE) && !x->imm && x->chk == IR_CHK_FULL && s.membytes[k] && sz <= 8 &&
			    !(sz & (sz - 1)) && sz <= (mem->limits.min << mem->page_size_log2) &&
			    !s.memlimit[k][__builtin_ctz(sz)])
				s.memlimit[k][__builtin_ctz(sz)] = vreg(&s);
			else if (x->op == IR_MEMCOPY) {
				need_mem(&s, x->aux >> 16);
				need_mem(&s, x->aux & 0xffff);
			}
		}
	uint32_t nb = rpo(&s, order);
	if (s.oom)
		return sy_nomem(ctx);
	for (uint32_t k = 0; k < ir->nblocks; k++)
		s.mblock[k] = UINT32_MAX;
	/* Block 0 of the MIR is a prologue block for parameters and hoisted
	 * memory bases; IR blocks follow in reverse post-order. */
	m->blocks = sy_arena_array(ar, (size_t)nb + 1, sizeof *m->blocks);
	if (!m->blocks)
		return sy_nomem(ctx);
	m->nblocks = nb + 1;
	s.nfixed = s.capblocks = nb + 1;
	for (uint32_t k = 0; k < nb; k++) {
		s.mblock[order[k]] = k + 1;
		m->blocks[k + 1].loop_depth = ir->blocks[order[k]]->loop_depth;
	}
	for (uint32_t bb = 0; bb < ir->nblocks; bb++)
		ir->blocks[bb]->mark = 0;
	/* Uses of each value, to fuse single-use compares into branches. */
	uint32_t *uses = sy_arena_array(ar, ir->nvals, sizeof *uses);
	if (!uses)
		return sy_nomem(ctx);
	for (uint32_t bb = 0; bb < ir->nblocks; bb++)
		for (uint32_t jj = 0; jj < ir->blocks[bb]->nins; jj++) {
			IrIns *u = &ir->blocks[bb]->ins[jj];
			IrVal *ua = ir_args(u);
			for (uint32_t q = 0; q < u->nargs && !u->dead; q++)
				uses[ua[q]]++;
		}
	s.folded = sy_arena_array(ar, ir->nvals, sizeof *s.folded);
	if (!s.folded)
		return sy_nomem(ctx);
	fold_shifts(&s, uses);
	fold_muls(&s, uses);
	fuse_compares(&s, uses);
	/* f64 parameters and phis get their D register homes first (defined in
	 * the prologue, and on the edges into the phi's block) */
	for (uint32_t bb = 0; im->fpu64 && bb < ir->nblocks; bb++)
		for (uint32_t j = 0; j < ir->blocks[bb]->nins; j++) {
			IrIns *i = &ir->blocks[bb]->ins[j];
			if ((i->op == IR_PARAM || i->op == IR_PHI) && !i->dead && i->type == IR_F64)
				set_dhome(&s, s.lo[i->val], dvreg(&s));
		}
	for (uint32_t k = 0; k < nb; k++) {
		IrBlock *b = ir->blocks[order[k]];
		s.b = &m->blocks[k + 1];
		/* f64 phis: a D register copy at the block's start (their pairs are
		 * written at the ends of the predecessors) */
		for (uint32_t j = 0; im->fpu64 && j < b->nins; j++)
			if (b->ins[j].op == IR_PHI && !b->ins[j].dead && b->ins[j].type == IR_F64) {
				MIns *mv = ins(&s, MIR_DFROMV);
				mv->r[0] = s.lo[b->ins[j].val], mv->r[1] = s.hi[b->ins[j].val];
				mv->r[2] = get_dhome(&s, s.lo[b->ins[j].val]);
			}
		for (uint32_t j = 0; j < b->nins; j++) {
			IrIns *i = &b->ins[j];
			if (i->dead)
				continue;
			if (j + 1 == b->nins && (i->op == IR_BR || i->op == IR_BRIF || i->op == IR_BRTABLE ||
			                         i->op == IR_RET || i->op == IR_UNREACH)) {
				sel_term(&s, b, i);
				break;
			}
			if (i->val && s.folded[i->val])
				continue; /* selected as its user's shifted operand */
			/* Compares feeding only the block's branch are selected there. */
			if (is_compare((IrOp)i->op) && j + 2 == b->nins && b->ins[j + 1].op == IR_BRIF &&
			    ir_args(&b->ins[j + 1])[0] == i->val && uses[i->val] == 1)
				continue;
			SynthStatus st = sel_ins(&s, b, i);
			if (st != SYNTH_OK)
				return st;
			/* every f64 value gets a D register home where it is defined
			 * (dead code elimination drops the unused ones) */
			if (im->fpu64 && i->val && i->type == IR_F64 && i->op != IR_PARAM && i->op != IR_PHI)
				home_pair(&s, s.lo[i->val], s.hi[i->val]);
		}
		if (s.oom)
			return sy_nomem(ctx);
	}
	/* Prologue: parameters from r0-r3 and the caller's stack, memory bases. */
	s.b = &m->blocks[0];
	const SynthFuncType *ft = ir->type;
	uint32_t hidden = ft->nresults > 1;
	IrType *pt = sy_arena_array(ar, ft->nparams + 1, sizeof *pt);
	uint32_t *pos = sy_arena_array(ar, ft->nparams + 1, sizeof *pos);
	if (!pt || !pos)
		return sy_nomem(ctx);
	pt[0] = IR_I32;
	for (uint32_t k = 0; k < ft->nparams; k++)
		pt[k + hidden] = ir_type_of(ft->params[k]);
	aapcs(pt, ft->nparams + hidden, im->hard_float, pos);
	if (hidden)
		mov(&s, s.retptr, 0);
	IrBlock *entry = ir->blocks[0];
	for (uint32_t j = 0; j < entry->nins; j++) {
		IrIns *i = &entry->ins[j];
		if (i->op != IR_PARAM || i->dead)
			continue;
		uint32_t p = (uint32_t)i->imm + hidden;
		/* an f64 parameter's D register home (fpu64) was made before selection */
		uint32_t home = im->fpu64 && i->type == IR_F64 ? get_dhome(&s, s.lo[i->val]) : 0;
		if (home && pos[p] >= ARG_VFP) {
			dmov(&s, home, MIR_S0 + pos[p] - ARG_VFP);
			MIns *mv = ins(&s, MIR_DFROMV);
			mv->r[0] = s.lo[i->val], mv->r[1] = s.hi[i->val], mv->r[2] = home;
			continue;
		}
		for (uint32_t h = 0; h < (pair((IrType)i->type) ? 2u : 1u); h++) {
			uint32_t d = h ? s.hi[i->val] : s.lo[i->val];
			if (pos[p] >= ARG_VFP) {
				vmov_from_s(&s, d, pos[p] - ARG_VFP + h);
			} else if (pos[p] >= ARG_STACK) {
				uint32_t t = bits_dst(&s, d);
				MIns *l = ins(&s, MIR_LDARG);
				l->r[0] = t, l->imm = pos[p] - ARG_STACK + h;
				set_bits(&s, d, t);
			} else {
				mov(&s, d, pos[p] + h);
			}
		}
		if (home) {
			MIns *mv = ins(&s, MIR_DTOV);
			mv->r[0] = home, mv->r[1] = s.lo[i->val], mv->r[2] = s.hi[i->val];
		}
	}
	for (uint32_t k = 0; k < im->mod->nmems; k++) {
		if (!s.memctl[k])
			continue;
		char name[SY_SYM_MAX];
		const SynthModuleDesc *md = im->mod;
		if (md->mems[k].imported) {
			for (uint32_t q = 0; q < md->nimports; q++)
				if (md->imports[q].kind == SYNTH_EXTERN_MEMORY && md->imports[q].index == k)
					arm_import_symbol(im->name, &md->imports[q], name, sizeof name);
		} else {
			snprintf(name, sizeof name, "%s__memctl%u", im->name, k);
		}
		movsym(&s, s.memctl[k], sym(&s, false, name), 0);
		if (md->mems[k].imported) {
			ldr(&s, ARM_LDR, s.membase[k], s.memctl[k], 0);
		} else {
			/* A defined memory never moves: its control block's base is
			 * M__mem<k> (core/ABI.md), a link-time constant, so no load;
			 * the control block's address goes unused (and away) unless
			 * the size is cached or memory.size/grow/fill/copy/init use it. */
			snprintf(name, sizeof name, "%s__mem%u", im->name, k);
			movsym(&s, s.membase[k], sym(&s, false, name), 0);
		}
		if (s.membytes[k])
			ldr(&s, ARM_LDR, s.membytes[k], s.memctl[k], 4);
		for (unsigned w = 0; w < 4 && s.membytes[k]; w++)
			if (s.memlimit[k][w])
				dpi(&s, ARM_SUB, s.memlimit[k][w], s.membytes[k], 1u << w);
	}
	jump(&s, 1);
	if (s.oom || !layout(&s) || !drop_dead_sizes(&s))
		return sy_nomem(ctx);
	*out = m;
	return SYNTH_OK;
}
