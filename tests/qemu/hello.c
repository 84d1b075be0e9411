/* hello.c - boot, print with every formatting function, exit 0.
 * Expected output: hello.expected.in (with the board name filled in). */
#include <stdint.h>

#include "synth_rt.h"

static void line(const char *label)
{
	synth_rt_print_char('\n');
	synth_rt_print(label);
}

int main(void)
{
	int i;

	synth_rt_print("hello from ");
	synth_rt_print(synth_rt_board);
	synth_rt_print_char('\n');
	/* The shape a spec driver prints. */
	synth_rt_print("f(1) => i32:");
	synth_rt_print_i32(5);
	line("i32:");
	synth_rt_print_i32(INT32_MIN);
	synth_rt_print(" ");
	synth_rt_print_i32(INT32_MAX);
	synth_rt_print(" ");
	synth_rt_print_i32(-1);
	synth_rt_print(" ");
	synth_rt_print_i32(0);
	line("u32:");
	synth_rt_print_u32(UINT32_MAX);
	synth_rt_print(" ");
	synth_rt_print_u32(0);
	line("i64:");
	synth_rt_print_i64(INT64_MIN);
	synth_rt_print(" ");
	synth_rt_print_i64(INT64_MAX);
	synth_rt_print(" ");
	synth_rt_print_i64(-1);
	line("u64:");
	synth_rt_print_u64(UINT64_MAX);
	synth_rt_print(" ");
	synth_rt_print_u64(4294967296ull);
	synth_rt_print(" ");
	synth_rt_print_u64(1000000000000000001ull);
	synth_rt_print(" ");
	synth_rt_print_u64(0);
	line("hex:");
	synth_rt_print_hex32(0);
	synth_rt_print(" ");
	synth_rt_print_hex32(0xdeadbeefu);
	synth_rt_print(" ");
	synth_rt_print_hex64(0x0123456789abcdefull);
	synth_rt_print(" ");
	synth_rt_print_hex64(UINT64_MAX);
	/* Longer than the 128-byte line buffer. */
	line("long:");
	for (i = 0; i < 30; i++)
		synth_rt_print("0123456789");
	/* Unbuffered semihosting after a flush keeps the order. */
	line("raw:");
	synth_rt_flush();
	synth_rt_semihost_writec('!');
	synth_rt_semihost_write0("ok");
	line("stack limit inside stack: ");
	synth_rt_print(__synth_stack_limit > (uintptr_t)&i - 0x100000u && __synth_stack_limit < (uintptr_t)&i
	               ? "yes" : "no");
	synth_rt_print_char('\n');
	return 0;
}
