#!/bin/sh
# The base the series names: with KERNEL_SRC at an upstream clone, export
# writes that clone's base-commit; with the tree made from Debian's
# package, send.sh refuses to send for real, saying why. (check-signed
# checks the dry run's base-commit and change-id.)
set -eu
# shellcheck source=selftests/lib.sh
. "$(dirname "$0")/lib.sh"
. "$TOP/scripts/pin.env"

# A stand-in upstream clone with the base tag, and one commit on it.
up=$SCRATCH/upstream
git init -q -b main "$up"
echo base >"$up/file"
git -C "$up" add file
git -C "$up" -c user.name=t -c user.email=t@localhost commit -qm base
git -C "$up" tag "$BASE_TAG"
export KERNEL_SRC="$up" WORK_TREE="$SCRATCH/work" CALL_COUNTER_CACHE="$SCRATCH/cache"
"$TOP/scripts/pipeline/tree.sh" 2>/dev/null
echo change >>"$WORK_TREE/file"
git -C "$WORK_TREE" -c user.name=t -c user.email=t@localhost commit -qam "file: a change"
mkdir "$SCRATCH/patches"
cp "$TOP"/patches/v*-0000-cover-letter.patch "$SCRATCH/patches/"
PATCHES=$SCRATCH/patches "$TOP/scripts/send/export.sh" 2>/dev/null
grep -q "^base-commit: $(git -C "$up" rev-parse "$BASE_TAG")\$" "$SCRATCH"/patches/*-0000-*.patch ||
	fail "export with KERNEL_SRC does not name that tree's base-commit"
echo "ok: export names the upstream clone's base-commit"

# Without KERNEL_SRC the base is the tree made from Debian's package.
unset KERNEL_SRC
expect_fail "send refuses a base upstream lacks" "refusing to send.*KERNEL_SRC" \
	env SUBMITTER="T <t@example.invalid>" "$TOP/scripts/send/send.sh" --send
echo "PASS: send-base"
