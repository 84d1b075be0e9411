/* ir.c - building and printing the SSA IR of ir.h. */
#include <stdio.h>
#include <string.h>

#include "ir.h"

static const char *const op_names[] = {
#define X(n, k) #n,
	IR_OPS(X)
#undef X
};

IrType ir_type_of(uint8_t valtype)
{
	switch (valtype) {
	case SYNTH_I32: return IR_I32;
	case SYNTH_I64: return IR_I64;
	case SYNTH_F32: return IR_F32;
	case SYNTH_F64: return IR_F64;
	case SYNTH_FUNCREF: case SYNTH_EXTERNREF: return IR_I32;
	}
	return IR_NONE;
}

const char *ir_type_name(IrType t)
{
	static const char *const n[] = {"none", "i32", "i64", "f32", "f64"};
	return t <= IR_F64 ? n[t] : "?";
}

const char *ir_op_name(IrOp op) { return op < IR_NOPS ? op_names[op] : "?"; }

/* Grows *arr (of *cap elements of size el) to hold need elements. */

IrFunc *ir_func_new(SyArena *ar, const SynthModuleDesc *mod, uint32_t funcidx)
{
	IrFunc *f = sy_arena_alloc(ar, sizeof *f);
	if (!f)
		return NULL;
	f->ar = ar;
	f->mod = mod;
	f->funcidx = funcidx;
	f->type = &mod->types[mod->funcs[funcidx].typeidx];
	f->nvals = 1; /* value 0 is "none" */
	if (!sy_arena_grow(ar, (void **)&f->valtype, &f->capvals, 64, sizeof(IrType)))
		return NULL;
	f->repl = sy_arena_array(ar, f->capvals, sizeof(IrVal));
	f->def = sy_arena_array(ar, f->capvals, sizeof(IrDef));
	if (!f->repl || !f->def)
		return NULL;
	return f;
}

IrBlock *ir_block_new(IrFunc *f)
{
	if (!sy_arena_grow(f->ar, (void **)&f->blocks, &f->capblocks, f->nblocks + 1, sizeof(IrBlock *)))
		return NULL;
	IrBlock *b = sy_arena_alloc(f->ar, sizeof *b);
	if (!b)
		return NULL;
	b->id = f->nblocks;
	f->blocks[f->nblocks++] = b;
	return b;
}

bool ir_add_pred(IrFunc *f, IrBlock *b, IrBlock *pred)
{
	if (!sy_arena_grow(f->ar, (void **)&b->preds, &b->cappreds, b->npreds + 1, sizeof(IrBlock *)))
		return false;
	b->preds[b->npreds++] = pred;
	return true;
}

static IrVal new_val(IrFunc *f, IrType t)
{
	if (f->nvals == f->capvals) {
		uint32_t cap = f->capvals;
		IrVal *repl = f->repl;
		IrDef *def = f->def;
		IrType *valtype = f->valtype;
		if (!sy_arena_grow(f->ar, (void **)&f->valtype, &f->capvals, f->nvals + 1, sizeof(IrType)))
			return 0;
		f->repl = sy_arena_array(f->ar, f->capvals, sizeof(IrVal));
		f->def = sy_arena_array(f->ar, f->capvals, sizeof(IrDef));
		if (!f->repl || !f->def)
			return 0;
		memcpy(f->repl, repl, cap * sizeof(IrVal));
		memcpy(f->def, def, cap * sizeof(IrDef));
		/* the old tables go at once (no one keeps pointers into them
		 * across an append; a function of millions of values, such as a
		 * chain of ifs' placeholder phis, would hold them twice over) */
		sy_arena_release(f->ar, valtype, (size_t)cap * sizeof(IrType));
		sy_arena_release(f->ar, repl, (size_t)cap * sizeof(IrVal));
		sy_arena_release(f->ar, def, (size_t)cap * sizeof(IrDef));
	}
	f->valtype[f->nvals] = t;
	return f->nvals++;
}

IrVal ir_new_val(IrFunc *f, IrType t) { return new_val(f, t); }

IrIns *ir_emit(IrFunc *f, IrBlock *b, IrOp op, IrType type, uint32_t nargs, const IrVal *args)
{
	if (!sy_arena_grow(f->ar, (void **)&b->ins, &b->capins, b->nins + 1, sizeof(IrIns)))
		return NULL;
	IrIns *i = &b->ins[b->nins];
	memset(i, 0, sizeof *i);
	i->op = (uint8_t)op;
	i->type = (uint8_t)type;
	i->nargs = nargs;
	if (nargs > 3) {
		i->xargs = sy_arena_array(f->ar, nargs, sizeof(IrVal));
		if (!i->xargs)
			return NULL;
		i->xcap = nargs;
	}
	if (nargs)
		memcpy(ir_args(i), args, nargs * sizeof(IrVal));
	if (type != IR_NONE) {
		i->val = new_val(f, type);
		if (!i->val)
			return NULL;
		f->def[i->val].block = b;
	}
	b->nins++;
	return i;
}

IrIns *ir_phi(IrFunc *f, IrBlock *b, IrType type)
{
	if (!sy_arena_grow(f->ar, (void **)&b->phis, &b->capphis, b->nphis + 1, sizeof(IrIns *)))
		return NULL;
	/* Phis keep their arguments in xargs (mirrored in args while few). */
	uint32_t xcap = b->npreds > 4 ? b->npreds : 4;
	IrIns *i;
	if (f->nspare && f->spare[f->nspare - 1]->xcap >= xcap) {
		i = f->spare[--f->nspare];
		IrVal *xargs = i->xargs;
		xcap = i->xcap;
		memset(i, 0, sizeof *i);
		i->xargs = xargs;
	} else {
		i = sy_arena_alloc(f->ar, sizeof *i);
		if (!i)
			return NULL;
		i->xargs = sy_arena_array(f->ar, xcap, sizeof(IrVal));
	}
	i->op = IR_PHI;
	i->type = (uint8_t)type;
	i->xcap = xcap;
	i->val = new_val(f, type);
	if (!i->xargs || !i->val)
		return NULL;
	f->def[i->val].block = b;
	b->phis[b->nphis++] = i;
	return i;
}

void ir_phi_release(IrFunc *f, IrBlock *b, IrIns *phi)
{
	if (!b || !b->nphis || b->phis[b->nphis - 1] != phi || !phi->xargs)
		return;
	if (!sy_arena_grow(f->ar, (void **)&f->spare, &f->capspare, f->nspare + 1, sizeof *f->spare))
		return; /* then it just stays */
	b->nphis--;
	f->spare[f->nspare++] = phi;
}

bool ir_finish(IrFunc *f)
{
	for (uint32_t bi = 0; bi < f->nblocks; bi++) {
		IrBlock *b = f->blocks[bi];
		uint32_t live = 0;
		for (uint32_t k = 0; k < b->nphis; k++)
			live += !b->phis[k]->dead;
		if (live) {
			IrIns *ins = sy_arena_array(f->ar, (size_t)b->nins + live, sizeof *ins);
			if (!ins)
				return false;
			uint32_t n = 0;
			for (uint32_t k = 0; k < b->nphis; k++)
				if (!b->phis[k]->dead)
					ins[n++] = *b->phis[k];
			if (b->nins)
				memcpy(ins + n, b->ins, b->nins * sizeof *ins);
			b->ins = ins;
			b->nins += live;
			b->capins = b->nins;
		}
		b->nphis = 0;
		for (uint32_t k = 0; k < b->nins; k++) {
			IrIns *i = &b->ins[k];
			IrVal *a = ir_args(i);
			if (i->op == IR_PHI && i->nargs <= 3)
				a = i->args;
			for (uint32_t j = 0; j < i->nargs; j++)
				a[j] = ir_resolve(f, a[j]);
			if (i->val) {
				f->def[i->val].block = b;
				f->def[i->val].index = k;
			}
		}
	}
	return true;
}

bool ir_push_arg(IrFunc *f, IrIns *i, IrVal v)
{
	if (i->nargs <= 3 && !i->xargs) {
		if (i->nargs < 3) {
			i->args[i->nargs++] = v;
			return true;
		}
		i->xcap = 8;
		i->xargs = sy_arena_array(f->ar, 8, sizeof(IrVal));
		if (!i->xargs)
			return false;
		memcpy(i->xargs, i->args, 3 * sizeof(IrVal));
	}
	if (i->nargs == i->xcap) {
		IrVal *n = sy_arena_array(f->ar, (size_t)i->xcap * 2, sizeof(IrVal));
		if (!n)
			return false;
		memcpy(n, i->xargs, i->nargs * sizeof(IrVal));
		i->xargs = n;
		i->xcap *= 2;
	}
	i->xargs[i->nargs++] = v;
	/* From here on ir_args() must see xargs even for few arguments. */
	if (i->nargs <= 3)
		memcpy(i->args, i->xargs, i->nargs * sizeof(IrVal));
	return true;
}

IrVal ir_resolve_chain(IrFunc *f, IrVal v)
{
	IrVal r = v;
	while (f->repl[r])
		r = f->repl[r];
	while (f->repl[v] && f->repl[v] != r) {
		IrVal n = f->repl[v];
		f->repl[v] = r;
		v = n;
	}
	return r;
}

IrIns *ir_def_ins(IrFunc *f, IrVal v)
{
	IrBlock *b = f->def[v].block;
	if (!b)
		return NULL;
	for (uint32_t i = 0; i < b->nins; i++)
		if (b->ins[i].val == v)
			return &b->ins[i];
	return NULL;
}

/* ---- dump ---- */

#define sputf sy_str_printf

void ir_dump(IrFunc *f, SyStr *out)
{
	sputf(out, "func %u (", f->funcidx);
	for (uint32_t i = 0; i < f->type->nparams; i++)
		sputf(out, "%s%s", i ? " " : "", synth_valtype_name(f->type->params[i]));
	sputf(out, ") -> (");
	for (uint32_t i = 0; i < f->type->nresults; i++)
		sputf(out, "%s%s", i ? " " : "", synth_valtype_name(f->type->results[i]));
	sputf(out, ")\n");
	for (uint32_t bi = 0; bi < f->nblocks; bi++) {
		IrBlock *b = f->blocks[bi];
		sputf(out, "b%u:", b->id);
		if (b->npreds) {
			sputf(out, " ; preds");
			for (uint32_t p = 0; p < b->npreds; p++)
				sputf(out, " b%u", b->preds[p]->id);
		}
		sputf(out, "\n");
		for (uint32_t k = 0; k < b->nins; k++) {
			IrIns *i = &b->ins[k];
			if (i->dead)
				continue;
			sputf(out, "  ");
			if (i->val)
				sputf(out, "v%u:%s = ", i->val, ir_type_name((IrType)i->type));
			sputf(out, "%s", ir_op_name((IrOp)i->op));
			if (i->optype)
				sputf(out, ".%s", ir_type_name((IrType)i->optype));
			IrVal *a = ir_args(i);
			for (uint32_t j = 0; j < i->nargs; j++)
				sputf(out, "%s v%u", j ? "," : "", ir_resolve(f, a[j]));
			switch (i->op) {
			case IR_CONST: sputf(out, " 0x%llx", (unsigned long long)i->imm); break;
			case IR_PARAM: case IR_GLOBALGET: case IR_GLOBALSET: case IR_CALLRES:
				sputf(out, " #%llu", (unsigned long long)i->imm); break;
			case IR_CALL: sputf(out, " func %llu", (unsigned long long)i->imm); break;
			case IR_LOAD: case IR_STORE:
				sputf(out, " mem %u size %u%s offset %llu", i->aux >> 16, i->aux & 0xff,
				      (i->aux & IR_MEM_SIGNED) ? " signed" : "", (unsigned long long)i->imm);
				if (i->chk == IR_CHK_COVERED)
					sputf(out, " covered");
				else if (i->chk == IR_CHK_INBOUNDS)
					sputf(out, " inbounds");
				else if (i->chk == IR_CHK_MERGED)
					sputf(out, " check-end %u", i->chkend);
				else if (i->chk == IR_CHK_ABS)
					sputf(out, " abs");
				break;
			case IR_SHL: case IR_SHRS: case IR_SHRU:
				if (i->chk == IR_SHIFT_COUNT_OK && i->optype == IR_I32)
					sputf(out, " count-ok");
				break;
			case IR_MEMSIZE: case IR_MEMGROW: case IR_MEMFILL: case IR_MEMBASE:
				sputf(out, " mem %u", i->aux >> 16); break;
			case IR_MEMCOPY: sputf(out, " mem %u <- mem %u", i->aux >> 16, i->aux & 0xffff); break;
			case IR_TRAPIF: case IR_UNREACH:
				if (i->imm) sputf(out, " trap %llu", (unsigned long long)i->imm);
				break;
			}
			if (i->op == IR_BR || i->op == IR_BRIF || i->op == IR_BRTABLE) {
				sputf(out, " ->");
				for (uint32_t j = 0; j < b->nsuccs; j++)
					sputf(out, " b%u", b->succs[j]->id);
			}
			sputf(out, "\n");
		}
	}
}
