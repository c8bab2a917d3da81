# atomics.S: the A extension: LR/SC success and failure, every AMO in .w and .d forms
# returning the old value (sign-extended for .w) and updating memory, signed and unsigned
# min/max. (Misaligned addresses are in atomics-misaligned.S.)
    .include "harness.inc"
    TEST_START atomics

    TEST 1                              # lr/sc
    la a0, word
    li a1, 5
    sd a1, 0(a0)
    lr.d a2, (a0)
    CHECK_IMM a2, 5
    li a3, 9
    sc.d a4, a3, (a0)
    CHECK_IMM a4, 0
    ld a2, 0(a0)
    CHECK_IMM a2, 9
    sc.d a4, a3, (a0)                   # no reservation any more
    CHECK_IMM a4, 1

    TEST 2                              # amo*.d
    la a0, word
    li a1, 10
    sd a1, 0(a0)
    li a2, 3
    amoadd.d a3, a2, (a0)
    CHECK_IMM a3, 10
    amoswap.d a3, a2, (a0)
    CHECK_IMM a3, 13
    li a2, 6
    amoxor.d a3, a2, (a0)
    CHECK_IMM a3, 3
    amoor.d a3, a2, (a0)
    CHECK_IMM a3, 5
    li a2, 12
    amoand.d.aqrl a3, a2, (a0)
    CHECK_IMM a3, 7
    ld a3, 0(a0)
    CHECK_IMM a3, 4

    TEST 3                              # min/max signed and unsigned
    la a0, word
    li a1, -5
    sd a1, 0(a0)
    li a2, 3
    amomin.d a3, a2, (a0)
    ld a3, 0(a0)
    CHECK_IMM a3, -5
    amominu.d a3, a2, (a0)
    ld a3, 0(a0)
    CHECK_IMM a3, 3
    li a2, -1
    amomax.d a3, a2, (a0)
    ld a3, 0(a0)
    CHECK_IMM a3, 3
    amomaxu.d a3, a2, (a0)
    ld a3, 0(a0)
    CHECK_IMM a3, -1

    TEST 4                              # .w forms sign-extend and touch 4 bytes only
    la a0, word
    li a1, 0x11111111ffffffff
    sd a1, 0(a0)
    li a2, 1
    amoadd.w a3, a2, (a0)
    CHECK_IMM a3, -1
    ld a3, 0(a0)
    CHECK_IMM a3, 0x1111111100000000
    li a2, 0x80000000
    amomaxu.w a3, a2, (a0)
    lw a3, 0(a0)
    CHECK_IMM a3, -0x80000000
    li a2, 1
    amomax.w a3, a2, (a0)
    lw a3, 0(a0)
    CHECK_IMM a3, 1
    lr.w a3, (a0)
    CHECK_IMM a3, 1
    sc.w a4, a2, (a0)
    CHECK_IMM a4, 0

    TEST_PASS
fail:
    j harness_fail_values

    .data
    .p2align 4
word: .dword 0, 0
