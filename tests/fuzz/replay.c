/* replay.c - runs a fuzz target's entry point over files (crash
 * regressions and seeds) without libFuzzer, for ordinary and sanitizer
 * builds. Usage: replay FILE... (at least one: a replay of nothing, say an
 * empty glob, fails instead of passing). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
	int n = 0;
	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE...: no input to replay\n", argv[0]);
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		if (!f) {
			perror(argv[i]);
			return 1;
		}
		size_t cap = 1 << 16, len = 0;
		uint8_t *buf = malloc(cap);
		size_t got;
		while (buf && (got = fread(buf + len, 1, cap - len, f)) > 0) {
			len += got;
			if (len == cap)
				buf = realloc(buf, cap *= 2);
		}
		fclose(f);
		if (!buf)
			return 1;
		LLVMFuzzerTestOneInput(buf, len);
		free(buf);
		n++;
	}
	printf("replayed %d input(s) without a crash\n", n);
	return 0;
}
