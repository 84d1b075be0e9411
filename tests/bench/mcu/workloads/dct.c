/* dct.c - a JPEG-like transform codec on a 96x64 8-bit image: per 8x8
 * block, level shift, separable forward DCT-II with a Q13 cosine matrix,
 * quantization by the JPEG luminance table (ITU T.81 annex K), zigzag
 * scan with zero-run counting, dequantization, inverse DCT and clamping.
 * Checked: the reconstruction's mean squared error is small; the
 * coefficients, the run count and the error go into the checksum. */
#include "bench.h"

#define W 96
#define H 64

static const int16_t C[8][8] = { /* round(c(u) cos((2x+1)u pi/16) 2^13) */
	{ 2896, 2896, 2896, 2896, 2896, 2896, 2896, 2896 },
	{ 4017, 3406, 2276, 799, -799, -2276, -3406, -4017 },
	{ 3784, 1567, -1567, -3784, -3784, -1567, 1567, 3784 },
	{ 3406, -799, -4017, -2276, 2276, 4017, 799, -3406 },
	{ 2896, -2896, -2896, 2896, 2896, -2896, -2896, 2896 },
	{ 2276, -4017, 799, 3406, -3406, -799, 4017, -2276 },
	{ 1567, -3784, 3784, -1567, -1567, 3784, -3784, 1567 },
	{ 799, -2276, 3406, -4017, 4017, -3406, 2276, -799 },
};

static const uint8_t quant[64] = {
	16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55,
	14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62,
	18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92,
	49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
};

static uint8_t img[H][W], rec[H][W];
static uint8_t zigzag[64];

static void make_zigzag(void)
{
	int i = 0;
	for (int s = 0; s < 15; s++) /* anti-diagonals, alternating direction */
		for (int k = 0; k <= s; k++) {
			int r = (s & 1) ? k : s - k, c = s - r;
			if (r < 8 && c < 8)
				zigzag[i++] = (uint8_t)(r * 8 + c);
		}
}

/* out = M in M^T (forward) or M^T in M (inverse), Q13 with rounding */
static void transform(const int32_t in[64], int32_t out[64], int inverse)
{
	int32_t t[64];
	for (int r = 0; r < 8; r++)
		for (int u = 0; u < 8; u++) {
			int32_t acc = 0;
			for (int x = 0; x < 8; x++)
				acc += in[r * 8 + x] * (inverse ? C[x][u] : C[u][x]);
			t[r * 8 + u] = (acc + 4096) >> 13;
		}
	for (int c = 0; c < 8; c++)
		for (int v = 0; v < 8; v++) {
			int32_t acc = 0;
			for (int y = 0; y < 8; y++)
				acc += t[y * 8 + c] * (inverse ? C[y][v] : C[v][y]);
			out[v * 8 + c] = (acc + 4096) >> 13;
		}
}

BENCH_RUN uint32_t run(void)
{
	uint32_t h = 0, s = bench_seed, runs = 0;
	uint64_t sse = 0;

	make_zigzag();
	for (int y = 0; y < H; y++)
		for (int x = 0; x < W; x++) {
			int32_t v = 40 + x + y * 2 + (int32_t)(bench_rand(&s) % 24);
			if ((x / 16 + y / 16) & 1) /* a checkerboard of edges */
				v += 60;
			img[y][x] = (uint8_t)(v > 255 ? 255 : v);
		}
	for (int by = 0; by < H; by += 8)
		for (int bx = 0; bx < W; bx += 8) {
			int32_t blk[64], co[64], q[64];
			for (int i = 0; i < 64; i++)
				blk[i] = (int32_t)img[by + i / 8][bx + i % 8] - 128;
			transform(blk, co, 0);
			uint32_t run0 = 0;
			for (int i = 0; i < 64; i++) {
				int z = zigzag[i];
				int32_t c = co[z], d = quant[z];
				q[z] = c >= 0 ? (c + d / 2) / d : -((-c + d / 2) / d);
				if (q[z] == 0) {
					run0++;
				} else {
					runs += run0;
					h = bench_mix(h, (uint32_t)q[z] + (run0 << 16));
					run0 = 0;
				}
			}
			for (int i = 0; i < 64; i++)
				q[i] *= quant[i];
			transform(q, blk, 1);
			for (int i = 0; i < 64; i++) {
				int32_t v = blk[i] + 128;
				v = v < 0 ? 0 : v > 255 ? 255 : v;
				rec[by + i / 8][bx + i % 8] = (uint8_t)v;
				int32_t e = v - img[by + i / 8][bx + i % 8];
				sse += (uint64_t)(e * e);
			}
		}
	h = bench_mix(h, runs);
	h = bench_mix(h, (uint32_t)sse);
	h = bench_mix(h, sse / (W * H) < 100); /* MSE below 100: PSNR above 28 dB */
	return h;
}
