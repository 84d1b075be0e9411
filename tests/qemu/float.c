/* float.c - floating-point code runs: the reset handler enabled the FPU
 * before main (hard-float boards), or libgcc does it in software (an385).
 * Prints the FPU the code was compiled for and the one MVFR0 reports, and
 * results as bit patterns. Expected output: float.expected.in. */
#include <stdint.h>

#include "synth_rt.h"

#define MVFR0 (*(volatile uint32_t *)0xE000EF40u)

static volatile float fa = 1.5f, fb = 3.25f, fc = 0.1f, fneg = -2.75f, fbig = 3.9e9f, ftwo = 2.0f;
static volatile double da = 1.5, db = 3.25, dc = 0.1;

static uint32_t fbits(float v)
{
	union { float f; uint32_t u; } x = { .f = v };
	return x.u;
}

static uint64_t dbits(double v)
{
	union { double d; uint64_t u; } x = { .d = v };
	return x.u;
}

static const char *fpu_name(int sp, int dp)
{
	return dp ? "single+double" : sp ? "single" : "none";
}

int main(void)
{
	uint32_t mvfr0 = MVFR0;
	float r;
	double q;

#if defined(__ARM_FP)
	synth_rt_print("compiled for fpu: ");
	synth_rt_print(fpu_name(__ARM_FP & 4, __ARM_FP & 8));
#else
	synth_rt_print("compiled for fpu: none");
#endif
	synth_rt_print("\nhardware fpu: ");
	synth_rt_print(fpu_name((mvfr0 >> 4) & 0xf, (mvfr0 >> 8) & 0xf));
	synth_rt_print_char('\n');

	r = fa * fb / ftwo + fc;
	synth_rt_print("f32 1.5*3.25/2+0.1 = ");
	synth_rt_print_hex32(fbits(r));
	synth_rt_print("\nf32 -> i32 ");
	synth_rt_print_i32((int32_t)fneg);
	synth_rt_print("\nf32 -> u32 ");
	synth_rt_print_u32((uint32_t)fbig);
	q = da * db / (double)ftwo + dc;
	synth_rt_print("\nf64 1.5*3.25/2+0.1 = ");
	synth_rt_print_hex64(dbits(q));
	synth_rt_print("\nf64 -> i64 ");
	synth_rt_print_i64((int64_t)(dc * -1e12));
#if defined(__ARM_FP)
	__asm__("vsqrt.f32 %0, %1" : "=t"(r) : "t"(ftwo));
	synth_rt_print("\nvsqrt.f32(2) = ");
	synth_rt_print_hex32(fbits(r));
#endif
#if defined(__ARM_FP) && (__ARM_FP & 8)
	__asm__("vsqrt.f64 %P0, %P1" : "=w"(q) : "w"((double)ftwo));
	synth_rt_print("\nvsqrt.f64(2) = ");
	synth_rt_print_hex64(dbits(q));
#endif
	synth_rt_print_char('\n');
	return 0;
}
