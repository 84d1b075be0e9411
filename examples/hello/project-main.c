/* project-main.c - the firmware of project.json: main.c as the project
 * build names things (the layout's header is mpu.h there, synth_layout.h in
 * the synth_add_layout() build). Instantiate the hello module, load its
 * protection domain's MPU regions, call demo() and print the result; the
 * exit status (0 when demo() returns 2055) is QEMU's. */
#include "hello.h"
#include "mpu.h"
#include "synth_rt.h"

static int32_t result;

static void run(void *arg)
{
	(void)arg;
	hello__init();
	result = hello_demo();
}

int main(void)
{
	synth_mpu_load_domain(SYNTH_DOMAIN_hello);
	if (synth_rt_try(run, 0) != 0)
		return 1;
	synth_rt_print("demo() => ");
	synth_rt_print_i32(result);
	synth_rt_print("\n");
	return result == 2055 ? 0 : 1;
}
