# ktest.S: the kernel's test program.
#
# Booted as the first process (`rvmk run images/kernel.img --append init=ktest`), it holds
# the boot handles and checks the system calls of Guest/ABI.md one behaviour at a time,
# printing one line per check in the TAP style:
#
#   ok 12 - the server sees the badge of the handle the caller used
#   not ok 13 - ... (got E_TIMEOUT, expected 0)
#
# then `ktest: N passed, M failed`, and stops the machine through the test finisher
# (status 0 when everything passed, 1 otherwise). Nothing printed depends on timing: a
# passing run prints the same lines on every kernel that keeps the ABI.
#
# The processes the tests need are copies of ktest itself, spawned with an argument word
# that selects a role (low byte) and a parameter (the bits above): a test server, clients,
# spinners, children that die in a chosen way. The main process runs at priority 7, so a
# child (priority 6 and below) runs only while the main process is blocked: each test
# decides exactly when its children run by blocking (a call, a receive, a wait, a sleep).
#
# Every wait has a time-out, so a kernel that loses a message makes a check fail instead
# of hanging the run.

    .include "lib.inc"

# ---- Roles: the argument word's low byte; the parameter is the word >> 8 -------------------
    .equ ROLE_MAIN,         0       # the test driver (the first process)
    .equ ROLE_SERVER,       1       # handles [endpoint]: serves the OP_* requests below
    .equ ROLE_CLIENT,       2       # handles [server endpoint, report endpoint]: OP_HOLD, reports
    .equ ROLE_REPORTER,     3       # handles [endpoint]: calls it with a0 = parameter, exits
    .equ ROLE_SPINNER,      4       # handles [endpoint]: computes, reports when it ran
    .equ ROLE_FAULT,        5       # dies the way the parameter (FAULT_*) says
    .equ ROLE_BLOCKER,      6       # handles [endpoint]: reports its pid, then waits forever
    .equ ROLE_EXIT,         7       # exits at once with the parameter as its status
    .equ ROLE_EPOWNER,      8       # handles [endpoint]: grants an endpoint it made, exits later
    .equ ROLE_MEMUSER,      9       # handles [memory object]: maps it, uses it (parameter 1: dies)
    .equ ROLE_OBJQUOTA,     10      # handles [endpoint]: makes objects until refused, reports
    .equ ROLE_COUNT,        11

# ---- The test server's requests (a0); any other a0 is echoed complemented -----------------
    .equ OP_BADGE,          1       # -> a0 = the badge the call came with
    .equ OP_SETCAP,         2       # a1 = the capacity of the server's next receive buffer
    .equ OP_BUF,            3       # a1 = request pattern seed, a2/a3 = reply length/seed
                                    # -> a0 = bytes received, a1 = of which match the pattern
    .equ OP_GRANT_IN,       4       # F_GRANT a notification; a1 = bits the server signals
                                    # -> a0 = 1 if a handle came, a1 = the signal's status
    .equ OP_GRANT_OUT,      5       # -> F_GRANT of a notification the server made
    .equ OP_NOTE_WAIT,      6       # -> a0 = bits pending on that notification
    .equ OP_HOLD,           7       # a1 = id; held until a second OP_HOLD comes, then both
                                    # answered, the second first: a0 = id, a1 = reply order,
                                    # a2 = arrival order
    .equ OP_DROP,           8       # never answered (its token is kept)
    .equ OP_LATE,           9       # answers the dropped call -> a0 = that reply's status
    .equ OP_EXIT,           10      # answers, then exits with status a1
    .equ OP_DIE,            11      # exits with status a1 without answering
    .equ OP_PID,            12      # -> a0 = the server's pid
    .equ OP_CALLER,         13      # -> a0 = the caller's pid (t5 on receive)
    .equ OP_COUNT,          14

# ---- Ways to die (ROLE_FAULT) ---------------------------------------------------------------
    .equ FAULT_LOAD,        1       # load from an unmapped page
    .equ FAULT_STORE,       2       # store to an unmapped page
    .equ FAULT_FETCH,       3       # jump to an unmapped page
    .equ FAULT_ILLEGAL,     4       # the all-zero instruction
    .equ FAULT_AMO,         5       # amoadd.w on an odd address
    .equ FAULT_EBREAK,      6
    .equ FAULT_SYSCALL,     7       # system call number 99
    .equ FAULT_CODE,        8       # store into its own text
    .equ FAULT_UNMAPPED,    9       # map a page, unmap it, load from it
    .equ FAULT_PRIV,        10      # read sstatus from U-mode
    .equ FAULT_KERNEL,      11      # load from the kernel's first page
    .equ FAULT_NOEXEC,      12      # jump into .data (R W, not X)
    .equ FAULT_STACK,       13      # store just below the stack
    .equ FAULT_RODATA,      14      # store into .rodata
    .equ FAULT_FLAGS,       15      # SYS_SELF with a7 bit 10 set (no such flag)
    .equ FAULT_COUNT,       16

    .equ PRIO_MAIN,         7
    .equ PRIO_CHILD,        6
    .equ CALL_TIMEOUT,      5000000 # ticks (0.5 s): any wait that should end much sooner
    .equ SETTLE,            10000   # ticks of sleep that let lower-priority children block
    .equ ANY,               -1      # an expected value that is not checked
    .equ UNMAPPED_ADDR,     0x1000  # below USER_BASE: never mapped
    .equ UNMAPPED_CODE,     0x2000
    .equ MAP_VA,            0x40000000
    .equ QUOTA_VA,          0x20000000
    .equ CHILD_MAP_VA,      0x41000000
    .equ MEM_VA,            0x50000000  # the driver's memory objects, 1 MiB apart
    .equ CHILD_MEM_VA,      0x58000000
    .equ SPIN_TICKS,        120000  # a spinner's run: six time slices of 20,000 ticks

# ---- Checks ------------------------------------------------------------------------------------

# CHECK got, expected, "description": got is a register, expected a constant.
    .macro CHECK got, expected, text
    mv a0, \got
    li a1, \expected
    LA_STR a2, "\text"
    call check
    .endm

# CHECKR got, expected, "description": both registers (not t6).
    .macro CHECKR got, expected, text
    mv t6, \expected
    mv a0, \got
    mv a1, t6
    LA_STR a2, "\text"
    call check
    .endm

# REAPS handle, reason, value, address, "description": reaps the next dead child and checks
# it (ANY skips a field; handle is a register or ANY). a0 = the dead child's pid afterwards.
    .macro REAPS handle, reason, value, address, text
    .ifc \handle,ANY
    li a0, ANY
    .else
    mv a0, \handle
    .endif
    li a1, \reason
    li a2, \value
    li a3, \address
    LA_STR a4, "\text"
    call reap_check
    .endm

# A call to the test server (or to a6 with SCALL_A6) with a time-out.
    .macro TCALL flags=0
    li t5, CALL_TIMEOUT
    SYSCALL SYS_CALL | F_TIMEOUT | (\flags)
    .endm
    .macro SCALL flags=0
    ld a6, h_ep
    TCALL \flags
    .endm

# Test functions save ra and every s-register.
    .macro ENTER
    addi sp, sp, -112
    sd ra, 0(sp)
    sd s0, 8(sp)
    sd s1, 16(sp)
    sd s2, 24(sp)
    sd s3, 32(sp)
    sd s4, 40(sp)
    sd s5, 48(sp)
    sd s6, 56(sp)
    sd s7, 64(sp)
    sd s8, 72(sp)
    sd s9, 80(sp)
    sd s10, 88(sp)
    sd s11, 96(sp)
    .endm
    .macro LEAVE
    ld ra, 0(sp)
    ld s0, 8(sp)
    ld s1, 16(sp)
    ld s2, 24(sp)
    ld s3, 32(sp)
    ld s4, 40(sp)
    ld s5, 48(sp)
    ld s6, 56(sp)
    ld s7, 64(sp)
    ld s8, 72(sp)
    ld s9, 80(sp)
    ld s10, 88(sp)
    ld s11, 96(sp)
    addi sp, sp, 112
    ret
    .endm

    .text
    .globl _start
# a0 = handle count, a1 = argument word, a2 = pid.
_start:
    sd a2, my_pid, t0
    andi t0, a1, 0xff
    srli s1, a1, 8
    li t1, ROLE_COUNT
    bgeu t0, t1, 1f
    slli t0, t0, 3
    la t1, role_table
    add t1, t1, t0
    ld t1, 0(t1)
    jr t1
1:  li a0, 99
    j exit

# ==== The test driver ======================================================================
main:
    li t0, BOOT_HANDLES
    bgeu a0, t0, 1f
    LOG "ktest: needs the boot handles: run it as the first process (init=ktest)"
    li a0, 1
    j exit
1:  LOG "ktest: kernel tests"
    call t_setup
    call t_basics
    call t_ipc_regs
    call t_badge
    call t_buffers
    call t_grant
    call t_out_of_order
    call t_notifications
    call t_timeouts
    call t_priorities
    call t_preemption
    call t_faults
    call t_dead
    call t_kill
    call t_revoke
    call t_map
    call t_quota
    call t_info
    call t_memory
    call t_objects
    call t_spawn_errors
    call t_server_exit
    call line_begin
    LSTR "ktest: "
    ld a0, passed
    call line_dec
    LSTR " passed, "
    ld a0, failed
    call line_dec
    LSTR " failed"
    call line_end
    li a0, BOOT_H_FINISHER
    ld a1, failed
    snez a1, a1
    j machine_exit

# ---- Setup: the child notification, the test server -----------------------------------------
t_setup:
    ENTER
    SYSCALL SYS_NOTIFICATION
    sd a0, h_child, t0
    mv s1, a7
    CHECK s1, 0, "SYS_NOTIFICATION makes a notification"
    ld a6, h_child
    SYSCALL SYS_BIND
    mv s1, a7
    CHECK s1, 0, "SYS_BIND binds it to the process (child deaths arrive there)"
    SYSCALL SYS_ENDPOINT
    sd a0, h_ep, t0
    mv s1, a7
    CHECK s1, 0, "SYS_ENDPOINT makes an endpoint"
    SYSCALL SYS_ENDPOINT
    sd a0, h_r, t0
    li a0, ROLE_SERVER
    li a1, PRIO_CHILD
    li a2, 1
    ld a3, h_ep
    call spawn_raw
    sd a0, h_srv, t0
    mv s1, a7
    CHECK s1, 0, "SYS_SPAWN starts the test server (ktest, role server)"
    LEAVE

# ---- Basics ---------------------------------------------------------------------------------
t_basics:
    ENTER
    SYSCALL SYS_SELF
    ld t0, my_pid
    mv s1, a0
    CHECKR s1, t0, "SYS_SELF returns the pid _start got in a2"
    SYSCALL SYS_YIELD
    mv s1, a7
    CHECK s1, 0, "SYS_YIELD returns ST_OK"
    SYSCALL SYS_REAP
    mv s1, a7
    CHECK s1, E_NOENT, "SYS_REAP with no dead child: E_NOENT"
    li a6, BOOT_H_SELF
    li a0, R_ALL
    li a1, 0
    SYSCALL SYS_COPY
    mv s1, a7
    mv s2, a0
    CHECK s1, 0, "SYS_COPY of a handle"
    mv a6, s2
    SYSCALL SYS_CLOSE
    mv s1, a7
    CHECK s1, 0, "SYS_CLOSE of the copy"
    mv a6, s2
    SYSCALL SYS_CLOSE
    mv s1, a7
    CHECK s1, E_HANDLE, "SYS_CLOSE of an empty slot: E_HANDLE"
    LEAVE

# ---- IPC: six registers each way ---------------------------------------------------------------
    .macro MISMATCH reg, value, bit
    li t2, \value
    beq \reg, t2, .Lmm\@
    ori s2, s2, \bit
.Lmm\@:
    .endm

t_ipc_regs:
    ENTER
    li a0, 0x0123456789abcdef
    li a1, 0x7edcba9876543210
    li a2, -2
    li a3, 0x8000000000000000
    li a4, 0x00000000ffffffff
    li a5, 0x5a5a5a5a5a5a5a5a
    SCALL
    mv s1, a7
    li s2, 0                            # bit i: a_i came back wrong
    MISMATCH a0, ~0x0123456789abcdef, 1
    MISMATCH a1, ~0x7edcba9876543210, 2
    MISMATCH a2, 1, 4
    MISMATCH a3, 0x7fffffffffffffff, 8
    MISMATCH a4, 0xffffffff00000000, 16
    MISMATCH a5, 0xa5a5a5a5a5a5a5a5, 32
    mv s3, t0
    mv s4, t1
    CHECK s1, 0, "SYS_CALL to the test server returns ST_OK"
    CHECK s2, 0, "a0..a5 go to the server and its a0..a5 come back (mask of wrong registers)"
    CHECK s3, 0, "a reply without a buffer: t0 = 0"
    CHECK s4, -1, "a reply without a handle: t1 = -1"
    li a0, OP_CALLER
    SCALL
    mv s1, a0
    ld t0, my_pid
    CHECKR s1, t0, "the server learns the caller's pid (t5)"
    LEAVE

# ---- Badges --------------------------------------------------------------------------------------
t_badge:
    ENTER
    ld a6, h_ep
    li a0, R_SEND
    li a1, 0x42
    SYSCALL SYS_COPY
    mv s1, a0                           # the badged copy
    mv s2, a7
    CHECK s2, 0, "SYS_COPY with badge 0x42 and R_SEND only"
    mv a6, s1
    li a0, OP_BADGE
    TCALL
    mv s2, a0
    CHECK s2, 0x42, "the server sees the badge of the handle the caller used"
    li a0, OP_BADGE
    SCALL
    mv s2, a0
    CHECK s2, 0, "a call through an unbadged handle arrives with badge 0"
    mv a6, s1
    li a0, R_ALL
    li a1, 0x43
    SYSCALL SYS_COPY
    mv s2, a7
    CHECK s2, E_INVAL, "badging a badged handle again: E_INVAL"
    mv a6, s1
    li a0, R_ALL
    li a1, 0
    SYSCALL SYS_COPY
    mv s3, a0
    mv a6, s3
    li a0, OP_BADGE
    TCALL
    mv s2, a0
    CHECK s2, 0x42, "a copy of a badged handle keeps the badge"
    mv a6, s3
    li t5, 0
    SYSCALL SYS_RECV | F_TIMEOUT
    mv s2, a7
    CHECK s2, E_RIGHTS, "a copy masked to R_SEND cannot receive: E_RIGHTS"
    mv a6, s3
    SYSCALL SYS_CLOSE
    mv a6, s1
    SYSCALL SYS_CLOSE
    LEAVE

# ---- Buffers ---------------------------------------------------------------------------------------
t_buffers:
    ENTER
    la a0, cbuf_send
    li a1, MSG_BUF_MAX
    li a2, 1
    call pattern_fill
    la a0, cbuf_recv
    li a1, 0xee
    li a2, MSG_BUF_MAX
    call memset
    li a0, OP_BUF
    li a1, 1
    li a2, MSG_BUF_MAX
    li a3, 2
    la t0, cbuf_send
    li t1, MSG_BUF_MAX
    la t2, cbuf_recv
    li t3, MSG_BUF_MAX
    SCALL F_SEND_BUF | F_RECV_BUF
    mv s1, a7
    mv s2, a0
    mv s3, a1
    mv s4, t0
    CHECK s1, 0, "a call with a 4 KiB buffer each way"
    CHECK s2, 4096, "the server receives 4096 bytes (its t0)"
    CHECK s3, 4096, "the server receives the bytes sent"
    CHECK s4, 4096, "the caller receives the 4096-byte reply (its t0)"
    la a0, cbuf_recv
    li a1, MSG_BUF_MAX
    li a2, 2
    call pattern_check
    mv s1, a0
    CHECK s1, 4096, "the caller receives the bytes the server sent"

    li a0, OP_SETCAP
    li a1, 100
    SCALL
    li a0, OP_BUF
    li a1, 1
    li a2, 0
    li a3, 0
    la t0, cbuf_send
    li t1, MSG_BUF_MAX
    SCALL F_SEND_BUF
    mv s2, a0
    mv s3, a1
    CHECK s2, 100, "a 4096-byte request to a receive buffer of 100 bytes: 100 arrive"
    CHECK s3, 100, "and they are the first 100 bytes sent"

    la a0, cbuf_recv
    li a1, 0xee
    li a2, MSG_BUF_MAX
    call memset
    li a0, OP_BUF
    li a1, 1
    li a2, MSG_BUF_MAX
    li a3, 3
    la t0, cbuf_send
    li t1, 16
    la t2, cbuf_recv
    li t3, 10
    SCALL F_SEND_BUF | F_RECV_BUF
    mv s1, a0
    mv s2, t0
    CHECK s1, 16, "a 16-byte request arrives as 16 bytes"
    CHECK s2, 10, "a 4096-byte reply to a reply buffer of 10 bytes: 10 arrive"
    la a0, cbuf_recv
    li a1, 10
    li a2, 3
    call pattern_check
    mv s1, a0
    lbu s2, cbuf_recv + 10
    CHECK s1, 10, "and they are the first 10 bytes of the reply"
    CHECK s2, 0xee, "the caller's buffer is untouched after them"

    li a0, OP_BUF
    li a1, 1
    li a2, 0
    li a3, 0
    SCALL
    mv s1, a0
    CHECK s1, 0, "a call without F_SEND_BUF: the server's t0 = 0"
    li a0, OP_BUF
    li t0, 0x80000000
    li t1, 16
    SCALL F_SEND_BUF
    mv s1, a7
    CHECK s1, E_FAULT, "a request buffer in kernel memory: E_FAULT"
    li a0, OP_BUF
    la t0, cbuf_send
    li t1, MSG_BUF_MAX + 1
    SCALL F_SEND_BUF
    mv s1, a7
    CHECK s1, E_FAULT, "a request buffer of 4097 bytes: E_FAULT"
    li a0, OP_BUF
    la t2, message_rodata
    li t3, 16
    SCALL F_RECV_BUF
    mv s1, a7
    CHECK s1, E_FAULT, "a reply buffer in read-only memory: E_FAULT"
    LEAVE

# ---- Granting handles ------------------------------------------------------------------------------
t_grant:
    ENTER
    SYSCALL SYS_NOTIFICATION
    mv s1, a0
    sd s1, h_note, t0
    mv a6, s1
    li a0, R_SEND | R_GRANT
    li a1, 0
    SYSCALL SYS_COPY
    mv s2, a0                           # to grant
    li a0, OP_GRANT_IN
    li a1, 0x30
    mv t4, s2
    SCALL F_GRANT
    mv s3, a7
    mv s4, a0
    mv s5, a1
    CHECK s3, 0, "a call granting a notification handle (F_GRANT)"
    CHECK s4, 1, "the server gets a handle in t1"
    CHECK s5, 0, "the server signals through the granted handle"
    mv a6, s1
    li t5, CALL_TIMEOUT
    SYSCALL SYS_WAIT | F_TIMEOUT
    mv s3, a0
    CHECK s3, 0x30, "the caller gets the bits the server signalled"
    mv a6, s2
    li a0, 1
    SYSCALL SYS_SIGNAL
    mv s3, a7
    CHECK s3, 0, "the granter keeps its own handle"
    mv a6, s1
    li t5, 0
    SYSCALL SYS_WAIT | F_TIMEOUT
    mv a6, s1
    li a0, R_SEND
    li a1, 0
    SYSCALL SYS_COPY
    mv s4, a0                           # no R_GRANT
    li a0, OP_GRANT_IN
    li a1, 1
    mv t4, s4
    SCALL F_GRANT
    mv s3, a7
    CHECK s3, E_RIGHTS, "granting a handle without R_GRANT: E_RIGHTS"
    mv a6, s4
    SYSCALL SYS_CLOSE
    mv a6, s2
    SYSCALL SYS_CLOSE

    li a0, OP_GRANT_OUT
    SCALL
    mv s3, a7
    mv s4, a0
    mv s5, t1
    sd s5, h_granted, t0
    CHECK s3, 0, "a reply granting a handle"
    sltiu s6, s5, HANDLES
    CHECK s6, 1, "the caller gets it in t1"
    mv a6, s5
    li a0, 0x5a
    SYSCALL SYS_SIGNAL
    mv s3, a7
    CHECK s3, 0, "the caller signals through the granted handle"
    li a0, OP_NOTE_WAIT
    SCALL
    mv s3, a0
    CHECK s3, 0x5a, "the server finds those bits on its notification"
    LEAVE

# ---- Reply tokens answered out of order -------------------------------------------------------------
# The server holds this process's call and a client's; it answers the one that came second
# first. Which call arrives first is the scheduler's business: each side checks its own
# reply and that the reply order is the reverse of the arrival order.
t_out_of_order:
    ENTER
    li a0, ROLE_CLIENT
    li a1, 5
    li a2, 2
    ld a3, h_ep
    ld a4, h_r
    call spawn
    mv s10, a0
    li a0, OP_HOLD
    li a1, 1
    SCALL
    mv s2, a7
    mv s3, a0                           # id
    mv s4, a1                           # reply order
    mv s5, a2                           # arrival order
    ld a0, h_r
    call recv_call                      # the client's report
    mv s6, a0
    mv s7, a1
    mv s8, a2
    li a0, 0
    SYSCALL SYS_REPLY
    CHECK s2, 0, "two calls held by the server: this one returns"
    CHECK s3, 1, "this caller gets the reply to its own call"
    CHECK s6, 0xc, "the other caller gets the reply to its own call"
    li t0, 3
    sub t0, t0, s5
    CHECKR s4, t0, "this caller's reply: reply order is the reverse of arrival"
    li t0, 3
    sub t0, t0, s8
    CHECKR s7, t0, "the other caller's reply: reply order is the reverse of arrival"
    add t0, s5, s8
    CHECK t0, 3, "the two calls arrived one after the other"
    REAPS s10, DEATH_EXIT, 0, ANY, "the client exits with status 0"
    LEAVE

# ---- Notifications ------------------------------------------------------------------------------------
t_notifications:
    ENTER
    ld s1, h_note
    mv a6, s1
    li a0, 1
    SYSCALL SYS_SIGNAL
    mv a6, s1
    li a0, 4
    SYSCALL SYS_SIGNAL
    mv a6, s1
    li t5, CALL_TIMEOUT
    SYSCALL SYS_WAIT | F_TIMEOUT
    mv s2, a0
    CHECK s2, 5, "signalled bits accumulate until SYS_WAIT takes them"
    mv a6, s1
    li t5, 0
    SYSCALL SYS_WAIT | F_TIMEOUT
    mv s2, a7
    CHECK s2, E_TIMEOUT, "SYS_WAIT cleared them: a wait with t5 = 0 fails with E_TIMEOUT"

    SYSCALL SYS_ENDPOINT
    mv s3, a0                           # nobody calls it
    ld a6, h_child
    li a0, 0x10
    SYSCALL SYS_SIGNAL
    mv a6, s3
    li t5, CALL_TIMEOUT
    SYSCALL SYS_RECV | F_TIMEOUT
    mv s2, a7
    li t0, ~NOTIFY_CHILD
    and s4, a0, t0
    CHECK s2, ST_NOTIFIED, "SYS_RECV wakes for the bound notification: ST_NOTIFIED"
    CHECK s4, 0x10, "with its bits in a0"

    li a0, ROLE_REPORTER | (0x77 << 8)
    li a1, PRIO_CHILD
    li a2, 1
    mv a3, s3
    call spawn
    mv s10, a0
    ld a6, h_child
    li a0, 0x20
    SYSCALL SYS_SIGNAL
    li a0, SETTLE
    SYSCALL SYS_SLEEP                   # the reporter calls s3 and waits there
    mv a6, s3
    li t5, CALL_TIMEOUT
    SYSCALL SYS_RECV | F_TIMEOUT
    mv s2, a7
    mv s4, a0
    li a0, 0
    SYSCALL SYS_REPLY
    CHECK s2, 0, "a call waiting on the endpoint comes before the bound notification"
    CHECK s4, 0x77, "with the caller's message"
    mv a6, s3
    li t5, CALL_TIMEOUT
    SYSCALL SYS_RECV | F_TIMEOUT
    mv s2, a7
    andi s4, a0, 0x20
    CHECK s2, ST_NOTIFIED, "then SYS_RECV reports the notification"
    CHECK s4, 0x20, "with its bits"
    REAPS s10, DEATH_EXIT, 0, ANY, "the reporter exits with status 0"
    mv a6, s3
    SYSCALL SYS_CLOSE

    li a0, ROLE_EXIT | (3 << 8)
    li a1, PRIO_CHILD
    li a2, 0
    call spawn
    mv s10, a0
    ld a6, h_child
    li t5, CALL_TIMEOUT
    SYSCALL SYS_WAIT | F_TIMEOUT
    srli s2, a0, 63
    CHECK s2, 1, "a child's death sets NOTIFY_CHILD in the bound notification"
    REAPS s10, DEATH_EXIT, 3, ANY, "SYS_REAP: the child exited with status 3"
    LEAVE

# ---- Time-outs ----------------------------------------------------------------------------------------
t_timeouts:
    ENTER
    SYSCALL SYS_ENDPOINT
    mv s1, a0                           # no receiver
    mv a6, s1
    li t5, 0
    SYSCALL SYS_CALL | F_TIMEOUT
    mv s2, a7
    CHECK s2, E_TIMEOUT, "a call with t5 = 0 and no receiver waiting: E_TIMEOUT at once"
    rdtime s3
    mv a6, s1
    li t5, 10000
    SYSCALL SYS_RECV | F_TIMEOUT
    mv s2, a7
    rdtime t0
    sub t0, t0, s3
    li t1, 10000
    sltu s4, t0, t1
    CHECK s2, E_TIMEOUT, "a receive with a 10000-tick time-out and no caller: E_TIMEOUT"
    CHECK s4, 0, "not before 10000 ticks"
    rdtime s3
    mv a6, s1
    li t5, 10000
    SYSCALL SYS_CALL | F_TIMEOUT
    mv s2, a7
    rdtime t0
    sub t0, t0, s3
    li t1, 10000
    sltu s4, t0, t1
    CHECK s2, E_TIMEOUT, "a call with a 10000-tick time-out and no receiver: E_TIMEOUT"
    CHECK s4, 0, "not before 10000 ticks"
    ld a6, h_note
    li t5, 10000
    SYSCALL SYS_WAIT | F_TIMEOUT
    mv s2, a7
    CHECK s2, E_TIMEOUT, "a wait with a time-out and no bits: E_TIMEOUT"
    rdtime s3
    li a0, 50000
    SYSCALL SYS_SLEEP
    mv s2, a7
    rdtime t0
    sub t0, t0, s3
    li t1, 50000
    sltu s4, t0, t1
    li t1, 100000
    sltu s5, t0, t1
    CHECK s2, 0, "SYS_SLEEP returns ST_OK"
    CHECK s4, 0, "SYS_SLEEP(50000) sleeps at least 50000 ticks"
    CHECK s5, 1, "and less than 100000"
    mv a6, s1
    SYSCALL SYS_CLOSE

    li a0, OP_DROP
    ld a6, h_ep
    li t5, 20000
    SYSCALL SYS_CALL | F_TIMEOUT
    mv s2, a7
    CHECK s2, E_TIMEOUT, "a call the server keeps unanswered times out: E_TIMEOUT"
    li a0, OP_LATE
    SCALL
    mv s2, a0
    CHECK s2, E_NOENT, "the server's late reply finds no caller: E_NOENT"
    LEAVE

# ---- Priorities ---------------------------------------------------------------------------------------
# Two reporters, priority 2 spawned before priority 4, call the report endpoint; this
# process receives only after both exist, so the first call must come from priority 4.
t_priorities:
    ENTER
    li a0, ROLE_REPORTER | (2 << 8)
    li a1, 2
    li a2, 1
    ld a3, h_r
    call spawn
    mv s10, a0
    li a0, ROLE_REPORTER | (4 << 8)
    li a1, 4
    li a2, 1
    ld a3, h_r
    call spawn
    mv s11, a0
    ld a0, h_r
    call recv_call
    mv s1, a0
    li a0, 0
    SYSCALL SYS_REPLY
    ld a0, h_r
    call recv_call
    mv s2, a0
    li a0, 0
    SYSCALL SYS_REPLY
    CHECK s1, 4, "the priority-4 child runs before the priority-2 child spawned earlier"
    CHECK s2, 2, "then the priority-2 child"
    REAPS s11, DEATH_EXIT, 0, ANY, "the priority-4 child exits first"
    REAPS s10, DEATH_EXIT, 0, ANY, "then the priority-2 child"
    LEAVE

# ---- Preemption -----------------------------------------------------------------------------------------
# Two spinners at priority 3 compute until six time slices have passed since they started,
# without a system call, and report when they started and ended. Without
# preemption the first would run to its end before the second started; with round-robin
# time slices their intervals overlap. (They must not signal progress on the way: waking
# this process would preempt a spinner and put it behind the other without any timer.)
t_preemption:
    ENTER
    li a0, ROLE_SPINNER
    li a1, 3
    li a2, 1
    ld a3, h_r
    call spawn
    mv s10, a0
    li a0, ROLE_SPINNER
    li a1, 3
    li a2, 1
    ld a3, h_r
    call spawn
    mv s11, a0
    ld a0, h_r
    call recv_call
    mv s1, a7
    mv s2, a0                           # start
    mv s3, a1                           # end
    li a0, 0
    SYSCALL SYS_REPLY
    ld a0, h_r
    call recv_call
    or s1, s1, a7
    mv s4, a0
    mv s5, a1
    li a0, 0
    SYSCALL SYS_REPLY
    CHECK s1, 0, "two spinners at one priority both finish and report"
    sltu t0, s4, s3                     # the second started before the first ended
    sltu t1, s2, s5                     # and the first before the second ended
    and s6, t0, t1
    CHECK s6, 1, "their run times overlap (round-robin time slices)"
    REAPS ANY, DEATH_EXIT, 0, ANY, "a spinner exits with status 0"
    REAPS ANY, DEATH_EXIT, 0, ANY, "the other spinner exits with status 0"
    LEAVE

# ---- Faults: children killed each way -------------------------------------------------------------------
t_faults:
    ENTER
    la s1, fault_table
    li s2, FAULT_COUNT - 1
1:  ld a0, 0(s1)                        # kind
    slli a0, a0, 8
    ori a0, a0, ROLE_FAULT
    li a1, PRIO_CHILD
    li a2, 0
    call spawn
    ld a1, 8(s1)
    ld a2, 16(s1)
    ld a3, 24(s1)
    ld a4, 32(s1)
    call reap_check
    addi s1, s1, 40
    addi s2, s2, -1
    bnez s2, 1b
    LEAVE

# ---- Deaths seen by callers: E_DEAD ---------------------------------------------------------------------
t_dead:
    ENTER
    SYSCALL SYS_ENDPOINT
    mv s1, a0
    li a0, ROLE_SERVER
    li a1, PRIO_CHILD
    li a2, 1
    mv a3, s1
    call spawn
    mv s10, a0
    mv a6, s1
    li a0, OP_DIE
    li a1, 7
    TCALL
    mv s2, a7
    CHECK s2, E_DEAD, "a caller whose server exits before replying: E_DEAD"
    REAPS s10, DEATH_EXIT, 7, ANY, "that server exited with status 7"
    mv a6, s1
    SYSCALL SYS_CLOSE

    li a0, ROLE_EPOWNER
    li a1, PRIO_CHILD
    li a2, 1
    ld a3, h_r
    call spawn
    mv s10, a0
    ld a0, h_r
    call recv_call
    mv s1, t1                           # the granted endpoint
    li a0, 0
    SYSCALL SYS_REPLY
    mv a6, s1
    li a0, 1
    TCALL
    mv s2, a7
    CHECK s2, E_DEAD, "a caller queued on an endpoint whose creator exits: E_DEAD"
    mv a6, s1
    li t5, 0
    SYSCALL SYS_CALL | F_TIMEOUT
    mv s2, a7
    CHECK s2, E_REVOKED, "a handle to a dead process's endpoint: E_REVOKED"
    REAPS s10, DEATH_EXIT, 0, ANY, "the endpoint's creator exited with status 0"
    mv a6, s1
    SYSCALL SYS_CLOSE
    LEAVE

# ---- SYS_KILL of a blocked child --------------------------------------------------------------------------
t_kill:
    ENTER
    li a0, ROLE_BLOCKER
    li a1, PRIO_CHILD
    li a2, 1
    ld a3, h_r
    call spawn
    mv s10, a0
    mv s3, a1                           # its pid, from SYS_SPAWN
    ld a0, h_r
    call recv_call
    mv s1, a0                           # its pid, from its a2
    li a0, 0
    SYSCALL SYS_REPLY
    CHECKR s3, s1, "SYS_SPAWN returns the pid the child finds in a2"
    li a0, SETTLE
    SYSCALL SYS_SLEEP
    mv a0, s1
    la a1, info
    SYSCALL SYS_INFO
    ld s2, info + INFO_STATE
    CHECK s2, PS_WAIT, "SYS_INFO: the child blocked in SYS_WAIT is in PS_WAIT"
    ld s2, info + INFO_SUPERVISOR
    ld t0, my_pid
    CHECKR s2, t0, "SYS_INFO: its supervisor is this process"
    mv a6, s10
    SYSCALL SYS_KILL
    mv s2, a7
    CHECK s2, 0, "SYS_KILL of the blocked child"
    ld t0, my_pid
    mv a0, s10
    li a1, DEATH_KILLED
    mv a2, t0
    li a3, ANY
    LA_STR a4, "SYS_REAP: DEATH_KILLED by this process"
    call reap_check
    mv s2, a0
    CHECKR s2, s1, "SYS_REAP: a4 is the pid of the child"
    mv a6, s10
    SYSCALL SYS_KILL
    mv s2, a7
    CHECK s2, E_HANDLE, "the reaped child's handle is closed: SYS_KILL fails with E_HANDLE"
    LEAVE

# ---- Revocation ---------------------------------------------------------------------------------------------
t_revoke:
    ENTER
    SYSCALL SYS_NOTIFICATION
    mv s1, a0                           # the original
    mv a6, s1
    li a0, R_ALL
    li a1, 0
    SYSCALL SYS_COPY
    mv s2, a0                           # a full copy
    mv a6, s1
    li a0, R_SEND | R_RECV
    li a1, 0
    SYSCALL SYS_COPY
    mv s3, a0                           # a copy without R_REVOKE
    mv a6, s2
    li a0, 1
    SYSCALL SYS_SIGNAL
    mv s4, a7
    CHECK s4, 0, "a copy works before the revocation"
    mv a6, s3
    SYSCALL SYS_REVOKE
    mv s4, a7
    CHECK s4, E_RIGHTS, "SYS_REVOKE without R_REVOKE: E_RIGHTS"
    mv a6, s1
    SYSCALL SYS_REVOKE
    mv s4, a7
    CHECK s4, 0, "SYS_REVOKE of the original"
    mv a6, s2
    li a0, 1
    SYSCALL SYS_SIGNAL
    mv s4, a7
    CHECK s4, E_REVOKED, "the copy now fails with E_REVOKED"
    mv a6, s3
    li t5, 0
    SYSCALL SYS_WAIT | F_TIMEOUT
    mv s4, a7
    CHECK s4, E_REVOKED, "so does the other copy"
    mv a6, s2
    li a0, R_ALL
    li a1, 0
    SYSCALL SYS_COPY
    mv s4, a7
    CHECK s4, E_REVOKED, "a revoked handle cannot be copied: E_REVOKED"
    mv a6, s1
    li a0, 2
    SYSCALL SYS_SIGNAL
    mv s4, a7
    CHECK s4, 0, "the original still works"
    mv a6, s1
    li t5, 0
    SYSCALL SYS_WAIT | F_TIMEOUT
    mv s4, a7
    andi s5, a0, 2
    CHECK s4, 0, "and can wait"
    CHECK s5, 2, "for the bits signalled through it"
    mv a6, s2
    SYSCALL SYS_CLOSE
    mv s4, a7
    CHECK s4, 0, "a revoked handle can be closed"
    mv a6, s3
    SYSCALL SYS_CLOSE
    mv a6, s1
    SYSCALL SYS_CLOSE
    LEAVE

# ---- SYS_MAP and SYS_UNMAP ---------------------------------------------------------------------------------
t_map:
    ENTER
    li a0, MAP_VA
    li a1, 2
    li a2, MAP_R | MAP_W
    SYSCALL SYS_MAP
    mv s1, a7
    CHECK s1, 0, "SYS_MAP of two pages, R W"
    bnez s1, 9f
    li t0, MAP_VA                       # OR of every dword: zero-initialized
    li t1, 2 * PAGE_SIZE / 8
    li s2, 0
1:  ld t2, 0(t0)
    or s2, s2, t2
    addi t0, t0, 8
    addi t1, t1, -1
    bnez t1, 1b
    CHECK s2, 0, "the new pages read as zero"
    li t0, MAP_VA                       # each dword its address, then check them
    li t1, 2 * PAGE_SIZE / 8
2:  sd t0, 0(t0)
    addi t0, t0, 8
    addi t1, t1, -1
    bnez t1, 2b
    li t0, MAP_VA
    li t1, 2 * PAGE_SIZE / 8
    li s2, 0
3:  ld t2, 0(t0)
    beq t2, t0, 4f
    addi s2, s2, 1
4:  addi t0, t0, 8
    addi t1, t1, -1
    bnez t1, 3b
    CHECK s2, 0, "they keep what is written (wrong dwords)"
    li a0, MAP_VA + PAGE_SIZE
    li a1, 1
    li a2, MAP_R | MAP_W
    SYSCALL SYS_MAP
    mv s2, a7
    CHECK s2, E_BUSY, "SYS_MAP over a mapped page: E_BUSY"
    li a0, MAP_VA
    li a1, 2
    SYSCALL SYS_UNMAP
    mv s2, a7
    CHECK s2, 0, "SYS_UNMAP of the two pages"
    li a0, MAP_VA
    li a1, 1
    SYSCALL SYS_UNMAP
    mv s2, a7
    CHECK s2, E_NOENT, "SYS_UNMAP of an unmapped page: E_NOENT"
    li a0, MAP_VA
    li a1, 1
    li a2, MAP_R | MAP_W
    SYSCALL SYS_MAP
    li s2, -1
    bnez a7, 5f
    li t0, MAP_VA
    ld s2, 8(t0)
5:  CHECK s2, 0, "a page mapped again at the same address is zero again"
    li a0, MAP_VA
    li a1, 1
    SYSCALL SYS_UNMAP
9:
    li a0, MAP_VA + 0x800
    li a1, 1
    li a2, MAP_R | MAP_W
    SYSCALL SYS_MAP
    mv s2, a7
    CHECK s2, E_INVAL, "SYS_MAP at an unaligned address: E_INVAL"
    li a0, USER_TOP
    li a1, 1
    li a2, MAP_R | MAP_W
    SYSCALL SYS_MAP
    mv s2, a7
    CHECK s2, E_INVAL, "SYS_MAP in the kernel's range: E_INVAL"
    li a0, MAP_VA
    li a1, 1
    li a2, MAP_W
    SYSCALL SYS_MAP
    mv s2, a7
    CHECK s2, E_INVAL, "SYS_MAP writable but not readable: E_INVAL"

    li a0, MAP_VA                       # an executable page: write code, run it
    li a1, 1
    li a2, MAP_R | MAP_W | MAP_X
    SYSCALL SYS_MAP
    mv s2, a7
    CHECK s2, 0, "SYS_MAP of a page R W X"
    bnez s2, 8f
    li t0, MAP_VA
    li t1, 0x02a00513                   # addi a0, zero, 42
    sw t1, 0(t0)
    li t1, 0x00008067                   # jalr zero, 0(ra)
    sw t1, 4(t0)
    fence.i
    li a0, 0
    jalr t0
    mv s2, a0
    CHECK s2, 42, "code written there runs (after fence.i)"
    li a0, MAP_VA
    li a1, 1
    SYSCALL SYS_UNMAP
8:  LEAVE

# ---- The page quota -------------------------------------------------------------------------------------------
t_quota:
    ENTER
    call own_pages
    mv s1, a0                           # pages held now
    li a0, QUOTA_VA
    li a1, PAGE_QUOTA
    li a2, MAP_R | MAP_W
    SYSCALL SYS_MAP
    mv s2, a7
    CHECK s2, E_NOMEM, "SYS_MAP of PAGE_QUOTA more pages: E_NOMEM"
    call own_pages
    mv s2, a0
    CHECKR s2, s1, "the refused SYS_MAP leaves the pages held as they were"
    li s3, 0                            # pages mapped one by one
    li s4, QUOTA_VA
1:  mv a0, s4
    li a1, 1
    li a2, MAP_R | MAP_W
    SYSCALL SYS_MAP
    bnez a7, 2f
    addi s3, s3, 1
    li t0, PAGE_SIZE
    add s4, s4, t0
    li t0, PAGE_QUOTA
    bleu s3, t0, 1b
2:  mv s2, a7
    CHECK s2, E_NOMEM, "mapping one page at a time ends with E_NOMEM"
    call own_pages
    mv s2, a0
    CHECK s2, PAGE_QUOTA, "at PAGE_QUOTA pages held (SYS_INFO)"
    li a0, QUOTA_VA
    mv a1, s3
    SYSCALL SYS_UNMAP
    mv s2, a7
    CHECK s2, 0, "SYS_UNMAP of them all"
    li a0, QUOTA_VA
    li a1, 1
    li a2, MAP_R | MAP_W
    SYSCALL SYS_MAP
    mv s2, a7
    CHECK s2, 0, "then pages can be mapped again"
    li a0, QUOTA_VA
    li a1, 1
    SYSCALL SYS_UNMAP
    LEAVE

# own_pages() -> a0 = INFO_PAGES of this process (-1 when SYS_INFO fails).
own_pages:
    ld a0, my_pid
    la a1, info
    SYSCALL SYS_INFO
    bnez a7, 1f
    ld a0, info + INFO_PAGES
    ret
1:  li a0, -1
    ret

# ---- SYS_INFO -------------------------------------------------------------------------------------------------
t_info:
    ENTER
    ld a0, my_pid
    la a1, info
    SYSCALL SYS_INFO
    mv s1, a7
    CHECK s1, 0, "SYS_INFO of this process"
    ld s1, info + INFO_STATE
    CHECK s1, PS_RUNNING, "it is PS_RUNNING"
    ld s1, info + INFO_PRIORITY
    CHECK s1, PRIO_MAIN, "at priority 7"
    ld s1, info + INFO_SUPERVISOR
    CHECK s1, -1, "without a supervisor"
    la a0, info + INFO_NAME
    la a1, name_ktest
    call strcmp
    mv s1, a0
    CHECK s1, 0, "named ktest"
    ld s1, info + INFO_CALLS
    sltu s1, zero, s1
    CHECK s1, 1, "with SYS_CALLs counted"

    li a0, OP_PID
    SCALL
    mv s2, a0                           # the server's pid
    mv a0, s2
    la a1, info
    SYSCALL SYS_INFO
    mv s1, a7
    CHECK s1, 0, "SYS_INFO of the test server"
    ld s1, info + INFO_STATE
    CHECK s1, PS_RECV, "it is PS_RECV"
    ld s1, info + INFO_PRIORITY
    CHECK s1, PRIO_CHILD, "at priority 6"
    ld s1, info + INFO_SUPERVISOR
    ld t0, my_pid
    CHECKR s1, t0, "supervised by this process"
    ld s1, info + INFO_RECEIVED
    sltu s1, zero, s1
    CHECK s1, 1, "with messages received counted"

    li s3, 0                            # bit 0: this process listed, bit 1: the server
    li s4, MAX_PROCESSES + 1            # bound on the walk
    li a0, 0                            # pid 0 if it is in use, else this process
    la a1, info
    SYSCALL SYS_INFO
    li s5, 0
    beqz a7, 1f
    ld s5, my_pid
1:  mv a0, s5
    la a1, info
    SYSCALL SYS_INFO
    bnez a7, 3f
    mv s6, a0                           # the next pid
    ld t0, my_pid
    bne s5, t0, 2f
    ori s3, s3, 1
2:  bne s5, s2, 2f
    ori s3, s3, 2
2:  bltz s6, 3f
    mv s5, s6
    addi s4, s4, -1
    bnez s4, 1b
3:  CHECK s3, 3, "following SYS_INFO's next pid lists this process and the server"
    li a0, 12345
    la a1, info
    SYSCALL SYS_INFO
    mv s1, a7
    CHECK s1, E_NOENT, "SYS_INFO of a pid not in use: E_NOENT"
    LEAVE

# ---- Memory objects -----------------------------------------------------------------------------------------------
t_memory:
    ENTER
    call own_pages
    mv s5, a0
    li a0, 2
    SYSCALL SYS_MEMORY
    mv s1, a0                           # the object
    mv s2, a7
    CHECK s2, 0, "SYS_MEMORY of 2 pages"
    bnez s2, 9f
    call own_pages
    sub s2, a0, s5
    CHECK s2, 2, "charged to the creator's quota"
    mv a6, s1
    li a0, MEM_VA
    SYSCALL SYS_MAP_MEMORY
    mv s2, a7
    mv s3, a0
    CHECK s2, 0, "SYS_MAP_MEMORY maps it"
    bnez s2, 9f
    CHECK s3, 2 * PAGE_SIZE, "and returns its size"
    li t0, MEM_VA
    ld s2, 0(t0)
    li t1, MEM_VA + PAGE_SIZE
    ld t1, 8(t1)
    or s2, s2, t1
    CHECK s2, 0, "its pages start zeroed"
    li t0, MEM_VA
    li t1, 41
    sd t1, 0(t0)
    li a0, MEM_VA
    li a1, 1
    SYSCALL SYS_UNMAP
    mv s2, a7
    CHECK s2, E_INVAL, "a memory object's mapping cannot be unmapped: E_INVAL"
    li a0, ROLE_MEMUSER
    li a1, PRIO_CHILD
    li a2, 1
    mv a3, s1
    call spawn
    REAPS a0, DEATH_EXIT, 0, ANY, "a child maps the same object and exits"
    li t0, MEM_VA
    ld s2, 8(t0)
    CHECK s2, 42, "the child read what this process wrote and wrote back"
    li a0, ROLE_MEMUSER | (1 << 8)
    li a1, PRIO_CHILD
    li a2, 1
    mv a3, s1
    call spawn
    REAPS a0, DEATH_FAULT, 13, UNMAPPED_ADDR, "a child that writes into the object, then faults"
    li t0, MEM_VA
    ld s2, 16(t0)
    CHECK s2, 0xdead, "what it wrote survives its death"
    li a0, 0
    SYSCALL SYS_MEMORY
    mv s2, a7
    CHECK s2, E_INVAL, "SYS_MEMORY of 0 pages: E_INVAL"
    li a0, MEMORY_MAX_PAGES + 1
    SYSCALL SYS_MEMORY
    mv s2, a7
    CHECK s2, E_INVAL, "SYS_MEMORY over MEMORY_MAX_PAGES: E_INVAL"
    li a0, PAGE_QUOTA
    SYSCALL SYS_MEMORY
    mv s2, a7
    CHECK s2, E_NOMEM, "SYS_MEMORY past the page quota: E_NOMEM"
    li s3, MAPPED_MEMORY_MAX            # one more than may be mapped (one is already)
    li s4, MEM_VA + 0x100000
1:  li a0, 1
    SYSCALL SYS_MEMORY
    mv a6, a0
    mv a0, s4
    SYSCALL SYS_MAP_MEMORY
    mv s2, a7
    li t0, 0x100000
    add s4, s4, t0
    addi s3, s3, -1
    bnez s3, 1b
    CHECK s2, E_NOSPACE, "mapping more than MAPPED_MEMORY_MAX objects: E_NOSPACE"
9:  LEAVE

# ---- The object quota -------------------------------------------------------------------------------------------
t_objects:
    ENTER
    li a0, ROLE_OBJQUOTA
    li a1, PRIO_CHILD
    li a2, 1
    ld a3, h_r
    call spawn
    mv s10, a0
    ld a0, h_r
    call recv_call
    mv s1, a0
    mv s2, a1
    mv s3, a2
    li a0, 0
    SYSCALL SYS_REPLY
    CHECK s1, OBJECT_QUOTA, "a process makes OBJECT_QUOTA notifications"
    CHECK s2, E_NOSPACE, "then SYS_NOTIFICATION fails with E_NOSPACE"
    CHECK s3, E_NOSPACE, "even after it closed them all"
    REAPS s10, DEATH_EXIT, 0, ANY, "that child exits with status 0"
    LEAVE

# ---- SYS_SPAWN refusals ---------------------------------------------------------------------------------------
t_spawn_errors:
    ENTER
    li a6, BOOT_H_SELF
    la a0, name_nosuch
    li a1, 6
    li a2, 0
    li a3, 0
    li a4, 1
    li a5, ROLE_EXIT
    SYSCALL SYS_SPAWN
    mv s1, a7
    CHECK s1, E_NOENT, "SYS_SPAWN of a program not in the image: E_NOENT"
    li a0, ROLE_EXIT
    li a1, PRIO_MAIN + 1
    li a2, 0
    call spawn_raw
    mv s1, a7
    CHECK s1, E_INVAL, "SYS_SPAWN above the caller's priority: E_INVAL"
    li a0, ROLE_EXIT
    li a1, 1
    li a2, 17
    call spawn_raw
    mv s1, a7
    CHECK s1, E_INVAL, "SYS_SPAWN with 17 handles: E_INVAL"
    li a0, ROLE_EXIT
    li a1, 1
    li a2, 1
    li a3, HANDLES - 1
    call spawn_raw
    mv s1, a7
    CHECK s1, E_HANDLE, "SYS_SPAWN listing an empty slot: E_HANDLE"
    ld a6, h_r
    li a0, R_SEND
    li a1, 0
    SYSCALL SYS_COPY
    mv s2, a0
    li a0, ROLE_EXIT
    li a1, 1
    li a2, 1
    mv a3, s2
    call spawn_raw
    mv s1, a7
    CHECK s1, E_RIGHTS, "SYS_SPAWN listing a handle without R_GRANT: E_RIGHTS"
    mv a6, s2
    SYSCALL SYS_CLOSE
    li a6, BOOT_H_SELF
    li a0, R_ALL & ~R_SPAWN
    li a1, 0
    SYSCALL SYS_COPY
    mv s2, a0
    mv a6, s2
    la a0, name_ktest
    li a1, 5
    li a2, 0
    li a3, 0
    li a4, 1
    li a5, ROLE_EXIT
    SYSCALL SYS_SPAWN
    mv s1, a7
    CHECK s1, E_RIGHTS, "SYS_SPAWN through a process handle without R_SPAWN: E_RIGHTS"
    mv a6, s2
    SYSCALL SYS_CLOSE
    LEAVE

# ---- The end of the test server ---------------------------------------------------------------------------------
t_server_exit:
    ENTER
    li a0, OP_EXIT
    li a1, 0
    SCALL
    mv s1, a7
    CHECK s1, 0, "the test server answers its last request"
    ld a0, h_srv
    li a1, DEATH_EXIT
    li a2, 0
    li a3, ANY
    LA_STR a4, "and exits with status 0"
    call reap_check
    ld a6, h_granted
    li a0, 1
    SYSCALL SYS_SIGNAL
    mv s1, a7
    CHECK s1, E_REVOKED, "a handle to a dead process's notification: E_REVOKED"
    ld a6, h_ep
    li a0, 1
    li t5, 0
    SYSCALL SYS_CALL | F_TIMEOUT
    mv s1, a7
    CHECK s1, E_TIMEOUT, "this process's endpoint outlives the server: no receiver, E_TIMEOUT"
    LEAVE

# ==== Helpers of the driver ========================================================================================

# check(a0 = got, a1 = expected, a2 = description) -> a0 = 1 if they are equal.
# Prints "ok N - description" or "not ok N - description (got X, expected Y)".
check:
    addi sp, sp, -32
    sd ra, 0(sp)
    sd s1, 8(sp)
    sd s2, 16(sp)
    sd s3, 24(sp)
    mv s1, a0
    mv s2, a1
    sub a0, s1, s2
    seqz a0, a0
    mv s3, a0
    mv a1, a2
    call check_line
    bnez s3, 1f
    LSTR " (got "
    mv a0, s1
    call line_value
    LSTR ", expected "
    mv a0, s2
    call line_value
    LSTR ")"
1:  call line_end
    mv a0, s3
    ld ra, 0(sp)
    ld s1, 8(sp)
    ld s2, 16(sp)
    ld s3, 24(sp)
    addi sp, sp, 32
    ret

# check_line(a0 = passed, a1 = description): counts the check and starts its line
# ("ok N - description"), leaving it open for details.
check_line:
    addi sp, sp, -32
    sd ra, 0(sp)
    sd s1, 8(sp)
    sd s2, 16(sp)
    mv s1, a0
    mv s2, a1
    la t0, tests
    ld t1, 0(t0)
    addi t1, t1, 1
    sd t1, 0(t0)
    la t0, passed
    bnez s1, 1f
    la t0, failed
1:  ld t1, 0(t0)
    addi t1, t1, 1
    sd t1, 0(t0)
    call line_begin
    bnez s1, 2f
    LSTR "not "
2:  LSTR "ok "
    ld a0, tests
    call line_dec
    LSTR " - "
    mv a0, s2
    call line_str
    ld ra, 0(sp)
    ld s1, 8(sp)
    ld s2, 16(sp)
    addi sp, sp, 32
    ret

# spawn(a0 = argument word, a1 = priority, a2 = handle count, a3, a4 = the handles)
#   -> a0 = the child's handle, a7 = status. A failure is reported as a failed check.
spawn:
    addi sp, sp, -16
    sd ra, 0(sp)
    call spawn_raw
    beqz a7, 1f
    sd a0, 8(sp)
    li a1, 0
    LA_STR a2, "SYS_SPAWN of a test child"
    call check
    ld a0, 8(sp)
    mv a7, a0
1:  ld ra, 0(sp)
    addi sp, sp, 16
    ret

# spawn_raw: the same without the report.
spawn_raw:
    la t0, spawn_list
    sd a3, 0(t0)
    sd a4, 8(t0)
    mv a5, a0
    mv a4, a1
    mv a3, a2
    mv a2, t0
    la a0, name_ktest
    li a1, 5
    li a6, BOOT_H_SELF
    SYSCALL SYS_SPAWN
    ret

# reap() -> as SYS_REAP (a0 handle, a1 reason, a2 value, a3 address, a4 pid, a7 status),
# waiting on the bound notification for a child to die (at most CALL_TIMEOUT ticks).
# SYS_REAP is asked first, so a death whose bit was taken by an earlier wait or receive
# is not missed; after a success, bits left over from deaths already reaped are cleared.
reap:
1:  SYSCALL SYS_REAP
    beqz a7, 2f
    li t0, E_NOENT
    bne a7, t0, 3f
    ld a6, h_child
    li t5, CALL_TIMEOUT
    SYSCALL SYS_WAIT | F_TIMEOUT
    beqz a7, 1b
    mv a0, a7
    ret
2:  mv t3, a0
    ld a6, h_child
    li t5, 0
    SYSCALL SYS_WAIT | F_TIMEOUT
    mv a0, t3
    li a7, 0
3:  ret

# reap_check(a0 = expected handle, a1 = reason, a2 = value, a3 = address, a4 = description)
# reaps a child and checks it; ANY skips the handle, the value or the address.
# -> a0 = the dead child's pid.
reap_check:
    ENTER
    mv s1, a0
    mv s2, a1
    mv s3, a2
    mv s4, a3
    mv s5, a4
    call reap
    mv s6, a7
    mv s7, a0
    mv s8, a1
    mv s9, a2
    mv s10, a3
    mv s11, a4
    li s0, 0                            # 0: passed
    or s0, s0, s6
    li t0, ANY
    beq s1, t0, 1f
    beq s7, s1, 1f
    li s0, 1
1:  bne s8, s2, 2f
    beq s3, t0, 3f
    beq s9, s3, 3f
2:  li s0, 1
3:  beq s4, t0, 4f
    beq s10, s4, 4f
    li s0, 1
4:  seqz a0, s0
    mv a1, s5
    call check_line
    beqz s0, 9f
    LSTR " (got "
    beqz s6, 5f
    mv a0, s6
    call line_status
    j 6f
5:  mv a0, s8
    mv a1, s9
    mv a2, s10
    call line_death
6:  LSTR ", expected "
    mv a0, s2
    mv a1, s3
    mv a2, s4
    call line_death
    LSTR ")"
9:  call line_end
    mv a0, s11
    LEAVE

# line_death(a0 = reason, a1 = value, a2 = address): "DEATH_FAULT 13 0x1000".
line_death:
    addi sp, sp, -32
    sd ra, 0(sp)
    sd a1, 8(sp)
    sd a2, 16(sp)
    addi t0, a0, -1
    li t1, DEATH_SYSCALL
    bgeu t0, t1, 1f
    slli t0, t0, 3
    la t1, death_names
    add t1, t1, t0
    ld a0, 0(t1)
    call line_str
    j 2f
1:  call line_value
2:  LSTR " "
    ld a0, 8(sp)
    call line_value
    LSTR " "
    ld a0, 16(sp)
    call line_value
    ld ra, 0(sp)
    addi sp, sp, 32
    ret

# recv_call(a0 = endpoint) -> a call received on it, as SYS_RECV returns it (t6 the
# token); notifications (child deaths) are skipped. Time-out: CALL_TIMEOUT.
recv_call:
    addi sp, sp, -16
    sd a0, 0(sp)
1:  ld a6, 0(sp)
    li t5, CALL_TIMEOUT
    SYSCALL SYS_RECV | F_TIMEOUT
    li t0, ST_NOTIFIED
    beq a7, t0, 1b
    addi sp, sp, 16
    ret

# pattern_fill(a0 = buffer, a1 = length, a2 = seed): byte i = 7i + 13 seed + i / 256.
pattern_fill:
    li t3, 13
    mul t3, a2, t3
    li t0, 0
1:  bgeu t0, a1, 2f
    slli t1, t0, 3
    sub t1, t1, t0
    add t1, t1, t3
    srli t2, t0, 8
    add t1, t1, t2
    add t2, a0, t0
    sb t1, 0(t2)
    addi t0, t0, 1
    j 1b
2:  ret

# pattern_check(a0 = buffer, a1 = length, a2 = seed) -> a0 = how many leading bytes
# match the pattern.
pattern_check:
    li t3, 13
    mul t3, a2, t3
    li t0, 0
1:  bgeu t0, a1, 2f
    slli t1, t0, 3
    sub t1, t1, t0
    add t1, t1, t3
    srli t2, t0, 8
    add t1, t1, t2
    andi t1, t1, 0xff
    add t2, a0, t0
    lbu t2, 0(t2)
    bne t1, t2, 2f
    addi t0, t0, 1
    j 1b
2:  mv a0, t0
    ret

# ==== The test server (handle 0: its endpoint) =======================================================================
# s0 = endpoint, s1 = capacity of the next receive, s2 = calls held, s3 = the current token.
server:
    li s0, 0
    li s1, MSG_BUF_MAX
    li s2, 0
srv_recv:
    mv a6, s0
    la t2, srv_rbuf
    mv t3, s1
    SYSCALL SYS_RECV | F_RECV_BUF
srv_got:
    bnez a7, srv_error
    mv s3, t6
    li s1, MSG_BUF_MAX
    li t2, OP_COUNT
    bgeu a0, t2, srv_echo
    slli t2, a0, 3
    la t3, srv_ops
    add t3, t3, t2
    ld t3, 0(t3)
    jr t3

srv_error:
    li t0, ST_NOTIFIED
    beq a7, t0, srv_recv
    li a0, 200
    j exit

# Answers: a0..a5 (and t0/t1 or t4) are the reply; the next receive follows.
srv_reply:
    mv t6, s3
    mv a6, s0
    la t2, srv_rbuf
    mv t3, s1
    SYSCALL SYS_REPLY_RECV | F_RECV_BUF
    j srv_got
srv_reply_buf:
    mv t6, s3
    mv a6, s0
    la t2, srv_rbuf
    mv t3, s1
    SYSCALL SYS_REPLY_RECV | F_RECV_BUF | F_SEND_BUF
    j srv_got
srv_reply_grant:
    mv t6, s3
    mv a6, s0
    la t2, srv_rbuf
    mv t3, s1
    SYSCALL SYS_REPLY_RECV | F_RECV_BUF | F_GRANT
    j srv_got

srv_echo:
    not a0, a0
    not a1, a1
    not a2, a2
    not a3, a3
    not a4, a4
    not a5, a5
    j srv_reply

op_badge:
    mv a0, a6
    j srv_reply

op_setcap:
    mv s1, a1
    li a0, 0
    j srv_reply

op_buf:
    mv s4, t0                           # bytes received
    mv s5, a2                           # reply length
    mv s6, a3                           # reply seed
    mv a2, a1
    la a0, srv_rbuf
    mv a1, s4
    call pattern_check
    mv s7, a0
    la a0, srv_sbuf
    mv a1, s5
    mv a2, s6
    call pattern_fill
    mv a0, s4
    mv a1, s7
    la t0, srv_sbuf
    mv t1, s5
    j srv_reply_buf

op_grant_in:
    mv s4, t1
    bgez s4, 1f
    li a0, 0
    li a1, E_HANDLE
    j srv_reply
1:  mv a6, s4
    mv a0, a1
    SYSCALL SYS_SIGNAL
    mv s5, a7
    mv a6, s4
    SYSCALL SYS_CLOSE
    li a0, 1
    mv a1, s5
    j srv_reply

op_grant_out:
    SYSCALL SYS_NOTIFICATION
    beqz a7, 1f
    j srv_reply                         # a0 = the error
1:  sd a0, srv_note, t0
    mv t4, a0
    li a0, 0
    j srv_reply_grant

op_note_wait:
    ld a6, srv_note
    li t5, 0
    SYSCALL SYS_WAIT | F_TIMEOUT
    mv a1, a7
    j srv_reply

op_hold:
    la t0, srv_held
    slli t1, s2, 4
    add t0, t0, t1
    sd s3, 0(t0)                        # token
    sd a1, 8(t0)                        # id
    addi s2, s2, 1
    li t1, 2
    bltu s2, t1, srv_recv
    li s2, 0
    la t0, srv_held
    ld t6, 16(t0)                       # the second call: answered first
    ld a0, 24(t0)
    li a1, 1
    li a2, 2
    SYSCALL SYS_REPLY
    la t0, srv_held
    ld s3, 0(t0)
    ld a0, 8(t0)
    li a1, 2
    li a2, 1
    j srv_reply

op_drop:
    sd s3, srv_dropped, t0
    j srv_recv

op_late:
    ld t6, srv_dropped
    li a0, 0x1a7e
    SYSCALL SYS_REPLY
    mv a0, a7
    j srv_reply

op_exit:
    mv s4, a1
    mv t6, s3
    li a0, 0
    SYSCALL SYS_REPLY
    mv a0, s4
    j exit

op_die:
    mv a0, a1
    j exit

op_pid:
    ld a0, my_pid
    j srv_reply

op_caller:
    mv a0, t5
    j srv_reply

# ==== The other roles ====================================================================================================

# client: handles [server endpoint, report endpoint]. An OP_HOLD call with id 0xc, then its
# reply (a0..a2) reported to the driver.
client:
    li a6, 0
    li a0, OP_HOLD
    li a1, 0xc
    TCALL
    beqz a7, 1f
    mv a0, a7
1:  li a6, 1
    TCALL
    li a0, 0
    j exit

# reporter: handles [endpoint]. Calls it with a0 = the parameter.
reporter:
    li a6, 0
    mv a0, s1
    TCALL
    li a0, 0
    j exit

# spinner: handles [endpoint]. Computes until SPIN_TICKS have passed, without a system
# call, then reports a0 = the time it started, a1 = the time it ended.
spinner:
    rdtime s2
    li t0, SPIN_TICKS
    add s3, s2, t0
1:  rdtime a1
    bltu a1, s3, 1b
    mv a0, s2
    li a6, 0
    TCALL
    li a0, 0
    j exit

# blocker: handles [endpoint]. Reports its pid, then waits on a notification nobody signals.
blocker:
    SYSCALL SYS_NOTIFICATION
    mv s2, a0
    li a6, 0
    ld a0, my_pid
    TCALL
1:  mv a6, s2
    SYSCALL SYS_WAIT
    j 1b

# exiter: exits with the parameter as its status.
exiter:
    mv a0, s1
    j exit

# epowner: handles [endpoint]. Makes an endpoint, grants it to the driver in a call, sleeps
# while the driver calls it, then exits.
epowner:
    SYSCALL SYS_ENDPOINT
    mv t4, a0
    li a6, 0
    li a0, 0
    TCALL F_GRANT
    li a0, 20000
    SYSCALL SYS_SLEEP
    li a0, 0
    j exit

# faulter: dies the way FAULT_* in s1 says.
faulter:
    li t0, FAULT_COUNT
    bgeu s1, t0, 1f
    slli t0, s1, 3
    la t1, fault_code
    add t1, t1, t0
    ld t1, 0(t1)
    jr t1
1:  li a0, 98
    j exit
fault_load:
    li t0, UNMAPPED_ADDR
    ld t0, 0(t0)
    j fault_survived
fault_store:
    li t0, UNMAPPED_ADDR
    sd zero, 0(t0)
    j fault_survived
fault_fetch:
    li t0, UNMAPPED_CODE
    jr t0
fault_illegal:
    .2byte 0
    j fault_survived
fault_amo:
    la t0, amo_word + 1
    li t1, 1
    amoadd.w zero, t1, (t0)
    j fault_survived
fault_ebreak:
    ebreak
    j fault_survived
fault_syscall:
    SYSCALL 99
    j fault_survived
fault_codewrite:
    la t0, _start
    sw zero, 0(t0)
    j fault_survived
fault_unmapped:
    li a0, CHILD_MAP_VA
    li a1, 1
    li a2, MAP_R | MAP_W
    SYSCALL SYS_MAP
    li t0, CHILD_MAP_VA
    li t1, 1
    sd t1, 0(t0)
    li a0, CHILD_MAP_VA
    li a1, 1
    SYSCALL SYS_UNMAP
    li t0, CHILD_MAP_VA
    ld t1, 0(t0)
    j fault_survived
fault_priv:
    csrr t0, sstatus
    j fault_survived
fault_kernel:
    li t0, USER_TOP
    ld t0, 0(t0)
    j fault_survived
fault_noexec:
    la t0, data_code
    jr t0
fault_stack:
    li t0, USER_STACK_TOP - USER_STACK_PAGES * PAGE_SIZE - 8
    sd zero, 0(t0)
    j fault_survived
fault_rodata:
    la t0, message_rodata
    sd zero, 0(t0)
fault_flags:
    SYSCALL SYS_SELF | 0x400
fault_survived:
    li a0, 97
    j exit

# memuser: handles [memory object]. Maps it at CHILD_MEM_VA; parameter 0: dword 1 = dword 0
# + 1, then exits; parameter 1: dword 2 = 0xdead, then dies of a load page fault.
memuser:
    li a6, 0
    li a0, CHILD_MEM_VA
    SYSCALL SYS_MAP_MEMORY
    bnez a7, 2f
    li t0, CHILD_MEM_VA
    bnez s1, 1f
    ld t1, 0(t0)
    addi t1, t1, 1
    sd t1, 8(t0)
    li a0, 0
    j exit
1:  li t1, 0xdead
    sd t1, 16(t0)
    li t0, UNMAPPED_ADDR
    ld t0, 0(t0)
2:  li a0, 96
    j exit

# objquota: handles [endpoint]. Makes notifications until refused, closes them all, tries
# once more; reports a0 = how many it made, a1 = the refusal, a2 = the status of the try
# after closing.
objquota:
    li s2, 0
1:  SYSCALL SYS_NOTIFICATION
    bnez a7, 2f
    addi s2, s2, 1
    li t0, HANDLES
    bltu s2, t0, 1b
2:  mv s3, a7
    li s4, 1                            # slot 0 is the endpoint
3:  mv a6, s4
    SYSCALL SYS_CLOSE
    addi s4, s4, 1
    li t0, HANDLES
    bltu s4, t0, 3b
    SYSCALL SYS_NOTIFICATION
    mv a2, a7
    mv a0, s2
    mv a1, s3
    li a6, 0
    TCALL
    li a0, 0
    j exit

# ==== Data ================================================================================================================
    .section .rodata
    .balign 8
role_table:
    .dword main, server, client, reporter, spinner, faulter, blocker, exiter, epowner
    .dword memuser, objquota
srv_ops:
    .dword srv_echo, op_badge, op_setcap, op_buf, op_grant_in, op_grant_out, op_note_wait
    .dword op_hold, op_drop, op_late, op_exit, op_die, op_pid, op_caller
fault_code:
    .dword 0, fault_load, fault_store, fault_fetch, fault_illegal, fault_amo, fault_ebreak
    .dword fault_syscall, fault_codewrite, fault_unmapped, fault_priv, fault_kernel
    .dword fault_noexec, fault_stack, fault_rodata, fault_flags

# What each ROLE_FAULT child's death must look like: kind, reason, value, address, text.
fault_table:
    .dword FAULT_LOAD, DEATH_FAULT, 13, UNMAPPED_ADDR, fd_load
    .dword FAULT_STORE, DEATH_FAULT, 15, UNMAPPED_ADDR, fd_store
    .dword FAULT_FETCH, DEATH_FAULT, 12, UNMAPPED_CODE, fd_fetch
    .dword FAULT_ILLEGAL, DEATH_FAULT, 2, ANY, fd_illegal
    .dword FAULT_AMO, DEATH_FAULT, 6, amo_word + 1, fd_amo
    .dword FAULT_EBREAK, DEATH_FAULT, 3, ANY, fd_ebreak
    .dword FAULT_SYSCALL, DEATH_SYSCALL, 99, ANY, fd_syscall
    .dword FAULT_CODE, DEATH_FAULT, 15, _start, fd_code
    .dword FAULT_UNMAPPED, DEATH_FAULT, 13, CHILD_MAP_VA, fd_unmapped
    .dword FAULT_PRIV, DEATH_FAULT, 2, ANY, fd_priv
    .dword FAULT_KERNEL, DEATH_FAULT, 13, USER_TOP, fd_kernel
    .dword FAULT_NOEXEC, DEATH_FAULT, 12, data_code, fd_noexec
    .dword FAULT_STACK, DEATH_FAULT, 15, USER_STACK_TOP - USER_STACK_PAGES * PAGE_SIZE - 8, fd_stack
    .dword FAULT_RODATA, DEATH_FAULT, 15, message_rodata, fd_rodata
    .dword FAULT_FLAGS, DEATH_SYSCALL, SYS_SELF | 0x400, ANY, fd_flags
fd_load:        .string "a load from an unmapped page kills: load page fault (13) at the address"
fd_store:       .string "a store to an unmapped page kills: store page fault (15)"
fd_fetch:       .string "a jump to an unmapped page kills: instruction page fault (12)"
fd_illegal:     .string "an illegal instruction kills: scause 2"
fd_amo:         .string "amoadd.w on an odd address kills: store/AMO misaligned (6)"
fd_ebreak:      .string "ebreak kills: breakpoint (3)"
fd_syscall:     .string "system call number 99 kills: DEATH_SYSCALL 99"
fd_code:        .string "a store into its own text kills: store page fault (15)"
fd_unmapped:    .string "a load from a page after SYS_UNMAP kills: load page fault (13)"
fd_priv:        .string "reading sstatus in U-mode kills: illegal instruction (2)"
fd_kernel:      .string "a load from kernel memory kills: load page fault (13)"
fd_noexec:      .string "a jump into .data (not executable) kills: instruction page fault (12)"
fd_stack:       .string "a store below the stack kills: store page fault (15)"
fd_rodata:      .string "a store into .rodata kills: store page fault (15)"
fd_flags:       .string "a7 with a bit above the flags kills: DEATH_SYSCALL (the whole a7)"

death_names:
    .dword dn_exit, dn_fault, dn_killed, dn_syscall
dn_exit:        .string "DEATH_EXIT"
dn_fault:       .string "DEATH_FAULT"
dn_killed:      .string "DEATH_KILLED"
dn_syscall:     .string "DEATH_SYSCALL"

name_ktest:     .string "ktest"
name_nosuch:    .string "nosuch"
    .balign 8
message_rodata: .dword 0x0123456789abcdef, 0

    .data
    .balign 8
amo_word:       .dword 0
data_code:      ret                     # never runs: .data is not executable

    .bss
    .balign 8
my_pid:         .zero 8
tests:          .zero 8
passed:         .zero 8
failed:         .zero 8
h_child:        .zero 8                 # the bound notification: child deaths
h_ep:           .zero 8                 # the test server's endpoint
h_srv:          .zero 8                 # the test server
h_r:            .zero 8                 # where children report to the driver
h_note:         .zero 8                 # a notification of the driver's
h_granted:      .zero 8                 # a handle the test server granted
spawn_list:     .zero 16
info:           .zero INFO_SIZE
srv_note:       .zero 8
srv_dropped:    .zero 8
srv_held:       .zero 32
    .balign 4096
cbuf_send:      .zero MSG_BUF_MAX
cbuf_recv:      .zero MSG_BUF_MAX
srv_rbuf:       .zero MSG_BUF_MAX
srv_sbuf:       .zero MSG_BUF_MAX
