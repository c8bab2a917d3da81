# integer.S: RV64I arithmetic, logic, shifts, comparisons, upper immediates, W forms with
# sign extension, writes to x0, branches at signed and unsigned edges, jal/jalr links and
# jalr's cleared bit 0, loads with sign and zero extension, stores of every width, and
# misaligned loads and stores, which complete (rvmk emulates them, as QEMU does).
    .include "harness.inc"
    TEST_START integer

    TEST 1                              # add/sub wrap around
    li a0, -1
    li a1, 1
    add a2, a0, a1
    CHECK_IMM a2, 0
    sub a2, a2, a1
    CHECK_IMM a2, -1
    li a0, 0x7fffffffffffffff
    addi a0, a0, 1
    CHECK_IMM a0, -0x8000000000000000

    TEST 2                              # logic and immediates
    li a0, 0xf0f0
    xori a1, a0, -1
    CHECK_IMM a1, ~0xf0f0
    ori a1, a0, 0x00f
    CHECK_IMM a1, 0xf0ff
    andi a1, a0, 0x0ff
    CHECK_IMM a1, 0xf0
    li a2, 0x0ff0
    and a3, a0, a2
    CHECK_IMM a3, 0x00f0
    or a3, a0, a2
    CHECK_IMM a3, 0xfff0
    xor a3, a0, a2
    CHECK_IMM a3, 0xff00

    TEST 3                              # shifts use the low 6 bits of the amount
    li a0, 1
    slli a1, a0, 63
    CHECK_IMM a1, -0x8000000000000000
    srai a2, a1, 63
    CHECK_IMM a2, -1
    srli a2, a1, 63
    CHECK_IMM a2, 1
    li a3, 65
    sll a2, a0, a3
    CHECK_IMM a2, 2
    sra a2, a1, a3
    CHECK_IMM a2, -0x4000000000000000
    srl a2, a1, a3
    CHECK_IMM a2, 0x4000000000000000

    TEST 4                              # set-less-than, signed and unsigned
    li a0, -1
    li a1, 1
    slt a2, a0, a1
    CHECK_IMM a2, 1
    sltu a2, a0, a1
    CHECK_IMM a2, 0
    slti a2, a0, 0
    CHECK_IMM a2, 1
    sltiu a2, a1, -1                    # -1 sign-extends to the largest unsigned value
    CHECK_IMM a2, 1
    sltiu a2, zero, 1
    CHECK_IMM a2, 1

    TEST 5                              # lui and auipc sign-extend bit 31
    lui a0, 0x80000
    CHECK_IMM a0, -0x80000000
    lui a0, 0x7ffff
    CHECK_IMM a0, 0x7ffff000
1:  auipc a1, 0
    la a2, 1b
    CHECK a1, a2
2:  auipc a1, 1
    la a2, 2b
    li a3, 4096
    add a2, a2, a3
    CHECK a1, a2

    TEST 6                              # W forms compute on 32 bits and sign-extend
    li a0, 0x7fffffff
    addiw a1, a0, 1
    CHECK_IMM a1, -0x80000000
    li a0, 0x1ffffffff
    addw a1, a0, zero
    CHECK_IMM a1, -1
    li a0, 0x80000000
    subw a1, zero, a0
    CHECK_IMM a1, -0x80000000
    li a0, 1
    slliw a1, a0, 31
    CHECK_IMM a1, -0x80000000
    srliw a2, a1, 31
    CHECK_IMM a2, 1
    sraiw a2, a1, 31
    CHECK_IMM a2, -1
    li a3, 33                           # register W shifts use 5 bits
    sllw a2, a0, a3
    CHECK_IMM a2, 2
    li a0, 0xffffffff00000010
    srlw a2, a0, a3
    CHECK_IMM a2, 8
    li a0, -16
    sraw a2, a0, a3
    CHECK_IMM a2, -8
    sext.w a2, a0
    CHECK_IMM a2, -16

    TEST 7                              # x0 stays zero
    li t0, 5
    add zero, t0, t0
    addi zero, zero, 7
    lui zero, 0x12345
    CHECK_IMM zero, 0
    mv a0, zero
    CHECK_IMM a0, 0

    TEST 8                              # branches
    li a0, -1
    li a1, 1
    blt a0, a1, 1f
    j fail
1:  bgeu a0, a1, 1f
    j fail
1:  bltu a1, a0, 1f
    j fail
1:  bge a1, a0, 1f
    j fail
1:  beq a0, a0, 1f
    j fail
1:  bne a0, a1, 1f
    j fail
1:  beq a0, a1, fail
    bge a0, a1, fail
    bltu a0, a1, fail

    TEST 9                              # jal and jalr link to the next instruction
    jal ra, 1f
2:  j fail
1:  la a0, 2b
    CHECK ra, a0
    la a1, 1f
    addi a1, a1, 1                      # bit 0 is cleared by jalr
    jalr t1, 0(a1)
3:  j fail
1:  la a2, 3b
    CHECK t1, a2
    .option push
    .option norvc
    la a1, 1f
    jalr t2, a1
4:  j fail
1:  la a2, 4b
    addi a2, a2, 0
    CHECK t2, a2
    .option pop

    TEST 10                             # loads extend as their names say
    la a0, data
    lb a1, 0(a0)
    CHECK_IMM a1, -128
    lbu a1, 0(a0)
    CHECK_IMM a1, 0x80
    lh a1, 0(a0)
    CHECK_IMM a1, -32640
    lhu a1, 0(a0)
    CHECK_IMM a1, 0x8080
    lw a1, 4(a0)
    CHECK_IMM a1, -0x7f7f7f80
    lwu a1, 4(a0)
    CHECK_IMM a1, 0x80808080
    ld a1, 8(a0)
    CHECK_IMM a1, 0x0123456789abcdef

    TEST 11                             # stores of every width
    la a0, scratch
    li a1, 0x1122334455667788
    sd a1, 0(a0)
    li a2, 0xaa
    sb a2, 0(a0)
    li a2, 0xbbcc
    sh a2, 2(a0)
    li a2, 0xddeeff00
    sw a2, 4(a0)
    ld a3, 0(a0)
    CHECK_IMM a3, 0xddeeff00bbcc77aa

    TEST 12                             # misaligned loads and stores complete
    la a0, scratch
    li a1, 0x0102030405060708
    sd a1, 1(a0)
    ld a2, 1(a0)
    CHECK a1, a2
    lw a2, 3(a0)
    CHECK_IMM a2, 0x03040506
    lh a2, 7(a0)
    CHECK_IMM a2, 0x0102
    lhu a2, 5(a0)
    CHECK_IMM a2, 0x0304
    sw a1, 9(a0)
    lwu a2, 9(a0)
    CHECK_IMM a2, 0x05060708

    TEST_PASS
fail:
    j harness_fail_values

    .data
    .p2align 3
data:
    .byte 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80
    .dword 0x0123456789abcdef
scratch:
    .zero 32
