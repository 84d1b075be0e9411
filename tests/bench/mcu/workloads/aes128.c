/* aes128.c - AES-128 (FIPS 197), byte-oriented: S-boxes generated at run
 * time from GF(2^8) inverses, key expansion, the FIPS 197 appendix C.1
 * vector checked, then CBC encryption and decryption of 2 KiB of
 * generated data, the round trip checked. */
#include "bench.h"

static uint8_t sbox[256], inv_sbox[256];
static uint8_t rk[176];
static uint8_t data[2048], copy[2048];

static inline uint8_t rotl8(uint8_t x, int n) { return (uint8_t)((x << n) | (x >> (8 - n))); }
static inline uint8_t xtime(uint8_t x) { return (uint8_t)((x << 1) ^ ((x >> 7) * 0x1b)); }

static uint8_t gmul(uint8_t a, uint8_t b)
{
	uint8_t p = 0;
	while (b) {
		if (b & 1)
			p ^= a;
		a = xtime(a);
		b >>= 1;
	}
	return p;
}

static void make_sbox(void)
{
	uint8_t p = 1, q = 1;
	/* p runs over the multiplicative group (generator 3), q = 1/p */
	do {
		p = (uint8_t)(p ^ (p << 1) ^ (p & 0x80 ? 0x1b : 0));
		q ^= (uint8_t)(q << 1);
		q ^= (uint8_t)(q << 2);
		q ^= (uint8_t)(q << 4);
		if (q & 0x80)
			q ^= 0x09;
		uint8_t x = (uint8_t)(q ^ rotl8(q, 1) ^ rotl8(q, 2) ^ rotl8(q, 3) ^ rotl8(q, 4) ^ 0x63);
		sbox[p] = x;
	} while (p != 1);
	sbox[0] = 0x63;
	for (int i = 0; i < 256; i++)
		inv_sbox[sbox[i]] = (uint8_t)i;
}

static void expand(const uint8_t key[16])
{
	uint8_t rcon = 1;
	for (int i = 0; i < 16; i++)
		rk[i] = key[i];
	for (int i = 16; i < 176; i += 4) {
		uint8_t t0 = rk[i - 4], t1 = rk[i - 3], t2 = rk[i - 2], t3 = rk[i - 1];
		if (i % 16 == 0) {
			uint8_t u = t0;
			t0 = (uint8_t)(sbox[t1] ^ rcon);
			t1 = sbox[t2];
			t2 = sbox[t3];
			t3 = sbox[u];
			rcon = xtime(rcon);
		}
		rk[i] = rk[i - 16] ^ t0;
		rk[i + 1] = rk[i - 15] ^ t1;
		rk[i + 2] = rk[i - 14] ^ t2;
		rk[i + 3] = rk[i - 13] ^ t3;
	}
}

static void add_key(uint8_t *s, int round)
{
	for (int i = 0; i < 16; i++)
		s[i] ^= rk[16 * round + i];
}

static void encrypt(uint8_t *s)
{
	add_key(s, 0);
	for (int round = 1; round <= 10; round++) {
		uint8_t t[16];
		for (int i = 0; i < 16; i++) /* SubBytes + ShiftRows */
			t[i] = sbox[s[(i + 4 * (i % 4)) % 16]];
		if (round < 10) {
			for (int c = 0; c < 4; c++) { /* MixColumns */
				uint8_t *col = t + 4 * c;
				uint8_t a0 = col[0], a1 = col[1], a2 = col[2], a3 = col[3];
				uint8_t all = a0 ^ a1 ^ a2 ^ a3;
				col[0] = (uint8_t)(a0 ^ all ^ xtime(a0 ^ a1));
				col[1] = (uint8_t)(a1 ^ all ^ xtime(a1 ^ a2));
				col[2] = (uint8_t)(a2 ^ all ^ xtime(a2 ^ a3));
				col[3] = (uint8_t)(a3 ^ all ^ xtime(a3 ^ a0));
			}
		}
		for (int i = 0; i < 16; i++)
			s[i] = t[i];
		add_key(s, round);
	}
}

static void decrypt(uint8_t *s)
{
	add_key(s, 10);
	for (int round = 9; round >= 0; round--) {
		uint8_t t[16];
		for (int i = 0; i < 16; i++) /* InvShiftRows + InvSubBytes */
			t[(i + 4 * (i % 4)) % 16] = inv_sbox[s[i]];
		for (int i = 0; i < 16; i++)
			s[i] = t[i];
		add_key(s, round);
		if (round > 0) {
			for (int c = 0; c < 4; c++) { /* InvMixColumns */
				uint8_t *col = s + 4 * c;
				uint8_t a0 = col[0], a1 = col[1], a2 = col[2], a3 = col[3];
				col[0] = gmul(a0, 14) ^ gmul(a1, 11) ^ gmul(a2, 13) ^ gmul(a3, 9);
				col[1] = gmul(a0, 9) ^ gmul(a1, 14) ^ gmul(a2, 11) ^ gmul(a3, 13);
				col[2] = gmul(a0, 13) ^ gmul(a1, 9) ^ gmul(a2, 14) ^ gmul(a3, 11);
				col[3] = gmul(a0, 11) ^ gmul(a1, 13) ^ gmul(a2, 9) ^ gmul(a3, 14);
			}
		}
	}
}

BENCH_RUN uint32_t run(void)
{
	static const uint8_t want[16] = { 0x69, 0xc4, 0xe0, 0xd8, 0x6a, 0x7b, 0x04, 0x30,
					  0xd8, 0xcd, 0xb7, 0x80, 0x70, 0xb4, 0xc5, 0x5a };
	uint8_t key[16], block[16], iv[16];
	uint32_t h = 0, seed = bench_seed;
	int ok = 1;

	make_sbox();
	for (int i = 0; i < 16; i++) {
		key[i] = (uint8_t)i;
		block[i] = (uint8_t)(i * 0x11);
	}
	expand(key);
	encrypt(block);
	for (int i = 0; i < 16; i++)
		ok &= block[i] == want[i];
	decrypt(block);
	for (int i = 0; i < 16; i++)
		ok &= block[i] == (uint8_t)(i * 0x11);
	h = bench_mix(h, (uint32_t)ok);

	for (int i = 0; i < 16; i++) {
		key[i] = (uint8_t)bench_rand(&seed);
		iv[i] = (uint8_t)bench_rand(&seed);
	}
	for (uint32_t i = 0; i < sizeof data; i++)
		copy[i] = data[i] = (uint8_t)bench_rand(&seed);
	expand(key);
	const uint8_t *prev = iv;
	for (uint32_t b = 0; b < sizeof data; b += 16) { /* CBC encrypt */
		for (int i = 0; i < 16; i++)
			data[b + i] ^= prev[i];
		encrypt(data + b);
		prev = data + b;
	}
	for (uint32_t i = 0; i < sizeof data; i += 4)
		h = bench_mix(h, (uint32_t)data[i] | (uint32_t)data[i + 1] << 8 |
				 (uint32_t)data[i + 2] << 16 | (uint32_t)data[i + 3] << 24);
	for (uint32_t b = sizeof data; b > 0; b -= 16) { /* CBC decrypt, last block first */
		decrypt(data + b - 16);
		const uint8_t *p = b > 16 ? data + b - 32 : iv;
		for (int i = 0; i < 16; i++)
			data[b - 16 + i] ^= p[i];
	}
	for (uint32_t i = 0; i < sizeof data; i++)
		ok &= data[i] == copy[i];
	return bench_mix(h, (uint32_t)ok);
}
