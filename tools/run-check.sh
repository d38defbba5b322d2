#!/usr/bin/env bash
# run-check.sh - check `make run` as a newcomer uses it (README): it boots minilinux to its
# shell, input from a pipe is typed at the prompts and ends with Ctrl-D, and the system
# powers off by itself:
#   printf 'echo ...\n' | make run    runs the command, then ends cleanly
#   make run </dev/null               ends at the first prompt
# Each run is capped (DEADLINE seconds, scaled by MV_TIMEOUT_SCALE), so a shell that never
# ends fails the check instead of hanging it. Prints "N passed, M failed" for make test.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
# shellcheck source=tools/common.sh
. tools/common.sh   # scaled
DEADLINE=${DEADLINE:-$(scaled 60)}
out=${BUILD:-build}/test-logs
mkdir -p "$out"
pass=0 fail=0

check() {   # NAME LOG PATTERN...: every pattern (a fixed line) must be a line of LOG
    local name=$1 log=$2 missing=()
    shift 2
    for want in "$@"; do
        grep -qxF -- "$want" "$log" || missing+=("$want")
    done
    if [[ ${#missing[@]} -eq 0 ]]; then
        echo "run-check: PASS $name"; pass=$((pass + 1))
    else
        echo "run-check: FAIL $name: no line '${missing[0]}' (log: $log)"; fail=$((fail + 1))
        tail -n 8 "$log" | sed 's/^/    | /'
    fi
}

printf 'echo typed at the prompt\nls /etc\n' |
    timeout -k 5 "$DEADLINE" make --no-print-directory run SYSTEM=minilinux >"$out/run-pipe.log" 2>&1
check "printf ... | make run" "$out/run-pipe.log" \
    "minilinux| \$ echo typed at the prompt" "minilinux| typed at the prompt" \
    "minilinux| motd" "minilinux| \$ exit" "[mv] all VMs have stopped; powering off"

timeout -k 5 "$DEADLINE" make --no-print-directory run SYSTEM=minilinux </dev/null >"$out/run-null.log" 2>&1
check "make run </dev/null" "$out/run-null.log" \
    "minilinux| \$ exit" "minilinux| init exited with status 0" \
    "[mv] all VMs have stopped; powering off"

echo "$pass passed, $fail failed"
[[ $fail -eq 0 ]]
