# names: the name service. A server registers a name with an endpoint handle; a client
# looks a name up and gets a copy of the handle. Names are at most 15 bytes and travel in
# a1, a2 (servers.inc). Its endpoint (slot 0) belongs to init, so calls made while names
# is being restarted wait for the new incarnation; init registers the servers it knows
# again when names comes back, and each server registers itself when it starts.

    .include "abi.inc"
    .include "servers.inc"

    .equ ENTRIES,       24
    .equ EN_NAME,        0               # 16 bytes: the name, as a1, a2
    .equ EN_HANDLE,     16              # slot in names's table, or -1 when free
    .equ EN_SIZE,       24

    .text
    .globl _start
_start:
    la t0, table                        # every entry free
    li t1, ENTRIES
    li t2, -1
1:  sd t2, EN_HANDLE(t0)
    addi t0, t0, EN_SIZE
    addi t1, t1, -1
    bnez t1, 1b
    li a6, SLOT_NAMES
    li a7, SYS_RECV
    ecall

# A request: a0 = operation, a1/a2 = name, t1 = a granted handle, t6 = reply token.
serve:
    bnez a7, wait                       # a failed receive: wait again
    li t0, NAMES_REGISTER
    beq a0, t0, op_register
    li t0, NAMES_LOOKUP
    beq a0, t0, op_lookup
    li t0, NAMES_CRASH
    beq a0, t0, op_crash
    bltz t1, 1f                         # a handle nobody asked for: close it
    mv a6, t1
    li a7, SYS_CLOSE
    ecall
1:  li a0, E_INVAL
reply:
    li a6, SLOT_NAMES
    li a7, SYS_REPLY_RECV
    ecall
    j serve
reply_grant:
    li a6, SLOT_NAMES
    li a7, SYS_REPLY_RECV | F_GRANT
    ecall
    j serve
wait:
    li a6, SLOT_NAMES
    li a7, SYS_RECV
    ecall
    j serve

# NAMES_REGISTER: the granted handle (t1) now answers to the name.
op_register:
    li a0, E_INVAL
    bltz t1, reply                      # no handle came
    beqz a1, 8f                         # an empty name
    call find
    bnez a0, 2f
    call find_free
    bnez a0, 3f
    li a0, E_NOSPACE
8:  mv a6, t1                           # refused: the handle goes
    mv s1, a0
    li a7, SYS_CLOSE
    ecall
    mv a0, s1
    j reply
2:  mv s1, a0                           # replace: the old handle goes
    mv s2, t1
    ld a6, EN_HANDLE(s1)
    li a7, SYS_CLOSE
    ecall
    mv t1, s2
    mv a0, s1
3:  sd a1, EN_NAME(a0)
    sd a2, EN_NAME + 8(a0)
    sd t1, EN_HANDLE(a0)
    li a0, 0
    j reply

# NAMES_LOOKUP: reply granting the handle.
op_lookup:
    call find
    beqz a0, 1f
    ld t4, EN_HANDLE(a0)
    li a0, 0
    j reply_grant
1:  li a0, E_NOENT
    j reply

# NAMES_CRASH: fault on purpose (the shell's `crash names`).
op_crash:
    ld zero, 0(zero)

# find(a1, a2 = name): a0 = its entry, or 0.
find:
    la a0, table
    li t2, ENTRIES
1:  ld t3, EN_HANDLE(a0)
    bltz t3, 2f
    ld t3, EN_NAME(a0)
    bne t3, a1, 2f
    ld t3, EN_NAME + 8(a0)
    beq t3, a2, 3f
2:  addi a0, a0, EN_SIZE
    addi t2, t2, -1
    bnez t2, 1b
    li a0, 0
3:  ret

# find_free: a0 = a free entry, or 0.
find_free:
    la a0, table
    li t2, ENTRIES
1:  ld t3, EN_HANDLE(a0)
    bltz t3, 2f
    addi a0, a0, EN_SIZE
    addi t2, t2, -1
    bnez t2, 1b
    li a0, 0
2:  ret

    .bss
    .balign 8
table:  .zero ENTRIES * EN_SIZE
