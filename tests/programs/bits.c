/* bits.c - integer corner cases of every width the compilers lower
 * differently: population count, leading/trailing zeros, rotations,
 * byte swaps, bit reversal, sign and zero extension from 8/16/32 bits,
 * signed and unsigned division and remainder with every sign combination
 * (32 and 64 bit), 64-bit shifts by 0..63, a 64x64->128 multiply from
 * 32-bit pieces, and saturating arithmetic. Each identity is checked two
 * ways; the values are hashed into a 64-bit result. */
#include "prog.h"

static uint32_t popcount_slow(uint64_t x)
{
	uint32_t n = 0;
	for (; x; x &= x - 1)
		n++;
	return n;
}

static uint32_t clz32_slow(uint32_t x)
{
	uint32_t n = 0;
	for (uint32_t m = 0x80000000u; m && !(x & m); m >>= 1)
		n++;
	return n;
}

static uint32_t ctz64_slow(uint64_t x)
{
	uint32_t n = 0;
	for (; n < 64 && !(x >> n & 1); n++)
		;
	return n;
}

static uint32_t rotl32(uint32_t x, uint32_t r) { return (x << (r & 31)) | (x >> ((32 - r) & 31)); }
static uint64_t rotr64(uint64_t x, uint32_t r) { return (x >> (r & 63)) | (x << ((64 - r) & 63)); }

static uint32_t bswap32(uint32_t x)
{
	return (x >> 24) | (x >> 8 & 0xff00u) | (x << 8 & 0xff0000u) | (x << 24);
}

static uint32_t bitrev32(uint32_t x)
{
	x = (x >> 1 & 0x55555555u) | (x & 0x55555555u) << 1;
	x = (x >> 2 & 0x33333333u) | (x & 0x33333333u) << 2;
	x = (x >> 4 & 0x0f0f0f0fu) | (x & 0x0f0f0f0fu) << 4;
	return bswap32(x);
}

static void mul_64x64(uint64_t a, uint64_t b, uint64_t *hi, uint64_t *lo)
{
	uint64_t al = (uint32_t)a, ah = a >> 32, bl = (uint32_t)b, bh = b >> 32;
	uint64_t ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
	uint64_t mid = (ll >> 32) + (uint32_t)lh + (uint32_t)hl;
	*lo = (mid << 32) | (uint32_t)ll;
	*hi = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
}

static int32_t sat_add32(int32_t a, int32_t b)
{
	int64_t s = (int64_t)a + b;
	return s > INT32_MAX ? INT32_MAX : s < INT32_MIN ? INT32_MIN : (int32_t)s;
}

static const uint64_t samples[] = {
	0, 1, 2, 3, 7, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000u, 0xffffffffu,
	0x100000000ull, 0x123456789abcdef0ull, 0x7fffffffffffffffull, 0x8000000000000000ull,
	0xffffffffffffffffull, 0xfffffffffffffffeull, 0x00000000deadbeefull, 0xcafebabe00000000ull,
};
#define NS (sizeof samples / sizeof samples[0])

RUN_EXPORT uint64_t run(void)
{
	uint64_t h = prog_seed;
	uint32_t s = prog_seed;
	uint64_t vals[NS + 40];
	unsigned nv = 0;
	for (unsigned i = 0; i < NS; i++)
		vals[nv++] = samples[i];
	for (unsigned i = 0; i < 40; i++) {
		uint64_t v = (uint64_t)prog_rand(&s) << 32 | prog_rand(&s);
		vals[nv++] = v >> (prog_rand(&s) % 64); /* all magnitudes */
	}

	for (unsigned i = 0; i < nv; i++) {
		uint64_t x = vals[i];
		uint32_t x32 = (uint32_t)x;
		if ((uint32_t)__builtin_popcountll(x) != popcount_slow(x))
			return 1;
		if ((uint32_t)__builtin_popcount(x32) != popcount_slow(x32))
			return 2;
		if (x32 && (uint32_t)__builtin_clz(x32) != clz32_slow(x32))
			return 3;
		if (x && (uint32_t)__builtin_ctzll(x) != ctz64_slow(x))
			return 4;
		if (x && (uint32_t)__builtin_clzll(x) != (x >> 32 ? clz32_slow((uint32_t)(x >> 32)) : 32 + clz32_slow(x32)))
			return 5;
		if (bitrev32(bitrev32(x32)) != x32 || bswap32(bswap32(x32)) != x32)
			return 6;
		h = prog_mix64(h, bitrev32(x32));
		for (uint32_t r = 0; r < 64; r += 5) {
			if (rotl32(rotl32(x32, r), 32 - (r & 31)) != x32)
				return 7;
			h = prog_mix64(h, rotr64(x, r));
			h = prog_mix64(h, x << r);
			h = prog_mix64(h, x >> r);
			h = prog_mix64(h, (uint64_t)((int64_t)x >> r));
		}
		/* sign and zero extension */
		h = prog_mix64(h, (uint64_t)(int64_t)(int8_t)x);
		h = prog_mix64(h, (uint64_t)(int64_t)(int16_t)x);
		h = prog_mix64(h, (uint64_t)(int64_t)(int32_t)x);
		h = prog_mix64(h, (uint64_t)(uint8_t)x + (uint16_t)x);
		h = prog_mix64(h, (uint64_t)(int32_t)(int8_t)x32 ^ (uint32_t)(int16_t)x32);
	}

	/* division and remainder, every sign combination */
	for (unsigned i = 0; i < nv; i++)
		for (unsigned j = 0; j < nv; j += 3) {
			uint64_t a = vals[i], b = vals[j];
			int64_t sa = (int64_t)a, sb = (int64_t)b;
			uint32_t a32 = (uint32_t)a, b32 = (uint32_t)b;
			int32_t sa32 = (int32_t)a32, sb32 = (int32_t)b32;
			if (b) {
				uint64_t q = a / b, r = a % b;
				if (q * b + r != a || r >= b)
					return 10;
				h = prog_mix64(h, q ^ r << 1);
				if (!(sb == -1 && sa == INT64_MIN)) {
					int64_t sq = sa / sb, sr = sa % sb;
					if (sq * sb + sr != sa)
						return 11;
					if (sr && (sr < 0) != (sa < 0))
						return 12; /* truncating division: remainder has the dividend's sign */
					h = prog_mix64(h, (uint64_t)sq ^ (uint64_t)sr << 3);
				}
			}
			if (b32) {
				h = prog_mix64(h, a32 / b32 + (uint64_t)(a32 % b32) * 7);
				if (!(sb32 == -1 && sa32 == INT32_MIN)) {
					int32_t q = sa32 / sb32, r = sa32 % sb32;
					if ((int32_t)((uint32_t)q * (uint32_t)sb32 + (uint32_t)r) != sa32)
						return 13;
					h = prog_mix64(h, (uint32_t)q ^ (uint64_t)(uint32_t)r << 32);
				}
			}
			/* unsigned and signed comparisons of the same bits */
			h = prog_mix64(h, (uint64_t)((a < b) | (sa < sb) << 1 | (a32 < b32) << 2 | (sa32 < sb32) << 3));
			uint64_t hi, lo;
			mul_64x64(a, b, &hi, &lo);
			if (lo != a * b)
				return 14;
			h = prog_mix64(h, hi);
			h = prog_mix64(h, (uint32_t)sat_add32(sa32, sb32));
		}
	/* division by constants (strength-reduced by both compilers) */
	for (unsigned i = 0; i < nv; i++) {
		int64_t v = (int64_t)vals[i];
		int32_t v32 = (int32_t)vals[i];
		h = prog_mix64(h, (uint64_t)(v / 7) ^ (uint64_t)(v % 10) ^ (vals[i] / 1000000007u));
		h = prog_mix64(h, (uint32_t)(v32 / -3) + (uint32_t)(v32 % 16) + (uint32_t)v32 / 5u);
	}
	return h;
}
