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
# covered PATCH: every file PATCH adds already has a MAINTAINERS section
# (not "THE REST"). checkpatch asks "does MAINTAINERS need updating?" of
# every patch that adds a file without touching MAINTAINERS; for files
# under an entry's F: pattern the answer is no.
covered() {
	# shellcheck disable=SC2013 # kernel paths have no blanks
	for f in $(awk '/^diff --git / { f = $4; sub(/^b\//, "", f) } /^new file mode/ { print f }' "$1"); do
		(cd "$WORK_TREE" && ./scripts/get_maintainer.pl --no-git --no-git-fallback --sections -f "$f" 2>/dev/null) |
			grep -v -e '^[[:space:]]' -e '^$' -e '^THE REST$' -e '^[A-Z]:' | grep -q . || return 1
	done
}
bad=0
for p in $(series_patches); do
	ignore=
	covered "$p" && ignore=--ignore=FILE_PATH_CHANGES
	# checkpatch runs spdxcheck.py with the first python3 on PATH: Debian's.
	out=$(cd "$WORK_TREE" && PATH=/usr/bin:$PATH ./scripts/checkpatch.pl --strict \
		$signoff $ignore --show-types \
		--codespell --codespellfile "$dict" "$p" 2>&1) || true
	if ! echo "$out" | grep -q '^total: 0 errors, 0 warnings, 0 checks'; then
		echo "$out" | grep -E '^(ERROR|WARNING|CHECK)|^#|^\+|^total' | head -n 30 | sed 's/^/    /'
		echo "checkpatch: ${p##*/}: not clean"
		bad=1
	fi
done
[ "$bad" -eq 0 ] && echo "checkpatch: $(series_patches | wc -l) patches clean (--strict, codespell)"
exit "$bad"
