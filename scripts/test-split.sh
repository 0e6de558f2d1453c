#!/usr/bin/env bash
# The cross-process suite: builds the app, starts the real servers if needed, then runs test/split, which starts
# three Junction processes with different MODULES on loopback with mTLS between them.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
npm run build
bash scripts/infra/up.sh
export REQUIRE_INFRA="${REQUIRE_INFRA:-redis,postgres,etcd,kafka,neo4j}"
exec npx jest --selectProjects split --runInBand "$@"
