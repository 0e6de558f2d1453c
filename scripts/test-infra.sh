#!/usr/bin/env bash
# The full suite against real servers: starts them if needed (idempotent), then runs the int suites and the
# e2e suite with ADAPTERS=real. Set REQUIRE_INFRA (CI does) to turn an unreachable server into a failure.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/infra/up.sh
set -a
# shellcheck disable=SC1091
. .infra/env
set +a
export ADAPTERS=real
export REQUIRE_INFRA="${REQUIRE_INFRA:-redis,postgres,etcd,kafka,neo4j}"
exec npx jest --selectProjects int e2e --runInBand "$@"
