// A function with a variant procedure call standard: its arguments are in
// x9-x15 and d16-d23, registers the base PCS lets any callee clobber. A lazy
// PLT resolver written for the base PCS would destroy them, so every dynamic
// linker must bind this PLT slot before the first call.
	.text
	.globl vp_sum
	.type vp_sum, %function
	.variant_pcs vp_sum
vp_sum:
	add x0, x9, x10
	add x0, x0, x11
	add x0, x0, x12
	add x0, x0, x13
	add x0, x0, x14
	add x0, x0, x15
	fmov x1, d16
	add x0, x0, x1
	fmov x1, d17
	add x0, x0, x1
	fmov x1, d18
	add x0, x0, x1
	fmov x1, d19
	add x0, x0, x1
	fmov x1, d20
	add x0, x0, x1
	fmov x1, d21
	add x0, x0, x1
	fmov x1, d22
	add x0, x0, x1
	fmov x1, d23
	add x0, x0, x1
	ret
	.size vp_sum, .-vp_sum
	.section .note.GNU-stack,"",%progbits
