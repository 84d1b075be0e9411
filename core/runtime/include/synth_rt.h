/* synth_rt.h - the MCU-side runtime of Synth: start-up, traps, faults,
 * semihosting output and an instruction counter for the QEMU mps2 boards.
 *
 * A program linked against libsynth-rt-<board>.a with the board's linker
 * script starts in the runtime's reset handler, which sets up the stack,
 * enables the FPU where there is one, copies .data, zeroes .bss, enables
 * the configurable fault handlers and calls `int main(void)`; main's return
 * value becomes the exit status of the QEMU process (modulo 256).
 *
 * WebAssembly traps: compiled code calls synth_rt_trap(SYNTH_TRAP_...) (or
 * executes `udf #code`, which the UsageFault handler turns into the same
 * call). A trap inside synth_rt_try() prints `trap: <spec wording>` and
 * unwinds to the synth_rt_try() call, which returns the trap code; a trap
 * outside any synth_rt_try() prints the same line and exits with
 * SYNTH_RT_EXIT_TRAP. Real faults (HardFault, MemManage, BusFault,
 * UsageFault, SecureFault) print one `fault: ...` line and exit with a
 * status per fault kind. See README.md for the memory map and the ABI.
 */
#ifndef SYNTH_RT_H
#define SYNTH_RT_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Trap codes, X(NAME, code, spec message). The message is the wording of
 * the WebAssembly spec test suite's assert_trap, so drivers can compare by
 * text. Codes are stable ABI (compiled code embeds them, `udf #code`) and
 * fit in 8 bits. */
#define SYNTH_TRAP_LIST(X) \
	X(UNREACHABLE,              1, "unreachable") \
	X(INT_OVERFLOW,             2, "integer overflow") \
	X(INT_DIV_ZERO,             3, "integer divide by zero") \
	X(INVALID_CONVERSION,       4, "invalid conversion to integer") \
	X(OOB_MEMORY,               5, "out of bounds memory access") \
	X(OOB_TABLE,                6, "out of bounds table access") \
	X(UNDEFINED_ELEMENT,        7, "undefined element") \
	X(UNINITIALIZED_ELEMENT,    8, "uninitialized element") \
	X(INDIRECT_CALL_MISMATCH,   9, "indirect call type mismatch") \
	X(CALL_STACK_EXHAUSTED,    10, "call stack exhausted")

/* A trap reason; 0 is "no trap" (synth_rt_try's normal return). */
typedef enum SynthTrap {
	SYNTH_TRAP_NONE = 0,
#define SYNTH_TRAP_ENUM_(name, code, msg) SYNTH_TRAP_##name = code,
	SYNTH_TRAP_LIST(SYNTH_TRAP_ENUM_)
#undef SYNTH_TRAP_ENUM_
	SYNTH_TRAP_COUNT_
} SynthTrap;

/* Exit statuses chosen by the runtime itself. They avoid 0-3 (tests),
 * 77 (ctest skip) and 124-127 (timeout(1), shell). */
#define SYNTH_RT_EXIT_TRAP        101 /* trap outside synth_rt_try */
#define SYNTH_RT_EXIT_HARDFAULT   102
#define SYNTH_RT_EXIT_MEMMANAGE   103
#define SYNTH_RT_EXIT_BUSFAULT    104
#define SYNTH_RT_EXIT_USAGEFAULT  105
#define SYNTH_RT_EXIT_SECUREFAULT 106 /* ARMv8-M with Security Extension */
#define SYNTH_RT_EXIT_EXCEPTION   107 /* NMI, SVCall, PendSV, SysTick or an IRQ nobody handles */

/* --- Start-up ------------------------------------------------------------ */

/* Called by the reset handler first, before .data, .bss and the ranges a
 * planned layout places are set up (so it may use no C globals); the
 * runtime's own does nothing, a program may define it. Then the reset
 * handler zeroes every memory and state section the layout's C table lists
 * (synth_layout_zero, from synth layout export --c) before main. */
void synth_rt_early(void);

/* --- Exit and raw semihosting ------------------------------------------ */

/* Flushes output and ends the program; QEMU exits with status & 0xff. */
void synth_rt_exit(int status) __attribute__((noreturn));
/* Semihosting call: `bkpt 0xAB` with r0 = op, r1 = arg; returns r0. */
int synth_rt_semihost(int op, void *arg);
/* Unbuffered SYS_WRITE0: writes a NUL-terminated string at once. */
void synth_rt_semihost_write0(const char *s);
/* Unbuffered SYS_WRITEC: writes one character at once. */
void synth_rt_semihost_writec(char c);

/* --- Output (semihosting, line-buffered; no printf) -------------------- */

/* Prints a NUL-terminated string. */
void synth_rt_print(const char *s);
/* Prints one character. */
void synth_rt_print_char(char c);
/* Prints "0x" and 8 lower-case hex digits. */
void synth_rt_print_hex32(uint32_t v);
/* Prints "0x" and 16 lower-case hex digits. */
void synth_rt_print_hex64(uint64_t v);
/* Prints a signed decimal number. */
void synth_rt_print_i32(int32_t v);
/* Prints an unsigned decimal number. */
void synth_rt_print_u32(uint32_t v);
/* Prints a signed decimal number. */
void synth_rt_print_i64(int64_t v);
/* Prints an unsigned decimal number. */
void synth_rt_print_u64(uint64_t v);
/* Writes buffered output out (done by '\n', exit, traps and faults). */
void synth_rt_flush(void);

/* --- Traps --------------------------------------------------------------- */

/* Raises a WebAssembly trap: prints "trap: <message>\n", then unwinds to
 * the innermost synth_rt_try(), or exits with SYNTH_RT_EXIT_TRAP when there
 * is none. Thread mode only. Needs a little stack (well under the
 * __synth_stack_reserve below __synth_stack_limit). */
void synth_rt_trap(int reason) __attribute__((noreturn));
/* When nonzero, a trap caught by synth_rt_try() prints nothing (the caller
 * reports it from the returned code). 0 by default. */
extern int synth_rt_trap_quiet;
/* Spec message for a trap code ("unreachable", ...), or "unknown trap". */
const char *synth_rt_trap_message(int reason);
/* Calls fn(arg). Returns 0 when fn returns normally, or the trap code when
 * a trap unwinds out of it. Nests. Callee-saved core registers (and
 * d8-d15 on FPU boards) are restored; anything fn changed in memory stays
 * changed, as the spec requires. */
int synth_rt_try(void (*fn)(void *arg), void *arg);

/* Stack limit for call-stack-exhaustion checks: the lowest value sp may
 * take in code that has not yet trapped. Compiled code compares
 * `sp - frame_size` against it in a function prologue and calls
 * synth_rt_trap(SYNTH_TRAP_CALL_STACK_EXHAUSTED) when lower. The runtime
 * sets it to __synth_stack_bottom + __synth_stack_reserve at start-up; a
 * scheduler switching stacks may rewrite it. */
extern uintptr_t __synth_stack_limit;

/* --- Faults -------------------------------------------------------------- */

/* What a fault handler saw; passed to synth_rt_fault_hook(). */
typedef struct SynthRtFault {
	uint32_t *frame;      /* stacked r0, r1, r2, r3, r12, lr, pc, xpsr */
	uint32_t exc_return;  /* EXC_RETURN value (lr on handler entry) */
	uint32_t ipsr;        /* exception number: 3 HardFault ... 7 SecureFault */
	uint32_t cfsr;        /* Configurable Fault Status Register */
	uint32_t hfsr;        /* HardFault Status Register */
	uint32_t mmfar;       /* MemManage Fault Address Register */
	uint32_t bfar;        /* BusFault Address Register */
	uint32_t sfsr;        /* SecureFault Status Register (0 without it) */
	uint32_t sfar;        /* SecureFault Address Register (0 without it) */
} SynthRtFault;

/* Weak hook called first by every fault handler. Return nonzero to resume
 * the faulting context (after changing the frame, e.g. with
 * synth_rt_fault_to_trap()); return 0 to let the runtime report and exit.
 * The default returns 0. The hook runs on a separate fault stack. */
int synth_rt_fault_hook(SynthRtFault *f);
/* Rewrites the stacked frame so that, on return from the handler, thread
 * mode continues in synth_rt_trap(reason); clears the fault status bits.
 * Returns 0 (and changes nothing) when the fault did not come from thread
 * mode. Use from synth_rt_fault_hook(), e.g. to turn an MPU MemManage fault
 * into "out of bounds memory access". */
int synth_rt_fault_to_trap(SynthRtFault *f, int reason);

/* --- Instruction counter (CMSDK timer0) ---------------------------------- */

/* Starts timer0 counting down from 0xffffffff at the board clock. */
void synth_rt_counter_start(void);
/* Timer ticks since synth_rt_counter_start(); wraps after 2^32 ticks. */
uint32_t synth_rt_counter_ticks(void);
/* Converts ticks to instructions, exact under QEMU
 * `-icount shift=7,align=off,sleep=off` (128 ns per instruction):
 * round(ticks * 1e9 / (128 * board_hz)). */
uint32_t synth_rt_ticks_to_insns(uint32_t ticks);
/* Instructions since synth_rt_counter_start(), valid under the same -icount. */
uint32_t synth_rt_counter_insns(void);
/* Board clock of timer0 in Hz (25 MHz on an38x/an500, 20 MHz on an505). */
extern const uint32_t synth_rt_timer_hz;

/* Name of the board the library was built for, e.g. "mps2-an505". */
extern const char synth_rt_board[];


/* --- WebAssembly support (wasm.c) ---------------------------------------- */

/* The control block of a compiled memory (symbol M__memctl<k>): the code
 * reads base and bytes; grow updates bytes. Layout is ABI (core/ABI.md). */
typedef struct SynthRtMemory {
	uint8_t *base;      /* first byte of the memory */
	uint32_t bytes;     /* current size in bytes */
	uint32_t reserve;   /* bytes reserved (the memory can grow up to this) */
	uint32_t shift;     /* log2 of the page size (16, or 0 for 1-byte pages) */
	uint32_t max_pages; /* declared maximum in pages (or the reservation's) */
} SynthRtMemory;

/* The control block of a compiled table (symbol M__tablectl<k>). Entries
 * are funcref values (addresses of {signature, code} pairs) or externref
 * values; 0 is null. */
typedef struct SynthRtTable {
	uint32_t *elems;    /* the entries */
	uint32_t size;      /* current number of entries */
	uint32_t reserve;   /* entries reserved */
	uint32_t max;       /* declared maximum (0xffffffff when none) */
} SynthRtTable;

/* A passive segment's remaining contents (symbols M__elemseg<i>, M__dataseg<i>);
 * dropping sets count to 0. */
typedef struct SynthRtSegment {
	const void *items;  /* bytes, or 32-bit table entries */
	uint32_t count;     /* bytes or entries */
} SynthRtSegment;

/* Sets up a module's state section .synth_state.M (M__init calls it
 * first): copies the n-byte initial image, zeroes the rest of its size
 * bytes (core/ABI.md, "State"). */
void synth_rt_state_init(void *state, uint32_t size, const void *image, uint32_t n);

/* table.grow: old size, or -1 when it cannot grow by n. */
int32_t synth_rt_table_grow(SynthRtTable *t, uint32_t init, uint32_t n);
/* table.fill; traps when out of bounds. */
void synth_rt_table_fill(SynthRtTable *t, uint32_t i, uint32_t val, uint32_t n);
/* table.copy between any two tables; traps when out of bounds. */
void synth_rt_table_copy(SynthRtTable *dt, SynthRtTable *st, uint32_t d, uint32_t s, uint32_t n);
/* table.init from an element segment; traps when out of bounds. */
void synth_rt_table_init(SynthRtTable *t, SynthRtSegment *seg, uint32_t d, uint32_t s, uint32_t n);
/* memory.init from a data segment; traps when out of bounds. */
void synth_rt_memory_init(SynthRtMemory *m, SynthRtSegment *seg, uint32_t d, uint32_t s, uint32_t n);
/* elem.drop / data.drop. */
void synth_rt_segment_drop(SynthRtSegment *seg);

/* memory.size in pages. */
uint32_t synth_rt_memory_size(const SynthRtMemory *m);
/* memory.grow: the old size in pages, or -1 when delta pages do not fit. */
int32_t synth_rt_memory_grow(SynthRtMemory *m, uint32_t delta);

/* The size in bytes the last memory.grow refused for want of reservation
 * asked for: the memory's declared maximum (or, without one, the spec's
 * limit) allowed it, its region is smaller. 0 until that happens; an
 * embedder may clear it. Such a grow returns -1, as the spec allows; this
 * tells the embedder that a larger reservation (synth compile --mem-reserve
 * or --mem-cap) would have let it succeed. */
extern volatile uint64_t synth_rt_grow_refused;
/* The pages that refused memory.grow asked to add (its delta operand). */
extern volatile uint32_t synth_rt_grow_refused_delta;
/* memory.fill; traps when [d, d+n) is out of bounds. */
void synth_rt_memory_fill(SynthRtMemory *m, uint32_t d, uint32_t val, uint32_t n);
/* memory.copy between any two memories (overlap allowed); traps when out of bounds. */
void synth_rt_memory_copy(SynthRtMemory *dm, SynthRtMemory *sm, uint32_t d, uint32_t s, uint32_t n);
/* i64 operations without a single instruction, with their spec traps. */
uint64_t synth_rt_i64_shl(uint64_t a, uint32_t n);
int64_t synth_rt_i64_shr_s(int64_t a, uint32_t n);
uint64_t synth_rt_i64_shr_u(uint64_t a, uint32_t n);
uint64_t synth_rt_i64_rotl(uint64_t a, uint32_t n);
uint64_t synth_rt_i64_rotr(uint64_t a, uint32_t n);
int64_t synth_rt_i64_div_s(int64_t a, int64_t b);
uint64_t synth_rt_i64_div_u(uint64_t a, uint64_t b);
int64_t synth_rt_i64_rem_s(int64_t a, int64_t b);
uint64_t synth_rt_i64_rem_u(uint64_t a, uint64_t b);
uint32_t synth_rt_i32_popcnt(uint32_t a);
uint32_t synth_rt_i64_popcnt(uint64_t a);
uint32_t synth_rt_i64_clz(uint64_t a);
uint32_t synth_rt_i64_ctz(uint64_t a);

#ifdef __cplusplus
}
#endif

#endif /* SYNTH_RT_H */
