#!/bin/sh
# scripts/bench-report.py on made-up results: the medians, ranges and
# ratios in the table, the instruction counts less the empty window, the
# plot, and a clear error on results it cannot trust. (The benchmark
# itself is never run here: it times things.)
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
printf 'time-%s before: 0.1 0.2 0.3 after: 0.4 0.5 0.6\n' 1 2 3 >"$res/load.txt"
# time-N.log: call_counter_inc 2, 2, 4 ns at 1 CPU; the others scaled.
n=1
for cc in 2.000 2.000 4.000; do
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
	} >"$res/time-$n.log"
	n=$((n + 1))
done
{
	i=0
	for m in call_counter_inc this_cpu_inc get_cpu_per_cpu atomic_long_inc percpu_counter_add empty; do
		echo "call_counter_bench: insns id=$i method=$m windows=10"
		i=$((i + 1))
	done
} >"$res/insns-guest.log"
# id windows sum min max: the empty window costs 1.
printf '0 10 20 2 2\n1 10 20 2 2\n2 10 80 8 8\n3 10 20 2 2\n4 10 300 26 53\n5 10 10 1 1\n' >"$res/insns-guest.txt"
printf 'call_counter_bench: read possible_cpus=4 online_cpus=4 reads=10 read_ns=100 read_cpu_ns=20 resets=5 reset_ns=5000 reset_max_ns=9000 sink=0\nread-bench possible=4 total_ns=900 per_cpu_round_ns=4000 per_cpu_file_ns=1000\n' >"$res/read-4.log"
printf '# Doc\n\nbefore\n<!-- bench:begin -->\nold\n<!-- bench:end -->\nafter\n' >"$SCRATCH/doc.md"

/usr/bin/python3 "$TOP/scripts/bench-report.py" "$res" "$SCRATCH/doc.md" "$SCRATCH/plot.png" >"$SCRATCH/out" 2>&1 ||
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
has '| 4 | 100 | 20 | 900 | 4000 (1000) | 5000 (9000) |'
has 'time-3 before: 0.1 0.2 0.3 after: 0.4 0.5 0.6'
has 'make bench BENCH_RUNS=3 SMP=2'
[ "$(head -c 8 "$SCRATCH/plot.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] ||
	fail "no PNG written"
echo "ok: table, ratios, instruction counts, read cost, plot"

# Counts that are not exact must not be published.
cp "$doc" "$SCRATCH/doc.before"
printf '5 10 12 1 2\n' >>"$res/insns-guest.txt"
expect_fail "a varying empty window" "the empty window varies" \
	/usr/bin/python3 "$TOP/scripts/bench-report.py" "$res" "$doc" "$SCRATCH/plot.png"
cmp -s "$doc" "$SCRATCH/doc.before" || fail "a failed report changed the document"
echo "PASS: bench-report"
