#!/usr/bin/env python3
"""rvmk's performance against its targets, with QEMU side by side, in one run.

Builds the guest programs of Benchmarks/guest with `rvmk asm` and measures, each as the
best of --repeat runs (the machines are shared and noisy, so ratios matter more than
absolute times):

  - the CPU-bound programs (intmix, memsweep, calls) in M-mode: rvmk's MIPS (from
    `--stats`), QEMU's MIPS free-running and with -icount shift=0 (wall time less QEMU's
    start-up), and the ratios;
  - the same programs as U-mode programs under Sv39 (*-paged.S): the slowdown against
    M-mode;
  - a trap round trip (traps.S: ecall from U to an S-mode handler and sret back);
  - the microkernel: its register-only IPC round trip (ipcbench's measured phase alone: runs
    that stop where it starts and where it ends, the difference over its rounds),
    boot to the shell prompt and shutdown, wall time;
  - a trivial image, the whole process; peak RSS with a 128 MiB guest; tracing to a file.

Usage: Benchmarks/perf.py [--rvmk PATH] [--repeat N] [--no-qemu]
"""
import argparse, os, re, resource, shutil, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CPU = ["intmix", "memsweep", "calls"]
EXIT_AT_ONCE = """
    .globl _start
_start:
    li t0, 0x100000
    li t1, 0x5555
    sw t1, 0(t0)
1:  j 1b
"""


def run(command, stdin=None, timeout=900):
    """Runs to completion: (wall seconds, completed process, peak RSS in KiB)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdin=stdin or subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    out, err = process.communicate(timeout=timeout)
    elapsed = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return elapsed, subprocess.CompletedProcess(command, process.returncode, out, err), usage.ru_maxrss


def best(command, repeat, check=True, stdin_path=None):
    chosen = None
    for _ in range(repeat):
        stdin = open(stdin_path) if stdin_path else None
        elapsed, result, _ = run(command, stdin)
        if stdin: stdin.close()
        if check and result.returncode != 0:
            sys.exit(f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout}{result.stderr}")
        if chosen is None or elapsed < chosen[0]:
            chosen = (elapsed, result)
    return chosen


def stats(result):
    """Instructions and host seconds from rvmk's --stats line."""
    match = re.search(r"([\d,]+) instructions in ([\d.]+) s", result.stderr)
    if not match:
        sys.exit(f"no --stats line in:\n{result.stderr}")
    return int(match.group(1).replace(",", "")), float(match.group(2))


def peak_rss(command):
    """Peak RSS of one run, in KiB (a fresh process, measured with /usr/bin/time if there)."""
    timer = shutil.which("time") or "/usr/bin/time"
    if os.path.exists(timer):
        result = subprocess.run([timer, "-f", "%M"] + command, capture_output=True, text=True)
        lines = result.stderr.strip().splitlines()
        if lines and lines[-1].isdigit():
            return int(lines[-1])
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rvmk", default=os.path.join(ROOT, ".build", "release", "rvmk"))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-qemu", action="store_true")
    args = parser.parse_args()
    rvmk = args.rvmk
    qemu = None if args.no_qemu else shutil.which("qemu-system-riscv64")
    image = os.path.join(ROOT, "images", "kernel.img")
    rows = []   # (measure, rvmk, QEMU, ratio or note, target, met)

    with tempfile.TemporaryDirectory() as tmp:
        def build(name, source=None):
            path = os.path.join(tmp, name + ".S")
            if source is not None:
                with open(path, "w") as f: f.write(source)
            else:
                path = os.path.join(HERE, "guest", name + ".S")
            elf = os.path.join(tmp, name + ".elf")
            subprocess.run([rvmk, "asm", path, "-I", os.path.join(HERE, "guest"), "-o", elf], check=True)
            return elf

        def qemu_cmd(elf, icount=False):
            command = [qemu, "-machine", "virt", "-bios", "none", "-nographic", "-monitor", "none", "-kernel", elf]
            return command + (["-icount", "shift=0"] if icount else [])

        startup = best(qemu_cmd(build("exit", EXIT_AT_ONCE)), args.repeat)[0] if qemu else 0

        def measure(*names):
            """The programs' runs interleaved (in each repetition rvmk on each program, back to
            back so that M-mode and U-mode variants meet the same machine, three times, then
            QEMU and QEMU -icount on each), so that the machine's slow spells fall on all of
            them alike; the best of each."""
            elfs = {name: build(name) for name in names}
            results = {name: {} for name in names}
            for _ in range(args.repeat):
                outputs = {}
                # rvmk's runs are short: three rounds of them per repetition.
                for _ in range(3):
                    for name, elf in elfs.items():
                        r = results[name]
                        _, ours, _ = run([rvmk, "run", elf, "--stats"])
                        if ours.returncode != 0:
                            sys.exit(f"{name}: rvmk failed ({ours.returncode}):\n{ours.stdout}{ours.stderr}")
                        instructions, seconds = stats(ours)
                        outputs[name] = (ours, instructions)
                        if "seconds" not in r or seconds < r["seconds"]:
                            r.update(instructions=instructions, seconds=seconds, mips=instructions / seconds / 1e6)
                for name, elf in elfs.items():
                    r = results[name]
                    ours, instructions = outputs[name]
                    if qemu:
                        wall, theirs, _ = run(qemu_cmd(elf))
                        if theirs.stdout.strip() != ours.stdout.strip():
                            sys.exit(f"{name}: outputs differ\nrvmk: {ours.stdout}\nQEMU: {theirs.stdout}")
                        qemu_seconds = max(wall - startup, 1e-6)
                        if qemu_seconds < r.get("qemu_seconds", float("inf")):
                            r.update(qemu_seconds=qemu_seconds, qemu=instructions / qemu_seconds / 1e6)
                        wall, _, _ = run(qemu_cmd(elf, True))
                        r["icount"] = max(r.get("icount", 0), instructions / max(wall - startup, 1e-6) / 1e6)
            return [results[name] for name in names]

        bare, paged = {}, {}
        for name in CPU:
            bare[name], paged[name] = measure(name, name + "-paged")
        for name in CPU:
            m = bare[name]
            if qemu:
                ratio = m["mips"] / m["qemu"]
                rows.append((f"{name} MIPS (M-mode)", f"{m['mips']:.0f}", f"{m['qemu']:.0f} JIT / {m['icount']:.0f} icount",
                             f"{ratio:.2f} / {m['mips'] / m['icount']:.2f}", ">= 0.75 of JIT", ratio >= 0.75))
            else:
                rows.append((f"{name} MIPS (M-mode)", f"{m['mips']:.0f}", "-", "-", ">= 0.75 of JIT", None))
        for name in CPU:
            m = paged[name]
            slowdown = bare[name]["mips"] / m["mips"] - 1
            rows.append((f"{name} MIPS (U-mode, Sv39)", f"{m['mips']:.0f}", f"{m['qemu']:.0f}" if qemu else "-",
                         f"{slowdown * 100:+.0f}% vs M-mode", "<= +15%", slowdown <= 0.15))
        m, = measure("traps")
        ours_ns = m["seconds"] / 1e6 * 1e9
        theirs_ns = m["qemu_seconds"] / 1e6 * 1e9 if qemu else None
        rows.append(("trap round trip (ecall U->S, sret)", f"{ours_ns:.0f} ns", f"{theirs_ns:.0f} ns" if qemu else "-",
                     f"{ours_ns / theirs_ns:.2f}" if qemu else "-", "< 100 ns", ours_ns < 100))

        # The microkernel.
        # The register-only phase is timed on its own: the runs stop at the instret ipcbench
        # reads before its measured round trips and at the one it reads after them (found in
        # a U-mode trace: the rdinstret results), and the difference of their host times is
        # divided by the rounds. The committed image's 1,000 rounds take half a millisecond,
        # less than the machine's noise from one run to the next; so the runs use a build of
        # the same sources whose ipcbench makes 100,000 (the round trip's instruction count
        # comes from the committed image).
        ipcbench = [rvmk, "run", image, "--append", "init=ipcbench"]
        _, bench = best(ipcbench, 1)
        per_trip = int(re.search(r"register-only round trip (\d+) instructions", bench.stdout).group(1))
        rounds = 100_000
        guest = os.path.join(tmp, "Guest")
        shutil.copytree(os.path.join(ROOT, "Guest"), guest)
        source = os.path.join(guest, "ipcbench", "ipcbench.S")
        with open(source) as f: text = f.read()
        text, changed = re.subn(r"(\.equ ROUNDS,\s+)1000\b", rf"\g<1>{rounds}", text)
        if changed != 1: sys.exit(f"{source}: no '.equ ROUNDS, 1000' to change")
        with open(source, "w") as f: f.write(text)
        long_image = os.path.join(tmp, "kernel-long.img")
        subprocess.run([rvmk, "build", "--guest", guest, "-o", long_image], check=True, stdout=subprocess.DEVNULL)
        ipcbench = [rvmk, "run", long_image, "--append", "init=ipcbench"]
        # Where the measured round trips start: the first rdinstret in a U-mode trace of the
        # warm-up; they end per_trip * rounds instructions later.
        trace = os.path.join(tmp, "ipcbench.trace")
        run(ipcbench + [f"--trace={trace}", "--trace-mode", "u", "--trace-count", "200000", "--max-instructions", "5000000"])
        start = None
        with open(trace) as f:
            for line in f:
                if " rdinstret " in line:
                    start = int(line.rsplit("=0x", 1)[1], 16)
                    break
        if start is None: sys.exit("ipcbench: no rdinstret in the trace")
        end = start + per_trip * rounds
        # Each run's own host time (--stats: the machine running, not the process starting),
        # the two runs interleaved and the least of several of each.
        def host_seconds(instructions):
            return stats(run(ipcbench + ["--stats", "--max-instructions", str(instructions)])[1])[1]
        t_start, t_end = float("inf"), float("inf")
        for _ in range(max(args.repeat, 5)):
            t_start = min(t_start, host_seconds(start))
            t_end = min(t_end, host_seconds(end))
        ipc_ns = (t_end - t_start) / rounds * 1e9
        rows.append(("IPC round trip, registers (ipcbench)", f"{ipc_ns:.0f} ns ({per_trip} instr.)", "-", "-", "< 1000 ns", ipc_ns < 1000))
        script = os.path.join(tmp, "shutdown.in")
        with open(script, "w") as f: f.write("shutdown\n")
        boot, result = best([rvmk, "run", image, "--input", script], args.repeat)
        if "$ " not in result.stdout:
            sys.exit(f"no shell prompt:\n{result.stdout}")
        rows.append(("boot to the shell prompt and shut down", f"{boot * 1000:.0f} ms", "-", "-", "< 50 ms", boot < 0.05))
        trivial, _ = best([rvmk, "run", build("exit", EXIT_AT_ONCE)], args.repeat)
        rows.append(("trivial image, whole process", f"{trivial * 1000:.0f} ms", f"{startup * 1000:.0f} ms" if qemu else "-", "-",
                     "< 10 ms", trivial < 0.01))
        rss = peak_rss([rvmk, "run", build("memsweep"), "--memory", "128"])
        if rss is not None:
            limit = 30 * 1024 + 4 * 1024 + 1024   # 30 MiB + the 4 MiB array + code, stack
            rows.append(("peak RSS, 128 MiB guest touching ~5 MiB", f"{rss / 1024:.1f} MiB", "-", "-", "<= 35 MiB", rss <= limit))
        trace = os.path.join(tmp, "trace.txt")
        elf = build("calls")
        elapsed, _ = best([rvmk, "run", elf, f"--trace={trace}", "--max-instructions", "2000000"], args.repeat, check=False)
        lines = sum(1 for _ in open(trace))
        rows.append(("tracing to a file", f"{lines / elapsed / 1e6:.2f} M lines/s", "-", "-", ">= 5 M lines/s", lines / elapsed >= 5e6))

    widths = [max(len(str(row[i])) for row in rows + [("measure", "rvmk", "QEMU", "ratio", "target", "")]) for i in range(5)]
    header = ("measure", "rvmk", "QEMU", "ratio", "target", "met")
    print("  ".join(str(header[i]).ljust(widths[i]) for i in range(5)) + "  met")
    for row in rows:
        met = "-" if row[5] is None else ("yes" if row[5] else "NO")
        print("  ".join(str(row[i]).ljust(widths[i]) for i in range(5)) + "  " + met)
    print(f"(best of {args.repeat}; QEMU's start-up of {startup:.3f} s subtracted from its times; "
          f"{time.strftime('%Y-%m-%d')}; `{' '.join(sys.argv)}`)")


main()
