/* matrix.c - integer matrix code: products and the identity
 * (AB)^T = B^T A^T, the determinant by fraction-free Bareiss elimination
 * (int64), checked against cofactor expansion, and Fibonacci numbers by
 * 2x2 matrix powers modulo a prime (64-bit products), checked against the
 * iterative recurrence. Returns a 64-bit checksum. */
#include "prog.h"

#define N 10

typedef struct Mat {
	int32_t m[N][N];
} Mat;

static void mat_mul(const Mat *a, const Mat *b, Mat *c)
{
	for (int i = 0; i < N; i++)
		for (int j = 0; j < N; j++) {
			int32_t s = 0;
			for (int k = 0; k < N; k++)
				s += a->m[i][k] * b->m[k][j];
			c->m[i][j] = s;
		}
}

static void mat_transpose(const Mat *a, Mat *t)
{
	for (int i = 0; i < N; i++)
		for (int j = 0; j < N; j++)
			t->m[j][i] = a->m[i][j];
}

static int mat_equal(const Mat *a, const Mat *b)
{
	for (int i = 0; i < N; i++)
		for (int j = 0; j < N; j++)
			if (a->m[i][j] != b->m[i][j])
				return 0;
	return 1;
}

/* Bareiss: exact determinant of an n x n integer matrix. */
static int64_t det_bareiss(int64_t a[][6], int n)
{
	int64_t sign = 1, prev = 1;
	for (int k = 0; k < n - 1; k++) {
		if (a[k][k] == 0) {
			int r = k + 1;
			while (r < n && a[r][k] == 0)
				r++;
			if (r == n)
				return 0;
			for (int j = 0; j < n; j++) {
				int64_t t = a[k][j];
				a[k][j] = a[r][j];
				a[r][j] = t;
			}
			sign = -sign;
		}
		for (int i = k + 1; i < n; i++)
			for (int j = k + 1; j < n; j++)
				a[i][j] = (a[i][j] * a[k][k] - a[i][k] * a[k][j]) / prev;
		prev = a[k][k];
	}
	return sign * a[n - 1][n - 1];
}

/* Laplace expansion along the first row (recursive), for checking. */
static int64_t det_cofactor(int64_t a[][6], int n)
{
	if (n == 1)
		return a[0][0];
	int64_t sub[6][6], det = 0, sign = 1;
	for (int c = 0; c < n; c++) {
		for (int i = 1; i < n; i++)
			for (int j = 0, k = 0; j < n; j++)
				if (j != c)
					sub[i - 1][k++] = a[i][j];
		det += sign * a[0][c] * det_cofactor(sub, n - 1);
		sign = -sign;
	}
	return det;
}

#define P 1000000007ull

typedef struct M2 {
	uint64_t a, b, c, d;
} M2;

static M2 m2_mul(M2 x, M2 y)
{
	M2 r;
	r.a = (x.a * y.a + x.b * y.c) % P;
	r.b = (x.a * y.b + x.b * y.d) % P;
	r.c = (x.c * y.a + x.d * y.c) % P;
	r.d = (x.c * y.b + x.d * y.d) % P;
	return r;
}

static uint64_t fib_mod(uint64_t n)
{
	M2 r = {1, 0, 0, 1}, base = {1, 1, 1, 0};
	while (n) {
		if (n & 1)
			r = m2_mul(r, base);
		base = m2_mul(base, base);
		n >>= 1;
	}
	return r.b;
}

static Mat A, B, AB, BT, AT, BTAT, ABT;

RUN_EXPORT uint64_t run(void)
{
	uint32_t s = prog_seed;
	uint64_t h = 0;
	for (int i = 0; i < N; i++)
		for (int j = 0; j < N; j++) {
			A.m[i][j] = (int32_t)(prog_rand(&s) % 201u) - 100;
			B.m[i][j] = (int32_t)(prog_rand(&s) % 201u) - 100;
		}
	mat_mul(&A, &B, &AB);
	mat_transpose(&AB, &ABT);
	mat_transpose(&A, &AT);
	mat_transpose(&B, &BT);
	mat_mul(&BT, &AT, &BTAT);
	if (!mat_equal(&ABT, &BTAT))
		return 1;
	for (int i = 0; i < N; i++)
		for (int j = 0; j < N; j++)
			h = prog_mix64(h, (uint64_t)(int64_t)AB.m[i][j]);

	for (int t = 0; t < 20; t++) {
		int n = 2 + t % 5;
		int64_t m1[6][6], m2[6][6];
		for (int i = 0; i < n; i++)
			for (int j = 0; j < n; j++)
				m1[i][j] = m2[i][j] = (int64_t)(prog_rand(&s) % 41u) - 20;
		if (t % 4 == 3)
			for (int j = 0; j < n; j++)
				m1[n - 1][j] = m2[n - 1][j] = 2 * m1[0][j]; /* singular */
		int64_t d1 = det_bareiss(m1, n), d2 = det_cofactor(m2, n);
		if (d1 != d2)
			return 2;
		if (t % 4 == 3 && d1 != 0)
			return 3;
		h = prog_mix64(h, (uint64_t)d1);
	}

	uint64_t f0 = 0, f1 = 1;
	for (uint64_t n = 1; n <= 300; n++) {
		uint64_t f2 = (f0 + f1) % P;
		f0 = f1;
		f1 = f2;
		if (fib_mod(n) != f0)
			return 4;
	}
	h = prog_mix64(h, fib_mod(1000000000000ull));
	return h;
}
