#!/usr/bin/env bash
# The cluster profile: a 3-member etcd cluster and a 3-broker KRaft Kafka on loopback, for the fault suite
# (`npm run test:faults`) and for trying Junction on replicated engines. Redis and PostgreSQL stay single: they come
# from the default profile (started here if they are not running).
#
#   scripts/infra/cluster.sh up        # install what is missing, start, wait for quorum, write .infra/cluster.env
#   scripts/infra/cluster.sh status    # one line per member; exit 0 only if all six run
#   scripts/infra/cluster.sh down      # stop the six members, wipe their data (--keep-data to keep it)
#   scripts/infra/cluster.sh kill <member>     # SIGKILL one member (fault injection: etcd-2, kafka-1, ...)
#   scripts/infra/cluster.sh start <member>    # start one stopped member again (keeps its data)
#   npm run infra:up -- --cluster      # the same as `up` (and infra:down / infra:status -- --cluster)
#
# Ports (shifted by INFRA_PORT_OFFSET like the default profile), all on 127.0.0.1:
#   etcd-1..3   clients 22379 22381 22383, peers one above each
#   kafka-1..3  brokers 29092 29093 29094, KRaft controllers 29192 29193 29194 (combined broker+controller nodes)
# Kafka runs with default.replication.factor=3 and min.insync.replicas=2, so a write acknowledged with acks=-1 is
# on at least two brokers, and one broker may die without losing it. .infra/cluster.env holds the connection
# settings (three etcd URLs, three brokers, KAFKA_REPLICATION_FACTOR=3, KAFKA_MIN_INSYNC_REPLICAS=2) plus the
# default profile's REDIS_URL and DATABASE_URL. Data: .infra/cluster/<member>; logs: .infra/logs/<member>.log.
set -euo pipefail

# shellcheck source=lib.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)/lib.sh"

CLUSTER_DIR="$INFRA_DIR/cluster"
CLUSTER_ENV="$INFRA_DIR/cluster.env"
KAFKA_LIBS="$INFRA_DIR/kafka/libs"
ETCD_MEMBERS=(etcd-1 etcd-2 etcd-3)
KAFKA_MEMBERS=(kafka-1 kafka-2 kafka-3)
MEMBERS=("${ETCD_MEMBERS[@]}" "${KAFKA_MEMBERS[@]}")

index_of() { echo "${1##*-}"; } # etcd-2 -> 2
etcd_client_port() { echo $((22379 + 2 * ($1 - 1) + INFRA_PORT_OFFSET)); }
etcd_peer_port() { echo $((22380 + 2 * ($1 - 1) + INFRA_PORT_OFFSET)); }
kafka_broker_port() { echo $((29092 + $1 - 1 + INFRA_PORT_OFFSET)); }
kafka_controller_port() { echo $((29192 + $1 - 1 + INFRA_PORT_OFFSET)); }
member_port() {
  case "$1" in
    etcd-*) etcd_client_port "$(index_of "$1")" ;;
    kafka-*) kafka_broker_port "$(index_of "$1")" ;;
  esac
}
is_member() {
  local m
  for m in "${MEMBERS[@]}"; do [ "$m" = "$1" ] && return 0; done
  return 1
}

joined() { # separator items...
  local sep="$1" out="" item
  shift
  for item in "$@"; do out="${out:+$out$sep}$item"; done
  echo "$out"
}
etcd_initial_cluster() {
  local parts=() i
  for i in 1 2 3; do parts+=("etcd-$i=http://$HOST:$(etcd_peer_port "$i")"); done
  joined , "${parts[@]}"
}
etcd_client_urls() {
  local parts=() i
  for i in 1 2 3; do parts+=("http://$HOST:$(etcd_client_port "$i")"); done
  joined , "${parts[@]}"
}
kafka_brokers() {
  local parts=() i
  for i in 1 2 3; do parts+=("$HOST:$(kafka_broker_port "$i")"); done
  joined , "${parts[@]}"
}
kafka_voters() {
  local parts=() i
  for i in 1 2 3; do parts+=("$i@$HOST:$(kafka_controller_port "$i")"); done
  joined , "${parts[@]}"
}

# ---------------------------------------------------------------------------------------------
# etcd members

start_etcd_member() { # etcd-N
  local name="$1" i state=new
  i="$(index_of "$name")"
  mkdir -p "$CLUSTER_DIR/$name"
  # A member restarted after a kill rejoins with its data; the flag is ignored when a data dir exists.
  [ -d "$CLUSTER_DIR/$name/data/member" ] && state=existing
  local unset_env=() v
  for v in $(compgen -e); do
    case "$v" in ETCD_*) unset_env+=(-u "$v") ;; esac
  done
  launch "$name" env "${unset_env[@]}" etcd \
    --name "$name" \
    --data-dir "$CLUSTER_DIR/$name/data" \
    --listen-client-urls "http://$HOST:$(etcd_client_port "$i")" \
    --advertise-client-urls "http://$HOST:$(etcd_client_port "$i")" \
    --listen-peer-urls "http://$HOST:$(etcd_peer_port "$i")" \
    --initial-advertise-peer-urls "http://$HOST:$(etcd_peer_port "$i")" \
    --initial-cluster "$(etcd_initial_cluster)" \
    --initial-cluster-token junction-cluster \
    --initial-cluster-state "$state" \
    --unsafe-no-fsync \
    --auto-compaction-mode=periodic --auto-compaction-retention=1m \
    --logger zap --log-outputs stderr
}
ready_etcd_member() { # etcd-N: healthy means this member sees a leader of the quorum
  curl -fsS --max-time 2 "http://$HOST:$(member_port "$1")/health" 2>/dev/null | grep -q '"health":"true"'
}

# ---------------------------------------------------------------------------------------------
# kafka members (combined broker + controller, three KRaft voters)

kafka_props() { echo "$CLUSTER_DIR/$1/server.properties"; }
start_kafka_member() { # kafka-N
  local name="$1" i props
  i="$(index_of "$name")"
  props="$(kafka_props "$name")"
  mkdir -p "$CLUSTER_DIR/$name/data"
  cat >"$props" <<EOF
# Generated by scripts/infra/cluster.sh on each start: member $i of a 3-node KRaft cluster for the fault suite.
process.roles=broker,controller
node.id=$i
controller.quorum.voters=$(kafka_voters)
listeners=PLAINTEXT://$HOST:$(kafka_broker_port "$i"),CONTROLLER://$HOST:$(kafka_controller_port "$i")
advertised.listeners=PLAINTEXT://$HOST:$(kafka_broker_port "$i")
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$CLUSTER_DIR/$name/data
num.partitions=3
default.replication.factor=3
min.insync.replicas=2
auto.create.topics.enable=false
unclean.leader.election.enable=false
offsets.topic.replication.factor=3
transaction.state.log.replication.factor=3
transaction.state.log.min.isr=2
group.initial.rebalance.delay.ms=0
offsets.topic.num.partitions=10
transaction.state.log.num.partitions=10
num.network.threads=2
num.io.threads=2
log.retention.hours=24
# A killed broker is noticed within seconds, so leadership moves quickly in the fault scenarios.
broker.session.timeout.ms=6000
broker.heartbeat.interval.ms=1000
EOF
  if [ ! -f "$CLUSTER_DIR/$name/data/meta.properties" ]; then
    kafka_tool kafka.tools.StorageTool format -t "$(cat "$CLUSTER_DIR/kafka-cluster-id")" -c "$props" --ignore-formatted \
      >>"$(log_file "$name")" 2>&1 || die_server "$name" "kafka.tools.StorageTool format failed"
  fi
  launch "$name" java -Xms128m -Xmx384m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true \
    -Dlog4j.configuration="file:$INFRA_SCRIPT_DIR/kafka/log4j.properties" \
    -Dkafka.log.file="$(log_file "$name")" \
    -cp "$KAFKA_LIBS/*" kafka.Kafka "$props"
}
kafka_tool() { # class args...
  java -Xmx256m -Dlog4j.configuration="file:$INFRA_SCRIPT_DIR/kafka/tools-log4j.properties" -cp "$KAFKA_LIBS/*" "$@"
}
ready_kafka_member() { # kafka-N: the broker has started and answers a metadata round trip
  port_open "$(member_port "$1")" && log_since_start_has "$1" "Kafka Server started"
}
# All three brokers registered: a topic with replication factor 3 can be created.
kafka_cluster_ready() {
  local out
  out="$(timeout 60 java -Xmx256m -Dlog4j.configuration="file:$INFRA_SCRIPT_DIR/kafka/tools-log4j.properties" -cp "$KAFKA_LIBS/*" \
    kafka.admin.BrokerApiVersionsCommand --bootstrap-server "$(kafka_brokers)" 2>/dev/null)" || return 1
  [ "$(grep -c ' (id: [0-9]* rack' <<<"$out")" -ge 3 ]
}

# ---------------------------------------------------------------------------------------------

# Offsets into each member's log before its start, so readiness only looks at new lines.
declare -A OFFSETS=()
log_since_start_has() { # member fixed-string
  # Not grep -q: its early exit would fail tail with SIGPIPE under pipefail.
  tail -c +"$((${OFFSETS[$1]:-0} + 1))" "$(log_file "$1")" 2>/dev/null | grep -F -- "$2" >/dev/null
}

start_member() { # member
  local name="$1"
  if live_pid "$name" >/dev/null; then
    # Already running: readiness is checked from the last start header of its log.
    OFFSETS[$name]=$(grep -abF 'scripts/infra starting' "$(log_file "$name")" 2>/dev/null | tail -n 1 | cut -d: -f1)
    return 0
  fi
  if port_open "$(member_port "$name")"; then
    log "infra: $name: ERROR: port $HOST:$(member_port "$name") is in use by a process not started by scripts/infra"
    exit 1
  fi
  OFFSETS[$name]=$(stat -c %s "$(log_file "$name")" 2>/dev/null || echo 0)
  case "$name" in
    etcd-*) start_etcd_member "$name" ;;
    kafka-*) start_kafka_member "$name" ;;
  esac
}

wait_member() { # member timeout-seconds
  local name="$1" deadline=$(($(date +%s) + $2))
  until case "$name" in etcd-*) ready_etcd_member "$name" ;; kafka-*) ready_kafka_member "$name" ;; esac do
    live_pid "$name" >/dev/null || die_server "$name" "process exited during startup"
    [ "$(date +%s)" -lt "$deadline" ] || die_server "$name" "not ready within $2 s"
    sleep 0.3
  done
}

write_cluster_env() {
  local tmp="$CLUSTER_ENV.tmp.$$"
  cat >"$tmp" <<EOF
REDIS_URL=redis://$HOST:$REDIS_PORT
DATABASE_URL=postgres://$PG_USER:$PG_PASSWORD@$HOST:$PG_PORT/$PG_DB
ETCD_HOSTS=$(etcd_client_urls)
KAFKA_BROKERS=$(kafka_brokers)
KAFKA_REPLICATION_FACTOR=3
KAFKA_MIN_INSYNC_REPLICAS=2
EOF
  mv -f "$tmp" "$CLUSTER_ENV"
}

cmd_up() {
  local t0 m
  t0="$(now_ms)"
  # Redis and PostgreSQL: the default profile's single servers.
  bash "$INFRA_SCRIPT_DIR/up.sh" redis postgres
  # up.sh installs etcd and fetches the Kafka jars for the default profile; the members use the same binaries.
  command -v etcd >/dev/null 2>&1 && [ -f "$KAFKA_LIBS/.fetched-from-pom" ] || bash "$INFRA_SCRIPT_DIR/up.sh" --install-only etcd kafka
  take_lock
  mkdir -p "$CLUSTER_DIR" "$LOG_DIR" "$RUN_DIR"
  if [ ! -s "$CLUSTER_DIR/kafka-cluster-id" ]; then
    head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n' >"$CLUSTER_DIR/kafka-cluster-id"
  fi
  # All members at once: a quorum forms only when a majority runs.
  for m in "${MEMBERS[@]}"; do start_member "$m"; done
  for m in "${ETCD_MEMBERS[@]}"; do wait_member "$m" "${START_TIMEOUT_etcd}"; done
  for m in "${KAFKA_MEMBERS[@]}"; do wait_member "$m" "${START_TIMEOUT_kafka}"; done
  local deadline=$(($(date +%s) + START_TIMEOUT_kafka))
  until kafka_cluster_ready; do
    [ "$(date +%s)" -lt "$deadline" ] || die_server kafka-1 "the three brokers did not all register within ${START_TIMEOUT_kafka}s"
    sleep 1
  done
  write_cluster_env
  for m in "${MEMBERS[@]}"; do printf 'infra: %-8s running  pid %-7s %s:%s\n' "$m" "$(live_pid "$m")" "$HOST" "$(member_port "$m")"; done
  printf 'infra: cluster up (3 etcd members, 3 Kafka brokers) in %s; settings in %s\n' "$(elapsed "$t0")" "$CLUSTER_ENV"
}

stop_members() { # signal members...
  local sig="$1" m pid
  shift
  declare -A pids=()
  for m in "$@"; do
    if pid="$(live_pid "$m")"; then
      pids[$m]="$pid"
      kill -s "$sig" "$pid" 2>/dev/null || true
    fi
  done
  for m in "${!pids[@]}"; do
    local deadline=$(($(date +%s) + 30))
    while proc_alive "${pids[$m]}"; do
      if [ "$(date +%s)" -ge "$deadline" ]; then kill -s KILL "${pids[$m]}" 2>/dev/null || true; break; fi
      sleep 0.2
    done
    rm -f "$(pid_file "$m")"
    printf 'infra: %-8s stopped (pid %s, SIG%s)\n' "$m" "${pids[$m]}" "$sig"
  done
}

cmd_down() {
  take_lock
  stop_members TERM "${MEMBERS[@]}"
  if [ "${1:-}" != "--keep-data" ]; then
    case "$CLUSTER_DIR" in "$INFRA_DIR"/cluster) rm -rf -- "$CLUSTER_DIR" ;; esac
    rm -f "$CLUSTER_ENV"
    echo "infra: cluster data wiped"
  fi
}

cmd_status() {
  local rc=0 m pid
  for m in "${MEMBERS[@]}"; do
    if pid="$(live_pid "$m")" && port_open "$(member_port "$m")"; then
      printf '%-8s running  %s:%-5s pid %s\n' "$m" "$HOST" "$(member_port "$m")" "$pid"
    else
      printf '%-8s stopped  %s:%-5s\n' "$m" "$HOST" "$(member_port "$m")"
      rc=1
    fi
  done
  return "$rc"
}

case "${1:-}" in
  up) cmd_up ;;
  down) shift; cmd_down "$@" ;;
  status) cmd_status ;;
  kill)
    is_member "${2:-}" || { log "infra: kill needs a member: ${MEMBERS[*]}"; exit 2; }
    stop_members KILL "$2"
    ;;
  start)
    is_member "${2:-}" || { log "infra: start needs a member: ${MEMBERS[*]}"; exit 2; }
    take_lock
    start_member "$2"
    case "$2" in etcd-*) wait_member "$2" "$START_TIMEOUT_etcd" ;; kafka-*) wait_member "$2" "$START_TIMEOUT_kafka" ;; esac
    printf 'infra: %-8s started  pid %s\n' "$2" "$(live_pid "$2")"
    ;;
  *) sed -n '2,19p' "${BASH_SOURCE[0]}"; exit 2 ;;
esac
