// R_X86_64_SIZE32 / SIZE64: the st_size of the symbol the reference binds
// to at run time, plus the addend.
	.data
	.p2align 3
	.globl size32_field, size32_field_add, size64_field, size64_field_add, size64_fn, size64_dup
	.type size32_field, %object
	.size size32_field, 4
size32_field:	.long size_obj@SIZE
	.type size32_field_add, %object
	.size size32_field_add, 4
size32_field_add:	.long size_obj@SIZE + 100
	.type size64_field, %object
	.size size64_field, 8
size64_field:	.quad size_obj@SIZE
	.type size64_field_add, %object
	.size size64_field_add, 8
size64_field_add:	.quad size_obj@SIZE - 8
	.type size64_fn, %object
	.size size64_fn, 8
size64_fn:	.quad size_fn@SIZE
	.type size64_dup, %object
	.size size64_dup, 8
size64_dup:	.quad size_dup@SIZE
	.section .note.GNU-stack, "", @progbits
