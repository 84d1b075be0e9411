/* bench.h - shared by the MCU benchmark workloads of this folder.
 *
 * Every workload is freestanding C compiled four ways: to wasm32 by clang
 * (then to Thumb-2 by synth, or to C by wasm2c and on by arm-none-eabi-gcc),
 * natively by arm-none-eabi-gcc -O2 and -Os, and for the host to check the
 * expected value. So a workload uses no libc, and nothing whose meaning
 * differs between those compilers: no signed overflow, no `long` (64 bits
 * on the host), no plain `char` arithmetic, no shifts by the width or more,
 * no uninitialized reads; float code is written so that every rounding is
 * explicit (built with -ffp-contract=off natively). Each exports
 * `uint32_t run(void)`, which computes a checksum of its results with its
 * own correctness checks folded in; run.sh compares it with the value in
 * expected.txt, so a miscompile fails. */
#ifndef BENCH_H
#define BENCH_H

#include <stddef.h>
#include <stdint.h>

#ifdef __wasm__
#define BENCH_RUN __attribute__((export_name("run")))
#else
#define BENCH_RUN
#endif

/* The seed, read through a volatile so that no compiler can evaluate a
 * whole workload at compile time. */
static volatile uint32_t bench_seed = 0x9e3779b9u;

/* xorshift32: the deterministic input generator. */
static inline uint32_t bench_rand(uint32_t *s)
{
	uint32_t x = *s;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *s = x;
}

/* Folds a value into a running checksum (FNV-1a step plus a shift). */
static inline uint32_t bench_mix(uint32_t h, uint32_t v)
{
	h ^= v;
	h *= 0x01000193u;
	return h ^ (h >> 15);
}

/* Raw bits of floats, for checksums. */
static inline uint32_t bench_f32_bits(float f)
{
	union { float f; uint32_t u; } v = { f };
	return v.u;
}

static inline uint32_t bench_f64_bits(double d)
{
	union { double d; uint64_t u; } v = { d };
	return (uint32_t)v.u ^ (uint32_t)(v.u >> 32);
}

#endif
