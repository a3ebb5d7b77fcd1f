# shellcheck shell=sh disable=SC2034
# The i386 guest, `make ARCH=i386`: the 32-bit path (a u64_stats sequence
# count per slot written with interrupts off, two-word loads that must
# not tear). The one i386 kernel, with the lock and preemption checkers
# on. The keys are described in x86_64.sh.
ARCH_FRAGMENTS="configs/qemu-x86.config configs/qemu-i386.config configs/checkers-i386.config"
ARCH_TIER="test"
ARCH_IMAGE=arch/x86/boot/bzImage
ARCH_CROSS=
# gcc -m32's libraries; gcc-multilib would remove the arm64 cross compiler.
ARCH_USER_CC="gcc -m32"
ARCH_DEBIAN=i386
ARCH_PACKAGES="gcc lib32gcc-12-dev libc6-dev-i386"
ARCH_QEMU=qemu-system-i386
ARCH_QEMU_PACKAGE=qemu-system-x86
ARCH_QEMU_MACHINE=
ARCH_QEMU_BIOS=/usr/share/qemu/qboot.rom
# i386's max is an AMD family 6 (K7) CPU, which the kernel calls "not
# suitable for SMP" (a WARN); an Intel vendor string is not.
ARCH_QEMU_CPU=max,vendor=GenuineIntel
ARCH_CONSOLE=ttyS0
# Plain TCG: its increments run with interrupts or preemption off, and
# its lockdep and DEBUG_PREEMPT check that they do, in half the time.
ARCH_SINGLESTEP=0
