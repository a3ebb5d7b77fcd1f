#!/usr/bin/python3
"""Turn the raw results of scripts/bench.sh into the tables of
Documentation/benchmarks.md (between its "bench:begin" and "bench:end"
markers) and the plot Documentation/benchmarks.png (gnuplot).

usage: bench-report.py RESULTS-DIR DOC.md PLOT.png
"""
import glob
import os
import re
import statistics
import subprocess
import sys

METHODS = ["call_counter_inc", "this_cpu_inc", "get_cpu_per_cpu",
           "atomic_long_inc", "percpu_counter_add"]
LABEL = {
    "call_counter_inc": "`call_counter_inc()`",
    "this_cpu_inc": "`this_cpu_inc()`",
    "get_cpu_per_cpu": "`get_cpu(); per_cpu(v, cpu)++; put_cpu();`",
    "atomic_long_inc": "`atomic_long_inc()` (one shared counter)",
    "percpu_counter_add": "`percpu_counter_add(c, 1)`",
}
COLOR = ["#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e"]
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"


def die(msg):
    sys.exit("bench-report: " + msg)


def fields(line):
    return dict(kv.split("=", 1) for kv in line.split() if "=" in kv)


def bench_lines(path, kind):
    """The module's result lines of one kind from a boot log."""
    out = []
    with open(path, errors="replace") as f:
        for line in f:
            line = line.rstrip("\r\n")
            # Result lines carry key=value fields; "<mode> done" none.
            if line.startswith("call_counter_bench: " + kind + " ") and "=" in line:
                out.append(fields(line))
            elif kind == "read-bench" and line.startswith("read-bench "):
                out.append(fields(line))
    return out


def spread(values):
    """median, min and max"""
    med = statistics.median(values)
    return med, min(values), max(values)


def timing(res):
    """ns[method][cpus] -> list over runs; ratio[method][cpus] -> list."""
    ns, ratio = {}, {}
    logs = sorted(glob.glob(os.path.join(res, "time-*.log")))
    if not logs:
        die("no time-*.log in " + res)
    for path in logs:
        run = {}
        for f in bench_lines(path, "time"):
            run[(f["method"], int(f["cpus"]))] = float(f["ns_per_inc"])
        if not run:
            die("no timing lines in " + path)
        for (m, n), v in run.items():
            ns.setdefault(m, {}).setdefault(n, []).append(v)
            cc = run.get(("call_counter_inc", n))
            if cc:
                ratio.setdefault(m, {}).setdefault(n, []).append(v / cc)
    return ns, ratio, len(logs)


def insns(res):
    """{config: {method: (mean, min, max)}}, zero = the empty window."""
    out = {}
    for path in sorted(glob.glob(os.path.join(res, "insns-*.txt"))):
        name = os.path.basename(path)[len("insns-"):-len(".txt")]
        ids = {int(f["id"]): f["method"]
               for f in bench_lines(os.path.join(res, "insns-%s.log" % name), "insns")}
        counts = {}
        with open(path) as f:
            for line in f:
                i, n, s, lo, hi = (int(x) for x in line.split())
                counts[ids.get(i, str(i))] = (s / n, lo, hi)
        if "empty" not in counts:
            die("no empty window in " + path)
        zero = counts["empty"][1]
        if counts["empty"][2] != zero:
            die("the empty window varies in %s: the counts are not exact" % path)
        out[name] = {m: (v[0] - zero, v[1] - zero, v[2] - zero)
                     for m, v in counts.items() if m != "empty"}
    return out


def reads(res):
    rows = []
    for path in glob.glob(os.path.join(res, "read-*.log")):
        k = bench_lines(path, "read")
        u = bench_lines(path, "read-bench")
        if not k or not u:
            die("no read results in " + path)
        rows.append((int(k[0]["possible_cpus"]), k[0], u[0]))
    return sorted(rows, key=lambda r: r[0])


def fmt(v):
    return "%.1f" % v if v < 100 else "%.0f" % v


def plot(ns, png, res):
    cpus = sorted({n for m in ns.values() for n in m})
    dat = os.path.join(res, "plot.dat")
    with open(dat, "w") as f:
        f.write("# cpus " + " ".join(METHODS) + "\n")
        for n in cpus:
            f.write("%d %s\n" % (n, " ".join(
                "%g" % statistics.median(ns[m][n]) for m in METHODS)))
    lines = ", ".join(
        "'%s' using 1:%d with linespoints lw 2 lc rgb '%s' title '%s'"
        % (dat, i + 2, COLOR[i], m)
        for i, m in enumerate(METHODS))
    script = """set terminal pngcairo noenhanced size 900,560 font 'sans,11'
set output '%s'
set title 'ns per increment (median over boots; QEMU TCG, emulated time)'
set xlabel 'CPUs incrementing at once'
set ylabel 'ns per increment'
set logscale y
set xtics 1
set key outside right
set grid
plot %s
""" % (png, lines)
    subprocess.run(["gnuplot"], input=script, text=True, check=True)


def main():
    if len(sys.argv) != 4:
        die("usage: bench-report.py RESULTS-DIR DOC.md PLOT.png")
    res, doc, png = sys.argv[1:]
    env = {}
    with open(os.path.join(res, "env.txt")) as f:
        for line in f:
            k, v = line.rstrip("\n").split(": ", 1)
            env[k] = v
    ns, ratio, runs = timing(res)
    cpus = sorted({n for m in ns.values() for n in m})
    out = ["Measured %s with `%s`; host: %s; %s. "
           "%d boots; each figure is the median over the boots, "
           "with the range (min-max) in brackets." %
           (env["date"], env["command"], env["host"], env["qemu"], runs), ""]

    out += ["### ns per increment (emulated time)", ""]
    out.append("| method | " + " | ".join("%d CPU%s" % (n, "s" if n > 1 else "")
                                         for n in cpus) + " |")
    out.append("|---|" + "---:|" * len(cpus))
    for m in METHODS:
        cells = ["%s [%s-%s]" % tuple(fmt(x) for x in spread(ns[m][n])) for n in cpus]
        out.append("| %s | %s |" % (LABEL[m], " | ".join(cells)))
    out.append("")
    out += ["### Time of each method / time of `call_counter_inc()`, same boot", ""]
    sel = [cpus[0], cpus[-1]] if len(cpus) > 1 else cpus
    out.append("| method | " + " | ".join("%d CPU%s" % (n, "s" if n > 1 else "")
                                         for n in sel) + " |")
    out.append("|---|" + "---:|" * len(sel))
    for m in METHODS[1:]:
        cells = ["%.2f [%.2f-%.2f]" % spread(ratio[m][n]) for n in sel]
        out.append("| %s | %s |" % (LABEL[m], " | ".join(cells)))
    out.append("")
    with open(os.path.join(res, "load.txt")) as f:
        loads = f.read().split("\n")
    out += ["Host load average (1, 5, 15 min) around each timing boot:", "", "```"]
    out += [line for line in loads if line]
    out += ["```", ""]

    ins = insns(res)
    if ins:
        # The test guest's kernel first, then its variants.
        names = sorted(ins, key=lambda n: (n != "guest", n))
        title = {"guest": "test guest config",
                 "bench-debug-preempt": "+ `CONFIG_DEBUG_PREEMPT=y`"}
        out += ["### Instructions executed per increment (QEMU plugin, exact)", ""]
        out.append("| method | " + " | ".join(title.get(n, n) for n in names) + " |")
        out.append("|---|" + "---:|" * len(names))
        for m in METHODS:
            cells = []
            for n in names:
                mean, lo, hi = ins[n][m]
                cells.append("%g" % mean if lo == hi else
                             "%.1f (min %d, max %d)" % (mean, lo, hi))
            out.append("| %s | %s |" % (LABEL[m], " | ".join(cells)))
        out.append("")

    rd = reads(res)
    out += ["### Read cost (4 CPUs online)", "",
            "| possible CPUs | `call_counter_read()` ns | `call_counter_read_cpu()` ns "
            "| read `total` ns | read all `per_cpu/cpu*` ns (per file) "
            "| `call_counter_reset()` ns (max) |",
            "|---:|---:|---:|---:|---:|---:|"]
    for p, k, u in rd:
        out.append("| %d | %s | %s | %s | %s (%s) | %s (%s) |" % (
            p, k["read_ns"], k["read_cpu_ns"], u["total_ns"],
            u["per_cpu_round_ns"], u["per_cpu_file_ns"],
            k.get("reset_ns", "-"), k.get("reset_max_ns", "-")))
    out.append("")
    out.append("![ns per increment against CPUs](benchmarks.png)")

    with open(doc) as f:
        text = f.read()
    if BEGIN not in text or END not in text:
        die("%s has no %s ... %s markers" % (doc, BEGIN, END))
    head, rest = text.split(BEGIN, 1)
    tail = rest.split(END, 1)[1]
    with open(doc, "w") as f:
        f.write(head + BEGIN + "\n" + "\n".join(out) + "\n" + END + tail)
    plot(ns, png, res)
    print("\n".join(out))


if __name__ == "__main__":
    main()
