# shellcheck shell=sh disable=SC2034
# Helpers for the project's own tests; sourced by selftests/test-*.sh.
TOP=$(cd "$(dirname "$0")/.." && pwd)
SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/call-counter-test.XXXXXX")
trap 'rm -rf "$SCRATCH"' EXIT

fail() { printf 'FAIL: %s\n' "$*"; exit 1; }

# expect_fail WHAT PATTERN CMD...: CMD must fail and print PATTERN.
expect_fail() {
	what=$1 pattern=$2
	shift 2
	if "$@" >"$SCRATCH/expect.out" 2>&1; then
		sed 's/^/    /' "$SCRATCH/expect.out"
		fail "$what: succeeded, expected a failure"
	fi
	grep -q -e "$pattern" "$SCRATCH/expect.out" || {
		sed 's/^/    /' "$SCRATCH/expect.out"
		fail "$what: failed without saying '$pattern'"
	}
	echo "ok: $what"
}
