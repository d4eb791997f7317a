#!/usr/bin/env bash
# Builds interop/go/driver-bin, the golang-jwt/jwt v5 driver.
# Needs Go >= 1.21 on PATH. Modules come from the Go module proxy on the first
# run (go.sum pins their hashes) and from the module cache afterwards; Go's
# build cache makes a rebuild of unchanged sources take well under a second,
# so there is no separate up-to-date check to get wrong.
set -euo pipefail
cd "$(dirname "$0")"

command -v go >/dev/null || { echo "interop/go/setup.sh: go (>= 1.21) not found on PATH" >&2; exit 1; }

# -mod=readonly: go.mod/go.sum are the pins; never rewrite them here.
# -buildvcs=false: a fresh clone owned by another user must not make git stamping fail.
go build -mod=readonly -buildvcs=false -o driver-bin.tmp .
mv driver-bin.tmp driver-bin
