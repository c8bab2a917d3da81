# syscall.S: the system call table and the calls that are not IPC.

    .section .rodata
    .balign 8
syscall_table:
    .dword sys_exit, sys_call, sys_recv, sys_reply, sys_reply_recv, sys_signal, sys_wait
    .dword sys_endpoint, sys_notification, sys_bind, sys_copy, sys_close, sys_revoke
    .dword sys_map, sys_unmap, sys_map_device, sys_irq_bind, sys_irq_ack, sys_spawn
    .dword sys_kill, sys_reap, sys_yield, sys_log, sys_info, sys_sleep, sys_self
    .dword sys_memory, sys_map_memory
    .text

# A privileged request refused: one log line, then the error (a0) to the caller.
sys_fail_denied:
    mv s1, a0
    mv a0, s0
    call klog_proc
    la a0, klog_denied_text
    call kprint_str
    ld a0, P_A7(s0)
    andi a0, a0, SYS_NUMBER_MASK
    call kprint_sysname
    la a0, klog_denied_mid
    call kprint_str
    mv a0, s1
    call kprint_error
    call kprint_nl
    mv a0, s1
    j sys_fail

sys_exit:
    mv a0, s0
    li a1, DEATH_EXIT
    ld a2, P_A0(s0)
    li a3, 0
    call proc_kill
    j schedule

sys_yield:
    sd zero, P_A7(s0)
    mv a0, s0
    call make_ready
    j schedule

sys_self:
    ld a0, P_PID(s0)
    j sys_value

sys_sleep:
    sd zero, P_A7(s0)
    ld a1, P_A0(s0)
    beqz a1, sys_ok
    mv a0, s0
    call set_deadline
    li t0, PS_SLEEP
    sd t0, P_STATE(s0)
    j schedule

# ---- Endpoints and notifications ----------------------------------------------------------
sys_endpoint:
    call object_quota
    la s1, endpoints
    li t1, ENDPOINTS
    j 1f
sys_notification:
    call object_quota
    la s1, notifications
    li t1, NOTIFICATIONS
1:  ld t0, O_OWNER(s1)
    beqz t0, 2f
    addi s1, s1, OBJ_SIZE
    addi t1, t1, -1
    bnez t1, 1b
    li a0, E_NOSPACE
    j sys_fail
2:  sd zero, 16(s1)
    sd zero, 24(s1)
    sd zero, 32(s1)
    mv a0, s0
    la t0, endpoints + ENDPOINTS * OBJ_SIZE
    li a1, H_ENDPOINT | ((R_ALL & ~R_SPAWN) << 8)
    bltu s1, t0, 3f
    li a1, H_NOTIFICATION | ((R_ALL & ~R_SPAWN) << 8)
3:  mv a2, s1
    call handle_new
    bltz a0, sys_fail
    sd s0, O_OWNER(s1)
    ld t0, P_OBJECTS(s0)
    addi t0, t0, 1
    sd t0, P_OBJECTS(s0)
    j sys_value

# object_quota: fails the call with E_NOSPACE if s0 has made OBJECT_QUOTA objects.
object_quota:
    ld t0, P_OBJECTS(s0)
    li t1, OBJECT_QUOTA
    bgeu t0, t1, 1f
    ret
1:  li a0, E_NOSPACE
    j sys_fail

# ---- Memory -------------------------------------------------------------------------------
# user_range(a0 = address, a1 = pages): 0 if page aligned, at least one page, inside user
# space and not wrapping; else E_INVAL.
user_range:
    slli t0, a0, 52
    srli t0, t0, 52
    bnez t0, 9f
    beqz a1, 9f
    li t0, USER_TOP >> 12
    bgeu a1, t0, 9f
    slli t1, a1, 12
    add t1, t1, a0
    li t0, USER_TOP
    bgtu t1, t0, 9f
    bltu t1, a0, 9f
    li t0, PAGE_SIZE
    bltu a0, t0, 9f
    li a0, 0
    ret
9:  li a0, E_INVAL
    ret

sys_map:
    ld a0, P_A0(s0)
    ld a1, P_A1(s0)
    call user_range
    bnez a0, sys_fail
    ld t0, P_A2(s0)                     # MAP_R/W/X: nonzero, W needs R
    li a0, E_INVAL
    beqz t0, sys_fail
    andi t1, t0, ~7
    bnez t1, sys_fail
    andi t1, t0, MAP_W | MAP_R
    li t2, MAP_W
    beq t1, t2, sys_fail
    ld a1, P_A0(s0)
    ld a2, P_A1(s0)
    call range_unmapped
    bnez a0, sys_fail
    ld t0, P_PAGES(s0)
    ld t1, P_A1(s0)
    add t0, t0, t1
    li t1, PAGE_QUOTA
    li a0, E_NOMEM
    bgtu t0, t1, sys_fail
    ld s1, P_A0(s0)                     # the next page
    ld s2, P_A1(s0)                     # pages left
    ld t0, P_A2(s0)
    slli s3, t0, 1
    ori s3, s3, PTE_U | PTE_A | PTE_D | PTE_V
1:  beqz s2, 2f
    mv a0, s0
    mv a1, s1
    mv a2, s3
    call map_new_page
    bnez a0, 3f
    li t0, PAGE_SIZE
    add s1, s1, t0
    addi s2, s2, -1
    j 1b
2:  j sys_ok
3:  # Out of memory: undo what this call mapped.
    mv s2, a0
    ld a1, P_A0(s0)
    sub a2, s1, a1
    srli a2, a2, 12
    mv a0, s0
    call unmap_pages
    mv a0, s2
    j sys_fail

# range_unmapped(a1 = address, a2 = pages) in s0's space: 0, or E_BUSY.
range_unmapped:
    addi sp, sp, -32
    sd ra, 0(sp)
    sd s4, 8(sp)
    sd s5, 16(sp)
    mv s4, a1
    mv s5, a2
1:  beqz s5, 2f
    ld a0, P_ROOT(s0)
    mv a1, s4
    call pt_walk
    bnez a0, 3f
    li t0, PAGE_SIZE
    add s4, s4, t0
    addi s5, s5, -1
    j 1b
2:  li a0, 0
    j 4f
3:  li a0, E_BUSY
4:  ld ra, 0(sp)
    ld s4, 8(sp)
    ld s5, 16(sp)
    addi sp, sp, 32
    ret

sys_unmap:
    ld a0, P_A0(s0)
    ld a1, P_A1(s0)
    call user_range
    bnez a0, sys_fail
    mv a0, s0
    ld a1, P_A0(s0)
    ld a2, P_A1(s0)
    call unmap_pages
    bnez a0, sys_fail
    j sys_ok

sys_map_device:
    ld a0, P_A6(s0)
    li a1, H_DEVICE
    li a2, R_MAP
    call handle_get
    bltz a0, sys_fail_denied
    mv s1, a0
    ld a0, P_A0(s0)
    ld a1, DEV_SIZE(s1)
    srli a1, a1, 12
    call user_range
    bnez a0, sys_fail
    ld a1, P_A0(s0)
    ld a2, DEV_SIZE(s1)
    srli a2, a2, 12
    call range_unmapped
    bnez a0, sys_fail
    ld s2, P_A0(s0)                     # virtual
    ld s3, DEV_BASE(s1)                 # physical
    ld s4, DEV_SIZE(s1)
1:  beqz s4, 2f
    ld a0, P_ROOT(s0)
    mv a1, s2
    srli a2, s3, 12
    slli a2, a2, 10
    ori a2, a2, PTE_DEV | PTE_U | PTE_A | PTE_D | PTE_W | PTE_R | PTE_V
    call pt_map
    bnez a0, sys_fail
    li t0, PAGE_SIZE
    add s2, s2, t0
    add s3, s3, t0
    sub s4, s4, t0
    j 1b
2:  ld a0, DEV_SIZE(s1)
    j sys_value

# ---- Interrupts ---------------------------------------------------------------------------
sys_irq_bind:
    ld a0, P_A6(s0)
    li a1, H_IRQ
    li a2, R_CONTROL
    call handle_get
    bltz a0, sys_fail_denied
    mv s1, a0
    ld a0, P_A0(s0)
    li a1, H_NOTIFICATION
    li a2, R_SEND
    call handle_get
    bltz a0, sys_fail
    sd a0, IRQ_NOTIF(s1)
    ld t0, O_GEN(a0)
    sd t0, IRQ_NOTIF_GEN(s1)
    ld t0, P_A1(s0)
    sd t0, IRQ_BITS(s1)
    ld t0, IRQ_CLAIMED(s1)
    bnez t0, sys_ok                     # still claimed: the ack unmasks it
    ld a0, IRQ_SOURCE(s1)
    call plic_unmask
    j sys_ok

sys_irq_ack:
    ld a0, P_A6(s0)
    li a1, H_IRQ
    li a2, R_CONTROL
    call handle_get
    bltz a0, sys_fail_denied
    ld t0, IRQ_CLAIMED(a0)
    bnez t0, 1f
    li a0, E_INVAL
    j sys_fail
1:  sd zero, IRQ_CLAIMED(a0)
    ld s1, IRQ_SOURCE(a0)
    mv a0, s1                           # unmask first: the PLIC ignores the completion
    call plic_unmask                    # of a source that is not enabled
    li t0, KPLIC_CTX + PLIC_CLAIM_S
    sw s1, 0(t0)
    j sys_ok

# ---- Processes ----------------------------------------------------------------------------
sys_kill:
    ld a0, P_A6(s0)
    li a1, H_PROCESS
    li a2, R_CONTROL
    call handle_get
    bltz a0, sys_fail_denied
    ld t0, P_STATE(a0)
    li t1, PS_DEAD
    beq t0, t1, 1f                      # already dead: nothing to do
    li a1, DEATH_KILLED
    ld a2, P_PID(s0)
    li a3, 0
    call proc_kill
    la t0, current
    ld t0, 0(t0)
    bne t0, s0, schedule                # it killed itself
1:  j sys_ok

sys_reap:
    la s1, procs
    li s2, MAX_PROCESSES
1:  ld t0, P_STATE(s1)
    li t1, PS_DEAD
    bne t0, t1, 2f
    ld t0, P_SUPER(s1)
    beq t0, s0, 3f
2:  li t6, PCB_SIZE
    add s1, s1, t6
    addi s2, s2, -1
    bnez s2, 1b
    li a0, E_NOENT
    j sys_fail
3:  ld t0, P_REASON(s1)
    sd t0, P_A1(s0)
    ld t0, P_VALUE(s1)
    sd t0, P_A2(s0)
    ld t0, P_ADDR(s1)
    sd t0, P_A3(s0)
    ld t0, P_PID(s1)
    sd t0, P_A4(s0)
    # The supervisor's handle to it, closed.
    li a0, -1
    addi t0, s0, P_HANDLES
    li t1, 0
4:  lbu t2, HD_TYPE(t0)
    li t3, H_PROCESS
    bne t2, t3, 5f
    ld t2, HD_OBJ(t0)
    bne t2, s1, 5f
    mv a0, t1
    sd zero, 0(t0)
    sd zero, 8(t0)
    sd zero, 16(t0)
    sd zero, 24(t0)
    j 6f
5:  addi t0, t0, HANDLE_SIZE
    addi t1, t1, 1
    li t2, HANDLES
    bne t1, t2, 4b
6:  sd a0, P_A0(s0)
    mv a0, s1
    call proc_free
    j sys_ok

sys_log:
    ld a1, P_A0(s0)
    ld a2, P_A1(s0)
    li t0, LOG_MAX
    li a0, E_INVAL
    bgtu a2, t0, sys_fail
    mv a0, s0
    li a3, PTE_R
    call user_check
    bnez a0, sys_fail
    # Through a kernel buffer, so the bytes are read once, then printed.
    mv a0, s0
    ld a1, P_A0(s0)
    la a2, log_buffer
    ld a3, P_A1(s0)
    call copy_from_user
    la s1, log_buffer
    ld s2, P_A1(s0)
1:  beqz s2, 2f
    lbu a0, 0(s1)
    call kputc
    addi s1, s1, 1
    addi s2, s2, -1
    j 1b
2:  j sys_ok

sys_info:
    ld t0, P_A0(s0)
    li t1, MAX_PROCESSES
    bgeu t0, t1, 8f
    la s1, procs
    slli t0, t0, PCB_SHIFT
    add s1, s1, t0
    ld t0, P_STATE(s1)
    beqz t0, 8f
    mv a0, s0
    ld a1, P_A1(s0)
    li a2, INFO_SIZE
    li a3, PTE_W
    call user_check
    bnez a0, sys_fail
    la s2, info_buffer
    ld t0, P_STATE(s1)
    sd t0, INFO_STATE(s2)
    ld t0, P_PRIO(s1)
    sd t0, INFO_PRIORITY(s2)
    li t0, -1
    ld t1, P_SUPER(s1)
    beqz t1, 1f
    ld t0, P_PID(t1)
1:  sd t0, INFO_SUPERVISOR(s2)
    ld t0, P_CALLS(s1)
    sd t0, INFO_CALLS(s2)
    ld t0, P_RECVD(s1)
    sd t0, INFO_RECEIVED(s2)
    ld t0, P_PAGES(s1)
    sd t0, INFO_PAGES(s2)
    ld t0, P_NAME(s1)
    sd t0, INFO_NAME(s2)
    ld t0, P_NAME + 8(s1)
    sd t0, INFO_NAME + 8(s2)
    mv a0, s0
    ld a1, P_A1(s0)
    mv a2, s2
    li a3, INFO_SIZE
    call copy_to_user
    # The next pid in use.
    ld t0, P_A0(s0)
    li t1, MAX_PROCESSES
2:  addi t0, t0, 1
    bgeu t0, t1, 3f
    li t6, PCB_SIZE
    add s1, s1, t6
    ld t2, P_STATE(s1)
    beqz t2, 2b
    mv a0, t0
    j sys_value
3:  li a0, -1
    j sys_value
8:  li a0, E_NOENT
    j sys_fail

# ---- Memory objects -----------------------------------------------------------------------
# Pages that belong to an object, not to the processes that map them: they outlive a
# process that crashes (init keeps one for a server's state). The creator pays the quota;
# the pages go back when the creator is dead and the last mapping is gone.
sys_memory:
    ld s2, P_A0(s0)
    li a0, E_INVAL
    beqz s2, sys_fail
    li t0, MEMORY_MAX_PAGES
    bgtu s2, t0, sys_fail
    ld t0, P_PAGES(s0)
    add t0, t0, s2
    li t1, PAGE_QUOTA
    li a0, E_NOMEM
    bgtu t0, t1, sys_fail
    call object_quota
    la s1, memories
    li t1, MEMORIES
1:  ld t0, MEM_LIST(s1)
    beqz t0, 2f
    addi s1, s1, OBJ_SIZE
    addi t1, t1, -1
    bnez t1, 1b
    li a0, E_NOSPACE
    j sys_fail
2:  mv a0, s0
    call handle_alloc
    bltz a0, sys_fail
    call page_alloc
    beqz a0, 5f
    sd a0, MEM_LIST(s1)
    sd zero, MEM_PAGES(s1)
    sd zero, MEM_MAPS(s1)
    mv s3, a0
3:  ld t0, MEM_PAGES(s1)
    beq t0, s2, 4f
    call page_alloc
    beqz a0, 6f
    ld t0, MEM_PAGES(s1)
    slli t1, t0, 3
    add t1, t1, s3
    sd a0, 0(t1)
    addi t0, t0, 1
    sd t0, MEM_PAGES(s1)
    j 3b
4:  mv a0, s0
    li a1, H_MEMORY | ((R_ALL & ~R_SPAWN) << 8)
    mv a2, s1
    call handle_new
    sd s0, O_OWNER(s1)
    ld t0, P_PAGES(s0)
    add t0, t0, s2
    sd t0, P_PAGES(s0)
    ld t0, P_OBJECTS(s0)
    addi t0, t0, 1
    sd t0, P_OBJECTS(s0)
    j sys_value
6:  mv a0, s1
    call memory_free
5:  li a0, E_NOMEM
    j sys_fail

# memory_free(a0 = memory object): its pages and its list back; the slot is free.
memory_free:
    addi sp, sp, -32
    sd ra, 0(sp)
    sd s4, 8(sp)
    sd s5, 16(sp)
    mv s4, a0
    ld s5, MEM_PAGES(s4)
1:  beqz s5, 2f
    addi s5, s5, -1
    ld t0, MEM_LIST(s4)
    slli t1, s5, 3
    add t0, t0, t1
    ld a0, 0(t0)
    call page_free
    j 1b
2:  ld a0, MEM_LIST(s4)
    call page_free
    sd zero, MEM_LIST(s4)
    sd zero, MEM_PAGES(s4)
    sd zero, O_OWNER(s4)
    ld t0, O_GEN(s4)
    addi t0, t0, 1
    sd t0, O_GEN(s4)
    ld ra, 0(sp)
    ld s4, 8(sp)
    ld s5, 16(sp)
    addi sp, sp, 32
    ret

sys_map_memory:
    ld a0, P_A6(s0)
    li a1, H_MEMORY
    li a2, R_MAP
    call handle_get
    bltz a0, sys_fail
    mv s1, a0
    # A free mapping slot.
    addi s4, s0, P_MAPPED
    li t1, MAPPED_MEMORY_MAX
1:  ld t0, 0(s4)
    beqz t0, 2f
    addi s4, s4, 8
    addi t1, t1, -1
    bnez t1, 1b
    li a0, E_NOSPACE
    j sys_fail
2:  ld a0, P_A0(s0)
    ld a1, MEM_PAGES(s1)
    call user_range
    bnez a0, sys_fail
    ld a1, P_A0(s0)
    ld a2, MEM_PAGES(s1)
    call range_unmapped
    bnez a0, sys_fail
    ld s2, P_A0(s0)
    li s3, 0
3:  ld t0, MEM_PAGES(s1)
    beq s3, t0, 4f
    ld t0, MEM_LIST(s1)
    slli t1, s3, 3
    add t0, t0, t1
    ld a2, 0(t0)
    srli a2, a2, 12
    slli a2, a2, 10
    ori a2, a2, PTE_SHARED | PTE_U | PTE_A | PTE_D | PTE_W | PTE_R | PTE_V
    ld a0, P_ROOT(s0)
    mv a1, s2
    call pt_map
    bnez a0, 5f
    li t0, PAGE_SIZE
    add s2, s2, t0
    addi s3, s3, 1
    j 3b
4:  sd s1, 0(s4)
    ld t0, MEM_MAPS(s1)
    addi t0, t0, 1
    sd t0, MEM_MAPS(s1)
    ld a0, MEM_PAGES(s1)
    slli a0, a0, 12
    j sys_value
5:  # Out of table pages: take back the pages mapped so far (they are not ours to free).
    ld s2, P_A0(s0)
6:  beqz s3, 7f
    ld a0, P_ROOT(s0)
    mv a1, s2
    call pt_walk
    beqz a0, 7f
    sd zero, 0(a0)
    li t0, PAGE_SIZE
    add s2, s2, t0
    addi s3, s3, -1
    j 6b
7:  ld t0, P_PID(s0)
    addi t0, t0, 1
    sfence.vma zero, t0
    li a0, E_NOMEM
    j sys_fail
