/* wasm.c - helpers compiled WebAssembly calls: the set-up of a module's
 * state section, memory control blocks and their grow/fill/copy/init with
 * exact spec bounds, and the i64 operations a 32-bit core has no
 * instruction for (shifts and rotates by a register,
 * division and remainder with their traps, bit counts). Each does exactly
 * what the spec says, including the trap cases, so inline code never needs
 * a slower fallback. */
#include <stdint.h>

#include "synth_rt.h"

/* void *memcpy/memmove/memset come from mem.c (weak) or the C library. */
void *memmove(void *d, const void *s, unsigned n);
void *memset(void *d, int c, unsigned n);

uint32_t synth_rt_memory_size(const SynthRtMemory *m)
{
	return m->bytes >> m->shift;
}

volatile uint64_t synth_rt_grow_refused;
volatile uint32_t synth_rt_grow_refused_delta;

int32_t synth_rt_memory_grow(SynthRtMemory *m, uint32_t delta)
{
	uint32_t old = m->bytes >> m->shift;
	uint64_t pages = (uint64_t)old + delta;
	if (pages > m->max_pages)
		return -1;
	if ((pages << m->shift) > m->reserve) {
		synth_rt_grow_refused = pages << m->shift;
		synth_rt_grow_refused_delta = delta;
		return -1;
	}
	/* Pages beyond the current size were never written since the instance
	 * was set up (memories do not shrink), so they are still zero. */
	m->bytes = (uint32_t)(pages << m->shift);
	return (int32_t)old;
}

static int in_bounds(const SynthRtMemory *m, uint32_t at, uint32_t n)
{
	return (uint64_t)at + n <= m->bytes;
}

void synth_rt_memory_fill(SynthRtMemory *m, uint32_t d, uint32_t val, uint32_t n)
{
	if (!in_bounds(m, d, n))
		synth_rt_trap(SYNTH_TRAP_OOB_MEMORY);
	memset(m->base + d, (int)(val & 0xff), n);
}

void synth_rt_memory_copy(SynthRtMemory *dm, SynthRtMemory *sm, uint32_t d, uint32_t s, uint32_t n)
{
	if (!in_bounds(dm, d, n) || !in_bounds(sm, s, n))
		synth_rt_trap(SYNTH_TRAP_OOB_MEMORY);
	memmove(dm->base + d, sm->base + s, n);
}

void synth_rt_memory_init(SynthRtMemory *m, SynthRtSegment *seg, uint32_t d, uint32_t s, uint32_t n)
{
	if (!in_bounds(m, d, n) || (uint64_t)s + n > seg->count)
		synth_rt_trap(SYNTH_TRAP_OOB_MEMORY);
	const uint8_t *src = seg->items;
	for (uint32_t i = 0; i < n; i++)
		m->base[d + i] = src[s + i];
}

void synth_rt_segment_drop(SynthRtSegment *seg) { seg->count = 0; }

void synth_rt_state_init(void *state, uint32_t size, const void *image, uint32_t n)
{
	memmove(state, image, n);
	memset((uint8_t *)state + n, 0, size - n);
}

int32_t synth_rt_table_grow(SynthRtTable *t, uint32_t init, uint32_t n)
{
	uint32_t old = t->size;
	uint64_t size = (uint64_t)old + n;
	if (size > t->reserve || size > t->max)
		return -1;
	for (uint32_t i = old; i < size; i++)
		t->elems[i] = init;
	t->size = (uint32_t)size;
	return (int32_t)old;
}

void synth_rt_table_fill(SynthRtTable *t, uint32_t i, uint32_t val, uint32_t n)
{
	if ((uint64_t)i + n > t->size)
		synth_rt_trap(SYNTH_TRAP_OOB_TABLE);
	for (uint32_t k = 0; k < n; k++)
		t->elems[i + k] = val;
}

void synth_rt_table_copy(SynthRtTable *dt, SynthRtTable *st, uint32_t d, uint32_t s, uint32_t n)
{
	if ((uint64_t)d + n > dt->size || (uint64_t)s + n > st->size)
		synth_rt_trap(SYNTH_TRAP_OOB_TABLE);
	memmove(dt->elems + d, st->elems + s, n * 4);
}

void synth_rt_table_init(SynthRtTable *t, SynthRtSegment *seg, uint32_t d, uint32_t s, uint32_t n)
{
	if ((uint64_t)d + n > t->size || (uint64_t)s + n > seg->count)
		synth_rt_trap(SYNTH_TRAP_OOB_TABLE);
	const uint32_t *src = seg->items;
	for (uint32_t k = 0; k < n; k++)
		t->elems[d + k] = src[s + k];
}

uint64_t synth_rt_i64_shl(uint64_t a, uint32_t n) { return a << (n & 63); }
uint64_t synth_rt_i64_shr_u(uint64_t a, uint32_t n) { return a >> (n & 63); }
int64_t synth_rt_i64_shr_s(int64_t a, uint32_t n)
{
	n &= 63;
	/* arithmetic shift without relying on implementation-defined >> of negatives */
	return a < 0 ? (int64_t)~(~(uint64_t)a >> n) : (int64_t)((uint64_t)a >> n);
}
uint64_t synth_rt_i64_rotl(uint64_t a, uint32_t n)
{
	n &= 63;
	return n ? (a << n) | (a >> (64 - n)) : a;
}
uint64_t synth_rt_i64_rotr(uint64_t a, uint32_t n)
{
	n &= 63;
	return n ? (a >> n) | (a << (64 - n)) : a;
}

int64_t synth_rt_i64_div_s(int64_t a, int64_t b)
{
	if (b == 0)
		synth_rt_trap(SYNTH_TRAP_INT_DIV_ZERO);
	if (a == INT64_MIN && b == -1)
		synth_rt_trap(SYNTH_TRAP_INT_OVERFLOW);
	return a / b;
}
uint64_t synth_rt_i64_div_u(uint64_t a, uint64_t b)
{
	if (b == 0)
		synth_rt_trap(SYNTH_TRAP_INT_DIV_ZERO);
	return a / b;
}
int64_t synth_rt_i64_rem_s(int64_t a, int64_t b)
{
	if (b == 0)
		synth_rt_trap(SYNTH_TRAP_INT_DIV_ZERO);
	if (b == -1)
		return 0;
	return a % b;
}
uint64_t synth_rt_i64_rem_u(uint64_t a, uint64_t b)
{
	if (b == 0)
		synth_rt_trap(SYNTH_TRAP_INT_DIV_ZERO);
	return a % b;
}

uint32_t synth_rt_i32_popcnt(uint32_t a)
{
	a = a - ((a >> 1) & 0x55555555u);
	a = (a & 0x33333333u) + ((a >> 2) & 0x33333333u);
	a = (a + (a >> 4)) & 0x0f0f0f0fu;
	return (a * 0x01010101u) >> 24;
}
uint32_t synth_rt_i64_popcnt(uint64_t a)
{
	return synth_rt_i32_popcnt((uint32_t)a) + synth_rt_i32_popcnt((uint32_t)(a >> 32));
}
uint32_t synth_rt_i64_clz(uint64_t a)
{
	uint32_t hi = (uint32_t)(a >> 32), lo = (uint32_t)a;
	if (hi)
		return (uint32_t)__builtin_clz(hi);
	return lo ? 32 + (uint32_t)__builtin_clz(lo) : 64;
}
uint32_t synth_rt_i64_ctz(uint64_t a)
{
	uint32_t hi = (uint32_t)(a >> 32), lo = (uint32_t)a;
	if (lo)
		return (uint32_t)__builtin_ctz(lo);
	return hi ? 32 + (uint32_t)__builtin_ctz(hi) : 64;
}
