#!/bin/sh
# The soak (not a test of make test): boots the main guest's kernel and
# runs the kselftest's stress tests in rounds until at least SOAK_CALLS
# calls have been counted under migration and SOAK_CYCLES CPU
# offline/online cycles made, every exact-total
# check of the tests on; then writes the figures into
# Documentation/soak.md (scripts/bench/soak-report.py).
# Env: SOAK_CALLS (100000000), SOAK_CYCLES (1000), SOAK_MAX (seconds at
# most, 7200), DURATION (seconds per stress test, 60: the kselftest's
# most), QEMU_SINGLESTEP (1: one instruction per translated block, so
# that preemption and migration land inside an increment, as in the
# tests; 0: plain TCG, about 20 times the call rate), SMP.
set -eu
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"
here=$TOP/scripts/pipeline

calls=${SOAK_CALLS:-100000000} cycles=${SOAK_CYCLES:-1000} max=${SOAK_MAX:-7200}
series_empty && die "soak: the series is empty; nothing to soak"
"$here/build.sh" guest
"$here/initramfs.sh" guest
out=$OUT/guest/soak.log
log "soak: until $calls calls and $cycles hotplug cycles, at most ${max}s; log $out"
start=$(date +%s)
rc=0
QEMU_SINGLESTEP=${QEMU_SINGLESTEP:-1} BOOT_LOG=$out BOOT_TIMEOUT=$((max + 900)) \
	"$here/boot.sh" guest "cc.duration=${DURATION:-60}" "cc.soak=$max" \
	"cc.soak_calls=$calls" "cc.soak_cycles=$cycles" || rc=$?
wall=$(($(date +%s) - start))
[ "$rc" -eq 0 ] || [ "$rc" -eq 124 ] || exit "$rc"
# The KUnit suite at boot, and no splat anywhere in the console.
/usr/bin/python3 "$here/report.py" --label soak --kunit-dir "$WORK_TREE/tools/testing/kunit" \
	--expect-suite call_counter --no-skip "$out" >"$out.report" ||
	{ cat "$out.report"; die "soak: the guest failed, see $out"; }
/usr/bin/python3 "$TOP/scripts/bench/soak-report.py" "$out" "$TOP/Documentation/soak.md" \
	--calls "$calls" --cycles "$cycles" --wall "$wall" \
	--singlestep "${QEMU_SINGLESTEP:-1}" --smp "${SMP:-4}" --base "$BASE_TAG, $(base_commit | cut -c1-12)"
