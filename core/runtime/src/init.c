/* init.c - the part of start-up that is written in C.
 *
 * Called by the reset handler once the FPU, .data and .bss are ready:
 * enables the configurable fault exceptions (otherwise every fault
 * escalates to HardFault), traps integer division by zero in hardware
 * (wasm's i32.div_u etc. may rely on it, see fault.c), sets the stack
 * limit (__synth_stack_limit, and MSPLIM to the same on ARMv8-M) and runs
 * constructors (.preinit_array, .init_array).
 */
#include "rt_internal.h"

typedef void (*InitFn)(void);
extern InitFn __preinit_array_start[], __preinit_array_end[];
extern InitFn __init_array_start[], __init_array_end[];

void synth_rt_init(void);

void synth_rt_init(void)
{
	uint32_t enable = SCB_SHCSR_MEMFAULTENA | SCB_SHCSR_BUSFAULTENA | SCB_SHCSR_USGFAULTENA;
	InitFn *f;

#if defined(__ARM_ARCH_8M_MAIN__)
	enable |= SCB_SHCSR_SECUREFAULTENA; /* RAZ/WI without the Security Extension */
#endif
	SCB_SHCSR |= enable;
	SCB_CCR |= SCB_CCR_DIV_0_TRP;
	__asm__ volatile("dsb\n\tisb" ::: "memory");

	__synth_stack_limit = (uintptr_t)__synth_stack_bottom + (uintptr_t)__synth_stack_reserve;
#if defined(__ARM_ARCH_8M_MAIN__)
	/* The hardware limit is the software one: code compiled without
	 * prologue checks (--stack-check=hardware) faults where checked code
	 * traps, and the reserve below stays for the trap path (fault.c). */
	__asm__ volatile("msr msplim, %0" ::"r"(__synth_stack_limit) : "memory");
#endif

	for (f = __preinit_array_start; f < __preinit_array_end; f++)
		(*f)();
	for (f = __init_array_start; f < __init_array_end; f++)
		(*f)();
}
