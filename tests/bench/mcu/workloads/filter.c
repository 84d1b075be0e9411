/* filter.c - f32 signal processing: a 32-tap FIR (coefficients from a fixed
 * table) and a cascade of two biquad IIR
 * sections (direct form I) over 2048 generated samples, plus a Q15 fixed
 * point FIR of the same signal. The checksum folds in the output bits and
 * checks the DC gain of the FIR taps within a tolerance. */
#include "bench.h"

#define N 2048
#define TAPS 32

static float in[N], fir_out[N], iir_out[N];
static int16_t in_q15[N], out_q15[N];

/* A fixed 32-tap response (DC gain 0.3035: the sum is checked). */
static const float taps[TAPS] = {
	-0.000937f, -0.001245f, -0.000657f,  0.001536f,  0.004586f,  0.005599f,
	 0.000868f, -0.010075f, -0.020548f, -0.018449f,  0.004578f,  0.045851f,
	 0.089567f,  0.112994f,  0.096998f,  0.041934f, -0.019428f, -0.052011f,
	-0.042050f, -0.005290f,  0.029106f,  0.040115f,  0.025167f,  0.000000f,
	-0.014744f, -0.014159f, -0.006026f,  0.001574f,  0.004236f,  0.003133f,
	 0.001190f,  0.000089f,
};

/* Two biquads (b0 b1 b2 a1 a2), a 4th-order low-pass. */
static const float biquad[2][5] = {
	{ 0.0200834f, 0.0401667f, 0.0200834f, -1.5610181f, 0.6413515f },
	{ 0.0200834f, 0.0401667f, 0.0200834f, -1.4755f, 0.5869f },
};

BENCH_RUN uint32_t run(void)
{
	uint32_t h = 0, s = bench_seed;
	int16_t taps_q15[TAPS];
	float gain = 0.0f;

	for (int i = 0; i < N; i++) {
		int32_t noise = (int32_t)(bench_rand(&s) & 0x3ff) - 512;
		int32_t tone = (i & 32) ? 6000 : -6000; /* square wave, period 64 */
		int32_t v = tone + noise * 8;
		in_q15[i] = (int16_t)v;
		in[i] = (float)v * (1.0f / 32768.0f);
	}
	for (int k = 0; k < TAPS; k++) {
		gain += taps[k];
		taps_q15[k] = (int16_t)(taps[k] * 32768.0f);
	}
	h = bench_mix(h, gain > 0.303f && gain < 0.304f);

	for (int i = 0; i < N; i++) {
		float acc = 0.0f;
		int32_t qacc = 0;
		for (int k = 0; k < TAPS && k <= i; k++) {
			acc += taps[k] * in[i - k];
			qacc += (int32_t)taps_q15[k] * in_q15[i - k];
		}
		fir_out[i] = acc;
		out_q15[i] = (int16_t)(qacc >> 15);
	}
	for (int i = 0; i < N; i++)
		iir_out[i] = fir_out[i];
	for (int sec = 0; sec < 2; sec++) {
		const float *c = biquad[sec];
		float x1 = 0, x2 = 0, y1 = 0, y2 = 0;
		for (int i = 0; i < N; i++) {
			float x0 = iir_out[i];
			float y0 = c[0] * x0 + c[1] * x1 + c[2] * x2 - c[3] * y1 - c[4] * y2;
			x2 = x1; x1 = x0; y2 = y1; y1 = y0;
			iir_out[i] = y0;
		}
	}
	for (int i = 0; i < N; i += 4) {
		h = bench_mix(h, bench_f32_bits(fir_out[i]));
		h = bench_mix(h, bench_f32_bits(iir_out[i]));
		h = bench_mix(h, (uint16_t)out_q15[i]);
	}
	return h;
}
