/* arm_encode_test.c - cross-checks the Thumb-2 encoder (core/src/arm)
 * against the GNU assembler, without disassembling anything.
 *
 * For each target pass (cortex-m7 + fpv5-d16, cortex-m4 + fpv4-sp-d16,
 * armv8-m.main + fpv5-sp-d16, cortex-m3 without FPU) arm_encode_gen.c drives
 * every emitter over a systematic set of operands. Every accepted call is
 * a case: our bytes plus one or more assembler texts that mean the same
 * instruction (the literal one; for ARM_ANY both the flag-keeping and the
 * flag-setting spelling; for immediates the complementary op, e.g.
 * `add #-4` = `sub #4`). All texts go to pos_PASS.s, each behind a label
 * Lnnn; `as` assembles it, objcopy -O binary extracts .text, nm gives each
 * label's offset. A case passes when our bytes equal the bytes of one of
 * its texts and are no longer than any of them, so the encoder never misses
 * a shorter encoding that `as` knows. `as` must not even warn about a text.
 * Every call the encoder rejects goes to neg_PASS.s, and `as` must report a
 * diagnostic on that line too (accepted_PASS.s lists the ones it did not).
 *
 * The branch part lays out labels, filler NOPs and branches at distances
 * around each encoding's reach, plus random layouts, runs arm_resolve()
 * and compares bytes and label offsets with what `as` makes of the same
 * layout (its relaxation also grows branches only as far as needed).
 *
 * Usage: arm_encode_test AS OBJCOPY NM WORKDIR [-v] with full tool paths.
 * Self-checks that need no assembler run first; without AS the test prints
 * SKIP and exits 77.
 */
#define _POSIX_C_SOURCE 200809L
#include "arm_encode_test.h"

#include <inttypes.h>
#include <sys/stat.h>
#include <unistd.h>

int failures;
static int verbose;
static const char *tool_as, *tool_objcopy, *tool_nm, *workdir;

/* --- running the tools --- */

static int run(const char *cmd)
{
	int rc = system(cmd);
	if (verbose)
		fprintf(stderr, "$ %s -> %d\n", cmd, rc);
	return rc;
}

static uint8_t *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *d = NULL;
	size_t n = 0, cap = 0, got;

	if (!f)
		return NULL;
	do {
		if (n == cap) {
			cap = cap ? cap * 2 : 65536;
			d = realloc(d, cap);
			if (!d) {
				perror("realloc");
				exit(2);
			}
		}
		got = fread(d + n, 1, cap - n, f);
		n += got;
	} while (got);
	fclose(f);
	*len = n;
	return d;
}

/* Assembles DIR/NAME.s with header; on success reads .text into *bin and
 * the addresses of labels Lnnn into addr[] (indexed by nnn). Returns the
 * assembler's exit status; its messages are in DIR/NAME.err. */
static int assemble(const char *name, uint8_t **bin, size_t *binlen, size_t *addr, size_t naddr)
{
	char cmd[4096], path[1024], line[512];
	FILE *f;
	int rc;

	snprintf(cmd, sizeof cmd, "cd '%s' && '%s' %s.s -o %s.o 2> %s.err", workdir, tool_as, name,
	         name, name);
	rc = run(cmd);
	if (rc != 0 || !bin)
		return rc;
	snprintf(cmd, sizeof cmd,
	         "cd '%s' && '%s' -O binary -j .text %s.o %s.bin && '%s' %s.o > %s.nm", workdir,
	         tool_objcopy, name, name, tool_nm, name, name);
	if (run(cmd) != 0) {
		FAIL("objcopy/nm failed: %s", cmd);
		return -1;
	}
	snprintf(path, sizeof path, "%s/%s.bin", workdir, name);
	*bin = read_file(path, binlen);
	snprintf(path, sizeof path, "%s/%s.nm", workdir, name);
	f = fopen(path, "r");
	if (!f || !*bin) {
		FAIL("cannot read %s", path);
		return -1;
	}
	while (fgets(line, sizeof line, f)) {
		unsigned long v;
		char type, sym[256];
		size_t idx;
		if (sscanf(line, "%lx %c %255s", &v, &type, sym) == 3 && sym[0] == 'L' &&
		    sscanf(sym + 1, "%zu", &idx) == 1 && idx < naddr)
			addr[idx] = v;
	}
	fclose(f);
	return 0;
}

/* Halfwords as the ARM ARM writes them: "f851 0b04". */
static void hex(char *out, size_t n, const uint8_t *p, size_t len)
{
	size_t o = 0;

	out[0] = 0;
	for (size_t i = 0; i + 1 < len && o + 6 < n; i += 2)
		o += (size_t)snprintf(out + o, n - o, "%s%02x%02x", i ? " " : "", p[i + 1], p[i]);
}

/* Per-line diagnostics of DIR/NAME.err: counts into diag[line]. */
static void read_diags(const char *name, int *diag, size_t nlines, char **first)
{
	char path[1024], line[1024], pre[64];
	FILE *f;
	size_t plen;

	snprintf(path, sizeof path, "%s/%s.err", workdir, name);
	snprintf(pre, sizeof pre, "%s.s:", name);
	plen = strlen(pre);
	f = fopen(path, "r");
	if (!f)
		return;
	while (fgets(line, sizeof line, f)) {
		size_t ln;
		if (strncmp(line, pre, plen) || sscanf(line + plen, "%zu", &ln) != 1 || ln >= nlines)
			continue;
		diag[ln]++;
		if (first && !first[ln]) {
			line[strcspn(line, "\n")] = 0;
			first[ln] = xstrdup(line);
		}
	}
	fclose(f);
}

/* A snippet on one line for messages ("it eq; addeq r0, r1"), rotating buffers. */
static const char *oneline(const char *s)
{
	static char buf[4][512];
	static int k;
	char *d = buf[k++ & 3];
	size_t n = 0;

	for (; *s && n + 3 < sizeof buf[0]; s++) {
		if (*s == '\n') {
			d[n++] = ';';
			d[n++] = ' ';
			while (s[1] == '\t')
				s++;
		} else {
			d[n++] = *s;
		}
	}
	d[n] = 0;
	return d;
}

static size_t count_lines(const char *s)
{
	size_t n = 1;
	for (; *s; s++)
		n += *s == '\n';
	return n;
}

/* Every instruction of every passing case, as hex, for the distinct count. */
static char **seen;
static size_t nseen, capseen;

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Writes, assembles and compares the cases and rejected calls of t. */
static void check_pass(T *t)
{
	char path[1024], name[64];
	FILE *f;
	size_t line, *alt_line, *addr, binlen = 0;
	uint8_t *bin = NULL;
	int *diag;
	char **first;
	size_t bad = 0, agreed = 0, warned = 0, unchecked = 0, nneg;

	/* accepted calls */
	snprintf(name, sizeof name, "pos_%s", t->p->name);
	snprintf(path, sizeof path, "%s/%s.s", workdir, name);
	f = fopen(path, "w");
	if (!f) {
		FAIL("cannot write %s", path);
		return;
	}
	alt_line = calloc(t->nalts + 1, sizeof *alt_line);
	addr = calloc(t->nalts + 1, sizeof *addr);
	fprintf(f, "%s", t->p->header);
	line = count_lines(t->p->header);
	for (size_t i = 0; i < t->nalts; i++) {
		fprintf(f, "L%zu:\n\t%s\n", i, t->alts[i]);
		alt_line[i] = line + 1;
		line += 1 + count_lines(t->alts[i]);
	}
	fprintf(f, "L%zu:\n", t->nalts);
	fclose(f);
	diag = calloc(line + 2, sizeof *diag);
	first = calloc(line + 2, sizeof *first);
	for (size_t i = 0; i <= t->nalts; i++)
		addr[i] = SIZE_MAX;
	assemble(name, &bin, &binlen, addr, t->nalts + 1);
	read_diags(name, diag, line + 2, first);
	for (size_t i = 0; i < t->nalts; i++)
		for (size_t l = alt_line[i]; l < alt_line[i] + count_lines(t->alts[i]); l++)
			if (diag[l])
				FAIL("%s: `as` complains about accepted `%s`: %s", t->p->name,
				     oneline(t->alts[i]), first[l]);
	if (!bin) {
		FAIL("%s: assembling %s failed", t->p->name, path);
		goto done;
	}
	for (size_t c = 0; c < t->ncases; c++) {
		const Case *cs = &t->cases[c];
		const uint8_t *ours = t->buf.data + cs->off;
		bool match = false, longer = false;
		char h1[128], h2[128];

		for (size_t k = cs->alt0; k < cs->alt0 + cs->nalt; k++) {
			size_t a0 = addr[k], a1 = addr[k + 1];
			if (a0 == SIZE_MAX || a1 == SIZE_MAX || a1 < a0 || a1 > binlen)
				continue;
			if (a1 - a0 == cs->len && !memcmp(bin + a0, ours, cs->len))
				match = true;
			if (a1 - a0 < cs->len)
				longer = true;
		}
		if (match && !longer) {
			/* count its instructions (32-bit ones start with 0b11101..0b11111) */
			for (size_t o = 0; o + 1 < cs->len;) {
				size_t n = ours[o + 1] >= 0xe8 ? 4 : 2;
				char *h = malloc(16);
				hex(h, 16, ours + o, n);
				PUSH(seen, nseen, capseen, h);
				o += n;
			}
			continue;
		}
		bad++;
		hex(h1, sizeof h1, ours, cs->len);
		fprintf(stderr, "MISMATCH %s: %s\n  ours: %s\n", t->p->name, oneline(t->alts[cs->alt0]), h1);
		for (size_t k = cs->alt0; k < cs->alt0 + cs->nalt; k++) {
			size_t a0 = addr[k], a1 = addr[k + 1];
			if (a0 == SIZE_MAX || a1 == SIZE_MAX || a1 < a0 || a1 > binlen)
				snprintf(h2, sizeof h2, "(no bytes)");
			else
				hex(h2, sizeof h2, bin + a0, a1 - a0);
			fprintf(stderr, "  as:   %s   <- %s\n", h2, oneline(t->alts[k]));
		}
	}
	if (bad)
		FAIL("%s: %zu of %zu cases differ from `as`", t->p->name, bad, t->ncases);
done:
	free(bin);
	free(alt_line);
	free(addr);
	free(diag);
	for (size_t i = 0; i < line + 2; i++)
		free(first[i]);
	free(first);

	/* rejected calls: `as` must complain about each (those rejected for a
	 * missing feature go last; `as` lets a few of them through) */
	snprintf(name, sizeof name, "neg_%s", t->p->name);
	snprintf(path, sizeof path, "%s/%s.s", workdir, name);
	f = fopen(path, "w");
	if (!f) {
		FAIL("cannot write %s", path);
		return;
	}
	nneg = t->nnegs + t->nfnegs;
	alt_line = calloc(nneg + 1, sizeof *alt_line);
	fprintf(f, "%s", t->p->header);
	line = count_lines(t->p->header);
	for (size_t i = 0; i < nneg; i++) {
		const char *txt = i < t->nnegs ? t->negs[i] : t->fnegs[i - t->nnegs];
		fprintf(f, "\t%s\n", txt);
		alt_line[i] = line;
		line += count_lines(txt);
	}
	fclose(f);
	diag = calloc(line + 2, sizeof *diag);
	first = calloc(line + 2, sizeof *first);
	assemble(name, NULL, NULL, NULL, 0);
	read_diags(name, diag, line + 2, first);
	bad = 0;
	snprintf(path, sizeof path, "%s/accepted_%s.s", workdir, t->p->name);
	f = fopen(path, "w");
	if (f)
		fprintf(f, "%s", t->p->header);
	for (size_t i = 0; i < nneg; i++) {
		const char *txt = i < t->nnegs ? t->negs[i] : t->fnegs[i - t->nnegs];
		bool any = false, warn = false;
		for (size_t l = alt_line[i]; l < alt_line[i] + count_lines(txt); l++)
			if (diag[l]) {
				any = true;
				warn |= first[l] && strstr(first[l], "Warning") != NULL;
			}
		if (any) {
			agreed++;
			warned += warn;
		} else if (i >= t->nnegs) {
			unchecked++;
		} else {
			bad++;
			fprintf(stderr, "ACCEPTED-BY-AS %s: encoder rejects `%s`\n", t->p->name, oneline(txt));
			if (f)
				fprintf(f, "\t%s\n", txt);
		}
	}
	if (f)
		fclose(f);
	if (bad)
		FAIL("%s: %zu rejected calls are accepted by `as` (listed in %s)", t->p->name, bad, path);
	printf("%s: %zu cases (%zu assembler texts) match; %zu rejected calls, %zu of them also "
	       "rejected by `as` (%zu only with a warning), %zu for a missing feature `as` does "
	       "not check\n",
	       t->p->name, t->ncases, t->nalts, nneg, agreed, warned, unchecked);
	free(alt_line);
	free(diag);
	for (size_t i = 0; i < line + 2; i++)
		free(first[i]);
	free(first);
}

static void run_pass(const Pass *p)
{
	T t;

	memset(&t, 0, sizeof t);
	t.p = p;
	arm_buf_init(&t.buf, heap_fn, &t.heap);
	arm_buf_init(&t.sbuf, heap_fn, &t.heap);
	arm_init(&t.a, &t.buf, p->feat);
	arm_init(&t.s, &t.sbuf, p->feat);
	gen_pass(&t);
	if (arm_error(&t.a) != ARM_OK)
		FAIL("%s: sticky error left: %s", p->name, arm_error_str(arm_error(&t.a)));
	check_pass(&t);
	arm_free(&t.a);
	arm_free(&t.s);
	arm_buf_free(&t.buf);
	arm_buf_free(&t.sbuf);
	if (t.heap.live)
		FAIL("%s: %zu bytes leaked through the hook", p->name, t.heap.live);
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

/* --- branches: layouts around the reach of each form --- */

enum { BI_B, BI_BCOND, BI_BL, BI_CBZ, BI_CBNZ, BI_LABEL, BI_FILL, BI_TBH, BI_ENTRY };

/* One item of a branch layout. */
typedef struct BItem {
	int kind;  /* BI_* */
	int label; /* target (branches) or label bound here */
	int n;     /* BI_FILL: halfwords of NOP; BI_BCOND: condition; BI_ENTRY: table label */
} BItem;

typedef struct Layout {
	BItem *it;
	size_t n, cap;
	int nlabels;
} Layout;

static void lay(Layout *l, int kind, int label, int n)
{
	BItem b = {kind, label, n};
	PUSH(l->it, l->n, l->cap, b);
	if (kind == BI_LABEL && label >= l->nlabels)
		l->nlabels = label + 1;
}

/* Totals over all layouts that assembled. */
static size_t nlayouts, nbranches, ngrown;

/* Encodes layout l; compares with `as` unless expect_err (then checks that
 * arm_resolve fails with it). */
static void check_layout(const char *what, const Layout *l, ArmErr expect_err)
{
	Heap heap = {0};
	ArmBuf buf;
	ArmAsm a;
	ArmLabel *lab = calloc((size_t)l->nlabels + 1, sizeof *lab);
	ArmErr e;
	char path[1024];
	FILE *f;
	uint8_t *bin = NULL;
	size_t binlen = 0, *addr = calloc((size_t)l->nlabels + 1, sizeof *addr);

	arm_buf_init(&buf, heap_fn, &heap);
	arm_init(&a, &buf, ARM_FEAT_FP);
	for (int i = 0; i < l->nlabels; i++)
		lab[i] = arm_label_new(&a);
	snprintf(path, sizeof path, "%s/branch.s", workdir);
	f = fopen(path, "w");
	fprintf(f, ".syntax unified\n.thumb\n.cpu cortex-m7\n");
	for (size_t i = 0; i < l->n; i++) {
		const BItem *b = &l->it[i];
		switch (b->kind) {
		case BI_B: arm_b(&a, lab[b->label]); fprintf(f, "\tb L%d\n", b->label); break;
		case BI_BCOND:
			arm_bcond(&a, (ArmCond)b->n, lab[b->label]);
			fprintf(f, "\tb%s L%d\n", condname[b->n], b->label);
			break;
		case BI_BL: arm_bl(&a, lab[b->label]); fprintf(f, "\tbl L%d\n", b->label); break;
		case BI_CBZ: arm_cbz(&a, false, ARM_R3, lab[b->label]); fprintf(f, "\tcbz r3, L%d\n", b->label); break;
		case BI_CBNZ: arm_cbz(&a, true, ARM_R5, lab[b->label]); fprintf(f, "\tcbnz r5, L%d\n", b->label); break;
		case BI_LABEL: arm_bind(&a, lab[b->label]); fprintf(f, "L%d:\n", b->label); break;
		case BI_TBH: arm_tbh(&a, ARM_R2); fprintf(f, "\ttbh [pc, r2, lsl #1]\n"); break;
		case BI_ENTRY:
			arm_table_entry(&a, lab[b->n], lab[b->label]);
			fprintf(f, "\t.hword (L%d - L%d) / 2\n", b->label, b->n);
			break;
		case BI_FILL:
			for (int k = 0; k < b->n; k++)
				arm_hint(&a, ARM_NOP);
			fprintf(f, "\t.rept %d\n\tnop\n\t.endr\n", b->n);
			break;
		}
	}
	fclose(f);
	e = arm_resolve(&a);
	if (e != expect_err) {
		FAIL("branches %s: arm_resolve gave \"%s\", expected \"%s\"", what, arm_error_str(e),
		     arm_error_str(expect_err));
		goto out;
	}
	if (expect_err != ARM_OK) {
		/* `as` must refuse the layout as well */
		if (assemble("branch", NULL, NULL, NULL, 0) == 0)
			FAIL("branches %s: `as` accepts a layout arm_resolve rejects", what);
		goto out;
	}
	for (int i = 0; i <= l->nlabels; i++)
		addr[i] = SIZE_MAX;
	if (assemble("branch", &bin, &binlen, addr, (size_t)l->nlabels) != 0) {
		FAIL("branches %s: `as` failed (see %s/branch.err)", what, workdir);
		goto out;
	}
	{
		size_t fill = 0, shortable = 0, bl = 0;
		for (size_t i = 0; i < l->n; i++) {
			int k = l->it[i].kind;
			fill += k == BI_FILL ? (size_t)l->it[i].n : 0;
			shortable += k == BI_B || k == BI_BCOND || k == BI_CBZ || k == BI_CBNZ;
			bl += k == BI_BL;
		}
		nlayouts++;
		nbranches += shortable + bl;
		ngrown += (buf.len - 2 * fill - 2 * shortable - 4 * bl) / 2;
	}
	if (binlen != buf.len || memcmp(bin, buf.data, binlen)) {
		size_t k = 0;
		while (k < binlen && k < buf.len && bin[k] == buf.data[k])
			k++;
		FAIL("branches %s: %zu bytes, `as` %zu; first difference at offset %zu", what, buf.len,
		     binlen, k);
	}
	for (int i = 0; i < l->nlabels; i++)
		if (addr[i] != SIZE_MAX && addr[i] != arm_label_offset(&a, lab[i]))
			FAIL("branches %s: label %d at %zu, `as` has it at %zu", what, i,
			     arm_label_offset(&a, lab[i]), addr[i]);
out:
	arm_free(&a);
	arm_buf_free(&buf);
	if (heap.live)
		FAIL("branches %s: %zu bytes leaked", what, heap.live);
	free(bin);
	free(addr);
	free(lab);
}

/* One branch of the kind over a gap of `gap` halfwords of filler,
 * forward (label after) or backward (label before). */
static void check_reach(int kind, int gap, bool forward, ArmErr expect)
{
	Layout l = {0};
	char what[96];

	snprintf(what, sizeof what, "%s %s over %d bytes",
	         (const char *const[]){"b", "b<c>", "bl", "cbz", "cbnz"}[kind],
	         forward ? "forward" : "backward", gap * 2);
	lay(&l, BI_FILL, 0, 1);
	if (!forward)
		lay(&l, BI_LABEL, 0, 0);
	lay(&l, BI_FILL, 0, forward ? 0 : gap);
	lay(&l, kind, 0, ARM_GT);
	lay(&l, BI_FILL, 0, forward ? gap : 0);
	if (forward)
		lay(&l, BI_LABEL, 0, 0);
	lay(&l, BI_FILL, 0, 1);
	check_layout(what, &l, expect);
	free(l.it);
}

/* A TBH table whose entries change when a branch between the table and
 * their targets relaxes (entries are label differences, not fixed bytes). */
static void check_table(int gap)
{
	Layout l = {0};
	char what[64];
	snprintf(what, sizeof what, "tbh table over %d bytes", gap * 2);
	lay(&l, BI_TBH, 0, 0);
	lay(&l, BI_LABEL, 0, 0);
	for (int k = 1; k <= 4; k++)
		lay(&l, BI_ENTRY, k, 0);
	lay(&l, BI_LABEL, 1, 0);
	lay(&l, BI_BCOND, 4, ARM_EQ);
	lay(&l, BI_LABEL, 2, 0);
	lay(&l, BI_FILL, 0, gap);
	lay(&l, BI_LABEL, 3, 0);
	lay(&l, BI_B, 1, 0);
	lay(&l, BI_LABEL, 4, 0);
	check_layout(what, &l, ARM_OK);
	free(l.it);
}

/* A relaxable CBZ/CBNZ (arm_cbz_relax) over a gap of `gap` halfwords,
 * forward or backward: the form relaxation chose (CBZ, or `cmp rn, #0` and
 * B<eq/ne>.N or .W), read from its size, must be the shortest that reaches
 * in the final layout, and must match `as` assembling that form. */
static void check_cbz_relax(int gap, bool forward, bool nonzero)
{
	Heap heap = {0};
	ArmBuf buf;
	ArmAsm a;
	ArmLabel tgt, before, after;
	ArmReg rn = nonzero ? ARM_R5 : ARM_R3;
	char path[1024], what[96];
	FILE *f;
	uint8_t *bin = NULL;
	size_t binlen = 0, addr[2] = {SIZE_MAX, SIZE_MAX};

	snprintf(what, sizeof what, "%s (relaxable) %s over %d bytes", nonzero ? "cbnz" : "cbz",
	         forward ? "forward" : "backward", gap * 2);
	arm_buf_init(&buf, heap_fn, &heap);
	arm_init(&a, &buf, ARM_FEAT_FP);
	tgt = arm_label_new(&a), before = arm_label_new(&a), after = arm_label_new(&a);
	arm_hint(&a, ARM_NOP);
	if (!forward)
		arm_bind(&a, tgt);
	for (int k = 0; k < (forward ? 0 : gap); k++)
		arm_hint(&a, ARM_NOP);
	arm_bind(&a, before);
	arm_cbz_relax(&a, nonzero, rn, tgt);
	arm_bind(&a, after);
	for (int k = 0; k < (forward ? gap : 0); k++)
		arm_hint(&a, ARM_NOP);
	if (forward)
		arm_bind(&a, tgt);
	arm_hint(&a, ARM_NOP);
	if (arm_resolve(&a) != ARM_OK) {
		FAIL("branches %s: arm_resolve gave \"%s\"", what, arm_error_str(arm_error(&a)));
		goto out;
	}
	{
		int64_t b = (int64_t)arm_label_offset(&a, before), t = (int64_t)arm_label_offset(&a, tgt);
		int64_t size = (int64_t)arm_label_offset(&a, after) - b;
		/* displacements had each form been chosen (a forward target moves) */
		int64_t dcbz = t - (forward ? size - 2 : 0) - (b + 4);
		int64_t dn = t - (forward ? size - 4 : 0) - (b + 6);
		bool cbz_fits = dcbz == -2 || (dcbz >= 0 && dcbz <= 126), n_fits = dn >= -256 && dn <= 254;
		int64_t want = cbz_fits ? 2 : n_fits ? 4 : 6;
		if (size != want)
			FAIL("branches %s: %d bytes, the shortest form that reaches is %d", what, (int)size,
			     (int)want);
		snprintf(path, sizeof path, "%s/cbzr.s", workdir);
		f = fopen(path, "w");
		fprintf(f, ".syntax unified\n.thumb\n.cpu cortex-m7\n\tnop\n");
		if (!forward)
			fprintf(f, "L0:\n");
		fprintf(f, "\t.rept %d\n\tnop\n\t.endr\n", forward ? 0 : gap);
		if (size == 2)
			fprintf(f, "\t%s r%d, L0\n", nonzero ? "cbnz" : "cbz", rn);
		else
			fprintf(f, "\tcmp r%d, #0\n\tb%s.%s L0\n", rn, nonzero ? "ne" : "eq", size == 4 ? "n" : "w");
		fprintf(f, "\t.rept %d\n\tnop\n\t.endr\n", forward ? gap : 0);
		if (forward)
			fprintf(f, "L0:\n");
		fprintf(f, "\tnop\n");
		fclose(f);
		if (assemble("cbzr", &bin, &binlen, addr, 1) != 0) {
			FAIL("branches %s: `as` failed (see %s/cbzr.err)", what, workdir);
			goto out;
		}
		if (binlen != buf.len || memcmp(bin, buf.data, binlen))
			FAIL("branches %s: %zu bytes differ from `as` (%zu bytes)", what, buf.len, binlen);
		if (addr[0] != (size_t)t)
			FAIL("branches %s: target at %lld, `as` has it at %zu", what, (long long)t, addr[0]);
	}
out:
	arm_free(&a);
	arm_buf_free(&buf);
	if (heap.live)
		FAIL("branches %s: %zu bytes leaked", what, heap.live);
	free(bin);
}

/* A literal load (arm_ldr_const) `gap` halfwords of NOPs before its pool
 * (after `lead` NOPs, which moves the alignment): relaxation must pick the
 * 16-bit LDR for a low register while the word is 0..1020 bytes ahead of
 * Align(PC, 4), else LDR.W up to 4095, else MOVW+MOVT, and the bytes (the
 * pool's alignment NOP and word included) must match `as` assembling the
 * chosen form. (Sharing words is checked by tests/arm/asm/literal-pool.wat.) */
static void check_lit(int gap, int lead, ArmReg rd)
{
	Heap heap = {0};
	ArmBuf buf;
	ArmAsm a;
	ArmLabel before, after, start;
	const uint32_t value = 0x9abcdef1u;
	char path[1024], what[96];
	FILE *f;
	uint8_t *bin = NULL;
	size_t binlen = 0, addr[1] = {SIZE_MAX};

	snprintf(what, sizeof what, "ldr r%d, =0x%08x over %d bytes after %d", rd, value, gap * 2, lead * 2);
	arm_buf_init(&buf, heap_fn, &heap);
	arm_init(&a, &buf, ARM_FEAT_FP);
	before = arm_label_new(&a), after = arm_label_new(&a);
	for (int k = 0; k < lead; k++)
		arm_hint(&a, ARM_NOP);
	arm_bind(&a, before);
	arm_ldr_const(&a, rd, value);
	arm_bind(&a, after);
	for (int k = 0; k < gap; k++)
		arm_hint(&a, ARM_NOP);
	if (arm_pool(&a, &start) != 4)
		FAIL("literal %s: the pool does not hold one word", what);
	arm_hint(&a, ARM_NOP);
	arm_hint(&a, ARM_NOP);
	if (arm_resolve(&a) != ARM_OK) {
		FAIL("literal %s: arm_resolve gave \"%s\"", what, arm_error_str(arm_error(&a)));
		goto out;
	}
	{
		int64_t b = (int64_t)arm_label_offset(&a, before), t = (int64_t)arm_label_offset(&a, start);
		int64_t size = (int64_t)arm_label_offset(&a, after) - b, d = t - ((b + 4) & ~3);
		bool short_ok = rd < 8 && d >= 0 && d <= 1020;
		if (t % 4)
			FAIL("literal %s: pool word at %lld, not 4-aligned", what, (long long)t);
		/* the form must reach, and a shorter one would not have (it only
		 * brings the word nearer) */
		if ((size == 2 && !short_ok) || (size == 4 && (d > 4095 || short_ok)) || (size == 8 && d <= 4095))
			FAIL("literal %s: %d bytes, displacement %lld", what, (int)size, (long long)d);
		snprintf(path, sizeof path, "%s/lit.s", workdir);
		f = fopen(path, "w");
		fprintf(f, ".syntax unified\n.thumb\n.cpu cortex-m7\n\t.rept %d\n\tnop\n\t.endr\n", lead);
		if (size == 8)
			fprintf(f, "\tmovw r%d, #0x%x\n\tmovt r%d, #0x%x\n", rd, value & 0xffff, rd, value >> 16);
		else
			fprintf(f, "\tldr%s r%d, L0\n", size == 2 ? ".n" : ".w", rd);
		fprintf(f, "\t.rept %d\n\tnop\n\t.endr\n\t.balign 4\nL0:\t.word 0x%x\n\tnop\n\tnop\n",
		        gap, value);
		fclose(f);
		if (assemble("lit", &bin, &binlen, addr, 1) != 0) {
			FAIL("literal %s: `as` failed (see %s/lit.err)", what, workdir);
			goto out;
		}
		if (binlen != buf.len || memcmp(bin, buf.data, binlen))
			FAIL("literal %s: %zu bytes differ from `as` (%zu bytes)", what, buf.len, binlen);
		if (addr[0] != (size_t)t)
			FAIL("literal %s: word at %lld, `as` has it at %zu", what, (long long)t, addr[0]);
	}
out:
	arm_free(&a);
	arm_buf_free(&buf);
	if (heap.live)
		FAIL("literal %s: %zu bytes leaked", what, heap.live);
	free(bin);
}

static void check_branches(void)
{
	/* literal loads: each form on both sides of its reach, both alignments */
	for (int lead = 0; lead <= 1; lead++) {
		for (int g = 0; g <= 2; g++)
			check_lit(g, lead, ARM_R3);
		for (int g = 504; g <= 512; g++)
			check_lit(g, lead, g % 2 ? ARM_R0 : ARM_R7);
		check_lit(100, lead, ARM_R9);
		for (int g = 2040; g <= 2048; g++)
			check_lit(g, lead, g % 3 ? ARM_R2 : ARM_R12);
	}
	/* relaxable CBZ/CBNZ: each form on both sides of its reach */
	for (int g = 0; g <= 3; g++) {
		check_cbz_relax(g, true, g % 2);
		check_cbz_relax(g, false, g % 2);
	}
	for (int g = 60; g <= 68; g++)
		check_cbz_relax(g, true, g % 2);
	for (int g = 120; g <= 134; g++) {
		check_cbz_relax(g, true, g % 2);
		check_cbz_relax(g, false, !(g % 2));
	}
	check_cbz_relax(524285, true, false);
	check_cbz_relax(524284, false, true);

	for (int g = 120; g <= 130; g += 5)
		check_table(g);
	check_table(3000);
	/* displacement = target - (branch + 4); a forward gap of g halfwords
	 * gives 2g - 2 (16-bit branch) and a backward one -(2g + 4). */
	for (int g = 120; g <= 134; g++)
		check_reach(BI_BCOND, g, true, ARM_OK);
	for (int g = 122; g <= 134; g++)
		check_reach(BI_BCOND, g, false, ARM_OK);
	for (int g = 1016; g <= 1030; g++) {
		check_reach(BI_B, g, true, ARM_OK);
		check_reach(BI_B, g, false, ARM_OK);
	}
	for (int g = 0; g <= 3; g++)
		check_reach(BI_BL, g * 1000, g % 2, ARM_OK);
	for (int g = 1; g <= 64; g++) {
		check_reach(BI_CBZ, g, true, ARM_OK);
		check_reach(BI_CBNZ, g, true, ARM_OK);
	}
	check_reach(BI_CBZ, 65, true, ARM_ERR_RANGE);
	check_reach(BI_CBNZ, 66, true, ARM_ERR_RANGE);
	check_reach(BI_CBZ, 0, false, ARM_ERR_RANGE);
	check_reach(BI_CBNZ, 3, false, ARM_ERR_RANGE);
	/* to the next instruction: CBZ becomes a NOP (as `as` makes it) */
	check_reach(BI_CBZ, 0, true, ARM_OK);
	check_reach(BI_B, 0, true, ARM_OK);
	check_reach(BI_BCOND, 0, true, ARM_OK);
	/* B<c>.W limits: +-1 MB (the 32-bit branch is 4 bytes, so a forward
	 * gap of g halfwords is 2g bytes of displacement, backward 2g + 4) */
	check_reach(BI_BCOND, 524287, true, ARM_OK);
	check_reach(BI_BCOND, 524288, true, ARM_ERR_RANGE);
	check_reach(BI_BCOND, 524286, false, ARM_OK);
	check_reach(BI_BCOND, 524287, false, ARM_ERR_RANGE);

	/* a chain: a backward B<c> whose short form only fits while the
	 * branches in between stay short, and they do not */
	{
		Layout l = {0};
		lay(&l, BI_LABEL, 0, 0);
		lay(&l, BI_FILL, 0, 100);
		for (int i = 0; i < 20; i++)
			lay(&l, BI_B, 1, 0);
		lay(&l, BI_FILL, 0, 4);
		lay(&l, BI_BCOND, 0, ARM_NE);
		lay(&l, BI_FILL, 0, 1010);
		lay(&l, BI_LABEL, 1, 0);
		check_layout("chain", &l, ARM_OK);
		free(l.it);
	}
	/* random layouts */
	for (int round = 0; round < 6; round++) {
		Layout l = {0};
		int nl = 40;
		char what[32];
		for (int i = 0; i < 600; i++) {
			uint32_t r = lcg() % 100;
			if (r < 20)
				lay(&l, BI_FILL, 0, (int)(lcg() % (round < 3 ? 40 : 400)));
			else if (r < 45)
				lay(&l, BI_B, (int)(lcg() % (uint32_t)nl), 0);
			else if (r < 75) {
				int target = (int)(lcg() % (uint32_t)nl);
				lay(&l, BI_BCOND, target, (int)(lcg() % 14));
			}
			else if (r < 80)
				lay(&l, BI_BL, (int)(lcg() % (uint32_t)nl), 0);
			else
				lay(&l, BI_FILL, 0, 1);
			if (i % 15 == 0)
				lay(&l, BI_LABEL, i / 15, 0);
		}
		snprintf(what, sizeof what, "random layout %d", round);
		check_layout(what, &l, ARM_OK);
		free(l.it);
	}
}

/* --- checks that need no assembler --- */

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

static void self_checks(void)
{
	static uint32_t all[4096];

	/* arm_modimm is the inverse of ThumbExpandImm on every encodable value */
	for (unsigned imm12 = 0; imm12 < 4096; imm12++) {
		uint32_t v = arm_modimm_expand(imm12);
		int m = arm_modimm(v);
		if (m < 0 || arm_modimm_expand((unsigned)m) != v)
			FAIL("modimm: %#x expands to %#x, which arm_modimm gives as %d", imm12, v, m);
		all[imm12] = v;
	}
	/* and says no to everything else (random values of every magnitude,
	 * and neighbours of the encodable ones) */
	qsort(all, 4096, sizeof all[0], cmp_u32);
	for (int i = 0; i < 1000000; i++) {
		uint32_t v = i < 3 * 4096 ? all[i / 3] + (uint32_t)(i % 3) - 1 : lcg();
		if (i >= 3 * 4096)
			v >>= lcg() % 32;
		bool enc = bsearch(&v, all, 4096, sizeof all[0], cmp_u32) != NULL;
		if (enc != arm_modimm_ok(v))
			FAIL("modimm: %#x encodable %d, arm_modimm_ok says %d", v, enc, arm_modimm_ok(v));
	}
	/* VMOV immediates: exactly 256 of each precision */
	{
		unsigned n32 = 0, n64 = 0;
		for (int i = 0; i < 2000000; i++) {
			uint32_t v = lcg();
			n32 += arm_vimm_ok_f32(v);
		}
		for (int imm8 = 0; imm8 < 256; imm8++) {
			int b6 = imm8 >> 6 & 1;
			uint64_t d = (uint64_t)(imm8 >> 7) << 63 | (uint64_t)!b6 << 62 |
			             (uint64_t)(b6 ? 0xff : 0) << 54 | (uint64_t)(imm8 & 0x3f) << 48;
			n64 += arm_vimm_ok_f64(d) && !arm_vimm_ok_f64(d | 1) && !arm_vimm_ok_f64(d ^ 1ull << 55);
		}
		if (n64 != 256 || n32 > 2)
			FAIL("vimm: %u of 256 f64 patterns, %u random f32 hits", n64, n32);
	}
	/* out-of-memory: fail every allocation in turn */
	for (long k = 1;; k++) {
		Heap heap = {.fail_at = k};
		ArmBuf buf;
		ArmAsm a;
		ArmLabel l0, l1;
		ArmErr e;

		arm_buf_init(&buf, heap_fn, &heap);
		arm_init(&a, &buf, ARM_FEAT_FP);
		l0 = arm_label_new(&a);
		l1 = arm_label_new(&a);
		arm_bind(&a, l0);
		for (int i = 0; i < 300; i++) {
			arm_dp_reg(&a, ARM_ADD, ARM_KEEP, ARM_R8, ARM_R9, ARM_R10, ARM_LSL, 0);
			arm_bcond(&a, ARM_EQ, i % 2 ? l0 : l1);
		}
		arm_bind(&a, l1);
		e = arm_resolve(&a);
		arm_free(&a);
		arm_buf_free(&buf);
		if (heap.live)
			FAIL("oom at allocation %ld: %zu bytes leaked", k, heap.live);
		if (heap.calls < k) {
			if (e != ARM_OK)
				FAIL("oom: run without failure ended in \"%s\"", arm_error_str(e));
			break;
		}
		if (e != ARM_ERR_NOMEM)
			FAIL("oom at allocation %ld: got \"%s\"", k, arm_error_str(e));
	}
	/* label misuse */
	{
		Heap heap = {0};
		ArmBuf buf;
		ArmAsm a;
		ArmLabel l;
		arm_buf_init(&buf, heap_fn, &heap);
		arm_init(&a, &buf, 0);
		l = arm_label_new(&a);
		arm_b(&a, l);
		if (arm_resolve(&a) != ARM_ERR_LABEL)
			FAIL("resolve with an unbound label did not fail");
		arm_take_error(&a);
		arm_bind(&a, l);
		arm_bind(&a, l);
		if (arm_take_error(&a) != ARM_ERR_LABEL)
			FAIL("binding a label twice did not fail");
		arm_b(&a, 99);
		if (arm_take_error(&a) != ARM_ERR_LABEL)
			FAIL("branch to an unknown label did not fail");
		arm_bl_disp(&a, 3);
		if (arm_take_error(&a) != ARM_ERR_RANGE)
			FAIL("odd BL displacement did not fail");
		arm_vop3(&a, ARM_VADD, ARM_F32, 0, 1, 2);
		if (arm_take_error(&a) != ARM_ERR_FEATURE)
			FAIL("VADD without an FPU did not fail");
		arm_free(&a);
		arm_buf_free(&buf);
	}
}

/* BL with a fixed displacement: compare with `bl` to a label at that distance. */
static void check_bl_disp(void)
{
	static const int32_t disps[] = {0, 2, -4, 4094, -4096, 0x3ffffe, -0x400000, 16777214,
	                                -16777216, 0x123456, -0x123456};
	for (int i = 0; i < N(disps); i++) {
		Heap heap = {0};
		ArmBuf buf;
		ArmAsm a;
		uint8_t *bin = NULL;
		size_t binlen = 0, before;
		char path[1024];
		FILE *f;

		arm_buf_init(&buf, heap_fn, &heap);
		arm_init(&a, &buf, 0);
		arm_bl_disp(&a, disps[i]);
		snprintf(path, sizeof path, "%s/bldisp.s", workdir);
		f = fopen(path, "w");
		before = disps[i] < 0 ? -(size_t)(int64_t)disps[i] : 0;
		fprintf(f, ".syntax unified\n.thumb\n.cpu cortex-m7\n\t.space %zu\n"
		           "here:\n\tbl here + 4 + %" PRId32 "\n\t.space %" PRId32 "\n", before,
		        disps[i], disps[i] > 0 ? disps[i] : 0);
		fclose(f);
		if (assemble("bldisp", &bin, &binlen, NULL, 0) != 0 || binlen < before + 4)
			FAIL("bl disp %" PRId32 ": `as` failed", disps[i]);
		else if (memcmp(bin + before, buf.data, 4))
			FAIL("bl disp %" PRId32 ": %02x%02x %02x%02x, `as` %02x%02x %02x%02x", disps[i],
			     buf.data[1], buf.data[0], buf.data[3], buf.data[2], bin[before + 1],
			     bin[before], bin[before + 3], bin[before + 2]);
		free(bin);
		arm_free(&a);
		arm_buf_free(&buf);
	}
}

int main(int argc, char **argv)
{
	struct stat st;

	if (argc < 5) {
		fprintf(stderr, "usage: %s AS OBJCOPY NM WORKDIR [-v]\n", argv[0]);
		return 2;
	}
	tool_as = argv[1];
	tool_objcopy = argv[2];
	tool_nm = argv[3];
	workdir = argv[4];
	verbose = argc > 5 && !strcmp(argv[5], "-v");
	self_checks();
	if (!*tool_as || access(tool_as, X_OK) != 0 || !*tool_objcopy || !*tool_nm) {
		printf("SKIP: arm-none-eabi-as/objcopy/nm not found (install binutils-arm-none-eabi); "
		       "only the self-checks ran (%s)\n", failures ? "FAILED" : "passed");
		return failures ? 1 : 77;
	}
	if (stat(workdir, &st) != 0 && mkdir(workdir, 0777) != 0) {
		perror(workdir);
		return 2;
	}
	for (size_t i = 0; i < ARM_TEST_NPASSES; i++)
		run_pass(&arm_test_passes[i]);
	check_branches();
	printf("%zu branch layouts with %zu branches (%zu grown to 32 bits) laid out as `as` does\n",
	       nlayouts, nbranches, ngrown);
	check_bl_disp();
	qsort(seen, nseen, sizeof *seen, cmp_str);
	{
		size_t distinct = 0;
		for (size_t i = 0; i < nseen; i++)
			if (i == 0 || strcmp(seen[i], seen[i - 1]))
				distinct++;
		printf("%zu distinct instruction encodings cross-checked against `as` (%zu "
		       "instructions in %zu passes)\n", distinct, nseen, ARM_TEST_NPASSES);
		for (size_t i = 0; i < nseen; i++)
			free(seen[i]);
		free(seen);
	}
	print_reasons();
	if (failures) {
		printf("FAILED: %d problems\n", failures);
		return 1;
	}
	printf("all encodings match\n");
	return 0;
}
