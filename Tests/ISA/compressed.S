# compressed.S: every RVC instruction, written explicitly, with its effect checked: the
# stack-pointer forms, the 3-bit register forms, c.lui with negative values, shifts,
# c.j/c.jr/c.jalr (linking pc+2), c.beqz/c.bnez and c.ebreak.
    .include "harness.inc"
    TEST_START compressed

    TEST 1                              # immediates
    c.li a0, -32
    CHECK_IMM a0, -32
    c.addi a0, 31
    CHECK_IMM a0, -1
    c.lui a1, 0xfffe0
    CHECK_IMM a1, -0x20000
    c.lui a1, 1
    CHECK_IMM a1, 0x1000
    li a2, 0x7fffffff
    c.addiw a2, 1
    CHECK_IMM a2, -0x80000000
    c.andi a2, -16
    CHECK_IMM a2, -0x80000000
    li s0, 0xff
    c.andi s0, 0x0f
    CHECK_IMM s0, 0x0f

    TEST 2                              # shifts
    li s0, -256
    c.srli s0, 4
    CHECK_IMM s0, 0x0ffffffffffffff0
    li s1, -256
    c.srai s1, 4
    CHECK_IMM s1, -16
    li a3, 1
    c.slli a3, 63
    CHECK_IMM a3, -0x8000000000000000

    TEST 3                              # register-register
    li s0, 10
    li s1, 3
    c.sub s0, s1
    CHECK_IMM s0, 7
    c.xor s0, s1
    CHECK_IMM s0, 4
    c.or s0, s1
    CHECK_IMM s0, 7
    c.and s0, s1
    CHECK_IMM s0, 3
    li s0, 0x7fffffff
    c.addw s0, s1
    CHECK_IMM s0, -0x7ffffffe
    c.subw s0, s1
    CHECK_IMM s0, 0x7fffffff
    li a4, 5
    c.mv a5, a4
    CHECK_IMM a5, 5
    c.add a5, a4
    CHECK_IMM a5, 10

    TEST 4                              # stack forms
    addi sp, sp, -64
    mv s1, sp
    c.addi16sp sp, -32
    addi s1, s1, -32
    CHECK sp, s1
    c.addi16sp sp, 32
    c.addi4spn a0, sp, 16
    addi s1, sp, 16
    CHECK a0, s1
    li a1, 0x1122334455667788
    c.sdsp a1, 8(sp)
    c.ldsp a2, 8(sp)
    CHECK a1, a2
    c.swsp a1, 4(sp)
    c.lwsp a2, 4(sp)
    CHECK_IMM a2, 0x55667788
    mv a0, sp
    c.sw a1, 16(a0)
    c.lw a3, 16(a0)
    CHECK_IMM a3, 0x55667788
    c.sd a1, 24(a0)
    c.ld a3, 24(a0)
    CHECK a3, a1
    addi sp, sp, 64

    TEST 5                              # jumps and branches
    c.j 1f
    j fail
1:  la t0, 2f
    c.jalr t0
3:  j fail
2:  la t1, 3b
    CHECK ra, t1
    la t0, 1f
    c.jr t0
    j fail
1:  li s0, 0
    c.beqz s0, 1f
    j fail
1:  c.bnez s0, fail
    li s0, 1
    c.bnez s0, 1f
    j fail
1:  EXPECT_TRAP 3, 1f
2:  c.ebreak
    j fail
1:  ld t6, harness_seen_epc
    la t5, 2b
    CHECK t6, t5
    TEST 6                              # c.nop does nothing
    li a0, 3
    c.nop
    CHECK_IMM a0, 3
    TEST_PASS
fail:
    j harness_fail_values
