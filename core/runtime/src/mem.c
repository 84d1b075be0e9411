/* mem.c - memcpy, memmove, memset and memcmp for freestanding programs.
 *
 * GCC may emit calls to these even with -ffreestanding (struct copies,
 * zeroing loops), and compiled wasm code may use them for memory.copy and
 * memory.fill. They are weak so that newlib's or a faster version wins
 * when linked. This file must be compiled with
 * -fno-tree-loop-distribute-patterns, or GCC turns the loops back into
 * calls to themselves.
 */
#include <stddef.h>
#include <stdint.h>

__attribute__((weak)) void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if ((((uintptr_t)d | (uintptr_t)s) & 3u) == 0) {
		for (; n >= 4; n -= 4, d += 4, s += 4)
			*(uint32_t *)(void *)d = *(const uint32_t *)(const void *)s;
	}
	while (n--)
		*d++ = *s++;
	return dst;
}

__attribute__((weak)) void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d <= s) {
		while (n--)
			*d++ = *s++;
	} else {
		while (n--)
			d[n] = s[n];
	}
	return dst;
}

__attribute__((weak)) void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	uint32_t w = (unsigned char)c * 0x01010101u;

	while (n && ((uintptr_t)d & 3u)) {
		*d++ = (unsigned char)c;
		n--;
	}
	for (; n >= 4; n -= 4, d += 4)
		*(uint32_t *)(void *)d = w;
	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

__attribute__((weak)) int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;

	for (; n; n--, p++, q++) {
		if (*p != *q)
			return *p - *q;
	}
	return 0;
}
