#!/bin/bash
# One-shot: creates Uplink's topics (names from io.uplink.contracts.Topics, checked by
# DockerComposeConsistencyTest) and their dead-letter topics. Safe to run again.
set -euo pipefail
for topic in ${UPLINK_TOPICS}; do
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server "${KAFKA_BOOTSTRAP}" --create --if-not-exists \
    --topic "${topic}" --partitions "${UPLINK_TOPIC_PARTITIONS}" --replication-factor 1
done
/opt/kafka/bin/kafka-topics.sh --bootstrap-server "${KAFKA_BOOTSTRAP}" --list
