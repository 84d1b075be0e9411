/* sort.c - five sorting algorithms (insertion, shell, quick, heap, merge)
 * on the same pseudo-random data, unsigned and signed; each result is
 * checked for order and against the others, and hashed. */
#include "prog.h"

#define N 700

static uint32_t data[N], work[N], tmp[N], ref[N];
static int32_t sdata[N];

static void insertion_sort(uint32_t *a, int n)
{
	for (int i = 1; i < n; i++) {
		uint32_t v = a[i];
		int j = i - 1;
		while (j >= 0 && a[j] > v) {
			a[j + 1] = a[j];
			j--;
		}
		a[j + 1] = v;
	}
}

static void shell_sort(uint32_t *a, int n)
{
	static const int gaps[] = {701, 301, 132, 57, 23, 10, 4, 1};
	for (unsigned g = 0; g < sizeof gaps / sizeof gaps[0]; g++) {
		int gap = gaps[g];
		for (int i = gap; i < n; i++) {
			uint32_t v = a[i];
			int j = i;
			for (; j >= gap && a[j - gap] > v; j -= gap)
				a[j] = a[j - gap];
			a[j] = v;
		}
	}
}

static void swap_u32(uint32_t *a, uint32_t *b)
{
	uint32_t t = *a;
	*a = *b;
	*b = t;
}

/* Hoare partition with a median-of-three pivot; recursion on both halves. */
static void quick_sort(uint32_t *a, int lo, int hi)
{
	if (hi - lo < 1)
		return;
	int mid = lo + (hi - lo) / 2;
	if (a[mid] < a[lo])
		swap_u32(&a[mid], &a[lo]);
	if (a[hi] < a[lo])
		swap_u32(&a[hi], &a[lo]);
	if (a[hi] < a[mid])
		swap_u32(&a[hi], &a[mid]);
	uint32_t pivot = a[mid];
	int i = lo - 1, j = hi + 1;
	for (;;) {
		do
			i++;
		while (a[i] < pivot);
		do
			j--;
		while (a[j] > pivot);
		if (i >= j)
			break;
		swap_u32(&a[i], &a[j]);
	}
	quick_sort(a, lo, j);
	quick_sort(a, j + 1, hi);
}

static void sift_down(uint32_t *a, int root, int end)
{
	for (;;) {
		int child = 2 * root + 1;
		if (child > end)
			return;
		if (child + 1 <= end && a[child] < a[child + 1])
			child++;
		if (a[root] >= a[child])
			return;
		swap_u32(&a[root], &a[child]);
		root = child;
	}
}

static void heap_sort(uint32_t *a, int n)
{
	for (int s = (n - 2) / 2; s >= 0; s--)
		sift_down(a, s, n - 1);
	for (int end = n - 1; end > 0; end--) {
		swap_u32(&a[0], &a[end]);
		sift_down(a, 0, end - 1);
	}
}

static void merge_sort(uint32_t *a, uint32_t *t, int lo, int hi)
{
	if (hi - lo < 2)
		return;
	int mid = (lo + hi) / 2;
	merge_sort(a, t, lo, mid);
	merge_sort(a, t, mid, hi);
	int i = lo, j = mid, k = lo;
	while (i < mid && j < hi)
		t[k++] = a[j] < a[i] ? a[j++] : a[i++];
	while (i < mid)
		t[k++] = a[i++];
	while (j < hi)
		t[k++] = a[j++];
	for (k = lo; k < hi; k++)
		a[k] = t[k];
}

/* Signed insertion sort with a descending comparison on int32. */
static void sort_signed_desc(int32_t *a, int n)
{
	for (int i = 1; i < n; i++) {
		int32_t v = a[i];
		int j = i - 1;
		while (j >= 0 && a[j] < v) {
			a[j + 1] = a[j];
			j--;
		}
		a[j + 1] = v;
	}
}

static uint32_t check(const uint32_t *a, int n, uint32_t h)
{
	for (int i = 1; i < n; i++)
		if (a[i - 1] > a[i])
			return 0xbad00000u | (uint32_t)i;
	for (int i = 0; i < n; i++) {
		if (a[i] != ref[i])
			return 0xbad10000u | (uint32_t)i;
		h = prog_mix(h, a[i]);
	}
	return h;
}

static void load(int n)
{
	for (int i = 0; i < n; i++)
		work[i] = data[i];
}

RUN_EXPORT uint32_t run(void)
{
	uint32_t s = prog_seed, h = 0x811c9dc5u;
	for (int i = 0; i < N; i++)
		data[i] = prog_rand(&s) % 5000u; /* duplicates on purpose */
	for (int i = 0; i < N; i++)
		ref[i] = data[i];
	insertion_sort(ref, N);

	load(N);
	shell_sort(work, N);
	h = check(work, N, h);
	load(N);
	quick_sort(work, 0, N - 1);
	h = check(work, N, h);
	load(N);
	heap_sort(work, N);
	h = check(work, N, h);
	load(N);
	merge_sort(work, tmp, 0, N);
	h = check(work, N, h);

	for (int i = 0; i < N; i++)
		sdata[i] = (int32_t)(prog_rand(&s) % 20001u) - 10000;
	sort_signed_desc(sdata, N);
	for (int i = 1; i < N; i++)
		if (sdata[i - 1] < sdata[i])
			return 0xbad20000u | (uint32_t)i;
	for (int i = 0; i < N; i += 7)
		h = prog_mix(h, (uint32_t)sdata[i]);
	return h;
}
