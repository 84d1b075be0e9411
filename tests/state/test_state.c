/* test_state.c - where a compiled module keeps what it writes at run time
 * (core/ABI.md, "State"), checked on the object synth_compile writes.
 *
 * For each module given: it is compiled for cortex-m3 and read back with
 * the library's ELF reader, and
 *   - the only writable sections are .synth_state.M (NOBITS, 32-byte
 *     aligned, a multiple of 32 bytes) and the memories .synth_mem.M.<k>;
 *     there is no .data or .bss;
 *   - M__state is the section's first byte and M__state_size its size;
 *   - every symbol the module writes at run time (memory and table control
 *     blocks, table entries, segment descriptors, mutable globals and the
 *     immutable ones read from an import) lies inside the state section,
 *     without overlapping another; the module description, not the
 *     compiler, says which globals those are;
 *   - immutable globals with a constant initializer, function references
 *     and segment contents lie in read-only sections;
 *   - the request file carries the state section as a request of kind
 *     "state" of that size (none when the size is 0), and the planner's
 *     reader accepts it, keeps it and writes it back.
 * Then the reader's refusals of malformed state requests.
 *
 * Usage: test_state MODULE.wasm... ; exit 1 on any failed check. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "obj/elf.h"
#include "synth/plan.h"
#include "synth/synth.h"

static int failures;

#define CHECK(cond, ...)                                                                 \
	do {                                                                             \
		if (!(cond)) {                                                           \
			fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, __LINE__, #cond); \
			fprintf(stderr, __VA_ARGS__);                                    \
			fputc('\n', stderr);                                             \
			failures++;                                                      \
		}                                                                        \
	} while (0)

static uint8_t *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	uint8_t *p = malloc(n > 0 ? (size_t)n : 1);
	*len = p ? fread(p, 1, n > 0 ? (size_t)n : 0, f) : 0;
	fclose(f);
	return p;
}

/* The symbol named name (0 if none), into *s. */
static uint32_t symbol(const ElfImage *img, const char *name, ElfSym *s)
{
	uint32_t i = elf_image_find_symbol(img, name);
	if (!i || !elf_image_symbol(img, i, s))
		return 0;
	return i;
}

/* A symbol the module writes at run time: defined in the state section,
 * inside it; remembered in spans[] for the overlap check. */
typedef struct Span {
	uint32_t lo, hi;
	char name[64];
} Span;

static Span spans[4096];
static uint32_t nspans;

static void expect_state(const ElfImage *img, uint32_t state, uint32_t size, const char *name)
{
	ElfSym s;
	if (!symbol(img, name, &s)) {
		CHECK(0, "%s is not defined", name);
		return;
	}
	CHECK(s.shndx == state, "%s is in section %u, not in the state section %u", name, s.shndx, state);
	CHECK(s.size > 0 && s.value + s.size <= size, "%s [%u, +%u) is not inside the state's %u bytes", name, s.value,
	      s.size, size);
	if (nspans < sizeof spans / sizeof spans[0]) {
		spans[nspans].lo = s.value, spans[nspans].hi = s.value + s.size;
		snprintf(spans[nspans].name, sizeof spans[nspans].name, "%s", name);
		nspans++;
	}
}

static void expect_readonly(const ElfImage *img, const char *name)
{
	ElfSym s;
	ElfSection sec;
	if (!symbol(img, name, &s)) {
		CHECK(0, "%s is not defined", name);
		return;
	}
	CHECK(elf_image_section(img, s.shndx, &sec) && (sec.flags & SHF_ALLOC) && !(sec.flags & SHF_WRITE) &&
	          !(sec.flags & SHF_EXECINSTR) && !strncmp(sec.name, ".rodata.", 8),
	      "%s is not in a read-only .rodata.* section (%s)", name, sec.name);
}

static int cmp_span(const void *a, const void *b)
{
	const Span *x = a, *y = b;
	return x->lo < y->lo ? -1 : x->lo > y->lo;
}

/* Checks one compiled module; returns the state size. */
static uint32_t check_object(const SynthModuleDesc *d, const char *M, const SynthOutput *out)
{
	ElfImage img;
	if (elf_image_open(&img, out->object, out->object_size) != ELF_OK) {
		CHECK(0, "%s: the object does not read back: %s", M, img.msg);
		return 0;
	}
	char want[128];
	snprintf(want, sizeof want, ".synth_state.%s", M);
	uint32_t state = 0, size = 0;
	for (uint32_t i = 1; i < img.shnum; i++) {
		ElfSection s;
		if (!elf_image_section(&img, i, &s))
			continue;
		CHECK(strcmp(s.name, ".data") && strncmp(s.name, ".data.", 6) && strcmp(s.name, ".bss") &&
		          strncmp(s.name, ".bss.", 5),
		      "%s: the object has a section %s", M, s.name);
		if (!(s.flags & SHF_WRITE))
			continue;
		char mem[128];
		snprintf(mem, sizeof mem, ".synth_mem.%s.", M);
		if (!strcmp(s.name, want)) {
			state = i, size = s.size;
			CHECK(s.type == SHT_NOBITS && s.align == 32 && s.size % 32 == 0 && (s.flags & SHF_ALLOC),
			      "%s: %s is type %u, align %u, %u bytes", M, s.name, s.type, s.align, s.size);
		} else {
			CHECK(!strncmp(s.name, mem, strlen(mem)), "%s: writable section %s is neither the state nor a memory",
			      M, s.name);
		}
	}
	CHECK(state, "%s: no section %s", M, want);
	ElfSym s;
	snprintf(want, sizeof want, "%s__state", M);
	CHECK(symbol(&img, want, &s) && s.shndx == state && s.value == 0 && s.size == size && s.bind == STB_GLOBAL,
	      "%s: %s is not the state section's first byte", M, want);
	snprintf(want, sizeof want, "%s__state_size", M);
	CHECK(symbol(&img, want, &s) && s.shndx == SHN_ABS && s.value == size && s.bind == STB_GLOBAL,
	      "%s: %s is not the absolute %u", M, want, size);

	nspans = 0;
	for (uint32_t k = d->nmems_imported; k < d->nmems; k++) {
		snprintf(want, sizeof want, "%s__memctl%u", M, k);
		expect_state(&img, state, size, want);
	}
	for (uint32_t t = d->ntables_imported; t < d->ntables; t++) {
		snprintf(want, sizeof want, "%s__tablectl%u", M, t);
		expect_state(&img, state, size, want);
		snprintf(want, sizeof want, "%s__table%u", M, t);
		expect_state(&img, state, size, want);
	}
	for (uint32_t e = 0; e < d->nelems; e++) {
		snprintf(want, sizeof want, "%s__elemseg%u", M, e);
		expect_state(&img, state, size, want);
		snprintf(want, sizeof want, "%s__elemitems%u", M, e);
		expect_readonly(&img, want);
	}
	for (uint32_t i = 0; i < d->ndatas; i++) {
		snprintf(want, sizeof want, "%s__dataseg%u", M, i);
		expect_state(&img, state, size, want);
		snprintf(want, sizeof want, "%s__data%u", M, i);
		expect_readonly(&img, want);
	}
	for (uint32_t g = d->nglobals_imported; g < d->nglobals; g++) {
		const SynthGlobal *gl = &d->globals[g];
		snprintf(want, sizeof want, "%s__global%u", M, g);
		if (gl->is_mutable || gl->init.kind == SYNTH_CONST_GLOBAL_GET)
			expect_state(&img, state, size, want);
		else
			expect_readonly(&img, want);
	}
	for (uint32_t f = 0; f < d->nfuncs; f++) {
		snprintf(want, sizeof want, "%s__fref%u", M, f);
		expect_readonly(&img, want);
	}
	qsort(spans, nspans, sizeof spans[0], cmp_span);
	for (uint32_t i = 1; i < nspans; i++)
		CHECK(spans[i - 1].hi <= spans[i].lo, "%s: %s and %s overlap", M, spans[i - 1].name, spans[i].name);
	/* Every object symbol in a writable section is one of the above or a
	 * memory: nothing else the module defines is writable. */
	for (uint32_t i = 1; i < img.nsyms; i++) {
		ElfSym y;
		ElfSection sec;
		if (!elf_image_symbol(&img, i, &y) || y.type != STT_OBJECT || y.shndx == SHN_ABS ||
		    !elf_image_section(&img, y.shndx, &sec) || !(sec.flags & SHF_WRITE))
			continue;
		bool known = !strncmp(sec.name, ".synth_mem.", 11);
		for (uint32_t k = 0; k < nspans && !known; k++)
			known = !strcmp(spans[k].name, y.name);
		snprintf(want, sizeof want, "%s__state", M);
		known |= !strcmp(y.name, want);
		CHECK(known, "%s: %s is writable but not a state item the ABI names", M, y.name);
	}
	return size;
}

/* The request file: the state request, and the reader keeps it. */
static void check_requests(SynthContext *ctx, const char *M, const char *text, uint32_t size)
{
	char want[256];
	CHECK(strstr(text, "\"version\": 2"), "%s: request file is not version 2:\n%s", M, text);
	snprintf(want, sizeof want,
	         "{\"kind\": \"state\", \"module\": \"%s\", \"section\": \".synth_state.%s\", \"symbol\": \"%s__state\", "
	         "\"size\": %u, \"align\": 32}",
	         M, M, M, size);
	if (size)
		CHECK(strstr(text, want), "%s: no state request of %u bytes:\n%s", M, size, text);
	else
		CHECK(!strstr(text, "\"state\""), "%s: a state request for an empty state:\n%s", M, text);
	SynthPlanInput *in = synth_plan_input_new(ctx);
	SynthPlanError err;
	CHECK(in && synth_plan_input_add_json(in, text, strlen(text), "r.json", &err) == SYNTH_OK, "%s: read: %s", M,
	      err.message);
	const SynthPlanInputDesc *d = in ? synth_plan_input_desc(in) : NULL;
	CHECK(d && d->nstates == (size ? 1u : 0u), "%s: %u state requests read", M, d ? d->nstates : 0);
	if (d && d->nstates == 1) {
		const SynthStateRequest *q = &d->states[0];
		snprintf(want, sizeof want, ".synth_state.%s", M);
		CHECK(!strcmp(q->module, M) && !strcmp(q->section, want) && q->size == size && q->align == 32,
		      "%s: read back %s %s %llu %llu", M, q->module, q->section, (unsigned long long)q->size,
		      (unsigned long long)q->align);
	}
	char *back = NULL;
	if (in && synth_plan_input_write_requests(ctx, in, &back, &err) == SYNTH_OK) {
		snprintf(want, sizeof want, "\"size\": %u", size);
		CHECK(!size || (strstr(back, "\"state\"") && strstr(back, want) && strstr(back, "\"kind\": \"state\"")),
		      "%s: written back without its state:\n%s", M, back);
		synth_plan_text_free(ctx, back);
	} else {
		CHECK(0, "%s: write back: %s", M, err.message);
	}
	synth_plan_input_free(in);
}

static void check_module(SynthContext *ctx, const char *path)
{
	size_t len = 0;
	uint8_t *bytes = read_file(path, &len);
	SynthModule *mod = NULL;
	if (!bytes || synth_module_load(ctx, bytes, len, NULL, &mod) != SYNTH_OK) {
		CHECK(0, "%s: cannot load: %s", path, bytes ? synth_context_diag(ctx)->message : "unreadable");
		free(bytes);
		return;
	}
	char M[64];
	const char *base = strrchr(path, '/');
	snprintf(M, sizeof M, "%s", base ? base + 1 : path);
	char *dot = strchr(M, '.');
	if (dot)
		*dot = 0;
	SynthCompileOptions opt = {.target = SYNTH_TARGET_CORTEX_M3, .name = M};
	SynthOutput out;
	if (synth_compile(ctx, mod, &opt, &out) != SYNTH_OK) {
		CHECK(0, "%s: compile: %s", path, synth_context_diag(ctx)->message);
	} else {
		uint32_t size = check_object(synth_module_desc(mod), M, &out);
		check_requests(ctx, M, out.requests, size);
		printf("%s: state %u bytes, %u items\n", M, size, nspans);
		synth_output_free(ctx, &out);
	}
	synth_module_free(mod);
	free(bytes);
}

/* A request file with one state request whose fields are given. */
static SynthStatus read_state(SynthContext *ctx, int version, const char *state, SynthPlanError *err)
{
	char text[1024];
	snprintf(text, sizeof text,
	         "{\"format\": \"synth-requests\", \"version\": %d, \"memories\": ["
	         "{\"module\": \"a\", \"memidx\": 0, \"min\": 65536, \"reserve\": 65536}], \"state\": [%s]}",
	         version, state);
	SynthPlanInput *in = synth_plan_input_new(ctx);
	SynthStatus st = synth_plan_input_add_json(in, text, strlen(text), "r.json", err);
	synth_plan_input_free(in);
	return st;
}

static void check_reader_refusals(SynthContext *ctx)
{
	static const struct {
		int version;
		const char *state, *path, *message;
	} bad[] = {
		{1, "{\"kind\": \"state\", \"module\": \"a\", \"section\": \".synth_state.a\", \"size\": 32}", "$.state",
		 "state requests need version 2 of \"synth-requests\""},
		{3, "", "$.version", "unsupported version 3 (this synth reads versions 1 to 2)"},
		{2, "{\"kind\": \"memory\", \"module\": \"a\", \"section\": \".synth_state.a\", \"size\": 32}",
		 "$.state[0].kind", "expected \"state\", got \"memory\""},
		{2, "{\"kind\": \"state\", \"module\": \"a\", \"section\": \".synth_state.b\", \"size\": 32}", "$.state[0]",
		 "state of a: section must be \".synth_state.a\""},
		{2, "{\"kind\": \"state\", \"module\": \"a\", \"section\": \".synth_state.a\", \"symbol\": \"a_state\", "
		    "\"size\": 32}",
		 "$.state[0]", "state of a: symbol must be \"a__state\""},
		{2, "{\"kind\": \"state\", \"module\": \"a\", \"section\": \".synth_state.a\", \"size\": 33}", "$.state[0]",
		 "state of a: size 33 is not a multiple of 32 bytes between 32 bytes and 4 GiB"},
		{2, "{\"kind\": \"state\", \"module\": \"a\", \"section\": \".synth_state.a\", \"size\": 0}", "$.state[0]",
		 "state of a: size 0 is not a multiple of 32 bytes between 32 bytes and 4 GiB"},
		{2, "{\"kind\": \"state\", \"module\": \"a\", \"section\": \".synth_state.a\", \"size\": 32, \"align\": 16}",
		 "$.state[0]", "state of a: align 16 is not a power of two of at least 32"},
		{2, "{\"kind\": \"state\", \"module\": \"a\", \"section\": \".synth_state.a\", \"size\": 32, \"align\": 0}",
		 "$.state[0].align", "must be a power of two of at least 32, not 0"},
		{2, "{\"kind\": \"state\", \"module\": \"a\", \"section\": \".synth_state.a\", \"size\": 32},"
		    "{\"kind\": \"state\", \"module\": \"a\", \"section\": \".synth_state.a\", \"size\": 64}",
		 "$.state[1]", "state of a is requested twice"},
		{2, "{\"kind\": \"state\", \"module\": \"a\", \"section\": \".synth_state.a\", \"size\": 32, \"base\": 0}",
		 "$.state[0].base", NULL},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		SynthPlanError err;
		memset(&err, 0, sizeof err);
		SynthStatus st = read_state(ctx, bad[i].version, bad[i].state, &err);
		CHECK(st == SYNTH_ERR_INVALID && !strcmp(err.path, bad[i].path) &&
		          (!bad[i].message || !strcmp(err.message, bad[i].message)),
		      "refusal %zu: status %d, %s: %s", i, (int)st, err.path, err.message);
	}
	/* and what it accepts: several modules, the default alignment */
	SynthPlanError err;
	char many[2048] = "";
	for (int k = 0; k < 9; k++)
		snprintf(many + strlen(many), sizeof many - strlen(many),
		         "%s{\"kind\": \"state\", \"module\": \"m%d\", \"section\": \".synth_state.m%d\", \"size\": %d}",
		         k ? "," : "", k, k, 32 * (k + 1));
	CHECK(read_state(ctx, 2, many, &err) == SYNTH_OK, "nine state requests: %s", err.message);
	CHECK(read_state(ctx, 2, "", &err) == SYNTH_OK, "an empty state array: %s", err.message);
}

int main(int argc, char **argv)
{
	SynthContext *ctx = synth_context_new(NULL, NULL);
	if (!ctx)
		return 1;
	if (argc < 2) {
		fprintf(stderr, "usage: test_state MODULE.wasm...\n");
		return 2;
	}
	for (int i = 1; i < argc; i++)
		check_module(ctx, argv[i]);
	check_reader_refusals(ctx);
	synth_context_free(ctx);
	if (failures) {
		fprintf(stderr, "%d checks failed\n", failures);
		return 1;
	}
	printf("state: every run-time write inside .synth_state.M, constants read-only, requests read back\n");
	return 0;
}
