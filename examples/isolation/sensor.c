/* sensor.c - component "sensor": a sensor filter, compiled to wasm with
 * clang. Keeps the last 16 samples (64 bytes) and filters them through a
 * function table (mean or peak). publish() sends its window to telemetry:
 * a cross-component call that passes the native address of the window
 * (synth.addr), from which telemetry copies (synth.copy_in, checked by the
 * runtime). window_out() is the other way: the caller passes where to put
 * the window and sensor copies it out (synth.copy_out). */
#include <stdint.h>

#define IMPORT(m, n) __attribute__((import_module(m), import_name(n)))
#define EXPORT(n) __attribute__((export_name(n)))

IMPORT("synth", "addr") int32_t synth_addr(const void *p, int32_t n);
IMPORT("synth", "copy_out") int32_t synth_copy_out(int32_t dst, const void *src, int32_t n);
IMPORT("telemetry", "send") int32_t telemetry_send(int32_t src, int32_t n);
IMPORT("telemetry", "frames") int32_t telemetry_frames(void);
IMPORT("telemetry", "sink") int32_t telemetry_sink(int32_t src, int32_t n);

#define WIN 16
static int32_t window[WIN];
static uint32_t count;
static int32_t mode;

static int32_t f_mean(void)
{
	int32_t s = 0;
	uint32_t n = count < WIN ? count : WIN;
	for (uint32_t i = 0; i < n; i++)
		s += window[i];
	return n ? s / (int32_t)n : 0;
}

static int32_t f_peak(void)
{
	int32_t m = window[0];
	for (uint32_t i = 1; i < WIN; i++)
		if (window[i] > m)
			m = window[i];
	return m;
}

/* call_indirect through the module's table (state, like the globals). */
static int32_t (*const volatile filters[2])(void) = {f_mean, f_peak};

EXPORT("feed") int32_t feed(int32_t x)
{
	window[count % WIN] = x;
	count++;
	return filters[mode & 1]();
}

EXPORT("set_mode") int32_t set_mode(int32_t m)
{
	mode = m;
	return filters[mode & 1]();
}

EXPORT("count") int32_t get_count(void) { return (int32_t)count; }

EXPORT("publish") int32_t publish(void)
{
	return telemetry_send(synth_addr(window, sizeof window), sizeof window);
}

EXPORT("window_out") int32_t window_out(int32_t dst, int32_t n)
{
	if (n < 0 || n > (int32_t)sizeof window)
		n = sizeof window;
	return synth_copy_out(dst, window, n);
}

/* For the measurements: one cross-component call without data, and one
 * that has telemetry copy 64 bytes in from sensor's window. */
EXPORT("cross") int32_t cross(void) { return telemetry_frames(); }
EXPORT("cross_copy") int32_t cross_copy(void) { return telemetry_sink(synth_addr(window, sizeof window), sizeof window); }

/* selftest(1) hits a wasm `unreachable` (a trap inside the domain). */
EXPORT("selftest") int32_t selftest(int32_t k)
{
	if (k == 1)
		__builtin_trap();
	return (int32_t)count;
}
