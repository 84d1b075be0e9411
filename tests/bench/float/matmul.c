/* matmul.c - 24x24 matrix multiply, f32. */
#include "kernels.h"
#define M 24
static float a[M][M], b[M][M], c[M][M];
EXPORT uint32_t run(void)
{
	for (int i = 0; i < M; i++)
		for (int j = 0; j < M; j++) {
			a[i][j] = (float)(i + j) * 0.5f;
			b[i][j] = (float)(i - j) * 0.25f;
		}
	for (int i = 0; i < M; i++)
		for (int j = 0; j < M; j++) {
			float s = 0.0f;
			for (int k = 0; k < M; k++)
				s += a[i][k] * b[k][j];
			c[i][j] = s;
		}
	float t = 0.0f;
	for (int i = 0; i < M; i++)
		t += c[i][i] - c[i][M - 1 - i];
	return bits32(t);
}
