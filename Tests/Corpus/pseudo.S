# Every pseudo-instruction of the ISA manual's tables and the aliases GNU as accepts,
# with registers that do and do not allow compressed forms. Compared with GNU as.
    .text
    .globl _start
_start:
    nop
    mv a0, a1
    mv s0, sp
    mv x0, a0
    mv a0, x0
    mv t6, s11
    not a0, a1
    not s1, s1
    neg a0, a1
    neg t0, t0
    negw a0, a1
    negw s0, s0
    sext.w a0, a1
    sext.w a0, a0
    sext.w t3, t3
    zext.b a0, a1
    seqz a0, a1
    snez a0, a1
    sltz a0, a1
    sgtz a0, a1
    beqz a0, 1f
    bnez s1, 1f
    beqz t0, 1f
    bnez a6, 1f
    blez a0, 1f
    bgez a0, 1f
    bltz a0, 1f
    bgtz a0, 1f
    bgt a0, a1, 1f
    ble a0, a1, 1f
    bgtu a0, a1, 1f
    bleu a0, a1, 1f
1:  j 1b
    jal 1b
    jal ra, 1b
    jal t0, 1b
    jal x0, 1b
    jr a0
    jr ra
    jr t1, 8
    jr a0, -4
    jalr a0
    jalr t2
    jalr a0, 12
    jalr ra, a1
    jalr t0, a1
    jalr a0, a1, 2047
    jalr a0, -2048(a1)
    jalr x0, 0(ra)
    jalr 4(a0)
    ret
    call _start
    call t0, _start
    tail _start
    jump _start, t2
    la a0, _start
    lla t0, _start
    lb a0, _start
    lh a1, _start
    lw a2, _start
    ld a3, _start
    lbu a4, _start
    lhu a5, _start
    lwu t3, _start
    sb a0, _start, t0
    sh a1, _start, t1
    sw a2, _start, t2
    sd a3, _start, t3
    fence
    fence rw, rw
    fence r, w
    fence iorw, o
    fence i, r
    fence.tso
    fence.i
    csrr a0, mstatus
    csrw mtvec, a0
    csrs mie, a1
    csrc mip, t0
    csrwi mscratch, 5
    csrsi mstatus, 8
    csrci sstatus, 31
    csrw satp, 0
    csrs sie, 2
    csrc sip, 1
    csrrw a0, mscratch, 3
    csrrs a0, mscratch, 3
    csrrc a0, mscratch, 3
    csrr t0, 0x7c0
    csrr a0, cycle
    rdcycle a0
    rdtime a1
    rdinstret a2
    sfence.vma
    sfence.vma a0
    sfence.vma a0, a1
    add a0, a0, 5
    add a0, a1, -7
    add sp, sp, 32
    add a0, sp, 16
    add a0, a0, 0
    and a0, a0, 5
    and a1, a2, 0x7f
    or a0, a1, 3
    xor a0, a1, -1
    sll a0, a0, 5
    sll a0, a0, 0
    srl s0, s0, 3
    sra s1, s1, 63
    addw a0, a0, 5
    addw a0, a1, 100
    sllw a0, a1, 31
    srlw a0, a1, 1
    sraw a0, a1, 2
    slt a0, a1, 100
    sltu a0, a1, 100
    unimp
    li a0, 0
    li x0, 5
    li a0, 31
    li a0, -32
    li a0, 32
    li sp, 100
    .option norvc
    nop
    mv a0, a1
    ret
    jr a0
    jalr a1
    li a0, 1
    unimp
    j _start
    beqz a0, _start
    .option rvc
    ebreak
    ecall
