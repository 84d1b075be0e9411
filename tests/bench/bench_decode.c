/* bench_decode.c - decode + validate throughput on a module, in MB/s of
 * code section, best of ROUNDS (CLOCK_MONOTONIC):
 *   - libsynth in-process (synth_module_load), for the library's own figure;
 *   - with --synth SYNTH and a baseline command (such as wabt's
 *     wasm-validate), like for like: `SYNTH validate MODULE` and the
 *     baseline, both as processes on the same file, ROUNDS runs each,
 *     interleaved, best of each, and their ratio.
 * Prints figures; asserts only that the module is valid and that both
 * commands succeed. Usage:
 *   bench_decode MODULE.wasm [ROUNDS] [--synth SYNTH -- BASELINE-COMMAND...] */
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

/* Runs argv as a process; returns its wall time in seconds, or -1 when it
 * does not exit with status 0. */
static double run_timed(char **argv)
{
	double t0 = now();
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		execvp(argv[0], argv);
		_exit(127);
	}
	int status;
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "bench_decode: %s failed (status %d)\n", argv[0], status);
		return -1;
	}
	return now() - t0;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: bench_decode MODULE.wasm [ROUNDS] [--synth SYNTH -- CMD...]\n");
		return 2;
	}
	int rounds = argc > 2 && argv[2][0] != '-' ? atoi(argv[2]) : 5;
	if (rounds < 1)
		rounds = 1;
	char **base = NULL;
	const char *synth = NULL;
	for (int i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--synth") && i + 1 < argc)
			synth = argv[++i];
		else if (!strcmp(argv[i], "--")) {
			base = argv + i + 1;
			break;
		}
	}
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
	printf("libsynth in-process decode+validate: %.1f MB module, %.1f MB code, best of %d: %.3f s, %.0f MB/s of code\n",
	       size / 1e6, codesize / 1e6, rounds, best, codesize / 1e6 / best);
	if (synth && base && *base) {
		/* Like for like: both are processes reading the same file, run
		 * alternately so that both see the same machine state. */
		char *sargv[] = {(char *)synth, "validate", argv[1], NULL};
		double sbest = 1e9, bbest = 1e9;
		for (int r = 0; r < rounds; r++) {
			double ts = run_timed(sargv), tb = run_timed(base);
			if (ts < 0 || tb < 0)
				return 1;
			if (ts < sbest)
				sbest = ts;
			if (tb < bbest)
				bbest = tb;
		}
		printf("process `synth validate`: best of %d: %.3f s, %.0f MB/s of code\n", rounds, sbest,
		       codesize / 1e6 / sbest);
		printf("process `%s`: best of %d: %.3f s, %.0f MB/s of code\n", base[0], rounds, bbest,
		       codesize / 1e6 / bbest);
		printf("ratio (same file, both as processes, best of %d each): synth is %.2fx the baseline's speed\n",
		       rounds, bbest / sbest);
	}
	synth_context_free(ctx);
	return 0;
}
