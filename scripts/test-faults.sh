#!/usr/bin/env bash
# Fault scenarios (issue 18, docs/reliability.md) on the cluster profile: starts it if needed (3 etcd members and
# 3 Kafka brokers beside the single Redis and PostgreSQL), loads .infra/cluster.env and runs test/faults one
# scenario at a time. The scenarios kill and restart cluster members themselves (scripts/infra/cluster.sh).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/infra/cluster.sh up
set -a
# shellcheck disable=SC1091
. .infra/cluster.env
set +a
export REQUIRE_INFRA="${REQUIRE_INFRA:-redis,etcd,kafka}"
exec npx jest --selectProjects faults --runInBand "$@"
