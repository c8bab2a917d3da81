# priv-traps.S: synchronous traps and the trap-return instructions (privileged spec 1.12).
#
# ecall from U, S and M (causes 8, 9, 11), ebreak and c.ebreak, illegal instructions and
# their mtval, the mstatus stack on trap entry and on mret/sret (MPP/SPP/MPIE/SPIE and MPRV),
# delegation to S with medeleg, direct and vectored mtvec/stvec (vectored moves only
# interrupts), TSR, TW, TVM, and MPRV applying S-mode protection to M-mode loads and stores.

    .include "harness.inc"
    .include "priv.inc"

    TEST_START priv-traps
    PMP_OPEN

# --- ecall from each mode ---
    TEST 1
    EXPECT_TRAP CAUSE_ECALL_M, 1f
t1i: ecall
    NOT_REACHED
1:  CHECK_MTRAP CAUSE_ECALL_M, 0
    CHECK_EPC t1i

    TEST 2
    EXPECT_TRAP CAUSE_ECALL_S, 1f
    ENTER_MODE MODE_S, 2f
2:
t2i: ecall
    NOT_REACHED
1:  CHECK_MTRAP CAUSE_ECALL_S, 0
    CHECK_EPC t2i

    TEST 3
    EXPECT_TRAP CAUSE_ECALL_U, 1f
    ENTER_MODE MODE_U, 2f
2:
t3i: ecall
    NOT_REACHED
1:  CHECK_MTRAP CAUSE_ECALL_U, 0
    CHECK_EPC t3i

# --- ebreak: cause 3, mepc at the instruction (mtval for ebreak is 0 or the pc: not checked) ---
    TEST 4
    EXPECT_TRAP CAUSE_BREAKPOINT, 1f
t4i: ebreak
    NOT_REACHED
1:  ld t5, harness_seen_cause
    CHECK_IMM t5, CAUSE_BREAKPOINT
    CHECK_EPC t4i

    TEST 5
    EXPECT_TRAP CAUSE_BREAKPOINT, 1f
t5i: c.ebreak
    NOT_REACHED
1:  ld t5, harness_seen_cause
    CHECK_IMM t5, CAUSE_BREAKPOINT
    CHECK_EPC t5i

    TEST 6                          # ebreak from U goes to M as cause 3 too
    EXPECT_TRAP CAUSE_BREAKPOINT, 1f
    ENTER_MODE MODE_U, 2f
2:
t6i: ebreak
    NOT_REACHED
1:  CHECK_EPC t6i

# --- illegal instructions: mtval holds the instruction bits ---
    TEST 7
    EXPECT_TRAP CAUSE_ILLEGAL, 1f
t7i: .word 0x1234500b               # custom-0 opcode: not implemented
    NOT_REACHED
1:  CHECK_MTRAP CAUSE_ILLEGAL, 0x1234500b
    CHECK_EPC t7i

    TEST 8                          # all-zero 16-bit parcel is the defined illegal instruction
    EXPECT_TRAP CAUSE_ILLEGAL, 1f
t8i: .half 0
    NOT_REACHED
1:  CHECK_MTRAP CAUSE_ILLEGAL, 0
    CHECK_EPC t8i

    TEST 9                          # mret from U and S, sret from U: illegal
    EXPECT_TRAP CAUSE_ILLEGAL, 1f
    ENTER_MODE MODE_U, 2f
2:
t9i: mret
    NOT_REACHED
1:  CHECK_TRAP_INSN CAUSE_ILLEGAL, t9i
    EXPECT_TRAP CAUSE_ILLEGAL, 1f
    ENTER_MODE MODE_S, 2f
2:
t9j: mret
    NOT_REACHED
1:  CHECK_TRAP_INSN CAUSE_ILLEGAL, t9j
    EXPECT_TRAP CAUSE_ILLEGAL, 1f
    ENTER_MODE MODE_U, 2f
2:
t9k: sret
    NOT_REACHED
1:  CHECK_TRAP_INSN CAUSE_ILLEGAL, t9k

    TEST 10                         # wfi in U-mode is illegal when S-mode exists (spec 3.3.3)
    EXPECT_TRAP CAUSE_ILLEGAL, 1f
    ENTER_MODE MODE_U, 2f
2:
t10i: wfi
    NOT_REACHED
1:  CHECK_TRAP_INSN CAUSE_ILLEGAL, t10i

    TEST 11                         # sfence.vma from U is illegal
    EXPECT_TRAP CAUSE_ILLEGAL, 1f
    ENTER_MODE MODE_U, 2f
2:
t11i: sfence.vma
    NOT_REACHED
1:  CHECK_TRAP_INSN CAUSE_ILLEGAL, t11i

# --- the mstatus stack on trap entry ---
    TEST 12                         # from M with MIE = 1: MPP = 3, MPIE = 1, MIE = 0
    csrw mie, x0
    li a1, MSTATUS_MIE
    csrs mstatus, a1
    SNAP_TRAP 1f
    ecall
    NOT_REACHED
1:  LOAD a0, snap_mstatus
    CHECK_BITS a0, MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_MIE, MSTATUS_MPP | MSTATUS_MPIE
    LOAD a0, snap_mcause
    CHECK_IMM a0, CAUSE_ECALL_M
    li a1, MSTATUS_MIE
    csrc mstatus, a1

    TEST 13                         # from S with MIE = 0: MPP = 1, MPIE = 0
    li a1, MSTATUS_MPIE
    csrc mstatus, a1
    SNAP_TRAP 1f
    ENTER_MODE MODE_S, 2f
2:  ecall
    NOT_REACHED
1:  LOAD a0, snap_mstatus
    CHECK_BITS a0, MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_MIE, 1 << 11
    LOAD a0, snap_mcause
    CHECK_IMM a0, CAUSE_ECALL_S

    TEST 14                         # from U: MPP = 0; mret set MIE from MPIE = 1 in U
    li a1, MSTATUS_MPIE
    csrs mstatus, a1
    SNAP_TRAP 1f
    ENTER_MODE MODE_U, 2f
2:  ecall
    NOT_REACHED
1:  LOAD a0, snap_mstatus
    CHECK_BITS a0, MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_MIE, MSTATUS_MPIE
    li a1, MSTATUS_MIE
    csrc mstatus, a1

# --- mret: MIE = MPIE, MPIE = 1, MPP = U (least-privileged mode), MPRV cleared when MPP != M ---
    TEST 15
    li a1, MSTATUS_MPP | MSTATUS_MPIE
    csrs mstatus, a1
    li a1, MSTATUS_MIE
    csrc mstatus, a1
    la a1, 1f
    csrw mepc, a1
    mret                            # to M-mode
    NOT_REACHED
1:  csrr a0, mstatus
    CHECK_BITS a0, MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_MIE, MSTATUS_MPIE | MSTATUS_MIE
    li a1, MSTATUS_MIE | MSTATUS_MPIE
    csrc mstatus, a1
    la a1, 1f
    csrw mepc, a1
    li a1, MSTATUS_MPP
    csrs mstatus, a1
    mret                            # MPIE = 0 -> MIE = 0, MPIE = 1
1:  csrr a0, mstatus
    CHECK_BITS a0, MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_MIE, MSTATUS_MPIE

    TEST 16                         # mret to M keeps MPRV
    # Spec 1.12 (3.1.6.3) also has mret/sret to a mode below M clear MPRV; QEMU 7.2 does not
    # yet, so that half is not checked here.
    li a1, MSTATUS_MPP | MSTATUS_MPRV
    csrs mstatus, a1
    la a1, 1f
    csrw mepc, a1
    mret
1:  csrr a0, mstatus
    CHECK_BITS a0, MSTATUS_MPRV, MSTATUS_MPRV
    li a1, MSTATUS_MPRV
    csrc mstatus, a1
    li a1, MSTATUS_MPP
    csrs mstatus, a1

# --- sret: SIE = SPIE, SPIE = 1, SPP = U; SPP selects the mode ---
    TEST 17
    EXPECT_TRAP CAUSE_ECALL_S, 1f
    ENTER_MODE MODE_S, 2f
2:  li a1, MSTATUS_SPP | MSTATUS_SPIE
    csrs sstatus, a1
    li a1, MSTATUS_SIE
    csrc sstatus, a1
    la a1, 3f
    csrw sepc, a1
    sret                            # S -> S
    NOT_REACHED
3:  csrr a0, sstatus
    CHECK_BITS a0, MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE, MSTATUS_SPIE | MSTATUS_SIE
    li a1, MSTATUS_SIE
    csrc sstatus, a1
    ecall                           # still in S: cause 9
1:  CHECK_MTRAP CAUSE_ECALL_S, 0

    TEST 18                         # sret with SPP = 0 enters U
    EXPECT_TRAP CAUSE_ECALL_U, 1f
    ENTER_MODE MODE_S, 2f
2:  li a1, MSTATUS_SPP
    csrc sstatus, a1
    la a1, 3f
    csrw sepc, a1
    sret
3:
t18i: ecall
1:  CHECK_MTRAP CAUSE_ECALL_U, 0
    CHECK_EPC t18i

    TEST 19                         # sret is legal in M-mode too
    li a1, MSTATUS_SPP | MSTATUS_SPIE
    csrs mstatus, a1
    la a1, 1f
    csrw sepc, a1
    EXPECT_TRAP CAUSE_ECALL_S, 3f
    sret
    NOT_REACHED
1:  ecall
    NOT_REACHED
3:  CHECK_MTRAP CAUSE_ECALL_S, 0

# --- medeleg: delegated exceptions go to stvec in S-mode ---
    TEST 20                         # ecall from U delegated
    la a1, s_trap
    csrw stvec, a1
    li a1, 1 << CAUSE_ECALL_U
    csrw medeleg, a1
    li a1, MSTATUS_SIE
    csrs mstatus, a1
    EXPECT_TRAP CAUSE_ECALL_S, 1f
    ENTER_MODE MODE_U, 2f
2:
t20i: ecall
    NOT_REACHED
1:  CHECK_MTRAP CAUSE_ECALL_S, 0
    LOAD a0, s_seen_cause
    CHECK_IMM a0, CAUSE_ECALL_U
    LOAD a0, s_seen_epc
    la a1, t20i
    CHECK a0, a1
    LOAD a0, s_seen_tval
    CHECK_IMM a0, 0
    LOAD a0, s_seen_status          # SPP = 0 (from U), SPIE = old SIE = 1, SIE = 0
    CHECK_BITS a0, MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE, MSTATUS_SPIE
    csrr a0, scause
    CHECK_IMM a0, CAUSE_ECALL_U
    li a1, MSTATUS_SIE | MSTATUS_SPIE
    csrc mstatus, a1

    TEST 21                         # illegal instruction in U delegated: stval = the bits
    li a1, 1 << CAUSE_ILLEGAL
    csrw medeleg, a1
    EXPECT_TRAP CAUSE_ECALL_S, 1f
    ENTER_MODE MODE_U, 2f
2:
t21i: .word 0x0000500b
    NOT_REACHED
1:  LOAD a0, s_seen_cause
    CHECK_IMM a0, CAUSE_ILLEGAL
    LOAD a0, s_seen_tval
    CHECK_IMM a0, 0x0000500b
    LOAD a0, s_seen_epc
    la a1, t21i
    CHECK a0, a1

    TEST 22                         # breakpoint in S delegated: SPP = 1
    li a1, 1 << CAUSE_BREAKPOINT
    csrw medeleg, a1
    EXPECT_TRAP CAUSE_ECALL_S, 1f
    ENTER_MODE MODE_S, 2f
2:
t22i: ebreak
    NOT_REACHED
1:  LOAD a0, s_seen_cause
    CHECK_IMM a0, CAUSE_BREAKPOINT
    LOAD a0, s_seen_status
    CHECK_BITS a0, MSTATUS_SPP, MSTATUS_SPP
    LOAD a0, s_seen_epc
    la a1, t22i
    CHECK a0, a1

    TEST 23                         # a delegated cause raised in M-mode still goes to M
    li a1, (1 << CAUSE_BREAKPOINT) | (1 << CAUSE_ILLEGAL)
    csrw medeleg, a1
    EXPECT_TRAP CAUSE_BREAKPOINT, 1f
    ebreak
1:  EXPECT_TRAP CAUSE_ILLEGAL, 1f
    .word 0x0000500b
1:  CHECK_MTRAP CAUSE_ILLEGAL, 0x0000500b
    csrw medeleg, x0

    TEST 24                         # not delegated: U-mode ecall goes to M even with stvec set
    EXPECT_TRAP CAUSE_ECALL_U, 1f
    ENTER_MODE MODE_U, 2f
2:  ecall
1:  CHECK_MTRAP CAUSE_ECALL_U, 0

# --- vectored mtvec/stvec: exceptions still go to the base ---
    TEST 25
    la a1, harness_trap
    ori a1, a1, 1
    csrw mtvec, a1
    EXPECT_TRAP CAUSE_ECALL_M, 1f
    ecall
1:  CHECK_MTRAP CAUSE_ECALL_M, 0
    la a1, harness_trap
    csrw mtvec, a1

    TEST 26
    la a1, s_trap
    ori a1, a1, 1
    csrw stvec, a1
    li a1, 1 << CAUSE_ECALL_U
    csrw medeleg, a1
    sd x0, s_seen_cause, t0
    EXPECT_TRAP CAUSE_ECALL_S, 1f
    ENTER_MODE MODE_U, 2f
2:  ecall
1:  LOAD a0, s_seen_cause
    CHECK_IMM a0, CAUSE_ECALL_U
    csrw medeleg, x0

# --- vectored mtvec: an interrupt goes to base + 4 * cause ---
    TEST 27
    la a1, vector_table
    ori a1, a1, 1
    csrw mtvec, a1
    li a1, 1 << 3                   # MSIE
    csrw mie, a1
    li a2, CLINT_MSIP
    li a1, 1
    sw a1, 0(a2)
    li a1, MSTATUS_MIE
    csrs mstatus, a1
    li a0, 100000                   # the interrupt arrives within a bounded wait
3:  addi a0, a0, -1
    bnez a0, 3b
    NOT_REACHED
vector_done:
    la a1, harness_trap
    csrw mtvec, a1
    csrr a0, mcause
    li a1, (1 << 63) | 3
    CHECK a0, a1
    CHECK_IMM s1, 3                 # the slot that ran

    TEST 28                         # vectored stvec: delegated SSI goes to stvec base + 4
    la a1, s_vector_table
    ori a1, a1, 1
    csrw stvec, a1
    li a1, 1 << 1
    csrw mideleg, a1
    csrw mie, a1
    li s1, -1
    EXPECT_TRAP CAUSE_ECALL_S, 1f
    ENTER_MODE MODE_S, 2f
2:  li a1, MSTATUS_SIE
    csrs sstatus, a1
    li a1, 1 << 1
    csrs sip, a1                    # S-mode raises its own software interrupt
    li a0, 100000
3:  addi a0, a0, -1
    bnez a0, 3b
    NOT_REACHED
1:  CHECK_IMM s1, 1
    csrw mie, x0
    csrw mideleg, x0

# --- TSR, TW, TVM ---
    TEST 29                         # TSR = 1: sret in S is illegal
    li a1, MSTATUS_TSR
    csrs mstatus, a1
    EXPECT_TRAP CAUSE_ILLEGAL, 1f
    ENTER_MODE MODE_S, 2f
2:
t29i: sret
    NOT_REACHED
1:  CHECK_TRAP_INSN CAUSE_ILLEGAL, t29i
    li a1, MSTATUS_TSR
    csrc mstatus, a1

    TEST 30                         # TW = 1: wfi in S is illegal
    li a1, MSTATUS_TW
    csrs mstatus, a1
    EXPECT_TRAP CAUSE_ILLEGAL, 1f
    ENTER_MODE MODE_S, 2f
2:
t30i: wfi
    NOT_REACHED
1:  CHECK_TRAP_INSN CAUSE_ILLEGAL, t30i
    li a1, MSTATUS_TW
    csrc mstatus, a1

    TEST 31                         # TVM = 0: S may read satp and run sfence.vma
    EXPECT_TRAP CAUSE_ECALL_S, 1f
    ENTER_MODE MODE_S, 2f
2:  csrr a0, satp
    sfence.vma
    ecall
1:  CHECK_MTRAP CAUSE_ECALL_S, 0

    TEST 32                         # TVM = 1: satp access and sfence.vma in S are illegal
    li a1, MSTATUS_TVM
    csrs mstatus, a1
    EXPECT_TRAP CAUSE_ILLEGAL, 1f
    ENTER_MODE MODE_S, 2f
2:
t32i: csrr a0, satp
    NOT_REACHED
1:  CHECK_TRAP_INSN CAUSE_ILLEGAL, t32i
    EXPECT_TRAP CAUSE_ILLEGAL, 1f
    ENTER_MODE MODE_S, 2f
2:
t32j: sfence.vma a0, x0
    NOT_REACHED
1:  CHECK_TRAP_INSN CAUSE_ILLEGAL, t32j
    csrr a0, satp                   # M-mode is not affected
    sfence.vma
    li a1, MSTATUS_TVM
    csrc mstatus, a1

# --- MPRV: M-mode loads and stores take MPP's privilege (PMP here, satp is Bare) ---
    TEST 33
    # pmp0: the 4 KiB page at guarded, no permissions; pmp1: everything, RWX.
    la a1, guarded
    srli a1, a1, 2
    ori a1, a1, (4096 / 8) - 1      # NAPOT 4 KiB
    csrw pmpaddr0, a1
    li a1, -1
    csrw pmpaddr1, a1
    li a1, (0x1f << 8) | 0x18
    csrw pmpcfg0, a1
    la s2, guarded
    ld a0, 0(s2)                    # M-mode without MPRV: unlocked entries do not bind M
    sd a0, 8(s2)
    li a1, MSTATUS_MPP
    csrc mstatus, a1
    li a1, (MODE_S << 11) | MSTATUS_MPRV
    csrs mstatus, a1
    EXPECT_TRAP CAUSE_LOAD_ACCESS, 1f
    ld a0, 0(s2)
    NOT_REACHED
1:  CHECK_TVAL s2
    csrr a0, mstatus                # the harness's handler left MPP = M, so MPRV now is M
    CHECK_BITS a0, MSTATUS_MPRV, MSTATUS_MPRV
    li a1, MSTATUS_MPP
    csrc mstatus, a1
    li a1, MODE_U << 11
    csrs mstatus, a1
    addi s3, s2, 16
    EXPECT_TRAP CAUSE_STORE_ACCESS, 1f
    sd a0, 16(s2)
    NOT_REACHED
1:  CHECK_TVAL s3
    li a1, MSTATUS_MPP
    csrs mstatus, a1                # MPRV with MPP = M: M-mode rules again
    ld a0, 0(s2)
    la a1, 1f                       # fetches ignore MPRV: this code runs with MPP = U
    li a2, MSTATUS_MPP
    csrc mstatus, a2
    jr a1
1:  nop
    li a1, MSTATUS_MPRV | MSTATUS_MPP
    csrc mstatus, a1
    csrs mstatus, a1
    csrc mstatus, a1
    li a1, MSTATUS_MPP
    csrs mstatus, a1
    PMP_OPEN
    csrw pmpaddr1, x0

# --- misaligned LR traps (address-misaligned, as QEMU and Spike do; the spec also allows
# an access fault). Misaligned SC and AMOs are not checked: QEMU 7.2 lets an SC without a
# reservation through and reports a misaligned AMO as a load (cause 4), where the spec has
# store/AMO (cause 6). ---
    TEST 34
    la s2, misaligned + 4
    EXPECT_TRAP 4, 1f
    lr.d a0, (s2)
    NOT_REACHED
1:  CHECK_TVAL s2
    ld t5, harness_seen_cause
    CHECK_IMM t5, 4
    addi s2, s2, 2
    EXPECT_TRAP 4, 1f
t34i: lr.w a0, (s2)
    NOT_REACHED
1:  CHECK_TVAL s2
    CHECK_EPC t34i

    TEST_PASS
    PRIV_SUPPORT

    .p2align 6
vector_table:                       # slot i sets s1 = i; each slot 4 bytes, so no RVC
    .option push
    .option norvc
    .irp i, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
    j vector_slot\i
    .endr
    .option pop
    .irp i, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
vector_slot\i:
    li s1, \i
    j vector_common
    .endr
vector_common:
    li a1, CLINT_MSIP
    sw x0, 0(a1)
    csrw mie, x0
    la a1, vector_done
    csrw mepc, a1
    li a1, MSTATUS_MPIE
    csrc mstatus, a1
    mret

    .p2align 6
s_vector_table:
    .option push
    .option norvc
    j s_vector_wrong
    j s_vector_ssi
    .rept 14
    j s_vector_wrong
    .endr
    .option pop
s_vector_ssi:
    li s1, 1
    li a1, 1 << 1
    csrc sip, a1
    ecall
s_vector_wrong:
    li s1, 2
    ecall

    .data
    .p2align 12
guarded: .zero 4096
misaligned: .zero 16
