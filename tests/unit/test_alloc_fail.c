/* test_alloc_fail.c - makes the N-th allocation fail, for every N, while a
 * real module is decoded and validated, then while it is compiled (with
 * every dump, so the per-function arenas, the allocator's per-round tables
 * and the listing are all on the path), and checks each run ends with a
 * clean SYNTH_ERR_NOMEM (or success once N passes the last allocation) and
 * that every byte allocated was freed. A compile may also recover from a
 * failed allocation (a string that cannot shrink is copied): then its
 * object must be the same bytes as without failures. Run under ASan/LSan
 * in CI too. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "synth/synth.h"

typedef struct Counting {
	long calls;       /* allocation requests so far */
	long fail_at;     /* request number to fail (1-based), 0 = never */
	long live_blocks; /* blocks not yet freed */
	size_t live_bytes;/* bytes not yet freed */
	int failed;       /* the failure was injected */
} Counting;

static void *counting_realloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	Counting *c = ud;
	if (nsize == 0) {
		if (ptr) {
			c->live_blocks--;
			c->live_bytes -= osize;
			free(ptr);
		}
		return NULL;
	}
	if (++c->calls == c->fail_at) {
		c->failed = 1;
		return NULL;
	}
	void *p = realloc(ptr, nsize);
	if (!p)
		return NULL;
	if (!ptr)
		c->live_blocks++;
	c->live_bytes += nsize - (ptr ? osize : 0);
	return p;
}

static unsigned char *read_all(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	unsigned char *buf = malloc(1 << 20);
	*size = fread(buf, 1, 1 << 20, f);
	fclose(f);
	return buf;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: test_alloc_fail MODULE.wasm...\n");
		return 2;
	}
	int bad = 0;
	for (int a = 1; a < argc; a++) {
		size_t size;
		unsigned char *bytes = read_all(argv[a], &size);
		if (!bytes) {
			fprintf(stderr, "cannot read %s\n", argv[a]);
			return 2;
		}
		long n;
		for (n = 1;; n++) {
			Counting c = {.fail_at = n};
			SynthContext *ctx = synth_context_new(counting_realloc, &c);
			if (!ctx) {
				if (!c.failed) {
					fprintf(stderr, "N=%ld: context creation failed without injection\n", n);
					bad++;
				}
				continue;
			}
			SynthModule *mod = NULL;
			SynthStatus st = synth_module_load(ctx, bytes, size, NULL, &mod);
			const SynthDiag *d = synth_context_diag(ctx);
			if (c.failed) {
				if (st != SYNTH_ERR_NOMEM || mod || strcmp(d->message, "out of memory") != 0) {
					fprintf(stderr, "N=%ld: expected a clean out-of-memory error, got %s: %s\n", n,
					        synth_status_name(st), d->message);
					bad++;
				}
			} else if (st != SYNTH_OK) {
				fprintf(stderr, "N=%ld: load failed: %s\n", n, d->message);
				bad++;
			}
			synth_module_free(mod);
			synth_context_free(ctx);
			if (c.live_blocks || c.live_bytes) {
				fprintf(stderr, "N=%ld: leaked %ld blocks, %zu bytes\n", n, c.live_blocks, c.live_bytes);
				bad++;
			}
			if (!c.failed)
				break;
		}
		printf("%s: %ld allocation failure points checked, no leak\n", argv[a], n - 1);
		if (n < 3) {
			fprintf(stderr, "%s: suspiciously few allocations (%ld)\n", argv[a], n);
			bad++;
		}
		/* compile: the module loads normally, then the N-th allocation of
		 * synth_compile fails (N = 0: none, the reference object) */
		unsigned char *ref = NULL;
		size_t refsize = 0;
		for (n = 0;; n++) {
			Counting c = {0};
			SynthContext *ctx = synth_context_new(counting_realloc, &c);
			SynthModule *mod = NULL;
			if (!ctx || synth_module_load(ctx, bytes, size, NULL, &mod) != SYNTH_OK) {
				fprintf(stderr, "%s: cannot load for the compile checks\n", argv[a]);
				return 1;
			}
			c.calls = 0, c.fail_at = n;
			SynthCompileOptions opt = {.name = "kitchen", .want_ir = true, .want_mir = true,
			                           .want_asm = true, .want_header = true};
			SynthOutput out;
			SynthStatus st = synth_compile(ctx, mod, &opt, &out);
			const SynthDiag *d = synth_context_diag(ctx);
			if (n == 0 && st == SYNTH_OK) {
				ref = malloc(out.object_size);
				memcpy(ref, out.object, out.object_size);
				refsize = out.object_size;
			}
			if (c.failed && st == SYNTH_OK) {
				if (out.object_size != refsize || memcmp(out.object, ref, refsize)) {
					fprintf(stderr, "N=%ld: compile succeeded after a failed allocation with a different object\n",
					        n);
					bad++;
				}
			} else if (c.failed) {
				if (st != SYNTH_ERR_NOMEM || strcmp(d->message, "out of memory") != 0) {
					fprintf(stderr, "N=%ld: compile: expected a clean out-of-memory error, got %s: %s\n", n,
					        synth_status_name(st), d->message);
					bad++;
				}
			} else if (st != SYNTH_OK) {
				fprintf(stderr, "N=%ld: compile failed: %s\n", n, d->message);
				bad++;
			}
			if (st == SYNTH_OK)
				synth_output_free(ctx, &out);
			synth_module_free(mod);
			synth_context_free(ctx);
			if (c.live_blocks || c.live_bytes) {
				fprintf(stderr, "N=%ld: compile: leaked %ld blocks, %zu bytes\n", n, c.live_blocks, c.live_bytes);
				bad++;
			}
			if (!c.failed && n > 0)
				break;
		}
		free(ref);
		printf("%s: %ld compile allocation failure points checked, no leak\n", argv[a], n - 1);
		if (n < 100) {
			fprintf(stderr, "%s: suspiciously few compile allocations (%ld)\n", argv[a], n);
			bad++;
		}
		free(bytes);
	}
	return bad ? 1 : 0;
}
