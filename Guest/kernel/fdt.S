# fdt.S: what the kernel needs from the flattened device tree: the RAM (/memory reg, two
# cells of address and two of size, as on the virt board) and the command line
# (/chosen bootargs, for init=NAME). Runs before paging, on the boot stack.

# fdt_scan(a0 = the device tree, or 0).
fdt_scan:
    addi sp, sp, -64
    sd ra, 0(sp)
    sd s1, 8(sp)
    sd s2, 16(sp)
    sd s3, 24(sp)
    sd s4, 32(sp)
    sd s5, 40(sp)
    sd s6, 48(sp)
    la t0, fdt_start
    sd a0, 0(t0)
    li t1, RAM_BASE + (128 << 20)       # defaults
    la t0, ram_end
    sd t1, 0(t0)
    beqz a0, 90f
    mv s1, a0
    call be32
    li t0, 0xd00dfeed
    bne a0, t0, 90f
    addi a0, s1, 8
    call be32
    add s2, s1, a0                      # the structure block
    addi a0, s1, 12
    call be32
    add s3, s1, a0                      # the strings block
    li s4, 0                            # depth
    li s5, 0                            # the depth-2 node: 1 = memory, 2 = chosen
1:  mv a0, s2
    call be32
    addi s2, s2, 4
    li t0, 1
    beq a0, t0, 10f
    li t0, 2
    beq a0, t0, 20f
    li t0, 3
    beq a0, t0, 30f
    li t0, 4
    beq a0, t0, 1b
    j 90f                               # FDT_END, or anything unexpected
10: # FDT_BEGIN_NODE: the name follows.
    addi s4, s4, 1
    li t0, 2
    bne s4, t0, 13f
    li s5, 0
    mv a0, s2
    la a1, fdt_memory
    call kprefix
    beqz a0, 11f
    li s5, 1
    j 13f
11: mv a0, s2
    la a1, fdt_chosen
    call kstreq
    beqz a0, 13f
    li s5, 2
13: mv a0, s2
    call kstrlen
    add s2, s2, a0
    addi s2, s2, 4                      # the NUL, rounded up to 4
    andi s2, s2, -4
    j 1b
20: addi s4, s4, -1
    j 1b
30: # FDT_PROP: length, name offset, value.
    mv a0, s2
    call be32
    mv s6, a0
    addi a0, s2, 4
    call be32
    add s1, s3, a0                      # the property's name
    addi s2, s2, 8                      # the value
    li t0, 2
    bne s4, t0, 39f
    li t0, 1
    bne s5, t0, 35f
    mv a0, s1
    la a1, fdt_reg
    call kstreq
    beqz a0, 39f
    li t0, 16
    bltu s6, t0, 39f
    mv a0, s2
    call be32
    slli s1, a0, 32
    addi a0, s2, 4
    call be32
    or s1, s1, a0                       # base
    addi a0, s2, 8
    call be32
    slli a1, a0, 32
    sd a1, 56(sp)
    addi a0, s2, 12
    call be32
    ld a1, 56(sp)
    or a0, a0, a1                       # size
    add a0, a0, s1
    la t0, ram_end
    sd a0, 0(t0)
    j 39f
35: li t0, 2
    bne s5, t0, 39f
    mv a0, s1
    la a1, fdt_bootargs
    call kstreq
    beqz a0, 39f
    mv a0, s2
    call bootargs_parse
39: add s2, s2, s6
    addi s2, s2, 3
    andi s2, s2, -4
    j 1b
90: ld ra, 0(sp)
    ld s1, 8(sp)
    ld s2, 16(sp)
    ld s3, 24(sp)
    ld s4, 32(sp)
    ld s5, 40(sp)
    ld s6, 48(sp)
    addi sp, sp, 64
    ret

# be32(a0 = address): a0 = the big-endian word there.
be32:
    lbu t0, 0(a0)
    lbu t1, 1(a0)
    lbu t2, 2(a0)
    lbu t3, 3(a0)
    slli t0, t0, 24
    slli t1, t1, 16
    slli t2, t2, 8
    or t0, t0, t1
    or t0, t0, t2
    or a0, t0, t3
    ret

# bootargs_parse(a0 = the command line): init=NAME (at the start or after a space) sets
# the first program; other words are ignored.
bootargs_parse:
    mv t0, a0
    li t6, ' '
1:  lbu t1, 0(t0)
    beqz t1, 9f
    beq t1, t6, 5f
    # A word starts here: is it init=?
    la t2, fdt_init_eq
    mv t3, t0
2:  lbu t4, 0(t2)
    beqz t4, 3f
    lbu t5, 0(t3)
    bne t4, t5, 4f
    addi t2, t2, 1
    addi t3, t3, 1
    j 2b
3:  la t2, init_name                    # copy NAME (at most 15 bytes)
    li t4, NAME_MAX
6:  lbu t5, 0(t3)
    beqz t5, 7f
    beq t5, t6, 7f
    beqz t4, 7f
    sb t5, 0(t2)
    addi t2, t2, 1
    addi t3, t3, 1
    addi t4, t4, -1
    j 6b
7:  sb zero, 0(t2)
    mv t0, t3
    j 1b
4:  # Skip the word.
    lbu t1, 0(t0)
    beqz t1, 9f
    beq t1, t6, 1b
    addi t0, t0, 1
    j 4b
5:  addi t0, t0, 1
    j 1b
9:  ret

# kstrlen(a0): a0 = its length.
kstrlen:
    mv t0, a0
1:  lbu t1, 0(t0)
    beqz t1, 2f
    addi t0, t0, 1
    j 1b
2:  sub a0, t0, a0
    ret

# kstreq(a0, a1): a0 = 1 if the strings are equal.
kstreq:
1:  lbu t0, 0(a0)
    lbu t1, 0(a1)
    bne t0, t1, 2f
    beqz t0, 3f
    addi a0, a0, 1
    addi a1, a1, 1
    j 1b
2:  li a0, 0
    ret
3:  li a0, 1
    ret

# kprefix(a0 = string, a1 = prefix): a0 = 1 if the string starts with the prefix.
kprefix:
1:  lbu t1, 0(a1)
    beqz t1, 3f
    lbu t0, 0(a0)
    bne t0, t1, 2f
    addi a0, a0, 1
    addi a1, a1, 1
    j 1b
2:  li a0, 0
    ret
3:  li a0, 1
    ret

    .section .rodata
fdt_memory:     .asciz "memory"
fdt_chosen:     .asciz "chosen"
fdt_reg:        .asciz "reg"
fdt_bootargs:   .asciz "bootargs"
fdt_init_eq:    .asciz "init="
    .text
