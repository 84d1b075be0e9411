/* nbody.c - 5-body gravity simulation, f64, 100 steps (sqrt included). */
#include "kernels.h"
#define NB 5
static double x[NB], y[NB], z[NB], vx[NB], vy[NB], vz[NB], m[NB];
/* Newton iterations, the same arithmetic on both sides (no libm natively). */
static double sqrt_(double v)
{
	double r = v > 1.0 ? v : 1.0;
	for (int i = 0; i < 30; i++)
		r = 0.5 * (r + v / r);
	return r;
}
EXPORT uint64_t run(void)
{
	for (int i = 0; i < NB; i++) {
		x[i] = i * 1.5; y[i] = i * -0.75; z[i] = i * 0.25;
		vx[i] = 0.01 * i; vy[i] = 0.02; vz[i] = -0.01 * i;
		m[i] = 1.0 + i;
	}
	for (int step = 0; step < 100; step++) {
		for (int i = 0; i < NB; i++)
			for (int j = i + 1; j < NB; j++) {
				double dx = x[i] - x[j], dy = y[i] - y[j], dz = z[i] - z[j];
				double d2 = dx * dx + dy * dy + dz * dz + 0.01;
				double mag = 0.01 / (d2 * sqrt_(d2));
				vx[i] -= dx * m[j] * mag; vy[i] -= dy * m[j] * mag; vz[i] -= dz * m[j] * mag;
				vx[j] += dx * m[i] * mag; vy[j] += dy * m[i] * mag; vz[j] += dz * m[i] * mag;
			}
		for (int i = 0; i < NB; i++) {
			x[i] += 0.01 * vx[i]; y[i] += 0.01 * vy[i]; z[i] += 0.01 * vz[i];
		}
	}
	double e = 0.0;
	for (int i = 0; i < NB; i++)
		e += 0.5 * m[i] * (vx[i] * vx[i] + vy[i] * vy[i] + vz[i] * vz[i]);
	return bits64(e);
}
