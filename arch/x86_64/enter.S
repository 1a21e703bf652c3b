// ldso_arch_enter(entry=%rdi, sp=%rsi, fini=%rdx): psABI process entry.
	.text
	.globl ldso_arch_enter
	.type ldso_arch_enter, @function
ldso_arch_enter:
	.cfi_startproc
	.cfi_undefined rip
	mov %rsi, %rsp
	mov %rdi, %r11
	xor %eax, %eax
	xor %ebx, %ebx
	xor %ecx, %ecx
	xor %esi, %esi
	xor %edi, %edi
	xor %ebp, %ebp
	xor %r8d, %r8d
	xor %r9d, %r9d
	xor %r10d, %r10d
	xor %r12d, %r12d
	xor %r13d, %r13d
	xor %r14d, %r14d
	xor %r15d, %r15d
	jmp *%r11
	.cfi_endproc
	.size ldso_arch_enter, .-ldso_arch_enter
	.section .note.GNU-stack,"",@progbits
