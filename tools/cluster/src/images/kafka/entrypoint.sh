#!/bin/sh
# Entrypoint of localhost/cqrs/kafka (tools/cluster/src/images/kafka-image.ts): one KRaft node,
# broker and controller in one JVM.
#
# server.properties = server.defaults.properties, then one line per KAFKA_CFG_<NAME> variable:
# <NAME> in lower case with `_` as `.` (KAFKA_CFG_ADVERTISED_LISTENERS -> advertised.listeners);
# a later line wins. The (first) log directory is formatted when it has no meta.properties yet,
# with KAFKA_CLUSTER_ID or else a random id, and kept as it is after that. Kafka then replaces
# this shell (exec), so SIGTERM reaches the broker.
set -eu
home=/opt/kafka
config_dir=${KAFKA_CONFIG_DIR:-/tmp/kafka}
config=$config_dir/server.properties
mkdir -p "$config_dir"
{
  cat "$home/config/server.defaults.properties"
  env | grep '^KAFKA_CFG_' | while IFS='=' read -r name value; do
    key=$(printf '%s' "${name#KAFKA_CFG_}" | tr 'A-Z_' 'a-z.')
    printf '%s=%s\n' "$key" "$value"
  done
} >"$config"

classpath="$home/libs/*"
log4j="-Dlog4j.configuration=file:$home/config/log4j.properties"
log_dirs=$(sed -n 's/^log\.dirs=//p' "$config" | tail -n 1)
if [ ! -f "${log_dirs%%,*}/meta.properties" ]; then
  cluster_id=${KAFKA_CLUSTER_ID:-$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | cut -c 1-22)}
  java "$log4j" -cp "$classpath" kafka.tools.StorageTool format -t "$cluster_id" -c "$config"
fi

# shellcheck disable=SC2086 # KAFKA_HEAP_OPTS is a list of JVM options
exec java ${KAFKA_HEAP_OPTS:--Xms512m -Xmx512m} -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
  -Djava.awt.headless=true "$log4j" -cp "$classpath" kafka.Kafka "$config"
