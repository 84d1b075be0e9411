/* fuzz_elf_read.c - libFuzzer target for the ELF reader (core/src/obj/elf_read.c):
 * every input is opened and, when accepted, everything the accessors reach
 * is read, so ASan sees any access outside the input. Built when SYNTH_FUZZ
 * is on; seeded with the writer's objects (test_elf seeds DIR). */
#include <stdint.h>
#include <string.h>

#include "obj/elf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ElfImage img;
	if (elf_image_open(&img, data, size) != ELF_OK)
		return 0;
	volatile uint32_t sum = 0;
	ElfSection s;
	for (uint32_t i = 0; elf_image_section(&img, i, &s); i++) {
		sum += (uint32_t)strlen(s.name);
		if (s.data)
			sum += s.data[0] + s.data[s.size - 1];
		ElfRel r;
		ElfSym y;
		for (uint32_t k = 0; elf_image_reloc(&img, i, k, &r); k++)
			if (s.link == img.symtab && elf_image_symbol(&img, r.sym, &y))
				sum += (uint32_t)strlen(y.name);
	}
	ElfSym y;
	for (uint32_t i = 0; elf_image_symbol(&img, i, &y); i++) {
		sum += (uint32_t)strlen(y.name) + y.value;
		const uint8_t *b = elf_image_bytes_at(&img, y.shndx, y.value, y.size);
		if (b && y.size)
			sum += b[0] + b[y.size - 1];
	}
	ElfSegment g;
	for (uint32_t i = 0; elf_image_segment(&img, i, &g); i++)
		sum += g.vaddr;
	(void)sum;
	return 0;
}
