#!/usr/bin/env bash
# Builds the local cluster's binaries from upstream Go modules into a cache
# outside the repository, keyed by version:
#   ${PODSMITH_CACHE:-$HOME/.cache/podsmith}/kubernetes/<v>/{kube-apiserver,...}
#   ${PODSMITH_CACHE:-$HOME/.cache/podsmith}/etcd/<v>/etcd
#   ${PODSMITH_CACHE:-$HOME/.cache/podsmith}/coredns/<v>/coredns
# A component is rebuilt only when a binary is missing or its version changed
# (the Go build cache makes a rebuild after a version bump cheap). Binaries are
# built into a temporary directory and renamed into place: nothing half-written.
#
# One build at a time per cache: a second build.sh (or build-images.sh) waits for the lock
# (cluster/build-lock.sh), relaying the first one's progress, then finds its results cached.
#
# Usage: cluster/build.sh [--check] [kubernetes|etcd|coredns|apiserver RELEASE...]...   (default: all
#          but apiserver)
#        --check: build nothing; exit 0 when everything is cached, 1 when not
#        apiserver 1.37 [1.36 ...]: kube-apiserver alone of another release (1.X: the patch its
#          schemas come from, schemas/index.json; `newest`: the newest release there; or v1.X.Y),
#          into kubernetes/v1.X.Y/ for `validate --exact --k8s-version 1.X` and the differential;
#          the wrapper module is generated into the cache (kubernetes/wrappers/), not the
#          repository. The pinned release is the local cluster's build (`kubernetes`).
# Env:   PODSMITH_CACHE, PODSMITH_BUILD_NICE (default 10), GOFLAGS passes through.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck disable=SC1091
source "$here/versions.env"
CACHE="${PODSMITH_CACHE:-$HOME/.cache/podsmith}"
NICE="${PODSMITH_BUILD_NICE:-10}"
export GOTOOLCHAIN="${GOTOOLCHAIN:-local}" CGO_ENABLED=0
export GOFLAGS="${GOFLAGS:-} -buildvcs=false -mod=readonly -trimpath"

# shellcheck disable=SC1091
source "$here/build-lock.sh"
log() { build_progress "build: $*"; }

# The official Go tarball's standard location, for shells whose PATH lacks it.
command -v go >/dev/null || [[ ! -x /usr/local/go/bin/go ]] || export PATH="$PATH:/usr/local/go/bin"
command -v go >/dev/null || { log "go not found in PATH (need Go >= 1.26 for etcd 3.6.16, >= 1.24 for Kubernetes)"; exit 1; }

KUBE_CMDS=(kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy)

# The wrapper modules must match versions.env; regenerate them when they do not
# (after a version bump; commit the result).
ensure_wrapper() {
  local name="$1" upstream="$2" version="$3"
  if ! grep -qE "^[[:space:]]*(require )?$upstream $version( |$)" "$here/go/$name/go.mod" 2>/dev/null; then
    log "$name: wrapper module does not match $upstream $version; regenerating"
    "$here/gen-wrappers.sh" "$name"
  fi
}

# go_build NAME DIR OUTDIR LDFLAGS PKG... : one `go build` for all packages,
# printing progress as "NAME: compiled N/TOTAL packages".
go_build() {
  local name="$1" dir="$2" out="$3" ldflags="$4"; shift 4
  mkdir -p "$(dirname "$out")"
  local tmp; tmp="$(mktemp -d "$out.tmp.XXXXXX")"
  local total
  total="$(cd "$dir" && go list -deps "$@" | wc -l)"
  log "$name: compiling up to $total packages (nice $NICE; Go build cache: $(go env GOCACHE))"
  local start=$SECONDS rc=0
  (cd "$dir" && nice -n "$NICE" go build -v -tags "$TAGS" -ldflags "$ldflags" -o "$tmp/" "$@" 2>&1) |
    awk -v n="$name" -v t="$total" -v p="$CACHE/.build.progress" '
      /^[a-zA-Z0-9._\/-]+$/ { c++; if (c % 100 == 0) { printf "build: %s: compiled %d/%d packages\n", n, c, t > "/dev/stderr"; fflush("/dev/stderr"); printf "build: %s: compiled %d/%d packages\n", n, c, t >> p; fflush(p) } next }
      { print > "/dev/stderr" }' || rc=$?
  # `go build` names a binary after the last path element that is not a major
  # version suffix: go.etcd.io/etcd/server/v3 -> server.
  [[ -x "$tmp/server" ]] && mv "$tmp/server" "$tmp/etcd"
  if ((rc != 0)); then rm -rf "$tmp"; log "$name: go build failed (exit $rc)"; return 1; fi
  mkdir -p "$out"
  for f in "$tmp"/*; do mv -f "$f" "$out/"; done
  rmdir "$tmp"
  log "$name: built in $((SECONDS - start)) s -> $out"
  # Kept for bench/cluster.ts, which reports the cold build time.
  printf '%s\t%s\t%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$name" "$((SECONDS - start))" >>"$CACHE/build-times.tsv"
}

# The cache key is the version (the directory name) plus a hash of the wrapper module and the
# build recipe (GOFLAGS, tags, ldflags, packages): editing the wrapper (e.g. CoreDNS's plugin
# list) or a flag rebuilds; editing how this script logs or locks does not.
TAGS=selinux,notest
recipe_hash() {
  local name="$1"; shift
  { (cd "$here/go/$name" && find . -type f | LC_ALL=C sort | xargs cat); printf '%s\n' "$GOFLAGS" "$TAGS" "$@"; } | sha256sum | cut -c1-16
}
# have_all DIR HASH BINARY...: every binary there, built from this recipe.
have_all() {
  local d="$1" hash="$2"; shift 2
  for b in "$@"; do [[ -x "$d/$b" ]] || return 1; done
  [[ "$(cat "$d/.recipe-hash" 2>/dev/null)" == "$hash" ]]
}

# kube_ldflags v1.X.Y: the version the binaries report (/version, --version)
kube_ldflags() {
  local v="${1#v}" major minor
  major="${v%%.*}"; minor="${v#*.}"; minor="${minor%%.*}"
  local ld="-s -w" pkg
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ld+=" -X $pkg.gitVersion=$1 -X $pkg.gitMajor=$major -X $pkg.gitMinor=$minor"
    ld+=" -X $pkg.gitTreeState=clean -X $pkg.gitCommit= -X $pkg.buildDate=1970-01-01T00:00:00Z"
  done
  echo "$ld"
}

build_kubernetes() {
  local out="$CACHE/kubernetes/$KUBERNETES_VERSION"
  local ld; ld="$(kube_ldflags "$KUBERNETES_VERSION")"
  # One executable for the five components (go/kubernetes/cmd/kube): one link instead of five.
  local pkg=./cmd/kube c
  if have_all "$out" "$(recipe_hash kubernetes "$ld" "$pkg")" "${KUBE_CMDS[@]}"; then log "kubernetes $KUBERNETES_VERSION: cached"; return; fi
  ensure_wrapper kubernetes k8s.io/kubernetes "$KUBERNETES_VERSION"
  go_build "kubernetes $KUBERNETES_VERSION" "$here/go/kubernetes" "$out" "$ld" "$pkg"
  # hard links (not symlinks): /proc/PID/exe then names the component, which `cluster up` checks
  for c in "${KUBE_CMDS[@]}"; do ln -f "$out/kube" "$out/.$c.tmp" && mv -f "$out/.$c.tmp" "$out/$c"; done
  recipe_hash kubernetes "$ld" "$pkg" >"$out/.recipe-hash"
}

# apiserver_version 1.37 | 1.37.2 | v1.37.2 -> v1.37.2 (a bare minor: the patch of schemas/index.json)
apiserver_version() {
  local r="${1#v}"
  [[ "$r" != newest ]] || r="1.$(sed -n 's/^ *"1\.\([0-9]*\)": "v[0-9.]*",\{0,1\}$/\1/p' "$here/../schemas/index.json" | sort -n | tail -1)"
  if [[ "$r" =~ ^1\.[0-9]+\.[0-9]+$ ]]; then echo "v$r"; return; fi
  local v=''
  [[ "$r" =~ ^1\.[0-9]+$ ]] && v="$(sed -n "s/^ *\"${r//./\\.}\": \"\(v[0-9.]*\)\",\{0,1\}$/\1/p" "$here/../schemas/index.json")"
  [[ -n "$v" ]] || { log "apiserver: unknown release '$1': give 1.X (one of schemas/index.json's releases) or v1.X.Y"; exit 2; }
  echo "$v"
}

# build_apiserver VERSION: kube-apiserver of another release, alone (no other component: the
# differential and validate --exact need an API server and etcd only).
build_apiserver() {
  local version="$1"
  if [[ "$version" == "$KUBERNETES_VERSION" ]]; then build_kubernetes; return; fi
  local out="$CACHE/kubernetes/$version" pkg=k8s.io/kubernetes/cmd/kube-apiserver
  local ld; ld="$(kube_ldflags "$version")"
  # the wrapper is generated from the upstream go.mod, so the recipe is the version, the
  # generator and the flags
  local hash; hash="$( { printf '%s\n' "$version" "$GOFLAGS" "$TAGS" "$ld" "$pkg"; cat "$here/gen-wrappers.sh"; } | sha256sum | cut -c1-16)"
  if have_all "$out" "$hash" kube-apiserver; then log "kube-apiserver $version: cached"; return; fi
  if [[ -n "$CHECK_ONLY" ]]; then log "kube-apiserver $version: not cached"; exit 1; fi
  local wdir="$CACHE/kubernetes/wrappers/kube-apiserver-$version"
  if [[ "$(cat "$wdir/.gen-hash" 2>/dev/null)" != "$hash" ]]; then
    # generated in a temporary directory and renamed into place: never a go.mod without its go.sum
    log "kube-apiserver $version: generating the wrapper module (downloads the module graph)"
    mkdir -p "$(dirname "$wdir")"
    local gtmp; gtmp="$(mktemp -d "$wdir.tmp.XXXXXX")"
    if ! GOFLAGS=-buildvcs=false "$here/gen-wrappers.sh" apiserver "$version" "$gtmp/$(basename "$wdir")"; then
      rm -rf "$gtmp"; log "kube-apiserver $version: generating the wrapper failed"; return 1
    fi
    echo "$hash" >"$gtmp/$(basename "$wdir")/.gen-hash"
    rm -rf "$wdir"; mv "$gtmp/$(basename "$wdir")" "$wdir"; rmdir "$gtmp"
  fi
  go_build "kube-apiserver $version" "$wdir" "$out" "$ld" "$pkg"
  echo "$hash" >"$out/.recipe-hash"
}

build_etcd() {
  local out="$CACHE/etcd/$ETCD_VERSION" ld="-s -w" pkg=go.etcd.io/etcd/server/v3
  if have_all "$out" "$(recipe_hash etcd "$ld" "$pkg")" etcd; then log "etcd $ETCD_VERSION: cached"; return; fi
  ensure_wrapper etcd go.etcd.io/etcd/server/v3 "$ETCD_VERSION"
  go_build "etcd $ETCD_VERSION" "$here/go/etcd" "$out" "$ld" "$pkg"
  recipe_hash etcd "$ld" "$pkg" >"$out/.recipe-hash"
}

build_coredns() {
  local out="$CACHE/coredns/$COREDNS_VERSION" ld="-s -w -X github.com/coredns/coredns/coremain.GitCommit=$COREDNS_VERSION" pkg=./cmd/coredns
  if have_all "$out" "$(recipe_hash coredns "$ld" "$pkg")" coredns; then log "coredns $COREDNS_VERSION: cached"; return; fi
  ensure_wrapper coredns github.com/coredns/coredns "$COREDNS_VERSION"
  go_build "coredns $COREDNS_VERSION" "$here/go/coredns" "$out" "$ld" "$pkg"
  recipe_hash coredns "$ld" "$pkg" >"$out/.recipe-hash"
}

CHECK_ONLY=
if [[ "${1:-}" == --check ]]; then CHECK_ONLY=1; shift; fi
# targets: component names, and "apiserver VERSION" for each release after the word apiserver
targets=()
while (($#)); do
  case "$1" in
    kubernetes | etcd | coredns) targets+=("$1"); shift ;;
    apiserver)
      shift
      (($#)) || { log "apiserver: give one or more releases (1.37 or v1.37.2)"; exit 2; }
      while (($#)) && [[ "$1" =~ ^(v?1\.[0-9]+(\.[0-9]+)?|newest)$ ]]; do targets+=("apiserver $(apiserver_version "$1")"); shift; done ;;
    *) log "unknown target '$1': kubernetes, etcd, coredns or apiserver RELEASE..."; exit 2 ;;
  esac
done
((${#targets[@]})) || targets=(kubernetes etcd coredns)
run_target() { local t="$1"; "build_${t%% *}" ${t#"${t%% *}"}; }
if [[ -n "$CHECK_ONLY" ]]; then
  # ensure_wrapper is what a real build would do first; a check only reports
  ensure_wrapper() { log "$1: not cached"; exit 1; }
  go_build() { exit 1; }
  for t in "${targets[@]}"; do run_target "$t"; done
  exit 0
fi
build_lock build
for t in "${targets[@]}"; do run_target "$t"; done
