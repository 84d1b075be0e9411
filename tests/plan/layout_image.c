/* layout_image.c - ELF images for synth_layout_check_elf (see layout_image.h).
 *
 * The images come from libsynth's ELF writer (elf.c) rather than a linker,
 * made executables afterwards (e_type and section addresses patched in):
 * each placed range is the fragment's NOBITS output section at its planned
 * base and size, a memory's holding the module's own M__memK symbol (what
 * synth compile defines, core/ABI.md) with M__memK_size beside it, a state
 * section's (.synth_state.M) the module's M__state with M__state_size; the ld
 * fragment's __synth_<kind>_<name>_base/_size symbols are absolute
 * symbols and synth_mpu_tables is an object in .rodata holding, per domain,
 * the register words as the exported C lays them out (PMSAv7: n pairs
 * {RBAR, RASR}; PMSAv8: MAIR0, MAIR1, then n pairs {RBAR, RLAR}; PMP: n
 * pmpaddr words, then (n + 3) / 4 pmpcfg words), little-endian. The layout
 * is written out here on purpose instead of shared with check.c: the test
 * states the format independently of the code it tests. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "obj/elf.h"
#include "layout_image.h"

/* tests/plan/data/two-domains.json. */
static const char two_domains[] =
	"{\"format\":\"synth-plan-input\",\"version\":1,\"memories\":["
	"{\"module\":\"net\",\"memidx\":0,\"min\":65536,\"max\":131072,\"reserve\":70000},"
	"{\"module\":\"app\",\"memidx\":0,\"min\":65536,\"max\":65536},"
	"{\"module\":\"app\",\"memidx\":1,\"min\":1,\"page_size\":1,\"reserve\":5000},"
	"{\"module\":\"shared\",\"memidx\":0,\"min\":16384,\"page_size\":1}],"
	"\"domains\":[{\"name\":\"net\",\"memories\":[\"net\",\"shared.0\"]},"
	"{\"name\":\"app\",\"memories\":[\"app\",\"shared\"]}]}";

static const struct {
	const char *target;
	SynthPlanModel model;
} plans[LAYOUT_IMAGE_NPLANS] = {
	{"mps2-an385", SYNTH_MODEL_B},
	{"mps2-an505", SYNTH_MODEL_A},
	{"rv32-pmp16", SYNTH_MODEL_B},
};

SynthPlan *layout_image_state_plan(SynthContext *ctx, int k)
{
	static const struct {
		const char *target;
		SynthPlanModel model;
	} sp[LAYOUT_IMAGE_NSTATEPLANS] = {
		{"mps2-an505", SYNTH_MODEL_B},
		{"mps2-an386", SYNTH_MODEL_A},
		{"rv32-pmp16", SYNTH_MODEL_B},
	};
	static const SynthStateRequest states[] = {
		{.module = "net", .section = ".synth_state.net", .size = 96, .align = 32},
		{.module = "app", .section = ".synth_state.app", .size = 4192, .align = 32},
		{.module = "cfg", .section = ".synth_state.cfg", .size = 64, .align = 32},
	};
	if (k < 0 || k >= LAYOUT_IMAGE_NSTATEPLANS)
		return NULL;
	SynthPlanTarget *t = NULL;
	SynthPlanInput *in = synth_plan_input_new(ctx);
	SynthPlan *p = NULL;
	SynthPlanError e;
	const char *cfg = "cfg";
	bool ok = in && !synth_plan_target_builtin(ctx, sp[k].target, &t, &e) &&
	          !synth_plan_input_add_json(in, two_domains, strlen(two_domains), "two-domains", &e);
	for (size_t i = 0; ok && i < sizeof states / sizeof *states; i++)
		ok = !synth_plan_input_add_state(in, &states[i], &e);
	ok = ok && !synth_plan_input_add_domain(in, "cfg", &cfg, 1, &e) && !synth_plan_input_finish(in, &e) &&
	     !synth_plan_compute(ctx, t, in, sp[k].model, &p, &e) && synth_plan_desc(p)->feasible;
	if (!ok) {
		synth_plan_free(p);
		p = NULL;
	}
	synth_plan_input_free(in);
	synth_plan_target_free(t);
	return p;
}

const char *layout_image_flaw_name(LayoutImageFlaw flaw)
{
	static const char *const names[LI_NFLAWS] = {"good", "no-tables", "moved", "table-word", "tables-cut",
	                                             "catch-all", "mem-moved", "overlap"};
	return flaw < LI_NFLAWS ? names[flaw] : "?";
}

SynthPlan *layout_image_plan(SynthContext *ctx, int k)
{
	if (k < 0 || k >= LAYOUT_IMAGE_NPLANS)
		return NULL;
	SynthPlanTarget *t = NULL;
	SynthPlanInput *in = synth_plan_input_new(ctx);
	SynthPlan *p = NULL;
	SynthPlanError e;
	if (!in || synth_plan_target_builtin(ctx, plans[k].target, &t, &e) ||
	    synth_plan_input_add_json(in, two_domains, strlen(two_domains), "two-domains", &e) ||
	    synth_plan_input_finish(in, &e) || synth_plan_compute(ctx, t, in, plans[k].model, &p, &e) ||
	    !synth_plan_desc(p)->feasible) {
		synth_plan_free(p);
		p = NULL;
	}
	synth_plan_input_free(in);
	synth_plan_target_free(t);
	return p;
}

/* Appends v to w[*n] when it fits. */
static void word(uint32_t *w, size_t *n, size_t cap, uint32_t v)
{
	if (*n < cap)
		w[(*n)++] = v;
}

/* The synth_mpu_tables words of every domain; false when encoding fails. */
static bool table_words(const SynthPlan *p, uint32_t *w, size_t cap, size_t *n)
{
	const SynthPlanDesc *d = synth_plan_desc(p);
	*n = 0;
	for (uint32_t dom = 0; dom < d->ndomains; dom++) {
		SynthRegTable rt;
		SynthPlanError e;
		if (synth_regs_encode(p, dom, &rt, &e))
			return false;
		uint32_t nw = rt.kind == SYNTH_MPU_PMP ? rt.n + (rt.n + 3) / 4 : 2 * rt.n;
		if (rt.kind == SYNTH_MPU_PMSAV8) {
			word(w, n, cap, rt.mair[0]);
			word(w, n, cap, rt.mair[1]);
		}
		for (uint32_t i = 0; i < nw; i++)
			word(w, n, cap, rt.words[i]);
	}
	return *n < cap;
}

static void put32(uint8_t *p, uint32_t v)
{
	for (int b = 0; b < 4; b++)
		p[b] = (uint8_t)(v >> (8 * b));
}

uint8_t *layout_image(SynthContext *ctx, const SynthPlan *p, LayoutImageFlaw flaw, size_t *size)
{
	return layout_image_states(ctx, p, flaw, LIS_GOOD, size);
}

uint8_t *layout_image_states(SynthContext *ctx, const SynthPlan *p, LayoutImageFlaw flaw,
                             LayoutImageStateFlaw sflaw, size_t *size)
{
	const SynthPlanDesc *d = synth_plan_desc(p);
	uint32_t w[1024];
	uint8_t bytes[4 * 1024];
	size_t nw = 0;
	if (!table_words(p, w, 1024, &nw))
		return NULL;
	if (flaw == LI_TABLE_WORD)
		w[d->target->mpu == SYNTH_MPU_PMSAV8 ? 2 : 0] ^= 0x100; /* the first region's base */
	for (size_t i = 0; i < nw; i++)
		for (int b = 0; b < 4; b++)
			bytes[4 * i + (size_t)b] = (uint8_t)(w[i] >> (8 * b));
	ElfObj *o = elf_new(&ctx->alloc);
	/* Section addresses, patched into the headers after elf_write (the
	 * writer makes relocatable objects, whose sections have none). */
	uint32_t addr[64] = {0};
	int sec = elf_section(o, ".rodata", SHT_PROGBITS, SHF_ALLOC, 4);
	elf_append(o, sec, bytes, 4 * nw - (flaw == LI_TABLES_CUT ? 4 : 0));
	/* Where a catch-all would put the memories: past everything planned. */
	uint64_t end = 0;
	for (uint32_t i = 0; i < d->nitems; i++)
		if (d->items[i].bank && d->items[i].base + d->items[i].size > end)
			end = d->items[i].base + d->items[i].size;
	int bss = 0;
	uint32_t bss_used = 0;
	if (flaw == LI_CATCH_ALL || sflaw == LIS_CATCH_ALL) {
		bss = elf_section(o, ".bss", SHT_NOBITS, SHF_ALLOC | SHF_WRITE, 8);
		addr[bss] = (uint32_t)((end + 7) & ~7ull);
	}
	bool moved = false, mem_moved = false, overlapped = false, state_flawed = false;
	for (uint32_t i = 0; i < d->nitems; i++) {
		const SynthPlanItem *it = &d->items[i];
		if (it->kind == SYNTH_ITEM_FIXED && !it->bank)
			continue; /* flash, peripherals: the fragment places nothing there */
		const char *kind = it->kind == SYNTH_ITEM_MEMORY ? "mem_" : it->kind == SYNTH_ITEM_FIXED ? "fixed_" :
		                   it->kind == SYNTH_ITEM_STATE ? "state_" : "";
		char name[300], sym[340];
		size_t k = 0;
		for (const char *c = it->kind == SYNTH_ITEM_STATE ? it->module : it->name; *c && k + 1 < sizeof name; c++)
			name[k++] = *c == '.' ? '_' : *c;
		name[k] = 0;
		snprintf(sym, sizeof sym, "__synth_%s%s_base", kind, name);
		elf_symbol(o, sym, ELF_ABS, (uint32_t)it->base + (flaw == LI_MOVED && !moved ? 0x100 : 0), 0,
		           STB_GLOBAL, ELF_NOTYPE);
		moved = true;
		snprintf(sym, sizeof sym, "__synth_%s%s_size", kind, name);
		elf_symbol(o, sym, ELF_ABS, (uint32_t)it->size, 0, STB_GLOBAL, ELF_NOTYPE);
		if (it->kind == SYNTH_ITEM_LINEAR)
			continue; /* the fragment gives it symbols only */
		/* The fragment's output section, padded to the planned size. */
		if (it->kind == SYNTH_ITEM_STATE)
			snprintf(sym, sizeof sym, ".synth_state.%s", it->module);
		else
			snprintf(sym, sizeof sym, "%s%s", it->kind == SYNTH_ITEM_MEMORY ? ".synth_mem." : ".synth_fixed.", it->name);
		int s = elf_section(o, sym, SHT_NOBITS, SHF_ALLOC | SHF_WRITE, 8);
		elf_reserve(o, s, it->size);
		if (s > 0 && s < 64)
			addr[s] = (uint32_t)it->base;
		if (it->kind == SYNTH_ITEM_STATE) {
			/* The module's own state (core/ABI.md): M__state at the start of its section. */
			int ss = s;
			uint32_t at = 0;
			bool first = !state_flawed;
			state_flawed = true;
			if (sflaw == LIS_CATCH_ALL) {
				ss = bss;
				at = bss_used;
				elf_reserve(o, bss, it->want);
				bss_used += (uint32_t)((it->want + 31) & ~31ull);
			} else if (sflaw == LIS_MOVED && first) {
				at = 0x20;
			} else if (sflaw == LIS_MISSING && first) {
				continue;
			}
			snprintf(sym, sizeof sym, "%s__state", it->module);
			elf_symbol(o, sym, ss, at, (uint32_t)it->want, STB_GLOBAL, ELF_OBJECT);
			snprintf(sym, sizeof sym, "%s__state_size", it->module);
			elf_symbol(o, sym, ELF_ABS, (uint32_t)it->want, 0, STB_GLOBAL, ELF_NOTYPE);
			continue;
		}
		if (it->kind != SYNTH_ITEM_MEMORY)
			continue;
		/* The module's own memory (core/ABI.md): M__memK at the start of its section. */
		int ms = s;
		uint32_t at = 0; /* offset in ms; the address once the image is "linked" */
		if (flaw == LI_CATCH_ALL) {
			ms = bss;
			at = bss_used;
			elf_reserve(o, bss, it->want);
			bss_used += (uint32_t)((it->want + 7) & ~7ull);
		} else if (flaw == LI_MEM_MOVED && !mem_moved) {
			at += 0x100;
			mem_moved = true;
		}
		snprintf(sym, sizeof sym, "%s__mem%u", it->module, it->memidx);
		elf_symbol(o, sym, ms, at, (uint32_t)it->want, STB_GLOBAL, ELF_OBJECT);
		snprintf(sym, sizeof sym, "%s__mem%u_size", it->module, it->memidx);
		elf_symbol(o, sym, ELF_ABS, (uint32_t)it->want, 0, STB_GLOBAL, ELF_NOTYPE);
		if (flaw == LI_OVERLAP && !overlapped) {
			static const uint8_t data[16] = {1};
			int ds = elf_section(o, ".data", SHT_PROGBITS, SHF_ALLOC | SHF_WRITE, 4);
			elf_append(o, ds, data, sizeof data);
			if (ds > 0 && ds < 64)
				addr[ds] = (uint32_t)it->base + 32;
			overlapped = true;
		}
	}
	if (flaw != LI_NO_TABLES)
		elf_symbol(o, "synth_mpu_tables", sec, 0, (uint32_t)(4 * nw), STB_GLOBAL, ELF_OBJECT);
	const uint8_t *img = NULL;
	uint8_t *out = NULL;
	if (elf_write(o, &img, size) == ELF_OK && (out = malloc(*size))) {
		memcpy(out, img, *size);
		/* What a linker makes of it: an executable whose sections have
		 * addresses and whose symbols' values are addresses. */
		ElfImage im;
		ElfSym sy;
		out[16] = ET_EXEC;
		if (elf_image_open(&im, out, *size) != ELF_OK) {
			free(out);
			out = NULL;
		}
		for (uint32_t s = 1; out && s < 64 && s < im.shnum; s++)
			put32(out + im.shoff + 40 * s + 12, addr[s]);
		for (uint32_t i = 1; out && elf_image_symbol(&im, i, &sy); i++)
			if (sy.shndx > 0 && sy.shndx < 64)
				put32(out + im.symoff + 16 * i + 4, sy.value + addr[sy.shndx]);
	}
	elf_free(o);
	return out;
}
