# rv64i-alu.S: RV64I integer computational instructions (unprivileged spec, chapter
# "RV32I Base Integer Instruction Set" 2.4 and "RV64I" 4.2): register and immediate
# forms, sign extension of immediates, the W forms that sign-extend bit 31 of their
# 32-bit result, wrap-around on overflow, shift amounts masked to 6 bits (5 for W
# forms), writes to x0 discarded, and the values of lui and auipc.

    .include "harness.inc"

    # a0 = \op(\v1, \v2) must equal \res.
    .macro RR n, op, res, v1, v2
    TEST \n
    li a1, \v1
    li a2, \v2
    \op a0, a1, a2
    CHECK_IMM a0, \res
    .endm

    # a0 = \op(\v1, imm) must equal \res.
    .macro RI n, op, res, v1, imm
    TEST \n
    li a1, \v1
    \op a0, a1, \imm
    CHECK_IMM a0, \res
    .endm

    TEST_START rv64i-alu

    # add/sub: wrap-around, no overflow trap.
    RR 1, add, 3, 1, 2
    RR 2, add, 0x8000000000000000, 0x7fffffffffffffff, 1
    RR 3, add, 0, -1, 1
    RR 4, sub, -1, 0, 1
    RR 5, sub, 0x7fffffffffffffff, 0x8000000000000000, 1
    RR 6, sub, 0, 0x123456789abcdef0, 0x123456789abcdef0
    # addi: 12-bit immediate sign-extended.
    RI 7, addi, 0xfffffffffffff800 + 0x10, 0x10, -2048
    RI 8, addi, 0x80000000000007fe, 0x7fffffffffffffff, 2047
    RI 9, addi, -1, 0, -1

    # Logic, register and immediate forms (immediates sign-extended).
    RR 10, and, 0x0f000f000f000f00, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0
    RR 11, or, 0xfff0fff0fff0fff0, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0
    RR 12, xor, 0xf0f0f0f0f0f0f0f0, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0
    RI 13, andi, 0xff00ff00ff00ff00, 0xff00ff00ff00ff00, -256
    RI 14, andi, 0x700, 0xff00ff00ff00ff00, 0x7ff
    RI 15, ori, 0xfffffffffffff80f, 0xf, -2048
    RI 16, xori, 0x00ff00ff00ff00ff, 0xff00ff00ff00ff00, -1
    RI 17, xori, 0xff00ff00ff00f800, 0xff00ff00ff00ff00, 0x700

    # Register shifts: amount is rs2[5:0].
    RR 18, sll, 0x8000000000000000, 1, 63
    RR 19, sll, 1, 1, 64
    RR 20, sll, 2, 1, 65
    RR 21, sll, 0x23456789abcdef00, 0x123456789abcdef0, 0xffffffffffffffc4
    RR 22, srl, 1, 0x8000000000000000, 63
    RR 23, srl, 0x8000000000000000, 0x8000000000000000, 64
    RR 24, srl, 0x0800000000000000, 0x8000000000000000, 0x7fffffc4
    RR 25, sra, -1, 0x8000000000000000, 63
    RR 26, sra, 0x8000000000000000, 0x8000000000000000, 64
    RR 27, sra, 0xf800000000000000, 0x8000000000000000, 4
    RR 28, sra, 0x0700000000000000, 0x7000000000000000, 4
    # Immediate shifts: shamt up to 63.
    RI 29, slli, 0x8000000000000000, 1, 63
    RI 30, slli, 0xf000000000000000, 0x0f, 60
    RI 31, srli, 1, 0x8000000000000000, 63
    RI 32, srli, 0x00000000ffffffff, -1, 32
    RI 33, srai, -1, 0x8000000000000000, 63
    RI 34, srai, 0xffffffff80000000, 0x8000000000000000, 32
    RI 35, srai, 0x3fffffff, 0x7fffffffffffffff, 33

    # slt/sltu and immediate forms at signed and unsigned edges.
    RR 36, slt, 1, 0x8000000000000000, 0x7fffffffffffffff
    RR 37, slt, 0, 0x7fffffffffffffff, 0x8000000000000000
    RR 38, slt, 1, -1, 0
    RR 39, slt, 0, 5, 5
    RR 40, sltu, 0, 0x8000000000000000, 0x7fffffffffffffff
    RR 41, sltu, 1, 0x7fffffffffffffff, 0x8000000000000000
    RR 42, sltu, 0, -1, 0
    RR 43, sltu, 1, 0, -1
    RI 44, slti, 1, -2048, -2047
    RI 45, slti, 0, 0, -1
    RI 46, slti, 1, 0x8000000000000000, 0
    RI 47, sltiu, 1, 5, -1          # the immediate sign-extends to 2^64-1
    RI 48, sltiu, 0, -1, -1
    RI 49, sltiu, 1, 0, 1           # seqz
    RI 50, sltiu, 0, 7, 1

    # lui: 20-bit immediate into bits 31:12, sign-extended from bit 31.
    TEST 51
    lui a0, 0x80000
    CHECK_IMM a0, 0xffffffff80000000
    TEST 52
    lui a0, 0x7ffff
    CHECK_IMM a0, 0x7ffff000
    TEST 53
    lui a0, 0xfffff
    CHECK_IMM a0, -4096
    TEST 54
    lui a0, 0
    CHECK_IMM a0, 0

    # auipc: pc + sign-extended (imm << 12).
    TEST 55
1:  auipc a0, 0
    la a1, 1b
    CHECK a0, a1
    TEST 56
2:  auipc a0, 1
    la a1, 2b
    sub a0, a0, a1
    CHECK_IMM a0, 0x1000
    TEST 57
3:  auipc a0, 0x80000
    la a1, 3b
    sub a0, a0, a1
    CHECK_IMM a0, 0xffffffff80000000
    TEST 58
4:  auipc a0, 0xfffff
    la a1, 4b
    sub a0, a0, a1
    CHECK_IMM a0, -4096

    # W forms: 32-bit operation, result sign-extended from bit 31; upper input bits ignored.
    RR 60, addw, 0xffffffff80000000, 0x7fffffff, 1
    RR 61, addw, 0, 0xffffffff, 1
    RR 62, addw, 3, 0x1234567800000001, 0xabcdef0000000002
    RR 63, addw, 0x7fffffff, 0xffffffff80000000, -1
    RR 64, subw, 0x7fffffff, 0x80000000, 1
    RR 65, subw, 0xffffffff80000000, 0, 0x80000000
    RR 66, subw, -1, 0x500000000, 1
    RI 67, addiw, 0xffffffff80000000, 0x7fffffff, 1
    RI 68, addiw, 0x7ffff800, 0x80000000, -2048
    RI 69, addiw, -1, 0x123456700000000, -1
    RI 70, addiw, 0x12345678, 0xffffffff12345678, 0     # sext.w
    RI 71, addiw, 0xffffffff87654321, 0x87654321, 0
    RR 72, sllw, 0xffffffff80000000, 1, 31
    RR 73, sllw, 1, 1, 32                     # amount is rs2[4:0]
    RR 74, sllw, 0xffffffff87654320, 0x0876543210000000 + 0x8765432, 4
    RR 75, srlw, 1, 0x80000000, 31
    RR 76, srlw, 0xffffffff80000000, 0x80000000, 32
    RR 77, srlw, 0x7fffffff, 0xffffffffffffffff, 1
    RR 78, srlw, 0x0000000f, 0xfffffffff0000000, 28
    RR 79, sraw, -1, 0x80000000, 31
    RR 80, sraw, 0xffffffff80000000, 0x80000000, 32
    RR 81, sraw, 0xfffffffff8000000, 0x1234567880000000, 4
    RR 82, sraw, 0x07000000, 0xffffffff70000000, 4
    RI 83, slliw, 0xffffffff80000000, 1, 31
    RI 84, slliw, 0, 0x100000000, 0
    RI 85, slliw, 0x7ffffffe, 0xffffffffbfffffff, 1
    RI 86, srliw, 1, 0x80000000, 31
    RI 87, srliw, 0xffffffff80000000, 0xffffffff80000000, 0
    RI 88, srliw, 0x7fffffff, -1, 1
    RI 89, sraiw, -1, 0x80000000, 31
    RI 90, sraiw, 0xffffffffc0000000, 0x80000000, 1
    RI 91, sraiw, 0x3fffffff, 0xffffffff7fffffff, 1
    RI 92, sraiw, 0x12345678, 0xabcdef0012345678, 0

    # Writes to x0 are discarded; x0 reads as zero as a source.
    TEST 93
    li a1, 123
    addi x0, a1, 1
    CHECK_IMM x0, 0
    TEST 94
    lui x0, 0x12345
    auipc x0, 1
    add x0, a1, a1
    addw x0, a1, a1
    slli x0, a1, 3
    mv a0, x0
    CHECK_IMM a0, 0
    TEST 95
    li a1, -7
    add a0, a1, x0
    CHECK_IMM a0, -7
    sub a0, x0, a1
    CHECK_IMM a0, 7

    # Same register as source and destination.
    TEST 96
    li a0, 0x40
    add a0, a0, a0
    CHECK_IMM a0, 0x80
    slli a0, a0, 1
    CHECK_IMM a0, 0x100
    TEST 97
    li a0, 0x80000000
    addw a0, a0, a0
    CHECK_IMM a0, 0

    TEST_PASS
