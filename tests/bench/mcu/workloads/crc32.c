/* crc32.c - CRC-32 (IEEE 802.3, reflected, poly 0xEDB88320): a bitwise
 * version and a table-driven one (table built at run time), both checked
 * on the standard check string "123456789" (0xCBF43926), then the table
 * version over 8 KiB of generated data, 8 times with a changing seed. */
#include "bench.h"

static uint32_t table[256];
static uint8_t buf[8192];

static uint32_t crc_bitwise(const uint8_t *p, uint32_t n)
{
	uint32_t c = 0xffffffffu;
	for (uint32_t i = 0; i < n; i++) {
		c ^= p[i];
		for (int k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1u)));
	}
	return ~c;
}

static uint32_t crc_table(uint32_t c, const uint8_t *p, uint32_t n)
{
	c = ~c;
	for (uint32_t i = 0; i < n; i++)
		c = table[(c ^ p[i]) & 0xffu] ^ (c >> 8);
	return ~c;
}

BENCH_RUN uint32_t run(void)
{
	static const uint8_t check[9] = { '1', '2', '3', '4', '5', '6', '7', '8', '9' };
	uint32_t h = 0, s = bench_seed;

	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i;
		for (int k = 0; k < 8; k++)
			c = (c & 1u) ? (c >> 1) ^ 0xedb88320u : c >> 1;
		table[i] = c;
	}
	h = bench_mix(h, crc_bitwise(check, 9) == 0xcbf43926u);
	h = bench_mix(h, crc_table(0, check, 9) == 0xcbf43926u);
	for (uint32_t i = 0; i < sizeof buf; i++)
		buf[i] = (uint8_t)bench_rand(&s);
	h = bench_mix(h, crc_bitwise(buf, 512) == crc_table(0, buf, 512));
	uint32_t c = 0;
	for (int round = 0; round < 8; round++) {
		buf[round * 97] ^= (uint8_t)round;
		c = crc_table(c, buf, sizeof buf);
		h = bench_mix(h, c);
	}
	return h;
}
