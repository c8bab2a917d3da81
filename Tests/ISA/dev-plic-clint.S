# dev-plic-clint.S: the PLIC at 0x0c000000 and the CLINT at 0x02000000 (virt board).
#
# PLIC (RISC-V PLIC specification 1.0.0): source priorities, the pending array, per-context
# enables (context 0 = hart 0 M-mode, context 1 = hart 0 S-mode), thresholds, claim and
# complete, and the mip.MEIP/SEIP lines they drive, with the UART's THR-empty interrupt
# (source 10) as a real source; an external interrupt taken in M and, delegated, in S.
# CLINT: msip, mtimecmp and mtime register reads and writes. The test finisher is exercised
# by every test program's exit.

    .include "harness.inc"
    .include "priv.inc"

    .equ PLIC, 0x0c000000
    .equ PLIC_PENDING, 0x0c001000
    .equ PLIC_ENABLE0, 0x0c002000   # context 0; context c at + 0x80 * c
    .equ PLIC_ENABLE1, 0x0c002080
    .equ PLIC_CTX0, 0x0c200000      # threshold; claim/complete at + 4
    .equ PLIC_CTX1, 0x0c201000
    .equ UART_IRQ, 10
    .equ MEIP, 1 << 11
    .equ SEIP, 1 << 9

    .equ UART_IER, 1
    .equ UART_IIR, 2

    # Raises the UART's THR-empty interrupt (IER.ETBEI with THR empty).
    .macro UART_IRQ_ON
    li t0, UART0
    li t1, 0x02
    sb t1, UART_IER(t0)
    .endm

    .macro UART_IRQ_OFF
    li t0, UART0
    sb x0, UART_IER(t0)
    .endm

    # Waits (bounded) until PLIC pending bit 10 is \value.
    .macro WAIT_PENDING value
    li t3, 1000000
1091:
    lw t4, 0(s1)
    srli t4, t4, UART_IRQ
    andi t4, t4, 1
    li t2, \value
    beq t4, t2, 1090f
    addi t3, t3, -1
    bnez t3, 1091b
    NOT_REACHED
1090:
    .endm

    TEST_START dev-plic-clint
    PMP_OPEN
    li s0, PLIC
    li s1, PLIC_PENDING
    li s2, PLIC_ENABLE0
    li s3, PLIC_CTX0
    li s4, PLIC_ENABLE1
    li s5, PLIC_CTX1
    UART_IRQ_OFF

# --- PLIC registers ---
    TEST 1                          # priorities: one word per source, 0..7 kept
    li a1, 5
    sw a1, (UART_IRQ * 4)(s0)
    lw a0, (UART_IRQ * 4)(s0)
    CHECK_IMM a0, 5
    li a1, 7
    sw a1, 4(s0)                    # source 1
    lw a0, 4(s0)
    CHECK_IMM a0, 7
    lw a0, (UART_IRQ * 4)(s0)       # its neighbour is separate
    CHECK_IMM a0, 5
    sw x0, 4(s0)
    lw a0, 4(s0)
    CHECK_IMM a0, 0
    sw x0, (UART_IRQ * 4)(s0)

    TEST 2                          # enables: per context, per source bit
    li a1, 1 << UART_IRQ
    sw a1, 0(s2)
    lw a0, 0(s2)
    CHECK_IMM a0, 1 << UART_IRQ
    lw a0, 0(s4)                    # context 1 unaffected
    CHECK_IMM a0, 0
    li a1, (1 << 3) | (1 << 31)
    sw a1, 0(s4)
    lwu a0, 0(s4)
    CHECK_IMM a0, (1 << 3) | (1 << 31)
    li a1, 0x5a5a5a5a
    sw a1, 4(s4)                    # sources 32..63
    lw a0, 4(s4)
    CHECK_IMM a0, 0x5a5a5a5a
    sw x0, 0(s2)
    sw x0, 0(s4)
    sw x0, 4(s4)

    TEST 3                          # thresholds, per context
    li a1, 3
    sw a1, 0(s3)
    lw a0, 0(s3)
    CHECK_IMM a0, 3
    lw a0, 0(s5)
    CHECK_IMM a0, 0
    li a1, 6
    sw a1, 0(s5)
    lw a0, 0(s5)
    CHECK_IMM a0, 6
    sw x0, 0(s3)
    sw x0, 0(s5)

    TEST 4                          # nothing pending: claim returns 0
    lw a0, 4(s3)
    CHECK_IMM a0, 0
    lw a0, 0(s1)
    CHECK_BITS a0, 1 << UART_IRQ, 0

# --- the UART as a source: pending, enable, threshold, claim/complete ---
    TEST 5                          # the UART's interrupt makes source 10 pending
    UART_IRQ_ON
    WAIT_PENDING 1
    WAIT_CSR mip, MEIP | SEIP, 0   # not enabled for context 0: no MEIP

    TEST 6                          # priority 0 means never: enabled but no MEIP
    li a1, 1 << UART_IRQ
    sw a1, 0(s2)
    WAIT_CSR mip, MEIP, 0

    TEST 7                          # priority 1 > threshold 0: MEIP
    li a1, 1
    sw a1, (UART_IRQ * 4)(s0)
    WAIT_CSR mip, MEIP | SEIP, MEIP

    TEST 8                          # threshold 1: priority must exceed it; no MEIP
    li a1, 1
    sw a1, 0(s3)
    WAIT_CSR mip, MEIP, 0
    li a1, 2                        # priority 2 > 1: MEIP again
    sw a1, (UART_IRQ * 4)(s0)
    WAIT_CSR mip, MEIP, MEIP
    sw x0, 0(s3)

    TEST 9                          # claim: returns 10, clears pending and MEIP
    lw a0, 4(s3)
    CHECK_IMM a0, UART_IRQ
    lw a0, 0(s1)
    CHECK_BITS a0, 1 << UART_IRQ, 0
    WAIT_CSR mip, MEIP, 0
    lw a0, 4(s3)                    # claimed and not completed: nothing to claim
    CHECK_IMM a0, 0

    TEST 10                         # the device quiet, complete: nothing comes back
    UART_IRQ_OFF
    li a1, UART_IRQ
    sw a1, 4(s3)
    lw a0, 0(s1)
    CHECK_BITS a0, 1 << UART_IRQ, 0
    WAIT_CSR mip, MEIP, 0

    TEST 11                         # context 1 (S) enabled instead: SEIP, not MEIP
    sw x0, 0(s2)
    li a1, 1 << UART_IRQ
    sw a1, 0(s4)
    UART_IRQ_ON
    WAIT_PENDING 1
    WAIT_CSR mip, MEIP | SEIP, SEIP
    lw a0, 4(s5)
    CHECK_IMM a0, UART_IRQ
    WAIT_CSR mip, SEIP, 0
    UART_IRQ_OFF
    li a1, UART_IRQ
    sw a1, 4(s5)
    sw x0, 0(s4)

# --- an external interrupt taken ---
    TEST 12                         # in M: mcause = bit 63 | 11, the handler claims it
    la a1, mei_trap
    csrw mtvec, a1
    sd x0, ext_claimed, t0
    li a1, 1 << UART_IRQ
    sw a1, 0(s2)
    li a1, MEIP
    csrw mie, a1
    li a1, MSTATUS_MIE
    csrs mstatus, a1
    UART_IRQ_ON
    li a0, 1000000
1:  LOAD a1, ext_claimed
    bnez a1, 2f
    addi a0, a0, -1
    bnez a0, 1b
2:  li a1, MSTATUS_MIE
    csrc mstatus, a1
    la a1, harness_trap
    csrw mtvec, a1
    LOAD a0, ext_claimed
    CHECK_IMM a0, UART_IRQ
    LOAD a0, ext_cause
    CHECK_IMM a0, (1 << 63) | 11
    lw a0, 0(s1)
    CHECK_BITS a0, 1 << UART_IRQ, 0
    csrw mie, x0
    sw x0, 0(s2)

    TEST 13                         # in S through mideleg: scause = bit 63 | 9, claimed on context 1
    la a1, sei_trap
    csrw stvec, a1
    sd x0, ext_claimed, t0
    li a1, 1 << UART_IRQ
    sw a1, 0(s4)
    li a1, SEIP
    csrw mideleg, a1
    csrw mie, a1
    EXPECT_TRAP CAUSE_ECALL_S, 1f
    ENTER_MODE MODE_S, 2f
2:  li a1, MSTATUS_SIE
    csrs sstatus, a1
    UART_IRQ_ON
    li a0, 1000000
3:  LOAD a1, ext_claimed
    bnez a1, 4f
    addi a0, a0, -1
    bnez a0, 3b
4:  li a1, MSTATUS_SIE
    csrc sstatus, a1
    ecall
1:  LOAD a0, ext_claimed
    CHECK_IMM a0, UART_IRQ
    LOAD a0, ext_cause
    CHECK_IMM a0, (1 << 63) | 9
    csrw mie, x0
    csrw mideleg, x0
    sw x0, 0(s4)

# --- CLINT ---
    TEST 14                         # msip: bit 0 only
    li s6, CLINT_MSIP
    li a1, -1
    sw a1, 0(s6)
    lw a0, 0(s6)
    CHECK_IMM a0, 1
    WAIT_CSR mip, 1 << 3, 1 << 3
    sw x0, 0(s6)
    lw a0, 0(s6)
    CHECK_IMM a0, 0

    TEST 15                         # mtimecmp: 64 bits, also as two 32-bit halves
    li s7, CLINT_MTIMECMP
    li a1, 0x0123456789abcdef
    sd a1, 0(s7)
    ld a0, 0(s7)
    CHECK a0, a1
    lwu a0, 0(s7)
    CHECK_IMM a0, 0x89abcdef
    lwu a0, 4(s7)
    CHECK_IMM a0, 0x01234567
    li a1, -1
    sd a1, 0(s7)

    TEST 16                         # mtime is writable and keeps counting from the new value
    li s8, CLINT_MTIME
    li a1, 0x0000001000000000
    sd a1, 0(s8)
    ld a0, 0(s8)
    sub a2, a0, a1
    srli a2, a2, 32                 # 0 <= mtime - written < 2^32
    CHECK_IMM a2, 0
    rdtime a3
    bgeu a3, a0, 1f
    NOT_REACHED
1:  lwu a2, 4(s8)                   # the high half
    CHECK_IMM a2, 0x10

    TEST_PASS

# mei_trap: M-mode handler for the external interrupt: claim, quiet the UART, complete.
    .p2align 2
mei_trap:
    csrr t0, mcause
    sd t0, ext_cause, t1
    bgez t0, harness_trap
    li t0, PLIC_CTX0
    lw t1, 4(t0)
    sd t1, ext_claimed, t2
    li t2, UART0
    sb x0, UART_IER(t2)
    sw t1, 4(t0)
    mret

# sei_trap: the same in S-mode on context 1.
    .p2align 2
sei_trap:
    csrr t0, scause
    sd t0, ext_cause, t1
    bgez t0, 1f
    li t0, PLIC_CTX1
    lw t1, 4(t0)
    sd t1, ext_claimed, t2
    li t2, UART0
    sb x0, UART_IER(t2)
    sw t1, 4(t0)
    sret
1:  NOT_REACHED

    .data
    .p2align 3
ext_claimed: .dword 0
ext_cause: .dword 0
