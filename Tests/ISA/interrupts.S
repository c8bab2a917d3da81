# interrupts.S: the machine timer (CLINT mtimecmp), machine software interrupts (msip),
# the supervisor timer through stimecmp (Sstc, enabled by menvcfg.STCE) and supervisor
# software interrupts, delegated with mideleg; vectored mtvec; the priority order when
# several are pending; wfi waking on a pending interrupt even with MIE clear; and mcause's
# interrupt bit. Timer waits are bounded loops, never assumptions about speed.
    .include "harness.inc"
    .include "modes.inc"
    .equ MSIP, 0x02000000
    .equ MTIMECMP, 0x02004000
    .equ MTIME, 0x0200bff8
    TEST_START interrupts
    PMP_OPEN

    TEST 1                              # machine timer, direct mode
    li a0, -1
    li a1, MTIMECMP
    sd a0, 0(a1)
    li t0, 0x80                         # mie.MTIE
    csrw mie, t0
    li a1, MTIME
    ld a0, 0(a1)
    addi a0, a0, 100
    li a1, MTIMECMP
    sd a0, 0(a1)
    li a0, 0x8000000000000007
    EXPECT_TRAP_SAVE a0, 1f
    csrsi mstatus, 8
    li s0, 100000000
2:  addi s0, s0, -1
    bnez s0, 2b
    j fail
1:  csrci mstatus, 8
    ld t6, harness_seen_cause
    li t5, 0x8000000000000007
    CHECK t6, t5
    csrr a0, mip                        # still pending until mtimecmp moves
    andi a0, a0, 0x80
    CHECK_IMM a0, 0x80
    li a0, -1
    li a1, MTIMECMP
    sd a0, 0(a1)
    csrr a0, mip
    andi a0, a0, 0x80
    CHECK_IMM a0, 0

    TEST 2                              # machine software interrupt, vectored mode
    la t0, vectors
    ori t0, t0, 1
    csrw mtvec, t0
    li t0, 0x8                          # mie.MSIE
    csrw mie, t0
    li a1, MSIP
    li a0, 1
    sw a0, 0(a1)
    csrsi mstatus, 8
    nop
    csrci mstatus, 8
    ld a0, vector_hit
    CHECK_IMM a0, 3                     # reached vectors + 4 * 3
    la t0, harness_trap
    csrw mtvec, t0

    TEST 3                              # wfi wakes with MIE clear, no trap taken
    li a1, MSIP
    li a0, 1
    sw a0, 0(a1)
    wfi
    csrr a0, mip
    andi a0, a0, 0x8
    CHECK_IMM a0, 0x8
    sw zero, 0(a1)
    csrr a0, mip
    andi a0, a0, 0x8
    CHECK_IMM a0, 0

    TEST 4                              # priority: MSI before MTI when both are pending
    li a1, MSIP
    li a0, 1
    sw a0, 0(a1)
    li a1, MTIMECMP
    sd zero, 0(a1)                      # MTIP now
    li t0, 0x88
    csrw mie, t0
    li a0, 0x8000000000000003
    EXPECT_TRAP_SAVE a0, 1f
    csrsi mstatus, 8
    j fail
1:  csrci mstatus, 8
    ld t6, harness_seen_cause
    li t5, 0x8000000000000003
    CHECK t6, t5
    li a1, MSIP
    sw zero, 0(a1)
    li a0, -1
    li a1, MTIMECMP
    sd a0, 0(a1)
    csrw mie, zero

    TEST 5                              # supervisor software interrupt delegated to S
    li t0, 0x222
    csrw mideleg, t0
    la t0, supervisor_handler
    csrw stvec, t0
    li t0, 0x2                          # sie.SSIE
    csrw mie, t0
    li t0, 0x2                          # sip.SSIP, set from M-mode
    csrs mip, t0
    li a0, 9
    EXPECT_TRAP_SAVE a0, 1f             # the S handler reports back with an ecall
    ENTER 1, supervisor_idle
1:  ld a0, seen_scause
    li a1, 0x8000000000000001
    CHECK a0, a1

    TEST 6                              # supervisor timer through stimecmp
    li t0, 1 << 63
    csrs menvcfg, t0
    li t0, 0x20
    csrw mie, t0
    li t0, -1
    csrw stimecmp, t0
    csrr a0, time
    addi a0, a0, 50
    csrw stimecmp, a0
    li t0, 0x2                          # scounteren needs nothing here; S reads no counters
    li a0, 9
    EXPECT_TRAP_SAVE a0, 1f
    ENTER 1, supervisor_idle
1:  ld a0, seen_scause
    li a1, 0x8000000000000005
    CHECK a0, a1
    li t0, -1
    csrw stimecmp, t0
    csrr a0, mip
    andi a0, a0, 0x20
    CHECK_IMM a0, 0
    csrw mideleg, zero
    csrw mie, zero
    TEST_PASS

fail:
    j harness_fail_values

    .p2align 2
    .option push
    .option norvc                       # four bytes per vector
vectors:
    j fail
    j fail
    j fail
    j vector_msi
    .rept 12
    j fail
    .endr
    .option pop
vector_msi:
    li t6, 3
    sd t6, vector_hit, t5
    li t6, MSIP
    sw zero, 0(t6)
    mret

    # S-mode waits with interrupts enabled; its handler records scause and calls M.
supervisor_idle:
    csrsi sstatus, 2
    li t1, 100000000
1:  addi t1, t1, -1
    bnez t1, 1b
    ecall
    .p2align 2
supervisor_handler:
    csrr t0, scause
    sd t0, seen_scause, t1
    li t0, 2
    csrc sip, t0
    ecall

    .data
    .p2align 3
vector_hit: .dword 0
seen_scause: .dword 0
