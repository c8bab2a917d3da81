# proc.S: creating processes from the boot image, and their death.

# proc_create(a0 = name, a1 = length, a2 = priority, a3 = supervisor or 0, a4 = argument):
# a0 = the new PCB (not yet ready) or an error.
proc_create:
    addi sp, sp, -80
    sd ra, 0(sp)
    sd s4, 8(sp)
    sd s5, 16(sp)
    sd s6, 24(sp)
    sd s7, 32(sp)
    sd s8, 40(sp)
    sd a2, 48(sp)
    sd a3, 56(sp)
    sd a4, 64(sp)
    mv s5, a0
    mv s6, a1
    # The program: a name in the boot table, NUL-padded to 16 bytes.
    li t0, NAME_MAX
    bgtu s6, t0, 7f
    beqz s6, 7f
    la s7, boot_programs
    ld s8, 0(s7)
    addi s7, s7, 8
1:  beqz s8, 7f
    li t0, 0
2:  add t1, s5, t0
    lbu t1, 0(t1)
    add t2, s7, t0
    lbu t2, 0(t2)
    bne t1, t2, 3f
    addi t0, t0, 1
    bne t0, s6, 2b
    add t2, s7, t0
    lbu t2, 0(t2)
    beqz t2, 4f
3:  addi s7, s7, BP_SIZE_OF
    addi s8, s8, -1
    j 1b
7:  li a0, E_NOENT
    j 9f
    # A free slot.
4:  la s4, procs
    li t0, MAX_PROCESSES
5:  ld t1, P_STATE(s4)
    beqz t1, 6f
    li t6, PCB_SIZE
    add s4, s4, t6
    addi t0, t0, -1
    bnez t0, 5b
    li a0, E_NOSPACE
    j 9f
6:  # Clean it, keeping its generation and pid.
    ld s8, P_GEN(s4)
    mv t0, s4
    li t1, PCB_SIZE
    add t1, t1, s4
8:  sd zero, 0(t0)
    addi t0, t0, 8
    bne t0, t1, 8b
    sd s8, P_GEN(s4)
    la t0, procs
    sub t0, s4, t0
    srli t0, t0, PCB_SHIFT
    sd t0, P_PID(s4)
    ld t0, 48(sp)
    sd t0, P_PRIO(s4)
    ld t0, 56(sp)
    sd t0, P_SUPER(s4)
    ld t0, BP_NAME(s7)
    sd t0, P_NAME(s4)
    ld t0, BP_NAME + 8(s7)
    sd t0, P_NAME + 8(s4)
    li t0, PS_SLEEP                     # reserved until the caller makes it ready
    sd t0, P_STATE(s4)
    mv a0, s4
    call space_new
    bnez a0, 10f
    mv a0, s4
    ld a1, BP_ADDR(s7)
    ld a2, BP_SIZE(s7)
    call elf_load
    bltz a0, 10f
    sd a0, P_PC(s4)
    # The stack.
    li s5, USER_STACK_TOP - USER_STACK_PAGES * PAGE_SIZE
    li s6, USER_STACK_PAGES
11: mv a0, s4
    mv a1, s5
    li a2, PTE_V | PTE_U | PTE_R | PTE_W | PTE_A | PTE_D
    call map_new_page
    bnez a0, 10f
    li t0, PAGE_SIZE
    add s5, s5, t0
    addi s6, s6, -1
    bnez s6, 11b
    li t0, USER_STACK_TOP
    sd t0, P_SP(s4)
    ld t0, 64(sp)
    sd t0, P_A1(s4)
    ld t0, P_PID(s4)
    sd t0, P_A2(s4)
    mv a0, s4
    j 9f
10: # Out of memory or a bad image: give everything back.
    mv s5, a0
    mv a0, s4
    call space_free
    sd zero, P_STATE(s4)
    mv a0, s5
9:  ld ra, 0(sp)
    ld s4, 8(sp)
    ld s5, 16(sp)
    ld s6, 24(sp)
    ld s7, 32(sp)
    ld s8, 40(sp)
    addi sp, sp, 80
    ret

# elf_load(a0 = PCB, a1 = ELF image, a2 = its size): every PT_LOAD segment mapped with its
# permissions, its file bytes copied, the rest zero. a0 = the entry point or an error
# (E_INVAL for a malformed image, E_NOMEM).
elf_load:
    addi sp, sp, -96
    sd ra, 0(sp)
    sd s4, 8(sp)
    sd s5, 16(sp)
    sd s6, 24(sp)
    sd s7, 32(sp)
    sd s8, 40(sp)
    sd s9, 48(sp)
    sd s10, 56(sp)
    sd s11, 64(sp)
    mv s4, a0
    mv s5, a1
    mv s6, a2
    li t0, 64
    bltu s6, t0, 80f
    lwu t0, 0(s5)
    li t1, 0x464c457f
    bne t0, t1, 80f
    lhu t0, 4(s5)                       # ELFCLASS64, little endian
    li t1, 0x0102
    bne t0, t1, 80f
    lhu t0, 18(s5)
    li t1, 0xf3                         # EM_RISCV
    bne t0, t1, 80f
    lhu t0, 54(s5)
    li t1, 56
    bne t0, t1, 80f
    ld s7, 32(s5)                       # e_phoff
    lhu s8, 56(s5)                      # e_phnum
    li t0, 56
    mul t0, t0, s8
    add t0, t0, s7
    bltu t0, s7, 80f
    bgtu t0, s6, 80f
    add s7, s7, s5                      # the first program header
1:  beqz s8, 70f
    lwu t0, 0(s7)
    li t1, 1                            # PT_LOAD
    bne t0, t1, 60f
    ld s9, 16(s7)                       # p_vaddr
    ld s10, 40(s7)                      # p_memsz
    ld t2, 32(s7)                       # p_filesz
    ld t3, 8(s7)                        # p_offset
    bgtu t2, s10, 80f
    add t4, t3, t2
    bltu t4, t3, 80f
    bgtu t4, s6, 80f
    li t0, PAGE_SIZE
    bltu s9, t0, 80f
    add t4, s9, s10
    bltu t4, s9, 80f
    li t0, USER_STACK_TOP - USER_STACK_PAGES * PAGE_SIZE
    bgtu t4, t0, 80f
    # Leaf flags from p_flags (X = 1, W = 2, R = 4).
    lwu t0, 4(s7)
    li s11, PTE_V | PTE_U | PTE_A | PTE_D
    andi t1, t0, 4
    beqz t1, 2f
    ori s11, s11, PTE_R
2:  andi t1, t0, 2
    beqz t1, 3f
    ori s11, s11, PTE_W | PTE_R
3:  andi t1, t0, 1
    beqz t1, 4f
    ori s11, s11, PTE_X
4:  # Map each page of the segment (a page shared with a segment before gets both sets
    # of permissions).
    srli s9, s9, 12
    slli s9, s9, 12
    ld t4, 16(s7)
    ld t5, 40(s7)
    add s10, t4, t5                     # the end
5:  bgeu s9, s10, 50f
    ld a0, P_ROOT(s4)
    mv a1, s9
    call pt_walk
    beqz a0, 6f
    ld t0, 0(a0)
    or t0, t0, s11
    sd t0, 0(a0)
    j 7f
6:  mv a0, s4
    mv a1, s9
    mv a2, s11
    call map_new_page
    bnez a0, 90f
7:  li t0, PAGE_SIZE
    add s9, s9, t0
    j 5b
50: # Copy the file bytes, page by page, through the kernel's view.
    ld s9, 16(s7)                       # the address
    ld s10, 32(s7)                      # bytes left
    ld t0, 8(s7)
    add s11, s5, t0                     # the source
51: beqz s10, 60f
    ld a0, P_ROOT(s4)
    mv a1, s9
    call pt_walk
    beqz a0, 80f
    ld t0, 0(a0)
    srli t0, t0, 10
    slli t0, t0, 12
    slli t1, s9, 52
    srli t1, t1, 52
    or a0, t0, t1
    li t2, PAGE_SIZE
    sub a2, t2, t1
    bleu a2, s10, 52f
    mv a2, s10
52: sd a2, 72(sp)
    mv a1, s11
    call kmemcpy
    ld a2, 72(sp)
    add s9, s9, a2
    add s11, s11, a2
    sub s10, s10, a2
    j 51b
60: addi s7, s7, 56
    addi s8, s8, -1
    j 1b
70: ld a0, 24(s5)                       # e_entry
    li t0, USER_TOP
    bltu a0, t0, 99f
80: li a0, E_INVAL
    j 99f
90: li a0, E_NOMEM
99: ld ra, 0(sp)
    ld s4, 8(sp)
    ld s5, 16(sp)
    ld s6, 24(sp)
    ld s7, 32(sp)
    ld s8, 40(sp)
    ld s9, 48(sp)
    ld s10, 56(sp)
    ld s11, 64(sp)
    addi sp, sp, 96
    ret

# ---- SYS_SPAWN ----------------------------------------------------------------------------
sys_spawn:
    ld a0, P_A6(s0)
    li a1, H_PROCESS
    li a2, R_SPAWN
    call handle_get
    bltz a0, sys_fail_denied
    # The name, into the kernel.
    ld s1, P_A1(s0)
    li a0, E_INVAL
    beqz s1, sys_fail
    li t0, NAME_MAX
    bgtu s1, t0, sys_fail
    mv a0, s0
    ld a1, P_A0(s0)
    mv a2, s1
    li a3, PTE_R
    call user_check
    bnez a0, sys_fail
    mv a0, s0
    ld a1, P_A0(s0)
    la a2, spawn_name
    mv a3, s1
    call copy_from_user
    # The handles to pass.
    ld s2, P_A3(s0)
    li t0, 16
    li a0, E_INVAL
    bgtu s2, t0, sys_fail
    mv a0, s0
    ld a1, P_A2(s0)
    slli a2, s2, 3
    li a3, PTE_R
    call user_check
    bnez a0, sys_fail
    mv a0, s0
    ld a1, P_A2(s0)
    la a2, spawn_handles
    slli a3, s2, 3
    call copy_from_user
    la s3, spawn_handles
    mv s4, s2
1:  beqz s4, 2f
    mv a0, s0
    ld a1, 0(s3)
    li a2, R_GRANT
    call handle_any
    bltz a0, sys_fail
    sd a0, 0(s3)                        # now the entry's address
    addi s3, s3, 8
    addi s4, s4, -1
    j 1b
2:  ld t0, P_A4(s0)
    ld t1, P_PRIO(s0)
    li a0, E_INVAL
    bgtu t0, t1, sys_fail
    mv a0, s0
    call handle_alloc
    bltz a0, sys_fail
    la a0, spawn_name
    mv a1, s1
    ld a2, P_A4(s0)
    mv a3, s0
    ld a4, P_A5(s0)
    call proc_create
    bltz a0, sys_fail
    mv s3, a0
    # Its handles, in the order listed.
    la t0, spawn_handles
    addi t1, s3, P_HANDLES
    mv t2, s2
3:  beqz t2, 4f
    ld t3, 0(t0)
    ld t4, 0(t3)
    sd t4, 0(t1)
    ld t4, 8(t3)
    sd t4, 8(t1)
    ld t4, 16(t3)
    sd t4, 16(t1)
    ld t4, 24(t3)
    sd t4, 24(t1)
    addi t0, t0, 8
    addi t1, t1, HANDLE_SIZE
    addi t2, t2, -1
    j 3b
4:  sd s2, P_A0(s3)
    mv a0, s0
    li a1, H_PROCESS | ((R_CONTROL | R_GRANT | R_REVOKE) << 8)
    mv a2, s3
    call handle_new
    mv s4, a0
    ld t0, P_PID(s3)
    sd t0, P_A1(s0)
    mv a0, s3
    call make_ready
    mv a0, s4
    j sys_value

# ---- Death --------------------------------------------------------------------------------
# proc_kill(a0 = PCB, a1 = DEATH_*, a2 = value, a3 = address): logs it, releases everyone
# who waits on it, destroys what it owns, frees its memory and handles, and tells its
# supervisor. If it was the running process, nothing runs afterwards until schedule.
proc_kill:
    addi sp, sp, -48
    sd ra, 0(sp)
    sd s4, 8(sp)
    sd s5, 16(sp)
    sd s6, 24(sp)
    sd s7, 32(sp)
    mv s4, a0
    ld t0, P_STATE(s4)
    li t1, PS_DEAD
    beq t0, t1, 99f
    beqz t0, 99f
    sd a1, P_REASON(s4)
    sd a2, P_VALUE(s4)
    sd a3, P_ADDR(s4)
    mv a0, s4
    call klog_death
    mv a0, s4
    call detach
    sd zero, P_DEADLINE(s4)
    la t0, current
    ld t1, 0(t0)
    bne t1, s4, 1f
    sd zero, 0(t0)
    la t0, kernel_satp
    ld t0, 0(t0)
    csrw satp, t0
1:  # Callers waiting for its reply, and children.
    la s5, procs
    li s6, MAX_PROCESSES
2:  ld t0, P_STATE(s5)
    li t1, PS_REPLY
    bne t0, t1, 3f
    ld t1, P_PEER(s5)
    bne t1, s4, 3f
    mv a0, s5
    call wake_dead
    j 4f
3:  ld t1, P_SUPER(s5)
    bne t1, s4, 4f
    sd zero, P_SUPER(s5)
    ld t0, P_STATE(s5)
    li t1, PS_DEAD
    bne t0, t1, 4f
    mv a0, s5
    call proc_free                      # an orphan nobody will reap
4:  li t6, PCB_SIZE
    add s5, s5, t6
    addi s6, s6, -1
    bnez s6, 2b
    # Its endpoints: their callers fail, their handles die.
    la s5, endpoints
    li s6, ENDPOINTS
5:  ld t0, O_OWNER(s5)
    bne t0, s4, 8f
    sd zero, O_OWNER(s5)
    ld t0, O_GEN(s5)
    addi t0, t0, 1
    sd t0, O_GEN(s5)
    ld s7, EP_HEAD(s5)
    sd zero, EP_HEAD(s5)
    sd zero, EP_TAIL(s5)
6:  beqz s7, 7f
    mv a0, s7
    ld s7, P_NEXT(s7)
    call wake_dead
    j 6b
7:  ld a0, EP_RECEIVER(s5)
    sd zero, EP_RECEIVER(s5)
    beqz a0, 8f
    call wake_dead
8:  addi s5, s5, OBJ_SIZE
    addi s6, s6, -1
    bnez s6, 5b
    # Its notifications.
    la s5, notifications
    li s6, NOTIFICATIONS
9:  ld t0, O_OWNER(s5)
    bne t0, s4, 11f
    sd zero, O_OWNER(s5)
    ld t0, O_GEN(s5)
    addi t0, t0, 1
    sd t0, O_GEN(s5)
    ld t0, N_BOUND(s5)
    beqz t0, 10f
    sd zero, P_BOUND(t0)
    sd zero, N_BOUND(s5)
10: ld a0, N_WAITER(s5)
    sd zero, N_WAITER(s5)
    beqz a0, 11f
    call wake_dead
11: addi s5, s5, OBJ_SIZE
    addi s6, s6, -1
    bnez s6, 9b
    ld t0, P_BOUND(s4)
    beqz t0, 12f
    sd zero, N_BOUND(t0)
    sd zero, P_BOUND(s4)
12: # The memory objects it mapped, then those it owns: freed once dead and unmapped.
    addi s5, s4, P_MAPPED
    li s6, MAPPED_MEMORY_MAX
16: ld a0, 0(s5)
    beqz a0, 17f
    sd zero, 0(s5)
    ld t0, MEM_MAPS(a0)
    addi t0, t0, -1
    sd t0, MEM_MAPS(a0)
    bnez t0, 17f
    ld t1, O_OWNER(a0)
    bnez t1, 17f
    call memory_free
17: addi s5, s5, 8
    addi s6, s6, -1
    bnez s6, 16b
    la s5, memories
    li s6, MEMORIES
18: ld t0, O_OWNER(s5)
    bne t0, s4, 19f
    sd zero, O_OWNER(s5)
    ld t0, O_GEN(s5)
    addi t0, t0, 1
    sd t0, O_GEN(s5)
    ld t0, MEM_MAPS(s5)
    bnez t0, 19f
    mv a0, s5
    call memory_free
19: addi s5, s5, OBJ_SIZE
    addi s6, s6, -1
    bnez s6, 18b
    # Memory and handles.
    mv a0, s4
    call space_free
    ld t0, P_PID(s4)
    addi t0, t0, 1
    sfence.vma zero, t0
    addi t0, s4, P_HANDLES
    li t1, HANDLES * HANDLE_SIZE
    add t1, t1, t0
13: sd zero, 0(t0)
    addi t0, t0, 8
    bne t0, t1, 13b
    li t0, PS_DEAD
    sd t0, P_STATE(s4)
    ld t0, P_SUPER(s4)
    bnez t0, 14f
    # Nobody supervises it: its status is the machine's if it was the last process.
    li t1, 1
    ld t2, P_REASON(s4)
    li t3, DEATH_EXIT
    bne t2, t3, 15f
    ld t1, P_VALUE(s4)
    andi t1, t1, 0xff
15: la t2, halt_status
    sd t1, 0(t2)
    mv a0, s4
    call proc_free
    j 99f
14: ld a0, P_BOUND(t0)
    beqz a0, 99f
    li a1, NOTIFY_CHILD
    call notify_signal
99: ld ra, 0(sp)
    ld s4, 8(sp)
    ld s5, 16(sp)
    ld s6, 24(sp)
    ld s7, 32(sp)
    addi sp, sp, 48
    ret

# wake_dead(a0 = PCB): its call or wait ends with E_DEAD.
wake_dead:
    li t0, E_DEAD
    sd t0, P_A0(a0)
    sd t0, P_A7(a0)
    sd zero, P_DEADLINE(a0)
    j make_ready

# proc_free(a0 = PCB): the slot is free; handles to it die.
proc_free:
    sd zero, P_STATE(a0)
    sd zero, P_SUPER(a0)
    ld t0, P_GEN(a0)
    addi t0, t0, 1
    sd t0, P_GEN(a0)
    ret
