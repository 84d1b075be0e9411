/* fault_udf.c - an undefined instruction that is not a trap code
 * (`udf #254`) is reported by the UsageFault handler (exit 105). */
#include <stdint.h>

#include "synth_rt.h"

int synth_rt_fault_hook(SynthRtFault *f)
{
	synth_rt_print("hook: instruction ");
	synth_rt_print_hex32(*(const uint16_t *)(uintptr_t)(f->frame[6] & ~1u));
	synth_rt_print_char('\n');
	return 0;
}

int main(void)
{
	synth_rt_print("executing udf #254\n");
	__asm__ volatile("udf #254");
	synth_rt_print("not reached\n");
	return 0;
}
