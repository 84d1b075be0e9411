/* crc.c - checksums over a generated buffer: CRC-32 (table and bitwise),
 * CRC-16/CCITT-FALSE, CRC-64/ECMA-182 (64-bit shifts), Adler-32 and
 * Fletcher-16; the standard check values ("123456789") are verified first. */
#include "prog.h"

static uint32_t crc32_table[256];

static void crc32_init(void)
{
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i;
		for (int k = 0; k < 8; k++)
			c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
		crc32_table[i] = c;
	}
}

static uint32_t crc32_fast(const uint8_t *p, size_t n)
{
	uint32_t c = 0xffffffffu;
	for (size_t i = 0; i < n; i++)
		c = crc32_table[(c ^ p[i]) & 0xff] ^ (c >> 8);
	return ~c;
}

static uint32_t crc32_bitwise(const uint8_t *p, size_t n)
{
	uint32_t c = 0xffffffffu;
	for (size_t i = 0; i < n; i++) {
		c ^= p[i];
		for (int k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1)));
	}
	return ~c;
}

static uint16_t crc16_ccitt(const uint8_t *p, size_t n)
{
	uint16_t c = 0xffff;
	for (size_t i = 0; i < n; i++) {
		c ^= (uint16_t)(p[i] << 8);
		for (int k = 0; k < 8; k++)
			c = c & 0x8000 ? (uint16_t)((c << 1) ^ 0x1021) : (uint16_t)(c << 1);
	}
	return c;
}

static uint64_t crc64_ecma(const uint8_t *p, size_t n)
{
	uint64_t c = 0;
	for (size_t i = 0; i < n; i++) {
		c ^= (uint64_t)p[i] << 56;
		for (int k = 0; k < 8; k++)
			c = c >> 63 ? (c << 1) ^ 0x42f0e1eba9ea3693ull : c << 1;
	}
	return c;
}

static uint32_t adler32(const uint8_t *p, size_t n)
{
	uint32_t a = 1, b = 0;
	for (size_t i = 0; i < n; i++) {
		a = (a + p[i]) % 65521u;
		b = (b + a) % 65521u;
	}
	return b << 16 | a;
}

static uint16_t fletcher16(const uint8_t *p, size_t n)
{
	uint16_t a = 0, b = 0;
	for (size_t i = 0; i < n; i++) {
		a = (uint16_t)((a + p[i]) % 255);
		b = (uint16_t)((b + a) % 255);
	}
	return (uint16_t)(b << 8 | a);
}

static const uint8_t check_input[9] = {'1', '2', '3', '4', '5', '6', '7', '8', '9'};
static uint8_t buf[4096];

RUN_EXPORT uint32_t run(void)
{
	crc32_init();
	if (crc32_fast(check_input, 9) != 0xcbf43926u)
		return 1;
	if (crc32_bitwise(check_input, 9) != 0xcbf43926u)
		return 2;
	if (crc16_ccitt(check_input, 9) != 0x29b1)
		return 3;
	if (crc64_ecma(check_input, 9) != 0x6c40df5f0b497347ull)
		return 4;
	if (adler32((const uint8_t *)"Wikipedia", 9) != 0x11e60398u)
		return 5;
	if (fletcher16((const uint8_t *)"abcde", 5) != 0xc8f0)
		return 6;

	uint32_t s = prog_seed, h = 0;
	for (size_t i = 0; i < sizeof buf; i++)
		buf[i] = (uint8_t)(prog_rand(&s) >> 24);
	for (size_t n = 1; n <= sizeof buf; n = n * 3 + 1) {
		uint32_t a = crc32_fast(buf, n);
		if (a != crc32_bitwise(buf, n))
			return 7;
		uint64_t c64 = crc64_ecma(buf, n);
		h = prog_mix(h, a);
		h = prog_mix(h, crc16_ccitt(buf, n));
		h = prog_mix(h, (uint32_t)c64);
		h = prog_mix(h, (uint32_t)(c64 >> 32));
		h = prog_mix(h, adler32(buf, n));
		h = prog_mix(h, fletcher16(buf, n));
	}
	return h;
}
