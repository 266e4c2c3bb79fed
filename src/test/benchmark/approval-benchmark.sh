#!/usr/bin/env bash
# Approval benchmark (issue "People in the loop"), on the test domain (PostgreSQL) with the local no-op
# tool: (1) from the approve call to the execution being sent to the tool, p95 target 100 ms: payments
# needing approval, approved CONCURRENCY at a time, each approval executing through the proxy; (2) the
# approver's inbox with INBOX_ITEMS (10,000) open requests, filtered by risk class and task type, first page
# and the page after it by cursor, p95 target 50 ms. Run it alone on the machine:
#   flock /tmp/mandate-payara.lock src/test/benchmark/approval-benchmark.sh
# Settings: APPROVALS (2000), CONCURRENCY (4), INBOX_ITEMS (10000), QUERIES (500).
# Results: src/test/target/approval-benchmark.jsonl and stdout.
set -euo pipefail
cd "$(dirname "$0")/../../.."
APPROVALS=${APPROVALS:-2000} CONCURRENCY=${CONCURRENCY:-4}
INBOX_ITEMS=${INBOX_ITEMS:-10000} QUERIES=${QUERIES:-500}
B=http://127.0.0.1:28080
TOOL_PORT=${TOOL_PORT:-28090}
OUT=src/test/target/approval-benchmark.jsonl
RECEIVED=src/test/target/approval-benchmark-received.txt
ASADMIN="src/test/target/payara/payara6/bin/asadmin --port 28048"

# untraced; Payara's 512m, replaced by production's heap below
MANDATE_OTEL_ENDPOINT= MANDATE_ALERTS_SECONDS=60 MANDATE_JOBS_HEARTBEAT_SECONDS=30 MANDATE_JVM_XMX=512m MANDATE_CONFIG_CACHE_SECONDS=60 MANDATE_HOUSEKEEPING_SECONDS=600 src/test/dev-it.sh up
: > $RECEIVED
node src/test/benchmark/noop-tool.cjs "$TOOL_PORT" "$RECEIVED" &
TOOL_PID=$!
trap 'kill $TOOL_PID 2>/dev/null || true; $ASADMIN undeploy mandate >/dev/null 2>&1 || true; src/test/dev-it.sh down' EXIT
$ASADMIN delete-jvm-options -Xmx512m >/dev/null 2>&1 || true
$ASADMIN create-jvm-options -Xmx1g:-Xms1g >/dev/null 2>&1 || true
$ASADMIN restart-domain --domaindir src/test/target/payara/payara6/glassfish/domains mandate-it >/dev/null
./mvnw -q -B -o -Dspotless.skip -pl ejb,batch,web,scim,ear clean && ./mvnw -q -B -o install -Dspotless.skip -Dmaven.test.skip=true -pl ear -am
$ASADMIN deploy --force --name mandate ear/target/mandate.ear >/dev/null
until curl -fsS $B/health/ready 2>/dev/null | grep -q '"name":"mandate"'; do sleep 1; done

eval "$(TOOL_URL=http://127.0.0.1:$TOOL_PORT src/test/benchmark/bench-tenant.sh 16)"   # sets tenant and agents
approver=src/test/target/bench-approver.txt
run() { node src/test/benchmark/approval-load.cjs $B "$agents" $approver "$@" | tee -a $OUT; }
run $RECEIVED approve 300 "$CONCURRENCY" warmup >/dev/null
run $RECEIVED approve "$APPROVALS" "$CONCURRENCY" "approve-$APPROVALS-c$CONCURRENCY"
run - inbox "$INBOX_ITEMS" 50 warmup-inbox >/dev/null
run - inbox 0 "$QUERIES" "inbox-$INBOX_ITEMS-open"
psql -h 127.0.0.1 -U postgres -d mandate_it -tAc \
  "select status, count(*) from approval_request where tenant_id = '$tenant' group by status order by status"
