/* primes.c - number theory on 32 and 64 bits: a sieve of Eratosthenes
 * (pi(10^5) = 9592), deterministic Miller-Rabin for 32-bit numbers with
 * 64-bit modular multiplication, checked against the sieve; modular
 * exponentiation, gcd, Euler's totient by factorization, and 64-bit
 * trial division of a few products of two primes. */
#include "prog.h"

#define LIMIT 100000

static uint8_t composite[LIMIT + 1];

static uint32_t sieve(void)
{
	uint32_t count = 0;
	composite[0] = composite[1] = 1;
	for (uint32_t i = 2; i * i <= LIMIT; i++)
		if (!composite[i])
			for (uint32_t j = i * i; j <= LIMIT; j += i)
				composite[j] = 1;
	for (uint32_t i = 0; i <= LIMIT; i++)
		count += !composite[i];
	return count;
}

static uint32_t mulmod(uint32_t a, uint32_t b, uint32_t m) { return (uint32_t)((uint64_t)a * b % m); }

static uint32_t powmod(uint32_t b, uint32_t e, uint32_t m)
{
	uint32_t r = 1 % m;
	b %= m;
	while (e) {
		if (e & 1)
			r = mulmod(r, b, m);
		b = mulmod(b, b, m);
		e >>= 1;
	}
	return r;
}

static int is_prime_mr(uint32_t n)
{
	/* 2, 7, 61 decide every n < 4759123141 (bases 2, 3, 5, 7 would fail
	 * at 3215031751) */
	static const uint32_t bases[] = {2, 7, 61};
	if (n < 2)
		return 0;
	for (int i = 0; i < 3; i++)
		if (n % bases[i] == 0)
			return n == bases[i];
	uint32_t d = n - 1;
	int r = 0;
	while (!(d & 1))
		d >>= 1, r++;
	for (int i = 0; i < 3; i++) {
		uint32_t x = powmod(bases[i], d, n);
		if (x == 1 || x == n - 1)
			continue;
		int witness = 1;
		for (int k = 1; k < r; k++) {
			x = mulmod(x, x, n);
			if (x == n - 1) {
				witness = 0;
				break;
			}
		}
		if (witness)
			return 0;
	}
	return 1;
}

static uint64_t gcd64(uint64_t a, uint64_t b)
{
	while (b) {
		uint64_t t = a % b;
		a = b;
		b = t;
	}
	return a;
}

static uint32_t totient(uint32_t n)
{
	uint32_t r = n;
	for (uint32_t p = 2; p * p <= n; p++)
		if (n % p == 0) {
			while (n % p == 0)
				n /= p;
			r -= r / p;
		}
	if (n > 1)
		r -= r / n;
	return r;
}

/* Smallest prime factor of a 64-bit number by trial division (odd numbers). */
static uint64_t smallest_factor(uint64_t n)
{
	if (n % 2 == 0)
		return 2;
	for (uint64_t d = 3; d * d <= n; d += 2)
		if (n % d == 0)
			return d;
	return n;
}

RUN_EXPORT uint32_t run(void)
{
	uint32_t h = 0, s = prog_seed;
	uint32_t pi = sieve();
	if (pi != 9592)
		return 1;
	h = prog_mix(h, pi);
	for (uint32_t n = 0; n <= LIMIT; n += 1)
		if (is_prime_mr(n) != !composite[n])
			return 2;
	/* Known large primes and composites (Carmichael numbers, strong pseudoprimes to base 2). */
	static const uint32_t big[] = {4294967291u, 4294967279u, 2147483647u, 561u, 3215031751u, 2152302898u,
	                               4294967295u, 1000000007u, 25326001u, 3825123056u};
	static const int expect[] = {1, 1, 1, 0, 0, 0, 0, 1, 0, 0};
	for (int i = 0; i < 10; i++)
		if (is_prime_mr(big[i]) != expect[i])
			return 3;
	uint32_t found = 0;
	for (int i = 0; i < 2000; i++) {
		uint32_t n = prog_rand(&s) | 1u;
		if (is_prime_mr(n)) {
			found++;
			h = prog_mix(h, n);
		}
	}
	h = prog_mix(h, found);
	if (powmod(2, 1000000006u, 1000000007u) != 1) /* Fermat */
		return 4;
	h = prog_mix(h, powmod(3, 123456789u, 4294967291u));
	uint32_t tsum = 0;
	for (uint32_t n = 1; n <= 2000; n++)
		tsum += totient(n);
	if (tsum != 1216588u)
		return 5;
	h = prog_mix(h, tsum);
	if (gcd64(1071ull * 1000000007ull, 462ull * 1000000007ull) != 21ull * 1000000007ull)
		return 6;
	static const uint64_t products[] = {65537ull * 4294967291ull, 40009ull * 1000000007ull, 3ull * 4294967291ull};
	for (int i = 0; i < 3; i++) {
		uint64_t f = smallest_factor(products[i]);
		h = prog_mix(h, (uint32_t)f);
		h = prog_mix(h, (uint32_t)(products[i] / f));
	}
	return h;
}
