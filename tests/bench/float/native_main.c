/* native_main.c - runs a kernel compiled natively, printing its result and
 * exact instruction count like `synth run --count --invoke run`. */
#include "synth_rt.h"
#include KERNEL
#define PRINT(v) _Generic((v), uint64_t: print64, default: print32)(v)
static void print32(uint32_t v) { synth_rt_print(" i32:"); synth_rt_print_u32(v); }
static void print64(uint64_t v) { synth_rt_print(" i64:"); synth_rt_print_u64(v); }
int main(void)
{
	synth_rt_counter_start();
	__typeof__(run()) r = run();
	uint32_t n = synth_rt_counter_insns();
	synth_rt_print("run() =>");
	PRINT(r);
	synth_rt_print("  [");
	synth_rt_print_u32(n);
	synth_rt_print(" instructions]\n");
	return 0;
}
