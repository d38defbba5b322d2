#!/usr/bin/env bash
# install-deps.sh - install the Debian packages the kit needs, only those missing.
# As root it runs apt-get; otherwise sudo if available; otherwise it names the
# packages and the command to run, and fails.
# MV_APT_CACHE=DIR keeps the downloaded .deb files in DIR (a CI cache, e.g. GitHub
# Classroom's workflow: make classroom).
set -euo pipefail

packages=(make gcc libc6-dev python3 gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm gdb-multiarch check
          doxygen pkg-config python3-yaml yamllint qemu-user)

# Debian's static BusyBox for minilinux comes from the armhf archive
# (tools/fetch-busybox.sh downloads it): enable that architecture once, if we may.
as_root() {
    if [[ $(id -u) -eq 0 ]]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else return 1; fi
}
if ! dpkg --print-foreign-architectures 2>/dev/null | grep -qx armhf; then
    echo "install-deps: enabling the armhf architecture (for Debian's BusyBox)"
    if as_root dpkg --add-architecture armhf; then
        as_root apt-get update -q || echo "install-deps: apt-get update failed (armhf index)" >&2
    else
        echo "install-deps: cannot enable armhf; the BusyBox tests will be skipped." \
             "An administrator can run: dpkg --add-architecture armhf && apt-get update" >&2
    fi
fi

missing=()
for p in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "install-deps: installing missing packages: ${missing[*]}"
if [[ $(id -u) -eq 0 ]]; then
    run=()
elif command -v sudo >/dev/null 2>&1; then
    run=(sudo)
else
    echo "install-deps: these Debian packages are missing: ${missing[*]}" >&2
    echo "install-deps: ask an administrator to run: apt-get install ${missing[*]}" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${run[@]}" apt-get update -q || echo "install-deps: apt-get update failed; trying the install anyway" >&2
cache=()
[[ -n "${MV_APT_CACHE:-}" ]] && cache=(-o "Dir::Cache::Archives=$MV_APT_CACHE")
"${run[@]}" apt-get install -y -q --no-install-recommends "${cache[@]}" "${missing[@]}"
