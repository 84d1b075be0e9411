/* spec_validate.c - spec-conformance check of libsynth's decoder and validator.
 *
 * Usage: spec-validate [--multi-memory] [--verbose] [--hexdump] [--counts FILE] JSON...
 *
 * Each JSON is a wast2json command script (see spec_json.h). For every
 * command that carries a binary module:
 *   - module, assert_unlinkable, assert_uninstantiable: the module must load
 *     (decode and validate) with SYNTH_OK; linking and instantiation are not
 *     this program's business;
 *   - assert_malformed, assert_invalid: loading must fail, and the library's
 *     diagnostic matches when it starts with the expected text (the spec
 *     interpreter's convention, which lets implementations add detail).
 * Text-format assertions (module_type "text", .wat files wast2json leaves
 * unconverted) are counted as skipped; other commands need an execution
 * engine and are ignored.
 *
 * One line of counts is printed per script and a total at the end; with
 * --verbose every failure follows as FILE:LINE, with --hexdump also the bytes
 * around the reported offset. --counts writes the totals as `key value`
 * lines (the keys of the floor files run-validate.sh enforces). Mismatches
 * do not change the exit status: 0 when every file could be read, 1 on IO
 * or JSON trouble, 2 on a usage error.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <synth/synth.h>

#include "spec_json.h"

/* Counters: X(name). The names are the keys of --counts and the floor files. */
#define COUNT_FIELDS(X)         \
	X(valid_accepted)       \
	X(valid_total)          \
	X(malformed_rejected)   \
	X(malformed_msg)        \
	X(malformed_total)      \
	X(invalid_rejected)     \
	X(invalid_msg)          \
	X(invalid_total)        \
	X(text_skipped)

/* Outcome counts of one script or of the whole run. */
typedef struct Counts {
#define COUNT_X(name) unsigned long name;
	COUNT_FIELDS(COUNT_X)
#undef COUNT_X
} Counts;

/* Options and state shared by all scripts of a run. */
typedef struct Run {
	SynthContext *ctx;      /* one context for every load */
	SynthFeatures features; /* what the decoder accepts */
	bool verbose;           /* print each failure */
	bool hexdump;           /* print the bytes around a failure's offset */
	int status;             /* exit status so far */
} Run;

/* The bytes of one module file. */
typedef struct Wasm {
	uint8_t *bytes; /* file contents */
	size_t size;    /* their length */
} Wasm;

static void usage(FILE *out)
{
	fputs("usage: spec-validate [--multi-memory] [--verbose] [--hexdump] [--counts FILE] JSON...\n"
	      "  --multi-memory  accept the multi-memory proposal (multi-memory suite only)\n"
	      "  --verbose       print each failing command as FILE:LINE\n"
	      "  --hexdump       with --verbose, dump the bytes around the reported offset\n"
	      "  --counts FILE   write the total counts as `key value` lines\n",
	      out);
}

static void counts_add(Counts *sum, const Counts *c)
{
#define COUNT_X(name) sum->name += c->name;
	COUNT_FIELDS(COUNT_X)
#undef COUNT_X
}

/* Prints "LABEL: modules A/B valid, malformed ..., invalid ...". */
static void counts_print(const char *label, const Counts *c)
{
	printf("%s: modules %lu/%lu valid, malformed %lu/%lu rejected (%lu msg), "
	       "invalid %lu/%lu rejected (%lu msg)",
	       label, c->valid_accepted, c->valid_total, c->malformed_rejected, c->malformed_total,
	       c->malformed_msg, c->invalid_rejected, c->invalid_total, c->invalid_msg);
	if (c->text_skipped)
		printf(", %lu text skipped", c->text_skipped);
	putchar('\n');
}

static int counts_write(const char *path, const Counts *c)
{
	FILE *f = fopen(path, "w");

	if (!f)
		return -1;
#define COUNT_X(name) fprintf(f, "%s %lu\n", #name, c->name);
	COUNT_FIELDS(COUNT_X)
#undef COUNT_X
	return fclose(f) == 0 ? 0 : -1;
}

/* Prints up to 8 bytes either side of off, the byte at off in brackets. */
static void hexdump(const Wasm *w, uint64_t off)
{
	uint64_t from = off > 8 ? off - 8 : 0, to = off + 9;

	if (off >= w->size) {
		printf("    (offset 0x%llx is at or past the end; module size 0x%zx)\n",
		       (unsigned long long)off, w->size);
		from = w->size > 16 ? w->size - 16 : 0;
		to = w->size;
	}
	if (to > w->size)
		to = w->size;
	printf("    0x%08llx:", (unsigned long long)from);
	for (uint64_t i = from; i < to; i++)
		printf(i == off ? " [%02x]" : " %02x", w->bytes[i]);
	putchar('\n');
}

/* Reads the module file of cmd. Returns 0, or -1 after reporting the problem. */
static int read_module(Run *run, const SpecScript *s, const SpecCommand *cmd, Wasm *w)
{
	const char *wast = spec_script_source_base(s);
	char *path;
	int rc;

	if (!cmd->filename) {
		fprintf(stderr, "%s:%d: error: %s command without a \"filename\"\n", wast, cmd->line,
		        cmd->type_name);
		run->status = 1;
		return -1;
	}
	path = spec_script_path(s, cmd->filename);
	if (!path) {
		fprintf(stderr, "%s:%d: error: out of memory\n", wast, cmd->line);
		run->status = 1;
		return -1;
	}
	rc = spec_read_file(path, &w->bytes, &w->size);
	if (rc < 0) {
		fprintf(stderr, "%s:%d: error: %s: %s\n", wast, cmd->line, path, strerror(errno));
		run->status = 1;
	}
	free(path);
	return rc;
}

/* Decodes and validates w; the module itself is not needed. */
static SynthStatus load(Run *run, const Wasm *w)
{
	SynthModule *mod = NULL;
	SynthStatus st;

	synth_context_clear(run->ctx);
	st = synth_module_load(run->ctx, w->bytes, w->size, &run->features, &mod);
	synth_module_free(mod);
	return st;
}

/* A module that must load: module, assert_unlinkable, assert_uninstantiable. */
static void check_valid(Run *run, const SpecScript *s, const SpecCommand *cmd, Counts *c)
{
	const SynthDiag *d;
	Wasm w;

	if (cmd->module_type == SPEC_MODULE_TEXT) {
		c->text_skipped++;
		return;
	}
	if (read_module(run, s, cmd, &w) < 0)
		return;
	c->valid_total++;
	if (load(run, &w) == SYNTH_OK) {
		c->valid_accepted++;
	} else if (run->verbose) {
		d = synth_context_diag(run->ctx);
		printf("%s:%d: valid module rejected: %s (%s) at 0x%llx\n", spec_script_source_base(s),
		       cmd->line, d->message, synth_status_name(d->status),
		       (unsigned long long)d->offset);
		if (run->hexdump)
			hexdump(&w, d->offset);
	}
	free(w.bytes);
}

/* A module that must fail to load: assert_malformed, assert_invalid. */
static void check_rejected(Run *run, const SpecScript *s, const SpecCommand *cmd, Counts *c)
{
	bool malformed = cmd->kind == SPEC_CMD_ASSERT_MALFORMED;
	const char *want = cmd->text ? cmd->text : "";
	const SynthDiag *d;
	Wasm w;

	if (cmd->module_type == SPEC_MODULE_TEXT) {
		c->text_skipped++;
		return;
	}
	if (read_module(run, s, cmd, &w) < 0)
		return;
	if (malformed)
		c->malformed_total++;
	else
		c->invalid_total++;
	if (load(run, &w) == SYNTH_OK) {
		if (run->verbose)
			printf("%s:%d: expected \"%s\" (%s), module accepted\n",
			       spec_script_source_base(s), cmd->line, want,
			       malformed ? "malformed" : "invalid");
		goto done;
	}
	d = synth_context_diag(run->ctx);
	if (malformed)
		c->malformed_rejected++;
	else
		c->invalid_rejected++;
	if (strncmp(d->message, want, strlen(want)) == 0) {
		if (malformed)
			c->malformed_msg++;
		else
			c->invalid_msg++;
		goto done;
	}
	if (run->verbose) {
		printf("%s:%d: expected \"%s\", got \"%s\" (%s) at 0x%llx\n",
		       spec_script_source_base(s), cmd->line, want, d->message,
		       synth_status_name(d->status), (unsigned long long)d->offset);
		if (run->hexdump)
			hexdump(&w, d->offset);
	}
done:
	free(w.bytes);
}

/* Runs every command of one script and adds its counts to total. */
static void run_script(Run *run, const char *json, Counts *total)
{
	char err[512];
	SpecScript *s;
	Counts c = {0};

	s = spec_script_load(json, err, sizeof err);
	if (!s) {
		fprintf(stderr, "%s: error: %s\n", json, err);
		run->status = 1;
		return;
	}
	for (size_t i = 0; i < spec_script_count(s); i++) {
		const SpecCommand *cmd = spec_script_command(s, i);

		switch (cmd->kind) {
		case SPEC_CMD_MODULE:
		case SPEC_CMD_ASSERT_UNLINKABLE:
		case SPEC_CMD_ASSERT_UNINSTANTIABLE:
			check_valid(run, s, cmd, &c);
			break;
		case SPEC_CMD_ASSERT_MALFORMED:
		case SPEC_CMD_ASSERT_INVALID:
			check_rejected(run, s, cmd, &c);
			break;
		default:
			break; /* needs execution, or nothing at all (register) */
		}
	}
	counts_print(spec_script_source_base(s)[0] ? spec_script_source_base(s) : json, &c);
	fflush(stdout); /* keep the lines of finished scripts if a later one crashes */
	counts_add(total, &c);
	spec_script_free(s);
}

int main(int argc, char **argv)
{
	Run run = {0};
	Counts total = {0};
	const char *counts_path = NULL;
	bool multi_memory = false;
	int i, nfiles;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		} else if (strcmp(argv[i], "--multi-memory") == 0) {
			multi_memory = true;
		} else if (strcmp(argv[i], "--verbose") == 0) {
			run.verbose = true;
		} else if (strcmp(argv[i], "--hexdump") == 0) {
			run.hexdump = true;
		} else if (strcmp(argv[i], "--counts") == 0 && i + 1 < argc) {
			counts_path = argv[++i];
		} else if (strcmp(argv[i], "--help") == 0) {
			usage(stdout);
			return 0;
		} else {
			fprintf(stderr, "spec-validate: unknown option %s\n", argv[i]);
			usage(stderr);
			return 2;
		}
	}
	nfiles = argc - i;
	if (nfiles == 0) {
		usage(stderr);
		return 2;
	}
	run.features = synth_features_default();
	run.features.multi_memory = multi_memory;
	run.ctx = synth_context_new(NULL, NULL);
	if (!run.ctx) {
		fputs("spec-validate: error: cannot create a context\n", stderr);
		return 1;
	}
	for (; i < argc; i++)
		run_script(&run, argv[i], &total);
	if (nfiles > 1)
		counts_print("total", &total);
	if (counts_path && counts_write(counts_path, &total) < 0) {
		fprintf(stderr, "spec-validate: error: %s: %s\n", counts_path, strerror(errno));
		run.status = 1;
	}
	synth_context_free(run.ctx);
	return run.status;
}
