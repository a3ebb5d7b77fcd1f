#!/bin/sh
# Upstream's own tests of the converted subsystems (not a test of make
# test): cgroup's test_zswap in the x86_64 guest kernel, on the patched
# tree, or with --base on the pinned base built with the same
# configuration (the series' own options, absent there, left out). The
# SPI KUnit test is the series' own; fs/inode.c's and kernel/time's
# debugfs statistics have no upstream test.
# usage: upstream.sh [--base]
#   -> the TAP lines of each test and its exit status, from
#      $OUT/guest/upstream.log (--base: $OUT/base/guest/upstream.log)
set -eu
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"

case ${1:-} in
'') ;;
--base)
	# A tree of the base beside the work tree, built in an OUT of its own.
	base=$CACHE/base-tree
	[ -d "$base" ] || cmd git -C "$WORK_TREE" worktree add -q --detach "$base" "$(base_commit)"
	git -C "$base" checkout -q --detach "$(base_commit)"
	WORK_TREE=$base OUT=$OUT/base
	export WORK_TREE OUT
	# The series' options do not exist on the base: not checked.
	NOCHECK=1 "$(dirname "$0")/../pipeline/build.sh" guest
	;;
*) die "usage: upstream.sh [--base]" ;;
esac
name=guest
use_build "$name"
obj=$OUT/$name
[ -f "$(kernel_image "$obj")" ] || die "upstream: no $name build in $obj; run make first"
kbuild "$obj" -s headers >/dev/null 2>"$obj/headers.log" ||
	die "upstream: make headers failed, see $obj/headers.log"
overlay=$obj/upstream
rm -rf "$overlay"
mkdir -p "$overlay"
make -C "$WORK_TREE/tools/testing/selftests" O="$obj" ARCH="$ARCH" CC="$(user_cc)" \
	TARGETS=cgroup USERLDFLAGS=-static INSTALL_PATH="$overlay/kselftest" install \
	>"$obj/upstream-build.log" 2>&1 ||
	die "upstream: building tools/testing/selftests/cgroup failed, see $obj/upstream-build.log"
cp "$TOP/scripts/guest/upstream-init" "$overlay/init"
"$TOP/scripts/pipeline/initramfs.sh" "$name" "$overlay"
INITRAMFS=$obj/initramfs-upstream.cpio BOOT_LOG=$obj/upstream.log QEMU_SINGLESTEP=0 \
	"$TOP/scripts/pipeline/boot.sh" "$name" >/dev/null ||
	die "upstream: the guest did not finish, see $obj/upstream.log"
sed -n '/CALL-COUNTER: UPSTREAM BEGIN/,/CALL-COUNTER: UPSTREAM END/p' "$obj/upstream.log" |
	grep -a -E '^(ok|not ok|# Totals|CALL-COUNTER)' || die "upstream: no results in $obj/upstream.log"
