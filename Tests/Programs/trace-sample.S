# trace-sample: a few instructions of each kind that a trace reports (register writes,
# a load, a store, a CSR write, compressed and full-size encodings), then an exit through
# the test finisher. Its traces in both formats are golden files in Tests/Golden.
    .globl _start
_start:
    li a0, 5
    addi a1, a0, 100
    la t0, value
    sw a1, 0(t0)
    lw a2, 0(t0)
    csrw mscratch, a2
    c.mv a3, a2
    beq a2, a3, finish
    nop
finish:
    li t0, 0x100000
    li t1, 0x5555
    sw t1, 0(t0)
1:  j 1b
    .data
value: .word 0
