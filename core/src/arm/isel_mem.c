/* isel_mem.c - instruction selection of memory accesses: memory bases,
 * bounds checks against cached sizes and their reloads after calls that may
 * grow a memory (drop_dead_sizes removes the dead ones), loads and stores,
 * globals, table control blocks and bulk memory/table operations (see isel.c). */
#include "isel_internal.h"

/* ---- memories ---- */

void is_need_mem(S *s, uint32_t k)
{
	if (s->memctl[k])
		return;
	s->memctl[k] = is_vreg(s);
	s->membase[k] = is_vreg(s);
	if (s->im->bounds == SYNTH_BOUNDS_TRAP)
		s->membytes[k] = is_vreg(s);
}

/* Reloads the cached sizes of the memories after something that may have
 * grown one (a call); drop_dead_sizes later removes the reloads no check
 * reads. */
void is_reload_sizes(S *s)
{
	s->nchk = 0; /* a call may have grown a memory: its checks start over */
	for (uint32_t k = 0; k < s->im->mod->nmems; k++)
		if (s->membytes[k]) {
			MIns *i = is_ins(s, MIR_LDR);
			i->aux = ARM_LDR, i->r[0] = s->membytes[k], i->r[1] = s->memctl[k], i->imm = 4;
			for (unsigned w = 0; w < 4; w++)
				if (s->memlimit[k][w])
					is_dpi(s, ARM_SUB, s->memlimit[k][w], s->membytes[k], 1u << w);
		}
}

/* ---- addresses ---- */

/* Splits the index held in vreg a into x + c (mod 2^32): x the vreg of
 * the IR value a adds a constant to (through up to four adds or subtracts
 * of constants), 0 when a is a constant, a itself otherwise; *xv is x's IR
 * value (0 when none). A value whose instruction is folded into its user
 * (fold_shifts, fold_muls) has no register and is not split off. */
static uint32_t split_index(S *s, uint32_t a, uint32_t *c, IrVal *xv)
{
	IrVal v = a < s->nvalof ? s->valof[a] : 0;
	*c = 0;
	*xv = v;
	if (!v)
		return a;
	uint32_t sum = 0;
	for (unsigned n = 0; n < 4; n++) {
		IrIns *d = is_def(s, v);
		uint64_t kb;
		if (!d || d->dead || d->val != v || d->type != IR_I32)
			break;
		if (d->op == IR_CONST) {
			*c = sum + (uint32_t)d->imm;
			*xv = 0;
			return 0;
		}
		if (d->op != IR_ADD && d->op != IR_SUB)
			break;
		IrVal *g = ir_args(d), y;
		uint32_t kk;
		if (is_const(s, g[1], &kb))
			y = g[0], kk = d->op == IR_ADD ? (uint32_t)kb : 0u - (uint32_t)kb;
		else if (d->op == IR_ADD && is_const(s, g[0], &kb))
			y = g[1], kk = (uint32_t)kb;
		else
			break;
		if (s->folded[y] || !is_def(s, y))
			break;
		sum += kk;
		v = y;
		*c = sum;
		*xv = v;
	}
	return *xv == (a < s->nvalof ? s->valof[a] : 0) ? a : s->lo[*xv];
}

/* Starts the cache of address registers over in a new block. */
static void abase_block(S *s)
{
	uint32_t blk = (uint32_t)(s->b - s->m->blocks);
	if (s->abaseblk != blk)
		s->nabase = 0, s->abaseblk = blk;
}

/* The register made in this block holding memory k's base + x + add, or 0. */
static uint32_t abase_find(S *s, uint32_t k, uint32_t x, uint32_t add)
{
	abase_block(s);
	for (uint32_t q = 0; q < s->nabase; q++)
		if (s->abase[q].k == k && s->abase[q].x == x && s->abase[q].add == add)
			return s->abase[q].p;
	return 0;
}

/* A register holding memory k's base + x + add (x a vreg or 0), made once
 * per block: x and the base never change within a block (a phi's register
 * is written only by the copies at the end of its predecessors). */
static uint32_t abase_get(S *s, uint32_t k, uint32_t x, uint32_t add)
{
	if (!x && !add)
		return s->membase[k];
	uint32_t p = abase_find(s, k, x, add);
	if (p)
		return p;
	p = is_vreg(s);
	if (!x)
		is_dpi(s, ARM_ADD, p, s->membase[k], add);
	else if (!add)
		is_dp(s, ARM_ADD, p, s->membase[k], x);
	else
		is_dpi(s, ARM_ADD, p, abase_get(s, k, x, 0), add);
	if (s->nabase < sizeof s->abase / sizeof s->abase[0])
		s->abase[s->nabase].k = k, s->abase[s->nabase].x = x, s->abase[s->nabase].add = add,
		s->abase[s->nabase].p = p, s->nabase++;
	return p;
}

/* Whether an access with bounds check chk is addressed from the memory's
 * base without masking (where mem_addr reassociates its index). */
static bool addr_plain(const S *s, uint32_t chk)
{
	return s->im->bounds != SYNTH_BOUNDS_MASK || chk == IR_CHK_INBOUNDS;
}

/* Marks in s->addr_only the i32 values every use of which is the index of
 * a load or store of memory k addressed from its base (addr_plain) with no
 * trap-mode check, in a loop or at displacement 0 (index split as x + c,
 * c + offset = 0): reg_form addresses such an access without the value,
 * which then goes unless a use of it is not an access. */
bool is_mark_addr_only(S *s)
{
	IrFunc *ir = s->ir;
	uint32_t *mem = sy_arena_array(s->m->ar, ir->nvals, sizeof *mem);
	s->addr_only = sy_arena_alloc(s->m->ar, ir->nvals);
	if (!mem || !s->addr_only)
		return false;
	memset(s->addr_only, 1, ir->nvals);
	for (uint32_t bb = 0; bb < ir->nblocks; bb++) {
		IrBlock *b = ir->blocks[bb];
		for (uint32_t j = 0; j < b->nins; j++) {
			IrIns *i = &b->ins[j];
			if (i->dead)
				continue;
			IrVal *g = ir_args(i);
			uint32_t q = 0;
			if ((i->op == IR_LOAD || i->op == IR_STORE) && i->chk != IR_CHK_ABS && addr_plain(s, i->chk) &&
			    !(s->im->bounds == SYNTH_BOUNDS_TRAP && (i->chk == IR_CHK_FULL || i->chk == IR_CHK_MERGED))) {
				uint32_t c;
				IrVal xv;
				split_index(s, s->lo[g[0]], &c, &xv);
				uint32_t k = (i->aux >> 16) + 1;
				bool ok = b->loop_depth > 0 || c + (uint32_t)i->imm == 0;
				if (!ok || (mem[g[0]] && mem[g[0]] != k))
					s->addr_only[g[0]] = 0;
				mem[g[0]] = k;
				q = 1;
			}
			for (; q < i->nargs; q++)
				s->addr_only[g[q]] = 0;
		}
	}
	return true;
}

/* Adds up, before block b is selected (into s->b), what a register
 * holding base + x would save for each IR value x that indexes accesses of
 * b as x + constant, so that mem_addr knows when it pays. An access of up
 * to 4 bytes at offset 0 is otherwise one load or store [base, a] with no
 * add; any other access needs an add base + a of its own (1 saved), and
 * the add x + c making a goes away when nothing else reads a (1 saved: no
 * other use, no bounds check in trap mode). The register costs 1. */
void is_count_addr_bases(S *s, IrBlock *b)
{
	abase_block(s);
	for (uint32_t j = 0; j < b->nins; j++) {
		IrIns *i = &b->ins[j];
		if (i->dead || (i->op != IR_LOAD && i->op != IR_STORE) || i->chk == IR_CHK_ABS ||
		    !addr_plain(s, i->chk))
			continue;
		uint32_t c;
		IrVal xv, av = ir_args(i)[0];
		split_index(s, s->lo[av], &c, &xv);
		if (!xv)
			continue;
		bool checked = s->im->bounds == SYNTH_BOUNDS_TRAP &&
		               (i->chk == IR_CHK_FULL || i->chk == IR_CHK_MERGED);
		unsigned gain = ((i->aux & 0xff) > 4 || i->imm) + (xv != av && s->uses[av] == 1 && !checked);
		if (s->xstamp[xv] != s->abaseblk)
			s->xstamp[xv] = s->abaseblk, s->xgain[xv] = 0;
		if (s->xgain[xv] < UINT16_MAX - 2)
			s->xgain[xv] += gain;
	}
}

/* A register holding M__mem<k> + disp (a defined memory's base is that
 * link-time constant), made once in the prologue and shared, as constants
 * in loops are (isel.c, konst). Each holds a register through the
 * function (a movw/movt pair is spilled, not rematerialized), so there are
 * at most four (symbase), and one that saves a single instruction per
 * access (no shift folded, disp an add immediate) only as the function's
 * first (reg_form): with more, the benchmark's larger functions (sha256,
 * dct) spilled more than they saved. 0 when the table is full or disp is
 * beyond a relocation's addend. */
static uint32_t sym_find(const S *s, uint32_t k, uint32_t disp)
{
	for (uint32_t q = 0; q < s->nsymbase; q++)
		if (s->symbase[q].k == k && s->symbase[q].disp == disp)
			return s->symbase[q].r;
	return 0;
}

static uint32_t sym_base(S *s, uint32_t k, uint32_t disp)
{
	uint32_t r = sym_find(s, k, disp);
	if (r)
		return r;
	if (s->nsymbase == sizeof s->symbase / sizeof s->symbase[0] || (int32_t)disp < -32768 ||
	    (int32_t)disp > 32767)
		return 0; /* (a MOVW/MOVT relocation's addend is 16 bits, AAELF) */
	char name[SY_SYM_MAX];
	snprintf(name, sizeof name, "%s__mem%u", s->im->name, k);
	uint32_t d = is_vreg(s);
	MBlock *cur = s->b;
	s->b = &s->m->blocks[0];
	is_movsym(s, d, is_sym(s, false, name), (int32_t)disp);
	s->b = cur;
	s->symbase[s->nsymbase].k = k, s->symbase[s->nsymbase].disp = disp, s->symbase[s->nsymbase].r = d;
	s->nsymbase++;
	return d;
}

/* Addresses an access of up to 4 bytes at a + offset = x + disp
 * (split_index, offset included; x's IR value xv) with an index register
 * when a is read by nothing else (addr_only: no other use, no trap-mode
 * check): a shift of x by 1-3 read only there goes into the access ([base,
 * y, lsl #n]), and inside a loop a defined memory's base + disp is a
 * register made once ([M__mem<k> + disp, y, lsl #n]): one instruction
 * instead of x + disp (one or two), the shift and the access (or base + x
 * and the access). false (nothing emitted) when neither applies. */
static bool reg_form(S *s, uint32_t k, uint32_t a, uint32_t x, IrVal xv, uint32_t disp,
                     uint32_t *preg, int32_t *poff, uint32_t *pidx)
{
	IrVal av = a < s->nvalof ? s->valof[a] : 0;
	if (!av || !s->addr_only[av] || !x || !xv)
		return false;
	uint32_t y = x, sh = 0;
	IrIns *d = is_def(s, xv);
	uint64_t n;
	if (d && !d->dead && d->op == IR_SHL && d->type == IR_I32 && (xv == av || s->uses[xv] == 1) &&
	    is_const(s, ir_args(d)[1], &n) && (n & 31) >= 1 && (n & 31) <= 3 &&
	    !s->folded[ir_args(d)[0]] && is_def(s, ir_args(d)[0]))
		y = s->lo[ir_args(d)[0]], sh = (uint32_t)(n & 31);
	uint32_t bk = s->membase[k];
	if (disp && !sh && (disp <= 4095 || arm_dp_imm_ok(ARM_ADD, ARM_KEEP, disp)) && s->nsymbase &&
	    !sym_find(s, k, disp))
		return false; /* saves one instruction per access: only as the first (sym_base) */
	if (disp && (!s->b->loop_depth || s->im->mod->mems[k].imported || !(bk = sym_base(s, k, disp))))
		return false;
	if (!disp && !sh && y == a)
		return false; /* the plain register form */
	*preg = bk;
	*pidx = y;
	*poff = (int32_t)sh;
	return true;
}

/* Computes the address of an access of size bytes at a + offset in memory
 * k, with the bounds check of the mode as the optimizer's bce pass left it
 * (chk, chkend: IR_CHK_* of ir.h); returns the base register and the
 * immediate offset to use, or (*pidx nonzero) the base register, an index
 * register and in *poff the index's left shift (0-3). */
static void mem_addr(S *s, uint32_t k, uint32_t a, uint64_t offset, unsigned size, uint32_t chk,
                     uint32_t chkend, uint32_t *preg, int32_t *poff, uint32_t *pidx)
{
	is_need_mem(s, k);
	*pidx = 0;
	if (chk == IR_CHK_ABS) {
		/* a machine address (ir/sr.c): [a, #offset], offset modulo 2^32 */
		int32_t d = (int32_t)(uint32_t)offset, top = size > 4 ? 4091 : 4095;
		*preg = a;
		*poff = d;
		if (d < -255 || d > top) {
			*preg = is_vreg(s);
			is_dpi(s, ARM_ADD, *preg, a, (uint32_t)d);
			*poff = 0;
		}
		return;
	}
	uint64_t end = offset + size;
	if (chk == IR_CHK_MERGED && chkend > end)
		end = chkend;
	if (chk == IR_CHK_INBOUNDS && s->im->bounds == SYNTH_BOUNDS_MASK)
		goto plain; /* below the minimum size: inside the reservation, no wrap */
	if (s->im->bounds == SYNTH_BOUNDS_TRAP && (chk == IR_CHK_COVERED || chk == IR_CHK_INBOUNDS))
		goto checked;
	if (s->im->bounds == SYNTH_BOUNDS_TRAP) {
		if (end > 0xffffffffull) {
			MIns *t = is_ins(s, MIR_TRAP);
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
		uint32_t t = is_vreg(s);
		uint32_t lim = !offset && end == size && size <= 8 && !(size & (size - 1))
		             ? s->memlimit[k][__builtin_ctz(size)] : 0;
		if (end <= min_bytes && lim) {
			is_cmp(s, ARM_CMP, a, lim);
			is_trapcc(s, ARM_HI, TRAP_OOB_MEMORY);
		} else if (end <= min_bytes) {
			is_dpi(s, ARM_SUB, t, s->membytes[k], (uint32_t)end);
			is_cmp(s, ARM_CMP, a, t);
			is_trapcc(s, ARM_HI, TRAP_OOB_MEMORY);
		} else {
			is_dpis(s, ARM_ADD, t, a, (uint32_t)end);
			is_trapcc(s, ARM_CS, TRAP_OOB_MEMORY);
			is_cmp(s, ARM_CMP, t, s->membytes[k]);
			is_trapcc(s, ARM_HI, TRAP_OOB_MEMORY);
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
			ea = is_vreg(s);
			is_dpi(s, ARM_ADD, ea, a, (uint32_t)offset);
		}
		uint32_t p = is_vreg(s);
		if (bits < 32) {
			uint32_t m = is_vreg(s);
			MIns *u = is_ins(s, MIR_UBFX);
			u->r[0] = m, u->r[1] = ea, u->imm = (int64_t)bits << 8;
			ea = m;
		}
		if (size <= 4) { /* [base, ea] */
			*preg = s->membase[k];
			*poff = 0;
			*pidx = ea;
			return;
		}
		is_dp(s, ARM_ADD, p, s->membase[k], ea);
		*preg = p;
		*poff = 0;
		return;
	}
plain: {
	/* Reassociation: an index x + c (an i32 add or subtract of a constant,
	 * or a constant) is addressed [base + x, #c + offset]. The hardware's
	 * 32-bit wrap of base + x + c + offset is the address of the access
	 * whenever the access is inside the memory (checked in trap mode just
	 * above on the wasm index x + c, proven by the bce pass in mask mode),
	 * and in --bounds=none the address is defined modulo 2^32 anyway, so
	 * what traps and which bytes are touched do not change. base + x is
	 * made once per block and shared by the accesses at x + c of it. */
	uint32_t c;
	IrVal xv;
	uint32_t x = split_index(s, a, &c, &xv);
	uint32_t disp = c + (uint32_t)offset, add = 0;
	int32_t top = size > 4 ? 4091 : 4095, d = (int32_t)disp;
	if (d < -255 || d > top) {
		/* base + x + (disp rounded down to 4 KiB), shared by the block's
		 * accesses within the same 4 KiB */
		d = (int32_t)(disp & 0xfff);
		if (d > top)
			d -= 0x800;
		add = disp - (uint32_t)d;
	}
	bool shared = xv && s->xstamp[xv] == s->abaseblk && s->xgain[xv] >= 2;
	if (size <= 4 && x && !shared && !abase_find(s, k, x, add) &&
	    reg_form(s, k, a, x, xv, disp, preg, poff, pidx))
		return;
	if (!offset && size <= 4 && (x || add) && !abase_find(s, k, x, add) &&
	    (!x || !shared || (add && !arm_dp_imm_ok(ARM_ADD, ARM_KEEP, add)))) {
		/* [base, a]: the index register is there already, and a base + x
		 * (+ add, one more instruction) register would not save more than
		 * it costs (is_count_addr_bases) */
		*preg = s->membase[k];
		*poff = 0;
		*pidx = a;
		return;
	}
	*preg = abase_get(s, k, x, add);
	*poff = d;
}
}

void is_sel_membase(S *s, uint32_t k, uint32_t d)
{
	is_need_mem(s, k);
	is_mov(s, d, s->membase[k]);
}

/* Whether the f32/f64 access i of memory k at a + offset may use
 * vldr/vstr, which fault on an address that is not 4-aligned (M-profile)
 * where wasm allows any: only when the memory's base is aligned (a defined
 * memory's section is 8-aligned; an imported one's base is not ours to
 * know) and the known low bits of a (ir/align.c) make a + offset a
 * multiple of 4. */
static bool vfp_addr_ok(S *s, IrIns *i, IrVal a, uint32_t k)
{
	if (s->im->mod->mems[k].imported)
		return false;
	if (!s->lowbits) {
		s->lowbits = ir_low_bits(s->ir, s->m->ar);
		if (!s->lowbits) {
			s->oom = true;
			return false;
		}
	}
	return ir_aligned(s->ir, s->lowbits, a, i->imm, 2);
}

/* A base register for vldr/vstr from mem_addr's base p and offset *off
 * (never an index register: mem_addr gives one only for accesses of at most
 * 4 bytes, and those f32 accesses keep ldr, see is_sel_load; its *off is
 * then a shift, not a byte offset). vldr/vstr reach 1020 bytes in
 * multiples of 4, so the rest is added first. */
static uint32_t vfp_base(S *s, uint32_t p, int32_t *off)
{
	if ((*off & 3) || *off > 1020 || *off < -1020) {
		uint32_t q = is_vreg(s);
		is_dpi(s, ARM_ADD, q, p, (uint32_t)*off);
		p = q, *off = 0;
	}
	return p;
}

static void vldst(S *s, MirOp op, bool dbl, uint32_t r, uint32_t base, int32_t off)
{
	MIns *m = is_ins(s, op);
	m->aux = (op == MIR_LDR ? ARM_LDR : ARM_STR) | (dbl ? MIR_DBL : 0);
	m->r[0] = r, m->r[1] = base, m->imm = off;
}

void is_sel_load(S *s, IrIns *i)
{
	IrVal a = ir_args(i)[0];
	uint32_t k = i->aux >> 16, size = i->aux & 0xff;
	bool sign = i->aux & IR_MEM_SIGNED;
	uint32_t p, x;
	int32_t off;
	/* f32 into an S register, f64 into a D register (fpu64) with vldr
	 * when aligned: no trip through core registers. An f32 whose address
	 * would be [base, index] keeps ldr + vmov (vldr would need an add). */
	bool f32v = size == 4 && i->type == IR_F32 && is_vfp(s, s->lo[i->val]);
	bool f64v = size == 8 && i->type == IR_F64 && s->im->fpu64;
	bool fast = (f32v || f64v) && vfp_addr_ok(s, i, a, k);
	mem_addr(s, k, s->lo[a], i->imm, size, i->chk, i->chkend, &p, &off, &x);
	if (fast && !x) {
		uint32_t base = vfp_base(s, p, &off);
		if (f32v) {
			vldst(s, MIR_LDR, false, s->lo[i->val], base, off);
			return;
		}
		uint32_t d = is_dvreg(s);
		vldst(s, MIR_LDR, true, d, base, off);
		is_pair_from_d(s, s->lo[i->val], s->hi[i->val], d);
		return;
	}
	ArmMemOp op = size == 1 ? (sign ? ARM_LDRSB : ARM_LDRB)
	            : size == 2 ? (sign ? ARM_LDRSH : ARM_LDRH) : ARM_LDR;
	uint32_t lo = s->lo[i->val];
	if (x) {
		uint32_t t = is_bits_dst(s, lo);
		MIns *l = is_ins(s, MIR_LDRR);
		l->aux = op, l->r[0] = t, l->r[1] = p, l->r[2] = x, l->imm = off;
		is_set_bits(s, lo, t);
	} else {
		is_ldr(s, op, lo, p, off);
	}
	if (pair((IrType)i->type)) {
		uint32_t hi = s->hi[i->val];
		if (size == 8)
			is_ldr(s, ARM_LDR, hi, p, off + 4);
		else if (sign)
			is_shifti(s, ARM_ASR, hi, lo, 31);
		else
			is_movi(s, hi, 0);
	}
}

void is_sel_store(S *s, IrIns *i)
{
	IrVal a = ir_args(i)[0], v = ir_args(i)[1];
	uint32_t k = i->aux >> 16, size = i->aux & 0xff;
	uint32_t p, x;
	int32_t off;
	/* an f32 in an S register or an f64 with a D register home (fpu64):
	 * vstr when aligned, as loads do */
	bool f32v = size == 4 && is_vfp(s, s->lo[v]);
	uint32_t dh = size == 8 && s->im->fpu64 ? is_get_dhome(s, s->lo[v]) : 0;
	bool fast = (f32v || dh) && vfp_addr_ok(s, i, a, k);
	mem_addr(s, k, s->lo[a], i->imm, size, i->chk, i->chkend, &p, &off, &x);
	if (fast && !x) {
		uint32_t base = vfp_base(s, p, &off);
		vldst(s, MIR_STR, dh != 0, dh ? dh : s->lo[v], base, off);
		return;
	}
	ArmMemOp op = size == 1 ? ARM_STRB : size == 2 ? ARM_STRH : ARM_STR;
	if (x) {
		uint32_t val = is_core_of(s, s->lo[v]); /* (before is_ins(): it may emit a move) */
		MIns *st = is_ins(s, MIR_STRR);
		st->aux = op, st->r[0] = val, st->r[1] = p, st->r[2] = x, st->imm = off;
		return;
	}
	is_str(s, op, s->lo[v], p, off);
	if (size == 8)
		is_str(s, ARM_STR, s->hi[v], p, off + 4);
}

/* ---- globals, tables and bulk memory/table operations ---- */

void is_global_addr(S *s, uint32_t g, uint32_t d)
{
	const SynthModuleDesc *md = s->im->mod;
	char name[SY_SYM_MAX];
	if (md->globals[g].imported) {
		for (uint32_t k = 0; k < md->nimports; k++)
			if (md->imports[k].kind == SYNTH_EXTERN_GLOBAL && md->imports[k].index == g)
				sym_import(name, sizeof name, s->im->name, &md->imports[k]);
	} else {
		sym_name(name, sizeof name, s->im->name, SYM_GLOBAL, g);
	}
	is_movsym(s, d, is_sym(s, false, name), 0);
}



/* Address of table t's control block (or the import it comes from). */
void is_table_ctl(S *s, uint32_t t, uint32_t d)
{
	const SynthModuleDesc *md = s->im->mod;
	char name[SY_SYM_MAX];
	if (md->tables[t].imported) {
		for (uint32_t k = 0; k < md->nimports; k++)
			if (md->imports[k].kind == SYNTH_EXTERN_TABLE && md->imports[k].index == t)
				sym_import(name, sizeof name, s->im->name, &md->imports[k]);
	} else {
		sym_name(name, sizeof name, s->im->name, SYM_TABLECTL, t);
	}
	is_movsym(s, d, is_sym(s, false, name), 0);
}

static uint32_t seg_addr(S *s, SymKind kind, uint32_t idx)
{
	char name[300];
	sym_name(name, sizeof name, s->im->name, kind, idx);
	uint32_t d = is_vreg(s);
	is_movsym(s, d, is_sym(s, false, name), 0);
	return d;
}

/* Table and bulk-memory operations: runtime helpers with exact bounds. */
void is_sel_bulk(S *s, IrIns *i)
{
	IrVal *a = ir_args(i);
	static const IrType t5[5] = {IR_I32, IR_I32, IR_I32, IR_I32, IR_I32};
	uint32_t lo[5] = {0}, ctl, ctl2;
	uint32_t d = i->val ? s->lo[i->val] : 0;
	switch (i->op) {
	case IR_TABLEGROW: /* table.grow(init, n) */
		ctl = is_vreg(s);
		is_table_ctl(s, i->aux, ctl);
		lo[0] = ctl, lo[1] = s->lo[a[0]], lo[2] = s->lo[a[1]];
		is_helper(s, "synth_rt_table_grow", 3, t5, lo, NULL, IR_I32, d, 0);
		return;
	case IR_TABLEFILL: /* (i, val, n) */
		ctl = is_vreg(s);
		is_table_ctl(s, i->aux, ctl);
		lo[0] = ctl, lo[1] = s->lo[a[0]], lo[2] = s->lo[a[1]], lo[3] = s->lo[a[2]];
		is_helper(s, "synth_rt_table_fill", 4, t5, lo, NULL, IR_NONE, 0, 0);
		return;
	case IR_TABLECOPY:
		ctl = is_vreg(s), ctl2 = is_vreg(s);
		is_table_ctl(s, i->aux >> 16, ctl);
		is_table_ctl(s, i->aux & 0xffff, ctl2);
		lo[0] = ctl, lo[1] = ctl2, lo[2] = s->lo[a[0]], lo[3] = s->lo[a[1]], lo[4] = s->lo[a[2]];
		is_helper(s, "synth_rt_table_copy", 5, t5, lo, NULL, IR_NONE, 0, 0);
		return;
	case IR_TABLEINIT:
		ctl = is_vreg(s);
		is_table_ctl(s, i->aux >> 16, ctl);
		lo[0] = ctl, lo[1] = seg_addr(s, SYM_ELEMSEG, i->aux & 0xffff);
		lo[2] = s->lo[a[0]], lo[3] = s->lo[a[1]], lo[4] = s->lo[a[2]];
		is_helper(s, "synth_rt_table_init", 5, t5, lo, NULL, IR_NONE, 0, 0);
		return;
	case IR_MEMINIT:
		is_need_mem(s, i->aux >> 16);
		lo[0] = s->memctl[i->aux >> 16], lo[1] = seg_addr(s, SYM_DATASEG, i->aux & 0xffff);
		lo[2] = s->lo[a[0]], lo[3] = s->lo[a[1]], lo[4] = s->lo[a[2]];
		is_helper(s, "synth_rt_memory_init", 5, t5, lo, NULL, IR_NONE, 0, 0);
		return;
	case IR_ELEMDROP: case IR_DATADROP:
		lo[0] = seg_addr(s, i->op == IR_ELEMDROP ? SYM_ELEMSEG : SYM_DATASEG, (uint32_t)i->imm);
		is_helper(s, "synth_rt_segment_drop", 1, t5, lo, NULL, IR_NONE, 0, 0);
		return;
	}
}

/* ---- dead size reloads (after selection) ---- */

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
bool is_drop_dead_sizes(S *s)
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
	/* per register: the bits of the tracked entries it is (one lookup
	 * per operand instead of a walk over the tracked list) */
	uint64_t *bit = sy_arena_array(m->ar, m->nvregs, sizeof *bit);
	if (!in || !gen || !kill || !bit)
		return false;
	for (uint32_t t = 0; t < nt; t++)
		if (tracked[t] < m->nvregs)
			bit[tracked[t]] |= 1ull << t;
#define BIT(r) ((r) < m->nvregs ? bit[(r)] : 0)
	for (bool removed = true; removed;) {
		removed = false;
		/* reads before writes (gen) and writes (kill) per block */
		for (uint32_t b = 0; b < nb; b++) {
			uint64_t g = 0, kl = 0;
			const MBlock *bl = &m->blocks[b];
			for (uint32_t j = bl->n; j-- > 0;) {
				const MIns *i = &bl->ins[j];
				unsigned nd = mir_ndefs[i->op], nu = mir_nuses[i->op];
				for (unsigned q = 0; q < nd; q++) {
					uint64_t x = BIT(i->r[q]);
					g &= ~x, kl |= x;
				}
				for (unsigned q = nd; q < nd + nu; q++)
					g |= BIT(i->r[q]);
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
				uint64_t d0 = nd == 1 ? BIT(i->r[0]) : 0;
				uint32_t t = d0 ? (uint32_t)__builtin_ctzll(d0) : nt;
				if (t < nt && (i->op == MIR_LDR || i->op == MIR_DPI) && !(live >> t & 1)) {
					i->op = MIR_NOPS; /* dropped below */
					removed = true;
					continue;
				}
				for (unsigned q = 0; q < nd; q++)
					live &= ~BIT(i->r[q]);
				for (unsigned q = nd; q < nd + nu; q++)
					live |= BIT(i->r[q]);
			}
			uint32_t keep = 0;
			for (uint32_t j = 0; j < bl->n; j++)
				if (bl->ins[j].op != MIR_NOPS)
					bl->ins[keep++] = bl->ins[j];
			bl->n = keep;
		}
	}
	return true;
#undef BIT
}
