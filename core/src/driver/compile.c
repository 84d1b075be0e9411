/* compile.c - the compiler pipeline, readable in one function per stage:
 *   for each defined function: lower (SSA IR) -> optimize (the pass list
 *   of ir/opt.c) -> isel (Thumb-2 over virtual registers) -> rega
 *   (linear-scan allocation) -> emit (encode, relax branches); then the
 *   object (ELF32 with symbols, relocations, memory sections and the state
 *   section, core/ABI.md) and the C header. */
#include <string.h>

#include <stdio.h>
#include <stdlib.h>

#include "arm/emit.h"
#include "arm/listing.h"
#include "obj/elf.h"
#include "obj/symbols.h"
#include "internal.h"
#include "synth/plan.h"
#include "ir/ir.h"
#include "ir/opt.h"
#include "arm/mir.h"

static const struct {
	const char *name;
	SynthTarget t;
} targets[] = {
	{"cortex-m3", SYNTH_TARGET_CORTEX_M3},   {"cortex-m4", SYNTH_TARGET_CORTEX_M4},
	{"cortex-m4f", SYNTH_TARGET_CORTEX_M4F}, {"cortex-m7", SYNTH_TARGET_CORTEX_M7},
	{"cortex-m7dp", SYNTH_TARGET_CORTEX_M7DP}, {"cortex-m33", SYNTH_TARGET_CORTEX_M33},
};

bool synth_target_parse(const char *name, SynthTarget *out)
{
	for (size_t i = 0; i < sizeof targets / sizeof targets[0]; i++)
		if (!strcmp(name, targets[i].name)) {
			*out = targets[i].t;
			return true;
		}
	return false;
}

const char *synth_target_name(SynthTarget t)
{
	for (size_t i = 0; i < sizeof targets / sizeof targets[0]; i++)
		if (targets[i].t == t)
			return targets[i].name;
	return "?";
}

void synth_output_free(SynthContext *ctx, SynthOutput *out)
{
	sy_free(&ctx->alloc, out->object, out->object_size);
	sy_str_free_text(&ctx->alloc, out->ir);
	sy_str_free_text(&ctx->alloc, out->listing);
	sy_str_free_text(&ctx->alloc, out->header);
	sy_str_free_text(&ctx->alloc, out->requests);
	memset(out, 0, sizeof *out);
}

/* Appends a name for a C comment: printable ASCII, the rest as \xHH, and
 * no comment terminator. */
static void comment_name(SyStr *h, const SynthName *name)
{
	for (uint32_t i = 0; i < name->len; i++) {
		unsigned char c = (unsigned char)name->str[i];
		if (c >= 0x20 && c < 0x7f && c != '\\' && !(c == '/' && i && name->str[i - 1] == '*'))
			sy_str_printf(h, "%c", c);
		else
			sy_str_printf(h, "\\x%02x", c);
	}
}

/* One state section: .synth_state.M, or in a fused module one per
 * component, .synth_state.M.c<k>, the host's .synth_state.M.host and the
 * read-only .synth_state.M. */
typedef struct StateSec {
	uint32_t image;         /* bytes with an initial value (M__init copies them) */
	uint32_t size;          /* whole section: a multiple of 32 */
	uint32_t image_at;      /* where its image starts in .rodata.M.state */
	int elf;                /* its ELF section, or 0 when it has none */
} StateSec;

/* Where each state item is (layout_state): its section and its offset
 * there. Section 0 is .synth_state.M (a fused module's: .synth_state.M.host,
 * what no function uses once M__init is done); in a fused module section
 * 1 + k is component k's, and the last one (STATE_RO) .synth_state.M, what
 * functions use but none writes once M__init is done (read-only to all). */
typedef struct StateLayout {
	uint32_t *global;       /* per global: offset, or STATE_NONE when read-only */
	uint32_t *memctl;       /* per memory: its control block (STATE_NONE: imported) */
	uint32_t *elemseg;      /* per element segment: its {items, count} */
	uint32_t *dataseg;      /* per data segment: its {bytes, count} */
	uint32_t *tablectl;     /* per table: its control block (STATE_NONE: imported) */
	uint32_t *table;        /* per table: its entries */
	uint32_t *table_res;    /* per table: entries reserved */
	uint32_t *gsec, *msec, *esec, *dsec, *tsec; /* the section of each of the above */
	uint32_t nsec;          /* 1, or 2 + components in a fused module */
	StateSec *sec;
	uint32_t image;         /* the whole image .rodata.M.state */
	uint32_t size;          /* all sections' bytes */
} StateLayout;

typedef struct Unit {
	SynthContext *ctx;
	const SynthModuleDesc *d;
	const SynthCompileOptions *opt;
	const char *M;
	SyArena ar;
	SyArena fa;             /* the function being compiled: its IR, freed after isel... */
	SyArena ma;             /* ...and its MIR and allocator tables, freed once emitted */
	MSymTab syms;
	IselModule im;
	ElfObj *elf;
	int text, rodata, sigsec;
	int stateimg;           /* the initial image of the state sections, .rodata.M.state */

	int *memsec;            /* NOBITS section per defined memory */
	StateLayout st;         /* offsets in .synth_state.M (layout_state) */
	bool state_bad;         /* an item fell outside the state image (a bug) */
	uint32_t *func_off;     /* .text offset per defined function */
	uint32_t *reserve;      /* bytes reserved per memory */
	uint32_t *mem_bits;     /* log2 of the reservation in mask mode */
	ArmRelocSites sites;    /* relocation sites of all code (offsets in .text after fixing) */
	SyStr listing;          /* --emit=asm: the final code (arm/listing.c) */
	uint32_t nlabel;        /* .L labels the listing has numbered */
	SyStr *mir;             /* --emit=mir: where allocated machine IR goes too */
	char *requests;         /* memory and state requests, JSON */
	SynthComponents *comps; /* the partition when the module follows meld's contract, else NULL */
	IrInline *inl;          /* the small functions calls to which are inlined (ir/inline.c) */
	MSymTab defs;           /* names of the symbols the object defines (hashed)... */
	int *defhandle;         /* ...and their ELF handles, by index in defs */
	uint32_t capdef;
	SynthStackCheck stack_check; /* opt->stack_check with the default resolved */
} Unit;

static unsigned target_feat(SynthTarget t)
{
	switch (t) {
	case SYNTH_TARGET_CORTEX_M4F: return ARM_FEAT_FP;
	case SYNTH_TARGET_CORTEX_M7: return ARM_FEAT_FP | ARM_FEAT_FPV5;
	case SYNTH_TARGET_CORTEX_M7DP: return ARM_FEAT_FP | ARM_FEAT_FP64 | ARM_FEAT_FPV5;
	case SYNTH_TARGET_CORTEX_M33: return ARM_FEAT_FP | ARM_FEAT_FPV5 | ARM_FEAT_V8M;
	default: return 0;
	}
}

static void target_attrs(SynthTarget t, ElfAttrs *at)
{
	memset(at, 0, sizeof *at);
	switch (t) {
	case SYNTH_TARGET_CORTEX_M3: at->arch = ELF_ARCH_V7M; break;
	case SYNTH_TARGET_CORTEX_M4: at->arch = ELF_ARCH_V7EM; break;
	case SYNTH_TARGET_CORTEX_M4F: at->arch = ELF_ARCH_V7EM, at->fpu = ELF_FPU_FPV4_SP_D16, at->hard = true; break;
	case SYNTH_TARGET_CORTEX_M7: at->arch = ELF_ARCH_V7EM, at->fpu = ELF_FPU_FPV5_SP_D16, at->hard = true; break;
	case SYNTH_TARGET_CORTEX_M7DP: at->arch = ELF_ARCH_V7EM, at->fpu = ELF_FPU_FPV5_D16, at->hard = true; break;
	case SYNTH_TARGET_CORTEX_M33: at->arch = ELF_ARCH_V8M_MAIN, at->dsp = true, at->fpu = ELF_FPU_FPV5_SP_D16, at->hard = true; break;
	}
}

/* Adds a defined symbol and remembers its handle by name. */
static void define_alias(Unit *u, const char *name, int h);

static int define(Unit *u, const char *name, int sec, uint32_t value, uint32_t size, int bind,
                  ElfSymKind kind)
{
	int h = elf_symbol(u->elf, name, sec, value, size, bind, kind);
	define_alias(u, name, h);
	return h;
}

/* Remembers name -> handle. */
static void define_alias(Unit *u, const char *name, int h)
{
	uint32_t n = u->defs.n, i = mir_sym(&u->defs, false, "%s", name);
	if (i == UINT32_MAX || i < n)
		return; /* out of memory, or defined before: the first handle stands */
	if (!sy_arena_grow(&u->ar, (void **)&u->defhandle, &u->capdef, i + 1, sizeof *u->defhandle))
		return;
	u->defhandle[i] = h;
}

static void *hook_realloc(void *ud, void *p, size_t o, size_t n)
{
	const SyAlloc *a = ud;
	return a->fn(a->ud, p, o, n);
}

/* Compiles one MFunc (allocates and encodes) and appends it to .text. */
static SynthStatus emit_mfunc(Unit *u, MFunc *m, uint32_t *offset_out, const char *what)
{
	SynthStatus st = mir_rega(u->ctx, m);
	if (st != SYNTH_OK)
		return st;
	if (u->opt->want_mir) {
		sy_str_printf(u->mir, "%s after register allocation:\n", what);
		mir_dump(m, &u->syms, u->mir);
	}
	ArmBuf buf;
	arm_buf_init(&buf, hook_realloc, &u->ctx->alloc);
	ArmEmitEnv env = {.feat = target_feat(u->opt->target)};
	env.trap_sym = mir_sym(&u->syms, true, "synth_rt_trap");
	env.no_stack_check = u->stack_check != SYNTH_STACK_CHECK_GLOBAL;
	if (!env.no_stack_check)
		env.limit_sym = mir_sym(&u->syms, false, "__synth_stack_limit");
	uint32_t first = u->sites.n;
	ArmErr err = arm_emit_func(m, &env, &buf, &u->sites);
	if (err != ARM_OK || buf.oom) {
		arm_buf_free(&buf);
		u->sites.n = first; /* none of them was emitted (the caller may compile it again) */
		if (err == ARM_ERR_NOMEM || buf.oom)
			return sy_nomem(u->ctx);
		return sy_error(u->ctx, SYNTH_ERR_INTERNAL, 0, -1, "%s: code generation failed: %s", what,
		                arm_error_str(err));
	}
	elf_align(u->elf, u->text, 4);
	uint32_t off = elf_append(u->elf, u->text, buf.data, buf.len);
	if (u->opt->want_asm)
		arm_listing(&u->listing, what, buf.data, buf.len, off, u->sites.n > first ? u->sites.v + first : NULL,
		            u->sites.n - first, &u->syms, &u->nlabel);
	arm_buf_free(&buf);
	for (uint32_t k = first; k < u->sites.n; k++)
		u->sites.v[k].offset += off;
	*offset_out = off;
	return SYNTH_OK;
}

/* mir_emit, or the caller's scratch instruction sink (and *oom set) when
 * memory runs out; what is written to it is ignored. */
static MIns *emit_or_sink(MFunc *m, MBlock *b, MirOp op, bool *oom, MIns *sink)
{
	MIns *i = mir_emit(m, b, op);
	if (i)
		return i;
	*oom = true;
	memset(sink, 0, sizeof *sink);
	return sink;
}

/* The symbol of state section s plus suffix ("" for its first byte,
 * "_size", "_image"): M__state, or M__state_host and M__state_c<k> in a
 * fused module; likewise its section name with prefix ".synth_state.". */
static void state_symbol(const Unit *u, uint32_t s, const char *suffix, char *buf, size_t n)
{
	if (!u->comps || s == 1 + u->comps->ncomponents)
		snprintf(buf, n, "%s__state%s", u->M, suffix);
	else if (s == 0)
		snprintf(buf, n, "%s__state_host%s", u->M, suffix);
	else
		snprintf(buf, n, "%s__state_%s%s", u->M, u->comps->components[s - 1].name, suffix);
}

static void state_section_name(const Unit *u, uint32_t s, char *buf, size_t n)
{
	if (!u->comps || s == 1 + u->comps->ncomponents)
		snprintf(buf, n, ".synth_state.%s", u->M);
	else if (s == 0)
		snprintf(buf, n, ".synth_state.%s.host", u->M);
	else
		snprintf(buf, n, ".synth_state.%s.%s", u->M, u->comps->components[s - 1].name);
}

/* The instance set-up function M__init (comp < 0), or in a fused module
 * component comp's restart M__init_c<comp> (core/ABI.md, "State of a fused
 * module"): its state section as at start, its memory zeroed up to its
 * initial size, the active data segments of its memory and the active
 * element segments of its tables applied again from read-only copies of
 * their descriptors (M__dataseg<i>_rom, M__elemseg<i>_rom), and those of
 * its descriptors dropped; all of it in its own domain. */
static SynthStatus build_init(Unit *u, int32_t comp, MFunc **out)
{
	const SynthModuleDesc *d = u->d;
	MFunc *m = sy_arena_alloc(&u->ar, sizeof *m);
	if (!m)
		return sy_nomem(u->ctx);
	m->ar = &u->ar;
	m->nvregs = MIR_VREG0;
	m->blocks = sy_arena_alloc(&u->ar, sizeof *m->blocks);
	if (!m->blocks)
		return sy_nomem(u->ctx);
	m->nblocks = 1;
	MBlock *b = &m->blocks[0];
	char name[SY_SYM_MAX];
	bool oom = false;
	MIns sink; /* EMIT writes here once memory ran out */
#define EMIT(op) emit_or_sink(m, b, op, &oom, &sink)
	/* The state first: each section's image copied, the rest (table
	 * entries) zeroed, so that nothing depends on what the reset code did
	 * to that RAM. */
	uint32_t own = comp < 0 ? UINT32_MAX : 1 + (uint32_t)comp; /* the section restarted */
	for (uint32_t s = 0; s < u->st.nsec && !oom; s++) {
		const StateSec *ss = &u->st.sec[s];
		if (!ss->size || (comp >= 0 && s != own))
			continue;
		char sym[SY_SYM_MAX];
		state_symbol(u, s, "", sym, sizeof sym);
		uint32_t a[4] = {mir_vreg(m), mir_vreg(m), mir_vreg(m), mir_vreg(m)};
		MIns *i = EMIT(MIR_MOVSYM);
		i->r[0] = a[0], i->aux = mir_sym(&u->syms, false, "%s", sym);
		i = EMIT(MIR_MOVI);
		i->r[0] = a[1], i->imm = ss->size;
		if (ss->image) {
			state_symbol(u, s, "_image", sym, sizeof sym);
			i = EMIT(MIR_MOVSYM);
			i->r[0] = a[2], i->aux = mir_sym(&u->syms, false, "%s", sym);
		} else {
			i = EMIT(MIR_MOVI);
			i->r[0] = a[2], i->imm = 0;
		}
		i = EMIT(MIR_MOVI);
		i->r[0] = a[3], i->imm = ss->image;
		for (uint32_t k = 0; k < 4; k++) {
			i = EMIT(MIR_MOV);
			i->r[0] = k, i->r[1] = a[k];
		}
		i = EMIT(MIR_CALL);
		i->aux = mir_sym(&u->syms, true, "synth_rt_state_init"), i->imm = 0xf;
		m->calls = true;
	}
	if (comp >= 0 && (uint32_t)comp >= d->nmems_imported && !oom) {
		/* its memory zeroed up to its initial size (the state made it so) */
		const SynthMemory *mem = &d->mems[comp];
		uint32_t a[4] = {mir_vreg(m), mir_vreg(m), mir_vreg(m), mir_vreg(m)};
		MIns *i = EMIT(MIR_MOVSYM);
		sym_name(name, sizeof name, u->M, SYM_MEMCTL, (uint32_t)comp);
		i->r[0] = a[0], i->aux = mir_sym(&u->syms, false, "%s", name);
		i = EMIT(MIR_MOVI);
		i->r[0] = a[1], i->imm = 0;
		i = EMIT(MIR_MOVI);
		i->r[0] = a[2], i->imm = 0;
		i = EMIT(MIR_MOVI);
		i->r[0] = a[3], i->imm = (uint32_t)(mem->limits.min << mem->page_size_log2);
		for (uint32_t k = 0; k < 4; k++) {
			i = EMIT(MIR_MOV);
			i->r[0] = k, i->r[1] = a[k];
		}
		i = EMIT(MIR_CALL);
		i->aux = mir_sym(&u->syms, true, "synth_rt_memory_fill"), i->imm = 0xf;
		m->calls = true;
	}
	for (uint32_t g = d->nglobals_imported; g < d->nglobals && !oom; g++) {
		const SynthGlobal *gl = &d->globals[g];
		if (gl->init.kind != SYNTH_CONST_GLOBAL_GET || (comp >= 0 && u->st.gsec[g] != own))
			continue;
		for (int w = 0; w < (gl->type == SYNTH_I64 ? 2 : 1); w++) {
			uint32_t src = mir_vreg(m), dst = mir_vreg(m), v = mir_vreg(m);
			const SynthImport *imp = sym_import_of(d, SYNTH_EXTERN_GLOBAL, (uint32_t)gl->init.bits);
			sym_import(name, sizeof name, u->M, imp);
			MIns *i = EMIT(MIR_MOVSYM);
			i->r[0] = src, i->aux = mir_sym(&u->syms, false, "%s", name);
			i = EMIT(MIR_LDR);
			i->r[0] = v, i->r[1] = src, i->imm = 4 * w, i->aux = ARM_LDR;
			i = EMIT(MIR_MOVSYM);
			sym_name(name, sizeof name, u->M, SYM_GLOBAL, g);
			i->r[0] = dst, i->aux = mir_sym(&u->syms, false, "%s", name);
			i = EMIT(MIR_STR);
			i->r[0] = v, i->r[1] = dst, i->imm = 4 * w, i->aux = ARM_STR;
		}
	}
	/* Active element segments, then active data segments, are written by
	 * table.init / memory.init and dropped; declarative ones are dropped. */
	for (int pass = 0; pass < 2 && !oom; pass++) {
		uint32_t nseg = pass ? d->ndatas : d->nelems;
		for (uint32_t sg = 0; sg < nseg && !oom; sg++) {
			SynthSegMode mode = pass ? d->datas[sg].mode : d->elems[sg].mode;
			const SynthConstExpr *offset = pass ? &d->datas[sg].offset : &d->elems[sg].offset;
			uint32_t count = pass ? d->datas[sg].size : d->elems[sg].nitems;
			uint32_t target = pass ? d->datas[sg].memidx : d->elems[sg].tableidx;
			if (mode == SYNTH_SEG_PASSIVE)
				continue;
			/* a restart: the segments of its memory or its tables, and
			 * the drop of its own descriptors */
			uint32_t dsec = pass ? u->st.dsec[sg] : u->st.esec[sg];
			bool mine = comp >= 0 && mode == SYNTH_SEG_ACTIVE &&
			            (pass ? target == (uint32_t)comp && target >= d->nmems_imported
			                  : target >= d->ntables_imported && u->st.tsec[target] == own);
			if (comp >= 0 && !mine && dsec != own)
				continue;
			uint32_t seg = mir_vreg(m);
			MIns *i = EMIT(MIR_MOVSYM);
			sym_name(name, sizeof name, u->M, pass ? SYM_DATASEG : SYM_ELEMSEG, sg);
			i->r[0] = seg, i->aux = mir_sym(&u->syms, false, "%s%s", name, comp >= 0 ? "_rom" : "");
			if (mode == SYNTH_SEG_ACTIVE && (comp < 0 || mine)) {
				uint32_t ctl = mir_vreg(m), off = mir_vreg(m), zero = mir_vreg(m), len = mir_vreg(m);
				SynthExternKind kind = pass ? SYNTH_EXTERN_MEMORY : SYNTH_EXTERN_TABLE;
				bool imported = pass ? d->mems[target].imported : d->tables[target].imported;
				if (imported)
					sym_import(name, sizeof name, u->M, sym_import_of(d, kind, target));
				else
					sym_name(name, sizeof name, u->M, pass ? SYM_MEMCTL : SYM_TABLECTL, target);
				i = EMIT(MIR_MOVSYM);
				i->r[0] = ctl, i->aux = mir_sym(&u->syms, false, "%s", name);
				if (offset->kind == SYNTH_CONST_GLOBAL_GET) {
					uint32_t p = mir_vreg(m);
					sym_import(name, sizeof name, u->M, sym_import_of(d, SYNTH_EXTERN_GLOBAL, (uint32_t)offset->bits));
					i = EMIT(MIR_MOVSYM);
					i->r[0] = p, i->aux = mir_sym(&u->syms, false, "%s", name);
					i = EMIT(MIR_LDR);
					i->r[0] = off, i->r[1] = p, i->aux = ARM_LDR;
				} else {
					i = EMIT(MIR_MOVI);
					i->r[0] = off, i->imm = (uint32_t)offset->bits;
				}
				i = EMIT(MIR_MOVI);
				i->r[0] = zero, i->imm = 0;
				i = EMIT(MIR_MOVI);
				i->r[0] = len, i->imm = count;
				i = EMIT(MIR_STARG);
				i->r[0] = len, i->imm = 0;
				uint32_t args[4] = {ctl, seg, off, zero};
				for (uint32_t k = 0; k < 4; k++) {
					i = EMIT(MIR_MOV);
					i->r[0] = k, i->r[1] = args[k];
				}
				i = EMIT(MIR_CALL);
				i->aux = mir_sym(&u->syms, true, pass ? "synth_rt_memory_init" : "synth_rt_table_init");
				i->imm = 0xf;
				m->outargs = 1;
				seg = mir_vreg(m);
				i = EMIT(MIR_MOVSYM);
				sym_name(name, sizeof name, u->M, pass ? SYM_DATASEG : SYM_ELEMSEG, sg);
				i->r[0] = seg, i->aux = mir_sym(&u->syms, false, "%s", name);
			}
			if (comp >= 0 && dsec != own)
				continue; /* not its descriptor to drop */
			if (comp >= 0 && !(mode == SYNTH_SEG_ACTIVE && mine)) {
				i = EMIT(MIR_MOVSYM);
				sym_name(name, sizeof name, u->M, pass ? SYM_DATASEG : SYM_ELEMSEG, sg);
				i->r[0] = seg, i->aux = mir_sym(&u->syms, false, "%s", name);
			}
			i = EMIT(MIR_MOV);
			i->r[0] = 0, i->r[1] = seg;
			i = EMIT(MIR_CALL);
			i->aux = mir_sym(&u->syms, true, "synth_rt_segment_drop"), i->imm = 1;
			m->calls = true;
		}
	}
	if (d->has_start && comp < 0 && !oom) {
		sym_func(name, sizeof name, u->M, d, d->start);
		MIns *i = EMIT(MIR_CALL);
		i->aux = mir_sym(&u->syms, true, "%s", name), i->imm = 0;
		m->calls = true;
	}
	uint32_t z = mir_vreg(m);
	MIns *i = EMIT(MIR_MOVI);
	i->r[0] = z, i->imm = 0;
	i = EMIT(MIR_MOV);
	i->r[0] = 0, i->r[1] = z;
	i = EMIT(MIR_RET);
	i->imm = 1;
#undef EMIT
	if (oom)
		return sy_nomem(u->ctx);
	*out = m;
	return SYNTH_OK;
}

/* The handle of a symbol defined here, or 0. */
static int defined_handle(Unit *u, const char *name)
{
	uint32_t i = mir_sym_find(&u->defs, name);
	if (i != UINT32_MAX && i < u->capdef)
		return u->defhandle[i];
	return 0;
}

/* A symbol the data refers to: defined here, or an undefined global. */
static int ref_handle(Unit *u, const char *name)
{
	int h = defined_handle(u, name);
	if (h)
		return h;
	/* Not defined here (functions are, before the data): an import. */
	h = elf_symbol(u->elf, name, ELF_UNDEF, 0, 0, STB_GLOBAL, ELF_NOTYPE);
	define_alias(u, name, h);
	return h;
}

/* The weak one-byte object whose address stands for a function type. */
static int sig_handle(Unit *u, const char *name)
{
	int h = defined_handle(u, name);
	if (h)
		return h;
	uint8_t zero = 0;
	uint32_t off = elf_append(u->elf, u->sigsec, &zero, 1);
	return define(u, name, u->sigsec, off, 1, STB_WEAK, ELF_OBJECT);
}

enum { STATE_NONE = UINT32_MAX };

/* Lays out the state, everything of the module that is written at run
 * time outside its memories (core/ABI.md, "State"), in one section
 * .synth_state.M, or in a fused module (u->comps) one per component for the
 * items its functions alone use (SynthComponents.*_state; each component's
 * memory control block is its own), .synth_state.M for those two components
 * use but none writes (read-only to all) and .synth_state.M.host for those
 * no function uses once M__init is done. In each section: first the items
 * with an initial value, which M__init copies from the image
 * .rodata.M.state (globals that are state, memory control blocks, segment
 * descriptors, table control blocks), then the table entries, which start
 * null (zero); the section padded to 32 bytes (the PMSAv8 granule). */
static SynthStatus layout_state(Unit *u)
{
	const SynthModuleDesc *d = u->d;
	const SynthComponents *c = u->comps;
	StateLayout *sl = &u->st;
	sl->nsec = c ? 2 + c->ncomponents : 1;
	sl->global = sy_arena_array(&u->ar, d->nglobals + 1, sizeof *sl->global);
	sl->memctl = sy_arena_array(&u->ar, d->nmems + 1, sizeof *sl->memctl);
	sl->elemseg = sy_arena_array(&u->ar, d->nelems + 1, sizeof *sl->elemseg);
	sl->dataseg = sy_arena_array(&u->ar, d->ndatas + 1, sizeof *sl->dataseg);
	sl->tablectl = sy_arena_array(&u->ar, d->ntables + 1, sizeof *sl->tablectl);
	sl->table = sy_arena_array(&u->ar, d->ntables + 1, sizeof *sl->table);
	sl->table_res = sy_arena_array(&u->ar, d->ntables + 1, sizeof *sl->table_res);
	sl->gsec = sy_arena_array(&u->ar, d->nglobals + 1, sizeof *sl->gsec);
	sl->msec = sy_arena_array(&u->ar, d->nmems + 1, sizeof *sl->msec);
	sl->esec = sy_arena_array(&u->ar, d->nelems + 1, sizeof *sl->esec);
	sl->dsec = sy_arena_array(&u->ar, d->ndatas + 1, sizeof *sl->dsec);
	sl->tsec = sy_arena_array(&u->ar, d->ntables + 1, sizeof *sl->tsec);
	sl->sec = sy_arena_array(&u->ar, sl->nsec, sizeof *sl->sec);
	uint64_t *off = sy_arena_array(&u->ar, sl->nsec, sizeof *off);
	if (!sl->global || !sl->memctl || !sl->elemseg || !sl->dataseg || !sl->tablectl || !sl->table ||
	    !sl->table_res || !sl->gsec || !sl->msec || !sl->esec || !sl->dsec || !sl->tsec || !sl->sec || !off)
		return sy_nomem(u->ctx);
#define SEC_OF(v) (!c ? 0 : (v) >= 0 ? 1 + (uint32_t)(v) : (v) == SYNTH_STATE_SHARED ? 1 + c->ncomponents : 0)
	for (uint32_t g = 0; g < d->nglobals; g++) {
		bool st = g >= d->nglobals_imported && sy_global_in_state(&d->globals[g]);
		uint32_t s = sl->gsec[g] = SEC_OF(c ? c->global_state[g] : -1);
		sl->global[g] = st ? (uint32_t)off[s] : STATE_NONE;
		off[s] += st ? 8 : 0;
	}
	for (uint32_t k = 0; k < d->nmems; k++) {
		uint32_t s = sl->msec[k] = SEC_OF(c && k < c->ncomponents ? (int32_t)k : -1);
		sl->memctl[k] = k < d->nmems_imported ? STATE_NONE : (uint32_t)off[s];
		off[s] += k < d->nmems_imported ? 0 : 20;
	}
	for (uint32_t e = 0; e < d->nelems; e++) {
		uint32_t s = sl->esec[e] = SEC_OF(c ? c->elem_state[e] : -1);
		sl->elemseg[e] = (uint32_t)off[s];
		off[s] += 8;
	}
	for (uint32_t i = 0; i < d->ndatas; i++) {
		uint32_t s = sl->dsec[i] = SEC_OF(c ? c->data_state[i] : -1);
		sl->dataseg[i] = (uint32_t)off[s];
		off[s] += 8;
	}
	for (uint32_t t = 0; t < d->ntables; t++) {
		uint32_t s = sl->tsec[t] = SEC_OF(c ? c->table_state[t] : -1);
		sl->tablectl[t] = t < d->ntables_imported ? STATE_NONE : (uint32_t)off[s];
		off[s] += t < d->ntables_imported ? 0 : 16;
	}
#undef SEC_OF
	for (uint32_t s = 0; s < sl->nsec; s++) {
		if (off[s] > 0x7fffffffu)
			return sy_error(u->ctx, SYNTH_ERR_UNSUPPORTED, 0, -1, "the module's state needs more than 2 GiB");
		sl->sec[s].image = (uint32_t)off[s];
	}
	for (uint32_t t = 0; t < d->ntables; t++) {
		sl->table[t] = sl->table_res[t] = STATE_NONE;
		if (t < d->ntables_imported)
			continue;
		const SynthTable *tb = &d->tables[t];
		uint64_t min = tb->limits.min;
		uint64_t res = tb->limits.has_max ? tb->limits.max : min + 1024;
		if (res > 65536)
			res = min > 65536 ? min : 65536;
		if (min > 65536)
			return sy_error(u->ctx, SYNTH_ERR_UNSUPPORTED, 0, -1,
			                "table %u starts with %llu elements, more than Synth reserves (65536)", t,
			                (unsigned long long)min);
		uint32_t s = sl->tsec[t];
		sl->table[t] = (uint32_t)off[s];
		sl->table_res[t] = (uint32_t)res;
		off[s] += res * 4;
		if (off[s] > 0x7fffffffu)
			return sy_error(u->ctx, SYNTH_ERR_UNSUPPORTED, 0, -1, "the module's state needs more than 2 GiB");
	}
	uint64_t img = 0, all = 0;
	for (uint32_t s = 0; s < sl->nsec; s++) {
		sl->sec[s].size = (uint32_t)((off[s] + 31) & ~(uint64_t)31);
		img = (img + 7) & ~(uint64_t)7;
		sl->sec[s].image_at = (uint32_t)img;
		img += sl->sec[s].image;
		all += sl->sec[s].size;
	}
	if (all > 0x7fffffffu)
		return sy_error(u->ctx, SYNTH_ERR_UNSUPPORTED, 0, -1, "the module's state needs more than 2 GiB");
	sl->image = (uint32_t)img;
	sl->size = (uint32_t)all;
	return SYNTH_OK;
}

SynthStatus synth_state_size(SynthContext *ctx, const SynthModuleDesc *d, uint64_t *size)
{
	Unit u = {.ctx = ctx, .d = d};
	sy_arena_init(&u.ar, &ctx->alloc);
	SynthStatus st = layout_state(&u);
	*size = st == SYNTH_OK ? u.st.size : 0;
	sy_arena_free(&u.ar);
	return st;
}

SynthStatus synth_state_sections(SynthContext *ctx, const SynthModuleDesc *d, const SynthComponents *comps,
                                 uint64_t *sizes, uint32_t n)
{
	Unit u = {.ctx = ctx, .d = d, .comps = (SynthComponents *)comps};
	if (n != (comps ? 2 + comps->ncomponents : 1))
		return sy_error(ctx, SYNTH_ERR_ARGUMENT, 0, -1, "synth_state_sections: %u sizes, the module has %u sections",
		                n, comps ? 2 + comps->ncomponents : 1);
	sy_arena_init(&u.ar, &ctx->alloc);
	SynthStatus st = layout_state(&u);
	for (uint32_t s = 0; s < n; s++)
		sizes[s] = st == SYNTH_OK ? u.st.sec[s].size : 0;
	sy_arena_free(&u.ar);
	return st;
}

/* Defines the state item name (size bytes) at offset off of state section
 * sec and writes its n initial bytes at the same offset of the section's
 * image, with a pointer to symbol handle ptr in the first word when ptr is
 * not 0. */
static void state_item(Unit *u, const char *name, uint32_t sec, uint32_t off, const uint8_t *bytes, uint32_t n,
                       uint32_t size, int bind, int ptr)
{
	uint8_t *img = elf_bytes(u->elf, u->stateimg);
	const StateSec *ss = &u->st.sec[sec];
	if (!img || !ss->elf || off + n > ss->image) {
		u->state_bad = true; /* layout_state and emit_data disagree */
		return;
	}
	memcpy(img + ss->image_at + off, bytes, n);
	define(u, name, ss->elf, off, size, bind, ELF_OBJECT);
	if (ptr)
		elf_reloc(u->elf, u->stateimg, ss->image_at + off, R_ARM_ABS32, ptr, 0);
}

/* A segment descriptor {pointer, count}, state: memory.init and
 * table.init read it, data.drop and elem.drop clear its count. */
static void seg_desc(Unit *u, SymKind kind, uint32_t idx, uint32_t sec, uint32_t off, int items, uint32_t n)
{
	char name[300];
	uint8_t bytes[8] = {0, 0, 0, 0, (uint8_t)n, (uint8_t)(n >> 8), (uint8_t)(n >> 16), (uint8_t)(n >> 24)};
	sym_name(name, sizeof name, u->M, kind, idx);
	state_item(u, name, sec, off, bytes, 8, 8, STB_LOCAL, items);
}

/* A read-only copy of an active segment's descriptor, M__<kind>seg<i>_rom,
 * from which a component's restart (M__init_c<k>) applies it again. */
static void rom_desc(Unit *u, SymKind kind, uint32_t idx, int items, uint32_t n)
{
	char name[300];
	uint8_t bytes[8] = {0, 0, 0, 0, (uint8_t)n, (uint8_t)(n >> 8), (uint8_t)(n >> 16), (uint8_t)(n >> 24)};
	elf_align(u->elf, u->rodata, 4);
	uint32_t off = elf_append(u->elf, u->rodata, bytes, 8);
	sym_name(name, sizeof name, u->M, kind, idx);
	snprintf(name + strlen(name), sizeof name - strlen(name), "_rom");
	define(u, name, u->rodata, off, 8, STB_LOCAL, ELF_OBJECT);
	elf_reloc(u->elf, u->rodata, off, R_ARM_ABS32, items, 0);
}

/* A control block, state (little-endian words; the first is a pointer to
 * symbol handle ptr), defined as a global object named name. */
static void control_block(Unit *u, const char *name, uint32_t sec, uint32_t off, const uint32_t *w, unsigned n,
                          int ptr)
{
	uint8_t bytes[32];
	for (unsigned i = 0; i < 4 * n; i++)
		bytes[i] = (uint8_t)(w[i / 4] >> (8 * (i % 4)));
	state_item(u, name, sec, off, bytes, 4 * n, 4 * n, STB_GLOBAL, ptr);
}

/* Emits the data of the module: the state section and its image, the
 * constants (function references, immutable globals, segment contents),
 * the memory sections. */
static SynthStatus emit_data(Unit *u)
{
	const SynthModuleDesc *d = u->d;
	const StateLayout *sl = &u->st;
	char name[SY_SYM_MAX];
	elf_reserve(u->elf, u->stateimg, sl->image);
	for (uint32_t s = 0; s < sl->nsec; s++) {
		const StateSec *ss = &sl->sec[s];
		if (!ss->elf)
			continue;
		elf_reserve(u->elf, ss->elf, ss->size);
		state_symbol(u, s, "", name, sizeof name);
		define(u, name, ss->elf, 0, ss->size, STB_GLOBAL, ELF_OBJECT);
		state_symbol(u, s, "_size", name, sizeof name);
		define(u, name, ELF_ABS, ss->size, 0, STB_GLOBAL, ELF_NOTYPE);
		state_symbol(u, s, "_image", name, sizeof name);
		define(u, name, u->stateimg, ss->image_at, ss->image, STB_LOCAL, ELF_OBJECT);
	}
	/* Function references: {signature, code} per function, for funcref values. */
	for (uint32_t f = 0; f < d->nfuncs; f++) {
		uint8_t zero[8] = {0};
		elf_align(u->elf, u->rodata, 4);
		uint32_t off = elf_append(u->elf, u->rodata, zero, 8);
		sym_name(name, sizeof name, u->M, SYM_FREF, f);
		define(u, name, u->rodata, off, 8, STB_LOCAL, ELF_OBJECT);
		if (f == 0 && u->comps) {
			/* consecutive from here: call_indirect finds a function's
			 * index from its record's address (fused modules) */
			sym_name(name, sizeof name, u->M, SYM_FREFS, 0);
			define(u, name, u->rodata, off, 8 * d->nfuncs, STB_LOCAL, ELF_OBJECT);
		}
		char sig[300];
		sym_sig(sig, sizeof sig, &d->types[d->funcs[f].typeidx]);
		elf_reloc(u->elf, u->rodata, off, R_ARM_ABS32, sig_handle(u, sig), 0);
		sym_func(name, sizeof name, u->M, d, f);
		elf_reloc(u->elf, u->rodata, off + 4, R_ARM_ABS32, ref_handle(u, name), 0);
	}
	for (uint32_t g = d->nglobals_imported; g < d->nglobals; g++) {
		const SynthGlobal *gl = &d->globals[g];
		uint64_t v = 0;
		if (gl->init.kind == SYNTH_CONST_I32 || gl->init.kind == SYNTH_CONST_I64 ||
		    gl->init.kind == SYNTH_CONST_F32 || gl->init.kind == SYNTH_CONST_F64)
			v = gl->init.bits;
		else if (gl->init.kind == SYNTH_CONST_V128)
			return sy_error(u->ctx, SYNTH_ERR_UNSUPPORTED, gl->init.offset, -1,
			                "global %u: v128 (SIMD) is not supported by the compiler", g);
		uint8_t bytes[8];
		for (int k = 0; k < 8; k++)
			bytes[k] = (uint8_t)(v >> (8 * k));
		int ref = 0;
		if (gl->init.kind == SYNTH_CONST_REF_FUNC) {
			sym_name(name, sizeof name, u->M, SYM_FREF, (uint32_t)gl->init.bits);
			ref = ref_handle(u, name);
		}
		uint32_t size = gl->type == SYNTH_I64 || gl->type == SYNTH_F64 ? 8 : 4;
		sym_name(name, sizeof name, u->M, SYM_GLOBAL, g);
		if (sl->global[g] != STATE_NONE) {
			state_item(u, name, sl->gsec[g], sl->global[g], bytes, 8, size, STB_GLOBAL, ref);
			continue;
		}
		elf_align(u->elf, u->rodata, 8);
		uint32_t off = elf_append(u->elf, u->rodata, bytes, 8);
		define(u, name, u->rodata, off, size, STB_GLOBAL, ELF_OBJECT);
		if (ref)
			elf_reloc(u->elf, u->rodata, off, R_ARM_ABS32, ref, 0);
	}
	if (u->comps) {
		/* Components: per function {component, peer} (core/ABI.md, "Components"). */
		const SynthComponents *c = u->comps;
		elf_align(u->elf, u->rodata, 4);
		uint32_t off = elf_size(u->elf, u->rodata);
		for (uint32_t f = 0; f < c->nfuncs; f++) {
			const SynthFuncPart *p = &c->funcs[f];
			uint16_t comp = p->role == SYNTH_FUNC_COMPONENT || p->role == SYNTH_FUNC_ADAPTER ? (uint16_t)p->component
			              : 0xffff;
			uint16_t peer = p->role == SYNTH_FUNC_ADAPTER ? (uint16_t)p->peer : 0xffff;
			uint8_t e[4] = {(uint8_t)comp, (uint8_t)(comp >> 8), (uint8_t)peer, (uint8_t)(peer >> 8)};
			elf_append(u->elf, u->rodata, e, 4);
		}
		sym_name(name, sizeof name, u->M, SYM_FUNC_DOMAINS, 0);
		define(u, name, u->rodata, off, 4 * c->nfuncs, STB_GLOBAL, ELF_OBJECT);
		sym_name(name, sizeof name, u->M, SYM_FUNC_DOMAINS_COUNT, 0);
		define(u, name, ELF_ABS, c->nfuncs, 0, STB_GLOBAL, ELF_NOTYPE);
		sym_name(name, sizeof name, u->M, SYM_NCOMPONENTS, 0);
		define(u, name, ELF_ABS, c->ncomponents, 0, STB_GLOBAL, ELF_NOTYPE);
		/* M__xgates: per function index, the gate (M__xcall<g>) a
		 * call_indirect takes into g when g runs in another domain than
		 * the caller; 0 when no call_indirect may cross into g. */
		off = elf_size(u->elf, u->rodata);
		for (uint32_t f = 0; f < c->nfuncs; f++) {
			static const uint8_t zero[4];
			uint32_t at = elf_append(u->elf, u->rodata, zero, 4);
			bool gated = false;
			for (uint32_t k = 0; k < c->ncrossings && !gated; k++)
				gated = c->crossings[k].callee == f && c->crossings[k].indirect;
			if (gated && f >= d->nfuncs_imported) {
				sym_name(name, sizeof name, u->M, SYM_XCALL, f);
				elf_reloc(u->elf, u->rodata, at, R_ARM_ABS32, defined_handle(u, name), 0);
			}
		}
		sym_name(name, sizeof name, u->M, SYM_XGATES, 0);
		define(u, name, u->rodata, off, 4 * c->nfuncs, STB_GLOBAL, ELF_OBJECT);
	}
	for (uint32_t k = d->nmems_imported; k < d->nmems; k++) {
		const SynthMemory *mem = &d->mems[k];
		snprintf(name, sizeof name, ".synth_mem.%s.%u", u->M, k);
		u->memsec[k] = elf_section(u->elf, name, SHT_NOBITS, SHF_ALLOC | SHF_WRITE, 8);
		elf_reserve(u->elf, u->memsec[k], u->reserve[k]);
		sym_name(name, sizeof name, u->M, SYM_MEM, k);
		int base = define(u, name, u->memsec[k], 0, u->reserve[k], STB_GLOBAL, ELF_OBJECT);
		sym_name(name, sizeof name, u->M, SYM_MEM, k);
		snprintf(name + strlen(name), sizeof name - strlen(name), "_size");
		define(u, name, ELF_ABS, u->reserve[k], 0, STB_GLOBAL, ELF_NOTYPE);
		uint64_t min_bytes = mem->limits.min << mem->page_size_log2;
		uint64_t maxp = mem->limits.has_max ? mem->limits.max
		              : (mem->page_size_log2 == 16 ? 65536 : 0xffffffffu);
		uint32_t w[5] = {0, (uint32_t)min_bytes, u->reserve[k], mem->page_size_log2,
		                 (uint32_t)(maxp > 0xffffffffu ? 0xffffffffu : maxp)};
		sym_name(name, sizeof name, u->M, SYM_MEMCTL, k);
		control_block(u, name, sl->msec[k], sl->memctl[k], w, 5, base);
	}
	/* Tables: entries and control blocks, both state. */
	for (uint32_t t = d->ntables_imported; t < d->ntables; t++) {
		const SynthTable *tb = &d->tables[t];
		uint32_t res = sl->table_res[t];
		sym_name(name, sizeof name, u->M, SYM_TABLE, t);
		int elems = define(u, name, sl->sec[sl->tsec[t]].elf, sl->table[t], res * 4, STB_GLOBAL, ELF_OBJECT);
		uint64_t maxv = tb->limits.has_max ? tb->limits.max : 0xffffffffu;
		uint32_t w[4] = {0, (uint32_t)tb->limits.min, res, (uint32_t)maxv};
		sym_name(name, sizeof name, u->M, SYM_TABLECTL, t);
		control_block(u, name, sl->tsec[t], sl->tablectl[t], w, 4, elems);
	}
	/* Element segments: items (funcref values) and a {items, count} descriptor. */
	for (uint32_t e = 0; e < d->nelems; e++) {
		const SynthElem *el = &d->elems[e];
		elf_align(u->elf, u->rodata, 4);
		uint32_t ioff = elf_size(u->elf, u->rodata);
		for (uint32_t k = 0; k < el->nitems; k++) {
			const SynthConstExpr *it = &el->items[k];
			uint8_t zero[4] = {0};
			uint32_t at = elf_append(u->elf, u->rodata, zero, 4);
			if (it->kind == SYNTH_CONST_REF_FUNC) {
				sym_name(name, sizeof name, u->M, SYM_FREF, (uint32_t)it->bits);
				elf_reloc(u->elf, u->rodata, at, R_ARM_ABS32, ref_handle(u, name), 0);
			} else if (it->kind != SYNTH_CONST_REF_NULL) {
				return sy_error(u->ctx, SYNTH_ERR_UNSUPPORTED, it->offset, -1,
				                "element segment %u: global.get items are not supported by the compiler yet", e);
			}
		}
		sym_name(name, sizeof name, u->M, SYM_ELEMITEMS, e);
		int items = define(u, name, u->rodata, ioff, el->nitems * 4, STB_LOCAL, ELF_OBJECT);
		seg_desc(u, SYM_ELEMSEG, e, sl->esec[e], sl->elemseg[e], items, el->nitems);
		if (u->comps && el->mode == SYNTH_SEG_ACTIVE)
			rom_desc(u, SYM_ELEMSEG, e, items, el->nitems);
	}
	for (uint32_t s = 0; s < d->ndatas; s++) {
		const SynthData *seg = &d->datas[s];
		uint32_t off = elf_append(u->elf, u->rodata, seg->bytes, seg->size);
		sym_name(name, sizeof name, u->M, SYM_DATA, s);
		int bytes = define(u, name, u->rodata, off, seg->size, STB_LOCAL, ELF_OBJECT);
		seg_desc(u, SYM_DATASEG, s, sl->dsec[s], sl->dataseg[s], bytes, seg->size);
		if (u->comps && seg->mode == SYNTH_SEG_ACTIVE)
			rom_desc(u, SYM_DATASEG, s, bytes, seg->size);
	}
	if (elf_status(u->elf) == ELF_ERR_NOMEM)
		return sy_nomem(u->ctx);
	if (elf_status(u->elf) != ELF_OK)
		return sy_error(u->ctx, SYNTH_ERR_INTERNAL, 0, -1, "object writer: %s", elf_message(u->elf));
	if (u->state_bad)
		return sy_error(u->ctx, SYNTH_ERR_INTERNAL, 0, -1, "a state item lies outside the state image");
	return SYNTH_OK;
}

/* ELF symbols for every name the code refers to, then the relocations. */
static SynthStatus write_relocs(Unit *u)
{
	int *handle = sy_arena_array(&u->ar, u->syms.n ? u->syms.n : 1, sizeof *handle);
	if (!handle)
		return sy_nomem(u->ctx);
	for (uint32_t k = 0; k < u->syms.n; k++) {
		const char *n = u->syms.syms[k].name;
		handle[k] = !strncmp(n, "__synth_sig_", 12) ? sig_handle(u, n) : ref_handle(u, n);
	}
	/* mapping symbols (ELF for the Arm Architecture): Thumb code, with the
	 * jump tables and literal pools marked as data */
	elf_symbol(u->elf, "$t", u->text, 0, 0, STB_LOCAL, ELF_NOTYPE);
	for (uint32_t k = 0; k < u->sites.n; k++) {
		ArmRelocSite *s = &u->sites.v[k];
		if (s->type == ARM_SITE_DATA || s->type == ARM_SITE_WORDS) {
			elf_symbol(u->elf, "$d", u->text, s->offset, 0, STB_LOCAL, ELF_NOTYPE);
			elf_symbol(u->elf, "$t", u->text, s->offset + s->sym, 0, STB_LOCAL, ELF_NOTYPE);
			continue;
		}
		elf_reloc(u->elf, u->text, s->offset, s->type, handle[s->sym], s->type == ARM_R_THM_CALL ? -4 : s->addend);
	}
	/* Code without prologue checks is safe only under a runtime that sets
	 * the stack limit registers and turns STKOF into the trap: it says so
	 * by defining __synth_hw_stack_limit, and this R_ARM_NONE (no bytes
	 * changed; what EHABI uses to pull in a personality routine) makes a
	 * link without such a runtime fail with "undefined reference". */
	if (u->stack_check == SYNTH_STACK_CHECK_HARDWARE)
		elf_reloc(u->elf, u->text, 0, R_ARM_NONE, ref_handle(u, "__synth_hw_stack_limit"), 0);
	if (elf_status(u->elf) == ELF_ERR_NOMEM)
		return sy_nomem(u->ctx);
	if (elf_status(u->elf) != ELF_OK)
		return sy_error(u->ctx, SYNTH_ERR_INTERNAL, 0, -1, "object writer: %s", elf_message(u->elf));
	return SYNTH_OK;
}

/* Symbols of functions: a local M__func<i> for each, a global per export. */
/* A 4-byte thunk `name` branching to target (B.W, relocated against the
 * symbol handle h): a re-exported import, a cross-component call's weak
 * M__xcall<g>. The target's handle is looked up after name is defined
 * (ref: ref_handle, which may add an undefined symbol; else
 * defined_handle), keeping the symbol table's order. The field holds the
 * addend -4 that elf_reloc writes anyway, so that the listing shows the
 * object's bytes. */
static void branch_thunk(Unit *u, const char *name, const char *target, int bind, bool ref)
{
	static const uint8_t bw[4] = {0xff, 0xf7, 0xfe, 0xbf};
	elf_align(u->elf, u->text, 4);
	uint32_t off = elf_append(u->elf, u->text, bw, 4);
	if (u->opt->want_asm) {
		MSym ts = {.name = target, .func = true};
		MSymTab tt = {.syms = &ts, .n = 1};
		ArmRelocSite rs = {.type = R_ARM_THM_JUMP24};
		arm_listing(&u->listing, name, bw, 4, off, &rs, 1, &tt, &u->nlabel);
	}
	define(u, name, u->text, off, 4, bind, ELF_THUMB_FUNC);
	int h = ref ? ref_handle(u, target) : defined_handle(u, target);
	elf_reloc(u->elf, u->text, off, R_ARM_THM_JUMP24, h, -4);
}

static SynthStatus define_functions(Unit *u, uint32_t init_off)
{
	const SynthModuleDesc *d = u->d;
	char name[SY_SYM_MAX];
	for (uint32_t f = d->nfuncs_imported; f < d->nfuncs; f++) {
		sym_name(name, sizeof name, u->M, SYM_FUNC, f);
		define(u, name, u->text, u->func_off[f - d->nfuncs_imported], 0, STB_LOCAL, ELF_THUMB_FUNC);
	}
	const char *prefix = u->opt->prefix;
	char defprefix[300];
	if (!prefix) {
		snprintf(defprefix, sizeof defprefix, "%s_", u->M);
		prefix = defprefix;
	}
	for (uint32_t e = 0; e < d->nexports; e++) {
		const SynthExport *x = &d->exports[e];
		if (x->kind != SYNTH_EXTERN_FUNC)
			continue;
		synth_export_symbol(prefix, &x->name, name, sizeof name);
		if (mir_sym_find(&u->defs, name) != UINT32_MAX)
			return sy_error(u->ctx, SYNTH_ERR_ARGUMENT, 0, -1,
			                "export \"%s\" would be the symbol %s, which is already taken; use --prefix",
			                x->name.str, name);
		if (d->funcs[x->index].imported) {
			/* Re-exporting an import: a thunk that branches to it, so
			 * the export keeps the import's identity. */
			char target[SY_SYM_MAX];
			sym_func(target, sizeof target, u->M, d, x->index);
			branch_thunk(u, name, target, STB_GLOBAL, true);
			continue;
		}
		define(u, name, u->text, u->func_off[x->index - d->nfuncs_imported], 0, STB_GLOBAL, ELF_THUMB_FUNC);
	}
	sym_name(name, sizeof name, u->M, SYM_INIT, 0);
	define(u, name, u->text, init_off, 0, STB_GLOBAL, ELF_THUMB_FUNC);
	/* Calls between components (core/ABI.md, "Components") go to
	 * M__xcall<g>: a weak thunk branching to the callee, which an
	 * integrator running components in their domains replaces with a gate
	 * stub (SYNTH_RT_GATE_STUB) whose gate enters M__entry<g>. */
	for (uint32_t k = 0; u->comps && k < u->comps->ncrossings; k++) {
		uint32_t g = u->comps->crossings[k].callee;
		if ((k && u->comps->crossings[k - 1].callee == g) || g < d->nfuncs_imported)
			continue;
		char sname[SY_SYM_MAX];
		sym_name(sname, sizeof sname, u->M, SYM_XCALL, g);
		char target[SY_SYM_MAX];
		sym_name(target, sizeof target, u->M, SYM_FUNC, g);
		sym_name(name, sizeof name, u->M, SYM_ENTRY, g);
		define(u, name, u->text, u->func_off[g - d->nfuncs_imported], 0, STB_GLOBAL, ELF_THUMB_FUNC);
		branch_thunk(u, sname, target, STB_WEAK, false);
	}
	return elf_status(u->elf) == ELF_OK ? SYNTH_OK : sy_nomem(u->ctx);
}

static const char *ctype(uint8_t t)
{
	switch (t) {
	case SYNTH_I32: return "int32_t";
	case SYNTH_I64: return "int64_t";
	case SYNTH_F32: return "float";
	case SYNTH_F64: return "double";
	default: return "uint32_t";
	}
}

/* A prototype; several results come back through a struct whose address
 * is a hidden first argument (core/ABI.md). */
static void proto(SyStr *h, const SynthFuncType *t, const char *name)
{
	bool multi = t->nresults > 1;
	if (multi) {
		sy_str_printf(h, "typedef struct %s_results {", name);
		for (uint32_t i = 0; i < t->nresults; i++)
			sy_str_printf(h, " %s r%u;", ctype(t->results[i]), i);
		sy_str_printf(h, " } %s_results;\n", name);
	}
	sy_str_printf(h, "%s %s(", t->nresults == 1 ? ctype(t->results[0]) : "void", name);
	if (multi)
		sy_str_printf(h, "%s_results *results%s", name, t->nparams ? ", " : "");
	for (uint32_t i = 0; i < t->nparams; i++)
		sy_str_printf(h, "%s%s", i ? ", " : "", ctype(t->params[i]));
	sy_str_printf(h, "%s);\n", t->nparams || multi ? "" : "void");
}

/* Stack argument words of a call to t under AAPCS (with AAPCS-VFP when
 * hard: f32/f64 in s/d registers while they last, no back-filling), what a
 * gate copies from the caller's stack. */
static uint32_t stack_words(const SynthFuncType *t, bool hard)
{
	uint32_t ncrn = t->nresults > 1, nsrn = 0, stack = 0;
	for (uint32_t i = 0; i < t->nparams; i++) {
		uint8_t v = t->params[i];
		uint32_t w = v == SYNTH_I64 || v == SYNTH_F64 ? 2 : 1;
		if (hard && (v == SYNTH_F32 || v == SYNTH_F64)) {
			if (w == 2)
				nsrn += nsrn & 1;
			if (nsrn + w <= 16) {
				nsrn += w;
				continue;
			}
			nsrn = 16;
		} else {
			if (w == 2)
				ncrn += ncrn & 1;
			if (ncrn + w <= 4) {
				ncrn += w;
				continue;
			}
			ncrn = 4;
		}
		if (w == 2)
			stack += stack & 1;
		stack += w;
	}
	return stack;
}

/* The C header: set-up, exports, imports the embedder implements, memories
 * and globals. */
static char *write_header(Unit *u)
{
	const SynthModuleDesc *d = u->d;
	SyStr h = {.alloc = &u->ctx->alloc};
	char name[SY_SYM_MAX];
	sy_str_printf(&h, "/* Generated by synth compile (Synth %s) for module %s, target %s.\n"
	                  " * Do not edit: regenerate from the module. */\n"
	                  "#ifndef SYNTH_MODULE_%s_H\n#define SYNTH_MODULE_%s_H\n\n"
	                  "#include <stdint.h>\n\n#include \"synth_rt.h\"\n\n"
	                  "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n",
	              SYNTH_VERSION_STRING, u->M, synth_target_name(u->opt->target), u->M, u->M);
	sy_str_printf(&h, "/* Sets up the instance: data segments, globals, start function.\n"
	                  " * Call once, inside synth_rt_try() to survive a trap. */\nint %s__init(void);\n\n", u->M);
	const char *prefix = u->opt->prefix;
	char defprefix[300];
	if (!prefix) {
		snprintf(defprefix, sizeof defprefix, "%s_", u->M);
		prefix = defprefix;
	}
	sy_str_printf(&h, "/* Exported functions. */\n");
	for (uint32_t e = 0; e < d->nexports; e++) {
		const SynthExport *x = &d->exports[e];
		if (x->kind != SYNTH_EXTERN_FUNC)
			continue;
		synth_export_symbol(prefix, &x->name, name, sizeof name);
		sy_str_printf(&h, "/* export \"");
		comment_name(&h, &x->name);
		sy_str_printf(&h, "\" */\n");
		proto(&h, &d->types[d->funcs[x->index].typeidx], name);
	}
	sy_str_printf(&h, "\n/* Imports the embedder provides. */\n");
	for (uint32_t i = 0; i < d->nimports; i++) {
		const SynthImport *im = &d->imports[i];
		sym_import(name, sizeof name, u->M, im);
		sy_str_printf(&h, "/* import \"");
		comment_name(&h, &im->module);
		sy_str_printf(&h, "\" \"");
		comment_name(&h, &im->name);
		sy_str_printf(&h, "\" */\n");
		switch (im->kind) {
		case SYNTH_EXTERN_FUNC: proto(&h, &d->types[d->funcs[im->index].typeidx], name); break;
		case SYNTH_EXTERN_MEMORY: sy_str_printf(&h, "extern SynthRtMemory %s;\n", name); break;
		case SYNTH_EXTERN_GLOBAL:
			sy_str_printf(&h, "extern %s %s;\n", ctype(d->globals[im->index].type), name);
			break;
		case SYNTH_EXTERN_TABLE: sy_str_printf(&h, "extern SynthRtTable %s;\n", name); break;
		}
	}
	sy_str_printf(&h, "\n/* Memories: control blocks (base, current size, reservation). */\n");
	for (uint32_t k = d->nmems_imported; k < d->nmems; k++) {
		sy_str_printf(&h, "extern SynthRtMemory %s__memctl%u; /* %u bytes reserved", u->M, k, u->reserve[k]);
		if (u->comps)
			sy_str_printf(&h, "; component %s's", u->comps->components[k].name);
		sy_str_printf(&h, " */\n");
	}
	if (u->comps) {
		const SynthComponents *c = u->comps;
		sy_str_printf(&h, "\n/* Components: the module is fused in the shape of meld's multi-memory\n"
		                  " * lowering, memory k being component ck's (exported as \"memory$k\").\n"
		                  " * %s__COMPONENT_<name> is a component's index, which is its memory's. */\n"
		                  "#define %s__NCOMPONENTS %u\n",
		              u->M, u->M, c->ncomponents);
		for (uint32_t k = 0; k < c->ncomponents; k++)
			sy_str_printf(&h, "#define %s__COMPONENT_%s %u /* memory %u \"%s\", %u functions, %u adapters */\n",
			              u->M, c->components[k].name, k, k, c->components[k].memory_export,
			              c->components[k].nfuncs, c->components[k].nadapters);
		sy_str_printf(&h, "/* Per function index: {component, peer}, 0xffff for none: a function of\n"
		                  " * one component has peer 0xffff; an adapter has its caller's component\n"
		                  " * and its callee's as peer; a shared function has neither. */\n"
		                  "extern const uint16_t %s__func_domains[%u][2];\n",
		              u->M, c->nfuncs);
		bool first = true;
		char sname[SY_SYM_MAX];
		for (uint32_t k = 0; k < c->ncrossings; k++) {
			uint32_t g = c->crossings[k].callee;
			if ((k && c->crossings[k - 1].callee == g) || g < d->nfuncs_imported)
				continue;
			sym_name(sname, sizeof sname, u->M, SYM_XCALL, g);
			if (first)
				sy_str_printf(&h, "/* Calls between components: the code calls %s__xcall<g>, a weak direct\n"
				                  " * branch to %s__entry<g>. To run each component in its domain, define\n"
				                  " * %s__xcall<g> as a gate stub, SYNTH_RT_GATE_STUB(ret, %s__xcall<g>,\n"
				                  " * (params), id), whose gate {callee's domain, %s__entry<g>, ...} enters\n"
				                  " * the callee. */\n",
				              u->M, u->M, u->M, u->M, u->M);
			first = false;
			const SynthFuncPart *p = &c->funcs[g];
			if (p->role == SYNTH_FUNC_ADAPTER)
				sy_str_printf(&h, "/* function %u: adapter %s->%s */\n", g, c->components[p->component].name,
				              c->components[p->peer].name);
			else
				sy_str_printf(&h, "/* function %u: component %s's */\n", g, c->components[p->component].name);
			char en[SY_SYM_MAX];
			sym_name(en, sizeof en, u->M, SYM_ENTRY, g);
			proto(&h, &d->types[d->funcs[g].typeidx], en);
			proto(&h, &d->types[d->funcs[g].typeidx], sname);
		}
		/* The same as an X-macro, for gate tables and stubs:
		 * X(id, g, domain, nstack, ret, (params)), id counting from 0, domain
		 * the planner's default domain of the callee (SYNTH_DOMAIN_<domain>). */
		if (!first) {
			sy_str_printf(&h, "/* Every crossing callee: X(id, g, domain, nstack, ret, (params)); id counts\n"
			                  " * from 0, domain is the planner's default domain that runs g (the layout's\n"
			                  " * SYNTH_DOMAIN_<domain>), nstack the stack argument words a gate copies. E.g.\n"
			                  " *   #define STUB(id, g, dom, n, ret, params) \\\n"
			                  " *     SYNTH_RT_GATE_STUB(ret, %s__xcall##g, params, id)\n"
			                  " *   %s__XCALLS(STUB)\n"
			                  " *   #define GATE(id, g, dom, n, ret, params) \\\n"
			                  " *     [id] = {&domains[SYNTH_DOMAIN_##dom], (void *)%s__entry##g, n,\n"
			                  " *             0 | %s__XCALL##g##_FLAGS},\n"
			                  " *   static const SynthRtGate gates[] = {%s__XCALLS(GATE)}; */\n"
			                  "#define %s__XCALLS(X)",
			              u->M, u->M, u->M, u->M, u->M, u->M);
			uint32_t id = 0;
			for (uint32_t k = 0; k < c->ncrossings; k++) {
				uint32_t g = c->crossings[k].callee;
				if ((k && c->crossings[k - 1].callee == g) || g < d->nfuncs_imported)
					continue;
				sym_name(sname, sizeof sname, u->M, SYM_XCALL, g);
				const SynthFuncPart *p = &c->funcs[g];
				const SynthFuncType *t = &d->types[d->funcs[g].typeidx];
				char dom[96];
				if (p->role == SYNTH_FUNC_ADAPTER)
					snprintf(dom, sizeof dom, "%s_%s_%s", u->M, c->components[p->component].name,
					         c->components[p->peer].name);
				else
					snprintf(dom, sizeof dom, "%s_%s", u->M, c->components[p->component].name);
				sy_str_printf(&h, " \\\n\tX(%u, %u, %s, %u, %s, (", id++, g, dom, stack_words(t, u->im.hard_float),
				              t->nresults == 1 ? ctype(t->results[0]) : "void");
				if (t->nresults > 1)
					sy_str_printf(&h, "%s_results *results%s", sname, t->nparams ? ", " : "");
				for (uint32_t i = 0; i < t->nparams; i++)
					sy_str_printf(&h, "%s%s a%u", i ? ", " : "", ctype(t->params[i]), i);
				sy_str_printf(&h, "%s))", t->nparams || t->nresults > 1 ? "" : "void");
			}
			sy_str_printf(&h, "\n");
			/* who may use each gate: the domains of its callers */
			sy_str_printf(&h, "/* The domains calling g: %s__XCALL<g>_CALLERS(Y) is Y(domain) for each, e.g.\n"
			                  " *   #define BIT(dom) | 1u << SYNTH_DOMAIN_##dom\n"
			                  " *   callers = 0 %s__XCALL<g>_CALLERS(BIT) (domains registered in\n"
			                  " *   SYNTH_DOMAIN_ order, so that runtime index = SYNTH_DOMAIN_*). */\n",
			              u->M, u->M);
			for (uint32_t k = 0; k < c->ncrossings; k++) {
				uint32_t g = c->crossings[k].callee;
				if ((k && c->crossings[k - 1].callee == g) || g < d->nfuncs_imported)
					continue;
				sy_str_printf(&h, "#define %s__XCALL%u_CALLERS(Y)", u->M, g);
				/* a shared caller stands for the domains that may run it */
				const SynthFuncPart *seen[64];
				uint32_t nseen = 0;
				for (uint32_t j = k; j < c->ncrossings && c->crossings[j].callee == g; j++) {
					const SynthFuncPart *cp = &c->funcs[c->crossings[j].caller];
					uint32_t nr = cp->role == SYNTH_FUNC_SHARED ? cp->nrunners : 1;
					for (uint32_t r = 0; r < nr; r++) {
						const SynthFuncPart *p = cp->role == SYNTH_FUNC_SHARED ? &c->funcs[cp->runners[r]] : cp;
						bool dup = false;
						for (uint32_t i = 0; i < nseen && !dup; i++)
							dup = seen[i]->role == p->role && seen[i]->component == p->component &&
							      seen[i]->peer == p->peer;
						if (dup)
							continue;
						if (nseen < sizeof seen / sizeof seen[0])
							seen[nseen++] = p;
						char dom[96];
						if (p->role == SYNTH_FUNC_ADAPTER)
							snprintf(dom, sizeof dom, "%s_%s_%s", u->M, c->components[p->component].name,
							         c->components[p->peer].name);
						else
							snprintf(dom, sizeof dom, "%s_%s", u->M, c->components[p->component].name);
						sy_str_printf(&h, " Y(%s)", dom);
					}
				}
				sy_str_printf(&h, "\n");
			}
			/* which gates enter a domain suspended on the call chain */
			sy_str_printf(&h, "/* The runtime flags of g's gate (or'ed into its callers): SYNTH_RT_GATE_LISTED\n"
			                  " * (open to the domains listed only: none when only shared functions that\n"
			                  " * no domain runs call g), and SYNTH_RT_GATE_REENTER when an adapter (or a\n"
			                  " * shared function it runs) calls back into its caller's component, which\n"
			                  " * is then suspended on the call chain. */\n");
			for (uint32_t k = 0; k < c->ncrossings; k++) {
				uint32_t g = c->crossings[k].callee;
				if ((k && c->crossings[k - 1].callee == g) || g < d->nfuncs_imported)
					continue;
				bool back = false;
				const SynthFuncPart *pg = &c->funcs[g];
				for (uint32_t j = k; j < c->ncrossings && c->crossings[j].callee == g; j++) {
					const SynthFuncPart *cp = &c->funcs[c->crossings[j].caller];
					uint32_t nr = cp->role == SYNTH_FUNC_SHARED ? cp->nrunners : 1;
					for (uint32_t r = 0; r < nr; r++) {
						const SynthFuncPart *p = cp->role == SYNTH_FUNC_SHARED ? &c->funcs[cp->runners[r]] : cp;
						back |= p->role == SYNTH_FUNC_ADAPTER && pg->role == SYNTH_FUNC_COMPONENT &&
						        p->component == pg->component;
					}
				}
				sy_str_printf(&h, "#define %s__XCALL%u_FLAGS %s\n", u->M, g,
				              back ? "(SYNTH_RT_GATE_LISTED | SYNTH_RT_GATE_REENTER)" : "SYNTH_RT_GATE_LISTED");
			}
		}
	}
	sy_str_printf(&h, "\n/* Tables: control blocks (entries, size, reservation). */\n");
	for (uint32_t t = d->ntables_imported; t < d->ntables; t++)
		sy_str_printf(&h, "extern SynthRtTable %s__tablectl%u;\n", u->M, t);
	sy_str_printf(&h, "\n/* Globals (constants are read-only). */\n");
	for (uint32_t g = d->nglobals_imported; g < d->nglobals; g++) {
		sy_str_printf(&h, "extern %s%s %s__global%u;", u->st.global[g] == STATE_NONE ? "const " : "",
		              ctype(d->globals[g].type), u->M, g);
		int32_t k = u->comps ? u->comps->global_component[g] : -1;
		if (k >= 0)
			sy_str_printf(&h, " /* set by component %s only", u->comps->components[k].name);
		else if (k == -2)
			sy_str_printf(&h, " /* set by several components");
		if (u->comps && u->st.global[g] != STATE_NONE) {
			char sec[SY_SYM_MAX];
			state_section_name(u, u->st.gsec[g], sec, sizeof sec);
			sy_str_printf(&h, "%sin %s */", k == -1 ? " /* " : "; ", sec);
		} else if (k != -1) {
			sy_str_printf(&h, " */");
		}
		sy_str_printf(&h, "\n");
	}
	if (!u->comps) {
		sy_str_printf(&h, "\n/* State: everything the module writes at run time besides its memories\n"
		                  " * (section .synth_state.%s, %u bytes, 32-byte aligned; %s__init sets it up). */\n"
		                  "extern uint8_t %s__state[];\n",
		              u->M, u->st.size, u->M, u->M);
	} else {
		sy_str_printf(&h, "\n/* State, one section per component (core/ABI.md, \"State of a fused module\"):\n"
		                  " * what a component's functions alone use, in its domain; .synth_state.%s\n"
		                  " * what two components use but none writes once %s__init is done, read-only\n"
		                  " * in every component's domain; the host section what no function uses,\n"
		                  " * outside every domain. 32-byte aligned, %s__init sets them all up. */\n",
		              u->M, u->M, u->M);
		sy_str_printf(&h, "/* %s__init_c<k> restarts component k in its own domain (a\n"
		                  " * SynthRtDomain's restart hook): its state section as at start, its memory\n"
		                  " * zeroed up to its initial size, its active data and element segments\n"
		                  " * applied again. */\n",
		              u->M);
		for (uint32_t s = 1; s < 1 + u->comps->ncomponents; s++)
			if (u->st.sec[s].size)
				sy_str_printf(&h, "uint32_t %s__init_%s(void);\n", u->M, u->comps->components[s - 1].name);
		for (uint32_t s = 0; s < u->st.nsec; s++) {
			const StateSec *ss = &u->st.sec[s];
			if (!ss->size)
				continue;
			char sym[SY_SYM_MAX], sec[SY_SYM_MAX];
			state_symbol(u, s, "", sym, sizeof sym);
			state_section_name(u, s, sec, sizeof sec);
			uint32_t ng = 0, nt = 0, nseg = 0, nm = 0;
			for (uint32_t g = 0; g < d->nglobals; g++)
				ng += u->st.global[g] != STATE_NONE && u->st.gsec[g] == s;
			for (uint32_t k = d->nmems_imported; k < d->nmems; k++)
				nm += u->st.msec[k] == s;
			for (uint32_t t = d->ntables_imported; t < d->ntables; t++)
				nt += u->st.tsec[t] == s;
			for (uint32_t e = 0; e < d->nelems; e++)
				nseg += u->st.esec[e] == s;
			for (uint32_t i = 0; i < d->ndatas; i++)
				nseg += u->st.dsec[i] == s;
			sy_str_printf(&h, "extern uint8_t %s[]; /* %s, %u bytes: %u memory control block%s, %u global%s, "
			                  "%u table%s, %u segment descriptor%s */\n",
			              sym, sec, ss->size, nm, nm == 1 ? "" : "s", ng, ng == 1 ? "" : "s", nt, nt == 1 ? "" : "s",
			              nseg, nseg == 1 ? "" : "s");
		}
	}
	sy_str_printf(&h, "\n#ifdef __cplusplus\n}\n#endif\n\n#endif\n");
	return sy_str_take(&h);
}

SynthStatus synth_memory_request(SynthContext *ctx, const SynthModuleDesc *d, uint32_t memidx,
                                 uint64_t cap, uint64_t unbounded, SynthBounds bounds,
                                 SynthMemoryRequest *out)
{
	if (memidx >= d->nmems)
		return sy_error(ctx, SYNTH_ERR_ARGUMENT, 0, -1, "unknown memory %u (the module has %u)", memidx,
		                d->nmems);
	const SynthMemory *m = &d->mems[memidx];
	if (!cap)
		cap = 16u << 20;
	if (cap > 0xffffffffu)
		cap = 0xffffffffu;
	memset(out, 0, sizeof *out);
	out->memidx = memidx;
	out->page_size_log2 = m->page_size_log2;
	out->min_bytes = m->limits.min << m->page_size_log2;
	out->has_max = m->limits.has_max;
	out->max_bytes = m->limits.has_max ? m->limits.max << m->page_size_log2 : 0;
	out->imported = m->imported;
	out->exported = m->exported;
	if (!unbounded)
		unbounded = 1u << 20;
	uint64_t want = m->limits.has_max ? out->max_bytes
	              : (out->min_bytes > unbounded ? out->min_bytes : unbounded);
	if (want > cap)
		want = cap;
	if (out->min_bytes > want)
		return sy_error(ctx, SYNTH_ERR_UNSUPPORTED, 0, -1,
		                "memory %u needs %llu bytes at start, more than the %llu bytes it may reserve "
		                "(raise the cap with --mem-cap)",
		                memidx, (unsigned long long)out->min_bytes, (unsigned long long)cap);
	want &= ~(((uint64_t)1 << m->page_size_log2) - 1);
	out->align = 8;
	if (bounds == SYNTH_BOUNDS_MASK) {
		/* mask mode wraps addresses in a power-of-two reservation */
		unsigned bits = 3;
		while (bits < 32 && ((uint64_t)1 << bits) < want)
			bits++;
		if (((uint64_t)1 << bits) > cap && ((uint64_t)1 << (bits - 1)) >= out->min_bytes && bits > 3)
			bits--;
		want = (uint64_t)1 << bits;
		out->align = want;
	}
	out->reserve = want > 0xffffffffu ? 0xffffffffu : want;
	return SYNTH_OK;
}

/* The request file OUT.requests.json (format "synth-requests", version 2;
 * core/src/plan/request.c reads it): one request per memory, then the
 * state section as a request of kind "state" when it is not empty:
 *   "state": [ { "kind": "state", "module": "M", "section": ".synth_state.M",
 *                "symbol": "M__state", "size": 96, "align": 32 } ]
 * Also fixes each memory's reservation for the code generator. */
static SynthStatus plan_requests(Unit *u)
{
	const SynthModuleDesc *d = u->d;
	SyStr r = {.alloc = &u->ctx->alloc};
	sy_str_printf(&r, "{\n  \"format\": \"synth-requests\",\n  \"version\": %d,\n  \"memories\": [", SYNTH_REQUESTS_FORMAT_VERSION);
	for (uint32_t k = 0; k < d->nmems; k++) {
		SynthMemoryRequest q;
		uint64_t cap = k < u->opt->nmem_caps && u->opt->mem_caps && u->opt->mem_caps[k] ? u->opt->mem_caps[k]
		             : u->opt->mem_cap;
		SynthStatus st = synth_memory_request(u->ctx, d, k, cap, u->opt->mem_reserve, u->opt->bounds, &q);
		if (st != SYNTH_OK) {
			sy_str_free(&r);
			return st;
		}
		u->reserve[k] = (uint32_t)q.reserve;
		unsigned bits = 0;
		while (bits < 32 && ((uint64_t)1 << bits) < q.reserve)
			bits++;
		u->mem_bits[k] = bits;
		sy_str_printf(&r, "%s\n    {\"module\": \"%s\", \"memidx\": %u, \"min\": %llu, ", k ? "," : "", u->M, k,
		              (unsigned long long)q.min_bytes);
		if (q.has_max)
			sy_str_printf(&r, "\"max\": %llu, ", (unsigned long long)q.max_bytes);
		sy_str_printf(&r, "\"page_size\": %llu, \"reserve\": %llu, \"align\": %llu, "
		                  "\"imported\": %s, \"exported\": %s",
		              (unsigned long long)1 << q.page_size_log2, (unsigned long long)q.reserve,
		              (unsigned long long)q.align, q.imported ? "true" : "false", q.exported ? "true" : "false");
		if (u->comps) {
			const SynthComponents *c = u->comps;
			sy_str_printf(&r, ", \"component\": \"%s\", \"export\": \"%s\"", c->components[k].name,
			              c->components[k].memory_export);
			/* the adapters running with this memory, "<caller>_<callee>", once each */
			bool any = false;
			for (uint32_t f = 0; f < c->nfuncs; f++) {
				const SynthFuncPart *p = &c->funcs[f];
				if (p->role != SYNTH_FUNC_ADAPTER || (p->component != (int32_t)k && p->peer != (int32_t)k))
					continue;
				bool seen = false;
				for (uint32_t g = 0; g < f && !seen; g++)
					seen = c->funcs[g].role == SYNTH_FUNC_ADAPTER && c->funcs[g].component == p->component &&
					       c->funcs[g].peer == p->peer;
				if (seen)
					continue;
				sy_str_printf(&r, "%s\"%s_%s\"", any ? ", " : ", \"adapters\": [", c->components[p->component].name,
				              c->components[p->peer].name);
				any = true;
			}
			if (any)
				sy_str_printf(&r, "]");
		}
		sy_str_printf(&r, "}");
	}
	sy_str_printf(&r, "%s]", d->nmems ? "\n  " : "");
	if (u->st.size && !u->comps)
		sy_str_printf(&r, ",\n  \"state\": [\n    {\"kind\": \"state\", \"module\": \"%s\", "
		                  "\"section\": \".synth_state.%s\", \"symbol\": \"%s__state\", \"size\": %u, "
		                  "\"align\": 32}\n  ]",
		              u->M, u->M, u->M, u->st.size);
	/* A fused module: one request per component's section, then the
	 * read-only one ("access": "r", in every component's domain); the host
	 * section is in no domain (the runtime's RAM takes it). */
	bool any = false;
	for (uint32_t s = 1; u->comps && s < u->st.nsec; s++) {
		if (!u->st.sec[s].size)
			continue;
		char sym[SY_SYM_MAX], sec[SY_SYM_MAX], who[SY_SYM_MAX];
		state_symbol(u, s, "", sym, sizeof sym);
		state_section_name(u, s, sec, sizeof sec);
		if (s == 1 + u->comps->ncomponents)
			snprintf(who, sizeof who, "\"access\": \"r\"");
		else
			snprintf(who, sizeof who, "\"component\": \"%s\"", u->comps->components[s - 1].name);
		sy_str_printf(&r, "%s\n    {\"kind\": \"state\", \"module\": \"%s\", %s, "
		                  "\"section\": \"%s\", \"symbol\": \"%s\", \"size\": %u, \"align\": 32}",
		              any ? "," : ",\n  \"state\": [", u->M, who, sec, sym, u->st.sec[s].size);
		any = true;
	}
	if (any)
		sy_str_printf(&r, "\n  ]");
	sy_str_printf(&r, "\n}\n");
	u->requests = sy_str_take(&r);
	return u->requests ? SYNTH_OK : sy_nomem(u->ctx);
}

SynthStatus synth_compile(SynthContext *ctx, const SynthModule *mod, const SynthCompileOptions *opt,
                          SynthOutput *out)
{
	memset(out, 0, sizeof *out);
	synth_context_clear(ctx);
	if (!mod->validated)
		return sy_error(ctx, SYNTH_ERR_ARGUMENT, 0, -1, "the module must be validated before compiling");
	if (!opt->name || !*opt->name)
		return sy_error(ctx, SYNTH_ERR_ARGUMENT, 0, -1, "a module name is required");
	if (opt->ir_after && !ir_pass_known(opt->ir_after)) {
		SyStr names = {.alloc = &ctx->alloc};
		for (size_t k = 0; ir_pass_name(k); k++)
			sy_str_printf(&names, "%s%s", k ? ", " : "", ir_pass_name(k));
		SynthStatus e = sy_error(ctx, SYNTH_ERR_ARGUMENT, 0, -1, "unknown pass '%s' (passes: %s)", opt->ir_after,
		                         names.s ? names.s : "");
		sy_str_free(&names);
		return e;
	}
	SynthStackCheck sc = opt->stack_check;
	bool splim = target_feat(opt->target) & ARM_FEAT_V8M; /* MSPLIM/PSPLIM */
	if (sc == SYNTH_STACK_CHECK_DEFAULT)
		sc = splim ? SYNTH_STACK_CHECK_HARDWARE : SYNTH_STACK_CHECK_GLOBAL;
	if (sc == SYNTH_STACK_CHECK_HARDWARE && !splim)
		return sy_error(ctx, SYNTH_ERR_ARGUMENT, 0, -1,
		                "the hardware stack check needs a core with a stack limit register "
		                "(ARMv8-M Mainline: cortex-m33)");
	if (sc != SYNTH_STACK_CHECK_GLOBAL && sc != SYNTH_STACK_CHECK_NONE && sc != SYNTH_STACK_CHECK_HARDWARE)
		return sy_error(ctx, SYNTH_ERR_ARGUMENT, 0, -1, "unknown stack check mode %d", (int)sc);
	const SynthModuleDesc *d = synth_module_desc(mod);
	Unit u = {.ctx = ctx, .d = d, .opt = opt, .M = opt->name, .stack_check = sc};
	sy_arena_init(&u.ar, &ctx->alloc);
	sy_arena_init(&u.fa, &ctx->alloc);
	sy_arena_init(&u.ma, &ctx->alloc);
	u.syms.ar = &u.ar;
	u.defs.ar = &u.ar;
	u.listing.alloc = &ctx->alloc;
	SyStr ir = {.alloc = &ctx->alloc};
	u.mir = &ir;
	SynthStatus st = SYNTH_OK;
	u.memsec = sy_arena_array(&u.ar, d->nmems + 1, sizeof *u.memsec);
	u.reserve = sy_arena_array(&u.ar, d->nmems + 1, sizeof *u.reserve);
	u.func_off = sy_arena_array(&u.ar, d->nfuncs + 1, sizeof *u.func_off);
	uint32_t *shift = sy_arena_array(&u.ar, d->nmems + 1, sizeof *shift);
	u.mem_bits = sy_arena_array(&u.ar, d->nmems + 1, sizeof *u.mem_bits);
	u.elf = elf_new(&ctx->alloc);
	if (!u.memsec || !u.reserve || !u.func_off || !shift || !u.mem_bits || !u.elf) {
		st = sy_nomem(ctx);
		goto fail;
	}
	for (uint32_t k = 0; k < d->nmems; k++)
		shift[k] = d->mems[k].page_size_log2;
	u.im = (IselModule){.mod = d, .name = u.M, .syms = &u.syms, .mem_shift = shift,
	                    .mem_bits = u.mem_bits, .bounds = opt->bounds,
	                    .hard_float = opt->target != SYNTH_TARGET_CORTEX_M3 && opt->target != SYNTH_TARGET_CORTEX_M4,
	                    .fpv5 = opt->target == SYNTH_TARGET_CORTEX_M7 || opt->target == SYNTH_TARGET_CORTEX_M7DP ||
	                            opt->target == SYNTH_TARGET_CORTEX_M33};
	u.im.fpu32 = u.im.hard_float;
	u.im.fpu64 = opt->target == SYNTH_TARGET_CORTEX_M7DP;
	/* A fused module (meld's multi-memory lowering) is partitioned into its
	 * components, and one that cannot be is refused: its functions could
	 * not run each with only its own component's memory. */
	bool fused = false; /* memory 1 exported as "memory$1": worth the analysis */
	for (uint32_t e = 0; e < d->nexports; e++)
		fused |= d->exports[e].kind == SYNTH_EXTERN_MEMORY && d->exports[e].index == 1 &&
		         d->exports[e].name.len == 8 && !memcmp(d->exports[e].name.str, "memory$1", 8);
	st = fused ? synth_module_components(ctx, mod, &u.comps) : SYNTH_OK;
	if (u.comps && !u.comps->contract) {
		synth_components_free(u.comps);
		u.comps = NULL;
		synth_context_clear(ctx);
		st = SYNTH_OK;
	}
	if (st != SYNTH_OK)
		goto fail;
	if (u.comps && u.comps->state_error[0]) {
		const char *e = u.comps->state_error, *nl = strchr(e, '\n');
		st = sy_error(ctx, SYNTH_ERR_UNSUPPORTED, 0, -1,
		              "the module's state cannot be split into its components' domains: %.*s%s",
		              (int)(nl ? (size_t)(nl - e) : strlen(e)), e, nl ? " (and more)" : "");
		goto fail;
	}
	u.im.comps = u.comps;
	/* Which calls may grow a memory: the cached sizes are reloaded only
	 * after those. */
	bool *may_grow;
	if ((st = arm_may_grow(ctx, d, &u.ar, &may_grow)) != SYNTH_OK)
		goto fail;
	u.im.may_grow = may_grow;
	if ((st = layout_state(&u)) != SYNTH_OK || (st = plan_requests(&u)) != SYNTH_OK)
		goto fail;
	/* Names become symbols with every odd byte written as _xHH: refuse the
	 * ones that could not fit instead of cutting them. */
	for (uint32_t k = 0; k < d->nexports + d->nimports; k++) {
		uint64_t len = k < d->nexports ? d->exports[k].name.len
		             : (uint64_t)d->imports[k - d->nexports].module.len + d->imports[k - d->nexports].name.len;
		if (5 * len + strlen(u.M) + 64 + (opt->prefix ? strlen(opt->prefix) : 0) >= SY_SYM_MAX) {
			st = sy_error(ctx, SYNTH_ERR_UNSUPPORTED, 0, -1, "%s name of %llu bytes is too long for a symbol",
			              k < d->nexports ? "an export" : "an import", (unsigned long long)len);
			goto fail;
		}
	}
	/* Sections: code, constants, the state and its initial image (module
	 * names have no '.', so no two modules' names meet), signatures. */
	char secname[SY_SYM_MAX];
	u.text = elf_section(u.elf, ".text", SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR, 4);
	snprintf(secname, sizeof secname, ".rodata.%s.const", u.M);
	u.rodata = elf_section(u.elf, secname, SHT_PROGBITS, SHF_ALLOC, 8);
	for (uint32_t s = 0; s < u.st.nsec; s++) {
		if (u.comps && !u.st.sec[s].size)
			continue; /* a plain module has its one section even when empty */
		state_section_name(&u, s, secname, sizeof secname);
		u.st.sec[s].elf = elf_section(u.elf, secname, SHT_NOBITS, SHF_ALLOC | SHF_WRITE, 32);
	}
	snprintf(secname, sizeof secname, ".rodata.%s.state", u.M);
	u.stateimg = elf_section(u.elf, secname, SHT_PROGBITS, SHF_ALLOC, 8);
	u.sigsec = elf_section(u.elf, ".rodata.synth_sig", SHT_PROGBITS, SHF_ALLOC, 1);
	if (!(u.inl = ir_inline_new(ctx, mod, u.comps, u.reserve, (uint8_t)opt->bounds))) {
		st = sy_nomem(ctx);
		goto fail;
	}
	for (uint32_t fi = d->nfuncs_imported; fi < d->nfuncs; fi++) {
		/* Inlining can make a function the register allocator gives up
		 * on (its round limit) or whose branches no longer reach: such a
		 * function is compiled again as written, its dumps replaced. */
		size_t dumped = ir.n;
		for (IrInline *inl = u.inl;; inl = NULL) {
			IrFunc *f;
			MFunc *m;
			st = ir_lower(ctx, &u.fa, mod, fi, &f);
			if (st != SYNTH_OK)
				goto fail;
			f->mem_reserve = u.reserve; /* bounds for the bce pass */
			f->bounds = (uint8_t)opt->bounds;
			if ((st = ir_optimize(ctx, f, inl, opt->ir_after, opt->want_ir ? &ir : NULL)) != SYNTH_OK)
				goto fail;
			if ((st = arm_isel(ctx, &u.im, f, &u.ma, &m)) != SYNTH_OK)
				goto fail;
			sy_arena_free(&u.fa); /* the IR is done with */
			if (opt->want_mir) {
				sy_str_printf(&ir, "%s__func%u:\n", u.M, fi);
				mir_dump(m, &u.syms, &ir);
			}
			char what[64];
			sym_name(what, sizeof what, u.M, SYM_FUNC, fi);
			st = emit_mfunc(&u, m, &u.func_off[fi - d->nfuncs_imported], what);
			sy_arena_free(&u.ma); /* the function's memory ends with it */
			if (st == SYNTH_ERR_INTERNAL && inl) {
				synth_context_clear(ctx);
				ir.n = dumped;
				if (ir.s)
					ir.s[dumped] = 0;
				continue;
			}
			if (st != SYNTH_OK) {
				if (ctx->diag.funcidx < 0)
					ctx->diag.funcidx = fi;
				goto fail;
			}
			break;
		}
	}
	MFunc *init;
	uint32_t init_off;
	char what[300];
	sym_name(what, sizeof what, u.M, SYM_INIT, 0);
	if ((st = build_init(&u, -1, &init)) != SYNTH_OK || (st = emit_mfunc(&u, init, &init_off, what)) != SYNTH_OK)
		goto fail;
	/* A fused module: each component's restart, M__init_c<k>. */
	for (uint32_t k = 0; u.comps && k < u.comps->ncomponents; k++) {
		if (!u.st.sec[1 + k].size)
			continue;
		uint32_t off;
		snprintf(what, sizeof what, "%s__init_%s", u.M, u.comps->components[k].name);
		if ((st = build_init(&u, (int32_t)k, &init)) != SYNTH_OK || (st = emit_mfunc(&u, init, &off, what)) != SYNTH_OK)
			goto fail;
		define(&u, what, u.text, off, 0, STB_GLOBAL, ELF_THUMB_FUNC);
	}
	if ((st = define_functions(&u, init_off)) != SYNTH_OK || (st = emit_data(&u)) != SYNTH_OK ||
	    (st = write_relocs(&u)) != SYNTH_OK)
		goto fail;
	ElfAttrs at;
	target_attrs(opt->target, &at);
	elf_attributes(u.elf, &at);
	const uint8_t *img;
	size_t len;
	if (elf_write(u.elf, &img, &len) != ELF_OK) {
		st = elf_status(u.elf) == ELF_ERR_NOMEM ? sy_nomem(ctx)
		   : sy_error(ctx, SYNTH_ERR_INTERNAL, 0, -1, "object writer: %s", elf_message(u.elf));
		goto fail;
	}
	out->object = sy_malloc(&ctx->alloc, len);
	if (!out->object) {
		st = sy_nomem(ctx);
		goto fail;
	}
	memcpy(out->object, img, len);
	out->object_size = len;
	if ((opt->want_ir || opt->want_mir) && !(out->ir = sy_str_take(&ir))) {
		st = sy_nomem(ctx);
		goto fail;
	}
	if (opt->want_asm && !(out->listing = sy_str_take(&u.listing))) {
		st = sy_nomem(ctx);
		goto fail;
	}
	if (opt->want_header && !(out->header = write_header(&u))) {
		st = sy_nomem(ctx);
		goto fail;
	}
	out->requests = u.requests;
	u.requests = NULL;
	sy_str_free(&ir);
	sy_str_free(&u.listing);
	sy_free(&ctx->alloc, u.sites.v, u.sites.cap * sizeof *u.sites.v);
	elf_free(u.elf);
	sy_arena_free(&u.fa);
	sy_arena_free(&u.ma);
	sy_arena_free(&u.ar);
	ir_inline_free(u.inl);
	synth_components_free(u.comps);
	return SYNTH_OK;
fail:
	ir_inline_free(u.inl);
	synth_components_free(u.comps);
	sy_str_free_text(&ctx->alloc, u.requests);
	sy_str_free(&ir);
	sy_str_free(&u.listing);
	sy_free(&ctx->alloc, u.sites.v, u.sites.cap * sizeof *u.sites.v);
	elf_free(u.elf);
	sy_arena_free(&u.fa);
	sy_arena_free(&u.ma);
	sy_arena_free(&u.ar);
	synth_output_free(ctx, out);
	return st;
}
