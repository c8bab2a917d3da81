# init: the first process. It creates every server's endpoint, starts the servers with
# exactly the handles they need (SERVERS.md), restarts any that dies, with a back-off and
# a give-up rule, and serves the shell's requests (run, start, kill, shutdown, restarts).
#
# Supervision, as MINIX 3's reincarnation server does it: a death within WINDOW of the
# first death of a series counts against the server; the n-th such death delays the
# restart by BACKOFF << (n - 1) ticks; after GIVE_UP deaths init gives up on that server
# and the rest of the system runs on.

    .include "abi.inc"
    .include "servers.inc"

    .equ WINDOW,        100000000       # ticks (10 s of guest time)
    .equ BACKOFF,       10000           # ticks (1 ms), doubled for each death in the window
    .equ GIVE_UP,       4               # deaths in the window
    .equ RUN_PRIORITY,  3               # programs run for the shell
    .equ SERVER_PRIORITY, 5             # servers started for the shell

# A supervised server (SV_SIZE bytes).
    .equ SV_NAME,       0               # 16 bytes
    .equ SV_PRIO,       16
    .equ SV_NHANDLES,   24
    .equ SV_HANDLES,    32              # 4 slots of init's table
    .equ SV_STATE,      64              # SV_*
    .equ SV_PID,        72
    .equ SV_PROC,       80              # process handle
    .equ SV_RESTARTS,   88
    .equ SV_DEATHS,     96              # deaths in the current window
    .equ SV_WINDOW,     104             # when the window began
    .equ SV_DUE,        112             # when to start it again
    .equ SV_SIZE,       128
    .equ SV_FREE,       0
    .equ SV_RUNNING,    1
    .equ SV_WAITING,    2               # dead, restart due at SV_DUE
    .equ SV_GAVE_UP,    3
    .equ SERVERS,       8

# A program run for a client (INIT_RUN): its pid and the client's reply token.
    .equ RUNS,          8

    .text
    .globl _start
_start:
    li a7, SYS_NOTIFICATION
    ecall
    mv a6, a0
    li a7, SYS_BIND
    ecall
    li a7, SYS_ENDPOINT
    ecall
    sd a0, h_names_ep, t0
    li a7, SYS_ENDPOINT
    ecall
    sd a0, h_console_ep, t0
    li a7, SYS_ENDPOINT
    ecall
    sd a0, h_fs_ep, t0
    li a7, SYS_ENDPOINT
    ecall
    sd a0, h_init_ep, t0
    li a0, 128
    li a7, SYS_MEMORY
    ecall
    sd a0, h_fs_memory, t0
    # Copies that clients get: SEND (and GRANT, so they can be passed on).
    ld a6, h_names_ep
    li a0, R_SEND | R_GRANT
    li a1, 0
    li a7, SYS_COPY
    ecall
    sd a0, h_names_send, t0
    ld a6, h_console_ep
    li a0, R_SEND | R_GRANT
    li a7, SYS_COPY
    ecall
    sd a0, h_console_send, t0
    ld a6, h_fs_ep
    li a0, R_SEND | R_GRANT
    li a7, SYS_COPY
    ecall
    sd a0, h_fs_send, t0
    ld a6, h_init_ep
    li a0, R_SEND | R_GRANT
    li a7, SYS_COPY
    ecall
    sd a0, h_init_send, t0
    li a6, BOOT_H_SELF                  # the right to spawn, for the trusted programs
    li a0, R_SPAWN | R_GRANT
    li a7, SYS_COPY
    ecall
    sd a0, h_spawn, t0
    # The servers, in order.
    la a0, name_names
    li a1, 6
    ld a2, h_names_ep
    li a3, -1
    li a4, -1
    li a5, -1
    call server_add
    la a0, name_console
    li a1, 6
    ld a2, h_names_send
    ld a3, h_console_ep
    li a4, BOOT_H_UART
    li a5, BOOT_H_UART_IRQ
    call server_add
    la a0, name_fs
    li a1, 5
    ld a2, h_names_send
    ld a3, h_fs_ep
    ld a4, h_fs_memory
    li a5, -1
    call server_add
    la a0, name_sh
    li a1, 4
    ld a2, h_names_send
    ld a3, h_init_send
    li a4, -1
    li a5, -1
    call server_add
    la s1, servers
    li s2, SERVERS
1:  ld t0, SV_NHANDLES(s1)
    beqz t0, 2f
    mv a0, s1
    call server_start
2:  addi s1, s1, SV_SIZE
    addi s2, s2, -1
    bnez s2, 1b

# ---- The service loop ---------------------------------------------------------------------
serve:
    call next_due                       # a0 = ticks until the next restart, or -1
    ld a6, h_init_ep
    li a7, SYS_RECV
    bltz a0, 1f
    mv t5, a0
    li a7, SYS_RECV | F_TIMEOUT
1:  ecall
    beqz a7, request
    li t0, ST_NOTIFIED
    beq a7, t0, children
    li t0, E_TIMEOUT
    beq a7, t0, restarts_due
    j serve

restarts_due:
    call start_due
    j serve

# A request: a0 = operation, t6 = reply token.
request:
    mv s1, t6
    li t0, INIT_RUN
    beq a0, t0, op_run
    li t0, INIT_START
    beq a0, t0, op_start
    li t0, INIT_KILL
    beq a0, t0, op_kill
    li t0, INIT_SHUTDOWN
    beq a0, t0, op_shutdown
    li t0, INIT_RESTARTS
    beq a0, t0, op_restarts
    li a0, E_INVAL
reply:
    mv t6, s1
    li a7, SYS_REPLY
    ecall
    j serve

# INIT_RUN: start the program; the reply waits for its end.
op_run:
    la t0, run_name
    sd a1, 0(t0)
    sd a2, 8(t0)
    la t1, run_handles
    ld t2, h_names_send
    sd t2, 0(t1)
    ld t2, h_init_send
    sd t2, 8(t1)
    # ipcbench may spawn its own server: it gets the right to spawn, and argument 2.
    li a3, 2
    li a5, 0
    ld t2, run_name
    ld t3, name_ipcbench
    bne t2, t3, 1f
    ld t2, h_spawn
    sd t2, 16(t1)
    li a3, 3
    li a5, 2
1:  mv s3, a3
    la a0, run_name
    call name_length
    mv a1, a0
    la a0, run_name
    la a2, run_handles
    mv a3, s3
    li a4, RUN_PRIORITY
    li a6, BOOT_H_SELF
    li a7, SYS_SPAWN
    ecall
    bltz a0, reply
    mv s2, a0                           # SYS_REAP names it by this handle slot
    la t0, runs
    li t1, RUNS
1:  ld t2, 8(t0)
    beqz t2, 2f
    addi t0, t0, 16
    addi t1, t1, -1
    bnez t1, 1b
    mv a6, s2                           # no room to remember it: refuse
    li a7, SYS_KILL
    ecall
    li a0, E_NOSPACE
    j reply
2:  addi t3, s2, 1
    sd t3, 0(t0)                        # handle slot + 1
    sd s1, 8(t0)                        # the reply token
    j serve

# INIT_START: run a program as a supervised server (restarted when it dies).
op_start:
    la t0, run_name
    sd a1, 0(t0)
    sd a2, 8(t0)
    la a0, run_name
    li a1, SERVER_PRIORITY
    ld a2, h_names_send
    ld a3, h_init_send
    li a4, -1
    li a5, -1
    call server_add
    beqz a0, 1f
    mv s2, a0
    call server_start_quiet
    bltz a0, 2f
    ld a0, SV_PID(a0)
    j reply
1:  li a0, E_NOSPACE
    j reply
2:  sd zero, SV_NHANDLES(s2)            # not started: not an entry either
    j reply

# INIT_KILL: the server of that name dies (and is restarted like any other death).
op_kill:
    call server_find
    beqz a0, 1f
    ld t0, SV_STATE(a0)
    li t1, SV_RUNNING
    bne t0, t1, 1f
    ld a6, SV_PROC(a0)
    li a7, SYS_KILL
    ecall
    j reply
1:  li a0, E_NOENT
    j reply

op_shutdown:
    mv s2, a1
    li a0, 0x100000
    li a6, BOOT_H_FINISHER
    li a7, SYS_MAP_DEVICE
    ecall
    bltz a0, reply
    la a0, log_shutdown
    call log_str
    li t0, 0x5555
    beqz s2, 1f
    slli t0, s2, 16
    li t1, 0x3333
    or t0, t0, t1
1:  li t1, 0x100000
    sw t0, 0(t1)
    j serve

# INIT_RESTARTS: a1 = pid.
op_restarts:
    la t0, servers
    li t1, SERVERS
1:  ld t2, SV_NHANDLES(t0)
    beqz t2, 2f
    ld t2, SV_PID(t0)
    bne t2, a1, 2f
    ld t2, SV_STATE(t0)
    li t3, SV_RUNNING
    bne t2, t3, 2f
    ld a0, SV_RESTARTS(t0)
    j reply
2:  addi t0, t0, SV_SIZE
    addi t1, t1, -1
    bnez t1, 1b
    li a0, 0
    j reply

# ---- Deaths -------------------------------------------------------------------------------
children:
    li a7, SYS_REAP
    ecall
    bltz a7, serve
    mv s2, a0                           # the handle slot that named it
    mv s3, a1                           # DEATH_*
    mv s4, a2
    mv s5, a4                           # pid
    # A program run for a client: its caller gets the news.
    la s6, runs
    li s7, RUNS
1:  ld t0, 0(s6)
    addi t1, s2, 1
    bne t0, t1, 2f
    ld t6, 8(s6)
    sd zero, 0(s6)
    sd zero, 8(s6)
    li a0, 0
    mv a1, s3
    mv a2, s4
    li a7, SYS_REPLY
    ecall
    j children
2:  addi s6, s6, 16
    addi s7, s7, -1
    bnez s7, 1b
    # A server.
    la s6, servers
    li s7, SERVERS
3:  ld t0, SV_NHANDLES(s6)
    beqz t0, 4f
    ld t0, SV_STATE(s6)
    li t1, SV_RUNNING
    bne t0, t1, 4f
    ld t0, SV_PID(s6)
    beq t0, s5, 5f
4:  addi s6, s6, SV_SIZE
    addi s7, s7, -1
    bnez s7, 3b
    j children
5:  mv a0, s6
    call server_died
    j children

# server_died(a0 = server): count the death, schedule the restart or give up.
server_died:
    addi sp, sp, -16
    sd ra, 0(sp)
    sd s1, 8(sp)
    mv s1, a0
    rdtime t0
    ld t1, SV_DEATHS(s1)
    beqz t1, 1f
    ld t2, SV_WINDOW(s1)
    sub t2, t0, t2
    li t3, WINDOW
    bltu t2, t3, 2f
1:  sd t0, SV_WINDOW(s1)                # a new window
    li t1, 0
2:  addi t1, t1, 1
    sd t1, SV_DEATHS(s1)
    li t2, GIVE_UP
    bgeu t1, t2, 3f
    li t3, BACKOFF
    addi t2, t1, -1
    sll t3, t3, t2
    add t3, t3, t0
    sd t3, SV_DUE(s1)
    li t2, SV_WAITING
    sd t2, SV_STATE(s1)
    la a0, log_restart
    mv a1, s1
    call log_server
    j 9f
3:  li t2, SV_GAVE_UP
    sd t2, SV_STATE(s1)
    la a0, log_give_up
    mv a1, s1
    call log_server
9:  ld ra, 0(sp)
    ld s1, 8(sp)
    addi sp, sp, 16
    ret

# next_due: a0 = ticks until the earliest restart (at least 1), or -1 if none.
next_due:
    li a0, -1
    rdtime t3
    la t0, servers
    li t1, SERVERS
1:  ld t2, SV_STATE(t0)
    li t4, SV_WAITING
    bne t2, t4, 3f
    ld t2, SV_DUE(t0)
    sub t2, t2, t3
    bgtz t2, 2f
    li t2, 1
2:  bgeu t2, a0, 3f
    mv a0, t2
3:  addi t0, t0, SV_SIZE
    addi t1, t1, -1
    bnez t1, 1b
    ret

# start_due: every server whose restart is due starts again.
start_due:
    addi sp, sp, -32
    sd ra, 0(sp)
    sd s1, 8(sp)
    sd s2, 16(sp)
    la s1, servers
    li s2, SERVERS
1:  ld t0, SV_STATE(s1)
    li t1, SV_WAITING
    bne t0, t1, 2f
    rdtime t0
    ld t1, SV_DUE(s1)
    bltu t0, t1, 2f
    ld t0, SV_RESTARTS(s1)
    addi t0, t0, 1
    sd t0, SV_RESTARTS(s1)
    mv a0, s1
    call server_start
2:  addi s1, s1, SV_SIZE
    addi s2, s2, -1
    bnez s2, 1b
    ld ra, 0(sp)
    ld s1, 8(sp)
    ld s2, 16(sp)
    addi sp, sp, 32
    ret

# ---- The server table ---------------------------------------------------------------------
# server_add(a0 = name (16 bytes), a1 = priority, a2..a5 = handle slots, -1 for none):
# a0 = the entry, or 0 if the table is full.
server_add:
    la t0, servers
    li t1, SERVERS
1:  ld t2, SV_NHANDLES(t0)
    beqz t2, 2f
    addi t0, t0, SV_SIZE
    addi t1, t1, -1
    bnez t1, 1b
    li a0, 0
    ret
2:  ld t2, 0(a0)
    sd t2, SV_NAME(t0)
    ld t2, 8(a0)
    sd t2, SV_NAME + 8(t0)
    sd a1, SV_PRIO(t0)
    li t1, 0
    addi t2, t0, SV_HANDLES
    bltz a2, 3f
    sd a2, 0(t2)
    addi t1, t1, 1
    bltz a3, 3f
    sd a3, 8(t2)
    addi t1, t1, 1
    bltz a4, 3f
    sd a4, 16(t2)
    addi t1, t1, 1
    bltz a5, 3f
    sd a5, 24(t2)
    addi t1, t1, 1
3:  sd t1, SV_NHANDLES(t0)
    sd zero, SV_STATE(t0)
    sd zero, SV_RESTARTS(t0)
    sd zero, SV_DEATHS(t0)
    mv a0, t0
    ret

# server_start(a0 = entry): spawn it; on failure it is given up (logged). a0 = the entry,
# or the error of SYS_SPAWN.
server_start:
    li a1, 0
    j 1f
# server_start_quiet: the same, without the log line when it cannot start.
server_start_quiet:
    li a1, 1
1:  addi sp, sp, -32
    sd ra, 0(sp)
    sd s1, 8(sp)
    sd a1, 16(sp)
    mv s1, a0
    call name_length
    mv a1, a0
    mv a0, s1
    addi a2, s1, SV_HANDLES
    ld a3, SV_NHANDLES(s1)
    ld a4, SV_PRIO(s1)
    li a5, 0
    li a6, BOOT_H_SELF
    li a7, SYS_SPAWN
    ecall
    bltz a0, 8f
    sd a0, SV_PROC(s1)
    sd a1, SV_PID(s1)
    li t0, SV_RUNNING
    sd t0, SV_STATE(s1)
    # When names comes back, the servers it knew are registered again.
    la t0, name_names
    ld t0, 0(t0)
    ld t1, SV_NAME(s1)
    bne t0, t1, 9f
    ld t0, SV_RESTARTS(s1)
    beqz t0, 9f
    call register_all
    j 9f
8:  sd a0, 24(sp)
    li t0, SV_GAVE_UP
    sd t0, SV_STATE(s1)
    ld t0, 16(sp)
    bnez t0, 7f
    la a0, log_cannot_start
    mv a1, s1
    call log_server
7:  ld a0, 24(sp)
    j 10f
9:  mv a0, s1
10: ld ra, 0(sp)
    ld s1, 8(sp)
    addi sp, sp, 32
    ret

# server_find(a1, a2 = name): a0 = the entry, or 0.
server_find:
    la a0, servers
    li t1, SERVERS
1:  ld t2, SV_NHANDLES(a0)
    beqz t2, 2f
    ld t2, SV_NAME(a0)
    bne t2, a1, 2f
    ld t2, SV_NAME + 8(a0)
    beq t2, a2, 3f
2:  addi a0, a0, SV_SIZE
    addi t1, t1, -1
    bnez t1, 1b
    li a0, 0
3:  ret

# register_all: console and fs are registered with the (new) names server again.
register_all:
    addi sp, sp, -16
    sd ra, 0(sp)
    la a0, name_console
    ld a1, h_console_send
    call register
    la a0, name_fs
    ld a1, h_fs_send
    call register
    ld ra, 0(sp)
    addi sp, sp, 16
    ret

# register(a0 = name, a1 = handle): NAMES_REGISTER, waiting at most 10 ms.
register:
    mv t4, a1
    ld a2, 8(a0)
    ld a1, 0(a0)
    li a0, NAMES_REGISTER
    ld a6, h_names_send
    li t5, 100000
    li a7, SYS_CALL | F_GRANT | F_TIMEOUT
    ecall
    ret

# name_length(a0 = 16-byte name): a0 = its length.
name_length:
    li t0, 0
1:  add t1, a0, t0
    lbu t1, 0(t1)
    beqz t1, 2f
    addi t0, t0, 1
    li t1, 16
    bne t0, t1, 1b
2:  mv a0, t0
    ret

# ---- Log lines ----------------------------------------------------------------------------
# log_server(a0 = text, a1 = entry): "[init] NAME TEXT" and, for a restart, the count.
log_server:
    addi sp, sp, -32
    sd ra, 0(sp)
    sd s1, 8(sp)
    sd s2, 16(sp)
    mv s1, a0
    mv s2, a1
    la a0, line
    la a1, log_prefix
    call append
    mv a1, s2
    call append
    mv a1, s1
    call append
    la t0, log_restart
    bne s1, t0, 1f
    ld a1, SV_DEATHS(s2)
    li t0, 1
    sub a1, a1, t0
    li t0, BACKOFF
    sll a1, t0, a1
    call append_dec
    la a1, log_ticks
    call append
1:  li t0, '\n'
    sb t0, 0(a0)
    addi a0, a0, 1
    la t0, line
    sub a1, a0, t0
    mv a0, t0
    li a7, SYS_LOG
    ecall
    ld ra, 0(sp)
    ld s1, 8(sp)
    ld s2, 16(sp)
    addi sp, sp, 32
    ret

# log_str(a0 = NUL-terminated line).
log_str:
    mv t0, a0
1:  lbu t1, 0(t0)
    beqz t1, 2f
    addi t0, t0, 1
    j 1b
2:  sub a1, t0, a0
    li a7, SYS_LOG
    ecall
    ret

# append(a0 = end of the line so far, a1 = string): a0 = the new end.
append:
1:  lbu t0, 0(a1)
    beqz t0, 2f
    sb t0, 0(a0)
    addi a0, a0, 1
    addi a1, a1, 1
    j 1b
2:  ret

# append_dec(a0 = end, a1 = number): a0 = the new end.
append_dec:
    la t0, digits + 24
    li t1, 10
1:  remu t2, a1, t1
    addi t2, t2, '0'
    addi t0, t0, -1
    sb t2, 0(t0)
    divu a1, a1, t1
    bnez a1, 1b
    la t3, digits + 24
2:  lbu t2, 0(t0)
    sb t2, 0(a0)
    addi a0, a0, 1
    addi t0, t0, 1
    bne t0, t3, 2b
    ret

    .section .rodata
    .balign 8
name_names:     .asciz "names"
    .zero 10
name_console:   .asciz "console"
    .zero 8
name_fs:        .asciz "fs"
    .zero 13
name_sh:        .asciz "sh"
    .zero 13
name_ipcbench:  .asciz "ipcbench"
    .zero 7
log_prefix:     .asciz "[init] "
log_restart:    .asciz " died: restarting it in "
log_ticks:      .asciz " ticks"
log_give_up:    .asciz " keeps dying: giving up on it"
log_cannot_start: .asciz " cannot be started: giving up on it"
log_shutdown:   .asciz "[init] shutting down\n"

    .data
    .balign 8
h_names_ep:     .dword 0
h_console_ep:   .dword 0
h_fs_ep:        .dword 0
h_init_ep:      .dword 0
h_fs_memory:    .dword 0
h_names_send:   .dword 0
h_console_send: .dword 0
h_fs_send:      .dword 0
h_init_send:    .dword 0
h_spawn:        .dword 0

    .bss
    .balign 8
servers:        .zero SERVERS * SV_SIZE
runs:           .zero RUNS * 16
run_name:       .zero 16
run_handles:    .zero 24
line:           .zero 128
digits:         .zero 32
