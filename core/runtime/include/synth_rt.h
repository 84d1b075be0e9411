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
 * scheduler switching stacks may rewrite it. On ARMv8-M Mainline MSPLIM is
 * set to the same value (code compiled with --stack-check=hardware has no
 * prologue check: a STKOF UsageFault in thread mode becomes this trap), so
 * such a scheduler must write MSPLIM too (README.md, "Stack limit"). */
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

/* --- Protection domains and gates (domain.c, gate.S) --------------------- *
 * A component runs in thread mode, unprivileged (CONTROL.nPRIV=1), on its own
 * stack (PSP; PSPLIM = its base on ARMv8-M), with exactly its domain's MPU
 * regions enabled plus slot 0, the shared read-only + executable code/rodata
 * image. The MPU runs with PRIVDEFENA: privileged code (the runtime,
 * handlers) keeps the default map, so the runtime's own RAM, every other
 * stack and every other domain are reachable only through the runtime.
 * Programs that use domains get the runtime's SVC_Handler and
 * synth_rt_fault_hook (a program's own fault hook becomes
 * synth_rt_domain_fault_hook_next). See README.md "Protection domains". */

#if defined(__ARM_ARCH_8M_MAIN__) || defined(__ARM_ARCH_8M_BASE__)
#define SYNTH_RT_MPU_PMSAV8 1
#define SYNTH_RT_MPU_SLOTS 16u
#else
#define SYNTH_RT_MPU_PMSAV7 1
#define SYNTH_RT_MPU_SLOTS 8u
#endif
/* Slots a domain may use: every slot but 0 (the shared code image). */
#define SYNTH_RT_DOMAIN_MAX_REGIONS (SYNTH_RT_MPU_SLOTS - 1u)
#define SYNTH_RT_MAX_DOMAINS 16u
/* Deepest chain of nested calls (runtime -> A -> B -> ...). */
#define SYNTH_RT_MAX_NEST 8u

/* One MPU region as the planner exports it (same layout as CMSIS
 * ARM_MPU_Region_t and the `region[]` of `synth layout export`'s
 * SynthMpuTable): PMSAv7 {RBAR, RASR}, PMSAv8 {RBAR, RLAR}. The region
 * number/VALID bits of a PMSAv7 RBAR are ignored: the runtime picks slots. */
typedef struct SynthRtMpuRegion {
	uint32_t rbar;
	uint32_t rasr; /* RLAR on PMSAv8 */
} SynthRtMpuRegion;

/* Access flags for synth_rt_mpu_region() (same meaning as the planner's). */
#define SYNTH_RT_ACCESS_R      1u
#define SYNTH_RT_ACCESS_W      2u
#define SYNTH_RT_ACCESS_X      4u
#define SYNTH_RT_ACCESS_DEVICE 8u

/* Domain states. */
enum { SYNTH_RT_DOMAIN_READY = 0, SYNTH_RT_DOMAIN_RUNNING, SYNTH_RT_DOMAIN_STOPPED };

/* Status codes of calls, gates and copies (0 = success). */
enum {
	SYNTH_RT_DOMAIN_OK = 0,
	SYNTH_RT_DOMAIN_ESTOPPED = -1, /* the callee is stopped: not entered */
	SYNTH_RT_DOMAIN_EFAULT = -2,   /* the callee faulted or trapped in this call (now stopped) */
	SYNTH_RT_DOMAIN_EBUSY = -3,    /* the callee is already on the call chain (and the gate does not
	                                  re-enter), the chain is full, or its stack has no room left */
	SYNTH_RT_DOMAIN_EINVAL = -4,   /* bad domain, gate, table or argument */
	SYNTH_RT_DOMAIN_EDENIED = -5,  /* gate not open to the caller, or a copy out of bounds */
};

/* What the runtime recorded about a component's last fault or trap. */
typedef struct SynthRtDomainFault {
	uint32_t kind;   /* exception number (4 MemManage, 5 BusFault, 6 UsageFault, 3 HardFault) or 0 */
	uint32_t trap;   /* wasm trap code (udf #code, DIVBYZERO), 0 when none */
	uint32_t addr;   /* faulting data address (MMFAR/BFAR), 0 when unknown */
	uint32_t pc;     /* faulting pc, 0 when not stacked */
	uint32_t cfsr;
	int32_t region;  /* slot of the component's own region holding addr, or -1 */
} SynthRtDomainFault;

/* A protection domain. Lives in the runtime's (privileged) RAM: configure
 * it with synth_rt_domain_init(), do not change it afterwards. */
typedef struct SynthRtDomain {
	const char *name;
	uint32_t index;                                   /* registration order */
	uint32_t nregions;                                /* used entries of region[] */
	SynthRtMpuRegion region[SYNTH_RT_DOMAIN_MAX_REGIONS]; /* loaded into slots 1.. */
	uint32_t mair0, mair1;                            /* PMSAv8 attributes (unused on PMSAv7) */
	uintptr_t stack_base;                             /* lowest byte of the stack */
	uint32_t stack_size;                              /* bytes; the top must be 8-aligned */
	uint32_t (*restart)(void);                        /* init hook for synth_rt_domain_restart(), or NULL */
	volatile uint32_t state;                          /* SYNTH_RT_DOMAIN_READY, _RUNNING, _STOPPED */
	uint32_t faults;                                  /* faults and traps so far */
	SynthRtDomainFault last;                          /* the last one */
} SynthRtDomain;

/* Encodes one region from base/size/access for the running board: PMSAv7
 * needs a power-of-two size >= 32 and a base aligned to it, PMSAv8 32-byte
 * multiples. Memory attributes as the planner's regs.c: RAM normal
 * write-back, X normal write-through, DEVICE shareable device. Returns
 * {0, 0} (disabled) when the range cannot be encoded. */
SynthRtMpuRegion synth_rt_mpu_region(uintptr_t base, uint32_t size, uint32_t access);

/* Registers a domain: copies `n` regions (entries that are disabled, or that
 * lie inside the shared code image, are dropped, so a domain's row of the
 * exported synth_mpu_tables[] can be passed as is), checks that the stack
 * [stack_base, stack_base + stack_size) lies in one of its read-write
 * regions and that regions do not overlap each other on PMSAv8. On PMSAv8,
 * MAIR0/1 default to the planner's 0x00AA04FF / 0 (synth_rt_domain_set_mair).
 * Also turns the MPU on (slot 0 = code) the first time. Returns 0 or
 * SYNTH_RT_DOMAIN_EINVAL. */
int synth_rt_domain_init(SynthRtDomain *d, const char *name, const SynthRtMpuRegion *regions, unsigned n,
                         uintptr_t stack_base, uint32_t stack_size);
void synth_rt_domain_set_mair(SynthRtDomain *d, uint32_t mair0, uint32_t mair1);
/* A stack guard for a registered domain: on PMSAv7, a region of `size`
 * bytes (a power of two >= 32 the stack's base is aligned to) right below
 * its stack, in its highest slot, that unprivileged code cannot access, so
 * an overflow faults there even where the domain's own regions (a shared
 * one) lie below the stack; it takes one of the domain's slots. On PMSAv8
 * it does nothing (PSPLIM is the stack's base already). 0 or EINVAL (no free
 * slot, bad size). Compiled code built with --stack-check=none relies on it. */
int synth_rt_domain_stack_guard(SynthRtDomain *d, uint32_t size);
/* Loads d's regions into slots 1.. (MPU disabled meanwhile). Privileged
 * only; the switch paths call it themselves (when the domain changes). */
void synth_rt_domain_load(const SynthRtDomain *d);

/* Arguments and results of a call into a domain (AAPCS, as if calling fn
 * directly): r[0..3], then nstack words from stack[] (the 5th argument
 * on), and on hard-float builds s[0..15] when flags has SYNTH_RT_ARGS_FP
 * (otherwise the callee's s0-s15 start as 0). Results: ret[0..1] (r0, r1)
 * and sret[0..1] (s0, s1). `lend_base`/`lend_size` is the runtime buffer
 * the callee may read/write with synth_rt_gate_copy_in/_out (0: none). */
#define SYNTH_RT_ARGS_FP 1u
typedef struct SynthRtArgs {
	uint32_t flags;
	uint32_t r[4];
	const uint32_t *stack;
	uint32_t nstack;
#if defined(__ARM_FP)
	float s[16];
	float sret[2];
#endif
	uint32_t ret[2];
	void *lend_base;
	uint32_t lend_size;
} SynthRtArgs;

/* Calls fn in domain d from privileged thread mode: loads d's regions,
 * switches to d's stack, drops privilege, calls fn(args); on return (an SVC)
 * restores the caller's domain, stack, privilege and callee-saved registers
 * (r4-r11, d8-d15) and stores the results in *a. Returns 0, or
 * ESTOPPED (not entered), EFAULT (the component faulted/trapped: it is
 * reported, marked stopped, and d->last says where), EBUSY, EINVAL. */
int synth_rt_domain_call(SynthRtDomain *d, void *fn, SynthRtArgs *a);
/* The same with up to four word arguments; *ret (if not NULL) gets r0. */
int synth_rt_domain_call4(SynthRtDomain *d, void *fn, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3,
                          uint32_t *ret);
/* Marks d ready again and, when d->restart is set, runs it in d (as
 * synth_rt_domain_call) and returns its status. */
int synth_rt_domain_restart(SynthRtDomain *d);
/* The domain running now (innermost on the call chain), NULL in the runtime. */
SynthRtDomain *synth_rt_domain_current(void);
/* Prints one line per fault report; 0 silences them (default 1). */
extern int synth_rt_domain_verbose;
/* Called by the runtime's synth_rt_fault_hook for faults that are not a
 * component's (weak, returns 0): a program's own fault hook. */
int synth_rt_domain_fault_hook_next(SynthRtFault *f);

/* A gate: the only way from one component into another's export. Gates
 * are a table (flash is fine) given to synth_rt_gates_init(); a gate's id
 * is its index. `callers` is a bitmask of domain indices allowed to use it
 * (0: any component), or'ed with the flags below; nstack is the number of
 * stack argument words copied. A gate into the domain already running is a
 * plain call (no switch); a gate into a domain suspended on the call chain
 * is refused (EBUSY) unless `callers` has SYNTH_RT_GATE_REENTER: the callee
 * then runs on its own stack below its suspended frame (a fused module's
 * adapter calling back into its caller's allocator; the module's header
 * says which gates, M__XCALL<g>_FLAGS). */
typedef struct SynthRtGate {
	SynthRtDomain *callee;
	void *fn;
	uint32_t nstack;
	uint32_t callers;
} SynthRtGate;
/* Flag bits of SynthRtGate.callers, above every domain index. */
#define SYNTH_RT_GATE_REENTER (1u << 31) /* may enter a domain suspended on the call chain */
#define SYNTH_RT_GATE_LISTED  (1u << 30) /* open to the domains in callers only, even to none */
void synth_rt_gates_init(const SynthRtGate *gates, unsigned n);

/* Component side. A call through gate `id` is `movw ip, #id; svc #2`, with
 * the arguments in r0-r3, on the stack and in s0-s15 as for a direct call;
 * results come back in r0/r1 and s0/s1. When the callee is stopped, faults,
 * or the gate is refused, r0 = r1 = 0 and synth_rt_gate_status() tells. */
#define SYNTH_RT_SVC_CALL     0 /* runtime -> domain (privileged only) */
#define SYNTH_RT_SVC_RETURN   1 /* fn returned (lr of every entered function) */
#define SYNTH_RT_SVC_GATE     2 /* ip = gate id */
#define SYNTH_RT_SVC_COPY_IN  3 /* r0 dst (callee), r1 src (caller), r2 n */
#define SYNTH_RT_SVC_COPY_OUT 4 /* r0 dst (caller), r1 src (callee), r2 n */
#define SYNTH_RT_SVC_STATUS   5 /* r0 = status of this domain's last gate call */
#define SYNTH_RT_SVC_ABORT    6 /* the runtime's own: a faulted component leaves */
#define SYNTH_RT_GATE_STR_(x) #x
#define SYNTH_RT_GATE_STR(x) SYNTH_RT_GATE_STR_(x)
/* Defines `ret_t name(params)` that calls through gate `id` (a constant). */
#define SYNTH_RT_GATE_STUB(ret_t, name, params, id)                              \
	_Pragma("GCC diagnostic push")                                              \
	_Pragma("GCC diagnostic ignored \"-Wunused-parameter\"")                    \
	__attribute__((naked, noinline)) ret_t name params                          \
	{                                                                            \
		__asm__ volatile("movw ip, #" SYNTH_RT_GATE_STR(id) "\n\t"          \
		                 "svc #2\n\t"                                        \
		                 "bx lr");                                           \
	}                                                                            \
	_Pragma("GCC diagnostic pop")
/* Copies n bytes from the caller's memory (src) into the running callee's
 * (dst): the runtime checks src against the caller's readable regions (or
 * the runtime's lent buffer) and dst against the callee's writable regions
 * and refuses (EDENIED, reported) anything outside; it never dereferences a
 * refused pointer. Call from inside a component only. */
int synth_rt_gate_copy_in(void *dst, const void *src, uint32_t n);
/* The reverse: from the callee's memory (src) into the caller's (dst). */
int synth_rt_gate_copy_out(void *dst, const void *src, uint32_t n);
/* Status (SYNTH_RT_DOMAIN_*) of the running component's last gate call. */
int synth_rt_gate_status(void);

#ifdef __cplusplus
}
#endif

#endif /* SYNTH_RT_H */
