#!/bin/sh
# The upstream gate: the checks a maintainer runs on the series, applied
# to the pinned base in the work tree. Each check is one script,
# scripts/gate/NAME.sh, found by its whole name; arch-ARCH is
# scripts/gate/arch.sh ARCH, for each guest architecture but x86_64
# (configs/arch/). A check exits 0 (pass), 77 (skipped, with the reason)
# or anything else (fail, naming the check and the patch).
# usage: check.sh [NAME...]    (default: all, in ALL_CHECKS order)
#        check.sh --list
# With one NAME, exits with that check's status (77 when skipped).
set -eu
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"

gate=$TOP/scripts/gate
ALL_CHECKS="checkpatch kerneldoc abi docs api-users bisect sparse coccinelle$(for a in $(arches); do
	[ "$a" = x86_64 ] || printf ' arch-%s' "$a"; done) nosysfs maintainers signed"
[ "${1:-}" = --list ] && { echo "$ALL_CHECKS"; exit 0; }
CHECKS=${CHECKS:-$ALL_CHECKS}
# shellcheck disable=SC2086 # a list of names
[ $# -gt 0 ] || set -- $CHECKS
series_empty && die "check: the series is empty; nothing to check"
pass=0 fail=0 skip=0
for c in "$@"; do
	case " $ALL_CHECKS " in
	*" $c "*) ;;
	*) die "no check '$c' (there are: $ALL_CHECKS)" ;;
	esac
	arg=
	case $c in
	arch-*) script=$gate/arch.sh arg=${c#arch-} ;;
	*) script=$gate/$c.sh ;;
	esac
	[ -x "$script" ] || die "check '$c': no executable $script"
	rc=0
	"$script" ${arg:+"$arg"} || rc=$?
	case $rc in
	0) pass=$((pass + 1)); log "check $c: PASS" ;;
	77) skip=$((skip + 1)); log "check $c: SKIPPED" ;;
	*) fail=$((fail + 1)); log "check $c: FAIL" ;;
	esac
done
log "checks: $pass passed, $fail failed, $skip skipped"
[ $# -eq 1 ] && exit "$rc"
[ "$fail" -eq 0 ]
