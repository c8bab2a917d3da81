# registers.S: the final register state, for the comparison with QEMU. A mix of arithmetic
# leaves a value in every register; all 31 are stored, then printed one per line, so the
# differential test compares the whole register file as well as the verdict.
    .include "harness.inc"
    TEST_START registers

    TEST 1
    li x1, 0x0123456789abcdef
    li x2, -7
    mul x3, x1, x2
    mulhsu x4, x2, x1
    divu x5, x1, x2
    rem x6, x1, x2
    sraw x7, x1, x2
    srl x8, x1, x2
    sltu x9, x2, x1
    addw x10, x1, x3
    xor x11, x3, x4
    sub x12, x5, x6
    auipc x13, 0x12345
    la x14, harness_name
    sub x13, x13, x14                   # position independent
    lui x15, 0xfffff
    addiw x16, x15, -1
    subw x17, x16, x1
    sll x18, x1, x17
    andi x19, x18, -256
    or x20, x19, x12
    mulw x21, x20, x2
    remuw x22, x21, x1
    divw x23, x1, x21
    sltiu x24, x23, -1
    srai x25, x1, 17
    srli x26, x2, 60
    slliw x27, x1, 7
    mulh x28, x1, x1
    mulhu x29, x2, x2
    not x30, x29
    neg x31, x30
    la x14, saved                       # store x1..x31 (x14 holds the address)
    sd x1, 8(x14)
    sd x2, 16(x14)
    sd x3, 24(x14)
    sd x4, 32(x14)
    sd x5, 40(x14)
    sd x6, 48(x14)
    sd x7, 56(x14)
    sd x8, 64(x14)
    sd x9, 72(x14)
    sd x10, 80(x14)
    sd x11, 88(x14)
    sd x12, 96(x14)
    sd x13, 104(x14)
    sd x15, 120(x14)
    sd x16, 128(x14)
    sd x17, 136(x14)
    sd x18, 144(x14)
    sd x19, 152(x14)
    sd x20, 160(x14)
    sd x21, 168(x14)
    sd x22, 176(x14)
    sd x23, 184(x14)
    sd x24, 192(x14)
    sd x25, 200(x14)
    sd x26, 208(x14)
    sd x27, 216(x14)
    sd x28, 224(x14)
    sd x29, 232(x14)
    sd x30, 240(x14)
    sd x31, 248(x14)
    sd x14, 112(x14)
    la sp, harness_stack_top            # the harness needs its stack and test number back
    li gp, 1
    li s1, 1                            # print x1..x31
1:  li a0, 'x'
    call harness_putc
    mv a0, s1
    call harness_putdec
    li a0, ' '
    call harness_putc
    la t0, saved
    slli t1, s1, 3
    add t0, t0, t1
    ld a0, 0(t0)
    call harness_puthex
    li a0, '\n'
    call harness_putc
    addi s1, s1, 1
    li t0, 32
    bne s1, t0, 1b
    TEST_PASS

    .data
    .p2align 3
saved: .zero 256
