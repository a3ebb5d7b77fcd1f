#!/bin/sh
# A statically linked busybox for the guests of ARCH, its path on standard
# output (ARCH_DEBIAN of configs/arch/ARCH.sh). "host": the machine's own
# (Debian's busybox-static). Others: Debian's busybox-static of that
# architecture, from the machine's own suite, fetched with
# apt-download.sh and unpacked with dpkg-deb -x into the cache; dpkg
# never installs it.
# usage: fetch-busybox.sh ARCH
set -eu
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"

[ $# -eq 1 ] || die "usage: fetch-busybox.sh ARCH"
ARCH=$1
load_arch
darch=$ARCH_DEBIAN
if [ "$darch" = host ]; then
	[ -x /bin/busybox ] || die "no /bin/busybox; install busybox-static (make deps)"
	echo /bin/busybox
	exit 0
fi
dir=$CACHE/busybox/$1
if [ ! -x "$dir/root/bin/busybox" ]; then
	suite=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
	[ -n "$suite" ] || die "fetch-busybox: no VERSION_CODENAME in /etc/os-release"
	rm -rf "$dir"
	deb=$("$(dirname "$0")/apt-download.sh" "$suite" "$darch" busybox-static "$dir")
	dpkg-deb -x "$deb" "$dir/root.tmp"
	[ -x "$dir/root.tmp/bin/busybox" ] || die "fetch-busybox: $deb has no bin/busybox"
	mv "$dir/root.tmp" "$dir/root"
fi
echo "$dir/root/bin/busybox"
