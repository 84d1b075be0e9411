/* fault_mpu.c - a write to a read-only MPU region is reported by the
 * MemManage handler (exit 103) with the faulting address. Programs one
 * 1 KiB region over a buffer: PMSAv7 (RBAR/RASR) on the M3/M4/M7 boards,
 * PMSAv8 (RBAR/RLAR/MAIR0) on the M33. */
#include <stdint.h>

#include "synth_rt.h"

#define REG(a) (*(volatile uint32_t *)(a))
#define MPU_CTRL  REG(0xE000ED94u)
#define MPU_RNR   REG(0xE000ED98u)
#define MPU_RBAR  REG(0xE000ED9Cu)
#define MPU_RASR  REG(0xE000EDA0u) /* PMSAv7 */
#define MPU_RLAR  REG(0xE000EDA0u) /* PMSAv8 */
#define MPU_MAIR0 REG(0xE000EDC0u) /* PMSAv8 */

static uint8_t guarded[1024] __attribute__((aligned(1024)));

int synth_rt_fault_hook(SynthRtFault *f)
{
	synth_rt_print(f->mmfar == (uintptr_t)&guarded[100] ? "hook: mmfar is guarded[100]\n"
	                                                    : "hook: mmfar ELSEWHERE\n");
	return 0;
}

int main(void)
{
	uintptr_t base = (uintptr_t)guarded;

	guarded[100] = 1;
	MPU_CTRL = 0;
	MPU_RNR = 0;
#if defined(__ARM_ARCH_8M_MAIN__)
	MPU_MAIR0 = 0x44;                    /* attr 0: normal, non-cacheable */
	MPU_RBAR = base | (3u << 1);         /* AP=11: read-only, any privilege */
	MPU_RLAR = ((base + 1023) & ~31u) | 1u;
#else
	MPU_RBAR = base;
	MPU_RASR = (6u << 24) | (1u << 17) | ((10u - 1) << 1) | 1u; /* AP=110 read-only, C, 1 KiB */
#endif
	MPU_CTRL = 1u | 4u; /* ENABLE | PRIVDEFENA */
	__asm__ volatile("dsb\n\tisb" ::: "memory");
	synth_rt_print("reading guarded[100]: ");
	synth_rt_print_u32(*(volatile uint8_t *)&guarded[100]);
	synth_rt_print("\nwriting guarded[100]\n");
	*(volatile uint8_t *)&guarded[100] = 2;
	synth_rt_print("not reached\n");
	return 0;
}
