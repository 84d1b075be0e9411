/* interp.c - a small stack-machine interpreter (switch dispatch, calls,
 * locals, conditional jumps) running bytecode programs: factorial,
 * iterative and recursive Fibonacci, a prime count by trial division,
 * Euclid's gcd and the Collatz length record below a bound. Every result
 * is checked against the same computation written in C. */
#include "prog.h"

enum {
	OP_HALT, OP_PUSH, OP_POP, OP_DUP, OP_SWAP, OP_OVER,
	OP_ADD, OP_SUB, OP_MUL, OP_DIVU, OP_REMU, OP_NEG,
	OP_LT, OP_LTU, OP_EQ, OP_AND, OP_SHR,
	OP_JMP, OP_JZ, OP_JNZ,
	OP_LOAD, OP_STORE, /* locals of the current frame */
	OP_CALL, OP_RET,   /* CALL addr nargs; RET returns the top of stack */
};

#define STACK 256
#define FRAMES 64

typedef struct Frame {
	int ret_pc;
	int base;      /* stack index of local 0 */
	int32_t locals[8];
} Frame;

typedef struct Vm {
	int32_t stack[STACK];
	Frame frames[FRAMES];
	int sp, fp;
	uint32_t steps;
} Vm;

static int32_t vm_run(Vm *vm, const int32_t *code, int pc, const int32_t *args, int nargs, int *err)
{
	vm->sp = 0;
	vm->fp = 0;
	vm->steps = 0;
	for (int i = 0; i < 8; i++)
		vm->frames[0].locals[i] = i < nargs ? args[i] : 0;
	vm->frames[0].ret_pc = -1;
	*err = 0;
	for (;;) {
		int32_t a, b;
		vm->steps++;
		if (vm->sp < 0 || vm->sp >= STACK - 2) {
			*err = 1;
			return 0;
		}
		switch (code[pc++]) {
		case OP_HALT:
			return vm->stack[vm->sp - 1];
		case OP_PUSH:
			vm->stack[vm->sp++] = code[pc++];
			break;
		case OP_POP:
			vm->sp--;
			break;
		case OP_DUP:
			vm->stack[vm->sp] = vm->stack[vm->sp - 1];
			vm->sp++;
			break;
		case OP_SWAP:
			a = vm->stack[vm->sp - 1];
			vm->stack[vm->sp - 1] = vm->stack[vm->sp - 2];
			vm->stack[vm->sp - 2] = a;
			break;
		case OP_OVER:
			vm->stack[vm->sp] = vm->stack[vm->sp - 2];
			vm->sp++;
			break;
		case OP_ADD:
		case OP_SUB:
		case OP_MUL:
		case OP_DIVU:
		case OP_REMU:
		case OP_LT:
		case OP_LTU:
		case OP_EQ:
		case OP_AND:
		case OP_SHR:
			b = vm->stack[--vm->sp];
			a = vm->stack[vm->sp - 1];
			switch (code[pc - 1]) {
			case OP_ADD: a = (int32_t)((uint32_t)a + (uint32_t)b); break;
			case OP_SUB: a = (int32_t)((uint32_t)a - (uint32_t)b); break;
			case OP_MUL: a = (int32_t)((uint32_t)a * (uint32_t)b); break;
			case OP_DIVU:
			case OP_REMU:
				if (b == 0) {
					*err = 2;
					return 0;
				}
				a = (int32_t)(code[pc - 1] == OP_DIVU ? (uint32_t)a / (uint32_t)b : (uint32_t)a % (uint32_t)b);
				break;
			case OP_LT: a = a < b; break;
			case OP_LTU: a = (uint32_t)a < (uint32_t)b; break;
			case OP_EQ: a = a == b; break;
			case OP_AND: a &= b; break;
			default: a = (int32_t)((uint32_t)a >> (b & 31)); break;
			}
			vm->stack[vm->sp - 1] = a;
			break;
		case OP_NEG:
			vm->stack[vm->sp - 1] = (int32_t)(0u - (uint32_t)vm->stack[vm->sp - 1]);
			break;
		case OP_JMP:
			pc = code[pc];
			break;
		case OP_JZ:
			pc = vm->stack[--vm->sp] == 0 ? code[pc] : pc + 1;
			break;
		case OP_JNZ:
			pc = vm->stack[--vm->sp] != 0 ? code[pc] : pc + 1;
			break;
		case OP_LOAD:
			vm->stack[vm->sp++] = vm->frames[vm->fp].locals[code[pc++] & 7];
			break;
		case OP_STORE:
			vm->frames[vm->fp].locals[code[pc++] & 7] = vm->stack[--vm->sp];
			break;
		case OP_CALL: {
			int target = code[pc++], n = code[pc++];
			if (vm->fp + 1 >= FRAMES) {
				*err = 3;
				return 0;
			}
			Frame *f = &vm->frames[++vm->fp];
			for (int i = 7; i >= 0; i--)
				f->locals[i] = i < n ? vm->stack[vm->sp - n + i] : 0;
			vm->sp -= n;
			f->ret_pc = pc;
			f->base = vm->sp;
			pc = target;
			break;
		}
		case OP_RET:
			a = vm->stack[vm->sp - 1];
			vm->sp = vm->frames[vm->fp].base;
			pc = vm->frames[vm->fp].ret_pc;
			vm->fp--;
			vm->stack[vm->sp++] = a;
			break;
		default:
			*err = 4;
			return 0;
		}
	}
}

/* Programs are assembled at run time so jump targets are computed, not counted by hand. */
typedef struct Asm {
	int32_t code[512];
	int n;
} Asm;

static void emit(Asm *a, int32_t x) { a->code[a->n++] = x; }
static int here(const Asm *a) { return a->n; }
static int hole(Asm *a) { emit(a, 0); return a->n - 1; }
static void patch(Asm *a, int at) { a->code[at] = a->n; }

/* fact(n): acc = 1; while (n) { acc *= n; n--; } return acc */
static int asm_fact(Asm *a)
{
	int start = here(a);
	emit(a, OP_PUSH), emit(a, 1), emit(a, OP_STORE), emit(a, 1);
	int loop = here(a);
	emit(a, OP_LOAD), emit(a, 0), emit(a, OP_JZ);
	int out = hole(a);
	emit(a, OP_LOAD), emit(a, 1), emit(a, OP_LOAD), emit(a, 0), emit(a, OP_MUL), emit(a, OP_STORE), emit(a, 1);
	emit(a, OP_LOAD), emit(a, 0), emit(a, OP_PUSH), emit(a, 1), emit(a, OP_SUB), emit(a, OP_STORE), emit(a, 0);
	emit(a, OP_JMP), emit(a, loop);
	patch(a, out);
	emit(a, OP_LOAD), emit(a, 1), emit(a, OP_HALT);
	return start;
}

/* fib(n) recursive: if (n < 2) return n; return fib(n-1) + fib(n-2) */
static int asm_fib_rec(Asm *a)
{
	int entry = here(a);
	emit(a, OP_LOAD), emit(a, 0), emit(a, OP_CALL);
	int call0 = hole(a);
	emit(a, 1), emit(a, OP_HALT);
	int fn = here(a);
	a->code[call0] = fn;
	emit(a, OP_LOAD), emit(a, 0), emit(a, OP_PUSH), emit(a, 2), emit(a, OP_LT), emit(a, OP_JZ);
	int rec = hole(a);
	emit(a, OP_LOAD), emit(a, 0), emit(a, OP_RET);
	patch(a, rec);
	emit(a, OP_LOAD), emit(a, 0), emit(a, OP_PUSH), emit(a, 1), emit(a, OP_SUB), emit(a, OP_CALL), emit(a, fn), emit(a, 1);
	emit(a, OP_LOAD), emit(a, 0), emit(a, OP_PUSH), emit(a, 2), emit(a, OP_SUB), emit(a, OP_CALL), emit(a, fn), emit(a, 1);
	emit(a, OP_ADD), emit(a, OP_RET);
	return entry;
}

/* count primes < n by trial division: for i in 2..n-1: for d=2; d*d<=i; d++ if i%d==0 composite */
static int asm_primes(Asm *a)
{
	int start = here(a);
	emit(a, OP_PUSH), emit(a, 0), emit(a, OP_STORE), emit(a, 1); /* count */
	emit(a, OP_PUSH), emit(a, 2), emit(a, OP_STORE), emit(a, 2); /* i */
	int outer = here(a);
	emit(a, OP_LOAD), emit(a, 2), emit(a, OP_LOAD), emit(a, 0), emit(a, OP_LT), emit(a, OP_JZ);
	int done = hole(a);
	emit(a, OP_PUSH), emit(a, 2), emit(a, OP_STORE), emit(a, 3); /* d */
	int inner = here(a);
	emit(a, OP_LOAD), emit(a, 3), emit(a, OP_DUP), emit(a, OP_MUL), emit(a, OP_LOAD), emit(a, 2);
	emit(a, OP_SWAP), emit(a, OP_LTU), emit(a, OP_JNZ); /* i < d*d: prime */
	int prime = hole(a);
	emit(a, OP_LOAD), emit(a, 2), emit(a, OP_LOAD), emit(a, 3), emit(a, OP_REMU), emit(a, OP_JZ);
	int composite = hole(a);
	emit(a, OP_LOAD), emit(a, 3), emit(a, OP_PUSH), emit(a, 1), emit(a, OP_ADD), emit(a, OP_STORE), emit(a, 3);
	emit(a, OP_JMP), emit(a, inner);
	patch(a, prime);
	emit(a, OP_LOAD), emit(a, 1), emit(a, OP_PUSH), emit(a, 1), emit(a, OP_ADD), emit(a, OP_STORE), emit(a, 1);
	patch(a, composite);
	emit(a, OP_LOAD), emit(a, 2), emit(a, OP_PUSH), emit(a, 1), emit(a, OP_ADD), emit(a, OP_STORE), emit(a, 2);
	emit(a, OP_JMP), emit(a, outer);
	patch(a, done);
	emit(a, OP_LOAD), emit(a, 1), emit(a, OP_HALT);
	return start;
}

/* gcd(a, b): while (b) { t = a % b; a = b; b = t; } return a */
static int asm_gcd(Asm *a)
{
	int start = here(a);
	int loop = here(a);
	emit(a, OP_LOAD), emit(a, 1), emit(a, OP_JZ);
	int out = hole(a);
	emit(a, OP_LOAD), emit(a, 0), emit(a, OP_LOAD), emit(a, 1), emit(a, OP_REMU);
	emit(a, OP_LOAD), emit(a, 1), emit(a, OP_STORE), emit(a, 0), emit(a, OP_STORE), emit(a, 1);
	emit(a, OP_JMP), emit(a, loop);
	patch(a, out);
	emit(a, OP_LOAD), emit(a, 0), emit(a, OP_HALT);
	return start;
}

/* longest Collatz chain start below n (returns start * 1000 + length) */
static int asm_collatz(Asm *a)
{
	int start = here(a);
	emit(a, OP_PUSH), emit(a, 0), emit(a, OP_STORE), emit(a, 1); /* best len */
	emit(a, OP_PUSH), emit(a, 0), emit(a, OP_STORE), emit(a, 2); /* best start */
	emit(a, OP_PUSH), emit(a, 1), emit(a, OP_STORE), emit(a, 3); /* i */
	int outer = here(a);
	emit(a, OP_LOAD), emit(a, 3), emit(a, OP_LOAD), emit(a, 0), emit(a, OP_LT), emit(a, OP_JZ);
	int done = hole(a);
	emit(a, OP_LOAD), emit(a, 3), emit(a, OP_STORE), emit(a, 4); /* x */
	emit(a, OP_PUSH), emit(a, 1), emit(a, OP_STORE), emit(a, 5); /* len */
	int inner = here(a);
	emit(a, OP_LOAD), emit(a, 4), emit(a, OP_PUSH), emit(a, 1), emit(a, OP_EQ), emit(a, OP_JNZ);
	int end_inner = hole(a);
	emit(a, OP_LOAD), emit(a, 4), emit(a, OP_PUSH), emit(a, 1), emit(a, OP_AND), emit(a, OP_JZ);
	int even = hole(a);
	emit(a, OP_LOAD), emit(a, 4), emit(a, OP_PUSH), emit(a, 3), emit(a, OP_MUL), emit(a, OP_PUSH), emit(a, 1),
		emit(a, OP_ADD), emit(a, OP_STORE), emit(a, 4), emit(a, OP_JMP);
	int step = hole(a);
	patch(a, even);
	emit(a, OP_LOAD), emit(a, 4), emit(a, OP_PUSH), emit(a, 1), emit(a, OP_SHR), emit(a, OP_STORE), emit(a, 4);
	patch(a, step);
	emit(a, OP_LOAD), emit(a, 5), emit(a, OP_PUSH), emit(a, 1), emit(a, OP_ADD), emit(a, OP_STORE), emit(a, 5);
	emit(a, OP_JMP), emit(a, inner);
	patch(a, end_inner);
	emit(a, OP_LOAD), emit(a, 1), emit(a, OP_LOAD), emit(a, 5), emit(a, OP_LT), emit(a, OP_JZ);
	int not_better = hole(a);
	emit(a, OP_LOAD), emit(a, 5), emit(a, OP_STORE), emit(a, 1), emit(a, OP_LOAD), emit(a, 3), emit(a, OP_STORE),
		emit(a, 2);
	patch(a, not_better);
	emit(a, OP_LOAD), emit(a, 3), emit(a, OP_PUSH), emit(a, 1), emit(a, OP_ADD), emit(a, OP_STORE), emit(a, 3);
	emit(a, OP_JMP), emit(a, outer);
	patch(a, done);
	emit(a, OP_LOAD), emit(a, 2), emit(a, OP_PUSH), emit(a, 1000), emit(a, OP_MUL), emit(a, OP_LOAD), emit(a, 1),
		emit(a, OP_ADD), emit(a, OP_HALT);
	return start;
}

static uint32_t c_gcd(uint32_t a, uint32_t b)
{
	while (b) {
		uint32_t t = a % b;
		a = b;
		b = t;
	}
	return a;
}

static uint32_t c_fib(uint32_t n) { return n < 2 ? n : c_fib(n - 1) + c_fib(n - 2); }

static Vm vm;
static Asm code;

RUN_EXPORT uint32_t run(void)
{
	uint32_t h = 0, s = prog_seed;
	int err;
	int fact = asm_fact(&code), fib = asm_fib_rec(&code), primes = asm_primes(&code), gcd = asm_gcd(&code),
	    collatz = asm_collatz(&code);

	uint32_t f = 1;
	for (int32_t n = 0; n <= 13; n++) {
		if (n)
			f *= (uint32_t)n;
		int32_t r = vm_run(&vm, code.code, fact, &n, 1, &err);
		if (err || (uint32_t)r != f)
			return 1;
		h = prog_mix(h, (uint32_t)r);
	}
	for (int32_t n = 0; n <= 16; n++) {
		int32_t r = vm_run(&vm, code.code, fib, &n, 1, &err);
		if (err || (uint32_t)r != c_fib((uint32_t)n))
			return 2;
		h = prog_mix(h, vm.steps);
	}
	int32_t lim = 600;
	int32_t r = vm_run(&vm, code.code, primes, &lim, 1, &err);
	if (err || r != 109)
		return 3;
	h = prog_mix(h, vm.steps);
	for (int i = 0; i < 40; i++) {
		int32_t ab[2] = {(int32_t)(prog_rand(&s) % 100000u), (int32_t)(prog_rand(&s) % 100000u)};
		r = vm_run(&vm, code.code, gcd, ab, 2, &err);
		if (err || (uint32_t)r != c_gcd((uint32_t)ab[0], (uint32_t)ab[1]))
			return 4;
		h = prog_mix(h, (uint32_t)r);
	}
	lim = 1000;
	r = vm_run(&vm, code.code, collatz, &lim, 1, &err);
	if (err || r != 871 * 1000 + 179)
		return 5;
	h = prog_mix(h, vm.steps);
	/* A division by zero inside the VM is reported, not executed. */
	int32_t zero[2] = {5, 0};
	int32_t div0[] = {OP_LOAD, 0, OP_LOAD, 1, OP_DIVU, OP_HALT};
	vm_run(&vm, div0, 0, zero, 2, &err);
	if (err != 2)
		return 6;
	return h;
}
