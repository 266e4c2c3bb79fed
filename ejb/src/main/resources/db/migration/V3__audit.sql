-- Tamper-evident audit: append-only records in hash chains, sealed by signed checkpoints.
-- Portable SQL: runs on PostgreSQL (production, tests) and H2 2.x (quick start).
-- No foreign key to tenant on purpose: a decision is audited even when it is rejected before its
-- tenant is registered, and audit rows must outlive everything they describe.

-- One row per chain: several chains per tenant (a shard of its agents/actors), so concurrent
-- decisions of different agents do not wait on one lock. The row is the chain's head: appenders lock
-- it (select ... for update) only for their own shard, take the next sequence and move the head.
create table audit_chain (
    id                      varchar(80)              not null primary key,
    tenant_id               varchar(63)              not null,
    chain                   integer                  not null,
    head_sequence           bigint                   not null,
    head_hash               varchar(64)              not null,
    head_time               timestamp with time zone,
    sealed_sequence         bigint                   not null,
    checkpoint_count        bigint                   not null,
    checkpoint_hash         varchar(64)              not null,
    constraint uq_audit_chain_tenant_chain unique (tenant_id, chain)
);

-- The records. Written once, in the transaction of the change they describe; never updated or
-- deleted by the application. hash = SHA-256 over the canonical form of every column but hash.
create table audit_record (
    id              varchar(36)              not null primary key,
    tenant_id       varchar(63)              not null,
    chain           integer                  not null,
    sequence        bigint                   not null,
    recorded_at     timestamp with time zone not null,
    actor           varchar(256)             not null,
    agent_id        varchar(128),
    task_id         varchar(128),
    trace_id        varchar(128),
    action          varchar(100)             not null,
    outcome         varchar(32)              not null,
    rule_ids        varchar(2000)            not null,
    input_summary   varchar(2000),
    policy_version  varchar(100),
    details         varchar(8000)            not null,
    previous_hash   varchar(64)              not null,
    hash            varchar(64)              not null,
    constraint uq_audit_record_chain_sequence unique (tenant_id, chain, sequence)
);
create index ix_audit_record_tenant_time on audit_record (tenant_id, recorded_at);
create index ix_audit_record_tenant_agent on audit_record (tenant_id, agent_id);
create index ix_audit_record_tenant_trace on audit_record (tenant_id, trace_id);

-- Signed checkpoints ("signed tree heads"): per chain, the head at sealing time, chained to the
-- previous checkpoint and signed (JWS, RS256) with the audit signing key.
create table audit_checkpoint (
    id                       varchar(36)              not null primary key,
    tenant_id                varchar(63)              not null,
    chain                    integer                  not null,
    number                   bigint                   not null,
    record_sequence          bigint                   not null,
    head_hash                varchar(64)              not null,
    sealed_at                timestamp with time zone not null,
    previous_checkpoint_hash varchar(64)              not null,
    key_id                   varchar(100)             not null,
    hash                     varchar(64)              not null,
    signature                varchar(4000)            not null,
    constraint uq_audit_checkpoint_chain_number unique (tenant_id, chain, number)
);
