// _start for aarch64: sp points at argc; x0 holds the function the dynamic
// linker wants run at exit (glibc: _dl_fini), or 0.
	.text
	.globl _start
	.type _start, %function
_start:
	.cfi_startproc
	.cfi_undefined x30
	mov x29, #0
	mov x30, #0
	mov x1, x0
	mov x0, sp
	bl rt_start_c
	brk #0
	.cfi_endproc
	.size _start, . - _start
	.section .note.GNU-stack, "", %progbits
