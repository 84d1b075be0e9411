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

/* Subcommands provided by other parts, present when their sources are built. */
#ifdef SYNTH_HAVE_PLAN
int cli_plan(int argc, char **argv);         /* synth plan */
int cli_layout(int argc, char **argv);       /* synth layout export|check */
#endif
#ifdef SYNTH_HAVE_PROJECT
int cli_project(int argc, char **argv);      /* synth project check|save|steps|requests */
#endif
#ifdef SYNTH_HAVE_NINJA
int cli_ninja(int argc, char **argv);        /* synth ninja PROJECT.json -o build.ninja */
#endif

#endif
