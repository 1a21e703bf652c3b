// Absolute symbols (SHN_ABS) that fit in 32 bits, signed and unsigned.
	.globl abs32_sym, abs32_neg
	.type abs32_sym, %object
	.size abs32_sym, 0
	.set abs32_sym, 0x12345678
	.type abs32_neg, %object
	.size abs32_neg, 0
	.set abs32_neg, -16
	.section .note.GNU-stack, "", %progbits
