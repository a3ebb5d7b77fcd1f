# shellcheck shell=sh disable=SC2034
# The arm64 guest, `make ARCH=arm64`: weakly ordered, its this_cpu
# operations a preemption-disabled LSE (or LL/SC) sequence. The keys are
# described in x86_64.sh.
ARCH_FRAGMENTS=configs/qemu-arm64.config
ARCH_TIER="all"
ARCH_IMAGE=arch/arm64/boot/Image
ARCH_CROSS=aarch64-linux-gnu-
ARCH_USER_CC=aarch64-linux-gnu-gcc
ARCH_DEBIAN=arm64
ARCH_PACKAGES="gcc-aarch64-linux-gnu libc6-dev-arm64-cross"
ARCH_QEMU=qemu-system-aarch64
ARCH_QEMU_PACKAGE=qemu-system-arm
# The virt machine, whose PSCI (emulated by QEMU at EL1, no firmware)
# turns CPUs off and on; max has pointer authentication, and QEMU's own
# algorithm for it is many times cheaper to emulate than the architected
# one.
ARCH_QEMU_MACHINE="-M virt"
ARCH_QEMU_BIOS=
ARCH_QEMU_CPU=max,pauth-impdef=on
ARCH_CONSOLE=ttyAMA0
ARCH_SINGLESTEP=0
