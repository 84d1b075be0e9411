/* components.c - the components of a fused module (synth.h, "components of
 * a fused module"; core/ABI.md, "Components").
 *
 * meld's multi-memory lowering fuses the core modules of several components
 * into one: memory k is component k's, exported as "memory" (k = 0) or
 * "memory$k", its allocator as "cabi_realloc"/"cabi_realloc$k", and
 * adapters copy between two components' memories with explicit memory
 * indices. This file reads every function body once (the memories each
 * touches and how, its calls, its call_indirects, its uses of globals,
 * tables and segments), then derives, in order:
 *   1. the components a function owns by what it touches itself, checked
 *      against the component its export names pin ("name$k");
 *   2. adapters: functions touching two components' memories whose only
 *      business with them is copying from one to the other;
 *   3. for the others touching nothing, the components of their callees
 *      (calls into adapters do not count: they cross), to a fixed point;
 *   4. the memories each function reaches through all it may call;
 *   5. each adapter's direction, from the components of its callers;
 *   6. the calls that cross (direct and indirect) and, for each shared
 *      function, the domains that may run it (its runners).
 *   7. whose state section holds each global, table and segment descriptor
 *      (state_owners; core/ABI.md, "State of a fused module"), from every
 *      use of it recorded while reading the bodies.
 * call_indirect may reach every function of its type that a table can hold
 * (element segments, ref.func anywhere, and every exported or imported
 * function when a table is imported or exported). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "wasm/opreader.h"

typedef struct CompsImpl {
	SynthComponents pub; /* first: the public view */
	SyAlloc alloc;       /* copy of the context's hook */
	SyArena ar;          /* owns everything pub points to */
} CompsImpl;

/* A call_indirect site: which function, which type, which table. */
typedef struct Indirect {
	uint32_t func, type, table;
} Indirect;

/* A use of a state item by a function: which item, read or written. */
typedef enum AccKind { ACC_GLOBAL, ACC_TABLE, ACC_ELEM, ACC_DATA } AccKind;
typedef struct Access {
	uint32_t func, idx;
	uint8_t kind; /* AccKind */
	bool write;
} Access;

/* Scratch state of one analysis. */
typedef struct An {
	SynthContext *ctx;
	const SynthModuleDesc *d;
	SyArena *ar;          /* scratch */
	uint32_t nm, w;       /* memories, 64-bit words per set */
	uint64_t *direct;     /* per function: memories touched itself */
	uint64_t *rd, *wr;    /* per function: memories loaded from / stored to (copies included) */
	uint64_t *reach;      /* per function: memories reached through calls too */
	uint64_t *comps;      /* per function: components attributed through callees */
	bool *owner_op;       /* per function: memory.grow, memory.init or memory.fill */
	bool *cross_copy;     /* per function: memory.copy between two different memories */
	bool *referenced;     /* per function: may be put in a table */
	uint32_t *efrom, *eto, nedges, capedges; /* calls, call_indirect expanded */
	uint32_t ndirect_edges;   /* the first ones, from `call` */
	uint32_t *rstart, *rfrom; /* callers of g: rfrom[rstart[g] .. rstart[g + 1]) */
	Indirect *ind;
	uint32_t nind, capind;
	uint32_t *gsetf, *gsetg, ngsets, capgsets; /* global.set: by function, of global */
	Access *acc;          /* every use of a global, table or segment after M__init */
	uint32_t nacc, capacc;
	int32_t *in_adapter;  /* per function: an adapter that runs it in its domain (itself,
	                         or calling it without crossing), else -1 */
} An;

static uint64_t *set_at(An *a, uint64_t *base, uint32_t f) { return base + (size_t)f * a->w; }
static void set_add(uint64_t *s, uint32_t k) { s[k / 64] |= (uint64_t)1 << (k % 64); }
static bool set_has(const uint64_t *s, uint32_t k) { return (s[k / 64] >> (k % 64)) & 1; }

static uint32_t set_count(const An *a, const uint64_t *s)
{
	uint32_t n = 0;
	for (uint32_t i = 0; i < a->w; i++)
		n += (uint32_t)__builtin_popcountll(s[i]);
	return n;
}

/* Ors src into dst; true when dst changed. */
static bool set_or(const An *a, uint64_t *dst, const uint64_t *src)
{
	bool ch = false;
	for (uint32_t i = 0; i < a->w; i++) {
		uint64_t v = dst[i] | src[i];
		ch |= v != dst[i];
		dst[i] = v;
	}
	return ch;
}

/* The lowest member, or -1. */
static int32_t set_first(const An *a, const uint64_t *s)
{
	for (uint32_t k = 0; k < a->nm; k++)
		if (set_has(s, k))
			return (int32_t)k;
	return -1;
}

static bool add_edge(An *a, uint32_t from, uint32_t to)
{
	if (a->nedges == a->capedges) {
		uint32_t cap = a->capedges;
		if (!sy_arena_grow(a->ar, (void **)&a->efrom, &cap, a->nedges + 1, sizeof *a->efrom) ||
		    !sy_arena_grow(a->ar, (void **)&a->eto, &a->capedges, a->nedges + 1, sizeof *a->eto))
			return false;
	}
	a->efrom[a->nedges] = from;
	a->eto[a->nedges++] = to;
	return true;
}

static bool add_access(An *a, uint32_t f, AccKind kind, uint32_t idx, bool write)
{
	if (!sy_arena_grow(a->ar, (void **)&a->acc, &a->capacc, a->nacc + 1, sizeof *a->acc))
		return false;
	a->acc[a->nacc++] = (Access){f, idx, (uint8_t)kind, write};
	return true;
}

#define TRY(x)                                   \
	do {                                     \
		SynthStatus st_ = (x);           \
		if (st_ != SYNTH_OK)             \
			return st_;              \
	} while (0)

/* Checks memory m, named by the operator just read. */
static SynthStatus memidx_ok(An *a, SyReader *r, uint32_t m)
{
	if (m >= a->nm)
		return sy_error(a->ctx, SYNTH_ERR_INVALID, sy_pos(r), r->funcidx, "unknown memory %u", m);
	return SYNTH_OK;
}

/* Reads the body of defined function f: memories, calls, call_indirects. */
static SynthStatus scan(An *a, uint32_t f)
{
	const SynthModuleDesc *d = a->d;
	const SynthFunc *fn = &d->funcs[f];
	SyReader r = {.base = d->bytes, .p = d->bytes + fn->body_offset, .ctx = a->ctx, .funcidx = f};
	r.end = r.p + fn->body_size;
	uint64_t *dir = set_at(a, a->direct, f), *rd = set_at(a, a->rd, f), *wr = set_at(a, a->wr, f);
	SyLocals locals;
	TRY(sy_locals_read(&r, SY_OPR_ALL, &locals));
	while (r.p < r.end) {
		SyOp op;
		TRY(sy_op_next(&r, SY_OPR_ALL, &op));
		uint32_t x = op.x, y = op.y, m = op.mem.memidx;
		int k = op.kind;
		switch (k) {
		case OPK_GLOBAL_GET: case OPK_TABLE_GET: case OPK_TABLE_SET:
			if (!add_access(a, f, k == OPK_GLOBAL_GET ? ACC_GLOBAL : ACC_TABLE, x, k == OPK_TABLE_SET))
				return sy_nomem(a->ctx);
			break;
		case OPK_GLOBAL_SET:
			if (!add_access(a, f, ACC_GLOBAL, x, true))
				return sy_nomem(a->ctx);
			if (x < d->nglobals) {
				uint32_t cap = a->capgsets;
				if (!sy_arena_grow(a->ar, (void **)&a->gsetf, &cap, a->ngsets + 1, sizeof *a->gsetf) ||
				    !sy_arena_grow(a->ar, (void **)&a->gsetg, &a->capgsets, a->ngsets + 1, sizeof *a->gsetg))
					return sy_nomem(a->ctx);
				a->gsetf[a->ngsets] = f;
				a->gsetg[a->ngsets++] = x;
			}
			break;
		case OPK_CALL:
			if (x >= d->nfuncs)
				return sy_error(a->ctx, SYNTH_ERR_INVALID, sy_pos(&r), f, "unknown function %u", x);
			if (!add_edge(a, f, x))
				return sy_nomem(a->ctx);
			break;
		case OPK_REF_FUNC:
			if (x < d->nfuncs)
				a->referenced[x] = true;
			break;
		case OPK_CALL_INDIRECT:
			if (x >= d->ntypes || y >= d->ntables)
				return sy_error(a->ctx, SYNTH_ERR_INVALID, sy_pos(&r), f, "unknown type or table");
			if (!sy_arena_grow(a->ar, (void **)&a->ind, &a->capind, a->nind + 1, sizeof *a->ind))
				return sy_nomem(a->ctx);
			a->ind[a->nind++] = (Indirect){f, x, y};
			if (!add_access(a, f, ACC_TABLE, y, false))
				return sy_nomem(a->ctx);
			break;
		case OPK_MEM: case OPK_VLOAD: case OPK_VSTORE: case OPK_VLOADLANE: case OPK_VSTORELANE:
			TRY(memidx_ok(a, &r, m));
			set_add(dir, m);
			set_add(k == OPK_MEM ? (op.info->r ? wr : rd) : k == OPK_VSTORE || k == OPK_VSTORELANE ? wr : rd, m);
			break;
		case OPK_MEMORY_SIZE: case OPK_MEMORY_GROW:
			TRY(memidx_ok(a, &r, x));
			set_add(dir, x);
			if (k == OPK_MEMORY_GROW)
				a->owner_op[f] = true;
			break;
		case OPK_MEMORY_INIT:
			if (!add_access(a, f, ACC_DATA, x, false))
				return sy_nomem(a->ctx);
			TRY(memidx_ok(a, &r, y));
			set_add(dir, y);
			set_add(wr, y);
			a->owner_op[f] = true;
			break;
		case OPK_DATA_DROP: case OPK_ELEM_DROP: case OPK_TABLE_GROW: case OPK_TABLE_SIZE: case OPK_TABLE_FILL:
			if (!add_access(a, f, k == OPK_DATA_DROP ? ACC_DATA : k == OPK_ELEM_DROP ? ACC_ELEM : ACC_TABLE, x,
			                k != OPK_TABLE_SIZE))
				return sy_nomem(a->ctx);
			break;
		case OPK_MEMORY_COPY:
			/* x = destination, y = source */
			TRY(memidx_ok(a, &r, x));
			TRY(memidx_ok(a, &r, y));
			set_add(dir, x);
			set_add(dir, y);
			set_add(wr, x);
			set_add(rd, y);
			if (x != y)
				a->cross_copy[f] = true;
			break;
		case OPK_MEMORY_FILL:
			TRY(memidx_ok(a, &r, x));
			set_add(dir, x);
			set_add(wr, x);
			a->owner_op[f] = true;
			break;
		case OPK_TABLE_INIT: case OPK_TABLE_COPY: {
			/* table.init elemidx tableidx; table.copy dst src */
			bool init = k == OPK_TABLE_INIT;
			if (!add_access(a, f, init ? ACC_ELEM : ACC_TABLE, x, !init) ||
			    !add_access(a, f, ACC_TABLE, y, init))
				return sy_nomem(a->ctx);
			break;
		}
		default:
			break;
		}
	}
	return SYNTH_OK;
}

static bool same_type(const SynthFuncType *x, const SynthFuncType *y)
{
	return x->nparams == y->nparams && x->nresults == y->nresults &&
	       !memcmp(x->params, y->params, x->nparams) && !memcmp(x->results, y->results, x->nresults);
}

/* Turns every call_indirect into calls to the functions it may reach. */
static SynthStatus expand_indirect(An *a)
{
	const SynthModuleDesc *d = a->d;
	if (!a->nind)
		return SYNTH_OK;
	for (uint32_t e = 0; e < d->nelems; e++)
		for (uint32_t i = 0; i < d->elems[e].nitems; i++)
			if (d->elems[e].items[i].kind == SYNTH_CONST_REF_FUNC && d->elems[e].items[i].bits < d->nfuncs)
				a->referenced[d->elems[e].items[i].bits] = true;
	for (uint32_t g = 0; g < d->nglobals; g++)
		if (!d->globals[g].imported && d->globals[g].init.kind == SYNTH_CONST_REF_FUNC &&
		    d->globals[g].init.bits < d->nfuncs)
			a->referenced[d->globals[g].init.bits] = true;
	bool open = false; /* a table the outside can write */
	for (uint32_t t = 0; t < d->ntables; t++)
		open |= d->tables[t].imported || d->tables[t].exported;
	for (uint32_t f = 0; open && f < d->nfuncs; f++)
		if (d->funcs[f].imported || d->funcs[f].exported)
			a->referenced[f] = true;
	for (uint32_t i = 0; i < a->nind; i++) {
		const SynthFuncType *t = &d->types[a->ind[i].type];
		for (uint32_t g = 0; g < d->nfuncs; g++)
			if (a->referenced[g] && d->funcs[g].typeidx < d->ntypes && same_type(t, &d->types[d->funcs[g].typeidx]) &&
			    !add_edge(a, a->ind[i].func, g))
				return sy_nomem(a->ctx);
	}
	return SYNTH_OK;
}

/* k when name is "<base>$<k>" with k a decimal below limit; -1 otherwise. */
static int64_t suffix(const SynthName *name, uint32_t limit)
{
	const char *dollar = NULL;
	for (uint32_t i = 0; i < name->len; i++)
		if (name->str[i] == '$')
			dollar = name->str + i;
	if (!dollar || dollar == name->str)
		return -1;
	const char *end = name->str + name->len;
	uint64_t k = 0;
	if (dollar + 1 == end || (dollar[1] == '0' && dollar + 2 != end))
		return -1;
	for (const char *c = dollar + 1; c < end; c++) {
		if (*c < '0' || *c > '9' || k > 0xffffffffu)
			return -1;
		k = k * 10 + (uint64_t)(*c - '0');
	}
	return k < limit ? (int64_t)k : -1;
}

static bool name_is(const SynthName *n, const char *s)
{
	return n->len == strlen(s) && !memcmp(n->str, s, n->len);
}

/* The component a contract name ("base" or "base$k") gives, or -1. */
static int64_t contract_name(const SynthName *n, const char *base, uint32_t limit)
{
	size_t bl = strlen(base);
	if (name_is(n, base))
		return 0;
	if (n->len > bl + 1 && !memcmp(n->str, base, bl) && n->str[bl] == '$') {
		int64_t k = suffix(n, limit);
		return k > 0 ? k : -1;
	}
	return -1;
}

/* Appends how function f is named: its name-section name, else its first
 * export name. */
static void func_label(SyStr *s, const SynthModuleDesc *d, uint32_t f)
{
	sy_str_printf(s, "function %u", f);
	const SynthName *n = d->funcs[f].debug_name.len ? &d->funcs[f].debug_name : NULL;
	for (uint32_t e = 0; !n && e < d->nexports; e++)
		if (d->exports[e].kind == SYNTH_EXTERN_FUNC && d->exports[e].index == f)
			n = &d->exports[e].name;
	if (n)
		sy_str_printf(s, " \"%s\"", n->str);
}

static void mem_list(SyStr *s, const An *a, const uint64_t *set)
{
	bool first = true;
	for (uint32_t k = 0; k < a->nm; k++)
		if (set_has(set, k)) {
			sy_str_printf(s, "%smemory %u (c%u)", first ? "" : " and ", k, k);
			first = false;
		}
}

/* The ascending member list of set, in the result arena. */
static uint32_t *to_list(const An *a, SyArena *ar, const uint64_t *set, uint32_t *n)
{
	*n = set_count(a, set);
	uint32_t *v = sy_arena_array(ar, *n ? *n : 1, sizeof *v);
	if (!v)
		return NULL;
	uint32_t i = 0;
	for (uint32_t k = 0; k < a->nm; k++)
		if (set_has(set, k))
			v[i++] = k;
	return v;
}

const char *synth_func_role_name(SynthFuncRole role)
{
	switch (role) {
	case SYNTH_FUNC_SHARED: return "shared";
	case SYNTH_FUNC_COMPONENT: return "component";
	case SYNTH_FUNC_ADAPTER: return "adapter";
	case SYNTH_FUNC_MIXED: return "mixed";
	}
	return "?";
}

void synth_components_free(SynthComponents *c)
{
	if (!c)
		return;
	CompsImpl *im = (CompsImpl *)c;
	SyAlloc a = im->alloc;
	sy_arena_free(&im->ar);
	sy_free(&a, im, sizeof *im);
}

/* Records why f is MIXED; false when memory ran out. */
static bool mixed(SyArena *ar, SynthFuncPart *p, SyStr *why)
{
	p->role = SYNTH_FUNC_MIXED;
	p->component = p->peer = -1;
	char *t = why->s && !why->oom ? sy_arena_alloc(ar, why->n + 1) : NULL;
	if (t)
		memcpy(t, why->s, why->n + 1);
	p->why = t ? t : "out of memory";
	sy_str_free(why);
	return t != NULL;
}

/* The callers of every function (rstart/rfrom, by callee). */
static SynthStatus reverse_edges(An *a)
{
	uint32_t nf = a->d->nfuncs;
	a->rstart = sy_arena_array(a->ar, (size_t)nf + 1, sizeof *a->rstart);
	a->rfrom = sy_arena_array(a->ar, a->nedges ? a->nedges : 1, sizeof *a->rfrom);
	uint32_t *fill = sy_arena_array(a->ar, (size_t)nf + 1, sizeof *fill);
	if (!a->rstart || !a->rfrom || !fill)
		return sy_nomem(a->ctx);
	for (uint32_t e = 0; e < a->nedges; e++)
		a->rstart[a->eto[e] + 1]++;
	for (uint32_t f = 0; f < nf; f++)
		a->rstart[f + 1] += a->rstart[f];
	for (uint32_t e = 0; e < a->nedges; e++) {
		uint32_t g = a->eto[e];
		a->rfrom[a->rstart[g] + fill[g]++] = a->efrom[e];
	}
	return SYNTH_OK;
}

/* Propagates sets from callees to callers to a fixed point with a
 * worklist (each set grows at most nm times). With own/part, only into
 * callers that own nothing and are still shared, and only from callees
 * that are neither adapters nor mixed. */
static SynthStatus propagate(An *a, uint64_t *sets, const int32_t *own, const SynthFuncPart *part)
{
	uint32_t nf = a->d->nfuncs;
	uint32_t *work = sy_arena_array(a->ar, (size_t)nf + 1, sizeof *work);
	bool *queued = sy_arena_array(a->ar, (size_t)nf + 1, sizeof *queued);
	if (!work || !queued)
		return sy_nomem(a->ctx);
	uint32_t head = 0, n = 0; /* a ring of at most nf entries */
	for (uint32_t f = 0; f < nf; f++)
		work[n++] = f, queued[f] = true;
	while (n) {
		uint32_t g = work[head];
		head = (head + 1) % nf;
		n--;
		queued[g] = false;
		if (part && part[g].role != SYNTH_FUNC_SHARED)
			continue;
		for (uint32_t i = a->rstart[g]; i < a->rstart[g + 1]; i++) {
			uint32_t f = a->rfrom[i];
			if (own && (own[f] >= 0 || part[f].role != SYNTH_FUNC_SHARED))
				continue;
			if (set_or(a, set_at(a, sets, f), set_at(a, sets, g)) && !queued[f]) {
				work[(head + n) % nf] = f;
				n++;
				queued[f] = true;
			}
		}
	}
	return SYNTH_OK;
}

static int crossing_cmp(const void *x, const void *y)
{
	const SynthCrossing *p = x, *q = y;
	if (p->callee != q->callee)
		return p->callee < q->callee ? -1 : 1;
	return p->caller < q->caller ? -1 : p->caller > q->caller;
}

/* The domains a shared function may run in: the component and adapter
 * functions calling it, directly or through other shared functions (any
 * call_indirect that may reach it included), one per domain (the lowest). */
static SynthStatus runners(An *a, SynthComponents *c)
{
	uint32_t nf = a->d->nfuncs;
	SynthFuncPart *part = (SynthFuncPart *)c->funcs;
	uint32_t *stack = sy_arena_array(a->ar, (size_t)nf + 1, sizeof *stack);
	uint32_t *seen = sy_arena_array(a->ar, (size_t)nf + 1, sizeof *seen); /* visit stamp: h + 1 */
	uint32_t *found = sy_arena_array(a->ar, (size_t)nf + 1, sizeof *found);
	if (!stack || !seen || !found)
		return sy_nomem(a->ctx);
	for (uint32_t h = 0; h < nf; h++) {
		if (part[h].role != SYNTH_FUNC_SHARED)
			continue;
		uint32_t n = 0, nfound = 0;
		stack[n++] = h;
		seen[h] = h + 1;
		while (n) {
			uint32_t g = stack[--n];
			for (uint32_t i = a->rstart[g]; i < a->rstart[g + 1]; i++) {
				uint32_t f = a->rfrom[i];
				if (seen[f] == h + 1)
					continue;
				seen[f] = h + 1;
				const SynthFuncPart *p = &part[f];
				if (p->role == SYNTH_FUNC_SHARED) {
					stack[n++] = f;
					continue;
				}
				if (p->role == SYNTH_FUNC_MIXED)
					continue;
				bool dup = false;
				for (uint32_t j = 0; j < nfound && !dup; j++) {
					const SynthFuncPart *q = &part[found[j]];
					if (q->role == p->role && q->component == p->component && q->peer == p->peer) {
						dup = true;
						if (f < found[j])
							found[j] = f;
					}
				}
				if (!dup)
					found[nfound++] = f;
			}
		}
		uint32_t *v = sy_arena_array(&((CompsImpl *)c)->ar, nfound ? nfound : 1, sizeof *v);
		if (!v)
			return sy_nomem(a->ctx);
		memcpy(v, found, nfound * sizeof *v);
		for (uint32_t i = 1; i < nfound; i++) /* ascending, by insertion */
			for (uint32_t j = i; j > 0 && v[j - 1] > v[j]; j--) {
				uint32_t t = v[j];
				v[j] = v[j - 1], v[j - 1] = t;
			}
		part[h].runners = v, part[h].nrunners = nfound;
	}
	return SYNTH_OK;
}

/* The reach of a function over components' state: a component's function
 * reaches its component's, an adapter both of its pair's (they are in its
 * domain), a shared function any (it runs in its caller's domain). */
static bool can_reach(const SynthFuncPart *p, int32_t k)
{
	return (p->role == SYNTH_FUNC_COMPONENT && p->component == k) ||
	       (p->role == SYNTH_FUNC_ADAPTER && (p->component == k || p->peer == k));
}

static const char *const acc_noun[] = {"global", "table", "element segment", "data segment"};

/* Appends "function N \"name\" (cK|adapter cA->cB|shared)". */
static void user_label(SyStr *s, const SynthModuleDesc *d, const SynthComponents *c, uint32_t f)
{
	const SynthFuncPart *p = &c->funcs[f];
	func_label(s, d, f);
	if (p->role == SYNTH_FUNC_COMPONENT)
		sy_str_printf(s, " (c%d)", p->component);
	else if (p->role == SYNTH_FUNC_ADAPTER)
		sy_str_printf(s, " (adapter c%d->c%d)", p->component, p->peer);
	else
		sy_str_printf(s, " (%s)", synth_func_role_name(p->role));
}

/* Whose state section holds each global, table and segment descriptor of a
 * fused module (core/ABI.md, "State of a fused module"): the component whose
 * functions alone write it once M__init is done and alone use it (its
 * adapters may too: their domain holds its state); one that functions use
 * but none writes goes to the module's read-only section (SYNTH_STATE_SHARED,
 * read-only in every component's domain); one no function uses to the host
 * section. Anything else lets one component change another's behaviour and
 * is listed in state_error, as is any write by an adapter or a shared
 * function (it runs in whichever domain calls it) and any use by a shared
 * function of an item a component writes. */
static SynthStatus state_owners(An *a, CompsImpl *im)
{
	const SynthModuleDesc *d = a->d;
	SynthComponents *c = &im->pub;
	/* What runs in an adapter's domain: the adapter and what it reaches
	 * through calls that do not cross (its caller's allocator, say). */
	a->in_adapter = sy_arena_array(a->ar, d->nfuncs + 1, sizeof *a->in_adapter);
	uint32_t *work = sy_arena_array(a->ar, d->nfuncs + 1, sizeof *work);
	uint32_t *fstart = sy_arena_array(a->ar, d->nfuncs + 2, sizeof *fstart);
	uint32_t *fto = sy_arena_array(a->ar, a->nedges + 1, sizeof *fto);
	uint32_t *fill = sy_arena_array(a->ar, d->nfuncs + 1, sizeof *fill);
	if (!a->in_adapter || !work || !fstart || !fto || !fill)
		return sy_nomem(a->ctx);
	/* callees of g: fto[fstart[g] .. fstart[g + 1]) */
	for (uint32_t e = 0; e < a->nedges; e++)
		fstart[a->efrom[e] + 1]++;
	for (uint32_t f = 0; f < d->nfuncs; f++)
		fstart[f + 1] += fstart[f];
	for (uint32_t e = 0; e < a->nedges; e++)
		fto[fstart[a->efrom[e]] + fill[a->efrom[e]]++] = a->eto[e];
	for (uint32_t f = 0; f < d->nfuncs; f++)
		a->in_adapter[f] = -1;
	for (uint32_t f = 0; f < d->nfuncs; f++) {
		if (c->funcs[f].role != SYNTH_FUNC_ADAPTER || a->in_adapter[f] >= 0)
			continue;
		uint32_t n = 0;
		a->in_adapter[f] = (int32_t)f;
		work[n++] = f;
		while (n) {
			uint32_t g = work[--n];
			for (uint32_t e = fstart[g]; e < fstart[g + 1]; e++) {
				uint32_t h = fto[e];
				if (a->in_adapter[h] < 0 && !synth_call_crosses(c, g, h) && c->funcs[h].role != SYNTH_FUNC_ADAPTER) {
					a->in_adapter[h] = (int32_t)f;
					work[n++] = h;
				}
			}
		}
	}
	uint32_t n[4] = {d->nglobals, d->ntables, d->nelems, d->ndatas};
	int32_t *own[4];
	for (int k = 0; k < 4; k++) {
		own[k] = sy_arena_array(&im->ar, n[k] + 1, sizeof *own[k]);
		if (!own[k])
			return sy_nomem(a->ctx);
		for (uint32_t i = 0; i < n[k]; i++)
			own[k][i] = SYNTH_STATE_HOST;
	}
	c->global_state = own[ACC_GLOBAL], c->table_state = own[ACC_TABLE];
	c->elem_state = own[ACC_ELEM], c->data_state = own[ACC_DATA];
	c->ntables = d->ntables, c->nelems = d->nelems, c->ndatas = d->ndatas;
	SyStr err = {.alloc = &a->ctx->alloc};
	for (int kind = 0; kind < 4; kind++) {
		for (uint32_t i = 0; i < n[kind]; i++) {
			if ((kind == ACC_GLOBAL && (i < d->nglobals_imported || !sy_global_in_state(&d->globals[i]))) ||
			    (kind == ACC_TABLE && i < d->ntables_imported))
				continue; /* not state: a constant, or the embedder's */
			int64_t wf = -1, bad = -1; /* a writer; the first use that breaks the rule */
			const char *why = NULL;
			for (uint32_t j = 0; j < a->nacc && !why; j++) {
				const Access *x = &a->acc[j];
				if (x->kind != kind || x->idx != i || !x->write)
					continue;
				const SynthFuncPart *p = &c->funcs[x->func];
				if (p->role != SYNTH_FUNC_COMPONENT) {
					bad = x->func, why = "writes it, and only a component's own functions may change state";
				} else if (wf < 0) {
					wf = x->func;
				} else if (c->funcs[wf].component != p->component) {
					bad = x->func, why = "writes it too: two components may change it";
				}
			}
			int32_t owner = wf >= 0 ? c->funcs[wf].component : SYNTH_STATE_HOST;
			for (uint32_t j = 0; j < a->nacc && !why; j++) {
				const Access *x = &a->acc[j];
				if (x->kind != kind || x->idx != i)
					continue;
				const SynthFuncPart *p = &c->funcs[x->func];
				if (wf < 0) {
					/* never written: its one component's, else read-only for all */
					if (p->role == SYNTH_FUNC_SHARED || (owner >= 0 && !can_reach(p, owner)))
						owner = SYNTH_STATE_SHARED;
					else if (owner == SYNTH_STATE_HOST)
						owner = p->component; /* an adapter: its caller's side first */
				} else if (p->role == SYNTH_FUNC_SHARED) {
					bad = x->func, why = "uses it, and runs in the domain of whichever component calls it";
				} else if (!can_reach(p, owner)) {
					bad = x->func, why = "uses it, and one component could change another's behaviour through it";
				}
			}
			/* The read-only section is not in the adapters' domains (their
			 * two components' state is): no adapter, nor what it calls
			 * without crossing, may use it. */
			for (uint32_t j = 0; j < a->nacc && !why && owner == SYNTH_STATE_SHARED; j++) {
				const Access *x = &a->acc[j];
				if (x->kind == kind && x->idx == i && a->in_adapter[x->func] >= 0)
					bad = x->func, why = "uses it in an adapter's domain, which does not hold the module's read-only state";
			}
			if (!why) {
				own[kind][i] = owner;
				continue;
			}
			sy_str_printf(&err, "%s%s %u: ", err.n ? "\n" : "", acc_noun[kind], i);
			if (wf >= 0 && wf != bad) {
				user_label(&err, d, c, (uint32_t)wf);
				sy_str_printf(&err, " writes it and ");
			}
			user_label(&err, d, c, (uint32_t)bad);
			sy_str_printf(&err, " %s", why);
		}
	}
	char *e = sy_arena_alloc(&im->ar, err.n + 1);
	if (!e || err.oom) {
		sy_str_free(&err);
		return sy_nomem(a->ctx);
	}
	e[0] = 0;
	if (err.s)
		memcpy(e, err.s, err.n + 1);
	sy_str_free(&err);
	c->state_error = e;
	return SYNTH_OK;
}

static SynthStatus analyse(An *a, CompsImpl *im)
{
	const SynthModuleDesc *d = a->d;
	SynthComponents *c = &im->pub;
	SyArena *rar = &im->ar;
	uint32_t nf = d->nfuncs, nm = a->nm;
	for (uint32_t f = d->nfuncs_imported; f < nf; f++)
		TRY(scan(a, f));
	a->ndirect_edges = a->nedges;
	TRY(expand_indirect(a));
	TRY(reverse_edges(a));

	/* The contract: every memory exported under its component's name. */
	SynthComponent *comp = sy_arena_array(rar, nm ? nm : 1, sizeof *comp);
	SynthFuncPart *part = sy_arena_array(rar, nf ? nf : 1, sizeof *part);
	if (!comp || !part)
		return sy_nomem(a->ctx);
	c->components = comp, c->ncomponents = nm, c->funcs = part, c->nfuncs = nf;
	for (uint32_t k = 0; k < nm; k++) {
		char nb[24];
		snprintf(nb, sizeof nb, "c%u", k);
		char *s = sy_arena_alloc(rar, strlen(nb) + 1);
		if (!s)
			return sy_nomem(a->ctx);
		memcpy(s, nb, strlen(nb) + 1);
		comp[k].name = s, comp[k].memidx = k, comp[k].realloc_func = -1;
	}
	for (uint32_t e = 0; e < d->nexports; e++) {
		const SynthExport *x = &d->exports[e];
		int64_t k;
		if (x->kind == SYNTH_EXTERN_MEMORY && (k = contract_name(&x->name, "memory", nm)) == x->index)
			comp[k].memory_export = x->name.str;
		if (x->kind == SYNTH_EXTERN_FUNC && (k = contract_name(&x->name, "cabi_realloc", nm)) >= 0 &&
		    comp[k].realloc_func < 0)
			comp[k].realloc_func = x->index;
	}
	c->contract = nm >= 2;
	for (uint32_t k = 0; k < nm; k++)
		c->contract &= comp[k].memory_export != NULL;

	/* 1. What each function owns by itself, and its export pins. */
	int32_t *own = sy_arena_array(a->ar, nf ? nf : 1, sizeof *own);
	if (!own)
		return sy_nomem(a->ctx);
	for (uint32_t f = 0; f < nf; f++) {
		part[f].pinned = own[f] = -1;
		part[f].component = part[f].peer = -1;
	}
	for (uint32_t e = 0; c->contract && e < d->nexports; e++) {
		const SynthExport *x = &d->exports[e];
		if (x->kind != SYNTH_EXTERN_FUNC)
			continue;
		int64_t k = name_is(&x->name, "cabi_realloc") ? 0 : suffix(&x->name, nm);
		if (k < 0)
			continue;
		SynthFuncPart *p = &part[x->index];
		if (p->pinned >= 0 && p->pinned != k && p->role != SYNTH_FUNC_MIXED) {
			SyStr why = {.alloc = &a->ctx->alloc};
			func_label(&why, d, x->index);
			sy_str_printf(&why, ": exported for two components, c%d and c%u (\"%s\")", p->pinned,
			              (uint32_t)k, x->name.str);
			if (!mixed(rar, p, &why))
				return sy_nomem(a->ctx);
		}
		if (p->pinned < 0)
			p->pinned = (int32_t)k;
	}
	/* 2. Owners, adapters and mixed functions by what they touch. */
	for (uint32_t f = 0; f < nf; f++) {
		SynthFuncPart *p = &part[f];
		if (p->role == SYNTH_FUNC_MIXED)
			continue;
		const uint64_t *dir = set_at(a, a->direct, f);
		uint32_t n = set_count(a, dir);
		SyStr why = {.alloc = &a->ctx->alloc};
		if (n == 1) {
			own[f] = set_first(a, dir);
			if (p->pinned >= 0 && p->pinned != own[f]) {
				func_label(&why, d, f);
				sy_str_printf(&why, ": exported as component c%d's but touches memory %d (c%d)", p->pinned,
				              own[f], own[f]);
				if (!mixed(rar, p, &why))
				return sy_nomem(a->ctx);
			}
		} else if (n == 2) {
			int32_t x = set_first(a, dir), y = -1;
			for (uint32_t k = (uint32_t)x + 1; k < nm; k++)
				if (set_has(dir, k))
					y = (int32_t)k;
			const uint64_t *rd = set_at(a, a->rd, f), *wr = set_at(a, a->wr, f);
			bool copies = a->cross_copy[f] || (set_has(rd, (uint32_t)x) && set_has(wr, (uint32_t)y)) ||
			              (set_has(rd, (uint32_t)y) && set_has(wr, (uint32_t)x));
			if (copies && !a->owner_op[f]) {
				p->role = SYNTH_FUNC_ADAPTER;
				p->component = x, p->peer = y;
			} else {
				func_label(&why, d, f);
				sy_str_printf(&why, ": touches ");
				mem_list(&why, a, dir);
				sy_str_printf(&why, " and %s", a->owner_op[f] ? "grows, fills or initializes one of them"
				                                              : "does not copy from one to the other");
				sy_str_printf(&why, "; only an adapter may touch two components' memories");
				if (!mixed(rar, p, &why))
				return sy_nomem(a->ctx);
			}
		} else if (n > 2) {
			func_label(&why, d, f);
			sy_str_printf(&why, ": touches ");
			mem_list(&why, a, dir);
			sy_str_printf(&why, "; an adapter touches exactly two components' memories");
			if (!mixed(rar, p, &why))
				return sy_nomem(a->ctx);
		} else if (p->pinned >= 0) {
			own[f] = p->pinned;
		}
	}
	/* 3. Functions touching nothing: the components of their callees
	 * (adapters cross, mixed functions say nothing), to a fixed point. */
	for (uint32_t f = 0; f < nf; f++)
		if (own[f] >= 0 && part[f].role != SYNTH_FUNC_MIXED)
			set_add(set_at(a, a->comps, f), (uint32_t)own[f]);
	TRY(propagate(a, a->comps, own, part));
	for (uint32_t f = 0; f < nf; f++) {
		SynthFuncPart *p = &part[f];
		if (p->role != SYNTH_FUNC_SHARED)
			continue;
		const uint64_t *cs = set_at(a, a->comps, f);
		if (own[f] >= 0 || set_count(a, cs) == 1) {
			p->role = SYNTH_FUNC_COMPONENT;
			p->component = own[f] >= 0 ? own[f] : set_first(a, cs);
		}
	}
	/* 4. Reach: the memories of everything a function may call. */
	for (uint32_t f = 0; f < nf; f++)
		set_or(a, set_at(a, a->reach, f), set_at(a, a->direct, f));
	TRY(propagate(a, a->reach, NULL, NULL));
	/* 5. Adapters: the caller is the side they are called from, also
	 * through shared functions (which run in their callers' domains). */
	TRY(runners(a, c));
	uint64_t *callers = sy_arena_array(a->ar, a->w, sizeof *callers);
	if (!callers)
		return sy_nomem(a->ctx);
	for (uint32_t f = 0; f < nf; f++) {
		SynthFuncPart *p = &part[f];
		if (p->role != SYNTH_FUNC_ADAPTER)
			continue;
		memset(callers, 0, a->w * sizeof *callers);
		for (uint32_t i = a->rstart[f]; i < a->rstart[f + 1]; i++) {
			const SynthFuncPart *q = &part[a->rfrom[i]];
			if (q->role == SYNTH_FUNC_COMPONENT)
				set_add(callers, (uint32_t)q->component);
			for (uint32_t r = 0; q->role == SYNTH_FUNC_SHARED && r < q->nrunners; r++)
				if (part[q->runners[r]].role == SYNTH_FUNC_COMPONENT)
					set_add(callers, (uint32_t)part[q->runners[r]].component);
		}
		uint32_t x = (uint32_t)p->component, y = (uint32_t)p->peer;
		bool foreign = false;
		for (uint32_t k = 0; k < nm; k++)
			foreign |= set_has(callers, k) && k != x && k != y;
		if (foreign) {
			SyStr why = {.alloc = &a->ctx->alloc};
			func_label(&why, d, f);
			sy_str_printf(&why, ": copies between memory %u (c%u) and memory %u (c%u) but is called from", x, x, y, y);
			for (uint32_t k = 0; k < nm; k++)
				if (set_has(callers, k) && k != x && k != y)
					sy_str_printf(&why, " c%u", k);
			if (!mixed(rar, p, &why))
				return sy_nomem(a->ctx);
			continue;
		}
		bool hx = set_has(callers, x), hy = set_has(callers, y);
		if (hx != hy) {
			p->directed = true;
			if (hy)
				p->component = (int32_t)y, p->peer = (int32_t)x;
		} else if (!hx && p->pinned >= 0 && ((uint32_t)p->pinned == x || (uint32_t)p->pinned == y)) {
			p->directed = true;
			p->component = p->pinned;
			p->peer = (int32_t)((uint32_t)p->pinned == x ? y : x);
		}
		comp[p->component].nadapters++;
	}
	/* Globals: whose functions set them. */
	int32_t *gc = sy_arena_array(rar, d->nglobals + 1, sizeof *gc);
	if (!gc)
		return sy_nomem(a->ctx);
	for (uint32_t g = 0; g < d->nglobals; g++)
		gc[g] = -1;
	for (uint32_t i = 0; i < a->ngsets; i++) {
		const SynthFuncPart *p = &part[a->gsetf[i]];
		int32_t k = p->role == SYNTH_FUNC_COMPONENT ? p->component : -2;
		int32_t *cur = &gc[a->gsetg[i]];
		*cur = *cur == -1 ? k : *cur == k ? k : -2;
	}
	c->nglobals = d->nglobals;
	c->global_component = gc;
	/* Crossing calls, direct and through call_indirect, by callee then
	 * caller, each pair once. */
	uint32_t nx = 0;
	for (uint32_t e = 0; e < a->nedges; e++)
		nx += synth_call_crosses(c, a->efrom[e], a->eto[e]);
	SynthCrossing *xs = sy_arena_array(rar, nx ? nx : 1, sizeof *xs);
	if (!xs)
		return sy_nomem(a->ctx);
	uint32_t nxs = 0;
	for (uint32_t e = 0; e < a->nedges; e++)
		if (synth_call_crosses(c, a->efrom[e], a->eto[e]))
			xs[nxs++] = (SynthCrossing){a->efrom[e], a->eto[e], e < a->ndirect_edges, e >= a->ndirect_edges};
	qsort(xs, nxs, sizeof *xs, crossing_cmp);
	uint32_t nu = 0;
	for (uint32_t i = 0; i < nxs; i++)
		if (!nu || xs[nu - 1].caller != xs[i].caller || xs[nu - 1].callee != xs[i].callee)
			xs[nu++] = xs[i];
		else
			xs[nu - 1].direct |= xs[i].direct, xs[nu - 1].indirect |= xs[i].indirect;
	nxs = nu;
	c->crossings = xs, c->ncrossings = nxs;
	/* The result's lists and counts. */
	SyStr err = {.alloc = &a->ctx->alloc};
	for (uint32_t f = 0; f < nf; f++) {
		SynthFuncPart *p = &part[f];
		p->direct = to_list(a, rar, set_at(a, a->direct, f), &p->ndirect);
		p->reach = to_list(a, rar, set_at(a, a->reach, f), &p->nreach);
		if (!p->direct || !p->reach) {
			sy_str_free(&err);
			return sy_nomem(a->ctx);
		}
		if (p->role == SYNTH_FUNC_COMPONENT)
			comp[p->component].nfuncs++;
		if (p->role == SYNTH_FUNC_MIXED) {
			sy_str_printf(&err, "%s%s", c->nmixed ? "\n" : "", p->why);
			c->nmixed++;
		}
	}
	c->partitionable = c->nmixed == 0;
	char *e = sy_arena_alloc(rar, err.n + 1);
	if (!e || err.oom) {
		sy_str_free(&err);
		return sy_nomem(a->ctx);
	}
	if (err.s)
		memcpy(e, err.s, err.n + 1);
	sy_str_free(&err);
	c->error = e;
	return state_owners(a, im);
}

SynthStatus synth_module_components(SynthContext *ctx, const SynthModule *mod, SynthComponents **out)
{
	*out = NULL;
	synth_context_clear(ctx);
	if (!mod->validated)
		return sy_error(ctx, SYNTH_ERR_ARGUMENT, 0, -1, "the module must be validated before its components are derived");
	const SynthModuleDesc *d = synth_module_desc(mod);
	CompsImpl *im = sy_malloc(&ctx->alloc, sizeof *im);
	if (!im)
		return sy_nomem(ctx);
	memset(im, 0, sizeof *im);
	im->alloc = ctx->alloc;
	sy_arena_init(&im->ar, &im->alloc);
	SyArena scratch;
	sy_arena_init(&scratch, &ctx->alloc);
	An a = {.ctx = ctx, .d = d, .ar = &scratch, .nm = d->nmems, .w = (d->nmems + 63) / 64};
	if (!a.w)
		a.w = 1;
	size_t nsets = (size_t)(d->nfuncs ? d->nfuncs : 1) * a.w;
	a.direct = sy_arena_array(&scratch, nsets, sizeof(uint64_t));
	a.rd = sy_arena_array(&scratch, nsets, sizeof(uint64_t));
	a.wr = sy_arena_array(&scratch, nsets, sizeof(uint64_t));
	a.reach = sy_arena_array(&scratch, nsets, sizeof(uint64_t));
	a.comps = sy_arena_array(&scratch, nsets, sizeof(uint64_t));
	a.owner_op = sy_arena_array(&scratch, d->nfuncs + 1, sizeof(bool));
	a.cross_copy = sy_arena_array(&scratch, d->nfuncs + 1, sizeof(bool));
	a.referenced = sy_arena_array(&scratch, d->nfuncs + 1, sizeof(bool));
	SynthStatus st;
	if (!a.direct || !a.rd || !a.wr || !a.reach || !a.comps || !a.owner_op || !a.cross_copy || !a.referenced)
		st = sy_nomem(ctx);
	else
		st = analyse(&a, im);
	sy_arena_free(&scratch);
	if (st != SYNTH_OK) {
		synth_components_free(&im->pub);
		return st;
	}
	*out = &im->pub;
	if (!im->pub.partitionable) {
		const SynthFuncPart *p = NULL;
		uint32_t f = 0;
		for (; f < im->pub.nfuncs && !p; f++)
			if (im->pub.funcs[f].role == SYNTH_FUNC_MIXED)
				p = &im->pub.funcs[f];
		return sy_error(ctx, SYNTH_ERR_UNSUPPORTED, 0, (int64_t)f - 1,
		                "the module cannot be partitioned into components: %s%s", p->why,
		                im->pub.nmixed > 1 ? " (and more)" : "");
	}
	return SYNTH_OK;
}

/* The domain a function runs in: its component's, an adapter's pair, or
 * none (shared: its caller's, known at run time only). A call crosses when
 * caller and callee run in different domains, an adapter's call back into
 * its caller's component included (its allocator then runs with that
 * component's regions only, not the adapter's two); a call from a shared
 * function into a component's or adapter's function goes through the gate
 * too, which the runtime turns into a plain call when the domain running
 * the shared function is already the callee's. */
bool synth_call_crosses(const SynthComponents *c, uint32_t f, uint32_t g)
{
	if (!c || f >= c->nfuncs || g >= c->nfuncs)
		return false;
	const SynthFuncPart *pf = &c->funcs[f], *pg = &c->funcs[g];
	if (pf->role == SYNTH_FUNC_MIXED || pg->role == SYNTH_FUNC_SHARED || pg->role == SYNTH_FUNC_MIXED)
		return false;
	if (pf->role == SYNTH_FUNC_SHARED)
		return true;
	return pf->role != pg->role || pf->component != pg->component || pf->peer != pg->peer;
}
