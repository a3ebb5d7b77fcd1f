# shellcheck shell=sh disable=SC2034
# Common definitions for the pipeline scripts; sourced, never run.
# Paths, the pin, and error helpers live here so that no script repeats them.

# The repository: the nearest directory above the running script that
# holds scripts/lib.sh (scripts live one or two levels down).
TOP=$(cd "$(dirname "$0")" && while [ ! -f scripts/lib.sh ] && [ "$PWD" != / ]; do cd ..; done && pwd)
[ -f "$TOP/scripts/lib.sh" ] || { echo "error: no scripts/lib.sh above $0" >&2; exit 1; }
# shellcheck source=scripts/pin.env
. "$TOP/scripts/pin.env"

CACHE=${CALL_COUNTER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/call-counter}
OUT=${OUT:-$CACHE/out}
JOBS=${JOBS:-$(nproc)}
ARCH=${ARCH:-x86_64}
export CCACHE_DIR="${CCACHE_DIR:-$CACHE/ccache}"

# The pristine base git tree: the user's KERNEL_SRC or the one tree.sh makes.
BASE_TREE=${KERNEL_SRC:-$CACHE/linux}
# The tree the series is applied in: a worktree so the base stays untouched.
WORK_TREE=${WORK_TREE:-$CACHE/work}

# Progress lines carry the time since the make command started (CC_START,
# set by the Makefile), so that a reader sees where the time goes.
# A script run by hand counts from its own start.
: "${CC_START:=$(date +%s)}"
export CC_START
elapsed() {
	_s=$(($(date +%s) - CC_START))
	printf '%d:%02d' $((_s / 60)) $((_s % 60))
}
log() { printf '==> [%s] %s\n' "$(elapsed)" "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# File descriptor 9: the terminal's stderr, where show_cmd prints even
# when a command's own output is redirected to a log (not 3 or 4, which
# a parallel make may pass on for its jobserver).
exec 9>&2

# shell_quote ARG...: the ARGs as one line that a shell reads back as
# the same words.
shell_quote() {
	_sep=
	for _a in "$@"; do
		case $_a in
		'' | *[!A-Za-z0-9_./:=,+@%-]*) printf "%s'%s'" "$_sep" "$(printf '%s' "$_a" | sed "s/'/'\\\\''/g")" ;;
		*) printf '%s%s' "$_sep" "$_a" ;;
		esac
		_sep=' '
	done
}

# show_cmd CMD...: print CMD ("$ CMD", as it can be pasted into a
# shell); outside a dry run also keep it in the file $CMDS when set: a
# section of $OUT/NAME/commands, the commands that reproduce a build and
# its boot (commands_join).
show_cmd() {
	_q=$(shell_quote "$@")
	printf '    $ %s\n' "$_q" >&9
	dry_run || [ -z "${CMDS:-}" ] || echo "$_q" >>"$CMDS"
}

# cmd CMD...: show_cmd CMD, then run it unless DRY_RUN=1.
cmd() {
	show_cmd "$@"
	dry_run || "$@"
}
dry_run() { [ "${DRY_RUN:-}" = 1 ]; }

# commands_join OBJ: $OBJ/commands from its sections: the configuration
# (written when the build configures), the build, the last boot.
commands_join() {
	! dry_run || return 0
	cat "$1/.commands-config" "$1/.commands-build" "$1/.commands-boot" >"$1/commands" 2>/dev/null || true
}

# work_tree_edits: the files of the work tree changed and not committed.
work_tree_edits() { git -C "$WORK_TREE" status --porcelain --untracked-files=no; }

# need CMD PACKAGE: fail with the package to install when CMD is missing.
need() {
	command -v "$1" >/dev/null 2>&1 ||
		die "'$1' not found; install Debian package '$2' (make deps)"
}

# The guest architectures: a file each, configs/arch/ARCH.sh.
arches() { for _a in "$TOP"/configs/arch/*.sh; do _a=${_a##*/}; echo "${_a%.sh}"; done; }

# arch_get ARCH KEY: the value of ARCH_KEY in ARCH's file.
# shellcheck disable=SC2016 # expanded by the inner shell
arch_get() { sh -c '. "$1" && eval "echo \"\$ARCH_$2\""' arch_get "$TOP/configs/arch/$1.sh" "$2"; }

# load_arch: read $ARCH's file (its ARCH_* settings); fails for an
# architecture that has none.
load_arch() {
	[ -f "$TOP/configs/arch/$ARCH.sh" ] ||
		die "ARCH=$ARCH: no configs/arch/$ARCH.sh (there are: $(arches | tr '\n' ' '))"
	# shellcheck source=configs/arch/x86_64.sh
	. "$TOP/configs/arch/$ARCH.sh"
}
load_arch

# cross_prefix: the CROSS_COMPILE prefix of $ARCH (empty: the host's gcc).
cross_prefix() { echo "$ARCH_CROSS"; }

# user_cc: the C compiler of $ARCH's user space, for the guests' static
# programs.
user_cc() { echo "$ARCH_USER_CC"; }

# kernel_image OBJ: the bootable image of the build directory OBJ.
kernel_image() { echo "$1/$ARCH_IMAGE"; }

# guest_build ARCH: the name of the test guest's build of ARCH.
guest_build() { if [ "$1" = x86_64 ]; then echo guest; else echo "guest-$1"; fi; }

# use_build NAME: fail unless NAME is a build of configs/builds, and take
# its architecture.
use_build() {
	[ -n "$(build_line "$1")" ] || die "no build '$1' in configs/builds"
	ARCH=$(build_arch "$1")
	load_arch
}

# kbuild OBJ [MAKE-ARG...]: make in the work tree for the build directory
# OBJ exactly as build.sh builds it (ARCH, cross compiler, ccache, W),
# so that a step working on a build reuses its objects instead of
# recompiling them with other commands.
kbuild() {
	_obj=$1 _cross=$(cross_prefix)
	shift
	cmd make -C "$WORK_TREE" O="$_obj" ARCH="$ARCH" ${_cross:+CROSS_COMPILE=$_cross} \
		CC="ccache ${_cross}gcc" HOSTCC="ccache gcc" ${W:+W=$W} "$@"
}

# ext_modules OBJ DIR [MAKE-ARG...]: build the out-of-tree modules in DIR
# against the kernel build OBJ, with its compiler.
ext_modules() {
	_o=$1 _dir=$2
	shift 2
	kbuild "$_o" -s M="$_dir" "$@" modules
}

base_commit() { git -C "$BASE_TREE" rev-parse "$BASE_TAG^{commit}"; }

# Selftest directories (under tools/testing/selftests) the applied series adds.
series_selftests() {
	git -C "$WORK_TREE" diff --name-only "$(base_commit)" HEAD -- tools/testing/selftests |
		sed -n 's|^tools/testing/selftests/\([^/]*\)/.*|\1|p' | sort -u | tr '\n' ' '
}

# build_line NAME: the architecture and fragments of build NAME in
# configs/builds, or of an architecture's test guest (guest, guest-ARCH:
# derived from configs/arch/ARCH.sh); empty when NAME is neither.
build_line() {
	sed -n "s/^$1[[:space:]][[:space:]]*//p" "$TOP/configs/builds"
	for _a in $(arches); do
		[ "$1" = "$(guest_build "$_a")" ] || continue
		echo "$_a configs/qemu-guest.config $(arch_get "$_a" FRAGMENTS) configs/users.config series"
	done
}
build_arch() { build_line "$1" | cut -d' ' -f1; }

# build_fragments NAME: its fragments, a line each, "series" expanded.
build_fragments() {
	for _f in $(build_line "$1" | tr -s ' ' | cut -d' ' -f2-); do
		if [ "$_f" != series ]; then
			echo "$_f"
		elif ! series_empty; then
			# The kselftests' config files are asked for (and checked) like ours.
			echo configs/call-counter.config
			for _t in $(series_selftests); do
				[ ! -f "$WORK_TREE/tools/testing/selftests/$_t/config" ] ||
					echo "$WORK_TREE/tools/testing/selftests/$_t/config"
			done
		fi
	done
}

# True when the work tree holds no patch of the series.
series_empty() { [ "$(git -C "$WORK_TREE" rev-parse HEAD)" = "$(base_commit)" ]; }

# The series' patch files in order, without the cover letter (it has no
# diff and would stop git am).
series_patches() {
	find "${PATCHES:-$TOP/patches}" -maxdepth 1 -name '*.patch' \
		! -name '*-0000-cover-letter.patch' | sort
}

# Identifies base + series content; apply.sh skips work already done.
series_stamp() {
	{ base_commit; for p in $(series_patches); do cat "$p"; done; } |
		sha256sum | cut -d' ' -f1
}

stamp_file() { echo "$(git -C "$WORK_TREE" rev-parse --absolute-git-dir)/call-counter-applied"; }

# Kernel C sources and headers the series adds or changes (not tools/).
series_kernel_sources() {
	git -C "$WORK_TREE" diff --name-only --diff-filter=AM "$(base_commit)" HEAD -- \
		'*.c' '*.h' ':!tools'
}

# The patches of the applied series that touch any of the given files,
# as "patch N/M: subject" lines: how a check names the culprit patch.
patches_touching() {
	_total=$(git -C "$WORK_TREE" rev-list --count "$(base_commit)..HEAD")
	_n=0
	for _c in $(git -C "$WORK_TREE" rev-list --reverse "$(base_commit)..HEAD"); do
		_n=$((_n + 1))
		if [ -n "$(git -C "$WORK_TREE" diff-tree --no-commit-id --name-only -r "$_c" -- "$@")" ]; then
			echo "patch $_n/$_total: $(git -C "$WORK_TREE" log -1 --format=%s "$_c")"
		fi
	done
}

# patch_of_line FILE LINE: "patch N/M: subject" of the patch that wrote
# that line of the applied series (git blame), or nothing if the base did.
patch_of_line() {
	_c=$(git -C "$WORK_TREE" blame -L "$2,$2" --porcelain HEAD -- "$1" 2>/dev/null | head -n 1 | cut -d' ' -f1)
	[ -n "$_c" ] || return 0
	_n=0
	_total=$(git -C "$WORK_TREE" rev-list --count "$(base_commit)..HEAD")
	for _p in $(git -C "$WORK_TREE" rev-list --reverse "$(base_commit)..HEAD"); do
		_n=$((_n + 1))
		[ "$_p" = "$_c" ] && echo "patch $_n/$_total: $(git -C "$WORK_TREE" log -1 --format=%s "$_c")"
	done
	return 0
}

# ensure_worktree DIR: a worktree of the work tree at DIR (made at the
# base when missing), for steps that must not touch the work tree itself.
ensure_worktree() {
	git -C "$1" rev-parse -q --verify HEAD >/dev/null 2>&1 && return 0
	rm -rf "$1"
	git -C "$WORK_TREE" worktree prune
	git -C "$WORK_TREE" worktree add -q --detach "$1" "$(base_commit)"
}

# Record that the work tree's HEAD is the applied state of patches/.
record_applied() { echo "$(series_stamp) $(git -C "$WORK_TREE" rev-parse HEAD)" >"$(stamp_file)"; }

# check_series_build NAME: the W=1 build NAME of configs/builds of the
# applied series (TARGETS from the environment) that fails, naming
# the patch, on an error or on a warning in a file of the series.
check_series_build() {
	_name=$1
	shift
	if ! "$TOP/scripts/pipeline/build.sh" "$_name" "$@" >"$OUT/$_name.out" 2>&1; then
		sed 's/^/    /' "$OUT/$_name.out"
		# Name the patch that wrote each line an error points at.
		grep -s -E '^[^ :]+\.[ch]:[0-9]+:[0-9]+: error' "$OUT/$_name/build.log" |
			cut -d: -f1,2 | sed "s|^$WORK_TREE/||" | sort -u | head -n 5 |
			while IFS=: read -r _file _line; do
				echo "$_name: error at $_file:$_line, from: $(patch_of_line "$_file" "$_line")"
			done
		echo "$_name: the build of the series failed"
		exit 1
	fi
	_files=$(git -C "$WORK_TREE" diff --name-only "$(base_commit)" HEAD | tr '\n' '|' | sed 's/|$//')
	_warn=$(grep -E "$_files" "$OUT/$_name/warnings.log" || true)
	if [ -n "$_warn" ]; then
		echo "$_warn" | sed 's/^/    /'
		_wfiles=$(echo "$_warn" | cut -d: -f1 | sed "s|^$WORK_TREE/||" | sort -u)
		# shellcheck disable=SC2086 # paths without blanks
		echo "$_name: W=1 warnings in the series' files, from: $(patches_touching $_wfiles | tr '\n' ';')"
		exit 1
	fi
}
