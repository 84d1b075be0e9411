/* plan_main.c - two modules' memories and state sections where a planned
 * layout puts them (tests/state/plan.sh). synth_rt_early() fills every
 * planned range with garbage before the reset handler sets anything up, as
 * after a warm restart; at main every memory and state section must be
 * zero (the runtime zeroes synth_layout_zero[]), each state section at its
 * planned base with the module's state symbols inside, and the modules must
 * run from there. Prints one line per check; exit 0 only when all pass. */
#include <stdint.h>

#include "ping.h"
#include "pong.h"
#include "synth_layout.h"
#include "synth_rt.h"

#define HOOK_MAGIC 0x5eed57a7u

extern uint32_t __synth_heap_start[]; /* the runtime zeroes nothing there */

static const struct {
	const char *name;
	uint32_t base, size;
} planned[] = {
	{"ping.0", SYNTH_MEM_ping_0_BASE, SYNTH_MEM_ping_0_SIZE},
	{"pong.0", SYNTH_MEM_pong_0_BASE, SYNTH_MEM_pong_0_SIZE},
	{"ping.state", SYNTH_STATE_ping_BASE, SYNTH_STATE_ping_SIZE},
	{"pong.state", SYNTH_STATE_pong_BASE, SYNTH_STATE_pong_SIZE},
};
#define NPLANNED (sizeof planned / sizeof planned[0])

/* Runs before .data and .bss exist: only constants and volatile stores (no
 * memset call for the compiler to make up). */
void synth_rt_early(void)
{
	for (uint32_t i = 0; i < NPLANNED; i++) {
		volatile uint32_t *p = (volatile uint32_t *)(uintptr_t)planned[i].base;
		for (uint32_t k = 0; k < planned[i].size / 4; k++)
			p[k] = 0xa5a5a5a5u ^ k;
	}
	*(volatile uint32_t *)__synth_heap_start = HOOK_MAGIC;
}

static int failed;

static void check(const char *what, const char *name, int ok)
{
	synth_rt_print(ok ? "ok: " : "FAIL: ");
	synth_rt_print(what);
	if (name) {
		synth_rt_print(" ");
		synth_rt_print(name);
	}
	synth_rt_print("\n");
	failed |= !ok;
}

static int inside(const void *p, uint32_t bytes, uint32_t base, uint32_t size)
{
	uintptr_t a = (uintptr_t)p;
	return a >= base && a + bytes <= (uintptr_t)base + size;
}

int main(void)
{
	check("the early hook ran before start-up", 0, *(volatile uint32_t *)__synth_heap_start == HOOK_MAGIC);
	for (uint32_t i = 0; i < NPLANNED; i++) {
		const volatile uint32_t *p = (const volatile uint32_t *)(uintptr_t)planned[i].base;
		uint32_t dirty = 0;
		for (uint32_t k = 0; k < planned[i].size / 4; k++)
			dirty += p[k] != 0;
		check("zero at main:", planned[i].name, dirty == 0);
	}
	check("state at its planned base:", "ping", (uintptr_t)ping__state == SYNTH_STATE_ping_BASE);
	check("state at its planned base:", "pong", (uintptr_t)pong__state == SYNTH_STATE_pong_BASE);
	check("state symbols inside the planned state section:", "ping",
	      inside(&ping__memctl0, sizeof ping__memctl0, SYNTH_STATE_ping_BASE, SYNTH_STATE_ping_SIZE) &&
	          inside(&ping__tablectl0, sizeof ping__tablectl0, SYNTH_STATE_ping_BASE, SYNTH_STATE_ping_SIZE) &&
	          inside(&ping__global0, 4, SYNTH_STATE_ping_BASE, SYNTH_STATE_ping_SIZE) &&
	          inside(&ping__global1, 8, SYNTH_STATE_ping_BASE, SYNTH_STATE_ping_SIZE));
	check("state symbols inside the planned state section:", "pong",
	      inside(&pong__memctl0, sizeof pong__memctl0, SYNTH_STATE_pong_BASE, SYNTH_STATE_pong_SIZE) &&
	          inside(&pong__tablectl0, sizeof pong__tablectl0, SYNTH_STATE_pong_BASE, SYNTH_STATE_pong_SIZE) &&
	          inside(&pong__global0, 4, SYNTH_STATE_pong_BASE, SYNTH_STATE_pong_SIZE) &&
	          inside(&pong__global1, 4, SYNTH_STATE_pong_BASE, SYNTH_STATE_pong_SIZE));
	ping__init();
	pong__init();
	check("memory at its planned base:", "ping.0", (uintptr_t)ping__memctl0.base == SYNTH_MEM_ping_0_BASE);
	check("memory at its planned base:", "pong.0", (uintptr_t)pong__memctl0.base == SYNTH_MEM_pong_0_BASE);
	int32_t a = ping_bump(0), b = ping_bump(1);
	check("ping: globals and table", 0, a == 101 && b == 103 && ping__global0 == 103 && ping_peek(16) == 103);
	int32_t c = pong_add(5), g = pong_grow();
	check("pong: globals and table", 0, c == 22 && g == 5 && pong__tablectl0.size == 7 &&
	                                        *(volatile int32_t *)(uintptr_t)(SYNTH_MEM_pong_0_BASE + 65568) == 22);
	if (!failed)
		synth_rt_print("plan-state: ok\n");
	return failed;
}
