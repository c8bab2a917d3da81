# muldiv.S: the M extension: full-width products (mulh, mulhsu, mulhu), division by zero
# (quotient all ones, remainder the dividend), overflow (most negative / -1), the signs of
# remainders, and the W forms that sign-extend 32-bit results (ISA manual, "M" chapter).
    .include "harness.inc"
    TEST_START muldiv

    TEST 1
    li a0, 0x123456789
    li a1, 0x987654321
    mul a2, a0, a1
    CHECK_IMM a2, 0xd77d742cce1833a9
    li a0, -1
    li a1, -1
    mulh a2, a0, a1
    CHECK_IMM a2, 0
    mulhu a2, a0, a1
    CHECK_IMM a2, -2
    mulhsu a2, a0, a1
    CHECK_IMM a2, -1
    li a0, 0x8000000000000000
    li a1, 2
    mulh a2, a0, a1
    CHECK_IMM a2, -1
    mulhu a2, a0, a1
    CHECK_IMM a2, 1

    TEST 2                              # division by zero
    li a0, 42
    div a1, a0, zero
    CHECK_IMM a1, -1
    divu a1, a0, zero
    CHECK_IMM a1, -1
    rem a1, a0, zero
    CHECK_IMM a1, 42
    remu a1, a0, zero
    CHECK_IMM a1, 42
    divw a1, a0, zero
    CHECK_IMM a1, -1
    remuw a1, a0, zero
    CHECK_IMM a1, 42

    TEST 3                              # overflow
    li a0, 0x8000000000000000
    li a1, -1
    div a2, a0, a1
    CHECK a2, a0
    rem a2, a0, a1
    CHECK_IMM a2, 0
    li a0, -0x80000000
    divw a2, a0, a1
    CHECK_IMM a2, -0x80000000
    remw a2, a0, a1
    CHECK_IMM a2, 0

    TEST 4                              # remainders take the dividend's sign
    li a0, -7
    li a1, 2
    div a2, a0, a1
    CHECK_IMM a2, -3
    rem a2, a0, a1
    CHECK_IMM a2, -1
    li a0, 7
    li a1, -2
    rem a2, a0, a1
    CHECK_IMM a2, 1
    divu a2, a0, a1
    CHECK_IMM a2, 0

    TEST 5                              # W forms
    li a0, 0x10000
    mulw a1, a0, a0
    CHECK_IMM a1, 0
    li a0, 0x7fffffff
    li a1, 2
    mulw a2, a0, a1
    CHECK_IMM a2, -2
    li a0, 0xffffffff00000007
    li a1, 2
    divuw a2, a0, a1
    CHECK_IMM a2, 3
    li a0, -7
    divw a2, a0, a1
    CHECK_IMM a2, -3
    remw a2, a0, a1
    CHECK_IMM a2, -1
    li a0, 0xfffffff9
    remuw a2, a0, a1
    CHECK_IMM a2, 1
    TEST_PASS
