#!/usr/bin/env bash
# Stop the test servers that scripts/infra/up.sh started, and wipe their throwaway data.
#
#   scripts/infra/down.sh                   # all: redis postgres etcd kafka neo4j
#   scripts/infra/down.sh kafka neo4j       # a subset
#   scripts/infra/down.sh --keep-data ...   # stop only; the next up.sh reuses the data
#
# Only processes recorded in .infra/run/<name>.pid (and still running the expected program) are
# signalled: SIGTERM (PostgreSQL: SIGINT = fast shutdown), then SIGKILL after a timeout. Anything
# else listening on the ports is left alone. By default the data dirs are removed so the next up.sh
# starts fresh (empty Redis/etcd/Kafka/Neo4j, new PostgreSQL cluster with the junction role and db).
# Kept: downloaded jars (.infra/kafka/libs, .infra/neo4j/libs, compiled launcher) and the logs in
# .infra/logs/ (appended to). .infra/env is removed once no server is left running.
set -euo pipefail

# shellcheck source=lib.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)/lib.sh"

KEEP_DATA=0
ARGS=()
for a in "$@"; do
  case "$a" in
    --keep-data) KEEP_DATA=1 ;;
    -h | --help) sed -n '2,14p' "${BASH_SOURCE[0]}"; exit 0 ;;
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

down_one() { # name
  local name="$1"
  local t0 pid sig timeout_var timeout deadline what
  t0="$(now_ms)"
  if pid="$(live_pid "$name")"; then
    sig=TERM
    [ "$name" = postgres ] && sig=INT
    timeout_var="STOP_TIMEOUT_$name"
    timeout="${!timeout_var}"
    kill -s "$sig" "$pid" 2>/dev/null || true
    deadline=$(($(date +%s) + timeout))
    while kill -0 "$pid" 2>/dev/null; do
      if [ "$(date +%s)" -ge "$deadline" ]; then
        log "infra: $name: pid $pid still alive ${timeout}s after SIG$sig; sending SIGKILL"
        kill -s KILL "$pid" 2>/dev/null || true
        sleep 0.5
        break
      fi
      sleep 0.2
    done
    what="stopped (pid $pid)"
  else
    what="not running"
    if port_open "$(port_of "$name")"; then
      what="not running (port $(port_of "$name") is used by a process not started by scripts/infra; left alone)"
    fi
  fi
  rm -f "$(pid_file "$name")"
  if [ "$KEEP_DATA" -eq 0 ]; then
    wipe_data "$name"
    what="$what, data wiped"
  fi
  printf 'infra: %-8s %s  (%s)\n' "$name" "$what" "$(elapsed "$t0")"
}

for s in "${SERVERS[@]}"; do
  down_one "$s"
done

any_left=0
for s in "${ALL_SERVERS[@]}"; do
  live_pid "$s" >/dev/null && any_left=1
done
[ "$any_left" -eq 1 ] || rm -f "$ENV_FILE"
