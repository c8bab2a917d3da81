# priv-mmu.S: Sv39 virtual memory (privileged spec 1.12, 4.3 and 4.4).
#
# The test builds its own page tables: identity gigapages for MMIO (0x0) and RAM
# (0x80000000, kernel-only), a U-accessible alias of RAM at 0x180000000 (U-mode code runs
# there), and a test area at 0x100000000 of 4 KiB pages with assorted permissions, a 2 MiB
# megapage, a misaligned megapage and a misaligned gigapage. S- and U-mode code then loads,
# stores and fetches through them; page faults go to the harness's M-mode handler (causes
# 12, 13, 15 with mtval = the faulting virtual address) unless a test delegates them.
# Covered: permissions R/W/X/U, SUM, MXR, MPRV with MPP, A/D set by hardware, superpages and
# misaligned superpages, invalid PTE, W without R, non-leaf at level 0, satp MODE/ASID,
# sfence.vma by address and by ASID, and an instruction straddling two pages.

    .include "harness.inc"
    .include "priv.inc"

    .equ PTE_V, 1
    .equ PTE_R, 2
    .equ PTE_W, 4
    .equ PTE_X, 8
    .equ PTE_U, 16
    .equ PTE_G, 32
    .equ PTE_A, 64
    .equ PTE_D, 128
    .equ SATP_SV39, 8 << 60

    .equ AREA, 0x100000000          # the test area: pt_l0 page i is AREA + i * 4096
    .equ MEGA, 0x100200000          # pt_l1[1]: 2 MiB megapage -> MEGA_PA
    .equ MEGA_BAD, 0x100400000      # pt_l1[2]: megapage with a misaligned PPN
    .equ GIGA_BAD, 0x140000000      # root[5]: gigapage with a misaligned PPN
    .equ UALIAS, 0x100000000        # root[6]: VA = PA + UALIAS for RAM, user RWX
    .equ MEGA_PA, 0x80400000

    # Writes entry \index of \table: PPN from the physical address in \pa, flags \flags.
    .macro SET_PTE table, index, pa, flags
    srli t1, \pa, 12
    slli t1, t1, 10
    li t2, \flags
    or t1, t1, t2
    la t2, \table
    sd t1, (\index * 8)(t2)
    .endm

    # Reads entry \index of \table into \reg.
    .macro GET_PTE reg, table, index
    la \reg, \table
    ld \reg, (\index * 8)(\reg)
    .endm

    # mret to U-mode at the U alias of \target.
    .macro ENTER_U target
    li t0, MSTATUS_MPP
    csrc mstatus, t0
    la t0, \target
    li t1, UALIAS
    add t0, t0, t1
    csrw mepc, t0
    mret
    .endm

    TEST_START priv-mmu
    PMP_OPEN
    call build_tables
    csrw satp, x0

# --- satp ---
    TEST 1                          # an unsupported MODE leaves satp unchanged (4.1.11)
    li a1, (1 << 60) | 0x1234
    csrw satp, a1
    csrr a0, satp
    CHECK_IMM a0, 0
    la a2, pt_root
    srli a2, a2, 12
    li a1, SATP_SV39 | (5 << 44)
    or s0, a1, a2                   # s0 = satp: Sv39, ASID 5, pt_root
    csrw satp, s0
    csrr a0, satp
    CHECK a0, s0
    sfence.vma

    TEST 2                          # M-mode ignores satp: physical addresses work
    la a1, page_data
    ld a0, 0(a1)
    CHECK_IMM a0, 0x1111

# --- S-mode through the identity map and the test area ---
    TEST 3                          # reads and writes through 4 KiB pages
    EXPECT_TRAP CAUSE_ECALL_S, 1f
    ENTER_MODE MODE_S, 2f
2:  li s2, AREA
    ld a0, 0(s2)                    # page 0 -> page_data + 0
    CHECK_IMM a0, 0x1111
    li a1, 0x5151
    sd a1, 8(s2)
    li t0, AREA + 0x1000
    ld a0, 0(t0)                    # page 1 (read-only) -> page_data + 4096
    CHECK_IMM a0, 0x2222
    li s3, MEGA
    ld a0, 0x238(s3)                # the megapage
    CHECK_IMM a0, 0x3333
    li t0, 0x1ff000
    add t0, s3, t0
    ld a0, 0x10(t0)
    CHECK_IMM a0, 0x4444
    la a2, page_data                # a gigapage (the identity map of RAM)
    ld a0, 0(a2)
    CHECK_IMM a0, 0x1111
    ecall
1:  la a1, page_data                # the store went to the physical page
    ld a0, 8(a1)
    CHECK_IMM a0, 0x5151

    TEST 4                          # store to a read-only page: cause 15
    li s2, AREA + 0x1000 + 0x10
    EXPECT_TRAP CAUSE_STORE_PAGE, 1f
    ENTER_MODE MODE_S, 2f
2:  sd a0, 0(s2)
    NOT_REACHED
1:  CHECK_MTRAP CAUSE_STORE_PAGE, AREA + 0x1000 + 0x10

    TEST 5                          # fetch from a page without X: cause 12, mtval = target
    li s2, AREA + 0x40
    EXPECT_TRAP CAUSE_FETCH_PAGE, 1f
    ENTER_MODE MODE_S, 2f
2:  jr s2
    NOT_REACHED
1:  CHECK_MTRAP CAUSE_FETCH_PAGE, AREA + 0x40
    ld t5, harness_seen_epc
    CHECK t5, s2

    TEST 6                          # an execute-only page runs; a load from it faults (MXR = 0)
    li s2, AREA + 0x2000
    li a0, 40
    EXPECT_TRAP CAUSE_ECALL_S, 1f
    ENTER_MODE MODE_S, 2f
2:  jr s2                           # xpage: a0 += 2, ecall
1:  CHECK_IMM a0, 42
    ld t5, harness_seen_epc
    li t4, AREA + 0x2000 + 4
    CHECK t5, t4
    li s2, AREA + 0x2000 + 8
    EXPECT_TRAP CAUSE_LOAD_PAGE, 1f
    ENTER_MODE MODE_S, 2f
2:  lw a0, 0(s2)
    NOT_REACHED
1:  CHECK_MTRAP CAUSE_LOAD_PAGE, AREA + 0x2000 + 8

    TEST 7                          # MXR = 1: loads from execute-only pages succeed
    li a1, MSTATUS_MXR
    csrs mstatus, a1
    li s2, AREA + 0x2000
    EXPECT_TRAP CAUSE_ECALL_S, 1f
    ENTER_MODE MODE_S, 2f
2:  lw a0, 0(s2)
    ecall
1:  la a1, xpage
    lw a1, 0(a1)
    CHECK a0, a1
    li s2, AREA + 0x2000            # but stores still fault
    EXPECT_TRAP CAUSE_STORE_PAGE, 1f
    ENTER_MODE MODE_S, 2f
2:  sw a0, 0(s2)
    NOT_REACHED
1:  CHECK_MTRAP CAUSE_STORE_PAGE, AREA + 0x2000
    li a1, MSTATUS_MXR
    csrc mstatus, a1

    TEST 8                          # invalid PTE: load, store and fetch fault
    li s2, AREA + 0x3000 + 0x18
    EXPECT_TRAP CAUSE_LOAD_PAGE, 1f
    ENTER_MODE MODE_S, 2f
2:  ld a0, 0(s2)
    NOT_REACHED
1:  CHECK_MTRAP CAUSE_LOAD_PAGE, AREA + 0x3000 + 0x18
    EXPECT_TRAP CAUSE_STORE_PAGE, 1f
    ENTER_MODE MODE_S, 2f
2:  sb a0, 0(s2)
    NOT_REACHED
1:  CHECK_MTRAP CAUSE_STORE_PAGE, AREA + 0x3000 + 0x18
    EXPECT_TRAP CAUSE_FETCH_PAGE, 1f
    ENTER_MODE MODE_S, 2f
2:  jr s2
    NOT_REACHED
1:  CHECK_MTRAP CAUSE_FETCH_PAGE, AREA + 0x3000 + 0x18

    TEST 9                          # W without R is reserved: loads and stores fault
    li s2, AREA + 0x4000
    EXPECT_TRAP CAUSE_LOAD_PAGE, 1f
    ENTER_MODE MODE_S, 2f
2:  ld a0, 0(s2)
    NOT_REACHED
1:  CHECK_MTRAP CAUSE_LOAD_PAGE, AREA + 0x4000
    EXPECT_TRAP CAUSE_STORE_PAGE, 1f
    ENTER_MODE MODE_S, 2f
2:  sd a0, 0(s2)
    NOT_REACHED
1:  CHECK_MTRAP CAUSE_STORE_PAGE, AREA + 0x4000

    TEST 10                         # a non-leaf PTE at level 0 faults
    li s2, AREA + 0xb000 + 0x20
    EXPECT_TRAP CAUSE_LOAD_PAGE, 1f
    ENTER_MODE MODE_S, 2f
2:  ld a0, 0(s2)
    NOT_REACHED
1:  CHECK_MTRAP CAUSE_LOAD_PAGE, AREA + 0xb000 + 0x20

    TEST 11                         # misaligned megapage and gigapage fault (4.3.2 step 6)
    li s2, MEGA_BAD + 0x100
    EXPECT_TRAP CAUSE_LOAD_PAGE, 1f
    ENTER_MODE MODE_S, 2f
2:  ld a0, 0(s2)
    NOT_REACHED
1:  CHECK_MTRAP CAUSE_LOAD_PAGE, MEGA_BAD + 0x100
    li s2, GIGA_BAD + 0x200008
    EXPECT_TRAP CAUSE_STORE_PAGE, 1f
    ENTER_MODE MODE_S, 2f
2:  sd a0, 0(s2)
    NOT_REACHED
1:  CHECK_MTRAP CAUSE_STORE_PAGE, GIGA_BAD + 0x200008

    TEST 12                         # a virtual address that is not sign-extended faults
    li s2, 0x0000008000000000
    EXPECT_TRAP CAUSE_LOAD_PAGE, 1f
    ENTER_MODE MODE_S, 2f
2:  ld a0, 0(s2)
    NOT_REACHED
1:  CHECK_MTRAP CAUSE_LOAD_PAGE, 0x0000008000000000

# --- U pages, SUM ---
    TEST 13                         # S touching a U page with SUM = 0 faults
    li s2, AREA + 0x5000
    EXPECT_TRAP CAUSE_LOAD_PAGE, 1f
    ENTER_MODE MODE_S, 2f
2:  ld a0, 0(s2)
    NOT_REACHED
1:  CHECK_MTRAP CAUSE_LOAD_PAGE, AREA + 0x5000
    EXPECT_TRAP CAUSE_STORE_PAGE, 1f
    ENTER_MODE MODE_S, 2f
2:  sd a0, 0(s2)
    NOT_REACHED
1:  CHECK_MTRAP CAUSE_STORE_PAGE, AREA + 0x5000

    TEST 14                         # SUM = 1: loads and stores allowed
    li a1, MSTATUS_SUM
    csrs mstatus, a1
    EXPECT_TRAP CAUSE_ECALL_S, 1f
    ENTER_MODE MODE_S, 2f
2:  ld a0, 0(s2)
    CHECK_IMM a0, 0x5555
    li a1, 0x5656
    sd a1, 8(s2)
    ld a0, 8(s2)
    CHECK_IMM a0, 0x5656
    ecall
1:
    TEST 15                         # but S never executes from a U page, SUM or not
    li s2, AREA + 0x8000
    EXPECT_TRAP CAUSE_FETCH_PAGE, 1f
    ENTER_MODE MODE_S, 2f
2:  jr s2
    NOT_REACHED
1:  CHECK_MTRAP CAUSE_FETCH_PAGE, AREA + 0x8000
    li a1, MSTATUS_SUM
    csrc mstatus, a1

    TEST 16                         # U-mode: runs from the U alias, reads U pages
    li s2, AREA + 0x5000
    EXPECT_TRAP CAUSE_ECALL_U, 1f
    ENTER_U 2f
2:  ld a0, 0(s2)
    CHECK_IMM a0, 0x5555
    li a0, 1
    li t0, AREA + 0x8000            # U, X page (xpage): a0 += 2, ecall
    jr t0
1:  CHECK_IMM a0, 3

    TEST 17                         # U touching a kernel page faults
    li s2, AREA + 0x10
    EXPECT_TRAP CAUSE_LOAD_PAGE, 1f
    ENTER_U 2f
2:  ld a0, 0(s2)
    NOT_REACHED
1:  CHECK_MTRAP CAUSE_LOAD_PAGE, AREA + 0x10
    EXPECT_TRAP CAUSE_FETCH_PAGE, 1f
    li s2, AREA + 0x2000
    ENTER_U 2f
2:  jr s2
    NOT_REACHED
1:  CHECK_MTRAP CAUSE_FETCH_PAGE, AREA + 0x2000
    EXPECT_TRAP CAUSE_FETCH_PAGE, 1f
    la t0, 2f                       # U-mode at a kernel-only address (the identity map)
    li t1, MSTATUS_MPP
    csrc mstatus, t1
    csrw mepc, t0
    mret
2:  NOT_REACHED
1:  la t0, 2b
    ld t5, harness_seen_tval
    CHECK t5, t0

# --- A and D set by hardware ---
    TEST 18                         # a load sets A only; a store sets D
    GET_PTE a0, pt_l0, 6
    CHECK_BITS a0, PTE_A | PTE_D, 0
    li s2, AREA + 0x6000
    EXPECT_TRAP CAUSE_ECALL_S, 1f
    ENTER_MODE MODE_S, 2f
2:  ld a0, 0(s2)
    ecall
1:  GET_PTE a0, pt_l0, 6
    CHECK_BITS a0, PTE_A | PTE_D, PTE_A
    EXPECT_TRAP CAUSE_ECALL_S, 1f
    ENTER_MODE MODE_S, 2f
2:  sd a0, 0(s2)
    ecall
1:  GET_PTE a0, pt_l0, 6
    CHECK_BITS a0, PTE_A | PTE_D, PTE_A | PTE_D

    TEST 19                         # A already set, D clear: a store sets D
    GET_PTE a0, pt_l0, 7
    CHECK_BITS a0, PTE_A | PTE_D, PTE_A
    li s2, AREA + 0x7000
    EXPECT_TRAP CAUSE_ECALL_S, 1f
    ENTER_MODE MODE_S, 2f
2:  sw a0, 4(s2)
    ecall
1:  GET_PTE a0, pt_l0, 7
    CHECK_BITS a0, PTE_A | PTE_D, PTE_A | PTE_D

    TEST 20                         # a faulting store sets neither bit
    li s2, AREA + 0xc000
    GET_PTE a0, pt_l0, 12
    CHECK_BITS a0, PTE_A | PTE_D, 0
    EXPECT_TRAP CAUSE_STORE_PAGE, 1f
    ENTER_MODE MODE_S, 2f
2:  sd a0, 0(s2)
    NOT_REACHED
1:  GET_PTE a0, pt_l0, 12
    CHECK_BITS a0, PTE_A | PTE_D, 0

# --- MPRV: M-mode loads and stores translated with MPP's privilege ---
    # (QEMU 7.2 keeps translations made under MPRV across a change of MPP, so the MPP = U half
    # uses a kernel page that the MPP = S half did not touch.)
    TEST 21
    li a1, MSTATUS_MPP
    csrc mstatus, a1
    li a1, (MODE_S << 11) | MSTATUS_MPRV
    csrs mstatus, a1
    li s2, AREA
    ld a0, 0(s2)                    # translated: page 0 -> page_data
    CHECK_IMM a0, 0x1111
    li a1, 0x7777
    sd a1, 0x30(s2)
    EXPECT_TRAP CAUSE_LOAD_PAGE, 1f # S without SUM: a U page faults
    li s2, AREA + 0x5000
    ld a0, 0(s2)
    NOT_REACHED
1:  CHECK_MTRAP CAUSE_LOAD_PAGE, AREA + 0x5000
    EXPECT_TRAP CAUSE_LOAD_PAGE, 1f # (armed first: with MPP = U the harness's data is out of reach)
    li a1, MSTATUS_MPP              # (the handler left MPP = M: now U)
    csrc mstatus, a1
    ld s5, 0(s2)                    # MPP = U: the U page reads
    li s2, AREA + 0x1000
    ld a0, 0(s2)                    # and a kernel page faults
    li a1, MSTATUS_MPRV
    csrc mstatus, a1
    NOT_REACHED
1:  CHECK_MTRAP CAUSE_LOAD_PAGE, AREA + 0x1000
    CHECK_IMM s5, 0x5555
    li a1, MSTATUS_MPRV             # (MPP = M now); MPRV off: physical again
    csrc mstatus, a1
    la a1, page_data
    ld a0, 0x30(a1)
    CHECK_IMM a0, 0x7777

# --- sfence.vma ---
    TEST 22                         # by address: an invalid page made valid
    li s2, AREA + 0x3000
    EXPECT_TRAP CAUSE_LOAD_PAGE, 1f
    ENTER_MODE MODE_S, 2f
2:  ld a0, 0(s2)
    NOT_REACHED
1:  la a2, page_data + 4 * 4096
    SET_PTE pt_l0, 3, a2, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
    EXPECT_TRAP CAUSE_ECALL_S, 1f
    ENTER_MODE MODE_S, 2f
2:  sfence.vma s2, x0
    ld a0, 0(s2)
    CHECK_IMM a0, 0x9999
    ecall
1:
    TEST 23                         # by address: a remapped page reads its new frame
    li s2, AREA + 0xd000
    EXPECT_TRAP CAUSE_ECALL_S, 1f
    ENTER_MODE MODE_S, 2f
2:  ld a0, 0(s2)
    CHECK_IMM a0, 0x1111
    ecall
1:  la a2, page_data + 4096
    SET_PTE pt_l0, 13, a2, PTE_V | PTE_R | PTE_A
    EXPECT_TRAP CAUSE_ECALL_S, 1f
    ENTER_MODE MODE_S, 2f
2:  sfence.vma s2, x0
    ld a0, 0(s2)
    CHECK_IMM a0, 0x2222
    ecall
1:
    TEST 24                         # by ASID: the current ASID's entries are flushed
    la a2, page_data
    SET_PTE pt_l0, 13, a2, PTE_V | PTE_R | PTE_A
    EXPECT_TRAP CAUSE_ECALL_S, 1f
    ENTER_MODE MODE_S, 2f
2:  li a1, 5
    sfence.vma x0, a1
    ld a0, 0(s2)
    CHECK_IMM a0, 0x1111
    ecall
1:  csrr a0, satp                   # the ASID reads back
    srli a0, a0, 44
    li t0, 0xffff
    and a0, a0, t0
    CHECK_IMM a0, 5

    TEST 25                         # a new satp (another ASID) with sfence.vma x0, x0
    la a2, page_data + 4096
    SET_PTE pt_l0, 13, a2, PTE_V | PTE_R | PTE_A
    li a1, 0xffff << 44
    not a1, a1
    and s0, s0, a1
    li a1, 7 << 44
    or s0, s0, a1
    EXPECT_TRAP CAUSE_ECALL_S, 1f
    ENTER_MODE MODE_S, 2f
2:  csrw satp, s0
    sfence.vma
    ld a0, 0(s2)
    CHECK_IMM a0, 0x2222
    ecall
1:
# --- an instruction that straddles two pages ---
    TEST 26                         # both pages mapped: it runs
    li s2, AREA + 0xa000 - 2
    li a0, 10
    EXPECT_TRAP CAUSE_ECALL_S, 1f
    ENTER_MODE MODE_S, 2f
2:  jr s2                           # addi a0, a0, 7 across the boundary, then ecall
1:  CHECK_IMM a0, 17
    ld t5, harness_seen_epc
    li t4, AREA + 0xa000 + 2
    CHECK t5, t4

    TEST 27                         # second page unmapped: fetch fault, tval = second page
    la a2, cross_page + 4096
    SET_PTE pt_l0, 10, a2, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
    sfence.vma
    EXPECT_TRAP CAUSE_FETCH_PAGE, 1f
    ENTER_MODE MODE_S, 2f
2:  jr s2
    NOT_REACHED
1:  CHECK_MTRAP CAUSE_FETCH_PAGE, AREA + 0xa000
    ld t5, harness_seen_epc
    CHECK t5, s2

# --- a page fault delegated to S: scause, stval, sepc ---
    TEST 28
    la a1, s_trap
    csrw stvec, a1
    li a1, 1 << CAUSE_STORE_PAGE
    csrw medeleg, a1
    li s2, AREA + 0x1000 + 0x28
    EXPECT_TRAP CAUSE_ECALL_S, 1f
    ENTER_MODE MODE_S, 2f
2:
t28i: sd a0, 0(s2)
    NOT_REACHED
1:  LOAD a0, s_seen_cause
    CHECK_IMM a0, CAUSE_STORE_PAGE
    LOAD a0, s_seen_tval
    CHECK a0, s2
    LOAD a0, s_seen_epc
    la a1, t28i
    CHECK a0, a1
    csrw medeleg, x0
    csrw satp, x0

    TEST_PASS
    PRIV_SUPPORT

# build_tables: fills the page tables and the data pages (M-mode, physical addresses).
build_tables:
    la a2, pt_l1
    SET_PTE pt_root, 4, a2, PTE_V
    li a2, 0
    SET_PTE pt_root, 0, a2, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
    li a2, 0x80000000
    SET_PTE pt_root, 2, a2, PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D
    li a2, 0x80200000               # 2 MiB aligned, not 1 GiB aligned
    SET_PTE pt_root, 5, a2, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
    li a2, 0x80000000
    SET_PTE pt_root, 6, a2, PTE_V | PTE_R | PTE_W | PTE_X | PTE_U | PTE_A | PTE_D
    la a2, pt_l0
    SET_PTE pt_l1, 0, a2, PTE_V
    li a2, MEGA_PA
    SET_PTE pt_l1, 1, a2, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
    li a2, MEGA_PA + 0x1000         # 4 KiB aligned, not 2 MiB aligned
    SET_PTE pt_l1, 2, a2, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
    la a2, page_data
    SET_PTE pt_l0, 0, a2, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
    la a2, page_data + 4096
    SET_PTE pt_l0, 1, a2, PTE_V | PTE_R | PTE_A
    la a2, xpage
    SET_PTE pt_l0, 2, a2, PTE_V | PTE_X | PTE_A
    la a2, page_data + 4 * 4096
    SET_PTE pt_l0, 3, a2, PTE_R | PTE_W | PTE_A | PTE_D     # V = 0
    SET_PTE pt_l0, 4, a2, PTE_V | PTE_W | PTE_A | PTE_D     # W without R
    la a2, page_data + 2 * 4096
    SET_PTE pt_l0, 5, a2, PTE_V | PTE_R | PTE_W | PTE_U | PTE_A | PTE_D
    la a2, page_data + 3 * 4096
    SET_PTE pt_l0, 6, a2, PTE_V | PTE_R | PTE_W
    SET_PTE pt_l0, 7, a2, PTE_V | PTE_R | PTE_W | PTE_A
    la a2, xpage
    SET_PTE pt_l0, 8, a2, PTE_V | PTE_R | PTE_X | PTE_U | PTE_A
    la a2, cross_page
    SET_PTE pt_l0, 9, a2, PTE_V | PTE_X | PTE_A
    la a2, cross_page + 4096
    SET_PTE pt_l0, 10, a2, PTE_V | PTE_X | PTE_A
    la a2, pt_l0
    SET_PTE pt_l0, 11, a2, PTE_V    # a pointer at level 0
    la a2, page_data + 3 * 4096
    SET_PTE pt_l0, 12, a2, PTE_V | PTE_R
    la a2, page_data
    SET_PTE pt_l0, 13, a2, PTE_V | PTE_R | PTE_A
    la a1, page_data                # the values each frame starts with
    li a0, 0x1111
    sd a0, 0(a1)
    li t0, 4096
    add a1, a1, t0
    li a0, 0x2222
    sd a0, 0(a1)
    add a1, a1, t0
    li a0, 0x5555
    sd a0, 0(a1)
    add a1, a1, t0
    add a1, a1, t0
    li a0, 0x9999
    sd a0, 0(a1)
    li a1, MEGA_PA + 0x238
    li a0, 0x3333
    sd a0, 0(a1)
    li a1, MEGA_PA + 0x1ff010
    li a0, 0x4444
    sd a0, 0(a1)
    ret

    .p2align 12
xpage:                              # mapped execute-only (page 2) and U+RX (page 8)
    .option push
    .option norvc
    addi a0, a0, 2
    ecall
    .word 0x12345678
    .option pop
    .p2align 12
cross_page:                         # two pages; an addi straddles the boundary
    .option push
    .option norvc
    .zero 4096 - 2
    addi a0, a0, 7
    ecall
    .option pop
    .p2align 12

    .data
    .p2align 12
pt_root: .zero 4096
pt_l1: .zero 4096
pt_l0: .zero 4096
page_data: .zero 5 * 4096
