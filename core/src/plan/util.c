/* util.c - arenas, file reading and error reporting for the planner.
 *
 * Every allocation goes through the allocator hook of the SynthContext the
 * object (target, input, plan) was made with, or that a call producing text
 * was given: nothing is process-wide, so threads with different contexts do
 * not meet. An object keeps all its data in one arena (SyArena, alloc.c)
 * freed at once; PlArena only adds a sticky out-of-memory flag, so a long
 * build checks once at the end. Text is built with SyStr (strbuf.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan_internal.h"

void pl_arena_init(PlArena *a, const SyAlloc *alloc)
{
	sy_arena_init(&a->ar, alloc);
	a->oom = false;
}

void *pl_alloc(PlArena *a, size_t size)
{
	void *p = sy_arena_alloc(&a->ar, size);
	if (!p)
		a->oom = true;
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
	sy_arena_free(&a->ar);
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

bool pl_read_file(SyStr *out, const char *path, SynthPlanError *err)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		pl_error(err, SYNTH_ERR_ARGUMENT, path, "", "cannot open file");
		return false;
	}
	for (;;) {
		if (out->cap - out->n < 4096 + 1) {
			size_t ncap = out->cap ? out->cap * 2 : 65536;
			char *nb = sy_realloc(out->alloc, out->s, out->cap, ncap);
			if (!nb) {
				fclose(f);
				sy_str_free(out);
				pl_error(err, SYNTH_ERR_NOMEM, path, "", "out of memory");
				return false;
			}
			out->s = nb;
			out->cap = ncap;
		}
		size_t got = fread(out->s + out->n, 1, out->cap - out->n - 1, f);
		out->n += got;
		if (got == 0)
			break;
	}
	bool bad = ferror(f);
	fclose(f);
	if (bad) {
		sy_str_free(out);
		pl_error(err, SYNTH_ERR_ARGUMENT, path, "", "read error");
		return false;
	}
	out->s[out->n] = 0;
	return true;
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
