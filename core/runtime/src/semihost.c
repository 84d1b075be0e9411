/* semihost.c - semihosting calls, the output buffer and program exit.
 *
 * Output is collected in a small line buffer and written with SYS_WRITE0
 * at each '\n', when the buffer fills, and before exit; one semihosting
 * trap per line instead of one per character. Under QEMU semihosting goes
 * to the chardev named in -semihosting-config (stdout with qemu-run.sh).
 *
 * Exit uses SYS_EXIT_EXTENDED with {ADP_Stopped_ApplicationExit, status}:
 * QEMU then exits with status & 0xff (plain SYS_EXIT only gives 0 or 1).
 */
#include "rt_internal.h"

static char out_buf[128];
static unsigned out_len;
static char out_last = '\n';

int synth_rt_semihost(int op, void *arg)
{
	register int r0 __asm__("r0") = op;
	register void *r1 __asm__("r1") = arg;
	__asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
	return r0;
}

void synth_rt_semihost_write0(const char *s)
{
	synth_rt_semihost(SYS_WRITE0, (void *)(uintptr_t)s);
}

void synth_rt_semihost_writec(char c)
{
	synth_rt_semihost(SYS_WRITEC, &c);
}

void synth_rt_flush(void)
{
	unsigned n = out_len;

	out_len = 0;
	if (n == 0 || n >= sizeof out_buf)
		return; /* nothing, or state torn by a fault mid-print */
	out_buf[n] = '\0';
	synth_rt_semihost_write0(out_buf);
}

void synth_rt_print_char(char c)
{
	unsigned n = out_len;

	if (c == '\0')
		return; /* SYS_WRITE0 cannot carry NUL */
	if (n >= sizeof out_buf - 1) {
		synth_rt_flush();
		n = 0;
	}
	out_buf[n++] = c;
	out_len = n;
	out_last = c;
	if (c == '\n' || n == sizeof out_buf - 1)
		synth_rt_flush();
}

void synth_rt_print(const char *s)
{
	while (*s)
		synth_rt_print_char(*s++);
}

int synth_rt_mid_line_(void)
{
	return out_last != '\n';
}

void synth_rt_exit(int status)
{
	uint32_t block[2] = { ADP_Stopped_ApplicationExit, (uint32_t)status };

	synth_rt_flush();
	synth_rt_semihost(SYS_EXIT_EXTENDED, block);
	/* A host without SYS_EXIT_EXTENDED: exit with 0/1 at least. */
	synth_rt_semihost(SYS_EXIT, (void *)(uintptr_t)(status == 0 ? ADP_Stopped_ApplicationExit : 0x20023));
	for (;;)
		__asm__ volatile("wfi");
}
