/* align.c - known low bits of i32 values (for instruction selection: an
 * f32/f64 access may use VLDR/VSTR, which fault on an address that is not
 * 4-aligned, only where its address is provably aligned).
 *
 * Each i32 value v gets a fact (k, r): v mod 2^k == r for every value v can
 * take (k = 0: nothing known). Constants are exact (k = 32); add and sub
 * keep the low min(ka, kb) bits; a multiplication by a constant c shifts
 * the known bits up by ctz(c), any other product has at least the sum of
 * the operands' known trailing zeros; shl by a constant shifts the fact;
 * and/or/xor know a bit when both operands do, or when one operand's known
 * bit decides it (x & 0xfffffff8 ends in three zeros whatever x is); a phi
 * or select knows the low bits on which all its operands agree. Everything
 * else (loads, parameters, calls, i64 values) knows nothing.
 *
 * Loops: phis start optimistic (every bit known, "not yet seen") and the
 * sweep over all blocks repeats until nothing changes. Each fact only ever
 * loses bits (the rules are monotone), so this ends after at most 33 losses
 * per value; the result is the greatest fixpoint, which holds by induction
 * on execution: a phi's operands satisfy their facts on every edge, so the
 * phi does. p = phi(base, p + 4) with base 4-aligned is 4-aligned. */
#include "ir.h"

#define TOP 33 /* not computed yet: the neutral element of the meet */

static IrLowBits get(const IrFunc *f, const IrLowBits *lb, IrVal v)
{
	v = ir_resolve((IrFunc *)f, v);
	if (!v || v >= f->nvals || f->valtype[v] != IR_I32)
		return (IrLowBits){0, 0};
	return lb[v];
}

static uint32_t mask(unsigned k) { return k >= 32 ? UINT32_MAX : (1u << k) - 1; }

/* Trailing zeros the fact guarantees. */
static unsigned tz(IrLowBits x)
{
	if (x.k == TOP)
		return 32;
	unsigned t = x.r & mask(x.k) ? (unsigned)__builtin_ctz(x.r) : x.k;
	return t < x.k ? t : x.k;
}

static IrLowBits fact(unsigned k, uint32_t r)
{
	if (k > 32)
		k = 32;
	return (IrLowBits){(uint8_t)k, r & mask(k)};
}

/* The low bits on which x and y agree. */
static IrLowBits meet(IrLowBits x, IrLowBits y)
{
	if (x.k == TOP)
		return y;
	if (y.k == TOP)
		return x;
	unsigned k = x.k < y.k ? x.k : y.k;
	uint32_t diff = (x.r ^ y.r) & mask(k);
	if (diff)
		k = (unsigned)__builtin_ctz(diff);
	return fact(k, x.r);
}

/* and (op 0), or (1), xor (2) bit by bit from the low end. */
static IrLowBits bitwise(int op, IrLowBits x, IrLowBits y)
{
	unsigned k = 0;
	uint32_t r = 0;
	for (; k < 32; k++) {
		bool kx = k < x.k, ky = k < y.k;
		unsigned bx = x.r >> k & 1, by = y.r >> k & 1, b;
		if (kx && ky)
			b = op == 0 ? bx & by : op == 1 ? bx | by : bx ^ by;
		else if (op == 0 && ((kx && !bx) || (ky && !by)))
			b = 0;
		else if (op == 1 && ((kx && bx) || (ky && by)))
			b = 1;
		else
			break;
		r |= (uint32_t)b << k;
	}
	return fact(k, r);
}

static IrLowBits of_ins(const IrFunc *f, const IrLowBits *lb, IrIns *i)
{
	IrVal *a = ir_args(i);
	IrLowBits x = i->nargs > 0 ? get(f, lb, a[0]) : (IrLowBits){0, 0};
	IrLowBits y = i->nargs > 1 ? get(f, lb, a[1]) : (IrLowBits){0, 0};
	if (i->op == IR_PHI) {
		IrLowBits m = {TOP, 0};
		for (uint32_t j = 0; j < i->nargs; j++)
			m = meet(m, get(f, lb, a[j]));
		return m;
	}
	if (i->op != IR_CONST && i->op != IR_COPY && (x.k == TOP || (i->nargs > 1 && y.k == TOP)))
		return (IrLowBits){TOP, 0}; /* an operand not seen yet: decided later */
	switch (i->op) {
	case IR_CONST: return fact(32, (uint32_t)i->imm);
	case IR_MEMBASE: return fact(3, 0); /* a defined memory's section is 8-aligned */
	case IR_COPY: return x;
	case IR_ADD: return fact(x.k < y.k ? x.k : y.k, x.r + y.r);
	case IR_SUB: return fact(x.k < y.k ? x.k : y.k, x.r - y.r);
	case IR_MUL:
		if (y.k == 32)
			return fact(x.k + tz(y), x.r * y.r);
		if (x.k == 32)
			return fact(y.k + tz(x), x.r * y.r);
		return fact(tz(x) + tz(y), 0);
	case IR_SHL:
		if (y.k == 32) {
			unsigned c = y.r & 31;
			return fact(x.k + c, x.r << c);
		}
		return (IrLowBits){0, 0};
	case IR_AND: return bitwise(0, x, y);
	case IR_OR: return bitwise(1, x, y);
	case IR_XOR: return bitwise(2, x, y);
	case IR_SELECT: {
		IrLowBits z = get(f, lb, a[2]);
		(void)z; /* the condition */
		return meet(x, y);
	}
	default: return (IrLowBits){0, 0};
	}
}

IrLowBits *ir_low_bits(IrFunc *f, SyArena *ar)
{
	IrLowBits *lb = sy_arena_array(ar, f->nvals ? f->nvals : 1, sizeof *lb);
	if (!lb)
		return NULL;
	for (uint32_t v = 0; v < f->nvals; v++)
		lb[v] = (IrLowBits){TOP, 0};
	for (bool changed = true; changed;) {
		changed = false;
		for (uint32_t b = 0; b < f->nblocks; b++) {
			IrBlock *bl = f->blocks[b];
			for (uint32_t j = 0; bl && j < bl->nins; j++) {
				IrIns *i = &bl->ins[j];
				if (i->dead || !i->val || i->val >= f->nvals || f->valtype[i->val] != IR_I32)
					continue;
				IrLowBits n = of_ins(f, lb, i);
				if (n.k != lb[i->val].k || n.r != lb[i->val].r)
					lb[i->val] = n, changed = true;
			}
		}
	}
	/* values never reached (an operand in unreachable code) know nothing */
	for (uint32_t v = 0; v < f->nvals; v++)
		if (lb[v].k == TOP)
			lb[v] = (IrLowBits){0, 0};
	return lb;
}

bool ir_aligned(const IrFunc *f, const IrLowBits *lb, IrVal v, uint64_t offset, unsigned align_log2)
{
	IrLowBits x = get(f, lb, v);
	if (x.k == TOP || x.k < align_log2)
		return false;
	return ((x.r + (uint32_t)offset) & mask(align_log2)) == 0;
}
