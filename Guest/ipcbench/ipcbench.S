# ipcbench.S: what an IPC round trip costs, in guest instructions and timer ticks.
#
# A round trip is the client's SYS_CALL and the server's SYS_REPLY_RECV, each process
# running the other's half: the figure counts every instruction the machine retires in
# between (both processes, the kernel, and the client's three-instruction loop), read
# with rdinstret, and the ticks of rdtime, averaged over ROUNDS round trips after WARMUP
# to warm up. The machine is deterministic, so the figures are the same on every run.
#
# How it is run (the argument word a1):
#   0, booted first (init=ipcbench): spawns its server (ipcbench with argument 1), prints
#      the figures, and stops the machine through the test finisher.
#   2, run by init for the shell's `ipcbench` ([names, init, a process handle with R_SPAWN]
#      in slots 0..2): the same, through slot 2, then it just exits.
#   0, run by another program (the shell runs it through init with [names, init]): it
#      cannot spawn, so it times round trips to the name service instead (a lookup of a
#      name nobody registered), which includes the work names does.
#   1: the server (handle 0: the endpoint).
#
# The register-only case uses no flags on either side, the kernel's fast path. The server
# chooses the flags of its next receive from the message it answers (a5 = MODE_*), so a
# case with buffers changes mode during its warm-up.

    .include "lib.inc"
    .include "servers.inc"

    .equ ARG_MAIN,          0
    .equ ARG_SERVER,        1
    .equ ARG_SPAWNER,       2
    .equ ROUNDS,            1000
    .equ WARMUP,            100
    .equ MODE_RECV_BUF,     1           # a5 bit: receive the next request into a buffer
    .equ MODE_SEND_BUF,     2           # a5 bit: reply with a4 bytes
    .equ OP_QUIT,           -1          # a0: the server answers, then exits

    .text
    .globl _start
# a0 = handle count, a1 = argument word, a2 = pid.
_start:
    li t0, ARG_SERVER
    beq a1, t0, server
    mv s0, a2                           # pid
    mv s11, a1
    LOG "ipcbench: IPC round trips (SYS_CALL + SYS_REPLY_RECV), 1000 each after 100 to warm up"
    mv a0, s0
    la a1, info
    SYSCALL SYS_INFO
    ld s10, info + INFO_SUPERVISOR      # -1: booted first
    li t0, ARG_SPAWNER
    beq s11, t0, 1f
    bltz s10, 1f
    j names_mode
1:  call spawn_server
    bnez a7, 9f
    call bench_all
    li a0, OP_QUIT
    mv a6, s1
    SYSCALL SYS_CALL
    call reap_server
9:  bgez s10, 8f
    li a0, BOOT_H_FINISHER
    li a1, 0
    j machine_exit
8:  li a0, 0
    j exit

# spawn_server() -> s1 = the endpoint shared with the server, s2 = the notification that
# reports its death; a7 = status.
spawn_server:
    addi sp, sp, -16
    sd ra, 0(sp)
    SYSCALL SYS_NOTIFICATION
    mv s2, a0
    mv a6, s2
    SYSCALL SYS_BIND
    SYSCALL SYS_ENDPOINT
    mv s1, a0
    sd s1, spawn_list, t0
    mv a0, s0                           # the server runs at this process's priority
    la a1, info
    SYSCALL SYS_INFO
    ld a4, info + INFO_PRIORITY
    li a6, BOOT_H_SELF                  # booted first
    li t0, ARG_SPAWNER
    bne s11, t0, 1f
    li a6, SLOT_SPAWN                   # run by init
1:
    la a0, name_ipcbench
    li a1, 8
    la a2, spawn_list
    li a3, 1
    li a5, ARG_SERVER
    SYSCALL SYS_SPAWN
    beqz a7, 1f
    mv s3, a7
    call line_begin
    LSTR "ipcbench: cannot spawn the server: "
    mv a0, s3
    call line_status
    call line_end
    mv a7, s3
1:  ld ra, 0(sp)
    addi sp, sp, 16
    ret

# reap_server(): waits for the server's death and reaps it.
reap_server:
1:  SYSCALL SYS_REAP
    beqz a7, 2f
    mv a6, s2
    li t5, 10000000
    SYSCALL SYS_WAIT | F_TIMEOUT
    beqz a7, 1b
2:  ret

# bench_all(): every case against the server on s1.
bench_all:
    addi sp, sp, -16
    sd ra, 0(sp)
    la a0, bench_registers
    li a1, 0
    LA_STR a2, "register-only round trip"
    call bench
    la a0, bench_send_1k
    li a1, MODE_RECV_BUF
    LA_STR a2, "1 KiB request buffer round trip"
    call bench
    la a0, bench_both_1k
    li a1, MODE_RECV_BUF | MODE_SEND_BUF
    LA_STR a2, "1 KiB each way round trip"
    call bench
    la a0, bench_both_4k
    li a1, MODE_RECV_BUF | MODE_SEND_BUF
    LA_STR a2, "4 KiB each way round trip"
    call bench
    ld ra, 0(sp)
    addi sp, sp, 16
    ret

# bench(a0 = loop routine, a1 = server mode, a2 = what it measures): runs the loop for
# WARMUP round trips, then for ROUNDS measured ones, and prints the averages.
# A loop routine: a0 = round trips, a1 = mode; uses s1 (the endpoint).
bench:
    addi sp, sp, -64
    sd ra, 0(sp)
    sd s3, 8(sp)
    sd s4, 16(sp)
    sd s5, 24(sp)
    sd s6, 32(sp)
    sd s7, 40(sp)
    sd s8, 48(sp)
    mv s3, a0
    mv s4, a1
    mv s5, a2
    li a0, WARMUP
    mv a1, s4
    jalr s3
    rdinstret s6
    rdtime s7
    li a0, ROUNDS
    mv a1, s4
    jalr s3
    rdinstret t0
    rdtime t1
    sub s6, t0, s6
    sub s7, t1, s7
    mv s8, a7                           # the last call's status
    mv a0, s5
    mv a1, s6
    mv a2, s7
    mv a3, s8
    call print_result
    ld ra, 0(sp)
    ld s3, 8(sp)
    ld s4, 16(sp)
    ld s5, 24(sp)
    ld s6, 32(sp)
    ld s7, 40(sp)
    ld s8, 48(sp)
    addi sp, sp, 64
    ret

# print_result(a0 = what, a1 = instructions, a2 = ticks, a3 = the last call's status), for
# ROUNDS round trips: "ipcbench: what N instructions, T.t ticks".
print_result:
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
    call line_begin
    LSTR "ipcbench: "
    mv a0, s1
    call line_str
    LSTR " "
    li t0, ROUNDS
    divu a0, s2, t0
    call line_dec
    LSTR " instructions, "
    li t0, 10                           # ticks to one decimal
    mul s3, s3, t0
    li t0, ROUNDS
    divu s3, s3, t0
    li t0, 10
    divu a0, s3, t0
    call line_dec
    LSTR "."
    li t0, 10
    remu a0, s3, t0
    call line_dec
    LSTR " ticks"
    beqz s4, 1f
    LSTR " (the calls failed: "
    mv a0, s4
    call line_status
    LSTR ")"
1:  call line_end
    ld ra, 0(sp)
    ld s1, 8(sp)
    ld s2, 16(sp)
    ld s3, 24(sp)
    ld s4, 32(sp)
    addi sp, sp, 48
    ret

# ---- The loops (a0 = round trips, a1 = mode) -------------------------------------------------
bench_registers:
    mv a5, a1
    mv t2, a0
    mv a6, s1
1:  li a7, SYS_CALL
    ecall
    addi t2, t2, -1
    bnez t2, 1b
    ret

bench_send_1k:
    mv a5, a1
    mv t2, a0
    mv a6, s1
    la t0, client_send
    li t1, 1024
1:  li a7, SYS_CALL | F_SEND_BUF
    ecall
    la t0, client_send                  # t0, t1 come back as results
    li t1, 1024
    addi t2, t2, -1
    bnez t2, 1b
    ret

bench_both_1k:
    li a4, 1024
    j bench_both
bench_both_4k:
    li a4, MSG_BUF_MAX
bench_both:
    mv a5, a1
    mv t4, a0
    mv a6, s1
    la t2, client_recv
    li t3, MSG_BUF_MAX
1:  la t0, client_send
    mv t1, a4
    li a7, SYS_CALL | F_SEND_BUF | F_RECV_BUF
    ecall
    addi t4, t4, -1
    bnez t4, 1b
    ret

# ---- Without a spawn right: round trips to the name service ----------------------------------
names_mode:
    LOG "ipcbench: no process handle to spawn a server with: timing lookups at names instead"
    li s1, SLOT_NAMES
    li a0, WARMUP
    call bench_names
    rdinstret s6
    rdtime s7
    li a0, ROUNDS
    call bench_names
    rdinstret t0
    rdtime t1
    sub a1, t0, s6
    sub a2, t1, s7
    li t0, E_NOENT                      # the expected answer
    sub a3, a0, t0
    beqz a3, 1f
    mv a3, a0
1:  LA_STR a0, "names lookup round trip"
    call print_result
    li a0, 0
    j exit

# bench_names(a0 = round trips) -> a0 = the last answer.
bench_names:
    mv t2, a0
1:  mv a6, s1
    li a0, NAMES_LOOKUP
    li a1, 0x68636e6562637069           # "ipcbench", not registered by anyone
    li a2, 0x656e6f6e2d                 # "-none"
    li a7, SYS_CALL
    ecall
    bnez a7, 2f
    bltz t1, 2f                         # a handle came after all: close it
    mv a6, t1
    li a7, SYS_CLOSE
    ecall
2:  addi t2, t2, -1
    bnez t2, 1b
    ret

# ==== The server (handle 0: the endpoint) ======================================================
# Answers every call with the registers it came with; a5 of each call says how to receive
# the next one and whether to reply with a buffer of a4 bytes.
server:
    li s0, 0
    mv a6, s0
    SYSCALL SYS_RECV
1:  bnez a7, 8f
    li t0, OP_QUIT
    beq a0, t0, 9f
    andi t0, a5, MODE_SEND_BUF
    bnez t0, 3f
    andi t0, a5, MODE_RECV_BUF
    bnez t0, 2f
    mv a6, s0                           # registers only: the fast path
    li a7, SYS_REPLY_RECV
    ecall
    j 1b
2:  mv a6, s0
    la t2, server_buf
    li t3, MSG_BUF_MAX
    li a7, SYS_REPLY_RECV | F_RECV_BUF
    ecall
    j 1b
3:  mv a6, s0
    la t0, server_reply
    mv t1, a4
    la t2, server_buf
    li t3, MSG_BUF_MAX
    li a7, SYS_REPLY_RECV | F_RECV_BUF | F_SEND_BUF
    ecall
    j 1b
8:  li t0, ST_NOTIFIED
    beq a7, t0, server
    li a0, 1
    j exit
9:  li a0, 0
    SYSCALL SYS_REPLY
    li a0, 0
    j exit

    .section .rodata
name_ipcbench:  .string "ipcbench"

    .bss
    .balign 8
info:           .zero INFO_SIZE
spawn_list:     .zero 8
    .balign 4096
client_send:    .zero MSG_BUF_MAX
client_recv:    .zero MSG_BUF_MAX
server_buf:     .zero MSG_BUF_MAX
server_reply:   .zero MSG_BUF_MAX
