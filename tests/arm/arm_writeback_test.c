/* arm_writeback_test.c - the pre/post-indexed access fusion of the MIR
 * emitter (core/src/arm/emit.c, plan_writeback), on allocated MIR built by
 * hand: no wasm input makes it fire today (accesses address [membase,
 * index] or a fresh membase + index register, never a stepped pointer),
 * so only hand-made blocks reach it. Each case is one block ending in RET;
 * its code is decoded by core/src/arm/disasm.c and the listing must (or
 * must not) contain the given texts. The cases cover both fusions and
 * every reason not to fuse: the add sets flags a branch reads, the base is
 * read or written in between, rt == rn, |k| > 255, a non-zero offset, a
 * trap branch, an IT block (a flag reader) or a call in between, a VFP
 * access. Exit 0 when every case holds, 1 otherwise. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arm/disasm.h"
#include "arm/emit.h"
#include "arm/mir.h"

static void *re(void *ud, void *p, size_t o, size_t n)
{
	(void)ud;
	(void)o;
	if (!n) {
		free(p);
		return NULL;
	}
	return realloc(p, n);
}

#define LDRI(rt, rn, off) {.op = MIR_LDR, .aux = ARM_LDR, .r = {rt, rn}, .imm = off}
#define LDRBI(rt, rn, off) {.op = MIR_LDR, .aux = ARM_LDRB, .r = {rt, rn}, .imm = off}
#define STRHI(rt, rn, off) {.op = MIR_STR, .aux = ARM_STRH, .r = {rt, rn}, .imm = off}
#define STRBI(rt, rn, off) {.op = MIR_STR, .aux = ARM_STRB, .r = {rt, rn}, .imm = off}
#define ADDI(d, s, k) {.op = MIR_DPI, .aux = ARM_ADD, .r = {d, s}, .imm = k}
#define SUBI(d, s, k) {.op = MIR_DPI, .aux = ARM_SUB, .r = {d, s}, .imm = k}
#define ADDSI(d, s, k) {.op = MIR_DPIS, .aux = ARM_ADD, .r = {d, s}, .imm = k}
#define ADDR(d, x, y) {.op = MIR_DP, .aux = ARM_ADD, .r = {d, x, y}}
#define BNE {.op = MIR_BCC, .cond = ARM_NE, .aux = 0}
#define TRAPHS {.op = MIR_TRAPCC, .cond = ARM_CS, .imm = 3}
#define CMPI(x, k) {.op = MIR_CMPI, .aux = ARM_CMP, .r = {x}, .imm = k}
#define CSELI(d, x) {.op = MIR_CSELI, .cond = ARM_EQ, .r = {d, x}, .imm = 1}
#define CALL {.op = MIR_CALL, .aux = 0, .imm = 0}
#define RET {.op = MIR_RET}

typedef struct Case {
	const char *name;
	MIns ins[8];
	const char *want[3];   /* texts the listing must hold */
	const char *unwant[3]; /* texts it must not */
} Case;

static const Case cases[] = {
	{"post-load", {LDRI(0, 1, 0), ADDI(2, 2, 1), ADDI(1, 1, 4), RET},
	 {"ldr.w\tr0, [r1], #4"}, {"r1, #4"}},
	{"post-store-negative", {STRHI(0, 5, 0), SUBI(5, 5, 2), RET}, {"strh.w\tr0, [r5], #-2"}, {"r5, #2", "\tr5, r5"}},
	{"post-byte-255", {LDRBI(3, 9, 0), ADDI(9, 9, 255), RET}, {"ldrb.w\tr3, [r9], #255"}, {"#255\t", "r9, r9"}},
	{"pre-store", {SUBI(1, 1, 8), STRBI(0, 1, 0), RET}, {"strb.w\tr0, [r1, #-8]!"}, {"r1, #8"}},
	{"pre-load", {ADDI(4, 4, 16), LDRI(0, 4, 0), RET}, {"ldr.w\tr0, [r4, #16]!"}, {"\tr4, #16", "r4, r4"}},
	/* a loop's step whose flags the branch reads stays: adds + bne */
	{"flags-kept", {LDRI(0, 1, 0), ADDSI(1, 1, 4), BNE, RET}, {"ldr\tr0, [r1, #0]", "adds\tr1, #4"}, {"], #", "]!"}},
	{"base-read", {LDRI(0, 1, 0), ADDR(2, 1, 3), ADDI(1, 1, 4), RET}, {"ldr\tr0, [r1, #0]"}, {"], #"}},
	{"base-written", {LDRI(0, 1, 0), ADDR(1, 2, 3), ADDI(1, 1, 4), RET}, {"ldr\tr0, [r1, #0]"}, {"], #"}},
	{"rt-is-rn", {LDRI(1, 1, 0), ADDI(1, 1, 4), RET}, {"ldr\tr1, [r1, #0]"}, {"], #"}},
	{"too-far", {LDRI(0, 1, 0), ADDI(1, 1, 256), RET}, {"ldr\tr0, [r1, #0]", "#256"}, {"], #"}},
	{"offset", {LDRI(0, 1, 4), ADDI(1, 1, 4), RET}, {"ldr\tr0, [r1, #4]"}, {"], #"}},
	{"trap-between", {LDRI(0, 1, 0), CMPI(2, 7), TRAPHS, ADDI(1, 1, 4), RET}, {"ldr\tr0, [r1, #0]"}, {"], #"}},
	{"it-between", {LDRI(0, 1, 0), CMPI(2, 0), CSELI(3, 3), ADDI(1, 1, 4), RET},
	 {"ldr\tr0, [r1, #0]"}, {"], #"}},
	{"call-between", {LDRI(0, 4, 0), CALL, ADDI(4, 4, 4), RET}, {"ldr\tr0, [r4, #0]"}, {"], #"}},
	{"vfp-load", {{.op = MIR_LDR, .aux = ARM_LDR, .r = {MIR_S0 + 2, 1}}, ADDI(1, 1, 4), RET},
	 {"vldr"}, {"], #"}},
};

static int run_case(const Case *c)
{
	uint32_t n = 0;
	while (n < 8 && (n == 0 || c->ins[n - 1].op != MIR_RET))
		n++;
	MIns ins[8];
	memcpy(ins, c->ins, sizeof ins);
	uint32_t succ = 0;
	MBlock bl = {.ins = ins, .n = n, .cap = 8, .succ = &succ, .nsucc = 0};
	MBlock blocks[1] = {bl};
	MFunc f = {.blocks = blocks, .nblocks = 1, .nvregs = MIR_VREG0, .calls = false};
	for (uint32_t k = 0; k < n; k++)
		if (ins[k].op == MIR_CALL)
			f.calls = true;
	/* r4-r11 are callee-saved: pushed and popped around the body */
	for (uint32_t k = 0; k < n; k++)
		for (unsigned r = 0; r < 4; r++)
			if (ins[k].r[r] >= 4 && ins[k].r[r] <= 11)
				f.used_callee |= 1u << ins[k].r[r];
	ArmBuf buf = {.alloc = re};
	ArmRelocSites sites = {0};
	ArmEmitEnv env = {.feat = ARM_FEAT_FP | ARM_FEAT_FP64 | ARM_FEAT_FPV5, .trap_sym = 0,
	                  .limit_sym = 1, .no_stack_check = true};
	ArmErr err = arm_emit_func(&f, &env, &buf, &sites);
	char list[4096] = "", text[128];
	size_t used = 0;
	if (err == ARM_OK) {
		ArmDis d;
		arm_dis_init(&d, 0);
		unsigned step;
		for (size_t off = 0; (step = arm_disasm(&d, buf.data, buf.len, off, text, sizeof text, NULL));
		     off += step)
			used += (size_t)snprintf(list + used, used < sizeof list ? sizeof list - used : 0, "  %s\n",
			                         text);
	}
	free(buf.data);
	free(sites.v);
	int bad = err != ARM_OK;
	for (unsigned w = 0; w < 3; w++) {
		if (c->want[w] && !strstr(list, c->want[w]))
			bad = 1;
		if (c->unwant[w] && strstr(list, c->unwant[w]))
			bad = 1;
	}
	if (bad)
		printf("FAIL: %s (error %d):\n%s", c->name, (int)err, list);
	return bad;
}

int main(void)
{
	int fail = 0;
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++)
		fail |= run_case(&cases[k]);
	if (!fail)
		printf("arm_writeback: %zu cases ok\n", sizeof cases / sizeof cases[0]);
	return fail;
}
