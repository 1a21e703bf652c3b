// Thread pointer and TLS descriptor resolvers for aarch64.
	.text
// void ldso_arch_set_tp(uintptr_t tp)
	.globl ldso_arch_set_tp
	.type ldso_arch_set_tp, %function
ldso_arch_set_tp:
	msr tpidr_el0, x0
	ret
	.size ldso_arch_set_tp, .-ldso_arch_set_tp

// TLSDESC for a block in static TLS: x0 points to the descriptor, whose
// second word is the offset from the thread pointer. Clobbers only x0.
	.globl ldso_tlsdesc_static
	.type ldso_tlsdesc_static, %function
ldso_tlsdesc_static:
	.cfi_startproc
	ldr x0, [x0, #8]
	ret
	.cfi_endproc
	.size ldso_tlsdesc_static, .-ldso_tlsdesc_static

// TLSDESC for an undefined weak symbol: address 0, so return -tp + addend.
	.globl ldso_tlsdesc_undefweak
	.type ldso_tlsdesc_undefweak, %function
ldso_tlsdesc_undefweak:
	.cfi_startproc
	str x1, [sp, #-16]!
	mrs x1, tpidr_el0
	ldr x0, [x0, #8]
	sub x0, x0, x1
	ldr x1, [sp], #16
	ret
	.cfi_endproc
	.size ldso_tlsdesc_undefweak, .-ldso_tlsdesc_undefweak
// TLSDESC for a module in dynamic TLS: x0 points to the descriptor, whose
// second word points to {module id, offset}. Returns the address minus the
// thread pointer; preserves every other register (slow path: all of them).
	.globl ldso_tlsdesc_dynamic
	.type ldso_tlsdesc_dynamic, %function
ldso_tlsdesc_dynamic:
	.cfi_startproc
	ldr x0, [x0, #8]
	stp x1, x2, [sp, #-32]!
	.cfi_adjust_cfa_offset 32
	stp x3, x4, [sp, #16]
	mrs x2, tpidr_el0
	// The DTV: the TCB's (self-linked), or a slot in static TLS that is
	// null until this thread's first slow path (host mode).
	adrp x1, ldso_dtv_offset
	ldr x1, [x1, :lo12:ldso_dtv_offset]
	ldr x1, [x2, x1]
	cbz x1, 1f
	// Of the current generation (no module it knows left since), and
	// covering the module id (dtv[0]); then dtv[2 * id], the block.
	adrp x3, ldso_tls_generation
	ldr x3, [x3, :lo12:ldso_tls_generation]
	ldr x4, [x1, #8]
	cmp x3, x4
	b.ne 1f
	ldr x3, [x0]              // module id
	ldr x4, [x1]
	cmp x3, x4
	b.hs 1f
	lsl x3, x3, #4
	ldr x3, [x1, x3]          // this thread's block
	cbz x3, 1f
2:	ldr x1, [x0, #8]
	add x0, x3, x1
	sub x0, x0, x2
	ldp x3, x4, [sp, #16]
	ldp x1, x2, [sp], #32
	.cfi_adjust_cfa_offset -32
	ret
	.cfi_adjust_cfa_offset 32
1:	// Slow path: x0 = tls_index, x1 = DTV, x2 = tp.
	sub sp, sp, #688
	.cfi_adjust_cfa_offset 688
	stp x29, x30, [sp, #0]
	stp x0, x2, [sp, #16]
	stp x4, x5, [sp, #32]
	stp x6, x7, [sp, #48]
	stp x8, x9, [sp, #64]
	stp x10, x11, [sp, #80]
	stp x12, x13, [sp, #96]
	stp x14, x15, [sp, #112]
	stp x16, x17, [sp, #128]
	str x18, [sp, #144]
	stp q0, q1, [sp, #160]
	stp q2, q3, [sp, #192]
	stp q4, q5, [sp, #224]
	stp q6, q7, [sp, #256]
	stp q8, q9, [sp, #288]
	stp q10, q11, [sp, #320]
	stp q12, q13, [sp, #352]
	stp q14, q15, [sp, #384]
	stp q16, q17, [sp, #416]
	stp q18, q19, [sp, #448]
	stp q20, q21, [sp, #480]
	stp q22, q23, [sp, #512]
	stp q24, q25, [sp, #544]
	stp q26, q27, [sp, #576]
	stp q28, q29, [sp, #608]
	stp q30, q31, [sp, #640]
	mrs x9, fpsr
	mrs x10, fpcr
	str x9, [sp, #672]
	str x10, [sp, #680]
	mov x29, sp
	ldr x8, [x0]
	mov x0, x1
	mov x1, x8
	bl ldso_tls_block
	mov x3, x0
	ldr x9, [sp, #672]
	ldr x10, [sp, #680]
	msr fpsr, x9
	msr fpcr, x10
	ldp q30, q31, [sp, #640]
	ldp q28, q29, [sp, #608]
	ldp q26, q27, [sp, #576]
	ldp q24, q25, [sp, #544]
	ldp q22, q23, [sp, #512]
	ldp q20, q21, [sp, #480]
	ldp q18, q19, [sp, #448]
	ldp q16, q17, [sp, #416]
	ldp q14, q15, [sp, #384]
	ldp q12, q13, [sp, #352]
	ldp q10, q11, [sp, #320]
	ldp q8, q9, [sp, #288]
	ldp q6, q7, [sp, #256]
	ldp q4, q5, [sp, #224]
	ldp q2, q3, [sp, #192]
	ldp q0, q1, [sp, #160]
	ldr x18, [sp, #144]
	ldp x16, x17, [sp, #128]
	ldp x14, x15, [sp, #112]
	ldp x12, x13, [sp, #96]
	ldp x10, x11, [sp, #80]
	ldp x8, x9, [sp, #64]
	ldp x6, x7, [sp, #48]
	ldp x4, x5, [sp, #32]
	ldp x0, x2, [sp, #16]
	ldp x29, x30, [sp, #0]
	add sp, sp, #688
	.cfi_adjust_cfa_offset -688
	b 2b
	.cfi_endproc
	.size ldso_tlsdesc_dynamic, .-ldso_tlsdesc_dynamic
	.section .note.GNU-stack,"",%progbits
