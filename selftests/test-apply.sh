#!/bin/sh
# apply.sh on a small stand-in base: a patch that does not apply is named
# and the am is aborted; a good series applies; a second run is a no-op
# that says when uncommitted edits are what gets tested; commits not
# exported to patches/ are never thrown away.
set -eu
# shellcheck source=selftests/lib.sh
. "$(dirname "$0")/lib.sh"
. "$TOP/scripts/pin.env"

base=$SCRATCH/base
git init -q -b main "$base"
printf 'one\ntwo\nthree\n' >"$base/file"
git -C "$base" add file
git -C "$base" -c user.name=t -c user.email=t@localhost commit -qm base
git -C "$base" tag "$BASE_TAG"
export KERNEL_SRC="$base" WORK_TREE="$SCRATCH/work" CALL_COUNTER_CACHE="$SCRATCH/cache"
"$TOP/scripts/pipeline/tree.sh" 2>/dev/null

# A good patch, made with format-patch on a scratch clone.
git clone -q "$base" "$SCRATCH/dev"
sed -i 's/two/TWO/' "$SCRATCH/dev/file"
git -C "$SCRATCH/dev" -c user.name=t -c user.email=t@localhost commit -qam "file: shout two"
mkdir "$SCRATCH/good" "$SCRATCH/bad"
git -C "$SCRATCH/dev" format-patch -q -o "$SCRATCH/good" -1
sed 's/^-two/-zwei/' "$SCRATCH/good/0001-file-shout-two.patch" >"$SCRATCH/bad/0001-file-shout-two.patch"

PATCHES=$SCRATCH/bad expect_fail "bad patch is named" "0001-file-shout-two.patch does not apply" \
	"$TOP/scripts/pipeline/apply.sh"
[ ! -d "$WORK_TREE/.git/rebase-apply" ] || fail "git am was not aborted"
[ "$(git -C "$WORK_TREE" rev-parse HEAD)" = "$(git -C "$base" rev-parse HEAD)" ] ||
	fail "work tree not back at the base after a failed apply"

PATCHES=$SCRATCH/good "$TOP/scripts/pipeline/apply.sh" 2>/dev/null || fail "good patch did not apply"
grep -q TWO "$WORK_TREE/file" || fail "good patch applied but the file is unchanged"
echo "ok: good patch applies"
PATCHES=$SCRATCH/good "$TOP/scripts/pipeline/apply.sh" 2>&1 | grep -q "already applied" ||
	fail "second apply of the same series was not a no-op"
echo "ok: second apply is a no-op"
# Uncommitted edits in the tree are built, and the apply says they are.
echo edit >>"$WORK_TREE/file"
PATCHES=$SCRATCH/good "$TOP/scripts/pipeline/apply.sh" 2>&1 | grep -q "not patches/" ||
	fail "apply did not say that the work tree has uncommitted changes"
git -C "$WORK_TREE" checkout -q -- file
echo "ok: uncommitted edits are reported"

# An unexported commit in the work tree must survive a new apply.
echo four >>"$WORK_TREE/file"
git -C "$WORK_TREE" -c user.name=t -c user.email=t@localhost commit -qam "local work"
PATCHES=$SCRATCH/bad expect_fail "unexported work is kept" "not exported" "$TOP/scripts/pipeline/apply.sh"
grep -q four "$WORK_TREE/file" || fail "unexported work was lost"
echo "PASS: apply"
