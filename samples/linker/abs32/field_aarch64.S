// No linker emits a dynamic R_AARCH64_ABS32: the linker emits ABS64 at
// these labels and patch-reloc.sh turns them into ABS32 (S + A, 32 bits;
// the upper halves stay as in the file).
	.data
	.p2align 3
	.globl abs32_field, abs32_exe_field
	.type abs32_field, %object
	.size abs32_field, 8
abs32_field:	.quad abs32_sym + 1
	.type abs32_exe_field, %object
	.size abs32_exe_field, 8
abs32_exe_field:	.quad exe_object
	.section .note.GNU-stack, "", %progbits
