# vm.S: physical pages, Sv39 page tables, and every access to user memory.
#
# The kernel sees RAM through one gigapage at its physical address (global, not U) and its
# stack, the UART, the finisher and the PLIC through the high slot 511; both are shared by
# every address space. User pages are only ever touched through pt_walk: a user address is
# checked for mapping, U bit and permission page by page, and device pages are refused.

# vm_init: the page allocator, the kernel's tables, Sv39 on.
vm_init:
    # Free pages: from the end of the kernel to the device tree (or the end of RAM, or of
    # the kernel's gigapage).
    la t0, kernel_end
    la t1, alloc_next
    sd t0, 0(t1)
    la t2, ram_end
    ld t2, 0(t2)
    li t3, RAM_BASE + 0x40000000
    bleu t2, t3, 1f
    mv t2, t3
1:  la t3, fdt_start
    ld t3, 0(t3)
    bleu t3, t0, 2f
    bgeu t3, t2, 2f
    srli t2, t3, 12
    slli t2, t2, 12
2:  la t1, alloc_end
    sd t2, 0(t1)
    # The kernel's root table: RAM, and the high slot.
    la t0, kernel_l2
    li t1, (RAM_BASE >> 12) << 10 | PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D | PTE_G
    sd t1, 2 * 8(t0)
    la t2, khigh_l1
    srli t1, t2, 12
    slli t1, t1, 10
    ori t1, t1, PTE_V
    li t3, 511 * 8
    add t3, t3, t0
    sd t1, 0(t3)
    la t3, khigh_l0
    srli t1, t3, 12
    slli t1, t1, 10
    ori t1, t1, PTE_V
    sd t1, 0(t2)
    li t1, (PLIC_PHYS >> 12) << 10 | PTE_V | PTE_R | PTE_W | PTE_A | PTE_D | PTE_G
    sd t1, 8(t2)
    li t1, ((PLIC_PHYS + 0x200000) >> 12) << 10 | PTE_V | PTE_R | PTE_W | PTE_A | PTE_D | PTE_G
    sd t1, 16(t2)
    # High 4 KiB pages: guard, two stack pages, UART, finisher.
    la t4, kstack_pages
    srli t1, t4, 12
    slli t1, t1, 10
    ori t1, t1, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D | PTE_G
    sd t1, 8(t3)
    li t5, 1 << 10
    add t1, t1, t5
    sd t1, 16(t3)
    li t1, (UART_PHYS >> 12) << 10 | PTE_V | PTE_R | PTE_W | PTE_A | PTE_D | PTE_G
    sd t1, 24(t3)
    li t1, (FINISHER_PHYS >> 12) << 10 | PTE_V | PTE_R | PTE_W | PTE_A | PTE_D | PTE_G
    sd t1, 32(t3)
    srli t1, t0, 12
    li t2, SATP_SV39
    or t1, t1, t2
    la t2, kernel_satp
    sd t1, 0(t2)
    csrw satp, t1
    sfence.vma
    ret

# page_alloc: a0 = a zeroed page, or 0 when memory is exhausted.
page_alloc:
    la t0, free_list
    ld a0, 0(t0)
    beqz a0, 1f
    ld t1, 0(a0)
    sd t1, 0(t0)
    j page_zero
1:  la t0, alloc_next
    ld a0, 0(t0)
    la t1, alloc_end
    ld t1, 0(t1)
    bgeu a0, t1, 2f
    li t2, PAGE_SIZE
    add t2, t2, a0
    sd t2, 0(t0)
    j page_zero
2:  li a0, 0
    ret

# page_zero(a0): 4 KiB of zeros; a0 kept.
page_zero:
    mv t0, a0
    li t1, PAGE_SIZE
    add t1, t1, a0
1:  sd zero, 0(t0)
    sd zero, 8(t0)
    sd zero, 16(t0)
    sd zero, 24(t0)
    sd zero, 32(t0)
    sd zero, 40(t0)
    sd zero, 48(t0)
    sd zero, 56(t0)
    addi t0, t0, 64
    bne t0, t1, 1b
    ret

# page_free(a0).
page_free:
    la t0, free_list
    ld t1, 0(t0)
    sd t1, 0(a0)
    sd a0, 0(t0)
    ret

# pt_walk(a0 = root, a1 = user address): a0 = the address of its valid 4 KiB leaf PTE, or 0.
pt_walk:
    li t0, USER_TOP
    bgeu a1, t0, 9f
    srli t1, a1, 30
    andi t1, t1, 511
    slli t1, t1, 3
    add t2, a0, t1
    ld t3, 0(t2)
    andi t4, t3, PTE_V
    beqz t4, 9f
    andi t4, t3, PTE_R | PTE_W | PTE_X
    bnez t4, 9f                         # a superpage: never a user mapping
    srli t3, t3, 10
    slli t3, t3, 12
    srli t1, a1, 21
    andi t1, t1, 511
    slli t1, t1, 3
    add t2, t3, t1
    ld t3, 0(t2)
    andi t4, t3, PTE_V
    beqz t4, 9f
    andi t4, t3, PTE_R | PTE_W | PTE_X
    bnez t4, 9f
    srli t3, t3, 10
    slli t3, t3, 12
    srli t1, a1, 12
    andi t1, t1, 511
    slli t1, t1, 3
    add a0, t3, t1
    ld t3, 0(a0)
    andi t4, t3, PTE_V
    beqz t4, 9f
    andi t4, t3, PTE_R | PTE_W | PTE_X
    beqz t4, 9f                         # level 0 must be a leaf
    ret
9:  li a0, 0
    ret

# pt_map(a0 = root, a1 = user address, a2 = leaf PTE): 0, or E_NOMEM when a table page
# cannot be had.
pt_map:
    addi sp, sp, -48
    sd ra, 0(sp)
    sd s4, 8(sp)
    sd s5, 16(sp)
    sd s6, 24(sp)
    sd s7, 32(sp)
    mv s4, a0
    mv s5, a1
    mv s6, a2
    li s7, 30
1:  srl t1, s5, s7
    andi t1, t1, 511
    slli t1, t1, 3
    add t2, s4, t1
    li t0, 12
    beq s7, t0, 3f
    ld t3, 0(t2)
    andi t4, t3, PTE_V
    bnez t4, 2f
    sd t2, 40(sp)
    call page_alloc
    beqz a0, 8f
    ld t2, 40(sp)
    srli t3, a0, 12
    slli t3, t3, 10
    ori t3, t3, PTE_V
    sd t3, 0(t2)
2:  srli t3, t3, 10
    slli s4, t3, 12
    addi s7, s7, -9
    j 1b
3:  sd s6, 0(t2)
    li a0, 0
    j 9f
8:  li a0, E_NOMEM
9:  ld ra, 0(sp)
    ld s4, 8(sp)
    ld s5, 16(sp)
    ld s6, 24(sp)
    ld s7, 32(sp)
    addi sp, sp, 48
    ret

# map_new_page(a0 = PCB, a1 = user address, a2 = leaf flags): a fresh zeroed page there,
# counted against its quota. a0 = 0 or E_NOMEM.
map_new_page:
    addi sp, sp, -32
    sd ra, 0(sp)
    sd a0, 8(sp)
    sd a1, 16(sp)
    sd a2, 24(sp)
    call page_alloc
    beqz a0, 8f
    srli a2, a0, 12
    slli a2, a2, 10
    ld t0, 24(sp)
    or a2, a2, t0
    sd a0, 24(sp)
    ld t0, 8(sp)
    ld a0, P_ROOT(t0)
    ld a1, 16(sp)
    call pt_map
    bnez a0, 7f
    ld t0, 8(sp)
    ld t1, P_PAGES(t0)
    addi t1, t1, 1
    sd t1, P_PAGES(t0)
    j 9f
7:  ld a0, 24(sp)
    call page_free
8:  li a0, E_NOMEM
9:  ld ra, 0(sp)
    addi sp, sp, 32
    ret

# unmap_pages(a0 = PCB, a1 = address, a2 = pages): 0, or E_NOENT at the first page that
# was not mapped. RAM pages go back to the allocator; device pages are only unmapped.
unmap_pages:
    addi sp, sp, -48
    sd ra, 0(sp)
    sd s4, 8(sp)
    sd s5, 16(sp)
    sd s6, 24(sp)
    mv s4, a0
    mv s5, a1
    mv s6, a2
1:  beqz s6, 8f
    ld a0, P_ROOT(s4)
    mv a1, s5
    call pt_walk
    beqz a0, 7f
    ld t0, 0(a0)
    andi t1, t0, PTE_SHARED             # a memory object's pages stay until exit
    bnez t1, 6f
    sd zero, 0(a0)
    ld t1, P_MAPGEN(s4)
    addi t1, t1, 1
    sd t1, P_MAPGEN(s4)
    ld t1, P_PID(s4)
    addi t1, t1, 1
    sfence.vma s5, t1
    andi t1, t0, PTE_DEV
    bnez t1, 2f
    srli t0, t0, 10
    slli a0, t0, 12
    call page_free
    ld t1, P_PAGES(s4)
    addi t1, t1, -1
    sd t1, P_PAGES(s4)
2:  li t0, PAGE_SIZE
    add s5, s5, t0
    addi s6, s6, -1
    j 1b
6:  li a0, E_INVAL
    j 9f
7:  li a0, E_NOENT
    j 9f
8:  li a0, 0
9:  ld ra, 0(sp)
    ld s4, 8(sp)
    ld s5, 16(sp)
    ld s6, 24(sp)
    addi sp, sp, 48
    ret

# space_new(a0 = PCB): a root table sharing the kernel's slots; P_ROOT and P_SATP set.
# a0 = 0 or E_NOMEM.
space_new:
    addi sp, sp, -16
    sd ra, 0(sp)
    sd a0, 8(sp)
    call page_alloc
    beqz a0, 8f
    la t0, kernel_l2
    ld t1, 2 * 8(t0)
    sd t1, 2 * 8(a0)
    li t2, 511 * 8
    add t0, t0, t2
    ld t1, 0(t0)
    add t2, t2, a0
    sd t1, 0(t2)
    ld t0, 8(sp)
    sd a0, P_ROOT(t0)
    srli t1, a0, 12
    ld t2, P_PID(t0)
    addi t2, t2, 1                      # ASID = pid + 1; 0 is the kernel's
    sfence.vma zero, t2
    slli t2, t2, 44
    or t1, t1, t2
    li t2, SATP_SV39
    or t1, t1, t2
    sd t1, P_SATP(t0)
    li a0, 0
    j 9f
8:  li a0, E_NOMEM
9:  ld ra, 0(sp)
    addi sp, sp, 16
    ret

# space_free(a0 = PCB): every user page and table page back to the allocator.
space_free:
    addi sp, sp, -64
    sd ra, 0(sp)
    sd s4, 8(sp)
    sd s5, 16(sp)
    sd s6, 24(sp)
    sd s7, 32(sp)
    sd s8, 40(sp)
    sd s9, 48(sp)
    sd s10, 56(sp)
    mv s10, a0
    ld s4, P_ROOT(a0)
    beqz s4, 9f
    li s5, 0                            # L2 index: 0 and 1 are the user half
1:  slli t0, s5, 3
    add t0, t0, s4
    ld t0, 0(t0)
    andi t1, t0, PTE_V
    beqz t1, 6f
    srli t0, t0, 10
    slli s6, t0, 12                     # the L1 table
    li s7, 0
2:  slli t0, s7, 3
    add t0, t0, s6
    ld t0, 0(t0)
    andi t1, t0, PTE_V
    beqz t1, 5f
    srli t0, t0, 10
    slli s8, t0, 12                     # the L0 table
    li s9, 0
3:  slli t0, s9, 3
    add t0, t0, s8
    ld t0, 0(t0)
    andi t1, t0, PTE_V
    beqz t1, 4f
    andi t1, t0, PTE_DEV | PTE_SHARED   # not this process's pages
    bnez t1, 4f
    srli t0, t0, 10
    slli a0, t0, 12
    call page_free
4:  addi s9, s9, 1
    li t0, 512
    bne s9, t0, 3b
    mv a0, s8
    call page_free
5:  addi s7, s7, 1
    li t0, 512
    bne s7, t0, 2b
    mv a0, s6
    call page_free
6:  addi s5, s5, 1
    li t0, 2
    bne s5, t0, 1b
    mv a0, s4
    call page_free
    sd zero, P_ROOT(s10)
    sd zero, P_PAGES(s10)
9:  ld ra, 0(sp)
    ld s4, 8(sp)
    ld s5, 16(sp)
    ld s6, 24(sp)
    ld s7, 32(sp)
    ld s8, 40(sp)
    ld s9, 48(sp)
    ld s10, 56(sp)
    addi sp, sp, 64
    ret

# user_check(a0 = PCB, a1 = address, a2 = length, a3 = PTE_R or PTE_W): 0 if every byte is
# in user pages with that permission; else E_FAULT.
user_check:
    beqz a2, 8f
    addi sp, sp, -48
    sd ra, 0(sp)
    sd s4, 8(sp)
    sd s5, 16(sp)
    sd s6, 24(sp)
    sd s7, 32(sp)
    add s6, a1, a2                      # the end
    bltu s6, a1, 7f                     # wraps
    li t0, USER_TOP
    bgtu s6, t0, 7f
    mv s4, a0
    srli s5, a1, 12
    slli s5, s5, 12
    mv s7, a3
1:  bgeu s5, s6, 6f
    mv a0, s4
    mv a1, s5
    mv a2, s7
    call user_pa
    beqz a0, 7f
    li t0, PAGE_SIZE
    add s5, s5, t0
    j 1b
6:  li a0, 0
    j 9f
7:  li a0, E_FAULT
9:  ld ra, 0(sp)
    ld s4, 8(sp)
    ld s5, 16(sp)
    ld s6, 24(sp)
    ld s7, 32(sp)
    addi sp, sp, 48
    ret
8:  li a0, 0
    ret

# user_pa(a0 = PCB or 0 for the kernel, a1 = address, a2 = PTE_R or PTE_W): a0 = the
# physical (kernel) address, or 0 if the page is not a user RAM page with that permission.
user_pa:
    bnez a0, 1f
    mv a0, a1
    ret
1:  addi sp, sp, -16
    sd ra, 0(sp)
    sd a1, 8(sp)
    mv t6, a2
    ld a0, P_ROOT(a0)
    call pt_walk
    beqz a0, 9f
    ld t0, 0(a0)
    ori t1, t6, PTE_U
    and t2, t0, t1
    bne t2, t1, 8f
    andi t2, t0, PTE_DEV
    bnez t2, 8f
    srli t0, t0, 10
    slli t0, t0, 12
    ld a1, 8(sp)
    slli t1, a1, 52
    srli t1, t1, 52
    or a0, t0, t1
    j 9f
8:  li a0, 0
9:  ld ra, 0(sp)
    addi sp, sp, 16
    ret

# copy_between(a0 = source PCB, a1 = source address, a2 = destination PCB, a3 = destination
# address, a4 = bytes): a PCB of 0 means a kernel address. a0 = the bytes copied (fewer if a
# page was not there).
copy_between:
    addi sp, sp, -80
    sd ra, 0(sp)
    sd s4, 8(sp)
    sd s5, 16(sp)
    sd s6, 24(sp)
    sd s7, 32(sp)
    sd s8, 40(sp)
    sd s9, 48(sp)
    sd s10, 56(sp)
    mv s4, a0
    mv s5, a1
    mv s6, a2
    mv s7, a3
    mv s8, a4                           # left
    li s9, 0                            # done
1:  beqz s8, 9f
    # This chunk: up to the end of either page.
    li t0, PAGE_SIZE
    slli t1, s5, 52
    srli t1, t1, 52
    sub t1, t0, t1
    slli t2, s7, 52
    srli t2, t2, 52
    sub t2, t0, t2
    mv s10, s8
    bleu s10, t1, 2f
    mv s10, t1
2:  bleu s10, t2, 3f
    mv s10, t2
3:  mv a0, s4
    mv a1, s5
    li a2, PTE_R
    call user_pa
    beqz a0, 9f
    sd a0, 64(sp)
    mv a0, s6
    mv a1, s7
    li a2, PTE_W
    call user_pa
    beqz a0, 9f
    ld a1, 64(sp)
    mv a2, s10
    call kmemcpy
    add s5, s5, s10
    add s7, s7, s10
    add s9, s9, s10
    sub s8, s8, s10
    j 1b
9:  mv a0, s9
    ld ra, 0(sp)
    ld s4, 8(sp)
    ld s5, 16(sp)
    ld s6, 24(sp)
    ld s7, 32(sp)
    ld s8, 40(sp)
    ld s9, 48(sp)
    ld s10, 56(sp)
    addi sp, sp, 80
    ret

# copy_from_user(a0 = PCB, a1 = user address, a2 = kernel address, a3 = bytes).
copy_from_user:
    mv a4, a3
    mv a3, a2
    li a2, 0
    j copy_between

# copy_to_user(a0 = PCB, a1 = user address, a2 = kernel address, a3 = bytes).
copy_to_user:
    mv a4, a3
    mv a3, a1
    mv a1, a2
    mv a2, a0
    li a0, 0
    j copy_between

# kmemcpy(a0 = destination, a1 = source, a2 = bytes): doublewords when all are aligned.
kmemcpy:
    or t0, a0, a1
    or t0, t0, a2
    andi t0, t0, 7
    bnez t0, 5f
    li t1, 128
1:  bltu a2, t1, 2f
    ld t2, 0(a1)
    ld t3, 8(a1)
    ld t4, 16(a1)
    ld t5, 24(a1)
    sd t2, 0(a0)
    sd t3, 8(a0)
    sd t4, 16(a0)
    sd t5, 24(a0)
    ld t2, 32(a1)
    ld t3, 40(a1)
    ld t4, 48(a1)
    ld t5, 56(a1)
    sd t2, 32(a0)
    sd t3, 40(a0)
    sd t4, 48(a0)
    sd t5, 56(a0)
    ld t2, 64(a1)
    ld t3, 72(a1)
    ld t4, 80(a1)
    ld t5, 88(a1)
    sd t2, 64(a0)
    sd t3, 72(a0)
    sd t4, 80(a0)
    sd t5, 88(a0)
    ld t2, 96(a1)
    ld t3, 104(a1)
    ld t4, 112(a1)
    ld t5, 120(a1)
    sd t2, 96(a0)
    sd t3, 104(a0)
    sd t4, 112(a0)
    sd t5, 120(a0)
    addi a0, a0, 128
    addi a1, a1, 128
    addi a2, a2, -128
    bgeu a2, t1, 1b
2:  li t1, 32
4:  bltu a2, t1, 3f
    ld t2, 0(a1)
    ld t3, 8(a1)
    ld t4, 16(a1)
    ld t5, 24(a1)
    sd t2, 0(a0)
    sd t3, 8(a0)
    sd t4, 16(a0)
    sd t5, 24(a0)
    addi a0, a0, 32
    addi a1, a1, 32
    addi a2, a2, -32
    j 4b
3:  beqz a2, 9f
    ld t2, 0(a1)
    sd t2, 0(a0)
    addi a0, a0, 8
    addi a1, a1, 8
    addi a2, a2, -8
    j 3b
5:  beqz a2, 9f
    lbu t2, 0(a1)
    sb t2, 0(a0)
    addi a0, a0, 1
    addi a1, a1, 1
    addi a2, a2, -1
    j 5b
9:  ret
