#!/usr/bin/env bash
# Builds the Pod Security oracle (cluster/go/psa: upstream's k8s.io/pod-security-admission
# evaluator behind a JSON-lines front end) into a cache outside the repository:
#   ${PODSMITH_CACHE:-$HOME/.cache/podsmith}/psa/<module version>/psa-oracle
# and records where the module's own test fixtures are (the Go module cache):
#   .../psa/<module version>/testdata   (one line: the directory holding baseline/ and restricted/)
# Rebuilt only when the binary is missing or the wrapper module or this script changed; the build
# goes to a temporary file that is renamed into place. Concurrent runs wait on a lock.
#
# Prints one JSON line on stdout: {"version":"v0.37.2","oracle":"…/psa-oracle","testdata":"…"}
# Env: PODSMITH_CACHE, PODSMITH_BUILD_NICE (default 10).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mod="$here/go/psa"
CACHE="${PODSMITH_CACHE:-$HOME/.cache/podsmith}"
NICE="${PODSMITH_BUILD_NICE:-10}"
export GOTOOLCHAIN="${GOTOOLCHAIN:-local}" CGO_ENABLED=0
export GOFLAGS="${GOFLAGS:-} -buildvcs=false -mod=readonly -trimpath"
log() { echo "build-psa: $*" >&2; }

command -v go >/dev/null || [[ ! -x /usr/local/go/bin/go ]] || export PATH="$PATH:/usr/local/go/bin"

# The pinned upstream version is the wrapper's require line: the one place it is written.
version="$(awk '$1 == "k8s.io/pod-security-admission" { print $2 }' "$mod/go.mod" | head -n1)"
[[ -n "$version" ]] || { log "no k8s.io/pod-security-admission require in $mod/go.mod"; exit 1; }
out="$CACHE/psa/$version"
mkdir -p "$out"
hash="$( (cd "$mod" && find . -type f | LC_ALL=C sort | xargs cat; cat "$here/build-psa.sh") | sha256sum | cut -c1-16)"

exec 9>"$out/.lock"
flock 9

testdata="$(cat "$out/testdata" 2>/dev/null || true)"
if [[ -x "$out/psa-oracle" && "$(cat "$out/.wrapper-hash" 2>/dev/null)" == "$hash" && -d "$testdata/baseline" ]]; then
  log "psa-oracle $version: cached"
else
  command -v go >/dev/null || { log "go not found in PATH (need Go >= 1.26 to build the Pod Security oracle)"; exit 1; }
  start=$SECONDS
  dir="$(cd "$mod" && go mod download -json "k8s.io/pod-security-admission@$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  [[ -d "$dir/test/testdata/baseline" ]] || { log "k8s.io/pod-security-admission@$version has no test/testdata in $dir"; exit 1; }
  if [[ ! -x "$out/psa-oracle" || "$(cat "$out/.wrapper-hash" 2>/dev/null)" != "$hash" ]]; then
    log "building psa-oracle $version (nice $NICE; Go build cache: $(go env GOCACHE))"
    tmp="$(mktemp "$out/psa-oracle.tmp.XXXXXX")"
    (cd "$mod" && nice -n "$NICE" go build -ldflags "-s -w" -o "$tmp" .) || { rm -f "$tmp"; log "go build failed"; exit 1; }
    mv -f "$tmp" "$out/psa-oracle"
    echo "$hash" >"$out/.wrapper-hash"
  fi
  echo "$dir/test/testdata" >"$out/testdata"
  testdata="$dir/test/testdata"
  log "psa-oracle $version: ready in $((SECONDS - start)) s -> $out"
fi
printf '{"version":"%s","oracle":"%s","testdata":"%s"}\n' "$version" "$out/psa-oracle" "$testdata"
