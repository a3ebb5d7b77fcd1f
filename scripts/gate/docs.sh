#!/bin/sh
# Build the documentation directories the series touches with Sphinx
# (out of tree, never in the base tree) and fail on any warning that
# names a file of the series.
set -eu
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"

rst=$(git -C "$WORK_TREE" diff --name-only --diff-filter=AM "$(base_commit)" HEAD -- 'Documentation/*.rst')
[ -n "$rst" ] || { echo "docs: the series adds no .rst"; exit 0; }
/usr/bin/python3 -c 'import sphinx' 2>/dev/null || die "docs: Debian's python3-sphinx is missing"
dirs=$(echo "$rst" | sed 's|^Documentation/\([^/]*\)/.*|\1|' | sort -u | tr '\n' ' ')
obj=$OUT/docs
mkdir -p "$obj"
log "docs: make SPHINXDIRS='$dirs' htmldocs"
# Debian's python3 has Sphinx; the first python3 on PATH may not.
make -C "$WORK_TREE" O="$obj" PYTHON3=/usr/bin/python3 SPHINXBUILD=/usr/bin/sphinx-build \
	SPHINXDIRS="$dirs" htmldocs >"$obj/htmldocs.log" 2>&1 || {
	tail -n 20 "$obj/htmldocs.log"
	echo "docs: htmldocs failed, see $obj/htmldocs.log"
	exit 1
}
# Warnings about the series' files: its .rst, and sources it pulls
# kernel-doc from.
pat=$(echo "$rst $(series_kernel_sources)" | tr ' \n' '||' | sed 's/|*$//; s/||*/|/g')
# Toctree entries outside SPHINXDIRS are missing by construction of a
# partial build, so "nonexisting document" is not the series' doing.
warn=$(grep -iE 'warning|error' "$obj/htmldocs.log" | grep -E "$pat" |
	grep -v 'toctree contains reference to nonexisting document' || true)
if [ -n "$warn" ]; then
	echo "$warn" | sed 's/^/    /'
	echo "docs: Sphinx warnings in the series' files"
	exit 1
fi
echo "docs: $dirs built, no warning from: $(echo "$rst" | tr '\n' ' ')"
