#!/bin/sh
# Export the series from the work tree to patches/ with git format-patch.
# The cover letter's subject and text are kept from the current
# patches/v<N>-0000-cover-letter.patch (or the branch description); git
# regenerates its shortlog, diffstat and base-commit.
# Env: WORK_TREE (the tree to export from), VERSION (default: current N).
set -eu
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"

PATCHES=${PATCHES:-$TOP/patches}
base=$(base_commit)
git -C "$WORK_TREE" merge-base --is-ancestor "$base" HEAD ||
	die "HEAD of $WORK_TREE is not based on $BASE_TAG ($base)"
[ -z "$(work_tree_edits)" ] ||
	die "$WORK_TREE has uncommitted changes; commit them first"
[ "$(git -C "$WORK_TREE" rev-list --count "$base..HEAD")" -gt 0 ] ||
	die "no commit on top of $BASE_TAG in $WORK_TREE"

cur=$(find "$PATCHES" -maxdepth 1 -name 'v*-0000-cover-letter.patch' | sort | tail -n 1)
old=$(basename "${cur:-v1-}" | sed -n 's/^v\([0-9]*\)-.*/\1/p')
version=${VERSION:-${old:-1}}
branch=$(git -C "$WORK_TREE" symbolic-ref --short HEAD)

# Cover text: the stored cover letter's subject and body (up to the
# shortlog) become the branch description format-patch reads.
if [ -n "$cur" ]; then
	desc=$(mktemp)
	/usr/bin/python3 "$TOP/scripts/send/cover-text.py" "$cur" >"$desc"
	git -C "$WORK_TREE" config "branch.$branch.description" "$(cat "$desc")"
	rm -f "$desc"
fi
git -C "$WORK_TREE" config "branch.$branch.description" >/dev/null ||
	die "no cover letter text: set it with 'git -C $WORK_TREE branch --edit-description'"

# Files the series adds but git ignores (Debian's top .gitignore is '/*').
# shellcheck disable=SC2046 # directory names have no blanks
ignored=$(git -C "$WORK_TREE" ls-files --others --ignored --exclude-standard \
	$(git -C "$WORK_TREE" diff --name-only "$base" HEAD | xargs -n1 dirname | sort -u) 2>/dev/null |
	grep -v -E '(\.o|\.cmd|\.ko|\.mod.*|\.a|/call_counter_test)$' || true)
[ -z "$ignored" ] || log "export: warning: untracked files next to the series (git add -f them?):
$ignored"

# git writes the cover letter "From:" the committer of this machine's git
# configuration; the stored series names nobody (Sign-off and
# attribution): the cover is from the series' own author, as its patches.
name=$(git -C "$WORK_TREE" log -1 --format=%an "$base..HEAD")
email=$(git -C "$WORK_TREE" log -1 --format=%ae "$base..HEAD")
tmp=$(mktemp -d)
git -C "$WORK_TREE" -c user.name="$name" -c user.email="$email" \
	format-patch -q -o "$tmp" -v "$version" --cover-letter \
	--cover-from-description=subject --base="$base" --no-signature \
	--subject-prefix=PATCH "$base..HEAD"
# git dates the cover letter "now"; date it like the last commit, so that
# exporting an unchanged series changes no file.
date=$(git -C "$WORK_TREE" log -1 --format=%aD HEAD)
sed -i "1,5s/^Date: .*/Date: $date/" "$tmp"/*-0000-cover-letter.patch
rm -f "$PATCHES"/*.patch
mkdir -p "$PATCHES"
mv "$tmp"/*.patch "$PATCHES/"
rmdir "$tmp"

# apply.sh must see this tree as the applied state of the new series.
record_applied
log "export: $(find "$PATCHES" -name '*.patch' | wc -l) files in $PATCHES (v$version)"
