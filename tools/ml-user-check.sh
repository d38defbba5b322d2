#!/bin/sh
# ml-user-check.sh - builds minilinux's user programs and checks them under qemu-arm,
# i.e. on the real Linux ARM ABI of this host, which minilinux implements.
#
# How programs find each other: qemu-arm runs one static ARM binary, but when that binary
# execs another ARM binary the host kernel cannot run it (no binfmt_misc here). So the
# shell tests run with PATH pointing to a temporary directory of small host wrapper
# scripts, one per program:  #!/bin/sh  exec qemu-arm -0 P build/minilinux/user/P.elf "$@"
# (the shell's execvp runs the wrapper, which starts qemu-arm on the right program; -0
# gives the program its plain name, so messages say "cat:", not "cat.elf:"). usertests
# execs /bin/sh, which here is the host's shell: its tests use only POSIX sh features.
#
# usertests runs with TMPDIR set to a fresh directory and with `ulimit -n 64`, so that
# its descriptor-limit test meets EMFILE. Usage: tools/ml-user-check.sh (from anywhere).
set -u
cd "$(dirname "$0")/.."
ROOT=$PWD
PROGS="echo cat ls wc grep head mkdir rm mv cp ps kill sleep true false uname env sh init usertests segv"
QEMU=$(command -v qemu-arm) || { echo "ml-user-check: qemu-arm is not installed"; exit 1; }
U=build/minilinux/user
make -j2 $(for p in $PROGS; do printf '%s/%s.elf ' $U $p; done) >/dev/null || exit 1

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir "$WORK/bin" "$WORK/tmp" "$WORK/x"
for p in $PROGS; do
    printf '#!/bin/sh\nexec %s -0 %s %s/%s/%s.elf "$@"\n' "$QEMU" "$p" "$PWD" "$U" "$p" > "$WORK/bin/$p"
    chmod +x "$WORK/bin/$p"
done
fails=0

# check NAME EXPECTED-FILE: compares stdin (the actual output) with the expected text.
check() {
    if printf '%s' "$2" | diff -u - "$WORK/out" > "$WORK/diff"; then
        echo "ml-user-check: $1 ok"
    else
        echo "ml-user-check: $1 FAILED"; cat "$WORK/diff"; fails=$((fails + 1))
    fi
}

# shell NAME SCRIPT EXPECTED: runs SCRIPT on sh's stdin in $WORK/x, output and errors
# together, then the exit status.
shell() {
    (cd "$WORK/x" && printf '%s' "$2" | PATH="$WORK/bin" HOME=/ "$QEMU" -0 sh "$ROOT/$U/sh.elf" \
        > "$WORK/raw" 2>&1; echo "status $?" >> "$WORK/raw")
    # a background job's pid varies; qemu reports the signals that kill a program itself
    sed -e 's/^\[[0-9]*\]$/[PID]/' -e '/^qemu: uncaught target signal/d' "$WORK/raw" > "$WORK/out"
    check "$1" "$3"
}

shell basics 'echo hi | wc -c
echo "a  b" c\ d '"'"'$HOME'"'"' $HOME
X=5; echo $X ${X}y "$X"
false; echo $?
true && echo yes || echo no
false && echo yes || echo no
nosuch; echo $?
' '3
a  b c d $HOME /
5 5y 5
1
yes
no
sh: nosuch: not found
127
status 0
'
shell files 'mkdir -p d/e; echo one > d/f; echo two >> d/f; cat < d/f
ls d; ls -a d | wc -l
cat d/nosuch 2> err; cat err
cp d/f g; mv g d/e; ls d/e; grep -n two d/e/g; grep -c zzz d/f; echo $?
printf_free=1; head -n 1 d/f | cat | cat
rm d; rm -r d; ls
exit 3
echo not reached
' 'one
two
e
f
4
cat: d/nosuch: No such file or directory
g
2:two
0
1
one
rm: cannot remove '"'"'d'"'"': Is a directory
err
status 3
'
shell jobs 'sleep 0.2 & wait; echo waited
segv; echo $?
sh -c "kill -9 \$\$"; echo $?
sh -c "exit 7"; echo $?
env | grep -c MLX=; export MLX=1; env | grep MLX=
kill -USR1 999999
' '[PID]
waited
segv: writing to 0x00000010
Segmentation fault
139
Killed
137
7
0
MLX=1
kill: 999999: No such process
status 1
'

# ps needs minilinux's ml_procs: on Linux it must say so and fail.
"$QEMU" -0 ps "$U/ps.elf" > "$WORK/out" 2>&1; echo "status $?" >> "$WORK/out"
check ps-on-linux 'ps: not supported by this kernel
status 1
'

# init: runs the shell on its stdin and exits with the shell's status.
echo 'echo from-shell; exit 5' | "$QEMU" "$U/init.elf" > "$WORK/raw" 2>&1; echo "status $?" >> "$WORK/raw"
tail -n 2 "$WORK/raw" > "$WORK/out"
check init 'from-shell
status 5
'

(ulimit -n 64; PATH="$WORK/bin" TMPDIR="$WORK/tmp" "$QEMU" "$U/usertests.elf" > "$WORK/raw" 2>&1)
st=$?
grep -v '^qemu: uncaught target signal' "$WORK/raw"
if [ $st -eq 0 ] && tail -n 1 "$WORK/raw" | grep -qx 'usertests: ALL PASSED'; then
    echo "ml-user-check: usertests ok"
else
    echo "ml-user-check: usertests FAILED (status $st)"; fails=$((fails + 1))
fi

if [ $fails -eq 0 ]; then echo "ml-user-check: ALL PASSED"; else echo "ml-user-check: $fails FAILED"; fi
[ $fails -eq 0 ]
