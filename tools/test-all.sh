#!/usr/bin/env bash
# test-all.sh TIER... - run each test tier (a make target), keep going when one fails,
# then print a summary: per tier PASS/FAIL with its time and test counts, and a total.
# Counts come from Check's "N%: Checks: X, Failures: Y, Errors: Z" lines and from
# "N passed, M failed" lines of the script-based tiers.
set -u
logdir=${BUILD:-build}/test-logs
mkdir -p "$logdir"
total_pass=0 total_fail=0 failed_tiers=()
summary=()

count_tier() {   # log -> "passed failed"
    awk '
        /^[0-9]+%: Checks: [0-9]+, Failures: [0-9]+, Errors: [0-9]+/ {
            gsub(/,/, ""); p += $3 - $5 - $7; f += $5 + $7 }
        /^[0-9]+ passed, [0-9]+ failed$/ { p += $1; f += $3 }
        END { print p + 0, f + 0 }' "$1"
}

for tier in "$@"; do
    echo "=== $tier ==="
    start=$(date +%s)
    make --no-print-directory "$tier" 2>&1 | tee "$logdir/$tier.log"
    rc=${PIPESTATUS[0]}
    secs=$(( $(date +%s) - start ))
    read -r p f < <(count_tier "$logdir/$tier.log")
    total_pass=$((total_pass + p)); total_fail=$((total_fail + f))
    if [[ $rc -ne 0 ]]; then
        failed_tiers+=("$tier")
        [[ $f -eq 0 ]] && { f=1; total_fail=$((total_fail + 1)); }   # failed before counting
        summary+=("$(printf '  %-12s FAIL  %4ss  %s passed, %s failed  (log: %s)' "$tier" "$secs" "$p" "$f" "$logdir/$tier.log")")
    else
        summary+=("$(printf '  %-12s PASS  %4ss  %s passed, %s failed' "$tier" "$secs" "$p" "$f")")
    fi
done

echo
echo "=== Test summary ==="
printf '%s\n' "${summary[@]}"
if [[ ${#failed_tiers[@]} -ne 0 ]]; then
    echo "FAILED tiers: ${failed_tiers[*]} (logs in $logdir/)"
fi
echo "total: $total_pass passed, $total_fail failed"
[[ ${#failed_tiers[@]} -eq 0 ]]
