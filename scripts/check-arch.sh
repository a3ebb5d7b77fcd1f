#!/bin/sh
# Build the whole series for another architecture with the feature, its
# KUnit suite and test module enabled, W=1, and fail on any warning in a
# file of the series.
# usage: check-arch.sh ARCH   (i386 or arm64)
set -eu
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

[ $# -eq 1 ] || die "usage: check-arch.sh ARCH"
arch=$1
name=check-$arch
if ! ARCH=$arch W=1 "$TOP/scripts/build.sh" "$name" configs/arch-check.config \
	configs/call-counter.config >"$OUT/$name.out" 2>&1; then
	sed 's/^/    /' "$OUT/$name.out"
	# Name the patch that wrote each line an error points at.
	grep -E '^[^ :]+\.[ch]:[0-9]+:[0-9]+: error' "$OUT/$name/build.log" |
		cut -d: -f1,2 | sed "s|^$WORK_TREE/||" | sort -u | head -n 5 |
		while IFS=: read -r file line; do
			echo "arch: $arch: error at $file:$line, from: $(patch_of_line "$file" "$line")"
		done
	echo "arch: $arch build of the series failed"
	exit 1
fi
files=$(git -C "$WORK_TREE" diff --name-only "$(base_commit)" HEAD | tr '\n' '|' | sed 's/|$//')
warn=$(grep -E "$files" "$OUT/$name/warnings.log" || true)
if [ -n "$warn" ]; then
	echo "$warn" | sed 's/^/    /'
	wfiles=$(echo "$warn" | cut -d: -f1 | sed "s|^$WORK_TREE/||" | sort -u)
	# shellcheck disable=SC2086 # paths without blanks
	echo "arch: $arch: W=1 warnings in the series' files, from: $(patches_touching $wfiles | tr '\n' ';')"
	exit 1
fi
echo "arch: $arch builds with the series, no W=1 warning in its files"
