/* test_elf_link.c - the writer's output checked by GNU binutils: readelf
 * accepts it without a warning, objdump disassembles it as it does the same
 * code assembled by gas (demo.s), arm-none-eabi-ld links it with a C main,
 * and in the linked image every relocation resolved to the address nm
 * reports (decoded from the instruction bytes, and byte-identical to the
 * gas object linked the same way). Then the float ABI: a hard-float object
 * must not link with soft-float C, and .ARM.attributes must equal gcc's for
 * each -mcpu/-mfpu/-mfloat-abi Synth targets. Finally the reader runs on
 * every prefix and on corrupted copies of the linked executable.
 *
 * Usage: test_elf link WORKDIR SRCDIR GCC READELF OBJDUMP NM
 * (exit 77 when a tool does not run). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo.h"

void elf_test_robustness(const uint8_t *f, size_t len, const char *what);

static int failures;
static const char *work, *src, *gcc, *readelf, *objdump, *nm;

#define CHECK(cond, ...)                                                    \
	do {                                                                \
		if (!(cond)) {                                              \
			fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, \
			        __LINE__, #cond);                           \
			fprintf(stderr, __VA_ARGS__);                       \
			fputc('\n', stderr);                                \
			failures++;                                         \
		}                                                           \
	} while (0)

static void *plain_realloc(void *ud, void *p, size_t osize, size_t nsize)
{
	if (nsize == 0) {
		free(p);
		return NULL;
	}
	return realloc(p, nsize);
}

static uint8_t *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	uint8_t *p = malloc(n > 0 ? (size_t)n + 1 : 1);
	*len = fread(p, 1, n > 0 ? (size_t)n : 0, f);
	p[*len] = 0;
	fclose(f);
	return p;
}

static bool write_file(const char *path, const uint8_t *p, size_t n)
{
	FILE *f = fopen(path, "wb");
	bool ok = f && fwrite(p, 1, n, f) == n;
	if (f)
		ok = fclose(f) == 0 && ok;
	return ok;
}

/* Runs a shell command with stdout and stderr captured in WORK/log.txt;
 * returns its exit status and the output (malloc'ed) in *out. */
static int run(char **out, const char *fmt, ...) SY_PRINTF(2, 3);
static int run(char **out, const char *fmt, ...)
{
	char cmd[4096], full[4400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	snprintf(full, sizeof full, "cd '%s' && (%s) >log.txt 2>&1", work, cmd);
	int st = system(full);
	size_t n;
	char path[1024];
	snprintf(path, sizeof path, "%s/log.txt", work);
	char *text = (char *)read_file(path, &n);
	if (out)
		*out = text ? text : calloc(1, 1);
	else
		free(text);
	return st;
}

/* Writes the demo with attributes at to WORK/name. */
static void write_demo(const char *name, const ElfAttrs *at)
{
	SyAlloc a = {plain_realloc, NULL};
	ElfObj *o = elf_new(&a);
	const uint8_t *f = NULL;
	size_t len = 0;
	CHECK(demo_build(o, at) == ELF_OK && elf_write(o, &f, &len) == ELF_OK, "%s", elf_message(o));
	char path[1024];
	snprintf(path, sizeof path, "%s/%s", work, name);
	CHECK(f && write_file(path, f, len), "cannot write %s", path);
	elf_free(o);
}

static bool contains_ci(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (; *hay; hay++) {
		size_t k = 0;
		while (k < n && hay[k] && (hay[k] | 0x20) == (needle[k] | 0x20))
			k++;
		if (k == n)
			return true;
	}
	return false;
}

/* True when some line of text contains both a and b. */
static bool has_line(const char *text, const char *a, const char *b)
{
	while (*text) {
		const char *end = strchr(text, '\n');
		size_t n = end ? (size_t)(end - text) : strlen(text);
		char line[512];
		snprintf(line, sizeof line, "%.*s", (int)(n < 511 ? n : 511), text);
		if (strstr(line, a) && strstr(line, b))
			return true;
		text += n + (end != NULL);
	}
	return false;
}

/* objdump -d output from the first "Disassembly" line on (drops the file name). */
static const char *disasm_body(const char *text)
{
	const char *p = strstr(text, "Disassembly of section");
	return p ? p : "";
}

static void check_object(void)
{
	char *out;
	int st = run(&out, "'%s' -a -W demo-soft.o", readelf);
	CHECK(st == 0 && !contains_ci(out, "warning") && !contains_ci(out, "error"),
	      "readelf -a complains (status %d):\n%s", st, out);
	CHECK(strstr(out, "Tag_CPU_name: \"7E-M\"") && !strstr(out, "Tag_ABI_VFP_args"),
	      "readelf -A of the soft-float object:\n%s", out);
	free(out);
	st = run(&out, "'%s' -A demo-hard.o", readelf);
	CHECK(st == 0 && strstr(out, "Tag_ABI_VFP_args: VFP registers") &&
	      strstr(out, "Tag_FP_arch: VFPv4-D16"), "readelf -A of the hard-float object:\n%s", out);
	free(out);

	/* The same disassembly as gas's object for demo.s, mapping symbols
	 * included (the literal shows as .word, not as instructions). */
	char *mine, *theirs;
	st = run(NULL, "'%s' -c -mcpu=cortex-m4 -mthumb -mfloat-abi=soft '%s/demo.s' -o gas-soft.o",
	         gcc, src);
	CHECK(st == 0, "gas failed on demo.s");
	run(&mine, "'%s' -d --no-show-raw-insn demo-soft.o", objdump);
	run(&theirs, "'%s' -d --no-show-raw-insn gas-soft.o", objdump);
	CHECK(strcmp(disasm_body(mine), disasm_body(theirs)) == 0,
	      "objdump -d differs from gas's object:\n--- writer\n%s\n--- gas\n%s", mine, theirs);
	static const char *const want[] = {
		"adds\tr0, r0, r1", "bx\tlr", "push\t{r4, lr}", "bl\t0 <ext_callee>", "movw\tr1, #4",
		"movt\tr1, #4", "beq.w\t0 <add2>", "b.w\t22 <helper>", "movs\tr0, #42",
		".word\t0x00000000", "movs\tr0, #1",
	};
	for (size_t k = 0; k < sizeof want / sizeof want[0]; k++)
		CHECK(strstr(mine, want[k]), "objdump -d lacks \"%s\":\n%s", want[k], mine);
	free(mine);
	free(theirs);
}

/* ---- the linked image ---- */

typedef struct Linked {
	uint8_t *file;
	size_t len;
	ElfImage img;
} Linked;

static bool load(Linked *l, const char *name)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/%s", work, name);
	l->file = read_file(path, &l->len);
	if (!l->file || elf_image_open(&l->img, l->file, l->len) != ELF_OK) {
		CHECK(0, "cannot read %s: %s", name, l->file ? l->img.msg : "missing");
		return false;
	}
	return true;
}

/* Address of a symbol per nm (0x1 set for Thumb functions stripped by nm). */
static bool nm_addr(const char *nmout, const char *name, uint32_t *addr, char *kind)
{
	for (const char *p = nmout; *p;) {
		unsigned long v;
		char k, nmname[128];
		if (sscanf(p, "%lx %c %127s", &v, &k, nmname) == 3 && strcmp(nmname, name) == 0) {
			*addr = (uint32_t)v;
			if (kind)
				*kind = k;
			return true;
		}
		p = strchr(p, '\n');
		if (!p)
			break;
		p++;
	}
	return false;
}

/* The bytes at address addr in the image, n of them; NULL if none. */
static const uint8_t *at_addr(const Linked *l, uint32_t addr, uint32_t n)
{
	ElfSection s;
	for (uint32_t i = 1; elf_image_section(&l->img, i, &s); i++)
		if (s.data && (s.flags & SHF_ALLOC) && addr >= s.addr && n <= s.size &&
		    addr - s.addr <= s.size - n)
			return s.data + (addr - s.addr);
	return NULL;
}

static uint32_t rd16(const uint8_t *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8; }
static uint32_t rd32(const uint8_t *p) { return rd16(p) | rd16(p + 2) << 16; }

static int32_t sext(uint32_t v, int bits) { return (int32_t)(v << (32 - bits)) >> (32 - bits); }

/* Target of a BL / B.W (T4) at pc. */
static uint32_t branch24(const uint8_t *p, uint32_t pc)
{
	uint32_t h1 = rd16(p), h2 = rd16(p + 2), s = h1 >> 10 & 1;
	uint32_t i1 = ~(h2 >> 13 ^ s) & 1, i2 = ~(h2 >> 11 ^ s) & 1;
	uint32_t off = s << 24 | i1 << 23 | i2 << 22 | (h1 & 0x3ff) << 12 | (h2 & 0x7ff) << 1;
	return pc + 4 + (uint32_t)sext(off, 25);
}

/* Target of a B<cond>.W (T3) at pc. */
static uint32_t branch19(const uint8_t *p, uint32_t pc)
{
	uint32_t h1 = rd16(p), h2 = rd16(p + 2);
	uint32_t off = (h1 >> 10 & 1) << 20 | (h2 >> 11 & 1) << 19 | (h2 >> 13 & 1) << 18 |
	               (h1 & 0x3f) << 12 | (h2 & 0x7ff) << 1;
	return pc + 4 + (uint32_t)sext(off, 21);
}

/* imm16 of a MOVW/MOVT. */
static uint32_t imm16(const uint8_t *p)
{
	uint32_t h1 = rd16(p), h2 = rd16(p + 2);
	return (h1 & 0xf) << 12 | (h1 >> 10 & 1) << 11 | (h2 >> 12 & 7) << 8 | (h2 & 0xff);
}

static void check_linked(void)
{
	int st = run(NULL, "'%s' -c -O2 -mcpu=cortex-m4 -mthumb -mfloat-abi=soft -ffreestanding "
	                   "'%s/main.c' -o main-soft.o", gcc, src);
	CHECK(st == 0, "cannot compile main.c");
	char *out;
	const char *link = "'%s' -mcpu=cortex-m4 -mthumb -mfloat-abi=soft -nostdlib -T '%s/link.ld' "
	                   "main-soft.o %s -o %s";
	st = run(&out, link, gcc, src, "demo-soft.o", "mine.elf");
	CHECK(st == 0 && !contains_ci(out, "warning"), "link failed:\n%s", out);
	free(out);
	st = run(&out, link, gcc, src, "gas-soft.o", "gas.elf");
	CHECK(st == 0, "link of the gas object failed:\n%s", out);
	free(out);

	Linked m = {0}, g = {0};
	if (!load(&m, "mine.elf") || !load(&g, "gas.elf"))
		goto done;
	CHECK(m.img.type == ET_EXEC && m.img.phnum > 0, "not an executable");
	CHECK((m.img.flags & EF_ARM_ABI_FLOAT_SOFT) && !(m.img.flags & EF_ARM_ABI_FLOAT_HARD),
	      "linked e_flags 0x%x", m.img.flags);

	char *nmout;
	st = run(&nmout, "'%s' -n mine.elf", nm);
	CHECK(st == 0, "nm failed:\n%s", nmout);
	static const char *const names[] = {
		"add2", "get_counter", "pick", "helper", "get_ext_data", "weak_fn", "ext_callee",
		"ext_data", "counter", "dvals", "table", "demo__mem0", "demo__mem0_size", "_start",
	};
	uint32_t A[sizeof names / sizeof names[0]] = {0};
	for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
		char kind = 0;
		CHECK(nm_addr(nmout, names[k], &A[k], &kind), "nm lacks %s:\n%s", names[k], nmout);
		/* The reader agrees with nm (nm shows Thumb addresses even). */
		ElfSym s = {0};
		uint32_t i = elf_image_find_symbol(&m.img, names[k]);
		CHECK(i && elf_image_symbol(&m.img, i, &s) &&
		      (s.type == STT_FUNC ? s.value & ~1u : s.value) == A[k],
		      "reader: %s = 0x%x, nm: 0x%x", names[k], s.value, A[k]);
		/* And gas's object put every symbol at the same address. */
		uint32_t gi = elf_image_find_symbol(&g.img, names[k]);
		ElfSym gs = {0};
		CHECK(gi && elf_image_symbol(&g.img, gi, &gs) && gs.value == s.value,
		      "%s: 0x%x here, 0x%x with gas's object", names[k], s.value, gs.value);
		if (k == 12)
			CHECK(kind == 'A' && A[k] == DEMO_MEM_SIZE, "demo__mem0_size %c 0x%x", kind, A[k]);
	}
	free(nmout);
	enum { ADD2, GET_COUNTER, PICK, HELPER, GET_EXT_DATA, WEAK_FN, EXT_CALLEE, EXT_DATA,
	       COUNTER, DVALS, TABLE, MEM0 };

	/* Relocated code, decoded from the bytes. */
	const uint8_t *p;
	uint32_t pc = A[GET_COUNTER] + (DEMO_BL - DEMO_GET_COUNTER);
	CHECK((p = at_addr(&m, pc, 4)) && branch24(p, pc) == A[EXT_CALLEE],
	      "BL at 0x%x goes to 0x%x, ext_callee is 0x%x", pc, p ? branch24(p, pc) : 0, A[EXT_CALLEE]);
	pc = A[GET_COUNTER] + (DEMO_MOVW - DEMO_GET_COUNTER);
	const uint8_t *q = at_addr(&m, pc + 4, 4);
	CHECK((p = at_addr(&m, pc, 4)) && q && (imm16(q) << 16 | imm16(p)) == A[DVALS] + 4,
	      "MOVW/MOVT load 0x%x, dvals+4 is 0x%x", p && q ? imm16(q) << 16 | imm16(p) : 0,
	      A[DVALS] + 4);
	pc = A[PICK] + (DEMO_BEQW - DEMO_PICK);
	CHECK((p = at_addr(&m, pc, 4)) && branch19(p, pc) == A[ADD2] && (rd16(p) >> 6 & 0xf) == 0,
	      "BEQ.W at 0x%x goes to 0x%x, add2 is 0x%x", pc, p ? branch19(p, pc) : 0, A[ADD2]);
	pc = A[PICK] + (DEMO_BW - DEMO_PICK);
	CHECK((p = at_addr(&m, pc, 4)) && branch24(p, pc) == A[HELPER],
	      "B.W at 0x%x goes to 0x%x, helper is 0x%x", pc, p ? branch24(p, pc) : 0, A[HELPER]);
	pc = A[GET_EXT_DATA] + (DEMO_LITERAL - DEMO_GET_EXT_DATA);
	CHECK((p = at_addr(&m, pc, 4)) && rd32(p) == A[EXT_DATA], "literal 0x%x, ext_data 0x%x",
	      p ? rd32(p) : 0, A[EXT_DATA]);

	/* Relocated data: add2|1, undefined weak 0, ext_data - P, counter, dvals+4. */
	uint32_t want[5] = {A[ADD2] | 1, 0, A[EXT_DATA] - (A[TABLE] + 8), A[COUNTER], A[DVALS] + 4};
	for (uint32_t k = 0; k < 5; k++)
		CHECK((p = at_addr(&m, A[TABLE] + 4 * k, 4)) && rd32(p) == want[k],
		      "table[%u] = 0x%x, want 0x%x", k, p ? rd32(p) : 0, want[k]);
	CHECK(A[MEM0] % 8 == 0, "demo__mem0 at 0x%x", A[MEM0]);
	ElfSection ms;
	CHECK(elf_image_section(&m.img, elf_image_find_section(&m.img, ".synth_mem"), &ms) &&
	      ms.type == SHT_NOBITS && ms.size == DEMO_MEM_SIZE, ".synth_mem size 0x%x", ms.size);

	/* Byte-identical to the gas object linked the same way. */
	static const char *const cmp[] = {".text", ".data"};
	for (size_t k = 0; k < 2; k++) {
		ElfSection a, b;
		CHECK(elf_image_section(&m.img, elf_image_find_section(&m.img, cmp[k]), &a) &&
		      elf_image_section(&g.img, elf_image_find_section(&g.img, cmp[k]), &b) &&
		      a.size == b.size && a.addr == b.addr && a.size && memcmp(a.data, b.data, a.size) == 0,
		      "%s differs from the gas-built link", cmp[k]);
	}

	/* objdump on the linked code names the targets. */
	run(&out, "'%s' -d mine.elf", objdump);
	static const char *const targets[] = {"<ext_callee>", "<add2>", "<helper>"};
	static const char *const ops[] = {"bl\t", "beq.w\t", "b.w\t"};
	for (size_t k = 0; k < 3; k++)
		CHECK(has_line(out, ops[k], targets[k]), "objdump -d mine.elf has no %s... %s:\n%s",
		      ops[k], targets[k], out);
	free(out);

	elf_test_robustness(m.file, m.len, "mine.elf");
done:
	free(m.file);
	free(g.file);
}

/* ---- float ABI ---- */

static void check_float_abi(void)
{
	int st = run(NULL, "'%s' -c -O2 -mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16 "
	                   "-ffreestanding '%s/main.c' -o main-hard.o", gcc, src);
	CHECK(st == 0, "cannot compile main.c hard-float");
	const char *link = "'%s' -mcpu=cortex-m4 -mthumb -nostdlib -T '%s/link.ld' %s %s -o %s";
	char *out;
	st = run(&out, link, gcc, src, "main-soft.o", "demo-hard.o", "mix1.elf");
	CHECK(st != 0 && strstr(out, "uses VFP register arguments"),
	      "hard-float object linked with soft-float C (status %d):\n%s", st, out);
	free(out);
	st = run(&out, link, gcc, src, "demo-hard.o", "main-soft.o", "mix2.elf");
	CHECK(st != 0 && strstr(out, "uses VFP register arguments"),
	      "hard-float object first, soft-float C (status %d):\n%s", st, out);
	free(out);
	st = run(&out, link, gcc, src, "main-soft.o", "demo-soft.o", "soft.elf");
	CHECK(st == 0, "soft with soft:\n%s", out);
	free(out);
	st = run(&out, link, gcc, src, "main-hard.o", "demo-hard.o", "hard.elf");
	CHECK(st == 0 && !contains_ci(out, "warning"), "hard with hard:\n%s", out);
	free(out);
	Linked h = {0};
	if (load(&h, "hard.elf"))
		CHECK(h.img.flags & EF_ARM_ABI_FLOAT_HARD, "hard.elf e_flags 0x%x", h.img.flags);
	free(h.file);
}

/* .ARM.attributes equal to gcc -O2's for the same core and float ABI. */
static void check_attributes(void)
{
	static const struct { const char *flags; ElfAttrs at; } cases[] = {
		{"-mcpu=cortex-m3 -mfloat-abi=soft", {ELF_ARCH_V7M, false, ELF_FPU_NONE, false}},
		{"-mcpu=cortex-m4 -mfloat-abi=soft", {ELF_ARCH_V7EM, false, ELF_FPU_NONE, false}},
		{"-mcpu=cortex-m4 -mfloat-abi=softfp -mfpu=fpv4-sp-d16",
		 {ELF_ARCH_V7EM, false, ELF_FPU_FPV4_SP_D16, false}},
		{"-mcpu=cortex-m4 -mfloat-abi=hard -mfpu=fpv4-sp-d16",
		 {ELF_ARCH_V7EM, false, ELF_FPU_FPV4_SP_D16, true}},
		{"-mcpu=cortex-m7 -mfloat-abi=hard -mfpu=fpv5-d16",
		 {ELF_ARCH_V7EM, false, ELF_FPU_FPV5_D16, true}},
		{"-mcpu=cortex-m7 -mfloat-abi=hard -mfpu=fpv5-sp-d16",
		 {ELF_ARCH_V7EM, false, ELF_FPU_FPV5_SP_D16, true}},
		{"-mcpu=cortex-m7 -mfloat-abi=soft", {ELF_ARCH_V7EM, false, ELF_FPU_NONE, false}},
		{"-mcpu=cortex-m33 -mfloat-abi=hard", {ELF_ARCH_V8M_MAIN, true, ELF_FPU_FPV5_SP_D16, true}},
		{"-mcpu=cortex-m33 -mfloat-abi=soft", {ELF_ARCH_V8M_MAIN, true, ELF_FPU_NONE, false}},
		{"-mcpu=cortex-m33+nodsp -mfloat-abi=soft", {ELF_ARCH_V8M_MAIN, false, ELF_FPU_NONE, false}},
	};
	char path[1024];
	snprintf(path, sizeof path, "%s/empty.c", work);
	write_file(path, (const uint8_t *)"int synth_x;\n", 13);
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		int st = run(NULL, "'%s' -c -O2 -mthumb %s empty.c -o attr.o", gcc, cases[k].flags);
		CHECK(st == 0, "gcc %s failed", cases[k].flags);
		Linked l = {0};
		if (!load(&l, "attr.o"))
			continue;
		ElfSection want = {0}, got = {0};
		elf_image_section(&l.img, elf_image_find_section(&l.img, ".ARM.attributes"), &want);

		SyAlloc a = {plain_realloc, NULL};
		ElfObj *o = elf_new(&a);
		const uint8_t *f;
		size_t len;
		elf_attributes(o, &cases[k].at);
		ElfImage img;
		CHECK(elf_write(o, &f, &len) == ELF_OK && elf_image_open(&img, f, len) == ELF_OK, "write");
		elf_image_section(&img, elf_image_find_section(&img, ".ARM.attributes"), &got);
		CHECK(want.size && got.size == want.size && memcmp(got.data, want.data, got.size) == 0,
		      "%s: .ARM.attributes differ from gcc's (%u vs %u bytes)", cases[k].flags,
		      got.size, want.size);
		CHECK(img.flags == l.img.flags, "%s: e_flags 0x%x, gcc 0x%x", cases[k].flags, img.flags,
		      l.img.flags);
		elf_free(o);
		free(l.file);
	}
}

int elf_link_test(int argc, char **argv);
int elf_link_test(int argc, char **argv)
{
	if (argc != 6) {
		fprintf(stderr, "usage: test_elf link WORKDIR SRCDIR GCC READELF OBJDUMP NM\n");
		return 2;
	}
	work = argv[0];
	src = argv[1];
	gcc = argv[2];
	readelf = argv[3];
	objdump = argv[4];
	nm = argv[5];
	const char *tools[] = {gcc, readelf, objdump, nm};
	for (size_t k = 0; k < 4; k++) {
		if (run(NULL, "'%s' --version", tools[k]) != 0) {
			printf("SKIP: %s does not run (install the arm-none-eabi toolchain)\n", tools[k]);
			return 77;
		}
	}
	write_demo("demo-soft.o", &(ElfAttrs){.arch = ELF_ARCH_V7EM});
	write_demo("demo-hard.o", &(ElfAttrs){.arch = ELF_ARCH_V7EM, .fpu = ELF_FPU_FPV4_SP_D16,
	                                      .hard = true});
	check_object();
	check_linked();
	check_float_abi();
	check_attributes();
	if (failures) {
		fprintf(stderr, "%d check(s) failed\n", failures);
		return 1;
	}
	printf("all ELF link checks passed\n");
	return 0;
}
