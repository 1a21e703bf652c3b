// long thr_clone(unsigned long flags, void* stack_top, int* ptid, int* ctid,
//                void* tls, long (*fn)(void*), void* arg)
// clone(2) for tls_threads: the child runs fn(arg) on stack_top (16-byte
// aligned) and exits its thread with fn's result; the parent gets the tid.
// aarch64 clone: x0 flags, x1 stack, x2 parent_tid, x3 tls, x4 child_tid.
	.text
	.globl thr_clone
	.hidden thr_clone
	.type thr_clone, %function
thr_clone:
	stp x5, x6, [x1, #-16]!
	mov x9, x3
	mov x3, x4
	mov x4, x9
	mov x8, #220
	svc #0
	cbnz x0, 1f
	ldp x5, x0, [sp], #16
	mov x29, #0
	mov x30, #0
	blr x5
	mov x8, #93
	svc #0
	brk #0
1:	ret
	.size thr_clone, . - thr_clone
	.section .note.GNU-stack, "", %progbits
