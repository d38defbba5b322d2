#!/usr/bin/env bash
# gdb-smoke.sh IMAGE OUTDIR [CHAN_IMAGE [ML_IMAGE]] - check that GDB and tools/gdb/mv*.py work on real boots.
#
# Starts QEMU halted with a GDB stub on a free port, runs gdb-multiarch in batch
# mode and checks its output: in a fresh session, breakpoints on functions that -flto
# hides from GDB's quick index (vmmu_map, sched_wake, cap_lookup) resolve, and the one
# on sched_wake is hit at boot (vCPU 0 of each VM starts; the boot mappings go straight
# to pagetable.c, so vmmu_map runs only when a guest maps something); then, stopped at the first hypercall, mv-vms, mv-runq and
# mv-vcpu print every vCPU's state, priority, slice left and time used, bt works, and
# mv-vmmu prints VM 0's page-table quota and context 0's mappings (RAM identity-mapped
# from 0x1000 rwx, the state page at 0x7ffff000 rw-, at the physical addresses mv-vms
# and mv-vcpu show), and refuses a context that does not exist; mv-virq and mv-virq 0
# print each vCPU's vIRQ lines, payloads and virtual timer, vtimer_next_at and the console
# input, and, after a few 'set var's, format pending lines, payloads, an armed timer and
# waiting input as expected; with the bitmap cleared by hand, mv-runq flags the queue and
# adds its note on optimised code.
# mv-chan says the demo has no channels. Given CHAN_IMAGE (the chan_demo system), a second
# session boots it and stops at its 41st chan_send: mv-chan shows both channels, the ends
# that receive with their rings read from guest memory (agreeing with the microvisor),
# and, after a few 'set var's, an unmapped ring and a ring that disagrees, flagged.
# Given ML_IMAGE (test_minilinux_proc), a third session loads minilinux's kernel symbols
# (ml-sym), stops in the guest kernel at the 5th sys_wait4 and in the microvisor at the
# next hypercall, and ml-ps lists the same two processes both times (read directly, then
# through the VM's page tables): init waiting in wait4 and a child sleeping on a timer;
# ml-upcall, stopped in sys_wait4, decodes init's wait4 system call (number 114).
# Expects the demo system (VMs "hello" and "primes", one vCPU each at priority 10).
# QEMU and QEMU_FLAGS come from mk/run.mk through the environment; DEADLINE (s) caps
# the whole run, so a hung QEMU or GDB can never hang the caller. It is 60 s times
# MV_TIMEOUT_SCALE (the kit's one setting for slow machines) unless given.
set -uo pipefail

image=${1:?usage: gdb-smoke.sh IMAGE OUTDIR [CHAN_IMAGE]}
out=${2:?usage: gdb-smoke.sh IMAGE OUTDIR [CHAN_IMAGE]}
chan_image=${3:-}   # optional: the chan_demo system, for mv-chan
ml_image=${4:-}     # optional: test_minilinux_proc, for ml-sym and ml-ps
QEMU=${QEMU:-qemu-system-arm}
QEMU_FLAGS=${QEMU_FLAGS:--M virt -cpu cortex-a15 -m 256M -icount shift=0,sleep=off -nic none}
# shellcheck source=tools/common.sh
. "$(dirname "$0")/common.sh"   # scaled, free_port
DEADLINE=${DEADLINE:-$(scaled 60)}
cd "$(dirname "$0")/.." || exit 1   # tools/gdb/gdbinit uses paths relative to the kit
mkdir -p "$out"

# debug IMAGE LOG GDB-ARGS...: boot IMAGE halted in QEMU with a GDB stub on a free port,
# run gdb-multiarch in batch mode with the kit's gdbinit, the image's symbols and
# GDB-ARGS, its output to LOG; then stop QEMU.
qemu_pid=
trap '[[ -n "$qemu_pid" ]] && kill "$qemu_pid" 2>/dev/null; wait 2>/dev/null' EXIT
debug() {
    local image=$1 log=$2 port
    shift 2
    port=$(free_port)
    [[ "$port" =~ ^[0-9]+$ ]] || { echo "cannot find a free TCP port" >"$log"; return 1; }
    # shellcheck disable=SC2086  # QEMU_FLAGS is a list of words
    timeout -k 5 "$DEADLINE" "$QEMU" $QEMU_FLAGS -display none -monitor none \
        -serial "file:${log%.log}.serial" -kernel "$image" -S -gdb "tcp:localhost:$port" \
        </dev/null 2>"$out/qemu.err" &
    qemu_pid=$!
    # GDB retries the connection until QEMU listens (tools/gdb/gdbinit: 15 s, scaled).
    # "maint expand-symtabs" right after "file", as `make gdb` does (mk/run.mk: GDB_EXPAND).
    timeout -k 5 "$DEADLINE" gdb-multiarch -q -nx -batch -x tools/gdb/gdbinit \
        -ex "show tcp connect-timeout" \
        -ex "file $image" -ex "maint expand-symtabs" -ex "target remote localhost:$port" \
        "$@" </dev/null >"$log" 2>&1
    echo "gdb-smoke: gdb exited with status $? (log: $log)"
    kill "$qemu_pid" 2>/dev/null
    wait "$qemu_pid" 2>/dev/null
    qemu_pid=
}

# Each early 'break' is preceded by a marker line, so its answer can be told apart.
early_breaks=(vmmu_map sched_wake cap_lookup)
break_args=()
for f in "${early_breaks[@]}"; do
    break_args+=(-ex "echo [break $f]\\n" -ex "break $f")
done

# For mv-virq's formatting of what the demo never has (pending lines, payloads, an armed
# virtual timer, console input waiting), these set such a state by hand, consistent with
# the kernel's own rules (vtimer_next_at is the earliest deadline), just before "kill".
seed_virq=()
for set in "vm_table[0].vcpus[0].shared->virq_pending = 0x18" \
           "vm_table[0].vcpus[0].virq_payload[3] = 0xc0ffee" \
           "vm_table[0].vcpus[0].virq_payload[30] = 1" \
           "vm_table[0].vcpus[0].vtimer_at = 123456789" "vm_table[0].vcpus[0].vtimer_line = 3" \
           "vtimer_next_at = 123456789" "console_in.owner = &vm_table[1].vcpus[0]" \
           "console_in.line = 2" "console_in.head = 255" "console_in.count = 3" \
           "console_in.buf[255] = 'h'" "console_in.buf[0] = 'i'" "console_in.buf[1] = 10" \
           "console_in.dropped = 7"; do
    seed_virq+=(-ex "set var $set")
done

debug "$image" "$out/gdb.log" \
    "${break_args[@]}" -ex "continue" -ex "delete" \
    -ex "break hypercall_dispatch" -ex "continue" \
    -ex "mv-vms" -ex "mv-runq" -ex "mv-vcpu hello 0" -ex "bt" \
    -ex "echo [mv-vmmu 0]\\n" -ex "mv-vmmu 0" -ex "echo [mv-vmmu 0 0]\\n" -ex "mv-vmmu 0 0" \
    -ex "echo [mv-vmmu 0 1]\\n" -ex "mv-vmmu 0 1" \
    -ex "echo [mv-virq]\\n" -ex "mv-virq" -ex "echo [mv-virq 0]\\n" -ex "mv-virq 0" \
    "${seed_virq[@]}" -ex "echo [mv-virq hello, seeded]\\n" -ex "mv-virq hello" \
    -ex "echo [mv-chan]\\n" -ex "mv-chan" \
    -ex "python gdb.execute('set var *(unsigned int *)%d = 0' % int(gdb.lookup_static_symbol('cpu0').value()['prio_bitmap'].address))" \
    -ex "echo [mv-runq, bitmap cleared]\\n" -ex "mv-runq" \
    -ex "echo [end]\\n" -ex "kill"

# The chan_demo session: stopped in a send, with 20 requests and 20 replies delivered.
if [[ -n "$chan_image" ]]; then
    debug "$chan_image" "$out/chan.log" -ex "break chan_send" -ex "ignore 1 40" -ex "continue" \
        -ex "echo [mv-chan]\\n" -ex "mv-chan" \
        -ex "set var chan_table[0].ends[1].ring_va = 0x7ff00000" \
        -ex "set var chan_table[1].ends[1].filled = 999" \
        -ex "echo [mv-chan, seeded]\\n" -ex "mv-chan" -ex "echo [end]\\n" -ex "kill"
fi

failures=()
expect() {   # expect REGEX WHAT: the GDB log must match REGEX
    grep -Eq -- "$1" "$out/gdb.log" || failures+=("$2")
}
# The line GDB printed right after marker line $1 (see early_breaks above).
after_marker() { grep -A1 -F -x -- "$1" "$out/gdb.log" | sed -n 2p; }
expect "socket connection is $(scaled 15)\\.\$" \
    "gdbinit did not scale GDB's connect timeout (15 s) by MV_TIMEOUT_SCALE to $(scaled 15) s"
for f in "${early_breaks[@]}"; do
    answer=$(after_marker "[break $f]")
    [[ "$answer" =~ ^Breakpoint\ [0-9]+\ at\ 0x ]] || failures+=("a fresh session cannot \
break on $f (under -flto it needs 'maint expand-symtabs' after 'file'): $answer")
done
expect '^Breakpoint [0-9]+(\.[0-9]+)?, (0x[0-9a-f]+ in )?sched_wake \(' "the breakpoint on sched_wake was not hit at boot"
expect '^Breakpoint [0-9]+, hypercall_dispatch \(' "the breakpoint in hypercall_dispatch was not hit"

# Every command shows a vCPU's scheduling fields the same way (mv.py: sched_fields()).
fields='VCPU_RUNNABLE +prio 10  slice left -?[0-9]+ of [0-9]+ ns  used [0-9]+ ns'
expect "^vm 0 'hello' " "mv-vms did not list VM 0 'hello'"
expect "^vm 1 'primes' " "mv-vms did not list VM 1 'primes'"
expect "^  \\* vcpu 0  $fields" "mv-vms did not show the running vCPU with state, prio, slice left, used"
expect "^    vcpu 0  $fields" "mv-vms did not show the waiting vCPU with state, prio, slice left, used"
expect '^prio_bitmap 0x00000400  \(non-empty: 10\)' "mv-runq did not show the bitmap 0x400 (priority 10)"
expect "^running: +hello/0 +\\* $fields" "mv-runq did not show the running vCPU hello/0 with its fields"
expect '^ +charged up to [0-9]+ ns; next wake-up scan at ' "mv-runq did not show when time was last charged"
expect "^prio 10: +hello/0 +\\* $fields" "mv-runq did not show hello/0 (running) at the head of queue 10"
expect "^ {12}primes/0 +$fields" "mv-runq did not show primes/0 second in queue 10"
expect "^vcpu hello/0 \\(running\\)  $fields" "mv-vcpu hello 0 did not show the vCPU's fields"
expect '^  VMODE_KERNEL  wake_at never  run queue links prev primes/0 next primes/0' \
    "mv-vcpu hello 0 did not show its mode, timeout and run-queue links"
expect '^    r0  0x[0-9a-f]{8}  r1  ' "mv-vcpu hello 0 did not show the saved registers"
expect '^    time_used [0-9]+ ns' "mv-vcpu hello 0 did not show its state page"
expect '^  fpu: (live in the unit|saved)' "mv-vcpu hello 0 did not show its floating-point registers"
consistent=$(sed '/^\[mv-runq, bitmap cleared\]$/,$d' "$out/gdb.log")
if grep -q '^! ' <<<"$consistent"; then
    failures+=("mv-runq or mv-vmmu flagged an inconsistency: $(grep '^! ' <<<"$consistent" | head -n 1)")
fi
expect '^#0  hypercall_dispatch ' "bt does not start in hypercall_dispatch"
expect '^#1  .* trap_from_guest ' "bt does not show trap_from_guest as the caller"

# block MARKER [LOG]: the lines of LOG (gdb.log) after marker line MARKER, up to the next.
block() { awk -v m="$1" '$0 == m { on = 1; next } /^\[/ { on = 0 } on' "${2:-$out/gdb.log}"; }
hex='0x[0-9a-f]{8}'
ram_pa=$(sed -En "s/^vm 0 'hello' .* RAM ($hex) \+ 1024 KiB .*/\1/p" "$out/gdb.log" | head -n 1)
state_pa=$(sed -En "s/^  state page at pa ($hex) .*/\1/p" "$out/gdb.log" | head -n 1)
if [[ -n "$ram_pa" && -n "$state_pa" ]]; then
    ram_lo=$(printf '0x%08x' $((ram_pa + 0x1000))) ram_hi=$(printf '0x%08x' $((ram_pa + 0xfffff)))
    state_hi=$(printf '0x%08x' $((state_pa + 0xfff)))
else
    failures+=("mv-vms or mv-vcpu did not show hello's RAM and state page addresses (for mv-vmmu)")
    ram_lo=$hex ram_hi=$hex state_pa=$hex state_hi=$hex
fi
for cmd in "mv-vmmu 0" "mv-vmmu 0 0"; do
    text=$(block "[$cmd]")
    has() { grep -Eq -- "$1" <<<"$text" || failures+=("$cmd: $2"); }
    has "^vm 0 'hello': page tables 2/[0-9]+ used, [0-9]+ free, 0 evictions so far; process contexts 0/0 live\$" \
        "no quota line (2 tables used, evictions, contexts live/quota)"
    has "^context 0 \\(the guest kernel's space\\): ASID 1 \\(fixed\\), level-1 table at pa $hex, 2 level-2 tables\$" \
        "no line for context 0 with its fixed ASID 1, level-1 table and 2 level-2 tables"
    has "^  0x00001000-0x000fffff -> gpa 0x00001000-0x000fffff +pa $ram_lo-$ram_hi  rwx  \\(255 pages\\)\$" \
        "RAM is not shown as one rwx run 0x1000-0xfffff -> gpa 0x1000 -> pa $ram_lo"
    has "^  0x7ffff000-0x7fffffff -> state page of vcpu 0 +pa $state_pa-$state_hi  rw-  \\(1 page\\)\$" \
        "the state page is not shown at 0x7ffff000 -> pa $state_pa, rw-"
    has '^  256 pages mapped$' "the page count is not 256"
    [[ $(grep -c '^  0x' <<<"$text") -eq 2 ]] || failures+=("$cmd: expected exactly 2 mapping lines")
done
grep -Fxq "VM 'hello' has no live context 1 (live: 0; quota 0 process contexts)" <<<"$(block "[mv-vmmu 0 1]")" \
    || failures+=("mv-vmmu 0 1 did not say that context 1 does not exist and which ones do")
# mv-virq: every VM (or VM 0) with each vCPU's line, payloads and virtual timer, then
# vtimer_next_at and the console input. The demo arms no timer, raises no line and has no
# console input owner; the seeded run shows each of those fields with a value.
virq_vcpu="^  [* ] vcpu 0  VMODE_(KERNEL|USER)  VCPU_[A-Z]+ +virq_enabled [0-9]+  pending $hex \\((none|lines( [0-9]+)+)\\)\$"
for cmd in "mv-virq" "mv-virq 0"; do
    text=$(block "[$cmd]")
    has() { grep -Eq -- "$1" <<<"$text" || failures+=("$cmd: $2"); }
    has "^vm 0 'hello'  VM_RUNNING\$" "no header line for VM 0 'hello'"
    has "$virq_vcpu" "no vCPU line (mode, state, virq_enabled, pending lines)"
    has '^            payloads: none$' "no payloads line"
    has '^            vtimer off$' "no virtual-timer line (off)"
    has '^vtimer_next_at never  \(no virtual timer armed\)$' "no vtimer_next_at line (never)"
    has '^console input: no owner \(input is read and discarded\); 0 of 256 bytes waiting, 0 dropped$' \
        "no console input line (no owner, 0 of 256 bytes waiting, 0 dropped)"
    nvms=$(grep -Ec "^vm [0-9]+ '" <<<"$text")
    want=2; [[ $cmd == "mv-virq 0" ]] && want=1
    [[ $nvms -eq $want ]] || failures+=("$cmd: expected $want VM(s), got $nvms")
    [[ $(grep -Ec "$virq_vcpu" <<<"$text") -eq $want ]] || failures+=("$cmd: expected $want vCPU line(s)")
done
text=$(block "[mv-virq hello, seeded]")
for want in "^vm 0 'hello'  VM_RUNNING\$" \
    "^  [* ] vcpu 0  VMODE_KERNEL  VCPU_RUNNABLE  virq_enabled 0  pending 0x00000018 \\(lines 3 4\\)\$" \
    '^            payloads: line 3 0x00c0ffee, line 30 0x00000001 \(not pending\)$' \
    '^            vtimer at 123456789 ns, line 3$' \
    "^vtimer_next_at 123456789 ns  \\(the earliest armed deadline: hello/0's\\)\$" \
    '^console input: owner primes/0 line 2; 3 of 256 bytes waiting, 7 dropped$' \
    '^  waiting: "hi\\n"$'; do
    grep -Eq -- "$want" <<<"$text" || failures+=("mv-virq hello (seeded state) did not print a line matching $want")
done
grep -q "^vm 1 " <<<"$text" && failures+=("mv-virq hello showed another VM")
grep -Fxq "no channels in this system" <<<"$(block "[mv-chan]")" \
    || failures+=("mv-chan on the demo did not say it has no channels")
# With the bitmap cleared by hand, mv-runq flags queue 10 and adds its note that optimised
# code stopped mid-way may show such a state.
text=$(block "[mv-runq, bitmap cleared]")
grep -q '^! prio 10: runq\[10\] is not empty but bit 10 of prio_bitmap is clear' <<<"$text" ||
    failures+=("mv-runq did not flag queue 10 once bit 10 of the bitmap was cleared")
grep -q '^note: the CPU is stopped in hypercall_dispatch' <<<"$text" ||
    failures+=("mv-runq did not add its note on optimised code to its '!' lines")
if grep -Eq 'Python Exception|Error occurred in Python' "$out/gdb.log" ${chan_image:+"$out/chan.log"} ${ml_image:+"$out/ml.log"}; then
    failures+=("a mv.py command raised a Python exception")
fi

# mv-chan on chan_demo: each receiving end's ring, as the guest's memory holds it, agrees
# with the microvisor; the sending ends have none; the counters match what was delivered.
check_chan() {
    local text seeded want ring='ring 0x[0-9a-f]{8}, 8 descriptors \(144 bytes\)'
    text=$(block "[mv-chan]" "$out/chan.log")
    seeded=$(block "[mv-chan, seeded]" "$out/chan.log")
    for want in "^channel 0 'requests'\$" "^channel 1 'replies'\$" \
        '^  end 0: client/0 line 2  no ring  filled 0  space_wanted 0$' \
        "^  end 1: server/0 line 1  $ring  filled 20  space_wanted 0\$" \
        '^         ring in guest memory: posted 28  filled 20  notify [01]  space_wanted 0  \(8 free\)$' \
        '^         stats: messages 20, bytes 1040, notified [0-9]+, full 0, space signals 0$' \
        '^  end 0: server/0 line 2  no ring  filled 0  space_wanted 0$' \
        "^  end 1: client/0 line 1  $ring  filled 20  space_wanted 0\$" \
        '^         stats: messages 20, bytes 720, notified [0-9]+, full 0, space signals 0$'; do
        grep -Eq -- "$want" <<<"$text" || failures+=("mv-chan on chan_demo did not print a line matching $want")
    done
    [[ $(grep -c '^         ring in guest memory: posted 28  filled 20 ' <<<"$text") -eq 2 ]] \
        || failures+=("mv-chan on chan_demo did not read both receive rings from guest memory")
    grep -q '^! ' <<<"$text" && failures+=("mv-chan flagged a consistent state: $(grep '^! ' <<<"$text" | head -n 1)")
    for want in "^         ring in guest memory: unmapped \(0x7ff00000 in VM 'server'\)\$" \
        "^! the ring's filled is 20 but the microvisor's is 999\$" \
        '^! posted 28 - filled 999 is more than the ring.s 8 slots$'; do
        grep -Eq -- "$want" <<<"$seeded" || failures+=("mv-chan (seeded state) did not print a line matching $want")
    done
}
[[ -n "$chan_image" ]] && check_chan

check_ml() {
    debug "$ml_image" "$out/ml.log" -ex "break kmain" -ex "continue" -ex "ml-sym" \
        -ex "break sys_wait4" -ex "ignore 2 4" -ex "continue" -ex "echo [ml-ps guest]\\n" -ex "ml-ps" \
        -ex "echo [ml-upcall]\\n" -ex "ml-upcall" \
        -ex "delete" -ex "break hypercall_dispatch" -ex "continue" -ex "echo [ml-ps mv]\\n" \
        -ex "ml-ps" -ex "ml-prog proctest" -ex "info address main" -ex "kill"
    local guest mv
    guest=$(sed -n '/^\[ml-ps guest\]/,/^Breakpoint 3 at/p' "$out/ml.log")
    mv=$(sed -n '/^\[ml-ps mv\]/,$p' "$out/ml.log")
    grep -q '^Breakpoint 2, sys_wait4 ' "$out/ml.log" || failures+=("ml-sym: no stop in the guest kernel's sys_wait4")
    grep -Eq '^ +1 +0 +1  runnable  proctest ' <<<"$guest" \
        || failures+=("ml-ps (in the guest kernel) did not show init running")
    grep -Eq '^ +1 +0 +1  sleeping  proctest .*wait4 \(a child.s end\)$' <<<"$mv" \
        || failures+=("ml-ps (in the microvisor) did not show init waiting in wait4")
    grep -Eq '^  system call 114 \(r7\) -> sys_wait4\(' "$out/ml.log" && \
        grep -Eq "^last upcall of VM 'minilinux' vCPU 0: MV_CAUSE_SYSCALL, from pid 1 \(proctest\)" \
        "$out/ml.log" || failures+=("ml-upcall did not show init's wait4 system call")
    grep -q '^symbols of .*/minilinux/user/proctest.elf loaded$' "$out/ml.log" \
        || failures+=("ml-prog did not load proctest's symbols")
    grep -Eq '^Symbol "main" is a function at address 0x100[0-9a-f]+\.$' "$out/ml.log" \
        || failures+=("after ml-prog, GDB did not know proctest's main")
    for text in "$guest" "$mv"; do
        grep -Eq '^ +3 +1 +1  sleeping  proctest .*time \(until [0-9]+ ns\)$' <<<"$text" \
            || failures+=("ml-ps did not show the child sleeping on a timer")
    done
}
[[ -n "$ml_image" ]] && check_ml

if [[ ${#failures[@]} -eq 0 ]]; then
    echo "gdb-smoke: PASS fresh-session breaks on ${early_breaks[*]}; gdb stops in sched_wake" \
         "and hypercall_dispatch; mv-vms, mv-runq, mv-vcpu show the scheduling fields; bt works;" \
         "mv-vmmu shows the quota and context 0's mappings; mv-virq shows vIRQs, timers and input;" \
         "mv-chan shows chan_demo's channels, rings and counters${ml_image:+; ml-ps lists the minilinux processes}"
    echo "1 passed, 0 failed"
    exit 0
fi
printf 'gdb-smoke: FAIL %s\n' "${failures[@]}"
[[ -s "$out/qemu.err" ]] && { echo "---- $out/qemu.err ----"; tail -n 5 "$out/qemu.err"; }
echo "---- $out/gdb.log (last 40 lines) ----"
tail -n 40 "$out/gdb.log"
echo "0 passed, 1 failed"
exit 1
