/* try.S - synth_rt_try() and the unwinder behind synth_rt_trap().
 *
 * A small setjmp/longjmp of our own (no newlib): synth_rt_try pushes a
 * catch record on the caller's stack and links it into a list whose head
 * is synth_rt_catch_top_. The record is, from low to high address:
 *
 *   [d8-d15]         64 bytes, only when built for an FPU (__ARM_FP)
 *   prev record      4 bytes (pushed as r3)
 *   r4-r11, lr       36 bytes
 *
 * 40 core bytes keep sp 8-byte aligned for the call to fn (AAPCS), and
 * 104 with the FP registers. synth_rt_throw_(code) sets sp back to the
 * innermost record, pops it, unlinks it and returns `code` from that
 * synth_rt_try call: whatever fn and its callees had pushed below the
 * record is discarded, which is why a trap needs no stack of its own
 * beyond what synth_rt_trap uses to print.
 *
 * Only thread-mode code may throw. A fault converted to a trap returns to
 * thread mode first (see fault.c), so that holds. On ARMv8-M the throw
 * also puts MSPLIM back to __synth_stack_limit, which a stack overflow
 * turned into a trap had lowered (fault.c).
 */
	.syntax unified
	.thumb

	.section .bss.synth_rt_catch_top_, "aw", %nobits
	.align	2
	.global	synth_rt_catch_top_
synth_rt_catch_top_:
	.space	4

	.section .text.synth_rt_try, "ax", %progbits
	.global	synth_rt_try
	.type	synth_rt_try, %function
	.thumb_func
synth_rt_try:				/* r0 = fn, r1 = arg */
	ldr	r2, =synth_rt_catch_top_
	ldr	r3, [r2]
	push	{r3-r11, lr}
#if defined(__ARM_FP)
	vpush	{d8-d15}
#endif
	mov	r3, sp
	str	r3, [r2]		/* catch_top = this record */
	mov	r3, r0
	mov	r0, r1
	blx	r3			/* fn(arg) */
	ldr	r2, =synth_rt_catch_top_
#if defined(__ARM_FP)
	vpop	{d8-d15}
#endif
	pop	{r3-r11, lr}
	str	r3, [r2]		/* unlink */
	movs	r0, #0
	bx	lr
	.size	synth_rt_try, . - synth_rt_try

	.section .text.synth_rt_throw_, "ax", %progbits
	.global	synth_rt_throw_
	.type	synth_rt_throw_, %function
	.thumb_func
synth_rt_throw_:			/* r0 = trap code, nonzero */
	ldr	r2, =synth_rt_catch_top_
	ldr	r1, [r2]
	mov	sp, r1
#if defined(__ARM_ARCH_8M_MAIN__)
	/* A stack overflow turned into this trap (fault.c) lowered MSPLIM to
	 * the bottom of the stack for the trap path: back to the limit, now
	 * that sp is up at the catch record again. Only on the main stack
	 * (CONTROL.SPSEL = 0); unprivileged code cannot write it anyway. */
	mrs	r1, control
	tst	r1, #2
	bne	1f
	ldr	r1, =__synth_stack_limit
	ldr	r1, [r1]
	msr	msplim, r1
1:
#endif
#if defined(__ARM_FP)
	vpop	{d8-d15}
#endif
	pop	{r3-r11, lr}
	str	r3, [r2]
	bx	lr
	.size	synth_rt_throw_, . - synth_rt_throw_
	.ltorg
