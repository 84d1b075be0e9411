/* emit.h - encoding allocated machine IR (emit.c). */
#ifndef SYNTH_ARM_EMIT_H
#define SYNTH_ARM_EMIT_H

#include "encode.h"

struct MFunc;

/* ELF relocation types the code needs (ELF for the Arm Architecture). */
#define ARM_R_ABS32 2
#define ARM_R_THM_CALL 10
#define ARM_R_THM_MOVW_ABS_NC 47
#define ARM_R_THM_MOVT_ABS 48

/* Not a relocation: `sym` bytes of data (a jump table) start at the site;
 * the object marks them with the mapping symbols $d and $t. */
#define ARM_SITE_DATA 0x10000u

/* Not a relocation: `sym` bytes of literal pool words start at the site. */
#define ARM_SITE_WORDS 0x10001u
/* A place in the code that refers to a symbol (or an ARM_SITE_DATA/WORDS range). */
typedef struct ArmRelocSite {
	ArmLabel label;   /* where, while encoding */
	uint32_t offset;  /* where, in the function's code after arm_resolve */
	uint32_t type;    /* ARM_R_* */
	uint32_t sym;     /* index in the module's symbol table (MSymTab) */
	int32_t addend;   /* MOVW/MOVT: added to the symbol's address (-32768..32767) */
} ArmRelocSite;

/* A growable list of relocation sites, owned by the caller. */
typedef struct ArmRelocSites {
	ArmRelocSite *v;
	uint32_t n, cap;
} ArmRelocSites;

/* What emitting needs from the module. */
typedef struct ArmEmitEnv {
	unsigned feat;       /* ARM_FEAT_* of the target */
	uint32_t trap_sym;   /* symbol of synth_rt_trap */
	uint32_t limit_sym;  /* symbol of __synth_stack_limit */
	bool no_stack_check; /* --stack-check=none: no prologue check */
} ArmEmitEnv;

/* Encodes function f into buf (empty on entry) and appends its relocation
 * sites (offsets relative to the function's start) to sites, which grows
 * through buf's allocator. Returns the first encoder error, or ARM_OK. */
ArmErr arm_emit_func(const struct MFunc *f, const ArmEmitEnv *env, ArmBuf *buf, ArmRelocSites *sites);

#endif
