/* test_sqrt.c - the runtime's soft-float square roots (core/runtime/src/
 * float.c: synth_rt_f32_sqrt, synth_rt_f64_sqrt, used on cores without an
 * FPU for the width) against the host's correctly rounded sqrt/sqrtf, on
 * the host: f32 bit patterns with a stride and in [0.5, 8), f32
 * subnormals, and millions of f64 patterns (random, subnormal,
 * near perfect squares and near the ends of each binade). A NaN input
 * must give a quiet NaN (its payload kept), one below zero a canonical NaN
 * of either sign; every other result bit for bit.
 * Exit 0 when all agree, 1 otherwise (the first mismatches printed). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "synth_rt.h"

/* float.c calls the trap only from the conversions, never from sqrt */
void synth_rt_trap(int reason)
{
	fprintf(stderr, "unexpected trap %d\n", reason);
	exit(1);
}

#include "../../core/runtime/src/float.c"

static uint64_t seed = 0x9e3779b97f4a7c15ull;
static uint64_t next(void)
{
	seed ^= seed << 13;
	seed ^= seed >> 7;
	seed ^= seed << 17;
	return seed;
}

static long bad, checked;

static void check32(uint32_t x)
{
	float f, r;
	uint32_t want;
	memcpy(&f, &x, 4);
	r = sqrtf(f);
	memcpy(&want, &r, 4);
	uint32_t got = synth_rt_f32_sqrt(x);
	int ok = got == want;
	if (nan32(x))
		ok = got == (x | 0x00400000u);
	else if (x > 0x80000000u) /* below zero: a canonical NaN, either sign */
		ok = (got & 0x7fffffffu) == 0x7fc00000u;
	checked++;
	if (!ok && bad++ < 10)
		printf("f32 sqrt %08x: got %08x, want %08x\n", x, got, want);
}

static void check64(uint64_t x)
{
	double d, r;
	uint64_t want;
	memcpy(&d, &x, 8);
	r = sqrt(d);
	memcpy(&want, &r, 8);
	uint64_t got = synth_rt_f64_sqrt(x);
	int ok = got == want;
	if (nan64(x))
		ok = got == (x | 0x0008000000000000ull);
	else if (x > 0x8000000000000000ull)
		ok = (got & 0x7fffffffffffffffull) == 0x7ff8000000000000ull;
	checked++;
	if (!ok && bad++ < 10)
		printf("f64 sqrt %016llx: got %016llx, want %016llx\n", (unsigned long long)x,
		       (unsigned long long)got, (unsigned long long)want);
}

int main(void)
{
	/* f32: one pattern in 127 (a prime stride: every exponent, sign and
	 * significand class), one significand in 5 of the exponents 126..129
	 * (u in [1, 4) and its neighbours), one subnormal in 31 */
	for (uint64_t x = 0; x <= 0xffffffffull; x += 127)
		check32((uint32_t)x);
	for (uint32_t e = 126; e <= 129; e++)
		for (uint32_t m = 0; m < 0x800000u; m += 5)
			check32(e << 23 | m);
	for (uint32_t m = 0; m < 0x800000u; m += 31)
		check32(m);
	/* f64 */
	for (long i = 0; i < 10000000; i++) {
		uint64_t x = next();
		switch (i & 7) {
		case 0: break;                                   /* anything, NaNs and negatives too */
		case 1: x &= 0x000fffffffffffffull; break;        /* subnormal */
		case 2: x &= 0x7fffffffffffffffull; break;        /* positive */
		case 3: x = (x & 0x7ff0000000000000ull) | (x & 0xff); break;  /* bottom of a binade */
		case 4: x |= 0x000fffffffffff00ull, x &= 0x7fffffffffffffffull; break; /* top */
		case 5: case 6: {                                 /* a square and its neighbours */
			double r = (double)(next() >> 38) * ldexp(1.0, (int)(next() % 200) - 100), s = r * r;
			memcpy(&x, &s, 8);
			x += (i & 8) ? 1 : (i & 16) ? (uint64_t)-1 : 0;
			break;
		}
		default: x = (uint64_t)i; break;                  /* small subnormals */
		}
		check64(x);
	}
	printf("%ld square roots checked, %ld wrong\n", checked, bad);
	return bad != 0;
}
