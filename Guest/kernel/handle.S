# handle.S: the per-process handle tables.
#
# A handle names an object and carries rights, a badge and the object's generation when
# the handle was made. SYS_REVOKE and the death of an object bump the generation, which
# kills every handle made before, wherever it is, in O(1).

# handle_get(a0 = slot, a1 = type, a2 = rights) in s0's table: a0 = the object or an error,
# a1 = the entry.
handle_get:
    li t0, HANDLES
    bgeu a0, t0, 8f
    slli t0, a0, HANDLE_SHIFT
    add t0, t0, s0
    addi t0, t0, P_HANDLES
    lbu t1, HD_TYPE(t0)
    bne t1, a1, 8f
    ld a0, HD_OBJ(t0)
    ld t2, HD_GEN(t0)
    li t3, H_PROCESS
    bne t1, t3, 1f
    ld t3, P_GEN(a0)
    j 2f
1:  ld t3, O_GEN(a0)
2:  bne t2, t3, 7f
    lbu t1, HD_RIGHTS(t0)
    and t1, t1, a2
    bne t1, a2, 6f
    mv a1, t0
    ret
6:  li a0, E_RIGHTS
    ret
7:  li a0, E_REVOKED
    ret
8:  li a0, E_HANDLE
    ret

# handle_any(a0 = PCB, a1 = slot, a2 = rights): a0 = the entry of a live handle of any
# type with those rights, or an error.
handle_any:
    li t0, HANDLES
    bgeu a1, t0, 8b
    slli t0, a1, HANDLE_SHIFT
    add t0, t0, a0
    addi t0, t0, P_HANDLES
    lbu t1, HD_TYPE(t0)
    beqz t1, 8b
    ld a0, HD_OBJ(t0)
    ld t2, HD_GEN(t0)
    li t3, H_PROCESS
    bne t1, t3, 1f
    ld t3, P_GEN(a0)
    j 2f
1:  ld t3, O_GEN(a0)
2:  bne t2, t3, 7b
    lbu t1, HD_RIGHTS(t0)
    and t1, t1, a2
    bne t1, a2, 6b
    mv a0, t0
    ret

# handle_alloc(a0 = PCB): a0 = a free slot or E_NOSPACE, a1 = its entry.
handle_alloc:
    addi a1, a0, P_HANDLES
    li a0, 0
    li t0, HANDLES
1:  lbu t1, HD_TYPE(a1)
    beqz t1, 2f
    addi a0, a0, 1
    addi a1, a1, HANDLE_SIZE
    bne a0, t0, 1b
    li a0, E_NOSPACE
2:  ret

# handle_grant(a0 = from PCB, a1 = slot, a2 = to PCB): a copy of a live handle with R_GRANT
# in a free slot of the other table. a0 = the new slot or an error.
handle_grant:
    addi sp, sp, -16
    sd ra, 0(sp)
    sd s4, 8(sp)
    mv s4, a2
    li a2, R_GRANT
    call handle_any
    bltz a0, 9f
    mv t5, a0
    mv a0, s4
    call handle_alloc
    bltz a0, 9f
    ld t0, 0(t5)
    sd t0, 0(a1)
    ld t0, 8(t5)
    sd t0, 8(a1)
    ld t0, 16(t5)
    sd t0, 16(a1)
    ld t0, 24(t5)
    sd t0, 24(a1)
9:  ld ra, 0(sp)
    ld s4, 8(sp)
    addi sp, sp, 16
    ret

# handle_new(a0 = PCB, a1 = type | rights << 8, a2 = object): a0 = the slot or E_NOSPACE.
handle_new:
    addi sp, sp, -32
    sd ra, 0(sp)
    sd a1, 8(sp)
    sd a2, 16(sp)
    call handle_alloc
    bltz a0, 9f
    ld t0, 8(sp)
    sd t0, HD_TYPE(a1)
    ld t1, 16(sp)
    sd t1, HD_OBJ(a1)
    sd zero, HD_BADGE(a1)
    andi t0, t0, 0xff
    li t2, H_PROCESS
    bne t0, t2, 1f
    ld t2, P_GEN(t1)
    j 2f
1:  ld t2, O_GEN(t1)
2:  sd t2, HD_GEN(a1)
9:  ld ra, 0(sp)
    addi sp, sp, 32
    ret

# ---- System calls on handles --------------------------------------------------------------
sys_copy:
    mv a0, s0
    ld a1, P_A6(s0)
    li a2, 0
    call handle_any
    bltz a0, sys_fail
    mv s1, a0
    ld t0, HD_BADGE(s1)
    ld t1, P_A1(s0)
    beqz t1, 1f
    beqz t0, 1f
    beq t0, t1, 1f
    li a0, E_INVAL
    j sys_fail
1:  mv a0, s0
    call handle_alloc
    bltz a0, sys_fail
    ld t0, HD_TYPE(s1)
    lbu t1, HD_RIGHTS(s1)
    ld t2, P_A0(s0)
    and t1, t1, t2
    andi t0, t0, 0xff
    slli t1, t1, 8
    or t0, t0, t1
    sd t0, HD_TYPE(a1)
    ld t0, HD_OBJ(s1)
    sd t0, HD_OBJ(a1)
    ld t0, HD_GEN(s1)
    sd t0, HD_GEN(a1)
    ld t0, HD_BADGE(s1)
    ld t1, P_A1(s0)
    beqz t1, 2f
    mv t0, t1
2:  sd t0, HD_BADGE(a1)
    j sys_value

sys_close:
    ld t0, P_A6(s0)
    li t1, HANDLES
    bgeu t0, t1, 1f
    slli t0, t0, HANDLE_SHIFT
    add t0, t0, s0
    addi t0, t0, P_HANDLES
    lbu t1, HD_TYPE(t0)
    beqz t1, 1f
    sd zero, 0(t0)
    sd zero, 8(t0)
    sd zero, 16(t0)
    sd zero, 24(t0)
    j sys_ok
1:  li a0, E_HANDLE
    j sys_fail

sys_revoke:
    mv a0, s0
    ld a1, P_A6(s0)
    li a2, R_REVOKE
    call handle_any
    bltz a0, sys_fail_denied
    lbu t1, HD_TYPE(a0)
    ld t2, HD_OBJ(a0)
    li t3, H_PROCESS
    bne t1, t3, 1f
    addi t2, t2, P_GEN
1:  ld t3, 0(t2)
    addi t3, t3, 1
    sd t3, 0(t2)
    sd t3, HD_GEN(a0)
    j sys_ok
