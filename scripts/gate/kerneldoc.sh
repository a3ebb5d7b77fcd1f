#!/bin/sh
# kernel-doc -Wall on the kernel sources and headers the series adds or
# changes: any warning the series brings fails. For a file that was there
# before, warnings the base already prints (upstream's, e.g. fs/inode.c's
# undocumented return values) are left out, compared without line numbers.
set -eu
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"

files=$(series_kernel_sources)
[ -n "$files" ] || { echo "kerneldoc: no kernel source in the series"; exit 0; }
base=$(base_commit)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# warnings FILE: kernel-doc's warnings of FILE (run from the tree's top),
# named as in the tree (not as the scratch copy), without line numbers.
warnings() {
	(cd "$WORK_TREE" && /usr/bin/python3 scripts/kernel-doc -Wall -none "$1" 2>&1) |
		sed -E "s|$tmp/tree/||; s/^(Warning|warning|error): ([^:]*):[0-9]+:? /\\1: \\2: /" | sort
}

bad=''
for f in $files; do
	warnings "$f" >"$tmp/head"
	: >"$tmp/base"
	if git -C "$WORK_TREE" cat-file -e "$base:$f" 2>/dev/null; then
		# The base's version, at the same path, in a scratch copy of the tree.
		mkdir -p "$tmp/tree/$(dirname "$f")"
		git -C "$WORK_TREE" show "$base:$f" >"$tmp/tree/$f"
		warnings "$tmp/tree/$f" >"$tmp/base"
	fi
	new=$(comm -23 "$tmp/head" "$tmp/base")
	if [ -n "$new" ]; then
		printf '%s\n' "$new"
		bad="$bad $f"
	fi
done
if [ -n "$bad" ]; then
	# shellcheck disable=SC2086 # paths without blanks
	echo "kerneldoc: warnings in$bad, from: $(patches_touching $bad | tr '\n' ';')"
	exit 1
fi
echo "kerneldoc: no new warning in: $(echo "$files" | tr "\n" " ")"
