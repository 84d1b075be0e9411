/* ninja_writer.h - a tiny writer of Ninja build files, in the manner of
 * ninja's ninja_syntax.py: top-level variables, pools, rules, build
 * statements (explicit, implicit `|` and order-only `||` inputs) and
 * defaults. Statements are collected and written at the end, each kind
 * sorted (rules by name, builds by first output), with duplicates refused
 * (two rules, pools or variables of one name, an output built twice, a
 * build naming an unknown rule or pool), so the same statements always give
 * the same bytes whatever order they were added in. Lines longer than 78
 * columns are wrapped at a blank with " $" (never inside an escaped "$ ").
 *
 * Escaping has one function per context, and each refuses a newline (no
 * context can carry one):
 *   path     build-line paths: "$" -> "$$", " " -> "$ ", ":" -> "$:"
 *   value    variable values: "$" -> "$$" (a leading blank as "$ ")
 *   depfile  file names inside a Make-syntax depfile, which ninja's depfile
 *            parser reads: " " -> "\ ", "#" -> "\#", "$" -> "$$"
 *   shell    one word of a POSIX sh command: kept when made of safe
 *            characters, otherwise single-quoted ('\'' for a quote)
 * A command is shell words joined by blanks, then escaped as a value.
 *
 * The writer allocates through a SynthReallocFn hook (NULL for the C
 * library's realloc), so tests can fail its N-th allocation; it has no
 * process-wide state. */
#ifndef SYNTH_NINJA_WRITER_H
#define SYNTH_NINJA_WRITER_H

#include <stdbool.h>
#include <stddef.h>

#include "synth/synth.h"

/* Column at which lines are wrapped. */
#define NINJA_WIDTH 78

typedef struct NinjaWriter NinjaWriter;

/* A name = value binding of a rule or build statement. */
typedef struct NinjaVar {
	const char *name;  /* variable name: letters, digits, '_', '-', '.' */
	const char *value; /* value, unescaped (escaped as a value, except in a rule) */
} NinjaVar;

/* A build statement. Paths are unescaped; the writer escapes them. */
typedef struct NinjaBuild {
	const char *rule;                 /* rule name, or "phony" */
	size_t noutputs;                  /* outputs (at least one) */
	const char *const *outputs;
	size_t ninputs;                   /* explicit inputs ($in) */
	const char *const *inputs;
	size_t nimplicit;                 /* implicit inputs, after "|" */
	const char *const *implicit;
	size_t norder;                    /* order-only inputs, after "||" */
	const char *const *order;
	size_t nvars;                     /* bindings of this statement */
	const NinjaVar *vars;
} NinjaBuild;

/* Escapes s for a build line into out (cap bytes, NUL-terminated); returns
 * the escaped length (more than cap - 1: truncated), or (size_t)-1 when s
 * holds a newline. */
size_t ninja_escape_path(const char *s, char *out, size_t cap);
/* Escapes s as a variable value; same contract as ninja_escape_path. */
size_t ninja_escape_value(const char *s, char *out, size_t cap);
/* Escapes s as a file name inside a Make-syntax depfile; same contract. */
size_t ninja_escape_depfile(const char *s, char *out, size_t cap);
/* Quotes s as one POSIX shell word; same contract (an empty s gives ''). */
size_t ninja_shell_quote(const char *s, char *out, size_t cap);

/* Creates a writer allocating through fn/ud (fn NULL: realloc); NULL when out of memory. */
NinjaWriter *ninja_writer_new(SynthReallocFn fn, void *ud);
/* Frees a writer. NULL is allowed. */
void ninja_writer_free(NinjaWriter *w);
/* Sets the comment written first, one "# " line per line of text (copied). */
bool ninja_comment(NinjaWriter *w, const char *text);
/* Adds a top-level variable. */
bool ninja_variable(NinjaWriter *w, const char *name, const char *value);
/* Adds a pool of the given depth. */
bool ninja_pool(NinjaWriter *w, const char *name, unsigned depth);
/* Adds a rule with its bindings (command, description, depfile, deps,
 * restat, generator, pool...). Unlike every other value, a rule's bindings
 * are written as given (only a newline is refused): they are the caller's
 * own text, there to reference $in, $out and the statements' variables. */
bool ninja_rule(NinjaWriter *w, const char *name, const NinjaVar *vars, size_t nvars);
/* Adds a build statement. */
bool ninja_build(NinjaWriter *w, const NinjaBuild *b);
/* Adds a default target. */
bool ninja_default(NinjaWriter *w, const char *path);
/* Checks everything and writes the file: *text (len bytes plus a NUL) is
 * allocated through the writer's hook; free with ninja_text_free. */
bool ninja_writer_finish(NinjaWriter *w, char **text, size_t *len);
/* Frees text from ninja_writer_finish. */
void ninja_text_free(NinjaWriter *w, char *text, size_t len);
/* Why the last call failed ("out of memory", "duplicate rule ..."); "" when none. */
const char *ninja_writer_error(const NinjaWriter *w);

#endif
