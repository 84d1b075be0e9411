/* main.c - the synth command: parses the subcommand and dispatches. Each
 * subcommand lives in its own file and only parses arguments, calls
 * libsynth and prints; the library itself never prints. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "synth/synth.h"

static const char usage[] =
	"usage: synth COMMAND [OPTIONS] [ARGS]\n"
	"\n"
	"Synth compiles WebAssembly modules ahead of time for Arm Cortex-M.\n"
	"\n"
	"commands:\n"
	"  validate FILE...        decode and validate modules\n"
	"  inspect FILE [--json]   list what a module declares\n"
	"  compile -o OUT.o IN.wasm  compile to a Thumb-2 ELF object (synth compile --help)\n"
	"  run --board B FILE.wasm --invoke NAME [ARGS]  run an export under QEMU\n"
	"  glue -o OUT.c NAME=FILE.wasm...  C glue running modules as protection domains\n"
#ifdef SYNTH_HAVE_PLAN
	"  plan ...                plan MPU/PMP regions for memories (synth plan --help)\n"
	"  layout export|check|diff ... export, check or compare accepted layouts (synth layout --help)\n"
#endif
#ifdef SYNTH_HAVE_PROJECT
	"  project check|save|steps|requests PROJECT.json  a project file (synth project --help)\n"
#endif
#ifdef SYNTH_HAVE_NINJA
	"  ninja PROJECT.json -o build.ninja  write a Ninja build for a project\n"
#endif
	"\n"
	"options:\n"
	"  -h, --help              show this help (also: synth COMMAND --help)\n"
	"  -V, --version           show the version\n";

int cli_status_exit(SynthStatus st)
{
	return st == SYNTH_ERR_UNSUPPORTED ? 3 : 1;
}

int cli_read_file(const char *path, uint8_t **data, size_t *size)
{
	*data = NULL;
	*size = 0;
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "%s: error: cannot open: %s\n", path, strerror(errno));
		return -1;
	}
	size_t cap = 1 << 16, n = 0;
	uint8_t *buf = malloc(cap);
	if (!buf)
		goto nomem;
	for (;;) {
		if (n == cap) {
			uint8_t *nb = cap > SIZE_MAX / 2 ? NULL : realloc(buf, cap * 2);
			if (!nb)
				goto nomem;
			buf = nb;
			cap *= 2;
		}
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		fprintf(stderr, "%s: error: cannot read: %s\n", path, strerror(errno));
		free(buf);
		if (f != stdin)
			fclose(f);
		return -1;
	}
	if (f != stdin)
		fclose(f);
	*data = buf;
	*size = n;
	return 0;
nomem:
	fprintf(stderr, "%s: error: out of memory reading the file\n", path);
	free(buf);
	if (f != stdin)
		fclose(f);
	return -1;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs(usage, stderr);
		return 2;
	}
	const char *cmd = argv[1];
	if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") || !strcmp(cmd, "help")) {
		fputs(usage, stdout);
		return 0;
	}
	if (!strcmp(cmd, "-V") || !strcmp(cmd, "--version")) {
		printf("synth %s\n", synth_version());
		return 0;
	}
	static const struct {
		const char *name;
		int (*fn)(int, char **);
	} cmds[] = {
		{"validate", cli_validate},
		{"inspect", cli_inspect},
		{"compile", cli_compile},
		{"run", cli_run},
		{"glue", cli_glue},
#ifdef SYNTH_HAVE_PLAN
		{"plan", cli_plan},
		{"layout", cli_layout},
#endif
#ifdef SYNTH_HAVE_PROJECT
		{"project", cli_project},
#endif
#ifdef SYNTH_HAVE_NINJA
		{"ninja", cli_ninja},
#endif
	};
	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
		if (!strcmp(cmd, cmds[i].name))
			return cmds[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "synth: error: unknown command '%s' (see synth --help)\n", cmd);
	return 2;
}
