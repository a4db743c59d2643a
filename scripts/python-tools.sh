#!/usr/bin/env bash
# Python tools the tests use as independent AWS peers: moto's server (S3 for the Pulumi s3:// backend, CloudWatch
# and DMS for the monitor), in a venv outside the repo, keyed by the pinned version. Prints the venv's bin folder.
#   bash scripts/python-tools.sh        (MIGRATION_COCKPIT_VENV=<folder> overrides the location)
set -euo pipefail

MOTO_VERSION="5.2.5"
cache_root="${XDG_CACHE_HOME:-$HOME/.cache}/migration-cockpit"
venv="${MIGRATION_COCKPIT_VENV:-$cache_root/py-venv-moto-$MOTO_VERSION}"

if [ ! -x "$venv/bin/moto_server" ] || ! "$venv/bin/pip" show moto 2>/dev/null | grep -qx "Version: $MOTO_VERSION"; then
  command -v python3 >/dev/null || { echo "python-tools: python3 is required (apt-get install python3 python3-venv)" >&2; exit 1; }
  python3 -m venv "$venv" >&2 || { echo "python-tools: could not create a venv (apt-get install python3-venv)" >&2; exit 1; }
  "$venv/bin/pip" install --quiet --disable-pip-version-check "moto[server]==$MOTO_VERSION" >&2
fi
echo "$venv/bin"
