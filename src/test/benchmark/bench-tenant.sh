#!/usr/bin/env bash
# Creates the decision benchmark's tenant on a running test domain: one WRITE tool action, a workflow, a
# task type, a role permitting the action and N AUTONOMOUS agents holding it, with tokens
# (src/test/target/bench-agents.txt: "id token" per line). With TOOL_URL the actions execute against that
# tool, and a MONEY_MOVEMENT action (pay) needs the approval of a person (src/test/target/bench-approver.txt).
# With RATE_RULE=true also a RATE_LIMIT rule on agent_hour that never fires (max 10^9), so every decision
# reads its rate counters. Prints "tenant=... agents=..." for eval. usage: bench-tenant.sh [AGENTS]
set -euo pipefail
cd "$(dirname "$0")/../../.."
AGENTS=${1:-16}
B=${B:-http://127.0.0.1:28080}
tenant=bench-$(date +%s)
token() { curl -s -X POST $B/api/v1/dev/tokens -H 'Content-Type: application/json' \
  -d "{\"subject\":\"$1\",\"groups\":[\"$2\"],\"tenant\":\"$tenant\",\"ttlSeconds\":86400}" | sed 's/.*"access_token":"\([^"]*\)".*/\1/'; }
post() { curl -fsS -o /dev/null -X POST "$B$1" -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' -d "$2"; }
ADMIN=$(token bench-admin mandate-admin)
for _ in $(seq 1 30); do   # the app answers ready a moment before its token issuer is
  curl -fsS -o /dev/null $B/api/v1/me -H "Authorization: Bearer $ADMIN" && break
  sleep 2; ADMIN=$(token bench-admin mandate-admin)
done
SCHEMA='{"type":"object","required":["ticketId"],"properties":{"ticketId":{"type":"string"}}}'
if [ -n "${TOOL_URL:-}" ]; then
  # with a tool to act on (the execution benchmark): an action that executes, and a read served from the cache
  post /api/v1/tools '{"key":"bench","name":"Bench","actions":[{"key":"update","riskClass":"WRITE","argumentSchema":'"$SCHEMA"'},
    {"key":"execute","riskClass":"WRITE","argumentSchema":'"$SCHEMA"',"connector":{"method":"POST","url":"'"$TOOL_URL"'/tickets/{/ticketId}","timeoutMillis":5000,"syncWaitMillis":5000,"maxConcurrent":64}},
    {"key":"lookup","riskClass":"READ","argumentSchema":'"$SCHEMA"',"connector":{"method":"GET","url":"'"$TOOL_URL"'/tickets/{/ticketId}","cacheTtlSeconds":3600,"syncWaitMillis":5000}},
    {"key":"pay","riskClass":"MONEY_MOVEMENT","argumentSchema":'"$SCHEMA"',"connector":{"method":"POST","url":"'"$TOOL_URL"'/payments/{/ticketId}","timeoutMillis":5000,"syncWaitMillis":5000,"maxConcurrent":64}}]}'
  # the approval benchmark's approver: a person holding an approver role over the bench tool
  approver_role=$(curl -fsS -X POST $B/api/v1/roles -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
    -d '{"name":"bench-approver","approver":true,"permissions":[{"tool":"bench","action":"*"}]}' | sed 's/.*"id":"\([^"]*\)".*/\1/')
  post /api/v1/roles/$approver_role/assignments '{"principalType":"PERSON","principal":"approver@bench"}'
  echo "approver@bench $(token approver@bench mandate-approver)" > $PWD/src/test/target/bench-approver.txt
else
  post /api/v1/tools '{"key":"bench","name":"Bench","actions":[{"key":"update","riskClass":"WRITE","argumentSchema":'"$SCHEMA"'}]}'
fi
post /api/v1/workflows '{"key":"bench-wf","name":"Bench"}'
role=$(curl -fsS -X POST $B/api/v1/roles -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
  -d '{"name":"bench-updater","approver":false,"permissions":[{"tool":"bench","action":"*"}]}' | sed 's/.*"id":"\([^"]*\)".*/\1/')
post /api/v1/task-types '{"key":"bench-task","workflow":"bench-wf","name":"Bench","definition":"d","successCriteria":"s","riskLevel":"LOW","allowedTools":[{"tool":"bench","action":"*"}]}'
if [ "${RATE_RULE:-false}" = true ]; then
  post /api/v1/policies/rules '{"ruleId":"hourly-cap","name":"hourly cap","kind":"RATE_LIMIT","params":{"counter":"agent_hour","max":1000000000},"effect":"DENY"}'
fi
agents=$PWD/src/test/target/bench-agents.txt; : > $agents
for i in $(seq 1 "$AGENTS"); do
  id=$(curl -s -X POST $B/api/v1/agents -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
    -d "{\"name\":\"bench-$i\",\"sponsor\":\"owner\",\"defaultTier\":\"AUTONOMOUS\"}" | sed 's/.*"id":"\([^"]*\)".*/\1/')
  post /api/v1/roles/$role/assignments "{\"principalType\":\"AGENT\",\"principal\":\"$id\"}"
  echo "$id $(token "$id" mandate-agent)" >> $agents
done
echo "tenant=$tenant agents=$agents"

