/* bce.c - bounds-check elimination.
 *
 * Every LOAD and STORE is bounds-checked by instruction selection in trap
 * mode (`a + offset + size <= memory size`, else trap) and masked into the
 * memory's reservation in mask mode. This pass marks, in IrIns.chk
 * (IR_CHK_* in ir.h), the accesses that need less. It rests on one fact of
 * WebAssembly: a memory never shrinks (memory.grow only grows it, nothing
 * else changes its size), so a check that passed stays true for the rest
 * of the function, across calls and memory.grow alike.
 *
 * 1. In bounds (IR_CHK_INBOUNDS, both modes): the range analysis
 *    (range.c) bounds the address a by [lo, hi]; when hi + offset + size is
 *    within the memory's declared minimum size, every execution is in
 *    bounds: no check (trap), no mask (mask: the address is inside the
 *    reservation already). Loop counters with a known bound and the
 *    addresses made from them (base + i * 4 + c) are the usual case.
 * 2. Merged checks (IR_CHK_MERGED, trap mode): a load F whose address a is
 *    also accessed further on in its block at a larger end (a + 4, a + 8,
 *    ...: an unrolled loop's loads) checks the largest end at once, so the
 *    later accesses become covered (3). Moving a later access's trap up to
 *    F is only allowed over nothing anyone can observe: F and everything
 *    between F and the last access it covers must be loads or speculable
 *    instructions (no store, call, global.set, memory.grow, bulk memory
 *    operation, or instruction that traps otherwise, such as a division:
 *    a different trap would be visible). A WebAssembly store that runs
 *    before a trap stays visible, so a check never moves above a store;
 *    the last access covered may itself be a store (its check comes before
 *    it). Accesses of the same value at different offsets merge, and so do
 *    a and a + C (C constant: an unrolled loop's a[i], a[i + 1], ...) when
 *    the range analysis proves a + C does not wrap, or when a wrapping
 *    a + C means a is so large that F's own access is past any size the
 *    memory can reach (its reservation: memory.grow fails beyond it), so
 *    F traps anyway; likewise b + C1 and b + C2 when neither wraps.
 *    The forward scan stops after 64 instructions (linear cost).
 * 3. Covered (IR_CHK_COVERED, trap mode): an access whose check is implied
 *    by one that dominates it -- same memory, same address value, an end
 *    at least as large -- needs none. The walk goes down the dominator
 *    tree with a scoped table of (memory, address) -> largest end checked;
 *    no fact is ever killed (memories never shrink). A check of b up to E
 *    also covers a = b + C (C constant) up to E - C: b + E <= size means
 *    b + C cannot have wrapped. A check of a = b + C up to E tells about b
 *    only when b + C cannot wrap (range analysis).
 * 4. Loop versioning (bce_loop.c, trap mode, between 1 and 2): a counted
 *    single-block loop whose bound is known only at run time runs an
 *    unchecked copy (`covered`) when one check of its whole range in the
 *    preheader holds, and the original, checked loop otherwise.
 * Mask mode keeps its masking except for 1; none mode is unaffected. */
#include "opt.h"

#define SCAN 64 /* instructions a merged check looks ahead */

typedef struct Slot {
	uint64_t key;  /* (memory + 1) << 32 | value; 0 = empty */
	uint64_t end;
} Slot;

typedef struct Undo {
	uint32_t slot;
	Slot old;
} Undo;

typedef struct B {
	IrOpt *o;
	IrRange *rg;
	Slot *tab;
	uint32_t mask;
	Undo *undo;
	uint32_t nundo, capundo;
} B;

static uint64_t min_bytes(IrFunc *f, uint32_t k)
{
	if (k >= f->mod->nmems)
		return 0;
	const SynthMemory *m = &f->mod->mems[k];
	if (m->limits.min > (UINT64_MAX >> 32))
		return 0;
	return m->limits.min << m->page_size_log2;
}

/* Decomposes address a into b + C (C a constant, C = 0 and b = a when it
 * is no such addition); *exact when b + C cannot wrap. */
static IrVal split(B *x, IrVal a, uint32_t *C, bool *exact)
{
	IrFunc *f = x->o->f;
	IrIns *d = ir_def_ins(f, a);
	uint64_t c;
	*C = 0, *exact = true;
	if (!d || d->dead || d->op != IR_ADD || d->type != IR_I32)
		return a;
	IrVal p = ir_resolve(f, ir_args(d)[0]), q = ir_resolve(f, ir_args(d)[1]);
	if (ir_const_of(f, p, &c)) {
		IrVal t = p;
		p = q, q = t;
	}
	uint64_t pc;
	if (ir_const_of(f, p, &pc) || !ir_const_of(f, q, &c))
		return a;
	*C = (uint32_t)c;
	*exact = (uint64_t)x->rg[p].hi + *C <= UINT32_MAX;
	return p;
}

static uint32_t find(B *x, uint64_t key)
{
	uint32_t h = (uint32_t)((key * 0x9e3779b97f4a7c15ull) >> 32) & x->mask;
	while (x->tab[h].key && x->tab[h].key != key)
		h = (h + 1) & x->mask;
	return h;
}

static uint64_t lookup(B *x, uint32_t k, IrVal v)
{
	Slot *s = &x->tab[find(x, (uint64_t)(k + 1) << 32 | v)];
	return s->key ? s->end : 0;
}

static bool record(B *x, uint32_t k, IrVal v, uint64_t end)
{
	uint64_t key = (uint64_t)(k + 1) << 32 | v;
	uint32_t h = find(x, key);
	if (x->tab[h].key && x->tab[h].end >= end)
		return true;
	if (!sy_arena_grow(&x->o->scratch, (void **)&x->undo, &x->capundo, x->nundo + 1, sizeof *x->undo))
		return false;
	x->undo[x->nundo++] = (Undo){h, x->tab[h]};
	x->tab[h] = (Slot){key, end};
	return true;
}

static bool is_access(const IrIns *i) { return !i->dead && (i->op == IR_LOAD || i->op == IR_STORE); }

static uint64_t own_end(const IrIns *i) { return i->imm + (i->aux & 0xff); }

/* Where the check of access i ends, in i's own address frame. */
static uint64_t check_end(const IrIns *i)
{
	uint64_t e = own_end(i);
	return i->chk == IR_CHK_MERGED && i->chkend > e ? i->chkend : e;
}

/* The most bytes memory k can ever hold: its reservation (the runtime's
 * memory.grow fails beyond it) for a memory of the module, else the
 * declared maximum, else 4 GiB. */
uint64_t bce_max_bytes(IrFunc *f, uint32_t k)
{
	const uint64_t G4 = (uint64_t)1 << 32;
	if (k >= f->mod->nmems)
		return G4;
	const SynthMemory *m = &f->mod->mems[k];
	if (f->mem_reserve && !m->imported && f->mem_reserve[k])
		return f->mem_reserve[k];
	if (m->limits.has_max && m->limits.max <= (G4 >> m->page_size_log2))
		return m->limits.max << m->page_size_log2;
	return G4;
}

/* Where the access L ends in the frame of F's address a, when a check of
 * F reaching that far fails only if L's would, and step 3 then finds L
 * covered; UINT64_MAX otherwise. L of a itself; L of a + C (C constant),
 * when a + C cannot wrap (range), or when a wrapping a + C would put F's
 * own access past any size the memory can reach (C below 2^32 - max
 * bytes + e_F, e_F F's own end): F traps anyway. With F of
 * b + C1 that cannot wrap: L of b + C2 (C2 >= C1) that cannot wrap
 * either, or L of b itself. */
static uint64_t end_in_frame(B *x, IrIns *F, IrIns *L, uint64_t maxb)
{
	IrFunc *f = x->o->f;
	IrVal a = ir_resolve(f, ir_args(F)[0]), a2 = ir_resolve(f, ir_args(L)[0]);
	if (a2 == a)
		return own_end(L);
	uint32_t C1, C2;
	bool exact1, exact2;
	IrVal b1 = split(x, a, &C1, &exact1), b2 = split(x, a2, &C2, &exact2);
	if (b2 == a) { /* L of a + C2 */
		if (!exact2 && (uint64_t)C2 + maxb >= ((uint64_t)1 << 32) + own_end(F))
			return UINT64_MAX;
		return C2 + own_end(L);
	}
	if (b1 == a || !exact1)
		return UINT64_MAX;
	if (a2 == b1) /* L of b, F of b + C1 */
		return own_end(L) > C1 ? own_end(L) - C1 : UINT64_MAX;
	if (b2 == b1 && exact2 && C2 >= C1)
		return C2 - C1 + own_end(L);
	return UINT64_MAX;
}

/* 2: merged checks in block b. */
static void merge(B *x, IrBlock *b)
{
	IrFunc *f = x->o->f;
	for (uint32_t k = 0; k < b->nins; k++) {
		IrIns *F = &b->ins[k];
		if (!is_access(F) || F->op != IR_LOAD || F->chk != IR_CHK_FULL)
			continue;
		uint32_t mem = F->aux >> 16;
		uint64_t maxb = bce_max_bytes(f, mem), end = own_end(F);
		for (uint32_t j = k + 1, n = 0; j < b->nins && n < SCAN; j++, n++) {
			IrIns *L = &b->ins[j];
			if (L->dead)
				continue;
			if (is_access(L)) {
				if ((L->aux >> 16) == mem && L->chk != IR_CHK_INBOUNDS) {
					uint64_t e = end_in_frame(x, F, L, maxb);
					if (e != UINT64_MAX && e > end)
						end = e;
				}
				if (L->op == IR_STORE)
					break; /* its effect is visible: nothing past it moves up */
				continue;
			}
			if (!ir_speculable(L) && L->op != IR_NOP && L->op != IR_GLOBALGET && L->op != IR_MEMSIZE)
				break;
		}
		if (end > own_end(F) && end <= UINT32_MAX) {
			F->chk = IR_CHK_MERGED;
			F->chkend = (uint32_t)end;
		}
	}
}

/* 3: covered accesses in block b, recording its checks. */
static bool cover(B *x, IrBlock *b)
{
	IrFunc *f = x->o->f;
	for (uint32_t k = 0; k < b->nins; k++) {
		IrIns *i = &b->ins[k];
		if (!is_access(i) || i->chk == IR_CHK_INBOUNDS)
			continue;
		uint32_t mem = i->aux >> 16, C;
		bool exact;
		IrVal a = ir_resolve(f, ir_args(i)[0]);
		IrVal base = split(x, a, &C, &exact);
		uint64_t end = check_end(i);
		if (lookup(x, mem, a) >= end || (base != a && lookup(x, mem, base) >= end + C)) {
			i->chk = IR_CHK_COVERED;
			continue;
		}
		if (!record(x, mem, a, end) || (base != a && exact && !record(x, mem, base, end + C)))
			return false;
	}
	return true;
}

SynthStatus ir_pass_bce(IrOpt *o)
{
	IrFunc *f = o->f;
	SyArena *ar = &o->scratch;
	if (!ir_cfg(o))
		return sy_nomem(o->ctx);
	B x = {.o = o};
	if (!(x.rg = ir_ranges(o)))
		return sy_nomem(o->ctx);
	/* 1: in bounds for every value the address can take */
	uint32_t naccess = 0;
	for (uint32_t r = 0; r < o->nrpo; r++) {
		IrBlock *b = f->blocks[o->rpo[r]];
		for (uint32_t k = 0; k < b->nins; k++) {
			IrIns *i = &b->ins[k];
			if (!is_access(i))
				continue;
			naccess++;
			IrVal a = ir_resolve(f, ir_args(i)[0]);
			if ((uint64_t)x.rg[a].hi + own_end(i) <= min_bytes(f, i->aux >> 16))
				i->chk = IR_CHK_INBOUNDS;
		}
	}
	if (!naccess)
		return SYNTH_OK;
	/* 4 (bce_loop.c): counted loops behind one check of their range */
	bool changed = false;
	if (f->bounds == SYNTH_BOUNDS_TRAP && !ir_bce_loops(o, &changed))
		return sy_nomem(o->ctx);
	if (changed && (!ir_cfg(o) || !(x.rg = ir_ranges(o))))
		return sy_nomem(o->ctx);
	for (uint32_t r = 0; r < o->nrpo; r++)
		merge(&x, f->blocks[o->rpo[r]]);
	/* 3: down the dominator tree, two facts at most per access */
	uint32_t cap = 16;
	while (cap < 4 * naccess)
		cap *= 2;
	x.tab = sy_arena_array(ar, cap, sizeof *x.tab);
	x.mask = cap - 1;
	uint32_t *stack = sy_arena_array(ar, (size_t)f->nblocks * 3, sizeof *stack);
	if (!x.tab || !stack)
		return sy_nomem(o->ctx);
	/* frames: block, next child, undo mark */
	uint32_t sp = 0;
	stack[sp++] = 0, stack[sp++] = o->dom_first[0], stack[sp++] = 0;
	if (!cover(&x, f->blocks[0]))
		return sy_nomem(o->ctx);
	while (sp) {
		uint32_t b = stack[sp - 3], *next = &stack[sp - 2];
		if (*next < o->dom_first[b + 1]) {
			uint32_t c = o->dom_kids[(*next)++];
			uint32_t mark = x.nundo;
			if (!cover(&x, f->blocks[c]))
				return sy_nomem(o->ctx);
			stack[sp++] = c, stack[sp++] = o->dom_first[c], stack[sp++] = mark;
			continue;
		}
		uint32_t mark = stack[sp - 1];
		while (x.nundo > mark) {
			Undo *u = &x.undo[--x.nundo];
			x.tab[u->slot] = u->old;
		}
		sp -= 3;
	}
	return SYNTH_OK;
}
