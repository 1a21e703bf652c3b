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
	.section .note.GNU-stack,"",%progbits
