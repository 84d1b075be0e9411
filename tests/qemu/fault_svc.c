/* fault_svc.c - an exception nobody handles (SVCall: the program defines
 * no SVC_Handler) is reported as unexpected (exit 107). */
#include "synth_rt.h"

int main(void)
{
	synth_rt_print("calling svc #0\n");
	__asm__ volatile("svc #0");
	synth_rt_print("not reached\n");
	return 0;
}
