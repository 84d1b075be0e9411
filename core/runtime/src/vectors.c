/* vectors.c - the exception vector table.
 *
 * Placed first in CODE by the linker script (section .synth_vectors, KEEP),
 * which is where every board's reset VTOR points (0x0, or 0x10000000 on
 * mps2-an505). The reset handler also writes VTOR so the table works from
 * any load address. 16 system entries plus 96 external interrupts (the
 * an505 has the most, 92 or so); 112 words, so VTOR needs 512-byte
 * alignment. Fault entries go to synth_rt_fault_entry; the others to weak
 * aliases of it that a program may override.
 */
#include <stdint.h>

#define SYNTH_RT_NUM_IRQ 96

typedef void (*Vector)(void);

extern uint32_t __synth_stack_top[];
void synth_rt_reset(void);
void synth_rt_fault_entry(void);
void NMI_Handler(void);
void SVC_Handler(void);
void DebugMon_Handler(void);
void PendSV_Handler(void);
void SysTick_Handler(void);
void synth_rt_irq_handler(void);

__attribute__((section(".synth_vectors"), used, aligned(512)))
const Vector __synth_vectors[16 + SYNTH_RT_NUM_IRQ] = {
	[0] = (Vector)(uintptr_t)__synth_stack_top,
	[1] = synth_rt_reset,
	[2] = NMI_Handler,
	[3] = synth_rt_fault_entry,  /* HardFault */
	[4] = synth_rt_fault_entry,  /* MemManage */
	[5] = synth_rt_fault_entry,  /* BusFault */
	[6] = synth_rt_fault_entry,  /* UsageFault */
	[7] = synth_rt_fault_entry,  /* SecureFault (ARMv8-M), reserved before */
	[11] = SVC_Handler,
	[12] = DebugMon_Handler,
	[14] = PendSV_Handler,
	[15] = SysTick_Handler,
	[16 ... 16 + SYNTH_RT_NUM_IRQ - 1] = synth_rt_irq_handler,
};
