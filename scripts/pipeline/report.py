#!/usr/bin/python3
"""Judge a guest's serial log: KUnit KTAP, kselftest TAP, the in-tree
users' tests' TAP, kernel splats.

usage: report.py LOG --kunit-dir DIR [--expect-suite NAME]...
                     [--expect-kselftest] [--expect-users] [--expect-faults]
                     [--no-skip] [--label TEXT] [--verbose]

The KTAP is judged by the tree's own parser (DIR: the tree's
tools/testing/kunit), which checks the plans and the numbering. Prints a
line per test, the lines that explain a failure (every TAP line with
--verbose), and a closing "VERDICT: PASS|FAIL ..." line; exits 0 on PASS,
1 on FAIL.
"""
import argparse
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
# What the guest's console may hold: scripts/guest/.
GUEST = os.path.join(HERE, "..", "guest")
MARK = "CALL-COUNTER: "
# A KCSAN report's title, and a stack frame of the series' code (lib/
# call_counter*.c, lib/test_call_counter.c).
KCSAN_TITLE = re.compile(r"BUG: KCSAN: [\w-]+ in (?P<funcs>.+)$")
SERIES_FRAME = re.compile(r"\b(call_counter|cc|test_call_counter)_\w*\+0x|\[test_call_counter\]")
# The tests' own output (TAP, diagnostics), as opposed to the kernel's.
TAP_LINE = re.compile(r"^\s*(#|ok |not ok |TAP version|1\.\.|Bail out!)")
STAMP = re.compile(r"^\[[ 0-9.]*\](\[ *[TC][0-9]+\])? ?")
# The kernel's reports of an allocation made to fail (make faults): a
# header, then the stack up to "</TASK>". Expected there, not splats.
FAULT_REPORT = re.compile(r"FAULT_INJECTION: forcing a failure|page allocation failure: order:"
                          r"|vmalloc error: size|percpu: allocation failed")
RESULT = re.compile(r"^(?P<indent>\s*)(?P<not>not )?ok \d+ (?P<name>[^#]*?)\s*(#\s*(?P<directive>\w+).*)?$")


def section(lines, begin, end):
    """Lines strictly between the first line starting with begin and end."""
    out, inside = [], False
    for line in lines:
        if line.startswith(MARK + begin):
            inside = True
        elif line.startswith(MARK + end):
            return out, True
        elif inside:
            out.append(line)
    return out, False


def tap_results(lines, prefix=""):
    """(indent, ok, name, directive) of each result line behind prefix."""
    res = []
    for line in lines:
        if not line.startswith(prefix):
            continue
        m = RESULT.match(line[len(prefix):])
        if m:
            res.append((len(m["indent"]), not m["not"], m["name"].strip(),
                        (m["directive"] or "").upper()))
    return res


def tap_streams(lines, what):
    """Judge concatenated TAP streams (each from "TAP version" on): every
    result ok, numbered 1..N, and the plan present and equal to N.
    Returns (failures, results)."""
    fails, results, streams = [], [], []
    for line in lines:
        if line.startswith("TAP version"):
            streams.append([])
        elif streams:
            streams[-1].append(line)
        elif line.strip():
            streams.append([line])
    for i, stream in enumerate(streams, 1):
        num = [int(m[1]) for l in stream for m in [re.match(r"(?:not )?ok (\d+)", l)] if m]
        res = [r for r in tap_results(stream) if r[0] == 0]
        plans = [l for l in stream if re.fullmatch(r"1\.\.\d+", l.strip())]
        bail = [l for l in stream if l.startswith("Bail out!")]
        if bail:
            fails.append(f"{what} stream {i}: {bail[0].strip()}")
        if len(plans) != 1 or int(plans[0].strip()[3:]) != len(res):
            fails.append(f"{what} stream {i}: plan {plans or 'missing'} for {len(res)} results")
        if num != list(range(1, len(num) + 1)):
            fails.append(f"{what} stream {i}: results numbered {num}")
        fails += [f"{what} failed: {n}" for ind, ok, n, d in res if not ok]
        results += res
    return fails, results


def shown_section(lines, what, begin, end, expected, fails, verbose):
    """The lines of a test section, printed under "--- what ---" (its
    result lines only, unless verbose); a failure when it is expected
    and missing, or has no end marker."""
    body, ended = section(lines, begin, end)
    if expected and not body:
        fails.append(f"{what} did not run")
    if body:
        print(f"--- {what} ---")
        shown = body if verbose else [l for l in body if RESULT.match(l.removeprefix("# "))]
        print("\n".join(shown))
        if not ended:
            fails.append(f"{what} output has no end marker")
    return body


def kunit(ktap, kunit_dir, verbose):
    """The tree's kunit_parser on the KTAP: its top test (counts.errors:
    plan, numbering and format errors) and the cases, the tests without
    subtests, as (name, status). It prints a line per case, as kunit.py
    does."""
    sys.path.insert(0, kunit_dir)
    import kunit_parser
    import kunit_printer
    if verbose:
        print("\n".join(ktap))
    top = kunit_parser.parse_run_tests(ktap, kunit_printer.stdout)
    cases = []

    def walk(test):
        if not test.subtests:
            cases.append((test.name or "<unnamed>", test.status.name))
        for t in test.subtests:
            walk(t)
    for t in top.subtests:
        walk(t)
    return top, cases


def quote(lines, what, n=25):
    print(f"--- {what} ---")
    for line in lines[-n:]:
        print("    " + line)


def upstream_races(dmesg):
    """Line indices of KCSAN reports that scripts/guest/kcsan-upstream-races
    lists: every function in the title is listed and no frame in the
    report is the series'. Any other report counts, so a race in the
    series is never left out, whatever function it shows up in."""
    with open(os.path.join(GUEST, "kcsan-upstream-races")) as f:
        known = {l.strip() for l in f if l.strip() and not l.startswith("#")}
    skip = set()
    for i, line in enumerate(dmesg):
        m = KCSAN_TITLE.search(line)
        if not m:
            continue
        end = next((j for j in range(i + 1, len(dmesg)) if "=====" in dmesg[j]), len(dmesg))
        funcs = {f.strip().split("+")[0] for f in m["funcs"].split(" / ")}
        if funcs <= known and not any(SERIES_FRAME.search(l) for l in dmesg[i:end]):
            print(f"--- known upstream race, not counted: {line.strip()}")
            skip.update(range(i, end))
    return skip


def fault_reports(dmesg):
    """Line indices of the reports of injected allocation failures: from
    each header to the end of its stack (at most 80 lines, so that a cut
    report does not hide what follows)."""
    skip = set()
    for i, line in enumerate(dmesg):
        if FAULT_REPORT.search(line):
            end = next((j for j in range(i, min(i + 80, len(dmesg))) if "</TASK>" in dmesg[j]), i)
            skip.update(range(i, end + 1))
    return skip


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("log")
    ap.add_argument("--expect-suite", action="append", default=[])
    ap.add_argument("--expect-kselftest", action="store_true")
    ap.add_argument("--expect-users", action="store_true",
                    help="the tests of the series' in-tree users must run")
    ap.add_argument("--expect-faults", action="store_true",
                    help="the fault-injection test must run; its reports are not splats")
    ap.add_argument("--no-skip", action="store_true",
                    help="a skipped KUnit case or kselftest test is a failure")
    ap.add_argument("--label", default="guest")
    ap.add_argument("--kunit-dir", help="the tree's tools/testing/kunit (kunit_parser)")
    ap.add_argument("--verbose", action="store_true", help="print every TAP line")
    args = ap.parse_args()

    with open(args.log, errors="replace") as f:
        lines = [l.rstrip("\r\n").replace("\r", "") for l in f]
    fails, summary = [], []

    if not any(l.startswith(MARK + "END") for l in lines):
        panic = [i for i, l in enumerate(lines) if "Kernel panic" in l or "BUG:" in l]
        if panic:
            quote(lines[max(0, panic[0] - 30):panic[0] + 10], "guest crashed")
            fails.append("guest panicked: " + lines[panic[0]].strip())
        else:
            quote(lines, "last lines before the timeout")
            fails.append("guest hang: no end marker before the timeout")
        print(f"VERDICT: FAIL [{args.label}] " + "; ".join(fails))
        return 1

    # KUnit
    ktap, _ = section(lines, "KTAP BEGIN", "KTAP END")
    kcases = []
    if ktap:
        if not args.kunit_dir:
            print("report.py: --kunit-dir (the tree's tools/testing/kunit) is needed to judge KTAP",
                  file=sys.stderr)
            return 2
        print("--- KUnit (the tree's kunit_parser) ---")
        top, kcases = kunit(ktap, args.kunit_dir, args.verbose)
        if top.counts.errors:
            fails.append(f"KUnit KTAP: {top.counts.errors} parse error(s) (plan, numbering or format)")
        suites = {t.name for t in top.subtests}
        for s in args.expect_suite:
            if s not in suites:
                fails.append(f"KUnit suite {s} did not run")
        bad = [n for n, st in kcases if st not in ("SUCCESS", "SKIPPED")]
        skipped = [n for n, st in kcases if st == "SKIPPED"]
        if bad:
            fails.append("KUnit failed: " + ", ".join(bad))
        if skipped and args.no_skip:
            fails.append("KUnit skipped: " + ", ".join(skipped))
        passed = sum(1 for c in kcases if c[1] == "SUCCESS")
        summary.append(f"kunit {passed}/{len(kcases)} passed, {len(skipped)} skipped")
    elif args.expect_suite:
        fails += [f"KUnit suite {s} did not run" for s in args.expect_suite]

    # kselftest
    ksft = shown_section(lines, "kselftest", "KSELFTEST BEGIN", "KSELFTEST END",
                         args.expect_kselftest, fails, args.verbose)
    if ksft:
        top = [r for r in tap_results(ksft) if r[0] == 0]
        inner = tap_results(ksft, "# ")
        inner = [r for r in inner if r[0] == 0]
        for ind, ok, n, d in top:
            if not ok:
                fails.append(f"kselftest {n} failed" + (f" ({d})" if d else ""))
        if not top:
            fails.append("kselftest printed no result")
        ipass = sum(1 for r in inner if r[1] and r[3] != "SKIP")
        iskip = [r[2] for r in inner if r[3] == "SKIP"]
        if iskip and args.no_skip:
            fails.append("kselftest skipped: " + ", ".join(iskip))
        iskip = len(iskip)
        summary.append(f"kselftest {ipass}/{len(inner)} passed, {iskip} skipped")
        for r in inner:
            if not r[1] and r[3] != "SKIP":
                print(f"    failed: {r[2]}")

    # The series' in-tree users; allocation failures injected in the
    # setup paths (make faults)
    tapped = []
    for what, label, mark, expected in (
            ("the tests of the in-tree users", "users", "USERS", args.expect_users),
            ("allocation failures injected", "faults", "FAULTS", args.expect_faults)):
        body = shown_section(lines, what, mark + " BEGIN", mark + " END", expected,
                             fails, args.verbose)
        if body:
            tapped.append(label)
            tfails, tres = tap_streams(body, label)
            fails += tfails
            summary.append(f"{label} {sum(1 for r in tres if r[1])}/{len(tres)} passed")

    # splats: anywhere in the console stream, not only in the dmesg dump
    # (a wrapped log buffer would lose early ones there, and a splat after
    # the dump is only on the console). TAP lines are the tests' own
    # output; a line printed both on the console and in the dump counts
    # once.
    with open(os.path.join(GUEST, "splat-patterns")) as f:
        pats = [re.compile(p.strip()) for p in f if p.strip()]
    skip = upstream_races(lines)
    if args.expect_faults:
        skip |= fault_reports(lines)
    seen, hits = set(), []
    for i, l in enumerate(lines):
        if i in skip or TAP_LINE.match(l) or not any(p.search(l) for p in pats):
            continue
        key = STAMP.sub("", l).strip()
        if key not in seen:
            seen.add(key)
            hits.append(i)
    if hits:
        quote(lines[max(0, hits[0] - 5):hits[0] + 30], "kernel splat")
        fails.append(f"{len(hits)} splat line(s) in the console, first: {lines[hits[0]].strip()}")
    summary.append(f"{len(hits)} splats")

    if not ktap and not ksft and not tapped and not args.expect_suite and not args.expect_kselftest:
        summary.insert(0, "no test ran (the series is empty)")
    if fails:
        print(f"VERDICT: FAIL [{args.label}] " + "; ".join(fails))
        return 1
    print(f"VERDICT: PASS [{args.label}] " + ", ".join(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
