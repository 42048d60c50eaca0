#!/usr/bin/env bash
# Builds the regular-expression oracle (main.go here: Go's regexp package, as the API
# server compiles CRD patterns) into the cache outside the repository, keyed by a hash
# of this module's files, and prints the binary's path on stdout. Cached: a second run only
# hashes. Cold: the standard library only, a few seconds.
#
# Usage: cluster/go/regexpref/build.sh      Env: PODSMITH_CACHE, PODSMITH_BUILD_NICE (default 10)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="${PODSMITH_CACHE:-$HOME/.cache/podsmith}"
NICE="${PODSMITH_BUILD_NICE:-10}"
export GOTOOLCHAIN="${GOTOOLCHAIN:-local}" CGO_ENABLED=0
export GOFLAGS="${GOFLAGS:-} -buildvcs=false -mod=readonly -trimpath"
command -v go >/dev/null || [[ ! -x /usr/local/go/bin/go ]] || export PATH="$PATH:/usr/local/go/bin"
command -v go >/dev/null || { echo "regexpref: go not found in PATH" >&2; exit 1; }

hash="$(cd "$here" && cat go.mod main.go build.sh | sha256sum | cut -c1-16)"
out="$CACHE/regexpref/$hash/regexpref"
if [[ -x "$out" ]]; then echo "$out"; exit 0; fi
mkdir -p "$(dirname "$out")"
tmp="$(mktemp "$out.tmp.XXXXXX")"
start=$SECONDS
(cd "$here" && nice -n "$NICE" go build -o "$tmp" .) || { rm -f "$tmp"; echo "regexpref: go build failed" >&2; exit 1; }
mv -f "$tmp" "$out"
echo "regexpref: built in $((SECONDS - start)) s -> $out" >&2
echo "$out"
