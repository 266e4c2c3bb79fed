-- People in the loop. A REQUIRE_APPROVAL decision opens an approval request bound to the hash of the
-- envelope's canonical arguments; approvers vote (M of N distinct people), one veto rejects. ESCALATE
-- decisions, executions that need a person, and approvals that expire into the queue become escalation
-- items that one person at a time holds and resolves. Every human judgement is kept as a labelled example.

-- how approvals are routed: per rule that fired, task type, risk class, or the tenant default
create table approval_policy (
    tenant_id           varchar(63)              not null,
    -- 'rule:<ruleId>', 'task-type:<key>', 'risk-class:<CLASS>' or 'default'
    selector            varchar(220)             not null,
    required_approvals  integer                  not null,
    sponsor_may_approve boolean                  not null,
    sla_class           varchar(63)              not null,
    updated_at          timestamp with time zone not null,
    updated_by          varchar(256)             not null,
    primary key (tenant_id, selector),
    constraint ck_approval_policy_required check (required_approvals between 1 and 10)
);

-- how long people have, and what happens when they take too long (Entra access packages:
-- durationBeforeEscalation, durationBeforeAutomaticDenial)
create table sla_class (
    tenant_id               varchar(63)              not null,
    name                    varchar(63)              not null,
    decide_within_seconds   bigint                   not null,
    warn_before_seconds     bigint                   not null,
    on_expiry               varchar(16)              not null,
    fallback_roles          varchar(2000)            not null,
    fallback_within_seconds bigint                   not null,
    updated_at              timestamp with time zone not null,
    updated_by              varchar(256)             not null,
    primary key (tenant_id, name),
    constraint ck_sla_class_on_expiry check (on_expiry in ('DENY', 'FALLBACK', 'QUEUE'))
);

create table approval_request (
    id                  varchar(36)              not null primary key,
    tenant_id           varchar(63)              not null,
    envelope_id         varchar(36)              not null,
    agent_id            varchar(36)              not null,
    sponsor             varchar(256),
    task_id             varchar(200)             not null,
    task_type           varchar(100)             not null,
    tool_key            varchar(100)             not null,
    action_key          varchar(100)             not null,
    risk_class          varchar(32)              not null,
    arguments_hash      varchar(64)              not null,
    required_approvals  integer                  not null,
    sponsor_may_approve boolean                  not null,
    sla_class           varchar(63)              not null,
    on_expiry           varchar(16)              not null,
    due_at              timestamp with time zone not null,
    warn_at             timestamp with time zone not null,
    warned              boolean                  not null,
    -- past the first due time, with fallback approvers now
    fallback            boolean                  not null,
    status              varchar(12)              not null,
    held_cost           numeric(19, 6)           not null,
    model_calls         integer                  not null,
    callback_url        varchar(2000),
    decided_at          timestamp with time zone,
    decided_by          varchar(256),
    decision_reason     varchar(2000),
    created_at          timestamp with time zone not null,
    constraint uq_approval_envelope unique (envelope_id),
    constraint ck_approval_status check (status in ('PENDING', 'APPROVED', 'REJECTED', 'EXPIRED'))
);
create index ix_approval_inbox on approval_request (tenant_id, status, due_at, id);
create index ix_approval_due on approval_request (status, due_at);
create index ix_approval_warn on approval_request (status, warned, warn_at);

-- the roles whose holders may decide a request (the first ones, then the fallback ones)
create table approval_route (
    approval_id varchar(36)  not null references approval_request (id) on delete cascade,
    role_name   varchar(100) not null,
    fallback    boolean      not null,
    primary key (approval_id, role_name)
);
create index ix_approval_route_role on approval_route (role_name, approval_id);

create table approval_vote (
    approval_id varchar(36)              not null references approval_request (id) on delete cascade,
    approver    varchar(256)             not null,
    vote        varchar(8)               not null,
    reason      varchar(2000),
    role_name   varchar(100)             not null,
    created_at  timestamp with time zone not null,
    primary key (approval_id, approver),
    constraint ck_approval_vote check (vote in ('APPROVE', 'REJECT'))
);

create table escalation_item (
    id                   varchar(36)              not null primary key,
    tenant_id            varchar(63)              not null,
    envelope_id          varchar(36)              not null,
    source               varchar(24)              not null,
    agent_id             varchar(36)              not null,
    task_type            varchar(100)             not null,
    tool_key             varchar(100)             not null,
    action_key           varchar(100)             not null,
    risk_class           varchar(32)              not null,
    why                  varchar(2000)            not null,
    suggested_action     varchar(20)              not null,
    suggestion_reason    varchar(2000)            not null,
    sla_class            varchar(63)              not null,
    due_at               timestamp with time zone not null,
    warn_at              timestamp with time zone not null,
    warned               boolean                  not null,
    breached             boolean                  not null,
    status               varchar(10)              not null,
    assignee             varchar(256),
    claimed_at           timestamp with time zone,
    resolution           varchar(20),
    resolution_reason    varchar(2000),
    edited_arguments     varchar(200000),
    result_envelope_id   varchar(36),
    resolved_by          varchar(256),
    resolved_at          timestamp with time zone,
    created_at           timestamp with time zone not null,
    constraint uq_escalation_source unique (envelope_id, source),
    constraint ck_escalation_source check (source in ('ESCALATE_DECISION', 'BUDGET_EXHAUSTED',
        'EXECUTION_FAILED', 'OUTCOME_UNKNOWN', 'APPROVAL_EXPIRED', 'LOW_CONFIDENCE')),
    constraint ck_escalation_status check (status in ('OPEN', 'CLAIMED', 'RESOLVED')),
    constraint ck_escalation_resolution check (resolution is null or resolution in ('EXECUTE', 'EXECUTE_EDITED',
        'REJECT', 'RETURN_TO_AGENT'))
);
create index ix_escalation_queue on escalation_item (tenant_id, status, due_at, id);
create index ix_escalation_due on escalation_item (status, due_at);
create index ix_escalation_warn on escalation_item (status, warned, warn_at);

-- what people decided, as eval cases: the input, the machine's decision, what the person did and why
create table labelled_example (
    id               varchar(36)              not null primary key,
    tenant_id        varchar(63)              not null,
    source           varchar(12)              not null,
    source_id        varchar(36)              not null,
    envelope_id      varchar(36)              not null,
    agent_id         varchar(36)              not null,
    task_type        varchar(100)             not null,
    tool_key         varchar(100)             not null,
    action_key       varchar(100)             not null,
    risk_class       varchar(32)              not null,
    machine_decision varchar(20)              not null,
    human_action     varchar(20)              not null,
    reason           varchar(2000),
    input_json       varchar(200000)          not null,
    edited_arguments varchar(200000),
    labelled_by      varchar(256)             not null,
    created_at       timestamp with time zone not null,
    constraint ck_labelled_source check (source in ('APPROVAL', 'ESCALATION'))
);
create index ix_labelled_tenant on labelled_example (tenant_id, created_at, id);
create index ix_labelled_task_type on labelled_example (tenant_id, task_type, created_at);
create index ix_labelled_envelope on labelled_example (envelope_id);
