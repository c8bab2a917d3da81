# hostile.S: a program that does everything a user program can do wrong, to show that the
# kernel refuses each attempt and survives it.
#
# Every attempt prints one line with what the kernel answered and what Guest/ABI.md says
# it should answer:
#
#   hostile: SYS_LOG of 16 bytes at 0x80000000 (kernel memory) -> E_FAULT (refused)
#   hostile: ... -> ST_OK (UNEXPECTED: the ABI says E_FAULT)
#
# Nothing printed depends on timing or on where the kernel put anything, so the output is a
# golden test. The argument word (a1) chooses what to do:
#
#   0  with the boot handles (init=hostile): the driver. It tries what needs rights it has
#      (bad spawn, device and IRQ arguments, copies without the right), then runs hostile
#      again with no handles (1), then once for each fatal attempt (2 | k << 8), reaping
#      and describing each death, and stops the machine (status 0 when everything went
#      as the ABI says, 1 otherwise).
#   0  without them (run by another program), or 1: the unprivileged attempts; the exit
#      status is the number of unexpected answers.
#   2 | k << 8: fatal attempt k (read or write kernel memory, write its own code, ...).
#   3: exits at once (the child of a spawn that should have failed but did not).

    .include "lib.inc"

    .equ ARG_AUTO,          0
    .equ ARG_PLAIN,         1
    .equ ARG_FATAL,         2
    .equ ARG_EXIT,          3

    .equ EXP_ANY,           0x7fff      # any answer will do (the ABI leaves it open)
    .equ PAGE_VA,           0x30000000  # a page of its own; the one after stays unmapped
    .equ UNMAPPED_VA,       0x20000000
    .equ DEVICE_VA,         0x60000000
    .equ FREE_SLOT,         HANDLES - 1
    .equ PRIO_CHILD,        6
    .equ WAIT_TICKS,        5000000
    .equ FATAL_COUNT,       17          # fatal attempts: fatal_code, fatal_table

# EXPECT expected, "what was tried": reports a7 against the expectation.
    .macro EXPECT expected, text
    mv a0, a7
    li a1, \expected
    li a3, -1
    LA_STR a2, "\text"
    call report
    .endm

# TRY_LOG address, length, expected, "text": SYS_LOG with those arguments.
    .macro TRY_LOG address, length, expected, text
    li a0, \address
    li a1, \length
    SYSCALL SYS_LOG
    EXPECT \expected, "\text"
    .endm

# TRY_SIGNAL handle, expected, "text": SYS_SIGNAL through that handle number.
    .macro TRY_SIGNAL handle, expected, text
    li a6, \handle
    li a0, 1
    SYSCALL SYS_SIGNAL
    EXPECT \expected, "\text"
    .endm

# TRY_MAP address, pages, permissions, expected, "text"
    .macro TRY_MAP address, pages, permissions, expected, text
    li a0, \address
    li a1, \pages
    li a2, \permissions
    SYSCALL SYS_MAP
    EXPECT \expected, "\text"
    .endm

# TRY_INFO pid, buffer, expected, "text"
    .macro TRY_INFO pid, buffer, expected, text
    li a0, \pid
    li a1, \buffer
    SYSCALL SYS_INFO
    EXPECT \expected, "\text"
    .endm

# CALL_BUF flags, expected, "text": SYS_CALL on its own endpoint (s8) with t5 = 0, so that a
# call whose buffers pass the checks ends in E_TIMEOUT (nobody receives).
    .macro CALL_BUF flags, expected, text
    mv a6, s8
    li t5, 0
    SYSCALL SYS_CALL | F_TIMEOUT | (\flags)
    EXPECT \expected, "\text"
    .endm

    .text
    .globl _start
# a0 = handle count, a1 = argument word, a2 = pid.
_start:
    andi t0, a1, 0xff
    srli s1, a1, 8
    li t1, ARG_PLAIN
    beq t0, t1, plain
    li t1, ARG_FATAL
    beq t0, t1, fatal
    li t1, ARG_EXIT
    beq t0, t1, 1f
    bnez t0, 1f
    li t1, BOOT_HANDLES
    bltu a0, t1, plain
    j driver
1:  li a0, 0
    j exit

# ==== The unprivileged attempts ========================================================
plain:
    LOG "hostile: unprivileged attempts"
    SYSCALL SYS_ENDPOINT
    mv s8, a0                           # an endpoint of its own
    SYSCALL SYS_NOTIFICATION
    mv s9, a0                           # a notification of its own
    li a0, PAGE_VA
    li a1, 1
    li a2, MAP_R | MAP_W
    SYSCALL SYS_MAP
    EXPECT ST_OK, "SYS_MAP of one page at 0x30000000 for the tests (the next stays unmapped)"
    call try_log
    call try_call
    call try_handles
    call try_rights
    call try_map
    call try_info
    call try_memory
    call try_registers
    call try_tables
    call line_begin
    LSTR "hostile: "
    ld a0, attempts
    call line_dec
    LSTR " unprivileged attempts, "
    ld a0, unexpected
    call line_dec
    LSTR " unexpected"
    call line_end
    ld a0, unexpected
    j exit

# ---- SYS_LOG: pointers and lengths --------------------------------------------------------
try_log:
    addi sp, sp, -16
    sd ra, 0(sp)
    TRY_LOG 0x80000000, 16, E_FAULT, "SYS_LOG of 16 bytes at 0x80000000 (kernel memory)"
    TRY_LOG 0x80200000, 16, E_FAULT, "SYS_LOG of 16 bytes at 0x80200000 (kernel memory)"
    TRY_LOG 0x7ffffff8, 16, E_FAULT, "SYS_LOG of 16 bytes at 0x7ffffff8 (into the kernel)"
    TRY_LOG 0, 16, E_FAULT, "SYS_LOG of 16 bytes at 0 (null)"
    TRY_LOG UNMAPPED_VA, 16, E_FAULT, "SYS_LOG of 16 bytes at 0x20000000 (unmapped)"
    TRY_LOG PAGE_VA + PAGE_SIZE - 8, 16, E_FAULT, "SYS_LOG of 16 bytes, 8 of them past the mapped page"
    TRY_LOG 0xffffffffffffff80, 256, E_FAULT, "SYS_LOG of 256 bytes at 0xffffffffffffff80 (wraps to 0x80)"
    TRY_LOG 0xfffffffffffff000, 0x2000, E_INVAL, "SYS_LOG of 0x2000 bytes at 0xfffffffffffff000 (wraps, over LOG_MAX)"
    TRY_LOG PAGE_VA, LOG_MAX + 1, E_INVAL, "SYS_LOG of LOG_MAX + 1 bytes"
    TRY_LOG PAGE_VA, -1, E_INVAL, "SYS_LOG of 2^64 - 1 bytes"
    TRY_LOG 0x80000000, 0, EXP_ANY, "SYS_LOG of 0 bytes at 0x80000000"
    la a0, odd_text
    la a1, odd_text_end
    sub a1, a1, a0
    SYSCALL SYS_LOG
    EXPECT ST_OK, "SYS_LOG from an odd address (the line above)"
    ld ra, 0(sp)
    addi sp, sp, 16
    ret

# ---- IPC buffers, reply tokens, grants --------------------------------------------------
try_call:
    addi sp, sp, -16
    sd ra, 0(sp)
    li t0, PAGE_VA
    li t1, 16
    CALL_BUF F_SEND_BUF, E_TIMEOUT, "SYS_CALL with a good 16-byte buffer, nobody receiving, t5 = 0"
    li t0, 0x80000000
    li t1, 16
    CALL_BUF F_SEND_BUF, E_FAULT, "SYS_CALL sending 16 bytes from 0x80000000"
    li t0, 0xfffffffffffff000
    li t1, 0x2000
    CALL_BUF F_SEND_BUF, E_FAULT, "SYS_CALL sending 0x2000 bytes from 0xfffffffffffff000 (wraps)"
    li t0, 0xfffffffffffff800
    li t1, 0x1000
    CALL_BUF F_SEND_BUF, E_FAULT, "SYS_CALL sending 0x1000 bytes from 0xfffffffffffff800 (wraps)"
    li t0, PAGE_VA
    li t1, MSG_BUF_MAX + 1
    CALL_BUF F_SEND_BUF, E_FAULT, "SYS_CALL sending MSG_BUF_MAX + 1 bytes"
    li t0, PAGE_VA
    li t1, -1
    CALL_BUF F_SEND_BUF, E_FAULT, "SYS_CALL sending 2^64 - 1 bytes"
    li t0, PAGE_VA + PAGE_SIZE - 8
    li t1, 16
    CALL_BUF F_SEND_BUF, E_FAULT, "SYS_CALL sending 16 bytes, 8 of them past the mapped page"
    li t0, UNMAPPED_VA
    li t1, 1
    CALL_BUF F_SEND_BUF, E_FAULT, "SYS_CALL sending 1 byte from an unmapped page"
    la t2, ro_data
    li t3, 16
    CALL_BUF F_RECV_BUF, E_FAULT, "SYS_CALL receiving into .rodata"
    la t2, _start
    li t3, 16
    CALL_BUF F_RECV_BUF, E_FAULT, "SYS_CALL receiving into its own code"
    li t2, 0x80000000
    li t3, 16
    CALL_BUF F_RECV_BUF, E_FAULT, "SYS_CALL receiving into 0x80000000"
    li t2, PAGE_VA
    li t3, MSG_BUF_MAX + 1
    CALL_BUF F_RECV_BUF, E_FAULT, "SYS_CALL receiving with a capacity of MSG_BUF_MAX + 1"
    li t2, PAGE_VA + PAGE_SIZE - 8
    li t3, 16
    CALL_BUF F_RECV_BUF, E_FAULT, "SYS_CALL receiving 16 bytes, 8 of them past the mapped page"
    mv a6, s8
    li t2, 0x80000000
    li t3, 16
    li t5, 0
    SYSCALL SYS_RECV | F_RECV_BUF | F_TIMEOUT
    EXPECT E_FAULT, "SYS_RECV into 0x80000000 on its own endpoint"
    mv a6, s8
    la t2, ro_data
    li t3, 16
    li t5, 0
    SYSCALL SYS_RECV | F_RECV_BUF | F_TIMEOUT
    EXPECT E_FAULT, "SYS_RECV into .rodata"
    li t6, 12345
    SYSCALL SYS_REPLY
    EXPECT E_NOENT, "SYS_REPLY with a made-up token (12345)"
    li t6, 0
    SYSCALL SYS_REPLY
    EXPECT E_NOENT, "SYS_REPLY with token 0"
    li t6, -1
    SYSCALL SYS_REPLY
    EXPECT E_NOENT, "SYS_REPLY with token -1"
    li t6, 12345
    li t0, 0x80000000
    li t1, 16
    SYSCALL SYS_REPLY | F_SEND_BUF
    EXPECT EXP_ANY, "SYS_REPLY with a made-up token and a buffer at 0x80000000"
    li t6, 12345
    mv a6, s8
    li t5, 0
    SYSCALL SYS_REPLY_RECV | F_TIMEOUT
    EXPECT E_TIMEOUT, "SYS_REPLY_RECV with a made-up token (the failed reply is not reported)"
    li t4, 1000
    CALL_BUF F_GRANT, E_HANDLE, "SYS_CALL granting handle 1000"
    li t4, FREE_SLOT
    CALL_BUF F_GRANT, E_HANDLE, "SYS_CALL granting an empty slot"
    mv a6, s9
    li a0, R_SEND
    li a1, 0
    SYSCALL SYS_COPY
    mv s2, a0
    mv t4, s2
    CALL_BUF F_GRANT, E_RIGHTS, "SYS_CALL granting a handle without R_GRANT"
    mv a6, s2
    SYSCALL SYS_CLOSE
    ld ra, 0(sp)
    addi sp, sp, 16
    ret

# ---- Handle numbers and types ----------------------------------------------------------------
try_handles:
    addi sp, sp, -16
    sd ra, 0(sp)
    TRY_SIGNAL -1, E_HANDLE, "SYS_SIGNAL through handle -1"
    TRY_SIGNAL HANDLES, E_HANDLE, "SYS_SIGNAL through handle 32"
    TRY_SIGNAL 1000, E_HANDLE, "SYS_SIGNAL through handle 1000"
    TRY_SIGNAL 0x100000000, E_HANDLE, "SYS_SIGNAL through handle 2^32"
    TRY_SIGNAL FREE_SLOT, E_HANDLE, "SYS_SIGNAL through an empty slot"
    li a6, -1
    SYSCALL SYS_CLOSE
    EXPECT E_HANDLE, "SYS_CLOSE of handle -1"
    li a6, HANDLES
    li a0, R_ALL
    li a1, 0
    SYSCALL SYS_COPY
    EXPECT E_HANDLE, "SYS_COPY of handle 32"
    mv a6, s9
    li t5, 0
    SYSCALL SYS_CALL | F_TIMEOUT
    EXPECT E_HANDLE, "SYS_CALL on a notification"
    mv a6, s9
    li t5, 0
    SYSCALL SYS_RECV | F_TIMEOUT
    EXPECT E_HANDLE, "SYS_RECV on a notification"
    mv a6, s8
    li a0, 1
    SYSCALL SYS_SIGNAL
    EXPECT E_HANDLE, "SYS_SIGNAL on an endpoint"
    mv a6, s8
    li t5, 0
    SYSCALL SYS_WAIT | F_TIMEOUT
    EXPECT E_HANDLE, "SYS_WAIT on an endpoint"
    mv a6, s8
    SYSCALL SYS_BIND
    EXPECT E_HANDLE, "SYS_BIND of an endpoint"
    mv a6, s9
    li a0, DEVICE_VA
    SYSCALL SYS_MAP_DEVICE
    EXPECT E_HANDLE, "SYS_MAP_DEVICE of a notification"
    li a6, 0
    li a0, DEVICE_VA
    SYSCALL SYS_MAP_DEVICE
    EXPECT E_HANDLE, "SYS_MAP_DEVICE through slot 0 (no device handle)"
    mv a6, s9
    mv a0, s9
    li a1, 1
    SYSCALL SYS_IRQ_BIND
    EXPECT E_HANDLE, "SYS_IRQ_BIND of a notification"
    li a6, FREE_SLOT
    SYSCALL SYS_IRQ_ACK
    EXPECT E_HANDLE, "SYS_IRQ_ACK through an empty slot"
    li a6, 0
    la a0, name_hostile
    li a1, 7
    li a2, 0
    li a3, 0
    li a4, 0
    li a5, ARG_EXIT
    SYSCALL SYS_SPAWN
    EXPECT E_HANDLE, "SYS_SPAWN through slot 0 (no process handle)"
    mv a6, s8
    la a0, name_hostile
    li a1, 7
    li a2, 0
    li a3, 0
    li a4, 0
    li a5, ARG_EXIT
    SYSCALL SYS_SPAWN
    EXPECT E_HANDLE, "SYS_SPAWN through an endpoint"
    li a6, 0
    SYSCALL SYS_KILL
    EXPECT E_HANDLE, "SYS_KILL through slot 0 (no process handle)"
    mv a6, s9
    SYSCALL SYS_KILL
    EXPECT E_HANDLE, "SYS_KILL of a notification"
    ld ra, 0(sp)
    addi sp, sp, 16
    ret

# ---- Rights, badges, revocation ---------------------------------------------------------------
try_rights:
    addi sp, sp, -16
    sd ra, 0(sp)
    mv a6, s9
    li a0, R_SEND
    li a1, 0
    SYSCALL SYS_COPY
    mv s2, a0                           # notification, R_SEND only
    mv a6, s2
    li t5, 0
    SYSCALL SYS_WAIT | F_TIMEOUT
    EXPECT E_RIGHTS, "SYS_WAIT through a notification copy with R_SEND only"
    mv a6, s2
    SYSCALL SYS_BIND
    EXPECT E_RIGHTS, "SYS_BIND of that copy"
    mv a6, s2
    SYSCALL SYS_REVOKE
    EXPECT E_RIGHTS, "SYS_REVOKE through that copy"
    mv a6, s2
    li a0, R_ALL
    li a1, 0
    SYSCALL SYS_COPY
    mv s3, a0                           # asks for every right back
    mv a6, s3
    li t5, 0
    SYSCALL SYS_WAIT | F_TIMEOUT
    EXPECT E_RIGHTS, "SYS_WAIT through a copy of it made with mask R_ALL (rights do not grow)"
    mv a6, s3
    SYSCALL SYS_CLOSE
    mv a6, s2
    SYSCALL SYS_CLOSE
    mv a6, s8
    li a0, 0
    li a1, 0
    SYSCALL SYS_COPY
    mv s2, a0                           # endpoint, no rights
    mv a6, s2
    li t5, 0
    SYSCALL SYS_CALL | F_TIMEOUT
    EXPECT E_RIGHTS, "SYS_CALL through an endpoint copy with no rights"
    mv a6, s2
    li t5, 0
    SYSCALL SYS_RECV | F_TIMEOUT
    EXPECT E_RIGHTS, "SYS_RECV through it"
    mv a6, s2
    SYSCALL SYS_CLOSE
    mv a6, s8
    li a0, R_ALL
    li a1, 7
    SYSCALL SYS_COPY
    mv s2, a0                           # badged
    mv a6, s2
    li a0, R_ALL
    li a1, 8
    SYSCALL SYS_COPY
    EXPECT E_INVAL, "SYS_COPY putting a badge on a badged handle"
    mv a6, s2
    SYSCALL SYS_CLOSE
    mv a6, s9
    li a0, R_ALL
    li a1, 0
    SYSCALL SYS_COPY
    mv s2, a0                           # a copy to revoke
    mv a6, s9
    SYSCALL SYS_REVOKE
    EXPECT ST_OK, "SYS_REVOKE of its notification"
    mv a6, s2
    li a0, 1
    SYSCALL SYS_SIGNAL
    EXPECT E_REVOKED, "SYS_SIGNAL through the revoked copy"
    mv a6, s2
    li a0, R_ALL
    li a1, 0
    SYSCALL SYS_COPY
    EXPECT E_REVOKED, "SYS_COPY of the revoked copy"
    mv a6, s2
    SYSCALL SYS_REVOKE
    EXPECT E_REVOKED, "SYS_REVOKE through the revoked copy"
    mv a6, s2
    li t4, 0
    mv t4, s2
    CALL_BUF F_GRANT, E_REVOKED, "SYS_CALL granting the revoked copy"
    mv a6, s2
    SYSCALL SYS_CLOSE
    EXPECT ST_OK, "SYS_CLOSE of the revoked copy"
    mv a6, s2
    SYSCALL SYS_CLOSE
    EXPECT E_HANDLE, "SYS_CLOSE of it again"
    ld ra, 0(sp)
    addi sp, sp, 16
    ret

# ---- SYS_MAP and SYS_UNMAP ------------------------------------------------------------------------
try_map:
    addi sp, sp, -16
    sd ra, 0(sp)
    TRY_MAP USER_TOP, 1, MAP_R | MAP_W, E_INVAL, "SYS_MAP at 0x80000000 (the kernel)"
    TRY_MAP USER_TOP - PAGE_SIZE, 2, MAP_R | MAP_W, E_INVAL, "SYS_MAP of 2 pages at 0x7ffff000 (into the kernel)"
    TRY_MAP 0xfffffffffffff000, 1, MAP_R | MAP_W, E_INVAL, "SYS_MAP at 0xfffffffffffff000"
    TRY_MAP 0x4000000000, 1, MAP_R | MAP_W, E_INVAL, "SYS_MAP at 0x4000000000 (past Sv39)"
    TRY_MAP 0x31000000, 0x10000000000000, MAP_R | MAP_W, E_INVAL, "SYS_MAP of 2^52 pages (the size wraps)"
    TRY_MAP 0x31000000, -1, MAP_R | MAP_W, E_INVAL, "SYS_MAP of 2^64 - 1 pages"
    TRY_MAP 0x31000800, 1, MAP_R | MAP_W, E_INVAL, "SYS_MAP at an unaligned address"
    TRY_MAP 0, 1, MAP_R | MAP_W, E_INVAL, "SYS_MAP of page 0"
    TRY_MAP 0x31000000, 1, MAP_W, E_INVAL, "SYS_MAP writable but not readable"
    TRY_MAP 0x31000000, 1, 0, EXP_ANY, "SYS_MAP with no permissions"
    TRY_MAP USER_BASE, 1, MAP_R | MAP_W, E_BUSY, "SYS_MAP over its own code"
    TRY_MAP USER_STACK_TOP - PAGE_SIZE, 1, MAP_R | MAP_W, E_BUSY, "SYS_MAP over its own stack"
    TRY_MAP PAGE_VA, 1, MAP_R | MAP_W, E_BUSY, "SYS_MAP over the page it mapped"
    TRY_MAP 0x31000000, PAGE_QUOTA + 1, MAP_R | MAP_W, E_NOMEM, "SYS_MAP of PAGE_QUOTA + 1 pages"
    li a0, USER_TOP
    li a1, 1
    SYSCALL SYS_UNMAP
    EXPECT E_INVAL, "SYS_UNMAP at 0x80000000 (the kernel)"
    li a0, PAGE_VA + 0x800
    li a1, 1
    SYSCALL SYS_UNMAP
    EXPECT E_INVAL, "SYS_UNMAP at an unaligned address"
    li a0, UNMAPPED_VA
    li a1, 1
    SYSCALL SYS_UNMAP
    EXPECT E_NOENT, "SYS_UNMAP of an unmapped page"
    li a0, 0x31000000                   # nothing mapped there: the quota is intact
    li a1, 1
    li a2, MAP_R | MAP_W
    SYSCALL SYS_MAP
    EXPECT ST_OK, "SYS_MAP of one page after all that"
    li a0, 0x31000000
    li a1, 1
    SYSCALL SYS_UNMAP
    ld ra, 0(sp)
    addi sp, sp, 16
    ret

# ---- SYS_INFO buffers and pids -----------------------------------------------------------------------
try_info:
    addi sp, sp, -16
    sd ra, 0(sp)
    SYSCALL SYS_SELF
    mv s2, a0
    mv a0, s2
    li a1, 0x80000000
    SYSCALL SYS_INFO
    EXPECT E_FAULT, "SYS_INFO into 0x80000000"
    mv a0, s2
    la a1, ro_data
    SYSCALL SYS_INFO
    EXPECT E_FAULT, "SYS_INFO into .rodata"
    mv a0, s2
    la a1, _start
    SYSCALL SYS_INFO
    EXPECT E_FAULT, "SYS_INFO into its own code"
    mv a0, s2
    li a1, PAGE_VA + PAGE_SIZE - 32
    SYSCALL SYS_INFO
    EXPECT E_FAULT, "SYS_INFO into the last 32 bytes of the mapped page"
    mv a0, s2
    li a1, 0
    SYSCALL SYS_INFO
    EXPECT E_FAULT, "SYS_INFO into null"
    mv a0, s2
    li a1, PAGE_VA + 3
    SYSCALL SYS_INFO
    EXPECT ST_OK, "SYS_INFO into an odd address"
    TRY_INFO -1, PAGE_VA, E_NOENT, "SYS_INFO of pid -1"
    TRY_INFO MAX_PROCESSES, PAGE_VA, E_NOENT, "SYS_INFO of pid MAX_PROCESSES"
    TRY_INFO 1000000, PAGE_VA, E_NOENT, "SYS_INFO of pid 1000000"
    ld ra, 0(sp)
    addi sp, sp, 16
    ret

# ---- Memory objects --------------------------------------------------------------------------------------
try_memory:
    addi sp, sp, -16
    sd ra, 0(sp)
    li a0, 0
    SYSCALL SYS_MEMORY
    EXPECT E_INVAL, "SYS_MEMORY of 0 pages"
    li a0, MEMORY_MAX_PAGES + 1
    SYSCALL SYS_MEMORY
    EXPECT E_INVAL, "SYS_MEMORY of MEMORY_MAX_PAGES + 1 pages"
    li a0, -1
    SYSCALL SYS_MEMORY
    EXPECT E_INVAL, "SYS_MEMORY of 2^64 - 1 pages"
    li a0, PAGE_QUOTA
    SYSCALL SYS_MEMORY
    EXPECT E_NOMEM, "SYS_MEMORY of PAGE_QUOTA pages (over the quota)"
    mv a6, s9
    li a0, 0x32000000
    SYSCALL SYS_MAP_MEMORY
    EXPECT E_HANDLE, "SYS_MAP_MEMORY of a notification"
    li a0, 1
    SYSCALL SYS_MEMORY
    mv s2, a0
    EXPECT ST_OK, "SYS_MEMORY of 1 page"
    mv a6, s2
    li a0, USER_TOP
    SYSCALL SYS_MAP_MEMORY
    EXPECT E_INVAL, "SYS_MAP_MEMORY at 0x80000000 (the kernel)"
    mv a6, s2
    li a0, 0x32000800
    SYSCALL SYS_MAP_MEMORY
    EXPECT E_INVAL, "SYS_MAP_MEMORY at an unaligned address"
    mv a6, s2
    li a0, USER_BASE
    SYSCALL SYS_MAP_MEMORY
    EXPECT E_BUSY, "SYS_MAP_MEMORY over its own code"
    mv a6, s2
    li a0, R_SEND | R_RECV
    li a1, 0
    SYSCALL SYS_COPY
    mv s3, a0
    mv a6, s3
    li a0, 0x32000000
    SYSCALL SYS_MAP_MEMORY
    EXPECT E_RIGHTS, "SYS_MAP_MEMORY through a copy without R_MAP"
    mv a6, s3
    SYSCALL SYS_CLOSE
    mv a6, s2
    li a0, 0x32000000
    SYSCALL SYS_MAP_MEMORY
    EXPECT ST_OK, "SYS_MAP_MEMORY of it at 0x32000000"
    li a0, 0x32000000
    li a1, 1
    SYSCALL SYS_UNMAP
    EXPECT E_INVAL, "SYS_UNMAP of the memory object's page"
    mv a6, s2
    li a0, 0x33000000
    SYSCALL SYS_MAP_MEMORY
    EXPECT EXP_ANY, "SYS_MAP_MEMORY of the same object a second time"
    ld ra, 0(sp)
    addi sp, sp, 16
    ret

# ---- Registers pointing into the kernel --------------------------------------------------------------------
try_registers:
    addi sp, sp, -16
    sd ra, 0(sp)
    mv s2, sp
    li sp, 0x80000000
    li gp, 0x80200000
    li tp, 0xffffffffc0000000
    li ra, 0x80000000
    SYSCALL SYS_SELF
    mv sp, s2
    li gp, 0
    li tp, 0
    EXPECT ST_OK, "SYS_SELF with sp, gp, tp and ra pointing into the kernel"
    li a0, 0
    SYSCALL SYS_SLEEP
    EXPECT ST_OK, "SYS_SLEEP of 0 ticks"
    SYSCALL SYS_YIELD
    EXPECT ST_OK, "SYS_YIELD"
    ld ra, 0(sp)
    addi sp, sp, 16
    ret

# ---- Filling the handle table and the object quota ---------------------------------------------------------
try_tables:
    addi sp, sp, -16
    sd ra, 0(sp)
    li s2, 0                            # copies made
1:  mv a6, s9
    li a0, R_ALL
    li a1, 0
    SYSCALL SYS_COPY
    bnez a7, 2f
    addi s2, s2, 1
    li t0, 2 * HANDLES
    bltu s2, t0, 1b
2:  mv a0, a7
    li a1, E_NOSPACE
    LA_STR a2, "SYS_COPY until the handle table is full (copies made)"
    mv a3, s2
    call report
    li s3, 0                            # close every copy: the slots above s9's
    li a6, HANDLES - 1
3:  ble a6, s9, 4f
    SYSCALL SYS_CLOSE
    bnez a7, 5f
    addi s3, s3, 1
5:  addi a6, a6, -1
    j 3b
4:  li s2, 0                            # notifications made
6:  SYSCALL SYS_NOTIFICATION
    bnez a7, 7f
    addi s2, s2, 1
    li t0, HANDLES
    bltu s2, t0, 6b
7:  mv a0, a7
    li a1, E_NOSPACE
    LA_STR a2, "SYS_NOTIFICATION until refused by OBJECT_QUOTA (notifications made)"
    mv a3, s2
    call report
    ld ra, 0(sp)
    addi sp, sp, 16
    ret

# ==== The driver (booted with the boot handles) ====================================================
driver:
    LOG "hostile: privileged attempts"
    SYSCALL SYS_NOTIFICATION
    mv s8, a0
    mv a6, s8
    SYSCALL SYS_BIND                    # child deaths arrive here
    call try_spawn
    call try_devices
    LOG "hostile: the unprivileged run, with no handles"
    li a0, ARG_PLAIN
    call run_child
    li a1, DEATH_EXIT
    li a2, 0
    li a3, EXP_ANY
    LA_STR a4, "the unprivileged run ends"
    call report_death
    LOG "hostile: the fatal attempts, each in a child of its own"
    la s1, fatal_table
    li s2, FATAL_COUNT
1:  ld a0, 0(s1)
    slli a0, a0, 8
    ori a0, a0, ARG_FATAL
    call run_child
    ld a1, 8(s1)
    ld a2, 16(s1)
    ld a3, 24(s1)
    ld a4, 32(s1)
    call report_death
    addi s1, s1, 40
    addi s2, s2, -1
    bnez s2, 1b
    call line_begin
    LSTR "hostile: "
    ld a0, attempts
    call line_dec
    LSTR " attempts, "
    ld a0, unexpected
    call line_dec
    LSTR " unexpected"
    call line_end
    li a0, BOOT_H_FINISHER
    ld a1, unexpected
    snez a1, a1
    j machine_exit

# run_child(a0 = argument word): spawns hostile with no handles and reaps it.
# -> a1 reason, a2 value, a3 address (a7 = the status of the spawn or the reap).
run_child:
    addi sp, sp, -16
    sd ra, 0(sp)
    mv a5, a0
    li a6, BOOT_H_SELF
    la a0, name_hostile
    li a1, 7
    li a2, 0
    li a3, 0
    li a4, PRIO_CHILD
    SYSCALL SYS_SPAWN
    bnez a7, 9f
    call reap
9:  la t0, death_got
    sd a7, 0(t0)
    sd a1, 8(t0)
    sd a2, 16(t0)
    sd a3, 24(t0)
    ld ra, 0(sp)
    addi sp, sp, 16
    ret

# reap() -> as SYS_REAP, waiting (at most WAIT_TICKS) on the bound notification (s8).
reap:
1:  SYSCALL SYS_REAP
    beqz a7, 2f
    li t0, E_NOENT
    bne a7, t0, 2f
    mv a6, s8
    li t5, WAIT_TICKS
    SYSCALL SYS_WAIT | F_TIMEOUT
    beqz a7, 1b
2:  ret

# ---- Spawn arguments --------------------------------------------------------------------------------
# SPAWN length, count, priority, expected, "text": SYS_SPAWN through BOOT_H_SELF of the name
# at a0 and the handle list at a2 (set by the caller), argument ARG_EXIT; a child that
# starts anyway is reaped.
    .macro SPAWN length, count, priority, expected, text
    li a1, \length
    li a3, \count
    li a4, \priority
    li a6, \expected
    LA_STR a7, "\text"
    call spawn_try
    .endm

# spawn_try(a0..a4 as SYS_SPAWN, a6 = expected, a7 = text)
spawn_try:
    addi sp, sp, -32
    sd ra, 0(sp)
    sd a6, 8(sp)
    sd a7, 16(sp)
    li a6, BOOT_H_SELF
    li a5, ARG_EXIT
    SYSCALL SYS_SPAWN
    sd a7, 24(sp)
    mv a0, a7
    ld a1, 8(sp)
    ld a2, 16(sp)
    li a3, -1
    call report
    ld a7, 24(sp)
    bnez a7, 1f
    call reap
1:  ld ra, 0(sp)
    addi sp, sp, 32
    ret

try_spawn:
    addi sp, sp, -16
    sd ra, 0(sp)
    li a0, 0x80000000
    li a2, 0
    SPAWN 7, 0, 1, E_FAULT, "SYS_SPAWN with the name at 0x80000000"
    li a0, 0
    li a2, 0
    SPAWN 7, 0, 1, E_FAULT, "SYS_SPAWN with the name at null"
    la a0, name_hostile
    li a2, 0
    SPAWN 1000, 0, 1, E_INVAL, "SYS_SPAWN with a name of 1000 bytes"
    la a0, name_hostile
    li a2, 0
    SPAWN -1, 0, 1, E_INVAL, "SYS_SPAWN with a name of 2^64 - 1 bytes"
    la a0, name_hostile
    li a2, 0
    SPAWN 0, 0, 1, EXP_ANY, "SYS_SPAWN with a name of 0 bytes"
    la a0, name_hostile
    li a2, 0
    SPAWN 8, 0, 1, EXP_ANY, "SYS_SPAWN of hostile with its NUL in the length"
    la a0, name_kernel
    li a2, 0
    SPAWN 6, 0, 1, E_NOENT, "SYS_SPAWN of kernel (not a program)"
    la a0, name_hostile
    li a2, 0x80000000
    SPAWN 7, 1, 1, E_FAULT, "SYS_SPAWN with the handle list at 0x80000000"
    la a0, name_hostile
    li a2, UNMAPPED_VA
    SPAWN 7, 1, 1, E_FAULT, "SYS_SPAWN with the handle list unmapped"
    la a0, name_hostile
    la a2, handle_list
    SPAWN 7, 17, 1, E_INVAL, "SYS_SPAWN with 17 handles"
    la a0, name_hostile
    la a2, handle_list
    SPAWN 7, -1, 1, E_INVAL, "SYS_SPAWN with 2^64 - 1 handles"
    la a0, name_hostile
    la a2, bad_handle_list
    SPAWN 7, 1, 1, E_HANDLE, "SYS_SPAWN handing over handle 1000"
    la a0, name_hostile
    la a2, empty_handle_list
    SPAWN 7, 1, 1, E_HANDLE, "SYS_SPAWN handing over an empty slot"
    la a0, name_hostile
    la a2, odd_handle_list
    SPAWN 7, 1, 1, ST_OK, "SYS_SPAWN with the handle list at an odd address"
    la a0, name_hostile
    li a2, 0
    SPAWN 7, 0, 8, E_INVAL, "SYS_SPAWN at priority 8"
    la a0, name_hostile
    li a2, 0
    SPAWN 7, 0, -1, E_INVAL, "SYS_SPAWN at priority -1"
    li a6, BOOT_H_SELF
    li a0, R_ALL & ~R_SPAWN
    li a1, 0
    SYSCALL SYS_COPY
    mv s2, a0
    mv a6, s2
    la a0, name_hostile
    li a1, 7
    li a2, 0
    li a3, 0
    li a4, 1
    li a5, ARG_EXIT
    SYSCALL SYS_SPAWN
    EXPECT E_RIGHTS, "SYS_SPAWN through a copy of its process handle without R_SPAWN"
    mv a6, s2
    SYSCALL SYS_CLOSE
    li a6, BOOT_H_SELF
    li a0, R_ALL & ~R_CONTROL
    li a1, 0
    SYSCALL SYS_COPY
    mv s2, a0
    mv a6, s2
    SYSCALL SYS_KILL
    EXPECT E_RIGHTS, "SYS_KILL of itself through a copy without R_CONTROL"
    mv a6, s2
    SYSCALL SYS_CLOSE
    ld ra, 0(sp)
    addi sp, sp, 16
    ret

# ---- Devices and IRQs --------------------------------------------------------------------------------
try_devices:
    addi sp, sp, -16
    sd ra, 0(sp)
    li a6, BOOT_H_UART
    li a0, USER_TOP
    SYSCALL SYS_MAP_DEVICE
    EXPECT E_INVAL, "SYS_MAP_DEVICE of the UART at 0x80000000 (the kernel)"
    li a6, BOOT_H_UART
    li a0, DEVICE_VA + 8
    SYSCALL SYS_MAP_DEVICE
    EXPECT E_INVAL, "SYS_MAP_DEVICE of the UART at an unaligned address"
    li a6, BOOT_H_UART
    li a0, USER_BASE
    SYSCALL SYS_MAP_DEVICE
    EXPECT E_BUSY, "SYS_MAP_DEVICE of the UART over its own code"
    li a6, BOOT_H_UART
    li a0, R_ALL & ~R_MAP
    li a1, 0
    SYSCALL SYS_COPY
    mv s2, a0
    mv a6, s2
    li a0, DEVICE_VA
    SYSCALL SYS_MAP_DEVICE
    EXPECT E_RIGHTS, "SYS_MAP_DEVICE through a copy without R_MAP"
    mv a6, s2
    SYSCALL SYS_CLOSE
    li a6, BOOT_H_UART_IRQ
    SYSCALL SYS_IRQ_ACK
    EXPECT E_INVAL, "SYS_IRQ_ACK with no interrupt claimed"
    li a6, BOOT_H_UART_IRQ
    li a0, 1000
    li a1, 1
    SYSCALL SYS_IRQ_BIND
    EXPECT E_HANDLE, "SYS_IRQ_BIND to handle 1000"
    li a6, BOOT_H_UART_IRQ
    li a0, R_ALL & ~R_CONTROL
    li a1, 0
    SYSCALL SYS_COPY
    mv s2, a0
    mv a6, s2
    SYSCALL SYS_IRQ_ACK
    EXPECT E_RIGHTS, "SYS_IRQ_ACK through a copy without R_CONTROL"
    mv a6, s2
    SYSCALL SYS_CLOSE
    ld ra, 0(sp)
    addi sp, sp, 16
    ret

# ==== Reports =========================================================================================

# report(a0 = status, a1 = expected (EXP_ANY: anything), a2 = what was tried, a3 = a count
# to show, or -1): "hostile: what -> STATUS (verdict)".
report:
    addi sp, sp, -48
    sd ra, 0(sp)
    sd s1, 8(sp)
    sd s2, 16(sp)
    sd s3, 24(sp)
    sd s4, 32(sp)
    mv s1, a0
    mv s2, a1
    mv s3, a2
    mv s4, a3
    la t0, attempts
    ld t1, 0(t0)
    addi t1, t1, 1
    sd t1, 0(t0)
    call line_begin
    LSTR "hostile: "
    mv a0, s3
    call line_str
    LSTR " -> "
    mv a0, s1
    call line_status
    bltz s4, 1f
    LSTR " after "
    mv a0, s4
    call line_dec
1:  li t0, EXP_ANY
    bne s2, t0, 2f
    LSTR " (handled)"
    j 9f
2:  bne s1, s2, 4f
    li t0, E_TIMEOUT                    # a time-out is no refusal
    beq s1, t0, 5f
    bltz s1, 3f
5:  LSTR " (as expected)"
    j 9f
3:  LSTR " (refused)"
    j 9f
4:  LSTR " (UNEXPECTED: the ABI says "
    mv a0, s2
    call line_status
    LSTR ")"
    la t0, unexpected
    ld t1, 0(t0)
    addi t1, t1, 1
    sd t1, 0(t0)
9:  call line_end
    ld ra, 0(sp)
    ld s1, 8(sp)
    ld s2, 16(sp)
    ld s3, 24(sp)
    ld s4, 32(sp)
    addi sp, sp, 48
    ret

# report_death(a1 = reason, a2 = value, a3 = address, a4 = what was tried): compares the
# death run_child saved in death_got with the expectation (EXP_ANY: any reason, or the
# value or address not checked; an address not checked is not printed either).
report_death:
    addi sp, sp, -64
    sd ra, 0(sp)
    sd s1, 8(sp)
    sd s2, 16(sp)
    sd s3, 24(sp)
    sd s4, 32(sp)
    sd s5, 40(sp)
    mv s1, a1
    mv s2, a2
    mv s3, a3
    mv s4, a4
    la t0, attempts
    ld t1, 0(t0)
    addi t1, t1, 1
    sd t1, 0(t0)
    li s5, 0                            # 1: unexpected
    la t0, death_got
    ld t1, 0(t0)                        # status
    ld t2, 8(t0)                        # reason
    ld t3, 16(t0)                       # value
    ld t4, 24(t0)                       # address
    li t5, EXP_ANY
    bnez t1, 1f
    beq s1, t5, 3f
    bne t2, s1, 1f
    beq s2, t5, 2f
    bne t3, s2, 1f
2:  beq s3, t5, 3f
    bne t4, s3, 1f
    j 3f
1:  li s5, 1
3:  call line_begin
    LSTR "hostile: "
    mv a0, s4
    call line_str
    LSTR " -> "
    la a0, death_got
    mv a1, s2
    mv a2, s3
    call line_death
    bnez s5, 4f
    LSTR " (as expected)"
    j 9f
4:  LSTR " (UNEXPECTED)"
    la t0, unexpected
    ld t1, 0(t0)
    addi t1, t1, 1
    sd t1, 0(t0)
9:  call line_end
    ld ra, 0(sp)
    ld s1, 8(sp)
    ld s2, 16(sp)
    ld s3, 24(sp)
    ld s4, 32(sp)
    ld s5, 40(sp)
    addi sp, sp, 64
    ret

# line_death(a0 = death_got, a1 = expected value, a2 = expected address): appends how the
# child ended; the value and the address only where the expectation names them.
line_death:
    addi sp, sp, -48
    sd ra, 0(sp)
    sd s1, 8(sp)
    sd s2, 16(sp)
    sd s3, 24(sp)
    mv s1, a0
    mv s2, a1
    mv s3, a2
    ld a0, 0(s1)
    beqz a0, 1f
    call line_status                    # the spawn or the reap failed
    j 9f
1:  ld t0, 8(s1)
    li t1, DEATH_EXIT
    beq t0, t1, 2f
    li t1, DEATH_FAULT
    beq t0, t1, 3f
    li t1, DEATH_SYSCALL
    beq t0, t1, 4f
    LSTR "killed by pid "
    ld a0, 16(s1)
    call line_dec
    j 9f
2:  LSTR "exited with status "
    ld a0, 16(s1)
    call line_dec
    j 9f
3:  LSTR "killed: scause "
    ld a0, 16(s1)
    call line_dec
    li t0, EXP_ANY
    beq s3, t0, 9f
    LSTR ", stval "
    ld a0, 24(s1)
    call line_hex
    j 9f
4:  LSTR "killed: bad system call "
    ld a0, 16(s1)
    call line_hex
9:  ld ra, 0(sp)
    ld s1, 8(sp)
    ld s2, 16(sp)
    ld s3, 24(sp)
    addi sp, sp, 48
    ret

# ==== Fatal attempts (argument ARG_FATAL | k << 8) ====================================================
fatal:
    li t0, FATAL_COUNT
    bgtu s1, t0, 1f
    beqz s1, 1f
    slli t0, s1, 3
    la t1, fatal_code - 8
    add t1, t1, t0
    ld t1, 0(t1)
    jr t1
1:  li a0, 98
    j exit
f_read_kernel:
    li t0, 0x80000000
    ld t0, 0(t0)
    j f_survived
f_write_kernel:
    li t0, 0x80200000
    sd zero, 0(t0)
    j f_survived
f_write_code:
    la t0, _start
    sw zero, 0(t0)
    j f_survived
f_uart:
    li t0, 0x10000000
    li t1, 65
    sb t1, 0(t0)
    j f_survived
f_finisher:
    li t0, 0x100000
    li t1, FINISHER_PASS
    sw t1, 0(t0)
    j f_survived
f_count:
    SYSCALL SYS_COUNT
    j f_survived
f_255:
    SYSCALL 255
    j f_survived
f_minus1:
    SYSCALL -1
    j f_survived
f_high_bit:
    SYSCALL SYS_LOG | 0x400
    j f_survived
f_jump_kernel:
    li t0, 0x80000000
    jr t0
f_satp:
    csrw satp, zero
    j f_survived
f_sret:
    sret
    j f_survived
f_mret:
    mret
    j f_survived
f_wfi:
    wfi
    j f_survived
f_stack_top:
    li t0, USER_STACK_TOP
    ld t0, 0(t0)
    j f_survived
f_exec_stack:
    li t0, 0x00008067                   # ret, on the stack
    sw t0, -16(sp)
    addi t0, sp, -16
    jr t0
f_unmap_code:
    la a0, f_unmap_after
    srli a0, a0, 12
    slli a0, a0, 12
    li a1, 1
    SYSCALL SYS_UNMAP
f_unmap_after:
    j f_survived
f_survived:
    li a0, 97
    j exit

    .section .rodata
    .balign 8
fatal_code:
    .dword f_read_kernel, f_write_kernel, f_write_code, f_uart, f_finisher, f_count, f_255
    .dword f_minus1, f_high_bit, f_jump_kernel, f_satp, f_sret, f_mret, f_wfi, f_stack_top
    .dword f_exec_stack, f_unmap_code  # FATAL_COUNT entries

# How each fatal attempt must end: argument, reason, value, address, text.
fatal_table:
    .dword 1, DEATH_FAULT, 13, 0x80000000, ft_1
    .dword 2, DEATH_FAULT, 15, 0x80200000, ft_2
    .dword 3, DEATH_FAULT, 15, _start, ft_3
    .dword 4, DEATH_FAULT, 15, 0x10000000, ft_4
    .dword 5, DEATH_FAULT, 15, 0x100000, ft_5
    .dword 6, DEATH_SYSCALL, SYS_COUNT, EXP_ANY, ft_6
    .dword 7, DEATH_SYSCALL, 255, EXP_ANY, ft_7
    .dword 8, DEATH_SYSCALL, -1, EXP_ANY, ft_8
    .dword 9, DEATH_SYSCALL, SYS_LOG | 0x400, EXP_ANY, ft_9
    .dword 10, DEATH_FAULT, 12, 0x80000000, ft_10
    .dword 11, DEATH_FAULT, 2, EXP_ANY, ft_11
    .dword 12, DEATH_FAULT, 2, EXP_ANY, ft_12
    .dword 13, DEATH_FAULT, 2, EXP_ANY, ft_13
    .dword 14, EXP_ANY, EXP_ANY, EXP_ANY, ft_14
    .dword 15, DEATH_FAULT, 13, USER_STACK_TOP, ft_15
    .dword 16, DEATH_FAULT, 12, EXP_ANY, ft_16
    .dword 17, DEATH_FAULT, 12, f_unmap_after, ft_17
ft_1:   .string "ld from 0x80000000 (read kernel memory)"
ft_2:   .string "sd to 0x80200000 (write kernel memory)"
ft_3:   .string "sw to its own code"
ft_4:   .string "sb to the UART at 0x10000000 without mapping it"
ft_5:   .string "sw 0x5555 to the test finisher at 0x100000 without mapping it"
ft_6:   .string "system call SYS_COUNT"
ft_7:   .string "system call 255"
ft_8:   .string "system call -1"
ft_9:   .string "SYS_LOG with a7 bit 10 set"
ft_10:  .string "jr to 0x80000000 (run kernel code)"
ft_11:  .string "csrw satp (a supervisor CSR)"
ft_12:  .string "sret in U-mode"
ft_13:  .string "mret in U-mode"
ft_14:  .string "wfi in U-mode (the spec allows a trap or a short wait)"
ft_15:  .string "ld from the page above the stack"
ft_16:  .string "jr to code written on the stack"
ft_17:  .string "SYS_UNMAP of the page it is running in"

name_hostile:   .string "hostile"
name_kernel:    .string "kernel"
    .balign 8
ro_data:        .dword 0, 0, 0, 0
handle_list:    .dword 0, 0, 0, 0
bad_handle_list: .dword 1000
empty_handle_list: .dword FREE_SLOT
    .balign 8
    .byte 0
odd_handle_list: .byte BOOT_H_SELF, 0, 0, 0, 0, 0, 0, 0
    .balign 2
    .byte 0
odd_text:
    .ascii "hostile: this line was logged from an odd address"
    .byte 10
odd_text_end:

    .bss
    .balign 8
attempts:       .zero 8
unexpected:     .zero 8
death_got:      .zero 32                # status, reason, value, address of the last reap
