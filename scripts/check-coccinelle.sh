#!/bin/sh
# The tree's coccinelle semantic patches (what `make coccicheck
# MODE=report` runs) on the kernel sources the series adds or changes.
# Semantic patches that this spatch cannot parse are counted and named.
set -eu
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

command -v spatch >/dev/null 2>&1 || { echo "coccinelle: SKIPPED: spatch not installed (Debian: coccinelle)"; exit 77; }
files=$(series_kernel_sources | grep '\.c$' || true)
[ -n "$files" ] || { echo "coccinelle: no C file in the series"; exit 0; }
ran=0 broken='' found=''
for cocci in $(cd "$WORK_TREE" && find scripts/coccinelle -name '*.cocci' | sort); do
	for f in $files; do
		out=$(cd "$WORK_TREE" && timeout 120 spatch -D report --very-quiet --no-show-diff \
			--include-headers-for-types --cocci-file "$cocci" "$f" 2>&1) || {
			broken="$broken ${cocci##*/}"
			break
		}
		# spatch also warns about the semantic patch itself ("should X be
		# a metavariable?"); only lines that name the file are reports.
		out=$(echo "$out" | grep -F "$f:" || true)
		[ -z "$out" ] || found="$found
$cocci on $f:
$out"
	done
	ran=$((ran + 1))
done
[ -z "$broken" ] || echo "coccinelle: $(echo "$broken" | wc -w) semantic patches not usable with $(spatch --version | head -n 1):$broken"
if [ -n "$found" ]; then
	echo "$found" | sed 's/^/    /'
	echo "coccinelle: reports on the series' files"
	exit 1
fi
echo "coccinelle: $ran semantic patches, no report on: $(echo "$files" | tr '\n' ' ')"
