# fs: the file server. A hierarchy of directories and files, kept entirely in a memory
# object that init creates once and hands to every incarnation of fs (slot 2): a
# restarted fs maps it again and finds every file, and every open file, as they were.
#
# Layout of the memory object (mapped at FS_BASE, 512 KiB):
#   0       superblock: magic, version
#   1024    open files: OPEN_MAX entries of 32 bytes (owner pid + 1, inode, offset, flags)
#   4096    inodes: FS_FILES_MAX of 256 bytes (type, size, parent, name, 64 block numbers)
#   20480   data: BLOCKS blocks of 1 KiB
# Directories hold no data: a directory's entries are the inodes whose parent it is, in
# inode order. Which blocks are free is not stored: fs works it out from the inodes when
# it starts, so a crash between two steps of an operation leaks nothing. Each operation
# writes the data first and the inode's size or type last.

    .include "abi.inc"
    .include "servers.inc"

    .equ FS_BASE,       0x40000000
    .equ MAGIC,         0x31307366736b6d72      # "rvmkfs01"
    .equ SB_MAGIC,      0
    .equ OPEN_TABLE,    1024
    .equ OPEN_MAX,      64
    .equ OF_OWNER,      0                       # pid + 1; 0 = free
    .equ OF_INODE,      8
    .equ OF_OFFSET,     16
    .equ OF_FLAGS,      24
    .equ OF_SIZE,       32
    .equ INODES,        4096
    .equ IN_TYPE,       0                       # 0 free, FS_T_FILE, FS_T_DIR
    .equ IN_SIZE,       8
    .equ IN_PARENT,     16
    .equ IN_NAME,       24                      # 32 bytes, NUL-padded
    .equ IN_BLOCKS,     64                      # 64 halfwords: block + 1, 0 = none
    .equ IN_SIZE_OF,    256
    .equ DATA,          20480
    .equ BLOCK,         1024
    .equ BLOCKS,        492
    .equ BLOCKS_PER_FILE, 64

    .text
    .globl _start
_start:
    li s11, FS_BASE
    mv a0, s11
    li a6, SLOT_DEVICE
    li a7, SYS_MAP_MEMORY
    ecall
    bltz a7, fail
    li t0, 524288
    bltu a0, t0, fail                   # too small to hold the layout
    ld t0, SB_MAGIC(s11)
    li t1, MAGIC
    beq t0, t1, 1f
    call format
1:  call rebuild_bitmap
    # Register with the name service.
    li a6, SLOT_SERVICE
    li a0, R_SEND | R_GRANT
    li a1, 0
    li a7, SYS_COPY
    ecall
    bltz a7, receive
    mv t4, a0
    li a0, NAMES_REGISTER
    li a1, 0x7366                       # "fs"
    li a2, 0
    li a6, SLOT_NAMES
    li t5, 10000000
    li a7, SYS_CALL | F_GRANT | F_TIMEOUT
    ecall

# ---- The loop -----------------------------------------------------------------------------
receive:
    la t2, request
    li t3, MSG_BUF_MAX
    li a6, SLOT_SERVICE
    li a7, SYS_RECV | F_RECV_BUF
    ecall
    bnez a7, receive
    mv s9, t6                           # reply token
    mv s8, t5                           # the caller's pid
    mv s7, t0                           # bytes in the request
    mv s1, a1
    mv s2, a2
    li t1, FS_OPEN
    beq a0, t1, op_open
    li t1, FS_READ
    beq a0, t1, op_read
    li t1, FS_WRITE
    beq a0, t1, op_write
    li t1, FS_SEEK
    beq a0, t1, op_seek
    li t1, FS_CLOSE
    beq a0, t1, op_close
    li t1, FS_STAT
    beq a0, t1, op_stat
    li t1, FS_LIST
    beq a0, t1, op_list
    li t1, FS_MKDIR
    beq a0, t1, op_mkdir
    li t1, FS_REMOVE
    beq a0, t1, op_remove
    li t1, FS_RENAME
    beq a0, t1, op_rename
    li t1, FS_CRASH
    beq a0, t1, op_crash
    li a0, E_INVAL
# reply(a0, a1, a2): to the caller, without a buffer.
reply:
    mv t6, s9
    li a7, SYS_REPLY
    ecall
    j receive
# reply_data(a0, a1, a2, t0 = bytes, t1 = count).
reply_data:
    mv t6, s9
    li a7, SYS_REPLY | F_SEND_BUF
    ecall
    j receive

fail:
    li a0, 1
    li a7, SYS_EXIT
    ecall

op_crash:
    ld zero, 0(zero)                    # a load page fault, on purpose

# ---- Operations ---------------------------------------------------------------------------
op_open:
    call request_path
    bltz a0, reply
    li a1, 0
    call walk
    bgez a0, 2f
    li t0, E_NOENT
    bne a0, t0, reply
    andi t0, s1, FS_O_CREATE
    beqz t0, reply
    call request_path                   # not there: create it in its directory
    li a1, 1
    call walk
    bltz a0, reply
    li a3, FS_T_FILE
    call create
    bltz a0, reply
2:  mv s3, a0                           # the inode
    call inode_address
    mv s4, a0
    ld t0, IN_TYPE(s4)
    li t1, FS_T_DIR
    li a0, E_FS_ISDIR
    beq t0, t1, reply
    call open_slot                      # a0 = fd or error
    bltz a0, reply
    mv s5, a0
    andi t0, s1, FS_O_TRUNCATE
    beqz t0, 3f
    mv a0, s4
    li a1, 0
    call truncate
3:  mv a0, s5
    call open_address
    addi t0, s8, 1
    sd s3, OF_INODE(a0)
    sd zero, OF_OFFSET(a0)
    sd s1, OF_FLAGS(a0)
    sd t0, OF_OWNER(a0)                 # last: the entry is now in use
    mv a0, s5
    j reply

op_read:
    call fd_inode                       # a0 = entry, a1 = inode address
    bltz a0, reply
    mv s3, a0
    mv s4, a1
    li t0, MSG_BUF_MAX
    beqz s2, 1f
    bleu s2, t0, 2f
1:  mv s2, t0                           # bytes wanted: a2, at most 4 KiB
2:  ld t0, OF_OFFSET(s3)
    ld t1, IN_SIZE(s4)
    li s5, 0
    bgeu t0, t1, 3f
    sub s5, t1, t0                      # left in the file
    bleu s5, s2, 3f
    mv s5, s2
3:  mv a0, s4
    ld a1, OF_OFFSET(s3)
    la a2, reply_buffer
    mv a3, s5
    call read_bytes
    ld t0, OF_OFFSET(s3)
    add t0, t0, s5
    sd t0, OF_OFFSET(s3)
    mv a0, s5
    la t0, reply_buffer
    mv t1, s5
    j reply_data

op_write:
    call fd_inode
    bltz a0, reply
    mv s3, a0
    mv s4, a1
    ld t0, OF_FLAGS(s3)
    andi t0, t0, FS_O_APPEND
    beqz t0, 1f
    ld t0, IN_SIZE(s4)
    sd t0, OF_OFFSET(s3)
1:  ld t0, OF_OFFSET(s3)
    add t1, t0, s7
    li t2, FS_FILE_MAX
    li a0, E_FS_FULL
    bgtu t1, t2, reply
    mv a0, s4
    mv a1, t0
    la a2, request
    mv a3, s7
    call write_bytes
    bltz a0, reply
    ld t0, OF_OFFSET(s3)
    add t0, t0, s7
    sd t0, OF_OFFSET(s3)
    ld t1, IN_SIZE(s4)
    bleu t0, t1, 2f
    sd t0, IN_SIZE(s4)                  # the size last
2:  mv a0, s7
    j reply

op_seek:
    call fd_inode
    bltz a0, reply
    li t0, FS_FILE_MAX
    li a1, E_INVAL
    bgtu s2, t0, 1f
    sd s2, OF_OFFSET(a0)
    mv a0, s2
    j reply
1:  mv a0, a1
    j reply

op_close:
    call fd_inode
    bltz a0, reply
    sd zero, OF_OWNER(a0)
    li a0, 0
    j reply

op_stat:
    call request_path
    bltz a0, reply
    li a1, 0
    call walk
    bltz a0, reply
    call inode_address
    ld a1, IN_TYPE(a0)
    ld a2, IN_SIZE(a0)
    li a0, 0
    j reply

op_list:
    call request_path
    bltz a0, reply
    li a1, 0
    call walk
    bltz a0, reply
    mv s3, a0
    call inode_address
    ld t0, IN_TYPE(a0)
    li t1, FS_T_DIR
    li a0, E_FS_NOTDIR
    bne t0, t1, reply
    # The s1-th child, in inode order.
    li s4, 1                            # inode index
    mv s5, s1
1:  li t0, FS_FILES_MAX
    li a0, E_NOENT
    bgeu s4, t0, reply
    mv a0, s4
    call inode_address
    ld t0, IN_TYPE(a0)
    beqz t0, 2f
    ld t0, IN_PARENT(a0)
    bne t0, s3, 2f
    beqz s5, 3f
    addi s5, s5, -1
2:  addi s4, s4, 1
    j 1b
3:  mv s6, a0
    addi a0, a0, IN_NAME
    call strlen
    mv t1, a0
    addi t0, s6, IN_NAME
    ld a1, IN_TYPE(s6)
    ld a2, IN_SIZE(s6)
    j reply_data

op_mkdir:
    call request_path
    bltz a0, reply
    li a1, 1
    call walk
    bltz a0, reply
    li a3, FS_T_DIR
    call create
    bltz a0, reply
    li a0, 0
    j reply

op_remove:
    call request_path
    bltz a0, reply
    li a1, 0
    call walk
    bltz a0, reply
    li a1, E_INVAL
    beqz a0, 9f                         # not the root
    mv s3, a0
    call inode_address
    mv s4, a0
    ld t0, IN_TYPE(s4)
    li t1, FS_T_DIR
    bne t0, t1, 2f
    mv a0, s3                           # a directory must be empty
    call has_children
    li a1, E_FS_NOTEMPTY
    bnez a0, 9f
2:  sd zero, IN_TYPE(s4)                # first the inode goes, then its blocks
    mv a0, s4
    li a1, 0
    call truncate
    li a0, 0
    j reply
9:  mv a0, a1
    j reply

# FS_RENAME: "old\0new" in the request.
op_rename:
    call request_path                   # path = old, path2 = new
    bltz a0, reply
    la t0, path2
    lbu t0, 0(t0)
    li a0, E_INVAL
    beqz t0, reply
    li a1, 0
    call walk
    bltz a0, reply
    li a1, E_INVAL
    beqz a0, 9f                         # not the root
    mv s3, a0                           # what moves
    la a0, path2
    li a1, 1
    call walk_path
    bltz a0, reply
    mv s4, a0                           # its new directory
    mv s5, a1                           # its new name
    mv s6, a2
    mv a0, s4                           # the name must be free there
    mv a1, s5
    mv a2, s6
    call find_child
    li a1, E_FS_EXISTS
    bgez a0, 9f
    # A directory cannot move into itself or below itself.
    mv t0, s4
1:  li a1, E_INVAL
    beq t0, s3, 9f
    beqz t0, 2f
    mv a0, t0
    call inode_address
    ld t0, IN_PARENT(a0)
    j 1b
2:  mv a0, s3
    call inode_address
    mv s7, a0
    addi a0, s7, IN_NAME
    mv a1, s5
    mv a2, s6
    call set_name
    sd s4, IN_PARENT(s7)
    li a0, 0
    j reply
9:  mv a0, a1
    j reply

# ---- Paths --------------------------------------------------------------------------------
# request_path: the request's bytes as NUL-terminated `path` (and, after a NUL inside it,
# `path2`). a0 = 0 or E_FS_NAME (too long) / E_INVAL (empty).
request_path:
    li t0, FS_PATH_MAX * 2 + 2
    li a0, E_FS_NAME
    bgtu s7, t0, 9f
    li a0, E_INVAL
    beqz s7, 9f
    la t0, request
    la t1, path
    la t2, path2
    sb zero, 0(t2)
    mv t3, s7
    li t5, 0                            # bytes in the current path
1:  beqz t3, 3f
    lbu t4, 0(t0)
    addi t0, t0, 1
    addi t3, t3, -1
    beqz t4, 2f
    li t6, FS_PATH_MAX
    li a0, E_FS_NAME
    bgeu t5, t6, 9f
    sb t4, 0(t1)
    addi t1, t1, 1
    addi t5, t5, 1
    j 1b
2:  sb zero, 0(t1)                      # a NUL: the second path starts
    mv t1, t2
    li t5, 0
    j 1b
3:  sb zero, 0(t1)
    li a0, 0
9:  ret

# walk(a1 = 1 to stop at the last component): `path` resolved. a0 = the inode (or its
# directory), a1/a2 = the last component and its length (when a1 was 1), or an error.
walk:
    la a0, path
# walk_path(a0 = path, a1 = the same flag).
walk_path:
    addi sp, sp, -64
    sd ra, 0(sp)
    sd s1, 8(sp)
    sd s2, 16(sp)
    sd s3, 24(sp)
    sd s4, 32(sp)
    sd s5, 40(sp)
    sd s6, 48(sp)
    mv s1, a0                           # where we are in the path
    mv s2, a1                           # stop before the last component?
    li s3, 0                            # the current inode: the root
    lbu t0, 0(s1)
    li t1, '/'
    li a0, E_INVAL
    bne t0, t1, 9f                      # paths are absolute
1:  lbu t0, 0(s1)                       # skip slashes
    li t1, '/'
    bne t0, t1, 2f
    addi s1, s1, 1
    j 1b
2:  bnez t0, 3f
    li a0, E_INVAL                      # no more components
    bnez s2, 9f                         # (a name was needed)
    mv a0, s3
    j 9f
3:  mv s4, s1                           # a component: s4, length s5
4:  lbu t0, 0(s1)
    beqz t0, 5f
    li t1, '/'
    beq t0, t1, 5f
    addi s1, s1, 1
    j 4b
5:  sub s5, s1, s4
    mv a0, s4
    mv a1, s5
    call valid_name
    bltz a0, 9f
    mv t0, s1                           # is it the last one?
6:  lbu t1, 0(t0)
    li t2, '/'
    bne t1, t2, 7f
    addi t0, t0, 1
    j 6b
7:  bnez t1, 8f
    beqz s2, 8f
    mv a0, s3                           # its directory, and the name
    mv a1, s4
    mv a2, s5
    j 9f
8:  mv a0, s3                           # look it up in the current directory
    call inode_address
    ld t0, IN_TYPE(a0)
    li t1, FS_T_DIR
    li a0, E_FS_NOTDIR
    bne t0, t1, 9f
    mv a0, s3
    mv a1, s4
    mv a2, s5
    call find_child
    bltz a0, 9f
    mv s3, a0
    j 1b
9:  ld ra, 0(sp)
    ld s1, 8(sp)
    ld s2, 16(sp)
    ld s3, 24(sp)
    ld s4, 32(sp)
    ld s5, 40(sp)
    ld s6, 48(sp)
    addi sp, sp, 64
    ret

# valid_name(a0 = name, a1 = length): a0 = 0, or E_FS_NAME (empty, too long, "." or "..",
# or a byte that is not printable).
valid_name:
    beqz a1, 8f
    li t0, FS_NAME_MAX
    bgtu a1, t0, 8f
    lbu t0, 0(a0)
    li t1, '.'
    bne t0, t1, 2f
    li t2, 1
    beq a1, t2, 8f
    li t2, 2
    bne a1, t2, 2f
    lbu t0, 1(a0)
    beq t0, t1, 8f
2:  mv t0, a0
    add t3, a0, a1
3:  beq t0, t3, 4f
    lbu t1, 0(t0)
    li t2, 0x21
    bltu t1, t2, 8f
    li t2, 0x7e
    bgtu t1, t2, 8f
    addi t0, t0, 1
    j 3b
4:  li a0, 0
    ret
8:  li a0, E_FS_NAME
    ret

# find_child(a0 = directory, a1 = name, a2 = length): a0 = the child's inode or E_NOENT.
find_child:
    addi sp, sp, -48
    sd ra, 0(sp)
    sd s1, 8(sp)
    sd s2, 16(sp)
    sd s3, 24(sp)
    sd s4, 32(sp)
    mv s1, a0
    mv s2, a1
    mv s3, a2
    li s4, 1
1:  li t0, FS_FILES_MAX
    bgeu s4, t0, 8f
    mv a0, s4
    call inode_address
    ld t0, IN_TYPE(a0)
    beqz t0, 3f
    ld t0, IN_PARENT(a0)
    bne t0, s1, 3f
    addi t0, a0, IN_NAME                # the same bytes, then the NUL
    mv t1, s2
    mv t2, s3
2:  beqz t2, 4f
    lbu t3, 0(t0)
    lbu t4, 0(t1)
    bne t3, t4, 3f
    addi t0, t0, 1
    addi t1, t1, 1
    addi t2, t2, -1
    j 2b
4:  lbu t3, 0(t0)
    bnez t3, 3f
    mv a0, s4
    j 9f
3:  addi s4, s4, 1
    j 1b
8:  li a0, E_NOENT
9:  ld ra, 0(sp)
    ld s1, 8(sp)
    ld s2, 16(sp)
    ld s3, 24(sp)
    ld s4, 32(sp)
    addi sp, sp, 48
    ret

# has_children(a0 = directory): a0 = 1 if any inode names it as parent.
has_children:
    li t0, 1
    li t3, FS_FILES_MAX
    li t4, IN_SIZE_OF
1:  bgeu t0, t3, 2f
    mul t1, t0, t4
    add t1, t1, s11
    li t2, INODES
    add t1, t1, t2
    ld t2, IN_TYPE(t1)
    beqz t2, 3f
    ld t2, IN_PARENT(t1)
    bne t2, a0, 3f
    li a0, 1
    ret
3:  addi t0, t0, 1
    j 1b
2:  li a0, 0
    ret

# create(a0 = directory, a1 = name, a2 = length, a3 = FS_T_*): a0 = the new inode, or
# E_FS_EXISTS, E_FS_FULL.
create:
    addi sp, sp, -48
    sd ra, 0(sp)
    sd s1, 8(sp)
    sd s2, 16(sp)
    sd s3, 24(sp)
    sd s4, 32(sp)
    sd s5, 40(sp)
    mv s1, a0
    mv s2, a1
    mv s3, a2
    mv s4, a3
    call find_child
    li t0, E_FS_EXISTS
    bgez a0, 8f
    li s5, 1                            # a free inode
1:  li t0, FS_FILES_MAX
    bgeu s5, t0, 7f
    mv a0, s5
    call inode_address
    ld t0, IN_TYPE(a0)
    beqz t0, 2f
    addi s5, s5, 1
    j 1b
2:  mv t6, a0                           # cleared, named, placed; the type last
    addi t0, a0, 8
    li t1, IN_SIZE_OF - 8
3:  sd zero, 0(t0)
    addi t0, t0, 8
    addi t1, t1, -8
    bnez t1, 3b
    sd s1, IN_PARENT(t6)
    addi a0, t6, IN_NAME
    mv a1, s2
    mv a2, s3
    call set_name
    mv a0, s5
    call inode_address
    sd s4, IN_TYPE(a0)
    mv t0, s5
    j 8f
7:  li t0, E_FS_FULL
8:  mv a0, t0
    ld ra, 0(sp)
    ld s1, 8(sp)
    ld s2, 16(sp)
    ld s3, 24(sp)
    ld s4, 32(sp)
    ld s5, 40(sp)
    addi sp, sp, 48
    ret

# set_name(a0 = the 32-byte field, a1 = name, a2 = length).
set_name:
    li t0, 32
    mv t1, a0
1:  sb zero, 0(t1)
    addi t1, t1, 1
    addi t0, t0, -1
    bnez t0, 1b
2:  beqz a2, 3f
    lbu t0, 0(a1)
    sb t0, 0(a0)
    addi a0, a0, 1
    addi a1, a1, 1
    addi a2, a2, -1
    j 2b
3:  ret

# ---- Inodes, blocks, open files -----------------------------------------------------------
# inode_address(a0 = inode): a0 = its address.
inode_address:
    slli a0, a0, 8
    add a0, a0, s11
    li t0, INODES
    add a0, a0, t0
    ret

# open_address(a0 = fd): a0 = its entry.
open_address:
    slli a0, a0, 5
    add a0, a0, s11
    addi a0, a0, OPEN_TABLE
    ret

# fd_inode: the caller's open file s1. a0 = its entry, a1 = its inode's address; or
# E_FS_BADFD (not open, not the caller's, or its file was removed).
fd_inode:
    li t0, OPEN_MAX
    bgeu s1, t0, 8f
    slli a0, s1, 5
    add a0, a0, s11
    addi a0, a0, OPEN_TABLE
    ld t0, OF_OWNER(a0)
    addi t1, s8, 1
    bne t0, t1, 8f
    ld a1, OF_INODE(a0)
    slli a1, a1, 8
    add a1, a1, s11
    li t0, INODES
    add a1, a1, t0
    ld t0, IN_TYPE(a1)
    li t1, FS_T_FILE
    bne t0, t1, 8f
    ret
8:  li a0, E_FS_BADFD
    ret

# open_slot: a free open-file entry for the caller. a0 = fd, or E_FS_FULL when it has
# FS_OPEN_MAX open (or the table is full even after forgetting the dead's entries).
open_slot:
    addi sp, sp, -16
    sd ra, 0(sp)
    li t0, 0                            # the caller's open files
    li t1, 0
    addi t3, s8, 1
1:  li t4, OPEN_MAX
    bgeu t1, t4, 2f
    slli t2, t1, 5
    add t2, t2, s11
    ld t2, OPEN_TABLE + OF_OWNER(t2)
    bne t2, t3, 3f
    addi t0, t0, 1
3:  addi t1, t1, 1
    j 1b
2:  li t4, FS_OPEN_MAX
    li a0, E_FS_FULL
    bgeu t0, t4, 9f
    call free_open_entry
    bgez a0, 9f
    call forget_dead                    # entries of processes that are gone
    call free_open_entry
9:  ld ra, 0(sp)
    addi sp, sp, 16
    ret

# free_open_entry: a0 = a free entry's fd, or E_FS_FULL.
free_open_entry:
    li a0, 0
1:  li t0, OPEN_MAX
    bgeu a0, t0, 2f
    slli t1, a0, 5
    add t1, t1, s11
    ld t1, OPEN_TABLE + OF_OWNER(t1)
    beqz t1, 3f
    addi a0, a0, 1
    j 1b
2:  li a0, E_FS_FULL
3:  ret

# forget_dead: entries whose owner is no longer a live process are freed.
forget_dead:
    addi sp, sp, -32
    sd ra, 0(sp)
    sd s1, 8(sp)
    sd s2, 16(sp)
    li s1, 0
1:  li t0, OPEN_MAX
    bgeu s1, t0, 9f
    slli s2, s1, 5
    add s2, s2, s11
    addi s2, s2, OPEN_TABLE
    ld a0, OF_OWNER(s2)
    beqz a0, 3f
    addi a0, a0, -1
    la a1, info
    li a7, SYS_INFO
    ecall
    bltz a7, 2f
    ld t0, info + INFO_STATE
    li t1, PS_DEAD
    bne t0, t1, 3f
2:  sd zero, OF_OWNER(s2)
3:  addi s1, s1, 1
    j 1b
9:  ld ra, 0(sp)
    ld s1, 8(sp)
    ld s2, 16(sp)
    addi sp, sp, 32
    ret

# block_address(a0 = inode address, a1 = byte offset, a2 = 1 to allocate): a0 = the byte's
# address in its block, or 0 (a hole when reading) / E_FS_FULL (no block when writing).
block_address:
    srli t0, a1, 10
    li t1, BLOCKS_PER_FILE
    bgeu t0, t1, 8f
    slli t1, t0, 1
    add t1, t1, a0
    lhu t2, IN_BLOCKS(t1)
    bnez t2, 2f
    beqz a2, 7f
    # A new block: the first free one, zeroed, taken, then recorded.
    la t3, bitmap
    li t2, 0
1:  li t4, BLOCKS
    bgeu t2, t4, 8f
    add t5, t3, t2
    lbu t4, 0(t5)
    beqz t4, 3f
    addi t2, t2, 1
    j 1b
3:  li t4, 1
    sb t4, 0(t5)
    li t4, BLOCK
    mul t5, t2, t4
    add t5, t5, s11
    li t4, DATA
    add t5, t5, t4
    li t4, BLOCK
4:  sd zero, 0(t5)
    addi t5, t5, 8
    addi t4, t4, -8
    bnez t4, 4b
    addi t2, t2, 1
    sh t2, IN_BLOCKS(t1)
2:  addi t2, t2, -1
    li t4, BLOCK
    mul t5, t2, t4
    add t5, t5, s11
    li t4, DATA
    add t5, t5, t4
    andi t0, a1, BLOCK - 1
    add a0, t5, t0
    ret
7:  li a0, 0
    ret
8:  li a0, E_FS_FULL
    ret

# read_bytes(a0 = inode address, a1 = offset, a2 = destination, a3 = bytes).
read_bytes:
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
1:  beqz s4, 9f
    mv a0, s1
    mv a1, s2
    li a2, 0
    call block_address
    li t0, 0
    beqz a0, 2f                         # a hole reads as zero
    lbu t0, 0(a0)
2:  sb t0, 0(s3)
    addi s2, s2, 1
    addi s3, s3, 1
    addi s4, s4, -1
    j 1b
9:  ld ra, 0(sp)
    ld s1, 8(sp)
    ld s2, 16(sp)
    ld s3, 24(sp)
    ld s4, 32(sp)
    addi sp, sp, 48
    ret

# write_bytes(a0 = inode address, a1 = offset, a2 = source, a3 = bytes): a0 = 0 or
# E_FS_FULL (no free block; what was written stays, the size is the caller's).
write_bytes:
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
1:  beqz s4, 8f
    mv a0, s1
    mv a1, s2
    li a2, 1
    call block_address
    bltz a0, 9f
    lbu t0, 0(s3)
    sb t0, 0(a0)
    addi s2, s2, 1
    addi s3, s3, 1
    addi s4, s4, -1
    j 1b
8:  li a0, 0
9:  ld ra, 0(sp)
    ld s1, 8(sp)
    ld s2, 16(sp)
    ld s3, 24(sp)
    ld s4, 32(sp)
    addi sp, sp, 48
    ret

# truncate(a0 = inode address, a1 = 0): the size first, then every block let go.
truncate:
    sd zero, IN_SIZE(a0)
    addi t0, a0, IN_BLOCKS
    li t1, BLOCKS_PER_FILE
    la t3, bitmap
1:  lhu t2, 0(t0)
    beqz t2, 2f
    sh zero, 0(t0)
    addi t2, t2, -1
    add t2, t2, t3
    sb zero, 0(t2)
2:  addi t0, t0, 2
    addi t1, t1, -1
    bnez t1, 1b
    ret

# rebuild_bitmap: which blocks are in use, from the inodes (a block claimed twice, or past
# the end, is dropped from the later file).
rebuild_bitmap:
    la t0, bitmap
    li t1, BLOCKS
1:  sb zero, 0(t0)
    addi t0, t0, 1
    addi t1, t1, -1
    bnez t1, 1b
    li t0, 0                            # inode
2:  li t1, FS_FILES_MAX
    bgeu t0, t1, 9f
    slli t1, t0, 8
    add t1, t1, s11
    li t2, INODES
    add t1, t1, t2
    ld t2, IN_TYPE(t1)
    beqz t2, 6f
    addi t3, t1, IN_BLOCKS
    li t4, BLOCKS_PER_FILE
3:  lhu t5, 0(t3)
    beqz t5, 5f
    li t6, BLOCKS
    bgtu t5, t6, 4f
    la t6, bitmap - 1
    add t6, t6, t5
    lbu t2, 0(t6)
    bnez t2, 4f
    li t2, 1
    sb t2, 0(t6)
    j 5f
4:  sh zero, 0(t3)
5:  addi t3, t3, 2
    addi t4, t4, -1
    bnez t4, 3b
6:  addi t0, t0, 1
    j 2b
9:  ret

# format: the root, the initial files, then the magic.
format:
    addi sp, sp, -16
    sd ra, 0(sp)
    li a0, 0
    call inode_address
    li t0, FS_T_DIR
    sd t0, IN_TYPE(a0)
    sd zero, IN_SIZE(a0)
    sd zero, IN_PARENT(a0)
    call rebuild_bitmap
    li a0, 0                            # /README
    la a1, readme_name
    li a2, 6
    li a3, FS_T_FILE
    call create
    la a1, readme_text
    la a2, readme_end
    call fill
    li a0, 0                            # /etc
    la a1, etc_name
    li a2, 3
    li a3, FS_T_DIR
    call create
    la a1, etc_name                     # /etc/motd
    li a2, 3
    mv a0, zero
    call find_child
    la a1, motd_name
    li a2, 4
    li a3, FS_T_FILE
    call create
    la a1, motd_text
    la a2, motd_end
    call fill
    li t0, MAGIC
    sd t0, SB_MAGIC(s11)
    ld ra, 0(sp)
    addi sp, sp, 16
    ret

# fill(a0 = inode, a1 = start, a2 = end): the file holds those bytes.
fill:
    addi sp, sp, -32
    sd ra, 0(sp)
    sd s1, 8(sp)
    sd s2, 16(sp)
    sub s2, a2, a1
    mv s1, a1
    call inode_address
    sd a0, 24(sp)
    li a1, 0
    mv a2, s1
    mv a3, s2
    call write_bytes
    ld a0, 24(sp)
    sd s2, IN_SIZE(a0)
    ld ra, 0(sp)
    ld s1, 8(sp)
    ld s2, 16(sp)
    addi sp, sp, 32
    ret

strlen:
    mv t0, a0
1:  lbu t1, 0(t0)
    beqz t1, 2f
    addi t0, t0, 1
    j 1b
2:  sub a0, t0, a0
    ret

    .section .rodata
readme_name:    .ascii "README"
etc_name:       .ascii "etc"
motd_name:      .ascii "motd"
readme_text:
    .ascii "This is rvmk: a RISC-V virtual machine, and the microkernel it boots.\n"
    .ascii "The kernel keeps traps, scheduling, IPC and address spaces; this file lives\n"
    .ascii "in fs, a user-mode server, and reaches you through console, another one.\n"
    .ascii "Try: ls, cat, write, mkdir, ps, crash fs, then cat this file again.\n"
readme_end:
motd_text:
    .ascii "Welcome to rvmk. Type help for the commands.\n"
motd_end:

    .bss
    .balign 8
info:           .zero INFO_SIZE
path:           .zero FS_PATH_MAX + 1
path2:          .zero FS_PATH_MAX + 1
bitmap:         .zero BLOCKS
    .balign 8
request:        .zero MSG_BUF_MAX
reply_buffer:   .zero MSG_BUF_MAX
