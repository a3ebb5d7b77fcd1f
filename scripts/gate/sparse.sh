#!/bin/sh
# sparse on the series' sources with make C=2, where the installed sparse
# can parse this tree. An old sparse makes `make C=1` silently check
# nothing and exit 0: that is reported as skipped (exit 77), never passed.
set -eu
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"

command -v sparse >/dev/null 2>&1 || { echo "sparse: SKIPPED: sparse is not installed"; exit 77; }
if [ "$(cd "$WORK_TREE" && sh scripts/checker-valid.sh sparse)" != 1 ]; then
	echo "sparse: SKIPPED: $(sparse --version) cannot parse this tree (scripts/checker-valid.sh rejects it: no __typeof_unqual__); make C=1 would check nothing"
	exit 77
fi
obj=$OUT/guest
[ -f "$obj/.config" ] || die "sparse: no guest build in $obj; run make first"
objs=$(series_kernel_sources | sed -n 's/\.c$/.o/p')
# shellcheck disable=SC2086 # list of objects
out=$(ARCH=x86_64 W=1 kbuild "$obj" C=2 $objs 2>&1 | grep -E 'warning|error' || true)
[ -z "$out" ] || { echo "$out"; echo "sparse: warnings"; exit 1; }
echo "sparse: clean on $(echo "$objs" | tr '\n' ' ')"
