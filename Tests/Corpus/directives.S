# Every directive, with data placed in .text so that its bytes are compared with GNU as:
# sections, symbols, constants, data, strings, space and fill, alignment, options, macros,
# repetitions, conditionals, includes, numeric labels and expressions.
    .include "include/helpers.inc"
    .equ WORDS, 4
    .set SCALE, 3
    COUNT = 2
    .text
    .globl _start
    .global entry2
    .type _start, @function
_start:
entry2:
    push a0
    push s1
    li a0, INCLUDED_VALUE
    li a1, WORDS * SCALE + COUNT
    li a2, (1 << 12) | 0x34
    li a3, ~0 ^ 0xff
    li a4, -(WORDS - 10) % 4
    li a5, 100 / 7 + 100 % 7
    li t0, 0x10 >> 2 & 7
    li t1, 1 + 2 & 3
    li t2, 'A'
    li t3, '\n'
    li t4, 017
    li t5, 0b1011
    li t6, (3 == 3) + (2 < 1) + (4 >= 4) + (1 != 1)
    .set SCALE, 5
    li s2, SCALE
    .size _start, . - _start
    .local helper
helper:
    .byte 1, 2, 0xff, -1, 'z'
    .half 0x1234, -2
    .2byte 7
    .short 8
    .word 0xdeadbeef, helper - _start
    .4byte 9
    .long 10
    .int 11
    .dword 0x123456789abcdef0
    .8byte -1
    .quad helper
    .ascii "abc", "\t\n\\\"\101\x41"
    .asciz "zero"
    .string "str", "two"
    .zero 3
    .space 2
    .space 3, 0xaa
    .skip 2, 7
    .fill 3, 2, 0x1234
    .fill 2, 8, 0x1122334455667788
    .fill 1
    .align 2
    .byte 1
    .p2align 3
    .byte 2
    .balign 16
    .byte 3
    .balign 8, 0x5a
    .byte 4
    .p2align 4, , 3
    .byte 5
    .align 3, 0xcc, 16
    nop
    .option push
    .option norvc
    addi a0, a0, 1
    .option push
    .option rvc
    addi a0, a0, 1
    .option pop
    addi a0, a0, 1
    .option pop
    addi a0, a0, 1
    .option norelax
    .option relax
    .option norelax
    .macro sum a, b=7, c
    li \a, \b + 1
    .ifnb \c
    addi \a, \a, \c
    .endif
    .endm
    sum a0
    sum a1, 3
    sum a2 c=5
    sum a3, 2, 9
    .macro labeled
    j 9f
    nop
9:  nop
    label_\@:
    .endm
    labeled
    labeled
    .macro recurse n
    .if \n
    addi a0, a0, \n
    recurse (\n - 1)
    .endif
    .endm
    recurse 3
    .macro early x
    li a0, \x
    .exitm
    li a0, 99
    .endm
    early 4
    .macro many first, rest:vararg
    .byte \first, \rest
    .endm
    many 1, 2, 3, 4
    .rept 3
    addi a0, a0, 2
    .endr
    .rept 2
    .rept 2
    nop
    .endr
    .endr
    .irp reg, a0, a1, s0
    mv \reg, zero
    .endr
    .irpc digit, 123
    li a0, \digit
    .endr
    .if COUNT == 2
    li a0, 2
    .elseif COUNT == 3
    li a0, 3
    .else
    li a0, 4
    .endif
    .if 0
    this line is not assembled
    .elseif 1
    li a0, 5
    .endif
    .ifdef WORDS
    li a0, 6
    .endif
    .ifndef UNDEFINED_SYMBOL
    li a0, 7
    .else
    li a0, 8
    .endif
    .ifeq COUNT - 2
    li a0, 9
    .endif
    .ifne COUNT
    li a0, 10
    .endif
1:  addi a0, a0, -1
    bnez a0, 1b
    j 1f
1:  j 1b
2:  beqz a0, 2f
2:  beqz a0, 2b
    .incbin "include/blob.bin"
    .incbin "include/blob.bin", 4
    .incbin "include/blob.bin", 4, 2
    .balign 4
    nop; nop ; addi a0, a0, 1  # several statements on one line
    /* a block comment */ nop
    /* a comment
       over two lines */
    nop
    .section .text.extra, "ax", @progbits
extra:
    ret
    .text
    ret
    .data
    .word 1
# A quoted macro argument stands for what is inside the quotes.
    .macro quoted_text t
    .ascii "\t"
    .endm
    .section .rodata
    quoted_text "two words"
    quoted_text "comma, inside"
    .text
    .macro quoted_default t, u="default text"
    .ascii "\t|\u"
    .endm
    .section .rodata
    quoted_default a
    .text
    .macro quoted_comma t, u="a,b c"
    .ascii "\t|\u"
    .endm
    .section .rodata
    quoted_comma x
    quoted_comma "y z"
    .text

    .end
    this line is after .end and is not read

