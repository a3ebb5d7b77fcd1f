#!/bin/sh
# scripts/bench/soak-report.py on made-up soak logs: a clean soak that reaches
# its targets writes its figures; a failed test, a missed target or an
# unfinished guest fails and leaves the document alone.
set -eu
# shellcheck source=selftests/lib.sh
. "$(dirname "$0")/lib.sh"

# round R CALLS CYCLES TEST [not]: one test's report in round R.
round() {
	printf 'soak %s: # 8 threads, 4 CPUs, 60 s, seed 7: %s calls, 0 failed writes\n' "$1" "$2"
	printf 'soak %s: # 9 affinity changes, %s hotplug cycles\n' "$1" "$3"
	printf 'soak %s: %sok 1 call_counter.%s\n' "$1" "${5:-}" "$4"
}
good() {
	round 1 100 0 migration_stress
	round 1 50 600 hotplug_stress
	round 2 50 "${1:-600}" hotplug_stress "${2:-}"
	echo "CALL-COUNTER: SOAK round 2 rc=0 calls=200 cycles=1200 seconds=300"
	echo "CALL-COUNTER: SOAK END rc=${3:-0} rounds=2"
}
soak() {
	/usr/bin/python3 "$TOP/scripts/bench/soak-report.py" "$1" "$SCRATCH/soak.md" --calls 200 \
		--cycles 1000 --wall 400 --singlestep 0 --smp 4 --base "v7.3, 0123456789ab"
}

good >"$SCRATCH/ok.log"
soak "$SCRATCH/ok.log" >"$SCRATCH/ok.out" || { cat "$SCRATCH/ok.out"; fail "a clean soak failed"; }
grep -q '| counted calls, all under migration | 200 ' "$SCRATCH/soak.md" || fail "calls not written"
grep -q '| CPU offline/online cycles | 1,200 ' "$SCRATCH/soak.md" || fail "cycles not written"
echo "ok: a clean soak writes its figures"
echo keep >"$SCRATCH/soak.md"
good 600 "not " 1 >"$SCRATCH/1.log"
expect_fail "a failed test" "round 2: not ok 1 call_counter.hotplug_stress" soak "$SCRATCH/1.log"
good 300 >"$SCRATCH/2.log"
expect_fail "too few hotplug cycles" "900 hotplug cycles, fewer than the target 1000" soak "$SCRATCH/2.log"
good | grep -v 'SOAK END' >"$SCRATCH/3.log"
expect_fail "an unfinished guest" "no SOAK END marker" soak "$SCRATCH/3.log"
good | grep -v migration_stress >"$SCRATCH/4.log"
expect_fail "no migration stress" "call_counter.migration_stress never ran" soak "$SCRATCH/4.log"
[ "$(cat "$SCRATCH/soak.md")" = keep ] || fail "a failed soak rewrote the document"
echo "ok: a failed soak leaves the document alone"
echo "PASS: soak-report"
