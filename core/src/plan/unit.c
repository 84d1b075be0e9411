/* unit.c - the rules of each protection unit, and exact covers of ranges.
 *
 * PMSAv7: a region is a power of two from 32 B, its base aligned to its size;
 *   regions from 256 B have 8 subregions that SRD bits disable, so one region
 *   grants any run of eighths of an aligned block. Overlap is allowed.
 * PMSAv8: a region is any 32-byte aligned [base, limit]; overlap faults.
 * PMP: NAPOT entries are power-of-two blocks from 8 B (and the grain), aligned
 *   to their size, one entry each; TOR ranges are any grain-aligned range and
 *   cost two entries here (bottom entry, top entry), always, so a domain's cost
 *   does not depend on which entries happen to be neighbours.
 * A cover of [lo, hi) grants exactly that range: no byte more. PMSAv7 covers
 * are built greedily from the bottom, each step taking the region (with
 * subregions) that reaches furthest. Shapes are the sizes and alignments a
 * request can be reserved with for a given number of regions. */
#include <stdio.h>
#include <string.h>

#include "plan_internal.h"

uint32_t pl_region_cost(const SynthPlanTargetDesc *t, const SynthHwRegion *r)
{
	(void)t;
	return r->pmp_mode == SYNTH_PMP_TOR ? 2 : 1;
}

int pl_region_ranges(const SynthHwRegion *r, uint64_t lo[8], uint64_t hi[8])
{
	if (!r->srd) {
		lo[0] = r->base;
		hi[0] = r->base + r->size;
		return 1;
	}
	uint64_t s = r->size / 8;
	int n = 0;
	for (int i = 0; i < 8; i++) {
		if (r->srd & (1u << i))
			continue;
		uint64_t a = r->base + s * (uint64_t)i;
		if (n && hi[n - 1] == a)
			hi[n - 1] = a + s;
		else {
			lo[n] = a;
			hi[n] = a + s;
			n++;
		}
	}
	return n;
}

bool pl_region_valid(const SynthPlanTargetDesc *t, const SynthHwRegion *r, char why[160])
{
	uint64_t end = r->base + r->size;
	if (r->size == 0 || r->base >= PL_ADDR_LIMIT || r->size > PL_ADDR_LIMIT - r->base) {
		snprintf(why, 160, "region [0x%08llx, +%llu) is empty or ends past 4 GiB",
		         (unsigned long long)r->base, (unsigned long long)r->size);
		return false;
	}
	switch (t->mpu) {
	case SYNTH_MPU_PMSAV7:
		if (r->pmp_mode) {
			snprintf(why, 160, "a PMSAv7 region has no PMP mode");
			return false;
		}
		if (!pl_is_pow2(r->size) || r->size < 32) {
			snprintf(why, 160, "PMSAv7 region size %llu is not a power of two >= 32",
			         (unsigned long long)r->size);
			return false;
		}
		if (r->base % r->size) {
			snprintf(why, 160, "PMSAv7 region base 0x%08llx is not aligned to its size %llu (the MPU would silently truncate it)",
			         (unsigned long long)r->base, (unsigned long long)r->size);
			return false;
		}
		if (r->srd && r->size < 256) {
			snprintf(why, 160, "PMSAv7 subregions need a region of 256 bytes or more, not %llu",
			         (unsigned long long)r->size);
			return false;
		}
		if (r->srd == 0xff) {
			snprintf(why, 160, "PMSAv7 region at 0x%08llx has every subregion disabled",
			         (unsigned long long)r->base);
			return false;
		}
		return true;
	case SYNTH_MPU_PMSAV8:
		if (r->pmp_mode || r->srd) {
			snprintf(why, 160, "a PMSAv8 region has no subregions or PMP mode");
			return false;
		}
		if (r->base % 32 || end % 32) {
			snprintf(why, 160, "PMSAv8 region [0x%08llx, 0x%08llx) is not 32-byte aligned",
			         (unsigned long long)r->base, (unsigned long long)end);
			return false;
		}
		return true;
	case SYNTH_MPU_PMP:
		if (r->srd) {
			snprintf(why, 160, "a PMP entry has no subregions");
			return false;
		}
		if (r->pmp_mode == SYNTH_PMP_NAPOT) {
			uint64_t min = t->granule > 8 ? t->granule : 8;
			if (!t->pmp_napot) {
				snprintf(why, 160, "this PMP does not allow NAPOT entries");
				return false;
			}
			if (!pl_is_pow2(r->size) || r->size < min || r->base % r->size) {
				snprintf(why, 160, "NAPOT range [0x%08llx, +%llu) is not a naturally aligned power of two >= %llu",
				         (unsigned long long)r->base, (unsigned long long)r->size, (unsigned long long)min);
				return false;
			}
			return true;
		}
		if (r->pmp_mode == SYNTH_PMP_TOR) {
			if (!t->pmp_tor) {
				snprintf(why, 160, "this PMP does not allow TOR entries");
				return false;
			}
			if (r->base % t->granule || end % t->granule) {
				snprintf(why, 160, "TOR range [0x%08llx, 0x%08llx) is not aligned to the %llu-byte grain",
				         (unsigned long long)r->base, (unsigned long long)end, (unsigned long long)t->granule);
				return false;
			}
			return true;
		}
		snprintf(why, 160, "a PMP entry needs mode \"napot\" or \"tor\"");
		return false;
	}
	snprintf(why, 160, "unknown protection unit");
	return false;
}

/* Best single PMSAv7 region starting exactly at c within [c, hi): the one
 * reaching furthest (smallest on ties). Returns the reach, 0 when none. */
static uint64_t v7_step(uint64_t c, uint64_t hi, SynthHwRegion *best)
{
	uint64_t reach = 0;
	for (unsigned l = 5; l <= 32; l++) {
		uint64_t p = 1ULL << l;
		uint64_t a = c & ~(p - 1);
		uint64_t r;
		uint8_t srd = 0;
		if (p < 256) {
			if (a != c || c + p > hi)
				continue;
			r = c + p;
		} else {
			uint64_t s = p / 8;
			if (c % s || hi - c < s)
				continue;
			uint64_t end = c + (hi - c) / s * s;
			if (end > a + p)
				end = a + p;
			r = end;
			for (int i = 0; i < 8; i++) {
				uint64_t sl = a + s * (uint64_t)i;
				if (sl < c || sl >= end)
					srd |= (uint8_t)(1u << i);
			}
		}
		if (r > reach) {
			reach = r;
			best->base = a;
			best->size = p;
			best->srd = srd;
		}
	}
	return reach;
}

/* Splits [lo, hi) into naturally aligned power-of-two blocks of at least min. */
static int napot_split(uint64_t lo, uint64_t hi, uint64_t min, SynthHwRegion *out, int max)
{
	int n = 0;
	uint64_t c = lo;
	while (c < hi) {
		if (c % min || (hi - c) < min)
			return -1;
		uint64_t p = min;
		while ((c % (p * 2)) == 0 && c + p * 2 <= hi && p * 2 <= PL_ADDR_LIMIT)
			p *= 2;
		if (n == max)
			return -1;
		memset(&out[n], 0, sizeof out[n]);
		out[n].base = c;
		out[n].size = p;
		out[n].pmp_mode = SYNTH_PMP_NAPOT;
		n++;
		c += p;
	}
	return n;
}

int pl_cover(const SynthPlanTargetDesc *t, uint64_t lo, uint64_t hi, uint32_t access, int32_t item,
             SynthHwRegion *out, int max)
{
	int n = 0;
	if (hi <= lo || hi > PL_ADDR_LIMIT || max <= 0)
		return -1;
	switch (t->mpu) {
	case SYNTH_MPU_PMSAV8:
		if (lo % 32 || hi % 32)
			return -1;
		memset(&out[0], 0, sizeof out[0]);
		out[0].base = lo;
		out[0].size = hi - lo;
		n = 1;
		break;
	case SYNTH_MPU_PMP: {
		uint64_t min = t->granule > 8 ? t->granule : 8;
		uint64_t len = hi - lo;
		if (t->pmp_napot && pl_is_pow2(len) && len >= min && lo % len == 0) {
			memset(&out[0], 0, sizeof out[0]);
			out[0].base = lo;
			out[0].size = len;
			out[0].pmp_mode = SYNTH_PMP_NAPOT;
			n = 1;
		} else if (t->pmp_tor && max >= 2 && lo % t->granule == 0 && hi % t->granule == 0) {
			memset(&out[0], 0, sizeof out[0]);
			out[0].base = lo;
			out[0].size = len;
			out[0].pmp_mode = SYNTH_PMP_TOR;
			n = 1;
		} else if (t->pmp_napot) {
			n = napot_split(lo, hi, min, out, max);
		} else {
			return -1;
		}
		break;
	}
	case SYNTH_MPU_PMSAV7: {
		uint64_t c = lo;
		while (c < hi) {
			if (n == max)
				return -1;
			SynthHwRegion r;
			memset(&r, 0, sizeof r);
			uint64_t reach = v7_step(c, hi, &r);
			if (reach <= c)
				return -1;
			out[n++] = r;
			c = reach;
		}
		break;
	}
	}
	if (n < 0)
		return -1;
	for (int i = 0; i < n; i++) {
		out[i].access = access;
		out[i].item = item;
	}
	return n;
}

uint32_t pl_cover_cost(const SynthPlanTargetDesc *t, uint64_t lo, uint64_t hi)
{
	SynthHwRegion tmp[PL_MAX_REGIONS];
	int n = pl_cover(t, lo, hi, 0, -1, tmp, PL_MAX_REGIONS);
	if (n < 0)
		return UINT32_MAX;
	uint32_t c = 0;
	for (int i = 0; i < n; i++)
		c += pl_region_cost(t, &tmp[i]);
	return c;
}

int pl_shapes(const SynthPlanTargetDesc *t, uint64_t want, uint64_t align, PlShape *out, int max)
{
	uint64_t amin = align > t->min_align ? align : t->min_align;
	if (amin < t->granule)
		amin = t->granule;
	if (want == 0)
		want = t->granule;
	if (want > PL_ADDR_LIMIT)
		return 0;
	int n = 0;
	for (int k = 1; k <= max; k++)
		out[k - 1].size = 0;
	switch (t->mpu) {
	case SYNTH_MPU_PMSAV8: {
		PlShape s = {pl_align_up(want, t->min_align > 32 ? t->min_align : 32), amin, 1};
		out[0] = s;
		n = 1;
		break;
	}
	case SYNTH_MPU_PMP: {
		uint64_t min = t->granule > 8 ? t->granule : 8;
		if (t->pmp_napot) {
			uint64_t p = pl_pow2_ceil(want > min ? want : min);
			PlShape s = {p, p > amin ? p : amin, 1};
			out[n++] = s;
			if (!t->pmp_tor) {
				/* Several NAPOT blocks: round want to a granularity with few one-bits. */
				for (int k = 2; k <= max; k++) {
					PlShape best = {0, 0, 0};
					for (uint64_t g = min; g <= p; g *= 2) {
						uint64_t sz = pl_align_up(want, g > t->min_align ? g : t->min_align);
						uint32_t c = (uint32_t)__builtin_popcountll(sz / min);
						if (c <= (uint32_t)k && (!best.size || sz < best.size)) {
							uint64_t top = 1ULL << pl_log2(sz);
							best.size = sz;
							best.align = top > amin ? top : amin;
							best.cost = c;
						}
					}
					if (best.size && best.size < out[n - 1].size)
						out[n++] = best;
				}
			}
		}
		if (t->pmp_tor && max >= 2) {
			uint64_t g = t->min_align > t->granule ? t->min_align : t->granule;
			PlShape s = {pl_align_up(want, g), amin, 2};
			if (!n || s.size < out[n - 1].size)
				out[n++] = s;
		}
		break;
	}
	case SYNTH_MPU_PMSAV7: {
		uint64_t top = pl_pow2_ceil(want < 32 ? 32 : want);
		for (int k = 1; k <= max; k++) {
			PlShape best = {0, 0, 0};
			for (uint64_t g = 32; g <= top; g *= 2) {
				uint64_t sz = pl_align_up(want, g > t->min_align ? g : t->min_align);
				if (best.size && sz > best.size)
					continue;
				uint64_t p = pl_pow2_ceil(sz);
				/* Least alignment (from the block size down) whose cover fits k regions. */
				for (uint64_t a = p; a >= 32 && a >= amin; a /= 2) {
					if (a + sz > PL_ADDR_LIMIT)
						continue;
					uint32_t c = pl_cover_cost(t, a, a + sz);
					if (c > (uint32_t)k)
						break;
					if (!best.size || sz < best.size || (sz == best.size && a < best.align)) {
						best.size = sz;
						best.align = a;
						best.cost = c;
					}
				}
				if (amin > p) {
					uint32_t c = pl_cover_cost(t, amin, amin + sz);
					if (c <= (uint32_t)k && (!best.size || sz < best.size)) {
						best.size = sz;
						best.align = amin;
						best.cost = c;
					}
				}
			}
			if (best.size && (!n || best.size < out[n - 1].size))
				out[n++] = best;
		}
		break;
	}
	}
	return n;
}
