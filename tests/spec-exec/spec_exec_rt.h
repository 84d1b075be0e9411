/* spec_exec_rt.h - what a generated spec-test image and its fixed parts share.
 *
 * An image (one or more per .wast and board) is three C files linked with
 * the compiled modules and the MCU runtime:
 *   - image<i>.c, written by spec-exec-gen: the command table sx_cmds[], an
 *     invoker per function signature, thunks binding function imports;
 *   - harness.c: main(), which runs the table in order, one synth_rt_try()
 *     per command, compares results bit for bit and prints one line per
 *     failure and `passed N failed M skipped K` at the end;
 *   - spectest.c: the "spectest" host module (print functions, globals,
 *     a 1..2-page memory and a 10..20-element funcref table).
 *
 * Values travel as uint64_t bit patterns (an i32 or f32 in the low 32 bits),
 * so the table is plain data and float comparisons are exact, NaN payloads
 * included. This header is also read by spec-exec-gen on the host, for the
 * constants only.
 */
#ifndef SPEC_EXEC_RT_H
#define SPEC_EXEC_RT_H

#include <stdint.h>

/* What a command does and expects (SxCmd.op). */
enum {
	SX_OP_INIT = 1,   /* instantiate: M__init() must not trap */
	SX_OP_UNINST,     /* assert_uninstantiable: M__init() must trap with .text */
	SX_OP_RETURN,     /* assert_return: the results must equal .vals[nargs..] */
	SX_OP_TRAP,       /* assert_trap: must trap with a message starting with .text */
	SX_OP_EXHAUST,    /* assert_exhaustion: must trap with "call stack exhausted" */
	SX_OP_ACTION,     /* action: must not trap, results ignored */
	SX_OP_FAIL,       /* failed already when the image was generated: .text says why */
	SX_OP_UNLINKABLE, /* assert_unlinkable: its link failed as expected (.text) when the
	                   * image was generated; passes */
};

/* Value types (SxCmd.types); an expected float result may add a NaN class,
 * in which case its bit pattern is ignored. */
enum {
	SX_T_I32 = 1,
	SX_T_I64 = 2,
	SX_T_F32 = 3,
	SX_T_F64 = 4,
	SX_T_FUNCREF = 5,         /* 0 is null (core/ABI.md) */
	SX_T_EXTERNREF = 6,       /* 0 is null; the script's `ref.extern N` is N + 1 */
	SX_T_MASK = 0x0f,
	SX_NAN_CANONICAL = 0x10,  /* nan:canonical */
	SX_NAN_ARITHMETIC = 0x20, /* nan:arithmetic */
	SX_REF_NONNULL = 0x40,    /* any non-null reference (ref.func / ref.extern without a value) */
};

/* Most results a command can check. */
#define SX_MAX_RESULTS 16

/* Trap codes the harness raises itself (outside synth_rt.h's list). */
#define SX_TRAP_FAULT 0xf0   /* a fault in compiled code, turned into a trap */
#define SX_TRAP_TIMEOUT 0xf1 /* the per-command watchdog expired */

#ifndef SPEC_EXEC_HOST
#include "synth_rt.h"

typedef struct SxCmd SxCmd;

/* Calls what a command names; writes the results' bit patterns to r. */
typedef void (*SxInvoker)(const SxCmd *c, uint64_t *r);

/* One command of the script, in script order. */
struct SxCmd {
	uint32_t line;             /* line in the .wast */
	uint8_t op;                /* SX_OP_* */
	uint8_t nargs;             /* arguments in vals[0..nargs) */
	uint8_t nresults;          /* results, expected in vals[nargs..] */
	int16_t inst;              /* instance that must be alive (not for INIT/UNINST), or -1 */
	const char *what;          /* export name, or module label for INIT/UNINST */
	SxInvoker call;            /* invoker; NULL for SX_OP_FAIL */
	void (*fn)(void);          /* function called (cast back by the invoker) */
	const volatile void *addr; /* global read by sx_get */
	const uint8_t *types;      /* nargs + nresults SX_T_* */
	const uint64_t *vals;      /* arguments, then expected results */
	const char *text;          /* expected trap message, or why SX_OP_FAIL failed */
};

/* The image's table and facts, defined by the generated image<i>.c. */
extern const SxCmd sx_cmds[];
extern const uint32_t sx_ncmds;
extern const uint32_t sx_skipped;  /* commands of this image's range not run */
extern const char sx_file[];       /* the .wast file name */
extern uint8_t sx_alive[];         /* per instance: M__init() returned */
extern uint32_t sx_refused_at[];   /* per instance: line of a grow the board cannot hold, or 0 */
extern uint32_t sx_refused_pages[]; /* per instance: pages such grows would have added */
extern const uint32_t sx_ninst;    /* instances in sx_alive */

/* Invokers defined by harness.c: M__init and a global's value. */
void sx_init(const SxCmd *c, uint64_t *r);
void sx_get(const SxCmd *c, uint64_t *r);

/* Bit-pattern conversions used by generated invokers. */
static inline int32_t sx_i32(uint64_t v) { return (int32_t)(uint32_t)v; }
static inline int64_t sx_i64(uint64_t v) { return (int64_t)v; }
static inline float sx_f32(uint64_t v)
{
	union { uint32_t u; float f; } x = {(uint32_t)v};
	return x.f;
}
static inline double sx_f64(uint64_t v)
{
	union { uint64_t u; double f; } x = {v};
	return x.f;
}
static inline uint32_t sx_ref(uint64_t v) { return (uint32_t)v; }
static inline uint64_t sx_of_i32(int32_t v) { return (uint32_t)v; }
static inline uint64_t sx_of_ref(uint32_t v) { return v; }
static inline uint64_t sx_of_i64(int64_t v) { return (uint64_t)v; }
static inline uint64_t sx_of_f32(float v)
{
	union { float f; uint32_t u; } x = {v};
	return x.u;
}
static inline uint64_t sx_of_f64(double v)
{
	union { double f; uint64_t u; } x = {v};
	return x.u;
}

/* The spectest host module (spectest.c). Names are `spectest_<field>`. */
void spectest_print(void);
void spectest_print_i32(int32_t);
void spectest_print_i64(int64_t);
void spectest_print_f32(float);
void spectest_print_f64(double);
void spectest_print_i32_f32(int32_t, float);
void spectest_print_f64_f64(double, double);
extern int32_t spectest_global_i32;
extern int64_t spectest_global_i64;
extern float spectest_global_f32;
extern double spectest_global_f64;
extern SynthRtMemory spectest_memory;
extern SynthRtTable spectest_table;
#endif

#endif
