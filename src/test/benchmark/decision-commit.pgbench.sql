-- The SQL one ALLOW decision runs, as Mandate sends it (taken from PostgreSQL's statement log; the driver
-- sends BEGIN with the transaction's first statement, and the writes after the audit chain's lock as one
-- request, which \startpipeline ... \endpipeline reproduces): the decision's one transaction: the
-- idempotency key's lock, then in the same request its lookup with the configuration generation and the
-- calling agent (its ACTIVE check) (the tenant's configuration, tool tiers included, is cached at that
-- generation), the task-usage reservation, then in one request the audit chain's lock, the audit record
-- with the chain's new head (one statement: Mandate sends the record continuing the head it predicts,
-- written only if the head is still there; here the statement reads the head under the lock), the
-- envelope, the idempotency answer and the agent's rate counters; the commit.
-- Envelope and audit record ids start with the time in milliseconds, as Mandate's (UUID version 7) do.
-- No policy rule reads rate counters in the benchmark tenant, so no count queries run. Run by pgbench
-- (-M prepared, as the JDBC driver runs them) against the benchmark tenant's rows.
\set n random(1, 2000000000)
-- like the benchmark's 16 agents over 8 audit chains: client c plays agent c % 16 (its rate-counter rows)
-- on chain c % 8, so clients contend for rows as often as Mandate's requests do
\set slot :client_id % 16
\set chain :client_id % 8
\startpipeline
BEGIN;
SELECT pg_try_advisory_xact_lock(hashtextextended(:tenant || :agent || 'pgb-' || :client_id::text || '-' || :n::text, 0));
SELECT k.request_hash, k.state, k.response_status, k.response_body, k.created_at,
    (SELECT coalesce(max(CASE WHEN tenant_id = :tenant THEN generation END), 0) || '/'
      || coalesce(max(CASE WHEN tenant_id = '*' THEN generation END), 0) FROM config_generation WHERE tenant_id IN (:tenant, '*')),
    a.id, a.tenant_id, a.name, a.description, a.sponsor, a.default_tier, a.external_id, a.workflow, a.shadow_mode, a.status
  FROM (SELECT 1) one LEFT JOIN idempotency_key k
  ON k.tenant_id = :tenant AND k.agent_id = :agent AND k.idem_key = 'pgb-' || :client_id::text || '-' || :n::text
  LEFT JOIN agent a ON a.id = :agent;
\endpipeline
INSERT INTO task_usage (tenant_id, agent_id, task_id, model_calls, tool_calls, cost)
  SELECT :tenant, :agent, 'pgb-' || :client_id::text || '-' || :n::text, 1, 1, 0.001 WHERE 1 <= 2147483647 AND 0.001 <= 999999999999
  ON CONFLICT (tenant_id, agent_id, task_id) DO UPDATE SET model_calls = task_usage.model_calls + excluded.model_calls,
    tool_calls = task_usage.tool_calls + 1, cost = task_usage.cost + excluded.cost
  WHERE task_usage.model_calls + excluded.model_calls <= 2147483647 AND task_usage.tool_calls + 1 <= 2147483647
    AND task_usage.cost + excluded.cost <= 999999999999;
\startpipeline
SELECT 1 FROM audit_chain WHERE id = :tenant || '/' || :chain FOR UPDATE;
WITH head AS (SELECT chain, head_sequence, head_hash FROM audit_chain WHERE id = :tenant || '/' || :chain),
  moved AS (UPDATE audit_chain c SET head_sequence = head.head_sequence + 1, head_hash = md5('c') || md5('d'), head_time = now()
    FROM head WHERE c.id = :tenant || '/' || :chain AND c.head_sequence = head.head_sequence
    RETURNING head.chain, head.head_sequence + 1 AS sequence, head.head_hash AS previous_hash)
INSERT INTO audit_record (id, tenant_id, chain, sequence, recorded_at, actor, agent_id, task_id, trace_id, action, outcome,
    rule_ids, input_summary, policy_version, details, previous_hash, hash)
  SELECT (SELECT substr(h, 1, 8) || '-' || substr(h, 9, 4) || substr(gen_random_uuid()::text, 14)
      FROM lpad(to_hex((extract(epoch FROM clock_timestamp()) * 1000)::bigint), 12, '0') h), :tenant, moved.chain, moved.sequence, now(), :agent, :agent, 'pgb', md5(random()::text),
    'envelope.decided', 'ALLOW', '[]', 'bench' || chr(58) || 'update task=bench-task arguments={"ticketId":"T-1"}', '0',
    '{"tier":"AUTONOMOUS"}', moved.previous_hash, md5('c') || md5('d') FROM moved;
INSERT INTO envelope (id, tenant_id, agent_id, task_id, task_type, tool_key, action_key, trace_id, decision, reasons,
    rule_ids, policy_version, tier, risk_class, cost, request_json, explain_json, created_at)
  VALUES ((SELECT substr(h, 1, 8) || '-' || substr(h, 9, 4) || substr(gen_random_uuid()::text, 14)
      FROM lpad(to_hex((extract(epoch FROM clock_timestamp()) * 1000)::bigint), 12, '0') h), :tenant, :agent, 'pgb-' || :client_id::text || '-' || :n::text, 'bench-task', 'bench', 'update',
    md5(random()::text), 'ALLOW', '["TIER_AUTONOMOUS"]', '[]', '0', 'AUTONOMOUS', 'WRITE', 0.001,
    '{"agentId":"x","requestedAction":{"tool":"bench","action":"update","arguments":{"ticketId":"T-1"}}}',
    '{"steps":[{"check":"kill-switch","outcome":"off"},{"check":"authority-tier","outcome":"AUTONOMOUS"}]}', now());
INSERT INTO idempotency_key (tenant_id, agent_id, idem_key, request_hash, state, response_status, response_body, created_at)
  VALUES (:tenant, :agent, 'pgb-' || :client_id::text || '-' || :n::text, md5(random()::text), 'DONE', 200, '{"decision":"ALLOW"}', now())
  ON CONFLICT (tenant_id, agent_id, idem_key) DO UPDATE SET state = 'DONE', response_status = excluded.response_status,
    response_body = excluded.response_body WHERE idempotency_key.state <> 'DONE';
INSERT INTO rate_counter (tenant_id, agent_id, span_seconds, bucket, tool_key, envelopes)
  VALUES (:tenant, left(:agent, 34) || lpad(:slot::text, 2, '0'), 5, (extract(epoch FROM now())::bigint / 5) * 5, 'bench', 1),
    (:tenant, left(:agent, 34) || lpad(:slot::text, 2, '0'), 60, (extract(epoch FROM now())::bigint / 60) * 60, 'bench', 1)
  ON CONFLICT (agent_id, span_seconds, bucket, tool_key) DO UPDATE SET envelopes = rate_counter.envelopes + 1;
\endpipeline
COMMIT;
