# ipc.S: synchronous calls on endpoints, and notifications.
#
# An endpoint holds at most one waiting receiver and a FIFO of blocked callers. A call
# that finds its receiver waiting hands the processor straight to it; a receiver that finds
# a caller waiting takes its message at once. The message moves from saved registers to
# saved registers; a buffer is copied page by page through the kernel's view of RAM, after
# both sides were checked when their calls were made.

# ---- SYS_CALL -----------------------------------------------------------------------------
sys_call:
    ld a0, P_A6(s0)
    li a1, H_ENDPOINT
    li a2, R_SEND
    call handle_get
    bltz a0, sys_fail
    mv s1, a0
    ld t0, HD_BADGE(a1)
    sd t0, P_BADGE(s0)
    ld s3, P_A7(s0)
    andi t0, s3, F_SEND_BUF | F_RECV_BUF | F_GRANT
    beqz t0, 1f
    mv a0, s0
    call ipc_check_send
    bnez a0, sys_fail
    mv a0, s0
    call ipc_check_recv
    bnez a0, sys_fail
1:  ld t0, P_CALLS(s0)
    addi t0, t0, 1
    sd t0, P_CALLS(s0)
    ld t0, P_SEQ(s0)
    addi t0, t0, 1
    sd t0, P_SEQ(s0)
    ld s2, EP_RECEIVER(s1)
    andi t0, s3, F_TIMEOUT
    beqz t0, 3f
    ld a1, P_T5(s0)
    bnez a1, 2f
    bnez s2, 3f                         # t5 = 0 and a receiver waits: no deadline
    li a0, E_TIMEOUT
    j sys_fail
2:  mv a0, s0
    call set_deadline
3:  beqz s2, call_queue
    # The receiver is waiting: the message goes across and the receiver runs.
    sd zero, EP_RECEIVER(s1)
    sd zero, P_DEADLINE(s2)
    mv a0, s0
    mv a1, s2
    call ipc_deliver
    mv a0, s2
    call switch_to
    j ret_user

# Nobody receives: wait in the endpoint's queue.
call_queue:
    li t0, PS_SEND
    sd t0, P_STATE(s0)
    sd s1, P_WAITOBJ(s0)
    sd zero, P_NEXT(s0)
    ld t0, EP_TAIL(s1)
    beqz t0, 1f
    sd s0, P_NEXT(t0)
    j 2f
1:  sd s0, EP_HEAD(s1)
2:  sd s0, EP_TAIL(s1)
    j schedule

# ipc_deliver(a0 = caller, a1 = receiver): the call's message to the receiver, with the
# badge and the reply token; the caller now waits for the reply.
ipc_deliver:
    addi sp, sp, -32
    sd ra, 0(sp)
    sd s4, 8(sp)
    sd s5, 16(sp)
    mv s4, a0
    mv s5, a1
    call ipc_transfer
    ld t0, P_BADGE(s4)
    sd t0, P_A6(s5)
    ld t0, P_SEQ(s4)
    slli t0, t0, 8
    ld t1, P_PID(s4)
    or t0, t0, t1
    sd t0, P_T6(s5)
    sd t1, P_T5(s5)
    ld t0, P_RECVD(s5)
    addi t0, t0, 1
    sd t0, P_RECVD(s5)
    li t0, PS_REPLY
    sd t0, P_STATE(s4)
    sd s5, P_PEER(s4)
    ld ra, 0(sp)
    ld s4, 8(sp)
    ld s5, 16(sp)
    addi sp, sp, 32
    ret

# ipc_transfer(a0 = sender, a1 = receiver): six words, the buffer, the granted handle;
# receiver's t0 = bytes copied, t1 = handle slot or -1, a7 = 0. Both buffers were checked
# (and their pages found) when their calls were made: P_SBUF, P_RBUF.
ipc_transfer:
    ld t0, P_A0(a0)
    sd t0, P_A0(a1)
    ld t0, P_A1(a0)
    sd t0, P_A1(a1)
    ld t0, P_A2(a0)
    sd t0, P_A2(a1)
    ld t0, P_A3(a0)
    sd t0, P_A3(a1)
    ld t0, P_A4(a0)
    sd t0, P_A4(a1)
    ld t0, P_A5(a0)
    sd t0, P_A5(a1)
    ld t0, P_A7(a0)
    ld t1, P_A7(a1)
    andi t2, t0, F_SEND_BUF | F_GRANT
    bnez t2, 1f
    sd zero, P_T0(a1)
    li t2, -1
    sd t2, P_T1(a1)
    sd zero, P_A7(a1)
    ret
1:  addi sp, sp, -48
    sd ra, 0(sp)
    sd s4, 8(sp)
    sd s5, 16(sp)
    sd s6, 24(sp)
    sd s7, 32(sp)
    mv s4, a0
    mv s5, a1
    mv s6, t0                           # sender's flags
    li s7, 0                            # bytes copied
    andi t2, s6, F_SEND_BUF
    beqz t2, 2f
    andi t2, t1, F_RECV_BUF
    beqz t2, 2f
    ld s7, P_T1(s4)                     # length
    ld t3, P_T3(s5)                     # capacity
    bleu s7, t3, 3f
    mv s7, t3
3:  addi a0, s4, P_SBUF
    addi a1, s5, P_RBUF
    mv a2, s7
    call buf_copy
2:  sd s7, P_T0(s5)
    li t0, -1
    andi t2, s6, F_GRANT
    beqz t2, 4f
    mv a0, s4
    ld a1, P_T4(s4)
    mv a2, s5
    call handle_grant
    mv t0, a0
4:  sd t0, P_T1(s5)
    sd zero, P_A7(s5)
    ld ra, 0(sp)
    ld s4, 8(sp)
    ld s5, 16(sp)
    ld s6, 24(sp)
    ld s7, 32(sp)
    addi sp, sp, 48
    ret

# ipc_check_send(a0 = PCB): its F_SEND_BUF buffer (readable, at most 4 KiB; its pages into
# P_SBUF) and F_GRANT handle (R_GRANT) are good. a0 = 0 or the error.
ipc_check_send:
    addi sp, sp, -16
    sd ra, 0(sp)
    sd s4, 8(sp)
    mv s4, a0
    ld t0, P_A7(s4)
    andi t1, t0, F_SEND_BUF
    beqz t1, 1f
    ld a2, P_T1(s4)
    ld a1, P_T0(s4)
    li a3, PTE_R
    addi a4, s4, P_SBUF
    call buf_segments
    bnez a0, 9f
    ld t0, P_A7(s4)
1:  andi t1, t0, F_GRANT
    li a0, 0
    beqz t1, 9f
    mv a0, s4
    ld a1, P_T4(s4)
    li a2, R_GRANT
    call handle_any
    bltz a0, 9f
    li a0, 0
9:  ld ra, 0(sp)
    ld s4, 8(sp)
    addi sp, sp, 16
    ret

# ipc_check_recv(a0 = PCB): its F_RECV_BUF buffer is writable and at most 4 KiB; its pages
# go into P_RBUF. a0 = 0 or E_FAULT.
ipc_check_recv:
    ld t0, P_A7(a0)
    andi t1, t0, F_RECV_BUF
    bnez t1, 1f
    li a0, 0
    ret
1:  ld a2, P_T3(a0)
    ld a1, P_T2(a0)
    li a3, PTE_W
    addi a4, a0, P_RBUF
    j buf_segments

# buf_segments(a0 = PCB, a1 = address, a2 = length, a3 = PTE_R or PTE_W, a4 = where):
# the buffer's pages, checked, as [pa0, len0, pa1, len1] at a4. a0 = 0 or E_FAULT. The
# same buffer checked before, with no page of the process unmapped since, is not walked
# again (a server receives into the same buffer every time).
buf_segments:
    li t0, MSG_BUF_MAX
    bgtu a2, t0, 8f
    ld t0, 32(a4)
    bne t0, a1, 4f
    ld t0, 40(a4)
    bne t0, a2, 4f
    ld t0, 56(a4)
    bne t0, a3, 4f
    ld t0, P_MAPGEN(a0)
    ld t1, 48(a4)
    bne t0, t1, 4f
    li a0, 0
    ret
4:  sd a1, 32(a4)
    sd a2, 40(a4)
    sd zero, 56(a4)                     # the key is valid only once the walk succeeds
    ld t0, P_MAPGEN(a0)
    sd t0, 48(a4)
    ld a0, P_ROOT(a0)
    sd zero, 16(a4)
    sd zero, 24(a4)
    bnez a2, 1f
    sd zero, 0(a4)
    sd zero, 8(a4)
    sd a3, 56(a4)
    li a0, 0
    ret
1:  add t0, a1, a2                      # the end: no wrap, below USER_TOP
    bltu t0, a1, 8f
    li t1, USER_TOP
    bgtu t0, t1, 8f
    slli t0, a1, 52
    srli t0, t0, 52
    li t1, PAGE_SIZE
    sub t1, t1, t0                      # room in the first page
    mv a5, a2
    bleu a5, t1, 2f
    mv a5, t1
2:  sd a5, 8(a4)
    mv t6, a1
    USER_PAGE a0, t6, a3, t5, 8f
    sd t5, 0(a4)
    beq a5, a2, 3f
    sub t0, a2, a5
    sd t0, 24(a4)
    add t6, a1, a5                      # the next page
    USER_PAGE a0, t6, a3, t5, 8f
    sd t5, 16(a4)
3:  sd a3, 56(a4)
    li a0, 0
    ret
8:  li a0, E_FAULT
    ret

# buf_copy(a0 = source pages, a1 = destination pages, a2 = bytes): from one page list to the
# other; a2 is at most either list's total.
buf_copy:
    beqz a2, 9f
    addi sp, sp, -48
    sd ra, 0(sp)
    sd s4, 8(sp)
    sd s5, 16(sp)
    sd s6, 24(sp)
    sd s7, 32(sp)
    sd s8, 40(sp)
    mv s8, a2                           # left
    ld s4, 0(a0)                        # source address, room
    ld s5, 8(a0)
    ld s6, 0(a1)                        # destination address, room
    ld s7, 8(a1)
    mv t6, a0
    mv a5, a1
1:  mv a2, s8                           # this chunk: the least of the three
    bleu a2, s5, 2f
    mv a2, s5
2:  bleu a2, s7, 3f
    mv a2, s7
3:  sub s8, s8, a2
    sub s5, s5, a2
    sub s7, s7, a2
    mv a0, s6
    mv a1, s4
    add s4, s4, a2
    add s6, s6, a2
    call kmemcpy
    beqz s8, 8f
    bnez s5, 4f
    ld s4, 16(t6)                       # the source's second page
    ld s5, 24(t6)
4:  bnez s7, 1b
    ld s6, 16(a5)
    ld s7, 24(a5)
    j 1b
8:  ld ra, 0(sp)
    ld s4, 8(sp)
    ld s5, 16(sp)
    ld s6, 24(sp)
    ld s7, 32(sp)
    ld s8, 40(sp)
    addi sp, sp, 48
9:  ret

# ---- SYS_RECV and SYS_REPLY_RECV ----------------------------------------------------------
sys_recv:
    call recv_check
    bltz a0, sys_fail
    j recv_common

sys_reply_recv:
    call recv_check
    bltz a0, sys_fail
    ld t0, P_A7(s0)
    andi t0, t0, F_SEND_BUF | F_GRANT
    beqz t0, 1f
    mv a0, s0
    call ipc_check_send
    bnez a0, sys_fail
1:  call reply_find
    beqz a0, recv_common                # no such caller: receive anyway
    mv s2, a0
    mv a1, a0
    mv a0, s0
    call ipc_transfer
    sd zero, P_DEADLINE(s2)
    # Receive: a waiting caller or a pending notification keeps us running...
    ld t0, EP_HEAD(s1)
    bnez t0, 2f
    ld t0, P_BOUND(s0)
    beqz t0, 3f
    ld t1, N_BITS(t0)
    beqz t1, 3f
2:  mv a0, s2
    call make_ready
    j recv_common
    # ...otherwise we block and the caller runs at once.
3:  sd s1, P_WAITOBJ(s0)
    li t0, PS_RECV
    sd t0, P_STATE(s0)
    sd s0, EP_RECEIVER(s1)
    ld t0, P_A7(s0)
    andi t0, t0, F_TIMEOUT
    beqz t0, 4f
    mv a0, s0
    ld a1, P_T5(s0)
    call set_deadline
4:  mv a0, s2
    call switch_to
    j ret_user

# recv_check: the endpoint in a6 (R_RECV, nobody else receiving) and the receive buffer.
# s1 = the endpoint; a0 = 0 or the error.
recv_check:
    addi sp, sp, -16
    sd ra, 0(sp)
    ld a0, P_A6(s0)
    li a1, H_ENDPOINT
    li a2, R_RECV
    call handle_get
    bltz a0, 9f
    mv s1, a0
    ld t0, EP_RECEIVER(s1)
    beqz t0, 1f
    li a0, E_BUSY
    bne t0, s0, 9f
1:  ld t0, P_A7(s0)
    andi t0, t0, F_RECV_BUF
    li a0, 0
    beqz t0, 9f
    mv a0, s0
    call ipc_check_recv
9:  ld ra, 0(sp)
    addi sp, sp, 16
    ret

# s1 = the endpoint, checked.
recv_common:
    ld s2, EP_HEAD(s1)
    beqz s2, 2f
    # A caller is waiting: take its message.
    ld t0, P_NEXT(s2)
    sd t0, EP_HEAD(s1)
    bnez t0, 1f
    sd zero, EP_TAIL(s1)
1:  sd zero, P_NEXT(s2)
    mv a0, s2
    mv a1, s0
    call ipc_deliver
    j ret_user
2:  ld t0, P_BOUND(s0)
    beqz t0, 3f
    ld t1, N_BITS(t0)
    beqz t1, 3f
    sd zero, N_BITS(t0)
    sd t1, P_A0(s0)
    li t1, ST_NOTIFIED
    sd t1, P_A7(s0)
    j ret_user
3:  ld t0, P_A7(s0)
    andi t0, t0, F_TIMEOUT
    beqz t0, 5f
    ld a1, P_T5(s0)
    bnez a1, 4f
    li a0, E_TIMEOUT
    j sys_fail
4:  mv a0, s0
    call set_deadline
5:  sd s1, P_WAITOBJ(s0)
    li t0, PS_RECV
    sd t0, P_STATE(s0)
    sd s0, EP_RECEIVER(s1)
    j schedule

# ---- SYS_REPLY ----------------------------------------------------------------------------
sys_reply:
    ld t0, P_A7(s0)
    andi t0, t0, F_SEND_BUF | F_GRANT
    beqz t0, 1f
    mv a0, s0
    call ipc_check_send
    bnez a0, sys_fail
1:  call reply_find
    bnez a0, 2f
    li a0, E_NOENT
    j sys_fail
2:  mv s2, a0
    mv a1, a0
    mv a0, s0
    call ipc_transfer
    sd zero, P_DEADLINE(s2)
    mv a0, s2
    call make_ready
    j sys_ok

# reply_find: the caller named by the token in t6, if it still waits for our reply; a0 =
# its PCB or 0.
reply_find:
    ld t0, P_T6(s0)
    andi t1, t0, 0xff
    li t2, MAX_PROCESSES
    bgeu t1, t2, 9f
    la a0, procs
    slli t1, t1, PCB_SHIFT
    add a0, a0, t1
    ld t1, P_STATE(a0)
    li t2, PS_REPLY
    bne t1, t2, 9f
    ld t1, P_PEER(a0)
    bne t1, s0, 9f
    ld t1, P_SEQ(a0)
    srli t0, t0, 8
    bne t0, t1, 9f
    ret
9:  li a0, 0
    ret

# ---- Notifications ------------------------------------------------------------------------
sys_signal:
    ld a0, P_A6(s0)
    li a1, H_NOTIFICATION
    li a2, R_SEND
    call handle_get
    bltz a0, sys_fail
    ld a1, P_A0(s0)
    call notify_signal
    j sys_ok

# notify_signal(a0 = notification, a1 = bits): OR them in and wake its waiter, or the
# process bound to it if that one is blocked receiving.
notify_signal:
    ld t0, N_BITS(a0)
    or t0, t0, a1
    sd t0, N_BITS(a0)
    beqz t0, 9f
    ld t1, N_WAITER(a0)
    beqz t1, 1f
    sd zero, N_WAITER(a0)
    sd zero, N_BITS(a0)
    sd t0, P_A0(t1)
    sd zero, P_A7(t1)
    j 2f
1:  ld t1, N_BOUND(a0)
    beqz t1, 9f
    ld t2, P_STATE(t1)
    li t3, PS_RECV
    bne t2, t3, 9f
    ld t2, P_WAITOBJ(t1)
    sd zero, EP_RECEIVER(t2)
    sd zero, N_BITS(a0)
    sd t0, P_A0(t1)
    li t2, ST_NOTIFIED
    sd t2, P_A7(t1)
2:  sd zero, P_DEADLINE(t1)
    mv a0, t1
    j make_ready
9:  ret

sys_wait:
    ld a0, P_A6(s0)
    li a1, H_NOTIFICATION
    li a2, R_RECV
    call handle_get
    bltz a0, sys_fail
    ld t0, N_BITS(a0)
    beqz t0, 1f
    sd zero, N_BITS(a0)
    mv a0, t0
    j sys_value
1:  ld t0, N_WAITER(a0)
    beqz t0, 2f
    li a0, E_BUSY
    j sys_fail
2:  mv s1, a0
    ld t0, P_A7(s0)
    andi t0, t0, F_TIMEOUT
    beqz t0, 4f
    ld a1, P_T5(s0)
    bnez a1, 3f
    li a0, E_TIMEOUT
    j sys_fail
3:  mv a0, s0
    call set_deadline
4:  sd s0, N_WAITER(s1)
    sd s1, P_WAITOBJ(s0)
    li t0, PS_WAIT
    sd t0, P_STATE(s0)
    j schedule

sys_bind:
    ld a0, P_A6(s0)
    li t0, -1
    bne a0, t0, 1f
    call unbind
    j sys_ok
1:  li a1, H_NOTIFICATION
    li a2, R_RECV
    call handle_get
    bltz a0, sys_fail
    ld t0, N_BOUND(a0)
    beqz t0, 2f
    beq t0, s0, 2f
    li a0, E_BUSY
    j sys_fail
2:  mv s1, a0
    call unbind
    sd s0, N_BOUND(s1)
    sd s1, P_BOUND(s0)
    j sys_ok

# unbind: s0's bound notification, if any, lets go of it.
unbind:
    ld t0, P_BOUND(s0)
    beqz t0, 1f
    sd zero, N_BOUND(t0)
    sd zero, P_BOUND(s0)
1:  ret
