#!/bin/sh
# The upstream gate: the checks a maintainer runs on the series, applied
# to the pinned base in the work tree. Each check is one script,
# scripts/check-NAME.sh; it exits 0 (pass), 77 (skipped, with the
# reason) or anything else (fail, naming the check and the patch).
# usage: check.sh [NAME...]    (default: all, in CHECKS order)
# With one NAME, exits with that check's status (77 when skipped).
set -eu
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

ALL_CHECKS="checkpatch kerneldoc abi docs bisect sparse coccinelle arch-i386 arch-arm64 nosysfs maintainers signed"
[ "${1:-}" = --list ] && { echo "$ALL_CHECKS"; exit 0; }
CHECKS=${CHECKS:-$ALL_CHECKS}
# shellcheck disable=SC2086 # a list of names
[ $# -gt 0 ] || set -- $CHECKS
series_empty && die "check: the series is empty; nothing to check"
pass=0 fail=0 skip=0
for c in "$@"; do
	script=$TOP/scripts/check-${c%%-*}.sh
	[ -x "$script" ] || die "no check '$c' ($script)"
	arg=
	case $c in *-*) arg=${c#*-} ;; esac
	rc=0
	"$script" ${arg:+"$arg"} || rc=$?
	case $rc in
	0) pass=$((pass + 1)); echo "check $c: PASS" ;;
	77) skip=$((skip + 1)); echo "check $c: SKIPPED" ;;
	*) fail=$((fail + 1)); echo "check $c: FAIL" ;;
	esac
done
echo "checks: $pass passed, $fail failed, $skip skipped"
[ $# -eq 1 ] && exit "$rc"
[ "$fail" -eq 0 ]
