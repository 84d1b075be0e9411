/* kernels.h - float kernels for the floating-point benchmark, compiled both
 * to wasm (clang) and natively (arm-none-eabi-gcc -O2); each exports `run`
 * returning the result's bits, so both sides print the same value. */
#include <stdint.h>
#ifdef __wasm__
#define EXPORT __attribute__((export_name("run")))
#else
#define EXPORT
#endif
static inline uint32_t bits32(float f) { union { float f; uint32_t u; } v = {f}; return v.u; }
static inline uint64_t bits64(double d) { union { double d; uint64_t u; } v = {d}; return v.u; }
