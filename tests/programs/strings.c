/* strings.c - string processing without libc: length, compare, copy,
 * reverse, integer formatting and parsing (round trip, INT32_MIN
 * included), upper-casing, word counting, substring search (naive and
 * Knuth-Morris-Pratt must agree), palindromes and Levenshtein distance. */
#include "prog.h"

static size_t str_len(const char *s)
{
	const char *p = s;
	while (*p)
		p++;
	return (size_t)(p - s);
}

static int str_cmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (int)(unsigned char)*a - (int)(unsigned char)*b;
}

static char *str_cpy(char *d, const char *s)
{
	char *r = d;
	while ((*d++ = *s++))
		;
	return r;
}

static void str_reverse(char *s)
{
	size_t n = str_len(s);
	for (size_t i = 0; i < n / 2; i++) {
		char t = s[i];
		s[i] = s[n - 1 - i];
		s[n - 1 - i] = t;
	}
}

static char *fmt_i32(int32_t v, char *buf)
{
	char *p = buf;
	uint32_t u = v < 0 ? 0u - (uint32_t)v : (uint32_t)v;
	do {
		*p++ = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		*p++ = '-';
	*p = 0;
	str_reverse(buf);
	return buf;
}

static int32_t parse_i32(const char *s)
{
	int neg = 0;
	uint32_t u = 0;
	while (*s == ' ')
		s++;
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	while (*s >= '0' && *s <= '9')
		u = u * 10 + (uint32_t)(*s++ - '0');
	return neg ? (int32_t)(0u - u) : (int32_t)u;
}

static void to_upper(char *s)
{
	for (; *s; s++)
		if (*s >= 'a' && *s <= 'z')
			*s = (char)(*s - 'a' + 'A');
}

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n'; }

static int word_count(const char *s)
{
	int n = 0, in = 0;
	for (; *s; s++) {
		if (is_space(*s))
			in = 0;
		else if (!in)
			in = 1, n++;
	}
	return n;
}

static int count_naive(const char *t, const char *p)
{
	size_t n = str_len(t), m = str_len(p);
	int c = 0;
	for (size_t i = 0; i + m <= n; i++) {
		size_t j = 0;
		while (j < m && t[i + j] == p[j])
			j++;
		c += j == m;
	}
	return c;
}

static int count_kmp(const char *t, const char *p)
{
	int fail[64];
	int m = (int)str_len(p), c = 0;
	fail[0] = 0;
	for (int i = 1, k = 0; i < m; i++) {
		while (k > 0 && p[i] != p[k])
			k = fail[k - 1];
		if (p[i] == p[k])
			k++;
		fail[i] = k;
	}
	for (int i = 0, k = 0; t[i]; i++) {
		while (k > 0 && t[i] != p[k])
			k = fail[k - 1];
		if (t[i] == p[k])
			k++;
		if (k == m) {
			c++;
			k = fail[k - 1];
		}
	}
	return c;
}

static int is_palindrome(const char *s)
{
	size_t n = str_len(s);
	for (size_t i = 0, j = n ? n - 1 : 0; i < j; i++, j--) {
		while (i < j && is_space(s[i]))
			i++;
		while (i < j && is_space(s[j]))
			j--;
		char a = s[i], b = s[j];
		if (a >= 'A' && a <= 'Z')
			a = (char)(a + 32);
		if (b >= 'A' && b <= 'Z')
			b = (char)(b + 32);
		if (a != b)
			return 0;
	}
	return 1;
}

static int levenshtein(const char *a, const char *b)
{
	int row[64];
	int n = (int)str_len(a), m = (int)str_len(b);
	for (int j = 0; j <= m; j++)
		row[j] = j;
	for (int i = 1; i <= n; i++) {
		int diag = row[0];
		row[0] = i;
		for (int j = 1; j <= m; j++) {
			int up = row[j];
			int best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[m];
}

static const char text[] =
	"it was the best of times it was the worst of times it was the age of wisdom "
	"it was the age of foolishness it was the epoch of belief it was the epoch of "
	"incredulity it was the season of light it was the season of darkness abababab";
static const char *const needles[] = {"it was", "the", "of ", "aba", "abab", "x", "times", "season of d"};
static const char *const pals[] = {"A man a plan a canal Panama", "racecar", "abca", "", "Never odd or even", "ab"};

static uint32_t hash_str(uint32_t h, const char *s)
{
	while (*s)
		h = prog_mix(h, (unsigned char)*s++);
	return h;
}

RUN_EXPORT uint32_t run(void)
{
	char buf[256], num[16];
	uint32_t h = 0, s = prog_seed;

	if (str_len(text) != sizeof text - 1)
		return 1;
	str_cpy(buf, "Hello, Cortex-M!");
	if (str_cmp(buf, "Hello, Cortex-M!") != 0 || str_cmp("abc", "abd") >= 0 || str_cmp("b", "a") <= 0)
		return 2;
	str_reverse(buf);
	h = hash_str(h, buf);
	to_upper(buf);
	h = hash_str(h, buf);

	static const int32_t fixed[] = {0, 1, -1, 9, 10, -10, 2147483647, -2147483647 - 1, 1000000, -999};
	for (unsigned i = 0; i < sizeof fixed / sizeof fixed[0]; i++) {
		fmt_i32(fixed[i], num);
		if (parse_i32(num) != fixed[i])
			return 3;
		h = hash_str(h, num);
	}
	if (str_cmp(fmt_i32(-2147483647 - 1, num), "-2147483648") != 0)
		return 4;
	for (int i = 0; i < 300; i++) {
		int32_t v = (int32_t)prog_rand(&s);
		if (parse_i32(fmt_i32(v, num)) != v)
			return 5;
		h = prog_mix(h, (uint32_t)str_len(num));
	}

	h = prog_mix(h, (uint32_t)word_count(text));
	for (unsigned i = 0; i < sizeof needles / sizeof needles[0]; i++) {
		int a = count_naive(text, needles[i]), b = count_kmp(text, needles[i]);
		if (a != b)
			return 6;
		h = prog_mix(h, (uint32_t)a);
	}
	for (unsigned i = 0; i < sizeof pals / sizeof pals[0]; i++)
		h = prog_mix(h, (uint32_t)is_palindrome(pals[i]));
	if (levenshtein("kitten", "sitting") != 3 || levenshtein("", "abc") != 3 || levenshtein("flaw", "lawn") != 2)
		return 7;
	for (unsigned i = 0; i + 1 < sizeof needles / sizeof needles[0]; i++)
		h = prog_mix(h, (uint32_t)levenshtein(needles[i], needles[i + 1]));
	h = prog_mix(h, (uint32_t)levenshtein(pals[0], pals[4]));
	return h;
}
