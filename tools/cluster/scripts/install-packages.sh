#!/bin/sh
# Installs the Debian packages the local cluster's real node and its image builds need, when any
# is missing: containerd (and its ctr), runc, the CNI plugins, buildah (image builds without a
# Docker engine), debootstrap (the Node and JRE base images), catatonit (the pause image),
# iptables, nftables and conntrack (kube-proxy; teardown restores the firewall). Needs root and
# apt (Debian bookworm). Safe to run again: it does nothing then.
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
