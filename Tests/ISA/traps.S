# traps.S: exceptions and their causes (privileged spec 1.12, table 3.6): ecall from U, S
# and M, illegal instructions with mtval holding the instruction bits, CSR privilege and
# read-only rules, xRET from the wrong mode, TVM and TW, delegation to S-mode through
# medeleg with scause/sepc/stval, and the mstatus stack across mret and sret.
    .include "harness.inc"
    .include "modes.inc"
    TEST_START traps
    PMP_OPEN

    TEST 1                              # ecall from M-mode
    EXPECT_TRAP 11, 1f
2:  ecall
    j fail
1:  ld t6, harness_seen_epc
    la t5, 2b
    CHECK t6, t5

    TEST 2                              # an illegal instruction reports its bits
    EXPECT_TRAP 2, 1f
    .word 0x00000053                    # fadd.s: no F extension
    j fail
1:  CHECK_TRAP 2, 0x00000053

    TEST 3                              # unimplemented and read-only CSRs
    EXPECT_TRAP 2, 1f
    csrr a0, 0x7c0
    j fail
1:  CHECK_TRAP 2, 0x7c002573
    EXPECT_TRAP 2, 1f
    csrw mhartid, zero
    j fail
1:  CHECK_TRAP 2, 0xf1401073
    csrr a0, mhartid                    # reading it is fine
    CHECK_IMM a0, 0

    TEST 4                              # misa: RV64 with I, M, A, C, S and U
    csrr a0, misa
    srli a1, a0, 62
    CHECK_IMM a1, 2
    li a2, (1 << 0) | (1 << 2) | (1 << 8) | (1 << 12) | (1 << 18) | (1 << 20)
    and a1, a0, a2
    CHECK a1, a2

    TEST 5                              # ecall from U-mode, and U cannot read M CSRs
    EXPECT_TRAP 8, 1f
    ENTER 0, user_ecall
1:  ld t6, harness_seen_epc
    la t5, user_ecall
    CHECK t6, t5
    EXPECT_TRAP 2, 1f
    ENTER 0, user_csr
1:  CHECK_TRAP 2, 0x30002573

    TEST 6                              # ecall from S-mode; S cannot mret
    EXPECT_TRAP 9, 1f
    ENTER 1, supervisor_ecall
1:  EXPECT_TRAP 2, 1f
    ENTER 1, supervisor_mret
1:  CHECK_TRAP 2, 0x30200073

    TEST 7                              # TVM makes satp illegal in S; TW makes wfi illegal
    li t0, 1 << 20
    csrs mstatus, t0
    EXPECT_TRAP 2, 1f
    ENTER 1, supervisor_satp
1:  li t0, 1 << 20
    csrc mstatus, t0
    li t0, 1 << 21
    csrs mstatus, t0
    EXPECT_TRAP 2, 1f
    ENTER 1, supervisor_wfi
1:  li t0, 1 << 21
    csrc mstatus, t0
    EXPECT_TRAP 2, 1f                   # wfi in U-mode is illegal
    ENTER 0, user_wfi
1:

    TEST 8                              # U-mode ecall delegated to S
    li t0, 1 << 8
    csrw medeleg, t0
    la t0, supervisor_handler
    csrw stvec, t0
    EXPECT_TRAP 9, 1f                   # the S handler reports back with its own ecall
    ENTER 0, user_ecall
1:  ld a0, seen_scause
    CHECK_IMM a0, 8
    ld a0, seen_sepc
    la a1, user_ecall
    CHECK a0, a1
    csrr a0, sstatus                    # SPP = 0: the trap came from U
    andi a0, a0, 1 << 8
    CHECK_IMM a0, 0
    csrw medeleg, zero

    TEST 9                              # mret restores MIE from MPIE and sets MPIE
    li t0, 0x88
    csrc mstatus, t0
    li t0, 0x80                         # MPIE = 1, MIE = 0
    csrs mstatus, t0
    li t0, 0x1800                       # MPP = M
    csrs mstatus, t0
    la t0, 1f
    csrw mepc, t0
    mret
1:  csrr a0, mstatus
    andi a1, a0, 0x88
    CHECK_IMM a1, 0x88
    li t0, 0x8
    csrc mstatus, t0

    TEST_PASS

fail:
    j harness_fail_values

user_ecall:
    ecall
user_csr:
    csrr a0, mstatus
user_wfi:
    wfi
supervisor_ecall:
    ecall
supervisor_mret:
    mret
supervisor_satp:
    csrr a0, satp
supervisor_wfi:
    wfi

    .p2align 2
supervisor_handler:
    csrr t0, scause
    sd t0, seen_scause, t1
    csrr t0, sepc
    sd t0, seen_sepc, t1
    ecall

    .data
    .p2align 3
seen_scause: .dword 0
seen_sepc: .dword 0
