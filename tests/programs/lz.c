/* lz.c - compression round trips: run-length encoding and an LZ77 coder
 * (hash-chain match finder, 4 KiB window, byte-aligned tokens,
 * overlapping copies) and a move-to-front transform, over generated text
 * with repetitions. Decoding must give back the input; the compressed
 * sizes and contents are hashed. */
#include "prog.h"

#define SRC 6000
#define WINDOW 4096
#define MIN_MATCH 4
#define MAX_MATCH 130

static uint8_t src[SRC], packed[SRC * 2], unpacked[SRC];

static size_t rle_encode(const uint8_t *in, size_t n, uint8_t *out)
{
	size_t o = 0;
	for (size_t i = 0; i < n;) {
		size_t run = 1;
		while (i + run < n && in[i + run] == in[i] && run < 255)
			run++;
		out[o++] = (uint8_t)run;
		out[o++] = in[i];
		i += run;
	}
	return o;
}

static size_t rle_decode(const uint8_t *in, size_t n, uint8_t *out)
{
	size_t o = 0;
	for (size_t i = 0; i + 1 < n; i += 2)
		for (uint8_t k = 0; k < in[i]; k++)
			out[o++] = in[i + 1];
	return o;
}

#define HASH_BITS 12
static int32_t head[1 << HASH_BITS], prev[SRC];

static uint32_t hash4(const uint8_t *p)
{
	uint32_t v = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
	return (v * 2654435761u) >> (32 - HASH_BITS);
}

/* Token: 0x00-0x7f: literal run of (t+1) bytes follows;
 *        0x80-0xff: match of length (t-0x80)+MIN_MATCH, then 2 bytes distance-1. */
static size_t lz_encode(const uint8_t *in, size_t n, uint8_t *out)
{
	size_t o = 0, lit_start = 0, i = 0;
	for (int k = 0; k < (1 << HASH_BITS); k++)
		head[k] = -1;
	while (i < n) {
		size_t best_len = 0, best_dist = 0;
		if (i + MIN_MATCH <= n) {
			uint32_t hv = hash4(in + i);
			int chain = 32;
			for (int32_t c = head[hv]; c >= 0 && i - (size_t)c <= WINDOW && chain--; c = prev[c]) {
				size_t len = 0;
				while (i + len < n && len < MAX_MATCH && in[(size_t)c + len] == in[i + len])
					len++;
				if (len > best_len)
					best_len = len, best_dist = i - (size_t)c;
			}
			prev[i] = head[hv];
			head[hv] = (int32_t)i;
		}
		if (best_len >= MIN_MATCH) {
			while (lit_start < i) {
				size_t run = i - lit_start > 128 ? 128 : i - lit_start;
				out[o++] = (uint8_t)(run - 1);
				for (size_t k = 0; k < run; k++)
					out[o++] = in[lit_start + k];
				lit_start += run;
			}
			out[o++] = (uint8_t)(0x80 + best_len - MIN_MATCH);
			out[o++] = (uint8_t)((best_dist - 1) & 0xff);
			out[o++] = (uint8_t)((best_dist - 1) >> 8);
			for (size_t k = 1; k < best_len; k++) {
				size_t j = i + k;
				if (j + MIN_MATCH <= n) {
					uint32_t hv = hash4(in + j);
					prev[j] = head[hv];
					head[hv] = (int32_t)j;
				}
			}
			i += best_len;
			lit_start = i;
		} else {
			i++;
		}
	}
	while (lit_start < n) {
		size_t run = n - lit_start > 128 ? 128 : n - lit_start;
		out[o++] = (uint8_t)(run - 1);
		for (size_t k = 0; k < run; k++)
			out[o++] = in[lit_start + k];
		lit_start += run;
	}
	return o;
}

static size_t lz_decode(const uint8_t *in, size_t n, uint8_t *out, size_t cap)
{
	size_t o = 0;
	for (size_t i = 0; i < n;) {
		uint8_t t = in[i++];
		if (t < 0x80) {
			for (size_t k = 0; k <= t; k++)
				out[o++] = in[i++];
		} else {
			size_t len = (size_t)(t - 0x80) + MIN_MATCH;
			size_t dist = ((size_t)in[i] | (size_t)in[i + 1] << 8) + 1;
			i += 2;
			if (dist > o || o + len > cap)
				return (size_t)-1;
			for (size_t k = 0; k < len; k++, o++)
				out[o] = out[o - dist]; /* overlapping copies on purpose */
		}
	}
	return o;
}

static const char *const vocabulary[] = {
	"the ", "wasm ", "module ", "compiler ", "memory ", "region ", "cortex ", "thumb ",
	"aaaaaaaa", "\n", "0123", "synth ", "trap ", "stack ", ", ", "loop ",
};

static void generate(uint32_t *s)
{
	size_t n = 0;
	while (n < SRC) {
		uint32_t r = prog_rand(s);
		if (r % 11 == 0) {
			src[n++] = (uint8_t)(r >> 24); /* noise */
			continue;
		}
		const char *w = vocabulary[(r >> 8) % 16];
		for (; *w && n < SRC; w++)
			src[n++] = (uint8_t)*w;
	}
}

/* Move-to-front transform and its inverse. */
static void mtf(const uint8_t *in, size_t n, uint8_t *out, int inverse)
{
	uint8_t order[256];
	for (int k = 0; k < 256; k++)
		order[k] = (uint8_t)k;
	for (size_t i = 0; i < n; i++) {
		int idx;
		uint8_t c;
		if (inverse) {
			idx = in[i];
			c = order[idx];
		} else {
			c = in[i];
			idx = 0;
			while (order[idx] != c)
				idx++;
		}
		out[i] = inverse ? c : (uint8_t)idx;
		for (; idx > 0; idx--)
			order[idx] = order[idx - 1];
		order[0] = c;
	}
}

static uint8_t mtf_out[SRC], mtf_back[SRC];

RUN_EXPORT uint32_t run(void)
{
	uint32_t s = prog_seed, h = 0;
	generate(&s);

	size_t r = rle_encode(src, SRC, packed);
	if (rle_decode(packed, r, unpacked) != SRC || memcmp(unpacked, src, SRC) != 0)
		return 1;
	h = prog_mix(h, (uint32_t)r);

	size_t z = lz_encode(src, SRC, packed);
	if (z >= SRC)
		return 2; /* this input must compress */
	for (size_t i = 0; i < SRC; i++)
		unpacked[i] = 0;
	if (lz_decode(packed, z, unpacked, SRC) != SRC)
		return 3;
	for (size_t i = 0; i < SRC; i++)
		if (unpacked[i] != src[i])
			return 4;
	h = prog_mix(h, (uint32_t)z);
	for (size_t i = 0; i < z; i++)
		h = prog_mix(h, packed[i]);

	mtf(src, SRC, mtf_out, 0);
	mtf(mtf_out, SRC, mtf_back, 1);
	for (size_t i = 0; i < SRC; i++)
		if (mtf_back[i] != src[i])
			return 5;
	uint32_t zeros = 0;
	for (size_t i = 0; i < SRC; i++)
		zeros += mtf_out[i] == 0;
	h = prog_mix(h, zeros);
	return h;
}
