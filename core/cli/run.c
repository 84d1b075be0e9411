/* run.c - `synth run`: compile a module for a QEMU board, link it with the
 * MCU runtime and a generated driver that calls the requested exports, run
 * it under qemu-system-arm and print `NAME(ARGS) => TYPE:VALUE` per call
 * (or `NAME(ARGS) => trap: MESSAGE`), the way wasm-interp does.
 *
 * The runtime is looked up next to the synth binary: <bindir>/runtime (the
 * build tree) or <bindir>/../share/synth/runtime (installed), unless
 * SYNTH_RUNTIME_DIR names it. The cross compiler is arm-none-eabi-gcc (or
 * $SYNTH_CROSS_CC). */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "synth/synth.h"
#include "../boards/boards.h"

static const char run_usage[] =
	"usage: synth run --board BOARD FILE.wasm --invoke NAME [ARG...]\n"
	"       synth run --board BOARD FILE.wasm --run-all-exports\n"
	"\n"
	"Compiles the module for the board's core, links it with the Synth runtime,\n"
	"runs it under qemu-system-arm and prints NAME(ARGS) => TYPE:VALUE for each\n"
	"call (TYPE:VALUE, TYPE:VALUE... for several results), or NAME(ARGS) => trap:\n"
	"MESSAGE. Exits 1 when a call traps or on any error, 3 when the module uses a\n"
	"feature Synth refuses (named in the message), 2 on a usage error.\n"
	"\n"
	"options:\n"
	"  --board B           a board listed below (default mps2-an385)\n"
	"  --target CORE       compile for CORE instead of the board's own (cortex-m7,\n"
	"                      single precision, on mps2-an500)\n"
	"  --invoke NAME       call export NAME; ARGs are numbers (or TYPE:VALUE); a float\n"
	"                      is a decimal or its bits as 0x...; float results print as bits\n"
	"  --run-all-exports   call every exported function without parameters\n"
	"  --timeout S         wall-clock limit for the emulator (default 20)\n"
	"  --keep DIR          keep the generated files (driver, object, image) in DIR\n"
	"  --stack BYTES       main stack size (default 256K; deep recursion needs more)\n"
	"  --bounds=trap|mask|none  memory bounds mode (see synth compile --help)\n"
	"  --stack-check=software|hardware  prologue stack checks (see synth compile\n"
	"                      --help; default hardware on the mps2-an505, software on\n"
	"                      the others)\n"
	"  --mem-cap [K=]BYTES reserve at most BYTES for memory K (or every memory)\n"
	"  --mem-reserve BYTES what a memory without a maximum reserves (default 1M)\n"
	"  --count             run with exact instruction counting (QEMU -icount) and\n"
	"                      print each call's instructions after its result\n"
	"  -h, --help          show this help\n";

bool cli_board_target(const char *board, SynthTarget *target)
{
	const SynthBoard *b = synth_board_find(board);
	return b && synth_target_parse(b->core, target);
}

void cli_print_boards(FILE *f)
{
	fputs("\nboards (core/boards/boards.def):\n", f);
	const SynthBoard *b;
	for (size_t i = 0; (b = synth_board_at(i)) != NULL; i++)
		fprintf(f, "  %-12s %-12s %s (%s, %u regions)\n", b->name, b->core, b->description, b->mpu,
		        b->mpu_regions);
}

/* Runs argv, waits; returns its exit status (or 127/128+signal). */
static int run_cmd(char *const *argv, bool quiet)
{
	pid_t pid = fork();
	if (pid < 0)
		return 127;
	if (pid == 0) {
		if (quiet) {
			FILE *n = freopen("/dev/null", "w", stdout);
			(void)n;
		}
		execvp(argv[0], argv);
		fprintf(stderr, "synth run: error: cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return 127;
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return 128 + WTERMSIG(status);
}

static bool is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Finds the runtime folder (holding <board>/, include/, qemu-run.sh). */
bool cli_find_runtime(char *out, size_t n)
{
	const char *env = getenv("SYNTH_RUNTIME_DIR");
	if (env) {
		snprintf(out, n, "%s", env);
		return is_dir(out);
	}
	char exe[PATH_MAX];
	ssize_t k = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (k <= 0)
		return false;
	exe[k] = 0;
	char *slash = strrchr(exe, '/');
	if (!slash)
		return false;
	*slash = 0;
	snprintf(out, n, "%s/runtime", exe);
	if (is_dir(out))
		return true;
	snprintf(out, n, "%s/../share/synth/runtime", exe);
	return is_dir(out);
}

static const char *ctype(uint8_t t)
{
	switch (t) {
	case SYNTH_I32: return "int32_t";
	case SYNTH_I64: return "int64_t";
	case SYNTH_F32: return "float";
	case SYNTH_F64: return "double";
	default: return "uint32_t";
	}
}

/* Parses an argument of type t ("5", "-1", "0x10", "i32:5"). */
static bool parse_arg(const char *s, uint8_t t, char *out, size_t n)
{
	const char *colon = strchr(s, ':');
	if (colon)
		s = colon + 1;
	errno = 0;
	char *end;
	if (t == SYNTH_I32 || t == SYNTH_I64) {
		if (*s == '-') {
			long long v = strtoll(s, &end, 0);
			if (errno || *end || (t == SYNTH_I32 && v < INT32_MIN))
				return false;
			snprintf(out, n, "(%s)%lldLL", ctype(t), v);
		} else {
			unsigned long long v = strtoull(s, &end, 0);
			if (errno || *end || (t == SYNTH_I32 && v > UINT32_MAX))
				return false;
			snprintf(out, n, "(%s)%lluULL", ctype(t), v);
		}
		return true;
	}
	if (t == SYNTH_F32 || t == SYNTH_F64) {
		/* a decimal, or the bits as 0x... (exact, NaN payloads included) */
		if (!strncmp(s, "0x", 2) && strlen(s) > 2 && !strchr(s, '.') && !strchr(s, 'p')) {
			unsigned long long v = strtoull(s, &end, 16);
			if (errno || *end)
				return false;
			snprintf(out, n, t == SYNTH_F32 ? "((union{uint32_t b; float f;}){.b = %lluu}).f"
			                                : "((union{uint64_t b; double f;}){.b = %lluull}).f", v);
			return true;
		}
		double v = strtod(s, &end);
		if (end == s || *end)
			return false;
		/* passed as its bits: a C literal of "%g" is not one for 2 ("2f"),
		 * inf or nan */
		unsigned long long bits;
		if (t == SYNTH_F32) {
			float fv = (float)v;
			uint32_t b32;
			memcpy(&b32, &fv, sizeof b32);
			bits = b32;
		} else {
			memcpy(&bits, &v, sizeof bits);
		}
		snprintf(out, n, t == SYNTH_F32 ? "((union{uint32_t b; float f;}){.b = %lluu}).f"
		                                : "((union{uint64_t b; double f;}){.b = %lluull}).f", bits);
		return true;
	}
	return false;
}

/* Writes the driver's statements printing one result, the C expression
 * val of wasm type t, after sep, as wasm-interp prints it (TYPE:VALUE;
 * floats as their bits). */
static void write_print_value(FILE *f, uint8_t t, const char *val, const char *sep)
{
	fprintf(f, "\tsynth_rt_print(\"%s%s:\");\n", sep, synth_valtype_name(t));
	if (t == SYNTH_F32)
		fprintf(f, "\t{\n\t\tuint32_t b;\n\t\t__builtin_memcpy(&b, &%s, 4);\n\t\tsynth_rt_print_hex32(b);\n\t}\n", val);
	else if (t == SYNTH_F64)
		fprintf(f, "\t{\n\t\tuint64_t b;\n\t\t__builtin_memcpy(&b, &%s, 8);\n\t\tsynth_rt_print_hex64(b);\n\t}\n", val);
	else if (t == SYNTH_I64)
		fprintf(f, "\tsynth_rt_print_u64((uint64_t)%s);\n", val);
	else
		fprintf(f, "\tsynth_rt_print_u32((uint32_t)%s);\n", val);
}

/* Writes the C driver calling the selected exports. */
static bool write_driver(FILE *f, const SynthModuleDesc *d, const char *id, const char *invoke,
                         char **args, int nargs, bool all, bool count)
{
	char prefix[300], sym[700];
	snprintf(prefix, sizeof prefix, "%s_", id);
	fprintf(f, "/* Generated by synth run. */\n#include <stdint.h>\n#include \"synth_rt.h\"\n#include \"%s.h\"\n\n", id);
	fprintf(f, "static void init(void *a) { (void)a; %s__init(); }\n\n", id);
	int ncalls = 0;
	for (uint32_t e = 0; e < d->nexports; e++) {
		const SynthExport *x = &d->exports[e];
		if (x->kind != SYNTH_EXTERN_FUNC)
			continue;
		const SynthFuncType *t = &d->types[d->funcs[x->index].typeidx];
		if (all ? t->nparams != 0 : strcmp(x->name.str, invoke) != 0)
			continue;
		if (!all && (int)t->nparams != nargs) {
			fprintf(stderr, "synth run: error: %s takes %u argument(s), %d given\n", invoke, t->nparams, nargs);
			return false;
		}
		if (!synth_export_symbol(prefix, &x->name, sym, sizeof sym)) {
			fprintf(stderr, "synth run: error: export name too long\n");
			return false;
		}
		/* Several results come back through a struct whose address is the
		 * hidden first argument (core/ABI.md). */
		fprintf(f, "static void call%d(void *a)\n{\n\t(void)a;\n", ncalls);
		if (t->nresults > 1)
			fprintf(f, "\t%s_results r;\n", sym);
		fprintf(f, "\t%s", count ? "synth_rt_counter_start();\n\t" : "");
		if (t->nresults == 1)
			fprintf(f, "%s r0 = ", ctype(t->results[0]));
		fprintf(f, "%s(%s", sym, t->nresults > 1 ? "&r" : "");
		for (uint32_t i = 0; i < t->nparams; i++) {
			char v[64];
			if (!parse_arg(args[i], t->params[i], v, sizeof v)) {
				fprintf(stderr, "synth run: error: argument %u of %s: '%s' is not a valid %s\n", i + 1,
				        invoke, args[i], synth_valtype_name(t->params[i]));
				return false;
			}
			fprintf(f, "%s%s", i || t->nresults > 1 ? ", " : "", v);
		}
		fprintf(f, ");\n");
		if (count)
			fprintf(f, "\tuint32_t insns = synth_rt_counter_insns();\n");
		for (uint32_t k = 0; k < t->nresults; k++) {
			char val[32];
			snprintf(val, sizeof val, t->nresults > 1 ? "r.r%u" : "r0", k);
			write_print_value(f, t->results[k], val, k ? ", " : " ");
		}
		if (count)
			fprintf(f, "\tsynth_rt_print(\"  [\");\n\tsynth_rt_print_u32(insns);\n\tsynth_rt_print(\" instructions]\\n\");\n");
		else
			fprintf(f, "\tsynth_rt_print(\"\\n\");\n");
		fprintf(f, "}\n\n");
		/* the label printed before the call */
		fprintf(f, "static const char label%d[] = \"", ncalls);
		for (const char *p = x->name.str; *p; p++)
			fprintf(f, (*p == '"' || *p == '\\') ? "\\%c" : (*p < 32 || *p > 126) ? "\\x%02x\" \"" : "%c",
			        (unsigned char)*p);
		fprintf(f, "(");
		for (uint32_t i = 0; i < t->nparams; i++) {
			const char *v = strchr(args[i], ':') ? strchr(args[i], ':') + 1 : args[i];
			fprintf(f, "%s%s:%s", i ? ", " : "", synth_valtype_name(t->params[i]), v);
		}
		fprintf(f, ") =>\";\n\n");
		ncalls++;
	}
	if (!ncalls && !all) {
		fprintf(stderr, "synth run: error: the module exports no function '%s'\n", invoke);
		return false;
	}
	fprintf(f, "static int report(int code)\n{\n\tif (code) {\n\t\tsynth_rt_print(\" trap: \");\n"
	           "\t\tsynth_rt_print(synth_rt_trap_message(code));\n\t\tsynth_rt_print(\"\\n\");\n\t}\n"
	           "\treturn code != 0;\n}\n\n");
	fprintf(f, "int main(void)\n{\n\tint traps = 0;\n\tsynth_rt_trap_quiet = 1;\n");
	fprintf(f, "\tint code = synth_rt_try(init, 0);\n\tif (code) {\n\t\tsynth_rt_print(\"instantiation =>\");\n"
	           "\t\treport(code);\n\t\treturn 1;\n\t}\n");
	for (int c = 0; c < ncalls; c++)
		fprintf(f, "\tsynth_rt_print(label%d);\n\ttraps += report(synth_rt_try(call%d, 0));\n", c, c);
	fprintf(f, "\treturn traps ? 1 : 0;\n}\n");
	return !ferror(f);
}

int cli_link_image(const char *rt, const char *board, const char *dir, const char *id, const char *elf,
                   uint32_t stack)
{
	char path[PATH_MAX + 64];
	/* Link: board flags from the runtime's .cflags file. */
	char cflags[512] = "";
	snprintf(path, sizeof path, "%s/%s/synth-rt-%s.cflags", rt, board, board);
	FILE *cf = fopen(path, "r");
	if (!cf || !fgets(cflags, sizeof cflags, cf)) {
		fprintf(stderr, "synth: error: %s: cannot read the board's compiler flags\n", path);
		if (cf)
			fclose(cf);
		return -1;
	}
	fclose(cf);
	cflags[strcspn(cflags, "\r\n")] = 0;
	char *cargv[64];
	int ca = 0;
	const char *cc = getenv("SYNTH_CROSS_CC") ? getenv("SYNTH_CROSS_CC") : "arm-none-eabi-gcc";
	cargv[ca++] = (char *)cc;
	for (char *tok = strtok(cflags, " "); tok && ca < 40; tok = strtok(NULL, " "))
		cargv[ca++] = tok;
	char inc[PATH_MAX + 8], ld[PATH_MAX + 64], lib[PATH_MAX + 64], drv[PATH_MAX + 16], obj[PATH_MAX + 16],
	     incdir[PATH_MAX + 8];
	snprintf(inc, sizeof inc, "-I%s/include", rt);
	snprintf(incdir, sizeof incdir, "-I%s", dir);
	snprintf(ld, sizeof ld, "-T%s/%s/synth-rt-%s.ld", rt, board, board);
	snprintf(lib, sizeof lib, "%s/%s/libsynth-rt-%s.a", rt, board, board);
	snprintf(drv, sizeof drv, "%s/driver.c", dir);
	snprintf(obj, sizeof obj, "%s/%s.o", dir, id);
	char *rest[] = {"-O1", "-ffreestanding", "-nostdlib", "-nostartfiles", inc, incdir, ld, drv, obj, lib,
	                "-lgcc", "-o", (char *)elf, NULL};
	for (int k = 0; rest[k]; k++)
		cargv[ca++] = rest[k];
	char defsym[64];
	if (stack) {
		/* the runtime's linker script sizes STACK from this, and the
		 * stack fills it (no planned layout here to keep to the registry's) */
		snprintf(defsym, sizeof defsym, "-Wl,--defsym=__synth_stack_region=%lu", (unsigned long)stack);
		cargv[ca++] = defsym;
	}
	cargv[ca] = NULL;
	if (run_cmd(cargv, false) != 0) {
		fprintf(stderr, "synth: error: linking with %s failed\n", cc);
		return -1;
	}
	return 0;
}

int cli_run(int argc, char **argv)
{
	const char *board = "mps2-an385", *file = NULL, *invoke = NULL, *keep = NULL, *timeout = "20";
	const char *target_name = NULL;
	bool all = false, count = false;
	SynthBounds bounds = SYNTH_BOUNDS_TRAP;
	SynthStackCheck stack_check = SYNTH_STACK_CHECK_DEFAULT;
	uint64_t caps[64] = {0};
	uint64_t cap_all = 0;
	uint64_t reserve = 0;
	uint32_t stack = 0;
	char **args = NULL;
	int nargs = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(run_usage, stdout);
			cli_print_boards(stdout);
			return 0;
		} else if (!strcmp(a, "--board") && v) {
			board = v, i++;
		} else if (!strcmp(a, "--target") && v) {
			target_name = v, i++;
		} else if (!strcmp(a, "--invoke") && v) {
			invoke = v, i++;
			args = argv + i + 1;
			while (i + 1 < argc && (argv[i + 1][0] != '-' || (argv[i + 1][1] >= '0' && argv[i + 1][1] <= '9')) &&
			       !(file == NULL && strstr(argv[i + 1], ".wasm"))) {
				i++;
				nargs++;
			}
		} else if (!strncmp(a, "--stack-check=", 14)) {
			if (!strcmp(a + 14, "software") || !strcmp(a + 14, "global")) stack_check = SYNTH_STACK_CHECK_GLOBAL;
			else if (!strcmp(a + 14, "hardware")) stack_check = SYNTH_STACK_CHECK_HARDWARE;
			else {
				fprintf(stderr, "synth run: error: --stack-check takes software or hardware\n");
				return 2;
			}
		} else if (!strncmp(a, "--bounds=", 9)) {
			if (!strcmp(a + 9, "trap")) bounds = SYNTH_BOUNDS_TRAP;
			else if (!strcmp(a + 9, "mask")) bounds = SYNTH_BOUNDS_MASK;
			else if (!strcmp(a + 9, "none")) bounds = SYNTH_BOUNDS_NONE;
			else {
				fprintf(stderr, "synth run: error: --bounds takes trap, mask or none\n");
				return 2;
			}
		} else if (!strcmp(a, "--count")) {
			count = true;
		} else if (!strcmp(a, "--mem-cap") && v) {
			if (cli_parse_cap(a, v, caps, 64, &cap_all) != 0)
				return 2;
			i++;
		} else if (!strcmp(a, "--mem-reserve") && v) {
			if (cli_parse_cap(a, v, NULL, 0, &reserve) != 0)
				return 2;
			i++;
		} else if (!strcmp(a, "--run-all-exports")) {
			all = true;
		} else if (!strcmp(a, "--keep") && v) {
			keep = v, i++;
		} else if (!strcmp(a, "--timeout") && v) {
			timeout = v, i++;
		} else if (!strcmp(a, "--stack") && v) {
			uint64_t s = 0;
			if (cli_parse_cap(a, v, NULL, 0, &s) != 0)
				return 2;
			if (s % 8 || s < 4096) {
				fprintf(stderr, "synth run: error: --stack %s: a multiple of 8 bytes, at least 4K\n", v);
				return 2;
			}
			stack = (uint32_t)s;
			i++;
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "synth run: error: unknown or incomplete option '%s'\n", a);
			return 2;
		} else if (!file) {
			file = a;
		} else {
			fprintf(stderr, "synth run: error: unexpected argument '%s' (arguments follow --invoke NAME)\n", a);
			return 2;
		}
	}
	if (!file || (!invoke && !all) || (invoke && all)) {
		fputs(run_usage, stderr);
		return 2;
	}
	SynthTarget target = SYNTH_TARGET_CORTEX_M3;
	const SynthBoard *bd = synth_board_find(board);
	if (!cli_board_target(board, &target) || !bd) {
		fprintf(stderr, "synth run: error: unknown board '%s' (see synth run --help)\n", board);
		return 2;
	}
	if (target_name) {
		/* another core's code the board runs with the same float ABI: the
		 * single-precision cortex-m7 on the double-precision one */
		SynthTarget t;
		if (!synth_target_parse(target_name, &t)) {
			fprintf(stderr, "synth run: error: unknown target '%s'\n", target_name);
			return 2;
		}
		if (t != target && !(t == SYNTH_TARGET_CORTEX_M7 && target == SYNTH_TARGET_CORTEX_M7DP)) {
			fprintf(stderr, "synth run: error: %s cannot run code for %s (its core or float ABI differs)\n",
			        board, target_name);
			return 2;
		}
		target = t;
	}
	if (stack_check == SYNTH_STACK_CHECK_HARDWARE && target != SYNTH_TARGET_CORTEX_M33) {
		fprintf(stderr, "synth run: error: --stack-check=hardware needs a core with a stack limit register "
		                "(ARMv8-M Mainline: the mps2-an505)\n");
		return 2;
	}
	char rt[PATH_MAX];
	if (!cli_find_runtime(rt, sizeof rt)) {
		fprintf(stderr, "synth run: error: the Synth runtime was not found (set SYNTH_RUNTIME_DIR)\n");
		return 1;
	}
	int rc = 1;
	uint8_t *data = NULL;
	size_t size;
	SynthContext *ctx = synth_context_new(NULL, NULL);
	SynthModule *mod = NULL;
	SynthOutput out = {0};
	char dir[PATH_MAX] = "";
	char path[PATH_MAX + 64];
	FILE *f = NULL;
	if (!ctx || cli_read_file(file, &data, &size) != 0)
		goto done;
	const char *id = "m";
	SynthCompileOptions opt = {.target = target, .name = id, .want_header = true, .bounds = bounds,
	                           .stack_check = stack_check,
	                           .mem_cap = cap_all, .mem_caps = caps, .nmem_caps = 64,
	                           .mem_reserve = reserve};
	if (synth_module_load(ctx, data, size, NULL, &mod) != SYNTH_OK ||
	    synth_compile(ctx, mod, &opt, &out) != SYNTH_OK) {
		const SynthDiag *dg = synth_context_diag(ctx);
		fprintf(stderr, "%s:0x%" PRIx64 ": error: %s", file, dg->offset, dg->message);
		if (dg->funcidx >= 0)
			fprintf(stderr, " (in function %" PRId64 ")", dg->funcidx);
		fputc('\n', stderr);
		rc = cli_status_exit(dg->status);
		goto done;
	}
	/* synth run has no host to provide imports: say which, instead of a
	 * link error about a mangled symbol. */
	const SynthModuleDesc *md = synth_module_desc(mod);
	if (md->nimports) {
		fprintf(stderr, "%s: error: the module imports %u item(s), which synth run cannot provide "
		        "(first: %s \"%s\".\"%s\"); link it with C code instead (synth compile --header)\n",
		        file, md->nimports, synth_extern_kind_name(md->imports[0].kind), md->imports[0].module.str,
		        md->imports[0].name.str);
		goto done;
	}
	if (keep) {
		snprintf(dir, sizeof dir, "%s", keep);
		mkdir(dir, 0777);
	} else {
		snprintf(dir, sizeof dir, "%s/synth-run-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
		if (!mkdtemp(dir)) {
			fprintf(stderr, "synth run: error: cannot create a temporary folder: %s\n", strerror(errno));
			dir[0] = 0;
			goto done;
		}
	}
	snprintf(path, sizeof path, "%s/%s.o", dir, id);
	if (cli_write_file(path, out.object, out.object_size) != 0)
		goto done;
	snprintf(path, sizeof path, "%s/%s.h", dir, id);
	if (cli_write_file(path, out.header, strlen(out.header)) != 0)
		goto done;
	snprintf(path, sizeof path, "%s/driver.c", dir);
	f = fopen(path, "w");
	if (!f || !write_driver(f, synth_module_desc(mod), id, invoke, args, nargs, all, count))
		goto done;
	if (fclose(f) != 0) {
		f = NULL;
		goto done;
	}
	f = NULL;
	snprintf(path, sizeof path, "%s/image.elf", dir);
	if (cli_link_image(rt, board, dir, id, path, stack) != 0)
		goto done;
	char runner[PATH_MAX + 16];
	snprintf(runner, sizeof runner, "%s/qemu-run.sh", rt);
	char *qargv[] = {"sh", runner, (char *)bd->machine, path, (char *)timeout, NULL, NULL};
	if (count) {
		qargv[2] = "--icount";
		qargv[3] = (char *)bd->machine;
		qargv[4] = path;
		qargv[5] = (char *)timeout;
	}
	fflush(stdout);
	int q = run_cmd(qargv, false);
	rc = q;
done:
	if (f)
		fclose(f);
	if (dir[0] && !keep) {
		const char *names[] = {"m.o", "m.h", "driver.c", "image.elf"};
		for (size_t k = 0; k < 4; k++) {
			snprintf(path, sizeof path, "%s/%s", dir, names[k]);
			remove(path);
		}
		rmdir(dir);
	}
	if (ctx)
		synth_output_free(ctx, &out);
	synth_module_free(mod);
	synth_context_free(ctx);
	free(data);
	return rc;
}
