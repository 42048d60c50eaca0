#!/usr/bin/env bash
# Single entry point that makes the local cluster runnable on this machine:
#   1. Debian packages (cluster/install-deps.sh)
#   2. binaries from upstream Go modules into the cache (cluster/build.sh)
#   3. container images as OCI layouts into the cache (cluster/images/build-images.sh)
# Idempotent; with everything cached it takes a second or two. Prints how long
# each phase took. Everything goes to stderr.
# Env: PODSMITH_CACHE (default $HOME/.cache/podsmith).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if [[ "$(uname -s)" != Linux ]]; then
  echo "prepare: the local cluster needs Linux; nothing to do on $(uname -s)" >&2
  exit 0
fi

now() { date +%s.%N; }
total_start="$(now)"
elapsed() { awk -v a="$(now)" -v b="$1" 'BEGIN{printf "%.1f", a-b}'; }

s="$(now)"; bash "$here/install-deps.sh";           echo "prepare: deps      $(elapsed "$s") s" >&2
s="$(now)"; bash "$here/build.sh";                  echo "prepare: build     $(elapsed "$s") s" >&2
s="$(now)"; bash "$here/images/build-images.sh";    echo "prepare: images    $(elapsed "$s") s" >&2
echo "prepare: total     $(elapsed "$total_start") s" >&2
