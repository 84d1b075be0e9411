/* w2c_rt.c - the few wasm-rt.h functions that wasm2c output calls, for a
 * bare-metal MCU. wabt's own wasm-rt-impl.c (in /usr/share/wabt/wasm2c)
 * assumes a hosted system (mmap, signals, malloc), so this replaces it:
 * linear memory comes from one static pool (no growth beyond it), traps
 * print the reason and exit with status 1. The stack-depth counter that
 * wasm-rt.h enables on 32-bit targets is kept, as a user would get it. */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "synth_rt.h"
#include "wasm-rt.h"

#define POOL_PAGES 16

static uint8_t pool[POOL_PAGES * 65536u] __attribute__((aligned(8)));
static uint32_t pool_used; /* pages handed out */

uint32_t wasm_rt_call_stack_depth;

/* Function types, registered by the module's set-up: equal types get the
 * same index, so call_indirect's type check compares indices. */
#define MAX_TYPES 64
#define MAX_ARITY 16
static struct {
	uint32_t params, results;
	uint8_t types[MAX_ARITY];
} func_types[MAX_TYPES];
static uint32_t n_func_types;

void wasm_rt_trap(wasm_rt_trap_t trap)
{
	synth_rt_print("trap: wasm2c trap ");
	synth_rt_print_u32((uint32_t)trap);
	synth_rt_print("\n");
	synth_rt_exit(1);
}

void abort(void)
{
	wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
}

bool wasm_rt_is_initialized(void)
{
	return true;
}

uint32_t wasm_rt_register_func_type(uint32_t params, uint32_t results, ...)
{
	uint8_t t[MAX_ARITY];
	va_list ap;
	if (params + results > MAX_ARITY)
		wasm_rt_trap(WASM_RT_TRAP_EXHAUSTION);
	va_start(ap, results);
	for (uint32_t i = 0; i < params + results; i++)
		t[i] = (uint8_t)va_arg(ap, int);
	va_end(ap);
	for (uint32_t k = 0; k < n_func_types; k++)
		if (func_types[k].params == params && func_types[k].results == results &&
		    memcmp(func_types[k].types, t, params + results) == 0)
			return k + 1;
	if (n_func_types == MAX_TYPES)
		wasm_rt_trap(WASM_RT_TRAP_EXHAUSTION);
	func_types[n_func_types].params = params;
	func_types[n_func_types].results = results;
	memcpy(func_types[n_func_types].types, t, params + results);
	return ++n_func_types;
}

void wasm_rt_allocate_memory(wasm_rt_memory_t *m, uint32_t initial_pages, uint32_t max_pages)
{
	/* the module's only memory gets the rest of the pool */
	if (pool_used + initial_pages > POOL_PAGES)
		wasm_rt_trap(WASM_RT_TRAP_OOB);
	m->data = pool + pool_used * 65536u;
	m->pages = initial_pages;
	m->max_pages = max_pages;
	m->size = initial_pages * 65536u;
	memset(m->data, 0, m->size);
	pool_used = POOL_PAGES;
}

uint32_t wasm_rt_grow_memory(wasm_rt_memory_t *m, uint32_t delta)
{
	uint32_t old = m->pages;
	if (delta > POOL_PAGES - old || old + delta > m->max_pages)
		return 0xffffffffu;
	memset(m->data + m->size, 0, delta * 65536u);
	m->pages = old + delta;
	m->size = m->pages * 65536u;
	return old;
}

void wasm_rt_free_memory(wasm_rt_memory_t *m)
{
	(void)m;
}
