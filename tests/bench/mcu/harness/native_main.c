/* native_main.c - runs one workload built natively (linked as its own
 * object, so `run` is not inlined into the caller, as in the wasm builds)
 * and prints its result and exact instruction count the way
 * `synth run --count --invoke run` does:
 * `run() => i32:VALUE  [N instructions]`. */
#include <stdint.h>

#include "synth_rt.h"

uint32_t run(void);

int main(void)
{
	synth_rt_counter_start();
	uint32_t r = run();
	uint32_t n = synth_rt_counter_insns();
	synth_rt_print("run() => i32:");
	synth_rt_print_u32(r);
	synth_rt_print("  [");
	synth_rt_print_u32(n);
	synth_rt_print(" instructions]\n");
	return 0;
}
