#!/bin/sh
# fake-qemu-crash.sh - a stand-in for qemu-system-arm that prints a line of serial
# output and then dies of SIGSEGV, as QEMU itself would on a bug. The harness test
# qemu_crash and the grader's hostile case qemu_crash.json run it (through MV_QEMU) to
# check that a crashed QEMU gives a clear reason, not a hang or a crashed grader.
ulimit -c 0   # no core file left behind
echo "[mv] microvisor (fake QEMU, about to crash)"
kill -SEGV $$
