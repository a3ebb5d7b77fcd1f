#!/bin/sh
# Build the whole series for another architecture (build guest-ARCH,
# derived from configs/arch/ARCH.sh, the guest of make ARCH=...: the
# feature, its KUnit suite, test module and in-tree users), W=1, and
# fail on any warning in a file of the series.
# usage: arch.sh ARCH   (a guest architecture of configs/arch/)
set -eu
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"

[ $# -eq 1 ] || die "usage: arch.sh ARCH"
arch=$1
[ -n "$(build_line "guest-$arch")" ] || die "check-arch: no build guest-$arch in configs/builds or configs/arch/"
check_series_build "guest-$arch"
echo "arch: $arch builds with the series, no W=1 warning in its files"
