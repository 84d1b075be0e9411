/* opcodes.c - the opcode tables of opcodes.h, expanded into arrays indexed
 * by opcode so the validator and later stages look an opcode up in O(1). */
#include "opcodes.h"

#define ROW(code, name, kind, a, b, r) [code] = {name, OPK_##kind, a, b, r},
#define ROW_FD(code, name, kind, a, b) [code] = {name, OPK_##kind, a, b, 0},

const SyOpInfo sy_ops[256] = {SY_OPS(ROW)};
const SyOpInfo sy_ops_fc[18] = {SY_OPS_FC(ROW)};
const SyOpInfo sy_ops_fd[256] = {SY_OPS_FD(ROW_FD)};
