#!/usr/bin/env python3
"""Assembler speed: writes a 100,000-line program (instructions, pseudo-instructions,
labels, branches, data, a macro) and times `rvmk asm` on it, best of five runs.
Usage: Benchmarks/asm-speed.py [path/to/rvmk] (default: .build/release/rvmk)."""
import os, random, subprocess, sys, tempfile, time

def program(lines=100_000):
    random.seed(1)
    regs = ["a0", "a1", "a2", "s0", "s1", "t0", "t1", "sp", "ra", "a5"]
    out = [".macro bump r, n=1", "    addi \\r, \\r, \\n", ".endm", ".globl _start", "_start:"]
    while len(out) < lines:
        i = len(out)
        r = random.choice(regs)
        kind = i % 10
        if kind == 0: out.append(f"L{i}: add {r}, {random.choice(regs)}, {random.choice(regs)}")
        elif kind == 1: out.append(f"    li {r}, {random.randint(-2**40, 2**40)}")
        elif kind == 2: out.append(f"    ld {r}, {8 * random.randint(0, 60)}(sp)")
        elif kind == 3: out.append(f"    beqz {r}, L{max(10, (i - random.randint(1, 400)) // 10 * 10)}")
        elif kind == 4: out.append(f"    bump {r}, {random.randint(-30, 30)}")
        elif kind == 5: out.append(f"    sd {r}, {8 * random.randint(0, 60)}(sp)")
        elif kind == 6: out.append(f"    la {r}, _start")
        elif kind == 7: out.append(f"    j L{max(10, (i - random.randint(1, 200)) // 10 * 10)}")
        elif kind == 8: out.append(f"    .word {random.randint(0, 2**32 - 1)}")
        else: out.append(f"    xori {r}, {r}, {random.randint(-2048, 2047)}   # a comment")
    return "\n".join(out) + "\n"

def main():
    rvmk = sys.argv[1] if len(sys.argv) > 1 else ".build/release/rvmk"
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "big.S")
        with open(src, "w") as f: f.write(program())
        times = []
        for _ in range(5):
            start = time.perf_counter()
            subprocess.run([rvmk, "asm", src, "-o", os.path.join(tmp, "big.elf")], check=True)
            times.append(time.perf_counter() - start)
        size = os.path.getsize(os.path.join(tmp, "big.elf"))
        print(f"rvmk asm: 100000 lines -> {size} bytes of ELF in {min(times):.3f} s (best of 5; median {sorted(times)[2]:.3f} s)")

main()
