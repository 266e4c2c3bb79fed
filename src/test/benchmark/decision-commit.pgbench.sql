-- The SQL one ALLOW decision runs, as Mandate issues it (taken from PostgreSQL's statement log): the
-- agent check of the request filter, the idempotency claim (its own transaction), then the decision's
-- transaction. No policy rule reads rate counters in the benchmark tenant, so no count queries run.
-- Run by pgbench (-M prepared, as the JDBC driver runs them) against the benchmark tenant's rows.
\set n random(1, 2000000000)
\set chain random(0, 7)
SELECT * FROM agent WHERE id = :agent;
BEGIN;
INSERT INTO idempotency_key (tenant_id, agent_id, idem_key, request_hash, state, created_at)
  VALUES (:tenant, :agent, 'pgb-' || :client_id::text || '-' || :n::text, 'h', 'IN_FLIGHT', now()) ON CONFLICT DO NOTHING;
COMMIT;
BEGIN;
SELECT * FROM agent WHERE id = :agent;
SELECT * FROM task_type WHERE tenant_id = :tenant AND type_key = 'bench-task';
SELECT * FROM task_type_tool WHERE task_type_id = (SELECT id FROM task_type WHERE tenant_id = :tenant AND type_key = 'bench-task');
SELECT * FROM task_type_refusal WHERE task_type_id = (SELECT id FROM task_type WHERE tenant_id = :tenant AND type_key = 'bench-task');
SELECT * FROM tool WHERE tenant_id = :tenant AND tool_key = 'bench';
SELECT * FROM tool_action ta JOIN tool t ON t.id = ta.tool_id WHERE t.tenant_id = :tenant AND t.tool_key = 'bench';
SELECT tool_key, tier FROM agent_tool_tier WHERE tenant_id = :tenant AND agent_id = :agent;
SELECT * FROM kill_switch WHERE active AND (scope = 'GLOBAL' OR tenant_id = :tenant);
SELECT * FROM budget WHERE tenant_id = :tenant;
SELECT * FROM workflow WHERE tenant_id = :tenant AND wf_key = 'bench-wf';
SELECT version FROM policy_set WHERE tenant_id = :tenant;
INSERT INTO task_usage (tenant_id, task_id, model_calls, tool_calls, cost)
  VALUES (:tenant, 'pgb-' || :client_id::text || '-' || :n::text, 0, 0, 0) ON CONFLICT DO NOTHING;
UPDATE task_usage SET model_calls = model_calls + 1, tool_calls = tool_calls + 1, cost = cost + 0.001
  WHERE tenant_id = :tenant AND task_id = 'pgb-' || :client_id::text || '-' || :n::text AND tool_calls + 1 <= 2147483647;
INSERT INTO envelope (id, tenant_id, agent_id, task_id, task_type, tool_key, action_key, trace_id, decision, reasons,
    rule_ids, policy_version, tier, risk_class, cost, request_json, explain_json, created_at)
  VALUES (gen_random_uuid()::text, :tenant, :agent, 'pgb-' || :client_id::text || '-' || :n::text, 'bench-task', 'bench', 'update',
    md5(random()::text), 'ALLOW', '["TIER_AUTONOMOUS"]', '[]', '0', 'AUTONOMOUS', 'WRITE', 0.001,
    '{"agentId":"x","requestedAction":{"tool":"bench","action":"update","arguments":{"ticketId":"T-1"}}}',
    '{"steps":[{"check":"kill-switch","outcome":"off"},{"check":"authority-tier","outcome":"AUTONOMOUS"}]}', now());
UPDATE idempotency_key SET state = 'DONE', response_status = 200, response_body = '{"decision":"ALLOW"}'
  WHERE tenant_id = :tenant AND agent_id = :agent AND idem_key = 'pgb-' || :client_id::text || '-' || :n::text;
SELECT head_sequence, head_hash FROM audit_chain WHERE tenant_id = :tenant AND chain = :chain::int FOR UPDATE;
UPDATE audit_chain SET head_sequence = head_sequence + 1, head_hash = md5(random()::text) || md5(random()::text), head_time = now()
  WHERE tenant_id = :tenant AND chain = :chain::int;
INSERT INTO audit_record (id, tenant_id, chain, sequence, recorded_at, actor, agent_id, task_id, trace_id, action, outcome,
    rule_ids, input_summary, policy_version, details, previous_hash, hash)
  SELECT gen_random_uuid()::text, :tenant::text, :chain::int, head_sequence, now(), :agent::text, :agent::text, 'pgb',
    md5(random()::text),
    'envelope.decided', 'ALLOW', '[]', 'bench' || chr(58) || 'update task=bench-task arguments={"ticketId":"T-1"}', '0',
    '{"tier":"AUTONOMOUS"}', md5('a') || md5('b'), md5('c') || md5('d')
  FROM audit_chain WHERE tenant_id = :tenant AND chain = :chain::int;
COMMIT;
