/* matmul.c - integer matrix multiply: 32x32 int32 matrices, C = A * B
 * four times with B updated from C (wrapping arithmetic), plus an int16 x
 * int16 -> int32 multiply with the second operand transposed (the
 * dot-product form of MCU DSP code). The trace and a row hash of each
 * result go into the checksum; (A * I) == A is checked. */
#include "bench.h"

#define M 32

static uint32_t A[M][M], B[M][M], C[M][M];
static int16_t P[M][M], QT[M][M];
static int32_t R[M][M];

static void mul(uint32_t (*c)[M], uint32_t (*a)[M], uint32_t (*b)[M])
{
	for (int i = 0; i < M; i++)
		for (int j = 0; j < M; j++) {
			uint32_t acc = 0;
			for (int k = 0; k < M; k++)
				acc += a[i][k] * b[k][j];
			c[i][j] = acc;
		}
}

BENCH_RUN uint32_t run(void)
{
	uint32_t h = 0, s = bench_seed;
	int ok = 1;

	for (int i = 0; i < M; i++)
		for (int j = 0; j < M; j++) {
			A[i][j] = bench_rand(&s) & 0xffffu;
			B[i][j] = i == j;
			P[i][j] = (int16_t)(bench_rand(&s) & 0xffff);
			QT[i][j] = (int16_t)(bench_rand(&s) & 0xffff);
		}
	mul(C, A, B);
	for (int i = 0; i < M; i++)
		for (int j = 0; j < M; j++)
			ok &= C[i][j] == A[i][j];
	h = bench_mix(h, (uint32_t)ok);
	for (int i = 0; i < M; i++)
		for (int j = 0; j < M; j++)
			B[i][j] = bench_rand(&s) & 0xfffu;
	for (int round = 0; round < 4; round++) {
		mul(C, A, B);
		uint32_t tr = 0;
		for (int i = 0; i < M; i++) {
			tr += C[i][i];
			uint32_t row = 0;
			for (int j = 0; j < M; j++) {
				row = row * 31u + C[i][j];
				B[i][j] = (C[i][j] >> 7) & 0xfffu;
			}
			h = bench_mix(h, row);
		}
		h = bench_mix(h, tr);
	}
	for (int i = 0; i < M; i++)
		for (int j = 0; j < M; j++) {
			uint32_t acc = 0; /* int16 x int16 fits; the sum wraps */
			for (int k = 0; k < M; k++)
				acc += (uint32_t)((int32_t)P[i][k] * QT[j][k]);
			R[i][j] = (int32_t)acc;
		}
	for (int i = 0; i < M; i++)
		for (int j = 0; j < M; j += 3)
			h = bench_mix(h, (uint32_t)R[i][j]);
	return h;
}
