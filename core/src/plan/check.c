/* check.c - the CI gate: a layout against register tables, inputs and images.
 *
 * Register tables: every domain's table (encoded from the layout, or read
 * from a linked image's synth_mpu_tables) is decoded back by regs.c and must
 * grant exactly the ranges the layout plans for the domain - its memories,
 * the fixed regions it gets, and any exposure the layout records - each with
 * its access rights, and nothing more. Inputs: every requested memory must
 * have a place at least as large as its reserve, every state section one at
 * least as large as the section. Exposure: a domain whose
 * regions grant bytes of another (model A coarse carving) fails unless the
 * layout records that the integrator accepted it. Images: the linker
 * script that used the ld fragment is not trusted, so the fragment's own
 * symbols are not enough: each memory must be the module's own section at
 * its planned place (the module's M__memK symbol, in the fragment's output
 * section), each state section too (M__state in .synth_state.M), and
 * nothing else allocated may overlap a planned range; a catch-all
 * *(.synth_mem.*) or *(.synth_state.*) earlier in the script, or a moved
 * symbol, shows.
 * Image and exposure checks report every violation, not the first only.
 * Images are read with libsynth's bounds-checked ELF reader (elf_read.c),
 * which validates every header, table and string before anything is looked up. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "obj/elf.h"
#include "plan_internal.h"

/* A granted range with access. */
typedef struct Acc {
	uint64_t lo, hi;
	uint32_t access;
} Acc;

static int cmp_acc(const void *a, const void *b)
{
	const Acc *x = a, *y = b;
	if (x->access != y->access)
		return x->access < y->access ? -1 : 1;
	return x->lo < y->lo ? -1 : x->lo > y->lo;
}

static int norm_acc(Acc *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_acc);
	int k = 0;
	for (int i = 0; i < n; i++) {
		if (v[i].hi <= v[i].lo)
			continue;
		if (k && v[k - 1].access == v[i].access && v[k - 1].hi >= v[i].lo) {
			if (v[i].hi > v[k - 1].hi)
				v[k - 1].hi = v[i].hi;
		} else {
			v[k++] = v[i];
		}
	}
	return k;
}

/* Name of the planned item overlapping [lo, hi), or "nothing planned". */
static const char *owner(const SynthPlan *p, uint64_t lo, uint64_t hi)
{
	for (uint32_t i = 0; i < p->d.nitems; i++) {
		const SynthPlanItem *it = &p->d.items[i];
		if (it->kind == SYNTH_ITEM_LINEAR)
			continue;
		if (it->base < hi && lo < it->base + it->size)
			return it->name;
	}
	return "no planned item";
}

/* The ranges domain d should get. */
static int expected(const SynthPlan *p, uint32_t d, Acc *v, int max)
{
	const SynthDomainPlan *dp = &p->d.domains[d];
	int n = 0;
	for (uint32_t i = 0; i < p->d.nitems && n < max; i++) {
		const SynthPlanItem *it = &p->d.items[i];
		if (it->kind == SYNTH_ITEM_FIXED && (it->domain < 0 || it->domain == (int32_t)d))
			v[n++] = (Acc){it->base, it->base + it->size, it->access};
	}
	for (uint32_t k = 0; k < dp->nitems && n < max; k++) {
		const SynthPlanItem *it = &p->d.items[dp->items[k]];
		v[n++] = (Acc){it->base, it->base + it->size, it->access};
	}
	for (uint32_t k = 0; k < dp->nexposures && n < max; k++)
		v[n++] = (Acc){dp->exposures[k].base, dp->exposures[k].base + dp->exposures[k].size,
		               SYNTH_ACCESS_R | SYNTH_ACCESS_W};
	if (p->target.mpu == SYNTH_MPU_PMP) /* a PMP has no memory types */
		for (int i = 0; i < n; i++)
			v[i].access &= ~(uint32_t)SYNTH_ACCESS_DEVICE;
	return norm_acc(v, n);
}

/* First range of a not covered by b (same access), or false. */
static bool first_missing(const Acc *a, int na, const Acc *b, int nb, Acc *out)
{
	for (int i = 0; i < na; i++) {
		uint64_t lo = a[i].lo;
		for (int j = 0; j < nb && lo < a[i].hi; j++) {
			if (b[j].access != a[i].access || b[j].hi <= lo || b[j].lo >= a[i].hi)
				continue;
			if (b[j].lo > lo) {
				*out = (Acc){lo, b[j].lo, a[i].access};
				return true;
			}
			lo = b[j].hi;
		}
		if (lo < a[i].hi) {
			*out = (Acc){lo, a[i].hi, a[i].access};
			return true;
		}
	}
	return false;
}

/* Compares what table grants with what domain d should get. */
static SynthStatus compare(const SynthPlan *p, uint32_t d, const SynthRegTable *tab, const char *file,
                           const char *what, SynthPlanError *err)
{
	const SynthDomainPlan *dp = &p->d.domains[d];
	Acc want[512], got[256];
	uint64_t lo[256], hi[256];
	uint32_t acc[256];
	char why[200], a1[16];
	int nw = expected(p, d, want, 512);
	int ng = pl_regs_decode(tab, lo, hi, acc, 256, why);
	if (ng < 0)
		return pl_error(err, SYNTH_ERR_INVALID, file, "", "domain \"%s\": %s: %s", dp->name, what, why);
	for (int i = 0; i < ng; i++)
		got[i] = (Acc){lo[i], hi[i], acc[i]};
	ng = norm_acc(got, ng);
	Acc m;
	if (first_missing(got, ng, want, nw, &m))
		return pl_error(err, SYNTH_ERR_INVALID, file, "",
		                "domain \"%s\": %s grants [0x%08llx, 0x%08llx) %s, which the layout does not give it (%s is there)",
		                dp->name, what, (unsigned long long)m.lo, (unsigned long long)m.hi,
		                pl_access_str(m.access, a1), owner(p, m.lo, m.hi));
	if (first_missing(want, nw, got, ng, &m))
		return pl_error(err, SYNTH_ERR_INVALID, file, "",
		                "domain \"%s\": %s does not grant [0x%08llx, 0x%08llx) %s of %s, which the layout plans",
		                dp->name, what, (unsigned long long)m.lo, (unsigned long long)m.hi,
		                pl_access_str(m.access, a1), owner(p, m.lo, m.hi));
	return SYNTH_OK;
}

SynthStatus synth_layout_check_regs(const SynthPlan *layout, SynthPlanError *err)
{
	pl_error_clear(err);
	for (uint32_t d = 0; d < layout->d.ndomains; d++) {
		SynthRegTable tab;
		SynthStatus st = synth_regs_encode(layout, d, &tab, err);
		if (st)
			return st;
		st = compare(layout, d, &tab, "", "the register table", err);
		if (st)
			return st;
	}
	return SYNTH_OK;
}

SynthStatus synth_layout_check_input(const SynthPlan *layout, const SynthPlanInput *in, SynthPlanError *err)
{
	pl_error_clear(err);
	const SynthPlanInputDesc *d = &in->d;
	char s1[32], s2[32];
	for (uint32_t r = 0; r < d->nrequests; r++) {
		const SynthMemRequest *q = &d->requests[r];
		const SynthPlanItem *it = NULL;
		for (uint32_t i = 0; i < layout->d.nitems; i++) {
			const SynthPlanItem *x = &layout->d.items[i];
			if (x->kind == SYNTH_ITEM_MEMORY && x->memidx == q->memidx && strcmp(x->module, q->module) == 0)
				it = x;
		}
		if (!it)
			return pl_error(err, SYNTH_ERR_INVALID, "", "",
			                "memory %s.%u has no place in the layout: plan again and review the new layout",
			                q->module, q->memidx);
		if (q->reserve > it->size)
			return pl_error(err, SYNTH_ERR_INVALID, "", "",
			                "memory %s.%u no longer fits: it reserves %s, the layout gives it %s at 0x%08llx",
			                q->module, q->memidx, pl_size_str(q->reserve, s1), pl_size_str(it->size, s2),
			                (unsigned long long)it->base);
		if (q->align > 1 && it->base % q->align)
			return pl_error(err, SYNTH_ERR_INVALID, "", "",
			                "memory %s.%u needs alignment %llu, the layout puts it at 0x%08llx",
			                q->module, q->memidx, (unsigned long long)q->align, (unsigned long long)it->base);
		uint32_t cap = synth_plan_input_max_regions(in, r);
		uint32_t nreg = cap && it->parent < 0 ? synth_plan_item_regions(layout, (uint32_t)(it - layout->d.items)) : 0;
		if (nreg > cap)
			return pl_error(err, SYNTH_ERR_INVALID, "", "",
			                "memory %s.%u is covered by %u regions, its max_regions allows %u: plan again and "
			                "review the new layout", q->module, q->memidx, nreg, cap);
		if (q->pinned && it->base != q->address)
			return pl_error(err, SYNTH_ERR_INVALID, "", "",
			                "memory %s.%u is pinned at 0x%08llx, the layout puts it at 0x%08llx: plan again and "
			                "review the new layout", q->module, q->memidx, (unsigned long long)q->address,
			                (unsigned long long)it->base);
	}
	for (uint32_t r = 0; r < d->nstates; r++) {
		const SynthStateRequest *q = &d->states[r];
		const SynthPlanItem *it = NULL;
		for (uint32_t i = 0; i < layout->d.nitems; i++) {
			const SynthPlanItem *x = &layout->d.items[i];
			if (x->kind == SYNTH_ITEM_STATE && strcmp(x->module, q->module) == 0 &&
			    (x->component == NULL) == (q->component == NULL) &&
			    (!q->component || strcmp(x->component, q->component) == 0))
				it = x;
		}
		if (!it)
			return pl_error(err, SYNTH_ERR_INVALID, "", "",
			                "the state section of module %s (%s, %s) has no place in the layout: plan again and "
			                "review the new layout", q->module, q->section, pl_size_str(q->size, s1));
		if (q->size > it->size)
			return pl_error(err, SYNTH_ERR_INVALID, "", "",
			                "the state section of module %s (%s) no longer fits: it needs %s, the layout gives it "
			                "%s at 0x%08llx", q->module, q->section, pl_size_str(q->size, s1),
			                pl_size_str(it->size, s2), (unsigned long long)it->base);
		if (it->base % q->align)
			return pl_error(err, SYNTH_ERR_INVALID, "", "",
			                "the state section of module %s needs alignment %llu, the layout puts it at 0x%08llx",
			                q->module, (unsigned long long)q->align, (unsigned long long)it->base);
		if (q->pinned && it->base != q->address)
			return pl_error(err, SYNTH_ERR_INVALID, "", "",
			                "the state section of module %s is pinned at 0x%08llx, the layout puts it at 0x%08llx: "
			                "plan again and review the new layout", q->module, (unsigned long long)q->address,
			                (unsigned long long)it->base);
		if (q->readonly != !(it->access & SYNTH_ACCESS_W))
			return pl_error(err, SYNTH_ERR_INVALID, "", "",
			                "the state section %s is %s, the layout grants it %s: plan again and review the new "
			                "layout", q->section, q->readonly ? "read-only" : "writable",
			                it->access & SYNTH_ACCESS_W ? "read-write" : "read-only");
	}
	return SYNTH_OK;
}

/* ---- violations, all of them ---- */

/* Where a check's violations go: each one to the caller's callback, the
 * first one to err. */
typedef struct PlIssues {
	SynthPlanIssueFn *each; /* caller's callback, or NULL */
	void *ud;               /* its argument */
	SynthPlanError *err;    /* gets the first violation, or NULL */
	const char *file;       /* file the violations are about */
	uint32_t n;             /* violations so far */
} PlIssues;

static void issue(PlIssues *is, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void issue(PlIssues *is, const char *fmt, ...)
{
	SynthPlanError e;
	memset(&e, 0, sizeof e);
	e.status = SYNTH_ERR_INVALID;
	snprintf(e.file, sizeof e.file, "%s", is->file ? is->file : "");
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e.message, sizeof e.message, fmt, ap);
	va_end(ap);
	if (is->each)
		is->each(is->ud, &e);
	if (!is->n && is->err)
		*is->err = e;
	is->n++;
}

/* The status of a finished check; err's message counts the other violations. */
static SynthStatus issues_end(PlIssues *is)
{
	if (!is->n)
		return SYNTH_OK;
	if (is->n > 1 && is->err) {
		size_t k = strlen(is->err->message);
		snprintf(is->err->message + k, sizeof is->err->message - k, " (and %u more violation%s)", is->n - 1,
		         is->n == 2 ? "" : "s");
	}
	return SYNTH_ERR_INVALID;
}

SynthStatus synth_layout_check_exposure(const SynthPlan *layout, SynthPlanIssueFn *each, void *ud,
                                        SynthPlanError *err)
{
	pl_error_clear(err);
	PlIssues is = {each, ud, err, "", 0};
	for (uint32_t d = 0; d < layout->d.ndomains; d++) {
		const SynthDomainPlan *dp = &layout->d.domains[d];
		if (!dp->exposed || dp->accepted == dp->exposed)
			continue;
		char what[400] = "";
		size_t k = 0;
		uint32_t x = 0;
		for (; x < dp->nexposures && k + 80 < sizeof what; x++) {
			const SynthRange *r = &dp->exposures[x];
			int w = snprintf(what + k, sizeof what - k, "%s[0x%08llx, 0x%08llx) of %s", x ? ", " : "",
			                 (unsigned long long)r->base, (unsigned long long)(r->base + r->size),
			                 owner(layout, r->base, r->base + r->size));
			if (w > 0)
				k += (size_t)w;
		}
		issue(&is, "domain \"%s\" can write %llu bytes it does not own (%s%s): its model %s carving is NOT "
		      "enforced, and the layout does not accept that exposure (write it with synth plan "
		      "--accept-exposure to accept it, or use model B)",
		      dp->name, (unsigned long long)dp->exposed, what, x < dp->nexposures ? ", ..." : "",
		      layout->d.model == SYNTH_MODEL_A ? "A" : "B");
	}
	return issues_end(&is);
}

/* Symbol name: prefix + name with every '.' replaced by '_' + suffix. */
static void sym_name(char *out, size_t cap, const char *prefix, const char *name, const char *suffix)
{
	size_t k = (size_t)snprintf(out, cap, "%s", prefix);
	for (const char *s = name; *s && k + 1 < cap; s++)
		out[k++] = *s == '.' ? '_' : *s;
	out[k] = 0;
	snprintf(out + k, cap - k, "%s", suffix);
}

uint32_t pl_table_words(const SynthPlanTargetDesc *t)
{
	switch (t->mpu) {
	case SYNTH_MPU_PMSAV7: return 2 * t->nregions;
	case SYNTH_MPU_PMSAV8: return 2 + 2 * t->nregions;
	case SYNTH_MPU_PMP: return t->nregions + (t->nregions + 3) / 4;
	}
	return 0;
}

/* Looks a symbol up by name (a global one before a local one); false when absent. */
static bool find_symbol(const ElfImage *img, const char *name, ElfSym *out)
{
	uint32_t i = elf_image_find_symbol(img, name);
	return i && elf_image_symbol(img, i, out);
}

/* Name of the output section the ld fragment gives a placed item. */
static void item_section(const SynthPlanItem *it, char *out, size_t cap)
{
	if (it->kind == SYNTH_ITEM_STATE)
		pl_state_name(it->module, it->component, PL_STATE_SECTION, out, cap);
	else
		snprintf(out, cap, "%s%s", it->kind == SYNTH_ITEM_MEMORY ? ".synth_mem." : ".synth_fixed.", it->name);
}

/* The symbols the ld fragment defines for an item hold its base and size. */
static void check_fragment_symbols(PlIssues *is, const ElfImage *img, const SynthPlanItem *it)
{
	const char *prefix = it->kind == SYNTH_ITEM_MEMORY ? "__synth_mem_" :
	                     it->kind == SYNTH_ITEM_LINEAR ? "__synth_" :
	                     it->kind == SYNTH_ITEM_STATE ? "__synth_state_" : "__synth_fixed_";
	char stem[300];
	if (it->kind == SYNTH_ITEM_STATE)
		pl_state_name(it->module, it->component, PL_STATE_STEM, stem, sizeof stem);
	const char *name = it->kind == SYNTH_ITEM_STATE ? stem : it->name;
	char sym[400];
	ElfSym s;
	sym_name(sym, sizeof sym, prefix, name, "_base");
	if (!find_symbol(img, sym, &s))
		issue(is, "%s is not defined: was the image linked with this layout's ld fragment?", sym);
	else if (s.value != it->base)
		issue(is, "%s is at 0x%08x in the image, the layout puts it at 0x%08llx", it->name, s.value,
		      (unsigned long long)it->base);
	sym_name(sym, sizeof sym, prefix, name, "_size");
	if (!find_symbol(img, sym, &s))
		issue(is, "%s is not defined: was the image linked with this layout's ld fragment?", sym);
	else if (s.value != it->size)
		issue(is, "%s has %u bytes in the image, the layout gives it %llu", it->name, s.value,
		      (unsigned long long)it->size);
}

/* The module's own memory (or state section), not the fragment's word for
 * it: M__memK (M__state), which the module defines at the start of its
 * section .synth_mem.M.K (.synth_state.M), sits at the planned base, in the
 * fragment's output section of that name, which starts there and has the
 * planned size; the module reserves no more than that (the symbol's size,
 * M__memK_size or M__state_size). */
static void check_module_object(PlIssues *is, const ElfImage *img, const SynthPlanItem *it)
{
	char sym[400], secname[400], what[64], whose[64];
	ElfSym s;
	ElfSection sec;
	bool st = it->kind == SYNTH_ITEM_STATE;
	if (st) {
		pl_state_name(it->module, it->component, PL_STATE_SYMBOL, sym, sizeof sym);
		snprintf(what, sizeof what, "state");
		snprintf(whose, sizeof whose, "its state");
	} else {
		snprintf(sym, sizeof sym, "%s__mem%u", it->module, it->memidx);
		snprintf(what, sizeof what, "memory");
		snprintf(whose, sizeof whose, "memory %u", it->memidx);
	}
	item_section(it, secname, sizeof secname);
	if (!find_symbol(img, sym, &s) || s.shndx == SHN_UNDEF) {
		issue(is, "%s: the image does not define %s, which module %s defines at the start of its %s "
		      "section %s: was the module linked into the image?", it->name, sym, it->module, what, secname);
		return;
	}
	if (s.shndx >= SHN_LORESERVE || !elf_image_section(img, s.shndx, &sec) || s.type != STT_OBJECT) {
		/* The module's is an object in a section; an assignment in a linker
		 * script makes an absolute or untyped symbol instead. */
		issue(is, "%s: %s is not the module's %s object (an object in a section): a "
		      "linker-script assignment cannot stand for the %s", it->name, sym, what, what);
		return;
	}
	bool in_own = strcmp(sec.name, secname) == 0;
	if (s.value != it->base && in_own)
		issue(is, "%s: module %s's %s (%s) is at 0x%08x, %s0x%llx bytes off the planned base 0x%08llx of its "
		      "section %s (a tampered image, or something linked before it in the section)", it->name, it->module,
		      what, sym, s.value, s.value < it->base ? "-" : "",
		      (unsigned long long)(s.value < it->base ? it->base - s.value : s.value - it->base),
		      (unsigned long long)it->base, secname);
	else if (s.value != it->base)
		issue(is, "%s: module %s's %s (%s) is at 0x%08x in section %s, the layout puts it at 0x%08llx: a "
		      "linker-script statement before the fragment's (a catch-all such as *(%s.*)?) placed %s",
		      it->name, it->module, what, sym, s.value, sec.name[0] ? sec.name : "?", (unsigned long long)it->base,
		      st ? ".synth_state" : ".synth_mem", secname);
	else if (!in_own)
		issue(is, "%s: module %s's %s (%s) is in section %s, not in %s, the output section the fragment "
		      "places at 0x%08llx", it->name, it->module, what, sym, sec.name[0] ? sec.name : "?", secname,
		      (unsigned long long)it->base);
	else if (sec.addr != it->base || sec.size != it->size || !(sec.flags & SHF_ALLOC))
		issue(is, "%s: section %s is %s[0x%08x, 0x%08llx), the layout plans [0x%08llx, 0x%08llx)", it->name,
		      secname, sec.flags & SHF_ALLOC ? "" : "not allocated, ", sec.addr,
		      (unsigned long long)sec.addr + sec.size, (unsigned long long)it->base,
		      (unsigned long long)(it->base + it->size));
	if (s.size > it->size)
		issue(is, "%s: module %s reserves %u bytes for %s (the size of %s), the layout gives it %llu",
		      it->name, it->module, s.size, whose, sym, (unsigned long long)it->size);
	size_t k = strlen(sym);
	snprintf(sym + k, sizeof sym - k, "_size");
	if (find_symbol(img, sym, &s) && s.shndx == SHN_ABS && s.value > it->size)
		issue(is, "%s: module %s reserves %u bytes for %s (%s), the layout gives it %llu", it->name,
		      it->module, s.value, whose, sym, (unsigned long long)it->size);
}

/* True when section name is the output section of item i or, for the
 * linear memory, of one of its slices. */
static bool own_section(const SynthPlan *p, uint32_t i, const char *name)
{
	char want[400];
	for (uint32_t k = 0; k < p->d.nitems; k++) {
		const SynthPlanItem *it = &p->d.items[k];
		if (k != i && it->parent != (int32_t)i)
			continue;
		if (it->kind == SYNTH_ITEM_LINEAR)
			continue; /* only symbols: the slices are its sections */
		item_section(it, want, sizeof want);
		if (strcmp(want, name) == 0)
			return true;
	}
	return false;
}

/* No allocated section but an item's own overlaps what the layout plans in RAM. */
static void check_overlaps(PlIssues *is, const SynthPlan *p, const ElfImage *img)
{
	ElfSection sec;
	for (uint32_t i = 1; elf_image_section(img, i, &sec); i++) {
		if (!(sec.flags & SHF_ALLOC) || !sec.size)
			continue;
		uint64_t lo = sec.addr, hi = (uint64_t)sec.addr + sec.size;
		for (uint32_t k = 0; k < p->d.nitems; k++) {
			const SynthPlanItem *it = &p->d.items[k];
			if (!it->bank || it->parent >= 0 || lo >= it->base + it->size || it->base >= hi)
				continue; /* slices are checked through their linear memory */
			if (own_section(p, k, sec.name))
				continue;
			issue(is, "section %s [0x%08llx, 0x%08llx) overlaps %s [0x%08llx, 0x%08llx), which the layout "
			      "reserves for %s", sec.name[0] ? sec.name : "?", (unsigned long long)lo, (unsigned long long)hi,
			      it->kind == SYNTH_ITEM_LINEAR ? "the linear memory" : it->name, (unsigned long long)it->base,
			      (unsigned long long)(it->base + it->size),
			      it->kind == SYNTH_ITEM_FIXED ? "that fixed region" :
			      it->kind == SYNTH_ITEM_LINEAR ? "the slices' own sections" :
			      it->kind == SYNTH_ITEM_STATE ? "its state section alone" : "its memory alone");
			break;
		}
	}
}

/* The image's synth_mpu_tables, decoded, grant what the layout plans. */
static void check_tables(PlIssues *is, const SynthPlan *layout, const ElfImage *img, const char *file)
{
	ElfSym tabsym;
	if (!find_symbol(img, "synth_mpu_tables", &tabsym))
		return; /* the image does not link the generated table: nothing more to check */
	uint32_t words = pl_table_words(&layout->target);
	uint64_t bytes = (uint64_t)words * 4 * layout->d.ndomains;
	if (tabsym.size != bytes) {
		issue(is, "synth_mpu_tables has %u bytes, the layout's %u domains need %llu: it was generated from another layout",
		      tabsym.size, layout->d.ndomains, (unsigned long long)bytes);
		return;
	}
	const uint8_t *b = elf_image_bytes_at(img, tabsym.shndx, tabsym.value, tabsym.size);
	if (!b) {
		issue(is, "synth_mpu_tables has no contents in the image");
		return;
	}
	for (uint32_t d = 0; d < layout->d.ndomains; d++) {
		SynthRegTable t;
		memset(&t, 0, sizeof t);
		t.kind = layout->target.mpu;
		t.n = layout->target.nregions;
		const uint8_t *w = b + (size_t)d * words * 4;
		uint32_t v[128];
		for (uint32_t k = 0; k < words && k < 128; k++)
			v[k] = (uint32_t)w[4 * k] | (uint32_t)w[4 * k + 1] << 8 | (uint32_t)w[4 * k + 2] << 16 |
			       (uint32_t)w[4 * k + 3] << 24;
		if (t.kind == SYNTH_MPU_PMSAV8) {
			t.mair[0] = v[0], t.mair[1] = v[1];
			memcpy(t.words, v + 2, sizeof(uint32_t) * (words - 2));
		} else {
			memcpy(t.words, v, sizeof(uint32_t) * words);
		}
		SynthPlanError e;
		if (compare(layout, d, &t, file, "the image's synth_mpu_tables", &e))
			issue(is, "%s", e.message);
	}
}

/* The image's synth_layout_zero, when it links one, lists exactly the
 * ranges the layout places (what the start-up code zeroes). */
static void check_zero_table(PlIssues *is, const SynthPlan *layout, const ElfImage *img)
{
	ElfSym zs;
	if (!find_symbol(img, "synth_layout_zero", &zs))
		return;
	const SyAlloc *a = &layout->ctx->alloc;
	size_t cap = sizeof(SynthRange) * (layout->d.nitems + 1);
	SynthRange *want = sy_malloc(a, cap);
	if (!want) {
		issue(is, "out of memory");
		return;
	}
	uint32_t n = pl_zero_ranges(layout, want);
	const uint8_t *b = NULL;
	if (zs.size != 8 * n)
		issue(is, "synth_layout_zero has %u bytes, the layout's %u ranges to zero need %u: it was generated from "
		      "another layout", zs.size, n, 8 * n);
	else if (!(b = elf_image_bytes_at(img, zs.shndx, zs.value, zs.size)))
		issue(is, "synth_layout_zero has no contents in the image");
	if (!b) {
		sy_free(a, want, cap);
		return;
	}
	for (uint32_t i = 0; i < n; i++) {
		const uint8_t *w = b + 8 * i;
		uint32_t base = (uint32_t)w[0] | (uint32_t)w[1] << 8 | (uint32_t)w[2] << 16 | (uint32_t)w[3] << 24;
		uint32_t sz = (uint32_t)w[4] | (uint32_t)w[5] << 8 | (uint32_t)w[6] << 16 | (uint32_t)w[7] << 24;
		if (base != want[i].base || sz != want[i].size) {
			issue(is, "synth_layout_zero[%u] is [0x%08x, +%u), the layout places [0x%08llx, +%llu) there: the "
			      "start-up code would not zero what the layout places", i, base, sz,
			      (unsigned long long)want[i].base, (unsigned long long)want[i].size);
			n = UINT32_MAX;
			break;
		}
	}
	sy_free(a, want, cap);
	if (n == UINT32_MAX)
		return;
	ElfSym ns;
	const uint8_t *nb = find_symbol(img, "synth_layout_nzero", &ns) && ns.size == 4
	                        ? elf_image_bytes_at(img, ns.shndx, ns.value, 4) : NULL;
	if (nb && ((uint32_t)nb[0] | (uint32_t)nb[1] << 8 | (uint32_t)nb[2] << 16 | (uint32_t)nb[3] << 24) != n)
		issue(is, "synth_layout_nzero is not %u, the number of ranges the layout places", n);
}

SynthStatus synth_layout_check_image(const SynthPlan *layout, const uint8_t *elf, size_t size,
                                     const char *file, SynthPlanIssueFn *each, void *ud,
                                     SynthPlanError *err)
{
	pl_error_clear(err);
	PlIssues is = {each, ud, err, file, 0};
	ElfImage img;
	if (elf_image_open(&img, elf, size) != ELF_OK) {
		issue(&is, "%s", img.msg);
		return issues_end(&is);
	}
	if (!img.symtab) {
		issue(&is, "no symbol table (was the image stripped?)");
		return issues_end(&is);
	}
	if (img.type != ET_EXEC)
		issue(&is, "not a linked executable (ELF type %u): give the image the linker wrote", img.type);
	for (uint32_t i = 0; i < layout->d.nitems; i++) {
		const SynthPlanItem *it = &layout->d.items[i];
		if (it->kind == SYNTH_ITEM_FIXED && !it->bank)
			continue; /* flash, peripherals: not linked sections */
		check_fragment_symbols(&is, &img, it);
		if (it->kind == SYNTH_ITEM_MEMORY || it->kind == SYNTH_ITEM_STATE)
			check_module_object(&is, &img, it);
	}
	/* A module whose memory the layout places keeps its state in its domain
	 * too: a state section the layout does not place lies wherever the
	 * runtime's script put it, writable by every domain. */
	for (uint32_t i = 0; i < layout->d.nitems; i++) {
		const SynthPlanItem *it = &layout->d.items[i];
		if (it->kind != SYNTH_ITEM_MEMORY)
			continue;
		/* a fused module's component k (memory k) has M__state_c<k> */
		char comp[24];
		snprintf(comp, sizeof comp, "c%u", it->memidx);
		bool first = true, placed = false, placed_c = false;
		for (uint32_t j = 0; j < layout->d.nitems; j++) {
			const SynthPlanItem *x = &layout->d.items[j];
			if (x->module && strcmp(x->module, it->module) == 0) {
				first &= !(x->kind == SYNTH_ITEM_MEMORY && j < i);
				placed |= x->kind == SYNTH_ITEM_STATE && !x->component; /* M__state's */
				placed_c |= x->kind == SYNTH_ITEM_STATE && x->component && strcmp(x->component, comp) == 0;
			}
		}
		char sym[300];
		ElfSym s;
		snprintf(sym, sizeof sym, "%s__state", it->module);
		if (first && !placed && find_symbol(&img, sym, &s) && s.shndx != SHN_UNDEF && s.size)
			issue(&is, "module %s's state section (%s, %u bytes at 0x%08x) is not placed by the layout: it lies "
			      "outside the module's domain (plan again with the module's request file, which has its state)",
			      it->module, sym, s.size, s.value);
		pl_state_name(it->module, comp, PL_STATE_SYMBOL, sym, sizeof sym);
		if (!placed_c && find_symbol(&img, sym, &s) && s.shndx != SHN_UNDEF && s.size)
			issue(&is, "component %s of module %s: its state section (%s, %u bytes at 0x%08x) is not placed by "
			      "the layout: it lies outside the component's domain (plan again with the module's request "
			      "file, which has its state)", comp, it->module, sym, s.size, s.value);
	}
	check_overlaps(&is, layout, &img);
	check_tables(&is, layout, &img, file);
	check_zero_table(&is, layout, &img);
	return issues_end(&is);
}

SynthStatus synth_layout_check_elf(const SynthPlan *layout, const uint8_t *elf, size_t size,
                                   const char *file, SynthPlanError *err)
{
	return synth_layout_check_image(layout, elf, size, file, NULL, NULL, err);
}
