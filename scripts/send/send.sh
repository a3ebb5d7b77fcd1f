#!/bin/sh
# Sign the series with the submitter's identity and prepare it with b4.
# Default: a dry run that writes the ready-to-send messages to a directory.
# usage: send.sh [--send]
# Env: SUBMITTER="Name <email>" (default: git config user.name/user.email),
#      SEND_DIR (default ~/.cache/call-counter/out/send), ALLOW_DERIVED_BASE
#      (1: send even with the base tree.sh makes, which upstream lacks).
# The stored series carries no Signed-off-by: only the human who submits
# it can certify the DCO (Documentation/process/submitting-patches.rst,
# coding-assistants.rst). This script adds the submitter's sign-off and
# makes them M: of the MAINTAINERS entry the series adds.
set -eu
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"

# shellcheck source=scripts/send/series.env
. "$TOP/scripts/send/series.env"

really=
[ "${1:-}" = --send ] && really=1
need b4 b4
if [ -n "${SUBMITTER:-}" ]; then
	name=${SUBMITTER% <*}
	email=${SUBMITTER##*<}
	email=${email%>}
else
	name=$(git config user.name || true)
	email=$(git config user.email || true)
fi
if [ -z "$name" ] || [ -z "$email" ]; then
	die "no submitter identity: set git config user.name and user.email (or SUBMITTER='Name <email>')"
fi
case $email in *@*.*) ;; *) die "submitter email '$email' is not an address" ;; esac

# base-commit: names the base for b4, the test robots and reviewers. The
# tree scripts/pipeline/tree.sh makes from Debian's package has a commit nobody
# upstream has; an upstream clone (KERNEL_SRC) has the real one.
if [ -z "${KERNEL_SRC:-}" ]; then
	log "send: warning: the base is the tree made from Debian's package, not upstream: its base-commit $(base_commit) is in no upstream tree. For mail, set KERNEL_SRC to an upstream clone with the $BASE_TAG tag."
	[ -z "$really" ] || [ "${ALLOW_DERIVED_BASE:-0}" = 1 ] ||
		die "refusing to send with a base-commit upstream cannot resolve: KERNEL_SRC=<upstream clone>, or ALLOW_DERIVED_BASE=1 to send anyway"
fi

tree=$CACHE/send-tree
outdir=${SEND_DIR:-$OUT/send}
base=$(base_commit)
cover=$(find "${PATCHES:-$TOP/patches}" -maxdepth 1 -name 'v*-0000-cover-letter.patch' | sort | tail -n 1)
[ -n "$cover" ] || die "no cover letter in patches/"
version=$(basename "$cover" | sed 's/^v\([0-9]*\)-.*/\1/')
ensure_worktree "$tree"
export GIT_AUTHOR_NAME="$name" GIT_AUTHOR_EMAIL="$email" \
	GIT_COMMITTER_NAME="$name" GIT_COMMITTER_EMAIL="$email"
# Every git and b4 command here acts as the submitter: git am, the
# rebase and b4 prep need an identity, and b4 takes From: from it.
export GIT_CONFIG_COUNT=2 GIT_CONFIG_KEY_0=user.name GIT_CONFIG_VALUE_0="$name" \
	GIT_CONFIG_KEY_1=user.email GIT_CONFIG_VALUE_1="$email"
g() { git -C "$tree" "$@"; }

branch=call-counters-v$version
g am --abort >/dev/null 2>&1 || true
g rebase --abort >/dev/null 2>&1 || true
g checkout -q -f --detach "$base"
g branch -q -D "$branch" >/dev/null 2>&1 || true
g checkout -q -b "$branch" "$base"
# shellcheck disable=SC2046 # patch paths without blanks
g am -q --no-3way $(series_patches) || die "the series does not apply to $BASE_TAG"

# Each commit: the submitter as author, their sign-off, and their M: line
# in the MAINTAINERS entry that the series adds.
g rebase -q --exec "sh '$TOP/scripts/send/sign-commit.sh' '$name <$email>'" "$base" ||
	die "signing failed in $tree (git rebase); see 'git -C $tree status'"

# Refuse an unsigned series.
for c in $(g rev-list "$base..HEAD"); do
	g log -1 --format=%B "$c" | grep -qxF "Signed-off-by: $name <$email>" ||
		die "commit $(g log -1 --format='%h %s' "$c") is not signed off by $name <$email>"
done

# b4: enroll the branch, give it the cover letter text, collect To/Cc.
b4q() { (cd "$tree" && b4 --offline-mode "$@"); }
# By a branch name: b4 refuses a commit that several branches contain.
g branch -q -f call-counters-base "$base"
b4q prep -e call-counters-base >"$OUT/send-prep.log" 2>&1 ||
	die "b4 prep -e failed in $tree, see $OUT/send-prep.log"
# The stored change-id, not the new one b4 made: one series for b4 and
# lore. b4 keeps it in the tracking data at the end of the cover letter
# commit it put first on the branch; amend that, and rebase the rest.
cover_commit=$(g log --format=%H --grep='^--- b4-submit-tracking ---$' "$base..HEAD" | tail -n 1)
[ -n "$cover_commit" ] || die "b4 prep -e made no cover letter commit in $tree"
g log -1 --format=%B "$cover_commit" |
	sed -E "s/(\"change-id\": \")[^\"]*\"/\\1$CHANGE_ID\"/" >"$OUT/send-cover.msg"
grep -qF "\"change-id\": \"$CHANGE_ID\"" "$OUT/send-cover.msg" ||
	die "no change-id in b4's tracking data of $cover_commit"
g checkout -q --detach "$cover_commit"
g commit -q --amend --allow-empty -F "$OUT/send-cover.msg"
g rebase -q --onto HEAD "$cover_commit" "$branch" || die "rebase after setting the change-id failed in $tree"
text=$(mktemp)
/usr/bin/python3 "$TOP/scripts/send/cover-text.py" "$cover" >"$text"
EDITOR="cp '$text'" b4q prep --edit-cover >/dev/null 2>&1 || die "b4 prep --edit-cover failed"
rm -f "$text"
b4q prep --force-revision "$version" >/dev/null 2>&1 || true
b4q prep --auto-to-cc >/dev/null 2>&1 || die "b4 prep --auto-to-cc (get_maintainer.pl) failed"

rm -rf "$outdir"
mkdir -p "$outdir"
# The dry run sends nothing, but b4 refuses an unsigned web submission:
# name an SMTP route when the submitter's git config has none.
if ! git -C "$tree" config sendemail.smtpserver >/dev/null; then
	export GIT_CONFIG_COUNT=3 GIT_CONFIG_KEY_2=sendemail.smtpserver \
		GIT_CONFIG_VALUE_2=/usr/sbin/sendmail
fi
b4q send -o "$outdir" --no-sign >/dev/null 2>"$outdir.log" || {
	cat "$outdir.log" >&2
	die "b4 send -o failed"
}
if grep -l -E 'EDITME|\*\*\* (SUBJECT|BLURB) HERE' "$outdir"/* >/dev/null 2>&1; then
	die "the cover letter still holds b4's placeholder text; edit the cover letter in patches/"
fi
log "send: $(find "$outdir" -type f | wc -l) messages, signed by $name <$email>, in $outdir"
if [ -n "$really" ]; then
	log "send: sending for real with b4 send"
	[ "$GIT_CONFIG_COUNT" -eq 3 ] && export GIT_CONFIG_COUNT=2
	(cd "$tree" && b4 send)
else
	log "send: dry run; 'make send SEND=1' (or scripts/send/send.sh --send) sends them"
fi
