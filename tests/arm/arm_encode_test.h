/* arm_encode_test.h - shared by the two files of the Thumb-2 encoder
 * cross-check: arm_encode_gen.c drives every emitter and spells each call
 * as assembler text, arm_encode_test.c runs the GNU tools and compares. */
#ifndef ARM_ENCODE_TEST_H
#define ARM_ENCODE_TEST_H

#include "arm/encode.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern int failures; /* problems found so far; the exit status depends on it */

#define FAIL(...) (failures++, fprintf(stderr, "FAIL: " __VA_ARGS__), fputc('\n', stderr))

#define N(a) (int)(sizeof(a) / sizeof((a)[0]))

/* Appends val to a malloc'd array (exits on out of memory). */
#define PUSH(arr, n, cap, val) do { \
	if ((n) == (cap)) { \
		(cap) = (cap) ? (cap) * 2 : 256; \
		(arr) = realloc((arr), (cap) * sizeof *(arr)); \
		if (!(arr)) { perror("realloc"); exit(2); } \
	} \
	(arr)[(n)++] = (val); \
} while (0)

/* Allocator hook state: counts live bytes, can fail the N-th allocation. */
typedef struct Heap {
	long calls;   /* allocations and growths so far */
	long fail_at; /* fail the call with this number (1-based); 0 never */
	size_t live;  /* bytes currently allocated */
} Heap;

/* The allocator hook over a Heap. */
void *heap_fn(void *ud, void *p, size_t osize, size_t nsize);
/* strdup that exits on out of memory. */
char *xstrdup(const char *s);
/* Deterministic pseudo-random numbers. */
uint32_t lcg(void);
/* Condition suffixes by ArmCond. */
extern const char *const condname[15];

/* A target: assembler directives and the matching encoder features. */
typedef struct Pass {
	const char *name;   /* short name for messages and file names */
	const char *header; /* target directives */
	unsigned feat;      /* ARM_FEAT_* */
} Pass;

#define ARM_TEST_NPASSES ((size_t)4)
extern const Pass arm_test_passes[ARM_TEST_NPASSES];

/* An accepted call: our bytes and the texts that may spell it. */
typedef struct Case {
	size_t off, len;   /* our bytes in T.buf */
	size_t alt0, nalt; /* texts T.alts[alt0 .. alt0 + nalt) */
} Case;

/* The state of one pass. */
typedef struct T {
	const Pass *p;
	Heap heap;
	ArmBuf buf, sbuf;   /* main and scratch (probing) buffers */
	ArmAsm a, s;
	Case *cases;
	size_t ncases, capcases;
	char **alts;        /* snippet texts (lines separated by '\n') */
	size_t nalts, capalts;
	char **negs;        /* texts of rejected calls */
	size_t nnegs, capnegs;
	char **fnegs;       /* texts of calls rejected for a missing feature */
	size_t nfnegs, capfnegs;
	int itc;            /* rotating condition for IT cases */
} T;

/* Runs every emitter over its operand set, filling t's cases and rejections. */
void gen_pass(T *t);
/* Prints how many calls were rejected on purpose, by reason. */
void print_reasons(void);

#endif
