#!/bin/sh
# checkpatch.pl --strict (with codespell) on every patch of patches/
# except the cover letter: 0 errors, 0 warnings, 0 checks.
# Env: PATCHES (directory), SIGNED=1 (check Signed-off-by too).
set -eu
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"

dict=/usr/lib/python3/dist-packages/codespell_lib/data/dictionary.txt
[ -f "$dict" ] || die "codespell dictionary $dict missing; install codespell"
# The stored series is unsigned (the submitter signs it); a signed one
# must carry the Signed-off-by.
signoff=--no-signoff
[ -n "${SIGNED:-}" ] && signoff=
bad=0
for p in $(series_patches); do
	# checkpatch runs spdxcheck.py with the first python3 on PATH: Debian's.
	out=$(cd "$WORK_TREE" && PATH=/usr/bin:$PATH ./scripts/checkpatch.pl --strict \
		$signoff --show-types \
		--codespell --codespellfile "$dict" "$p" 2>&1) || true
	if ! echo "$out" | grep -q '^total: 0 errors, 0 warnings, 0 checks'; then
		echo "$out" | grep -E '^(ERROR|WARNING|CHECK)|^#|^\+|^total' | head -n 30 | sed 's/^/    /'
		echo "checkpatch: ${p##*/}: not clean"
		bad=1
	fi
done
[ "$bad" -eq 0 ] && echo "checkpatch: $(series_patches | wc -l) patches clean (--strict, codespell)"
exit "$bad"
