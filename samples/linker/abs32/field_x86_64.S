// 32-bit absolute words (R_X86_64_32; ld needs -z noreloc-overflow to keep
// them as dynamic relocations) against an absolute symbol and against a
// symbol of the non-PIE executable (below 4 GiB).
	.data
	.p2align 3
	.globl abs32_field, abs32_exe_field
	.type abs32_field, %object
	.size abs32_field, 4
abs32_field:	.long abs32_sym + 1
	.type abs32_exe_field, %object
	.size abs32_exe_field, 4
abs32_exe_field:	.long exe_object
	.section .note.GNU-stack, "", @progbits
