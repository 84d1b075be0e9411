/* util.c - allocation, arenas, text buffers and error reporting for the planner.
 *
 * Every allocation goes through pl_realloc(), a Lua-style hook that tests can
 * replace to make the N-th allocation fail. Objects (targets, inputs, plans)
 * keep all their data in one bump arena freed at once; text output goes
 * through PlBuf, which remembers an allocation failure instead of stopping. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan_internal.h"

static void *default_realloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	(void)ud;
	(void)osize;
	if (nsize == 0) {
		free(ptr);
		return NULL;
	}
	return realloc(ptr, nsize);
}

static SynthReallocFn hook = default_realloc;
static void *hook_ud;

void pl_set_alloc_hook(SynthReallocFn fn, void *ud)
{
	hook = fn ? fn : default_realloc;
	hook_ud = ud;
}

void *pl_realloc(void *ptr, size_t osize, size_t nsize)
{
	return hook(hook_ud, ptr, osize, nsize);
}

/* Arena chunks hold their size so the hook gets osize when freeing. */
struct PlChunk {
	PlChunk *next;
	size_t size, used;
	_Alignas(16) unsigned char data[];
};

void *pl_alloc(PlArena *a, size_t size)
{
	size = (size + 15) & ~(size_t)15;
	if (!a->head || a->head->size - a->head->used < size) {
		size_t csize = size > 16384 ? size : 16384;
		PlChunk *c = pl_realloc(NULL, 0, sizeof(PlChunk) + csize);
		if (!c) {
			a->oom = true;
			return NULL;
		}
		c->next = a->head;
		c->size = csize;
		c->used = 0;
		a->head = c;
	}
	void *p = a->head->data + a->head->used;
	a->head->used += size;
	memset(p, 0, size);
	return p;
}

void *pl_grow(PlArena *a, void *old, size_t oldsize, size_t newsize)
{
	void *p = pl_alloc(a, newsize);
	if (p && old && oldsize)
		memcpy(p, old, oldsize < newsize ? oldsize : newsize);
	return p;
}

char *pl_strdup(PlArena *a, const char *s)
{
	if (!s)
		return NULL;
	size_t n = strlen(s) + 1;
	char *p = pl_alloc(a, n);
	if (p)
		memcpy(p, s, n);
	return p;
}

void pl_arena_free(PlArena *a)
{
	PlChunk *c = a->head;
	while (c) {
		PlChunk *next = c->next;
		pl_realloc(c, sizeof(PlChunk) + c->size, 0);
		c = next;
	}
	a->head = NULL;
}

void pl_buf_vprintf(PlBuf *b, const char *fmt, va_list ap)
{
	if (b->oom)
		return;
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0) {
		b->oom = true;
		return;
	}
	if (b->len + (size_t)n + 1 > b->cap) {
		size_t ncap = b->cap ? b->cap : 256;
		while (ncap < b->len + (size_t)n + 1)
			ncap *= 2;
		char *s = pl_realloc(b->s, b->cap, ncap);
		if (!s) {
			b->oom = true;
			return;
		}
		b->s = s;
		b->cap = ncap;
	}
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void pl_buf_printf(PlBuf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	pl_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

char *pl_buf_take(PlBuf *b)
{
	char *out = NULL;
	if (!b->oom) {
		/* Callers free() the result, so hand over a malloc copy. */
		out = malloc(b->len + 1);
		if (out) {
			if (b->len)
				memcpy(out, b->s, b->len);
			out[b->len] = 0;
		}
	}
	pl_buf_free(b);
	return out;
}

void pl_buf_free(PlBuf *b)
{
	if (b->s)
		pl_realloc(b->s, b->cap, 0);
	b->s = NULL;
	b->len = b->cap = 0;
	b->oom = false;
}

char *pl_strdup_malloc(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = malloc(n);
	if (p)
		memcpy(p, s, n);
	return p;
}

static void copy_field(char *dst, size_t cap, const char *src)
{
	snprintf(dst, cap, "%s", src ? src : "");
}

SynthStatus pl_error(SynthPlanError *err, SynthStatus status, const char *file, const char *path,
                     const char *fmt, ...)
{
	if (!err)
		return status;
	err->status = status;
	copy_field(err->file, sizeof err->file, file);
	copy_field(err->path, sizeof err->path, path);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof err->message, fmt, ap);
	va_end(ap);
	return status;
}

void pl_error_clear(SynthPlanError *err)
{
	if (err)
		memset(err, 0, sizeof *err);
}

char *pl_read_file(const char *path, size_t *len, SynthPlanError *err)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0;
	if (!f) {
		pl_error(err, SYNTH_ERR_ARGUMENT, path, "", "cannot open file");
		return NULL;
	}
	for (;;) {
		if (cap - n < 4096) {
			size_t ncap = cap ? cap * 2 : 65536;
			char *nb = realloc(buf, ncap + 1);
			if (!nb) {
				free(buf);
				fclose(f);
				pl_error(err, SYNTH_ERR_NOMEM, path, "", "out of memory");
				return NULL;
			}
			buf = nb;
			cap = ncap;
		}
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	bool bad = ferror(f);
	fclose(f);
	if (bad) {
		free(buf);
		pl_error(err, SYNTH_ERR_ARGUMENT, path, "", "read error");
		return NULL;
	}
	buf[n] = 0;
	*len = n;
	return buf;
}

bool pl_is_ident(const char *s)
{
	if (!s || !*s || (*s >= '0' && *s <= '9'))
		return false;
	for (; *s; s++) {
		char c = *s;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '_'))
			return false;
	}
	return true;
}

const char *pl_size_str(uint64_t n, char buf[32])
{
	if (n && n % (1024 * 1024) == 0)
		snprintf(buf, 32, "%llu MiB", (unsigned long long)(n >> 20));
	else if (n && n % 1024 == 0)
		snprintf(buf, 32, "%llu KiB", (unsigned long long)(n >> 10));
	else
		snprintf(buf, 32, "%llu B", (unsigned long long)n);
	return buf;
}

uint64_t pl_pow2_ceil(uint64_t n)
{
	uint64_t p = 1;
	while (p < n)
		p <<= 1;
	return p;
}

unsigned pl_log2(uint64_t n)
{
	unsigned l = 0;
	while (n > 1) {
		n >>= 1;
		l++;
	}
	return l;
}
