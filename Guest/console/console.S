# console: the driver of the NS16550A UART, an ordinary user program. It maps the UART's
# registers through its device handle, takes the UART's interrupts as notifications bound
# to itself, and serves CON_WRITE and CON_READ (servers.inc) to any number of clients.
#
# Input is read from the UART only while a client waits for a line: then each byte is
# echoed and edited (backspace, Ctrl-U, Enter; escape sequences are dropped) and a complete
# line goes to the first waiting reader. Bytes typed while nobody reads stay in the UART
# (and in rvmk's input queue), so a transcript shows each line where it was read.
# Output goes into a ring and out through the transmitter as fast as it takes bytes; when
# it is busy, its THR-empty interrupt brings the console back.

    .include "abi.inc"
    .include "servers.inc"

    .equ UART,          0x20000000      # where the registers are mapped
    .equ RBR,           0               # receive buffer / transmit holding register
    .equ IER,           1
    .equ IIR,           2               # interrupt identification / FIFO control
    .equ LCR,           3
    .equ MCR,           4
    .equ LSR,           5
    .equ LSR_DR,        0x01
    .equ LSR_THRE,      0x20
    .equ IER_RX,        0x01
    .equ IER_THRE,      0x02
    .equ IRQ_BIT,       1
    .equ LINE_MAX,      255
    .equ RING,          8192
    .equ READERS,       8

    .text
    .globl _start
_start:
    li s11, UART
    mv a0, s11
    li a6, SLOT_DEVICE
    li a7, SYS_MAP_DEVICE
    ecall
    bltz a7, fail
    li a7, SYS_NOTIFICATION
    ecall
    bltz a7, fail
    mv s10, a0                          # the notification
    mv a6, a0
    li a7, SYS_BIND
    ecall
    li a6, SLOT_IRQ
    mv a0, s10
    li a1, IRQ_BIT
    li a7, SYS_IRQ_BIND
    ecall
    bltz a7, fail
    li a6, SLOT_IRQ                     # a previous incarnation may have died mid-claim
    li a7, SYS_IRQ_ACK
    ecall
    # 8 data bits, no parity, one stop bit; interrupts off for now. The FIFO control is
    # left alone: changing it would throw away bytes typed before this incarnation.
    sb zero, IER(s11)
    li t0, 0x03
    sb t0, LCR(s11)
    li t0, 0x08                         # OUT2: route the interrupt (as PCs need)
    sb t0, MCR(s11)
    # Register with the name service (a copy of our endpoint that can only call).
    li a6, SLOT_SERVICE
    li a0, R_SEND | R_GRANT
    li a1, 0
    li a7, SYS_COPY
    ecall
    bltz a7, 1f
    mv t4, a0
    li a0, NAMES_REGISTER
    li a1, 0x656c6f736e6f63             # "console"
    li a2, 0
    li a6, SLOT_NAMES
    li t5, 10000000                     # at most a second: names may be down
    li a7, SYS_CALL | F_GRANT | F_TIMEOUT
    ecall
1:

# ---- The loop -----------------------------------------------------------------------------
receive:
    la t2, request
    li t3, MSG_BUF_MAX
    li a6, SLOT_SERVICE
    li a7, SYS_RECV | F_RECV_BUF
    ecall
    li t2, ST_NOTIFIED
    beq a7, t2, interrupt
    bnez a7, receive
    mv s9, t6                           # the caller's reply token (t0: bytes received)
    li t1, CON_WRITE
    beq a0, t1, op_write
    li t1, CON_READ
    beq a0, t1, op_read
    li t1, CON_CRASH
    beq a0, t1, op_crash
    li a0, E_INVAL
reply:
    mv t6, s9
    li a7, SYS_REPLY
    ecall
    j receive

interrupt:
    lbu t0, IIR(s11)                    # reading IIR clears a THR-empty interrupt
    call serve_input
    call drain
    li a6, SLOT_IRQ
    li a7, SYS_IRQ_ACK
    ecall
    j receive

# CON_WRITE: the t0 bytes in `request` go out.
op_write:
    mv s1, t0
    la s2, request
    mv s3, t0
1:  beqz s3, 2f
    lbu a0, 0(s2)
    call put
    addi s2, s2, 1
    addi s3, s3, -1
    j 1b
2:  call drain
    mv a0, s1
    j reply

# CON_READ: the reader waits in line; input is served at once if the UART has any.
op_read:
    ld t0, readers
    li t1, READERS
    li a0, E_BUSY
    bgeu t0, t1, reply
    la t1, reader_tokens
    slli t2, t0, 3
    add t1, t1, t2
    sd s9, 0(t1)
    addi t0, t0, 1
    sd t0, readers, t1
    call serve_input
    call drain
    j receive

op_crash:
    ld zero, 0(zero)                    # a load page fault, on purpose

fail:
    li a0, 1
    li a7, SYS_EXIT
    ecall

# ---- Input --------------------------------------------------------------------------------
# serve_input: while a reader waits and the UART has a byte, edit it into the line; each
# complete line goes to the first reader. The receive interrupt is on only while a reader
# waits.
serve_input:
    addi sp, sp, -16
    sd ra, 0(sp)
1:  ld t0, readers
    beqz t0, 2f
    lbu t0, LSR(s11)
    andi t0, t0, LSR_DR
    beqz t0, 2f
    lbu a0, RBR(s11)
    call edit
    j 1b
2:  call set_ier
    ld ra, 0(sp)
    addi sp, sp, 16
    ret

# edit(a0 = byte).
edit:
    addi sp, sp, -16
    sd ra, 0(sp)
    ld t0, escape
    bnez t0, 20f
    li t1, '\r'
    beq a0, t1, 10f
    li t1, '\n'
    beq a0, t1, 11f
    sd zero, after_cr, t2
    li t1, 0x08
    beq a0, t1, 30f
    li t1, 0x7f
    beq a0, t1, 30f
    li t1, 0x15                         # Ctrl-U: the whole line
    beq a0, t1, 40f
    li t1, 0x1b                         # escape: a sequence to drop
    beq a0, t1, 50f
    li t1, ' '
    bltu a0, t1, 90f                    # other control bytes are dropped
    li t1, 0x7f
    bgeu a0, t1, 90f
    ld t0, line_length
    li t1, LINE_MAX - 1
    bgeu t0, t1, 90f                    # the line is full
    la t1, line
    add t1, t1, t0
    sb a0, 0(t1)
    addi t0, t0, 1
    sd t0, line_length, t1
    call put                            # echo
    j 90f
10: li t0, 1                            # Enter as '\r' (a '\n' right after it is ignored)
    sd t0, after_cr, t1
    j 12f
11: ld t0, after_cr
    sd zero, after_cr, t1
    bnez t0, 90f
12: li a0, '\n'
    call put
    call deliver
    j 90f
20: li t1, 1                            # in an escape sequence
    bne t0, t1, 21f
    li t1, '['
    li t2, 2
    beq a0, t1, 22f
    li t2, 0
22: sd t2, escape, t1
    j 90f
21: li t1, 0x40                         # CSI: up to its final byte
    bltu a0, t1, 90f
    li t1, 0x7e
    bgtu a0, t1, 90f
    sd zero, escape, t1
    j 90f
30: ld t0, line_length
    beqz t0, 90f
    addi t0, t0, -1
    sd t0, line_length, t1
    call rubout
    j 90f
40: ld t0, line_length
    beqz t0, 90f
    addi t0, t0, -1
    sd t0, line_length, t1
    call rubout
    j 40b
50: li t0, 1
    sd t0, escape, t1
90: ld ra, 0(sp)
    addi sp, sp, 16
    ret

# rubout: "\b \b".
rubout:
    addi sp, sp, -16
    sd ra, 0(sp)
    li a0, 0x08
    call put
    li a0, ' '
    call put
    li a0, 0x08
    call put
    ld ra, 0(sp)
    addi sp, sp, 16
    ret

# deliver: the line and its '\n' to the first reader; the others move up.
deliver:
    ld t0, line_length
    la t1, line
    add t1, t1, t0
    li t2, '\n'
    sb t2, 0(t1)
    addi a0, t0, 1
    la t0, line
    mv t1, a0
    ld t6, reader_tokens
    li a7, SYS_REPLY | F_SEND_BUF
    ecall                               # a reader that is gone (E_NOENT) loses nothing
    sd zero, line_length, t0
    ld t0, readers
    addi t0, t0, -1
    sd t0, readers, t1
    la t1, reader_tokens
1:  beqz t0, 2f
    ld t2, 8(t1)
    sd t2, 0(t1)
    addi t1, t1, 8
    addi t0, t0, -1
    j 1b
2:  ret

# ---- Output -------------------------------------------------------------------------------
# put(a0 = byte): into the ring. When the ring is full, the transmitter is waited for.
put:
    ld t0, ring_head
    ld t1, ring_tail
    sub t2, t1, t0
    li t3, RING
    bltu t2, t3, 2f
1:  lbu t2, LSR(s11)                    # full: wait for the transmitter
    andi t2, t2, LSR_THRE
    beqz t2, 1b
    la t3, ring
    li t4, RING - 1
    and t2, t0, t4
    add t3, t3, t2
    lbu t2, 0(t3)
    sb t2, RBR(s11)
    addi t0, t0, 1
    sd t0, ring_head, t2
2:  la t3, ring
    li t4, RING - 1
    and t2, t1, t4
    add t3, t3, t2
    sb a0, 0(t3)
    addi t1, t1, 1
    sd t1, ring_tail, t2
    ret

# drain: the ring into the transmitter while it takes bytes; its interrupt on if bytes wait.
drain:
    addi sp, sp, -16
    sd ra, 0(sp)
    ld t0, ring_head
    ld t1, ring_tail
    la t3, ring
    li t4, RING - 1
1:  beq t0, t1, 2f
    lbu t2, LSR(s11)
    andi t2, t2, LSR_THRE
    beqz t2, 2f
    and t2, t0, t4
    add t2, t2, t3
    lbu t2, 0(t2)
    sb t2, RBR(s11)
    addi t0, t0, 1
    j 1b
2:  sd t0, ring_head, t2
    call set_ier
    ld ra, 0(sp)
    addi sp, sp, 16
    ret

# set_ier: receive interrupts while a reader waits, transmit interrupts while output waits.
set_ier:
    li t0, 0
    ld t1, readers
    beqz t1, 1f
    ori t0, t0, IER_RX
1:  ld t1, ring_head
    ld t2, ring_tail
    beq t1, t2, 2f
    ori t0, t0, IER_THRE
2:  lbu t1, IER(s11)
    beq t0, t1, 3f
    sb t0, IER(s11)
3:  ret

    .bss
    .balign 8
readers:        .zero 8
reader_tokens:  .zero 8 * (READERS + 1)
line_length:    .zero 8
after_cr:       .zero 8
escape:         .zero 8
ring_head:      .zero 8
ring_tail:      .zero 8
line:           .zero LINE_MAX + 1
    .balign 8
ring:           .zero RING
request:        .zero MSG_BUF_MAX
