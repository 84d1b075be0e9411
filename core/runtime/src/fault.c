/* fault.c - fault reporting and fault-to-trap conversion.
 *
 * synth_rt_fault_entry (startup.S) calls synth_rt_fault_dispatch() on the
 * fault stack for every fault and unexpected exception. In order:
 *  1. the weak synth_rt_fault_hook() may handle it and resume;
 *  2. three faults are WebAssembly traps in disguise and become a call to
 *     synth_rt_trap() in thread mode: a UsageFault on `udf #code` with a
 *     valid trap code (compact trap sites for compiled code), a
 *     UsageFault DIVBYZERO (hardware sdiv/udiv with CCR.DIV_0_TRP set),
 *     and on ARMv8-M a UsageFault STKOF taken from thread mode on the main
 *     stack (MSPLIM = __synth_stack_limit: code compiled with
 *     --stack-check=hardware has no prologue check), which becomes "call
 *     stack exhausted" as the software check would raise it;
 *  3. anything else prints one line and exits with a status per kind:
 *
 *   fault: BusFault: precise data bus error (PRECISERR) addr=0x60000000 pc=0x000001c4 lr=0x00000303 xpsr=0x61000000 cfsr=0x00008200
 *
 * The stack overflow needs its own path: when a push crosses the limit the
 * architecture does not perform it, and the exception entry that follows
 * pushes its frame (32 bytes, 104 with FP state) below the same sp, which
 * crosses the limit too unless sp was that far above it. Then the frame is
 * not stacked at all, sp is set to the limit and STKOF is raised on entry
 * (Armv8-M ARM, PushStack(); QEMU's v7m_push_stack does the same): the pc
 * is lost. So the conversion does not resume the old frame: it lowers
 * MSPLIM to __synth_stack_bottom (the reserve becomes the trap path's
 * stack), builds a fresh frame that calls synth_rt_trap(10) just below
 * where the thread's sp was, and synth_rt_throw_ (try.S) sets MSPLIM back to
 * __synth_stack_limit when it unwinds. It cannot tell compiled code from C
 * code it called (the pc may be lost), so any thread-mode overflow of the
 * main stack is that trap. What is not converted, and stays a fatal
 * fault with the reason printed: an overflow in handler mode (the
 * runtime's handlers, gates and SVCs: privileged runtime code), one in the
 * trap path itself (MSPLIM already lowered: the reserve is gone), one on a
 * process stack outside the protection domains (domain.c takes those
 * inside them), and one escalated to HardFault (UsageFault not enabled).
 */
#include <stddef.h>

#include "rt_internal.h"

/* Fault status bits, X(SynthRtFault field, bit, ARM name, description). */
#define FAULT_BITS(X) \
	X(cfsr,  0, IACCVIOL,    "instruction access violation") \
	X(cfsr,  1, DACCVIOL,    "data access violation") \
	X(cfsr,  3, MUNSTKERR,   "MPU fault on exception return") \
	X(cfsr,  4, MSTKERR,     "MPU fault on exception entry") \
	X(cfsr,  5, MLSPERR,     "MPU fault in lazy FP save") \
	X(cfsr,  8, IBUSERR,     "instruction bus error") \
	X(cfsr,  9, PRECISERR,   "precise data bus error") \
	X(cfsr, 10, IMPRECISERR, "imprecise data bus error") \
	X(cfsr, 11, UNSTKERR,    "bus fault on exception return") \
	X(cfsr, 12, STKERR,      "bus fault on exception entry") \
	X(cfsr, 13, LSPERR,      "bus fault in lazy FP save") \
	X(cfsr, 16, UNDEFINSTR,  "undefined instruction") \
	X(cfsr, 17, INVSTATE,    "invalid state (Thumb bit clear)") \
	X(cfsr, 18, INVPC,       "invalid PC load or EXC_RETURN") \
	X(cfsr, 19, NOCP,        "coprocessor disabled or absent") \
	X(cfsr, 20, STKOF,       "stack overflow (stack limit)") \
	X(cfsr, 24, UNALIGNED,   "unaligned access") \
	X(cfsr, 25, DIVBYZERO,   "integer divide by zero") \
	X(hfsr,  1, VECTTBL,     "vector table read error") \
	X(hfsr, 30, FORCED,      "escalated") \
	X(sfsr,  0, INVEP,       "invalid secure entry point") \
	X(sfsr,  1, INVIS,       "invalid integrity signature") \
	X(sfsr,  2, INVER,       "invalid exception return") \
	X(sfsr,  3, AUVIOL,      "attribution unit violation") \
	X(sfsr,  4, INVTRAN,     "invalid transition") \
	X(sfsr,  5, LSPERR,      "lazy FP state error") \
	X(sfsr,  7, LSERR,       "lazy state error")

#define CFSR_MMARVALID  (1u << 7)
#define CFSR_BFARVALID  (1u << 15)
#define CFSR_UNDEFINSTR (1u << 16)
#define CFSR_DIVBYZERO  (1u << 25)
#define CFSR_STKOF      (1u << 20)
/* The frame was not (fully) stacked: do not read it. */
#define CFSR_NOFRAME    ((1u << 4) | (1u << 12) | (1u << 20))
#define HFSR_FORCED     (1u << 30)
#define SFSR_SFARVALID  (1u << 6)
#define EXC_RETURN_THREAD (1u << 3)
#define EXC_RETURN_PSP    (1u << 2)
#define EXC_RETURN_FTYPE  (1u << 4) /* 1: standard frame (no FP state) */
#define FPCCR_LSPACT      (1u << 0)
#define SCB_FPCCR         RT_REG(0xE000EF34u)
#define XPSR_IT_ICI     ((3u << 25) | (0x3fu << 10))

enum { EXC_HARDFAULT = 3, EXC_MEMMANAGE, EXC_BUSFAULT, EXC_USAGEFAULT, EXC_SECUREFAULT };

/* saved[]: the EXC_RETURN, stack pointer and MSPLIM startup.S returns with. */
void synth_rt_fault_dispatch(uint32_t *frame, uint32_t exc_return, uint32_t *saved);

/* Why a stack-limit fault was not turned into a trap (printed by report). */
static const char *stkof_where;

__attribute__((weak)) int synth_rt_fault_hook(SynthRtFault *f)
{
	(void)f;
	return 0;
}

int synth_rt_fault_to_trap(SynthRtFault *f, int reason)
{
	uint32_t *fr = f->frame;

	if (!(f->exc_return & EXC_RETURN_THREAD) || (f->cfsr & CFSR_NOFRAME))
		return 0;
	fr[0] = (uint32_t)reason;                         /* r0: argument */
	fr[5] = fr[6] | 1u;                               /* lr: the trapping pc */
	fr[6] = (uint32_t)(uintptr_t)synth_rt_trap & ~1u; /* pc */
	fr[7] &= ~XPSR_IT_ICI;                            /* not inside an IT block any more */
	SCB_CFSR = f->cfsr; /* write-one-to-clear */
	SCB_HFSR = f->hfsr;
	return 1;
}

static void print_field(const char *name, uint32_t v)
{
	synth_rt_print(" ");
	synth_rt_print(name);
	synth_rt_print("=");
	synth_rt_print_hex32(v);
}

static void print_causes(const SynthRtFault *f)
{
	int n = 0;

#define CAUSE_(reg, bit, name, text) \
	if (f->reg & (1u << bit)) { \
		synth_rt_print(n++ ? ", " : ": "); \
		synth_rt_print(text " (" #name ")"); \
	}
	FAULT_BITS(CAUSE_)
#undef CAUSE_
}

static void report(const SynthRtFault *f)
{
	static const char *const kinds[] = {
		[EXC_HARDFAULT] = "HardFault", [EXC_MEMMANAGE] = "MemManage",
		[EXC_BUSFAULT] = "BusFault", [EXC_USAGEFAULT] = "UsageFault",
		[EXC_SECUREFAULT] = "SecureFault",
	};
	static const int statuses[] = {
		[EXC_HARDFAULT] = SYNTH_RT_EXIT_HARDFAULT, [EXC_MEMMANAGE] = SYNTH_RT_EXIT_MEMMANAGE,
		[EXC_BUSFAULT] = SYNTH_RT_EXIT_BUSFAULT, [EXC_USAGEFAULT] = SYNTH_RT_EXIT_USAGEFAULT,
		[EXC_SECUREFAULT] = SYNTH_RT_EXIT_SECUREFAULT,
	};
	uint32_t n = f->ipsr;
	int status = SYNTH_RT_EXIT_EXCEPTION;

	if (synth_rt_mid_line_())
		synth_rt_print_char('\n');
	synth_rt_print("fault: ");
	if (n >= EXC_HARDFAULT && n <= EXC_SECUREFAULT) {
		synth_rt_print(kinds[n]);
		status = statuses[n];
		print_causes(f);
		if (stkof_where) {
			synth_rt_print(" ");
			synth_rt_print(stkof_where);
		}
		if (f->cfsr & CFSR_MMARVALID && (n == EXC_MEMMANAGE || n == EXC_HARDFAULT))
			print_field("addr", f->mmfar);
		else if (f->cfsr & CFSR_BFARVALID && (n == EXC_BUSFAULT || n == EXC_HARDFAULT))
			print_field("addr", f->bfar);
		else if (f->sfsr & SFSR_SFARVALID && n == EXC_SECUREFAULT)
			print_field("addr", f->sfar);
	} else if (n >= 16) {
		synth_rt_print("unexpected exception: IRQ ");
		synth_rt_print_u32(n - 16);
	} else {
		static const char *const names[16] = {
			[2] = "NMI", [11] = "SVCall", [12] = "DebugMonitor",
			[14] = "PendSV", [15] = "SysTick",
		};
		synth_rt_print("unexpected exception ");
		synth_rt_print_u32(n);
		if (names[n]) {
			synth_rt_print(" (");
			synth_rt_print(names[n]);
			synth_rt_print(")");
		}
	}
	if (f->cfsr & CFSR_NOFRAME) {
		synth_rt_print(" pc=unknown");
	} else {
		print_field("pc", f->frame[6]);
		print_field("lr", f->frame[5]);
		print_field("xpsr", f->frame[7]);
	}
	print_field("cfsr", f->cfsr);
	if (f->hfsr)
		print_field("hfsr", f->hfsr);
	if (f->sfsr)
		print_field("sfsr", f->sfsr);
	synth_rt_print_char('\n');
	synth_rt_exit(status);
}

/* The halfword at the faulting pc is `udf #imm8` (T1: 0xDExx). */
static int udf_trap_code(const SynthRtFault *f)
{
	uint16_t insn;

	if (!(f->cfsr & CFSR_UNDEFINSTR) || (f->cfsr & CFSR_NOFRAME))
		return 0;
	insn = *(const volatile uint16_t *)(uintptr_t)(f->frame[6] & ~1u);
	if ((insn & 0xff00u) != 0xde00u)
		return 0;
	if ((insn & 0xffu) == 0 || (insn & 0xffu) >= SYNTH_TRAP_COUNT_)
		return 0;
	return insn & 0xffu;
}

#if defined(__ARM_ARCH_8M_MAIN__)
/* Why a stack-limit fault cannot become the trap, or NULL when it can. */
static const char *stack_overflow_refused(const SynthRtFault *f, const uint32_t *saved)
{
	uint32_t bottom = (uint32_t)(uintptr_t)__synth_stack_bottom;

	if (!(f->exc_return & EXC_RETURN_THREAD))
		return "in handler mode (privileged runtime code)";
	if (f->exc_return & EXC_RETURN_PSP)
		return "on a process stack outside any domain";
	if (saved[2] <= bottom || saved[1] < bottom + 40u || saved[1] > (uint32_t)(uintptr_t)__synth_stack_top)
		return "in the trap path (the reserve below __synth_stack_limit is exhausted)";
	if (f->ipsr != EXC_USAGEFAULT)
		return "escalated (UsageFault not enabled)";
	return NULL;
}

/* A stack-limit fault from thread mode on the main stack becomes
 * synth_rt_trap(SYNTH_TRAP_CALL_STACK_EXHAUSTED) on a fresh frame just
 * below where the thread's sp was (see the top of the file). */
static void stack_overflow_to_trap(const SynthRtFault *f, uint32_t *saved)
{
	uint32_t sp = saved[1];
	uint32_t *nf = (uint32_t *)(uintptr_t)((sp & ~7u) - 32u);

	nf[0] = SYNTH_TRAP_CALL_STACK_EXHAUSTED;           /* r0: the argument */
	nf[1] = nf[2] = nf[3] = nf[4] = 0;                /* r1-r3, r12 */
	/* lr: the faulting pc when the frame was stacked (sp above the
	 * limit), for a debugger's backtrace; 0 when it was lost. */
	nf[5] = sp > saved[2] ? f->frame[6] | 1u : 0;
	nf[6] = (uint32_t)(uintptr_t)synth_rt_trap & ~1u; /* pc */
	nf[7] = 1u << 24;                                 /* xPSR: Thumb */
	saved[0] = f->exc_return | EXC_RETURN_FTYPE;       /* our frame has no FP part */
	saved[1] = (uint32_t)(uintptr_t)nf;
	saved[2] = (uint32_t)(uintptr_t)__synth_stack_bottom; /* the reserve is the trap path's */
#if defined(__ARM_FP)
	SCB_FPCCR &= ~FPCCR_LSPACT; /* no lazy FP state refers to a frame any more */
#endif
	SCB_CFSR = f->cfsr;         /* write-one-to-clear */
	SCB_HFSR = f->hfsr;
}
#endif

void synth_rt_fault_dispatch(uint32_t *frame, uint32_t exc_return, uint32_t *saved)
{
	SynthRtFault f;
	uint32_t ipsr;
	int code;

	__asm__ volatile("mrs %0, ipsr" : "=r"(ipsr));
	f.frame = frame;
	f.exc_return = exc_return;
	f.ipsr = ipsr & 0x1ffu;
	f.cfsr = SCB_CFSR;
	f.hfsr = SCB_HFSR;
	f.mmfar = SCB_MMFAR;
	f.bfar = SCB_BFAR;
#if defined(__ARM_ARCH_8M_MAIN__)
	f.sfsr = SCB_SFSR;
	f.sfar = SCB_SFAR;
#else
	f.sfsr = 0;
	f.sfar = 0;
#endif
	if (synth_rt_fault_hook(&f))
		return;
#if defined(__ARM_ARCH_8M_MAIN__)
	if (f.cfsr & CFSR_STKOF) {
		stkof_where = stack_overflow_refused(&f, saved);
		if (!stkof_where) {
			stack_overflow_to_trap(&f, saved);
			return;
		}
	}
#else
	(void)saved;
#endif
	if (f.ipsr == EXC_USAGEFAULT || f.ipsr == EXC_HARDFAULT) {
		code = udf_trap_code(&f);
		if (!code && (f.cfsr & CFSR_DIVBYZERO))
			code = SYNTH_TRAP_INT_DIV_ZERO;
		if (code && synth_rt_fault_to_trap(&f, code))
			return;
	}
	report(&f);
}
