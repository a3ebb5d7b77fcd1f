#!/bin/sh
# Download the pinned linux-source .deb with a private apt configuration,
# verify its sha256 and unpack the kernel tarball into the cache.
# The machine's /etc/apt is only read (for the archive URI and keyring).
set -eu
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

[ -n "${KERNEL_SRC:-}" ] && { log "fetch: KERNEL_SRC set, nothing to download"; exit 0; }

dl=$CACHE/download
deb=$dl/${BASE_PACKAGE}_${BASE_VERSION}.deb
src=$CACHE/src
mkdir -p "$dl"

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

sha_ok() { echo "$BASE_DEB_SHA256  $1" | sha256sum -c --status 2>/dev/null; }

if [ -f "$deb" ] && sha_ok "$deb"; then
	log "fetch: $deb already downloaded"
else
	uri=$(archive_uri)
	[ -n "$uri" ] || die "no Debian archive URI in /etc/apt; set DEBIAN_MIRROR=<uri>"
	keyring=${DEBIAN_KEYRING:-/usr/share/keyrings/debian-archive-keyring.gpg}
	[ -r "$keyring" ] || die "keyring $keyring missing; install debian-archive-keyring"
	apt=$CACHE/apt
	mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/etc/preferences.d"
	echo "deb [signed-by=$keyring] $uri $BASE_SUITE main" >"$apt/sources.list"
	set -- -o Dir::Etc::SourceList="$apt/sources.list" \
		-o Dir::Etc::SourceParts="$apt/etc/sources.list.d" \
		-o Dir::Etc::Preferences="$apt/etc/preferences" \
		-o Dir::Etc::PreferencesParts="$apt/etc/preferences.d" \
		-o Dir::State::Lists="$apt/lists" \
		-o Dir::Cache="$apt/cache" \
		-o APT::Sandbox::User=root
	mkdir -p "$apt/etc/sources.list.d"
	log "fetch: apt update of $BASE_SUITE from $uri (private lists in $apt)"
	apt-get -q "$@" update >"$apt/update.log" 2>&1 ||
		die "apt-get update of $BASE_SUITE failed, see $apt/update.log"
	log "fetch: downloading $BASE_PACKAGE=$BASE_VERSION"
	(cd "$dl" && apt-get -q "$@" download "$BASE_PACKAGE=$BASE_VERSION") ||
		die "could not download $BASE_PACKAGE=$BASE_VERSION from $uri $BASE_SUITE"
	# apt-get download escapes ':' and '~' in the file name; normalise it.
	got=$(find "$dl" -maxdepth 1 -name "${BASE_PACKAGE}_*.deb" ! -path "$deb" | head -n 1)
	[ -n "$got" ] && mv "$got" "$deb"
	sha_ok "$deb" || {
		mv "$deb" "$deb.bad"
		die "sha256 of $deb does not match scripts/pin.env (kept as $deb.bad)"
	}
fi

if [ -f "$src/.unpacked" ] ||
	git -C "$BASE_TREE" rev-parse -q --verify "refs/tags/$BASE_TAG" >/dev/null 2>&1; then
	log "fetch: base already unpacked in $src"
	exit 0
fi
log "fetch: unpacking $BASE_TARBALL"
rm -rf "$src" "$src.tmp"
mkdir -p "$src.tmp/deb"
dpkg-deb -x "$deb" "$src.tmp/deb"
tar -C "$src.tmp" -xJf "$src.tmp/deb$BASE_TARBALL"
rm -rf "$src.tmp/deb"
dir=$(find "$src.tmp" -mindepth 1 -maxdepth 1 -type d | head -n 1)
[ -f "$dir/Makefile" ] || die "unexpected layout in $BASE_TARBALL (no top Makefile)"
mv "$dir" "$src"
rm -rf "$src.tmp"
touch "$src/.unpacked"
log "fetch: base unpacked in $src"
