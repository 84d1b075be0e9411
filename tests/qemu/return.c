/* return.c - main's return value becomes the exit status (42). */
#include "synth_rt.h"

static volatile int status = 42;

int main(void)
{
	synth_rt_print("returning 42\n");
	return status;
}
