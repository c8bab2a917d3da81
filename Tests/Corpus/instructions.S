# Every instruction form of the table except the compressed ones (compressed.S has those),
# written in its own syntax with edge values: base RV64I, M, A (all orderings), Zicsr,
# Zifencei and the privileged instructions. Compared with GNU as.
.text
.globl _start
_start:
1:
    lui a0, 0
    lui t6, 0xfffff
    lui zero, 0x12345
    lui s1, 1
    auipc a0, 0
    auipc t6, 0xfffff
    auipc zero, 0x12345
    auipc s1, 1
1:
    jal a0, 1f
    jal t6, 1b
    jal zero, 1f
    jal s1, 1b
    jalr a0, -2048(a1)
    jalr t6, 2047(sp)
    jalr zero, 0(t0)
    jalr s1, -1(s11)
    beq a1, a2, 1f
    beq sp, ra, 1b
    beq t0, t3, 1f
    beq s11, zero, 1b
    bne a1, a2, 1f
    bne sp, ra, 1b
    bne t0, t3, 1f
    bne s11, zero, 1b
    blt a1, a2, 1f
    blt sp, ra, 1b
    blt t0, t3, 1f
    blt s11, zero, 1b
    bge a1, a2, 1f
    bge sp, ra, 1b
    bge t0, t3, 1f
    bge s11, zero, 1b
    bltu a1, a2, 1f
    bltu sp, ra, 1b
    bltu t0, t3, 1f
    bltu s11, zero, 1b
    bgeu a1, a2, 1f
    bgeu sp, ra, 1b
    bgeu t0, t3, 1f
    bgeu s11, zero, 1b
    lb a0, -2048(a1)
    lb t6, 2047(sp)
    lb zero, 0(t0)
    lb s1, -1(s11)
    lh a0, -2048(a1)
    lh t6, 2047(sp)
    lh zero, 0(t0)
    lh s1, -1(s11)
    lw a0, -2048(a1)
    lw t6, 2047(sp)
    lw zero, 0(t0)
    lw s1, -1(s11)
    ld a0, -2048(a1)
    ld t6, 2047(sp)
    ld zero, 0(t0)
    ld s1, -1(s11)
    lbu a0, -2048(a1)
    lbu t6, 2047(sp)
    lbu zero, 0(t0)
    lbu s1, -1(s11)
    lhu a0, -2048(a1)
    lhu t6, 2047(sp)
    lhu zero, 0(t0)
    lhu s1, -1(s11)
    lwu a0, -2048(a1)
    lwu t6, 2047(sp)
    lwu zero, 0(t0)
    lwu s1, -1(s11)
    sb a2, -2048(a1)
    sb ra, 2047(sp)
    sb t3, 8(t0)
    sb zero, -4(s11)
    sh a2, -2048(a1)
    sh ra, 2047(sp)
    sh t3, 8(t0)
    sh zero, -4(s11)
    sw a2, -2048(a1)
    sw ra, 2047(sp)
    sw t3, 8(t0)
    sw zero, -4(s11)
    sd a2, -2048(a1)
    sd ra, 2047(sp)
    sd t3, 8(t0)
    sd zero, -4(s11)
    addi a0, a1, -2048
    addi t6, sp, 2047
    addi zero, t0, 0
    addi s1, s11, -1
    slti a0, a1, -2048
    slti t6, sp, 2047
    slti zero, t0, 0
    slti s1, s11, -1
    sltiu a0, a1, -2048
    sltiu t6, sp, 2047
    sltiu zero, t0, 0
    sltiu s1, s11, -1
    xori a0, a1, -2048
    xori t6, sp, 2047
    xori zero, t0, 0
    xori s1, s11, -1
    ori a0, a1, -2048
    ori t6, sp, 2047
    ori zero, t0, 0
    ori s1, s11, -1
    andi a0, a1, -2048
    andi t6, sp, 2047
    andi zero, t0, 0
    andi s1, s11, -1
    slli a0, a1, 0
    slli t6, sp, 63
    slli zero, t0, 32
    slli s1, s11, 1
    srli a0, a1, 0
    srli t6, sp, 63
    srli zero, t0, 32
    srli s1, s11, 1
    srai a0, a1, 0
    srai t6, sp, 63
    srai zero, t0, 32
    srai s1, s11, 1
    add a0, a1, a2
    add t6, sp, ra
    add zero, t0, t3
    add s1, s11, zero
    sub a0, a1, a2
    sub t6, sp, ra
    sub zero, t0, t3
    sub s1, s11, zero
    sll a0, a1, a2
    sll t6, sp, ra
    sll zero, t0, t3
    sll s1, s11, zero
    slt a0, a1, a2
    slt t6, sp, ra
    slt zero, t0, t3
    slt s1, s11, zero
    sltu a0, a1, a2
    sltu t6, sp, ra
    sltu zero, t0, t3
    sltu s1, s11, zero
    xor a0, a1, a2
    xor t6, sp, ra
    xor zero, t0, t3
    xor s1, s11, zero
    srl a0, a1, a2
    srl t6, sp, ra
    srl zero, t0, t3
    srl s1, s11, zero
    sra a0, a1, a2
    sra t6, sp, ra
    sra zero, t0, t3
    sra s1, s11, zero
    or a0, a1, a2
    or t6, sp, ra
    or zero, t0, t3
    or s1, s11, zero
    and a0, a1, a2
    and t6, sp, ra
    and zero, t0, t3
    and s1, s11, zero
    fence.tso
    fence iorw, iorw
    fence r, w
    fence w, rw
    fence io, o
    fence.i
    ecall
    ebreak
    addiw a0, a1, -2048
    addiw t6, sp, 2047
    addiw zero, t0, 0
    addiw s1, s11, -1
    slliw a0, a1, 0
    slliw t6, sp, 31
    slliw zero, t0, 16
    slliw s1, s11, 1
    srliw a0, a1, 0
    srliw t6, sp, 31
    srliw zero, t0, 16
    srliw s1, s11, 1
    sraiw a0, a1, 0
    sraiw t6, sp, 31
    sraiw zero, t0, 16
    sraiw s1, s11, 1
    addw a0, a1, a2
    addw t6, sp, ra
    addw zero, t0, t3
    addw s1, s11, zero
    subw a0, a1, a2
    subw t6, sp, ra
    subw zero, t0, t3
    subw s1, s11, zero
    sllw a0, a1, a2
    sllw t6, sp, ra
    sllw zero, t0, t3
    sllw s1, s11, zero
    srlw a0, a1, a2
    srlw t6, sp, ra
    srlw zero, t0, t3
    srlw s1, s11, zero
    sraw a0, a1, a2
    sraw t6, sp, ra
    sraw zero, t0, t3
    sraw s1, s11, zero
    mul a0, a1, a2
    mul t6, sp, ra
    mul zero, t0, t3
    mul s1, s11, zero
    mulh a0, a1, a2
    mulh t6, sp, ra
    mulh zero, t0, t3
    mulh s1, s11, zero
    mulhsu a0, a1, a2
    mulhsu t6, sp, ra
    mulhsu zero, t0, t3
    mulhsu s1, s11, zero
    mulhu a0, a1, a2
    mulhu t6, sp, ra
    mulhu zero, t0, t3
    mulhu s1, s11, zero
    div a0, a1, a2
    div t6, sp, ra
    div zero, t0, t3
    div s1, s11, zero
    divu a0, a1, a2
    divu t6, sp, ra
    divu zero, t0, t3
    divu s1, s11, zero
    rem a0, a1, a2
    rem t6, sp, ra
    rem zero, t0, t3
    rem s1, s11, zero
    remu a0, a1, a2
    remu t6, sp, ra
    remu zero, t0, t3
    remu s1, s11, zero
    mulw a0, a1, a2
    mulw t6, sp, ra
    mulw zero, t0, t3
    mulw s1, s11, zero
    divw a0, a1, a2
    divw t6, sp, ra
    divw zero, t0, t3
    divw s1, s11, zero
    divuw a0, a1, a2
    divuw t6, sp, ra
    divuw zero, t0, t3
    divuw s1, s11, zero
    remw a0, a1, a2
    remw t6, sp, ra
    remw zero, t0, t3
    remw s1, s11, zero
    remuw a0, a1, a2
    remuw t6, sp, ra
    remuw zero, t0, t3
    remuw s1, s11, zero
    csrrw a0, mstatus, a1
    csrrw t6, 0xfff, sp
    csrrw zero, satp, t0
    csrrw s1, cycle, s11
    csrrs a0, mstatus, a1
    csrrs t6, 0xfff, sp
    csrrs zero, satp, t0
    csrrs s1, cycle, s11
    csrrc a0, mstatus, a1
    csrrc t6, 0xfff, sp
    csrrc zero, satp, t0
    csrrc s1, cycle, s11
    csrrwi a0, mstatus, 0
    csrrwi t6, 0xfff, 31
    csrrwi zero, satp, 5
    csrrwi s1, cycle, 1
    csrrsi a0, mstatus, 0
    csrrsi t6, 0xfff, 31
    csrrsi zero, satp, 5
    csrrsi s1, cycle, 1
    csrrci a0, mstatus, 0
    csrrci t6, 0xfff, 31
    csrrci zero, satp, 5
    csrrci s1, cycle, 1
    sret
    mret
    wfi
    sfence.vma a1, a2
    sfence.vma sp, ra
    sfence.vma t0, t3
    sfence.vma s11, zero
    lr.w a0, (a1)
    lr.w t6, 0(sp)
    sc.w a0, a2, (a1)
    amoadd.w a0, a2, (a1)
    amoswap.w a0, a2, (a1)
    amoxor.w a0, a2, (a1)
    amoor.w a0, a2, (a1)
    amoand.w a0, a2, (a1)
    amomin.w a0, a2, (a1)
    amomax.w a0, a2, (a1)
    amominu.w a0, a2, (a1)
    amomaxu.w a0, a2, (a1)
    lr.w.aq a0, (a1)
    lr.w.aq t6, 0(sp)
    sc.w.aq a0, a2, (a1)
    amoadd.w.aq a0, a2, (a1)
    amoswap.w.aq a0, a2, (a1)
    amoxor.w.aq a0, a2, (a1)
    amoor.w.aq a0, a2, (a1)
    amoand.w.aq a0, a2, (a1)
    amomin.w.aq a0, a2, (a1)
    amomax.w.aq a0, a2, (a1)
    amominu.w.aq a0, a2, (a1)
    amomaxu.w.aq a0, a2, (a1)
    lr.w.rl a0, (a1)
    lr.w.rl t6, 0(sp)
    sc.w.rl a0, a2, (a1)
    amoadd.w.rl a0, a2, (a1)
    amoswap.w.rl a0, a2, (a1)
    amoxor.w.rl a0, a2, (a1)
    amoor.w.rl a0, a2, (a1)
    amoand.w.rl a0, a2, (a1)
    amomin.w.rl a0, a2, (a1)
    amomax.w.rl a0, a2, (a1)
    amominu.w.rl a0, a2, (a1)
    amomaxu.w.rl a0, a2, (a1)
    lr.w.aqrl a0, (a1)
    lr.w.aqrl t6, 0(sp)
    sc.w.aqrl a0, a2, (a1)
    amoadd.w.aqrl a0, a2, (a1)
    amoswap.w.aqrl a0, a2, (a1)
    amoxor.w.aqrl a0, a2, (a1)
    amoor.w.aqrl a0, a2, (a1)
    amoand.w.aqrl a0, a2, (a1)
    amomin.w.aqrl a0, a2, (a1)
    amomax.w.aqrl a0, a2, (a1)
    amominu.w.aqrl a0, a2, (a1)
    amomaxu.w.aqrl a0, a2, (a1)
    lr.d a0, (a1)
    lr.d t6, 0(sp)
    sc.d a0, a2, (a1)
    amoadd.d a0, a2, (a1)
    amoswap.d a0, a2, (a1)
    amoxor.d a0, a2, (a1)
    amoor.d a0, a2, (a1)
    amoand.d a0, a2, (a1)
    amomin.d a0, a2, (a1)
    amomax.d a0, a2, (a1)
    amominu.d a0, a2, (a1)
    amomaxu.d a0, a2, (a1)
    lr.d.aq a0, (a1)
    lr.d.aq t6, 0(sp)
    sc.d.aq a0, a2, (a1)
    amoadd.d.aq a0, a2, (a1)
    amoswap.d.aq a0, a2, (a1)
    amoxor.d.aq a0, a2, (a1)
    amoor.d.aq a0, a2, (a1)
    amoand.d.aq a0, a2, (a1)
    amomin.d.aq a0, a2, (a1)
    amomax.d.aq a0, a2, (a1)
    amominu.d.aq a0, a2, (a1)
    amomaxu.d.aq a0, a2, (a1)
    lr.d.rl a0, (a1)
    lr.d.rl t6, 0(sp)
    sc.d.rl a0, a2, (a1)
    amoadd.d.rl a0, a2, (a1)
    amoswap.d.rl a0, a2, (a1)
    amoxor.d.rl a0, a2, (a1)
    amoor.d.rl a0, a2, (a1)
    amoand.d.rl a0, a2, (a1)
    amomin.d.rl a0, a2, (a1)
    amomax.d.rl a0, a2, (a1)
    amominu.d.rl a0, a2, (a1)
    amomaxu.d.rl a0, a2, (a1)
    lr.d.aqrl a0, (a1)
    lr.d.aqrl t6, 0(sp)
    sc.d.aqrl a0, a2, (a1)
    amoadd.d.aqrl a0, a2, (a1)
    amoswap.d.aqrl a0, a2, (a1)
    amoxor.d.aqrl a0, a2, (a1)
    amoor.d.aqrl a0, a2, (a1)
    amoand.d.aqrl a0, a2, (a1)
    amomin.d.aqrl a0, a2, (a1)
    amomax.d.aqrl a0, a2, (a1)
    amominu.d.aqrl a0, a2, (a1)
    amomaxu.d.aqrl a0, a2, (a1)
1:  nop
