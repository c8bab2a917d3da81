# devices.S: the board's devices at the register level. The NS16550A UART: scratch
# register, divisor latch behind LCR.DLAB, LSR with the transmitter empty, IIR reporting
# "no interrupt" and then THR empty once IER enables it (cleared by reading IIR), FIFO bits
# in IIR after FCR, and loopback through MCR. The PLIC: priorities, enables, threshold, and
# claim/complete with the UART (source 10) as a real source. The CLINT's mtime advances.
    .include "harness.inc"
    .equ UART, 0x10000000
    .equ PLIC, 0x0c000000
    .equ MTIME, 0x0200bff8
    TEST_START devices
    li s0, UART

    TEST 1                              # scratch and divisor latch
    li a0, 0x5a
    sb a0, 7(s0)
    lbu a1, 7(s0)
    CHECK_IMM a1, 0x5a
    lbu s1, 3(s0)                       # keep LCR
    li a0, 0x80
    sb a0, 3(s0)                        # DLAB
    li a0, 0x12
    sb a0, 0(s0)
    li a0, 0x34
    sb a0, 1(s0)
    lbu a1, 0(s0)
    CHECK_IMM a1, 0x12
    lbu a1, 1(s0)
    CHECK_IMM a1, 0x34
    sb s1, 3(s0)

    TEST 2                              # transmitter empty, and IIR
    lbu a0, 5(s0)
    andi a0, a0, 0x60
    CHECK_IMM a0, 0x60
    sb zero, 1(s0)                      # IER = 0
    lbu a0, 2(s0)
    andi a0, a0, 0x0f
    CHECK_IMM a0, 0x01                  # nothing pending
    li a0, 0x02                         # IER.ETBEI
    sb a0, 1(s0)
    lbu a0, 2(s0)
    andi a0, a0, 0x0f
    CHECK_IMM a0, 0x02                  # THR empty
    lbu a0, 2(s0)
    andi a0, a0, 0x0f
    CHECK_IMM a0, 0x01                  # reading IIR cleared it

    TEST 3                              # FIFO enable shows in IIR bits 7:6
    li a0, 0x07
    sb a0, 2(s0)
    lbu a0, 2(s0)
    andi a0, a0, 0xc0
    CHECK_IMM a0, 0xc0

    TEST 4                              # loopback: a byte written comes back
    li a0, 0x10
    sb a0, 4(s0)
    li a0, 'Z'
    sb a0, 0(s0)
    li t1, 1000
1:  lbu a1, 5(s0)
    andi a1, a1, 1
    bnez a1, 2f
    addi t1, t1, -1
    bnez t1, 1b
    j fail
2:  lbu a1, 0(s0)
    CHECK_IMM a1, 'Z'
    sb zero, 4(s0)

    TEST 5                              # PLIC: the UART's THR-empty interrupt, claimed in M
    li s1, PLIC
    li a0, 5
    sw a0, 4 * 10(s1)                   # priority of source 10
    lw a1, 4 * 10(s1)
    CHECK_IMM a1, 5
    li a0, 1 << 10
    li t0, PLIC + 0x2000                # context 0 enables
    sw a0, 0(t0)
    li t0, PLIC + 0x200000              # context 0 threshold
    sw zero, 0(t0)
    li a0, 0x02
    sb a0, 1(s0)                        # IER.ETBEI: the UART asserts its line
    li t1, 1000
1:  csrr a0, mip
    srli a0, a0, 11                     # MEIP
    andi a0, a0, 1
    bnez a0, 2f
    addi t1, t1, -1
    bnez t1, 1b
    j fail
2:  li t0, PLIC + 0x200004
    lw a0, 0(t0)                        # claim
    CHECK_IMM a0, 10
    sb zero, 1(s0)                      # the UART lowers its line
    sw a0, 0(t0)                        # complete
    csrr a0, mip
    srli a0, a0, 11
    andi a0, a0, 1
    CHECK_IMM a0, 0
    lw a0, 0(t0)                        # nothing left to claim
    CHECK_IMM a0, 0

    TEST 6                              # threshold masks priorities at or below it
    li t0, PLIC + 0x200000
    li a0, 5
    sw a0, 0(t0)
    li a0, 0x02
    sb a0, 1(s0)
    li t1, 100
1:  addi t1, t1, -1
    bnez t1, 1b
    csrr a0, mip
    srli a0, a0, 11
    andi a0, a0, 1
    CHECK_IMM a0, 0
    sb zero, 1(s0)
    sw zero, 0(t0)

    TEST 7                              # mtime moves forward
    li t0, MTIME
    ld a0, 0(t0)
    li t1, 10000
1:  addi t1, t1, -1
    bnez t1, 1b
    ld a1, 0(t0)
    bgeu a0, a1, fail
    TEST_PASS

fail:
    j harness_fail_values
