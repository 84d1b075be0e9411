/* spectest.c - the "spectest" host module that spec scripts import from.
 *
 * The fields the reference interpreter provides (WebAssembly spec,
 * interpreter/host/spectest.ml): print functions, four immutable globals
 * (i32 and i64 666, f32 and f64 666.6), a memory of 1 page (max 2) and a
 * funcref table of 10 elements (max 20). The print functions print nothing: a spec image
 * prints only failures. One instance per image; every module importing a
 * field is bound to these symbols by the image's linker script
 * (`PROVIDE(mN__import_spectest_memory = spectest_memory);`; memories and
 * tables are their control blocks, SynthRtMemory and SynthRtTable), so all
 * importers share it, as they share the one spectest instance of a script.
 */
#include "spec_exec_rt.h"

void spectest_print(void) {}
void spectest_print_i32(int32_t a) { (void)a; }
void spectest_print_i64(int64_t a) { (void)a; }
void spectest_print_f32(float a) { (void)a; }
void spectest_print_f64(double a) { (void)a; }
void spectest_print_i32_f32(int32_t a, float b) { (void)a, (void)b; }
void spectest_print_f64_f64(double a, double b) { (void)a, (void)b; }

int32_t spectest_global_i32 = 666;
int64_t spectest_global_i64 = 666;
/* 666.6, as spectest.ml has them (F32.of_float 666.6, F64.of_float 666.6)
 * and as the multi-memory suite checks them (imports.wast:251-252 expect
 * f32 0x4426a666 and f64 0x4084d4cccccccccd). wabt's spectest-interp has
 * 666.0 instead, which is why it fails those two checks; the core suite of
 * 2022 imports these globals without reading them. */
float spectest_global_f32 = 666.6f;
double spectest_global_f64 = 666.6;

/* The memory's bytes, 2 pages (its maximum), in .bss: the modules of an
 * image may use all of the WASM region. */
static uint8_t spectest_memory_bytes[2 * 65536] __attribute__((aligned(8)));

SynthRtMemory spectest_memory = {
	.base = spectest_memory_bytes,
	.bytes = 65536,
	.reserve = sizeof spectest_memory_bytes,
	.shift = 16,
	.max_pages = 2,
};

/* Funcref entries, all null (0) at first, room for the maximum. */
static uint32_t spectest_table_elems[20];

SynthRtTable spectest_table = {
	.elems = spectest_table_elems,
	.size = 10,
	.reserve = 20,
	.max = 20,
};
