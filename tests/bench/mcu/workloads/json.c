/* json.c - a JSON parser: a generator writes ~12 KB of nested JSON
 * (objects, arrays, strings with escapes, integers, decimals, true/false/
 * null, whitespace), then a recursive-descent parser with its own
 * tokenizer validates it and sums what it reads: numbers (as fixed point
 * x1000), a hash of every string and key, counts per kind and the maximum
 * depth. Two malformed texts must be rejected. */
#include "bench.h"

#define CAP 14000

static uint8_t text[CAP];
static uint32_t len;

typedef struct {
	const uint8_t *p, *end;
	uint32_t hash, objects, arrays, strings, numbers, literals, depth, max_depth;
	int64_t sum;
	int error;
} Parser;

/* ---- generator ---- */

static uint32_t gseed;

static void put(const char *s)
{
	while (*s && len < CAP)
		text[len++] = (uint8_t)*s++;
}

static void put_uint(uint32_t v)
{
	uint8_t d[10];
	int n = 0;
	do {
		d[n++] = (uint8_t)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n && len < CAP)
		text[len++] = d[--n];
}

static void gen_value(int depth);

static void gen_string(void)
{
	uint32_t n = 1 + bench_rand(&gseed) % 12;
	put("\"");
	for (uint32_t i = 0; i < n; i++) {
		uint32_t r = bench_rand(&gseed) % 40;
		if (r == 0)
			put("\\n");
		else if (r == 1)
			put("\\\"");
		else if (r == 2)
			put("\\u00e9");
		else if (len < CAP)
			text[len++] = (uint8_t)('a' + r % 26);
	}
	put("\"");
}

static void gen_value(int depth)
{
	uint32_t r = bench_rand(&gseed) % (depth < 5 ? 10 : 6);
	switch (r) {
	case 0: case 1:
		put_uint(bench_rand(&gseed) % 100000);
		break;
	case 2:
		put("-");
		put_uint(bench_rand(&gseed) % 1000);
		put(".");
		put_uint(bench_rand(&gseed) % 10);
		put_uint(bench_rand(&gseed) % 10);
		break;
	case 3:
		gen_string();
		break;
	case 4:
		put((bench_rand(&gseed) & 1) ? "true" : "null");
		break;
	case 5:
		put("false");
		break;
	case 6: case 7: {
		uint32_t n = bench_rand(&gseed) % 6;
		put("[");
		for (uint32_t i = 0; i < n; i++) {
			if (i)
				put(", ");
			gen_value(depth + 1);
		}
		put("]");
		break;
	}
	default: {
		uint32_t n = bench_rand(&gseed) % 6;
		put("{\n");
		for (uint32_t i = 0; i < n; i++) {
			if (i)
				put(",\n");
			put("  ");
			gen_string();
			put(" : ");
			gen_value(depth + 1);
		}
		put("\n}");
		break;
	}
	}
}

/* ---- parser ---- */

static void skip_ws(Parser *ps)
{
	while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\n' || *ps->p == '\t' || *ps->p == '\r'))
		ps->p++;
}

static int hexval(uint8_t c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	return -1;
}

static void parse_string(Parser *ps)
{
	uint32_t h = 2166136261u;
	ps->p++; /* opening quote */
	while (ps->p < ps->end && *ps->p != '"') {
		uint32_t c = *ps->p++;
		if (c == '\\') {
			if (ps->p >= ps->end) { ps->error = 1; return; }
			c = *ps->p++;
			switch (c) {
			case 'n': c = '\n'; break;
			case 't': c = '\t'; break;
			case '"': case '\\': case '/': break;
			case 'u': {
				uint32_t v = 0;
				for (int i = 0; i < 4; i++) {
					int d = ps->p < ps->end ? hexval(*ps->p++) : -1;
					if (d < 0) { ps->error = 1; return; }
					v = v << 4 | (uint32_t)d;
				}
				c = v;
				break;
			}
			default: ps->error = 1; return;
			}
		} else if (c < 0x20) {
			ps->error = 1;
			return;
		}
		h = (h ^ c) * 16777619u;
	}
	if (ps->p >= ps->end) { ps->error = 1; return; }
	ps->p++;
	ps->hash = bench_mix(ps->hash, h);
	ps->strings++;
}

static void parse_number(Parser *ps)
{
	int neg = 0;
	int64_t v = 0;
	if (*ps->p == '-') { neg = 1; ps->p++; }
	if (ps->p >= ps->end || *ps->p < '0' || *ps->p > '9') { ps->error = 1; return; }
	while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9')
		v = v * 10 + (*ps->p++ - '0');
	v *= 1000;
	if (ps->p < ps->end && *ps->p == '.') {
		int64_t scale = 100;
		ps->p++;
		if (ps->p >= ps->end || *ps->p < '0' || *ps->p > '9') { ps->error = 1; return; }
		while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9') {
			v += (*ps->p++ - '0') * scale;
			scale /= 10;
		}
	}
	ps->sum += neg ? -v : v;
	ps->numbers++;
}

static int literal(Parser *ps, const char *w)
{
	const uint8_t *q = ps->p;
	while (*w) {
		if (q >= ps->end || *q != (uint8_t)*w)
			return 0;
		q++;
		w++;
	}
	ps->p = q;
	ps->literals++;
	return 1;
}

static void parse_value(Parser *ps)
{
	skip_ws(ps);
	if (ps->error || ps->p >= ps->end) { ps->error = 1; return; }
	uint8_t c = *ps->p;
	if (c == '{' || c == '[') {
		uint8_t close = c == '{' ? '}' : ']';
		if (++ps->depth > ps->max_depth)
			ps->max_depth = ps->depth;
		if (ps->depth > 64) { ps->error = 1; return; }
		ps->p++;
		skip_ws(ps);
		if (ps->p < ps->end && *ps->p == close) {
			ps->p++;
		} else {
			for (;;) {
				if (c == '{') {
					skip_ws(ps);
					if (ps->p >= ps->end || *ps->p != '"') { ps->error = 1; return; }
					parse_string(ps);
					skip_ws(ps);
					if (ps->error || ps->p >= ps->end || *ps->p != ':') { ps->error = 1; return; }
					ps->p++;
				}
				parse_value(ps);
				skip_ws(ps);
				if (ps->error || ps->p >= ps->end) { ps->error = 1; return; }
				if (*ps->p == ',') { ps->p++; continue; }
				if (*ps->p == close) { ps->p++; break; }
				ps->error = 1;
				return;
			}
		}
		ps->depth--;
		if (c == '{') ps->objects++; else ps->arrays++;
	} else if (c == '"') {
		parse_string(ps);
	} else if (c == '-' || (c >= '0' && c <= '9')) {
		parse_number(ps);
	} else if (!literal(ps, "true") && !literal(ps, "false") && !literal(ps, "null")) {
		ps->error = 1;
	}
}

static uint32_t parse(const uint8_t *p, uint32_t n, Parser *ps)
{
	ps->p = p;
	ps->end = p + n;
	ps->hash = ps->objects = ps->arrays = ps->strings = ps->numbers = 0;
	ps->literals = ps->depth = ps->max_depth = 0;
	ps->sum = 0;
	ps->error = 0;
	parse_value(ps);
	skip_ws(ps);
	if (ps->p != ps->end)
		ps->error = 1;
	return !ps->error;
}

BENCH_RUN uint32_t run(void)
{
	static const uint8_t bad1[] = { '{', '"', 'a', '"', ':', ' ', '1', ',', '}' };
	static const uint8_t bad2[] = { '[', '1', ',', ' ', '"', 'x', '\\', 'q', '"', ']' };
	Parser ps;
	uint32_t h = 0;

	gseed = bench_seed;
	len = 0;
	put("[");
	for (int i = 0; i < 400 && len < CAP - 2000; i++) {
		if (i)
			put(",\n");
		gen_value(0);
	}
	put("]");
	h = bench_mix(h, len);
	for (int round = 0; round < 3; round++) {
		h = bench_mix(h, parse(text, len, &ps));
		h = bench_mix(h, ps.hash);
		h = bench_mix(h, ps.objects + (ps.arrays << 8) + (ps.strings << 16));
		h = bench_mix(h, ps.numbers + (ps.literals << 12) + (ps.max_depth << 24));
		h = bench_mix(h, (uint32_t)ps.sum ^ (uint32_t)((uint64_t)ps.sum >> 32));
	}
	h = bench_mix(h, parse(bad1, sizeof bad1, &ps));
	h = bench_mix(h, parse(bad2, sizeof bad2, &ps));
	return h;
}
