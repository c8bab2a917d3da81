#!/usr/bin/env python3
"""rvmk and QEMU side by side on the same ELF, in one run.

Builds the guest benchmarks in Benchmarks/guest with `rvmk asm`, runs each on rvmk
(`rvmk run --stats`, which reports the exact number of retired instructions) and on QEMU's
virt board (`qemu-system-riscv64 -machine virt -bios none`), checks that both print the
same checksum, and prints one table: instructions, seconds, MIPS and the ratio.

QEMU's time includes its start-up, which is measured on a program that exits at once and
subtracted. Each measurement is the best of --repeat runs, since the machines are shared
and noisy. Usage: Benchmarks/emulator-vs-qemu.py [--rvmk PATH] [--repeat N] [--icount]
(--icount also runs QEMU in its deterministic mode, -icount shift=0).
"""
import argparse, os, re, shutil, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
PROGRAMS = ["intmix", "memsweep", "calls"]
EXIT_AT_ONCE = """
    .globl _start
_start:
    li t0, 0x100000
    li t1, 0x5555
    sw t1, 0(t0)
1:  j 1b
"""


def timed(command, repeat):
    best, output = None, None
    for _ in range(repeat):
        start = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True, timeout=600)
        elapsed = time.perf_counter() - start
        if result.returncode != 0:
            sys.exit(f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout}{result.stderr}")
        if best is None or elapsed < best:
            best, output = elapsed, result
    return best, output


def qemu_command(elf, icount):
    command = ["qemu-system-riscv64", "-machine", "virt", "-bios", "none", "-nographic",
               "-monitor", "none", "-kernel", elf]
    return command + (["-icount", "shift=0"] if icount else [])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rvmk", default=os.path.join(HERE, "..", ".build", "release", "rvmk"))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--icount", action="store_true")
    args = parser.parse_args()
    if not shutil.which("qemu-system-riscv64"):
        sys.exit("qemu-system-riscv64 is not installed (Debian: qemu-system-misc)")

    with tempfile.TemporaryDirectory() as tmp:
        def build(name, source=None):
            path = os.path.join(tmp, name + ".S")
            if source is not None:
                with open(path, "w") as f:
                    f.write(source)
            else:
                path = os.path.join(HERE, "guest", name + ".S")
            elf = os.path.join(tmp, name + ".elf")
            subprocess.run([args.rvmk, "asm", path, "-o", elf], check=True)
            return elf

        startup, _ = timed(qemu_command(build("exit", EXIT_AT_ONCE), False), args.repeat)
        rows = []
        for name in PROGRAMS:
            elf = build(name)
            ours, run = timed([args.rvmk, "run", elf, "--stats"], args.repeat)
            match = re.search(r"([\d,]+) instructions", run.stderr)
            if not match:
                sys.exit(f"no instruction count in rvmk's --stats output:\n{run.stderr}")
            instructions = int(match.group(1).replace(",", ""))
            theirs, qemu = timed(qemu_command(elf, False), args.repeat)
            if qemu.stdout.strip() != run.stdout.strip():
                sys.exit(f"{name}: outputs differ\nrvmk: {run.stdout}\nQEMU: {qemu.stdout}")
            row = [name, instructions, ours, theirs - startup]
            if args.icount:
                counted, _ = timed(qemu_command(elf, True), args.repeat)
                row.append(counted - startup)
            rows.append(row)

    header = f"{'program':<10} {'instructions':>14} {'rvmk s':>8} {'rvmk MIPS':>10} {'QEMU s':>8} {'QEMU MIPS':>10} {'ratio':>6}"
    if args.icount:
        header += f" {'icount MIPS':>12} {'ratio':>6}"
    print(header)
    for row in rows:
        name, instructions, ours, theirs = row[:4]
        ours_mips, theirs_mips = instructions / ours / 1e6, instructions / max(theirs, 1e-6) / 1e6
        line = f"{name:<10} {instructions:>14,} {ours:>8.3f} {ours_mips:>10.0f} {theirs:>8.3f} {theirs_mips:>10.0f} {ours_mips / theirs_mips:>6.2f}"
        if args.icount:
            counted_mips = instructions / max(row[4], 1e-6) / 1e6
            line += f" {counted_mips:>12.0f} {ours_mips / counted_mips:>6.2f}"
        print(line)
    print(f"(QEMU start-up of {startup:.3f} s subtracted; best of {args.repeat} runs each)")


main()
