#!/bin/sh
# Download the pinned linux-source .deb (apt-download.sh: a private apt
# configuration), verify its sha256 and unpack the kernel tarball into the
# cache.
set -eu
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"

[ -n "${KERNEL_SRC:-}" ] && { log "fetch: KERNEL_SRC set, nothing to download"; exit 0; }

dl=$CACHE/download
deb=$dl/${BASE_PACKAGE}_${BASE_VERSION}.deb
src=$CACHE/src
mkdir -p "$dl"

sha_ok() { echo "$BASE_DEB_SHA256  $1" | sha256sum -c --status 2>/dev/null; }

if [ -f "$deb" ] && sha_ok "$deb"; then
	log "fetch: $deb already downloaded"
else
	got=$("$(dirname "$0")/apt-download.sh" "$BASE_SUITE" amd64 "$BASE_PACKAGE=$BASE_VERSION" "$dl")
	[ "$got" = "$deb" ] || mv "$got" "$deb"
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
