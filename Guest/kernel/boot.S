# boot.S: from reset to the first user process.

# ---- M-mode stage -------------------------------------------------------------------------
    .globl _start
_start:
    csrr t0, mhartid
    bnez t0, park
    mv s1, a1                           # the device tree
    la t0, m_trap
    csrw mtvec, t0
    # Zero the kernel's .bss (RAM may hold anything after a reset).
    la t0, kbss_start
    la t1, kbss_end
1:  bgeu t0, t1, 2f
    sd zero, 0(t0)
    addi t0, t0, 8
    j 1b
2:
    # Every exception except ecall from S and M goes to S; so do S interrupts.
    li t0, 0xb1ff
    csrw medeleg, t0
    li t0, 0x222
    csrw mideleg, t0
    # PMP entry 0: the whole address space, RWX, for S and U.
    li t0, -1
    csrw pmpaddr0, t0
    li t0, 0x1f
    csrw pmpcfg0, t0
    # Sstc: S-mode owns its timer through stimecmp.
    li t0, 1
    slli t0, t0, 63
    csrs menvcfg, t0
    li t0, 7                            # cycle, time, instret
    csrw mcounteren, t0
    # mret to kernel_main in S-mode.
    li t0, 0x1800
    csrc mstatus, t0
    li t0, 0x0800
    csrs mstatus, t0
    la t0, kernel_main
    csrw mepc, t0
    mv a0, s1
    mret

park:
    wfi
    j park

# A trap into M-mode after boot is a kernel bug: say so and stop with status 3.
    .balign 4
m_trap:
    li t0, UART_PHYS
    la t1, m_trap_text
1:  lbu t2, 0(t1)
    beqz t2, 2f
    sb t2, 0(t0)
    addi t1, t1, 1
    j 1b
2:  li t0, FINISHER_PHYS
    li t1, (3 << 16) | 0x3333
    sw t1, 0(t0)
    j park

# ---- S-mode start -------------------------------------------------------------------------
# a0 = the device tree. Physical memory is identity mapped.
kernel_main:
    la sp, boot_stack_top
    mv s1, a0
    call fdt_scan                       # ram_end, fdt_start, bootargs
    la t0, next_deadline
    li t1, -1
    sd t1, 0(t0)
    call vm_init                        # page allocator, kernel tables, Sv39 on
    li sp, KSTACK_TOP                   # from now on: the high kernel stack
    la t0, trap_entry
    csrw stvec, t0
    csrw sscratch, zero
    li t0, 7
    csrw scounteren, t0
    li t0, (1 << 9) | (1 << 5)          # SEIE, STIE
    csrw sie, t0
    call objects_init
    # The boot line.
    la a0, klog_boot_text
    call klog_begin
    la t0, ram_end
    ld a0, 0(t0)
    li t1, RAM_BASE
    sub a0, a0, t1
    srli a0, a0, 20
    call kprint_dec
    la a0, klog_boot_text2
    call kprint_str
    la t0, boot_programs
    ld a0, 0(t0)
    call kprint_dec
    la a0, klog_boot_text3
    call kprint_str
    la a0, init_name
    call kprint_str
    call kprint_nl
    # The first process, with the boot handles.
    la a0, init_name
    call kstrlen
    mv a1, a0
    la a0, init_name
    li a2, PRIORITIES - 1
    li a3, 0                            # no supervisor
    li a4, 0                            # argument
    call proc_create
    bltz a0, no_init
    mv s2, a0
    call boot_handles
    sd zero, P_A1(s2)
    li t0, BOOT_HANDLES
    sd t0, P_A0(s2)
    # The instruction count at the first user instruction.
    la a0, klog_first_text
    call klog_begin
    rdinstret a0
    addi a0, a0, 6                      # the instructions up to the sret below
    call kprint_dec
    call kprint_nl
    mv a0, s2
    call make_ready
    j schedule

no_init:
    la a0, klog_noinit_text
    call klog_begin
    la a0, init_name
    call kprint_str
    call kprint_nl
    j kernel_halt

# The first process's handles: itself, the UART, its interrupt, the finisher.
# a0 = its PCB.
boot_handles:
    addi sp, sp, -16
    sd ra, 0(sp)
    mv a5, a0
    addi t0, a5, P_HANDLES
    # 0: itself.
    li t1, H_PROCESS | (R_ALL << 8)
    sd t1, HD_TYPE(t0)
    sd a5, HD_OBJ(t0)
    ld t1, P_GEN(a5)
    sd t1, HD_GEN(t0)
    # 1: the UART.
    addi t0, t0, HANDLE_SIZE
    li t1, H_DEVICE | ((R_MAP | R_GRANT | R_REVOKE) << 8)
    sd t1, HD_TYPE(t0)
    la t2, devices
    sd t2, HD_OBJ(t0)
    ld t1, O_GEN(t2)
    sd t1, HD_GEN(t0)
    # 2: the UART's interrupt.
    addi t0, t0, HANDLE_SIZE
    li t1, H_IRQ | ((R_CONTROL | R_GRANT | R_REVOKE) << 8)
    sd t1, HD_TYPE(t0)
    la t2, irqs
    sd t2, HD_OBJ(t0)
    ld t1, O_GEN(t2)
    sd t1, HD_GEN(t0)
    # 3: the finisher.
    addi t0, t0, HANDLE_SIZE
    li t1, H_DEVICE | ((R_MAP | R_GRANT | R_REVOKE) << 8)
    sd t1, HD_TYPE(t0)
    la t2, devices + OBJ_SIZE
    sd t2, HD_OBJ(t0)
    ld t1, O_GEN(t2)
    sd t1, HD_GEN(t0)
    ld ra, 0(sp)
    addi sp, sp, 16
    ret

# The device and interrupt objects of the board.
objects_init:
    la t0, devices
    li t1, UART_PHYS
    sd t1, DEV_BASE(t0)
    li t1, PAGE_SIZE
    sd t1, DEV_SIZE(t0)
    li t2, 1
    sd t2, O_OWNER(t0)
    addi t0, t0, OBJ_SIZE
    li t1, FINISHER_PHYS
    sd t1, DEV_BASE(t0)
    li t1, PAGE_SIZE
    sd t1, DEV_SIZE(t0)
    sd t2, O_OWNER(t0)
    la t0, irqs
    li t1, UART_IRQ
    sd t1, IRQ_SOURCE(t0)
    sd t2, O_OWNER(t0)
    # PLIC: the UART's priority 1, S context threshold 0 (lines stay disabled until bound).
    li t0, KPLIC
    li t1, 1
    sw t1, UART_IRQ * 4(t0)
    li t0, KPLIC_CTX
    li t1, PLIC_THRESHOLD_S
    add t0, t0, t1
    sw zero, 0(t0)
    ret

# Stops the machine with status 3 (a kernel panic or nothing to run).
kernel_halt:
    li t0, KFINISHER
    li t1, (3 << 16) | 0x3333
    sw t1, 0(t0)
1:  wfi
    j 1b
