-- Execution through the tool proxy. An allowed envelope whose action has a connector gets one execution,
-- written in the decision's own transaction (the outbox): the decision and the request to act commit
-- together. Workers on any server take due executions under a lease; every attempt sends the same
-- downstream idempotency key.
create table execution (
    id               varchar(36)              not null primary key,
    tenant_id        varchar(63)              not null,
    envelope_id      varchar(36)              not null,
    agent_id         varchar(36)              not null,
    tool_key         varchar(100)             not null,
    action_key       varchar(100)             not null,
    task_id          varchar(200),
    trace_id         varchar(32)              not null,
    on_behalf_of     varchar(256),
    idempotency_key  varchar(100)             not null,
    arguments_json   varchar(200000)          not null,
    status           varchar(20)              not null,
    attempts         integer                  not null,
    next_attempt_at  timestamp with time zone not null,
    -- an attempt may have acted and nobody knows: the next one asks the tool first (status probe)
    unsettled        boolean                  not null,
    lease_millis     integer                  not null,
    lease_owner      varchar(100),
    lease_until      timestamp with time zone,
    reason           varchar(2000),
    http_status      integer,
    result_json      varchar(10485760),
    result_truncated boolean                  not null,
    cost             numeric(19, 6)           not null,
    tool_millis      bigint                   not null,
    cache_hit        boolean                  not null,
    callback_url     varchar(2000),
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null,
    finished_at      timestamp with time zone,
    constraint uq_execution_envelope unique (envelope_id),
    constraint ck_execution_status check (status in ('QUEUED', 'IN_FLIGHT', 'SUCCEEDED', 'FAILED',
        'OUTCOME_UNKNOWN', 'CANCELLED'))
);
create index ix_execution_due on execution (status, next_attempt_at);
create index ix_execution_lease on execution (status, lease_until);
create index ix_execution_tenant on execution (tenant_id, status, created_at);

-- every attempt and status probe, as it ended (an attempt a crash cut short is recorded when its lease
-- runs out)
create table execution_attempt (
    execution_id varchar(36)              not null references execution (id) on delete cascade,
    attempt      integer                  not null,
    kind         varchar(8)               not null,
    started_at   timestamp with time zone not null,
    millis       bigint                   not null,
    outcome      varchar(20)              not null,
    http_status  integer,
    detail       varchar(2000),
    cost         numeric(19, 6)           not null,
    primary key (execution_id, attempt),
    constraint ck_execution_attempt_kind check (kind in ('CALL', 'PROBE', 'CACHE', 'LEASE'))
);

-- the agent's callback, once the execution has ended: delivered at least once, signed (Standard Webhooks),
-- retried with backoff; written in the transaction that records the end
create table execution_callback (
    execution_id    varchar(36)              not null primary key references execution (id) on delete cascade,
    tenant_id       varchar(63)              not null,
    url             varchar(2000)            not null,
    status          varchar(12)              not null,
    attempts        integer                  not null,
    next_attempt_at timestamp with time zone not null,
    lease_until     timestamp with time zone,
    last_error      varchar(500),
    delivered_at    timestamp with time zone,
    constraint ck_execution_callback_status check (status in ('PENDING', 'SENDING', 'DELIVERED', 'FAILED'))
);
create index ix_execution_callback_due on execution_callback (status, next_attempt_at);
