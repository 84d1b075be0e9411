/* test_arena.c - sy_arena_release (issue 13 item 4): an array that grows by
 * copying gives its old copy back at once when that copy is a big block
 * with a chunk of its own, and nothing else is ever freed before
 * sy_arena_free (bump allocations share chunks). Counted through
 * tests/common/counting_alloc.h: live bytes must drop by the released
 * chunk, other blocks must stay readable, and the arena must end with
 * nothing live. */
#include <stdio.h>
#include <string.h>

#include "internal.h"
#include "../common/counting_alloc.h"

static int fails;
#define CHECK(c) do { if (!(c)) { printf("FAIL: %s:%d: %s\n", __FILE__, __LINE__, #c); fails++; } } while (0)

int main(void)
{
	Counting c = {0};
	SyAlloc a = {counting_realloc, &c};
	SyArena ar;
	sy_arena_init(&ar, &a);
	uint8_t *small = sy_arena_alloc(&ar, 100);
	CHECK(small);
	memset(small, 0x5a, 100);
	size_t before = c.live_bytes;
	/* a block bigger than a chunk: a chunk of its own, behind the current one */
	uint8_t *big = sy_arena_alloc(&ar, 100 * 1024);
	CHECK(big && c.live_bytes > before + 100 * 1024);
	size_t with_big = c.live_bytes;
	uint8_t *small2 = sy_arena_alloc(&ar, 64);
	CHECK(small2);
	memset(small2, 0xa5, 64);
	sy_arena_release(&ar, big, 100 * 1024);
	CHECK(c.live_bytes == before);        /* the big block's chunk went */
	CHECK(c.live_bytes < with_big);
	sy_arena_release(&ar, small, 100);      /* shares the chunk: stays */
	uint8_t *mid = sy_arena_alloc(&ar, 40 * 1024); /* under a chunk: may share one, stays */
	CHECK(mid);
	size_t with_mid = c.live_bytes;
	sy_arena_release(&ar, mid, 40 * 1024);
	CHECK(c.live_bytes == with_mid);
	before = c.live_bytes;
	sy_arena_release(&ar, NULL, 0);
	CHECK(c.live_bytes == before);
	CHECK(small[0] == 0x5a && small[99] == 0x5a && small2[0] == 0xa5 && small2[63] == 0xa5);
	/* a growing array: each doubling past half a chunk leaves no copy behind */
	uint32_t *v = NULL, cap = 0;
	for (uint32_t n = 1; n <= 200000; n++) {
		uint32_t *old = v, ocap = cap;
		CHECK(sy_arena_grow(&ar, (void **)&v, &cap, n, sizeof *v));
		if (v != old && old)
			sy_arena_release(&ar, old, (size_t)ocap * sizeof *v);
		v[n - 1] = n;
	}
	CHECK(v[0] == 1 && v[199999] == 200000);
	/* the last copy and the small ones' chunks, not the sum of every copy
	 * (which is about twice the last) */
	CHECK(c.live_bytes < before + (size_t)cap * sizeof *v + 320 * 1024);
	sy_arena_free(&ar);
	CHECK(c.live_blocks == 0 && c.live_bytes == 0);
	if (fails)
		return 1;
	printf("arena: release gives back big blocks only, nothing leaks\n");
	return 0;
}
