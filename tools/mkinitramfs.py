#!/usr/bin/env python3
"""mkinitramfs.py - write a cpio "newc" archive (Linux's initramfs format) of a directory.

    tools/mkinitramfs.py STAGING_DIR OUTPUT.cpio

Every directory, regular file and symbolic link under STAGING_DIR goes in (a link's data
is its target, as in Linux's archives), named by its path relative to
it ("bin/init"), with its permission bits; a directory comes before what it holds, and
names are sorted, so the same tree always gives the same bytes (owners and times are 0).
minilinux unpacks it at boot (guest-minilinux/kernel/initramfs.c).

A member is a 110-byte ASCII header ("070701" and 13 fields of 8 hex digits), the name
with its NUL padded to a multiple of 4, then the data padded to a multiple of 4. The
member "TRAILER!!!" ends the archive.
"""
import os
import stat
import sys


def pad4(n):
    """Bytes of padding that bring n to a multiple of 4."""
    return (4 - n % 4) % 4


def member(ino, name, mode, data=b"", nlink=1):
    """One archive member: its header, its name and its data, each padded to 4 bytes."""
    encoded = name.encode() + b"\0"
    fields = [ino, mode, 0, 0, 2 if stat.S_ISDIR(mode) else nlink, 0, len(data),
              0, 0, 0, 0, len(encoded), 0]
    header = b"070701" + b"".join(b"%08x" % f for f in fields)
    out = header + encoded + b"\0" * pad4(len(header) + len(encoded))
    return out + data + b"\0" * pad4(len(data))


def walk(root):
    """(relative name, full path) of everything under root, each directory first."""
    for dirpath, dirnames, filenames in os.walk(root):
        # a link to a directory is a link, not a directory to go into
        linked = [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]
        dirnames[:] = sorted(d for d in dirnames if d not in linked)
        rel = os.path.relpath(dirpath, root)
        if rel != ".":
            yield rel, dirpath
        for f in sorted(filenames + linked):
            yield os.path.normpath(os.path.join(rel, f)), os.path.join(dirpath, f)


def archive(root):
    """The whole archive of the tree at root, as bytes."""
    entries = list(walk(root))
    links = {}   # (st_dev, st_ino) -> the names of a file, in archive order
    for name, path in entries:
        st = os.lstat(path)
        if stat.S_ISREG(st.st_mode):
            links.setdefault((st.st_dev, st.st_ino), []).append(name)
    numbers = {}  # (st_dev, st_ino) -> the archive's inode number for it
    out = []
    for ino, (name, path) in enumerate(entries, start=1):
        st = os.lstat(path)
        if stat.S_ISDIR(st.st_mode):
            out.append(member(ino, name, stat.S_IFDIR | stat.S_IMODE(st.st_mode)))
        elif stat.S_ISREG(st.st_mode):
            key = (st.st_dev, st.st_ino)
            names = links[key]
            data = b""
            if name == names[-1]:   # the data goes with the last link
                with open(path, "rb") as f:
                    data = f.read()
            out.append(member(numbers.setdefault(key, ino), name,
                              stat.S_IFREG | stat.S_IMODE(st.st_mode), data, len(names)))
        elif stat.S_ISLNK(st.st_mode):
            out.append(member(ino, name, stat.S_IFLNK | 0o777, os.fsencode(os.readlink(path))))
        else:
            sys.exit(f"mkinitramfs: {path}: only directories, regular files and links")
    out.append(member(0, "TRAILER!!!", 0))
    return b"".join(out)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.splitlines()[2].strip())
    data = archive(sys.argv[1])
    tmp = sys.argv[2] + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, sys.argv[2])   # never a half-written archive under the real name


if __name__ == "__main__":
    main()
