-- Alerts on spikes (dev.mandate.alert). A tenant's rules say which metric to watch over which window; an
-- evaluation compares the current window with the windows before it and opens, updates or resolves one alert
-- per rule and key. Same DDL on PostgreSQL and H2.

create table alert_rule (
    id               varchar(36)              not null primary key,
    tenant_id        varchar(63)              not null,
    name             varchar(100)             not null,
    -- RETRIES, TOOL_ERRORS, DENIALS, COST_PER_TASK, BUDGET_USE, SLA_BREACHES
    metric           varchar(20)              not null,
    -- TENANT, TOOL, TASK_TYPE or WORKFLOW; scope_value names the tool, task type or workflow
    scope            varchar(12)              not null,
    scope_value      varchar(100),
    window_seconds   integer                  not null,
    baseline_windows integer                  not null,
    sensitivity      numeric(6, 2)            not null,
    min_count        integer                  not null,
    threshold        numeric(19, 6),
    enabled          boolean                  not null,
    version          bigint                   not null,
    created_at       timestamp with time zone not null,
    created_by       varchar(256)             not null,
    updated_at       timestamp with time zone not null,
    updated_by       varchar(256)             not null,
    last_evaluated_at timestamp with time zone,
    constraint uq_alert_rule_name unique (tenant_id, name)
);
-- the scheduled evaluation takes the rules evaluated longest ago first
create index ix_alert_rule_due on alert_rule (enabled, last_evaluated_at);

-- one row per alert: open (OPEN or ACKNOWLEDGED) until resolved by a person or by the evaluation. open_key is
-- '<rule id>/<key>' while the alert is open and null once resolved: its unique constraint keeps one open alert
-- per rule and key, whichever server evaluates
create table alert (
    id                 varchar(36)              not null primary key,
    tenant_id          varchar(63)              not null,
    rule_id            varchar(36)              not null,
    rule_name          varchar(100)             not null,
    metric             varchar(20)              not null,
    alert_key          varchar(200)             not null,
    open_key           varchar(240),
    status             varchar(12)              not null,
    current_value      numeric(19, 6)           not null,
    peak_value         numeric(19, 6)           not null,
    baseline_mean      numeric(19, 6),
    baseline_deviation numeric(19, 6),
    limit_value        numeric(19, 6),
    fired_at           timestamp with time zone not null,
    last_firing_at     timestamp with time zone not null,
    firing_evaluations integer                  not null,
    updated_at         timestamp with time zone not null,
    acknowledged_at    timestamp with time zone,
    acknowledged_by    varchar(256),
    acknowledge_note   varchar(2000),
    resolved_at        timestamp with time zone,
    resolved_by        varchar(256),
    resolution_reason  varchar(2000),
    constraint uq_alert_open unique (open_key),
    constraint ck_alert_status check (status in ('OPEN', 'ACKNOWLEDGED', 'RESOLVED'))
);
create index ix_alert_tenant on alert (tenant_id, fired_at, id);
create index ix_alert_rule on alert (rule_id, status);

-- one evaluation at a time across servers: every server's timer fires, the one whose conditional update moves
-- the slot forward runs the evaluation
create table alert_evaluation_slot (
    id        integer                  not null primary key,
    slot      timestamp with time zone not null,
    server_id varchar(200),
    taken_at  timestamp with time zone
);
insert into alert_evaluation_slot (id, slot) values (1, timestamp with time zone '1970-01-01 00:00:00+00');

-- what the metrics read, by tenant and time: attempts are found through their execution's creation time
create index ix_execution_tenant_created on execution (tenant_id, created_at);
create index ix_approval_decided on approval_request (tenant_id, status, decided_at);
create index ix_escalation_breached on escalation_item (tenant_id, breached, due_at);
