// An absolute symbol (SHN_ABS): its value must not get the load bias.
	.globl abs_sym
	.type abs_sym, %object
	.size abs_sym, 0
	.set abs_sym, 0x123456789a
	.section .note.GNU-stack, "", %progbits
