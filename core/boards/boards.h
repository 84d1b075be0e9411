/* boards.h - the board registry (boards.def) as C data: one SynthBoard per row.
 *
 * Header-only so that the library (the planner's target checks), the command
 * line (`synth compile --board`, `synth run`) and the test generators read
 * the same table without a second copy. The derived facts (where .data and
 * the heap start) are computed here once, by synth_board_rt_*(). */
#ifndef SYNTH_BOARDS_H
#define SYNTH_BOARDS_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* One board: the fields of a boards.def row, in its order. */
typedef struct SynthBoard {
	const char *name;           /* board name, e.g. "mps2-an386" */
	const char *machine;        /* qemu-system-arm -M machine */
	const char *core;           /* core name for synth_target_parse() */
	const char *cflags;         /* arm-none-eabi-gcc core/FPU flags */
	uint32_t code_origin;       /* CODE region */
	uint32_t code_length;
	const char *ram_bank;       /* the runtime's RAM: name, origin, length */
	uint32_t ram_origin;
	uint32_t ram_length;
	const char *wasm_bank;      /* the wasm memories' default region */
	uint32_t wasm_origin;
	uint32_t wasm_length;
	const char *extra_bank;     /* another RAM bank, "" when none */
	uint32_t extra_origin;
	uint32_t extra_length;
	uint32_t dev_origin;        /* peripherals */
	uint32_t dev_length;
	uint32_t timer0;            /* CMSDK timer0 base */
	uint32_t timer_hz;          /* its clock */
	const char *mpu;            /* "pmsav7" or "pmsav8" */
	uint32_t mpu_regions;       /* regions per domain */
	uint32_t mpu_align;         /* alignment of every planned range */
	uint32_t stack_size;        /* the runtime's main stack, at the bottom of RAM */
	uint32_t heap_size;         /* the runtime's heap, at the top of RAM */
	uint32_t domain_stack;      /* planner: per-domain stack */
	uint32_t shared_runtime;    /* planner: shared runtime state */
	const char *description;    /* one line */
} SynthBoard;

/* Board i of the registry, in file order; NULL past the last. */
static inline const SynthBoard *synth_board_at(size_t i)
{
	static const SynthBoard table[] = {
#define SYNTH_BOARD(...) {__VA_ARGS__},
#include "boards.def"
#undef SYNTH_BOARD
	};
	return i < sizeof table / sizeof table[0] ? &table[i] : NULL;
}

/* The board called name, or NULL. */
static inline const SynthBoard *synth_board_find(const char *name)
{
	const SynthBoard *b;
	for (size_t i = 0; (b = synth_board_at(i)) != NULL; i++)
		if (strcmp(b->name, name) == 0)
			return b;
	return NULL;
}

/* The runtime's three RAM sections, bottom up: main stack; .data, .bss and
 * the fault stack; heap. The linker script (core/runtime/synth-rt.ld.in) and
 * the planner's reserved regions (rt_stack, rt_data, rt_heap) are these. */
static inline uint32_t synth_board_rt_data_origin(const SynthBoard *b)
{
	return b->ram_origin + b->stack_size;
}
static inline uint32_t synth_board_rt_data_length(const SynthBoard *b)
{
	return b->ram_length - b->stack_size - b->heap_size;
}
static inline uint32_t synth_board_rt_heap_origin(const SynthBoard *b)
{
	return b->ram_origin + b->ram_length - b->heap_size;
}

#endif
