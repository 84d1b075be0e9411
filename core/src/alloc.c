/* alloc.c - every allocation of libsynth goes through the context's hook
 * (Lua style: one realloc-like function). Arenas take chunks from the hook
 * and hand out bump allocations, freed all at once with their owner.
 * Allocations are zeroed; the newest chunk is cleared ahead of the bump
 * pointer in steps of SY_ARENA_CLEAR bytes (one memset per step instead of
 * one per allocation, most of which are a few words). */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct SyArenaChunk {
	SyArenaChunk *next; /* older chunk */
	size_t size;        /* bytes of this chunk including the header */
};

#define SY_ARENA_CHUNK 65536u
#define SY_ARENA_CLEAR 1024u

void *sy_malloc(const SyAlloc *a, size_t size)
{
	if (size == 0)
		size = 1;
	return a->fn(a->ud, NULL, 0, size);
}

void *sy_realloc(const SyAlloc *a, void *ptr, size_t osize, size_t nsize)
{
	if (nsize == 0)
		nsize = 1;
	return a->fn(a->ud, ptr, ptr ? osize : 0, nsize);
}

void sy_free(const SyAlloc *a, void *ptr, size_t size)
{
	if (ptr)
		a->fn(a->ud, ptr, size, 0);
}

void sy_arena_init(SyArena *ar, const SyAlloc *alloc)
{
	ar->alloc = alloc;
	ar->chunks = NULL;
	ar->cur = ar->end = ar->zeroed = NULL;
}

void *sy_arena_alloc(SyArena *ar, size_t size)
{
	size = (size + 7) & ~(size_t)7;
	if (size == 0)
		size = 8;
	if ((size_t)(ar->end - ar->cur) < size) {
		size_t hdr = (sizeof(SyArenaChunk) + 7) & ~(size_t)7;
		size_t csize = size + hdr > SY_ARENA_CHUNK ? size + hdr : SY_ARENA_CHUNK;
		if (csize < size)
			return NULL;
		SyArenaChunk *c = sy_malloc(ar->alloc, csize);
		if (!c)
			return NULL;
		c->size = csize;
		if (size + hdr > SY_ARENA_CHUNK / 2 && ar->chunks) {
			/* A big block gets a chunk of its own behind the current one,
			 * so the current chunk's free tail is not thrown away. */
			c->next = ar->chunks->next;
			ar->chunks->next = c;
			uint8_t *p = (uint8_t *)c + hdr;
			memset(p, 0, size);
			return p;
		}
		c->next = ar->chunks;
		ar->chunks = c;
		ar->cur = ar->zeroed = (uint8_t *)c + hdr;
		ar->end = (uint8_t *)c + csize;
	}
	uint8_t *p = ar->cur;
	ar->cur += size;
	if (ar->cur > ar->zeroed) {
		size_t n = (size_t)(ar->cur - ar->zeroed);
		n = n < SY_ARENA_CLEAR ? SY_ARENA_CLEAR : n;
		n = n < (size_t)(ar->end - ar->zeroed) ? n : (size_t)(ar->end - ar->zeroed);
		memset(ar->zeroed, 0, n);
		ar->zeroed += n;
	}
	return p;
}

void *sy_arena_array(SyArena *ar, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size / 2)
		return NULL;
	return sy_arena_alloc(ar, n * size);
}

void sy_arena_release(SyArena *ar, void *p, size_t size)
{
	size_t hdr = (sizeof(SyArenaChunk) + 7) & ~(size_t)7;
	size = (size + 7) & ~(size_t)7;
	/* Only a block bigger than a chunk surely has its chunk to itself (one
	 * of half a chunk to a chunk may have been a first chunk whose tail
	 * later allocations share), and that chunk is exactly its size. */
	if (!p || !ar->chunks || size + hdr <= SY_ARENA_CHUNK)
		return;
	for (SyArenaChunk **pc = &ar->chunks; *pc; pc = &(*pc)->next) {
		SyArenaChunk *c = *pc;
		if ((uint8_t *)c + hdr == (uint8_t *)p && c->size == size + hdr) {
			if (c == ar->chunks) /* the current chunk: full, so nothing else is lost */
				ar->cur = ar->end = ar->zeroed = NULL;
			*pc = c->next;
			sy_free(ar->alloc, c, c->size);
			return;
		}
	}
}

void sy_arena_free(SyArena *ar)
{
	SyArenaChunk *c = ar->chunks;
	while (c) {
		SyArenaChunk *next = c->next;
		sy_free(ar->alloc, c, c->size);
		c = next;
	}
	ar->chunks = NULL;
	ar->cur = ar->end = ar->zeroed = NULL;
}

bool sy_arena_grow(SyArena *ar, void **arr, uint32_t *cap, uint32_t need, size_t el)
{
	if (need <= *cap)
		return true;
	uint32_t ncap = *cap ? *cap : 8;
	while (ncap < need) {
		if (ncap > UINT32_MAX / 2)
			return false;
		ncap *= 2;
	}
	void *p = sy_arena_array(ar, ncap, el);
	if (!p)
		return false;
	if (*cap)
		memcpy(p, *arr, (size_t)*cap * el);
	*arr = p;
	*cap = ncap;
	return true;
}
