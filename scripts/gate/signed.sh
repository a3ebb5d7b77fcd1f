#!/bin/sh
# The series as it would be sent: signed by a throwaway identity through
# send.sh (dry run, b4), then checkpatch --strict on every message,
# Signed-off-by included, and the cover letter's trailers checked: the
# base-commit of the base tree, the stored change-id.
set -eu
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"

dir=$OUT/send-gate
SUBMITTER="Gate Check <gate-check@example.invalid>" SEND_DIR=$dir \
	"$TOP/scripts/send/send.sh" >"$OUT/send-gate.out" 2>&1 || {
	sed 's/^/    /' "$OUT/send-gate.out"
	echo "signed: send.sh (dry run) failed"
	exit 1
}
cover=$(find "$dir" -name '0000-*.eml')
# shellcheck source=scripts/send/series.env
. "$TOP/scripts/send/series.env"
# The base tree's commit, and the one change-id of every version.
for want in "^base-commit: $(base_commit)\$" "^change-id: $CHANGE_ID\$" '^To: ' '^Cc: '; do
	grep -q "$want" "$cover" || { echo "signed: cover letter has no line matching '$want'"; exit 1; }
done
patches=$(mktemp -d)
trap 'rm -rf "$patches"' EXIT
for m in "$dir"/*.eml; do
	case ${m##*/} in 0000-*) continue ;; esac
	cp "$m" "$patches/${m##*/}.patch"
done
rc=0
SIGNED=1 PATCHES=$patches "$TOP/scripts/gate/checkpatch.sh" >"$OUT/send-gate.checkpatch" 2>&1 || rc=$?
sed 's/^checkpatch:/signed: checkpatch:/' "$OUT/send-gate.checkpatch"
exit "$rc"
