/* encode_int.h - helpers shared by the files of the Thumb-2 encoder
 * (encode.c, branch.c, vfp.c); not for use outside core/src/arm. */
#ifndef SYNTH_ARM_ENCODE_INT_H
#define SYNTH_ARM_ENCODE_INT_H

#include "arm/encode.h"

/* Records err (unless an earlier error is recorded) at the current offset. */
void arm_fail(ArmAsm *a, ArmErr err);
/* Appends one 16-bit instruction and steps the IT block. */
void arm_emit16(ArmAsm *a, uint32_t hw);
/* Appends one 32-bit instruction (first halfword in bits 31:16). */
void arm_emit32(ArmAsm *a, uint32_t w);
/* Grows *arr (elements of size elt, capacity *cap) to hold n through the hook. */
int arm_grow(ArmBuf *b, void **arr, size_t *cap, size_t n, size_t elt);

/* Whether the next instruction is inside an IT block. */
static inline bool arm_in_it(const ArmAsm *a) { return a->it_left > 0; }
/* Whether a branch may come next: outside IT or last in the block. */
static inline bool arm_branch_ok(const ArmAsm *a) { return a->it_left <= 1; }
/* Whether r is a core register number. */
static inline bool arm_reg_ok(ArmReg r) { return (unsigned)r < 16; }
/* Whether r is R0-R7, the registers of most 16-bit encodings. */
static inline bool arm_lo(ArmReg r) { return (unsigned)r < 8; }
/* ARM's BadReg(): SP and PC, UNPREDICTABLE in most 32-bit register fields. */
static inline bool arm_bad(ArmReg r) { return r == ARM_SP || r == ARM_PC; }

#endif
