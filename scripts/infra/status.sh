#!/usr/bin/env bash
# One line per test server started by scripts/infra/up.sh: running/stopped, address, pid.
#
#   scripts/infra/status.sh                 # all: redis postgres etcd kafka neo4j
#   scripts/infra/status.sh redis postgres  # a subset
#
# "running" = the pid in .infra/run/<name>.pid is alive (and is the expected program) and its port
# accepts connections. Exit 0 if every requested server is running, 1 otherwise.
set -euo pipefail

# shellcheck source=lib.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)/lib.sh"

[ "${1:-}" != "--cluster" ] || exec bash "$INFRA_SCRIPT_DIR/cluster.sh" status

parse_servers "$@" >/dev/null || exit 2
mapfile -t SERVERS < <(parse_servers "$@")

rc=0
for s in "${SERVERS[@]}"; do
  port="$(port_of "$s")"
  if pid="$(live_pid "$s")"; then
    if port_open "$port"; then
      state=running
    else
      state="starting/not answering"
      rc=1
    fi
  else
    pid=-
    if port_open "$port"; then
      state="stopped (port in use by a foreign process)"
    else
      state=stopped
    fi
    rc=1
  fi
  printf '%-8s %-8s %s:%-5s pid %s\n' "$s" "$state" "$HOST" "$port" "$pid"
done
exit "$rc"
