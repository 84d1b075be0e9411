/* telemetry.c - component "telemetry": a telemetry encoder, compiled to
 * wasm with clang. send() copies a block in from the caller (synth.copy_in,
 * the runtime checks that the source is the caller's) and frames it:
 * sequence number, length, payload, FNV-1a checksum. pull() asks sensor
 * for its window, giving the native address of its own frame buffer
 * (synth.addr) for sensor to copy out into. */
#include <stdint.h>

#define IMPORT(m, n) __attribute__((import_module(m), import_name(n)))
#define EXPORT(n) __attribute__((export_name(n)))

IMPORT("synth", "addr") int32_t synth_addr(const void *p, int32_t n);
IMPORT("synth", "copy_in") int32_t synth_copy_in(void *dst, int32_t src, int32_t n);
IMPORT("sensor", "window_out") int32_t sensor_window_out(int32_t dst, int32_t n);
IMPORT("synth", "status") int32_t synth_status(void);

#define PAYLOAD 64
static uint8_t frame[4 + PAYLOAD + 4];
static uint32_t frames;
static uint32_t last;

static int32_t encode(uint32_t n)
{
	uint32_t h = 2166136261u;
	frame[0] = (uint8_t)frames;
	frame[1] = (uint8_t)(frames >> 8);
	frame[2] = (uint8_t)n;
	frame[3] = 0x5a;
	for (uint32_t i = 0; i < 4 + n; i++)
		h = (h ^ frame[i]) * 16777619u;
	for (uint32_t i = 0; i < 4; i++)
		frame[4 + n + i] = (uint8_t)(h >> (8 * i));
	frames++;
	last = h & 0x7fffffffu;
	return (int32_t)last;
}

EXPORT("send") int32_t send(int32_t src, int32_t n)
{
	if (n < 0 || n > PAYLOAD)
		return -4;
	uint8_t tmp[PAYLOAD]; /* on the shadow stack: __stack_pointer, a mutable global */
	int32_t st = synth_copy_in(tmp, src, n);
	if (st)
		return st;
	for (int32_t i = 0; i < n; i++)
		frame[4 + i] = tmp[i];
	return encode((uint32_t)n);
}

EXPORT("pull") int32_t pull(void)
{
	int32_t st = sensor_window_out(synth_addr(frame + 4, PAYLOAD), PAYLOAD);
	if (st)
		return st;
	st = synth_status(); /* sensor stopped, or faulted in this call */
	if (st)
		return st;
	return encode(PAYLOAD);
}

EXPORT("frames") int32_t get_frames(void) { return (int32_t)frames; }
EXPORT("last") int32_t get_last(void) { return (int32_t)last; }

/* Copies n bytes in from the caller and does nothing else (measurements). */
static uint8_t sinkbuf[PAYLOAD];
EXPORT("sink") int32_t sink(int32_t src, int32_t n)
{
	return n < 0 || n > PAYLOAD ? -4 : synth_copy_in(sinkbuf, src, n);
}
