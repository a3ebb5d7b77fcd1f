#!/bin/sh
# Apply patches/ with plain `git am` (no 3-way) on a fresh branch from the
# base, in the work tree. Does nothing when the same series is applied.
set -eu
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"

PATCHES=${PATCHES:-$TOP/patches}
git -C "$WORK_TREE" rev-parse -q --verify HEAD >/dev/null 2>&1 ||
	die "no work tree at $WORK_TREE; run scripts/pipeline/tree.sh first"
base=$(base_commit)

list=$(series_patches)
stamp=$(series_stamp)
stampfile=$(stamp_file)
head=$(git -C "$WORK_TREE" rev-parse HEAD)

if [ -f "$stampfile" ] && [ "$(cat "$stampfile")" = "$stamp $head" ]; then
	log "apply: series already applied in $WORK_TREE ($(echo "$list" | grep -c . || true) patches)"
	# The developer loop: edits are built and tested, and the verdict says so.
	[ -z "$(work_tree_edits)" ] ||
		log "apply: warning: $WORK_TREE has uncommitted changes: what is built and tested is not patches/"
	exit 0
fi

# Nothing is lost: refuse to throw away commits or edits made in the tree.
known=$(cut -d' ' -f2 "$stampfile" 2>/dev/null || true)
if [ "$head" != "$base" ] && [ "$head" != "$known" ]; then
	die "work tree $WORK_TREE has commits not exported to patches/; run 'make export' or 'git -C $WORK_TREE reset --hard $BASE_TAG'"
fi
if [ -n "$(work_tree_edits)" ]; then
	die "work tree $WORK_TREE has uncommitted changes; commit and 'make export' them, or discard them"
fi

# git am and its --abort need an identity (reflog, committer), and a fresh
# machine may have none: the commits' own authors are kept all the same.
gw() { git -C "$WORK_TREE" -c user.name=apply -c user.email=apply@localhost "$@"; }
gw am --abort >/dev/null 2>&1 || true
gw checkout -q -B series "$base"
n=0
for p in $list; do
	if ! gw am -q --no-3way --committer-date-is-author-date "$p" >"$WORK_TREE.am.log" 2>&1; then
		sed 's/^/    /' "$WORK_TREE.am.log" >&2
		gw am --abort >/dev/null 2>&1 || true
		gw checkout -q -B series "$base"
		die "apply: $(basename "$p") does not apply with 'git am' on $BASE_TAG (tree reset to the base)"
	fi
	n=$((n + 1))
done
record_applied
if [ "$n" -eq 0 ]; then
	log "apply: the series is empty (no patch in $PATCHES): the base kernel is built"
else
	log "apply: $n patches applied on $BASE_TAG"
fi
