/* trap.c - WebAssembly traps and the call-stack limit.
 *
 * synth_rt_trap() prints "trap: <message>" with the spec suite's wording
 * and unwinds to the innermost synth_rt_try() (try.S), or exits with
 * SYNTH_RT_EXIT_TRAP when no synth_rt_try() is active.
 */
#include "rt_internal.h"

uintptr_t __synth_stack_limit;

static const char *const trap_messages[SYNTH_TRAP_COUNT_] = {
	[SYNTH_TRAP_NONE] = "no trap",
#define MESSAGE_(name, code, msg) [SYNTH_TRAP_##name] = msg,
	SYNTH_TRAP_LIST(MESSAGE_)
#undef MESSAGE_
};

const char *synth_rt_trap_message(int reason)
{
	if (reason < 0 || reason >= SYNTH_TRAP_COUNT_)
		return "unknown trap";
	return trap_messages[reason];
}

int synth_rt_trap_quiet;

void synth_rt_trap(int reason)
{
	if (synth_rt_trap_quiet && synth_rt_catch_top_ && reason > 0 && reason < SYNTH_TRAP_COUNT_)
		synth_rt_throw_(reason);
	synth_rt_print("trap: ");
	synth_rt_print(synth_rt_trap_message(reason));
	if (reason <= 0 || reason >= SYNTH_TRAP_COUNT_) {
		synth_rt_print(" ");
		synth_rt_print_i32(reason);
		if (reason == 0)
			reason = -1; /* synth_rt_try must not see "no trap" */
	}
	synth_rt_print_char('\n');
	if (synth_rt_catch_top_)
		synth_rt_throw_(reason);
	synth_rt_exit(SYNTH_RT_EXIT_TRAP);
}
