#!/bin/sh
# The test commands. `run.sh` (make test, what CI runs) is the quick gate
# that fits 45 minutes cold on 2 cores; `run.sh --all` (make test-all) is
# that plus the rest of the matrix, run before a change to patches/,
# configs/ or the pipeline is called done. Each step is counted; the run
# ends with a table of the steps and their times, then "N passed, N
# failed" (skipped steps are named on the line before).
set -eu
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../scripts/lib.sh"
# --list: the steps, "TIER NAME" a line each, without running them.
all=0 list=0
for a in "$@"; do
	case $a in
	--all) all=1 ;;
	--list) list=1 ;;
	*) echo "usage: run.sh [--all] [--list]" >&2; exit 2 ;;
	esac
done
passed=0 failed=0 failures='' skips='' table=''
start_all=$(date +%s)
# The test commands boot every guest, even one whose last run passed
# with the same kernel and initramfs (run-guest.sh).
export FORCE=1

# step TIER NAME CMD...: run one counted step, its output shown as it
# comes. TIER "test" runs in both commands, "all" only in test-all.
step() {
	tier=$1 name=$2
	shift 2
	[ "$tier" = test ] || [ "$all" -eq 1 ] || return 0
	[ "$list" -eq 0 ] || { echo "$tier $name"; return 0; }
	log "step $name: start"
	start=$(date +%s)
	rc=0
	"$@" || rc=$?
	secs=$(($(date +%s) - start))
	if [ "$rc" -eq 0 ]; then
		passed=$((passed + 1))
		res=PASS
	elif [ "$rc" -eq 77 ]; then
		skips="$skips $name"
		res=SKIPPED
	else
		failed=$((failed + 1))
		failures="$failures $name"
		res=FAIL
	fi
	# The time since the start at the end of each step: the last "test"
	# row of a test-all run is what make test alone takes.
	at=$(($(date +%s) - start_all))
	log "step $name: $res after ${secs}s"
	table="$table$(printf '%-8s %-4s %6ss %4dm%02ds  %s' "$res" "$tier" "$secs" $((at / 60)) $((at % 60)) "$name")
"
}

mk() { make -C "$TOP" --no-print-directory "$@"; }
check() { "$TOP/scripts/gate/check.sh" "$1"; }
# arch_steps TIER: the guest of each other architecture of that tier
# (configs/arch/ARCH.sh, ARCH_TIER) and the gate's W=1 check of its build.
arch_steps() {
	for a in $(arches); do
		if [ "$a" = x86_64 ] || [ "$(arch_get "$a" TIER)" != "$1" ]; then continue; fi
		step "$1" "main-$a" mk run ARCH="$a"
		step "$1" "check-arch-$a" check "arch-$a"
	done
}

# The quick gate. The main job first: the later steps use its tree.
step test main mk run
# The checkers' kernel, any report fails: x86_64 with KASAN, lockdep,
# kmemleak ...
step test debug mk debug
# The other architectures of make test (i386: the one 32-bit kernel, with
# lockdep and the preemption checks on), each build also the gate's.
arch_steps test
# The upstream gate's checks that need no kernel build of their own.
for c in checkpatch kerneldoc abi docs api-users coccinelle maintainers signed; do
	step test "check-$c" check "$c"
done
# The project's own tests.
for t in "$TOP"/selftests/test-*.sh; do
	n=${t##*/test-}
	step test "${n%.sh}" sh "$t"
done

# The rest of the matrix: the other architectures (arm64, weakly
# ordered), fault injection, KCSAN, kunit.py on UML, and the gate's builds of their own
# (the kernel without SYSFS, sparse, each patch).
arch_steps all
# The checker kernel again, with allocations made to fail in the test
# module's setup paths, and kmemleak after.
step all faults mk faults
step all kcsan mk kcsan
step all kunit-tool mk kunit
for c in nosysfs sparse bisect; do
	step all "check-$c" check "$c"
done

[ "$list" -eq 0 ] || exit 0
# Skipped steps (each printed its reason) count neither way.
total=$(($(date +%s) - start_all))
log "steps: $passed passed, $failed failed in $((total / 60))m$(printf %02d $((total % 60)))s; logs in $OUT/"
printf '%s' \
	"$(printf '%-8s %-4s %7s %7s  %s' result tier time 'at end' step)
$table"
echo
[ -z "$skips" ] || echo "skipped:$skips"
[ -z "$failures" ] || echo "failed:$failures"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
