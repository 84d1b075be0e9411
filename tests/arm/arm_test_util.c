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
