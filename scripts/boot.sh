#!/bin/sh
# Boot build NAME in QEMU with its initramfs; the serial console goes to
# $OUT/NAME/boot.log, and the terminal gets the guest's progress markers
# (the whole console with VERBOSE=1 or INTERACTIVE=1). Exits 124 on the
# hard timeout, 1 with a message when QEMU fails.
# usage: boot.sh NAME [KERNEL-PARAMETER...]
# Env: QEMU_ACCEL (tcg | kvm), SMP (vCPUs, default 4), POSSIBLE_CPUS (boot
# that many possible CPUs with SMP of them online), MEM, BOOT_TIMEOUT (s),
# BOOT_LOG (log path), INITRAMFS (another initramfs), QEMU_EXTRA (more
# QEMU options), QEMU_SINGLESTEP (tcg: 1 by default, 0 to turn it off),
# INTERACTIVE (1: the terminal's input goes to the guest's console),
# VERBOSE (1: the console on the terminal).
set -eu
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

[ $# -ge 1 ] || die "usage: boot.sh NAME [KERNEL-PARAMETER...]"
use_build "$1"
obj=$OUT/$1
shift
kernel=$(kernel_image "$obj")
[ -f "$kernel" ] || die "no kernel $kernel; run the build first"
initrd=${INITRAMFS:-$obj/initramfs.cpio}
[ -f "$initrd" ] || die "no initramfs $initrd; run scripts/initramfs.sh"

# The machine of each architecture. PC (x86_64, i386): qboot, not
# SeaBIOS, which resets the terminal and turns its line wrap off; qboot
# prints nothing and boots in a fraction of the time. arm64: the virt
# machine, whose PSCI (emulated by QEMU at EL1, no firmware) turns CPUs
# off and on; max has pointer authentication, and QEMU's own algorithm
# for it is many times cheaper to emulate than the architected one.
case $ARCH in
x86_64 | i386)
	qemu=qemu-system-$ARCH pkg=qemu-system-x86 console=ttyS0 machine=
	[ ! -f /usr/share/qemu/qboot.rom ] || machine="-bios /usr/share/qemu/qboot.rom"
	tcg_cpu=max
	# i386's max is an AMD family 6 (K7) CPU, which the kernel calls
	# "not suitable for SMP" (a WARN); an Intel vendor string is not.
	[ "$ARCH" = x86_64 ] || tcg_cpu=max,vendor=GenuineIntel
	;;
arm64)
	qemu=qemu-system-aarch64 pkg=qemu-system-arm console=ttyAMA0 machine="-M virt"
	tcg_cpu=max,pauth-impdef=on
	;;
esac
need "$qemu" "$pkg"

accel=${QEMU_ACCEL:-tcg}
extra=${QEMU_EXTRA:-}
case $accel in
tcg)
	cpu=$tcg_cpu
	# TCG delivers interrupts only between translated blocks, so a task
	# is never preempted inside a block: a racy read-modify-write there
	# could never fail. One instruction per block lets the tests see such
	# races (measured: the naive increment passes without it, fails with
	# it) at about twice the run time.
	[ "${QEMU_SINGLESTEP:-1}" = 0 ] || extra="$extra -singlestep"
	;;
kvm) cpu=host ;;
*) die "QEMU_ACCEL=$accel: use tcg or kvm" ;;
esac
smp=${SMP:-4}
append="console=$console loglevel=4 panic=-1 oops=panic"
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
rcfile=$log.qemu-rc
rm -f "$rcfile"
# POSIX sh has no pipefail: QEMU's (or timeout's) status goes to a file.
# shellcheck disable=SC2094,SC2086 # tee writes the log; $machine, $extra: lists
{
	rc=0
	timeout -k 10 "$timeout" "$qemu" $machine -accel "$accel" -cpu "$cpu" \
		-m "${MEM:-1024}" -smp "$qsmp" -nographic -no-reboot \
		-kernel "$kernel" -initrd "$initrd" \
		$extra -append "$append $*" <"$stdin" 2>&1 || rc=$?
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
