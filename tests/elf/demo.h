/* demo.h - the demo object of the ELF tests, shared by test_elf.c and
 * test_elf_link.c: the same contents as demo.s, built with the writer. */
#ifndef SYNTH_TEST_ELF_DEMO_H
#define SYNTH_TEST_ELF_DEMO_H

#include <stdint.h>

#include "obj/elf.h"

/* Offsets of the demo's code (see demo.s for the source text). */
enum {
	DEMO_ADD2 = 0x00, DEMO_GET_COUNTER = 0x04, DEMO_BL = 0x06, DEMO_MOVW = 0x0a,
	DEMO_MOVT = 0x0e, DEMO_PICK = 0x18, DEMO_BEQW = 0x1a, DEMO_BW = 0x1e,
	DEMO_HELPER = 0x22, DEMO_GET_EXT_DATA = 0x26, DEMO_LITERAL = 0x2c, DEMO_WEAK_FN = 0x30,
	DEMO_TEXT_SIZE = 0x34, DEMO_DATA_SIZE = 0x24, DEMO_MEM_SIZE = 4096,
};

/* Thumb halfwords of .text, relocation fields holding zero offsets. */
static const uint16_t demo_code[DEMO_TEXT_SIZE / 2] = {
	0x1840, 0x4770,                 /* add2: adds r0, r0, r1; bx lr */
	0xb510,                         /* get_counter: push {r4, lr} */
	0xf000, 0xf800,                 /* bl ext_callee */
	0xf240, 0x0100,                 /* movw r1, #:lower16:dvals+4 */
	0xf2c0, 0x0100,                 /* movt r1, #:upper16:dvals+4 */
	0x6809, 0x1840, 0xbd10,         /* ldr r1, [r1]; adds r0, r0, r1; pop {r4, pc} */
	0x2800,                         /* pick: cmp r0, #0 */
	0xf000, 0x8000,                 /* beq.w add2 */
	0xf000, 0xb800,                 /* b.w helper */
	0x202a, 0x4770,                 /* helper: movs r0, #42; bx lr */
	0x4801, 0x4770, 0xbf00,         /* get_ext_data: ldr r0, [pc, #4]; bx lr; nop */
	0x0000, 0x0000,                 /* .word ext_data */
	0x2001, 0x4770,                 /* weak_fn: movs r0, #1; bx lr */
};

/* Builds the demo into o with attributes at (none if NULL); returns the
 * writer's status. Section indices: .text 1, .data 2, .synth_mem.demo.0 3. */
static ElfErr demo_build(ElfObj *o, const ElfAttrs *at)
{
	uint8_t code[DEMO_TEXT_SIZE];
	for (unsigned i = 0; i < DEMO_TEXT_SIZE / 2; i++) {
		code[2 * i] = (uint8_t)demo_code[i];
		code[2 * i + 1] = (uint8_t)(demo_code[i] >> 8);
	}
	int text = elf_section(o, ".text", SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR, 4);
	int data = elf_section(o, ".data", SHT_PROGBITS, SHF_ALLOC | SHF_WRITE, 4);
	int mem = elf_section(o, ".synth_mem.demo.0", SHT_NOBITS, SHF_ALLOC | SHF_WRITE, 8);

	/* helper is called before it is defined: a forward reference. */
	int helper = elf_symbol(o, "helper", ELF_UNDEF, 0, 0, STB_LOCAL, ELF_THUMB_FUNC);
	int dvals = elf_symbol(o, "dvals", data, 4, 12, STB_LOCAL, ELF_OBJECT);
	int add2 = elf_symbol(o, "add2", text, DEMO_ADD2, 4, STB_GLOBAL, ELF_THUMB_FUNC);
	elf_symbol(o, "get_counter", text, DEMO_GET_COUNTER, 20, STB_GLOBAL, ELF_THUMB_FUNC);
	int ext_callee = elf_symbol(o, "ext_callee", ELF_UNDEF, 0, 0, STB_GLOBAL, ELF_NOTYPE);
	elf_symbol(o, "pick", text, DEMO_PICK, 10, STB_GLOBAL, ELF_THUMB_FUNC);
	elf_symbol(o, "get_ext_data", text, DEMO_GET_EXT_DATA, 4, STB_GLOBAL, ELF_THUMB_FUNC);
	int ext_data = elf_symbol(o, "ext_data", ELF_UNDEF, 0, 0, STB_GLOBAL, ELF_NOTYPE);
	elf_symbol(o, "weak_fn", text, DEMO_WEAK_FN, 4, STB_WEAK, ELF_THUMB_FUNC);
	int counter = elf_symbol(o, "counter", data, 0, 4, STB_GLOBAL, ELF_OBJECT);
	elf_symbol(o, "table", data, 0x10, 20, STB_GLOBAL, ELF_OBJECT);
	int opt_hook = elf_symbol(o, "opt_hook", ELF_UNDEF, 0, 0, STB_WEAK, ELF_NOTYPE);
	elf_symbol(o, "demo__mem0", mem, 0, DEMO_MEM_SIZE, STB_GLOBAL, ELF_OBJECT);
	elf_symbol(o, "demo__mem0_size", ELF_ABS, DEMO_MEM_SIZE, 0, STB_GLOBAL, ELF_NOTYPE);

	elf_append(o, text, code, sizeof code);
	elf_define(o, helper, text, DEMO_HELPER, 4);
	/* $t at 0 is left to elf_write; the literal needs $d, weak_fn $t again. */
	elf_mapping_symbol(o, text, DEMO_LITERAL, false);
	elf_mapping_symbol(o, text, DEMO_WEAK_FN, true);
	elf_reloc(o, text, DEMO_BL, R_ARM_THM_CALL, ext_callee, -4);
	elf_reloc(o, text, DEMO_MOVW, R_ARM_THM_MOVW_ABS_NC, dvals, 4);
	elf_reloc(o, text, DEMO_MOVT, R_ARM_THM_MOVT_ABS, dvals, 4);
	elf_reloc(o, text, DEMO_BEQW, R_ARM_THM_JUMP19, add2, -4);
	elf_reloc(o, text, DEMO_BW, R_ARM_THM_JUMP24, helper, -4);
	elf_reloc(o, text, DEMO_LITERAL, R_ARM_ABS32, ext_data, 0);

	static const uint8_t words[DEMO_DATA_SIZE] = {7, 0, 0, 0, 11, 0, 0, 0, 22, 0, 0, 0, 33};
	elf_append(o, data, words, sizeof words);
	elf_mapping_symbol(o, data, 0, false);
	elf_reloc(o, data, 0x10, R_ARM_ABS32, add2, 0);
	elf_reloc(o, data, 0x14, R_ARM_ABS32, opt_hook, 0);
	elf_reloc(o, data, 0x18, R_ARM_REL32, ext_data, 0);
	elf_reloc(o, data, 0x1c, R_ARM_TARGET1, counter, 0);
	elf_reloc(o, data, 0x20, R_ARM_ABS32, elf_section_symbol(o, data), 8);

	elf_reserve(o, mem, DEMO_MEM_SIZE);
	if (at)
		elf_attributes(o, at);
	return elf_status(o);
}

#endif
