// Thread pointer and TLS descriptor resolvers for x86_64.
#include "vector_state.inc"
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
// TLSDESC for a module in dynamic TLS: the descriptor's second word points
// to {module id, offset}. Returns the address minus the thread pointer and
// preserves every other register, vector state included (slow path: xsave).
	.globl ldso_tlsdesc_dynamic
	.type ldso_tlsdesc_dynamic, @function
ldso_tlsdesc_dynamic:
	.cfi_startproc
	mov 8(%rax), %rax
	push %rdi
	.cfi_adjust_cfa_offset 8
	push %rsi
	.cfi_adjust_cfa_offset 8
	// The DTV: the TCB's (self-linked), or a slot in static TLS that is
	// null until this thread's first slow path (host mode).
	mov ldso_dtv_offset(%rip), %rdi
	mov %fs:(%rdi), %rdi
	test %rdi, %rdi
	jz 1f
	// Of the current generation (no module it knows left since), and
	// covering the module id (dtv[0]); then dtv[2 * id], the block.
	mov ldso_tls_generation(%rip), %rsi
	cmp 8(%rdi), %rsi
	jne 1f
	mov (%rax), %rsi
	cmp (%rdi), %rsi
	jae 1f
	shl $4, %rsi
	mov (%rdi,%rsi), %rdi
	test %rdi, %rdi
	jz 1f
2:	add 8(%rax), %rdi
	sub %fs:0, %rdi
	mov %rdi, %rax
	pop %rsi
	.cfi_adjust_cfa_offset -8
	pop %rdi
	.cfi_adjust_cfa_offset -8
	ret
	.cfi_adjust_cfa_offset 16
1:	// Slow path: allocate the block, keeping every register.
	push %rbx
	.cfi_adjust_cfa_offset 8
	mov %rsp, %rbx
	.cfi_def_cfa_register rbx
	push %rax
	push %rcx
	push %rdx
	push %r8
	push %r9
	push %r10
	push %r11
	SAVE_VECTOR_STATE
	mov ldso_dtv_offset(%rip), %rdi
	mov %fs:(%rdi), %rdi
	mov -8(%rbx), %rax
	mov (%rax), %rsi
	call ldso_tls_block
	mov %rax, %rdi
	RESTORE_VECTOR_STATE
	mov -8(%rbx), %rax
	mov -16(%rbx), %rcx
	mov -24(%rbx), %rdx
	mov -32(%rbx), %r8
	mov -40(%rbx), %r9
	mov -48(%rbx), %r10
	mov -56(%rbx), %r11
	mov %rbx, %rsp
	.cfi_def_cfa_register rsp
	pop %rbx
	.cfi_adjust_cfa_offset -8
	jmp 2b
	.cfi_endproc
	.size ldso_tlsdesc_dynamic, .-ldso_tlsdesc_dynamic
	.section .note.GNU-stack,"",@progbits
