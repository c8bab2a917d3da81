# Sections and the addresses GNU ld gives them with -Ttext=0x80000000: code refers to
# read-only data, data and .bss through pc-relative pairs, so the .text bytes only match if
# every section is placed as ld places it. Compared with GNU as + ld.
    .section .rodata
    .p2align 3
table:
    .dword 1, 2, 3
message:
    .string "hello"
    .data
counter:
    .word 0
    .p2align 4
buffer_pointer:
    .dword buffer
    .bss
    .p2align 6
buffer:
    .zero 256
stack_top:
    .text
    .globl _start
_start:
    la a0, table
    la a1, message
    lla a2, counter
    la sp, stack_top
    ld t0, table
    lw t1, counter
    sw t1, counter, t2
    sd t0, buffer_pointer, t3
    lbu a3, message + 1
    lui a4, %hi(0x12345678)
    addi a4, a4, %lo(0x12345678)
1:  auipc a5, %pcrel_hi(buffer)
    addi a5, a5, %pcrel_lo(1b)
2:  auipc a6, %pcrel_hi(counter + 4)
    lw a7, %pcrel_lo(2b)(a6)
    sw a7, %pcrel_lo(2b)(a6)
    .pushsection .rodata
late_constant:
    .word 0x600d
    .popsection
    la s0, late_constant
    .section .data
    .byte 9
    .previous
    la s1, late_constant
    call helper
    tail helper
helper:
    ret
    .word message - table
    .word stack_top - buffer
