/* hostile.c - component "hostile", compiled to wasm with clang and with
 * `synth compile --bounds=none`: its loads and stores are not checked, so
 * base + offset reaches any address (the offsets it is given are other
 * components' memories, state, stacks and the runtime's RAM, computed by the
 * firmware from the layout). Only the MPU stands in the way. It also passes
 * forged pointers through cross-component calls. */
#include <stdint.h>

#define IMPORT(m, n) __attribute__((import_module(m), import_name(n)))
#define EXPORT(n) __attribute__((export_name(n)))

IMPORT("sensor", "window_out") int32_t sensor_window_out(int32_t dst, int32_t n);
IMPORT("telemetry", "send") int32_t telemetry_send(int32_t src, int32_t n);
IMPORT("synth", "status") int32_t synth_status(void);

static int32_t pings;

/* Writes v at offset off of its memory (no bounds check: base + off). */
EXPORT("poke") int32_t poke(uint32_t off, int32_t v)
{
	*(volatile int32_t *)(uintptr_t)off = v;
	return 0x600d;
}

/* Asks sensor to copy its window to a forged "address of my buffer". */
EXPORT("forge_out") int32_t forge_out(int32_t addr) { return sensor_window_out(addr, 64); }
/* Asks telemetry to copy in 64 bytes from a forged source. */
EXPORT("forge_in") int32_t forge_in(int32_t addr) { return telemetry_send(addr, 64); }

EXPORT("ping") int32_t ping(void) { return ++pings; }

/* Unbounded recursion: compiled with --stack-check=none, nothing but the
 * hardware stops it (PSPLIM on ARMv8-M, the stack region's MPU boundary). */
EXPORT("recurse") int32_t recurse(int32_t n)
{
	if (n == -1)
		return 0;
	return recurse(n + 1) * 3 + n;
}
