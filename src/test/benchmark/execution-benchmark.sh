#!/usr/bin/env bash
# Execution benchmark (issue "Execution through the tool proxy"): the decision path with and without an
# execution, in one run, on the test domain (PostgreSQL, synchronous_commit=on), against a local no-op
# tool (noop-tool.cjs), load generator included (decision-load.cjs: open model, latency from the scheduled
# arrival). Measured, in order after a ramped warm-up: decision only (action update, no connector) at
# RATE_LOW; then, after 20 s of executed calls not measured, an executed call (action execute: decision,
# outbox row, the call, its recorded outcome and
# audit record) at RATE_LOW; a read served from the cache (action lookup, the same arguments) at
# RATE_LOW; executed calls at RATE_HIGH for HIGH_SECONDS. Every executed answer must carry
# "status":"SUCCEEDED" (counted as unexpected otherwise). Run it alone on the machine:
#   flock /tmp/mandate-payara.lock src/test/benchmark/execution-benchmark.sh
# Settings: RATE_LOW (300) for LOW_SECONDS (60), RATE_HIGH (500) for HIGH_SECONDS (120), CONNECTIONS (64),
# HTTP_THREADS (5), AGENTS (16). Results: src/test/target/execution-benchmark.jsonl and stdout.
set -euo pipefail
cd "$(dirname "$0")/../../.."
RATE_LOW=${RATE_LOW:-300} LOW_SECONDS=${LOW_SECONDS:-60}
RATE_HIGH=${RATE_HIGH:-500} HIGH_SECONDS=${HIGH_SECONDS:-120}
CONNECTIONS=${CONNECTIONS:-64} AGENTS=${AGENTS:-16}
B=http://127.0.0.1:28080
TOOL_PORT=${TOOL_PORT:-28090}
OUT=src/test/target/execution-benchmark.jsonl
ASADMIN="src/test/target/payara/payara6/bin/asadmin --port 28048"

# untraced; Payara's 512m, replaced by production's heap below
MANDATE_OTEL_ENDPOINT= MANDATE_ALERTS_SECONDS=60 MANDATE_JOBS_HEARTBEAT_SECONDS=30 MANDATE_JVM_XMX=512m MANDATE_CONFIG_CACHE_SECONDS=60 MANDATE_HOUSEKEEPING_SECONDS=600 MANDATE_EXECUTION_CLAIMERS=1 src/test/dev-it.sh up
node src/test/benchmark/noop-tool.cjs "$TOOL_PORT" &
TOOL_PID=$!
trap 'kill $TOOL_PID 2>/dev/null || true; $ASADMIN undeploy mandate >/dev/null 2>&1 || true; src/test/dev-it.sh down' EXIT
$ASADMIN delete-jvm-options -Xmx512m >/dev/null 2>&1 || true
$ASADMIN create-jvm-options -Xmx1g:-Xms1g >/dev/null 2>&1 || true
POOL=configs.config.server-config.thread-pools.thread-pool.http-thread-pool
$ASADMIN set "$POOL.max-thread-pool-size=${HTTP_THREADS:-5}" "$POOL.min-thread-pool-size=${HTTP_THREADS:-5}" >/dev/null
$ASADMIN restart-domain --domaindir src/test/target/payara/payara6/glassfish/domains mandate-it >/dev/null
./mvnw -q -B -o -Dspotless.skip -pl ejb,batch,web,scim,ear clean && ./mvnw -q -B -o install -Dspotless.skip -Dmaven.test.skip=true -pl ear -am
$ASADMIN deploy --force --name mandate ear/target/mandate.ear >/dev/null
until curl -fsS $B/health/ready 2>/dev/null | grep -q '"name":"mandate"'; do sleep 1; done
echo "synchronous_commit=$(psql -h 127.0.0.1 -U postgres -d mandate_it -tAc 'show synchronous_commit')"

eval "$(TOOL_URL=http://127.0.0.1:$TOOL_PORT src/test/benchmark/bench-tenant.sh "$AGENTS")"   # sets tenant and agents

load() { node src/test/benchmark/decision-load.cjs $B $agents "$@" | tee -a $OUT; }
quiet() { load "$@" >/dev/null; }
# warm-up of every path, ramped (a cold server compiles on the same two cores)
for action in update execute lookup; do
  ACTION=$action quiet $((RATE_LOW / 3)) 20 "$CONNECTIONS" "warmup-$action-1"
  ACTION=$action quiet $((RATE_LOW * 2 / 3)) 20 "$CONNECTIONS" "warmup-$action-2"
done
ACTION=execute quiet "$RATE_LOW" 60 "$CONNECTIONS" warmup-execute-3
ACTION=update quiet "$RATE_LOW" 30 "$CONNECTIONS" warmup-update-3
# what autovacuum would have done after the warm-up's inserts (it is off on this machine's PostgreSQL):
# without statistics the planner's choices are guesses, and measured figures would be of those guesses
psql -q -h 127.0.0.1 -U postgres -d mandate_it -c 'vacuum analyze'
ACTION=update load "$RATE_LOW" "$LOW_SECONDS" "$CONNECTIONS" "decision-only-$RATE_LOW"
# the executed path again for 20 s: after the decision-only minute without one executed call, its first
# 10 s measured the JIT compiling it anew (C2's thread at 10% of the machine in them, under 5% after)
ACTION=execute quiet "$RATE_LOW" 20 "$CONNECTIONS" warmup-execute-4
ACTION=execute EXPECT='"status":"SUCCEEDED"' load "$RATE_LOW" "$LOW_SECONDS" "$CONNECTIONS" "executed-$RATE_LOW"
ACTION=lookup FIXED_ARGS=1 EXPECT='"cacheHit":true' load "$RATE_LOW" "$LOW_SECONDS" "$CONNECTIONS" "cache-hit-$RATE_LOW"
ACTION=execute EXPECT='"status":"SUCCEEDED"' load "$RATE_HIGH" "$HIGH_SECONDS" "$CONNECTIONS" "executed-$RATE_HIGH"
psql -h 127.0.0.1 -U postgres -d mandate_it -tAc \
  "select status, count(*) from execution where tenant_id = '$tenant' group by status order by status"
# how often an audit append found its chain's head where this server predicted it (one request saved)
SCRAPER=${MANDATE_METRICS_SCRAPER:-metrics-scraper:scrape-only-in-tests}
curl -s -u "$SCRAPER" "$B/metrics?scope=application" >/dev/null
curl -s -u "$SCRAPER" "$B/metrics?scope=application" | grep 'audit.chain-heads' || true
