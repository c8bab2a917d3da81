# memsweep as a U-mode program under Sv39 (paged.inc).
    .include "paged.inc"
    .include "memsweep.S"
