# warl.S: WARL fields that can only hold legal values (privileged spec 1.12): mstatus.MPP
# holds only U, S or M; satp keeps its old value when written with an unsupported mode;
# medeleg cannot delegate ecall from M-mode; mepc's bit 0 reads 0.
#
# qemu-differs: QEMU 7.2 lets mstatus.MPP hold 2; the spec makes MPP WARL over the
# implemented modes, which rvmk follows, so this file is not compared with QEMU.
    .include "harness.inc"
    TEST_START warl

    TEST 1                             # MPP holds only U, S or M
    li t0, 0x1800
    csrc mstatus, t0
    li t0, 0x1000                       # 2 is not a mode
    csrs mstatus, t0
    csrr a0, mstatus
    srli a0, a0, 11
    andi a0, a0, 3
    li t0, 2
    beq a0, t0, fail

    TEST 2                              # satp ignores a write of an unsupported mode
    li a0, (8 << 60) | 0x1234
    csrw satp, a0
    li a1, (9 << 60) | 0x5678           # Sv48 is not implemented
    csrw satp, a1
    csrr a2, satp
    CHECK a2, a0
    csrw satp, zero

    TEST 3                              # ecall from M-mode cannot be delegated
    li a0, -1
    csrw medeleg, a0
    csrr a1, medeleg
    li a2, 1 << 11
    and a1, a1, a2
    CHECK_IMM a1, 0
    csrw medeleg, zero

    TEST 4                              # mepc's bit 0 is always 0
    li a0, 0x80000001
    csrw mepc, a0
    csrr a1, mepc
    CHECK_IMM a1, 0x80000000
    TEST_PASS

fail:
    j harness_fail_values
