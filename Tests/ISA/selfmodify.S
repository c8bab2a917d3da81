# selfmodify.S: code that rewrites itself. A routine runs once (so it is decoded and
# cached), then a store replaces its first instruction; the next call must run the new
# instruction, with fence.i and without it (xv6 copies code and runs it without one).
    .include "harness.inc"
    TEST_START selfmodify

    TEST 1                              # without fence.i
    call patchable
    CHECK_IMM a0, 1
    la t0, patchable
    lw t1, replacement
    sw t1, 0(t0)
    call patchable
    CHECK_IMM a0, 2

    TEST 2                              # with fence.i, and a compressed replacement
    la t0, patchable
    lhu t1, replacement_c
    sh t1, 0(t0)
    li t1, 0x0001                       # c.nop after the 2-byte instruction
    sh t1, 2(t0)
    fence.i
    call patchable
    CHECK_IMM a0, 3

    TEST 3                              # code copied to a new place and run there
    la t0, patchable
    la t1, copy
    lw t2, 0(t0)
    sw t2, 0(t1)
    lw t2, 4(t0)
    sw t2, 4(t1)
    call copy
    CHECK_IMM a0, 3
    TEST_PASS

    .option push
    .option norvc
    .p2align 2
patchable:
    li a0, 1
    ret
replacement:
    li a0, 2
    .option pop
replacement_c:
    c.li a0, 3

    .data
    .p2align 2
copy:
    .word 0, 0
    .option push
    .option norvc
    ret
    .option pop
