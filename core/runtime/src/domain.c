/* domain.c - protection domains: unprivileged components on their own
 * stacks with their own MPU regions, entered from the runtime and from each
 * other through SVC gates, with bounds-checked copies and per-component
 * fault handling.
 *
 * MPU use (both PMSAs): CTRL = ENABLE | PRIVDEFENA. Slot 0 is the shared
 * code image (vector table .. end of the .data load image: code, rodata,
 * constants), read-only and executable for everyone. Slots 1.. hold the
 * running domain's regions. Nothing else is mapped for unprivileged code,
 * so the runtime's RAM (main stack, .data, .bss, fault stack, heap), other
 * domains and other stacks fault; privileged code (the runtime, every
 * exception handler) keeps the default map. The regions are rewritten with
 * the MPU disabled (never a half-written pair live), only when the domain
 * changes, and only as many slots as the old or new domain uses.
 *
 * Context switch: every entry into a domain is an exception return built
 * by synth_rt_svc_dispatch_ (called from gate.S's SVC_Handler): a fresh
 * frame on the callee's stack (stack arguments above it), r4-r11/d8-d15
 * zeroed (nothing of the caller leaks), lr = synth_rt_domain_return_stub_
 * (svc #1), PSP/PSPLIM = the callee's stack, CONTROL.nPRIV = 1, EXC_RETURN
 * = thread/PSP, extended (FP) frame on FPU builds so s0-s15 carry float
 * arguments. The caller's frame, EXC_RETURN, CONTROL, PSP(LIM) and
 * callee-saved registers are kept in `chain` (privileged RAM) and put back
 * when the callee returns (svc #1) or is aborted after a fault (svc #6).
 * Lazy FP stacking is turned off (FPCCR.LSPEN = 0) so a stacked extended
 * frame always holds the caller's s0-s15.
 *
 * A domain may be on the chain more than once when a gate flagged
 * SYNTH_RT_GATE_REENTER enters it again (a fused module's adapter calling
 * back into its caller's allocator): the new activation
 * starts right below the frame its suspended one left on its stack, and a
 * fault aborts only the innermost one there; an outer activation of a
 * stopped domain is aborted when control would return into it. A gate into
 * the domain that is running already (a shared function's call into its
 * caller's component) is a plain call: the SVC returns into the callee.
 */
#include <string.h>

#include "rt_internal.h"

#define MPU_TYPE  RT_REG(0xE000ED90u)
#define MPU_CTRL  RT_REG(0xE000ED94u)
#define MPU_RNR   RT_REG(0xE000ED98u)
#define MPU_RBAR  RT_REG(0xE000ED9Cu)
#define MPU_RASR  RT_REG(0xE000EDA0u) /* RLAR on PMSAv8 */
#define MPU_MAIR0 RT_REG(0xE000EDC0u)
#define MPU_MAIR1 RT_REG(0xE000EDC4u)
#define FPCCR     RT_REG(0xE000EF34u)

#define MPU_CTRL_ON 5u /* ENABLE | PRIVDEFENA */
#define V8_MAIR0    0x00AA04FFu /* attr 0 RAM write-back, 1 device, 2 write-through (the planner's) */

#define CFSR_MMARVALID  (1u << 7)
#define CFSR_BFARVALID  (1u << 15)
#define CFSR_UNDEFINSTR (1u << 16)
#define CFSR_DIVBYZERO  (1u << 25)
#define CFSR_STKOF      (1u << 20)
#define CFSR_NOFRAME    ((1u << 4) | (1u << 12) | (1u << 20))

#define EXC_THREAD  (1u << 3)
#define EXC_PSP     (1u << 2)
#define EXC_STDFRAME (1u << 4)

#if defined(__ARM_FP)
#define NFPW 16u /* d8-d15 as words */
#define ENTRY_FRAME_WORDS 26u
#else
#define NFPW 0u
#define ENTRY_FRAME_WORDS 8u
#endif
#define MAX_STACK_ARGS 16u

extern const char __synth_vectors[];
extern char __synth_data_start[], __synth_data_end[], __synth_data_load[];
extern char __synth_heap_end[];
void synth_rt_domain_return_stub_(void);
void synth_rt_domain_abort_stub_(void);
uint32_t synth_rt_svc_dispatch_(uint32_t *frame, uint32_t exc_return, uint32_t *regs);
void synth_rt_words_copy_(uint32_t *dst, const uint32_t *src, uint32_t words); /* words % 4 == 0 */
void synth_rt_words_zero_(uint32_t *dst, uint32_t words);

/* One active call: who called whom, and the caller's context to restore. */
typedef struct Ctx {
	SynthRtDomain *callee;
	SynthRtDomain *caller; /* NULL: the runtime (privileged thread) */
	SynthRtArgs *args;     /* the runtime caller's arguments and results */
	uint32_t *caller_frame;
	uint32_t caller_exc_return;
	uint32_t caller_control;
	uint32_t caller_psp;
	uint32_t caller_psplim;
	uint32_t top;             /* where the callee's activation began on its stack */
	uint32_t saved[NFPW + 8]; /* d8-d15 then r4-r11, as gate.S lays them out */
} Ctx;

static Ctx chain[SYNTH_RT_MAX_NEST];
static unsigned depth;
static SynthRtDomain *domains[SYNTH_RT_MAX_DOMAINS];
static int gate_status[SYNTH_RT_MAX_DOMAINS];
static unsigned ndomains;
static const SynthRtGate *gates;
static unsigned ngates;
static const SynthRtDomain *loaded;
static unsigned loaded_n;
static uint32_t code_lo, code_hi; /* slot 0: [code_lo, code_hi) */
int synth_rt_domain_verbose = 1;
#if defined(__ARM_FP)
/* gate.S loads s0/s1 from here when the first word is nonzero. */
volatile uint32_t synth_rt_svc_fpret_[3];
#endif

/* --- region decoding ------------------------------------------------------ */

typedef struct Range {
	uint32_t lo;
	uint64_t hi;
	uint32_t access; /* SYNTH_RT_ACCESS_* for unprivileged code */
	uint8_t srd;
} Range;

static int decode(const SynthRtMpuRegion *r, Range *out)
{
#if defined(SYNTH_RT_MPU_PMSAV7)
	uint32_t sf = (r->rasr >> 1) & 0x1fu, ap = (r->rasr >> 24) & 7u;
	uint64_t size;

	if (!(r->rasr & 1u) || sf < 4)
		return 0;
	size = 1ull << (sf + 1);
	out->lo = r->rbar & ~0x1fu;
	if (out->lo & (size - 1))
		return -1; /* the MPU would truncate the base */
	out->hi = out->lo + size;
	out->srd = size >= 256 ? (uint8_t)(r->rasr >> 8) : 0;
	out->access = ap == 3 ? SYNTH_RT_ACCESS_R | SYNTH_RT_ACCESS_W
	            : (ap == 2 || ap == 6 || ap == 7) ? SYNTH_RT_ACCESS_R : 0;
	if (out->access && !(r->rasr >> 28 & 1u))
		out->access |= SYNTH_RT_ACCESS_X;
#else
	uint32_t ap = (r->rbar >> 1) & 3u;

	if (!(r->rasr & 1u))
		return 0;
	out->lo = r->rbar & ~31u;
	out->hi = (uint64_t)(r->rasr & ~31u) + 32u;
	if (out->hi <= out->lo)
		return -1;
	out->srd = 0;
	out->access = ap == 1 ? SYNTH_RT_ACCESS_R | SYNTH_RT_ACCESS_W : ap == 3 ? SYNTH_RT_ACCESS_R : 0;
	if (out->access && !(r->rbar & 1u))
		out->access |= SYNTH_RT_ACCESS_X;
#endif
	return 1;
}

/* Does range g grant address a (subregions considered)? */
static int covers(const Range *g, uint32_t a)
{
	if (a < g->lo || a >= g->hi)
		return 0;
	if (g->srd) {
		uint64_t sub = (g->hi - g->lo) / 8;
		if (g->srd >> ((a - g->lo) / sub) & 1u)
			return 0;
	}
	return 1;
}

/* The next address after a where g's coverage may change. */
static uint64_t next_edge(const Range *g, uint32_t a)
{
	if (a < g->lo)
		return g->lo;
	if (a >= g->hi)
		return UINT64_MAX;
	if (g->srd) {
		uint64_t sub = (g->hi - g->lo) / 8;
		return g->lo + ((a - g->lo) / sub + 1) * sub;
	}
	return g->hi;
}

static void code_range(Range *g)
{
	g->lo = code_lo;
	g->hi = code_hi;
	g->srd = 0;
	g->access = SYNTH_RT_ACCESS_R | SYNTH_RT_ACCESS_X;
}

/* Can unprivileged code running in d access all of [addr, addr + n) with
 * `need`? Walks the range piece by piece the way the MPU decides (PMSAv7:
 * the highest slot wins; PMSAv8: a domain's regions never overlap). */
static int range_ok(const SynthRtDomain *d, uint32_t addr, uint32_t n, uint32_t need)
{
	uint64_t cur = addr, end = (uint64_t)addr + n;

	/* Fast path: the highest region touching the range holds all of it. */
	for (int i = (int)d->nregions - 1; i >= 0; i--) {
		Range g;
		if (decode(&d->region[i], &g) <= 0 || g.hi <= cur || end <= g.lo)
			continue;
		if (!g.srd && g.lo <= cur && end <= g.hi)
			return (g.access & need) == need;
		break; /* partly covered or subregions: walk it */
	}
	while (cur < end) {
		uint64_t next = end;
		uint32_t acc = 0;
		int hit = 0;
		for (int i = (int)d->nregions - 1; i >= -1; i--) {
			Range g;
			uint64_t e;
			if (i >= 0) {
				if (decode(&d->region[i], &g) <= 0)
					continue;
			} else {
				code_range(&g);
			}
			if (!hit && covers(&g, (uint32_t)cur))
				hit = 1, acc = g.access;
			e = next_edge(&g, (uint32_t)cur);
			if (e < next)
				next = e;
		}
		if (!hit || (acc & need) != need)
			return 0;
		cur = next;
	}
	return 1;
}

/* The slot (1..) of d's region that holds a, or -1. */
static int region_of(const SynthRtDomain *d, uint32_t a)
{
	for (int i = (int)d->nregions - 1; i >= 0; i--) {
		Range g;
		if (decode(&d->region[i], &g) > 0 && covers(&g, a))
			return i + 1;
	}
	return -1;
}

/* --- MPU ------------------------------------------------------------------ */

static void mpu_write(unsigned slot, uint32_t rbar, uint32_t rasr)
{
#if defined(SYNTH_RT_MPU_PMSAV7)
	MPU_RBAR = (rbar & ~0x1fu) | (1u << 4) | slot; /* VALID: selects the slot */
	MPU_RASR = rasr;
#else
	MPU_RNR = slot;
	MPU_RBAR = rbar;
	MPU_RASR = rasr;
#endif
}

void synth_rt_domain_load(const SynthRtDomain *d)
{
	unsigned n = d->nregions > loaded_n ? d->nregions : loaded_n;

	__asm__ volatile("dmb" ::: "memory");
	MPU_CTRL = 0; /* no half-written region pair is ever live */
#if defined(SYNTH_RT_MPU_PMSAV8)
	MPU_MAIR0 = d->mair0;
	MPU_MAIR1 = d->mair1;
#endif
	for (unsigned i = 0; i < n; i++) {
		if (i < d->nregions)
			mpu_write(i + 1, d->region[i].rbar, d->region[i].rasr);
		else
			mpu_write(i + 1, 0, 0);
	}
	MPU_CTRL = MPU_CTRL_ON;
	__asm__ volatile("dsb\n\tisb" ::: "memory");
	loaded = d;
	loaded_n = d->nregions;
}

static void mpu_start(void)
{
	uint32_t end = (uint32_t)(uintptr_t)__synth_data_load +
	               (uint32_t)(__synth_data_end - __synth_data_start);
	SynthRtMpuRegion r;

	code_lo = (uint32_t)(uintptr_t)__synth_vectors;
#if defined(SYNTH_RT_MPU_PMSAV7)
	{
		uint64_t size = 32;
		while (size < (uint64_t)end - code_lo || (code_lo & (size - 1)))
			size <<= 1;
		code_hi = (uint32_t)(code_lo + size);
	}
#else
	code_hi = (end + 31u) & ~31u;
#endif
	r = synth_rt_mpu_region(code_lo, code_hi - code_lo, SYNTH_RT_ACCESS_R | SYNTH_RT_ACCESS_X);
	MPU_CTRL = 0;
#if defined(SYNTH_RT_MPU_PMSAV8)
	MPU_MAIR0 = V8_MAIR0;
	MPU_MAIR1 = 0;
#endif
	mpu_write(0, r.rbar, r.rasr);
	for (unsigned i = 1; i < SYNTH_RT_MPU_SLOTS; i++)
		mpu_write(i, 0, 0);
#if defined(__ARM_FP)
	FPCCR = (FPCCR | (1u << 31)) & ~(1u << 30); /* ASPEN, no lazy stacking */
#endif
	MPU_CTRL = MPU_CTRL_ON;
	__asm__ volatile("dsb\n\tisb" ::: "memory");
}

SynthRtMpuRegion synth_rt_mpu_region(uintptr_t base, uint32_t size, uint32_t access)
{
	SynthRtMpuRegion r = {0, 0};
	int w = !!(access & SYNTH_RT_ACCESS_W), x = !!(access & SYNTH_RT_ACCESS_X);
	int dev = !!(access & SYNTH_RT_ACCESS_DEVICE);
#if defined(SYNTH_RT_MPU_PMSAV7)
	uint32_t lg = 0, tex = 0, s = 0, c = 0, b = 0;

	if (size < 32 || (size & (size - 1)) || (base & (size - 1)))
		return r;
	while ((1ull << lg) < size)
		lg++;
	if (dev)
		b = 1, s = 1;
	else if (x)
		c = 1;
	else
		tex = 1, c = 1, b = 1;
	r.rbar = (uint32_t)base;
	r.rasr = (uint32_t)!x << 28 | (w ? 3u : 6u) << 24 | tex << 19 | s << 18 | c << 17 | b << 16 |
	         (lg - 1) << 1 | 1u;
#else
	if (size < 32 || (size & 31u) || (base & 31u))
		return r;
	r.rbar = (uint32_t)base | (w ? 1u : 3u) << 1 | (uint32_t)!x;
	r.rasr = (((uint32_t)base + size - 32u) & ~31u) | (dev ? 1u : x ? 2u : 0u) << 1 | 1u;
#endif
	return r;
}

void synth_rt_domain_set_mair(SynthRtDomain *d, uint32_t mair0, uint32_t mair1)
{
	d->mair0 = mair0;
	d->mair1 = mair1;
	if (loaded == d)
		loaded = NULL;
}

int synth_rt_domain_init(SynthRtDomain *d, const char *name, const SynthRtMpuRegion *regions, unsigned n,
                         uintptr_t stack_base, uint32_t stack_size)
{
	unsigned k = 0;

	if (!d || ndomains >= SYNTH_RT_MAX_DOMAINS || stack_size < 4 * ENTRY_FRAME_WORDS + 64 ||
	    ((stack_base + stack_size) & 7u) || (n && !regions))
		return SYNTH_RT_DOMAIN_EINVAL;
	if (((MPU_TYPE >> 8) & 0xffu) < SYNTH_RT_MPU_SLOTS)
		return SYNTH_RT_DOMAIN_EINVAL; /* the board has fewer regions than built for */
	if (!code_hi)
		mpu_start();
	memset(d, 0, sizeof *d);
	d->name = name ? name : "?";
	d->mair0 = V8_MAIR0;
	for (unsigned i = 0; i < n; i++) {
		Range g, c;
		int st = decode(&regions[i], &g);
		if (st < 0)
			return SYNTH_RT_DOMAIN_EINVAL;
		if (st == 0)
			continue; /* disabled */
		code_range(&c);
		if (g.lo < c.hi && c.lo < g.hi) {
			if (g.access & SYNTH_RT_ACCESS_W)
				return SYNTH_RT_DOMAIN_EINVAL; /* writable code */
			continue;                          /* slot 0 grants the code image */
		}
		if (k == SYNTH_RT_DOMAIN_MAX_REGIONS)
			return SYNTH_RT_DOMAIN_EINVAL;
#if defined(SYNTH_RT_MPU_PMSAV8)
		for (unsigned j = 0; j < k; j++) {
			Range h = {0, 0, 0, 0};
			decode(&d->region[j], &h);
			if (g.lo < h.hi && h.lo < g.hi)
				return SYNTH_RT_DOMAIN_EINVAL; /* an access there would fault */
		}
#endif
#if defined(SYNTH_RT_MPU_PMSAV7)
		d->region[k].rbar = regions[i].rbar & ~0x1fu; /* VALID and REGION: we pick slots */
#else
		d->region[k].rbar = regions[i].rbar;
#endif
		d->region[k].rasr = regions[i].rasr;
		k++;
	}
	d->nregions = k;
	d->stack_base = stack_base;
	d->stack_size = stack_size;
	if (!range_ok(d, (uint32_t)stack_base, stack_size, SYNTH_RT_ACCESS_R | SYNTH_RT_ACCESS_W)) {
		d->nregions = 0;
		return SYNTH_RT_DOMAIN_EINVAL;
	}
	d->index = ndomains;
	d->state = SYNTH_RT_DOMAIN_READY;
	domains[ndomains++] = d;
	return 0;
}

static int registered(const SynthRtDomain *d);

int synth_rt_domain_stack_guard(SynthRtDomain *d, uint32_t size)
{
#if defined(SYNTH_RT_MPU_PMSAV7)
	uintptr_t base;
	uint32_t lg = 0;

	if (!registered(d) || size < 32 || (size & (size - 1)) || (d->stack_base & (size - 1)) ||
	    d->stack_base < size || d->nregions >= SYNTH_RT_DOMAIN_MAX_REGIONS)
		return SYNTH_RT_DOMAIN_EINVAL;
	while ((1ull << lg) < size)
		lg++;
	base = d->stack_base - size;
	/* The highest slot: it wins over whatever of d lies below the stack.
	 * XN, AP=001 (privileged read-write, unprivileged none), normal memory. */
	d->region[d->nregions].rbar = (uint32_t)base;
	d->region[d->nregions].rasr = 1u << 28 | 1u << 24 | 1u << 19 | 1u << 17 | 1u << 16 | (lg - 1) << 1 | 1u;
	d->nregions++;
	if (loaded == d)
		loaded = NULL;
	return 0;
#else
	(void)size;
	return registered(d) ? 0 : SYNTH_RT_DOMAIN_EINVAL; /* PSPLIM = the stack's base does it */
#endif
}

void synth_rt_gates_init(const SynthRtGate *g, unsigned n)
{
	gates = g;
	ngates = g ? n : 0;
}

SynthRtDomain *synth_rt_domain_current(void)
{
	return depth ? chain[depth - 1].callee : NULL;
}

static int registered(const SynthRtDomain *d)
{
	return d && d->index < ndomains && domains[d->index] == d;
}

/* --- switching ------------------------------------------------------------ */

static uint32_t get_control(void)
{
	uint32_t v;
	__asm__ volatile("mrs %0, control" : "=r"(v));
	return v;
}

static void set_npriv(uint32_t npriv)
{
	uint32_t v = (get_control() & ~1u) | (npriv & 1u);
	__asm__ volatile("msr control, %0\n\tisb" :: "r"(v) : "memory");
}

static uint32_t get_psp(void)
{
	uint32_t v;
	__asm__ volatile("mrs %0, psp" : "=r"(v));
	return v;
}

static uint32_t get_psplim(void)
{
#if defined(SYNTH_RT_MPU_PMSAV8)
	uint32_t v;
	__asm__ volatile("mrs %0, psplim" : "=r"(v));
	return v;
#else
	return 0;
#endif
}

static void set_psp(uint32_t psp, uint32_t lim)
{
#if defined(SYNTH_RT_MPU_PMSAV8)
	__asm__ volatile("msr psplim, %0\n\tmsr psp, %1\n\tmsr psplim, %2"
	                 :: "r"(0u), "r"(psp), "r"(lim) : "memory");
#else
	(void)lim;
	__asm__ volatile("msr psp, %0" :: "r"(psp) : "memory");
#endif
}

static unsigned frame_words(uint32_t exc_return)
{
	return (exc_return & EXC_STDFRAME) ? 8u : 26u;
}

/* Enters c->callee at fn: builds its frame, loads its domain. */
static uint32_t enter(Ctx *c, uint32_t fn, const uint32_t *r, const uint32_t *sargs, uint32_t nstack,
                      const uint32_t *s16, uint32_t exc, uint32_t *regs)
{
	SynthRtDomain *d = c->callee;
	uint32_t top = c->top;
	uint32_t sp = (top - 4u * nstack) & ~7u;
	uint32_t *f = (uint32_t *)(uintptr_t)(sp - 4u * ENTRY_FRAME_WORDS);

	for (uint32_t i = 0; i < nstack; i++)
		((uint32_t *)(uintptr_t)sp)[i] = sargs[i];
	synth_rt_words_copy_(f, r, 4);
	f[4] = 0;
	f[5] = (uint32_t)(uintptr_t)synth_rt_domain_return_stub_ | 1u;
	f[6] = fn & ~1u;
	f[7] = 1u << 24; /* Thumb */
#if defined(__ARM_FP)
	if (s16)
		synth_rt_words_copy_(f + 8, s16, 16);
	else
		synth_rt_words_zero_(f + 8, 16);
	f[24] = 0; /* FPSCR */
	f[25] = 0;
	exc &= ~EXC_STDFRAME;
#else
	(void)s16;
	exc |= EXC_STDFRAME;
#endif
	synth_rt_words_zero_(regs, NFPW + 8); /* nothing of the caller leaks into the callee */
	d->state = SYNTH_RT_DOMAIN_RUNNING;
	if (loaded != d)
		synth_rt_domain_load(d);
	set_psp((uint32_t)(uintptr_t)f, (uint32_t)d->stack_base);
	set_npriv(1);
	return exc | EXC_THREAD | EXC_PSP;
}

/* Where a new activation of d starts: the top of its stack, or right below
 * the frame of its innermost suspended activation (re-entry). */
static uint32_t activation_top(const SynthRtDomain *d)
{
	for (unsigned i = depth; i-- > 0;)
		if (chain[i].caller == d)
			return chain[i].caller_psp & ~7u;
	return (uint32_t)(d->stack_base + d->stack_size);
}

/* Is d on the chain (running or suspended)? */
static int on_chain(const SynthRtDomain *d)
{
	for (unsigned i = 0; i < depth; i++)
		if (chain[i].callee == d)
			return 1;
	return 0;
}

static void push_ctx(Ctx *c, SynthRtDomain *callee, SynthRtDomain *caller, SynthRtArgs *a, uint32_t *frame,
                     uint32_t exc, const uint32_t *regs)
{
	c->callee = callee;
	c->caller = caller;
	c->args = a;
	c->caller_frame = frame;
	c->caller_exc_return = exc;
	c->caller_control = get_control();
	c->caller_psp = get_psp();
	c->caller_psplim = get_psplim();
	synth_rt_words_copy_(c->saved, regs, NFPW + 8);
	c->top = activation_top(callee);
	depth++;
}

/* The callee on top of the chain is done (status 0: returned with frame cf). */
static uint32_t leave(int status, const uint32_t *cf, uint32_t cexc, uint32_t *regs)
{
	Ctx *c = &chain[--depth];
	SynthRtDomain *d = c->callee;
	uint32_t r0 = 0, r1 = 0, s0 = 0, s1 = 0;

	if (status == 0) {
		r0 = cf[0];
		r1 = cf[1];
		if (!(cexc & EXC_STDFRAME))
			s0 = cf[8], s1 = cf[9];
		if (d->state != SYNTH_RT_DOMAIN_STOPPED)
			d->state = on_chain(d) ? SYNTH_RT_DOMAIN_RUNNING : SYNTH_RT_DOMAIN_READY;
	} else {
		d->state = SYNTH_RT_DOMAIN_STOPPED;
	}
	if (!c->caller) {
		SynthRtArgs *a = c->args;
		if (a) {
			a->ret[0] = r0;
			a->ret[1] = r1;
#if defined(__ARM_FP)
			union { uint32_t u; float f; } v0 = {s0}, v1 = {s1};
			a->sret[0] = v0.f;
			a->sret[1] = v1.f;
#endif
		}
		c->caller_frame[0] = (uint32_t)status;
	} else {
		c->caller_frame[0] = r0;
		c->caller_frame[1] = r1;
		if (!(c->caller_exc_return & EXC_STDFRAME))
			c->caller_frame[8] = s0, c->caller_frame[9] = s1;
#if defined(__ARM_FP)
		synth_rt_svc_fpret_[1] = s0;
		synth_rt_svc_fpret_[2] = s1;
		synth_rt_svc_fpret_[0] = 1;
#endif
		gate_status[c->caller->index] = status;
		if (c->caller->state == SYNTH_RT_DOMAIN_STOPPED) {
			/* it faulted in an inner activation: this one leaves too */
			c->caller_frame[6] = (uint32_t)(uintptr_t)synth_rt_domain_abort_stub_ & ~1u;
			c->caller_frame[7] = (c->caller_frame[7] & (1u << 9)) | 1u << 24;
		} else {
			c->caller->state = SYNTH_RT_DOMAIN_RUNNING;
		}
		if (loaded != c->caller)
			synth_rt_domain_load(c->caller);
	}
	synth_rt_words_copy_(regs, c->saved, NFPW + 8);
	set_psp(c->caller_psp, c->caller_psplim);
	set_npriv(c->caller_control & 1u);
	return c->caller_exc_return;
}

static void print_domain(const SynthRtDomain *d)
{
	synth_rt_print("\"");
	synth_rt_print(d->name);
	synth_rt_print("\" (domain ");
	synth_rt_print_u32(d->index);
	synth_rt_print(")");
}

/* Whose is address a? Printed after "addr=0x...". */
static void print_owner(const SynthRtDomain *self, uint32_t a)
{
	int r = region_of(self, a);
	Range g;

	if (r >= 1 && decode(&self->region[r - 1], &g) > 0 && !g.access && g.hi == self->stack_base) {
		synth_rt_print(" in the guard below its stack");
		return;
	}
	if (r >= 0) {
		synth_rt_print(" in its region ");
		synth_rt_print_u32((uint32_t)r);
		return;
	}
	for (unsigned i = 0; i < ndomains; i++) {
		const SynthRtDomain *o = domains[i];
		if (o == self)
			continue;
		if (a >= o->stack_base && a - o->stack_base < o->stack_size) {
			synth_rt_print(" in the stack of ");
			print_domain(o);
			return;
		}
		r = region_of(o, a);
		if (r >= 0) {
			synth_rt_print(" in region ");
			synth_rt_print_u32((uint32_t)r);
			synth_rt_print(" of ");
			print_domain(o);
			return;
		}
	}
	if (a >= (uint32_t)(uintptr_t)__synth_stack_bottom && a < (uint32_t)(uintptr_t)__synth_stack_top)
		synth_rt_print(" in the runtime's main stack");
	else if (a >= (uint32_t)(uintptr_t)__synth_stack_bottom && a < (uint32_t)(uintptr_t)__synth_heap_end)
		synth_rt_print(" in the runtime's RAM");
	else if (a >= code_lo && a < code_hi)
		synth_rt_print(" in the shared code image");
	else
		synth_rt_print(" outside every region");
}

/* Checks and performs a gate copy for the callee on top of the chain. */
static int gate_copy(uint32_t dst, uint32_t src, uint32_t n, int in)
{
	Ctx *c = &chain[depth - 1];
	uint32_t caller_addr = in ? src : dst, callee_addr = in ? dst : src;
	int ok_callee = range_ok(c->callee, callee_addr, n, in ? SYNTH_RT_ACCESS_W : SYNTH_RT_ACCESS_R);
	int ok_caller;

	if (c->caller)
		ok_caller = range_ok(c->caller, caller_addr, n, in ? SYNTH_RT_ACCESS_R : SYNTH_RT_ACCESS_W);
	else
		ok_caller = c->args && c->args->lend_base && n <= c->args->lend_size &&
		            caller_addr >= (uint32_t)(uintptr_t)c->args->lend_base &&
		            caller_addr - (uint32_t)(uintptr_t)c->args->lend_base <= c->args->lend_size - n;
	if (!ok_callee || !ok_caller) {
		if (synth_rt_domain_verbose) {
			if (synth_rt_mid_line_())
				synth_rt_print_char('\n');
			synth_rt_print("domain: gate copy refused: ");
			print_domain(c->callee);
			synth_rt_print(in ? " copy_in dst=" : " copy_out dst=");
			synth_rt_print_hex32(dst);
			synth_rt_print(" src=");
			synth_rt_print_hex32(src);
			synth_rt_print(" n=");
			synth_rt_print_u32(n);
			synth_rt_print(": ");
			if (!ok_caller) {
				synth_rt_print(in ? "src" : "dst");
				synth_rt_print(" not in the caller's memory (");
				if (c->caller)
					print_domain(c->caller);
				else
					synth_rt_print("runtime: lent buffer");
				synth_rt_print(")");
				if (c->caller)
					print_owner(c->caller, caller_addr);
			} else {
				synth_rt_print(in ? "dst" : "src");
				synth_rt_print(" not in the callee's memory");
				print_owner(c->callee, callee_addr);
			}
			synth_rt_print_char('\n');
		}
		return SYNTH_RT_DOMAIN_EDENIED;
	}
	if (!((dst | src | n) & 15u) && (dst + n <= src || src + n <= dst))
		synth_rt_words_copy_((uint32_t *)(uintptr_t)dst, (const uint32_t *)(uintptr_t)src, n / 4);
	else
		memmove((void *)(uintptr_t)dst, (const void *)(uintptr_t)src, n);
	return 0;
}

uint32_t synth_rt_svc_dispatch_(uint32_t *frame, uint32_t exc, uint32_t *regs)
{
	uint32_t pc = frame[6];
	unsigned svc = *(const volatile uint16_t *)(uintptr_t)(pc - 2u) & 0xffu;
	int from_component = (exc & EXC_THREAD) && (exc & EXC_PSP) && depth > 0 && (get_control() & 1u);
	SynthRtDomain *cur = depth ? chain[depth - 1].callee : NULL;

	switch (svc) {
	case SYNTH_RT_SVC_CALL: {
		SynthRtDomain *d = (SynthRtDomain *)(uintptr_t)frame[0];
		SynthRtArgs *a = (SynthRtArgs *)(uintptr_t)frame[2];
		uint32_t fn = frame[1];
		static const uint32_t none[4];
		if (from_component || !(exc & EXC_THREAD) || (get_control() & 1u) || !registered(d) || !fn ||
		    (a && (a->nstack > MAX_STACK_ARGS || (a->nstack && !a->stack)))) {
			frame[0] = (uint32_t)SYNTH_RT_DOMAIN_EINVAL;
			return exc;
		}
		if (d->state == SYNTH_RT_DOMAIN_STOPPED) {
			frame[0] = (uint32_t)SYNTH_RT_DOMAIN_ESTOPPED;
			return exc;
		}
		if (d->state == SYNTH_RT_DOMAIN_RUNNING || depth == SYNTH_RT_MAX_NEST) {
			frame[0] = (uint32_t)SYNTH_RT_DOMAIN_EBUSY;
			return exc;
		}
		push_ctx(&chain[depth], d, NULL, a, frame, exc, regs);
#if defined(__ARM_FP)
		return enter(&chain[depth - 1], fn, a ? a->r : none, a ? a->stack : NULL, a ? a->nstack : 0,
		             a && (a->flags & SYNTH_RT_ARGS_FP) ? (const uint32_t *)(const void *)a->s : NULL, exc,
		             regs);
#else
		return enter(&chain[depth - 1], fn, a ? a->r : none, a ? a->stack : NULL, a ? a->nstack : 0, NULL,
		             exc, regs);
#endif
	}
	case SYNTH_RT_SVC_RETURN:
		if (!from_component)
			break;
		return leave(0, frame, exc, regs);
	case SYNTH_RT_SVC_ABORT:
		if (!from_component)
			break;
		return leave(SYNTH_RT_DOMAIN_EFAULT, NULL, exc, regs);
	case SYNTH_RT_SVC_GATE: {
		uint32_t id = frame[4];
		const SynthRtGate *g;
		SynthRtDomain *callee;
		uint32_t *sargs;
		int st = 0;
		if (!from_component)
			break;
		if (id >= ngates || !registered(gates[id].callee) || gates[id].nstack > MAX_STACK_ARGS) {
			st = SYNTH_RT_DOMAIN_EINVAL;
		} else {
			g = &gates[id];
			callee = g->callee;
			sargs = frame + frame_words(exc) + ((frame[7] >> 9) & 1u);
			if (callee == cur) {
				/* already in the callee's domain: return into the callee,
				 * with the stub's caller as its return address */
				gate_status[cur->index] = 0;
				frame[6] = (uint32_t)(uintptr_t)g->fn & ~1u;
				return exc;
			}
			uint32_t open = g->callers & ~(SYNTH_RT_GATE_REENTER | SYNTH_RT_GATE_LISTED);
			if ((open || (g->callers & SYNTH_RT_GATE_LISTED)) && !(open >> cur->index & 1u))
				st = SYNTH_RT_DOMAIN_EDENIED;
			else if (callee->state == SYNTH_RT_DOMAIN_STOPPED)
				st = SYNTH_RT_DOMAIN_ESTOPPED;
			else if (depth == SYNTH_RT_MAX_NEST ||
			         (callee->state == SYNTH_RT_DOMAIN_RUNNING && !(g->callers & SYNTH_RT_GATE_REENTER)) ||
			         activation_top(callee) < (uint32_t)callee->stack_base + 4u * (ENTRY_FRAME_WORDS + g->nstack) + 64u)
				st = SYNTH_RT_DOMAIN_EBUSY;
			else if (g->nstack && !range_ok(cur, (uint32_t)(uintptr_t)sargs, 4u * g->nstack, SYNTH_RT_ACCESS_R))
				st = SYNTH_RT_DOMAIN_EDENIED;
			if (!st) {
				/* cur stays RUNNING (on the chain); a call back into it
				 * re-enters it below its suspended frame */
				push_ctx(&chain[depth], callee, cur, NULL, frame, exc, regs);
				return enter(&chain[depth - 1], (uint32_t)(uintptr_t)g->fn, frame, sargs, g->nstack,
				             (exc & EXC_STDFRAME) ? NULL : frame + 8, exc, regs);
			}
		}
		gate_status[cur->index] = st;
		frame[0] = frame[1] = 0;
		return exc;
	}
	case SYNTH_RT_SVC_COPY_IN:
	case SYNTH_RT_SVC_COPY_OUT:
		if (!from_component)
			break;
		frame[0] = (uint32_t)gate_copy(frame[0], frame[1], frame[2], svc == SYNTH_RT_SVC_COPY_IN);
		return exc;
	case SYNTH_RT_SVC_STATUS:
		if (!from_component)
			break;
		frame[0] = (uint32_t)gate_status[cur->index];
		return exc;
	default:
		break;
	}
	frame[0] = (uint32_t)SYNTH_RT_DOMAIN_EINVAL;
	return exc;
}

int synth_rt_domain_call(SynthRtDomain *d, void *fn, SynthRtArgs *a)
{
	register uint32_t r0 __asm__("r0") = (uint32_t)(uintptr_t)d;
	register uint32_t r1 __asm__("r1") = (uint32_t)(uintptr_t)fn;
	register uint32_t r2 __asm__("r2") = (uint32_t)(uintptr_t)a;

	__asm__ volatile("svc #0" : "+r"(r0) : "r"(r1), "r"(r2) : "r3", "r12", "memory", "cc");
	return (int)r0;
}

int synth_rt_domain_call4(SynthRtDomain *d, void *fn, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3,
                          uint32_t *ret)
{
	SynthRtArgs a; /* s[] is not read without SYNTH_RT_ARGS_FP */
	int st;

	a.flags = 0;
	a.stack = NULL;
	a.nstack = 0;
	a.lend_base = NULL;
	a.lend_size = 0;
	a.r[0] = a0;
	a.r[1] = a1;
	a.r[2] = a2;
	a.r[3] = a3;
	st = synth_rt_domain_call(d, fn, &a);
	if (ret)
		*ret = a.ret[0];
	return st;
}

int synth_rt_domain_restart(SynthRtDomain *d)
{
	if (!registered(d) || d->state == SYNTH_RT_DOMAIN_RUNNING)
		return SYNTH_RT_DOMAIN_EINVAL;
	d->state = SYNTH_RT_DOMAIN_READY;
	if (!d->restart)
		return 0;
	return synth_rt_domain_call4(d, (void *)(uintptr_t)d->restart, 0, 0, 0, 0, NULL);
}

/* --- faults ----------------------------------------------------------------- */

__attribute__((weak)) int synth_rt_domain_fault_hook_next(SynthRtFault *f)
{
	(void)f;
	return 0;
}

static const char *fault_kind(uint32_t ipsr)
{
	switch (ipsr) {
	case 3: return "HardFault";
	case 4: return "MemManage";
	case 5: return "BusFault";
	case 6: return "UsageFault";
	default: return "SecureFault";
	}
}

/* A fault or trap taken from a component's thread: report it, mark the
 * component stopped and make it leave through synth_rt_domain_abort_stub_
 * on a fresh frame at the top of its stack (its own frame may be the very
 * thing that could not be stacked). The caller then gets EFAULT. */
int synth_rt_fault_hook(SynthRtFault *f)
{
	SynthRtDomain *d = depth ? chain[depth - 1].callee : NULL;
	SynthRtDomainFault *l;
	uint32_t words, *nf;

	if (!d || !(f->exc_return & EXC_THREAD) || !(f->exc_return & EXC_PSP) || f->ipsr < 3 || f->ipsr > 7)
		return synth_rt_domain_fault_hook_next(f);
	l = &d->last;
	l->kind = f->ipsr;
	l->cfsr = f->cfsr;
	l->trap = 0;
	l->addr = (f->cfsr & CFSR_MMARVALID) ? f->mmfar : (f->cfsr & CFSR_BFARVALID) ? f->bfar : 0;
	l->pc = (f->cfsr & CFSR_NOFRAME) ? 0 : f->frame[6];
	if ((f->cfsr & CFSR_UNDEFINSTR) && l->pc >= code_lo && l->pc + 2 <= code_hi) {
		uint16_t insn = *(const volatile uint16_t *)(uintptr_t)(l->pc & ~1u);
		if ((insn & 0xff00u) == 0xde00u && (insn & 0xffu) && (insn & 0xffu) < SYNTH_TRAP_COUNT_)
			l->trap = insn & 0xffu;
	} else if (f->cfsr & CFSR_DIVBYZERO) {
		l->trap = SYNTH_TRAP_INT_DIV_ZERO;
	} else if (f->ipsr == 6 && (f->cfsr & CFSR_STKOF)) {
		/* PSPLIM (ARMv8-M): the component's stack is exhausted. Its code
		 * has no prologue check (--stack-check=hardware or none), so this
		 * is the trap the software check would raise. */
		l->trap = SYNTH_TRAP_CALL_STACK_EXHAUSTED;
	} else if (f->ipsr == 4 && l->pc) {
		/* `bl synth_rt_trap` in a component: its first access to the
		 * runtime's RAM faults within a few instructions, r0 (the trap
		 * code) still untouched. Only the report depends on this. */
		uint32_t tp = (uint32_t)(uintptr_t)synth_rt_trap & ~1u;
		if (l->pc >= tp && l->pc < tp + 12u && f->frame[0] > 0 && f->frame[0] < SYNTH_TRAP_COUNT_)
			l->trap = f->frame[0];
	}
	l->region = l->addr ? region_of(d, l->addr) : -1;
	d->faults++;
	d->state = SYNTH_RT_DOMAIN_STOPPED;
	if (synth_rt_domain_verbose) {
		if (synth_rt_mid_line_())
			synth_rt_print_char('\n');
		synth_rt_print(l->trap ? "domain: trap in " : "domain: fault in ");
		print_domain(d);
		synth_rt_print(": ");
		if (l->trap) {
			synth_rt_print(synth_rt_trap_message((int)l->trap));
		} else {
			synth_rt_print(fault_kind(f->ipsr));
			synth_rt_print(" cfsr=");
			synth_rt_print_hex32(f->cfsr);
		}
		if (l->addr) {
			synth_rt_print(" addr=");
			synth_rt_print_hex32(l->addr);
			print_owner(d, l->addr);
		}
		synth_rt_print(" pc=");
		if (l->pc)
			synth_rt_print_hex32(l->pc);
		else
			synth_rt_print("unknown");
		synth_rt_print("; stopped\n");
	}
	SCB_CFSR = f->cfsr; /* write-one-to-clear */
	SCB_HFSR = f->hfsr;
	words = frame_words(f->exc_return);
	nf = (uint32_t *)(uintptr_t)((chain[depth - 1].top & ~7u) - 4u * words);
	for (uint32_t i = 0; i < words; i++)
		nf[i] = 0;
	nf[6] = (uint32_t)(uintptr_t)synth_rt_domain_abort_stub_ & ~1u;
	nf[7] = 1u << 24;
	set_psp((uint32_t)(uintptr_t)nf, (uint32_t)d->stack_base);
	return 1;
}
