#!/bin/sh
# Boot build NAME in QEMU with its initramfs; the serial console goes to
# $OUT/NAME/boot.log, and the terminal gets the guest's progress markers
# (the whole console with VERBOSE=1 or INTERACTIVE=1). Exits 124 on the
# hard timeout, 1 with a message when QEMU fails.
# usage: boot.sh NAME [KERNEL-PARAMETER...]
# Env: QEMU_ACCEL (tcg | kvm), SMP (vCPUs, default 4), POSSIBLE_CPUS (boot
# that many possible CPUs with SMP of them online), MEM, BOOT_TIMEOUT (s),
# BOOT_LOG (log path), INITRAMFS (another initramfs), QEMU_EXTRA (more
# QEMU options), QEMU_SINGLESTEP (tcg: 1 single-steps, 0 does not; the default is
# the architecture's),
# INTERACTIVE (1: the terminal's input goes to the guest's console),
# VERBOSE (1: the console on the terminal), DRY_RUN (1: print the QEMU
# command only). The command is printed, and kept in $OUT/NAME/commands.
set -eu
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"

[ $# -ge 1 ] || die "usage: boot.sh NAME [KERNEL-PARAMETER...]"
use_build "$1"
obj=$OUT/$1
shift
kernel=$(kernel_image "$obj")
initrd=${INITRAMFS:-$obj/initramfs.cpio}
if ! dry_run; then
	[ -f "$kernel" ] || die "no kernel $kernel; run the build first"
	[ -f "$initrd" ] || die "no initramfs $initrd; run scripts/pipeline/initramfs.sh"
fi

# The machine of the architecture: configs/arch/$ARCH.sh.
qemu=$ARCH_QEMU machine=$ARCH_QEMU_MACHINE
[ -z "$ARCH_QEMU_BIOS" ] || [ ! -f "$ARCH_QEMU_BIOS" ] || machine="$machine -bios $ARCH_QEMU_BIOS"
dry_run || need "$qemu" "$ARCH_QEMU_PACKAGE"

accel=${QEMU_ACCEL:-tcg}
extra=${QEMU_EXTRA:-}
case $accel in
tcg)
	cpu=$ARCH_QEMU_CPU
	# TCG delivers interrupts only between translated blocks, so a task
	# is never preempted inside a block: a racy read-modify-write there
	# could never fail. One instruction per block lets the tests see such
	# races (measured: the naive increment passes without it, fails with
	# it) at about twice the run time.
	[ "${QEMU_SINGLESTEP:-$ARCH_SINGLESTEP}" = 0 ] || extra="$extra -singlestep"
	;;
kvm) cpu=host ;;
*) die "QEMU_ACCEL=$accel: use tcg or kvm" ;;
esac
smp=${SMP:-4}
append="console=$ARCH_CONSOLE loglevel=4 panic=-1 oops=panic"
qsmp=$smp
# Under TCG no hypervisor is detected and -smp N,maxcpus=M gives only N
# possible CPUs: boot M vCPUs and let the kernel bring up only SMP of them.
if [ -n "${POSSIBLE_CPUS:-}" ]; then
	qsmp=$POSSIBLE_CPUS
	append="$append maxcpus=$smp"
fi
log=${BOOT_LOG:-$obj/boot.log}
timeout=${BOOT_TIMEOUT:-900}

log "boot[${obj##*/}]: qemu $accel, $qsmp vCPUs ($smp online), timeout ${timeout}s, log $log"

# The terminal's input reaches the guest only when asked (a shell in it).
stdin=/dev/null show=progress
[ "${INTERACTIVE:-0}" = 0 ] || stdin=/dev/stdin show=all
[ -z "${VERBOSE:-}" ] || show=all
# What of the console the terminal gets: all of it, or the guest's own
# progress lines (its markers) and a panic's first line as they come.
shown() {
	if [ "$show" = all ]; then
		cat
	else
		grep --line-buffered -E '^CALL-COUNTER: |Kernel panic' | sed -u 's/^/    guest: /'
	fi
}
# The exact command, printed and kept in $OUT/NAME/commands.
# shellcheck disable=SC2086 # $machine, $extra: lists of options
set -- timeout -k 10 "$timeout" "$qemu" $machine -accel "$accel" -cpu "$cpu" \
	-m "${MEM:-1024}" -smp "$qsmp" -nographic -no-reboot \
	-kernel "$kernel" -initrd "$initrd" $extra -append "$append $*"
dry_run || : >"$obj/.commands-boot"
CMDS=$obj/.commands-boot show_cmd "$@"
dry_run && exit 0
commands_join "$obj"
rcfile=$log.qemu-rc
rm -f "$rcfile"
# POSIX sh has no pipefail: QEMU's (or timeout's) status goes to a file.
# shellcheck disable=SC2094 # tee writes the log
{
	rc=0
	"$@" <"$stdin" 2>&1 || rc=$?
	echo "$rc" >"$rcfile"
} | tee "$log" | shown
rc=$(cat "$rcfile")
case $rc in
0) ;;
124 | 137) exit 124 ;;
*) die "boot[${obj##*/}]: qemu failed to run (exit $rc), see $log" ;;
esac
# QEMU exits when the guest reboots: after its end marker, or after a
# panic, which report.py tells from a hang by the log.
exit 0
