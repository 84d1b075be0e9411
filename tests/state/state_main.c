/* state_main.c - the state section of kitchen.wat at run time (link.sh):
 * the RAM of .synth_state.kitchen holds garbage before kitchen__init, as
 * after a warm restart; M__init must give every item its initial value
 * (control blocks, globals, segment descriptors) and null table entries,
 * then the exports change only state and memory. Prints one line per
 * check (link.sh compares with state_main.expected) and exits 1 when one
 * failed. */
#include <stdint.h>

#include "kitchen.h"
#include "synth_rt.h"

int32_t kitchen__import_env_g = 5;

extern const char kitchen__state_size[]; /* absolute: its address is the size */

static int failed;

static void check(const char *what, int ok)
{
	failed |= !ok;
	synth_rt_print(ok ? "ok: " : "FAIL: ");
	synth_rt_print(what);
	synth_rt_print("\n");
}

static void init(void *arg)
{
	(void)arg;
	kitchen__init();
}

static void calls(void *arg)
{
	int32_t *r = arg;
	r[0] = kitchen_f();
	kitchen_set(10);
	r[1] = kitchen_f();
	r[2] = kitchen_grow();
	kitchen_put(1);
	kitchen_drop();
}

int main(void)
{
	uint32_t size = (uint32_t)(uintptr_t)kitchen__state_size;
	for (uint32_t i = 0; i < size; i++)
		kitchen__state[i] = 0xa5;
	check("M__init runs", synth_rt_try(init, 0) == 0);
	check("state is 32-byte aligned, a multiple of 32", ((uintptr_t)kitchen__state & 31) == 0 && size % 32 == 0);
	check("memory 0 control block", kitchen__memctl0.base != 0 && kitchen__memctl0.bytes == 65536 &&
	                                    kitchen__memctl0.reserve == 131072 && kitchen__memctl0.shift == 16 &&
	                                    kitchen__memctl0.max_pages == 2);
	check("memory 1 control block", kitchen__memctl1.bytes == 65536 && kitchen__memctl1.max_pages == 65536);
	check("active data written", kitchen__memctl0.base[8] == 'h' && kitchen__memctl0.base[12] == 'o');
	check("mutable globals", kitchen__global1 == 7 && kitchen__global9 == -1);
	check("global from an import", kitchen__global6 == 5);
	check("constant globals", kitchen__global2 == 42 && kitchen__global3 == 0x1122334455667788ll &&
	                              kitchen__global4 == 1.5f && kitchen__global5 == 2.5);
	check("table 0: size 2, entry 0 set by the active segment, entry 1 null",
	      kitchen__tablectl0.size == 2 && kitchen__tablectl0.reserve == 10 && kitchen__tablectl0.elems[0] != 0 &&
	          kitchen__tablectl0.elems[1] == 0);
	uint32_t nonnull = 0;
	for (uint32_t i = 0; i < kitchen__tablectl1.reserve; i++)
		nonnull += kitchen__tablectl1.elems[i] != 0;
	check("table 1: every reserved entry null", kitchen__tablectl1.size == 1 && nonnull == 0);
	const uint8_t *lo = kitchen__state, *hi = kitchen__state + size;
	check("control blocks, globals and tables inside the state",
	      (const uint8_t *)&kitchen__memctl0 >= lo && (const uint8_t *)(&kitchen__memctl1 + 1) <= hi &&
	          (const uint8_t *)&kitchen__global1 >= lo && (const uint8_t *)(&kitchen__global9 + 1) <= hi &&
	          (const uint8_t *)kitchen__tablectl1.elems >= lo &&
	          (const uint8_t *)(kitchen__tablectl1.elems + kitchen__tablectl1.reserve) <= hi);
	check("constants outside the state",
	      (const uint8_t *)&kitchen__global2 >= hi || (const uint8_t *)(&kitchen__global2 + 1) <= lo);
	int32_t r[3] = {0, 0, 0};
	check("exports run", synth_rt_try(calls, r) == 0);
	check("f reads the globals, set changes one", r[0] == 49 && r[1] == 52 && kitchen__global1 == 10);
	check("table.grow and table.set change table 0", r[2] == 2 && kitchen__tablectl0.size == 3 &&
	                                                      kitchen__tablectl0.elems[1] == kitchen__global7);
	check("M__init again restores the state", synth_rt_try(init, 0) == 0 && kitchen__global1 == 7 &&
	                                              kitchen__tablectl0.size == 2 && kitchen__tablectl0.elems[1] == 0);
	return failed;
}
