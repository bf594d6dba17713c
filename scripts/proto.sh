#!/usr/bin/env bash
# Regenerates the Swift code for proto/ (into Sources/VetsAPI) and for the test-only probe
# module (into Tests/Fixtures/ProbeModule/Generated) with Debian's protoc and the generator
# plugins built from the package versions this project pins. The output is committed, so a
# normal build never builds protoc; `scripts/proto-hash.sh` records what it was made from.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v protoc >/dev/null || { echo "protoc not found: apt-get install protobuf-compiler libprotobuf-dev" >&2; exit 1; }
[ -f /usr/include/google/protobuf/timestamp.proto ] || { echo "well-known types not found: apt-get install libprotobuf-dev" >&2; exit 1; }

swift build -c release --product protoc-gen-swift
swift build -c release --product protoc-gen-grpc-swift-2
bin=$(swift build -c release --show-bin-path)

generate() { # out-dir include-dir protos...
  local out=$1 include=$2
  shift 2
  rm -f "$out"/*.pb.swift "$out"/*.grpc.swift
  mkdir -p "$out"
  protoc -I "$include" -I /usr/include \
    --plugin=protoc-gen-swift="$bin/protoc-gen-swift" \
    --plugin=protoc-gen-grpc-swift="$bin/protoc-gen-grpc-swift-2" \
    --swift_out="$out" --swift_opt=Visibility=Public,FileNaming=PathToUnderscores \
    --grpc-swift_out="$out" --grpc-swift_opt=Visibility=Public,FileNaming=PathToUnderscores,Server=true,Client=true \
    "$@"
}

list() { (cd "$1" && find . -name '*.proto' | sed 's|^\./||' | LC_ALL=C sort); }

generate Sources/VetsAPI proto $(list proto)
generate Tests/Fixtures/ProbeModule/Generated Tests/Fixtures/proto $(list Tests/Fixtures/proto)
scripts/proto-hash.sh > Sources/VetsAPI/PROTO_HASH
echo "generated from $(cat Sources/VetsAPI/PROTO_HASH)"
