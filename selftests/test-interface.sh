#!/bin/sh
# make help's one list (scripts/interface.list) is the whole interface:
# every environment variable a script reads is in it (selftests/env-read.py
# finds them), everything it lists is read somewhere, its targets are the
# Makefile's, and the README names no knob it lacks.
set -eu
# shellcheck source=selftests/lib.sh
. "$(dirname "$0")/lib.sh"

list=$TOP/scripts/interface.list
/usr/bin/python3 "$TOP/selftests/env-read.py" "$TOP" >"$SCRATCH/read"
sed -n 's/^\(knob\|inner\)|\([^|]*\)|.*/\2/p' "$list" | sort >"$SCRATCH/listed"
missing=$(comm -23 "$SCRATCH/read" "$SCRATCH/listed")
[ -z "$missing" ] || fail "read by the scripts but not in scripts/interface.list: $(echo "$missing" | tr '\n' ' ')"
# Listed but read by no script: only the Makefile's own may be.
for v in $(comm -13 "$SCRATCH/read" "$SCRATCH/listed"); do
	grep -q "\$($v)" "$TOP/Makefile" || fail "scripts/interface.list names $v, which nothing reads"
done
echo "ok: the $(wc -l <"$SCRATCH/read") variables the scripts read are listed"

sed -n 's/^\.PHONY: *//p' "$TOP/Makefile" | tr ' ' '\n' | sed '/^$/d' | sort >"$SCRATCH/phony"
sed -n 's/^target|\([^|]*\)|.*/\1/p' "$list" | sort >"$SCRATCH/targets"
[ "$(cat "$SCRATCH/phony")" = "$(cat "$SCRATCH/targets")" ] ||
	fail "targets of the Makefile and of scripts/interface.list differ: $(diff "$SCRATCH/phony" "$SCRATCH/targets" | grep '^[<>]' | tr '\n' ' ')"
while read -r t; do
	grep -q "^$t:" "$TOP/Makefile" || fail "scripts/interface.list names target $t, which the Makefile has no rule for"
done <"$SCRATCH/targets"
echo "ok: the $(wc -l <"$SCRATCH/targets") targets are listed"

make -s -C "$TOP" --no-print-directory help >"$SCRATCH/help"
cat "$SCRATCH/listed" "$SCRATCH/targets" | while read -r v; do
	grep -q "^  $v " "$SCRATCH/help" || fail "make help does not show $v"
done
echo "ok: make help shows every listed target and variable"

# The README's knob table: its first column, each a listed knob.
# shellcheck disable=SC2016 # the backquotes are Markdown's
sed -n 's/^| `\([A-Z_]*\)` .*/\1/p' "$TOP/README.md" | while read -r v; do
	grep -q "^knob|$v|" "$list" || fail "README.md names knob $v, which scripts/interface.list lacks"
done
echo "ok: the README's knobs are listed"
echo "PASS: interface"
