#!/usr/bin/env python3
"""run-console.py QEMU ARGS... - run QEMU with its serial console on this terminal (make run).

From a terminal, QEMU simply owns it (-nographic: raw mode, Ctrl-A x quits, every other key,
Ctrl-C and Ctrl-D included, goes to the guest).

From a pipe or a file (`printf 'ls\\n' | make run`, `make run </dev/null`), a UART cannot
say "end of input", and type-ahead would be echoed long before the commands run. So the
input is paced like a person typing: one line each time a shell prompt appears (a line
that is only "$ ", after the microvisor's "vm-name| " tag), and after the last line a Ctrl-D, which ends minilinux's shell and
powers the system off. Output is passed through unchanged; the exit status is QEMU's.
"""
import os
import re
import subprocess
import sys

PROMPT = re.compile(rb"([\w.-]+\| )?\$ ")
EOF_KEY = b"\x04"


def lines_of(data):
    """The input split after each newline (a last line without one is kept)."""
    out, start = [], 0
    while start < len(data):
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end + 1
        out.append(data[start:end])
        start = end
    return out


def paced(cmd, data):
    todo = lines_of(data) + [EOF_KEY]
    qemu = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    line = b""   # the output's unfinished line
    while True:
        chunk = os.read(qemu.stdout.fileno(), 4096)
        if not chunk:
            break
        sys.stdout.buffer.write(chunk)
        sys.stdout.buffer.flush()
        for byte in chunk:
            line = b"" if byte == 10 else line + bytes([byte])
            if todo and PROMPT.fullmatch(line):
                send(qemu, todo.pop(0))
    return qemu.wait()


def send(qemu, data):
    try:
        qemu.stdin.write(data)
        qemu.stdin.flush()
    except BrokenPipeError:
        pass   # the system is already gone


def main():
    cmd = sys.argv[1:]
    if not cmd:
        sys.exit("usage: run-console.py QEMU ARGS...")
    if sys.stdin.isatty():
        os.execvp(cmd[0], cmd)
    sys.exit(paced(cmd, sys.stdin.buffer.read()))


if __name__ == "__main__":
    main()
