/* disasm.h - Thumb-2 disassembler for the code the encoder (encode.h) makes.
 *
 * Decodes ARMv7-M and ARMv8-M Mainline Thumb instructions and the VFP
 * instructions of FPv4-SP, FPv5-SP and FPv5-D16, and prints them the way
 * GNU objdump (binutils 2.40) does: UAL mnemonics with `.w`/`.n` where
 * objdump writes them, conditions inside IT blocks, the register names
 * sl/fp/ip, and objdump's trailing `@ 0x...` comments. tests/arm checks the
 * text against arm-none-eabi-objdump for every encoding the encoder emits.
 *
 * Branch targets are printed as addresses (hex, no 0x, as objdump writes
 * them before its `<symbol>`) and also returned, so that a listing can
 * name them. Encodings it does not know are printed as data (`.short`,
 * `.inst.w`), never decoded partially; it never reads outside the buffer.
 */
#ifndef SYNTH_ARM_DISASM_H
#define SYNTH_ARM_DISASM_H

#include <stddef.h>
#include <stdint.h>

/* Decoder state carried from one instruction to the next. */
typedef struct ArmDis {
	uint32_t base; /* address of code[0], for branch targets */
	uint8_t it;    /* ITSTATE of the next instruction (firstcond:mask), 0 outside IT */
} ArmDis;

/* No branch target (see arm_disasm). */
#define ARM_DIS_NO_TARGET UINT32_MAX

/* Starts decoding a buffer whose first byte is at address base. */
void arm_dis_init(ArmDis *d, uint32_t base);
/* Decodes the instruction at code[off] (code holds len bytes, off even),
 * writes "mnemonic\toperands[\t@ comment]" to text (always terminated when
 * textsz > 0) and steps the IT state. Returns the bytes consumed: 2 or 4,
 * 1 for a trailing odd byte, 0 when off >= len. *target (if not NULL)
 * receives the address a branch, call or literal load refers to, or
 * ARM_DIS_NO_TARGET. */
unsigned arm_disasm(ArmDis *d, const uint8_t *code, size_t len, size_t off, char *text,
                    size_t textsz, uint32_t *target);

#endif
