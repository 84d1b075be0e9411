/* cli.h - the synth command's subcommands. main.c parses the subcommand name
 * and dispatches; each subcommand parses its own options and returns the
 * process exit status (0 success, 1 failure of the input, 2 usage error,
 * 3 a feature Synth refuses). */
#ifndef SYNTH_CLI_H
#define SYNTH_CLI_H

#include <stddef.h>
#include <stdint.h>

#include "synth/synth.h"

/* Reads a whole file into a malloc'd buffer; prints "FILE: error: ..." and
 * returns -1 on failure. */
int cli_read_file(const char *path, uint8_t **data, size_t *size);

/* Writes a file atomically (temporary file renamed into place); prints
 * "FILE: error: ..." and returns -1 on failure. */
int cli_write_file(const char *path, const void *data, size_t size);

/* cli_write_file, unless path already holds exactly these bytes: then the
 * file (and its time stamp, for Ninja's restat) is left alone. */
int cli_write_if_changed(const char *path, const void *data, size_t size);

#include <stdbool.h>
#include <stdio.h>

#include "synth/synth.h"

/* Finds the MCU runtime folder (board folders, include/, qemu-run.sh). */
bool cli_find_runtime(char *out, size_t n);
/* Links DIR/driver.c and DIR/ID.o with the runtime of BOARD into ELF using
 * the cross compiler; a nonzero STACK sets the main stack's size in bytes
 * (else the runtime's default); prints the error and returns -1 on failure. */
int cli_link_image(const char *rt, const char *board, const char *dir, const char *id, const char *elf,
                   uint32_t stack);
/* The exit status for a library error: 3 for a feature Synth refuses
 * (SYNTH_ERR_UNSUPPORTED), so scripts can tell it from a failure; else 1. */
int cli_status_exit(SynthStatus st);

/* The core of a board of the registry (core/boards/boards.def) in *target,
 * or false when no board has that name. */
bool cli_board_target(const char *board, SynthTarget *target);
/* Prints the registry's boards, one "  NAME  CORE  description" line each. */
void cli_print_boards(FILE *f);

/* Parses a --mem-cap value "[K=]BYTES" into caps[K] or *all; prints the
 * error and returns -1 when it is not one. */
int cli_parse_cap(const char *opt, const char *v, uint64_t *caps, uint32_t ncaps, uint64_t *all);

/* synth compile ... -o OUT.o IN.wasm */
int cli_compile(int argc, char **argv);
/* synth run --board B FILE.wasm --invoke NAME [ARGS] | --run-all-exports */
int cli_run(int argc, char **argv);
/* synth validate FILE... */
int cli_validate(int argc, char **argv);
/* synth inspect FILE [--json] */
int cli_inspect(int argc, char **argv);
/* synth glue -o OUT.c [--header OUT.h] NAME=FILE.wasm[:PREFIX] ... (glue.c) */
int cli_glue(int argc, char **argv);

/* Subcommands provided by other parts, present when their sources are built. */
#ifdef SYNTH_HAVE_PLAN
int cli_plan(int argc, char **argv);         /* synth plan */
int cli_layout(int argc, char **argv);       /* synth layout export|check */
#endif
#ifdef SYNTH_HAVE_PROJECT
int cli_project(int argc, char **argv);      /* synth project check|save|steps|requests */

/* ---- project_env.c: a project build as its build folder sees it ---- */
#include "synth/project.h"

/* Room for a path (realpath() writes up to PATH_MAX, 4096 on Linux). */
#define CLI_PATH_MAX 4096

/* The paths and flags of a project build (SynthProjectEnv points into it). */
typedef struct CliProjectEnv {
	char bdir[CLI_PATH_MAX];                /* the build folder, absolute */
	char src_rel[CLI_PATH_MAX];             /* the project's folder, as the build folder sees it */
	char proj_rel[CLI_PATH_MAX + 256];      /* the project file, as the build folder sees it */
	char rt_in[CLI_PATH_MAX];               /* the runtime, as given or found */
	char rt_bd[CLI_PATH_MAX];               /* the runtime, as the build folder sees it */
	char cflags_path[CLI_PATH_MAX + 512];   /* the board's flags file, as given */
	char cflags_dep[CLI_PATH_MAX + 512];    /* the same, as the build folder sees it */
	char cflags[1024];                  /* the board's CPU flags (the file's first line) */
	SynthProjectEnv env;                /* the above, for synth_project_steps() */
} CliProjectEnv;

/* mkdir -p; -1 on failure (errno set). */
int cli_make_dirs(const char *path);
/* The folder part of path ("." when it has none). */
void cli_dir_of(const char *path, char *out, size_t cap);
/* Rewrites path (relative to the current folder) as the absolute folder bdir
 * sees it; an absolute path stays. Prints the error and returns -1 when
 * path does not exist. */
int cli_rebase(const char *path, const char *bdir, char *out, size_t cap);
/* Fills e for project file (of board) built in build_dir (created when
 * missing) with runtime (NULL: the one next to this program); prints the
 * error and returns -1 on failure. */
int cli_project_env(CliProjectEnv *e, const char *file, const char *board, const char *build_dir,
                    const char *runtime);

/* ---- project_cmake.c: `synth project steps --format cmake` ---- */

/* Writes the steps of project name (for board) as a CMake script to f, deps
 * being the files they were made from (format in project_cmake.c). When a
 * string cannot be written as a bracket argument, writes nothing, points
 * *bad at it and returns -1; also -1 on a write error (*bad NULL). */
int cli_steps_cmake(FILE *f, const char *name, const char *board, const SynthProjectSteps *s,
                    const char *const *deps, uint32_t ndeps, const char **bad);
#endif
#ifdef SYNTH_HAVE_NINJA
int cli_ninja(int argc, char **argv);        /* synth ninja PROJECT.json -o build.ninja */
#endif

#endif
