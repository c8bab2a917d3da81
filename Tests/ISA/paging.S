# paging.S: Sv39 (privileged spec 1.12, section 4.4) with page tables built by the test:
# a gigapage identity map for the kernel (no U bit) and 4 KiB user pages at 0x4000_0000.
# Checked: S and U accesses, load/store/fetch page faults with stval, the U bit and SUM,
# MXR, A and D set by the hardware, read-only pages, a misaligned superpage, a
# non-canonical address, and MPRV translating M-mode loads with MPP's privilege.
    .include "harness.inc"
    .include "modes.inc"
    .equ V, 1
    .equ R, 2
    .equ W, 4
    .equ X, 8
    .equ U, 16
    .equ A, 64
    .equ D, 128
    .equ USER, 0x40000000
    TEST_START paging
    PMP_OPEN
    call build_tables

    TEST 1                              # S-mode runs through the identity gigapage
    EXPECT_TRAP 9, 1f
    ENTER 1, s_load_kernel
1:  ld a0, result
    CHECK_IMM a0, 0x5a

    TEST 2                              # S cannot touch a U page unless SUM is set
    EXPECT_TRAP 13, 1f
    ENTER 1, s_load_user
1:  CHECK_TRAP 13, USER
    li t0, 1 << 18                      # SUM
    csrs mstatus, t0
    EXPECT_TRAP 9, 1f
    ENTER 1, s_load_user
1:  li t0, 1 << 18
    csrc mstatus, t0
    ld a0, result
    CHECK_IMM a0, 0x77

    TEST 3                              # U-mode code: loads set A (test 2 did), stores set D
    ld a0, level0
    andi a0, a0, A | D
    CHECK_IMM a0, A
    EXPECT_TRAP 8, 1f
    li t0, USER + 0x1000
    csrw mepc, t0
    li t0, 0x1800
    csrc mstatus, t0
    mret
1:  ld a0, level0
    andi a0, a0, A | D
    CHECK_IMM a0, A | D
    ld a0, user_page
    CHECK_IMM a0, 0x99                  # written by the user code

    TEST 4                              # U cannot load a kernel page
    la a5, test_data
    EXPECT_TRAP 13, 1f
    la t0, user_bad_load
    la t1, user_code
    sub t0, t0, t1
    li t1, USER + 0x1000
    add t0, t0, t1
    csrw mepc, t0
    li t0, 0x1800
    csrc mstatus, t0
    mret
1:  la t0, test_data
    CHECK_TRAP 13, 0
    ld t6, harness_seen_tval
    CHECK t6, t0

    TEST 5                              # a store to a read-only page
    EXPECT_TRAP 15, 1f
    ENTER 1, s_store_readonly
1:  CHECK_TRAP 15, USER + 0x2000

    TEST 6                              # fetch from a page without X
    EXPECT_TRAP 12, 1f
    li t0, USER
    csrw mepc, t0
    li t0, 0x1800
    csrc mstatus, t0
    mret
1:  CHECK_TRAP 12, USER

    TEST 7                              # MXR makes an execute-only page readable
    li t0, 1 << 18
    csrs mstatus, t0
    EXPECT_TRAP 13, 1f
    ENTER 1, s_load_exec_only
1:  CHECK_TRAP 13, USER + 0x3000
    li t0, 1 << 19                      # MXR
    csrs mstatus, t0
    EXPECT_TRAP 9, 1f
    ENTER 1, s_load_exec_only
1:  li t0, (1 << 19) | (1 << 18)
    csrc mstatus, t0

    TEST 8                              # a misaligned gigapage and a non-canonical address
    EXPECT_TRAP 13, 1f
    ENTER 1, s_load_misaligned
1:  li t0, 0xc0001000
    CHECK_TRAP 13, 0xc0001000
    EXPECT_TRAP 13, 1f
    ENTER 1, s_load_noncanonical
1:  ld t6, harness_seen_cause
    CHECK_IMM t6, 13

    TEST 9                              # MPRV: an M-mode load translated as S
    li t0, 0x1800
    csrc mstatus, t0
    li t0, (1 << 17) | (1 << 11) | (1 << 18)   # MPRV, MPP = S, SUM
    csrs mstatus, t0
    li a1, USER
    ld a0, 0(a1)
    li t0, (1 << 17) | (1 << 18)
    csrc mstatus, t0
    CHECK_IMM a0, 0x99
    csrw satp, zero
    TEST_PASS

fail:
    j harness_fail_values

# Page tables: root[2] maps 0x8000_0000 (1 GiB, no U); root[3] is a misaligned gigapage;
# root[1] -> level1[0] -> level0 maps USER + 0x0000 (data, U RW), + 0x1000 (code, U RX),
# + 0x2000 (read-only, U R), + 0x3000 (execute-only, U X).
build_tables:
    mv s11, ra
    la a0, root
    li t0, (0x80000000 >> 12) << 10 | V | R | W | X | A | D
    sd t0, 16(a0)
    li t0, (0x80001000 >> 12) << 10 | V | R | W | A | D
    sd t0, 24(a0)
    la t1, level1
    srli t1, t1, 12
    slli t1, t1, 10
    ori t1, t1, V
    sd t1, 8(a0)
    la a1, level1
    la t1, level0
    srli t1, t1, 12
    slli t1, t1, 10
    ori t1, t1, V
    sd t1, 0(a1)
    la a2, level0
    la t1, user_page
    li t2, V | R | W | U
    call pte
    sd t1, 0(a2)
    la t1, user_code
    li t2, V | R | X | U | A
    call pte
    sd t1, 8(a2)
    la t1, readonly_page
    li t2, V | R | U | A
    call pte
    sd t1, 16(a2)
    la t1, exec_only_page
    li t2, V | X | U | A
    call pte
    sd t1, 24(a2)
    la t0, root
    srli t0, t0, 12
    li t1, 8 << 60
    or t0, t0, t1
    csrw satp, t0
    sfence.vma
    jr s11

# t1 = PTE for physical page t1 with flags t2.
pte:
    srli t1, t1, 12
    slli t1, t1, 10
    or t1, t1, t2
    ret

s_load_kernel:
    ld a0, test_data
    sd a0, result, t0
    ecall
s_load_user:
    li t1, USER
    ld a0, 8(t1)
    sd a0, result, t0
    ecall
s_store_readonly:
    li t1, USER + 0x2000
    sd zero, 0(t1)
    ecall
s_load_exec_only:
    li t1, USER + 0x3000
    ld a0, 0(t1)
    ecall
s_load_misaligned:
    li t1, 0xc0001000
    ld a0, 0(t1)
    ecall
s_load_noncanonical:
    li t1, 0x0000008000000000
    ld a0, 0(t1)
    ecall

    .p2align 12
user_code:
    li t1, USER
    ld a0, 0(t1)
    li a0, 0x99
    sd a0, 0(t1)
    ecall
user_bad_load:
    ld a0, 0(a5)                        # a5: a kernel address, set by the M-mode test
    ecall
    .p2align 12

    .data
    .p2align 12
user_page:
    .dword 0, 0x77
    .p2align 12
readonly_page:
    .dword 1
    .p2align 12
exec_only_page:
    .dword 2
    .p2align 12
root: .zero 4096
level1: .zero 4096
level0: .zero 4096
test_data: .dword 0x5a
result: .dword 0
