# Entry points. `make` (or `make run`) is the main job; `make test` is the
# quick gate CI runs, `make test-all` the whole matrix; both end with
# "N passed, N failed". See README.md.

# When the command started: the scripts' progress lines show the time
# since (a make run from `make test` keeps the outer start).
CC_START := $(or $(CC_START),$(shell date +%s))
export CC_START

# The knobs of scripts/interface.list (make help), passed to the scripts
# through the environment.
export $(shell sed -n 's/^knob|\([A-Z_0-9]*\)|.*/\1/p' scripts/interface.list)

# Debian packages each step needs; scripts/pipeline/deps.sh installs what
# is missing. A guest architecture's (its compilers and QEMU) come from its
# file, configs/arch/ARCH.sh.
arch_packages = $(shell sh -c '. ./configs/arch/$(1).sh && echo "$$ARCH_PACKAGES $$ARCH_QEMU_PACKAGE"')
ARCHES := $(basename $(notdir $(wildcard configs/arch/*.sh)))
ifeq ($(wildcard configs/arch/$(or $(ARCH),x86_64).sh),)
$(error ARCH=$(ARCH): no configs/arch/$(ARCH).sh; there are: $(ARCHES))
endif
DEPS_RUN := git make gcc libc6-dev ccache flex bison bc libelf-dev libssl-dev \
	cpio xz-utils kmod rsync busybox-static qemu-system-x86 python3 \
	debian-archive-keyring ca-certificates \
	$(call arch_packages,$(or $(ARCH),x86_64))
# The gate builds every architecture (check-arch-ARCH).
DEPS_CHECK := gnuplot-nox codespell python3-ply python3-git python3-sphinx \
	python3-sphinx-rtd-theme python3-yaml sparse coccinelle b4 \
	$(foreach a,$(ARCHES),$(call arch_packages,$(a)))

# ARCH=i386, ARCH=arm64: the guests of that architecture (guest-ARCH)
# instead of x86_64's.
GUEST_SUFFIX := $(if $(filter-out x86_64,$(or $(ARCH),x86_64)),-$(ARCH))

.PHONY: run shell deps deps-check fetch tree apply guest debug faults kcsan kunit kcsan-strict bench soak check send test test-all export help
run: guest

deps:
	@scripts/pipeline/deps.sh $(DEPS_RUN)

fetch: deps
	@scripts/pipeline/fetch.sh

tree: fetch
	@scripts/pipeline/tree.sh

apply: tree
	@scripts/pipeline/apply.sh

# Single-stepped or not: the architecture's own default (configs/arch/).
guest: apply
	@scripts/pipeline/run-guest.sh guest$(GUEST_SUFFIX)

# The guest of `make` with a shell on its console instead of the tests.
shell: apply
	@GUEST_SHELL=1 scripts/pipeline/run-guest.sh guest$(GUEST_SUFFIX)

# The checkers find bugs by instrumentation, not by where preemption
# lands, and a single-stepped KASAN kernel did not reach user space in 8
# minutes: plain TCG unless QEMU_SINGLESTEP says otherwise.
CHECKER_GUEST = QEMU_SINGLESTEP=$${QEMU_SINGLESTEP:-0} scripts/pipeline/run-guest.sh

# i386 has one kernel, its guest, with the checkers on
# (configs/arch/i386.sh): `make debug ARCH=i386` is `make ARCH=i386`.
DEBUG_BUILD := $(if $(filter i386,$(ARCH)),guest-i386,debug$(GUEST_SUFFIX))
# no5lvl: QEMU's "max" CPU has LA57, and while identify_cpu() re-reads the
# boot CPU's features, X86_FEATURE_LA57 reads as clear; an interrupt in
# that window makes KASAN compute its shadow range for 4-level paging and
# report a "wild-memory-access" on a 5-level direct-map address
# (handle_edge_irq, seen once at 1.7 s, upstream). 4-level paging closes it.
# cc.zswap_mib=4: with the zswap users' test at 16 MiB per worker, 175 s
# of the x86_64 debug guest's 240 went from its swapon to the end (KASAN,
# SLUB debugging and kmemleak on every page it swaps); the main guest
# keeps 16.
debug: apply
	@KERNEL_PARAMS="$(if $(GUEST_SUFFIX),,no5lvl cc.zswap_mib=4)$${KERNEL_PARAMS:+ $$KERNEL_PARAMS}" \
		$(CHECKER_GUEST) $(DEBUG_BUILD)

# Allocation failures in the test module's setup paths, one at a time
# (scripts/guest/fault-test.c), on the checker kernel: x86_64's debug
# build has fault injection and kmemleak.
faults: apply
	@$(if $(GUEST_SUFFIX),echo "make faults: x86_64 only: its debug build is the one with fault injection; ARCH=$(ARCH) has none" >&2; exit 2)
	@FAULTS=1 $(CHECKER_GUEST) debug

# KCSAN without the users' tests (configs/builds): they drive upstream's
# swap and zsmalloc code, whose own data races (scripts/guest/kcsan-upstream-races)
# KCSAN reports at random, and they run no code of the series that the
# kselftest and the KUnit suite do not already run under KCSAN.
kcsan: apply
	@$(CHECKER_GUEST) kcsan

# For selftests/planted.sh: KCSAN reporting all it sees (not a test step).
kcsan-strict: apply
	@$(CHECKER_GUEST) kcsan-strict

# The KUnit suite with kunit.py (UML) and the series' .kunitconfig.
kunit: apply
	@scripts/pipeline/kunit.sh

# Not a test: timings and instruction counts, written into
# Documentation/benchmarks.md and benchmarks.png. Measures the kernel the
# main job tested.
bench: guest
	@scripts/pipeline/deps.sh gnuplot-nox
	@scripts/bench/bench.sh

# Not a test either: the stress tests in rounds up to 1e8 calls and 1000
# hotplug cycles (about half an hour); writes Documentation/soak.md.
soak: apply
	@scripts/bench/soak.sh

deps-check: deps
	@scripts/pipeline/deps.sh $(DEPS_CHECK)

# The upstream gate alone; CHECKS="checkpatch kerneldoc" for a subset.
check: apply deps-check
	@scripts/gate/check.sh $(CHECKS)

# Dry run: writes the signed, ready-to-send messages; SEND=1 sends them.
send: apply deps-check
	@scripts/send/send.sh $(if $(SEND),--send)

# The quick gate (CI): 45 minutes cold on 2 cores. test-all: the matrix.
test: deps deps-check
	@selftests/run.sh

test-all: deps deps-check
	@selftests/run.sh --all

export:
	@scripts/send/export.sh

# The targets and the knobs, with their defaults.
help:
	@scripts/help.sh
