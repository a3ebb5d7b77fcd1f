#!/bin/sh
# Test one kernel configuration of the applied series in QEMU: build it,
# make its initramfs, boot it, judge the log.
# usage: run-guest.sh NAME FRAGMENT...   (fragments as for build.sh)
# Env: DURATION (kselftest stress seconds), THREADS, SEED, KERNEL_PARAMS
# (more kernel parameters), GUEST_SHELL (1: a shell instead of the
# tests), and boot.sh's.
set -eu
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

[ $# -ge 1 ] || die "usage: run-guest.sh NAME FRAGMENT..."
name=$1
shift
here=$(dirname "$0")

# The series' own options only exist once the series is applied; the
# kselftests' config files are asked for (and checked) like ours.
expect=
if ! series_empty; then
	set -- "$@" configs/call-counter.config
	for t in $(series_selftests); do
		[ -f "$WORK_TREE/tools/testing/selftests/$t/config" ] &&
			set -- "$@" "$WORK_TREE/tools/testing/selftests/$t/config"
	done
	expect="--expect-suite call_counter --expect-kselftest --no-skip"
fi

"$here/build.sh" "$name" "$@"
# A guest built with configs/users.config runs the users' tests.
if ! series_empty && grep -q '^CONFIG_ZSWAP=y' "$OUT/$name/.config"; then
	expect="$expect --expect-users"
fi
"$here/initramfs.sh" "$name"

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
boot_rc=0
# shellcheck disable=SC2086 # $params holds several kernel parameters
"$here/boot.sh" "$name" $params || boot_rc=$?
# 124: a hang, which report.py quotes; anything else: boot.sh said why.
[ "$boot_rc" -eq 0 ] || [ "$boot_rc" -eq 124 ] || exit "$boot_rc"
judged=0
# shellcheck disable=SC2086 # $expect holds several options
/usr/bin/python3 "$here/report.py" --label "$name" $expect "${BOOT_LOG:-$OUT/$name/boot.log}" ||
	judged=$?
what=
[ -z "$(work_tree_edits)" ] || what=" (of the work tree with uncommitted changes, not patches/)"
log "$name: $([ "$judged" -eq 0 ] && echo PASS || echo FAIL)$what after $(elapsed); logs in $OUT/$name/ (build.log, boot.log)"
exit "$judged"
