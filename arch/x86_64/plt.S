// Lazy PLT resolver for x86_64. PLT0 pushed GOT[1] (the Object) and PLTn the
// relocation index; the caller's return address is above them. Every
// argument register is preserved: rax (vector count for varargs), rcx, rdx,
// rsi, rdi, r8, r9, r10 (static chain), and the whole vector state through
// xsave (or fxsave when the CPU has no xsave), so AVX/AVX-512 arguments survive.
#include "vector_state.inc"
	.text
	.globl ldso_plt_trampoline
	.type ldso_plt_trampoline, @function
	.hidden ldso_plt_trampoline
ldso_plt_trampoline:
	.cfi_startproc
	.cfi_adjust_cfa_offset 16
	push %rbx
	.cfi_adjust_cfa_offset 8
	.cfi_rel_offset rbx, 0
	mov %rsp, %rbx
	.cfi_def_cfa_register rbx
	sub $64, %rsp
	mov %rax, 0(%rsp)
	mov %rcx, 8(%rsp)
	mov %rdx, 16(%rsp)
	mov %rsi, 24(%rsp)
	mov %rdi, 32(%rsp)
	mov %r8, 40(%rsp)
	mov %r9, 48(%rsp)
	mov %r10, 56(%rsp)
	SAVE_VECTOR_STATE
	mov 8(%rbx), %rdi
	mov 16(%rbx), %rsi
	call ldso_lazy_fixup
	mov %rax, %r11
	RESTORE_VECTOR_STATE
	mov -64(%rbx), %rax
	mov -56(%rbx), %rcx
	mov -48(%rbx), %rdx
	mov -40(%rbx), %rsi
	mov -32(%rbx), %rdi
	mov -24(%rbx), %r8
	mov -16(%rbx), %r9
	mov -8(%rbx), %r10
	mov %rbx, %rsp
	.cfi_def_cfa_register rsp
	pop %rbx
	.cfi_adjust_cfa_offset -8
	.cfi_restore rbx
	add $16, %rsp
	.cfi_adjust_cfa_offset -16
	jmp *%r11
	.cfi_endproc
	.size ldso_plt_trampoline, .-ldso_plt_trampoline
	.section .note.GNU-stack,"",@progbits
