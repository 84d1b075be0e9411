/* native_main.c - the native side of a program test: includes the
 * program (PROGRAM_SOURCE, a quoted path given with -D), calls its `run`
 * and prints the result the way `synth run --invoke run` does:
 * `run() => i32:VALUE` or `run() => i64:VALUE`, unsigned decimal. The
 * result type follows run's return type through _Generic. */
#include "synth_rt.h"
#include PROGRAM_SOURCE

static void print_i32(uint32_t v)
{
	synth_rt_print("i32:");
	synth_rt_print_u32(v);
}

static void print_i64(uint64_t v)
{
	synth_rt_print("i64:");
	synth_rt_print_u64(v);
}

#define PRINT_RESULT(v) _Generic((v), uint64_t: print_i64, int64_t: print_i64, default: print_i32)(v)

int main(void)
{
	synth_rt_print("run() => ");
	PRINT_RESULT(run());
	synth_rt_print("\n");
	return 0;
}
