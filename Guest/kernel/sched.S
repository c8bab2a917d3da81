# sched.S: ready queues (one FIFO per priority), the time slice, deadlines and the idle loop.

# make_ready(a0 = PCB): to the back of its priority's queue. If it outranks the running
# process, that one is preempted on the way out of the kernel.
make_ready:
    li t0, PS_READY
    sd t0, P_STATE(a0)
    sd zero, P_NEXT(a0)
    ld t0, P_PRIO(a0)
    la t1, rq_head
    slli t2, t0, 3
    add t1, t1, t2
    ld t2, 8 * PRIORITIES(t1)           # the tail
    beqz t2, 1f
    sd a0, P_NEXT(t2)
    j 2f
1:  sd a0, 0(t1)
2:  sd a0, 8 * PRIORITIES(t1)
    la t1, current
    ld t1, 0(t1)
    beqz t1, 3f
    ld t2, P_STATE(t1)
    li t3, PS_RUNNING
    bne t2, t3, 3f
    ld t2, P_PRIO(t1)
    bleu t0, t2, 3f
    la t1, need_resched
    li t2, 1
    sd t2, 0(t1)
3:  ret

# rq_remove(a0 = PCB in state PS_READY): out of its queue.
rq_remove:
    ld t0, P_PRIO(a0)
    la t1, rq_head
    slli t0, t0, 3
    add t1, t1, t0                      # &head; &tail = t1 + 8 * PRIORITIES
    li t2, 0                            # previous
    ld t3, 0(t1)
1:  beqz t3, 9f
    beq t3, a0, 2f
    mv t2, t3
    ld t3, P_NEXT(t3)
    j 1b
2:  ld t4, P_NEXT(a0)
    beqz t2, 3f
    sd t4, P_NEXT(t2)
    j 4f
3:  sd t4, 0(t1)
4:  ld t5, 8 * PRIORITIES(t1)
    bne t5, a0, 9f
    sd t2, 8 * PRIORITIES(t1)
9:  sd zero, P_NEXT(a0)
    ret

# switch_to(a0 = PCB): it becomes the running process, in its address space.
switch_to:
    la t0, current
    sd a0, 0(t0)
    li t0, PS_RUNNING
    sd t0, P_STATE(a0)
    ld t0, P_SATP(a0)
    csrw satp, t0
    ret

# Runs the most urgent ready process, or idles until one is ready. Never returns.
schedule:
    li sp, KSTACK_TOP
    la t0, need_resched
    sd zero, 0(t0)
1:  call rq_pop
    beqz a0, idle
    call switch_to
    call arm_timer
    j ret_user_now

# rq_pop: a0 = the first process of the highest non-empty queue, taken out; or 0.
rq_pop:
    la t1, rq_head + 8 * (PRIORITIES - 1)
    li t2, PRIORITIES
1:  ld a0, 0(t1)
    bnez a0, 2f
    addi t1, t1, -8
    addi t2, t2, -1
    bnez t2, 1b
    ret
2:  ld t3, P_NEXT(a0)
    sd t3, 0(t1)
    bnez t3, 3f
    sd zero, 8 * PRIORITIES(t1)
3:  sd zero, P_NEXT(a0)
    ret

# Nothing can run: wait for an interrupt in the kernel's own address space. Interrupts stay
# disabled in S-mode; wfi wakes on a pending one and the loop serves it by hand.
idle:
    la t0, current
    sd zero, 0(t0)
    la t0, kernel_satp
    ld t0, 0(t0)
    csrw satp, t0
    # No process at all: the machine stops with the last one's status.
    la t0, procs
    li t1, MAX_PROCESSES
    li t3, PCB_SIZE
4:  ld t2, P_STATE(t0)
    bnez t2, 1f
    add t0, t0, t3
    addi t1, t1, -1
    bnez t1, 4b
    la a0, klog_empty_text
    call klog_begin
    la t0, halt_status
    ld a0, 0(t0)
    call kprint_dec
    call kprint_nl
    la t0, halt_status
    ld t0, 0(t0)
    li t1, 0x5555
    beqz t0, 5f
    slli t1, t0, 16
    li t2, 0x3333
    or t1, t1, t2
5:  li t0, KFINISHER
    sw t1, 0(t0)
    j 5b
1:  la t0, next_deadline
    ld t0, 0(t0)
    csrw stimecmp, t0
    wfi
    csrr t0, sip
    andi t1, t0, 1 << 5
    beqz t1, 2f
    call check_deadlines
2:  csrr t0, sip
    andi t1, t0, 1 << 9
    beqz t1, 3f
    call plic_serve
3:  call rq_pop
    beqz a0, 1b
    call switch_to
    call arm_timer
    la t0, need_resched
    sd zero, 0(t0)
    j ret_user_now

# stimecmp = min(now + SLICE, next deadline).
arm_timer:
    rdtime t0
    li t1, SLICE
    add t0, t0, t1
    la t1, next_deadline
    ld t1, 0(t1)
    bgeu t0, t1, 1f
    mv t1, t0
1:  csrw stimecmp, t1
    ret

# set_deadline(a0 = PCB, a1 = ticks from now).
set_deadline:
    rdtime t0
    add t0, t0, a1
    bnez t0, 1f
    li t0, 1
1:  sd t0, P_DEADLINE(a0)
    la t1, next_deadline
    ld t2, 0(t1)
    bgeu t0, t2, 2f
    sd t0, 0(t1)
    csrr t2, stimecmp
    bgeu t0, t2, 2f
    csrw stimecmp, t0
2:  ret

# Wakes every process whose deadline has passed (E_TIMEOUT, or 0 from SYS_SLEEP) and
# computes the next deadline.
check_deadlines:
    addi sp, sp, -48
    sd ra, 0(sp)
    sd s1, 8(sp)
    sd s2, 16(sp)
    sd s3, 24(sp)
    sd s4, 32(sp)
    rdtime s3
    li s4, -1                           # the next deadline
    la s1, procs
    li s2, MAX_PROCESSES
1:  ld t0, P_DEADLINE(s1)
    beqz t0, 3f
    bgtu t0, s3, 2f
    mv a0, s1
    call timeout_wake
    j 3f
2:  bgeu t0, s4, 3f
    mv s4, t0
3:  li t6, PCB_SIZE
    add s1, s1, t6
    addi s2, s2, -1
    bnez s2, 1b
    la t0, next_deadline
    sd s4, 0(t0)
    csrw stimecmp, s4                   # the caller re-arms the slice if a process runs
    ld ra, 0(sp)
    ld s1, 8(sp)
    ld s2, 16(sp)
    ld s3, 24(sp)
    ld s4, 32(sp)
    addi sp, sp, 48
    ret

# timeout_wake(a0 = PCB): its wait is over.
timeout_wake:
    addi sp, sp, -16
    sd ra, 0(sp)
    sd s1, 8(sp)
    mv s1, a0
    sd zero, P_DEADLINE(s1)
    ld t0, P_STATE(s1)
    li t1, PS_SLEEP
    beq t0, t1, 1f
    call detach
    li t0, E_TIMEOUT
    sd t0, P_A0(s1)
    sd t0, P_A7(s1)
    j 2f
1:  sd zero, P_A0(s1)
    sd zero, P_A7(s1)
2:  mv a0, s1
    call make_ready
    ld ra, 0(sp)
    ld s1, 8(sp)
    addi sp, sp, 16
    ret

# detach(a0 = PCB): takes a blocked or ready process off whatever queue or object holds it.
detach:
    ld t0, P_STATE(a0)
    li t1, PS_READY
    beq t0, t1, rq_remove
    li t1, PS_SEND
    beq t0, t1, 2f
    li t1, PS_RECV
    beq t0, t1, 3f
    li t1, PS_WAIT
    beq t0, t1, 4f
    ret
2:  ld t1, P_WAITOBJ(a0)                # out of the endpoint's send queue
    li t2, 0
    ld t3, EP_HEAD(t1)
5:  beqz t3, 8f
    beq t3, a0, 6f
    mv t2, t3
    ld t3, P_NEXT(t3)
    j 5b
6:  ld t4, P_NEXT(a0)
    beqz t2, 7f
    sd t4, P_NEXT(t2)
    j 9f
7:  sd t4, EP_HEAD(t1)
9:  ld t5, EP_TAIL(t1)
    bne t5, a0, 8f
    sd t2, EP_TAIL(t1)
8:  sd zero, P_NEXT(a0)
    ret
3:  ld t1, P_WAITOBJ(a0)
    ld t2, EP_RECEIVER(t1)
    bne t2, a0, 8b
    sd zero, EP_RECEIVER(t1)
    ret
4:  ld t1, P_WAITOBJ(a0)
    ld t2, N_WAITER(t1)
    bne t2, a0, 8b
    sd zero, N_WAITER(t1)
    ret
