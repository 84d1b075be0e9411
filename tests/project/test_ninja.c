/* test_ninja.c - unit tests of the Ninja writer and generator (ninja-gen/):
 * each escaping function against its context's rules, line wrapping at 78
 * columns (never inside an escape), sorted and byte-identical output
 * whatever the order statements were added in, refused duplicates, unknown
 * rules and pools and newlines, and the N-th allocation failed for every N
 * through the writer and through the generator on data/full.json.
 * usage: test_ninja SRCDIR. Exit 0 when everything passes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ninja_gen.h"
#include "ninja_writer.h"
#include "counting_alloc.h"

static int failures;

#define CHECK(cond, ...)                                                   \
	do {                                                               \
		if (!(cond)) {                                             \
			fprintf(stderr, "%s:%d: FAIL: ", __FILE__, __LINE__); \
			fprintf(stderr, __VA_ARGS__);                      \
			fputc('\n', stderr);                               \
			failures++;                                        \
		}                                                          \
	} while (0)

typedef size_t (*EscFn)(const char *, char *, size_t);

static void esc(EscFn fn, const char *name, const char *in, const char *want)
{
	char out[256];
	size_t n = fn(in, out, sizeof out);
	if (!want) {
		CHECK(n == (size_t)-1, "%s(\"%s\") accepted a newline", name, in);
		return;
	}
	CHECK(n == strlen(want) && !strcmp(out, want), "%s(\"%s\") = \"%s\", want \"%s\"", name, in, out, want);
	/* The length alone, without a buffer, is the same. */
	CHECK(fn(in, NULL, 0) == n, "%s(\"%s\") length differs without a buffer", name, in);
}

static void test_escape(void)
{
	esc(ninja_escape_path, "path", "plain/file.c", "plain/file.c");
	esc(ninja_escape_path, "path", "my dir/a b$c:d.c", "my$ dir/a$ b$$c$:d.c");
	esc(ninja_escape_path, "path", "a\nb", NULL);
	esc(ninja_escape_path, "path", "a\rb", NULL);
	esc(ninja_escape_value, "value", "a b:c", "a b:c");
	esc(ninja_escape_value, "value", "$x y$", "$$x y$$");
	esc(ninja_escape_value, "value", " lead", "$ lead");
	esc(ninja_escape_value, "value", "x\n", NULL);
	esc(ninja_escape_depfile, "depfile", "a b#c$d:e", "a\\ b\\#c$$d:e");
	esc(ninja_escape_depfile, "depfile", "x\ny", NULL);
	esc(ninja_shell_quote, "shell", "--bounds=trap", "--bounds=trap");
	esc(ninja_shell_quote, "shell", "a/b.c", "a/b.c");
	esc(ninja_shell_quote, "shell", "a b", "'a b'");
	esc(ninja_shell_quote, "shell", "it's", "'it'\\''s'");
	esc(ninja_shell_quote, "shell", "$HOME", "'$HOME'");
	esc(ninja_shell_quote, "shell", "", "''");
	esc(ninja_shell_quote, "shell", "a;b", "'a;b'");
	esc(ninja_shell_quote, "shell", "a\nb", NULL);
	char small[4];
	CHECK(ninja_escape_path("a b c", small, sizeof small) == 7 && !strcmp(small, "a$ "),
	      "truncation: \"%s\"", small);
}

/* Adds the same statements in one of two orders. */
static bool fill(NinjaWriter *w, int order)
{
	static const char *const o1[] = {"out/one.o"}, *const o2[] = {"out/two words.o", "out/two.h"};
	static const char *const in1[] = {"src/one.c"}, *const in2[] = {"src/two $weird:name.c"};
	static const char *const imp[] = {"tool"}, *const ord[] = {"gen/header.h"};
	NinjaVar cc[] = {{"command", "cc -c $in -o $out"}, {"description", "CC $out"}, {"depfile", "$out.d"},
	                 {"deps", "gcc"}};
	NinjaVar gen[] = {{"command", "gen $out"}, {"restat", "1"}, {"pool", "heavy"}};
	NinjaVar v1[] = {{"flags", "-O2 $x"}};
	NinjaBuild b1 = {.rule = "cc", .noutputs = 1, .outputs = o1, .ninputs = 1, .inputs = in1, .nimplicit = 1,
	                 .implicit = imp, .norder = 1, .order = ord, .nvars = 1, .vars = v1};
	NinjaBuild b2 = {.rule = "cc", .noutputs = 2, .outputs = o2, .ninputs = 1, .inputs = in2};
	static const char *const go[] = {"gen/header.h"};
	NinjaBuild b3 = {.rule = "gen", .noutputs = 1, .outputs = go};
	bool ok = true;
	if (order == 0) {
		ok = ok && ninja_comment(w, "test file\nsecond line");
		ok = ok && ninja_variable(w, "a", "1") && ninja_variable(w, "b", "two words");
		ok = ok && ninja_pool(w, "heavy", 2);
		ok = ok && ninja_rule(w, "cc", cc, 4) && ninja_rule(w, "gen", gen, 3);
		ok = ok && ninja_build(w, &b1) && ninja_build(w, &b2) && ninja_build(w, &b3);
		ok = ok && ninja_default(w, "out/one.o") && ninja_default(w, "out/two words.o");
	} else {
		ok = ok && ninja_default(w, "out/two words.o") && ninja_build(w, &b3) && ninja_build(w, &b2);
		ok = ok && ninja_rule(w, "gen", gen, 3) && ninja_variable(w, "b", "two words");
		ok = ok && ninja_build(w, &b1) && ninja_pool(w, "heavy", 2) && ninja_default(w, "out/one.o");
		ok = ok && ninja_rule(w, "cc", cc, 4) && ninja_variable(w, "a", "1");
		ok = ok && ninja_comment(w, "test file\nsecond line");
	}
	return ok;
}

static const char want_text[] =
	"# test file\n"
	"# second line\n"
	"\n"
	"a = 1\n"
	"b = two words\n"
	"\n"
	"pool heavy\n"
	"  depth = 2\n"
	"\n"
	"rule cc\n"
	"  command = cc -c $in -o $out\n"
	"  description = CC $out\n"
	"  depfile = $out.d\n"
	"  deps = gcc\n"
	"\n"
	"rule gen\n"
	"  command = gen $out\n"
	"  restat = 1\n"
	"  pool = heavy\n"
	"\n"
	"build gen/header.h: gen\n"
	"\n"
	"build out/one.o: cc src/one.c | tool || gen/header.h\n"
	"  flags = -O2 $$x\n"
	"\n"
	"build out/two$ words.o out/two.h: cc src/two$ $$weird$:name.c\n"
	"\n"
	"default out/one.o\n"
	"default out/two$ words.o\n";

static void test_writer(void)
{
	char *t[2] = {NULL, NULL};
	size_t n[2] = {0, 0};
	NinjaWriter *w[2];
	for (int k = 0; k < 2; k++) {
		w[k] = ninja_writer_new(NULL, NULL);
		CHECK(w[k] && fill(w[k], k), "fill %d: %s", k, w[k] ? ninja_writer_error(w[k]) : "");
		CHECK(ninja_writer_finish(w[k], &t[k], &n[k]), "finish %d: %s", k, ninja_writer_error(w[k]));
	}
	CHECK(t[0] && !strcmp(t[0], want_text), "output:\n%s", t[0] ? t[0] : "");
	CHECK(t[0] && t[1] && n[0] == n[1] && !memcmp(t[0], t[1], n[0]), "order changed the bytes:\n%s", t[1]);
	for (int k = 0; k < 2; k++) {
		ninja_text_free(w[k], t[k], n[k]);
		ninja_writer_free(w[k]);
	}
}

/* Runs one refused case: setup must fail at add time (at_add) or at finish. */
static void refused(const char *what, bool (*setup)(NinjaWriter *), bool at_add, const char *want)
{
	NinjaWriter *w = ninja_writer_new(NULL, NULL);
	bool added = setup(w);
	char *t = NULL;
	size_t n = 0;
	bool finished = added && ninja_writer_finish(w, &t, &n);
	CHECK(at_add ? !added : (added && !finished), "%s was not refused", what);
	CHECK(!strcmp(ninja_writer_error(w), want), "%s: \"%s\", want \"%s\"", what, ninja_writer_error(w), want);
	ninja_text_free(w, t, n);
	ninja_writer_free(w);
}

static const NinjaVar cmd[] = {{"command", "x"}};
static const char *const out_a[] = {"a"}, *const out_nl[] = {"a\nb"};

static bool dup_rule(NinjaWriter *w) { return ninja_rule(w, "r", cmd, 1) && ninja_rule(w, "r", cmd, 1); }
static bool dup_var(NinjaWriter *w) { return ninja_variable(w, "v", "1") && ninja_variable(w, "v", "2"); }
static bool dup_out(NinjaWriter *w)
{
	static const char *const two[] = {"b", "a"};
	NinjaBuild b1 = {.rule = "r", .noutputs = 1, .outputs = out_a};
	NinjaBuild b2 = {.rule = "r", .noutputs = 2, .outputs = two};
	return ninja_rule(w, "r", cmd, 1) && ninja_build(w, &b1) && ninja_build(w, &b2);
}
static bool unknown_rule(NinjaWriter *w)
{
	NinjaBuild b = {.rule = "nope", .noutputs = 1, .outputs = out_a};
	return ninja_build(w, &b);
}
static bool unknown_pool(NinjaWriter *w)
{
	NinjaVar v[] = {{"command", "x"}, {"pool", "big"}};
	return ninja_rule(w, "r", v, 2);
}
static bool newline_path(NinjaWriter *w)
{
	NinjaBuild b = {.rule = "phony", .noutputs = 1, .outputs = out_nl};
	return ninja_build(w, &b);
}
static bool newline_value(NinjaWriter *w) { return ninja_variable(w, "v", "a\nb"); }
static bool newline_rule(NinjaWriter *w)
{
	NinjaVar v[] = {{"command", "x\ny"}};
	return ninja_rule(w, "r", v, 1);
}
static bool bad_name(NinjaWriter *w) { return ninja_variable(w, "a b", "1"); }
static bool no_outputs(NinjaWriter *w)
{
	NinjaBuild b = {.rule = "phony"};
	return ninja_build(w, &b);
}

static void test_refused(void)
{
	refused("duplicate rule", dup_rule, false, "duplicate rule \"r\"");
	refused("duplicate variable", dup_var, false, "duplicate variable \"v\"");
	refused("duplicate output", dup_out, false, "duplicate build output \"a\"");
	refused("unknown rule", unknown_rule, false, "build \"a\" uses unknown rule \"nope\"");
	refused("unknown pool", unknown_pool, false, "r uses unknown pool \"big\"");
	refused("newline in a path", newline_path, true, "path contains a newline: \"a\nb\"");
	refused("newline in a value", newline_value, true, "variable value contains a newline: \"a\nb\"");
	refused("newline in a rule", newline_rule, true, "variable value contains a newline: \"x\ny\"");
	refused("bad variable name", bad_name, true, "bad variable name \"a b\"");
	refused("no outputs", no_outputs, true, "build statement without outputs");
}

static void test_wrap(void)
{
	/* Inputs whose escaped blanks ("$ ") sit around column 78. */
	const char *ins[12];
	char names[12][40];
	for (int i = 0; i < 12; i++) {
		snprintf(names[i], sizeof names[i], "dir %d/file with blanks %d.c", i, i);
		ins[i] = names[i];
	}
	static const char *const outs[] = {"out.o"};
	NinjaVar args[] = {{"args", "-a -b -c -d -e -f -g -h -i -j -k -l -m -n -o -p -q -r -s -t -u -v -w -x -y "
	                            "-z -A -B -C -D -E -F -G -H -I -J -K -L"},
	                   {"long", "x_______________________________________________________________________"
	                            "_____________________________________no_blank_at_all"}};
	NinjaBuild b = {.rule = "phony", .noutputs = 1, .outputs = outs, .ninputs = 12, .inputs = ins, .nvars = 2,
	                .vars = args};
	NinjaWriter *w = ninja_writer_new(NULL, NULL);
	char *t = NULL;
	size_t n = 0;
	CHECK(ninja_build(w, &b) && ninja_writer_finish(w, &t, &n), "wrap: %s", ninja_writer_error(w));
	int lines = 0;
	for (char *l = t; l && *l;) {
		char *e = strchr(l, '\n');
		size_t len = (size_t)(e - l);
		lines++;
		bool unbreakable = strstr(l, "no_blank_at_all") && len > 78;
		CHECK(len <= 78 || unbreakable, "line longer than 78: %.*s", (int)len, l);
		if (len >= 2 && l[len - 1] == '$' && l[len - 2] == ' ') {
			/* the continuation must not split an escape: the " $" is ours, and
			 * the text before it ends with an even number of '$' */
			size_t d = 0;
			while (len >= 3 + d && l[len - 3 - d] == '$')
				d++;
			CHECK(d % 2 == 0, "wrapped inside an escape: %.*s", (int)len, l);
		}
		l = e + 1;
	}
	CHECK(lines > 5, "expected wrapped lines, got %d:\n%s", lines, t ? t : "");
	/* Joined back the way ninja reads it, every input is intact. */
	char joined[4096] = "";
	for (char *l = t; l && *l;) {
		char *e = strchr(l, '\n');
		size_t len = (size_t)(e - l);
		while (*l == ' ' && len)
			l++, len--;
		bool cont = len >= 2 && l[len - 1] == '$' && l[len - 2] == ' ';
		strncat(joined, l, cont ? len - 1 : len);
		if (!cont)
			strcat(joined, "\n");
		l = e + 1;
	}
	CHECK(strstr(joined, "dir$ 11/file$ with$ blanks$ 11.c") != NULL, "joined:\n%s", joined);
	ninja_text_free(w, t, n);
	ninja_writer_free(w);
}

/* ---- allocation failure ---- */

/* Counting and counting_realloc: tests/common/counting_alloc.h. */

static void test_alloc_fail(const char *srcdir)
{
	long n;
	for (n = 1; n < 100000; n++) {
		Counting c = {.fail_at = n};
		NinjaWriter *w = ninja_writer_new(counting_realloc, &c);
		char *t = NULL;
		size_t len = 0;
		bool ok = w && fill(w, 0) && ninja_writer_finish(w, &t, &len);
		CHECK(!ok || !strcmp(t, want_text), "writer, fail at %ld: wrong text", n);
		CHECK(ok || !w || !strcmp(ninja_writer_error(w), "out of memory"), "writer, fail at %ld: %s", n,
		      ninja_writer_error(w));
		if (w)
			ninja_text_free(w, t, len);
		ninja_writer_free(w);
		CHECK(c.live_blocks == 0 && c.live_bytes == 0, "writer, fail at %ld: %ld blocks leaked", n, c.live_blocks);
		if (!c.failed) {
			CHECK(ok, "writer failed without a failure");
			break;
		}
	}
	CHECK(n > 30, "writer: only %ld allocations", n);
	printf("writer: %ld allocation points\n", n - 1);

	/* The generator over the steps of data/full.json. */
	char path[1024];
	snprintf(path, sizeof path, "%s/data/full.json", srcdir);
	SynthContext *ctx = synth_context_new(NULL, NULL);
	SynthProject *p = NULL;
	SynthProjectSteps *s = NULL;
	SynthPlanError err;
	SynthProjectEnv env = {.project_file = "../full.json", .source_dir = "..", .runtime_dir = "rt",
	                       .board_cflags = "-mthumb"};
	CHECK(synth_project_load_file(ctx, path, &p, &err) == SYNTH_OK &&
	      synth_project_steps(ctx, p, &env, &s, &err) == SYNTH_OK, "steps: %s", err.message);
	NinjaGenOptions opt = {.project_file = "../full.json", .output = "build.ninja", .synth = "synth",
	                       .cc = "arm-none-eabi-gcc"};
	char why[512];
	char *ref = NULL;
	size_t reflen = 0;
	CHECK(s && ninja_gen_write(s, &opt, NULL, NULL, &ref, &reflen, why, sizeof why), "gen: %s", why);
	for (n = 1; s && ref && n < 100000; n++) {
		Counting c = {.fail_at = n};
		char *t = NULL;
		size_t len = 0;
		bool ok = ninja_gen_write(s, &opt, counting_realloc, &c, &t, &len, why, sizeof why);
		CHECK(!ok || (len == reflen && !memcmp(t, ref, len)), "gen, fail at %ld: different text", n);
		CHECK(ok || !strcmp(why, "out of memory"), "gen, fail at %ld: %s", n, why);
		ninja_gen_text_free(counting_realloc, &c, t, len);
		CHECK(c.live_blocks == 0 && c.live_bytes == 0, "gen, fail at %ld: %ld blocks leaked", n, c.live_blocks);
		if (!c.failed) {
			CHECK(ok, "gen failed without a failure: %s", why);
			break;
		}
	}
	printf("generator: %ld allocation points\n", n - 1);
	ninja_gen_text_free(NULL, NULL, ref, reflen);
	synth_project_steps_free(ctx, s);
	synth_project_free(p);
	synth_context_free(ctx);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: test_ninja SRCDIR\n");
		return 2;
	}
	test_escape();
	test_writer();
	test_refused();
	test_wrap();
	test_alloc_fail(argv[1]);
	if (failures) {
		fprintf(stderr, "%d failure(s)\n", failures);
		return 1;
	}
	printf("test_ninja: all passed\n");
	return 0;
}
