/* huffman.c - Huffman coding: 8000 generated symbols with a skewed
 * distribution, byte frequencies, the code tree built with a binary heap,
 * code lengths limited to 15 bits, canonical codes, MSB-first bit-stream
 * encoding, then canonical decoding (first code per length) back to the
 * symbols, the round trip checked. */
#include "bench.h"

#define N 8000
#define MAXLEN 15

static uint8_t msg[N], out[N];
static uint8_t bits[N * 2];
static uint32_t freq[256];
static uint8_t len_of[256];
static uint16_t code_of[256];

typedef struct { uint32_t weight; uint16_t node; } Item;
static Item heap[256];
static uint16_t parent[512];

static void heap_push(Item *h, int *n, Item v)
{
	int i = (*n)++;
	while (i > 0) {
		int p = (i - 1) / 2;
		if (h[p].weight < v.weight || (h[p].weight == v.weight && h[p].node < v.node))
			break;
		h[i] = h[p];
		i = p;
	}
	h[i] = v;
}

static Item heap_pop(Item *h, int *n)
{
	Item top = h[0], v = h[--(*n)];
	int i = 0;
	for (;;) {
		int c = 2 * i + 1;
		if (c >= *n)
			break;
		if (c + 1 < *n && (h[c + 1].weight < h[c].weight ||
				   (h[c + 1].weight == h[c].weight && h[c + 1].node < h[c].node)))
			c++;
		if (v.weight < h[c].weight || (v.weight == h[c].weight && v.node < h[c].node))
			break;
		h[i] = h[c];
		i = c;
	}
	h[i] = v;
	return top;
}

/* Code lengths from the tree; returns 0 when one exceeds MAXLEN. */
static int build_lengths(void)
{
	int n = 0, next = 256;
	for (int s = 0; s < 256; s++) {
		len_of[s] = 0;
		if (freq[s]) {
			Item it = { freq[s], (uint16_t)s };
			heap_push(heap, &n, it);
		}
	}
	if (n == 1) {
		len_of[heap[0].node] = 1;
		return 1;
	}
	while (n > 1) {
		Item a = heap_pop(heap, &n), b = heap_pop(heap, &n);
		parent[a.node] = (uint16_t)next;
		parent[b.node] = (uint16_t)next;
		Item c = { a.weight + b.weight, (uint16_t)next++ };
		heap_push(heap, &n, c);
	}
	int root = next - 1;
	for (int s = 0; s < 256; s++) {
		if (!freq[s])
			continue;
		int d = 0;
		for (int x = s; x != root; x = parent[x])
			d++;
		if (d > MAXLEN)
			return 0;
		len_of[s] = (uint8_t)d;
	}
	return 1;
}

static uint16_t count[MAXLEN + 1], first[MAXLEN + 1], offset[MAXLEN + 1];
static uint8_t sorted[256];

static void canonical(void)
{
	for (int l = 0; l <= MAXLEN; l++)
		count[l] = 0;
	for (int s = 0; s < 256; s++)
		count[len_of[s]]++;
	count[0] = 0;
	uint16_t code = 0, idx = 0;
	for (int l = 1; l <= MAXLEN; l++) {
		code = (uint16_t)((code + count[l - 1]) << 1);
		first[l] = code;
		offset[l] = idx;
		idx = (uint16_t)(idx + count[l]);
	}
	uint16_t next[MAXLEN + 1], pos[MAXLEN + 1];
	for (int l = 1; l <= MAXLEN; l++) {
		next[l] = first[l];
		pos[l] = offset[l];
	}
	for (int s = 0; s < 256; s++) {
		int l = len_of[s];
		if (l) {
			code_of[s] = next[l]++;
			sorted[pos[l]++] = (uint8_t)s;
		}
	}
}

static uint32_t encode(void)
{
	uint32_t nbits = 0;
	for (uint32_t i = 0; i < sizeof bits; i++)
		bits[i] = 0;
	for (int i = 0; i < N; i++) {
		uint32_t c = code_of[msg[i]], l = len_of[msg[i]];
		for (int k = (int)l - 1; k >= 0; k--, nbits++)
			if ((c >> k) & 1u)
				bits[nbits >> 3] |= (uint8_t)(0x80u >> (nbits & 7));
	}
	return nbits;
}

static int decode(uint32_t nbits)
{
	uint32_t p = 0;
	for (int i = 0; i < N; i++) {
		uint32_t code = 0;
		int l = 0;
		for (;;) {
			if (p >= nbits)
				return 0;
			code = code << 1 | ((bits[p >> 3] >> (7 - (p & 7))) & 1u);
			p++;
			l++;
			if (l > MAXLEN)
				return 0;
			if (code - first[l] < count[l]) {
				out[i] = sorted[offset[l] + code - first[l]];
				break;
			}
		}
	}
	return p == nbits;
}

BENCH_RUN uint32_t run(void)
{
	uint32_t h = 0, s = bench_seed;

	for (int i = 0; i < N; i++) {
		uint32_t r = bench_rand(&s);
		/* skewed: mostly a few letters, some of the rest of the byte range */
		msg[i] = (r & 3) ? (uint8_t)('a' + ((r >> 2) % 8) * ((r >> 5) % 3)) : (uint8_t)(r >> 8);
	}
	for (int round = 0; round < 3; round++) {
		for (int i = 0; i < 256; i++)
			freq[i] = 0;
		for (int i = 0; i < N; i++)
			freq[msg[i]]++;
		h = bench_mix(h, (uint32_t)build_lengths());
		canonical();
		uint32_t nbits = encode();
		h = bench_mix(h, nbits);
		for (int i = 0; i < N; i++)
			out[i] = 0;
		int ok = decode(nbits);
		for (int i = 0; i < N; i++)
			ok &= out[i] == msg[i];
		h = bench_mix(h, (uint32_t)ok);
		for (uint32_t i = 0; i < (nbits + 7) / 8; i += 16)
			h = bench_mix(h, bits[i]);
		for (int i = 0; i < N; i += 50) /* a different text each round */
			msg[i] = (uint8_t)(msg[i] + 1);
	}
	return h;
}
