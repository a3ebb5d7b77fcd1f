#!/bin/sh
# On x86_64, call_counter_inc() and call_counter_add() with a constant
# index into a defined group have the same instruction sequences as
# this_cpu_inc() and this_cpu_add() on an element of a per-CPU u64 array
# (only the relocated symbol differs).
# Deterministic: compares code, never times it. Needs the guest build of
# the main job.
set -eu
# shellcheck source=selftests/lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=scripts/lib.sh
. "$TOP/scripts/lib.sh"

obj=$OUT/guest
[ -f "$obj/vmlinux" ] || fail "no guest build in $obj; run make first"
cp "$TOP"/selftests/inc-asm/* "$SCRATCH/"
ext_modules "$obj" "$SCRATCH" >"$SCRATCH/build.log" 2>&1 ||
	{ cat "$SCRATCH/build.log"; fail "building the out-of-tree comparison module failed"; }

# body FUNC: the function's instructions, without addresses and bytes.
body() {
	objdump -d --no-show-raw-insn "$SCRATCH/inc_asm.ko" |
		awk -v f="<$1>:" '$2 == f { on = 1; next } on && /^$/ { exit } on { sub(/^ *[0-9a-f]+:\t/, ""); sub(/[ \t]*#.*/, ""); print }'
}
# Exact twins, then the run-time group with its one extra load (shown).
for pair in "inc_asm_call_counter inc_asm_this_cpu" \
	"inc_asm_call_counter_add inc_asm_this_cpu_add" \
	"inc_asm_call_counter_dyn inc_asm_this_cpu_ptr"; do
	# shellcheck disable=SC2086 # two names
	set -- $pair
	body "$1" >"$SCRATCH/a"
	body "$2" >"$SCRATCH/b"
	[ -s "$SCRATCH/a" ] || fail "no code for $1"
	printf '%s:\n' "$1"; sed 's/^/    /' "$SCRATCH/a"
	printf '%s:\n' "$2"; sed 's/^/    /' "$SCRATCH/b"
	[ "$1" = inc_asm_call_counter_dyn ] && continue
	cmp -s "$SCRATCH/a" "$SCRATCH/b" || fail "$1 and $2 differ"
	grep -q '%gs:' "$SCRATCH/a" || fail "no %gs-relative operation in $1"
done
echo "PASS: inc-asm (same instruction sequences)"
