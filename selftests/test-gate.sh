#!/bin/sh
# The upstream gate fails on a bad patch and names the check and the
# patch: a series with one more patch that adds a line over 100 columns
# and drops a kernel-doc parameter. Needs the work tree (make apply).
set -eu
# shellcheck source=selftests/lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=scripts/lib.sh
. "$TOP/scripts/lib.sh"

tree=$SCRATCH/tree
git -C "$WORK_TREE" worktree add -q --detach "$tree" HEAD
cleanup() { git -C "$WORK_TREE" worktree remove --force "$tree" 2>/dev/null || true; rm -rf "$SCRATCH"; }
trap cleanup EXIT

f=$tree/lib/call_counter.c
grep -q '^ \* @cpu: a possible CPU, online or not$' "$f" || fail "test needs the @cpu line of call_counter_read_cpu()"
sed -i '/^ \* @cpu: a possible CPU, online or not$/d' "$f"
sed -i 's|^u64 call_counter_read(const struct call_counters \*cc, unsigned int i)$|/* A comment that is far too long for the kernel coding style, which wants lines of at most 100 columns. */\n&|' "$f"
grep -q '^/\* A comment that is far too long' "$f" || fail "test needs the definition line of call_counter_read()"
git -C "$tree" -c user.name=t -c user.email=t@example.invalid commit -qam "lib/call_counter: a bad patch"
mkdir "$SCRATCH/patches"
cp "$TOP"/patches/*.patch "$SCRATCH/patches/"
# The bad patch comes last: number N of N.
n=$(git -C "$tree" rev-list --count "$(base_commit)..HEAD")
num=$(printf %04d "$n")
git -C "$tree" format-patch -q --start-number "$n" -o "$SCRATCH/patches" -1

PATCHES=$SCRATCH/patches expect_fail "checkpatch names the patch" \
	"checkpatch: $num-lib-call_counter-a-bad-patch.patch: not clean" \
	"$TOP/scripts/gate/check.sh" checkpatch
grep -q "LONG_LINE" "$SCRATCH/expect.out" || fail "checkpatch output does not show the long line"
WORK_TREE=$tree expect_fail "kernel-doc names the patch" \
	"kerneldoc: warnings in lib/call_counter.c, from: .*patch $n/$n: lib/call_counter: a bad patch" \
	"$TOP/scripts/gate/check.sh" kerneldoc
echo "PASS: gate"
