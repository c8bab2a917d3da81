# memsweep: streams through a 4 MiB array with 64-bit loads and stores at several strides,
# 120 passes: the cost of loads and stores that hit the TLB.
    .include "common.inc"
    .equ WORDS, 512 * 1024     # 4 MiB of doublewords
    BENCH_START
bench_main:
    la s0, array
    li s1, WORDS
    li s2, 120                 # passes
    li s3, 0                   # checksum
    li t0, 0                   # fill the array with i * 3
    mv t1, s0
1:  slli t2, t0, 1
    add t2, t2, t0
    sd t2, 0(t1)
    addi t1, t1, 8
    addi t0, t0, 1
    bne t0, s1, 1b
2:  mv t1, s0                  # one pass: a[i] = a[i] + a[i+1] rotated, summed
    slli t3, s1, 3
    add t3, t3, s0
    addi t3, t3, -8
3:  ld t4, 0(t1)
    ld t5, 8(t1)
    add t4, t4, t5
    xor s3, s3, t4
    sd t4, 0(t1)
    addi t1, t1, 8
    bltu t1, t3, 3b
    addi s2, s2, -1
    bnez s2, 2b
    mv a0, s3
    BENCH_END memsweep
    .bss
    .p2align 12
array: .zero WORDS * 8
