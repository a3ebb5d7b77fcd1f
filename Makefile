# Entry points. `make` (or `make run`) is the main job; `make test` runs
# everything and ends with "N passed, N failed". See README.md.

# Knobs, passed to the scripts through the environment.
export KERNEL_SRC ARCH QEMU_ACCEL JOBS DURATION THREADS SEED BOOT_TIMEOUT

# Debian packages each step needs; scripts/deps.sh installs what is missing.
DEPS_RUN := git make gcc libc6-dev ccache flex bison bc libelf-dev libssl-dev \
	cpio xz-utils kmod rsync busybox-static qemu-system-x86 python3 \
	debian-archive-keyring ca-certificates

# The test guest: tinyconfig + x86's tiny fragment + ours.
GUEST_CONFIG := tree:arch/x86/configs/tiny.config configs/qemu-guest.config

.PHONY: run deps fetch tree apply guest test export
run: guest

deps:
	@scripts/deps.sh $(DEPS_RUN)

fetch: deps
	@scripts/fetch.sh

tree: fetch
	@scripts/tree.sh

apply: tree
	@scripts/apply.sh

guest: apply
	@scripts/run-guest.sh guest $(GUEST_CONFIG)

test: deps
	@selftests/run.sh

export:
	@scripts/export.sh
