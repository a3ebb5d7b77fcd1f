#!/bin/sh
# Make the base git tree (first commit = the unpacked pinned source, tagged
# $BASE_TAG), then the work tree where the series gets applied.
# With KERNEL_SRC the user's tree is the base and must have $BASE_TAG.
set -eu
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"

if [ -z "${KERNEL_SRC:-}" ]; then
	if ! git -C "$BASE_TREE" rev-parse -q --verify "refs/tags/$BASE_TAG" >/dev/null 2>&1; then
		[ -f "$CACHE/src/.unpacked" ] || die "no unpacked base in $CACHE/src; run scripts/pipeline/fetch.sh"
		log "tree: making the base git tree in $BASE_TREE"
		rm -rf "$BASE_TREE"
		mv "$CACHE/src" "$BASE_TREE"
		rm -f "$BASE_TREE/.unpacked"
		# Fixed identity and dates: the same base commit id on every machine.
		export GIT_AUTHOR_NAME=base GIT_AUTHOR_EMAIL=base@localhost \
			GIT_COMMITTER_NAME=base GIT_COMMITTER_EMAIL=base@localhost \
			GIT_AUTHOR_DATE='2026-01-01T00:00:00Z' GIT_COMMITTER_DATE='2026-01-01T00:00:00Z'
		git -C "$BASE_TREE" init -q -b base
		# Debian's top-level .gitignore holds '/*': force-add everything.
		git -C "$BASE_TREE" add -f -A .
		git -C "$BASE_TREE" commit -q -m "Linux $BASE_VERSION ($BASE_PACKAGE, $BASE_SUITE)"
		git -C "$BASE_TREE" tag "$BASE_TAG"
	fi
else
	git -C "$KERNEL_SRC" rev-parse -q --verify "$BASE_TAG^{commit}" >/dev/null ||
		die "KERNEL_SRC=$KERNEL_SRC has no $BASE_TAG; fetch the tag or check out the base there"
fi

base=$(git -C "$BASE_TREE" rev-parse "$BASE_TAG^{commit}")
if ! git -C "$WORK_TREE" rev-parse -q --verify "$base^{commit}" >/dev/null 2>&1; then
	log "tree: cloning the base into the work tree $WORK_TREE"
	rm -rf "$WORK_TREE"
	git clone -q --shared --no-checkout "$BASE_TREE" "$WORK_TREE"
	git -C "$WORK_TREE" checkout -q -B base "$base"
	git -C "$WORK_TREE" tag -f "$BASE_TAG" "$base" >/dev/null
fi
log "tree: base $BASE_TAG = $base"
