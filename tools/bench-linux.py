#!/usr/bin/env python3
"""bench-linux.py - minilinux against real Linux: the same benchmark program on both.

    tools/bench-linux.py MLBENCH MINILINUX_IMAGE   (make bench-linux)
    tools/bench-linux.py --self-check              (make bench-linux-check: no QEMU, no apt)

MLBENCH is the static program userland/minilinux/mlbench.c (stripped); MINILINUX_IMAGE
the microvisor image of systems/bench_minilinux.c, which runs it as minilinux's init.
Real Linux is Debian's armhf kernel (package linux-image-armmp, 6.1), fetched once with
apt-get into build/bench-linux/ and booted on the same QEMU machine (QEMU_FLAGS of
mk/run.mk: -icount shift=0, so both columns count instructions) with MLBENCH as /init
of an initramfs. Prints each figure for both kernels and the ratio, then the targets.

Environment: QEMU, QEMU_FLAGS, BENCH_DIR (logs: build/bench), BENCH_LINUX_DIR (the kernel:
build/bench-linux), MV_TIMEOUT_SCALE.
"""
import os
import re
import secrets
import shutil
import stat
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mkinitramfs  # noqa: E402  (the kit's newc writer: member(), pad4())

PACKAGE = "linux-image-armmp:armhf"   # Debian's meta package: depends on the real one
CACHE = os.environ.get("BENCH_LINUX_DIR", "build/bench-linux")   # the download, once
QEMU_FLAGS = "-M virt -cpu cortex-a15 -m 256M -icount shift=0,sleep=off -nic none"
TIMEOUT = 180   # seconds for Linux's boot and the program, times MV_TIMEOUT_SCALE

ARMHF_HELP = """real Linux comes from Debian's armhf kernel package (linux-image-armmp),
and apt does not know the armhf architecture on this machine yet. Once, as root:

    dpkg --add-architecture armhf && apt-get update

(an error about the bookworm-security armhf index can be ignored), then run make bench-linux
again. Nothing is installed: the package is only downloaded and unpacked into build/."""


def die(msg):
    sys.exit(f"bench-linux: {msg}")


def run(cmd, **kw):
    """A command's result; its output is captured (text)."""
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


# ---- the kernel: downloaded once, cached in build/bench-linux/ ----

def kernel_package():
    """The versioned package linux-image-armmp:armhf depends on, e.g. linux-image-6.1.0-50-armmp."""
    if not shutil.which("dpkg") or not shutil.which("apt-get"):
        die("real Linux comes from Debian's armhf kernel package: this needs dpkg and apt-get (Debian)")
    if "armhf" not in run(["dpkg", "--print-foreign-architectures"]).stdout.split():
        die(ARMHF_HELP)
    deps = run(["apt-cache", "depends", PACKAGE]).stdout
    m = re.search(r"Depends: (linux-image-[0-9.]+-\d+-armmp)(:armhf)?\n", deps)
    if not m:
        die(f"apt-cache knows no {PACKAGE}: as root, run apt-get update (armhf is configured)")
    return m.group(1) + ":armhf"


def fetch_kernel():
    """build/bench-linux/vmlinuz: Debian's zImage, downloaded and unpacked on the first run."""
    vmlinuz = os.path.join(CACHE, "vmlinuz")
    if os.path.exists(vmlinuz):
        return vmlinuz
    pkg = kernel_package()
    os.makedirs(CACHE, exist_ok=True)
    print(f"bench-linux: downloading {pkg} (about 45 MB, once) into {CACHE}/")
    r = run(["apt-get", "download", pkg], cwd=CACHE)
    debs = [f for f in os.listdir(CACHE) if f.endswith("_armhf.deb")]
    if r.returncode or not debs:
        die(f"apt-get download {pkg} failed:\n{r.stderr.strip()}")
    with tempfile.TemporaryDirectory(dir=CACHE) as tmp:
        r = run(["dpkg-deb", "-x", os.path.join(CACHE, debs[0]), tmp])
        boot = os.path.join(tmp, "boot")
        zimages = sorted(f for f in os.listdir(boot) if f.startswith("vmlinuz-")) if not r.returncode else []
        if not zimages:
            die(f"no boot/vmlinuz-* in {debs[0]} {r.stderr.strip()}")
        shutil.copyfile(os.path.join(boot, zimages[0]), vmlinuz + ".tmp")
        os.replace(vmlinuz + ".tmp", vmlinuz)
    with open(os.path.join(CACHE, "version"), "w") as f:
        f.write(zimages[0][len("vmlinuz-"):] + f" ({debs[0]})\n")
    os.remove(os.path.join(CACHE, debs[0]))   # the zImage is all we need
    return vmlinuz


# ---- the initramfs: /dev/console and the program as /init ----

def char_device(ino, name, major, minor):
    """A newc member for a character device (mkinitramfs.py writes files and directories)."""
    encoded = name.encode() + b"\0"
    fields = [ino, stat.S_IFCHR | 0o600, 0, 0, 1, 0, 0, 0, 0, major, minor, len(encoded), 0]
    header = b"070701" + b"".join(b"%08x" % f for f in fields)
    return header + encoded + b"\0" * mkinitramfs.pad4(len(header) + len(encoded))


def initramfs(program):
    """The archive's bytes. Linux opens /dev/console for init's fds 0-2 before devtmpfs
    exists, so the node must be in the archive, or the program's output goes nowhere."""
    return b"".join([
        mkinitramfs.member(1, "dev", stat.S_IFDIR | 0o755),
        char_device(2, "dev/console", 5, 1),
        mkinitramfs.member(3, "init", stat.S_IFREG | 0o755, program),
        mkinitramfs.member(0, "TRAILER!!!", 0),
    ])


# ---- the runs ----

def figures(text, nonce, kernel):
    """{figure: value} from the lines '@@ <nonce> bench <kernel>_<figure> <value> [<target>]'."""
    pat = re.compile(r"^@@ %s bench %s_(\w+) (\d+)" % (re.escape(nonce), kernel), re.M)
    return {name: int(value) for name, value in pat.findall(text.replace("\r", ""))}


def timeout():
    return TIMEOUT * float(os.environ.get("MV_TIMEOUT_SCALE", "1"))


def boot_linux(vmlinuz, program, logdir):
    """Linux's figures. The nonce reaches /init's environment through the kernel's command
    line (a word with '=' the kernel does not know is passed on to init)."""
    initrd = os.path.join(CACHE, "initrd.cpio")
    with open(program, "rb") as f:
        data = initramfs(f.read())
    with open(initrd, "wb") as f:
        f.write(data)
    nonce = secrets.token_hex(4)
    cmdline = f"console=ttyAMA0 quiet panic=-1 MV_BOOT_NONCE={nonce}"
    qemu = [os.environ.get("QEMU", "qemu-system-arm")] + os.environ.get("QEMU_FLAGS", QEMU_FLAGS).split()
    qemu += ["-no-reboot", "-display", "none", "-monitor", "none", "-serial", "stdio",
             "-kernel", vmlinuz, "-initrd", initrd, "-append", cmdline]
    log = os.path.join(logdir, "linux.serial")
    try:
        r = run(qemu, stdin=subprocess.DEVNULL, timeout=timeout())
    except subprocess.TimeoutExpired:
        die(f"Linux did not power off within {timeout():.0f}s (MV_TIMEOUT_SCALE)")
    with open(log, "w") as f:
        f.write(r.stdout)
    found = figures(r.stdout, nonce, "linux")
    if r.returncode or not found:
        tail = "\n".join(r.stdout.splitlines()[-15:])
        die(f"Linux's run failed (QEMU status {r.returncode}, log {log}):\n{tail}\n{r.stderr.strip()}")
    return found


def boot_minilinux(image, logdir):
    """minilinux's figures, from tools/bench.sh's lines 'bench minilinux_X: N instructions...'."""
    env = dict(os.environ, BENCH_DIR=logdir)
    r = run([os.path.join(os.path.dirname(__file__), "bench.sh"), image], env=env)
    if r.returncode:
        die(f"minilinux's run failed:\n{r.stdout}{r.stderr}")
    return {m.group(1): int(m.group(2))
            for m in re.finditer(r"^bench minilinux_(\w+): (\d+) instructions", r.stdout, re.M)}


# ---- the report ----

# The targets for minilinux (mlbench.c prints the same on minilinux's lines).
TARGETS = {"null_syscall": 240, "pipe_1b": 2508, "pipe_roundtrip": 13070, "fork_exit_wait": 59693}


def table(ml, lx):
    """The lines of the side-by-side table, in mlbench's order."""
    out = [f"{'figure (instructions)':<22} {'minilinux':>10} {'Linux':>10} {'ratio':>7}"]
    for name in list(ml) + [n for n in lx if n not in ml]:
        a, b = ml.get(name), lx.get(name)
        ratio = f"{a / b:.2f}x" if a is not None and b else "-"
        out.append(f"{name:<22} {a if a is not None else '-':>10} {b if b is not None else '-':>10} {ratio:>7}")
    for name, target in TARGETS.items():
        if name in ml:
            verdict = "met" if ml[name] <= target else f"missed by {ml[name] - target} ({ml[name] / target:.2f}x)"
            out.append(f"minilinux {name}: {ml[name]} (target {target}): {verdict}")
    return out


def self_check():
    """Everything but QEMU and apt: the archive's layout, the parsers, the table."""
    data = initramfs(b"\x7fELF")
    assert data.startswith(b"070701") and data.count(b"070701") == 4, "four members"
    assert b"dev/console\0" in data and b"TRAILER!!!\0" in data
    dev = data[data.index(b"070701", 6):]
    assert dev[6 + 9 * 8:6 + 11 * 8] == b"0000000500000001", "console is char 5,1"
    text = "[  1.0] boot\r\n@@ abcd bench linux_null_syscall 152\n@@ ffff bench linux_pipe_1b 9\n"
    assert figures(text, "abcd", "linux") == {"null_syscall": 152}, "a stale nonce is ignored"
    lines = table({"null_syscall": 480}, {"null_syscall": 160})
    assert "3.00x" in lines[1] and "missed by 240 (2.00x)" in lines[2], lines
    print("bench-linux: self-check passed (archive, parsers, table)")


def main():
    if sys.argv[1:] == ["--self-check"]:
        return self_check()
    if len(sys.argv) != 3:
        sys.exit(__doc__.splitlines()[2].strip())
    program, image = sys.argv[1:]
    vmlinuz = fetch_kernel()
    logdir = os.environ.get("BENCH_DIR", "build/bench")
    os.makedirs(logdir, exist_ok=True)
    with open(os.path.join(CACHE, "version")) as f:
        version = f.read().strip()
    print(f"bench-linux: minilinux (make bench's system bench_minilinux) and Linux {version},"
          " the same program, the same QEMU flags")
    ml = boot_minilinux(image, logdir)
    lx = boot_linux(vmlinuz, program, logdir)
    print("\n".join(table(ml, lx)))


if __name__ == "__main__":
    main()
