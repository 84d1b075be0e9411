/* decode.c - the WebAssembly binary format decoder.
 *
 * Format (WebAssembly 2.0 core, section 5): the magic "\0asm", version 1,
 * then sections `id:u8 size:u32 contents` in the order type, import,
 * function, table, memory, global, export, start, element, data count,
 * code, data, with custom sections (id 0: name then payload) anywhere.
 * Integers are LEB128, at most ceil(N/7) bytes for an N-bit integer, the
 * unused bits of the last byte zero (unsigned) or a sign extension (signed).
 * Memory limits may carry the custom-page-sizes flag 0x08, followed after
 * the limits by the page size as a log2 (0 or 16).
 *
 * Reading follows the reference interpreter so that errors are the ones the
 * spec tests expect: a length is checked against the end of the binary,
 * a section's size only after its contents are read. Function bodies are
 * located here (offset and size) and decoded instruction by instruction by
 * the validator, in one pass. Constant expressions are decoded (through
 * the shared operator reader, opreader.h) and checked here, since they need
 * only what precedes them. */
#include <string.h>

#include "internal.h"
#include "opcodes.h"
#include "opreader.h"

/* An import's type, kept until the index spaces are allocated. */
typedef struct ImportTmp {
	uint32_t typeidx;  /* function import */
	SynthTable table;  /* table import */
	SynthMemory mem;   /* memory import */
	SynthGlobal global;/* global import */
} ImportTmp;

typedef struct Dec {
	SyReader r;            /* position in the binary */
	SynthModule *mod;      /* module being built */
	SynthModuleDesc *d;    /* its description */
	SyArena *ar;           /* its arena */
	uint32_t nfuncdecls;   /* entries of the function section */
	uint32_t *funcdecls;   /* their type indices */
	bool has_funcsec;      /* a function section was seen */
	bool has_codesec;      /* a code section was seen */
	uint32_t ncodes;       /* entries of the code section */
	ImportTmp *imps;       /* decoded imports, one per import */
	uint32_t nimp[4];      /* imports per external kind */
	bool built[4];         /* index space of each kind allocated */
} Dec;

#define TRY(x) do { SynthStatus st_ = (x); if (st_ != SYNTH_OK) return st_; } while (0)

SynthStatus sy_malformed(SyReader *r, uint64_t off, const char *msg)
{
	return sy_error(r->ctx, SYNTH_ERR_MALFORMED, off, r->funcidx, "%s", msg);
}

SynthStatus sy_read_uleb_slow(SyReader *r, unsigned bits, uint64_t *out)
{
	uint64_t v = 0;
	unsigned shift = 0;
	int n = (int)bits;
	for (;;) {
		if (n <= 0)
			return sy_malformed(r, sy_pos(r), "integer representation too long");
		if (r->p >= r->end)
			return sy_malformed(r, sy_pos(r), "unexpected end of section or function");
		uint8_t b = *r->p++;
		if (n < 7 && (b & 0x7f) >= (1u << n))
			return sy_malformed(r, sy_pos(r) - 1, "integer too large");
		v |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80))
			break;
		shift += 7;
		n -= 7;
	}
	*out = v;
	return SYNTH_OK;
}

SynthStatus sy_read_sleb_slow(SyReader *r, unsigned bits, int64_t *out)
{
	uint64_t v = 0;
	unsigned shift = 0;
	int n = (int)bits;
	for (;;) {
		if (n <= 0)
			return sy_malformed(r, sy_pos(r), "integer representation too long");
		if (r->p >= r->end)
			return sy_malformed(r, sy_pos(r), "unexpected end of section or function");
		uint8_t b = *r->p++;
		if (n < 7) {
			uint8_t mask = (uint8_t)((0xffu << (n - 1)) & 0x7f);
			if ((b & mask) != 0 && (b & mask) != mask)
				return sy_malformed(r, sy_pos(r) - 1, "integer too large");
		}
		v |= (uint64_t)(b & 0x7f) << shift;
		shift += 7;
		if (!(b & 0x80)) {
			if (shift < 64 && (b & 0x40))
				v |= ~(uint64_t)0 << shift;
			break;
		}
		n -= 7;
	}
	*out = (int64_t)v;
	return SYNTH_OK;
}

SynthStatus sy_len(SyReader *r, uint32_t *out)
{
	uint64_t at = sy_pos(r);
	TRY(sy_u32(r, out));
	if (*out > (uint64_t)(r->end - r->p))
		return sy_malformed(r, at, "length out of bounds");
	return SYNTH_OK;
}

/* Reads a vector length. Like the reference interpreter, a count larger
 * than what follows is only noticed when the elements run out ("unexpected
 * end"), so arrays are sized with vec_array. */
static SynthStatus read_vec_len(Dec *dc, uint32_t *n) { return sy_u32(&dc->r, n); }

/* Allocates room for a vector of n elements of elsize bytes. Every element
 * takes at least one byte of the binary, so no more than the bytes left can
 * ever be read: a huge count in a tiny module allocates little. */
static void *vec_array(Dec *dc, uint32_t n, size_t elsize)
{
	size_t left = (size_t)(dc->r.end - dc->r.p);
	size_t cap = n < left ? n : left;
	return sy_arena_array(dc->ar, cap ? cap : 1, elsize);
}

static SynthStatus nomem(Dec *dc) { return sy_nomem(dc->r.ctx); }

/* Reads a name: length, UTF-8 bytes; stores a NUL-terminated copy. */
static SynthStatus read_name(Dec *dc, SynthName *out)
{
	uint32_t n;
	TRY(sy_len(&dc->r, &n));
	if (!sy_utf8_valid(dc->r.p, n))
		return sy_malformed(&dc->r, sy_pos(&dc->r), "malformed UTF-8 encoding");
	char *s = sy_arena_alloc(dc->ar, (size_t)n + 1);
	if (!s)
		return nomem(dc);
	memcpy(s, dc->r.p, n);
	s[n] = 0;
	dc->r.p += n;
	out->str = s;
	out->len = n;
	return SYNTH_OK;
}

static bool is_valtype(int64_t v, const SynthFeatures *f)
{
	switch (v) {
	case -0x01: case -0x02: case -0x03: case -0x04: case -0x10: case -0x11:
		return true;
	case -0x05:
		return f->simd;
	}
	return false;
}

/* Reads a value type (an s7, like the reference interpreter). */
static SynthStatus read_valtype(Dec *dc, uint8_t *out)
{
	uint64_t at = sy_pos(&dc->r);
	int64_t v;
	TRY(sy_sleb(&dc->r, 7, &v));
	if (!is_valtype(v, &dc->mod->features)) {
		if (v == -0x05)
			return sy_error(dc->r.ctx, SYNTH_ERR_UNSUPPORTED, at, -1,
			                "malformed value type: v128 needs the SIMD feature");
		return sy_malformed(&dc->r, at, "malformed value type");
	}
	*out = (uint8_t)(v & 0x7f);
	return SYNTH_OK;
}

static SynthStatus read_reftype(Dec *dc, uint8_t *out)
{
	uint64_t at = sy_pos(&dc->r);
	int64_t v;
	TRY(sy_sleb(&dc->r, 7, &v));
	if (v != -0x10 && v != -0x11)
		return sy_malformed(&dc->r, at, "malformed reference type");
	*out = (uint8_t)(v & 0x7f);
	return SYNTH_OK;
}

/* Limits of a table (is_mem false) or a memory. */
static SynthStatus read_limits(Dec *dc, bool is_mem, SynthLimits *lim, uint32_t *page_log2)
{
	uint64_t at = sy_pos(&dc->r);
	uint8_t byte;
	TRY(sy_u8(&dc->r, &byte));
	/* The flags are read like the reference interpreter's one-bit LEB:
	 * bad bits first ("integer too large"), then a continuation bit. */
	uint8_t flags = byte & 0x7f;
	uint8_t allowed = 0x01;
	if (is_mem && dc->mod->features.custom_page_sizes)
		allowed |= 0x08;
	if (!(flags & ~allowed) && (byte & 0x80))
		return sy_malformed(&dc->r, at + 1, "integer representation too long");
	if (flags & ~allowed) {
		const char *why = "";
		if (is_mem && (flags & 0x02))
			why = " (shared memory: the threads proposal is not supported)";
		else if (is_mem && (flags & 0x04))
			why = " (64-bit memory: the memory64 proposal is not supported)";
		else if (is_mem && (flags & 0x08))
			why = " (custom page size: the custom-page-sizes feature is off)";
		return sy_error(dc->r.ctx, SYNTH_ERR_MALFORMED, at, -1, "integer too large%s", why);
	}
	uint32_t v;
	TRY(sy_u32(&dc->r, &v));
	lim->min = v;
	lim->has_max = flags & 1;
	lim->max = 0;
	if (lim->has_max) {
		TRY(sy_u32(&dc->r, &v));
		lim->max = v;
	}
	if (page_log2) {
		*page_log2 = 16;
		if (flags & 0x08) {
			uint64_t pat = sy_pos(&dc->r);
			TRY(sy_u32(&dc->r, &v));
			if (v != 0 && v != 16)
				return sy_error(dc->r.ctx, SYNTH_ERR_INVALID, pat, -1,
				                "invalid custom page size: 2^%u bytes (only 1 and 65536 are allowed)", v);
			*page_log2 = v;
		}
	}
	return SYNTH_OK;
}

static SynthStatus read_mut(Dec *dc, bool *mut)
{
	uint8_t b;
	TRY(sy_u8(&dc->r, &b));
	if (b > 1)
		return sy_malformed(&dc->r, sy_pos(&dc->r) - 1, "malformed mutability");
	*mut = b;
	return SYNTH_OK;
}

static SynthStatus type_mismatch(Dec *dc, uint64_t at)
{
	return sy_error(dc->r.ctx, SYNTH_ERR_INVALID, at, -1, "type mismatch");
}

static void declare_func(SynthModule *mod, uint32_t funcidx)
{
	if (funcidx < mod->desc.nfuncs)
		mod->declared_funcs[funcidx >> 3] |= (uint8_t)(1u << (funcidx & 7));
}

/* Reads and checks a constant expression of type want. Only the globals
 * imported so far (C' of the spec) and all functions are visible. Each
 * operator is read whole by the shared reader (sy_op_next), so its
 * encoding errors are the ones a function body gets; then anything but
 * the eight constant operators and end is refused. */
static SynthStatus read_const_expr(Dec *dc, uint8_t want, SynthConstExpr *out)
{
	SyReader *r = &dc->r;
	const SynthModuleDesc *d = dc->d;
	unsigned flags = sy_op_flags(&dc->mod->features);
	out->offset = (uint32_t)sy_pos(r);
	uint32_t n = 0;
	uint8_t type = 0;
	for (;;) {
		SyOp op;
		TRY(sy_op_next(r, flags, &op));
		if (op.kind == OPK_END)
			break;
		SynthConstExpr e = {.offset = (uint32_t)op.at};
		switch (op.kind) {
		case OPK_I32_CONST:
			e.kind = SYNTH_CONST_I32, e.bits = (uint32_t)op.imm, type = T_I32;
			break;
		case OPK_I64_CONST:
			e.kind = SYNTH_CONST_I64, e.bits = (uint64_t)op.imm, type = T_I64;
			break;
		case OPK_F32_CONST:
			e.kind = SYNTH_CONST_F32, e.bits = op.bits, type = T_F32;
			break;
		case OPK_F64_CONST:
			e.kind = SYNTH_CONST_F64, e.bits = op.bits, type = T_F64;
			break;
		case OPK_REF_NULL:
			e.kind = SYNTH_CONST_REF_NULL, e.bits = op.x, type = (uint8_t)op.x;
			break;
		case OPK_REF_FUNC:
			if (op.x >= d->nfuncs)
				return sy_error(r->ctx, SYNTH_ERR_INVALID, op.at, -1, "unknown function %u", op.x);
			declare_func(dc->mod, op.x);
			e.kind = SYNTH_CONST_REF_FUNC, e.bits = op.x, type = T_FUNCREF;
			break;
		case OPK_GLOBAL_GET:
			if (op.x >= d->nglobals_imported)
				return sy_error(r->ctx, SYNTH_ERR_INVALID, op.at, -1, "unknown global %u", op.x);
			if (d->globals[op.x].is_mutable)
				return sy_error(r->ctx, SYNTH_ERR_INVALID, op.at, -1, "constant expression required");
			e.kind = SYNTH_CONST_GLOBAL_GET, e.bits = op.x, type = d->globals[op.x].type;
			break;
		case OPK_VCONST:
			if (!dc->mod->features.simd)
				return sy_error(r->ctx, SYNTH_ERR_INVALID, op.at, -1, "constant expression required");
			e.kind = SYNTH_CONST_V128, type = T_V128;
			for (unsigned i = 0; i < 8; i++) {
				e.bits |= (uint64_t)op.vec[i] << (8 * i);
				e.bits_hi |= (uint64_t)op.vec[8 + i] << (8 * i);
			}
			break;
		default:
			return sy_error(r->ctx, SYNTH_ERR_INVALID, op.at, -1, "constant expression required");
		}
		if (n++ == 0) {
			uint32_t off = out->offset;
			*out = e;
			out->offset = off;
		}
	}
	if (n != 1 || type != want)
		return type_mismatch(dc, out->offset);
	return SYNTH_OK;
}

/* ---- sections ---- */

static SynthStatus sec_type(Dec *dc)
{
	SynthModuleDesc *d = dc->d;
	TRY(read_vec_len(dc, &d->ntypes));
	d->types = vec_array(dc, d->ntypes, sizeof *d->types);
	if (!d->types)
		return nomem(dc);
	for (uint32_t i = 0; i < d->ntypes; i++) {
		uint64_t at = sy_pos(&dc->r);
		int64_t form;
		TRY(sy_sleb(&dc->r, 7, &form));
		if (form != -0x20)
			return sy_malformed(&dc->r, at, "malformed function type");
		SynthFuncType *t = &d->types[i];
		for (int k = 0; k < 2; k++) {
			uint32_t n;
			TRY(read_vec_len(dc, &n));
			uint8_t *v = vec_array(dc, n, 1);
			if (!v)
				return nomem(dc);
			for (uint32_t j = 0; j < n; j++)
				TRY(read_valtype(dc, &v[j]));
			if (k == 0)
				t->nparams = n, t->params = v;
			else
				t->nresults = n, t->results = v;
		}
	}
	return SYNTH_OK;
}

static SynthStatus sec_import(Dec *dc)
{
	SynthModuleDesc *d = dc->d;
	TRY(read_vec_len(dc, &d->nimports));
	d->imports = vec_array(dc, d->nimports, sizeof *d->imports);
	dc->imps = vec_array(dc, d->nimports, sizeof *dc->imps);
	if (!d->imports || !dc->imps)
		return nomem(dc);
	for (uint32_t i = 0; i < d->nimports; i++) {
		SynthImport *im = &d->imports[i];
		ImportTmp *t = &dc->imps[i];
		TRY(read_name(dc, &im->module));
		TRY(read_name(dc, &im->name));
		uint8_t kind;
		TRY(sy_u8(&dc->r, &kind));
		switch (kind) {
		case SYNTH_EXTERN_FUNC:
			TRY(sy_u32(&dc->r, &t->typeidx));
			break;
		case SYNTH_EXTERN_TABLE:
			TRY(read_reftype(dc, &t->table.elemtype));
			TRY(read_limits(dc, false, &t->table.limits, NULL));
			t->table.imported = true;
			break;
		case SYNTH_EXTERN_MEMORY:
			TRY(read_limits(dc, true, &t->mem.limits, &t->mem.page_size_log2));
			t->mem.imported = true;
			break;
		case SYNTH_EXTERN_GLOBAL:
			TRY(read_valtype(dc, &t->global.type));
			TRY(read_mut(dc, &t->global.is_mutable));
			t->global.imported = true;
			break;
		default:
			return sy_malformed(&dc->r, sy_pos(&dc->r) - 1, "malformed import kind");
		}
		im->kind = (SynthExternKind)kind;
		im->index = dc->nimp[kind]++;
	}
	return SYNTH_OK;
}

/* Allocates the index space of one external kind: imports first, then
 * ndef definitions. */
static SynthStatus build_space(Dec *dc, SynthExternKind kind, uint32_t ndef)
{
	SynthModuleDesc *d = dc->d;
	uint32_t nimp = dc->nimp[kind];
	size_t left = (size_t)(dc->r.end - dc->r.p);
	if (ndef > left) {
		/* The definitions cannot all be there: read until they run out. */
		ndef = (uint32_t)left;
	}
	uint64_t total = (uint64_t)nimp + ndef;
	if (total > UINT32_MAX)
		return sy_malformed(&dc->r, sy_pos(&dc->r), "too many definitions");
	size_t elsize = kind == SYNTH_EXTERN_FUNC ? sizeof(SynthFunc)
	              : kind == SYNTH_EXTERN_TABLE ? sizeof(SynthTable)
	              : kind == SYNTH_EXTERN_MEMORY ? sizeof(SynthMemory) : sizeof(SynthGlobal);
	void *arr = sy_arena_array(dc->ar, (size_t)total, elsize);
	if (total && !arr)
		return nomem(dc);
	for (uint32_t i = 0, k = 0; i < d->nimports; i++) {
		if (d->imports[i].kind != kind)
			continue;
		const ImportTmp *t = &dc->imps[i];
		switch (kind) {
		case SYNTH_EXTERN_FUNC:
			((SynthFunc *)arr)[k].typeidx = t->typeidx;
			((SynthFunc *)arr)[k].imported = true;
			break;
		case SYNTH_EXTERN_TABLE: ((SynthTable *)arr)[k] = t->table; break;
		case SYNTH_EXTERN_MEMORY: ((SynthMemory *)arr)[k] = t->mem; break;
		case SYNTH_EXTERN_GLOBAL: ((SynthGlobal *)arr)[k] = t->global; break;
		}
		k++;
	}
	switch (kind) {
	case SYNTH_EXTERN_FUNC:
		d->funcs = arr, d->nfuncs = (uint32_t)total, d->nfuncs_imported = nimp;
		dc->mod->declared_funcs = sy_arena_alloc(dc->ar, (size_t)(total + 7) / 8);
		if (!dc->mod->declared_funcs)
			return nomem(dc);
		break;
	case SYNTH_EXTERN_TABLE:
		d->tables = arr, d->ntables = (uint32_t)total, d->ntables_imported = nimp;
		break;
	case SYNTH_EXTERN_MEMORY:
		d->mems = arr, d->nmems = (uint32_t)total, d->nmems_imported = nimp;
		break;
	case SYNTH_EXTERN_GLOBAL:
		d->globals = arr, d->nglobals = (uint32_t)total, d->nglobals_imported = nimp;
		break;
	}
	dc->built[kind] = true;
	return SYNTH_OK;
}

static SynthStatus sec_func(Dec *dc)
{
	TRY(read_vec_len(dc, &dc->nfuncdecls));
	dc->has_funcsec = true;
	TRY(build_space(dc, SYNTH_EXTERN_FUNC, dc->nfuncdecls));
	SynthFunc *f = dc->d->funcs + dc->d->nfuncs_imported;
	for (uint32_t i = 0; i < dc->nfuncdecls; i++)
		TRY(sy_u32(&dc->r, &f[i].typeidx));
	return SYNTH_OK;
}

static SynthStatus sec_table(Dec *dc)
{
	uint32_t n;
	TRY(read_vec_len(dc, &n));
	TRY(build_space(dc, SYNTH_EXTERN_TABLE, n));
	SynthTable *t = dc->d->tables + dc->d->ntables_imported;
	for (uint32_t i = 0; i < n; i++) {
		TRY(read_reftype(dc, &t[i].elemtype));
		TRY(read_limits(dc, false, &t[i].limits, NULL));
	}
	return SYNTH_OK;
}

static SynthStatus sec_memory(Dec *dc)
{
	uint32_t n;
	TRY(read_vec_len(dc, &n));
	TRY(build_space(dc, SYNTH_EXTERN_MEMORY, n));
	SynthMemory *m = dc->d->mems + dc->d->nmems_imported;
	for (uint32_t i = 0; i < n; i++)
		TRY(read_limits(dc, true, &m[i].limits, &m[i].page_size_log2));
	return SYNTH_OK;
}

static SynthStatus sec_global(Dec *dc)
{
	uint32_t n;
	TRY(read_vec_len(dc, &n));
	TRY(build_space(dc, SYNTH_EXTERN_GLOBAL, n));
	SynthModuleDesc *d = dc->d;
	for (uint32_t i = 0; i < n; i++) {
		SynthGlobal *g = &d->globals[d->nglobals_imported + i];
		TRY(read_valtype(dc, &g->type));
		TRY(read_mut(dc, &g->is_mutable));
		TRY(read_const_expr(dc, g->type, &g->init));
	}
	return SYNTH_OK;
}

static SynthStatus sec_export(Dec *dc)
{
	SynthModuleDesc *d = dc->d;
	TRY(read_vec_len(dc, &d->nexports));
	d->exports = vec_array(dc, d->nexports, sizeof *d->exports);
	if (!d->exports)
		return nomem(dc);
	for (uint32_t i = 0; i < d->nexports; i++) {
		SynthExport *e = &d->exports[i];
		TRY(read_name(dc, &e->name));
		uint8_t kind;
		TRY(sy_u8(&dc->r, &kind));
		if (kind > 3)
			return sy_malformed(&dc->r, sy_pos(&dc->r) - 1, "malformed export kind");
		e->kind = (SynthExternKind)kind;
		TRY(sy_u32(&dc->r, &e->index));
		if (kind == SYNTH_EXTERN_FUNC)
			declare_func(dc->mod, e->index);
	}
	return SYNTH_OK;
}

static SynthStatus sec_start(Dec *dc)
{
	dc->d->has_start = true;
	return sy_u32(&dc->r, &dc->d->start);
}

static SynthStatus sec_elem(Dec *dc)
{
	SynthModuleDesc *d = dc->d;
	TRY(read_vec_len(dc, &d->nelems));
	d->elems = vec_array(dc, d->nelems, sizeof *d->elems);
	if (!d->elems)
		return nomem(dc);
	for (uint32_t i = 0; i < d->nelems; i++) {
		SynthElem *e = &d->elems[i];
		uint64_t at = sy_pos(&dc->r);
		uint32_t flags;
		TRY(sy_u32(&dc->r, &flags));
		if (flags > 7)
			return sy_malformed(&dc->r, at, "malformed elements segment kind");
		/* bit 0: passive/declarative (else active); bit 1: explicit table
		 * index (active) or declarative (else passive); bit 2: items are
		 * expressions (else function indices). */
		e->reftype = T_FUNCREF;
		if (flags & 1)
			e->mode = (flags & 2) ? SYNTH_SEG_DECLARATIVE : SYNTH_SEG_PASSIVE;
		else
			e->mode = SYNTH_SEG_ACTIVE;
		if (!(flags & 1)) {
			if (flags & 2)
				TRY(sy_u32(&dc->r, &e->tableidx));
			TRY(read_const_expr(dc, T_I32, &e->offset));
		}
		bool exprs = flags & 4;
		if ((flags & 3) != 0) {
			if (exprs) {
				TRY(read_reftype(dc, &e->reftype));
			} else {
				uint8_t kind;
				TRY(sy_u8(&dc->r, &kind));
				if (kind != 0)
					return sy_malformed(&dc->r, sy_pos(&dc->r) - 1, "malformed element kind");
			}
		}
		TRY(read_vec_len(dc, &e->nitems));
		e->items = vec_array(dc, e->nitems, sizeof *e->items);
		if (!e->items)
			return nomem(dc);
		for (uint32_t k = 0; k < e->nitems; k++) {
			SynthConstExpr *it = &e->items[k];
			if (exprs) {
				TRY(read_const_expr(dc, e->reftype, it));
			} else {
				it->offset = (uint32_t)sy_pos(&dc->r);
				uint32_t fi;
				TRY(sy_u32(&dc->r, &fi));
				if (fi >= d->nfuncs)
					return sy_error(dc->r.ctx, SYNTH_ERR_INVALID, it->offset, -1,
					                "unknown function %u", fi);
				it->kind = SYNTH_CONST_REF_FUNC;
				it->bits = fi;
				declare_func(dc->mod, fi);
			}
		}
	}
	return SYNTH_OK;
}

static SynthStatus sec_datacount(Dec *dc)
{
	dc->d->has_datacount = true;
	return sy_u32(&dc->r, &dc->d->datacount);
}

static SynthStatus sec_code(Dec *dc)
{
	SynthModuleDesc *d = dc->d;
	dc->has_codesec = true;
	TRY(read_vec_len(dc, &dc->ncodes));
	/* A count that differs from the function section's is reported after
	 * the last section, as the reference interpreter does. */
	for (uint32_t i = 0; i < dc->ncodes; i++) {
		uint32_t size;
		TRY(sy_len(&dc->r, &size));
		if (i < dc->nfuncdecls) {
			SynthFunc *f = &d->funcs[d->nfuncs_imported + i];
			f->body_offset = (uint32_t)sy_pos(&dc->r);
			f->body_size = size;
		}
		dc->r.p += size;
	}
	return SYNTH_OK;
}

static SynthStatus sec_data(Dec *dc)
{
	SynthModuleDesc *d = dc->d;
	TRY(read_vec_len(dc, &d->ndatas));
	d->datas = vec_array(dc, d->ndatas, sizeof *d->datas);
	if (!d->datas)
		return nomem(dc);
	for (uint32_t i = 0; i < d->ndatas; i++) {
		SynthData *s = &d->datas[i];
		uint64_t at = sy_pos(&dc->r);
		uint32_t flags;
		TRY(sy_u32(&dc->r, &flags));
		if (flags > 2)
			return sy_malformed(&dc->r, at, "malformed data segment kind");
		s->mode = flags == 1 ? SYNTH_SEG_PASSIVE : SYNTH_SEG_ACTIVE;
		if (flags == 2)
			TRY(sy_u32(&dc->r, &s->memidx));
		if (flags != 1)
			TRY(read_const_expr(dc, T_I32, &s->offset));
		TRY(sy_u32(&dc->r, &s->size));
		if (s->size > (size_t)(dc->r.end - dc->r.p))
			return sy_malformed(&dc->r, (uint64_t)(dc->r.end - dc->r.base),
			                    "unexpected end of section or function");
		s->data_offset = (uint32_t)sy_pos(&dc->r);
		s->bytes = dc->r.p;
		dc->r.p += s->size;
	}
	return SYNTH_OK;
}

static SynthStatus sec_custom(Dec *dc, const uint8_t *sec_end)
{
	SynthModuleDesc *d = dc->d;
	SynthName name;
	TRY(read_name(dc, &name));
	if (dc->r.p > sec_end)
		return sy_malformed(&dc->r, sy_pos(&dc->r), "unexpected end of section or function");
	SynthCustom *c = sy_arena_array(dc->ar, (size_t)d->ncustoms + 1, sizeof *c);
	if (!c)
		return nomem(dc);
	if (d->ncustoms)
		memcpy(c, d->customs, d->ncustoms * sizeof *c);
	c[d->ncustoms].name = name;
	c[d->ncustoms].offset = (uint32_t)sy_pos(&dc->r);
	c[d->ncustoms].size = (uint32_t)(sec_end - dc->r.p);
	d->customs = c;
	d->ncustoms++;
	dc->r.p = sec_end;
	return SYNTH_OK;
}

/* The name section is only a help for diagnostics: a malformed one is
 * ignored, never an error (spec, custom sections). */
static void parse_names(SynthModule *mod, const SynthCustom *c)
{
	SynthModuleDesc *d = &mod->desc;
	SyReader r = {.base = d->bytes, .p = d->bytes + c->offset,
	              .end = d->bytes + c->offset + c->size, .ctx = mod->ctx, .funcidx = -1};
	SynthDiag saved = mod->ctx->diag;
	char savedmsg[sizeof mod->ctx->msg];
	memcpy(savedmsg, mod->ctx->msg, sizeof savedmsg);
	while (r.p < r.end) {
		uint8_t id;
		uint32_t size;
		if (sy_u8(&r, &id) || sy_u32(&r, &size) || size > (size_t)(r.end - r.p))
			break;
		const uint8_t *end = r.p + size;
		SyReader sub = r;
		sub.end = end;
		if (id == 0 || id == 1) {
			uint32_t n = id == 0 ? 1 : 0;
			if (id == 1 && sy_u32(&sub, &n))
				break;
			for (uint32_t i = 0; i < n; i++) {
				uint32_t idx = 0, len;
				if (id == 1 && sy_u32(&sub, &idx))
					break;
				if (sy_u32(&sub, &len) || len > (size_t)(sub.end - sub.p) ||
				    !sy_utf8_valid(sub.p, len))
					break;
				char *s = sy_arena_alloc(&mod->arena, (size_t)len + 1);
				if (!s)
					break;
				memcpy(s, sub.p, len);
				sub.p += len;
				SynthName nm = {s, len};
				if (id == 0)
					d->module_name = nm;
				else if (idx < d->nfuncs)
					d->funcs[idx].debug_name = nm;
			}
		}
		r.p = end;
	}
	mod->ctx->diag = saved;
	memcpy(mod->ctx->msg, savedmsg, sizeof savedmsg);
	mod->ctx->diag.message = mod->ctx->msg;
}

/* Order rank of each section id (0 = custom). */
static const uint8_t section_rank[13] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 10};

static SynthStatus decode_module(Dec *dc)
{
	SyReader *r = &dc->r;
	SynthModuleDesc *d = dc->d;
	if (r->end - r->p < 4)
		return sy_malformed(r, (uint64_t)(r->end - r->base), "unexpected end");
	if (memcmp(r->p, "\0asm", 4) != 0)
		return sy_malformed(r, 0, "magic header not detected");
	r->p += 4;
	if (r->end - r->p < 4)
		return sy_malformed(r, (uint64_t)(r->end - r->base), "unexpected end");
	if (memcmp(r->p, "\1\0\0\0", 4) != 0)
		return sy_malformed(r, 4, "unknown binary version");
	r->p += 4;

	unsigned last = 0;
	while (r->p < r->end) {
		uint64_t at = sy_pos(r);
		uint8_t id = *r->p;
		if (id > 12)
			return sy_malformed(r, at, "malformed section id");
		if (id != 0 && section_rank[id] <= last)
			return sy_malformed(r, at, "unexpected content after last section");
		r->p++;
		uint32_t size;
		TRY(sy_len(r, &size));
		const uint8_t *sec_end = r->p + size;
		if (id != 0) {
			last = section_rank[id];
			/* Index spaces of kinds whose section is absent get their imports. */
			static const uint8_t space_rank[4] = {3, 4, 5, 6};
			for (int k = 0; k < 4; k++)
				if (!dc->built[k] && space_rank[k] < last)
					TRY(build_space(dc, (SynthExternKind)k, 0));
		}
		SynthStatus st = SYNTH_OK;
		switch (id) {
		case 0: st = sec_custom(dc, sec_end); break;
		case 1: st = sec_type(dc); break;
		case 2: st = sec_import(dc); break;
		case 3: st = sec_func(dc); break;
		case 4: st = sec_table(dc); break;
		case 5: st = sec_memory(dc); break;
		case 6: st = sec_global(dc); break;
		case 7: st = sec_export(dc); break;
		case 8: st = sec_start(dc); break;
		case 9: st = sec_elem(dc); break;
		case 10: st = sec_code(dc); break;
		case 11: st = sec_data(dc); break;
		case 12: st = sec_datacount(dc); break;
		}
		if (st != SYNTH_OK)
			return st;
		if (r->p != sec_end)
			return sy_malformed(r, at, "section size mismatch");
	}
	for (int k = 0; k < 4; k++)
		if (!dc->built[k])
			TRY(build_space(dc, (SynthExternKind)k, 0));
	if (dc->nfuncdecls != dc->ncodes || (dc->nfuncdecls && !dc->has_codesec))
		return sy_malformed(r, sy_pos(r), "function and code section have inconsistent lengths");
	if (d->has_datacount && d->datacount != d->ndatas)
		return sy_malformed(r, sy_pos(r), "data count and data section have inconsistent lengths");
	/* Exports mark what they name (the index is checked by the validator). */
	for (uint32_t i = 0; i < d->nexports; i++) {
		const SynthExport *e = &d->exports[i];
		switch (e->kind) {
		case SYNTH_EXTERN_FUNC: if (e->index < d->nfuncs) d->funcs[e->index].exported = true; break;
		case SYNTH_EXTERN_TABLE: if (e->index < d->ntables) d->tables[e->index].exported = true; break;
		case SYNTH_EXTERN_MEMORY: if (e->index < d->nmems) d->mems[e->index].exported = true; break;
		case SYNTH_EXTERN_GLOBAL: if (e->index < d->nglobals) d->globals[e->index].exported = true; break;
		}
	}
	for (uint32_t i = 0; i < d->ncustoms; i++)
		if (d->customs[i].name.len == 4 && memcmp(d->customs[i].name.str, "name", 4) == 0)
			parse_names(dc->mod, &d->customs[i]);
	return SYNTH_OK;
}

SynthStatus synth_module_decode(SynthContext *ctx, const uint8_t *bytes, size_t size,
                                const SynthFeatures *features, SynthModule **out)
{
	*out = NULL;
	synth_context_clear(ctx);
	if (!bytes && size)
		return sy_error(ctx, SYNTH_ERR_ARGUMENT, 0, -1, "no bytes given");
	if (size > UINT32_MAX)
		return sy_error(ctx, SYNTH_ERR_UNSUPPORTED, 0, -1, "module larger than 4 GiB");
	SynthModule *mod = sy_malloc(&ctx->alloc, sizeof *mod);
	if (!mod)
		return sy_nomem(ctx);
	memset(mod, 0, sizeof *mod);
	mod->ctx = ctx;
	mod->features = features ? *features : synth_features_default();
	sy_arena_init(&mod->arena, &ctx->alloc);
	uint8_t *copy = sy_arena_alloc(&mod->arena, size);
	if (!copy) {
		synth_module_free(mod);
		return sy_nomem(ctx);
	}
	if (size)
		memcpy(copy, bytes, size);
	mod->desc.bytes = copy;
	mod->desc.size = size;
	Dec dc = {.r = {.base = copy, .p = copy, .end = copy + size, .ctx = ctx, .funcidx = -1},
	          .mod = mod, .d = &mod->desc, .ar = &mod->arena};
	SynthStatus st = decode_module(&dc);
	if (st != SYNTH_OK) {
		synth_module_free(mod);
		return st;
	}
	*out = mod;
	return SYNTH_OK;
}

void synth_module_free(SynthModule *mod)
{
	if (!mod)
		return;
	const SyAlloc *a = &mod->ctx->alloc;
	sy_arena_free(&mod->arena);
	sy_free(a, mod, sizeof *mod);
}

const SynthModuleDesc *synth_module_desc(const SynthModule *mod) { return &mod->desc; }

SynthStatus synth_module_load(SynthContext *ctx, const uint8_t *bytes, size_t size,
                              const SynthFeatures *features, SynthModule **out)
{
	SynthModule *mod;
	SynthStatus st = synth_module_decode(ctx, bytes, size, features, &mod);
	if (st != SYNTH_OK) {
		*out = NULL;
		return st;
	}
	st = synth_module_validate(ctx, mod);
	if (st != SYNTH_OK) {
		synth_module_free(mod);
		mod = NULL;
	}
	*out = mod;
	return st;
}
