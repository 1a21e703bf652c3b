// ldso_arch_enter(entry=x0, sp=x1, fini=x2): AArch64 process entry, x0 = fini.
	.text
	.globl ldso_arch_enter
	.type ldso_arch_enter, %function
ldso_arch_enter:
	.cfi_startproc
	.cfi_undefined x30
	mov sp, x1
	mov x16, x0
	mov x0, x2
	mov x1, xzr
	mov x2, xzr
	mov x3, xzr
	mov x4, xzr
	mov x5, xzr
	mov x6, xzr
	mov x7, xzr
	mov x8, xzr
	mov x9, xzr
	mov x10, xzr
	mov x11, xzr
	mov x12, xzr
	mov x13, xzr
	mov x14, xzr
	mov x15, xzr
	mov x17, xzr
	mov x18, xzr
	mov x29, xzr
	mov x30, xzr
	br x16
	.cfi_endproc
	.size ldso_arch_enter, .-ldso_arch_enter
	.section .note.GNU-stack,"",%progbits
