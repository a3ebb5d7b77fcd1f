# Entry points. `make` (or `make run`) is the main job; `make test` is the
# quick gate CI runs, `make test-all` the whole matrix; both end with
# "N passed, N failed". See README.md.

# When the command started: the scripts' progress lines show the time
# since (a make run from `make test` keeps the outer start).
CC_START := $(or $(CC_START),$(shell date +%s))
export CC_START

# Knobs, passed to the scripts through the environment.
export KERNEL_SRC ARCH QEMU_ACCEL QEMU_SINGLESTEP SMP JOBS DURATION THREADS SEED BOOT_TIMEOUT VERBOSE FORCE \
	SOAK_CALLS SOAK_CYCLES SOAK_MAX

# Debian packages each step needs; scripts/deps.sh installs what is missing.
DEPS_RUN := git make gcc libc6-dev ccache flex bison bc libelf-dev libssl-dev \
	cpio xz-utils kmod rsync busybox-static qemu-system-x86 python3 \
	debian-archive-keyring ca-certificates
# The other architectures' guests: their compilers (for i386, gcc -m32's
# libraries; gcc-multilib would remove the arm64 cross compiler) and QEMU.
DEPS_i386 := lib32gcc-12-dev libc6-dev-i386
DEPS_arm64 := gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-system-arm
DEPS_RUN += $(DEPS_$(ARCH))

DEPS_CHECK := gnuplot-nox codespell python3-ply python3-git python3-sphinx \
	python3-sphinx-rtd-theme python3-yaml sparse coccinelle b4 \
	$(DEPS_i386) $(DEPS_arm64)

# ARCH=i386, ARCH=arm64: the guests of that architecture (guest-ARCH,
# debug-ARCH of configs/builds) instead of x86_64's.
GUEST_SUFFIX := $(if $(filter-out x86_64,$(or $(ARCH),x86_64)),-$(ARCH))

.PHONY: run shell deps deps-check fetch tree apply guest debug kcsan kunit kcsan-strict bench soak check send test test-all export
run: guest

deps:
	@scripts/deps.sh $(DEPS_RUN)

fetch: deps
	@scripts/fetch.sh

tree: fetch
	@scripts/tree.sh

apply: tree
	@scripts/apply.sh

# The x86_64 guest is single-stepped, so that preemption lands inside a
# racy read-modify-write (scripts/boot.sh). The i386 and arm64 guests boot
# plain TCG, in half the time: their increments run with interrupts or
# preemption off, and the i386 guest's own lockdep and DEBUG_PREEMPT
# check that they do.
guest: apply
	@QEMU_SINGLESTEP=$${QEMU_SINGLESTEP:-$(if $(GUEST_SUFFIX),0,1)} \
		scripts/run-guest.sh guest$(GUEST_SUFFIX)

# The guest of `make` with a shell on its console instead of the tests.
shell: apply
	@GUEST_SHELL=1 scripts/run-guest.sh guest$(GUEST_SUFFIX)

# The checkers find bugs by instrumentation, not by where preemption
# lands, and a single-stepped KASAN kernel did not reach user space in 8
# minutes: plain TCG unless QEMU_SINGLESTEP says otherwise.
CHECKER_GUEST = QEMU_SINGLESTEP=$${QEMU_SINGLESTEP:-0} scripts/run-guest.sh

# no5lvl: QEMU's "max" CPU has LA57, and while identify_cpu() re-reads the
# boot CPU's features, X86_FEATURE_LA57 reads as clear; an interrupt in
# that window makes KASAN compute its shadow range for 4-level paging and
# report a "wild-memory-access" on a 5-level direct-map address
# (handle_edge_irq, seen once at 1.7 s, upstream). 4-level paging closes it.
# i386 has one kernel, its guest, with the checkers on (configs/builds):
# `make debug ARCH=i386` is `make ARCH=i386`.
DEBUG_BUILD := $(if $(filter i386,$(ARCH)),guest-i386,debug$(GUEST_SUFFIX))
debug: apply
	@KERNEL_PARAMS="$(if $(GUEST_SUFFIX),,no5lvl)$${KERNEL_PARAMS:+ $$KERNEL_PARAMS}" \
		$(CHECKER_GUEST) $(DEBUG_BUILD)

# KCSAN without the users' tests (configs/builds): they drive upstream's
# swap and zsmalloc code, whose own data races (scripts/kcsan-upstream-races)
# KCSAN reports at random, and they run no code of the series that the
# kselftest and the KUnit suite do not already run under KCSAN.
kcsan: apply
	@$(CHECKER_GUEST) kcsan

# For selftests/planted.sh: KCSAN reporting all it sees (not a test step).
kcsan-strict: apply
	@$(CHECKER_GUEST) kcsan-strict

# The KUnit suite with kunit.py (UML) and the series' .kunitconfig.
kunit: apply
	@scripts/kunit.sh

# Not a test: timings and instruction counts, written into
# Documentation/benchmarks.md and benchmarks.png. Measures the kernel the
# main job tested.
bench: guest
	@scripts/deps.sh gnuplot-nox
	@scripts/bench.sh

# Not a test either: the stress tests in rounds up to 1e8 calls and 1000
# hotplug cycles (about half an hour); writes Documentation/soak.md.
soak: apply
	@scripts/soak.sh

deps-check: deps
	@scripts/deps.sh $(DEPS_CHECK)

# The upstream gate alone; CHECKS="checkpatch kerneldoc" for a subset.
check: apply deps-check
	@scripts/check.sh $(CHECKS)

# Dry run: writes the signed, ready-to-send messages; SEND=1 sends them.
send: apply deps-check
	@scripts/send.sh $(if $(SEND),--send)

# The quick gate (CI): 45 minutes cold on 2 cores. test-all: the matrix.
test: deps deps-check
	@selftests/run.sh

test-all: deps deps-check
	@selftests/run.sh --all

export:
	@scripts/export.sh
