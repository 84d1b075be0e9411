/* fault_stack.c - ARMv8-M only: the main stack's hardware limit. MSPLIM is
 * __synth_stack_limit (init.c), so a runaway recursion with no software
 * check (as code compiled with --stack-check=hardware has none) raises a
 * STKOF UsageFault there, which the runtime turns into the trap "call
 * stack exhausted" (fault.c): caught by synth_rt_try, with MSPLIM back at
 * the limit afterwards, and the same again at the same depth. Then the
 * same recursion in a handler (PendSV): privileged runtime code, which
 * stays a fatal fault with the reason printed (exit 105 or, escalated
 * from PendSV's priority, 102). Expected: tests/qemu/CMakeLists.txt. */
#include <stdint.h>

#include "synth_rt.h"

#define SCB_ICSR (*(volatile uint32_t *)0xE000ED04u)
#define ICSR_PENDSVSET (1u << 28)

static volatile int never = -1;
static volatile uint32_t levels;

__attribute__((noinline)) static int runaway(int n)
{
	volatile char frame[64];

	levels++;
	if (n == never)
		return 0;
	frame[n % 64] = (char)n;
	return runaway(n + 1) + frame[(n * 3) % 64];
}

static void run(void *arg)
{
	(void)arg;
	levels = 0;
	(void)runaway(0);
}

static uint32_t msplim(void)
{
	uint32_t v;

	__asm__ volatile("mrs %0, msplim" : "=r"(v));
	return v;
}

void PendSV_Handler(void)
{
	(void)runaway(0);
}

static void yes_no(const char *what, int ok)
{
	synth_rt_print(what);
	synth_rt_print(ok ? ": yes\n" : ": NO\n");
}

int main(void)
{
	int c1, c2;
	uint32_t l1;

	yes_no("MSPLIM is __synth_stack_limit", msplim() == __synth_stack_limit);
	c1 = synth_rt_try(run, 0);
	l1 = levels;
	yes_no("first runaway trapped: call stack exhausted", c1 == SYNTH_TRAP_CALL_STACK_EXHAUSTED);
	yes_no("more than 1000 levels deep", l1 > 1000);
	yes_no("MSPLIM back at __synth_stack_limit", msplim() == __synth_stack_limit);
	c2 = synth_rt_try(run, 0);
	yes_no("second runaway trapped: call stack exhausted", c2 == SYNTH_TRAP_CALL_STACK_EXHAUSTED);
	yes_no("at the same depth", levels == l1);
	yes_no("MSPLIM back at __synth_stack_limit", msplim() == __synth_stack_limit);
	synth_rt_print("recursing in a handler\n");
	SCB_ICSR = ICSR_PENDSVSET;
	__asm__ volatile("dsb\n\tisb" ::: "memory");
	synth_rt_print("not reached\n");
	return 0;
}
