#!/usr/bin/env bash
# Install (if missing) and start real test servers on loopback, without Docker; idempotent.
#
#   scripts/infra/up.sh                      # all: redis postgres etcd kafka neo4j
#   scripts/infra/up.sh redis postgres       # a subset
#   scripts/infra/up.sh --cluster            # the cluster profile: 3 etcd members + 3 Kafka brokers (cluster.sh)
#
# Servers already running (pid file alive + port answering) are left alone. Each started server is
# waited for until it truly answers. On success writes <root>/.infra/env:
#   REDIS_URL, DATABASE_URL, ETCD_HOSTS, KAFKA_BROKERS, NEO4J_URL, NEO4J_USER, NEO4J_PASSWORD
#
#   redis     redis-server 7 (Debian)          127.0.0.1:16379  no persistence
#   postgres  PostgreSQL 15 (Debian)           127.0.0.1:15432  junction/junction db junction
#                                              (runs as the `postgres` OS user when we are root;
#                                              data in .infra/pg, or /tmp/junction-infra-<hash>/pg
#                                              if that user cannot traverse .infra)
#   etcd      etcd 3.4 (Debian etcd-server)    127.0.0.1:12379  peer 12380, --unsafe-no-fsync, compaction every 1 min
#   kafka     Kafka 3.9 KRaft (Maven Central)  127.0.0.1:19092  controller 19093
#   neo4j     Neo4j 5.26 embedded (Maven)      bolt://127.0.0.1:17687  neo4j/junction-dev
#
# Packages missing from the machine are installed with apt-get (needs root); jars are fetched with
# Maven (honours ~/.m2) into .infra/<server>/libs once. Data dirs are throwaway: down.sh wipes them.
# Logs: .infra/logs/<name>.log. Works from any cwd.
set -euo pipefail

# shellcheck source=lib.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)/lib.sh"

# The cluster profile (3 etcd members, 3 Kafka brokers) has its own script.
[ "${1:-}" != "--cluster" ] || exec bash "$INFRA_SCRIPT_DIR/cluster.sh" up
# --install-only: install packages and fetch jars for the named servers, start nothing (cluster.sh uses it).
INSTALL_ONLY=0
if [ "${1:-}" = "--install-only" ]; then
  INSTALL_ONLY=1
  shift
fi

parse_servers "$@" >/dev/null || exit 2
mapfile -t SERVERS < <(parse_servers "$@")

mkdir -p "$INFRA_DIR" "$LOG_DIR" "$RUN_DIR"
take_lock

# ---------------------------------------------------------------------------------------------
# Installation helpers

APT_UPDATED=0
apt_install() { # name packages...
  local name="$1"
  shift
  if [ "$(id -u)" -ne 0 ]; then
    die_server "$name" "missing packages and not root; install them first: apt-get install $*"
  fi
  log "infra: $name: installing Debian packages: $* (log: $LOG_DIR/apt.log)"
  if [ "$APT_UPDATED" -eq 0 ]; then
    apt-get update >>"$LOG_DIR/apt.log" 2>&1 || die_server "$name" "apt-get update failed (see $LOG_DIR/apt.log)"
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >>"$LOG_DIR/apt.log" 2>&1 ||
    die_server "$name" "apt-get install $* failed (see $LOG_DIR/apt.log)"
}

ensure_jdk_maven() { # name
  local pkgs=()
  command -v java >/dev/null 2>&1 && command -v javac >/dev/null 2>&1 || pkgs+=(openjdk-17-jdk-headless)
  command -v mvn >/dev/null 2>&1 || pkgs+=(maven)
  [ "${#pkgs[@]}" -eq 0 ] || apt_install "$1" "${pkgs[@]}"
}

# Copies the runtime classpath of scripts/infra/<name>/pom.xml into .infra/<name>/libs, unless an
# earlier run already did so for the same pom (stamp = sha1 of the pom).
fetch_jars() { # name
  local name="$1"
  local pom="$INFRA_SCRIPT_DIR/$name/pom.xml"
  local libs="$INFRA_DIR/$name/libs"
  local stamp want
  want="$(sha1sum "$pom" | cut -d' ' -f1)"
  stamp="$libs/.fetched-from-pom"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  log "infra: $name: fetching jars with Maven into $libs (first time only; log: $(log_file "$name"))"
  rm -rf "$libs"
  mkdir -p "$libs"
  printf '===== %s: mvn dependency:copy-dependencies =====\n' "$(date '+%Y-%m-%dT%H:%M:%S%z')" >>"$(log_file "$name")"
  if ! mvn -B -q -Dstyle.color=never -f "$pom" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$libs" >>"$(log_file "$name")" 2>&1; then
    rm -rf "$libs"
    die_server "$name" "Maven could not fetch the jars for $pom"
  fi
  echo "$want" >"$stamp"
}

# ---------------------------------------------------------------------------------------------
# Readiness

# Bytes in the server's log before this start, so readiness checks only look at new lines.
LOG_OFFSET=0
mark_log() { LOG_OFFSET=$(stat -c %s "$(log_file "$1")" 2>/dev/null || echo 0); }
# Offset of the last start header written by launch (for a server we find still starting).
mark_log_last_start() {
  LOG_OFFSET=$(grep -abF 'scripts/infra starting' "$(log_file "$1")" 2>/dev/null | tail -n 1 | cut -d: -f1)
  LOG_OFFSET=${LOG_OFFSET:-0}
}
log_since_start_has() { # name fixed-string
  tail -c +"$((LOG_OFFSET + 1))" "$(log_file "$1")" 2>/dev/null | grep -qF -- "$2"
}

# Polls ready_<name> until it succeeds; fails fast if the process died, or after the timeout.
wait_ready() { # name
  local name="$1"
  local timeout_var="START_TIMEOUT_$name"
  local timeout="${!timeout_var}"
  local deadline=$(($(date +%s) + timeout))
  while :; do
    if ! live_pid "$name" >/dev/null; then
      die_server "$name" "process exited during startup"
    fi
    if "ready_$name"; then
      return 0
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
      die_server "$name" "did not answer on $HOST:$(port_of "$name") within ${timeout}s (process $(live_pid "$name" || true) left running; scripts/infra/down.sh $name stops it)"
    fi
    sleep 0.3
  done
}

# ---------------------------------------------------------------------------------------------
# redis

install_redis() {
  if ! command -v redis-server >/dev/null 2>&1 || ! command -v redis-cli >/dev/null 2>&1; then
    apt_install redis redis-server redis-tools
  fi
}
start_redis() {
  mkdir -p "$INFRA_DIR/redis"
  launch redis redis-server \
    --bind "$HOST" --port "$REDIS_PORT" --protected-mode yes \
    --save '' --appendonly no --daemonize no \
    --dir "$INFRA_DIR/redis" --logfile '' --loglevel notice
}
ready_redis() {
  [ "$(redis-cli -h "$HOST" -p "$REDIS_PORT" ping 2>/dev/null)" = "PONG" ]
}
after_redis() { :; }

# ---------------------------------------------------------------------------------------------
# postgres

PG_BASE="$(pg_base)"
PG_DATA="$PG_BASE/data"
PG_SOCK="$PG_BASE/run"

install_postgres() {
  if [ ! -x "$PG_BIN/postgres" ] || [ ! -x "$PG_BIN/initdb" ] || [ ! -x "$PG_BIN/psql" ]; then
    apt_install postgres postgresql-15 postgresql-client-15
  fi
  if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    die_server postgres "system user 'postgres' does not exist (it comes with Debian's postgresql-common)"
  fi
}
start_postgres() {
  local owner
  owner="$(pg_os_user)"
  mkdir -p "$PG_BASE"
  if [ ! -s "$PG_DATA/PG_VERSION" ]; then
    rm -rf "$PG_DATA"
    mkdir -p "$PG_DATA"
    chown "$owner" "$PG_BASE" "$PG_DATA"
    chmod 700 "$PG_DATA"
    printf '===== %s: initdb %s =====\n' "$(date '+%Y-%m-%dT%H:%M:%S%z')" "$PG_DATA" >>"$(log_file postgres)"
    as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -E UTF8 --locale=C.UTF-8 \
      --auth-local=trust --auth-host=scram-sha-256 >>"$(log_file postgres)" 2>&1 ||
      die_server postgres "initdb failed in $PG_DATA"
  fi
  mkdir -p "$PG_SOCK"
  chown "$owner" "$PG_BASE" "$PG_SOCK"
  # Lock files left by a killed server (postmaster.pid, the socket's .lock) make postgres refuse to
  # start while the pid in them exists, which includes an unreaped zombie: drop them when that
  # process is gone or a zombie.
  local lockf old
  for lockf in "$PG_DATA/postmaster.pid" "$PG_SOCK/.s.PGSQL.$PG_PORT.lock"; do
    [ -f "$lockf" ] || continue
    old="$(head -n 1 "$lockf" | tr -dc '0-9')"
    if [ -n "$old" ] && proc_alive "$old"; then
      die_server postgres "an earlier postmaster (pid $old, see $lockf) still runs without answering on $HOST:$PG_PORT; stop it (kill -INT $old) and retry"
    fi
    rm -f "$lockf"
  done
  rm -f "$PG_SOCK/.s.PGSQL.$PG_PORT"
  local cmd=("$PG_BIN/postgres" -D "$PG_DATA"
    -c "port=$PG_PORT" -c "listen_addresses=$HOST" -c "unix_socket_directories=$PG_SOCK"
    -c fsync=off -c synchronous_commit=off -c full_page_writes=off
    -c max_connections=200 -c logging_collector=off)
  if [ "$(id -u)" -eq 0 ]; then
    # setpriv execs in place (unlike runuser), so the recorded pid is the postmaster's.
    (cd / && launch postgres setpriv --reuid=postgres --regid=postgres --init-groups -- "${cmd[@]}")
  else
    (cd / && launch postgres "${cmd[@]}")
  fi
}
ready_postgres() {
  "$PG_BIN/pg_isready" -q -h "$HOST" -p "$PG_PORT" 2>/dev/null
}
after_postgres() {
  # Role and database for the app (superuser: tests need CREATE and advisory locks). Idempotent.
  as_pg "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCK" -p "$PG_PORT" -U postgres -d postgres >>"$(log_file postgres)" 2>&1 <<SQL ||
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_USER') THEN
    CREATE ROLE $PG_USER LOGIN SUPERUSER PASSWORD '$PG_PASSWORD';
  END IF;
END
\$\$;
SELECT 'CREATE DATABASE $PG_DB OWNER $PG_USER' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$PG_DB')\gexec
SQL
    die_server postgres "could not create role/database '$PG_USER'/'$PG_DB'"
  local one
  one="$(PGPASSWORD="$PG_PASSWORD" PGCONNECT_TIMEOUT=5 "$PG_BIN/psql" -X -tA \
    "postgresql://$PG_USER@$HOST:$PG_PORT/$PG_DB" -c 'select 1' 2>>"$(log_file postgres)")" || true
  [ "$one" = "1" ] || die_server postgres "login as $PG_USER over TCP failed"
}

# ---------------------------------------------------------------------------------------------
# etcd

install_etcd() {
  local pkgs=()
  command -v etcd >/dev/null 2>&1 || pkgs+=(etcd-server)
  command -v etcdctl >/dev/null 2>&1 || pkgs+=(etcd-client)
  [ "${#pkgs[@]}" -eq 0 ] || apt_install etcd "${pkgs[@]}"
}
start_etcd() {
  mkdir -p "$INFRA_DIR/etcd"
  # etcd reads ETCD_* environment variables as flags: drop any (e.g. ETCD_HOSTS from .infra/env).
  local unset_env=() v
  for v in $(compgen -e); do
    case "$v" in ETCD_*) unset_env+=(-u "$v") ;; esac
  done
  launch etcd env "${unset_env[@]}" etcd \
    --name junction-test \
    --data-dir "$INFRA_DIR/etcd/data" \
    --listen-client-urls "http://$HOST:$ETCD_PORT" \
    --advertise-client-urls "http://$HOST:$ETCD_PORT" \
    --listen-peer-urls "http://$HOST:$ETCD_PEER_PORT" \
    --initial-advertise-peer-urls "http://$HOST:$ETCD_PEER_PORT" \
    --initial-cluster "junction-test=http://$HOST:$ETCD_PEER_PORT" \
    --initial-cluster-token junction-test \
    --initial-cluster-state new \
    --unsafe-no-fsync \
    --auto-compaction-mode=periodic --auto-compaction-retention=1m \
    --logger zap --log-outputs stderr
}
ready_etcd() {
  if command -v curl >/dev/null 2>&1; then
    curl -fsS --max-time 2 "http://$HOST:$ETCD_PORT/health" 2>/dev/null | grep -q '"health":"true"'
  else
    ETCDCTL_API=3 etcdctl --endpoints="$HOST:$ETCD_PORT" --command-timeout=2s endpoint health >/dev/null 2>&1
  fi
}
after_etcd() { :; }

# ---------------------------------------------------------------------------------------------
# kafka (KRaft, broker + controller in one JVM)

KAFKA_HOME="$INFRA_DIR/kafka"
KAFKA_LIBS="$KAFKA_HOME/libs"
KAFKA_PROPS="$KAFKA_HOME/server.properties"

install_kafka() {
  ensure_jdk_maven kafka
  fetch_jars kafka
}
kafka_tool() { # class args...
  java -Xmx256m -Dlog4j.configuration="file:$INFRA_SCRIPT_DIR/kafka/tools-log4j.properties" \
    -cp "$KAFKA_LIBS/*" "$@"
}
start_kafka() {
  mkdir -p "$KAFKA_HOME/data"
  cat >"$KAFKA_PROPS" <<EOF
# Generated by scripts/infra/up.sh on each start; single-node KRaft for tests.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$HOST:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://$HOST:$KAFKA_PORT,CONTROLLER://$HOST:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$HOST:$KAFKA_PORT
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$KAFKA_HOME/data
num.partitions=3
default.replication.factor=1
min.insync.replicas=1
auto.create.topics.enable=true
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
# Fewer internal partitions than the default 50: the first consumer group / transaction is faster.
offsets.topic.num.partitions=10
transaction.state.log.num.partitions=10
num.network.threads=2
num.io.threads=4
log.retention.hours=24
EOF
  if [ ! -f "$KAFKA_HOME/data/meta.properties" ]; then
    # Random cluster id: 16 random bytes, base64url without padding (Kafka's Uuid format).
    local cluster_id
    cluster_id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
    printf '===== %s: StorageTool format (cluster %s) =====\n' "$(date '+%Y-%m-%dT%H:%M:%S%z')" "$cluster_id" >>"$(log_file kafka)"
    kafka_tool kafka.tools.StorageTool format -t "$cluster_id" -c "$KAFKA_PROPS" --ignore-formatted \
      >>"$(log_file kafka)" 2>&1 || die_server kafka "kafka.tools.StorageTool format failed"
  fi
  launch kafka java -Xms256m -Xmx512m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true \
    -Dlog4j.configuration="file:$INFRA_SCRIPT_DIR/kafka/log4j.properties" \
    -Dkafka.log.file="$(log_file kafka)" \
    -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_PROPS"
}
ready_kafka() {
  port_open "$KAFKA_PORT" && log_since_start_has kafka "Kafka Server started" || return 1
  # The broker serves metadata requests: a real client round trip.
  timeout 60 java -Xmx256m -Dlog4j.configuration="file:$INFRA_SCRIPT_DIR/kafka/tools-log4j.properties" \
    -cp "$KAFKA_LIBS/*" org.apache.kafka.tools.TopicCommand \
    --bootstrap-server "$HOST:$KAFKA_PORT" --list >/dev/null 2>>"$(log_file kafka)"
}
after_kafka() { :; }

# ---------------------------------------------------------------------------------------------
# neo4j (embedded, driven by scripts/infra/neo4j/Neo4jLauncher.java)

NEO4J_HOME="$INFRA_DIR/neo4j"
NEO4J_LIBS="$NEO4J_HOME/libs"
NEO4J_CLASSES="$NEO4J_HOME/classes"

install_neo4j() {
  ensure_jdk_maven neo4j
  fetch_jars neo4j
  # Compiled with javac (the single-file source launcher does not take a wildcard classpath well);
  # recompiled when the source or the jars change.
  local src="$INFRA_SCRIPT_DIR/neo4j/Neo4jLauncher.java"
  local want
  want="$(cat "$src" "$NEO4J_LIBS/.fetched-from-pom" | sha1sum | cut -d' ' -f1)"
  if [ ! -f "$NEO4J_CLASSES/Neo4jLauncher.class" ] || [ "$(cat "$NEO4J_CLASSES/.stamp" 2>/dev/null)" != "$want" ]; then
    rm -rf "$NEO4J_CLASSES"
    mkdir -p "$NEO4J_CLASSES"
    javac -nowarn -cp "$NEO4J_LIBS/*" -d "$NEO4J_CLASSES" "$src" >>"$(log_file neo4j)" 2>&1 ||
      die_server neo4j "javac failed for $src"
    echo "$want" >"$NEO4J_CLASSES/.stamp"
  fi
}
start_neo4j() {
  mkdir -p "$NEO4J_HOME"
  launch neo4j java -Xms256m -Xmx768m -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError \
    -XX:-OmitStackTraceInFastThrow -Djava.awt.headless=true \
    --add-opens=java.base/java.nio=ALL-UNNAMED \
    --add-opens=java.base/java.io=ALL-UNNAMED \
    --add-opens=java.base/java.lang=ALL-UNNAMED \
    --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
    -Dio.netty.tryReflectionSetAccessible=true \
    -Djdk.nio.maxCachedBufferSize=1024 \
    -Dlog4j2.disable.jmx=true \
    -cp "$NEO4J_CLASSES:$NEO4J_LIBS/*" Neo4jLauncher \
    "$NEO4J_HOME" "$HOST" "$NEO4J_PORT" "$NEO4J_PASSWORD"
}
ready_neo4j() {
  # The launcher prints this once Bolt is bound, the password is set and the default db answers.
  log_since_start_has neo4j "JUNCTION-NEO4J-READY" && port_open "$NEO4J_PORT"
}
after_neo4j() { :; }

# ---------------------------------------------------------------------------------------------

up_one() { # name
  local name="$1"
  local port t0 pid
  port="$(port_of "$name")"
  t0="$(now_ms)"

  if pid="$(live_pid "$name")"; then
    if port_open "$port"; then
      "after_$name"
      printf 'infra: %-8s already running  pid %-7s %s:%s  (%s)\n' "$name" "$pid" "$HOST" "$port" "$(elapsed "$t0")"
      return 0
    fi
    # Ours but not answering yet (or hung): give it the usual start timeout.
    mark_log_last_start "$name"
    wait_ready "$name"
    "after_$name"
    printf 'infra: %-8s was starting, now up  pid %-7s %s:%s  (%s)\n' "$name" "$pid" "$HOST" "$port" "$(elapsed "$t0")"
    return 0
  fi

  rm -f "$(pid_file "$name")"
  if port_open "$port"; then
    log "infra: $name: ERROR: port $HOST:$port is already in use by a process not started by scripts/infra; stop it or free the port"
    exit 1
  fi

  "install_$name"
  mark_log "$name"
  "start_$name"
  wait_ready "$name"
  "after_$name"
  pid="$(live_pid "$name")"
  printf 'infra: %-8s started          pid %-7s %s:%s  (%s)\n' "$name" "$pid" "$HOST" "$port" "$(elapsed "$t0")"
}

if [ "$INSTALL_ONLY" -eq 1 ]; then
  for s in "${SERVERS[@]}"; do "install_$s"; done
  exit 0
fi

T_ALL="$(now_ms)"
for s in "${SERVERS[@]}"; do
  up_one "$s"
done
write_env
printf 'infra: up (%s) in %s; settings in %s\n' "${SERVERS[*]}" "$(elapsed "$T_ALL")" "$ENV_FILE"
