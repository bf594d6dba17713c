#!/usr/bin/env bash
# Installs the Debian packages vetsd needs to build and test, when they are missing.
#   libsqlite3-dev   GRDB links the system SQLite
#   zlib1g-dev       grpc-swift-nio-transport links zlib
#   sqlite3, openssl the tests inspect databases and make TLS certificates with them
#   protobuf-compiler, libprotobuf-dev   `make proto`; the well-known types for the interop tests
#   protobuf-c-compiler, libprotobuf-c-dev, gcc   the C peer (Tests/Interop/c)
#   python3, python3-venv   the Python grpcio suite (Tests/Interop/python) in a local venv
#   systemd, procps  systemd-analyze verify of etc/vetsd.service (its ExecReload uses kill)
#   nghttp2-client   h2load, the benchmark's cross-check (make bench)
set -euo pipefail
packages=(
  libsqlite3-dev zlib1g-dev sqlite3 openssl protobuf-compiler libprotobuf-dev protobuf-c-compiler libprotobuf-c-dev gcc
  python3 python3-venv systemd procps nghttp2-client
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing: ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
