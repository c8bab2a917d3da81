# trap.S: every trap into the kernel, and the way back to user mode.
#
# sscratch holds the current PCB while a process runs and 0 while the kernel runs, so a
# trap from S-mode (a kernel bug, such as a kernel stack overflow into the guard page) is
# recognised at once and reported on a stack of its own.

    .balign 4
trap_entry:
    csrrw t6, sscratch, t6
    beqz t6, trap_from_kernel
    sd ra, P_RA(t6)
    sd sp, P_SP(t6)
    sd gp, P_GP(t6)
    sd tp, P_TP(t6)
    sd t0, P_T0(t6)
    sd t1, P_T1(t6)
    sd t2, P_T2(t6)
    sd s0, 64(t6)
    sd s1, 72(t6)
    sd a0, P_A0(t6)
    sd a1, P_A1(t6)
    sd a2, P_A2(t6)
    sd a3, P_A3(t6)
    sd a4, P_A4(t6)
    sd a5, P_A5(t6)
    sd a6, P_A6(t6)
    sd a7, P_A7(t6)
    sd s2, 144(t6)
    sd s3, 152(t6)
    sd s4, 160(t6)
    sd s5, 168(t6)
    sd s6, 176(t6)
    sd s7, 184(t6)
    sd s8, 192(t6)
    sd s9, 200(t6)
    sd s10, 208(t6)
    sd s11, 216(t6)
    sd t3, P_T3(t6)
    sd t4, P_T4(t6)
    sd t5, P_T5(t6)
    csrrw t0, sscratch, zero
    sd t0, P_T6(t6)
    csrr t0, sepc
    sd t0, P_PC(t6)
    mv s0, t6
    csrr t1, scause
    li t2, 8
    bne t1, t2, trap_other
    addi t0, t0, 4                      # a system call resumes after the ecall
    sd t0, P_PC(s0)
    andi t1, a7, ~F_SEND_BUF
    li t2, SYS_CALL
    beq t1, t2, fast_call               # SYS_CALL, with or without F_SEND_BUF
    andi t1, a7, ~F_RECV_BUF
    li t2, SYS_REPLY_RECV
    beq t1, t2, fast_reply_recv         # SYS_REPLY_RECV, with or without F_RECV_BUF
# Every system call but the two fast paths: dispatch on a7's low bits.
syscall_slow:
    li sp, KSTACK_TOP
    ld t1, P_A7(s0)
    srli t2, t1, 10                     # flags above F_TIMEOUT: not a system call
    bnez t2, sys_bad
    andi t1, t1, SYS_NUMBER_MASK
    li t2, SYS_COUNT
    bgeu t1, t2, sys_bad
    la t2, syscall_table
    slli t1, t1, 3
    add t2, t2, t1
    ld t2, 0(t2)
    jr t2

trap_other:
    li sp, KSTACK_TOP
    bltz t1, trap_interrupt
    j trap_fault

# ---- The IPC fast paths -------------------------------------------------------------------
# SYS_CALL without flags to an endpoint whose receiver waits, and SYS_REPLY_RECV without
# flags to a caller still waiting, with nothing queued to receive: the message words stay
# in a0..a5 and the other process is restored around them. Anything else takes the general
# path, which does the same thing step by step.
fast_call:
    li t1, HANDLES
    bgeu a6, t1, syscall_slow
    slli t1, a6, HANDLE_SHIFT
    add t1, t1, s0
    ld t2, P_HANDLES + HD_TYPE(t1)
    andi t2, t2, 0x1ff
    li t3, H_ENDPOINT | (R_SEND << 8)
    bne t2, t3, syscall_slow
    ld t3, P_HANDLES + HD_OBJ(t1)
    ld t4, P_HANDLES + HD_GEN(t1)
    ld t5, O_GEN(t3)
    bne t4, t5, syscall_slow
    ld t5, EP_RECEIVER(t3)              # the receiver
    beqz t5, syscall_slow
    li t2, SYS_CALL
    bne a7, t2, fast_call_buffer
    sd zero, P_T0(t5)
fast_call_commit:
    sd zero, EP_RECEIVER(t3)
    ld a6, P_HANDLES + HD_BADGE(t1)
    ld t2, P_CALLS(s0)
    addi t2, t2, 1
    sd t2, P_CALLS(s0)
    ld t2, P_SEQ(s0)
    addi t2, t2, 1
    sd t2, P_SEQ(s0)
    li t4, PS_REPLY
    sd t4, P_STATE(s0)
    sd t5, P_PEER(s0)
    slli t2, t2, 8
    ld t4, P_PID(s0)
    or t2, t4, t2
    sd t2, P_T6(t5)                     # the reply token
    sd t4, P_T5(t5)                     # the caller's pid
    sd zero, P_DEADLINE(t5)
    ld t2, P_RECVD(t5)
    addi t2, t2, 1
    sd t2, P_RECVD(t5)
    j fast_switch

# SYS_CALL | F_SEND_BUF: the buffer's pages are checked, then copied to the receiver's
# (checked when it began to receive); a bad buffer takes the general path, which fails it.
fast_call_buffer:
    li sp, KSTACK_TOP
    mv s1, t1
    mv s2, t3
    mv s3, t5
    mv a0, s0
    ld a1, P_T0(s0)
    ld a2, P_T1(s0)
    li a3, PTE_R
    addi a4, s0, P_SBUF
    call buf_segments
    bnez a0, syscall_slow
    li a2, 0
    ld t2, P_A7(s3)
    andi t2, t2, F_RECV_BUF
    beqz t2, 1f
    ld a2, P_T1(s0)
    ld t3, P_T3(s3)
    bleu a2, t3, 1f
    mv a2, t3
1:  sd a2, P_T0(s3)
    addi a0, s0, P_SBUF
    addi a1, s3, P_RBUF
    call buf_copy
    mv t1, s1
    mv t3, s2
    mv t5, s3
    ld a0, P_A0(s0)
    ld a1, P_A1(s0)
    ld a2, P_A2(s0)
    ld a3, P_A3(s0)
    ld a4, P_A4(s0)
    ld a5, P_A5(s0)
    j fast_call_commit

fast_reply_recv:
    ld t0, P_T6(s0)                     # the token
    andi t1, t0, 0xff
    li t2, MAX_PROCESSES
    bgeu t1, t2, syscall_slow
    slli t1, t1, PCB_SHIFT
    la t5, procs
    add t5, t5, t1                      # the caller
    ld t2, P_STATE(t5)
    li t3, PS_REPLY
    bne t2, t3, syscall_slow
    ld t2, P_PEER(t5)
    bne t2, s0, syscall_slow
    ld t2, P_SEQ(t5)
    srli t0, t0, 8
    bne t0, t2, syscall_slow
    li t1, HANDLES
    bgeu a6, t1, syscall_slow
    slli t1, a6, HANDLE_SHIFT
    add t1, t1, s0
    ld t2, P_HANDLES + HD_TYPE(t1)
    andi t2, t2, 0x2ff
    li t3, H_ENDPOINT | (R_RECV << 8)
    bne t2, t3, syscall_slow
    ld t3, P_HANDLES + HD_OBJ(t1)
    ld t4, P_HANDLES + HD_GEN(t1)
    ld t2, O_GEN(t3)
    bne t4, t2, syscall_slow
    ld t2, EP_RECEIVER(t3)
    bnez t2, syscall_slow
    ld t2, EP_HEAD(t3)
    bnez t2, syscall_slow
    ld t2, P_BOUND(s0)
    beqz t2, 1f
    ld t2, N_BITS(t2)
    bnez t2, syscall_slow
1:  li t2, SYS_REPLY_RECV
    beq a7, t2, 2f
    # With F_RECV_BUF: the pages of the buffer to receive into, checked now.
    li sp, KSTACK_TOP
    mv s2, t3
    mv s3, t5
    mv a0, s0
    ld a1, P_T2(s0)
    ld a2, P_T3(s0)
    li a3, PTE_W
    addi a4, s0, P_RBUF
    call buf_segments
    bnez a0, syscall_slow
    mv t3, s2
    mv t5, s3
    ld a0, P_A0(s0)
    ld a1, P_A1(s0)
    ld a2, P_A2(s0)
    ld a3, P_A3(s0)
    ld a4, P_A4(s0)
    ld a5, P_A5(s0)
2:  sd zero, P_T0(t5)
    sd s0, EP_RECEIVER(t3)
    sd t3, P_WAITOBJ(s0)
    li t2, PS_RECV
    sd t2, P_STATE(s0)
    sd zero, P_DEADLINE(t5)
    ld a6, P_A6(t5)

# t5 = the process that runs now, with a0..a6 already its results.
fast_switch:
    li t2, PS_RUNNING
    sd t2, P_STATE(t5)
    la t2, current
    sd t5, 0(t2)
    ld t2, P_SATP(t5)
    csrw satp, t2
    mv t6, t5
    ld t0, P_PC(t6)
    csrw sepc, t0
    csrw sscratch, t6
    ld ra, P_RA(t6)
    ld sp, P_SP(t6)
    ld gp, P_GP(t6)
    ld tp, P_TP(t6)
    ld t2, P_T2(t6)
    ld s0, 64(t6)
    ld s1, 72(t6)
    ld s2, 144(t6)
    ld s3, 152(t6)
    ld s4, 160(t6)
    ld s5, 168(t6)
    ld s6, 176(t6)
    ld s7, 184(t6)
    ld s8, 192(t6)
    ld s9, 200(t6)
    ld s10, 208(t6)
    ld s11, 216(t6)
    ld t3, P_T3(t6)
    ld t4, P_T4(t6)
    ld t5, P_T5(t6)
    li a7, 0
    ld t0, P_T0(t6)                     # bytes received
    li t1, -1
    ld t6, P_T6(t6)
    sret

# Back to the current process: every register from its PCB.
ret_user:
    la t0, need_resched
    ld t1, 0(t0)
    bnez t1, ret_resched
ret_user_now:
    la t0, current
    ld t6, 0(t0)
    ld t0, P_PC(t6)
    csrw sepc, t0
    csrw sscratch, t6
    ld ra, P_RA(t6)
    ld sp, P_SP(t6)
    ld gp, P_GP(t6)
    ld tp, P_TP(t6)
    ld t0, P_T0(t6)
    ld t1, P_T1(t6)
    ld t2, P_T2(t6)
    ld s0, 64(t6)
    ld s1, 72(t6)
    ld a0, P_A0(t6)
    ld a1, P_A1(t6)
    ld a2, P_A2(t6)
    ld a3, P_A3(t6)
    ld a4, P_A4(t6)
    ld a5, P_A5(t6)
    ld a6, P_A6(t6)
    ld a7, P_A7(t6)
    ld s2, 144(t6)
    ld s3, 152(t6)
    ld s4, 160(t6)
    ld s5, 168(t6)
    ld s6, 176(t6)
    ld s7, 184(t6)
    ld s8, 192(t6)
    ld s9, 200(t6)
    ld s10, 208(t6)
    ld s11, 216(t6)
    ld t3, P_T3(t6)
    ld t4, P_T4(t6)
    ld t5, P_T5(t6)
    ld t6, P_T6(t6)
    sret

# A process of higher priority became ready: the current one goes back in its queue.
ret_resched:
    sd zero, 0(t0)
    la t0, current
    ld a0, 0(t0)
    call make_ready
    j schedule

# Status and value results of system calls (s0 = the caller).
sys_ok:
    sd zero, P_A7(s0)
    j ret_user
# a0 = the value.
sys_value:
    sd a0, P_A0(s0)
    sd zero, P_A7(s0)
    j ret_user
# a0 = the error: in a0 and a7.
sys_fail:
    sd a0, P_A0(s0)
    sd a0, P_A7(s0)
    j ret_user

# ---- Faults and bad system calls ----------------------------------------------------------
trap_fault:
    mv a0, s0
    li a1, DEATH_FAULT
    csrr a2, scause
    csrr a3, stval
    call proc_kill
    j schedule

sys_bad:
    mv a0, s0
    li a1, DEATH_SYSCALL
    ld a2, P_A7(s0)
    ld a3, P_PC(s0)
    addi a3, a3, -4
    call proc_kill
    j schedule

# ---- Interrupts ---------------------------------------------------------------------------
trap_interrupt:
    csrr t0, scause
    slli t0, t0, 1
    srli t0, t0, 1
    li t1, 5
    beq t0, t1, trap_timer
    li t1, 9
    bne t0, t1, ret_user                # nothing else is enabled
    call plic_serve
    j ret_user

# The slice is over (or a deadline came): time-outs are served, the process goes to the
# back of its queue.
trap_timer:
    call check_deadlines
    mv a0, s0
    call make_ready
    j schedule

# Claims every pending PLIC source: a bound line is masked and its notification signalled;
# an unbound one is completed and masked.
plic_serve:
    addi sp, sp, -32
    sd ra, 0(sp)
    sd s1, 8(sp)
    sd s2, 16(sp)
1:  li t0, KPLIC_CTX + PLIC_CLAIM_S
    lw s1, 0(t0)
    beqz s1, 9f
    la s2, irqs
    ld t0, IRQ_SOURCE(s2)
    bne t0, s1, 2f
    ld a0, IRQ_NOTIF(s2)
    beqz a0, 2f
    ld t0, O_GEN(a0)
    ld t1, IRQ_NOTIF_GEN(s2)
    bne t0, t1, 2f
    li t0, 1
    sd t0, IRQ_CLAIMED(s2)
    mv a0, s1                           # masked until the driver acknowledges it
    call plic_mask
    ld a0, IRQ_NOTIF(s2)
    ld a1, IRQ_BITS(s2)
    call notify_signal
    j 1b
2:  li t0, KPLIC_CTX + PLIC_CLAIM_S     # nobody listens: complete it while it is still
    sw s1, 0(t0)                        # enabled (the PLIC ignores a completion of a
    mv a0, s1                           # disabled source), then mask it
    call plic_mask
    j 1b
9:  ld ra, 0(sp)
    ld s1, 8(sp)
    ld s2, 16(sp)
    addi sp, sp, 32
    ret

# a0 = source: clear / set its bit in the S context's enables.
plic_mask:
    li t0, KPLIC + PLIC_ENABLE_S
    srli t1, a0, 5
    slli t1, t1, 2
    add t0, t0, t1
    andi t1, a0, 31
    li t2, 1
    sll t2, t2, t1
    lw t1, 0(t0)
    not t2, t2
    and t1, t1, t2
    sw t1, 0(t0)
    ret
plic_unmask:
    li t0, KPLIC + PLIC_ENABLE_S
    srli t1, a0, 5
    slli t1, t1, 2
    add t0, t0, t1
    andi t1, a0, 31
    li t2, 1
    sll t2, t2, t1
    lw t1, 0(t0)
    or t1, t1, t2
    sw t1, 0(t0)
    ret

# ---- A trap from S-mode: a kernel bug -----------------------------------------------------
trap_from_kernel:
    la sp, panic_stack_top
    la a0, klog_panic_text
    call klog_begin
    csrr a0, scause
    call kprint_hex
    la a0, klog_panic_tval
    call kprint_str
    csrr a0, stval
    call kprint_hex
    la a0, klog_panic_pc
    call kprint_str
    csrr a0, sepc
    call kprint_hex
    li a0, KSTACK_BOTTOM
    csrr t0, stval
    bgeu t0, a0, 1f
    li a0, KSTACK_GUARD
    bltu t0, a0, 1f
    la a0, klog_panic_stack
    call kprint_str
1:  call kprint_nl
    j kernel_halt
