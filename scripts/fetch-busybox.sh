#!/bin/sh
# A statically linked busybox for the guests of ARCH, its path on standard
# output. x86_64: the machine's own (Debian's busybox-static). i386 and
# arm64: Debian's busybox-static of that architecture, from the machine's
# own suite, fetched with apt-download.sh and unpacked with dpkg-deb -x
# into the cache; dpkg never installs it.
# usage: fetch-busybox.sh ARCH
set -eu
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

[ $# -eq 1 ] || die "usage: fetch-busybox.sh ARCH"
case $1 in
x86_64)
	[ -x /bin/busybox ] || die "no /bin/busybox; install busybox-static (make deps)"
	echo /bin/busybox
	exit 0
	;;
i386) darch=i386 ;;
arm64) darch=arm64 ;;
*) die "fetch-busybox: ARCH=$1 is not supported (x86_64, i386, arm64)" ;;
esac
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
