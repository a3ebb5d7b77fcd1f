#!/bin/sh
# report.py on synthetic guest logs: each kind of failure is a FAIL that
# names it, and a clean log is a PASS.
set -eu
# shellcheck source=selftests/lib.sh
. "$(dirname "$0")/lib.sh"

# As run-guest.sh judges a guest of the applied series.
judge() {
	/usr/bin/python3 "$TOP/scripts/report.py" --expect-suite call_counter \
		--expect-kselftest --no-skip "$@"
}

# log KTAP-CASE-LINE KSELFTEST-LINE DMESG-LINE [END]
log() {
	cat <<EOT
CALL-COUNTER: KTAP BEGIN
KTAP version 1
1..1
    KTAP version 1
    # Subtest: call_counter
    1..1
    $1
ok 1 call_counter
CALL-COUNTER: KTAP END
CALL-COUNTER: KSELFTEST BEGIN
TAP version 13
1..1
# selftests: call_counter: call_counter_test
# 1..1
# $2
$(case $2 in not*) echo "not ok 1 selftests: call_counter: call_counter_test # exit=1" ;;
	*) echo "ok 1 selftests: call_counter: call_counter_test" ;; esac)
CALL-COUNTER: KSELFTEST END rc=0
CALL-COUNTER: DMESG BEGIN
[    0.1] $3
CALL-COUNTER: DMESG END
${4-CALL-COUNTER: END}
EOT
}
good_k="ok 1 test_attribution" good_s="ok 1 global.attribution" quiet="random: crng init done"

log "$good_k" "$good_s" "$quiet" >"$SCRATCH/ok.log"
judge "$SCRATCH/ok.log" >/dev/null || fail "clean log not a PASS"
echo "ok: clean log passes"
log "not ok 1 test_attribution" "$good_s" "$quiet" >"$SCRATCH/1.log"
expect_fail "failed KUnit case" "KUnit failed: test_attribution" judge "$SCRATCH/1.log"
log "ok 1 test_attribution # SKIP no hotplug" "$good_s" "$quiet" >"$SCRATCH/2.log"
expect_fail "skipped KUnit case" "KUnit skipped" judge "$SCRATCH/2.log"
log "$good_k" "ok 1 global.hotplug # SKIP no hotplug" "$quiet" >"$SCRATCH/2b.log"
expect_fail "skipped kselftest case" "kselftest skipped: global.hotplug" judge "$SCRATCH/2b.log"
log "$good_k" "not ok 1 global.migration" "$quiet" >"$SCRATCH/3.log"
expect_fail "failed kselftest" "kselftest selftests: call_counter: call_counter_test failed" judge "$SCRATCH/3.log"
log "$good_k" "$good_s" "WARNING: CPU: 1 PID: 1 at lib/call_counter.c:99" >"$SCRATCH/4.log"
expect_fail "splat" "splat line" judge "$SCRATCH/4.log"
log "$good_k" "$good_s" "BUG: using smp_processor_id() in preemptible [00000000] code" >"$SCRATCH/5.log"
expect_fail "preemptible smp_processor_id" "splat line" judge "$SCRATCH/5.log"
log "$good_k" "$good_s" "$quiet" "" >"$SCRATCH/6.log"
expect_fail "missing end marker" "guest hang" judge "$SCRATCH/6.log"
{ log "$good_k" "$good_s" "$quiet" ""; echo "Kernel panic - not syncing: Attempted to kill init!"; } >"$SCRATCH/7.log"
expect_fail "panic" "guest panicked" judge "$SCRATCH/7.log"
sed '/Subtest: call_counter/,/ok 1 call_counter/d' "$SCRATCH/ok.log" >"$SCRATCH/8.log"
expect_fail "missing KUnit suite" "suite call_counter did not run" judge "$SCRATCH/8.log"
echo "PASS: report"
