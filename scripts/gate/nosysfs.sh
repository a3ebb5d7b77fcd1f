#!/bin/sh
# Build and link an x86_64 tinyconfig kernel without SYSFS, with the
# facility's KUnit suite, W=1: counting and reading must not need sysfs,
# and nothing of the series may warn there. Kconfig's "unmet direct
# dependencies" warning says that an option of the series is selected
# against its dependencies.
set -eu
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"

export TARGETS=vmlinux
name=check-nosysfs
check_series_build "$name"
unmet=$(make -s -C "$WORK_TREE" O="$OUT/$name" ARCH=x86_64 olddefconfig 2>&1 |
	grep -A3 'unmet direct dependencies' || true)
if [ -n "$unmet" ]; then
	echo "$unmet" | sed 's/^/    /'
	echo "nosysfs: an option of the series is selected against its dependencies, from: $(patches_touching lib/Kconfig lib/Kconfig.debug | tr '\n' ';')"
	exit 1
fi
echo "nosysfs: the series builds and links without SYSFS, no W=1 warning in its files"
