#!/usr/bin/env bash
# Run a Kafka command-line tool class with the jars that up.sh fetched (.infra/kafka/libs).
#
#   scripts/infra/kafka-tool.sh org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:19092 --list
#   scripts/infra/kafka-tool.sh kafka.tools.ConsoleProducer --bootstrap-server 127.0.0.1:19092 --topic t
#   scripts/infra/kafka-tool.sh org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server 127.0.0.1:19092 --topic t --from-beginning
set -euo pipefail

# shellcheck source=lib.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)/lib.sh"

if [ "$#" -lt 1 ]; then
  sed -n '2,6p' "${BASH_SOURCE[0]}" >&2
  exit 2
fi
if [ ! -f "$INFRA_DIR/kafka/libs/.fetched-from-pom" ]; then
  log "infra: kafka jars not fetched yet; run scripts/infra/up.sh kafka first"
  exit 1
fi
exec java -Xmx256m -Dlog4j.configuration="file:$INFRA_SCRIPT_DIR/kafka/tools-log4j.properties" \
  -cp "$INFRA_DIR/kafka/libs/*" "$@"
