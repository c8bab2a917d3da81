# rv64m.S: the M extension on RV64 (unprivileged spec, chapter "M" Extension for
# Integer Multiplication and Division): low and high products for every signedness,
# mulw sign-extending, division by zero (quotient all ones, remainder the dividend),
# the most-negative ÷ -1 overflow (quotient the dividend, remainder 0), the sign of a
# remainder following the dividend, and W forms sign-extending 32-bit results.

    .include "harness.inc"

    .macro RR n, op, res, v1, v2
    TEST \n
    li a1, \v1
    li a2, \v2
    \op a0, a1, a2
    CHECK_IMM a0, \res
    .endm

    .equ MIN64, 0x8000000000000000
    .equ MAX64, 0x7fffffffffffffff

    TEST_START rv64m

    RR 1, mul, 42, 6, 7
    RR 2, mul, -42, -6, 7
    RR 3, mul, 1, -1, -1
    RR 4, mul, MIN64, MIN64, -1                       # wraps
    RR 5, mul, 0xfffffffe00000001, 0xffffffff, 0xffffffff
    RR 6, mul, 0x0000000000000001, MAX64, MAX64
    RR 7, mulh, 0, 6, 7
    RR 8, mulh, -1, -6, 7
    RR 9, mulh, 0x3fffffffffffffff, MAX64, MAX64
    RR 10, mulh, 0x4000000000000000, MIN64, MIN64
    RR 11, mulh, 0xc000000000000000, MIN64, MAX64
    RR 12, mulh, 0, -1, -1
    RR 13, mulhu, 0xfffffffffffffffe, -1, -1
    RR 14, mulhu, 0, 0xffffffff, 0xffffffff
    RR 15, mulhu, 0x4000000000000000, MIN64, MIN64
    RR 16, mulhu, 1, 0x100000000, 0x100000000
    RR 17, mulhsu, -1, -1, -1         # -1 * (2^64-1): high = -1
    RR 18, mulhsu, 0xfffffffffffffffe, -2, -1
    RR 19, mulhsu, 0xc000000000000000, MIN64, MIN64
    RR 20, mulhsu, 0x7ffffffffffffffe, MAX64, -1
    RR 21, mulhsu, 4, 5, -1           # 5 * (2^64-1): high = 4
    # mulw: low 32 bits of the product, sign-extended.
    RR 22, mulw, 0xffffffff80000000, 0x40000000, 2
    RR 23, mulw, 1, 0xffffffff, 0xffffffff
    RR 24, mulw, 42, 0x1234567800000006, 0xabcdef0000000007
    RR 25, mulw, 0x7fffffff, 0x7fffffff, 0xffffffff00000001
    RR 26, mulw, 0xffffffff80000000, 0x80000000, -1

    # div/divu/rem/remu: truncating division, remainder has the dividend's sign.
    RR 30, div, 3, 20, 6
    RR 31, div, -3, -20, 6
    RR 32, div, -3, 20, -6
    RR 33, div, 3, -20, -6
    RR 34, rem, 2, 20, 6
    RR 35, rem, -2, -20, 6
    RR 36, rem, 2, 20, -6
    RR 37, rem, -2, -20, -6
    RR 38, divu, 3, 20, 6
    RR 39, divu, 0x2aaaaaaaaaaaaaa7, -20, 6
    RR 40, remu, 2, -20, 6            # 2^64-20 = 6*0x2aaa..a7 + 2
    RR 41, divu, 0, 20, -6
    RR 42, remu, 20, 20, -6
    # Division by zero: quotient all ones, remainder the dividend.
    RR 43, div, -1, 20, 0
    RR 44, div, -1, -20, 0
    RR 45, divu, -1, 20, 0
    RR 46, rem, 20, 20, 0
    RR 47, rem, -20, -20, 0
    RR 48, remu, -20, -20, 0
    RR 49, div, -1, MIN64, 0
    # Overflow: most-negative ÷ -1.
    RR 50, div, MIN64, MIN64, -1
    RR 51, rem, 0, MIN64, -1
    RR 52, divu, 0, MIN64, -1
    RR 53, remu, MIN64, MIN64, -1
    RR 54, div, 0xc000000000000000, MIN64, 2

    # W forms: operate on the low 32 bits, results sign-extended from bit 31.
    RR 60, divw, 3, 0xffffffff00000014, 6
    RR 61, divw, -3, 0xffffffec, 6            # -20 in 32 bits
    RR 62, divw, -3, 20, 0x00000001fffffffa   # divisor -6 in 32 bits
    RR 63, remw, -2, 0xffffffec, 6
    RR 64, remw, 2, 20, 0xfffffffa
    RR 65, divuw, 0x2aaaaaa7, 0xffffffec, 6
    RR 66, remuw, 2, 0xffffffec, 6
    RR 67, divuw, 0xffffffff80000000, 0x80000000, 1     # sign-extended result
    RR 68, remuw, 0xffffffff80000000, 0x80000000, 0x100000000 + 0x90000000
    RR 69, divw, -1, 20, 0x100000000          # divisor 0 in 32 bits
    RR 70, divuw, -1, 20, 0
    RR 71, remw, 0xffffffff80000000, 0x80000000, 0
    RR 72, remuw, 0xffffffff80000000, 0x80000000, 0
    RR 73, remw, 20, 0x1234567800000014, 0
    RR 74, divw, 0xffffffff80000000, 0x80000000, -1     # overflow in 32 bits
    RR 75, remw, 0, 0x80000000, -1
    RR 76, divuw, 0, 0x80000000, -1
    RR 77, remuw, 0xffffffff80000000, 0x80000000, -1
    RR 78, divw, 0xffffffffc0000000, 0x80000000, 2

    # Writes to x0 are discarded.
    TEST 80
    li a1, 7
    mul x0, a1, a1
    div x0, a1, x0
    mv a0, x0
    CHECK_IMM a0, 0

    TEST_PASS
