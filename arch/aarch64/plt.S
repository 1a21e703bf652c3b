// Lazy PLT resolver for aarch64. PLT0 pushed x16 (= &GOT[n] of the PLT
// entry) and x30 and branched here with x16 = &GOT[2]. Preserves x0-x8 and
// q0-q7 (every argument register of AAPCS64).
	.text
	.globl ldso_plt_trampoline
	.type ldso_plt_trampoline, %function
	.hidden ldso_plt_trampoline
ldso_plt_trampoline:
	.cfi_startproc
	.cfi_def_cfa_offset 16
	.cfi_offset x30, -8
	sub sp, sp, #224
	.cfi_adjust_cfa_offset 224
	stp x29, x30, [sp, #0]
	mov x29, sp
	stp x0, x1, [sp, #16]
	stp x2, x3, [sp, #32]
	stp x4, x5, [sp, #48]
	stp x6, x7, [sp, #64]
	str x8, [sp, #80]
	stp q0, q1, [sp, #96]
	stp q2, q3, [sp, #128]
	stp q4, q5, [sp, #160]
	stp q6, q7, [sp, #192]
	ldr x0, [x16, #-8]        // GOT[1]: the Object
	ldr x1, [sp, #224]        // &GOT[n]
	sub x1, x1, x16
	sub x1, x1, #8
	lsr x1, x1, #3            // n - 3: the JMPREL index
	bl ldso_lazy_fixup
	mov x17, x0
	ldp q6, q7, [sp, #192]
	ldp q4, q5, [sp, #160]
	ldp q2, q3, [sp, #128]
	ldp q0, q1, [sp, #96]
	ldr x8, [sp, #80]
	ldp x6, x7, [sp, #64]
	ldp x4, x5, [sp, #48]
	ldp x2, x3, [sp, #32]
	ldp x0, x1, [sp, #16]
	ldp x29, x30, [sp, #0]
	add sp, sp, #224
	.cfi_adjust_cfa_offset -224
	// The base PCS lets a call clobber x9-x15 and v16-v31; do it on purpose,
	// so that a caller that relied on them (a variant-PCS call wrongly
	// bound lazily) fails every time, not by chance.
	mov x9, xzr
	mov x10, xzr
	mov x11, xzr
	mov x12, xzr
	mov x13, xzr
	mov x14, xzr
	mov x15, xzr
	movi v16.2d, #0
	movi v17.2d, #0
	movi v18.2d, #0
	movi v19.2d, #0
	movi v20.2d, #0
	movi v21.2d, #0
	movi v22.2d, #0
	movi v23.2d, #0
	ldp x16, x30, [sp], #16
	.cfi_adjust_cfa_offset -16
	br x17
	.cfi_endproc
	.size ldso_plt_trampoline, .-ldso_plt_trampoline
	.section .note.GNU-stack,"",%progbits
