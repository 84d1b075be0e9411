/* counting_alloc.h - a SynthReallocFn for tests: counts requests and live
 * blocks and bytes, and refuses request number fail_at (failed is then set),
 * so a test can fail every allocation in turn and check nothing leaks.
 * Header-only: each test program gets its own copy of the function. */
#ifndef SYNTH_TEST_COUNTING_ALLOC_H
#define SYNTH_TEST_COUNTING_ALLOC_H

#include <stdlib.h>

typedef struct Counting {
	long calls, fail_at, live_blocks;
	size_t live_bytes;
	int failed;
} Counting;

static inline void *counting_realloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	Counting *c = ud;
	if (nsize == 0) {
		if (ptr) {
			c->live_blocks--;
			c->live_bytes -= osize;
			free(ptr);
		}
		return NULL;
	}
	if (++c->calls == c->fail_at) {
		c->failed = 1;
		return NULL;
	}
	void *p = realloc(ptr, nsize);
	if (!p)
		return NULL;
	if (!ptr)
		c->live_blocks++;
	c->live_bytes += nsize - (ptr ? osize : 0);
	return p;
}

#endif
