#!/bin/sh
# Download one Debian binary package with a private apt configuration:
# its own sources list, package lists and cache under the project's cache,
# so that the machine's /etc/apt and dpkg's architectures stay untouched
# (they are only read: the archive URI and the keyring).
# usage: apt-download.sh SUITE ARCH PACKAGE[=VERSION] DIR
#   SUITE  a Debian suite (trixie-backports, bookworm, ...)
#   ARCH   a Debian architecture (amd64, i386, arm64; all is in each)
#   -> DIR/PACKAGE_VERSION_ARCH.deb; its path on standard output
# Env: DEBIAN_MIRROR (the archive's URI, instead of the machine's),
# DEBIAN_KEYRING.
set -eu
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"

[ $# -eq 4 ] || die "usage: apt-download.sh SUITE ARCH PACKAGE[=VERSION] DIR"
suite=$1 darch=$2 pkg=$3 dir=$4

# The URI that already serves this machine's Debian suites (deb822 or
# one-line format); DEBIAN_MIRROR overrides it.
archive_uri() {
	if [ -n "${DEBIAN_MIRROR:-}" ]; then echo "$DEBIAN_MIRROR"; return; fi
	{
		cat /etc/apt/sources.list.d/*.sources 2>/dev/null |
			sed -n 's/^URIs:[[:space:]]*//p' | tr ' ' '\n'
		cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
			sed -n 's/^deb[[:space:]]\{1,\}\(\[[^]]*\][[:space:]]\{1,\}\)\{0,1\}\([^[:space:]]*\).*/\2/p'
	} | grep -E '/debian/?$' | head -n 1
}

uri=$(archive_uri)
[ -n "$uri" ] || die "no Debian archive URI in /etc/apt; set DEBIAN_MIRROR=<uri>"
keyring=${DEBIAN_KEYRING:-/usr/share/keyrings/debian-archive-keyring.gpg}
[ -r "$keyring" ] || die "keyring $keyring missing; install debian-archive-keyring"

# One configuration per suite and architecture: their lists never mix.
apt=$CACHE/apt/$suite-$darch
mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" \
	"$apt/etc/preferences.d" "$apt/etc/sources.list.d" "$dir"
echo "deb [arch=$darch signed-by=$keyring] $uri $suite main" >"$apt/sources.list"
set -- -o Dir::Etc::SourceList="$apt/sources.list" \
	-o Dir::Etc::SourceParts="$apt/etc/sources.list.d" \
	-o Dir::Etc::Preferences="$apt/etc/preferences" \
	-o Dir::Etc::PreferencesParts="$apt/etc/preferences.d" \
	-o Dir::State::Lists="$apt/lists" \
	-o Dir::Cache="$apt/cache" \
	-o APT::Architecture="$darch" -o APT::Architectures="$darch" \
	-o APT::Sandbox::User=root
# The lists of a day are good enough: a second run asks the archive nothing.
if [ -z "$(find "$apt/lists" -maxdepth 1 -name '*Packages*' -mtime -1 2>/dev/null)" ]; then
	log "apt: update of $suite ($darch) from $uri (private lists in $apt)"
	apt-get -q "$@" update >"$apt/update.log" 2>&1 ||
		die "apt-get update of $suite ($darch) failed, see $apt/update.log"
fi
log "apt: downloading $pkg ($suite, $darch)"
tmp=$dir/.download.$$
rm -rf "$tmp"
mkdir -p "$tmp"
(cd "$tmp" && apt-get -q "$@" download "$pkg" >"$apt/download.log" 2>&1) || {
	rm -rf "$tmp"
	die "could not download $pkg from $uri $suite ($darch), see $apt/download.log"
}
# apt-get download escapes ':' and '~' in the file name; keep it as is.
got=$(find "$tmp" -maxdepth 1 -name '*.deb' | head -n 1)
[ -n "$got" ] || die "apt-get download of $pkg wrote no .deb, see $apt/download.log"
mv "$got" "$dir/"
rm -rf "$tmp"
echo "$dir/${got##*/}"
