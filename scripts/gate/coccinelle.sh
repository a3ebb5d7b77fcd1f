#!/bin/sh
# The tree's coccinelle semantic patches (what `make coccicheck
# MODE=report` runs) on the kernel sources the series adds or changes:
# any report the series brings fails. For a file that was there before,
# what the base version already gets (upstream's, e.g. fs/inode.c's
# locking patterns) is left out, compared with the numbers masked.
# Semantic patches that this spatch cannot parse are counted and named.
set -eu
export LC_ALL=C
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"

command -v spatch >/dev/null 2>&1 || { echo "coccinelle: SKIPPED: spatch not installed (Debian: coccinelle)"; exit 77; }
files=$(series_kernel_sources | grep '\.c$' || true)
[ -n "$files" ] || { echo "coccinelle: no C file in the series"; exit 0; }
base=$(base_commit)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in $files; do
	git -C "$WORK_TREE" cat-file -e "$base:$f" 2>/dev/null || continue
	mkdir -p "$tmp/tree/$(dirname "$f")"
	git -C "$WORK_TREE" show "$base:$f" >"$tmp/tree/$f"
done

# reports COCCI FILE: spatch's reports on FILE, only the lines that name
# it (spatch also warns about the semantic patch itself); fails when
# spatch cannot use COCCI.
reports() {
	_out=$(cd "$WORK_TREE" && timeout 120 spatch -D report --very-quiet --no-show-diff \
		--include-headers-for-types --cocci-file "$1" "$2" 2>&1) || return 1
	echo "$_out" | grep -F "$2:" | sed "s|$tmp/tree/||" || true
}

ran=0 broken='' found=''
for cocci in $(cd "$WORK_TREE" && find scripts/coccinelle -name '*.cocci' | sort); do
	for f in $files; do
		out=$(reports "$cocci" "$f") || {
			broken="$broken ${cocci##*/}"
			break
		}
		[ -n "$out" ] || continue
		if [ -f "$tmp/tree/$f" ]; then
			reports "$cocci" "$tmp/tree/$f" | sed -E 's/[0-9]+/N/g' | sort >"$tmp/base.out" || true
			new=$(echo "$out" | while IFS= read -r l; do
				printf '%s\t%s\n' "$(echo "$l" | sed -E 's/[0-9]+/N/g')" "$l"
			done | sort | join -t "$(printf '\t')" -v 1 - "$tmp/base.out" | cut -f2-)
			out=$new
		fi
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
echo "coccinelle: $ran semantic patches, no report the series brings on: $(echo "$files" | tr '\n' ' ')"
