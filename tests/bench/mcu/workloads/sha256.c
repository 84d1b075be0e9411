/* sha256.c - SHA-256 (FIPS 180-4): the "abc" test vector checked, then
 * the digest of 4 KiB of generated data chained 6 times (each digest
 * written back into the message). */
#include "bench.h"

typedef struct {
	uint32_t h[8];
	uint8_t block[64];
	uint32_t fill;
	uint32_t bytes;
} Sha256;

static const uint32_t K[64] = {
	0x428a2f98u, 0x71374491u, 0xb5c0fbcfu, 0xe9b5dba5u, 0x3956c25bu, 0x59f111f1u, 0x923f82a4u, 0xab1c5ed5u,
	0xd807aa98u, 0x12835b01u, 0x243185beu, 0x550c7dc3u, 0x72be5d74u, 0x80deb1feu, 0x9bdc06a7u, 0xc19bf174u,
	0xe49b69c1u, 0xefbe4786u, 0x0fc19dc6u, 0x240ca1ccu, 0x2de92c6fu, 0x4a7484aau, 0x5cb0a9dcu, 0x76f988dau,
	0x983e5152u, 0xa831c66du, 0xb00327c8u, 0xbf597fc7u, 0xc6e00bf3u, 0xd5a79147u, 0x06ca6351u, 0x14292967u,
	0x27b70a85u, 0x2e1b2138u, 0x4d2c6dfcu, 0x53380d13u, 0x650a7354u, 0x766a0abbu, 0x81c2c92eu, 0x92722c85u,
	0xa2bfe8a1u, 0xa81a664bu, 0xc24b8b70u, 0xc76c51a3u, 0xd192e819u, 0xd6990624u, 0xf40e3585u, 0x106aa070u,
	0x19a4c116u, 0x1e376c08u, 0x2748774cu, 0x34b0bcb5u, 0x391c0cb3u, 0x4ed8aa4au, 0x5b9cca4fu, 0x682e6ff3u,
	0x748f82eeu, 0x78a5636fu, 0x84c87814u, 0x8cc70208u, 0x90befffau, 0xa4506cebu, 0xbef9a3f7u, 0xc67178f2u,
};

static inline uint32_t ror(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

static void compress(uint32_t *h, const uint8_t *p)
{
	uint32_t w[64];
	for (int i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		       (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
	for (int i = 16; i < 64; i++) {
		uint32_t s0 = ror(w[i - 15], 7) ^ ror(w[i - 15], 18) ^ (w[i - 15] >> 3);
		uint32_t s1 = ror(w[i - 2], 17) ^ ror(w[i - 2], 19) ^ (w[i - 2] >> 10);
		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
	for (int i = 0; i < 64; i++) {
		uint32_t t1 = k + (ror(e, 6) ^ ror(e, 11) ^ ror(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
		uint32_t t2 = (ror(a, 2) ^ ror(a, 13) ^ ror(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
		k = g; g = f; f = e; e = d + t1;
		d = c; c = b; b = a; a = t1 + t2;
	}
	h[0] += a; h[1] += b; h[2] += c; h[3] += d;
	h[4] += e; h[5] += f; h[6] += g; h[7] += k;
}

static void sha_init(Sha256 *s)
{
	static const uint32_t iv[8] = { 0x6a09e667u, 0xbb67ae85u, 0x3c6ef372u, 0xa54ff53au,
					0x510e527fu, 0x9b05688cu, 0x1f83d9abu, 0x5be0cd19u };
	for (int i = 0; i < 8; i++)
		s->h[i] = iv[i];
	s->fill = 0;
	s->bytes = 0;
}

static void sha_update(Sha256 *s, const uint8_t *p, uint32_t n)
{
	s->bytes += n;
	while (n--) {
		s->block[s->fill++] = *p++;
		if (s->fill == 64) {
			compress(s->h, s->block);
			s->fill = 0;
		}
	}
}

static void sha_final(Sha256 *s, uint8_t out[32])
{
	uint32_t bits = s->bytes * 8u;
	s->block[s->fill++] = 0x80;
	if (s->fill > 56) {
		while (s->fill < 64)
			s->block[s->fill++] = 0;
		compress(s->h, s->block);
		s->fill = 0;
	}
	while (s->fill < 60)
		s->block[s->fill++] = 0;
	for (int i = 0; i < 4; i++)
		s->block[60 + i] = (uint8_t)(bits >> (24 - 8 * i));
	compress(s->h, s->block);
	for (int i = 0; i < 32; i++)
		out[i] = (uint8_t)(s->h[i / 4] >> (24 - 8 * (i % 4)));
}

static uint8_t msg[4096];

BENCH_RUN uint32_t run(void)
{
	static const uint8_t abc[3] = { 'a', 'b', 'c' };
	static const uint8_t want[8] = { 0xba, 0x78, 0x16, 0xbf, 0xf2, 0x00, 0x15, 0xad };
	Sha256 s;
	uint8_t d[32];
	uint32_t h = 0, seed = bench_seed;

	sha_init(&s);
	sha_update(&s, abc, 3);
	sha_final(&s, d);
	int ok = 1;
	for (int i = 0; i < 4; i++)
		ok &= d[i] == want[i] && d[28 + i] == want[4 + i];
	h = bench_mix(h, (uint32_t)ok);
	for (uint32_t i = 0; i < sizeof msg; i++)
		msg[i] = (uint8_t)bench_rand(&seed);
	for (int round = 0; round < 6; round++) {
		sha_init(&s);
		sha_update(&s, msg, sizeof msg - (uint32_t)round * 13u);
		sha_final(&s, d);
		for (int i = 0; i < 32; i++) {
			msg[round * 32 + i] = d[i];
			h = bench_mix(h, d[i]);
		}
	}
	return h;
}
