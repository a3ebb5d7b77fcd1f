#!/bin/sh
# A guest that never prints the end marker is reported as a hang, one
# that kills init as a panic, each quoting the log; a QEMU that does not
# start, as a QEMU failure. Needs the guest build
# of the main job.
set -eu
# shellcheck source=selftests/lib.sh
. "$(dirname "$0")/lib.sh"

# initrd INIT-BODY: a one-file initramfs whose /init runs INIT-BODY.
initrd() {
	rm -rf "$SCRATCH/root"
	mkdir -p "$SCRATCH/root/bin"
	cp /bin/busybox "$SCRATCH/root/bin/busybox"
	printf '#!/bin/busybox sh\n%s\n' "$1" >"$SCRATCH/root/init"
	chmod +x "$SCRATCH/root/init"
	(cd "$SCRATCH/root" && find . | cpio -o -H newc --quiet) >"$SCRATCH/initrd.cpio"
}
judge() { /usr/bin/python3 "$TOP/scripts/pipeline/report.py" "$SCRATCH/boot.log"; }
# No single-stepping: nothing here races, and a single-stepped boot took
# more than the 25 s this test once allowed on a loaded machine, so the
# hang was "reported" before the guest had printed anything to quote.
timeout=40
boot() {
	INITRAMFS=$SCRATCH/initrd.cpio BOOT_LOG=$SCRATCH/boot.log BOOT_TIMEOUT=$timeout \
		QEMU_SINGLESTEP=0 "$TOP/scripts/pipeline/boot.sh" guest >/dev/null 2>&1 ||
		echo "boot exit $?" >"$SCRATCH/boot.rc"
}

initrd "/bin/busybox echo 'guest stuck'; /bin/busybox sleep 1000"
boot
grep -q "boot exit 124" "$SCRATCH/boot.rc" || fail "boot.sh did not exit 124 on a hang"
grep -q "guest stuck" "$SCRATCH/boot.log" || {
	tail -n 20 "$SCRATCH/boot.log"
	fail "the guest did not reach /init in ${timeout}s (machine too loaded?)"
}
expect_fail "hang is reported" "guest hang: no end marker" judge
grep -q "guest stuck" "$SCRATCH/expect.out" || fail "hang report does not quote the log"

rm -f "$SCRATCH/boot.rc"
initrd "exit 3"
boot
expect_fail "panic is reported" "guest panicked: .*Kernel panic" judge
# A QEMU that cannot start is reported as such, not as a hang.
rm -f "$SCRATCH/boot.rc"
out=$SCRATCH/qemu.out
INITRAMFS=$SCRATCH/initrd.cpio BOOT_LOG=$SCRATCH/boot.log BOOT_TIMEOUT=$timeout \
	QEMU_EXTRA=-no-such-option "$TOP/scripts/pipeline/boot.sh" guest >"$out" 2>&1 &&
	fail "boot.sh succeeded with a QEMU that cannot start"
grep -q "qemu failed to run" "$out" || { cat "$out"; fail "QEMU's failure not reported"; }
echo "ok: a QEMU that cannot start is reported as such"
echo "PASS: boot-hang"
