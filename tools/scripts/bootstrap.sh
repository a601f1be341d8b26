#!/bin/sh
# Installs what the workspace needs when it is missing or stale: the npm packages, which include
# Node 24 itself (the `node` package puts it in node_modules/.bin, ahead of the system Node for
# every npm script). Java and Maven are checked by tools/infra when it first needs them.
#
# `npm install` rather than `npm ci`: the registry this project builds from does not serve every
# platform's optional native binary (e.g. @swc/core-darwin-arm64), so the lock file cannot list
# them and `npm ci`'s strict lock check refuses it. `npm install` still installs exactly the
# versions the lock pins and leaves the lock unchanged.
set -eu
cd "$(dirname "$0")/../.."
if [ ! -x node_modules/.bin/nx ] || [ ! -f node_modules/.package-lock.json ] ||
  [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[bootstrap] installing npm packages..."
  npm install --no-fund --no-audit
fi
