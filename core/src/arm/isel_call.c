/* isel_call.c - instruction selection of calls: AAPCS argument and result
 * placement (soft and hard float), direct calls, runtime helpers,
 * call_indirect through the table and the component gates (see isel.c). */
#include "isel_internal.h"

/* ---- calls (AAPCS, core registers) ---- */

/* Classifies arguments per AAPCS (with AAPCS-VFP rules for f32/f64 when
 * hard): i64/f64 in even-aligned core pairs, VFP registers back-filled,
 * stack slots 8-aligned for 8-byte values. Returns the stack words used. */
uint32_t is_aapcs(const IrType *types, uint32_t n, bool hard, uint32_t *loc)
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
void is_dmov(S *s, uint32_t d, uint32_t x)
{
	MIns *i = is_ins(s, MIR_MOV);
	i->aux = MIR_DBL, i->r[0] = d, i->r[1] = x;
}

void is_vmov_to_s(S *s, unsigned sreg, uint32_t r)
{
	if (is_vfp(s, r)) { /* a VFP move the allocator can coalesce */
		MIns *i = is_ins(s, MIR_MOV);
		i->r[0] = MIR_S0 + sreg, i->r[1] = r;
		return;
	}
	MIns *i = is_ins(s, MIR_VMOVTS);
	i->r[0] = r, i->imm = sreg;
}

void is_vmov_from_s(S *s, uint32_t d, unsigned sreg)
{
	if (is_vfp(s, d)) {
		MIns *i = is_ins(s, MIR_MOV);
		i->r[0] = d, i->r[1] = MIR_S0 + sreg;
		return;
	}
	uint32_t t = is_bits_dst(s, d);
	MIns *i = is_ins(s, MIR_VMOVFS);
	i->r[0] = t, i->imm = sreg;
	is_set_bits(s, d, t);
}

/* Whether a value of type t travels in VFP registers at calls and returns. */
bool is_in_vfp(const S *s, IrType t) { return s->im->hard_float && (t == IR_F32 || t == IR_F64); }

/* Byte offsets of results in a multi-value result area (natural alignment);
 * returns its size. */
uint32_t is_res_layout(const IrType *t, uint32_t n, uint32_t *off)
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
		uint32_t size = is_res_layout(rtypes, nres, roff);
		if (size > s->m->resarea)
			s->m->resarea = size;
		t[0] = IR_I32;
		lo[0] = is_vreg(s);
		hi[0] = 0;
		MIns *fa = is_ins(s, MIR_FRAMEADDR);
		fa->r[0] = lo[0], fa->imm = 0;
	}
	for (uint32_t k = 0; k < nargs; k++) {
		t[k + hidden] = types[k];
		lo[k + hidden] = alo[k];
		hi[k + hidden] = ahi ? ahi[k] : 0;
	}
	uint32_t words = is_aapcs(t, n, s->im->hard_float && !s->int_abi, pos);
	if (words > s->m->outargs)
		s->m->outargs = words;
	uint32_t mask = 0;
	/* Stack words first: the register moves must sit right before the call. */
	for (uint32_t i = 0; i < n; i++)
		for (uint32_t h = 0; h < (pair(t[i]) ? 2u : 1u); h++) {
			if (pos[i] < ARG_STACK || pos[i] >= ARG_VFP)
				continue;
			uint32_t v = is_core_of(s, h ? hi[i] : lo[i]);
			MIns *st = is_ins(s, MIR_STARG);
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
						is_dmov(s, MIR_S0 + pos[i] - ARG_VFP, is_dreg_of(s, lo[i], hi[i]));
					continue;
				}
				is_vmov_to_s(s, pos[i] - ARG_VFP + h, h ? hi[i] : lo[i]);
				continue;
			}
			if (pos[i] >= ARG_STACK)
				continue;
			uint32_t w = pos[i] + h;
			is_mov(s, w, h ? hi[i] : lo[i]);
			mask |= 1u << w;
		}
	MIns *c = is_ins(s, target ? MIR_CALLR : MIR_CALL);
	if (target)
		c->r[0] = target;
	else
		c->aux = symidx;
	c->imm = mask;
	c->smask = smask;
	s->m->calls = true;
	if (!s->keep_sizes)
		is_reload_sizes(s);
	if (nres == 1 && is_in_vfp(s, rtypes[0]) && !s->int_abi && s->im->fpu64 && rtypes[0] == IR_F64) {
		uint32_t r = is_dvreg(s);
		is_dmov(s, r, MIR_S0);
		is_pair_from_d(s, rlo[0], rhi[0], r);
	} else if (nres == 1 && is_in_vfp(s, rtypes[0]) && !s->int_abi) {
		is_vmov_from_s(s, rlo[0], 0);
		if (pair(rtypes[0]))
			is_vmov_from_s(s, rhi[0], 1);
	} else if (nres == 1) {
		is_mov(s, rlo[0], 0);
		if (pair(rtypes[0]))
			is_mov(s, rhi[0], 1);
	} else if (nres > 1) {
		uint32_t p = is_vreg(s);
		MIns *fa = is_ins(s, MIR_FRAMEADDR);
		fa->r[0] = p, fa->imm = 0;
		for (uint32_t k = 0; k < nres; k++) {
			if (!rlo[k])
				continue;
			is_ldr_aligned(s, rlo[k], p, (int32_t)roff[k]);
			if (pair(rtypes[k]))
				is_ldr(s, ARM_LDR, rhi[k], p, (int32_t)roff[k] + 4);
		}
	}
}

static void call(S *s, uint32_t symidx, uint32_t nargs, const IrType *types, const uint32_t *alo,
                 const uint32_t *ahi, IrType rtype, uint32_t rlo, uint32_t rhi)
{
	call_full(s, symidx, 0, nargs, types, alo, ahi, rtype != IR_NONE, &rtype, &rlo, &rhi);
}

/* Calls a runtime helper: always the core-register ABI, floats as bits. */
void is_helper(S *s, const char *name, uint32_t nargs, const IrType *types, const uint32_t *alo,
                   const uint32_t *ahi, IrType rtype, uint32_t rlo, uint32_t rhi)
{
	s->int_abi = true;
	s->keep_sizes = true; /* runtime helpers never grow a memory (memory.grow reloads itself) */
	call(s, is_sym(s, true, name), nargs, types, alo, ahi, rtype, rlo, rhi);
	s->int_abi = false;
	s->keep_sizes = false;
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

void is_sel_call(S *s, IrBlock *b, IrIns *i)
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
		sym_name(name, sizeof name, s->im->name, SYM_XCALL, fi);
	else
		sym_func(name, sizeof name, s->im->name, s->im->mod, fi);
	/* a callee that cannot grow a memory (arm_may_grow) keeps the cached
	 * sizes and the checks already made valid; a crossing call goes through
	 * a gate the integrator may define, so it is taken to grow */
	s->keep_sizes = !crosses && s->im->may_grow && !s->im->may_grow[fi];
	call_full(s, is_sym(s, true, name), 0, t->nparams, types, alo, ahi, t->nresults, rt, rlo, rhi);
	s->keep_sizes = false;
}

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
	uint32_t base = is_vreg(s), off = is_vreg(s), g = is_vreg(s), doms = is_vreg(s), dw = is_vreg(s), gates = is_vreg(s),
	         gate = is_vreg(s), to = is_vreg(s), to2 = is_vreg(s);
	sym_name(name, sizeof name, s->im->name, SYM_FREFS, 0);
	is_movsym(s, base, is_sym(s, false, name), 0);
	is_dp(s, ARM_SUB, off, f, base);
	is_shifti(s, ARM_ROR, g, off, 3); /* a misaligned offset becomes huge */
	is_cmpi(s, ARM_CMP, g, c->nfuncs);
	is_trapcc(s, ARM_CS, TRAP_SIG_MISMATCH);
	sym_name(name, sizeof name, s->im->name, SYM_FUNC_DOMAINS, 0);
	is_movsym(s, doms, is_sym(s, false, name), 0);
	MIns *l = is_ins(s, MIR_LDRR);
	l->aux = ARM_LDR, l->r[0] = dw, l->r[1] = doms, l->r[2] = g, l->imm = 2;
	sym_name(name, sizeof name, s->im->name, SYM_XGATES, 0);
	is_movsym(s, gates, is_sym(s, false, name), 0);
	l = is_ins(s, MIR_LDRR);
	l->aux = ARM_LDR, l->r[0] = gate, l->r[1] = gates, l->r[2] = g, l->imm = 2;
	if (me->role == SYNTH_FUNC_SHARED) {
		is_cmpi(s, ARM_CMN, dw, 1); /* {0xffff, 0xffff}: a shared callee */
		is_csel(s, ARM_EQ, to, code, gate);
	} else {
		uint32_t peer = me->role == SYNTH_FUNC_ADAPTER ? (uint32_t)me->peer : 0xffffu;
		is_cmp(s, ARM_CMP, dw, is_konst(s, ((uint32_t)me->component & 0xffffu) | peer << 16));
		is_csel(s, ARM_EQ, to, code, gate);
		is_cmpi(s, ARM_CMN, dw, 1);
		is_csel(s, ARM_EQ, to2, code, to);
		to = to2;
	}
	is_cmpi(s, ARM_CMP, to, 0);
	is_trapcc(s, ARM_EQ, TRAP_SIG_MISMATCH);
	return to;
}

void is_sel_call_indirect(S *s, IrBlock *b, IrIns *i)
{
	const SynthModuleDesc *md = s->im->mod;
	const SynthFuncType *t = &md->types[i->imm];
	IrType *types, *rt;
	uint32_t *alo, *ahi, *rlo, *rhi;
	if (!call_operands(s, b, i, t, &types, &alo, &ahi, &rt, &rlo, &rhi))
		return;
	uint32_t idx = s->lo[ir_args(i)[t->nparams]];
	uint32_t ctl = is_vreg(s), size = is_vreg(s), elems = is_vreg(s), f = is_vreg(s), sig = is_vreg(s), want = is_vreg(s),
	         code = is_vreg(s);
	is_table_ctl(s, i->aux, ctl);
	is_ldr(s, ARM_LDR, size, ctl, 4);
	is_cmp(s, ARM_CMP, idx, size);
	is_trapcc(s, ARM_CS, TRAP_UNDEFINED_ELEMENT);
	is_ldr(s, ARM_LDR, elems, ctl, 0);
	MIns *l = is_ins(s, MIR_LDRR);
	l->aux = ARM_LDR, l->r[0] = f, l->r[1] = elems, l->r[2] = idx, l->imm = 2;
	is_cmpi(s, ARM_CMP, f, 0);
	is_trapcc(s, ARM_EQ, TRAP_UNINITIALIZED);
	is_ldr(s, ARM_LDR, sig, f, 0);
	char name[SY_SYM_MAX];
	sym_sig(name, sizeof name, t);
	is_movsym(s, want, is_sym(s, false, name), 0);
	is_cmp(s, ARM_CMP, sig, want);
	is_trapcc(s, ARM_NE, TRAP_SIG_MISMATCH);
	is_ldr(s, ARM_LDR, code, f, 4);
	if (s->im->comps)
		code = indirect_gate(s, f, code);
	call_full(s, 0, code, t->nparams, types, alo, ahi, t->nresults, rt, rlo, rhi);
}
