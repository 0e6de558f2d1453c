# shellcheck shell=bash disable=SC2034  # variables here are used by the scripts that source this
# Shared helpers for scripts/infra/{up,down,status}.sh. Sourced, not executed.
#
# Five real servers on loopback, no Docker (see shared spec platform.md, "Real infrastructure
# without Docker"). All state lives under <repo root>/.infra/ (git-ignored):
#   .infra/env               connection settings for tests (written by up.sh)
#   .infra/logs/<name>.log   server output (appended across restarts; each start adds a header)
#   .infra/run/<name>.pid    pid of the server process that up.sh started
#   .infra/redis/ .infra/etcd/ .infra/kafka/ .infra/neo4j/   data, configs, downloaded jars
#   .infra/pg/               PostgreSQL data (or /tmp/junction-infra-<hash>/pg, see pg_base below)

INFRA_SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
ROOT="$(cd "$INFRA_SCRIPT_DIR/../.." && pwd -P)"
INFRA_DIR="$ROOT/.infra"
LOG_DIR="$INFRA_DIR/logs"
RUN_DIR="$INFRA_DIR/run"
ENV_FILE="$INFRA_DIR/env"

ALL_SERVERS=(redis postgres etcd kafka neo4j)

HOST=127.0.0.1
# INFRA_PORT_OFFSET shifts every port, so a second checkout (e.g. a fresh-clone CI rehearsal) can run its own
# servers beside the first one.
INFRA_PORT_OFFSET="${INFRA_PORT_OFFSET:-0}"
REDIS_PORT=$((16379 + INFRA_PORT_OFFSET))
PG_PORT=$((15432 + INFRA_PORT_OFFSET))
ETCD_PORT=$((12379 + INFRA_PORT_OFFSET))
ETCD_PEER_PORT=$((12380 + INFRA_PORT_OFFSET))
KAFKA_PORT=$((19092 + INFRA_PORT_OFFSET))
KAFKA_CONTROLLER_PORT=$((19093 + INFRA_PORT_OFFSET))
NEO4J_PORT=$((17687 + INFRA_PORT_OFFSET))

PG_USER=junction
PG_PASSWORD=junction
PG_DB=junction
NEO4J_USER=neo4j
NEO4J_PASSWORD=junction-dev

PG_BIN=/usr/lib/postgresql/15/bin   # Debian's 15 binaries, by full path on purpose

# Seconds to wait for a server to answer after starting it (first start of a JVM server may be slow).
# Each can be overridden from the environment, e.g. START_TIMEOUT_kafka=300 scripts/infra/up.sh.
: "${START_TIMEOUT_redis:=30}"
: "${START_TIMEOUT_postgres:=60}"
: "${START_TIMEOUT_etcd:=30}"
: "${START_TIMEOUT_kafka:=120}"
: "${START_TIMEOUT_neo4j:=180}"
# Seconds to wait after the stop signal before SIGKILL (also overridable from the environment).
: "${STOP_TIMEOUT_redis:=15}"
: "${STOP_TIMEOUT_postgres:=30}"
: "${STOP_TIMEOUT_etcd:=15}"
: "${STOP_TIMEOUT_kafka:=60}"
: "${STOP_TIMEOUT_neo4j:=60}"

log() { printf '%s\n' "$*" >&2; }

port_of() {
  case "$1" in
    redis) echo "$REDIS_PORT" ;;
    postgres) echo "$PG_PORT" ;;
    etcd) echo "$ETCD_PORT" ;;
    kafka) echo "$KAFKA_PORT" ;;
    neo4j) echo "$NEO4J_PORT" ;;
    *) return 1 ;;
  esac
}

# A string that must appear in /proc/<pid>/cmdline of the server process (guards against pid reuse).
marker_of() {
  case "$1" in
    redis) echo "redis-server" ;;
    postgres) echo "postgres" ;;
    etcd) echo "etcd" ;;
    kafka) echo "kafka.Kafka" ;;
    neo4j) echo "Neo4jLauncher" ;;
    etcd-*) echo "etcd" ;;         # cluster profile members (cluster.sh)
    kafka-*) echo "kafka.Kafka" ;;
  esac
}

log_file() { echo "$LOG_DIR/$1.log"; }
pid_file() { echo "$RUN_DIR/$1.pid"; }

# Validates server names; prints the list to use (all when none given). Usage: mapfile -t S < <(parse_servers "$@")
parse_servers() {
  if [ "$#" -eq 0 ]; then
    printf '%s\n' "${ALL_SERVERS[@]}"
    return 0
  fi
  local s known ok
  for s in "$@"; do
    ok=0
    for known in "${ALL_SERVERS[@]}"; do [ "$s" = "$known" ] && ok=1; done
    if [ "$ok" -ne 1 ]; then
      log "infra: unknown server '$s' (known: ${ALL_SERVERS[*]})"
      return 2
    fi
    printf '%s\n' "$s"
  done
}

now_ms() { date +%s%3N; }
elapsed() { # start_ms -> "1.23s"
  local d=$(($(now_ms) - $1))
  printf '%d.%02ds' $((d / 1000)) $(((d % 1000) / 10))
}

port_open() { # port
  timeout 2 bash -c "exec 3<>/dev/tcp/$HOST/$1" 2>/dev/null
}

# Pid recorded for a server, if its process is alive and is the expected program; else empty + rc 1.
live_pid() {
  local f pid
  f="$(pid_file "$1")"
  [ -s "$f" ] || return 1
  pid="$(tr -dc '0-9' <"$f")"
  [ -n "$pid" ] || return 1
  proc_alive "$pid" || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$(marker_of "$1")" || return 1
  echo "$pid"
}

# True while the process exists and is not a zombie (an exited child that its new parent, after
# setsid, has not reaped yet still answers kill -0).
proc_alive() { # pid
  kill -0 "$1" 2>/dev/null || return 1
  local state
  state="$(sed -E 's/^[0-9]+ \(.*\) ([A-Za-z]).*/\1/' "/proc/$1/stat" 2>/dev/null)" || return 1
  [ -n "$state" ] && [ "$state" != Z ] && [ "$state" != X ]
}

is_running() { # name: our process alive and its port answers
  live_pid "$1" >/dev/null && port_open "$(port_of "$1")"
}

tail_log() { # name
  local f
  f="$(log_file "$1")"
  if [ -f "$f" ]; then
    log "----- last lines of $f -----"
    tail -n 25 "$f" >&2 || true
    log "-----"
  fi
}

die_server() { # name message...
  local name="$1"
  shift
  log "infra: $name: ERROR: $*"
  log "infra: $name: see log $(log_file "$name")"
  [ "$name" != neo4j ] || log "infra: $name: Neo4j's own log: $INFRA_DIR/neo4j/logs/debug.log"
  tail_log "$name"
  exit 1
}

# PostgreSQL refuses to run as root: as root we run it as the `postgres` system user, otherwise as
# ourselves.
pg_os_user() {
  if [ "$(id -u)" -eq 0 ]; then echo postgres; else id -un; fi
}

as_pg() { # command... (run as the postgres OS user, from / so it never lacks access to the cwd)
  if [ "$(id -u)" -eq 0 ]; then
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && "$@")
  fi
}

# Where PostgreSQL's data lives. Normally <root>/.infra/pg. When running as root and the `postgres`
# user cannot traverse <root>/.infra (e.g. a 0700 home directory above the repo), it falls back to
# /tmp/junction-infra-<12 hex of sha1(root)>/pg, which it can reach. Deterministic, so up/down/status
# agree.
pg_base() {
  if [ "$(id -u)" -eq 0 ] && id postgres >/dev/null 2>&1; then
    if ! (cd / && runuser -u postgres -- test -x "$INFRA_DIR") 2>/dev/null; then
      echo "/tmp/junction-infra-$(printf '%s' "$ROOT" | sha1sum | cut -c1-12)/pg"
      return 0
    fi
  fi
  echo "$INFRA_DIR/pg"
}

# Start a command detached (own session, stdin from /dev/null, output appended to the server's log,
# every other inherited descriptor closed so no caller's pipe or our lock stays open) and record its
# pid. The wrapper writes its own pid and then execs the command, so the pid file holds the
# server's pid exactly.
launch() { # name command...
  local name="$1"
  shift
  local pf lf _
  pf="$(pid_file "$name")"
  lf="$(log_file "$name")"
  rm -f "$pf"
  printf '===== %s: scripts/infra starting %s =====\n' "$(date '+%Y-%m-%dT%H:%M:%S%z')" "$name" >>"$lf"
  # shellcheck disable=SC2016  # $$ and $@ are for the inner shell
  setsid bash -c '
    for fd in $(ls /proc/$$/fd); do
      if [ "$fd" -gt 2 ]; then eval "exec $fd>&-" 2>/dev/null || true; fi
    done
    echo $$ > "$0"
    exec "$@"' "$pf" "$@" </dev/null >>"$lf" 2>&1 9>&- &
  for _ in $(seq 1 100); do
    [ -s "$pf" ] && return 0
    sleep 0.05
  done
  die_server "$name" "process did not start (no pid file $pf)"
}

# Writes .infra/env atomically.
write_env() {
  local tmp="$ENV_FILE.tmp.$$"
  cat >"$tmp" <<EOF
REDIS_URL=redis://$HOST:$REDIS_PORT
DATABASE_URL=postgres://$PG_USER:$PG_PASSWORD@$HOST:$PG_PORT/$PG_DB
ETCD_HOSTS=http://$HOST:$ETCD_PORT
KAFKA_BROKERS=$HOST:$KAFKA_PORT
NEO4J_URL=bolt://$HOST:$NEO4J_PORT
NEO4J_USER=$NEO4J_USER
NEO4J_PASSWORD=$NEO4J_PASSWORD
EOF
  mv -f "$tmp" "$ENV_FILE"
}

# Serialises up/down runs (e.g. parallel test jobs calling up.sh).
take_lock() {
  mkdir -p "$INFRA_DIR"
  exec 9>"$INFRA_DIR/.lock"
  if ! flock -w 900 9; then
    log "infra: another scripts/infra run holds $INFRA_DIR/.lock for too long"
    exit 1
  fi
}
