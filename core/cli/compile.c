/* compile.c - `synth compile`: options, then libsynth's synth_compile(),
 * then the requested outputs written atomically (a temporary file renamed
 * into place, so a failed run never leaves a half-written file). The object,
 * header and requests are rewritten only when their contents change, so a
 * build tool with restat (Ninja) skips what depends on an unchanged output;
 * --depfile writes the inputs in Makefile syntax for it. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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
	"  --requests FILE      where to write the memory requests (default: OUT with\n"
	"                       .requests.json instead of .o); the region planner reads them\n"
	"  --emit=ir|mir|asm    print to stdout the SSA IR; the machine IR before and\n"
	"                       after register allocation; or the final code as an\n"
	"                       objdump-style listing (offsets, halfwords, GNU syntax,\n"
	"                       symbols for relocated operands, .L labels)\n"
	"  --after=PASS         with --emit=ir: the IR after optimizer pass PASS\n"
	"                       (lower: before the first; default: after the last)\n"
	"  --emit=firmware --board BOARD\n"
	"                       write a self-contained image for a board listed below\n"
	"                       (runtime start-up, instance set-up, then the export\n"
	"                       _start if any)\n"
	"  --bounds=trap|mask|none  memory bounds checks (default trap): trap checks\n"
	"                       every access exactly; mask wraps addresses in the\n"
	"                       memory's power-of-two reservation, and a wide access\n"
	"                       at its last bytes reaches up to 7 bytes past it, so it\n"
	"                       contains a module only under an MPU region boundary at\n"
	"                       the reservation's end (a planned layout; not synth run);\n"
	"                       none checks nothing (MPU-only builds)\n"
	"  --stack-check=software|hardware|none  how prologues guard the call stack\n"
	"                       (core/ABI.md, \"Stack checks\"): software (or global)\n"
	"                       compares sp with the runtime's __synth_stack_limit;\n"
	"                       hardware checks nothing in the code and relies on the\n"
	"                       runtime's MSPLIM/PSPLIM (ARMv8-M Mainline only; the\n"
	"                       object then needs __synth_hw_stack_limit, which only\n"
	"                       such a runtime defines); none checks nothing, for code\n"
	"                       in a protection domain whose stack region (and PSPLIM)\n"
	"                       bounds it. Default: hardware on cortex-m33, software\n"
	"                       on the others\n"
	"  --mem-cap [K=]BYTES  reserve at most BYTES for memory K, or for every memory\n"
	"                       without K (default 16 MiB; K/M suffixes; repeatable)\n"
	"  --mem-reserve BYTES  what a memory without a declared maximum reserves, so\n"
	"                       how far it can grow (default 1M; within the cap)\n"
	"  --depfile FILE       write the inputs of OUT in Makefile syntax (for Ninja\n"
	"                       and CMake DEPFILE); outputs are rewritten only when\n"
	"                       their contents change\n"
	"  -h, --help           show this help\n";

/* True when path exists and is not a regular file (/dev/stdout, a FIFO, a
 * terminal): it is written in place, never compared with its contents (a
 * read would block) nor replaced by a renamed temporary file. */
static bool not_regular(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 && !S_ISREG(sb.st_mode);
}

/* Writes data to path through a temporary file renamed into place (a
 * device or a FIFO is written directly). */
int cli_write_file(const char *path, const void *data, size_t size)
{
	if (not_regular(path)) {
		FILE *d = fopen(path, "wb");
		if (!d || fwrite(data, 1, size, d) != size || fclose(d) != 0) {
			fprintf(stderr, "%s: error: cannot write: %s\n", path, strerror(errno));
			return -1;
		}
		return 0;
	}
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

int cli_write_if_changed(const char *path, const void *data, size_t size)
{
	FILE *f = not_regular(path) ? NULL : fopen(path, "rb");
	if (f) {
		uint8_t *old = NULL;
		size_t oldn = 0;
		fclose(f);
		bool same = cli_read_file(path, &old, &oldn) == 0 && oldn == size && memcmp(old, data, size) == 0;
		free(old);
		if (same)
			return 0;
	}
	return cli_write_file(path, data, size);
}

/* Appends path to a depfile line: blanks and '#' escaped with a backslash,
 * '$' doubled (the escapes GNU make, Ninja and CMake read). */
static void dep_path(FILE *f, const char *path)
{
	for (const char *p = path; *p; p++) {
		if (*p == ' ' || *p == '\t' || *p == '#')
			fputc('\\', f);
		else if (*p == '$')
			fputc('$', f);
		fputc(*p, f);
	}
}

/* Writes "OUT: IN" to depfile (the module is the only input read). */
static int write_depfile(const char *depfile, const char *out, const char *in)
{
	char *text = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&text, &n);
	if (!f) {
		fprintf(stderr, "%s: error: out of memory\n", depfile);
		return -1;
	}
	dep_path(f, out);
	fputs(": ", f);
	dep_path(f, in);
	fputc('\n', f);
	if (fclose(f) != 0) {
		free(text);
		fprintf(stderr, "%s: error: out of memory\n", depfile);
		return -1;
	}
	int rc = cli_write_if_changed(depfile, text, n);
	free(text);
	return rc;
}

int cli_parse_cap(const char *opt, const char *v, uint64_t *caps, uint32_t ncaps, uint64_t *all)
{
	char *end;
	const char *eq = strchr(v, '=');
	unsigned long k = 0;
	if (eq) {
		k = strtoul(v, &end, 10);
		if (!caps) {
			fprintf(stderr, "synth: error: %s %s: applies to every memory, without K=\n", opt, v);
			return -1;
		}
		if (end != eq || k >= ncaps) {
			fprintf(stderr, "synth: error: %s %s: memory index must be below %u\n", opt, v, ncaps);
			return -1;
		}
		v = eq + 1;
	}
	unsigned long long c = strtoull(v, &end, 0);
	if (*end == 'K' || *end == 'k')
		c <<= 10, end++;
	else if (*end == 'M' || *end == 'm')
		c <<= 20, end++;
	if (*end || c == 0 || c > 0xffffffffull || *v == '-') {
		fprintf(stderr, "synth: error: %s takes %sBYTES from 1 to 4G-1, such as 65536, 256K%s\n", opt,
		        caps ? "[K=]" : "", caps ? " or 1=4K" : " or 4M");
		return -1;
	}
	if (eq)
		caps[k] = c;
	else
		*all = c;
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

/* Links the object with the runtime and a start-up driver into IMAGE. */
static int write_firmware(const char *board, const char *id, const SynthOutput *out, const SynthModuleDesc *d,
                          const char *image)
{
	char rt[4096], dir[4096], path[4200], tmpimg[4200];
	if (!cli_find_runtime(rt, sizeof rt)) {
		fprintf(stderr, "synth compile: error: the Synth runtime was not found (set SYNTH_RUNTIME_DIR)\n");
		return -1;
	}
	snprintf(dir, sizeof dir, "%s/synth-fw-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(dir)) {
		fprintf(stderr, "synth compile: error: cannot create a temporary folder: %s\n", strerror(errno));
		return -1;
	}
	int rc = -1;
	bool start = false;
	snprintf(tmpimg, sizeof tmpimg, "%s/image.elf", dir);
	for (uint32_t e = 0; e < d->nexports; e++) {
		const SynthExport *x = &d->exports[e];
		if (x->kind == SYNTH_EXTERN_FUNC && !strcmp(x->name.str, "_start")) {
			const SynthFuncType *t = &d->types[d->funcs[x->index].typeidx];
			start = !t->nparams && !t->nresults;
		}
	}
	snprintf(path, sizeof path, "%s/%s.o", dir, id);
	if (cli_write_file(path, out->object, out->object_size) != 0)
		goto done;
	snprintf(path, sizeof path, "%s/%s.h", dir, id);
	if (cli_write_file(path, out->header, strlen(out->header)) != 0)
		goto done;
	snprintf(path, sizeof path, "%s/driver.c", dir);
	FILE *f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "%s: error: cannot write: %s\n", path, strerror(errno));
		goto done;
	}
	fprintf(f, "/* Generated by synth compile --emit=firmware. */\n#include \"synth_rt.h\"\n#include \"%s.h\"\n\n"
	           "static void run(void *a)\n{\n\t(void)a;\n\t%s__init();\n",
	        id, id);
	if (start)
		fprintf(f, "\t%s__start();\n", id);
	fprintf(f, "}\n\nint main(void)\n{\n\treturn synth_rt_try(run, 0) ? 1 : 0;\n}\n");
	if (fclose(f) != 0)
		goto done;
	if (cli_link_image(rt, board, dir, id, tmpimg, 0) != 0)
		goto done;
	if (rename(tmpimg, image) != 0) {
		/* across file systems: copy */
		uint8_t *data;
		size_t size;
		if (cli_read_file(tmpimg, &data, &size) != 0)
			goto done;
		int w = cli_write_file(image, data, size);
		free(data);
		if (w != 0)
			goto done;
	}
	rc = 0;
done:
	snprintf(path, sizeof path, "%s/driver.c", dir);
	remove(path);
	remove(tmpimg);
	snprintf(path, sizeof path, "%s/%s.o", dir, id);
	remove(path);
	snprintf(path, sizeof path, "%s/%s.h", dir, id);
	remove(path);
	rmdir(dir);
	return rc;
}

int cli_compile(int argc, char **argv)
{
	SynthCompileOptions opt = {0};
	uint64_t caps[64] = {0};
	opt.mem_caps = caps;
	opt.nmem_caps = 64;
	const char *in = NULL, *outp = NULL, *header = NULL, *emit = NULL, *board = NULL, *reqp = NULL;
	const char *depfile = NULL;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(compile_usage, stdout);
			cli_print_boards(stdout);
			return 0;
		} else if (!strcmp(a, "--target") && v) {
			if (!synth_target_parse(v, &opt.target)) {
				fprintf(stderr, "synth compile: error: unknown target '%s' (see synth compile --help)\n", v);
				return 2;
			}
			i++;
		} else if (!strcmp(a, "-o") && v) {
			outp = v, i++;
		} else if (!strcmp(a, "--requests") && v) {
			reqp = v, i++;
		} else if (!strcmp(a, "--depfile") && v) {
			depfile = v, i++;
		} else if (!strcmp(a, "--board") && v) {
			board = v, i++;
		} else if (!strcmp(a, "--name") && v) {
			opt.name = v, i++;
		} else if (!strcmp(a, "--prefix") && v) {
			opt.prefix = v, i++;
		} else if (!strcmp(a, "--header") && v) {
			header = v, i++;
		} else if (!strcmp(a, "--mem-cap") && v) {
			if (cli_parse_cap(a, v, caps, 64, &opt.mem_cap) != 0)
				return 2;
			i++;
		} else if (!strcmp(a, "--mem-reserve") && v) {
			if (cli_parse_cap(a, v, NULL, 0, &opt.mem_reserve) != 0)
				return 2;
			i++;
		} else if (!strncmp(a, "--emit=", 7)) {
			emit = a + 7;
			if (strcmp(emit, "ir") && strcmp(emit, "mir") && strcmp(emit, "asm") && strcmp(emit, "firmware")) {
				fprintf(stderr, "synth compile: error: --emit takes ir, mir, asm or firmware\n");
				return 2;
			}
		} else if (!strncmp(a, "--after=", 8)) {
			opt.ir_after = a + 8;
		} else if (!strncmp(a, "--bounds=", 9)) {
			const char *b = a + 9;
			if (!strcmp(b, "trap")) opt.bounds = SYNTH_BOUNDS_TRAP;
			else if (!strcmp(b, "mask")) opt.bounds = SYNTH_BOUNDS_MASK;
			else if (!strcmp(b, "none")) opt.bounds = SYNTH_BOUNDS_NONE;
			else {
				fprintf(stderr, "synth compile: error: --bounds takes trap, mask or none\n");
				return 2;
			}
		} else if (!strncmp(a, "--stack-check=", 14)) {
			const char *b = a + 14;
			if (!strcmp(b, "software") || !strcmp(b, "global")) opt.stack_check = SYNTH_STACK_CHECK_GLOBAL;
			else if (!strcmp(b, "hardware")) opt.stack_check = SYNTH_STACK_CHECK_HARDWARE;
			else if (!strcmp(b, "none")) opt.stack_check = SYNTH_STACK_CHECK_NONE;
			else {
				fprintf(stderr, "synth compile: error: --stack-check takes software, hardware or none "
				                "(global is software)\n");
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
	bool firmware = emit && !strcmp(emit, "firmware");
	if (firmware) {
		if (!board || !cli_board_target(board, &opt.target) || !outp) {
			fprintf(stderr, "synth compile: error: --emit=firmware needs --board BOARD and -o IMAGE.elf\n");
			cli_print_boards(stderr);
			return 2;
		}
		opt.want_header = true;
	}
	if (opt.stack_check == SYNTH_STACK_CHECK_HARDWARE && opt.target != SYNTH_TARGET_CORTEX_M33) {
		fprintf(stderr, "synth compile: error: --stack-check=hardware needs a core with a stack limit "
		                "register (ARMv8-M Mainline: --target cortex-m33)\n");
		return 2;
	}
	char *id = opt.name ? NULL : stem_id(in);
	if (!opt.name)
		opt.name = id;
	opt.want_ir = emit && !strcmp(emit, "ir");
	opt.want_asm = emit && !strcmp(emit, "asm");
	opt.want_mir = emit && !strcmp(emit, "mir");
	opt.want_header = header != NULL || firmware;
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
		rc = cli_status_exit(d->status);
		goto done;
	}
	if (out.ir)
		fputs(out.ir, stdout);
	if (out.listing)
		fputs(out.listing, stdout);
	if (firmware) {
		if (write_firmware(board, opt.name, &out, synth_module_desc(mod), outp) != 0)
			goto done;
	} else if (outp && out.object) {
		if (cli_write_if_changed(outp, out.object, out.object_size) != 0)
			goto done;
		char defreq[4200];
		if (!reqp) {
			size_t n = strlen(outp);
			if (n > 2 && !strcmp(outp + n - 2, ".o"))
				n -= 2;
			snprintf(defreq, sizeof defreq, "%.*s.requests.json", (int)n, outp);
			reqp = defreq;
		}
		if (cli_write_if_changed(reqp, out.requests, strlen(out.requests)) != 0)
			goto done;
	}
	if (header && out.header && cli_write_if_changed(header, out.header, strlen(out.header)) != 0)
		goto done;
	if (depfile && write_depfile(depfile, outp ? outp : header, in) != 0)
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
