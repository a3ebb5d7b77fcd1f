#!/bin/sh
# Configure and build the work tree out of tree, W=1.
# usage: build.sh NAME [FRAGMENT...]
#   NAME      build directory $OUT/NAME; a build listed in configs/builds
#             takes its architecture and, without FRAGMENTs, its
#             fragments from there
#   FRAGMENT  a config fragment: a path (checked: every option must end up
#             in .config as asked), or tree:PATH for a fragment of the
#             kernel tree (merged, not checked: generic fragments name
#             options of other architectures)
# The config is tinyconfig + the fragments, merged with merge_config.sh.
# Every build is W=1, so that one build directory serves both the guest
# and the gate's per-patch builds (W= changes every compiler command).
# Env: ARCH (x86_64, i386, arm64; for builds not in configs/builds), JOBS,
# W (default 1; W= for none), TARGETS (make goals, default: the kernel
# image and modules, installed in staging/), NOCHECK=1 (do not check
# that options stuck: for trees that predate some of them), DRY_RUN=1
# (print the commands only). Every command is printed, and kept in
# $OUT/NAME/commands.
set -eu
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"

[ $# -ge 1 ] || die "usage: build.sh NAME [FRAGMENT...]"
name=$1
shift
W=${W-1}
if [ -n "$(build_line "$name")" ]; then
	ARCH=$(build_arch "$name")
	load_arch
	# shellcheck disable=SC2046 # a list of paths without blanks
	[ $# -gt 0 ] || set -- $(build_fragments "$name")
fi
[ $# -gt 0 ] || die "build.sh: '$name' is not in configs/builds; give its fragments"
obj=$OUT/$name
# A dry run writes nothing, not even the logs of the last build.
mlog=$obj/merge.log blog=$obj/build.log
if dry_run; then mlog=/dev/null blog=/dev/null; else mkdir -p "$obj"; fi

image=$(kernel_image "$obj")
image=${image##*/}
cross=$(cross_prefix)
dry_run || need "${cross}gcc" "$ARCH_PACKAGES"
dry_run || need ccache ccache

kmake() { kbuild "$obj" "$@"; }

# Fragment paths: repository-relative or absolute; tree:PATH in the kernel.
frags=
checked=
for f in "$@"; do
	case $f in
	tree:*) p=$WORK_TREE/${f#tree:} ;;
	/*) p=$f; [ -n "${NOCHECK:-}" ] || checked="$checked $p" ;;
	*) p=$TOP/$f; [ -n "${NOCHECK:-}" ] || checked="$checked $p" ;;
	esac
	[ -f "$p" ] || die "config fragment $f not found ($p)"
	frags="$frags $p"
done

# Reconfigure only when a fragment or the tree's Kconfig changed, so that
# an unchanged second run rebuilds nothing.
stamp=$( { echo "$ARCH"; for p in $frags; do echo "$p"; cat "$p"; done
	git -C "$WORK_TREE" rev-parse HEAD; } | sha256sum | cut -d' ' -f1)
if dry_run || [ ! -f "$obj/.config" ] || [ "$(cat "$obj/.config.stamp" 2>/dev/null)" != "$stamp" ]; then
	log "build[$name]: configuring: tinyconfig +$(for p in $frags; do printf ' %s' "${p##*/}"; done)"
	dry_run || { rm -f "$obj/.commands-build" "$obj/.commands-boot"; : >"$obj/.commands-config"; }
	export CMDS="$obj/.commands-config"
	kmake -s tinyconfig >/dev/null
	# shellcheck disable=SC2086 # $frags is a list of paths without blanks
	cmd env -C "$WORK_TREE" ARCH="$ARCH" CROSS_COMPILE="$cross" \
		scripts/kconfig/merge_config.sh -m -O "$obj" "$obj/.config" $frags >"$mlog" 2>&1 ||
		die "build[$name]: merge_config.sh failed, see $obj/merge.log"
	kmake -s olddefconfig >/dev/null
fi
if ! dry_run && [ "$(cat "$obj/.config.stamp" 2>/dev/null)" != "$stamp" ]; then
	# merge_config drops options whose dependencies are unmet, silently.
	bad=$(for p in $checked; do
		sed -n -e 's/^\(CONFIG_[A-Za-z0-9_]*\)=.*/&/p' \
			-e 's/^# \(CONFIG_[A-Za-z0-9_]*\) is not set$/&/p' "$p" |
			while IFS= read -r want; do
				opt=$(echo "$want" | sed 's/^# //; s/[= ].*//')
				got=$(grep -E "^($opt=|# $opt is not set)" "$obj/.config" || echo "# $opt is not set")
				[ "$want" = "$got" ] || echo "  ${p##*/}: asked '$want', got '$got'"
			done
	done)
	if [ -n "$bad" ]; then
		rm -f "$obj/.config.stamp"
		die "build[$name]: options not set as asked (unmet dependencies?):
$bad"
	fi
	echo "$stamp" >"$obj/.config.stamp"
fi

targets=${TARGETS:-$image modules}
log "build[$name]: make -j$JOBS $targets ($ARCH${W:+, W=$W})"
dry_run || : >"$obj/.commands-build"
export CMDS="$obj/.commands-build"
# shellcheck disable=SC2086 # $targets is a list of make goals
kmake -s -j"$JOBS" $targets >"$blog" 2>&1 || {
	grep -E 'error|Error' "$obj/build.log" | head -n 20 >&2
	die "build[$name]: make failed, see $obj/build.log"
}
# Warnings are kept for the upstream checks (W=1 comparison).
dry_run || grep -E 'warning:' "$obj/build.log" >"$obj/warnings.log" || true

# The modules are installed for a bootable build (the image among the
# targets), not for check-bisect's per-patch builds of vmlinux.
case " $targets " in
*" $image "*)
	case " $targets " in
	*" modules "*)
		dry_run || rm -rf "$obj/staging"
		kmake -s INSTALL_MOD_PATH="$obj/staging" INSTALL_MOD_STRIP=1 modules_install >/dev/null
		;;
	esac
	;;
esac
dry_run && exit 0
commands_join "$obj"
log "build[$name]: done ($(wc -l <"$obj/warnings.log") warning lines); commands in $obj/commands"
