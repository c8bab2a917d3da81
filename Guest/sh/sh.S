# sh: the shell. It reads lines from the console server, runs built-in commands against
# the file server, init and the name service, and writes everything back through the
# console. It holds only two handles of its own: the name service and init.
#
# A server that dies under a call makes it fail with E_DEAD; its endpoint belongs to init,
# so the shell simply calls again, and the call waits until the new incarnation receives.

    .include "abi.inc"
    .include "servers.inc"

    .equ LINE_MAX,      256
    .equ ARGS_MAX,      8
    .equ BUF_SIZE,      4096
    .equ E_NOSERVER,    -27             # the shell's own: no such server registered
    .equ E_NOPROGRAM,   -28             # the shell's own: E_NOENT from init or names

    .text
    .globl _start
_start:
    li a1, 0
    call lookup_console
    la a0, banner
    call puts
    la a0, motd_path
    call cat_quiet

prompt:
    la a0, prompt_text
    call puts
    call read_line                      # a0 = length
    la t0, line
    add t0, t0, a0
    sb zero, 0(t0)
    call parse                          # argv, argc
    ld t0, argc
    beqz t0, prompt
    la s1, commands
1:  ld a0, 0(s1)
    beqz a0, 2f
    ld a1, argv
    call streq
    bnez a0, 3f
    addi s1, s1, 16
    j 1b
2:  la a0, unknown_text
    call puts
    ld a0, argv
    call puts
    la a0, unknown_text2
    call puts
    j prompt
3:  ld t0, 8(s1)
    jalr t0
    j prompt

# ---- Commands (argv, argc set; each returns) ----------------------------------------------
cmd_help:
    la a0, help_text
    j puts

cmd_echo:
    addi sp, sp, -16
    sd ra, 0(sp)
    ld a0, rest1
    call puts
    call newline
    ld ra, 0(sp)
    addi sp, sp, 16
    ret

cmd_ls:
    addi sp, sp, -48
    sd ra, 0(sp)
    sd s1, 8(sp)
    sd s2, 16(sp)
    la a0, root_path
    ld t0, argc
    li t1, 2
    bltu t0, t1, 1f
    la t0, argv
    ld a0, 8(t0)
1:  call make_path                      # path, path_len
    li s1, 0                            # index
2:  li a0, FS_LIST
    mv a1, s1
    la t2, name_buf
    li t3, FS_NAME_MAX + 1
    li a5, F_RECV_BUF
    call fs_path_call
    bltz a0, 8f
    sd a1, 24(sp)
    sd a2, 32(sp)
    la t0, name_buf
    add t0, t0, a0
    sb zero, 0(t0)
    la a0, two_spaces
    call puts
    la a0, name_buf
    call puts
    la a0, name_buf
    call strlen
    mv s2, a0
    ld t0, 24(sp)
    li t1, FS_T_DIR
    bne t0, t1, 3f
    la a0, slash                        # a directory: its name and a slash
    call puts
    j 5f
3:  li t0, 30
    bgeu s2, t0, 4f
    la a0, space
    call puts
    addi s2, s2, 1
    j 3b
4:  ld a0, 32(sp)
    call put_dec
    la a0, bytes_text
    call puts
5:  call newline
    addi s1, s1, 1
    j 2b
8:  li t0, E_NOENT
    bne a0, t0, 9f
    bnez s1, 10f                        # the end of the list
9:  mv a1, a0
    la a0, ls_text
    call fs_error
10: ld ra, 0(sp)
    ld s1, 8(sp)
    ld s2, 16(sp)
    addi sp, sp, 48
    ret

cmd_cat:
    addi sp, sp, -16
    sd ra, 0(sp)
    call need_arg
    beqz a0, 9f
    la t0, argv
    ld a0, 8(t0)
    call make_path
    call cat_path
    beqz a0, 9f
    mv a1, a0
    la a0, cat_text
    call fs_error
9:  ld ra, 0(sp)
    addi sp, sp, 16
    ret

# cat_quiet(a0 = path): print the file if it is there.
cat_quiet:
    addi sp, sp, -16
    sd ra, 0(sp)
    call make_path
    call cat_path
    ld ra, 0(sp)
    addi sp, sp, 16
    ret

# cat_path: the file at path to the console. a0 = 0 or the error.
cat_path:
    addi sp, sp, -32
    sd ra, 0(sp)
    sd s1, 8(sp)
    li a0, FS_OPEN
    li a1, 0
    li a5, 0
    call fs_path_call
    bltz a0, 9f
    mv s1, a0                           # the fd
1:  li a0, FS_READ
    mv a1, s1
    li a2, BUF_SIZE
    la t2, buffer
    li t3, BUF_SIZE
    li a5, F_RECV_BUF
    call fs_call
    blez a0, 2f
    mv a1, a0
    la a0, buffer
    call write_bytes
    j 1b
2:  sd a0, 16(sp)
    li a0, FS_CLOSE
    mv a1, s1
    li a5, 0
    call fs_call
    ld a0, 16(sp)
9:  ld ra, 0(sp)
    ld s1, 8(sp)
    addi sp, sp, 32
    ret

cmd_write:
    li a1, FS_O_CREATE | FS_O_TRUNCATE
    j write_common
cmd_append:
    li a1, FS_O_CREATE | FS_O_APPEND
write_common:
    addi sp, sp, -32
    sd ra, 0(sp)
    sd s1, 8(sp)
    sd a1, 16(sp)
    call need_arg
    beqz a0, 9f
    la t0, argv
    ld a0, 8(t0)
    call make_path
    li a0, FS_OPEN
    ld a1, 16(sp)
    li a5, 0
    call fs_path_call
    bltz a0, 8f
    mv s1, a0
    # The text: everything after the path, and a newline.
    ld a0, rest2
    call strlen
    ld a1, rest2
    la t0, buffer
    mv t1, a0
1:  beqz t1, 2f
    lbu t2, 0(a1)
    sb t2, 0(t0)
    addi a1, a1, 1
    addi t0, t0, 1
    addi t1, t1, -1
    j 1b
2:  li t2, '\n'
    sb t2, 0(t0)
    addi t1, a0, 1                      # length
    li a0, FS_WRITE
    mv a1, s1
    la t0, buffer
    li a5, F_SEND_BUF
    call fs_call
    sd a0, 24(sp)
    li a0, FS_CLOSE
    mv a1, s1
    li a5, 0
    call fs_call
    ld a0, 24(sp)
    bgez a0, 9f
8:  mv a1, a0
    la t0, argv
    ld a0, 0(t0)
    call fs_error
9:  ld ra, 0(sp)
    ld s1, 8(sp)
    addi sp, sp, 32
    ret

cmd_mkdir:
    li a1, FS_MKDIR
    j path_op
cmd_rm:
    li a1, FS_REMOVE
path_op:
    addi sp, sp, -16
    sd ra, 0(sp)
    sd a1, 8(sp)
    call need_arg
    beqz a0, 9f
    la t0, argv
    ld a0, 8(t0)
    call make_path
    ld a0, 8(sp)
    li a5, 0
    call fs_path_call
    bgez a0, 9f
    mv a1, a0
    la t0, argv
    ld a0, 0(t0)
    call fs_error
9:  ld ra, 0(sp)
    addi sp, sp, 16
    ret

cmd_mv:
    addi sp, sp, -16
    sd ra, 0(sp)
    ld t0, argc
    li t1, 3
    bgeu t0, t1, 1f
    la a0, usage_mv
    call puts
    j 9f
1:  la t0, argv
    ld a0, 16(t0)
    call make_path                      # the new name first, then moved up
    la t0, path
    la t1, buffer + 512
    ld t2, path_len
    sd t2, 8(sp)
2:  lbu t3, 0(t0)
    sb t3, 0(t1)
    addi t0, t0, 1
    addi t1, t1, 1
    addi t2, t2, -1
    bgez t2, 2b
    la t0, argv
    ld a0, 8(t0)
    call make_path
    # "old\0new"
    la t0, path
    ld t1, path_len
    add t0, t0, t1
    sb zero, 0(t0)
    addi t0, t0, 1
    la t1, buffer + 512
    ld t2, 8(sp)
3:  lbu t3, 0(t1)
    sb t3, 0(t0)
    addi t0, t0, 1
    addi t1, t1, 1
    addi t2, t2, -1
    bnez t2, 3b
    la t1, path
    sub t1, t0, t1
    sd t1, path_len, t2
    li a0, FS_RENAME
    li a5, 0
    call fs_path_call
    bgez a0, 9f
    mv a1, a0
    la a0, mv_text
    call fs_error
9:  ld ra, 0(sp)
    addi sp, sp, 16
    ret

cmd_ps:
    addi sp, sp, -32
    sd ra, 0(sp)
    sd s1, 8(sp)
    sd s2, 16(sp)
    la a0, ps_header
    call puts
    li s1, 0
1:  mv a0, s1
    la a1, info
    li a7, SYS_INFO
    ecall
    bltz a7, 9f
    mv s2, a0                           # the next pid
    mv a0, s1
    li a1, 4
    call put_dec_width
    la a0, two_spaces
    call puts
    la a0, info + INFO_NAME
    call puts
    la a0, info + INFO_NAME
    call strlen
    li t0, 10
    sub a0, t0, a0
    call put_spaces
    la t0, info
    ld t0, INFO_STATE(t0)
    la t1, state_names
    slli t0, t0, 3
    add t1, t1, t0
    ld a0, 0(t1)
    call puts
    la t0, info
    ld a0, INFO_PRIORITY(t0)
    li a1, 5
    call put_dec_width
    # Restarts, from init.
    li a0, INIT_RESTARTS
    mv a1, s1
    li a6, SLOT_INIT
    li a7, SYS_CALL
    ecall
    bgez a7, 2f
    li a0, 0
2:  li a1, 10
    call put_dec_width
    la t0, info
    ld a0, INFO_CALLS(t0)
    li a1, 8
    call put_dec_width
    la t0, info
    ld a0, INFO_RECEIVED(t0)
    li a1, 10
    call put_dec_width
    la t0, info
    ld a0, INFO_PAGES(t0)
    li a1, 7
    call put_dec_width
    call newline
    mv s1, s2
    bgez s1, 1b
9:  ld ra, 0(sp)
    ld s1, 8(sp)
    ld s2, 16(sp)
    addi sp, sp, 32
    ret

cmd_kill:
    addi sp, sp, -16
    sd ra, 0(sp)
    call need_arg
    beqz a0, 9f
    li a0, INIT_KILL
    call init_name_call
    bgez a0, 9f
    mv a1, a0
    la a0, kill_text
    call name_error
9:  ld ra, 0(sp)
    addi sp, sp, 16
    ret

# crash NAME: ask the server to fault on purpose (operation 99 in every protocol).
cmd_crash:
    addi sp, sp, -16
    sd ra, 0(sp)
    call need_arg
    beqz a0, 9f
    la t0, argv
    ld a0, 8(t0)
    la a1, names_name
    call streq
    beqz a0, 1f
    li a6, SLOT_NAMES
    j 2f
1:  la t0, argv
    ld a0, 8(t0)
    call pack_name
    call lookup
    bltz a0, 8f
    mv a6, a0
2:  sd a6, 8(sp)
    li a0, 99
    li a7, SYS_CALL
    ecall
    ld a6, 8(sp)
    beqz a6, 9f                         # the names handle stays
    li a7, SYS_CLOSE
    ecall
    j 9f
8:  mv a1, a0
    la a0, crash_text
    call name_error
9:  ld ra, 0(sp)
    addi sp, sp, 16
    ret

cmd_ipcbench:
    la a0, ipcbench_name
    j run_program
cmd_run:
    addi sp, sp, -16
    sd ra, 0(sp)
    call need_arg
    beqz a0, 1f
    la t0, argv
    ld a0, 8(t0)
    ld ra, 0(sp)
    addi sp, sp, 16
    j run_program
1:  ld ra, 0(sp)
    addi sp, sp, 16
    ret

# run_program(a0 = name): INIT_RUN, waiting until it ends.
run_program:
    addi sp, sp, -32
    sd ra, 0(sp)
    sd a0, 8(sp)
    call pack_name
    li a0, INIT_RUN
    li a6, SLOT_INIT
    li a7, SYS_CALL
    ecall
    bltz a0, 8f
    li t0, DEATH_EXIT
    bne a1, t0, 1f
    beqz a2, 9f                         # a clean exit says nothing
1:  sd a1, 16(sp)
    sd a2, 24(sp)
    ld a0, 8(sp)
    call puts
    ld a1, 16(sp)
    li t0, DEATH_EXIT
    bne a1, t0, 2f
    la a0, exited_text
    call puts
    ld a0, 24(sp)
    call put_dec
    j 3f
2:  la a0, died_text
    call puts
3:  call newline
    j 9f
8:  mv a1, a0
    la a0, run_text
    call name_error
9:  ld ra, 0(sp)
    addi sp, sp, 32
    ret

cmd_start:
    addi sp, sp, -16
    sd ra, 0(sp)
    call need_arg
    beqz a0, 9f
    li a0, INIT_START
    call init_name_call
    bltz a0, 8f
    sd a0, 8(sp)
    la a0, started_text
    call puts
    la t0, argv
    ld a0, 8(t0)
    call puts
    la a0, as_pid_text
    call puts
    ld a0, 8(sp)
    call put_dec
    call newline
    j 9f
8:  mv a1, a0
    la a0, start_text
    call name_error
9:  ld ra, 0(sp)
    addi sp, sp, 16
    ret

cmd_uptime:
    addi sp, sp, -16
    sd ra, 0(sp)
    la a0, uptime_text
    call puts
    rdtime a0
    li t0, 10000000
    divu a0, a0, t0
    call put_dec
    la a0, dot
    call puts
    rdtime a0
    li t0, 10000000
    remu a0, a0, t0
    li t0, 10000
    divu a0, a0, t0                     # milliseconds
    li a1, 3
    call put_dec_zeros
    la a0, uptime_text2
    call puts
    rdinstret a0
    call put_dec
    la a0, uptime_text3
    call puts
    ld ra, 0(sp)
    addi sp, sp, 16
    ret

# sleep MS: guest time passes (10,000 ticks a millisecond).
cmd_sleep:
    addi sp, sp, -16
    sd ra, 0(sp)
    call need_arg
    beqz a0, 9f
    la t0, argv
    ld t0, 8(t0)
    li a0, 0
1:  lbu t1, 0(t0)                       # decimal digits
    beqz t1, 2f
    addi t1, t1, -'0'
    li t2, 10
    bgeu t1, t2, 8f
    mul a0, a0, t2
    add a0, a0, t1
    li t2, 600000                       # at most ten minutes
    bgtu a0, t2, 8f
    addi t0, t0, 1
    j 1b
2:  li t0, 10000
    mul a0, a0, t0
    li a7, SYS_SLEEP
    ecall
    j 9f
8:  la a0, usage_sleep
    call puts
9:  ld ra, 0(sp)
    addi sp, sp, 16
    ret

cmd_shutdown:
    la a0, bye_text
    call puts
    li a0, INIT_SHUTDOWN
    li a1, 0
    li a6, SLOT_INIT
    li a7, SYS_CALL
    ecall
    ret

# ---- Talking to the servers ---------------------------------------------------------------
# init_name_call(a0 = operation): with argv[1] as the name in a1, a2. a0 = the result.
init_name_call:
    addi sp, sp, -16
    sd ra, 0(sp)
    sd a0, 8(sp)
    la t0, argv
    ld a0, 8(t0)
    call pack_name
    ld a0, 8(sp)
    li a6, SLOT_INIT
    li a7, SYS_CALL
    ecall
    ld ra, 0(sp)
    addi sp, sp, 16
    ret

# pack_name(a0 = string): a1, a2 = its first 15 bytes, NUL-padded.
pack_name:
    li a1, 0
    li a2, 0
    li t0, 0
1:  lbu t1, 0(a0)
    beqz t1, 3f
    li t2, 15
    beq t0, t2, 3f
    andi t2, t0, 7
    slli t2, t2, 3
    sll t1, t1, t2
    li t2, 8
    bgeu t0, t2, 2f
    or a1, a1, t1
    j 4f
2:  or a2, a2, t1
4:  addi a0, a0, 1
    addi t0, t0, 1
    j 1b
3:  ret

# lookup(a1, a2 = packed name): a0 = a handle (in t1 of the reply) or an error.
lookup:
    li a0, NAMES_LOOKUP
    li a6, SLOT_NAMES
    li a7, SYS_CALL
    ecall
    bltz a7, 1f
    bltz a0, 1f
    mv a0, t1
1:  ret

# lookup_console: the console's handle, into h_console (waits for the name service).
lookup_console:
    addi sp, sp, -16
    sd ra, 0(sp)
1:  la a0, console_name
    call pack_name
    call lookup
    bgez a0, 2f
    li a0, 100000                       # not registered yet: try again in 10 ms
    li a7, SYS_SLEEP
    ecall
    j 1b
2:  ld a6, h_console
    beqz a6, 3f
    sd a0, 8(sp)
    li a7, SYS_CLOSE
    ecall
    ld a0, 8(sp)
3:  addi a0, a0, 1                      # stored + 1: 0 means none
    sd a0, h_console, t0
    ld ra, 0(sp)
    addi sp, sp, 16
    ret

# console_call: SYS_CALL to the console with the flags in a5, a0 and t0..t3 set; called
# again while the console is down (E_DEAD). a0 = the result, t0 = bytes received.
console_call:
    addi sp, sp, -32
    sd a0, 0(sp)
    sd t0, 8(sp)
    sd t1, 16(sp)
    sd a5, 24(sp)
1:  ld a5, 24(sp)
    ld a6, h_console
    addi a6, a6, -1
    li a7, SYS_CALL
    or a7, a7, a5
    ecall
    li t4, E_DEAD
    bne a7, t4, 2f
    ld a0, 0(sp)
    ld t0, 8(sp)
    ld t1, 16(sp)
    j 1b
2:  addi sp, sp, 32
    ret

# fs_call: SYS_CALL to the file server (looked up afresh), flags in a5. a0 = the result,
# a1, a2 the reply's.
fs_call:
    addi sp, sp, -80
    sd a5, 64(sp)
    sd ra, 0(sp)
    sd a0, 8(sp)
    sd a1, 16(sp)
    sd a2, 24(sp)
    sd t0, 32(sp)
    sd t1, 40(sp)
    sd t2, 48(sp)
    sd t3, 56(sp)
    li t0, 20                           # fs or names may be restarting: try for 200 ms
    sd t0, 72(sp)
1:  la a0, fs_name
    call pack_name
    call lookup
    bgez a0, 2f
    ld t0, 72(sp)
    addi t0, t0, -1
    sd t0, 72(sp)
    li a0, E_NOSERVER
    beqz t0, 9f
    li a0, 100000
    li a7, SYS_SLEEP
    ecall
    j 1b
2:  mv a6, a0
    ld a0, 8(sp)
    ld a1, 16(sp)
    ld a2, 24(sp)
    ld t0, 32(sp)
    ld t1, 40(sp)
    ld t2, 48(sp)
    ld t3, 56(sp)
    ld a5, 64(sp)
    li a7, SYS_CALL
    or a7, a7, a5
    ecall
    bltz a7, 1f
    mv t4, a0
    li a7, SYS_CLOSE
    ecall
    mv a0, t4
    j 9f
1:  mv t4, a7
    li a7, SYS_CLOSE
    ecall
    mv a0, t4
9:  ld ra, 0(sp)
    addi sp, sp, 80
    ret

# fs_path_call: fs_call with the path in the request buffer (a5 gets F_SEND_BUF).
fs_path_call:
    la t0, path
    ld t1, path_len
    ori a5, a5, F_SEND_BUF
    j fs_call

# make_path(a0 = argument): path = "/" + argument unless it starts with '/'.
make_path:
    la t0, path
    lbu t1, 0(a0)
    li t2, '/'
    beq t1, t2, 1f
    sb t2, 0(t0)
    addi t0, t0, 1
1:  la t3, path + FS_PATH_MAX
2:  lbu t1, 0(a0)
    beqz t1, 3f
    bgeu t0, t3, 3f
    sb t1, 0(t0)
    addi t0, t0, 1
    addi a0, a0, 1
    j 2b
3:  la t1, path
    sub t1, t0, t1
    sd t1, path_len, t2
    ret

# need_arg: a0 = 1 if the command has an argument; else prints its usage, a0 = 0.
need_arg:
    ld t0, argc
    li t1, 2
    bltu t0, t1, 1f
    li a0, 1
    ret
1:  addi sp, sp, -16
    sd ra, 0(sp)
    la a0, usage_text
    call puts
    ld a0, argv
    call puts
    la a0, usage_text2
    call puts
    li a0, 0
    ld ra, 0(sp)
    addi sp, sp, 16
    ret

# name_error(a0 = what, a1 = error): like fs_error, but E_NOENT means no such program or
# server.
name_error:
    li t0, E_NOENT
    bne a1, t0, fs_error
    li a1, E_NOPROGRAM
# fs_error(a0 = what, a1 = error): "what: path-or-name: message".
fs_error:
    addi sp, sp, -16
    sd ra, 0(sp)
    sd a1, 8(sp)
    call puts
    la a0, colon
    call puts
    ld t0, argc
    li t1, 2
    bltu t0, t1, 1f
    la t0, argv
    ld a0, 8(t0)
    call puts
    la a0, colon
    call puts
1:  ld a0, 8(sp)
    neg a0, a0
    li t0, 29
    bgeu a0, t0, 2f
    la t1, error_texts
    slli t0, a0, 3
    add t1, t1, t0
    ld t1, 0(t1)
    beqz t1, 2f
    mv a0, t1
    call puts
    j 3f
2:  la a0, error_text
    call puts
    ld a0, 8(sp)
    neg a0, a0
    call put_dec
3:  call newline
    ld ra, 0(sp)
    addi sp, sp, 16
    ret

# ---- Console I/O --------------------------------------------------------------------------
# read_line: one line from the console into `line` (without its '\n'); a0 = its length.
read_line:
    addi sp, sp, -16
    sd ra, 0(sp)
    li a0, CON_READ
    la t2, line
    li t3, LINE_MAX - 1
    li a5, F_RECV_BUF
    call console_call
    bltz a0, 2f
    mv a0, t0                           # bytes received
    beqz a0, 2f
    la t1, line - 1
    add t1, t1, a0
    lbu t2, 0(t1)
    li t3, '\n'
    bne t2, t3, 1f
    addi a0, a0, -1
1:  ld ra, 0(sp)
    addi sp, sp, 16
    ret
2:  li a0, 0
    j 1b

# write_bytes(a0 = bytes, a1 = count).
write_bytes:
    addi sp, sp, -16
    sd ra, 0(sp)
    beqz a1, 1f
    mv t0, a0
    mv t1, a1
    li a0, CON_WRITE
    li a5, F_SEND_BUF
    call console_call
1:  ld ra, 0(sp)
    addi sp, sp, 16
    ret

# puts(a0 = NUL-terminated string).
puts:
    addi sp, sp, -16
    sd ra, 0(sp)
    sd a0, 8(sp)
    call strlen
    mv a1, a0
    ld a0, 8(sp)
    call write_bytes
    ld ra, 0(sp)
    addi sp, sp, 16
    ret

newline:
    la a0, nl
    j puts

# put_dec(a0): unsigned decimal.
put_dec:
    li a1, 0
# put_dec_width(a0, a1 = width, right-aligned).
put_dec_width:
    la t0, digits + 31
    sb zero, 0(t0)
    li t1, 10
1:  remu t2, a0, t1
    addi t2, t2, '0'
    addi t0, t0, -1
    sb t2, 0(t0)
    divu a0, a0, t1
    bnez a0, 1b
    la t3, digits + 31
    sub t3, t3, t0                      # digits written
2:  bgeu t3, a1, 3f
    addi t0, t0, -1
    li t2, ' '
    sb t2, 0(t0)
    addi t3, t3, 1
    j 2b
3:  mv a0, t0
    j puts

# put_dec_zeros(a0, a1 = width, zero-padded).
put_dec_zeros:
    la t0, digits + 31
    sb zero, 0(t0)
    li t1, 10
1:  remu t2, a0, t1
    addi t2, t2, '0'
    addi t0, t0, -1
    sb t2, 0(t0)
    divu a0, a0, t1
    addi a1, a1, -1
    bnez a0, 1b
2:  blez a1, 3f
    addi t0, t0, -1
    li t2, '0'
    sb t2, 0(t0)
    addi a1, a1, -1
    j 2b
3:  mv a0, t0
    j puts

# put_spaces(a0 = count, may be <= 0).
put_spaces:
    addi sp, sp, -16
    sd ra, 0(sp)
    sd s1, 8(sp)
    mv s1, a0
1:  blez s1, 2f
    la a0, space
    call puts
    addi s1, s1, -1
    j 1b
2:  ld ra, 0(sp)
    ld s1, 8(sp)
    addi sp, sp, 16
    ret

# ---- Strings ------------------------------------------------------------------------------
strlen:
    mv t0, a0
1:  lbu t1, 0(t0)
    beqz t1, 2f
    addi t0, t0, 1
    j 1b
2:  sub a0, t0, a0
    ret

# streq(a0, a1): a0 = 1 if equal.
streq:
1:  lbu t0, 0(a0)
    lbu t1, 0(a1)
    bne t0, t1, 2f
    beqz t0, 3f
    addi a0, a0, 1
    addi a1, a1, 1
    j 1b
2:  li a0, 0
    ret
3:  li a0, 1
    ret

# parse: splits `line` in place into argv (NUL-terminated words); rest1/rest2 point at the
# text after the first and second words, as typed (in a copy of the line).
parse:
    la t0, line
    la t1, line_copy
1:  lbu t2, 0(t0)
    sb t2, 0(t1)
    addi t0, t0, 1
    addi t1, t1, 1
    bnez t2, 1b
    la t0, line
    la t1, argv
    li t2, 0                            # argc
    la t3, empty
    sd t3, rest1, t4
    sd t3, rest2, t4
    li t5, ' '
1:  lbu t3, 0(t0)                       # skip spaces
    beqz t3, 9f
    bne t3, t5, 2f
    addi t0, t0, 1
    j 1b
2:  la t6, line_copy
    add t6, t6, t0
    la t3, line
    sub t6, t6, t3                      # the same place in the copy
    li t3, 1
    bne t2, t3, 3f
    sd t6, rest1, t4
3:  li t3, 2
    bne t2, t3, 4f
    sd t6, rest2, t4
4:  li t3, ARGS_MAX
    beq t2, t3, 9f
    slli t3, t2, 3
    add t3, t3, t1
    sd t0, 0(t3)
    addi t2, t2, 1
5:  lbu t3, 0(t0)                       # the end of the word
    beqz t3, 9f
    beq t3, t5, 6f
    addi t0, t0, 1
    j 5b
6:  sb zero, 0(t0)
    addi t0, t0, 1
    j 1b
9:  sd t2, argc, t4
    ret

    .section .rodata
    .balign 8
commands:
    .dword c_help, cmd_help, c_echo, cmd_echo, c_ls, cmd_ls, c_cat, cmd_cat
    .dword c_write, cmd_write, c_append, cmd_append, c_mkdir, cmd_mkdir, c_rm, cmd_rm
    .dword c_mv, cmd_mv, c_ps, cmd_ps, c_kill, cmd_kill, c_crash, cmd_crash
    .dword c_ipcbench, cmd_ipcbench, c_uptime, cmd_uptime, c_run, cmd_run
    .dword c_start, cmd_start, c_sleep, cmd_sleep, c_shutdown, cmd_shutdown, 0, 0
state_names:
    .dword st_free, st_ready, st_send, st_reply, st_recv, st_wait, st_sleep, st_dead, st_run
error_texts:
    .dword 0, e_inval, e_handle, e_rights, e_fault, e_nomem, e_nospace, e_timeout, e_dead
    .dword e_revoked, e_noent, e_busy, 0, 0, 0, 0, 0, 0, 0, 0
    .dword e_exists, e_notdir, e_isdir, e_notempty, e_full, e_name, e_badfd, e_noserver
    .dword e_noprogram
c_help:     .asciz "help"
c_echo:     .asciz "echo"
c_ls:       .asciz "ls"
c_cat:      .asciz "cat"
c_write:    .asciz "write"
c_append:   .asciz "append"
c_mkdir:    .asciz "mkdir"
c_rm:       .asciz "rm"
c_mv:       .asciz "mv"
c_ps:       .asciz "ps"
c_kill:     .asciz "kill"
c_crash:    .asciz "crash"
c_ipcbench: .asciz "ipcbench"
c_uptime:   .asciz "uptime"
c_run:      .asciz "run"
c_start:    .asciz "start"
c_shutdown: .asciz "shutdown"
c_sleep:    .asciz "sleep"
st_free:    .asciz "free    "
st_ready:   .asciz "ready   "
st_send:    .asciz "calling "
st_reply:   .asciz "calling "
st_recv:    .asciz "serving "
st_wait:    .asciz "waiting "
st_sleep:   .asciz "sleeping"
st_dead:    .asciz "dead    "
st_run:     .asciz "running "
e_inval:    .asciz "invalid argument"
e_handle:   .asciz "no such handle"
e_rights:   .asciz "permission denied"
e_fault:    .asciz "bad address"
e_nomem:    .asciz "out of memory"
e_nospace:  .asciz "no room"
e_timeout:  .asciz "timed out"
e_dead:     .asciz "the server died"
e_revoked:  .asciz "revoked"
e_noent:    .asciz "no such file or directory"
e_busy:     .asciz "busy"
e_exists:   .asciz "already exists"
e_notdir:   .asciz "not a directory"
e_isdir:    .asciz "is a directory"
e_notempty: .asciz "directory not empty"
e_full:     .asciz "no space left (or the file is too big)"
e_name:     .asciz "bad name"
e_badfd:    .asciz "bad file descriptor"
e_noserver: .asciz "the file server is not running"
e_noprogram: .asciz "no such program or server"
banner:     .asciz "rvmk shell: type help for the commands\n"
prompt_text: .asciz "$ "
unknown_text: .asciz "sh: unknown command: "
unknown_text2: .asciz " (try help)\n"
usage_text: .asciz "usage: "
usage_text2: .asciz " NAME (see help)\n"
usage_mv:   .asciz "usage: mv OLD NEW\n"
usage_sleep: .asciz "usage: sleep MILLISECONDS (at most 600000)\n"
help_text:
    .ascii "commands:\n"
    .ascii "  help                 this list\n"
    .ascii "  echo TEXT            print TEXT\n"
    .ascii "  ls [DIR]             list a directory (default /)\n"
    .ascii "  cat FILE             print a file\n"
    .ascii "  write FILE TEXT      make FILE hold TEXT\n"
    .ascii "  append FILE TEXT     add TEXT to the end of FILE\n"
    .ascii "  mkdir DIR            make a directory\n"
    .ascii "  rm PATH              remove a file or an empty directory\n"
    .ascii "  mv OLD NEW           rename or move\n"
    .ascii "  ps                   processes: state, priority, restarts, IPC counts, pages\n"
    .ascii "  kill SERVER          kill a server (init restarts it)\n"
    .ascii "  crash SERVER         make a server fault on purpose\n"
    .ascii "  ipcbench             measure IPC round trips\n"
    .ascii "  uptime               guest time and instructions since boot\n"
    .ascii "  run PROGRAM          run a program of the boot image and wait for it\n"
    .ascii "  start PROGRAM        start a program as a supervised server\n"
    .ascii "  sleep MS             wait MS milliseconds of guest time\n"
    .asciz "  shutdown             stop the machine\n"
ps_header:  .asciz " PID  NAME      STATE   PRIO  RESTARTS   CALLS  RECEIVED  PAGES\n"
ls_text:    .asciz "ls"
cat_text:   .asciz "cat"
mv_text:    .asciz "mv"
kill_text:  .asciz "kill"
crash_text: .asciz "crash"
start_text: .asciz "start"
started_text: .asciz "started "
as_pid_text: .asciz " as pid "
run_text:   .asciz "run"
exited_text: .asciz ": exited with status "
died_text:  .asciz ": killed (see the kernel's line above)"
uptime_text: .asciz "up "
uptime_text2: .asciz " s, "
uptime_text3: .asciz " instructions\n"
bye_text:   .asciz "shutting down\n"
error_text: .asciz "error "
colon:      .asciz ": "
two_spaces: .asciz "  "
space:      .asciz " "
slash:      .asciz "/"
dot:        .asciz "."
nl:         .asciz "\n"
empty:      .asciz ""
bytes_text: .asciz " bytes"
root_path:  .asciz "/"
motd_path:  .asciz "/etc/motd"
console_name: .asciz "console"
fs_name:    .asciz "fs"
names_name: .asciz "names"
ipcbench_name: .asciz "ipcbench"

    .bss
    .balign 8
h_console:  .zero 8
argc:       .zero 8
argv:       .zero 8 * ARGS_MAX
rest1:      .zero 8
rest2:      .zero 8
path_len:   .zero 8
info:       .zero INFO_SIZE
digits:     .zero 32
line:       .zero LINE_MAX
line_copy:  .zero LINE_MAX
path:       .zero FS_PATH_MAX + 32
name_buf:   .zero 32
buffer:     .zero BUF_SIZE
