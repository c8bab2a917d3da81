# rv64i-memory.S: RV64I loads and stores (unprivileged spec 2.6 and 4.3): sign and zero
# extension of every load width, stores of every width, misaligned loads and stores of
# every width (the virt board's memory completes them; rvmk emulates them, DESIGN.md),
# overlapping stores and loads, fence, and instruction fetch after code is written: with
# fence.i (Zifencei), and on a page that was never executed before.

    .include "harness.inc"

    .macro LD_CHECK n, op, off, res
    TEST \n
    \op a0, \off(s0)
    CHECK_IMM a0, \res
    .endm

    TEST_START rv64i-memory
    la s0, pattern            # 0x80 0x81 ... 0x87 then 0x70 0x71 ... 0x77
    la s1, scratch

    # Sign and zero extension of every width (little-endian).
    LD_CHECK 1, lb, 0, 0xffffffffffffff80
    LD_CHECK 2, lbu, 0, 0x80
    LD_CHECK 3, lb, 8, 0x70
    LD_CHECK 4, lh, 0, 0xffffffffffff8180
    LD_CHECK 5, lhu, 0, 0x8180
    LD_CHECK 6, lh, 8, 0x7170
    LD_CHECK 7, lw, 0, 0xffffffff83828180
    LD_CHECK 8, lwu, 0, 0x83828180
    LD_CHECK 9, lw, 8, 0x73727170
    LD_CHECK 10, lwu, 8, 0x73727170
    LD_CHECK 11, ld, 0, 0x8786858483828180
    LD_CHECK 12, ld, 8, 0x7776757473727170
    LD_CHECK 13, lb, 7, 0xffffffffffffff87
    LD_CHECK 14, lhu, 6, 0x8786
    LD_CHECK 15, lw, 4, 0xffffffff87868584

    # Negative offsets.
    TEST 16
    addi a1, s0, 16
    lbu a0, -1(a1)
    CHECK_IMM a0, 0x77
    ld a0, -16(a1)
    CHECK_IMM a0, 0x8786858483828180

    # Stores of every width write only their bytes.
    TEST 20
    li a1, -1
    sd a1, 0(s1)
    sd a1, 8(s1)
    li a2, 0x1122334455667788
    sb a2, 0(s1)
    ld a0, 0(s1)
    CHECK_IMM a0, 0xffffffffffffff88
    TEST 21
    sh a2, 2(s1)
    ld a0, 0(s1)
    CHECK_IMM a0, 0xffffffff7788ff88
    TEST 22
    sw a2, 4(s1)
    ld a0, 0(s1)
    CHECK_IMM a0, 0x556677887788ff88
    TEST 23
    sd a2, 8(s1)
    ld a0, 8(s1)
    CHECK a0, a2
    ld a0, 0(s1)
    CHECK_IMM a0, 0x556677887788ff88

    # Misaligned loads of every width (must complete, no trap).
    LD_CHECK 30, lh, 1, 0xffffffffffff8281
    LD_CHECK 31, lhu, 7, 0x7087
    LD_CHECK 32, lh, 7, 0x7087
    LD_CHECK 33, lw, 1, 0xffffffff84838281
    LD_CHECK 34, lw, 5, 0x70878685
    LD_CHECK 35, lwu, 3, 0x86858483
    LD_CHECK 36, lw, 6, 0x71708786
    LD_CHECK 37, ld, 1, 0x7087868584838281
    LD_CHECK 38, ld, 3, 0x7271708786858483
    LD_CHECK 39, ld, 7, 0x7675747372717087

    # Misaligned stores of every width.
    TEST 40
    sd zero, 0(s1)
    sd zero, 8(s1)
    li a2, 0xa1a2
    sh a2, 3(s1)
    ld a0, 0(s1)
    CHECK_IMM a0, 0x000000a1a2000000
    TEST 41
    li a2, 0xb1b2b3b4
    sw a2, 6(s1)
    ld a0, 0(s1)
    CHECK_IMM a0, 0xb3b400a1a2000000
    ld a0, 8(s1)
    CHECK_IMM a0, 0xb1b2
    TEST 42
    li a2, 0x0102030405060708
    sd a2, 5(s1)
    ld a0, 0(s1)
    CHECK_IMM a0, 0x060708a1a2000000
    ld a0, 8(s1)
    CHECK_IMM a0, 0x0000000102030405
    TEST 43
    ld a0, 5(s1)
    CHECK a0, a2
    TEST 44
    li a2, 0xc1c2c3c4c5c6c7c8
    sd a2, 1(s1)
    lw a0, 1(s1)
    CHECK_IMM a0, 0xffffffffc5c6c7c8
    lhu a0, 7(s1)
    CHECK_IMM a0, 0xc1c2
    lbu a0, 0(s1)
    CHECK_IMM a0, 0
    lbu a0, 9(s1)
    CHECK_IMM a0, 0x04

    # Misaligned accesses crossing a 4 KiB page boundary (at page_end).
    TEST 45
    la s3, page_end
    li a2, 0x0123456789abcdef
    sd a2, -3(s3)
    ld a0, -3(s3)
    CHECK a0, a2
    lbu a0, -1(s3)
    CHECK_IMM a0, 0xab
    lbu a0, 0(s3)
    CHECK_IMM a0, 0x89
    lw a0, -2(s3)
    CHECK_IMM a0, 0x6789abcd
    TEST 46
    li a2, 0xfedc
    sh a2, -1(s3)
    lhu a0, -1(s3)
    CHECK_IMM a0, 0xfedc
    lh a0, -1(s3)
    CHECK_IMM a0, 0xfffffffffffffedc
    ld a0, -3(s3)
    CHECK_IMM a0, 0x01234567fedccdef
    TEST 47
    li a2, 0x80706050
    sw a2, -2(s3)
    lw a0, -2(s3)
    CHECK_IMM a0, 0xffffffff80706050
    lwu a0, -2(s3)
    CHECK_IMM a0, 0x80706050

    # Store then load at overlapping addresses.
    TEST 50
    li a2, 0x8877665544332211
    sd a2, 0(s1)
    li a3, 0xee
    sb a3, 3(s1)
    lw a0, 2(s1)
    CHECK_IMM a0, 0x6655ee33
    TEST 51
    li a3, 0xdddd
    sh a3, 5(s1)
    ld a0, 0(s1)
    CHECK_IMM a0, 0x88dddd55ee332211
    lhu a0, 4(s1)
    CHECK_IMM a0, 0xdd55
    TEST 52
    li a3, 0x7fffffff
    sw a3, 1(s1)
    lh a0, 2(s1)
    CHECK_IMM a0, 0xffffffffffffffff
    lh a0, 3(s1)
    CHECK_IMM a0, 0x7fff
    lb a0, 4(s1)
    CHECK_IMM a0, 0x7f

    # Loads into x0 are discarded.
    TEST 53
    ld x0, 0(s0)
    mv a0, x0
    CHECK_IMM a0, 0

    # fence orders but changes nothing visible to one hart.
    TEST 54
    li a2, 99
    sd a2, 0(s1)
    fence
    fence rw, rw
    fence w, r
    ld a0, 0(s1)
    CHECK_IMM a0, 99

    # Self-modifying code with fence.i: write "li a0, 42", execute, rewrite it, execute.
    TEST 60
    la s2, code_buffer
    li a1, 0x02a00513           # addi a0, zero, 42
    sw a1, 0(s2)
    li a1, 0x00008067           # jalr zero, 0(ra)
    sw a1, 4(s2)
    fence.i
    li a0, 0
    jalr ra, 0(s2)
    CHECK_IMM a0, 42
    TEST 61
    li a1, 0x02b00513           # addi a0, zero, 43
    sw a1, 0(s2)
    fence.i
    li a0, 0
    jalr ra, 0(s2)
    CHECK_IMM a0, 43
    TEST 62
    li a1, 0x00b00593           # addi a1, zero, 11 (a1 rather than a0 now)
    sw a1, 0(s2)
    fence.i
    li a0, 5
    li a1, 0
    jalr ra, 0(s2)
    CHECK_IMM a0, 5
    CHECK_IMM a1, 11

    # Code written to a page never executed before, run without fence.i.
    TEST 63
    la s3, fresh_page
    li a1, 0x07b00513           # addi a0, zero, 123
    sw a1, 0(s3)
    li a1, 0x00008067           # ret
    sw a1, 4(s3)
    li a0, 0
    jalr ra, 0(s3)
    CHECK_IMM a0, 123

    TEST_PASS

    .data
    .p2align 3
pattern:
    .byte 0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87
    .byte 0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77
scratch:
    .dword 0, 0, 0
    .p2align 2
code_buffer:
    .word 0x00000013, 0x00008067        # nop; ret
    .p2align 12
fresh_page:
    .word 0, 0
    .p2align 12
    .zero 4088
    .zero 8
page_end:                       # 4 KiB aligned
    .zero 8
