/* nbody.c - n-body gravity in f64: 6 bodies, 200 leapfrog steps, square
 * roots by f64.sqrt (__builtin_sqrt, correctly rounded everywhere), then
 * the total energy. Checked: energy drift stays small and momentum stays
 * zero within rounding. Every operation is a separate IEEE double
 * operation, so all builds give the same bits. */
#include "bench.h"

#define NB 6
#define STEPS 200

typedef struct { double x, y, z, vx, vy, vz, m; } Body;
static Body b[NB];

static double energy(void)
{
	double e = 0.0;
	for (int i = 0; i < NB; i++) {
		e += 0.5 * b[i].m * (b[i].vx * b[i].vx + b[i].vy * b[i].vy + b[i].vz * b[i].vz);
		for (int j = i + 1; j < NB; j++) {
			double dx = b[i].x - b[j].x, dy = b[i].y - b[j].y, dz = b[i].z - b[j].z;
			e -= b[i].m * b[j].m / __builtin_sqrt(dx * dx + dy * dy + dz * dz + 0.25);
		}
	}
	return e;
}

BENCH_RUN uint32_t run(void)
{
	uint32_t h = 0, s = bench_seed;
	double px = 0.0, py = 0.0, pz = 0.0, mt = 0.0;

	for (int i = 0; i < NB; i++) {
		b[i].x = (double)(int32_t)(bench_rand(&s) % 2001 - 1000) / 100.0;
		b[i].y = (double)(int32_t)(bench_rand(&s) % 2001 - 1000) / 100.0;
		b[i].z = (double)(int32_t)(bench_rand(&s) % 201 - 100) / 100.0;
		b[i].vx = (double)(int32_t)(bench_rand(&s) % 201 - 100) / 1000.0;
		b[i].vy = (double)(int32_t)(bench_rand(&s) % 201 - 100) / 1000.0;
		b[i].vz = (double)(int32_t)(bench_rand(&s) % 21 - 10) / 1000.0;
		b[i].m = 1.0 + (double)(bench_rand(&s) % 100) / 10.0;
		px += b[i].m * b[i].vx; py += b[i].m * b[i].vy; pz += b[i].m * b[i].vz;
		mt += b[i].m;
	}
	for (int i = 0; i < NB; i++) { /* zero total momentum */
		b[i].vx -= px / mt; b[i].vy -= py / mt; b[i].vz -= pz / mt;
	}
	double e0 = energy(), dt = 0.01;
	for (int step = 0; step < STEPS; step++) {
		for (int i = 0; i < NB; i++)
			for (int j = i + 1; j < NB; j++) {
				double dx = b[i].x - b[j].x, dy = b[i].y - b[j].y, dz = b[i].z - b[j].z;
				double d2 = dx * dx + dy * dy + dz * dz + 0.25;
				double mag = dt / (d2 * __builtin_sqrt(d2));
				double mi = b[i].m * mag, mj = b[j].m * mag;
				b[i].vx -= dx * mj; b[i].vy -= dy * mj; b[i].vz -= dz * mj;
				b[j].vx += dx * mi; b[j].vy += dy * mi; b[j].vz += dz * mi;
			}
		for (int i = 0; i < NB; i++) {
			b[i].x += dt * b[i].vx; b[i].y += dt * b[i].vy; b[i].z += dt * b[i].vz;
		}
	}
	double e1 = energy();
	px = py = pz = 0.0;
	for (int i = 0; i < NB; i++) {
		px += b[i].m * b[i].vx; py += b[i].m * b[i].vy; pz += b[i].m * b[i].vz;
		h = bench_mix(h, bench_f64_bits(b[i].x));
		h = bench_mix(h, bench_f64_bits(b[i].vy));
	}
	double drift = (e1 - e0) / e0;
	h = bench_mix(h, drift < 0.05 && drift > -0.05);
	h = bench_mix(h, px < 1e-9 && px > -1e-9 && py < 1e-9 && py > -1e-9);
	h = bench_mix(h, bench_f64_bits(e0));
	return bench_mix(h, bench_f64_bits(e1));
}
