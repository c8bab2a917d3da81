# rv64-zicntr.S: the Zicntr base counters (unprivileged spec, chapter "Zicntr" and
# "Zihpm" Extensions for Counters) read from M-mode: rdcycle, rdtime and rdinstret and
# their machine-mode sources mcycle and minstret. instret counts retired instructions
# exactly (issue 3: the same numbers as Spike or QEMU with -icount), so two reads k
# instructions apart differ by k, the first read counting itself. cycle and time never
# go backwards, and time advances across a long loop.
#
# Free-running QEMU derives instret from host ticks, so run-qemu.sh runs this program
# with the options on the next line.
# qemu: -icount shift=0

    .include "harness.inc"

    TEST_START rv64-zicntr

    # Back-to-back reads differ by 1.
    TEST 1
    rdinstret a0
    rdinstret a1
    sub a2, a1, a0
    CHECK_IMM a2, 1
    # Three instructions apart: the first read and two more.
    TEST 2
    rdinstret a0
    addi t0, zero, 1
    addi t1, zero, 2
    rdinstret a1
    sub a2, a1, a0
    CHECK_IMM a2, 3
    # A loop: li, then 10 times (addi, bnez): 1 + 1 + 20 = 22.
    TEST 3
    rdinstret a0
    addi t0, zero, 10
1:  addi t0, t0, -1
    bnez t0, 1b
    rdinstret a1
    sub a2, a1, a0
    CHECK_IMM a2, 22
    # Taken and untaken branches and jumps count once each: 1 + 3.
    TEST 4
    rdinstret a0
    beq zero, zero, 1f
1:  bne zero, zero, 2f
2:  jal zero, 3f
3:  rdinstret a1
    sub a2, a1, a0
    CHECK_IMM a2, 4
    # Compressed instructions count as instructions: 1 + 4.
    TEST 5
    rdinstret a0
    c.li t0, 1
    c.addi t0, 1
    c.nop
    c.mv t1, t0
    rdinstret a1
    sub a2, a1, a0
    CHECK_IMM a2, 5
    # minstret is the machine-mode view of the same counter.
    TEST 6
    csrr a0, minstret
    csrr a1, instret
    sub a2, a1, a0
    CHECK_IMM a2, 1
    # csrrs with rs1 = x0 and csrrc with x0 do not write: still exact.
    TEST 7
    csrrs a0, instret, zero
    csrrc a1, minstret, zero
    sub a2, a1, a0
    CHECK_IMM a2, 1

    # cycle and mcycle never decrease.
    TEST 10
    rdcycle a0
    rdcycle a1
    csrr a2, mcycle
    rdcycle a3
    bltu a1, a0, 9f
    bltu a2, a1, 9f
    bltu a3, a2, 9f
    j 1f
9:  mv a1, a0
    li a0, 0
    j harness_fail_values
1:
    # cycle advances across a loop of 1000 iterations.
    TEST 11
    rdcycle a0
    li t0, 1000
1:  addi t0, t0, -1
    bnez t0, 1b
    rdcycle a1
    sltu a2, a0, a1
    CHECK_IMM a2, 1

    # time never decreases, and advances across a loop of 200000 iterations.
    TEST 12
    rdtime a0
    rdtime a1
    csrr a2, time
    bltu a1, a0, 9f
    bltu a2, a1, 9f
    j 1f
9:  mv a1, a0
    li a0, 0
    j harness_fail_values
1:
    TEST 13
    rdtime a0
    li t0, 200000
1:  addi t0, t0, -1
    bnez t0, 1b
    rdtime a1
    sltu a2, a0, a1
    CHECK_IMM a2, 1
    # rdtime agrees with the CLINT's mtime (0x200bff8 on virt): read time, mtime, time.
    TEST 14
    li t0, 0x200bff8
    rdtime a0
    ld a1, 0(t0)
    rdtime a2
    bltu a1, a0, 9f
    bltu a2, a1, 9f
    j 1f
9:  mv a0, a1
    mv a1, a2
    j harness_fail_values
1:
    TEST_PASS
