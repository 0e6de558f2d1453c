#!/usr/bin/env bash
# Stop the test servers that scripts/infra/up.sh started, and wipe their throwaway data.
#
#   scripts/infra/down.sh                   # all: redis postgres etcd kafka neo4j
#   scripts/infra/down.sh kafka neo4j       # a subset
#   scripts/infra/down.sh --keep-data ...   # stop only; the next up.sh reuses the data
#
# Only processes recorded in .infra/run/<name>.pid (and still running the expected program) are
# signalled, all at once: SIGTERM (PostgreSQL: SIGINT = fast shutdown), then SIGKILL after a
# per-server timeout (STOP_TIMEOUT_<name>, see lib.sh). Anything else listening on the ports is left
# alone. By default the data dirs are removed so the next up.sh starts fresh (empty Redis/etcd/Kafka/Neo4j, new PostgreSQL cluster with the junction role and db).
# Kept: downloaded jars (.infra/kafka/libs, .infra/neo4j/libs, compiled launcher) and the logs in
# .infra/logs/ (appended to). .infra/env is removed once no server is left running.
set -euo pipefail

# shellcheck source=lib.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)/lib.sh"

# The cluster profile has its own script (`down.sh --cluster [--keep-data]`).
if [ "${1:-}" = "--cluster" ]; then shift; exec bash "$INFRA_SCRIPT_DIR/cluster.sh" down "$@"; fi

KEEP_DATA=0
ARGS=()
for a in "$@"; do
  case "$a" in
    --keep-data) KEEP_DATA=1 ;;
    -h | --help) sed -n '2,15p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) ARGS+=("$a") ;;
  esac
done
parse_servers "${ARGS[@]}" >/dev/null || exit 2
mapfile -t SERVERS < <(parse_servers "${ARGS[@]}")

take_lock

safe_rm() { # path: refuses anything outside the infra areas
  local p="$1"
  case "$p" in
    "$INFRA_DIR"/?* | /tmp/junction-infra-*/?*) rm -rf -- "$p" ;;
    *) log "infra: refusing to remove $p" ;;
  esac
}

wipe_data() { # name
  case "$1" in
    redis) safe_rm "$INFRA_DIR/redis" ;;
    postgres)
      local base
      base="$(pg_base)"
      safe_rm "$base"
      case "$base" in /tmp/junction-infra-*) rmdir "$(dirname "$base")" 2>/dev/null || true ;; esac
      ;;
    etcd) safe_rm "$INFRA_DIR/etcd" ;;
    kafka)
      safe_rm "$INFRA_DIR/kafka/data"
      safe_rm "$INFRA_DIR/kafka/server.properties"
      ;;
    neo4j)
      safe_rm "$INFRA_DIR/neo4j/data"
      safe_rm "$INFRA_DIR/neo4j/logs"
      ;;
  esac
}

# Signal every requested server first, then wait for each: total time is the slowest one (Neo4j's
# clean shutdown takes ~10s), not the sum.
declare -A PIDS=() T0=()
for s in "${SERVERS[@]}"; do
  T0[$s]="$(now_ms)"
  if pid="$(live_pid "$s")"; then
    PIDS[$s]="$pid"
    sig=TERM
    [ "$s" = postgres ] && sig=INT   # fast shutdown: don't wait for clients to disconnect
    kill -s "$sig" "$pid" 2>/dev/null || true
  fi
done

for s in "${SERVERS[@]}"; do
  port="$(port_of "$s")"
  if [ -n "${PIDS[$s]:-}" ]; then
    pid="${PIDS[$s]}"
    timeout_var="STOP_TIMEOUT_$s"
    deadline=$(($(date +%s) + ${!timeout_var}))
    while proc_alive "$pid"; do
      if [ "$(date +%s)" -ge "$deadline" ]; then
        log "infra: $s: pid $pid still alive ${!timeout_var}s after the stop signal; sending SIGKILL"
        kill -s KILL "$pid" 2>/dev/null || true
        sleep 0.5
        break
      fi
      sleep 0.2
    done
    what="stopped (pid $pid)"
  elif port_open "$port"; then
    what="not running (port $port is used by a process not started by scripts/infra; left alone)"
  else
    what="not running"
  fi
  rm -f "$(pid_file "$s")"
  if [ "$KEEP_DATA" -eq 0 ]; then
    wipe_data "$s"
    what="$what, data wiped"
  fi
  printf 'infra: %-8s %s  (%s)\n' "$s" "$what" "$(elapsed "${T0[$s]}")"
done

any_left=0
for s in "${ALL_SERVERS[@]}"; do
  live_pid "$s" >/dev/null && any_left=1
done
[ "$any_left" -eq 1 ] || rm -f "$ENV_FILE"
