# Branch and jump sizing, as GNU as relaxes them: compressed, full, and inverted over a
# jal, forwards and backwards, at the edges of each range, with alignment and other
# relaxable branches in between. Compared with GNU as.
    .text
    .globl _start
_start:
    beqz a0, f1
    bnez s1, f1
    beqz t0, f1
    j f1
    beq a0, a1, f1
    bltu s0, s1, f1
    jal f1
    .skip 0
f1:
    nop
    .skip 0
    beqz a0, f1
    bnez a5, f1
    j f1
    bge a0, a1, f1
    bgeu t0, t1, f1
    blt t0, t1, f1
    beqz a0, f2
    bnez s1, f2
    beqz t0, f2
    j f2
    beq a0, a1, f2
    bltu s0, s1, f2
    jal f2
    .skip 2
f2:
    nop
    .skip 2
    beqz a0, f2
    bnez a5, f2
    j f2
    bge a0, a1, f2
    bgeu t0, t1, f2
    blt t0, t1, f2
    beqz a0, f3
    bnez s1, f3
    beqz t0, f3
    j f3
    beq a0, a1, f3
    bltu s0, s1, f3
    jal f3
    .skip 250
f3:
    nop
    .skip 250
    beqz a0, f3
    bnez a5, f3
    j f3
    bge a0, a1, f3
    bgeu t0, t1, f3
    blt t0, t1, f3
    beqz a0, f4
    bnez s1, f4
    beqz t0, f4
    j f4
    beq a0, a1, f4
    bltu s0, s1, f4
    jal f4
    .skip 252
f4:
    nop
    .skip 252
    beqz a0, f4
    bnez a5, f4
    j f4
    bge a0, a1, f4
    bgeu t0, t1, f4
    blt t0, t1, f4
    beqz a0, f5
    bnez s1, f5
    beqz t0, f5
    j f5
    beq a0, a1, f5
    bltu s0, s1, f5
    jal f5
    .skip 254
f5:
    nop
    .skip 254
    beqz a0, f5
    bnez a5, f5
    j f5
    bge a0, a1, f5
    bgeu t0, t1, f5
    blt t0, t1, f5
    beqz a0, f6
    bnez s1, f6
    beqz t0, f6
    j f6
    beq a0, a1, f6
    bltu s0, s1, f6
    jal f6
    .skip 256
f6:
    nop
    .skip 256
    beqz a0, f6
    bnez a5, f6
    j f6
    bge a0, a1, f6
    bgeu t0, t1, f6
    blt t0, t1, f6
    beqz a0, f7
    bnez s1, f7
    beqz t0, f7
    j f7
    beq a0, a1, f7
    bltu s0, s1, f7
    jal f7
    .skip 1000
f7:
    nop
    .skip 1000
    beqz a0, f7
    bnez a5, f7
    j f7
    bge a0, a1, f7
    bgeu t0, t1, f7
    blt t0, t1, f7
    beqz a0, f8
    bnez s1, f8
    beqz t0, f8
    j f8
    beq a0, a1, f8
    bltu s0, s1, f8
    jal f8
    .skip 2040
f8:
    nop
    .skip 2040
    beqz a0, f8
    bnez a5, f8
    j f8
    bge a0, a1, f8
    bgeu t0, t1, f8
    blt t0, t1, f8
    beqz a0, f9
    bnez s1, f9
    beqz t0, f9
    j f9
    beq a0, a1, f9
    bltu s0, s1, f9
    jal f9
    .skip 2044
f9:
    nop
    .skip 2044
    beqz a0, f9
    bnez a5, f9
    j f9
    bge a0, a1, f9
    bgeu t0, t1, f9
    blt t0, t1, f9
    beqz a0, f10
    bnez s1, f10
    beqz t0, f10
    j f10
    beq a0, a1, f10
    bltu s0, s1, f10
    jal f10
    .skip 2046
f10:
    nop
    .skip 2046
    beqz a0, f10
    bnez a5, f10
    j f10
    bge a0, a1, f10
    bgeu t0, t1, f10
    blt t0, t1, f10
    beqz a0, f11
    bnez s1, f11
    beqz t0, f11
    j f11
    beq a0, a1, f11
    bltu s0, s1, f11
    jal f11
    .skip 2048
f11:
    nop
    .skip 2048
    beqz a0, f11
    bnez a5, f11
    j f11
    bge a0, a1, f11
    bgeu t0, t1, f11
    blt t0, t1, f11
    beqz a0, f12
    bnez s1, f12
    beqz t0, f12
    j f12
    beq a0, a1, f12
    bltu s0, s1, f12
    jal f12
    .skip 4080
f12:
    nop
    .skip 4080
    beqz a0, f12
    bnez a5, f12
    j f12
    bge a0, a1, f12
    bgeu t0, t1, f12
    blt t0, t1, f12
    beqz a0, f13
    bnez s1, f13
    beqz t0, f13
    j f13
    beq a0, a1, f13
    bltu s0, s1, f13
    jal f13
    .skip 4088
f13:
    nop
    .skip 4088
    beqz a0, f13
    bnez a5, f13
    j f13
    bge a0, a1, f13
    bgeu t0, t1, f13
    blt t0, t1, f13
    beqz a0, f14
    bnez s1, f14
    beqz t0, f14
    j f14
    beq a0, a1, f14
    bltu s0, s1, f14
    jal f14
    .skip 4090
f14:
    nop
    .skip 4090
    beqz a0, f14
    bnez a5, f14
    j f14
    bge a0, a1, f14
    bgeu t0, t1, f14
    blt t0, t1, f14
    beqz a0, f15
    bnez s1, f15
    beqz t0, f15
    j f15
    beq a0, a1, f15
    bltu s0, s1, f15
    jal f15
    .skip 4094
f15:
    nop
    .skip 4094
    beqz a0, f15
    bnez a5, f15
    j f15
    bge a0, a1, f15
    bgeu t0, t1, f15
    blt t0, t1, f15
    beqz a0, f16
    bnez s1, f16
    beqz t0, f16
    j f16
    beq a0, a1, f16
    bltu s0, s1, f16
    jal f16
    .skip 4096
f16:
    nop
    .skip 4096
    beqz a0, f16
    bnez a5, f16
    j f16
    bge a0, a1, f16
    bgeu t0, t1, f16
    blt t0, t1, f16
    beqz a0, f17
    bnez s1, f17
    beqz t0, f17
    j f17
    beq a0, a1, f17
    bltu s0, s1, f17
    jal f17
    .skip 6000
f17:
    nop
    .skip 6000
    beqz a0, f17
    bnez a5, f17
    j f17
    bge a0, a1, f17
    bgeu t0, t1, f17
    blt t0, t1, f17
chain:
    beqz a0, chain_end
    .skip 60
    j chain
    .p2align 3
    beqz a0, chain_end
    .skip 60
    j chain
    .p2align 3
    beqz a0, chain_end
    .skip 60
    j chain
    .p2align 3
    beqz a0, chain_end
    .skip 60
    j chain
    .p2align 3
    beqz a0, chain_end
    .skip 60
    j chain
    .p2align 3
    beqz a0, chain_end
    .skip 60
    j chain
    .p2align 3
    beqz a0, chain_end
    .skip 60
    j chain
    .p2align 3
    beqz a0, chain_end
    .skip 60
    j chain
    .p2align 3
    beqz a0, chain_end
    .skip 60
    j chain
    .p2align 3
    beqz a0, chain_end
    .skip 60
    j chain
    .p2align 3
    beqz a0, chain_end
    .skip 60
    j chain
    .p2align 3
    beqz a0, chain_end
    .skip 60
    j chain
    .p2align 3
    beqz a0, chain_end
    .skip 60
    j chain
    .p2align 3
    beqz a0, chain_end
    .skip 60
    j chain
    .p2align 3
    beqz a0, chain_end
    .skip 60
    j chain
    .p2align 3
    beqz a0, chain_end
    .skip 60
    j chain
    .p2align 3
    beqz a0, chain_end
    .skip 60
    j chain
    .p2align 3
    beqz a0, chain_end
    .skip 60
    j chain
    .p2align 3
    beqz a0, chain_end
    .skip 60
    j chain
    .p2align 3
    beqz a0, chain_end
    .skip 60
    j chain
    .p2align 3
    beqz a0, chain_end
    .skip 60
    j chain
    .p2align 3
    beqz a0, chain_end
    .skip 60
    j chain
    .p2align 3
    beqz a0, chain_end
    .skip 60
    j chain
    .p2align 3
    beqz a0, chain_end
    .skip 60
    j chain
    .p2align 3
    beqz a0, chain_end
    .skip 60
    j chain
    .p2align 3
    beqz a0, chain_end
    .skip 60
    j chain
    .p2align 3
    beqz a0, chain_end
    .skip 60
    j chain
    .p2align 3
    beqz a0, chain_end
    .skip 60
    j chain
    .p2align 3
    beqz a0, chain_end
    .skip 60
    j chain
    .p2align 3
    beqz a0, chain_end
    .skip 60
    j chain
    .p2align 3
    beqz a0, chain_end
    .skip 60
    j chain
    .p2align 3
    beqz a0, chain_end
    .skip 60
    j chain
    .p2align 3
    beqz a0, chain_end
    .skip 60
    j chain
    .p2align 3
    beqz a0, chain_end
    .skip 60
    j chain
    .p2align 3
    beqz a0, chain_end
    .skip 60
    j chain
    .p2align 3
    beqz a0, chain_end
    .skip 60
    j chain
    .p2align 3
    beqz a0, chain_end
    .skip 60
    j chain
    .p2align 3
    beqz a0, chain_end
    .skip 60
    j chain
    .p2align 3
    beqz a0, chain_end
    .skip 60
    j chain
    .p2align 3
    beqz a0, chain_end
    .skip 60
    j chain
    .p2align 3
chain_end:
    nop
    beq a0, a1, .
    j .
    j .+4
    beqz a0, .-2
    beq a0, a1, 0x80000000
    j 0x80000010
    bnez a0, data_label
    j data_label
    .data
data_label: .word 0
