# Base instructions written in full at the edges of every compressed form: each line
# either becomes its RVC encoding or, one step past a limit, stays 4 bytes. Compared
# with GNU as.
    .text
    .globl _start
_start:
    addi a0, a0, -33
    addiw a0, a0, -33
    addi a0, x0, -33
    addi t0, t0, -33
    addiw t0, t0, -33
    addi t0, x0, -33
    addi sp, sp, -33
    addiw sp, sp, -33
    addi sp, x0, -33
    addi x0, x0, -33
    addiw x0, x0, -33
    addi x0, x0, -33
    andi s0, s0, -33
    andi t0, t0, -33
    addi a0, a0, -32
    addiw a0, a0, -32
    addi a0, x0, -32
    addi t0, t0, -32
    addiw t0, t0, -32
    addi t0, x0, -32
    addi sp, sp, -32
    addiw sp, sp, -32
    addi sp, x0, -32
    addi x0, x0, -32
    addiw x0, x0, -32
    addi x0, x0, -32
    andi s0, s0, -32
    andi t0, t0, -32
    addi a0, a0, -1
    addiw a0, a0, -1
    addi a0, x0, -1
    addi t0, t0, -1
    addiw t0, t0, -1
    addi t0, x0, -1
    addi sp, sp, -1
    addiw sp, sp, -1
    addi sp, x0, -1
    addi x0, x0, -1
    addiw x0, x0, -1
    addi x0, x0, -1
    andi s0, s0, -1
    andi t0, t0, -1
    addi a0, a0, 0
    addiw a0, a0, 0
    addi a0, x0, 0
    addi t0, t0, 0
    addiw t0, t0, 0
    addi t0, x0, 0
    addi sp, sp, 0
    addiw sp, sp, 0
    addi sp, x0, 0
    addi x0, x0, 0
    addiw x0, x0, 0
    addi x0, x0, 0
    andi s0, s0, 0
    andi t0, t0, 0
    addi a0, a0, 1
    addiw a0, a0, 1
    addi a0, x0, 1
    addi t0, t0, 1
    addiw t0, t0, 1
    addi t0, x0, 1
    addi sp, sp, 1
    addiw sp, sp, 1
    addi sp, x0, 1
    addi x0, x0, 1
    addiw x0, x0, 1
    addi x0, x0, 1
    andi s0, s0, 1
    andi t0, t0, 1
    addi a0, a0, 31
    addiw a0, a0, 31
    addi a0, x0, 31
    addi t0, t0, 31
    addiw t0, t0, 31
    addi t0, x0, 31
    addi sp, sp, 31
    addiw sp, sp, 31
    addi sp, x0, 31
    addi x0, x0, 31
    addiw x0, x0, 31
    addi x0, x0, 31
    andi s0, s0, 31
    andi t0, t0, 31
    addi a0, a0, 32
    addiw a0, a0, 32
    addi a0, x0, 32
    addi t0, t0, 32
    addiw t0, t0, 32
    addi t0, x0, 32
    addi sp, sp, 32
    addiw sp, sp, 32
    addi sp, x0, 32
    addi x0, x0, 32
    addiw x0, x0, 32
    addi x0, x0, 32
    andi s0, s0, 32
    andi t0, t0, 32
    addi sp, sp, -528
    addi sp, sp, -512
    addi sp, sp, -16
    addi sp, sp, 0
    addi sp, sp, 16
    addi sp, sp, 32
    addi sp, sp, 496
    addi sp, sp, 512
    addi sp, sp, 8
    addi a0, sp, 0
    addi s1, sp, 0
    addi t0, sp, 0
    addi a0, sp, 4
    addi s1, sp, 4
    addi t0, sp, 4
    addi a0, sp, 8
    addi s1, sp, 8
    addi t0, sp, 8
    addi a0, sp, 1020
    addi s1, sp, 1020
    addi t0, sp, 1020
    addi a0, sp, 1024
    addi s1, sp, 1024
    addi t0, sp, 1024
    addi a0, sp, 2
    addi s1, sp, 2
    addi t0, sp, 2
    addi a0, sp, 6
    addi s1, sp, 6
    addi t0, sp, 6
    slli a0, a0, 0
    srli a0, a0, 0
    srai a0, a0, 0
    slli s0, s0, 0
    srli s0, s0, 0
    srai s0, s0, 0
    slli t0, t0, 0
    srli t0, t0, 0
    srai t0, t0, 0
    slli x0, x0, 0
    srli x0, x0, 0
    srai x0, x0, 0
    slli a0, a0, 1
    srli a0, a0, 1
    srai a0, a0, 1
    slli s0, s0, 1
    srli s0, s0, 1
    srai s0, s0, 1
    slli t0, t0, 1
    srli t0, t0, 1
    srai t0, t0, 1
    slli x0, x0, 1
    srli x0, x0, 1
    srai x0, x0, 1
    slli a0, a0, 31
    srli a0, a0, 31
    srai a0, a0, 31
    slli s0, s0, 31
    srli s0, s0, 31
    srai s0, s0, 31
    slli t0, t0, 31
    srli t0, t0, 31
    srai t0, t0, 31
    slli x0, x0, 31
    srli x0, x0, 31
    srai x0, x0, 31
    slli a0, a0, 32
    srli a0, a0, 32
    srai a0, a0, 32
    slli s0, s0, 32
    srli s0, s0, 32
    srai s0, s0, 32
    slli t0, t0, 32
    srli t0, t0, 32
    srai t0, t0, 32
    slli x0, x0, 32
    srli x0, x0, 32
    srai x0, x0, 32
    slli a0, a0, 63
    srli a0, a0, 63
    srai a0, a0, 63
    slli s0, s0, 63
    srli s0, s0, 63
    srai s0, s0, 63
    slli t0, t0, 63
    srli t0, t0, 63
    srai t0, t0, 63
    slli x0, x0, 63
    srli x0, x0, 63
    srai x0, x0, 63
    lui a0, 0x0
    lui sp, 0x0
    lui x0, 0x0
    lui t6, 0x0
    lui a0, 0x1
    lui sp, 0x1
    lui x0, 0x1
    lui t6, 0x1
    lui a0, 0x1f
    lui sp, 0x1f
    lui x0, 0x1f
    lui t6, 0x1f
    lui a0, 0x20
    lui sp, 0x20
    lui x0, 0x20
    lui t6, 0x20
    lui a0, 0xfffe0
    lui sp, 0xfffe0
    lui x0, 0xfffe0
    lui t6, 0xfffe0
    lui a0, 0xfffdf
    lui sp, 0xfffdf
    lui x0, 0xfffdf
    lui t6, 0xfffdf
    lui a0, 0xfffff
    lui sp, 0xfffff
    lui x0, 0xfffff
    lui t6, 0xfffff
    lui a0, 0x80000
    lui sp, 0x80000
    lui x0, 0x80000
    lui t6, 0x80000
    add a0, a0, a1
    add a0, a1, a0
    add s0, s0, s1
    add a0, a0, t0
    add t0, t0, a0
    add a0, a1, a2
    add sp, sp, a0
    add a0, x0, a1
    add a0, a1, x0
    add x0, x0, a0
    sub a0, a0, a1
    sub a0, a1, a0
    sub s0, s0, s1
    sub a0, a0, t0
    sub t0, t0, a0
    sub a0, a1, a2
    sub sp, sp, a0
    sub a0, x0, a1
    sub a0, a1, x0
    sub x0, x0, a0
    and a0, a0, a1
    and a0, a1, a0
    and s0, s0, s1
    and a0, a0, t0
    and t0, t0, a0
    and a0, a1, a2
    and sp, sp, a0
    and a0, x0, a1
    and a0, a1, x0
    and x0, x0, a0
    or a0, a0, a1
    or a0, a1, a0
    or s0, s0, s1
    or a0, a0, t0
    or t0, t0, a0
    or a0, a1, a2
    or sp, sp, a0
    or a0, x0, a1
    or a0, a1, x0
    or x0, x0, a0
    xor a0, a0, a1
    xor a0, a1, a0
    xor s0, s0, s1
    xor a0, a0, t0
    xor t0, t0, a0
    xor a0, a1, a2
    xor sp, sp, a0
    xor a0, x0, a1
    xor a0, a1, x0
    xor x0, x0, a0
    addw a0, a0, a1
    addw a0, a1, a0
    addw s0, s0, s1
    addw a0, a0, t0
    addw t0, t0, a0
    addw a0, a1, a2
    addw sp, sp, a0
    addw a0, x0, a1
    addw a0, a1, x0
    addw x0, x0, a0
    subw a0, a0, a1
    subw a0, a1, a0
    subw s0, s0, s1
    subw a0, a0, t0
    subw t0, t0, a0
    subw a0, a1, a2
    subw sp, sp, a0
    subw a0, x0, a1
    subw a0, a1, x0
    subw x0, x0, a0
    lw a0, 0(a1)
    sw a0, 0(a1)
    lw s0, 0(s1)
    sw s0, 0(s1)
    lw t0, 0(a1)
    sw t0, 0(a1)
    lw a0, 0(t0)
    sw a0, 0(t0)
    lw a0, 4(a1)
    sw a0, 4(a1)
    lw s0, 4(s1)
    sw s0, 4(s1)
    lw t0, 4(a1)
    sw t0, 4(a1)
    lw a0, 4(t0)
    sw a0, 4(t0)
    lw a0, 60(a1)
    sw a0, 60(a1)
    lw s0, 60(s1)
    sw s0, 60(s1)
    lw t0, 60(a1)
    sw t0, 60(a1)
    lw a0, 60(t0)
    sw a0, 60(t0)
    lw a0, 64(a1)
    sw a0, 64(a1)
    lw s0, 64(s1)
    sw s0, 64(s1)
    lw t0, 64(a1)
    sw t0, 64(a1)
    lw a0, 64(t0)
    sw a0, 64(t0)
    lw a0, 124(a1)
    sw a0, 124(a1)
    lw s0, 124(s1)
    sw s0, 124(s1)
    lw t0, 124(a1)
    sw t0, 124(a1)
    lw a0, 124(t0)
    sw a0, 124(t0)
    lw a0, 128(a1)
    sw a0, 128(a1)
    lw s0, 128(s1)
    sw s0, 128(s1)
    lw t0, 128(a1)
    sw t0, 128(a1)
    lw a0, 128(t0)
    sw a0, 128(t0)
    lw a0, -4(a1)
    sw a0, -4(a1)
    lw s0, -4(s1)
    sw s0, -4(s1)
    lw t0, -4(a1)
    sw t0, -4(a1)
    lw a0, -4(t0)
    sw a0, -4(t0)
    lw a0, 2(a1)
    sw a0, 2(a1)
    lw s0, 2(s1)
    sw s0, 2(s1)
    lw t0, 2(a1)
    sw t0, 2(a1)
    lw a0, 2(t0)
    sw a0, 2(t0)
    lw a0, 0(sp)
    sw a0, 0(sp)
    lw ra, 0(sp)
    sw ra, 0(sp)
    lw x0, 0(sp)
    sw x0, 0(sp)
    lw t6, 0(sp)
    sw t6, 0(sp)
    lw a0, 4(sp)
    sw a0, 4(sp)
    lw ra, 4(sp)
    sw ra, 4(sp)
    lw x0, 4(sp)
    sw x0, 4(sp)
    lw t6, 4(sp)
    sw t6, 4(sp)
    lw a0, 252(sp)
    sw a0, 252(sp)
    lw ra, 252(sp)
    sw ra, 252(sp)
    lw x0, 252(sp)
    sw x0, 252(sp)
    lw t6, 252(sp)
    sw t6, 252(sp)
    lw a0, 256(sp)
    sw a0, 256(sp)
    lw ra, 256(sp)
    sw ra, 256(sp)
    lw x0, 256(sp)
    sw x0, 256(sp)
    lw t6, 256(sp)
    sw t6, 256(sp)
    lw a0, -4(sp)
    sw a0, -4(sp)
    lw ra, -4(sp)
    sw ra, -4(sp)
    lw x0, -4(sp)
    sw x0, -4(sp)
    lw t6, -4(sp)
    sw t6, -4(sp)
    ld a0, 0(a1)
    sd a0, 0(a1)
    ld s0, 0(s1)
    sd s0, 0(s1)
    ld t0, 0(a1)
    sd t0, 0(a1)
    ld a0, 0(t0)
    sd a0, 0(t0)
    ld a0, 8(a1)
    sd a0, 8(a1)
    ld s0, 8(s1)
    sd s0, 8(s1)
    ld t0, 8(a1)
    sd t0, 8(a1)
    ld a0, 8(t0)
    sd a0, 8(t0)
    ld a0, 120(a1)
    sd a0, 120(a1)
    ld s0, 120(s1)
    sd s0, 120(s1)
    ld t0, 120(a1)
    sd t0, 120(a1)
    ld a0, 120(t0)
    sd a0, 120(t0)
    ld a0, 128(a1)
    sd a0, 128(a1)
    ld s0, 128(s1)
    sd s0, 128(s1)
    ld t0, 128(a1)
    sd t0, 128(a1)
    ld a0, 128(t0)
    sd a0, 128(t0)
    ld a0, 248(a1)
    sd a0, 248(a1)
    ld s0, 248(s1)
    sd s0, 248(s1)
    ld t0, 248(a1)
    sd t0, 248(a1)
    ld a0, 248(t0)
    sd a0, 248(t0)
    ld a0, 256(a1)
    sd a0, 256(a1)
    ld s0, 256(s1)
    sd s0, 256(s1)
    ld t0, 256(a1)
    sd t0, 256(a1)
    ld a0, 256(t0)
    sd a0, 256(t0)
    ld a0, -8(a1)
    sd a0, -8(a1)
    ld s0, -8(s1)
    sd s0, -8(s1)
    ld t0, -8(a1)
    sd t0, -8(a1)
    ld a0, -8(t0)
    sd a0, -8(t0)
    ld a0, 4(a1)
    sd a0, 4(a1)
    ld s0, 4(s1)
    sd s0, 4(s1)
    ld t0, 4(a1)
    sd t0, 4(a1)
    ld a0, 4(t0)
    sd a0, 4(t0)
    ld a0, 0(sp)
    sd a0, 0(sp)
    ld ra, 0(sp)
    sd ra, 0(sp)
    ld x0, 0(sp)
    sd x0, 0(sp)
    ld t6, 0(sp)
    sd t6, 0(sp)
    ld a0, 8(sp)
    sd a0, 8(sp)
    ld ra, 8(sp)
    sd ra, 8(sp)
    ld x0, 8(sp)
    sd x0, 8(sp)
    ld t6, 8(sp)
    sd t6, 8(sp)
    ld a0, 504(sp)
    sd a0, 504(sp)
    ld ra, 504(sp)
    sd ra, 504(sp)
    ld x0, 504(sp)
    sd x0, 504(sp)
    ld t6, 504(sp)
    sd t6, 504(sp)
    ld a0, 512(sp)
    sd a0, 512(sp)
    ld ra, 512(sp)
    sd ra, 512(sp)
    ld x0, 512(sp)
    sd x0, 512(sp)
    ld t6, 512(sp)
    sd t6, 512(sp)
    ld a0, -8(sp)
    sd a0, -8(sp)
    ld ra, -8(sp)
    sd ra, -8(sp)
    ld x0, -8(sp)
    sd x0, -8(sp)
    ld t6, -8(sp)
    sd t6, -8(sp)
    lw a0, (a1)
    ld a0, 0(sp)
    jalr x0, 0(a0)
    jalr ra, 0(a0)
    jalr x0, 0(ra)
    jalr ra, 0(ra)
    jalr x0, 0(t0)
    jalr ra, 0(t0)
    jalr x0, 0(x0)
    jalr ra, 0(x0)
    ebreak
    addi x0, x0, 0
    addi x0, x0, 1
    c.addi a0, 1
    c.addi a0, -32
    c.li t0, 31
    c.lui a0, 1
    c.lui a0, 0xfffff
    c.addi16sp sp, -512
    c.addi16sp sp, 496
    c.addi4spn a0, sp, 1020
    c.lw a0, 124(a1)
    c.ld s0, 248(s1)
    c.sw a5, 0(a4)
    c.sd a0, 8(a0)
    c.lwsp ra, 252(sp)
    c.ldsp t6, 504(sp)
    c.swsp ra, 252(sp)
    c.sdsp t6, 504(sp)
    c.srli a0, 63
    c.srai s1, 1
    c.andi a5, -1
    c.sub a0, a1
    c.xor s0, s1
    c.or a2, a3
    c.and a4, a5
    c.subw a0, a0
    c.addw s0, a5
    c.slli ra, 63
    c.mv t0, t1
    c.add sp, a0
    c.jr ra
    c.jalr t0
    c.ebreak
    c.nop
    c.addiw a0, -1
1:  c.j 1b
    c.beqz a0, 1b
    c.bnez s1, 1f
1:  nop
