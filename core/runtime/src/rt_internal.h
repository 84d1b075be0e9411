/* rt_internal.h - declarations shared by the runtime's own files.
 *
 * System control block registers, semihosting operation numbers, and the
 * symbols the linker script and startup.S provide. Not installed.
 */
#ifndef SYNTH_RT_INTERNAL_H
#define SYNTH_RT_INTERNAL_H

#include <stdint.h>

#include "synth_rt.h"

#define RT_REG(addr) (*(volatile uint32_t *)(uintptr_t)(addr))

/* System Control Block (ARMv7-M and ARMv8-M, Secure view on the an505). */
#define SCB_CCR   RT_REG(0xE000ED14u)
#define SCB_SHCSR RT_REG(0xE000ED24u)
#define SCB_CFSR  RT_REG(0xE000ED28u)
#define SCB_HFSR  RT_REG(0xE000ED2Cu)
#define SCB_MMFAR RT_REG(0xE000ED34u)
#define SCB_BFAR  RT_REG(0xE000ED38u)
#define SCB_SFSR  RT_REG(0xE000EDE4u)
#define SCB_SFAR  RT_REG(0xE000EDE8u)

#define SCB_CCR_DIV_0_TRP         (1u << 4)
#define SCB_SHCSR_MEMFAULTENA     (1u << 16)
#define SCB_SHCSR_BUSFAULTENA     (1u << 17)
#define SCB_SHCSR_USGFAULTENA     (1u << 18)
#define SCB_SHCSR_SECUREFAULTENA  (1u << 19)

/* Semihosting operations (Arm "Semihosting for AArch32 and AArch64"). */
#define SYS_WRITEC        0x03
#define SYS_WRITE0        0x04
#define SYS_EXIT          0x18
#define SYS_EXIT_EXTENDED 0x20
#define ADP_Stopped_ApplicationExit 0x20026

/* Linker-script symbols; only their addresses mean anything. */
extern char __synth_stack_bottom[];
extern char __synth_stack_top[];
extern char __synth_stack_reserve[]; /* absolute: the reserve in bytes */

/* startup.S / try.S */
void synth_rt_throw_(int code) __attribute__((noreturn));
extern void *synth_rt_catch_top_;

/* layout_zero.c: called by the reset handler (startup.S). */
void synth_rt_zero_layout(void);

/* semihost.c: nonzero when the last character written was not '\n'. */
int synth_rt_mid_line_(void);

#endif /* SYNTH_RT_INTERNAL_H */
