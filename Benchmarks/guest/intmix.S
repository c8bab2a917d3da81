# intmix: a CPU-bound integer mix (adds, logic, shifts, multiplies, a divide, compares and
# branches) over registers only: an xorshift generator feeding a hash, 100 million rounds.
    .include "common.inc"
    BENCH_START
bench_main:
    li s1, 100000000           # rounds
    li s2, 0x9e3779b97f4a7c15  # generator state
    li s3, 0                   # hash
    li s4, 0x100000001b3       # FNV prime
    li s5, 0
1:  slli t0, s2, 13            # xorshift64
    xor s2, s2, t0
    srli t0, s2, 7
    xor s2, s2, t0
    slli t0, s2, 17
    xor s2, s2, t0
    xor s3, s3, s2             # FNV-style mixing
    mul s3, s3, s4
    andi t1, s2, 255
    addw t2, t1, s5
    sltu t3, t1, t2
    add s5, s5, t3
    bltu t1, t2, 2f
    sub s3, s3, t1
2:  andi t4, s1, 63
    bnez t4, 3f
    ori t5, s2, 1
    divu t6, s3, t5
    add s3, s3, t6
3:  addi s1, s1, -1
    bnez s1, 1b
    add a0, s3, s5
    BENCH_END intmix
