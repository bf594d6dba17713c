#!/usr/bin/env bash
# Installs the Debian packages vetsd needs to build and test, when they are missing.
#   libsqlite3-dev   GRDB links the system SQLite
#   zlib1g-dev       grpc-swift-nio-transport links zlib
#   sqlite3, openssl the tests inspect databases and make TLS certificates with them
#   protobuf-compiler, libprotobuf-dev   only for `make proto`
set -euo pipefail
packages=(libsqlite3-dev zlib1g-dev sqlite3 openssl protobuf-compiler libprotobuf-dev)
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
