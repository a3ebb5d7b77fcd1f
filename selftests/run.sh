#!/bin/sh
# The test command: the main job, the upstream checks, the debug-kernel
# runs and the project's own tests, each one counted; ends with the line
# "N passed, N failed" (skipped steps are named on the line before).
set -eu
TOP=$(cd "$(dirname "$0")/.." && pwd)
passed=0 failed=0 failures='' skips='' table=''
start_all=$(date +%s)
# The test command boots every guest, even one whose last run passed
# with the same kernel and initramfs (run-guest.sh).
export FORCE=1

# step NAME CMD...: run one counted step, its output shown as it comes.
step() {
	name=$1
	shift
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
	printf '######## %s: %s (%ss)\n' "$res" "$name" "$secs"
	table="$table$(printf '%-8s %6ss  %s' "$res" "$secs" "$name")
"
}

# The main job first: the later steps use its tree and its guest build.
step main make -C "$TOP" --no-print-directory run
# The same guest on the 32-bit path and on a weakly ordered architecture.
step main-i386 make -C "$TOP" --no-print-directory run ARCH=i386
step main-arm64 make -C "$TOP" --no-print-directory run ARCH=arm64
# The checkers' kernels (KASAN, lockdep, ...; lockdep and the preemption
# checks on i386; then KCSAN): any report fails.
step debug make -C "$TOP" --no-print-directory debug
step debug-i386 make -C "$TOP" --no-print-directory debug ARCH=i386
step kcsan make -C "$TOP" --no-print-directory kcsan
# The KUnit suite with kunit.py on UML.
step kunit-tool make -C "$TOP" --no-print-directory kunit
# The upstream gate, a step per check (77: skipped, with its reason).
for c in $("$TOP/scripts/check.sh" --list); do
	step "check-$c" "$TOP/scripts/check.sh" "$c"
done
for t in "$TOP"/selftests/test-*.sh; do
	n=${t##*/test-}
	step "${n%.sh}" sh "$t"
done

# Skipped steps (each printed its reason) count neither way.
total=$(($(date +%s) - start_all))
printf '\n######## steps (%dm%02ds in all; logs in %s)\n%s' $((total / 60)) $((total % 60)) \
	"${CALL_COUNTER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/call-counter}/out/" "$table"
echo
[ -z "$skips" ] || echo "skipped:$skips"
[ -z "$failures" ] || echo "failed:$failures"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
