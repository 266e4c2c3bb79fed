#!/usr/bin/env bash
# Tracing benchmark (issue 20): the decision path at a fixed 300/s and at saturation with tracing off, then,
# in the same run on the same domain and database, with tracing on (Payara's MicroProfile Telemetry, every
# trace recorded, OTLP/HTTP protobuf export in batches to otlp-sink.cjs on this machine); ROUNDS pairs of
# them, off and on alternated, so each pair shares the machine's hour. The load is decision-load.cjs, as in
# decision-benchmark.sh. Each mode starts from a restarted server and is warmed up (ramped) before it is
# measured. Run it alone on the machine:
#   flock /tmp/mandate-payara.lock src/test/benchmark/tracing-benchmark.sh
# Settings: RATE (300) for SECONDS (60), RATE_MAX (1000: above what the machine decides, so the achieved rate is
# the throughput) for MAX_SECONDS (60), WARMUP_SECONDS (60), CONNECTIONS (64), HTTP_THREADS (5), AGENTS (16),
# ROUNDS (2).
# SHORT=1: 20 s phases, to see that it works. Results: src/test/target/tracing-benchmark.jsonl and stdout.
set -euo pipefail
cd "$(dirname "$0")/../../.."
if [ "${SHORT:-0}" = 1 ]; then
  : "${SECONDS_AT_RATE:=20}" "${MAX_SECONDS:=20}" "${WARMUP_SECONDS:=20}"
fi
RATE=${RATE:-300} SECONDS_AT_RATE=${SECONDS_AT_RATE:-60} RATE_MAX=${RATE_MAX:-1000} MAX_SECONDS=${MAX_SECONDS:-60}
WARMUP_SECONDS=${WARMUP_SECONDS:-60} CONNECTIONS=${CONNECTIONS:-64} AGENTS=${AGENTS:-16} ROUNDS=${ROUNDS:-2}
B=http://127.0.0.1:28080
OUT=src/test/target/tracing-benchmark.jsonl
SINK_PORT=28318
SINK_COUNTS=src/test/target/otlp-sink-counts.json
PAYARA=src/test/target/payara/payara6
ASADMIN="$PAYARA/bin/asadmin --port 28048"

MANDATE_OTEL_ENDPOINT= MANDATE_ALERTS_SECONDS=60 MANDATE_JOBS_HEARTBEAT_SECONDS=30 MANDATE_JVM_XMX=512m MANDATE_CONFIG_CACHE_SECONDS=60 MANDATE_HOUSEKEEPING_SECONDS=600 src/test/dev-it.sh up
node src/test/benchmark/otlp-sink.cjs $SINK_PORT $SINK_COUNTS &
SINK=$!
trap 'kill $SINK 2>/dev/null || true; $ASADMIN delete-system-property otel.sdk.disabled >/dev/null 2>&1 || true;
  $ASADMIN undeploy mandate >/dev/null 2>&1 || true; src/test/dev-it.sh down' EXIT
# as decision-benchmark.sh: the production heap, HTTP_THREADS workers
$ASADMIN delete-jvm-options -Xmx512m >/dev/null 2>&1 || true
$ASADMIN create-jvm-options -Xmx1g:-Xms1g >/dev/null 2>&1 || true
POOL=configs.config.server-config.thread-pools.thread-pool.http-thread-pool
$ASADMIN set "$POOL.max-thread-pool-size=${HTTP_THREADS:-5}" "$POOL.min-thread-pool-size=${HTTP_THREADS:-5}" >/dev/null
# the settings of the traced run, all but the switch itself (read when Mandate is deployed or the server starts)
$ASADMIN create-system-properties "otel.sdk.disabled=true:otel.traces.exporter=otlp:otel.exporter.otlp.protocol=http/protobuf:otel.exporter.otlp.endpoint=http\://127.0.0.1\:$SINK_PORT:otel.traces.sampler=parentbased_always_on:otel.service.name=mandate:otel.logs.exporter=none:otel.metrics.exporter=none" >/dev/null
$ASADMIN restart-domain --domaindir $PAYARA/glassfish/domains mandate-it >/dev/null
./mvnw -q -B -o -Dspotless.skip -pl ejb,batch,web,scim,ear clean && ./mvnw -q -B -o install -Dspotless.skip -Dmaven.test.skip=true -pl ear -am
$ASADMIN deploy --force --name mandate ear/target/mandate.ear >/dev/null
ready() { until curl -fsS $B/health/ready 2>/dev/null | grep -q '"name":"mandate"'; do sleep 1; done; }
ready

eval "$(src/test/benchmark/bench-tenant.sh "$AGENTS")"   # sets tenant and agents

load() { node src/test/benchmark/decision-load.cjs $B $agents "$@"; }
measure() { # mode
  load $((RATE / 3)) 20 "$CONNECTIONS" "$1-warmup-1" >/dev/null
  load $((RATE * 2 / 3)) 20 "$CONNECTIONS" "$1-warmup-2" >/dev/null
  load "$RATE" "$WARMUP_SECONDS" "$CONNECTIONS" "$1-warmup-3" >/dev/null
  load "$RATE" "$SECONDS_AT_RATE" "$CONNECTIONS" "$1-rate-$RATE" | tee -a $OUT
  load "$RATE_MAX" "$MAX_SECONDS" "$CONNECTIONS" "$1-max" | tee -a $OUT
}
field() { sed -n "s/^[^[]*\"$2\":\([0-9.]*\).*/\1/p" <<<"$1"; }   # the run's figure, not a window's

switch() { # true|false: otel.sdk.disabled, read when the server starts
  $ASADMIN create-system-properties "otel.sdk.disabled=$1" >/dev/null
  $ASADMIN restart-domain --domaindir $PAYARA/glassfish/domains mandate-it >/dev/null
  ready
}
ratios=()
for round in $(seq 1 "$ROUNDS"); do
  [ "$round" = 1 ] || switch true
  measure "tracing-off-$round"
  off_rate=$(grep "\"label\":\"tracing-off-$round-rate-" $OUT | tail -1) off_max=$(grep "\"label\":\"tracing-off-$round-max\"" $OUT | tail -1)
  exported_off=$(cat $SINK_COUNTS)
  switch false
  measure "tracing-on-$round"
  on_rate=$(grep "\"label\":\"tracing-on-$round-rate-" $OUT | tail -1) on_max=$(grep "\"label\":\"tracing-on-$round-max\"" $OUT | tail -1)
  sleep 6   # the last batch of spans
  exported_on=$(cat $SINK_COUNTS)
  ratio=$(awk -v a="$(field "$on_max" achievedPerSecond)" -v b="$(field "$off_max" achievedPerSecond)" 'BEGIN { printf "%.3f", a / b }')
  ratios+=("$ratio")
  echo "round $round: spans exported before tracing on $exported_off, after $exported_on"
  echo "round $round: p99 at $RATE/s: off $(field "$off_rate" p99ms) ms, on $(field "$on_rate" p99ms) ms;" \
    "p50: off $(field "$off_rate" p50ms) ms, on $(field "$on_rate" p50ms) ms"
  echo "round $round: throughput (asked $RATE_MAX/s): off $(field "$off_max" achievedPerSecond)/s," \
    "on $(field "$on_max" achievedPerSecond)/s, on/off = $ratio"
done
echo "on/off per round: ${ratios[*]}"
