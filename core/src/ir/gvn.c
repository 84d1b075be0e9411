/* gvn.c - global value numbering of pure instructions over the dominator
 * tree (the hash-based, dominator-scoped form of Briggs, Cooper and
 * Simpson, "Value Numbering", 1997).
 *
 * Walking the dominator tree from the entry, each pure instruction is
 * looked up in a table of the instructions of the blocks that dominate it
 * (and the ones before it in its own block); an equal one -- same opcode,
 * types, immediates and arguments, either order for the commutative
 * integer operations, constants compared by type and bits (`x << 2` twice
 * is one value even when each 2 is a CONST of its own) -- replaces it. The
 * table is scoped: entries made in a block are taken out when the walk
 * leaves the block's subtree. Trapping instructions (division, float
 * truncation) take part: the equal one that dominates has run, and trapped
 * or produced the same value.
 *
 * What is merged is chosen for a register allocator without splitting or
 * rematerialization, measured on tests/bench/mcu: constants are not merged
 * (isel takes them as immediates); compares and i32 shifts by a constant
 * (ir_fused()) and one-instruction i32 operations with a constant operand
 * (ir_cheap()) are only numbered, never replaced: isel fuses the first
 * into their user for free, and recomputing the second costs less than a
 * register held across the code between (`sp + 16` reused across a call
 * grew aes128 by 176 bytes). Phis are not merged: it measured slightly
 * worse. On clang -O2 output what is left to merge is rare. */
#include <string.h>

#include "opt.h"

typedef struct Gvn {
	IrFunc *f;
	IrVal *canon;      /* per value: the first CONST of the same type and bits, or the
	                    * dominating equal instruction of a kept one, else 0 (itself) */
} Gvn;

typedef struct GvnTable {
	IrIns **ins;       /* nodes: the instruction... */
	uint32_t *next;    /* ...and the next node of its bucket */
	uint32_t *head;    /* first node of each bucket (0 = none; node 0 unused) */
	uint32_t *bucket;  /* the bucket of each node, to undo in reverse */
	uint32_t n, mask;
} GvnTable;

static bool commutative(IrOp op)
{
	return op == IR_ADD || op == IR_MUL || op == IR_AND || op == IR_OR || op == IR_XOR || op == IR_EQ ||
	       op == IR_NE;
}

static bool eligible(const IrIns *i) { return ir_pure(i) && i->op != IR_CONST; }

static IrVal canon(Gvn *g, IrVal v)
{
	v = ir_resolve(g->f, v);
	return g->canon[v] ? g->canon[v] : v;
}

/* Argument k of i for comparison; commutative pairs in ascending order. */
static IrVal arg(Gvn *g, IrIns *i, uint32_t k)
{
	IrVal *a = ir_args(i);
	if (i->nargs == 2 && commutative((IrOp)i->op)) {
		IrVal x = canon(g, a[0]), y = canon(g, a[1]);
		if (x > y)
			return k ? x : y;
		return k ? y : x;
	}
	return canon(g, a[k]);
}

/* Fills g->canon: constants hashed by type and bits. */
static bool canon_consts(Gvn *g, SyArena *ar)
{
	IrFunc *f = g->f;
	uint32_t size = 16;
	while (size < 2 * f->nvals)
		size *= 2;
	IrIns **tab = sy_arena_array(ar, size, sizeof *tab);
	g->canon = sy_arena_array(ar, f->nvals, sizeof *g->canon);
	if (!tab || !g->canon)
		return false;
	for (uint32_t bi = 0; bi < f->nblocks; bi++)
		for (uint32_t k = 0; k < f->blocks[bi]->nins; k++) {
			IrIns *i = &f->blocks[bi]->ins[k];
			if (i->dead || i->op != IR_CONST)
				continue;
			uint64_t h = (i->imm ^ (uint64_t)i->type << 60) * 0x9e3779b97f4a7c15ull;
			uint32_t s = (uint32_t)(h >> 32) & (size - 1);
			while (tab[s] && (tab[s]->imm != i->imm || tab[s]->type != i->type))
				s = (s + 1) & (size - 1);
			if (!tab[s])
				tab[s] = i;
			g->canon[i->val] = tab[s]->val;
		}
	return true;
}

static uint32_t hash(Gvn *g, IrIns *i, uint32_t block)
{
	uint64_t h = (uint64_t)i->op * 0x9e3779b97f4a7c15ull ^ (uint64_t)i->type << 8 ^ (uint64_t)i->optype << 16;
	h ^= i->imm * 0xff51afd7ed558ccdull ^ (uint64_t)i->aux << 24;
	if (i->op == IR_PHI)
		h ^= (uint64_t)block << 40;
	for (uint32_t k = 0; k < i->nargs; k++)
		h = (h ^ arg(g, i, k)) * 0xc4ceb9fe1a85ec53ull;
	return (uint32_t)(h ^ h >> 32);
}

static bool same(Gvn *g, IrIns *x, IrIns *y)
{
	IrFunc *f = g->f;
	if (x->op != y->op || x->type != y->type || x->optype != y->optype || x->imm != y->imm || x->aux != y->aux ||
	    x->nargs != y->nargs)
		return false;
	if (x->op == IR_PHI && f->def[x->val].block != f->def[y->val].block)
		return false;
	for (uint32_t k = 0; k < x->nargs; k++)
		if (arg(g, x, k) != arg(g, y, k))
			return false;
	return true;
}

SynthStatus ir_pass_gvn(IrOpt *o)
{
	IrFunc *f = o->f;
	SyArena *ar = &o->scratch;
	Gvn g = {.f = f};
	if (!ir_cfg(o) || !canon_consts(&g, ar))
		return sy_nomem(o->ctx);
	uint32_t size = 16;
	while (size < 2 * f->nvals)
		size *= 2;
	GvnTable t = {.mask = size - 1, .n = 1};
	t.head = sy_arena_array(ar, size, sizeof *t.head);
	t.ins = sy_arena_array(ar, f->nvals + 1, sizeof *t.ins);
	t.next = sy_arena_array(ar, f->nvals + 1, sizeof *t.next);
	t.bucket = sy_arena_array(ar, f->nvals + 1, sizeof *t.bucket);
	/* walk: block ids, with the top bit set for "leave" */
	uint32_t *stack = sy_arena_array(ar, 2 * (size_t)f->nblocks + 1, sizeof *stack);
	uint32_t *mark = sy_arena_array(ar, f->nblocks, sizeof *mark);
	if (!t.head || !t.ins || !t.next || !t.bucket || !stack || !mark)
		return sy_nomem(o->ctx);
	uint32_t sp = 0;
	bool replaced = false; /* the pass only replaces */
	stack[sp++] = 0;
	while (sp) {
		uint32_t top = stack[--sp];
		if (top & 0x80000000u) {
			uint32_t b = top & 0x7fffffffu;
			while (t.n > mark[b]) {
				t.n--;
				t.head[t.bucket[t.n]] = t.next[t.n];
			}
			continue;
		}
		IrBlock *b = f->blocks[top];
		mark[top] = t.n;
		for (uint32_t k = 0; k < b->nins; k++) {
			IrIns *i = &b->ins[k];
			if (i->dead || !i->val || !eligible(i))
				continue;
			uint32_t h = hash(&g, i, top) & t.mask;
			IrIns *found = NULL;
			for (uint32_t e = t.head[h]; e && !found; e = t.next[e])
				if (same(&g, t.ins[e], i))
					found = t.ins[e];
			/* kept, only numbered as found, so that its users can merge */
			if (found && (ir_fused(f, i) || ir_cheap(f, i))) {
				g.canon[i->val] = canon(&g, found->val);
			} else if (found) {
				ir_replace(f, i, found->val);
				replaced = true;
				continue;
			}
			t.ins[t.n] = i;
			t.bucket[t.n] = h;
			t.next[t.n] = t.head[h];
			t.head[h] = t.n++;
		}
		stack[sp++] = top | 0x80000000u;
		for (uint32_t c = o->dom_first[top + 1]; c > o->dom_first[top]; c--)
			stack[sp++] = o->dom_kids[c - 1];
	}
	o->same = !replaced;
	return SYNTH_OK;
}
