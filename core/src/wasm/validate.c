/* validate.c - the WebAssembly validator (spec section 3) for decoded
 * modules: module-level rules in the order of the reference interpreter,
 * then every function body, decoded and type-checked in a single pass.
 *
 * Bodies are checked with the spec's algorithm (appendix "Validation
 * Algorithm"): an operand stack of value types with an Unknown type for the
 * polymorphic stack after unreachable/br/return, and a control stack of
 * frames holding the block's parameter and result types, the operand stack
 * height at entry and whether the rest of the block is unreachable.
 * Scratch stacks come from the context's allocator and are reused across
 * functions; nothing is allocated per instruction. Operators and their
 * immediates are decoded by the shared reader (opreader.c), which reports
 * the malformed encodings; this file checks what they mean. */
#include <string.h>

#include "internal.h"
#include "opcodes.h"
#include "opreader.h"

#define UNK 0 /* the Unknown value type of the polymorphic stack */
#define TRY(x) do { SynthStatus st_ = (x); if (st_ != SYNTH_OK) return st_; } while (0)

typedef struct Ctrl {
	uint8_t op;             /* 0x02 block, 0x03 loop, 0x04 if, 0x05 else, 0 function */
	bool unreachable;       /* rest of the block is unreachable */
	uint32_t height;        /* operand stack height at entry */
	uint32_t nparams;       /* block parameters */
	uint32_t nresults;      /* block results */
	const uint8_t *params;  /* their types */
	const uint8_t *results;
} Ctrl;

typedef struct V {
	SynthModule *mod;       /* module being validated */
	const SynthModuleDesc *d;
	SynthContext *ctx;
	SyReader r;             /* reader over the body */
	unsigned opr;           /* the module's features as SY_OPR_* reader flags */
	uint64_t op_at;         /* offset of the current instruction */
	const char *op_name;    /* its mnemonic, for messages */
	uint8_t *vals;          /* operand stack of value types */
	uint32_t nvals, capvals;
	Ctrl *ctrls;            /* control stack */
	uint32_t nctrls, capctrls;
	uint8_t *locals;        /* type of each local (params first) */
	uint32_t nlocals, caplocals;
	uint8_t single[256];    /* one-type result arrays for value block types */
} V;

static SynthStatus verr(V *v, const char *fmt, ...) SY_PRINTF(2, 3);
static SynthStatus verr(V *v, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sy_verror(v->ctx, SYNTH_ERR_INVALID, v->op_at, v->r.funcidx, fmt, ap);
	va_end(ap);
	return SYNTH_ERR_INVALID;
}

static SynthStatus mismatch(V *v, uint8_t want, uint8_t got)
{
	if (want && got)
		return verr(v, "type mismatch: %s expects %s but found %s", v->op_name,
		            synth_valtype_name(want), synth_valtype_name(got));
	if (want)
		return verr(v, "type mismatch: %s expects %s but the stack is empty", v->op_name,
		            synth_valtype_name(want));
	return verr(v, "type mismatch: %s expects a value but the stack is empty", v->op_name);
}

static SynthStatus grow(V *v, void **arr, uint32_t *cap, size_t elsize)
{
	uint32_t ncap = *cap ? *cap * 2 : 64;
	if (ncap < *cap)
		return sy_nomem(v->ctx);
	void *p = sy_realloc(&v->ctx->alloc, *arr, (size_t)*cap * elsize, (size_t)ncap * elsize);
	if (!p)
		return sy_nomem(v->ctx);
	*arr = p;
	*cap = ncap;
	return SYNTH_OK;
}

static inline SynthStatus push(V *v, uint8_t t)
{
	if (SY_UNLIKELY(v->nvals == v->capvals))
		TRY(grow(v, (void **)&v->vals, &v->capvals, 1));
	v->vals[v->nvals++] = t;
	return SYNTH_OK;
}

/* Pops a value of type want (UNK: any) and stores what was popped. */
static inline SynthStatus pop(V *v, uint8_t want, uint8_t *got)
{
	Ctrl *c = &v->ctrls[v->nctrls - 1];
	if (v->nvals == c->height) {
		if (c->unreachable) {
			if (got)
				*got = UNK;
			return SYNTH_OK;
		}
		return mismatch(v, want, 0);
	}
	uint8_t t = v->vals[--v->nvals];
	if (SY_UNLIKELY(t != want) && t != UNK && want != UNK)
		return mismatch(v, want, t);
	if (got)
		*got = t;
	return SYNTH_OK;
}

static inline SynthStatus pop_n(V *v, uint32_t n, const uint8_t *types)
{
	for (uint32_t i = n; i-- > 0;)
		TRY(pop(v, types[i], NULL));
	return SYNTH_OK;
}

static inline SynthStatus push_n(V *v, uint32_t n, const uint8_t *types)
{
	for (uint32_t i = 0; i < n; i++)
		TRY(push(v, types[i]));
	return SYNTH_OK;
}

static SynthStatus push_ctrl(V *v, uint8_t op, uint32_t np, const uint8_t *params, uint32_t nr,
                             const uint8_t *results)
{
	if (v->nctrls == v->capctrls)
		TRY(grow(v, (void **)&v->ctrls, &v->capctrls, sizeof(Ctrl)));
	Ctrl *c = &v->ctrls[v->nctrls++];
	c->op = op;
	c->unreachable = false;
	c->height = v->nvals;
	c->nparams = np, c->params = params;
	c->nresults = nr, c->results = results;
	return push_n(v, np, params);
}

/* Checks the frame's results are exactly on the stack and pops them. */
static SynthStatus end_frame(V *v, const Ctrl *c)
{
	TRY(pop_n(v, c->nresults, c->results));
	if (v->nvals != c->height)
		return verr(v, "type mismatch: %s leaves %u value(s) too many on the stack",
		            c->op == 0 ? "function" : "block", v->nvals - c->height);
	return SYNTH_OK;
}

static inline void set_unreachable(V *v)
{
	Ctrl *c = &v->ctrls[v->nctrls - 1];
	v->nvals = c->height;
	c->unreachable = true;
}

static inline uint32_t label_arity(const Ctrl *c)
{
	return c->op == 0x03 ? c->nparams : c->nresults;
}
static inline const uint8_t *label_types(const Ctrl *c)
{
	return c->op == 0x03 ? c->params : c->results;
}

static SynthStatus get_label(V *v, uint32_t depth, const Ctrl **out)
{
	if (depth >= v->nctrls)
		return verr(v, "unknown label %u", depth);
	*out = &v->ctrls[v->nctrls - 1 - depth];
	return SYNTH_OK;
}

/* The types of block type bt (the reader checked a value type's encoding). */
static SynthStatus blocktype(V *v, int64_t bt, uint32_t *np, const uint8_t **params, uint32_t *nr,
                             const uint8_t **results)
{
	*np = 0, *params = NULL;
	if (bt >= 0) {
		if ((uint64_t)bt >= v->d->ntypes)
			return verr(v, "unknown type %u", (uint32_t)bt);
		const SynthFuncType *t = &v->d->types[bt];
		*np = t->nparams, *params = t->params;
		*nr = t->nresults, *results = t->results;
		return SYNTH_OK;
	}
	if (bt == -0x40) {
		*nr = 0, *results = NULL;
		return SYNTH_OK;
	}
	*nr = 1, *results = &v->single[(uint8_t)(bt & 0x7f)];
	return SYNTH_OK;
}

static SynthStatus check_mem(V *v, uint32_t memidx)
{
	if (memidx >= v->d->nmems)
		return verr(v, "unknown memory %u", memidx);
	return SYNTH_OK;
}

/* Checks a memarg's memory and alignment. */
static SynthStatus check_memarg(V *v, const SyMemarg *m, unsigned max_align)
{
	TRY(check_mem(v, m->memidx));
	if (m->align > max_align)
		return verr(v, "alignment must not be larger than natural");
	return SYNTH_OK;
}

static SynthStatus check_table(V *v, uint32_t idx)
{
	if (idx >= v->d->ntables)
		return verr(v, "unknown table %u", idx);
	return SYNTH_OK;
}

static SynthStatus check_datacount(V *v, uint32_t idx)
{
	if (!v->d->has_datacount && idx < v->d->ndatas)
		return sy_malformed(&v->r, v->op_at, "data count section required");
	if (idx >= v->d->ndatas)
		return verr(v, "unknown data segment %u", idx);
	return SYNTH_OK;
}

static SynthStatus check_elem(V *v, uint32_t idx)
{
	if (idx >= v->d->nelems)
		return verr(v, "unknown elem segment %u", idx);
	return SYNTH_OK;
}

static inline bool is_ref(uint8_t t) { return t == T_FUNCREF || t == T_EXTERNREF; }

static SynthStatus read_local_decls(V *v, const SynthFuncType *ft)
{
	SyReader *r = &v->r;
	uint64_t at = sy_pos(r);
	SyLocals l;
	TRY(sy_locals_read(r, v->opr, &l));
	uint64_t total = (uint64_t)l.count + ft->nparams;
	if (l.count > 50000)
		return sy_error(v->ctx, SYNTH_ERR_UNSUPPORTED, at, r->funcidx,
		                "too many locals: %llu (Synth's limit is 50000)", (unsigned long long)total);
	while (v->caplocals < total)
		TRY(grow(v, (void **)&v->locals, &v->caplocals, 1));
	if (ft->nparams)
		memcpy(v->locals, ft->params, ft->nparams);
	uint32_t k = ft->nparams;
	const uint8_t *p = l.groups;
	for (uint32_t i = 0; i < l.ngroups; i++) {
		uint8_t t;
		uint32_t n = sy_locals_group(&p, &t);
		if (n)
			memset(v->locals + k, t, n);
		k += n;
	}
	v->nlocals = k;
	return SYNTH_OK;
}

/* SIMD operators: their immediates are read (op), their types checked. */
static SynthStatus validate_simd(V *v, const SyOp *op)
{
	const SyOpInfo *oi = op->info;
	switch (oi->kind) {
	case OPK_VLOAD:
		TRY(check_memarg(v, &op->mem, oi->a));
		TRY(pop(v, T_I32, NULL));
		return push(v, T_V128);
	case OPK_VSTORE:
		TRY(check_memarg(v, &op->mem, oi->a));
		TRY(pop(v, T_V128, NULL));
		return pop(v, T_I32, NULL);
	case OPK_VCONST:
		return push(v, T_V128);
	case OPK_VSHUFFLE:
		for (int i = 0; i < 16; i++)
			if (op->vec[i] >= 32)
				return verr(v, "invalid lane index");
		TRY(pop(v, T_V128, NULL));
		TRY(pop(v, T_V128, NULL));
		return push(v, T_V128);
	case OPK_VSPLAT:
		TRY(pop(v, oi->a, NULL));
		return push(v, T_V128);
	case OPK_VEXTRACT:
	case OPK_VREPLACE:
		if (op->lane >= oi->b)
			return verr(v, "invalid lane index");
		if (oi->kind == OPK_VREPLACE) {
			TRY(pop(v, oi->a, NULL));
			TRY(pop(v, T_V128, NULL));
			return push(v, T_V128);
		}
		TRY(pop(v, T_V128, NULL));
		return push(v, oi->a);
	case OPK_VUN:
		TRY(pop(v, T_V128, NULL));
		return push(v, T_V128);
	case OPK_VBIN:
		TRY(pop(v, T_V128, NULL));
		TRY(pop(v, T_V128, NULL));
		return push(v, T_V128);
	case OPK_VTER:
		TRY(pop(v, T_V128, NULL));
		TRY(pop(v, T_V128, NULL));
		TRY(pop(v, T_V128, NULL));
		return push(v, T_V128);
	case OPK_VTEST:
		TRY(pop(v, T_V128, NULL));
		return push(v, T_I32);
	case OPK_VSHIFT:
		TRY(pop(v, T_I32, NULL));
		TRY(pop(v, T_V128, NULL));
		return push(v, T_V128);
	case OPK_VLOADLANE:
	case OPK_VSTORELANE:
		TRY(check_memarg(v, &op->mem, oi->a));
		if (op->lane >= oi->b)
			return verr(v, "invalid lane index");
		TRY(pop(v, T_V128, NULL));
		TRY(pop(v, T_I32, NULL));
		return oi->kind == OPK_VLOADLANE ? push(v, T_V128) : SYNTH_OK;
	}
	return sy_error(v->ctx, SYNTH_ERR_MALFORMED, v->op_at, v->r.funcidx, "illegal opcode fd %x", op->sub);
}

/* 0xFC-prefixed operators (saturating truncations, bulk memory, tables). */
static SynthStatus validate_fc(V *v, const SyOp *op)
{
	const SynthModuleDesc *d = v->d;
	const SyOpInfo *oi = op->info;
	uint32_t x = op->x, y = op->y;
	uint8_t t;
	switch (oi->kind) {
	case OPK_NUM:
		TRY(pop(v, oi->a, NULL));
		return push(v, oi->r);
	case OPK_MEMORY_INIT:
		TRY(check_mem(v, y));
		TRY(check_datacount(v, x));
		TRY(pop(v, T_I32, NULL));
		TRY(pop(v, T_I32, NULL));
		return pop(v, T_I32, NULL);
	case OPK_DATA_DROP:
		return check_datacount(v, x);
	case OPK_MEMORY_COPY:
		TRY(check_mem(v, x));
		TRY(check_mem(v, y));
		TRY(pop(v, T_I32, NULL));
		TRY(pop(v, T_I32, NULL));
		return pop(v, T_I32, NULL);
	case OPK_MEMORY_FILL:
		TRY(check_mem(v, x));
		TRY(pop(v, T_I32, NULL));
		TRY(pop(v, T_I32, NULL));
		return pop(v, T_I32, NULL);
	case OPK_TABLE_INIT:
		/* the reader's x is the elemidx, y the tableidx */
		x = op->y, y = op->x;
		TRY(check_table(v, x));
		TRY(check_elem(v, y));
		if (d->elems[y].reftype != d->tables[x].elemtype)
			return mismatch(v, d->tables[x].elemtype, d->elems[y].reftype);
		TRY(pop(v, T_I32, NULL));
		TRY(pop(v, T_I32, NULL));
		return pop(v, T_I32, NULL);
	case OPK_ELEM_DROP:
		return check_elem(v, x);
	case OPK_TABLE_COPY:
		TRY(check_table(v, x));
		TRY(check_table(v, y));
		if (d->tables[x].elemtype != d->tables[y].elemtype)
			return mismatch(v, d->tables[x].elemtype, d->tables[y].elemtype);
		TRY(pop(v, T_I32, NULL));
		TRY(pop(v, T_I32, NULL));
		return pop(v, T_I32, NULL);
	case OPK_TABLE_GROW:
		TRY(check_table(v, x));
		TRY(pop(v, T_I32, NULL));
		TRY(pop(v, d->tables[x].elemtype, NULL));
		return push(v, T_I32);
	case OPK_TABLE_SIZE:
		TRY(check_table(v, x));
		return push(v, T_I32);
	case OPK_TABLE_FILL:
		TRY(check_table(v, x));
		TRY(pop(v, T_I32, NULL));
		TRY(pop(v, d->tables[x].elemtype, &t));
		return pop(v, T_I32, NULL);
	}
	return sy_error(v->ctx, SYNTH_ERR_MALFORMED, v->op_at, v->r.funcidx, "illegal opcode fc %x", op->sub);
}

/* br_table: every label has the default's arity and accepts the operands. */
static SynthStatus validate_br_table(V *v, const SyOp *op)
{
	uint32_t n = op->n;
	TRY(pop(v, T_I32, NULL));
	/* The default label comes last; the reader read it first. */
	const Ctrl *def;
	TRY(get_label(v, op->x, &def));
	uint32_t arity = label_arity(def);
	const Ctrl *top = &v->ctrls[v->nctrls - 1];
	const uint8_t *labels = op->vec;
	for (uint32_t i = 0; i < n; i++) {
		uint32_t l = sy_op_vec_u32(&labels);
		const Ctrl *c;
		TRY(get_label(v, l, &c));
		if (label_arity(c) != arity)
			return verr(v, "type mismatch: br_table targets have different arities (%u and %u)",
			            label_arity(c), arity);
		const uint8_t *lt = label_types(c);
		for (uint32_t k = 0; k < arity; k++) {
			uint32_t depth = arity - 1 - k;
			if (v->nvals - top->height <= depth) {
				if (!top->unreachable)
					return mismatch(v, lt[k], 0);
				continue;
			}
			uint8_t got = v->vals[v->nvals - 1 - depth];
			if (got != lt[k] && got != UNK)
				return mismatch(v, lt[k], got);
		}
	}
	TRY(pop_n(v, arity, label_types(def)));
	set_unreachable(v);
	return SYNTH_OK;
}

static SynthStatus validate_body(V *v, uint32_t funcidx)
{
	const SynthModuleDesc *d = v->d;
	const SynthFunc *f = &d->funcs[funcidx];
	const SynthFuncType *ft = &d->types[f->typeidx];
	SyReader *r = &v->r;
	r->base = d->bytes;
	r->p = d->bytes + f->body_offset;
	r->end = d->bytes + d->size;
	r->ctx = v->ctx;
	r->funcidx = funcidx;
	const uint8_t *body_end = r->p + f->body_size;
	v->op_at = sy_pos(r);
	v->op_name = "function";
	TRY(read_local_decls(v, ft));
	v->nvals = 0;
	v->nctrls = 0;
	TRY(push_ctrl(v, 0, 0, NULL, ft->nresults, ft->results));

	for (;;) {
		SyOp op;
		v->op_at = sy_pos(r);
		TRY(sy_op_head(r, &op));
		const SyOpInfo *oi = op.info;
		v->op_name = oi->name;
		/* SIMD is refused by name before its immediates are read */
		if (op.code == 0xfd && !v->mod->features.simd)
			return sy_error(v->ctx, SYNTH_ERR_UNSUPPORTED, v->op_at, funcidx, "%s: SIMD is not supported",
			                oi->name);
		TRY(sy_op_imm(r, v->opr, &op));
		uint32_t x, y;
		uint8_t t1, t2;
		switch (op.kind) {
		case OPK_NUM: /* the 0xfc saturating truncations too */
			/* Fast path: a binary op on two values of the right type. */
			if (oi->b) {
				const Ctrl *c = &v->ctrls[v->nctrls - 1];
				if (SY_LIKELY(v->nvals >= c->height + 2 && v->vals[v->nvals - 1] == oi->b &&
				              v->vals[v->nvals - 2] == oi->a)) {
					v->nvals--;
					v->vals[v->nvals - 1] = oi->r;
					break;
				}
				TRY(pop(v, oi->b, NULL));
			}
			TRY(pop(v, oi->a, NULL));
			TRY(push(v, oi->r));
			break;
		case OPK_I32_CONST:
			TRY(push(v, T_I32));
			break;
		case OPK_I64_CONST:
			TRY(push(v, T_I64));
			break;
		case OPK_F32_CONST:
			TRY(push(v, T_F32));
			break;
		case OPK_F64_CONST:
			TRY(push(v, T_F64));
			break;
		case OPK_LOCAL_GET:
			x = op.x;
			if (x >= v->nlocals)
				return verr(v, "unknown local %u", x);
			TRY(push(v, v->locals[x]));
			break;
		case OPK_LOCAL_SET:
		case OPK_LOCAL_TEE:
			x = op.x;
			if (x >= v->nlocals)
				return verr(v, "unknown local %u", x);
			TRY(pop(v, v->locals[x], NULL));
			if (op.kind == OPK_LOCAL_TEE)
				TRY(push(v, v->locals[x]));
			break;
		case OPK_MEM: {
			TRY(check_memarg(v, &op.mem, oi->a));
			if (oi->r) {
				TRY(pop(v, oi->b, NULL));
				TRY(pop(v, T_I32, NULL));
			} else {
				TRY(pop(v, T_I32, NULL));
				TRY(push(v, oi->b));
			}
			break;
		}
		case OPK_BLOCK:
		case OPK_LOOP:
		case OPK_IF: {
			uint32_t np, nr;
			const uint8_t *params, *results;
			TRY(blocktype(v, op.imm, &np, &params, &nr, &results));
			if (op.code == 0x04)
				TRY(pop(v, T_I32, NULL));
			TRY(pop_n(v, np, params));
			TRY(push_ctrl(v, op.code, np, params, nr, results));
			break;
		}
		case OPK_ELSE: {
			Ctrl *c = &v->ctrls[v->nctrls - 1];
			if (c->op != 0x04)
				return sy_malformed(r, v->op_at, "END opcode expected");
			TRY(end_frame(v, c));
			c->op = 0x05;
			c->unreachable = false;
			TRY(push_n(v, c->nparams, c->params));
			break;
		}
		case OPK_END: {
			Ctrl *c = &v->ctrls[v->nctrls - 1];
			if (c->op == 0x04) {
				/* An if without else: the missing else passes its params on. */
				if (c->nparams != c->nresults ||
				    (c->nparams && memcmp(c->params, c->results, c->nparams) != 0))
					return verr(v, "type mismatch: if without else must not change the stack types");
			}
			TRY(end_frame(v, c));
			v->nctrls--;
			if (v->nctrls == 0) {
				if (r->p != body_end)
					return sy_malformed(r, f->body_offset, "section size mismatch");
				return SYNTH_OK;
			}
			TRY(push_n(v, c->nresults, c->results));
			break;
		}
		case OPK_BR: {
			const Ctrl *c;
			TRY(get_label(v, op.x, &c));
			TRY(pop_n(v, label_arity(c), label_types(c)));
			set_unreachable(v);
			break;
		}
		case OPK_BR_IF: {
			const Ctrl *c;
			TRY(get_label(v, op.x, &c));
			TRY(pop(v, T_I32, NULL));
			uint32_t n = label_arity(c);
			const uint8_t *lt = label_types(c);
			TRY(pop_n(v, n, lt));
			TRY(push_n(v, n, lt));
			break;
		}
		case OPK_BR_TABLE:
			TRY(validate_br_table(v, &op));
			break;
		case OPK_RETURN:
			TRY(pop_n(v, ft->nresults, ft->results));
			set_unreachable(v);
			break;
		case OPK_UNREACHABLE:
			set_unreachable(v);
			break;
		case OPK_NOP:
			break;
		case OPK_CALL: {
			x = op.x;
			if (x >= d->nfuncs)
				return verr(v, "unknown function %u", x);
			const SynthFuncType *ct = &d->types[d->funcs[x].typeidx];
			TRY(pop_n(v, ct->nparams, ct->params));
			TRY(push_n(v, ct->nresults, ct->results));
			break;
		}
		case OPK_CALL_INDIRECT: {
			y = op.x, x = op.y; /* typeidx, tableidx */
			TRY(check_table(v, x));
			if (d->tables[x].elemtype != T_FUNCREF)
				return mismatch(v, T_FUNCREF, d->tables[x].elemtype);
			if (y >= d->ntypes)
				return verr(v, "unknown type %u", y);
			const SynthFuncType *ct = &d->types[y];
			TRY(pop(v, T_I32, NULL));
			TRY(pop_n(v, ct->nparams, ct->params));
			TRY(push_n(v, ct->nresults, ct->results));
			break;
		}
		case OPK_DROP:
			TRY(pop(v, UNK, NULL));
			break;
		case OPK_SELECT:
			TRY(pop(v, T_I32, NULL));
			TRY(pop(v, UNK, &t1));
			TRY(pop(v, UNK, &t2));
			if (is_ref(t1) || is_ref(t2))
				return verr(v, "type mismatch: select without a type needs numeric operands");
			if (t1 != t2 && t1 != UNK && t2 != UNK)
				return mismatch(v, t1, t2);
			TRY(push(v, t1 != UNK ? t1 : t2));
			break;
		case OPK_SELECT_T: {
			/* the reader checked every type; the last one counts */
			t1 = op.n ? (uint8_t)(op.vec[op.n - 1] & 0x7f) : 0;
			if (op.n != 1)
				return verr(v, "invalid result arity");
			TRY(pop(v, T_I32, NULL));
			TRY(pop(v, t1, NULL));
			TRY(pop(v, t1, NULL));
			TRY(push(v, t1));
			break;
		}
		case OPK_GLOBAL_GET:
			x = op.x;
			if (x >= d->nglobals)
				return verr(v, "unknown global %u", x);
			TRY(push(v, d->globals[x].type));
			break;
		case OPK_GLOBAL_SET:
			x = op.x;
			if (x >= d->nglobals)
				return verr(v, "unknown global %u", x);
			if (!d->globals[x].is_mutable)
				return verr(v, "global is immutable");
			TRY(pop(v, d->globals[x].type, NULL));
			break;
		case OPK_TABLE_GET:
			x = op.x;
			TRY(check_table(v, x));
			TRY(pop(v, T_I32, NULL));
			TRY(push(v, d->tables[x].elemtype));
			break;
		case OPK_TABLE_SET:
			x = op.x;
			TRY(check_table(v, x));
			TRY(pop(v, d->tables[x].elemtype, NULL));
			TRY(pop(v, T_I32, NULL));
			break;
		case OPK_MEMORY_SIZE:
			TRY(check_mem(v, op.x));
			TRY(push(v, T_I32));
			break;
		case OPK_MEMORY_GROW:
			TRY(check_mem(v, op.x));
			TRY(pop(v, T_I32, NULL));
			TRY(push(v, T_I32));
			break;
		case OPK_REF_NULL:
			TRY(push(v, (uint8_t)op.x));
			break;
		case OPK_REF_IS_NULL:
			TRY(pop(v, UNK, &t1));
			if (t1 != UNK && !is_ref(t1))
				return verr(v, "type mismatch: ref.is_null expects a reference but found %s",
				            synth_valtype_name(t1));
			TRY(push(v, T_I32));
			break;
		case OPK_REF_FUNC:
			x = op.x;
			if (x >= d->nfuncs)
				return verr(v, "unknown function %u", x);
			if (!(v->mod->declared_funcs[x >> 3] & (1u << (x & 7))))
				return verr(v, "undeclared function reference");
			TRY(push(v, T_FUNCREF));
			break;
		default:
			if (op.code == 0xfc) {
				TRY(validate_fc(v, &op));
				break;
			}
			if (op.code == 0xfd) {
				TRY(validate_simd(v, &op));
				break;
			}
			return sy_error(v->ctx, SYNTH_ERR_MALFORMED, v->op_at, funcidx, "illegal opcode %02x", op.code);
		}
	}
}

/* Decodes a body without type checking, for the errors the reference
 * interpreter finds while decoding (before any validation): used only
 * after a validation error, so that a malformed body reports as such. */
static SynthStatus skip_body(V *v, uint32_t funcidx)
{
	const SynthModuleDesc *d = v->d;
	const SynthFunc *f = &d->funcs[funcidx];
	SyReader *r = &v->r;
	r->p = d->bytes + f->body_offset;
	r->funcidx = funcidx;
	const uint8_t *body_end = r->p + f->body_size;
	TRY(read_local_decls(v, &d->types[f->typeidx]));
	uint32_t depth = 1;
	for (;;) {
		SyOp op;
		v->op_at = sy_pos(r);
		SynthStatus st = sy_op_next(r, v->opr, &op);
		if (st != SYNTH_OK) {
			/* This pass has always reported an illegal prefixed opcode
			 * without naming it: keep its wording. */
			if (st == SYNTH_ERR_MALFORMED && (op.code == 0xfc || op.code == 0xfd) && op.kind == OPK_ILLEGAL &&
			    v->ctx->diag.offset == op.at)
				return sy_malformed(r, op.at, "illegal opcode");
			return st;
		}
		switch (op.kind) {
		case OPK_BLOCK: case OPK_LOOP: case OPK_IF:
			depth++;
			break;
		case OPK_ELSE:
			if (depth == 1)
				return sy_malformed(r, v->op_at, "END opcode expected");
			break;
		case OPK_END:
			if (--depth == 0)
				return r->p == body_end ? SYNTH_OK
				                        : sy_malformed(r, f->body_offset, "section size mismatch");
			break;
		case OPK_MEMORY_INIT:
		case OPK_DATA_DROP:
			if (!d->has_datacount && op.x < d->ndatas)
				return sy_malformed(r, v->op_at, "data count section required");
			break;
		default:
			break;
		}
	}
}

/* After a validation error: a body from funcidx on that does not decode
 * wins, as decoding comes before validation in the spec. */
static SynthStatus malformed_first(V *v, uint32_t from, SynthStatus st)
{
	SynthContext *ctx = v->ctx;
	SynthDiag saved = ctx->diag;
	char msg[sizeof ctx->msg];
	memcpy(msg, ctx->msg, sizeof msg);
	for (uint32_t i = from; i < v->d->nfuncs; i++) {
		if (v->d->funcs[i].imported || v->d->funcs[i].typeidx >= v->d->ntypes)
			continue;
		SynthStatus s2 = skip_body(v, i);
		if (s2 == SYNTH_ERR_MALFORMED || s2 == SYNTH_ERR_NOMEM)
			return s2;
	}
	ctx->diag = saved;
	memcpy(ctx->msg, msg, sizeof msg);
	ctx->diag.message = ctx->msg;
	return st;
}

static SynthStatus ierr(SynthModule *mod, uint64_t at, const char *fmt, ...) SY_PRINTF(3, 4);
static SynthStatus ierr(SynthModule *mod, uint64_t at, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sy_verror(mod->ctx, SYNTH_ERR_INVALID, at, -1, fmt, ap);
	va_end(ap);
	return SYNTH_ERR_INVALID;
}

static SynthStatus check_limits(SynthModule *mod, const SynthLimits *l, uint64_t bound,
                                const char *toolarge)
{
	if (l->min > bound || (l->has_max && l->max > bound))
		return ierr(mod, 0, "%s", toolarge);
	if (l->has_max && l->min > l->max)
		return ierr(mod, 0, "size minimum must not be greater than maximum");
	return SYNTH_OK;
}

static SynthStatus check_memtype(SynthModule *mod, const SynthMemory *m)
{
	if (m->page_size_log2 == 16)
		return check_limits(mod, &m->limits, 65536, "memory size must be at most 65536 pages (4GiB)");
	return check_limits(mod, &m->limits, UINT32_MAX,
	                    "memory size must be at most 4294967295 pages (4GiB) of 1 byte");
}

static int cmp_export(const void *a, const void *b, const SynthModuleDesc *d)
{
	const SynthExport *x = &d->exports[*(const uint32_t *)a];
	const SynthExport *y = &d->exports[*(const uint32_t *)b];
	uint32_t n = x->name.len < y->name.len ? x->name.len : y->name.len;
	int c = memcmp(x->name.str, y->name.str, n);
	if (c)
		return c;
	return (x->name.len > y->name.len) - (x->name.len < y->name.len);
}

static void sift_down(uint32_t *idx, uint32_t root, uint32_t n, const SynthModuleDesc *d)
{
	for (;;) {
		uint32_t child = 2 * root + 1;
		if (child >= n)
			return;
		if (child + 1 < n && cmp_export(&idx[child], &idx[child + 1], d) < 0)
			child++;
		if (cmp_export(&idx[root], &idx[child], d) >= 0)
			return;
		uint32_t t = idx[root];
		idx[root] = idx[child];
		idx[child] = t;
		root = child;
	}
}

/* Heap sort of export indices by name: O(n log n) for any input, and qsort
 * has no context argument in C11. */
static void sort_exports(uint32_t *idx, uint32_t n, const SynthModuleDesc *d)
{
	for (uint32_t i = n / 2; i-- > 0;)
		sift_down(idx, i, n, d);
	for (uint32_t end = n; end-- > 1;) {
		uint32_t t = idx[0];
		idx[0] = idx[end];
		idx[end] = t;
		sift_down(idx, 0, end, d);
	}
}

static SynthStatus validate_exports(SynthModule *mod)
{
	const SynthModuleDesc *d = &mod->desc;
	static const char *const what[4] = {"function", "table", "memory", "global"};
	for (uint32_t i = 0; i < d->nexports; i++) {
		const SynthExport *e = &d->exports[i];
		uint32_t n = e->kind == SYNTH_EXTERN_FUNC ? d->nfuncs
		           : e->kind == SYNTH_EXTERN_TABLE ? d->ntables
		           : e->kind == SYNTH_EXTERN_MEMORY ? d->nmems : d->nglobals;
		if (e->index >= n)
			return ierr(mod, 0, "unknown %s %u", what[e->kind], e->index);
	}
	if (d->nexports < 2)
		return SYNTH_OK;
	SyAlloc *a = &mod->ctx->alloc;
	uint32_t *idx = sy_malloc(a, (size_t)d->nexports * sizeof *idx);
	if (!idx)
		return sy_nomem(mod->ctx);
	for (uint32_t i = 0; i < d->nexports; i++)
		idx[i] = i;
	sort_exports(idx, d->nexports, d);
	SynthStatus st = SYNTH_OK;
	for (uint32_t i = 1; i < d->nexports; i++)
		if (cmp_export(&idx[i - 1], &idx[i], d) == 0) {
			st = ierr(mod, 0, "duplicate export name \"%s\"", d->exports[idx[i]].name.str);
			break;
		}
	sy_free(a, idx, (size_t)d->nexports * sizeof *idx);
	return st;
}

static SynthStatus validate_module(SynthModule *mod, V *v)
{
	const SynthModuleDesc *d = &mod->desc;
	for (uint32_t i = 0; i < d->nfuncs; i++)
		if (d->funcs[i].typeidx >= d->ntypes)
			return ierr(mod, d->funcs[i].body_offset, "unknown type %u", d->funcs[i].typeidx);
	for (uint32_t i = 0; i < d->ntables; i++)
		TRY(check_limits(mod, &d->tables[i].limits, UINT32_MAX,
		                 "table size must be at most 2^32-1"));
	for (uint32_t i = 0; i < d->nmems; i++)
		TRY(check_memtype(mod, &d->mems[i]));
	for (uint32_t i = 0; i < d->nelems; i++) {
		const SynthElem *e = &d->elems[i];
		if (e->mode != SYNTH_SEG_ACTIVE)
			continue;
		if (e->tableidx >= d->ntables)
			return ierr(mod, e->offset.offset, "unknown table %u", e->tableidx);
		if (d->tables[e->tableidx].elemtype != e->reftype)
			return ierr(mod, e->offset.offset, "type mismatch: element segment %u holds %s, table %u %s",
			            i, synth_valtype_name(e->reftype), e->tableidx,
			            synth_valtype_name(d->tables[e->tableidx].elemtype));
	}
	for (uint32_t i = 0; i < d->ndatas; i++) {
		const SynthData *s = &d->datas[i];
		if (s->mode == SYNTH_SEG_ACTIVE && s->memidx >= d->nmems)
			return ierr(mod, s->offset.offset, "unknown memory %u", s->memidx);
	}
	for (uint32_t i = d->nfuncs_imported; i < d->nfuncs; i++) {
		SynthStatus st = validate_body(v, i);
		if (st == SYNTH_ERR_INVALID)
			return malformed_first(v, i, st);
		if (st != SYNTH_OK)
			return st;
	}
	if (d->has_start) {
		if (d->start >= d->nfuncs)
			return ierr(mod, 0, "unknown function %u", d->start);
		const SynthFuncType *t = &d->types[d->funcs[d->start].typeidx];
		if (t->nparams || t->nresults)
			return ierr(mod, 0, "start function must have type [] -> []");
	}
	TRY(validate_exports(mod));
	if (d->nmems > 1 && !mod->features.multi_memory)
		return ierr(mod, 0, "multiple memories are not allowed without the multi-memory feature");
	return SYNTH_OK;
}

SynthStatus synth_module_validate(SynthContext *ctx, SynthModule *mod)
{
	synth_context_clear(ctx);
	if (mod->validated)
		return SYNTH_OK;
	V v = {.mod = mod, .d = &mod->desc, .ctx = ctx, .r.funcidx = -1};
	v.opr = sy_op_flags(&mod->features);
	for (unsigned i = 0; i < 256; i++)
		v.single[i] = (uint8_t)i;
	v.r.base = mod->desc.bytes;
	v.r.end = mod->desc.bytes + mod->desc.size;
	v.r.ctx = ctx;
	mod->ctx = ctx;
	SynthStatus st = validate_module(mod, &v);
	if (st == SYNTH_ERR_INVALID && v.r.funcidx < 0)
		st = malformed_first(&v, mod->desc.nfuncs_imported, st);
	sy_free(&ctx->alloc, v.vals, v.capvals);
	sy_free(&ctx->alloc, v.ctrls, (size_t)v.capctrls * sizeof(Ctrl));
	sy_free(&ctx->alloc, v.locals, v.caplocals);
	if (st == SYNTH_OK)
		mod->validated = true;
	return st;
}
