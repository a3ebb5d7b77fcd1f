#!/usr/bin/python3
"""Judge a soak's guest log and write its figures into a Markdown file.

usage: soak-report.py LOG DOC.md --calls N --cycles N --wall SEC
                      --singlestep 0|1 --smp N --base TEXT

The log holds the stress tests' harness output, a round at a time
("soak R: ..." lines), and the guest's "SOAK round" and "SOAK END"
markers. Every test of every round must pass (each checks its exact
totals), and the calls and hotplug cycles,
summed from the tests' own reports, must reach their targets. Exits 0
and rewrites DOC.md when they do; exits 1 and leaves DOC.md alone when
not.
"""
import argparse
import datetime
import re
import sys

ROUND = re.compile(r"^soak (\d+): (.*)$")
RESULT = re.compile(r"^(not )?ok \d+ (call_counter\.\w+)")
CALLS = re.compile(r"(\d+) threads, (\d+) CPUs, (\d+) s, seed (\d+): (\d+) calls, (\d+) failed writes")
EVENTS = re.compile(r"(\d+) affinity changes, (\d+) hotplug cycles")
MARK = "CALL-COUNTER: SOAK "


def parse(lines):
    tests, fails, current = {}, [], None
    sums = {"calls": 0, "failed": 0, "affinity": 0, "cycles": 0}
    rounds, end = 0, None
    for line in lines:
        if line.startswith(MARK + "END"):
            end = line
        m = ROUND.match(line)
        if not m:
            continue
        rounds = max(rounds, int(m[1]))
        body = m[2]
        r = RESULT.match(body)
        if r:
            t = tests.setdefault(r[2], {"runs": 0, "seconds": 0, "calls": 0, "cycles": 0})
            t["runs"] += 1
            t["seconds"] += current["seconds"] if current else 0
            t["calls"] += current["calls"] if current else 0
            t["cycles"] += current["cycles"] if current else 0
            if r[1]:
                fails.append(f"round {m[1]}: {body}")
            current = None
            continue
        c = CALLS.search(body)
        if c:
            current = {"calls": int(c[5]), "seconds": int(c[3]), "cycles": 0}
            sums["calls"] += int(c[5])
            sums["failed"] += int(c[6])
        e = EVENTS.search(body)
        if e and current is not None:
            current["cycles"] = int(e[2])
            sums["affinity"] += int(e[1])
            sums["cycles"] += int(e[2])
    return tests, fails, sums, rounds, end


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("log")
    ap.add_argument("doc")
    for opt in ("--calls", "--cycles", "--wall", "--singlestep", "--smp"):
        ap.add_argument(opt, type=int, required=True)
    ap.add_argument("--base", required=True)
    args = ap.parse_args()
    with open(args.log, errors="replace") as f:
        lines = [l.rstrip("\r\n") for l in f]
    tests, fails, sums, rounds, end = parse(lines)

    if not end:
        fails.append("no SOAK END marker: the guest did not finish its rounds")
    elif not end.split("rc=")[1].startswith("0 "):
        fails.append(f"the last round failed: {end}")
    if sums["calls"] < args.calls:
        fails.append(f"{sums['calls']} calls, fewer than the target {args.calls}")
    if sums["cycles"] < args.cycles:
        fails.append(f"{sums['cycles']} hotplug cycles, fewer than the target {args.cycles}")
    for name in ("call_counter.migration_stress", "call_counter.hotplug_stress"):
        if name not in tests:
            fails.append(f"{name} never ran")
    seconds = [int(m[1]) for l in lines for m in [re.search(r"SOAK round \d+ .*seconds=(\d+)", l)] if m]
    guest_s = seconds[-1] if seconds else 0
    print(f"soak: {rounds} rounds, {sums['calls']} calls, {sums['cycles']} hotplug cycles, "
          f"{sums['affinity']} affinity changes in {guest_s} s "
          f"(wall {args.wall} s)")
    if fails:
        for f in fails:
            print("soak: FAIL: " + f)
        return 1

    def rate(n, secs):
        return f"{n / secs:,.0f}/s" if secs else "-"
    rows = "\n".join(
        f"| `{n.split('.')[1]}` | {t['runs']} | {t['seconds']} | {t['calls']:,} "
        f"({rate(t['calls'], t['seconds'])}) | {t['cycles']:,} ({rate(t['cycles'], t['seconds'])}) |"
        for n, t in sorted(tests.items()))
    hp = tests["call_counter.hotplug_stress"]
    mode = "TCG, one instruction per block (`QEMU_SINGLESTEP=1`)" if args.singlestep else "plain TCG"
    doc = f"""# Soak

Not a test of `make test`: `make soak` boots the main guest's kernel
({args.smp} vCPUs, {mode}) and runs the kselftest's stress tests in
rounds until the targets below are reached. Round 1 runs
`migration_stress` and `hotplug_stress`; each later round
`hotplug_stress` (migration with CPUs going offline and online
underneath). Every test checks its exact totals at its end; a failed
test stops the soak. The figures are
the sums of the tests' own reports. Calls are made by the test module in
bursts of 1 to 256 per write, by two threads per CPU that move one
another with `sched_setaffinity()`. Derive the time another target
needs from the rates: `SOAK_CALLS`, `SOAK_CYCLES`, `SOAK_MAX` (see
`scripts/bench/soak.sh`).

Last run: `make soak` (QEMU_SINGLESTEP={args.singlestep}) on
{datetime.date.today().isoformat()}, base {args.base}, on a 2-core host.

| | |
|---|---|
| rounds | {rounds} |
| counted calls, all under migration | {sums['calls']:,} |
| CPU offline/online cycles | {sums['cycles']:,} ({rate(hp['cycles'], hp['seconds'])} in `hotplug_stress`) |
| `sched_setaffinity()` moves | {sums['affinity']:,} |
| calls lost or counted twice | 0 (every exact-total check passed) |
| failed writes | {sums['failed']:,} |
| splats | 0 |
| time in the guest | {guest_s} s |
| wall time, boot included | {args.wall} s |

| test | runs | seconds | calls | hotplug cycles |
|---|---|---|---|---|
{rows}
"""
    with open(args.doc, "w") as f:
        f.write(doc)
    print(f"soak: PASS, figures written to {args.doc}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
