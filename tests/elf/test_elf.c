/* test_elf.c - unit tests of the ELF writer and reader that need no cross
 * tools: the demo object read back field by field (sections, symbols,
 * relocations, the addends written in place), deterministic output,
 * .ARM.attributes against bytes arm-none-eabi-gcc 12 -O2 produced, every
 * error path of the writer, out-of-memory at every allocation, and the
 * reader on every prefix and on random corruptions of a valid image. Built
 * with ASan/UBSan when the compiler has them, so a stray read fails.
 * `test_elf link ...` runs the binutils checks of test_elf_link.c instead;
 * `test_elf seeds DIR` writes the fuzzer's seed objects. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo.h"
#include "counting_alloc.h"

static int failures;

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

/* ---- a counting allocator that can fail the N-th request ---- */

/* Counting and counting_realloc: tests/common/counting_alloc.h. */

static uint32_t rd16(const uint8_t *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8; }
static uint32_t rd32(const uint8_t *p) { return rd16(p) | rd16(p + 2) << 16; }

static const ElfAttrs m4_soft = {.arch = ELF_ARCH_V7EM};

/* Builds and writes the demo; returns a malloc'ed copy of the image. */
static uint8_t *demo_image(const ElfAttrs *at, size_t *len)
{
	Counting c = {0};
	SyAlloc a = {counting_realloc, &c};
	ElfObj *o = elf_new(&a);
	const uint8_t *img = NULL;
	CHECK(o && demo_build(o, at) == ELF_OK, "demo_build: %s", o ? elf_message(o) : "");
	CHECK(elf_write(o, &img, len) == ELF_OK, "elf_write: %s", elf_message(o));
	uint8_t *copy = malloc(*len ? *len : 1);
	if (img)
		memcpy(copy, img, *len);
	elf_free(o);
	CHECK(c.live_blocks == 0 && c.live_bytes == 0, "leaked %ld blocks", c.live_blocks);
	return copy;
}

/* ---- the demo read back ---- */

typedef struct ExpSec {
	const char *name;
	uint32_t type, flags, size, link, info, align, entsize;
} ExpSec;

typedef struct ExpSym {
	const char *name;
	uint32_t value, size, shndx;
	uint8_t bind, type;
} ExpSym;

static void test_round_trip(void)
{
	size_t len;
	uint8_t *f = demo_image(&m4_soft, &len);
	ElfImage img;
	CHECK(elf_image_open(&img, f, len) == ELF_OK, "%s", img.msg);
	CHECK(img.type == ET_REL && img.machine == EM_ARM, "type %u machine %u", img.type, img.machine);
	CHECK(img.flags == EF_ARM_EABI_VER5, "e_flags 0x%x", img.flags);
	CHECK(img.phnum == 0 && img.entry == 0, "program headers in a relocatable file");

	static const ExpSec secs[] = {
		{"", SHT_NULL, 0, 0, 0, 0, 0, 0},
		{".text", SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR, DEMO_TEXT_SIZE, 0, 0, 4, 0},
		{".data", SHT_PROGBITS, SHF_ALLOC | SHF_WRITE, DEMO_DATA_SIZE, 0, 0, 4, 0},
		{".synth_mem.demo.0", SHT_NOBITS, SHF_ALLOC | SHF_WRITE, DEMO_MEM_SIZE, 0, 0, 8, 0},
		{".rel.text", SHT_REL, SHF_INFO_LINK, 6 * 8, 7, 1, 4, 8},
		{".rel.data", SHT_REL, SHF_INFO_LINK, 5 * 8, 7, 2, 4, 8},
		{".ARM.attributes", SHT_ARM_ATTRIBUTES, 0, 0x2e, 0, 0, 1, 0},
		{".symtab", SHT_SYMTAB, 0, 20 * 16, 8, 8, 4, 16},
		{".strtab", SHT_STRTAB, 0, 0, 0, 0, 1, 0},
		{".shstrtab", SHT_STRTAB, 0, 0, 0, 0, 1, 0},
	};
	size_t nsec = sizeof secs / sizeof secs[0];
	CHECK(img.shnum == nsec, "%u sections", img.shnum);
	CHECK(img.shstrndx == nsec - 1, "shstrndx %u", img.shstrndx);
	for (uint32_t i = 0; i < img.shnum && i < nsec; i++) {
		ElfSection s;
		const ExpSec *e = &secs[i];
		CHECK(elf_image_section(&img, i, &s), "section %u", i);
		CHECK(strcmp(s.name, e->name) == 0, "section %u named %s", i, s.name);
		CHECK(s.type == e->type && s.flags == e->flags && s.addr == 0, "section %s type/flags", e->name);
		CHECK(e->type == SHT_STRTAB || s.size == e->size, "section %s size %u", e->name, s.size);
		CHECK(s.link == e->link && s.info == e->info, "section %s link %u info %u", e->name,
		      s.link, s.info);
		CHECK(i == 0 || s.align == e->align, "section %s align %u", e->name, s.align);
		CHECK(s.entsize == e->entsize, "section %s entsize %u", e->name, s.entsize);
		CHECK((s.data != NULL) == (i != 0 && e->type != SHT_NOBITS), "section %s data", e->name);
		if (s.data && s.align > 1)
			CHECK(s.offset % s.align == 0, "section %s at unaligned offset 0x%x", e->name, s.offset);
	}
	CHECK(elf_image_find_section(&img, ".data") == 2, "find .data");
	CHECK(elf_image_find_section(&img, ".bss") == 0, "find .bss");
	ElfSection none;
	CHECK(!elf_image_section(&img, img.shnum, &none), "section past the end");

	/* Locals first (the implicit $t, then in creation order), then globals. */
	static const ExpSym syms[] = {
		{"", 0, 0, 0, STB_LOCAL, STT_NOTYPE},
		{"$t", 0, 0, 1, STB_LOCAL, STT_NOTYPE},
		{"helper", DEMO_HELPER | 1, 4, 1, STB_LOCAL, STT_FUNC},
		{"dvals", 4, 12, 2, STB_LOCAL, STT_OBJECT},
		{"$d", DEMO_LITERAL, 0, 1, STB_LOCAL, STT_NOTYPE},
		{"$t", DEMO_WEAK_FN, 0, 1, STB_LOCAL, STT_NOTYPE},
		{"$d", 0, 0, 2, STB_LOCAL, STT_NOTYPE},
		{"", 0, 0, 2, STB_LOCAL, STT_SECTION},
		{"add2", DEMO_ADD2 | 1, 4, 1, STB_GLOBAL, STT_FUNC},
		{"get_counter", DEMO_GET_COUNTER | 1, 20, 1, STB_GLOBAL, STT_FUNC},
		{"ext_callee", 0, 0, SHN_UNDEF, STB_GLOBAL, STT_NOTYPE},
		{"pick", DEMO_PICK | 1, 10, 1, STB_GLOBAL, STT_FUNC},
		{"get_ext_data", DEMO_GET_EXT_DATA | 1, 4, 1, STB_GLOBAL, STT_FUNC},
		{"ext_data", 0, 0, SHN_UNDEF, STB_GLOBAL, STT_NOTYPE},
		{"weak_fn", DEMO_WEAK_FN | 1, 4, 1, STB_WEAK, STT_FUNC},
		{"counter", 0, 4, 2, STB_GLOBAL, STT_OBJECT},
		{"table", 0x10, 20, 2, STB_GLOBAL, STT_OBJECT},
		{"opt_hook", 0, 0, SHN_UNDEF, STB_WEAK, STT_NOTYPE},
		{"demo__mem0", 0, DEMO_MEM_SIZE, 3, STB_GLOBAL, STT_OBJECT},
		{"demo__mem0_size", DEMO_MEM_SIZE, 0, SHN_ABS, STB_GLOBAL, STT_NOTYPE},
	};
	size_t nsym = sizeof syms / sizeof syms[0];
	CHECK(img.nsyms == nsym, "%u symbols", img.nsyms);
	for (uint32_t i = 0; i < img.nsyms && i < nsym; i++) {
		ElfSym s;
		const ExpSym *e = &syms[i];
		CHECK(elf_image_symbol(&img, i, &s), "symbol %u", i);
		CHECK(strcmp(s.name, e->name) == 0, "symbol %u named %s, want %s", i, s.name, e->name);
		CHECK(s.value == e->value && s.size == e->size, "symbol %s value 0x%x size %u", e->name,
		      s.value, s.size);
		CHECK(s.shndx == e->shndx && s.bind == e->bind && s.type == e->type && s.other == 0,
		      "symbol %s shndx %u bind %u type %u", e->name, s.shndx, s.bind, s.type);
	}
	CHECK(elf_image_find_symbol(&img, "table") == 16, "find table");
	CHECK(elf_image_find_symbol(&img, "$d") == 4, "find $d");
	CHECK(elf_image_find_symbol(&img, "nope") == 0, "find nope");

	/* Each distinct string once: "$t" and "$d" appear once in .strtab. */
	ElfSection st;
	elf_image_section(&img, 8, &st);
	size_t nt = 0;
	for (uint32_t k = 0; k + 2 < st.size; k++)
		nt += memcmp(st.data + k, "$t", 3) == 0;
	CHECK(nt == 1, "\"$t\" stored %zu times", nt);

	/* Relocations: offset, type, symbol; and the addend in place. */
	struct { uint32_t sec, off, type; const char *sym; } rels[] = {
		{4, DEMO_BL, R_ARM_THM_CALL, "ext_callee"},
		{4, DEMO_MOVW, R_ARM_THM_MOVW_ABS_NC, "dvals"},
		{4, DEMO_MOVT, R_ARM_THM_MOVT_ABS, "dvals"},
		{4, DEMO_BEQW, R_ARM_THM_JUMP19, "add2"},
		{4, DEMO_BW, R_ARM_THM_JUMP24, "helper"},
		{4, DEMO_LITERAL, R_ARM_ABS32, "ext_data"},
		{5, 0x10, R_ARM_ABS32, "add2"},
		{5, 0x14, R_ARM_ABS32, "opt_hook"},
		{5, 0x18, R_ARM_REL32, "ext_data"},
		{5, 0x1c, R_ARM_TARGET1, "counter"},
		{5, 0x20, R_ARM_ABS32, ""},
	};
	CHECK(elf_image_nrelocs(&img, 4) == 6 && elf_image_nrelocs(&img, 5) == 5 &&
	      elf_image_nrelocs(&img, 1) == 0, "relocation counts");
	for (size_t k = 0; k < sizeof rels / sizeof rels[0]; k++) {
		ElfRel r;
		ElfSym s = {0};
		uint32_t i = rels[k].sec == 4 ? (uint32_t)k : (uint32_t)k - 6;
		CHECK(elf_image_reloc(&img, rels[k].sec, i, &r), "reloc %zu", k);
		elf_image_symbol(&img, r.sym, &s);
		CHECK(r.offset == rels[k].off && r.type == rels[k].type && r.addend == 0 &&
		      strcmp(s.name, rels[k].sym) == 0, "reloc %zu: 0x%x type %u sym %s", k, r.offset,
		      r.type, s.name);
	}
	ElfRel r;
	CHECK(!elf_image_reloc(&img, 4, 6, &r), "reloc past the end");

	/* In-place addends, compared with what gas writes for demo.s. */
	ElfSection text, data;
	elf_image_section(&img, 1, &text);
	elf_image_section(&img, 2, &data);
	static const struct { uint32_t off, hw1, hw2; } insn[] = {
		{DEMO_BL, 0xf7ff, 0xfffe},   /* bl, offset -4 */
		{DEMO_MOVW, 0xf240, 0x0104}, /* movw r1, #4 */
		{DEMO_MOVT, 0xf2c0, 0x0104}, /* movt r1, #4 */
		{DEMO_BEQW, 0xf43f, 0xaffe}, /* beq.w, offset -4 */
		{DEMO_BW, 0xf7ff, 0xbffe},   /* b.w, offset -4 */
		{DEMO_LITERAL, 0, 0},
		{DEMO_ADD2, 0x1840, 0x4770},
	};
	for (size_t k = 0; k < sizeof insn / sizeof insn[0]; k++)
		CHECK(rd16(text.data + insn[k].off) == insn[k].hw1 &&
		      rd16(text.data + insn[k].off + 2) == insn[k].hw2, "insn at 0x%x: %04x %04x",
		      insn[k].off, rd16(text.data + insn[k].off), rd16(text.data + insn[k].off + 2));
	CHECK(rd32(data.data) == 7 && rd32(data.data + 0x20) == 8 && rd32(data.data + 0x10) == 0,
	      "data words");
	free(f);
}

/* ---- determinism ---- */

static void test_deterministic(void)
{
	size_t l1, l2;
	uint8_t *a = demo_image(&m4_soft, &l1), *b = demo_image(&m4_soft, &l2);
	CHECK(l1 == l2 && memcmp(a, b, l1) == 0, "two builds differ");
	free(a);
	free(b);

	/* Writing twice gives the same bytes. */
	Counting c = {0};
	SyAlloc al = {counting_realloc, &c};
	ElfObj *o = elf_new(&al);
	demo_build(o, &m4_soft);
	const uint8_t *p1, *p2;
	size_t n1, n2;
	elf_write(o, &p1, &n1);
	uint8_t *copy = malloc(n1);
	memcpy(copy, p1, n1);
	CHECK(elf_write(o, &p2, &n2) == ELF_OK && n1 == n2 && memcmp(copy, p2, n1) == 0,
	      "second elf_write differs");
	free(copy);
	elf_free(o);
}

/* ---- .ARM.attributes against arm-none-eabi-gcc 12.2 -O2 ---- */

static void test_attributes(void)
{
	static const uint8_t m3_soft[] = {
		0x41, 0x2c, 0, 0, 0, 'a', 'e', 'a', 'b', 'i', 0, 0x01, 0x22, 0, 0, 0,
		0x05, '7', '-', 'M', 0, 0x06, 0x0a, 0x07, 'M', 0x09, 0x02, 0x12, 0x04, 0x14, 0x01,
		0x15, 0x01, 0x17, 0x03, 0x18, 0x01, 0x19, 0x01, 0x1a, 0x01, 0x1e, 0x02, 0x22, 0x01};
	static const uint8_t m4_soft_b[] = {
		0x41, 0x2d, 0, 0, 0, 'a', 'e', 'a', 'b', 'i', 0, 0x01, 0x23, 0, 0, 0,
		0x05, '7', 'E', '-', 'M', 0, 0x06, 0x0d, 0x07, 'M', 0x09, 0x02, 0x12, 0x04, 0x14, 0x01,
		0x15, 0x01, 0x17, 0x03, 0x18, 0x01, 0x19, 0x01, 0x1a, 0x01, 0x1e, 0x02, 0x22, 0x01};
	static const uint8_t m4_hard[] = {
		0x41, 0x33, 0, 0, 0, 'a', 'e', 'a', 'b', 'i', 0, 0x01, 0x29, 0, 0, 0,
		0x05, '7', 'E', '-', 'M', 0, 0x06, 0x0d, 0x07, 'M', 0x09, 0x02, 0x0a, 0x06, 0x12, 0x04,
		0x14, 0x01, 0x15, 0x01, 0x17, 0x03, 0x18, 0x01, 0x19, 0x01, 0x1a, 0x01, 0x1b, 0x01,
		0x1c, 0x01, 0x1e, 0x02, 0x22, 0x01};
	static const uint8_t m7_hard[] = {
		0x41, 0x31, 0, 0, 0, 'a', 'e', 'a', 'b', 'i', 0, 0x01, 0x27, 0, 0, 0,
		0x05, '7', 'E', '-', 'M', 0, 0x06, 0x0d, 0x07, 'M', 0x09, 0x02, 0x0a, 0x08, 0x12, 0x04,
		0x14, 0x01, 0x15, 0x01, 0x17, 0x03, 0x18, 0x01, 0x19, 0x01, 0x1a, 0x01, 0x1c, 0x01,
		0x1e, 0x02, 0x22, 0x01};
	static const uint8_t m33_hard[] = {
		0x41, 0x39, 0, 0, 0, 'a', 'e', 'a', 'b', 'i', 0, 0x01, 0x2f, 0, 0, 0,
		0x05, '8', '-', 'M', '.', 'M', 'A', 'I', 'N', 0, 0x06, 0x11, 0x07, 'M', 0x09, 0x03,
		0x0a, 0x08, 0x12, 0x04, 0x14, 0x01, 0x15, 0x01, 0x17, 0x03, 0x18, 0x01, 0x19, 0x01,
		0x1a, 0x01, 0x1b, 0x01, 0x1c, 0x01, 0x1e, 0x02, 0x22, 0x01, 0x2e, 0x01};
	static const struct { const char *what; ElfAttrs at; const uint8_t *bytes; size_t n; } cases[] = {
		{"cortex-m3 soft", {ELF_ARCH_V7M, false, ELF_FPU_NONE, false}, m3_soft, sizeof m3_soft},
		{"cortex-m4 soft", {ELF_ARCH_V7EM, false, ELF_FPU_NONE, false}, m4_soft_b, sizeof m4_soft_b},
		{"cortex-m4 hard", {ELF_ARCH_V7EM, false, ELF_FPU_FPV4_SP_D16, true}, m4_hard, sizeof m4_hard},
		{"cortex-m7 hard", {ELF_ARCH_V7EM, false, ELF_FPU_FPV5_D16, true}, m7_hard, sizeof m7_hard},
		{"cortex-m33 hard", {ELF_ARCH_V8M_MAIN, true, ELF_FPU_FPV5_SP_D16, true}, m33_hard,
		 sizeof m33_hard},
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		Counting c = {0};
		SyAlloc a = {counting_realloc, &c};
		ElfObj *o = elf_new(&a);
		const uint8_t *f;
		size_t len;
		elf_attributes(o, &cases[k].at);
		CHECK(elf_write(o, &f, &len) == ELF_OK, "%s: %s", cases[k].what, elf_message(o));
		ElfImage img;
		ElfSection s = {0};
		CHECK(elf_image_open(&img, f, len) == ELF_OK, "%s: %s", cases[k].what, img.msg);
		elf_image_section(&img, elf_image_find_section(&img, ".ARM.attributes"), &s);
		CHECK(s.type == SHT_ARM_ATTRIBUTES && s.size == cases[k].n &&
		      memcmp(s.data, cases[k].bytes, s.size) == 0, "%s: attributes differ from gcc's",
		      cases[k].what);
		elf_free(o);
	}
}

/* ---- writer errors ---- */

/* A fresh object; *a must outlive it. */
static ElfObj *fresh(SyAlloc *a, Counting *c)
{
	memset(c, 0, sizeof *c);
	a->fn = counting_realloc;
	a->ud = c;
	return elf_new(a);
}

#define EXPECT_ERR(o, code, text)                                                    \
	do {                                                                         \
		CHECK(elf_status(o) == (code) && strstr(elf_message(o), text),       \
		      "status %d message \"%s\", want %d \"%s\"", elf_status(o),      \
		      elf_message(o), code, text);                                   \
		const uint8_t *f_;                                                   \
		size_t n_;                                                           \
		CHECK(elf_write(o, &f_, &n_) == (code) && f_ == NULL && n_ == 0,      \
		      "elf_write after an error");                                   \
		elf_free(o);                                                         \
		CHECK(c.live_blocks == 0, "leak after error");                       \
	} while (0)

static void test_errors(void)
{
	Counting c;
	SyAlloc a;
	ElfObj *o;
	int t, s;
	uint8_t bl[4] = {0x00, 0xf0, 0x00, 0xf8}, word[4] = {0};

	o = fresh(&a, &c);
	elf_section(o, ".text", SHT_PROGBITS, SHF_ALLOC, 4);
	CHECK(elf_section(o, ".text", SHT_PROGBITS, SHF_ALLOC, 4) == 0, "duplicate section");
	CHECK(elf_section(o, ".data", SHT_PROGBITS, SHF_ALLOC, 4) == 0, "sticky error");
	EXPECT_ERR(o, ELF_ERR_ARGUMENT, "defined twice");

	o = fresh(&a, &c);
	elf_section(o, ".symtab", SHT_PROGBITS, 0, 1);
	EXPECT_ERR(o, ELF_ERR_ARGUMENT, "reserved");
	o = fresh(&a, &c);
	elf_section(o, ".rel.text", SHT_PROGBITS, 0, 1);
	EXPECT_ERR(o, ELF_ERR_ARGUMENT, "reserved");
	o = fresh(&a, &c);
	elf_section(o, ".x", SHT_PROGBITS, 0, 3);
	EXPECT_ERR(o, ELF_ERR_ARGUMENT, "power of two");
	o = fresh(&a, &c);
	elf_section(o, ".x", SHT_SYMTAB, 0, 1);
	EXPECT_ERR(o, ELF_ERR_ARGUMENT, "not PROGBITS or NOBITS");
	o = fresh(&a, &c);
	elf_section(o, ".x", SHT_PROGBITS, 0x10, 1);
	EXPECT_ERR(o, ELF_ERR_ARGUMENT, "flags");

	o = fresh(&a, &c);
	s = elf_section(o, ".bss", SHT_NOBITS, SHF_ALLOC | SHF_WRITE, 4);
	CHECK(elf_reserve(o, s, 10) == 0 && elf_reserve(o, s, 6) == 10 && elf_size(o, s) == 16,
	      "reserve");
	CHECK(elf_bytes(o, s) == NULL, "NOBITS bytes");
	elf_append(o, s, word, 4);
	EXPECT_ERR(o, ELF_ERR_ARGUMENT, "NOBITS");

	o = fresh(&a, &c);
	s = elf_section(o, ".bss", SHT_NOBITS, SHF_ALLOC | SHF_WRITE, 4);
	elf_reserve(o, s, 8);
	elf_reloc(o, s, 0, R_ARM_ABS32, elf_section_symbol(o, s), 0);
	EXPECT_ERR(o, ELF_ERR_ARGUMENT, "NOBITS");

	o = fresh(&a, &c);
	s = elf_section(o, ".bss", SHT_NOBITS, SHF_ALLOC | SHF_WRITE, 4);
	elf_reserve(o, s, 0xfffffff0u);
	elf_reserve(o, s, 0x10);
	elf_reserve(o, s, 1);
	EXPECT_ERR(o, ELF_ERR_RANGE, "4 GiB");

	o = fresh(&a, &c);
	t = elf_section(o, ".data", SHT_PROGBITS, SHF_ALLOC, 8);
	elf_append(o, t, word, 3);
	CHECK(elf_align(o, t, 4) == 4 && elf_align(o, t, 8) == 8 && elf_align(o, t, 8) == 8, "align");
	elf_align(o, t, 16);
	EXPECT_ERR(o, ELF_ERR_ARGUMENT, "alignment");

	o = fresh(&a, &c);
	elf_append(o, 1, word, 4);
	EXPECT_ERR(o, ELF_ERR_ARGUMENT, "no section with index 1");

	o = fresh(&a, &c);
	elf_symbol(o, "g", ELF_UNDEF, 0, 0, STB_GLOBAL, ELF_NOTYPE);
	elf_symbol(o, "g", ELF_ABS, 1, 0, STB_WEAK, ELF_NOTYPE);
	EXPECT_ERR(o, ELF_ERR_ARGUMENT, "symbol g defined twice");

	o = fresh(&a, &c); /* a local and a global may share a name, locals repeat */
	elf_symbol(o, "g", ELF_ABS, 1, 0, STB_LOCAL, ELF_NOTYPE);
	elf_symbol(o, "g", ELF_ABS, 1, 0, STB_LOCAL, ELF_NOTYPE);
	elf_symbol(o, "g", ELF_ABS, 1, 0, STB_GLOBAL, ELF_NOTYPE);
	CHECK(elf_status(o) == ELF_OK, "%s", elf_message(o));
	elf_free(o);

	o = fresh(&a, &c);
	elf_symbol(o, "", ELF_ABS, 0, 0, STB_GLOBAL, ELF_NOTYPE);
	EXPECT_ERR(o, ELF_ERR_ARGUMENT, "without a name");
	o = fresh(&a, &c);
	elf_symbol(o, "x", ELF_ABS, 0, 0, 5, ELF_NOTYPE);
	EXPECT_ERR(o, ELF_ERR_ARGUMENT, "binding");
	o = fresh(&a, &c);
	elf_symbol(o, "x", 7, 0, 0, STB_GLOBAL, ELF_NOTYPE);
	EXPECT_ERR(o, ELF_ERR_ARGUMENT, "no section with index 7");

	o = fresh(&a, &c);
	elf_symbol(o, "fwd", ELF_UNDEF, 0, 0, STB_LOCAL, ELF_THUMB_FUNC);
	const uint8_t *f;
	size_t n;
	elf_write(o, &f, &n);
	EXPECT_ERR(o, ELF_ERR_ARGUMENT, "local symbol fwd was never defined");

	o = fresh(&a, &c);
	t = elf_section(o, ".text", SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR, 4);
	s = elf_symbol(o, "f", t, 0, 0, STB_GLOBAL, ELF_THUMB_FUNC);
	elf_define(o, s, t, 0, 0);
	EXPECT_ERR(o, ELF_ERR_ARGUMENT, "already defined");

	o = fresh(&a, &c);
	t = elf_section(o, ".text", SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR, 4);
	elf_symbol(o, "f", t, 2, 0, STB_GLOBAL, ELF_THUMB_FUNC);
	elf_write(o, &f, &n);
	EXPECT_ERR(o, ELF_ERR_RANGE, "beyond the end");

	/* Relocations: wrong instruction, range, alignment, bounds, type. */
	static const struct {
		uint32_t type;
		uint8_t insn[4];
		int32_t addend;
		ElfErr err;
		const char *text;
	} bad[] = {
		{R_ARM_THM_CALL, {0x00, 0xf0, 0x00, 0xb8}, -4, ELF_ERR_ARGUMENT, "needs a BL"},
		{R_ARM_THM_JUMP24, {0x00, 0xf0, 0x00, 0xf8}, -4, ELF_ERR_ARGUMENT, "needs a B.W"},
		{R_ARM_THM_JUMP19, {0xc0, 0xf3, 0x00, 0x80}, -4, ELF_ERR_ARGUMENT, "B<cond>.W"},
		{R_ARM_THM_MOVW_ABS_NC, {0xc0, 0xf2, 0x00, 0x01}, 0, ELF_ERR_ARGUMENT, "needs a MOVW"},
		{R_ARM_THM_MOVT_ABS, {0x40, 0xf2, 0x00, 0x01}, 0, ELF_ERR_ARGUMENT, "needs a MOVT"},
		{R_ARM_THM_CALL, {0x00, 0xf0, 0x00, 0xf8}, 3, ELF_ERR_RANGE, "odd or out of range"},
		{R_ARM_THM_CALL, {0x00, 0xf0, 0x00, 0xf8}, 1 << 24, ELF_ERR_RANGE, "out of range"},
		{R_ARM_THM_JUMP19, {0x00, 0xf0, 0x00, 0x80}, -(1 << 20) - 2, ELF_ERR_RANGE, "out of range"},
		{R_ARM_THM_MOVW_ABS_NC, {0x40, 0xf2, 0x00, 0x01}, 32768, ELF_ERR_RANGE, "16 bits"},
		{R_ARM_THM_MOVT_ABS, {0xc0, 0xf2, 0x00, 0x01}, -32769, ELF_ERR_RANGE, "16 bits"},
		{R_ARM_NONE, {0}, 4, ELF_ERR_ARGUMENT, "no addend"},
		{99, {0}, 0, ELF_ERR_ARGUMENT, "not supported"},
	};
	for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
		o = fresh(&a, &c);
		t = elf_section(o, ".text", SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR, 4);
		s = elf_symbol(o, "x", ELF_UNDEF, 0, 0, STB_GLOBAL, ELF_NOTYPE);
		elf_append(o, t, bad[k].insn, 4);
		elf_reloc(o, t, 0, bad[k].type, s, bad[k].addend);
		EXPECT_ERR(o, bad[k].err, bad[k].text);
	}
	o = fresh(&a, &c);
	t = elf_section(o, ".text", SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR, 4);
	s = elf_symbol(o, "x", ELF_UNDEF, 0, 0, STB_GLOBAL, ELF_NOTYPE);
	elf_append(o, t, bl, 4);
	elf_append(o, t, bl, 4);
	elf_reloc(o, t, 1, R_ARM_THM_CALL, s, -4);
	EXPECT_ERR(o, ELF_ERR_RANGE, "misaligned");
	o = fresh(&a, &c);
	t = elf_section(o, ".text", SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR, 4);
	s = elf_symbol(o, "x", ELF_UNDEF, 0, 0, STB_GLOBAL, ELF_NOTYPE);
	elf_append(o, t, bl, 4);
	elf_reloc(o, t, 2, R_ARM_ABS32, s, 0);
	EXPECT_ERR(o, ELF_ERR_RANGE, "outside");
	o = fresh(&a, &c);
	t = elf_section(o, ".text", SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR, 4);
	elf_append(o, t, bl, 4);
	elf_reloc(o, t, 0, R_ARM_THM_CALL, 3, -4);
	EXPECT_ERR(o, ELF_ERR_ARGUMENT, "no symbol with handle 3");

	/* Extreme in-range addends encode and survive a read-back. */
	o = fresh(&a, &c);
	t = elf_section(o, ".text", SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR, 4);
	s = elf_symbol(o, "x", ELF_UNDEF, 0, 0, STB_GLOBAL, ELF_NOTYPE);
	uint8_t jmp19[4] = {0x00, 0xf0, 0x00, 0x80}, movw[4] = {0x40, 0xf2, 0x00, 0x0b};
	uint8_t movt[4] = {0xc0, 0xf2, 0x00, 0x0b}, movw0[4] = {0x40, 0xf2, 0x00, 0x00};
	elf_append(o, t, bl, 4);
	elf_append(o, t, jmp19, 4);
	elf_append(o, t, movw, 4);
	elf_append(o, t, bl, 4);
	elf_append(o, t, movw, 4);
	elf_append(o, t, movt, 4);
	elf_append(o, t, movw0, 4);
	elf_reloc(o, t, 16, R_ARM_THM_MOVW_ABS_NC, s, 0x7fff);
	elf_reloc(o, t, 20, R_ARM_THM_MOVT_ABS, s, -1);
	elf_reloc(o, t, 24, R_ARM_THM_MOVW_ABS_NC, s, 0x800);
	elf_reloc(o, t, 0, R_ARM_THM_CALL, s, (1 << 24) - 2);
	elf_reloc(o, t, 4, R_ARM_THM_JUMP19, s, -(1 << 20));
	elf_reloc(o, t, 8, R_ARM_THM_MOVW_ABS_NC, s, -32768);
	elf_reloc(o, t, 12, R_ARM_THM_CALL, s, -(1 << 24));
	const uint8_t *b = elf_bytes(o, t);
	CHECK(elf_status(o) == ELF_OK, "%s", elf_message(o));
	/* BL +16777214: S=0 I1=I2=1 -> J1=J2=0; B<c> -1048576: S=1, rest 0. */
	CHECK(rd16(b) == 0xf3ff && rd16(b + 2) == 0xd7ff, "bl max %04x %04x", rd16(b), rd16(b + 2));
	CHECK(rd16(b + 4) == 0xf400 && rd16(b + 6) == 0x8000, "b<c> min %04x %04x", rd16(b + 4),
	      rd16(b + 6));
	CHECK(rd16(b + 8) == 0xf248 && rd16(b + 10) == 0x0b00, "movw -32768 (r11 kept) %04x %04x",
	      rd16(b + 8), rd16(b + 10));
	CHECK(rd16(b + 12) == 0xf400 && rd16(b + 14) == 0xd000, "bl min %04x %04x", rd16(b + 12),
	      rd16(b + 14));
	/* As gas encodes movw r11, #0x7fff; movt r11, #0xffff; movw r0, #0x800. */
	CHECK(rd16(b + 16) == 0xf647 && rd16(b + 18) == 0x7bff, "movw 0x7fff %04x %04x",
	      rd16(b + 16), rd16(b + 18));
	CHECK(rd16(b + 20) == 0xf6cf && rd16(b + 22) == 0x7bff, "movt -1 %04x %04x", rd16(b + 20),
	      rd16(b + 22));
	CHECK(rd16(b + 24) == 0xf640 && rd16(b + 26) == 0x0000, "movw 0x800 %04x %04x", rd16(b + 24),
	      rd16(b + 26));
	elf_free(o);

	/* Attributes. */
	o = fresh(&a, &c);
	elf_attributes(o, &(ElfAttrs){.arch = ELF_ARCH_V7M, .hard = true});
	EXPECT_ERR(o, ELF_ERR_ARGUMENT, "without an FPU");
	o = fresh(&a, &c);
	elf_attributes(o, &(ElfAttrs){.arch = 11});
	EXPECT_ERR(o, ELF_ERR_ARGUMENT, "Tag_CPU_arch");

	/* An empty object is valid. */
	o = fresh(&a, &c);
	CHECK(elf_write(o, &f, &n) == ELF_OK, "empty: %s", elf_message(o));
	ElfImage img;
	CHECK(elf_image_open(&img, f, n) == ELF_OK && img.shnum == 4 && img.nsyms == 1,
	      "empty object: %s", img.msg);
	elf_free(o);
	elf_free(NULL);
}

/* ---- many symbols and sections: the string tables grow and rehash ---- */

/* Builds n global and n local symbols named s<i> (the locals share the
 * globals' names) over n/8 sections, with a relocation per symbol. */
static ElfErr build_many(ElfObj *o, int n)
{
	char name[32];
	int sec = 0;
	for (int i = 0; i < n; i++) {
		if (i % 8 == 0) {
			snprintf(name, sizeof name, ".data.%d", i / 8);
			sec = elf_section(o, name, SHT_PROGBITS, SHF_ALLOC | SHF_WRITE, 4);
			elf_reserve(o, sec, 32);
		}
		snprintf(name, sizeof name, "s%d", i);
		int g = elf_symbol(o, name, sec, (uint32_t)(i % 8) * 4, 4, STB_GLOBAL, ELF_OBJECT);
		elf_symbol(o, name, sec, 0, 0, STB_LOCAL, ELF_NOTYPE);
		elf_reloc(o, sec, (uint32_t)(i % 8) * 4, R_ARM_ABS32, g, i);
	}
	return elf_status(o);
}

static void test_many(void)
{
	enum { N = 3000 };
	Counting c = {0};
	SyAlloc a = {counting_realloc, &c};
	ElfObj *o = elf_new(&a);
	const uint8_t *f = NULL;
	size_t len = 0;
	CHECK(build_many(o, N) == ELF_OK && elf_write(o, &f, &len) == ELF_OK, "%s", elf_message(o));
	ElfImage img;
	CHECK(f && elf_image_open(&img, f, len) == ELF_OK, "%s", img.msg);
	CHECK(img.nsyms == 1 + 2 * N && img.shnum == 1 + 2 * (N / 8) + 3, "%u symbols, %u sections",
	      img.nsyms, img.shnum);
	ElfSection symtab, strtab;
	elf_image_section(&img, img.symtab, &symtab);
	elf_image_section(&img, symtab.link, &strtab);
	CHECK(symtab.info == 1 + N, "first global %u", symtab.info);
	size_t names = 1;
	char name[32];
	for (int i = 0; i < N; i++)
		names += (size_t)snprintf(name, sizeof name, "s%d", i) + 1;
	CHECK(strtab.size == names, ".strtab %u bytes, want %zu (each name once)", strtab.size, names);
	for (int i = 0; i < N; i += 97) {
		ElfSym l, g;
		ElfSection sec;
		snprintf(name, sizeof name, "s%d", i);
		CHECK(elf_image_symbol(&img, 1 + (uint32_t)i, &l) &&
		      elf_image_symbol(&img, 1 + N + (uint32_t)i, &g) && strcmp(l.name, name) == 0 &&
		      strcmp(g.name, name) == 0 && l.name == g.name &&
		      g.bind == STB_GLOBAL && g.value == (uint32_t)(i % 8) * 4, "symbol %s", name);
		CHECK(elf_image_section(&img, g.shndx, &sec) && rd32(sec.data + g.value) == (uint32_t)i,
		      "addend of %s", name);
		uint32_t r = elf_image_find_section(&img, ".rel.data.0") + (uint32_t)(i / 8);
		ElfRel rel;
		CHECK(elf_image_reloc(&img, r, (uint32_t)(i % 8), &rel) && rel.sym == 1 + N + (uint32_t)i,
		      "relocation of %s", name);
	}
	CHECK(elf_symbol(o, "s17", ELF_UNDEF, 0, 0, STB_WEAK, ELF_NOTYPE) == 0 &&
	      strstr(elf_message(o), "s17 defined twice"), "duplicate after rehash");
	elf_free(o);
	CHECK(c.live_blocks == 0, "leak");

	long k;
	for (k = 1;; k++) {
		Counting cf = {.fail_at = k};
		SyAlloc af = {counting_realloc, &cf};
		ElfObj *of = elf_new(&af);
		ElfErr st = ELF_ERR_NOMEM;
		if (of) {
			build_many(of, 200);
			st = elf_write(of, &f, &len);
			CHECK(cf.failed ? st == ELF_ERR_NOMEM : st == ELF_OK, "N=%ld: %s", k, elf_message(of));
			elf_free(of);
		}
		CHECK(cf.live_blocks == 0 && cf.live_bytes == 0, "N=%ld: leak", k);
		if (!cf.failed)
			break;
	}
	printf("many symbols: %d written and read back; %ld failure points, no leak\n", N, k - 1);
}

/* ---- out of memory at every allocation ---- */

static void test_alloc_fail(void)
{
	long n;
	for (n = 1;; n++) {
		Counting c = {.fail_at = n};
		SyAlloc a = {counting_realloc, &c};
		ElfObj *o = elf_new(&a);
		ElfErr st = ELF_ERR_NOMEM;
		if (o) {
			const uint8_t *f;
			size_t len;
			demo_build(o, &m4_soft);
			st = elf_write(o, &f, &len);
			if (c.failed)
				CHECK(st == ELF_ERR_NOMEM && strcmp(elf_message(o), "out of memory") == 0 &&
				      f == NULL, "N=%ld: %d %s", n, st, elf_message(o));
			else
				CHECK(st == ELF_OK, "N=%ld: %s", n, elf_message(o));
			elf_free(o);
		}
		CHECK(c.failed || st == ELF_OK, "N=%ld: failed without injection", n);
		CHECK(c.live_blocks == 0 && c.live_bytes == 0, "N=%ld: leaked %ld blocks", n,
		      c.live_blocks);
		if (!c.failed)
			break;
	}
	CHECK(n > 10, "only %ld allocations", n);
	printf("alloc-fail: %ld failure points, no leak\n", n - 1);
}

/* ---- the reader on hostile input ---- */

/* Reads everything an accessor can reach, so ASan sees every byte. */
static unsigned long touch(const uint8_t *data, size_t size)
{
	ElfImage img;
	if (elf_image_open(&img, data, size) != ELF_OK) {
		CHECK(img.err == ELF_ERR_MALFORMED && img.msg[0], "rejection without a message");
		return 0;
	}
	unsigned long sum = 0;
	ElfSection s;
	for (uint32_t i = 0; elf_image_section(&img, i, &s); i++) {
		sum += strlen(s.name);
		for (uint32_t k = 0; s.data && k < s.size; k++)
			sum += s.data[k];
		ElfRel r;
		for (uint32_t k = 0; elf_image_reloc(&img, i, k, &r); k++) {
			ElfSym y;
			sum += r.offset;
			if (s.link == img.symtab)
				CHECK(elf_image_symbol(&img, r.sym, &y), "relocation symbol unreadable");
		}
	}
	ElfSym y;
	for (uint32_t i = 0; elf_image_symbol(&img, i, &y); i++) {
		sum += strlen(y.name) + y.value;
		/* What synth layout check does with synth_mpu_tables. */
		const uint8_t *b = elf_image_bytes_at(&img, y.shndx, y.value, y.size);
		for (uint32_t k = 0; b && k < y.size; k++)
			sum += b[k];
	}
	ElfSegment g;
	for (uint32_t i = 0; elf_image_segment(&img, i, &g); i++)
		sum += g.vaddr;
	return sum + 1;
}

static uint32_t rng_state = 12345;
static uint32_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 17;
	rng_state ^= rng_state << 5;
	return rng_state;
}

/* Exercised by test_elf_link.c too, on a linked executable. */
void elf_test_robustness(const uint8_t *f, size_t len, const char *what);
void elf_test_robustness(const uint8_t *f, size_t len, const char *what)
{
	unsigned long accepted = 0;
	for (size_t n = 0; n < len; n++) {
		/* A copy of exactly n bytes, so ASan catches a read past the end. */
		uint8_t *p = malloc(n ? n : 1);
		memcpy(p, f, n);
		accepted += touch(p, n) != 0;
		free(p);
	}
	CHECK(touch(f, len) != 0, "%s: the full image is rejected", what);
	printf("%s: %zu prefixes, %lu accepted\n", what, len, accepted);

	uint8_t *p = malloc(len);
	unsigned long flips = 0;
	accepted = 0;
	for (int round = 0; round < 100000; round++) {
		memcpy(p, f, len);
		int k = 1 + (int)(rng() % 4);
		for (int j = 0; j < k; j++) {
			uint32_t at = rng() % (uint32_t)len;
			/* Half the time hit the headers, where the offsets live. */
			if (rng() & 1) {
				uint32_t shoff = rd32(f + 32);
				at = rng() & 1 ? rng() % 52 : shoff + rng() % (uint32_t)(len - shoff);
			}
			uint32_t how = rng() % 3;
			p[at] = how == 0 ? (uint8_t)rng() : how == 1 ? 0xff : p[at] ^ (uint8_t)(1u << (rng() % 8));
		}
		accepted += touch(p, len) != 0;
		flips++;
	}
	free(p);
	printf("%s: %lu corrupted copies, %lu accepted\n", what, flips, accepted);
}

static void test_reader_malformed(void)
{
	size_t len;
	uint8_t *f = demo_image(&m4_soft, &len);
	ElfImage img;
	static const struct { size_t off; uint32_t value; int width; const char *text; } cases[] = {
		{0, 0x7f, 1, NULL},
		{1, 'X', 1, "not an ELF file"},
		{4, 2, 1, "ELF32"},
		{5, 2, 1, "little-endian"},
		{6, 0, 1, "version"},
		{32, 0xfffffff0u, 4, "section header table out of the file"},
		{46, 20, 2, "entry size"},
		{48, 0x7fff, 2, "section header table out of the file"},
		{48, 0, 2, "extended section numbering"},
		{50, 0xffff, 2, "extended section numbering"},
		{50, 77, 2, "name table index"},
		{50, 1, 2, "not SHT_STRTAB"},
		{44, 3, 2, "program header entry size"},
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		uint8_t *p = malloc(len);
		memcpy(p, f, len);
		for (int b = 0; b < cases[k].width; b++)
			p[cases[k].off + b] = (uint8_t)(cases[k].value >> (8 * b));
		ElfErr e = elf_image_open(&img, p, len);
		if (cases[k].text)
			CHECK(e == ELF_ERR_MALFORMED && strstr(img.msg, cases[k].text),
			      "case %zu: \"%s\"", k, img.msg);
		else
			CHECK(e == ELF_OK, "case %zu: %s", k, img.msg);
		free(p);
	}
	/* A symbol name offset past .strtab, a relocation symbol past .symtab. */
	ElfImage ok;
	elf_image_open(&ok, f, len);
	ElfSection sym, rel;
	elf_image_section(&ok, 7, &sym);
	elf_image_section(&ok, 4, &rel);
	uint8_t *p = malloc(len);
	memcpy(p, f, len);
	p[sym.offset + 16 + 1] = 0x70;
	CHECK(elf_image_open(&img, p, len) == ELF_ERR_MALFORMED && strstr(img.msg, "name offset"),
	      "%s", img.msg);
	memcpy(p, f, len);
	p[rel.offset + 7] = 0x60;
	CHECK(elf_image_open(&img, p, len) == ELF_ERR_MALFORMED && strstr(img.msg, "out of range"),
	      "%s", img.msg);
	memcpy(p, f, len);
	ElfSection strs;
	elf_image_section(&ok, 8, &strs);
	p[strs.offset + strs.size - 1] = 'x';
	CHECK(elf_image_open(&img, p, len) == ELF_ERR_MALFORMED && strstr(img.msg, "NUL"),
	      "%s", img.msg);
	free(p);
	CHECK(elf_image_open(&img, f, 3) == ELF_ERR_MALFORMED, "3 bytes");
	CHECK(elf_image_open(&img, f, 40) == ELF_ERR_MALFORMED && strstr(img.msg, "truncated"),
	      "%s", img.msg);
	free(f);
}

/* elf_image_bytes_at: a window of a section by address, never beyond it. */
static void test_reader_bytes_at(void)
{
	size_t len;
	uint8_t *f = demo_image(&m4_soft, &len);
	ElfImage img;
	ElfSection data;
	CHECK(elf_image_open(&img, f, len) == ELF_OK && elf_image_section(&img, 2, &data), "%s", img.msg);
	/* As linked: .data at 0x20001000 (sh_addr is the fourth word of its header). */
	uint8_t *sh = f + img.shoff + 2 * img.shentsize + 12;
	sh[0] = 0x00, sh[1] = 0x10, sh[2] = 0x00, sh[3] = 0x20;
	CHECK(elf_image_open(&img, f, len) == ELF_OK, "%s", img.msg);
	const uint32_t at = 0x20001000, n = data.size;
	static const struct { uint32_t sec, off, size; bool ok; } cases[] = {
		{2, 0, DEMO_DATA_SIZE, true},       /* the whole section */
		{2, 4, DEMO_DATA_SIZE - 4, true},   /* its tail */
		{2, DEMO_DATA_SIZE, 0, true},       /* nothing, at its end */
		{2, 0, DEMO_DATA_SIZE + 1, false},  /* one byte too many */
		{2, 4, DEMO_DATA_SIZE - 3, false},
		{2, DEMO_DATA_SIZE + 1, 0, false},  /* past its end */
		{2, 4, 0xfffffffeu, false},         /* offset + size wraps in 32 bits */
		{3, 0, 4, false},                   /* NOBITS: no bytes in the file */
		{0, 0, 4, false},                   /* the null section */
		{SHN_ABS, 0, 4, false},
		{0xfff0, 0, 4, false},
	};
	CHECK(n == DEMO_DATA_SIZE, ".data has %u bytes", n);
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		uint32_t addr = cases[k].sec == 2 || cases[k].sec == 3 ? at + cases[k].off : cases[k].off;
		const uint8_t *b = elf_image_bytes_at(&img, cases[k].sec, addr, cases[k].size);
		CHECK(cases[k].ok ? b == f + data.offset + cases[k].off : b == NULL, "case %zu", k);
	}
	/* Below the section's address. */
	CHECK(elf_image_bytes_at(&img, 2, at - 4, 4) == NULL, "below .data");
	free(f);
}

/* Writes objects for the fuzzer's corpus into dir. */
static int write_seeds(const char *dir)
{
	static const ElfAttrs hard = {ELF_ARCH_V8M_MAIN, true, ELF_FPU_FPV5_SP_D16, true};
	const ElfAttrs *at[] = {&m4_soft, &hard, NULL};
	for (int k = 0; k < 3; k++) {
		size_t len;
		uint8_t *f = demo_image(at[k], &len);
		char path[1024];
		snprintf(path, sizeof path, "%s/demo%d.o", dir, k);
		FILE *fp = fopen(path, "wb");
		if (!fp || fwrite(f, 1, len, fp) != len || fclose(fp) != 0) {
			fprintf(stderr, "cannot write %s\n", path);
			return 1;
		}
		free(f);
	}
	return failures != 0;
}

int elf_link_test(int argc, char **argv);

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "link") == 0)
		return elf_link_test(argc - 2, argv + 2);
	if (argc == 3 && strcmp(argv[1], "seeds") == 0)
		return write_seeds(argv[2]);
	test_round_trip();
	test_deterministic();
	test_attributes();
	test_errors();
	test_alloc_fail();
	test_many();
	test_reader_malformed();
	test_reader_bytes_at();
	size_t len;
	uint8_t *f = demo_image(&m4_soft, &len);
	elf_test_robustness(f, len, "demo.o");
	free(f);
	if (failures) {
		fprintf(stderr, "%d check(s) failed\n", failures);
		return 1;
	}
	printf("all ELF unit checks passed\n");
	return 0;
}
