#!/usr/bin/env bash
# Registry benchmark: 1,000,000 synthetic people with valid ID numbers, imported into a
# fresh release-built vetsd; prints import throughput, search latency p50/p99 by name
# prefix and by ID suffix, and the database size. Usage: Benchmarks/registry-1m.sh [PEOPLE]
set -euo pipefail
cd "$(dirname "$0")/.."
people=${1:-1000000}
swift build -c release --product vetsd
swift build -c release --product vets-bench
bin=$(swift build -c release --show-bin-path)
dir=$(mktemp -d /tmp/vetsd-bench-XXXXXX)
trap 'kill $(cat "$dir/pid") 2>/dev/null; rm -rf "$dir"' EXIT
"$bin/vetsd" --data-dir "$dir/data" --socket "$dir/vetsd.sock" 2>"$dir/vetsd.log" &
echo $! > "$dir/pid"
for _ in $(seq 100); do grep -q "socket=" "$dir/vetsd.log" 2>/dev/null && break; sleep 0.1; done
"$bin/vets-bench" registry --socket "$dir/vetsd.sock" --token-file "$dir/data/admin.token" --people "$people" \
  --database "$dir/data/vetsd.sqlite"
echo "daemon peak RSS: $(grep VmHWM /proc/$(cat "$dir/pid")/status | awk '{print $2, $3}')"
