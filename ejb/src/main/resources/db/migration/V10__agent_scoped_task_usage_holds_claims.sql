-- 1. Per-task usage belongs to (tenant, agent, task id): the task id is the agent's own choice, so another
-- agent's task with the same id must not count against it (nor it against that one). Existing rows go to
-- the agent that decided envelopes under the task id (the lowest agent id when several did: its count is
-- then too high, never too low); rows without any envelope to nobody (''), where no agent finds them.
create table task_usage_scoped (
    tenant_id   varchar(63)    not null references tenant (id),
    agent_id    varchar(36)    not null,
    task_id     varchar(200)   not null,
    model_calls integer        not null,
    tool_calls  integer        not null,
    cost        numeric(14, 4) not null,
    constraint pk_task_usage_scoped primary key (tenant_id, agent_id, task_id)
);
insert into task_usage_scoped (tenant_id, agent_id, task_id, model_calls, tool_calls, cost)
select u.tenant_id,
       coalesce((select min(e.agent_id) from envelope e where e.tenant_id = u.tenant_id and e.task_id = u.task_id), ''),
       u.task_id, u.model_calls, u.tool_calls, u.cost
from task_usage u;
drop table task_usage;
alter table task_usage_scoped rename to task_usage;

-- 2. What a REQUIRE_APPROVAL decision reserved stays reserved (counted in spent_cost, so an approval can
-- never overspend) and is shown as held for approval until the approval releases or spends it.
alter table budget_usage add column held_cost numeric(14, 4) default 0 not null;
create table budget_hold (
    envelope_id  varchar(36)    not null,
    budget_id    varchar(36)    not null references budget (id) on delete cascade,
    period_start date           not null,
    cost         numeric(14, 4) not null,
    primary key (envelope_id, budget_id)
);

-- 3. The H2 idempotency claim's id: a retry that takes a stale claim over gives it a new one, and only the
-- holder of the current id may store the answer or free the key.
alter table idempotency_key add column claim_id varchar(36);
