// 32-bit PC-relative words against symbols of another library: the linker
// keeps them as dynamic R_X86_64_PC32.
	.data
	.p2align 3
	.globl pc_field, pc_field_add, pc_field_fn
	.type pc_field, %object
	.size pc_field, 4
pc_field:	.long pc_target - .
	.type pc_field_add, %object
	.size pc_field_add, 4
pc_field_add:	.long pc_target + 8 - .
	.type pc_field_fn, %object
	.size pc_field_fn, 4
pc_field_fn:	.long pc_fn - .
	.section .note.GNU-stack, "", @progbits
