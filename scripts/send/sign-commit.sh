#!/bin/sh
# Run by send.sh for each commit (git rebase --exec): make the submitter
# the author, add their Signed-off-by, and make them M: of the
# MAINTAINERS entry the series adds.
# usage: sign-commit.sh 'Name <email>'
set -eu
who=$1
if git show --format= --name-only HEAD | grep -qx MAINTAINERS &&
	! grep -qF "M:	$who" MAINTAINERS; then
	# The entry the series adds has no M: line yet; it starts with
	# "CALL COUNTERS" and M: goes first.
	awk -v who="$who" '{ print } /^CALL COUNTERS$/ { print "M:\t" who }' MAINTAINERS >MAINTAINERS.new
	mv MAINTAINERS.new MAINTAINERS
	git add MAINTAINERS
fi
git commit -q --amend --no-edit --reset-author -s
