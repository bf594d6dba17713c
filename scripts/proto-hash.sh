#!/usr/bin/env bash
# Prints the SHA-256 of every .proto file the generated code is made from. ProtoFreshnessTests
# computes the same and fails when proto/ changed but `make proto` was not run.
set -euo pipefail
cd "$(dirname "$0")/.."
find proto Tests/Fixtures/proto -name '*.proto' | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -d' ' -f1
