#!/bin/sh
# get_maintainer.pl on the series must name recipients (the list of the
# MAINTAINERS entry the series adds, at least).
set -eu
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"

# shellcheck disable=SC2046 # patch paths without blanks
out=$(cd "$WORK_TREE" && ./scripts/get_maintainer.pl --no-rolestats --no-git --no-git-fallback $(series_patches) 2>&1) || {
	echo "$out"
	echo "maintainers: get_maintainer.pl failed"
	exit 1
}
echo "$out" | sed 's/^/    /'
echo "$out" | grep -q '@' || { echo "maintainers: no recipient"; exit 1; }
echo "maintainers: $(echo "$out" | grep -c '@') recipients"
