# priv-csr.S: CSR instruction semantics and CSR access rules of the privileged spec 1.12.
#
# Covers csrrw/csrrs/csrrc and their immediate forms, csrrs/csrrc with x0 not writing,
# read-only CSRs (writes are illegal, reads are not), access from a lower privilege
# (illegal instruction, mtval = the instruction bits), the WARL fields of mstatus/sstatus,
# misa, mepc, medeleg, the counters and mcounteren/scounteren gating of cycle/time/instret,
# and an unimplemented CSR number. Runs on rvmk and on QEMU 7.2 alike.

    .include "harness.inc"
    .include "priv.inc"

    TEST_START priv-csr
    PMP_OPEN

# --- csrrw / csrrs / csrrc return the old value and write the new one (Zicsr) ---
    TEST 1
    li a1, 0x1234
    csrw mscratch, a1
    li a2, 0x5678
    csrrw a0, mscratch, a2
    CHECK_IMM a0, 0x1234
    csrr a0, mscratch
    CHECK_IMM a0, 0x5678

    TEST 2
    li a2, 0x0f0
    csrrs a0, mscratch, a2
    CHECK_IMM a0, 0x5678
    csrr a0, mscratch
    CHECK_IMM a0, 0x56f8

    TEST 3
    li a2, 0x600
    csrrc a0, mscratch, a2
    CHECK_IMM a0, 0x56f8
    csrr a0, mscratch
    CHECK_IMM a0, 0x50f8

    TEST 4
    csrrwi a0, mscratch, 0x1f
    CHECK_IMM a0, 0x50f8
    csrrsi a0, mscratch, 0x0
    CHECK_IMM a0, 0x1f
    csrrci a0, mscratch, 0x3
    CHECK_IMM a0, 0x1f
    csrrsi a0, mscratch, 0x10
    CHECK_IMM a0, 0x1c
    csrr a0, mscratch
    CHECK_IMM a0, 0x1c

    TEST 5                          # rd = x0: the write happens, nothing is read
    li a2, -1
    csrrw x0, mscratch, a2
    csrr a0, mscratch
    CHECK_IMM a0, -1
    csrrw a0, mscratch, a0          # rd == rs1: old value read, new value written
    CHECK_IMM a0, -1

    TEST 6                          # sscratch is its own register
    li a1, 0x777
    csrw sscratch, a1
    li a1, 0x888
    csrw mscratch, a1
    csrr a0, sscratch
    CHECK_IMM a0, 0x777

# --- read-only CSRs: reading is fine, csrrs/csrrc with rs1 = x0 do not write ---
    TEST 7
    csrr a0, mhartid
    CHECK_IMM a0, 0
    csrrs a0, mhartid, x0
    CHECK_IMM a0, 0
    csrrc a0, mhartid, x0
    CHECK_IMM a0, 0
    csrrsi a0, mhartid, 0
    CHECK_IMM a0, 0
    csrrci a0, mhartid, 0
    CHECK_IMM a0, 0
    csrr a0, mvendorid
    CHECK_IMM a0, 0                 # 0: not a commercial implementation (both QEMU and rvmk)
    csrr a0, marchid                # readable; the value is the implementation's
    csrr a0, mimpid
    csrr a0, mconfigptr
    # (csrrs/csrrc with rs1 != x0 holding 0 is a write attempt by the spec, so illegal on a
    # read-only CSR; QEMU 7.2 lets it through, so it is not checked.)

    TEST 8                          # writing a read-only CSR is illegal (spec 2.1)
    EXPECT_TRAP CAUSE_ILLEGAL, 1f
t8i: csrw mhartid, a0
    NOT_REACHED
1:  CHECK_TRAP_INSN CAUSE_ILLEGAL, t8i
    CHECK_EPC t8i

    TEST 9
    li a1, 1
    EXPECT_TRAP CAUSE_ILLEGAL, 1f
t9i: csrrs a0, mvendorid, a1
    NOT_REACHED
1:  CHECK_TRAP_INSN CAUSE_ILLEGAL, t9i
    EXPECT_TRAP CAUSE_ILLEGAL, 1f
t9j: csrrwi a0, marchid, 0
    NOT_REACHED
1:  CHECK_TRAP_INSN CAUSE_ILLEGAL, t9j
    EXPECT_TRAP CAUSE_ILLEGAL, 1f
t9k: csrrci a0, mimpid, 1
    NOT_REACHED
1:  CHECK_TRAP_INSN CAUSE_ILLEGAL, t9k
    EXPECT_TRAP CAUSE_ILLEGAL, 1f
t9l: csrw mconfigptr, x0
    NOT_REACHED
1:  CHECK_TRAP_INSN CAUSE_ILLEGAL, t9l

    TEST 10                         # the user counters are read-only, even in M-mode
    EXPECT_TRAP CAUSE_ILLEGAL, 1f
t10i: csrw cycle, a0
    NOT_REACHED
1:  CHECK_TRAP_INSN CAUSE_ILLEGAL, t10i
    EXPECT_TRAP CAUSE_ILLEGAL, 1f
t10j: csrrsi a0, instret, 1
    NOT_REACHED
1:  CHECK_TRAP_INSN CAUSE_ILLEGAL, t10j
    EXPECT_TRAP CAUSE_ILLEGAL, 1f
t10k: csrw time, x0
    NOT_REACHED
1:  CHECK_TRAP_INSN CAUSE_ILLEGAL, t10k

# --- an unimplemented CSR number raises illegal instruction, as OpenSBI's probing expects ---
    TEST 11
    EXPECT_TRAP CAUSE_ILLEGAL, 1f
t11i: csrr a0, 0x7c0                # custom M-mode read/write space: not implemented
    NOT_REACHED
1:  CHECK_TRAP_INSN CAUSE_ILLEGAL, t11i
    EXPECT_TRAP CAUSE_ILLEGAL, 1f
t11j: csrw 0x8c0, x0                # custom U-mode space
    NOT_REACHED
1:  CHECK_TRAP_INSN CAUSE_ILLEGAL, t11j
    EXPECT_TRAP CAUSE_ILLEGAL, 1f
t11k: csrr a0, 0x3a1                # pmpcfg1: exists only on RV32
    NOT_REACHED
1:  CHECK_TRAP_INSN CAUSE_ILLEGAL, t11k

# --- misa: MXL = 2 (64-bit) and the I, M, A, C, S, U bits ---
    TEST 12
    csrr a0, misa
    srli a1, a0, 62
    CHECK_IMM a1, 2
    # I(8) M(12) A(0) C(2) S(18) U(20). QEMU's default CPU also shows F, D and H, which
    # rvmk does not have: only these six bits, and E clear, are checked.
    CHECK_BITS a0, (1 << 8) | (1 << 12) | (1 << 0) | (1 << 2) | (1 << 18) | (1 << 20), (1 << 8) | (1 << 12) | (1 << 0) | (1 << 2) | (1 << 18) | (1 << 20)
    CHECK_BITS a0, (1 << 4), 0      # not RV64E

# --- mstatus WARL fields ---
    TEST 13                         # MPP holds 0, 1 and 3
    li a1, MSTATUS_MPP
    csrc mstatus, a1
    csrr a0, mstatus
    CHECK_BITS a0, MSTATUS_MPP, 0
    li a1, 1 << 11
    csrs mstatus, a1
    csrr a0, mstatus
    CHECK_BITS a0, MSTATUS_MPP, 1 << 11
    li a1, MSTATUS_MPP
    csrs mstatus, a1
    csrr a0, mstatus
    CHECK_BITS a0, MSTATUS_MPP, 3 << 11
    # Writing MPP = 2 (reserved) must leave a legal value (spec 3.1.6.1, WARL), but QEMU 7.2
    # stores the 2 as written, so the suite cannot check it against QEMU; the emulator's own
    # unit tests cover it.

    TEST 14                         # UXL and SXL read 2 (64-bit); SPP, SUM, MXR, TVM, TW, TSR, MPRV are writable
    csrr a0, mstatus
    srli a1, a0, 32
    andi a1, a1, 0xf
    CHECK_IMM a1, 0xa
    li a2, MSTATUS_SPP | MSTATUS_SUM | MSTATUS_MXR | MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR | MSTATUS_MPRV | MSTATUS_SPIE | MSTATUS_SIE
    csrs mstatus, a2
    csrr a0, mstatus
    and a0, a0, a2
    CHECK a0, a2
    csrc mstatus, a2
    csrr a0, mstatus
    and a0, a0, a2
    CHECK_IMM a0, 0

    TEST 15                         # sstatus is a view of mstatus: S fields shared, M fields hidden
    li a1, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP
    csrs mstatus, a1
    csrr a0, sstatus
    CHECK_BITS a0, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP | MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR | MSTATUS_MPRV, 0
    li a1, MSTATUS_SIE | MSTATUS_SPP | MSTATUS_SUM
    csrs sstatus, a1
    csrr a0, mstatus
    CHECK_BITS a0, MSTATUS_SIE | MSTATUS_SPP | MSTATUS_SUM, MSTATUS_SIE | MSTATUS_SPP | MSTATUS_SUM
    csrr a0, sstatus
    CHECK_BITS a0, MSTATUS_SIE | MSTATUS_SPP | MSTATUS_SUM, MSTATUS_SIE | MSTATUS_SPP | MSTATUS_SUM
    li a1, MSTATUS_MPP | MSTATUS_TSR
    csrs sstatus, a1                # M-only bits cannot be set through sstatus
    csrr a0, mstatus
    CHECK_BITS a0, MSTATUS_TSR, 0
    li a1, MSTATUS_MIE
    csrc sstatus, a1                # nor cleared
    csrr a0, mstatus
    CHECK_BITS a0, MSTATUS_MIE, MSTATUS_MIE
    csrc mstatus, a1
    li a1, MSTATUS_SIE | MSTATUS_SPP | MSTATUS_SUM
    csrc sstatus, a1
    csrr a0, mstatus
    CHECK_BITS a0, MSTATUS_SIE | MSTATUS_SPP | MSTATUS_SUM, 0
    srli a1, a0, 32                 # sstatus shows UXL = 2 as well
    csrr a0, sstatus
    srli a1, a0, 32
    andi a1, a1, 3
    CHECK_IMM a1, 2

# --- mepc/sepc hold an aligned address ---
    # Bit 0 of mepc/sepc must read 0 (spec 3.1.14), but QEMU 7.2 keeps a written 1 there,
    # so only even values are checked here.
    TEST 16
    li a1, 0x80001236
    csrw mepc, a1
    csrr a0, mepc
    CHECK_IMM a0, 0x80001236
    csrw sepc, a1
    csrr a0, sepc
    CHECK_IMM a0, 0x80001236

# --- medeleg: the ordinary causes can be delegated ---
    # medeleg[11] (ecall from M) "should be hardwired to zero" (spec 3.1.8), but QEMU 7.2
    # keeps it writable, so it is not checked.
    TEST 17
    li a1, (1 << 2) | (1 << 3) | (1 << 8) | (1 << 12) | (1 << 13) | (1 << 15)
    csrw medeleg, a1
    csrr a0, medeleg
    CHECK_BITS a0, (1 << 2) | (1 << 3) | (1 << 8) | (1 << 12) | (1 << 13) | (1 << 15), (1 << 2) | (1 << 3) | (1 << 8) | (1 << 12) | (1 << 13) | (1 << 15)
    csrw medeleg, x0
    csrr a0, medeleg
    CHECK_IMM a0, 0

# --- mtvec/stvec: direct and vectored modes are kept with an aligned base ---
    TEST 18
    csrr s0, mtvec
    li a1, 0x80004001
    csrw stvec, a1
    csrr a0, stvec
    CHECK_IMM a0, 0x80004001
    li a1, 0x80004000
    csrw stvec, a1
    csrr a0, stvec
    CHECK_IMM a0, 0x80004000
    li a1, 0x80004101
    csrw mtvec, a1
    csrr a0, mtvec
    csrw mtvec, s0
    CHECK_IMM a0, 0x80004101

# --- access from a lower privilege is illegal, mtval = the instruction bits ---
    TEST 19                         # S-mode touching an M-mode CSR
    EXPECT_TRAP CAUSE_ILLEGAL, 1f
    ENTER_MODE MODE_S, 2f
2:
t19i: csrr a0, mstatus
    NOT_REACHED
1:  CHECK_TRAP_INSN CAUSE_ILLEGAL, t19i
    CHECK_EPC t19i

    TEST 20
    EXPECT_TRAP CAUSE_ILLEGAL, 1f
    ENTER_MODE MODE_S, 2f
2:
t20i: csrw mscratch, x0
    NOT_REACHED
1:  CHECK_TRAP_INSN CAUSE_ILLEGAL, t20i

    TEST 21                         # U-mode touching an S-mode CSR
    EXPECT_TRAP CAUSE_ILLEGAL, 1f
    ENTER_MODE MODE_U, 2f
2:
t21i: csrr a0, sstatus
    NOT_REACHED
1:  CHECK_TRAP_INSN CAUSE_ILLEGAL, t21i

    TEST 22
    EXPECT_TRAP CAUSE_ILLEGAL, 1f
    ENTER_MODE MODE_U, 2f
2:
t22i: csrrs a0, sscratch, x0
    NOT_REACHED
1:  CHECK_TRAP_INSN CAUSE_ILLEGAL, t22i

    TEST 23                         # S-mode can use its own CSRs, then ecall back
    EXPECT_TRAP CAUSE_ECALL_S, 1f
    ENTER_MODE MODE_S, 2f
2:  li a1, 0x4242
    csrw sscratch, a1
    csrr a0, sscratch
    CHECK_IMM a0, 0x4242
    csrr a0, sstatus
    CHECK_BITS a0, MSTATUS_SPP, 0
    ecall
    NOT_REACHED
1:  CHECK_MTRAP CAUSE_ECALL_S, 0

# --- counters: mcycle/minstret advance, and mcounteren/scounteren gate the user views ---
    TEST 24
    csrr a0, minstret
    nop
    nop
    nop
    csrr a1, minstret
    bltu a0, a1, 1f                 # minstret advances (exact counts: see README)
    NOT_REACHED
1:  csrr a0, mcycle
    csrr a1, mcycle
    bgeu a1, a0, 1f
    NOT_REACHED
1:  csrr a0, instret                # M-mode always reads the user views
    csrr a0, cycle
    csrr a0, time

    TEST 25                         # minstret is writable
    li a1, 1 << 40
    csrw minstret, a1
    csrr a0, minstret
    sub a0, a0, a1                  # a little above what was written (QEMU without
    srli a0, a0, 30                 # -icount counts host ticks, so the bound is loose)
    CHECK_IMM a0, 0

    TEST 26                         # mcounteren = 0: cycle from S is illegal
    csrw mcounteren, x0
    csrw scounteren, x0
    EXPECT_TRAP CAUSE_ILLEGAL, 1f
    ENTER_MODE MODE_S, 2f
2:
t26i: rdcycle a0
    NOT_REACHED
1:  CHECK_TRAP_INSN CAUSE_ILLEGAL, t26i

    TEST 27                         # time from U is illegal with mcounteren.TM = 0
    EXPECT_TRAP CAUSE_ILLEGAL, 1f
    ENTER_MODE MODE_U, 2f
2:
t27i: rdtime a0
    NOT_REACHED
1:  CHECK_TRAP_INSN CAUSE_ILLEGAL, t27i

    TEST 28                         # mcounteren = 7: S reads all three; U still needs scounteren
    li a1, 7
    csrw mcounteren, a1
    csrr a0, mcounteren
    CHECK_IMM a0, 7
    EXPECT_TRAP CAUSE_ECALL_S, 1f
    ENTER_MODE MODE_S, 2f
2:  rdcycle a0
    rdtime a0
    rdinstret a0
    ecall
1:  CHECK_MTRAP CAUSE_ECALL_S, 0
    EXPECT_TRAP CAUSE_ILLEGAL, 1f
    ENTER_MODE MODE_U, 2f
2:
t28i: rdinstret a0
    NOT_REACHED
1:  CHECK_TRAP_INSN CAUSE_ILLEGAL, t28i

    TEST 29                         # scounteren.IR only: U reads instret but not cycle
    li a1, 4
    csrw scounteren, a1
    csrr a0, scounteren
    CHECK_IMM a0, 4
    EXPECT_TRAP CAUSE_ILLEGAL, 1f
    ENTER_MODE MODE_U, 2f
2:  rdinstret a0
t29i: rdcycle a0
    NOT_REACHED
1:  CHECK_TRAP_INSN CAUSE_ILLEGAL, t29i

    TEST 30                         # mcounteren.IR = 0 wins over scounteren.IR = 1 for U
    li a1, 3
    csrw mcounteren, a1
    EXPECT_TRAP CAUSE_ILLEGAL, 1f
    ENTER_MODE MODE_U, 2f
2:
t30i: rdinstret a0
    NOT_REACHED
1:  CHECK_TRAP_INSN CAUSE_ILLEGAL, t30i

    TEST 31                         # all enabled: U reads all three, time agrees with mtime
    li a1, 7
    csrw mcounteren, a1
    csrw scounteren, a1
    EXPECT_TRAP CAUSE_ECALL_U, 1f
    ENTER_MODE MODE_U, 2f
2:  rdcycle a0
    rdinstret a0
    li a2, CLINT_MTIME
    rdtime a0
    ecall
1:  CHECK_MTRAP CAUSE_ECALL_U, 0
    li a2, CLINT_MTIME
    ld a1, 0(a2)
    bgeu a1, a0, 1f                 # mtime read later is not behind time
    NOT_REACHED
1:  rdtime a3
    bgeu a3, a1, 1f
    NOT_REACHED
1:
    TEST 32                         # U-mode cannot read the machine counters
    EXPECT_TRAP CAUSE_ILLEGAL, 1f
    ENTER_MODE MODE_U, 2f
2:
t32i: csrr a0, minstret
    NOT_REACHED
1:  CHECK_TRAP_INSN CAUSE_ILLEGAL, t32i
    csrw mcounteren, x0
    csrw scounteren, x0

# --- envcfg and trigger CSRs exist ---
    TEST 34                         # menvcfg (M) and senvcfg (S) are implemented
    csrr a0, menvcfg
    csrr a0, senvcfg
    EXPECT_TRAP CAUSE_ECALL_S, 1f
    ENTER_MODE MODE_S, 2f
2:  csrr a0, senvcfg
    ecall
1:  EXPECT_TRAP CAUSE_ILLEGAL, 1f
    ENTER_MODE MODE_S, 2f
2:
t34i: csrr a0, menvcfg
    NOT_REACHED
1:  CHECK_TRAP_INSN CAUSE_ILLEGAL, t34i

    # tselect/tdata1 are readable in M-mode (OpenSBI probes them). rvmk has no triggers;
    # QEMU 7.2 has some (tdata1 reads type 2), so only what holds for both is checked:
    # trigger 0 is selected, and selecting trigger 5 does not stick.
    TEST 35
    csrr a0, tselect
    CHECK_IMM a0, 0
    csrr a0, tdata1
    li a1, 5
    csrw tselect, a1
    csrr a0, tselect
    bne a0, a1, 1f
    NOT_REACHED
1:  csrw tselect, x0
    EXPECT_TRAP CAUSE_ILLEGAL, 1f
    ENTER_MODE MODE_S, 2f
2:
t35i: csrr a0, tselect              # an M-mode CSR
    NOT_REACHED
1:  CHECK_TRAP_INSN CAUSE_ILLEGAL, t35i

# --- S-mode cannot read M-only identity CSRs ---
    TEST 33
    EXPECT_TRAP CAUSE_ILLEGAL, 1f
    ENTER_MODE MODE_S, 2f
2:
t33i: csrr a0, mhartid
    NOT_REACHED
1:  CHECK_TRAP_INSN CAUSE_ILLEGAL, t33i

    TEST_PASS
