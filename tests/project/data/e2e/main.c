/* main.c - firmware for the end-to-end test (e2e.sh): instantiates
 * examples/hello, calls its demo export and prints the result. Exit status
 * 0 when demo returns 2055, the checksum of the greeting it posts. */
#include "hello.h"
#include "synth_rt.h"

int main(void)
{
	if (hello__init() != 0)
		return 2;
	int32_t r = hello_demo();
	synth_rt_print("demo => ");
	synth_rt_print_u32((uint32_t)r);
	synth_rt_print("\n");
	return r == 2055 ? 0 : 1;
}
