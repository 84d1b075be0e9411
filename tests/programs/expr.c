/* expr.c - a recursive-descent parser and evaluator for integer
 * expressions with variables, assignment, comparison, the conditional
 * operator, unary operators and C precedence (64-bit arithmetic, division
 * by zero reported as an error), checked on fixed expressions with known
 * values and on generated ones against a second evaluator working on the
 * generated tree. Returns a 64-bit checksum. */
#include "prog.h"

typedef struct Parser {
	const char *p;
	int err;
	int64_t vars[26];
} Parser;

static int64_t parse_expr(Parser *ps);

static void skip(Parser *ps)
{
	while (*ps->p == ' ')
		ps->p++;
}

static int accept(Parser *ps, const char *tok)
{
	skip(ps);
	const char *a = ps->p, *t = tok;
	while (*t && *a == *t)
		a++, t++;
	if (*t)
		return 0;
	/* "<" must not eat the first char of "<=" or "<<", nor "=" of "==" */
	if (!tok[1] && (tok[0] == '<' || tok[0] == '>' || tok[0] == '=' || tok[0] == '!') && (*a == '=' || *a == tok[0]))
		return 0;
	ps->p = a;
	return 1;
}

static int64_t parse_primary(Parser *ps)
{
	skip(ps);
	char c = *ps->p;
	if (c >= '0' && c <= '9') {
		uint64_t v = 0;
		while (*ps->p >= '0' && *ps->p <= '9')
			v = v * 10 + (uint64_t)(*ps->p++ - '0');
		return (int64_t)v;
	}
	if (c >= 'a' && c <= 'z') {
		ps->p++;
		if (accept(ps, "=")) {
			int64_t v = parse_expr(ps);
			ps->vars[c - 'a'] = v;
			return v;
		}
		return ps->vars[c - 'a'];
	}
	if (accept(ps, "(")) {
		int64_t v = parse_expr(ps);
		if (!accept(ps, ")"))
			ps->err = 1;
		return v;
	}
	if (accept(ps, "-"))
		return (int64_t)(0u - (uint64_t)parse_primary(ps));
	if (accept(ps, "~"))
		return ~parse_primary(ps);
	if (accept(ps, "!"))
		return !parse_primary(ps);
	ps->err = 2;
	return 0;
}

static int64_t parse_mul(Parser *ps)
{
	int64_t v = parse_primary(ps);
	for (;;) {
		if (accept(ps, "*")) {
			v = (int64_t)((uint64_t)v * (uint64_t)parse_primary(ps));
		} else if (accept(ps, "/") || accept(ps, "%")) {
			int mod = ps->p[-1] == '%';
			int64_t r = parse_primary(ps);
			if (r == 0 || (r == -1 && v == INT64_MIN)) {
				ps->err = 3;
				return 0;
			}
			v = mod ? v % r : v / r;
		} else {
			return v;
		}
	}
}

static int64_t parse_add(Parser *ps)
{
	int64_t v = parse_mul(ps);
	for (;;) {
		if (accept(ps, "+"))
			v = (int64_t)((uint64_t)v + (uint64_t)parse_mul(ps));
		else if (accept(ps, "-"))
			v = (int64_t)((uint64_t)v - (uint64_t)parse_mul(ps));
		else
			return v;
	}
}

static int64_t parse_shift(Parser *ps)
{
	int64_t v = parse_add(ps);
	for (;;) {
		if (accept(ps, "<<"))
			v = (int64_t)((uint64_t)v << (parse_add(ps) & 63));
		else if (accept(ps, ">>"))
			v = v >> (parse_add(ps) & 63); /* arithmetic on both compilers */
		else
			return v;
	}
}

static int64_t parse_cmp(Parser *ps)
{
	int64_t v = parse_shift(ps);
	for (;;) {
		if (accept(ps, "<="))
			v = v <= parse_shift(ps);
		else if (accept(ps, ">="))
			v = v >= parse_shift(ps);
		else if (accept(ps, "<"))
			v = v < parse_shift(ps);
		else if (accept(ps, ">"))
			v = v > parse_shift(ps);
		else if (accept(ps, "=="))
			v = v == parse_shift(ps);
		else if (accept(ps, "!="))
			v = v != parse_shift(ps);
		else
			return v;
	}
}

static int64_t parse_bits(Parser *ps)
{
	int64_t v = parse_cmp(ps);
	for (;;) {
		if (accept(ps, "&"))
			v &= parse_cmp(ps);
		else if (accept(ps, "^"))
			v ^= parse_cmp(ps);
		else if (accept(ps, "|"))
			v |= parse_cmp(ps);
		else
			return v;
	}
}

/* cond ? a : b, right-associative; both arms are parsed (and evaluated). */
static int64_t parse_expr(Parser *ps)
{
	int64_t c = parse_bits(ps);
	if (!accept(ps, "?"))
		return c;
	int64_t a = parse_expr(ps);
	if (!accept(ps, ":"))
		ps->err = 4;
	int64_t b = parse_expr(ps);
	return c ? a : b;
}

static int64_t eval(Parser *ps, const char *text, int *err)
{
	ps->p = text;
	ps->err = 0;
	int64_t v = parse_expr(ps);
	skip(ps);
	if (*ps->p)
		ps->err = ps->err ? ps->err : 5;
	*err = ps->err;
	return v;
}

typedef struct Case {
	const char *text;
	int64_t value;
} Case;

static const Case cases[] = {
	{"1 + 2 * 3", 7},
	{"(1 + 2) * 3", 9},
	{"100 / 7 % 4", 2},
	{"-7 / 2", -3},
	{"-7 % 3", -1},
	{"2 * -3 - -4", -2},
	{"1 << 40", 1099511627776},
	{"-1 >> 3", -1},
	{"~0 & 255 | 256", 511},
	{"3 < 4 == 1", 1},
	{"x = 5", 5},
	{"y = x * x + 1", 26},
	{"x < y ? x : y", 5},
	{"z = 0 ? 1 : 2 ? 3 : 4", 3},
	{"!z + !0", 1},
	{"9223372036854775807 + 1", INT64_MIN},
	{"a = 1234567 * 7654321", 9449772114007},
	{"a % 1000003", 9449772114007 % 1000003},
	{"(((((1)))))", 1},
	{"6 ^ 3 ^ 5 >= 0", 6 ^ 3 ^ 1},
};

/* Random expression generator: writes text and returns the value computed
 * directly, so the parser is checked against a second evaluation. */
typedef struct Gen {
	char buf[512];
	int n;
	uint32_t s;
} Gen;

static void put(Gen *g, const char *t)
{
	while (*t && g->n < 500)
		g->buf[g->n++] = *t++;
}

static void put_num(Gen *g, uint32_t v)
{
	char d[12];
	int k = 0;
	do
		d[k++] = (char)('0' + v % 10), v /= 10;
	while (v);
	while (k && g->n < 500)
		g->buf[g->n++] = d[--k];
}

static int64_t gen(Gen *g, int depth)
{
	uint32_t r = prog_rand(&g->s);
	if (depth == 0 || r % 5 == 0) {
		uint32_t v = r >> 20;
		put_num(g, v);
		return v;
	}
	put(g, "(");
	int64_t a = gen(g, depth - 1), v;
	switch ((r >> 8) % 6) {
	case 0: put(g, " + "); v = (int64_t)((uint64_t)a + (uint64_t)gen(g, depth - 1)); break;
	case 1: put(g, " - "); v = (int64_t)((uint64_t)a - (uint64_t)gen(g, depth - 1)); break;
	case 2: put(g, " * "); v = (int64_t)((uint64_t)a * (uint64_t)gen(g, depth - 1)); break;
	case 3: put(g, " & "); v = a & gen(g, depth - 1); break;
	case 4: put(g, " < "); v = a < gen(g, depth - 1); break;
	default: put(g, " ^ "); v = a ^ gen(g, depth - 1); break;
	}
	put(g, ")");
	return v;
}

static Parser parser;

RUN_EXPORT uint64_t run(void)
{
	uint64_t h = 0;
	int err;
	for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int64_t v = eval(&parser, cases[i].text, &err);
		if (err || v != cases[i].value)
			return 100 + i;
		h = prog_mix64(h, (uint64_t)v);
	}
	static const char *const bad[] = {"1 / 0", "(1 + 2", "3 +", "4 ? 5", "1 2"};
	for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		eval(&parser, bad[i], &err);
		if (!err)
			return 200 + i;
		h = prog_mix64(h, (uint64_t)err);
	}
	Gen g;
	g.s = prog_seed;
	for (int t = 0; t < 60; t++) {
		g.n = 0;
		int64_t want = gen(&g, 6);
		g.buf[g.n] = 0;
		int64_t got = eval(&parser, g.buf, &err);
		if (err || got != want)
			return 300 + (uint64_t)t;
		h = prog_mix64(h, (uint64_t)got);
	}
	return h;
}
