#!/bin/sh
# Build and link an x86_64 tinyconfig kernel without SYSFS whose user of
# the facility (the KUnit suite) selects it, W=1: counting must not need
# sysfs, and nothing of the series may warn there.
set -eu
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

export ARCH=x86_64 TARGETS=vmlinux
check_series_build check-nosysfs configs/nosysfs.config
echo "nosysfs: the series builds and links without SYSFS, no W=1 warning in its files"
