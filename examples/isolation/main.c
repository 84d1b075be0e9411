/* main.c - the isolation demo's firmware: three components compiled from C
 * to wasm (clang) and to Thumb-2 (synth), each an unprivileged protection
 * domain of the committed layout, wired by the glue `synth glue` generates
 * (synth_glue.c: domains from the layout's MPU table rows, one gate per
 * cross-component import, the explicit copies).
 *
 * It prints where every memory, state section and stack landed, runs the
 * sensor -> telemetry pipeline (domain switches through gates, 64-byte
 * copies both ways), then lets "hostile" attack: every attack prints
 * "ok: attack NAME: ..." when it was blocked AND the victim's memory and state
 * are unchanged AND the victims still produce the results a C reference
 * computes, or "FAIL: attack NAME: ...", and at the end "isolation: all
 * attacks blocked" or "isolation: FAILED". The exit status is 0 unless the
 * set-up failed (so that each attack's CTest case reads its own line). Every address comes from the layout (synth_layout.h) or from
 * the modules' symbols; none is written here.
 */
#include <stdint.h>
#include <string.h>

#include "hostile.h"
#include "sensor.h"
#include "synth_glue.h"
#include "synth_layout.h"
#include "synth_rt.h"
#include "telemetry.h"

#define SENSOR (&synth_glue_domains[SYNTH_GLUE_sensor])
#define TELEMETRY (&synth_glue_domains[SYNTH_GLUE_telemetry])
#define HOSTILE (&synth_glue_domains[SYNTH_GLUE_hostile])
#define COMP(name) (&synth_glue_components[SYNTH_GLUE_##name])

static int failures;

static void line(const char *a, const char *b)
{
	synth_rt_print(a);
	synth_rt_print(b);
	synth_rt_print_char('\n');
}

static void check(int ok, const char *what)
{
	line(ok ? "ok: " : "FAIL: ", what);
	failures += !ok;
}

/* Calls fn(a0, a1) in domain d; returns r0, or the status when not 0 with
 * *st set. */
static int32_t call(SynthRtDomain *d, void *fn, uint32_t a0, uint32_t a1, int *st)
{
	uint32_t r = 0;
	int s = synth_rt_domain_call4(d, fn, a0, a1, 0, 0, &r);
	if (st)
		*st = s;
	return s ? s : (int32_t)r;
}

/* --- references: what the components must compute ------------------------- */
static int32_t ref_window[16];
static uint32_t ref_count, ref_frames;

static int32_t ref_feed(int32_t x)
{
	ref_window[ref_count % 16] = x;
	ref_count++;
	uint32_t n = ref_count < 16 ? ref_count : 16;
	int32_t s = 0;
	for (uint32_t i = 0; i < n; i++)
		s += ref_window[i];
	return s / (int32_t)n;
}

static int32_t ref_frame(void)
{
	uint8_t f[4 + 64];
	uint32_t h = 2166136261u;
	f[0] = (uint8_t)ref_frames;
	f[1] = (uint8_t)(ref_frames >> 8);
	f[2] = 64;
	f[3] = 0x5a;
	memcpy(f + 4, ref_window, 64);
	for (uint32_t i = 0; i < sizeof f; i++)
		h = (h ^ f[i]) * 16777619u;
	ref_frames++;
	return (int32_t)(h & 0x7fffffffu);
}

/* One round of the pipeline: feed samples, publish (sensor -> gate ->
 * telemetry.send, copy in) and pull (telemetry -> gate -> sensor.window_out,
 * copy out). Returns 1 when every result equals the reference. */
static int pipeline(int rounds, int verbose)
{
	int good = 1, st;
	for (int r = 0; r < rounds; r++) {
		int32_t mean = 0;
		for (int i = 0; i < 5; i++) {
			int32_t x = (int32_t)(ref_count * 37u % 101u) - 50;
			mean = call(SENSOR, (void *)sensor_feed, (uint32_t)x, 0, &st);
			good &= mean == ref_feed(x) && !st;
		}
		int32_t p = call(SENSOR, (void *)sensor_publish, 0, 0, &st);
		good &= p == ref_frame() && !st;
		int32_t q = call(TELEMETRY, (void *)telemetry_pull, 0, 0, &st);
		good &= q == ref_frame() && !st;
		if (verbose && r == 0) {
			synth_rt_print("switch: runtime -> sensor.feed x5 -> runtime (mean ");
			synth_rt_print_i32(mean);
			synth_rt_print(")\nswitch: runtime -> sensor.publish -> gate -> telemetry.send (copy_in 64 bytes from sensor) "
			               "-> sensor -> runtime: frame ");
			synth_rt_print_hex32((uint32_t)p);
			synth_rt_print("\nswitch: runtime -> telemetry.pull -> gate -> sensor.window_out (copy_out 64 bytes to "
			               "telemetry) -> telemetry -> runtime: frame ");
			synth_rt_print_hex32((uint32_t)q);
			synth_rt_print_char('\n');
		}
	}
	good &= call(TELEMETRY, (void *)telemetry_frames, 0, 0, 0) == (int32_t)ref_frames;
	good &= call(SENSOR, (void *)sensor_count, 0, 0, 0) == (int32_t)ref_count;
	return good;
}

/* --- snapshots of everything the victims own --------------------------- */
#define SNAP_MEM 65536u /* the whole memory of each victim */
static uint8_t snap_mem[2][SNAP_MEM], snap_state[2][256], snap_stack[2][256];

static uint32_t mem_bytes(const SynthGlueComponent *c)
{
	return c->mem_size < SNAP_MEM ? c->mem_size : SNAP_MEM;
}

static void take(int k, const SynthGlueComponent *c)
{
	memcpy(snap_mem[k], c->mem, mem_bytes(c));
	memcpy(snap_state[k], c->state, c->state_size < 256 ? c->state_size : 256);
	memcpy(snap_stack[k], (const uint8_t *)(c->stack + c->stack_size - 256), 256);
}

/* Memory and state as taken (a victim that ran meanwhile used its stack). */
static int same_data(int k, const SynthGlueComponent *c)
{
	return !memcmp(snap_mem[k], c->mem, mem_bytes(c)) &&
	       !memcmp(snap_state[k], c->state, c->state_size < 256 ? c->state_size : 256);
}

static int same(int k, const SynthGlueComponent *c)
{
	return same_data(k, c) && !memcmp(snap_stack[k], (const uint8_t *)(c->stack + c->stack_size - 256), 256);
}

static uint32_t runtime_canary = 0x5ec12e75u;

/* SysTick (SYST_CSR, RVR, CVR: an architectural address of every M profile). */
#define SYST ((volatile uint32_t *)0xE000E010u)
static volatile uint32_t ticks, ticks_in_domain;

void SysTick_Handler(void)
{
	ticks++; /* the runtime's RAM: the handler runs privileged */
	if (synth_rt_domain_current())
		ticks_in_domain++;
}

/* Native code that a component's domain runs: writes addr. */
static uint32_t native_poke(uint32_t addr, uint32_t val)
{
	*(volatile uint32_t *)(uintptr_t)addr = val;
	return 0x600d;
}

/* Native code in hostile's domain that calls a gate opened to sensor only
 * (sensor -> telemetry.send) with a source in sensor's memory. Returns
 * r0 * 1000 + the gate status. */
static int32_t native_foreign_gate(uint32_t src)
{
	register uint32_t r0 __asm__("r0") = src;
	register uint32_t r1 __asm__("r1") = 64;
	__asm__ volatile("movw ip, %2\n\tsvc #2"
	                 : "+r"(r0), "+r"(r1)
	                 : "i"(SYNTH_GLUE_GATE_sensor__telemetry_send)
	                 : "r2", "r3", "ip", "lr", "memory");
	return (int32_t)r0 * 1000 + synth_rt_gate_status();
}

/* hostile.poke at the offset that reaches `target` from its memory's base:
 * it is compiled with --bounds=none, so base + offset is the address. */
static int32_t poke_at(uintptr_t target, uint32_t val, int *st)
{
	uint32_t off = (uint32_t)(target - (uintptr_t)COMP(hostile)->mem);
	return call(HOSTILE, (void *)hostile_poke, off, val, st);
}

/* Runs one attack whose write must not land: the call must fault (hostile
 * stopped, EFAULT), the target word unchanged, both victims unchanged, and
 * the pipeline's results still right afterwards. Restarts hostile. */
static void attack(const char *name, uintptr_t target, int native)
{
	int st;
	uint32_t before = *(volatile uint32_t *)target;
	take(0, COMP(sensor));
	take(1, COMP(telemetry));
	uint32_t canary = runtime_canary;
	int32_t r = native ? call(HOSTILE, (void *)native_poke, (uint32_t)target, 0xbad0bad0u, &st)
	                   : poke_at(target, 0xbad0bad0u, &st);
	int landed = *(volatile uint32_t *)target != before;
	int intact = same(0, COMP(sensor)) && same(1, COMP(telemetry)) && canary == runtime_canary;
	int stopped = st == SYNTH_RT_DOMAIN_EFAULT && HOSTILE->state == SYNTH_RT_DOMAIN_STOPPED;
	int works = pipeline(1, 0);
	synth_rt_print(!landed && intact && stopped && works ? "ok: attack " : "FAIL: attack ");
	synth_rt_print(name);
	synth_rt_print(": write to ");
	synth_rt_print_hex32((uint32_t)target);
	synth_rt_print(landed ? " LANDED" : " blocked");
	synth_rt_print(stopped ? ", hostile stopped" : ", hostile NOT stopped (r=");
	if (!stopped) {
		synth_rt_print_i32(r);
		synth_rt_print(")");
	}
	synth_rt_print(intact ? ", victims unchanged" : ", victims CHANGED");
	synth_rt_print(works ? ", sensor and telemetry still right\n" : ", sensor/telemetry results WRONG\n");
	failures += landed || !intact || !stopped || !works;
	synth_rt_domain_restart(HOSTILE);
}

static void placement(void)
{
	synth_rt_print("placement (layout " SYNTH_LAYOUT_TARGET ", model ");
#if defined(SYNTH_LAYOUT_MODEL_A)
	synth_rt_print("A):\n");
#else
	synth_rt_print("B):\n");
#endif
	for (unsigned i = 0; i < SYNTH_GLUE_N; i++) {
		const SynthGlueComponent *c = &synth_glue_components[i];
		const SynthRtDomain *d = &synth_glue_domains[i];
		synth_rt_print("  domain ");
		synth_rt_print_u32(d->index);
		synth_rt_print(" ");
		synth_rt_print(c->name);
		synth_rt_print(": memory 0 ");
		synth_rt_print_hex32((uint32_t)(uintptr_t)c->mem);
		synth_rt_print(" +");
		synth_rt_print_u32(c->mem_size);
		synth_rt_print(", state ");
		synth_rt_print_hex32((uint32_t)(uintptr_t)c->state);
		synth_rt_print(" +");
		synth_rt_print_u32(c->state_size);
		synth_rt_print(", stack ");
		synth_rt_print_hex32((uint32_t)c->stack);
		synth_rt_print(" +");
		synth_rt_print_u32(c->stack_size);
		synth_rt_print(", ");
		synth_rt_print_u32(d->nregions);
		synth_rt_print(" MPU regions besides the shared code image\n");
	}
}

static uint32_t insns(SynthRtDomain *d, void *fn)
{
	uint32_t r, t0 = synth_rt_counter_ticks();
	synth_rt_domain_call4(d, fn, 0, 0, 0, 0, &r);
	uint32_t t1 = synth_rt_counter_ticks();
	return synth_rt_ticks_to_insns(t1 - t0) - 6; /* the two timer reads */
}

static void bench(void)
{
	synth_rt_counter_start();
	(void)insns(SENSOR, (void *)sensor_count); /* warm: regions loaded as below */
	uint32_t base = insns(SENSOR, (void *)sensor_count);
	uint32_t cross = insns(SENSOR, (void *)sensor_cross);
	uint32_t copy = insns(SENSOR, (void *)sensor_cross_copy);
	synth_rt_print("bench: runtime -> sensor.count -> runtime: ");
	synth_rt_print_u32(base);
	synth_rt_print(" instructions\nbench: sensor -> gate -> telemetry.frames -> sensor (wasm call, no copy): ");
	synth_rt_print_u32(cross - base);
	synth_rt_print(" instructions\nbench: sensor -> gate -> telemetry.sink, 64-byte copy_in -> sensor: ");
	synth_rt_print_u32(copy - base);
	synth_rt_print(" instructions\n");
}

int main(void)
{
	int st = synth_glue_init();
	check(st == 0, "domains registered from the layout's MPU table rows, gates installed");
	st = synth_glue_start();
	check(st == 0, "each component's M__init ran in its own domain");
	if (failures)
		return failures;
	placement();
	synth_rt_domain_verbose = 1;
	check(pipeline(1, 1), "pipeline: sensor and telemetry results equal the C reference");
	check(pipeline(3, 0), "pipeline: three more rounds");
	check(call(HOSTILE, (void *)hostile_ping, 0, 0, 0) == 1, "hostile.ping answers");
	bench();

	const SynthGlueComponent *sen = COMP(sensor), *tel = COMP(telemetry);
	/* --bounds=none: past the end of its memory, into the others' memories */
	attack("oob-memory-sensor", (uintptr_t)sen->mem + 16, 0);
	attack("oob-memory-telemetry", (uintptr_t)tel->mem + tel->mem_size - 4, 0);
	/* another component's state: memory base and size, globals, tables */
	attack("state-memory-base", (uintptr_t)&sensor__memctl0.base, 0);
	attack("state-memory-size", (uintptr_t)&sensor__memctl0.bytes, 0);
	attack("state-global", (uintptr_t)&telemetry__global0, 0);
	attack("state-table", (uintptr_t)&sensor__tablectl0.elems[1], 0);
	/* the runtime's state, and stacks */
	attack("runtime-domain", (uintptr_t)&SENSOR->state, 0);
	attack("runtime-data", (uintptr_t)&runtime_canary, 0);
	attack("stack-sensor", sen->stack + sen->stack_size - 16, 0);
	attack("stack-runtime", (uintptr_t)&st, 0);
	/* native C code running in hostile's domain */
	attack("native-memory", (uintptr_t)tel->mem + 256, 1);
	attack("native-state", (uintptr_t)&sensor__memctl0.base, 1);

	/* a forged pointer through a cross-component call: hostile hands sensor
	 * telemetry's memory as "my buffer" (sensor writes it: copy_out), and
	 * telemetry sensor's memory as "my data" (telemetry reads it: copy_in) */
	take(0, sen);
	take(1, tel);
	int32_t r1 = call(HOSTILE, (void *)hostile_forge_out, (uint32_t)(uintptr_t)tel->mem + 128, 0, &st);
	int32_t r2 = call(HOSTILE, (void *)hostile_forge_in, (uint32_t)(uintptr_t)sen->mem, 0, 0);
	int ok = r1 == SYNTH_RT_DOMAIN_EDENIED && r2 == SYNTH_RT_DOMAIN_EDENIED && same_data(0, sen) && same_data(1, tel) &&
	         HOSTILE->state != SYNTH_RT_DOMAIN_STOPPED && pipeline(1, 0);
	check(ok, "attack forged-pointer: sensor's copy_out to and telemetry's copy_in from a forged address refused "
	          "(EDENIED), victims unchanged, results right");

	/* a gate that is not hostile's: the runtime opens each gate to its
	 * importer only */
	take(1, tel);
	int32_t fr = call(TELEMETRY, (void *)telemetry_frames, 0, 0, 0);
	int32_t g = call(HOSTILE, (void *)native_foreign_gate, (uint32_t)(uintptr_t)sen->mem, 0, &st);
	check(st == 0 && g == SYNTH_RT_DOMAIN_EDENIED && same_data(1, tel) &&
	          call(TELEMETRY, (void *)telemetry_frames, 0, 0, 0) == fr && pipeline(1, 0),
	      "attack foreign-gate: hostile's native code calling sensor's gate into telemetry.send refused "
	      "(EDENIED), telemetry unchanged");

	/* a runaway recursion, compiled with --stack-check=none: the hardware
	 * stops it at the stack's base (PSPLIM on the an505; on PMSAv7 the
	 * guard region synth_glue_init puts below each stack: without it the
	 * shared "runtime" region, which lies right below hostile's stack in the
	 * committed layouts and which every domain may write, would be written
	 * first, see README.md) */
	take(0, sen);
	take(1, tel);
	static uint8_t shared[SYNTH_FIXED_runtime_SIZE];
	memcpy(shared, (const void *)SYNTH_FIXED_runtime_BASE, sizeof shared);
	(void)call(HOSTILE, (void *)hostile_recurse, 0, 0, &st);
	uint32_t changed = 0;
	for (uint32_t i = 0; i < sizeof shared; i++)
		changed += shared[i] != ((const uint8_t *)SYNTH_FIXED_runtime_BASE)[i];
	synth_rt_print("stack-overflow: ");
	synth_rt_print_u32(changed);
	synth_rt_print(" bytes of the shared \"runtime\" region (granted to every domain) changed\n");
	check(st == SYNTH_RT_DOMAIN_EFAULT && HOSTILE->state == SYNTH_RT_DOMAIN_STOPPED && same(0, sen) &&
	          same(1, tel) && changed == 0 && pipeline(1, 0),
	      "attack stack-overflow: hostile's runaway recursion stopped at its stack's base by the "
	      "hardware (PSPLIM, or the MPU stack guard), nothing below written, victims unchanged, results right");
	synth_rt_domain_restart(HOSTILE);

	/* a wasm trap inside sensor: attributed to sensor, which stops; a call
	 * into it through telemetry's gate is refused (ESTOPPED) and telemetry
	 * goes on; restarted, sensor produces the reference results again */
	take(1, tel);
	(void)call(SENSOR, (void *)sensor_selftest, 1, 0, &st);
	int trapped = st == SYNTH_RT_DOMAIN_EFAULT && SENSOR->state == SYNTH_RT_DOMAIN_STOPPED &&
	              SENSOR->last.trap == SYNTH_TRAP_UNREACHABLE;
	int32_t pulled = call(TELEMETRY, (void *)telemetry_pull, 0, 0, 0);
	int refused = pulled == SYNTH_RT_DOMAIN_ESTOPPED && same_data(1, tel);
	int restarted = synth_rt_domain_restart(SENSOR) == 0 && pipeline(1, 0);
	check(trapped && refused && restarted,
	      "attack trap-restart: sensor's wasm trap stopped sensor only; telemetry's call into it refused "
	      "(ESTOPPED), telemetry unchanged; sensor restarted, results right");

	/* interrupts while components run: the handler runs privileged on the
	 * main stack, the exception return resumes the component in its domain */
	ticks = 0;
	SYST[1] = 2000 - 1; /* RVR */
	SYST[2] = 0;        /* CVR */
	SYST[0] = 7;        /* ENABLE | TICKINT | processor clock */
	int works = pipeline(3, 0);
	attack("interrupts", (uintptr_t)sen->mem + 32, 0);
	SYST[0] = 0;
	synth_rt_print("interrupts: ");
	synth_rt_print_u32(ticks);
	synth_rt_print(" SysTick exceptions, ");
	synth_rt_print_u32(ticks_in_domain);
	synth_rt_print(" of them while a component ran\n");
	check(works && ticks > 0 && ticks_in_domain > 0, "attack interrupts-pipeline: SysTick fired while the "
	                                               "components ran; their results stayed right");

	/* stop and restart: hostile faults and stays stopped while the others run */
	(void)poke_at((uintptr_t)sen->mem, 1, &st);
	int stopped = st == SYNTH_RT_DOMAIN_EFAULT;
	(void)call(HOSTILE, (void *)hostile_ping, 0, 0, &st);
	stopped &= st == SYNTH_RT_DOMAIN_ESTOPPED;
	int others = pipeline(2, 0);
	check(stopped && others, "attack stop: hostile stopped (calls refused: ESTOPPED), sensor and telemetry "
	                         "keep producing the reference results");
	st = synth_rt_domain_restart(HOSTILE);
	int32_t ping = call(HOSTILE, (void *)hostile_ping, 0, 0, 0);
	check(st == 0 && ping >= 1 && pipeline(1, 0), "attack restart: hostile restarted (its M__init), answers again; "
	                                               "the others unaffected");

	line(failures ? "isolation: FAILED" : "isolation: all attacks blocked", "");
	/* 0 once set up: each attack's CTest case reads its own line. */
	return 0;
}
