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
 * functions; nothing is allocated per instruction. */
#include <string.h>

#include "internal.h"
#include "opcodes.h"

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

/* Whether an s7-decoded value type is one this module may use. */
static bool valtype_ok(const V *v, int64_t t)
{
	switch (t) {
	case -0x01: case -0x02: case -0x03: case -0x04: case -0x10: case -0x11:
		return true;
	case -0x05:
		return v->mod->features.simd;
	}
	return false;
}

static SynthStatus get_label(V *v, uint32_t depth, const Ctrl **out)
{
	if (depth >= v->nctrls)
		return verr(v, "unknown label %u", depth);
	*out = &v->ctrls[v->nctrls - 1 - depth];
	return SYNTH_OK;
}

static SynthStatus read_blocktype(V *v, uint32_t *np, const uint8_t **params, uint32_t *nr,
                                  const uint8_t **results)
{
	uint64_t at = sy_pos(&v->r);
	int64_t bt;
	TRY(sy_sleb(&v->r, 33, &bt));
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
	uint8_t t = (uint8_t)(bt & 0x7f);
	if (!valtype_ok(v, bt))
		return sy_malformed(&v->r, at, "malformed value type");
	*nr = 1, *results = &v->single[t];
	return SYNTH_OK;
}

static SynthStatus check_mem(V *v, uint32_t memidx)
{
	if (memidx >= v->d->nmems)
		return verr(v, "unknown memory %u", memidx);
	return SYNTH_OK;
}

/* Reads a memarg and checks memory and alignment. */
static SynthStatus read_memarg(V *v, unsigned max_align, uint32_t *memidx_out, uint64_t *offset_out)
{
	uint32_t align, memidx = 0;
	TRY(sy_u32(&v->r, &align));
	if (v->mod->features.multi_memory && align >= 0x40 && align < 0x80) {
		align -= 0x40;
		TRY(sy_u32(&v->r, &memidx));
	}
	uint32_t offset;
	TRY(sy_u32(&v->r, &offset));
	TRY(check_mem(v, memidx));
	if (align > max_align)
		return verr(v, "alignment must not be larger than natural");
	if (memidx_out)
		*memidx_out = memidx;
	if (offset_out)
		*offset_out = offset;
	return SYNTH_OK;
}

/* Reads the memory index of memory.size/grow/fill/copy/init: a zero byte
 * in WebAssembly 2.0, a memidx with multi-memory. */
static SynthStatus read_memidx(V *v, uint32_t *memidx)
{
	if (v->mod->features.multi_memory)
		return sy_u32(&v->r, memidx);
	uint8_t b;
	TRY(sy_u8(&v->r, &b));
	if (b != 0)
		return sy_malformed(&v->r, sy_pos(&v->r) - 1, "zero byte expected");
	*memidx = 0;
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
	uint32_t ngroups;
	TRY(sy_u32(r, &ngroups));
	/* First pass: count, so the flat type array is sized once. */
	const uint8_t *save = r->p;
	uint64_t total = 0;
	for (uint32_t i = 0; i < ngroups; i++) {
		uint32_t n;
		uint8_t t;
		TRY(sy_u32(r, &n));
		TRY(sy_u8(r, &t));
		total += n;
	}
	if (total >= ((uint64_t)1 << 32))
		return sy_malformed(r, at, "too many locals");
	total += ft->nparams;
	if (total > 50000 + (uint64_t)ft->nparams)
		return sy_error(v->ctx, SYNTH_ERR_UNSUPPORTED, at, r->funcidx,
		                "too many locals: %llu (Synth's limit is 50000)", (unsigned long long)total);
	while (v->caplocals < total)
		TRY(grow(v, (void **)&v->locals, &v->caplocals, 1));
	if (ft->nparams)
		memcpy(v->locals, ft->params, ft->nparams);
	uint32_t k = ft->nparams;
	r->p = save;
	for (uint32_t i = 0; i < ngroups; i++) {
		uint32_t n;
		uint8_t t;
		TRY(sy_u32(r, &n));
		uint64_t tat = sy_pos(r);
		int64_t sv;
		TRY(sy_sleb(r, 7, &sv));
		t = (uint8_t)(sv & 0x7f);
		if (!valtype_ok(v, sv))
			return sy_malformed(r, tat, "malformed value type");
		if (n)
			memset(v->locals + k, t, n);
		k += n;
	}
	v->nlocals = k;
	return SYNTH_OK;
}

static SynthStatus validate_simd(V *v, uint32_t sub)
{
	const SyOpInfo *oi = sub < 256 ? &sy_ops_fd[sub] : NULL;
	if (!oi || !oi->name)
		return sy_error(v->ctx, SYNTH_ERR_MALFORMED, v->op_at, v->r.funcidx,
		                "illegal opcode fd %x", sub);
	v->op_name = oi->name;
	if (!v->mod->features.simd)
		return sy_error(v->ctx, SYNTH_ERR_UNSUPPORTED, v->op_at, v->r.funcidx,
		                "%s: SIMD is not supported", oi->name);
	uint8_t lane;
	switch (oi->kind) {
	case OPK_VLOAD:
		TRY(read_memarg(v, oi->a, NULL, NULL));
		TRY(pop(v, T_I32, NULL));
		return push(v, T_V128);
	case OPK_VSTORE:
		TRY(read_memarg(v, oi->a, NULL, NULL));
		TRY(pop(v, T_V128, NULL));
		return pop(v, T_I32, NULL);
	case OPK_VCONST:
		if (v->r.end - v->r.p < 16)
			return sy_malformed(&v->r, sy_pos(&v->r), "unexpected end of section or function");
		v->r.p += 16;
		return push(v, T_V128);
	case OPK_VSHUFFLE:
		if (v->r.end - v->r.p < 16)
			return sy_malformed(&v->r, sy_pos(&v->r), "unexpected end of section or function");
		for (int i = 0; i < 16; i++)
			if (v->r.p[i] >= 32)
				return verr(v, "invalid lane index");
		v->r.p += 16;
		TRY(pop(v, T_V128, NULL));
		TRY(pop(v, T_V128, NULL));
		return push(v, T_V128);
	case OPK_VSPLAT:
		TRY(pop(v, oi->a, NULL));
		return push(v, T_V128);
	case OPK_VEXTRACT:
	case OPK_VREPLACE:
		TRY(sy_u8(&v->r, &lane));
		if (lane >= oi->b)
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
		TRY(read_memarg(v, oi->a, NULL, NULL));
		TRY(sy_u8(&v->r, &lane));
		if (lane >= oi->b)
			return verr(v, "invalid lane index");
		TRY(pop(v, T_V128, NULL));
		TRY(pop(v, T_I32, NULL));
		return oi->kind == OPK_VLOADLANE ? push(v, T_V128) : SYNTH_OK;
	}
	return sy_error(v->ctx, SYNTH_ERR_MALFORMED, v->op_at, v->r.funcidx, "illegal opcode fd %x", sub);
}

static SynthStatus validate_fc(V *v, uint32_t sub)
{
	const SynthModuleDesc *d = v->d;
	if (sub >= sizeof sy_ops_fc / sizeof sy_ops_fc[0])
		return sy_error(v->ctx, SYNTH_ERR_MALFORMED, v->op_at, v->r.funcidx,
		                "illegal opcode fc %x", sub);
	const SyOpInfo *oi = &sy_ops_fc[sub];
	v->op_name = oi->name;
	uint32_t x, y;
	uint8_t t;
	switch (oi->kind) {
	case OPK_NUM:
		TRY(pop(v, oi->a, NULL));
		return push(v, oi->r);
	case OPK_MEMORY_INIT:
		TRY(sy_u32(&v->r, &x));
		TRY(read_memidx(v, &y));
		TRY(check_mem(v, y));
		TRY(check_datacount(v, x));
		TRY(pop(v, T_I32, NULL));
		TRY(pop(v, T_I32, NULL));
		return pop(v, T_I32, NULL);
	case OPK_DATA_DROP:
		TRY(sy_u32(&v->r, &x));
		return check_datacount(v, x);
	case OPK_MEMORY_COPY:
		TRY(read_memidx(v, &x));
		TRY(read_memidx(v, &y));
		TRY(check_mem(v, x));
		TRY(check_mem(v, y));
		TRY(pop(v, T_I32, NULL));
		TRY(pop(v, T_I32, NULL));
		return pop(v, T_I32, NULL);
	case OPK_MEMORY_FILL:
		TRY(read_memidx(v, &x));
		TRY(check_mem(v, x));
		TRY(pop(v, T_I32, NULL));
		TRY(pop(v, T_I32, NULL));
		return pop(v, T_I32, NULL);
	case OPK_TABLE_INIT:
		TRY(sy_u32(&v->r, &y));
		TRY(sy_u32(&v->r, &x));
		TRY(check_table(v, x));
		TRY(check_elem(v, y));
		if (d->elems[y].reftype != d->tables[x].elemtype)
			return mismatch(v, d->tables[x].elemtype, d->elems[y].reftype);
		TRY(pop(v, T_I32, NULL));
		TRY(pop(v, T_I32, NULL));
		return pop(v, T_I32, NULL);
	case OPK_ELEM_DROP:
		TRY(sy_u32(&v->r, &x));
		return check_elem(v, x);
	case OPK_TABLE_COPY:
		TRY(sy_u32(&v->r, &x));
		TRY(sy_u32(&v->r, &y));
		TRY(check_table(v, x));
		TRY(check_table(v, y));
		if (d->tables[x].elemtype != d->tables[y].elemtype)
			return mismatch(v, d->tables[x].elemtype, d->tables[y].elemtype);
		TRY(pop(v, T_I32, NULL));
		TRY(pop(v, T_I32, NULL));
		return pop(v, T_I32, NULL);
	case OPK_TABLE_GROW:
		TRY(sy_u32(&v->r, &x));
		TRY(check_table(v, x));
		TRY(pop(v, T_I32, NULL));
		TRY(pop(v, d->tables[x].elemtype, NULL));
		return push(v, T_I32);
	case OPK_TABLE_SIZE:
		TRY(sy_u32(&v->r, &x));
		TRY(check_table(v, x));
		return push(v, T_I32);
	case OPK_TABLE_FILL:
		TRY(sy_u32(&v->r, &x));
		TRY(check_table(v, x));
		TRY(pop(v, T_I32, NULL));
		TRY(pop(v, d->tables[x].elemtype, &t));
		return pop(v, T_I32, NULL);
	}
	return sy_error(v->ctx, SYNTH_ERR_MALFORMED, v->op_at, v->r.funcidx, "illegal opcode fc %x", sub);
}

/* br_table: every label has the default's arity and accepts the operands. */
static SynthStatus validate_br_table(V *v)
{
	uint32_t n;
	TRY(sy_u32(&v->r, &n));
	const uint8_t *labels = v->r.p;
	for (uint32_t i = 0; i <= n; i++) {
		uint32_t l;
		TRY(sy_u32(&v->r, &l));
	}
	TRY(pop(v, T_I32, NULL));
	const uint8_t *after = v->r.p;
	/* The default label comes last; read it first for the arity. */
	SyReader lr = v->r;
	lr.p = labels;
	for (uint32_t i = 0; i < n; i++) {
		uint32_t l;
		TRY(sy_u32(&lr, &l));
	}
	uint32_t ldef;
	TRY(sy_u32(&lr, &ldef));
	const Ctrl *def;
	TRY(get_label(v, ldef, &def));
	uint32_t arity = label_arity(def);
	const Ctrl *top = &v->ctrls[v->nctrls - 1];
	lr.p = labels;
	for (uint32_t i = 0; i < n; i++) {
		uint32_t l;
		TRY(sy_u32(&lr, &l));
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
	v->r.p = after;
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
		if (SY_UNLIKELY(r->p >= r->end))
			return sy_malformed(r, sy_pos(r), "unexpected end of section or function");
		v->op_at = sy_pos(r);
		uint8_t op = *r->p++;
		const SyOpInfo *oi = &sy_ops[op];
		v->op_name = oi->name;
		uint32_t x, y;
		int64_t s;
		uint8_t t1, t2;
		switch (oi->kind) {
		case OPK_NUM:
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
			TRY(sy_sleb(r, 32, &s));
			TRY(push(v, T_I32));
			break;
		case OPK_I64_CONST:
			TRY(sy_sleb(r, 64, &s));
			TRY(push(v, T_I64));
			break;
		case OPK_F32_CONST:
		case OPK_F64_CONST: {
			unsigned size = op == 0x43 ? 4 : 8;
			if ((size_t)(r->end - r->p) < size)
				return sy_malformed(r, sy_pos(r), "unexpected end of section or function");
			r->p += size;
			TRY(push(v, op == 0x43 ? T_F32 : T_F64));
			break;
		}
		case OPK_LOCAL_GET:
			TRY(sy_u32(r, &x));
			if (x >= v->nlocals)
				return verr(v, "unknown local %u", x);
			TRY(push(v, v->locals[x]));
			break;
		case OPK_LOCAL_SET:
		case OPK_LOCAL_TEE:
			TRY(sy_u32(r, &x));
			if (x >= v->nlocals)
				return verr(v, "unknown local %u", x);
			TRY(pop(v, v->locals[x], NULL));
			if (oi->kind == OPK_LOCAL_TEE)
				TRY(push(v, v->locals[x]));
			break;
		case OPK_MEM: {
			TRY(read_memarg(v, oi->a, NULL, NULL));
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
			TRY(read_blocktype(v, &np, &params, &nr, &results));
			if (op == 0x04)
				TRY(pop(v, T_I32, NULL));
			TRY(pop_n(v, np, params));
			TRY(push_ctrl(v, op, np, params, nr, results));
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
			TRY(sy_u32(r, &x));
			TRY(get_label(v, x, &c));
			TRY(pop_n(v, label_arity(c), label_types(c)));
			set_unreachable(v);
			break;
		}
		case OPK_BR_IF: {
			const Ctrl *c;
			TRY(sy_u32(r, &x));
			TRY(get_label(v, x, &c));
			TRY(pop(v, T_I32, NULL));
			uint32_t n = label_arity(c);
			const uint8_t *lt = label_types(c);
			TRY(pop_n(v, n, lt));
			TRY(push_n(v, n, lt));
			break;
		}
		case OPK_BR_TABLE:
			TRY(validate_br_table(v));
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
			TRY(sy_u32(r, &x));
			if (x >= d->nfuncs)
				return verr(v, "unknown function %u", x);
			const SynthFuncType *ct = &d->types[d->funcs[x].typeidx];
			TRY(pop_n(v, ct->nparams, ct->params));
			TRY(push_n(v, ct->nresults, ct->results));
			break;
		}
		case OPK_CALL_INDIRECT: {
			TRY(sy_u32(r, &y));
			TRY(sy_u32(r, &x));
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
			uint32_t n;
			TRY(sy_u32(r, &n));
			t1 = 0;
			for (uint32_t i = 0; i < n; i++) {
				uint64_t tat = sy_pos(r);
				TRY(sy_sleb(r, 7, &s));
				if (!valtype_ok(v, s))
					return sy_malformed(r, tat, "malformed value type");
				t1 = (uint8_t)(s & 0x7f);
			}
			if (n != 1)
				return verr(v, "invalid result arity");
			TRY(pop(v, T_I32, NULL));
			TRY(pop(v, t1, NULL));
			TRY(pop(v, t1, NULL));
			TRY(push(v, t1));
			break;
		}
		case OPK_GLOBAL_GET:
			TRY(sy_u32(r, &x));
			if (x >= d->nglobals)
				return verr(v, "unknown global %u", x);
			TRY(push(v, d->globals[x].type));
			break;
		case OPK_GLOBAL_SET:
			TRY(sy_u32(r, &x));
			if (x >= d->nglobals)
				return verr(v, "unknown global %u", x);
			if (!d->globals[x].is_mutable)
				return verr(v, "global is immutable");
			TRY(pop(v, d->globals[x].type, NULL));
			break;
		case OPK_TABLE_GET:
			TRY(sy_u32(r, &x));
			TRY(check_table(v, x));
			TRY(pop(v, T_I32, NULL));
			TRY(push(v, d->tables[x].elemtype));
			break;
		case OPK_TABLE_SET:
			TRY(sy_u32(r, &x));
			TRY(check_table(v, x));
			TRY(pop(v, d->tables[x].elemtype, NULL));
			TRY(pop(v, T_I32, NULL));
			break;
		case OPK_MEMORY_SIZE:
			TRY(read_memidx(v, &x));
			TRY(check_mem(v, x));
			TRY(push(v, T_I32));
			break;
		case OPK_MEMORY_GROW:
			TRY(read_memidx(v, &x));
			TRY(check_mem(v, x));
			TRY(pop(v, T_I32, NULL));
			TRY(push(v, T_I32));
			break;
		case OPK_REF_NULL: {
			uint64_t tat = sy_pos(r);
			TRY(sy_sleb(r, 7, &s));
			if (s != -0x10 && s != -0x11)
				return sy_malformed(r, tat, "malformed reference type");
			TRY(push(v, (uint8_t)(s & 0x7f)));
			break;
		}
		case OPK_REF_IS_NULL:
			TRY(pop(v, UNK, &t1));
			if (t1 != UNK && !is_ref(t1))
				return verr(v, "type mismatch: ref.is_null expects a reference but found %s",
				            synth_valtype_name(t1));
			TRY(push(v, T_I32));
			break;
		case OPK_REF_FUNC:
			TRY(sy_u32(r, &x));
			if (x >= d->nfuncs)
				return verr(v, "unknown function %u", x);
			if (!(v->mod->declared_funcs[x >> 3] & (1u << (x & 7))))
				return verr(v, "undeclared function reference");
			TRY(push(v, T_FUNCREF));
			break;
		default:
			if (op == 0xfc) {
				TRY(sy_u32(r, &x));
				TRY(validate_fc(v, x));
				break;
			}
			if (op == 0xfd) {
				TRY(sy_u32(r, &x));
				TRY(validate_simd(v, x));
				break;
			}
			return sy_error(v->ctx, SYNTH_ERR_MALFORMED, v->op_at, funcidx, "illegal opcode %02x", op);
		}
	}
}

/* Reads a memarg's immediates without checking them. */
static SynthStatus skip_memarg(V *v)
{
	uint32_t align, x;
	TRY(sy_u32(&v->r, &align));
	if (v->mod->features.multi_memory && align >= 0x40 && align < 0x80)
		TRY(sy_u32(&v->r, &x));
	return sy_u32(&v->r, &x);
}

static SynthStatus skip_bytes(V *v, size_t n)
{
	if ((size_t)(v->r.end - v->r.p) < n)
		return sy_malformed(&v->r, sy_pos(&v->r), "unexpected end of section or function");
	v->r.p += n;
	return SYNTH_OK;
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
	uint32_t depth = 1, x;
	int64_t s;
	uint8_t b;
	for (;;) {
		if (r->p >= r->end)
			return sy_malformed(r, sy_pos(r), "unexpected end of section or function");
		v->op_at = sy_pos(r);
		uint8_t op = *r->p++;
		switch (sy_ops[op].kind) {
		case OPK_BLOCK: case OPK_LOOP: case OPK_IF: {
			uint32_t np, nr;
			const uint8_t *pp, *rp;
			SynthStatus st = read_blocktype(v, &np, &pp, &nr, &rp);
			if (st == SYNTH_ERR_MALFORMED || st == SYNTH_ERR_NOMEM)
				return st;
			depth++;
			break;
		}
		case OPK_ELSE:
			if (depth == 1)
				return sy_malformed(r, v->op_at, "END opcode expected");
			break;
		case OPK_END:
			if (--depth == 0)
				return r->p == body_end ? SYNTH_OK
				                        : sy_malformed(r, f->body_offset, "section size mismatch");
			break;
		case OPK_BR: case OPK_BR_IF: case OPK_CALL: case OPK_LOCAL_GET: case OPK_LOCAL_SET:
		case OPK_LOCAL_TEE: case OPK_GLOBAL_GET: case OPK_GLOBAL_SET: case OPK_TABLE_GET:
		case OPK_TABLE_SET: case OPK_REF_FUNC:
			TRY(sy_u32(r, &x));
			break;
		case OPK_BR_TABLE: {
			uint32_t n;
			TRY(sy_u32(r, &n));
			for (uint64_t i = 0; i <= n; i++)
				TRY(sy_u32(r, &x));
			break;
		}
		case OPK_CALL_INDIRECT:
			TRY(sy_u32(r, &x));
			TRY(sy_u32(r, &x));
			break;
		case OPK_SELECT_T: {
			uint32_t n;
			TRY(sy_u32(r, &n));
			for (uint32_t i = 0; i < n; i++) {
				uint64_t tat = sy_pos(r);
				TRY(sy_sleb(r, 7, &s));
				if (!valtype_ok(v, s))
					return sy_malformed(r, tat, "malformed value type");
			}
			break;
		}
		case OPK_MEM:
			TRY(skip_memarg(v));
			break;
		case OPK_MEMORY_SIZE: case OPK_MEMORY_GROW:
			TRY(read_memidx(v, &x));
			break;
		case OPK_I32_CONST: TRY(sy_sleb(r, 32, &s)); break;
		case OPK_I64_CONST: TRY(sy_sleb(r, 64, &s)); break;
		case OPK_F32_CONST: TRY(skip_bytes(v, 4)); break;
		case OPK_F64_CONST: TRY(skip_bytes(v, 8)); break;
		case OPK_REF_NULL: {
			uint64_t tat = sy_pos(r);
			TRY(sy_sleb(r, 7, &s));
			if (s != -0x10 && s != -0x11)
				return sy_malformed(r, tat, "malformed reference type");
			break;
		}
		case OPK_NUM: case OPK_DROP: case OPK_SELECT: case OPK_NOP: case OPK_UNREACHABLE:
		case OPK_RETURN: case OPK_REF_IS_NULL:
			break;
		default:
			if (op == 0xfc) {
				TRY(sy_u32(r, &x));
				if (x >= sizeof sy_ops_fc / sizeof sy_ops_fc[0])
					return sy_malformed(r, v->op_at, "illegal opcode");
				uint32_t y;
				switch (sy_ops_fc[x].kind) {
				case OPK_MEMORY_INIT:
					TRY(sy_u32(r, &y));
					TRY(read_memidx(v, &x));
					if (!d->has_datacount && y < d->ndatas)
						return sy_malformed(r, v->op_at, "data count section required");
					break;
				case OPK_DATA_DROP:
					TRY(sy_u32(r, &y));
					if (!d->has_datacount && y < d->ndatas)
						return sy_malformed(r, v->op_at, "data count section required");
					break;
				case OPK_MEMORY_COPY: TRY(read_memidx(v, &x)); TRY(read_memidx(v, &x)); break;
				case OPK_MEMORY_FILL: TRY(read_memidx(v, &x)); break;
				case OPK_TABLE_INIT: case OPK_TABLE_COPY:
					TRY(sy_u32(r, &x));
					TRY(sy_u32(r, &x));
					break;
				case OPK_ELEM_DROP: case OPK_TABLE_GROW: case OPK_TABLE_SIZE: case OPK_TABLE_FILL:
					TRY(sy_u32(r, &x));
					break;
				}
				break;
			}
			if (op == 0xfd) {
				TRY(sy_u32(r, &x));
				if (x >= 256 || !sy_ops_fd[x].name)
					return sy_malformed(r, v->op_at, "illegal opcode");
				switch (sy_ops_fd[x].kind) {
				case OPK_VLOAD: case OPK_VSTORE: TRY(skip_memarg(v)); break;
				case OPK_VCONST: case OPK_VSHUFFLE: TRY(skip_bytes(v, 16)); break;
				case OPK_VEXTRACT: case OPK_VREPLACE: TRY(sy_u8(r, &b)); break;
				case OPK_VLOADLANE: case OPK_VSTORELANE:
					TRY(skip_memarg(v));
					TRY(sy_u8(r, &b));
					break;
				}
				break;
			}
			return sy_error(v->ctx, SYNTH_ERR_MALFORMED, v->op_at, funcidx, "illegal opcode %02x", op);
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
