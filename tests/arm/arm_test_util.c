/* arm_test_util.c - helpers shared by the tests of core/src/arm (the
 * encoder cross-check and the disassembler cross-check). */
#include "arm_encode_test.h"

/* --- allocator hook: counts live bytes, can fail the N-th allocation --- */

void *heap_fn(void *ud, void *p, size_t osize, size_t nsize)
{
	Heap *h = ud;
	void *q;

	if (nsize == 0) {
		h->live -= osize;
		free(p);
		return NULL;
	}
	if (h->fail_at && ++h->calls == h->fail_at)
		return NULL;
	q = realloc(p, nsize);
	if (!q)
		return NULL;
	h->live += nsize - osize;
	return q;
}

char *xstrdup(const char *s)
{
	char *d = malloc(strlen(s) + 1);
	if (!d) {
		perror("malloc");
		exit(2);
	}
	return strcpy(d, s);
}

/* The targets every corpus is assembled for: directives for `as`, the
 * encoder's features. */
const Pass arm_test_passes[ARM_TEST_NPASSES] = {
	{"m7", ".syntax unified\n.thumb\n.cpu cortex-m7\n.fpu fpv5-d16\n",
	 ARM_FEAT_FP | ARM_FEAT_FP64 | ARM_FEAT_FPV5},
	{"m4", ".syntax unified\n.thumb\n.cpu cortex-m4\n.fpu fpv4-sp-d16\n", ARM_FEAT_FP},
	{"m33", ".syntax unified\n.thumb\n.arch armv8-m.main\n.fpu fpv5-sp-d16\n",
	 ARM_FEAT_FP | ARM_FEAT_FPV5 | ARM_FEAT_V8M},
	{"m3", ".syntax unified\n.thumb\n.cpu cortex-m3\n", 0},
};
