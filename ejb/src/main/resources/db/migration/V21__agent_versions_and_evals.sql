-- Agent versions, eval datasets, eval runs and release gates.
-- An agent has versions (the model, prompt and code that produce its envelopes); an envelope may name the
-- version that produced it, which must exist for that agent.
create table agent_version (
    tenant_id     varchar(63)              not null,
    agent_id      varchar(36)              not null references agent (id),
    version       varchar(64)              not null,
    model         varchar(200)             not null,
    prompt_ref    varchar(2000),
    code_ref      varchar(500),
    -- where an eval run asks this version for its envelope for a case input; null: the case input is it
    eval_endpoint varchar(2000),
    created_by    varchar(256)             not null,
    created_at    timestamp with time zone not null,
    constraint pk_agent_version primary key (agent_id, version)
);
create index ix_agent_version_tenant on agent_version (tenant_id, agent_id, created_at);

alter table envelope add column agent_version varchar(64);

-- A dataset version is immutable: a new import is a new version; its cases are written with it, at once.
create table eval_dataset_version (
    id          varchar(36)              not null primary key,
    tenant_id   varchar(63)              not null,
    dataset     varchar(100)             not null,
    version     integer                  not null,
    -- IMPORT (JSON Lines or CSV) or LABELLED (reviewer outcomes of the escalation queue)
    source      varchar(12)              not null,
    cases       integer                  not null,
    sha256      varchar(64)              not null,
    created_by  varchar(256)             not null,
    created_at  timestamp with time zone not null,
    constraint uq_eval_dataset_version unique (tenant_id, dataset, version)
);

create table eval_case (
    dataset_version_id varchar(36)     not null references eval_dataset_version (id),
    seq                integer         not null,
    case_key           varchar(200)    not null,
    kind               varchar(32)     not null,
    task_type          varchar(100)    not null,
    input_json         varchar(200000) not null,
    expected_decision  varchar(20)     not null,
    expected_tool      varchar(100),
    expected_action    varchar(100),
    expected_arguments varchar(200000),
    constraint pk_eval_case primary key (dataset_version_id, seq)
);

-- One replay of a dataset version by one agent version; the job instance that runs it (restarts included).
create table eval_run (
    id                 varchar(36)              not null primary key,
    tenant_id          varchar(63)              not null,
    dataset_version_id varchar(36)              not null references eval_dataset_version (id),
    agent_id           varchar(36)              not null,
    agent_version      varchar(64)              not null,
    job_instance_id    bigint,
    status             varchar(12)              not null,
    policy_version     varchar(40),
    config_generation  varchar(40),
    cases              integer,
    succeeded          integer,
    tool_correct       integer,
    compliant          integer,
    escalated          integer,
    failed             integer,
    cost               numeric(18, 4),
    created_by         varchar(256)             not null,
    created_at         timestamp with time zone not null,
    finished_at        timestamp with time zone,
    constraint ck_eval_run_status check (status in ('STARTING', 'RUNNING', 'COMPLETED', 'FAILED'))
);
create index ix_eval_run_tenant on eval_run (tenant_id, created_at, id);
create unique index ux_eval_run_job on eval_run (job_instance_id);

-- written with the chunk's checkpoint: a restart goes on after the last case committed, none twice
create table eval_case_result (
    run_id       varchar(36)    not null references eval_run (id),
    seq          integer        not null,
    decision     varchar(20),
    success      boolean        not null,
    tool_correct boolean        not null,
    compliant    boolean        not null,
    cost         numeric(14, 4) not null,
    error        varchar(2000),
    reasons      varchar(4000),
    constraint pk_eval_case_result primary key (run_id, seq)
);

create table eval_gate (
    id             varchar(36)              not null primary key,
    tenant_id      varchar(63)              not null,
    candidate_run  varchar(36)              not null references eval_run (id),
    current_run    varchar(36)              not null references eval_run (id),
    verdict        varchar(8)               not null,
    figures_json   varchar(8000)            not null,
    created_by     varchar(256)             not null,
    created_at     timestamp with time zone not null,
    constraint ck_eval_gate_verdict check (verdict in ('PASS', 'BLOCK'))
);
create index ix_eval_gate_tenant on eval_gate (tenant_id, created_at, id);
