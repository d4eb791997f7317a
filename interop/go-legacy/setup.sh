#!/usr/bin/env bash
# Builds interop/go-legacy/driver-bin: the golang-jwt/jwt v4.4.3 driver built
# with Debian's Go 1.19, the library and toolchain of shared/vectors/go-public.json
# (the crate's `go` profile). Installs golang-1.19-go from Debian's packages when
# it is missing (CI runs as root on a fresh machine). The module comes from the
# Go module proxy on the first run (go.sum pins its hash) and from the module
# cache afterwards; Go's build cache makes an unchanged rebuild take well under
# a second.
set -euo pipefail
cd "$(dirname "$0")"

GO=/usr/lib/go-1.19/bin/go
if [[ ! -x $GO ]]; then
  echo "interop/go-legacy/setup.sh: installing golang-1.19-go from Debian's packages" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends golang-1.19-go >/dev/null
fi

# This toolchain and no other: GOTOOLCHAIN=local stops a newer go from switching
# toolchains, and a GOROOT left over from another Go must not be used.
unset GOROOT
export GOTOOLCHAIN=local
ver="$("$GO" env GOVERSION)"
[[ $ver == go1.19* ]] || { echo "interop/go-legacy/setup.sh: $GO is $ver, not go1.19" >&2; exit 1; }

# -mod=readonly: go.mod/go.sum are the pins; never rewrite them here.
# -buildvcs=false: a fresh clone owned by another user must not make git stamping fail.
"$GO" build -mod=readonly -buildvcs=false -o driver-bin.tmp .
mv driver-bin.tmp driver-bin
