/* mask_guard.c - the MPU requirement of --bounds=mask (mask_guard.wat):
 * memory 0 (64 KiB, reservation 64 KiB) and memory 1 are neighbours; an
 * 8-byte store at 0xffff in memory 0 writes 7 bytes of memory 1 when no
 * MPU is on, and faults (MemManage) without changing memory 1 when an MPU
 * region that the running code may not write covers memory 1 (read-only
 * here: this test runs privileged, and PMSAv8 has no region that denies
 * privileged code). PMSAv7 on the M3/M4/M7 boards,
 * PMSAv8 on the M33. Prints one line per step; run-multimem.sh compares. */
#include <stdint.h>

#include "mg.h"
#include "synth_rt.h"

#define REG(a) (*(volatile uint32_t *)(a))
#define MPU_CTRL  REG(0xE000ED94u)
#define MPU_RNR   REG(0xE000ED98u)
#define MPU_RBAR  REG(0xE000ED9Cu)
#define MPU_RASR  REG(0xE000EDA0u) /* PMSAv7 */
#define MPU_RLAR  REG(0xE000EDA0u) /* PMSAv8 */
#define MPU_MAIR0 REG(0xE000EDC0u) /* PMSAv8 */
#define SHCSR     REG(0xE000ED24u)

static volatile uint32_t fault_addr, faults;

int synth_rt_fault_hook(SynthRtFault *f)
{
	faults++;
	fault_addr = f->mmfar;
	return synth_rt_fault_to_trap(f, SYNTH_TRAP_OOB_MEMORY);
}

static void store(void *arg)
{
	(void)arg;
	mg_store64(0xffff, 0x1122334455667788ll);
}

/* Bytes of memory 1 that are no longer zero. */
static uint32_t changed(void)
{
	uint32_t n = 0;
	for (uint32_t i = 0; i < 8; i++)
		n += mg__memctl1.base[i] != 0;
	return n;
}

int main(void)
{
	synth_rt_trap_quiet = 1;
	if (mg__init() != 0)
		return 1;
	uintptr_t b1 = (uintptr_t)mg__memctl1.base;
	synth_rt_print(mg__memctl0.base + mg__memctl0.reserve == mg__memctl1.base ? "memory 1 follows memory 0\n"
	                                                                        : "memory 1 is elsewhere\n");
	int trap = synth_rt_try(store, 0);
	synth_rt_print("no MPU: trap ");
	synth_rt_print_u32((uint32_t)trap);
	synth_rt_print(", bytes of memory 1 changed: ");
	synth_rt_print_u32(changed());
	synth_rt_print("\n");
	for (uint32_t i = 0; i < 8; i++)
		mg__memctl1.base[i] = 0;

	MPU_CTRL = 0;
	MPU_RNR = 0;
#if defined(__ARM_ARCH_8M_MAIN__)
	MPU_MAIR0 = 0x44;                  /* attr 0: normal, non-cacheable */
	MPU_RBAR = b1 | (3u << 1);         /* AP=11: read-only, any privilege */
	MPU_RLAR = ((b1 + 65535) & ~31u) | 1u;
#else
	MPU_RBAR = b1;
	MPU_RASR = (6u << 24) | (1u << 17) | ((16u - 1) << 1) | 1u; /* AP=110 read-only, 64 KiB */
#endif
	SHCSR |= 1u << 16; /* MemManage enabled */
	MPU_CTRL = 1u | 4u; /* ENABLE | PRIVDEFENA */
	__asm__ volatile("dsb\n\tisb" ::: "memory");
	trap = synth_rt_try(store, 0);
	MPU_CTRL = 0;
	__asm__ volatile("dsb\n\tisb" ::: "memory");
	synth_rt_print("MPU on memory 1: trap ");
	synth_rt_print_u32((uint32_t)trap);
	synth_rt_print(", faults ");
	synth_rt_print_u32(faults);
	synth_rt_print(fault_addr + 8 >= b1 && fault_addr < b1 + 8 ? ", at the boundary" : ", elsewhere");
	synth_rt_print(", bytes of memory 1 changed: ");
	synth_rt_print_u32(changed());
	synth_rt_print("\n");
	return 0;
}
