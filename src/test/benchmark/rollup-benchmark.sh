#!/usr/bin/env bash
# Cost rollup benchmark (issue 19): loads TOOL_CALLS recorded tool calls into PostgreSQL (generate_series: one
# task per execution, its envelope, every tenth execution retried once, every third task with a reported
# outcome, spread over DAYS days up to today and 16 agents), then times, in the same run, (1) the cost-rollup
# job on the deployed EAR and (2) the equivalent plain SQL INSERT ... SELECT ... GROUP BY (the same figures:
# counts by outcome, costs, percentile_cont p50/p95). Target: the job within 1.3x the plain SQL at
# 10,000,000 tool calls. Run it alone on the machine:
#   TOOL_CALLS=10000000 flock /tmp/mandate-payara.lock src/test/benchmark/rollup-benchmark.sh
# Settings: TOOL_CALLS (100000), DAYS (30); KILL=1: then a second run of the job is killed with kill -9 (the
# whole server) once some days committed, the server started again, the execution (marked FAILED by the
# recovery) restarted, and its rows compared with the plain SQL's again. Results:
# src/test/target/rollup-benchmark.jsonl and stdout.
set -euo pipefail
cd "$(dirname "$0")/../../.."
TOOL_CALLS=${TOOL_CALLS:-100000} DAYS=${DAYS:-30} KILL=${KILL:-0}
B=http://127.0.0.1:28080
OUT=src/test/target/rollup-benchmark.jsonl
ASADMIN="src/test/target/payara/payara6/bin/asadmin --port 28048"
PAYARA_DOMAIN=src/test/target/payara/payara6/glassfish/domains/mandate-it
PSQL="psql -h 127.0.0.1 -U postgres -d mandate_it -v ON_ERROR_STOP=1 -q"

# the pool's statement and network timeouts stay at their defaults: the job bounds its own statement
# (mandate.rollup.statement-timeout-seconds)
MANDATE_OTEL_ENDPOINT= MANDATE_ALERTS_SECONDS=60 MANDATE_JOBS_HEARTBEAT_SECONDS=30 MANDATE_HOUSEKEEPING_SECONDS=600 \
  src/test/dev-it.sh up
trap '$ASADMIN undeploy mandate >/dev/null 2>&1 || true; src/test/dev-it.sh down' EXIT
./mvnw -q -B -o -Dspotless.skip -pl ejb,batch,web,scim,ear clean && ./mvnw -q -B -o install -Dspotless.skip -Dmaven.test.skip=true -pl ear -am
$ASADMIN deploy --force --name mandate ear/target/mandate.ear >/dev/null
until curl -fsS $B/health/ready 2>/dev/null | grep -q '"name":"mandate"'; do sleep 1; done

eval "$(src/test/benchmark/bench-tenant.sh 16)"   # sets tenant and agents (bench-task of workflow bench-wf)
ADMIN=$(curl -s -X POST $B/api/v1/dev/tokens -H 'Content-Type: application/json' \
  -d "{\"subject\":\"bench-admin\",\"groups\":[\"mandate-admin\"],\"tenant\":\"$tenant\",\"ttlSeconds\":86400}" \
  | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
curl -fsS -o /dev/null -X POST $B/api/v1/baselines -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
  -d '{"workflow":"bench-wf","costPerItem":12.5,"handlingMinutes":15,"hourlyRate":40}'
agent_ids=$(cut -d' ' -f1 "$agents" | paste -sd, -)

echo "loading $TOOL_CALLS tool calls over $DAYS days"
$PSQL <<SQL
set timezone = 'UTC';
create temp table bench_agent as
  select row_number() over () - 1 as n, id from unnest(string_to_array('$agent_ids', ',')) as id;
create temp table bench_task as
  select g, (select id from bench_agent where n = g % 16) as agent_id,
         (current_date - (g % $DAYS)::int)::timestamp at time zone 'UTC' + (g % 86000) * interval '1 second' as at
  from generate_series(1, $TOOL_CALLS) g;
insert into envelope (id, tenant_id, agent_id, task_id, task_type, tool_key, action_key, trace_id, decision, reasons,
    rule_ids, policy_version, tier, risk_class, cost, request_json, explain_json, created_at)
  select 'rb-' || g, '$tenant', agent_id, 'task-' || g, 'bench-task', 'bench', 'update', lpad(to_hex(g), 32, '0'),
         'ALLOW', '[]', '[]', 'bench', 'AUTONOMOUS', 'WRITE', (g % 7) * 0.01, '{}', '{}', at
  from bench_task;
insert into execution (id, tenant_id, envelope_id, agent_id, tool_key, action_key, task_id, trace_id, idempotency_key,
    arguments_json, status, attempts, next_attempt_at, unsettled, lease_millis, result_truncated, cost, tool_millis,
    cache_hit, created_at, updated_at, finished_at)
  select 'rx-' || g, '$tenant', 'rb-' || g, agent_id, 'bench', 'update', 'task-' || g, lpad(to_hex(g), 32, '0'),
         'rk-' || g, '{}', case when g % 50 = 0 then 'FAILED' else 'SUCCEEDED' end, case when g % 10 = 0 then 2 else 1 end,
         at, false, 30000, false, case when g % 10 = 0 then 0.5 else 0.25 end, 40, false, at, at,
         at + (g % 600) * interval '1 second'
  from bench_task;
insert into task_outcome (tenant_id, agent_id, task_id, task_type, outcome, complete_seconds, review_seconds,
    recorded_by, recorded_at)
  select '$tenant', agent_id, 'task-' || g, 'bench-task', case when g % 9 = 0 then 'FAILED' else 'RESOLVED' end,
         g % 900, case when g % 12 = 0 then 300 else 0 end, 'bench', at
  from bench_task where g % 3 = 0;
analyze envelope; analyze execution; analyze task_outcome;
SQL
calls=$($PSQL -tAc "select sum(attempts) from execution where tenant_id = '$tenant'")

# (1) the job, as an administrator starts it; its own start and end times from the job repository
id=$(curl -fsS -X POST $B/api/v1/jobs/cost-rollup/executions -H "Authorization: Bearer $ADMIN" | sed 's/.*"id":\([0-9]*\).*/\1/')
status_of() { curl -fsS $B/api/v1/jobs/executions/$1 -H "Authorization: Bearer $ADMIN"; }
batch_status() { grep -o '"batchStatus":"[A-Z]*"' <<<"$1" | head -1 | cut -d'"' -f4; }
until_completed() { # execution id; leaves its JSON in $execution
  while :; do
    execution=$(status_of "$1")
    case $(batch_status "$execution") in COMPLETED) break ;; STARTING|STARTED) sleep 1 ;;
      *) echo "job $1 ended $(batch_status "$execution"): $execution" >&2; exit 1 ;; esac
  done
}
until_completed "$id"
# the execution's own fields come first, before its steps'
start=$(echo "$execution" | grep -o '"startTime":"[^"]*"' | head -1 | cut -d'"' -f4)
end=$(echo "$execution" | grep -o '"endTime":"[^"]*"' | head -1 | cut -d'"' -f4)
job_ms=$(( $(date -d "$end" +%s%3N) - $(date -d "$start" +%s%3N) ))
exit_status=$(echo "$execution" | grep -o '"exitStatus":"[^"]*"' | head -1 | cut -d'"' -f4)

# (2) the same figures in one statement (drift, which reads the rollup's own rows, is not part of it)
sql_ms=$($PSQL -tA <<SQL | grep -o 'Time: [0-9.]*' | sed 's/Time: //' | tail -1
set timezone = 'UTC';
drop table if exists rollup_benchmark_sql;
create table rollup_benchmark_sql (day date, task_type varchar(100), agent_id varchar(36), tasks bigint, resolved bigint,
  failed bigint, escalated bigint, denied bigint, envelopes bigint, tool_calls bigint, total_cost numeric,
  p50 double precision, p95 double precision, latency_p50 double precision, latency_p95 double precision);
\timing on
insert into rollup_benchmark_sql
with t as (select agent_id, task_id, min(task_type) as task_type, min(created_at) as first_at, max(created_at) as last_at,
    count(*) as envelopes, sum(case when decision = 'DENY' then 1 else 0 end) as denied,
    sum(case when decision = 'ESCALATE' then 1 else 0 end) as escalate, sum(cost) as model
    from envelope where tenant_id = '$tenant' group by agent_id, task_id),
  x as (select agent_id, task_id, sum(cost) as tool, sum(attempts) as calls,
    sum(case when status = 'FAILED' then 1 else 0 end) as failed, sum(case when status = 'SUCCEEDED' then 1 else 0 end) as ok,
    max(finished_at) as fin from execution where tenant_id = '$tenant' group by agent_id, task_id),
  i as (select e.agent_id, e.task_id, count(*) as items from escalation_item i join envelope e on e.id = i.envelope_id
    where i.tenant_id = '$tenant' group by e.agent_id, e.task_id),
  f as (select t.*, coalesce(x.tool, 0) as tool, coalesce(x.calls, 0) as calls, x.fin, o.complete_seconds,
    t.model + coalesce(x.tool, 0) + round(coalesce(o.review_seconds, 0) * 40.0 / 3600, 6) as cost,
    coalesce(o.outcome, case when t.escalate > 0 or i.items > 0 then 'ESCALATED' when x.failed > 0 then 'FAILED'
      when x.ok > 0 then 'RESOLVED' when t.denied = t.envelopes then 'DENIED' else 'OPEN' end) as state
    from t left join x on x.agent_id = t.agent_id and x.task_id = t.task_id
    left join i on i.agent_id = t.agent_id and i.task_id = t.task_id
    left join task_outcome o on o.tenant_id = '$tenant' and o.agent_id = t.agent_id and o.task_id = t.task_id
    where t.first_at >= current_date - $((DAYS - 1)))
select (first_at at time zone 'UTC')::date, task_type, agent_id, count(*),
  sum(case when state = 'RESOLVED' then 1 else 0 end), sum(case when state = 'FAILED' then 1 else 0 end),
  sum(case when state = 'ESCALATED' then 1 else 0 end), sum(case when state = 'DENIED' then 1 else 0 end),
  sum(envelopes), sum(calls), sum(cost),
  percentile_cont(0.5) within group (order by cost) filter (where state = 'RESOLVED'),
  percentile_cont(0.95) within group (order by cost) filter (where state = 'RESOLVED'),
  percentile_cont(0.5) within group (order by coalesce(complete_seconds * 1000.0,
    extract(epoch from greatest(last_at, coalesce(fin, last_at)) - first_at) * 1000)),
  percentile_cont(0.95) within group (order by coalesce(complete_seconds * 1000.0,
    extract(epoch from greatest(last_at, coalesce(fin, last_at)) - first_at) * 1000))
from f group by 1, 2, 3;
SQL
)
# both computed the same thing: per day, task type and agent every count, the total cost (each task's review
# time costed to 6 decimals, as the product does), the cost and latency percentiles; the rows that differ, if
# any, are shown field by field
compare="from rollup_benchmark_sql s full join (select * from cost_rollup where tenant_id = '$tenant') r
  on r.rollup_day = s.day and r.task_type = s.task_type and r.agent_id = s.agent_id
  where r.tasks is distinct from s.tasks or r.resolved is distinct from s.resolved or r.failed is distinct from s.failed
  or r.escalated is distinct from s.escalated or r.denied is distinct from s.denied
  or r.envelopes is distinct from s.envelopes or r.tool_calls is distinct from s.tool_calls
  or r.total_cost is distinct from round(s.total_cost, 6)
  or abs(r.resolved_cost_p50 - s.p50) >= 0.000001 or abs(r.resolved_cost_p95 - s.p95) >= 0.000001
  or abs(r.latency_p50_ms - s.latency_p50) > 1 or abs(r.latency_p95_ms - s.latency_p95) > 1"
differences=$($PSQL -tAc "select count(*) $compare")
if [ "$differences" != 0 ]; then
  $PSQL -c "select coalesce(r.rollup_day, s.day) as day, coalesce(r.agent_id, s.agent_id) as agent,
    r.tasks || '/' || s.tasks as tasks, r.resolved || '/' || s.resolved as resolved,
    r.total_cost || '/' || round(s.total_cost, 6) as total_cost, r.resolved_cost_p50 || '/' || s.p50 as p50,
    r.resolved_cost_p95 || '/' || s.p95 as p95, r.latency_p95_ms || '/' || s.latency_p95 as latency_p95 $compare
    order by 1, 2 limit 10"
fi
if [ "$KILL" = 1 ]; then
  # the same rollup again, its server killed once some days committed (each day's rows are replaced in the
  # chunk that stores the checkpoint), started again, the execution restarted from its checkpoint
  run_started=$(date -u +%Y-%m-%dT%H:%M:%S)
  # the sixth day's rows held by another session: the run commits five days, then waits to replace the
  # sixth, and the server is killed right then (not left to the lock timeout)
  $PSQL -c "begin; select 1 from cost_rollup where tenant_id = '$tenant' and rollup_day = current_date - $((DAYS - 6))
    for update; select pg_sleep(900);" >/dev/null 2>&1 &
  holder=$!
  id=$(curl -fsS -X POST $B/api/v1/jobs/cost-rollup/executions -H "Authorization: Bearer $ADMIN" | sed 's/.*"id":\([0-9]*\).*/\1/')
  until [ "$($PSQL -tAc "select count(*) from pg_stat_activity where wait_event_type = 'Lock'
      and query like 'delete from cost_rollup%'")" -ge 1 ]; do
    sleep 0.2
  done
  committed=$($PSQL -tAc "select count(distinct rollup_day) from cost_rollup where tenant_id = '$tenant' and job_execution_id = $id")
  kill -9 "$(cat $PAYARA_DOMAIN/config/pid)"
  echo "killed the server (kill -9) during execution $id, $committed of $DAYS days committed"
  kill "$holder" 2>/dev/null || true
  $PSQL -tAc "select pg_terminate_backend(pid) from pg_stat_activity where query like '%pg_sleep(900)%'
    and pid <> pg_backend_pid()" >/dev/null
  sleep 2
  $ASADMIN start-domain --domaindir "$(dirname $PAYARA_DOMAIN)" mandate-it >/dev/null
  until curl -fsS $B/health/ready 2>/dev/null | grep -q '"name":"mandate"'; do sleep 1; done
  # the recovery marks the execution of the server's earlier life FAILED at its next heartbeat
  until [ "$(batch_status "$(status_of "$id")")" = FAILED ]; do sleep 1; done
  restarted=$(curl -fsS -X POST $B/api/v1/jobs/executions/$id/restart -H "Authorization: Bearer $ADMIN" | sed 's/.*"id":\([0-9]*\).*/\1/')
  until_completed "$restarted"
  killed_differences=$($PSQL -tAc "select count(*) $compare")
  replaced=$($PSQL -tAc "select count(*) from cost_rollup where tenant_id = '$tenant' and job_execution_id = $restarted")
  line="{\"killed\":true,\"daysCommittedBeforeKill\":$committed,\"rowsWrittenByRestart\":$replaced,\"rowsDiffering\":$killed_differences,\"since\":\"$run_started\"}"
  echo "$line" | tee -a $OUT
  differences=$((differences + killed_differences))
fi
$PSQL -c "drop table rollup_benchmark_sql"
ratio=$(awk -v j="$job_ms" -v s="$sql_ms" 'BEGIN { printf "%.2f", j / s }')
line="{\"toolCalls\":$calls,\"days\":$DAYS,\"jobMillis\":$job_ms,\"plainSqlMillis\":$sql_ms,\"ratio\":$ratio,\"exitStatus\":\"$exit_status\",\"rowsDiffering\":$differences,\"target\":1.3}"
echo "$line" | tee -a $OUT
rows=$($PSQL -tAc "select count(*) || ' rows, ' || sum(tasks) || ' tasks' from cost_rollup where tenant_id = '$tenant'")
echo "job: $rows; rows differing from the plain SQL: $differences"
[ "$differences" = 0 ]
