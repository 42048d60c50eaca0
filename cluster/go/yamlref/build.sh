#!/usr/bin/env bash
# Builds the YAML oracle (main.go here: sigs.k8s.io/yaml and apimachinery's YAMLReader, as
# kubectl and the API server read YAML) into the cache outside the repository, keyed by a hash
# of this module's files, and prints the binary's path on stdout. Cached: a second run only
# hashes. Cold: downloads four small modules through the Go module proxy and compiles ~45 packages.
#
# Usage: cluster/go/yamlref/build.sh      Env: PODSMITH_CACHE, PODSMITH_BUILD_NICE (default 10)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="${PODSMITH_CACHE:-$HOME/.cache/podsmith}"
NICE="${PODSMITH_BUILD_NICE:-10}"
export GOTOOLCHAIN="${GOTOOLCHAIN:-local}" CGO_ENABLED=0
export GOFLAGS="${GOFLAGS:-} -buildvcs=false -mod=readonly -trimpath"
command -v go >/dev/null || [[ ! -x /usr/local/go/bin/go ]] || export PATH="$PATH:/usr/local/go/bin"
command -v go >/dev/null || { echo "yamlref: go not found in PATH" >&2; exit 1; }

hash="$(cd "$here" && cat go.mod go.sum main.go build.sh | sha256sum | cut -c1-16)"
out="$CACHE/yamlref/$hash/yamlref"
if [[ -x "$out" ]]; then echo "$out"; exit 0; fi
mkdir -p "$(dirname "$out")"
tmp="$(mktemp "$out.tmp.XXXXXX")"
start=$SECONDS
(cd "$here" && nice -n "$NICE" go build -o "$tmp" .) || { rm -f "$tmp"; echo "yamlref: go build failed" >&2; exit 1; }
mv -f "$tmp" "$out"
echo "yamlref: built in $((SECONDS - start)) s -> $out" >&2
echo "$out"
