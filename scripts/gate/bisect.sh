#!/bin/sh
# Every patch builds: the base, then each prefix of the series, built
# incrementally with W=1 in the main guest's own build directory (the
# guest of configs/builds: the feature, its KUnit suite, test module and
# in-tree users), so that the guest and the gate compile each file once.
# A warning counts as new when the base build does not print it. The
# work tree is moved through the commits and always put back.
set -eu
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"

name=guest
base=$(base_commit)
[ -z "$(work_tree_edits)" ] ||
	die "bisect: $WORK_TREE has uncommitted changes, and the bisect builds commits; commit them (then make export) or discard them"
tip=$(git -C "$WORK_TREE" rev-parse HEAD)
branch=$(git -C "$WORK_TREE" symbolic-ref -q --short HEAD || true)
# The walk rewrites the series' files, and with new times every other
# build directory (debug, guest-i386, ...) would recompile them, although
# back at the tip their content is what those builds compiled: they get
# their times back. Only when the walk ended with a build of the tip, so
# that the guest's own objects are the tip's too.
mtimes=$OUT/$name.bisect-mtimes
git -C "$WORK_TREE" log --format= --name-only "$base..$tip" | sort -u | while IFS= read -r f; do
	[ ! -e "$WORK_TREE/$f" ] || printf '%s\t%s\n' "$(stat -c %y "$WORK_TREE/$f")" "$f"
done >"$mtimes"
tip_built=0
# shellcheck disable=SC2317 # run by the trap
restore() {
	git -C "$WORK_TREE" checkout -q "${branch:-$tip}"
	[ "$tip_built" = 1 ] || return 0
	while IFS="$(printf '\t')" read -r t f; do
		touch -m -d "$t" "$WORK_TREE/$f"
	done <"$mtimes"
}
trap restore EXIT
trap 'exit 1' INT TERM

# The fragments as at the last patch (a kselftest's config file only
# exists from its patch on), copied out of the tree; the series' own
# options only exist after their patch: NOCHECK, but the last build must
# have them all.
frags=$OUT/$name.bisect-fragments
rm -rf "$frags"
mkdir -p "$frags"
n=0
for f in $(build_fragments "$name"); do
	n=$((n + 1))
	case $f in /*) p=$f ;; *) p=$TOP/$f ;; esac
	cp "$p" "$frags/$n-${f##*/}"
done

# build_at COMMIT: check it out and build it; its warnings, normalised
# (paths relative to the tree), go to $OUT/$name/warnings.COMMIT.
build_at() {
	git -C "$WORK_TREE" checkout -q --detach "$1"
	# shellcheck disable=SC2046 # a list of paths without blanks
	if ! NOCHECK=1 TARGETS="vmlinux modules" "$TOP/scripts/pipeline/build.sh" "$name" $(ls -d "$frags"/*) >"$OUT/$name.bisect.out" 2>&1; then
		sed 's/^/    /' "$OUT/$name.bisect.out"
		return 1
	fi
	sed "s|$WORK_TREE/||g; s|$OUT/$name/||g" "$OUT/$name/warnings.log" | sort -u >"$OUT/$name/warnings.$1"
}

build_at "$base" || { echo "bisect: the base itself does not build"; exit 1; }
bad=0 n=0
for c in $(git -C "$WORK_TREE" rev-list --reverse "$base..$tip"); do
	n=$((n + 1))
	subject=$(git -C "$WORK_TREE" log -1 --format=%s "$c")
	if ! build_at "$c"; then
		echo "bisect: patch $n ($subject) does not build"
		bad=1
		continue
	fi
	[ "$c" != "$tip" ] || tip_built=1
	new=$(comm -13 "$OUT/$name/warnings.$base" "$OUT/$name/warnings.$c")
	if [ -n "$new" ]; then
		echo "$new" | sed 's/^/    /'
		echo "bisect: patch $n ($subject) adds W=1 warnings"
		bad=1
	else
		echo "bisect: patch $n builds, no new W=1 warning: $subject"
	fi
done
for opt in CONFIG_CALL_COUNTER_KUNIT_TEST=y CONFIG_TEST_CALL_COUNTER=m CONFIG_SPI_STATISTICS_KUNIT_TEST=y; do
	grep -q "^$opt\$" "$OUT/$name/.config" || { echo "bisect: $opt not set at the last patch"; bad=1; }
done
exit "$bad"
