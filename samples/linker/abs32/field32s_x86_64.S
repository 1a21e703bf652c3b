// For abs32s: ld emits R_X86_64_32 here (-z noreloc-overflow) and
// patch-reloc.sh turns it into R_X86_64_32S: S + A sign-extended from 32
// bits must equal S + A; -16 fits.
	.data
	.p2align 3
	.globl abs32s_field
	.type abs32s_field, %object
	.size abs32s_field, 4
abs32s_field:	.long abs32_neg
	.section .note.GNU-stack, "", @progbits
