/* fault_hard.c - with UsageFault disabled in SHCSR, an undefined
 * instruction escalates to HardFault (FORCED), reported with the
 * underlying CFSR cause and HFSR (exit 102). */
#include <stdint.h>

#include "synth_rt.h"

#define SHCSR (*(volatile uint32_t *)0xE000ED24u)

int main(void)
{
	SHCSR &= ~(1u << 18); /* USGFAULTENA */
	__asm__ volatile("dsb\n\tisb" ::: "memory");
	synth_rt_print("executing udf #254 with UsageFault disabled\n");
	__asm__ volatile("udf #254");
	synth_rt_print("not reached\n");
	return 0;
}
