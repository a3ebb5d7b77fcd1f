#!/usr/bin/python3
"""Turn the raw results of scripts/bench/bench.sh into the tables of
Documentation/benchmarks.md (between its "bench:begin" and "bench:end"
markers) and the plot Documentation/benchmarks.png (gnuplot).

The results name their architecture (env.txt's "arch:", x86_64 when
absent). An x86_64 run rewrites the x86_64 section. An arm64 run writes
its timings into a section of its own ("bench-arm64:begin" ... ":end",
added after the x86_64 section when missing), its plot into PLOT.png
(bench.sh: benchmarks-arm64.png), and its instruction counts as the
column "arm64 (test guest config)" of the x86_64 section's instruction
table, which it leaves otherwise as it is. Each run reads that table
from the document and keeps the other architecture's columns.

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
    "spi_stats_v7.3": "SPI statistics update of v7.3 (`get_cpu()`, `u64_stats`)",
    "spi_stats_call_counter": "SPI statistics update, `call_counter_inc()` on its group",
}
# Rows of the instruction table only, where the counts have them: SPI's
# update of one statistic, before the series and with it.
SPI_METHODS = ["spi_stats_v7.3", "spi_stats_call_counter"]
ROWS = METHODS + SPI_METHODS
COLOR = ["#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e"]
ARCHES = ["x86_64", "arm64"]
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"
# The section of each other architecture: its markers and its heading.
OWN = {"arm64": ("<!-- bench-arm64:begin -->", "<!-- bench-arm64:end -->",
                 "## Results on arm64")}
INSNS_TITLE = "### Instructions executed per increment (QEMU plugin, exact)"
# The instruction table's column of each build counted; a column of
# another architecture than x86_64 starts with its name.
COLUMN = {"guest": "test guest config",
          "bench-debug-preempt": "+ `CONFIG_DEBUG_PREEMPT=y`",
          "guest-arm64": "arm64 (test guest config)"}
PLOT = {"x86_64": "benchmarks.png", "arm64": "benchmarks-arm64.png"}


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
        for m in METHODS:
            if m not in out[name]:
                die("no count of %s in %s" % (m, path))
    return out


def column_arch(title):
    """The architecture of a column of the instruction table."""
    word = title.split(" ", 1)[0]
    return word if word in ARCHES else "x86_64"


def insns_columns(ins, arch):
    """This run's columns of the instruction table: [(title, {method: cell})],
    the test guest's kernel first, then its variants."""
    cols = []
    for n in sorted(ins, key=lambda n: (n not in ("guest", "guest-" + arch), n)):
        title = COLUMN.get(n, n)
        if column_arch(title) != arch:
            title = "%s (%s)" % (arch, title)
        cells = {}
        for m in (m for m in ROWS if m in ins[n]):
            mean, lo, hi = ins[n][m]
            cells[m] = ("%g" % mean if lo == hi else
                        "%.1f (min %d, max %d)" % (mean, lo, hi))
        cols.append((title, cells))
    return cols


def table_cells(line):
    return [c.strip() for c in line.strip().strip("|").split("|")]


def find_insns_table(lines, doc):
    """(first, past, columns) of the instruction table in lines (the title
    through the blank line after it) as this script writes it, or None."""
    if INSNS_TITLE not in lines:
        return None
    first = lines.index(INSNS_TITLE)
    i = first + 1
    if i < len(lines) and lines[i] == "":
        i += 1
    rows = []
    while i < len(lines) and lines[i].startswith("|"):
        rows.append(table_cells(lines[i]))
        i += 1
    if i < len(lines) and lines[i] == "":
        i += 1
    if len(rows) < 2 or rows[0][0] != "method":
        die("%s: cannot read the instruction table (%s)" % (doc, INSNS_TITLE))
    cols = [(t, {}) for t in rows[0][1:]]
    method = {LABEL[m]: m for m in ROWS}
    for r in rows[2:]:
        if len(r) != len(cols) + 1:
            die("%s: a row of the instruction table has %d cells, not %d: %s"
                % (doc, len(r), len(cols) + 1, " | ".join(r)))
        if r[0] in method:
            for (_, cells), v in zip(cols, r[1:]):
                cells[method[r[0]]] = v
    return first, i, cols


def insns_table(cols):
    """The instruction table's lines, x86_64's columns first."""
    if not cols:
        return []
    cols = sorted(cols, key=lambda c: ARCHES.index(column_arch(c[0])))
    out = [INSNS_TITLE, ""]
    out.append("| method | " + " | ".join(t for t, _ in cols) + " |")
    out.append("|---|" + "---:|" * len(cols))
    for m in (m for m in ROWS if any(m in c for _, c in cols)):
        out.append("| %s | %s |" % (LABEL[m], " | ".join(c.get(m, "-") for _, c in cols)))
    out.append("")
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


def plot(ns, png, res, arch):
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
set title '%sns per increment (median over boots; QEMU TCG, emulated time)'
set xlabel 'CPUs incrementing at once'
set ylabel 'ns per increment'
set logscale y
set xtics 1
set key outside right
set grid
plot %s
""" % (png, "" if arch == "x86_64" else arch + " guest: ", lines)
    subprocess.run(["gnuplot"], input=script, text=True, check=True)


def section(text, begin, end):
    """(head, body, tail) of text around the markers, or None."""
    if begin not in text:
        return None
    head, rest = text.split(begin, 1)
    if end not in rest:
        return None
    body, tail = rest.split(end, 1)
    return head, body, tail


def timing_lines(env, res):
    """The header line, the two timing tables and the host load."""
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
    return out, ns


def read_lines(res):
    out = ["### Read cost (4 CPUs online)", "",
           "| possible CPUs | `call_counter_read()` ns | `call_counter_read_cpu()` ns "
           "| read `total` ns | read all `per_cpu/cpu*` ns (per file) |",
           "|---:|---:|---:|---:|---:|"]
    for p, k, u in reads(res):
        out.append("| %d | %s | %s | %s | %s (%s) |" % (
            p, k["read_ns"], k["read_cpu_ns"], u["total_ns"],
            u["per_cpu_round_ns"], u["per_cpu_file_ns"]))
    out.append("")
    return out


def size_lines(res):
    """The facility's size in each guest build measured (size.txt: lines of
    "BUILD TEXT DATA" for lib/call_counter.o), and what a counter costs."""
    path = os.path.join(res, "size.txt")
    if not os.path.exists(path):
        return []
    out = ["### Size of the facility", "",
           "`size` of `lib/call_counter.o`, built into every kernel (the increment "
           "is inline in the users):", "",
           "| build | text bytes | data bytes |", "|---|---:|---:|"]
    with open(path) as f:
        for line in f:
            build, text, data = line.split()
            out.append("| %s | %s | %s |" % (build, text, data))
    out += ["", "Memory: a group of *nr* counters takes 8 × *nr* bytes per possible "
            "CPU on 64-bit; on 32-bit also one `u64_stats_sync` per CPU for the "
            "whole group (4 bytes, more with lockdep).", ""]
    return out


def main():
    if len(sys.argv) != 4:
        die("usage: bench-report.py RESULTS-DIR DOC.md PLOT.png")
    res, doc, png = sys.argv[1:]
    env = {}
    with open(os.path.join(res, "env.txt")) as f:
        for line in f:
            k, v = line.rstrip("\n").split(": ", 1)
            env[k] = v
    arch = env.get("arch", "x86_64")
    if arch not in ARCHES:
        die("%s/env.txt: arch %s is not one of %s" % (res, arch, ", ".join(ARCHES)))
    out, ns = timing_lines(env, res)
    ins = insns(res)

    # Everything is read and checked before the document is written.
    with open(doc) as f:
        text = f.read()
    x86 = section(text, BEGIN, END)
    if x86 is None:
        die("%s has no %s ... %s markers" % (doc, BEGIN, END))
    head, body, tail = x86
    lines = body.split("\n")
    old = find_insns_table(lines, doc)
    kept = [c for c in old[2] if column_arch(c[0]) != arch] if old else []
    cols = insns_columns(ins, arch)
    table = insns_table(kept + cols)

    out += size_lines(res)
    if arch == "x86_64":
        out += table
        out += read_lines(res)
        out.append("![ns per increment against CPUs](%s)" % PLOT[arch])
        text = head + BEGIN + "\n" + "\n".join(out) + "\n" + END + tail
        shown = out
    else:
        # The x86_64 section as it is, but for its instruction table.
        if old:
            lines[old[0]:old[1]] = table
        else:
            at = [i for i, line in enumerate(lines)
                  if line.startswith("### Read cost") or line.startswith("![")]
            at = at[0] if at else max(len(lines) - 1, 0)
            lines[at:at] = table
        if cols:
            out += ["Instructions executed per increment: the column%s %s of the "
                    "instruction table in the x86_64 results above." %
                    ("s" if len(cols) > 1 else "", ", ".join('"%s"' % t for t, _ in cols)), ""]
        out.append("![ns per increment against CPUs, %s guest](%s)" % (arch, PLOT[arch]))
        upto = head + BEGIN + "\n".join(lines) + END
        text = upto + tail
        begin, end, heading = OWN[arch]
        own = begin + "\n" + "\n".join(out) + "\n" + end
        mine = section(text, begin, end)
        if mine is None:
            text = upto + "\n\n" + heading + "\n\n" + own + tail
        else:
            text = mine[0] + own + mine[2]
        shown = out + [""] + table
    with open(doc, "w") as f:
        f.write(text)
    plot(ns, png, res, arch)
    print("\n".join(shown))


if __name__ == "__main__":
    main()
