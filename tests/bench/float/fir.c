/* fir.c - a 32-tap FIR filter over 512 samples, f32. */
#include "kernels.h"
#define TAPS 32
#define N 512
static float coef[TAPS], in[N + TAPS], out[N];
EXPORT uint32_t run(void)
{
	for (int i = 0; i < TAPS; i++)
		coef[i] = 1.0f / (float)(i + 2);
	for (int i = 0; i < N + TAPS; i++)
		in[i] = (float)((i * 37) % 101) * 0.01f - 0.5f;
	for (int n = 0; n < N; n++) {
		float acc = 0.0f;
		for (int k = 0; k < TAPS; k++)
			acc += coef[k] * in[n + k];
		out[n] = acc;
	}
	float s = 0.0f;
	for (int n = 0; n < N; n++)
		s += out[n];
	return bits32(s);
}
