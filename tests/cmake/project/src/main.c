/* main.c - firmware of the project-file consumer test: the CMake consumer's
 * main.c with the project build's header names (the layout's is mpu.h).
 * Two modules, each in its own protection domain; loads each domain's MPU
 * table before calling into it. */
#include "counter.h"
#include "hello.h"
#include "mpu.h"
#include "synth_rt.h"

/* A flag from the project file with a ';', a blank and a '$' arrives whole,
 * through CMake (bracket arguments) and through Ninja (shell quoting). */
_Static_assert(sizeof NOTE == sizeof "a;b $x", "NOTE");

static int32_t demo, count;

static void run(void *arg)
{
	(void)arg;
	hello__init();
	counter__init();
	synth_mpu_load_domain(SYNTH_DOMAIN_hello);
	demo = hello_demo();
	synth_mpu_load_domain(SYNTH_DOMAIN_counter);
	counter_bump();
	count = counter_bump();
}

int main(void)
{
	if (synth_rt_try(run, 0) != 0)
		return 1;
	synth_rt_print("hello demo() => ");
	synth_rt_print_i32(demo);
	synth_rt_print("\ncounter => ");
	synth_rt_print_i32(count);
	synth_rt_print("\n");
	return demo == 2055 ? 0 : 1;
}
