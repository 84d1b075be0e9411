/* gate.S - the SVC entry of protection domains, and the small stubs that
 * components execute (unprivileged) to leave through it.
 *
 * SVC_Handler (a strong definition: it replaces startup.S's weak alias in
 * programs that use domains) finds the stacked frame (MSP or PSP, from
 * EXC_RETURN bit 2), saves the callee-saved registers r4-r11 (and d8-d15
 * on FPU builds) in a buffer on the main stack and calls
 * synth_rt_svc_dispatch_(frame, exc_return, buffer) (domain.c). That
 * function may rewrite the buffer (to install the registers of the context
 * we return to), PSP, PSPLIM and CONTROL.nPRIV, and returns the EXC_RETURN
 * to leave with. On FPU builds it may also ask for s0/s1 to be loaded (a
 * float result returned to a caller whose frame holds no FP state).
 *
 * Buffer layout (low to high): [d8-d15 (64 bytes), FPU builds only],
 * r4-r11 (32 bytes). 32 or 96 bytes keep MSP 8-byte aligned for the call.
 */
	.syntax unified
	.thumb

	.section .text.SVC_Handler, "ax", %progbits
	.global	SVC_Handler
	.type	SVC_Handler, %function
	.thumb_func
SVC_Handler:
	tst	lr, #4
	ite	eq
	mrseq	r0, msp
	mrsne	r0, psp			/* r0 = stacked frame */
	mov	r1, lr			/* r1 = EXC_RETURN */
	push	{r4-r11}
#if defined(__ARM_FP)
	vpush	{d8-d15}
#endif
	mov	r2, sp			/* r2 = register buffer */
	bl	synth_rt_svc_dispatch_
	mov	lr, r0
#if defined(__ARM_FP)
	ldr	r3, =synth_rt_svc_fpret_
	ldr	r2, [r3]
	cbz	r2, 1f
	movs	r2, #0
	str	r2, [r3]
	vldr	s0, [r3, #4]
	vldr	s1, [r3, #8]
1:	vpop	{d8-d15}
#endif
	pop	{r4-r11}
	bx	lr
	.size	SVC_Handler, . - SVC_Handler
	.ltorg

/* Where every function entered in a domain returns to (its lr). */
	.section .text.synth_rt_domain_return_stub_, "ax", %progbits
	.global	synth_rt_domain_return_stub_
	.type	synth_rt_domain_return_stub_, %function
	.thumb_func
synth_rt_domain_return_stub_:
	svc	#1
	b	synth_rt_domain_return_stub_
	.size	synth_rt_domain_return_stub_, . - synth_rt_domain_return_stub_

/* Where a component that faulted or trapped resumes, on a fresh frame at
 * the top of its stack, to leave its domain. */
	.section .text.synth_rt_domain_abort_stub_, "ax", %progbits
	.global	synth_rt_domain_abort_stub_
	.type	synth_rt_domain_abort_stub_, %function
	.thumb_func
synth_rt_domain_abort_stub_:
	svc	#6
	b	synth_rt_domain_abort_stub_
	.size	synth_rt_domain_abort_stub_, . - synth_rt_domain_abort_stub_

	.section .text.synth_rt_gate_copy_in, "ax", %progbits
	.global	synth_rt_gate_copy_in
	.type	synth_rt_gate_copy_in, %function
	.thumb_func
synth_rt_gate_copy_in:			/* r0 dst (callee), r1 src (caller), r2 n */
	svc	#3
	bx	lr
	.size	synth_rt_gate_copy_in, . - synth_rt_gate_copy_in

	.section .text.synth_rt_gate_copy_out, "ax", %progbits
	.global	synth_rt_gate_copy_out
	.type	synth_rt_gate_copy_out, %function
	.thumb_func
synth_rt_gate_copy_out:			/* r0 dst (caller), r1 src (callee), r2 n */
	svc	#4
	bx	lr
	.size	synth_rt_gate_copy_out, . - synth_rt_gate_copy_out

	.section .text.synth_rt_gate_status, "ax", %progbits
	.global	synth_rt_gate_status
	.type	synth_rt_gate_status, %function
	.thumb_func
synth_rt_gate_status:
	svc	#5
	bx	lr
	.size	synth_rt_gate_status, . - synth_rt_gate_status

/* Word copy and clear for the switch paths (counts are multiples of 4). */
	.section .text.synth_rt_words_copy_, "ax", %progbits
	.global	synth_rt_words_copy_
	.type	synth_rt_words_copy_, %function
	.thumb_func
synth_rt_words_copy_:			/* r0 dst, r1 src, r2 words */
	cbz	r2, 2f
	push	{r4, r5}
1:	ldmia	r1!, {r3, r4, r5, r12}
	stmia	r0!, {r3, r4, r5, r12}
	subs	r2, r2, #4
	bhi	1b
	pop	{r4, r5}
2:	bx	lr
	.size	synth_rt_words_copy_, . - synth_rt_words_copy_

	.section .text.synth_rt_words_zero_, "ax", %progbits
	.global	synth_rt_words_zero_
	.type	synth_rt_words_zero_, %function
	.thumb_func
synth_rt_words_zero_:			/* r0 dst, r1 words */
	cbz	r1, 2f
	movs	r2, #0
	movs	r3, #0
	mov	r12, #0
	push	{r4}
	movs	r4, #0
1:	stmia	r0!, {r2, r3, r4, r12}
	subs	r1, r1, #4
	bhi	1b
	pop	{r4}
2:	bx	lr
	.size	synth_rt_words_zero_, . - synth_rt_words_zero_
