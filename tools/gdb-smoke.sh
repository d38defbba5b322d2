#!/usr/bin/env bash
# gdb-smoke.sh IMAGE OUTDIR - check that GDB and tools/gdb/mv.py work on a real boot.
#
# Starts QEMU halted with a GDB stub on a free port, runs gdb-multiarch in batch
# mode (break on hypercall_dispatch, continue, mv-vms, mv-runq, bt, kill) and checks
# its output. Expects the demo system (VMs "hello" and "primes").
# QEMU and QEMU_FLAGS come from mk/run.mk through the environment; DEADLINE (s) caps
# the whole run, so a hung QEMU or GDB can never hang the caller. It is 60 s times
# MV_TIMEOUT_SCALE (the kit's one setting for slow machines) unless given.
set -uo pipefail

image=${1:?usage: gdb-smoke.sh IMAGE OUTDIR}
out=${2:?usage: gdb-smoke.sh IMAGE OUTDIR}
QEMU=${QEMU:-qemu-system-arm}
QEMU_FLAGS=${QEMU_FLAGS:--M virt -cpu cortex-a15 -m 256M -icount shift=0,sleep=off -nic none}
DEADLINE=${DEADLINE:-$(awk -v s="${MV_TIMEOUT_SCALE:-1}" \
    'BEGIN { s += 0; if (s < 0.01 || s > 1000) s = 1; d = int(60 * s + 0.5); print d < 1 ? 1 : d }')}
cd "$(dirname "$0")/.." || exit 1   # tools/gdb/gdbinit uses paths relative to the kit
mkdir -p "$out"

# A port nobody listens on now (GDB's own Python, so no other interpreter is needed).
port=$(gdb-multiarch -q -nx -batch -ex 'python
import socket
s = socket.socket()
s.bind(("localhost", 0))
print(s.getsockname()[1])')
[[ "$port" =~ ^[0-9]+$ ]] || { echo "gdb-smoke: cannot find a free TCP port"; echo "0 passed, 1 failed"; exit 1; }

# shellcheck disable=SC2086  # QEMU_FLAGS is a list of words
timeout -k 5 "$DEADLINE" "$QEMU" $QEMU_FLAGS -display none -monitor none \
    -serial "file:$out/serial.log" -kernel "$image" -S -gdb "tcp:localhost:$port" \
    </dev/null 2>"$out/qemu.err" &
qemu_pid=$!
trap 'kill "$qemu_pid" 2>/dev/null; wait "$qemu_pid" 2>/dev/null' EXIT

# GDB retries the connection until QEMU listens ('set tcp connect-timeout', 15 s).
timeout -k 5 "$DEADLINE" gdb-multiarch -q -nx -batch -x tools/gdb/gdbinit \
    -ex "file $image" -ex "target remote localhost:$port" \
    -ex "break hypercall_dispatch" -ex "continue" \
    -ex "mv-vms" -ex "mv-runq" -ex "bt" -ex "kill" \
    </dev/null >"$out/gdb.log" 2>&1
echo "gdb-smoke: gdb exited with status $? (log: $out/gdb.log)"

failures=()
expect() {   # expect REGEX WHAT: the GDB log must match REGEX
    grep -Eq -- "$1" "$out/gdb.log" || failures+=("$2")
}
expect '^Breakpoint 1, hypercall_dispatch \(' "the breakpoint in hypercall_dispatch was not hit"
expect "^vm 0 'hello' " "mv-vms did not list VM 0 'hello'"
expect "^vm 1 'primes' " "mv-vms did not list VM 1 'primes'"
expect '^  \* vcpu 0 ' "mv-vms marked no vCPU as the running one"
expect '^current [a-z]+/0  prio_bitmap 0x' "mv-runq printed no run queue state"
expect '^  prio 10: ' "mv-runq did not show the demo's priority-10 queue"
expect '^#0  hypercall_dispatch ' "bt does not start in hypercall_dispatch"
expect '^#1  .* trap_from_guest ' "bt does not show trap_from_guest as the caller"
if grep -Eq 'Python Exception|Error occurred in Python' "$out/gdb.log"; then
    failures+=("a mv.py command raised a Python exception")
fi

if [[ ${#failures[@]} -eq 0 ]]; then
    echo "gdb-smoke: PASS gdb stops in hypercall_dispatch; mv-vms, mv-runq and bt work"
    echo "1 passed, 0 failed"
    exit 0
fi
printf 'gdb-smoke: FAIL %s\n' "${failures[@]}"
[[ -s "$out/qemu.err" ]] && { echo "---- $out/qemu.err ----"; tail -n 5 "$out/qemu.err"; }
echo "---- $out/gdb.log (last 40 lines) ----"
tail -n 40 "$out/gdb.log"
echo "0 passed, 1 failed"
exit 1
