/* counter.c - instruction counting with CMSDK APB timer0.
 *
 * Under QEMU with `-icount shift=7,align=off,sleep=off` each instruction
 * advances virtual time by exactly 2^7 = 128 ns, and the timer follows
 * virtual time, so ticks = floor(n * 128e-9 * hz) after n instructions and
 * n = round(ticks * 1e9 / (128 * hz)): 3.2 ticks per instruction at 25 MHz
 * (an385/an386/an500), 2.56 at 20 MHz (an505). Rounding is exact because
 * the floor loses less than one tick, i.e. less than half an instruction.
 * Timer registers are device I/O, which QEMU's icount mode executes at an
 * exact instruction count, so repeated runs read identical values.
 *
 * The timer counts down from 0xffffffff and wraps after 2^32 ticks (about
 * 1.3e9 instructions at 25 MHz). Without -icount it follows host time.
 */
#include "rt_internal.h"

/* SYNTH_RT_TIMER0_BASE and SYNTH_RT_TIMER_HZ come from the board table in
 * CMakeLists.txt. */
#define TIMER_CTRL   RT_REG(SYNTH_RT_TIMER0_BASE + 0x0u)
#define TIMER_VALUE  RT_REG(SYNTH_RT_TIMER0_BASE + 0x4u)
#define TIMER_RELOAD RT_REG(SYNTH_RT_TIMER0_BASE + 0x8u)

const uint32_t synth_rt_timer_hz = SYNTH_RT_TIMER_HZ;
const char synth_rt_board[] = SYNTH_RT_BOARD_NAME;

void synth_rt_counter_start(void)
{
	TIMER_CTRL = 0;
	TIMER_RELOAD = 0xffffffffu;
	TIMER_VALUE = 0xffffffffu;
	TIMER_CTRL = 1; /* enable, no interrupt, internal clock */
}

uint32_t synth_rt_counter_ticks(void)
{
	return 0xffffffffu - TIMER_VALUE;
}

uint32_t synth_rt_ticks_to_insns(uint32_t ticks)
{
	const uint64_t den = 128ull * SYNTH_RT_TIMER_HZ;

	return (uint32_t)(((uint64_t)ticks * 1000000000ull + den / 2) / den);
}

uint32_t synth_rt_counter_insns(void)
{
	return synth_rt_ticks_to_insns(synth_rt_counter_ticks());
}
