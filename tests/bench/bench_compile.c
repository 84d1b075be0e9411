/* bench_compile.c - compile cost of big modules, under ceilings (issue 13,
 * item 4). Each module is compiled by `SYNTH compile` as a child process
 * whose address space is capped (RLIMIT_AS, like `ulimit -v`) and that is
 * killed when it runs past the time ceiling; the wall and CPU time, the peak
 * resident set (wait4's ru_maxrss) and the MB/s of code section are
 * printed. The ceilings are the assertion: a compile that fails (out of
 * memory under the cap, a crash, any non-zero exit) or is killed at the
 * time ceiling fails the run (exit 1). Figures are only printed.
 *
 * With --ratio BASELINE-COMMAND... (after the modules), the last module is
 * also a throughput figure: `SYNTH compile` and the baseline (such as
 * wabt's wasm-validate, or `SYNTH validate`: decoding alone) run ROUNDS
 * times each on the same file, alternately, and the ratio of their best
 * times is printed, never asserted.
 *
 * Usage: bench_compile SYNTH OUTDIR MEM_MB TIMEOUT_S MODULE.wasm...
 *                      [--rounds N] [--ratio CMD ARGS...] */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Outcome of one child process. */
typedef struct Run {
	double secs;     /* wall time */
	double cpu;      /* user + system time of the child */
	long rss_kb;     /* peak resident set of the child */
	int status;      /* wait status */
	int timed_out;   /* killed at the time ceiling */
} Run;

/* Runs argv with the address space capped at mem_mb (0: no cap) and a
 * wall-clock ceiling of timeout_s seconds; stdout goes to /dev/null. */
static Run run(char **argv, long mem_mb, double timeout_s)
{
	Run r = {0};
	fflush(stdout); /* or the child's freopen writes our buffer again */
	double t0 = now();
	pid_t pid = fork();
	if (pid < 0) {
		perror("fork");
		r.status = -1;
		return r;
	}
	if (pid == 0) {
		if (mem_mb > 0) {
			struct rlimit rl = {(rlim_t)mem_mb << 20, (rlim_t)mem_mb << 20};
			setrlimit(RLIMIT_AS, &rl);
		}
		if (!freopen("/dev/null", "w", stdout))
			_exit(126);
		execvp(argv[0], argv);
		_exit(127);
	}
	struct rusage ru;
	for (;;) {
		pid_t w = wait4(pid, &r.status, WNOHANG, &ru);
		if (w == pid)
			break;
		if (w < 0 && errno != EINTR) {
			perror("wait4");
			r.status = -1;
			return r;
		}
		if (!r.timed_out && now() - t0 > timeout_s) {
			kill(pid, SIGKILL);
			r.timed_out = 1;
		}
		struct timespec ts = {0, 2000000};
		nanosleep(&ts, NULL);
	}
	r.secs = now() - t0;
	r.cpu = ru.ru_utime.tv_sec + ru.ru_stime.tv_sec + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
	r.rss_kb = ru.ru_maxrss;
	return r;
}

static int ok(const Run *r) { return !r->timed_out && WIFEXITED(r->status) && WEXITSTATUS(r->status) == 0; }

/* Size of the code section (id 10) of a module file, or -1. */
static long code_size(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	unsigned char h[8];
	long found = -1;
	if (fread(h, 1, 8, f) == 8) {
		int id;
		while ((id = fgetc(f)) != EOF) {
			unsigned long size = 0;
			int shift = 0, c;
			do {
				c = fgetc(f);
				size |= (unsigned long)(c & 0x7f) << shift;
				shift += 7;
			} while (c != EOF && (c & 0x80) && shift < 35);
			if (c == EOF)
				break;
			if (id == 10) {
				found = (long)size;
				break;
			}
			fseek(f, (long)size, SEEK_CUR);
		}
	}
	fclose(f);
	return found;
}

int main(int argc, char **argv)
{
	if (argc < 6) {
		fprintf(stderr, "usage: bench_compile SYNTH OUTDIR MEM_MB TIMEOUT_S MODULE.wasm... "
		                "[--rounds N] [--ratio CMD...]\n");
		return 2;
	}
	char *synth = argv[1], *outdir = argv[2];
	long mem_mb = atol(argv[3]);
	double timeout_s = atof(argv[4]);
	int rounds = 3, nmod = 0;
	char **mods = argv + 5, **ratio = NULL;
	for (int i = 5; i < argc; i++) {
		if (!strcmp(argv[i], "--rounds") && i + 1 < argc) {
			rounds = atoi(argv[++i]);
		} else if (!strcmp(argv[i], "--ratio")) {
			ratio = argv + i + 1;
			break;
		} else if (i == 5 + nmod) {
			nmod++;
		}
	}
	if (rounds < 1)
		rounds = 1;
	int fails = 0;
	char out[4096];
	double last_best = 0;
	for (int m = 0; m < nmod; m++) {
		const char *base = strrchr(mods[m], '/') ? strrchr(mods[m], '/') + 1 : mods[m];
		snprintf(out, sizeof out, "%s/%s.o", outdir, base);
		char *cargv[] = {synth, "compile", "-o", out, mods[m], NULL};
		long code = code_size(mods[m]);
		Run r = run(cargv, mem_mb, timeout_s);
		if (!ok(&r)) {
			printf("FAIL: %s: %s (ceilings: %ld MB address space, %.0f s; %.2f s, peak RSS %.1f MB)\n", base,
			       r.timed_out ? "time ceiling exceeded"
			       : WIFSIGNALED(r.status) ? "killed by a signal"
			                               : "compile failed (out of memory under the cap?)",
			       mem_mb, timeout_s, r.secs, r.rss_kb / 1024.0);
			fails++;
			continue;
		}
		printf("%s: %.1f KB of code: %.2f s (CPU %.2f s), peak RSS %.1f MB, %.2f MB/s (%.2f MB/s of CPU time) "
		       "(ceilings %ld MB, %.0f s)\n", base, code / 1024.0, r.secs, r.cpu, r.rss_kb / 1024.0,
		       code / 1e6 / r.secs, code / 1e6 / r.cpu, mem_mb, timeout_s);
		last_best = r.secs;
	}
	if (ratio && *ratio && nmod && !fails) {
		/* like for like: both processes on the same file, alternately */
		const char *base = strrchr(mods[nmod - 1], '/') ? strrchr(mods[nmod - 1], '/') + 1 : mods[nmod - 1];
		snprintf(out, sizeof out, "%s/%s.o", outdir, base);
		char *cargv[] = {synth, "compile", "-o", out, mods[nmod - 1], NULL};
		double sbest = last_best, bbest = 1e9;
		long code = code_size(mods[nmod - 1]);
		for (int k = 0; k < rounds; k++) {
			Run b = run(ratio, 0, timeout_s), s = run(cargv, mem_mb, timeout_s);
			if (!ok(&b)) {
				printf("FAIL: baseline `%s` failed\n", ratio[0]);
				return 1;
			}
			if (!ok(&s)) {
				printf("FAIL: %s: compile failed or exceeded a ceiling in round %d\n", base, k + 1);
				return 1;
			}
			sbest = s.secs < sbest ? s.secs : sbest;
			bbest = b.secs < bbest ? b.secs : bbest;
		}
		printf("%s: compile %.2f MB/s of code (best of %d), `%s` %.2f MB/s: compile takes %.1fx the baseline's time\n",
		       base, code / 1e6 / sbest, rounds + 1, ratio[0], code / 1e6 / bbest, sbest / bbest);
	}
	return fails ? 1 : 0;
}
