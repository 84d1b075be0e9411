/* fault_stack.c - ARMv8-M only: unchecked runaway recursion hits MSPLIM
 * (set to the stack bottom at reset) and the UsageFault handler, running
 * on its own stack, reports STKOF (exit 105). */
#include <stdint.h>

#include "synth_rt.h"

static volatile int never = -1;

__attribute__((noinline)) static int runaway(int n)
{
	volatile char frame[64];

	if (n == never)
		return 0;
	frame[n % 64] = (char)n;
	return runaway(n + 1) + frame[(n * 3) % 64];
}

int main(void)
{
	synth_rt_print("recursing without a limit check\n");
	return runaway(0);
}
