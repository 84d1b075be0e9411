/* strbuf.c - growable text (IR dumps, listings, headers) allocated through
 * the context's hook, so output text obeys the same allocation rules as
 * everything else. */
#include <stdio.h>
#include <string.h>

#include "internal.h"

void sy_str_printf(SyStr *s, const char *fmt, ...)
{
	if (s->oom)
		return;
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf(s->s ? s->s + s->n : NULL, s->s ? s->cap - s->n : 0, fmt, ap);
	va_end(ap);
	if (k < 0) {
		s->oom = true;
		return;
	}
	if (s->s && s->n + (size_t)k < s->cap) {
		s->n += (size_t)k;
		return;
	}
	size_t cap = s->cap ? s->cap : 256;
	while (cap < s->n + (size_t)k + 1)
		cap *= 2;
	char *p = sy_realloc(s->alloc, s->s, s->cap, cap);
	if (!p) {
		s->oom = true;
		return;
	}
	s->s = p;
	s->cap = cap;
	va_start(ap, fmt);
	vsnprintf(s->s + s->n, s->cap - s->n, fmt, ap);
	va_end(ap);
	s->n += (size_t)k;
}

char *sy_str_take(SyStr *s)
{
	if (s->oom) {
		sy_str_free(s);
		return NULL;
	}
	if (!s->s) {
		s->s = sy_malloc(s->alloc, 1);
		if (!s->s)
			return NULL;
		s->s[0] = 0;
		s->cap = 1;
	}
	char *p = sy_realloc(s->alloc, s->s, s->cap, s->n + 1);
	if (!p)
		p = s->s; /* shrinking failed: keep the bigger block... */
	if (p == s->s && s->cap != s->n + 1) {
		/* ...but sizes must match at free time: copy into an exact block. */
		char *q = sy_malloc(s->alloc, s->n + 1);
		if (!q) {
			sy_str_free(s);
			return NULL;
		}
		memcpy(q, s->s, s->n + 1);
		sy_str_free(s);
		p = q;
	}
	s->s = NULL;
	s->n = s->cap = 0;
	return p;
}

void sy_str_free_text(const SyAlloc *a, char *text)
{
	if (text)
		sy_free(a, text, strlen(text) + 1);
}

void sy_str_free(SyStr *s)
{
	sy_free(s->alloc, s->s, s->cap);
	s->s = NULL;
	s->n = s->cap = 0;
}
