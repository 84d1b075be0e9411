/* float.c - WebAssembly floating-point operations for compiled code, exact
 * to the spec on every core.
 *
 * Every helper takes and returns raw bit patterns (uint32_t for f32,
 * uint64_t for f64) in core registers, so the same calls work under the
 * soft-float and the hard-float ABI. Inside, the board's compiler flags
 * decide: the FPU where there is one (VADD.F32 on FPv4-SP, f64 on FPv5-D16),
 * libgcc's exact IEEE routines elsewhere. What IEEE arithmetic leaves to
 * the implementation and the spec fixes is done by hand: min/max (NaN wins,
 * -0 < +0), rounding to integral (ceil, floor, trunc, nearest with ties to
 * even) by bit manipulation, and the trapping and saturating conversions
 * with their exact range tests. Quiet NaNs come out as the spec's
 * "arithmetic NaN"; canonical inputs give canonical outputs. */
#include <stdint.h>

#include "synth_rt.h"

typedef uint32_t b32;
typedef uint64_t b64;

/* Bit casts through unions (defined behaviour in C11), not memcpy: the
 * runtime is built -ffreestanding, where memcpy is no builtin, so each cast
 * was a call to the runtime's memcpy loop, three per operation. */
typedef union { b32 b; float f; } U32;
typedef union { b64 b; double d; } U64;
static inline float F(b32 b) { U32 u = { .b = b }; return u.f; }
static inline double D(b64 b) { U64 u = { .b = b }; return u.d; }
static inline b32 BF(float f) { U32 u = { .f = f }; return u.b; }
static inline b64 BD(double d) { U64 u = { .d = d }; return u.b; }

static inline int nan32(b32 a) { return (a & 0x7fffffffu) > 0x7f800000u; }
static inline int nan64(b64 a) { return (a & 0x7fffffffffffffffull) > 0x7ff0000000000000ull; }

/* ---- arithmetic (IEEE round to nearest even, from the FPU or libgcc) ---- */

b32 synth_rt_f32_add(b32 a, b32 b) { return BF(F(a) + F(b)); }
b32 synth_rt_f32_sub(b32 a, b32 b) { return BF(F(a) - F(b)); }
b32 synth_rt_f32_mul(b32 a, b32 b) { return BF(F(a) * F(b)); }
b32 synth_rt_f32_div(b32 a, b32 b) { return BF(F(a) / F(b)); }
b64 synth_rt_f64_add(b64 a, b64 b) { return BD(D(a) + D(b)); }
b64 synth_rt_f64_sub(b64 a, b64 b) { return BD(D(a) - D(b)); }
b64 synth_rt_f64_mul(b64 a, b64 b) { return BD(D(a) * D(b)); }
b64 synth_rt_f64_div(b64 a, b64 b) { return BD(D(a) / D(b)); }

/* Square root, correctly rounded, without libm: an integer Newton estimate
 * and an exact final correction (the FPU's VSQRT gives the same bits).
 *
 * With the significand m scaled to u = m / 2^p in [1, 4) (the exponent made
 * even), the root's bits are q = floor(sqrt(u) * 2^(n+1)): n significand
 * bits and a rounding bit. rsqrt() finds y ~ 1/sqrt(u) from a table of 48
 * starting values (bucket i of u in [i/16, (i+1)/16): the mean of
 * 1/sqrt(i/16) and 1/sqrt((i+1)/16), times 2^15, rounded; within 1.6 %) and
 * three Newton steps y' = y (3 - u y^2) / 2 in 32-bit fixed point (an error
 * e becomes about 1.5 e^2, so ~2^-27 after three); then s = u y ~ sqrt(u).
 * f64 adds one Newton step for the root in 64 bits. The estimate is then
 * within a few units of q, and the remainder X - q^2 (X the scaled
 * significand, so q = floor(sqrt(X)) exactly when 0 <= X - q^2 <= 2q) is
 * computed exactly modulo 2^64, which holds it since it is small; q steps
 * until it is in range, so the result is exact whatever the estimate's
 * error: the estimate only decides how many steps that takes. The sticky
 * bit is X != q^2. tests/unit/test_sqrt.c compares both with the host's
 * sqrt on millions of bit patterns. */

/* 2^15 / sqrt(u) at the middle of each sixteenth of [1, 4) (see above). */
static const uint16_t rsqrt_tab[48] = {
	32279, 31342, 30482, 29689, 28955, 28273, 27638, 27043, 26485, 25960, 25465, 24998,
	24555, 24135, 23736, 23356, 22994, 22648, 22317, 22000, 21697, 21405, 21126, 20856,
	20597, 20347, 20107, 19874, 19649, 19432, 19222, 19019, 18822, 18630, 18445, 18265,
	18090, 17920, 17755, 17594, 17438, 17286, 17137, 16993, 16852, 16714, 16580, 16449,
};

/* y * 2^31 ~ 1/sqrt(u) for a = u * 2^30 in [2^30, 2^32). */
static uint32_t rsqrt(uint32_t a)
{
	uint32_t y = (uint32_t)rsqrt_tab[(a >> 26) - 16] << 16;
	for (int i = 0; i < 3; i++) {
		uint32_t y2 = (uint32_t)(((uint64_t)y * y) >> 32);      /* y^2 * 2^30 */
		uint32_t t = (uint32_t)(((uint64_t)a * y2) >> 30);      /* u y^2 * 2^30, < 3 * 2^30 */
		y = (uint32_t)(((uint64_t)y * (0xc0000000u - t)) >> 31); /* y (3 - u y^2) / 2 */
	}
	return y;
}

/* sqrt(u) * 2^31 ~ u y for a = u * 2^30 and y = rsqrt(a); u just below 4
 * can give 2^32, kept to 2^32 - 1 (the correction steps on from there). */
static uint32_t root31(uint32_t a, uint32_t y)
{
	uint64_t s = ((uint64_t)a * y) >> 30;
	return s > 0xffffffffu ? 0xffffffffu : (uint32_t)s;
}

b32 synth_rt_f32_sqrt(b32 a)
{
	if (nan32(a))
		return a | 0x00400000u;
	if (a == 0 || a == 0x80000000u)
		return a;
	if (a & 0x80000000u)
		return 0x7fc00000u;
	if (a == 0x7f800000u)
		return a;
	int e = (int)(a >> 23);
	uint32_t m = a & 0x7fffffu;
	if (e == 0) { /* subnormal: normalize */
		int sh = __builtin_clz(m) - 8;
		m <<= sh;
		e = 1 - sh;
	}
	m |= 0x800000u;
	e -= 127;
	if (e & 1) {
		m <<= 1;
		e--;
	}
	/* u = m / 2^23 in [1, 4); q = floor(sqrt(X)), X = m * 2^25 < 2^50 */
	uint32_t ua = m << 7;
	uint32_t s = root31(ua, rsqrt(ua));
	uint64_t X = (uint64_t)m << 25, q = s >> 7;
	int64_t r = (int64_t)(X - q * q);
	while (r < 0)
		q--, r += (int64_t)(2 * q + 1);
	while (r > (int64_t)(2 * q))
		r -= (int64_t)(2 * q + 1), q++;
	/* q has 25 bits: 24 significand bits and a rounding bit; r != 0 is sticky */
	uint32_t sig = (uint32_t)(q >> 1);
	if ((q & 1) && (r || (sig & 1)))
		sig++;
	int exp = (e / 2) + 127;
	return ((b32)exp << 23) + (sig - 0x800000u);
}

b64 synth_rt_f64_sqrt(b64 a)
{
	if (nan64(a))
		return a | 0x0008000000000000ull;
	if (a == 0 || a == 0x8000000000000000ull)
		return a;
	if (a >> 63)
		return 0x7ff8000000000000ull;
	if (a == 0x7ff0000000000000ull)
		return a;
	int e = (int)(a >> 52);
	uint64_t m = a & 0xfffffffffffffull;
	if (e == 0) {
		int sh = __builtin_clzll(m) - 11;
		m <<= sh;
		e = 1 - sh;
	}
	m |= 0x10000000000000ull;
	e -= 1023;
	if (e & 1) {
		m <<= 1;
		e--;
	}
	/* u = m / 2^52 in [1, 4); q = floor(sqrt(X)), X = m * 2^54 < 2^108 */
	uint32_t ua = (uint32_t)(m >> 22);
	uint32_t y = rsqrt(ua);
	uint32_t s = root31(ua, y);
	/* one Newton step in 64 bits: q ~ s 2^22 + (X - (s 2^22)^2) / (2 s 2^22),
	 * where X - (s 2^22)^2 = 2^44 d, d = m 2^10 - s^2 (small: exact mod 2^64),
	 * and 1 / s = y 2^-62 */
	int64_t d = (int64_t)((m << 10) - (uint64_t)s * s);
	int64_t c = ((d >> 8) * (int64_t)y) >> 33;
	uint64_t q = ((uint64_t)s << 22) + (uint64_t)c;
	int64_t r = (int64_t)((m << 54) - q * q); /* X - q^2 mod 2^64 */
	while (r < 0)
		q--, r += (int64_t)(2 * q + 1);
	while (r > (int64_t)(2 * q))
		r -= (int64_t)(2 * q + 1), q++;
	uint64_t sig = q >> 1;
	if ((q & 1) && (r || (sig & 1)))
		sig++;
	int exp = (e / 2) + 1023;
	return ((b64)exp << 52) + (sig - 0x10000000000000ull);
}

/* ---- min/max: NaN if either is NaN, -0 < +0 ---- */

b32 synth_rt_f32_min(b32 a, b32 b)
{
	if (nan32(a))
		return a | 0x00400000u;
	if (nan32(b))
		return b | 0x00400000u;
	if ((a & 0x7fffffffu) == 0 && (b & 0x7fffffffu) == 0)
		return a | b; /* -0 if either is -0 */
	return F(a) < F(b) ? a : b;
}
b32 synth_rt_f32_max(b32 a, b32 b)
{
	if (nan32(a))
		return a | 0x00400000u;
	if (nan32(b))
		return b | 0x00400000u;
	if ((a & 0x7fffffffu) == 0 && (b & 0x7fffffffu) == 0)
		return a & b; /* +0 if either is +0 */
	return F(a) > F(b) ? a : b;
}
b64 synth_rt_f64_min(b64 a, b64 b)
{
	if (nan64(a))
		return a | 0x0008000000000000ull;
	if (nan64(b))
		return b | 0x0008000000000000ull;
	if ((a << 1) == 0 && (b << 1) == 0)
		return a | b;
	return D(a) < D(b) ? a : b;
}
b64 synth_rt_f64_max(b64 a, b64 b)
{
	if (nan64(a))
		return a | 0x0008000000000000ull;
	if (nan64(b))
		return b | 0x0008000000000000ull;
	if ((a << 1) == 0 && (b << 1) == 0)
		return a & b;
	return D(a) > D(b) ? a : b;
}

/* ---- rounding to integral values, exact by bit manipulation ---- */

/* mode: 0 trunc, 1 floor, 2 ceil, 3 nearest (ties to even) */
static b32 round32(b32 a, int mode)
{
	if (nan32(a))
		return a | 0x00400000u;
	uint32_t sign = a & 0x80000000u;
	int e = (int)((a >> 23) & 0xff) - 127;
	if (e >= 23)
		return a; /* already integral (or infinite) */
	if (e < 0) {
		if ((a & 0x7fffffffu) == 0)
			return a;
		/* |a| < 1 */
		switch (mode) {
		case 0: return sign;
		case 1: return sign ? 0xbf800000u : 0;          /* -1 or +0 */
		case 2: return sign ? 0x80000000u : 0x3f800000u; /* -0 or 1 */
		default:
			/* nearest: 1 when |a| > 0.5, 0 when |a| <= 0.5 (0.5 ties to 0) */
			return (a & 0x7fffffffu) > 0x3f000000u ? sign | 0x3f800000u : sign;
		}
	}
	uint32_t frac = 0x7fffffu >> e; /* fraction bits below the integer part */
	if (!(a & frac))
		return a;
	uint32_t t = a & ~frac;
	switch (mode) {
	case 0: return t;
	case 1: return sign ? t + frac + 1 : t;   /* away from zero when negative */
	case 2: return sign ? t : t + frac + 1;
	default: {
		uint32_t half = (frac + 1) >> 1, rest = a & frac;
		if (rest > half || (rest == half && ((t >> (23 - e)) & 1)))
			return t + frac + 1;
		return t;
	}
	}
}

static b64 round64(b64 a, int mode)
{
	if (nan64(a))
		return a | 0x0008000000000000ull;
	uint64_t sign = a & 0x8000000000000000ull;
	int e = (int)((a >> 52) & 0x7ff) - 1023;
	if (e >= 52)
		return a;
	if (e < 0) {
		if ((a << 1) == 0)
			return a;
		switch (mode) {
		case 0: return sign;
		case 1: return sign ? 0xbff0000000000000ull : 0;
		case 2: return sign ? 0x8000000000000000ull : 0x3ff0000000000000ull;
		default: return (a & 0x7fffffffffffffffull) > 0x3fe0000000000000ull ? sign | 0x3ff0000000000000ull : sign;
		}
	}
	uint64_t frac = 0xfffffffffffffull >> e;
	if (!(a & frac))
		return a;
	uint64_t t = a & ~frac;
	switch (mode) {
	case 0: return t;
	case 1: return sign ? t + frac + 1 : t;
	case 2: return sign ? t : t + frac + 1;
	default: {
		uint64_t half = (frac + 1) >> 1, rest = a & frac;
		if (rest > half || (rest == half && ((t >> (52 - e)) & 1)))
			return t + frac + 1;
		return t;
	}
	}
}

b32 synth_rt_f32_trunc(b32 a) { return round32(a, 0); }
b32 synth_rt_f32_floor(b32 a) { return round32(a, 1); }
b32 synth_rt_f32_ceil(b32 a) { return round32(a, 2); }
b32 synth_rt_f32_nearest(b32 a) { return round32(a, 3); }
b64 synth_rt_f64_trunc(b64 a) { return round64(a, 0); }
b64 synth_rt_f64_floor(b64 a) { return round64(a, 1); }
b64 synth_rt_f64_ceil(b64 a) { return round64(a, 2); }
b64 synth_rt_f64_nearest(b64 a) { return round64(a, 3); }

/* ---- comparisons (false for NaN except ne) ---- */

uint32_t synth_rt_f32_eq(b32 a, b32 b) { return F(a) == F(b); }
uint32_t synth_rt_f32_ne(b32 a, b32 b) { return F(a) != F(b); }
uint32_t synth_rt_f32_lt(b32 a, b32 b) { return F(a) < F(b); }
uint32_t synth_rt_f32_gt(b32 a, b32 b) { return F(a) > F(b); }
uint32_t synth_rt_f32_le(b32 a, b32 b) { return F(a) <= F(b); }
uint32_t synth_rt_f32_ge(b32 a, b32 b) { return F(a) >= F(b); }
uint32_t synth_rt_f64_eq(b64 a, b64 b) { return D(a) == D(b); }
uint32_t synth_rt_f64_ne(b64 a, b64 b) { return D(a) != D(b); }
uint32_t synth_rt_f64_lt(b64 a, b64 b) { return D(a) < D(b); }
uint32_t synth_rt_f64_gt(b64 a, b64 b) { return D(a) > D(b); }
uint32_t synth_rt_f64_le(b64 a, b64 b) { return D(a) <= D(b); }
uint32_t synth_rt_f64_ge(b64 a, b64 b) { return D(a) >= D(b); }

/* ---- conversions ---- */

/* Float to integer, trapping: NaN is "invalid conversion to integer",
 * anything whose truncation is out of range is "integer overflow". The
 * range tests compare against exact powers of two. */
int32_t synth_rt_i32_trunc_f32_s(b32 a)
{
	if (nan32(a))
		synth_rt_trap(SYNTH_TRAP_INVALID_CONVERSION);
	float f = F(a);
	if (!(f >= -2147483648.0f && f < 2147483648.0f))
		synth_rt_trap(SYNTH_TRAP_INT_OVERFLOW);
	return (int32_t)f;
}
uint32_t synth_rt_i32_trunc_f32_u(b32 a)
{
	if (nan32(a))
		synth_rt_trap(SYNTH_TRAP_INVALID_CONVERSION);
	float f = F(a);
	if (!(f > -1.0f && f < 4294967296.0f))
		synth_rt_trap(SYNTH_TRAP_INT_OVERFLOW);
	return (uint32_t)f;
}
int32_t synth_rt_i32_trunc_f64_s(b64 a)
{
	if (nan64(a))
		synth_rt_trap(SYNTH_TRAP_INVALID_CONVERSION);
	double d = D(a);
	if (!(d > -2147483649.0 && d < 2147483648.0))
		synth_rt_trap(SYNTH_TRAP_INT_OVERFLOW);
	return (int32_t)d;
}
uint32_t synth_rt_i32_trunc_f64_u(b64 a)
{
	if (nan64(a))
		synth_rt_trap(SYNTH_TRAP_INVALID_CONVERSION);
	double d = D(a);
	if (!(d > -1.0 && d < 4294967296.0))
		synth_rt_trap(SYNTH_TRAP_INT_OVERFLOW);
	return (uint32_t)d;
}
int64_t synth_rt_i64_trunc_f32_s(b32 a)
{
	if (nan32(a))
		synth_rt_trap(SYNTH_TRAP_INVALID_CONVERSION);
	float f = F(a);
	if (!(f >= -9223372036854775808.0f && f < 9223372036854775808.0f))
		synth_rt_trap(SYNTH_TRAP_INT_OVERFLOW);
	return (int64_t)f;
}
uint64_t synth_rt_i64_trunc_f32_u(b32 a)
{
	if (nan32(a))
		synth_rt_trap(SYNTH_TRAP_INVALID_CONVERSION);
	float f = F(a);
	if (!(f > -1.0f && f < 18446744073709551616.0f))
		synth_rt_trap(SYNTH_TRAP_INT_OVERFLOW);
	return (uint64_t)f;
}
int64_t synth_rt_i64_trunc_f64_s(b64 a)
{
	if (nan64(a))
		synth_rt_trap(SYNTH_TRAP_INVALID_CONVERSION);
	double d = D(a);
	if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0))
		synth_rt_trap(SYNTH_TRAP_INT_OVERFLOW);
	return (int64_t)d;
}
uint64_t synth_rt_i64_trunc_f64_u(b64 a)
{
	if (nan64(a))
		synth_rt_trap(SYNTH_TRAP_INVALID_CONVERSION);
	double d = D(a);
	if (!(d > -1.0 && d < 18446744073709551616.0))
		synth_rt_trap(SYNTH_TRAP_INT_OVERFLOW);
	return (uint64_t)d;
}

/* Saturating: NaN is 0, out of range clamps. */
int32_t synth_rt_i32_trunc_sat_f32_s(b32 a)
{
	float f = F(a);
	if (nan32(a)) return 0;
	if (f < -2147483648.0f) return INT32_MIN;
	if (f >= 2147483648.0f) return INT32_MAX;
	return (int32_t)f;
}
uint32_t synth_rt_i32_trunc_sat_f32_u(b32 a)
{
	float f = F(a);
	if (nan32(a) || f <= -1.0f) return 0;
	if (f >= 4294967296.0f) return UINT32_MAX;
	return f < 0 ? 0 : (uint32_t)f;
}
int32_t synth_rt_i32_trunc_sat_f64_s(b64 a)
{
	double d = D(a);
	if (nan64(a)) return 0;
	if (d <= -2147483649.0) return INT32_MIN;
	if (d >= 2147483648.0) return INT32_MAX;
	return (int32_t)d;
}
uint32_t synth_rt_i32_trunc_sat_f64_u(b64 a)
{
	double d = D(a);
	if (nan64(a) || d <= -1.0) return 0;
	if (d >= 4294967296.0) return UINT32_MAX;
	return d < 0 ? 0 : (uint32_t)d;
}
int64_t synth_rt_i64_trunc_sat_f32_s(b32 a)
{
	float f = F(a);
	if (nan32(a)) return 0;
	if (f < -9223372036854775808.0f) return INT64_MIN;
	if (f >= 9223372036854775808.0f) return INT64_MAX;
	return (int64_t)f;
}
uint64_t synth_rt_i64_trunc_sat_f32_u(b32 a)
{
	float f = F(a);
	if (nan32(a) || f <= -1.0f) return 0;
	if (f >= 18446744073709551616.0f) return UINT64_MAX;
	return f < 0 ? 0 : (uint64_t)f;
}
int64_t synth_rt_i64_trunc_sat_f64_s(b64 a)
{
	double d = D(a);
	if (nan64(a)) return 0;
	if (d < -9223372036854775808.0) return INT64_MIN;
	if (d >= 9223372036854775808.0) return INT64_MAX;
	return (int64_t)d;
}
uint64_t synth_rt_i64_trunc_sat_f64_u(b64 a)
{
	double d = D(a);
	if (nan64(a) || d <= -1.0) return 0;
	if (d >= 18446744073709551616.0) return UINT64_MAX;
	return d < 0 ? 0 : (uint64_t)d;
}

/* Integer to float, correctly rounded (FPU or libgcc). */
b32 synth_rt_f32_convert_i32_s(int32_t a) { return BF((float)a); }
b32 synth_rt_f32_convert_i32_u(uint32_t a) { return BF((float)a); }
b32 synth_rt_f32_convert_i64_s(int64_t a) { return BF((float)a); }
b32 synth_rt_f32_convert_i64_u(uint64_t a) { return BF((float)a); }
b64 synth_rt_f64_convert_i32_s(int32_t a) { return BD((double)a); }
b64 synth_rt_f64_convert_i32_u(uint32_t a) { return BD((double)a); }
b64 synth_rt_f64_convert_i64_s(int64_t a) { return BD((double)a); }
b64 synth_rt_f64_convert_i64_u(uint64_t a) { return BD((double)a); }

/* f32 <-> f64: NaNs stay NaNs (quiet), everything else rounds per IEEE. */
b32 synth_rt_f32_demote_f64(b64 a)
{
	if (nan64(a))
		return (b32)(a >> 32 & 0x80000000u) | 0x7fc00000u | (b32)((a >> 29) & 0x3fffffu);
	return BF((float)D(a));
}
b64 synth_rt_f64_promote_f32(b32 a)
{
	if (nan32(a))
		return ((b64)(a & 0x80000000u) << 32) | 0x7ff8000000000000ull | ((b64)(a & 0x3fffffu) << 29);
	return BD((double)F(a));
}
