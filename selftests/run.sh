#!/bin/sh
# The test commands. `run.sh` (make test, what CI runs) is the quick gate
# that fits 45 minutes cold on 2 cores; `run.sh --all` (make test-all) is
# that plus the rest of the matrix, run before a change to patches/,
# configs/ or the pipeline is called done. Each step is counted; the run
# ends with a table of the steps and their times, then "N passed, N
# failed" (skipped steps are named on the line before).
set -eu
TOP=$(cd "$(dirname "$0")/.." && pwd)
case ${1:-} in
'') all=0 ;;
--all) all=1 ;;
*) echo "usage: run.sh [--all]" >&2; exit 2 ;;
esac
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
	printf '\n######## %s\n' "$name"
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
	printf '######## %s: %s (%ss)\n' "$res" "$name" "$secs"
	table="$table$(printf '%-8s %-4s %6ss %4dm%02ds  %s' "$res" "$tier" "$secs" $((at / 60)) $((at % 60)) "$name")
"
}

mk() { make -C "$TOP" --no-print-directory "$@"; }
check() { "$TOP/scripts/check.sh" "$1"; }

# The quick gate. The main job first: the later steps use its tree.
step test main mk run
# The checkers' kernels, any report fails: x86_64 with KASAN, lockdep,
# kmemleak ...; the one i386 kernel, the 32-bit path with lockdep and the
# preemption checks (its W=1 build is also check-arch-i386's).
step test debug mk debug
step test main-i386 mk run ARCH=i386
# The upstream gate's checks that need no kernel build of their own.
for c in checkpatch kerneldoc abi docs coccinelle arch-i386 maintainers signed; do
	step test "check-$c" check "$c"
done
# The project's own tests.
for t in "$TOP"/selftests/test-*.sh; do
	n=${t##*/test-}
	step test "${n%.sh}" sh "$t"
done

# The rest of the matrix: the weakly ordered architecture, KCSAN,
# kunit.py on UML, and the gate's builds of their own (each patch, the
# kernel without SYSFS, arm64's W=1 check on main-arm64's build, sparse).
step all main-arm64 mk run ARCH=arm64
step all kcsan mk kcsan
step all kunit-tool mk kunit
for c in arch-arm64 nosysfs sparse bisect; do
	step all "check-$c" check "$c"
done

# Skipped steps (each printed its reason) count neither way.
total=$(($(date +%s) - start_all))
printf '\n######## steps (%dm%02ds in all; logs in %s)\n%s' $((total / 60)) $((total % 60)) \
	"${CALL_COUNTER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/call-counter}/out/" \
	"$(printf '%-8s %-4s %7s %7s  %s' result tier step at name)
$table"
echo
[ -z "$skips" ] || echo "skipped:$skips"
[ -z "$failures" ] || echo "failed:$failures"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
