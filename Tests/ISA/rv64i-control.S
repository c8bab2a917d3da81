# rv64i-control.S: RV64I control transfer (unprivileged spec 2.5) and environment calls
# (2.8): every branch taken and not taken at signed and unsigned edges, jal and jalr link
# values, jalr clearing bit 0 of its target, jumps to 2-byte-aligned targets (legal with
# C, so no instruction-address-misaligned exception can occur), and ecall/ebreak causes
# with mepc in M-mode (privileged spec 3.1.15: mcause 11 and 3).

    .include "harness.inc"

    # a0 = 1 if "\op v1, v2" branches, else 0; must equal \taken.
    .macro BR n, op, taken, v1, v2
    TEST \n
    li a1, \v1
    li a2, \v2
    li a0, 9
    \op a1, a2, 1f
    li a0, 0
    j 2f
1:  li a0, 1
2:  CHECK_IMM a0, \taken
    .endm

    .equ MIN64, 0x8000000000000000
    .equ MAX64, 0x7fffffffffffffff

    TEST_START rv64i-control

    BR 1, beq, 1, 5, 5
    BR 2, beq, 0, 5, 6
    BR 3, beq, 0, 0x100000005, 5         # all 64 bits compared
    BR 4, bne, 0, -1, -1
    BR 5, bne, 1, 0, MIN64
    BR 6, blt, 1, MIN64, MAX64
    BR 7, blt, 0, MAX64, MIN64
    BR 8, blt, 1, -1, 0
    BR 9, blt, 0, 0, -1
    BR 10, blt, 0, 7, 7
    BR 11, bge, 1, 7, 7
    BR 12, bge, 0, MIN64, MAX64
    BR 13, bge, 1, MAX64, MIN64
    BR 14, bge, 1, 0, -1
    BR 15, bge, 0, -1, 0
    BR 16, bltu, 0, MIN64, MAX64
    BR 17, bltu, 1, MAX64, MIN64
    BR 18, bltu, 0, -1, 0
    BR 19, bltu, 1, 0, -1
    BR 20, bltu, 0, 3, 3
    BR 21, bgeu, 1, 3, 3
    BR 22, bgeu, 1, MIN64, MAX64
    BR 23, bgeu, 0, MAX64, MIN64
    BR 24, bgeu, 1, -1, 0
    BR 25, bgeu, 0, 0, -1
    BR 26, blt, 1, 0xffffffff, 0x100000000   # not a 32-bit comparison

    # Backward branch: a loop of 5.
    TEST 27
    li a0, 0
    li a1, 5
1:  addi a0, a0, 1
    blt a0, a1, 1b
    CHECK_IMM a0, 5

    # jal: link = pc + 4.
    TEST 30
    jal ra, 1f
10: j harness_fail_values
1:  la a1, 10b
    CHECK ra, a1
    TEST 31
    li a5, 77
    jal x0, 1f                  # j: no link
    li a5, 0
1:  CHECK_IMM a5, 77
    TEST 32
    j 2f
1:  li a0, 32                   # backward jal target
    j 3f
2:  jal t0, 1b
11: j harness_fail_values
3:  CHECK_IMM a0, 32
    la a1, 11b
    CHECK t0, a1

    # jalr: target = (rs1 + imm) & ~1, link = pc + 4.
    TEST 33
    la a1, 1f
    jalr ra, 0(a1)
12: j harness_fail_values
1:  la a2, 12b
    CHECK ra, a2
    TEST 34
    la a1, 1f
    addi a1, a1, -100
    jalr t1, 100(a1)
13: j harness_fail_values
1:  la a2, 13b
    CHECK t1, a2
    TEST 35
    la a1, 1f
    addi a1, a1, 1              # odd address: bit 0 cleared
    jalr ra, 0(a1)
14: j harness_fail_values
1:  la a2, 14b
    CHECK ra, a2
    TEST 36
    la a1, 1f
    jalr ra, 1(a1)              # odd sum: bit 0 cleared
    j harness_fail_values
1:
    TEST 37
    la a1, 1f
    addi a1, a1, 3
    jalr ra, -2(a1)             # sum is 1f+1
    j harness_fail_values
1:
    # rd == rs1: the target uses the old value.
    TEST 38
    la a1, 1f
    jalr a1, 0(a1)
15: j harness_fail_values
1:  la a2, 15b
    CHECK a1, a2
    # jalr x0 (jr/ret) links nothing.
    TEST 39
    la a1, 1f
    li a5, 5
    jalr x0, 0(a1)
    li a5, 0
1:  CHECK_IMM a5, 5

    # Targets at 2 mod 4 (legal with C): jal, branch, jalr, and jalr to target+1.
    TEST 40
    la a1, half_target
    andi a2, a1, 3
    CHECK_IMM a2, 2
    jal ra, half_target
    CHECK_IMM a0, 0x5a
    TEST 41
    li a0, 0
    li a3, 1
    la ra, 1f
    beq a3, a3, half_target     # branch to a 2-byte-aligned target
1:  CHECK_IMM a0, 0x5a
    TEST 42
    li a0, 0
    la a1, half_target
    jalr ra, 0(a1)
    CHECK_IMM a0, 0x5a
    TEST 43
    li a0, 0
    la a1, half_target
    addi a1, a1, 1              # odd: lands on the 2-byte-aligned target, no trap
    jalr ra, 0(a1)
    CHECK_IMM a0, 0x5a
    TEST 44
    li a0, 0
    la a1, half_target
    jalr ra, 1(a1)
    CHECK_IMM a0, 0x5a

    # ecall in M-mode: mcause 11, mepc = the ecall, mtval 0.
    TEST 50
    EXPECT_TRAP 11, 1f
20: ecall
    j harness_fail_values
1:  CHECK_TRAP 11, 0
    ld a0, harness_seen_epc
    la a1, 20b
    CHECK a0, a1
    # ebreak: mcause 3, mepc = the ebreak; mtval is 0 or the pc (privileged 3.1.16).
    TEST 51
    EXPECT_TRAP 3, 1f
21: ebreak
    j harness_fail_values
1:  ld a0, harness_seen_cause
    CHECK_IMM a0, 3
    ld a0, harness_seen_epc
    la a1, 21b
    CHECK a0, a1
    ld a0, harness_seen_tval
    beqz a0, 2f
    CHECK a0, a1
2:
    TEST_PASS

    .p2align 2
    c.nop
half_target:                    # at 2 mod 4
    li a0, 0x5a
    ret
