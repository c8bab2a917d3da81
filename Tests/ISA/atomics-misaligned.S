# atomics-misaligned.S: LR at a misaligned address raises load address misaligned (cause 4),
# SC and AMOs raise store/AMO address misaligned (cause 6), each with mtval = the address
# (privileged spec 1.12, table 3.6).
#
# qemu-differs: QEMU 7.2 raises cause 4 for a misaligned AMO; the spec says 6, which rvmk
# follows, so this file is not compared with QEMU.
    .include "harness.inc"
    TEST_START atomics-misaligned

    TEST 1                              # misaligned LR, SC and AMO trap
    la a0, word
    addi a0, a0, 4
    EXPECT_TRAP 4, 1f
    lr.d a1, (a0)
    j fail
1:  CHECK_TRAP 4, 0
    ld t6, harness_seen_tval
    CHECK t6, a0
    EXPECT_TRAP 6, 1f
    amoadd.d a1, a1, (a0)
    j fail
1:  ld t6, harness_seen_cause
    CHECK_IMM t6, 6
    addi a0, a0, 1
    EXPECT_TRAP 6, 1f
    sc.w a1, a1, (a0)
    j fail
1:  ld t6, harness_seen_cause
    CHECK_IMM t6, 6
    TEST_PASS
fail:
    j harness_fail_values

    .data
    .p2align 4
word: .dword 0, 0
