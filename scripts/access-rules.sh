#!/usr/bin/env bash
# Rewrites docs/ACCESS.md, the authorisation table, from the rule tables in the code
# (`vetsd access-rules`). AuthorizationTests fails while the committed file is stale.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product vetsd
"$(swift build --show-bin-path)/vetsd" access-rules > docs/ACCESS.md
echo "wrote docs/ACCESS.md"
