/* strbuf.c - growable text (IR dumps, listings, headers) allocated through
 * the context's hook, so output text obeys the same allocation rules as
 * everything else. */
#include <stdio.h>
#include <string.h>

#include "internal.h"

void sy_str_vprintf(SyStr *s, const char *fmt, va_list ap)
{
	if (s->oom)
		return;
	va_list ap2;
	va_copy(ap2, ap);
	int k = vsnprintf(s->s ? s->s + s->n : NULL, s->s ? s->cap - s->n : 0, fmt, ap2);
	va_end(ap2);
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
	vsnprintf(s->s + s->n, s->cap - s->n, fmt, ap);
	s->n += (size_t)k;
}

void sy_str_printf(SyStr *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sy_str_vprintf(s, fmt, ap);
	va_end(ap);
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
	/* The text is freed as strlen + 1 bytes, so the block must be exactly
	 * that big: shrink it, or copy it when the hook refuses to shrink. */
	char *p = s->cap == s->n + 1 ? s->s : sy_realloc(s->alloc, s->s, s->cap, s->n + 1);
	if (!p) {
		p = sy_malloc(s->alloc, s->n + 1);
		if (!p) {
			sy_str_free(s);
			return NULL;
		}
		memcpy(p, s->s, s->n + 1);
		sy_str_free(s);
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
