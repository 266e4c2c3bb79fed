#!/usr/bin/env bash
# Decision-path benchmark (issue 3): deploys the EAR on the test domain (PostgreSQL, synchronous_commit=on),
# drives POST /api/v1/envelopes at fixed arrival rates (decision-load.cjs, Node's own http module: evenly
# spaced arrivals, latency from the scheduled arrival), then runs pgbench with the SQL one decision runs at
# the same concurrency. MP Config is cached as Payara does by default (the tests turn that off). Run it
# alone on the machine:
#   flock /tmp/mandate-payara.lock src/test/benchmark/decision-benchmark.sh
# Settings: RATE_LOW (300) for LOW_SECONDS (60), RATE_HIGH (1000) for HIGH_SECONDS (120), CONNECTIONS (64), HTTP_THREADS (5),
# AGENTS (16), RATE_RULE (false: true adds a never-firing rate rule, so every decision reads its counters). Results: src/test/target/decision-benchmark.jsonl and stdout.
set -euo pipefail
cd "$(dirname "$0")/../../.."
RATE_LOW=${RATE_LOW:-300} LOW_SECONDS=${LOW_SECONDS:-60}
RATE_HIGH=${RATE_HIGH:-1000} HIGH_SECONDS=${HIGH_SECONDS:-120}
CONNECTIONS=${CONNECTIONS:-64} AGENTS=${AGENTS:-16}
B=http://127.0.0.1:28080
OUT=src/test/target/decision-benchmark.jsonl
WARMUP_SECONDS=${WARMUP_SECONDS:-90}
ASADMIN="src/test/target/payara/payara6/bin/asadmin --port 28048"

# untraced; Payara's 512m, replaced by production's heap below
MANDATE_OTEL_ENDPOINT= MANDATE_ALERTS_SECONDS=60 MANDATE_JOBS_HEARTBEAT_SECONDS=30 MANDATE_JVM_XMX=512m MANDATE_CONFIG_CACHE_SECONDS=60 MANDATE_HOUSEKEEPING_SECONDS=600 src/test/dev-it.sh up
# undeploy before stopping: the next start finds no Mandate to start before its own deployment
trap '$ASADMIN undeploy mandate >/dev/null 2>&1 || true; src/test/dev-it.sh down' EXIT
# the heap production gets (server-config/asadmin/30-jvm.asadmin), not Payara's default 512 MB
$ASADMIN delete-jvm-options -Xmx512m >/dev/null 2>&1 || true
$ASADMIN create-jvm-options -Xmx1g:-Xms1g >/dev/null 2>&1 || true
# HTTP workers: Payara's default of 5 unless HTTP_THREADS says otherwise; always set, because the test
# domain is reused and keeps what an earlier run set (16 workers: same throughput, worse latency)
POOL=configs.config.server-config.thread-pools.thread-pool.http-thread-pool
$ASADMIN set "$POOL.max-thread-pool-size=${HTTP_THREADS:-5}" "$POOL.min-thread-pool-size=${HTTP_THREADS:-5}" >/dev/null
$ASADMIN restart-domain --domaindir src/test/target/payara/payara6/glassfish/domains mandate-it >/dev/null
./mvnw -q -B -o -Dspotless.skip -pl ejb,batch,web,scim,ear clean && ./mvnw -q -B -o install -Dspotless.skip -Dmaven.test.skip=true -pl ear -am
src/test/target/payara/payara6/bin/asadmin --port 28048 deploy --force --name mandate ear/target/mandate.ear >/dev/null
until curl -fsS $B/health/ready 2>/dev/null | grep -q '"name":"mandate"'; do sleep 1; done
echo "synchronous_commit=$(psql -h 127.0.0.1 -U postgres -d mandate_it -tAc 'show synchronous_commit')"

eval "$(src/test/benchmark/bench-tenant.sh "$AGENTS")"   # sets tenant and agents

load() { node src/test/benchmark/decision-load.cjs $B $agents "$@" | tee -a $OUT; }
# warm-up, ramped: a cold server (interpreted code, JIT compiling on the same two cores) manages ~200/s, and
# sending 300/s at once only builds a queue; then the measured rate for WARMUP_SECONDS
load $((RATE_LOW / 3)) 30 "$CONNECTIONS" warmup-1 >/dev/null
load $((RATE_LOW * 2 / 3)) 30 "$CONNECTIONS" warmup-2 >/dev/null
load "$RATE_LOW" "$WARMUP_SECONDS" "$CONNECTIONS" warmup-3 >/dev/null
# what autovacuum would have done after the warm-up's inserts (it is off on this machine's PostgreSQL):
# without statistics the planner's choices are guesses, and measured figures would be of those guesses
psql -q -h 127.0.0.1 -U postgres -d mandate_it -c 'vacuum analyze'
load "$RATE_LOW" "$LOW_SECONDS" "$CONNECTIONS" "rate-$RATE_LOW"
load "$RATE_HIGH" "$HIGH_SECONDS" "$CONNECTIONS" "rate-$RATE_HIGH"

agent=$(head -1 $agents | cut -d' ' -f1)
# the tenant's audit chains (the decisions above created them; ids as Mandate names them)
psql -q -h 127.0.0.1 -U postgres -d mandate_it -c "insert into audit_chain (id, tenant_id, chain, head_sequence, head_hash,
  head_time, sealed_sequence, checkpoint_count, checkpoint_hash) select '$tenant' || '/' || c, '$tenant', c, 0,
  repeat('0', 64), now(), 0, 0, repeat('0', 64) from generate_series(0, 7) c on conflict (tenant_id, chain) do nothing"
# prepared statements, as pgjdbc uses them after a statement's fifth execution (values unquoted: they are bound)
pgbench -n -M prepared -h 127.0.0.1 -U postgres -c "$CONNECTIONS" -j 2 -T 60 -D "tenant=$tenant" -D "agent=$agent" \
  -f src/test/benchmark/decision-commit.pgbench.sql mandate_it | tee src/test/target/decision-pgbench.txt \
  | grep -E 'tps|latency|number of (transactions|failed)'
