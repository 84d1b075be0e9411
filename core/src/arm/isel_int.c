/* isel_int.c - instruction selection of integer operations: compares and
 * the flags they set, i32 arithmetic (with folded shifts, multiply-accumulate
 * and fused compares), i64 operations on register pairs, unary operators
 * (see isel.c). */
#include "isel_internal.h"

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
		is_cmp(s, ARM_CMP, al, bl);
		MIns *c = is_ins(s, MIR_CMP);
		c->aux = ARM_CMP | MIR_CMP_IF, c->cond = ARM_EQ, c->r[0] = ah, c->r[1] = bh;
		return op == IR_EQ ? ARM_EQ : ARM_NE;
	}
	bool sign = op == IR_LTS || op == IR_GTS || op == IR_LES || op == IR_GES;
	uint64_t c;
	if (is_const(s, a, &c) && !is_const(s, b, &c)) { /* the constant second: c < x is x > c */
		static const IrOp mirror[IR_GEU + 1] = {[IR_LTS] = IR_GTS, [IR_LTU] = IR_GTU, [IR_GTS] = IR_LTS,
		                                        [IR_GTU] = IR_LTU, [IR_LES] = IR_GES, [IR_LEU] = IR_GEU,
		                                        [IR_GES] = IR_LES, [IR_GEU] = IR_LEU};
		IrVal t = a;
		a = b, b = t;
		op = mirror[op];
		al = s->lo[a], ah = s->hi[a], bl = s->lo[b], bh = s->hi[b];
	}
	if (is_const(s, b, &c)) {
		/* x > c is x >= c + 1 and x <= c is x < c + 1 (c not the largest
		 * value): then cmp xl, #cl; sbcs t, xh, #ch, immediates, no swap */
		uint64_t top = sign ? (uint64_t)INT64_MAX : UINT64_MAX;
		bool gt = op == IR_GTS || op == IR_GTU, le = op == IR_LES || op == IR_LEU;
		if (!((gt || le) && c == top)) {
			if (gt || le)
				c++;
			uint32_t t = is_vreg(s);
			is_cmpi(s, ARM_CMP, al, (uint32_t)c);
			is_dpis(s, ARM_SBC, t, ah, (uint32_t)(c >> 32));
			bool lt = op == IR_LTS || op == IR_LTU || le;
			if (sign)
				return lt ? ARM_LT : ARM_GE;
			return lt ? ARM_CC : ARM_CS;
		}
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
	uint32_t t2 = is_vreg(s);
	is_cmp(s, ARM_CMP, al, bl);
	is_dps(s, ARM_SBC, t2, ah, bh);
	bool lt = op == IR_LTS || op == IR_LTU || op == IR_GTS || op == IR_GTU;
	if (sign)
		return lt ? ARM_LT : ARM_GE;
	return lt ? ARM_CC : ARM_CS;
}

/* Whether the flags set right before instruction k of the block being
 * filled still hold at its end: nothing since sets or clobbers them (the
 * emitter keeps the flags of the others once a reader follows). */
static bool flags_kept(S *s, uint32_t k)
{
	for (; k < s->b->n; k++)
		switch (s->b->ins[k].op) {
		case MIR_CMP: case MIR_CMPI: case MIR_DPS: case MIR_DPIS: case MIR_VCMP: case MIR_CALL:
		case MIR_CALLR: case MIR_VMSR:
			return false;
		default:
			break;
		}
	return true;
}

static ArmCond flags_of(S *s, IrIns *i);

/* Sets the flags for an i32/i64 compare instruction; returns the condition.
 * A compare fused into several users (fuse_compares) is evaluated once
 * when the flags it set last still hold in the same block: its selects then
 * share them (and one IT instruction). */
ArmCond is_flags_of(S *s, IrIns *i)
{
	uint32_t blk = (uint32_t)(s->b - s->m->blocks);
	if (i->val && s->flags_val == i->val && s->flags_blk == blk && flags_kept(s, s->flags_n))
		return (ArmCond)s->flags_cond;
	ArmCond c = flags_of(s, i);
	s->flags_val = i->val, s->flags_blk = blk, s->flags_n = s->b->n, s->flags_cond = (uint8_t)c;
	return c;
}

static ArmCond flags_of(S *s, IrIns *i)
{
	IrVal *a = ir_args(i);
	IrIns *in = i->op == IR_EQZ ? is_def(s, a[0]) : NULL;
	if (in && in->val == a[0] && s->folded[a[0]] == 2 && is_compare((IrOp)in->op))
		return (ArmCond)(is_flags_of(s, in) ^ 1); /* eqz (x < y): x >= y */
	if (i->op == IR_EQZ) {
		if (i->optype == IR_I64) {
			uint32_t t = is_vreg(s);
			is_dps(s, ARM_ORR, t, s->lo[a[0]], s->hi[a[0]]);
		} else {
			is_cmpi(s, ARM_CMP, s->lo[a[0]], 0);
		}
		return ARM_EQ;
	}
	if (i->optype == IR_I64)
		return cmp64(s, (IrOp)i->op, a[0], a[1]);
	uint64_t c;
	if ((i->op == IR_LTS || i->op == IR_GES) && is_const(s, a[1], &c) && (uint32_t)c == 0) {
		/* The sign of x >>s k is x's; of x << k, of extend8_s/16_s x, one
		 * bit of x: `tst x, #bit` (crc16's `(int16_t)c < 0`, clang's form
		 * of `c & 0x8000`), the shifts and extensions left unread. */
		IrVal v = a[0];
		IrIns *d;
		uint64_t k;
		while ((d = is_def(s, v)) && d->val == v && d->op == IR_SHRS && d->optype == IR_I32 &&
		       is_const(s, ir_args(d)[1], &k))
			v = ir_args(d)[0];
		unsigned bit = 31;
		if ((d = is_def(s, v)) && d->val == v && d->optype == IR_I32) {
			if (d->op == IR_SHL && is_const(s, ir_args(d)[1], &k) && (k & 31))
				bit = 31 - (unsigned)(k & 31), v = ir_args(d)[0];
			else if (d->op == IR_EXT8S || d->op == IR_EXT16S)
				bit = d->op == IR_EXT8S ? 7 : 15, v = ir_args(d)[0];
		}
		if (v != a[0]) {
			if (bit == 31) {
				is_cmpi(s, ARM_CMP, s->lo[v], 0);
				return i->op == IR_LTS ? ARM_LT : ARM_GE;
			}
			is_cmpi(s, ARM_TST, s->lo[v], 1u << bit);
			return i->op == IR_LTS ? ARM_NE : ARM_EQ;
		}
	}
	if (is_const(s, a[1], &c))
		is_cmpi(s, ARM_CMP, s->lo[a[0]], (uint32_t)c);
	else
		is_cmp(s, ARM_CMP, s->lo[a[0]], s->lo[a[1]]);
	return cond_of((IrOp)i->op);
}

bool is_compare(IrOp op) { return op == IR_EQZ || (op >= IR_EQ && op <= IR_GEU); }

/* ---- i32 and i64 arithmetic ---- */

static void dpsh(S *s, ArmDpOp op, uint32_t d, uint32_t x, uint32_t y, ArmShift sh, unsigned n);

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
			is_dpi(s, ARM_AND, d, a, cv - 1);
		else if (n)
			is_shifti(s, ARM_LSR, d, a, n);
		else
			is_mov(s, d, a);
		return;
	}
	uint32_t mag = (int32_t)cv < 0 ? (uint32_t)0 - cv : cv; /* |divisor|, 2^31 for INT_MIN */
	if (k && sign && mag > 1 && !(mag & (mag - 1))) {
		/* div_s and rem_s by +-2^n (n >= 1; 2^31 is INT_MIN): division
		 * truncates toward zero, so a negative a is biased by 2^n - 1,
		 * (a >>s 31) >>u (32 - n), before the arithmetic shift; the
		 * remainder is a minus the biased a with its low n bits cleared
		 * (its sign is a's, whatever the divisor's); a negative divisor
		 * negates the quotient. No trap is possible. */
		unsigned n = (unsigned)__builtin_ctz(mag);
		uint32_t sg = a, t = is_vreg(s);
		if (n > 1) {
			sg = is_vreg(s);
			is_shifti(s, ARM_ASR, sg, a, 31);
		}
		dpsh(s, ARM_ADD, t, a, sg, ARM_LSR, 32 - n);
		if (i->op == IR_REMS) {
			uint32_t m = is_vreg(s);
			is_dpi(s, ARM_BIC, m, t, mag - 1);
			is_dp(s, ARM_SUB, d, a, m);
		} else if ((int32_t)cv < 0) {
			uint32_t q = is_vreg(s);
			is_shifti(s, ARM_ASR, q, t, n);
			is_dpi(s, ARM_RSB, d, q, 0);
		} else {
			is_shifti(s, ARM_ASR, d, t, n);
		}
		return;
	}
	if (!k || !cv) {
		is_cmpi(s, ARM_CMP, b, 0);
		is_trapcc(s, ARM_EQ, TRAP_INT_DIV_ZERO);
	}
	if (i->op == IR_DIVS && (!k || cv == 0xffffffffu)) {
		/* INT_MIN / -1 overflows: (a ^ INT_MIN) | (b + 1) is zero exactly then. */
		uint32_t t1 = is_vreg(s), t2 = is_vreg(s), t3 = is_vreg(s);
		is_dpi(s, ARM_EOR, t1, a, 0x80000000u);
		is_dpi(s, ARM_ADD, t2, b, 1);
		is_dps(s, ARM_ORR, t3, t1, t2);
		is_trapcc(s, ARM_EQ, TRAP_INT_OVERFLOW);
	}
	MIns *q = is_ins(s, MIR_DIV);
	uint32_t qd = (i->op == IR_DIVS || i->op == IR_DIVU) ? d : is_vreg(s);
	q->r[0] = qd, q->r[1] = a, q->r[2] = b, q->aux = sign;
	if (i->op == IR_REMS || i->op == IR_REMU) {
		MIns *m = is_ins(s, MIR_MLA);
		m->r[0] = d, m->r[1] = qd, m->r[2] = b, m->r[3] = a, m->aux = 1; /* a - q*b */
	}
}

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
void is_fold_shifts(S *s, const uint32_t *uses)
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
				IrIns *d = is_def(s, a[q]);
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

/* Whether u is an i32 `x ^ -1` (a NOT); its operand x in *x. */
static bool is_not32(S *s, IrIns *u, IrVal *x)
{
	uint64_t c;
	if (!u || u->dead || u->op != IR_XOR || u->optype != IR_I32)
		return false;
	for (int q = 0; q < 2; q++)
		if (is_const(s, ir_args(u)[q], &c) && (uint32_t)c == 0xffffffffu && !is_const(s, ir_args(u)[!q], &c)) {
			*x = ir_args(u)[!q];
			return true;
		}
	return false;
}

/* An i32 NOT (`x ^ -1`) whose only user is an i32 and/or in its block
 * (neither of whose operands is already folded) is selected with it as
 * `bic d, y, x` / `orn d, y, x` (folded 4): SHA-256's `~e & g`. */
void is_fold_nots(S *s, const uint32_t *uses)
{
	IrFunc *ir = s->ir;
	for (uint32_t bb = 0; bb < ir->nblocks; bb++)
		for (uint32_t j = 0; j < ir->blocks[bb]->nins; j++) {
			IrIns *u = &ir->blocks[bb]->ins[j];
			if (u->dead || u->optype != IR_I32 || (u->op != IR_AND && u->op != IR_OR))
				continue;
			IrVal *a = ir_args(u), x;
			uint64_t c;
			if (a[0] == a[1] || s->folded[a[0]] || s->folded[a[1]] || is_const(s, a[0], &c) ||
			    is_const(s, a[1], &c))
				continue;
			for (int q = 1; q >= 0; q--) {
				IrIns *d = is_def(s, a[q]);
				if (d && d->val == a[q] && uses[a[q]] == 1 && s->ir->def[a[q]].block == ir->blocks[bb] &&
				    is_not32(s, d, &x)) {
					s->folded[a[q]] = 4;
					break;
				}
			}
		}
}

/* An i32 multiply whose only user is an add (either operand) or a
 * subtraction (as the subtrahend) in its block is selected there as one
 * mla/mls (folded 3), unless the user already folds a shift or adds a
 * constant. */
void is_fold_muls(S *s, const uint32_t *uses)
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
				IrIns *d = is_def(s, a[q]);
				if (d && !d->dead && d->op == IR_MUL && d->optype == IR_I32 && d->val == a[q] &&
				    uses[a[q]] == 1 && s->ir->def[a[q]].block == ir->blocks[bb]) {
					s->folded[a[q]] = 3;
					break;
				}
			}
		}
}

/* An integer compare whose only users are selects and the conditional
 * branch of its own block is not made into 0/1: each user sets the flags
 * from the operands itself (flags_of) right before its csel or branch, and
 * the compare is marked 2 in folded (skipped where it stands). The
 * operands are SSA values, still the same at the users. Comparing again
 * costs at most one instruction (two for i64) per user, nothing while the
 * flags last set for it hold (is_flags_of), against three to make the 0/1
 * and one `cmp #0` per user: up to eight users (two for i64). The users
 * in its block are counted in one sweep of the block (sel_users), not by a
 * scan of the rest of the block per compare. False only out of memory. */
bool is_fuse_compares(S *s, const uint32_t *uses)
{
	IrFunc *ir = s->ir;
	uint32_t *sel_users = sy_arena_array(s->m->ar, ir->nvals ? ir->nvals : 1, sizeof *sel_users);
	if (!sel_users)
		return false;
	memset(sel_users, 0, (size_t)ir->nvals * sizeof *sel_users);
	for (uint32_t bb = 0; bb < ir->nblocks; bb++) {
		IrBlock *b = ir->blocks[bb];
		/* br_if (c1 & c2), br_if (c1 | c2) of two compares only the and/or
		 * reads, in the block (clang's flattened `&&`, `||`): a branch on
		 * each compare's flags (sel_term), the and/or marked 5 */
		IrIns *t = b->nins ? &b->ins[b->nins - 1] : NULL;
		IrIns *l = t && t->op == IR_BRIF ? is_def(s, ir_args(t)[0]) : NULL, *z = NULL;
		if (l && !l->dead && l->op == IR_EQZ && l->optype == IR_I32 && l->val == ir_args(t)[0] &&
		    uses[l->val] == 1 && s->ir->def[l->val].block == b && !s->folded[l->val])
			z = l, l = is_def(s, ir_args(z)[0]); /* br_if !(c1 && c2): the targets swapped */
		if (l && !l->dead && l->val == ir_args(z ? z : t)[0] && (l->op == IR_AND || l->op == IR_OR) &&
		    l->optype == IR_I32 && uses[l->val] == 1 && s->ir->def[l->val].block == b && !s->folded[l->val]) {
			IrVal *la = ir_args(l);
			IrIns *c1 = is_def(s, la[0]), *c2 = is_def(s, la[1]);
			if (la[0] != la[1] && c1 && c2 && !c1->dead && !c2->dead && c1->val == la[0] && c2->val == la[1] &&
			    is_compare((IrOp)c1->op) && is_compare((IrOp)c2->op) && uses[la[0]] == 1 && uses[la[1]] == 1 &&
			    s->ir->def[la[0]].block == b && s->ir->def[la[1]].block == b && !s->folded[la[0]] &&
			    !s->folded[la[1]]) {
				s->folded[l->val] = 5, s->folded[la[0]] = 2, s->folded[la[1]] = 2;
				if (z)
					s->folded[z->val] = 5;
			}
		}
		/* the selects of this block reading a value of this block as their
		 * condition (not as an arm too), and its closing br_if: in SSA they
		 * come after the value's definition */
		for (uint32_t q = 0; q < b->nins; q++) {
			IrIns *u = &b->ins[q];
			IrVal v = u->op == IR_SELECT ? ir_args(u)[2] : u->op == IR_BRIF ? ir_args(u)[0] : 0;
			if (u->dead || !v || ir->def[v].block != b)
				continue;
			if (u->op == IR_SELECT ? ir_args(u)[0] != v && ir_args(u)[1] != v : q + 1 == b->nins)
				sel_users[v]++;
		}
		for (uint32_t j = 0; j < b->nins; j++) {
			IrIns *d = &b->ins[j];
			if (d->dead || !d->val || !is_compare((IrOp)d->op) || s->folded[d->val] || !uses[d->val])
				continue;
			IrVal c = d->val;
			uint32_t users = sel_users[c];
			if (users == uses[c] && users <= (d->optype == IR_I64 ? 2u : 8u)) {
				s->folded[c] = 2;
				/* eqz of a compare only it reads, in the block: the
				 * inverse condition of that compare (flags_of) */
				IrIns *in = d->op == IR_EQZ ? is_def(s, ir_args(d)[0]) : NULL;
				if (in && !in->dead && in->val == ir_args(d)[0] && is_compare((IrOp)in->op) &&
				    uses[in->val] == 1 && s->ir->def[in->val].block == b && !s->folded[in->val])
					s->folded[in->val] = 2;
			}
		}
	}
	return true;
}

void is_sel_binop32(S *s, IrIns *i)
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
			IrIns *m = is_def(s, a[second ? 1 : 0]);
			MIns *ml = is_ins(s, MIR_MLA);
			ml->aux = i->op == IR_SUB, ml->r[0] = d, ml->r[1] = s->lo[ir_args(m)[0]];
			ml->r[2] = s->lo[ir_args(m)[1]], ml->r[3] = second ? x : y;
			return;
		}
		if (s->folded[a[1]] == 4 || s->folded[a[0]] == 4) {
			/* y & ~x: bic; y | ~x: orn (fold_nots) */
			bool second = s->folded[a[1]] == 4;
			IrVal nx;
			is_not32(s, is_def(s, a[second ? 1 : 0]), &nx);
			is_dp(s, i->op == IR_AND ? ARM_BIC : ARM_ORN, d, second ? x : y, s->lo[nx]);
			return;
		}
		if (s->folded[a[1]] == 1 || s->folded[a[0]] == 1) {
			/* x op (z shifted), or (z shifted) op y: RSB for a subtraction */
			bool second = s->folded[a[1]] == 1;
			IrIns *sh = is_def(s, a[second ? 1 : 0]);
			ArmShift kind;
			unsigned n;
			shift_operand(s, sh, &kind, &n);
			ArmDpOp op = !second && i->op == IR_SUB ? ARM_RSB : dpop[i->op];
			dpsh(s, op, d, second ? x : y, s->lo[ir_args(sh)[0]], kind, n);
			return;
		}
		if (k) {
			is_dpi(s, dpop[i->op], d, x, (uint32_t)c);
			return;
		}
		if (i->op == IR_SUB && is_const(s, a[0], &c)) {
			IrIns *m = is_def(s, a[1]);
			uint64_t one;
			if (!(uint32_t)c && m && m->val == a[1] && m->op == IR_AND && m->optype == IR_I32 &&
			    is_const(s, ir_args(m)[1], &one) && (uint32_t)one == 1 && !s->folded[ir_args(m)[0]]) {
				/* 0 - (z & 1): the low bit of z copied everywhere, one sbfx
				 * (crc32's mask `0u - (c & 1u)`) */
				MIns *e = is_ins(s, MIR_UBFX);
				e->aux = 1, e->r[0] = d, e->r[1] = s->lo[ir_args(m)[0]], e->imm = 1u << 8;
				return;
			}
			/* c - y: rsb d, y, #c (a negation is rsb #0), no register for c */
			is_dpi(s, ARM_RSB, d, y, (uint32_t)c);
			return;
		}
		is_dp(s, dpop[i->op], d, x, y);
		return;
	case IR_MUL: {
		MIns *m = is_ins(s, MIR_MUL);
		m->r[0] = d, m->r[1] = x, m->r[2] = y;
		return;
	}
	case IR_DIVS: case IR_DIVU: case IR_REMS: case IR_REMU:
		sel_div32(s, i, d, x, y);
		return;
	case IR_SHL: case IR_SHRS: case IR_SHRU: {
		ArmShift sh = i->op == IR_SHL ? ARM_LSL : i->op == IR_SHRS ? ARM_ASR : ARM_LSR;
		IrIns *in = is_def(s, a[0]);
		uint64_t c2;
		if (k && i->op != IR_SHL && ((c & 31) == 16 || (c & 31) == 24) && in && in->op == IR_SHL &&
		    in->optype == IR_I32 && is_const(s, ir_args(in)[1], &c2) && (c2 & 31) == (c & 31)) {
			/* (x << 16) >> 16 and (x << 24) >> 24: one sign or zero
			 * extension of x (the shift goes when nothing else reads it) */
			MIns *e = is_ins(s, MIR_EXT);
			bool half = (c & 31) == 16;
			e->aux = i->op == IR_SHRS ? (half ? ARM_SXTH : ARM_SXTB) : (half ? ARM_UXTH : ARM_UXTB);
			e->r[0] = d, e->r[1] = s->lo[ir_args(in)[0]];
			return;
		}
		if (k) {
			if ((c & 31) == 0)
				is_mov(s, d, x);
			else
				is_shifti(s, sh, d, x, (uint32_t)(c & 31));
			return;
		}
		if (i->chk == IR_SHIFT_COUNT_OK) { /* the count is in [0, 31] (ir/shifts.c) */
			is_shiftr(s, sh, d, x, y);
			return;
		}
		uint32_t t = is_vreg(s);
		is_dpi(s, ARM_AND, t, y, 31);
		is_shiftr(s, sh, d, x, t);
		return;
	}
	case IR_ROTL: case IR_ROTR: {
		if (k) {
			uint32_t n = (uint32_t)c & 31;
			if (i->op == IR_ROTL)
				n = (32 - n) & 31;
			if (n == 0)
				is_mov(s, d, x);
			else
				is_shifti(s, ARM_ROR, d, x, n);
			return;
		}
		uint32_t n = y;
		if (i->op == IR_ROTL) {
			n = is_vreg(s);
			is_dpi(s, ARM_RSB, n, y, 0); /* ROR uses the count mod 32: -n rotates left by n */
		}
		is_shiftr(s, ARM_ROR, d, x, n);
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
	IrIns *d = is_def(s, v);
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
	IrIns *d = is_def(s, v);
	if (!d || d->type != IR_I64)
		return false;
	return d->op == IR_EXTS || d->op == IR_EXT32S ||
	       (d->op == IR_LOAD && (d->aux & 0xff) <= 4 && (d->aux & IR_MEM_SIGNED));
}

/* d = x op (y shifted by sh #n) */
static void dpsh(S *s, ArmDpOp op, uint32_t d, uint32_t x, uint32_t y, ArmShift sh, unsigned n)
{
	MIns *i = is_ins(s, MIR_DP);
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
		is_mov(s, dl, xl);
		is_mov(s, dh, xh);
		return;
	}
	switch (op) {
	case IR_SHL:
		if (n < 32) {
			uint32_t t = is_vreg(s);
			is_shifti(s, ARM_LSL, t, xh, n);
			dpsh(s, ARM_ORR, dh, t, xl, ARM_LSR, 32 - n);
			is_shifti(s, ARM_LSL, dl, xl, n);
		} else {
			if (n == 32)
				is_mov(s, dh, xl);
			else
				is_shifti(s, ARM_LSL, dh, xl, n - 32);
			is_movi(s, dl, 0);
		}
		return;
	case IR_SHRU: case IR_SHRS: {
		ArmShift sh = op == IR_SHRS ? ARM_ASR : ARM_LSR;
		if (n < 32) {
			uint32_t t = is_vreg(s);
			is_shifti(s, ARM_LSR, t, xl, n);
			dpsh(s, ARM_ORR, dl, t, xh, ARM_LSL, 32 - n);
			is_shifti(s, sh, dh, xh, n);
		} else {
			if (n == 32)
				is_mov(s, dl, xh);
			else
				is_shifti(s, sh, dl, xh, n - 32);
			if (op == IR_SHRS)
				is_shifti(s, ARM_ASR, dh, xh, 31);
			else
				is_movi(s, dh, 0);
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
			uint32_t t = is_vreg(s);
			is_mov(s, t, xl);
			is_mov(s, dh, xh);
			is_mov(s, dl, t);
			return;
		}
		uint32_t t = is_vreg(s), u = is_vreg(s);
		is_shifti(s, ARM_LSR, t, xl, n);
		is_shifti(s, ARM_LSR, u, xh, n);
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
			is_movi(s, d[h], 0);
		else if (i->op == IR_AND && k && cw == 0xffffffffu)
			is_mov(s, d[h], xr[h]);
		else if (yzero)
			is_mov(s, d[h], xr[h]);
		else if (xzero)
			is_mov(s, d[h], yr[h]);
		else if (k)
			is_dpi(s, op, d[h], xr[h], cw);
		else
			is_dp(s, op, d[h], xr[h], yr[h]);
	}
}

/* i64.div_s and i64.rem_s by 2^n (1 <= n <= 62) without the helper call:
 * division truncates toward zero, so a negative x is first biased by
 * 2^n - 1, (x >>s 63) >>u (64 - n), and then shifted arithmetically;
 * the remainder is x minus that biased x with its low n bits cleared. No
 * trap is possible (the divisor is neither 0 nor -1). */
static void sel_divs64_pow2(S *s, IrOp op, uint32_t dl, uint32_t dh, uint32_t xl, uint32_t xh, unsigned n)
{
	uint32_t sign = is_vreg(s), tl = is_vreg(s), th = is_vreg(s);
	is_shifti(s, ARM_ASR, sign, xh, 31);
	if (n <= 32) {
		uint32_t bl = sign;
		if (n < 32) {
			bl = is_vreg(s);
			is_shifti(s, ARM_LSR, bl, sign, 32 - n);
		}
		is_dps(s, ARM_ADD, tl, xl, bl);
		is_dpi(s, ARM_ADC, th, xh, 0);
	} else {
		uint32_t bh = is_vreg(s);
		is_shifti(s, ARM_LSR, bh, sign, 64 - n);
		is_dps(s, ARM_ADD, tl, xl, sign);
		is_dp(s, ARM_ADC, th, xh, bh);
	}
	if (op == IR_DIVS) {
		sel_shift64_const(s, IR_SHRS, dl, dh, tl, th, n);
		return;
	}
	if (n < 32) {
		uint32_t ml = is_vreg(s);
		is_dpi(s, ARM_AND, ml, tl, ~((1u << n) - 1));
		is_dps(s, ARM_SUB, dl, xl, ml);
		is_dp(s, ARM_SBC, dh, xh, th);
	} else {
		/* the low word of the biased x with n >= 32 bits cleared is 0 */
		uint32_t mh = th;
		if (n > 32) {
			mh = is_vreg(s);
			is_dpi(s, ARM_AND, mh, th, ~((1u << (n - 32)) - 1));
		}
		is_mov(s, dl, xl);
		is_dp(s, ARM_SUB, dh, xh, mh);
	}
}

/* i64 div and rem (signed or unsigned) by a constant m with 2 <= |m| <
 * 2^16 without the helper call: long division of |x| by |m| in three
 * udivs, the high word first and then the low word's two halves, each
 * step's remainder (< |m| < 2^16) shifted into the next dividend, which
 * therefore fits in 32 bits: qh = xh / m, r = xh - qh*m; t1 = r:xl[31:16],
 * q1 = t1 / m, r = t1 - q1*m; t0 = r:xl[15:0], q0 = t0 / m (each q1, q0 <
 * 2^16). Signed operands are divided as magnitudes (|INT64_MIN| = 2^63 is
 * right as an unsigned number) and the quotient takes the sign of x times
 * m's, the remainder x's. No trap is possible (m is neither 0 nor -1). */
static void sel_div64_small(S *s, IrOp op, uint32_t dl, uint32_t dh, uint32_t xl, uint32_t xh, uint32_t m, bool neg)
{
	bool sign = op == IR_DIVS || op == IR_REMS, rem = op == IR_REMS || op == IR_REMU;
	uint32_t sg = 0, al = xl, ah = xh;
	if (sign) {
		/* |x| = (x ^ s) - s with s = x >>s 63 */
		uint32_t el = is_vreg(s), eh = is_vreg(s);
		sg = is_vreg(s), al = is_vreg(s), ah = is_vreg(s);
		is_shifti(s, ARM_ASR, sg, xh, 31);
		is_dp(s, ARM_EOR, el, xl, sg);
		is_dp(s, ARM_EOR, eh, xh, sg);
		is_dps(s, ARM_SUB, al, el, sg);
		is_dp(s, ARM_SBC, ah, eh, sg);
	}
	uint32_t k = is_vreg(s), qh = is_vreg(s), r1 = is_vreg(s), u1 = is_vreg(s), t1 = is_vreg(s);
	uint32_t q1 = is_vreg(s), r2 = is_vreg(s), u0 = is_vreg(s), t0 = is_vreg(s), q0 = is_vreg(s);
	is_movi(s, k, m);
	MIns *q = is_ins(s, MIR_DIV);
	q->r[0] = qh, q->r[1] = ah, q->r[2] = k, q->aux = 0;
	MIns *l = is_ins(s, MIR_MLA);
	l->r[0] = r1, l->r[1] = qh, l->r[2] = k, l->r[3] = ah, l->aux = 1; /* ah - qh*m */
	is_shifti(s, ARM_LSR, u1, al, 16);
	dpsh(s, ARM_ORR, t1, u1, r1, ARM_LSL, 16);
	q = is_ins(s, MIR_DIV);
	q->r[0] = q1, q->r[1] = t1, q->r[2] = k, q->aux = 0;
	l = is_ins(s, MIR_MLA);
	l->r[0] = r2, l->r[1] = q1, l->r[2] = k, l->r[3] = t1, l->aux = 1;
	is_dpi(s, ARM_AND, u0, al, 0xffffu);
	dpsh(s, ARM_ORR, t0, u0, r2, ARM_LSL, 16);
	q = is_ins(s, MIR_DIV);
	q->r[0] = q0, q->r[1] = t0, q->r[2] = k, q->aux = 0;
	uint32_t rl, rh; /* the unsigned result */
	if (rem) {
		rl = sign ? is_vreg(s) : dl;
		l = is_ins(s, MIR_MLA);
		l->r[0] = rl, l->r[1] = q0, l->r[2] = k, l->r[3] = t0, l->aux = 1;
		if (!sign) {
			is_movi(s, dh, 0);
			return;
		}
		/* (r ^ s) - s with a zero high word: the high word is s - s - borrow */
		uint32_t e = is_vreg(s);
		is_dp(s, ARM_EOR, e, rl, sg);
		is_dps(s, ARM_SUB, dl, e, sg);
		is_dp(s, ARM_SBC, dh, sg, sg);
		return;
	}
	rl = sign ? is_vreg(s) : dl, rh = qh;
	dpsh(s, ARM_ORR, rl, q0, q1, ARM_LSL, 16);
	if (!sign) {
		is_mov(s, dh, qh);
		return;
	}
	/* (q ^ s) - s takes x's sign; a negative m flips it: s - (q ^ s) */
	uint32_t el = is_vreg(s), eh = is_vreg(s);
	is_dp(s, ARM_EOR, el, rl, sg);
	is_dp(s, ARM_EOR, eh, rh, sg);
	if (neg) {
		is_dps(s, ARM_SUB, dl, sg, el);
		is_dp(s, ARM_SBC, dh, sg, eh);
	} else {
		is_dps(s, ARM_SUB, dl, el, sg);
		is_dp(s, ARM_SBC, dh, eh, sg);
	}
}

void is_sel_binop64(S *s, IrIns *i)
{
	IrVal *a = ir_args(i);
	uint32_t dl = s->lo[i->val], dh = s->hi[i->val];
	uint32_t xl = s->lo[a[0]], xh = s->hi[a[0]], yl = s->lo[a[1]], yh = s->hi[a[1]];
	static const IrType two[2] = {IR_I64, IR_I64};
	static const IrType shift[2] = {IR_I64, IR_I32};
	uint32_t alo[2] = {xl, yl}, ahi[2] = {xh, yh};
	switch (i->op) {
	case IR_ADD: is_dps(s, ARM_ADD, dl, xl, yl); is_dp(s, ARM_ADC, dh, xh, yh); return;
	case IR_SUB: is_dps(s, ARM_SUB, dl, xl, yl); is_dp(s, ARM_SBC, dh, xh, yh); return;
	case IR_AND: case IR_OR: case IR_XOR:
		sel_logic64(s, i);
		return;
	case IR_MUL: {
		/* lo*lo in full, plus the cross products a high word that is known
		 * to be zero (a zero-extended i32, a small constant) does not need */
		bool xz = hi_zero(s, a[0]), yz = hi_zero(s, a[1]);
		if (!(xz && yz) && hi_sign(s, a[0]) && hi_sign(s, a[1])) {
			/* two sign-extended words: one smull */
			MIns *m = is_ins(s, MIR_MULL);
			m->aux = ARM_SMULL, m->r[0] = dl, m->r[1] = dh, m->r[2] = xl, m->r[3] = yl;
			return;
		}
		uint32_t t = xz && yz ? dh : is_vreg(s), u = xz ? t : is_vreg(s);
		MIns *m = is_ins(s, MIR_MULL);
		m->aux = ARM_UMULL, m->r[0] = dl, m->r[1] = t, m->r[2] = xl, m->r[3] = yl;
		if (!yz) {
			m = is_ins(s, MIR_MLA);
			m->r[0] = xz ? dh : u, m->r[1] = xl, m->r[2] = yh, m->r[3] = t;
		}
		if (!xz) {
			m = is_ins(s, MIR_MLA);
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
			if (i->op == IR_SHL && (c & 63) && (c & 63) < 32 && hi_sign(s, a[0])) {
				/* a sign-extended word shifted left by n < 32: its high
				 * word is the word >>s (32 - n), no sign word needed
				 * (Q16.16's `(int64_t)x << 16` or `* 65536`) */
				unsigned n = (unsigned)(c & 63);
				is_shifti(s, ARM_ASR, dh, xl, 32 - n);
				is_shifti(s, ARM_LSL, dl, xl, n);
				return;
			}
			sel_shift64_const(s, (IrOp)i->op, dl, dh, xl, xh, (unsigned)(c & 63));
			return;
		case IR_DIVU: case IR_REMU: /* by a power of two: shift or mask */
			if (c && !(c & (c - 1))) {
				if (i->op == IR_DIVU) {
					sel_shift64_const(s, IR_SHRU, dl, dh, xl, xh, (unsigned)__builtin_ctzll(c));
				} else {
					uint64_t m = c - 1;
					if ((uint32_t)m == 0xffffffffu)
						is_mov(s, dl, xl);
					else
						is_dpi(s, ARM_AND, dl, xl, (uint32_t)m);
					if (m >> 32)
						is_dpi(s, ARM_AND, dh, xh, (uint32_t)(m >> 32));
					else
						is_movi(s, dh, 0);
				}
				return;
			}
			break;
		case IR_DIVS: case IR_REMS: /* by a positive power of two: biased shift */
			if (c > 1 && !(c >> 63) && !(c & (c - 1))) {
				sel_divs64_pow2(s, (IrOp)i->op, dl, dh, xl, xh, (unsigned)__builtin_ctzll(c));
				return;
			}
			break;
		default: break;
		}
		/* by a small constant other than that: three udivs */
		bool sgn = i->op == IR_DIVS || i->op == IR_REMS, neg = sgn && (c >> 63);
		uint64_t mag = neg ? 0 - c : c;
		switch (i->op) {
		case IR_DIVS: case IR_REMS: case IR_DIVU: case IR_REMU:
			if (mag >= 2 && mag < 0x10000u) {
				sel_div64_small(s, (IrOp)i->op, dl, dh, xl, xh, (uint32_t)mag, neg);
				return;
			}
			break;
		default: break;
		}
	}
	switch (i->op) {
	case IR_DIVS: is_helper(s, "synth_rt_i64_div_s", 2, two, alo, ahi, IR_I64, dl, dh); return;
	case IR_DIVU: is_helper(s, "synth_rt_i64_div_u", 2, two, alo, ahi, IR_I64, dl, dh); return;
	case IR_REMS: is_helper(s, "synth_rt_i64_rem_s", 2, two, alo, ahi, IR_I64, dl, dh); return;
	case IR_REMU: is_helper(s, "synth_rt_i64_rem_u", 2, two, alo, ahi, IR_I64, dl, dh); return;
	case IR_SHL: is_helper(s, "synth_rt_i64_shl", 2, shift, alo, ahi, IR_I64, dl, dh); return;
	case IR_SHRS: is_helper(s, "synth_rt_i64_shr_s", 2, shift, alo, ahi, IR_I64, dl, dh); return;
	case IR_SHRU: is_helper(s, "synth_rt_i64_shr_u", 2, shift, alo, ahi, IR_I64, dl, dh); return;
	case IR_ROTL: is_helper(s, "synth_rt_i64_rotl", 2, shift, alo, ahi, IR_I64, dl, dh); return;
	case IR_ROTR: is_helper(s, "synth_rt_i64_rotr", 2, shift, alo, ahi, IR_I64, dl, dh); return;
	}
}

void is_sel_unop(S *s, IrIns *i)
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
			is_helper(s, h, 1, one64, alo, ahi, IR_I32, d, 0);
			is_movi(s, s->hi[i->val], 0);
			return;
		}
		if (i->op == IR_POPCNT) {
			is_helper(s, "synth_rt_i32_popcnt", 1, one32, alo, ahi, IR_I32, d, 0);
			return;
		}
		if (i->op == IR_CTZ) {
			uint32_t t = is_vreg(s);
			MIns *r = is_ins(s, MIR_BITOP);
			r->aux = ARM_RBIT, r->r[0] = t, r->r[1] = x;
			x = t;
		}
		MIns *c = is_ins(s, MIR_BITOP);
		c->aux = ARM_CLZ, c->r[0] = d, c->r[1] = x;
		return;
	case IR_EXT8S: case IR_EXT16S: {
		MIns *e = is_ins(s, MIR_EXT);
		e->aux = i->op == IR_EXT8S ? ARM_SXTB : ARM_SXTH, e->r[0] = d, e->r[1] = x;
		if (w)
			is_shifti(s, ARM_ASR, s->hi[i->val], d, 31);
		return;
	}
	case IR_EXT32S:
		is_mov(s, d, x);
		is_shifti(s, ARM_ASR, s->hi[i->val], x, 31);
		return;
	case IR_WRAP:
		is_mov(s, d, x);
		return;
	case IR_EXTS:
		is_mov(s, d, x);
		is_shifti(s, ARM_ASR, s->hi[i->val], x, 31);
		return;
	case IR_EXTU:
		is_mov(s, d, x);
		is_movi(s, s->hi[i->val], 0);
		return;
	}
}
