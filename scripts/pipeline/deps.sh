#!/bin/sh
# Install the Debian packages a step needs, only those missing.
# usage: deps.sh PACKAGE...
set -eu
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"

missing=
for p in "$@"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
[ "$(id -u)" -eq 0 ] || die "missing Debian packages:$missing; install them as root (apt-get install$missing)"
log "deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086 # $missing is a list of package names
apt-get install -y -q $missing >"${TMPDIR:-/tmp}/call-counter-apt.log" 2>&1 || {
	apt-get update -q >"${TMPDIR:-/tmp}/call-counter-apt.log" 2>&1 ||
		die "apt-get update failed, see ${TMPDIR:-/tmp}/call-counter-apt.log"
	apt-get install -y -q $missing >"${TMPDIR:-/tmp}/call-counter-apt.log" 2>&1 ||
		die "apt-get install$missing failed, see ${TMPDIR:-/tmp}/call-counter-apt.log"
}
