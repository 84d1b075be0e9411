/* trap.c - traps are recovered by synth_rt_try and the program goes on.
 *
 * Covers: the spec messages of every trap code; a trap raised by
 * synth_rt_trap() inside synth_rt_try(); callee-saved registers (and
 * d8-d15 on FPU boards) restored after a trap from a function that
 * clobbered them; nested synth_rt_try(); `udf #code` and a hardware
 * division by zero becoming traps; a bus fault turned into "out of bounds
 * memory access" by synth_rt_fault_hook(); call-stack exhaustion detected
 * with __synth_stack_limit, twice; and finally an uncaught trap, which
 * exits with SYNTH_RT_EXIT_TRAP (101). Expected output: trap.expected.
 */
#include <stdint.h>

#include "synth_rt.h"

#define UNMAPPED 0xc0000000u /* a BusFault on every mps2 board */

static void print_code(const char *what, int code)
{
	synth_rt_print(what);
	synth_rt_print(" -> ");
	synth_rt_print_i32(code);
	synth_rt_print_char('\n');
}

static void trap_div(void *arg)
{
	(void)arg;
	synth_rt_trap(SYNTH_TRAP_INT_DIV_ZERO);
}

static void no_trap(void *arg)
{
	*(int *)arg = 7;
}

/* Overwrites every callee-saved register, then traps. */
static void clobber_and_trap(void *arg)
{
	(void)arg;
	__asm__ volatile(
		"mov r4, #0x44\n\tmov r5, #0x55\n\tmov r6, #0x66\n\tmov r7, #0x77\n\t"
		"mov r8, #0x88\n\tmov r9, #0x99\n\tmov r10, #0xaa\n\tmov r11, #0xbb\n\t"
#if defined(__ARM_FP)
		"vmov s16, r4\n\tvmov s17, r5\n\tvmov s18, r6\n\tvmov s19, r7\n\t"
		"vmov s20, r4\n\tvmov s21, r5\n\tvmov s22, r6\n\tvmov s23, r7\n\t"
		"vmov s24, r4\n\tvmov s25, r5\n\tvmov s26, r6\n\tvmov s27, r7\n\t"
		"vmov s28, r4\n\tvmov s29, r5\n\tvmov s30, r6\n\tvmov s31, r7\n\t"
#endif
		::: "r4", "r5", "r6", "r7", "r8", "r9", "r10", "r11"
#if defined(__ARM_FP)
		, "s16", "s17", "s18", "s19", "s20", "s21", "s22", "s23",
		"s24", "s25", "s26", "s27", "s28", "s29", "s30", "s31"
#endif
	);
	synth_rt_trap(SYNTH_TRAP_UNREACHABLE);
}

static void inner_trap(void *arg)
{
	(void)arg;
	synth_rt_trap(SYNTH_TRAP_OOB_TABLE);
}

static void outer(void *arg)
{
	print_code("inner", synth_rt_try(inner_trap, arg));
	synth_rt_trap(SYNTH_TRAP_INDIRECT_CALL_MISMATCH);
}

static void udf_trap(void *arg)
{
	(void)arg;
	__asm__ volatile("udf #5"); /* SYNTH_TRAP_OOB_MEMORY */
}

static void hw_div_zero(void *arg)
{
	volatile int32_t n = 10, d = 0;
	*(int32_t *)arg = n / d; /* sdiv with CCR.DIV_0_TRP */
}

static void bad_load(void *arg)
{
	*(uint32_t *)arg = *(volatile uint32_t *)UNMAPPED;
}

/* Turns precise bus faults at UNMAPPED into wasm out-of-bounds traps. */
int synth_rt_fault_hook(SynthRtFault *f)
{
	if ((f->cfsr & (1u << 15)) && f->bfar == UNMAPPED)
		return synth_rt_fault_to_trap(f, SYNTH_TRAP_OOB_MEMORY);
	return 0;
}

static volatile int never = -1;

/* A recursive function with the prologue check compiled code will have. */
__attribute__((noinline)) static int recurse(int n)
{
	volatile char frame[48];
	uintptr_t sp;

	if (n == never)
		return 0;
	__asm__ volatile("mov %0, sp" : "=r"(sp));
	if (sp - 128 < __synth_stack_limit)
		synth_rt_trap(SYNTH_TRAP_CALL_STACK_EXHAUSTED);
	frame[n % 48] = (char)n;
	return recurse(n + 1) + frame[(n * 7) % 48];
}

static void exhaust(void *arg)
{
	*(int *)arg = recurse(0);
}

int main(void)
{
	volatile uint32_t seed = 12345;
	uint32_t a = seed * 3, b = seed * 5, c = seed * 7, d = seed * 11;
	uint32_t e = seed * 13, f = seed * 17, g = seed * 19, h = seed * 23;
#if defined(__ARM_FP)
	volatile float fseed = 1.5f;
	float x = fseed * 2.0f, y = fseed * 3.0f, z = fseed * 5.0f;
	double w = (double)fseed * 7.0;
#endif
	uintptr_t sp0, sp1;
	int i, out = 0;

	for (i = 0; i <= SYNTH_TRAP_COUNT_; i++) {
		synth_rt_print_i32(i);
		synth_rt_print(" ");
		synth_rt_print(synth_rt_trap_message(i));
		synth_rt_print_char('\n');
	}

	synth_rt_print("div(1, 0) => ");
	print_code("caught", synth_rt_try(trap_div, 0));
	print_code("no trap", synth_rt_try(no_trap, &out));
	print_code("out", out);

	print_code("clobbered", synth_rt_try(clobber_and_trap, 0));
	synth_rt_print("callee-saved kept: ");
	synth_rt_print(a == 12345u * 3 && b == 12345u * 5 && c == 12345u * 7 && d == 12345u * 11 &&
	               e == 12345u * 13 && f == 12345u * 17 && g == 12345u * 19 && h == 12345u * 23
	               ? "yes\n" : "NO\n");
#if defined(__ARM_FP)
	synth_rt_print("fp callee-saved kept: ");
	synth_rt_print(x == 3.0f && y == 4.5f && z == 7.5f && w == 10.5 ? "yes\n" : "NO\n");
#else
	synth_rt_print("fp callee-saved kept: yes\n");
#endif

	print_code("outer", synth_rt_try(outer, 0));
	print_code("udf #5", synth_rt_try(udf_trap, 0));
	print_code("hardware 10/0", synth_rt_try(hw_div_zero, &out));
	print_code("bad load", synth_rt_try(bad_load, &out));

	__asm__ volatile("mov %0, sp" : "=r"(sp0));
	print_code("recursion", synth_rt_try(exhaust, &out));
	print_code("recursion again", synth_rt_try(exhaust, &out));
	__asm__ volatile("mov %0, sp" : "=r"(sp1));
	synth_rt_print(sp0 == sp1 ? "sp restored: yes\n" : "sp restored: NO\n");

	synth_rt_print("uncaught: ");
	synth_rt_trap(SYNTH_TRAP_UNREACHABLE);
}
