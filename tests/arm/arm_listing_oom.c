/* arm_listing_oom.c - compiles a module with the listing and both IR dumps
 * (--emit=asm, --emit=mir) while the N-th allocation of the compile fails,
 * for every N: each run must end in SYNTH_ERR_NOMEM, or in success where
 * the failure is one the library absorbs (a buffer that could not shrink),
 * never leak, and a successful run must print the same listing as a run
 * without failures.
 *
 * Usage: arm_listing_oom MODULE.wasm
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "synth/synth.h"

typedef struct Counting {
	long calls;        /* allocation requests so far */
	long fail_at;      /* request number to fail (1-based), 0 = never */
	long live_blocks;  /* blocks not yet freed */
	size_t live_bytes; /* bytes not yet freed */
	int failed;        /* the failure was injected */
} Counting;

static void *counting_realloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	Counting *c = ud;
	void *p;

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
	p = realloc(ptr, nsize);
	if (!p)
		return NULL;
	if (!ptr)
		c->live_blocks++;
	c->live_bytes += nsize - (ptr ? osize : 0);
	return p;
}

int main(int argc, char **argv)
{
	FILE *f;
	unsigned char *bytes;
	size_t size;
	char *want = NULL;
	int bad = 0;
	long n, absorbed = 0;

	if (argc != 2 || !(f = fopen(argv[1], "rb"))) {
		fprintf(stderr, "usage: arm_listing_oom MODULE.wasm\n");
		return 2;
	}
	bytes = malloc(1 << 20);
	size = fread(bytes, 1, 1 << 20, f);
	fclose(f);
	/* n = 0 is the run without failures that sets the expected listing */
	for (n = 0;; n++) {
		Counting c = {0};
		SynthContext *ctx = synth_context_new(counting_realloc, &c);
		SynthModule *mod = NULL;
		SynthCompileOptions opt = {.name = "listing", .target = SYNTH_TARGET_CORTEX_M4F,
		                           .want_asm = true, .want_mir = true};
		SynthOutput out;
		SynthStatus st;

		if (!ctx || synth_module_load(ctx, bytes, size, NULL, &mod) != SYNTH_OK) {
			fprintf(stderr, "cannot load %s\n", argv[1]);
			return 2;
		}
		c.fail_at = n ? c.calls + n : 0;
		st = synth_compile(ctx, mod, &opt, &out);
		if (st == SYNTH_OK) {
			if (!out.listing || !strstr(out.listing, "\tbl\tlisting__import_env_tick\n")) {
				fprintf(stderr, "N=%ld: no listing\n", n);
				bad++;
			} else if (!want) {
				want = malloc(strlen(out.listing) + 1);
				strcpy(want, out.listing);
			} else if (strcmp(want, out.listing)) {
				fprintf(stderr, "N=%ld: the listing differs from the run without failures\n", n);
				bad++;
			}
			absorbed += c.failed;
			synth_output_free(ctx, &out);
		} else if (!c.failed || st != SYNTH_ERR_NOMEM) {
			fprintf(stderr, "N=%ld: %s: %s\n", n, synth_status_name(st), synth_context_diag(ctx)->message);
			bad++;
		}
		synth_module_free(mod);
		synth_context_free(ctx);
		if (c.live_blocks || c.live_bytes) {
			fprintf(stderr, "N=%ld: leaked %ld blocks, %zu bytes\n", n, c.live_blocks, c.live_bytes);
			bad++;
		}
		if (n && !c.failed)
			break;
	}
	printf("%ld allocation failure points of a compile with listing checked (%ld absorbed), "
	       "no leak\n", n - 1, absorbed);
	if (n < 50) {
		fprintf(stderr, "suspiciously few allocations (%ld)\n", n);
		bad++;
	}
	free(want);
	free(bytes);
	return bad ? 1 : 0;
}
