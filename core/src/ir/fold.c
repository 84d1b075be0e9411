/* fold.c - constant folding and propagation, and algebraic identities.
 *
 * An integer instruction whose operands are all constants becomes a
 * constant itself, in place (its value number and its users stay), with
 * WebAssembly's semantics: arithmetic wraps at the type's width, shift and
 * rotate counts are taken modulo the width, division and remainder fold
 * only when they cannot trap (a zero divisor, INT_MIN / -1): a trap is
 * behaviour and stays in the code. Identities such as x + 0, x & x and
 * x - x replace the instruction by its operand or a constant; a select on
 * a constant condition by the chosen operand; a phi merging one constant
 * from every edge becomes that constant. Floating-point arithmetic is not
 * folded (only reinterpretations, which move bits). An i32.wrap_i64 of an
 * i64 shift chain by constants that reads one word becomes one i32 shift
 * of it (wrap_shift); x + (c ? y : 0) becomes c ? x + y : x (cond_add).
 * Sweeps in reverse
 * post-order repeat until one changes nothing, so values carried around a
 * loop are propagated too. */
#include <string.h>

#include "opt.h"

static uint64_t mask_of(IrType t) { return t == IR_I64 || t == IR_F64 ? ~(uint64_t)0 : 0xffffffffu; }

static unsigned width(IrType t) { return t == IR_I64 || t == IR_F64 ? 64 : 32; }

/* Sign-extends the low w bits of x. */
static int64_t sext(uint64_t x, unsigned w) { return w == 64 ? (int64_t)x : (int64_t)(int32_t)(uint32_t)x; }

static unsigned clz(uint64_t x, unsigned w)
{
	unsigned n = 0;
	for (int b = (int)w - 1; b >= 0 && !((x >> b) & 1); b--)
		n++;
	return n;
}

static unsigned ctz(uint64_t x, unsigned w)
{
	unsigned n = 0;
	while (n < w && !((x >> n) & 1))
		n++;
	return n;
}

static unsigned popcnt(uint64_t x)
{
	unsigned n = 0;
	for (; x; x &= x - 1)
		n++;
	return n;
}

/* Folds a binary integer operation of width w; false when it would trap
 * or is not an integer operation. */
static bool fold2(IrOp op, unsigned w, uint64_t a, uint64_t b, uint64_t *r)
{
	uint64_t m = w == 64 ? ~(uint64_t)0 : 0xffffffffu;
	int64_t sa = sext(a, w), sb = sext(b, w), min = w == 64 ? INT64_MIN : INT32_MIN;
	unsigned k = (unsigned)(b & (w - 1));
	a &= m, b &= m;
	switch (op) {
	case IR_ADD: *r = a + b; break;
	case IR_SUB: *r = a - b; break;
	case IR_MUL: *r = a * b; break;
	case IR_DIVU: if (!b) return false; *r = a / b; break;
	case IR_REMU: if (!b) return false; *r = a % b; break;
	case IR_DIVS:
		if (!b || (sa == min && sb == -1))
			return false;
		*r = (uint64_t)(sa / sb);
		break;
	case IR_REMS:
		if (!b)
			return false;
		*r = sb == -1 ? 0 : (uint64_t)(sa % sb);
		break;
	case IR_AND: *r = a & b; break;
	case IR_OR: *r = a | b; break;
	case IR_XOR: *r = a ^ b; break;
	case IR_SHL: *r = a << k; break;
	case IR_SHRU: *r = a >> k; break;
	case IR_SHRS: *r = (uint64_t)(sa >> k); break; /* arithmetic on every compiler we build with */
	case IR_ROTL: *r = k ? a << k | a >> (w - k) : a; break;
	case IR_ROTR: *r = k ? a >> k | a << (w - k) : a; break;
	case IR_EQ: *r = a == b; return true;
	case IR_NE: *r = a != b; return true;
	case IR_LTS: *r = sa < sb; return true;
	case IR_LTU: *r = a < b; return true;
	case IR_GTS: *r = sa > sb; return true;
	case IR_GTU: *r = a > b; return true;
	case IR_LES: *r = sa <= sb; return true;
	case IR_LEU: *r = a <= b; return true;
	case IR_GES: *r = sa >= sb; return true;
	case IR_GEU: *r = a >= b; return true;
	default: return false;
	}
	*r &= m;
	return true;
}

/* Folds a unary integer operation; in is the operand's type. */
static bool fold1(IrOp op, IrType in, uint64_t a, uint64_t *r)
{
	unsigned w = width(in);
	a &= mask_of(in);
	switch (op) {
	case IR_CLZ: *r = clz(a, w); return true;
	case IR_CTZ: *r = ctz(a, w); return true;
	case IR_POPCNT: *r = popcnt(a); return true;
	case IR_EQZ: *r = a == 0; return true;
	case IR_EXT8S: *r = (uint64_t)(int64_t)(int8_t)(uint8_t)a; break;
	case IR_EXT16S: *r = (uint64_t)(int64_t)(int16_t)(uint16_t)a; break;
	case IR_EXT32S: *r = (uint64_t)(int64_t)(int32_t)(uint32_t)a; break;
	case IR_WRAP: *r = a & 0xffffffffu; return true;
	case IR_EXTS: *r = (uint64_t)(int64_t)(int32_t)(uint32_t)a; return true;
	case IR_EXTU: *r = a & 0xffffffffu; return true;
	default: return false;
	}
	*r &= mask_of(in);
	return true;
}

static bool is_int(IrType t) { return t == IR_I32 || t == IR_I64; }

/* Identities with one constant operand c (at position ci) or equal
 * operands: sets *v to the replacing value, or *bits with *is_const. */
static bool identity(IrIns *i, IrVal x, IrVal y, bool xc, uint64_t cx, bool yc, uint64_t cy, IrVal *v,
                     bool *is_const, uint64_t *bits)
{
	IrType t = (IrType)i->optype;
	uint64_t m = mask_of(t), ones = m;
	unsigned w = width(t);
	*is_const = false;
	if (x == y) {
		switch (i->op) {
		case IR_AND: case IR_OR: *v = x; return true;
		case IR_SUB: case IR_XOR: case IR_NE: case IR_LTS: case IR_LTU: case IR_GTS: case IR_GTU:
			*is_const = true, *bits = 0;
			return true;
		case IR_EQ: case IR_LES: case IR_LEU: case IR_GES: case IR_GEU:
			*is_const = true, *bits = 1;
			return true;
		default: break;
		}
	}
	/* the constant on the right for commutative operations */
	if (xc && !yc && (i->op == IR_ADD || i->op == IR_MUL || i->op == IR_AND || i->op == IR_OR ||
	                  i->op == IR_XOR)) {
		IrVal tv = x;
		x = y, y = tv;
		cy = cx, yc = true;
	}
	if (!yc)
		return false;
	cy &= m;
	switch (i->op) {
	case IR_ADD: case IR_SUB: case IR_OR: case IR_XOR:
		if (cy == 0) { *v = x; return true; }
		if (i->op == IR_OR && cy == ones) { *is_const = true, *bits = ones; return true; }
		break;
	case IR_SHL: case IR_SHRS: case IR_SHRU: case IR_ROTL: case IR_ROTR:
		if ((cy & (w - 1)) == 0) { *v = x; return true; }
		break;
	case IR_MUL:
		if (cy == 1) { *v = x; return true; }
		if (cy == 0) { *is_const = true, *bits = 0; return true; }
		break;
	case IR_AND:
		if (cy == ones) { *v = x; return true; }
		if (cy == 0) { *is_const = true, *bits = 0; return true; }
		break;
	case IR_DIVS: case IR_DIVU:
		if (cy == 1) { *v = x; return true; }
		break;
	case IR_REMS:
		if (cy == 1 || cy == ones) { *is_const = true, *bits = 0; return true; }
		break;
	case IR_REMU:
		if (cy == 1) { *is_const = true, *bits = 0; return true; }
		break;
	default: break;
	}
	return false;
}

/* Folds instruction i if it can; true when it changed. */
static bool fold(IrFunc *f, IrIns *i)
{
	IrVal *a = ir_args(i);
	uint64_t c[3] = {0};
	bool k[3] = {false};
	for (uint32_t j = 0; j < i->nargs && j < 3; j++)
		k[j] = ir_const_of(f, a[j], &c[j]);
	switch (i->op) {
	case IR_PHI: {
		/* one constant from every edge (or the phi itself) */
		IrVal self = i->val;
		bool any = false;
		uint64_t bits = 0;
		for (uint32_t j = 0; j < i->nargs; j++) {
			IrVal v = ir_resolve(f, a[j]);
			uint64_t cb;
			if (v == self)
				continue;
			if (!ir_const_of(f, v, &cb) || (any && cb != bits))
				return false;
			any = true, bits = cb;
		}
		if (!any)
			return false;
		ir_make_const(i, bits);
		return true;
	}
	case IR_SELECT:
		if (k[2]) {
			ir_replace(f, i, (c[2] & 0xffffffffu) ? a[0] : a[1]);
			return true;
		}
		if (ir_resolve(f, a[0]) == ir_resolve(f, a[1])) {
			ir_replace(f, i, a[0]);
			return true;
		}
		return false;
	case IR_CVT:
		/* reinterpretations keep the bits */
		if (k[0] && i->imm >= 0xbc && i->imm <= 0xbf) {
			ir_make_const(i, c[0]);
			return true;
		}
		return false;
	default: break;
	}
	if (!is_int((IrType)i->type) || !is_int((IrType)i->optype))
		return false;
	uint64_t r;
	if (i->nargs == 1 && k[0] && fold1((IrOp)i->op, (IrType)i->optype, c[0], &r)) {
		ir_make_const(i, r);
		return true;
	}
	if (i->nargs != 2)
		return false;
	if (k[0] && k[1] && fold2((IrOp)i->op, width((IrType)i->optype), c[0], c[1], &r)) {
		ir_make_const(i, r);
		return true;
	}
	IrVal v;
	bool is_const;
	if (identity(i, ir_resolve(f, a[0]), ir_resolve(f, a[1]), k[0], c[0], k[1], c[1], &v, &is_const, &r)) {
		if (is_const)
			ir_make_const(i, r);
		else
			ir_replace(f, i, v);
		return true;
	}
	return false;
}

/* After instructions moved within b (positions from..to): their recorded
 * positions (f->def[].index, which ir_const_of reads) follow them, or a
 * constant moved by one rewrite would no longer be seen as one by the
 * next (the select of 0 in the second of two conditional adds). */
static void reindex(IrFunc *f, IrBlock *b, uint32_t from, uint32_t to)
{
	for (uint32_t j = from; j <= to && j < b->nins; j++)
		if (b->ins[j].val && f->def[b->ins[j].val].block == b)
			f->def[b->ins[j].val].index = j;
}

/* What a sweep of ir_pass_fold knows of the function (below). */
typedef struct UseCounts UseCounts;
static IrIns *def_of(IrOpt *o, UseCounts *u, IrVal v);
static bool afford(UseCounts *u, uint64_t n);

/* i32.wrap_i64 of a chain of i64 shifts by constants, as clang makes of
 * `(int32_t)(((int64_t)x << 32) >> 35)` or `(q16)(((int64_t)q << 32) >> 19
 * >> 16)`: the wrap keeps one 32-bit window of the chain's value, and
 * when that window comes from one word of an `shl 32` or of an extend_s,
 * one i32 shift of that word gives it (the i64 chain costs 2-3
 * instructions per shift). The window at bit p of `shr_u z, b` is the
 * window at p + b of z while it stays inside z's 64 bits; of `shr_s z, a`
 * it is the window at p + a with z's sign above bit 63. Replaces the wrap
 * at b->ins[k] by the i32 shift (its operands emitted and moved before
 * it); false when nothing matched or memory ran out. */
static bool wrap_shift(IrOpt *o, UseCounts *u, IrBlock *b, uint32_t k)
{
	IrFunc *f = o->f;
	IrIns *w = &b->ins[k];
	if (w->op != IR_WRAP || w->optype != IR_I64)
		return false;
	IrVal v = ir_resolve(f, ir_args(w)[0]);
	unsigned p = 0, steps = 0;
	bool sign = false; /* bits above 63 are the sign (else: must not be read) */
	IrVal x = 0;
	bool ext = false; /* x is i32 (extend_s), else i64 (shl 32) */
	for (;;) {
		IrIns *d = def_of(o, u, v);
		uint64_t c;
		if (!d || d->dead)
			return false;
		if ((d->op == IR_SHRU || d->op == IR_SHRS) && d->optype == IR_I64 &&
		    ir_const_of(f, ir_args(d)[1], &c)) {
			c &= 63;
			if (d->op == IR_SHRU ? sign || p + c + 32 > 64 : p + c > 63)
				return false;
			if (d->op == IR_SHRS && p + c + 32 > 64)
				sign = true;
			p += (unsigned)c;
			steps++;
			v = ir_resolve(f, ir_args(d)[0]);
			continue;
		}
		if (d->op == IR_SHL && d->optype == IR_I64 && ir_const_of(f, ir_args(d)[1], &c) && (c & 63) == 32 &&
		    (p >= 32 || !sign)) {
			x = ir_resolve(f, ir_args(d)[0]);
			steps++;
			break;
		}
		if (d->op == IR_EXTS && d->optype == IR_I32 && steps > 0) {
			x = ir_resolve(f, ir_args(d)[0]);
			ext = true;
			p += 32; /* the same window of (x << 32), sign above */
			sign = true;
			break;
		}
		return false;
	}
	if ((steps < 2 && !ext) || p == 0)
		return false;
	/* the window at p of (lo << 32) = lo shifted: p >= 32 right by p - 32
	 * (arithmetic when sign-filled), p < 32 left by 32 - p */
	IrOp op = p >= 32 ? (sign ? IR_SHRS : IR_SHRU) : IR_SHL;
	unsigned sh = p >= 32 ? p - 32 : 32 - p;
	if (op == IR_SHRS && sh > 31)
		sh = 31;
	if (!afford(u, b->nins - k))
		return false;
	uint32_t at = b->nins, n = 0;
	IrVal lo = x;
	if (!ext) {
		IrIns *wi = ir_emit(f, b, IR_WRAP, IR_I32, 1, &x);
		if (!wi)
			return false;
		wi->optype = IR_I64;
		lo = wi->val;
		n++;
	}
	IrIns *ci = ir_emit(f, b, IR_CONST, IR_I32, 0, NULL);
	if (!ci)
		return false;
	ir_make_const(ci, sh);
	IrVal cv = ci->val;
	n++;
	/* move the new instructions before the wrap */
	IrIns tmp[2];
	memcpy(tmp, &b->ins[at], n * sizeof(IrIns));
	memmove(&b->ins[k + n], &b->ins[k], (at - k) * sizeof(IrIns));
	memcpy(&b->ins[k], tmp, n * sizeof(IrIns));
	reindex(f, b, k, at + n - 1);
	w = &b->ins[k + n];
	if (sh == 0 && op != IR_SHL) {
		/* the word itself: a plain wrap of x, or x */
		if (ext) {
			ir_replace(f, w, lo);
			return true;
		}
		ir_args(w)[0] = x;
		return true;
	}
	w->op = (uint8_t)op;
	w->optype = IR_I32;
	w->nargs = 2;
	w->args[0] = lo;
	w->args[1] = cv;
	return true;
}

/* Users of each value (phis and instructions), counted up to 2, made once
 * per sweep of ir_pass_fold when cond_add first needs one (counting per
 * candidate would be quadratic). A fold earlier in the same sweep may add
 * users; the count only decides whether cond_add pays, never what is
 * correct, so a stale one is harmless. Values made during the sweep are
 * counted by a scan of their own. */
struct UseCounts {
	uint8_t *n;
	uint32_t nvals; /* values counted */
	uint32_t *pos;  /* where each value's instruction was in its block (def_of) */
	uint32_t npos;
	uint64_t *work; /* instructions the rewrites may still move or scan (afford) */
};

/* Whether a rewrite that moves or scans n instructions of a block is
 * still affordable, charging it: wrap_shift and cond_add move the rest of
 * the block by one or two places and moving_select scans it, so a block
 * of thousands of them would cost its length squared. The pass gets a
 * budget linear in the function's size (ir_pass_fold); a function that
 * spends it keeps its remaining wraps and adds as they are. */
static bool afford(UseCounts *u, uint64_t n)
{
	if (*u->work < n)
		return false;
	*u->work -= n;
	return true;
}

/* The instruction defining v, like ir_def_ins but without its scan of the
 * block (quadratic in a block of thousands of instructions): positions
 * are recorded once per sweep, and the rewrites here only insert one or
 * two instructions before the one they change, so a value is found at its
 * recorded position or just after it; anything else is looked up again. */
static IrIns *def_of(IrOpt *o, UseCounts *u, IrVal v)
{
	IrFunc *f = o->f;
	IrBlock *b = f->def[v].block;
	if (!b)
		return NULL;
	uint32_t at = f->def[v].index; /* kept by the moves here (reindex) */
	if (at < b->nins && b->ins[at].val == v)
		return &b->ins[at];
	if (!u->pos && (u->pos = sy_arena_array(&o->scratch, f->nvals ? f->nvals : 1, sizeof *u->pos))) {
		u->npos = f->nvals;
		memset(u->pos, 0, (size_t)f->nvals * sizeof *u->pos);
		for (uint32_t bi = 0; bi < f->nblocks; bi++)
			for (uint32_t k = 0; k < f->blocks[bi]->nins; k++)
				if (f->blocks[bi]->ins[k].val < u->npos)
					u->pos[f->blocks[bi]->ins[k].val] = k;
	}
	if (u->pos && v < u->npos)
		for (uint32_t k = u->pos[v]; k < b->nins && k <= u->pos[v] + 4; k++)
			if (b->ins[k].val == v) {
				u->pos[v] = k;
				return &b->ins[k];
			}
	IrIns *d = ir_def_ins(f, v);
	if (d && u->pos && v < u->npos)
		u->pos[v] = (uint32_t)(d - b->ins);
	return d;
}

static void count_use(IrFunc *f, uint8_t *n, IrVal v)
{
	v = ir_resolve(f, v);
	if (n[v] < 2)
		n[v]++;
}

static unsigned uses_of(IrOpt *o, UseCounts *u, IrVal v)
{
	IrFunc *f = o->f;
	if (!u->n) {
		u->n = sy_arena_array(&o->scratch, f->nvals ? f->nvals : 1, 1);
		if (!u->n)
			return 2; /* out of memory: treated as shared, nothing rewritten */
		memset(u->n, 0, f->nvals);
		u->nvals = f->nvals;
		for (uint32_t bi = 0; bi < f->nblocks; bi++) {
			IrBlock *b = f->blocks[bi];
			for (uint32_t k = 0; k < b->nphis; k++)
				if (!b->phis[k]->dead)
					for (uint32_t j = 0; j < b->phis[k]->nargs; j++)
						count_use(f, u->n, ir_args(b->phis[k])[j]);
			for (uint32_t k = 0; k < b->nins; k++)
				if (!b->ins[k].dead)
					for (uint32_t j = 0; j < b->ins[k].nargs; j++)
						count_use(f, u->n, ir_args(&b->ins[k])[j]);
		}
	}
	if (v < u->nvals)
		return u->n[v];
	unsigned n = 0;
	for (uint32_t bi = 0; bi < f->nblocks && n < 2; bi++) {
		IrBlock *b = f->blocks[bi];
		for (uint32_t k = 0; k < b->nphis; k++)
			if (!b->phis[k]->dead)
				for (uint32_t j = 0; j < b->phis[k]->nargs; j++)
					n += ir_resolve(f, ir_args(b->phis[k])[j]) == v;
		for (uint32_t k = 0; k < b->nins; k++)
			if (!b->ins[k].dead)
				for (uint32_t j = 0; j < b->ins[k].nargs; j++)
					n += ir_resolve(f, ir_args(&b->ins[k])[j]) == v;
	}
	return n;
}

/* Whether another i64 select in b on compare c chooses between two
 * values neither of which is a constant 0: one the isel emits as moves
 * under an IT after the compare. A second conditional add on the same
 * compare would put its adds/adc (which set the flags) between the two
 * selects and make the compare be emitted again (cmp, sbcs: fixmath's
 * integer square root, where the first conditional add `r = c ? (r >> 1)
 * + bit : r >> 1` pays and the second, `v - (c ? 0 : r + bit)`, then costs
 * 2 instructions more than its select of 0). */
static bool moving_select(IrOpt *o, UseCounts *u, IrBlock *b, IrVal c, IrVal self)
{
	IrFunc *f = o->f;
	(void)u;
	for (uint32_t k = 0; k < b->nins; k++) {
		IrIns *s = &b->ins[k];
		uint64_t z;
		if (s->dead || s->op != IR_SELECT || s->type != IR_I64 || s->val == self ||
		    ir_resolve(f, ir_args(s)[2]) != c)
			continue;
		if (!(ir_const_of(f, ir_args(s)[0], &z) && z == 0) && !(ir_const_of(f, ir_args(s)[1], &z) && z == 0))
			return true;
	}
	return false;
}

/* A conditional add: x + (c ? y : 0) is c ? x + y : x (and x - (c ? y :
 * 0), either arm 0), so that the select moves the sum instead of choosing
 * between y and 0 before an add: for i64, adds/adc and one it + two movs
 * instead of an it + four movs and adds/adc (fixmath's integer square
 * root, `r = (r >> 1) + (v >= r + bit ? bit : 0)` after clang). Only when
 * the select has no other user. Rewrites b->ins[k] in place, the sum
 * emitted and moved before it; false when nothing matched or out of
 * memory. */
static bool cond_add(IrOpt *o, UseCounts *u, IrBlock *b, uint32_t k)
{
	IrFunc *f = o->f;
	IrIns *i = &b->ins[k];
	if ((i->op != IR_ADD && i->op != IR_SUB) || !is_int((IrType)i->type) || i->optype != i->type)
		return false;
	for (unsigned q = i->op == IR_SUB ? 1 : 0; q < 2; q++) {
		IrVal sv = ir_resolve(f, ir_args(i)[q]), x = ir_resolve(f, ir_args(i)[q ^ 1]);
		IrIns *sel = def_of(o, u, sv);
		uint64_t c;
		if (!sel || sel->dead || sel->op != IR_SELECT || sel->type != i->type)
			continue;
		IrVal sa[3] = {ir_resolve(f, ir_args(sel)[0]), ir_resolve(f, ir_args(sel)[1]),
		               ir_resolve(f, ir_args(sel)[2])};
		int zero = ir_const_of(f, sa[1], &c) && c == 0 ? 1 : ir_const_of(f, sa[0], &c) && c == 0 ? 0 : -1;
		if (zero < 0 || uses_of(o, u, sv) != 1)
			continue;
		IrIns *xd = def_of(o, u, x);
		if (xd && xd->op == IR_SELECT && ir_resolve(f, ir_args(xd)[2]) == sa[2])
			continue; /* two selects on one compare added: both moves under one IT */
		IrVal y = sa[zero ^ 1];
		if (ir_const_of(f, y, &c))
			continue; /* a select of two constants: left to the selector */
		if (i->type == IR_I64 && (!afford(u, b->nins) || moving_select(o, u, b, sa[2], sv)))
			continue;
		if (!afford(u, b->nins - k))
			return false;
		IrVal ta[2] = {q == 0 ? y : x, q == 0 ? x : y};
		IrOp op = (IrOp)i->op;
		uint8_t ty = i->type;
		uint32_t at = b->nins;
		IrIns *t = ir_emit(f, b, op, (IrType)ty, 2, ta);
		if (!t)
			return false;
		t->optype = ty;
		IrIns tmp = *t;
		memmove(&b->ins[k + 1], &b->ins[k], (at - k) * sizeof(IrIns));
		b->ins[k] = tmp;
		reindex(f, b, k, at);
		i = &b->ins[k + 1];
		i->op = IR_SELECT;
		i->optype = 0;
		i->nargs = 3;
		ir_args(i)[zero ^ 1] = tmp.val;
		ir_args(i)[zero] = x;
		ir_args(i)[2] = sa[2];
		return true;
	}
	return false;
}

SynthStatus ir_pass_fold(IrOpt *o)
{
	IrFunc *f = o->f;
	if (!ir_cfg(o))
		return sy_nomem(o->ctx);
	uint64_t work = 1u << 16;
	for (uint32_t bi = 0; bi < f->nblocks; bi++)
		work += 64 * (uint64_t)f->blocks[bi]->nins;
	for (bool again = true; again;) {
		again = false;
		UseCounts u = {NULL, 0, NULL, 0, &work};
		for (uint32_t r = 0; r < o->nrpo; r++) {
			IrBlock *b = f->blocks[o->rpo[r]];
			for (uint32_t k = 0; k < b->nins; k++) {
				IrIns *i = &b->ins[k];
				if (i->dead || i->op == IR_CONST)
					continue;
				if (!fold(f, i) && !wrap_shift(o, &u, b, k) && !cond_add(o, &u, b, k))
					continue;
				again = true;
			}
		}
	}
	return SYNTH_OK;
}
