#!/bin/sh
# A guest architecture is one file, configs/arch/ARCH.sh, and its config
# fragment: in a copy of the repository, a throwaway riscv64 file and
# fragment, and nothing else changed, must reach the build and boot
# commands (dry run), the Makefile's packages, the gate's checks and the
# test command's steps. Needs the work tree (make apply); builds nothing.
set -eu
# shellcheck source=selftests/lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=scripts/lib.sh
. "$TOP/scripts/lib.sh"

repo=$SCRATCH/repo
mkdir "$repo"
tar -C "$TOP" --exclude=.git -cf - . | tar -C "$repo" -xf -
cat >"$repo/configs/arch/riscv.sh" <<'ARCH'
# shellcheck shell=sh disable=SC2034
ARCH_FRAGMENTS=configs/qemu-riscv.config
ARCH_TIER="all"
ARCH_IMAGE=arch/riscv/boot/Image
ARCH_CROSS=riscv64-linux-gnu-
ARCH_USER_CC=riscv64-linux-gnu-gcc
ARCH_DEBIAN=riscv64
ARCH_PACKAGES="gcc-riscv64-linux-gnu libc6-dev-riscv64-cross"
ARCH_QEMU=qemu-system-riscv64
ARCH_QEMU_PACKAGE=qemu-system-misc
ARCH_QEMU_MACHINE="-M virt"
ARCH_QEMU_BIOS=
ARCH_QEMU_CPU=rv64
ARCH_CONSOLE=ttyS0
ARCH_SINGLESTEP=0
ARCH
echo "CONFIG_SERIAL_8250_CONSOLE=y" >"$repo/configs/qemu-riscv.config"

# expect WHAT PATTERN FILE: FILE holds PATTERN (fixed string).
expect() {
	grep -q -F -e "$2" "$3" || { sed 's/^/    /' "$3"; fail "$1: no '$2'"; }
	echo "ok: $1"
}

DRY_RUN=1 "$repo/scripts/pipeline/run-guest.sh" guest-riscv >"$SCRATCH/dry" 2>&1 ||
	{ sed 's/^/    /' "$SCRATCH/dry"; fail "the dry run of guest-riscv failed"; }
expect "the build configures riscv with its fragment" "ARCH=riscv CROSS_COMPILE=riscv64-linux-gnu-" "$SCRATCH/dry"
expect "the merge takes the new fragment" "$repo/configs/qemu-riscv.config" "$SCRATCH/dry"
expect "the build makes the riscv image" "-j$(nproc) Image modules" "$SCRATCH/dry"
expect "the boot runs riscv's QEMU and console" "qemu-system-riscv64 -M virt -accel tcg -cpu rv64" "$SCRATCH/dry"
expect "the kernel gets riscv's console" "console=ttyS0" "$SCRATCH/dry"
# The build directory of the dry run was not made.
[ ! -e "$OUT/guest-riscv" ] || fail "the dry run made $OUT/guest-riscv"
echo "ok: the dry run wrote nothing"

make -s -n -C "$repo" deps-check >"$SCRATCH/deps"
expect "make deps-check installs its packages" "gcc-riscv64-linux-gnu libc6-dev-riscv64-cross qemu-system-misc" "$SCRATCH/deps"
"$repo/scripts/gate/check.sh" --list >"$SCRATCH/checks"
expect "the gate checks its W=1 build" "arch-riscv" "$SCRATCH/checks"
sh "$repo/selftests/run.sh" --all --list >"$SCRATCH/steps"
expect "make test-all boots it" "all main-riscv" "$SCRATCH/steps"
expect "make test-all checks its build" "all check-arch-riscv" "$SCRATCH/steps"
sh "$TOP/selftests/run.sh" --all --list >"$SCRATCH/steps.here"
grep -q riscv "$SCRATCH/steps.here" && fail "the repository itself changed"
echo "PASS: arch-file"
