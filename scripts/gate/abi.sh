#!/bin/sh
# Validate the series' ABI files with the tree's get_abi.py. It exits 0
# even on warnings, so any line it prints about our files is a failure.
set -eu
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"

abi=$(git -C "$WORK_TREE" diff --name-only --diff-filter=AM "$(base_commit)" HEAD -- Documentation/ABI)
[ -n "$abi" ] || { echo "abi: the series adds no ABI file"; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in $abi; do
	mkdir -p "$tmp/${f%/*}"
	cp "$WORK_TREE/$f" "$tmp/$f"
done
out=$(cd "$WORK_TREE" && /usr/bin/python3 tools/docs/get_abi.py -D "$tmp/Documentation/ABI" validate 2>&1) || {
	echo "$out"
	echo "abi: get_abi.py failed"
	exit 1
}
if [ -n "$out" ]; then
	echo "$out" | sed 's/^/    /'
	echo "abi: get_abi.py reports problems in: $(echo "$abi" | tr "\n" " ")"
	exit 1
fi
echo "abi: valid: $(echo "$abi" | tr '\n' ' ')"
