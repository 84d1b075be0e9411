/* sha256.c - SHA-256 (FIPS 180-4) with incremental update, checked
 * against the published digests of "", "abc" and the 448-bit message,
 * then run over generated buffers in uneven chunks (the digest must not
 * depend on how the input is split). */
#include "prog.h"

typedef struct Sha256 {
	uint32_t state[8];
	uint64_t length;
	uint8_t block[64];
	uint32_t used;
} Sha256;

static const uint32_t K[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static uint32_t ror(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

static void compress(Sha256 *c, const uint8_t *p)
{
	uint32_t w[64];
	for (int i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 | (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
	for (int i = 16; i < 64; i++) {
		uint32_t s0 = ror(w[i - 15], 7) ^ ror(w[i - 15], 18) ^ (w[i - 15] >> 3);
		uint32_t s1 = ror(w[i - 2], 17) ^ ror(w[i - 2], 19) ^ (w[i - 2] >> 10);
		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	uint32_t a = c->state[0], b = c->state[1], cc = c->state[2], d = c->state[3];
	uint32_t e = c->state[4], f = c->state[5], g = c->state[6], hh = c->state[7];
	for (int i = 0; i < 64; i++) {
		uint32_t t1 = hh + (ror(e, 6) ^ ror(e, 11) ^ ror(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
		uint32_t t2 = (ror(a, 2) ^ ror(a, 13) ^ ror(a, 22)) + ((a & b) ^ (a & cc) ^ (b & cc));
		hh = g;
		g = f;
		f = e;
		e = d + t1;
		d = cc;
		cc = b;
		b = a;
		a = t1 + t2;
	}
	c->state[0] += a, c->state[1] += b, c->state[2] += cc, c->state[3] += d;
	c->state[4] += e, c->state[5] += f, c->state[6] += g, c->state[7] += hh;
}

static void sha_init(Sha256 *c)
{
	static const uint32_t iv[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
	                               0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
	for (int i = 0; i < 8; i++)
		c->state[i] = iv[i];
	c->length = 0;
	c->used = 0;
}

static void sha_update(Sha256 *c, const uint8_t *p, size_t n)
{
	c->length += n;
	while (n) {
		uint32_t take = 64 - c->used;
		if (take > n)
			take = (uint32_t)n;
		memcpy(c->block + c->used, p, take);
		c->used += take;
		p += take;
		n -= take;
		if (c->used == 64) {
			compress(c, c->block);
			c->used = 0;
		}
	}
}

static void sha_final(Sha256 *c, uint8_t out[32])
{
	uint64_t bits = c->length * 8;
	uint8_t pad = 0x80;
	sha_update(c, &pad, 1);
	pad = 0;
	while (c->used != 56)
		sha_update(c, &pad, 1);
	uint8_t len[8];
	for (int i = 0; i < 8; i++)
		len[i] = (uint8_t)(bits >> (56 - 8 * i));
	sha_update(c, len, 8);
	for (int i = 0; i < 32; i++)
		out[i] = (uint8_t)(c->state[i / 4] >> (24 - 8 * (i % 4)));
}

static int digest_is(const uint8_t d[32], const char *hex)
{
	for (int i = 0; i < 32; i++) {
		uint32_t v = 0;
		for (int k = 0; k < 2; k++) {
			char ch = hex[2 * i + k];
			v = v * 16 + (uint32_t)(ch <= '9' ? ch - '0' : ch - 'a' + 10);
		}
		if (d[i] != v)
			return 0;
	}
	return 1;
}

static size_t length(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

static const char *const vectors[][2] = {
	{"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
	{"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
	{"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
	 "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
};

static uint8_t data[3000];

RUN_EXPORT uint32_t run(void)
{
	Sha256 c;
	uint8_t d[32], d2[32];
	uint32_t h = 0, s = prog_seed;
	for (int i = 0; i < 3; i++) {
		sha_init(&c);
		sha_update(&c, (const uint8_t *)vectors[i][0], length(vectors[i][0]));
		sha_final(&c, d);
		if (!digest_is(d, vectors[i][1]))
			return 1 + (uint32_t)i;
	}
	for (size_t i = 0; i < sizeof data; i++)
		data[i] = (uint8_t)(prog_rand(&s) >> 13);
	for (size_t n = 0; n <= sizeof data; n += 250) {
		sha_init(&c);
		sha_update(&c, data, n);
		sha_final(&c, d);
		sha_init(&c);
		for (size_t off = 0; off < n;) {
			size_t k = prog_rand(&s) % 97u;
			if (k > n - off)
				k = n - off;
			sha_update(&c, data + off, k);
			off += k;
		}
		sha_final(&c, d2);
		if (memcmp(d, d2, 32) != 0)
			return 10;
		for (int i = 0; i < 32; i += 4)
			h = prog_mix(h, (uint32_t)d[i] << 24 | (uint32_t)d[i + 1] << 16 | (uint32_t)d[i + 2] << 8 | d[i + 3]);
	}
	return h;
}
