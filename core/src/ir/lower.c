/* lower.c - lowers a validated WebAssembly function to SSA IR.
 *
 * One pass over the body keeps an abstract operand stack of SSA values and a
 * control stack mirroring the wasm blocks. Locals become SSA values with the
 * on-the-fly construction of Braun et al. ("Simple and Efficient
 * Construction of Static Single Assignment Form", CC 2013): each block maps
 * locals to their current value, reads in blocks whose predecessors are not
 * all known yet create incomplete phis, and a block is sealed once its last
 * predecessor is known (a block's merge at its end, a loop header at the
 * loop's end). Block results and loop parameters are explicit phis fed by
 * every branch. Code after br/return/unreachable is skipped up to the end of
 * its block. Operators and their immediates come from the shared reader
 * (wasm/opreader.c); the body was validated, so nothing it reads fails. */
#include <stdio.h>
#include <string.h>

#include "ir.h"
#include "wasm/opcodes.h"
#include "wasm/opreader.h"

typedef struct Edge {
	IrBlock *pred;   /* the block branching to the label */
	IrVal *vals;     /* the label's values, as many as its arity */
	struct Edge *next;
} Edge;

typedef struct Frame {
	uint8_t kind;          /* 0 function, 0x02 block, 0x03 loop, 0x04 if */
	bool dead;             /* entered in unreachable code: everything inside is skipped */
	bool has_else;         /* an else was seen */
	uint32_t height;       /* operand stack height below the block's params */
	uint32_t nparams, nresults;
	const uint8_t *params, *results;
	IrBlock *merge;        /* block after the end (results arrive here) */
	IrBlock *header;       /* loop: the header, target of branches */
	IrIns **loop_phis;     /* loop: phis of the parameters at the header */
	IrBlock *else_blk;     /* if: entry of the else arm */
	IrVal *if_params;      /* if: parameter values, for the else arm */
	Edge *edges, *last;    /* branches to merge with their values, in pred order */
} Frame;

typedef struct L {
	SynthContext *ctx;
	IrFunc *f;
	const SynthModuleDesc *d;
	SyReader r;
	IrBlock *cur;          /* block being filled; NULL in unreachable code */
	IrVal *stack;          /* operand stack */
	uint32_t nstack, capstack;
	Frame *frames;
	uint32_t nframes, capframes;
	uint32_t loop_depth;
	uint32_t brtable_id;   /* marks br_table targets already given an edge */
	struct Lookup *look;   /* read_local's explicit stack (see there) */
	uint32_t caplook;
} L;

#define TRY(x) do { SynthStatus st_ = (x); if (st_ != SYNTH_OK) return st_; } while (0)

static SynthStatus nomem(L *l) { return sy_nomem(l->ctx); }

/* A feature the compiler refuses by name (SIMD): SYNTH_ERR_UNSUPPORTED,
 * reported at offset at. */
static SynthStatus unsupported_at(L *l, uint64_t at, const char *what)
{
	return sy_error(l->ctx, SYNTH_ERR_UNSUPPORTED, at, l->r.funcidx, "%s is not supported by the compiler yet",
	                what);
}

/* The same after the operator's immediates. */
static SynthStatus unsupported(L *l, const char *what) { return unsupported_at(l, sy_pos(&l->r), what); }

/* An instruction the validator accepted but lowering has no case for: a
 * compiler bug, never a refusal (SYNTH_ERR_INTERNAL). */
static SynthStatus internal(L *l, const char *what)
{
	return sy_error(l->ctx, SYNTH_ERR_INTERNAL, sy_pos(&l->r), l->r.funcidx,
	                "internal error: lowering has no case for %s", what);
}


static SynthStatus push(L *l, IrVal v)
{
	if (!sy_arena_grow(l->f->ar, (void **)&l->stack, &l->capstack, l->nstack + 1, sizeof(IrVal)))
		return nomem(l);
	l->stack[l->nstack++] = v;
	return SYNTH_OK;
}

static IrVal pop(L *l) { return l->stack[--l->nstack]; }

static IrIns *emit(L *l, IrOp op, IrType t, uint32_t n, const IrVal *args)
{
	return ir_emit(l->f, l->cur, op, t, n, args);
}

/* ---- SSA construction for locals ---- */

static IrVal *defs_of(L *l, IrBlock *b)
{
	if (!b->defs)
		b->defs = sy_arena_array(l->f->ar, l->f->nlocals ? l->f->nlocals : 1, sizeof(IrVal));
	return b->defs;
}

static SynthStatus read_local(L *l, IrBlock *b, uint32_t x, IrVal *out);

static IrVal try_remove_trivial(L *l, IrIns *phi)
{
	IrVal same = 0;
	IrVal *a = phi->nargs > 3 ? phi->xargs : phi->args;
	for (uint32_t i = 0; i < phi->nargs; i++) {
		IrVal v = ir_resolve(l->f, a[i]);
		if (v == same || v == phi->val)
			continue;
		if (same)
			return phi->val;
		same = v;
	}
	if (!same)
		return phi->val; /* only self references: unreachable, keep it */
	phi->dead = 1;
	l->f->repl[phi->val] = same;
	ir_phi_release(l->f, l->f->def[phi->val].block, phi);
	return same;
}

static SynthStatus add_phi_operands(L *l, IrBlock *b, uint32_t x, IrIns *phi, IrVal *out)
{
	for (uint32_t p = 0; p < b->npreds; p++) {
		IrVal v;
		TRY(read_local(l, b->preds[p], x, &v));
		if (!ir_push_arg(l->f, phi, v))
			return nomem(l);
	}
	*out = try_remove_trivial(l, phi);
	return SYNTH_OK;
}

static SynthStatus write_local(L *l, IrBlock *b, uint32_t x, IrVal v)
{
	IrVal *d = defs_of(l, b);
	if (!d)
		return nomem(l);
	d[x] = v;
	return SYNTH_OK;
}

/* One block of a local's lookup in progress: read_local walks back over
 * predecessors with this explicit stack instead of recursing (a chain of
 * 100,000 merge blocks overflowed the C stack). The steps and their order
 * are those of Braun et al.'s recursive readVariable, so value numbers are
 * too. */
typedef struct Lookup {
	IrBlock *b;
	IrIns *phi;            /* several predecessors: the phi being completed */
	uint32_t next;         /* its next predecessor to read */
} Lookup;

static SynthStatus read_local(L *l, IrBlock *b, uint32_t x, IrVal *out)
{
	uint32_t n = 0;
	IrVal v = 0;           /* what the frame just popped delivered */
	bool ret = false;      /* v is a returned value for the top frame */
	IrType t = l->f->localtype[x];
	if (!l->caplook && !sy_arena_grow(l->f->ar, (void **)&l->look, &l->caplook, 1, sizeof *l->look))
		return nomem(l);
	l->look[n++] = (Lookup){.b = b};
	while (n) {
		Lookup *k = &l->look[n - 1];
		IrVal *d = defs_of(l, k->b);
		if (!d)
			return nomem(l);
		if (ret) {
			ret = false;
			if (!k->phi) { /* one predecessor: its value is this block's */
				d[x] = v;
				n--, ret = true;
				continue;
			}
			if (!ir_push_arg(l->f, k->phi, v))
				return nomem(l);
			k->next++;
		} else if (d[x]) {
			v = ir_resolve(l->f, d[x]);
			n--, ret = true;
			continue;
		} else if (!k->b->sealed) {
			IrIns *phi = ir_phi(l->f, k->b, t);
			if (!phi)
				return nomem(l);
			if (!k->b->incomplete) {
				k->b->incomplete = sy_arena_array(l->f->ar, l->f->nlocals, sizeof(IrVal));
				if (!k->b->incomplete)
					return nomem(l);
			}
			k->b->incomplete[x] = phi->val;
			d[x] = v = phi->val;
			n--, ret = true;
			continue;
		} else if (k->b->npreds != 1) {
			k->phi = ir_phi(l->f, k->b, t);
			if (!k->phi)
				return nomem(l);
			d[x] = k->phi->val;
		}
		/* read the next predecessor, or finish the phi */
		if (k->phi && k->next == k->b->npreds) {
			v = try_remove_trivial(l, k->phi);
			d[x] = v;
			n--, ret = true;
			continue;
		}
		IrBlock *p = k->b->preds[k->phi ? k->next : 0];
		if (n + 1 > l->caplook && !sy_arena_grow(l->f->ar, (void **)&l->look, &l->caplook, n + 1, sizeof *l->look))
			return nomem(l);
		l->look[n++] = (Lookup){.b = p};
	}
	*out = v;
	return SYNTH_OK;
}

static SynthStatus seal(L *l, IrBlock *b)
{
	if (b->incomplete) {
		for (uint32_t x = 0; x < l->f->nlocals; x++) {
			if (!b->incomplete[x])
				continue;
			IrIns *phi = NULL;
			for (uint32_t k = 0; k < b->nphis; k++)
				if (b->phis[k]->val == b->incomplete[x])
					phi = b->phis[k];
			IrVal v;
			TRY(add_phi_operands(l, b, x, phi, &v));
		}
	}
	b->sealed = true;
	return SYNTH_OK;
}

/* ---- control ---- */

static SynthStatus new_block(L *l, IrBlock **out)
{
	IrBlock *b = ir_block_new(l->f);
	if (!b)
		return nomem(l);
	b->loop_depth = l->loop_depth;
	*out = b;
	return SYNTH_OK;
}

static Frame *label(L *l, uint32_t depth) { return &l->frames[l->nframes - 1 - depth]; }

static uint32_t label_arity(const Frame *fr) { return fr->kind == 0x03 ? fr->nparams : fr->nresults; }

/* Records a branch from the current block to frame fr's label, carrying the
 * top arity values of the stack. Function frames become returns. */
static SynthStatus edge_to(L *l, Frame *fr, bool fallthrough)
{
	uint32_t n = fallthrough ? fr->nresults : label_arity(fr);
	IrVal *vals = l->stack + l->nstack - n;
	if (fr->kind == 0x03 && !fallthrough) {
		if (!ir_add_pred(l->f, fr->header, l->cur))
			return nomem(l);
		for (uint32_t i = 0; i < n; i++)
			if (!ir_push_arg(l->f, fr->loop_phis[i], vals[i]))
				return nomem(l);
		return SYNTH_OK;
	}
	Edge *e = sy_arena_alloc(l->f->ar, sizeof *e);
	if (!e || !ir_add_pred(l->f, fr->merge, l->cur))
		return nomem(l);
	e->pred = l->cur;
	e->vals = sy_arena_array(l->f->ar, n ? n : 1, sizeof(IrVal));
	if (!e->vals)
		return nomem(l);
	memcpy(e->vals, vals, n * sizeof(IrVal));
	if (fr->last)
		fr->last->next = e;
	else
		fr->edges = e;
	fr->last = e;
	return SYNTH_OK;
}

static SynthStatus branch_to(L *l, Frame *fr) { return edge_to(l, fr, false); }

static IrBlock *target_of(Frame *fr) { return fr->kind == 0x03 ? fr->header : fr->merge; }

static SynthStatus set_succs(L *l, IrBlock *b, uint32_t n, IrBlock **succs)
{
	b->succs = sy_arena_array(l->f->ar, n, sizeof(IrBlock *));
	if (!b->succs)
		return nomem(l);
	memcpy(b->succs, succs, n * sizeof(IrBlock *));
	b->nsuccs = n;
	return SYNTH_OK;
}

/* Ends the current block with a branch (or return) to frame fr's label,
 * or, with fallthrough, to the code after its end (for a loop: not the
 * header but the merge block, carrying the loop's results). */
static SynthStatus jump_to(L *l, Frame *fr, bool fallthrough)
{
	if (fr->kind == 0) {
		uint32_t n = fr->nresults;
		if (!emit(l, IR_RET, IR_NONE, n, l->stack + l->nstack - n))
			return nomem(l);
	} else {
		TRY(edge_to(l, fr, fallthrough));
		if (!emit(l, IR_BR, IR_NONE, 0, NULL))
			return nomem(l);
		IrBlock *t = fallthrough ? fr->merge : target_of(fr);
		TRY(set_succs(l, l->cur, 1, &t));
	}
	l->cur = NULL;
	return SYNTH_OK;
}

static SynthStatus br(L *l, Frame *fr) { return jump_to(l, fr, false); }

static SynthStatus push_frame(L *l, uint8_t kind, uint32_t np, const uint8_t *params, uint32_t nr,
                              const uint8_t *results, Frame **out)
{
	if (!sy_arena_grow(l->f->ar, (void **)&l->frames, &l->capframes, l->nframes + 1, sizeof(Frame)))
		return nomem(l);
	Frame *fr = &l->frames[l->nframes++];
	memset(fr, 0, sizeof *fr);
	fr->kind = kind;
	fr->dead = l->cur == NULL;
	fr->nparams = np, fr->params = params;
	fr->nresults = nr, fr->results = results;
	fr->height = l->nstack - (fr->dead ? 0 : np);
	*out = fr;
	return SYNTH_OK;
}

static void blocktype(L *l, int64_t bt, uint32_t *np, const uint8_t **params, uint32_t *nr,
                      const uint8_t **results, uint8_t *single)
{
	*np = 0, *params = NULL, *nr = 0, *results = NULL;
	if (bt >= 0) {
		const SynthFuncType *t = &l->d->types[bt];
		*np = t->nparams, *params = t->params, *nr = t->nresults, *results = t->results;
	} else if (bt != -0x40) {
		*single = (uint8_t)(bt & 0x7f);
		*nr = 1, *results = single;
	}
}

/* Completes frame fr at its end: gathers the results in its merge block. */
static SynthStatus end_frame(L *l, Frame *fr)
{
	if (fr->kind == 0x04 && !fr->dead && !fr->has_else) {
		/* The missing else arm passes the parameters through. */
		IrBlock *save = l->cur;
		uint32_t h = l->nstack;
		l->cur = fr->else_blk;
		for (uint32_t i = 0; i < fr->nparams; i++)
			TRY(push(l, fr->if_params[i]));
		TRY(br(l, fr));
		l->nstack = h;
		l->cur = save;
	}
	if (l->cur)
		TRY(jump_to(l, fr, true));
	l->nstack = fr->height;
	if (fr->dead)
		return SYNTH_OK;
	if (fr->kind == 0x03)
		TRY(seal(l, fr->header));
	IrBlock *m = fr->merge;
	TRY(seal(l, m));
	if (m->npreds == 0) {
		l->cur = NULL;
		return SYNTH_OK;
	}
	l->cur = m;
	for (uint32_t i = 0; i < fr->nresults; i++) {
		IrVal v = fr->edges->vals[i];
		if (m->npreds > 1) {
			IrIns *phi = ir_phi(l->f, m, ir_type_of(fr->results[i]));
			if (!phi)
				return nomem(l);
			for (Edge *e = fr->edges; e; e = e->next)
				if (!ir_push_arg(l->f, phi, e->vals[i]))
					return nomem(l);
			v = try_remove_trivial(l, phi);
		}
		TRY(push(l, v));
	}
	return SYNTH_OK;
}

/* ---- instructions ---- */

static SynthStatus binop(L *l, IrOp op, IrType t, IrType result)
{
	IrVal args[2];
	args[1] = pop(l);
	args[0] = pop(l);
	IrIns *i = emit(l, op, result, 2, args);
	if (!i)
		return nomem(l);
	i->optype = (uint8_t)t;
	return push(l, i->val);
}

static SynthStatus unop(L *l, IrOp op, IrType t, IrType result)
{
	IrVal a = pop(l);
	IrIns *i = emit(l, op, result, 1, &a);
	if (!i)
		return nomem(l);
	i->optype = (uint8_t)t;
	return push(l, i->val);
}

static SynthStatus constant(L *l, IrType t, uint64_t bits)
{
	IrIns *i = emit(l, IR_CONST, t, 0, NULL);
	if (!i)
		return nomem(l);
	i->imm = bits;
	return push(l, i->val);
}

/* A conversion involving floats: wasm opcode in imm (0xfc-prefixed
 * saturating ones as 0x100 + subopcode). */
static SynthStatus conversion(L *l, uint32_t code)
{
	static const struct { uint16_t code; uint8_t from, to; } cv[] = {
		{0xa8, IR_F32, IR_I32}, {0xa9, IR_F32, IR_I32}, {0xaa, IR_F64, IR_I32}, {0xab, IR_F64, IR_I32},
		{0xae, IR_F32, IR_I64}, {0xaf, IR_F32, IR_I64}, {0xb0, IR_F64, IR_I64}, {0xb1, IR_F64, IR_I64},
		{0xb2, IR_I32, IR_F32}, {0xb3, IR_I32, IR_F32}, {0xb4, IR_I64, IR_F32}, {0xb5, IR_I64, IR_F32},
		{0xb6, IR_F64, IR_F32}, {0xb7, IR_I32, IR_F64}, {0xb8, IR_I32, IR_F64}, {0xb9, IR_I64, IR_F64},
		{0xba, IR_I64, IR_F64}, {0xbb, IR_F32, IR_F64}, {0xbc, IR_F32, IR_I32}, {0xbd, IR_F64, IR_I64},
		{0xbe, IR_I32, IR_F32}, {0xbf, IR_I64, IR_F64},
		{0x100, IR_F32, IR_I32}, {0x101, IR_F32, IR_I32}, {0x102, IR_F64, IR_I32}, {0x103, IR_F64, IR_I32},
		{0x104, IR_F32, IR_I64}, {0x105, IR_F32, IR_I64}, {0x106, IR_F64, IR_I64}, {0x107, IR_F64, IR_I64},
	};
	for (size_t k = 0; k < sizeof cv / sizeof cv[0]; k++) {
		if (cv[k].code != code)
			continue;
		IrVal a = pop(l);
		IrIns *i = emit(l, IR_CVT, (IrType)cv[k].to, 1, &a);
		if (!i)
			return nomem(l);
		i->optype = cv[k].from;
		i->imm = code;
		return push(l, i->val);
	}
	return internal(l, "this conversion");
}

/* Numeric instructions by opcode. */
static SynthStatus numeric(L *l, uint8_t op)
{
	static const IrOp rel[] = {IR_EQ, IR_NE, IR_LTS, IR_LTU, IR_GTS, IR_GTU, IR_LES, IR_LEU, IR_GES, IR_GEU};
	static const IrOp arith[] = {IR_ADD, IR_SUB, IR_MUL, IR_DIVS, IR_DIVU, IR_REMS, IR_REMU, IR_AND,
	                             IR_OR, IR_XOR, IR_SHL, IR_SHRS, IR_SHRU, IR_ROTL, IR_ROTR};
	static const IrOp bitc[] = {IR_CLZ, IR_CTZ, IR_POPCNT};
	if (op == 0x45) return unop(l, IR_EQZ, IR_I32, IR_I32);
	if (op >= 0x46 && op <= 0x4f) return binop(l, rel[op - 0x46], IR_I32, IR_I32);
	if (op == 0x50) return unop(l, IR_EQZ, IR_I64, IR_I32);
	if (op >= 0x51 && op <= 0x5a) return binop(l, rel[op - 0x51], IR_I64, IR_I32);
	if (op >= 0x67 && op <= 0x69) return unop(l, bitc[op - 0x67], IR_I32, IR_I32);
	if (op >= 0x6a && op <= 0x78) return binop(l, arith[op - 0x6a], IR_I32, IR_I32);
	if (op >= 0x79 && op <= 0x7b) return unop(l, bitc[op - 0x79], IR_I64, IR_I64);
	if (op >= 0x7c && op <= 0x8a) return binop(l, arith[op - 0x7c], IR_I64, IR_I64);
	switch (op) {
	case 0xa7: return unop(l, IR_WRAP, IR_I64, IR_I32);
	case 0xac: return unop(l, IR_EXTS, IR_I32, IR_I64);
	case 0xad: return unop(l, IR_EXTU, IR_I32, IR_I64);
	case 0xc0: return unop(l, IR_EXT8S, IR_I32, IR_I32);
	case 0xc1: return unop(l, IR_EXT16S, IR_I32, IR_I32);
	case 0xc2: return unop(l, IR_EXT8S, IR_I64, IR_I64);
	case 0xc3: return unop(l, IR_EXT16S, IR_I64, IR_I64);
	case 0xc4: return unop(l, IR_EXT32S, IR_I64, IR_I64);
	}
	/* Floating point: the wasm opcode rides along in imm. */
	IrIns *i;
	IrVal args[2];
	if ((op >= 0x5b && op <= 0x66)) {
		args[1] = pop(l), args[0] = pop(l);
		i = emit(l, IR_FCMP, IR_I32, 2, args);
		if (i) i->optype = op <= 0x60 ? IR_F32 : IR_F64;
	} else if ((op >= 0x8b && op <= 0x91) || (op >= 0x99 && op <= 0x9f)) {
		args[0] = pop(l);
		IrType t = op <= 0x91 ? IR_F32 : IR_F64;
		i = emit(l, IR_FUN, t, 1, args);
		if (i) i->optype = t;
	} else if ((op >= 0x92 && op <= 0x98) || (op >= 0xa0 && op <= 0xa6)) {
		args[1] = pop(l), args[0] = pop(l);
		IrType t = op <= 0x98 ? IR_F32 : IR_F64;
		i = emit(l, IR_FBIN, t, 2, args);
		if (i) i->optype = t;
	} else {
		return conversion(l, op);
	}
	if (!i)
		return nomem(l);
	i->imm = op;
	return push(l, i->val);
}

static SynthStatus load_store(L *l, uint8_t op, uint32_t memidx, uint32_t offset)
{
	static const struct { uint8_t size, sign, type, store; } t[] = {
		[0x28 - 0x28] = {4, 0, IR_I32, 0}, [0x29 - 0x28] = {8, 0, IR_I64, 0},
		[0x2a - 0x28] = {4, 0, IR_F32, 0}, [0x2b - 0x28] = {8, 0, IR_F64, 0},
		[0x2c - 0x28] = {1, 1, IR_I32, 0}, [0x2d - 0x28] = {1, 0, IR_I32, 0},
		[0x2e - 0x28] = {2, 1, IR_I32, 0}, [0x2f - 0x28] = {2, 0, IR_I32, 0},
		[0x30 - 0x28] = {1, 1, IR_I64, 0}, [0x31 - 0x28] = {1, 0, IR_I64, 0},
		[0x32 - 0x28] = {2, 1, IR_I64, 0}, [0x33 - 0x28] = {2, 0, IR_I64, 0},
		[0x34 - 0x28] = {4, 1, IR_I64, 0}, [0x35 - 0x28] = {4, 0, IR_I64, 0},
		[0x36 - 0x28] = {4, 0, IR_I32, 1}, [0x37 - 0x28] = {8, 0, IR_I64, 1},
		[0x38 - 0x28] = {4, 0, IR_F32, 1}, [0x39 - 0x28] = {8, 0, IR_F64, 1},
		[0x3a - 0x28] = {1, 0, IR_I32, 1}, [0x3b - 0x28] = {2, 0, IR_I32, 1},
		[0x3c - 0x28] = {1, 0, IR_I64, 1}, [0x3d - 0x28] = {2, 0, IR_I64, 1},
		[0x3e - 0x28] = {4, 0, IR_I64, 1},
	};
	const __typeof__(t[0]) *m = &t[op - 0x28];
	IrIns *i;
	if (m->store) {
		IrVal args[2];
		args[1] = pop(l);
		args[0] = pop(l);
		i = emit(l, IR_STORE, IR_NONE, 2, args);
	} else {
		IrVal a = pop(l);
		i = emit(l, IR_LOAD, (IrType)m->type, 1, &a);
	}
	if (!i)
		return nomem(l);
	i->optype = m->type;
	i->imm = offset;
	i->aux = memidx << 16 | m->size | (m->sign ? IR_MEM_SIGNED : 0);
	return i->val ? push(l, i->val) : SYNTH_OK;
}

/* Whether any of the n value types is v128 (SIMD), which has no IR type:
 * every place a v128 value would flow is refused by name instead. */
static bool any_v128(const uint8_t *types, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		if (types[i] == SYNTH_V128)
			return true;
	return false;
}

/* A call (direct, or indirect through table with the index on the stack):
 * one CALL/CALLIND defining the first result, CALLRES for the others. */
static SynthStatus call(L *l, const SynthFuncType *t, bool indirect, uint32_t funcidx, uint32_t typeidx,
                        uint32_t table)
{
	if (any_v128(t->params, t->nparams) || any_v128(t->results, t->nresults))
		return unsupported(l, "SIMD (a call passing v128 values)");
	uint32_t n = t->nparams + (indirect ? 1 : 0);
	IrIns *i = emit(l, indirect ? IR_CALLIND : IR_CALL, t->nresults ? ir_type_of(t->results[0]) : IR_NONE, n,
	                l->stack + l->nstack - n);
	if (!i)
		return nomem(l);
	if (indirect) {
		i->imm = typeidx;
		i->aux = table;
	} else {
		i->imm = funcidx;
	}
	IrVal first = i->val;
	l->nstack -= n;
	l->f->calls = true;
	if (t->nresults)
		TRY(push(l, first));
	for (uint32_t k = 1; k < t->nresults; k++) {
		IrIns *r = emit(l, IR_CALLRES, ir_type_of(t->results[k]), 1, &first);
		if (!r)
			return nomem(l);
		r->imm = k;
		TRY(push(l, r->val));
	}
	return SYNTH_OK;
}

/* An instruction with n stack operands and an optional result. */
static SynthStatus simple(L *l, IrOp op, IrType result, uint32_t n, uint32_t aux, uint64_t imm)
{
	IrIns *i = emit(l, op, result, n, l->stack + l->nstack - n);
	if (!i)
		return nomem(l);
	i->aux = aux;
	i->imm = imm;
	l->nstack -= n;
	if (op == IR_TABLEGROW || op == IR_TABLEFILL || op == IR_TABLECOPY || op == IR_TABLEINIT ||
	    op == IR_MEMINIT || op == IR_ELEMDROP || op == IR_DATADROP)
		l->f->calls = true;
	return i->val ? push(l, i->val) : SYNTH_OK;
}

static SynthStatus lower_body(L *l)
{
	IrFunc *f = l->f;
	const SynthModuleDesc *d = l->d;
	SyReader *r = &l->r;
	uint8_t singles[16];
	unsigned nsingle = 0;
	Frame *fr;
	TRY(push_frame(l, 0, 0, NULL, f->type->nresults, f->type->results, &fr));
	for (;;) {
		SyOp o;
		TRY(sy_op_next(r, SY_OPR_ALL, &o));
		uint8_t op = o.code;
		uint32_t x, y;
		if (!l->cur) {
			/* Unreachable code: only the block structure matters. */
			switch (op) {
			case 0x02: case 0x03: case 0x04: {
				uint32_t np, nr;
				const uint8_t *pp, *rp;
				uint8_t dummy;
				blocktype(l, o.imm, &np, &pp, &nr, &rp, &dummy);
				TRY(push_frame(l, op, np, pp, nr, rp, &fr));
				continue;
			}
			case 0x05:
				fr = &l->frames[l->nframes - 1];
				if (!fr->dead) {
					fr->has_else = true;
					l->nstack = fr->height;
					for (uint32_t i = 0; i < fr->nparams; i++)
						TRY(push(l, fr->if_params[i]));
					l->cur = fr->else_blk;
				}
				continue;
			case 0x0b:
				fr = &l->frames[l->nframes - 1];
				if (fr->kind == 0) {
					return SYNTH_OK;
				}
				TRY(end_frame(l, fr));
				l->nframes--;
				continue;
			case 0xfd: /* refused even here, at the byte after the prefix */
				return unsupported_at(l, o.at + 1, "SIMD");
			default:
				continue;
			}
		}
		switch (op) {
		case 0x00: {
			IrIns *i = emit(l, IR_UNREACH, IR_NONE, 0, NULL);
			if (!i)
				return nomem(l);
			i->imm = 1; /* SYNTH_TRAP_UNREACHABLE */
			l->cur = NULL;
			break;
		}
		case 0x01:
			break;
		case 0x02: case 0x03: case 0x04: {
			uint32_t np, nr;
			const uint8_t *pp, *rp;
			uint8_t *single = &singles[nsingle++ & 15];
			blocktype(l, o.imm, &np, &pp, &nr, &rp, single);
			if (any_v128(pp, np) || any_v128(rp, nr))
				return unsupported(l, "SIMD (a block of v128 values)");
			if (nr == 1 && rp == single) {
				/* keep the one-type array alive for the frame's lifetime */
				uint8_t *keep = sy_arena_alloc(f->ar, 1);
				if (!keep)
					return nomem(l);
				*keep = *single;
				rp = keep;
			}
			IrVal cond = op == 0x04 ? pop(l) : 0;
			TRY(push_frame(l, op, np, pp, nr, rp, &fr));
			TRY(new_block(l, &fr->merge));
			if (op == 0x02)
				break;
			if (op == 0x03) {
				l->loop_depth++;
				TRY(new_block(l, &fr->header));
				fr->header->loop_depth = l->loop_depth;
				fr->loop_phis = sy_arena_array(f->ar, np ? np : 1, sizeof(IrIns *));
				if (!fr->loop_phis)
					return nomem(l);
				if (!emit(l, IR_BR, IR_NONE, 0, NULL))
					return nomem(l);
				TRY(set_succs(l, l->cur, 1, &fr->header));
				if (!ir_add_pred(f, fr->header, l->cur))
					return nomem(l);
				for (uint32_t i = 0; i < np; i++) {
					fr->loop_phis[i] = ir_phi(f, fr->header, ir_type_of(pp[i]));
					if (!fr->loop_phis[i] || !ir_push_arg(f, fr->loop_phis[i], l->stack[fr->height + i]))
						return nomem(l);
					l->stack[fr->height + i] = fr->loop_phis[i]->val;
				}
				l->cur = fr->header;
				break;
			}
			/* if */
			IrBlock *then_blk;
			TRY(new_block(l, &then_blk));
			TRY(new_block(l, &fr->else_blk));
			IrIns *i = emit(l, IR_BRIF, IR_NONE, 1, &cond);
			if (!i)
				return nomem(l);
			IrBlock *succ[2] = {then_blk, fr->else_blk};
			TRY(set_succs(l, l->cur, 2, succ));
			if (!ir_add_pred(f, then_blk, l->cur) || !ir_add_pred(f, fr->else_blk, l->cur))
				return nomem(l);
			then_blk->sealed = fr->else_blk->sealed = true;
			fr->if_params = sy_arena_array(f->ar, np ? np : 1, sizeof(IrVal));
			if (!fr->if_params)
				return nomem(l);
			memcpy(fr->if_params, l->stack + fr->height, np * sizeof(IrVal));
			l->cur = then_blk;
			break;
		}
		case 0x05:
			fr = &l->frames[l->nframes - 1];
			TRY(br(l, fr));
			fr->has_else = true;
			l->nstack = fr->height;
			for (uint32_t i = 0; i < fr->nparams; i++)
				TRY(push(l, fr->if_params[i]));
			l->cur = fr->else_blk;
			break;
		case 0x0b:
			fr = &l->frames[l->nframes - 1];
			if (fr->kind == 0) {
				TRY(br(l, fr));
				return SYNTH_OK;
			}
			if (fr->kind == 0x03)
				l->loop_depth--;
			TRY(end_frame(l, fr));
			l->nframes--;
			break;
		case 0x0c:
			TRY(br(l, label(l, o.x)));
			break;
		case 0x0d: {
			x = o.x;
			IrVal cond = pop(l);
			Frame *t = label(l, x);
			IrBlock *cont;
			TRY(new_block(l, &cont));
			if (t->kind == 0) {
				/* br_if to the function: a conditional return */
				IrBlock *ret;
				TRY(new_block(l, &ret));
				IrIns *i = emit(l, IR_BRIF, IR_NONE, 1, &cond);
				if (!i)
					return nomem(l);
				IrBlock *succ[2] = {ret, cont};
				TRY(set_succs(l, l->cur, 2, succ));
				if (!ir_add_pred(f, ret, l->cur) || !ir_add_pred(f, cont, l->cur))
					return nomem(l);
				ret->sealed = cont->sealed = true;
				IrBlock *save = l->cur;
				l->cur = ret;
				TRY(br(l, t));
				(void)save;
			} else {
				TRY(branch_to(l, t));
				IrIns *i = emit(l, IR_BRIF, IR_NONE, 1, &cond);
				if (!i)
					return nomem(l);
				IrBlock *succ[2] = {target_of(t), cont};
				TRY(set_succs(l, l->cur, 2, succ));
				if (!ir_add_pred(f, cont, l->cur))
					return nomem(l);
				cont->sealed = true;
			}
			l->cur = cont;
			break;
		}
		case 0x0e: {
			uint32_t n = o.n;
			const uint8_t *labels = o.vec;
			IrVal idx = pop(l);
			l->brtable_id++;
			IrBlock **succ = sy_arena_array(f->ar, (size_t)n + 1, sizeof(IrBlock *));
			if (!succ)
				return nomem(l);
			IrBlock *from = l->cur;
			for (uint32_t k = 0; k <= n; k++) {
				x = k < n ? sy_op_vec_u32(&labels) : o.x;
				Frame *t = label(l, x);
				if (t->kind == 0) {
					/* a return target: route it through a block of its own */
					IrBlock *ret;
					TRY(new_block(l, &ret));
					if (!ir_add_pred(f, ret, from))
						return nomem(l);
					ret->sealed = true;
					l->cur = ret;
					TRY(br(l, t));
					l->cur = from;
					succ[k] = ret;
					continue;
				}
				IrBlock *tb = target_of(t);
				/* one edge per distinct target: mark targets with this br_table */
				if (tb->mark != l->brtable_id)
					TRY(branch_to(l, t));
				tb->mark = l->brtable_id;
				succ[k] = tb;
			}
			if (!emit(l, IR_BRTABLE, IR_NONE, 1, &idx))
				return nomem(l);
			TRY(set_succs(l, l->cur, n + 1, succ));
			l->cur = NULL;
			break;
		}
		case 0x0f:
			TRY(br(l, &l->frames[0]));
			break;
		case 0x10:
			x = o.x;
			TRY(call(l, &d->types[d->funcs[x].typeidx], false, x, 0, 0));
			break;
		case 0x11:
			y = o.x, x = o.y; /* typeidx, tableidx */
			TRY(call(l, &d->types[y], true, 0, y, x));
			break;
		case 0x25:
			TRY(simple(l, IR_TABLEGET, IR_I32, 1, o.x, 0));
			break;
		case 0x26:
			TRY(simple(l, IR_TABLESET, IR_NONE, 2, o.x, 0));
			break;
		case 0xd0:
			TRY(constant(l, IR_I32, 0));
			break;
		case 0xd1:
			TRY(unop(l, IR_EQZ, IR_I32, IR_I32));
			break;
		case 0xd2:
			TRY(simple(l, IR_FUNCREF, IR_I32, 0, 0, o.x));
			break;
		case 0x1a:
			pop(l);
			break;
		case 0x1b: case 0x1c: {
			if (op == 0x1c) {
				if ((o.vec[0] & 0x7f) == SYNTH_V128)
					return unsupported(l, "SIMD (a select of v128 values)");
			}
			IrVal args[3];
			args[2] = pop(l);
			args[1] = pop(l);
			args[0] = pop(l);
			IrType t = f->valtype[args[0]];
			IrIns *i = emit(l, IR_SELECT, t, 3, args);
			if (!i)
				return nomem(l);
			TRY(push(l, i->val));
			break;
		}
		case 0x20: {
			x = o.x;
			if (f->localtype[x] == IR_NONE)
				return unsupported(l, "SIMD (a v128 local)");
			IrVal v;
			TRY(read_local(l, l->cur, x, &v));
			TRY(push(l, v));
			break;
		}
		case 0x21:
			x = o.x;
			if (f->localtype[x] == IR_NONE)
				return unsupported(l, "SIMD (a v128 local)");
			TRY(write_local(l, l->cur, x, pop(l)));
			break;
		case 0x22:
			x = o.x;
			if (f->localtype[x] == IR_NONE)
				return unsupported(l, "SIMD (a v128 local)");
			TRY(write_local(l, l->cur, x, l->stack[l->nstack - 1]));
			break;
		case 0x23: {
			x = o.x;
			IrType t = ir_type_of(d->globals[x].type);
			IrIns *i = emit(l, IR_GLOBALGET, t, 0, NULL);
			if (!i)
				return nomem(l);
			i->imm = x;
			TRY(push(l, i->val));
			break;
		}
		case 0x24: {
			x = o.x;
			IrVal v = pop(l);
			IrIns *i = emit(l, IR_GLOBALSET, IR_NONE, 1, &v);
			if (!i)
				return nomem(l);
			i->imm = x;
			break;
		}
		case 0x3f: case 0x40: {
			x = o.x;
			IrVal a = op == 0x40 ? pop(l) : 0;
			IrIns *i = emit(l, op == 0x3f ? IR_MEMSIZE : IR_MEMGROW, IR_I32, op == 0x40, &a);
			if (!i)
				return nomem(l);
			i->aux = x << 16;
			if (op == 0x40)
				f->calls = true;
			TRY(push(l, i->val));
			break;
		}
		case 0x41:
			TRY(constant(l, IR_I32, (uint32_t)o.imm));
			break;
		case 0x42:
			TRY(constant(l, IR_I64, (uint64_t)o.imm));
			break;
		case 0x43: case 0x44:
			TRY(constant(l, op == 0x43 ? IR_F32 : IR_F64, o.bits));
			break;
		case 0xfc: {
			x = o.sub;
			if (x == 10 || x == 11) {
				uint32_t m1 = o.x, m2 = x == 10 ? o.y : 0;
				IrVal args[3];
				args[2] = pop(l);
				args[1] = pop(l);
				args[0] = pop(l);
				IrIns *i = emit(l, x == 10 ? IR_MEMCOPY : IR_MEMFILL, IR_NONE, 3, args);
				if (!i)
					return nomem(l);
				i->aux = m1 << 16 | m2;
				f->calls = true;
				break;
			}
			if (x <= 7) {
				TRY(conversion(l, 0x100 + x));
				break;
			}
			switch (x) {
			case 8: /* x: dataidx, y: memidx */
				TRY(simple(l, IR_MEMINIT, IR_NONE, 3, o.y << 16 | o.x, 0));
				break;
			case 9:
				TRY(simple(l, IR_DATADROP, IR_NONE, 0, 0, o.x));
				break;
			case 12: /* x: elemidx, y: tableidx */
				TRY(simple(l, IR_TABLEINIT, IR_NONE, 3, o.y << 16 | o.x, 0));
				break;
			case 13:
				TRY(simple(l, IR_ELEMDROP, IR_NONE, 0, 0, o.x));
				break;
			case 14: /* x: destination, y: source */
				TRY(simple(l, IR_TABLECOPY, IR_NONE, 3, o.y | o.x << 16, 0));
				break;
			case 15:
				TRY(simple(l, IR_TABLEGROW, IR_I32, 2, o.x, 0));
				break;
			case 16:
				TRY(simple(l, IR_TABLESIZE, IR_I32, 0, o.x, 0));
				break;
			case 17:
				TRY(simple(l, IR_TABLEFILL, IR_NONE, 3, o.x, 0));
				break;
			default: {
				char what[64];
				snprintf(what, sizeof what, "%s (floating point)", sy_ops_fc[x].name);
				return internal(l, what);
			}
			}
			break;
		}
		default:
			if (op >= 0x28 && op <= 0x3e) {
				TRY(load_store(l, op, o.mem.memidx, (uint32_t)o.mem.offset));
				break;
			}
			if (sy_ops[op].kind == OPK_NUM) {
				TRY(numeric(l, op));
				break;
			}
			if (op == 0xfd)
				return unsupported_at(l, o.at + 1, "SIMD");
			return internal(l, sy_ops[op].name ? sy_ops[op].name : "this instruction");
		}
		(void)y;
	}
}

SynthStatus ir_lower(SynthContext *ctx, SyArena *ar, const SynthModule *mod, uint32_t funcidx,
                     IrFunc **out)
{
	const SynthModuleDesc *d = synth_module_desc(mod);
	const SynthFunc *fn = &d->funcs[funcidx];
	IrFunc *f = ir_func_new(ar, d, funcidx);
	if (!f)
		return sy_nomem(ctx);
	L l = {.ctx = ctx, .f = f, .d = d};
	l.r = (SyReader){.base = d->bytes, .p = d->bytes + fn->body_offset, .end = d->bytes + d->size,
	                 .ctx = ctx, .funcidx = funcidx};
	/* Local declarations (already validated). */
	SyLocals locals;
	TRY(sy_locals_read(&l.r, SY_OPR_ALL, &locals));
	uint64_t total = (uint64_t)f->type->nparams + locals.count;
	f->nlocals = (uint32_t)total;
	f->localtype = sy_arena_array(ar, total ? total : 1, sizeof(IrType));
	if (!f->localtype)
		return sy_nomem(ctx);
	for (uint32_t i = 0; i < f->type->nparams; i++)
		f->localtype[i] = ir_type_of(f->type->params[i]);
	uint32_t k = f->type->nparams;
	const uint8_t *p = locals.groups;
	for (uint32_t i = 0; i < locals.ngroups; i++) {
		uint8_t t;
		uint32_t n = sy_locals_group(&p, &t);
		for (uint32_t j = 0; j < n; j++)
			f->localtype[k++] = ir_type_of(t);
	}
	/* The operand stack always has storage, so stack + nstack - n is defined. */
	if (!sy_arena_grow(ar, (void **)&l.stack, &l.capstack, 16, sizeof(IrVal)))
		return sy_nomem(ctx);
	IrBlock *entry;
	SynthStatus st = new_block(&l, &entry);
	if (st != SYNTH_OK)
		return st;
	entry->sealed = true;
	l.cur = entry;
	for (uint32_t i = 0; i < f->nlocals; i++) {
		IrIns *ins = ir_emit(f, entry, i < f->type->nparams ? IR_PARAM : IR_CONST, f->localtype[i], 0, NULL);
		if (!ins)
			return sy_nomem(ctx);
		ins->imm = i < f->type->nparams ? i : 0;
		if ((st = write_local(&l, entry, i, ins->val)) != SYNTH_OK)
			return st;
	}
	st = lower_body(&l);
	if (st != SYNTH_OK)
		return st;
	if (!ir_finish(f))
		return sy_nomem(ctx);
	*out = f;
	return SYNTH_OK;
}
