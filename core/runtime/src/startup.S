/* startup.S - reset handler and the common fault entry.
 *
 * The reset handler runs before any C code: C files of the runtime and of
 * the program may be compiled with -mfloat-abi=hard and use VFP registers
 * anywhere, so the FPU is enabled here first (CPACR CP10/CP11 full access,
 * then dsb/isb). It then points VTOR at our table, calls the weak hook
 * synth_rt_early(), copies .data from its load address, zeroes .bss, the
 * wasm memories (.synth_mem) and the ranges a planned layout lists
 * (synth_rt_zero_layout, layout_zero.c), and calls synth_rt_init(), main()
 * and synth_rt_exit(main's result).
 *
 * Every fault and unexpected exception enters synth_rt_fault_entry, which
 * finds the stacked frame (MSP or PSP, from EXC_RETURN bit 2), moves to the
 * dedicated fault stack so that a fault caused by stack exhaustion can
 * still be reported, and calls synth_rt_fault_dispatch(frame, exc_return,
 * saved). That C function either exits the program or returns, having
 * rewritten the frame (or saved[]: EXC_RETURN, the stack pointer to return
 * on and, on ARMv8-M, MSPLIM), in which case we go back to that stack and
 * return from the exception.
 *
 * On ARMv8-M Mainline this runtime bounds the main stack with MSPLIM (and
 * domain stacks with PSPLIM, domain.c) and turns a stack-limit UsageFault
 * in thread mode into the trap "call stack exhausted" (fault.c), so code
 * compiled with `--stack-check=hardware` (no prologue checks) is safe
 * under it. __synth_hw_stack_limit says so: such objects reference it
 * (R_ARM_NONE), and only this runtime defines it (core/ABI.md, "Stack
 * checks").
 */
	.syntax unified
	.thumb

#define SCB_VTOR  0xE000ED08
#define SCB_CPACR 0xE000ED88

#if defined(__ARM_ARCH_8M_MAIN__)
	.global	__synth_hw_stack_limit
	.set	__synth_hw_stack_limit, 1
#endif

	.section .text.synth_rt_reset, "ax", %progbits
	.global	synth_rt_reset
	.type	synth_rt_reset, %function
	.thumb_func
synth_rt_reset:
	ldr	r0, =__synth_stack_top
	mov	sp, r0
#if defined(__ARM_ARCH_8M_MAIN__)
	/* Hardware stack limit: an overflow of the main stack raises a
	 * UsageFault (STKOF) instead of writing below the stack. */
	ldr	r0, =__synth_stack_bottom
	msr	msplim, r0
#endif
#if defined(__ARM_FP)
	ldr	r0, =SCB_CPACR
	ldr	r1, [r0]
	orr	r1, r1, #(0xF << 20)
	str	r1, [r0]
	dsb
	isb
#endif
	ldr	r0, =SCB_VTOR
	ldr	r1, =__synth_vectors
	str	r1, [r0]
	dsb
	bl	synth_rt_early		/* weak hook, before anything is set up */

	/* .data: copy from its load address (in CODE) unless already there. */
	ldr	r0, =__synth_data_start
	ldr	r1, =__synth_data_end
	ldr	r2, =__synth_data_load
	cmp	r0, r2
	beq	2f
1:	cmp	r0, r1
	bhs	2f
	ldr	r3, [r2], #4
	str	r3, [r0], #4
	b	1b
2:
	/* .bss, then the wasm memories: both start zeroed. */
	movs	r2, #0
	ldr	r0, =__synth_bss_start
	ldr	r1, =__synth_bss_end
3:	cmp	r0, r1
	bhs	4f
	str	r2, [r0], #4
	b	3b
4:	ldr	r0, =__synth_mem_start
	ldr	r1, =__synth_mem_end
5:	cmp	r0, r1
	bhs	6f
	str	r2, [r0], #4
	b	5b
6:
	/* The memories and state sections a layout placed (layout_zero.c). */
	bl	synth_rt_zero_layout
	bl	synth_rt_init
	bl	main
	bl	synth_rt_exit
	.size	synth_rt_reset, . - synth_rt_reset
	.ltorg

	.section .text.synth_rt_fault_entry, "ax", %progbits
	.global	synth_rt_fault_entry
	.type	synth_rt_fault_entry, %function
	.thumb_func
synth_rt_fault_entry:
	mov	r2, sp			/* handler stack pointer (MSP) */
	tst	lr, #4
	ite	eq
	mrseq	r0, msp
	mrsne	r0, psp			/* r0 = stacked frame */
	mov	r1, lr			/* r1 = EXC_RETURN */
#if defined(__ARM_ARCH_8M_MAIN__)
	/* The handler may use the fault stack and (for a trap) the reserve
	 * below the limit: no limit while it runs, the saved one after. */
	mrs	r3, msplim
	mov	ip, #0
	msr	msplim, ip
#else
	movs	r3, #0
#endif
	/* Switch to the fault stack unless already on it (a fault inside
	 * the fault handler escalates to HardFault and comes back here). */
	ldr	ip, =__synth_fault_stack_bottom
	cmp	r2, ip
	blo	1f
	ldr	ip, =__synth_fault_stack_top
	cmp	r2, ip
	bls	2f
1:	ldr	ip, =__synth_fault_stack_top
	mov	sp, ip
	/* saved[] = {EXC_RETURN, sp, MSPLIM, pad}: the dispatcher may
	 * rewrite all three (a stack overflow turned into a trap returns on
	 * a frame of its own, with the limit lowered for the trap path). */
2:	push	{r1, r2, r3, ip}
	mov	r2, sp
	bl	synth_rt_fault_dispatch
	/* Resume: the dispatcher rewrote the frame. */
	pop	{r1, r2, r3, ip}
	mov	sp, r2
#if defined(__ARM_ARCH_8M_MAIN__)
	msr	msplim, r3
#endif
	bx	r1
	.size	synth_rt_fault_entry, . - synth_rt_fault_entry
	.ltorg

/* Handlers a program may override by defining a function of the same
 * name; by default they report an unexpected exception and exit. */
	.weak	NMI_Handler
	.thumb_set NMI_Handler, synth_rt_fault_entry
	.weak	SVC_Handler
	.thumb_set SVC_Handler, synth_rt_fault_entry
	.weak	DebugMon_Handler
	.thumb_set DebugMon_Handler, synth_rt_fault_entry
	.weak	PendSV_Handler
	.thumb_set PendSV_Handler, synth_rt_fault_entry
	.weak	SysTick_Handler
	.thumb_set SysTick_Handler, synth_rt_fault_entry
	.weak	synth_rt_irq_handler
	.thumb_set synth_rt_irq_handler, synth_rt_fault_entry
