# timer-echo: timer interrupts and UART input together, for the determinism test. The
# machine timer fires every 1000 ticks and counts; each input byte is echoed with the tick
# count at which it was read, and three timer ticks pass between bytes, so the output
# depends on exactly when interrupts and input arrive. On rvmk, where time advances with instructions, two runs print the same bytes.
# Input ends at a '.' (or after 2000 timer ticks); then the program exits with status 0.
    .equ UART0, 0x10000000
    .equ FINISHER, 0x100000
    .equ MTIMECMP, 0x02004000
    .equ MTIME, 0x0200bff8
    .equ INTERVAL, 1000

    .text
    .globl _start
_start:
    la sp, stack_top
    la t0, trap
    csrw mtvec, t0
    li s0, 0                    # ticks
    call arm_timer
    li t0, 0x80                 # mie.MTIE
    csrs mie, t0
    csrsi mstatus, 8            # mstatus.MIE
loop:
    li t0, UART0
    lbu t1, 5(t0)               # LSR.DR: a byte is waiting
    andi t1, t1, 1
    beqz t1, idle
    lbu s1, 0(t0)
    li t2, '.'
    beq s1, t2, done
    mv a0, s1
    call putc
    li a0, '@'
    call putc
    mv a0, s0
    call putdec
    li a0, '\n'
    call putc
    addi t3, s0, 3              # let three timer interrupts pass before the next byte
1:  bltu s0, t3, 1b
    j loop
idle:
    li t0, 2000
    bgeu s0, t0, done
    j loop
done:
    li a0, 'T'
    call putc
    mv a0, s0
    call putdec
    li a0, '\n'
    call putc
    li t0, FINISHER
    li t1, 0x5555
    sw t1, 0(t0)
1:  j 1b

arm_timer:
    li t0, MTIME
    ld t1, 0(t0)
    li t2, INTERVAL
    add t1, t1, t2
    li t0, MTIMECMP
    sd t1, 0(t0)
    ret

    .p2align 2
trap:
    addi sp, sp, -32
    sd ra, 0(sp)
    sd t0, 8(sp)
    sd t1, 16(sp)
    sd t2, 24(sp)
    addi s0, s0, 1
    call arm_timer
    ld ra, 0(sp)
    ld t0, 8(sp)
    ld t1, 16(sp)
    ld t2, 24(sp)
    addi sp, sp, 32
    mret

putc:
    li t0, UART0
1:  lbu t1, 5(t0)
    andi t1, t1, 0x20
    beqz t1, 1b
    sb a0, 0(t0)
    ret

putdec:
    mv t3, ra
    addi sp, sp, -32
    mv t4, sp
    li t2, 10
1:  remu t1, a0, t2
    addi t1, t1, '0'
    sb t1, 0(t4)
    addi t4, t4, 1
    divu a0, a0, t2
    bnez a0, 1b
2:  addi t4, t4, -1
    lbu a0, 0(t4)
    call putc
    bne t4, sp, 2b
    addi sp, sp, 32
    mv ra, t3
    ret

    .bss
    .p2align 4
    .zero 4096
stack_top:
