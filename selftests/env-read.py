#!/usr/bin/python3
"""The environment variables the project's shell scripts read: a name
referenced as $NAME or ${NAME...} in a script and not set by that script
or by a file it sources (scripts/lib.sh, the .env files, configs/arch/),
or set only from its own value (NAME=${NAME:-...}, : "${NAME:=...}").
Prints them sorted, a line each. usage: env-read.py TOP"""
import glob
import os
import re
import sys

top = sys.argv[1]
scripts = (glob.glob(os.path.join(top, "scripts", "*.sh"))
           + glob.glob(os.path.join(top, "scripts", "*", "*.sh"))
           + glob.glob(os.path.join(top, "selftests", "*.sh"))
           + [os.path.join(top, ".ci", "run")])
shared = (glob.glob(os.path.join(top, "scripts", "*.env"))
          + glob.glob(os.path.join(top, "scripts", "*", "*.env"))
          + glob.glob(os.path.join(top, "configs", "arch", "*.sh"))
          + [os.path.join(top, "scripts", "lib.sh"), os.path.join(top, "selftests", "lib.sh")])
# The shell's and the system's own, which no knob list names.
SYSTEM = {"HOME", "PATH", "PWD", "TMPDIR", "VERSION_CODENAME", "GIT_CONFIG_COUNT"}

REF = re.compile(r"\$\{?([A-Z](?:[A-Z0-9_]*[A-Z0-9])?)(?![A-Za-z0-9_])")
# NAME=... at the start of a command, not a prefix of another command's
# environment (NAME=value cmd), which passes it on without setting it.
SET = re.compile(r"^\s*(?:export\s+|local\s+)?([A-Z][A-Z0-9_]*)=(\S*)(.*)$")
SELF_DEFAULT = re.compile(r'^\s*:\s+"?\$\{([A-Z][A-Z0-9_]*):?=')
FOR = re.compile(r"\bfor\s+([A-Z][A-Z0-9_]*)\s+in\b")


def word_end(line, i):
    """Index after the shell word that starts at line[i] (quotes and
    $(...) nest; a word left open runs to the end of the line)."""
    depth, quote = 0, None
    while i < len(line):
        c = line[i]
        if quote:
            if c == "\\" and quote == '"':
                i += 1
            elif c == quote:
                quote = None
            elif c == "$" and line[i + 1:i + 2] == "(" and quote == '"':
                depth += 1
                i += 1
            elif c == ")" and depth and quote == '"':
                depth -= 1
        elif c in "'\"":
            quote = c
        elif c == "$" and line[i + 1:i + 2] == "(":
            depth += 1
            i += 1
        elif c == ")" and depth:
            depth -= 1
        elif c.isspace() and not depth:
            return i
        i += 1
    return i


def sets(path):
    own, defaulted = set(), set()
    for line in open(path, encoding="utf-8"):
        m = SET.match(line)
        if m:
            name = m.group(1)
            start = m.start(2)
            end = word_end(line, start)
            value, rest = line[start:end], line[end:].strip()
            # "A=1 cmd" passes A to cmd; "A=1", "A=1 B=2", "A=1 # x" set.
            while rest and re.match(r"[A-Z_][A-Z0-9_]*=", rest):
                e = word_end(rest, rest.index("=") + 1)
                rest = rest[e:].strip()
            if rest and not rest.startswith(("#", "&&", "||", ";")):
                continue
            if re.search(r"\$\{" + name + r"[:=+-]", value):
                defaulted.add(name)
            else:
                own.add(name)
        m = SELF_DEFAULT.match(line)
        if m:
            defaulted.add(m.group(1))
        for m in FOR.finditer(line):
            own.add(m.group(1))
    return own, defaulted


shared_own, defaulted = set(), set()
for p in shared:
    if os.path.exists(p):
        o, d = sets(p)
        shared_own |= o
        defaulted |= d
read = set()
for p in scripts:
    own, d = sets(p)
    defaulted |= d
    own |= shared_own
    text = "".join(l for l in open(p, encoding="utf-8") if not l.lstrip().startswith("#"))
    read |= {n for n in REF.findall(text) if n not in own}
print("\n".join(sorted((read | defaulted) - SYSTEM)))
