// No linker emits a dynamic R_AARCH64_PREL32: the linker emits
// R_AARCH64_ABS64 at these labels and patch-reloc.sh turns them into
// PREL32 (S + A - P, 32 bits at P; the upper halves stay as in the file).
	.data
	.p2align 3
	.globl pc_field, pc_field_add, pc_field_fn
	.type pc_field, %object
	.size pc_field, 8
pc_field:	.quad pc_target
	.type pc_field_add, %object
	.size pc_field_add, 8
pc_field_add:	.quad pc_target + 8
	.type pc_field_fn, %object
	.size pc_field_fn, 8
pc_field_fn:	.quad pc_fn
	.section .note.GNU-stack, "", %progbits
