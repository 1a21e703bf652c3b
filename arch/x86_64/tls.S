// Thread pointer and TLS descriptor resolvers for x86_64.
	.text
// void ldso_arch_set_tp(uintptr_t tp): arch_prctl(ARCH_SET_FS, tp), raw.
	.globl ldso_arch_set_tp
	.type ldso_arch_set_tp, @function
ldso_arch_set_tp:
	mov %rdi, %rsi
	mov $0x1002, %edi
	mov $158, %eax
	syscall
	ret
	.size ldso_arch_set_tp, .-ldso_arch_set_tp

// TLSDESC for a block in static TLS: %rax points to the descriptor, whose
// second word is the offset from the thread pointer. Clobbers only %rax.
	.globl ldso_tlsdesc_static
	.type ldso_tlsdesc_static, @function
ldso_tlsdesc_static:
	.cfi_startproc
	mov 8(%rax), %rax
	ret
	.cfi_endproc
	.size ldso_tlsdesc_static, .-ldso_tlsdesc_static

// TLSDESC for an undefined weak symbol: the address must come out as 0,
// so return -tp. Clobbers only %rax.
	.globl ldso_tlsdesc_undefweak
	.type ldso_tlsdesc_undefweak, @function
ldso_tlsdesc_undefweak:
	.cfi_startproc
	mov 8(%rax), %rax
	sub %fs:0, %rax
	ret
	.cfi_endproc
	.size ldso_tlsdesc_undefweak, .-ldso_tlsdesc_undefweak
	.section .note.GNU-stack,"",@progbits
