# rv64c.S: the C extension on RV64 (unprivileged spec, chapter "C" Extension for
# Compressed Instructions), every integer compressed instruction written explicitly:
# stack-pointer-based loads and stores, register-based loads and stores, c.j, c.jr and
# c.jalr (link pc + 2), c.beqz/c.bnez, c.li, c.lui (negative values), c.addi, c.addiw,
# c.addi16sp, c.addi4spn, shifts (c.srai sign-filling), c.andi with negative immediates,
# the register-register forms with their W variants, c.nop and c.ebreak. RV64C has no
# c.jal (its encoding is c.addiw); the floating-point forms are absent as F/D are.

    .include "harness.inc"

    TEST_START rv64c
    la s0, data
    mv s2, sp                   # the harness stack, restored after sp tests

    # c.li / c.lui: 6-bit sign-extended immediates.
    TEST 1
    c.li a0, 31
    CHECK_IMM a0, 31
    c.li a0, -32
    CHECK_IMM a0, -32
    TEST 2
    c.lui a1, 1
    CHECK_IMM a1, 0x1000
    c.lui a1, 31
    CHECK_IMM a1, 0x1f000
    c.lui a1, 0xfffff           # nzimm -1
    CHECK_IMM a1, 0xfffffffffffff000
    c.lui a1, 0xfffe0           # nzimm -32
    CHECK_IMM a1, 0xfffffffffffe0000

    # c.addi, c.addiw (sign-extends bit 31), c.nop.
    TEST 3
    li a0, 10
    c.addi a0, -11
    CHECK_IMM a0, -1
    c.addi a0, 31
    CHECK_IMM a0, 30
    TEST 4
    li a0, 0x7fffffff
    c.addiw a0, 1
    CHECK_IMM a0, 0xffffffff80000000
    li a0, 0x123456789
    c.addiw a0, 0               # sext.w
    CHECK_IMM a0, 0x23456789
    li a0, 0
    c.addiw a0, -32
    CHECK_IMM a0, -32
    TEST 5
    li a0, 5
    c.nop
    CHECK_IMM a0, 5

    # c.addi16sp: sp += nzimm (multiples of 16, -512..496); c.addi4spn: rd' = sp + nzuimm.
    TEST 6
    la sp, data
    c.addi16sp sp, -512
    la a1, data - 512
    CHECK sp, a1
    c.addi16sp sp, 496
    la a1, data - 16
    CHECK sp, a1
    c.addi16sp sp, 16
    TEST 7
    c.addi4spn a0, sp, 4
    la a1, data + 4
    CHECK a0, a1
    c.addi4spn a5, sp, 1020
    la a1, data + 1020
    CHECK a5, a1

    # c.lwsp/c.ldsp sign extension, c.swsp/c.sdsp; sp = data.
    TEST 8
    c.lwsp a0, 0(sp)
    CHECK_IMM a0, 0xffffffff80000001
    c.ldsp a0, 8(sp)
    CHECK_IMM a0, 0x8877665544332211
    TEST 9
    li t0, 0x1234567890abcdef
    c.sdsp t0, 16(sp)
    c.swsp t0, 28(sp)
    ld a0, 16(s0)
    CHECK a0, t0
    lwu a0, 28(s0)
    CHECK_IMM a0, 0x90abcdef
    c.lwsp t1, 28(sp)
    CHECK_IMM t1, 0xffffffff90abcdef
    mv sp, s2

    # c.lw/c.ld/c.sw/c.sd on x8-x15.
    TEST 10
    c.lw a2, 0(s0)
    CHECK_IMM a2, 0xffffffff80000001
    c.lw a2, 4(s0)
    CHECK_IMM a2, 0x7fffffff
    c.ld a3, 8(s0)
    CHECK_IMM a3, 0x8877665544332211
    TEST 11
    li a4, 0xcafef00d
    c.sw a4, 32(s0)
    li a4, -2
    c.sd a4, 40(s0)
    mv s1, s0
    c.lw a5, 32(s1)
    CHECK_IMM a5, 0xffffffffcafef00d
    c.ld a5, 40(s1)
    CHECK_IMM a5, -2

    # Shifts: c.slli (any register), c.srli/c.srai (x8-x15), 6-bit amounts.
    TEST 12
    li t2, 1
    c.slli t2, 63
    CHECK_IMM t2, 0x8000000000000000
    mv a0, t2
    c.srai a0, 63
    CHECK_IMM a0, -1
    mv a0, t2
    c.srai a0, 4
    CHECK_IMM a0, 0xf800000000000000
    mv a0, t2
    c.srli a0, 63
    CHECK_IMM a0, 1
    li a0, 0x7000000000000000
    c.srai a0, 60
    CHECK_IMM a0, 7
    li a0, -1
    c.srli a0, 32
    CHECK_IMM a0, 0xffffffff

    # c.andi with negative and positive immediates.
    TEST 13
    li a0, 0x123456789abcdef7
    c.andi a0, -16
    CHECK_IMM a0, 0x123456789abcdef0
    li a0, 0x123456789abcdef7
    c.andi a0, -32
    CHECK_IMM a0, 0x123456789abcdee0
    li a0, 0x123456789abcdef7
    c.andi a0, 31
    CHECK_IMM a0, 0x17

    # Register-register: c.mv, c.add, c.sub, c.xor, c.or, c.and, c.subw, c.addw.
    TEST 14
    li t3, 0x5555
    c.mv t4, t3
    CHECK_IMM t4, 0x5555
    c.add t4, t3
    CHECK_IMM t4, 0xaaaa
    TEST 15
    li a0, 0xff00
    li a1, 0x0ff0
    c.sub a0, a1
    CHECK_IMM a0, 0xef10
    li a0, 0xff00
    c.xor a0, a1
    CHECK_IMM a0, 0xf0f0
    li a0, 0xff00
    c.or a0, a1
    CHECK_IMM a0, 0xfff0
    li a0, 0xff00
    c.and a0, a1
    CHECK_IMM a0, 0x0f00
    TEST 16
    li a0, 0x7fffffff
    li a1, 1
    c.addw a0, a1
    CHECK_IMM a0, 0xffffffff80000000
    li a0, 0x100000000
    c.subw a0, a1
    CHECK_IMM a0, -1
    li a0, 0x80000000
    li a1, 0xffffffff00000001
    c.subw a0, a1
    CHECK_IMM a0, 0x7fffffff

    # c.j forwards and backwards.
    TEST 17
    li a0, 1
    c.j 2f
1:  li a0, 3
    c.j 3f
2:  c.j 1b
    li a0, 0
3:  CHECK_IMM a0, 3

    # c.beqz/c.bnez: whole-register tests.
    TEST 18
    li a0, 0
    li a1, 0x100000000
    li a2, 0
    c.beqz a1, 1f
    addi a2, a2, 1              # not taken: counts
1:  c.bnez a1, 2f
    j harness_fail_values
2:  c.beqz a0, 3f
    j harness_fail_values
3:  c.bnez a0, 4f
    addi a2, a2, 1
4:  CHECK_IMM a2, 2

    # c.jr: no link; c.jalr: ra = pc + 2.
    TEST 19
    la t0, 1f
    li a0, 0
    c.jr t0
    li a0, 9
1:  CHECK_IMM a0, 0
    TEST 20
    la t0, c_function
    li a0, 0
    c.jalr t0
10: CHECK_IMM a0, 0x77
    la a1, 10b
    CHECK ra, a1
    # c.jalr through ra itself: target from the old ra, link overwrites it.
    TEST 21
    la ra, c_function
    li a0, 0
    c.jalr ra
11: CHECK_IMM a0, 0x77
    la a1, 11b
    CHECK ra, a1

    # c.ebreak: mcause 3, mepc = the 2-byte instruction.
    TEST 22
    EXPECT_TRAP 3, 1f
20: c.ebreak
    j harness_fail_values
1:  ld a0, harness_seen_cause
    CHECK_IMM a0, 3
    ld a0, harness_seen_epc
    la a1, 20b
    CHECK a0, a1
    # After a 2-byte instruction the next one sits at 2 mod 4 when the first is aligned.
    TEST 23
    .p2align 2
30: c.nop
31: auipc a0, 0
    la a1, 30b
    sub a0, a0, a1
    CHECK_IMM a0, 2

    TEST_PASS

c_function:
    c.li a0, 0
    c.addi a0, 0x17
    addi a0, a0, 0x60
    c.jr ra

    .data
    .p2align 4
data:
    .word 0x80000001, 0x7fffffff
    .dword 0x8877665544332211
    .zero 1024
