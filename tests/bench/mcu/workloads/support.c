/* support.c - the memory functions clang may call for struct copies and
 * zero-initialized locals; linked into the wasm builds only (the native
 * builds get them from the Synth runtime, the host from its libc).
 * -ffreestanding keeps clang from turning these loops into calls. */
#include <stddef.h>
#include <stdint.h>

void *memcpy(void *d, const void *s, size_t n)
{
	uint8_t *dp = d;
	const uint8_t *sp = s;
	while (n--)
		*dp++ = *sp++;
	return d;
}

void *memset(void *d, int c, size_t n)
{
	uint8_t *dp = d;
	while (n--)
		*dp++ = (uint8_t)c;
	return d;
}
