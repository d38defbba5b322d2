#!/usr/bin/env bash
# bench.sh IMAGE... - boot each benchmark image and print its figures, one line each:
#
#     bench <name>: <value> instructions (target <target>)
#     bench <name>: <value.ddd> [<unit>] [(<note>)]
#
# A benchmark program reports a figure as the console line `@@ <nonce> bench <name>
# <value> [<target>]`, or a quotient as `@@ <nonce> bench <name> <value.ddd> <unit or
# -> <note or -...>` (see bench/bench.h). Each boot gets a fresh nonce through QEMU's
# loader device (the kernel copies it into mv_state::boot_nonce); lines with another
# nonce are ignored. QEMU runs with -icount, so figures are instruction counts and
# the same on every run. Fails (status 1) when QEMU times out or fails, a VM exits
# with a non-zero code, or an image prints no figure.
# Environment: QEMU, QEMU_FLAGS (from mk/run.mk), BENCH_TIMEOUT (seconds per image, 60),
# BENCH_DIR (where the serial logs go, build/bench).
set -uo pipefail

QEMU=${QEMU:-qemu-system-arm}
QEMU_FLAGS=${QEMU_FLAGS:--M virt -cpu cortex-a15 -m 256M -icount shift=0,sleep=off -nic none}
BENCH_TIMEOUT=${BENCH_TIMEOUT:-60}
BENCH_DIR=${BENCH_DIR:-build/bench}
[[ $# -gt 0 ]] || { echo "usage: bench.sh IMAGE..." >&2; exit 2; }
mkdir -p "$BENCH_DIR"

fail() { echo "bench: FAIL $*" >&2; status=1; }

show_log() {   # the end of a serial log, without control characters
    echo "---- last lines of $1 ----" >&2
    [[ -s "$1" ]] || { echo "(no output)" >&2; return; }
    tail -n 15 "$1" | tr -d '\000-\010\013-\037\177' | cut -c1-200 >&2
}

run_image() {   # IMAGE: boot it, print its figures; returns non-zero on any failure
    local image=$1 name log nonce rc
    name=$(basename "$(dirname "$image")")
    log=$BENCH_DIR/$name.serial
    nonce=$(od -An -N4 -tx4 /dev/urandom | tr -d ' \n')
    # shellcheck disable=SC2086  # QEMU_FLAGS is a list of words
    timeout -k 5 "$BENCH_TIMEOUT" "$QEMU" $QEMU_FLAGS -display none -monitor none \
        -serial stdio -kernel "$image" \
        -device loader,addr=0x4FFFF000,data=0x4e4f4e43,data-len=4 \
        -device loader,addr=0x4FFFF004,data=0x"$nonce",data-len=4 \
        </dev/null >"$log" 2>"$BENCH_DIR/$name.stderr"
    rc=$?
    if [[ $rc -eq 124 || $rc -eq 137 ]]; then
        fail "$name: QEMU did not finish within ${BENCH_TIMEOUT}s (BENCH_TIMEOUT) and was killed"
        show_log "$log"; return 1
    elif [[ $rc -ne 0 ]]; then
        fail "$name: QEMU failed with status $rc (stderr: $BENCH_DIR/$name.stderr)"
        show_log "$log"; return 1
    fi
    if grep -Eq "^\[mv\] vm '.*' stopped \(exit code -?[1-9]" "$log"; then
        fail "$name: a VM stopped with an error"
        show_log "$log"; return 1
    fi
    # "<vm>| @@ <nonce> bench <name> <value> [<target>]" -> "bench <name>: <value> instructions ...",
    # "<vm>| @@ <nonce> bench <name> <v.ddd> <unit> <note...>" -> "bench <name>: <v.ddd> <unit> (<note>)"
    local figures
    figures=$(tr -d '\r' <"$log" | awk -v nonce="$nonce" '
        $2 != "@@" || $3 != nonce || $4 != "bench" || $5 !~ /^[A-Za-z0-9_\/]+$/ { next }
        $6 ~ /^[0-9]+$/ {
            target = ($7 ~ /^[0-9]+$/) ? " (target " $7 ")" : ""
            print "bench " $5 ": " $6 " instructions" target
        }
        $6 ~ /^[0-9]+\.[0-9]+$/ && NF >= 7 {
            unit = ($7 == "-") ? "" : " " $7
            note = ""
            for (i = 8; i <= NF; i++)
                note = note (i > 8 ? " " : "") $i
            print "bench " $5 ": " $6 unit (note != "" && note != "-" ? " (" note ")" : "")
        }')
    if [[ -z "$figures" ]]; then
        fail "$name: no figure printed (expected a line '@@ $nonce bench NAME VALUE [TARGET]')"
        show_log "$log"; return 1
    fi
    echo "$figures"
}

status=0
for image in "$@"; do
    run_image "$image"
done
exit $status
