-- Signed webhook notifications. A tenant's administrators subscribe URLs to event types; whoever raises an
-- event (approvals, escalations) adds one delivery per enabled subscription that takes its type to the write
-- batch of its own change (the outbox): the event and its deliveries commit together. Agents' callbacks of
-- those features are deliveries without a subscription. Workers on any server take due deliveries under a
-- short lease, sign and send them (Standard Webhooks), and retry with backoff up to a limit.
create table webhook_subscription (
    id          varchar(36)              not null primary key,
    tenant_id   varchar(63)              not null,
    name        varchar(100)             not null,
    url         varchar(2000)            not null,
    -- the event types it takes, comma-separated, or '*' for every one
    event_types varchar(1000)            not null,
    enabled     boolean                  not null,
    version     bigint                   not null,
    created_at  timestamp with time zone not null,
    created_by  varchar(256)             not null,
    updated_at  timestamp with time zone not null,
    updated_by  varchar(256)             not null,
    constraint uq_webhook_subscription_name unique (tenant_id, name)
);

-- one message to one URL: its body is fixed when the event is raised, so every attempt sends the same bytes
-- under the same webhook-id (the row's id); the log of a tenant's deliveries reads it newest first
create table webhook_delivery (
    id                varchar(36)              not null primary key,
    tenant_id         varchar(63)              not null,
    -- null for an agent's callback; kept (with the name) when the subscription is deleted
    subscription_id   varchar(36),
    subscription_name varchar(100),
    url               varchar(2000)            not null,
    event_type        varchar(64)              not null,
    subject_id        varchar(200),
    body              varchar(262144)          not null,
    status            varchar(12)              not null,
    attempts          integer                  not null,
    -- FAILED once attempts reach it; a redelivery moves it on
    attempt_limit     integer                  not null,
    next_attempt_at   timestamp with time zone not null,
    lease_owner       varchar(36),
    lease_until       timestamp with time zone,
    last_error        varchar(500),
    last_http_status  integer,
    created_at        timestamp with time zone not null,
    delivered_at      timestamp with time zone,
    constraint ck_webhook_delivery_status check (status in ('PENDING', 'SENDING', 'DELIVERED', 'FAILED'))
);
create index ix_webhook_delivery_due on webhook_delivery (status, next_attempt_at);
create index ix_webhook_delivery_log on webhook_delivery (tenant_id, created_at, id);
create index ix_webhook_delivery_subscription on webhook_delivery (subscription_id, status);
