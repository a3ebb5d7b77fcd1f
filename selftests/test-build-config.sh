#!/bin/sh
# build.sh refuses a config whose options do not stick: merge_config.sh
# drops an option with unmet dependencies silently, the check must not.
# Needs the work tree (make apply); only configures, compiles nothing.
set -eu
# shellcheck source=selftests/lib.sh
. "$(dirname "$0")/lib.sh"

# Depends on CONFIG_DRM, which tinyconfig does not have.
echo 'CONFIG_DRM_VIRTIO_GPU=y' >"$SCRATCH/bad.config"
OUT=$SCRATCH/out expect_fail "unmet dependency is an error" \
	"asked 'CONFIG_DRM_VIRTIO_GPU=y', got '# CONFIG_DRM_VIRTIO_GPU is not set'" \
	"$TOP/scripts/pipeline/build.sh" cfgtest configs/qemu-guest.config "$SCRATCH/bad.config"
OUT=$SCRATCH/out expect_fail "missing fragment is an error" "not found" \
	"$TOP/scripts/pipeline/build.sh" cfgtest "$SCRATCH/none.config"
echo "PASS: build-config"
