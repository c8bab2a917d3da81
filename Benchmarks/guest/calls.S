# calls: call-heavy code: naive recursive Fibonacci (fib(34)), each call saving and
# restoring registers on the stack.
    .include "common.inc"
    BENCH_START
bench_main:
    li a0, 34
    call fib
    BENCH_END calls

# fib(a0) -> a0
fib:
    li t0, 2
    blt a0, t0, 1f
    addi sp, sp, -24
    sd ra, 0(sp)
    sd s0, 8(sp)
    sd s1, 16(sp)
    mv s0, a0
    addi a0, a0, -1
    call fib
    mv s1, a0
    addi a0, s0, -2
    call fib
    add a0, a0, s1
    ld ra, 0(sp)
    ld s0, 8(sp)
    ld s1, 16(sp)
    addi sp, sp, 24
1:  ret
