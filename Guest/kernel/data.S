# data.S: the kernel's variables and tables.

    .data
    .balign 8
init_name:      .asciz "init"           # the first program: init=NAME in bootargs
    .zero 11

    .bss
    .balign 4096
kbss_start:
kernel_l2:      .zero 4096              # the kernel's root table (slots 2 and 511 shared)
khigh_l1:       .zero 4096
khigh_l0:       .zero 4096
kstack_pages:   .zero 8192              # mapped at KSTACK_BOTTOM..KSTACK_TOP
boot_stack:     .zero 4096
boot_stack_top:
panic_stack:    .zero 2048
panic_stack_top:
procs:          .zero MAX_PROCESSES * PCB_SIZE
endpoints:      .zero ENDPOINTS * OBJ_SIZE
notifications:  .zero NOTIFICATIONS * OBJ_SIZE
irqs:           .zero IRQS * OBJ_SIZE
devices:        .zero DEVICES * OBJ_SIZE
memories:       .zero MEMORIES * OBJ_SIZE
rq_head:        .zero 8 * PRIORITIES
rq_tail:        .zero 8 * PRIORITIES    # rq_head + 8 * PRIORITIES
current:        .zero 8
need_resched:   .zero 8
next_deadline:  .zero 8
kernel_satp:    .zero 8
ram_end:        .zero 8
fdt_start:      .zero 8
alloc_next:     .zero 8
alloc_end:      .zero 8
free_list:      .zero 8
halt_status:    .zero 8
kprint_digits:  .zero 32
spawn_name:     .zero 16
spawn_handles:  .zero 16 * 8
info_buffer:    .zero INFO_SIZE
log_buffer:     .zero LOG_MAX
    .balign 4096
kbss_end:
kernel_end:
