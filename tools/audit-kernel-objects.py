#!/usr/bin/env python3
"""audit-kernel-objects.py - refuse kernel code that could tamper with the unit tests.

The host unit tests link kernel/ code (a student's, when grading) into the same
process as the Check runner that records the results. Kernel code needs nothing
from that process: it calls other kernel functions, the arch interface and a few
string functions, and it never runs before main(). Code that reaches for the C
library (fopen, write, exit, getenv...), makes raw system calls, or registers a
constructor could rewrite the results file or fake a pass, so the build refuses it
with a message naming the file and the symbol.

Usage: audit-kernel-objects.py [--double P]... [--allow NAME]... CC FLAGS... --
       DOUBLE_OBJ -- KERNEL_SOURCES...
Each source is compiled again without sanitizers (their instrumentation adds
constructors and runtime calls of its own) into a temporary directory and checked:
  - undefined symbols: defined by another audited file, a function of the test double
    whose name starts with one of the --double prefixes (arch_ when none is given: the
    arch double), one of ALLOWED, or a NAME given with --allow;

The same audit serves minilinux's port (lab 5), which the unit tests compile against a
fake microvisor and a fake generic kernel (autograder/unit/port_fake.c): its prefixes
are mv_, kern_ and port_fpu_, and it may use `end` (the linker's end of the image).
  - no constructor/destructor sections;
  - no system-call instructions (inline assembly).
"""
import os
import re
import subprocess
import sys
import tempfile

ALLOWED = {"memcpy", "memset", "memmove", "memcmp", "strlen", "strcmp"}
FORBIDDEN_SECTIONS = re.compile(r"\.(init_array|fini_array|preinit_array|ctors|dtors)\b")
SYSCALL_INSN = re.compile(r"\t(syscall|sysenter|int\s+\$0x80)\b")


def run(cmd):
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def symbols(obj, defined):
    flag = "--defined-only" if defined else "--undefined-only"
    out = run(["nm", "-P", flag, obj])
    return {line.split()[0] for line in out.splitlines() if line.strip()}


def compile_all(cc_cmd, sources, outdir):
    objs = {}
    for i, src in enumerate(sources):
        obj = os.path.join(outdir, "%d.o" % i)
        subprocess.run(cc_cmd + ["-c", src, "-o", obj], check=True)
        objs[src] = obj
    return objs


def problems_of(src, obj, known, prefixes, allowed):
    found = []
    for name in sorted(symbols(obj, defined=False) - known):
        found.append("%s: uses '%s', which is not part of the kernel (kernel code may call "
                     "only kernel functions, the %s interface and %s)"
                     % (src, name, ", ".join(p + "*" for p in prefixes),
                        ", ".join(sorted(allowed))))
    sections = run(["readelf", "-SW", obj])
    if FORBIDDEN_SECTIONS.search(sections):
        found.append("%s: defines a constructor or destructor (code that runs outside "
                     "the kernel's own calls is not allowed)" % src)
    if SYSCALL_INSN.search(run(["objdump", "-d", obj])):
        found.append("%s: contains a system-call instruction (inline assembly that calls "
                     "the host operating system is not allowed)" % src)
    return found


def options(argv):
    """The --double and --allow options in front of the rest of argv."""
    prefixes, allowed = [], set(ALLOWED)
    while argv and argv[0] in ("--double", "--allow") and len(argv) > 1:
        (prefixes.append if argv[0] == "--double" else allowed.add)(argv[1])
        argv = argv[2:]
    return prefixes or ["arch_"], allowed, argv


def main(argv):
    prefixes, allowed, argv = options(argv)
    try:
        first = argv.index("--")
        second = argv.index("--", first + 1)
    except ValueError:
        sys.exit("usage: audit-kernel-objects.py [--double PREFIX]... [--allow NAME]... "
                 "CC FLAGS... -- DOUBLE_OBJ -- SOURCES...")
    cc_cmd, double_obj, sources = argv[:first], argv[first + 1], argv[second + 1:]
    with tempfile.TemporaryDirectory() as tmp:
        objs = compile_all(cc_cmd, sources, tmp)
        known = set(allowed)
        for obj in objs.values():
            known |= symbols(obj, defined=True)
        known |= {s for s in symbols(double_obj, defined=True) if s.startswith(tuple(prefixes))}
        problems = [p for src, obj in objs.items()
                    for p in problems_of(src, obj, known, prefixes, allowed)]
    for p in problems:
        print("error: " + p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
