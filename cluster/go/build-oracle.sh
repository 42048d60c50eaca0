#!/usr/bin/env bash
# Builds one of the Go oracles here (cluster/go/NAME: a main package the tests run as an outside
# judge) into the cache outside the repository, keyed by a hash of its module's files and of this
# script, and prints the binary's path on stdout. Cached: a second run only hashes.
#
# Usage: cluster/go/build-oracle.sh NAME      Env: PODSMITH_CACHE, PODSMITH_BUILD_NICE (default 10)
set -euo pipefail
name="${1:?usage: build-oracle.sh NAME}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dir="$here/$name"
[[ -f "$dir/main.go" ]] || { echo "$name: no $dir/main.go" >&2; exit 1; }
CACHE="${PODSMITH_CACHE:-$HOME/.cache/podsmith}"
NICE="${PODSMITH_BUILD_NICE:-10}"
export GOTOOLCHAIN="${GOTOOLCHAIN:-local}" CGO_ENABLED=0
export GOFLAGS="${GOFLAGS:-} -buildvcs=false -mod=readonly -trimpath"
command -v go >/dev/null || [[ ! -x /usr/local/go/bin/go ]] || export PATH="$PATH:/usr/local/go/bin"
command -v go >/dev/null || { echo "$name: go not found in PATH" >&2; exit 1; }

hash="$(cd "$dir" && cat go.mod $(ls go.sum 2>/dev/null) main.go "$here/build-oracle.sh" | sha256sum | cut -c1-16)"
out="$CACHE/$name/$hash/$name"
if [[ -x "$out" ]]; then echo "$out"; exit 0; fi
mkdir -p "$(dirname "$out")"
tmp="$(mktemp "$out.tmp.XXXXXX")"
start=$SECONDS
(cd "$dir" && nice -n "$NICE" go build -o "$tmp" .) || { rm -f "$tmp"; echo "$name: go build failed" >&2; exit 1; }
mv -f "$tmp" "$out"
echo "$name: built in $((SECONDS - start)) s -> $out" >&2
echo "$out"
