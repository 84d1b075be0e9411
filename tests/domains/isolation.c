/* isolation.c - two mutually distrusting components A and B, written in C,
 * each an unprivileged protection domain (its memory + its stack), and the
 * attacks that must fail. Every check prints "ok: ..." or "FAIL: ..."; the
 * program exits with the number of failures (0 = every attack blocked).
 *
 * Functions named a_* run in A's domain, b_* in B's: they may touch only
 * their own memory (a_mem / b_mem, their stack) and the shared code image.
 * They never print (the output buffer is the runtime's RAM).
 */
#include <stdint.h>
#include <string.h>

#include "synth_rt.h"

#define MEM 4096u
#define STK 2048u

static uint8_t a_mem[MEM] __attribute__((aligned(MEM)));
static uint8_t b_mem[MEM] __attribute__((aligned(MEM)));
static uint8_t a_stack[STK] __attribute__((aligned(STK)));
static uint8_t b_stack[STK] __attribute__((aligned(STK)));
static volatile uint32_t runtime_secret = 0x5ec12e75u;
static SynthRtDomain dom_a, dom_b;
static int failures;

/* Gates into B (ids are the indices in `gates`). */
#define G_B_ADD 0
#define G_B_SUM6 1
#define G_B_FMUL 2
#define G_B_COPYIN 3
#define G_B_COPYOUT 4
#define G_B_TRAP 5
#define G_B_ONLY_B 6
#define G_A_GET 7
#define G_B_CALLS_A 8

static uint32_t a_get_(void);

/* --- component B ---------------------------------------------------------- */
static uint32_t b_init(void)
{
	volatile uint32_t *m = (volatile uint32_t *)b_mem;
	m[4] = 0xb0b0b0b0u; /* b_mem[16..19]: the victim word */
	return 1;
}
static uint32_t b_get(void) { return ((volatile uint32_t *)b_mem)[4]; }
static uint32_t b_add(uint32_t x, uint32_t y) { return x + y; }
static uint32_t b_sum6(uint32_t p, uint32_t q, uint32_t r, uint32_t s, uint32_t t, uint32_t u)
{
	return p + q + r + s + t + u;
}
static float b_fmul(float x, float y) { return x * y; }
/* Copies n bytes from the caller's src into b_mem[512..]; returns the status. */
static int32_t b_copyin(const void *src, uint32_t n) { return synth_rt_gate_copy_in(b_mem + 512, src, n); }
static int32_t b_copyout(void *dst, uint32_t n) { return synth_rt_gate_copy_out(dst, b_mem + 512, n); }
SYNTH_RT_GATE_STUB(uint32_t, gate_a_get, (void), 7)
/* B calls back into A while A is waiting for B: refused (EBUSY). */
static int32_t b_call_a(void)
{
	uint32_t r = gate_a_get();
	return (int32_t)r * 1000 + synth_rt_gate_status();
}
static uint32_t b_trap(void)
{
	__asm__ volatile("udf #1"); /* wasm unreachable */
	return 7;
}

static const SynthRtGate gates[] = {
	[G_B_ADD] = {&dom_b, (void *)b_add, 0, 0},
	[G_B_SUM6] = {&dom_b, (void *)b_sum6, 2, 0},
	[G_B_FMUL] = {&dom_b, (void *)b_fmul, 0, 0},
	[G_B_COPYIN] = {&dom_b, (void *)b_copyin, 0, 0},
	[G_B_COPYOUT] = {&dom_b, (void *)b_copyout, 0, 0},
	[G_B_TRAP] = {&dom_b, (void *)b_trap, 0, 0},
	[G_B_ONLY_B] = {&dom_b, (void *)b_add, 0, 1u << 1}, /* open to domain 1 (B) only */
	[G_A_GET] = {&dom_a, (void *)a_get_, 0, 0},
	[G_B_CALLS_A] = {&dom_b, (void *)b_call_a, 0, 0},
};

/* --- component A ---------------------------------------------------------- */
SYNTH_RT_GATE_STUB(uint32_t, gate_b_add, (uint32_t x, uint32_t y), 0)
SYNTH_RT_GATE_STUB(uint32_t, gate_b_sum6, (uint32_t p, uint32_t q, uint32_t r, uint32_t s, uint32_t t, uint32_t u), 1)
SYNTH_RT_GATE_STUB(float, gate_b_fmul, (float x, float y), 2)
SYNTH_RT_GATE_STUB(int32_t, gate_b_copyin, (const void *src, uint32_t n), 3)
SYNTH_RT_GATE_STUB(int32_t, gate_b_copyout, (void *dst, uint32_t n), 4)
SYNTH_RT_GATE_STUB(uint32_t, gate_b_trap, (void), 5)
SYNTH_RT_GATE_STUB(uint32_t, gate_b_only_b, (uint32_t x, uint32_t y), 6)

static uint32_t a_init(void)
{
	volatile uint32_t *m = (volatile uint32_t *)a_mem;
	m[0] = 0xa0a0a0a0u;
	m[1] = 0;
	return 1;
}
static uint32_t a_get(void) { return ((volatile uint32_t *)a_mem)[0]; }
static uint32_t a_get_(void) { return a_get(); }
SYNTH_RT_GATE_STUB(int32_t, gate_b_calls_a, (void), 8)
static int32_t a_call_b_calls_a(void) { return gate_b_calls_a(); }
static uint32_t a_poke(uint32_t addr, uint32_t val)
{
	*(volatile uint32_t *)(uintptr_t)addr = val;
	return 0x600d;
}
static uint32_t a_peek(uint32_t addr) { return *(volatile uint32_t *)(uintptr_t)addr; }
static uint32_t a_call_add(uint32_t x, uint32_t y) { return gate_b_add(x, y); }
static uint32_t a_call_sum6(void) { return gate_b_sum6(1, 2, 3, 4, 5, 6); }
static uint32_t a_call_fmul(void)
{
	volatile float x = 1.5f, y = 4.0f;
	return (uint32_t)(gate_b_fmul(x, y) * 100.0f);
}
/* Fills a_mem[256..320) with a pattern and has B copy it in. */
static int32_t a_copy_own(void)
{
	for (unsigned i = 0; i < 64; i++)
		a_mem[256 + i] = (uint8_t)(i * 3 + 1);
	return gate_b_copyin(a_mem + 256, 64);
}
static int32_t a_copy_forged(uint32_t ptr) { return gate_b_copyin((const void *)(uintptr_t)ptr, 64); }
static int32_t a_copyout_forged(uint32_t ptr) { return gate_b_copyout((void *)(uintptr_t)ptr, 4); }
/* B traps inside the gate call: A gets r0 = 0 and the status, and goes on. */
static int32_t a_call_trapping_b(void)
{
	uint32_t r = gate_b_trap();
	return (int32_t)r * 1000 + synth_rt_gate_status();
}
static int32_t a_call_denied(void)
{
	uint32_t r = gate_b_only_b(1, 2);
	return (int32_t)r * 1000 + synth_rt_gate_status();
}
static uint32_t a_trap(void)
{
	__asm__ volatile("udf #1");
	return 7;
}
static uint32_t a_trap_call(void)
{
	synth_rt_trap(SYNTH_TRAP_INT_OVERFLOW); /* the other way compiled code traps */
	return 7;
}
static uint32_t a_div(uint32_t x, uint32_t y)
{
	uint32_t q;
	__asm__ volatile("udiv %0, %1, %2" : "=r"(q) : "r"(x), "r"(y));
	return q;
}
/* A forges the runtime's own entry (svc #0) to run code of its choice in B. */
static int32_t a_forge_call(uint32_t dom, uint32_t fn)
{
	register uint32_t r0 __asm__("r0") = dom;
	register uint32_t r1 __asm__("r1") = fn;
	register uint32_t r2 __asm__("r2") = 0;
	__asm__ volatile("svc #0" : "+r"(r0) : "r"(r1), "r"(r2) : "r3", "r12", "memory");
	return (int32_t)r0;
}
/* A uses a gate id that does not exist. */
SYNTH_RT_GATE_STUB(uint32_t, gate_bogus, (void), 200)
static int32_t a_bad_gate(void)
{
	uint32_t r = gate_bogus();
	return (int32_t)r * 1000 + synth_rt_gate_status();
}
/* Unbounded recursion: runs off the bottom of A's stack. */
#pragma GCC diagnostic ignored "-Winfinite-recursion"
__attribute__((noinline)) static uint32_t a_recurse(uint32_t n)
{
	volatile uint32_t pad[16];
	pad[n & 15u] = n;
	return a_recurse(n + 1) + pad[(n + 1) & 15u];
}
/* Tries to regain privilege, then writes the runtime's RAM. */
static uint32_t a_escalate(uint32_t addr)
{
	__asm__ volatile("msr control, %0\n\tisb" :: "r"(0u));
	*(volatile uint32_t *)(uintptr_t)addr = 0;
	return 0x600d;
}
/* Spins n times updating its own memory (SysTick fires meanwhile), stores
 * the result, then writes `addr` (the runtime's RAM): must still fault. */
static uint32_t a_spin_then_poke(uint32_t n, uint32_t addr)
{
	volatile uint32_t *m = (volatile uint32_t *)a_mem;
	uint32_t s = 0;
	for (uint32_t i = 0; i < n; i++) {
		m[2] = s;
		s = m[2] + i;
	}
	m[3] = s;
	*(volatile uint32_t *)(uintptr_t)addr = 1;
	return 0x600d;
}

/* --- the runtime side ---------------------------------------------------- */
static volatile uint32_t ticks, ticks_in_a;

void SysTick_Handler(void)
{
	uint32_t psp, control;
	__asm__ volatile("mrs %0, psp\n\tmrs %1, control" : "=r"(psp), "=r"(control));
	ticks++; /* the runtime's RAM: the handler runs privileged */
	if (psp >= (uintptr_t)a_stack && psp < (uintptr_t)a_stack + STK && (control & 1u))
		ticks_in_a++;
}

static void check(int ok, const char *what)
{
	synth_rt_print(ok ? "ok: " : "FAIL: ");
	synth_rt_print(what);
	synth_rt_print_char('\n');
	if (!ok)
		failures++;
}

static int call(SynthRtDomain *d, void *fn, uint32_t x, uint32_t y, uint32_t *ret)
{
	return synth_rt_domain_call4(d, fn, x, y, 0, 0, ret);
}

static void restart_a(void)
{
	check(synth_rt_domain_restart(&dom_a) == 0 && dom_a.state == SYNTH_RT_DOMAIN_READY, "A restarted");
}

int main(void)
{
	SynthRtMpuRegion ra[2], rb[2];
	uint32_t r = 0, main_local = 0x1234u, b_before;
	int st;

	ra[0] = synth_rt_mpu_region((uintptr_t)a_mem, MEM, SYNTH_RT_ACCESS_R | SYNTH_RT_ACCESS_W);
	ra[1] = synth_rt_mpu_region((uintptr_t)a_stack, STK, SYNTH_RT_ACCESS_R | SYNTH_RT_ACCESS_W);
	rb[0] = synth_rt_mpu_region((uintptr_t)b_mem, MEM, SYNTH_RT_ACCESS_R | SYNTH_RT_ACCESS_W);
	rb[1] = synth_rt_mpu_region((uintptr_t)b_stack, STK, SYNTH_RT_ACCESS_R | SYNTH_RT_ACCESS_W);
	check(synth_rt_domain_init(&dom_a, "A", ra, 2, (uintptr_t)a_stack, STK) == 0, "domain A registered");
	check(synth_rt_domain_init(&dom_b, "B", rb, 2, (uintptr_t)b_stack, STK) == 0, "domain B registered");
	{
		SynthRtDomain bad;
		check(synth_rt_domain_init(&bad, "bad", ra, 1, (uintptr_t)b_stack, STK) == SYNTH_RT_DOMAIN_EINVAL,
		      "a domain whose stack is outside its regions is refused");
	}
	dom_a.restart = a_init;
	dom_b.restart = b_init;
	synth_rt_gates_init(gates, sizeof gates / sizeof gates[0]);

	st = call(&dom_a, (void *)a_init, 0, 0, &r);
	check(st == 0 && r == 1 && ((uint32_t *)a_mem)[0] == 0xa0a0a0a0u, "A initialised in its domain");
	st = call(&dom_b, (void *)b_init, 0, 0, &r);
	check(st == 0 && r == 1, "B initialised in its domain");

	/* Cross-component calls through gates. */
	st = call(&dom_a, (void *)a_call_add, 40, 2, &r);
	check(st == 0 && r == 42, "A -> gate -> B add(40, 2) returns 42");
	st = call(&dom_a, (void *)a_call_sum6, 0, 0, &r);
	check(st == 0 && r == 21, "A -> gate -> B sum6(1..6) returns 21 (two stack words)");
	st = call(&dom_a, (void *)a_call_fmul, 0, 0, &r);
	check(st == 0 && r == 600, "A -> gate -> B fmul(1.5, 4.0) returns 6.0 (float arguments and result)");
	st = call(&dom_a, (void *)a_call_denied, 0, 0, &r);
	check(st == 0 && r == (uint32_t)SYNTH_RT_DOMAIN_EDENIED, "a gate not open to A is refused, A goes on");

	/* Explicit copies. */
	st = call(&dom_a, (void *)a_copy_own, 0, 0, &r);
	{
		int same = 1;
		for (unsigned i = 0; i < 64; i++)
			same &= b_mem[512 + i] == (uint8_t)(i * 3 + 1);
		check(st == 0 && r == 0 && same, "gate copy of 64 bytes from A's memory into B's");
	}
	memset(b_mem + 512, 0x5a, 64);
	st = call(&dom_a, (void *)a_copy_forged, (uintptr_t)(b_mem + 16), 0, &r);
	check(st == 0 && (int32_t)r == SYNTH_RT_DOMAIN_EDENIED && b_mem[512] == 0x5a,
	      "gate copy from a forged pointer into B's memory is refused");
	st = call(&dom_a, (void *)a_copy_forged, (uintptr_t)&runtime_secret, 0, &r);
	check(st == 0 && (int32_t)r == SYNTH_RT_DOMAIN_EDENIED && b_mem[512] == 0x5a,
	      "gate copy from a forged pointer into the runtime's RAM is refused");
	st = call(&dom_a, (void *)a_copyout_forged, (uintptr_t)&runtime_secret, 0, &r);
	check(st == 0 && (int32_t)r == SYNTH_RT_DOMAIN_EDENIED && runtime_secret == 0x5ec12e75u,
	      "gate copy out to a forged pointer into the runtime's RAM is refused");

	st = call(&dom_a, (void *)a_call_b_calls_a, 0, 0, &r);
	check(st == 0 && (int32_t)r == SYNTH_RT_DOMAIN_EBUSY, "B calling back into A (on the call chain) is refused");
	st = call(&dom_b, (void *)b_call_a, 0, 0, &r);
	check(st == 0 && r == 0xa0a0a0a0u * 1000u, "B -> gate -> A works when A is not on the chain");

	st = call(&dom_a, (void *)a_forge_call, (uintptr_t)&dom_b, (uintptr_t)b_init, &r);
	check(st == 0 && (int32_t)r == SYNTH_RT_DOMAIN_EINVAL, "A issuing the runtime's call SVC is refused");
	st = call(&dom_a, (void *)a_bad_gate, 0, 0, &r);
	check(st == 0 && (int32_t)r == SYNTH_RT_DOMAIN_EINVAL, "A using a gate id that does not exist is refused");

	/* The runtime lends B one buffer for the call, nothing else. */
	{
		static uint8_t lent[64] __attribute__((aligned(16)));
		SynthRtArgs args;
		memset(&args, 0, sizeof args);
		memset(b_mem + 512, 0x77, 16);
		args.r[0] = (uintptr_t)lent;
		args.r[1] = 16;
		args.lend_base = lent;
		args.lend_size = sizeof lent;
		st = synth_rt_domain_call(&dom_b, (void *)b_copyout, &args);
		check(st == 0 && args.ret[0] == 0 && lent[0] == 0x77 && lent[15] == 0x77,
		      "B copies out into the buffer the runtime lent it");
		args.r[0] = (uintptr_t)&runtime_secret;
		args.r[1] = 4;
		st = synth_rt_domain_call(&dom_b, (void *)b_copyout, &args);
		check(st == 0 && (int32_t)args.ret[0] == SYNTH_RT_DOMAIN_EDENIED && runtime_secret == 0x5ec12e75u,
		      "B copying out past the lent buffer is refused");
	}

	/* A writes B's memory. */
	b_before = ((uint32_t *)b_mem)[4];
	st = call(&dom_a, (void *)a_poke, (uintptr_t)(b_mem + 16), 0xdeadbeefu, &r);
	check(st == SYNTH_RT_DOMAIN_EFAULT && dom_a.state == SYNTH_RT_DOMAIN_STOPPED && dom_a.last.kind == 4 &&
	          dom_a.last.addr == (uintptr_t)(b_mem + 16),
	      "A writing B's memory: MemManage in A at that address, A stopped");
	check(((uint32_t *)b_mem)[4] == b_before, "B's data unchanged");
	st = call(&dom_b, (void *)b_get, 0, 0, &r);
	check(st == 0 && r == b_before, "B still callable");
	st = call(&dom_a, (void *)a_get, 0, 0, &r);
	check(st == SYNTH_RT_DOMAIN_ESTOPPED, "a call into stopped A returns ESTOPPED at once");
	restart_a();
	st = call(&dom_a, (void *)a_get, 0, 0, &r);
	check(st == 0 && r == 0xa0a0a0a0u, "A works again after restart");

	/* A writes the runtime's RAM, B's stack, the main stack; reads a secret. */
	st = call(&dom_a, (void *)a_poke, (uintptr_t)&runtime_secret, 0, &r);
	check(st == SYNTH_RT_DOMAIN_EFAULT && runtime_secret == 0x5ec12e75u &&
	          dom_a.last.addr == (uintptr_t)&runtime_secret,
	      "A writing the runtime's RAM is blocked");
	restart_a();
	st = call(&dom_a, (void *)a_poke, (uintptr_t)(b_stack + STK - 64), 0, &r);
	check(st == SYNTH_RT_DOMAIN_EFAULT && dom_a.last.addr == (uintptr_t)(b_stack + STK - 64),
	      "A writing B's stack is blocked");
	restart_a();
	st = call(&dom_a, (void *)a_poke, (uintptr_t)&main_local, 0, &r);
	check(st == SYNTH_RT_DOMAIN_EFAULT && *(volatile uint32_t *)&main_local == 0x1234u,
	      "A writing the main stack is blocked");
	restart_a();
	st = call(&dom_a, (void *)a_peek, (uintptr_t)&runtime_secret, 0, &r);
	check(st == SYNTH_RT_DOMAIN_EFAULT && r == 0, "A reading the runtime's RAM is blocked");
	restart_a();
	st = call(&dom_a, (void *)a_escalate, (uintptr_t)&runtime_secret, 0, &r);
	check(st == SYNTH_RT_DOMAIN_EFAULT && runtime_secret == 0x5ec12e75u,
	      "A clearing CONTROL.nPRIV stays unprivileged");
	restart_a();

	st = call(&dom_a, (void *)a_recurse, 0, 0, &r);
	check(st == SYNTH_RT_DOMAIN_EFAULT && dom_a.state == SYNTH_RT_DOMAIN_STOPPED &&
	          ((uint32_t *)b_mem)[4] == 0xb0b0b0b0u,
	      "A overflowing its stack is stopped, B's data unchanged");
	st = call(&dom_b, (void *)b_get, 0, 0, &r);
	check(st == 0 && r == 0xb0b0b0b0u, "B still callable after A's stack overflow");
	restart_a();

	/* Traps. */
	st = call(&dom_a, (void *)a_trap, 0, 0, &r);
	check(st == SYNTH_RT_DOMAIN_EFAULT && dom_a.last.trap == SYNTH_TRAP_UNREACHABLE &&
	          dom_a.state == SYNTH_RT_DOMAIN_STOPPED,
	      "a trap in A stops A");
	st = call(&dom_b, (void *)b_add, 1, 2, &r);
	check(st == 0 && r == 3, "B goes on after A's trap");
	restart_a();
	st = call(&dom_a, (void *)a_trap_call, 0, 0, &r);
	check(st == SYNTH_RT_DOMAIN_EFAULT && dom_a.last.trap == SYNTH_TRAP_INT_OVERFLOW,
	      "synth_rt_trap() called in A is reported as A's trap");
	restart_a();
	st = call(&dom_a, (void *)a_div, 7, 0, &r);
	check(st == SYNTH_RT_DOMAIN_EFAULT && dom_a.last.trap == SYNTH_TRAP_INT_DIV_ZERO,
	      "a hardware divide by zero in A is A's trap");
	restart_a();
	st = call(&dom_a, (void *)a_call_trapping_b, 0, 0, &r);
	check(st == 0 && (int32_t)r == SYNTH_RT_DOMAIN_EFAULT && dom_b.state == SYNTH_RT_DOMAIN_STOPPED &&
	          dom_b.last.trap == SYNTH_TRAP_UNREACHABLE,
	      "B trapping inside A's gate call: A gets EFAULT and goes on");
	st = call(&dom_a, (void *)a_call_add, 1, 1, &r);
	check(st == 0 && r == 0, "a gate call into stopped B returns at once");
	st = call(&dom_a, (void *)a_call_trapping_b, 0, 0, &r);
	check(st == 0 && (int32_t)r == SYNTH_RT_DOMAIN_ESTOPPED, "... with status ESTOPPED");
	check(synth_rt_domain_restart(&dom_b) == 0 && ((uint32_t *)b_mem)[4] == 0xb0b0b0b0u, "B restarted");
	st = call(&dom_a, (void *)a_call_add, 40, 2, &r);
	check(st == 0 && r == 42, "A -> B works again");

	/* SysTick while A runs. */
	{
		volatile uint32_t *syst = (volatile uint32_t *)0xE000E010u;
		uint32_t n = 100000, expect = 0;
		for (uint32_t i = 0; i < n; i++)
			expect += i;
		syst[1] = 20000 - 1; /* RVR */
		syst[2] = 0;         /* CVR */
		syst[0] = 7;         /* ENABLE | TICKINT | processor clock */
		st = call(&dom_a, (void *)a_spin_then_poke, n, (uintptr_t)&ticks, &r);
		syst[0] = 0;
		synth_rt_print("systick: ");
		synth_rt_print_u32(ticks_in_a ? 1 : 0);
		synth_rt_print_char('\n');
		check(ticks > 0 && ticks_in_a == ticks, "SysTick handler ran (privileged) while A ran");
		check(((uint32_t *)a_mem)[3] == expect, "A resumed after each tick and finished its work");
		check(st == SYNTH_RT_DOMAIN_EFAULT && dom_a.last.addr == (uintptr_t)&ticks,
		      "after the ticks A is still confined to its domain");
		restart_a();
	}
	st = call(&dom_a, (void *)a_call_add, 2, 3, &r);
	check(st == 0 && r == 5, "A -> B after everything");
	synth_rt_print(failures ? "isolation: FAILED\n" : "isolation: all attacks blocked\n");
	return failures;
}
