/* rt_image.c - the smallest program linked with a board's runtime: its image
 * shows where the runtime's linker script puts the main stack, .data, .bss,
 * the fault stack and the heap (test_boards.c reads its symbols). */
#include "synth_rt.h"

static int counter = 1; /* something in .data */
static int scratch[16]; /* and in .bss */

int main(void)
{
	scratch[counter] = counter;
	return scratch[1] - 1;
}
