#!/bin/sh
# Build the whole series for another architecture with the feature, its
# KUnit suite, test module and in-tree users enabled, W=1, and fail on any warning in a
# file of the series.
# usage: check-arch.sh ARCH   (i386 or arm64)
set -eu
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

[ $# -eq 1 ] || die "usage: check-arch.sh ARCH"
arch=$1
export ARCH="$arch"
check_series_build "check-$arch" configs/arch-check.config configs/users.config \
	configs/call-counter.config
echo "arch: $arch builds with the series, no W=1 warning in its files"
