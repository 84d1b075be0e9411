@ demo.s - the object test_elf.c builds with the ELF writer, written for
@ the GNU assembler. Linked with the same main.c and link.ld, both objects
@ must give byte-identical .text and .data and the same symbol addresses.
	.syntax unified
	.cpu cortex-m4
	.thumb

	.text
	.align 2
	.global add2
	.type add2, %function
	.thumb_func
add2:
	adds r0, r0, r1
	bx lr
	.size add2, . - add2

	.global get_counter
	.type get_counter, %function
	.thumb_func
get_counter:
	push {r4, lr}
	bl ext_callee
	movw r1, #:lower16:dvals+4
	movt r1, #:upper16:dvals+4
	ldr r1, [r1]
	adds r0, r0, r1
	pop {r4, pc}
	.size get_counter, . - get_counter

	.global pick
	.type pick, %function
	.thumb_func
pick:
	cmp r0, #0
	beq.w add2
	b.w helper
	.size pick, . - pick

	.type helper, %function
	.thumb_func
helper:
	movs r0, #42
	bx lr
	.size helper, . - helper

	.global get_ext_data
	.type get_ext_data, %function
	.thumb_func
get_ext_data:
	ldr r0, 1f
	bx lr
	.size get_ext_data, . - get_ext_data
	nop
1:	.word ext_data

	.weak weak_fn
	.type weak_fn, %function
	.thumb_func
weak_fn:
	movs r0, #1
	bx lr
	.size weak_fn, . - weak_fn

	.data
	.align 2
	.global counter
	.type counter, %object
counter:
	.word 7
	.size counter, 4
	.type dvals, %object
dvals:
	.word 11, 22, 33
	.size dvals, 12
	.global table
	.type table, %object
table:
	.word add2
	.word opt_hook
	.word ext_data - .
	.word counter(target1)
	.word dvals + 4
	.size table, 20
	.weak opt_hook

	.section .synth_mem.demo.0,"aw",%nobits
	.balign 8
	.global demo__mem0
	.type demo__mem0, %object
demo__mem0:
	.space 4096
	.size demo__mem0, 4096
	.global demo__mem0_size
	.set demo__mem0_size, 4096
