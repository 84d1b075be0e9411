/* ir.h - Synth's SSA intermediate representation (see core/IR.md).
 *
 * A function is a list of basic blocks in reverse post-order-friendly
 * creation order; each block holds instructions, the last of which is a
 * terminator (BR, BRIF, BRTABLE, RET, UNREACH). Every instruction that
 * produces a value defines exactly one SSA value, numbered by IrVal; i64
 * values are single values here and split into register pairs only by
 * instruction selection. PHI instructions come first in a block, with one
 * argument per predecessor, in the order of the block's preds array.
 * Memory instructions carry the memory index, so every memory keeps its
 * own base and bounds down to the machine code. */
#ifndef SYNTH_IR_H
#define SYNTH_IR_H

#include "internal.h"

typedef uint32_t IrVal; /* SSA value number; 0 is "no value" */

typedef enum IrType { IR_NONE = 0, IR_I32, IR_I64, IR_F32, IR_F64 } IrType;

/* Opcodes: X(name, nargs) with nargs -1 for a variable count. */
#define IR_OPS(X) \
	X(NOP, 0) X(PARAM, 0) X(CONST, 0) X(PHI, -1) X(COPY, 1) \
	X(ADD, 2) X(SUB, 2) X(MUL, 2) X(DIVS, 2) X(DIVU, 2) X(REMS, 2) X(REMU, 2) \
	X(AND, 2) X(OR, 2) X(XOR, 2) X(SHL, 2) X(SHRS, 2) X(SHRU, 2) X(ROTL, 2) X(ROTR, 2) \
	X(CLZ, 1) X(CTZ, 1) X(POPCNT, 1) X(EQZ, 1) \
	X(EQ, 2) X(NE, 2) X(LTS, 2) X(LTU, 2) X(GTS, 2) X(GTU, 2) \
	X(LES, 2) X(LEU, 2) X(GES, 2) X(GEU, 2) \
	X(EXT8S, 1) X(EXT16S, 1) X(EXT32S, 1) X(WRAP, 1) X(EXTS, 1) X(EXTU, 1) \
	X(SELECT, 3) X(LOAD, 1) X(STORE, 2) X(MEMSIZE, 0) X(MEMGROW, 1) X(MEMBASE, 0) \
	X(MEMFILL, 3) X(MEMCOPY, 3) \
	X(GLOBALGET, 0) X(GLOBALSET, 1) X(CALL, -1) X(CALLRES, 1) X(CALLIND, -1) \
	X(FUN, 1) X(FBIN, 2) X(FCMP, 2) X(CVT, 1) \
	X(FUNCREF, 0) X(TABLEGET, 1) X(TABLESET, 2) X(TABLESIZE, 0) X(TABLEGROW, 2) \
	X(TABLEFILL, 3) X(TABLECOPY, 3) X(TABLEINIT, 3) X(ELEMDROP, 0) X(MEMINIT, 3) X(DATADROP, 0) \
	X(BR, 0) X(BRIF, 1) X(BRTABLE, 1) X(RET, -1) X(UNREACH, 0) X(TRAPIF, 1)

typedef enum IrOp {
#define X(n, k) IR_##n,
	IR_OPS(X)
#undef X
	IR_NOPS
} IrOp;

/* Load/store flavour in IrIns.aux: size in bytes (1,2,4,8) | IR_MEM_SIGNED. */
#define IR_MEM_SIGNED 0x100

/* The bounds check of a LOAD/STORE (IrIns.chk), set by the bce pass
 * (ir/bce.c): what instruction selection does for the access a + offset
 * of size bytes. */
enum {
	IR_CHK_FULL = 0,  /* trap: checked; mask: masked (lowering's default) */
	IR_CHK_COVERED,   /* trap: a check that ran before it reached at least as
	                   * far (memories never shrink): no check; mask: masked */
	IR_CHK_INBOUNDS,  /* a + offset + size <= the memory's minimum size for
	                   * every value a can take: neither checked nor masked */
	IR_CHK_MERGED,    /* trap: checked for [a, a + chkend), covering later
	                   * accesses of the same address; mask: masked */
	IR_CHK_ABS,       /* set by the sr pass (ir/sr.c): a is a machine address
	                   * (MEMBASE + index), the access is [a + offset] with
	                   * offset taken modulo 2^32; neither checked nor masked */
};

/* IrIns.chk of an i32 shl/shr_s/shr_u, set by the shifts pass (ir/shifts.c):
 * the count is known to be in [0, 31], selection need not mask it. */
#define IR_SHIFT_COUNT_OK 1u

typedef struct IrBlock IrBlock;

/* One instruction. Arguments live in args (inline up to 3) or in xargs. */
typedef struct IrIns {
	uint8_t op;        /* IrOp */
	uint8_t type;      /* IrType of the result (IR_NONE when none) */
	uint8_t optype;    /* IrType of the operands of compares and conversions */
	uint8_t dead;      /* removed (a trivial phi, or unused after a pass) */
	IrVal val;         /* the value defined, or 0 */
	uint32_t nargs;    /* number of arguments */
	IrVal args[3];     /* first arguments */
	IrVal *xargs;      /* all arguments when nargs > 3 (then args unused) */
	uint32_t xcap;     /* capacity of xargs */
	uint32_t chk;      /* LOAD/STORE: bounds check as the bce pass left it (IR_CHK_*);
	                    * i32 shifts: IR_SHIFT_COUNT_OK (shifts pass) */
	uint64_t imm;      /* constant bits, offset, param/global/func/result/segment index, trap code */
	uint32_t aux;      /* memory index << 16 | load/store flavour; table index; table of CALLIND (type index in imm) */
	uint32_t chkend;   /* LOAD/STORE with IR_CHK_MERGED: the check covers [a, a + chkend) */
} IrIns;

struct IrBlock {
	uint32_t id;        /* index in the function's blocks */
	IrIns *ins;         /* instructions, phis first, terminator last */
	uint32_t nins, capins;
	IrBlock **preds;    /* predecessors, in phi-argument order */
	uint32_t npreds, cappreds;
	IrBlock **succs;    /* successors: BR [target], BRIF [then, else], BRTABLE [targets..., default] */
	uint32_t nsuccs;
	IrIns **phis;       /* phis while under construction (stable pointers); moved to ins by ir_finish */
	uint32_t nphis, capphis;
	bool sealed;        /* all predecessors known (SSA construction) */
	IrVal *defs;        /* current definition of each local (SSA construction) */
	IrVal *incomplete;  /* phis awaiting operands per local (SSA construction), or NULL */
	uint32_t loop_depth;/* nesting depth of wasm loops, for spill weights */
	uint32_t mark;      /* scratch for passes (e.g. br_table deduplication) */
	uint32_t mark_val;  /* scratch value that goes with mark */
};

/* Where a value is defined. */
typedef struct IrDef {
	IrBlock *block;  /* defining block */
	uint32_t index;  /* instruction index in it */
} IrDef;

typedef struct IrFunc {
	SyArena *ar;          /* owns everything (the compile arena) */
	const SynthModuleDesc *mod;
	uint32_t funcidx;     /* index in the module's function space */
	const SynthFuncType *type;
	IrBlock **blocks;     /* all blocks; blocks[0] is the entry */
	uint32_t nblocks, capblocks;
	IrType *valtype;      /* type of each value */
	IrDef *def;           /* definition site of each value */
	IrVal *repl;          /* forwarding of removed phis (union-find), 0 = none */
	uint32_t nvals, capvals;
	uint32_t nlocals;     /* params + declared locals */
	IrType *localtype;
	bool calls;           /* the function calls something (or a helper) */
	IrIns **spare;        /* while lowering: removed phis whose storage ir_phi reuses */
	uint32_t nspare, capspare;
	const uint32_t *mem_reserve; /* per memory: the most bytes it can ever hold (what the
	                      * compiled code reserves; memory.grow fails beyond), or NULL */
	uint8_t bounds;       /* SynthBounds of the compile (the bce pass versions loops in trap mode) */
	bool inline_copy;     /* optimized to be inlined (inline.c): no machine addresses (sr) */
} IrFunc;

/* The IrType of a wasm value type byte. */
IrType ir_type_of(uint8_t valtype);
/* Name of a type ("i32"), of an opcode ("add"). */
const char *ir_type_name(IrType t);
const char *ir_op_name(IrOp op);
/* Arguments of an instruction (inline or spilled). */
static inline IrVal *ir_args(IrIns *i) { return i->nargs > 3 ? i->xargs : i->args; }

/* Creates an empty function in arena ar. NULL on allocation failure. */
IrFunc *ir_func_new(SyArena *ar, const SynthModuleDesc *mod, uint32_t funcidx);
/* Appends a new block; NULL on allocation failure. */
IrBlock *ir_block_new(IrFunc *f);
/* Records pred -> b. Returns false on allocation failure. */
bool ir_add_pred(IrFunc *f, IrBlock *b, IrBlock *pred);
/* Appends an instruction (its value is allocated when type != IR_NONE);
 * returns it or NULL on allocation failure. The pointer is valid until the
 * next append to the same block. */
IrIns *ir_emit(IrFunc *f, IrBlock *b, IrOp op, IrType type, uint32_t nargs, const IrVal *args);
/* Allocates a new value of type t (0 on allocation failure); its
 * definition is the caller's to place (passes that build instructions). */
IrVal ir_new_val(IrFunc *f, IrType t);
/* Creates a PHI of b (kept aside, with a stable address, until ir_finish). */
IrIns *ir_phi(IrFunc *f, IrBlock *b, IrType type);
/* While lowering: phi (of b, just found trivial and marked dead) leaves
 * b's phis, when it is the last, and its storage is reused by ir_phi (a
 * lookup through thousands of merge blocks makes a phi in each, nearly all
 * trivial). */
void ir_phi_release(IrFunc *f, IrBlock *b, IrIns *phi);
/* Ends construction: phis move to the top of their blocks, arguments are
 * resolved through removed phis and definition sites are recorded. */
bool ir_finish(IrFunc *f);
/* Appends an argument to a PHI (or CALL/RET). */
bool ir_push_arg(IrFunc *f, IrIns *phi, IrVal v);
/* Resolves a value through removed phis (the chain walk, path-compressing). */
IrVal ir_resolve_chain(IrFunc *f, IrVal v);
/* Resolves a value through removed phis; most values are not forwarded,
 * so that test is inline (every pass resolves every argument). */
static inline IrVal ir_resolve(IrFunc *f, IrVal v) { return f->repl[v] ? ir_resolve_chain(f, v) : v; }
/* Finds the instruction defining v. */
IrIns *ir_def_ins(IrFunc *f, IrVal v);
/* Appends a readable dump of f (for --emit=ir and golden tests). */
void ir_dump(IrFunc *f, SyStr *out);

/* ---- lower.c ---- */

/* Lowers defined function funcidx of a validated module to SSA IR. */
SynthStatus ir_lower(SynthContext *ctx, SyArena *ar, const SynthModule *mod, uint32_t funcidx,
                     IrFunc **out);

/* ---- align.c ---- */

/* What is known of an i32 value's low bits: v mod 2^k == r (k = 0: nothing). */
typedef struct IrLowBits {
	uint8_t k;
	uint32_t r;
} IrLowBits;

/* The low bits of every value of f (a fixpoint over its loops), an array
 * indexed by IrVal allocated in ar; NULL on allocation failure. */
IrLowBits *ir_low_bits(IrFunc *f, SyArena *ar);
/* Whether v + offset is a multiple of 2^align_log2 for every value v takes. */
bool ir_aligned(const IrFunc *f, const IrLowBits *lb, IrVal v, uint64_t offset, unsigned align_log2);

#endif
