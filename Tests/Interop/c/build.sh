#!/usr/bin/env bash
# Builds the protobuf-c conformance peer (proves a C system can speak vetsd's protocol) into <out>/peer.
#   usage: Tests/Interop/c/build.sh <out-folder>
# Needs the Debian packages protobuf-c-compiler and libprotobuf-c-dev (and libprotobuf-dev for
# google/protobuf/timestamp.proto, which `make deps` installs).
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 <out-folder>" >&2
  exit 2
fi
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
mkdir -p "$1"
out="$(cd "$1" && pwd)"
wkt_include="${WKT_INCLUDE:-/usr/include}"
cc="${CC:-cc}"

missing() {
  echo "build.sh: $1; install the Debian packages: apt-get install protobuf-c-compiler libprotobuf-c-dev" >&2
  exit 1
}
command -v protoc-c >/dev/null 2>&1 || missing "protoc-c is not on PATH"
command -v "$cc" >/dev/null 2>&1 || { echo "build.sh: no C compiler ($cc); install gcc" >&2; exit 1; }
printf '#include <protobuf-c/protobuf-c.h>\n' | "$cc" -E -x c - >/dev/null 2>&1 ||
  missing "the header <protobuf-c/protobuf-c.h> is not found"
if [ ! -f "$wkt_include/google/protobuf/timestamp.proto" ]; then
  echo "build.sh: $wkt_include/google/protobuf/timestamp.proto is missing; install the Debian package libprotobuf-dev" >&2
  exit 1
fi

protos=(google/protobuf/timestamp.proto vets/common/v1/common.proto vets/registry/v1/registry.proto)
protoc-c -I "$root/proto" -I "$wkt_include" --c_out="$out" "${protos[@]}"

sources=()
for proto in "${protos[@]}"; do sources+=("$out/${proto%.proto}.pb-c.c"); done
"$cc" -std=c11 -O1 -Wall -Wextra -Werror=implicit-function-declaration -I "$out" \
  -o "$out/peer" "$here/peer.c" "${sources[@]}" -lprotobuf-c
echo "$out/peer"
