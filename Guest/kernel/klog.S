# klog.S: the kernel log, written straight to the UART (polled), one line per event.

# kputc(a0 = byte).
kputc:
    li t0, KUART
1:  lbu t1, 5(t0)                       # LSR: transmitter holding register empty
    andi t1, t1, 0x20
    beqz t1, 1b
    sb a0, 0(t0)
    ret

# kprint_str(a0 = NUL-terminated string).
kprint_str:
    addi sp, sp, -16
    sd ra, 0(sp)
    sd s4, 8(sp)
    mv s4, a0
1:  lbu a0, 0(s4)
    beqz a0, 2f
    call kputc
    addi s4, s4, 1
    j 1b
2:  ld ra, 0(sp)
    ld s4, 8(sp)
    addi sp, sp, 16
    ret

kprint_nl:
    li a0, '\n'
    j kputc

# kprint_dec(a0): unsigned decimal.
kprint_dec:
    la t0, kprint_digits + 24
    sb zero, 0(t0)
    li t1, 10
1:  remu t2, a0, t1
    addi t2, t2, '0'
    addi t0, t0, -1
    sb t2, 0(t0)
    divu a0, a0, t1
    bnez a0, 1b
    mv a0, t0
    j kprint_str

# kprint_hex(a0): 0x and the hex digits, without leading zeros.
kprint_hex:
    la t0, kprint_digits + 24
    sb zero, 0(t0)
1:  andi t2, a0, 15
    li t3, 10
    bltu t2, t3, 2f
    addi t2, t2, 'a' - '0' - 10
2:  addi t2, t2, '0'
    addi t0, t0, -1
    sb t2, 0(t0)
    srli a0, a0, 4
    bnez a0, 1b
    li t2, 'x'
    sb t2, -1(t0)
    li t2, '0'
    sb t2, -2(t0)
    addi a0, t0, -2
    j kprint_str

# klog_begin(a0 = text): "[kernel] " and the text.
klog_begin:
    addi sp, sp, -16
    sd ra, 0(sp)
    sd a0, 8(sp)
    la a0, klog_prefix
    call kprint_str
    ld a0, 8(sp)
    ld ra, 0(sp)
    addi sp, sp, 16
    j kprint_str

# klog_proc(a0 = PCB): "[kernel] pid N (name) ".
klog_proc:
    addi sp, sp, -16
    sd ra, 0(sp)
    sd s4, 8(sp)
    mv s4, a0
    la a0, klog_pid_text
    call klog_begin
    ld a0, P_PID(s4)
    call kprint_dec
    la a0, klog_open
    call kprint_str
    addi a0, s4, P_NAME
    call kprint_str
    la a0, klog_close
    call kprint_str
    ld ra, 0(sp)
    ld s4, 8(sp)
    addi sp, sp, 16
    ret

# kprint_table(a0 = index, a1 = table of string pointers, a2 = entries): the name, or the
# number when it has none.
kprint_table:
    bgeu a0, a2, 1f
    slli t0, a0, 3
    add t0, t0, a1
    ld t0, 0(t0)
    beqz t0, 1f
    mv a0, t0
    j kprint_str
1:  j kprint_dec

kprint_sysname:
    la a1, syscall_names
    li a2, SYS_COUNT
    j kprint_table

# kprint_error(a0 = a negative error).
kprint_error:
    neg a0, a0
    la a1, error_names
    li a2, 12
    j kprint_table

# klog_death(a0 = PCB, with P_REASON, P_VALUE, P_ADDR set).
klog_death:
    addi sp, sp, -16
    sd ra, 0(sp)
    sd s4, 8(sp)
    mv s4, a0
    call klog_proc
    ld t0, P_REASON(s4)
    li t1, DEATH_EXIT
    beq t0, t1, 1f
    li t1, DEATH_KILLED
    beq t0, t1, 2f
    li t1, DEATH_SYSCALL
    beq t0, t1, 3f
    # A fault: the cause by name, tval, pc.
    la a0, klog_killed
    call kprint_str
    ld a0, P_VALUE(s4)
    la a1, cause_names
    li a2, 16
    call kprint_table
    la a0, klog_tval
    call kprint_str
    ld a0, P_ADDR(s4)
    call kprint_hex
    j 4f
1:  la a0, klog_exited
    call kprint_str
    ld a0, P_VALUE(s4)
    call kprint_dec
    j 5f
2:  la a0, klog_killed_by
    call kprint_str
    ld a0, P_VALUE(s4)
    call kprint_dec
    j 5f
3:  la a0, klog_bad_syscall
    call kprint_str
    ld a0, P_VALUE(s4)
    call kprint_hex
4:  la a0, klog_pc
    call kprint_str
    ld a0, P_PC(s4)
    call kprint_hex
5:  call kprint_nl
    ld ra, 0(sp)
    ld s4, 8(sp)
    addi sp, sp, 16
    ret

    .section .rodata
klog_prefix:        .asciz "[kernel] "
klog_pid_text:      .asciz "pid "
klog_open:          .asciz " ("
klog_close:         .asciz ") "
klog_boot_text:     .asciz "rvmk microkernel: "
klog_boot_text2:    .asciz " MiB RAM, "
klog_boot_text3:    .asciz " programs, first: "
klog_first_text:    .asciz "first user instruction at instret "
klog_empty_text:    .asciz "no processes left: stopping with status "
klog_noinit_text:   .asciz "no program to start: "
klog_killed:        .asciz "killed: "
klog_tval:          .asciz ", tval "
klog_pc:            .asciz ", pc "
klog_exited:        .asciz "exited with status "
klog_killed_by:     .asciz "killed by pid "
klog_bad_syscall:   .asciz "killed: bad system call "
klog_denied_text:   .asciz "denied: "
klog_denied_mid:    .asciz " -> "
klog_panic_text:    .asciz "panic: trap in the kernel, scause "
klog_panic_tval:    .asciz ", stval "
klog_panic_pc:      .asciz ", sepc "
klog_panic_stack:   .asciz " (kernel stack overflow)"
m_trap_text:        .asciz "[kernel] M-mode trap\n"

    .balign 8
cause_names:
    .dword cn0, cn1, cn2, cn3, cn4, cn5, cn6, cn7, 0, 0, 0, 0, cn12, cn13, 0, cn15
error_names:
    .dword 0, en1, en2, en3, en4, en5, en6, en7, en8, en9, en10, en11
syscall_names:
    .dword sn0, sn1, sn2, sn3, sn4, sn5, sn6, sn7, sn8, sn9, sn10, sn11, sn12
    .dword sn13, sn14, sn15, sn16, sn17, sn18, sn19, sn20, sn21, sn22, sn23, sn24, sn25
cn0:    .asciz "instruction address misaligned"
cn1:    .asciz "instruction access fault"
cn2:    .asciz "illegal instruction"
cn3:    .asciz "breakpoint"
cn4:    .asciz "load address misaligned"
cn5:    .asciz "load access fault"
cn6:    .asciz "store/AMO address misaligned"
cn7:    .asciz "store/AMO access fault"
cn12:   .asciz "instruction page fault"
cn13:   .asciz "load page fault"
cn15:   .asciz "store/AMO page fault"
en1:    .asciz "E_INVAL"
en2:    .asciz "E_HANDLE"
en3:    .asciz "E_RIGHTS"
en4:    .asciz "E_FAULT"
en5:    .asciz "E_NOMEM"
en6:    .asciz "E_NOSPACE"
en7:    .asciz "E_TIMEOUT"
en8:    .asciz "E_DEAD"
en9:    .asciz "E_REVOKED"
en10:   .asciz "E_NOENT"
en11:   .asciz "E_BUSY"
sn0:    .asciz "SYS_EXIT"
sn1:    .asciz "SYS_CALL"
sn2:    .asciz "SYS_RECV"
sn3:    .asciz "SYS_REPLY"
sn4:    .asciz "SYS_REPLY_RECV"
sn5:    .asciz "SYS_SIGNAL"
sn6:    .asciz "SYS_WAIT"
sn7:    .asciz "SYS_ENDPOINT"
sn8:    .asciz "SYS_NOTIFICATION"
sn9:    .asciz "SYS_BIND"
sn10:   .asciz "SYS_COPY"
sn11:   .asciz "SYS_CLOSE"
sn12:   .asciz "SYS_REVOKE"
sn13:   .asciz "SYS_MAP"
sn14:   .asciz "SYS_UNMAP"
sn15:   .asciz "SYS_MAP_DEVICE"
sn16:   .asciz "SYS_IRQ_BIND"
sn17:   .asciz "SYS_IRQ_ACK"
sn18:   .asciz "SYS_SPAWN"
sn19:   .asciz "SYS_KILL"
sn20:   .asciz "SYS_REAP"
sn21:   .asciz "SYS_YIELD"
sn22:   .asciz "SYS_LOG"
sn23:   .asciz "SYS_INFO"
sn24:   .asciz "SYS_SLEEP"
sn25:   .asciz "SYS_SELF"
    .text
