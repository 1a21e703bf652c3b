// aarch64 compilers do not emit absolute addresses in code, so the words are
// data placed in .text: R_AARCH64_ABS64 against symbols and
// R_AARCH64_RELATIVE for a local one, in the text segment (DT_TEXTREL,
// -z notext). C reads them PC-relatively (textrel_table).
	.text
	.p2align 3
	.globl textrel_table
	.type textrel_table, %object
textrel_table:
	.quad tr_var
	.quad tr_fn
	.quad own_word
	.size textrel_table, . - textrel_table
	.data
	.p2align 2
own_word:
	.word 100
	.section .note.GNU-stack, "", %progbits
