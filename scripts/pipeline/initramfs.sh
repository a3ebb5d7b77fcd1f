#!/bin/sh
# Make the guest's initramfs for build NAME: busybox, the series' kselftests
# and the users' tests (statically linked, for the build's architecture),
# the modules from the build's staging dir, /init.
# usage: initramfs.sh NAME [OVERLAY]
#   -> $OUT/NAME/initramfs.cpio, or with OVERLAY (a directory copied over
#      the root, e.g. another /init) $OUT/NAME/initramfs-<OVERLAY's name>.cpio;
#      beside it, .cpio.sum: a digest of its files' names and contents
#      (the archive's own bytes change with the files' times)
set -eu
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"

[ $# -eq 1 ] || [ $# -eq 2 ] || die "usage: initramfs.sh NAME [OVERLAY]"
obj=$OUT/$1
overlay=${2:-}
[ -z "$overlay" ] || [ -d "$overlay" ] || die "initramfs: overlay $overlay is not a directory"
image=$obj/initramfs${overlay:+-${overlay##*/}}
[ -f "$obj/.config" ] || die "no build $obj; run scripts/pipeline/build.sh $1 first"
use_build "$1"
busybox=$("$(dirname "$0")/fetch-busybox.sh" "$ARCH")
need cpio cpio
cc=$(user_cc)
need "${cc%% *}" "$ARCH_PACKAGES"

# The build's UAPI headers, for its architecture: the host has only
# x86_64's asm/ headers, and 32-bit programs need them too.
kbuild "$obj" -s headers >/dev/null 2>"$obj/headers.log" ||
	die "make headers failed, see $obj/headers.log"

# The series' kselftests: every selftest directory the series adds.
targets=$(series_selftests)
ksft=$obj/kselftest-install
rm -rf "$ksft"
if [ -n "$targets" ]; then
	log "initramfs[$1]: kselftests: $targets"
	# shellcheck disable=SC2086 # $targets is a list of directory names
	make -C "$WORK_TREE/tools/testing/selftests" O="$obj" ARCH="$ARCH" CC="$cc" \
		TARGETS="$targets" USERLDFLAGS=-static INSTALL_PATH="$ksft" install \
		>"$obj/kselftest.log" 2>&1 || {
		tail -n 20 "$obj/kselftest.log" >&2
		die "building the kselftests ($targets) failed, see $obj/kselftest.log"
	}
	grep 'warning:' "$obj/kselftest.log" >&2 || true
fi

root=$image
rm -rf "$root"
mkdir -p "$root/bin" "$root/sbin" "$root/usr/bin" "$root/etc" "$root/proc" \
	"$root/sys" "$root/dev" "$root/tmp" "$root/lib/modules"
cp "$busybox" "$root/bin/busybox"
# The other applets' links are made by /init (busybox --install -s): the
# host cannot run every guest's busybox to list them.
ln -s busybox "$root/bin/sh"
cp "$TOP/scripts/guest/timeout" "$root/usr/bin/timeout"
# The tests of the series' in-tree users (init runs them when the kernel
# has what they test), and the fault-injection test (make faults).
for t in mgtime zswap fault; do
	# shellcheck disable=SC2086 # $cc may be a command with an option
	$cc -static -O2 -Wall -Werror -isystem "$obj/usr/include" -o "$root/usr/bin/$t-test" "$TOP/scripts/guest/$t-test.c" ||
		die "initramfs: building scripts/guest/$t-test.c failed"
done
cp "$TOP/scripts/guest/init" "$root/init"
cp "$TOP/scripts/guest/splat-patterns" "$root/etc/splat-patterns"
echo 'root:x:0:0:root:/:/bin/sh' >"$root/etc/passwd"
echo 'nobody:x:65534:65534:nobody:/:/bin/false' >>"$root/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
[ -d "$obj/staging/lib/modules" ] && cp -a "$obj/staging/lib/modules/." "$root/lib/modules/"
[ -d "$ksft" ] && cp -a "$ksft" "$root/kselftest"
[ -z "$overlay" ] || cp -a "$overlay/." "$root/"

(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc --quiet) >"$image.cpio.tmp"
mv "$image.cpio.tmp" "$image.cpio"
(cd "$root" && find . | LC_ALL=C sort | while IFS= read -r f; do
	if [ -L "$f" ]; then echo "$f -> $(readlink "$f")"
	elif [ -f "$f" ]; then echo "$f $(sha256sum <"$f" | cut -d' ' -f1)"
	else echo "$f"; fi
done) | sha256sum | cut -d' ' -f1 >"$image.cpio.sum"
log "initramfs[$1]: $image.cpio ($(du -k "$image.cpio" | cut -f1) KiB)"
