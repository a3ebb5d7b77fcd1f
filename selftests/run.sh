#!/bin/sh
# The test command: the main job, the upstream checks, the debug-kernel
# runs and the project's own tests, each one counted; ends with the line
# "N passed, N failed" (skipped steps are named on the line before).
set -eu
TOP=$(cd "$(dirname "$0")/.." && pwd)
passed=0 failed=0 failures='' skips=''

# step NAME CMD...: run one counted step, its output shown as it comes.
step() {
	name=$1
	shift
	printf '\n######## %s\n' "$name"
	start=$(date +%s)
	rc=0
	"$@" || rc=$?
	if [ "$rc" -eq 0 ]; then
		passed=$((passed + 1))
		printf '######## PASS: %s (%ss)\n' "$name" $(($(date +%s) - start))
	elif [ "$rc" -eq 77 ]; then
		skips="$skips $name"
		printf '######## SKIPPED: %s (%ss)\n' "$name" $(($(date +%s) - start))
	else
		failed=$((failed + 1))
		failures="$failures $name"
		printf '######## FAIL: %s (%ss)\n' "$name" $(($(date +%s) - start))
	fi
}

# The main job first: the later steps use its tree and its guest build.
step main make -C "$TOP" --no-print-directory run
# The checkers' kernels (KASAN, lockdep, ...; then KCSAN): any report fails.
step debug make -C "$TOP" --no-print-directory debug
step kcsan make -C "$TOP" --no-print-directory kcsan
# The upstream gate, a step per check (77: skipped, with its reason).
for c in $("$TOP/scripts/check.sh" --list); do
	step "check-$c" "$TOP/scripts/check.sh" "$c"
done
for t in "$TOP"/selftests/test-*.sh; do
	n=${t##*/test-}
	step "${n%.sh}" sh "$t"
done

# Skipped steps (each printed its reason) count neither way.
echo
[ -z "$skips" ] || echo "skipped:$skips"
[ -z "$failures" ] || echo "failed:$failures"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
