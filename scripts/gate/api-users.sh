#!/bin/sh
# The rule of v3: every function and macro that include/linux/call_counter.h
# offers has a caller outside the facility and its tests. Lists each
# public name of the header (functions, and macros not starting with an
# underscore) with the files outside lib/call_counter.c, the header, the
# KUnit suite, the test module, tools/testing/ and Documentation/ that use
# it; fails if one has none. Not yet a check of the gate: the v2 series
# fails it (reset, register, create and destroy serve only its tests),
# and the v3 series is what makes it pass.
# usage: api-users.sh
set -eu
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"

header=include/linux/call_counter.h
[ -f "$WORK_TREE/$header" ] || die "api-users: no $header in $WORK_TREE; apply the series first (make apply)"
names=$( {
	sed -n 's/^#define \([A-Za-z][A-Za-z0-9_]*\)(.*/\1/p' "$WORK_TREE/$header"
	sed -n 's/^[a-z][a-z0-9_ *]*[ *]\([a-z][a-z0-9_]*\)(.*/\1/p' "$WORK_TREE/$header"
} | sort -u)
none=0
for n in $names; do
	users=$(git -C "$WORK_TREE" grep -lw -e "$n" HEAD -- . ":!$header" ':!lib/call_counter.c' \
		':!lib/tests/call_counter*' ':!lib/test_call_counter.c' ':!tools/testing' ':!Documentation' \
		':!MAINTAINERS' | sed 's/^HEAD://' | tr '\n' ' ')
	printf '%-32s %s\n' "$n" "${users:-(no user)}"
	[ -n "$users" ] || none=$((none + 1))
done
[ "$none" -eq 0 ] || { echo "api-users: $none of $(echo "$names" | wc -w) names have no user outside the facility and its tests"; exit 1; }
echo "api-users: every name of $header has a user"
