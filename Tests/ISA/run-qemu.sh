#!/bin/sh
# run-qemu.sh: assembles every Tests/ISA/*.S with `rvmk asm` and runs each on QEMU's
# virt board, the reference the suite's expectations are checked against.
#
#     Tests/ISA/run-qemu.sh [path/to/rvmk]      (default .build/release/rvmk)
#
# Prints one PASS/FAIL line per program and a summary; exits 1 if any failed.
# A program that needs QEMU options says so in a comment line "# qemu: OPTIONS" (e.g.
# "# qemu: -icount shift=0" for exact counters); QEMU_EXTRA adds options to every run.

RVMK=${1:-.build/release/rvmk}
DIR=$(cd "$(dirname "$0")" && pwd)
QEMU=${QEMU:-qemu-system-riscv64}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

passed=0
failed=0
for src in "$DIR"/*.S; do
    name=$(basename "$src" .S)
    elf="$TMP/$name.elf"
    if ! "$RVMK" asm "$src" -I "$DIR" -o "$elf" >"$TMP/$name.asm.log" 2>&1; then
        echo "FAIL $name: does not assemble"
        sed 's/^/    /' "$TMP/$name.asm.log"
        failed=$((failed + 1))
        continue
    fi
    options=$(sed -n 's/^# qemu: //p' "$src" | tr '\n' ' ')
    # shellcheck disable=SC2086
    timeout 20 "$QEMU" -machine virt -bios none -nographic $options $QEMU_EXTRA \
        -kernel "$elf" >"$TMP/$name.out" 2>&1 </dev/null
    status=$?
    if [ $status -eq 0 ]; then
        echo "PASS $name"
        passed=$((passed + 1))
    else
        echo "FAIL $name (exit status $status)"
        sed 's/^/    /' "$TMP/$name.out"
        failed=$((failed + 1))
    fi
done
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
