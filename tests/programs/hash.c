/* hash.c - string hash functions (FNV-1a 32/64, djb2, Jenkins one-at-a-
 * time, MurmurHash3 x86_32) checked against published values, and an
 * open-addressing hash table with insert, lookup and delete (tombstones).
 * Returns a 64-bit checksum. */
#include "prog.h"

static uint32_t fnv1a32(const unsigned char *p, size_t n)
{
	uint32_t h = 0x811c9dc5u;
	while (n--)
		h = (h ^ *p++) * 0x01000193u;
	return h;
}

static uint64_t fnv1a64(const unsigned char *p, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ull;
	while (n--)
		h = (h ^ *p++) * 0x100000001b3ull;
	return h;
}

static uint32_t djb2(const unsigned char *p, size_t n)
{
	uint32_t h = 5381;
	while (n--)
		h = h * 33 + *p++;
	return h;
}

static uint32_t one_at_a_time(const unsigned char *p, size_t n)
{
	uint32_t h = 0;
	while (n--) {
		h += *p++;
		h += h << 10;
		h ^= h >> 6;
	}
	h += h << 3;
	h ^= h >> 11;
	h += h << 15;
	return h;
}

static uint32_t rotl32(uint32_t x, int r) { return (x << r) | (x >> (32 - r)); }

static uint32_t murmur3_32(const unsigned char *p, size_t n, uint32_t seed)
{
	const uint32_t c1 = 0xcc9e2d51u, c2 = 0x1b873593u;
	uint32_t h = seed;
	size_t nblocks = n / 4;
	for (size_t i = 0; i < nblocks; i++) {
		uint32_t k = (uint32_t)p[4 * i] | (uint32_t)p[4 * i + 1] << 8 | (uint32_t)p[4 * i + 2] << 16 |
		             (uint32_t)p[4 * i + 3] << 24;
		k *= c1;
		k = rotl32(k, 15);
		k *= c2;
		h ^= k;
		h = rotl32(h, 13);
		h = h * 5 + 0xe6546b64u;
	}
	const unsigned char *tail = p + nblocks * 4;
	uint32_t k = 0;
	switch (n & 3) {
	case 3:
		k ^= (uint32_t)tail[2] << 16;
		/* fall through */
	case 2:
		k ^= (uint32_t)tail[1] << 8;
		/* fall through */
	case 1:
		k ^= tail[0];
		k *= c1;
		k = rotl32(k, 15);
		k *= c2;
		h ^= k;
	}
	h ^= (uint32_t)n;
	h ^= h >> 16;
	h *= 0x85ebca6bu;
	h ^= h >> 13;
	h *= 0xc2b2ae35u;
	h ^= h >> 16;
	return h;
}

static size_t length(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

/* Open addressing, linear probing, 0 = empty, 1 = deleted. */
#define TABLE 2048
static uint32_t keys[TABLE], vals[TABLE];

static uint32_t slot_of(uint32_t key)
{
	return murmur3_32((const unsigned char *)&key, 4, 0x9747b28cu) & (TABLE - 1);
}

static int table_put(uint32_t key, uint32_t val)
{
	uint32_t i = slot_of(key), tomb = TABLE;
	for (int probes = 0; probes < TABLE; probes++, i = (i + 1) & (TABLE - 1)) {
		if (keys[i] == key) {
			vals[i] = val;
			return 0;
		}
		if (keys[i] == 1 && tomb == TABLE)
			tomb = i;
		if (keys[i] == 0) {
			if (tomb != TABLE)
				i = tomb;
			keys[i] = key;
			vals[i] = val;
			return 1;
		}
	}
	return -1;
}

static int table_find(uint32_t key, uint32_t *val)
{
	uint32_t i = slot_of(key);
	for (int probes = 0; probes < TABLE; probes++, i = (i + 1) & (TABLE - 1)) {
		if (keys[i] == 0)
			return 0;
		if (keys[i] == key) {
			*val = vals[i];
			return 1;
		}
	}
	return 0;
}

static int table_del(uint32_t key)
{
	uint32_t i = slot_of(key);
	for (int probes = 0; probes < TABLE; probes++, i = (i + 1) & (TABLE - 1)) {
		if (keys[i] == 0)
			return 0;
		if (keys[i] == key) {
			keys[i] = 1;
			return 1;
		}
	}
	return 0;
}

static const char *const words[] = {
	"", "a", "foobar", "hello world", "The quick brown fox jumps over the lazy dog",
	"WebAssembly", "Cortex-M", "0123456789abcdef", "synth", "xyzzy",
};

RUN_EXPORT uint64_t run(void)
{
	uint64_t h = 1469598103934665603ull;
	/* Published test vectors. */
	if (fnv1a32((const unsigned char *)"foobar", 6) != 0xbf9cf968u)
		return 1;
	if (fnv1a64((const unsigned char *)"foobar", 6) != 0x85944171f73967e8ull)
		return 2;
	if (murmur3_32((const unsigned char *)"", 0, 1) != 0x514e28b7u)
		return 3;
	if (murmur3_32((const unsigned char *)"test", 4, 0x9747b28cu) != 0x704b81dcu)
		return 4;
	if (murmur3_32((const unsigned char *)"Hello, world!", 13, 0x9747b28cu) != 0x24884cbau)
		return 5;
	if (one_at_a_time((const unsigned char *)"a", 1) != 0xca2e9442u)
		return 6;
	for (unsigned w = 0; w < sizeof words / sizeof words[0]; w++) {
		const unsigned char *p = (const unsigned char *)words[w];
		size_t n = length(words[w]);
		h = prog_mix64(h, fnv1a64(p, n));
		h = prog_mix64(h, fnv1a32(p, n));
		h = prog_mix64(h, djb2(p, n));
		h = prog_mix64(h, one_at_a_time(p, n));
		h = prog_mix64(h, murmur3_32(p, n, w));
	}

	uint32_t s = prog_seed;
	uint32_t inserted = 0;
	for (int i = 0; i < 1500; i++) {
		uint32_t k = (prog_rand(&s) % 3000u) + 2;
		int r = table_put(k, (uint32_t)i);
		if (r < 0)
			return 7;
		inserted += (uint32_t)r;
	}
	h = prog_mix64(h, inserted);
	uint32_t deleted = 0;
	for (uint32_t k = 2; k < 3002; k += 3)
		deleted += (uint32_t)table_del(k);
	h = prog_mix64(h, deleted);
	uint32_t found = 0;
	for (uint32_t k = 2; k < 3002; k++) {
		uint32_t v;
		if (table_find(k, &v)) {
			if ((k - 2) % 3 == 0)
				return 8; /* deleted keys must stay gone */
			found++;
			h = prog_mix64(h, (uint64_t)k << 32 | v);
		}
	}
	if (found + deleted != inserted)
		return 9;
	/* Reinsert into tombstones. */
	for (uint32_t k = 2; k < 3002; k += 3)
		if (table_put(k, k * 7) < 0)
			return 10;
	for (uint32_t k = 2; k < 3002; k += 3) {
		uint32_t v;
		if (!table_find(k, &v) || v != k * 7)
			return 11;
	}
	return h;
}
