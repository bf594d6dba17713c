#!/usr/bin/env bash
# The Python grpcio interop suite: a client nobody here wrote, against the real vetsd.
# Installs the pinned packages into a local virtual environment, generates the Python stubs
# from proto/ at test time, and runs pytest, which starts vetsd itself.
#   Tests/Interop/python/run.sh [pytest arguments]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
cd "$root"

venv=.build/interop-venv
if [ ! -x "$venv/bin/python" ] || ! cmp -s "$here/requirements.txt" "$venv/requirements.txt"; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"
  cp "$here/requirements.txt" "$venv/requirements.txt"
fi

stubs=$(mktemp -d)
trap 'rm -rf "$stubs"' EXIT
# Only proto/vets: the health and reflection stubs come with grpcio-health-checking and
# grpcio-reflection, and generating proto/grpc here would shadow grpcio's own `grpc` package.
include=$("$venv/bin/python" -c 'import grpc_tools, os; print(os.path.join(os.path.dirname(grpc_tools.__file__), "_proto"))')
"$venv/bin/python" -m grpc_tools.protoc -I proto -I "$include" --python_out="$stubs" --grpc_python_out="$stubs" \
  $(find proto/vets -name '*.proto' | LC_ALL=C sort)

export VETSD_BIN=${VETSD_BIN:-$root/.build/debug/vetsd}
[ -x "$VETSD_BIN" ] || { echo "no vetsd at $VETSD_BIN: run 'swift build' first" >&2; exit 1; }
PYTHONPATH="$stubs" "$venv/bin/python" -m pytest -q -p no:cacheprovider "$here" "$@"
