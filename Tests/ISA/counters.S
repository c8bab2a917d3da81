# counters.S: minstret counts exactly the instructions retired between two reads (the
# first read retires, then the instructions in between), and so does the user view
# instret; cycle and time never go backwards; a write to minstret takes effect at once.
#
# qemu-differs: QEMU without -icount counts host time in minstret, so this file is not
# compared with QEMU.
    .include "harness.inc"
    TEST_START counters

    TEST 1
    csrr a0, minstret
    nop
    nop
    addi a2, a2, 1
    csrr a1, minstret
    sub a1, a1, a0
    CHECK_IMM a1, 4

    TEST 2                              # a taken trap does not retire the ecall
    csrr s0, minstret
    EXPECT_TRAP 11, 1f
    ecall
1:  csrr s1, minstret
    sub s1, s1, s0
    # csrr, the 7 instructions of EXPECT_TRAP and the handler's 24 (csrr mcause ... mret)
    # retire; the ecall, which traps, does not.
    CHECK_IMM s1, 1 + 7 + 24

    TEST 3                              # user-visible instret agrees with minstret
    csrr a0, instret
    csrr a1, minstret
    sub a2, a1, a0
    CHECK_IMM a2, 1

    TEST 4                              # a write to minstret replaces the writing instruction's
    li a0, 1000                         # own count (as on Spike): the next read sees 1000
    csrw minstret, a0
    csrr a1, minstret
    CHECK_IMM a1, 1000

    TEST 5                              # cycle and time do not go backwards
    rdcycle a0
    rdtime a1
    nop
    rdcycle a2
    rdtime a3
    bltu a2, a0, fail
    bltu a3, a1, fail
    TEST_PASS
fail:
    j harness_fail_values
