/* fsm.c - state machines: an HDLC-like framer (0x7E flags, 0x7D escapes,
 * CRC-16/CCITT) encodes 600 generated command frames into a byte stream,
 * some of them corrupted on purpose; a switch-driven receiver state
 * machine decodes the stream byte by byte, rejects bad frames, and feeds
 * the good commands to a table-driven device controller (8 states x 6
 * events). Counts, the controller's path and its final state are summed. */
#include "bench.h"

#define FLAG 0x7e
#define ESC 0x7d
#define FRAMES 600

static uint8_t stream[24000];
static uint32_t slen;

static uint16_t crc16(uint16_t c, uint8_t b)
{
	c ^= (uint16_t)(b << 8);
	for (int k = 0; k < 8; k++)
		c = (c & 0x8000) ? (uint16_t)((c << 1) ^ 0x1021) : (uint16_t)(c << 1);
	return c;
}

static void emit(uint8_t b)
{
	if (b == FLAG || b == ESC) {
		stream[slen++] = ESC;
		b ^= 0x20;
	}
	stream[slen++] = b;
}

/* The device: states x events -> next state (0xff: event ignored). */
enum { EV_START, EV_STOP, EV_DATA, EV_ERROR, EV_RESET, EV_TICK, EV_COUNT };
static const uint8_t next_state[8][EV_COUNT] = {
	/* idle */     { 1, 0xff, 0xff, 7, 0, 0xff },
	/* arming */   { 0xff, 0, 2, 7, 0, 2 },
	/* armed */    { 3, 0, 3, 7, 0, 0xff },
	/* running */  { 0xff, 4, 3, 6, 0, 5 },
	/* stopping */ { 3, 0xff, 0xff, 7, 0, 0 },
	/* cooling */  { 0xff, 4, 3, 6, 0, 3 },
	/* warning */  { 0xff, 4, 0xff, 7, 0, 3 },
	/* fault */    { 0xff, 0xff, 0xff, 7, 0, 0xff },
};

typedef struct {
	uint8_t state, escaped;
	uint8_t buf[64];
	uint32_t n;
	uint32_t good, bad, ignored, path, dev, data_sum;
} Rx;

static void deliver(Rx *rx)
{
	/* frame: addr, event, len, data[len], crc hi, crc lo */
	if (rx->n < 5 || rx->buf[2] != rx->n - 5) {
		rx->bad++;
		return;
	}
	uint16_t c = 0xffff;
	for (uint32_t i = 0; i < rx->n - 2; i++)
		c = crc16(c, rx->buf[i]);
	if (c != (uint16_t)(rx->buf[rx->n - 2] << 8 | rx->buf[rx->n - 1])) {
		rx->bad++;
		return;
	}
	rx->good++;
	if (rx->buf[0] != 0x42) /* not our address */
		return;
	uint8_t ev = rx->buf[1] % EV_COUNT;
	uint8_t nx = next_state[rx->dev][ev];
	if (nx == 0xff) {
		rx->ignored++;
		return;
	}
	if (ev == EV_DATA)
		for (uint32_t i = 3; i < rx->n - 2; i++)
			rx->data_sum += rx->buf[i];
	rx->dev = nx;
	rx->path = rx->path * 8u + nx;
}

static void receive(Rx *rx, uint8_t b)
{
	enum { HUNT, IN_FRAME, OVERFLOW };
	switch (rx->state) {
	case HUNT:
		if (b == FLAG) {
			rx->state = IN_FRAME;
			rx->n = 0;
			rx->escaped = 0;
		}
		break;
	case IN_FRAME:
		if (b == FLAG) {
			if (rx->n)
				deliver(rx);
			rx->n = 0;
			rx->escaped = 0;
		} else if (b == ESC) {
			rx->escaped = 1;
		} else {
			if (rx->escaped)
				b ^= 0x20;
			rx->escaped = 0;
			if (rx->n == sizeof rx->buf) {
				rx->state = OVERFLOW;
				rx->bad++;
			} else {
				rx->buf[rx->n++] = b;
			}
		}
		break;
	default: /* OVERFLOW: wait for the next flag */
		if (b == FLAG) {
			rx->state = IN_FRAME;
			rx->n = 0;
			rx->escaped = 0;
		}
		break;
	}
}

BENCH_RUN uint32_t run(void)
{
	uint32_t h = 0, s = bench_seed;
	Rx rx = { 0 };

	slen = 0;
	for (int f = 0; f < FRAMES && slen < sizeof stream - 200; f++) {
		uint8_t frame[40];
		uint32_t n = 0, len = bench_rand(&s) % 24;
		frame[n++] = (bench_rand(&s) % 5) ? 0x42 : 0x17;
		frame[n++] = (uint8_t)bench_rand(&s);
		frame[n++] = (uint8_t)len;
		for (uint32_t i = 0; i < len; i++)
			frame[n++] = (uint8_t)((bench_rand(&s) % 3) ? bench_rand(&s) : FLAG + (i & 1));
		uint16_t c = 0xffff;
		for (uint32_t i = 0; i < n; i++)
			c = crc16(c, frame[i]);
		frame[n++] = (uint8_t)(c >> 8);
		frame[n++] = (uint8_t)c;
		if (bench_rand(&s) % 11 == 0) /* corrupt one byte */
			frame[bench_rand(&s) % n] ^= 0x10;
		stream[slen++] = FLAG;
		for (uint32_t i = 0; i < n; i++)
			emit(frame[i]);
		if (f % 50 == 0) /* line noise between frames */
			for (int i = 0; i < 70; i++)
				stream[slen++] = 0x55;
	}
	stream[slen++] = FLAG;
	for (int round = 0; round < 3; round++) {
		rx.state = 0;
		rx.dev = 0;
		for (uint32_t i = 0; i < slen; i++)
			receive(&rx, stream[i]);
		h = bench_mix(h, rx.good);
		h = bench_mix(h, rx.bad);
		h = bench_mix(h, rx.ignored);
		h = bench_mix(h, rx.path);
		h = bench_mix(h, rx.dev);
		h = bench_mix(h, rx.data_sum);
	}
	return bench_mix(h, slen);
}
