# Sourced by cluster/build.sh and cluster/images/build-images.sh: one build at a time per cache.
#
# build_lock TAG takes ${CACHE}/.build.lock (flock; the kernel drops it when the holder dies).
# While another process holds it, prints who and relays that build's progress lines (the holder
# appends them to ${CACHE}/.build.progress through build_progress) until it is done; then this
# process goes on and finds what the other one built in the cache. Nested calls (prepare.sh ->
# build.sh) hold the lock through the inherited descriptor.
# shellcheck shell=bash

build_lock() {
  local tag="$1"
  if [[ "${PODSMITH_BUILD_LOCK_FD:-}" == 9 ]] && { true >&9; } 2>/dev/null; then return 0; fi
  mkdir -p "$CACHE"
  exec 9>>"$CACHE/.build.lock"
  if ! flock -n 9; then
    echo "$tag: another build holds $CACHE/.build.lock ($(cat "$CACHE/.build.owner" 2>/dev/null || echo 'owner unknown')); waiting, its progress follows" >&2
    local shown=0 n got=1
    relay() {
      n="$(wc -l <"$CACHE/.build.progress" 2>/dev/null || echo 0)"
      ((n >= shown)) || shown=0
      if ((n > shown)); then sed -n "$((shown + 1)),${n}p" "$CACHE/.build.progress" | sed "s/^/$tag: [other build] /" >&2; shown=$n; fi
    }
    while ((got != 0)); do
      relay
      flock -n 9 && got=0 || sleep 1
    done
    relay # what the other build wrote between the last look and its end (it is done: the lock is ours)
    echo "$tag: the other build is done; using what it cached" >&2
  fi
  echo "pid $$, $tag, since $(date -u +%H:%M:%SZ)" >"$CACHE/.build.owner"
  : >"$CACHE/.build.progress"
  export PODSMITH_BUILD_LOCK_FD=9
}

# build_progress LINE: a progress line on stderr, and for processes waiting on the lock.
build_progress() {
  echo "$*" >&2
  { echo "$*" >>"$CACHE/.build.progress"; } 2>/dev/null || true
}
