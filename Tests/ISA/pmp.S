# pmp.S: physical memory protection (privileged spec 1.12, section 3.7): NAPOT, TOR and NA4
# regions; S and U accesses that no entry allows fault (instruction, load and store access
# faults, causes 1, 5 and 7); M-mode ignores unlocked entries but obeys locked ones; and
# and an access that an entry matches only in part fails.
    .include "harness.inc"
    .include "modes.inc"
    TEST_START pmp

    TEST 1                              # NAPOT over everything: S runs
    PMP_OPEN
    EXPECT_TRAP 9, 1f
    ENTER 1, s_load
1:  ld a0, result
    CHECK_IMM a0, 0x11

    TEST 2                              # a read-only NA4 word in front: S cannot store there
    la t0, guarded
    srli t0, t0, 2
    csrw pmpaddr0, t0
    li t0, -1
    csrw pmpaddr1, t0
    li t0, (0x1f << 8) | 0x11           # entry 0: NA4, R; entry 1: NAPOT, RWX
    csrw pmpcfg0, t0
    EXPECT_TRAP 7, 1f
    ENTER 1, s_store_guarded
1:  la t0, guarded
    ld t6, harness_seen_tval
    CHECK t6, t0
    EXPECT_TRAP 9, 1f                   # loading it is allowed
    ENTER 1, s_load_guarded
1:  sw zero, guarded, t0                # and M-mode ignores the unlocked entry
    lw a0, guarded
    CHECK_IMM a0, 0

    TEST 3                              # TOR: only below the top is allowed
    la t0, guarded
    srli t0, t0, 2
    csrw pmpaddr0, t0
    li t0, 0x0f                         # entry 0: TOR [0, guarded), RWX
    csrw pmpcfg0, t0
    EXPECT_TRAP 5, 1f
    ENTER 1, s_load_guarded
1:  CHECK_TRAP 5, 0
    ld t6, harness_seen_tval
    la t5, guarded
    CHECK t6, t5

    TEST 4                              # no matching entry: fetch faults in S
    li t0, 0x18                         # entry 0: NAPOT with no permissions
    li t1, -1
    csrw pmpaddr0, t1
    csrw pmpcfg0, t0
    EXPECT_TRAP 1, 1f
    ENTER 1, s_load
1:  ld t6, harness_seen_cause
    CHECK_IMM t6, 1

    TEST 6                              # a locked entry binds M-mode too
    PMP_OPEN
    la t0, guarded
    srli t0, t0, 2
    csrw pmpaddr2, t0
    li t0, 0x91 << 16                   # entry 2: NA4, R, locked
    csrs pmpcfg0, t0
    li t0, -1                           # entry 0 still matches first: M may store
    sd zero, guarded, t1
    csrw pmpcfg0, zero                  # clears 0 and 1 but not the locked entry 2
    csrr a0, pmpcfg0
    srli a0, a0, 16
    andi a0, a0, 0xff
    CHECK_IMM a0, 0x91
    EXPECT_TRAP 7, 1f
    sw zero, guarded, t1
    j fail
1:  TEST 7                              # the entry must match every byte of an access
    EXPECT_TRAP 5, 1f
    ld a0, guarded                      # 8 bytes against the 4-byte locked entry
    j fail
1:  TEST_PASS

fail:
    j harness_fail_values

s_load:
    ld a0, test_data
    sd a0, result, t0
    ecall
s_store_guarded:
    sw zero, guarded, t0
    ecall
s_load_guarded:
    lw a0, guarded
    ecall

    .data
    .p2align 3
test_data: .dword 0x11
result: .dword 0
    .p2align 3
guarded: .dword 0x22
