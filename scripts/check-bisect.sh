#!/bin/sh
# Every patch builds: the base, then each prefix of the series, built
# incrementally with W=1 (x86_64, the guest config with the feature, its
# KUnit suite, test module and in-tree users). A warning counts as new
# when the base build does not print it. Uses its own worktree and build
# directory, so the work tree and the guest build are left alone.
set -eu
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

tree=$CACHE/check-tree
name=check-bisect
base=$(base_commit)
ensure_worktree "$tree"
frags="tree:arch/x86/configs/tiny.config configs/qemu-guest.config configs/users.config configs/call-counter.config"

# build_at COMMIT: check it out and build it; its warnings, normalised
# (paths relative to the tree), go to $OUT/$name/warnings.COMMIT.
build_at() {
	git -C "$tree" checkout -q --detach "$1"
	# shellcheck disable=SC2086 # $frags is a list
	if ! WORK_TREE=$tree W=1 NOCHECK=1 ARCH=x86_64 \
		"$TOP/scripts/build.sh" "$name" $frags >"$OUT/$name.out" 2>&1; then
		sed 's/^/    /' "$OUT/$name.out"
		return 1
	fi
	sed "s|$tree/||g; s|$OUT/$name/||g" "$OUT/$name/warnings.log" | sort -u >"$OUT/$name/warnings.$1"
}

# The series' own options only exist after their patch: NOCHECK, but the
# final build must have them all.
build_at "$base" || { echo "bisect: the base itself does not build"; exit 1; }
bad=0 n=0
for c in $(git -C "$WORK_TREE" rev-list --reverse "$base..HEAD"); do
	n=$((n + 1))
	subject=$(git -C "$WORK_TREE" log -1 --format=%s "$c")
	if ! build_at "$c"; then
		echo "bisect: patch $n ($subject) does not build"
		bad=1
		continue
	fi
	new=$(comm -13 "$OUT/$name/warnings.$base" "$OUT/$name/warnings.$c")
	if [ -n "$new" ]; then
		echo "$new" | sed 's/^/    /'
		echo "bisect: patch $n ($subject) adds W=1 warnings"
		bad=1
	else
		echo "bisect: patch $n builds, no new W=1 warning: $subject"
	fi
done
for opt in CONFIG_CALL_COUNTER=y CONFIG_CALL_COUNTER_KUNIT_TEST=y CONFIG_TEST_CALL_COUNTER=m; do
	grep -q "^$opt\$" "$OUT/$name/.config" || { echo "bisect: $opt not set at the last patch"; bad=1; }
done
exit "$bad"
