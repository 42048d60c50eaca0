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
    # the holder writes its owner line just after it takes the lock: give it a moment, and trust
    # only a line whose process is alive (an old one stays behind after its build)
    local owner='' pid i
    for i in 1 2 3 4 5 6 7 8 9 10; do
      owner="$(cat "$CACHE/.build.owner" 2>/dev/null || true)"
      pid="$(sed -n 's/^pid \([0-9]*\),.*/\1/p' <<<"$owner")"
      [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && break
      owner=''
      flock -n 9 && break
      sleep 0.2
    done
    echo "$tag: another build holds $CACHE/.build.lock (${owner:-owner unknown}); waiting, its progress follows" >&2
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
