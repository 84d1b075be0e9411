/* fixmath.c - Q16.16 fixed-point math: CORDIC sine/cosine (rotation mode)
 * and atan2 (vectoring mode), a bitwise integer square root for the vector
 * length, 64-bit products and quotients, and a PID controller driving a
 * first-order plant for 2000 steps. Checked: sin^2 + cos^2 ~ 1 and
 * atan2(sin, cos) ~ angle, within a few LSB. (Right shifts of negative
 * values are arithmetic with both gcc and clang.) */
#include "bench.h"

typedef int32_t q16;
#define Q1 65536
#define QPI 205887 /* pi in Q16.16 */
#define QHALFPI 102944

static const q16 atan_tab[16] = { /* atan(2^-i) in Q16.16 */
	51472, 30386, 16055, 8150, 4091, 2047, 1024, 512, 256, 128, 64, 32, 16, 8, 4, 2,
};
#define CORDIC_K 39797 /* 1 / prod sqrt(1 + 2^-2i), Q16.16 */

static inline q16 qmul(q16 a, q16 b) { return (q16)(((int64_t)a * b) >> 16); }
static inline q16 qdiv(q16 a, q16 b) { return (q16)(((int64_t)a * Q1) / b); }

/* angle in [-pi, pi] */
static void q_sincos(q16 angle, q16 *s, q16 *c)
{
	int flip = 0;
	if (angle > QHALFPI) { angle -= QPI; flip = 1; }
	else if (angle < -QHALFPI) { angle += QPI; flip = 1; }
	q16 x = CORDIC_K, y = 0, z = angle;
	for (int i = 0; i < 16; i++) {
		q16 dx = y >> i, dy = x >> i;
		if (z >= 0) { x -= dx; y += dy; z -= atan_tab[i]; }
		else { x += dx; y -= dy; z += atan_tab[i]; }
	}
	*s = flip ? -y : y;
	*c = flip ? -x : x;
}

static q16 atan2q(q16 y, q16 x)
{
	q16 z = 0;
	if (x < 0) {
		z = y >= 0 ? QPI : -QPI;
		x = -x;
		y = -y;
	}
	for (int i = 0; i < 16; i++) {
		q16 dx = y >> i, dy = x >> i;
		if (y > 0) { x += dx; y -= dy; z += atan_tab[i]; }
		else { x -= dx; y += dy; z -= atan_tab[i]; }
	}
	if (z > QPI) z -= 2 * QPI;
	if (z < -QPI) z += 2 * QPI;
	return z;
}

static uint32_t isqrt64(uint64_t v)
{
	uint64_t r = 0, bit = (uint64_t)1 << 62;
	while (bit > v)
		bit >>= 2;
	while (bit) {
		if (v >= r + bit) {
			v -= r + bit;
			r = (r >> 1) + bit;
		} else {
			r >>= 1;
		}
		bit >>= 2;
	}
	return (uint32_t)r;
}

static inline int32_t iabs(int32_t v) { return v < 0 ? -v : v; }

BENCH_RUN uint32_t run(void)
{
	uint32_t h = 0;
	int ok = 1;
	q16 step = (q16)(bench_seed & 0x3ff) + 300; /* ~0.0107 rad */

	for (q16 a = -QPI; a <= QPI; a += step) {
		q16 s, c;
		q_sincos(a, &s, &c);
		q16 one = qmul(s, s) + qmul(c, c);
		ok &= iabs(one - Q1) < 64;
		q16 back = atan2q(s, c);
		q16 err = back - a;
		if (err > QPI) err -= 2 * QPI;
		if (err < -QPI) err += 2 * QPI;
		ok &= iabs(err) < 64;
		uint32_t r = isqrt64((uint64_t)((int64_t)s * s + (int64_t)c * c));
		ok &= iabs((int32_t)r - Q1) < 64;
		h = bench_mix(h, (uint32_t)s ^ ((uint32_t)c << 7) ^ (uint32_t)back);
	}
	h = bench_mix(h, (uint32_t)ok);

	/* PID: plant y' = (u - y) / tau, setpoint steps every 400 iterations */
	q16 kp = qdiv(3 * Q1, 2 * Q1), ki = Q1 / 20, kd = Q1 / 8, dt = Q1 / 100;
	q16 y = 0, integ = 0, prev = 0;
	for (int i = 0; i < 2000; i++) {
		q16 sp = ((i / 400) & 1) ? 5 * Q1 : -2 * Q1;
		q16 e = sp - y;
		integ += qmul(e, dt);
		if (integ > 20 * Q1) integ = 20 * Q1;
		if (integ < -20 * Q1) integ = -20 * Q1;
		q16 d = qdiv(e - prev, dt);
		prev = e;
		q16 u = qmul(kp, e) + qmul(ki, integ) + qmul(kd, d) / 16;
		y += qdiv(qmul(u - y, dt), Q1 / 4);
		if ((i & 63) == 0)
			h = bench_mix(h, (uint32_t)y);
	}
	return bench_mix(h, (uint32_t)y);
}
