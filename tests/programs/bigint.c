/* bigint.c - multi-precision arithmetic in base 10^9 with 64-bit
 * intermediates: 100!, 2^1000 and Fibonacci(1000) as decimal numbers
 * (digit sums and lengths checked against known values), and a long
 * division by small numbers that must give back the multiplicand. */
#include "prog.h"

#define LIMBS 80
#define BASE 1000000000u

typedef struct Big {
	uint32_t d[LIMBS]; /* little-endian limbs, each < BASE */
	int n;
} Big;

static void big_set(Big *b, uint32_t v)
{
	b->n = 0;
	do {
		b->d[b->n++] = v % BASE;
		v /= BASE;
	} while (v);
}

static void big_mul_small(Big *b, uint32_t m)
{
	uint64_t carry = 0;
	for (int i = 0; i < b->n; i++) {
		uint64_t t = (uint64_t)b->d[i] * m + carry;
		b->d[i] = (uint32_t)(t % BASE);
		carry = t / BASE;
	}
	while (carry) {
		b->d[b->n++] = (uint32_t)(carry % BASE);
		carry /= BASE;
	}
}

static uint32_t big_div_small(Big *b, uint32_t m)
{
	uint64_t rem = 0;
	for (int i = b->n - 1; i >= 0; i--) {
		uint64_t cur = b->d[i] + rem * BASE;
		b->d[i] = (uint32_t)(cur / m);
		rem = cur % m;
	}
	while (b->n > 1 && b->d[b->n - 1] == 0)
		b->n--;
	return (uint32_t)rem;
}

static void big_add(Big *r, const Big *a, const Big *b)
{
	uint32_t carry = 0;
	int n = a->n > b->n ? a->n : b->n;
	for (int i = 0; i < n; i++) {
		uint32_t x = (i < a->n ? a->d[i] : 0) + (i < b->n ? b->d[i] : 0) + carry;
		carry = x >= BASE;
		r->d[i] = carry ? x - BASE : x;
	}
	r->n = n;
	if (carry)
		r->d[r->n++] = 1;
}

static void big_mul(Big *r, const Big *a, const Big *b)
{
	uint64_t acc[LIMBS];
	for (int i = 0; i < LIMBS; i++)
		acc[i] = 0;
	for (int i = 0; i < a->n; i++) {
		uint64_t carry = 0;
		for (int j = 0; j < b->n; j++) {
			uint64_t t = acc[i + j] + (uint64_t)a->d[i] * b->d[j] + carry;
			acc[i + j] = t % BASE;
			carry = t / BASE;
		}
		int k = i + b->n;
		while (carry) {
			uint64_t t = acc[k] + carry;
			acc[k++] = t % BASE;
			carry = t / BASE;
		}
	}
	r->n = a->n + b->n;
	for (int i = 0; i < r->n; i++)
		r->d[i] = (uint32_t)acc[i];
	while (r->n > 1 && r->d[r->n - 1] == 0)
		r->n--;
}

static int big_cmp(const Big *a, const Big *b)
{
	if (a->n != b->n)
		return a->n < b->n ? -1 : 1;
	for (int i = a->n - 1; i >= 0; i--)
		if (a->d[i] != b->d[i])
			return a->d[i] < b->d[i] ? -1 : 1;
	return 0;
}

static void digits(const Big *b, uint32_t *sum, uint32_t *count)
{
	*sum = 0;
	for (int i = 0; i < b->n; i++) {
		uint32_t v = b->d[i];
		for (int k = 0; k < 9; k++) {
			*sum += v % 10;
			v /= 10;
		}
	}
	/* leading zeros of the top limb add nothing to the sum, but do not count */
	uint32_t top = b->d[b->n - 1], tn = 0;
	do {
		tn++;
		top /= 10;
	} while (top);
	*count = (uint32_t)(b->n - 1) * 9 + tn;
}

static uint64_t big_hash(uint64_t h, const Big *b)
{
	for (int i = 0; i < b->n; i++)
		h = prog_mix64(h, b->d[i]);
	return prog_mix64(h, (uint64_t)b->n);
}

static Big x, y, z, w;

RUN_EXPORT uint64_t run(void)
{
	uint64_t h = prog_seed;
	uint32_t sum, count;

	big_set(&x, 1);
	for (uint32_t i = 2; i <= 100; i++)
		big_mul_small(&x, i);
	digits(&x, &sum, &count);
	if (sum != 648 || count != 158)
		return 1;
	h = big_hash(h, &x);
	for (uint32_t i = 100; i >= 2; i--)
		if (big_div_small(&x, i) != 0)
			return 2;
	if (x.n != 1 || x.d[0] != 1)
		return 3;

	big_set(&x, 1);
	for (int i = 0; i < 1000; i++)
		big_mul_small(&x, 2);
	digits(&x, &sum, &count);
	if (sum != 1366 || count != 302)
		return 4;
	h = big_hash(h, &x);
	/* 2^1000 = (2^500)^2 */
	big_set(&y, 1);
	for (int i = 0; i < 500; i++)
		big_mul_small(&y, 2);
	big_mul(&z, &y, &y);
	if (big_cmp(&z, &x) != 0)
		return 5;

	big_set(&x, 0);
	big_set(&y, 1);
	for (int i = 0; i < 1000; i++) {
		big_add(&z, &x, &y);
		x = y;
		y = z;
	}
	digits(&x, &sum, &count);
	if (count != 209)
		return 6;
	h = big_hash(h, &x);
	h = prog_mix64(h, sum);

	/* (a * b) / b == a for random a, b */
	uint32_t s = prog_seed;
	for (int t = 0; t < 10; t++) {
		big_set(&w, prog_rand(&s) % BASE);
		for (int i = 0; i < 8; i++)
			big_mul_small(&w, prog_rand(&s) % 60000u + 1);
		uint32_t m = prog_rand(&s) % 100000u + 2;
		x = w;
		big_mul_small(&x, m);
		if (big_div_small(&x, m) != 0 || big_cmp(&x, &w) != 0)
			return 7;
		h = big_hash(h, &x);
	}
	return h;
}
