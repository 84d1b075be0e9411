/* harness.c - the fixed part of a spec-test image: runs the command table
 * that spec-exec-gen wrote (sx_cmds[], see spec_exec_rt.h) on the board.
 *
 * Each command runs inside synth_rt_try(), so a trap ends only that
 * command. A passing command prints nothing (the runtime itself prints
 * `trap: MESSAGE` for every trap, expected or not; the host ignores those
 * lines); a failing one prints one line,
 *
 *   i32.wast:105: assert_return div_s(i32:0x00000001, i32:0x00000000): expected i32:0x00000000, got trap "integer divide by zero"
 *
 * and the image ends with `passed N failed M skipped K`, exit status 0.
 * An assert_return whose only difference is a memory.grow past the board's
 * whole WASM region is a skip instead, printed as
 * `skipped: FILE:LINE<TAB>KIND<TAB>grow-refused<TAB>REASON` (see
 * resource_skip()).
 *
 * Two safety nets keep one bad command from ending the whole image:
 *   - synth_rt_fault_hook() turns a fault in compiled code (a BusFault from
 *     a wild address, an undefined instruction...) into the trap
 *     SX_TRAP_FAULT, after noting what it was; the two faults the runtime
 *     itself turns into spec traps (`udf #code`, DIVBYZERO) are left to it;
 *   - SysTick, which the runtime routes to the same hook, is a watchdog:
 *     a command still running after SX_WATCHDOG_PERIODS periods of 2^24
 *     core clocks (0.67 s each at 25 MHz of virtual time) is stopped with
 *     the trap SX_TRAP_TIMEOUT.
 * Faults in the harness itself are reported by the runtime as usual.
 */
#include "spec_exec_rt.h"

#define SX_WATCHDOG_PERIODS 8u

#define SYST_CSR (*(volatile uint32_t *)0xE000E010u)
#define SYST_RVR (*(volatile uint32_t *)0xE000E014u)
#define SYST_CVR (*(volatile uint32_t *)0xE000E018u)
#define CFSR_UNDEFINSTR (1u << 16)
#define CFSR_DIVBYZERO (1u << 25)
#define CFSR_MMARVALID (1u << 7)
#define CFSR_BFARVALID (1u << 15)
#define CFSR_NOFRAME ((1u << 4) | (1u << 12) | (1u << 20))
#define EXC_SYSTICK 15u

static volatile uint32_t in_wasm;     /* a command's call is running */
static volatile uint32_t periods;     /* SysTick periods since the call began */
static SynthRtFault fault_seen;       /* the fault turned into SX_TRAP_FAULT */
static uint32_t fault_pc;             /* its stacked pc, 0 when there was no frame */
static uint64_t results[SX_MAX_RESULTS];

static int is_runtime_trap(const SynthRtFault *f)
{
	if (f->cfsr & CFSR_DIVBYZERO)
		return 1;
	if ((f->cfsr & CFSR_UNDEFINSTR) && !(f->cfsr & CFSR_NOFRAME)) {
		uint16_t insn = *(const volatile uint16_t *)(uintptr_t)(f->frame[6] & ~1u);
		if ((insn & 0xff00u) == 0xde00u && (insn & 0xffu) > 0 && (insn & 0xffu) < SYNTH_TRAP_COUNT_)
			return 1;
	}
	return 0;
}

int synth_rt_fault_hook(SynthRtFault *f)
{
	if (f->ipsr == EXC_SYSTICK) {
		if (in_wasm && ++periods >= SX_WATCHDOG_PERIODS && synth_rt_fault_to_trap(f, SX_TRAP_TIMEOUT))
			in_wasm = 0;
		return 1;
	}
	if (!in_wasm || is_runtime_trap(f))
		return 0;
	fault_seen = *f;
	fault_pc = (f->cfsr & CFSR_NOFRAME) ? 0 : f->frame[6];
	if (!synth_rt_fault_to_trap(f, SX_TRAP_FAULT))
		return 0;
	in_wasm = 0;
	return 1;
}

static void print_val(uint8_t type, uint64_t v)
{
	switch (type & SX_T_MASK) {
	case SX_T_I32: synth_rt_print("i32:"); synth_rt_print_hex32((uint32_t)v); return;
	case SX_T_I64: synth_rt_print("i64:"); synth_rt_print_hex64(v); return;
	case SX_T_F32: synth_rt_print("f32:"); break;
	case SX_T_F64: synth_rt_print("f64:"); break;
	case SX_T_FUNCREF: synth_rt_print("funcref:"); break;
	case SX_T_EXTERNREF: synth_rt_print("externref:"); break;
	default: synth_rt_print("?:"); break;
	}
	if (type & SX_NAN_CANONICAL)
		synth_rt_print("nan:canonical");
	else if (type & SX_NAN_ARITHMETIC)
		synth_rt_print("nan:arithmetic");
	else if (type & SX_REF_NONNULL)
		synth_rt_print("non-null");
	else if ((type & SX_T_MASK) == SX_T_F32)
		synth_rt_print_hex32((uint32_t)v);
	else if ((type & SX_T_MASK) == SX_T_F64)
		synth_rt_print_hex64(v);
	else if ((uint32_t)v == 0)
		synth_rt_print("null");
	else if ((type & SX_T_MASK) == SX_T_EXTERNREF)
		synth_rt_print_u32((uint32_t)v - 1); /* ref.extern N */
	else
		synth_rt_print_hex32((uint32_t)v);
}

static void print_vals(const uint8_t *types, const uint64_t *vals, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		if (i)
			synth_rt_print(", ");
		print_val(types[i], vals[i]);
	}
}

static const char *op_name(uint8_t op)
{
	switch (op) {
	case SX_OP_INIT: return "module";
	case SX_OP_UNINST: return "assert_uninstantiable";
	case SX_OP_RETURN: return "assert_return";
	case SX_OP_TRAP: return "assert_trap";
	case SX_OP_EXHAUST: return "assert_exhaustion";
	case SX_OP_ACTION: return "action";
	case SX_OP_UNLINKABLE: return "assert_unlinkable";
	default: return "command";
	}
}

/* Starts a failure line: `FILE:LINE: KIND NAME(ARGS): `. */
static void fail_head(const SxCmd *c)
{
	synth_rt_print(sx_file);
	synth_rt_print(":");
	synth_rt_print_u32(c->line);
	synth_rt_print(": ");
	synth_rt_print(op_name(c->op));
	synth_rt_print(" ");
	synth_rt_print(c->what);
	if (c->op != SX_OP_INIT && c->op != SX_OP_UNINST && c->op != SX_OP_UNLINKABLE) {
		synth_rt_print("(");
		print_vals(c->types, c->vals, c->nargs);
		synth_rt_print(")");
	}
	synth_rt_print(": ");
}

static void print_trap(int code)
{
	if (code == SX_TRAP_TIMEOUT) {
		synth_rt_print("timeout (watchdog)");
		return;
	}
	if (code == SX_TRAP_FAULT) {
		static const char *const kinds[] = {"fault", "fault", "fault", "HardFault", "MemManage",
		                                    "BusFault", "UsageFault", "SecureFault"};
		const SynthRtFault *f = &fault_seen;
		synth_rt_print(f->ipsr < 8 ? kinds[f->ipsr] : "fault");
		synth_rt_print(" cfsr=");
		synth_rt_print_hex32(f->cfsr);
		synth_rt_print(" pc=");
		synth_rt_print_hex32(fault_pc);
		if (f->cfsr & CFSR_MMARVALID) {
			synth_rt_print(" addr=");
			synth_rt_print_hex32(f->mmfar);
		} else if (f->cfsr & CFSR_BFARVALID) {
			synth_rt_print(" addr=");
			synth_rt_print_hex32(f->bfar);
		}
		return;
	}
	synth_rt_print("trap \"");
	synth_rt_print(synth_rt_trap_message(code));
	synth_rt_print("\"");
}

/* Prints what came out of a command: results or a trap. */
static void print_got(const SxCmd *c, int trap)
{
	synth_rt_print("got ");
	if (trap) {
		print_trap(trap);
	} else if (c->op == SX_OP_INIT || c->op == SX_OP_UNINST) {
		synth_rt_print("instantiated");
	} else if (c->nresults == 0) {
		synth_rt_print("a normal return");
	} else {
		for (uint32_t i = 0; i < c->nresults; i++) {
			if (i)
				synth_rt_print(", ");
			print_val(c->types[c->nargs + i] & SX_T_MASK, results[i]); /* bits, not the class */
		}
	}
	synth_rt_print_char('\n');
}

static int starts_with(const char *s, const char *prefix)
{
	while (*prefix)
		if (*s++ != *prefix++)
			return 0;
	return 1;
}

/* The spec's rule: the expected text is a prefix of the engine's message.
 * The runtime's messages carry no details, so an expected text that adds
 * one after a blank ("uninitialized element 2") matches its stem too. */
static int message_matches(const char *msg, const char *want)
{
	if (starts_with(msg, want))
		return 1;
	while (*msg && *msg == *want)
		msg++, want++;
	return !*msg && *want == ' ';
}

static int result_ok(uint8_t type, uint64_t expect, uint64_t got)
{
	switch (type & SX_T_MASK) {
	case SX_T_I32:
		return (uint32_t)expect == (uint32_t)got;
	case SX_T_F32:
		if (type & SX_NAN_CANONICAL)
			return ((uint32_t)got & 0x7fffffffu) == 0x7fc00000u;
		if (type & SX_NAN_ARITHMETIC)
			return ((uint32_t)got & 0x7fc00000u) == 0x7fc00000u;
		return (uint32_t)expect == (uint32_t)got;
	case SX_T_FUNCREF:
	case SX_T_EXTERNREF:
		if (type & SX_REF_NONNULL)
			return (uint32_t)got != 0;
		return (uint32_t)expect == (uint32_t)got;
	case SX_T_F64:
		if (type & SX_NAN_CANONICAL)
			return (got & 0x7fffffffffffffffull) == 0x7ff8000000000000ull;
		if (type & SX_NAN_ARITHMETIC)
			return (got & 0x7ff8000000000000ull) == 0x7ff8000000000000ull;
		return expect == got;
	default:
		return expect == got;
	}
}

void sx_init(const SxCmd *c, uint64_t *r)
{
	(void)r;
	((int (*)(void))c->fn)();
}

void sx_get(const SxCmd *c, uint64_t *r)
{
	if (!c->nresults)
		return;
	switch (c->types[c->nargs] & SX_T_MASK) {
	case SX_T_I32: case SX_T_F32: case SX_T_FUNCREF: case SX_T_EXTERNREF:
		r[0] = *(const volatile uint32_t *)c->addr;
		break;
	default: r[0] = *(const volatile uint64_t *)c->addr; break;
	}
}

/* The board's WASM region (the runtime's linker script): no memory can
 * grow past its size, whatever it reserves. */
extern char __synth_wasm_start[], __synth_wasm_end[];

/* A failed assert_return is skipped instead, as class grow-refused, only
 * when the difference between what it got and what the script expects is
 * exactly a memory.grow the board cannot hold (the spec lets memory.grow
 * fail; the script assumes a host with more RAM):
 * - the command itself asked a memory to grow past the board's whole WASM
 *   region, and its one wrong result is an i32 -1 where the script
 *   expects a size (memory.grow's old size);
 * - or, later in the same instance, its one wrong result is an i32 that
 *   falls short of the expected one by exactly the pages the refused grows
 *   would have added (memory.size or memory.grow after them).
 * Any other difference, in the same command or a later one, is a failure.
 * Prints `skipped: FILE:LINE<TAB>KIND<TAB>grow-refused<TAB>REASON`
 * (run-spec-exec.sh adds it to skips.txt) and returns 1 then. */
static int resource_skip(const SxCmd *c)
{
	if (c->op != SX_OP_RETURN || c->inst < 0)
		return 0;
	uint32_t wrong = 0, got = 0, want = 0;
	for (uint32_t i = 0; i < c->nresults; i++) {
		uint8_t t = c->types[c->nargs + i];
		if (result_ok(t, c->vals[c->nargs + i], results[i]))
			continue;
		if (++wrong > 1 || (t & SX_T_MASK) != SX_T_I32)
			return 0;
		got = (uint32_t)results[i];
		want = (uint32_t)c->vals[c->nargs + i];
	}
	if (wrong != 1)
		return 0;
	uint64_t asked = synth_rt_grow_refused;
	uint32_t region = (uint32_t)(__synth_wasm_end - __synth_wasm_start);
	uint32_t after = sx_refused_at[c->inst];
	int here = asked > region && got == 0xffffffffu && want != 0xffffffffu;
	int later = !here && after && got == want - sx_refused_pages[c->inst];
	if (!here && !later)
		return 0;
	synth_rt_print("skipped: ");
	synth_rt_print(sx_file);
	synth_rt_print(":");
	synth_rt_print_u32(c->line);
	synth_rt_print("\t");
	synth_rt_print(op_name(c->op));
	synth_rt_print("\tgrow-refused");
	if (here) {
		sx_refused_at[c->inst] = c->line;
		sx_refused_pages[c->inst] += synth_rt_grow_refused_delta;
		synth_rt_print("\tmemory.grow to ");
		synth_rt_print_u32((uint32_t)(asked >> 10));
		synth_rt_print(" KiB, more than the board's WASM region (");
		synth_rt_print_u32(region >> 10);
		synth_rt_print(" KiB)\n");
	} else {
		synth_rt_print("\tmemory size short by the ");
		synth_rt_print_u32(sx_refused_pages[c->inst]);
		synth_rt_print(" pages of the memory.grow at line ");
		synth_rt_print_u32(after);
		synth_rt_print(", which the board cannot hold\n");
	}
	return 1;
}

static void run(void *arg)
{
	const SxCmd *c = arg;
	c->call(c, results);
}

/* Runs one command; returns 1 when it passed, 0 when it failed, 2 when
 * it is skipped after all (resource_skip). */
static int check(const SxCmd *c)
{
	if (c->op == SX_OP_UNLINKABLE) {
		if (!c->fn || ((int (*)(void))c->fn)())
			return 1;
		fail_head(c);
		synth_rt_print("the module links: every imported memory and table has its minimum size; expected \"");
		synth_rt_print(c->text);
		synth_rt_print("\"\n");
		return 0;
	}
	if (c->op == SX_OP_FAIL) {
		synth_rt_print(sx_file);
		synth_rt_print(":");
		synth_rt_print_u32(c->line);
		synth_rt_print(": ");
		synth_rt_print(c->text);
		synth_rt_print_char('\n');
		return 0;
	}
	if (c->inst >= 0 && c->op != SX_OP_INIT && c->op != SX_OP_UNINST && !sx_alive[c->inst]) {
		fail_head(c);
		synth_rt_print("its module was not instantiated\n");
		return 0;
	}
	for (uint32_t i = 0; i < SX_MAX_RESULTS; i++)
		results[i] = 0xdeadbeefdeadbeefull;
	periods = 0;
	synth_rt_grow_refused = 0;
	synth_rt_grow_refused_delta = 0;
	in_wasm = 1;
	int trap = synth_rt_try(run, (void *)c);
	in_wasm = 0;
	switch (c->op) {
	case SX_OP_INIT:
		if (!trap) {
			sx_alive[c->inst] = 1;
			return 1;
		}
		if (resource_skip(c))
			return 2;
		fail_head(c);
		print_got(c, trap);
		return 0;
	case SX_OP_ACTION:
		if (!trap)
			return 1;
		if (resource_skip(c))
			return 2;
		fail_head(c);
		print_got(c, trap);
		return 0;
	case SX_OP_RETURN: {
		int ok = !trap;
		for (uint32_t i = 0; ok && i < c->nresults; i++)
			ok = result_ok(c->types[c->nargs + i], c->vals[c->nargs + i], results[i]);
		if (ok)
			return 1;
		if (resource_skip(c))
			return 2;
		fail_head(c);
		synth_rt_print("expected ");
		if (c->nresults)
			print_vals(c->types + c->nargs, c->vals + c->nargs, c->nresults);
		else
			synth_rt_print("a normal return");
		synth_rt_print(", ");
		print_got(c, trap);
		return 0;
	}
	case SX_OP_TRAP:
	case SX_OP_UNINST:
	case SX_OP_EXHAUST: {
		const char *want = c->op == SX_OP_EXHAUST ? synth_rt_trap_message(SYNTH_TRAP_CALL_STACK_EXHAUSTED)
		                                          : c->text;
		if (trap > 0 && trap < SYNTH_TRAP_COUNT_ && message_matches(synth_rt_trap_message(trap), want))
			return 1;
		if (resource_skip(c))
			return 2;
		fail_head(c);
		synth_rt_print("expected trap \"");
		synth_rt_print(want);
		synth_rt_print("\", ");
		print_got(c, trap);
		return 0;
	}
	}
	return 0;
}

static void watchdog_start(void)
{
	SYST_RVR = 0x00ffffffu;
	SYST_CVR = 0;
	SYST_CSR = 7u; /* processor clock, interrupt, enable */
}

int main(void)
{
	uint32_t passed = 0, failed = 0, skipped = sx_skipped;
	watchdog_start();
	for (uint32_t i = 0; i < sx_ncmds; i++) {
		int r = check(&sx_cmds[i]);
		if (r == 1)
			passed++;
		else if (r == 2)
			skipped++;
		else
			failed++;
	}
	SYST_CSR = 0;
	synth_rt_print("passed ");
	synth_rt_print_u32(passed);
	synth_rt_print(" failed ");
	synth_rt_print_u32(failed);
	synth_rt_print(" skipped ");
	synth_rt_print_u32(skipped);
	synth_rt_print_char('\n');
	return 0;
}
