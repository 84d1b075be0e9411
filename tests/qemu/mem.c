/* mem.c - the linker script places wasm memories (.synth_mem.<module>.<index>
 * NOBITS input sections) in the WASM region: at least 1 KiB aligned, each
 * at its own alignment, largest alignment first and then by name, all
 * between __synth_mem_start and __synth_mem_end, zeroed and writable.
 * Expected output: mem.expected.in (with the board's WASM origin). */
#include <stdint.h>

#include "synth_rt.h"

/* What the compiler will emit for each memory: a NOBITS section with the
 * memory's reserved size and alignment, and a symbol for its base. */
__asm__(
	".section .synth_mem.beta.0, \"aw\", %nobits\n"
	".balign 65536\n.global mem_beta_0\nmem_beta_0:\n.space 65536\n"
	".section .synth_mem.alpha.1, \"aw\", %nobits\n"
	".balign 1024\n.global mem_alpha_1\nmem_alpha_1:\n.space 3072\n"
	".section .synth_mem.alpha.0, \"aw\", %nobits\n"
	".balign 65536\n.global mem_alpha_0\nmem_alpha_0:\n.space 131072\n"
	".text\n");

extern uint8_t mem_alpha_0[], mem_alpha_1[], mem_beta_0[];
extern uint8_t __synth_mem_start[], __synth_mem_end[];

static void show(const char *name, const uint8_t *p, uint32_t size)
{
	uint32_t i, nonzero = 0;

	for (i = 0; i < size; i += 4)
		nonzero |= *(const volatile uint32_t *)(p + i);
	((volatile uint8_t *)p)[size - 1] = 0xa5;
	synth_rt_print(name);
	synth_rt_print(" at start+");
	synth_rt_print_hex32((uint32_t)(p - __synth_mem_start));
	synth_rt_print(nonzero ? " NOT ZERO" : " zero");
	synth_rt_print(((const volatile uint8_t *)p)[size - 1] == 0xa5 ? " writable\n" : " READ-ONLY\n");
}

int main(void)
{
	synth_rt_print("start ");
	synth_rt_print_hex32((uint32_t)(uintptr_t)__synth_mem_start);
	synth_rt_print(" size ");
	synth_rt_print_hex32((uint32_t)(__synth_mem_end - __synth_mem_start));
	synth_rt_print_char('\n');
	show("alpha.0", mem_alpha_0, 131072);
	show("beta.0", mem_beta_0, 65536);
	show("alpha.1", mem_alpha_1, 3072);
	return 0;
}
