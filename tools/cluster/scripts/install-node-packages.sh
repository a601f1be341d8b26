#!/bin/sh
# Installs the Debian packages a real local node and its image builds need, when any is missing:
# containerd, runc, the CNI plugins, buildah (image builds without a Docker engine), debootstrap
# (the Node and JRE base images), catatonit (the pause image), iptables and conntrack
# (kube-proxy). Needs root and apt (Debian bookworm). Safe to run again: it does nothing then.
set -eu
packages="runc containerd containernetworking-plugins buildah skopeo debootstrap catatonit iptables nftables conntrack iproute2 uidmap"
missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "[cluster] missing Debian packages:$missing; run as root or install them" >&2
  exit 1
fi
echo "[cluster] installing Debian packages:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
