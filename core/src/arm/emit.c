/* emit.c - encodes allocated machine IR into Thumb-2 with the encoder of
 * encode.h: prologue (stack-limit check, push of the callee-saved registers
 * used, frame), blocks with branches relaxed by arm_resolve, an epilogue per
 * return, and `udf #code` trap stubs shared per trap code (at the end, and
 * as islands within reach of the trap branches: plan_islands), and
 * literal pools (kconst, movsym, place_pool). References to symbols
 * (pool words, MOVW/MOVT pairs, BL) are recorded as relocations at
 * offsets taken from labels, which stay right when branches grow.
 *
 * Frame, from high to low addresses: incoming stack arguments, pushed
 * registers (callee-saved used, lr), spill slots (the most used nearest sp
 * when the frame outgrows the sp-relative offsets: order_slots), outgoing
 * stack arguments at sp; 8-byte aligned as AAPCS requires. */
#include <stdlib.h>
#include <string.h>

#include "mir.h"
#include "emit.h"

#define TRAP_CALL_STACK_EXHAUSTED 10

typedef struct E {
	ArmAsm a;
	const MFunc *f;
	ArmBuf *buf;           /* the output (and its allocator) */
	ArmLabel *blk;         /* label per block */
	uint32_t *thr;         /* per block: where a branch to it goes (jumps threaded) */
	ArmLabel stub[16];     /* trap stub per trap code (0: none yet) */
	bool have_stub[16];
	uint32_t push_mask;    /* registers pushed */
	unsigned vfirst, vcount; /* callee-saved VFP registers pushed: s<vfirst>.. */
	uint32_t frame;        /* bytes below the pushed registers */
	uint32_t pushed;       /* bytes pushed */
	ArmRelocSites *sites;  /* relocation sites (the caller's list) */
	uint32_t first_site;   /* this function's first entry in it */
	uint32_t trap_sym, limit_sym;
	bool no_stack_check;
	bool sympool;          /* symbol addresses from literal pools (else MOVW/MOVT) */
	uint32_t *slotpos;     /* per spill slot: its word in the slot area (NULL: the slot itself) */
	bool open;             /* control may fall out of the code emitted last */
	/* Trap islands (plan_islands): the first pass records where each trap
	 * branch (trap_at, in emission order) and each barrier (bar_at: a block
	 * start that nothing falls into) are; the second places `udf #code`
	 * islands at chosen barriers and aims the branches near them there. */
	bool pass2;
	uint32_t ntrap, ntrap1, captrap, capcode, capcond, nbar, capbar, nisl, next_isl;
	ArmLabel *trap_at, *bar_at;
	uint8_t *trap_code;
	uint8_t *trap_cond;    /* its condition; NO_CHAIN: not a plain B<c> (a relaxable CBZ) */
	uint32_t *trap_isl;    /* pass 2: per trap branch, its island (UINT32_MAX: the end stub;
	                        * CHAIN | h: trap branch h, a B<c> with the same condition and code) */
	ArmLabel *trap_head;   /* pass 2: per trap branch, its label when others chain to it */
	uint32_t *isl_bar;     /* per island: its barrier, ascending */
	uint8_t *isl_code;
	ArmLabel *isl_label;
	bool oom;
} E;

/* Records a relocation site at label l (UINT32_MAX: a new one bound here). */
static void site_at(E *e, uint32_t type, uint32_t sym, int32_t addend, ArmLabel l)
{
	ArmRelocSites *s = e->sites;
	if (s->n == s->cap) {
		uint32_t cap = s->cap ? s->cap * 2 : 64;
		ArmRelocSite *n = e->a.buf->alloc(e->a.buf->ud, s->v, s->cap * sizeof *n, cap * sizeof *n);
		if (!n) {
			e->oom = true;
			return;
		}
		s->v = n;
		s->cap = cap;
	}
	if (l == UINT32_MAX) {
		l = arm_label_new(&e->a);
		arm_bind(&e->a, l);
	}
	s->v[s->n++] = (ArmRelocSite){.label = l, .type = type, .sym = sym, .addend = addend};
}

static void site(E *e, uint32_t type, uint32_t sym, int32_t addend)
{
	site_at(e, type, sym, addend, UINT32_MAX);
}

/* rd = v: one MOV/MVN/MOVW where one does it, else a literal-pool load
 * (one instruction, 2 or 4 bytes plus a shared pool word, instead of the
 * 6-8 bytes of two; arm_resolve falls back to MOVW+MOVT out of reach). */
static void kconst(E *e, ArmReg rd, uint32_t v, ArmFlags fl)
{
	if (arm_dp_imm_ok(ARM_MOV, fl, v))
		arm_const(&e->a, rd, v, fl);
	else
		arm_ldr_const(&e->a, rd, v);
}

/* Places the pending literal pool here (control cannot fall in), marked
 * as data for the listing and the mapping symbols. */
static void place_pool(E *e)
{
	ArmLabel start;
	uint32_t bytes = arm_pool(&e->a, &start);
	if (bytes)
		site_at(e, ARM_SITE_WORDS, bytes, 0, start);
}

static void movsym(E *e, ArmReg rd, uint32_t sym, int32_t addend)
{
	if (e->sympool) {
		/* a pool word with an R_ARM_ABS32 relocation (one per word) */
		bool fresh;
		ArmLabel w = arm_ldr_sym(&e->a, rd, sym, addend, &fresh);
		if (w != UINT32_MAX) {
			if (fresh)
				site_at(e, ARM_R_ABS32, sym, addend, w);
			return;
		}
	}
	site(e, ARM_R_THM_MOVW_ABS_NC, sym, addend);
	arm_movw(&e->a, rd, (uint32_t)addend & 0xffff);
	site(e, ARM_R_THM_MOVT_ABS, sym, addend);
	arm_movt(&e->a, rd, (uint32_t)addend & 0xffff);
}

static void bl(E *e, uint32_t sym)
{
	site(e, ARM_R_THM_CALL, sym, 0);
	arm_bl_disp(&e->a, -4);
}

static ArmLabel stub_of(E *e, unsigned code)
{
	code &= 15;
	if (!e->have_stub[code]) {
		e->stub[code] = arm_label_new(&e->a);
		e->have_stub[code] = true;
	}
	return e->stub[code];
}

/* Grows array *p of *cap elements of size sz to hold n, through buf. */
static bool grow(E *e, void **p, uint32_t *cap, uint32_t n, size_t sz)
{
	if (n <= *cap)
		return true;
	uint32_t nc = *cap ? *cap * 2 : 32;
	while (nc < n)
		nc *= 2;
	void *q = e->buf->alloc(e->buf->ud, *p, *cap * sz, nc * sz);
	if (!q) {
		e->oom = true;
		return false;
	}
	*p = q;
	*cap = nc;
	return true;
}

/* A barrier takes the pending literal pool when its first load is this
 * many bytes back (at most; arm_pool_distance): the next barrier may be
 * past the 1020 bytes of the 16-bit LDR. */
#define POOL_SOON 512
/* Anywhere else outside loops (between two instructions, outside IT
 * blocks), a pool with a branch around it when the first load is this far
 * back: long straight-line code would otherwise leave its loads out of
 * reach (and fall back to MOVW+MOVT with the pool word unused). Not in a
 * loop, where the branch would run every iteration (aes128's unrolled
 * rounds: +0.1 % instructions). */
#define POOL_FORCE 900

#define NO_CHAIN 0xffu
#define CHAIN 0x80000000u

/* Where a trap branch with this code (and condition, or NO_CHAIN) emitted
 * here goes: the function's end stub, or in the second pass what
 * plan_islands chose for it. The first pass records the branch's
 * position, code and condition. */
static ArmLabel trap_target(E *e, unsigned code, unsigned cond)
{
	uint32_t t = e->ntrap++;
	if (e->pass2) {
		if (t >= e->ntrap1)
			return stub_of(e, code);
		if (e->trap_head[t] != UINT32_MAX)
			arm_bind(&e->a, e->trap_head[t]);
		uint32_t k = e->trap_isl[t];
		if (k == UINT32_MAX)
			return stub_of(e, code);
		return k & CHAIN ? e->trap_head[k & ~CHAIN] : e->isl_label[k];
	}
	if (!grow(e, (void **)&e->trap_at, &e->captrap, t + 1, sizeof *e->trap_at) ||
	    !grow(e, (void **)&e->trap_code, &e->capcode, t + 1, sizeof *e->trap_code) ||
	    !grow(e, (void **)&e->trap_cond, &e->capcond, t + 1, sizeof *e->trap_cond))
		return stub_of(e, code);
	e->trap_at[t] = arm_label_new(&e->a);
	arm_bind(&e->a, e->trap_at[t]);
	e->trap_code[t] = (uint8_t)code;
	e->trap_cond[t] = (uint8_t)cond;
	return stub_of(e, code);
}

/* A block starts where nothing falls in (the code before ends in a branch,
 * a return or a trap): the first pass records it as a barrier, the second
 * places there the islands chosen for it. */
static void barrier(E *e, uint32_t loop_depth)
{
	uint32_t j = e->nbar++;
	if (e->pass2) {
		for (; e->next_isl < e->nisl && e->isl_bar[e->next_isl] == j; e->next_isl++) {
			arm_bind(&e->a, e->isl_label[e->next_isl]);
			arm_udf(&e->a, e->isl_code[e->next_isl]);
		}
	} else {
		if (!grow(e, (void **)&e->bar_at, &e->capbar, j + 1, sizeof *e->bar_at))
			return;
		e->bar_at[j] = arm_label_new(&e->a);
		arm_bind(&e->a, e->bar_at[j]);
	}
	/* the literal pool, when its first load may soon lose the 16-bit reach
	 * (in a loop only when about to: a pool there lengthens the loop's
	 * branches, and a CBZ that no longer reaches is two instructions) */
	if (arm_pool_distance(&e->a) > (loop_depth ? POOL_FORCE : POOL_SOON))
		place_pool(e);
}

/* Whether instruction i reads the flags. */
static bool reads_flags(const MIns *i)
{
	switch (i->op) {
	case MIR_BCC: case MIR_TRAPCC: case MIR_SETCC: case MIR_CSEL: case MIR_CSELI: case MIR_VSEL:
		return true;
	case MIR_DP: case MIR_DPS:
		return i->aux == ARM_ADC || i->aux == ARM_SBC;
	case MIR_CMP:
		return (i->aux & MIR_CMP_IF) != 0;
	}
	return false;
}

static bool sets_flags(const MIns *i)
{
	return i->op == MIR_CMP || i->op == MIR_CMPI || i->op == MIR_DPS || i->op == MIR_DPIS ||
	       i->op == MIR_VCMP;
}

/* Frame offsets: outgoing arguments (rounded to 8 bytes) at sp, then the
 * call-result area, then the spill slots. */
static uint32_t outargs_bytes(const MFunc *f) { return (4 * f->outargs + 7) & ~7u; }
static int32_t slot_off(E *e, int64_t slot)
{
	uint32_t w = e->slotpos ? e->slotpos[slot] : (uint32_t)slot;
	return (int32_t)(outargs_bytes(e->f) + e->f->resarea + 4 * w);
}

/* A spilled register's slots (one word, two for a D register) and how hot
 * they are: accesses weighted x8 per loop level. */
typedef struct SlotGroup {
	uint32_t first, width;
	uint64_t weight;
	bool vfp;
} SlotGroup;

static int group_cmp(const void *x, const void *y)
{
	const SlotGroup *p = x, *q = y;
	if (p->weight != q->weight)
		return p->weight > q->weight ? -1 : 1;
	return p->first < q->first ? -1 : p->first > q->first;
}

/* Orders the spill slots of a frame that outgrows the cheap sp-relative
 * offsets (vldr/vstr reach 1020 bytes, ldr/str 4095): VFP slots first, the
 * most used nearest sp, while they fit 1020 bytes; then all others by use.
 * A slot beyond the reach costs several instructions per access (sp_access),
 * so the ones in inner loops come first. Small frames keep their order. */
static void order_slots(E *e)
{
	const MFunc *f = e->f;
	uint32_t base = outargs_bytes(f) + f->resarea, n = f->nslots;
	if (!n)
		return;
	SlotGroup *g = e->buf->alloc(e->buf->ud, NULL, 0, n * sizeof *g);
	bool *vfp = e->buf->alloc(e->buf->ud, NULL, 0, n);
	if (!g || !vfp) {
		e->oom = true;
		goto done;
	}
	memset(g, 0, n * sizeof *g);
	memset(vfp, 0, n);
	bool any_vfp = false;
	for (uint32_t b = 0; b < f->nblocks; b++) {
		const MBlock *bl = &f->blocks[b];
		uint32_t depth = bl->loop_depth < 6 ? bl->loop_depth : 6;
		for (uint32_t k = 0; k < bl->n; k++) {
			const MIns *i = &bl->ins[k];
			if ((i->op != MIR_SPILL && i->op != MIR_RELOAD) || i->imm < 0 || (uint64_t)i->imm >= n)
				continue;
			SlotGroup *sg = &g[i->imm];
			sg->width = i->aux & MIR_DBL ? 2 : 1;
			sg->weight += (uint64_t)1 << (3 * depth);
			sg->vfp |= i->r[0] >= MIR_S0;
			any_vfp |= sg->vfp;
		}
	}
	if (base + 4 * n <= (any_vfp ? 1020u : 4095u))
		goto done; /* every slot is cheap where it is */
	e->slotpos = e->buf->alloc(e->buf->ud, NULL, 0, n * sizeof *e->slotpos);
	if (!e->slotpos) {
		e->oom = true;
		goto done;
	}
	/* the groups, packed: slots no access names (none) are width 1 */
	uint32_t ng = 0;
	for (uint32_t s = 0; s < n;) {
		SlotGroup sg = g[s];
		sg.first = s;
		if (!sg.width)
			sg.width = 1;
		s += sg.width;
		g[ng++] = sg;
	}
	qsort(g, ng, sizeof *g, group_cmp);
	uint32_t pos = 0;
	memset(vfp, 0, n); /* now: placed */
	for (uint32_t q = 0; q < ng; q++)
		if (g[q].vfp && base + 4 * (pos + g[q].width - 1) <= 1020) {
			for (uint32_t w = 0; w < g[q].width; w++)
				e->slotpos[g[q].first + w] = pos++;
			vfp[q] = true;
		}
	for (uint32_t q = 0; q < ng; q++)
		if (!vfp[q])
			for (uint32_t w = 0; w < g[q].width; w++)
				e->slotpos[g[q].first + w] = pos++;
done:
	if (g)
		e->buf->alloc(e->buf->ud, g, n * sizeof *g, 0);
	if (vfp)
		e->buf->alloc(e->buf->ud, vfp, n, 0);
}

/* ldr/str rt, [sp, #off] for any offset: beyond the 12-bit immediate the
 * address is formed in the loaded register itself, or, for a store, in a
 * scratch register saved around it on the stack (pushing moves sp down, so
 * an interrupt can never land on live frame data). */
static void sp_access(E *e, bool load, ArmReg rt, uint32_t off)
{
	ArmAsm *a = &e->a;
	if (off <= 4095) {
		arm_ldst(a, load ? ARM_LDR : ARM_STR, rt, ARM_SP, (int32_t)off, ARM_OFFSET);
		return;
	}
	/* ldr/str rt, [sp, rm]: the offset in a register, no address add */
	if (load) {
		arm_const(a, rt, off, ARM_KEEP);
		arm_ldst_reg(a, ARM_LDR, rt, ARM_SP, rt, 0);
		return;
	}
	ArmReg t = rt == ARM_R12 ? ARM_R11 : ARM_R12;
	arm_push(a, (uint16_t)(1u << t));
	arm_const(a, t, off + 4, ARM_KEEP);
	arm_ldst_reg(a, ARM_STR, rt, ARM_SP, t, 0);
	arm_pop(a, (uint16_t)(1u << t));
}

/* vldr/vstr s<k>, [sp, #off] for any offset (VFP offsets reach 1020). */
static void vsp_access(E *e, bool load, ArmFp fp, unsigned vreg, uint32_t off)
{
	ArmAsm *a = &e->a;
	if (off <= 1020) {
		arm_vldst(a, load, fp, vreg, ARM_SP, (int32_t)off);
		return;
	}
	arm_push(a, 1u << ARM_R12);
	arm_const(a, ARM_R12, off + 4, ARM_KEEP);
	arm_dp_reg(a, ARM_ADD, ARM_KEEP, ARM_R12, ARM_R12, ARM_SP, ARM_LSL, 0);
	arm_vldst(a, load, fp, vreg, ARM_R12, 0);
	arm_pop(a, 1u << ARM_R12);
}

/* sp += bytes (or -=) for any frame size; r12 is free where this is used. */
static void sp_adjust(E *e, bool sub, uint32_t bytes)
{
	ArmAsm *a = &e->a;
	if (arm_dp_imm_ok(sub ? ARM_SUB : ARM_ADD, ARM_ANY, bytes) || bytes <= 4095) {
		arm_dp_imm(a, sub ? ARM_SUB : ARM_ADD, ARM_ANY, ARM_SP, ARM_SP, bytes);
		return;
	}
	arm_const(a, ARM_R12, bytes, ARM_ANY);
	arm_dp_reg(a, sub ? ARM_SUB : ARM_ADD, ARM_ANY, ARM_SP, ARM_SP, ARM_R12, ARM_LSL, 0);
}

/* TBH [pc, idx, lsl #1], the table, then one `b` per distinct target: TBH
 * only branches forward and within 128 KiB, and the branches after it relax
 * to any distance (one more branch per dispatch, a bounded table). */
static void jump_table(E *e, const MIns *i)
{
	ArmAsm *a = &e->a;
	const uint32_t *t = e->f->jt + i->imm;
	uint32_t n = i->aux, nb = e->f->nblocks;
	ArmLabel *tramp = e->buf->alloc(e->buf->ud, NULL, 0, nb * sizeof *tramp);
	if (!tramp) {
		e->oom = true;
		return;
	}
	for (uint32_t b = 0; b < nb; b++)
		tramp[b] = UINT32_MAX;
	arm_tbh(a, (ArmReg)i->r[0]);
	site(e, ARM_SITE_DATA, 2 * n, 0); /* binds the table's label */
	ArmLabel base = e->sites->v[e->sites->n - 1].label;
	for (uint32_t k = 0; k < n; k++) {
		uint32_t to = e->thr[t[k]];
		if (tramp[to] == UINT32_MAX)
			tramp[to] = arm_label_new(a);
		arm_table_entry(a, base, tramp[to]);
	}
	for (uint32_t k = 0; k < n; k++)
		if (tramp[e->thr[t[k]]] != UINT32_MAX) {
			arm_bind(a, tramp[e->thr[t[k]]]);
			arm_b(a, e->blk[e->thr[t[k]]]);
			tramp[e->thr[t[k]]] = UINT32_MAX;
		}
	e->buf->alloc(e->buf->ud, tramp, nb * sizeof *tramp, 0);
}

/* Precision and register index of a VFP operand (D registers for MIR_DBL). */
static ArmFp fpw(const MIns *i) { return (i->aux & MIR_DBL) ? ARM_F64 : ARM_F32; }
static unsigned vix(const MIns *i, ArmReg r)
{
	return (i->aux & MIR_DBL) ? ((unsigned)r - MIR_S0) / 2 : (unsigned)r - MIR_S0;
}

/* The conditional moves of a SETCC, CSELI or CSEL (what executes under
 * which condition): how many (0 to 2), conditions in c[], and each one's
 * source (a register, or MIR_NOREG for the immediate in src_imm[]). */
#define MIR_NOREG 0xffffffffu
static unsigned condmoves(const MIns *i, ArmCond *c, uint32_t *src, uint32_t *src_imm)
{
	ArmCond t = (ArmCond)i->cond, f = (ArmCond)(i->cond ^ 1);
	uint32_t d = i->r[0], x = i->r[1], y = i->r[2];
	switch (i->op) {
	case MIR_SETCC:
		c[0] = t, src[0] = MIR_NOREG, src_imm[0] = 1;
		c[1] = f, src[1] = MIR_NOREG, src_imm[1] = 0;
		return 2;
	case MIR_CSELI:
		if (d == x) {
			c[0] = f, src[0] = MIR_NOREG, src_imm[0] = (uint32_t)i->imm;
			return 1;
		}
		c[0] = t, src[0] = x;
		c[1] = f, src[1] = MIR_NOREG, src_imm[1] = (uint32_t)i->imm;
		return 2;
	case MIR_CSEL:
		if (d == x && d == y)
			return 0;
		if (d == x) {
			c[0] = f, src[0] = y;
			return 1;
		}
		if (d == y) {
			c[0] = t, src[0] = x;
			return 1;
		}
		c[0] = t, src[0] = x;
		c[1] = f, src[1] = y;
		return 2;
	default:
		return 0;
	}
}

/* Emits the n conditional-move instructions from i on (SETCC, CSELI,
 * CSEL, all on one condition or its inverse, at most four moves: see
 * condmove_run) under one IT instruction. */
static void emit_condmoves(E *e, const MIns *i, unsigned n)
{
	ArmCond c[8];
	uint32_t src[8], imm[8], dst[8];
	unsigned m = 0;
	for (unsigned k = 0; k < n; k++) {
		unsigned j = condmoves(&i[k], c + m, src + m, imm + m);
		for (unsigned q = 0; q < j; q++)
			dst[m + q] = i[k].r[0];
		m += j;
	}
	if (!m)
		return;
	char te[4] = {0};
	for (unsigned q = 1; q < m; q++)
		te[q - 1] = c[q] == c[0] ? 't' : 'e';
	arm_it(&e->a, c[0], te);
	for (unsigned q = 0; q < m; q++) {
		if (src[q] == MIR_NOREG)
			arm_const(&e->a, (ArmReg)dst[q], imm[q], ARM_ANY);
		else
			arm_mov(&e->a, ARM_KEEP, (ArmReg)dst[q], (ArmReg)src[q]);
	}
}

/* How many instructions from bl->ins[k] on are conditional moves that one
 * IT instruction can cover (one condition or its inverse, at most four
 * moves in all); 0 when bl->ins[k] is none. */
static unsigned condmove_run(const MBlock *bl, uint32_t k)
{
	ArmCond c[2];
	uint32_t src[2], imm[2];
	unsigned n = 0, moves = 0;
	for (; k + n < bl->n; n++) {
		const MIns *i = &bl->ins[k + n];
		if ((i->op != MIR_SETCC && i->op != MIR_CSELI && i->op != MIR_CSEL) ||
		    (n && (i->cond & ~1u) != (bl->ins[k].cond & ~1u)))
			break;
		unsigned j = condmoves(i, c, src, imm);
		if (moves + j > 4)
			break;
		moves += j;
	}
	return n;
}

static void emit_ins(E *e, const MIns *i, bool flags_live, uint32_t next_block)
{
	ArmAsm *a = &e->a;
	ArmFlags fl = flags_live ? ARM_KEEP : ARM_ANY;
	ArmReg d = (ArmReg)i->r[0], x = (ArmReg)i->r[1], y = (ArmReg)i->r[2], z = (ArmReg)i->r[3];
	switch (i->op) {
	case MIR_MOV:
		if (d != x && (unsigned)d >= MIR_S0)
			arm_vop2(a, ARM_VMOV, fpw(i), vix(i, d), vix(i, x));
		else if (d != x)
			arm_mov(a, ARM_KEEP, d, x);
		break;
	case MIR_FMOVTO: arm_vmov_core(a, false, (unsigned)d - MIR_S0, x); break;
	case MIR_FMOVFROM: arm_vmov_core(a, true, (unsigned)x - MIR_S0, d); break;
	case MIR_VOP3: arm_vop3(a, (ArmVOp3)(i->aux & 0xff), fpw(i), vix(i, d), vix(i, x), vix(i, y)); break;
	case MIR_VOP2: arm_vop2(a, (ArmVOp2)(i->aux & 0xff), fpw(i), vix(i, d), vix(i, x)); break;
	case MIR_DTOV: arm_vmov_core2(a, false, ((unsigned)d - MIR_S0) / 2, x, y); break;
	case MIR_DFROMV: arm_vmov_core2(a, true, ((unsigned)y - MIR_S0) / 2, d, x); break;
	case MIR_VCVTFP:
		if (i->aux)
			arm_vcvt_fp(a, true, ((unsigned)d - MIR_S0) / 2, (unsigned)x - MIR_S0);
		else
			arm_vcvt_fp(a, false, (unsigned)d - MIR_S0, ((unsigned)x - MIR_S0) / 2);
		break;
	case MIR_VCMP:
		arm_vcmp(a, false, fpw(i), vix(i, d), vix(i, x));
		arm_vmrs(a, ARM_PC);
		break;
	case MIR_VCVT: {
		/* the integer is always in an S register */
		ArmVcvt op = (ArmVcvt)(i->aux & 0xff);
		bool to_int = op < ARM_VCVT_FROM_S32, dbl = i->aux & MIR_DBL;
		unsigned dd = (unsigned)d - MIR_S0, xx = (unsigned)x - MIR_S0;
		arm_vcvt(a, op, fpw(i), dbl && !to_int ? dd / 2 : dd, dbl && to_int ? xx / 2 : xx);
		break;
	}
	case MIR_VSEL: arm_vsel(a, (ArmCond)i->cond, fpw(i), vix(i, d), vix(i, x), vix(i, y)); break;
	case MIR_VMRS: arm_vmrs(a, d); break;
	case MIR_VMSR: arm_vmsr(a, d); break;
	case MIR_MOVI: kconst(e, d, (uint32_t)i->imm, fl); break;
	case MIR_MOVSYM: movsym(e, d, i->aux, (int32_t)i->imm); break;
	case MIR_DP:
		arm_dp_reg(a, (ArmDpOp)i->aux, fl, d, x, y, (ArmShift)(i->imm >> 8), (unsigned)(i->imm & 31));
		break;
	case MIR_DPS:
		arm_dp_reg(a, (ArmDpOp)i->aux, ARM_SETS, d, x, y, (ArmShift)(i->imm >> 8), (unsigned)(i->imm & 31));
		break;
	case MIR_DPI: arm_dp_imm(a, (ArmDpOp)i->aux, fl, d, x, (uint32_t)i->imm); break;
	case MIR_DPIS: arm_dp_imm(a, (ArmDpOp)i->aux, ARM_SETS, d, x, (uint32_t)i->imm); break;
	case MIR_CMP:
		if (i->aux & MIR_CMP_IF)
			arm_it(a, (ArmCond)i->cond, "");
		arm_dp_reg(a, (ArmDpOp)(i->aux & ~MIR_CMP_IF), ARM_SETS, d, d, x, ARM_LSL, 0);
		break;
	case MIR_CMPI: arm_dp_imm(a, (ArmDpOp)i->aux, ARM_SETS, d, d, (uint32_t)i->imm); break;
	case MIR_SHIFT: arm_shift_reg(a, (ArmShift)i->aux, fl, d, x, y); break;
	case MIR_SHIFTI: arm_shift_imm(a, (ArmShift)i->aux, fl, d, x, (unsigned)i->imm); break;
	case MIR_MUL: arm_mul(a, fl, d, x, y); break;
	case MIR_MLA: arm_mla(a, i->aux != 0, d, x, y, z); break;
	case MIR_MULL: arm_mull(a, (ArmMulLong)i->aux, d, x, y, z); break;
	case MIR_DIV: arm_div(a, i->aux != 0, d, x, y); break;
	case MIR_BITOP: arm_bitop(a, (ArmBitOp)i->aux, d, x); break;
	case MIR_EXT: arm_extend(a, (ArmExtOp)i->aux, d, x, 0); break;
	case MIR_UBFX: arm_bfx(a, i->aux == 1, d, x, (unsigned)(i->imm & 31), (unsigned)(i->imm >> 8)); break;
	case MIR_LDR:
		if ((unsigned)d >= MIR_S0) /* an aligned f32 word or f64 (isel: ldr_aligned, float loads) */
			arm_vldst(a, true, fpw(i), vix(i, d), x, (int32_t)i->imm);
		else
			arm_ldst(a, (ArmMemOp)i->aux, d, x, (int32_t)i->imm, ARM_OFFSET);
		break;
	case MIR_LDRR: arm_ldst_reg(a, (ArmMemOp)i->aux, d, x, y, (unsigned)i->imm); break;
	case MIR_STR:
		if ((unsigned)d >= MIR_S0)
			arm_vldst(a, false, fpw(i), vix(i, d), x, (int32_t)i->imm);
		else
			arm_ldst(a, (ArmMemOp)i->aux, d, x, (int32_t)i->imm, ARM_OFFSET);
		break;
	case MIR_STRR: arm_ldst_reg(a, (ArmMemOp)i->aux, d, x, y, (unsigned)i->imm); break;
	case MIR_SETCC: case MIR_CSELI: case MIR_CSEL:
		emit_condmoves(e, i, 1);
		break;
	case MIR_B:
		if (e->thr[i->aux] != next_block) {
			arm_b(a, e->blk[e->thr[i->aux]]);
			e->open = false;
		}
		break;
	case MIR_BCC: arm_bcond(a, (ArmCond)i->cond, e->blk[e->thr[i->aux]]); break;
	case MIR_JTAB:
		jump_table(e, i);
		e->open = false;
		break;
	case MIR_TRAPCC: arm_bcond(a, (ArmCond)i->cond, trap_target(e, (unsigned)i->imm, i->cond)); break;
	case MIR_TRAP: /* the trap right here (core/runtime/README.md, "Traps") */
		arm_udf(a, (unsigned)i->imm & 15);
		e->open = false;
		break;
	case MIR_CALL: bl(e, i->aux); break;
	case MIR_CALLR: arm_blx(a, d); break;
	case MIR_FRAMEADDR:
		arm_dp_imm(a, ARM_ADD, fl, d, ARM_SP, outargs_bytes(e->f) + (uint32_t)i->imm);
		break;
	case MIR_RET:
		if (e->frame)
			sp_adjust(e, false, e->frame);
		if (e->vcount)
			arm_vpushpop(a, false, ARM_F32, e->vfirst, e->vcount);
		if (e->push_mask & (1u << ARM_LR))
			arm_pop(a, (uint16_t)((e->push_mask & ~(1u << ARM_LR)) | (1u << ARM_PC)));
		else {
			if (e->push_mask)
				arm_pop(a, (uint16_t)e->push_mask);
			arm_bx(a, ARM_LR);
		}
		e->open = false;
		break;
	case MIR_SPILL:
		if (i->r[0] >= MIR_S0)
			vsp_access(e, false, fpw(i), vix(i, i->r[0]), (uint32_t)slot_off(e, i->imm));
		else
			sp_access(e, false, (ArmReg)i->r[0], (uint32_t)slot_off(e, i->imm));
		break;
	case MIR_RELOAD:
		if (i->r[0] >= MIR_S0)
			vsp_access(e, true, fpw(i), vix(i, i->r[0]), (uint32_t)slot_off(e, i->imm));
		else
			sp_access(e, true, d, (uint32_t)slot_off(e, i->imm));
		break;
	case MIR_LDARG: sp_access(e, true, d, (uint32_t)(e->frame + e->pushed + 4 * i->imm)); break;
	case MIR_STARG: sp_access(e, false, (ArmReg)i->r[0], (uint32_t)(4 * i->imm)); break;
	case MIR_VMOVTS: arm_vmov_core(a, false, (unsigned)i->imm, (ArmReg)i->r[0]); break;
	case MIR_VMOVFS: arm_vmov_core(a, true, (unsigned)i->imm, d); break;
	default: /* an opcode without an encoding is a compiler bug */
		if (a->err == ARM_OK)
			a->err = ARM_ERR_OPERAND;
	}
}

/* Whether block b holds nothing but a jump elsewhere. */
static bool jump_only(const MFunc *f, uint32_t b)
{
	const MBlock *bl = &f->blocks[b];
	return bl->n == 1 && bl->ins[0].op == MIR_B && bl->ins[0].aux != b;
}

/* Whether control never falls out of the bottom of block b. */
static bool ends_in_jump(const MBlock *bl)
{
	if (!bl->n)
		return false;
	switch (bl->ins[bl->n - 1].op) {
	case MIR_B: case MIR_RET: case MIR_TRAP: case MIR_JTAB:
		return true;
	}
	return false;
}

/* Whether instruction k is `cmp rn, #0`. */
static bool cmp_zero(const MBlock *bl, uint32_t k)
{
	return k < bl->n && bl->ins[k].op == MIR_CMPI && bl->ins[k].aux == ARM_CMP && bl->ins[k].imm == 0;
}

/* Whether every reader of the flags set by instruction k (up to the next
 * setter; flags are dead at a block's end) asks only for Z and N (EQ NE MI
 * PL), which any flag-setting instruction leaves as `cmp rd, #0` would. */
static bool reads_zn_only(const MBlock *bl, uint32_t k)
{
	for (uint32_t j = k + 1; j < bl->n; j++) {
		const MIns *i = &bl->ins[j];
		if (reads_flags(i) && (i->op == MIR_DP || i->op == MIR_DPS ||
		                       (i->cond != ARM_EQ && i->cond != ARM_NE && i->cond != ARM_MI &&
		                        i->cond != ARM_PL)))
			return false;
		if (sets_flags(i))
			return true;
	}
	return true;
}

/* Flag reuse: whether instruction k computes, with an encoding that can set
 * the flags, the register that the `cmp #0` right after it tests, for
 * readers of Z and N only; it then sets the flags and the cmp goes. */
static bool sets_for_cmp(const MBlock *bl, uint32_t k)
{
	const MIns *i = &bl->ins[k];
	if (!cmp_zero(bl, k + 1) || bl->ins[k + 1].r[0] != i->r[0] || !reads_zn_only(bl, k + 1))
		return false;
	for (unsigned r = 0; r < 3; r++)
		if (i->r[r] == ARM_SP || i->r[r] == ARM_PC)
			return false;
	switch (i->op) {
	case MIR_DP: case MIR_DPS:
		return i->aux <= ARM_RSB && i->aux != ARM_ADC && i->aux != ARM_SBC;
	case MIR_DPI: case MIR_DPIS:
		return i->aux <= ARM_RSB && i->aux != ARM_ADC && i->aux != ARM_SBC &&
		       arm_dp_imm_ok((ArmDpOp)i->aux, ARM_SETS, (uint32_t)i->imm);
	case MIR_SHIFT:
		return i->aux <= ARM_ROR;
	case MIR_SHIFTI:
		return i->aux <= ARM_ROR && i->imm != 0;
	}
	return false;
}

/* Instruction i (one sets_for_cmp accepts) with the S bit. */
static void emit_setting(E *e, const MIns *i)
{
	ArmReg d = (ArmReg)i->r[0], x = (ArmReg)i->r[1], y = (ArmReg)i->r[2];
	switch (i->op) {
	case MIR_DP: case MIR_DPS:
		arm_dp_reg(&e->a, (ArmDpOp)i->aux, ARM_SETS, d, x, y, (ArmShift)(i->imm >> 8),
		           (unsigned)(i->imm & 31));
		break;
	case MIR_DPI: case MIR_DPIS: arm_dp_imm(&e->a, (ArmDpOp)i->aux, ARM_SETS, d, x, (uint32_t)i->imm); break;
	case MIR_SHIFT: arm_shift_reg(&e->a, (ArmShift)i->aux, ARM_SETS, d, x, y); break;
	case MIR_SHIFTI: arm_shift_imm(&e->a, (ArmShift)i->aux, ARM_SETS, d, x, (unsigned)i->imm); break;
	}
}

/* Pre/post-indexed accesses (writeback), fused after allocation where the
 * registers are final. An access is a core-register LDR/STR at [rn, #0];
 * an update is `add/sub rn, rn, #k` (DPI, so it sets no flags; |k| <= 255).
 *   (a) access; ...; update  ->  `ldr rt, [rn], #k` when nothing in between
 *       reads or writes rn, branches, calls, traps or reads the flags (an IT
 *       block), and rt != rn;
 *   (b) update; access right after it  ->  `ldr rt, [rn, #k]!`.
 * rn is the address register itself, so this fires only where a block
 * keeps a pointer and steps it; wasm accesses mostly address [membase,
 * index] or [membase + index, #offset], whose base is not stepped. fuse[k]
 * is FUSE_POST/FUSE_PRE with the update's offset in off[k] for the access,
 * FUSE_DROP for the update. */
enum { FUSE_NONE, FUSE_POST, FUSE_PRE, FUSE_DROP };

static bool wb_access(const MIns *i)
{
	if ((i->op != MIR_LDR && i->op != MIR_STR) || i->imm != 0 || i->r[0] >= 16 || i->r[1] >= 16)
		return false;
	ArmReg rt = (ArmReg)i->r[0], rn = (ArmReg)i->r[1];
	return rn != ARM_SP && rn != ARM_PC && rt != rn && rt != ARM_PC &&
	       !(rt == ARM_SP && i->op == MIR_LDR) && i->aux <= ARM_STRH;
}

/* The offset of update i of register rn, or 0 when i is not one. */
static int32_t wb_update(const MIns *i, uint32_t rn)
{
	if (i->op != MIR_DPI || i->r[0] != rn || i->r[1] != rn || i->imm <= 0 || i->imm > 255)
		return 0;
	if (i->aux == ARM_ADD)
		return (int32_t)i->imm;
	return i->aux == ARM_SUB ? -(int32_t)i->imm : 0;
}

/* Whether i may stand between an access and the update moved into it. */
static bool wb_crossable(const MIns *i, uint32_t rn)
{
	switch (i->op) {
	case MIR_B: case MIR_BCC: case MIR_JTAB: case MIR_TRAPCC: case MIR_TRAP: case MIR_CALL:
	case MIR_CALLR: case MIR_RET:
		return false;
	}
	if (reads_flags(i))
		return false;
	for (unsigned r = 0; r < (unsigned)mir_ndefs[i->op] + mir_nuses[i->op]; r++)
		if (i->r[r] == rn)
			return false;
	return true;
}

static void plan_writeback(const MBlock *bl, uint8_t *fuse, int32_t *off)
{
	memset(fuse, FUSE_NONE, bl->n);
	for (uint32_t k = 0; k < bl->n; k++) {
		const MIns *i = &bl->ins[k];
		if (fuse[k] != FUSE_NONE)
			continue;
		if (i->op == MIR_DPI && k + 1 < bl->n && fuse[k + 1] == FUSE_NONE &&
		    wb_access(&bl->ins[k + 1]) && wb_update(i, bl->ins[k + 1].r[1])) {
			fuse[k] = FUSE_DROP;
			fuse[k + 1] = FUSE_PRE;
			off[k + 1] = wb_update(i, bl->ins[k + 1].r[1]);
			k++;
			continue;
		}
		if (!wb_access(i))
			continue;
		for (uint32_t j = k + 1; j < bl->n; j++) {
			int32_t d = wb_update(&bl->ins[j], i->r[1]);
			if (d && fuse[j] == FUSE_NONE) {
				fuse[k] = FUSE_POST;
				off[k] = d;
				fuse[j] = FUSE_DROP;
				break;
			}
			if (!wb_crossable(&bl->ins[j], i->r[1]))
				break;
		}
	}
}

/* Jump threading after allocation (spill code and moves are in place, so a
 * block left holding only `b X` really is empty): a branch to such a block
 * goes straight to X (chains followed, cycles left alone), and the block
 * itself is not emitted when nothing falls into it. thr[b] is where a
 * branch to b goes; skip[b] whether b is left out. */
static void thread_jumps(const MFunc *f, uint32_t *thr, bool *skip)
{
	for (uint32_t b = 0; b < f->nblocks; b++) {
		uint32_t t = b, steps = 0;
		while (jump_only(f, t) && steps++ < f->nblocks)
			t = f->blocks[t].ins[0].aux;
		thr[b] = jump_only(f, t) ? b : t; /* a cycle of jumps: keep them */
	}
	for (uint32_t b = 0; b < f->nblocks; b++)
		skip[b] = b > 0 && thr[b] != b && ends_in_jump(&f->blocks[b - 1]);
}

/* Reach of a 16-bit B<c> (displacement from its address + 4), less room for
 * the islands the second pass adds between a branch and its island. */
#define ISLAND_FWD (254 - 16)
#define ISLAND_BACK (256 - 16)

/* After the first pass (resolved): chooses trap islands and chains. A trap
 * branch that a 16-bit B<c> cannot take to its end stub costs 4 bytes (6 as
 * a relaxed CBZ); a `udf #code` island at a barrier within a 16-bit B<c>'s
 * reach of two or more such branches with that code costs 2 and saves 2 per
 * branch. Per code, greedily: the first branch not yet served gets the
 * farthest barrier it reaches, and every branch that reaches it goes there.
 * Then chains: a B<c> to a trap that is still far may go to an earlier
 * trap B<c> with the same condition and code within its reach (branching
 * leaves the flags alone, so that one branches to the trap too): only the
 * first of a run of them (the head) stays 4 bytes. Whether anything was
 * chosen (then trap_isl, trap_head and the island arrays are set). */
static bool plan_islands(E *e)
{
	uint32_t nt = e->ntrap, nb = e->nbar, nbs = nb ? nb : 1;
	if (!nt || e->oom)
		return false;
	ArmBuf *buf = e->buf;
	e->trap_isl = buf->alloc(buf->ud, NULL, 0, nt * sizeof *e->trap_isl);
	e->trap_head = buf->alloc(buf->ud, NULL, 0, nt * sizeof *e->trap_head);
	e->ntrap1 = nt;
	uint32_t *bisl = buf->alloc(buf->ud, NULL, 0, nbs * 16 * sizeof *bisl); /* per barrier x code */
	if (!e->trap_isl || !e->trap_head || !bisl) {
		if (bisl)
			buf->alloc(buf->ud, bisl, nbs * 16 * sizeof *bisl, 0);
		e->oom = true;
		return false;
	}
	for (uint32_t t = 0; t < nt; t++)
		e->trap_isl[t] = e->trap_head[t] = UINT32_MAX;
	for (uint32_t k = 0; k < nb * 16; k++)
		bisl[k] = 0;
	uint32_t nisl = 0;
	for (unsigned c = 0; c < 16; c++) {
		if (!e->have_stub[c])
			continue;
		int64_t end = (int64_t)arm_label_offset(&e->a, e->stub[c]);
		uint32_t bj = 0; /* the barriers before bj are behind the reach of this and later branches */
		for (uint32_t t = 0; t < nt; t++) {
			if (e->trap_code[t] != c || e->trap_isl[t] != UINT32_MAX)
				continue;
			int64_t p = (int64_t)arm_label_offset(&e->a, e->trap_at[t]) + 4;
			if (end - p <= ISLAND_FWD)
				continue; /* the end stub is near */
			while (bj < nb && (int64_t)arm_label_offset(&e->a, e->bar_at[bj]) < p - ISLAND_BACK)
				bj++;
			uint32_t best = UINT32_MAX;
			for (uint32_t j = bj; j < nb && (int64_t)arm_label_offset(&e->a, e->bar_at[j]) <= p + ISLAND_FWD; j++)
				best = j;
			if (best == UINT32_MAX)
				continue;
			int64_t q = (int64_t)arm_label_offset(&e->a, e->bar_at[best]);
			uint32_t n = 0;
			for (int pass = 0; pass < 2; pass++)
				for (uint32_t u = t; u < nt; u++) {
					int64_t pu = (int64_t)arm_label_offset(&e->a, e->trap_at[u]) + 4;
					if (pu - q > ISLAND_BACK)
						break;
					if (e->trap_code[u] != c || e->trap_isl[u] != UINT32_MAX || q - pu > ISLAND_FWD ||
					    end - pu <= ISLAND_FWD)
						continue;
					if (pass == 0)
						n++;
					else if (n >= 2)
						e->trap_isl[u] = best * 16 + c; /* renumbered below */
				}
			if (n >= 2)
				bisl[best * 16 + c] = ++nisl;
		}
	}
	e->nisl = nisl;
	if (nisl) {
		e->isl_bar = buf->alloc(buf->ud, NULL, 0, nisl * sizeof *e->isl_bar);
		e->isl_code = buf->alloc(buf->ud, NULL, 0, nisl);
		e->isl_label = buf->alloc(buf->ud, NULL, 0, nisl * sizeof *e->isl_label);
		if (!e->isl_bar || !e->isl_code || !e->isl_label) {
			e->oom = true;
			nisl = 0;
		}
	}
	/* the islands in barrier order, then code order (their labels are made
	 * for the second pass: arm_emit_func) */
	uint32_t k = 0;
	for (uint32_t q = 0; q < nb * 16 && k < nisl; q++)
		if (bisl[q]) {
			e->isl_bar[k] = q / 16;
			e->isl_code[k] = (uint8_t)(q % 16);
			bisl[q] = k++;
		}
	for (uint32_t t = 0; t < nt; t++)
		if (e->trap_isl[t] != UINT32_MAX)
			e->trap_isl[t] = nisl ? bisl[e->trap_isl[t]] : UINT32_MAX;
	buf->alloc(buf->ud, bisl, nbs * 16 * sizeof *bisl, 0);
	/* chains, per condition and code: the latest branch not chained is the head */
	uint32_t head[15 * 16], nchain = 0;
	for (uint32_t q = 0; q < 15 * 16; q++)
		head[q] = UINT32_MAX;
	for (uint32_t t = 0; t < nt && !e->oom; t++) {
		unsigned cond = e->trap_cond[t], c = e->trap_code[t] & 15u;
		if (cond >= 15)
			continue; /* a relaxable CBZ (its B<c> reads the flags of its own cmp) */
		int64_t p = (int64_t)arm_label_offset(&e->a, e->trap_at[t]) + 4;
		int64_t end = (int64_t)arm_label_offset(&e->a, e->stub[c]);
		uint32_t *h = &head[cond * 16 + c];
		if (e->trap_isl[t] == UINT32_MAX && end - p > ISLAND_FWD && *h != UINT32_MAX &&
		    p - (int64_t)arm_label_offset(&e->a, e->trap_at[*h]) <= ISLAND_BACK) {
			e->trap_isl[t] = CHAIN | *h;
			e->trap_head[*h] = 0; /* a label in the second pass */
			nchain++;
		} else {
			*h = t;
		}
	}
	return nisl > 0 || nchain > 0;
}

static void free_plan(E *e)
{
	ArmBuf *buf = e->buf;
	if (e->trap_at)
		buf->alloc(buf->ud, e->trap_at, e->captrap * sizeof *e->trap_at, 0);
	if (e->trap_code)
		buf->alloc(buf->ud, e->trap_code, e->capcode, 0);
	if (e->bar_at)
		buf->alloc(buf->ud, e->bar_at, e->capbar * sizeof *e->bar_at, 0);
	if (e->trap_cond)
		buf->alloc(buf->ud, e->trap_cond, e->capcond, 0);
	if (e->trap_isl)
		buf->alloc(buf->ud, e->trap_isl, e->ntrap1 * sizeof *e->trap_isl, 0);
	if (e->trap_head)
		buf->alloc(buf->ud, e->trap_head, e->ntrap1 * sizeof *e->trap_head, 0);
	if (e->isl_bar)
		buf->alloc(buf->ud, e->isl_bar, e->nisl * sizeof *e->isl_bar, 0);
	if (e->isl_code)
		buf->alloc(buf->ud, e->isl_code, e->nisl, 0);
	if (e->isl_label)
		buf->alloc(buf->ud, e->isl_label, e->nisl * sizeof *e->isl_label, 0);
}

/* The prologue, the blocks and the end stubs of one pass (not resolved). */
static void emit_body(E *e, const bool *skip)
{
	const MFunc *f = e->f;
	ArmBuf *buf = e->buf;
	e->open = true;
	for (uint32_t b = 0; b < f->nblocks; b++)
		e->blk[b] = arm_label_new(&e->a);
	/* Frame: pushed registers, then slots and outgoing arguments, 8-aligned.
	 * A leaf (no calls) keeps lr and needs no stack check when its frame
	 * fits the reserve the runtime keeps below __synth_stack_limit. */
	bool leaf = !f->calls;
	e->push_mask = f->used_callee | (leaf ? 0 : 1u << ARM_LR);
	uint32_t npush = 0;
	for (uint32_t r = 0; r < 16; r++)
		npush += (e->push_mask >> r) & 1;
	e->pushed = 4 * npush;
	if (f->used_vcallee) {
		unsigned lo = 16, hi = 31;
		while (!(f->used_vcallee & (1u << lo)))
			lo++;
		while (!(f->used_vcallee & (1u << hi)))
			hi--;
		e->vfirst = lo;
		e->vcount = hi - lo + 1;
		e->pushed += 4 * e->vcount;
	}
	e->frame = outargs_bytes(f) + f->resarea + 4 * f->nslots;
	if ((e->pushed + e->frame) & 7)
		e->frame += 4;
	uint32_t need = e->pushed + e->frame;
	if ((leaf && need <= 256) || e->no_stack_check) {
		/* No call, small frame: the reserve below the limit covers it
		 * (or --stack-check=none: the hardware guards the stack). */
		if (e->push_mask)
			arm_push(&e->a, (uint16_t)e->push_mask);
		if (e->vcount)
			arm_vpushpop(&e->a, true, ARM_F32, e->vfirst, e->vcount);
		if (e->frame)
			sp_adjust(e, true, e->frame);
	} else {
		/* Push first (a pushed register then is free), then check that the
		 * frame ends at or above __synth_stack_limit: sp < limit + frame
		 * traps, before sp moves below the pushed registers. The pushed
		 * bytes fall in the reserve the runtime keeps below the limit. The
		 * limit goes to the lowest pushed r4-r7 (16-bit ldr, adds and cmp;
		 * ip otherwise); a frame of nothing but the push needs no add and no
		 * sp decrement. */
		if (!(e->push_mask & (1u << ARM_LR))) {
			e->push_mask |= 1u << ARM_LR;
			e->pushed += 4;
			if ((e->pushed + e->frame) & 7) {
				e->frame += 4;
			}
		}
		arm_push(&e->a, (uint16_t)e->push_mask);
		if (e->vcount)
			arm_vpushpop(&e->a, true, ARM_F32, e->vfirst, e->vcount);
		ArmReg t = ARM_R12;
		for (unsigned r = ARM_R4; r <= ARM_R7; r++)
			if (e->push_mask & (1u << r)) {
				t = (ArmReg)r;
				break;
			}
		movsym(e, t, e->limit_sym, 0);
		arm_ldst(&e->a, ARM_LDR, t, t, 0, ARM_OFFSET);
		if (arm_dp_imm_ok(ARM_ADD, ARM_ANY, e->frame) || e->frame <= 4095) {
			if (e->frame)
				arm_dp_imm(&e->a, ARM_ADD, ARM_ANY, t, t, e->frame);
			arm_dp_reg(&e->a, ARM_CMP, ARM_SETS, ARM_SP, ARM_SP, t, ARM_LSL, 0);
			arm_bcond(&e->a, ARM_CC, trap_target(e, TRAP_CALL_STACK_EXHAUSTED, ARM_CC));
			if (e->frame)
				sp_adjust(e, true, e->frame);
		} else {
			/* a frame size no add takes: lr = sp - frame, checked, then sp */
			kconst(e, ARM_LR, e->frame, ARM_ANY);
			arm_dp_reg(&e->a, ARM_SUB, ARM_ANY, ARM_LR, ARM_SP, ARM_LR, ARM_LSL, 0);
			arm_dp_reg(&e->a, ARM_CMP, ARM_SETS, ARM_LR, ARM_LR, t, ARM_LSL, 0);
			arm_bcond(&e->a, ARM_CC, trap_target(e, TRAP_CALL_STACK_EXHAUSTED, ARM_CC));
			arm_mov(&e->a, ARM_KEEP, ARM_SP, ARM_LR);
		}
	}
	for (uint32_t b = 0; b < f->nblocks; b++) {
		const MBlock *bl = &f->blocks[b];
		if (skip[b])
			continue;
		/* the block emitted after this one: a branch there falls through */
		uint32_t next = b + 1;
		while (next < f->nblocks && skip[next])
			next++;
		if (!e->open)
			barrier(e, bl->loop_depth);
		e->open = true;
		arm_bind(&e->a, e->blk[b]);
		/* flags live after instruction k: a later reader comes before a setter */
		bool live = false;
		uint8_t *flive = NULL, *fuse = NULL;
		int32_t *off = NULL;
		/* flive, fuse, then off (4-aligned) in one allocation */
		size_t offpos = ((size_t)2 * bl->n + 3) & ~(size_t)3, scratch = offpos + (size_t)4 * bl->n;
		if (bl->n) {
			flive = buf->alloc(buf->ud, NULL, 0, scratch);
			if (!flive) {
				e->oom = true;
				break;
			}
			fuse = flive + bl->n;
			off = (int32_t *)(void *)(flive + offpos);
			plan_writeback(bl, fuse, off);
			for (uint32_t k = bl->n; k-- > 0;) {
				flive[k] = live;
				if (sets_flags(&bl->ins[k]))
					live = false;
				if (reads_flags(&bl->ins[k]))
					live = true;
			}
		}
		for (uint32_t k = 0; k < bl->n; k++) {
			const MIns *in = &bl->ins[k];
			e->open = true;
			if (bl->loop_depth == 0 && arm_pool_distance(&e->a) > POOL_FORCE) {
				ArmLabel over = arm_label_new(&e->a);
				arm_b(&e->a, over);
				place_pool(e);
				arm_bind(&e->a, over);
			}
			if (fuse[k] == FUSE_DROP)
				continue;
			if (fuse[k] != FUSE_NONE) {
				arm_ldst(&e->a, (ArmMemOp)in->aux, (ArmReg)in->r[0], (ArmReg)in->r[1], off[k],
				         fuse[k] == FUSE_POST ? ARM_POST : ARM_PRE);
				continue;
			}
			if (sets_for_cmp(bl, k)) {
				emit_setting(e, in);
				k++; /* the cmp #0 */
				continue;
			}
			/* `cmp rn, #0; b<eq/ne> L` -> `cbz/cbnz rn, L` (relaxation turns
			 * it back when L is behind or too far); `b<c> next; b X` as below */
			if (cmp_zero(bl, k) && in->r[0] < 8 && k + 1 < bl->n && !flive[k + 1] &&
			    (bl->ins[k + 1].op == MIR_BCC || bl->ins[k + 1].op == MIR_TRAPCC) &&
			    (bl->ins[k + 1].cond == ARM_EQ || bl->ins[k + 1].cond == ARM_NE)) {
				const MIns *br = &bl->ins[k + 1];
				bool nz = br->cond == ARM_NE;
				if (br->op == MIR_TRAPCC) {
					arm_cbz_relax(&e->a, nz, (ArmReg)in->r[0], trap_target(e, (unsigned)br->imm, NO_CHAIN));
				} else if (k + 3 == bl->n && e->thr[br->aux] == next && bl->ins[k + 2].op == MIR_B &&
				           e->thr[bl->ins[k + 2].aux] != next) {
					arm_cbz_relax(&e->a, !nz, (ArmReg)in->r[0], e->blk[e->thr[bl->ins[k + 2].aux]]);
					break;
				} else {
					arm_cbz_relax(&e->a, nz, (ArmReg)in->r[0], e->blk[e->thr[br->aux]]);
				}
				k++;
				continue;
			}
			/* `b<cc> next; b X` -> `b<!cc> X`, falling through to next */
			if (in->op == MIR_BCC && k + 2 == bl->n && e->thr[in->aux] == next &&
			    bl->ins[k + 1].op == MIR_B && e->thr[bl->ins[k + 1].aux] != next && in->cond < ARM_AL) {
				arm_bcond(&e->a, (ArmCond)(in->cond ^ 1), e->blk[e->thr[bl->ins[k + 1].aux]]);
				break;
			}
			unsigned run = condmove_run(bl, k);
			if (run > 1) {
				emit_condmoves(e, in, run);
				k += run - 1;
				continue;
			}
			emit_ins(e, in, flive[k], next);
		}
		if (flive)
			buf->alloc(buf->ud, flive, scratch, 0);
	}
	/* the end stubs: `udf #code`, which the runtime's UsageFault handler
	 * turns into synth_rt_trap(code) (core/runtime/README.md, "Traps") */
	for (unsigned c = 0; c < 16; c++) {
		if (!e->have_stub[c])
			continue;
		arm_bind(&e->a, e->stub[c]);
		arm_udf(&e->a, c);
	}
	place_pool(e);
}

static ArmErr emit_func(const MFunc *f, const ArmEmitEnv *env, ArmBuf *buf, ArmRelocSites *sites,
                        bool sympool)
{
	E e = {.f = f, .buf = buf, .sites = sites, .first_site = sites->n, .sympool = sympool};
	arm_init(&e.a, buf, env->feat);
	e.trap_sym = env->trap_sym;
	e.limit_sym = env->limit_sym;
	e.no_stack_check = env->no_stack_check;
	e.blk = buf->alloc(buf->ud, NULL, 0, (f->nblocks ? f->nblocks : 1) * sizeof *e.blk);
	if (!e.blk) {
		arm_free(&e.a);
		return ARM_ERR_NOMEM;
	}
	uint32_t nb1 = f->nblocks ? f->nblocks : 1;
	e.thr = buf->alloc(buf->ud, NULL, 0, nb1 * (sizeof *e.thr + sizeof(bool)));
	if (!e.thr) {
		buf->alloc(buf->ud, e.blk, nb1 * sizeof *e.blk, 0);
		arm_free(&e.a);
		return ARM_ERR_NOMEM;
	}
	bool *skip = (bool *)(e.thr + nb1);
	thread_jumps(f, e.thr, skip);
	order_slots(&e);
	emit_body(&e, skip);
	ArmErr err = e.oom ? ARM_ERR_NOMEM : arm_error(&e.a);
	if (err == ARM_OK)
		err = arm_resolve(&e.a);
	if (err == ARM_OK && plan_islands(&e)) {
		/* again, with the islands: the same code but for trap targets */
		arm_free(&e.a);
		arm_init(&e.a, buf, env->feat);
		buf->len = 0;
		sites->n = e.first_site;
		memset(e.have_stub, 0, sizeof e.have_stub);
		e.pass2 = true;
		e.ntrap = e.nbar = e.next_isl = 0;
		for (uint32_t k = 0; k < e.nisl; k++)
			e.isl_label[k] = arm_label_new(&e.a);
		for (uint32_t t = 0; t < e.ntrap1; t++)
			if (e.trap_head[t] != UINT32_MAX)
				e.trap_head[t] = arm_label_new(&e.a);
		emit_body(&e, skip);
		err = e.oom ? ARM_ERR_NOMEM : arm_error(&e.a);
		if (err == ARM_OK)
			err = arm_resolve(&e.a);
	}
	if (err == ARM_OK && e.oom)
		err = ARM_ERR_NOMEM;
	if (err == ARM_OK)
		for (uint32_t k = e.first_site; k < sites->n; k++)
			sites->v[k].offset = (uint32_t)arm_label_offset(&e.a, sites->v[k].label);
	buf->alloc(buf->ud, e.blk, nb1 * sizeof *e.blk, 0);
	buf->alloc(buf->ud, e.thr, nb1 * (sizeof *e.thr + sizeof(bool)), 0);
	if (e.slotpos)
		buf->alloc(buf->ud, e.slotpos, f->nslots * sizeof *e.slotpos, 0);
	free_plan(&e);
	arm_free(&e.a);
	return err;
}

ArmErr arm_emit_func(const MFunc *f, const ArmEmitEnv *env, ArmBuf *buf, ArmRelocSites *sites)
{
	uint32_t first = sites->n;
	ArmErr err = emit_func(f, env, buf, sites, true);
	if (err == ARM_ERR_RANGE) {
		/* a symbol's pool word out of LDR.W reach (pools are placed by
		 * estimate): again with MOVW/MOVT for the symbols */
		buf->len = 0;
		sites->n = first;
		err = emit_func(f, env, buf, sites, false);
	}
	return err;
}
