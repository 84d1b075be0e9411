/* regs.c - MPU/PMP register values: encoding a domain's regions and decoding
 * any register table back into the address ranges it grants.
 *
 * The decoder knows nothing of plans: it reads raw register words the way the
 * hardware does (PMSAv7 highest region wins and truncates misaligned bases,
 * which we report; PMSAv8 overlapping regions fault, which we report; PMP
 * lowest entry wins), so a checker can compare what a table really grants
 * with what the layout promised.
 * Memory attributes: RAM is normal write-back (PMSAv7 TEX=1 C=1 B=1; PMSAv8
 * MAIR attribute 0 = 0xFF), flash normal write-through (TEX=0 C=1 B=0;
 * attribute 2 = 0xAA), peripherals shareable device (TEX=0 C=0 B=1 S=1;
 * attribute 1 = 0x04, Device-nGnRE). Everything is unprivileged-accessible:
 * AP=3 (PMSAv7) / 0b01 (PMSAv8) for read-write, AP=6 / 0b11 for read-only. */
#include <stdio.h>
#include <string.h>

#include "plan_internal.h"

#define V8_MAIR0 0x00AA04FFu

SynthStatus synth_regs_encode(const SynthPlan *plan, uint32_t d, SynthRegTable *out, SynthPlanError *err)
{
	const SynthPlanTargetDesc *t = &plan->target;
	memset(out, 0, sizeof *out);
	out->kind = t->mpu;
	out->n = t->nregions;
	if (d >= plan->d.ndomains)
		return pl_error(err, SYNTH_ERR_ARGUMENT, "", "", "no domain %u", d);
	const SynthDomainPlan *dp = &plan->d.domains[d];
	uint32_t slot = 0;
	for (uint32_t i = 0; i < dp->nregions; i++) {
		const SynthHwRegion *r = &dp->regions[i];
		char why[160];
		if (!pl_region_valid(t, r, why))
			return pl_error(err, SYNTH_ERR_INVALID, "", "", "domain \"%s\" region %u: %s", dp->name, i, why);
		uint32_t need = pl_region_cost(t, r);
		if (slot + need > t->nregions)
			return pl_error(err, SYNTH_ERR_INVALID, "", "", "domain \"%s\" needs more than the %u %s the unit has",
			                dp->name, t->nregions, t->mpu == SYNTH_MPU_PMP ? "entries" : "regions");
		bool w = r->access & SYNTH_ACCESS_W, x = r->access & SYNTH_ACCESS_X;
		bool dev = r->access & SYNTH_ACCESS_DEVICE;
		switch (t->mpu) {
		case SYNTH_MPU_PMSAV7: {
			uint32_t tex = 0, s = 0, c = 0, b = 0;
			if (dev)
				b = 1, s = 1;
			else if (x)
				c = 1;
			else
				tex = 1, c = 1, b = 1;
			uint32_t ap = w ? 3 : 6;
			out->words[2 * slot] = (uint32_t)r->base | 1u << 4 | slot;
			out->words[2 * slot + 1] = (uint32_t)!x << 28 | ap << 24 | tex << 19 | s << 18 | c << 17 |
			                           b << 16 | (uint32_t)r->srd << 8 |
			                           (pl_log2(r->size) - 1) << 1 | 1u;
			break;
		}
		case SYNTH_MPU_PMSAV8: {
			uint32_t ap = w ? 1 : 3, attr = dev ? 1 : x ? 2 : 0;
			out->words[2 * slot] = (uint32_t)r->base | ap << 1 | (uint32_t)!x;
			out->words[2 * slot + 1] = ((uint32_t)(r->base + r->size - 32) & ~31u) | attr << 1 | 1u;
			break;
		}
		case SYNTH_MPU_PMP: {
			uint32_t perm = 1u | (uint32_t)w << 1 | (uint32_t)x << 2;
			uint32_t *addr = out->words, *cfg = out->words + t->nregions;
			if (r->pmp_mode == SYNTH_PMP_NAPOT) {
				addr[slot] = (uint32_t)((r->base >> 2) | ((r->size >> 3) - 1));
				cfg[slot / 4] |= (perm | 3u << 3) << (8 * (slot % 4));
			} else {
				addr[slot] = (uint32_t)(r->base >> 2);
				addr[slot + 1] = (uint32_t)((r->base + r->size) >> 2);
				cfg[(slot + 1) / 4] |= (perm | 1u << 3) << (8 * ((slot + 1) % 4));
			}
			break;
		}
		}
		slot += need;
	}
	/* Unused PMSAv7 slots still carry VALID and their number so loading them clears the region. */
	if (t->mpu == SYNTH_MPU_PMSAV7)
		for (uint32_t i = slot; i < t->nregions; i++)
			out->words[2 * i] = 1u << 4 | i;
	if (t->mpu == SYNTH_MPU_PMSAV8)
		out->mair[0] = V8_MAIR0;
	return SYNTH_OK;
}

/* A granted range with its access and the slot that grants it. */
typedef struct Grant {
	uint64_t lo, hi;
	uint32_t access;
} Grant;

/* Adds [lo, hi) minus everything already granted (a higher-priority slot). */
static int add_grant(Grant *g, int n, int max, uint64_t lo, uint64_t hi, uint32_t access)
{
	/* Subtract existing grants piece by piece with a small work list. */
	uint64_t wl[64], wh[64];
	int nw = 1;
	wl[0] = lo, wh[0] = hi;
	for (int i = 0; i < n; i++) {
		int k = nw;
		for (int j = 0; j < k; j++) {
			if (g[i].hi <= wl[j] || g[i].lo >= wh[j])
				continue;
			uint64_t a = wl[j], b = wh[j];
			wl[j] = wh[j] = 0;
			if (a < g[i].lo && nw < 64)
				wl[nw] = a, wh[nw] = g[i].lo, nw++;
			if (g[i].hi < b && nw < 64)
				wl[nw] = g[i].hi, wh[nw] = b, nw++;
		}
	}
	for (int j = 0; j < nw; j++) {
		if (wh[j] <= wl[j])
			continue;
		if (n == max)
			return -1;
		g[n].lo = wl[j], g[n].hi = wh[j], g[n].access = access;
		n++;
	}
	return n;
}

int pl_regs_decode(const SynthRegTable *t, uint64_t *lo, uint64_t *hi, uint32_t *access, int max, char why[200])
{
	Grant g[256];
	int n = 0;
	uint32_t nr = t->n;
	if (nr > (t->kind == SYNTH_MPU_PMP ? PL_MAX_REGIONS : PL_MAX_MPU_REGIONS)) {
		snprintf(why, 200, "table has %u regions", nr);
		return -1;
	}
	switch (t->kind) {
	case SYNTH_MPU_PMSAV7:
		/* Highest region wins: walk from the top. */
		for (int i = (int)nr - 1; i >= 0; i--) {
			uint32_t rbar = t->words[2 * i], rasr = t->words[2 * i + 1];
			if (!(rasr & 1))
				continue;
			if (!(rbar & 1u << 4) || (rbar & 0xF) != (uint32_t)i) {
				snprintf(why, 200, "region %d: RBAR 0x%08x does not select region %d (VALID and REGION fields)", i, rbar, i);
				return -1;
			}
			unsigned sf = (rasr >> 1) & 0x1F;
			if (sf < 4) {
				snprintf(why, 200, "region %d: RASR.SIZE %u is below the 32-byte minimum", i, sf);
				return -1;
			}
			uint64_t size = 1ULL << (sf + 1);
			uint64_t base = rbar & ~0x1Fu;
			if (base & (size - 1)) {
				snprintf(why, 200, "region %d: base 0x%08llx is not aligned to its size %llu; the MPU silently truncates it to 0x%08llx",
				         i, (unsigned long long)base, (unsigned long long)size, (unsigned long long)(base & ~(size - 1)));
				return -1;
			}
			uint8_t srd = (uint8_t)(rasr >> 8);
			if (srd && size < 256) {
				snprintf(why, 200, "region %d: subregions disabled in a %llu-byte region", i, (unsigned long long)size);
				return -1;
			}
			unsigned ap = (rasr >> 24) & 7;
			uint32_t acc = ap == 3 ? SYNTH_ACCESS_R | SYNTH_ACCESS_W : (ap == 6 || ap == 7) ? SYNTH_ACCESS_R : 0;
			if (!acc) {
				snprintf(why, 200, "region %d: AP=%u gives unprivileged code %s", i, ap, ap == 2 ? "read-only access only where privileged code can write" : "no access");
				return -1;
			}
			if (!(rasr >> 28 & 1))
				acc |= SYNTH_ACCESS_X;
			unsigned tex = (rasr >> 19) & 7, c = (rasr >> 17) & 1, b = (rasr >> 16) & 1;
			if (tex == 0 && c == 0 && b == 1)
				acc |= SYNTH_ACCESS_DEVICE;
			SynthHwRegion r = {base, size, srd, 0, acc, -1};
			uint64_t l[8], h[8];
			int k = pl_region_ranges(&r, l, h);
			for (int j = 0; j < k; j++) {
				n = add_grant(g, n, 256, l[j], h[j], acc);
				if (n < 0) {
					snprintf(why, 200, "table too fragmented");
					return -1;
				}
			}
		}
		break;
	case SYNTH_MPU_PMSAV8:
		for (uint32_t i = 0; i < nr; i++) {
			uint32_t rbar = t->words[2 * i], rlar = t->words[2 * i + 1];
			if (!(rlar & 1))
				continue;
			uint64_t base = rbar & ~31u, end = (uint64_t)(rlar & ~31u) + 32;
			if (end <= base) {
				snprintf(why, 200, "region %u: limit 0x%08llx is below base 0x%08llx", i, (unsigned long long)(end - 1), (unsigned long long)base);
				return -1;
			}
			unsigned ap = (rbar >> 1) & 3;
			if (ap == 0 || ap == 2) {
				snprintf(why, 200, "region %u: AP=%u is privileged-only: unprivileged code gets nothing", i, ap);
				return -1;
			}
			uint32_t acc = SYNTH_ACCESS_R | (ap == 1 ? SYNTH_ACCESS_W : 0) | (rbar & 1 ? 0 : SYNTH_ACCESS_X);
			unsigned ai = (rlar >> 1) & 7;
			uint32_t mair = t->mair[ai / 4] >> (8 * (ai % 4)) & 0xFF;
			if ((mair & 0xF0) == 0)
				acc |= SYNTH_ACCESS_DEVICE;
			for (int j = 0; j < n; j++) {
				if (g[j].lo < end && base < g[j].hi) {
					snprintf(why, 200, "region %u [0x%08llx, 0x%08llx) overlaps an earlier region: on PMSAv8 an access there faults",
					         i, (unsigned long long)base, (unsigned long long)end);
					return -1;
				}
			}
			if (n == 256)
				return -1;
			g[n].lo = base, g[n].hi = end, g[n].access = acc;
			n++;
		}
		break;
	case SYNTH_MPU_PMP: {
		const uint32_t *addr = t->words, *cfgw = t->words + nr;
		for (uint32_t i = 0; i < nr; i++) {
			uint32_t cfg = cfgw[i / 4] >> (8 * (i % 4)) & 0xFF;
			unsigned a = (cfg >> 3) & 3;
			uint64_t l, h;
			if (a == 0)
				continue;
			if (a == 1) {
				l = i ? (uint64_t)addr[i - 1] << 2 : 0;
				h = (uint64_t)addr[i] << 2;
				if (h <= l)
					continue; /* matches nothing */
			} else if (a == 2) {
				l = (uint64_t)addr[i] << 2;
				h = l + 4;
			} else {
				unsigned tz = 0;
				while (tz < 32 && (addr[i] >> tz & 1))
					tz++;
				uint64_t size = 8ULL << tz;
				l = ((uint64_t)addr[i] & ~((1ULL << tz) - 1) & ~(1ULL << tz)) << 2;
				h = l + size;
			}
			if ((cfg & 3) == 2) {
				snprintf(why, 200, "entry %u: W without R is reserved", i);
				return -1;
			}
			uint32_t acc = (cfg & 1 ? SYNTH_ACCESS_R : 0) | (cfg & 2 ? SYNTH_ACCESS_W : 0) | (cfg & 4 ? SYNTH_ACCESS_X : 0);
			/* A no-access entry grants nothing but still shadows later entries. */
			n = add_grant(g, n, 256, l, h, acc);
			if (n < 0) {
				snprintf(why, 200, "table too fragmented");
				return -1;
			}
		}
		break;
	}
	}
	if (n > max) {
		snprintf(why, 200, "table grants too many ranges");
		return -1;
	}
	int k = 0;
	for (int i = 0; i < n; i++)
		if (g[i].access)
			lo[k] = g[i].lo, hi[k] = g[i].hi, access[k] = g[i].access, k++;
	return k;
}
