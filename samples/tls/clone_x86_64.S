// long thr_clone(unsigned long flags, void* stack_top, int* ptid, int* ctid,
//                void* tls, long (*fn)(void*), void* arg)
// clone(2) for tls_threads: the child runs fn(arg) on stack_top (16-byte
// aligned) and exits its thread with fn's result; the parent gets the tid.
// x86_64 clone: rdi flags, rsi stack, rdx parent_tid, r10 child_tid, r8 tls.
	.text
	.globl thr_clone
	.hidden thr_clone
	.type thr_clone, @function
thr_clone:
	mov 8(%rsp), %rax
	sub $16, %rsi
	mov %r9, 0(%rsi)
	mov %rax, 8(%rsi)
	mov %rcx, %r10
	mov $56, %eax
	syscall
	test %rax, %rax
	jnz 1f
	xor %ebp, %ebp
	pop %rax
	pop %rdi
	call *%rax
	mov %rax, %rdi
	mov $60, %eax
	syscall
	hlt
1:	ret
	.size thr_clone, . - thr_clone
	.section .note.GNU-stack, "", @progbits
