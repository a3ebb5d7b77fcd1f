#!/bin/sh
# The benchmark (not a test): boots the patched kernel with scripts/bench/module
# and measures, in the guest, ns per increment of call_counter_inc() and
# its alternatives on 1..SMP CPUs (BENCH_RUNS boots), instructions per
# increment under a QEMU plugin (with and without CONFIG_DEBUG_PREEMPT),
# and read cost at several numbers of possible CPUs. Then
# scripts/bench/bench-report.py writes the table and plot into
# Documentation/benchmarks.md and Documentation/benchmarks.png.
# ARCH=arm64: the same on the arm64 guest (guest-arm64), without the
# DEBUG_PREEMPT variant and the read boots; its instruction counts become
# the arm64 column of the instruction table, its timings the arm64
# section of benchmarks.md, its plot benchmarks-arm64.png.
# usage: bench.sh   (the DEBUG_PREEMPT variant of the guest is the build
#        bench-debug-preempt of configs/builds)
# Needs the main job's guest build of ARCH ($OUT/guest, $OUT/guest-arm64):
# `make bench [ARCH=arm64]` makes it.
# Env: ARCH (x86_64 or arm64), BENCH_RUNS (timing boots, 5), BENCH_ITERS
# (increments per CPU and method, 1000000), BENCH_WINDOWS (single-increment
# windows per method, 2000), BENCH_READS (in-kernel reads, 100000),
# BENCH_ROUNDS (sysfs read rounds, 200), BENCH_POSSIBLE (possible CPUs,
# "4 64 255"), SMP (online CPUs, 4), QEMU_ACCEL, BENCH_OUT (raw results,
# $OUT/bench; $OUT/bench-arm64 for arm64).
set -eu
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"

# What differs between the architectures: the guest build, its variants
# for the instruction count, whether the read boots run, the QEMU binary
# (for env.txt), where the raw results and the plot go, and the command
# the report names.
arch=$ARCH
case $arch in
x86_64)
	guest=guest variants=bench-debug-preempt read_boots=1
	qemu=qemu-system-x86_64 results=bench plot=benchmarks.png cmd="make bench"
	;;
arm64)
	# configs/builds has no DEBUG_PREEMPT variant of the arm64 guest, and
	# the read and reset cost is x86_64's to measure (BENCH_POSSIBLE).
	guest=guest-arm64 variants='' read_boots=0
	qemu=qemu-system-aarch64 results=bench-arm64 plot=benchmarks-arm64.png
	cmd="make bench ARCH=arm64"
	;;
*) die "bench: ARCH=$arch is not supported: make bench runs on x86_64 or arm64" ;;
esac
use_build "$guest"

here=$TOP/scripts/pipeline
res=${BENCH_OUT:-$OUT/$results}
runs=${BENCH_RUNS:-5}
smp=${SMP:-4}
accel=${QEMU_ACCEL:-tcg}
need gcc gcc
need gnuplot gnuplot-nox
[ -f "$OUT/$guest/vmlinux" ] || die "bench: no $guest build in $OUT/$guest; run make${cmd#make bench} first"
rm -rf "$res"
mkdir -p "$res"

# prepare NAME: the benchmark module built against build NAME, the sysfs
# reader, and an initramfs whose /init runs them, for NAME's architecture.
prepare() {
	use_build "$1"
	obj=$OUT/$1
	cc=$(user_cc)
	mod=$obj/bench-module
	overlay=$obj/bench
	rm -rf "$mod" "$overlay"
	mkdir -p "$mod" "$overlay/lib/bench" "$overlay/bin"
	cp "$TOP"/scripts/bench/module/* "$mod/"
	ext_modules "$obj" "$mod" W=1 >"$mod/build.log" 2>&1 ||
		{ cat "$mod/build.log" >&2; die "bench: building scripts/bench/module against $obj failed"; }
	! grep 'warning:' "$mod/build.log" >&2 || die "bench: scripts/bench/module has warnings (W=1), see above"
	cp "$mod/call_counter_bench.ko" "$overlay/lib/bench/"
	cp "$TOP/scripts/bench/guest/init" "$overlay/init"
	# shellcheck disable=SC2086 # $cc may be a command with an option
	$cc -O2 -Wall -Wextra -static -o "$overlay/bin/read-bench" "$TOP/scripts/bench/guest/read-bench.c" ||
		die "bench: building scripts/bench/guest/read-bench.c with $cc failed (static glibc: libc6-dev, libc6-dev-arm64-cross)"
	"$here/initramfs.sh" "$1" "$overlay"
}

# run NAME LOG KERNEL-PARAMETER...: one benchmark boot of build NAME.
run() {
	name=$1 out=$res/$2.log
	shift 2
	log "bench: $(basename "$out" .log): $*"
	# Timings need plain TCG: single-stepping is for the race tests.
	QEMU_SINGLESTEP=0 INITRAMFS=$OUT/$name/initramfs-bench.cpio BOOT_LOG=$out \
		BOOT_TIMEOUT=${BOOT_TIMEOUT:-1800} "$here/boot.sh" "$name" "$@" >/dev/null ||
		die "bench: boot of $name timed out, see $out"
	grep -q '^call_counter_bench: check ok' "$out" ||
		die "bench: the benchmark failed in the guest, see $out"
}

prepare "$guest"
# The facility's text and data in the guest builds of this architecture
# (and of i386, the 32-bit one, with x86_64's when it has been built).
for b in "$guest" $([ "$arch" = x86_64 ] && echo guest-i386); do
	[ -f "$OUT/$b/lib/call_counter.o" ] || continue
	size "$OUT/$b/lib/call_counter.o" | awk -v b="$b" 'NR == 2 { print b, $1, $2 }'
done >"$res/size.txt"
if [ "$accel" = tcg ]; then
	for name in $variants; do
		"$here/build.sh" "$name"
		prepare "$name"
	done
	[ -n "$variants" ] ||
		log "bench: $arch: instruction counts of $guest only (no CONFIG_DEBUG_PREEMPT variant on $arch)"
	# The plugin runs in the host's QEMU: the host's compiler.
	gcc -shared -fPIC -O2 -Wall -Wextra -o "$res/insn-count.so" "$TOP/scripts/bench/plugin/insn-count.c" ||
		die "bench: building the QEMU plugin scripts/bench/plugin/insn-count.c failed"
	# One vCPU: the plugin's instruction counter is global.
	for name in "$guest" $variants; do
		SMP=1 QEMU_EXTRA="-plugin $res/insn-count.so,out=$res/insns-$name.txt" \
			run "$name" "insns-$name" bench.mode=insns "bench.windows=${BENCH_WINDOWS:-2000}"
		[ -s "$res/insns-$name.txt" ] || die "bench: the QEMU plugin wrote no counts for $name"
	done
else
	log "bench: QEMU_ACCEL=$accel: no instruction counts (QEMU plugins need TCG)"
fi

i=1
while [ "$i" -le "$runs" ]; do
	before=$(cut -d' ' -f1-3 /proc/loadavg)
	SMP=$smp run "$guest" "time-$i" bench.mode=time "bench.iters=${BENCH_ITERS:-1000000}"
	echo "time-$i before: $before after: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$res/load.txt"
	i=$((i + 1))
done

if [ "$read_boots" = 1 ]; then
	for p in ${BENCH_POSSIBLE:-4 64 255}; do
		POSSIBLE_CPUS=$p SMP=$smp run "$guest" "read-$p" bench.mode=read \
			"bench.iters=${BENCH_READS:-100000}" "bench.rounds=${BENCH_ROUNDS:-200}"
	done
else
	log "bench: $arch: no read and reset boots at ${BENCH_POSSIBLE:-4 64 255} possible CPUs (x86_64 only)"
fi

{
	echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "host: $(nproc) CPUs, $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1)"
	echo "qemu: $($qemu --version | head -n 1), accel $accel"
	echo "command: $cmd BENCH_RUNS=$runs SMP=$smp"
	echo "arch: $arch"
} >"$res/env.txt"
/usr/bin/python3 "$TOP/scripts/bench/bench-report.py" "$res" "$TOP/Documentation/benchmarks.md" \
	"$TOP/Documentation/$plot"
