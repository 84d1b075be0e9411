/* caller.c - calls float exports of a compiled module through its header,
 * with the board's float ABI; prints OK when both results are right. */
#include "scale.h"

int main(void)
{
	float s = scale_scale(1.5f, 4.0);
	double m = scale_mix(3, 0.5f, 10, 0.25);
	if (s == 6.0f && m == 11.75) {
		synth_rt_print("OK\n");
		return 0;
	}
	synth_rt_print("WRONG\n");
	return 1;
}
