#!/bin/sh
# report.py on synthetic guest logs: each kind of failure is a FAIL that
# names it, and a clean log is a PASS.
set -eu
# shellcheck source=selftests/lib.sh
. "$(dirname "$0")/lib.sh"

# shellcheck source=scripts/lib.sh
. "$TOP/scripts/lib.sh"
kunit_dir=$WORK_TREE/tools/testing/kunit
[ -f "$kunit_dir/kunit_parser.py" ] ||
	{ echo "report: SKIPPED: no kernel tree with kunit_parser at $WORK_TREE (run make first)"; exit 77; }

# As run-guest.sh judges a guest of the applied series.
judge() {
	/usr/bin/python3 "$TOP/scripts/pipeline/report.py" --kunit-dir "$kunit_dir" \
		--expect-suite call_counter --expect-kselftest --no-skip "$@"
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
# The tree's kunit_parser checks the plan and the numbering.
sed 's/^    1\.\.1$/    1..2/' "$SCRATCH/ok.log" >"$SCRATCH/8a.log"
expect_fail "KUnit plan larger than the cases" "KTAP: 1 parse error" judge "$SCRATCH/8a.log"
log "ok 2 test_attribution" "$good_s" "$quiet" >"$SCRATCH/8b.log"
expect_fail "KUnit case misnumbered" "KTAP: 1 parse error" judge "$SCRATCH/8b.log"
sed '/Subtest: call_counter/,/ok 1 call_counter/d' "$SCRATCH/ok.log" >"$SCRATCH/8.log"
expect_fail "missing KUnit suite" "suite call_counter did not run" judge "$SCRATCH/8.log"
# KCSAN: a report of a listed upstream race is printed, not counted;
# one with a frame of the series, or in an unlisted function, counts.
kcsan() {
	printf '%s\n' "==================================================================" \
		"BUG: KCSAN: data-race in $1" "" \
		"race at unknown origin, with read to 0xffffffff82c1e2a0 of 8 bytes by task 171 on cpu 2:" \
		" $1" " $2" " __x64_sys_sched_setaffinity+0x3c/0x60" "" \
		"CPU: 2 UID: 0 PID: 171 Comm: call_counter_te Tainted: G N 7.3.4+ #2" \
		"=================================================================="
}
log "$good_k" "$good_s" "$(kcsan _find_next_and_bit+0x43/0xca sched_setaffinity+0x1a0/0x2f0)" >"$SCRATCH/9.log"
judge "$SCRATCH/9.log" >"$SCRATCH/9.out" || { cat "$SCRATCH/9.out"; fail "known upstream race counted"; }
grep -q "known upstream race, not counted" "$SCRATCH/9.out" || fail "known upstream race not printed"
echo "ok: known upstream KCSAN race printed, not counted"
log "$good_k" "$good_s" "$(kcsan _find_next_and_bit+0x43/0xca call_counter_read+0x7c/0xa0)" >"$SCRATCH/10.log"
expect_fail "KCSAN report with a frame of the series" "splat line.*KCSAN" judge "$SCRATCH/10.log"
log "$good_k" "$good_s" "$(kcsan update_load_avg+0x43/0xca sched_setaffinity+0x1a0/0x2f0)" >"$SCRATCH/11.log"
expect_fail "KCSAN report in an unlisted function" "splat line.*KCSAN" judge "$SCRATCH/11.log"
# A splat on the console after the guest's dmesg dump (or lost from a
# wrapped log buffer) is caught too.
log "$good_k" "$good_s" "$quiet" "" >"$SCRATCH/16.log"
printf '%s\n' "WARNING: CPU: 3 PID: 1 at mm/zswap.c:1167 shrink_memcg_cb+0x9/0x90" \
	"CALL-COUNTER: END" >>"$SCRATCH/16.log"
expect_fail "splat after the dmesg dump" "splat line.*zswap" judge "$SCRATCH/16.log"
# The in-tree users' TAP: a failed result, a result the plan does not
# count, and a test that bailed out each fail the guest.
users() {
	sed '/^CALL-COUNTER: DMESG BEGIN/,$d' "$SCRATCH/ok.log"
	printf '%s\n' "CALL-COUNTER: USERS BEGIN" "TAP version 13" "$@" "CALL-COUNTER: USERS END"
	sed -n '/^CALL-COUNTER: DMESG BEGIN/,$p' "$SCRATCH/ok.log"
}
users "ok 1 multigrain" "1..1" >"$SCRATCH/12.log"
judge --expect-users "$SCRATCH/12.log" >/dev/null || fail "clean users TAP not a PASS"
echo "ok: clean users TAP passes"
users "not ok 1 zswap: written_back_pages delta" "1..1" >"$SCRATCH/13.log"
expect_fail "failed users test" "users failed: zswap" judge --expect-users "$SCRATCH/13.log"
users "ok 1 multigrain" "1..2" >"$SCRATCH/14.log"
expect_fail "users plan mismatch" "plan" judge --expect-users "$SCRATCH/14.log"
users "ok 1 multigrain" "Bail out! mount tmpfs" >"$SCRATCH/15.log"
expect_fail "users test bailed out" "Bail out! mount tmpfs" judge --expect-users "$SCRATCH/15.log"
expect_fail "users tests missing" "in-tree users did not run" judge --expect-users "$SCRATCH/ok.log"
# The fault-injection run (make faults): its TAP is judged; the stacks of
# the failures it injected are not splats there, and are everywhere else;
# a splat after such a stack still counts.
faults() {
	printf '%s\n' "CALL-COUNTER: FAULTS BEGIN" "TAP version 13" "$1" "1..1" \
		"CALL-COUNTER: FAULTS END rc=0" "CALL-COUNTER: DMESG BEGIN" \
		"[    9.1] FAULT_INJECTION: forcing a failure." \
		"[    9.1] name failslab, interval 1, probability 0, space 0, times 1" \
		"[    9.1] CPU: 1 UID: 0 PID: 71 Comm: fault-test Not tainted 7.3.4+ #1" \
		"[    9.1] Call Trace:" "[    9.1]  <TASK>" "[    9.1]  dump_stack_lvl+0x5d/0x80" \
		"[    9.1]  kobject_create_and_add+0x1b/0x90" "[    9.1]  </TASK>" \
		"[    9.2] $2" "CALL-COUNTER: DMESG END" "CALL-COUNTER: END"
}
judge_faults() {
	/usr/bin/python3 "$TOP/scripts/pipeline/report.py" --kunit-dir "$kunit_dir" --expect-faults "$@"
}
faults "ok 1 load: 90 allocations failed in turn" "$quiet" >"$SCRATCH/17.log"
judge_faults "$SCRATCH/17.log" >/dev/null || fail "clean fault-injection log not a PASS"
echo "ok: clean fault-injection log passes"
expect_fail "fault stack outside a fault-injection run" "splat line.*Call Trace" \
	/usr/bin/python3 "$TOP/scripts/pipeline/report.py" "$SCRATCH/17.log"
faults "not ok 1 load: 90 allocations failed in turn" "$quiet" >"$SCRATCH/18.log"
expect_fail "failed fault-injection test" "faults failed: load" judge_faults "$SCRATCH/18.log"
faults "ok 1 load" "WARNING: CPU: 1 PID: 71 at lib/kobject.c:9 kobject_add+0x1/0x2" >"$SCRATCH/19.log"
expect_fail "splat after a fault's stack" "splat line.*kobject_add" judge_faults "$SCRATCH/19.log"
sed '/FAULTS BEGIN/,/FAULTS END/d' "$SCRATCH/17.log" >"$SCRATCH/20.log"
expect_fail "fault-injection test missing" "allocation failures injected did not run" judge_faults "$SCRATCH/20.log"
echo "PASS: report"
