/* arm_disasm_test.c - cross-checks the Thumb-2 disassembler
 * (core/src/arm/disasm.c) against GNU objdump.
 *
 * The corpus, per target pass (the four of the encoder cross-check:
 * cortex-m7 + fpv5-d16, cortex-m4 + fpv4-sp-d16, armv8-m.main +
 * fpv5-sp-d16, cortex-m3 without FPU), is every instruction that
 * arm_encode_gen.c makes the encoder emit (the calls arm_encode_test
 * checks against `as`), then branches: label layouts around the reach of
 * each form laid out by arm_resolve(), BL at fixed displacements, and
 * B/B<c>/BL/CBZ encodings with random displacements built here.
 *
 * The bytes go to dis_PASS.s as `.inst.n`/`.inst.w` directives behind the
 * pass's target directives, so that the object `as` makes carries that
 * target's build attributes, from which objdump picks its instruction set;
 * `objdump -d` lists it. arm_disasm() decodes the same bytes from the same
 * start, so both walk the same IT blocks, and the two texts must agree at
 * every address after this normalization, and nothing else:
 *   - runs of blanks become one space (objdump separates fields by tabs);
 *   - objdump's name for an address, ` <.text+0x1a>` after a branch
 *     target, is dropped: arm_disasm prints the address and leaves naming
 *     it to the listing (core/src/arm/listing.c), which knows the symbols.
 * Any difference is printed and makes the test fail.
 *
 * Self-checks that need no tools run first: a few fixed decodings, the
 * comparison itself (a wrong text must be caught), and every 16-bit
 * halfword and a few million random 32-bit words decoded into short and
 * truncated buffers (no crash, no read or write outside them, always a
 * terminated text). Without `as` or `objdump` the test prints SKIP and
 * exits 77.
 *
 * Usage: arm_disasm_test AS OBJDUMP WORKDIR [-v]
 */
#define _POSIX_C_SOURCE 200809L
#include "arm_encode_test.h"
#include "arm/disasm.h"

#include <inttypes.h>
#include <sys/stat.h>
#include <unistd.h>

int failures;
static int verbose;
static const char *tool_as, *tool_objdump, *workdir;

/* --- a growable byte string --- */

typedef struct Bytes {
	uint8_t *v;
	size_t n, cap;
} Bytes;

static void put(Bytes *b, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		PUSH(b->v, b->n, b->cap, p[i]);
}

static void put16(Bytes *b, uint32_t hw)
{
	uint8_t p[2] = {(uint8_t)hw, (uint8_t)(hw >> 8)};
	put(b, p, 2);
}

static void put32(Bytes *b, uint32_t w)
{
	put16(b, w >> 16);
	put16(b, w & 0xffff);
}

/* --- normalization and comparison (see the file comment) --- */

static void normalize(const char *s, char *out, size_t n)
{
	size_t k = 0;
	bool blank = false;

	while (*s == ' ' || *s == '\t')
		s++;
	for (; *s && *s != '\n' && k + 1 < n; s++) {
		if (*s == ' ' && s[1] == '<') {
			/* objdump's `<symbol+off>` after an address: skip it */
			const char *e = strchr(s, '>');
			if (e) {
				s = e;
				continue;
			}
		}
		if (*s == ' ' || *s == '\t') {
			blank = true;
			continue;
		}
		if (blank && k)
			out[k++] = ' ';
		blank = false;
		out[k++] = *s;
	}
	out[k] = 0;
}

static bool same_text(const char *ours, const char *theirs)
{
	char a[256], b[256];
	normalize(ours, a, sizeof a);
	normalize(theirs, b, sizeof b);
	return !strcmp(a, b);
}

/* --- self-checks --- */

/* Decodes a few instructions and compares with the exact text. */
static void check_fixed(void)
{
	static const struct {
		uint8_t b[4];
		unsigned n;
		const char *text;
	} cases[] = {
		{{0x20, 0xf4, 0x40, 0x01}, 4, "bic.w\tr1, r0, #12582912\t@ 0xc00000"},
		{{0x88, 0x18}, 2, "adds\tr0, r1, r2"},
		{{0x70, 0x47}, 2, "bx\tlr"},
		{{0x30, 0xee, 0x20, 0x1a}, 4, "vadd.f32\ts2, s0, s1"},
		{{0x10, 0xb5}, 2, "push\t{r4, lr}"},
		{{0xff, 0xf7, 0xfe, 0xff}, 4, "bl\t0"},
		{{0xfe, 0xe7}, 2, "b.n\t0"},
		{{0x4f, 0xf0, 0x01, 0x00}, 4, "mov.w\tr0, #1"},
		{{0x00, 0xbe}, 2, "bkpt\t0x0000"},
		{{0xf1, 0xee, 0x10, 0xfa}, 4, "vmrs\tAPSR_nzcv, fpscr"},
	};

	for (int i = 0; i < N(cases); i++) {
		ArmDis d;
		char text[128];
		arm_dis_init(&d, 0);
		unsigned n = arm_disasm(&d, cases[i].b, cases[i].n, 0, text, sizeof text, NULL);
		if (n != cases[i].n || strcmp(text, cases[i].text))
			FAIL("fixed %d: got `%s` (%u bytes), expected `%s`", i, text, n, cases[i].text);
	}
	/* inside an IT block: conditions as objdump writes them */
	{
		static const uint8_t code[] = {0x0c, 0xbf, 0x4f, 0xf0, 0x01, 0x00, 0x88, 0x18, 0x88, 0x18};
		static const char *const want[] = {"ite\teq", "moveq.w\tr0, #1", "addne\tr0, r1, r2",
		                                   "adds\tr0, r1, r2"};
		ArmDis d;
		char text[128];
		size_t off = 0;
		arm_dis_init(&d, 0);
		for (int i = 0; i < N(want); i++) {
			off += arm_disasm(&d, code, sizeof code, off, text, sizeof text, NULL);
			if (strcmp(text, want[i]))
				FAIL("IT block, instruction %d: got `%s`, expected `%s`", i, text, want[i]);
		}
	}
	/* the comparison must catch a wrong text, and forgive only blanks and names */
	if (same_text("adds\tr0, r1, r2", "adds r0, r1, r3") || same_text("b.n\t1a", "b.n 1c <x>") ||
	    !same_text("b.n\t1a", "b.n  1a <.text+0x1a>") || !same_text("mov.w\tr0, #1", " mov.w r0,  #1"))
		FAIL("the text comparison is broken");
}

/* Decodes p[0..len) at every even offset into a text buffer of textsz
 * bytes followed by guard bytes, and checks the guard and termination. */
static void decode_guarded(const uint8_t *p, size_t len, size_t textsz)
{
	char text[256 + 8];
	ArmDis d;
	uint32_t target;

	arm_dis_init(&d, 0x1000);
	for (size_t off = 0; off < len;) {
		memset(text, 0x5a, sizeof text);
		unsigned n = arm_disasm(&d, p, len, off, text, textsz, &target);
		if (n == 0 || n > 4 || off + n > len || (n == 1 && off + 1 != len)) {
			FAIL("decoding %zu bytes at %zu consumed %u", len, off, n);
			return;
		}
		if (textsz && !memchr(text, 0, textsz)) {
			FAIL("text not terminated within %zu bytes", textsz);
			return;
		}
		for (size_t k = textsz; k < sizeof text; k++)
			if (text[k] != 0x5a) {
				FAIL("text written past %zu bytes", textsz);
				return;
			}
		off += n;
	}
}

static void check_robust(void)
{
	uint8_t *buf;

	/* every halfword alone (a 32-bit prefix must not read on), then
	 * followed by each of a few second halfwords, into texts of every
	 * small size; each buffer is malloc'd to its exact size so that a
	 * sanitizer build sees any read past it */
	for (uint32_t hw = 0; hw < 0x10000; hw++) {
		static const uint16_t second[] = {0x0000, 0xffff, 0x8f4f, 0x0a00, 0x0b10, 0xf000, 0x2fff};
		buf = malloc(2);
		buf[0] = (uint8_t)hw;
		buf[1] = (uint8_t)(hw >> 8);
		decode_guarded(buf, 2, 96);
		decode_guarded(buf, 1, 96);
		free(buf);
		for (int i = 0; i < N(second); i++) {
			buf = malloc(4);
			buf[0] = (uint8_t)hw;
			buf[1] = (uint8_t)(hw >> 8);
			buf[2] = (uint8_t)second[i];
			buf[3] = (uint8_t)(second[i] >> 8);
			decode_guarded(buf, 4, hw < 64 ? hw % 40 : 96);
			decode_guarded(buf, 3, 96);
			free(buf);
		}
	}
	/* random 32-bit instructions in a long buffer (IT blocks included) */
	{
		size_t len = 1 << 20;
		buf = malloc(len);
		for (size_t i = 0; i < len; i += 4) {
			uint32_t r = lcg();
			memcpy(buf + i, &r, 4);
		}
		for (int round = 0; round < 4; round++) {
			for (size_t i = 0; i < len; i += 2)
				if (lcg() % 4 == 0)
					buf[i + 1] = (uint8_t)(0xe8 | (lcg() & 7)); /* make 32-bit prefixes common */
			decode_guarded(buf, len, round == 0 ? 12 : 256);
		}
		free(buf);
	}
}

/* --- branches --- */

/* Layouts around the reach of each branch form, resolved by the encoder. */
static void gen_branch_layouts(Bytes *out)
{
	Heap heap = {0};
	ArmBuf buf;
	ArmAsm a;
	static const int gaps[] = {0, 1, 2, 3, 62, 63, 64, 124, 125, 126, 127, 128, 129, 1021, 1022,
	                           1023, 1024, 1025};
	enum { K_B, K_BCOND, K_BL, K_CBZ, K_CBNZ, K_KINDS };
	int cond = 0;

	arm_buf_init(&buf, heap_fn, &heap);
	arm_init(&a, &buf, 0);
	for (int k = 0; k < K_KINDS; k++)
		for (int fwd = 0; fwd < 2; fwd++)
			for (int g = 0; g < N(gaps); g++) {
				ArmLabel l = arm_label_new(&a);
				if ((k == K_CBZ || k == K_CBNZ) && (!fwd || gaps[g] > 63))
					continue;
				if (k == K_BL && gaps[g] > 3 && gaps[g] != 1024)
					continue;
				if (!fwd)
					arm_bind(&a, l);
				for (int i = 0; i < (fwd ? 0 : gaps[g]); i++)
					arm_hint(&a, ARM_NOP);
				switch (k) {
				case K_B: arm_b(&a, l); break;
				case K_BCOND: arm_bcond(&a, (ArmCond)(cond++ % 14), l); break;
				case K_BL: arm_bl(&a, l); break;
				case K_CBZ: arm_cbz(&a, false, (ArmReg)(gaps[g] % 8), l); break;
				case K_CBNZ: arm_cbz(&a, true, (ArmReg)(gaps[g] % 8), l); break;
				}
				for (int i = 0; i < (fwd ? gaps[g] : 0); i++)
					arm_hint(&a, ARM_NOP);
				if (fwd)
					arm_bind(&a, l);
			}
	{
		static const int32_t disps[] = {0, 2, -4, 4094, -4096, 0x3ffffe, -0x400000, 16777214,
		                                -16777216, 0x123456, -0x123456};
		for (int i = 0; i < N(disps); i++)
			arm_bl_disp(&a, disps[i]);
	}
	if (arm_resolve(&a) != ARM_OK)
		FAIL("branch layouts: %s", arm_error_str(arm_error(&a)));
	else
		put(out, buf.data, buf.len);
	arm_free(&a);
	arm_buf_free(&buf);
}

/* Branch encodings with random displacements (not in IT blocks). */
static void gen_branch_random(Bytes *out)
{
	for (int i = 0; i < 300; i++) {
		uint32_t r = lcg(), s = lcg();
		put32(out, 0xf0009000u | (r & 0x7ff) << 16 | (s & 0x2fff));       /* b.w */
		put32(out, 0xf000d000u | (r >> 11 & 0x7ff) << 16 | (s >> 14 & 0x2fff)); /* bl */
		put32(out, 0xf0008000u | ((r >> 20) & 0x43f) << 16 | (i % 14) << 22 | (s & 0x2fff));
		put16(out, 0xe000 | (s >> 16 & 0x7ff));                            /* b.n */
		put16(out, 0xd000 | (i % 14) << 8 | (r & 0xff));                   /* b<c>.n */
		put16(out, 0xb100 | (s >> 3 & 0x0aff));                            /* cbz/cbnz */
	}
}

/* --- the cross-check --- */

static int run(const char *cmd)
{
	int rc = system(cmd);
	if (verbose)
		fprintf(stderr, "$ %s -> %d\n", cmd, rc);
	return rc;
}

/* Texts objdump printed, by address (index = address / 2). */
typedef struct Dump {
	char **text;
	size_t n;
} Dump;

static bool read_dump(const char *path, Dump *d, size_t len)
{
	FILE *f = fopen(path, "r");
	char line[1024];

	if (!f)
		return false;
	d->n = len / 2 + 1;
	d->text = calloc(d->n, sizeof *d->text);
	while (fgets(line, sizeof line, f)) {
		unsigned long addr;
		char *colon;
		int pos = 0;
		if (sscanf(line, " %lx:%n", &addr, &pos) != 1 || !pos || addr / 2 >= d->n || addr % 2)
			continue;
		colon = line + pos;
		if (*colon != '\t')
			continue;
		colon[strcspn(colon, "\n")] = 0;
		free(d->text[addr / 2]);
		d->text[addr / 2] = xstrdup(colon + 1);
	}
	fclose(f);
	return true;
}

static void free_dump(Dump *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->text[i]);
	free(d->text);
}

/* Every instruction compared, as hex, for the distinct count. */
static char **seen;
static size_t nseen, capseen, ncompared, nmismatch;

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Writes code as .inst directives for pass p, assembles, dumps, compares. */
static void check_bytes(const Pass *p, const uint8_t *code, size_t len)
{
	char path[1024], cmd[4096];
	FILE *f;
	Dump dump = {0};
	ArmDis d;
	size_t bad = 0, shown = 0, n = 0;

	snprintf(path, sizeof path, "%s/dis_%s.s", workdir, p->name);
	f = fopen(path, "w");
	if (!f) {
		FAIL("cannot write %s", path);
		return;
	}
	fprintf(f, "%s", p->header);
	for (size_t off = 0; off + 1 < len;) {
		uint32_t hw = code[off] | (uint32_t)code[off + 1] << 8;
		if (hw >= 0xe800 && off + 3 < len) {
			fprintf(f, "\t.inst.w 0x%04" PRIx32 "%02x%02x\n", hw, code[off + 3], code[off + 2]);
			off += 4;
		} else {
			fprintf(f, "\t.inst.n 0x%04" PRIx32 "\n", hw);
			off += 2;
		}
	}
	fclose(f);
	snprintf(cmd, sizeof cmd,
	         "cd '%s' && '%s' dis_%s.s -o dis_%s.o 2> dis_%s.err && '%s' -d --no-show-raw-insn dis_%s.o > dis_%s.dump",
	         workdir, tool_as, p->name, p->name, p->name, tool_objdump, p->name, p->name);
	if (run(cmd) != 0) {
		FAIL("%s: assembling or dumping failed: %s", p->name, cmd);
		return;
	}
	snprintf(path, sizeof path, "%s/dis_%s.dump", workdir, p->name);
	if (!read_dump(path, &dump, len)) {
		FAIL("cannot read %s", path);
		return;
	}
	arm_dis_init(&d, 0);
	size_t off = 0;
	while (off < len) {
		char text[256], h[16];
		unsigned sz = arm_disasm(&d, code, len, off, text, sizeof text, NULL);
		const char *theirs = dump.text[off / 2];

		if (!sz)
			break;
		snprintf(h, sizeof h, sz == 4 ? "%02x%02x %02x%02x" : "%02x%02x", code[off + 1], code[off],
		         sz == 4 ? code[off + 3] : 0, sz == 4 ? code[off + 2] : 0);
		if (!theirs || !same_text(text, theirs)) {
			bad++;
			if (shown++ < 200 || verbose)
				fprintf(stderr, "MISMATCH %s %zx: %-9s ours `%s`, objdump `%s`\n", p->name, off, h,
				        text, theirs ? theirs : "(nothing at this address)");
		}
		PUSH(seen, nseen, capseen, xstrdup(h));
		n++;
		off += sz;
	}
	/* a decoder that gives up (size 0) must not end the comparison quietly */
	if (off < len)
		FAIL("%s: the decoder stopped at offset %zx of %zu bytes", p->name, off, len);
	ncompared += n;
	nmismatch += bad;
	if (bad)
		FAIL("%s: %zu of %zu instructions differ from objdump", p->name, bad, n);
	printf("%s: %zu instructions (%zu bytes) compared with objdump, %zu differ\n", p->name, n, len,
	       bad);
	free_dump(&dump);
}

static void run_pass(const Pass *p)
{
	T t;
	Bytes all = {0};

	memset(&t, 0, sizeof t);
	t.p = p;
	arm_buf_init(&t.buf, heap_fn, &t.heap);
	arm_buf_init(&t.sbuf, heap_fn, &t.heap);
	arm_init(&t.a, &t.buf, p->feat);
	arm_init(&t.s, &t.sbuf, p->feat);
	gen_pass(&t);
	if (arm_error(&t.a) != ARM_OK || t.a.it_left)
		FAIL("%s: the generator left the encoder in error or in an IT block", p->name);
	put(&all, t.buf.data, t.buf.len);
	while (all.n % 4)
		put16(&all, 0xbf00);
	gen_branch_layouts(&all);
	gen_branch_random(&all);
	check_bytes(p, all.v, all.n);
	free(all.v);
	arm_free(&t.a);
	arm_free(&t.s);
	arm_buf_free(&t.buf);
	arm_buf_free(&t.sbuf);
	for (size_t i = 0; i < t.nalts; i++)
		free(t.alts[i]);
	for (size_t i = 0; i < t.nnegs; i++)
		free(t.negs[i]);
	for (size_t i = 0; i < t.nfnegs; i++)
		free(t.fnegs[i]);
	free(t.fnegs);
	free(t.alts);
	free(t.negs);
	free(t.cases);
}

int main(int argc, char **argv)
{
	struct stat st;

	if (argc < 4) {
		fprintf(stderr, "usage: %s AS OBJDUMP WORKDIR [-v]\n", argv[0]);
		return 2;
	}
	tool_as = argv[1];
	tool_objdump = argv[2];
	workdir = argv[3];
	verbose = argc > 4 && !strcmp(argv[4], "-v");
	check_fixed();
	check_robust();
	if (!*tool_as || access(tool_as, X_OK) != 0 || !*tool_objdump ||
	    access(tool_objdump, X_OK) != 0) {
		printf("SKIP: arm-none-eabi-as/objdump not found (install binutils-arm-none-eabi); "
		       "only the self-checks ran (%s)\n", failures ? "FAILED" : "passed");
		return failures ? 1 : 77;
	}
	if (stat(workdir, &st) != 0 && mkdir(workdir, 0777) != 0) {
		perror(workdir);
		return 2;
	}
	for (size_t i = 0; i < ARM_TEST_NPASSES; i++)
		run_pass(&arm_test_passes[i]);
	qsort(seen, nseen, sizeof *seen, cmp_str);
	{
		size_t distinct = 0;
		for (size_t i = 0; i < nseen; i++)
			if (i == 0 || strcmp(seen[i], seen[i - 1]))
				distinct++;
		printf("%zu instructions (%zu distinct encodings) in %zu passes compared with objdump: "
		       "%zu differ\n", ncompared, distinct, ARM_TEST_NPASSES, nmismatch);
		for (size_t i = 0; i < nseen; i++)
			free(seen[i]);
		free(seen);
	}
	if (failures) {
		printf("FAILED: %d problems\n", failures);
		return 1;
	}
	printf("all encodings decode as objdump does\n");
	return 0;
}
