#!/usr/bin/env bash
# fetch-busybox.sh DEST - put Debian's static armhf BusyBox (package busybox-static:armhf,
# an unmodified glibc-linked Linux binary) at DEST, once. It is downloaded with
# `apt-get download` and unpacked, not installed: the host's own /bin/busybox (if any) stays.
# Needs the armhf architecture in dpkg (tools/install-deps.sh adds it). On failure it says
# what to run and exits 1; the BusyBox tests are then skipped, never passed.
set -euo pipefail
dest=${1:?usage: fetch-busybox.sh DEST}
[[ -x "$dest" ]] && exit 0
hint() {
    echo "fetch-busybox: $1" >&2
    echo "fetch-busybox: to get it, run as root: dpkg --add-architecture armhf && apt-get update" >&2
    echo "fetch-busybox: (then 'make' downloads busybox-static:armhf by itself)" >&2
    exit 1
}
dpkg --print-foreign-architectures 2>/dev/null | grep -qx armhf ||
    hint "the armhf architecture is not enabled in dpkg"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get download -q busybox-static:armhf >/dev/null 2>&1) ||
    hint "apt-get download busybox-static:armhf failed (no armhf package index yet?)"
dpkg-deb -x "$work"/busybox-static_*_armhf.deb "$work/root"
mkdir -p "$(dirname "$dest")"
install -m 0755 "$work/root/bin/busybox" "$dest"
echo "fetch-busybox: $(dpkg-deb -f "$work"/busybox-static_*_armhf.deb Package Version | tr '\n' ' ')-> $dest"
