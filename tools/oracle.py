#!/usr/bin/env python3
"""oracle.py - the differential oracle (make test-oracle): every command line of the corpus
runs under minilinux and under QEMU's Linux user-mode emulator, qemu-arm, an independent
implementation of the same Linux ARM EABI system calls; their stdout, stderr and exit
status must be the same.

minilinux's side: the image test_minilinux_oracle boots with userland/minilinux/oracle.c
as init, which runs each line as `sh -c LINE` and reports the results on the console
(framed lines "@@ NONCE oracle N ...", described in oracle.c).

qemu-arm's side: the same line runs as `qemu-arm sh -c LINE`, with the same (stripped) ARM
programs, the ones staged in build/minilinux/rootfs/bin. A program the shell execs must
run under qemu-arm too, and the host kernel cannot run an ARM file: so the shell's PATH is
a directory HR/bin of host wrappers, one per program, each exec'ing `qemu-arm -0 ARGV0
ROOTFS/bin/NAME ARGS`. They are a small C program, not shell scripts: a shell would add
PWD to the environment and reorder it. HR mirrors minilinux's root: HR/etc is a copy of
the staged /etc and line N runs in HR/tmp/oracle/N, so after replacing HR by "" in the
output, paths read the same on both sides. A corpus line names a file by a relative path
or as $R/etc/... ($R is "" on minilinux, HR here); an absolute /bin/X would be the host's.

Normalised, because they must differ: background job pids ("[123]" lines), uname's
nodename, release and version, dates and times, and qemu-arm's own "qemu: uncaught target
signal" message. Everything else must match byte for byte.

A line whose results are empty on both sides with status 0 proves nothing and fails; a
line whose shell is not installed on either side (%shell /bin/busybox sh, before BusyBox
is) is skipped. A self-test tampers with one result and checks the comparison catches it.
"""
import argparse, concurrent.futures, difflib, os, re, resource, shutil, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCALE = float(os.environ.get("MV_TIMEOUT_SCALE", "1") or 1)
QEMU_FLAGS = "-M virt -cpu cortex-a15 -m 256M -icount shift=0,sleep=off -nic none"

# The host wrapper: runs ROOTFS/bin/<name it was exec'd as> under qemu-arm, with argv[0]
# as the caller gave it (AT_EXECFN is the path execve was called with: HR/bin/NAME).
WRAPPER_C = r"""
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>
int main(int argc, char **argv) {
    char elf[4096], *fn = strdup((const char *)getauxval(AT_EXECFN));
    snprintf(elf, sizeof elf, "%s/%s", ROOTFS_BIN, basename(fn));
    char **a = calloc(argc + 4, sizeof *a);
    a[0] = QEMU; a[1] = "-0"; a[2] = argv[0]; a[3] = elf;
    memcpy(a + 4, argv + 1, argc * sizeof *a);
    execv(QEMU, a);
    perror(QEMU);
    return 127;
}
"""


# Under qemu-arm an absolute path is the host's file, and the tests may run as root: a
# line naming any other absolute path is not run there (it fails), so that a corpus line
# cannot write to the host's /etc or /tmp. (A line can still climb out with "cd ..":
# the corpus is reviewed code, this only catches the easy mistake.)
SAFE_ABSOLUTE = {"/", "/tmp", "/dev/null", "/dev/zero"}
ABSOLUTE = re.compile(r"""(?<![\w.$}/])/[^\s;|&)'"]*""")


class Line:
    """One corpus command line: its number, text, shell (argv words) and place."""
    def __init__(self, n, text, shell, where):
        self.n, self.text, self.shell, self.where = n, text, shell, where
        self.unsafe = sorted(set(ABSOLUTE.findall(text)) - SAFE_ABSOLUTE)


def read_corpus(path, shown):
    """The command lines of the corpus, as oracle.c reads them (@p shown: its name)."""
    lines, shell = [], ["/bin/sh"]
    with open(path, encoding="utf-8") as f:
        for lineno, text in enumerate(f.read().split("\n"), 1):
            if text.startswith("%shell "):
                shell = text[7:].split()
            elif text and not text.startswith("#"):
                lines.append(Line(len(lines) + 1, text, shell, "%s:%d" % (shown, lineno)))
    return lines


def boot_minilinux(image, qemu, log):
    """Boots the oracle image; its serial log's text and the nonce it was given."""
    nonce = os.urandom(4).hex()
    cmd = [qemu] + os.environ.get("QEMU_FLAGS", QEMU_FLAGS).split() + [
        "-display", "none", "-monitor", "none", "-serial", "stdio", "-kernel", image,
        "-device", "loader,addr=0x4FFFF000,data=0x4e4f4e43,data-len=4",
        "-device", "loader,addr=0x4FFFF004,data=0x%s,data-len=4" % nonce]
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, timeout=60 * SCALE)
        out = p.stdout
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"") + b"\n[oracle.py: QEMU killed after %ds]\n" % (60 * SCALE)
    with open(log, "wb") as f:
        f.write(out)
    return out.decode("utf-8", "replace"), nonce


def parse_reports(text, nonce):
    """minilinux's results: {n: {"line", "out", "err": bytes, "status": str}}, done count."""
    res, done = {}, None
    for raw in text.splitlines():
        w = raw.replace("\r", "").split()
        if len(w) < 5 or w[1:4] != ["@@", nonce, "oracle"]:
            continue
        if w[4] == "done":
            done = int(w[5])
            continue
        r = res.setdefault(int(w[4]), {"line": b"", "out": b"", "err": b""})
        if w[5] == "status":
            r["status"] = " ".join(w[6:])
        else:
            try:
                r[w[5]] += bytes.fromhex(w[6] if len(w) > 6 else "")
            except (ValueError, KeyError):   # a line the console garbled
                r.setdefault("garbled", raw.strip())
    return res, done


def setup_host(rootfs, qemu, hr):
    """Makes HR: bin/ (a wrapper per program), etc/ (the staged /etc), tmp/oracle/."""
    os.makedirs(os.path.join(hr, "bin"))
    os.makedirs(os.path.join(hr, "tmp", "oracle"))
    shutil.copytree(os.path.join(rootfs, "etc"), os.path.join(hr, "etc"))
    wrapper = os.path.join(hr, "wrapper")
    cc = os.environ.get("HOST_CC", "gcc")
    subprocess.run([cc, "-O1", "-o", wrapper, "-x", "c", "-",
                    '-DROOTFS_BIN="%s/bin"' % os.path.abspath(rootfs), '-DQEMU="%s"' % qemu],
                   input=WRAPPER_C.encode(), check=True)
    for name in os.listdir(os.path.join(rootfs, "bin")):
        os.link(wrapper, os.path.join(hr, "bin", name))


def run_host(line, rootfs, qemu, hr):
    """Runs one line under qemu-arm as oracle.c runs it under minilinux."""
    if line.unsafe:
        return {"status": "not run", "out": b"", "err": b""}
    prog = os.path.join(rootfs, line.shell[0].lstrip("/"))
    if not os.path.isfile(prog):
        return {"status": "missing", "out": b"", "err": b""}
    wd = os.path.join(hr, "tmp", "oracle", str(line.n))
    os.mkdir(wd)
    env = {"PATH": hr + "/bin", "HOME": "/", "R": hr, "TMPDIR": wd}
    argv = [qemu, "-0", os.path.basename(line.shell[0]), prog] + line.shell[1:] + ["-c", line.text]
    try:
        p = subprocess.run(argv, cwd=wd, env=env, stdin=subprocess.DEVNULL,
                           capture_output=True, timeout=30 * SCALE)
        status = "exit %d" % p.returncode if p.returncode >= 0 else "signal %d" % -p.returncode
        return {"status": status, "out": p.stdout, "err": p.stderr}
    except subprocess.TimeoutExpired as e:
        return {"status": "timeout (%ds)" % (30 * SCALE), "out": e.stdout or b"", "err": e.stderr or b""}


MAX_DIFFS = 20
MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
MINILINUX_UNAME = {"nodename": "minilinux", "release": "6.1.0-minilinux",
                   "version": "#1 minilinux 0.2 (a paravirtual guest of the microvisor)"}


def normalise(text, hr):
    """The text with what must differ between the two kernels replaced by placeholders."""
    if hr:
        text = text.replace(hr, "")
    text = re.sub(r"(?m)^qemu: uncaught target signal .*\n", "", text)
    host = os.uname()
    for field in ("version", "release", "nodename"):   # longest first: version holds release
        for value in (getattr(host, field), MINILINUX_UNAME[field]):
            text = re.sub(r"(?<![\w.-])%s(?![\w.-])" % re.escape(value), "<%s>" % field, text)
    text = re.sub(r"(?m)^\[\d+\]$", "[PID]", text)
    text = re.sub(r"\b(%s) +\d{1,2} +(\d{1,2}:\d\d|\d{4})\b" % MONTHS, "<date>", text)
    text = re.sub(r"\b\d{1,2}:\d\d:\d\d\b", "<time>", text)
    return text


def render(r, hr):
    """A result as the text the diff compares."""
    def part(name, data):
        body = normalise(data.decode("utf-8", "backslashreplace"), hr)
        if body and not body.endswith("\n"):
            body += "\\ (no newline at end)\n"
        return "%s:\n%s" % (name, "".join("  " + l + "\n" for l in body.splitlines()))
    return part("stdout", r["out"]) + part("stderr", r["err"]) + "status: %s\n" % r["status"]


def compare(line, ml, host, hr):
    """None if the two agree, else a readable explanation with a unified diff."""
    if line.unsafe:
        return "names %s: under qemu-arm that is the host's (use $R%s, or a relative path)" % (
            ", ".join(line.unsafe), line.unsafe[0])
    if ml and "garbled" in ml:
        return "minilinux's report of this line is garbled on the console: %r" % ml["garbled"]
    if ml is None or "status" not in ml:
        return "minilinux gave no (complete) report for this line: did it crash? see the serial log"
    if ml["line"] != line.text.encode():
        return "minilinux ran %r as line %d: the corpus it has is not this one (rebuild)" % (
            ml["line"].decode(errors="replace"), line.n)
    a, b = render(host, hr), render(ml, "")
    if a != b:
        diff = difflib.unified_diff(a.splitlines(True), b.splitlines(True),
                                    "qemu-arm (Linux)", "minilinux")
        return "".join(diff).rstrip("\n")
    if not ml["out"] and not ml["err"] and ml["status"] == "exit 0":
        return "proves nothing: no output and status 0 on both sides (print something, e.g. `; echo $?`)"
    return None


def self_test(lines, ml, host, hr):
    """A deliberately wrong expectation: one passing line's minilinux result, tampered
    with, must fail with a diff that shows the tampering."""
    for line in lines:
        if ml.get(line.n) and compare(line, ml[line.n], host[line.n], hr) is None:
            bad = dict(ml[line.n], out=ml[line.n]["out"] + b"tampered\n", status="exit 99")
            why = compare(line, bad, host[line.n], hr) or ""
            return "+  tampered" in why and "+status: exit 99" in why, why
    return False, "no passing line to tamper with"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default=os.path.join(ROOT, "build"), help="the build directory")
    ap.add_argument("--qemu-system", default=os.environ.get("QEMU", "qemu-system-arm"))
    ap.add_argument("--qemu-arm", default=shutil.which("qemu-arm") or "qemu-arm")
    ap.add_argument("--log", help="read this serial log instead of booting minilinux")
    ap.add_argument("-v", "--verbose", action="store_true", help="list the lines that pass")
    ap.add_argument("--host-only", action="store_true",
                    help="only show each line's qemu-arm results (for writing corpus lines)")
    args = ap.parse_args()
    if not os.path.isfile(args.qemu_arm):
        sys.exit("oracle: qemu-arm is not installed (Debian package qemu-user)")
    # the BusyBox archive's tree: the kit's programs, and /bin/busybox when it could be had
    rootfs = os.path.abspath(os.path.join(args.build, "minilinux", "rootfs-busybox"))
    lines = read_corpus(os.path.join(rootfs, "etc", "oracle", "corpus"),
                        "userland/minilinux/rootfs/etc/oracle/corpus")

    if args.host_only:
        text, nonce = "", "-"
    elif args.log:
        with open(args.log, encoding="utf-8", errors="replace") as f:
            text = f.read()
        m = re.search(r"@@ (\S+) oracle ", text)
        nonce = m.group(1) if m else "-"
    else:
        log = os.path.join(args.build, "test-logs", "oracle.serial")
        os.makedirs(os.path.dirname(log), exist_ok=True)
        image = os.path.join(args.build, "systems", "test_minilinux_oracle", "microvisor.elf")
        text, nonce = boot_minilinux(image, args.qemu_system, log)
        args.log = log
    ml, done = parse_reports(text, nonce)

    # usertests emfile needs a descriptor limit it can reach (below 4096), as minilinux's 16
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(soft, 1024), hard))
    os.umask(0o022)   # the mode of the files lines create
    hr = tempfile.mkdtemp(prefix="oracle-")
    try:
        setup_host(rootfs, args.qemu_arm, hr)
        # qemu-arm fails silently (status 1, no message) when it cannot load a program:
        # check that the host side works at all before blaming minilinux for anything
        canary = run_host(Line(0, "echo oracle-ok", ["/bin/sh"], "-"), rootfs, args.qemu_arm, hr)
        if canary["out"] != b"oracle-ok\n":
            print("oracle: FAIL qemu-arm cannot run %s/bin/sh -c 'echo oracle-ok': %r" % (rootfs, canary))
            print("0 passed, 1 failed")
            sys.exit(1)
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            host = dict(zip([l.n for l in lines],
                            pool.map(lambda l: run_host(l, rootfs, args.qemu_arm, hr), lines)))
    finally:
        shutil.rmtree(hr, ignore_errors=True)

    if args.host_only:
        for line in lines:
            print("== %d: %s\n%s" % (line.n, line.text, render(host[line.n], hr)), end="")
        sys.exit(0)
    passed = failed = 0
    skipped = {}   # shell -> the numbers of the lines it would have run
    if done != len(lines):
        print("oracle: FAIL minilinux's runner %s (serial log: %s)" % (
            "did not finish: no end report" if done is None else
            "ran %d lines, the corpus has %d" % (done, len(lines)), args.log))
        failed += 1
    for line in lines:
        r = ml.get(line.n)
        if not line.unsafe and ((r and r.get("status") == "missing") or
                                host[line.n]["status"] == "missing"):
            skipped.setdefault(line.shell[0], []).append(line.n)
            continue
        why = compare(line, r, host[line.n], hr)
        if why:
            failed += 1
            print("oracle: FAIL %d (%s): %s" % (line.n, line.where, line.text))
            if failed <= MAX_DIFFS:   # beyond, a flood that says the same: headers only
                print("\n".join("    " + l for l in why.splitlines()))
        else:
            if args.verbose:
                print("oracle: ok %d: %s" % (line.n, line.text))
            passed += 1
    ok, why = self_test(lines, ml, host, hr)
    print("oracle: self-test (a tampered minilinux result must fail with a diff): %s" %
          ("ok" if ok else "FAILED\n" + why))
    passed, failed = passed + ok, failed + (not ok)
    for shell, ns in skipped.items():
        print("oracle: %d lines skipped (%d-%d): %s is not in the image" % (len(ns), ns[0], ns[-1], shell))
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
