# traps: the round trip of a trap, as a microkernel lives on it: a U-mode program makes
# 1,000,000 `ecall`s; each goes to an S-mode handler (delegated by M-mode), which steps
# sepc past it and returns with `sret`.
    .include "common.inc"
    .equ ROUNDS, 1000000
    BENCH_START
bench_main:
    li t0, -1                          # PMP open for S and U
    csrw pmpaddr0, t0
    li t0, 0x1f
    csrw pmpcfg0, t0
    li t0, 1 << 8                      # ecall from U goes to S
    csrw medeleg, t0
    la t0, s_handler
    csrw stvec, t0
    li t0, 0x1800                      # mret to U-mode at user
    csrc mstatus, t0
    la t0, user
    csrw mepc, t0
    mret

user:
    li s0, ROUNDS
1:  ecall
    addi s0, s0, -1
    bnez s0, 1b
    li a0, ROUNDS
    ecall                              # a0 = ROUNDS: the handler ends the benchmark
    j user

    .balign 4
s_handler:
    csrr t0, sepc
    addi t0, t0, 4
    csrw sepc, t0
    bnez s0, 2f
    mv a0, s0                          # done: report in M-mode terms (S can reach the UART)
    li a0, ROUNDS
    la sp, bench_stack_top
    BENCH_END traps
2:  sret
