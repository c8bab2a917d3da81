# priv-spec.S: privileged-spec rules (1.12) and rvmk's own choices on which QEMU 7.2 differs.
#
# qemu-differs: QEMU 7.2 keeps bit 0 of mepc/sepc, leaves MPRV set after an mret to S or U,
# keeps pmpaddr bits 63:54, makes mret to S/U illegal when no PMP entry is active, takes
# simultaneous interrupts lowest cause first, lets csrrs with a zero register write a
# read-only CSR, has F, D and H in misa, triggers in tdata1 and nonzero marchid/mimpid. rvmk
# follows the spec and DESIGN.md, so this file is not compared with QEMU.

    .include "harness.inc"
    .include "priv.inc"

    TEST_START priv-spec

# --- rvmk's identity: RV64IMAC with S and U, IDs 0, no triggers, no FS ---
    TEST 1                          # misa: exactly MXL = 2 and I, M, A, C, S, U
    csrr a0, misa
    CHECK_IMM a0, (2 << 62) | (1 << 0) | (1 << 2) | (1 << 8) | (1 << 12) | (1 << 18) | (1 << 20)

    TEST 2                          # mvendorid, marchid, mimpid read 0
    csrr a0, mvendorid
    CHECK_IMM a0, 0
    csrr a0, marchid
    CHECK_IMM a0, 0
    csrr a0, mimpid
    CHECK_IMM a0, 0

    TEST 3                          # no triggers: tdata1 type 0 at every tselect
    csrw tselect, x0
    csrr a0, tdata1
    srli a0, a0, 60
    CHECK_IMM a0, 0

    TEST 4                          # FS reads 0 without F/D, whatever is written
    li a1, 3 << 13
    csrs mstatus, a1
    csrr a0, mstatus
    CHECK_BITS a0, (3 << 13) | (1 << 63), 0

    TEST 5                          # only SSI, STI, SEI delegable (no H: no VS bits)
    li a1, -1
    csrw mideleg, a1
    csrr a0, mideleg
    CHECK_IMM a0, 0x222
    csrw mideleg, x0

# --- spec rules ---
    TEST 6                          # mepc/sepc bit 0 reads 0 (IALIGN = 16, 3.1.14)
    li a1, 0x80001235
    csrw mepc, a1
    csrr a0, mepc
    CHECK_IMM a0, 0x80001234
    csrw sepc, a1
    csrr a0, sepc
    CHECK_IMM a0, 0x80001234

    TEST 7                          # csrrs with rs1 != x0 is a write, even of 0: illegal on mhartid
    li a1, 0
    EXPECT_TRAP CAUSE_ILLEGAL, 1f
t7i: csrrs a0, mhartid, a1
    NOT_REACHED
1:  CHECK_TRAP_INSN CAUSE_ILLEGAL, t7i

    TEST 8                          # pmpaddr holds bits 55:2 only
    li a1, -1
    csrw pmpaddr9, a1
    csrr a0, pmpaddr9
    CHECK_IMM a0, 0x003fffffffffffff
    csrw pmpaddr9, x0

    TEST 9                          # no PMP entry active: S-mode fetch fails (cause 1), mret itself is legal
    csrw pmpcfg0, x0
    csrw pmpcfg2, x0
    la s2, 2f
    EXPECT_TRAP CAUSE_FETCH_ACCESS, 1f
    ENTER_MODE MODE_S, 2f
2:  NOT_REACHED
1:  CHECK_TVAL s2
    ld t5, harness_seen_cause
    CHECK_IMM t5, CAUSE_FETCH_ACCESS
    CHECK_EPC 2b
    PMP_OPEN

    TEST 10                         # mret to S clears MPRV (3.1.6.3)
    li a1, MSTATUS_MPRV
    csrs mstatus, a1
    SNAP_TRAP 1f
    ENTER_MODE MODE_S, 2f
2:  ecall
1:  LOAD a0, snap_mstatus
    CHECK_BITS a0, MSTATUS_MPRV, 0

    TEST 11                         # sret to U clears MPRV too
    li a1, MSTATUS_MPRV
    csrs mstatus, a1
    li a1, MSTATUS_SPP
    csrc mstatus, a1
    la a1, 1f
    csrw sepc, a1
    SNAP_TRAP 3f
    sret
1:  ecall
3:  LOAD a0, snap_mstatus
    CHECK_BITS a0, MSTATUS_MPRV | MSTATUS_MPP, 0

# --- the interrupt priority order MEI, MSI, MTI, SEI, SSI, STI (3.1.9) ---
    TEST 12                         # all six pending and enabled, none delegated: taken in order
    la a1, order_trap
    csrw mtvec, a1
    sd x0, order_count, t0
    li s0, 0x0c000000               # PLIC: UART (source 10) priority 1, enabled in contexts 0 and 1
    li a1, 1
    sw a1, 40(s0)
    li s1, 0x0c002000
    li a1, 1 << 10
    sw a1, 0(s1)
    sw a1, 0x80(s1)
    li s1, 0x0c200000
    sw x0, 0(s1)
    li s1, 0x0c201000
    sw x0, 0(s1)
    li a0, UART0
    li a1, 0x02                     # THR empty interrupt
    sb a1, 1(a0)
    li a1, 1
    li a0, CLINT_MSIP
    sw a1, 0(a0)
    li a0, CLINT_MTIMECMP
    sd x0, 0(a0)
    li a1, 1 << 63
    csrs menvcfg, a1
    csrw stimecmp, x0
    li a1, 1 << 1
    csrs mip, a1
    li a1, 0xaaa
    csrw mie, a1
    WAIT_CSR mip, 0xaaa, 0xaaa
    li a1, MSTATUS_MIE
    csrs mstatus, a1
    li a0, 100000
1:  LOAD a1, order_count
    li a2, 6
    beq a1, a2, 2f
    addi a0, a0, -1
    bnez a0, 1b
2:  li a1, MSTATUS_MIE
    csrc mstatus, a1
    la a1, harness_trap
    csrw mtvec, a1
    LOAD a0, order_count
    CHECK_IMM a0, 6
    LOAD a0, order_log
    CHECK_IMM a0, 0xb37915                  # 11, 3, 7, 9, 1, 5: one hex digit each
    li a0, UART0
    sb x0, 1(a0)
    li a0, CLINT_MSIP
    sw x0, 0(a0)
    li a0, CLINT_MTIMECMP
    li a1, -1
    sd a1, 0(a0)
    csrw stimecmp, a1
    li a1, 1 << 1
    csrc mip, a1

    TEST_PASS
    PRIV_SUPPORT

# order_trap: logs each interrupt's cause (4 bits) into order_log and masks it in mie.
    .p2align 2
order_trap:
    csrr t6, mcause
    bgez t6, harness_trap
    andi t6, t6, 15
    LOAD t5, order_log
    slli t5, t5, 4
    or t5, t5, t6
    sd t5, order_log, t4
    li t5, 1
    sll t5, t5, t6
    csrc mie, t5
    LOAD t5, order_count
    addi t5, t5, 1
    sd t5, order_count, t4
    mret

    .data
    .p2align 3
order_count: .dword 0
order_log: .dword 0
