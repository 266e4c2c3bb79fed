-- The governed decision path: task taxonomy, tool catalogue, per-tool authority tiers, kill switches,
-- budgets with atomic reservations, envelopes (decisions) and idempotency keys.

alter table agent add column shadow_mode boolean default false not null;

create table workflow (
    id          varchar(36)              not null primary key,
    tenant_id   varchar(63)              not null references tenant (id),
    wf_key      varchar(100)             not null,
    name        varchar(200)             not null,
    description varchar(2000),
    version     bigint                   not null,
    created_at  timestamp with time zone not null,
    created_by  varchar(256)             not null,
    constraint uq_workflow_key unique (tenant_id, wf_key)
);

create table tool (
    id          varchar(36)              not null primary key,
    tenant_id   varchar(63)              not null references tenant (id),
    tool_key    varchar(100)             not null,
    name        varchar(200)             not null,
    description varchar(2000),
    version     bigint                   not null,
    created_at  timestamp with time zone not null,
    created_by  varchar(256)             not null,
    updated_at  timestamp with time zone not null,
    updated_by  varchar(256)             not null,
    constraint uq_tool_key unique (tenant_id, tool_key)
);

create table tool_action (
    id              varchar(36)   not null primary key,
    tool_id         varchar(36)   not null references tool (id) on delete cascade,
    action_key      varchar(100)  not null,
    risk_class      varchar(32)   not null,
    argument_schema varchar(20000) not null,
    description     varchar(2000),
    constraint uq_tool_action unique (tool_id, action_key),
    constraint ck_tool_action_risk check (risk_class in ('READ', 'WRITE', 'MONEY_MOVEMENT', 'DELETION',
        'EXTERNAL_COMMUNICATION', 'PERMISSION_GRANT', 'PRODUCTION_CHANGE'))
);

create table task_type (
    id                      varchar(36)              not null primary key,
    tenant_id               varchar(63)              not null references tenant (id),
    workflow_id             varchar(36)              not null references workflow (id),
    type_key                varchar(100)             not null,
    name                    varchar(200)             not null,
    definition              varchar(4000)            not null,
    success_criteria        varchar(4000)            not null,
    risk_level              varchar(16)              not null,
    target_success_rate     numeric(5, 4),
    target_escalation_rate  numeric(5, 4),
    target_p95_ms           bigint,
    target_cost_per_task    numeric(12, 4),
    max_model_calls         integer,
    max_tool_calls          integer,
    max_cost_per_task       numeric(12, 4),
    shadow_mode             boolean                  not null,
    version                 bigint                   not null,
    created_at              timestamp with time zone not null,
    created_by              varchar(256)             not null,
    updated_at              timestamp with time zone not null,
    updated_by              varchar(256)             not null,
    constraint uq_task_type_key unique (tenant_id, type_key),
    constraint ck_task_type_risk check (risk_level in ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL'))
);

create table task_type_tool (
    task_type_id varchar(36)  not null references task_type (id) on delete cascade,
    tool_key     varchar(100) not null,
    action_key   varchar(100) not null,
    primary key (task_type_id, tool_key, action_key)
);

create table task_type_refusal (
    task_type_id varchar(36)  not null references task_type (id) on delete cascade,
    position     integer      not null,
    field_path   varchar(200) not null,
    operator     varchar(16)  not null,
    operand      varchar(500),
    reason       varchar(500) not null,
    primary key (task_type_id, position)
);

create table agent_tool_tier (
    tenant_id  varchar(63)              not null references tenant (id),
    agent_id   varchar(36)              not null references agent (id),
    tool_key   varchar(100)             not null,
    tier       varchar(32)              not null,
    updated_at timestamp with time zone not null,
    updated_by varchar(256)             not null,
    primary key (agent_id, tool_key)
);

create table kill_switch (
    id         varchar(36)              not null primary key,
    tenant_id  varchar(63)              not null,
    scope      varchar(16)              not null,
    target     varchar(200)             not null,
    active     boolean                  not null,
    reason     varchar(500)             not null,
    changed_by varchar(256)             not null,
    changed_at timestamp with time zone not null,
    version    bigint                   not null,
    constraint uq_kill_switch unique (tenant_id, scope, target),
    constraint ck_kill_switch_scope check (scope in ('GLOBAL', 'TENANT', 'AGENT', 'TOOL'))
);

-- a spend limit and its running total per period; reservations are conditional updates of spent_cost
create table budget (
    id         varchar(36)              not null primary key,
    tenant_id  varchar(63)              not null references tenant (id),
    scope      varchar(16)              not null,
    subject    varchar(36)              not null,
    period     varchar(8)               not null,
    max_cost   numeric(14, 4)           not null,
    version    bigint                   not null,
    updated_at timestamp with time zone not null,
    updated_by varchar(256)             not null,
    constraint uq_budget unique (tenant_id, scope, subject, period),
    constraint ck_budget_scope check (scope in ('TENANT', 'AGENT')),
    constraint ck_budget_period check (period in ('DAY', 'WEEK'))
);

create table budget_usage (
    budget_id    varchar(36)    not null references budget (id) on delete cascade,
    period_start date           not null,
    spent_cost   numeric(14, 4) not null,
    primary key (budget_id, period_start)
);

create table task_usage (
    tenant_id   varchar(63)    not null references tenant (id),
    task_id     varchar(200)   not null,
    model_calls integer        not null,
    tool_calls  integer        not null,
    cost        numeric(14, 4) not null,
    primary key (tenant_id, task_id)
);

create table envelope (
    id              varchar(36)              not null primary key,
    tenant_id       varchar(63)              not null references tenant (id),
    agent_id        varchar(36)              not null references agent (id),
    task_id         varchar(200)             not null,
    task_type       varchar(100)             not null,
    tool_key        varchar(100)             not null,
    action_key      varchar(100)             not null,
    trace_id        varchar(32)              not null,
    decision        varchar(20)              not null,
    reasons         varchar(4000)            not null,
    rule_ids        varchar(2000)            not null,
    policy_version  varchar(40)              not null,
    tier            varchar(32)              not null,
    risk_class      varchar(32)              not null,
    cost            numeric(14, 4)           not null,
    request_json    varchar(200000)          not null,
    explain_json    varchar(20000)           not null,
    created_at      timestamp with time zone not null
);
create index ix_envelope_tenant_created on envelope (tenant_id, created_at);
create index ix_envelope_agent on envelope (agent_id, created_at);

create table idempotency_key (
    tenant_id       varchar(63)              not null,
    agent_id        varchar(36)              not null,
    idem_key        varchar(255)             not null,
    request_hash    varchar(64)              not null,
    state           varchar(12)              not null,
    response_status integer,
    response_body   varchar(20000),
    created_at      timestamp with time zone not null,
    primary key (tenant_id, agent_id, idem_key)
);
create index ix_idempotency_created on idempotency_key (created_at);
