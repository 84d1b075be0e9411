/* test_boards.c - the board registry against the runtime images built from it.
 *
 * Usage: test_boards BOARD=IMAGE.elf...  (one linked runtime image per board
 * of core/boards/boards.def; exit 77 when none is given: no cross toolchain).
 *
 * For every board: the planner's built-in target (generated from the
 * registry) loads and names the board; the linked image's own sections, read
 * from its symbols with libsynth's ELF reader (__synth_stack_bottom/_top,
 * __synth_data_start .. __synth_fault_stack_top, __synth_heap_start/_end),
 * lie inside the target's reserved rt_stack, rt_data and rt_heap; then
 * memories are added (1 MiB, then 256 KiB, then 64 KiB ones, one domain
 * each) for as long as the plan stays feasible, so the target is filled, and
 * no item of the model A or model B plan overlaps any of those sections. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "obj/elf.h"
#include "synth/plan.h"
#include "synth/synth.h"
#include "../../core/boards/boards.h"

static int failures;
#define CHECK(c, ...)                                                   \
	do {                                                            \
		if (!(c)) {                                             \
			fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, __LINE__, #c); \
			fprintf(stderr, __VA_ARGS__);                   \
			fputc('\n', stderr);                            \
			failures++;                                     \
		}                                                       \
	} while (0)

/* A section of the runtime in the image: [lo, hi). */
typedef struct RtRange {
	const char *what;     /* which sections */
	const char *reserved; /* the target's reserved region that must hold it */
	uint64_t lo, hi;
} RtRange;

static uint8_t *read_all(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long len = ftell(f);
	fseek(f, 0, SEEK_SET);
	uint8_t *b = len > 0 ? malloc((size_t)len) : NULL;
	if (b && fread(b, 1, (size_t)len, f) != (size_t)len) {
		free(b);
		b = NULL;
	}
	fclose(f);
	*n = (size_t)len;
	return b;
}

static uint64_t sym(const ElfImage *img, const char *elf, const char *name)
{
	ElfSym s;
	uint32_t i = elf_image_find_symbol(img, name);
	if (!i || !elf_image_symbol(img, i, &s)) {
		CHECK(0, "%s: no symbol %s", elf, name);
		return 0;
	}
	return s.value;
}

/* Plans reqs for t under model; NULL (and a failure) on an error. */
static SynthPlan *plan(SynthContext *ctx, const SynthPlanTarget *t, const SynthMemRequest *reqs, size_t n,
                       SynthPlanModel model)
{
	SynthPlanError e;
	SynthPlanInput *in = synth_plan_input_new(ctx);
	SynthPlan *p = NULL;
	for (size_t i = 0; in && i < n; i++)
		if (synth_plan_input_add_request(in, &reqs[i], &e) != SYNTH_OK) {
			CHECK(0, "request %zu: %s", i, e.message);
			goto done;
		}
	if (!in || synth_plan_input_finish(in, &e) != SYNTH_OK ||
	    synth_plan_compute(ctx, t, in, model, &p, &e) != SYNTH_OK)
		CHECK(0, "planning failed: %s", in ? e.message : "out of memory");
done:
	synth_plan_input_free(in);
	return p;
}

static bool feasible(SynthContext *ctx, const SynthPlanTarget *t, const SynthMemRequest *reqs, size_t n)
{
	SynthPlan *p = plan(ctx, t, reqs, n, SYNTH_MODEL_B);
	bool ok = p && synth_plan_desc(p)->feasible;
	synth_plan_free(p);
	return ok;
}

static void test_board(SynthContext *ctx, const SynthBoard *b, const char *elf)
{
	SynthPlanTarget *t = NULL;
	SynthPlanError e;
	CHECK(synth_plan_target_builtin(ctx, b->name, &t, &e) == SYNTH_OK, "%s: built-in target: %s", b->name, e.message);
	if (!t)
		return;
	const SynthPlanTargetDesc *td = synth_plan_target_desc(t);
	CHECK(strcmp(td->board, b->name) == 0, "%s: the target names board \"%s\"", b->name, td->board);

	size_t n = 0;
	uint8_t *data = read_all(elf, &n);
	ElfImage img;
	CHECK(data && elf_image_open(&img, data, n) == ELF_OK, "%s: cannot read %s", b->name, elf);
	if (!data || img.err != ELF_OK) {
		free(data);
		synth_plan_target_free(t);
		return;
	}
	RtRange rt[] = {
		{"main stack", "rt_stack", sym(&img, elf, "__synth_stack_bottom"), sym(&img, elf, "__synth_stack_top")},
		{".data, .bss, fault stack", "rt_data", sym(&img, elf, "__synth_data_start"),
		 sym(&img, elf, "__synth_fault_stack_top")},
		{"heap", "rt_heap", sym(&img, elf, "__synth_heap_start"), sym(&img, elf, "__synth_heap_end")},
	};
	size_t nrt = sizeof rt / sizeof rt[0];
	for (size_t k = 0; k < nrt; k++) {
		CHECK(rt[k].lo < rt[k].hi, "%s: the image's %s is empty or reversed", b->name, rt[k].what);
		const SynthFixedRegion *f = NULL;
		for (uint32_t i = 0; i < td->nfixed; i++)
			if (strcmp(td->fixed[i].name, rt[k].reserved) == 0)
				f = &td->fixed[i];
		CHECK(f && f->regions == 0 && f->has_base, "%s: no reserved region %s", b->name, rt[k].reserved);
		if (f)
			CHECK(f->base <= rt[k].lo && rt[k].hi <= f->base + f->size,
			      "%s: the image's %s [0x%08llx, 0x%08llx) is outside reserved %s [0x%08llx, 0x%08llx)", b->name,
			      rt[k].what, (unsigned long long)rt[k].lo, (unsigned long long)rt[k].hi, rt[k].reserved,
			      (unsigned long long)f->base, (unsigned long long)(f->base + f->size));
	}

	/* Fill the target: memories of falling sizes while the plan stays feasible. */
	enum { MAXREQ = 160 };
	static SynthMemRequest reqs[MAXREQ];
	static char names[MAXREQ][16];
	size_t nreq = 0;
	static const uint64_t sizes[] = {1u << 20, 256u << 10, 64u << 10};
	for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
		while (nreq < MAXREQ) {
			snprintf(names[nreq], sizeof names[nreq], "m%zu", nreq);
			reqs[nreq] = (SynthMemRequest){.module = names[nreq], .min_bytes = sizes[s], .max_bytes = sizes[s],
			                               .has_max = true, .page_size_log2 = 16, .reserve = sizes[s], .align = 1};
			if (!feasible(ctx, t, reqs, nreq + 1))
				break;
			nreq++;
		}
	}
	uint64_t free_ram = 0, asked = 0;
	for (uint32_t i = 0; i < td->nbanks; i++)
		free_ram += td->banks[i].size;
	for (uint32_t i = 0; i < td->nfixed; i++)
		if (td->fixed[i].regions == 0)
			free_ram -= td->fixed[i].size;
	for (size_t i = 0; i < nreq; i++)
		asked += reqs[i].reserve;
	CHECK(nreq > 0 && asked * 10 >= free_ram * 8, "%s: only %llu of %llu free bytes filled by %zu memories",
	      b->name, (unsigned long long)asked, (unsigned long long)free_ram, nreq);
	printf("%s: %zu memories, %llu of %llu plannable bytes; runtime stack [0x%08llx, 0x%08llx), data [0x%08llx, "
	       "0x%08llx), heap [0x%08llx, 0x%08llx)\n",
	       b->name, nreq, (unsigned long long)asked, (unsigned long long)free_ram, (unsigned long long)rt[0].lo,
	       (unsigned long long)rt[0].hi, (unsigned long long)rt[1].lo, (unsigned long long)rt[1].hi,
	       (unsigned long long)rt[2].lo, (unsigned long long)rt[2].hi);

	for (int m = 0; m < 2; m++) {
		SynthPlan *p = plan(ctx, t, reqs, nreq, m ? SYNTH_MODEL_B : SYNTH_MODEL_A);
		if (!p)
			continue;
		const SynthPlanDesc *d = synth_plan_desc(p);
		CHECK(m == 0 || d->feasible, "%s: the filled plan is infeasible: %s", b->name, d->why);
		for (uint32_t i = 0; i < d->nitems; i++) {
			const SynthPlanItem *it = &d->items[i];
			if (!it->bank || !it->size)
				continue; /* flash, peripherals; an unplaced item */
			for (size_t k = 0; k < nrt; k++)
				CHECK(it->base + it->size <= rt[k].lo || rt[k].hi <= it->base,
				      "%s model %s: %s [0x%08llx, 0x%08llx) overlaps the runtime's %s [0x%08llx, 0x%08llx)", b->name,
				      synth_plan_model_name(d->model), it->name, (unsigned long long)it->base,
				      (unsigned long long)(it->base + it->size), rt[k].what, (unsigned long long)rt[k].lo,
				      (unsigned long long)rt[k].hi);
		}
		synth_plan_free(p);
	}
	free(data);
	synth_plan_target_free(t);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		puts("SKIP: no runtime images (arm-none-eabi-gcc not found)");
		return 77;
	}
	SynthContext *ctx = synth_context_new(NULL, NULL);
	if (!ctx)
		return 1;
	size_t tested = 0;
	const SynthBoard *b;
	for (size_t i = 0; (b = synth_board_at(i)) != NULL; i++) {
		const char *elf = NULL;
		size_t l = strlen(b->name);
		for (int a = 1; a < argc; a++)
			if (strncmp(argv[a], b->name, l) == 0 && argv[a][l] == '=')
				elf = argv[a] + l + 1;
		CHECK(elf != NULL, "no image given for board %s", b->name);
		if (elf) {
			test_board(ctx, b, elf);
			tested++;
		}
	}
	synth_context_free(ctx);
	printf("%zu boards, %d failure(s)\n", tested, failures);
	return failures ? 1 : 0;
}
