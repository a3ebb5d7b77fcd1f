#!/bin/sh
# Test one kernel configuration of the applied series in QEMU: build it,
# make its initramfs, boot it, judge the log.
# usage: run-guest.sh NAME   (a build of configs/builds)
# Env: DURATION (kselftest stress seconds), THREADS, SEED, KERNEL_PARAMS
# (more kernel parameters), GUEST_SHELL (1: a shell instead of the
# tests), VERBOSE (1: the console and every TAP line on the terminal),
# FORCE (1: boot even when the last run passed with the same kernel,
# initramfs and boot), DRY_RUN (1: print the build and QEMU commands),
# FAULTS (1: the fault-injection test instead of the tests, logs in
# $OUT/NAME/faults/), and boot.sh's.
set -eu
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"

[ $# -eq 1 ] || die "usage: run-guest.sh NAME"
name=$1
here=$(dirname "$0")
use_build "$name"

# The series' tests only exist once the series is applied.
expect=
series_empty || expect="--expect-suite call_counter --expect-kselftest --no-skip"

"$here/build.sh" "$name"
# A dry run: the commands of the build (above) and of the boot.
if dry_run; then
	show_cmd "$here/initramfs.sh" "$name"
	exec "$here/boot.sh" "$name" "cc.duration=${DURATION:-5}"
fi
# A guest built with configs/users.config runs the users' tests.
if ! series_empty && grep -q '^CONFIG_ZSWAP=y' "$OUT/$name/.config"; then
	expect="$expect --expect-users"
fi
"$here/initramfs.sh" "$name"

# The fault-injection run: no KUnit at boot (the tests' run has it), and
# a log buffer that holds every failure's report, which it reads back.
logs=$OUT/$name
if [ "${FAULTS:-0}" = 1 ]; then
	expect="--expect-faults"
	KERNEL_PARAMS="cc.faults=1 kunit.enable=0 log_buf_len=16M${KERNEL_PARAMS:+ $KERNEL_PARAMS}"
	logs=$OUT/$name/faults
	mkdir -p "$logs"
	export BOOT_LOG="${BOOT_LOG:-$logs/boot.log}"
	# Measured: 5 minutes from boot to the end marker.
	: "${BOOT_TIMEOUT:=1200}"
fi

params="cc.duration=${DURATION:-5}${THREADS:+ cc.threads=$THREADS}${SEED:+ cc.seed=$SEED}"
# More kernel parameters from the caller (e.g. kcsan.skip_watch=100).
params="$params${KERNEL_PARAMS:+ $KERNEL_PARAMS}"
# No cc.timeout: every --duration the kselftest accepts fits its own
# settings timeout, which run_kselftest.sh applies as upstream CI does.
# Three stress tests run DURATION each; leave room for boot and the rest.
: "${BOOT_TIMEOUT:=$(( ${DURATION:-5} * 4 + 600 ))}"
export BOOT_TIMEOUT
# A shell in the guest (make shell): nothing to judge.
if [ "${GUEST_SHELL:-0}" = 1 ]; then
	# shellcheck disable=SC2086 # $params holds several kernel parameters
	INTERACTIVE=1 BOOT_TIMEOUT=86400 QEMU_SINGLESTEP=0 "$here/boot.sh" "$name" $params cc.shell=1
	exit 0
fi
# An unchanged kernel, initramfs and boot: the last run's PASS stands
# (FORCE=1 boots again; make test always does).
verdict=$logs/verdict
key=$( { sha256sum <"$(kernel_image "$OUT/$name")"; cat "$OUT/$name/initramfs.cpio.sum"
	cat "$here/report.py" "$TOP/scripts/guest/splat-patterns"
	echo "$params $expect"; env | grep -E '^(SMP|MEM|POSSIBLE_CPUS|BOOT_TIMEOUT|QEMU_[A-Z_]*)=' | LC_ALL=C sort
	} | sha256sum | cut -d' ' -f1)
if [ -z "${FORCE:-}" ] && [ -z "$(work_tree_edits)" ] && [ "$(head -n 1 "$verdict" 2>/dev/null)" = "$key" ]; then
	tail -n +2 "$verdict"
	log "$name: PASS, as in the run of $(date -r "$verdict" '+%F %T'): same kernel, initramfs and boot (FORCE=1 boots again); logs in $logs/"
	exit 0
fi
rm -f "$verdict"
boot_rc=0
# shellcheck disable=SC2086 # $params holds several kernel parameters
"$here/boot.sh" "$name" $params || boot_rc=$?
# 124: a hang, which report.py quotes; anything else: boot.sh said why.
[ "$boot_rc" -eq 0 ] || [ "$boot_rc" -eq 124 ] || exit "$boot_rc"
judged=0
# shellcheck disable=SC2086 # $expect holds several options
/usr/bin/python3 "$here/report.py" --label "$name" --kunit-dir "$WORK_TREE/tools/testing/kunit" \
	${VERBOSE:+--verbose} $expect "${BOOT_LOG:-$logs/boot.log}" >"$logs/report.txt" ||
	judged=$?
cat "$logs/report.txt"
[ "$judged" -ne 0 ] || [ "${BOOT_LOG:-$logs/boot.log}" != "$logs/boot.log" ] || { echo "$key"; cat "$logs/report.txt"; } >"$verdict"
what=
[ -z "$(work_tree_edits)" ] || what=" (of the work tree with uncommitted changes, not patches/)"
log "$name${FAULTS:+ (faults)}: $([ "$judged" -eq 0 ] && echo PASS || echo FAIL)$what after $(elapsed); logs in $logs/ (boot.log, report.txt), build log $OUT/$name/build.log"
exit "$judged"
