#!/bin/sh
# The rule of v3: every function and macro that include/linux/call_counter.h
# offers has a caller outside the facility and its tests. Lists each
# public name of the header (functions, and macros not starting with an
# underscore) with the files outside lib/call_counter.c, the header, the
# KUnit suite, the test module, tools/testing/ and Documentation/ that use
# it. A name that no such file uses passes only if a function of
# lib/call_counter.c that has users is built on it (shown as "via NAME");
# otherwise the check fails, naming it.
# usage: api-users.sh
set -eu
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"

header=include/linux/call_counter.h
core=lib/call_counter.c
[ -f "$WORK_TREE/$header" ] || die "api-users: no $header in $WORK_TREE; apply the series first (make apply)"
names=$( {
	sed -n 's/^#define \([A-Za-z][A-Za-z0-9_]*\)(.*/\1/p' "$WORK_TREE/$header"
	sed -n 's/^[a-z][a-z0-9_ *]*[ *]\([a-z][a-z0-9_]*\)(.*/\1/p' "$WORK_TREE/$header"
} | sort -u)

# users NAME: the files outside the facility and its tests that use NAME.
users() {
	git -C "$WORK_TREE" grep -lw -e "$1" HEAD -- . ":!$header" ":!$core" \
		':!lib/tests/call_counter*' ':!lib/test_call_counter.c' ':!tools/testing' \
		':!Documentation' ':!MAINTAINERS' | sed 's/^HEAD://' | tr '\n' ' '
}

# callers NAME: the functions of lib/call_counter.c whose bodies use NAME.
callers() {
	awk -v n="$1" '
		/^[a-z].*[a-z0-9_]\(/ { f = $0; sub(/\(.*/, "", f); sub(/.*[ *]/, "", f); next }
		/^}/ { f = ""; next }
		f != "" && f != n && $0 ~ "(^|[^A-Za-z0-9_])" n "\\(" { print f }
	' "$WORK_TREE/$core" | sort -u
}

none=0
for n in $names; do
	u=$(users "$n")
	if [ -z "$u" ]; then
		for f in $(callers "$n"); do
			[ -n "$(users "$f")" ] && u="$u$core (via $f) "
		done
	fi
	printf '%-28s %s\n' "$n" "${u:-(no user)}"
	[ -n "$u" ] || none=$((none + 1))
done
[ "$none" -eq 0 ] || { echo "api-users: $none of $(echo "$names" | wc -w) names of $header have no user outside the facility and its tests"; exit 1; }
echo "api-users: every name of $header has a user"
