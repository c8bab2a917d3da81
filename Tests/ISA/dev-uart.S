# dev-uart.S: the NS16550A UART at 0x10000000 (registers as in the PC16550D datasheet).
#
# LSR idle bits, LCR and the divisor latch behind DLAB, SCR, IER (bits 7:4 read 0), IIR
# identification of the THR-empty and received-data interrupts and how reading IIR, RBR or
# writing THR clears them, FCR's FIFO enable reflected in IIR bits 7:6, and loopback (MCR
# bit 4): transmitted bytes come back in RBR and MCR's outputs show in MSR. Loopback keeps
# the terminal quiet; every test restores LCR, MCR and IER so the harness can still print.

    .include "harness.inc"
    .include "priv.inc"

    .equ RBR, 0
    .equ THR, 0
    .equ DLL, 0
    .equ IER, 1
    .equ DLM, 1
    .equ IIR, 2
    .equ FCR, 2
    .equ LCR, 3
    .equ MCR, 4
    .equ LSR, 5
    .equ MSR, 6
    .equ SCR, 7

    .equ LSR_DR, 0x01
    .equ LSR_THRE, 0x20
    .equ LSR_TEMT, 0x40

    # Waits (bounded) until LSR has all of \bits set; fails if it never does.
    .macro WAIT_LSR bits
    li t3, 1000000
1094:
    lbu t4, LSR(s0)
    andi t4, t4, \bits
    li t2, \bits
    beq t4, t2, 1093f
    addi t3, t3, -1
    bnez t3, 1094b
    mv a0, t4                       # found: LSR & bits; expected: bits
    mv a1, t2
    j uart_fail
1093:
    .endm

    # CHECK_IMM and CHECK_BITS that put the UART back (DLAB, loopback off) before failing,
    # so that the failure message reaches the terminal.
    .macro UCHECK_IMM reg, value
    li t6, \value
    beq \reg, t6, 1092f
    mv a0, \reg
    mv a1, t6
    j uart_fail
1092:
    .endm

    .macro UCHECK_BITS reg, mask, value
    li t5, \mask
    and t5, \reg, t5
    UCHECK_IMM t5, \value
    .endm

    TEST_START dev-uart
    li s0, UART0

# --- idle state ---
    TEST 1                          # transmitter empty, no data received
    WAIT_LSR LSR_THRE | LSR_TEMT
    lbu a0, LSR(s0)
    UCHECK_BITS a0, LSR_DR | LSR_THRE | LSR_TEMT, LSR_THRE | LSR_TEMT
    UCHECK_BITS a0, 0x9e, 0          # no errors, no break, no FIFO error

    TEST 2                          # SCR is a plain byte of storage
    li a1, 0xa5
    sb a1, SCR(s0)
    lbu a0, SCR(s0)
    UCHECK_IMM a0, 0xa5
    li a1, 0x5a
    sb a1, SCR(s0)
    lbu a0, SCR(s0)
    UCHECK_IMM a0, 0x5a

    TEST 3                          # LCR reads back
    li a1, 0x1b                     # 8 bits, 1 stop, even parity
    sb a1, LCR(s0)
    lbu a0, LCR(s0)
    UCHECK_IMM a0, 0x1b
    li a1, 0x03                     # 8N1
    sb a1, LCR(s0)
    lbu a0, LCR(s0)
    UCHECK_IMM a0, 0x03

    TEST 4                          # IER: bits 3:0 only
    li a1, 0x05
    sb a1, IER(s0)
    lbu a0, IER(s0)
    UCHECK_IMM a0, 0x05
    li a1, 0xf8
    sb a1, IER(s0)
    lbu a0, IER(s0)
    UCHECK_IMM a0, 0x08
    sb x0, IER(s0)
    lbu a0, IER(s0)
    UCHECK_IMM a0, 0

    TEST 5                          # DLAB = 1: offsets 0 and 1 are the divisor latch
    li a1, 0x07
    sb a1, IER(s0)
    li a1, 0x83
    sb a1, LCR(s0)
    li a1, 0x0c
    sb a1, DLL(s0)
    li a1, 0x01
    sb a1, DLM(s0)
    lbu a0, DLL(s0)
    UCHECK_IMM a0, 0x0c
    lbu a0, DLM(s0)
    UCHECK_IMM a0, 0x01
    lbu a0, LCR(s0)
    UCHECK_IMM a0, 0x83
    li a1, 0x03                     # DLAB = 0: IER is back, untouched by the DLM write
    sb a1, LCR(s0)
    lbu a0, IER(s0)
    UCHECK_IMM a0, 0x07
    sb x0, IER(s0)
    li a1, 0x83                     # and the latch kept its value
    sb a1, LCR(s0)
    lbu a0, DLL(s0)
    lbu a2, DLM(s0)
    li a1, 0x03
    sb a1, LCR(s0)
    UCHECK_IMM a0, 0x0c
    UCHECK_IMM a2, 0x01

# --- IIR: the THR-empty interrupt ---
    TEST 6                          # nothing enabled: IIR = 1 (no interrupt pending)
    sb x0, IER(s0)
    sb x0, FCR(s0)
    lbu a0, IIR(s0)
    UCHECK_IMM a0, 0x01

    TEST 7                          # enabling ETBEI with THR empty: IIR = 2; reading IIR clears it
    WAIT_LSR LSR_THRE | LSR_TEMT
    li a1, 0x02
    sb a1, IER(s0)
    lbu a0, IIR(s0)
    UCHECK_IMM a0, 0x02
    lbu a0, IIR(s0)
    UCHECK_IMM a0, 0x01

    TEST 8                          # a write to THR clears it; THR empty again raises it again
    li a1, 0x10                     # (in loopback, so the byte does not reach the terminal)
    sb a1, MCR(s0)
    li a1, '.'
    sb a1, THR(s0)
    WAIT_LSR LSR_THRE | LSR_TEMT | LSR_DR
    lbu a0, IIR(s0)
    UCHECK_IMM a0, 0x02
    sb x0, IER(s0)                  # disabling it: IIR = 1
    lbu a0, IIR(s0)
    UCHECK_IMM a0, 0x01
    lbu a0, RBR(s0)
    UCHECK_IMM a0, '.'
    sb x0, MCR(s0)

# --- FCR: FIFO enable shows in IIR bits 7:6 ---
    TEST 9
    li a1, 0x07                     # enable, clear both FIFOs
    sb a1, FCR(s0)
    lbu a0, IIR(s0)
    UCHECK_IMM a0, 0xc1
    sb x0, FCR(s0)
    lbu a0, IIR(s0)
    UCHECK_IMM a0, 0x01

# --- loopback ---
    TEST 10                         # MCR reads back (bits 4:0); MSR mirrors the outputs
    li a1, 0x10
    sb a1, MCR(s0)
    lbu a0, MCR(s0)
    UCHECK_IMM a0, 0x10
    lbu a0, MSR(s0)
    UCHECK_BITS a0, 0xf0, 0
    li a1, 0x1f                     # DTR, RTS, OUT1, OUT2: DSR, CTS, RI, DCD
    sb a1, MCR(s0)
    lbu a0, MSR(s0)
    UCHECK_BITS a0, 0xf0, 0xf0
    li a1, 0x11                     # DTR only: DSR (bit 5)
    sb a1, MCR(s0)
    lbu a0, MSR(s0)
    UCHECK_BITS a0, 0xf0, 0x20
    li a1, 0x12                     # RTS only: CTS (bit 4)
    sb a1, MCR(s0)
    lbu a0, MSR(s0)
    UCHECK_BITS a0, 0xf0, 0x10
    li a1, 0x14                     # OUT1: RI (bit 6)
    sb a1, MCR(s0)
    lbu a0, MSR(s0)
    UCHECK_BITS a0, 0xf0, 0x40
    li a1, 0x18                     # OUT2: DCD (bit 7)
    sb a1, MCR(s0)
    lbu a0, MSR(s0)
    UCHECK_BITS a0, 0xf0, 0x80

    TEST 11                         # a byte sent in loopback arrives in RBR
    li a1, 0x10
    sb a1, MCR(s0)
    li a1, 'A'
    sb a1, THR(s0)
    WAIT_LSR LSR_DR
    lbu a0, RBR(s0)
    UCHECK_IMM a0, 'A'
    lbu a0, LSR(s0)
    UCHECK_BITS a0, LSR_DR, 0

    TEST 12                         # received-data interrupt: IIR = 4, above THR empty
    li a1, 0x03                     # ERBFI and ETBEI
    sb a1, IER(s0)
    lbu a0, IIR(s0)                 # only THR empty so far
    UCHECK_IMM a0, 0x02
    li a1, 'B'
    sb a1, THR(s0)
    WAIT_LSR LSR_DR | LSR_THRE
    lbu a0, IIR(s0)
    UCHECK_IMM a0, 0x04
    lbu a0, IIR(s0)                 # reading IIR does not clear received data
    UCHECK_IMM a0, 0x04
    lbu a0, RBR(s0)
    UCHECK_IMM a0, 'B'
    lbu a0, IIR(s0)                 # reading RBR does: THR empty shows next
    UCHECK_IMM a0, 0x02
    lbu a0, IIR(s0)
    UCHECK_IMM a0, 0x01
    sb x0, IER(s0)

    TEST 13                         # with the FIFO on, bytes come back in order
    li a1, 0x07
    sb a1, FCR(s0)
    li a1, 'x'
    sb a1, THR(s0)
    li a1, 'y'
    sb a1, THR(s0)
    li a1, 'z'
    sb a1, THR(s0)
    WAIT_LSR LSR_DR | LSR_TEMT
    lbu a0, RBR(s0)
    UCHECK_IMM a0, 'x'
    WAIT_LSR LSR_DR
    lbu a0, RBR(s0)
    UCHECK_IMM a0, 'y'
    WAIT_LSR LSR_DR
    lbu a0, RBR(s0)
    UCHECK_IMM a0, 'z'
    lbu a0, LSR(s0)
    UCHECK_BITS a0, LSR_DR, 0

    TEST 14                         # FCR bit 1 clears the receive FIFO
    li a1, 'q'
    sb a1, THR(s0)
    WAIT_LSR LSR_DR
    li a1, 0x03
    sb a1, FCR(s0)
    lbu a0, LSR(s0)
    UCHECK_BITS a0, LSR_DR, 0
    sb x0, FCR(s0)
    sb x0, MCR(s0)

    TEST 15                         # loopback off: MCR reads 0 (the PASS line shows output flows)
    lbu a0, MCR(s0)
    UCHECK_IMM a0, 0
    lbu a0, LSR(s0)
    UCHECK_BITS a0, LSR_DR, 0

    TEST_PASS

uart_fail:
    li t0, UART0
    sb x0, MCR(t0)
    sb x0, IER(t0)
    sb x0, FCR(t0)
    li t1, 0x03
    sb t1, LCR(t0)
    j harness_fail_values
