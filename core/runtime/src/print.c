/* print.c - number formatting without printf.
 *
 * Each function formats into a small stack buffer, right to left, and
 * hands the text to synth_rt_print(). Hex output is "0x" plus a fixed
 * number of lower-case digits; decimal output has no padding. 64-bit
 * decimal division uses libgcc's __aeabi_uldivmod (link with -lgcc).
 */
#include "rt_internal.h"

static void print_hex(uint64_t v, int digits)
{
	char buf[2 + 16 + 1];
	int i;

	buf[0] = '0';
	buf[1] = 'x';
	for (i = 0; i < digits; i++) {
		unsigned d = (unsigned)(v >> (4 * (digits - 1 - i))) & 0xfu;
		buf[2 + i] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
	}
	buf[2 + digits] = '\0';
	synth_rt_print(buf);
}

void synth_rt_print_hex32(uint32_t v)
{
	print_hex(v, 8);
}

void synth_rt_print_hex64(uint64_t v)
{
	print_hex(v, 16);
}

void synth_rt_print_u64(uint64_t v)
{
	char buf[21]; /* 18446744073709551615 + NUL */
	char *p = buf + sizeof buf;

	*--p = '\0';
	/* Peel 9 digits at a time so most divisions are 32-bit. */
	while (v > 0xffffffffu) {
		uint32_t low = (uint32_t)(v % 1000000000u);
		int i;
		v /= 1000000000u;
		for (i = 0; i < 9; i++) {
			*--p = (char)('0' + low % 10);
			low /= 10;
		}
	}
	{
		uint32_t w = (uint32_t)v;
		do {
			*--p = (char)('0' + w % 10);
			w /= 10;
		} while (w);
	}
	synth_rt_print(p);
}

void synth_rt_print_u32(uint32_t v)
{
	synth_rt_print_u64(v);
}

void synth_rt_print_i64(int64_t v)
{
	if (v < 0) {
		synth_rt_print_char('-');
		synth_rt_print_u64(0 - (uint64_t)v); /* also right for INT64_MIN */
	} else {
		synth_rt_print_u64((uint64_t)v);
	}
}

void synth_rt_print_i32(int32_t v)
{
	synth_rt_print_i64(v);
}
