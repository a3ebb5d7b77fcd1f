# shellcheck shell=sh disable=SC2034
# The x86_64 guest, `make`: the main job's. Everything the pipeline knows
# about one guest architecture is in its file here (sourced by
# scripts/lib.sh); a new architecture is a new file and its fragment.
#
# Its build is "guest" (guest-ARCH for the others): tinyconfig +
# configs/qemu-guest.config + ARCH_FRAGMENTS + configs/users.config + the
# series' options.
ARCH_FRAGMENTS="configs/qemu-x86.config configs/qemu-x86_64.config"
# Which test command boots it (test: both; all: make test-all only).
ARCH_TIER="test"
# The kernel's image in the build directory; CROSS_COMPILE; the compiler
# of the guest's static programs; Debian's name of the architecture (its
# busybox-static, "host": the machine's own /bin/busybox); the Debian
# packages of its compilers.
ARCH_IMAGE=arch/x86/boot/bzImage
ARCH_CROSS=
ARCH_USER_CC=gcc
ARCH_DEBIAN=host
ARCH_PACKAGES="gcc libc6-dev"
# QEMU: binary and package, options for the machine, the CPU under TCG,
# the console device. qboot, not SeaBIOS, which resets the terminal and
# turns its line wrap off; qboot prints nothing and boots in a fraction
# of the time (used when installed).
ARCH_QEMU=qemu-system-x86_64
ARCH_QEMU_PACKAGE=qemu-system-x86
ARCH_QEMU_MACHINE=
ARCH_QEMU_BIOS=/usr/share/qemu/qboot.rom
ARCH_QEMU_CPU=max
ARCH_CONSOLE=ttyS0
# Single-stepped TCG by default (QEMU_SINGLESTEP): one instruction per
# translated block, so that preemption lands inside a racy
# read-modify-write of an increment, which x86_64 would make one
# instruction.
ARCH_SINGLESTEP=1
