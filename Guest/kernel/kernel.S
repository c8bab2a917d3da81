# The rvmk microkernel: traps, scheduling, IPC, capabilities and Sv39 address spaces.
# Everything else runs as user-mode programs from the boot image. Guest/ABI.md is the
# contract with those programs.
#
# Structure: boot.S (M-mode stage, S-mode start), trap.S (entry, exit, faults, interrupts),
# sched.S (ready queues, timer, idle), ipc.S (call, recv, reply, notifications),
# syscall.S (the other system calls), handle.S (handle tables), vm.S (pages, page tables,
# user memory), proc.S (spawn, ELF loading, death), fdt.S (device tree), klog.S (log).
#
# Conventions: the kernel is not preemptible and runs on one stack (mapped high, with an
# unmapped guard page below it). On a trap from U-mode every user register is saved in the
# current PCB; a system call reads its arguments from and writes its results to the saved
# registers, so blocking is only a state change, and every path back to user mode restores
# whichever process is current. Inside the kernel: the standard calling convention;
# s0 holds the current PCB in system call handlers.

    .include "abi.inc"
    .include "kdefs.inc"

    .text
    .include "boot.S"
    .include "trap.S"
    .include "sched.S"
    .include "ipc.S"
    .include "syscall.S"
    .include "handle.S"
    .include "vm.S"
    .include "proc.S"
    .include "fdt.S"
    .include "klog.S"
    .include "data.S"
    .include "programs.inc"
