#!/usr/bin/env bash
# The crash-consistency test (issue 9), run by `make crash-test`: ROUNDS rounds (default 20)
# of concurrent deposits, case payments and redemptions, SIGKILL at a random moment, restart
# and checks (Tests/EndToEndTests/CrashTests.swift). SEED (default: random) fixes each
# round's request mix and kill moment; it is printed so that a failing round can be replayed:
#   SEED=<seed> ROUNDS=<round> scripts/crash-test.sh
# `make test` runs the same test with 2 rounds.
set -euo pipefail
cd "$(dirname "$0")/.."
SWIFT=${SWIFT:-swift}
rounds=${ROUNDS:-20}
seed=${SEED:-$(od -An -N8 -tu8 /dev/urandom | tr -d ' \n')}
echo "crash test: $rounds rounds, seed $seed"
$SWIFT build --build-tests
status=0
VETSD_CRASH_ROUNDS=$rounds VETSD_CRASH_SEED=$seed $SWIFT test --skip-build --filter CrashTests || status=$?
if [ "$status" -eq 0 ]; then
  echo "crash test: $rounds rounds passed, seed $seed"
else
  echo "crash test: FAILED, seed $seed; replay with SEED=$seed ROUNDS=<the failing round> scripts/crash-test.sh" >&2
fi
exit "$status"
