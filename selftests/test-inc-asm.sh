#!/bin/sh
# On x86_64, a function that only calls call_counter_inc() on a static
# counter has the same instruction sequence as one that only calls
# this_cpu_inc() on a DEFINE_PER_CPU u64 (only the relocated symbol
# differs). Deterministic: compares code, never times it. Needs the guest
# build of the main job.
set -eu
# shellcheck source=selftests/lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=scripts/lib.sh
. "$TOP/scripts/lib.sh"

obj=$OUT/guest
[ -f "$obj/vmlinux" ] || fail "no guest build in $obj; run make first"
cp "$TOP/selftests/inc-asm/inc_asm.c" "$TOP/selftests/inc-asm/Kbuild" "$SCRATCH/"
ext_modules "$obj" "$SCRATCH" >"$SCRATCH/build.log" 2>&1 ||
	{ cat "$SCRATCH/build.log"; fail "building the out-of-tree comparison module failed"; }

# body FUNC: the function's instructions, without addresses and bytes.
body() {
	objdump -d --no-show-raw-insn "$SCRATCH/inc_asm.o" |
		awk -v f="<$1>:" '$2 == f { on = 1; next } on && /^$/ { exit } on { sub(/^ *[0-9a-f]+:\t/, ""); sub(/[ \t]*#.*/, ""); print }'
}
for pair in "inc_asm_call_counter inc_asm_this_cpu" "inc_asm_call_counter_dyn inc_asm_this_cpu_ptr"; do
	# shellcheck disable=SC2086 # two names
	set -- $pair
	body "$1" >"$SCRATCH/a"
	body "$2" >"$SCRATCH/b"
	[ -s "$SCRATCH/a" ] || fail "no code for $1"
	printf '%s:\n' "$1"; sed 's/^/    /' "$SCRATCH/a"
	printf '%s:\n' "$2"; sed 's/^/    /' "$SCRATCH/b"
done
# The static pair must match exactly.
body inc_asm_call_counter >"$SCRATCH/a"
body inc_asm_this_cpu >"$SCRATCH/b"
cmp -s "$SCRATCH/a" "$SCRATCH/b" || fail "call_counter_inc() and this_cpu_inc() differ"
grep -q 'inc.*%gs:' "$SCRATCH/a" || fail "no %gs-relative increment in call_counter_inc()"
echo "PASS: inc-asm (same instruction sequence)"
