#!/usr/bin/env bash
# replay-check.sh OUTDIR - `make grade-debug` replays a system test's run exactly.
#
# The promise students rely on: a failing system test, replayed under GDB, is the very
# run the test saw. This runs one suite of the system tests as `make test-system` does
# (QEMU started by autograder/lib/qemu_run.c), then `make grade-debug` for a test of
# that suite (QEMU started by mk/run.mk, waiting for GDB) with the run's nonce, lets GDB
# continue it to the end, and requires the two serial logs to be identical, byte for
# byte: the same machine flags, the same nonce, the same icount clock (the log holds
# virtual-time figures such as "timeout_elapsed 500400"). It catches the two QEMU
# command lines drifting apart, and anything else that makes a replay differ.
# Needs the systest runner and the test_virq image built (mk/gdbtest.mk does it).
set -uo pipefail

out=$(realpath -m "${1:?usage: replay-check.sh OUTDIR}")
SUITE=virq SYSTEM=test_virq LAB=1 TEST=lab1_sys_wait_wake
BUILD=${BUILD:-build}
# shellcheck source=tools/common.sh
. "$(dirname "$0")/common.sh"   # scaled, free_port
DEADLINE=$(scaled 60)
cd "$(dirname "$0")/.." || exit 1
rm -rf "$out" && mkdir -p "$out/logs"

fail() {
    echo "replay-check: FAIL $*"
    echo "0 passed, 1 failed"
    exit 1
}

# 1. The test's run, as the system tier makes it (its log and nonce land in $out/logs).
MV_LOG_DIR="$out/logs" CK_RUN_SUITE=$SUITE ASAN_OPTIONS=detect_leaks=0 \
    timeout -k 5 "$DEADLINE" "$BUILD/autograder/systest" >"$out/systest.txt" 2>&1 ||
    fail "the $SUITE suite did not pass, so there is no good run to replay (see $out/systest.txt)"
nonce=$(cat "$out/logs/$SYSTEM.nonce") || fail "the test run left no nonce file"

# 2. The replay, as a student starts it, on a free port; `make gdb` continues it to the end.
port=$(free_port)
[[ "$port" =~ ^[0-9]+$ ]] || fail "cannot find a free TCP port"
timeout -k 5 "$DEADLINE" make -s --no-print-directory grade-debug LAB=$LAB TEST=$TEST \
    NONCE="$nonce" GDB_PORT="$port" </dev/null >"$out/replay.txt" 2>"$out/replay.err" &
replay_pid=$!
trap 'kill "$replay_pid" 2>/dev/null; wait "$replay_pid" 2>/dev/null' EXIT
# `make gdb`, as the student runs it (no SYSTEM): it must take the symbols of the system
# the waiting QEMU runs, which grade-debug recorded once QEMU was started.
for _ in $(seq 100); do [ -s "$BUILD/gdb/port-$port.elf" ] && break; sleep 0.1; done
timeout -k 5 "$DEADLINE" make -s --no-print-directory gdb GDB_PORT="$port" \
    GDB_EXTRA="-batch -ex continue" </dev/null >"$out/gdb.log" 2>&1
wait "$replay_pid" || fail "make grade-debug failed (see $out/replay.err, $out/gdb.log)"
grep -q "symbols of $BUILD/systems/$SYSTEM/microvisor.elf" "$out/gdb.log" ||
    fail "make gdb did not load the symbols of $SYSTEM, which QEMU ran (see $out/gdb.log)"

# The replay's output is QEMU's serial output after make's "***" lines.
grep -v '^\*\*\* ' "$out/replay.txt" >"$out/replay.log"
if ! cmp -s "$out/logs/$SYSTEM.log" "$out/replay.log"; then
    echo "---- diff test run / replay (first lines) ----"
    diff "$out/logs/$SYSTEM.log" "$out/replay.log" | head -n 10
    fail "the replay of $TEST ($SYSTEM, nonce $nonce) differs from the test's run"
fi
lines=$(wc -l <"$out/replay.log")
grep -q "@@ $nonce " "$out/replay.log" || fail "the replay's result lines lack the nonce $nonce"
echo "replay-check: PASS make grade-debug LAB=$LAB TEST=$TEST under make gdb (with $SYSTEM's" \
     "symbols) printed the test's run byte for byte ($lines lines, nonce $nonce)"
echo "1 passed, 0 failed"
