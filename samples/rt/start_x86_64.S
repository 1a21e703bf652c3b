// _start for x86_64: the initial stack pointer points at argc; rdx holds the
// function the dynamic linker wants run at exit (glibc: _dl_fini), or 0.
	.text
	.globl _start
	.type _start, @function
_start:
	.cfi_startproc
	.cfi_undefined rip
	xor %ebp, %ebp
	mov %rsp, %rdi
	mov %rdx, %rsi
	and $-16, %rsp
	call rt_start_c
	hlt
	.cfi_endproc
	.size _start, . - _start
	.section .note.GNU-stack, "", @progbits
