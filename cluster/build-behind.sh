#!/usr/bin/env bash
# cluster/build-behind.sh TARGET...: starts `cluster/build.sh TARGET...` in the background at the
# lowest CPU priority (nice 19) when some target is not cached yet, and returns at once.
#
# The test task builds the kube-apiservers the release tests need this way while the end-to-end
# tests that run on the local cluster (mostly waiting on Pods) go on: on a new machine that hides
# most of the ~14 minutes those two Go builds take. Whoever needs the binaries runs
# `cluster/build.sh TARGET...` afterwards: it waits for the build lock, relays this build's
# progress, then finds everything cached (or builds what this one could not, and fails loudly).
# Nothing to do when all is cached. The build's log: $CACHE/logs/build-behind.log.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="${PODSMITH_CACHE:-$HOME/.cache/podsmith}"

if bash "$here/build.sh" --check "$@" >/dev/null 2>&1; then
  echo "build-behind: $*: cached" >&2
  exit 0
fi
mkdir -p "$CACHE/logs"
log="$CACHE/logs/build-behind.log"
nohup nice -n 19 bash "$here/build.sh" "$@" >"$log" 2>&1 </dev/null &
echo "build-behind: building $* in the background (pid $!, nice 19, log $log)" >&2
