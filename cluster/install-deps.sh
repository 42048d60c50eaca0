#!/usr/bin/env bash
# Installs the Debian packages the local cluster needs. Idempotent: when every
# package is already installed it only checks (well under a second).
set -euo pipefail

PKGS=(containerd runc containernetworking-plugins iptables busybox-static gcc libc6-dev openssl iproute2 util-linux conntrack tzdata ca-certificates)

if [[ "$(uname -s)" != Linux ]]; then
  echo "install-deps: not Linux, nothing to install" >&2
  exit 0
fi

missing=()
for p in "${PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#PKGS[@]} packages present" >&2
  exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
  echo "install-deps: missing packages (${missing[*]}) and not root; run as root" >&2
  exit 1
fi

echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
# Debian's package enables a system containerd service; this cluster runs its
# own containerd with its own config and socket, so none is needed (no init
# system runs here anyway).
echo "install-deps: done" >&2
