/* exit.c - synth_rt_exit(3) from a nested call ends the program with
 * status 3; nothing after it runs. */
#include "synth_rt.h"

static volatile int status = 3;

__attribute__((noinline)) static void leave(int s)
{
	synth_rt_print("leaving with ");
	synth_rt_print_i32(s);
	synth_rt_print_char('\n');
	synth_rt_exit(s);
}

int main(void)
{
	leave(status);
	synth_rt_print("not reached\n");
	return 0;
}
