#!/usr/bin/env bash
# Builds the local cluster's container images as OCI image layouts (tar files)
# from Debian packages and a small C program, into
#   ${PODSMITH_CACHE:-$HOME/.cache/podsmith}/images/<name>-<version>.tar
# Nothing is pulled. The tars are imported into containerd by `podsmith cluster up`
# (ctr images import). Output is reproducible: fixed mtimes, owners and order.
#
#   pause    <- cluster/images/pause.c (gcc -static)
#   busybox  <- Debian busybox-static, tagged docker.io/library/busybox:$BUSYBOX_VERSION
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck disable=SC1091
source "$here/../versions.env"
CACHE="${PODSMITH_CACHE:-$HOME/.cache/podsmith}"
OUT="$CACHE/images"
mkdir -p "$OUT"

# shellcheck disable=SC1091
source "$here/../build-lock.sh"
log() { build_progress "images: $*"; }

# The image names the cluster uses; src/cluster/local.ts reads the same names
# from versions.env through these formulas.
PAUSE_IMAGE="localhost/podsmith/pause:$PAUSE_VERSION"
BUSYBOX_IMAGE="docker.io/library/busybox:$BUSYBOX_VERSION"

sha() { sha256sum "$1" | cut -d' ' -f1; }
size() { stat -c %s "$1"; }

# add_blob LAYOUT FILE -> prints the digest hex; moves FILE into blobs/sha256.
add_blob() {
  local d; d="$(sha "$2")"
  mv "$2" "$1/blobs/sha256/$d"
  echo "$d"
}

# make_image NAME REF ROOTFS_DIR CONFIG_JSON_FRAGMENT OUTPUT_TAR
#   CONFIG_JSON_FRAGMENT is the "config" object of the OCI image config.
make_image() {
  local name="$1" ref="$2" rootfs="$3" cfg="$4" out="$5"
  local work; work="$(mktemp -d)"
  local lay="$work/layout"
  mkdir -p "$lay/blobs/sha256"
  printf '{"imageLayoutVersion":"1.0.0"}' >"$lay/oci-layout"

  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner --format=posix \
    --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime \
    -C "$rootfs" -cf "$work/layer.tar" .
  local diffid; diffid="$(sha "$work/layer.tar")"
  gzip -n -9 "$work/layer.tar"
  local lsize; lsize="$(size "$work/layer.tar.gz")"
  local layer; layer="$(add_blob "$lay" "$work/layer.tar.gz")"

  printf '{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z","config":%s,"rootfs":{"type":"layers","diff_ids":["sha256:%s"]},"history":[{"created":"1970-01-01T00:00:00Z","created_by":"podsmith cluster/images/build-images.sh (%s)"}]}' \
    "$cfg" "$diffid" "$name" >"$work/config.json"
  local csize; csize="$(size "$work/config.json")"
  local config; config="$(add_blob "$lay" "$work/config.json")"

  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%s},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:%s","size":%s}]}' \
    "$config" "$csize" "$layer" "$lsize" >"$work/manifest.json"
  local msize; msize="$(size "$work/manifest.json")"
  local manifest; manifest="$(add_blob "$lay" "$work/manifest.json")"

  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"platform":{"architecture":"amd64","os":"linux"},"annotations":{"io.containerd.image.name":"%s","org.opencontainers.image.ref.name":"%s"}}]}' \
    "$manifest" "$msize" "$ref" "${ref##*:}" >"$lay/index.json"

  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$lay" -cf "$out.tmp" .
  mv "$out.tmp" "$out"
  rm -rf "$work"
  log "$ref -> $out ($(size "$out") bytes)"
}

build_pause() {
  local out="$OUT/pause-$PAUSE_VERSION.tar"
  if [[ -f "$out" && "$out" -nt "$here/pause.c" ]]; then log "pause $PAUSE_VERSION: cached"; return; fi
  local root; root="$(mktemp -d)"; chmod 755 "$root"
  gcc -static -O2 -Wall -Wextra -Werror -o "$root/pause" "$here/pause.c"
  strip "$root/pause"
  make_image pause "$PAUSE_IMAGE" "$root" '{"Entrypoint":["/pause"],"User":"65535:65535"}' "$out"
  rm -rf "$root"
}

build_busybox() {
  local out="$OUT/busybox-$BUSYBOX_VERSION.tar"
  if [[ -f "$out" ]]; then log "busybox $BUSYBOX_VERSION: cached"; return; fi
  local have; have="$(/bin/busybox 2>&1 | sed -n '1s/^BusyBox v\([0-9.]*\).*/\1/p')"
  if [[ "$have" != "$BUSYBOX_VERSION" ]]; then
    log "busybox: Debian's busybox-static is $have, versions.env wants $BUSYBOX_VERSION"; return 1
  fi
  local root; root="$(mktemp -d)"; chmod 755 "$root"
  mkdir -p "$root"/{bin,etc,home,root,tmp,usr/sbin,var/www,var/spool/mail}
  chmod 1777 "$root/tmp"; chmod 700 "$root/root"
  cp /bin/busybox "$root/bin/busybox"
  local a
  for a in $(/bin/busybox --list); do
    [[ "$a" == busybox ]] || ln -s busybox "$root/bin/$a"
  done
  cat >"$root/etc/passwd" <<'PW'
root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
bin:x:2:2:bin:/bin:/bin/false
sys:x:3:3:sys:/dev:/bin/false
www-data:x:33:33:www-data:/var/www:/bin/false
nobody:x:65534:65534:nobody:/home:/bin/false
PW
  cat >"$root/etc/group" <<'GR'
root:x:0:
daemon:x:1:
bin:x:2:
sys:x:3:
www-data:x:33:
nogroup:x:65534:
GR
  make_image busybox "$BUSYBOX_IMAGE" "$root" \
    '{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],"Cmd":["sh"]}' "$out"
  rm -rf "$root"
}

build_lock images
build_pause
build_busybox
