/* w2c_main.c - runs one workload translated by wasm2c (module name `w`,
 * so the generated symbols are Z_w_* and Z_wZ_run): instantiates it
 * outside the count, then prints the result and the exact instruction
 * count of the call like native_main.c. */
#include <stdint.h>

#include "synth_rt.h"
#include "w.h"

static Z_w_instance_t inst;

int main(void)
{
	Z_w_init_module();
	Z_w_instantiate(&inst);
	synth_rt_counter_start();
	uint32_t r = Z_wZ_run(&inst);
	uint32_t n = synth_rt_counter_insns();
	synth_rt_print("run() => i32:");
	synth_rt_print_u32(r);
	synth_rt_print("  [");
	synth_rt_print_u32(n);
	synth_rt_print(" instructions]\n");
	return 0;
}
