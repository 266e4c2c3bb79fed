#!/usr/bin/env bash
# Eval run benchmark (issue 19: "an eval run replays at least 1,000 cases per second through the dry-run
# decision path"), on the test domain (PostgreSQL): one AUTONOMOUS agent of the decision benchmark's tenant,
# a version without eval endpoint (the cases are the envelopes), a dataset of CASES cases imported as JSON
# Lines, then RUNS eval runs one after another; the rate is cases over the run's time from its creation to
# its end (job start, every chunk's dry-run decisions and result writes, the summary). Run it alone:
#   flock /tmp/mandate-payara.lock src/test/benchmark/eval-benchmark.sh
# Settings: CASES (20000, at most mandate.evals.max-cases), RUNS (3). Results: src/test/target/eval-benchmark.jsonl
set -euo pipefail
cd "$(dirname "$0")/../../.."
CASES=${CASES:-20000} RUNS=${RUNS:-3}
B=http://127.0.0.1:28080
OUT=src/test/target/eval-benchmark.jsonl
CASES_FILE=src/test/target/eval-benchmark-cases.jsonl
ASADMIN="src/test/target/payara/payara6/bin/asadmin --port 28048"

MANDATE_OTEL_ENDPOINT= MANDATE_ALERTS_SECONDS=60 MANDATE_JOBS_HEARTBEAT_SECONDS=30 MANDATE_CONFIG_CACHE_SECONDS=60 MANDATE_HOUSEKEEPING_SECONDS=600 src/test/dev-it.sh up
trap '$ASADMIN undeploy mandate >/dev/null 2>&1 || true; src/test/dev-it.sh down' EXIT
./mvnw -q -B -o -Dspotless.skip -pl ejb,batch,web,scim,ear clean && ./mvnw -q -B -o install -Dspotless.skip -Dmaven.test.skip=true -pl ear -am
$ASADMIN deploy --force --name mandate ear/target/mandate.ear >/dev/null
until curl -fsS $B/health/ready 2>/dev/null | grep -q '"name":"mandate"'; do sleep 1; done

eval "$(src/test/benchmark/bench-tenant.sh 1)"   # sets tenant and agents
agent=$(cut -d' ' -f1 "$agents" | head -1)
ADMIN=$(curl -s -X POST $B/api/v1/dev/tokens -H 'Content-Type: application/json' \
  -d "{\"subject\":\"bench-admin\",\"groups\":[\"mandate-admin\"],\"tenant\":\"$tenant\",\"ttlSeconds\":86400}" \
  | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
auth=(-H "Authorization: Bearer $ADMIN")
curl -fsS -o /dev/null -X POST $B/api/v1/agents/$agent/versions "${auth[@]}" -H 'Content-Type: application/json' \
  -d '{"version":"bench-v1","model":"bench"}'
# every fifth case a kind of adversarial one; all expected ALLOW (a WRITE action of an AUTONOMOUS agent)
awk -v n="$CASES" 'BEGIN { split("GOLDEN PROMPT_INJECTION MISSING_CONTEXT AMBIGUOUS_REQUEST RATE_LIMIT", k, " ");
  for (i = 1; i <= n; i++) printf "{\"key\":\"b-%d\",\"kind\":\"%s\",\"taskType\":\"bench-task\",\"input\":{\"requestedAction\":{\"tool\":\"bench\",\"action\":\"update\",\"arguments\":{\"ticketId\":\"T-%d\"}},\"evidence\":[{\"excerpt\":\"ticket T-%d\"}],\"modelUsage\":{\"calls\":1,\"cost\":0.001}},\"expected\":{\"decision\":\"ALLOW\",\"tool\":\"bench\",\"action\":\"update\"}}\n", i, k[i % 5 + 1], i, i }' > $CASES_FILE
curl -fsS -o /dev/null -X POST $B/api/v1/evals/datasets/bench/versions "${auth[@]}" \
  -H 'Content-Type: application/x-ndjson' --data-binary @$CASES_FILE
for r in $(seq 0 "$RUNS"); do
  run=$(curl -fsS -X POST $B/api/v1/evals/runs "${auth[@]}" -H 'Content-Type: application/json' \
    -d "{\"dataset\":\"bench\",\"datasetVersion\":1,\"agentId\":\"$agent\",\"agentVersion\":\"bench-v1\"}" \
    | sed 's/.*"id":"\([^"]*\)".*/\1/')
  until curl -fsS $B/api/v1/evals/runs/$run "${auth[@]}" | grep -q '"status":"\(COMPLETED\|FAILED\)"'; do sleep 0.5; done
  line=$(psql -h 127.0.0.1 -U postgres -d mandate_it -tAc \
    "select json_build_object('run', id, 'status', status, 'cases', cases, 'succeeded', succeeded,
       'seconds', round(extract(epoch from finished_at - created_at)::numeric, 3),
       'casesPerSecond', round(cases / extract(epoch from finished_at - created_at)::numeric))
     from eval_run where id = '$run'")
  if [ "$r" = 0 ]; then echo "warmup $line"; else echo "$line" | tee -a $OUT; fi
done
