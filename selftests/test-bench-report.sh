#!/bin/sh
# scripts/bench/bench-report.py on made-up results: the medians, ranges and
# ratios in the table, the instruction counts less the empty window, the
# plot, and a clear error on results it cannot trust; then an arm64 run
# (its column in the instruction table, its own section, the x86_64
# figures kept) and an x86_64 run after it that keeps the arm64 figures.
# (The benchmark itself is never run here: it times things.)
# Markdown code spans below: their backquotes are literal.
# shellcheck disable=SC2016
set -eu
# shellcheck source=selftests/lib.sh
. "$(dirname "$0")/lib.sh"

res=$SCRATCH/res
mkdir -p "$res"
cat >"$res/env.txt" <<'EOF'
date: 2026-01-01 00:00 UTC
host: 2 CPUs, Test CPU
qemu: QEMU emulator version 7.2.0, accel tcg
command: make bench BENCH_RUNS=3 SMP=2
EOF
# time_logs DIR CC...: load.txt and a time-N.log per CC, the ns of
# call_counter_inc at 1 CPU in boot N; the others scaled.
time_logs() {
	_dir=$1 n=1
	shift
	for cc in "$@"; do
		echo "time-$n before: 0.1 0.2 0.3 after: 0.4 0.5 0.6" >>"$_dir/load.txt"
		{
			echo "noise before"
			echo "call_counter_bench: time done"
			for cpus in 1 2; do
				for m in call_counter_inc:1 this_cpu_inc:1 get_cpu_per_cpu:3 atomic_long_inc:5 percpu_counter_add:10; do
					f=${m#*:}
					v=$(echo "$cc * $f * $cpus" | bc)
					echo "call_counter_bench: time method=${m%:*} cpus=$cpus iters=1000 ns_per_inc=$v rate_per_s=1"
				done
			done
		} >"$_dir/time-$n.log"
		n=$((n + 1))
	done
}
# insns_log FILE [SPI]: the module's id lines of an instruction-count boot
# (with SPI's two update methods, as the v3 module has them).
insns_log() {
	i=0
	for m in call_counter_inc this_cpu_inc get_cpu_per_cpu atomic_long_inc percpu_counter_add ${2:+spi_stats_v7.3 spi_stats_call_counter} empty; do
		echo "call_counter_bench: insns id=$i method=$m windows=10"
		i=$((i + 1))
	done >"$1"
}
# call_counter_inc 2, 2, 4 ns at 1 CPU.
time_logs "$res" 2.000 2.000 4.000
insns_log "$res/insns-guest.log" spi
# id windows sum min max: the empty window costs 1.
printf '0 10 20 2 2\n1 10 20 2 2\n2 10 80 8 8\n3 10 20 2 2\n4 10 300 26 53\n5 10 160 16 16\n6 10 20 2 2\n7 10 10 1 1\n' >"$res/insns-guest.txt"
printf 'call_counter_bench: read possible_cpus=4 online_cpus=4 reads=10 read_ns=100 read_cpu_ns=20 resets=5 reset_ns=5000 reset_max_ns=9000 sink=0\nread-bench possible=4 total_ns=900 per_cpu_round_ns=4000 per_cpu_file_ns=1000\n' >"$res/read-4.log"
printf 'guest 308 40\nguest-i386 420 48\n' >"$res/size.txt"
printf '# Doc\n\nbefore\n<!-- bench:begin -->\nold\n<!-- bench:end -->\nafter\n' >"$SCRATCH/doc.md"

/usr/bin/python3 "$TOP/scripts/bench/bench-report.py" "$res" "$SCRATCH/doc.md" "$SCRATCH/plot.png" >"$SCRATCH/out" 2>&1 ||
	{ cat "$SCRATCH/out"; fail "bench-report.py failed on good results"; }
doc=$SCRATCH/doc.md
has() { grep -q -F -e "$1" "$doc" || { cat "$doc"; fail "the report lacks: $1"; }; }
has 'before'
has 'after'
! grep -q '^old$' "$doc" || fail "the old results were not replaced"
has '| `call_counter_inc()` | 2.0 [2.0-4.0] | 4.0 [4.0-8.0] |'
has '| `atomic_long_inc()` (one shared counter) | 5.00 [5.00-5.00] | 5.00 [5.00-5.00] |'
has '| `this_cpu_inc()` | 1 |'
has '| `get_cpu(); per_cpu(v, cpu)++; put_cpu();` | 7 |'
has '| `percpu_counter_add(c, 1)` | 29.0 (min 25, max 52) |'
has '| SPI statistics update of v7.3 (`get_cpu()`, `u64_stats`) | 15 |'
has '| SPI statistics update, `call_counter_inc()` on its group | 1 |'
has '| 4 | 100 | 20 | 900 | 4000 (1000) |'
has 'time-3 before: 0.1 0.2 0.3 after: 0.4 0.5 0.6'
has '| guest-i386 | 420 | 48 |'
has 'make bench BENCH_RUNS=3 SMP=2'
[ "$(head -c 8 "$SCRATCH/plot.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] ||
	fail "no PNG written"
echo "ok: table, ratios, instruction counts, read cost, plot"

# An arm64 run: no read boots, one instruction-count build.
arm=$SCRATCH/res-arm64
mkdir -p "$arm"
cat >"$arm/env.txt" <<'END'
date: 2026-01-02 00:00 UTC
host: 2 CPUs, Test CPU
qemu: QEMU emulator version 7.2.0 (aarch64), accel tcg
command: make bench ARCH=arm64 BENCH_RUNS=2 SMP=2
arch: arm64
END
time_logs "$arm" 3.000 5.000
insns_log "$arm/insns-guest-arm64.log"
# The empty window costs 2 here.
printf '0 10 60 6 6\n1 10 60 6 6\n2 10 130 13 13\n3 10 40 4 4\n4 10 410 37 64\n5 10 20 2 2\n' >"$arm/insns-guest-arm64.txt"
# section BEGIN END: the lines of the document from one marker to the other.
section() { sed -n "/^$1\$/,/^$2\$/p" "$doc"; }
# The x86_64 section less its instruction table (through the heading after it).
x86_rest() { section '<!-- bench:begin -->' '<!-- bench:end -->' | sed '/^### Instructions executed/,/^### Read cost/d'; }
x86_rest >"$SCRATCH/x86.before"
/usr/bin/python3 "$TOP/scripts/bench/bench-report.py" "$arm" "$doc" "$SCRATCH/plot-arm64.png" >"$SCRATCH/out" 2>&1 ||
	{ cat "$SCRATCH/out"; fail "bench-report.py failed on good arm64 results"; }
has '| method | test guest config | arm64 (test guest config) |'
has '| `call_counter_inc()` | 1 | 4 |'
has '| `get_cpu(); per_cpu(v, cpu)++; put_cpu();` | 7 | 11 |'
has '| `percpu_counter_add(c, 1)` | 29.0 (min 25, max 52) | 39.0 (min 35, max 62) |'
x86_rest | cmp -s - "$SCRATCH/x86.before" ||
	{ x86_rest | diff "$SCRATCH/x86.before" - || true; fail "the arm64 run changed the x86_64 figures"; }
[ -s "$SCRATCH/x86.before" ] || fail "no x86_64 section to compare"
has 'after'
section '<!-- bench-arm64:begin -->' '<!-- bench-arm64:end -->' >"$SCRATCH/arm64.section"
in_arm64() {
	grep -q -F -e "$1" "$SCRATCH/arm64.section" || { cat "$doc"; fail "the arm64 section lacks: $1"; }
}
in_arm64 'make bench ARCH=arm64 BENCH_RUNS=2 SMP=2'
# Medians of 3 and 5 ns: 4; ratios 1, 3, 5, 10.
in_arm64 '| `call_counter_inc()` | 4.0 [3.0-5.0] | 8.0 [6.0-10.0] |'
in_arm64 '| `percpu_counter_add(c, 1)` | 10.00 [10.00-10.00] | 10.00 [10.00-10.00] |'
in_arm64 '(benchmarks-arm64.png)'
! grep -q -F 'possible CPUs' "$SCRATCH/arm64.section" || fail "the arm64 section has a read table"
[ "$(grep -c -F -e '<!-- bench-arm64:begin -->' "$doc")" = 1 ] || fail "not one arm64 section"
[ "$(head -c 8 "$SCRATCH/plot-arm64.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] ||
	fail "no arm64 PNG written"
echo "ok: an arm64 run adds its column and section, the x86_64 figures stay"

# An x86_64 run after it keeps the arm64 column and section: with the
# same x86_64 results, the document does not change at all.
cp "$doc" "$SCRATCH/doc.arm64"
/usr/bin/python3 "$TOP/scripts/bench/bench-report.py" "$res" "$doc" "$SCRATCH/plot.png" >"$SCRATCH/out" 2>&1 ||
	{ cat "$SCRATCH/out"; fail "bench-report.py failed on x86_64 results after arm64's"; }
has '| `percpu_counter_add(c, 1)` | 29.0 (min 25, max 52) | 39.0 (min 35, max 62) |'
cmp -s "$doc" "$SCRATCH/doc.arm64" ||
	{ diff "$SCRATCH/doc.arm64" "$doc" || true; fail "the x86_64 run did not keep the arm64 figures as they were"; }
# A second arm64 run replaces its column, and only it.
printf '0 10 60 6 6\n1 10 70 7 7\n2 10 130 13 13\n3 10 40 4 4\n4 10 410 37 64\n5 10 20 2 2\n' >"$arm/insns-guest-arm64.txt"
/usr/bin/python3 "$TOP/scripts/bench/bench-report.py" "$arm" "$doc" "$SCRATCH/plot-arm64.png" >"$SCRATCH/out" 2>&1 ||
	{ cat "$SCRATCH/out"; fail "bench-report.py failed on a second arm64 run"; }
sed 's/^| `this_cpu_inc()` | 1 | 4 |$/| `this_cpu_inc()` | 1 | 5 |/' "$SCRATCH/doc.arm64" >"$SCRATCH/doc.expected"
cmp -s "$doc" "$SCRATCH/doc.expected" ||
	{ diff "$SCRATCH/doc.expected" "$doc" || true; fail "the second arm64 run changed more than its column's figure"; }
has '| `this_cpu_inc()` | 1 | 5 |'
echo "ok: an x86_64 run keeps the arm64 figures, an arm64 run replaces its own"

# A table the report cannot read is not rewritten over: the other
# architecture's figures would be lost.
sed -i 's/^| `this_cpu_inc()` | 1 | 5 |$/| `this_cpu_inc()` | 1 |/' "$doc"
cp "$doc" "$SCRATCH/doc.before"
expect_fail "a broken instruction table" "a row of the instruction table has 2 cells" \
	/usr/bin/python3 "$TOP/scripts/bench/bench-report.py" "$res" "$doc" "$SCRATCH/plot.png"
cmp -s "$doc" "$SCRATCH/doc.before" || fail "a failed report changed the document"
cp "$SCRATCH/doc.arm64" "$doc"

# Counts that are not exact must not be published.
cp "$doc" "$SCRATCH/doc.before"
printf '7 10 12 1 2\n' >>"$res/insns-guest.txt"
expect_fail "a varying empty window" "the empty window varies" \
	/usr/bin/python3 "$TOP/scripts/bench/bench-report.py" "$res" "$doc" "$SCRATCH/plot.png"
cmp -s "$doc" "$SCRATCH/doc.before" || fail "a failed report changed the document"
echo "PASS: bench-report"
