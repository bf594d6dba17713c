#!/usr/bin/env bash
# Durable writes: relief deposits from 1, 16 and 64 concurrent clients against a fresh
# release-built vetsd in three storage modes, measured in the same run:
#   group    group commit (batch_max = 128), synchronous = full   — what vetsd ships
#   single   one commit per call (batch_max = 1), synchronous = full — the plain baseline
#   off      group commit, synchronous = off: not durable, the ceiling
# Prints calls/s and latency for each, then group ÷ single and group ÷ off.
#   Benchmarks/durable-writes.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-5}
configuration=${CONFIGURATION:-release}
swift build -c "$configuration" --product vetsd
swift build -c "$configuration" --product vets-bench
bin=$(swift build -c "$configuration" --show-bin-path)
dir=$(mktemp -d "${BENCH_DIR:-/var/tmp}/vetsd-writes-XXXXXX")
trap 'kill $(cat "$dir/pid" 2>/dev/null) 2>/dev/null; rm -rf "$dir"' EXIT
echo "data on $(df -h "$dir" | awk 'NR==2 {print $1, $6}'); $(nproc) cores"

declare -A rate
for mode in group single off; do
  case $mode in
    group) storage='batch_max = 128\nsynchronous = "full"' ;;
    single) storage='batch_max = 1\nsynchronous = "full"' ;;
    off) storage='batch_max = 128\nsynchronous = "off"' ;;
  esac
  rm -rf "$dir/data" "$dir/vetsd.log"
  printf "[daemon.storage]\n$storage\n" > "$dir/vetsd.toml"
  "$bin/vetsd" --config "$dir/vetsd.toml" --data-dir "$dir/data" --socket "$dir/vetsd.sock" 2>"$dir/vetsd.log" &
  echo $! > "$dir/pid"
  for _ in $(seq 100); do grep -q "socket=" "$dir/vetsd.log" 2>/dev/null && break; sleep 0.1; done
  for clients in 1 16 64; do
    line=$("$bin/vets-bench" writes --socket "$dir/vetsd.sock" --token-file "$dir/data/admin.token" --clients $clients --seconds "$seconds")
    echo "$mode: $line"
    rate[$mode,$clients]=$(echo "$line" | sed -E 's/.* ([0-9]+) calls\/s.*/\1/')
  done
  echo "$mode: daemon peak RSS $(grep VmHWM /proc/$(cat "$dir/pid")/status | awk '{print $2, $3}')"
  kill "$(cat "$dir/pid")"; wait "$(cat "$dir/pid")" 2>/dev/null || true
done
echo
printf "%-8s %10s %10s %10s %14s %14s\n" clients group single off "group/single" "group/off"
for clients in 1 16 64; do
  printf "%-8s %10s %10s %10s %14s %14s\n" $clients ${rate[group,$clients]} ${rate[single,$clients]} ${rate[off,$clients]} \
    "$(awk "BEGIN {printf \"%.1fx\", ${rate[group,$clients]} / ${rate[single,$clients]}}")" \
    "$(awk "BEGIN {printf \"%.0f%%\", 100 * ${rate[group,$clients]} / ${rate[off,$clients]}}")"
done
