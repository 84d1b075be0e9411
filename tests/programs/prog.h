/* prog.h - shared by the test programs in this folder.
 *
 * Each program is plain freestanding C compiled twice: to wasm32 with clang
 * (then to Thumb-2 by synth) and natively with arm-none-eabi-gcc, both run
 * on the same QEMU board. So the programs use no libc, no floating point
 * and no behaviour that differs between the two compilers: no signed
 * overflow, no shifts by the width or more, no plain `char` arithmetic
 * (char is signed on wasm32, unsigned on Arm), and no reads of
 * uninitialized memory. Each exports `run`, which computes a checksum and
 * folds its own correctness checks into it. */
#ifndef PROG_H
#define PROG_H

#include <stddef.h>
#include <stdint.h>

#ifdef __wasm__
#define RUN_EXPORT __attribute__((export_name("run")))
#else
#define RUN_EXPORT
#endif

/* From support.c (wasm) or the runtime (native). */
void *memcpy(void *d, const void *s, size_t n);
void *memmove(void *d, const void *s, size_t n);
void *memset(void *d, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);

/* The seed of every program, read through a volatile so that the
 * compilers cannot evaluate a whole program at compile time. */
static volatile uint32_t prog_seed = 0x2545f491u;

/* xorshift32: the deterministic input generator of all programs. */
static inline uint32_t prog_rand(uint32_t *s)
{
	uint32_t x = *s;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *s = x;
}

/* Mixes a value into a running checksum. */
static inline uint32_t prog_mix(uint32_t h, uint32_t v)
{
	h ^= v;
	h *= 0x01000193u;
	return h ^ (h >> 15);
}

static inline uint64_t prog_mix64(uint64_t h, uint64_t v)
{
	h ^= v;
	h *= 0x100000001b3ull;
	return h ^ (h >> 29);
}

#endif
