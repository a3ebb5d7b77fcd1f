#!/bin/sh
# The KUnit suite with the KUnit maintainers' own tool: kunit.py run with
# the series' .kunitconfig, on UML (kunit.py's default, no QEMU) with SMP
# and 4 CPUs, so that the multi-CPU cases run (UML's SMP needs its
# seccomp userspace: with ptrace, it refuses ncpus > 1). UML has no CPU hotplug:
# the suite's hotplug case skips, and that is the only skip accepted, and
# only while the UML kernel lacks HOTPLUG_CPU.
# usage: kunit.sh
# Env: JOBS, SMP (UML CPUs, default 4), DRY_RUN (1: print the command).
set -eu
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"

series_empty && die "kunit: the series is empty; apply it first (make apply)"
kunitconfig=lib/tests/call_counter.kunitconfig
[ -f "$WORK_TREE/$kunitconfig" ] || die "kunit: no $kunitconfig in $WORK_TREE: does the series add it?"
need ccache ccache
obj=$OUT/kunit-uml
dry_run || mkdir -p "$obj"
cpus=${SMP:-4}

log "kunit: kunit.py run --kunitconfig=$kunitconfig (UML, $cpus CPUs, build in $obj)"
rc=0
# kunit.py wants to be run from the tree's top; /usr/bin/python3: its
# modules are Debian's, not a pyenv's. kunit.py prints its own make and
# UML commands into the log.
CMDS=$obj/commands klog=$obj/kunit.log
if dry_run; then klog=/dev/null; else : >"$CMDS"; fi
cmd env -C "$WORK_TREE" /usr/bin/python3 tools/testing/kunit/kunit.py run \
	--kunitconfig="$kunitconfig" --build_dir="$obj" --jobs="$JOBS" \
	--make_options="CC=ccache gcc" --make_options="HOSTCC=ccache gcc" \
	--kconfig_add="CONFIG_NR_CPUS=$cpus" --kernel_args="ncpus=$cpus" \
	--kernel_args=seccomp=on >"$klog" 2>&1 || rc=$?
dry_run && exit 0
# kunit.py's parsed results (with the skip reasons) and its summary.
grep -E '\[(PASSED|FAILED|SKIPPED|CRASHED|ERROR|NO TESTS RUN)\]|Testing complete|Elapsed time' \
	"$obj/kunit.log" | sed 's/\x1b\[[0-9;]*m//g'
if [ "$rc" -ne 0 ]; then
	tail -n 30 "$obj/kunit.log" >&2
	die "kunit: kunit.py run failed (exit $rc), see $obj/kunit.log"
fi
raw=$obj/test.log
grep -Eq '^ *ok [0-9]+ call_counter$' "$raw" ||
	die "kunit: no passing call_counter suite in kunit.py's output $raw"
# The multi-CPU cases mean something only if the CPUs came up.
up=$(sed -n 's/.*smp: Brought up .* \([0-9][0-9]*\) CPUs*$/\1/p' "$raw" | head -n 1)
[ "${up:-1}" = "$cpus" ] || die "kunit: UML brought up ${up:-1} CPUs, not $cpus (see $raw)"
skips=$(grep -E '^ *(ok|not ok) [0-9]+ .*# SKIP' "$raw" || true)
bad=$(echo "$skips" | grep -v -E 'ok [0-9]+ call_counter_test_offline # SKIP needs CONFIG_HOTPLUG_CPU' || true)
[ -z "$bad" ] || die "kunit: cases skipped on UML that should run there:
$bad"
if [ -n "$skips" ] && grep -q '^CONFIG_HOTPLUG_CPU=y' "$obj/.config"; then
	die "kunit: the offline case skipped although the UML kernel has HOTPLUG_CPU"
fi
echo "kunit: kunit.py run PASS on UML with $cpus CPUs${skips:+; skipped only because UML has no CPU hotplug: $(echo "$skips" | sed 's/^ *//')}"
