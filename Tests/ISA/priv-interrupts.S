# priv-interrupts.S: interrupts on the virt board (privileged spec 1.12, 3.1.9 and 3.3.3).
#
# The machine timer (CLINT mtimecmp/mtime), machine software interrupt (CLINT msip), the
# supervisor timer through Sstc's stimecmp, the supervisor software interrupt (SSIP),
# delegation with mideleg, the priority order when several are pending, the mie/mip and
# sie/sip views, global enables per privilege, wfi waking with MIE = 0, and mcause bit 63.
#
# mtime runs on real time on QEMU and advances with retired instructions on rvmk, so every
# wait here is a bounded loop that ends when the interrupt arrived, never a delay that
# assumes a speed. The loop does not wfi: an interrupt that came between its check and a
# wfi would be taken and masked by the handler, and the wfi would then wait for ever (on
# QEMU, whose timer runs on host time, it did about one run in two). Test 7 covers wfi.

    .include "harness.inc"
    .include "priv.inc"

    .equ IRQ_SSI, 1
    .equ IRQ_MSI, 3
    .equ IRQ_STI, 5
    .equ IRQ_MTI, 7
    .equ IRQ_SEI, 9
    .equ IRQ_MEI, 11
    .equ INTERRUPT, 1 << 63
    .equ WAIT_BOUND, 2000000

    # Waits (a bounded loop) until irq_count reaches \n, then checks it is \n.
    .macro WAIT_IRQS n
    li s4, WAIT_BOUND
1096:
    LOAD t0, irq_count
    li t1, \n
    bgeu t0, t1, 1095f
    addi s4, s4, -1
    bnez s4, 1096b
1095:
    LOAD t0, irq_count
    CHECK_IMM t0, \n
    .endm

    # Fails unless irq_log[\i] (the i-th interrupt's xcause, S-mode ones tagged 1 << 62) is \value.
    .macro CHECK_LOG i, value
    la t0, irq_log
    ld t0, (\i * 8)(t0)
    CHECK_IMM t0, \value
    .endm

    .macro RESET_IRQS
    sd x0, irq_count, t0
    .endm

    TEST_START priv-interrupts
    PMP_OPEN
    la t0, irq_trap
    csrw mtvec, t0
    la t0, s_irq_trap
    csrw stvec, t0
    li t0, -1
    li t1, CLINT_MTIMECMP
    sd t0, 0(t1)
    csrw mie, x0

# --- the timer registers and mip.MTIP ---
    TEST 1                          # mtime advances; time reads it
    li s2, CLINT_MTIME
    ld a0, 0(s2)
    li s3, WAIT_BOUND
1:  ld a1, 0(s2)
    bne a0, a1, 2f
    addi s3, s3, -1
    bnez s3, 1b
    NOT_REACHED
2:  bltu a0, a1, 1f
    NOT_REACHED
1:  rdtime a2
    bgeu a2, a1, 1f
    NOT_REACHED
1:
    TEST 2                          # MTIP = (mtime >= mtimecmp), read-only in mip
    li s2, CLINT_MTIMECMP
    li a1, -1
    sd a1, 0(s2)
    WAIT_CSR mip, 1 << IRQ_MTI, 0
    sd x0, 0(s2)
    WAIT_CSR mip, 1 << IRQ_MTI, 1 << IRQ_MTI
    ld a0, 0(s2)
    CHECK_IMM a0, 0
    li a1, 1 << IRQ_MTI
    csrc mip, a1                    # not writable through mip
    WAIT_CSR mip, 1 << IRQ_MTI, 1 << IRQ_MTI
    li a1, -1
    sd a1, 0(s2)
    WAIT_CSR mip, 1 << IRQ_MTI, 0

    TEST 3                          # mtimecmp halves are separately writable (32-bit accesses)
    li a1, 0x12345678
    sw a1, 0(s2)
    li a1, 0x9abcdef0
    sw a1, 4(s2)
    ld a0, 0(s2)
    CHECK_IMM a0, 0x9abcdef012345678
    lwu a0, 4(s2)
    CHECK_IMM a0, 0x9abcdef0
    li a1, -1
    sd a1, 0(s2)

# --- the machine timer interrupt ---
    TEST 4                          # pending and enabled, MIE = 0: not taken in M-mode
    RESET_IRQS
    li a1, 1 << IRQ_MTI
    csrw mie, a1
    sd x0, 0(s2)
    li a0, 1000
1:  addi a0, a0, -1
    bnez a0, 1b
    LOAD a0, irq_count
    CHECK_IMM a0, 0

    TEST 27                         # MIE = 1 but mie.MTIE = 0: not taken either
    csrw mie, x0
    li a1, MSTATUS_MIE
    csrs mstatus, a1
    li a0, 1000
1:  addi a0, a0, -1
    bnez a0, 1b
    li a1, MSTATUS_MIE
    csrc mstatus, a1
    LOAD a0, irq_count
    CHECK_IMM a0, 0
    li a1, 1 << IRQ_MTI
    csrw mie, a1

    TEST 5                          # MIE = 1: taken, mcause = bit 63 | 7
    li a1, MSTATUS_MIE
    csrs mstatus, a1
    WAIT_IRQS 1
    li a1, MSTATUS_MIE
    csrc mstatus, a1
    CHECK_LOG 0, INTERRUPT | IRQ_MTI
    csrr a0, mie                    # the handler masked it
    CHECK_IMM a0, 0

    TEST 6                          # a future deadline: the interrupt comes once mtime gets there
    RESET_IRQS
    li a2, CLINT_MTIME
    ld a0, 0(a2)
    addi a0, a0, 200
    sd a0, 0(s2)
    li a1, 1 << IRQ_MTI
    csrw mie, a1
    li a1, MSTATUS_MIE
    csrs mstatus, a1
    WAIT_IRQS 1
    li a1, MSTATUS_MIE
    csrc mstatus, a1
    CHECK_LOG 0, INTERRUPT | IRQ_MTI
    ld a1, 0(a2)                    # taken no earlier than the deadline
    ld a0, 0(s2)
    bgeu a1, a0, 1f
    NOT_REACHED
1:
    TEST 7                          # wfi wakes for an enabled pending interrupt even with MIE = 0
    RESET_IRQS
    li a2, CLINT_MTIME
    ld a0, 0(a2)
    addi a0, a0, 200
    sd a0, 0(s2)
    li a1, 1 << IRQ_MTI
    csrw mie, a1
    li s3, WAIT_BOUND
1:  wfi
    csrr a0, mip
    andi a0, a0, 1 << IRQ_MTI
    bnez a0, 2f
    addi s3, s3, -1
    bnez s3, 1b
    NOT_REACHED
2:  LOAD a0, irq_count              # woke up without taking the trap
    CHECK_IMM a0, 0
    csrw mie, x0
    li a1, -1
    sd a1, 0(s2)

# --- the machine software interrupt ---
    TEST 8                          # msip bit 0 drives mip.MSIP; other bits read 0
    li s3, CLINT_MSIP
    li a1, 1
    sw a1, 0(s3)
    WAIT_CSR mip, 1 << IRQ_MSI, 1 << IRQ_MSI
    lw a0, 0(s3)
    CHECK_IMM a0, 1
    sw x0, 0(s3)
    WAIT_CSR mip, 1 << IRQ_MSI, 0
    lw a0, 0(s3)
    CHECK_IMM a0, 0

    TEST 9                          # taken with cause bit 63 | 3
    RESET_IRQS
    li a1, 1 << IRQ_MSI
    csrw mie, a1
    li a1, 1
    sw a1, 0(s3)
    li a1, MSTATUS_MIE
    csrs mstatus, a1
    WAIT_IRQS 1
    li a1, MSTATUS_MIE
    csrc mstatus, a1
    CHECK_LOG 0, INTERRUPT | IRQ_MSI
    sw x0, 0(s3)

    TEST 10                         # M-level interrupts are taken in S-mode whatever MIE says
    RESET_IRQS
    li a1, MSTATUS_MIE | MSTATUS_MPIE
    csrc mstatus, a1
    li a1, 1 << IRQ_MSI
    csrw mie, a1
    li a1, 1
    sw a1, 0(s3)
    EXPECT_TRAP CAUSE_ECALL_S, 1f
    ENTER_MODE MODE_S, 2f
2:  WAIT_IRQS 1
    ecall
1:  CHECK_LOG 0, INTERRUPT | IRQ_MSI
    LOAD a0, irq_status             # taken from S: MPP = 1
    CHECK_BITS a0, MSTATUS_MPP, 1 << 11
    sw x0, 0(s3)

    TEST 11                         # and in U-mode
    RESET_IRQS
    li a1, 1 << IRQ_MSI
    csrw mie, a1
    li a1, 1
    sw a1, 0(s3)
    EXPECT_TRAP CAUSE_ECALL_U, 1f
    ENTER_MODE MODE_U, 2f
2:  li s4, WAIT_BOUND               # (U cannot wfi: a plain bounded loop)
3:  LOAD t0, irq_count
    bnez t0, 4f
    addi s4, s4, -1
    bnez s4, 3b
4:  ecall
1:  LOAD a0, irq_count
    CHECK_IMM a0, 1
    CHECK_LOG 0, INTERRUPT | IRQ_MSI
    sw x0, 0(s3)

# --- supervisor software interrupt, mideleg, sie/sip views ---
    TEST 12                         # mideleg: SSI, STI, SEI delegable; M-level bits are not
    li a1, (1 << IRQ_SSI) | (1 << IRQ_STI) | (1 << IRQ_SEI)
    csrw mideleg, a1
    csrr a0, mideleg                # (QEMU's default CPU has H: its VS bits read 1, unchecked)
    CHECK_BITS a0, 0xbbb, (1 << IRQ_SSI) | (1 << IRQ_STI) | (1 << IRQ_SEI)
    li a1, -1
    csrw mideleg, a1
    csrr a0, mideleg
    CHECK_BITS a0, (1 << IRQ_MSI) | (1 << IRQ_MTI) | (1 << IRQ_MEI), 0
    csrw mideleg, x0

    TEST 13                         # sie/sip show only delegated bits (spec 4.1.3)
    li a1, (1 << IRQ_SSI) | (1 << IRQ_STI) | (1 << IRQ_SEI)
    csrw mideleg, a1
    li a1, -1
    csrw sie, a1
    csrr a0, mie
    CHECK_IMM a0, (1 << IRQ_SSI) | (1 << IRQ_STI) | (1 << IRQ_SEI)
    csrr a0, sie
    CHECK_IMM a0, (1 << IRQ_SSI) | (1 << IRQ_STI) | (1 << IRQ_SEI)
    li a1, (1 << IRQ_MSI) | (1 << IRQ_MTI)
    csrs mie, a1
    csrr a0, sie                    # M-level enables are not visible in sie
    CHECK_IMM a0, (1 << IRQ_SSI) | (1 << IRQ_STI) | (1 << IRQ_SEI)
    csrw mideleg, x0
    csrr a0, sie                    # nothing delegated: sie reads 0
    CHECK_IMM a0, 0
    csrw mie, x0

    TEST 14                         # SSIP is writable in mip, and in sip when delegated
    li a1, 1 << IRQ_SSI
    csrs mip, a1
    WAIT_CSR mip, 1 << IRQ_SSI, 1 << IRQ_SSI
    csrr a0, sip                    # not delegated: invisible in sip
    CHECK_BITS a0, 1 << IRQ_SSI, 0
    csrw mideleg, a1
    csrr a0, sip
    CHECK_BITS a0, 1 << IRQ_SSI, 1 << IRQ_SSI
    csrc sip, a1
    WAIT_CSR mip, 1 << IRQ_SSI, 0
    csrs sip, a1
    WAIT_CSR mip, 1 << IRQ_SSI, 1 << IRQ_SSI
    csrc mip, a1
    csrw mideleg, x0

    TEST 15                         # SSI not delegated: taken in M with cause 1
    RESET_IRQS
    li a1, 1 << IRQ_SSI
    csrw mie, a1
    csrs mip, a1
    li a1, MSTATUS_MIE
    csrs mstatus, a1
    WAIT_IRQS 1
    li a1, MSTATUS_MIE
    csrc mstatus, a1
    CHECK_LOG 0, INTERRUPT | IRQ_SSI
    li a1, 1 << IRQ_SSI
    csrc mip, a1

    TEST 16                         # delegated SSI: never taken in M-mode, even with MIE = 1
    RESET_IRQS
    li a1, 1 << IRQ_SSI
    csrw mideleg, a1
    csrw mie, a1
    csrs mip, a1
    li a1, MSTATUS_MIE | MSTATUS_SIE
    csrs mstatus, a1
    li a0, 1000
1:  addi a0, a0, -1
    bnez a0, 1b
    li a1, MSTATUS_MIE | MSTATUS_SIE
    csrc mstatus, a1
    LOAD a0, irq_count
    CHECK_IMM a0, 0

    TEST 17                         # delegated SSI in S with SIE = 0: not taken
    li a1, MSTATUS_SIE
    csrc mstatus, a1
    EXPECT_TRAP CAUSE_ECALL_S, 1f
    ENTER_MODE MODE_S, 2f
2:  li a0, 1000
3:  addi a0, a0, -1
    bnez a0, 3b
    LOAD a0, irq_count
    CHECK_IMM a0, 0
    ecall
1:
    TEST 18                         # SIE = 1: taken in S, scause = bit 63 | 1, SPP = S, SPIE = 1
    EXPECT_TRAP CAUSE_ECALL_S, 1f
    ENTER_MODE MODE_S, 2f
2:  li a1, MSTATUS_SIE
    csrs sstatus, a1
    WAIT_IRQS 1
    li a1, MSTATUS_SIE
    csrc sstatus, a1
    ecall
1:  CHECK_LOG 0, (1 << 62) | INTERRUPT | IRQ_SSI
    LOAD a0, irq_status
    CHECK_BITS a0, MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE, MSTATUS_SPP | MSTATUS_SPIE
    csrr a0, mcause                 # M saw only the ecall
    CHECK_IMM a0, CAUSE_ECALL_S

    TEST 19                         # delegated SSI is taken in U whatever SIE says
    RESET_IRQS
    li a1, 1 << IRQ_SSI
    csrw mie, a1
    csrs mip, a1
    li a1, MSTATUS_SIE
    csrc mstatus, a1
    EXPECT_TRAP CAUSE_ECALL_U, 1f
    ENTER_MODE MODE_U, 2f
2:  li s4, WAIT_BOUND
3:  LOAD t0, irq_count
    bnez t0, 4f
    addi s4, s4, -1
    bnez s4, 3b
4:  ecall
1:  CHECK_LOG 0, (1 << 62) | INTERRUPT | IRQ_SSI
    LOAD a0, irq_status             # SPP = 0: taken from U
    CHECK_BITS a0, MSTATUS_SPP, 0
    csrw mideleg, x0
    csrw mie, x0

# --- Sstc: stimecmp drives STIP ---
    TEST 20                         # menvcfg.STCE = 1: STIP = (time >= stimecmp), read-only
    li a1, 1 << 63
    csrs menvcfg, a1
    csrr a0, menvcfg
    srli a0, a0, 63
    CHECK_IMM a0, 1
    li a1, -1
    csrw stimecmp, a1
    csrr a0, stimecmp
    CHECK_IMM a0, -1
    WAIT_CSR mip, 1 << IRQ_STI, 0
    csrw stimecmp, x0
    WAIT_CSR mip, 1 << IRQ_STI, 1 << IRQ_STI
    li a1, -1
    csrw stimecmp, a1
    WAIT_CSR mip, 1 << IRQ_STI, 0

    TEST 21                         # S-mode reaches stimecmp with mcounteren.TM = 1, and not without
    li a1, 2
    csrw mcounteren, a1
    EXPECT_TRAP CAUSE_ECALL_S, 1f
    ENTER_MODE MODE_S, 2f
2:  li a1, 0x1234
    csrw stimecmp, a1
    csrr a0, stimecmp
    CHECK_IMM a0, 0x1234
    ecall
1:  csrw mcounteren, x0
    EXPECT_TRAP CAUSE_ILLEGAL, 1f
    ENTER_MODE MODE_S, 2f
2:
t21i: csrr a0, stimecmp
    NOT_REACHED
1:  CHECK_TRAP_INSN CAUSE_ILLEGAL, t21i
    li a1, -1
    csrw stimecmp, a1

    TEST 22                         # supervisor timer, delegated: a future deadline taken in S
    RESET_IRQS
    li a1, 1 << IRQ_STI
    csrw mideleg, a1
    csrw mie, a1
    li a1, 2
    csrw mcounteren, a1
    EXPECT_TRAP CAUSE_ECALL_S, 1f
    ENTER_MODE MODE_S, 2f
2:  rdtime a0
    addi a0, a0, 200
    csrw stimecmp, a0
    li a1, MSTATUS_SIE
    csrs sstatus, a1
    WAIT_IRQS 1
    li a1, MSTATUS_SIE
    csrc sstatus, a1
    ecall
1:  CHECK_LOG 0, (1 << 62) | INTERRUPT | IRQ_STI
    li a1, -1
    csrw stimecmp, a1
    csrw mideleg, x0
    csrw mie, x0
    csrw mcounteren, x0

    TEST 23                         # STI not delegated: taken in M with cause 5
    RESET_IRQS
    li a1, 1 << IRQ_STI
    csrw mie, a1
    csrw stimecmp, x0
    li a1, MSTATUS_MIE
    csrs mstatus, a1
    WAIT_IRQS 1
    li a1, MSTATUS_MIE
    csrc mstatus, a1
    CHECK_LOG 0, INTERRUPT | IRQ_STI
    li a1, -1
    csrw stimecmp, a1

# --- priority when several are pending at once ---
# The spec's order is MEI, MSI, MTI, SEI, SSI, STI (3.1.9). QEMU 7.2 without AIA takes the
# lowest-numbered pending interrupt first (SSI before MSI, STI before MTI), so only pairs on
# which both orders agree are checked against it: MSI before MTI, SSI before STI, and the
# M-level interrupts before the delegated ones (test 26).
    TEST 24                         # MSI before MTI
    RESET_IRQS
    li a1, 1
    sw a1, 0(s3)                    # MSIP
    sd x0, 0(s2)                    # MTIP
    li a1, (1 << IRQ_MSI) | (1 << IRQ_MTI)
    csrw mie, a1
    WAIT_CSR mip, (1 << IRQ_MSI) | (1 << IRQ_MTI), (1 << IRQ_MSI) | (1 << IRQ_MTI)
    li a1, MSTATUS_MIE
    csrs mstatus, a1
    WAIT_IRQS 2
    li a1, MSTATUS_MIE
    csrc mstatus, a1
    CHECK_LOG 0, INTERRUPT | IRQ_MSI
    CHECK_LOG 1, INTERRUPT | IRQ_MTI
    sw x0, 0(s3)
    li a1, -1
    sd a1, 0(s2)

    TEST 25                         # SSI before STI
    RESET_IRQS
    csrw stimecmp, x0               # STIP
    li a1, 1 << IRQ_SSI
    csrs mip, a1                    # SSIP
    li a1, (1 << IRQ_SSI) | (1 << IRQ_STI)
    csrw mie, a1
    li a1, MSTATUS_MIE
    csrs mstatus, a1
    WAIT_IRQS 2
    li a1, MSTATUS_MIE
    csrc mstatus, a1
    CHECK_LOG 0, INTERRUPT | IRQ_SSI
    CHECK_LOG 1, INTERRUPT | IRQ_STI
    li a1, -1
    csrw stimecmp, a1
    li a1, 1 << IRQ_SSI
    csrc mip, a1

    TEST 26                         # an M-level interrupt preempts a delegated one, even in S
    RESET_IRQS
    li a1, (1 << IRQ_SSI)
    csrw mideleg, a1
    li a1, (1 << IRQ_SSI) | (1 << IRQ_MTI)
    csrw mie, a1
    li a1, 1 << IRQ_SSI
    csrs mip, a1
    sd x0, 0(s2)
    EXPECT_TRAP CAUSE_ECALL_S, 1f
    ENTER_MODE MODE_S, 2f
2:  li a1, MSTATUS_SIE
    csrs sstatus, a1
    WAIT_IRQS 2
    li a1, MSTATUS_SIE
    csrc sstatus, a1
    ecall
1:  CHECK_LOG 0, INTERRUPT | IRQ_MTI
    CHECK_LOG 1, (1 << 62) | INTERRUPT | IRQ_SSI
    li a1, -1
    sd a1, 0(s2)
    csrw mideleg, x0
    csrw mie, x0

    TEST_PASS

# irq_trap: the M-mode handler. An interrupt is logged (mcause into irq_log, mstatus into
# irq_status), its enable bit in mie cleared, and the interrupted code resumes. Anything
# else goes to the harness's handler (which resumes an expected trap or fails the test).
    .p2align 2
irq_trap:
    csrr t6, mcause
    bgez t6, harness_trap
    la t5, irq_count
    ld t5, 0(t5)
    slli t5, t5, 3
    la t6, irq_log
    add t5, t5, t6
    csrr t6, mcause
    sd t6, 0(t5)
    csrr t6, mstatus
    sd t6, irq_status, t5
    LOAD t5, irq_count
    addi t5, t5, 1
    sd t5, irq_count, t6
    csrr t6, mcause
    andi t6, t6, 63
    li t5, 1
    sll t5, t5, t6
    csrc mie, t5
    mret

# s_irq_trap: the same in S-mode for delegated interrupts, tagging the log entry with bit 62.
    .p2align 2
s_irq_trap:
    la t5, irq_count
    ld t5, 0(t5)
    slli t5, t5, 3
    la t6, irq_log
    add t5, t5, t6
    csrr t6, scause
    bgez t6, s_irq_wrong
    li t4, 1 << 62
    or t6, t6, t4
    sd t6, 0(t5)
    csrr t6, sstatus
    sd t6, irq_status, t5
    LOAD t5, irq_count
    addi t5, t5, 1
    sd t5, irq_count, t6
    csrr t6, scause
    andi t6, t6, 63
    li t5, 1
    sll t5, t5, t6
    csrc sie, t5
    sret
s_irq_wrong:                        # an exception in S: log scause and stop
    sd t6, 0(t5)
    NOT_REACHED

    .data
    .p2align 3
irq_count: .dword 0
irq_status: .dword 0
irq_log: .zero 8 * 16
