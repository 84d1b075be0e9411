/* check.c - the CI gate: a layout against register tables, inputs and images.
 *
 * Register tables: every domain's table (encoded from the layout, or read
 * from a linked image's synth_mpu_tables) is decoded back by regs.c and must
 * grant exactly the ranges the layout plans for the domain - its memories,
 * the fixed regions it gets, and any exposure the layout records - each with
 * its access rights, and nothing more. Inputs: every requested memory must
 * have a place at least as large as its reserve. Images: the symbols the ld
 * fragment defines must hold the planned bases and sizes. Images are read
 * with libsynth's bounds-checked ELF reader (elf_read.c), which validates
 * every header, table and string before anything is looked up. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elf.h"
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
	}
	return SYNTH_OK;
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

SynthStatus synth_layout_check_elf(const SynthPlan *layout, const uint8_t *elf, size_t size,
                                   const char *file, SynthPlanError *err)
{
	pl_error_clear(err);
	ElfImage img;
	char sym[400];
	if (elf_image_open(&img, elf, size) != ELF_OK)
		return pl_error(err, SYNTH_ERR_INVALID, file, "", "%s", img.msg);
	if (!img.symtab)
		return pl_error(err, SYNTH_ERR_INVALID, file, "", "no symbol table (was the image stripped?)");
	for (uint32_t i = 0; i < layout->d.nitems; i++) {
		const SynthPlanItem *it = &layout->d.items[i];
		if (it->kind == SYNTH_ITEM_FIXED && !it->bank)
			continue; /* flash, peripherals: not linked sections */
		const char *prefix = it->kind == SYNTH_ITEM_MEMORY ? "__synth_mem_" :
		                     it->kind == SYNTH_ITEM_LINEAR ? "__synth_" : "__synth_fixed_";
		ElfSym s;
		sym_name(sym, sizeof sym, prefix, it->name, "_base");
		if (!find_symbol(&img, sym, &s))
			return pl_error(err, SYNTH_ERR_INVALID, file, "",
			                "%s is not defined: was the image linked with this layout's ld fragment?", sym);
		if (s.value != it->base)
			return pl_error(err, SYNTH_ERR_INVALID, file, "",
			                "%s is at 0x%08x in the image, the layout puts it at 0x%08llx", it->name, s.value,
			                (unsigned long long)it->base);
		sym_name(sym, sizeof sym, prefix, it->name, "_size");
		if (!find_symbol(&img, sym, &s))
			return pl_error(err, SYNTH_ERR_INVALID, file, "", "%s is not defined", sym);
		if (s.value != it->size)
			return pl_error(err, SYNTH_ERR_INVALID, file, "",
			                "%s has %u bytes in the image, the layout gives it %llu", it->name, s.value,
			                (unsigned long long)it->size);
	}
	ElfSym tabsym;
	if (!find_symbol(&img, "synth_mpu_tables", &tabsym))
		return SYNTH_OK; /* the image does not link the generated table: nothing more to check */
	uint32_t words = pl_table_words(&layout->target);
	uint64_t bytes = (uint64_t)words * 4 * layout->d.ndomains;
	if (tabsym.size != bytes)
		return pl_error(err, SYNTH_ERR_INVALID, file, "",
		                "synth_mpu_tables has %u bytes, the layout's %u domains need %llu: it was generated from another layout",
		                tabsym.size, layout->d.ndomains, (unsigned long long)bytes);
	const uint8_t *b = elf_image_bytes_at(&img, tabsym.shndx, tabsym.value, tabsym.size);
	if (!b)
		return pl_error(err, SYNTH_ERR_INVALID, file, "", "synth_mpu_tables has no contents in the image");
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
		SynthStatus st = compare(layout, d, &t, file, "the image's synth_mpu_tables", err);
		if (st)
			return st;
	}
	return SYNTH_OK;
}
