# crashy: a server that crashes as soon as it starts, every time: load from address 0.
# `start crashy` in the shell shows init's give-up rule: after GIVE_UP deaths in its
# window init stops restarting it, and the rest of the system goes on.

    .include "abi.inc"

    .section .rodata
text:   .ascii "crashy: starting, and crashing at once\n"
text_end:

    .text
    .globl _start
_start:
    la a0, text
    li a1, 39                           # text_end - text
    li a7, SYS_LOG
    ecall
    ld zero, 0(zero)                    # a load page fault at 0
