#!/bin/sh
# Can the checkers fail? Plants one bug of selftests/planted/ in the work
# tree (uncommitted, removed on exit), boots the checker's kernel and
# expects its report. Not part of `make test` (a kernel rebuild and a boot
# per bug), e.g.
#   sh selftests/planted.sh                 # every bug
#   sh selftests/planted.sh textbook-increment
set -eu
# shellcheck source=selftests/lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=scripts/lib.sh
. "$TOP/scripts/lib.sh"

# bug: the guest (a build of configs/builds: NAME-i386 and NAME-arm64 are
# make NAME ARCH=...) and the report that must appear in its log (an
# extended regular expression).
expect() {
	case $1 in
	sleep-under-get-cpu) echo "debug|BUG: sleeping function called from invalid context" ;;
	# The test module's directory is never removed: the kselftest reads
	# files held open across the unload and loads the module again.
	sysfs-outlives-counter) echo "debug|BUG: KASAN: vmalloc-out-of-bounds|BUG: unable to handle page fault" ;;
	# An error path of the test module's init that leaves its directory
	# behind: the fault-injection run fails that path and looks.
	init-error-dir-left) echo "faults|is left without the module" ;;
	# The textbook increment, a plain read-modify-write racing with the
	# readers: KCSAN sees it only with kcsan-strict.config (one writer per
	# count never changes the value under a watchpoint, and an aligned
	# plain write is taken as atomic by default).
	textbook-increment) echo "kcsan-strict|BUG: KCSAN: data-race in .*call_counter" ;;
	# A plain load of a live count in the reader: the writer,
	# this_cpu_add(), is one uninstrumented instruction, so KCSAN reports
	# the load as a race at unknown origin (the value changed under its
	# watchpoint while the KUnit untorn case's writer counts).
	plain-racy-read) echo "kcsan|BUG: KCSAN: data-race in .*call_counter" ;;
	# The multigrain conversion reverted to one count that all CPUs
	# increment with a plain read-modify-write, as zswap's was: the
	# guest's users test counts exactly and sees the lost updates.
	mgtime-shared-count) echo "guest|not ok [0-9]+ multigrain .*counted exactly" ;;
	# The increment as a plain read-modify-write of this CPU's count with
	# preemption on: single-stepped TCG preempts and migrates inside it,
	# and interrupts land inside it: the exact totals of the KUnit suite
	# and the kselftest fall short.
	naive-increment) echo "guest|not ok [0-9]+ .*(migration|hotplug|contexts)" ;;
	# The total summed over online CPUs only: a CPU taken offline takes
	# its count out of the total (KUnit's offline case, the kselftest's
	# hotplug stress).
	online-only-sum) echo "guest|not ok [0-9]+ .*(hotplug|offline)" ;;
	# The 32-bit increment's write section with interrupts and preemption
	# on (an i386-only bug: x86_64 and arm64 never compile it): the i386
	# checker guest's lockdep sees the group's seqcount written both with
	# interrupts on and from an interrupt (KUnit's contexts case).
	i386-irqs-on-write) echo "guest-i386|WARNING: inconsistent lock state" ;;
	# SPI's statistics as in v7.3 (the conversion reverted): get_cpu()
	# and a u64_stats write section with interrupts on, while the SPI
	# KUnit test's spi_async() in hardirq context writes the same CPU's
	# statistics: on i386, lockdep sees the seqcount written both ways.
	spi-unconverted) echo "guest-i386|WARNING: inconsistent lock state" ;;
	# zswap before its conversion. Not in the default list: whether one
	# run loses an update there is a measurement, not a certainty.
	zswap-unconverted) echo "guest|not ok [0-9]+ zswap: written_back_pages delta" ;;
	*) return 1 ;;
	esac
}

[ $# -gt 0 ] || set -- sleep-under-get-cpu sysfs-outlives-counter init-error-dir-left \
	textbook-increment plain-racy-read mgtime-shared-count naive-increment \
	online-only-sum i386-irqs-on-write spi-unconverted
for bug in "$@"; do
	expect "$bug" >/dev/null || fail "no planted bug '$bug' (see $TOP/selftests/planted/)"
done
[ -z "$(work_tree_edits)" ] ||
	fail "$WORK_TREE has uncommitted changes: commit or stash them first"
trap 'git -C "$WORK_TREE" checkout -q -- .; rm -rf "$SCRATCH"' EXIT
keep=$OUT/planted
mkdir -p "$keep"

caught=0
for bug in "$@"; do
	guest=$(expect "$bug" | cut -d'|' -f1)
	report=$(expect "$bug" | cut -d'|' -f2-)
	git -C "$WORK_TREE" apply "$TOP/selftests/planted/$bug.diff" ||
		fail "selftests/planted/$bug.diff does not apply to $WORK_TREE"
	log "planted: $bug, expecting '$report' from the $guest kernel"
	# KCSAN samples one access in kcsan.skip_watch (4000 in the test
	# command): with that, plain-racy-read was caught in 3 of 5 runs, with
	# 100 in 4 of 4. A planted bug must be found every time.
	params=
	case $guest in kcsan*) params=kcsan.skip_watch=100 ;; esac
	target=$guest arch=
	case $guest in *-i386 | *-arm64) target=${guest%-*} arch=${guest##*-} ;; esac
	KERNEL_PARAMS=${KERNEL_PARAMS:-$params} \
		make -s -C "$TOP" --no-print-directory "$target" ${arch:+ARCH=$arch} >"$keep/$bug.out" 2>&1 || true
	git -C "$WORK_TREE" checkout -q -- .
	log=$OUT/$guest/boot.log
	[ "$guest" != faults ] || log=$OUT/debug/faults/boot.log
	cp "$log" "$keep/$bug.log"
	grep -a -m1 'VERDICT' "$keep/$bug.out" || true
	if grep -a -q -E "$report" "$keep/$bug.log"; then
		grep -a -m1 -E "$report" "$keep/$bug.log"
		echo "CAUGHT: $bug"
		caught=$((caught + 1))
	else
		echo "MISSED: $bug (no '$report'; see $keep/$bug.log)"
	fi
done
echo "$caught of $# planted bugs caught"
[ "$caught" -eq $# ]
