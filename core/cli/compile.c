/* compile.c - `synth compile`: options, then libsynth's synth_compile(),
 * then the requested outputs written atomically (a temporary file renamed
 * into place, so a failed run never leaves a half-written file). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "synth/synth.h"

static const char compile_usage[] =
	"usage: synth compile [OPTIONS] -o OUT.o IN.wasm\n"
	"\n"
	"Compiles a WebAssembly module to a Thumb-2 ELF32 relocatable object.\n"
	"\n"
	"options:\n"
	"  --target CORE        cortex-m3 (default), cortex-m4, cortex-m4f, cortex-m7,\n"
	"                       cortex-m7dp, cortex-m33\n"
	"  -o FILE              the object to write\n"
	"  --name ID            module identifier used in symbol names (default: the\n"
	"                       input file's stem)\n"
	"  --prefix P           prefix of exported function symbols (default: ID_)\n"
	"  --header FILE.h      also write a C header for exports, imports and set-up\n"
	"  --emit=ir|mir|asm    print the SSA IR, the machine IR before register\n"
	"                       allocation, or the final listing to stdout\n"
	"  --bounds=trap|mask|none  memory bounds checks (default trap)\n"
	"  --mem-cap BYTES      reserve at most BYTES per memory (default 16 MiB; K/M suffixes)\n"
	"  -h, --help           show this help\n";

/* Writes data to path through a temporary file renamed into place. */
int cli_write_file(const char *path, const void *data, size_t size)
{
	size_t n = strlen(path);
	char *tmp = malloc(n + 16);
	if (!tmp) {
		fprintf(stderr, "%s: error: out of memory\n", path);
		return -1;
	}
	snprintf(tmp, n + 16, "%s.tmp%ld", path, (long)getpid());
	FILE *f = fopen(tmp, "wb");
	if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0) {
		fprintf(stderr, "%s: error: cannot write: %s\n", path, strerror(errno));
		if (f)
			remove(tmp);
		free(tmp);
		return -1;
	}
	if (rename(tmp, path) != 0) {
		fprintf(stderr, "%s: error: cannot write: %s\n", path, strerror(errno));
		remove(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	return 0;
}

/* Derives a C identifier from a file name's stem. */
static char *stem_id(const char *path)
{
	const char *b = strrchr(path, '/');
	b = b ? b + 1 : path;
	size_t n = strcspn(b, ".");
	char *id = malloc(n + 2);
	if (!id)
		return NULL;
	size_t k = 0;
	if (n == 0 || (b[0] >= '0' && b[0] <= '9'))
		id[k++] = 'm';
	for (size_t i = 0; i < n; i++) {
		char c = b[i];
		id[k++] = ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) ? c : '_';
	}
	id[k] = 0;
	return id;
}

int cli_compile(int argc, char **argv)
{
	SynthCompileOptions opt = {0};
	const char *in = NULL, *outp = NULL, *header = NULL, *emit = NULL;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(compile_usage, stdout);
			return 0;
		} else if (!strcmp(a, "--target") && v) {
			if (!synth_target_parse(v, &opt.target)) {
				fprintf(stderr, "synth compile: error: unknown target '%s' (see synth compile --help)\n", v);
				return 2;
			}
			i++;
		} else if (!strcmp(a, "-o") && v) {
			outp = v, i++;
		} else if (!strcmp(a, "--name") && v) {
			opt.name = v, i++;
		} else if (!strcmp(a, "--prefix") && v) {
			opt.prefix = v, i++;
		} else if (!strcmp(a, "--header") && v) {
			header = v, i++;
		} else if (!strcmp(a, "--mem-cap") && v) {
			char *end;
			unsigned long long c = strtoull(v, &end, 0);
			if (*end == 'K' || *end == 'k')
				c <<= 10, end++;
			else if (*end == 'M' || *end == 'm')
				c <<= 20, end++;
			if (*end || c == 0) {
				fprintf(stderr, "synth compile: error: --mem-cap takes a byte count such as 65536 or 256K\n");
				return 2;
			}
			opt.mem_cap = c;
			i++;
		} else if (!strncmp(a, "--emit=", 7)) {
			emit = a + 7;
			if (strcmp(emit, "ir") && strcmp(emit, "mir") && strcmp(emit, "asm")) {
				fprintf(stderr, "synth compile: error: --emit takes ir, mir or asm\n");
				return 2;
			}
		} else if (!strncmp(a, "--bounds=", 9)) {
			const char *b = a + 9;
			if (!strcmp(b, "trap")) opt.bounds = SYNTH_BOUNDS_TRAP;
			else if (!strcmp(b, "mask")) opt.bounds = SYNTH_BOUNDS_MASK;
			else if (!strcmp(b, "none")) opt.bounds = SYNTH_BOUNDS_NONE;
			else {
				fprintf(stderr, "synth compile: error: --bounds takes trap, mask or none\n");
				return 2;
			}
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "synth compile: error: unknown or incomplete option '%s'\n", a);
			return 2;
		} else if (in) {
			fprintf(stderr, "synth compile: error: one input module at a time\n");
			return 2;
		} else {
			in = a;
		}
	}
	if (!in || (!outp && !emit && !header)) {
		fputs(compile_usage, stderr);
		return 2;
	}
	char *id = opt.name ? NULL : stem_id(in);
	if (!opt.name)
		opt.name = id;
	opt.want_ir = emit && !strcmp(emit, "ir");
	opt.want_asm = emit && !strcmp(emit, "asm");
	opt.want_mir = emit && !strcmp(emit, "mir");
	opt.want_header = header != NULL;
	int rc = 1;
	SynthContext *ctx = synth_context_new(NULL, NULL);
	uint8_t *data = NULL;
	size_t size;
	SynthModule *mod = NULL;
	SynthOutput out = {0};
	if (!ctx || !opt.name) {
		fputs("synth: error: out of memory\n", stderr);
		goto done;
	}
	if (cli_read_file(in, &data, &size) != 0)
		goto done;
	if (synth_module_load(ctx, data, size, NULL, &mod) != SYNTH_OK ||
	    synth_compile(ctx, mod, &opt, &out) != SYNTH_OK) {
		const SynthDiag *d = synth_context_diag(ctx);
		fprintf(stderr, "%s:0x%llx: error: %s", in, (unsigned long long)d->offset, d->message);
		if (d->funcidx >= 0)
			fprintf(stderr, " (in function %lld)", (long long)d->funcidx);
		fputc('\n', stderr);
		goto done;
	}
	if (out.ir)
		fputs(out.ir, stdout);
	if (out.listing)
		fputs(out.listing, stdout);
	if (outp && out.object && cli_write_file(outp, out.object, out.object_size) != 0)
		goto done;
	if (header && out.header && cli_write_file(header, out.header, strlen(out.header)) != 0)
		goto done;
	rc = 0;
done:
	if (ctx)
		synth_output_free(ctx, &out);
	synth_module_free(mod);
	synth_context_free(ctx);
	free(data);
	free(id);
	return rc;
}
