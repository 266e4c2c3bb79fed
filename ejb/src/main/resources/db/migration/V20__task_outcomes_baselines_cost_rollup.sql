-- Task outcomes, the customer's baselines, and what the nightly cost rollup and drift jobs compute from
-- them. Portable SQL: runs on PostgreSQL (production, tests) and H2 2.x (quick start).

-- How a task ended, as the agent that worked it (or a person) says. A task is the agent's own: task ids
-- are chosen by agents (see V10), so an outcome belongs to (tenant, agent, task id); one per task.
create table task_outcome (
    tenant_id        varchar(63)              not null,
    agent_id         varchar(36)              not null,
    task_id          varchar(200)             not null,
    task_type        varchar(100)             not null,
    outcome          varchar(12)              not null,
    complete_seconds bigint                   not null,
    review_seconds   bigint                   not null,
    recorded_by      varchar(256)             not null,
    recorded_at      timestamp with time zone not null,
    constraint pk_task_outcome primary key (tenant_id, agent_id, task_id),
    constraint ck_task_outcome check (outcome in ('RESOLVED', 'ESCALATED', 'FAILED', 'ABANDONED'))
);

-- finding the envelopes and executions of one task (the outcome's check, the rollup's per-task figures)
create index ix_envelope_task on envelope (tenant_id, agent_id, task_id, created_at);
create index ix_execution_task on execution (tenant_id, agent_id, task_id);

-- What the work costs today without Mandate, per workflow ('' task type: the whole workflow) or per task
-- type, as the customer measured it: the ROI's inputs.
create table baseline (
    id                 varchar(36)              not null primary key,
    tenant_id          varchar(63)              not null,
    workflow_key       varchar(100)             not null,
    task_type          varchar(100)             not null,
    weekly_volume      bigint,
    sla_target_minutes bigint,
    cost_per_item      numeric(14, 4)           not null,
    handling_minutes   numeric(12, 2)           not null,
    backlog            bigint,
    hourly_rate        numeric(12, 4)           not null,
    version            bigint                   not null,
    updated_at         timestamp with time zone not null,
    updated_by         varchar(256)             not null,
    constraint uq_baseline unique (tenant_id, workflow_key, task_type)
);

-- The cost and outcome rollup: one row per tenant, day (of the task's first envelope, UTC), task type
-- and agent. A day's rows are replaced as a whole, in one transaction, whenever the day is rolled up.
create table cost_rollup (
    tenant_id              varchar(63)              not null,
    rollup_day             date                     not null,
    workflow_key           varchar(100)             not null,
    task_type              varchar(100)             not null,
    agent_id               varchar(36)              not null,
    tasks                  integer                  not null,
    resolved               integer                  not null,
    escalated              integer                  not null,
    failed                 integer                  not null,
    denied                 integer                  not null,
    abandoned              integer                  not null,
    still_open             integer                  not null,
    envelopes              integer                  not null,
    denied_envelopes       integer                  not null,
    tool_calls             integer                  not null,
    retries                integer                  not null,
    success_rate           numeric(7, 6)            not null,
    escalation_rate        numeric(7, 6)            not null,
    target_success_rate    numeric(5, 4),
    target_escalation_rate numeric(5, 4),
    model_cost             numeric(19, 6)           not null,
    tool_cost              numeric(19, 6)           not null,
    review_hours           numeric(19, 6)           not null,
    review_cost            numeric(19, 6)           not null,
    total_cost             numeric(19, 6)           not null,
    cost_per_task          numeric(19, 6)           not null,
    resolved_cost_p50      numeric(19, 6),
    resolved_cost_p95      numeric(19, 6),
    latency_p50_ms         bigint,
    latency_p95_ms         bigint,
    baseline_cost_per_item numeric(14, 4),
    baseline_hours_saved   numeric(19, 6),
    hourly_rate            numeric(12, 4),
    roi                    numeric(19, 6),
    job_execution_id       bigint                   not null,
    computed_at            timestamp with time zone not null,
    constraint pk_cost_rollup primary key (tenant_id, rollup_day, task_type, agent_id)
);

-- a day the rollup could not compute (its figures do not fit the columns above): its rows stay as they
-- were, and the reason is kept here
create table cost_rollup_skip (
    tenant_id        varchar(63)              not null,
    job_execution_id bigint                   not null,
    rollup_day       date                     not null,
    reason           varchar(2000)            not null,
    skipped_at       timestamp with time zone not null,
    constraint pk_cost_rollup_skip primary key (tenant_id, job_execution_id, rollup_day)
);

-- Drift: the last 7 days against the last 30 per task type and metric, replaced whole on every run.
create table drift_report (
    tenant_id        varchar(63)              not null,
    task_type        varchar(100)             not null,
    metric           varchar(20)              not null,
    recent_value     numeric(19, 6),
    reference_value  numeric(19, 6),
    change_value     numeric(19, 6),
    threshold        numeric(19, 6)           not null,
    flagged          boolean                  not null,
    recent_tasks     bigint                   not null,
    reference_tasks  bigint                   not null,
    recent_from      date                     not null,
    reference_from   date                     not null,
    through_day      date                     not null,
    job_execution_id bigint                   not null,
    computed_at      timestamp with time zone not null,
    constraint pk_drift_report primary key (tenant_id, task_type, metric),
    constraint ck_drift_metric check (metric in ('SUCCESS_RATE', 'ESCALATION_RATE', 'DENIAL_RATE', 'COST_PER_TASK'))
);
