/* sort.c - sorting 3000 generated u32 keys three ways: quicksort
 * (median of three, insertion sort below 16 elements, explicit stack),
 * heapsort and a stable 8-bit-digit radix sort; each result is checked
 * sorted and equal to the others, and a rank-sampled checksum is taken. */
#include "bench.h"

#define N 3000

static uint32_t orig[N], qs[N], hs[N], rs[N], tmp[N];

static void insertion(uint32_t *a, int lo, int hi)
{
	for (int i = lo + 1; i <= hi; i++) {
		uint32_t v = a[i];
		int j = i - 1;
		while (j >= lo && a[j] > v) {
			a[j + 1] = a[j];
			j--;
		}
		a[j + 1] = v;
	}
}

static inline void swap(uint32_t *a, int i, int j)
{
	uint32_t t = a[i];
	a[i] = a[j];
	a[j] = t;
}

static void quicksort(uint32_t *a, int n)
{
	int stack[64], sp = 0;
	stack[sp++] = 0;
	stack[sp++] = n - 1;
	while (sp) {
		int hi = stack[--sp], lo = stack[--sp];
		while (hi - lo >= 16) {
			int mid = lo + (hi - lo) / 2;
			if (a[mid] < a[lo]) swap(a, mid, lo);
			if (a[hi] < a[lo]) swap(a, hi, lo);
			if (a[hi] < a[mid]) swap(a, hi, mid);
			uint32_t pivot = a[mid];
			int i = lo, j = hi;
			while (i <= j) {
				while (a[i] < pivot) i++;
				while (a[j] > pivot) j--;
				if (i <= j) {
					swap(a, i, j);
					i++;
					j--;
				}
			}
			/* push the larger side, loop on the smaller one */
			if (j - lo > hi - i) {
				stack[sp++] = lo;
				stack[sp++] = j;
				lo = i;
			} else {
				stack[sp++] = i;
				stack[sp++] = hi;
				hi = j;
			}
		}
		insertion(a, lo, hi);
	}
}

static void sift(uint32_t *a, int i, int n)
{
	uint32_t v = a[i];
	for (;;) {
		int c = 2 * i + 1;
		if (c >= n)
			break;
		if (c + 1 < n && a[c + 1] > a[c])
			c++;
		if (a[c] <= v)
			break;
		a[i] = a[c];
		i = c;
	}
	a[i] = v;
}

static void heapsort(uint32_t *a, int n)
{
	for (int i = n / 2 - 1; i >= 0; i--)
		sift(a, i, n);
	for (int i = n - 1; i > 0; i--) {
		swap(a, 0, i);
		sift(a, 0, i);
	}
}

static void radixsort(uint32_t *a, uint32_t *t, int n)
{
	for (int shift = 0; shift < 32; shift += 8) {
		uint32_t count[257] = { 0 };
		for (int i = 0; i < n; i++)
			count[((a[i] >> shift) & 0xffu) + 1]++;
		for (int d = 0; d < 256; d++)
			count[d + 1] += count[d];
		for (int i = 0; i < n; i++)
			t[count[(a[i] >> shift) & 0xffu]++] = a[i];
		for (int i = 0; i < n; i++)
			a[i] = t[i];
	}
}

BENCH_RUN uint32_t run(void)
{
	uint32_t h = 0, s = bench_seed;
	int ok = 1;

	for (int i = 0; i < N; i++) {
		uint32_t v = bench_rand(&s);
		orig[i] = (i % 7 == 0) ? v & 0xffu : v; /* many duplicates too */
		qs[i] = hs[i] = rs[i] = orig[i];
	}
	quicksort(qs, N);
	heapsort(hs, N);
	radixsort(rs, tmp, N);
	for (int i = 0; i < N; i++) {
		ok &= i == 0 || qs[i - 1] <= qs[i];
		ok &= qs[i] == hs[i] && qs[i] == rs[i];
	}
	h = bench_mix(h, (uint32_t)ok);
	for (int i = 0; i < N; i += 37)
		h = bench_mix(h, qs[i]);
	return h;
}
